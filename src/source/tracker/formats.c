/*
 * The tracker export formats antisilo reads (format.h): a new format is
 * one file and one row here.
 */
#include "source/tracker/format.h"

extern const as_export_format as_format_github_events;
extern const as_export_format as_format_github_issues;
extern const as_export_format as_format_jira_csv;

const as_export_format *const as_export_formats[] = {
	&as_format_github_events,
	&as_format_github_issues,
	&as_format_jira_csv,
	NULL,
};
