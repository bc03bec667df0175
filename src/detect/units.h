#ifndef AS_UNITS_H
#define AS_UNITS_H
/*
 * The directive engine's view of a region (internal to detect/): tokens
 * grouped into units — a party mention (a person or a role such as "my
 * manager"), a lexicon entry (a word or a phrase: "would like", "sign
 * off", "aufs Auge gedrückt"), a plain word or a comma — and the units
 * grouped into sentences. Each sentence gets its languages by vote (the
 * languages whose words it uses most), and its units the lexicon classes
 * of those languages only: "will" is a German want only in German.
 * A parenthesised group is a sentence of its own, taken out of the one
 * around it ("Alice (my manager) asked me" reads "Alice asked me");
 * quoted text is left out entirely (it is someone else's words).
 */
#include <stddef.h>
#include <stdint.h>

#include "detect/parties.h"
#include "detect/tokens.h"
#include "detect/vocab.h"

typedef struct {
	uint32_t tok, ntok;        /* tokens [tok, tok + ntok) */
	uint64_t cls;              /* lexicon classes (1 << as_lex_class) */
	int32_t mention;           /* index into as_units.mentions, or -1 */
	uint32_t entry;            /* the lexicon entry that gave cls (UINT32_MAX none) */
	char punct;                /* ',' for a comma unit, 0 for words */
	uint8_t self_form;         /* an entry marked /1: the author is its subject */
	uint8_t receiver_inside;   /* a phrase with a receiver in it */
	uint8_t cap, digits;       /* its first token is capitalised / digits */
	uint8_t ticket;            /* a ticket key of the exports (work: cls has
				    * AS_LX_WORK_NOUN); owner is who it reaches */
	int32_t owner;
} as_unit;

typedef struct {
	as_mention m;
	uint8_t role;              /* 0: a person; 1: a manager by role; 2: higher up */
} as_unit_mention;

typedef struct {
	uint32_t first, n;         /* units [first, first + n) */
	uint32_t langs;            /* bit per language */
	uint8_t question;          /* ends with '?' or starts with '¿' */
} as_sentence;

typedef struct {
	as_tokens tokens;
	as_unit *units;
	size_t nunits, units_alloc;
	as_unit_mention *mentions;
	size_t nmentions, mentions_alloc;
	as_sentence *sentences;
	size_t nsentences, sentences_alloc;
} as_units;

void as_units_init(as_units *u);
void as_units_free(as_units *u);

/*
 * Every token of a region is read: a cap would let a pusher hide a
 * sentence behind enough filler in the same paragraph (issue 14). The
 * work is linear in the region, whose size max_message_bytes bounds.
 */
/* Reads text[0..len) into units and sentences; `author` (a person, or -1)
 * is the one whose ticket keys read as theirs (parties.h). */
void as_units_build(as_units *u, const as_vocab *v, const as_parties *p, int author,
		    const char *text, size_t len);

#endif
