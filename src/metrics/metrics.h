#ifndef AS_METRICS_H
#define AS_METRICS_H
/*
 * Metrics: what the events of a run add up to (SPEC §6 "metrics").
 * Each worker thread fills its own as_metrics; as_metrics_merge() adds
 * them up at the end, so no counter is shared between threads.
 */
#include <stdint.h>

#include "config/org.h"
#include "event.h"

typedef struct {
	/* Every assignment event, fired or not, once per commit or record
	 * and parties, by relation from the actor to the subject. */
	uint64_t assignments[AS_REL__COUNT];
	uint64_t approvals[AS_REL__COUNT];
	uint64_t context_events;   /* private-channel references */
} as_metrics;

/* Counts the events items[from..nr) of one commit or record. */
void as_metrics_count(as_metrics *m, const as_events *evs, size_t from);
void as_metrics_merge(as_metrics *into, const as_metrics *from);

#endif
