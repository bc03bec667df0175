/*
 * One pack, mapped: finding an object's entry and parsing entry headers
 * (see pack.h). Index version 2 only (git has written nothing else since
 * 1.5.2; libgit2's own backend still reads version 1 for us).
 */
#include "source/pack.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

#define IDX_HEADER 8
#define FANOUT_BYTES (256 * 4)
#define PACK_HEADER 12
#define HASH 20

static uint32_t be32(const void *p)
{
	const unsigned char *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Maps a whole file read-only; AS_ENOTFOUND when it does not exist. */
static int map_file(const char *path, const unsigned char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? AS_ENOTFOUND
				       : as_error_set(AS_EINTERNAL, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || st.st_size <= 0) {
		close(fd);
		return as_error_set(AS_EINTERNAL, "%s: empty or unreadable", path);
	}
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return as_error_set(AS_EINTERNAL, "%s: cannot map: %s", path, strerror(errno));
	*out = m;
	*len = (size_t)st.st_size;
	return 0;
}

static void unmap(const unsigned char *p, size_t len)
{
	if (p)
		munmap((void *)(uintptr_t)p, len);
}

/* Checks the index's layout: every table inside the file, counts that
 * agree. Returns 0, AS_ENOTFOUND (not version 2) or AS_EINTERNAL. */
static int check_index(as_pack *p, const char *idx_path)
{
	const unsigned char *d = p->idx;
	if (p->idx_len < IDX_HEADER + FANOUT_BYTES + 2 * HASH || memcmp(d, "\377tOc", 4))
		return AS_ENOTFOUND; /* version 1 has no magic: libgit2's */
	if (be32(d + 4) != 2)
		return AS_ENOTFOUND;
	p->fanout = (const uint32_t *)(const void *)(d + IDX_HEADER);
	uint32_t prev = 0;
	for (int i = 0; i < 256; i++) {
		uint32_t n = be32(d + IDX_HEADER + 4 * i);
		if (n < prev)
			return as_error_set(AS_EINTERNAL, "%s: bad fan-out table", idx_path);
		prev = n;
	}
	p->nr = prev;
	uint64_t fixed = IDX_HEADER + FANOUT_BYTES + (uint64_t)p->nr * (HASH + 4 + 4) + 2 * HASH;
	if (fixed > p->idx_len || (p->idx_len - fixed) % 8)
		return as_error_set(AS_EINTERNAL, "%s: size does not match %u objects", idx_path, p->nr);
	p->nlarge = (uint32_t)((p->idx_len - fixed) / 8);
	p->oids = d + IDX_HEADER + FANOUT_BYTES;
	p->offsets = (const uint32_t *)(const void *)(p->oids + (size_t)p->nr * (HASH + 4));
	p->large = (const unsigned char *)(p->offsets + p->nr);
	return 0;
}

int as_pack_open(as_pack *p, const char *idx_path)
{
	size_t n = strlen(idx_path);
	memset(p, 0, sizeof(*p));
	if (n < 4 || strcmp(idx_path + n - 4, ".idx"))
		return AS_ENOTFOUND;
	p->path = as_xmalloc(n + 2);
	memcpy(p->path, idx_path, n - 4);
	memcpy(p->path + n - 4, ".pack", 6);

	int err = map_file(idx_path, &p->idx, &p->idx_len);
	if (!err)
		err = check_index(p, idx_path);
	if (!err)
		err = map_file(p->path, &p->data, &p->data_len);
	if (!err && (p->data_len < PACK_HEADER + HASH || memcmp(p->data, "PACK", 4) ||
		     (be32(p->data + 4) != 2 && be32(p->data + 4) != 3)))
		err = as_error_set(AS_EINTERNAL, "%s: not a pack file", p->path);
	if (!err && be32(p->data + 8) != p->nr)
		err = as_error_set(AS_EINTERNAL, "%s: %u objects, its index says %u", p->path,
				   be32(p->data + 8), p->nr);
	if (err)
		as_pack_close(p);
	return err;
}

void as_pack_close(as_pack *p)
{
	unmap(p->idx, p->idx_len);
	unmap(p->data, p->data_len);
	free(p->path);
	memset(p, 0, sizeof(*p));
}

int as_pack_offset_at(const as_pack *p, uint32_t pos, uint64_t *offset)
{
	uint32_t o = be32(&p->offsets[pos]);
	if (o & 0x80000000u) {
		uint32_t k = o & 0x7fffffffu;
		if (k >= p->nlarge)
			return 0;
		const unsigned char *b = p->large + (size_t)k * 8;
		*offset = (uint64_t)be32(b) << 32 | be32(b + 4);
	} else {
		*offset = o;
	}
	return 1;
}

int as_pack_find(const as_pack *p, const git_oid *oid, uint64_t *offset)
{
	unsigned first = oid->id[0];
	uint32_t lo = first ? be32(&p->fanout[first - 1]) : 0;
	uint32_t hi = be32(&p->fanout[first]);
	/*
	 * Object ids are uniform: the first probes interpolate on the next
	 * four bytes (as git's sha1-lookup does), which lands a few entries
	 * away where bisection would touch a score of cold index pages.
	 * Bisection finishes, so a skewed index costs only time.
	 */
	uint64_t key = be32(oid->id + 1), lkey = 0, hkey = (uint64_t)1 << 32;
	for (int guesses = 0; lo < hi; guesses++) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (guesses < 3 && hi - lo > 8 && key >= lkey && key < hkey) {
			uint64_t at = lo + (key - lkey) * (hi - lo) / (hkey - lkey);
			mid = at < lo ? lo : at >= hi ? hi - 1 : (uint32_t)at;
		}
		const unsigned char *probe = p->oids + (size_t)mid * HASH;
		int c = memcmp(probe, oid->id, HASH);
		if (c == 0)
			return as_pack_offset_at(p, mid, offset);
		if (c < 0) {
			lo = mid + 1;
			lkey = be32(probe + 1);
		} else {
			hi = mid;
			hkey = be32(probe + 1);
		}
	}
	return 0;
}

int as_pack_entry_at(const as_pack *p, uint64_t offset, as_pack_entry *out)
{
	/* the last 20 bytes are the pack's checksum: no entry reaches them */
	uint64_t end = p->data_len - HASH, pos = offset;
	const char *name;
	if (offset < PACK_HEADER || offset >= end)
		goto bad;
	unsigned c = p->data[pos++];
	out->type = (int)(c >> 4) & 7;
	out->size = c & 15;
	for (unsigned shift = 4; c & 0x80; shift += 7) {
		if (pos >= end || shift > 57)
			goto bad;
		c = p->data[pos++];
		out->size |= (uint64_t)(c & 0x7f) << shift;
	}
	out->base = 0;
	out->base_id = NULL;
	if (out->type == AS_PACK_OFS_DELTA) {
		/* git's offset encoding: each continuation adds one before the
		 * shift, so that every length has its own range */
		if (pos >= end)
			goto bad;
		c = p->data[pos++];
		uint64_t back = c & 0x7f;
		while (c & 0x80) {
			if (pos >= end || back >> 56)
				goto bad;
			c = p->data[pos++];
			back = ((back + 1) << 7) | (c & 0x7f);
		}
		if (back == 0 || back > offset)
			goto bad;
		out->base = offset - back;
	} else if (out->type == AS_PACK_REF_DELTA) {
		if (end - pos < HASH)
			goto bad;
		out->base_id = p->data + pos;
		pos += HASH;
	} else if (out->type < AS_PACK_COMMIT || out->type > AS_PACK_TAG) {
		goto bad;
	}
	if (pos >= end)
		goto bad;
	out->data = pos;
	return 0;
bad:
	name = strrchr(p->path, '/');
	return as_error_set(AS_EINTERNAL, "%s: malformed entry at offset %llu",
			    name ? name + 1 : p->path, (unsigned long long)offset);
}

void as_pack_trim(const as_pack *p)
{
	/* A private read-only mapping is never written: dropping its pages
	 * loses nothing, the next read faults them in from the page cache. */
	if (p->data)
		madvise((void *)(uintptr_t)p->data, p->data_len, MADV_DONTNEED);
}

void as_pack_trim_index(const as_pack *p)
{
	if (p->idx)
		madvise((void *)(uintptr_t)p->idx, p->idx_len, MADV_DONTNEED);
}
