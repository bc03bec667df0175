/*
 * JSON Lines report: the document split into flat, typed lines that load
 * straight into a table (DuckDB read_json, ClickHouse JSONEachRow, jq -c).
 *
 *   {"type":"run", ...}        one, first: what was audited, when
 *   {"type":"finding", ...}    one per finding, every field of the finding
 *   {"type":"metric", ...}     one per number of the metrics, long format
 *
 * Every line carries "run" and "repository", the keys to join on when a
 * year of audits of many repositories is loaded together; in an
 * organisation's audit (audit --repos) also "repo", the repository's name
 * in the list, and the run line how its audit ended ("status",
 * "exit_code", "error"). Every metric
 * line has the same keys (a fixed schema; null where a dimension does not
 * apply), and "value" is always a number or null. docs/report.md has the
 * reference.
 */
#include <string.h>

#include "report/render.h"
#include "util/buf.h"
#include "util/error.h"

/* The dimensions a metric line can have, in the order they are written. */
typedef struct {
	const char *relation;
	const char *team, *to_team;
	const char *person, *to_person;
	const char *path;
	const char *period;
	const char *part;
} dims;

typedef struct {
	FILE *out;
	const char *run;
	json_t *repository;   /* borrowed from the document */
	json_t *repo;         /* an organisation's audit: the name in the list */
	int team_only;        /* privacy = team: keys that were people are groups */
	int failed;
} emitter;

static json_t *line_new(const emitter *e, const char *type)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", json_string(type));
	json_object_set_new(o, "run", json_string(e->run));
	json_object_set(o, "repository", e->repository ? e->repository : json_null());
	if (e->repo)
		json_object_set(o, "repo", e->repo);
	return o;
}

static void line_write(emitter *e, json_t *o)
{
	if (json_dumpf(o, e->out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) != 0 ||
	    fputc('\n', e->out) == EOF)
		e->failed = 1;
	json_decref(o);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* A metric value: numbers as they are, booleans as 0/1, null (no data) as
 * null. Anything else (text, lists) is not a metric value: returns NULL. */
static json_t *metric_value(json_t *v)
{
	if (json_is_integer(v))
		return json_integer(json_integer_value(v));
	if (json_is_real(v))
		return json_real(json_real_value(v));
	if (json_is_boolean(v))
		return json_integer(json_is_true(v));
	if (!v || json_is_null(v))
		return json_null();
	return NULL;
}

static void metric(emitter *e, const char *name, const dims *d, json_t *v)
{
	json_t *value = metric_value(v);
	if (!value)
		return;
	json_t *o = line_new(e, "metric");
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "value", value);
	json_object_set_new(o, "relation", str_or_null(d->relation));
	json_object_set_new(o, "team", str_or_null(d->team));
	json_object_set_new(o, "to_team", str_or_null(d->to_team));
	json_object_set_new(o, "person", str_or_null(d->person));
	json_object_set_new(o, "to_person", str_or_null(d->to_person));
	json_object_set_new(o, "path", str_or_null(d->path));
	json_object_set_new(o, "period", str_or_null(d->period));
	json_object_set_new(o, "part", str_or_null(d->part));
	line_write(e, o);
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Any object of numbers (and nested objects of numbers): one line per
 * number, named by the dotted path. The fallback for metrics that this
 * renderer has no special shape for, so that a new metric still loads. */
static void generic(emitter *e, const char *name, const dims *d, json_t *v)
{
	if (json_is_object(v)) {
		const char *key;
		json_t *sub;
		as_buf b = AS_BUF_INIT;
		json_object_foreach(v, key, sub) {
			as_buf_clear(&b);
			as_buf_printf(&b, "%s.%s", name, key);
			generic(e, as_buf_cstr(&b), d, sub);
		}
		as_buf_free(&b);
		return;
	}
	if (!json_is_array(v) && !json_is_string(v))
		metric(e, name, d, v);
}

/* {"self": 0, "peer": 2, ...}: one line per relation. */
static void by_relation(emitter *e, const char *name, dims d, json_t *counts)
{
	const char *rel;
	json_t *n;
	json_object_foreach(counts, rel, n) {
		d.relation = rel;
		metric(e, name, &d, n);
	}
}

static void over_time(emitter *e, const char *name, json_t *v)
{
	size_t i;
	json_t *bucket;
	const char *key;
	json_t *n;
	as_buf b = AS_BUF_INIT;

	/* the numbers beside the series ("undated": events without a date) */
	json_object_foreach(v, key, n) {
		dims none = { 0 };
		if (!json_is_number(n) && !json_is_null(n))
			continue;
		as_buf_clear(&b);
		as_buf_printf(&b, "%s.%s", name, key);
		metric(e, as_buf_cstr(&b), &none, n);
	}
	as_buf_free(&b);
	json_array_foreach(json_object_get(v, "series"), i, bucket) {
		dims d = { .period = jstr(bucket, "start") };
		json_object_foreach(bucket, key, n) {
			if (!strcmp(key, "start") || !strcmp(key, "end"))
				continue;
			d.relation = key;
			metric(e, name, &d, n);
		}
	}
}

/* {"replay": {...}}: the object's keys are teams (or people, by_person). */
static void keyed(emitter *e, const char *name, json_t *v, int by_person)
{
	const char *key;
	json_t *sub;
	json_object_foreach(v, key, sub) {
		dims d = { 0 };
		if (by_person && !e->team_only)
			d.person = key;
		else
			d.team = key;
		if (json_is_object(sub) && !strcmp(name, "teams")) {
			const char *k;
			json_t *n;
			as_buf b = AS_BUF_INIT;
			json_object_foreach(sub, k, n) {
				as_buf_clear(&b);
				as_buf_printf(&b, "team.%s", k);
				generic(e, as_buf_cstr(&b), &d, n);
			}
			as_buf_free(&b);
		} else if (json_is_object(sub)) {
			by_relation(e, name, d, sub);
		} else {
			metric(e, name, &d, sub);
		}
	}
}

/* {"teams": [...], "commits": [[...]], ...}: a line per cell of each matrix. */
static void matrix(emitter *e, const char *name, json_t *v)
{
	json_t *teams = json_object_get(v, "teams");
	const char *key;
	json_t *rows;
	as_buf b = AS_BUF_INIT;

	json_object_foreach(v, key, rows) {
		size_t i, j;
		json_t *row, *cell;
		if (!strcmp(key, "teams") || !json_is_array(rows))
			continue;
		as_buf_clear(&b);
		as_buf_printf(&b, "%s.%s", name, key);
		json_array_foreach(rows, i, row) {
			json_array_foreach(row, j, cell) {
				dims d = {
					.team = json_string_value(json_array_get(teams, i)),
					.to_team = json_string_value(json_array_get(teams, j)),
				};
				metric(e, as_buf_cstr(&b), &d, cell);
			}
		}
	}
	as_buf_free(&b);
}

static void feedback(emitter *e, const char *name, json_t *v)
{
	const char *key;
	json_t *sub;
	as_buf b = AS_BUF_INIT;

	json_object_foreach(v, key, sub) {
		as_buf_clear(&b);
		as_buf_printf(&b, "%s.%s", name, key);
		if (json_is_array(sub)) {
			int people = !strcmp(key, "people_graph");
			size_t i;
			json_t *edge;
			json_array_foreach(sub, i, edge) {
				if (!json_is_object(edge))
					continue; /* "keys": the trailer names, not numbers */
				dims d = { 0 };
				if (people) {
					d.person = jstr(edge, "from");
					d.to_person = jstr(edge, "to");
				} else {
					d.team = jstr(edge, "from");
					d.to_team = jstr(edge, "to");
				}
				metric(e, as_buf_cstr(&b), &d, json_object_get(edge, "count"));
			}
		} else {
			dims d = { 0 };
			generic(e, as_buf_cstr(&b), &d, sub);
		}
	}
	as_buf_free(&b);
}

/* truck_factors and silos: a list of areas, each with its path. */
static void areas(emitter *e, const char *prefix, json_t *v)
{
	size_t i;
	json_t *area;
	as_buf b = AS_BUF_INIT;

	json_array_foreach(v, i, area) {
		const char *key;
		json_t *n;
		dims d = { .path = jstr(area, "path"), .person = jstr(area, "main_author") };
		json_object_foreach(area, key, n) {
			if ((!strcmp(key, "authors") || !strcmp(key, "active_authors")) &&
			    json_is_array(n)) {
				size_t k;
				json_t *who;
				dims da = { .path = d.path };
				json_t *one = json_integer(1);
				as_buf_clear(&b);
				as_buf_printf(&b, "%s.%s", prefix, key[0] == 'a' && key[1] == 'c'
					      ? "active_author" : "author");
				json_array_foreach(n, k, who) {
					da.person = json_string_value(who);
					metric(e, as_buf_cstr(&b), &da, one);
				}
				json_decref(one);
				continue;
			}
			if (!json_is_number(n) && !json_is_null(n))
				continue;
			as_buf_clear(&b);
			if (strcmp(key, prefix))
				as_buf_printf(&b, "%s.%s", prefix, key);
			else
				as_buf_puts(&b, prefix); /* truck_factor.truck_factor */
			metric(e, as_buf_cstr(&b), &d, n);
		}
	}
	as_buf_free(&b);
}

/* --silo-files: one line per (file, author); --without: one line per
 * area that loses its last author, its value the files it had authored. */
static void silo_files(emitter *e, json_t *v)
{
	size_t i, k;
	json_t *f, *who;
	json_t *one = json_integer(1);
	json_array_foreach(v, i, f) {
		dims d = { .path = jstr(f, "path") };
		json_array_foreach(json_object_get(f, "authors"), k, who) {
			d.person = json_string_value(who);
			metric(e, "silo_file.author", &d, one);
		}
	}
	json_decref(one);
}

static void without(emitter *e, json_t *v)
{
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(v, "areas"), i, a) {
		dims d = { .path = jstr(a, "path") };
		metric(e, "without.area", &d, json_object_get(a, "authored_files"));
	}
}

static void compliance(emitter *e, json_t *v)
{
	const char *part;
	json_t *p;
	dims none = { 0 };

	metric(e, "compliance.score", &none, json_object_get(v, "score"));
	metric(e, "compliance.weighted_mean", &none, json_object_get(v, "weighted_mean"));
	metric(e, "compliance.cap", &none, json_object_get(v, "cap"));
	if (json_object_get(v, "capped"))
		metric(e, "compliance.capped", &none, json_object_get(v, "capped"));
	json_object_foreach(json_object_get(v, "parts"), part, p) {
		dims d = { .part = part };
		const char *key;
		json_t *n;
		as_buf b = AS_BUF_INIT;
		/* value, weight, effective_weight...: every number of the part */
		json_object_foreach(p, key, n) {
			if (!json_is_number(n) && !json_is_null(n))
				continue;
			as_buf_clear(&b);
			as_buf_printf(&b, "compliance.part.%s", key);
			metric(e, as_buf_cstr(&b), &d, n);
		}
		as_buf_free(&b);
	}
}

static void trackers(emitter *e, json_t *v)
{
	const char *key;
	json_t *sub;
	as_buf b = AS_BUF_INIT;

	json_object_foreach(v, key, sub) {
		dims d = { 0 };
		as_buf_clear(&b);
		as_buf_printf(&b, "trackers.%s", key);
		if (json_is_array(sub)) {
			/* "unmatched": identities the org chart does not know */
			json_t *n = json_integer((json_int_t)json_array_size(sub));
			metric(e, as_buf_cstr(&b), &d, n);
			json_decref(n);
		} else {
			generic(e, as_buf_cstr(&b), &d, sub);
		}
	}
	as_buf_free(&b);
}

/* A list of rows (top_down.teams, managers.people...): a line per number
 * of each row, named prefix.key, with the row's `dim` as its team or
 * person. */
static void rows(emitter *e, const char *prefix, json_t *list, const char *dim, int person)
{
	size_t i;
	json_t *row;
	as_buf b = AS_BUF_INIT;

	json_array_foreach(list, i, row) {
		const char *key, *who = jstr(row, dim);
		json_t *n;
		dims d = { 0 };
		if (person && !e->team_only)
			d.person = who;
		else
			d.team = who;
		json_object_foreach(row, key, n) {
			as_buf_clear(&b);
			as_buf_printf(&b, "%s.%s", prefix, key);
			if (json_is_number(n) || json_is_boolean(n) || json_is_null(n))
				metric(e, as_buf_cstr(&b), &d, n);
		}
	}
	as_buf_free(&b);
}

/* A list inside a metric: its key, the name of its lines, the field of
 * a row that is its dimension, and whether that names a person. */
typedef struct {
	const char *key, *name, *dim;
	int person;
} row_list;

/* The numbers of an object beside its lists, then the lists as rows. */
static void with_rows(emitter *e, const char *name, json_t *v,
		      const row_list *lists, size_t nlists)
{
	const char *key;
	json_t *sub;
	as_buf b = AS_BUF_INIT;

	json_object_foreach(v, key, sub) {
		size_t k;
		for (k = 0; k < nlists && strcmp(lists[k].key, key); k++)
			;
		as_buf_clear(&b);
		as_buf_printf(&b, "%s.%s", name, k < nlists ? lists[k].name : key);
		if (k < nlists) {
			rows(e, as_buf_cstr(&b), sub, lists[k].dim, lists[k].person);
		} else {
			dims none = { 0 };
			generic(e, as_buf_cstr(&b), &none, sub);
		}
	}
	as_buf_free(&b);
}

static void top_down(emitter *e, json_t *v)
{
	static const row_list lists[] = {
		{ "teams", "team", "team", 0 },
		{ "managers", "manager", "manager", 1 },
	};
	with_rows(e, "top_down", v, lists, 2);
}

static void managers(emitter *e, json_t *v)
{
	static const row_list lists[] = {
		{ "people", "person", "manager", 1 },
		{ "by_team", "team", "team", 0 },
	};
	with_rows(e, "managers", v, lists, 2);
}

static void unknown_authors(emitter *e, json_t *v)
{
	static const row_list lists[] = { { "names", "name", "name", 1 } };
	with_rows(e, "unknown_authors", v, lists, 1);
}

static void metrics(emitter *e, json_t *m)
{
	const char *key;
	json_t *v;

	json_object_foreach(m, key, v) {
		dims none = { 0 };
		if (!strcmp(key, "assignments_over_time"))
			over_time(e, key, v);
		else if (!strcmp(key, "assignments_by_team") || !strcmp(key, "teams"))
			keyed(e, key, v, 0);
		else if (!strcmp(key, "assignments_by_manager"))
			keyed(e, key, v, 1);
		else if (!strcmp(key, "contribution_matrix"))
			matrix(e, key, v);
		else if (!strcmp(key, "feedback"))
			feedback(e, key, v);
		else if (!strcmp(key, "truck_factors"))
			areas(e, "truck_factor", v);
		else if (!strcmp(key, "silos"))
			areas(e, "silo", v);
		else if (!strcmp(key, "silo_files"))
			silo_files(e, v);
		else if (!strcmp(key, "without"))
			without(e, v);
		else if (!strcmp(key, "compliance"))
			compliance(e, v);
		else if (!strcmp(key, "trackers"))
			trackers(e, v);
		else if (!strcmp(key, "top_down"))
			top_down(e, v);
		else if (!strcmp(key, "managers"))
			managers(e, v);
		else if (!strcmp(key, "unknown_authors"))
			unknown_authors(e, v);
		else if (json_is_object(v) && (!strcmp(key, "assignments") || !strcmp(key, "approvals")))
			by_relation(e, key, none, v);
		else
			generic(e, key, &none, v);
	}
}

/* previous_period: its assignments, by relation, team and manager. */
static void previous(emitter *e, json_t *p)
{
	dims none = { 0 };
	metric(e, "previous_period.commits_scanned", &none, json_object_get(p, "commits_scanned"));
	if (json_is_object(json_object_get(p, "assignments")))
		by_relation(e, "previous_period.assignments", none, json_object_get(p, "assignments"));
	keyed(e, "previous_period.assignments_by_team", json_object_get(p, "assignments_by_team"), 0);
	keyed(e, "previous_period.assignments_by_manager", json_object_get(p, "assignments_by_manager"), 1);
}

static void run_line(emitter *e, const json_t *doc, const as_render_ctx *ctx)
{
	static const char *const copied[] = { "range", "rules", "commits_scanned", "notes" };
	json_t *tool = json_object_get(doc, "tool");
	json_t *findings = json_object_get(doc, "findings");
	char when[32];
	size_t counts[3] = { 0 }, i;
	json_t *f;

	as_render_time_iso(when, sizeof(when), ctx->time);
	json_t *o = line_new(e, "run");
	json_object_set_new(o, "time", json_string(when));
	json_object_set(o, "tool", json_object_get(tool, "name") ? json_object_get(tool, "name") : json_null());
	json_object_set(o, "version", json_object_get(tool, "version") ? json_object_get(tool, "version") : json_null());
	for (i = 0; i < sizeof(copied) / sizeof(copied[0]); i++) {
		json_t *v = json_object_get(doc, copied[i]);
		json_object_set(o, copied[i], v ? v : json_null());
	}
	json_array_foreach(findings, i, f) {
		const char *sev = jstr(f, "severity");
		if (!sev)
			continue;
		counts[0] += !strcmp(sev, "error");
		counts[1] += !strcmp(sev, "warning");
		counts[2] += !strcmp(sev, "info");
	}
	json_object_set_new(o, "findings", json_integer((json_int_t)json_array_size(findings)));
	json_object_set_new(o, "errors", json_integer((json_int_t)counts[0]));
	json_object_set_new(o, "warnings", json_integer((json_int_t)counts[1]));
	json_object_set_new(o, "infos", json_integer((json_int_t)counts[2]));
	/* what the report covers and how it names people */
	json_object_set_new(o, "privacy", e->team_only ? json_string("team") : json_string("none"));
	static const char *const bounds[][3] = {
		{ "since", "period", "since" }, { "until", "period", "until" },
		{ "previous_since", "previous_period", "since" },
		{ "previous_until", "previous_period", "until" },
	};
	for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
		json_t *v = json_object_get(json_object_get(doc, bounds[i][1]), bounds[i][2]);
		json_object_set(o, bounds[i][0], v ? v : json_null());
	}
	/* an organisation's audit: how this repository's audit ended */
	static const char *const outcome[] = { "status", "exit_code", "error" };
	for (i = 0; e->repo && i < sizeof(outcome) / sizeof(outcome[0]); i++) {
		json_t *v = json_object_get(doc, outcome[i]);
		json_object_set(o, outcome[i], v ? v : json_null());
	}
	line_write(e, o);
}

int as_render_jsonl(const json_t *doc, const as_render_ctx *ctx, FILE *out)
{
	char run[48];
	emitter e = { .out = out, .run = run };
	size_t i;
	json_t *f;

	as_render_run_id(run, sizeof(run), doc, ctx->time);
	e.repository = json_object_get(doc, "repository");
	e.repo = json_object_get(doc, "repo");
	const char *mode = json_string_value(json_object_get(json_object_get(doc, "privacy"), "mode"));
	e.team_only = mode && !strcmp(mode, "team");
	run_line(&e, doc, ctx);

	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		const char *key;
		json_t *v;
		json_t *o = line_new(&e, "finding");
		json_object_foreach(f, key, v) {
			if (strcmp(key, "type") && strcmp(key, "run") && strcmp(key, "repository") &&
			    strcmp(key, "repo"))
				json_object_set(o, key, v);
		}
		line_write(&e, o);
	}

	metrics(&e, json_object_get(doc, "metrics"));
	if (json_is_object(json_object_get(doc, "previous_period")))
		previous(&e, json_object_get(doc, "previous_period"));
	if (e.failed || ferror(out))
		return as_error_set(AS_EINTERNAL, "cannot write the JSON Lines report");
	return 0;
}
