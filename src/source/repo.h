#ifndef AS_REPO_H
#define AS_REPO_H
/*
 * Opening a repository for reading. Every command opens its repositories
 * here, so that every object read goes through the same guard:
 *
 * libgit2 1.5.1 loops forever, at full CPU, in git_odb_read on a truncated
 * loose object (libgit2 issue #7342, fixed upstream by PR #7346 but not in
 * Debian 12). A hook must never spin, so the repository's odb gets one
 * more backend, tried before libgit2's own: it reads the loose objects of
 * every object directory (the repository's, GIT_OBJECT_DIRECTORY and
 * GIT_ALTERNATE_OBJECT_DIRECTORIES when opened from the environment, and
 * their info/alternates) with zlib, and a stream that ends early or
 * carries more or less than its header says is an error naming the file.
 * Packed objects are libgit2's, as before.
 */
#include <git2.h>

/*
 * git_repository_open_ext(out, path, flags, NULL) plus the guard. On
 * failure returns libgit2's error code, its message set (git_error_last),
 * and *out is NULL.
 */
int as_repo_open(git_repository **out, const char *path, unsigned flags);

#endif
