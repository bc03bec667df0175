#ifndef AS_REPORT_FORGE_H
#define AS_REPORT_FORGE_H
/*
 * What the forge exports and the CODEOWNERS history add to the report:
 * links of findings to the forge ([antisilo] forge_url), the gate's
 * owner, the review requests, gates and bot events in the metrics, and
 * the text and HTML sections that show them. Internal to src/report/.
 */
#include <jansson.h>
#include <stdio.h>

#include "finding.h"
#include "metrics/metrics.h"
#include "report/report.h"
#include "util/buf.h"

/*
 * The address of a finding on the forge: forge_url, '/', the finding's
 * link ("pull/12", "blob/SHA/.github/CODEOWNERS#L4"; on a GitLab host,
 * "-/blob/..."). 1 and `out` (emptied first), or 0 when there is none.
 */
int as_report_forge_url(as_buf *out, const char *forge_url, const as_finding *f);

/* Adds "review_requests", "gates" and "bot_events" to the metrics. */
void as_report_forge_metrics(json_t *metrics, const as_metrics *m);

/* The text report's section (nothing when the run read no export and
 * found no gate). */
void as_report_forge_text(FILE *out, const as_report *r);

/* The HTML report's section, from the document. */
void as_html_forge(as_buf *b, const json_t *doc);

#endif
