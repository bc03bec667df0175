#ifndef AS_REPORT_JSON_H
#define AS_REPORT_JSON_H
/* The report document: the JSON object every format renders. */
#include <jansson.h>

#include "finding.h"
#include "metrics/metrics.h"
#include "report/report.h"

struct as_privacy;

/* What a finding needs besides itself. */
typedef struct {
	const as_org *org;              /* the parties' teams */
	const char *commit_url;         /* rules.ini commit_url, or NULL */
	const char *forge_url;          /* rules.ini forge_url, or NULL (report/forge.h) */
	const struct as_privacy *privacy; /* NULL: people by their ids */
} as_finding_ctx;

/* A JSON string from text people wrote (valid UTF-8 guaranteed: invalid
 * bytes become U+FFFD); NULL is JSON null. */
json_t *as_json_text(const char *s);
/* "2024-01-03T12:00:00Z" (UTC); null for no time (0 or before 1970). */
json_t *as_report_date_json(int64_t t);
json_t *as_report_finding_json(const as_finding *f, const as_finding_ctx *ctx);
json_t *as_report_metrics_json(const as_metrics *m);
/* The tracker exports' counts (metrics.trackers):
 *   {"files":2,"records":1204,"assignments":57,"cancelled":3,
 *    "outside_window":0,"unmatched":4,
 *    "unmatched_names":[{"name":"@zed","count":3},...]} */
json_t *as_report_trackers_json(const as_tracker_stats *s);
/* The whole report as one JSON object (SPEC §6); the caller json_decref()s. */
json_t *as_report_document(const as_report *r);
/* The document of a repository that an organisation's audit could not
 * audit (as_report_jsonl_failed): what is known of the run, no results. */
json_t *as_report_failed_document(const as_report *r, const char *error);

/* metrics.managers (report/managers_json.c): the managers' own work and
 * feedback; `privacy` (may be NULL) makes it team-level. since/until: the
 * audited period (0: open), whose end anchors active_months. */
json_t *as_managers_json(const as_metrics *m, const as_org *org,
			 const struct as_privacy *privacy, int64_t since, int64_t until);
/* metrics.unknown_authors: the authors the org chart does not know,
 * counted, and named unless `privacy`. */
json_t *as_unknown_authors_json(const as_metrics *m, const struct as_privacy *privacy);
/* metrics.top_down (report/top_down.c): teams and managers by top-down
 * share, with the trend against doc.previous_period; drawn from the
 * document's own assignments_by_team and assignments_by_manager. */
json_t *as_top_down_json(const json_t *doc);

#endif
