#ifndef AS_ORIGINALS_H
#define AS_ORIGINALS_H
/*
 * The originals a push's copies come from (the hook). A backport
 * cherry-picked without -x carries no "(cherry picked from commit X)"
 * line, so only its patch says what it copies; copies.h compares the
 * commits of one push with each other, and this compares the push's
 * commits that carry a finding with the history the server already has.
 *
 * The key is the author line: cherry-pick, rebase and am keep the
 * author's name, e-mail and date, so the original is a commit of the
 * server's history with the same author line, and one committed no
 * earlier than that author date (a day of clock skew allowed). So the
 * look-up walks the server's refs newest first, reading headers only, and
 * stops at that date: a backport of last week's fix reads last week's
 * commits. A commit with the same author line and the same patch-id
 * (copies.h) is the original when its own message, judged with the same
 * rules, carries the same finding (rule, words, actor): then the copy's
 * finding becomes an info finding antisilo:cherry-pick that names it. A
 * pusher cannot dodge a rule that way: the words that fire must already
 * be on the server, in a commit with the same patch.
 *
 * The look-up stops at `stop_ms` (as_now_ms(); 0 = none); a finding
 * whose original was not reached stays as it is.
 *
 * An audit looks up the same way the originals its range does not reach
 * (a release branch audited alone, its fixes picked from main): `run` is
 * its walk, and the commits it met are left out of the search with their
 * history (copies among them were compared in the run, copies.h). The
 * hook passes NULL: the pushed commits are on no branch yet.
 */
#include <git2.h>

#include "finding.h"
#include "pipeline.h"

/* `judge` is the options the run was judged with (rules, mailmap,
 * facts); the originals are judged with them, without the pusher. A
 * referred finding's event is uncounted from `metrics` (may be NULL).
 * Returns 0, or an error when the branches cannot be listed. */
int as_originals_refer(as_findings *findings, as_metrics *metrics, git_repository *repo,
		       const as_scan_opts *judge, as_walk *run, int64_t stop_ms);

#endif
