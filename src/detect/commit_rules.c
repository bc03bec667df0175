/*
 * Commit rules: subject, body, message and trailer rules over one commit.
 */
#include "detect/detect.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "detect/directive.h"
#include "detect/prefilter.h"
#include "source/message.h"
#include "util/alloc.h"
#include "util/sanitize.h"

#include "util/error.h"

#define MAX_EXCERPT 300

/* A match as an excerpt: white space squeezed, at most MAX_EXCERPT bytes. */
static void set_excerpt(as_buf *out, const char *s, size_t len)
{
	as_buf_clear(out);
	as_excerpt_append(out, s, len, MAX_EXCERPT);
}

static void take_group(as_matcher *m, const pcre2_code *re, const char *name,
		       const char *text, as_buf *out)
{
	size_t so, eo;
	if (name && as_matcher_group(m, re, name, &so, &eo))
		set_excerpt(out, text + so, eo - so);
}

/*
 * A text prepared for the rules: valid UTF-8 (the patterns are compiled
 * without PCRE2_MATCH_INVALID_UTF, see config/rule.c, so invalid bytes
 * are replaced by U+FFFD first) and, for prefilters, lower-cased once no
 * matter how many rules look at it.
 */
typedef struct {
	const char *ptr;
	size_t len;
	as_buf fixed;
	const as_config *cfg;      /* rules of the pass array; NULL: test per rule */
	unsigned char *pass;       /* per rule: may the pattern match? */
} prepared;

static void text_init(prepared *t, const char *s, size_t len, int known_valid)
{
	memset(t, 0, sizeof(*t));
	t->ptr = s;
	t->len = len;
	if (!known_valid && !as_utf8_valid(s, len)) {
		as_sanitize(&t->fixed, s, len, AS_SAN_UTF8);
		t->ptr = as_buf_cstr(&t->fixed);
		t->len = t->fixed.len;
	}
}

static void text_release(prepared *t)
{
	as_buf_free(&t->fixed);
	free(t->pass);
}

/* May the rule match this text? (detect/prefilter.h) */
static int prefilter_passes(const as_rule *rule, const prepared *t)
{
	if (!rule->nprefilter)
		return 1;
	if (!t->pass)
		return as_prefilter_rule_passes(rule, t->ptr, t->len);
	return t->pass[rule - t->cfg->rules];
}

static size_t detect(const as_rule *rule, as_matcher *m, const prepared *t,
		     const char *excerpt, as_origin origin, as_events *out)
{
	const char *s = t->ptr;
	size_t len = t->len, added = 0, start = 0, last_end = SIZE_MAX;
	int rc;

	if (!rule->pattern || !prefilter_passes(rule, t))
		return 0;
	if (rule->exclude) {
		/* (the prepared text is valid UTF-8 already) */
		rc = as_matcher_run(m, rule->exclude, s, len, 0);
		if (rc == 1)
			return 0;
		if (rc < 0)
			goto limit;
	}
	while (added < AS_MAX_MATCHES_PER_TEXT && start <= len) {
		rc = as_matcher_run(m, rule->pattern, s, len, start);
		if (rc == 0)
			break;
		if (rc < 0)
			goto limit;
		size_t so, eo;
		as_matcher_span(m, &so, &eo);
		/* Step past an empty match by one UTF-8 character. */
		start = eo > so ? eo : eo + 1;
		while (start < len && ((unsigned char)s[start] & 0xC0) == 0x80)
			start++;
		/* An empty match where the last one ended is the same place
		 * again ('.*' matches "x", then "" after it): not a new event. */
		if (so == eo && so == last_end)
			continue;
		last_end = eo;
		as_event *ev = as_events_add(out);
		ev->kind = rule->event;
		ev->origin = origin;
		ev->rule = rule;
		take_group(m, rule->pattern, "actor", s, &ev->actor_text);
		take_group(m, rule->pattern, rule->subject_group, s, &ev->subject_text);
		if (excerpt)
			as_buf_puts(&ev->excerpt, excerpt);
		else
			set_excerpt(&ev->excerpt, s + so, eo - so);
		added++;
	}
	return added;

limit:;
	as_event *ev = as_events_add(out);
	ev->kind = rule->event;
	ev->origin = origin;
	ev->rule = rule;
	ev->limit_hit = 1;
	as_buf_puts(&ev->excerpt, "pattern hit a PCRE2 bound (match_limit, depth_limit "
		    "or heap_limit_kib): text not fully checked");
	return added + 1;
}

size_t as_detect_text(const as_rule *rule, as_matcher *m, const char *s,
		      size_t len, const char *excerpt, as_origin origin,
		      as_events *out)
{
	prepared t;
	text_init(&t, s, len, 0);
	size_t n = detect(rule, m, &t, excerpt, origin, out);
	text_release(&t);
	return n;
}

void as_detector_init(as_detector *d, const as_config *cfg)
{
	d->cfg = cfg;
	d->engine = NULL;
	d->engine_regions = 0;
	for (size_t r = 0; r < cfg->nrules; r++)
		if (cfg->rules[r].directives)
			d->engine_regions |= cfg->rules[r].regions;
	d->prefilter = as_prefilter_new(cfg->rules, cfg->nrules);
	if (d->engine_regions)
		d->engine = as_directive_engine_new(cfg);
}

void as_detector_release(as_detector *d)
{
	as_prefilter_free(d->prefilter);
	as_directive_engine_free(d->engine);
	d->prefilter = NULL;
	d->engine = NULL;
}

/* A directive found in a region, and the rule that takes it. */
typedef struct {
	as_directive d;
	size_t region;
	const as_rule *rule;
} found;

struct as_scanner {
	const as_detector *det;
	as_matcher *matcher;
	as_message model;
	as_buf fixed;               /* the message with invalid UTF-8 repaired */
	as_buf outside;             /* its text but the trailers, when it takes a copy */
	as_buf author;              /* "Name <email>", for ticket_author() */
	as_directive_scratch engine;
	found *found;
	size_t nfound, found_alloc;
	uint32_t *got;              /* prefilter groups per rule, for one region */
	size_t *counts;             /* per rule: trailers' events (a streamed message) */
	unsigned char *pass;        /* per rule: may its pattern match the region? */
};

as_scanner *as_scanner_new(const as_detector *d)
{
	as_scanner *s = as_xcalloc(1, sizeof(*s));
	size_t n = d->cfg->nrules ? d->cfg->nrules : 1;
	s->det = d;
	s->matcher = as_matcher_new(d->cfg);
	as_message_init(&s->model);
	as_directive_scratch_init(&s->engine);
	s->got = as_xcalloc(n, sizeof(*s->got));
	s->pass = as_xcalloc(n, 1);
	s->counts = as_xcalloc(n, sizeof(*s->counts));
	return s;
}

void as_scanner_free(as_scanner *s)
{
	if (!s)
		return;
	as_matcher_free(s->matcher);
	as_message_free(&s->model);
	as_buf_free(&s->fixed);
	as_buf_free(&s->outside);
	as_buf_free(&s->author);
	as_directive_scratch_free(&s->engine);
	free(s->found);
	free(s->got);
	free(s->pass);
	free(s->counts);
	free(s);
}

as_matcher *as_scanner_matcher(as_scanner *s)
{
	return s->matcher;
}

/* The first directive rule that takes d, found in a region of kind k. */
static const as_rule *rule_for(const as_config *cfg, const as_directive *d, as_region_kind k)
{
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		if ((rule->directives & 1u << d->kind) && (rule->actors & 1u << d->by) &&
		    (rule->regions & 1u << k))
			return rule;
	}
	return NULL;
}

static int same_parties(const found *a, const found *b)
{
	return a->rule == b->rule && a->d.by == b->d.by && a->d.actor == b->d.actor &&
	       a->d.role == b->d.role && a->d.subject == b->d.subject;
}

/* The directive engine over the regions its rules read; each directive
 * found goes to the first rule that takes it (once per commit and
 * parties: the subject and the body saying the same is one event). */
/* The commit's author as a person of the org chart, when a ticket key
 * may be theirs (config/tickets.h); -1 otherwise. */
static int ticket_author(as_scanner *s, const as_commit *c)
{
	const as_config *cfg = s->det->cfg;
	if (!as_tickets_count(&cfg->tickets))
		return -1;
	s->author.len = 0;
	as_commit_author(c, &s->author);
	return as_org_resolve(&cfg->org, s->author.ptr, s->author.len);
}

static void run_engine(as_scanner *s, const as_commit *c, const char *text, const char *outside,
		       size_t outside_len)
{
	const as_detector *d = s->det;
	s->nfound = 0;
	/* one pass over the message but its trailers (their addresses are
	 * no party of the prose) says whether any region may hold one */
	if (!d->engine || !as_directive_triggered(d->engine, outside, outside_len))
		return;
	as_directive_begin(&s->engine, ticket_author(s, c));
	for (size_t i = 0; i < s->model.nr; i++) {
		const as_region *rg = &s->model.items[i];
		if (!(d->engine_regions & 1u << rg->kind))
			continue;
		as_directive_find(d->engine, &s->engine, text + rg->start, rg->end - rg->start,
				  rg->kind);
		for (size_t k = 0; k < s->engine.nfound; k++) {
			found f = { s->engine.found[k], i, rule_for(d->cfg, &s->engine.found[k], rg->kind) };
			int dup = !f.rule;
			for (size_t j = 0; j < s->nfound && !dup; j++) {
				if (same_parties(&s->found[j], &f)) {
					s->found[j].d.strict |= f.d.strict;
					dup = 1;
				}
			}
			if (!dup) {
				AS_GROW(s->found, s->nfound + 1, s->found_alloc);
				s->found[s->nfound++] = f;
			}
		}
	}
}

static void engine_event(const as_scanner *s, const as_config *cfg, const found *f,
			 const char *text, as_events *out)
{
	const as_rule *rule = f->rule;
	const as_region *rg = &s->model.items[f->region];
	as_event *ev = as_events_add(out);
	ev->kind = rule->event;
	ev->origin = rule->source == AS_SRC_SUBJECT ? AS_ORIGIN_SUBJECT
		     : rule->source == AS_SRC_BODY ? AS_ORIGIN_BODY : AS_ORIGIN_MESSAGE;
	ev->rule = rule;
	const char *base = text + rg->start;
	if (f->d.by == AS_BY_NAMED) {
		if (f->d.actor >= 0)
			as_buf_puts(&ev->actor_text, cfg->org.people[f->d.actor].id);
		else
			as_buf_put(&ev->actor_text, base + f->d.actor_start,
				   f->d.actor_end - f->d.actor_start);
	} else if (f->d.by == AS_BY_ROLE) {
		ev->actor_role = f->d.role;
		as_buf_put(&ev->actor_text, base + f->d.actor_start, f->d.actor_end - f->d.actor_start);
	} else if (f->d.subject >= 0) {
		as_buf_puts(&ev->subject_text, cfg->org.people[f->d.subject].id);
	}
	/* only explicit assignment words with a named actor next to its verb
	 * may block; everything else the engine finds is a heuristic */
	ev->weak = !(f->d.strict && f->d.kind == AS_DIR_ASSIGN);
	set_excerpt(&ev->excerpt, base + f->d.ex_start, f->d.ex_end - f->d.ex_start);
	as_buf_printf(&ev->why, "%s (%s)", f->d.words, f->d.form);
	if (f->d.ticket)
		as_buf_printf(&ev->why, "; the tracker export assigns %.*s to %s",
			      (int)(f->d.ticket_end - f->d.ticket_start), base + f->d.ticket_start,
			      f->d.ticket == 1 ? "you" : "them");
}

/*
 * The prefilter of every rule, once over the text the text rules can read
 * (the message but its trailers): a pattern runs on a region only when
 * the words it needs are in the message, which is all the prefilter ever
 * promised (the regions are parts of it).
 */
static void prefilter_message(const as_detector *d, as_scanner *s, const char *outside,
			      size_t outside_len)
{
	as_prefilter_words(d->prefilter, outside, outside_len, s->got);
	as_prefilter_pass(d->prefilter, s->got, s->pass);
}

/* GitLab's merge template lists the merge request's approvals: code
 * review, and not of the merger's work. */
static int skip_for_message(const as_scanner *s, const as_rule *rule)
{
	return s->model.gitlab_merge && rule->event == AS_EV_APPROVAL;
}

/* A pattern rule over the regions it reads. */
static void text_rule(const as_detector *d, as_scanner *s, const as_rule *rule, const char *text,
		      as_events *out)
{
	as_origin origin = rule->source == AS_SRC_SUBJECT ? AS_ORIGIN_SUBJECT
			   : rule->source == AS_SRC_BODY ? AS_ORIGIN_BODY : AS_ORIGIN_MESSAGE;
	size_t added = 0;
	if ((rule->nprefilter && !s->pass[rule - d->cfg->rules]) || skip_for_message(s, rule))
		return;
	for (size_t i = 0; i < s->model.nr && added < AS_MAX_MATCHES_PER_TEXT; i++) {
		const as_region *rg = &s->model.items[i];
		if (!(rule->regions & 1u << rg->kind))
			continue;
		/* a region without the blank lines after it (a pattern's $ and
		 * an empty match see the text, not the paragraph break) */
		size_t end = rg->end;
		while (end > rg->start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
			end--;
		prepared t;
		text_init(&t, text + rg->start, end - rg->start, 1);
		t.cfg = d->cfg;
		t.pass = s->pass;
		added += detect(rule, s->matcher, &t, NULL, origin, out);
		t.pass = NULL; /* (the scanner's) */
		text_release(&t);
	}
}

/* Trailer rules: a rule's key picks the trailers it reads. */
typedef struct {
	const as_detector *d;
	as_scanner *s;
	as_events *out;
	size_t copied;              /* the first `copied` trailers are a cherry-pick's */
	size_t *found;              /* per rule: events from the trailers so far */
} trailers;

static size_t trailer_one(const as_rule *rule, as_matcher *m, const as_trailer *tr,
			  const char *copy_of, as_events *out)
{
	size_t klen = strlen(tr->key);
	if (rule->key && (!as_utf8_valid(tr->key, klen) ||
			  as_matcher_test_short(m, rule->key, tr->key, klen) != 1))
		return 0;
	size_t first = out->nr;
	size_t n = as_detect_text(rule, m, tr->value, strlen(tr->value), tr->line,
				  AS_ORIGIN_TRAILER, out);
	for (size_t i = first; copy_of && i < out->nr; i++)
		memcpy(out->items[i].copy_of, copy_of, sizeof(out->items[i].copy_of));
	return n;
}

static int trailer_stream(void *data, const as_trailer *tr, size_t offset)
{
	trailers *ts = data;
	const as_config *cfg = ts->d->cfg;
	(void)offset;
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		if (rule->source != AS_SRC_TRAILER || ts->found[r] >= AS_MAX_MATCHES_PER_TEXT ||
		    skip_for_message(ts->s, rule))
			continue;
		ts->found[r] += trailer_one(rule, ts->s->matcher, tr, NULL, ts->out);
	}
	return 0;
}

/* How many trailers come before the cherry-pick line. */
static int count_before(void *data, const as_trailer *tr, size_t offset)
{
	trailers *ts = data;
	(void)tr;
	if (offset < ts->s->model.cherry_line)
		ts->copied++;
	return 0;
}

static void trailer_rules(const as_detector *d, as_scanner *s, const as_commit *c,
			  const char *text, size_t len, const char *full, size_t full_len,
			  as_events *out)
{
	const as_config *cfg = d->cfg;
	trailers ts = { d, s, out, 0, s->counts };
	/* a revert's pasted original ends with its own trailers */
	if (s->model.original_trailers)
		return;
	if (full) {
		memset(s->counts, 0, (cfg->nrules ? cfg->nrules : 1) * sizeof(*s->counts));
		as_trailers_each(full, full_len, trailer_stream, &ts);
		return;
	}
	if (s->model.cherry_from[0])
		as_trailers_each(text, len, count_before, &ts);
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		if (rule->source != AS_SRC_TRAILER || skip_for_message(s, rule))
			continue;
		/* as for one text: at most AS_MAX_MATCHES_PER_TEXT events of a
		 * rule from all the trailers of a commit (a message of a
		 * million "Assigned-by:" lines is one commit, not a million
		 * findings) */
		size_t n = 0;
		for (size_t t = 0; t < c->trailers.nr && n < AS_MAX_MATCHES_PER_TEXT; t++)
			n += trailer_one(rule, s->matcher, &c->trailers.items[t],
					     t < ts.copied ? s->model.cherry_from : NULL, out);
	}
}

void as_detect_commit(const as_detector *d, as_scanner *s, const as_commit *c,
		      const char *full, size_t full_len, uint64_t seq, as_events *out)
{
	const as_config *cfg = d->cfg;
	size_t first = out->nr;
	const char *text = as_buf_cstr(&c->message);
	size_t len = c->message.len;

	/* the patterns take valid UTF-8 only (config/rule.c) */
	if (!as_utf8_valid(text, len)) {
		as_buf_clear(&s->fixed);
		as_sanitize(&s->fixed, text, len, AS_SAN_UTF8);
		text = as_buf_cstr(&s->fixed);
		len = s->fixed.len;
	}
	as_message_parse(&s->model, text, len);
	size_t outside_len;
	const char *outside = as_message_outside_trailers(&s->model, text, &s->outside,
							  &outside_len);
	prefilter_message(d, s, outside, outside_len);
	run_engine(s, c, text, outside, outside_len);
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		switch (rule->source) {
		case AS_SRC_SUBJECT:
		case AS_SRC_BODY:
		case AS_SRC_MESSAGE:
			if (rule->pattern) {
				text_rule(d, s, rule, text, out);
				break;
			}
			for (size_t k = 0; k < s->nfound; k++)
				if (s->found[k].rule == rule)
					engine_event(s, cfg, &s->found[k], text, out);
			break;
		default:
			break; /* trailers below; tracker and path rules run elsewhere */
		}
	}
	trailer_rules(d, s, c, text, len, full, full_len, out);

	for (size_t i = first; i < out->nr; i++) {
		as_event *ev = &out->items[i];
		memcpy(ev->commit, c->hex, sizeof(ev->commit));
		as_commit_author(c, &ev->author);
		as_buf_put(&ev->title, c->subject.ptr, c->subject.len);
		ev->time = c->commit_time;
		ev->seq = seq;
	}
}

void as_detect_tracker_line(void *ctx, const char *line, size_t len, as_events *out)
{
	const as_tracker_lines *tl = ctx;
	for (size_t r = 0; r < tl->cfg->nrules; r++) {
		const as_rule *rule = &tl->cfg->rules[r];
		if (rule->source == AS_SRC_TRACKER && rule->pattern)
			as_detect_text(rule, tl->matcher, line, len, NULL, AS_ORIGIN_TRACKER_FILE, out);
	}
}
