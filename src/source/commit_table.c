/*
 * commit_table.c — the commits of the packs, read on every core (see
 * commit_table.h for why and what it is not).
 */
#include "source/commit_table.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "source/commit.h"
#include "source/oid_index.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

#define MAX_THREADS AS_COMMIT_VISITOR_THREADS   /* (each hands its id to a visitor) */
/* A pack's commit region ends at this many entries in a row that are
 * neither commits nor tags (a tagged tree or blob sits among the
 * commits, as git writes tagged tips before the other commits). */
#define REGION_END 4096
/* Rows a thread takes at a time: the threads end together, whatever the
 * commits of one stretch of a pack cost (long messages, a visitor). */
#define CHUNK 256
/* Each thread hands the pages it read back this often (objects.h) */
#define TRIM_EVERY 4096
/* Index sort keys: the offset above, the index position below. */
#define POS_BITS 24
#define OFFSET_LIMIT ((uint64_t)1 << (64 - POS_BITS))

typedef struct {
	git_oid oid;
	git_oid tree;
	int64_t time, author_time;
	uint32_t pack;                /* while reading: where it is */
	uint64_t offset;
	uint32_t parents, nparents;   /* in its thread's parents */
	uint32_t name, name_len, email, email_len;   /* in its thread's text */
	uint8_t thread;
	uint8_t ok;                   /* read and parsed */
} row;

typedef struct {
	git_oid *oids;
	size_t n, alloc;
} oid_list;

struct as_commit_table {
	row *rows;                    /* in pack order */
	size_t n;
	/* the rows by id (the walk and the authors' pass look up every
	 * commit, one after the other, on one thread) */
	as_oid_index index;
	oid_list parents[MAX_THREADS];
	as_buf text[MAX_THREADS];
};

typedef struct {
	as_commit_table *t;
	as_objects *o;
	row *rows;
	size_t n;
	_Atomic size_t *next;         /* the first row no thread has taken */
	unsigned id;
	const as_commit_visitor *visitor;   /* NULL: none */
} reader_t;

/* LSD radix sort of the offset part of index keys; returns the sorted copy
 * (a or tmp). Passes whose digit is the same for every key are skipped. */
static uint64_t *sort_keys(uint64_t *a, uint64_t *tmp, size_t n)
{
	for (unsigned shift = POS_BITS; shift < 64; shift += 8) {
		size_t count[256] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[(a[i] >> shift) & 255]++;
		if (count[(a[0] >> shift) & 255] == n)
			continue;
		size_t sum = 0;
		for (unsigned b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(a[i] >> shift) & 255]++] = a[i];
		uint64_t *s = a;
		a = tmp;
		tmp = s;
	}
	return a;
}

/* Whether entry `e` is a delta whose base is one of `found` (this pack's
 * commits so far, in offset order): a delta has its base's type. */
static int delta_of_commit(const as_pack *p, const as_pack_entry *e, const row *found, size_t n)
{
	uint64_t base;
	if (e->type == AS_PACK_OFS_DELTA) {
		base = e->base;
	} else if (e->type == AS_PACK_REF_DELTA) {
		git_oid id;
		memcpy(id.id, e->base_id, GIT_OID_RAWSZ);
		if (!as_pack_find(p, &id, &base))
			return 0;
	} else {
		return 0;
	}
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (found[mid].offset == base)
			return 1;
		if (found[mid].offset < base)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * The commits of pack `p` (number `pi`) whose offsets are in [from, to),
 * in offset order, added to *rows; *run counts the other objects since
 * the last commit, across calls. Returns 1 when the commit region ended
 * before `to` (or the pack did), 0 when it may go on past it.
 */
static int commits_in(const as_pack *p, uint32_t pi, uint64_t from, uint64_t to, size_t *run,
		      size_t first, row **rows, size_t *n, size_t *alloc)
{
	uint64_t *keys = NULL, *tmp = NULL;
	size_t nkeys = 0, kalloc = 0, k;
	for (uint32_t pos = 0; pos < p->nr; pos++) {
		uint64_t off;
		if (as_pack_offset_at(p, pos, &off) && off >= from && off < to) {
			AS_GROW(keys, nkeys + 1, kalloc);
			keys[nkeys++] = off << POS_BITS | pos;
		}
	}
	tmp = as_xmalloc((nkeys ? nkeys : 1) * sizeof(*tmp));
	const uint64_t *sorted = nkeys ? sort_keys(keys, tmp, nkeys) : keys;
	for (k = 0; k < nkeys && *run < REGION_END; k++) {
		as_pack_entry e;
		uint64_t off = sorted[k] >> POS_BITS;
		uint32_t pos = (uint32_t)(sorted[k] & ((1u << POS_BITS) - 1));
		if (k % TRIM_EVERY == TRIM_EVERY - 1)
			as_pack_trim(p); /* the headers read so far: not kept resident */
		if (as_pack_entry_at(p, off, &e) < 0) {
			as_error_clear(); /* the walk meets it, and says so */
			*run = REGION_END;
			break;
		}
		if (e.type == AS_PACK_TAG) {
			*run = 0;
		} else if (e.type != AS_PACK_COMMIT && !delta_of_commit(p, &e, *rows + first, *n - first)) {
			(*run)++;
		} else {
			*run = 0;
			AS_GROW(*rows, *n + 1, *alloc);
			row *r = &(*rows)[(*n)++];
			memset(r, 0, sizeof(*r));
			memcpy(r->oid.id, p->oids + (size_t)pos * GIT_OID_RAWSZ, GIT_OID_RAWSZ);
			r->pack = pi;
			r->offset = off;
		}
	}
	as_pack_trim(p);
	free(keys);
	free(tmp);
	return *run >= REGION_END || to >= p->data_len;
}

/* The commits at the front of pack `pi`, added to *rows: those in its
 * first sixteenth (sorting every offset of a big pack costs more than it
 * wins), then the next stretches, four times longer each, while the
 * region goes on. */
static void find_commits(const as_pack *p, uint32_t pi, row **rows, size_t *n, size_t *alloc)
{
	if (!p->nr || p->nr >= (1u << POS_BITS) || p->data_len >= OFFSET_LIMIT)
		return; /* too big for the keys: the walk reads its commits */
	size_t first = *n, run = 0;
	uint64_t from = 0;
	uint64_t to = p->data_len / 16 < ((uint64_t)1 << 22) ? (uint64_t)1 << 22 : p->data_len / 16;
	while (!commits_in(p, pi, from, to, &run, first, rows, n, alloc)) {
		from = to;
		to = to > p->data_len / 4 ? p->data_len : to * 4;
	}
}

static uint32_t put_text(as_buf *b, const char *s, size_t len)
{
	uint32_t at = (uint32_t)b->len;
	as_buf_put(b, s, len);
	return at;
}

/* One thread's share, a chunk at a time: read, parse, keep what the walk
 * and the identities need. A commit that cannot be read stays !ok. */
static void *reader_run(void *arg)
{
	reader_t *rt = arg;
	as_objects_reader *rd = as_objects_reader_new(rt->o);
	oid_list *pl = &rt->t->parents[rt->id];
	as_buf *text = &rt->t->text[rt->id];
	as_commit c;
	as_commit_init(&c);
	size_t i = 0, end = 0, done = 0;
	for (;; i++) {
		if (i == end) {
			i = atomic_fetch_add(rt->next, CHUNK);
			if (i >= rt->n)
				break;
			end = i + CHUNK < rt->n ? i + CHUNK : rt->n;
		}
		row *r = &rt->rows[i];
		as_object obj;
		/* a mapping keeps what it read resident: let it go as we go */
		if (++done % TRIM_EVERY == 0)
			as_objects_trim(rt->o);
		if (as_objects_read_at(rd, r->pack, r->offset, &obj) < 0 ||
		    obj.type != GIT_OBJECT_COMMIT ||
		    as_commit_parse_author(&c, &r->oid, (const char *)obj.data, obj.len) < 0 ||
		    text->len + c.author_name.len + c.author_email.len >= UINT32_MAX ||
		    pl->n + c.nparents >= UINT32_MAX) {
			as_error_clear();
			continue;
		}
		if (rt->visitor)
			rt->visitor->visit(rt->visitor->data, rt->id, &r->oid,
					   (const char *)obj.data, obj.len);
		git_oid_cpy(&r->tree, &c.tree);
		r->time = c.commit_time;
		r->parents = (uint32_t)pl->n;
		r->nparents = (uint32_t)c.nparents;
		AS_GROW(pl->oids, pl->n + c.nparents, pl->alloc);
		for (size_t k = 0; k < c.nparents; k++)
			git_oid_cpy(&pl->oids[pl->n++], &c.parents[k]);
		r->name = put_text(text, c.author_name.ptr, c.author_name.len);
		r->name_len = (uint32_t)c.author_name.len;
		r->email = put_text(text, c.author_email.ptr, c.author_email.len);
		r->email_len = (uint32_t)c.author_email.len;
		r->author_time = c.author_time;
		r->thread = (uint8_t)rt->id;
		r->ok = 1;
	}
	as_commit_free(&c);
	as_objects_reader_free(rd);
	return NULL;
}

as_commit_table *as_commit_table_build(as_objects *o, int jobs, const as_commit_visitor *v)
{
	row *rows = NULL;
	size_t n = 0, alloc = 0;
	if (!o)
		return NULL;
	for (size_t i = 0; i < as_objects_npacks(o); i++)
		find_commits(as_objects_pack(o, i), (uint32_t)i, &rows, &n, &alloc);
	/* listing them swept the indexes whole: a read of a row's object
	 * needs none of it (its offset is in the row) */
	as_objects_trim_indexes(o);
	if (!n || n >= UINT32_MAX / 2) {
		free(rows);
		return NULL;
	}

	as_commit_table *t = as_xcalloc(1, sizeof(*t));
	unsigned nthreads = jobs < 1 ? 1 : jobs > MAX_THREADS ? MAX_THREADS : (unsigned)jobs;
	reader_t rt[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	int started[MAX_THREADS] = { 0 };
	_Atomic size_t next = 0;
	for (unsigned k = 0; k < nthreads; k++)
		rt[k] = (reader_t){ .t = t, .o = o, .rows = rows, .n = n, .next = &next,
				    .id = k, .visitor = v };
	for (unsigned k = 1; k < nthreads; k++)
		started[k] = pthread_create(&th[k], NULL, reader_run, &rt[k]) == 0;
	reader_run(&rt[0]);
	for (unsigned k = 1; k < nthreads; k++) {
		if (started[k])
			pthread_join(th[k], NULL);
		else
			reader_run(&rt[k]);
	}
	/* the pages of the commit region: back to the kernel */
	as_objects_trim(o);

	/* the same commit in two packs: the newer pack's (the first) wins,
	 * readable or not (the walk reads one that is not, and says why) */
	t->rows = rows;
	t->n = n;
	as_oid_index_build(&t->index, rows, sizeof(*rows), n);
	return t;
}

void as_commit_table_free(as_commit_table *t)
{
	if (!t)
		return;
	for (unsigned k = 0; k < MAX_THREADS; k++) {
		free(t->parents[k].oids);
		as_buf_free(&t->text[k]);
	}
	free(t->rows);
	as_oid_index_free(&t->index);
	free(t);
}

uint32_t as_commit_table_lookup(const as_commit_table *t, const git_oid *oid)
{
	if (!t)
		return 0;
	uint32_t at = as_oid_index_find(&t->index, oid);
	return at && t->rows[at - 1].ok ? at : 0;
}

void as_commit_table_row(const as_commit_table *t, uint32_t ref, as_commit_row *out)
{
	const row *r = &t->rows[ref - 1];
	const char *text = t->text[r->thread].ptr ? t->text[r->thread].ptr : "";
	*out = (as_commit_row){
		.tree = r->tree, .time = r->time,
		.parents = r->nparents ? t->parents[r->thread].oids + r->parents : NULL,
		.nparents = r->nparents,
		.author_name = text + r->name, .author_name_len = r->name_len,
		.author_email = text + r->email, .author_email_len = r->email_len,
		.author_time = r->author_time,
	};
}

int as_commit_table_find(const as_commit_table *t, const git_oid *oid, as_commit_row *out)
{
	uint32_t ref = as_commit_table_lookup(t, oid);
	if (ref)
		as_commit_table_row(t, ref, out);
	return ref != 0;
}
