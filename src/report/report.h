#ifndef AS_REPORT_H
#define AS_REPORT_H
/*
 * Reporters: the results of a run written in one format. Every format
 * carries the same content (SPEC §6); a reporter only formats, it decides
 * nothing. Text that came from people is sanitised here, on the way out.
 */
#include <stdio.h>

#include "config/config.h"
#include "pipeline.h"

typedef struct {
	const as_config *cfg;
	const char *repository;   /* its name in reports: the configured name,
				   * the remote URL, the directory's name */
	const char *root;         /* the local work tree or git directory:
				   * SARIF's %SRCROOT% only (NULL: none) */
	const char *const *range; /* revision arguments as given */
	size_t nrange;
	int64_t since, until;     /* --since, --until (0: open) */
	const as_results *results;
	/* --compare-previous: the same range over the period of the same
	 * length just before [since, until]; `previous` NULL when there was
	 * none to scan (no --since: the audit starts at the first commit). */
	int compare_previous;
	const as_results *previous;
	int64_t previous_since, previous_until;
	as_privacy_mode privacy;  /* team: no person named (report/privacy.h) */
	int color;                /* text: ANSI colours (a terminal) */
	/* SARIF places results in files of the audited commit: the
	 * repository and the tree of that commit (NULL: none) */
	git_repository *repo;
	const git_oid *tip_tree;
	/* An organisation's audit (audit --repos): the repository's name in
	 * the list (the document's "repo", on every JSON Lines record) and
	 * the exit status of its audit alone ("status", "exit_code"); NULL:
	 * the audit of one repository. */
	const char *label;
	int exit_code;
	/* When the run happened (seconds since the epoch; 0: now, or
	 * $SOURCE_DATE_EPOCH): the one time of every repository of an
	 * organisation's audit. */
	int64_t time;
} as_report;

typedef int (*as_reporter)(const as_report *r, FILE *out);

int as_report_text(const as_report *r, FILE *out);
int as_report_json(const as_report *r, FILE *out);
/* The document of as_report_document() drawn by report/render.h. */
int as_report_jsonl(const as_report *r, FILE *out);
int as_report_sarif(const as_report *r, FILE *out);
int as_report_html(const as_report *r, FILE *out);

/*
 * An organisation's audit, for a repository that could not be audited:
 * its `run` record alone, with "status": "error", the exit status and
 * `error`, the other keys as a run record has them (null where the
 * audit never got to them). `r->results` is not read: NULL; `r->label`
 * is set; `r->repository` may be NULL (the repository did not open).
 */
int as_report_jsonl_failed(const as_report *r, const char *error, FILE *out);

/* The text report's lines about the tracker exports (nothing when none was
 * read); at most `max_names` unknown names (0: all), then "and N more". */
void as_report_trackers_text(FILE *out, const as_tracker_stats *s, size_t max_names);

/* The reporter for a --format name, NULL when unknown. */
as_reporter as_reporter_for(const char *format);

#endif
