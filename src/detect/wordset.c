/*
 * The word set (wordset.h): an open-addressing table of 64-bit FNV-1a
 * hashes of the words, with their group bits. A collision of two 64-bit
 * hashes would only make the prefilter say "maybe" once more.
 */
#include "detect/wordset.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct {
	uint64_t hash;      /* 0: empty */
	uint32_t groups;
} slot;

struct as_wordset {
	slot *slots;
	size_t nslots, n;
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
}

uint32_t as_wordset_scan(const as_wordset *ws, const char *text, size_t len, uint32_t want)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len;
	size_t mask = ws->nslots - 1;
	uint32_t got = 0;
	while (s < end) {
		while (s < end && (!lower[*s] || punct_len(s, end)))
			s += lower[*s] ? punct_len(s, end) : 1;
		if (s == end)
			break;
		uint64_t h = FNV_OFFSET;
		unsigned char c;
		while (s < end && (c = lower[*s]) && !(c >= 0xC2 && punct_len(s, end))) {
			h = (h ^ c) * FNV_PRIME;
			s++;
		}
		if (!h)
			h = 1;
		for (size_t i = (size_t)h & mask; ws->slots[i].hash; i = (i + 1) & mask) {
			if (ws->slots[i].hash == h) {
				got |= ws->slots[i].groups;
				if ((got & want) == want)
					return got;
				break;
			}
		}
	}
	return got;
}
