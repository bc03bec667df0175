#ifndef AS_AHEAD_H
#define AS_AHEAD_H
/*
 * Judging ahead: one read of each commit for an audit that reads no
 * trees (--no-paths).
 *
 * Without a commit-graph, the table of the packs (source/commit_table.h)
 * reads every commit whole, on every core, before the walk; the walk's
 * workers then read each commit whole again to judge it. Instead, while
 * the table has a commit in memory, detection runs over it there. When
 * it finds no event at all (nearly every commit of a history), what the
 * judging stage still needs of that commit is kept: a digest of its
 * author after .mailmap, its dates and the trailers the metrics count
 * (as_metrics_counts_trailer), some 30 bytes on git.git. The workers
 * judge the digest and neither read nor detect the commit a second time.
 *
 * A commit with an event, over max_message_bytes, outside the window or
 * that the table did not read has no digest: it is read and judged as it
 * would be without this, so the findings and metrics are the same.
 */
#include <git2.h>
#include <stdint.h>

#include "config/config.h"
#include "detect/detect.h"
#include "metrics/metrics.h"
#include "source/commit.h"
#include "source/commit_table.h"
#include "source/mailmap.h"

typedef struct as_ahead as_ahead;

/* For commits of committer date in [since, until] (0: open), read by up
 * to `jobs` threads; `mctx` says which trailers to keep. */
as_ahead *as_ahead_new(const as_config *cfg, const as_mailmap *mm, const as_metrics_ctx *mctx,
		       int64_t since, int64_t until, int jobs);
void as_ahead_free(as_ahead *a);

/* What the table's readers call with each commit (as_walk_read_ahead). */
const as_commit_visitor *as_ahead_visitor(as_ahead *a);

/* After the commits were read (the table built, or the authors read),
 * before the first as_ahead_commit: indexes the digests, on one thread.
 * Returns how many there are. */
size_t as_ahead_index(as_ahead *a);

/* The detector the digests were judged with (the scan uses the same). */
const as_detector *as_ahead_detector(const as_ahead *a);

/*
 * Fills *c (as_commit_start) from the digest of `oid` and returns 1: its
 * author, dates and counted trailers (no tree, no parents, no message);
 * the commit is known to yield no event. 0 when it has none. Safe on any
 * number of threads at once.
 */
int as_ahead_commit(const as_ahead *a, const git_oid *oid, as_commit *c);

#endif
