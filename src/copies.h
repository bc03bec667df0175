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
 * the commits of one push with each other here, and with the history the
 * server already has in originals.h.
 */
#include <git2.h>

#include "finding.h"
#include "metrics/metrics.h"

/* Always 0 (a commit whose patch cannot be computed keeps its finding);
 * `metrics` may be NULL. */
int as_copies_refer(as_findings *findings, as_metrics *metrics, git_repository *repo);

/* Whether finding `f` may be a copy's: a warning or worse of a rule (not
 * a notice of antisilo's own) on a commit. */
int as_copies_eligible(const as_finding *f);

/* git patch-id of commit `oid` against its first parent: 1 and *out, or
 * 0 for a merge, a root commit, or one whose parent or trees cannot be
 * read (a shallow or partial clone): nothing to compare. */
int as_copies_patch_id(git_oid *out, git_repository *repo, const git_oid *oid);

/* Finding `f` becomes an info finding antisilo:cherry-pick that names
 * commit `original` (hex); its event is uncounted from `metrics` (may be
 * NULL). */
void as_copies_refer_to(as_finding *f, const char *original, as_metrics *metrics);

#endif
