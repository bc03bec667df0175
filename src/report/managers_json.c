/*
 * metrics.managers and metrics.unknown_authors of the report document
 * (json.h; the numbers are metrics/managers.c's).
 *
 * A manager's row sets their own hands-on work in the audited period
 * beside the median of the people they manage, and says whether they did
 * any in the last active_months before the period's end. The same
 * numbers by team make the team-level table that is all privacy = team
 * shows: per team (group), its managers, how many are hands-on, their
 * work added up, and the median of the team's other members.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/score.h"
#include "report/json.h"
#include "report/privacy.h"
#include "util/alloc.h"

#define MAX_UNKNOWN_NAMES 100

static json_t *count(uint64_t n)
{
	return json_integer((json_int_t)n);
}

static json_t *number(double x)
{
	return isnan(x) ? json_null() : json_real(as_round(x, 2));
}

static json_t *manager_row(const as_manager_row *r, const as_org *org)
{
	json_t *o = json_object(), *teams = json_array();
	json_object_set_new(o, "manager", as_json_text(org->people[r->person].id));
	for (size_t i = 0; i < r->nteams; i++)
		json_array_append_new(teams, as_json_text(org->teams[r->teams[i]].id));
	json_object_set_new(o, "teams", teams);
	json_object_set_new(o, "reports", count(r->reports));
	json_object_set_new(o, "commits", count(r->work.commits));
	json_object_set_new(o, "reviews_given", count(r->work.reviews_given));
	json_object_set_new(o, "team_members", count(r->members));
	json_object_set_new(o, "team_median_commits", number(r->median_commits));
	json_object_set_new(o, "team_median_reviews_given", number(r->median_reviews));
	json_object_set_new(o, "last_work", as_report_date_json(r->work.last_work));
	json_object_set_new(o, "hands_on", json_boolean(r->hands_on));
	json_object_set_new(o, "feedback_to_reports", count(r->work.feedback_to_reports));
	json_object_set_new(o, "feedback_from_reports", count(r->work.feedback_from_reports));
	return o;
}

/* The groups of the team-level table: the teams (privacy: the groups). */
typedef struct {
	const as_org *org;
	const as_privacy *privacy;
	const unsigned char *is_manager;   /* [npeople] */
} grouping;

static size_t ngroups(const grouping *g)
{
	return g->privacy ? as_privacy_ngroups(g->privacy) : g->org->nteams;
}

static int manager_in(const grouping *g, const as_manager_row *r, size_t k)
{
	if (g->privacy)
		return as_privacy_managed_group(g->privacy, (int)r->person) == k;
	for (size_t i = 0; i < r->nteams; i++)
		if (r->teams[i] == k)
			return 1;
	return 0;
}

static int member_of(const grouping *g, size_t person, size_t k)
{
	if (g->privacy)
		return as_privacy_person_group(g->privacy, (int)person) == k;
	const as_person *p = &g->org->people[person];
	for (size_t i = 0; i < p->nteams; i++)
		if (p->teams[i] == k)
			return 1;
	return 0;
}

static json_t *team_row(const grouping *g, size_t k, const as_manager_row *rows, size_t n,
			const as_work *w)
{
	uint64_t managers = 0, hands_on = 0, commits = 0, reviews = 0, down = 0, up = 0;
	for (size_t i = 0; i < n; i++) {
		if (!manager_in(g, &rows[i], k))
			continue;
		managers++;
		hands_on += rows[i].hands_on != 0;
		commits += rows[i].work.commits;
		reviews += rows[i].work.reviews_given;
		down += rows[i].work.feedback_to_reports;
		up += rows[i].work.feedback_from_reports;
	}
	if (!managers)
		return NULL;
	double *c = as_xcalloc(g->org->npeople + 1, sizeof(*c));
	double *v = as_xcalloc(g->org->npeople + 1, sizeof(*v));
	size_t members = 0;
	for (size_t p = 0; p < g->org->npeople; p++) {
		if (g->is_manager[p] || !member_of(g, p, k))
			continue;
		c[members] = w->people ? (double)w->people[p].commits : 0;
		v[members++] = w->people ? (double)w->people[p].reviews_given : 0;
	}
	json_t *o = json_object();
	json_object_set_new(o, "team", json_string(g->privacy ? as_privacy_group_name(g->privacy, k)
							       : g->org->teams[k].id));
	json_object_set_new(o, "managers", count(managers));
	json_object_set_new(o, "hands_on", count(hands_on));
	json_object_set_new(o, "not_hands_on", count(managers - hands_on));
	json_object_set_new(o, "commits", count(commits));
	json_object_set_new(o, "reviews_given", count(reviews));
	json_object_set_new(o, "team_members", count(members));
	json_object_set_new(o, "team_median_commits", number(as_median(c, members)));
	json_object_set_new(o, "team_median_reviews_given", number(as_median(v, members)));
	json_object_set_new(o, "feedback_to_reports", count(down));
	json_object_set_new(o, "feedback_from_reports", count(up));
	free(c);
	free(v);
	return o;
}

json_t *as_managers_json(const as_metrics *m, const as_org *org,
			 const as_privacy *privacy, int64_t since, int64_t until)
{
	/* active_months = 0: any work of the period counts */
	size_t months = m->settings.active_months;
	int64_t end = until ? until : m->last_time;
	int64_t start = since ? since : m->first_time;
	int64_t window = end > 0 && months ? as_months_before(end, months) : 0;
	as_manager_row *rows;
	size_t n, hands_on = 0;

	if (!org || !org->npeople)
		return json_null();
	as_managers_list(&rows, &n, &m->work, org, window);
	unsigned char *is_manager = as_xcalloc(org->npeople + 1, 1);
	json_t *o = json_object(), *people = json_array(), *teams = json_array();
	for (size_t i = 0; i < n; i++) {
		is_manager[rows[i].person] = 1;
		hands_on += rows[i].hands_on != 0;
		json_array_append_new(people, manager_row(&rows[i], org));
	}
	grouping g = { org, privacy, is_manager };
	for (size_t k = 0; k < ngroups(&g); k++) {
		json_t *row = team_row(&g, k, rows, n, &m->work);
		if (row)
			json_array_append_new(teams, row);
	}
	json_object_set_new(o, "active_months", count(months));
	json_object_set_new(o, "as_of", as_report_date_json(end));
	json_object_set_new(o, "window_start", as_report_date_json(window));
	/* a period shorter than the window cannot see work done before it */
	json_object_set_new(o, "window_covered", json_boolean(!months || (start > 0 && start <= window)));
	json_object_set_new(o, "managers", count(n));
	json_object_set_new(o, "hands_on", count(hands_on));
	json_object_set_new(o, "not_hands_on", count(n - hands_on));
	if (privacy) {
		json_decref(people);
		people = json_null();
	}
	json_object_set_new(o, "people", people);
	json_object_set_new(o, "by_team", teams);
	free(is_manager);
	as_managers_free(rows, n);
	return o;
}

typedef struct {
	const char *name;
	uint64_t commits;
} named;

static int by_commits(const void *a, const void *b)
{
	const named *x = a, *y = b;
	if (x->commits != y->commits)
		return x->commits > y->commits ? -1 : 1;
	return strcmp(x->name, y->name);
}

json_t *as_unknown_authors_json(const as_metrics *m, const as_privacy *privacy)
{
	const as_u64map *u = &m->work.unknown;
	named *list = as_xcalloc(u->nr + 1, sizeof(*list));
	uint64_t commits = 0;
	size_t n = 0;

	for (size_t i = 0; i < u->nslots; i++) {
		if (u->keys[i] == UINT64_MAX)
			continue;
		list[n].name = as_metrics_ident(m, (uint32_t)u->keys[i]);
		list[n++].commits = u->vals[i];
		commits += u->vals[i];
	}
	qsort(list, n, sizeof(*list), by_commits);
	json_t *o = json_object();
	json_object_set_new(o, "count", count(n));
	json_object_set_new(o, "commits", count(commits));
	if (privacy) {
		json_object_set_new(o, "names", json_null());
	} else {
		json_t *names = json_array();
		for (size_t i = 0; i < n && i < MAX_UNKNOWN_NAMES; i++)
			json_array_append_new(names, json_pack("{s:o,s:I}", "name", as_json_text(list[i].name),
							       "commits", (json_int_t)list[i].commits));
		json_object_set_new(o, "names", names);
	}
	free(list);
	return o;
}
