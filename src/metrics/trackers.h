#ifndef AS_METRICS_TRACKERS_H
#define AS_METRICS_TRACKERS_H
/*
 * What the tracker exports of a run added up to (the report's
 * `trackers`): files and records read, the assignments counted, those
 * undone or outside the window, and the parties the org chart does not
 * know, most named first — the people to add to [people].
 */
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "util/table.h"

typedef struct {
	uint64_t files;          /* exports read */
	uint64_t records;        /* records read: events, issues, CSV rows */
	uint64_t assignments;    /* assignments counted (in the window, not cancelled) */
	uint64_t cancelled;      /* undone by a later record ("unassigned") */
	uint64_t outside_window; /* outside --since/--until */
	uint64_t unmatched;      /* assignments with a party no person has */
	uint64_t bots;           /* events with a bot as a party: counted apart
				  * (metrics.bot_events), never a finding */
	as_strtab names_;        /* the parties no person has (case folded) */
	uint64_t *counts_;       /* [name id]: assignments naming it */
	size_t counts_alloc_;
	uint32_t *order_;        /* after as_tracker_stats_finish: most named first */
} as_tracker_stats;

/* Counts one classified tracker-export event (assignments only). */
void as_tracker_stats_add(as_tracker_stats *s, const as_event *ev);
void as_tracker_stats_merge(as_tracker_stats *into, const as_tracker_stats *from);
/* Orders the names: most named first, then by name. */
void as_tracker_stats_finish(as_tracker_stats *s);
void as_tracker_stats_free(as_tracker_stats *s);

/* After finish: the i-th name (0 <= i < as_tracker_stats_nnames). */
size_t as_tracker_stats_nnames(const as_tracker_stats *s);
const char *as_tracker_stats_name(const as_tracker_stats *s, size_t i, uint64_t *count);

#endif
