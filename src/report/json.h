#ifndef AS_REPORT_JSON_H
#define AS_REPORT_JSON_H
/* The report document: the JSON object every structured format renders. */
#include <jansson.h>

#include "finding.h"
#include "metrics/metrics.h"
#include "report/report.h"

/* A JSON string from text people wrote (valid UTF-8 guaranteed: invalid
 * bytes become U+FFFD); NULL is JSON null. */
json_t *as_json_text(const char *s);
json_t *as_report_finding_json(const as_finding *f);
json_t *as_report_metrics_json(const as_metrics *m);
/* The tracker exports' counts (metrics.trackers):
 *   {"files":2,"records":1204,"assignments":57,"cancelled":3,
 *    "outside_window":0,"unmatched":4,
 *    "unmatched_names":[{"name":"@zed","count":3},...]} */
json_t *as_report_trackers_json(const as_tracker_stats *s);
/* The whole report as one JSON object (SPEC §6); the caller json_decref()s. */
json_t *as_report_document(const as_report *r);

#endif
