/*
 * The templates of the directive engine (directive.h), over the units of
 * one sentence at a time.
 */
#include "detect/directive.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

/* The prefilter's groups: a directive's word, a name, a role ("my" and
 * "manager"). */
enum { WS_TRIGGER, WS_NAME, WS_MY, WS_ROLE };

struct as_directive_engine {
	as_vocab *vocab;
	as_parties *parties;
	as_wordset *prefilter;
	uint32_t inversion;        /* languages whose subjects may follow the verb */
	uint32_t verb_final;       /* languages whose clauses may end in the verb */
	uint32_t infinitive;       /* languages whose infinitives have endings */
};

#define C(x) (1ull << (x))
#define VERBS (C(AS_LX_ASK) | C(AS_LX_TELL) | C(AS_LX_WANT) | C(AS_LX_ASSIGN) | \
	       C(AS_LX_PLACE) | C(AS_LX_CAUSE) | C(AS_LX_HANDOFF) | C(AS_LX_APPROVE) | \
	       C(AS_LX_GIVE))
#define NOUNS (C(AS_LX_REQUEST_NOUN) | C(AS_LX_APPROVAL_NOUN))
/* before a name: the name is not the subject of the clause */
#define BLOCKERS (C(AS_LX_PREPOSITION) | C(AS_LX_OF) | C(AS_LX_AGENT) | C(AS_LX_WITH) | \
		  C(AS_LX_TO) | C(AS_LX_ACCORDING))

as_directive_engine *as_directive_engine_new(const as_config *cfg)
{
	as_directive_engine *e = as_xcalloc(1, sizeof(*e));
	e->vocab = as_vocab_new(&cfg->lexicon);
	e->parties = as_parties_new(&cfg->org, &cfg->tickets, e->vocab);
	e->prefilter = as_wordset_new();
	as_vocab_prefilter(e->vocab, e->prefilter, WS_TRIGGER, WS_MY, WS_ROLE);
	as_parties_prefilter(&cfg->org, &cfg->tickets, e->prefilter, WS_NAME);
	for (size_t l = 0; l < cfg->lexicon.nlangs; l++) {
		if (cfg->lexicon.inversion[l])
			e->inversion |= 1u << l;
		if (cfg->lexicon.verb_final[l])
			e->verb_final |= 1u << l;
	}
	for (size_t i = 0; i < cfg->lexicon.nentries; i++)
		if (cfg->lexicon.entries[i].cls == AS_LX_INFINITIVE)
			e->infinitive |= 1u << cfg->lexicon.entries[i].lang;
	return e;
}

void as_directive_engine_free(as_directive_engine *e)
{
	if (!e)
		return;
	as_parties_free(e->parties);
	as_vocab_free(e->vocab);
	as_wordset_free(e->prefilter);
	free(e);
}

int as_directive_triggered(const as_directive_engine *e, const char *text, size_t len)
{
	uint32_t got = as_wordset_scan(e->prefilter, text, len, 1u << WS_TRIGGER | 1u << WS_NAME);
	int party = (got & 1u << WS_NAME) || ((got & 1u << WS_MY) && (got & 1u << WS_ROLE));
	return (got & 1u << WS_TRIGGER) && party;
}

void as_directive_scratch_init(as_directive_scratch *s)
{
	memset(s, 0, sizeof(*s));
	as_units_init(&s->units);
}

void as_directive_scratch_free(as_directive_scratch *s)
{
	as_units_free(&s->units);
	free(s->found);
	free(s->index);
	free(s->seen);
	memset(s, 0, sizeof(*s));
}

/* ---- one sentence -------------------------------------------------------- */

typedef struct ctx ctx;
static int ends_with(const ctx *c, size_t k, as_lex_class cl);

/*
 * The classes whose presence the templates ask about over spans that are
 * not bounded (from a clause's start, from the sentence's start): each has
 * an index of its last unit before every position, built once per
 * sentence, so that a sentence of any length costs linear work (a message
 * of one endless sentence of "Alice asked me to" must not cost its square).
 */
enum { SPAN_HYPOTHETICAL, SPAN_RECEIVER, SPAN_NEGATION, SPAN_SELF, SPAN_GET,
       SPAN_THIRD, SPAN_THIRD2, SPAN__COUNT };

struct ctx {
	const as_directive_engine *e;
	as_directive_scratch *s;
	const char *text;
	const as_unit *u;          /* the sentence's units */
	size_t n;
	const as_sentence *sen;
	/* per position k in [0, n]: the first unit of k's clause, and for
	 * each SPAN_* the last unit before k with it (+1; 0: none) */
	const uint32_t *clause;
	const uint32_t *last[SPAN__COUNT];
	/* the units according() may take as the author's obligation, in order */
	const uint32_t *duty;
	size_t nduty;
};

/* Unit k has class cl (k may be out of the sentence: no). */
static int has(const ctx *c, size_t k, as_lex_class cl)
{
	return k < c->n && (c->u[k].cls & C(cl));
}

static int any(const ctx *c, size_t k, uint64_t mask)
{
	return k < c->n && (c->u[k].cls & mask);
}

static int comma(const ctx *c, size_t k)
{
	return k < c->n && c->u[k].punct == ',';
}

static const as_unit_mention *mention(const ctx *c, size_t k)
{
	if (k >= c->n || c->u[k].mention < 0)
		return NULL;
	return &c->s->units.mentions[c->u[k].mention];
}

/* A word with no class and no mention. */
static int plain(const ctx *c, size_t k)
{
	return k < c->n && !c->u[k].cls && c->u[k].mention < 0 && !c->u[k].punct;
}

/* The unit before k, an article skipped ("do João", "pelo meu gestor"). */
static size_t before(const ctx *c, size_t k)
{
	if (k == 0)
		return SIZE_MAX;
	if (has(c, k - 1, AS_LX_ARTICLE) && !any(c, k - 1, BLOCKERS) && k >= 2)
		return k - 2;
	return k - 1;
}

/* Is the mention at k governed by a preposition (not a subject)? */
static int blocked(const ctx *c, size_t k)
{
	size_t b = before(c, k);
	if (b == SIZE_MAX || !any(c, b, BLOCKERS))
		return 0;
	/* Spanish "A José le gustaría": a dative experiencer is the one who wants */
	return !has(c, k + 1, AS_LX_DATIVE);
}

/* The first unit of k's clause (after the last comma before it). */
static size_t clause_start(const ctx *c, size_t k)
{
	return c->clause[k < c->n ? k : c->n];
}

static int span_of(as_lex_class cl)
{
	switch (cl) {
	case AS_LX_HYPOTHETICAL: return SPAN_HYPOTHETICAL;
	case AS_LX_RECEIVER: return SPAN_RECEIVER;
	case AS_LX_NEGATION: return SPAN_NEGATION;
	case AS_LX_SELF: return SPAN_SELF;
	case AS_LX_GET: return SPAN_GET;
	default: return -1;
	}
}

/* Is there a unit of class cl in [from, to)? */
static int class_in(const ctx *c, size_t from, size_t to, as_lex_class cl)
{
	int span = span_of(cl);
	if (to > c->n)
		to = c->n;
	if (from >= to)
		return 0;
	if (span >= 0)
		return c->last[span][to] > from;
	for (size_t k = from; k < to; k++)
		if (has(c, k, cl))
			return 1;
	return 0;
}

/* A hypothetical or (when `topics`) a question word before k in its
 * clause: "If Alice asks", "Falls Jürgen fragt", "Se o João pedir". */
static int hypothetical_before(const ctx *c, size_t k)
{
	return class_in(c, clause_start(c, k), k, AS_LX_HYPOTHETICAL);
}

/* A usable actor: a mention that is the subject, not a possession. */
static int actor_ok(const ctx *c, size_t k)
{
	const as_unit_mention *m = mention(c, k);
	return m && !m->m.poss && !blocked(c, k);
}

/* The party right after unit k, an article skipped ("by Alice", "pelo
 * João", "request of Alice", "laut dem Chef"): its unit, or SIZE_MAX when
 * none follows or it is a possession ("according to Alice's"). */
static size_t party_after(const ctx *c, size_t k)
{
	size_t a = k + 1;
	if (has(c, a, AS_LX_ARTICLE) && !mention(c, a))
		a++;
	const as_unit_mention *m = mention(c, a);
	return m && !m->m.poss ? a : SIZE_MAX;
}

/*
 * The subject of the verb at d, to its left: the nearest mention in the
 * clause, within 10 units, unless a subject pronoun, a "that" or a
 * possession comes first. *neg tells whether a negation was passed.
 */
static size_t actor_left_w(const ctx *c, size_t d, int *neg, size_t w)
{
	for (size_t k = d; k-- > 0 && d - k <= w;) {
		if (comma(c, k))
			return SIZE_MAX;
		if (mention(c, k))
			return actor_ok(c, k) ? k : SIZE_MAX;
		/* a that-clause, a question or a condition starts between ("that"
		 * before a subject is a conjunction, not "wants that done") */
		if ((has(c, k, AS_LX_THAT) &&
		     (!has(c, k, AS_LX_OBJECT) || any(c, k + 1, C(AS_LX_SELF) | C(AS_LX_PRONOUN) |
							      C(AS_LX_ARTICLE)) || mention(c, k + 1))) ||
		    has(c, k, AS_LX_HYPOTHETICAL) || has(c, k, AS_LX_TOPIC))
			return SIZE_MAX;
		/* "Martin says X wants this": the verb of another clause */
		if (any(c, k, VERBS) && !any(c, k, C(AS_LX_AUX) | C(AS_LX_PASSIVE)))
			return SIZE_MAX;
		/* "Michi pointed out we don't need": another subject, the author */
		if (has(c, k, AS_LX_SELF) && !any(c, k, C(AS_LX_RECEIVER) | C(AS_LX_AUX)))
			return SIZE_MAX;
		if (has(c, k, AS_LX_PRONOUN) && !any(c, k, C(AS_LX_RECEIVER) | C(AS_LX_OBJECT)))
			return SIZE_MAX;
		if (has(c, k, AS_LX_NEGATION))
			*neg = 1;
	}
	return SIZE_MAX;
}

static size_t actor_left(const ctx *c, size_t d, int *neg)
{
	return actor_left_w(c, d, neg, 10);
}

/* The subject after the verb (languages with inversion). */
static size_t actor_right(const ctx *c, size_t d)
{
	if (!(c->sen->langs & c->e->inversion))
		return SIZE_MAX;
	for (size_t k = d + 1; k < c->n && k <= d + 4; k++) {
		if (mention(c, k))
			return actor_ok(c, k) ? k : SIZE_MAX;
		if (!any(c, k, C(AS_LX_RECEIVER) | C(AS_LX_OBJECT) | C(AS_LX_DATIVE) |
			       C(AS_LX_AUX) | C(AS_LX_ARTICLE) | C(AS_LX_PASSIVE)))
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

/* A receiver (me, us, mich, m', nos...) in [from, to), or inside unit d. */
static int receiver_in(const ctx *c, size_t from, size_t to)
{
	return class_in(c, from, to, AS_LX_RECEIVER);
}

/* A receiver within w units after d, before a comma or another party. */
static size_t receiver_after(const ctx *c, size_t d, size_t w)
{
	for (size_t k = d + 1; k < c->n && k <= d + w; k++) {
		if (comma(c, k) || mention(c, k))
			return SIZE_MAX;
		if (has(c, k, AS_LX_RECEIVER))
			return k;
	}
	return SIZE_MAX;
}

/* Is the unit after the verb at d a ticket key ("gave PROJ-7 to me",
 * "dropped PROJ-7 on me")? Then what it goes to comes one unit later. */
static size_t ticket_next(const ctx *c, size_t d)
{
	return d + 1 < c->n && c->u[d + 1].ticket ? 1 : 0;
}

/*
 * Do the words after unit k say where a ticket goes ("assigned PROJ-7 to
 * the team", "a priority", "into the sprint", "à l'équipe")? Then it goes
 * there, not to its assignee. A particle that ends the clause ("handed
 * PROJ-7 over"), a time ("before the release", "by Friday") and the
 * actor with its agent word ("was assigned by Alice": `skip`) are not.
 */
static int goes_elsewhere(const ctx *c, size_t k, size_t skip)
{
	const uint64_t where = C(AS_LX_TO) | C(AS_LX_PREPOSITION) | C(AS_LX_ARTICLE) | C(AS_LX_MY) |
			       C(AS_LX_OF) | C(AS_LX_WITH) | C(AS_LX_DATIVE);
	const uint64_t who = C(AS_LX_THIRD) | C(AS_LX_RECEIVER) | C(AS_LX_SELF);
	for (size_t j = k + 1, seen = 0; j < c->n && seen < 2 && !comma(c, j); j++) {
		if (j == skip || j + 1 == skip)
			continue;
		seen++;
		if (has(c, j, AS_LX_DEADLINE))
			return 0;
		if (any(c, j, who) || (any(c, j, where) && j + 1 < c->n && !comma(c, j + 1)))
			return 1;
	}
	return 0;
}

/*
 * A ticket key of the author's (config/tickets.h) standing where "me"
 * would for the verb at d: within `before` units before it in its clause
 * ("Alice hat PROJ-7 zugewiesen", "PROJ-7 was assigned by Alice") or
 * `after` units after it ("Alice assigned PROJ-7"): its unit, or SIZE_MAX.
 * None when the clause names someone else it goes to ("assigned PROJ-7
 * to Carol", "assigned Carol PROJ-7"; the party at `skip` is the actor:
 * the message may be newer than the export), or something else
 * (goes_elsewhere()).
 */
static size_t own_ticket(const ctx *c, size_t d, size_t before, size_t after, size_t skip)
{
	size_t found = SIZE_MAX, cs = clause_start(c, d);
	size_t lo = d > cs + before ? d - before : cs;
	if (c->s->author < 0)
		return SIZE_MAX;
	size_t hi = d + after + 3 + (skip > d && skip != SIZE_MAX ? 2 : 0);
	for (size_t k = lo; k < c->n && k <= hi; k++) {
		if (k > d && comma(c, k))
			break;
		if (k > d && k != skip && mention(c, k))
			return SIZE_MAX;
		if (k != d && k <= d + after && found == SIZE_MAX && c->u[k].ticket &&
		    c->u[k].owner == c->s->author)
			found = k;
	}
	if (found != SIZE_MAX && goes_elsewhere(c, found > d ? found : d, skip))
		return SIZE_MAX;
	return found;
}

/* The first unit after k that is not a receiver, an auxiliary, an object
 * pronoun or the subject that follows its verb ("Me dijo José que"). */
static size_t skip_fillers(const ctx *c, size_t k, size_t actor)
{
	while (k < c->n && (k == actor || (any(c, k, C(AS_LX_RECEIVER) | C(AS_LX_AUX) |
						    C(AS_LX_OBJECT) | C(AS_LX_DATIVE)) &&
					!any(c, k, C(AS_LX_TO) | C(AS_LX_TOPIC)))))
		k++;
	return k;
}

/* "to review", "as a reviewer", "for review": feedback on the change. */
/* Is a change-noun within four units of unit j, in its clause ("look at
 * Bob's patch", "den Patch anzuschauen")? */
static int change_near(const ctx *c, size_t j)
{
	for (size_t k = j + 1; k < c->n && k <= j + 4 && !comma(c, k); k++)
		if (has(c, k, AS_LX_CHANGE_NOUN))
			return 1;
	for (size_t k = j; k-- > clause_start(c, j) && j - k <= 4;)
		if (has(c, k, AS_LX_CHANGE_NOUN))
			return 1;
	return 0;
}

static int about_review(const ctx *c, size_t k)
{
	if (k < c->n && comma(c, k))   /* "hat mich gebeten, den Patch ..." */
		k++;
	for (size_t j = k; j < c->n && j <= k + 3; j++) {
		if (has(c, j, AS_LX_REVIEW))
			return 1;
		/* "to look at the patch" is feedback, "to look at the flaky
		 * test" work */
		if (has(c, j, AS_LX_LOOK))
			return change_near(c, j);
		/* (a verb-final clause names what it reads first: "den
		 * Patch anzuschauen") */
		uint64_t skip = C(AS_LX_TO) | C(AS_LX_ARTICLE) | C(AS_LX_PREPOSITION) |
				C(AS_LX_AS) | C(AS_LX_RECEIVER) | C(AS_LX_OBJECT) |
				((c->sen->langs & c->e->verb_final) ? C(AS_LX_CHANGE_NOUN) : 0);
		if (!any(c, j, skip))
			return 0;
	}
	return 0;
}

/* ---- emitting ------------------------------------------------------------ */

static void add_words(const ctx *c, char *out, size_t cap, const size_t *units, size_t n)
{
	const as_tokens *t = &c->s->units.tokens;
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (units[i] >= c->n)
			continue;
		const as_unit *u = &c->u[units[i]];
		size_t a = t->items[u->tok].start, b = t->items[u->tok + u->ntok - 1].end;
		size_t need = (len ? 3 : 0) + (b - a);
		if (len + need + 1 > cap)
			break;
		if (len) {
			memcpy(out + len, " + ", 3);
			len += 3;
		}
		memcpy(out + len, c->text + a, b - a);
		len += b - a;
		out[len] = '\0';
	}
}

static void emit(const ctx *c, as_directive_kind kind, size_t actor, int subject,
		 int strict, const char *form, const size_t *fired, size_t nfired)
{
	as_directive_scratch *s = c->s;
	const as_tokens *t = &s->units.tokens;
	const as_unit_mention *m = actor < c->n ? mention(c, actor) : NULL;
	as_directive d;

	memset(&d, 0, sizeof(d));
	d.kind = kind;
	d.form = form;
	d.subject = -1;
	if (!m) {
		d.by = AS_BY_AUTHOR;
		d.actor = -1;
		d.subject = subject;
	} else if (m->role) {
		d.by = AS_BY_ROLE;
		d.actor = -1;
		d.role = m->role;
	} else {
		d.by = AS_BY_NAMED;
		d.actor = m->m.person;
	}
	d.strict = (uint8_t)(strict && m && !m->role && m->m.strong);
	const as_unit *first = &c->u[0], *last = &c->u[c->n - 1];
	d.start = t->items[first->tok].start;
	d.end = t->items[last->tok + last->ntok - 1].end;
	/* the excerpt: from the first unit that fired to the last, with the
	 * words that introduce it ("at the request of", "per", "as") and the
	 * "to" or "that" that follows */
	size_t lo = SIZE_MAX, hi = 0;
	for (size_t i = 0; i < nfired; i++)
		if (fired[i] < c->n) {
			lo = fired[i] < lo ? fired[i] : lo;
			hi = fired[i] > hi ? fired[i] : hi;
		}
	if (lo != SIZE_MAX) {
		const uint64_t intro = C(AS_LX_PREPOSITION) | C(AS_LX_ACCORDING) | C(AS_LX_AS) |
				       C(AS_LX_AGENT) | C(AS_LX_OF) | C(AS_LX_WITH);
		while (lo > 0 && has(c, lo - 1, AS_LX_ARTICLE) && !mention(c, lo - 1))
			lo--;
		if (lo > 0 && any(c, lo - 1, intro) && !mention(c, lo - 1))
			lo--;
		if (any(c, hi + 1, C(AS_LX_TO) | C(AS_LX_THAT)) && !mention(c, hi + 1) && hi > 0)
			hi++;
		d.ex_start = t->items[c->u[lo].tok].start;
		d.ex_end = t->items[c->u[hi].tok + c->u[hi].ntok - 1].end;
	} else {
		d.ex_start = d.start;
		d.ex_end = d.end;
	}
	if (m) {
		d.actor_start = t->items[m->m.first].start;
		d.actor_end = t->items[m->m.last].end;
	}
	add_words(c, d.words, sizeof(d.words), fired, nfired);
	/* a ticket key that stood for a party: whose it is, an export says */
	for (size_t i = 0; i < nfired && !d.ticket; i++) {
		const as_unit *u = fired[i] < c->n ? &c->u[fired[i]] : NULL;
		if (u && u->ticket) {
			d.ticket = u->owner == c->s->author ? 1 : 2;
			d.ticket_start = t->items[u->tok].start;
			d.ticket_end = t->items[u->tok + u->ntok - 1].end;
		}
	}
	for (size_t i = 0; i < s->nfound; i++) {
		as_directive *o = &s->found[i];
		if (o->kind == d.kind && o->by == d.by && o->actor == d.actor &&
		    o->role == d.role && o->subject == d.subject) {
			o->strict |= d.strict;
			return;
		}
	}
	AS_GROW(s->found, s->nfound + 1, s->found_alloc);
	s->found[s->nfound++] = d;
}

/* ---- the frames of the active template ---------------------------------- */

/*
 * Insisting, with no receiver: a directive when what is insisted on is
 * the author's doing ("insisted I take it over", "hat darauf bestanden,
 * dass ich", "a insisté pour que je", "insistiu para que eu") or has an
 * obligation, a deadline or a "done" in it; "insisted that the old
 * behaviour was correct" is an opinion. k is the unit after the verb
 * (and its subject, and a comma).
 */
static int insisted(const ctx *c, size_t d, size_t k, size_t *fired, size_t *nfired)
{
	if (has(c, k, AS_LX_THAT))
		k++;
	/* "I take" / "ich das übernehme", not "I was wrong" */
	if (has(c, k, AS_LX_SELF) && !(any(c, k + 1, C(AS_LX_AUX) | C(AS_LX_PASSIVE)) &&
				       !has(c, k + 1, AS_LX_MUST))) {
		fired[(*nfired)++] = k;
		return AS_DIR_REQUEST;
	}
	for (size_t j = d + 1; j < c->n && j <= d + 8; j++) {
		if (comma(c, j) && j > k)
			break;
		if (mention(c, j))
			break;
		if (any(c, j, C(AS_LX_DONE) | C(AS_LX_DEADLINE) | C(AS_LX_MUST))) {
			fired[(*nfired)++] = j;
			return AS_DIR_REQUEST;
		}
	}
	return -1;
}

/*
 * What the verb at d with subject a needs after it, by its class. Returns
 * the kind of directive, or -1; fills the units that fired.
 */
static int frame(const ctx *c, size_t a, size_t d, as_lex_class cl, int *strict,
		 size_t *fired, size_t *nfired)
{
	/* a receiver between the subject and the verb ("m'a demandé", "hat
	 * mich gebeten"), or anywhere before the verb where subjects may
	 * follow it ("Das hat mir Jürgen aufgetragen", "Me dijo José") */
	size_t lo = a < d && !(c->sen->langs & c->e->inversion) ? a + 1 : clause_start(c, d);
	int recv_before = receiver_in(c, lo, d) || c->u[d].receiver_inside;
	size_t r;
	*strict = 0;

	switch (cl) {
	case AS_LX_ASSIGN: {
		r = receiver_after(c, d, 6);
		/* "Alice assigned PROJ-7" when PROJ-7 is the author's */
		int ticket = 0;
		if (!recv_before && r == SIZE_MAX) {
			r = own_ticket(c, d, a < d ? d - a - 1 : 0, 6, a);
			if (r == SIZE_MAX)
				return -1;
			ticket = 1;
		}
		if (about_review(c, skip_fillers(c, d + 1, a)) || (r != SIZE_MAX && about_review(c, r + 1)))
			return -1;
		/* explicit: subject, fillers and the verb side by side */
		int tight = a < d && d - a <= 4;
		for (size_t k = a + 1; tight && k < d; k++)
			tight = any(c, k, C(AS_LX_AUX) | C(AS_LX_RECEIVER) | C(AS_LX_OBJECT));
		/* whose the ticket is, an export says: heuristic */
		*strict = tight && !ticket;
		fired[(*nfired)++] = r != SIZE_MAX ? r : d;
		return AS_DIR_ASSIGN;
	}
	case AS_LX_PLACE:
	case AS_LX_HANDOFF:
		/* "dumped the pager rotation docs on me" */
		r = receiver_after(c, d, cl == AS_LX_PLACE ? 2 + ticket_next(c, d) : 7);
		/* "Alice handed PROJ-7 over" (not "put PROJ-7 on the board":
		 * placing a ticket is planning, not placing its owner) */
		if (!recv_before && r == SIZE_MAX && cl == AS_LX_HANDOFF)
			r = own_ticket(c, d, a < d ? d - a - 1 : 0, 7, a);
		if (!recv_before && r == SIZE_MAX)
			return -1;
		if (r != SIZE_MAX)
			fired[(*nfired)++] = r;
		return AS_DIR_REQUEST;
	case AS_LX_CAUSE:
		r = receiver_after(c, d, 1);
		if (r != SIZE_MAX) {
			size_t v = r + 1;
			/* "Dave had me, once again, rebuild the index": a parenthesis */
			if (comma(c, v)) {
				size_t j = v + 1;
				while (j < c->n && j <= v + 4 && !comma(c, j))
					j++;
				v = comma(c, j) ? j + 1 : c->n;
				if (!plain(c, v))
					return -1;
			}
			/* "had me rework", not "had me on the call"; German "ließ mich
			 * den Parser umschreiben" puts its object first */
			int verb_last = (c->sen->langs & c->e->verb_final) && has(c, v, AS_LX_ARTICLE);
			if (v >= c->n || mention(c, v) || comma(c, v) ||
			    (!verb_last &&
			     any(c, v, C(AS_LX_PREPOSITION) | C(AS_LX_ARTICLE) | C(AS_LX_OBJECT)) &&
			     !has(c, v, AS_LX_TO)))
				return -1;
			fired[(*nfired)++] = r;
			return AS_DIR_REQUEST;
		}
		if (!recv_before)
			return -1;
		/* "m'a fait corriger", "me hizo primero arreglar": an infinitive
		 * follows, not "m'a fait confiance", "me fez um favor" */
		if ((c->sen->langs & c->e->infinitive) && !(c->sen->langs & c->e->verb_final)) {
			int inf = 0;
			for (size_t k = d + 1; k < c->n && k <= d + 5 && !inf; k++) {
				if (mention(c, k))
					break;
				inf = ends_with(c, k, AS_LX_INFINITIVE);
			}
			if (!inf)
				return -1;
		}
		return AS_DIR_REQUEST;
	case AS_LX_GIVE: {
		/* "Dave gave the go-ahead", "Heike hat grünes Licht ... gegeben" */
		size_t from = a < d ? a + 1 : d + 1;
		for (size_t k = from; k < c->n && k <= d + 5; k++) {
			if (comma(c, k) || (mention(c, k) && k != a))
				break;
			if (has(c, k, AS_LX_APPROVAL_NOUN)) {
				fired[(*nfired)++] = k;
				return AS_DIR_APPROVE;
			}
		}
		/* "Alice gave me the migration guide to write", "La tarea que me
		 * dio José", "A tarefa que o João me deu", "gave PROJ-7 to me" */
		r = receiver_after(c, d, 2 + ticket_next(c, d));
		if (r == SIZE_MAX && !recv_before)
			return -1;
		for (size_t k = d; k-- > 1 && d - k <= 6;) {
			if (comma(c, k))
				break;
			if (has(c, k, AS_LX_THAT) &&
			    any(c, k - 1, C(AS_LX_WORK_NOUN) | C(AS_LX_REQUEST_NOUN))) {
				fired[(*nfired)++] = k - 1;
				return AS_DIR_REQUEST;
			}
		}
		for (size_t k = d + 1; k < c->n && k <= d + 6; k++) {
			if (comma(c, k))
				break;
			if (has(c, k, AS_LX_WORK_NOUN) || has(c, k, AS_LX_REQUEST_NOUN) ||
			    (k > d + 2 && has(c, k, AS_LX_TO))) {
				fired[(*nfired)++] = k;
				return AS_DIR_REQUEST;
			}
		}
		return -1;
	}
	case AS_LX_ASK: {
		r = receiver_after(c, d, 2);
		size_t next = skip_fillers(c, d + 1, a);
		if (has(c, next, AS_LX_TOPIC))
			return -1;
		if (recv_before || r != SIZE_MAX) {
			if (about_review(c, next))
				return -1;
			if (r != SIZE_MAX)
				fired[(*nfired)++] = r;
			return AS_DIR_REQUEST;
		}
		/* "mandou eu corrigir", "pediu pra eu fazer": the author is the
		 * subject of the verb that follows */
		size_t sj = next + has(c, next, AS_LX_TO);
		if (has(c, sj, AS_LX_SELF) && !has(c, sj, AS_LX_TOPIC) && plain(c, sj + 1)) {
			fired[(*nfired)++] = sj;
			return AS_DIR_REQUEST;
		}
		/* "pidió que", "asked that we", "hat angeordnet, dass" */
		size_t k = d + 1 + (a == d + 1);
		int after_comma = comma(c, k);
		k += after_comma;
		if (has(c, k, AS_LX_THAT)) {
			fired[(*nfired)++] = k;
			return AS_DIR_REQUEST;
		}
		/* German: "hat angeordnet, die Backups zu löschen" */
		for (size_t j = k; after_comma && j < c->n && j <= k + 8 && !comma(c, j); j++)
			if (has(c, j, AS_LX_TO) && !mention(c, j)) {
				fired[(*nfired)++] = j;
				return AS_DIR_REQUEST;
			}
		return -1;
	}
	case AS_LX_TELL: {
		/* "Vera a dit ok", "Alice said OK, ship it", "Jürgen hat ok gesagt":
		 * an approval word is all that was said */
		size_t ok = skip_fillers(c, d + 1, a);
		if (has(c, ok, AS_LX_APPROVAL_NOUN) &&
		    (ok + 1 >= c->n || comma(c, ok + 1) ||
		     (has(c, ok + 1, AS_LX_PREPOSITION) && !has(c, ok + 1, AS_LX_TO)))) {
			fired[(*nfired)++] = ok;
			return AS_DIR_APPROVE;
		}
		if ((c->sen->langs & c->e->verb_final) && a < d && d >= 1 && a < d - 1 &&
		    has(c, d - 1, AS_LX_APPROVAL_NOUN) && (d + 1 >= c->n || comma(c, d + 1))) {
			int only = 1;
			for (size_t k = a + 1; k < d - 1; k++)
				only &= any(c, k, C(AS_LX_AUX) | C(AS_LX_OBJECT)) != 0;
			if (only) {
				fired[(*nfired)++] = d - 1;
				return AS_DIR_APPROVE;
			}
		}
		/* "told me to", "m'a dit de", "falou para eu": the marker comes first */
		r = receiver_after(c, d, 2);
		int recv = recv_before || r != SIZE_MAX;
		size_t k = skip_fillers(c, d + 1, a);
		if (has(c, k, AS_LX_TO) && !has(c, k, AS_LX_THAT) &&
		    (recv || has(c, k + 1, AS_LX_SELF)) && !has(c, k + 1, AS_LX_TOPIC) &&
		    !about_review(c, k + 1)) {
			fired[(*nfired)++] = k;
			return AS_DIR_REQUEST;
		}
		/* "said I should", "hat gesagt, ich soll", "nos dijo que podíamos",
		 * "me dijo que los quitara" */
		int commas = 0;
		for (; k < c->n && k <= d + 7; k++) {
			if (comma(c, k)) {
				if (++commas > 1)
					break;
				continue;
			}
			if (k == a)
				continue;
			if (has(c, k, AS_LX_TOPIC) || mention(c, k))
				return -1;
			int self = has(c, k - 1, AS_LX_SELF) || has(c, k + 1, AS_LX_SELF) ||
				   c->u[k].self_form;
			if (has(c, k, AS_LX_MUST) && (self || recv)) {
				fired[(*nfired)++] = k;
				return AS_DIR_REQUEST;
			}
			if (has(c, k, AS_LX_MAY) && (self || recv)) {
				/* "said we can't ship it", "no podemos", "dürfen wir
				 * noch nicht": a permission refused */
				for (size_t j = k - 1; j < c->n && j <= k + 3 && !comma(c, j); j++)
					if (has(c, j, AS_LX_NEGATION))
						return -1;
				fired[(*nfired)++] = k;
				return AS_DIR_APPROVE;
			}
			if (has(c, k, AS_LX_THAT) && recv) {
				/* a subjunctive right after it (a word of no class) */
				const as_tokens *t = &c->s->units.tokens;
				for (size_t j = k + 1; j < c->n && j <= k + 3; j++) {
					if (c->u[j].mention >= 0 || c->u[j].punct)
						break;
					if (c->u[j].cls)
						continue;
					const char *w = as_token_word(t, c->u[j].tok);
					if (as_vocab_ends_with(c->e->vocab, AS_LX_SUBJUNCTIVE, c->sen->langs,
							       w, strlen(w))) {
						fired[(*nfired)++] = j;
						return AS_DIR_REQUEST;
					}
				}
			}
		}
		return -1;
	}
	case AS_LX_WANT: {
		r = receiver_after(c, d, 3);
		int recv = recv_before || r != SIZE_MAX;
		size_t next = d + 1 + (a == d + 1);
		if (has(c, next, AS_LX_TOPIC))
			return -1;
		if (!recv && next < c->n) {
			/* "wants to rewrite it": the actor's own plan */
			if (has(c, next, AS_LX_TO) && !has(c, next, AS_LX_DEADLINE))
				return -1;
			if (plain(c, next) || has(c, next, AS_LX_INFINITIVE)) {
				const char *w = as_token_word(&c->s->units.tokens, c->u[next].tok);
				if (as_vocab_ends_with(c->e->vocab, AS_LX_INFINITIVE, c->sen->langs, w,
						       strlen(w)))
					return -1;
			}
		}
		if (recv) {
			if (r != SIZE_MAX)
				fired[(*nfired)++] = r;
			return AS_DIR_REQUEST;
		}
		size_t k = next + comma(c, next);
		if (has(c, d, AS_LX_INSIST))
			return insisted(c, d, k, fired, nfired);
		if (has(c, k, AS_LX_THAT)) {
			fired[(*nfired)++] = k;
			return AS_DIR_REQUEST;
		}
		size_t from = a < d ? a + 1 : d + 1;
		for (size_t j = from; j < c->n && j <= d + 8; j++) {
			if (j == a)
				continue;
			if (comma(c, j) || (j > d && mention(c, j)))
				break;
			if (j == d)
				continue;
			int near = j + 2 >= d && j <= d + 2;
			if (j == d + 1 && has(c, j, AS_LX_AGENT))
				break; /* "required by the linter": a passive, not a deadline */
			if (has(c, j, AS_LX_DONE) || has(c, j, AS_LX_DEADLINE) ||
			    (near && has(c, j, AS_LX_OBJECT))) {
				fired[(*nfired)++] = j;
				return AS_DIR_REQUEST;
			}
		}
		return -1;
	}
	case AS_LX_APPROVE:
		if (has(c, skip_fillers(c, d + 1, a), AS_LX_TOPIC))
			return -1;
		return AS_DIR_APPROVE;
	default:
		return -1;
	}
}

/* Tries the active template on the verb at d: 1 fired, 0 no, -1 cancelled. */
static int active(const ctx *c, size_t d)
{
	int neg = 0;
	/* "te pedí que", "lhe passei": the verb's form says the author is its
	 * subject; the party before it is its object (hand_off()) */
	const as_unit_mention *pm = d > 0 ? mention(c, d - 1) : NULL;
	if (c->u[d].self_form && pm && !(pm->m.strong && !pm->role))
		return 0;
	size_t a = actor_left(c, d, &neg);
	/* "Jürgen hat mich den Index-Job nach dem Vorfall neu schreiben
	 * lassen": the causative ends the clause, far from its subject; the
	 * receiver right after the subject holds them together */
	if (a == SIZE_MAX && has(c, d, AS_LX_CAUSE) && (c->sen->langs & c->e->verb_final)) {
		neg = 0;
		a = actor_left_w(c, d, &neg, 18);
		if (a != SIZE_MAX && !(a < d && receiver_in(c, a + 1, a + 4 < d ? a + 4 : d)))
			a = SIZE_MAX;
	}
	if (a == SIZE_MAX) {
		neg = 0;
		a = actor_right(c, d);
		if (a != SIZE_MAX)
			neg = class_in(c, clause_start(c, d), a, AS_LX_NEGATION);
	}
	if (a == SIZE_MAX)
		return 0;
	/* "Ich habe Anke gebeten": the name after "I" is the object (the
	 * author hands the work over: hand_off()) */
	for (size_t k = a; a < d && k-- > clause_start(c, a);) {
		if (has(c, k, AS_LX_SELF))
			return 0;
		if (!has(c, k, AS_LX_AUX))
			break;
	}
	if (neg || hypothetical_before(c, a < d ? a : d))
		return -1;
	static const as_lex_class order[] = {
		AS_LX_ASSIGN, AS_LX_PLACE, AS_LX_CAUSE, AS_LX_HANDOFF, AS_LX_GIVE, AS_LX_ASK,
		AS_LX_TELL, AS_LX_WANT, AS_LX_APPROVE,
	};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!has(c, d, order[i]))
			continue;
		size_t fired[4] = { a, d };
		size_t nfired = 2;
		int strict;
		int kind = frame(c, a, d, order[i], &strict, fired, &nfired);
		if (kind < 0)
			continue;
		emit(c, (as_directive_kind)kind, a, -1, strict, "active", fired, nfired);
		return 1;
	}
	return 0;
}

/* Another named person as the subject of d's clause: the sentence is
 * about someone else ("Bob was asked by Alice to"). */
static int third_party_at(const ctx *c, size_t k)
{
	const as_unit_mention *m = mention(c, k);
	return m && !m->m.poss && !blocked(c, k) && !m->role;
}

static int third_party(const ctx *c, size_t d, size_t actor)
{
	size_t from = clause_start(c, d), to = d < c->n ? d : c->n;
	/* the last such mention before d, or the one before it when that is
	 * the actor */
	size_t k = c->last[SPAN_THIRD][to];
	if (k && k - 1 == actor)
		k = c->last[SPAN_THIRD2][to];
	return k > from;
}

/* VERB [to me] by PARTY, or (German) von PARTY ... VERB. Not "made by",
 * "given by" (causatives and giving have no passive here); telling
 * only with what was told after it ("told by Alice to", "von Jürgen
 * gesagt, dass"), not "as mentioned by Alice". */
static int passive(const ctx *c, size_t d)
{
	size_t a = SIZE_MAX, agent = SIZE_MAX, r = SIZE_MAX;
	if (!any(c, d, C(AS_LX_ASK) | C(AS_LX_TELL) | C(AS_LX_WANT) | C(AS_LX_ASSIGN) |
		       C(AS_LX_PLACE) | C(AS_LX_HANDOFF) | C(AS_LX_APPROVE)) ||
	    any(c, d, C(AS_LX_CAUSE) | C(AS_LX_GIVE)))
		return 0;
	for (size_t k = d + 1; k < c->n && k <= d + 6; k++) {
		if (comma(c, k))
			break;
		if (has(c, k, AS_LX_AGENT)) {
			size_t j = party_after(c, k);
			if (j != SIZE_MAX)
				a = j, agent = k;
			break;
		}
		if (has(c, k, AS_LX_RECEIVER))
			r = k;
		if (!any(c, k, C(AS_LX_RECEIVER) | C(AS_LX_TO) | C(AS_LX_AUX) | C(AS_LX_ARTICLE) |
			       C(AS_LX_OBJECT) | C(AS_LX_PASSIVE) | C(AS_LX_PREPOSITION)))
			break;
	}
	if (a == SIZE_MAX && (c->sen->langs & c->e->verb_final)) {
		/* von Jürgen gebeten, Von meinem Chef abgesegnet */
		for (size_t k = d; k-- > 0 && d - k <= 5;) {
			if (comma(c, k))
				break;
			if (!mention(c, k))
				continue;
			size_t b = before(c, k);
			if (b == SIZE_MAX || !has(c, b, AS_LX_AGENT) || mention(c, k)->m.poss)
				break;
			/* "das Team von Matthias will": a noun owns the name */
			if (b > 0 && ((plain(c, b - 1) && c->u[b - 1].cap && !c->u[b - 1].digits) ||
				      has(c, b - 1, AS_LX_ARTICLE)))
				break;
			a = k, agent = b;
			break;
		}
	}
	if (a == SIZE_MAX)
		return 0;
	if (class_in(c, clause_start(c, d), d, AS_LX_NEGATION) ||
	    hypothetical_before(c, d < a ? d : a))
		return -1;
	if (third_party(c, d, a))
		return 0;
	if (any(c, d, C(AS_LX_TELL)) && !any(c, d, C(AS_LX_ASK) | C(AS_LX_ASSIGN) | C(AS_LX_WANT))) {
		size_t k = (a > d ? a : d) + 1;
		k += comma(c, k);
		if (!any(c, k, C(AS_LX_TO) | C(AS_LX_THAT) | C(AS_LX_MUST)))
			return 0;
	}
	if (r == SIZE_MAX && (receiver_in(c, clause_start(c, d), d) ||
			      class_in(c, clause_start(c, d), d, AS_LX_SELF)))
		r = d; /* "I was told", "Mir wurde gesagt": the receiver came first */
	/* "The export was assigned by Alice to Carol": to someone else */
	if (r == SIZE_MAX && a > d && has(c, a + 1, AS_LX_TO) &&
	    (mention(c, a + 2) || has(c, a + 2, AS_LX_ARTICLE)))
		return 0;
	/* "PROJ-7 was assigned by Alice", PROJ-7 the author's */
	int ticket = 0;
	if (r == SIZE_MAX && any(c, d, C(AS_LX_ASSIGN) | C(AS_LX_HANDOFF)) &&
	    (r = own_ticket(c, d, 6, 0, a)) != SIZE_MAX)
		ticket = 1;
	size_t fired[4] = { d, agent, a };
	size_t nfired = 3;
	if (ticket)
		fired[nfired++] = r;
	as_directive_kind kind = has(c, d, AS_LX_APPROVE) ? AS_DIR_APPROVE
				 : has(c, d, AS_LX_ASSIGN) ? AS_DIR_ASSIGN : AS_DIR_REQUEST;
	if (kind == AS_DIR_ASSIGN && r == SIZE_MAX)
		kind = AS_DIR_REQUEST; /* "assigned by Alice" to whom? */
	emit(c, kind, a, -1, kind == AS_DIR_ASSIGN && a > d && !ticket, "passive", fired, nfired);
	return 1;
}

/* Cancelled for everything in the sentence from k on: a hypothetical
 * before it ("Alice asked whether we need Dave's approval", "if Alice's
 * request stands"). */
static int doubtful_before(const ctx *c, size_t k)
{
	return class_in(c, 0, k, AS_LX_HYPOTHETICAL);
}

/* PARTY's NOUN, NOUN of PARTY, from PARTY ... NOUN ... received. */
static int noun(const ctx *c, size_t d)
{
	size_t a = SIZE_MAX, via = SIZE_MAX;
	const as_unit_mention *m;
	/* "Alice's request", "Jürgens Wunsch", "my manager's sign-off",
	 * "Alice's explicit request" */
	for (size_t k = d; k-- > 0 && d - k <= 2;) {
		if ((m = mention(c, k))) {
			if (m->m.poss)
				a = k;
			break;
		}
		if (!plain(c, k) || c->u[k].cap)
			break;
	}
	/* "request of Alice", "la demande de François", "Okay von Jürgen" */
	if (a == SIZE_MAX && any(c, d + 1, C(AS_LX_OF) | C(AS_LX_AGENT)) &&
	    (a = party_after(c, d + 1)) != SIZE_MAX)
		via = d + 1;
	/* "the go-ahead came from Dave", "Das Go kam von Heike", "le feu vert
	 * est venu de Hélène", "el visto bueno vino de José", "o aval veio do
	 * João" */
	if (a == SIZE_MAX) {
		size_t j = d + 1;
		while (has(c, j, AS_LX_AUX) && !has(c, j, AS_LX_COME))
			j++;
		if (has(c, j, AS_LX_COME) && j <= d + 3 && any(c, j + 1, C(AS_LX_OF) | C(AS_LX_AGENT)) &&
		    (a = party_after(c, j + 1)) != SIZE_MAX)
			via = j;
	}
	/* "von Jürgen den Auftrag bekommen", "Recibí de José el encargo" */
	if (a == SIZE_MAX && class_in(c, 0, c->n, AS_LX_GET)) {
		for (size_t k = d; k-- > 0 && d - k <= 4;) {
			if (comma(c, k))
				break;
			if ((m = mention(c, k))) {
				size_t b = before(c, k);
				if (!m->m.poss && b != SIZE_MAX && any(c, b, C(AS_LX_OF) | C(AS_LX_AGENT)))
					a = k, via = b;
				break;
			}
		}
	}
	if (a == SIZE_MAX)
		return 0;
	/* "Alice's request handler", "la demande client": a compound, not a
	 * request (German writes its compounds as one word: "Auf Jürgens
	 * Bitte läuft ..." is the request and a verb) */
	if (plain(c, d + 1) && !c->u[d + 1].digits &&
	    (!c->sen->langs || (c->sen->langs & ~c->e->verb_final)))
		return 0;
	size_t from = a < d ? a : d;
	if (class_in(c, clause_start(c, from), d, AS_LX_NEGATION) || doubtful_before(c, from))
		return -1;
	if (third_party(c, from, a))
		return 0;
	size_t fired[4] = { a, d, via };
	emit(c, has(c, d, AS_LX_APPROVAL_NOUN) ? AS_DIR_APPROVE : AS_DIR_REQUEST, a, -1, 0,
	     "possessive", fired, via == SIZE_MAX ? 2 : 3);
	return 1;
}

/* "as Alice asked", "wie Jürgen wollte", "comme l'a demandé François",
 * "como pidió José" */
static int as_asked(const ctx *c, size_t d)
{
	size_t a = SIZE_MAX, v = SIZE_MAX;
	for (size_t k = d + 1; k < c->n && k <= d + 5; k++) {
		if (comma(c, k))
			break;
		if (mention(c, k)) {
			if (a != SIZE_MAX || mention(c, k)->m.poss)
				break;
			a = k;
		} else if (any(c, k, C(AS_LX_ASK) | C(AS_LX_WANT))) {
			v = k;
		} else if (!any(c, k, C(AS_LX_OBJECT) | C(AS_LX_AUX) | C(AS_LX_ARTICLE) |
				      C(AS_LX_RECEIVER) | C(AS_LX_DATIVE))) {
			break;
		}
		if (a != SIZE_MAX && v != SIZE_MAX)
			break;
	}
	if (a == SIZE_MAX || v == SIZE_MAX)
		return 0;
	if (class_in(c, d, v, AS_LX_NEGATION))
		return -1;
	size_t fired[3] = { d, a, v };
	emit(c, AS_DIR_REQUEST, a, -1, 0, "as", fired, 3);
	return 1;
}

/* "soll ich", "ich soll", "il faut que je", "tengo que": the author near k */
static int self_near(const ctx *c, size_t k)
{
	return has(c, k - 1, AS_LX_SELF) || has(c, k + 1, AS_LX_SELF) ||
	       (has(c, k + 1, AS_LX_THAT) && has(c, k + 2, AS_LX_SELF)) ||
	       c->u[k].self_form || (k && c->u[k - 1].self_form);
}

/* A permission of the author's (according() approves), else an obligation. */
static int duty_is_leave(const ctx *c, size_t k)
{
	return has(c, k, AS_LX_MAY) && self_near(c, k);
}

/* What according() takes after "laut PARTY": the author's permission or
 * obligation, or a receiver. */
static int duty_at(const ctx *c, size_t k)
{
	return duty_is_leave(c, k) || (has(c, k, AS_LX_MUST) && self_near(c, k)) ||
	       has(c, k, AS_LX_RECEIVER);
}

/* "Laut Jürgen soll ich", "Según José, tengo que", "D'après Hélène, c'est
 * à moi", "Laut Heike dürfen wir" */
static int according(const ctx *c, size_t d)
{
	size_t a = party_after(c, d);
	if (a == SIZE_MAX)
		return 0;
	if (class_in(c, 0, c->n, AS_LX_NEGATION) || hypothetical_before(c, d))
		return -1;
	for (size_t i = 0; i < c->nduty; i++) {
		size_t k = c->duty[i];
		if (k == a || k == d)
			continue;
		size_t fired[3] = { d, a, k };
		emit(c, duty_is_leave(c, k) ? AS_DIR_APPROVE : AS_DIR_REQUEST, a, -1, 0,
		     "according", fired, 3);
		return 1;
	}
	return 0;
}

/* "Cleared with Alice", "Vu avec François", "Alinhado com o João" */
static int cleared(const ctx *c, size_t d)
{
	size_t a = party_after(c, d);
	if (a == SIZE_MAX)
		return 0;
	if (class_in(c, clause_start(c, d), d, AS_LX_NEGATION) || hypothetical_before(c, d))
		return -1;
	size_t fired[2] = { d, a };
	emit(c, AS_DIR_APPROVE, a, -1, 0, "cleared", fired, 2);
	return 1;
}

/* German "Mit Jürgen abgestimmt", "mit meinem Chef abgesprochen und
 * freigegeben": the party comes before the word of clearing */
static int cleared_after(const ctx *c, size_t d)
{
	size_t a = d + 1;
	if (has(c, a, AS_LX_ARTICLE) && !mention(c, a))
		a++;
	const as_unit_mention *m = mention(c, a);
	if (!m || m->m.poss)
		return 0;
	size_t v = a + 1;
	while (v < c->n && v <= a + 3 && has(c, v, AS_LX_AUX) && !has(c, v, AS_LX_CLEARED_AFTER))
		v++;
	if (!has(c, v, AS_LX_CLEARED_AFTER))
		return 0;
	if (class_in(c, clause_start(c, d), v + 2 < c->n ? v + 2 : c->n, AS_LX_NEGATION) ||
	    hypothetical_before(c, d))
		return -1;
	size_t fired[3] = { d, a, v };
	emit(c, AS_DIR_APPROVE, a, -1, 0, "cleared", fired, 3);
	return 1;
}

/*
 * The person a third-person object ("him", "ihm", "lui", "le", "a ele")
 * stands for: the nearest person named before unit k, in its sentence or
 * the one before ("Lukas übernimmt den Export, ich habe ihm das Modul
 * übergeben"; "Carol owns the migration now; I gave her the tickets").
 * -1 when there is none.
 */
static int antecedent(const ctx *c, size_t k)
{
	const as_units *us = &c->s->units;
	size_t sen = (size_t)(c->sen - us->sentences);
	size_t lo = sen ? us->sentences[sen - 1].first : c->sen->first;
	for (size_t g = c->sen->first + k; g-- > lo;) {
		if (us->units[g].mention < 0)
			continue;
		const as_unit_mention *m = &us->mentions[us->units[g].mention];
		if (m->role || m->m.poss || m->m.person < 0)
			return -1;
		return m->m.person;
	}
	return -1;
}

/*
 * The author hands work to a named person: "I've asked Bob to", "Ich habe
 * Anke gebeten", "J'ai demandé à Chloé de", "Le pedí a Carmen que", "I'm
 * handing the export work to Bob", or to one a pronoun stands for ("ich
 * habe ihm die Tickets zugeteilt", "je lui ai attribué les tickets", "I
 * gave her the tickets").
 */
static int hand_off(const ctx *c, size_t d)
{
	size_t s = SIZE_MAX, p = SIZE_MAX, t = SIZE_MAX, tp = SIZE_MAX;
	int asking = any(c, d, C(AS_LX_ASK) | C(AS_LX_TELL));
	int giving = has(c, d, AS_LX_GIVE) &&
		     !any(c, d, C(AS_LX_ASK) | C(AS_LX_TELL) | C(AS_LX_ASSIGN) | C(AS_LX_HANDOFF) |
				C(AS_LX_PLACE));
	if (!any(c, d, C(AS_LX_ASK) | C(AS_LX_TELL) | C(AS_LX_ASSIGN) | C(AS_LX_HANDOFF) |
		       C(AS_LX_PLACE) | C(AS_LX_GIVE)))
		return 0;
	/* a name as written right before a first-person form is its subject:
	 * folded, "asigno/1" is also "asignó" ("Alice asignó PROJ-7") */
	const as_unit_mention *pm = d > 0 ? mention(c, d - 1) : NULL;
	if (c->u[d].self_form && !(pm && pm->m.strong && !pm->role)) {
		s = d;
		/* "te asigné PAG-900" (the one the message addresses) */
		if (pm && !pm->role && !pm->m.poss && pm->m.person >= 0)
			p = d - 1;
		/* "le asigné", "lhe passei" */
		for (size_t k = d; k-- > clause_start(c, d) && d - k <= 2;)
			if (has(c, k, AS_LX_THIRD)) {
				t = k;
				break;
			} else if (!has(c, k, AS_LX_AUX)) {
				break;
			}
	} else {
		size_t w = (c->sen->langs & c->e->verb_final) ? 8 : 5;
		for (size_t k = d; k-- > clause_start(c, d) && d - k <= w;) {
			const as_unit_mention *m = mention(c, k);
			if (m) {
				if (p != SIZE_MAX || m->role || m->m.poss || m->m.person < 0)
					return 0;
				p = k;
				continue;
			}
			if (c->u[k].ticket) {
				tp = k;
				continue;
			}
			if (has(c, k, AS_LX_SELF)) {
				s = k;
				break;
			}
			if (has(c, k, AS_LX_NEGATION))
				return -1;
			if (has(c, k, AS_LX_THIRD)) {
				if (t == SIZE_MAX)
					t = k;
				continue;
			}
			if (has(c, k, AS_LX_PRONOUN))
				return 0;
		}
	}
	/* "Assigning the rest to @bobs", "Handing the export over to Priya",
	 * "Pasando el resto a Javier": a gerund that opens its clause has the
	 * author for its subject */
	if (s == SIZE_MAX && !asking && !giving && d == clause_start(c, d) &&
	    ends_with(c, d, AS_LX_GERUND))
		s = d;
	if (s == SIZE_MAX)
		return 0;
	if (p == SIZE_MAX) {
		/* (what is handed on can be long: "the rest of the flaky-test
		 * cleanup to @bobs"; a comma ends the search) */
		size_t w = asking ? 3 : 10;
		for (size_t k = d + 1; k < c->n && k <= d + w; k++) {
			const as_unit_mention *m = mention(c, k);
			if (comma(c, k))
				break;
			if (m) {
				if (!m->role && !m->m.poss && m->m.person >= 0)
					p = k;
				break;
			}
			/* "Handing PROJ-7 over to Carol": a party named after the
			 * ticket is whom it goes to; "to myself", "to us": the
			 * author's own */
			if (c->u[k].ticket) {
				if (tp == SIZE_MAX)
					tp = k;
				continue;
			}
			if (tp != SIZE_MAX && any(c, k, C(AS_LX_RECEIVER) | C(AS_LX_SELF))) {
				tp = SIZE_MAX;
				break;
			}
			if (t == SIZE_MAX && has(c, k, AS_LX_THIRD)) {
				t = k;
				continue;
			}
			if (asking && !any(c, k, C(AS_LX_TO) | C(AS_LX_PREPOSITION) |
						  C(AS_LX_ARTICLE) | C(AS_LX_DATIVE)))
				break;
		}
	}
	int person = p != SIZE_MAX ? mention(c, p)->m.person : -1;
	if (p == SIZE_MAX && t != SIZE_MAX) {
		person = antecedent(c, s < t ? s : t);
		p = t;
	}
	/* "I assigned PROJ-7", "Ich habe PROJ-7 zugewiesen": to its assignee,
	 * by the export (asking a ticket is no hand-off; the author's own
	 * ticket is their own work, and so is one they give themselves: "me
	 * suis assigné", "mir selbst zugewiesen") */
	if (person < 0 && tp != SIZE_MAX && !asking && c->u[tp].owner != c->s->author &&
	    !receiver_in(c, clause_start(c, d), d) && !c->u[d].receiver_inside &&
	    !goes_elsewhere(c, tp > d ? tp : d, SIZE_MAX)) {
		person = c->u[tp].owner;
		p = tp;
	}
	if (person < 0)
		return 0;
	if (giving) {
		/* "I gave Bob the tickets", not "I gave her a hand" */
		size_t k = d + 1;
		while (k < c->n && k <= d + 6 && !comma(c, k) && !has(c, k, AS_LX_WORK_NOUN))
			k++;
		if (!has(c, k, AS_LX_WORK_NOUN) || k > d + 6)
			return 0;
	}
	if (asking) {
		size_t k = (p > d ? p : d) + 1;
		int after_comma = comma(c, k);
		k += after_comma;
		if (has(c, k, AS_LX_TOPIC) || about_review(c, k + 1))
			return 0;
		/* "I told Bob that the cache is gone" is context: telling
		 * needs a "to", or an obligation after its "that" */
		if (has(c, k, AS_LX_THAT) && !has(c, d, AS_LX_ASK)) {
			int must = 0;
			for (size_t j = k + 1; j < c->n && j <= k + 4 && !comma(c, j); j++)
				must |= has(c, j, AS_LX_MUST);
			if (!must)
				return 0;
		}
		if (!any(c, k, C(AS_LX_TO) | C(AS_LX_THAT))) {
			/* German: the infinitive with "zu" ends the clause after a comma */
			int zu = 0;
			for (size_t j = k; after_comma && j < c->n && j <= k + 8 && !comma(c, j); j++)
				zu |= has(c, j, AS_LX_TO);
			if (!zu)
				return 0;
		}
	}
	if (hypothetical_before(c, s < d ? s : d))
		return -1;
	size_t fired[3] = { s, d, p };
	emit(c, has(c, d, AS_LX_ASSIGN) ? AS_DIR_ASSIGN : AS_DIR_REQUEST, SIZE_MAX, person, 0,
	     "hand-off", s == d ? fired + 1 : fired, s == d ? 2 : 3);
	return 1;
}

/* Does the word of unit k end with an ending of class cl (languages of
 * the sentence)? */
static int ends_with(const ctx *c, size_t k, as_lex_class cl)
{
	if (k >= c->n || c->u[k].mention >= 0 || c->u[k].punct)
		return 0;
	if (has(c, k, cl))
		return 1;
	const char *w = as_token_word(&c->s->units.tokens, c->u[k].tok);
	return as_vocab_ends_with(c->e->vocab, cl, c->sen->langs, w, strlen(w));
}

/* Is the mention at k the end of its clause: the sentence ends, a comma
 * or a preposition follows, or a specifier ("Alice specifically", "José
 * en concreto", "o João no caso")? */
static int clause_ends_after(const ctx *c, size_t k)
{
	size_t j = k + 1;
	while (has(c, j, AS_LX_SPECIFIER))
		j++;
	return j >= c->n || comma(c, j) ||
	       (any(c, j, C(AS_LX_PREPOSITION) | C(AS_LX_DEADLINE)) && !has(c, j, AS_LX_TO) &&
		!mention(c, j + 1));
}

/*
 * A directive whose agent comes last, after what was asked: "I was told
 * to move these by alice", "I was asked to move these, by Alice
 * specifically", "Got tasked with this by alice after the review", "Ich
 * wurde gebeten, die Jobs umzuziehen, und zwar von Jürgen", "On m'a
 * demandé de migrer les jobs, de la part de François", "Me dijeron que
 * migrara los jobs, José en concreto", "Me pediram para migrar os jobs, o
 * João no caso". The verb has no subject of its own (a passive, an
 * impersonal "on", a third-person plural) and the author receives it; the
 * party ends its clause, after an agent word or, with a specifier, after
 * a comma; not "the bug reported by Alice" (a participle before the
 * agent), not "the jobs of Jürgen" (the party does not end the clause).
 */
static int late_agent(const ctx *c, size_t d)
{
	if (!any(c, d, C(AS_LX_ASK) | C(AS_LX_TELL) | C(AS_LX_ASSIGN) | C(AS_LX_PLACE)) ||
	    any(c, d, C(AS_LX_CAUSE) | C(AS_LX_GIVE)))
		return 0;
	size_t cs = clause_start(c, d);
	/* nobody named before the verb: its subject is unsaid (a bounded
	 * look back: a sentence of any length costs linear work) */
	for (size_t k = d > 12 ? d - 12 : 0; k < d; k++)
		if (mention(c, k))
			return 0;
	/* the author receives it: "I was asked", "I've been told", "Ich wurde
	 * gebeten", "Fui encarregado", "Got tasked", "On m'a demandé", "Me
	 * dijeron", "Mir wurde aufgetragen" */
	int self_passive = 0, got = 0;
	for (size_t k = cs + 8 < d ? d - 8 : cs; k < d; k++) {
		if (has(c, k, AS_LX_SELF) && !has(c, k, AS_LX_RECEIVER)) {
			size_t j = k + 1;
			while (j < d && has(c, j, AS_LX_AUX) && !has(c, j, AS_LX_PASSIVE))
				j++;
			if (j < d && has(c, j, AS_LX_PASSIVE))
				self_passive = 1;
		}
		if (has(c, k, AS_LX_PRONOUN) && !has(c, k, AS_LX_RECEIVER) &&
		    !(c->sen->langs & c->e->verb_final) && k + 1 < d && !has(c, k + 1, AS_LX_RECEIVER))
			return 0; /* "She was told": someone else */
	}
	/* "Got tasked with this", "Fui encarregado": a passive that opens it */
	if (d > cs && has(c, d - 1, AS_LX_PASSIVE) && d - 1 == cs)
		got = 1;
	if (c->u[d].self_form && has(c, d, AS_LX_PASSIVE))
		got = 1;
	if (d == cs && c->u[d].self_form)
		got = 1;
	if (cs + 1 == d && has(c, cs, AS_LX_PASSIVE) && c->u[cs].self_form)
		got = 1;
	int recv = receiver_in(c, cs, d) || c->u[d].receiver_inside ||
		   receiver_after(c, d, 1) != SIZE_MAX;
	if (!self_passive && !got && !recv)
		return 0;
	if (class_in(c, cs, d, AS_LX_NEGATION) || hypothetical_before(c, d))
		return -1;
	size_t next = skip_fillers(c, d + 1, SIZE_MAX);
	if (has(c, next, AS_LX_TOPIC) || about_review(c, next) ||
	    ((comma(c, next) || has(c, next, AS_LX_THAT)) && about_review(c, next + 1)))
		return -1;
	/* telling: what was told follows ("told to", "dijeron que migrara") */
	if (has(c, d, AS_LX_TELL) && !any(c, d, C(AS_LX_ASK) | C(AS_LX_ASSIGN) | C(AS_LX_PLACE))) {
		int ok = has(c, next, AS_LX_TO) && !has(c, next, AS_LX_THAT);
		if (!ok && (has(c, next, AS_LX_THAT) || comma(c, next)))
			for (size_t j = next + 1; j < c->n && j <= next + 3 && !ok; j++)
				ok = (has(c, j, AS_LX_MUST) &&
				      (has(c, j - 1, AS_LX_SELF) || has(c, j + 1, AS_LX_SELF))) ||
				     (has(c, next, AS_LX_THAT) && ends_with(c, j, AS_LX_SUBJUNCTIVE));
		/* the that-clause after the agent: "me dijeron desde arriba,
		 * José en concreto, que moviera" */
		for (size_t j = next + 1; !ok && j < c->n && j <= next + 8; j++)
			ok = has(c, j - 1, AS_LX_THAT) && ends_with(c, j, AS_LX_SUBJUNCTIVE);
		if (!ok)
			return 0;
	}
	for (size_t k = d + 1; k < c->n && k <= d + 20; k++) {
		const as_unit_mention *m = mention(c, k);
		if (has(c, k, AS_LX_THAT) && !has(c, d, AS_LX_TELL) && k != next)
			return 0; /* another clause */
		if (!m)
			continue;
		if (m->m.poss)
			return 0;
		size_t b = before(c, k);
		int agent = b != SIZE_MAX && has(c, b, AS_LX_AGENT);
		/* "not by Alice", "ni François ni personne" */
		if (b != SIZE_MAX && (has(c, b, AS_LX_NEGATION) || (b > 0 && has(c, b - 1, AS_LX_NEGATION))))
			return 0;
		int apposed = b != SIZE_MAX && comma(c, b) && has(c, k + 1, AS_LX_SPECIFIER);
		/* "by Alice, specifically", "und zwar von Jürgen" */
		if (agent && b > 0 && (ends_with(c, b - 1, AS_LX_PARTICIPLE) ||
				      (plain(c, b - 1) && c->u[b - 1].cap && b - 1 > d + 1 &&
				       (c->sen->langs & c->e->verb_final))))
			return 0;
		if (!(agent || apposed) || !clause_ends_after(c, k))
			return 0;
		size_t fired[3] = { d, agent ? b : k, k };
		emit(c, AS_DIR_REQUEST, k, -1, 0, "late-agent", fired, agent ? 3 : 2);
		return 1;
	}
	return 0;
}

/*
 * A manager's commit in which a named report takes work over: "Priya
 * takes over the onboarding flow from today", "@amueller übernimmt ab
 * jetzt den Onboarding-Flow", "Gaëlle reprend le catalogue", "Lucía se
 * hace cargo del flujo", "A Ana assume o fluxo". The author hands the
 * work over: actor the author, subject the person (the rule's relation
 * says whether the author manages them). Not "if Priya takes over", not
 * "Priya does not take over", not "O João assume que" (assuming).
 */
static int take_over(const ctx *c, size_t d)
{
	int neg = 0;
	size_t a = actor_left(c, d, &neg);
	if (a == SIZE_MAX) {
		a = actor_right(c, d);
		if (a != SIZE_MAX)
			neg = class_in(c, clause_start(c, d), a, AS_LX_NEGATION);
	}
	if (a == SIZE_MAX)
		return 0;
	const as_unit_mention *m = mention(c, a);
	if (!m || m->role || m->m.person < 0)
		return 0;
	/* "Priya takes over" right by her name, not far from it */
	if (a < d && d - a > 4)
		return 0;
	size_t next = skip_fillers(c, d + 1, a);
	if (has(c, next, AS_LX_THAT) || has(c, next, AS_LX_TOPIC))
		return 0;
	/* "Lukas übernimmt das Dashboard nicht" */
	for (size_t k = d + 1; k < c->n && k <= d + 12 && !comma(c, k); k++)
		neg |= has(c, k, AS_LX_NEGATION);
	if (neg || hypothetical_before(c, a < d ? a : d))
		return -1;
	size_t fired[2] = { a, d };
	emit(c, AS_DIR_REQUEST, SIZE_MAX, m->m.person, 0, "take-over", fired, 2);
	return 1;
}

/* The per-sentence indexes of ctx (clause starts, last units of a span
 * class, the duties), in s->index: linear in the sentence. */
static void index_sentence(ctx *c, as_directive_scratch *s)
{
	size_t n = c->n, need = (n + 1) * (SPAN__COUNT + 1) + n;
	if (need > s->index_alloc) {
		free(s->index);
		s->index_alloc = need + need / 2;
		s->index = as_xmalloc(s->index_alloc * sizeof(*s->index));
	}
	uint32_t *clause = s->index, *last[SPAN__COUNT], *duty = s->index + (n + 1) * (SPAN__COUNT + 1);
	for (int k = 0; k < SPAN__COUNT; k++)
		last[k] = s->index + (n + 1) * (size_t)(k + 1);
	static const as_lex_class cls[SPAN_GET + 1] = {
		AS_LX_HYPOTHETICAL, AS_LX_RECEIVER, AS_LX_NEGATION, AS_LX_SELF, AS_LX_GET,
	};
	uint32_t at[SPAN__COUNT] = { 0 }, cs = 0;
	c->nduty = 0;
	for (size_t k = 0; k <= n; k++) {
		clause[k] = cs;
		for (int j = 0; j < SPAN__COUNT; j++)
			last[j][k] = at[j];
		if (k == n)
			break;
		if (comma(c, k))
			cs = (uint32_t)k + 1;
		for (int j = 0; j <= SPAN_GET; j++)
			if (has(c, k, cls[j]))
				at[j] = (uint32_t)k + 1;
		if (third_party_at(c, k)) {
			at[SPAN_THIRD2] = at[SPAN_THIRD];
			at[SPAN_THIRD] = (uint32_t)k + 1;
		}
		if (duty_at(c, k))
			duty[c->nduty++] = (uint32_t)k;
	}
	c->clause = clause;
	for (int k = 0; k < SPAN__COUNT; k++)
		c->last[k] = last[k];
	c->duty = duty;
}

static void sentence(const as_directive_engine *e, as_directive_scratch *s,
		     const char *text, const as_sentence *sen)
{
	ctx c = { e, s, text, s->units.units + sen->first, sen->n, sen, NULL, { NULL }, NULL, 0 };
	if (sen->question || !sen->n)
		return;
	index_sentence(&c, s);
	for (size_t d = 0; d < c.n; d++) {
		uint64_t cls = c.u[d].cls;
		if (c.u[d].mention >= 0 || c.u[d].punct || !cls)
			continue;
		int r = 0;
		if (cls & VERBS) {
			r = active(&c, d);
			if (!r)
				r = passive(&c, d);
			if (!r)
				r = hand_off(&c, d);
			if (!r)
				r = late_agent(&c, d);
		}
		if (!r && (cls & C(AS_LX_TAKEOVER)))
			r = take_over(&c, d);
		if (!r && (cls & NOUNS))
			r = noun(&c, d);
		if (!r && (cls & C(AS_LX_AS)))
			r = as_asked(&c, d);
		if (!r && (cls & C(AS_LX_ACCORDING)))
			r = according(&c, d);
		if (!r && (cls & C(AS_LX_CLEARED)))
			r = cleared(&c, d);
		if (!r && (cls & C(AS_LX_WITH)) && (c.sen->langs & e->verb_final))
			r = cleared_after(&c, d);
	}
}

/* ---- a region, piece by piece ------------------------------------------ */

/*
 * A region longer than PIECE_MAX bytes is read in pieces. Once a piece
 * is PIECE_MIN long it ends at the first white space where a rolling hash
 * of the 64 bytes before has its top bits clear: two of them after a
 * sentence end (". ", "! ", "? ", "; "; one such end in four), eight
 * elsewhere (one space in 256, so that a sentence end comes first in
 * prose): cuts that depend on the text alone, so that text repeated at
 * any offset is cut the same way. A piece that reaches PIECE_MAX without
 * one ends at its last white space, or at a character boundary. A real sentence is much shorter, so a piece holds
 * whole sentences; only a "sentence" of thousands of bytes (filler a
 * pusher wrote) is cut. A piece with no word that can start a directive
 * is not built into units, and neither is one whose bytes equal a piece
 * already read: it would find the same directives, which emit() keeps
 * once. So filler, however long, costs a hash and a look-up per piece
 * (issue 14: no rule's cost may grow with what a pusher writes), while
 * every piece that could hold a directive is read.
 */
#define PIECE_MIN 1024
#define PIECE_MAX 4096

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int sentence_end(const char *t, size_t i)
{
	return is_blank(t[i]) && (t[i - 1] == '.' || t[i - 1] == '!' || t[i - 1] == '?' ||
				  t[i - 1] == ';');
}

/* A byte's share of the rolling hash that places the cuts. */
static inline uint64_t gear(unsigned char b)
{
	uint64_t g = ((uint64_t)b + 1) * 0x9E3779B97F4A7C15ULL;
	return g ^ g >> 29;
}

static size_t piece_len(const char *t, size_t len)
{
	if (len <= PIECE_MAX)
		return len;
	/* h: a hash of the 64 bytes before i (each shift drops the oldest) */
	uint64_t h = 0;
	size_t last_blank = 0;
	for (size_t i = PIECE_MIN - 64; i < PIECE_MAX; i++) {
		if (i >= PIECE_MIN && is_blank(t[i])) {
			if (sentence_end(t, i) ? h >> 62 == 0 : h >> 56 == 0)
				return i + 1;
			last_blank = i + 1;
		}
		h = (h << 1) + gear((unsigned char)t[i]);
	}
	if (last_blank)
		return last_blank;
	size_t i = PIECE_MAX;
	while (i > PIECE_MIN && ((unsigned char)t[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* FNV-1a over 8 bytes at a time: equal pieces are then compared whole. */
static uint64_t piece_hash(const char *t, size_t n)
{
	uint64_t h = 1469598103934665603ULL ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, t + i, 8);
		h = (h ^ w) * 1099511628211ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ (unsigned char)t[i]) * 1099511628211ULL;
	return h;
}

static void seen_put(as_directive_scratch *s, const struct as_seen_piece *p)
{
	size_t mask = s->seen_alloc - 1;
	size_t i = (size_t)p->hash & mask;
	while (s->seen[i].text)
		i = (i + 1) & mask;
	s->seen[i] = *p;
}

/* Has the piece t[0, n) of a region of this kind been read before in the
 * message? If not, it is noted. */
static int seen_before(as_directive_scratch *s, const char *t, size_t n, unsigned kind)
{
	uint64_t h = piece_hash(t, n) ^ kind;
	if ((s->nseen + 1) * 2 > s->seen_alloc) {
		struct as_seen_piece *old = s->seen;
		size_t nold = s->seen_alloc;
		s->seen_alloc = nold ? nold * 2 : 64;
		s->seen = as_xcalloc(s->seen_alloc, sizeof(*s->seen));
		for (size_t i = 0; i < nold; i++)
			if (old[i].text)
				seen_put(s, &old[i]);
		free(old);
	}
	size_t mask = s->seen_alloc - 1;
	for (size_t i = (size_t)h & mask; s->seen[i].text; i = (i + 1) & mask) {
		const struct as_seen_piece *p = &s->seen[i];
		if (p->hash == h && p->len == n && p->kind == kind && !memcmp(p->text, t, n))
			return 1;
	}
	seen_put(s, &(struct as_seen_piece){ h, t, n, kind });
	s->nseen++;
	return 0;
}

/* The directives of one piece, at `at` bytes into the region. */
static void find_in(const as_directive_engine *e, as_directive_scratch *s,
		    const char *text, size_t at, size_t len)
{
	size_t first = s->nfound;
	as_units_build(&s->units, e->vocab, e->parties, s->author, text + at, len);
	for (size_t i = 0; i < s->units.nsentences; i++)
		sentence(e, s, text + at, &s->units.sentences[i]);
	for (size_t i = first; at && i < s->nfound; i++) {
		as_directive *d = &s->found[i];
		d->start += at;
		d->end += at;
		d->ex_start += at;
		d->ex_end += at;
		d->actor_start += at;
		d->actor_end += at;
		d->ticket_start += at;
		d->ticket_end += at;
	}
}

void as_directive_begin(as_directive_scratch *s, int author)
{
	s->author = author;
	if (s->nseen)
		memset(s->seen, 0, s->seen_alloc * sizeof(*s->seen));
	s->nseen = 0;
}

void as_directive_find(const as_directive_engine *e, as_directive_scratch *s,
		       const char *text, size_t len, unsigned kind)
{
	s->nfound = 0;
	for (size_t at = 0; at < len;) {
		size_t n = piece_len(text + at, len - at);
		/* (a region of one piece passed the message's own prefilter) */
		if (!seen_before(s, text + at, n, kind) &&
		    (n == len ||
		     as_wordset_scan(e->prefilter, text + at, n, 1u << WS_TRIGGER) & 1u << WS_TRIGGER))
			find_in(e, s, text, at, n);
		at += n;
	}
}
