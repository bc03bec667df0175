/*
 * metrics.top_down: what to do first (json.h). The teams that receive the
 * most top-down assignment, as a share of their assignments whose
 * relation is known, and the managers who assign the most, each beside
 * the previous period of the same length (--compare-previous). Drawn from
 * the document itself, after privacy = team grouped it, so the same code
 * ranks teams or groups.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/score.h"
#include "report/json.h"
#include "util/alloc.h"

typedef struct {
	const char *name;
	json_int_t top, known, manager, skip;
	json_int_t prev_top, prev_known;
	int in_prev;
	double share;       /* NAN: no known assignment */
} row;

static json_int_t get_int(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* top-down and known counts of a by-relation object */
static void counts(json_t *rel, json_int_t *top, json_int_t *known)
{
	const char *k;
	json_t *v;
	*top = get_int(rel, "manager") + get_int(rel, "skip-level");
	*known = 0;
	json_object_foreach(rel, k, v)
		if (strcmp(k, "unknown"))
			*known += json_integer_value(v);
}

static json_t *ratio(double x)
{
	return isnan(x) ? json_null() : json_real(as_round(x, 4));
}

static double share_of(json_int_t part, json_int_t whole)
{
	return whole ? (double)part / (double)whole : NAN;
}

static int by_share(const void *a, const void *b)
{
	const row *x = a, *y = b;
	if (isnan(x->share) != isnan(y->share))
		return isnan(x->share) ? 1 : -1;
	if (!isnan(x->share) && x->share != y->share)
		return x->share > y->share ? -1 : 1;
	if (x->top != y->top)
		return x->top > y->top ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int by_count(const void *a, const void *b)
{
	const row *x = a, *y = b;
	if (x->top != y->top)
		return x->top > y->top ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The rows of `now` and `before` ({"name": {relation counts}}), by name. */
static row *collect(json_t *now, json_t *before, size_t *n)
{
	size_t cap = json_object_size(now) + json_object_size(before) + 1, nr = 0;
	row *rows = as_xcalloc(cap, sizeof(*rows));
	const char *k;
	json_t *v;

	json_object_foreach(now, k, v) {
		row *r = &rows[nr++];
		r->name = k;
		counts(v, &r->top, &r->known);
		r->manager = get_int(v, "manager");
		r->skip = get_int(v, "skip-level");
	}
	json_object_foreach(before, k, v) {
		size_t i;
		for (i = 0; i < nr && strcmp(rows[i].name, k); i++)
			;
		if (i == nr)
			rows[nr++].name = k;
		rows[i].in_prev = 1;
		counts(v, &rows[i].prev_top, &rows[i].prev_known);
	}
	*n = nr;
	return rows;
}

static json_t *teams_json(json_t *now, json_t *before, int compared)
{
	size_t n;
	row *rows = collect(now, before, &n);
	for (size_t i = 0; i < n; i++)
		rows[i].share = share_of(rows[i].top, rows[i].known);
	qsort(rows, n, sizeof(*rows), by_share);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const row *r = &rows[i];
		if (!r->known && !r->prev_known)
			continue;
		double prev = compared ? share_of(r->prev_top, r->prev_known) : NAN;
		json_t *o = json_object();
		json_object_set_new(o, "team", json_string(r->name));
		json_object_set_new(o, "top_down", json_integer(r->top));
		json_object_set_new(o, "known", json_integer(r->known));
		json_object_set_new(o, "share", ratio(r->share));
		json_object_set_new(o, "previous_top_down", compared ? json_integer(r->prev_top) : json_null());
		json_object_set_new(o, "previous_known", compared ? json_integer(r->prev_known) : json_null());
		json_object_set_new(o, "previous_share", ratio(prev));
		json_object_set_new(o, "change", ratio(r->share - prev));
		json_array_append_new(a, o);
	}
	free(rows);
	return a;
}

static json_t *managers_json(json_t *now, json_t *before, int compared,
			     json_int_t all_top)
{
	size_t n;
	row *rows = collect(now, before, &n);
	qsort(rows, n, sizeof(*rows), by_count);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const row *r = &rows[i];
		if (!r->top && !r->prev_top)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "manager", json_string(r->name));
		json_object_set_new(o, "top_down", json_integer(r->top));
		json_object_set_new(o, "manager_relation", json_integer(r->manager));
		json_object_set_new(o, "skip_level", json_integer(r->skip));
		json_object_set_new(o, "share_of_top_down", ratio(share_of(r->top, all_top)));
		json_object_set_new(o, "previous_top_down", compared ? json_integer(r->prev_top) : json_null());
		json_object_set_new(o, "change", compared ? json_integer(r->top - r->prev_top) : json_null());
		json_array_append_new(a, o);
	}
	free(rows);
	return a;
}

json_t *as_top_down_json(const json_t *doc)
{
	json_t *m = json_object_get(doc, "metrics");
	json_t *prev = json_object_get(doc, "previous_period");
	int compared = json_is_integer(json_object_get(prev, "commits_scanned"));
	json_int_t top, known, ptop = 0, pknown = 0;

	counts(json_object_get(m, "assignments"), &top, &known);
	if (compared)
		counts(json_object_get(prev, "assignments"), &ptop, &pknown);
	double share = share_of(top, known), pshare = compared ? share_of(ptop, pknown) : NAN;
	json_t *o = json_object();
	json_object_set_new(o, "compared", json_boolean(compared));
	json_object_set_new(o, "top_down", json_integer(top));
	json_object_set_new(o, "known", json_integer(known));
	json_object_set_new(o, "share", ratio(share));
	json_object_set_new(o, "previous_top_down", compared ? json_integer(ptop) : json_null());
	json_object_set_new(o, "previous_known", compared ? json_integer(pknown) : json_null());
	json_object_set_new(o, "previous_share", ratio(pshare));
	json_object_set_new(o, "change", ratio(share - pshare));
	json_object_set_new(o, "teams", teams_json(json_object_get(m, "assignments_by_team"),
						   compared ? json_object_get(prev, "assignments_by_team") : NULL,
						   compared));
	json_object_set_new(o, "managers", managers_json(json_object_get(m, "assignments_by_manager"),
							 compared ? json_object_get(prev, "assignments_by_manager") : NULL,
							 compared, top));
	return o;
}
