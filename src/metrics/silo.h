#ifndef AS_METRICS_SILO_H
#define AS_METRICS_SILO_H
/*
 * Degree of authorship (Avelino, Passos, Hora and Valente, "A novel
 * approach for estimating truck factors", ICPC 2016; README "Metrics"):
 * who the authors of each file of the tip are.
 *
 *   DOA(d, f) = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln(1 + AC)
 *
 * FA = 1 when d created f; DL = the changes d made to f after creating
 * it, or at all; AC = the changes others made. The creating commit is FA
 * only. d is an author of f when DOA(d, f) >= 3.293 and DOA(d, f) /
 * max_d' DOA(d', f) >= 0.75.
 *
 * A file's history is what `git log -M --reverse -- its path` shows,
 * followed through renames: during the walk each changed path of a commit
 * is one small record (commit, file, author, kind), and at the end the
 * records are replayed in history order, oldest first:
 *   - an added path starts a new history, created by the commit's
 *     author (even when the path had one: that history ends there);
 *   - a modified path (content, mode or type) is a change by the author;
 *     a path modified that has no history (the range does not reach its
 *     creation) starts one without a creator;
 *   - a deleted path ends its history: a path added again later starts
 *     afresh;
 *   - a rename (source/renames.h pairs them as git log -M: the same blob,
 *     or 50% similar) moves the history to the new path and is a change by
 *     its author, as the authors' tool counts it (their commit scripts read
 *     `git log --find-renames`, and a rename is a delivery there);
 *   - merges change nothing (their changes are those of the merged
 *     commits, as git log shows them).
 * History order is the walk's order reversed (git log's order, newest
 * commit date first, a commit before its parents): what `git log
 * --reverse` lists. Records are 12 bytes per changed path, whatever the
 * number of developers; the replay keeps one counter per (history,
 * developer).
 *
 * Worker threads each fill an as_silo; as_silo_merge() concatenates them
 * (the order of merging does not matter: the replay sorts by commit).
 */
#include <git2.h>
#include <stdint.h>

#include "metrics/files.h"
#include "util/table.h"

typedef enum {
	AS_SILO_ADD,
	AS_SILO_MODIFY,
	AS_SILO_DELETE,
	AS_SILO_RENAME_FROM,  /* followed by the AS_SILO_RENAME_TO of the pair */
	AS_SILO_RENAME_TO,
} as_silo_kind;

typedef struct {
	uint32_t seq;         /* the commit's position in the walk */
	uint32_t file;        /* interned path */
	uint32_t dev_kind;    /* the author's id << 3 | as_silo_kind */
} as_silo_rec;

typedef struct {
	as_silo_rec *recs;
	size_t nrecs, alloc;
	int64_t *last_time;   /* [dev]: the newest author date of its commits */
	size_t ndevs;
} as_silo;

/* One changed path of the commit at `seq` by `dev`. The two sides of a
 * rename are added one after the other, FROM first. */
void as_silo_add(as_silo *s, uint64_t seq, uint32_t file, uint32_t dev, as_silo_kind kind);
/* `dev` authored a commit dated `time`. */
void as_silo_seen(as_silo *s, uint32_t dev, int64_t time);
/* file_map and dev_map map the ids of `from` to those of `into`. */
void as_silo_merge(as_silo *into, const as_silo *from, const uint32_t *file_map,
		   const uint32_t *dev_map);
void as_silo_free(as_silo *s);

/* DOA = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln(1 + AC) */
double as_doa(int fa, uint64_t dl, uint64_t ac);

/* The files of the tip, each with its reason and its authors. */
typedef struct {
	as_strtab paths;        /* [tip file] */
	uint8_t *reason;        /* [tip file]: as_file_reason */
	size_t *off, *n;        /* [tip file]: authors ids[off .. off + n) */
	uint32_t *ids;          /* developer ids, best DOA first */
	size_t counted;         /* files whose reason is AS_FILE_COUNTED */
	size_t by_reason[AS_FILE__COUNT];
} as_authorship;

/*
 * Replays `s` (its files named by `files`) and gives the authors of every
 * file of `tree` (blobs; submodules are not files), with the reason of
 * `filter` (files without history: AS_FILE_NO_HISTORY). Returns 0 or
 * AS_EINTERNAL (a tree that cannot be read).
 */
int as_authorship_compute(as_authorship *out, const as_silo *s, const as_strtab *files,
			  git_repository *repo, const git_oid *tree,
			  const as_file_filter *filter);
void as_authorship_free(as_authorship *a);

#endif
