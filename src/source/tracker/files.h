#ifndef AS_TRACKER_FILES_H
#define AS_TRACKER_FILES_H
/*
 * Task-tracker files inside the repository (SPEC §3 item 2): the files
 * that `tracker_paths` selects, which of their lines a commit adds, and
 * the assignments on those lines (markdown.h reads them). Everything is
 * read from git objects, never the work tree.
 *
 * Judged once: a line yields events at the commit that adds it, against
 * its first parent. A merge adds only what none of its parents had; a
 * hunk that edits a line without changing who is assigned (a task ticked
 * off, reworded) adds no assignment; a file renamed (or moved) in the
 * same commit is compared with the file it came from. Files with a NUL
 * byte are skipped; a file larger than max_bytes (or whose previous
 * version is) is not read: one event with limit_hit and a notice
 * ("antisilo:max-tracker-file-bytes") says so instead.
 *
 * This is a source: it yields events with their place (commit, author,
 * time, seq, path, line, excerpt; title = the commit's subject) and the
 * parties as written, nothing more. Rules that match tracker lines are
 * detection: the caller hands them in as an as_line_scanner.
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "source/commit.h"
#include "source/paths.h"
#include "util/pattern.h"

/* tracker_paths, compiled (util/pattern.h, AS_PATTERN_GLOB: anchored at
 * the top of the tree; ** spans directories, *, ? and [...] stay inside
 * one). Shared read-only by the threads of a run. */
typedef struct {
	as_patterns patterns;
	as_pattern *globs;
	size_t nglobs;
	size_t max_bytes;      /* max_tracker_file_bytes */
} as_tracker_paths;

/* 0, or AS_ECONFIG naming the glob that does not compile. */
int as_tracker_paths_init(as_tracker_paths *tp, char *const *globs, size_t n,
			  size_t max_bytes);
void as_tracker_paths_free(as_tracker_paths *tp);
int as_tracker_paths_match(const as_tracker_paths *tp, const char *path, size_t len);

/* What the caller finds on one added (or deleted) line of a tracker file:
 * events appended to `out` (their kind, rule, parties and excerpt; the
 * place is filled here). */
typedef struct {
	void (*scan)(void *ctx, const char *line, size_t len, as_events *out);
	void *ctx;
} as_line_scanner;

/* One thread's reader of tracker files. */
typedef struct {
	git_repository *repo;          /* the thread's own */
	git_odb *odb;
	const as_tracker_paths *paths;
	as_line_scanner lines;         /* may have no scan function */
	as_paths changed_;             /* private: the filtered comparison */
	as_paths_filter filter_;
} as_tracker_files;

void as_tracker_files_init(as_tracker_files *tf, git_repository *repo, git_odb *odb,
			   const as_tracker_paths *paths, const as_line_scanner *lines);
/* Bounds the trees kept from commit to commit (as_paths_set_cache). */
void as_tracker_files_set_cache(as_tracker_files *tf, size_t tree_bytes);
void as_tracker_files_free(as_tracker_files *tf);

/*
 * Appends the tracker-file events of commit `c`. `paths`, when not NULL,
 * are the paths `c` changed against its first parent (the pipeline
 * computes them for the metrics anyway): the tracker files are picked from
 * them. Otherwise (the hook, --no-paths) and for merges, the commit's tree
 * is compared with its first parent's (`parent_tree` when the caller knows
 * it) only where a glob can match, so that a commit that touches no
 * tracker file costs two tree reads at most. Returns 0, or AS_EINTERNAL
 * when an object cannot be read (and then appends nothing).
 */
int as_tracker_files_commit(as_tracker_files *tf, as_events *out, const as_commit *c,
			    const as_paths *paths, const git_oid *parent_tree, uint64_t seq);

#endif
