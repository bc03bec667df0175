/*
 * The identity index (parties.h): each identity of the org chart split
 * into words like a message, keyed by its first word.
 */
#include "detect/parties.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/fold.h"

typedef struct {
	uint32_t words;     /* offset of its first word in pool (NUL-separated) */
	uint16_t nwords;
	int32_t person;     /* -1: a first name several people share */
	const char *first;  /* its first word (in pool) */
} ident;

struct as_parties {
	const as_vocab *vocab;
	const as_tickets *tickets;
	as_buf pool;
	ident *ids;
	size_t nids;
	uint32_t *slots;    /* index + 1 into ids of the first of a run; 0 empty */
	size_t nslots;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int by_first(const void *a, const void *b)
{
	const ident *x = a, *y = b;
	int c = strcmp(x->first, y->first);
	return c ? c : (x->nwords > y->nwords ? -1 : x->nwords < y->nwords);
}

as_parties *as_parties_new(const as_org *org, const as_tickets *tk, const as_vocab *v)
{
	as_parties *p = as_xcalloc(1, sizeof(*p));
	as_tokens t;
	size_t alloc = 0, n = as_org_nidentities(org);

	p->vocab = v;
	p->tickets = tk && as_tickets_count(tk) ? tk : NULL;
	as_tokens_init(&t);
	for (size_t i = 0; i < n; i++) {
		int person, first_name;
		const char *key = as_org_entry(org, i, &person, &first_name);
		as_tokens_split(&t, key, strlen(key), 16);
		ident id = { (uint32_t)p->pool.len, 0, person, NULL };
		for (size_t k = 0; k < t.nr; k++) {
			if (t.items[k].flags & (AS_TF_PUNCT | AS_TF_POSS))
				continue;
			as_buf_puts(&p->pool, as_token_word(&t, k));
			as_buf_putc(&p->pool, '\0');
			id.nwords++;
		}
		if (!id.nwords)
			continue;
		AS_GROW(p->ids, p->nids + 1, alloc);
		p->ids[p->nids++] = id;
	}
	as_tokens_free(&t);
	for (size_t i = 0; i < p->nids; i++)
		p->ids[i].first = p->pool.ptr + p->ids[i].words;
	if (p->nids)
		qsort(p->ids, p->nids, sizeof(*p->ids), by_first);
	p->nslots = 64;
	while (p->nslots < p->nids * 2)
		p->nslots *= 2;
	p->slots = as_xcalloc(p->nslots, sizeof(*p->slots));
	for (size_t i = 0; i < p->nids; i++) {
		if (i && !strcmp(p->ids[i].first, p->ids[i - 1].first))
			continue;
		size_t h = hash_str(p->ids[i].first) & (p->nslots - 1);
		while (p->slots[h])
			h = (h + 1) & (p->nslots - 1);
		p->slots[h] = (uint32_t)i + 1;
	}
	return p;
}

void as_parties_free(as_parties *p)
{
	if (!p)
		return;
	as_buf_free(&p->pool);
	free(p->ids);
	free(p->slots);
	free(p);
}

/* The first identity whose first word is w, or NULL. */
static const ident *find(const as_parties *p, const char *w)
{
	if (!p->nids)
		return NULL;
	size_t h = hash_str(w) & (p->nslots - 1);
	while (p->slots[h]) {
		const ident *id = &p->ids[p->slots[h] - 1];
		if (!strcmp(id->first, w))
			return id;
		h = (h + 1) & (p->nslots - 1);
	}
	return NULL;
}

static int word_token(const as_tokens *t, size_t i)
{
	return i < t->nr && !(t->items[i].flags & (AS_TF_PUNCT | AS_TF_QUOTED | AS_TF_URL));
}

/* The longest identity at token i: its word count, and *person. */
static size_t longest(const as_parties *p, const as_tokens *t, size_t i, int *person)
{
	const ident *id = find(p, as_token_word(t, i));
	const ident *end = p->ids + p->nids;
	for (; id && id < end && !strcmp(id->first, as_token_word(t, i)); id++) {
		const char *w = p->pool.ptr + id->words;
		size_t k;
		for (k = 0; k < id->nwords; k++, w += strlen(w) + 1)
			if (!word_token(t, i + k) || strcmp(as_token_word(t, i + k), w))
				break;
		if (k == id->nwords) {
			*person = id->person;
			return k; /* sorted longest first */
		}
	}
	return 0;
}

/* "Alice's", "Lukas'": the possessive token after `last`. */
static int possessive_after(const as_tokens *t, size_t last)
{
	return last + 1 < t->nr && (t->items[last + 1].flags & AS_TF_POSS);
}

int as_parties_at(const as_parties *p, const as_tokens *t, size_t i, as_mention *out)
{
	if (!word_token(t, i) || (t->items[i].flags & AS_TF_HYPHEN))
		return 0;
	const as_token *tok = &t->items[i];
	int person = -1;
	size_t n = longest(p, t, i, &person);

	memset(out, 0, sizeof(*out));
	out->first = out->last = (uint32_t)i;
	if (tok->flags & (AS_TF_EMAIL | AS_TF_LOGIN)) {
		/* known or not, an address names a person */
		out->person = n ? person : -1;
		out->strong = 1;
		goto poss;
	}
	if (!n) {
		/* "Jürgens Wunsch": a German genitive of a one-word identity */
		const char *w = as_token_word(t, i);
		size_t wl = tok->flen;
		if (!(tok->flags & AS_TF_CAP) || wl < 3 || w[wl - 1] != 's' || wl > 64)
			return 0;
		char stem[64];
		memcpy(stem, w, wl - 1);
		stem[wl - 1] = '\0';
		const ident *id = find(p, stem), *end = p->ids + p->nids;
		while (id && id < end && !strcmp(id->first, stem) && id->nwords != 1)
			id++;
		if (!id || id == end || strcmp(id->first, stem) || id->person < 0)
			return 0;
		out->person = id->person;
		out->strong = 1;
		out->poss = 1;
		return 1;
	}
	/* "alice-bot", "Alice-Marie": another name that starts like this one */
	if (i + n < t->nr && (t->items[i + n].flags & AS_TF_HYPHEN) && word_token(t, i + n))
		return 0;
	out->person = person;
	out->last = (uint32_t)(i + n - 1);
	out->strong = n > 1 || (tok->flags & AS_TF_CAP);
	if (n == 1) {
		/* a lower-case word that the lexicons know is a word, not a name */
		if (!(tok->flags & AS_TF_CAP) && as_vocab_known(p->vocab, as_token_word(t, i)))
			return 0;
		/* a first name and a surname the org does not know: someone else */
		size_t j = i + 1;
		if (j < t->nr && word_token(t, j) && (t->items[j].flags & AS_TF_CAP) &&
		    !(t->items[j].flags & (AS_TF_ALLCAPS | AS_TF_HYPHEN | AS_TF_DIGITS)) &&
		    !as_vocab_known(p->vocab, as_token_word(t, j))) {
			int other;
			if (!longest(p, t, j, &other)) {
				out->person = -1;
				out->last = (uint32_t)j;
			}
		}
	}
	if (person < 0 && n == 1 && out->last == i)
		out->person = -1; /* a first name that several people share */
poss:
	if (possessive_after(t, out->last)) {
		out->poss = 1;
		out->last++;
	}
	return 1;
}

size_t as_parties_ticket_at(const as_parties *p, const as_tokens *t, size_t i, int author,
			    int *owner)
{
	if (!p->tickets || !word_token(t, i))
		return 0;
	const as_token *a = &t->items[i];
	const char *text = t->text;
	size_t start, end, n;
	if (a->flags & AS_TF_DIGITS) {
		/* "#12", not "other/repo#12" or "x#12" */
		start = a->start;
		if (!start || text[start - 1] != '#')
			return 0;
		unsigned char before = start >= 2 ? (unsigned char)text[start - 2] : ' ';
		if (before == '/' || before == '#' || before == '_' || before >= 0x80 ||
		    (before >= '0' && before <= '9') || ((before | 0x20) >= 'a' && (before | 0x20) <= 'z'))
			return 0;
		start--;
		end = a->end;
		n = 1;
	} else {
		/* "PROJ-7": a word that starts with a letter, '-', digits */
		const as_token *b = i + 1 < t->nr ? &t->items[i + 1] : NULL;
		unsigned char c0 = (unsigned char)text[a->start];
		if (!b || (a->flags & (AS_TF_HYPHEN | AS_TF_LOGIN | AS_TF_EMAIL)) ||
		    !((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z') ||
		    (b->flags & (AS_TF_HYPHEN | AS_TF_DIGITS)) != (AS_TF_HYPHEN | AS_TF_DIGITS) ||
		    b->start != a->end + 1 || text[a->end] != '-')
			return 0;
		start = a->start;
		end = b->end;
		n = 2;
	}
	int who = as_tickets_owner(p->tickets, text + start, end - start, author);
	if (who < 0)
		return 0;
	*owner = who;
	return n;
}

/* The first run of letters and digits of s, lower-cased with accents. */
static void first_word(as_wordset *ws, unsigned g, const char *s)
{
	while (*s == '@' || *s == ' ' || *s == '"' || *s == '(' || *s == '#')
		s++;
	size_t n = 0;
	while (s[n] && (((unsigned char)s[n] & 0x80) || (s[n] >= 'a' && s[n] <= 'z') ||
			(s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9')))
		n++;
	if (!n)
		return;
	as_buf low = AS_BUF_INIT;
	as_fold_lower(&low, s, n);
	as_vocab_prefilter_add(ws, g, low.ptr, low.len);
	/* and its German genitive: "Jürgens Wunsch" */
	as_buf_putc(&low, 's');
	as_vocab_prefilter_add(ws, g, low.ptr, low.len);
	as_buf_free(&low);
}

void as_parties_prefilter(const as_org *org, const as_tickets *tk, as_wordset *ws, unsigned g)
{
	for (size_t i = 0; tk && i < as_tickets_count(tk); i++)
		first_word(ws, g, as_tickets_key(tk, i));
	for (size_t i = 0; i < org->npeople; i++) {
		first_word(ws, g, org->people[i].id);
		if (org->people[i].name)
			first_word(ws, g, org->people[i].name);
	}
	/* every identity (normalised: folded), for the unaccented spellings
	 * and the other names [people] lists */
	for (size_t i = 0, n = as_org_nidentities(org); i < n; i++) {
		int person, first;
		first_word(ws, g, as_org_entry(org, i, &person, &first));
	}
}
