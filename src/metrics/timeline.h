#ifndef AS_METRICS_TIMELINE_H
#define AS_METRICS_TIMELINE_H
/*
 * Assignments by relation over time (calendar months, UTC, by the time of
 * the event), by the subject's team and by the manager who assigned.
 * Per person counts are kept during the walk (they need no org chart
 * lookups and merge by addition); teams are summed up when reported.
 */
#include <stdint.h>

#include "config/org.h"
#include "event.h"

typedef uint64_t as_rel_counts[AS_REL__COUNT];

typedef struct {
	int32_t *months;            /* sorted; year * 12 + month - 1 */
	as_rel_counts *counts;      /* [i]: the assignments of months[i] */
	size_t nr, alloc;
	uint64_t undated;           /* events without a usable time */
	as_rel_counts *by_subject;  /* [person + 1]; [0]: subject unknown */
	size_t nsubject;
	as_rel_counts *by_actor;    /* [person]: manager and skip-level only */
	size_t nactor;
} as_timeline;

/* Counts one assignment event (already classified and de-duplicated). */
void as_timeline_add(as_timeline *t, const as_event *e);
void as_timeline_merge(as_timeline *into, const as_timeline *from);
void as_timeline_free(as_timeline *t);

/* The counts of the subjects in team `team`; team == org->nteams: the
 * subjects in no team (the unknown ones included). */
void as_timeline_team(const as_timeline *t, const as_org *org, size_t team,
		      as_rel_counts out);

/* "2024-01-01" for a month index. */
void as_month_start(char out[16], int32_t month);

#endif
