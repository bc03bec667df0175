#ifndef AS_LOOSE_H
#define AS_LOOSE_H
/*
 * The loose objects of a list of object directories (objects/ab/cdef...),
 * read with zlib by us, not by libgit2: libgit2 1.5.1 loops forever, at
 * full CPU, in git_odb_read on a truncated loose object (libgit2 issue
 * #7342, fixed upstream by PR #7346 but not in Debian 12), and a hook
 * must never spin. A stream that ends early or carries more or less than
 * its header says is an error naming the file.
 *
 * Which loose objects exist is learnt from the fan-out directories, each
 * listed once, on first use (from any thread), so that looking up a packed
 * object costs a binary search in memory and no system call. An object
 * written after the listing is not seen (libgit2's backends then are).
 */
#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "util/buf.h"

typedef struct {
	git_oid oid;
	size_t dir;
} as_loose_entry;

typedef struct {
	as_loose_entry *items;
	size_t nr, alloc;
} as_loose_fanout;

typedef struct {
	char *const *dirs;           /* borrowed: the object directories, in order */
	size_t ndirs;
	pthread_mutex_t lock;
	_Atomic unsigned char listed[256];
	as_loose_fanout fans[256];
} as_loose;

void as_loose_init(as_loose *l, char *const *dirs, size_t ndirs);
void as_loose_free(as_loose *l);

/* Whether `oid` is a loose object of these directories. */
int as_loose_has(as_loose *l, const git_oid *oid);

/*
 * Reads the loose object `oid`: its type and size, and unless `data` is
 * NULL its contents into *data (size + 1 bytes, NUL-terminated) from
 * `alloc(ctx, n)`, given back with `release(ctx, p)` on failure. Returns 0, GIT_ENOTFOUND,
 * or GIT_ERROR with libgit2's error message set (the file named from
 * its object directory on: the message may reach a pusher).
 */
int as_loose_read(as_loose *l, const git_oid *oid, void **data, size_t *len,
		  git_object_t *type, void *(*alloc)(void *ctx, size_t n),
		  void (*release)(void *ctx, void *p), void *ctx);

#endif
