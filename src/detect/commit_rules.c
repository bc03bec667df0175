/*
 * Commit rules: subject, body, message and trailer rules over one commit.
 */
#include "detect/detect.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "detect/prefilter.h"
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
} text;

static void text_init(text *t, const char *s, size_t len, int known_valid)
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

static void text_release(text *t)
{
	as_buf_free(&t->fixed);
	free(t->pass);
}

/* May the rule match this text? (detect/prefilter.h) */
static int prefilter_passes(const as_rule *rule, const text *t)
{
	if (!rule->nprefilter)
		return 1;
	if (!t->pass)
		return as_prefilter_rule_passes(rule, t->ptr, t->len);
	return t->pass[rule - t->cfg->rules];
}

/*
 * One scan of the subject and one of the body answer the prefilters of
 * every rule for the subject, the body and the message (their union).
 */
static void prefilter_commit(const as_detector *d, text *subject, text *body,
			     text *message)
{
	const as_config *cfg = d->cfg;
	size_t n = cfg->nrules;
	uint32_t *gs = as_xcalloc(3 * (n ? n : 1), sizeof(*gs));
	uint32_t *gb = gs + n, *gm = gb + n;

	as_prefilter_words(d->prefilter, subject->ptr, subject->len, gs);
	as_prefilter_words(d->prefilter, body->ptr, body->len, gb);
	for (size_t r = 0; r < n; r++)
		gm[r] = gs[r] | gb[r];
	text *texts[3] = { subject, body, message };
	uint32_t *got[3] = { gs, gb, gm };
	for (int i = 0; i < 3; i++) {
		texts[i]->cfg = cfg;
		texts[i]->pass = as_xmalloc(n ? n : 1);
		as_prefilter_pass(d->prefilter, got[i], texts[i]->pass);
	}
	free(gs);
}

static size_t detect(const as_rule *rule, as_matcher *m, const text *t,
		     const char *excerpt, as_origin origin, as_events *out)
{
	const char *s = t->ptr;
	size_t len = t->len, added = 0, start = 0, last_end = SIZE_MAX;
	int rc;

	if (!rule->pattern || !prefilter_passes(rule, t))
		return 0;
	if (rule->exclude) {
		rc = as_matcher_test(m, rule->exclude, s, len);
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
	text t;
	text_init(&t, s, len, 0);
	size_t n = detect(rule, m, &t, excerpt, origin, out);
	text_release(&t);
	return n;
}

/* git's generated subjects quote another commit's subject: its words are
 * not this commit's (Revert "Alice asked me to..." is not an assignment). */
static int is_generated_revert(const as_buf *subject)
{
	const char *s = as_buf_cstr(subject);
	size_t n = subject->len;
	return n >= 2 && s[n - 1] == '"' &&
	       (!strncmp(s, "Revert \"", 8) || !strncmp(s, "Reapply \"", 9));
}

void as_detector_init(as_detector *d, const as_config *cfg)
{
	d->cfg = cfg;
	d->prefilter = as_prefilter_new(cfg->rules, cfg->nrules);
}

void as_detector_release(as_detector *d)
{
	as_prefilter_free(d->prefilter);
	d->prefilter = NULL;
}

void as_detect_commit(const as_detector *d, as_matcher *m, const as_commit *c,
		      uint64_t seq, as_events *out)
{
	const as_config *cfg = d->cfg;
	size_t first = out->nr;
	as_buf message = AS_BUF_INIT;
	int revert = is_generated_revert(&c->subject);
	const char *subject = revert ? "" : as_buf_cstr(&c->subject);
	size_t subject_len = revert ? 0 : c->subject.len;
	text tsubject, tbody, tmessage;

	as_buf_put(&message, subject, subject_len);
	if (c->body.len) {
		as_buf_puts(&message, "\n\n");
		as_buf_put(&message, c->body.ptr, c->body.len);
	}
	text_init(&tsubject, subject, subject_len, 0);
	text_init(&tbody, as_buf_cstr(&c->body), c->body.len, 0);
	/* The message is the subject and the body: valid when both were. */
	text_init(&tmessage, as_buf_cstr(&message), message.len,
		  !tsubject.fixed.len && !tbody.fixed.len);
	prefilter_commit(d, &tsubject, &tbody, &tmessage);
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		switch (rule->source) {
		case AS_SRC_SUBJECT:
			detect(rule, m, &tsubject, NULL, AS_ORIGIN_SUBJECT, out);
			break;
		case AS_SRC_BODY:
			detect(rule, m, &tbody, NULL, AS_ORIGIN_BODY, out);
			break;
		case AS_SRC_MESSAGE:
			detect(rule, m, &tmessage, NULL, AS_ORIGIN_MESSAGE, out);
			break;
		case AS_SRC_TRAILER: {
			/* as for one text: at most AS_MAX_MATCHES_PER_TEXT events of
			 * a rule from all the trailers of a commit (a message of a
			 * million "Assigned-by:" lines is one commit, not a million
			 * findings) */
			size_t found = 0;
			for (size_t t = 0; t < c->trailers.nr && found < AS_MAX_MATCHES_PER_TEXT; t++) {
				const as_trailer *tr = &c->trailers.items[t];
				size_t klen = strlen(tr->key);
				if (rule->key && (!as_utf8_valid(tr->key, klen) ||
						  as_matcher_test_short(m, rule->key, tr->key, klen) != 1))
					continue;
				found += as_detect_text(rule, m, tr->value, strlen(tr->value),
							tr->line, AS_ORIGIN_TRAILER, out);
			}
			break;
		}
		default:
			break; /* tracker and path rules run elsewhere */
		}
	}
	text_release(&tsubject);
	text_release(&tbody);
	text_release(&tmessage);
	as_buf_free(&message);

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
