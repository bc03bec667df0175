/*
 * The compiled lexicons (vocab.h).
 *
 * Entries are tokenized like messages, so "sign-off", "d'accord" and
 * "ok'd" become the words a message shows. (first word, entry) pairs
 * are sorted, and a hash table maps each first word to its run of pairs,
 * longest entries first.
 */
#include "detect/vocab.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/fold.h"

typedef struct {
	const char *key;   /* first word (a beginning for prefix entries) */
	uint32_t entry;
	uint16_t nwords;
} pair;

typedef struct {
	const char *key;
	uint32_t first, count;   /* run in pairs[] */
} slot;

struct as_vocab {
	const as_lexicon *lx;
	as_buf pool;             /* the words of every entry, NUL-separated */
	uint32_t *word_off;      /* per entry: index of its first word in words[] */
	uint32_t *words;         /* offsets into pool */
	size_t nwords;
	unsigned char *receiver; /* per entry: a receiver word inside */
	pair *pairs;             /* exact entries */
	size_t npairs;
	slot *slots;
	size_t nslots;
	pair *prefixes;          /* "word*" entries, sorted by beginning */
	size_t nprefixes;
	uint32_t *suffixes;      /* "-ending" entries */
	size_t nsuffixes;
};

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Classes whose words can start a directive: what the prefilter looks for. */
static int is_trigger(as_lex_class c)
{
	switch (c) {
	case AS_LX_ASK: case AS_LX_TELL: case AS_LX_WANT: case AS_LX_ASSIGN:
	case AS_LX_PLACE: case AS_LX_CAUSE: case AS_LX_HANDOFF: case AS_LX_APPROVE:
	case AS_LX_CLEARED: case AS_LX_REQUEST_NOUN: case AS_LX_APPROVAL_NOUN:
	case AS_LX_ACCORDING: case AS_LX_GIVE: case AS_LX_TAKEOVER:
		return 1;
	default:
		return 0;
	}
}

static int by_key(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->nwords > y->nwords ? -1 : x->nwords < y->nwords;
}

static void build_slots(as_vocab *v)
{
	size_t distinct = 0;
	for (size_t i = 0; i < v->npairs; i++)
		distinct += !i || strcmp(v->pairs[i].key, v->pairs[i - 1].key);
	v->nslots = 64;
	while (v->nslots < distinct * 2)
		v->nslots *= 2;
	v->slots = as_xcalloc(v->nslots, sizeof(*v->slots));
	for (size_t i = 0; i < v->npairs;) {
		size_t j = i;
		while (j < v->npairs && !strcmp(v->pairs[j].key, v->pairs[i].key))
			j++;
		size_t h = hash_str(v->pairs[i].key, strlen(v->pairs[i].key)) & (v->nslots - 1);
		while (v->slots[h].key)
			h = (h + 1) & (v->nslots - 1);
		v->slots[h] = (slot){ v->pairs[i].key, (uint32_t)i, (uint32_t)(j - i) };
		i = j;
	}
}

static const slot *find_slot(const as_vocab *v, const char *w, size_t n)
{
	if (!v->nslots)
		return NULL;
	size_t h = hash_str(w, n) & (v->nslots - 1);
	for (;;) {
		const slot *s = &v->slots[h];
		if (!s->key)
			return NULL;
		if (!strncmp(s->key, w, n) && !s->key[n])
			return s;
		h = (h + 1) & (v->nslots - 1);
	}
}

static const char *word_of(const as_vocab *v, size_t entry, size_t k)
{
	return v->pool.ptr + v->words[v->word_off[entry] + k];
}

static int is_receiver_word(const as_vocab *v, const as_lexicon *lx, const char *w,
			    unsigned lang)
{
	const slot *s = find_slot(v, w, strlen(w));
	for (size_t i = 0; s && i < s->count; i++) {
		const as_lex_entry *e = &lx->entries[v->pairs[s->first + i].entry];
		if (e->cls == AS_LX_RECEIVER && e->lang == lang && e->nwords == 1)
			return 1;
	}
	return 0;
}

as_vocab *as_vocab_new(const as_lexicon *lx)
{
	as_vocab *v = as_xcalloc(1, sizeof(*v));
	as_tokens t;

	size_t alloc = 0, palloc = 0, xalloc = 0, salloc = 0;

	v->lx = lx;
	as_tokens_init(&t);
	v->word_off = as_xcalloc(lx->nentries + 1, sizeof(*v->word_off));
	v->receiver = as_xcalloc(lx->nentries + 1, 1);
	for (size_t e = 0; e < lx->nentries; e++) {
		const as_lex_entry *en = &lx->entries[e];
		v->word_off[e] = (uint32_t)v->nwords;
		as_tokens_split(&t, en->text, strlen(en->text), AS_LEX_MAX_WORDS * 3);
		size_t nw = 0;
		for (size_t k = 0; k < t.nr; k++) {
			if (t.items[k].flags & AS_TF_PUNCT)
				continue;
			AS_GROW(v->words, v->nwords + 1, alloc);
			v->words[v->nwords++] = (uint32_t)v->pool.len;
			as_buf_puts(&v->pool, as_token_word(&t, k));
			as_buf_putc(&v->pool, '\0');
			nw++;
		}
		if (!nw) {
			/* only punctuation: the entry as written */
			AS_GROW(v->words, v->nwords + 1, alloc);
			v->words[v->nwords++] = (uint32_t)v->pool.len;
			as_buf_puts(&v->pool, en->text);
			as_buf_putc(&v->pool, '\0');
			nw = 1;
		}
		/* (pointers into pool are taken below, once it stops moving) */
		if (en->flags & AS_LXF_SUFFIX) {
			AS_GROW(v->suffixes, v->nsuffixes + 1, salloc);
			v->suffixes[v->nsuffixes++] = (uint32_t)e;
			v->word_off[e] = (uint32_t)(v->nwords - nw);
			continue;
		}
		if (en->flags & AS_LXF_PREFIX) {
			AS_GROW(v->prefixes, v->nprefixes + 1, xalloc);
			v->prefixes[v->nprefixes++] = (pair){ NULL, (uint32_t)e, (uint16_t)nw };
		} else {
			AS_GROW(v->pairs, v->npairs + 1, palloc);
			v->pairs[v->npairs++] = (pair){ NULL, (uint32_t)e, (uint16_t)nw };
		}
	}
	v->word_off[lx->nentries] = (uint32_t)v->nwords;
	as_tokens_free(&t);
	for (size_t i = 0; i < v->npairs; i++)
		v->pairs[i].key = word_of(v, v->pairs[i].entry, 0);
	for (size_t i = 0; i < v->nprefixes; i++)
		v->prefixes[i].key = word_of(v, v->prefixes[i].entry, 0);
	if (v->npairs)
		qsort(v->pairs, v->npairs, sizeof(*v->pairs), by_key);
	if (v->nprefixes)
		qsort(v->prefixes, v->nprefixes, sizeof(*v->prefixes), by_key);
	build_slots(v);

	for (size_t i = 0; i < v->npairs; i++) {
		size_t e = v->pairs[i].entry;
		const as_lex_entry *en = &lx->entries[e];
		for (size_t k = 0; k < v->pairs[i].nwords && en->cls != AS_LX_RECEIVER; k++)
			if (is_receiver_word(v, lx, word_of(v, e, k), en->lang))
				v->receiver[e] = 1;
	}
	return v;
}

void as_vocab_free(as_vocab *v)
{
	if (!v)
		return;
	as_buf_free(&v->pool);
	free(v->word_off);
	free(v->words);
	free(v->receiver);
	free(v->pairs);
	free(v->slots);
	free(v->prefixes);
	free(v->suffixes);
	free(v);
}

const as_lexicon *as_vocab_lexicon(const as_vocab *v)
{
	return v->lx;
}

/* Clitics may be joined by a hyphen ("pediu-me"); other words may not
 * (the second half of "SQL-Anweisung" is not "Anweisung"). */
static int hyphen_ok(const as_lex_entry *e)
{
	return e->cls == AS_LX_RECEIVER || e->cls == AS_LX_OBJECT || e->cls == AS_LX_DATIVE ||
	       e->cls == AS_LX_PRONOUN || e->nwords > 1;
}

/* The word as written, lower-cased but with its accents, is `exact`. */
static int exact_ok(const as_tokens *t, size_t i, const char *exact)
{
	const as_token *tok = &t->items[i];
	return as_fold_lower_eq(t->text + tok->start, tok->end - tok->start, exact);
}

static int usable(const as_tokens *t, size_t i)
{
	const as_token *tok = &t->items[i];
	return i < t->nr && !(tok->flags & (AS_TF_PUNCT | AS_TF_QUOTED | AS_TF_URL));
}

size_t as_vocab_match(const as_vocab *v, const as_tokens *t, size_t i,
		      as_vocab_hit *out, size_t max)
{
	size_t n = 0;
	if (!usable(t, i))
		return 0;
	const char *w = as_token_word(t, i);
	size_t wl = t->items[i].flen;
	int hyph = (t->items[i].flags & AS_TF_HYPHEN) != 0;
	const slot *s = find_slot(v, w, wl);
	for (size_t k = 0; s && k < s->count && n < max; k++) {
		const pair *p = &v->pairs[s->first + k];
		const as_lex_entry *e = &v->lx->entries[p->entry];
		if (hyph && !hyphen_ok(e))
			continue;
		if ((e->flags & AS_LXF_EXACT) && !exact_ok(t, i, e->exact))
			continue;
		size_t j = i + 1, m;
		for (m = 1; m < p->nwords; m++, j++) {
			if (!usable(t, j) || strcmp(as_token_word(t, j), word_of(v, p->entry, m)))
				break;
		}
		if (m < p->nwords)
			continue;
		out[n++] = (as_vocab_hit){ p->entry, (uint16_t)(j - i), v->receiver[p->entry] };
	}
	/* beginnings: a binary search for the run that can start this word */
	if (v->nprefixes && n < max && !hyph) {
		size_t lo = 0, hi = v->nprefixes;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strcmp(v->prefixes[mid].key, w) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* every beginning of w sorts at or before w: walk back over
		 * those that share w's first letter */
		for (size_t k = lo; k-- > 0 && n < max;) {
			const char *key = v->prefixes[k].key;
			if (key[0] != w[0])
				break;
			size_t kl = strlen(key);
			if (kl <= wl && !memcmp(key, w, kl))
				out[n++] = (as_vocab_hit){ v->prefixes[k].entry, 1, 0 };
		}
	}
	/* longest first (the exact run is already ordered so) */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && out[b].ntok > out[b - 1].ntok; b--) {
			as_vocab_hit tmp = out[b];
			out[b] = out[b - 1];
			out[b - 1] = tmp;
		}
	return n;
}

int as_vocab_ends_with(const as_vocab *v, as_lex_class cls, uint32_t langs,
		       const char *word, size_t n)
{
	for (size_t i = 0; i < v->nsuffixes; i++) {
		const as_lex_entry *e = &v->lx->entries[v->suffixes[i]];
		if (e->cls != cls || !(langs & (1u << e->lang)))
			continue;
		const char *suf = word_of(v, v->suffixes[i], 0);
		size_t sl = strlen(suf);
		if (sl < n && !memcmp(word + n - sl, suf, sl))
			return 1;
	}
	return 0;
}

int as_vocab_known(const as_vocab *v, const char *word)
{
	return find_slot(v, word, strlen(word)) != NULL;
}

/* Is the folded word w[0..n) a function word of some lexicon? */
static int function_word(const as_vocab *v, const char *w, size_t n)
{
	const slot *sl = find_slot(v, w, n);
	for (size_t i = 0; sl && i < sl->count; i++) {
		const as_lex_entry *e = &v->lx->entries[v->pairs[sl->first + i].entry];
		if (e->nwords == 1 && (e->cls == AS_LX_FUNCTION || e->cls == AS_LX_AUX ||
				       e->cls == AS_LX_PREPOSITION || e->cls == AS_LX_ARTICLE ||
				       e->cls == AS_LX_OBJECT || e->cls == AS_LX_PRONOUN))
			return 1;
	}
	return 0;
}

/*
 * The piece of a lower-cased word or phrase the prefilter looks for: the
 * longest run of letters and digits (a message's words are cut at the
 * rest too: "accord" of "d'accord"), a function word only when there
 * is nothing else ("fine", not "with", of "is fine with").
 */
static void best_piece(const as_vocab *v, const char *raw, size_t len, size_t *at, size_t *n)
{
	size_t best = 0, best_len = 0;
	int best_plain = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		/* (cut where the prefilter's scan cuts: any ASCII but a letter
		 * or a digit, "n+1" too) */
		while (j < len && (((unsigned char)raw[j] & 0x80) ||
				   (raw[j] >= 'a' && raw[j] <= 'z') || (raw[j] >= '0' && raw[j] <= '9')))
			j++;
		int plain = 1;
		if (v && j > i) {
			as_buf f = AS_BUF_INIT;
			as_fold(&f, raw + i, j - i);
			plain = !function_word(v, f.ptr, f.len);
			as_buf_free(&f);
		}
		if (j > i && (plain > best_plain || (plain == best_plain && j - i > best_len)))
			best = i, best_len = j - i, best_plain = plain;
		i = j + 1;
	}
	*at = best;
	*n = best_len;
}

static void prefilter_piece(as_wordset *ws, unsigned g, const char *w, size_t n)
{
	char *word = as_xstrndup(w, n);
	as_wordset_add(ws, word, g);
	/* "pidió" typed "pidio" */
	as_buf f = AS_BUF_INIT;
	as_fold(&f, word, n);
	as_wordset_add(ws, as_buf_cstr(&f), g);
	as_buf_free(&f);
	free(word);
}

void as_vocab_prefilter_add(as_wordset *ws, unsigned g, const char *raw, size_t len)
{
	size_t at, n;
	best_piece(NULL, raw, len, &at, &n);
	if (n)
		prefilter_piece(ws, g, raw + at, n);
}

void as_vocab_prefilter(const as_vocab *v, as_wordset *ws, unsigned trigger, unsigned my,
			unsigned role)
{
	for (size_t e = 0; e < v->lx->nentries; e++) {
		const as_lex_entry *en = &v->lx->entries[e];
		unsigned g = is_trigger((as_lex_class)en->cls) ? trigger
			     : en->cls == AS_LX_MY ? my
			     : en->cls == AS_LX_ROLE || en->cls == AS_LX_ROLE_SKIP ? role : 32;
		if (g == 32 || (en->flags & AS_LXF_SUFFIX))
			continue;
		size_t at, n;
		best_piece(v, en->raw, strlen(en->raw), &at, &n);
		if (n)
			prefilter_piece(ws, g, en->raw + at, n);
	}
}
