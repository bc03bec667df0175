#ifndef AS_COMMIT_TABLE_H
#define AS_COMMIT_TABLE_H
/*
 * The commits of a repository's packs, read on every core before a walk
 * of the whole history when there is no commit-graph: what a commit-graph
 * would tell the walk (tree, parents, committer date), and the author the
 * identities pass needs, for every commit of the packs.
 *
 * Without it, a walk must inflate each commit to learn its parents, one
 * after the other: on a clone of git.git that is most of an audit's wall
 * time while the other cores wait. The packs git writes hold their
 * commits first, in the order git log yields them (pack-objects' write
 * order: recency, tagged tips, the other commits and tags, then trees
 * and the rest), so the table reads that leading region of each pack, a
 * slice per thread, and stops at the first long run of other objects.
 *
 * It is only an accelerator: a commit it lacks (loose, deltified, after
 * the region, unparsable) is read by the walk as it would be without a
 * table, and so is reported the same way. It holds what the commits say
 * (real dates, not a graph's 34 bits), so a walk orders exactly as it
 * does when reading them itself.
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "source/commit.h"
#include "source/objects.h"

typedef struct as_commit_table as_commit_table;

typedef struct {
	git_oid tree;
	int64_t time;                /* committer date */
	const git_oid *parents;
	size_t nparents;
	const char *author_name;     /* as the header spells them (not NUL-ended) */
	size_t author_name_len;
	const char *author_email;
	size_t author_email_len;
	int64_t author_time;
} as_commit_row;

/*
 * Reads the commits of the packs of `o` on `jobs` threads, each passed to
 * `v` too when it is not NULL. NULL when there is nothing worth it (no
 * packs, or no commit found where git puts them).
 */
as_commit_table *as_commit_table_build(as_objects *o, int jobs, const as_commit_visitor *v);
void as_commit_table_free(as_commit_table *t);

/* The row of `oid`: 1 when the table has it, 0 when not. */
int as_commit_table_find(const as_commit_table *t, const git_oid *oid, as_commit_row *out);

/* The same in two steps, for a caller that keeps where a row is: a
 * reference to the row of `oid` (0: none), and the row it refers to. */
uint32_t as_commit_table_lookup(const as_commit_table *t, const git_oid *oid);
void as_commit_table_row(const as_commit_table *t, uint32_t ref, as_commit_row *out);

#endif
