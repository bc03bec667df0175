/*
 * Changed paths: a hand-written tree comparison, git's tree-diff.c
 * (ll_diff_tree_paths with -r, no pathspec) over raw tree objects.
 *
 * Why not git_diff_tree_to_tree: it expands both trees fully for every
 * commit (LIBNOTES: 15 s for 20,000 commits where git log takes 0.86 s).
 * Comparing the two sorted entry lists in step and descending only into
 * subtrees whose ids differ reads a handful of trees per commit.
 */
#include "source/paths.h"

#include <stdlib.h>
#include <string.h>

#include "source/objects.h"
#include "source/repo.h"
#include "util/alloc.h"
#include "util/error.h"

#define M_FMT 0170000u
#define M_REG 0100000u
#define M_LNK 0120000u
#define M_DIR 0040000u
#define M_GITLINK 0160000u

/* The word-at-a-time scans below find the first flagged byte with a
 * count of trailing zeros: right on little-endian machines only. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDWISE 1
#else
#define WORDWISE 0
#endif

/* ---- parsed trees ------------------------------------------------------ */

/* One entry of a parsed tree: where it starts in the raw object, and its
 * canonical mode. The name runs from after the mode's space to the NUL
 * that sits 21 bytes before the next entry's start. */
typedef struct {
	uint32_t off;
	uint32_t mode;
} tree_ent;

/*
 * A tree object and the index of its entries, made only as far as a
 * comparison went: ents[0..n) are known and ents[n].off is where the next
 * one starts (the object's size once all are known), so that every known
 * entry has a "next". An entry is parsed (tree_parse_next) or, inside a
 * run of bytes the other tree of a comparison has too, copied from that
 * tree's index (skip_identical): a commit's tree is mostly its parent's,
 * so most of the index of one is a copy of the other's.
 */
typedef struct {
	as_objects_held *held;    /* the bytes: our reader's, or */
	git_odb_object *obj;      /* libgit2's */
	const unsigned char *data;
	size_t size;
	git_oid oid;              /* (for errors) */
	uint32_t n;
	tree_ent ents[];          /* room for every entry the size allows, plus one */
} tree_info;

/* git's canon_mode(): what the mode of an entry means, whatever spelling. */
static uint32_t canon_mode(uint32_t mode)
{
	switch (mode & M_FMT) {
	case M_REG:
		return M_REG | ((mode & 0100) ? 0755 : 0644);
	case M_LNK:
		return M_LNK;
	case M_DIR:
		return M_DIR;
	default:
		return M_GITLINK;
	}
}

/* "<what> <hex>: <libgit2's message>" */
static int git_fail(const char *what, const git_oid *id)
{
	const git_error *e = git_error_last();
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	return as_error_set(AS_EINTERNAL, "%s %s: %s", what, hex,
			    e && e->message ? e->message : "cannot be read");
}

static int malformed(const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	return as_error_set(AS_EINTERNAL, "tree %s: malformed entry", hex);
}

/* The first NUL byte in [p, end), or NULL: eight bytes at a time (names
 * are short; a memchr call per name costs more than the search). */
static const unsigned char *find_nul(const unsigned char *p, const unsigned char *end)
{
	while (WORDWISE && end - p >= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		uint64_t z = (v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull;
		if (z)   /* the lowest flagged byte is the first NUL (little-endian) */
			return p + (__builtin_ctzll(z) >> 3);
		p += 8;
	}
	for (; p < end; p++)
		if (!*p)
			return p;
	return NULL;
}

/* Has every entry been indexed? */
static int tree_done(const tree_info *t)
{
	return t->ents[t->n].off == t->size;
}

/* Indexes the next entry (git's decode_tree_entry: an octal mode, a
 * space, a non-empty name, a NUL, a 20-byte id). */
static int tree_parse_next(tree_info *t)
{
	const unsigned char *d = t->data, *end = d + t->size;
	const unsigned char *start = d + t->ents[t->n].off, *p = start;
	uint32_t mode = 0;
	/* the modes of nearly every entry, then the general case */
	if (end - p >= 7 && !memcmp(p, "100644 ", 7)) {
		mode = 0100644;
		p += 6;
	} else if (end - p >= 7 && !memcmp(p, "100755 ", 7)) {
		mode = 0100755;
		p += 6;
	} else if (end - p >= 6 && !memcmp(p, "40000 ", 6)) {
		mode = 040000;
		p += 5;
	}
	while (p < end && *p != ' ') {
		unsigned digit = (unsigned)*p++ - '0';
		if (digit > 7 || mode > 0777777)
			return malformed(&t->oid);
		mode = (mode << 3) | digit;
	}
	if (p == start || p >= end)
		return malformed(&t->oid);
	p++;
	const unsigned char *nul = find_nul(p, end);
	if (!nul || nul == p || (size_t)(end - nul) < 1 + GIT_OID_RAWSZ)
		return malformed(&t->oid);
	t->ents[t->n].mode = canon_mode(mode);
	t->n++;
	t->ents[t->n].off = (uint32_t)(nul + 1 + GIT_OID_RAWSZ - d);
	t->ents[t->n].mode = 0;
	return 0;
}

/* Indexes entries up to entry `i`: 1 when the tree has it, 0 when it
 * ends before, or an error. */
static int tree_reach(tree_info *t, uint32_t i)
{
	while (t->n <= i) {
		if (tree_done(t))
			return 0;
		int err = tree_parse_next(t);
		if (err < 0)
			return err;
	}
	return 1;
}

/*
 * Reads a tree, its index empty (entries are indexed as needed): with our
 * reader when the odb has ours (the reader's own bytes, held: no copy
 * into a libgit2 object), else, or when ours does not have it (an object
 * written since), with libgit2.
 */
static int tree_read(tree_info **out, as_objects_reader *reader, git_odb *odb,
		     const git_oid *oid)
{
	as_objects_held *held = NULL;
	git_odb_object *obj = NULL;
	as_object o;
	char hex[GIT_OID_HEXSZ + 1];

	int err = reader ? as_objects_read_held(reader, oid, &o, &held) : AS_ENOTFOUND;
	if (err == AS_ENOTFOUND) {
		if (git_odb_read(&obj, odb, oid) < 0)
			return git_fail("tree", oid);
		o.type = git_odb_object_type(obj);
		o.data = git_odb_object_data(obj);
		o.len = o.size = git_odb_object_size(obj);
	} else if (err < 0) {
		git_oid_tostr(hex, sizeof(hex), oid);
		return as_error_set(err, "tree %s: %s", hex, as_error_msg());
	}
	if (o.type != GIT_OBJECT_TREE || o.len >= UINT32_MAX) {
		as_objects_release(held);
		git_odb_object_free(obj);
		if (o.type == GIT_OBJECT_TREE)
			return malformed(oid);
		git_oid_tostr(hex, sizeof(hex), oid);
		return as_error_set(AS_EINTERNAL, "object %s: a tree was expected", hex);
	}
	/* an entry is 24 bytes at least ("1 x", NUL, 20 bytes of id) */
	size_t room = o.len / 24 + 1;
	tree_info *t = as_xmalloc(sizeof(*t) + room * sizeof(tree_ent));
	t->held = held;
	t->obj = obj;
	t->data = o.data;
	t->size = o.len;
	git_oid_cpy(&t->oid, oid);
	t->n = 0;
	t->ents[0].off = 0;
	t->ents[0].mode = 0;
	*out = t;
	return 0;
}

/* What the cache counts for a tree: its bytes and its index's room. */
static size_t tree_bytes_used(const tree_info *t)
{
	return t->size + (t->size / 24 + 1) * sizeof(tree_ent);
}

static void tree_free(tree_info *t)
{
	if (t) {
		as_objects_release(t->held);
		git_odb_object_free(t->obj);
		free(t);
	}
}

/* ---- the caches ---------------------------------------------------------- */

/*
 * The trees (parsed) and blobs read lately. In a walk the next commit is
 * often the parent of the last one, so the "old" trees of a commit are the
 * "new" trees of one processed shortly before, and a blob a commit
 * replaced is read again soon by the commit that brought it: keeping them
 * saves most reads. A table keeps everything until it holds `max_items`
 * objects or `max_bytes` bytes; then, at the end of a call, it drops every
 * object that call did not use. It so holds at most that much plus one
 * commit's objects.
 */
typedef struct {
	git_oid oid;
	void *obj;             /* NULL: empty slot */
	size_t bytes;
	uint32_t gen;
} cache_slot;

typedef struct {
	cache_slot *slots, *spare;
	size_t nslots, used, bytes;
	size_t max_items, max_bytes;
	void (*free_obj)(void *);
} cache_table;

struct as_paths_cache {
	cache_table trees;       /* tree_info */
	cache_table blobs;       /* git_blob */
	uint32_t gen;            /* one per call */
	/* this call's odb's reader, when it has ours (repo.h) */
	as_objects_reader *reader;
};

static size_t oid_hash(const git_oid *oid)
{
	size_t h;
	memcpy(&h, oid->id, sizeof(h));
	return h;
}

static void table_insert(cache_slot *slots, size_t nslots, const cache_slot *e)
{
	size_t i = oid_hash(&e->oid) & (nslots - 1);
	while (slots[i].obj)
		i = (i + 1) & (nslots - 1);
	slots[i] = *e;
}

/* The object cached for `oid` (now marked used by call `gen`), or NULL. */
static void *table_get(cache_table *t, const git_oid *oid, uint32_t gen)
{
	if (!t->nslots)
		return NULL;
	for (size_t i = oid_hash(oid) & (t->nslots - 1); t->slots[i].obj;
	     i = (i + 1) & (t->nslots - 1)) {
		if (git_oid_equal(&t->slots[i].oid, oid)) {
			t->slots[i].gen = gen;
			return t->slots[i].obj;
		}
	}
	return NULL;
}

static void table_put(cache_table *t, const git_oid *oid, void *obj, size_t bytes,
		      uint32_t gen)
{
	if ((t->used + 1) * 2 > t->nslots) {
		size_t n = t->nslots ? t->nslots * 2 : 256;
		cache_slot *slots = as_xcalloc(n, sizeof(*slots));
		for (size_t i = 0; i < t->nslots; i++)
			if (t->slots[i].obj)
				table_insert(slots, n, &t->slots[i]);
		free(t->slots);
		free(t->spare);
		t->slots = slots;
		t->spare = as_xcalloc(n, sizeof(*t->spare));
		t->nslots = n;
	}
	cache_slot e = { .obj = obj, .bytes = bytes, .gen = gen };
	git_oid_cpy(&e.oid, oid);
	table_insert(t->slots, t->nslots, &e);
	t->used++;
	t->bytes += bytes;
}

/* End of call `gen`: when the table is full, keep only what it used. */
static void table_end(cache_table *t, uint32_t gen)
{
	if (t->used <= t->max_items && t->bytes <= t->max_bytes)
		return;
	memset(t->spare, 0, t->nslots * sizeof(*t->spare));
	t->used = t->bytes = 0;
	for (size_t i = 0; i < t->nslots; i++) {
		cache_slot *s = &t->slots[i];
		if (!s->obj)
			continue;
		if (s->gen == gen) {
			table_insert(t->spare, t->nslots, s);
			t->used++;
			t->bytes += s->bytes;
		} else {
			t->free_obj(s->obj);
		}
	}
	cache_slot *x = t->slots;
	t->slots = t->spare;
	t->spare = x;
}

static void table_free(cache_table *t)
{
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slots[i].obj)
			t->free_obj(t->slots[i].obj);
	free(t->slots);
	free(t->spare);
}

static void free_tree(void *t)
{
	tree_free(t);
}

static void free_blob(void *b)
{
	git_blob_free(b);
}

static as_paths_cache *cache_new(void)
{
	as_paths_cache *c = as_xcalloc(1, sizeof(*c));
	c->trees.max_items = 4096;
	c->trees.max_bytes = (size_t)16 << 20;
	c->trees.free_obj = free_tree;
	c->blobs.max_items = 4096;
	c->blobs.max_bytes = (size_t)32 << 20;
	c->blobs.free_obj = free_blob;
	return c;
}

static void cache_free(as_paths_cache *c)
{
	if (!c)
		return;
	table_free(&c->trees);
	table_free(&c->blobs);
	free(c);
}

/* A tree, read or borrowed from the cache (valid until the end of the
 * call). */
static int cache_get(as_paths_cache *c, git_odb *odb, const git_oid *oid, tree_info **out)
{
	tree_info *t = table_get(&c->trees, oid, c->gen);
	if (!t) {
		int err = tree_read(&t, c->reader, odb, oid);
		if (err < 0)
			return err;
		table_put(&c->trees, oid, t, tree_bytes_used(t), c->gen);
	}
	*out = t;
	return 0;
}

/* ---- walking two trees in step ----------------------------------------- */

typedef struct {
	tree_info *t;             /* NULL: the empty tree */
	uint32_t i;               /* current entry */
	/* the current entry, decoded */
	const char *name;
	size_t namelen;
	uint32_t mode;
	const unsigned char *id;
	int valid;                /* 0: past the last entry */
} cursor;

/* Decodes entry c->i, indexing it first when it is not yet. */
static int cursor_load(cursor *c)
{
	int has = c->t ? tree_reach(c->t, c->i) : 0;
	c->valid = has > 0;
	if (has <= 0)
		return has;
	const unsigned char *d = c->t->data;
	const tree_ent *e = &c->t->ents[c->i];
	const unsigned char *sp = memchr(d + e->off, ' ', 8);
	size_t name_end = c->t->ents[c->i + 1].off - 1 - GIT_OID_RAWSZ;
	c->name = (const char *)sp + 1;
	c->namelen = name_end - (size_t)(sp + 1 - d);
	c->mode = e->mode;
	c->id = d + name_end + 1;
	return 0;
}

static int cursor_start(cursor *c, tree_info *t)
{
	c->t = t;
	c->i = 0;
	return cursor_load(c);
}

static int cursor_next(cursor *c)
{
	c->i++;
	return cursor_load(c);
}

/*
 * How many leading bytes of a and b are equal (n at most). The runs are
 * long (the rest of a tree after its one changed entry): libc's memcmp
 * (vectorised) checks blocks that double while they are equal, then
 * 256-byte ones inside the first block that is not, then words.
 */
static size_t common_prefix(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i = 0, block = 256;
	while (n - i >= block && !memcmp(a + i, b + i, block)) {
		i += block;
		if (block < 16384)
			block *= 2;
	}
	while (n - i >= 256 && !memcmp(a + i, b + i, 256))
		i += 256;
	while (WORDWISE && i + 8 <= n) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return i + (size_t)(__builtin_ctzll(x ^ y) >> 3);
		i += 8;
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* Appends `count` entries of `from`'s index from entry `first` on to
 * `to`'s, their offsets moved by `shift` (modulo 2^32). */
static void copy_index(tree_info *to, const tree_info *from, uint32_t first, uint32_t count,
		       uint32_t shift)
{
	tree_ent *restrict d = &to->ents[to->n];
	const tree_ent *restrict e = &from->ents[first];
	/* (entry n's offset is known already: the copy starts with its mode) */
	if (!shift) {
		memcpy(d + 1, e + 1, count * sizeof(*d));
		d[0].mode = e[0].mode;
	} else {
		for (uint32_t k = 0; k < count; k++) {
			d[k].mode = e[k].mode;
			d[k + 1].off = e[k + 1].off + shift;
		}
	}
	d[count].mode = 0;
	to->n += count;
}

/*
 * Skips the run of byte-identical entries at both cursors. Both stand at
 * entry starts; bytes equal from there parse into the same entries, so
 * the entry boundaries inside the longest common prefix are the same in
 * both, shifted. They are found in the index of the tree that has more
 * of the run indexed (parsing what it lacks), with a binary search, and
 * the other tree's index gets them by copy: a commit's tree is read for
 * the first time with its parent's, indexed already, so nearly none of
 * its entries is ever parsed. Most entries of a commit's trees are
 * skipped so, at the cost of a memcmp.
 */
static int skip_identical(cursor *a, cursor *b)
{
	size_t pa = a->t->ents[a->i].off, pb = b->t->ents[b->i].off;
	size_t ra = a->t->size - pa, rb = b->t->size - pb;
	size_t same = common_prefix(a->t->data + pa, b->t->data + pb, ra < rb ? ra : rb);
	if (same < (size_t)(a->t->ents[a->i + 1].off - pa))
		return 0;   /* the first entries differ already */

	int a_further = a->t->ents[a->t->n].off - pa >= b->t->ents[b->t->n].off - pb;
	cursor *src = a_further ? a : b, *dst = a_further ? b : a;
	tree_info *ts = src->t, *td = dst->t;
	size_t ps = a_further ? pa : pb, pd = a_further ? pb : pa;
	while (!tree_done(ts) && ts->ents[ts->n].off <= ps + same) {
		int err = tree_parse_next(ts);
		if (err < 0)
			return err;
	}
	/* largest k with ents[k].off <= ps + same: the run is [src->i, k) */
	uint32_t lo = src->i + 1, hi = ts->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo + 1) / 2;
		if (ts->ents[mid].off <= ps + same)
			lo = mid;
		else
			hi = mid - 1;
	}
	uint32_t run = lo - src->i;
	/* the run's entries dst has not indexed yet, from src's */
	uint32_t have = td->n - dst->i;
	if (have < run)
		copy_index(td, ts, src->i + have, run - have, (uint32_t)(pd - ps));
	a->i += run;
	b->i += run;
	int err = cursor_load(a);
	return err < 0 ? err : cursor_load(b);
}

/* git's base_name_compare() as tree_entry_pathcmp() uses it: a directory
 * sorts as if its name ended in '/'; an exhausted side sorts last. */
static int entry_cmp(const cursor *a, const cursor *b)
{
	if (!a->valid)
		return b->valid ? 1 : 0;
	if (!b->valid)
		return -1;
	size_t len = a->namelen < b->namelen ? a->namelen : b->namelen;
	int cmp = memcmp(a->name, b->name, len);
	if (cmp)
		return cmp;
	unsigned char c1 = len < a->namelen ? (unsigned char)a->name[len] : 0;
	unsigned char c2 = len < b->namelen ? (unsigned char)b->name[len] : 0;
	if (!c1 && a->mode == M_DIR)
		c1 = '/';
	if (!c2 && b->mode == M_DIR)
		c2 = '/';
	return c1 < c2 ? -1 : c1 > c2 ? 1 : 0;
}

/* ---- the comparison ---------------------------------------------------- */

/* Does the filter want the entry `named` below the current prefix? */
static int wanted(as_paths *p, const cursor *named, int dir)
{
	const as_paths_filter *f = p->filter;
	if (!f || !(dir ? f->dir : f->file))
		return 1;
	size_t keep = p->prefix_.len;
	as_buf_put(&p->prefix_, named->name, named->namelen);
	int yes = (dir ? f->dir : f->file)(f->data, p->prefix_.ptr, p->prefix_.len);
	as_buf_truncate(&p->prefix_, keep);
	return yes;
}

static void emit(as_paths *p, char status, const cursor *a, const cursor *b)
{
	const cursor *named = a ? a : b;
	if (!wanted(p, named, 0))
		return;
	AS_GROW(p->items, p->nr + 1, p->alloc);
	as_path_change *ch = &p->items[p->nr++];

	ch->path_off = p->names.len;
	ch->path_len = p->prefix_.len + named->namelen;
	as_buf_put(&p->names, p->prefix_.ptr, p->prefix_.len);
	as_buf_put(&p->names, named->name, named->namelen);
	as_buf_putc(&p->names, '\0');
	ch->status = status;
	ch->old_mode = a ? a->mode : 0;
	ch->new_mode = b ? b->mode : 0;
	if (a)
		memcpy(ch->old_id.id, a->id, GIT_OID_RAWSZ);
	else
		memset(&ch->old_id, 0, sizeof(ch->old_id));
	if (b)
		memcpy(ch->new_id.id, b->id, GIT_OID_RAWSZ);
	else
		memset(&ch->new_id, 0, sizeof(ch->new_id));
	ch->added = ch->removed = AS_LINES_UNKNOWN;
	ch->partner = -1;
}

static int diff_tree(as_paths *p, git_odb *odb, const git_oid *ta,
		     const git_oid *tb, int depth);

/* Descends into directory `named` (from a, b or both). */
static int descend(as_paths *p, git_odb *odb, const cursor *a, const cursor *b,
		   int depth)
{
	const cursor *named = a ? a : b;
	git_oid ida, idb;
	size_t keep = p->prefix_.len;
	int err;

	if (!wanted(p, named, 1))
		return 0;
	if (depth >= AS_PATHS_MAX_DEPTH)
		return as_error_set(AS_ELIMIT, "%.*s: trees nested deeper than %d levels",
				    (int)(p->prefix_.len > 200 ? 200 : p->prefix_.len),
				    as_buf_cstr(&p->prefix_), AS_PATHS_MAX_DEPTH);
	if (a)
		memcpy(ida.id, a->id, GIT_OID_RAWSZ);
	if (b)
		memcpy(idb.id, b->id, GIT_OID_RAWSZ);
	as_buf_put(&p->prefix_, named->name, named->namelen);
	as_buf_putc(&p->prefix_, '/');
	err = diff_tree(p, odb, a ? &ida : NULL, b ? &idb : NULL, depth + 1);
	as_buf_truncate(&p->prefix_, keep);
	return err;
}

static int diff_tree(as_paths *p, git_odb *odb, const git_oid *ta,
		     const git_oid *tb, int depth)
{
	tree_info *ia = NULL, *ib = NULL;
	cursor a, b;
	int err;

	if ((ta && (err = cache_get(p->cache_, odb, ta, &ia)) < 0) ||
	    (tb && (err = cache_get(p->cache_, odb, tb, &ib)) < 0) ||
	    (err = cursor_start(&a, ia)) < 0 || (err = cursor_start(&b, ib)) < 0)
		return err;

	while (a.valid || b.valid) {
		if (a.valid && b.valid) {
			if ((err = skip_identical(&a, &b)) < 0)
				return err;
			if (!a.valid && !b.valid)
				break;
		}
		int cmp = entry_cmp(&a, &b);
		if (cmp < 0) {
			if (a.mode == M_DIR)
				err = descend(p, odb, &a, NULL, depth);
			else
				emit(p, AS_PATH_DELETED, &a, NULL);
			if (err < 0 || (err = cursor_next(&a)) < 0)
				return err;
		} else if (cmp > 0) {
			if (b.mode == M_DIR)
				err = descend(p, odb, NULL, &b, depth);
			else
				emit(p, AS_PATH_ADDED, NULL, &b);
			if (err < 0 || (err = cursor_next(&b)) < 0)
				return err;
		} else {
			if (a.mode != b.mode || memcmp(a.id, b.id, GIT_OID_RAWSZ)) {
				if (a.mode == M_DIR)
					err = descend(p, odb, &a, &b, depth);
				else
					emit(p, (a.mode & M_FMT) != (b.mode & M_FMT)
						     ? AS_PATH_TYPECHANGE : AS_PATH_MODIFIED,
					     &a, &b);
			}
			if (err < 0 || (err = cursor_next(&a)) < 0 || (err = cursor_next(&b)) < 0)
				return err;
		}
	}
	return 0;
}

void as_paths_init(as_paths *p)
{
	memset(p, 0, sizeof(*p));
}

void as_paths_free(as_paths *p)
{
	free(p->items);
	as_buf_free(&p->names);
	as_buf_free(&p->prefix_);
	as_buf_free(&p->old_text_);
	as_buf_free(&p->new_text_);
	cache_free(p->cache_);
	memset(p, 0, sizeof(*p));
}

void as_paths_set_filter(as_paths *p, const as_paths_filter *filter)
{
	p->filter = filter;
}

void as_paths_set_cache(as_paths *p, size_t tree_bytes)
{
	if (!p->cache_)
		p->cache_ = cache_new();
	p->cache_->trees.max_bytes = tree_bytes;
}

static void reset(as_paths *p)
{
	p->nr = 0;
	as_buf_clear(&p->names);
	as_buf_clear(&p->prefix_);
	if (!p->cache_)
		p->cache_ = cache_new();
}

int as_paths_diff_trees(as_paths *p, git_odb *odb, const git_oid *old_tree,
			const git_oid *new_tree)
{
	reset(p);
	p->cache_->reader = as_repo_odb_reader(odb);
	int err = 0;
	if (!old_tree || !new_tree || !git_oid_equal(old_tree, new_tree))
		err = diff_tree(p, odb, old_tree, new_tree, 0);
	table_end(&p->cache_->trees, p->cache_->gen);
	p->cache_->gen++;
	if (err < 0)
		p->nr = 0;
	return err;
}

static int hexval(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

int as_paths_commit_tree(git_oid *out, git_odb *odb, const git_oid *commit)
{
	git_odb_object *obj;
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), commit);
	int r = git_odb_read(&obj, odb, commit);
	if (r == GIT_ENOTFOUND) {
		git_fail("commit", commit);
		return AS_ENOTFOUND;
	}
	if (r < 0)
		return git_fail("commit", commit);
	const unsigned char *d = git_odb_object_data(obj);
	size_t n = git_odb_object_size(obj);
	int ok = git_odb_object_type(obj) == GIT_OBJECT_COMMIT &&
		 n >= 5 + GIT_OID_HEXSZ + 1 && !memcmp(d, "tree ", 5) &&
		 d[5 + GIT_OID_HEXSZ] == '\n';
	for (size_t i = 0; ok && i < GIT_OID_RAWSZ; i++) {
		int hi = hexval(d[5 + 2 * i]), lo = hexval(d[6 + 2 * i]);
		if (hi < 0 || lo < 0)
			ok = 0;
		else
			out->id[i] = (unsigned char)(hi << 4 | lo);
	}
	git_odb_object_free(obj);
	if (!ok)
		return as_error_set(AS_EINTERNAL, "commit %s: no tree line", hex);
	return 0;
}

int as_paths_commit(as_paths *p, git_odb *odb, const as_commit *c,
		    const git_oid *parent_tree, as_merge_mode merges)
{
	git_oid ptree;
	int err;

	if (c->nparents == 0)
		return as_paths_diff_trees(p, odb, NULL, &c->tree);
	if (c->nparents > 1 && merges == AS_MERGES_NONE) {
		reset(p);
		return 0;
	}
	if (!parent_tree) {
		err = as_paths_commit_tree(&ptree, odb, &c->parents[0]);
		if (err == AS_ENOTFOUND)   /* a shallow clone's boundary */
			return as_paths_diff_trees(p, odb, NULL, &c->tree);
		if (err < 0)
			return err;
		parent_tree = &ptree;
	}
	return as_paths_diff_trees(p, odb, parent_tree, &c->tree);
}

/* ---- line counts ------------------------------------------------------- */

/* git's FIRST_FEW_BYTES and buffer_is_binary(). */
#define BINARY_PROBE 8000

static int is_binary(const char *data, size_t len)
{
	return len && memchr(data, '\0', len < BINARY_PROBE ? len : BINARY_PROBE) != NULL;
}

/*
 * One side of a change as git diffs it: a blob, nothing (added/deleted),
 * or for a submodule the line diff_populate_gitlink() makes. Blobs stay
 * git_blob objects: libgit2 then knows their ids, where for a plain
 * buffer git_diff_buffers() would SHA-1 it first (measured: that alone
 * doubled the cost).
 */
typedef struct {
	git_blob *blob;
	const char *data;
	size_t len;
	int is_buffer;            /* a submodule line, in `text` */
	int owned;                /* a blob too big to cache: free it after */
} side;

static int side_load(side *s, as_buf *text, git_repository *repo, as_paths_cache *c,
		     uint32_t mode, const git_oid *id)
{
	memset(s, 0, sizeof(*s));
	if (!mode)
		return 0;
	if (mode == M_GITLINK) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), id);
		as_buf_clear(text);
		as_buf_printf(text, "Subproject commit %s\n", hex);
		s->data = text->ptr;
		s->len = text->len;
		s->is_buffer = 1;
		return 0;
	}
	s->blob = table_get(&c->blobs, id, c->gen);
	if (!s->blob) {
		if (git_blob_lookup(&s->blob, repo, id) < 0)
			return git_fail("blob", id);
		size_t size = (size_t)git_blob_rawsize(s->blob);
		if (size > c->blobs.max_bytes / 4)
			s->owned = 1;
		else
			table_put(&c->blobs, id, s->blob, size, c->gen);
	}
	s->data = git_blob_rawcontent(s->blob);
	s->len = (size_t)git_blob_rawsize(s->blob);
	return 0;
}

static void side_release(side *s)
{
	if (s->owned)
		git_blob_free(s->blob);
}

typedef struct {
	long added, removed;
} line_counts;

static int count_hunk(const git_diff_delta *delta, const git_diff_hunk *hunk, void *payload)
{
	line_counts *lc = payload;
	(void)delta;
	lc->removed += hunk->old_lines;
	lc->added += hunk->new_lines;
	return 0;
}

/* Lines removed from a and added in b, with no context: each hunk is then
 * exactly the removed and added lines. */
static int diff_sides(const side *a, const side *b, const git_diff_options *opts,
		      line_counts *lc)
{
	line_counts swapped = { 0, 0 };
	int err;

	if (!a->is_buffer && !b->is_buffer)
		return git_diff_blobs(a->blob, NULL, b->blob, NULL, opts, NULL, NULL,
				      count_hunk, NULL, lc);
	if (a->is_buffer && b->is_buffer)
		return git_diff_buffers(a->data, a->len, NULL, b->data, b->len, NULL, opts,
					NULL, NULL, count_hunk, NULL, lc);
	if (b->is_buffer)
		return git_diff_blob_to_buffer(a->blob, NULL, b->data, b->len, NULL, opts,
					       NULL, NULL, count_hunk, NULL, lc);
	/* a submodule line before, a blob after: the same diff the other way */
	err = git_diff_blob_to_buffer(b->blob, NULL, a->data, a->len, NULL, opts,
				      NULL, NULL, count_hunk, NULL, &swapped);
	lc->added = swapped.removed;
	lc->removed = swapped.added;
	return err;
}

int as_paths_count_lines(as_paths *p, git_repository *repo)
{
	git_diff_options opts;
	side a, b;
	int err = 0;

	if (!p->cache_)
		p->cache_ = cache_new();
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	/* we decide what is binary ourselves, as git does */
	opts.flags = GIT_DIFF_FORCE_TEXT;
	for (size_t i = 0; i < p->nr; i++) {
		as_path_change *ch = &p->items[i];
		if (ch->old_mode && ch->new_mode && git_oid_equal(&ch->old_id, &ch->new_id)) {
			ch->added = ch->removed = 0;    /* the mode alone changed */
			continue;
		}
		if ((err = side_load(&a, &p->old_text_, repo, p->cache_, ch->old_mode,
				     &ch->old_id)) < 0)
			break;
		if ((err = side_load(&b, &p->new_text_, repo, p->cache_, ch->new_mode,
				     &ch->new_id)) < 0) {
			side_release(&a);
			break;
		}
		if (is_binary(a.data, a.len) || is_binary(b.data, b.len)) {
			ch->added = ch->removed = AS_LINES_BINARY;
		} else {
			line_counts lc = { 0, 0 };
			if (diff_sides(&a, &b, &opts, &lc) < 0) {
				const git_error *e = git_error_last();
				err = as_error_set(AS_EINTERNAL, "%s: cannot count lines: %s",
						   as_paths_name(p, i),
						   e && e->message ? e->message : "diff failed");
			}
			ch->added = lc.added;
			ch->removed = lc.removed;
		}
		side_release(&a);
		side_release(&b);
		if (err < 0)
			break;
	}
	table_end(&p->cache_->blobs, p->cache_->gen);
	return err;
}
