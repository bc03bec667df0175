#ifndef AS_CMD_AUDIT_H
#define AS_CMD_AUDIT_H
/*
 * The audit command in two steps, shared by the audit of one repository
 * (audit.c) and the audit of many (`--repos`, audit_repos.c): a scan
 * that reads one repository's history into results, then a report that
 * draws them. What every repository's audit shares (the options, the
 * dates, the baseline, the exports) is set up once, before either.
 */
#include <git2.h>
#include <stdio.h>

#include "cmd/options.h"
#include "config/config.h"
#include "pipeline.h"
#include "report/report.h"
#include "source/identities.h"
#include "source/mailmap.h"
#include "source/walk.h"
#include "util/buf.h"

typedef struct {
	const char *repo_dir, *rules, *format, *output, *since, *until, *baseline;
	const char *fail_on, *privacy;
	const char *repos;        /* --repos GLOB|FILE: an organisation's audit */
	int jobs, quiet, no_paths, lines, all, silo_files;
	int compare_previous, no_compare_previous;
	int max_count;            /* -n; < 0: not given */
	double fail_under;        /* --fail-under; < 0: not given */
	cmd_list trackers;        /* --tracker, in order */
	cmd_list without;         /* --without */
	cmd_list ranges;
} audit_opts;

/* What the audits of every repository share, read once. */
typedef struct {
	as_reporter reporter;
	as_severity threshold;    /* --fail-on, else the rules' fail_on */
	as_privacy_mode privacy;
	int64_t now, since, until;
	char **baseline;          /* fingerprints, sorted */
	size_t nbaseline;
	as_exports exports;
} audit_setup;

/* Checks the options against the rules and reads the baseline and the
 * exports. Returns 0, or the exit status after printing the error
 * (audit_setup_free() is safe either way). */
int audit_setup_init(audit_setup *s, audit_opts *o, const as_config *cfg);
void audit_setup_free(audit_setup *s);

/* One repository's audit: the results, and what their report needs. */
typedef struct {
	as_mailmap *mm;
	as_identities *ids;
	as_walk *walk;
	struct as_ahead *ahead;   /* --no-paths: commits judged as they are read ahead */
	as_metrics_ctx mctx;
	int have_mctx;
	git_oid tip;
	int have_tip;
	as_results results, previous;
	int have_results, have_previous;
	int compare;              /* --compare-previous in force */
	int64_t period_end;
	as_buf name;              /* the repository's name in reports */
} audit_scan;

/*
 * Scans `repo` (the ranges of `o`, HEAD when none) with its own .mailmap,
 * CODEOWNERS and tracker files. `o->jobs` threads; progress on a
 * terminal unless `o->quiet`. Returns 0 or an error code, its message
 * set (util/error.h); audit_scan_free() in both cases.
 */
int audit_scan_run(audit_scan *s, const audit_opts *o, const audit_setup *setup,
		   git_repository *repo, const as_config *cfg);
void audit_scan_free(audit_scan *s);

/* The exit status that the results call for (0, or 1: findings at or
 * above the threshold, a place not fully checked under on_incomplete =
 * reject, a score under --fail-under); the reasons on stderr, after
 * "NAME: " when `who` is not NULL. */
int audit_scan_status(const audit_scan *s, const audit_opts *o, const audit_setup *setup,
		      const as_config *cfg, const char *who);

/* In an organisation's audit, the report of one repository also says
 * which (its name in the list) and how its audit ended. */
typedef struct {
	const char *name;
	int exit_code;
	int64_t time;     /* the organisation's audit's one time */
} audit_label;

/* Draws the report of a scan into `out` with the reporter of the setup
 * (`label` NULL: the audit of one repository). Returns 0 or an error. */
int audit_report(const audit_scan *s, const audit_opts *o, const audit_setup *setup,
		 git_repository *repo, const as_config *cfg, const audit_label *label, FILE *out);

/* The audit of many repositories (`--repos`, audit_repos.c): the rules
 * `cfg` loaded once for all. Returns the exit status. */
int audit_repos(audit_opts *o, const as_config *cfg);

#endif
