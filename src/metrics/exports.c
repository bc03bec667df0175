/*
 * What the exports' pull requests add up to (metrics.h): a review is
 * feedback from the reviewer to the author, counted as a Reviewed-by
 * trailer is (feedback.h, under the keys review:approved,
 * review:changes_requested, review:commented); a pull request counts for
 * the teams that own its files (rules.ini paths and CODEOWNERS at the
 * audited tip), outside-approved when an approval comes from someone in
 * none of them (teams.h).
 */
#include "metrics/metrics.h"

#include <string.h>
#include <strings.h>

#include "util/alloc.h"

static int review_key(const as_buf *key)
{
	for (int k = 0; k < AS_REVIEW_KEYS; k++)
		if (!strcmp(as_buf_cstr(key), as_review_keys[k]))
			return k;
	return -1;
}

/* The same party: one person, or (unknown to the org chart) one text. */
static int same_party(int a, const as_buf *ta, int b, const as_buf *tb)
{
	if (a >= 0 || b >= 0)
		return a == b;
	return ta->len == tb->len && !strncasecmp(as_buf_cstr(ta), as_buf_cstr(tb), ta->len);
}

void as_metrics_count_review(as_metrics *m, const as_metrics_ctx *ctx, const as_event *e)
{
	int k = review_key(&e->key);
	if (!ctx || k < 0 || same_party(e->actor, &e->actor_text, e->subject, &e->subject_text))
		return;
	const as_org *org = ctx->org;
	size_t nkeys = ctx->settings.nfeedback_keys;
	as_feedback_add(&m->feedback, org, nkeys + (size_t)k, nkeys + AS_REVIEW_KEYS,
			e->actor, as_metrics_party(m, ctx, e->actor, &e->actor_text),
			e->subject, as_metrics_party(m, ctx, e->subject, &e->subject_text));
	as_work_feedback(&m->work, org, e->actor, e->subject, e->time);
}

void as_metrics_count_pull_request(as_metrics *m, const as_metrics_ctx *ctx,
				   const as_events *evs, size_t from, const as_event *pr)
{
	size_t pos = 0, len;
	const char *path;
	if (!ctx || !ctx->ownership)
		return;
	/* the owning teams of its files, each once */
	m->approvers_nr_ = 0;
	size_t nowners = 0;
	int *owners = NULL;
	size_t owners_alloc = 0;
	while ((path = as_event_next_item(pr, &pos, &len))) {
		as_ownership_of(ctx->ownership, path, len, &m->owners_);
		for (size_t i = 0; i < m->owners_.nteams; i++) {
			int t = (int)m->owners_.teams[i], seen = 0;
			for (size_t j = 0; j < nowners && !seen; j++)
				seen = owners[j] == t;
			if (!seen) {
				AS_GROW(owners, nowners + 1, owners_alloc);
				owners[nowners++] = t;
			}
		}
	}
	for (size_t i = from; i < evs->nr; i++) {
		const as_event *a = &evs->items[i];
		if (a->kind != AS_EV_APPROVAL || a->origin != AS_ORIGIN_TRACKER_EXPORT ||
		    a->limit_hit || a->bot ||
		    same_party(a->actor, &a->actor_text, pr->actor, &pr->actor_text))
			continue;
		AS_GROW(m->approvers_, m->approvers_nr_ + 1, m->approvers_alloc_);
		m->approvers_[m->approvers_nr_++] = a->actor;
	}
	as_teams_pull_request(&m->teams, ctx->org, owners, nowners, m->approvers_,
			      m->approvers_nr_);
	free(owners);
}
