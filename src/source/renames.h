#ifndef AS_RENAMES_H
#define AS_RENAMES_H
/*
 * Renames among one commit's changed paths, as `git log -M` (git's
 * default) pairs a deleted file with an added one:
 *
 *   1. exact: the same blob deleted once and added once;
 *   2. with edits (when an odb is given): regular files whose contents are
 *      at least 50% similar by git's estimate (diffcore-delta: the bytes
 *      of the added file found in the deleted one, in spans cut at each
 *      newline or every 64 bytes, over the larger size), best score
 *      first, a same-named file winning a tie, each side used once. As
 *      git, not when deleted × added files pass 1000 × 1000, and not at
 *      all for symbolic links and submodules.
 *
 * What git does and this does not: its basename pre-pass (git >= 2.33
 * first pairs files that kept their name in another directory, and may
 * pick a different partner among several near-equal candidates), copies
 * (-C), and break/rewrite detection (-B).
 *
 * Sets items[i].partner of both sides of each pair (-1 elsewhere). A
 * blob that cannot be read (a partial clone) is paired only exactly.
 */
#include <git2.h>

#include "source/paths.h"

void as_renames_find(as_paths *p, git_odb *odb);

#endif
