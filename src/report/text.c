/*
 * Text report: the report document for a terminal or a log. The summary
 * comes first — the counts, the score and why it is what it is, what to
 * do first, the managers, the names the org chart does not know — and the
 * findings after it, grouped by commit in walk order, so that a reader of
 * 100 KB of findings does not have to scroll to the end to learn the
 * outcome. Everything that came from people is sanitised for a terminal.
 */
#include <math.h>
#include <string.h>

#include "report/json.h"
#include "report/render.h"
#include "report/text.h"
#include "util/error.h"
#include "util/sanitize.h"

void as_text_put(FILE *out, const char *s)
{
	as_buf b = AS_BUF_INIT;
	as_sanitize_str(&b, s ? s : "", AS_SAN_TERMINAL);
	fputs(as_buf_cstr(&b), out);
	as_buf_free(&b);
}

const char *as_text_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

long long as_text_int(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

void as_text_pct(FILE *out, const json_t *v)
{
	if (json_is_number(v))
		fprintf(out, "%.0f%%", json_number_value(v) * 100);
	else
		fputs("n/a", out);
}

static const char *sev_color(const char *s)
{
	return !strcmp(s, "error") ? "\033[31m" : !strcmp(s, "warning") ? "\033[33m" : "\033[36m";
}

/* ---- the head and the summary ----------------------------------------- */

static void head(FILE *out, const json_t *doc)
{
	const json_t *range = json_object_get(doc, "range"), *period = json_object_get(doc, "period");
	const json_t *privacy = json_object_get(doc, "privacy");
	size_t i;
	json_t *r;

	fputs("antisilo report: ", out);
	as_text_put(out, as_text_str(doc, "repository"));
	fputs(" (range", out);
	json_array_foreach(range, i, r) {
		fputc(' ', out);
		as_text_put(out, json_string_value(r));
	}
	if (as_text_str(period, "first_commit"))
		fprintf(out, ", commits of %.10s to %.10s", as_text_str(period, "first_commit"),
			as_text_str(period, "last_commit"));
	fputs(")\n", out);
	if (as_text_str(privacy, "mode") && !strcmp(as_text_str(privacy, "mode"), "team"))
		fprintf(out, "privacy: team: no person is named; teams of fewer than %lld people are "
			"merged (%lld team%s); people outside the org chart are counted, not named\n",
			as_text_int(privacy, "min_group_size"), as_text_int(privacy, "merged_teams"),
			as_text_int(privacy, "merged_teams") == 1 ? "" : "s");
}

static void counts(FILE *out, const json_t *doc)
{
	const json_t *fs = json_object_get(doc, "findings");
	json_t *as = json_object_get(json_object_get(doc, "metrics"), "assignments");
	size_t n[3] = { 0 }, i;
	long long total = 0;
	json_t *f, *v;
	const char *k;

	json_array_foreach(fs, i, f) {
		const char *s = as_text_str(f, "severity");
		n[0] += s && !strcmp(s, "error");
		n[1] += s && !strcmp(s, "warning");
		n[2] += s && !strcmp(s, "info");
	}
	json_object_foreach(as, k, v)
		total += json_integer_value(v);
	fprintf(out, "  %lld commits scanned, %zu finding%s (%zu error, %zu warning, %zu info)",
		as_text_int(doc, "commits_scanned"), json_array_size(fs),
		json_array_size(fs) == 1 ? "" : "s", n[0], n[1], n[2]);
	fprintf(out, "; %lld assignment%s", total, total == 1 ? "" : "s");
	const char *sep = ": ";
	json_object_foreach(as, k, v) {
		if (!json_integer_value(v))
			continue;
		fprintf(out, "%s%lld %s", sep, (long long)json_integer_value(v), k);
		sep = ", ";
	}
	fputc('\n', out);
}

/* "compliance score 50.00/100, capped by top_down (weighted mean 73.57):
 * top_down 0.50 (x0.35), ..." */
static void score(FILE *out, const json_t *c)
{
	const json_t *s = json_object_get(c, "score");
	const char *key;
	json_t *p;

	if (!json_is_object(c))
		return;
	if (!json_is_number(s)) {
		fputs("  compliance score n/a: ", out);
		as_text_put(out, as_text_str(c, "reason") ? as_text_str(c, "reason") : "no data");
		fputc('\n', out);
		return;
	}
	fprintf(out, "  compliance score %.2f/100", json_number_value(s));
	if (json_is_true(json_object_get(c, "capped")))
		fprintf(out, ", capped by top_down (weighted mean %.2f)",
			json_number_value(json_object_get(c, "weighted_mean")));
	fputc(':', out);
	const char *sep = " ";
	json_object_foreach(json_object_get(c, "parts"), key, p) {
		const json_t *v = json_object_get(p, "value");
		fprintf(out, "%s", sep);
		as_text_put(out, key);
		if (json_is_number(v))
			fprintf(out, " %.2f (x%.2f)", json_number_value(v),
				json_number_value(json_object_get(p, "effective_weight")));
		else
			fputs(" n/a", out);
		sep = ", ";
	}
	fputc('\n', out);
}

/* ---- findings -------------------------------------------------------- */

static int same_group(const json_t *a, const json_t *b)
{
	const char *ca = as_text_str(a, "commit"), *cb = as_text_str(b, "commit");
	return a && ca && cb && !strcmp(ca, cb);
}

static void group_header(FILE *out, const json_t *f, int color)
{
	const char *commit = as_text_str(f, "commit"), *title = as_text_str(f, "title");
	if (color)
		fputs("\033[1m", out);
	if (commit)
		fprintf(out, "%.12s ", commit);
	as_text_put(out, title ? title : as_text_str(f, "path"));
	if (as_text_str(f, "author")) {
		fputs(" (", out);
		as_text_put(out, as_text_str(f, "author"));
		fputc(')', out);
	}
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

static void finding(FILE *out, const json_t *f, int color)
{
	const char *sev = as_text_str(f, "severity"), *event = as_text_str(f, "event");
	const char *path = as_text_str(f, "path"), *record = as_text_str(f, "record");

	sev = sev ? sev : "?";
	fprintf(out, "  %s%-7s%s ", color ? sev_color(sev) : "", sev, color ? "\033[0m" : "");
	as_text_put(out, as_text_str(f, "rule"));
	if (event && (!strcmp(event, "assignment") || !strcmp(event, "approval"))) {
		fprintf(out, " (%s ", event);
		as_text_put(out, as_text_str(f, "relation"));
		fputs(": ", out);
		as_text_put(out, as_text_str(f, "actor") ? as_text_str(f, "actor") : "?");
		fputs(" -> ", out);
		as_text_put(out, as_text_str(f, "subject") ? as_text_str(f, "subject") : "?");
		fputc(')', out);
	}
	fputc('\n', out);
	if (path) {
		fputs("          ", out);
		as_text_put(out, path);
		if (json_is_integer(json_object_get(f, "line")))
			fprintf(out, ":%lld", as_text_int(f, "line"));
		if (record) {
			fputs(" record ", out);
			as_text_put(out, record);
		}
		fputc('\n', out);
	}
	fputs("          ", out);
	as_text_put(out, as_text_str(f, "excerpt"));
	fputs("\n          ", out);
	as_text_put(out, as_text_str(f, "explain"));
	fputc('\n', out);
}

static void findings(FILE *out, const json_t *fs, int color)
{
	const json_t *last = NULL;
	size_t i;
	json_t *f;

	if (!json_array_size(fs))
		return;
	fputs("\nFindings\n", out);
	json_array_foreach(fs, i, f) {
		if (!same_group(last, f)) {
			if (last)
				fputc('\n', out);
			group_header(out, f, color);
		}
		finding(out, f, color);
		last = f;
	}
}

/* What the run left out on purpose ("--no-paths: ..."). */
static void notes(FILE *out, const json_t *list)
{
	size_t i;
	json_t *n;
	json_array_foreach(list, i, n) {
		fputs("Note: ", out);
		as_text_put(out, json_string_value(n));
		fputc('\n', out);
	}
}

/* The tracker exports' lines for the test tool and the like: the same
 * function the report uses, on the same JSON. */
void as_report_trackers_text(FILE *out, const as_tracker_stats *s, size_t max_names)
{
	json_t *t = as_report_trackers_json(s);
	if (s->files)
		as_text_trackers(out, t, max_names, "");
	json_decref(t);
}

int as_render_text(const json_t *doc, const as_render_ctx *ctx, FILE *out)
{
	const json_t *m = json_object_get(doc, "metrics");

	head(out, doc);
	notes(out, json_object_get(doc, "notes"));
	fputs("\nSummary\n", out);
	counts(out, doc);
	score(out, json_object_get(m, "compliance"));
	as_text_silos(out, m);
	as_text_top_down(out, json_object_get(m, "top_down"), json_object_get(doc, "previous_period"));
	as_text_managers(out, m);
	as_text_unknown(out, m);
	as_text_forge(out, doc);
	findings(out, json_object_get(doc, "findings"), ctx->color);
	if (fflush(out) == EOF || ferror(out))
		return as_error_set(AS_EINTERNAL, "cannot write the text report");
	return 0;
}
