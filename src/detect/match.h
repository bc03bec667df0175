#ifndef AS_MATCH_H
#define AS_MATCH_H
/*
 * PCRE2 matching with bounds. Every match runs with the match, depth and
 * heap limits of [antisilo] (PCRE2's defaults let one pattern burn seconds
 * on 30 bytes, LIBNOTES), JIT when the pattern was JIT-compiled, and a
 * JIT stack big enough for long messages. One matcher per thread.
 */
#include <pcre2.h>
#include <stddef.h>

#include "config/config.h"

typedef struct as_matcher as_matcher;

as_matcher *as_matcher_new(const as_config *cfg);
void as_matcher_free(as_matcher *m);

/*
 * Runs `re` on text[0..len) from `start`. The text must be valid UTF-8
 * (as_utf8_valid; the detectors repair it first): PCRE2 does not check. Returns 1 on a match, 0 on none,
 * AS_ELIMIT when a bound was hit (the text was not fully examined).
 */
int as_matcher_run(as_matcher *m, const pcre2_code *re, const char *text,
		   size_t len, size_t start);
/* After a match: the whole match, or a named group (returns 0 if unset). */
void as_matcher_span(const as_matcher *m, size_t *so, size_t *eo);
int as_matcher_group(const as_matcher *m, const pcre2_code *re,
		     const char *name, size_t *so, size_t *eo);
/* Does `re` match anywhere? 1, 0 or AS_ELIMIT. Any bytes: invalid UTF-8
 * is repaired (U+FFFD) first. */
int as_matcher_test(as_matcher *m, const pcre2_code *re, const char *text,
		    size_t len);

/*
 * as_matcher_test for short texts that recur (trailer keys: a history has
 * a few dozen distinct ones): the answer is remembered per matcher.
 */
int as_matcher_test_short(as_matcher *m, const pcre2_code *re, const char *text,
			  size_t len);

#endif
