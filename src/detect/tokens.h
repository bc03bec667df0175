#ifndef AS_TOKENS_H
#define AS_TOKENS_H
/*
 * A region of a message as words and punctuation, for the directive
 * engine (detect/directive.h) and the party finder (detect/parties.h).
 * Each word is also kept folded (util/fold.h), which is the form the
 * lexicons and identities are compared in.
 *
 * Words: runs of letters, digits and '_'; "@login" and e-mail addresses
 * are one word each; "N+1" keeps its '+'; a URL is one word; a '.'
 * between two letters or digits stays inside ("E.164", "v1.2"). A hyphen
 * splits ("sign-off" is "sign", "off", the second marked AS_TF_HYPHEN).
 * An apostrophe splits too: French elisions keep it on the left ("m'",
 * "d'", "qu'"), English clitics on the right ("'s", "'t", "'d"); a
 * trailing one after s, x or z ("Lukas' Wunsch") is a possessive of its
 * own. Punctuation that matters to a sentence is a token of its own; the
 * rest (<, >, #, / ...) only separates words.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

enum {
	AS_TF_CAP = 1,         /* starts with an upper-case letter */
	AS_TF_ALLCAPS = 2,     /* two or more letters, all upper case */
	AS_TF_HYPHEN = 4,      /* joined by '-' to the word before */
	AS_TF_QUOTED = 8,      /* inside "...", “...”, «...», `...` */
	AS_TF_LOGIN = 16,      /* @login */
	AS_TF_EMAIL = 32,      /* an e-mail address */
	AS_TF_POSS = 64,       /* the possessive "'s" / "'" */
	AS_TF_URL = 128,
	AS_TF_DIGITS = 256,    /* digits only */
	AS_TF_PUNCT = 512,     /* punctuation: see `punct` */
};

typedef struct {
	uint32_t start, end;   /* bytes of the text */
	uint32_t fold;         /* the folded word: as_tokens.folded.ptr + fold */
	uint16_t flen;
	uint16_t flags;        /* AS_TF_* */
	/* punctuation: '.', '!', '?', ';', ':', ',', '(', ')', '"' (every
	 * double quote and backtick), or 'B' for the start of a list item */
	char punct;
} as_token;

typedef struct {
	as_token *items;
	size_t nr, alloc;
	as_buf folded;         /* the folded words, each followed by a NUL */
	const char *text;      /* what was split (borrowed) */
} as_tokens;

void as_tokens_init(as_tokens *t);
void as_tokens_free(as_tokens *t);

/* Splits text[0..len) into t (emptied first, memory kept); at most
 * `max` tokens (the rest is left out). */
void as_tokens_split(as_tokens *t, const char *text, size_t len, size_t max);

/* The folded word of token i. */
static inline const char *as_token_word(const as_tokens *t, size_t i)
{
	return t->folded.ptr + t->items[i].fold;
}

#endif
