/*
 * The word set (wordset.h): an open-addressing table of 64-bit FNV-1a
 * hashes of the words, with their group bits. A collision of two 64-bit
 * hashes would only make the prefilter say "maybe" once more.
 */
#include "detect/wordset.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/fold.h"

typedef struct {
	uint64_t hash;      /* 0: empty */
	uint32_t groups;
} slot;

struct as_wordset {
	slot *slots;
	size_t nslots, n;
	/* bit (hash >> 48): some word has a hash with those top bits. 8 KiB,
	 * in cache where the table is not: most look-ups end here. */
	uint8_t bloom[65536 / 8];
};

/* ASCII letters lower-cased, the second bytes of Latin-1 capitals made
 * small (C3 80..9E -> C3 A0..BE); 0 for the bytes that end a word. */
static unsigned char lower[256];

static void tables_init(void)
{
	for (int c = 0; c < 256; c++)
		lower[c] = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32)
			   : c >= 0x80 && c <= 0x9E ? (unsigned char)(c + 32)
			   : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80
			   ? (unsigned char)c : 0;
}

/* The punctuation that UTF-8 writes in several bytes (U+0080..U+00BF: «,
 * », ¡, ¿, the no-break space; U+2000..U+206F: ’, “, ”, —, …) ends a word
 * as ASCII punctuation does: its length at s, or 0. */
static size_t punct_len(const unsigned char *s, const unsigned char *end)
{
	if (s[0] == 0xC2 && end - s >= 2)
		return 2;
	if (s[0] == 0xE2 && end - s >= 3 && (s[1] == 0x80 || s[1] == 0x81))
		return 3;
	return 0;
}

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

as_wordset *as_wordset_new(void)
{
	as_wordset *ws = as_xcalloc(1, sizeof(*ws));
	tables_init(); /* idempotent; built before any thread starts */
	ws->nslots = 256;
	ws->slots = as_xcalloc(ws->nslots, sizeof(*ws->slots));
	return ws;
}

void as_wordset_free(as_wordset *ws)
{
	if (!ws)
		return;
	free(ws->slots);
	free(ws);
}

static void put(as_wordset *ws, uint64_t h, uint32_t groups)
{
	size_t mask = ws->nslots - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		if (!ws->slots[i].hash) {
			ws->slots[i] = (slot){ h, groups };
			ws->n++;
			return;
		}
		if (ws->slots[i].hash == h) {
			ws->slots[i].groups |= groups;
			return;
		}
	}
}

void as_wordset_add(as_wordset *ws, const char *word, unsigned g)
{
	uint64_t h = FNV_OFFSET;
	if (strlen(word) > AS_WORDSET_MAX_WORD)
		return;
	for (const unsigned char *p = (const unsigned char *)word; *p; p++)
		h = (h ^ (lower[*p] ? lower[*p] : *p)) * FNV_PRIME;
	if (!h)
		h = 1;
	if ((ws->n + 1) * 4 > ws->nslots) {
		slot *old = ws->slots;
		size_t n = ws->nslots;
		ws->nslots *= 2;
		ws->slots = as_xcalloc(ws->nslots, sizeof(*ws->slots));
		ws->n = 0;
		for (size_t i = 0; i < n; i++)
			if (old[i].hash)
				put(ws, old[i].hash, old[i].groups);
		free(old);
	}
	put(ws, h, 1u << g);
	ws->bloom[h >> 51] |= (uint8_t)(1u << (h >> 48 & 7));
}

/* Is the word (by hash) in the set: its groups, or 0. */
static uint32_t lookup(const as_wordset *ws, uint64_t h)
{
	size_t mask = ws->nslots - 1;
	if (!h)
		h = 1;
	if (!(ws->bloom[h >> 51] & 1u << (h >> 48 & 7)))
		return 0;
	for (size_t i = (size_t)h & mask; ws->slots[i].hash; i = (i + 1) & mask)
		if (ws->slots[i].hash == h)
			return ws->slots[i].groups;
	return 0;
}

/* A byte that starts no UTF-8 character (a continuation byte, C0, C1,
 * F5..FF): as_fold_char() would say one byte, no letter. */
static inline int stray(unsigned char c)
{
	return (c >= 0x80 && c < 0xC2) || c >= 0xF5;
}

/* 2 when s starts a valid two-byte character that as_fold_char() calls a
 * letter (U+00C0..U+07FF but U+00D7 and U+00F7), else 0. */
static inline size_t letter2(const unsigned char *s, const unsigned char *end)
{
	if (end - s < 2 || s[0] < 0xC3 || s[0] > 0xDF || (s[1] & 0xC0) != 0x80 ||
	    (s[0] == 0xC3 && (s[1] == 0x97 || s[1] == 0xB7)))
		return 0;
	return 2;
}

/* 3 when s starts a valid three-byte character that as_fold_char() keeps
 * as it is and calls a letter (U+0800..U+FFFF but the punctuation of
 * U+2000..U+206F and U+3000..U+303F and the surrogates): most of CJK,
 * read without decoding; else 0. */
static inline size_t plain3(const unsigned char *s, const unsigned char *end)
{
	if (end - s < 3 || s[0] < 0xE0 || s[0] > 0xEF || (s[1] & 0xC0) != 0x80 ||
	    (s[2] & 0xC0) != 0x80)
		return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
	    (s[0] == 0xE2 && s[1] <= 0x81) || (s[0] == 0xE3 && s[1] == 0x80))
		return 0;
	return 3;
}

/*
 * A word is hashed twice: as written (lower-cased by the table) and as
 * folded (util/fold.h: accents and case of Latin letters gone), the form
 * the tokens compare names and lexicon words in, so that a word listed in
 * its folded form is found however it is accented ("Josè", "JÔSE",
 * "łukasz"). A character that folding says is no letter ("×", "、")
 * ends a word, as it ends a token, and after an '@' a word is also its
 * ASCII beginning (a login). An ASCII word is hashed once.
 */
uint32_t as_wordset_scan(const as_wordset *ws, const char *text, size_t len, uint32_t want)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len;
	uint32_t got = 0;
	while (s < end) {
		/* white space and ASCII punctuation, and stray bytes, fast */
		while (s < end && ((*s < 0x80 && !lower[*s]) || stray(*s)))
			s++;
		if (s == end)
			break;
		uint64_t h = FNV_OFFSET, hf = 0, ascii = 0;
		int folds = 0;     /* hf is kept (the word has left ASCII) */
		const unsigned char *from = s;
		while (s < end) {
			unsigned char c = lower[*s];
			if (*s < 0x80) {
				if (!c)
					break;
				h = (h ^ c) * FNV_PRIME;
				if (folds)
					hf = (hf ^ c) * FNV_PRIME;
				s++;
				continue;
			}
			char f[AS_FOLD_MAX];
			size_t fn;
			int letter;
			if (stray(*s) || punct_len(s, end))
				break;
			size_t k = plain3(s, end);
			if (!k && s - from > AS_WORDSET_MAX_WORD && (k = letter2(s, end))) {
				s += k;   /* not hashed: its folding is not needed */
				continue;
			}
			if (k) {
				/* as_fold_char keeps it as it is */
				memcpy(f, s, k);
				fn = k;
				letter = 1;
			} else {
				k = as_fold_char((const char *)s, (size_t)(end - s), f, &fn, &letter);
			}
			if (!letter)
				break;
			if (!folds)
				ascii = hf = h, folds = 1;
			if (s - from > AS_WORDSET_MAX_WORD) {
				s += k;   /* (too long to be in the set) not hashed */
				continue;
			}
			for (size_t i = 0; i < k; i++)
				h = (h ^ lower[s[i]]) * FNV_PRIME;
			for (size_t i = 0; i < fn; i++) {
				unsigned char b = (unsigned char)f[i];
				hf = (hf ^ (lower[b] ? lower[b] : b)) * FNV_PRIME;
			}
			s += k;
		}
		if (s == from) {
			/* not a word character: skip it whole */
			size_t k = *s < 0x80 ? 1 : punct_len(s, end);
			if (!k) {
				char f[AS_FOLD_MAX];
				size_t fn;
				int letter;
				k = as_fold_char((const char *)s, (size_t)(end - s), f, &fn, &letter);
			}
			s += k;
			continue;
		}
		if (s - from <= AS_WORDSET_MAX_WORD) {
			got |= lookup(ws, h);
			if (folds && hf != h)
				got |= lookup(ws, hf);
		}
		/* "@alice" ends where ASCII does, as a login token does, however
		 * long the word that follows the login is */
		if (folds && from > (const unsigned char *)text && from[-1] == '@')
			got |= lookup(ws, ascii);
		if ((got & want) == want)
			return got;
	}
	return got;
}
