#ifndef AS_OBJECTS_H
#define AS_OBJECTS_H
/*
 * The objects of a repository, read by us on any number of threads: the
 * packs (pack.h) and loose objects (loose.h) of its object directories —
 * the repository's, GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_
 * DIRECTORIES when it was opened from the environment (the hook's
 * quarantine), and their info/alternates, in libgit2's order.
 *
 * Why not libgit2's odb: its pack reader serialises threads (one mutex
 * per pack, one global for its mapped windows), inflates with a fresh
 * zlib state per object, and reads whole objects where the walk needs a
 * commit's header only. Here the mapped packs and the loose listing are
 * shared read-only; each thread has an as_objects_reader (its zlib
 * stream, buffers and delta-base cache), so readers never wait for each
 * other.
 *
 * One as_objects per set of object directories, shared by every
 * repository opened on them (each worker thread opens its own
 * git_repository; the packs are mapped once): reference counted, opened
 * and freed under a lock, immutable in between. It is a snapshot: a pack
 * or loose object written after the first open is not seen, and a read
 * that finds nothing here is left to libgit2 (repo.c installs this as an
 * odb backend in front of libgit2's, so every git_odb_read uses it).
 */
#include <git2.h>
#include <stddef.h>

#include "source/commit_graph.h"
#include "source/pack.h"

typedef struct as_objects as_objects;
typedef struct as_objects_reader as_objects_reader;

/* The object directories of `repo` as libgit2 reads them with `flags`
 * (git_repository_open_ext's). Returns 0 or AS_EINTERNAL. */
int as_objects_open(as_objects **out, git_repository *repo, unsigned flags);
/* The objects of one directory and its info/alternates. */
int as_objects_open_dir(as_objects **out, const char *dir);
/* Another reference to `o`. */
as_objects *as_objects_ref(as_objects *o);
void as_objects_free(as_objects *o);

/* The commit-graph of the directories (commit_graph.h), or NULL. */
const as_commit_graph *as_objects_graph(const as_objects *o);

/* Whether `oid` is in one of the directories (packed or loose). */
int as_objects_has(as_objects *o, const git_oid *oid);

/*
 * Lets the kernel take back the pages of the packs read so far: a full
 * audit touches most of a pack's trees once, and a mapping keeps every
 * page it touched resident (counted in the process's memory) until it
 * is unmapped. Safe at any time, from any thread.
 */
void as_objects_trim(as_objects *o);
/* The same for the packs' indexes, after a pass that swept them whole
 * (the table of the packs' commits): a look-up touches a few pages. */
void as_objects_trim_indexes(as_objects *o);

/* A reader of `o` (NULL: one that finds nothing, for as_objects_read_any). */
as_objects_reader *as_objects_reader_new(as_objects *o);
void as_objects_reader_free(as_objects_reader *r);
/* Bounds the reader's cache of objects (delta bases; default 16 MiB). A
 * run that reads a few objects of each commit needs little, and every
 * megabyte it fills is a megabyte of fresh pages. */
void as_objects_reader_set_cache(as_objects_reader *r, size_t bytes);

typedef struct {
	git_object_t type;
	const unsigned char *data;   /* NUL-terminated; the reader's: valid
				      * until its next read */
	size_t len;                  /* bytes in data */
	size_t size;                 /* the object's size (> len: a prefix) */
} as_object;

/*
 * Reads object `oid`: whole with want = 0, else at least its first `want`
 * bytes (all of it when shorter; a prefix costs less to inflate when the
 * object is stored whole, and nothing less for a delta). Returns 0,
 * AS_ENOTFOUND (in none of the directories: ask libgit2), or AS_EINTERNAL
 * (a corrupt or unreadable object; the message names the pack or file).
 */
int as_objects_read(as_objects_reader *r, const git_oid *oid, size_t want, as_object *out);

/*
 * An object read whole for a caller that keeps it past the reader's next
 * read (paths.c keeps a tree while it reads others): the reader's cached
 * node itself when it has one, never a copy. Valid until
 * as_objects_release(*held), even past the reader's free; release it on
 * the reader's thread (the cache is the reader's, without a lock).
 * Returns what as_objects_read does; *held is NULL on failure.
 */
typedef struct as_objects_held as_objects_held;
int as_objects_read_held(as_objects_reader *r, const git_oid *oid, as_object *out,
			 as_objects_held **held);
void as_objects_release(as_objects_held *held);

/* as_objects_read, then libgit2's `odb` for what it does not find (a
 * pack written since, an old index version): what every reader of
 * commits uses. */
int as_objects_read_any(as_objects_reader *r, git_odb *odb, const git_oid *oid, size_t want,
			as_object *out);

/* The packs of the directories, newest first (pack.h), and a read of the
 * entry at `offset` of pack number `pack`, as as_objects_read reads it:
 * for whoever enumerates a pack rather than looking ids up. */
size_t as_objects_npacks(const as_objects *o);
const as_pack *as_objects_pack(const as_objects *o, size_t i);
int as_objects_read_at(as_objects_reader *r, size_t pack, uint64_t offset, as_object *out);

/* The type and size only (data NULL, len 0), as git_odb_read_header. */
int as_objects_read_header(as_objects_reader *r, const git_oid *oid, as_object *out);

#endif
