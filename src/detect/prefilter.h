#ifndef AS_PREFILTER_H
#define AS_PREFILTER_H
/*
 * Rule prefilters: the `prefilter` words of every rule, indexed so that
 * one pass over a text tells which rules may match it. A word matches at
 * the start of a word of the text (after a character that is not an ASCII
 * letter or digit), ASCII case folded, a space in it matching any run of
 * white space: "approv" matches "Approved" and "re-approve" but not
 * "disapproval"; "sign off" matches "Sign\n off". Words come in groups
 * joined by '&' in rules.ini, and a text passes a rule when every group
 * has a word in it. Built once when the rules load; read-only afterwards,
 * so threads share it.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"

typedef struct as_prefilter as_prefilter;

as_prefilter *as_prefilter_new(const as_rule *rules, size_t nrules);
void as_prefilter_free(as_prefilter *pf);

/*
 * Scans text[0..len) once and sets got[r] to the '&' groups of rule r that
 * have a word in the text (`got` has one entry per rule). Masks of texts
 * can be OR-ed: the message is the subject and the body.
 */
void as_prefilter_words(const as_prefilter *pf, const char *text, size_t len,
			uint32_t *got);
/* pass[r] = 1 when got[r] has every group of rule r (or it has none). */
void as_prefilter_pass(const as_prefilter *pf, const uint32_t *got,
		       unsigned char *pass);

/* The same test for one rule alone (tracker lines, trailer values). */
int as_prefilter_rule_passes(const as_rule *rule, const char *text, size_t len);

#endif
