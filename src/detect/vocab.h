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
 * It also gives the engine's prefilter its words (the verbs and nouns of
 * asking, assigning, approving...): a message without one of them, and
 * without a word that can name a party, is never tokenized.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/lexicon.h"
#include "detect/tokens.h"
#include "detect/wordset.h"

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

/*
 * The engine's prefilter words into a word set: in group `trigger` a word
 * that every directive of the lexicons has (for a phrase, its longest
 * word that is not a function word), in `my` the first-person possessives
 * ("my", "mein", "mon") and in `role` the roles ("manager", "Chef"): a
 * role needs both.
 */
void as_vocab_prefilter(const as_vocab *v, as_wordset *ws, unsigned trigger, unsigned my,
			unsigned role);
/*
 * Adds a lower-cased word or phrase to group g of ws as the prefilter
 * reads it: its longest piece (words are cut at spaces, apostrophes and
 * hyphens, as a message's are), as it is and folded ("pidió", "pidio").
 */
void as_vocab_prefilter_add(as_wordset *ws, unsigned g, const char *raw, size_t len);

#endif
