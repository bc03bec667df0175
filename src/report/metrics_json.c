/*
 * The metrics as JSON (metrics_json.h). Names that came from commits are
 * repaired to valid UTF-8 here, on the way out.
 */
#include "report/metrics_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/sanitize.h"

#define NONE "(none)"

static json_t *text(const char *s)
{
	as_buf b = AS_BUF_INIT;
	as_sanitize_str(&b, s, AS_SAN_UTF8);
	json_t *j = json_stringn(as_buf_cstr(&b), b.len);
	as_buf_free(&b);
	return j;
}

static json_t *count(uint64_t n)
{
	return json_integer((json_int_t)n);
}

/* A ratio in [0, 1] rounded to 4 decimals; NAN is null. */
static json_t *ratio(double x)
{
	return isnan(x) ? json_null() : json_real(as_round(x, 4));
}

static json_t *share(uint64_t part, uint64_t whole)
{
	return whole ? ratio((double)part / (double)whole) : json_null();
}

static json_t *relations(const uint64_t *c)
{
	json_t *o = json_object();
	for (int r = 0; r < AS_REL__COUNT; r++)
		json_object_set_new(o, as_relation_name((as_relation)r), count(c[r]));
	return o;
}

static const char *team_name(const as_org *org, size_t t)
{
	return t < org->nteams ? org->teams[t].id : NONE;
}

/* ---- assignments over time, by team, by manager ------------------------ */

/* Months from the first to the last, the empty ones included, so that a
 * chart's x axis is time; a span of more than a century (a bogus date)
 * lists only the months that have assignments. */
json_t *as_metrics_over_time_json(const as_metrics *m)
{
	const as_timeline *t = &m->timeline;
	json_t *o = json_object(), *series = json_array();
	int fill = t->nr && t->months[t->nr - 1] - t->months[0] <= 1200;
	size_t i = 0;

	json_object_set_new(o, "bucket", json_string("month"));
	for (int32_t month = t->nr ? t->months[0] : 0; i < t->nr; month++) {
		static const uint64_t zero[AS_REL__COUNT];
		if (!fill)
			month = t->months[i];
		const uint64_t *c = t->months[i] == month ? t->counts[i++] : zero;
		char start[16];
		as_month_start(start, month);
		json_t *row = relations(c);
		json_object_set_new(row, "start", json_string(start));
		json_array_append_new(series, row);
	}
	json_object_set_new(o, "series", series);
	json_object_set_new(o, "undated", count(t->undated));
	return o;
}

json_t *as_metrics_by_team_json(const as_metrics *m)
{
	if (!m->org)
		return json_null();
	json_t *o = json_object();
	for (size_t t = 0; t <= m->org->nteams; t++) {
		as_rel_counts c;
		uint64_t sum = 0;
		as_timeline_team(&m->timeline, m->org, t, c);
		for (int r = 0; r < AS_REL__COUNT; r++)
			sum += c[r];
		if (t < m->org->nteams || sum)
			json_object_set_new(o, team_name(m->org, t), relations(c));
	}
	return o;
}

json_t *as_metrics_by_manager_json(const as_metrics *m)
{
	if (!m->org)
		return json_null();
	json_t *o = json_object();
	for (size_t p = 0; p < m->timeline.nactor && p < m->org->npeople; p++) {
		const uint64_t *c = m->timeline.by_actor[p];
		if (c[AS_REL_MANAGER] || c[AS_REL_SKIP_LEVEL])
			json_object_set_new(o, m->org->people[p].id, relations(c));
	}
	return o;
}

/* ---- teams and the contribution matrix --------------------------------- */

static json_t *team_json(const as_metrics *m, size_t t)
{
	static const as_team_counts zero_counts;
	static const as_team_feedback zero_feedback;
	const as_team_counts *c = m->teams.team ? &m->teams.team[t] : &zero_counts;
	const as_team_feedback *f = m->feedback.team ? &m->feedback.team[t] : &zero_feedback;
	int paths = m->have_paths, lines = paths && m->teams.lines_counted;
	json_t *o = json_object();

#define PATHS(v) (paths ? count(v) : json_null())
#define LINES(v) (lines ? count(v) : json_null())
	json_object_set_new(o, "commits", PATHS(c->commits));
	json_object_set_new(o, "lines", LINES(c->lines));
	json_object_set_new(o, "inbound_commits", PATHS(c->inbound_commits));
	json_object_set_new(o, "inbound_lines", LINES(c->inbound_lines));
	json_object_set_new(o, "outbound_commits", PATHS(c->outbound_commits));
	json_object_set_new(o, "outbound_lines", LINES(c->outbound_lines));
	json_object_set_new(o, "reviews_given", count(f->given));
	json_object_set_new(o, "reviews_given_cross_team", count(f->given_cross_team));
	json_object_set_new(o, "reviews_given_to_managers", count(f->given_to_managers));
	json_object_set_new(o, "reviews_given_by_managers", count(f->given_by_managers));
	json_object_set_new(o, "reviews_received", count(f->received));
	json_object_set_new(o, "reviews_received_cross_team", count(f->received_cross_team));
	json_object_set_new(o, "outside_approved_commits", PATHS(c->outside_approved));
	/* github-prs: pull requests into its paths (null without such an export) */
	json_object_set_new(o, "pull_requests", m->trackers.files ? count(c->pull_requests)
								  : json_null());
	json_object_set_new(o, "outside_approved_pull_requests",
			    m->trackers.files ? count(c->outside_approved_prs) : json_null());
	json_object_set_new(o, "autonomy", paths || c->pull_requests ? ratio(as_team_autonomy(c))
								     : json_null());
#undef PATHS
#undef LINES
	return o;
}

json_t *as_metrics_teams_json(const as_metrics *m)
{
	if (!m->org)
		return json_null();
	json_t *o = json_object();
	for (size_t t = 0; t < m->org->nteams; t++)
		json_object_set_new(o, m->org->teams[t].id, team_json(m, t));
	return o;
}

static json_t *square(const as_org *org, const uint64_t *cells)
{
	size_t side = org->nteams + 1;
	json_t *rows = json_array();
	for (size_t i = 0; i < side; i++) {
		json_t *row = json_array();
		for (size_t j = 0; j < side; j++)
			json_array_append_new(row, count(cells ? cells[i * side + j] : 0));
		json_array_append_new(rows, row);
	}
	return rows;
}

json_t *as_metrics_matrix_json(const as_metrics *m)
{
	if (!m->org || !m->have_paths)
		return json_null();
	json_t *o = json_object(), *names = json_array();
	for (size_t t = 0; t <= m->org->nteams; t++)
		json_array_append_new(names, json_string(team_name(m->org, t)));
	json_object_set_new(o, "teams", names);
	json_object_set_new(o, "commits", square(m->org, m->teams.commits));
	json_object_set_new(o, "lines", m->teams.lines_counted ? square(m->org, m->teams.lines)
							       : json_null());
	return o;
}

/* ---- feedback ---------------------------------------------------------- */

typedef struct {
	const char *from, *to;
	uint64_t count;
} edge;

/* Heaviest first, then by name: stable whatever the hash order. */
static int cmp_edge(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	int c = strcmp(x->from, y->from);
	return c ? c : strcmp(x->to, y->to);
}

static json_t *edge_json(const char *from, const char *to, uint64_t n)
{
	json_t *o = json_object();
	json_object_set_new(o, "from", text(from));
	json_object_set_new(o, "to", text(to));
	json_object_set_new(o, "count", count(n));
	return o;
}

static json_t *people_graph(const as_metrics *m, size_t *total)
{
	const as_u64map *g = &m->feedback.people;
	edge *edges = as_xmalloc((g->nr + 1) * sizeof(*edges));
	size_t n = 0;
	for (size_t i = 0; i < g->nslots; i++) {
		if (g->keys[i] == UINT64_MAX)
			continue;
		edges[n].from = as_metrics_ident(m, AS_PAIR_A(g->keys[i]));
		edges[n].to = as_metrics_ident(m, AS_PAIR_B(g->keys[i]));
		edges[n++].count = g->vals[i];
	}
	qsort(edges, n, sizeof(*edges), cmp_edge);
	json_t *a = json_array();
	for (size_t i = 0; i < n && i < AS_PEOPLE_GRAPH_MAX; i++)
		json_array_append_new(a, edge_json(edges[i].from, edges[i].to, edges[i].count));
	free(edges);
	*total = n;
	return a;
}

json_t *as_metrics_feedback_json(const as_metrics *m)
{
	const as_feedback *f = &m->feedback;
	const as_metrics_settings *set = &m->settings;
	json_t *o = json_object(), *keys = json_array(), *by_key = json_object();
	size_t edges;

	for (size_t k = 0; k < set->nfeedback_keys; k++) {
		json_array_append_new(keys, text(set->feedback_keys[k]));
		json_object_set_new(by_key, set->feedback_keys[k],
				    count(k < f->nkeys ? f->by_key[k] : 0));
	}
	/* the reviews of pull requests (github-prs), when exports were read */
	for (size_t k = 0; m->trackers.files && k < AS_REVIEW_KEYS; k++) {
		size_t i = set->nfeedback_keys + k;
		json_object_set_new(by_key, as_review_keys[k], count(i < f->nkeys ? f->by_key[i] : 0));
	}
	json_object_set_new(o, "keys", keys);
	json_object_set_new(o, "by_key", by_key);
	json_object_set_new(o, "total", count(f->total));
	json_object_set_new(o, "cross_team", count(f->cross_team));
	json_object_set_new(o, "in_team", count(f->in_team));
	json_object_set_new(o, "cross_team_share", share(f->cross_team, f->cross_team + f->in_team));
	json_object_set_new(o, "by_managers", count(f->by_managers));
	json_object_set_new(o, "by_peers", count(f->by_peers));
	json_object_set_new(o, "manager_share", share(f->by_managers, f->by_managers + f->by_peers));
	json_object_set_new(o, "by_reports", count(f->by_reports));
	json_object_set_new(o, "report_share", share(f->by_reports, f->by_managers + f->by_peers));
	if (m->org) {
		json_t *tg = json_array();
		size_t side = m->org->nteams + 1;
		for (size_t i = 0; f->team_graph && i < side; i++)
			for (size_t j = 0; j < side; j++)
				if (f->team_graph[i * side + j])
					json_array_append_new(tg, edge_json(team_name(m->org, i),
									    team_name(m->org, j),
									    f->team_graph[i * side + j]));
		json_object_set_new(o, "team_graph", tg);
	} else {
		json_object_set_new(o, "team_graph", json_null());
	}
	json_object_set_new(o, "people_graph", people_graph(m, &edges));
	json_object_set_new(o, "people_graph_edges", count(edges));
	return o;
}

/* ---- truck factors and silos ------------------------------------------- */

static const char *const area_kinds[] = { "repository", "directory", "team" };

static json_t *area_head(const as_area *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(area_kinds[a->kind]));
	json_object_set_new(o, "path", text(a->path));
	json_object_set_new(o, "truck_factor", count(a->all.truck_factor));
	return o;
}

static json_t *names(const as_metrics *m, const uint32_t *ids, size_t n)
{
	json_t *a = json_array();
	for (size_t k = 0; k < n; k++)
		json_array_append_new(a, text(as_metrics_ident(m, ids[k])));
	return a;
}

json_t *as_metrics_truck_factors_json(const as_metrics *m)
{
	if (!m->have_areas)
		return json_null();
	json_t *list = json_array();
	for (size_t i = 0; i < m->areas.nr; i++) {
		const as_area *a = &m->areas.items[i];
		if (!a->listed)
			continue;
		json_t *o = area_head(a);
		json_object_set_new(o, "authors", names(m, a->all.authors, a->all.nauthors));
		json_object_set_new(o, "active_truck_factor", count(a->active.truck_factor));
		json_object_set_new(o, "active_authors",
				    names(m, a->active.authors, a->active.nauthors));
		json_object_set_new(o, "files", count(a->files));
		json_array_append_new(list, o);
	}
	return list;
}

json_t *as_metrics_silos_json(const as_metrics *m)
{
	if (!m->have_areas)
		return json_null();
	json_t *list = json_array();
	for (size_t i = 0; i < m->areas.nr; i++) {
		const as_area *a = &m->areas.items[i];
		if (!a->candidate || a->all.truck_factor != 1)
			continue;
		json_t *o = area_head(a);
		json_object_set_new(o, "main_author", text(as_metrics_ident(m, a->all.authors[0])));
		json_object_set_new(o, "share", share(a->all.main_files, a->files));
		json_object_set_new(o, "active_truck_factor", count(a->active.truck_factor));
		json_object_set_new(o, "files", count(a->files));
		json_array_append_new(list, o);
	}
	return list;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *as_metrics_authorship_json(const as_metrics *m)
{
	if (!m->have_areas)
		return json_null();
	const as_authorship *a = &m->authorship;
	json_t *o = json_object(), *excluded = json_object();
	json_object_set_new(o, "files", count(a->paths.nr));
	json_object_set_new(o, "counted", count(a->counted));
	for (int r = 1; r < AS_FILE__COUNT; r++)
		json_object_set_new(excluded, as_file_reason_name((as_file_reason)r),
				    count(a->by_reason[r]));
	json_object_set_new(o, "excluded", excluded);
	json_object_set_new(o, "gitattributes_lines_skipped", count(m->attributes_skipped));
	json_object_set_new(o, "developers", count(m->developers));
	json_object_set_new(o, "active_developers", count(m->active_developers));
	json_object_set_new(o, "active_months", count(m->settings.active_months));
	if (m->active_since) {
		char day[16];
		time_t t = (time_t)m->active_since;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		json_object_set_new(o, "active_since", json_string(day));
	} else {
		json_object_set_new(o, "active_since", json_null());
	}
	/* the authors of counted files who are gone, by name */
	unsigned char *seen = as_xcalloc(m->idents.nr + 1, 1);
	const char **gone = as_xmalloc((m->idents.nr + 1) * sizeof(*gone));
	size_t ngone = 0;
	for (size_t t = 0; t < a->paths.nr; t++)
		for (size_t k = 0; a->reason[t] == AS_FILE_COUNTED && k < a->n[t]; k++) {
			uint32_t d = a->ids[a->off[t] + k];
			if (m->gone[d] && !seen[d]++)
				gone[ngone++] = as_metrics_ident(m, d);
		}
	qsort(gone, ngone, sizeof(*gone), cmp_str);
	json_t *g = json_array();
	for (size_t i = 0; i < ngone; i++)
		json_array_append_new(g, text(gone[i]));
	json_object_set_new(o, "gone_authors", g);
	free(gone);
	free(seen);
	return o;
}

json_t *as_metrics_silo_files_json(const as_metrics *m)
{
	if (!m->have_areas || !m->silo_files)
		return NULL;
	const as_authorship *a = &m->authorship;
	json_t *list = json_array();
	for (size_t t = 0; t < a->paths.nr; t++) {
		json_t *o = json_object();
		json_object_set_new(o, "path", text(as_strtab_str(&a->paths, (uint32_t)t)));
		json_object_set_new(o, "reason", json_string(as_file_reason_name(a->reason[t])));
		json_object_set_new(o, "authors", names(m, a->ids + a->off[t], a->n[t]));
		json_array_append_new(list, o);
	}
	return list;
}

/* Does file t keep an author still here when `without` leave too? */
static int keeps_author(const as_metrics *m, size_t t, const unsigned char *without)
{
	const as_authorship *a = &m->authorship;
	for (size_t k = 0; k < a->n[t]; k++) {
		uint32_t d = a->ids[a->off[t] + k];
		if (!m->gone[d] && !(without && without[d]))
			return 1;
	}
	return 0;
}

json_t *as_metrics_without_json(const as_metrics *m)
{
	if (!m->have_areas || !m->without)
		return NULL;
	const as_authorship *a = &m->authorship;
	json_t *o = json_object(), *devs = json_array(), *areas = json_array(), *files = json_array();
	for (size_t d = 0; d < m->idents.nr; d++)
		if (m->without[d])
			json_array_append_new(devs, text(as_metrics_ident(m, d)));
	json_object_set_new(o, "developers", devs);
	for (size_t i = 0; i < m->areas.nr; i++) {
		const as_area *ar = &m->areas.items[i];
		if (!ar->kept_before || ar->kept_after)
			continue;
		json_t *x = json_object();
		json_object_set_new(x, "kind", json_string(area_kinds[ar->kind]));
		json_object_set_new(x, "path", text(ar->path));
		json_object_set_new(x, "files", count(ar->files));
		json_object_set_new(x, "authored_files", count(ar->kept_before));
		json_array_append_new(areas, x);
	}
	json_object_set_new(o, "areas", areas);
	for (size_t t = 0; t < a->paths.nr; t++)
		if (a->reason[t] == AS_FILE_COUNTED && keeps_author(m, t, NULL) &&
		    !keeps_author(m, t, m->without))
			json_array_append_new(files, text(as_strtab_str(&a->paths, (uint32_t)t)));
	json_object_set_new(o, "files", files);
	return o;
}

/* ---- the score ---------------------------------------------------------- */

json_t *as_metrics_compliance_json(const as_metrics *m)
{
	if (!m->finished)
		return json_null();
	const as_score *s = &m->score;
	json_t *o = json_object(), *parts = json_object();
	json_object_set_new(o, "score", isnan(s->score) ? json_null()
							: json_real(as_round(s->score, 2)));
	json_object_set_new(o, "reason", s->reason ? json_string(s->reason) : json_null());
	json_object_set_new(o, "weighted_mean", isnan(s->mean) ? json_null()
								: json_real(as_round(s->mean, 2)));
	json_object_set_new(o, "cap", isnan(s->cap) ? json_null() : json_real(as_round(s->cap, 2)));
	json_object_set_new(o, "capped", json_boolean(s->capped));
	json_object_set_new(o, "explain", json_string(s->explain ? s->explain : ""));
	for (int p = 0; p < AS_PART__COUNT; p++) {
		const as_score_part *part = &s->parts[p];
		json_t *j = json_object();
		json_object_set_new(j, "value", ratio(part->value));
		json_object_set_new(j, "weight", json_real(as_round(part->weight, 4)));
		json_object_set_new(j, "effective_weight", json_real(as_round(part->effective, 4)));
		json_object_set_new(j, "explain", json_string(part->explain ? part->explain : ""));
		json_object_set_new(parts, as_score_part_name((as_score_part_id)p), j);
	}
	json_object_set_new(o, "parts", parts);
	return o;
}

void as_metrics_json_add(json_t *o, const as_metrics *m)
{
	json_object_set_new(o, "assignments_over_time", as_metrics_over_time_json(m));
	json_object_set_new(o, "assignments_by_team", as_metrics_by_team_json(m));
	json_object_set_new(o, "assignments_by_manager", as_metrics_by_manager_json(m));
	json_object_set_new(o, "teams", as_metrics_teams_json(m));
	json_object_set_new(o, "contribution_matrix", as_metrics_matrix_json(m));
	json_object_set_new(o, "feedback", as_metrics_feedback_json(m));
	json_object_set_new(o, "truck_factors", as_metrics_truck_factors_json(m));
	json_object_set_new(o, "silos", as_metrics_silos_json(m));
	json_object_set_new(o, "authorship", as_metrics_authorship_json(m));
	json_t *files = as_metrics_silo_files_json(m), *without = as_metrics_without_json(m);
	if (files)
		json_object_set_new(o, "silo_files", files);
	if (without)
		json_object_set_new(o, "without", without);
	json_object_set_new(o, "compliance", as_metrics_compliance_json(m));
}
