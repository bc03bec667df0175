/*
 * The per-event counts (as_metrics_count): assignments, approvals, review
 * requests and gates by relation, context references, bots apart; the
 * exports' reviews and pull requests go on to exports.c. Assignment and
 * approval counts by relation (and the assignments over
 * time, by team and by manager: timeline.c; the exports' parties:
 * trackers.c).
 */
#include "metrics/metrics.h"

#include <string.h>
#include <strings.h>

static int same_party(int a, const as_buf *ta, int b, const as_buf *tb)
{
	if (a >= 0 || b >= 0)
		return a == b;
	return ta->len == tb->len && !strncasecmp(as_buf_cstr(ta), as_buf_cstr(tb), ta->len);
}

static int same_place(const as_event *a, const as_event *b)
{
	return a->line == b->line && a->path.len == b->path.len &&
	       a->record.len == b->record.len &&
	       !strcmp(as_buf_cstr(&a->path), as_buf_cstr(&b->path)) &&
	       !strcmp(as_buf_cstr(&a->record), as_buf_cstr(&b->record));
}

/* Two rules (a trailer and a sentence) may see the same assignment in one
 * place: it is one assignment. Two tracker lines are two. */
static int seen_before(const as_events *evs, size_t from, size_t i)
{
	const as_event *e = &evs->items[i];
	for (size_t j = from; j < i; j++) {
		const as_event *d = &evs->items[j];
		if (d->kind == e->kind && !d->limit_hit && same_place(d, e) &&
		    d->subject_team == e->subject_team &&
		    same_party(d->actor, &d->actor_text, e->actor, &e->actor_text) &&
		    same_party(d->subject, &d->subject_text, e->subject, &e->subject_text))
			return 1;
	}
	return 0;
}

void as_metrics_count(as_metrics *m, const as_metrics_ctx *ctx, const as_events *evs,
		      size_t from)
{
	for (size_t i = from; i < evs->nr; i++) {
		const as_event *e = &evs->items[i];
		int exported = e->origin == AS_ORIGIN_TRACKER_EXPORT;
		if (e->limit_hit)
			continue;
		if (e->bot) {
			m->bot_events[e->kind]++;
			m->trackers.bots += exported;
			continue;
		}
		if (exported)
			as_tracker_stats_add(&m->trackers, e);
		/* a cherry-pick's copy of an event is the original's, counted there */
		if (e->copy_of[0] || seen_before(evs, from, i))
			continue;
		switch (e->kind) {
		case AS_EV_ASSIGNMENT:
			m->assignments[e->relation]++;
			as_timeline_add(&m->timeline, e);
			break;
		case AS_EV_APPROVAL:
			m->approvals[e->relation]++;
			break;
		case AS_EV_CONTEXT:
			m->context_events++;
			break;
		case AS_EV_REVIEW_REQUEST:
			m->review_requests[e->relation]++;
			break;
		case AS_EV_GATE:
			m->gates[e->relation]++;
			break;
		case AS_EV_REVIEW:
			/* trailers count in as_metrics_commit(); a site rule
			 * with event = review over a message would count twice */
			if (exported)
				as_metrics_count_review(m, ctx, e);
			break;
		case AS_EV_CHANGE:
			if (exported && e->nitems)
				as_metrics_count_pull_request(m, ctx, evs, from, e);
			break;
		default:
			break;
		}
	}
}
