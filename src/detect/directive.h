#ifndef AS_DIRECTIVE_H
#define AS_DIRECTIVE_H
/*
 * The directive engine: finds, in one region of a message (the subject or
 * a prose paragraph), the sentences in which someone sets a task for the
 * author or approves their work — or in which the author sets one for a
 * named person — in any language of the lexicons (config/lexicon.h).
 *
 * It reads a region as units and sentences (detect/units.h) and judges
 * each sentence by a handful of templates around a party mention, driven
 * by the classes of the lexicon's words:
 *
 *   active      PARTY [aux, receiver...] VERB [receiver] [to/that ...]
 *               "Alice asked me to", "Jürgen hat mich gebeten",
 *               "François m'a demandé de", "Me dijo José que"
 *   passive     VERB [to me] AGENT PARTY, or AGENT PARTY ... VERB (German)
 *               "I was told by Alice", "von Jürgen gebeten", "pedido pelo João"
 *   possessive  PARTY's NOUN, NOUN of PARTY, AGENT PARTY ... NOUN ... GET
 *               "per Alice's request", "Jürgens Wunsch", "a pedido do João"
 *   causative   PARTY had/made/got me ..., "hat mich ... lassen", "m'a fait"
 *   according   ACCORDING PARTY ... I must / me / we may
 *   as          AS PARTY VERB: "as Alice asked", "como pidió José"
 *   cleared     CLEARED-WITH PARTY: "cleared with Alice", "vu avec François",
 *               (German) mit PARTY CLEARED-AFTER: "mit Jürgen abgestimmt"
 *   late agent  a directive with no subject that the author receives, its
 *               agent last: "I was told to move these by alice", "on m'a
 *               demandé ..., de la part de François", "me dijeron ..., José
 *               en concreto" (not after a participle: "reported by Alice")
 *   hand-off    I VERB PARTY ...: "I've asked Bob to", "je passe l'export à Thibault",
 *               a gerund opening its clause: "Assigning the rest to @bobs"
 *   take-over   PARTY TAKE-OVER: "Priya takes over the exporter from today"
 *
 * A region that opens by addressing someone ("@alice: ...", "Bob, ...")
 * reads its second person as that person (detect/units.h).
 *
 * and cancels what negation ("did not ask", "nobody"), a hypothetical ("if
 * Alice asks"), a question ("?"), a topic ("asked whether / about"), a
 * request for review ("asked me to review") or a phrase that is never a
 * directive ("wanted to know") turns into something else. Telling needs a
 * "to" or an obligation after it ("told me that" is context), wanting an
 * object, a receiver, a deadline or a that-clause ("wants to" is the
 * actor's own plan).
 *
 * Every finding records the words that fired it. Work is linear in the
 * region: each template looks at a bounded window around one unit.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "detect/units.h"

typedef struct as_directive_engine as_directive_engine;

/* Compiles the lexicons and the identities of a configuration. */
as_directive_engine *as_directive_engine_new(const as_config *cfg);
void as_directive_engine_free(as_directive_engine *e);

/*
 * May text[0..len) hold a directive? 0 means certainly not: it has no word
 * that can start one, or none that can name a party of the org chart (a
 * name, a login, an address's local part) or a role (a first-person
 * possessive and a role word: "my" and "manager"). An address or login
 * nobody in the org chart has would only make an event of relation
 * unknown, which no relation-bound rule fires on. One pass over the bytes
 * (detect/wordset.h), so the many messages without both cost nothing more.
 */
int as_directive_triggered(const as_directive_engine *e, const char *text, size_t len);

typedef struct {
	as_directive_kind kind;
	as_actor_kind by;
	int actor;                /* person, -1 unknown (a role: see role) */
	uint8_t role;             /* by = role: 1 direct manager, 2 higher up */
	int subject;              /* by = author: the person who receives; else -1 */
	uint8_t strict;           /* explicit words, a full or capitalised name,
				   * subject and verb next to each other */
	const char *form;         /* "active", "passive", ... (the template) */
	size_t start, end;        /* the sentence, bytes of the region */
	size_t ex_start, ex_end;  /* what fired, with the preposition before it and
				   * the "to" / "that" after it: the excerpt */
	size_t actor_start, actor_end; /* the actor as written ("" for the author) */
	char words[160];          /* what fired: "Alice + asked + me + to" */
	uint8_t ticket;           /* a ticket key stood for a party (config/tickets.h):
				   * 1 the author's, 2 the one it is handed to */
	size_t ticket_start, ticket_end; /* the key */
} as_directive;

typedef struct {
	as_units units;
	as_directive *found;
	size_t nfound, found_alloc;
	uint32_t *index;          /* private: the indexes of one sentence */
	size_t index_alloc;
	struct as_seen_piece {    /* private: the pieces of the message read */
		uint64_t hash;
		const char *text;
		size_t len;
		unsigned kind;
	} *seen;
	size_t nseen, seen_alloc;
	int author;               /* the message's author (a person, -1) */
} as_directive_scratch;

void as_directive_scratch_init(as_directive_scratch *s);
void as_directive_scratch_free(as_directive_scratch *s);

/* Starts a message by `author` (a person of the org chart, or -1: whose
 * ticket keys are "me", config/tickets.h): as_directive_find reads each
 * piece of text once per message (see directive.c). */
void as_directive_begin(as_directive_scratch *s, int author);

/* Finds the directives of text[0..len), a region of the given kind (its
 * as_region_kind), into s->found (emptied first). Text equal to a part of
 * a region of the same kind read since as_directive_begin() finds nothing
 * again: the message's directives are each found once. */
void as_directive_find(const as_directive_engine *e, as_directive_scratch *s,
		       const char *text, size_t len, unsigned kind);

#endif
