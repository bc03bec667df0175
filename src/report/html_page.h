#ifndef AS_REPORT_HTML_PAGE_H
#define AS_REPORT_HTML_PAGE_H
/*
 * The sections of the HTML page that have a file of their own (html.c
 * draws the page and the metric sections). Internal to src/report/.
 */
#include <jansson.h>

#include "util/buf.h"

#define AS_HTML_MAX_ROWS 500

/* html_start.c: the summary and what to do first (the top of the page). */
void as_html_summary(as_buf *b, const json_t *doc);
/* html_people.c: the managers' own work and feedback in every direction;
 * the names the org chart does not know. */
void as_html_managers(as_buf *b, const json_t *metrics);
void as_html_unknown(as_buf *b, const json_t *metrics);
/* html_findings.c: the findings, grouped by team and manager, sorted by
 * severity, with each rule's advice once; the CSS of their filters goes
 * to `style`. */
void as_html_findings(as_buf *b, as_buf *style, json_t *findings);

#endif
