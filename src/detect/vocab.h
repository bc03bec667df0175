#ifndef AS_VOCAB_H
#define AS_VOCAB_H
/*
 * The lexicons (config/lexicon.h) compiled for matching: every entry
 * split into words exactly as messages are (detect/tokens.h), indexed by
 * its first word, so that the entries that start at a token are found
 * with one hash probe; the entries that are word beginnings ("instruct*")
 * and endings ("-ara") have indexes of their own. Built once per
 * configuration, read-only after: threads share it.
 *
 * It also answers the engine's prefilter: does a text hold a word that
 * can start a directive (a verb or noun of asking, assigning, approving)?
 * That is one pass over the bytes, looking at the first three letters of
 * each word, so that the many paragraphs without one cost nothing more.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/lexicon.h"
#include "detect/tokens.h"

typedef struct as_vocab as_vocab;

as_vocab *as_vocab_new(const as_lexicon *lx);
void as_vocab_free(as_vocab *v);

const as_lexicon *as_vocab_lexicon(const as_vocab *v);

typedef struct {
	uint32_t entry;        /* index into the lexicon's entries */
	uint16_t ntok;         /* tokens it covers, from the one it starts at */
	uint16_t receiver;     /* a phrase with a receiver in it ("put me on") */
} as_vocab_hit;

/* The entries that match at token i (a word that is not quoted), at most
 * `max`, longest first. */
size_t as_vocab_match(const as_vocab *v, const as_tokens *t, size_t i,
		      as_vocab_hit *out, size_t max);

/* Does a word end with an ending of class `cls` in one of the languages
 * of the mask `langs` (bit i: language i)? */
int as_vocab_ends_with(const as_vocab *v, as_lex_class cls, uint32_t langs,
		       const char *word, size_t n);

/* Is `word` an entry of any class (a word of some lexicon)? */
int as_vocab_known(const as_vocab *v, const char *word);

/* May text[0..len) hold a directive? 0 means certainly not. */
int as_vocab_triggered(const as_vocab *v, const char *text, size_t len);

#endif
