#ifndef AS_REPORT_FORGE_H
#define AS_REPORT_FORGE_H
/*
 * What the forge exports and the CODEOWNERS history add to the report:
 * links of findings to the forge ([antisilo] forge_url), the gate's
 * owner, the review requests, gates and bot events in the metrics, and
 * the HTML section that shows them (the text's: text.h as_text_forge).
 * Internal to src/report/.
 */
#include <jansson.h>
#include <stdio.h>

#include "finding.h"
#include "metrics/metrics.h"
#include "util/buf.h"

/*
 * The address of a finding on the forge: forge_url, '/', the finding's
 * link ("pull/12", "blob/SHA/.github/CODEOWNERS#L4"; on a GitLab host,
 * "-/blob/..."). 1 and `out` (emptied first), or 0 when there is none.
 */
int as_report_forge_url(as_buf *out, const char *forge_url, const as_finding *f);

/* Adds "review_requests", "gates" and "bot_events" to the metrics. */
void as_report_forge_metrics(json_t *metrics, const as_metrics *m);

/* The HTML report's section, from the document. */
void as_html_forge(as_buf *b, const json_t *doc);

#endif
