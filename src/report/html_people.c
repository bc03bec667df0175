/*
 * Two sections of the HTML page about people (html_page.h): what the
 * handbook asks of managers, measured — their own hands-on work and
 * feedback in every direction — and the names the org chart does not
 * know. Under privacy = team the document holds only team-level rows and
 * counts, and that is what is drawn.
 */
#include <string.h>

#include "report/html_escape.h"
#include "report/html_page.h"




static void cell(as_buf *b, const json_t *v)
{
	as_buf_puts(b, "<td class=\"n\">");
	as_html_number(b, v, 1);
	as_buf_puts(b, "</td>");
}

/* The columns both tables share: work, the median beside it, feedback. */
static void work_cells(as_buf *b, const json_t *r)
{
	cell(b, as_html_get(r, "commits"));
	cell(b, as_html_get(r, "reviews_given"));
	cell(b, as_html_get(r, "team_median_commits"));
	cell(b, as_html_get(r, "team_median_reviews_given"));
	cell(b, as_html_get(r, "feedback_to_reports"));
	cell(b, as_html_get(r, "feedback_from_reports"));
}

static const char work_heads[] =
	"<th scope=\"col\" class=\"n\">Commits</th><th scope=\"col\" class=\"n\">Reviews given</th>"
	"<th scope=\"col\" class=\"n\">Their people: median commits</th>"
	"<th scope=\"col\" class=\"n\">median reviews</th>"
	"<th scope=\"col\" class=\"n\">Feedback to reports</th>"
	"<th scope=\"col\" class=\"n\">from reports</th>";

static void people_table(as_buf *b, json_t *people, long long months)
{
	size_t i;
	json_t *r, *t;
	as_html_scroll_open(b, 10);
	as_buf_printf(b, "<table><thead><tr><th scope=\"col\">Manager</th><th scope=\"col\">Teams</th>"
		      "<th scope=\"col\">Hands-on (%lld months)</th>%s<th scope=\"col\">Last work"
		      "</th></tr></thead><tbody>", months, work_heads);
	json_array_foreach(people, i, r) {
		if (i == AS_HTML_MAX_ROWS)
			break;
		size_t k;
		as_buf_puts(b, "<tr><th scope=\"row\">");
		as_html_text(b, as_html_str(r, "manager"));
		as_buf_puts(b, "</th><td>");
		json_array_foreach(as_html_get(r, "teams"), k, t) {
			as_buf_puts(b, k ? ", " : "");
			as_html_text(b, json_string_value(t));
		}
		as_buf_puts(b, json_is_true(as_html_get(r, "hands_on")) ? "</td><td>yes</td>"
			    : "</td><td><span class=\"up\">no: none in that time</span></td>");
		work_cells(b, r);
		as_buf_puts(b, "<td>");
		as_html_day(b, as_html_str(r, "last_work"), "none");
		as_buf_puts(b, "</td></tr>");
	}
	as_buf_puts(b, "</tbody></table></div>");
}

static void team_table(as_buf *b, json_t *rows)
{
	size_t i;
	json_t *r;
	as_html_scroll_open(b, 9);
	as_buf_printf(b, "<table><thead><tr><th scope=\"col\">Team</th><th scope=\"col\" class=\"n\">"
		      "Managers</th><th scope=\"col\" class=\"n\">Not hands-on</th>%s</tr></thead><tbody>",
		      work_heads);
	json_array_foreach(rows, i, r) {
		if (i == AS_HTML_MAX_ROWS)
			break;
		as_buf_puts(b, "<tr><th scope=\"row\">");
		as_html_text(b, as_html_str(r, "team"));
		as_buf_puts(b, "</th>");
		cell(b, as_html_get(r, "managers"));
		cell(b, as_html_get(r, "not_hands_on"));
		work_cells(b, r);
		as_buf_puts(b, "</tr>");
	}
	as_buf_puts(b, "</tbody></table></div>");
}

static void share_row(as_buf *b, const char *what, const json_t *n, const json_t *share)
{
	as_buf_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"n\">", what);
	as_html_number(b, n, 0);
	as_buf_puts(b, "</td><td class=\"n\">");
	as_html_percent(b, share);
	as_buf_puts(b, "</td></tr>");
}

static void directions(as_buf *b, const json_t *fb)
{
	if (!json_is_object(fb))
		return;
	as_buf_puts(b, "<h3>Feedback in every direction</h3><p>Anyone gives feedback to anyone: "
		    "reports to their managers as much as managers to their reports, and across "
		    "teams. Shares of the feedback between people the org chart knows (across teams: "
		    "of the feedback between team members).</p><div class=\"scroll\"><table><thead><tr>"
		    "<th scope=\"col\">Direction</th><th scope=\"col\" class=\"n\">Feedback</th>"
		    "<th scope=\"col\">Share</th></tr></thead><tbody>");
	share_row(b, "Managers to the people they manage", as_html_get(fb, "by_managers"), as_html_get(fb, "manager_share"));
	share_row(b, "Reports to their managers", as_html_get(fb, "by_reports"), as_html_get(fb, "report_share"));
	share_row(b, "Across teams", as_html_get(fb, "cross_team"), as_html_get(fb, "cross_team_share"));
	as_buf_puts(b, "</tbody></table></div>");
}

void as_html_managers(as_buf *b, const json_t *m)
{
	json_t *mg = as_html_get(m, "managers");

	as_buf_puts(b, "<section id=\"managers\" aria-labelledby=\"h-managers\"><h2 id=\"h-managers\">"
		    "What the handbook asks of managers</h2><p>Management is a part-time job: managers "
		    "keep practising their craft. Each manager's own commits and reviews in this period, "
		    "beside the median of the people they manage.</p>");
	if (!json_is_object(mg)) {
		as_buf_puts(b, "<p>" AS_HTML_NODATA " (no org chart)</p>");
	} else if (!as_html_int(mg, "managers")) {
		as_buf_puts(b, "<p>The org chart has no managers ([managers] is empty).</p>");
	} else {
		as_buf_printf(b, "<p><strong>%lld of %lld manager%s</strong> did no hands-on work (no commit, "
			      "no review) in the %lld months up to %.10s.", as_html_int(mg, "not_hands_on"),
			      as_html_int(mg, "managers"), as_html_int(mg, "managers") == 1 ? "" : "s",
			      as_html_int(mg, "active_months"), as_html_str(mg, "as_of") ? as_html_str(mg, "as_of") : "the end");
		if (!json_is_true(as_html_get(mg, "window_covered")))
			as_buf_puts(b, " <span class=\"muted\">The audited period is shorter than that: "
				    "work before it is not seen.</span>");
		as_buf_puts(b, "</p>");
		if (json_is_array(as_html_get(mg, "people")))
			people_table(b, as_html_get(mg, "people"), as_html_int(mg, "active_months"));
		else
			team_table(b, as_html_get(mg, "by_team"));
	}
	directions(b, as_html_get(m, "feedback"));
	as_buf_puts(b, "</section>\n");
}

/* [{"name": ..., "commits"|"count": n}] as a list; NULL: counted only */
static void name_list(as_buf *b, const json_t *names, const char *count)
{
	size_t i;
	json_t *n;
	if (!json_array_size(names))
		return;
	as_buf_puts(b, "<ul class=\"legend\">");
	json_array_foreach(names, i, n) {
		if (i == AS_HTML_MAX_ROWS)
			break;
		as_buf_puts(b, "<li><code>");
		as_html_text(b, json_is_string(n) ? json_string_value(n) : as_html_str(n, "name"));
		as_buf_puts(b, "</code>");
		if (json_is_integer(as_html_get(n, count)))
			as_buf_printf(b, " (%lld)", as_html_int(n, count));
		as_buf_puts(b, "</li>");
	}
	as_buf_puts(b, "</ul>");
}

void as_html_unknown(as_buf *b, const json_t *m)
{
	json_t *ua = as_html_get(m, "unknown_authors"), *t = as_html_get(m, "trackers");
	json_t *tnames = json_is_array(as_html_get(t, "unmatched_names")) ? as_html_get(t, "unmatched_names")
		: json_is_array(as_html_get(t, "unmatched")) ? as_html_get(t, "unmatched") : NULL;
	long long tcount = json_is_integer(as_html_get(t, "unmatched")) ? as_html_int(t, "unmatched")
		: (long long)json_array_size(tnames);

	as_buf_puts(b, "<section id=\"unknown\" aria-labelledby=\"h-unknown\"><h2 id=\"h-unknown\">"
		    "Names the org chart does not know</h2>");
	if (!as_html_int(ua, "count") && !tcount) {
		as_buf_puts(b, "<p>None: the org chart knows everyone in this range.</p></section>\n");
		return;
	}
	as_buf_puts(b, "<p>Add them to <code>[people]</code> (and their teams): until then their "
		    "assignments have the relation <em>unknown</em> and no rule about managers can "
		    "see them.</p>");
	if (as_html_int(ua, "count")) {
		as_buf_printf(b, "<h3>Authors</h3><p>%lld author%s of %lld commit%s.</p>", as_html_int(ua, "count"),
			      as_html_int(ua, "count") == 1 ? "" : "s", as_html_int(ua, "commits"),
			      as_html_int(ua, "commits") == 1 ? "" : "s");
		name_list(b, as_html_get(ua, "names"), "commits");
	}
	if (tcount) {
		as_buf_printf(b, "<h3>Task trackers</h3><p>%lld assignment%s name someone the org chart "
			      "does not know.</p>", tcount, tcount == 1 ? "" : "s");
		name_list(b, tnames, "count");
	}
	as_buf_puts(b, "</section>\n");
}
