/*
 * HTML report: one self-contained page (inline CSS and SVG; no script, no
 * network: a Content-Security-Policy forbids both) that draws the report
 * document. It reads without JavaScript, on a phone too: tables scroll
 * sideways, charts scale with their viewBox, and the findings become cards
 * on a narrow screen. The findings filters (severity, rule, relation) are
 * radio buttons that CSS alone acts on (:checked ~ ...), and a CSS counter
 * says how many rows are shown.
 *
 * Everything that came from people (names, paths, excerpts, team names,
 * even the keys of the document's objects) goes through as_html_text():
 * sanitised as for a terminal, then HTML-escaped.
 */
#include <string.h>

#include "report/html_charts.h"
#include "report/html_escape.h"
#include "report/forge.h"
#include "report/html_page.h"
#include "report/render.h"
#include "util/error.h"
#include "util/sanitize.h"

#define MAX_TABLE_ROWS AS_HTML_MAX_ROWS

static void nodata(as_buf *b)
{
	as_buf_puts(b, AS_HTML_NODATA);
}

/* "inbound_commits" -> "inbound commits" */
static void humanize(as_buf *b, const char *key)
{
	as_buf t = AS_BUF_INIT;
	for (const char *p = key; *p; p++)
		as_buf_putc(&t, *p == '_' ? ' ' : *p);
	as_html_text(b, as_buf_cstr(&t));
	as_buf_free(&t);
}



static const char css[] =
	":root{--fg:#1d1d1f;--muted:#5b6068;--bg:#fff;--card:#f4f5f7;--line:#d6d9de;"
	"--accent:#0b5cad;--err:#a4161a;--warn:#7a4d00;--info:#1f5f8b}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif;"
	"color:var(--fg);background:var(--bg);-webkit-text-size-adjust:100%}\n"
	"header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}\n"
	"header{padding-top:12px}\n"
	"h1{font-size:1.5rem;margin:.2em 0}\n"
	"h2{font-size:1.25rem;margin:1.6em 0 .5em;padding-top:.5em;border-top:1px solid var(--line)}\n"
	"h3{font-size:1.05rem;margin:1.2em 0 .4em}\n"
	"p{margin:.4em 0}\n"
	".muted,figcaption{color:var(--muted);font-size:.875rem}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 12px;margin:8px 0;font-size:.875rem}\n"
	"dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
	"nav ul{list-style:none;padding:0;margin:10px 0;display:flex;flex-wrap:wrap;gap:6px}\n"
	"nav a{display:inline-block;padding:3px 10px;border:1px solid var(--line);border-radius:999px;"
	"text-decoration:none;color:var(--accent);font-size:.875rem}\n"
	"nav a:focus-visible,a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:10px 0}\n"
	".card{background:var(--card);border-radius:8px;padding:10px 12px}\n"
	".card .big{display:block;font-size:1.9rem;font-weight:700;line-height:1.15}\n"
	".card .label{display:block;color:var(--muted);font-size:.85rem}\n"
	/* a table wider than the screen scrolls inside its box, and shows it:
	 * a shadow on each side that has more (the "local" layers cover the
	 * shadow once scrolled to that edge), a visible thin scroll bar, and
	 * on a phone a line above wide tables */
	".scroll{overflow-x:auto;width:-webkit-fit-content;width:fit-content;max-width:100%;scrollbar-width:thin;scrollbar-color:#9aa0a6 transparent;"
	"background:linear-gradient(to right,var(--bg) 30%,rgba(255,255,255,0)) left center/28px 100% no-repeat local,"
	"linear-gradient(to left,var(--bg) 30%,rgba(255,255,255,0)) right center/28px 100% no-repeat local,"
	"radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.3),rgba(0,0,0,0)) left center/14px 100% no-repeat scroll,"
	"radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.3),rgba(0,0,0,0)) right center/14px 100% no-repeat scroll}\n"
	".scroll::-webkit-scrollbar{height:8px}.scroll::-webkit-scrollbar-thumb{background:#9aa0a6;border-radius:4px}\n"
	".hint{display:none;color:var(--muted);font-size:.8rem;margin:4px 0 0}\n"
	".banner{background:#fff3d1;border:1px solid #e6c35c;border-radius:6px;padding:6px 10px}\n"
	".up{color:var(--err);font-weight:600}.down{color:#1b6e2e;font-weight:600}\n"
	"tr.g th{background:#e8ecf2;text-align:left}\n"
	"thead th.n{white-space:normal}\n"
	".formula{display:block;font-weight:400;font-size:.8rem;color:var(--muted);max-width:34em}\n"
	".advice dt{font-weight:600;margin-top:6px}.advice dd{margin:2px 0 0 1em}\n"
	"table{border-collapse:collapse;font-size:.875rem;margin:6px 0}\n"
	"th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}\n"
	"th{background:var(--card);font-weight:600}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".nodata{color:var(--muted);font-style:italic}\n"
	".bar{display:inline-block;width:80px;height:10px;background:#e3e5e8;border-radius:5px;"
	"overflow:hidden;vertical-align:middle;margin-right:6px}\n"
	".bar span{display:block;height:100%;background:var(--accent)}\n"
	".score{font-size:2.6rem;font-weight:700;line-height:1.1}\n"
	".score small{font-size:1rem;color:var(--muted);font-weight:400}\n"
	"figure{margin:8px 0}\n"
	"svg.chart{width:100%;max-width:640px;height:auto;display:block}\n"
	"svg.graph{max-width:560px}\n"
	"svg.defs{position:absolute;width:0;height:0;overflow:hidden}\n"
	"svg text{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;fill:#222}\n"
	"svg .grid{stroke:#e3e5e8;stroke-width:1}svg .axis{stroke:#888;stroke-width:1}\n"
	"svg .tick{font-size:12px;fill:#444}\n"
	"svg .edge path{fill:none;stroke:#3d5a80;stroke-opacity:.75}\n"
	"svg .edge-label{font-size:14px;font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:3px;fill:#1d3557}\n"
	"svg .node circle{fill:#0072B2;stroke:#fff;stroke-width:2}\n"
	"svg .within{font-size:13px;font-weight:700;fill:#fff}\n"
	"svg .label{font-size:15px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}\n"
	".legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:2px 14px;font-size:.85rem}\n"
	".sw{vertical-align:-1px;margin-right:4px}\n"
	".sev{display:inline-block;padding:0 6px;border-radius:4px;font-weight:600;font-size:.8rem;"
	"border:1px solid;white-space:nowrap}\n"
	".sev-error{color:var(--err);background:#fdecea}.sev-error::before{content:\"\\2716  \"}\n"
	".sev-warning{color:var(--warn);background:#fff3d1}.sev-warning::before{content:\"\\25B2  \"}\n"
	".sev-info{color:var(--info);background:#e6f0f8}.sev-info::before{content:\"\\2139  \"}\n"
	"code,.excerpt{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"DejaVu Sans Mono\",monospace;font-size:.85em}\n"
	".excerpt{display:block;white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);"
	"padding:2px 6px;border-radius:4px;max-width:40em}\n"
	"td.explain{max-width:28em;font-size:.85rem}\n"
	"td.heat{text-align:right;font-variant-numeric:tabular-nums;min-width:3.2em}\n"
	"td.diag{box-shadow:inset 0 0 0 2px #222}\n"
	".vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
	"white-space:nowrap;margin:0;opacity:0}\n"
	".filters fieldset{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:2px 8px 6px}\n"
	".filters legend{font-weight:600;font-size:.85rem;padding:0 4px}\n"
	".filters label{display:inline-block;margin:3px 2px;padding:2px 10px;border:1px solid var(--line);"
	"border-radius:999px;cursor:pointer;font-size:.85rem;background:var(--bg)}\n"
	".filterable{counter-reset:shown}tr.f{counter-increment:shown}\n"
	".count::before{content:counter(shown)}\n"
	"details{margin:6px 0}summary{cursor:pointer;color:var(--accent)}\n"
	"footer{margin:2em auto 1.5em;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line);padding-top:.6em}\n"
	"@media (max-width:640px){body{font-size:14px}header,main,footer{padding:0 10px}.hint{display:block}.bar{width:48px}"
	".score{font-size:2.2rem}"
	"table.findings,table.findings tbody,table.findings tr,table.findings td{display:block;width:100%}"
	"table.findings thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
	"table.findings tr{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 8px}"
	"table.findings td{border:none;padding:2px 0;max-width:none}"
	"table.findings td::before{content:attr(data-label) \": \";font-weight:600;color:var(--muted)}"
	"table.findings tr.g{border:none;padding:0;margin:14px 0 0}table.findings tr.g th{display:block;border-radius:6px}}\n"
	"@media print{nav,.filters{display:none}}\n";

/* --- header, summary --------------------------------------------------- */

static void meta_row(as_buf *b, const char *label, const char *value, int code)
{
	as_buf_printf(b, "<dt>%s</dt><dd>", label);
	if (!value) {
		nodata(b);
	} else {
		as_buf_puts(b, code ? "<code>" : "");
		as_html_text(b, value);
		as_buf_puts(b, code ? "</code>" : "");
	}
	as_buf_puts(b, "</dd>");
}

static void header(as_buf *b, const json_t *doc, const as_render_ctx *ctx)
{
	json_t *range = as_html_get(doc, "range");
	char when[32];
	size_t i;

	as_render_time_iso(when, sizeof(when), ctx->time);
	as_buf_puts(b, "<header><h1>antisilo report</h1><dl class=\"meta\">");
	meta_row(b, "Repository", as_html_str(doc, "repository"), 1);
	as_buf_puts(b, "<dt>Range</dt><dd>");
	if (!json_array_size(range))
		nodata(b);
	for (i = 0; i < json_array_size(range); i++) {
		as_buf_puts(b, i ? " <code>" : "<code>");
		as_html_text(b, json_string_value(json_array_get(range, i)));
		as_buf_puts(b, "</code>");
	}
	as_buf_puts(b, "</dd><dt>Commits scanned</dt><dd>");
	as_html_number(b, as_html_get(doc, "commits_scanned"), 0);
	as_buf_puts(b, "</dd>");
	json_t *period = as_html_get(doc, "period");
	if (as_html_str(period, "first_commit")) {
		as_buf_puts(b, "<dt>Commits of</dt><dd>");
		as_buf_printf(b, "%.10s to %.10s", as_html_str(period, "first_commit"), as_html_str(period, "last_commit"));
		as_buf_puts(b, "</dd>");
	}
	meta_row(b, "Rules", as_html_str(doc, "rules"), 1);
	meta_row(b, "Generated", when, 0);
	json_t *notes = as_html_get(doc, "notes");
	for (i = 0; i < json_array_size(notes); i++)
		meta_row(b, "Note", json_string_value(json_array_get(notes, i)), 0);
	as_buf_puts(b, "</dl>\n");
	json_t *privacy = as_html_get(doc, "privacy");
	if (as_html_str(privacy, "mode") && !strcmp(as_html_str(privacy, "mode"), "team"))
		as_buf_printf(b, "<p class=\"banner\" role=\"note\"><strong>Privacy: team.</strong> This "
			      "report names no one: findings and numbers speak of teams and roles, teams "
			      "of fewer than %lld people are merged (%lld merged), people outside the org "
			      "chart are counted, not named. Commits are identified by id.</p>\n",
			      (long long)json_integer_value(as_html_get(privacy, "min_group_size")),
			      (long long)json_integer_value(as_html_get(privacy, "merged_teams")));
	as_buf_puts(b, "<nav aria-label=\"Sections\"><ul>"
		    "<li><a href=\"#summary\">Summary</a></li>"
		    "<li><a href=\"#start\">What to do first</a></li>"
		    "<li><a href=\"#compliance\">Compliance</a></li>"
		    "<li><a href=\"#managers\">Managers</a></li>"
		    "<li><a href=\"#assignments\">Assignments</a></li>"
		    "<li><a href=\"#contributions\">Contributions</a></li>"
		    "<li><a href=\"#reviews\">Reviews</a></li>"
		    "<li><a href=\"#teams\">Teams</a></li>"
		    "<li><a href=\"#silos\">Silos</a></li>"
		    "<li><a href=\"#unknown\">Unknown names</a></li>"
		    "<li><a href=\"#findings\">Findings</a></li>"
		    "</ul></nav></header>\n");
}

/* --- compliance -------------------------------------------------------- */

static void compliance(as_buf *b, json_t *c)
{
	as_buf_puts(b, "<section id=\"compliance\" aria-labelledby=\"h-compliance\">"
		    "<h2 id=\"h-compliance\">Compliance score</h2>");
	if (!json_is_object(c)) {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p></section>\n");
		return;
	}
	json_t *score = as_html_get(c, "score"), *parts = as_html_get(c, "parts");
	as_buf_puts(b, "<p class=\"score\">");
	if (json_is_number(score))
		as_buf_printf(b, "%.1f <small>/ 100</small>", json_number_value(score));
	else
		as_buf_puts(b, "<span class=\"nodata\">n/a</span>");
	as_buf_puts(b, "</p>");
	if (!json_is_number(score) && as_html_str(c, "reason")) {
		as_buf_puts(b, "<p class=\"banner\">No score: ");
		as_html_text(b, as_html_str(c, "reason"));
		as_buf_puts(b, ".</p>");
	}
	if (json_is_true(as_html_get(c, "capped")))
		as_buf_printf(b, "<p><strong>Capped by top-down assignment.</strong> The parts weigh "
			      "%.1f together, but a history whose known assignments are %.0f%% top-down "
			      "cannot score above %.1f.</p>", json_number_value(as_html_get(c, "weighted_mean")),
			      100 - json_number_value(as_html_get(c, "cap")), json_number_value(as_html_get(c, "cap")));
	as_buf_puts(b, "<p class=\"muted\">A weighted mean of the parts below, each a ratio "
		    "from 0 (worst) to 1 (best), capped by the top-down part; a part with no data "
		    "(n/a) drops out and its weight is shared among the others. There is no score "
		    "without an org chart.</p>");
	if (as_html_str(c, "explain")) {
		as_buf_puts(b, "<p><code>");
		as_html_text(b, as_html_str(c, "explain"));
		as_buf_puts(b, "</code></p>");
	}
	if (!json_object_size(parts)) {
		as_buf_puts(b, "<p>Parts: ");
		nodata(b);
		as_buf_puts(b, "</p></section>\n");
		return;
	}
	const char *key;
	json_t *p;
	int effective = 0;
	json_object_foreach(parts, key, p)
		effective |= as_html_get(p, "effective_weight") != NULL;
	as_html_scroll_open(b, effective ? 4 : 3);
	as_buf_printf(b, "<table class=\"parts\"><thead><tr><th scope=\"col\">Part, and what it measures</th>"
		      "<th scope=\"col\">Value</th><th scope=\"col\" class=\"n\">Weight</th>%s"
		      "</tr></thead><tbody>",
		      effective ? "<th scope=\"col\" class=\"n\">Weight in this run</th>" : "");
	json_object_foreach(parts, key, p) {
		json_t *value = as_html_get(p, "value"), *weight = as_html_get(p, "weight");
		as_buf_puts(b, "<tr><th scope=\"row\">");
		humanize(b, key);
		if (as_html_str(p, "explain")) {
			as_buf_puts(b, "<br><span class=\"formula\">");
			as_html_text(b, as_html_str(p, "explain"));
			as_buf_puts(b, "</span>");
		}
		as_buf_puts(b, "</th><td class=\"n\">");
		as_html_percent(b, value);
		as_buf_puts(b, "</td><td class=\"n\">");
		as_html_number(b, weight, 2);
		if (!json_is_number(value))
			as_buf_puts(b, " <span class=\"muted\">(left out)</span>");
		if (effective) {
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(p, "effective_weight"), 2);
		}
		as_buf_puts(b, "</td></tr>");
	}
	as_buf_puts(b, "</tbody></table></div></section>\n");
}

/* --- assignments ------------------------------------------------------- */

static const char *relation_kind(const char *rel)
{
	if (!strcmp(rel, "self") || !strcmp(rel, "peer"))
		return "wanted";
	if (!strcmp(rel, "manager") || !strcmp(rel, "skip-level"))
		return "top-down";
	if (!strcmp(rel, "cross-team"))
		return "across teams";
	if (!strcmp(rel, "report"))
		return "upwards";
	return "not in the org chart";
}

/* The relations to show for a set of by-relation objects: the known ones
 * in their order, then any other key they carry. */
static size_t relation_columns(const char **out, size_t max, json_t *const *objs, size_t nobjs)
{
	size_t n = 0;
	for (size_t i = 0; i < as_html_nrelations && n < max; i++)
		out[n++] = as_html_relations[i];
	for (size_t k = 0; k < nobjs; k++) {
		const char *key;
		json_t *v;
		if (!json_is_object(objs[k]))
			continue;
		json_object_foreach(objs[k], key, v) {
			size_t j;
			(void)v;
			for (j = 0; j < n && strcmp(out[j], key); j++)
				;
			if (j == n && n < max && strcmp(key, "start") && strcmp(key, "end"))
				out[n++] = key;
		}
	}
	return n;
}

/* A column that is 0 in every row says nothing: the relations with a
 * number other than 0 in some row of `rows` (an object or array of
 * by-relation objects) are kept, in order; returns how many. */
static size_t drop_zero_columns(const char **rels, size_t n, json_t *rows)
{
	size_t kept = 0;
	for (size_t c = 0; c < n; c++) {
		int any = 0;
		const char *key;
		size_t i;
		json_t *row;
		if (json_is_array(rows)) {
			json_array_foreach(rows, i, row) {
				json_t *v = as_html_get(row, rels[c]);
				any |= !json_is_integer(v) || json_integer_value(v) != 0;
			}
		} else {
			json_object_foreach(rows, key, row) {
				json_t *v = as_html_get(row, rels[c]);
				any |= !json_is_integer(v) || json_integer_value(v) != 0;
			}
		}
		if (any)
			rels[kept++] = rels[c];
	}
	return kept;
}

static void relation_header(as_buf *b, const char *first, const char **rels, size_t n)
{
	as_buf_printf(b, "<thead><tr><th scope=\"col\">%s</th>", first);
	for (size_t i = 0; i < n; i++) {
		as_buf_puts(b, "<th scope=\"col\" class=\"n\">");
		as_html_swatch(b, rels[i]);
		as_html_text(b, rels[i]);
		as_buf_puts(b, "</th>");
	}
	as_buf_puts(b, "</tr></thead>");
}

/* {"replay": {"self": 1, ...}}: a row per key. */
static void keyed_relation_table(as_buf *b, const char *what, json_t *obj)
{
	const char *rels[32];
	json_t *objs[MAX_TABLE_ROWS];
	size_t nobjs = 0, rows = 0;
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
		if (nobjs < MAX_TABLE_ROWS)
			objs[nobjs++] = v;
	size_t n = drop_zero_columns(rels, relation_columns(rels, 32, objs, nobjs), obj);
	if (!n) {
		as_buf_puts(b, "<p>None in this range.</p>");
		return;
	}
	as_html_scroll_open(b, n + 1);
	as_buf_puts(b, "<table>");
	relation_header(b, what, rels, n);
	as_buf_puts(b, "<tbody>");
	json_object_foreach(obj, key, v) {
		if (rows++ == MAX_TABLE_ROWS)
			break;
		as_buf_puts(b, "<tr><th scope=\"row\">");
		as_html_text(b, key);
		as_buf_puts(b, "</th>");
		for (size_t i = 0; i < n; i++) {
			as_buf_puts(b, "<td class=\"n\">");
			as_html_number(b, as_html_get(v, rels[i]), 2);
			as_buf_puts(b, "</td>");
		}
		as_buf_puts(b, "</tr>");
	}
	as_buf_puts(b, "</tbody></table></div>");
}

static void over_time(as_buf *b, json_t *aot)
{
	as_buf_puts(b, "<h3>Over time</h3>");
	if (!json_is_object(aot)) {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p>");
		return;
	}
	json_t *series = as_html_get(aot, "series");
	as_buf_puts(b, "<figure>");
	if (as_html_chart_over_time(b, aot) < 0) {
		as_buf_puts(b, "<p>No assignments in this range.</p></figure>");
		return;
	}
	as_buf_puts(b, "<figcaption>Assignments per ");
	as_html_text(b, as_html_str(aot, "bucket") ? as_html_str(aot, "bucket") : "period");
	as_buf_puts(b, ", stacked by relation. Hatched: top-down (manager, skip-level).</figcaption>"
		    "<ul class=\"legend\">");
	for (size_t i = 0; i < as_html_nrelations; i++) {
		as_buf_puts(b, "<li>");
		as_html_swatch(b, as_html_relations[i]);
		as_html_text(b, as_html_relations[i]);
		as_buf_puts(b, "</li>");
	}
	as_buf_puts(b, "</ul></figure><details><summary>Data table</summary>");
	json_t *objs[1] = { json_array_get(series, 0) };
	const char *rels[32];
	size_t n = drop_zero_columns(rels, relation_columns(rels, 32, objs, 1), series), i;
	json_t *s;
	as_html_scroll_open(b, n + 1);
	as_buf_puts(b, "<table>");
	relation_header(b, "Period", rels, n);
	as_buf_puts(b, "<tbody>");
	json_array_foreach(series, i, s) {
		as_buf_puts(b, "<tr><th scope=\"row\">");
		as_html_text(b, as_html_str(s, "start"));
		as_buf_puts(b, "</th>");
		for (size_t k = 0; k < n; k++) {
			as_buf_puts(b, "<td class=\"n\">");
			as_html_number(b, as_html_get(s, rels[k]), 2);
			as_buf_puts(b, "</td>");
		}
		as_buf_puts(b, "</tr>");
	}
	as_buf_puts(b, "</tbody></table></div></details>");
}

static void trackers(as_buf *b, json_t *t)
{
	as_buf_puts(b, "<h3>Task trackers</h3>");
	if (!json_is_object(t)) {
		as_buf_puts(b, "<p class=\"muted\">No tracker export in this audit (<code>--tracker</code>).</p>");
		return;
	}
	as_buf_puts(b, "<p>Records read: ");
	as_html_number(b, as_html_get(t, "records"), 0);
	as_buf_puts(b, "; assignments found: ");
	as_html_number(b, as_html_get(t, "assignments"), 0);
	as_buf_puts(b, ".</p>");
	json_t *un = as_html_get(t, "unmatched");
	if (json_is_integer(un) && json_integer_value(un))
		as_buf_printf(b, "<p>%lld assignment%s name someone the org chart does not know: "
			      "<a href=\"#unknown\">who they are</a>.</p>", (long long)json_integer_value(un),
			      json_integer_value(un) == 1 ? "" : "s");
}

static void assignments(as_buf *b, json_t *m)
{
	json_t *as = as_html_get(m, "assignments"), *ap = as_html_get(m, "approvals");
	json_t *objs[2] = { as, ap };
	const char *rels[32];

	as_buf_puts(b, "<section id=\"assignments\" aria-labelledby=\"h-assignments\">"
		    "<h2 id=\"h-assignments\">Assignments by relation</h2>"
		    "<p>Who set tasks for whom, by the org chart. Self-assignment and requests "
		    "between peers inside a team are what the organisation wants; a manager or "
		    "skip-level manager setting a task is top-down.</p>");
	if (!json_is_object(as) && !json_is_object(ap)) {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p>");
	} else {
		size_t n = relation_columns(rels, 32, objs, 2);
		as_html_scroll_open(b, 4);
		as_buf_puts(b, "<table><thead><tr><th scope=\"col\">Relation</th>"
			    "<th scope=\"col\">Kind</th><th scope=\"col\" class=\"n\">Assignments</th>"
			    "<th scope=\"col\" class=\"n\">Approvals</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			as_buf_puts(b, "<tr><th scope=\"row\">");
			as_html_swatch(b, rels[i]);
			as_html_text(b, rels[i]);
			as_buf_puts(b, "</th><td>");
			as_html_text(b, relation_kind(rels[i]));
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(as, rels[i]), 2);
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(ap, rels[i]), 2);
			as_buf_puts(b, "</td></tr>");
		}
		as_buf_puts(b, "</tbody></table></div>");
	}
	as_buf_puts(b, "<p>References to private channels (context kept out of sight): ");
	as_html_number(b, as_html_get(m, "context_references"), 0);
	as_buf_puts(b, "</p>");
	over_time(b, as_html_get(m, "assignments_over_time"));
	as_buf_puts(b, "<h3>By team</h3>");
	if (json_is_object(as_html_get(m, "assignments_by_team"))) {
		as_buf_puts(b, "<p class=\"muted\">By the team of the person who received the task.</p>");
		keyed_relation_table(b, "Team", as_html_get(m, "assignments_by_team"));
	} else {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p>");
	}
	as_buf_puts(b, "<h3>By manager</h3>");
	if (json_is_object(as_html_get(m, "assignments_by_manager"))) {
		as_buf_puts(b, "<p class=\"muted\">Assignments made by each manager, by relation to the person who received them.</p>");
		keyed_relation_table(b, "Manager", as_html_get(m, "assignments_by_manager"));
	} else {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p>");
	}
	trackers(b, as_html_get(m, "trackers"));
	as_buf_puts(b, "</section>\n");
}

/* --- team x team ------------------------------------------------------- */

/* A heat-map cell: the number, on a blue whose strength is its share of
 * the largest cell; the diagonal (a team's own work) is outlined. */
static void heat_cell(as_buf *b, json_t *v, double max, int diag)
{
	double x = json_is_number(v) ? json_number_value(v) : 0;
	double a = max > 0 && x > 0 ? 0.08 + 0.82 * x / max : 0;
	as_buf_printf(b, "<td class=\"heat%s\"", diag ? " diag" : "");
	if (a > 0)
		as_buf_printf(b, " style=\"background:rgba(0,114,178,%.2f)%s\"", a,
			      a > 0.7 ? ";color:#fff" : "");
	as_buf_puts(b, ">");
	as_html_number(b, v, 2);
	as_buf_puts(b, "</td>");
}

static void matrix_table(as_buf *b, json_t *teams, json_t *rows,
			 const char *row_label, const char *col_label)
{
	size_t n = json_array_size(teams), i, j;
	double max = 0;

	for (i = 0; i < n && i < MAX_TABLE_ROWS; i++)
		for (j = 0; j < n; j++) {
			json_t *v = json_array_get(json_array_get(rows, i), j);
			if (json_is_number(v) && json_number_value(v) > max)
				max = json_number_value(v);
		}
	as_html_scroll_open(b, n + 1);
	as_buf_printf(b, "<table class=\"matrix\"><thead><tr>"
		      "<th scope=\"col\">%s \xE2\x86\x93 / %s \xE2\x86\x92</th>", row_label, col_label);
	for (j = 0; j < n && j < MAX_TABLE_ROWS; j++) {
		as_buf_puts(b, "<th scope=\"col\" class=\"n\">");
		as_html_text(b, json_string_value(json_array_get(teams, j)));
		as_buf_puts(b, "</th>");
	}
	as_buf_puts(b, "</tr></thead><tbody>");
	for (i = 0; i < n && i < MAX_TABLE_ROWS; i++) {
		as_buf_puts(b, "<tr><th scope=\"row\">");
		as_html_text(b, json_string_value(json_array_get(teams, i)));
		as_buf_puts(b, "</th>");
		for (j = 0; j < n && j < MAX_TABLE_ROWS; j++)
			heat_cell(b, json_array_get(json_array_get(rows, i), j), max, i == j);
		as_buf_puts(b, "</tr>");
	}
	as_buf_puts(b, "</tbody></table></div>");
}

static void contributions(as_buf *b, json_t *cm)
{
	as_buf_puts(b, "<section id=\"contributions\" aria-labelledby=\"h-contributions\">"
		    "<h2 id=\"h-contributions\">Team \xC3\x97 team contributions</h2>");
	json_t *teams = as_html_get(cm, "teams"), *commits = as_html_get(cm, "commits");
	if (!json_is_array(teams) || !json_is_array(commits)) {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p></section>\n");
		return;
	}
	as_buf_puts(b, "<p>Commits by members of the row's team that change paths owned by the "
		    "column's team. The outlined diagonal is a team working on its own paths; "
		    "every other cell crosses a team boundary. <span class=\"muted\">(none): "
		    "authors in no team, or paths no team owns.</span></p>");
	matrix_table(b, teams, commits, "Authors", "Owners");
	as_buf_puts(b, "</section>\n");
}

/* --- reviews ----------------------------------------------------------- */

static void review_table(as_buf *b, json_t *graph, json_t *order)
{
	json_t *teams = json_array();
	size_t i, j;
	json_t *e, *t;

	/* the teams of the graph, in the matrix's order when there is one */
	json_array_foreach(order, i, t)
		json_array_append(teams, t);
	json_array_foreach(graph, i, e) {
		for (int end = 0; end < 2; end++) {
			json_t *name = as_html_get(e, end ? "to" : "from");
			int found = 0;
			if (!json_is_string(name))
				continue;
			json_array_foreach(teams, j, t)
				found |= json_equal(t, name);
			if (!found)
				json_array_append(teams, name);
		}
	}
	size_t n = json_array_size(teams);
	json_t *rows = json_array();
	for (i = 0; i < n; i++) {
		json_t *row = json_array();
		for (j = 0; j < n; j++)
			json_array_append_new(row, json_integer(0));
		json_array_append_new(rows, row);
	}
	json_array_foreach(graph, i, e) {
		size_t from = n, to = n;
		json_array_foreach(teams, j, t) {
			if (json_equal(t, as_html_get(e, "from")))
				from = j;
			if (json_equal(t, as_html_get(e, "to")))
				to = j;
		}
		if (from < n && to < n && json_is_number(as_html_get(e, "count"))) {
			json_t *cell = json_array_get(json_array_get(rows, from), to);
			if (json_is_integer(as_html_get(e, "count")))
				json_integer_set(cell, json_integer_value(cell) + json_integer_value(as_html_get(e, "count")));
		}
	}
	matrix_table(b, teams, rows, "Feedback from", "to");
	json_decref(rows);
	json_decref(teams);
}

static void people_graph(as_buf *b, json_t *graph)
{
	size_t i;
	json_t *e;
	if (!json_array_size(graph))
		return;
	as_buf_printf(b, "<details><summary>Between people (%zu pairs)</summary>", json_array_size(graph));
	as_html_scroll_open(b, 3);
	as_buf_puts(b, "<table><thead><tr><th scope=\"col\">From</th><th scope=\"col\">To</th>"
		    "<th scope=\"col\" class=\"n\">Count</th></tr></thead><tbody>");
	json_array_foreach(graph, i, e) {
		if (i == MAX_TABLE_ROWS)
			break;
		as_buf_puts(b, "<tr><td>");
		as_html_text(b, as_html_str(e, "from"));
		as_buf_puts(b, "</td><td>");
		as_html_text(b, as_html_str(e, "to"));
		as_buf_puts(b, "</td><td class=\"n\">");
		as_html_number(b, as_html_get(e, "count"), 0);
		as_buf_puts(b, "</td></tr>");
	}
	as_buf_puts(b, "</tbody></table></div></details>");
}

static int any_count(json_t *graph)
{
	size_t i;
	json_t *e;
	json_array_foreach(graph, i, e)
		if (json_is_number(as_html_get(e, "count")) && json_number_value(as_html_get(e, "count")) > 0)
			return 1;
	return 0;
}

static void reviews(as_buf *b, json_t *m)
{
	json_t *fb = as_html_get(m, "feedback");
	json_t *graph = as_html_get(fb, "team_graph");
	json_t *order = as_html_get(as_html_get(m, "contribution_matrix"), "teams");

	as_buf_puts(b, "<section id=\"reviews\" aria-labelledby=\"h-reviews\">"
		    "<h2 id=\"h-reviews\">Review graph between teams</h2>");
	if (!json_is_object(fb)) {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p></section>\n");
		return;
	}
	as_buf_puts(b, "<p>Feedback given in commit trailers (");
	json_t *keys = as_html_get(fb, "keys");
	size_t i;
	json_t *k;
	json_array_foreach(keys, i, k) {
		as_buf_puts(b, i ? ", <code>" : "<code>");
		as_html_text(b, json_string_value(k));
		as_buf_puts(b, "</code>");
	}
	if (!json_array_size(keys))
		as_buf_puts(b, "Reviewed-by and the like");
	as_buf_puts(b, "), from the person named to the commit's author. Anyone can give "
		    "feedback to anyone; feedback across teams spreads context.</p>"
		    "<div class=\"scroll\"><table><tbody>"); /* two columns: fits */
	static const char *const rows[][3] = {
		{ "total", "Feedback given", "n" },
		{ "cross_team", "Across teams", "n" },
		{ "in_team", "Inside teams", "n" },
		{ "cross_team_share", "Share across teams", "%" },
		{ "by_peers", "By peers", "n" },
		{ "by_managers", "By managers", "n" },
		{ "manager_share", "Share by managers", "%" },
	};
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (!as_html_get(fb, rows[i][0]) && !strcmp(rows[i][0], "in_team"))
			continue; /* not in every version of the document */
		as_buf_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"n\">", rows[i][1]);
		if (rows[i][2][0] == '%')
			as_html_percent(b, as_html_get(fb, rows[i][0]));
		else
			as_html_number(b, as_html_get(fb, rows[i][0]), 2);
		as_buf_puts(b, "</td></tr>");
	}
	as_buf_puts(b, "</tbody></table></div>");
	if (!json_is_array(graph)) {
		as_buf_puts(b, "<p>Team graph: ");
		nodata(b);
		as_buf_puts(b, "</p>");
	} else {
		as_buf_puts(b, "<figure>");
		if (as_html_chart_review_graph(b, graph, order) == 0)
			as_buf_puts(b, "<figcaption>An arrow from the team that gave feedback to the team "
				    "that received it, thicker for more; the number in a circle counts "
				    "feedback inside that team.</figcaption>");
		else if (any_count(graph))
			as_buf_puts(b, "<p>Too many teams to draw; the table has every number.</p>");
		else
			as_buf_puts(b, "<p>No feedback between teams in this range.</p>");
		as_buf_puts(b, "</figure>");
		if (any_count(graph))
			review_table(b, graph, order);
	}
	people_graph(b, as_html_get(fb, "people_graph"));
	as_buf_puts(b, "</section>\n");
}

/* --- teams ------------------------------------------------------------- */

/* A team metric: shares and autonomy as percentages, counts as numbers. */
static void team_value(as_buf *b, const char *key, json_t *v)
{
	if (!strcmp(key, "autonomy") || strstr(key, "share"))
		as_html_percent(b, v);
	else
		as_html_number(b, v, 2);
}

#define MAX_TEAM_COLUMNS 8

static void teams(as_buf *b, json_t *t)
{
	const char *cols[64];
	size_t ncols = 0, rows = 0, nteams = json_object_size(t);
	const char *name, *key;
	json_t *team, *v;

	as_buf_puts(b, "<section id=\"teams\" aria-labelledby=\"h-teams\"><h2 id=\"h-teams\">Teams</h2>");
	if (!json_is_object(t)) {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p></section>\n");
		return;
	}
	json_object_foreach(t, name, team) {
		json_object_foreach(team, key, v) {
			size_t j;
			for (j = 0; j < ncols && strcmp(cols[j], key); j++)
				;
			if (j == ncols && ncols < 64)
				cols[ncols++] = key;
		}
	}
	as_buf_puts(b, "<p class=\"muted\">Inbound: commits by people outside the team to its paths; "
		    "outbound: the team's commits to other teams' paths. Autonomy: the share of the "
		    "team's commits that no one outside it approved.</p>");
	as_html_scroll_open(b, (nteams <= MAX_TEAM_COLUMNS ? nteams : ncols) + 1);
	as_buf_puts(b, "<table>");
	if (nteams <= MAX_TEAM_COLUMNS) {
		/* few teams: a column each, a row per metric (reads on a phone) */
		as_buf_puts(b, "<thead><tr><th scope=\"col\">Metric</th>");
		json_object_foreach(t, name, team) {
			as_buf_puts(b, "<th scope=\"col\" class=\"n\">");
			as_html_text(b, name);
			as_buf_puts(b, "</th>");
		}
		as_buf_puts(b, "</tr></thead><tbody>");
		for (size_t j = 0; j < ncols; j++) {
			as_buf_puts(b, "<tr><th scope=\"row\">");
			humanize(b, cols[j]);
			as_buf_puts(b, "</th>");
			json_object_foreach(t, name, team) {
				as_buf_puts(b, "<td class=\"n\">");
				team_value(b, cols[j], as_html_get(team, cols[j]));
				as_buf_puts(b, "</td>");
			}
			as_buf_puts(b, "</tr>");
		}
		as_buf_puts(b, "</tbody></table></div></section>\n");
		return;
	}
	as_buf_puts(b, "<thead><tr><th scope=\"col\">Team</th>");
	for (size_t j = 0; j < ncols; j++) {
		as_buf_puts(b, "<th scope=\"col\" class=\"n\">");
		humanize(b, cols[j]);
		as_buf_puts(b, "</th>");
	}
	as_buf_puts(b, "</tr></thead><tbody>");
	json_object_foreach(t, name, team) {
		if (rows++ == MAX_TABLE_ROWS)
			break;
		as_buf_puts(b, "<tr><th scope=\"row\">");
		as_html_text(b, name);
		as_buf_puts(b, "</th>");
		for (size_t j = 0; j < ncols; j++) {
			as_buf_puts(b, "<td class=\"n\">");
			team_value(b, cols[j], as_html_get(team, cols[j]));
			as_buf_puts(b, "</td>");
		}
		as_buf_puts(b, "</tr>");
	}
	as_buf_puts(b, "</tbody></table></div></section>\n");
}

/* --- silos ------------------------------------------------------------- */

/* "12 of 15 files count (left out: 2 documentation, 1 image)." */
static void files_counted(as_buf *b, json_t *authorship)
{
	const char *key, *sep = " (left out: ";
	json_t *n;
	if (!json_is_object(authorship))
		return;
	as_buf_puts(b, "<p>");
	as_html_number(b, as_html_get(authorship, "counted"), 0);
	as_buf_puts(b, " of ");
	as_html_number(b, as_html_get(authorship, "files"), 0);
	as_buf_puts(b, " files count");
	json_object_foreach(as_html_get(authorship, "excluded"), key, n) {
		if (!json_integer_value(n))
			continue;
		as_buf_puts(b, sep);
		as_html_number(b, n, 0);
		as_buf_putc(b, ' ');
		as_html_text(b, key);
		sep = ", ";
	}
	if (*sep == ',')
		as_buf_putc(b, ')');
	as_buf_puts(b, "; the people still here are those ");
	if (json_is_string(as_html_get(authorship, "active_since"))) {
		as_buf_puts(b, "with a commit since ");
		as_html_text(b, as_html_str(authorship, "active_since"));
		as_buf_puts(b, " who did not leave");
	} else {
		as_buf_puts(b, "who did not leave");
	}
	as_buf_puts(b, ".</p>");
}

static void names(as_buf *b, json_t *list)
{
	size_t k;
	json_t *who;
	json_array_foreach(list, k, who) {
		if (k)
			as_buf_puts(b, ", ");
		as_html_text(b, json_string_value(who));
	}
}

/* --without: the areas that lose their last author still here. */
static void without(as_buf *b, json_t *w)
{
	size_t i;
	json_t *a;
	if (!json_is_object(w))
		return;
	as_buf_puts(b, "<h3>If ");
	names(b, as_html_get(w, "developers"));
	as_buf_puts(b, " left</h3>");
	if (!json_array_size(as_html_get(w, "areas"))) {
		as_buf_puts(b, "<p>No area would lose its last author still here.</p>");
		return;
	}
	as_buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Area that loses its last "
		    "author</th><th scope=\"col\">Kind</th><th scope=\"col\" class=\"n\">Files with an "
		    "author</th><th scope=\"col\" class=\"n\">Files</th></tr></thead><tbody>");
	json_array_foreach(as_html_get(w, "areas"), i, a) {
		if (i == MAX_TABLE_ROWS)
			break;
		as_buf_puts(b, "<tr><th scope=\"row\"><code>");
		as_html_text(b, as_html_str(a, "path"));
		as_buf_puts(b, "</code></th><td>");
		as_html_text(b, as_html_str(a, "kind"));
		as_buf_puts(b, "</td><td class=\"n\">");
		as_html_number(b, as_html_get(a, "authored_files"), 0);
		as_buf_puts(b, "</td><td class=\"n\">");
		as_html_number(b, as_html_get(a, "files"), 0);
		as_buf_puts(b, "</td></tr>");
	}
	as_buf_puts(b, "</tbody></table></div>");
}

static void silos(as_buf *b, json_t *m)
{
	json_t *s = as_html_get(m, "silos"), *tf = as_html_get(m, "truck_factors");
	size_t i;
	json_t *a;

	as_buf_puts(b, "<section id=\"silos\" aria-labelledby=\"h-silos\"><h2 id=\"h-silos\">Knowledge silos</h2>");
	files_counted(b, as_html_get(m, "authorship"));
	if (!json_is_array(s)) {
		as_buf_puts(b, "<p>");
		nodata(b);
		as_buf_puts(b, "</p>");
	} else if (!json_array_size(s)) {
		as_buf_puts(b, "<p>No silos in this range.</p>");
	} else {
		as_buf_printf(b, "<p>%zu area%s with a truck factor of 1: one person is the author of "
			      "most of it (degree of authorship), and the rest of the organisation "
			      "would lose it with them.</p>", json_array_size(s),
			      json_array_size(s) == 1 ? "" : "s");
		as_html_scroll_open(b, 4);
		as_buf_puts(b, "<table><thead><tr><th scope=\"col\">Area</th>"
			    "<th scope=\"col\">Main author</th><th scope=\"col\">Share of its files</th>"
			    "<th scope=\"col\" class=\"n\">Truck factor, people still here</th>"
			    "<th scope=\"col\" class=\"n\">Files</th></tr></thead><tbody>");
		json_array_foreach(s, i, a) {
			if (i == MAX_TABLE_ROWS)
				break;
			as_buf_puts(b, "<tr><th scope=\"row\"><code>");
			as_html_text(b, as_html_str(a, "path"));
			as_buf_puts(b, "</code></th><td>");
			if (as_html_str(a, "main_author"))
				as_html_text(b, as_html_str(a, "main_author"));
			else
				nodata(b);
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_percent(b, as_html_get(a, "share"));
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(a, "active_truck_factor"), 0);
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(a, "files"), 0);
			as_buf_puts(b, "</td></tr>");
		}
		as_buf_puts(b, "</tbody></table></div>");
		if (json_array_size(s) > MAX_TABLE_ROWS)
			as_buf_printf(b, "<p class=\"muted\">The first %d are shown; the JSON report has them all.</p>",
				      MAX_TABLE_ROWS);
	}
	if (json_array_size(tf)) {
		as_buf_printf(b, "<details><summary>Truck factors of all %zu areas</summary>", json_array_size(tf));
		as_html_scroll_open(b, 7);
		as_buf_puts(b, "<table><thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Kind</th>"
			    "<th scope=\"col\" class=\"n\">Truck factor</th><th scope=\"col\">Authors</th>"
			    "<th scope=\"col\" class=\"n\">People still here</th><th scope=\"col\">Their authors</th>"
			    "<th scope=\"col\" class=\"n\">Files</th></tr></thead><tbody>");
		json_array_foreach(tf, i, a) {
			if (i == MAX_TABLE_ROWS)
				break;
			as_buf_puts(b, "<tr><th scope=\"row\"><code>");
			as_html_text(b, as_html_str(a, "path"));
			as_buf_puts(b, "</code></th><td>");
			as_html_text(b, as_html_str(a, "kind"));
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(a, "truck_factor"), 0);
			as_buf_puts(b, "</td><td>");
			names(b, as_html_get(a, "authors"));
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(a, "active_truck_factor"), 0);
			as_buf_puts(b, "</td><td>");
			names(b, as_html_get(a, "active_authors"));
			as_buf_puts(b, "</td><td class=\"n\">");
			as_html_number(b, as_html_get(a, "files"), 0);
			as_buf_puts(b, "</td></tr>");
		}
		as_buf_puts(b, "</tbody></table></div></details>");
	}
	without(b, as_html_get(m, "without"));
	as_buf_puts(b, "</section>\n");
}

/* --- page -------------------------------------------------------------- */

int as_render_html(const json_t *doc, const as_render_ctx *ctx, FILE *out)
{
	json_t *m = as_html_get(doc, "metrics");
	as_buf head = AS_BUF_INIT, style = AS_BUF_INIT, body = AS_BUF_INIT;
	char when[32];
	int failed;

	as_render_time_iso(when, sizeof(when), ctx->time);
	as_buf_puts(&style, css);

	as_html_svg_defs(&body);
	header(&body, doc, ctx);
	as_buf_puts(&body, "<main>\n");
	as_html_summary(&body, doc);
	compliance(&body, as_html_get(m, "compliance"));
	as_html_managers(&body, m);
	assignments(&body, m);
	contributions(&body, as_html_get(m, "contribution_matrix"));
	reviews(&body, m);
	teams(&body, as_html_get(m, "teams"));
	silos(&body, m);
	as_html_unknown(&body, m);
	as_html_forge(&body, doc);
	as_html_findings(&body, &style, as_html_get(doc, "findings"));
	as_buf_puts(&body, "</main>\n<footer><p>Generated by antisilo ");
	as_html_text(&body, as_html_str(as_html_get(doc, "tool"), "version"));
	as_buf_printf(&body, " on %s. This page is self-contained: it runs no script and "
		      "loads nothing from the network.</p></footer>\n</body>\n</html>\n", when);

	as_buf_puts(&head, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
		    "<meta name=\"referrer\" content=\"no-referrer\">\n"
		    "<meta name=\"generator\" content=\"antisilo\">\n<title>antisilo report: ");
	as_html_text(&head, as_html_str(doc, "repository") ? as_html_str(doc, "repository") : "repository");
	as_buf_puts(&head, "</title>\n<style>\n");

	failed = fwrite(head.ptr, 1, head.len, out) != head.len ||
		 fwrite(style.ptr, 1, style.len, out) != style.len ||
		 fputs("</style>\n</head>\n<body>\n", out) == EOF ||
		 fwrite(body.ptr, 1, body.len, out) != body.len || ferror(out);
	as_buf_free(&head);
	as_buf_free(&style);
	as_buf_free(&body);
	if (failed)
		return as_error_set(AS_EINTERNAL, "cannot write the HTML report");
	return 0;
}
