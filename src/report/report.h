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
	const char *repository;   /* path of the repository */
	const char *const *range; /* revision arguments as given */
	size_t nrange;
	const as_results *results;
	int color;                /* text: ANSI colours (a terminal) */
	/* SARIF places results in files of the audited commit: the
	 * repository and the tree of that commit (NULL: none) */
	git_repository *repo;
	const git_oid *tip_tree;
} as_report;

typedef int (*as_reporter)(const as_report *r, FILE *out);

int as_report_text(const as_report *r, FILE *out);
int as_report_json(const as_report *r, FILE *out);
/* The document of as_report_document() drawn by report/render.h. */
int as_report_jsonl(const as_report *r, FILE *out);
int as_report_sarif(const as_report *r, FILE *out);
int as_report_html(const as_report *r, FILE *out);

/* The text report's lines about the tracker exports (nothing when none was
 * read); at most `max_names` unknown names (0: all), then "and N more". */
void as_report_trackers_text(FILE *out, const as_tracker_stats *s, size_t max_names);

/* The reporter for a --format name, NULL when unknown. */
as_reporter as_reporter_for(const char *format);

#endif
