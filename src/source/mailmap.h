#ifndef AS_MAILMAP_H
#define AS_MAILMAP_H
/*
 * .mailmap with git's semantics (git's mailmap.c): e-mails and old names
 * match case-insensitively, all four line forms are read, later lines win
 * as in git. libgit2's own mailmap differs (LIBNOTES.md), so we do not use
 * it. Read-only after loading: safe to share between threads.
 */
#include <git2.h>
#include <stddef.h>

typedef struct as_mailmap as_mailmap;

as_mailmap *as_mailmap_new(void);
void as_mailmap_free(as_mailmap *mm);

/* Adds the entries of one mailmap blob's contents (up to a NUL byte). */
void as_mailmap_parse(as_mailmap *mm, const char *buf, size_t len);

/*
 * Loads what `git log --use-mailmap` would use for `repo`, in git's order
 * (later entries win): the work tree's .mailmap (not followed if it is a
 * symlink), then `mailmap.blob` (default HEAD:.mailmap in a bare
 * repository; "bare" as git decides it, see mailmap.c), then
 * `mailmap.file`. Missing or unreadable files and blobs that do not
 * resolve are skipped, as git skips them. Returns 0 or AS_EINTERNAL (the
 * configuration cannot be read).
 */
int as_mailmap_load(as_mailmap **out, git_repository *repo);

/*
 * Maps an identity. On return *name and *email (and lengths) point either to
 * the inputs or to strings owned by the mailmap. Returns 1 when mapped.
 */
int as_mailmap_map(const as_mailmap *mm, const char **name, size_t *name_len,
		   const char **email, size_t *email_len);

#endif
