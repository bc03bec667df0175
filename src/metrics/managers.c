/*
 * Managers' own work and feedback in every direction (managers.h).
 */
#include "metrics/managers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"

static as_work_counts *counts_of(as_work *w, const as_org *org, int person)
{
	if (person < 0 || (size_t)person >= org->npeople)
		return NULL;
	if (!w->people) {
		w->npeople = org->npeople;
		w->people = as_xcalloc(w->npeople + 1, sizeof(*w->people));
	}
	return &w->people[person];
}

static void worked(as_work_counts *c, int64_t time)
{
	if (time > c->last_work)
		c->last_work = time;
}

void as_work_commit(as_work *w, const as_org *org, int author, uint32_t ident,
		    int64_t time)
{
	as_work_counts *c = counts_of(w, org, author);
	if (!c) {
		(*as_u64map_at(&w->unknown, ident))++;
		return;
	}
	c->commits++;
	worked(c, time);
}

void as_work_feedback(as_work *w, const as_org *org, int giver, int receiver,
		      int64_t time)
{
	as_work_counts *c = counts_of(w, org, giver);
	if (!c)
		return;
	c->reviews_given++;
	worked(c, time);
	if (receiver < 0)
		return;
	if (as_org_is_above(org, giver, receiver))
		c->feedback_to_reports++;
	else if (as_org_is_above(org, receiver, giver))
		counts_of(w, org, receiver)->feedback_from_reports++;
}

void as_work_merge(as_work *into, const as_work *from, const uint32_t *ident_map)
{
	if (from->people) {
		if (!into->people) {
			into->npeople = from->npeople;
			into->people = as_xcalloc(into->npeople + 1, sizeof(*into->people));
		}
		for (size_t i = 0; i < from->npeople && i < into->npeople; i++) {
			as_work_counts *a = &into->people[i];
			const as_work_counts *b = &from->people[i];
			a->commits += b->commits;
			a->reviews_given += b->reviews_given;
			a->feedback_to_reports += b->feedback_to_reports;
			a->feedback_from_reports += b->feedback_from_reports;
			worked(a, b->last_work);
		}
	}
	for (size_t i = 0; i < from->unknown.nslots; i++) {
		uint64_t k = from->unknown.keys[i];
		if (k != UINT64_MAX)
			*as_u64map_at(&into->unknown, ident_map[k]) += from->unknown.vals[i];
	}
}

void as_work_free(as_work *w)
{
	free(w->people);
	as_u64map_free(&w->unknown);
	memset(w, 0, sizeof(*w));
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double as_median(double *v, size_t n)
{
	if (!n)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int64_t as_months_before(int64_t when, size_t months)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	time_t tt = (time_t)when;
	struct tm tm;

	if (!gmtime_r(&tt, &tm))
		return 0;
	long m = (long)tm.tm_year * 12 + tm.tm_mon - (long)months;
	tm.tm_year = (int)(m / 12);
	tm.tm_mon = (int)(m % 12);
	int year = tm.tm_year + 1900;
	int leap = (year % 4 == 0 && year % 100) || year % 400 == 0;
	int last = days[tm.tm_mon] + (tm.tm_mon == 1 && leap);
	if (tm.tm_mday > last)
		tm.tm_mday = last;
	return (int64_t)timegm(&tm);
}

static int has_team(const as_manager_row *r, size_t t)
{
	for (size_t i = 0; i < r->nteams; i++)
		if (r->teams[i] == t)
			return 1;
	return 0;
}

static void add_team(as_manager_row *r, size_t t)
{
	if (has_team(r, t))
		return;
	r->teams = as_xrealloc(r->teams, (r->nteams + 1) * sizeof(*r->teams));
	r->teams[r->nteams++] = t;
}

/* Is `p` anybody's manager? */
static int manages(const as_org *org, size_t p)
{
	for (size_t i = 0; i < org->npeople; i++)
		if (org->people[i].manager == (int)p)
			return 1;
	return 0;
}

static int in_teams(const as_org *org, const as_manager_row *r, size_t person)
{
	const as_person *p = &org->people[person];
	for (size_t i = 0; i < p->nteams; i++)
		if (has_team(r, p->teams[i]))
			return 1;
	return 0;
}

/* The medians of the people the manager manages (their teams' members,
 * every manager left out: the comparison is with the craft). */
static void medians(as_manager_row *r, const as_work *w, const as_org *org,
		    const unsigned char *is_manager)
{
	double *c = as_xcalloc(org->npeople + 1, sizeof(*c));
	double *v = as_xcalloc(org->npeople + 1, sizeof(*v));
	size_t n = 0;
	for (size_t p = 0; p < org->npeople; p++) {
		if (is_manager[p] || !in_teams(org, r, p))
			continue;
		const as_work_counts *k = w->people ? &w->people[p] : NULL;
		c[n] = k ? (double)k->commits : 0;
		v[n++] = k ? (double)k->reviews_given : 0;
	}
	r->members = n;
	r->median_commits = as_median(c, n);
	r->median_reviews = as_median(v, n);
	free(c);
	free(v);
}

void as_managers_list(as_manager_row **out, size_t *n, const as_work *w,
		      const as_org *org, int64_t window_start)
{
	unsigned char *is_manager = as_xcalloc(org->npeople + 1, 1);
	size_t count = 0;

	*out = NULL;
	*n = 0;
	for (size_t p = 0; p < org->npeople; p++)
		count += is_manager[p] = (unsigned char)manages(org, p);
	if (!count) {
		free(is_manager);
		return;
	}
	as_manager_row *rows = as_xcalloc(count, sizeof(*rows));
	size_t k = 0;
	for (size_t p = 0; p < org->npeople; p++) {
		if (!is_manager[p])
			continue;
		as_manager_row *r = &rows[k++];
		r->person = p;
		for (size_t t = 0; t < org->nteams; t++)
			if (org->teams[t].lead == (int)p)
				add_team(r, t);
		int leads = r->nteams > 0;
		for (size_t q = 0; q < org->npeople; q++) {
			if (org->people[q].manager != (int)p)
				continue;
			r->reports++;
			for (size_t i = 0; !leads && i < org->people[q].nteams; i++)
				add_team(r, org->people[q].teams[i]);
		}
		if (w->people)
			r->work = w->people[p];
		r->hands_on = r->work.last_work && r->work.last_work >= window_start;
		medians(r, w, org, is_manager);
	}
	free(is_manager);
	*out = rows;
	*n = count;
}

void as_managers_free(as_manager_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].teams);
	free(rows);
}
