#ifndef AS_PACK_H
#define AS_PACK_H
/*
 * One pack file of an object directory, read without libgit2: its index
 * (.idx, version 2) and its data (.pack) mapped read-only, so that any
 * number of threads read it at once with no lock (libgit2 1.5 keeps one
 * mutex per pack and a global one for its windows: its readers queue).
 *
 * The formats are git's Documentation/gitformat-pack.txt: an object entry
 * is a type-and-size header, then, for a delta, its base (a negative
 * offset in this pack, or an object id anywhere), then a zlib stream.
 * Inflating and applying deltas is objects.c's business (it owns the
 * per-thread state); this file finds entries and parses their headers,
 * checking every offset against the file's size: a pack is pushed data.
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

/* Entry types, as the pack header spells them. */
enum {
	AS_PACK_COMMIT = 1,
	AS_PACK_TREE = 2,
	AS_PACK_BLOB = 3,
	AS_PACK_TAG = 4,
	AS_PACK_OFS_DELTA = 6,
	AS_PACK_REF_DELTA = 7,
};

typedef struct {
	char *path;                  /* of the .pack */
	const unsigned char *idx;    /* the mapped .idx */
	size_t idx_len;
	const unsigned char *data;   /* the mapped .pack */
	size_t data_len;
	uint32_t nr;                 /* objects */
	const uint32_t *fanout;      /* 256 big-endian counts */
	const unsigned char *oids;   /* nr * 20, sorted */
	const uint32_t *offsets;     /* nr big-endian; MSB: index into large */
	const unsigned char *large;  /* 8-byte big-endian offsets */
	uint32_t nlarge;
} as_pack;

/* An entry's header. */
typedef struct {
	int type;                    /* AS_PACK_* */
	uint64_t size;               /* inflated size (of the delta, for one) */
	uint64_t data;               /* offset of the zlib stream */
	uint64_t base;               /* OFS_DELTA: the base's offset */
	const unsigned char *base_id;   /* REF_DELTA: the base's id (20 bytes) */
} as_pack_entry;

/*
 * Opens `idx_path` and the .pack next to it. Returns 0, AS_ENOTFOUND when
 * either is missing (a pack being written: git writes the .idx last) or
 * is not one this reader knows (index version 1: libgit2 reads those),
 * AS_EINTERNAL when it is malformed.
 */
int as_pack_open(as_pack *p, const char *idx_path);
void as_pack_close(as_pack *p);

/* The offset of `oid` in the pack: 1 when found, 0 when not. */
int as_pack_find(const as_pack *p, const git_oid *oid, uint64_t *offset);

/* The offset of the entry at index position `pos` (< nr): 1, or 0 when
 * the index names a large offset it does not hold. */
int as_pack_offset_at(const as_pack *p, uint32_t pos, uint64_t *offset);

/* Parses the entry header at `offset`. 0, or AS_EINTERNAL (malformed). */
int as_pack_entry_at(const as_pack *p, uint64_t offset, as_pack_entry *out);

/* Lets the kernel take back the pages read so far (see objects.h): of the
 * data, and with as_pack_trim_index of the index. */
void as_pack_trim(const as_pack *p);
void as_pack_trim_index(const as_pack *p);

#endif
