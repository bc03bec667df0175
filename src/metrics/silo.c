/*
 * Degree of authorship: the records of the walk, their replay in history
 * order, and the authors of the tip's files (silo.h).
 */
#include "metrics/silo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

/* Avelino et al.'s thresholds (and their tool's config.properties). */
#define DOA_MIN 3.293
#define DOA_NORMALISED_MIN 0.75

#define NO_HISTORY UINT32_MAX
#define NO_DEV UINT32_MAX

double as_doa(int fa, uint64_t dl, uint64_t ac)
{
	return 3.293 + 1.098 * (fa ? 1 : 0) + 0.164 * (double)dl -
	       0.321 * log(1.0 + (double)ac);
}

/* ---- during the walk ------------------------------------------------------ */

void as_silo_add(as_silo *s, uint64_t seq, uint32_t file, uint32_t dev, as_silo_kind kind)
{
	/* (a walk of 4 billion commits or 500 million developers is not one
	 * we can count anyway: the ids would not fit) */
	if (seq > UINT32_MAX || dev >= (UINT32_MAX >> 3))
		return;
	AS_GROW(s->recs, s->nrecs + 1, s->alloc);
	as_silo_rec *r = &s->recs[s->nrecs++];
	r->seq = (uint32_t)seq;
	r->file = file;
	r->dev_kind = dev << 3 | (uint32_t)kind;
}

static void grow_devs(as_silo *s, size_t n)
{
	if (n <= s->ndevs)
		return;
	size_t alloc = s->ndevs ? s->ndevs : 64;
	while (alloc < n)
		alloc *= 2;
	s->last_time = as_xrealloc(s->last_time, alloc * sizeof(*s->last_time));
	for (size_t i = s->ndevs; i < alloc; i++)
		s->last_time[i] = INT64_MIN;
	s->ndevs = alloc;
}

void as_silo_seen(as_silo *s, uint32_t dev, int64_t time)
{
	grow_devs(s, (size_t)dev + 1);
	if (time > s->last_time[dev])
		s->last_time[dev] = time;
}

void as_silo_merge(as_silo *into, const as_silo *from, const uint32_t *file_map,
		   const uint32_t *dev_map)
{
	AS_GROW(into->recs, into->nrecs + from->nrecs, into->alloc);
	for (size_t i = 0; i < from->nrecs; i++) {
		as_silo_rec r = from->recs[i];
		r.file = file_map[r.file];
		r.dev_kind = dev_map[r.dev_kind >> 3] << 3 | (r.dev_kind & 7);
		into->recs[into->nrecs++] = r;
	}
	for (size_t d = 0; d < from->ndevs; d++)
		if (from->last_time[d] != INT64_MIN)
			as_silo_seen(into, dev_map[d], from->last_time[d]);
}

void as_silo_free(as_silo *s)
{
	free(s->recs);
	free(s->last_time);
	memset(s, 0, sizeof(*s));
}

/* ---- the replay ------------------------------------------------------------ */

/* The records of one commit: contiguous, in the order they were added. */
typedef struct {
	size_t start, n;
	uint32_t seq;
} commit_run;

/* Oldest first: the walk meets a commit before its parents. */
static int cmp_run(const void *a, const void *b)
{
	const commit_run *x = a, *y = b;
	return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

/* Every history a file had: its creator and the changes after creation. */
typedef struct {
	uint32_t *creator;      /* [history]: developer, NO_DEV when unknown */
	uint64_t *changes;      /* [history]: changes after the creation */
	size_t n, alloc;
	as_u64map dl;           /* AS_PAIR(history, dev) -> its changes */
	uint32_t *at;           /* [file]: the history the path has now */
} replay;

static uint32_t new_history(replay *r, uint32_t creator)
{
	if (r->n == r->alloc) {
		size_t alloc = r->alloc;
		AS_GROW(r->creator, r->n + 1, alloc);
		r->changes = as_xrealloc(r->changes, alloc * sizeof(*r->changes));
		r->alloc = alloc;
	}
	r->creator[r->n] = creator;
	r->changes[r->n] = 0;
	return (uint32_t)r->n++;
}

static void change(replay *r, uint32_t h, uint32_t dev)
{
	r->changes[h]++;
	(*as_u64map_at(&r->dl, AS_PAIR(h, dev)))++;
}

/* The history a path has, started (without a creator) when it has none. */
static uint32_t history_of(replay *r, uint32_t file)
{
	if (r->at[file] == NO_HISTORY)
		r->at[file] = new_history(r, NO_DEV);
	return r->at[file];
}

static void run_commit(replay *r, const as_silo_rec *recs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t f = recs[i].file, dev = recs[i].dev_kind >> 3;
		switch ((as_silo_kind)(recs[i].dev_kind & 7)) {
		case AS_SILO_ADD:
			r->at[f] = new_history(r, dev);
			break;
		case AS_SILO_MODIFY:
			change(r, history_of(r, f), dev);
			break;
		case AS_SILO_DELETE:
			r->at[f] = NO_HISTORY;
			break;
		case AS_SILO_RENAME_FROM:
			if (i + 1 < n && (as_silo_kind)(recs[i + 1].dev_kind & 7) == AS_SILO_RENAME_TO) {
				uint32_t h = history_of(r, f), to = recs[++i].file;
				r->at[f] = NO_HISTORY;
				r->at[to] = h;
				change(r, h, dev);
			}
			break;
		case AS_SILO_RENAME_TO:
			break; /* (a pair always comes FROM first) */
		}
	}
}

static void replay_all(replay *r, const as_silo *s, size_t nfiles)
{
	commit_run *runs = NULL;
	size_t nruns = 0, alloc = 0;

	memset(r, 0, sizeof(*r));
	r->at = as_xmalloc((nfiles + 1) * sizeof(*r->at));
	for (size_t f = 0; f <= nfiles; f++)
		r->at[f] = NO_HISTORY;
	for (size_t i = 0; i < s->nrecs; i++) {
		if (i && s->recs[i].seq == s->recs[i - 1].seq) {
			runs[nruns - 1].n++;
			continue;
		}
		AS_GROW(runs, nruns + 1, alloc);
		runs[nruns++] = (commit_run){ i, 1, s->recs[i].seq };
	}
	if (nruns)
		qsort(runs, nruns, sizeof(*runs), cmp_run);
	for (size_t i = 0; i < nruns; i++)
		run_commit(r, s->recs + runs[i].start, runs[i].n);
	free(runs);
}

static void replay_free(replay *r)
{
	free(r->creator);
	free(r->changes);
	free(r->at);
	as_u64map_free(&r->dl);
}

/* ---- the tip's files and their authors ------------------------------------- */

typedef struct {
	as_strtab *paths;
	as_buf scratch;
} tip_walk;

static int collect_blob(const char *root, const git_tree_entry *e, void *data)
{
	tip_walk *w = data;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0; /* trees are walked into; submodules are not files */
	as_buf_clear(&w->scratch);
	as_buf_puts(&w->scratch, root);
	as_buf_puts(&w->scratch, git_tree_entry_name(e));
	as_strtab_intern(w->paths, w->scratch.ptr, w->scratch.len);
	return 0;
}

static int list_tip(as_strtab *out, git_repository *repo, const git_oid *tree_id)
{
	git_tree *tree = NULL;
	tip_walk w = { out, AS_BUF_INIT };
	int err = 0;

	if (git_tree_lookup(&tree, repo, tree_id) < 0 ||
	    git_tree_walk(tree, GIT_TREEWALK_PRE, collect_blob, &w) < 0)
		err = as_error_git(AS_EINTERNAL, "reading the tree of the tip");
	git_tree_free(tree);
	as_buf_free(&w.scratch);
	return err;
}

typedef struct {
	uint32_t dev;
	double doa;
} candidate;

/* Best DOA first; on a tie the smaller developer id (the order does not
 * change who is an author, only how the list reads). */
static int cmp_candidate(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->doa != y->doa)
		return x->doa > y->doa ? -1 : 1;
	return x->dev < y->dev ? -1 : x->dev > y->dev;
}

/* The (history, developer) counters grouped by history: for history h,
 * devs[start[h] .. start[h + 1]) and their counts. */
typedef struct {
	size_t *start;
	uint32_t *devs;
	uint64_t *dl;
} by_history;

static void group_counters(by_history *g, const replay *r)
{
	g->start = as_xcalloc(r->n + 2, sizeof(*g->start));
	g->devs = as_xmalloc((r->dl.nr + 1) * sizeof(*g->devs));
	g->dl = as_xmalloc((r->dl.nr + 1) * sizeof(*g->dl));
	for (size_t i = 0; i < r->dl.nslots; i++)
		if (r->dl.keys[i] != UINT64_MAX)
			g->start[AS_PAIR_A(r->dl.keys[i]) + 1]++;
	for (size_t h = 0; h < r->n; h++)
		g->start[h + 1] += g->start[h];
	size_t *fill = as_xmalloc((r->n + 1) * sizeof(*fill));
	memcpy(fill, g->start, (r->n + 1) * sizeof(*fill));
	for (size_t i = 0; i < r->dl.nslots; i++) {
		uint64_t k = r->dl.keys[i];
		if (k == UINT64_MAX)
			continue;
		size_t j = fill[AS_PAIR_A(k)]++;
		g->devs[j] = AS_PAIR_B(k);
		g->dl[j] = r->dl.vals[i];
	}
	free(fill);
}

/* The authors of history h into out (best first); returns how many. */
static size_t authors_of(uint32_t *out, const replay *r, const by_history *g, uint32_t h,
			 candidate *scratch)
{
	size_t n = 0, first = g->start[h], last = g->start[h + 1];
	uint32_t creator = r->creator[h];
	int creator_seen = 0;
	for (size_t j = first; j < last; j++) {
		uint32_t d = g->devs[j];
		creator_seen |= d == creator;
		scratch[n].dev = d;
		scratch[n++].doa = as_doa(d == creator, g->dl[j], r->changes[h] - g->dl[j]);
	}
	if (creator != NO_DEV && !creator_seen) {
		scratch[n].dev = creator;
		scratch[n++].doa = as_doa(1, 0, r->changes[h]);
	}
	double max = -INFINITY;
	for (size_t j = 0; j < n; j++)
		if (scratch[j].doa > max)
			max = scratch[j].doa;
	qsort(scratch, n, sizeof(*scratch), cmp_candidate);
	size_t k = 0;
	for (size_t j = 0; j < n; j++)
		if (scratch[j].doa >= DOA_MIN && scratch[j].doa / max >= DOA_NORMALISED_MIN)
			out[k++] = scratch[j].dev;
	return k;
}

int as_authorship_compute(as_authorship *out, const as_silo *s, const as_strtab *files,
			  git_repository *repo, const git_oid *tree,
			  const as_file_filter *filter)
{
	replay r;
	by_history g;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = list_tip(&out->paths, repo, tree)) < 0) {
		as_strtab_free(&out->paths);
		return err;
	}
	replay_all(&r, s, files->nr);
	group_counters(&g, &r);

	size_t nt = out->paths.nr, most = 1;
	for (size_t h = 0; h < r.n; h++)
		if (g.start[h + 1] - g.start[h] + 1 > most)
			most = g.start[h + 1] - g.start[h] + 1;
	candidate *scratch = as_xmalloc((most + 1) * sizeof(*scratch));
	out->reason = as_xcalloc(nt + 1, 1);
	out->off = as_xcalloc(nt + 1, sizeof(*out->off));
	out->n = as_xcalloc(nt + 1, sizeof(*out->n));
	size_t used = 0, alloc = 0;
	AS_GROW(out->ids, most, alloc); /* never NULL: readers add offsets to it */
	for (size_t t = 0; t < nt; t++) {
		const char *path = as_strtab_str(&out->paths, (uint32_t)t);
		int64_t f = as_strtab_find(files, path, out->paths.len[t]);
		uint32_t h = f >= 0 ? r.at[f] : NO_HISTORY;
		as_file_reason why = filter ? as_file_filter_reason(filter, path, out->paths.len[t])
					    : AS_FILE_COUNTED;
		if (why == AS_FILE_COUNTED && h == NO_HISTORY)
			why = AS_FILE_NO_HISTORY;
		out->reason[t] = (uint8_t)why;
		out->by_reason[why]++;
		out->counted += why == AS_FILE_COUNTED;
		out->off[t] = used;
		if (h == NO_HISTORY)
			continue;
		AS_GROW(out->ids, used + most, alloc);
		out->n[t] = authors_of(out->ids + used, &r, &g, h, scratch);
		used += out->n[t];
	}
	free(scratch);
	free(g.start);
	free(g.devs);
	free(g.dl);
	replay_free(&r);
	return 0;
}

void as_authorship_free(as_authorship *a)
{
	as_strtab_free(&a->paths);
	free(a->reason);
	free(a->off);
	free(a->n);
	free(a->ids);
	memset(a, 0, sizeof(*a));
}
