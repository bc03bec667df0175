#include "detect/prefilter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct {
	const char *word;   /* lower case, owned by the rule */
	size_t len;
	size_t rule;
	uint32_t group;     /* bit of the word's '&' group */
} entry;

struct as_prefilter {
	size_t nrules;
	uint32_t *need;            /* per rule: all its group bits (0: no words) */
	entry *entries;            /* sorted by first byte */
	size_t nentries;
	/* entries[first[k]..first[k + 1]) start with the two bytes k (see key) */
	uint32_t first[65537];
	/* bit k: some word starts with the two bytes k. 8 KiB: stays in cache,
	 * where `first` would not, and almost every word start misses. */
	uint8_t used[65536 / 8];
	/* The same for the first three bytes (hashed: tri()), which turns
	 * away the common starts that two bytes let through ("re", "in",
	 * "co"); loose[k]: some word of key k is shorter than three bytes or
	 * has a space in them (which matches any run of white space), so
	 * two bytes are all that key can be sure of. */
	uint8_t used3[65536 / 8];
	uint8_t loose[65536 / 8];
	/* starts[c]: some word starts with byte c (either case); never a
	 * UTF-8 continuation byte, since no word starts inside a character */
	uint8_t starts[256];
};

static inline unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* fold[c]: c lower-cased, white space as ' '; alnum[c]: ASCII letter or
 * digit. Tables, because the scan looks at every byte of every message. */
static unsigned char fold[256], alnum[256];

static void tables_init(void)
{
	for (int c = 0; c < 256; c++) {
		fold[c] = is_space((unsigned char)c) ? ' ' : lower((unsigned char)c);
		alnum[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}
}

/* The bucket of two bytes: case folded, white space as ' '. */
static inline unsigned key(unsigned char a, unsigned char b)
{
	return (unsigned)fold[a] << 8 | fold[b];
}

/* The bit of three bytes (case folded, white space as ' ') in used3. */
static inline unsigned tri(unsigned char a, unsigned char b, unsigned char c)
{
	uint32_t v = (uint32_t)fold[a] << 16 | (uint32_t)fold[b] << 8 | fold[c];
	return (v * 2654435761u) >> 16;
}

static inline int bit(const uint8_t *set, unsigned k)
{
	return set[k >> 3] & (1u << (k & 7));
}

static inline void set_bit(uint8_t *set, unsigned k)
{
	set[k >> 3] |= (uint8_t)(1u << (k & 7));
}

static int by_key(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	unsigned kx = key((unsigned char)x->word[0], (unsigned char)x->word[1]);
	unsigned ky = key((unsigned char)y->word[0], (unsigned char)y->word[1]);
	return kx < ky ? -1 : kx > ky;
}

as_prefilter *as_prefilter_new(const as_rule *rules, size_t nrules)
{
	as_prefilter *pf = as_xcalloc(1, sizeof(*pf));
	size_t alloc = 0;

	tables_init(); /* idempotent; rules load before any thread starts */

	pf->nrules = nrules;
	pf->need = as_xcalloc(nrules ? nrules : 1, sizeof(*pf->need));
	for (size_t r = 0; r < nrules; r++) {
		for (size_t i = 0; i < rules[r].nprefilter; i++) {
			if (!rules[r].prefilter[i][0])
				continue;
			uint32_t bit = 1u << rules[r].prefilter_group[i];
			pf->need[r] |= bit;
			AS_GROW(pf->entries, pf->nentries + 1, alloc);
			pf->entries[pf->nentries++] = (entry){
				rules[r].prefilter[i], strlen(rules[r].prefilter[i]), r, bit };
		}
	}
	if (pf->nentries)
		qsort(pf->entries, pf->nentries, sizeof(*pf->entries), by_key);
	size_t e = 0;
	for (unsigned k = 0; k < 65536; k++) {
		pf->first[k] = (uint32_t)e;
		while (e < pf->nentries &&
		       key((unsigned char)pf->entries[e].word[0],
			   (unsigned char)pf->entries[e].word[1]) == k)
			e++;
	}
	pf->first[65536] = (uint32_t)e;
	for (unsigned k = 0; k < 65536; k++)
		if (pf->first[k] != pf->first[k + 1])
			set_bit(pf->used, k);
	for (size_t i = 0; i < pf->nentries; i++) {
		const unsigned char *w = (const unsigned char *)pf->entries[i].word;
		if (pf->entries[i].len < 3 || is_space(w[0]) || is_space(w[1]) || is_space(w[2]))
			set_bit(pf->loose, key(w[0], w[1]));
		else
			set_bit(pf->used3, tri(w[0], w[1], w[2]));
	}
	for (size_t i = 0; i < pf->nentries; i++) {
		unsigned char c = (unsigned char)pf->entries[i].word[0];
		pf->starts[c] = 1;
		if (c >= 'a' && c <= 'z')
			pf->starts[c - 32] = 1;
		if (is_space(c))   /* (a word's space matches any white space) */
			pf->starts[' '] = pf->starts['\t'] = pf->starts['\n'] = pf->starts['\r'] = 1;
	}
	for (unsigned c = 0x80; c < 0xC0; c++)
		pf->starts[c] = 0;
	return pf;
}

void as_prefilter_free(as_prefilter *pf)
{
	if (!pf)
		return;
	free(pf->need);
	free(pf->entries);
	free(pf);
}

static inline int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Does word[0..n) (lower case) occur at text[i..], case folded? A space in
 * the word matches any run of white space: "sign off" finds "sign\noff". */
static int word_at(const unsigned char *text, size_t len, size_t i,
		   const char *word, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (i >= len)
			return 0;
		if (word[k] == ' ') {
			if (!is_space(text[i]))
				return 0;
			while (i < len && is_space(text[i]))
				i++;
			continue;
		}
		if (lower(text[i++]) != (unsigned char)word[k])
			return 0;
	}
	return 1;
}

void as_prefilter_words(const as_prefilter *pf, const char *text, size_t len,
			uint32_t *got)
{
	const unsigned char *s = (const unsigned char *)text;

	memset(got, 0, pf->nrules * sizeof(*got));
	/* a word starts after a byte that is no ASCII letter or digit: at
	 * each, the words that start so are tried, and the rest of a word
	 * of letters and digits is skipped in a tight loop */
	for (size_t i = 0; i + 1 < len;) {
		unsigned k = key(s[i], s[i + 1]);
		if (pf->starts[s[i]] && bit(pf->used, k) &&
		    (bit(pf->loose, k) || (i + 2 < len && bit(pf->used3, tri(s[i], s[i + 1], s[i + 2]))))) {
			for (uint32_t e = pf->first[k]; e < pf->first[k + 1]; e++) {
				const entry *en = &pf->entries[e];
				if (!(got[en->rule] & en->group) &&
				    word_at(s, len, i, en->word, en->len))
					got[en->rule] |= en->group;
			}
		}
		if (!alnum[s[i++]])
			continue;
		while (i < len && alnum[s[i]])
			i++;
		i++;   /* (after a word: its next byte starts none) */
	}
}

void as_prefilter_pass(const as_prefilter *pf, const uint32_t *got,
		       unsigned char *pass)
{
	for (size_t r = 0; r < pf->nrules; r++)
		pass[r] = got[r] == pf->need[r];
}

int as_prefilter_rule_passes(const as_rule *rule, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	uint32_t need = 0, got = 0;

	for (size_t w = 0; w < rule->nprefilter; w++)
		need |= 1u << rule->prefilter_group[w];
	for (size_t i = 0; i < len && got != need; i++) {
		if (i && is_alnum(s[i - 1]))
			continue;
		for (size_t w = 0; w < rule->nprefilter; w++)
			if (word_at(s, len, i, rule->prefilter[w], strlen(rule->prefilter[w])))
				got |= 1u << rule->prefilter_group[w];
	}
	return got == need;
}
