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
/* The whole report as one JSON object (SPEC §6); the caller json_decref()s. */
json_t *as_report_document(const as_report *r);

#endif
