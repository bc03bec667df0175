#ifndef AS_METRICS_TRUCK_H
#define AS_METRICS_TRUCK_H
/*
 * Truck factors of areas of the tip's files (README "Metrics"), with
 * Avelino et al.'s greedy algorithm: remove the developer who is an
 * author of the most files of the area (ties: the smaller identity, for a
 * stable report) until more than half of its files have no author left;
 * the truck factor is how many were removed.
 *
 * Areas: the repository, every directory, every team of the org chart
 * (the files it owns). Only the files that count (metrics/files.h) are in
 * an area.
 *
 * Each area gets two truck factors: the historical one, over every
 * author, and the one of the people still here: the developers `gone`
 * marks (people who left, or inactive) are removed before the greedy
 * algorithm starts, so files only they authored are orphans from the
 * start (a truck factor of 2 made of two people who left is 0 here).
 */
#include <stddef.h>
#include <stdint.h>

#include "config/org.h"
#include "source/ownership.h"
#include "metrics/silo.h"
#include "util/table.h"

typedef enum { AS_AREA_REPOSITORY, AS_AREA_DIRECTORY, AS_AREA_TEAM } as_area_kind;

/* One run of the greedy algorithm. */
typedef struct {
	size_t truck_factor;
	uint32_t *authors;     /* the developers it removed, in order */
	size_t nauthors;
	size_t main_files;     /* files authors[0] is an author of */
} as_truck;

typedef struct {
	as_area_kind kind;
	char *path;            /* "." | "src/x/" | the team id */
	size_t files;          /* files of the area that count */
	as_truck all;          /* every author */
	as_truck active;       /* the people still here */
	int listed;            /* in truck_factors: the repository, top-level
				* directories and teams */
	int candidate;         /* files >= silo_min_files: may be a silo */
	/* --without: files with an author still here, before and after the
	 * people named are gone too */
	size_t kept_before, kept_after;
} as_area;

typedef struct {
	as_area *items;
	size_t nr, alloc;
	size_t candidates;     /* areas that may be silos */
	size_t silos;          /* candidates with truck factor 1 */
	size_t authored;       /* counted files that have an author */
} as_areas;

/*
 * The areas of `a` (the files that count), their truck factors, and which
 * lose their last author still here when the developers `without` marks
 * leave too (kept_before > 0 and kept_after == 0; every directory is an
 * area for this, whatever its size). `gone` and `without` are indexed by
 * developer id (`devs`, which also gives the names for ties); `without`
 * may be NULL. Teams own files by `ownership` (NULL: they own none).
 */
void as_areas_compute(as_areas *out, const as_authorship *a, const as_strtab *devs,
		      const unsigned char *gone, const unsigned char *without,
		      const as_org *org, const as_ownership *ownership,
		      size_t min_files);
void as_areas_free(as_areas *a);

#endif
