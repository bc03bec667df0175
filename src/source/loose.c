/*
 * Loose objects, listed and inflated by us (see loose.h for why).
 */
#include "source/loose.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "util/alloc.h"

/* deflate cannot expand a byte into more than about 1,032 */
#define MAX_INFLATE_RATIO 1100

/* ---- the loose-object listing -------------------------------------------- */

static int entry_cmp(const void *a, const void *b)
{
	return git_oid_cmp(&((const as_loose_entry *)a)->oid, &((const as_loose_entry *)b)->oid);
}

static void list_fanout(as_loose *g, unsigned fan)
{
	as_loose_fanout *f = &g->fans[fan];
	as_buf path = AS_BUF_INIT;
	for (size_t d = 0; d < g->ndirs; d++) {
		as_buf_clear(&path);
		as_buf_printf(&path, "%s/%02x", g->dirs[d], fan);
		DIR *dir = opendir(path.ptr);
		if (!dir)
			continue;
		struct dirent *de;
		while ((de = readdir(dir))) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid oid;
			if (strlen(de->d_name) != GIT_OID_HEXSZ - 2)
				continue;
			snprintf(hex, 3, "%02x", fan);
			memcpy(hex + 2, de->d_name, GIT_OID_HEXSZ - 2 + 1);
			if (git_oid_fromstr(&oid, hex) < 0)
				continue;
			if (f->nr == f->alloc) {
				f->alloc = f->alloc ? 2 * f->alloc : 16;
				f->items = as_xrealloc(f->items, f->alloc * sizeof(*f->items));
			}
			/* the first directory to hold an object is the one read */
			f->items[f->nr++] = (as_loose_entry){ .oid = oid, .dir = d };
		}
		closedir(dir);
	}
	as_buf_free(&path);
	git_error_clear(); /* git_oid_fromstr on a stray file name */
	if (f->nr) /* (qsort and bsearch want a non-null array) */
		qsort(f->items, f->nr, sizeof(*f->items), entry_cmp);
}

static const as_loose_entry *lookup(as_loose *g, const git_oid *oid)
{
	unsigned fan = oid->id[0];
	if (!atomic_load_explicit(&g->listed[fan], memory_order_acquire)) {
		pthread_mutex_lock(&g->lock);
		if (!atomic_load_explicit(&g->listed[fan], memory_order_relaxed)) {
			list_fanout(g, fan);
			atomic_store_explicit(&g->listed[fan], 1, memory_order_release);
		}
		pthread_mutex_unlock(&g->lock);
	}
	const as_loose_fanout *f = &g->fans[fan];
	if (!f->nr)
		return NULL;
	as_loose_entry key = { .oid = *oid };
	/* qsort's order is stable enough: equal ids come from later
	 * directories only if listed later, and any copy is the object */
	return bsearch(&key, f->items, f->nr, sizeof(*f->items), entry_cmp);
}

/* ---- reading one loose object ---------------------------------------------- */

/* Names the file from its object directory on (objects/ab/cdef...): the
 * message may reach a pusher, who need not learn the server's paths. */
static int corrupt(const char *path, const char *why)
{
	const char *name = path + strlen(path);
	for (int slashes = 0; name > path && slashes < 3; name--)
		if (name[-1] == '/' && ++slashes == 3)
			break;
	git_error_set(GIT_ERROR_ODB, "corrupt loose object %s: %s", name, why);
	return GIT_ERROR;
}

static int read_file(as_buf *out, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? GIT_ENOTFOUND : corrupt(path, strerror(errno));
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		as_buf_put(out, chunk, (size_t)n);
	int e = errno;
	close(fd);
	return n < 0 ? corrupt(path, strerror(e)) : 0;
}

/* "<type> <size>\0": the type and size, or -1. */
static int parse_header(const char *h, size_t len, git_object_t *type, size_t *size)
{
	const char *sp = memchr(h, ' ', len);
	if (!sp)
		return -1;
	size_t tlen = (size_t)(sp - h);
	static const struct { const char *name; git_object_t type; } types[] = {
		{ "commit", GIT_OBJECT_COMMIT }, { "tree", GIT_OBJECT_TREE },
		{ "blob", GIT_OBJECT_BLOB }, { "tag", GIT_OBJECT_TAG },
	};
	*type = GIT_OBJECT_INVALID;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].name) == tlen && !memcmp(h, types[i].name, tlen))
			*type = types[i].type;
	if (*type == GIT_OBJECT_INVALID)
		return -1;
	size_t n = 0;
	const char *p = sp + 1;
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '\0'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (SIZE_MAX - 9) / 10)
			return -1;
		n = n * 10 + (size_t)(*p - '0');
	}
	if (*p != '\0')
		return -1;
	*size = n;
	return 0;
}

/*
 * Inflates the whole file: the header into `hdr`, the rest into a buffer
 * of exactly the size the header gives, plus one byte to catch a stream
 * that carries more. Every input is given at once, so inflate() either
 * makes progress or the stream is broken: no retry loop. Without `data`,
 * only the header is read.
 */
typedef struct {
	void *(*alloc)(void *ctx, size_t n);
	void (*release)(void *ctx, void *p);
	void *ctx;
} allocator;

static int inflate_object(const allocator *a, const char *path, const as_buf *file,
			  void **data, size_t *len, git_object_t *type)
{
	z_stream z = { .next_in = (Bytef *)file->ptr, .avail_in = (uInt)file->len };
	char hdr[64];
	size_t size = 0, have;
	unsigned char *buf = NULL;
	const char *why = NULL;
	int ret;

	if (file->len > UINT_MAX)
		return corrupt(path, "larger than 4 GiB");
	if (inflateInit(&z) != Z_OK)
		return corrupt(path, "zlib cannot start");
	z.next_out = (Bytef *)hdr;
	z.avail_out = sizeof(hdr);
	do {
		ret = inflate(&z, Z_NO_FLUSH);
	} while (ret == Z_OK && z.avail_out && !memchr(hdr, '\0', sizeof(hdr) - z.avail_out));
	have = sizeof(hdr) - z.avail_out;
	const char *nul = memchr(hdr, '\0', have);
	if (ret == Z_BUF_ERROR) {
		why = "the zlib stream ends early (truncated)";
		goto done;
	}
	if (ret != Z_OK && ret != Z_STREAM_END) {
		why = "not zlib data";
		goto done;
	}
	if (!nul || parse_header(hdr, (size_t)(nul - hdr), type, &size) < 0) {
		why = "bad object header";
		goto done;
	}
	size_t body = have - (size_t)(nul + 1 - hdr);
	if (body > size) {
		why = "the object is larger than its header says";
		goto done;
	}
	if (size / MAX_INFLATE_RATIO > file->len) {
		why = "too short for the size its header gives (truncated)";
		goto done;
	}
	if (!data) {
		inflateEnd(&z);
		*len = size;
		return 0;
	}
	buf = a->alloc(a->ctx, size + 1);
	if (!buf) {
		inflateEnd(&z);
		return GIT_ERROR;
	}
	memcpy(buf, nul + 1, body);
	z.next_out = buf + body;
	z.avail_out = (uInt)(size + 1 - body);
	while (ret == Z_OK)
		ret = inflate(&z, Z_FINISH);
	if (ret == Z_BUF_ERROR && !z.avail_out)
		why = "the object is larger than its header says";
	else if (ret == Z_BUF_ERROR)
		why = "the zlib stream ends early (truncated)";
	else if (ret != Z_STREAM_END)
		why = "bad zlib data";
	else if (z.total_out != have + (size - body))
		why = "the object is smaller than its header says";
	/* bytes after the stream are ignored, as git reads them (only
	 * fsck complains) */
done:
	inflateEnd(&z);
	if (why) {
		if (buf)
			a->release(a->ctx, buf);
		return corrupt(path, why);
	}
	buf[size] = '\0';
	*data = buf;
	*len = size;
	return 0;
}

void as_loose_init(as_loose *l, char *const *dirs, size_t ndirs)
{
	memset(l, 0, sizeof(*l));
	l->dirs = dirs;
	l->ndirs = ndirs;
	pthread_mutex_init(&l->lock, NULL);
}

void as_loose_free(as_loose *l)
{
	for (size_t i = 0; i < 256; i++)
		free(l->fans[i].items);
	pthread_mutex_destroy(&l->lock);
	memset(l, 0, sizeof(*l));
}

int as_loose_has(as_loose *l, const git_oid *oid)
{
	return lookup(l, oid) != NULL;
}

int as_loose_read(as_loose *l, const git_oid *oid, void **data, size_t *len,
		  git_object_t *type, void *(*alloc)(void *ctx, size_t n),
		  void (*release)(void *ctx, void *p), void *ctx)
{
	const as_loose_entry *e = lookup(l, oid);
	if (!e)
		return GIT_ENOTFOUND;
	allocator a = { alloc, release, ctx };
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), oid);
	as_buf path = AS_BUF_INIT, file = AS_BUF_INIT;
	as_buf_printf(&path, "%s/%.2s/%s", l->dirs[e->dir], hex, hex + 2);
	int rc = read_file(&file, path.ptr);
	if (rc == 0)
		rc = inflate_object(&a, path.ptr, &file, data, len, type);
	as_buf_free(&path);
	as_buf_free(&file);
	return rc;
}
