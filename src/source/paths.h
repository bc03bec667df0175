#ifndef AS_PATHS_H
#define AS_PATHS_H
/*
 * The paths a commit changed, as `git log --no-renames --name-only` lists
 * them: the commit's tree against its first parent's, recursing only into
 * subtrees whose ids differ (git's tree-diff.c). Trees are read with our
 * object reader when the odb has it (repo.h; git_odb_read otherwise) and
 * parsed here, only as far as the comparison needs; no blob is read
 * unless line counts are asked for (as_paths_count_lines).
 *
 * What git does and so do we:
 *   - no rename or copy detection (--no-renames);
 *   - order: git's tree order, a directory sorting as if its name ended
 *     in '/' ("d" the file before "d.c" before "d/" the directory);
 *   - a file that becomes a directory (or back) is a deletion plus
 *     additions (they are different names to git); a regular file that
 *     becomes a symlink or a submodule (gitlink) or back is one entry of
 *     status 'T';
 *   - modes are canonicalised as git's canon_mode() (old trees carry
 *     100664: it is 100644), so a tree that only spells a mode
 *     differently changes nothing;
 *   - submodules (mode 160000) are entries, never recursed into;
 *   - a root commit adds everything; an empty commit changes nothing;
 *   - merges: see as_merge_mode.
 *
 * One as_paths serves one thread: it is reused from commit to commit (its
 * arrays only grow; no allocation per path) and keeps the trees it read
 * lately, parsed (at most 16 MiB or 4096 trees, plus one commit's), since
 * a commit's parent, processed soon after it in a walk, reads them again.
 * Each thread needs its own git_odb (or git_repository): nothing here is
 * shared, nothing is global (trees are read with the odb's own reader,
 * repo.h).
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "source/commit.h"
#include "util/buf.h"

typedef enum {
	AS_PATH_ADDED = 'A',
	AS_PATH_DELETED = 'D',
	AS_PATH_MODIFIED = 'M',   /* content and/or executable bit */
	AS_PATH_TYPECHANGE = 'T', /* file <-> symlink <-> submodule */
} as_path_status;

/* Line counts not computed (yet), and the mark of a binary file. */
#define AS_LINES_UNKNOWN (-2L)
#define AS_LINES_BINARY (-1L)

typedef struct {
	size_t path_off;          /* the path: as_paths_name(set, i) */
	size_t path_len;
	char status;              /* as_path_status */
	uint32_t old_mode;        /* 0 when added */
	uint32_t new_mode;        /* 0 when deleted */
	git_oid old_id;           /* zero when added */
	git_oid new_id;           /* zero when deleted */
	long added, removed;      /* lines; AS_LINES_UNKNOWN until counted,
				   * AS_LINES_BINARY (both) for binary files */
	long partner;             /* the other side of a rename, or -1
				   * (as_renames_find; -1 until then) */
} as_path_change;

/* What a merge commit changes. */
typedef enum {
	/* git log's default: a merge shows no changed paths; its changes are
	 * counted in the commits it merged. */
	AS_MERGES_NONE,
	/* Against the first parent, as `git log --diff-merges=first-parent`
	 * (what the merge brought into the branch). */
	AS_MERGES_FIRST_PARENT,
} as_merge_mode;

typedef struct as_paths_cache as_paths_cache;

/* Which paths a comparison wants (NULL: all): `dir` says whether to look
 * inside a directory at all, `file` whether to keep a path. Both get the
 * path without a trailing '/'. */
typedef struct {
	int (*dir)(const void *data, const char *path, size_t len);
	int (*file)(const void *data, const char *path, size_t len);
	const void *data;
} as_paths_filter;

typedef struct {
	as_path_change *items;
	size_t nr, alloc;
	as_buf names;             /* every path, NUL-terminated, back to back */

	const as_paths_filter *filter;  /* set with as_paths_set_filter() */

	/* private: scratch reused from call to call */
	as_buf prefix_;
	as_paths_cache *cache_;
	as_buf old_text_, new_text_;
} as_paths;

void as_paths_init(as_paths *p);
void as_paths_free(as_paths *p);

static inline const char *as_paths_name(const as_paths *p, size_t i)
{
	return p->names.ptr + p->items[i].path_off;
}

/* Compares only what `filter` wants from now on (NULL: everything); the
 * filter must outlive its use. */
void as_paths_set_filter(as_paths *p, const as_paths_filter *filter);

/* Bounds the cache of trees kept from call to call (default 16 MiB). */
void as_paths_set_cache(as_paths *p, size_t tree_bytes);

/*
 * Changed paths from tree `old_tree` to tree `new_tree` (either may be
 * NULL: the empty tree). Replaces the contents of `p`. Returns 0, or
 * AS_EINTERNAL when a tree cannot be read or is malformed, or AS_ELIMIT
 * for trees nested deeper than AS_PATHS_MAX_DEPTH.
 */
int as_paths_diff_trees(as_paths *p, git_odb *odb, const git_oid *old_tree,
			const git_oid *new_tree);

#define AS_PATHS_MAX_DEPTH 2048

/*
 * Changed paths of commit `c` (as_commit_parse_graph is enough) against
 * its first parent, root commits against the empty tree, merges as `merges`
 * says. `parent_tree` is the first parent's tree when the caller knows it
 * (the walk parsed the parent already); NULL makes this read the parent
 * commit object (one more object read per commit, ~5% of the time). A
 * first parent that is not in the repository is a shallow clone's
 * boundary: as git log there, the commit adds everything.
 */
int as_paths_commit(as_paths *p, git_odb *odb, const as_commit *c,
		    const git_oid *parent_tree, as_merge_mode merges);

/*
 * Fills `added` and `removed` of every entry as `git log --numstat` counts
 * them: the blobs are read and compared line by line with libgit2's xdiff
 * (git's diff algorithm, no context); a side with a NUL byte in its first
 * 8000 bytes makes the entry binary (git's buffer_is_binary), counted as
 * AS_LINES_BINARY; a submodule is the line "Subproject commit <hex>".
 * No .gitattributes (diff/binary/textconv) are applied: git log in a bare
 * repository applies none either. Reads every changed blob: call it only
 * when lines are needed. `repo` must be the thread's own, like the odb.
 */
int as_paths_count_lines(as_paths *p, git_repository *repo);

/* Reads the tree id of a commit object (its first line). AS_ENOTFOUND
 * when the object is not there. */
int as_paths_commit_tree(git_oid *out, git_odb *odb, const git_oid *commit);

#endif
