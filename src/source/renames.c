/*
 * Renames among a commit's changed paths (see renames.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "source/renames.h"
#include "util/alloc.h"

#define MAX_SCORE 60000
#define MIN_SCORE 30000       /* 50%, git's default -M */
#define RENAME_LIMIT 1000     /* git's diff.renameLimit default */
#define HASHBASE 107927       /* git's: a prime between 2^16 and 2^17 */
#define SPAN_MAX 64

static int is_regular(uint32_t mode)
{
	return (mode & 0170000) == 0100000;
}

/* ---- exact renames ------------------------------------------------------- */

static const git_oid *blob_of(const as_path_change *c)
{
	return c->status == AS_PATH_DELETED ? &c->old_id : &c->new_id;
}

static int cmp_blob(const void *x, const void *y, void *data)
{
	const as_paths *p = data;
	return git_oid_cmp(blob_of(&p->items[*(const size_t *)x]),
			   blob_of(&p->items[*(const size_t *)y]));
}

static void pair(as_paths *p, size_t del, size_t add)
{
	p->items[del].partner = (long)add;
	p->items[add].partner = (long)del;
}

/* A blob deleted once and added once; one deleted or added more than
 * once (empty files, copies) is ambiguous and left alone. */
static void find_exact(as_paths *p, size_t *del, size_t nd, size_t *add, size_t na)
{
	qsort_r(del, nd, sizeof(*del), cmp_blob, p);
	qsort_r(add, na, sizeof(*add), cmp_blob, p);
	for (size_t i = 0, j = 0; i < nd && j < na;) {
		const git_oid *d = blob_of(&p->items[del[i]]), *a = blob_of(&p->items[add[j]]);
		int c = git_oid_cmp(d, a);
		if (c) {
			c < 0 ? i++ : j++;
			continue;
		}
		size_t ei = i, ej = j;
		while (ei < nd && !git_oid_cmp(blob_of(&p->items[del[ei]]), d))
			ei++;
		while (ej < na && !git_oid_cmp(blob_of(&p->items[add[ej]]), a))
			ej++;
		if (ei - i == 1 && ej - j == 1)
			pair(p, del[i], add[j]);
		i = ei;
		j = ej;
	}
}

static int cmp_index(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

/* ---- similarity, by git's estimate --------------------------------------- */

typedef struct {
	uint32_t hash, count; /* a span hash and how many bytes it covers */
} span;

typedef struct {
	span *spans;
	size_t nspans;
	size_t size;
	size_t change;        /* index in as_paths */
	git_oid id;           /* the blob */
	int signed_;          /* spans read (or the blob found unreadable) */
} signature;

/* Counting the spans of one blob at a time: a count per hash value, and
 * the values seen, so that memory is bounded by HASHBASE whatever the
 * blob (a file of newlines has one span per byte). */
typedef struct {
	uint32_t *counts;     /* HASHBASE entries, all 0 between blobs */
	uint32_t *seen;       /* the values with a count, in order of appearance */
	uint32_t *sorting;    /* HASHBASE entries: sort_hashes' room */
} span_counter;

/* Sorts n hash values (< HASHBASE < 2^18) in place, tmp holding as many:
 * two counting passes of 9 bits, where qsort cost a signature its most. */
static void sort_hashes(uint32_t *v, uint32_t *tmp, size_t n)
{
	for (unsigned shift = 0; shift < 18; shift += 9) {
		size_t count[513] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[((v[i] >> shift) & 511) + 1]++;
		for (unsigned b = 0; b < 512; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			tmp[count[(v[i] >> shift) & 511]++] = v[i];
		memcpy(v, tmp, n * sizeof(*v));
	}
}

/* The spans of a blob: cut at each newline or after 64 bytes, a CR before
 * a LF not counted in text (no NUL in the first 8000 bytes, as git). */
static void sign(signature *s, span_counter *sc, const unsigned char *buf, size_t size)
{
	int text = !memchr(buf, '\0', size < 8000 ? size : 8000);
	uint32_t a1 = 0, a2 = 0, len = 0;
	size_t nseen = 0;

	s->size = size;
	for (size_t i = 0; i < size; i++) {
		unsigned c = buf[i];
		if (text && c == '\r' && i + 1 < size && buf[i + 1] == '\n')
			continue;
		uint32_t old = a1;
		a1 = (a1 << 7) ^ (a2 >> 25);
		a2 = (a2 << 7) ^ (old >> 25);
		a1 += c;
		if (++len < SPAN_MAX && c != '\n' && i + 1 < size)
			continue;
		uint32_t h = (a1 + a2 * 0x61) % HASHBASE;
		if (!sc->counts[h])
			sc->seen[nseen++] = h;
		sc->counts[h] += len;
		a1 = a2 = len = 0;
	}
	sort_hashes(sc->seen, sc->sorting, nseen);
	s->spans = as_xmalloc((nseen ? nseen : 1) * sizeof(*s->spans));
	s->nspans = nseen;
	for (size_t i = 0; i < nseen; i++) {
		uint32_t h = sc->seen[i];
		s->spans[i] = (span){ h, sc->counts[h] };
		sc->counts[h] = 0;
	}
}

/* git's first test: sizes too far apart are never similar enough. */
static int sizes_may_match(size_t src, size_t dst)
{
	size_t max = src > dst ? src : dst, base = src < dst ? src : dst;
	return dst && (uint64_t)max * (MAX_SCORE - MIN_SCORE) >= (uint64_t)(max - base) * MAX_SCORE;
}

/* git's estimate_similarity: 0..MAX_SCORE. */
static int similarity(const signature *src, const signature *dst)
{
	size_t max = src->size > dst->size ? src->size : dst->size;
	if (!sizes_may_match(src->size, dst->size))
		return 0;
	uint64_t copied = 0;
	for (size_t i = 0, j = 0; i < src->nspans && j < dst->nspans;) {
		if (src->spans[i].hash < dst->spans[j].hash) {
			i++;
		} else if (src->spans[i].hash > dst->spans[j].hash) {
			j++;
		} else {
			uint32_t a = src->spans[i++].count, b = dst->spans[j++].count;
			copied += a < b ? a : b;
		}
	}
	return (int)(copied * MAX_SCORE / max);
}

/*
 * A blob's size, from its object header: most pairs fail the size test,
 * and then neither blob is read. A blob that cannot be read (a partial
 * clone lacks it) signs as empty: it is then similar to nothing, and the
 * commit keeps its exact renames.
 */
static void read_size(signature *s, git_odb *odb, const git_oid *id, size_t change)
{
	size_t size;
	git_object_t type;
	*s = (signature){ .change = change, .id = *id };
	if (git_odb_read_header(&size, &type, odb, id) < 0) {
		git_error_clear();
		s->signed_ = 1;
		return;
	}
	s->size = size;
}

/* The spans, read once, when a pair first needs them. */
static void read_signature(signature *s, span_counter *sc, git_odb *odb)
{
	git_odb_object *obj;
	if (s->signed_)
		return;
	s->signed_ = 1;
	if (git_odb_read(&obj, odb, &s->id) < 0) {
		git_error_clear();
		s->nspans = s->size = 0;
		return;
	}
	sign(s, sc, git_odb_object_data(obj), git_odb_object_size(obj));
	git_odb_object_free(obj);
}

typedef struct {
	int score, same_name;
	size_t dst, src;      /* indexes into the signature arrays */
} candidate;

static int cmp_candidate(const void *x, const void *y)
{
	const candidate *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->same_name != b->same_name)
		return a->same_name ? -1 : 1;
	/* then in the order found: destinations, then sources, in path order */
	if (a->dst != b->dst)
		return a->dst < b->dst ? -1 : 1;
	return a->src < b->src ? -1 : a->src > b->src;
}

static const char *basename_of(const as_paths *p, size_t i)
{
	const char *name = as_paths_name(p, i), *slash = strrchr(name, '/');
	return slash ? slash + 1 : name;
}

static void find_similar(as_paths *p, git_odb *odb, const size_t *del, size_t nd,
			const size_t *add, size_t na)
{
	signature *src = as_xcalloc(nd ? nd : 1, sizeof(*src));
	signature *dst = as_xcalloc(na ? na : 1, sizeof(*dst));
	candidate *cand = NULL;
	size_t ns = 0, nt = 0, nc = 0, alloc = 0;
	span_counter sc = { as_xcalloc(HASHBASE, sizeof(uint32_t)),
			    as_xmalloc(HASHBASE * sizeof(uint32_t)),
			    as_xmalloc(HASHBASE * sizeof(uint32_t)) };

	for (size_t i = 0; i < nd; i++)
		if (p->items[del[i]].partner < 0 && is_regular(p->items[del[i]].old_mode))
			read_size(&src[ns++], odb, &p->items[del[i]].old_id, del[i]);
	for (size_t i = 0; i < na; i++)
		if (p->items[add[i]].partner < 0 && is_regular(p->items[add[i]].new_mode))
			read_size(&dst[nt++], odb, &p->items[add[i]].new_id, add[i]);
	for (size_t t = 0; t < nt; t++) {
		for (size_t s = 0; s < ns; s++) {
			if (!sizes_may_match(src[s].size, dst[t].size))
				continue;
			read_signature(&src[s], &sc, odb);
			read_signature(&dst[t], &sc, odb);
			int score = similarity(&src[s], &dst[t]);
			if (score < MIN_SCORE)
				continue;
			AS_GROW(cand, nc + 1, alloc);
			cand[nc++] = (candidate){ score,
				!strcmp(basename_of(p, src[s].change), basename_of(p, dst[t].change)),
				t, s };
		}
	}
	if (nc)
		qsort(cand, nc, sizeof(*cand), cmp_candidate);
	for (size_t i = 0; i < nc; i++) {
		size_t d = src[cand[i].src].change, a = dst[cand[i].dst].change;
		if (p->items[d].partner < 0 && p->items[a].partner < 0)
			pair(p, d, a);
	}
	for (size_t i = 0; i < ns; i++)
		free(src[i].spans);
	for (size_t i = 0; i < nt; i++)
		free(dst[i].spans);
	free(src);
	free(dst);
	free(cand);
	free(sc.counts);
	free(sc.seen);
	free(sc.sorting);
}

void as_renames_find(as_paths *p, git_odb *odb)
{
	size_t nd = 0, na = 0;
	for (size_t i = 0; i < p->nr; i++) {
		p->items[i].partner = -1;
		nd += p->items[i].status == AS_PATH_DELETED;
		na += p->items[i].status == AS_PATH_ADDED;
	}
	if (!nd || !na)
		return;
	size_t *del = as_xmalloc(nd * sizeof(*del)), *add = as_xmalloc(na * sizeof(*add));
	nd = na = 0;
	for (size_t i = 0; i < p->nr; i++) {
		const as_path_change *c = &p->items[i];
		if (c->old_mode == 0160000 || c->new_mode == 0160000)
			continue;
		if (c->status == AS_PATH_DELETED)
			del[nd++] = i;
		else if (c->status == AS_PATH_ADDED)
			add[na++] = i;
	}
	if (nd && na) {
		find_exact(p, del, nd, add, na);
		/* back in path order: the order git considers them in */
		qsort(del, nd, sizeof(*del), cmp_index);
		qsort(add, na, sizeof(*add), cmp_index);
		size_t left_d = 0, left_a = 0;
		for (size_t i = 0; i < nd; i++)
			left_d += p->items[del[i]].partner < 0;
		for (size_t i = 0; i < na; i++)
			left_a += p->items[add[i]].partner < 0;
		if (odb && left_d && left_a &&
		    (uint64_t)left_d * left_a <= (uint64_t)RENAME_LIMIT * RENAME_LIMIT)
			find_similar(p, odb, del, nd, add, na);
	}
	free(del);
	free(add);
}
