/*
 * The shipped rules.ini over any commit message: detection
 * (detect/commit_rules.c, detect/match.c, detect/prefilter.c),
 * classification against an org chart, judging, and the hook's lines for
 * the pusher. The input is the message of a commit by Bob, whose manager
 * is Alice.
 *
 * Invariants:
 *   - every pattern, key and exclude of the shipped rules, run directly
 *     with PCRE2 under the configured bounds on the texts the detector
 *     sees, ends in a match, no match or a bound (match, depth, heap,
 *     JIT stack): no other PCRE2 error;
 *   - the prefilter contract of rules.ini ("every match of the pattern
 *     must contain one of them at a word start"): a text the prefilter
 *     turns away is one the pattern does not match;
 *   - the pusher's lines about the findings hold no control character
 *     taken from the message.
 *
 * With ANTISILO_FUZZ_STRICT_LIMIT=1 a bound hit is a failure too (to hunt
 * for patterns that backtrack badly on short messages).
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "detect/detect.h"
#include "detect/match.h"
#include "detect/prefilter.h"
#include "finding.h"
#include "report/pusher.h"
#include "source/commit.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

static const char header[] =
	"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	"author Bob Stone <bob@example.com> 1700000000 +0000\n"
	"committer Bob Stone <bob@example.com> 1700000000 +0000\n"
	"\n";

/* alice manages bob and carol, dave manages alice */
static const char org[] =
	"[people]\n"
	"alice = Alice Liddell <alice@example.com>, @alice\n"
	"bob = Bob Stone <bob@example.com>, @bobs\n"
	"carol = Carol Danvers <carol@example.com>, @carol\n"
	"dave = Dave Lister <dave@example.com>, @dave\n"
	"[managers]\n"
	"bob = alice\n"
	"carol = alice\n"
	"alice = dave\n"
	"[team.replay]\n"
	"lead = alice\n"
	"members = bob, carol\n";

static const as_config *org_rules(void)
{
	static as_config cfg;
	static int loaded;
	if (!loaded) {
		as_fuzz_load_rules(&cfg, "org.ini", org);
		loaded = 1;
	}
	return &cfg;
}

/* The rules, made ready for detection once. */
static const as_detector *detector(const as_config *cfg)
{
	static as_detector d;
	static int ready;
	if (!ready) {
		as_detector_init(&d, cfg);
		ready = 1;
	}
	return &d;
}

static int strict_limit(void)
{
	const char *s = getenv("ANTISILO_FUZZ_STRICT_LIMIT");
	return s && *s == '1';
}

typedef struct {
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	pcre2_jit_stack *stack;
} direct;

/* PCRE2 as detect/match.c runs it, but every error code visible. */
static int run(direct *d, const pcre2_code *re, const char *s, size_t len)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, d->md, d->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK,
				 d->md, d->mctx);
	return rc;
}

static int is_bound(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

static void check_rc(const as_rule *rule, const char *what, int rc, const char *s, size_t len)
{
	PCRE2_UCHAR msg[256];
	if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
		return;
	pcre2_get_error_message(rc, msg, sizeof(msg));
	AS_FUZZ_CHECK(is_bound(rc), "rule %s, %s: PCRE2 error %d (%s) on %zu bytes", rule->id,
		      what, rc, (const char *)msg, len);
	AS_FUZZ_CHECK(!strict_limit() || len > 4096,
		      "rule %s, %s: PCRE2 bound %d (%s) on only %zu bytes: '%.*s'", rule->id, what,
		      rc, (const char *)msg, len, (int)len, s);
}

/* One text as the detector sees it: repaired to valid UTF-8. */
static void check_text(direct *d, const as_rule *rule, const char *raw, size_t rlen)
{
	as_buf fixed = AS_BUF_INIT;
	as_sanitize(&fixed, raw, rlen, AS_SAN_UTF8);
	const char *s = as_buf_cstr(&fixed);
	size_t len = fixed.len;

	if (rule->exclude)
		check_rc(rule, "exclude", run(d, rule->exclude, s, len), s, len);
	if (rule->pattern) {
		int rc = run(d, rule->pattern, s, len);
		check_rc(rule, "pattern", rc, s, len);
		if (rc >= 0 && rule->nprefilter) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->md);
			AS_FUZZ_CHECK(as_prefilter_rule_passes(rule, s, len),
				      "rule %s: the pattern matches '%.*s' in a text the prefilter "
				      "turns away", rule->id, (int)(ov[1] - ov[0]), s + ov[0]);
		}
	}
	as_buf_free(&fixed);
}

static void check_pusher(const as_buf *out)
{
	const unsigned char *p = (const unsigned char *)as_buf_cstr(out);
	for (size_t i = 0; i < out->len; i++) {
		AS_FUZZ_CHECK(p[i] >= 0x20 || p[i] == '\n', "pusher line: byte 0x%02x at %zu",
			      p[i], i);
		AS_FUZZ_CHECK(p[i] != 0x7f, "pusher line: DEL at %zu", i);
	}
	AS_FUZZ_CHECK(as_utf8_valid(as_buf_cstr(out), out->len), "pusher lines: invalid UTF-8");
}

AS_FUZZ_TARGET(rules)
{
	const as_config *cfg = org_rules();
	static as_scanner *sc;
	static as_matcher *m;
	static direct d;
	as_buf raw = AS_BUF_INIT, message = AS_BUF_INIT;
	as_commit c;
	git_oid oid;
	as_events evs = { 0 };
	as_findings fs = { 0 };

	if (!m) {
		sc = as_scanner_new(detector(cfg));
		m = as_scanner_matcher(sc);
		d.mctx = pcre2_match_context_create(NULL);
		d.md = pcre2_match_data_create(32, NULL);
		d.stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
		if (!d.mctx || !d.md)
			abort();
		pcre2_set_match_limit(d.mctx, (uint32_t)cfg->match_limit);
		pcre2_set_depth_limit(d.mctx, (uint32_t)cfg->depth_limit);
		pcre2_set_heap_limit(d.mctx, (uint32_t)cfg->heap_limit_kib);
		if (d.stack)
			pcre2_jit_stack_assign(d.mctx, NULL, d.stack);
	}
	as_buf_puts(&raw, header);
	as_buf_put(&raw, data, size);
	memset(&oid, 0x42, sizeof(oid));
	as_commit_init(&c);
	AS_FUZZ_CHECK(as_commit_parse(&c, &oid, raw.ptr, raw.len, NULL) == 0,
		      "the commit does not parse");

	/* the detector, classification, judging, the pusher's lines */
	as_detect_commit(detector(cfg), sc, &c, NULL, 0, 7, &evs);
	for (size_t i = 0; i < evs.nr; i++) {
		as_event *ev = &evs.items[i];
		AS_FUZZ_CHECK(ev->rule != NULL, "event %zu without a rule", i);
		AS_FUZZ_CHECK(!ev->limit_hit || !strict_limit() || size > 4096,
			      "rule %s hit a PCRE2 bound on a %zu-byte message", ev->rule->id, size);
	}
	as_judge_ctx judge = { cfg, m, &fs, NULL, NULL, 0, NULL };
	as_judge_events(&judge, &evs, 0);
	as_pusher p;
	as_pusher_init(&p);
	as_pusher_findings(&p, &fs, AS_SEV_INFO, 20);
	check_pusher(&p.out);
	as_pusher_free(&p);

	/* every pattern directly, on the texts the detector sees */
	as_buf_put(&message, c.subject.ptr, c.subject.len);
	if (c.body.len) {
		as_buf_puts(&message, "\n\n");
		as_buf_put(&message, c.body.ptr, c.body.len);
	}
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		switch (rule->source) {
		case AS_SRC_SUBJECT:
			check_text(&d, rule, c.subject.ptr, c.subject.len);
			break;
		case AS_SRC_BODY:
			check_text(&d, rule, c.body.ptr, c.body.len);
			break;
		case AS_SRC_MESSAGE:
		case AS_SRC_TRACKER:
			check_text(&d, rule, as_buf_cstr(&message), message.len);
			break;
		case AS_SRC_TRAILER:
			for (size_t t = 0; t < c.trailers.nr; t++) {
				const as_trailer *tr = &c.trailers.items[t];
				if (rule->key) {
					size_t kl = strlen(tr->key);
					if (as_utf8_valid(tr->key, kl))
						check_rc(rule, "key", run(&d, rule->key, tr->key, kl),
							 tr->key, kl);
				}
				check_text(&d, rule, tr->value, strlen(tr->value));
			}
			break;
		default:
			break;
		}
	}

	as_findings_free(&fs);
	as_events_free(&evs);
	as_commit_free(&c);
	as_buf_free(&raw);
	as_buf_free(&message);
	return 0;
}
