/*
 * Assignments over time, per team and per manager (timeline.h).
 */
#include "metrics/timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"

/* Month index of a time, or -1 when the time is not a plausible one (an
 * unreadable date is 0: 1970 would stretch the chart over decades). */
static int32_t month_of(int64_t when)
{
	struct tm tm;
	time_t tt = (time_t)when;
	if (when <= 0 || !gmtime_r(&tt, &tm))
		return -1;
	return (int32_t)((tm.tm_year + 1900) * 12 + tm.tm_mon);
}

void as_month_start(char out[16], int32_t month)
{
	int year = (int)(month / 12) % 10000;
	snprintf(out, 16, "%04d-%02d-01", year < 0 ? 0 : year, (int)(month % 12) + 1);
}

static uint64_t *month_counts(as_timeline *t, int32_t month)
{
	size_t lo = 0, hi = t->nr;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->months[mid] < month)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nr && t->months[lo] == month)
		return t->counts[lo];
	if (t->nr == t->alloc) {
		size_t alloc = t->alloc;
		AS_GROW(t->months, t->nr + 1, alloc);
		t->counts = as_xrealloc(t->counts, alloc * sizeof(*t->counts));
		t->alloc = alloc;
	}
	memmove(t->months + lo + 1, t->months + lo, (t->nr - lo) * sizeof(*t->months));
	memmove(t->counts + lo + 1, t->counts + lo, (t->nr - lo) * sizeof(*t->counts));
	t->months[lo] = month;
	memset(t->counts[lo], 0, sizeof(t->counts[lo]));
	t->nr++;
	return t->counts[lo];
}

/* Grows a per-person array to hold index `i`. */
static as_rel_counts *person_slot(as_rel_counts **arr, size_t *n, size_t i)
{
	if (i >= *n) {
		size_t nn = *n ? *n : 16;
		while (nn <= i)
			nn *= 2;
		*arr = as_xrealloc(*arr, nn * sizeof(**arr));
		memset(*arr + *n, 0, (nn - *n) * sizeof(**arr));
		*n = nn;
	}
	return &(*arr)[i];
}

void as_timeline_add(as_timeline *t, const as_event *e)
{
	int32_t month = month_of(e->time);
	if (month < 0)
		t->undated++;
	else
		month_counts(t, month)[e->relation]++;
	(*person_slot(&t->by_subject, &t->nsubject, (size_t)(e->subject + 1)))[e->relation]++;
	if ((e->relation == AS_REL_MANAGER || e->relation == AS_REL_SKIP_LEVEL) && e->actor >= 0)
		(*person_slot(&t->by_actor, &t->nactor, (size_t)e->actor))[e->relation]++;
}

void as_timeline_merge(as_timeline *into, const as_timeline *from)
{
	for (size_t i = 0; i < from->nr; i++) {
		uint64_t *c = month_counts(into, from->months[i]);
		for (int r = 0; r < AS_REL__COUNT; r++)
			c[r] += from->counts[i][r];
	}
	into->undated += from->undated;
	for (size_t i = 0; i < from->nsubject; i++) {
		uint64_t *c = *person_slot(&into->by_subject, &into->nsubject, i);
		for (int r = 0; r < AS_REL__COUNT; r++)
			c[r] += from->by_subject[i][r];
	}
	for (size_t i = 0; i < from->nactor; i++) {
		uint64_t *c = *person_slot(&into->by_actor, &into->nactor, i);
		for (int r = 0; r < AS_REL__COUNT; r++)
			c[r] += from->by_actor[i][r];
	}
}

void as_timeline_free(as_timeline *t)
{
	free(t->months);
	free(t->counts);
	free(t->by_subject);
	free(t->by_actor);
	memset(t, 0, sizeof(*t));
}

void as_timeline_team(const as_timeline *t, const as_org *org, size_t team,
		      as_rel_counts out)
{
	memset(out, 0, sizeof(as_rel_counts));
	for (size_t i = 0; i < t->nsubject; i++) {
		int in;
		if (i == 0) {
			in = team == org->nteams;
		} else if (i - 1 >= org->npeople) {
			continue;
		} else {
			const as_person *p = &org->people[i - 1];
			in = team == org->nteams && !p->nteams;
			for (size_t k = 0; k < p->nteams && !in; k++)
				in = p->teams[k] == team;
		}
		if (in)
			for (int r = 0; r < AS_REL__COUNT; r++)
				out[r] += t->by_subject[i][r];
	}
}
