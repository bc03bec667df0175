#ifndef AS_JUDGE_H
#define AS_JUDGE_H
/*
 * The one judging stage every event passes through, whatever its source
 * (a commit's messages and trailers, a tracker file's lines, a tracker
 * export's records), in this order:
 *
 *   classify  who the parties are and their relation, by the org chart
 *             (classify.h);
 *             (and drop the gates that classification finds are none);
 *   pick      the rule of an event that no pattern found (the built-in
 *             tracker readers, CODEOWNERS gates): the first rule with no
 *             pattern whose `source` is the event's (tracker for tracker
 *             files and exports, codeowners for gates), whose `event` is
 *             the event's kind, whose `relation` (if any) holds, whose
 *             `formats` (if any) name the event's export, whose
 *             `requires` (if any) the run knows (`facts`), and whose
 *             `exclude` (if any) does not match the excerpt;
 *   judge     a finding when the event's rule fires (it names the
 *             relation, or names none) or a bound was hit (a warning,
 *             marked unchecked);
 *   count     the metrics of the events (metrics.h), fired or not.
 * Events with a bot among their parties are never findings; the metrics
 * count them apart.
 */
#include "config/config.h"
#include "detect/match.h"
#include "event.h"
#include "finding.h"
#include "metrics/metrics.h"

typedef struct {
	const as_config *cfg;
	as_matcher *matcher;     /* the calling thread's (exclude patterns) */
	as_findings *findings;
	as_metrics *metrics;     /* NULL: nothing is counted (the hook) */
	const as_metrics_ctx *mctx; /* what the metrics read (owners of paths); may be NULL */
	unsigned facts;          /* AS_FACT_* bits the run knows (rules' `requires`) */
	/* The hook: the person who pushed these events' commit when the
	 * commit names someone else of the org chart as its author and that
	 * claim is not backed (NULL otherwise). An event the claim clears
	 * (it would be `self`, or a peer's) but that fires with the pusher
	 * as the author is a finding too, which says why. */
	const int *pusher;
} as_judge_ctx;

/* Judges and counts items[from..nr) of `evs`: the events of one commit or
 * one record, in the order their findings take among its findings. */
void as_judge_events(const as_judge_ctx *j, as_events *evs, size_t from);

#endif
