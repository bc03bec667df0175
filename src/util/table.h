#ifndef AS_TABLE_H
#define AS_TABLE_H
/*
 * The two hash tables everything that counts is built on (metrics, the
 * tracker exports' records and names). Both are open addressing with
 * linear probing, grown at half load, and valid when zeroed.
 *
 * as_strtab interns strings: each distinct string gets a dense id (0, 1,
 * 2, ... in order of first sight) that indexes the caller's arrays, so a
 * path or a developer is stored once however many commits name it. With
 * `fold` set before the first call, ASCII case does not matter ("@Zed" and
 * "@zed" are one string, kept as first written).
 *
 * as_u64map counts: a 64-bit key (usually two ids, `a << 32 | b`) to a
 * 64-bit value. UINT64_MAX is not a valid key (it marks empty slots).
 */
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

typedef struct {
	as_buf mem;          /* the strings, NUL-terminated, back to back */
	size_t *off;         /* id -> offset in mem */
	uint32_t *len;       /* id -> length */
	size_t nr, alloc;
	uint32_t *slots;     /* id + 1; 0 = empty */
	size_t nslots;       /* a power of two, or 0 */
	int fold;            /* compare without regard to ASCII case */
} as_strtab;

/* The id of `s` (len bytes), adding it when new. */
uint32_t as_strtab_intern(as_strtab *t, const char *s, size_t len);
/* The id of `s`, or -1 when it was never interned. */
int64_t as_strtab_find(const as_strtab *t, const char *s, size_t len);
static inline const char *as_strtab_str(const as_strtab *t, uint32_t id)
{
	return t->mem.ptr + t->off[id];
}
void as_strtab_free(as_strtab *t);

typedef struct {
	uint64_t *keys;      /* UINT64_MAX = empty */
	uint64_t *vals;
	size_t nr, nslots;   /* nslots: a power of two, or 0 */
} as_u64map;

/* The value of `key`, created as 0 when new; valid until the next call. */
uint64_t *as_u64map_at(as_u64map *m, uint64_t key);
/* The value of `key`, 0 when absent. */
uint64_t as_u64map_get(const as_u64map *m, uint64_t key);
void as_u64map_free(as_u64map *m);

#define AS_PAIR(a, b) (((uint64_t)(a) << 32) | (uint32_t)(b))
#define AS_PAIR_A(k) ((uint32_t)((k) >> 32))
#define AS_PAIR_B(k) ((uint32_t)(k))

#endif
