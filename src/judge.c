#include "judge.h"

#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/sanitize.h"

static const char limit_explain[] =
	"antisilo stopped this pattern at a configured bound; simplify the rule's "
	"pattern or raise the bound in [antisilo].";

static const char copy_explain[] =
	"A cherry-pick repeats its original: the finding belongs to the original "
	"commit, where it was (or will be) judged, and this copy is not judged again.";

/* The explanation of a rule's finding, with what fired it. */
static char *explanation(const as_rule *rule, const as_event *ev)
{
	as_buf b = AS_BUF_INIT;
	as_buf_puts(&b, rule->explain ? rule->explain : "");
	if (ev->why.len) {
		as_buf_puts(&b, " (It fired on: ");
		as_buf_put(&b, ev->why.ptr, ev->why.len);
		as_buf_puts(&b, ".)");
	}
	return as_buf_detach(&b);
}

/* The rule source that judges events of this origin without a pattern. */
static int source_of(as_origin o)
{
	if (o == AS_ORIGIN_TRACKER_FILE || o == AS_ORIGIN_TRACKER_EXPORT)
		return AS_SRC_TRACKER;
	if (o == AS_ORIGIN_CODEOWNERS)
		return AS_SRC_CODEOWNERS;
	return -1;
}

/* Does the rule's `formats` take the event's export? */
static int format_wanted(const as_rule *r, const as_event *ev)
{
	if (!r->formats)
		return 1;
	if (!ev->format)
		return 0;
	for (int i = 0; as_export_format_names[i]; i++)
		if (!strcmp(as_export_format_names[i], ev->format))
			return !!(r->formats & (1u << i));
	return 0;
}

static void pick_rule(const as_judge_ctx *j, as_event *ev)
{
	const as_config *cfg = j->cfg;
	const char *text = as_buf_cstr(&ev->excerpt);
	size_t len = ev->excerpt.len;
	as_buf fixed = AS_BUF_INIT;

	/* the patterns take valid UTF-8 only (config/rule.c) */
	if (!as_utf8_valid(text, len)) {
		as_sanitize(&fixed, text, len, AS_SAN_UTF8);
		text = as_buf_cstr(&fixed);
		len = fixed.len;
	}
	for (size_t i = 0; i < cfg->nrules; i++) {
		const as_rule *r = &cfg->rules[i];
		if ((int)r->source != source_of(ev->origin) || r->pattern || r->event != ev->kind)
			continue;
		if (r->relations && !(r->relations & (1u << ev->relation)))
			continue;
		if (!format_wanted(r, ev) || (r->requires & ~j->facts))
			continue;
		if (r->exclude && j->matcher && as_matcher_test(j->matcher, r->exclude, text, len) == 1)
			continue;
		ev->rule = r;
		break;
	}
	as_buf_free(&fixed);
}


/* A finding for the event when its rule fires or a bound was hit. */
static void judge(const as_judge_ctx *j, const as_event *ev, uint32_t sub)
{
	const as_org *org = &j->cfg->org;
	const as_rule *rule = ev->rule;

	if (!rule && ev->limit_hit && ev->notice) {
		as_finding *f = as_findings_add_event(j->findings, ev, sub);
		f->rule = as_xstrdup(ev->notice->id);
		f->severity = AS_SEV_WARNING;
		f->relation = AS_REL_UNKNOWN;
		f->explain = as_xstrdup(ev->notice->explain);
		f->unchecked = 1;
		as_finding_fingerprint(f);
		return;
	}
	if (!rule || (!ev->limit_hit && rule->relations &&
		      !(rule->relations & (1u << ev->relation))))
		return;
	/* a bot sets no one's task and is no one's manager: counted apart */
	if (ev->bot && !ev->limit_hit)
		return;
	if (ev->copy_of[0] && !ev->limit_hit) {
		/* refers to the original's finding instead of a new one */
		as_finding *f = as_findings_add_event(j->findings, ev, sub);
		as_buf id = AS_BUF_INIT;
		as_buf_printf(&id, "antisilo:cherry-pick");
		f->rule = as_buf_detach(&id);
		f->severity = AS_SEV_INFO;
		f->relation = ev->relation;
		f->actor = ev->actor >= 0 ? org->people[ev->actor].id : NULL;
		f->subject = ev->subject >= 0 ? org->people[ev->subject].id : NULL;
		as_buf x = AS_BUF_INIT;
		as_buf_printf(&x, "%s Original: commit %s, rule %s.", copy_explain, ev->copy_of,
			      rule->id);
		f->explain = as_buf_detach(&x);
		as_finding_fingerprint(f);
		return;
	}

	as_finding *f = as_findings_add_event(j->findings, ev, sub);
	f->rule = as_xstrdup(rule->id);
	f->severity = rule->severity;
	if (ev->limit_hit || (ev->weak && f->severity > AS_SEV_WARNING))
		f->severity = AS_SEV_WARNING;
	f->relation = ev->relation;
	f->actor = ev->actor >= 0 ? org->people[ev->actor].id : NULL;
	f->subject = ev->subject_team >= 0 ? org->teams[ev->subject_team].id
		   : ev->subject >= 0 ? org->people[ev->subject].id : NULL;
	f->explain = ev->limit_hit ? as_xstrdup(limit_explain) : explanation(rule, ev);
	f->unchecked = ev->limit_hit;
	as_finding_fingerprint(f);
}

/*
 * The event judged again with the pusher as its author: a finding when
 * that fires and the claimed author did not. (A shallow copy: classifying
 * only writes its numbers.)
 */
static void judge_as_pusher(const as_judge_ctx *j, const as_event *ev, uint32_t sub,
			    size_t fired)
{
	const as_org *org = &j->cfg->org;
	if (fired || ev->author_person < 0 || ev->author_person == *j->pusher)
		return;
	as_event copy = *ev;
	copy.author_person = *j->pusher;
	as_classify(org, &copy);
	size_t before = j->findings->nr;
	judge(j, &copy, sub);
	if (j->findings->nr == before)
		return;
	as_finding *f = &j->findings->items[before];
	as_buf e = AS_BUF_INIT;
	as_buf_printf(&e, "%s (The commit names %s as its author, but %s pushed it: judged "
		      "with the pusher as the author.)", f->explain,
		      org->people[ev->author_person].id, org->people[*j->pusher].id);
	free(f->explain);
	f->explain = as_buf_detach(&e);
}

void as_judge_events(const as_judge_ctx *j, as_events *evs, size_t from)
{
	unsigned char small[64], *keep = small;
	size_t n = evs->nr - from, dropped = 0;
	if (n > sizeof(small))
		keep = as_xcalloc(n, 1);
	for (size_t i = from; i < evs->nr; i++) {
		/* a gate whose owners gate nothing is no event */
		keep[i - from] = !as_classify(&j->cfg->org, &evs->items[i]);
		dropped += !keep[i - from];
	}
	if (dropped)
		as_events_compact(evs, from, keep);
	if (keep != small)
		free(keep);
	for (size_t i = from; i < evs->nr; i++) {
		as_event *ev = &evs->items[i];
		if (!ev->rule && !ev->notice && source_of(ev->origin) >= 0)
			pick_rule(j, ev);
		size_t before = j->findings->nr;
		judge(j, ev, (uint32_t)i);
		if (j->pusher)
			judge_as_pusher(j, ev, (uint32_t)i, j->findings->nr - before);
	}
	if (j->metrics)
		as_metrics_count(j->metrics, j->mctx, evs, from);
}
