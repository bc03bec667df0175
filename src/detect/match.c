#include "detect/match.h"

#include <stdint.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/sanitize.h"

/* A remembered answer of as_matcher_test_short(). */
typedef struct {
	const pcre2_code *re;
	unsigned char len;
	signed char result;
	char text[62];
} memo_slot;

#define MEMO_SLOTS 512

struct as_matcher {
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	pcre2_match_data *md;
	memo_slot memo[MEMO_SLOTS];
};

as_matcher *as_matcher_new(const as_config *cfg)
{
	as_matcher *m = as_xcalloc(1, sizeof(*m));
	m->mctx = pcre2_match_context_create(NULL);
	m->md = pcre2_match_data_create(32, NULL);
	if (!m->mctx || !m->md)
		as_die_oom();
	pcre2_set_match_limit(m->mctx, (uint32_t)cfg->match_limit);
	pcre2_set_depth_limit(m->mctx, (uint32_t)cfg->depth_limit);
	pcre2_set_heap_limit(m->mctx, (uint32_t)cfg->heap_limit_kib);
	/* 32 KiB (the default) overflows on long messages; 1 MiB does not,
	 * and it is only reserved address space until used. */
	m->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (m->jit_stack)
		pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
	return m;
}

void as_matcher_free(as_matcher *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->md);
	pcre2_jit_stack_free(m->jit_stack);
	pcre2_match_context_free(m->mctx);
	free(m);
}

int as_matcher_run(as_matcher *m, const pcre2_code *re, const char *text,
		   size_t len, size_t start)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, start, PCRE2_NO_UTF_CHECK,
			     m->md, m->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(re, (PCRE2_SPTR)text, len, start,
				 PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, m->md, m->mctx);
	if (rc >= 0)
		return 1; /* rc == 0: more groups than the ovector; group 0 is set */
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
	    rc == PCRE2_ERROR_NOMEMORY)
		return AS_ELIMIT;
	/* Any other failure: "not examined", never a silent "no match". */
	return AS_ELIMIT;
}

void as_matcher_span(const as_matcher *m, size_t *so, size_t *eo)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	*so = ov[0];
	*eo = ov[1];
}

int as_matcher_group(const as_matcher *m, const pcre2_code *re,
		     const char *name, size_t *so, size_t *eo)
{
	PCRE2_SPTR first, last;
	int size = pcre2_substring_nametable_scan(re, (PCRE2_SPTR)name, &first, &last);
	if (size <= 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	uint32_t count = pcre2_get_ovector_count(m->md);
	/* Duplicate names ((?J)) are allowed: take the first that is set. */
	for (PCRE2_SPTR e = first; e <= last; e += size) {
		uint32_t n = ((uint32_t)e[0] << 8) | e[1];
		if (n < count && ov[2 * n] != PCRE2_UNSET) {
			*so = ov[2 * n];
			*eo = ov[2 * n + 1];
			return 1;
		}
	}
	return 0;
}

int as_matcher_test(as_matcher *m, const pcre2_code *re, const char *text,
		    size_t len)
{
	if (as_utf8_valid(text, len))
		return as_matcher_run(m, re, text, len, 0);
	as_buf fixed = AS_BUF_INIT;
	as_sanitize(&fixed, text, len, AS_SAN_UTF8);
	int rc = as_matcher_run(m, re, as_buf_cstr(&fixed), fixed.len, 0);
	as_buf_free(&fixed);
	return rc;
}

int as_matcher_test_short(as_matcher *m, const pcre2_code *re, const char *text,
			  size_t len)
{
	if (len >= sizeof(m->memo[0].text))
		return as_matcher_test(m, re, text, len);
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(uintptr_t)re;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211ULL;
	memo_slot *slot = &m->memo[h % MEMO_SLOTS];
	if (slot->re == re && slot->len == len && !memcmp(slot->text, text, len))
		return slot->result;
	int rc = as_matcher_test(m, re, text, len);
	slot->re = re;
	slot->len = (unsigned char)len;
	slot->result = (signed char)rc;
	memcpy(slot->text, text, len);
	return rc;
}
