#ifndef AS_COPIES_H
#define AS_COPIES_H
/*
 * Copies of a commit judged twice: a cherry-pick made without -x (so no
 * "(cherry picked from commit X)" line says so, source/message.h) carries
 * the same finding as its original. After a run's judging, findings of
 * the same rule, parties and excerpt on several commits are compared by
 * the patch-id of their commits (git patch-id: the diff against the first
 * parent, whitespace and line numbers aside); every commit with the
 * patch-id of an older one gets, instead of its own finding, an info
 * finding antisilo:cherry-pick that names the original, and the metrics
 * count the event once.
 *
 * Only the commits that share a finding are diffed, so a run pays nothing
 * for it until a finding repeats. Within the run only: the hook compares
 * the commits of one push (the server's other commits are not diffed: a
 * backport pushed alone is judged again unless it carries -x's line).
 */
#include <git2.h>

#include "finding.h"
#include "metrics/metrics.h"

/* Always 0 (a commit whose patch cannot be computed keeps its finding);
 * `metrics` may be NULL. */
int as_copies_refer(as_findings *findings, as_metrics *metrics, git_repository *repo);

#endif
