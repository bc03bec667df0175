/*
 * The findings of the HTML page (html_page.h). What a lead needs to act
 * on them: grouped by the team that received the task and the manager who
 * set it, the worst group first and the most severe finding first in each
 * group; each row with the commit's date and subject and a link to it
 * (commit_url); each rule's advice said once, above the table, not under
 * every row. The filters (severity, rule, relation) are radio buttons
 * that CSS alone acts on (:checked ~ ...); a CSS counter says how many
 * rows are shown. At most MAX_SHOWN are listed: the most severe.
 */
#include <stdlib.h>
#include <string.h>

#include "report/html_charts.h"
#include "report/html_escape.h"
#include "report/html_page.h"
#include "util/alloc.h"

#define MAX_SHOWN 10000
#define MAX_FILTER_VALUES 100



static const char *const severities[] = { "error", "warning", "info" };

static size_t severity_index(const char *s)
{
	for (size_t i = 0; s && i < 3; i++)
		if (!strcmp(s, severities[i]))
			return i;
	return 3;
}

/* ---- grouping and order -------------------------------------------------- */

typedef struct {
	json_t *f;
	const char *team;      /* the subject's first team, else the actor's */
	const char *manager;   /* the actor of a manager or skip-level relation */
	size_t sev, index;
	size_t group;          /* its group's rank, once ranked */
} entry;

static const char *first_team(const json_t *f)
{
	const char *t = json_string_value(json_array_get(as_html_get(f, "subject_teams"), 0));
	return t ? t : json_string_value(json_array_get(as_html_get(f, "actor_teams"), 0));
}

static const char *manager_of(const json_t *f)
{
	const char *rel = as_html_str(f, "relation");
	if (rel && (!strcmp(rel, "manager") || !strcmp(rel, "skip-level")))
		return as_html_str(f, "actor");
	return NULL;
}

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int same_group(const entry *a, const entry *b)
{
	return !str_cmp(a->team, b->team) && !str_cmp(a->manager, b->manager);
}

static int by_group_key(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c = str_cmp(a->team, b->team);
	if (!c)
		c = str_cmp(a->manager, b->manager);
	return c ? c : a->index < b->index ? -1 : a->index > b->index;
}

/* Within a group: the most severe, then the most recent, then walk order. */
static int by_rank(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->sev != b->sev)
		return a->sev < b->sev ? -1 : 1;
	int c = str_cmp(as_html_str(b->f, "date"), as_html_str(a->f, "date"));
	return c ? c : a->index < b->index ? -1 : a->index > b->index;
}

typedef struct {
	size_t first, n;       /* in the entries sorted by group key */
	size_t worst;
} group;

static int by_worst(const void *x, const void *y)
{
	const group *a = x, *b = y;
	if (a->worst != b->worst)
		return a->worst < b->worst ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* The findings in page order; *n of them. */
static entry *rank(json_t *fs, size_t *n)
{
	size_t total = json_array_size(fs), ng = 0;
	entry *e = as_xcalloc(total + 1, sizeof(*e));
	group *g = as_xcalloc(total + 1, sizeof(*g));

	for (size_t i = 0; i < total; i++) {
		json_t *f = json_array_get(fs, i);
		e[i] = (entry){ f, first_team(f), manager_of(f), severity_index(as_html_str(f, "severity")), i, 0 };
	}
	qsort(e, total, sizeof(*e), by_group_key);
	for (size_t i = 0; i < total; i++) {
		if (!i || !same_group(&e[i - 1], &e[i]))
			g[ng++] = (group){ i, 0, 3 };
		group *cur = &g[ng - 1];
		cur->n++;
		if (e[i].sev < cur->worst)
			cur->worst = e[i].sev;
	}
	qsort(g, ng, sizeof(*g), by_worst);
	for (size_t k = 0; k < ng; k++)
		for (size_t i = g[k].first; i < g[k].first + g[k].n; i++)
			e[i].group = k;
	qsort(e, total, sizeof(*e), by_rank);
	free(g);
	*n = total;
	return e;
}

/* ---- filters ------------------------------------------------------------ */

typedef struct {
	const char *items[MAX_FILTER_VALUES];
	size_t count[MAX_FILTER_VALUES];
	size_t n;
} distinct;

/* Index of s in d (added when new and there is room); n when neither. */
static size_t distinct_add(distinct *d, const char *s, int count)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->items[i], s)) {
			d->count[i] += count;
			return i;
		}
	if (d->n == MAX_FILTER_VALUES)
		return MAX_FILTER_VALUES;
	d->items[d->n] = s;
	d->count[d->n] = count;
	return d->n++;
}

/* The CSS that makes the radio buttons filter: for each value, rows of
 * other values hide while its button is checked, and its label shows as
 * pressed (and outlined when focused from the keyboard). */
static void filter_css(as_buf *b, const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++)
		as_buf_printf(b, "#f%s%zu:checked~.scroll tr.f:not(.%s%zu){display:none}\n",
			      name, i, name, i);
	for (size_t i = 0; i <= n; i++) {
		char id[32];
		if (i == n)
			snprintf(id, sizeof(id), "f%sall", name);
		else
			snprintf(id, sizeof(id), "f%s%zu", name, i);
		as_buf_printf(b, "#%s:checked~.filters label[for=%s]{background:var(--accent);"
			      "color:#fff;border-color:var(--accent)}\n"
			      "#%s:focus-visible~.filters label[for=%s]{outline:2px solid var(--accent);"
			      "outline-offset:2px}\n", id, id, id, id);
	}
}

static void filter_inputs(as_buf *b, const char *name, size_t n)
{
	as_buf_printf(b, "<input type=\"radio\" class=\"vh\" name=\"f%s\" id=\"f%sall\" checked>", name, name);
	for (size_t i = 0; i < n; i++)
		as_buf_printf(b, "<input type=\"radio\" class=\"vh\" name=\"f%s\" id=\"f%s%zu\">", name, name, i);
}

static void filter_labels(as_buf *b, const char *legend, const char *name,
			  const char *const *values, const size_t *counts, size_t n, size_t total)
{
	as_buf_printf(b, "<fieldset><legend>%s</legend><label for=\"f%sall\">all (%zu)</label>",
		      legend, name, total);
	for (size_t i = 0; i < n; i++) {
		as_buf_printf(b, "<label for=\"f%s%zu\">", name, i);
		as_html_text(b, values[i]);
		as_buf_printf(b, " (%zu)</label>", counts[i]);
	}
	as_buf_puts(b, "</fieldset>");
}

/* ---- rows ---------------------------------------------------------------- */

static void party(as_buf *b, const char *who)
{
	if (who)
		as_html_text(b, who);
	else
		as_buf_puts(b, "<span class=\"nodata\">unknown</span>");
}

/* The commit: its short id, linked when the document has an http(s) URL
 * for it, and its subject. */
static void commit_cell(as_buf *b, const json_t *f)
{
	const char *commit = as_html_str(f, "commit"), *url = as_html_str(f, "url"), *title = as_html_str(f, "title");
	const char *path = as_html_str(f, "path"), *record = as_html_str(f, "record");
	int link = url && (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7));

	if (commit) {
		if (link) {
			as_buf_puts(b, "<a href=\"");
			as_html_text(b, url);
			as_buf_puts(b, "\" rel=\"noreferrer noopener\">");
		}
		as_buf_puts(b, "<code title=\"");
		as_html_text(b, commit);
		as_buf_printf(b, "\">%.12s</code>", commit);
		as_buf_puts(b, link ? "</a> " : " ");
	}
	if (title)
		as_html_text(b, title);
	if (path) {
		as_buf_puts(b, "<br><code>");
		as_html_text(b, path);
		if (json_is_integer(as_html_get(f, "line")))
			as_buf_printf(b, ":%lld", (long long)json_integer_value(as_html_get(f, "line")));
		as_buf_puts(b, "</code>");
	}
	if (record) {
		as_buf_puts(b, " record <code>");
		as_html_text(b, record);
		as_buf_puts(b, "</code>");
	}
	if (as_html_str(f, "author")) {
		as_buf_puts(b, "<br><span class=\"muted\">by ");
		as_html_text(b, as_html_str(f, "author"));
		as_buf_puts(b, "</span>");
	}
}

static void finding_row(as_buf *b, const json_t *f, size_t sev, size_t rule, size_t rel)
{
	const char *event = as_html_str(f, "event");

	as_buf_printf(b, "<tr class=\"f s%zu r%zu l%zu\">", sev, rule, rel);
	as_buf_puts(b, "<td data-label=\"Severity\">");
	if (sev < 3)
		as_buf_printf(b, "<span class=\"sev sev-%s\">%s</span>", severities[sev], severities[sev]);
	else
		as_html_text(b, as_html_str(f, "severity") ? as_html_str(f, "severity") : "?");
	as_buf_puts(b, "</td><td data-label=\"Rule\"><code>");
	as_html_text(b, as_html_str(f, "rule"));
	as_buf_puts(b, "</code></td><td data-label=\"Date\">");
	as_html_day(b, as_html_str(f, "date"), "n/a");
	as_buf_puts(b, "</td><td data-label=\"Commit\">");
	commit_cell(b, f);
	as_buf_puts(b, "</td><td data-label=\"What\">");
	as_html_text(b, event);
	if (as_html_str(f, "relation")) {
		as_buf_puts(b, " ");
		as_html_swatch(b, as_html_str(f, "relation"));
		as_html_text(b, as_html_str(f, "relation"));
	}
	if (as_html_str(f, "actor") || as_html_str(f, "subject") ||
	    (event && (!strcmp(event, "assignment") || !strcmp(event, "approval")))) {
		as_buf_puts(b, "<br>");
		party(b, as_html_str(f, "actor"));
		as_buf_puts(b, " \xE2\x86\x92 ");
		party(b, as_html_str(f, "subject"));
	}
	as_buf_puts(b, "</td><td data-label=\"Excerpt\"><span class=\"excerpt\">");
	as_html_text(b, as_html_str(f, "excerpt"));
	as_buf_puts(b, "</span></td></tr>\n");
}

static void group_row(as_buf *b, const entry *e)
{
	as_buf_puts(b, "<tr class=\"g\"><th colspan=\"6\" scope=\"rowgroup\">");
	if (e->team) {
		as_buf_puts(b, "team ");
		as_html_text(b, e->team);
	} else {
		as_buf_puts(b, "no team");
	}
	if (e->manager) {
		as_buf_puts(b, " \xC2\xB7 set by ");
		as_html_text(b, e->manager);
	}
	as_buf_puts(b, "</th></tr>\n");
}

/* Each rule's advice once (and each different advice of a rule once). */
static void advice(as_buf *b, const entry *e, size_t n)
{
	as_buf_puts(b, "<h3>What to do instead</h3><dl class=\"advice\">");
	for (size_t i = 0; i < n; i++) {
		const char *rule = as_html_str(e[i].f, "rule"), *explain = as_html_str(e[i].f, "explain");
		size_t j, count = 0;
		for (j = 0; j < i; j++)
			if (!str_cmp(as_html_str(e[j].f, "rule"), rule) && !str_cmp(as_html_str(e[j].f, "explain"), explain))
				break;
		if (j < i || !explain || !*explain)
			continue;
		for (j = i; j < n; j++)
			count += !str_cmp(as_html_str(e[j].f, "rule"), rule) && !str_cmp(as_html_str(e[j].f, "explain"), explain);
		as_buf_puts(b, "<dt><code>");
		as_html_text(b, rule);
		as_buf_printf(b, "</code> (%zu)</dt><dd>", count);
		as_html_text(b, explain);
		as_buf_puts(b, "</dd>");
	}
	as_buf_puts(b, "</dl>");
}

void as_html_findings(as_buf *b, as_buf *style, json_t *fs)
{
	distinct rules = { .n = 0 }, rels = { .n = 0 };
	size_t sevc[3] = { 0 }, total, shown;

	as_buf_puts(b, "<section id=\"findings\" aria-labelledby=\"h-findings\">"
		    "<h2 id=\"h-findings\">Findings</h2>");
	if (!json_is_array(fs)) {
		as_buf_puts(b, "<p>" AS_HTML_NODATA "</p></section>\n");
		return;
	}
	if (!json_array_size(fs)) {
		as_buf_puts(b, "<p>No findings: nothing in this range breaks a rule.</p></section>\n");
		return;
	}
	entry *e = rank(fs, &total);
	shown = total < MAX_SHOWN ? total : MAX_SHOWN;
	for (size_t i = 0; i < shown; i++) {
		if (e[i].sev < 3)
			sevc[e[i].sev]++;
		distinct_add(&rules, as_html_str(e[i].f, "rule") ? as_html_str(e[i].f, "rule") : "?", 1);
		distinct_add(&rels, as_html_str(e[i].f, "relation") ? as_html_str(e[i].f, "relation") : "none", 1);
	}
	advice(b, e, shown);
	filter_css(style, "s", 3);
	filter_css(style, "r", rules.n);
	filter_css(style, "l", rels.n);

	as_buf_puts(b, "<h3>By team and manager, most severe first</h3><div class=\"filterable\">");
	filter_inputs(b, "s", 3);
	filter_inputs(b, "r", rules.n);
	filter_inputs(b, "l", rels.n);
	as_buf_puts(b, "<div class=\"filters\" role=\"group\" aria-label=\"Filter the findings\">");
	filter_labels(b, "Severity", "s", severities, sevc, 3, shown);
	filter_labels(b, "Rule", "r", rules.items, rules.count, rules.n, shown);
	filter_labels(b, "Relation", "l", rels.items, rels.count, rels.n, shown);
	as_buf_puts(b, "</div>");
	/* no "scroll sideways" line: on a phone the rows become cards */
	as_buf_puts(b, "<div class=\"scroll\"><table class=\"findings\"><thead><tr>"
		    "<th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Date</th>"
		    "<th scope=\"col\">Commit</th><th scope=\"col\">What, who \xE2\x86\x92 whom</th>"
		    "<th scope=\"col\">Excerpt</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < shown; i++) {
		if (!i || e[i].group != e[i - 1].group)
			group_row(b, &e[i]);
		size_t r = distinct_add(&rules, as_html_str(e[i].f, "rule") ? as_html_str(e[i].f, "rule") : "?", 0);
		size_t l = distinct_add(&rels, as_html_str(e[i].f, "relation") ? as_html_str(e[i].f, "relation") : "none", 0);
		finding_row(b, e[i].f, e[i].sev, r, l);
	}
	as_buf_puts(b, "</tbody></table></div>");
	as_buf_printf(b, "<p class=\"muted\"><span class=\"count\"></span> of %zu findings shown.</p>", shown);
	if (shown < total)
		as_buf_printf(b, "<p>The %zu most severe of %zu findings are listed; the JSON report "
			      "(<code>--format json</code>) has them all.</p>", shown, total);
	as_buf_puts(b, "</div></section>\n");
	free(e);
}
