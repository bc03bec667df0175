/*
 * Commit rules: subject, body, message and trailer rules over one commit.
 */
#include "detect/detect.h"

#include <string.h>

#include "util/error.h"

#define MAX_EXCERPT 300

/* Copies a match into the excerpt: runs of white space become one space,
 * and it is cut (at a UTF-8 boundary) after MAX_EXCERPT bytes. */
static void set_excerpt(as_buf *out, const char *s, size_t len)
{
	int space = 0;
	as_buf_clear(out);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = out->len > 0;
			continue;
		}
		if (out->len >= MAX_EXCERPT && (ch & 0xC0) != 0x80) {
			as_buf_puts(out, "…");
			break;
		}
		if (space)
			as_buf_putc(out, ' ');
		space = 0;
		as_buf_putc(out, (char)ch);
	}
}

static void take_group(as_matcher *m, const pcre2_code *re, const char *name,
		       const char *text, as_buf *out)
{
	size_t so, eo;
	if (name && as_matcher_group(m, re, name, &so, &eo))
		set_excerpt(out, text + so, eo - so);
}

size_t as_detect_text(const as_rule *rule, as_matcher *m, const char *text,
		      size_t len, const char *excerpt, as_origin origin,
		      as_events *out)
{
	size_t added = 0, start = 0;
	int rc;

	if (rule->exclude) {
		rc = as_matcher_test(m, rule->exclude, text, len);
		if (rc == 1)
			return 0;
		if (rc < 0)
			goto limit;
	}
	while (added < AS_MAX_MATCHES_PER_TEXT && start <= len) {
		rc = as_matcher_run(m, rule->pattern, text, len, start);
		if (rc == 0)
			break;
		if (rc < 0)
			goto limit;
		size_t so, eo;
		as_matcher_span(m, &so, &eo);
		as_event *ev = as_events_add(out);
		ev->kind = rule->event;
		ev->origin = origin;
		ev->rule = rule;
		take_group(m, rule->pattern, "actor", text, &ev->actor_text);
		take_group(m, rule->pattern, rule->subject_group, text, &ev->subject_text);
		if (excerpt)
			as_buf_puts(&ev->excerpt, excerpt);
		else
			set_excerpt(&ev->excerpt, text + so, eo - so);
		added++;
		/* Step past an empty match by one UTF-8 character. */
		start = eo > so ? eo : eo + 1;
		while (start < len && ((unsigned char)text[start] & 0xC0) == 0x80)
			start++;
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

/* git's generated subjects quote another commit's subject: its words are
 * not this commit's (Revert "Alice asked me to..." is not an assignment). */
static int is_generated_revert(const as_buf *subject)
{
	const char *s = as_buf_cstr(subject);
	size_t n = subject->len;
	return n >= 2 && s[n - 1] == '"' &&
	       (!strncmp(s, "Revert \"", 8) || !strncmp(s, "Reapply \"", 9));
}

void as_detect_commit(const as_config *cfg, as_matcher *m, const as_commit *c,
		      uint64_t seq, as_events *out)
{
	size_t first = out->nr;
	as_buf message = AS_BUF_INIT;
	const char *subject = is_generated_revert(&c->subject) ? "" : as_buf_cstr(&c->subject);
	size_t subject_len = *subject ? c->subject.len : 0;
	int have_message = 0;

	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		switch (rule->source) {
		case AS_SRC_SUBJECT:
			as_detect_text(rule, m, subject, subject_len, NULL,
				       AS_ORIGIN_SUBJECT, out);
			break;
		case AS_SRC_BODY:
			as_detect_text(rule, m, as_buf_cstr(&c->body), c->body.len,
				       NULL, AS_ORIGIN_BODY, out);
			break;
		case AS_SRC_MESSAGE:
			if (!have_message) {
				as_buf_put(&message, subject, subject_len);
				if (c->body.len) {
					as_buf_puts(&message, "\n\n");
					as_buf_put(&message, c->body.ptr, c->body.len);
				}
				have_message = 1;
			}
			as_detect_text(rule, m, as_buf_cstr(&message), message.len,
				       NULL, AS_ORIGIN_MESSAGE, out);
			break;
		case AS_SRC_TRAILER:
			for (size_t t = 0; t < c->trailers.nr; t++) {
				const as_trailer *tr = &c->trailers.items[t];
				if (rule->key && as_matcher_test(m, rule->key, tr->key,
								 strlen(tr->key)) != 1)
					continue;
				as_detect_text(rule, m, tr->value, strlen(tr->value),
					       tr->line, AS_ORIGIN_TRAILER, out);
			}
			break;
		default:
			break; /* tracker and path rules run elsewhere */
		}
	}
	as_buf_free(&message);

	for (size_t i = first; i < out->nr; i++) {
		as_event *ev = &out->items[i];
		memcpy(ev->commit, c->hex, sizeof(ev->commit));
		as_commit_author(c, &ev->author);
		ev->time = c->commit_time;
		ev->seq = seq;
	}
}
