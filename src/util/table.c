/*
 * Interned strings and 64-bit counters (table.h).
 */
#include "util/table.h"

#include <strings.h>

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

/* FNV-1a: short keys (paths, names), no attacker gains from collisions
 * more than a slower audit, and the tables grow with the data. */
static uint64_t hash_str(const char *s, size_t len, int fold)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (fold && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h ^= c;
		h *= 0x100000001b3ULL;
	}
	return h ^ (h >> 29);
}

/* splitmix64's finaliser: spreads pair keys whose halves are small. */
static uint64_t hash_u64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void strtab_rehash(as_strtab *t, size_t nslots)
{
	free(t->slots);
	t->slots = as_xcalloc(nslots, sizeof(*t->slots));
	t->nslots = nslots;
	for (size_t id = 0; id < t->nr; id++) {
		size_t i = hash_str(as_strtab_str(t, (uint32_t)id), t->len[id], t->fold) & (nslots - 1);
		while (t->slots[i])
			i = (i + 1) & (nslots - 1);
		t->slots[i] = (uint32_t)id + 1;
	}
}

int64_t as_strtab_find(const as_strtab *t, const char *s, size_t len)
{
	if (!t->nslots)
		return -1;
	size_t i = hash_str(s, len, t->fold) & (t->nslots - 1);
	for (; t->slots[i]; i = (i + 1) & (t->nslots - 1)) {
		uint32_t id = t->slots[i] - 1;
		const char *x = as_strtab_str(t, id);
		if (t->len[id] == len &&
		    !(t->fold ? strncasecmp(x, s, len) : memcmp(x, s, len)))
			return id;
	}
	return -1;
}

uint32_t as_strtab_intern(as_strtab *t, const char *s, size_t len)
{
	int64_t found = as_strtab_find(t, s, len);
	if (found >= 0)
		return (uint32_t)found;
	if ((t->nr + 1) * 2 > t->nslots)
		strtab_rehash(t, t->nslots ? t->nslots * 2 : 64);
	if (t->nr == t->alloc) {
		size_t alloc = t->alloc;
		AS_GROW(t->off, t->nr + 1, alloc);
		t->len = as_xrealloc(t->len, alloc * sizeof(*t->len));
		t->alloc = alloc;
	}
	uint32_t id = (uint32_t)t->nr++;
	t->off[id] = t->mem.len;
	t->len[id] = (uint32_t)len;
	as_buf_put(&t->mem, s, len);
	as_buf_putc(&t->mem, '\0');
	size_t i = hash_str(s, len, t->fold) & (t->nslots - 1);
	while (t->slots[i])
		i = (i + 1) & (t->nslots - 1);
	t->slots[i] = id + 1;
	return id;
}

void as_strtab_free(as_strtab *t)
{
	int fold = t->fold;
	as_buf_free(&t->mem);
	free(t->off);
	free(t->len);
	free(t->slots);
	memset(t, 0, sizeof(*t));
	t->fold = fold;
}

static void u64map_rehash(as_u64map *m, size_t nslots)
{
	uint64_t *keys = m->keys, *vals = m->vals;
	size_t old = m->nslots;

	m->keys = as_xmalloc(nslots * sizeof(*m->keys));
	memset(m->keys, 0xff, nslots * sizeof(*m->keys));
	m->vals = as_xcalloc(nslots, sizeof(*m->vals));
	m->nslots = nslots;
	for (size_t j = 0; j < old; j++) {
		if (keys[j] == UINT64_MAX)
			continue;
		size_t i = hash_u64(keys[j]) & (nslots - 1);
		while (m->keys[i] != UINT64_MAX)
			i = (i + 1) & (nslots - 1);
		m->keys[i] = keys[j];
		m->vals[i] = vals[j];
	}
	free(keys);
	free(vals);
}

uint64_t *as_u64map_at(as_u64map *m, uint64_t key)
{
	if ((m->nr + 1) * 2 > m->nslots)
		u64map_rehash(m, m->nslots ? m->nslots * 2 : 64);
	size_t i = hash_u64(key) & (m->nslots - 1);
	for (; m->keys[i] != UINT64_MAX; i = (i + 1) & (m->nslots - 1))
		if (m->keys[i] == key)
			return &m->vals[i];
	m->keys[i] = key;
	m->vals[i] = 0;
	m->nr++;
	return &m->vals[i];
}

uint64_t as_u64map_get(const as_u64map *m, uint64_t key)
{
	if (!m->nslots)
		return 0;
	size_t i = hash_u64(key) & (m->nslots - 1);
	for (; m->keys[i] != UINT64_MAX; i = (i + 1) & (m->nslots - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	return 0;
}

void as_u64map_free(as_u64map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
