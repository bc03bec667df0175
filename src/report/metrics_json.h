#ifndef AS_REPORT_METRICS_JSON_H
#define AS_REPORT_METRICS_JSON_H
/*
 * The metrics of the report document (docs/report.md "METRICS"), one
 * function per metric. Parts that need the org chart or the whole history
 * are null until as_metrics_finish() ran; parts that need changed paths
 * are null when paths were not computed (--no-paths).
 */
#include <jansson.h>

#include "metrics/metrics.h"

json_t *as_metrics_over_time_json(const as_metrics *m);     /* assignments_over_time */
json_t *as_metrics_by_team_json(const as_metrics *m);       /* assignments_by_team */
json_t *as_metrics_by_manager_json(const as_metrics *m);    /* assignments_by_manager */
json_t *as_metrics_teams_json(const as_metrics *m);         /* teams */
json_t *as_metrics_matrix_json(const as_metrics *m);        /* contribution_matrix */
json_t *as_metrics_feedback_json(const as_metrics *m);      /* feedback */
json_t *as_metrics_truck_factors_json(const as_metrics *m); /* truck_factors */
json_t *as_metrics_silos_json(const as_metrics *m);         /* silos */
/* The tip's files: how many count, how many were left out and why, the
 * developers and those still here. */
json_t *as_metrics_authorship_json(const as_metrics *m);
/* --silo-files: every file of the tip, its reason and its authors (NULL
 * without the option). */
json_t *as_metrics_silo_files_json(const as_metrics *m);
/* --without: the areas and files that lose their last author still here
 * (NULL without the option). */
json_t *as_metrics_without_json(const as_metrics *m);
json_t *as_metrics_compliance_json(const as_metrics *m);    /* compliance */

/* Adds all of the above to the `metrics` object `o`. */
void as_metrics_json_add(json_t *o, const as_metrics *m);

/* people_graph lists at most this many edges (the heaviest first). */
#define AS_PEOPLE_GRAPH_MAX 1000

#endif
