/*
 * The objects of a repository's object directories, read on any thread
 * (see objects.h): which directories, the shared registry of opened sets,
 * and the per-thread reader that inflates entries and applies deltas.
 */
#include "source/objects.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libdeflate.h>
#include <zlib.h>

#include "source/commit_graph.h"
#include "source/loose.h"
#include "source/pack.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* git's and libgit2's limit on chained info/alternates */
#define MAX_ALTERNATE_DEPTH 5
/* A delta chain longer than this is a loop or an attack (git repacks at
 * depth 50; index-pack accepts up to 4095 by default). */
#define MAX_CHAIN 10000
/* Delta bases kept per reader, and the largest one kept: trees of
 * consecutive commits are deltas of each other, so the bases of one are
 * the next one's (git's core.deltaBaseCacheLimit is 96 MiB, libgit2's
 * 16 MiB; a reader per thread). */
#define CACHE_BYTES ((size_t)16 << 20)
#define CACHE_MAX_OBJECT ((size_t)1 << 20)
#define CACHE_BUCKETS 4096
/* objects up to this size are inflated whole by libdeflate */
#define WHOLE_MAX ((uint64_t)1 << 20)

struct as_objects {
	char *key;                /* the directories, one per line: the registry's key */
	char **dirs;
	size_t ndirs;
	as_pack *packs;           /* newest first, as git searches them */
	size_t npacks;
	as_loose loose;
	as_commit_graph *graph;   /* NULL: none */
	size_t refs;              /* under registry_lock */
	as_objects *next;
};

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static as_objects *registry;

/* ---- which directories ---------------------------------------------------- */

typedef struct {
	char **items;
	size_t nr;
} dir_list;

static void add_dir(dir_list *l, const char *path, int depth);

static void add_alternates(dir_list *l, const char *dir, int depth)
{
	as_buf file = AS_BUF_INIT, line = AS_BUF_INIT;
	as_buf_printf(&file, "%s/info/alternates", dir);
	FILE *f = fopen(file.ptr, "r");
	as_buf_free(&file);
	if (!f)
		return;
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&s, &cap, f)) > 0) {
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			s[--n] = '\0';
		if (!n || s[0] == '#')
			continue;
		as_buf_clear(&line);
		if (s[0] != '/')
			as_buf_printf(&line, "%s/", dir);
		as_buf_puts(&line, s);
		add_dir(l, line.ptr, depth + 1);
	}
	free(s);
	fclose(f);
	as_buf_free(&line);
}

/* Adds an object directory (once) and the ones its info/alternates name. */
static void add_dir(dir_list *l, const char *path, int depth)
{
	if (depth > MAX_ALTERNATE_DEPTH)
		return;
	char *real = realpath(path, NULL);
	if (!real)
		return; /* libgit2 skips what does not exist, too */
	for (size_t i = 0; i < l->nr; i++) {
		if (!strcmp(l->items[i], real)) {
			free(real);
			return;
		}
	}
	l->items = as_xrealloc(l->items, (l->nr + 1) * sizeof(*l->items));
	l->items[l->nr++] = real;
	add_alternates(l, real, depth);
}

/* The directories libgit2's odb reads, in its order. */
static void find_dirs(dir_list *l, git_repository *repo, unsigned flags)
{
	const char *env = (flags & GIT_REPOSITORY_OPEN_FROM_ENV) ?
		getenv("GIT_OBJECT_DIRECTORY") : NULL;
	if (env && *env) {
		add_dir(l, env, 0);
	} else {
		git_buf objects = GIT_BUF_INIT;
		if (git_repository_item_path(&objects, repo, GIT_REPOSITORY_ITEM_OBJECTS) == 0)
			add_dir(l, objects.ptr, 0);
		git_buf_dispose(&objects);
	}
	env = (flags & GIT_REPOSITORY_OPEN_FROM_ENV) ?
		getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES") : NULL;
	if (!env)
		return;
	char *list = as_xstrdup(env), *save = NULL;
	for (char *p = strtok_r(list, ":", &save); p; p = strtok_r(NULL, ":", &save))
		add_dir(l, p, 0);
	free(list);
}

/* ---- the packs -------------------------------------------------------------- */

typedef struct {
	as_pack pack;
	int64_t mtime;
} dated_pack;

static int newest_first(const void *a, const void *b)
{
	const dated_pack *x = a, *y = b;
	if (x->mtime != y->mtime)
		return x->mtime > y->mtime ? -1 : 1;
	return strcmp(x->pack.path, y->pack.path);
}

/* Every readable pack of the directories. One that is not (being
 * written, an old index version, damaged) is left to libgit2, which says
 * what is wrong with it if an object is ever read from it. */
static void open_packs(as_objects *o)
{
	dated_pack *found = NULL;
	size_t nr = 0, alloc = 0;
	as_buf path = AS_BUF_INIT;
	for (size_t d = 0; d < o->ndirs; d++) {
		as_buf_clear(&path);
		as_buf_printf(&path, "%s/pack", o->dirs[d]);
		DIR *dir = opendir(path.ptr);
		if (!dir)
			continue;
		size_t base = path.len;
		struct dirent *de;
		while ((de = readdir(dir))) {
			size_t n = strlen(de->d_name);
			if (n < 5 || strcmp(de->d_name + n - 4, ".idx"))
				continue;
			as_buf_truncate(&path, base);
			as_buf_printf(&path, "/%s", de->d_name);
			AS_GROW(found, nr + 1, alloc);
			if (as_pack_open(&found[nr].pack, path.ptr) < 0) {
				as_error_clear();
				continue;
			}
			struct stat st;
			found[nr].mtime = stat(found[nr].pack.path, &st) == 0 ? (int64_t)st.st_mtime : 0;
			nr++;
		}
		closedir(dir);
	}
	as_buf_free(&path);
	if (nr)
		qsort(found, nr, sizeof(*found), newest_first);
	o->packs = as_xcalloc(nr + 1, sizeof(*o->packs));
	for (size_t i = 0; i < nr; i++)
		o->packs[i] = found[i].pack;
	o->npacks = nr;
	free(found);
}

/* ---- the registry ------------------------------------------------------------ */

static as_objects *open_dirs(dir_list *l)
{
	as_buf key = AS_BUF_INIT;
	for (size_t i = 0; i < l->nr; i++)
		as_buf_printf(&key, "%s\n", l->items[i]);
	pthread_mutex_lock(&registry_lock);
	as_objects *o;
	for (o = registry; o; o = o->next)
		if (!strcmp(o->key, as_buf_cstr(&key)))
			break;
	if (o) {
		o->refs++;
		for (size_t i = 0; i < l->nr; i++)
			free(l->items[i]);
		free(l->items);
		as_buf_free(&key);
	} else {
		o = as_xcalloc(1, sizeof(*o));
		o->key = as_buf_detach(&key);
		o->dirs = l->items;
		o->ndirs = l->nr;
		o->refs = 1;
		as_loose_init(&o->loose, o->dirs, o->ndirs);
		open_packs(o);
		o->graph = as_commit_graph_open(o->dirs, o->ndirs);
		o->next = registry;
		registry = o;
	}
	pthread_mutex_unlock(&registry_lock);
	return o;
}

int as_objects_open(as_objects **out, git_repository *repo, unsigned flags)
{
	dir_list l = { 0 };
	find_dirs(&l, repo, flags);
	*out = open_dirs(&l);
	return 0;
}

int as_objects_open_dir(as_objects **out, const char *dir)
{
	dir_list l = { 0 };
	add_dir(&l, dir, 0);
	if (!l.nr)
		return as_error_set(AS_EINTERNAL, "%s: not an object directory", dir);
	*out = open_dirs(&l);
	return 0;
}

as_objects *as_objects_ref(as_objects *o)
{
	pthread_mutex_lock(&registry_lock);
	o->refs++;
	pthread_mutex_unlock(&registry_lock);
	return o;
}

void as_objects_free(as_objects *o)
{
	if (!o)
		return;
	pthread_mutex_lock(&registry_lock);
	int last = --o->refs == 0;
	if (last) {
		as_objects **p = &registry;
		while (*p != o)
			p = &(*p)->next;
		*p = o->next;
	}
	pthread_mutex_unlock(&registry_lock);
	if (!last)
		return;
	for (size_t i = 0; i < o->npacks; i++)
		as_pack_close(&o->packs[i]);
	free(o->packs);
	as_loose_free(&o->loose);
	as_commit_graph_free(o->graph);
	for (size_t i = 0; i < o->ndirs; i++)
		free(o->dirs[i]);
	free(o->dirs);
	free(o->key);
	free(o);
}

static long find_packed(const as_objects *o, const git_oid *oid, size_t hint, uint64_t *off)
{
	if (hint < o->npacks && as_pack_find(&o->packs[hint], oid, off))
		return (long)hint;
	for (size_t i = 0; i < o->npacks; i++)
		if (i != hint && as_pack_find(&o->packs[i], oid, off))
			return (long)i;
	return -1;
}

int as_objects_has(as_objects *o, const git_oid *oid)
{
	uint64_t off;
	return find_packed(o, oid, 0, &off) >= 0 || as_loose_has(&o->loose, oid);
}

const as_commit_graph *as_objects_graph(const as_objects *o)
{
	return o->graph;
}

void as_objects_trim(as_objects *o)
{
	for (size_t i = 0; i < o->npacks; i++)
		as_pack_trim(&o->packs[i]);
}

void as_objects_trim_indexes(as_objects *o)
{
	for (size_t i = 0; i < o->npacks; i++)
		as_pack_trim_index(&o->packs[i]);
}

/* ---- the reader: the delta-base cache ------------------------------------------- */

/* An object the reader made: in its cache, or held by a caller after
 * the cache let go of it (detached), or both. */
struct as_objects_held {
	const as_pack *pack;
	uint64_t offset;
	int type;
	unsigned char *data;      /* malloc'd, NUL-terminated */
	size_t len;
	size_t holds;             /* callers keeping it (as_objects_read_held) */
	int detached;             /* out of the cache: the last release frees it */
	struct as_objects_held *chain;     /* same bucket */
	struct as_objects_held *newer, *older;
};
typedef struct as_objects_held cached;

struct as_objects_reader {
	as_objects *o;
	z_stream z;
	int z_ready;
	struct libdeflate_decompressor *deflate; /* whole small objects */
	size_t hint;              /* the pack of the last hit */
	unsigned char *out;       /* what as_objects_read hands out */
	size_t out_cap;
	unsigned char *delta;     /* a delta being applied */
	size_t delta_cap;
	struct link { const as_pack *pack; uint64_t offset; as_pack_entry e; } *chain;
	size_t chain_alloc;
	cached *buckets[CACHE_BUCKETS];
	cached *newest, *oldest;
	size_t cache_bytes, cache_max;
};

static size_t bucket_of(const as_pack *p, uint64_t offset)
{
	uint64_t h = (offset ^ (uint64_t)(uintptr_t)p) * 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 52) & (CACHE_BUCKETS - 1);
}

static void lru_unlink(as_objects_reader *r, cached *c)
{
	if (c->newer)
		c->newer->older = c->older;
	else
		r->newest = c->older;
	if (c->older)
		c->older->newer = c->newer;
	else
		r->oldest = c->newer;
}

static void lru_push(as_objects_reader *r, cached *c)
{
	c->older = r->newest;
	c->newer = NULL;
	if (r->newest)
		r->newest->newer = c;
	r->newest = c;
	if (!r->oldest)
		r->oldest = c;
}

static cached *cache_get(as_objects_reader *r, const as_pack *p, uint64_t offset)
{
	for (cached *c = r->buckets[bucket_of(p, offset)]; c; c = c->chain) {
		if (c->pack == p && c->offset == offset) {
			lru_unlink(r, c);
			lru_push(r, c);
			return c;
		}
	}
	return NULL;
}

static void node_free(cached *c)
{
	free(c->data);
	free(c);
}

/* Takes `c` out of the cache; a held one lives on until its release. */
static void cache_drop(as_objects_reader *r, cached *c)
{
	cached **b = &r->buckets[bucket_of(c->pack, c->offset)];
	while (*b != c)
		b = &(*b)->chain;
	*b = c->chain;
	lru_unlink(r, c);
	r->cache_bytes -= c->len;
	if (c->holds)
		c->detached = 1;
	else
		node_free(c);
}

static void hold(cached *c)
{
	c->holds++;
}

void as_objects_release(as_objects_held *h)
{
	if (h && !--h->holds && h->detached)
		node_free(h);
}

/* A node for `data` (malloc'd, NUL-terminated at len: the node's from
 * now on), in no cache. */
static cached *node_new(int type, unsigned char *data, size_t len)
{
	cached *c = as_xcalloc(1, sizeof(*c));
	c->type = type;
	c->data = data;
	c->len = len;
	c->detached = 1;
	return c;
}

/*
 * Keeps the object just made in *buf (NUL-terminated at len) by taking
 * the buffer itself, not a copy: the reader makes its next object in a
 * new one. Evicts the least recently used past cache_max. Returns the
 * node, or NULL when it is not kept (too large, or there already) and
 * *buf stays the caller's.
 */
static cached *cache_take(as_objects_reader *r, const as_pack *p, uint64_t offset, int type,
			  unsigned char **buf, size_t *cap, size_t len)
{
	if (len > CACHE_MAX_OBJECT || cache_get(r, p, offset))
		return NULL;
	while (r->oldest && r->cache_bytes + len > r->cache_max)
		cache_drop(r, r->oldest);
	/* a buffer grown by doubling can be nearly twice the object: give
	 * the rest back (in place) rather than keep it in the cache */
	if (*cap - len > len / 8)
		*buf = as_xrealloc(*buf, len + 1);
	cached *c = node_new(type, *buf, len);
	*buf = NULL;
	*cap = 0;
	c->pack = p;
	c->offset = offset;
	c->detached = 0;
	size_t b = bucket_of(p, offset);
	c->chain = r->buckets[b];
	r->buckets[b] = c;
	lru_push(r, c);
	r->cache_bytes += len;
	return c;
}

as_objects_reader *as_objects_reader_new(as_objects *o)
{
	as_objects_reader *r = as_xcalloc(1, sizeof(*r));
	r->o = o ? as_objects_ref(o) : NULL;
	r->cache_max = CACHE_BYTES;
	return r;
}

void as_objects_reader_set_cache(as_objects_reader *r, size_t bytes)
{
	if (r)
		r->cache_max = bytes;
}

void as_objects_reader_free(as_objects_reader *r)
{
	if (!r)
		return;
	while (r->oldest)
		cache_drop(r, r->oldest);
	if (r->z_ready)
		inflateEnd(&r->z);
	if (r->deflate)
		libdeflate_free_decompressor(r->deflate);
	free(r->out);
	free(r->delta);
	free(r->chain);
	as_objects_free(r->o);
	free(r);
}

/* ---- the reader: inflating and applying deltas ----------------------------------- */

/* Grows *buf to `need` bytes at least: doubling, but a fresh buffer is
 * made to measure (the cache often takes it whole: cache_take). */
static void grow(unsigned char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : need;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	*buf = as_xrealloc(*buf, n);
	*cap = n;
}

/* Names the pack by its file name only: the message may reach a pusher,
 * who need not learn the server's paths. */
static int corrupt(const as_pack *p, uint64_t offset, const char *why)
{
	const char *name = strrchr(p->path, '/');
	return as_error_set(AS_EINTERNAL, "%s: object at offset %llu: %s", name ? name + 1 : p->path,
			    (unsigned long long)offset, why);
}

/*
 * Inflates the stream of entry `e` (at `offset`) into *buf: its first
 * `want` bytes, or all e->size of them with want >= e->size — then the
 * stream must end exactly there, as git checks. The buffer only grows as
 * output comes (a header's size is not trusted with an allocation), and
 * ends with a NUL. Returns the bytes produced, or AS_EINTERNAL.
 */
static long long inflate_entry(as_objects_reader *r, const as_pack *p, uint64_t offset,
			       const as_pack_entry *e, uint64_t want, unsigned char **buf,
			       size_t *cap)
{
	uint64_t n = want < e->size ? want : e->size;
	if (n >= SIZE_MAX / 2 || n > (uint64_t)LLONG_MAX)
		return corrupt(p, offset, "too large");
	uint64_t avail = p->data_len - 20 - e->data;
	/*
	 * A small object is inflated whole by libdeflate, about twice as
	 * fast as zlib: a commit's header alone costs zlib nearly what the
	 * whole commit costs libdeflate. (Whole-buffer only: it needs the
	 * size up front, which is trusted up to WHOLE_MAX.)
	 */
	if (e->size <= WHOLE_MAX) {
		if (!r->deflate && !(r->deflate = libdeflate_alloc_decompressor()))
			as_die_oom();
		grow(buf, cap, (size_t)e->size + 1);
		size_t in_used, got;
		enum libdeflate_result res = libdeflate_zlib_decompress_ex(
			r->deflate, p->data + e->data, (size_t)avail, *buf, (size_t)e->size,
			&in_used, &got);
		if (res != LIBDEFLATE_SUCCESS)
			return corrupt(p, offset, res == LIBDEFLATE_SHORT_OUTPUT
				       ? "smaller than its header says"
				       : res == LIBDEFLATE_INSUFFICIENT_SPACE
				       ? "larger than its header says" : "bad zlib data");
		if (got != e->size)
			return corrupt(p, offset, "smaller than its header says");
		(*buf)[got] = '\0';
		return (long long)got;
	}
	if (!r->z_ready) {
		if (inflateInit(&r->z) != Z_OK)
			return corrupt(p, offset, "zlib cannot start");
		r->z_ready = 1;
	} else if (inflateReset(&r->z) != Z_OK) {
		return corrupt(p, offset, "zlib cannot restart");
	}
	r->z.next_in = (Bytef *)(uintptr_t)(p->data + e->data);
	r->z.avail_in = avail > UINT_MAX ? UINT_MAX : (uInt)avail;

	size_t have = 0;
	int ret = Z_OK;
	while (have < n) {
		size_t target = have ? have * 2 : 65536;
		if (target > n || target < have)
			target = (size_t)n;
		grow(buf, cap, target + 1);
		size_t room = target - have;
		r->z.next_out = *buf + have;
		r->z.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		uInt before = r->z.avail_out;
		ret = inflate(&r->z, Z_NO_FLUSH);
		have += before - r->z.avail_out;
		if (ret == Z_STREAM_END)
			break;
		if (ret != Z_OK)
			return corrupt(p, offset, ret == Z_BUF_ERROR ? "truncated" : "bad zlib data");
	}
	if (have < n)
		return corrupt(p, offset, "smaller than its header says");
	if (n == e->size && ret != Z_STREAM_END) {
		/* the whole object: one more byte of room must see the end */
		unsigned char extra;
		r->z.next_out = &extra;
		r->z.avail_out = 1;
		ret = inflate(&r->z, Z_FINISH);
		if (ret != Z_STREAM_END)
			return corrupt(p, offset, r->z.avail_out ? "truncated"
								 : "larger than its header says");
	}
	(*buf)[have] = '\0';
	return (long long)have;
}

/* A delta's size header: 7 bits a byte, least significant first. */
static int delta_size(const unsigned char **p, const unsigned char *end, uint64_t *out)
{
	uint64_t v = 0;
	for (unsigned shift = 0;; shift += 7) {
		if (*p >= end || shift > 63)
			return -1;
		unsigned c = *(*p)++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			break;
	}
	*out = v;
	return 0;
}

/* git's patch_delta: `delta` applied to `base`, into *buf (NUL-terminated).
 * Returns the result's length, or -1 when the delta is malformed. */
static long long apply_delta(const unsigned char *base, size_t base_len,
			     const unsigned char *delta, size_t delta_len,
			     unsigned char **buf, size_t *cap)
{
	const unsigned char *d = delta, *end = delta + delta_len;
	uint64_t src, dst;
	if (delta_size(&d, end, &src) < 0 || delta_size(&d, end, &dst) < 0 || src != base_len ||
	    dst >= SIZE_MAX / 2 || dst > (uint64_t)LLONG_MAX)
		return -1;
	/* a delta cannot make more than 0x10000 bytes per byte of its own:
	 * no allocation beyond what it can fill */
	if (dst / 0x10000 > delta_len)
		return -1;
	grow(buf, cap, (size_t)dst + 1);
	unsigned char *out = *buf;
	size_t left = (size_t)dst;
	while (d < end) {
		unsigned cmd = *d++;
		if (cmd & 0x80) {
			uint64_t off = 0, size = 0;
			for (int i = 0; i < 4; i++)
				if (cmd & (1u << i)) {
					if (d >= end)
						return -1;
					off |= (uint64_t)*d++ << (8 * i);
				}
			for (int i = 0; i < 3; i++)
				if (cmd & (0x10u << i)) {
					if (d >= end)
						return -1;
					size |= (uint64_t)*d++ << (8 * i);
				}
			if (!size)
				size = 0x10000;
			if (off > base_len || size > base_len - off || size > left)
				return -1;
			memcpy(out, base + off, (size_t)size);
			out += size;
			left -= (size_t)size;
		} else if (cmd) {
			if (cmd > left || (size_t)(end - d) < cmd)
				return -1;
			memcpy(out, d, cmd);
			out += cmd;
			d += cmd;
			left -= cmd;
		} else {
			return -1; /* opcode 0 is reserved */
		}
	}
	if (left)
		return -1;
	*out = '\0';
	return (long long)dst;
}

/* The base of a REF_DELTA: in the same pack first (git looks there
 * only), then anywhere. */
static const as_pack *ref_base(as_objects_reader *r, const as_pack *p, const unsigned char *id,
			       uint64_t *off)
{
	git_oid oid;
	memcpy(oid.id, id, GIT_OID_RAWSZ);
	if (as_pack_find(p, &oid, off))
		return p;
	long i = find_packed(r->o, &oid, r->hint, off);
	return i < 0 ? NULL : &r->o->packs[i];
}

/*
 * Reads the entry at (p, offset): a whole object directly, a delta by
 * walking down its chain to a base (cached, or stored whole) and
 * applying the deltas back up. Every object made on the way is kept in
 * the cache by its buffer, not a copy (the bases of one commit's trees
 * are the next one's), and so is a tree read (often the base of the next
 * commit's). *node is the result's node in the cache, or NULL when the
 * result is in r->out only.
 */
static int read_entry(as_objects_reader *r, const as_pack *p, uint64_t offset, size_t want,
		      as_object *out, cached **node)
{
	as_pack_entry e;
	cached *hit = cache_get(r, p, offset);
	*node = hit;
	if (hit) {
		/* (valid until the next read, as out->data always is) */
		*out = (as_object){ (git_object_t)hit->type, hit->data, hit->len, hit->len };
		return 0;
	}
	int err = as_pack_entry_at(p, offset, &e);
	if (err < 0)
		return err;
	if (e.type <= AS_PACK_TAG) {
		long long n = inflate_entry(r, p, offset, &e, want ? want : UINT64_MAX,
					    &r->out, &r->out_cap);
		if (n < 0)
			return (int)n;
		if (e.type == AS_PACK_TREE && (uint64_t)n == e.size)
			*node = cache_take(r, p, offset, e.type, &r->out, &r->out_cap, (size_t)n);
		*out = (as_object){ (git_object_t)e.type, *node ? (*node)->data : r->out, (size_t)n,
				    (size_t)e.size };
		return 0;
	}

	/* down the chain */
	size_t depth = 0;
	const as_pack *bp = p;
	uint64_t boff = offset;
	for (;;) {
		if (depth && (hit = cache_get(r, bp, boff)) != NULL)
			break;
		if (depth && (err = as_pack_entry_at(bp, boff, &e)) < 0)
			return err;
		if (e.type <= AS_PACK_TAG)
			break;
		if (depth == MAX_CHAIN)
			return corrupt(p, offset, "delta chain too long (a loop?)");
		AS_GROW(r->chain, depth + 1, r->chain_alloc);
		r->chain[depth++] = (struct link){ bp, boff, e };
		if (e.type == AS_PACK_OFS_DELTA) {
			boff = e.base;
		} else if (!(bp = ref_base(r, bp, e.base_id, &boff))) {
			return corrupt(p, offset, "the base of a delta is missing");
		}
	}

	/* The object below the next delta: a node of the cache, held while
	 * the delta reads it (a node the cache evicts meanwhile stays), or
	 * a buffer of our own when the cache does not take it. */
	cached *held = hit;
	unsigned char *own = NULL, *next = NULL;
	size_t own_cap = 0, next_cap = 0, base_len;
	int type;
	if (!held) {
		long long n = inflate_entry(r, bp, boff, &e, UINT64_MAX, &own, &own_cap);
		if (n < 0) {
			free(own);
			return (int)n;
		}
		held = cache_take(r, bp, boff, e.type, &own, &own_cap, (size_t)n);
		type = e.type;
		base_len = (size_t)n;
	}
	if (held) {
		hold(held);
		type = held->type;
		base_len = held->len;
	}
	const unsigned char *base = held ? held->data : own;

	/* back up: each delta applied to the object below it */
	while (depth--) {
		const struct link *l = &r->chain[depth];
		long long dn = inflate_entry(r, l->pack, l->offset, &l->e, UINT64_MAX,
					     &r->delta, &r->delta_cap);
		long long n = dn < 0 ? dn
			: apply_delta(base, base_len, r->delta, (size_t)dn,
				      depth ? &next : &r->out, depth ? &next_cap : &r->out_cap);
		as_objects_release(held);
		held = NULL;
		if (n < 0) {
			err = dn < 0 ? (int)dn : corrupt(l->pack, l->offset, "malformed delta");
			break;
		}
		base_len = (size_t)n;
		if (!depth)
			break;
		if ((held = cache_take(r, l->pack, l->offset, type, &next, &next_cap, base_len))) {
			hold(held);
			base = held->data;
		} else {
			unsigned char *t = own;
			size_t tc = own_cap;
			own = next;
			own_cap = next_cap;
			next = t;
			next_cap = tc;
			base = own;
		}
	}
	free(own);
	free(next);
	if (err < 0)
		return err;
	if (type == GIT_OBJECT_TREE)
		*node = cache_take(r, p, offset, type, &r->out, &r->out_cap, base_len);
	*out = (as_object){ (git_object_t)type, *node ? (*node)->data : r->out, base_len, base_len };
	return 0;
}

/* loose.c's error, said as it is (it names the file) */
static int loose_failed(void)
{
	const git_error *e = git_error_last();
	return as_error_set(AS_EINTERNAL, "%s", e && e->message ? e->message : "unreadable loose object");
}

static void *out_alloc(void *ctx, size_t n)
{
	as_objects_reader *r = ctx;
	grow(&r->out, &r->out_cap, n);
	return r->out;
}

static void out_release(void *ctx, void *p)
{
	(void)ctx;
	(void)p;
}

/* as_objects_read, with the result's node in the cache (or NULL: the
 * result is in r->out). */
static int read_oid(as_objects_reader *r, const git_oid *oid, size_t want, as_object *out,
		    cached **node)
{
	uint64_t off;
	*node = NULL;
	if (!r->o)
		return AS_ENOTFOUND;
	long i = find_packed(r->o, oid, r->hint, &off);
	if (i >= 0) {
		r->hint = (size_t)i;
		return read_entry(r, &r->o->packs[i], off, want, out, node);
	}
	void *data;
	size_t len;
	git_object_t type;
	int rc = as_loose_read(&r->o->loose, oid, &data, &len, &type, out_alloc, out_release, r);
	if (rc == GIT_ENOTFOUND)
		return AS_ENOTFOUND;
	if (rc < 0)
		return loose_failed();
	*out = (as_object){ type, data, len, len };
	return 0;
}

int as_objects_read(as_objects_reader *r, const git_oid *oid, size_t want, as_object *out)
{
	cached *node;
	return read_oid(r, oid, want, out, &node);
}

int as_objects_read_held(as_objects_reader *r, const git_oid *oid, as_object *out,
			 as_objects_held **held)
{
	cached *node;
	int err = read_oid(r, oid, 0, out, &node);
	*held = NULL;
	if (err < 0)
		return err;
	if (!node) {
		/* in r->out only: the caller takes the buffer */
		node = node_new(out->type, r->out, out->len);
		r->out = NULL;
		r->out_cap = 0;
	}
	hold(node);
	*held = node;
	return 0;
}

size_t as_objects_npacks(const as_objects *o)
{
	return o->npacks;
}

const as_pack *as_objects_pack(const as_objects *o, size_t i)
{
	return &o->packs[i];
}

int as_objects_read_at(as_objects_reader *r, size_t pack, uint64_t offset, as_object *out)
{
	cached *node;
	return read_entry(r, &r->o->packs[pack], offset, 0, out, &node);
}

int as_objects_read_header(as_objects_reader *r, const git_oid *oid, as_object *out)
{
	uint64_t off;
	if (!r->o)
		return AS_ENOTFOUND;
	long i = find_packed(r->o, oid, r->hint, &off);
	if (i >= 0) {
		as_pack_entry e;
		int err = as_pack_entry_at(&r->o->packs[i], off, &e);
		if (err < 0)
			return err;
		if (e.type > AS_PACK_TAG) /* a delta's type is its base's */
			return as_objects_read(r, oid, 0, out);
		*out = (as_object){ (git_object_t)e.type, NULL, 0, (size_t)e.size };
		return 0;
	}
	size_t len;
	git_object_t type;
	int rc = as_loose_read(&r->o->loose, oid, NULL, &len, &type, out_alloc, out_release, r);
	if (rc == GIT_ENOTFOUND)
		return AS_ENOTFOUND;
	if (rc < 0)
		return loose_failed();
	*out = (as_object){ type, NULL, 0, len };
	return 0;
}

int as_objects_read_any(as_objects_reader *r, git_odb *odb, const git_oid *oid, size_t want,
			as_object *out)
{
	int err = as_objects_read(r, oid, want, out);
	char hex[GIT_OID_HEXSZ + 1];
	if (err < 0 && err != AS_ENOTFOUND) {
		/* (the message names the pack or file: the object too) */
		git_oid_tostr(hex, sizeof(hex), oid);
		return as_error_set(err, "%s: %s", hex, as_error_msg());
	}
	if (err != AS_ENOTFOUND)
		return err;
	git_odb_object *obj;
	if (!odb || git_odb_read(&obj, odb, oid) < 0) {
		git_oid_tostr(hex, sizeof(hex), oid);
		return odb ? as_error_git(AS_EINTERNAL, hex)
			   : as_error_set(AS_EINTERNAL, "%s: object not found", hex);
	}
	size_t len = git_odb_object_size(obj);
	grow(&r->out, &r->out_cap, len + 1);
	memcpy(r->out, git_odb_object_data(obj), len);
	r->out[len] = '\0';
	*out = (as_object){ git_odb_object_type(obj), r->out, len, len };
	git_odb_object_free(obj);
	return 0;
}
