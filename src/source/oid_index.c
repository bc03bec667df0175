/*
 * oid_index.c — records found by their object id (see oid_index.h).
 */
#include "source/oid_index.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

static const git_oid *id_of(const as_oid_index *ix, uint32_t i)
{
	return (const git_oid *)(const void *)(ix->base + (size_t)i * ix->stride);
}

/* The slot of `oid`: its record's, or the empty one where it would go. */
static size_t probe(const as_oid_index *ix, const git_oid *oid)
{
	uint64_t h;
	memcpy(&h, oid->id, sizeof(h));   /* ids are uniform already */
	size_t i = (size_t)h & ix->mask;
	while (ix->slots[i] && !git_oid_equal(id_of(ix, ix->slots[i] - 1), oid))
		i = (i + 1) & ix->mask;
	return i;
}

void as_oid_index_build(as_oid_index *ix, const void *records, size_t stride, size_t n)
{
	size_t nslots = 1024;
	while (nslots < 2 * n)
		nslots *= 2;
	ix->base = records;
	ix->stride = stride;
	ix->slots = as_xcalloc(nslots, sizeof(*ix->slots));
	ix->mask = nslots - 1;
	for (size_t i = 0; i < n; i++) {
		size_t at = probe(ix, id_of(ix, (uint32_t)i));
		if (!ix->slots[at])
			ix->slots[at] = (uint32_t)(i + 1);
	}
}

void as_oid_index_free(as_oid_index *ix)
{
	free(ix->slots);
	memset(ix, 0, sizeof(*ix));
}

uint32_t as_oid_index_find(const as_oid_index *ix, const git_oid *oid)
{
	return ix->slots ? ix->slots[probe(ix, oid)] : 0;
}
