#ifndef AS_REPO_H
#define AS_REPO_H
/*
 * Opening a repository for reading. Every command opens its repositories
 * here, so that every object read goes through the same reader: ours
 * (objects.h), installed as an odb backend in front of libgit2's. It
 * reads the packs and loose objects of every object directory (the
 * repository's, GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES
 * when opened from the environment, and their info/alternates), for two
 * reasons:
 *
 *   - libgit2 1.5.1 loops forever, at full CPU, in git_odb_read on a
 *     truncated loose object (libgit2 issue #7342, not fixed in Debian
 *     12), and a hook must never spin (loose.h);
 *   - libgit2's pack reader makes threads wait for each other, and reads
 *     whole objects where a walk wants a commit's header (objects.h).
 *
 * What our reader does not find (an object written after the repository
 * was opened, a pack index of version 1) is libgit2's, as before.
 */
#include <git2.h>

#include "source/objects.h"

/*
 * git_repository_open_ext(out, path, flags, NULL) plus the reader. On
 * failure returns libgit2's error code, its message set (git_error_last),
 * and *out is NULL.
 */
int as_repo_open(git_repository **out, const char *path, unsigned flags);

/* The objects our reader serves for `repo` (opened by as_repo_open;
 * borrowed: valid while the repository is), or NULL. */
as_objects *as_repo_objects(git_repository *repo);
/*
 * The reader our backend in `odb` (of such a repository) reads with, for
 * a caller that wants an object without libgit2's copy of it (paths.c
 * holds trees: as_objects_read_held), or NULL. Borrowed: valid while the
 * odb is. libgit2 reads with it too, so only the one thread that uses
 * the odb may read with it (the rule of paths.h).
 */
as_objects_reader *as_repo_odb_reader(git_odb *odb);

/*
 * The commit HEAD points at: 0 and *out, or a libgit2 error (an unborn
 * branch: GIT_ENOTFOUND). libgit2 resolves a packed ref by parsing every
 * line of packed-refs into a table (3 ms with git.git's 4,294 refs, and
 * linear in them); a hook that only wants HEAD reads HEAD, the loose ref
 * and the one line of packed-refs. Anything unusual (a symbolic chain, a
 * peeled line, no such line) goes to libgit2.
 */
int as_repo_head(git_oid *out, git_repository *repo);

#endif
