/*
 * ahead.c — judging ahead, on the threads that read the packs' commits
 * (see ahead.h for what and why).
 */
#include "ahead.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "source/oid_index.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/table.h"

#define MAX_THREADS AS_COMMIT_VISITOR_THREADS

/*
 * A digest, in its thread's buffer: the committer and author dates (8
 * bytes each), a flags byte, the author's id (4 bytes) in the thread's
 * table of authors ("name\0e-mail", once per thread for all the commits
 * of that author), then with F_TRAILERS the length (4 bytes) and bytes
 * of the counted trailers (as_trailer_pack). No tree: the scan reads the walk's
 * first commit whole (its tree is the tip's, which the metrics read).
 */
enum { F_BOGUS = 1, F_TRAILERS = 2 };

typedef struct {
	git_oid oid;               /* (first: oid_index.h) */
	uint32_t off;              /* of its digest, in its thread's buffer */
	uint32_t thread;
} entry;

typedef struct {
	as_scanner *scanner;       /* made on the thread's first commit */
	as_commit commit;
	as_events events;
	as_buf cut;                /* as_commit_cut_message's scratch */
	as_buf trailers;
	as_buf author;             /* "name\0e-mail" being looked up */
	as_buf digests;
	entry *entries;
	size_t n, alloc;
	as_strtab authors;
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
	/* after as_ahead_index: every thread's entries, by id */
	entry *all;
	as_oid_index index;
};

static void put_u32(as_buf *b, uint32_t v)
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
	as_buf *d = &t->digests;
	/* (offsets are 4 bytes: past 4 GiB of digests, the scan reads) */
	if (d->len + t->trailers.len + 64 >= UINT32_MAX || t->n >= UINT32_MAX / 4)
		return;
	as_buf_clear(&t->author);
	as_buf_put(&t->author, c->author_name.ptr, c->author_name.len + 1);
	as_buf_put(&t->author, c->author_email.ptr, c->author_email.len);
	uint32_t author = as_strtab_intern(&t->authors, t->author.ptr, t->author.len);
	AS_GROW(t->entries, t->n + 1, t->alloc);
	entry *e = &t->entries[t->n++];
	git_oid_cpy(&e->oid, &c->oid);
	e->off = (uint32_t)d->len;
	e->thread = (uint32_t)(t - a->threads);
	int64_t times[2] = { c->commit_time, c->author_time };
	as_buf_put(d, times, sizeof(times));
	as_buf_putc(d, (char)((c->author_bogus ? F_BOGUS : 0) | (t->trailers.len ? F_TRAILERS : 0)));
	put_u32(d, author);
	if (t->trailers.len) {
		put_u32(d, (uint32_t)t->trailers.len);
		as_buf_put(d, t->trailers.ptr, t->trailers.len);
	}
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
		as_buf_free(&t->author);
		as_buf_free(&t->digests);
		free(t->entries);
		as_strtab_free(&t->authors);
	}
	as_detector_release(&a->detector);
	as_oid_index_free(&a->index);
	free(a->all);
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

size_t as_ahead_index(as_ahead *a)
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
		as_buf_free(&t->author);
	}
	if (!n || n >= UINT32_MAX / 4)
		return 0;
	a->all = as_xmalloc(n * sizeof(*a->all));
	size_t at = 0;
	for (unsigned k = 0; k < a->nthreads; k++) {
		thread_state *t = &a->threads[k];
		if (t->n)
			memcpy(a->all + at, t->entries, t->n * sizeof(*t->entries));
		at += t->n;
		free(t->entries);
		t->entries = NULL;
		t->n = t->alloc = 0;
	}
	/* the same commit in two packs: one digest serves (they are equal) */
	as_oid_index_build(&a->index, a->all, sizeof(*a->all), n);
	return n;
}

static uint32_t get_u32(const unsigned char **p)
{
	uint32_t v;
	memcpy(&v, *p, sizeof(v));
	*p += sizeof(v);
	return v;
}

int as_ahead_commit(const as_ahead *a, const git_oid *oid, as_commit *c)
{
	uint32_t at = a ? as_oid_index_find(&a->index, oid) : 0;
	if (!at)
		return 0;
	const entry *e = &a->all[at - 1];
	const thread_state *t = &a->threads[e->thread];
	const unsigned char *p = (const unsigned char *)t->digests.ptr + e->off;
	int64_t times[2];
	memcpy(times, p, sizeof(times));
	p += sizeof(times);
	unsigned flags = *p++;
	const char *author = as_strtab_str(&t->authors, get_u32(&p));
	as_commit_start(c, oid);
	c->commit_time = times[0];
	c->author_time = times[1];
	c->author_bogus = (flags & F_BOGUS) != 0;
	size_t len = strlen(author);
	as_buf_clear(&c->author_name);
	as_buf_put(&c->author_name, author, len);
	author += len + 1;
	as_buf_clear(&c->author_email);
	as_buf_put(&c->author_email, author, strlen(author));
	if (flags & F_TRAILERS) {
		uint32_t tlen = get_u32(&p);
		as_trailers_unpack(&c->trailers, (const char *)p, tlen);
	}
	return 1;
}
