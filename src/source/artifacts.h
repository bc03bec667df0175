#ifndef AS_ARTIFACTS_H
#define AS_ARTIFACTS_H
/*
 * The files of the audited commit, for reports that must point at a file
 * that exists there (SARIF for GitHub code scanning: an alert is placed in
 * a file of the repository at the commit the analysis is uploaded for,
 * and a result whose file is not there cannot be shown).
 *
 * A file is a blob entry of the tip's tree that is not a symbolic link
 * (GitHub cannot show results through one) nor a submodule.
 */
#include <git2.h>

#include "util/buf.h"

typedef struct as_artifacts as_artifacts;

/* `tip_tree`: the tree of the audited commit. Returns 0 or AS_EINTERNAL
 * (the tree cannot be read). */
int as_artifacts_open(as_artifacts **out, git_repository *repo, const git_oid *tip_tree);
void as_artifacts_free(as_artifacts *a);

/* 1 when `path` (relative to the top, '/'-separated) is a file at the tip. */
int as_artifacts_has(as_artifacts *a, const char *path);

/*
 * The first path that commit `hex` changed (against its first parent, a
 * merge too: what it brought into the branch; in git's order, as `git
 * log --first-parent --name-only`) that is a file at the tip: 1 and the
 * path in `out` (replaced), or 0 when there is none (the commit changed
 * nothing, only files that are gone since, or cannot be read).
 */
int as_artifacts_commit_file(as_artifacts *a, const char *hex, as_buf *out);

#endif
