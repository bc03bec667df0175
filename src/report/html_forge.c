/*
 * The HTML report's forge section (forge.h): pull-request reviews, review
 * requests, CODEOWNERS gates and bots, and the findings of those sources
 * with their links on the forge. Drawn from the document only.
 */
#include <string.h>

#include "report/forge.h"
#include "report/html_escape.h"

#define MAX_LINKED 500

static json_t *get(const json_t *o, const char *key)
{
	return json_is_object(o) ? json_object_get(o, key) : NULL;
}

static json_int_t total(json_t *by)
{
	const char *k;
	json_t *v;
	json_int_t n = 0;
	json_object_foreach(by, k, v)
		n += json_integer_value(v);
	return n;
}

/* "<td>5</td><td>1 manager, 3 peer</td>" */
static void row(as_buf *b, const char *what, json_t *by)
{
	const char *k;
	json_t *v;
	const char *sep = "";
	as_buf_puts(b, "<tr><th scope=\"row\">");
	as_buf_puts(b, what);
	as_buf_puts(b, "</th><td class=\"num\">");
	as_buf_printf(b, "%lld", (long long)total(by));
	as_buf_puts(b, "</td><td>");
	json_object_foreach(by, k, v) {
		if (!json_integer_value(v))
			continue;
		as_buf_printf(b, "%s%lld ", sep, (long long)json_integer_value(v));
		as_html_text(b, k);
		sep = ", ";
	}
	as_buf_puts(b, "</td></tr>");
}

static int from_forge(const json_t *f)
{
	const char *src = json_string_value(get(f, "source"));
	return src && (!strcmp(src, "tracker-export") || !strcmp(src, "codeowners"));
}

static void linked_findings(as_buf *b, json_t *fs)
{
	size_t i, shown = 0;
	json_t *f;
	json_array_foreach(fs, i, f) {
		const char *url = json_string_value(get(f, "url"));
		if (!from_forge(f))
			continue;
		if (!shown)
			as_buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th>Severity</th>"
				    "<th>Rule</th><th>Where</th><th>What</th></tr></thead><tbody>");
		if (++shown > MAX_LINKED)
			break;
		as_buf_puts(b, "<tr><td>");
		as_html_text(b, json_string_value(get(f, "severity")));
		as_buf_puts(b, "</td><td>");
		as_html_text(b, json_string_value(get(f, "rule")));
		as_buf_puts(b, "</td><td>");
		if (url) {
			as_buf_puts(b, "<a href=\"");
			as_html_text(b, url);
			as_buf_puts(b, "\" rel=\"noopener noreferrer\">");
		}
		const char *record = json_string_value(get(f, "record"));
		as_html_text(b, record ? record : json_string_value(get(f, "path")));
		if (!record && json_is_integer(get(f, "line")))
			as_buf_printf(b, ":%lld", (long long)json_integer_value(get(f, "line")));
		if (url)
			as_buf_puts(b, "</a>");
		as_buf_puts(b, "</td><td>");
		as_html_text(b, json_string_value(get(f, "excerpt")));
		as_buf_puts(b, "</td></tr>");
	}
	if (shown)
		as_buf_puts(b, "</tbody></table></div>");
	if (shown > MAX_LINKED)
		as_buf_printf(b, "<p>The first %d are shown.</p>", MAX_LINKED);
}

void as_html_forge(as_buf *b, const json_t *doc)
{
	json_t *m = get(doc, "metrics"), *gates = get(m, "gates");
	json_t *by_key = get(get(m, "feedback"), "by_key");
	if (!get(m, "trackers") && !total(get(gates, "by_relation")))
		return;
	as_buf_puts(b, "<section id=\"forge\" aria-labelledby=\"h-forge\">"
		    "<h2 id=\"h-forge\">Pull requests, review requests and gates</h2>"
		    "<div class=\"scroll\"><table><tbody>");
	json_t *reviews = json_object();
	static const char *const keys[] = { "review:approved", "review:changes_requested",
					    "review:commented" };
	for (size_t k = 0; k < 3; k++)
		if (json_is_integer(get(by_key, keys[k])))
			json_object_set(reviews, keys[k] + 7, get(by_key, keys[k]));
	row(b, "Pull-request reviews", reviews);
	json_decref(reviews);
	row(b, "Approvals", get(m, "approvals"));
	row(b, "Review requests", get(m, "review_requests"));
	row(b, "CODEOWNERS gates", get(gates, "by_relation"));
	row(b, "Bot events (counted apart)", get(m, "bot_events"));
	as_buf_puts(b, "</tbody></table></div>");
	json_t *required = get(gates, "code_owner_review_required");
	if (json_is_boolean(required))
		as_buf_printf(b, "<p>Branch protection: code-owner review is %srequired to merge.</p>",
			      json_is_true(required) ? "" : "not ");
	linked_findings(b, get(doc, "findings"));
	as_buf_puts(b, "</section>\n");
}
