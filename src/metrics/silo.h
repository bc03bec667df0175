#ifndef AS_METRICS_SILO_H
#define AS_METRICS_SILO_H
/*
 * Knowledge silos (README, "Metrics"): the degree of authorship of each
 * developer in each file (Avelino et al., "A novel approach for
 * estimating truck factors", ICPC 2016) and the truck factor of areas of
 * the files present at the tip, with their greedy algorithm.
 *
 * During the walk only counters are kept, per file and per (file,
 * developer) pair: memory grows with files x developers, not with
 * commits. Commits arrive out of order (worker threads): the creator of a
 * file is the author of the earliest commit that added it, by author
 * date and then by walk order, so merging keeps the earlier of two.
 * A renamed file (source/renames.h) keeps its history and its creator.
 */
#include <git2.h>
#include <stdint.h>

#include "config/org.h"
#include "source/ownership.h"
#include "util/table.h"

typedef struct {
	int64_t time;       /* author date of the commit that added the file */
	uint64_t seq;       /* its position in the walk */
	uint32_t dev;       /* its author */
	int set;
} as_creation;

typedef struct {
	uint32_t *changes;     /* [file]: commits that changed it */
	as_creation *created;  /* [file] */
	size_t nfiles;         /* files the arrays cover */
	as_u64map dl;          /* AS_PAIR(file, dev) -> commits by dev that changed it */
	struct as_rename { uint32_t from, to; } *renames;
	size_t nrenames, renames_alloc;
} as_silo;

/* One commit by `dev` changed `file` (added it when `added`). */
void as_silo_change(as_silo *s, uint32_t file, uint32_t dev, int added,
		    int64_t time, uint64_t seq);
/* A commit renamed `from` to `to` (source/renames.h: exactly, or with
 * edits, which are then an as_silo_change of `to`): their histories are
 * one, as git log --follow sees them. */
void as_silo_rename(as_silo *s, uint32_t from, uint32_t to);
/* file_map and dev_map map the ids of `from` (its first `nfiles` files)
 * to those of `into`. */
void as_silo_merge(as_silo *into, const as_silo *from, size_t nfiles,
		   const uint32_t *file_map, const uint32_t *dev_map);
void as_silo_free(as_silo *s);

/* DOA = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln(1 + AC) */
double as_doa(int fa, uint64_t dl, uint64_t ac);

typedef enum { AS_AREA_REPOSITORY, AS_AREA_DIRECTORY, AS_AREA_TEAM } as_area_kind;

typedef struct {
	as_area_kind kind;
	char *path;            /* "." | "src/x/" | the team id */
	size_t files;          /* files of the area at the tip */
	size_t truck_factor;
	uint32_t *authors;     /* the developers the greedy removal took, in order */
	size_t nauthors;
	size_t main_files;     /* files authors[0] is an author of */
	int listed;            /* in truck_factors: the repository, top-level
				* directories and teams */
	int candidate;         /* files >= silo_min_files: may be a silo */
} as_area;

typedef struct {
	as_area *items;
	size_t nr, alloc;
	size_t candidates;     /* areas that may be silos */
	size_t silos;          /* candidates with truck factor 1 */
	size_t files;          /* files at the tip */
	size_t authored;       /* files at the tip that have an author */
} as_areas;

/*
 * The areas of the files of `tree` (blobs; submodules are not files):
 * the repository, every directory, every team of `org` (by `ownership`,
 * NULL: teams own nothing).
 * `files` and `devs` give the names of the ids of `s`. Returns 0 or
 * AS_EINTERNAL (a tree that cannot be read).
 */
int as_silo_areas(as_areas *out, const as_silo *s, const as_strtab *files,
		  const as_strtab *devs, git_repository *repo, const git_oid *tree,
		  const as_org *org, const as_ownership *ownership,
		  size_t min_files);
void as_areas_free(as_areas *a);

#endif
