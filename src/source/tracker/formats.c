/*
 * The tracker export formats antisilo reads (format.h): a new format is
 * one file and one row here (and its name in config/names.c's
 * as_export_format_names, in the same order).
 */
#include "source/tracker/format.h"

extern const as_export_format as_format_github_events;
extern const as_export_format as_format_github_issues;
extern const as_export_format as_format_jira_csv;
extern const as_export_format as_format_github_prs;
extern const as_export_format as_format_github_protection;
extern const as_export_format as_format_gitlab_notes;

const as_export_format *const as_export_formats[] = {
	&as_format_github_events,
	&as_format_github_issues,
	&as_format_jira_csv,
	&as_format_github_prs,
	&as_format_github_protection,
	&as_format_gitlab_notes,
	NULL,
};
