#ifndef AS_REPORT_JSON_H
#define AS_REPORT_JSON_H
/* The JSON building blocks shared by the json and jsonl reporters. */
#include <jansson.h>

#include "finding.h"
#include "metrics/metrics.h"

json_t *as_report_finding_json(const as_finding *f);
json_t *as_report_metrics_json(const as_metrics *m);

#endif
