/*
 * Tokens -> units -> sentences (units.h).
 */
#include "detect/units.h"

#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

void as_units_init(as_units *u)
{
	memset(u, 0, sizeof(*u));
	as_tokens_init(&u->tokens);
}

void as_units_free(as_units *u)
{
	as_tokens_free(&u->tokens);
	free(u->units);
	free(u->mentions);
	free(u->sentences);
	memset(u, 0, sizeof(*u));
}

/* A sentence being collected: its units and their classes per language. */
typedef struct {
	as_unit *u;
	uint64_t *lc;
	size_t n, alloc, lc_alloc;
	int question;
} pending;

typedef struct {
	as_units *out;
	const as_vocab *v;
	const as_lexicon *lx;
	size_t nl;                 /* languages */
	pending main, paren;
	int in_paren;
	uint32_t region_langs;     /* a sentence without a vote takes these */
} builder;

static void pending_free(pending *p)
{
	free(p->u);
	free(p->lc);
}

static as_unit *pending_add(builder *b, pending *p, uint64_t **lc)
{
	AS_GROW(p->u, p->n + 1, p->alloc);
	size_t need = (p->n + 1) * (b->nl ? b->nl : 1);
	AS_GROW(p->lc, need, p->lc_alloc);
	*lc = p->lc + p->n * (b->nl ? b->nl : 1);
	memset(*lc, 0, (b->nl ? b->nl : 1) * sizeof(**lc));
	as_unit *u = &p->u[p->n++];
	memset(u, 0, sizeof(*u));
	u->mention = -1;
	u->entry = UINT32_MAX;
	return u;
}

/* The languages a sentence is in: those most of its words belong to; a
 * tie goes to the languages of its directive words (es and pt share "me",
 * "que", "de"); a sentence of no lexicon word is in the region's
 * languages (b->region_langs, or all of them). */
static uint32_t vote(const builder *b, const pending *p)
{
	unsigned count[AS_LEX_MAX_LANGS] = { 0 }, strong[AS_LEX_MAX_LANGS] = { 0 };
	unsigned best = 0, best_strong = 0;
	uint32_t mask = 0;
	const uint64_t directive = (1ull << AS_LX_ASK) | (1ull << AS_LX_TELL) |
				   (1ull << AS_LX_WANT) | (1ull << AS_LX_ASSIGN) |
				   (1ull << AS_LX_PLACE) | (1ull << AS_LX_HANDOFF) |
				   (1ull << AS_LX_APPROVE) | (1ull << AS_LX_REQUEST_NOUN) |
				   (1ull << AS_LX_APPROVAL_NOUN);
	for (size_t i = 0; i < p->n; i++) {
		if (p->u[i].mention >= 0)
			continue;
		for (size_t l = 0; l < b->nl; l++) {
			uint64_t c = p->lc[i * b->nl + l];
			count[l] += c != 0;
			strong[l] += (c & directive) != 0;
		}
	}
	for (size_t l = 0; l < b->nl; l++)
		if (count[l] > best || (count[l] == best && strong[l] > best_strong))
			best = count[l], best_strong = strong[l];
	if (!best)
		return b->region_langs;
	for (size_t l = 0; l < b->nl; l++)
		if (count[l] == best && strong[l] == best_strong)
			mask |= 1u << l;
	return mask;
}

static void flush(builder *b, pending *p)
{
	as_units *o = b->out;
	if (!p->n) {
		p->n = 0;
		p->question = 0;
		return;
	}
	uint32_t langs = vote(b, p);
	AS_GROW(o->sentences, o->nsentences + 1, o->sentences_alloc);
	as_sentence *s = &o->sentences[o->nsentences++];
	s->first = (uint32_t)o->nunits;
	s->n = (uint32_t)p->n;
	s->langs = langs;
	s->question = (uint8_t)p->question;
	AS_GROW(o->units, o->nunits + p->n, o->units_alloc);
	for (size_t i = 0; i < p->n; i++) {
		as_unit u = p->u[i];
		u.cls = 0;
		for (size_t l = 0; l < b->nl; l++)
			if (langs & (1u << l))
				u.cls |= p->lc[i * b->nl + l];
		o->units[o->nunits++] = u;
	}
	p->n = 0;
	p->question = 0;
}

static int hit_class(const builder *b, const as_vocab_hit *h, as_lex_class c)
{
	return b->lx->entries[h->entry].cls == c;
}

/* "my manager", "unser Abteilungsleiter", "mon N+1": a role at token i
 * (its hits given): the level and the tokens it covers, or 0. */
static int role_at(builder *b, size_t i, const as_vocab_hit *hits, size_t nh, size_t *ntok)
{
	as_vocab_hit next[8];
	for (size_t k = 0; k < nh; k++) {
		if (!hit_class(b, &hits[k], AS_LX_MY))
			continue;
		unsigned lang = b->lx->entries[hits[k].entry].lang;
		size_t j = i + hits[k].ntok;
		size_t nn = as_vocab_match(b->v, &b->out->tokens, j, next, 8);
		/* the longest entry there decides: "package manager" is not a role */
		for (size_t m = 0; m < nn && next[m].ntok == next[0].ntok; m++) {
			const as_lex_entry *e = &b->lx->entries[next[m].entry];
			if (e->lang != lang || (e->cls != AS_LX_ROLE && e->cls != AS_LX_ROLE_SKIP))
				continue;
			*ntok = hits[k].ntok + next[m].ntok;
			return e->cls == AS_LX_ROLE ? 1 : 2;
		}
	}
	return 0;
}

static void add_mention(builder *b, pending *p, const as_mention *m, int role)
{
	as_units *o = b->out;
	uint64_t *lc;
	AS_GROW(o->mentions, o->nmentions + 1, o->mentions_alloc);
	o->mentions[o->nmentions] = (as_unit_mention){ *m, (uint8_t)role };
	as_unit *u = pending_add(b, p, &lc);
	u->tok = m->first;
	u->ntok = m->last - m->first + 1;
	u->mention = (int32_t)o->nmentions++;
	u->cap = (o->tokens.items[m->first].flags & AS_TF_CAP) != 0;
}

static size_t add_word(builder *b, pending *p, size_t i)
{
	const as_tokens *t = &b->out->tokens;
	as_vocab_hit hits[16];
	size_t nh = as_vocab_match(b->v, t, i, hits, 16);
	as_mention m;
	size_t rn;
	int role;

	if ((role = role_at(b, i, hits, nh, &rn))) {
		m = (as_mention){ (uint32_t)i, (uint32_t)(i + rn - 1), -1, 1, 0 };
		if (i + rn < t->nr && (t->items[i + rn].flags & AS_TF_POSS)) {
			m.poss = 1;
			m.last++;
		}
		add_mention(b, p, &m, role);
		return m.last + 1;
	}
	uint64_t *lc;
	as_unit *u = pending_add(b, p, &lc);
	u->tok = (uint32_t)i;
	u->ntok = nh ? hits[0].ntok : 1;
	u->cap = (t->items[i].flags & AS_TF_CAP) != 0;
	u->digits = (t->items[i].flags & AS_TF_DIGITS) != 0;
	for (size_t k = 0; k < nh && hits[k].ntok == hits[0].ntok; k++) {
		const as_lex_entry *e = &b->lx->entries[hits[k].entry];
		lc[e->lang] |= 1ull << e->cls;
		if (u->entry == UINT32_MAX)
			u->entry = hits[k].entry;
		if (e->flags & AS_LXF_SELF)
			u->self_form = 1;
		if (hits[k].receiver)
			u->receiver_inside = 1;
	}
	/* a phrase that is never a directive masks the directive words in it */
	for (size_t l = 0; l < b->nl; l++)
		if (lc[l] & (1ull << AS_LX_MASK))
			lc[l] = 1ull << AS_LX_MASK;
	return i + u->ntok;
}

/* The languages of a whole region, by the same vote over its function
 * words: for its sentences too short to say ("Fix: OK"). */
static uint32_t region_languages(const builder *b)
{
	const as_tokens *t = &b->out->tokens;
	unsigned count[AS_LEX_MAX_LANGS] = { 0 }, best = 0;
	as_vocab_hit hits[8];
	uint32_t all = b->nl >= 32 ? UINT32_MAX : (1u << b->nl) - 1, mask = 0;
	for (size_t i = 0; i < t->nr; i++) {
		size_t nh = as_vocab_match(b->v, t, i, hits, 8);
		uint32_t seen = 0;
		for (size_t k = 0; k < nh; k++) {
			const as_lex_entry *e = &b->lx->entries[hits[k].entry];
			if (e->cls == AS_LX_FUNCTION)
				seen |= 1u << e->lang;
		}
		for (size_t l = 0; l < b->nl; l++)
			if ((seen & 1u << l) && ++count[l] > best)
				best = count[l];
	}
	if (!best)
		return all;
	for (size_t l = 0; l < b->nl; l++)
		if (count[l] == best)
			mask |= 1u << l;
	return mask;
}

/*
 * A region that opens by addressing someone ("@alice: moved the backup
 * as you asked me to", "Bob, please take the upgrade; I've assigned
 * PLAT-900 to you"): its second-person words ("you", "du", "tu", "você")
 * are that person. The vocative is a known person named by the region's
 * first token, alone before a colon or before a comma and a word.
 */
static void vocative(as_units *o, const char *text)
{
	if (o->nsentences < 1)
		return;
	const as_sentence *s0 = &o->sentences[0];
	const as_unit *u0 = &o->units[s0->first];
	if (u0->mention < 0)
		return;
	as_unit_mention v = o->mentions[u0->mention];
	if (v.role || v.m.poss || v.m.person < 0 || v.m.first != 0)
		return;
	int lone = s0->n == 1 && o->nsentences > 1;
	/* "@alice as you asked me to": a login that no verb follows */
	const uint64_t verbs = (1ull << AS_LX_ASK) | (1ull << AS_LX_TELL) | (1ull << AS_LX_WANT) |
			       (1ull << AS_LX_ASSIGN) | (1ull << AS_LX_PLACE) | (1ull << AS_LX_CAUSE) |
			       (1ull << AS_LX_HANDOFF) | (1ull << AS_LX_APPROVE) | (1ull << AS_LX_GIVE) |
			       (1ull << AS_LX_AUX) | (1ull << AS_LX_PASSIVE) | (1ull << AS_LX_TAKEOVER);
	if (!lone && s0->n >= 2 && text[o->tokens.items[v.m.first].start] == '@' &&
	    !(o->units[s0->first + 1].cls & verbs) && o->units[s0->first + 1].mention < 0 &&
	    !o->units[s0->first + 1].punct)
		lone = 1;
	int called = s0->n >= 3 && o->units[s0->first + 1].punct == ',' &&
		     o->units[s0->first + 2].mention < 0 && !o->units[s0->first + 2].punct;
	if (!lone && !called)
		return;
	for (size_t i = s0->first + 1; i < o->nunits; i++) {
		as_unit *u = &o->units[i];
		if (u->mention >= 0 || !(u->cls & (1ull << AS_LX_YOU)))
			continue;
		as_unit_mention m = v;
		m.m.first = u->tok;
		m.m.last = u->tok + u->ntok - 1;
		m.m.strong = 0;
		AS_GROW(o->mentions, o->nmentions + 1, o->mentions_alloc);
		o->mentions[o->nmentions] = m;
		u->mention = (int32_t)o->nmentions++;
		u->cls = 0;
	}
}

/* A ticket key (parties.h): work that reaches its owner. */
static void add_ticket(builder *b, pending *p, size_t i, size_t n, int owner)
{
	uint64_t *lc;
	as_unit *u = pending_add(b, p, &lc);
	u->tok = (uint32_t)i;
	u->ntok = (uint32_t)n;
	u->ticket = 1;
	u->owner = owner;
	u->cap = 1;
	for (size_t l = 0; l < (b->nl ? b->nl : 1); l++)
		lc[l] = 1ull << AS_LX_WORK_NOUN;
}

void as_units_build(as_units *o, const as_vocab *v, const as_parties *parties, int author,
		    const char *text, size_t len)
{
	builder b = { o, v, as_vocab_lexicon(v), as_vocab_lexicon(v)->nlangs, { 0 }, { 0 }, 0, 0 };
	const as_tokens *t = &o->tokens;

	o->nunits = o->nmentions = o->nsentences = 0;
	as_tokens_split(&o->tokens, text, len, SIZE_MAX);
	b.region_langs = region_languages(&b);
	for (size_t i = 0; i < t->nr;) {
		const as_token *tok = &t->items[i];
		pending *p = b.in_paren ? &b.paren : &b.main;
		if (tok->flags & AS_TF_PUNCT) {
			uint64_t *lc;
			switch (tok->punct) {
			case '.': case '!': case '?': case ';': case ':': case 'B':
				if (tok->punct == '?')
					p->question = 1;
				if (b.in_paren) {
					flush(&b, &b.paren);
					b.in_paren = 0;
				}
				flush(&b, &b.main);
				break;
			case '(':
				if (!b.in_paren)
					b.in_paren = 1;
				break;
			case ')':
				if (b.in_paren) {
					flush(&b, &b.paren);
					b.in_paren = 0;
				}
				break;
			case ',':
				pending_add(&b, p, &lc)->punct = ',';
				p->u[p->n - 1].tok = (uint32_t)i;
				p->u[p->n - 1].ntok = 1;
				break;
			}
			i++;
			continue;
		}
		if (tok->flags & (AS_TF_QUOTED | AS_TF_URL)) {
			i++;
			continue;
		}
		/* "Approved-by:", "Assigned-to:" written in prose: a trailer's
		 * key (the line rules read those), not words of a sentence */
		if (i + 2 < t->nr && (t->items[i + 1].flags & AS_TF_HYPHEN) &&
		    (t->items[i + 2].flags & AS_TF_PUNCT) && t->items[i + 2].punct == ':' &&
		    (!strcmp(as_token_word(t, i + 1), "by") || !strcmp(as_token_word(t, i + 1), "to"))) {
			flush(&b, p);
			i += 3;
			continue;
		}
		/* a ticket key before a name ("BOB-12" is a key) */
		size_t nt;
		int owner;
		if (parties && (nt = as_parties_ticket_at(parties, t, i, author, &owner))) {
			add_ticket(&b, p, i, nt, owner);
			i += nt;
			continue;
		}
		/* parties first: a name is a name even where a word would fit,
		 * unless a longer phrase of the lexicons starts there */
		as_mention m;
		if (parties && as_parties_at(parties, t, i, &m)) {
			as_vocab_hit hits[4];
			size_t nh = as_vocab_match(v, t, i, hits, 4);
			size_t rn;
			if (!role_at(&b, i, hits, nh, &rn) &&
			    (!nh || hits[0].ntok <= m.last - m.first + 1)) {
				add_mention(&b, p, &m, 0);
				i = m.last + 1;
				continue;
			}
		}
		i = add_word(&b, p, i);
	}
	if (b.in_paren)
		flush(&b, &b.paren);
	flush(&b, &b.main);
	pending_free(&b.main);
	pending_free(&b.paren);
	vocative(o, text);
}
