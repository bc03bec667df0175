#ifndef AS_OID_INDEX_H
#define AS_OID_INDEX_H
/*
 * An index by object id over an array of records that each begin with
 * their git_oid (the table of the packs' commits, the digests of judging
 * ahead): open addressing by the id's first bytes, a slot per record of
 * 4 bytes, half empty. One cache miss a look-up; ids are uniform, so no
 * hashing. The records are not copied: the index reads them where they
 * are, and they must stay there while it is used.
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	const unsigned char *base;   /* the records */
	size_t stride;               /* bytes from one record to the next */
	uint32_t *slots;             /* record index + 1; 0 empty */
	size_t mask;
} as_oid_index;

/* Indexes records[0..n) (n < UINT32_MAX / 2). A repeated id: the first
 * record with it is the one found. */
void as_oid_index_build(as_oid_index *ix, const void *records, size_t stride, size_t n);
void as_oid_index_free(as_oid_index *ix);

/* The record with `oid`: its index + 1, or 0 when none has it. */
uint32_t as_oid_index_find(const as_oid_index *ix, const git_oid *oid);

#endif
