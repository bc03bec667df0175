/*
 * The top of the HTML page (html_page.h): the summary, then what to do
 * first — the teams that receive the most top-down assignment and the
 * managers who hand out the most, each with the trend against the
 * previous period of the same length. A lead who reads only the first
 * screen knows where to start.
 */
#include <string.h>

#include "report/html_escape.h"
#include "report/html_page.h"




/* A change of a top-down share, in points: up is worse. */
static void trend_pts(as_buf *b, const json_t *v)
{
	if (!json_is_number(v)) {
		as_buf_puts(b, "<span class=\"nodata\">n/a</span>");
		return;
	}
	double pts = json_number_value(v) * 100;
	if (pts > 0.5)
		as_buf_printf(b, "<span class=\"up\">\xE2\x96\xB2 +%.0f pts</span>", pts);
	else if (pts < -0.5)
		as_buf_printf(b, "<span class=\"down\">\xE2\x96\xBC %.0f pts</span>", pts);
	else
		as_buf_puts(b, "= 0 pts");
}

/* A change of a count of top-down assignments. */
static void trend_count(as_buf *b, const json_t *v)
{
	if (!json_is_integer(v)) {
		as_buf_puts(b, "<span class=\"nodata\">n/a</span>");
		return;
	}
	long long n = (long long)json_integer_value(v);
	if (n > 0)
		as_buf_printf(b, "<span class=\"up\">\xE2\x96\xB2 +%lld</span>", n);
	else if (n < 0)
		as_buf_printf(b, "<span class=\"down\">\xE2\x96\xBC %lld</span>", n);
	else
		as_buf_puts(b, "= 0");
}

static void card_open(as_buf *b, const char *label)
{
	as_buf_printf(b, "<div class=\"card\"><span class=\"label\">%s</span><span class=\"big\">", label);
}

static void cards(as_buf *b, const json_t *doc)
{
	json_t *m = as_html_get(doc, "metrics"), *c = as_html_get(m, "compliance"), *td = as_html_get(m, "top_down");
	json_t *fs = as_html_get(doc, "findings"), *f, *score = as_html_get(c, "score");
	size_t sev[3] = { 0 }, i;

	json_array_foreach(fs, i, f) {
		const char *s = as_html_str(f, "severity");
		sev[0] += s && !strcmp(s, "error");
		sev[1] += s && !strcmp(s, "warning");
		sev[2] += s && !strcmp(s, "info");
	}
	as_buf_puts(b, "<div class=\"cards\">");
	card_open(b, "Compliance score");
	if (json_is_number(score))
		as_buf_printf(b, "%.1f <small class=\"muted\">/ 100</small></span>", json_number_value(score));
	else
		as_buf_puts(b, "<span class=\"nodata\">n/a</span></span>");
	if (json_is_true(as_html_get(c, "capped")))
		as_buf_puts(b, "<span class=\"label\">capped by top-down assignment</span>");
	else if (!json_is_number(score) && as_html_str(c, "reason"))
		as_buf_puts(b, "<span class=\"label\">see below</span>");
	as_buf_puts(b, "</div>");

	card_open(b, "Top-down assignment");
	if (json_is_number(as_html_get(td, "share"))) {
		as_buf_printf(b, "%.0f%%</span><span class=\"label\">%lld of %lld assignments with a known "
			      "relation</span>", json_number_value(as_html_get(td, "share")) * 100,
			      as_html_int(td, "top_down"), as_html_int(td, "known"));
		if (json_is_true(as_html_get(td, "compared"))) {
			as_buf_puts(b, "<span class=\"label\">");
			trend_pts(b, as_html_get(td, "change"));
			as_buf_puts(b, " on the previous period</span>");
		}
	} else {
		as_buf_puts(b, "<span class=\"nodata\">n/a</span></span><span class=\"label\">no assignment "
			    "with a known relation</span>");
	}
	as_buf_puts(b, "</div>");

	card_open(b, "Findings");
	as_buf_printf(b, "%zu</span><span class=\"label\">%zu error, %zu warning, %zu info</span></div>",
		      json_array_size(fs), sev[0], sev[1], sev[2]);
	card_open(b, "Commits scanned");
	as_html_number(b, as_html_get(doc, "commits_scanned"), 0);
	as_buf_puts(b, "</span></div></div>");
}

void as_html_summary(as_buf *b, const json_t *doc)
{
	json_t *c = as_html_get(as_html_get(doc, "metrics"), "compliance");

	as_buf_puts(b, "<section id=\"summary\" aria-labelledby=\"h-summary\">"
		    "<h2 id=\"h-summary\">Summary</h2>");
	cards(b, doc);
	if (!json_is_number(as_html_get(c, "score")) && as_html_str(c, "reason")) {
		as_buf_puts(b, "<p class=\"banner\">No compliance score: ");
		as_html_text(b, as_html_str(c, "reason"));
		as_buf_puts(b, ".</p>");
	}
	as_buf_puts(b, "</section>\n");

	/* what to do first */
	json_t *td = as_html_get(as_html_get(doc, "metrics"), "top_down"), *prev = as_html_get(doc, "previous_period");
	int compared = json_is_true(as_html_get(td, "compared"));
	const char *mode = as_html_str(as_html_get(doc, "privacy"), "mode");
	int team_only = mode && !strcmp(mode, "team");
	size_t i;
	json_t *r;

	as_buf_puts(b, "<section id=\"start\" aria-labelledby=\"h-start\"><h2 id=\"h-start\">What to do "
		    "first</h2><p>Top-down assignment, a manager or a skip-level manager setting someone's "
		    "task, is what the rule is about: start with the teams that receive most of it and "
		    "the managers who hand out most of it. Talk about context, not tasks.</p>");
	if (compared)
		as_buf_printf(b, "<p class=\"muted\">Trend: against the previous period of the same length, "
			      "%.10s to %.10s (%lld commits).</p>", as_html_str(prev, "since") ? as_html_str(prev, "since") : "?",
			      as_html_str(prev, "until") ? as_html_str(prev, "until") : "?", as_html_int(prev, "commits_scanned"));
	else if (as_html_str(prev, "reason")) {
		as_buf_puts(b, "<p class=\"muted\">No trend: ");
		as_html_text(b, as_html_str(prev, "reason"));
		as_buf_puts(b, ".</p>");
	}
	if (!json_array_size(as_html_get(td, "teams"))) {
		as_buf_puts(b, "<p>No assignment with a known relation in this period.</p></section>\n");
		return;
	}
	as_buf_puts(b, "<h3>Teams, by top-down share of the assignments they received</h3>");
	as_html_scroll_open(b, compared ? 6 : 4);
	as_buf_printf(b, "<table><thead><tr><th scope=\"col\">Team</th><th scope=\"col\" class=\"n\">Top-down"
		      "</th><th scope=\"col\" class=\"n\">Known</th><th scope=\"col\">Share</th>%s</tr></thead>"
		      "<tbody>", compared ? "<th scope=\"col\">Previous period</th><th scope=\"col\">Change</th>" : "");
	json_array_foreach(as_html_get(td, "teams"), i, r) {
		if (i == AS_HTML_MAX_ROWS)
			break;
		as_buf_puts(b, "<tr><th scope=\"row\">");
		as_html_text(b, as_html_str(r, "team"));
		as_buf_printf(b, "</th><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">",
			      as_html_int(r, "top_down"), as_html_int(r, "known"));
		as_html_percent(b, as_html_get(r, "share"));
		if (compared) {
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_percent(b, as_html_get(r, "previous_share"));
			as_buf_printf(b, " <span class=\"muted\">(%lld of %lld)</span></td><td class=\"n\">",
				      as_html_int(r, "previous_top_down"), as_html_int(r, "previous_known"));
			trend_pts(b, as_html_get(r, "change"));
		}
		as_buf_puts(b, "</td></tr>");
	}
	as_buf_puts(b, "</tbody></table></div>");
	if (json_array_size(as_html_get(td, "managers"))) {
		as_buf_printf(b, "<h3>%s, by top-down assignments made</h3>",
			      team_only ? "Managers, by the team they manage" : "Managers");
		as_html_scroll_open(b, compared ? 7 : 5);
		as_buf_printf(b, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">"
			      "Top-down</th><th scope=\"col\" class=\"n\">As manager</th><th scope=\"col\" "
			      "class=\"n\">As skip-level</th><th scope=\"col\">Share of all top-down</th>%s"
			      "</tr></thead><tbody>", team_only ? "Managers of" : "Manager",
			      compared ? "<th scope=\"col\" class=\"n\">Previous period</th><th scope=\"col\">"
			      "Change</th>" : "");
		json_array_foreach(as_html_get(td, "managers"), i, r) {
			if (i == AS_HTML_MAX_ROWS)
				break;
			as_buf_puts(b, "<tr><th scope=\"row\">");
			as_html_text(b, as_html_str(r, "manager"));
			as_buf_printf(b, "</th><td class=\"n\">%lld</td><td class=\"n\">%lld</td>"
				      "<td class=\"n\">%lld</td><td class=\"n\">", as_html_int(r, "top_down"),
				      as_html_int(r, "manager_relation"), as_html_int(r, "skip_level"));
			as_html_percent(b, as_html_get(r, "share_of_top_down"));
			if (compared) {
				as_buf_printf(b, "</td><td class=\"n\">%lld</td><td class=\"n\">",
					      as_html_int(r, "previous_top_down"));
				trend_count(b, as_html_get(r, "change"));
			}
			as_buf_puts(b, "</td></tr>");
		}
		as_buf_puts(b, "</tbody></table></div>");
	}
	as_buf_puts(b, "</section>\n");
}
