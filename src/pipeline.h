#ifndef AS_PIPELINE_H
#define AS_PIPELINE_H
/*
 * The pipeline of a run: commits from a walk -> parsed commits -> events
 * (detect/, source/tracker/files.h) -> the judging stage (judge.h:
 * classification, findings, metrics); then the tracker exports' records
 * through the same stage. The walk runs on the calling
 * thread (it must: each step needs the parents of the last); parsing,
 * detection and classification run on `jobs` worker threads that each
 * own their scratch memory, and the results are merged at the end in walk
 * order, so the output does not depend on --jobs.
 */
#include <stdint.h>

#include "config/config.h"
#include "detect/detect.h"
#include "finding.h"
#include "metrics/metrics.h"
#include "source/commit.h"
#include "source/mailmap.h"
#include "source/paths.h"
#include "source/tracker/export.h"
#include "source/walk.h"

/* A commit object this big is no ordinary commit message. */
#define AS_BIG_COMMIT ((size_t)64 << 10)

typedef struct {
	as_findings findings;
	as_metrics metrics;
	uint64_t commits;      /* commits scanned */
	int over_max_commits;  /* the walk had more than max_commits: stopped */
	/* bytes of the commits the walk read that are over AS_BIG_COMMIT:
	 * what a hook's deadline can be blamed on (honest pushes have none) */
	uint64_t big_bytes;
	/* What the run left out on purpose, one sentence each (the report's
	 * "notes"): "--no-paths: tracker files were not read ...". */
	char **notes;
	size_t nnotes, notes_alloc;
} as_results;

/* Adds a note (copied). */
void as_results_note(as_results *r, const char *note);

typedef struct {
	const as_config *cfg;
	const as_mailmap *mailmap;   /* may be NULL */
	int jobs;                    /* threads in all, the walk's included;
				      * <= 1 runs everything on the caller's */
	/* Called on the walking thread every few hundred commits. */
	void (*progress)(void *data, uint64_t done);
	void *progress_data;
	/* Monotonic deadline in ms (as_now_ms(), util/clock.h); 0 = none. Past it the run
	 * stops with AS_ELIMIT. */
	int64_t deadline_ms;
	/* More commits than this (0 = no bound) stop the run with AS_ELIMIT
	 * and over_max_commits set (the hook's max_push_commits). */
	uint64_t max_commits;
	/* When the commits read hold `heavy_bytes` or more in commits over
	 * AS_BIG_COMMIT, *heavy becomes 1 (the hook's watchdog asks it,
	 * from a signal handler: whose doing a stuck run is). */
	_Atomic int *heavy;
	uint64_t heavy_bytes;
	/* metrics (README, "Metrics"): with `metrics`, each commit also goes
	 * through as_metrics_commit() on its worker; with `repo` too (each
	 * worker opens its own copy of it), with the paths it changed unless
	 * `no_paths`, and their line counts with `count_lines`. In-repo
	 * tracker files (tracker_paths) are read through `repo` as well
	 * (without the paths, only the trees where a glob can match), unless
	 * `no_tracker_files`. */
	const as_metrics_ctx *metrics;
	git_repository *repo;
	int no_paths;
	int no_tracker_files;
	as_merge_mode merges;
	int count_lines;
	/* The CODEOWNERS history (source/codeowners_history.h) is read
	 * through `repo` when the org chart has teams, unless `no_codeowners`. */
	int no_codeowners;
	unsigned facts;              /* AS_FACT_* the run knows (exports) */
	/* The hook: the person who pushed (an index into the org chart;
	 * NULL: not known). Commits that claim another author of the org
	 * chart, unbacked by a signature when verify_signatures is on, are
	 * judged with the pusher as the author too (judge.h). */
	const int *pusher;
	/* Commits judged while the packs were read ahead (ahead.h; NULL:
	 * none): their digests stand for them when the scan reads nothing
	 * else of a commit (no paths, tracker files, gates, signatures). */
	const struct as_ahead *ahead;
	/* The rules made ready for detection by the caller (NULL: the scan
	 * makes its own): the hook makes them while it reads its input. */
	const as_detector *detector;
} as_scan_opts;

void as_results_free(as_results *r);

/* Runs the walk to its end. Returns 0, AS_ELIMIT (deadline, max_commits) or
 * an error. */
int as_scan(as_results *out, as_walk *walk, const as_scan_opts *opts);

/*
 * After the scan: the records of the tracker exports through the same
 * judging stage, into `out` (their findings sort after the commits'),
 * those whose time is known and outside [since, until] (0 = open)
 * skipped; out->metrics.trackers counts what was read. `mctx` (may be
 * NULL) is what the metrics of reviews and pull requests read.
 */
void as_scan_exports(as_results *out, const as_exports *x, const as_config *cfg,
		     const as_metrics_ctx *mctx, int64_t since, int64_t until);

/*
 * The notice of a commit whose message was judged on its ends only
 * (as_commit_cut_message): an unchecked warning that says which bytes
 * were read and which were not. check-msg says it the same way.
 */
void as_scan_oversized_notice(as_findings *out, const as_commit *c, const as_commit_cut *cut,
			      size_t max, uint64_t seq);

#endif
