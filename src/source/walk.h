#ifndef AS_WALK_H
#define AS_WALK_H
/*
 * The commit walk: which commits a run judges, in git's default order
 * (newest commit date first). To order them it needs each commit's
 * parents and date: from the commit-graph when the repository has one
 * (commit_graph.h: then it reads no commit at all, and whoever judges a
 * commit reads it, on their own thread), else from the commit object,
 * read once (objects.h) and handed to the caller, so that it is not read
 * again (LIBNOTES: libgit2's revwalk plus a lookup reads each commit
 * twice or caches it all).
 *
 * Ranges take what `git rev-list` takes for the common cases: A..B, A...B,
 * ^A, a ref or object name, --all, --branches. With excluded commits the walk is
 * "limited" as git's is: it reads ahead until every commit still queued
 * is excluded, then yields the survivors.
 */
#include <git2.h>
#include <stdint.h>
#include "source/commit_table.h"

typedef struct as_walk as_walk;

int as_walk_new(as_walk **out, git_repository *repo);
void as_walk_free(as_walk *w);

/* Adds one revision argument (see above). AS_ECONFIG for a bad revision. */
int as_walk_add(as_walk *w, const char *arg);
/* Includes (hide = 0) or excludes (hide = 1) one commit. */
int as_walk_add_oid(as_walk *w, const git_oid *oid, int hide);
/*
 * Push mode (the pre-receive hook): only commits whose objects are in
 * `objects_dir` — the push's quarantine, GIT_QUARANTINE_PATH — are walked,
 * and the walk stops at the first commit outside it, which is history the
 * repository already had. Call before adding tips. The commits yielded are
 * then exactly the commits the push brought that its tips reach: reading
 * no ref at all, so the cost does not grow with the number of refs.
 */
int as_walk_limit_to_objects(as_walk *w, const char *objects_dir);

/* Commits whose committer date is outside [since, until] are not yielded;
 * the walk does not go past commits older than `since` (as git log). 0 = no
 * bound. */
void as_walk_set_window(as_walk *w, int64_t since, int64_t until);

/* Yields at most `n` commits (git log -n N / --max-count N; 0 yields none);
 * n < 0: no bound (the default). */
void as_walk_set_max_count(as_walk *w, long long n);

/* A raw commit object, malloc'd and NUL-terminated; data NULL: not read;
 * whole 0: its header and maybe more, not all of it (as_walk_headers_only). */
typedef struct {
	unsigned char *data;
	size_t len;
	int whole;
} as_raw;

void as_raw_free(as_raw *r);

/*
 * Next commit: fills *oid and hands over the raw object (*obj, free it with
 * as_raw_free). Returns 0, AS_ENOTFOUND when the walk is over, or
 * AS_EINTERNAL (an object that cannot be read).
 */
int as_walk_next(as_walk *w, git_oid *oid, as_raw *obj);

/* The same, without reading what the walk did not read itself: obj->data
 * is NULL then (the graph knew the commit, or a replay), and the caller
 * reads it (objects.h), on whatever thread it likes. */
int as_walk_next_lazy(as_walk *w, git_oid *oid, as_raw *obj);

/* The same, with at least the commit's header (tree, parents, author,
 * committer): obj->whole says whether it is all of it. */
int as_walk_next_header(as_walk *w, git_oid *oid, as_raw *obj);

/* Reads at least the header of commit `oid` into *obj, as above; or all
 * of it. */
int as_walk_read_header(as_walk *w, const git_oid *oid, as_raw *obj);
int as_walk_read_commit(as_walk *w, const git_oid *oid, as_raw *obj);

/*
 * The walk reads only the headers of commits (what ordering needs):
 * as_walk_next_lazy then yields headers (obj->whole 0) that whoever
 * judges reads whole, on their own thread.
 */
void as_walk_headers_only(as_walk *w);

/* The repository the walk reads. */
git_repository *as_walk_repository(const as_walk *w);

/* Whether the walk reads commit objects itself (no graph, no replay):
 * then a thread that only walks is busy inflating. */
int as_walk_reads_commits(const as_walk *w);

/*
 * Recording and replay, for a run that walks the same range twice (the
 * identities of its authors first, then the judging): after
 * as_walk_record() and a walk to its end, as_walk_rewind() makes the walk
 * yield the same commits again, in the same order (and with the same
 * parent trees), without walking or reading anything: as_walk_next_lazy
 * then gives ids only.
 */
void as_walk_record(as_walk *w);
void as_walk_rewind(as_walk *w);

/* Commits `skip` says yes to are left out, and their history with them,
 * as history the repository already had is in push mode. */
void as_walk_set_skip(as_walk *w, int (*skip)(void *data, const git_oid *oid), void *data);
/* Whether the walk met commit `oid` on its included side: queued it, so
 * yielded it or stopped at it (a window's bound); not an excluded one. */
int as_walk_met(as_walk *w, const git_oid *oid);

/* Orders commits from their objects even when there is a commit-graph
 * (tests compare the two). */
void as_walk_no_graph(as_walk *w);

/*
 * For a walk over (most of) the history without a commit-graph: reads
 * the commits of the packs first, on `jobs` threads (commit_table.h), so
 * that the walk itself reads almost nothing and the authors are known
 * (as_walk_table); each commit read goes to `v` too (may be NULL). Call
 * before the first as_walk_next*; a no-op with a graph or in push mode,
 * where there is nothing to win. Returns 1 when the commits were read.
 */
int as_walk_read_ahead(as_walk *w, int jobs, const as_commit_visitor *v);
const struct as_commit_table *as_walk_table(const as_walk *w);

/* The table's row of the commit the last as_walk_next* yielded: 1 and
 * *out, or 0 (no table, or the table lacks it). One look-up a commit
 * fewer for the authors' pass. */
int as_walk_table_row(const as_walk *w, as_commit_row *out);

/*
 * The tree of the first parent of the commit as_walk_next() just yielded,
 * when the walk read that parent (it reads parents to order them): fills
 * *out and returns 1; 0 when unknown (a root commit, a parent outside a
 * push's objects).
 */
int as_walk_parent_tree(const as_walk *w, git_oid *out);

/* Parses "2024-01-31", "2024-01-31 12:00[:00]", ISO 8601 with T/Z/offset,
 * "@<unix seconds>", "N (second|minute|hour|day|week|month|year)s ago".
 * `now` anchors relative dates. Returns 0 or AS_ECONFIG. */
int as_parse_date(int64_t *out, const char *text, int64_t now);

#endif
