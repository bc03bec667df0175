#ifndef AS_PARTIES_H
#define AS_PARTIES_H
/*
 * Party mentions: where a message names a person of the org chart, by any
 * of their identities (config/org.h) — a display name, another listed
 * name, a first name only one person has, the person id, an e-mail, an
 * @login — in any case, with or without accents ("joão", "Joao", "JOÃO").
 * The identities are indexed once per configuration by their first word,
 * in the form messages are tokenized into (detect/tokens.h), so finding
 * the mentions of a region is one probe per word.
 *
 * Not the person: a first name followed by a surname the org chart does
 * not know ("Alice Wong" is not Alice Liddell: an unknown person); a
 * lower-case first name that is also a word of the lexicons. An e-mail or
 * @login the org chart does not know is an unknown person.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/org.h"
#include "config/tickets.h"
#include "detect/tokens.h"
#include "detect/vocab.h"

typedef struct {
	uint32_t first, last;  /* tokens [first, last], a possessive "'s" included */
	int person;            /* person index, or -1: someone the org does not know */
	uint8_t strong;        /* a capitalised or full name, an e-mail, an @login */
	uint8_t poss;          /* "Alice's", "Jürgens", "Lukas'" */
} as_mention;

typedef struct as_parties as_parties;

/* Indexes the identities of a finished org, and the ticket keys whose
 * owners `tk` knows; `v` tells which lower-case words are words rather
 * than names. */
as_parties *as_parties_new(const as_org *org, const as_tickets *tk, const as_vocab *v);

/* The prefilter words of the org's parties into group g of ws: the first
 * word of every identity (an address's local part, a login without its
 * '@', display names with and without accents), and its German genitive;
 * the first word of every ticket key ("proj" of "PROJ-7", "12" of "#12"). */
void as_parties_prefilter(const as_org *org, const as_tickets *tk, as_wordset *ws, unsigned g);
void as_parties_free(as_parties *p);

/* The mention that starts at token i, if any: 1 and *out, or 0. */
int as_parties_at(const as_parties *p, const as_tokens *t, size_t i, as_mention *out);

/*
 * A ticket key of the exports at token i — "PROJ-7" (a word, '-' and
 * digits), "#12" (not "other/repo#12") — as a person reads it: its token
 * count, and *owner, the person it reaches (as_tickets_owner() for
 * `author`: the author when it is theirs); 0 when no known key starts
 * there. A key is work ("gave me PROJ-7"), never a party that acts.
 */
size_t as_parties_ticket_at(const as_parties *p, const as_tokens *t, size_t i, int author,
			    int *owner);

#endif
