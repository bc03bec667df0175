/*
 * ahead.c — judging ahead, on the threads that read the packs' commits
 * (see ahead.h for what and why).
 */
#include "ahead.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

#define MAX_THREADS AS_COMMIT_TABLE_THREADS

/*
 * A digest, in its thread's buffer: the tree (20 bytes), the committer
 * and author dates (8 bytes each), a flags byte (1: the author is bogus),
 * the author's name and e-mail (NUL-ended), then the length (4 bytes) and
 * bytes of the counted trailers (as_trailer_pack).
 */
enum { F_BOGUS = 1 };

typedef struct {
	git_oid oid;
	uint32_t thread;
	size_t off;
} entry;

typedef struct {
	as_scanner *scanner;       /* made on the thread's first commit */
	as_commit commit;
	as_events events;
	as_buf cut;                /* as_commit_cut_message's scratch */
	as_buf trailers;
	as_buf digests;
	entry *entries;
	size_t n, alloc;
} thread_state;

struct as_ahead {
	const as_config *cfg;
	const as_mailmap *mm;
	const as_metrics_ctx *mctx;
	int64_t since, until;
	as_detector detector;
	as_commit_visitor visitor;
	unsigned nthreads;
	thread_state threads[MAX_THREADS];
	/* after as_ahead_index: every thread's entries, and open addressing
	 * over them by the id's first bytes (index + 1, 0 empty) */
	entry *all;
	size_t nall;
	uint32_t *slots;
	size_t mask;
};

static void put_u64(as_buf *b, uint64_t v)
{
	as_buf_put(b, &v, sizeof(v));
}

/* The digest of c into t's buffer, when detection finds nothing in it. */
static void keep_digest(as_ahead *a, thread_state *t, const as_commit *c)
{
	as_buf_clear(&t->trailers);
	for (size_t i = 0; i < c->trailers.nr; i++)
		if (a->mctx && as_metrics_counts_trailer(a->mctx, c->trailers.items[i].key))
			as_trailer_pack(&t->trailers, &c->trailers.items[i]);
	if (t->trailers.len > UINT32_MAX)
		return;
	AS_GROW(t->entries, t->n + 1, t->alloc);
	entry *e = &t->entries[t->n++];
	git_oid_cpy(&e->oid, &c->oid);
	e->thread = (uint32_t)(t - a->threads);
	e->off = t->digests.len;
	as_buf *d = &t->digests;
	as_buf_put(d, c->tree.id, GIT_OID_RAWSZ);
	put_u64(d, (uint64_t)c->commit_time);
	put_u64(d, (uint64_t)c->author_time);
	as_buf_putc(d, (char)(c->author_bogus ? F_BOGUS : 0));
	as_buf_put(d, c->author_name.ptr, c->author_name.len + 1);
	as_buf_put(d, c->author_email.ptr, c->author_email.len + 1);
	uint32_t len = (uint32_t)t->trailers.len;
	as_buf_put(d, &len, sizeof(len));
	as_buf_put(d, t->trailers.ptr, t->trailers.len);
}

static void visit(void *data, unsigned thread, const git_oid *oid, const char *raw, size_t len)
{
	as_ahead *a = data;
	if (thread >= a->nthreads)
		return;
	thread_state *t = &a->threads[thread];
	as_commit *c = &t->commit;
	as_commit_cut cut;
	/* judged on its ends: the scan says so, and reads it */
	if (as_commit_cut_message(&cut, &t->cut, raw, len, a->cfg->max_message_bytes))
		return;
	if (as_commit_parse(c, oid, raw, len, a->mm) < 0) {
		as_error_clear(); /* the scan reads it and says why */
		return;
	}
	if ((a->since && c->commit_time < a->since) || (a->until && c->commit_time > a->until))
		return;
	if (!t->scanner)
		t->scanner = as_scanner_new(&a->detector);
	as_events_reset(&t->events);
	as_detect_commit(&a->detector, t->scanner, c, NULL, 0, 0, &t->events);
	if (!t->events.nr)
		keep_digest(a, t, c);
}

as_ahead *as_ahead_new(const as_config *cfg, const as_mailmap *mm, const as_metrics_ctx *mctx,
		       int64_t since, int64_t until, int jobs)
{
	as_ahead *a = as_xcalloc(1, sizeof(*a));
	a->cfg = cfg;
	a->mm = mm;
	a->mctx = mctx;
	a->since = since;
	a->until = until;
	a->nthreads = jobs < 1 ? 1 : jobs > MAX_THREADS ? MAX_THREADS : (unsigned)jobs;
	for (unsigned k = 0; k < a->nthreads; k++)
		as_commit_init(&a->threads[k].commit);
	as_detector_init(&a->detector, cfg);
	a->visitor = (as_commit_visitor){ visit, a };
	return a;
}

void as_ahead_free(as_ahead *a)
{
	if (!a)
		return;
	for (unsigned k = 0; k < a->nthreads; k++) {
		thread_state *t = &a->threads[k];
		as_scanner_free(t->scanner);
		as_commit_free(&t->commit);
		as_events_free(&t->events);
		as_buf_free(&t->cut);
		as_buf_free(&t->trailers);
		as_buf_free(&t->digests);
		free(t->entries);
	}
	as_detector_release(&a->detector);
	free(a->all);
	free(a->slots);
	free(a);
}

const as_commit_visitor *as_ahead_visitor(as_ahead *a)
{
	return &a->visitor;
}

const as_detector *as_ahead_detector(const as_ahead *a)
{
	return &a->detector;
}

static size_t slot_of(const as_ahead *a, const git_oid *oid)
{
	uint64_t h;
	memcpy(&h, oid->id, sizeof(h));   /* ids are uniform already */
	return (size_t)h & a->mask;
}

/* The slot of `oid`: its entry's, or the empty one where it would go. */
static size_t probe(const as_ahead *a, const git_oid *oid)
{
	size_t i = slot_of(a, oid);
	while (a->slots[i] && !git_oid_equal(&a->all[a->slots[i] - 1].oid, oid))
		i = (i + 1) & a->mask;
	return i;
}

void as_ahead_index(as_ahead *a)
{
	size_t n = 0;
	for (unsigned k = 0; k < a->nthreads; k++) {
		thread_state *t = &a->threads[k];
		n += t->n;
		/* what the readers needed, and nothing a digest points at */
		as_scanner_free(t->scanner);
		t->scanner = NULL;
		as_commit_free(&t->commit);
		as_commit_init(&t->commit);
		as_events_free(&t->events);
		as_buf_free(&t->cut);
		as_buf_free(&t->trailers);
	}
	if (!n || n >= UINT32_MAX / 2)
		return;
	a->all = as_xmalloc(n * sizeof(*a->all));
	for (unsigned k = 0; k < a->nthreads; k++) {
		thread_state *t = &a->threads[k];
		if (t->n)
			memcpy(a->all + a->nall, t->entries, t->n * sizeof(*t->entries));
		a->nall += t->n;
		free(t->entries);
		t->entries = NULL;
		t->n = t->alloc = 0;
	}
	size_t nslots = 1024;
	while (nslots < 2 * n)
		nslots *= 2;
	a->slots = as_xcalloc(nslots, sizeof(*a->slots));
	a->mask = nslots - 1;
	/* the same commit in two packs: one digest serves (they are equal) */
	for (size_t i = 0; i < n; i++) {
		size_t at = probe(a, &a->all[i].oid);
		if (!a->slots[at])
			a->slots[at] = (uint32_t)(i + 1);
	}
}

static uint64_t get_u64(const unsigned char **p)
{
	uint64_t v;
	memcpy(&v, *p, sizeof(v));
	*p += sizeof(v);
	return v;
}

int as_ahead_commit(const as_ahead *a, const git_oid *oid, as_commit *c)
{
	if (!a || !a->slots)
		return 0;
	uint32_t at = a->slots[probe(a, oid)];
	if (!at)
		return 0;
	const entry *e = &a->all[at - 1];
	const unsigned char *p = (const unsigned char *)a->threads[e->thread].digests.ptr + e->off;
	as_commit_start(c, oid);
	memcpy(c->tree.id, p, GIT_OID_RAWSZ);
	p += GIT_OID_RAWSZ;
	c->commit_time = (int64_t)get_u64(&p);
	c->author_time = (int64_t)get_u64(&p);
	c->author_bogus = (*p++ & F_BOGUS) != 0;
	size_t len = strlen((const char *)p);
	as_buf_clear(&c->author_name);
	as_buf_put(&c->author_name, p, len);
	p += len + 1;
	len = strlen((const char *)p);
	as_buf_clear(&c->author_email);
	as_buf_put(&c->author_email, p, len);
	p += len + 1;
	uint32_t tlen;
	memcpy(&tlen, p, sizeof(tlen));
	p += sizeof(tlen);
	as_trailers_unpack(&c->trailers, (const char *)p, tlen);
	return 1;
}
