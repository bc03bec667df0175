#ifndef AS_METRICS_SCORE_H
#define AS_METRICS_SCORE_H
/*
 * The compliance score (README, "Metrics"): a weighted mean of parts in
 * [0, 1], times 100, capped by the top-down part: a history whose known
 * assignments are half top-down cannot score above 50, however well its
 * teams work across boundaries. A part without data (NAN) drops out and
 * the weights of the others are scaled up to fill its place; without an
 * org chart there is no score at all (every party would be "unknown", so
 * the number would only measure silos).
 */
#include <stddef.h>
#include <stdint.h>

#include "metrics/settings.h"

typedef struct {
	double value;          /* [0, 1], NAN: no data */
	double weight;         /* as configured */
	double effective;      /* the weight after redistribution (0 without data) */
	char *explain;         /* the formula with this run's numbers */
} as_score_part;

typedef struct {
	double score;          /* [0, 100]; NAN: no org chart, or no part has data */
	double mean;           /* 100 x the weighted mean of the parts with data */
	double cap;            /* 100 x top_down; NAN: no cap (no data, weight 0) */
	int capped;            /* the cap is lower than the mean: it is the score */
	const char *reason;    /* why the score is NAN (static text), or NULL */
	char *explain;         /* the formula with this run's numbers */
	as_score_part parts[AS_PART__COUNT];
} as_score;

/* What the parts are computed from (metrics.c fills it from finished
 * metrics). */
typedef struct {
	const uint64_t *assignments;     /* [AS_REL__COUNT] */
	uint64_t feedback_cross_team, feedback_in_team;
	uint64_t inbound_commits, team_commits;  /* over every team */
	const double *autonomy;          /* per team; NAN: no commits */
	size_t nautonomy;
	size_t silos, silo_candidates;
	size_t people;                   /* in the org chart; 0: no score */
} as_score_inputs;

void as_score_compute(as_score *s, const as_score_inputs *in,
		      const as_metrics_settings *set);
void as_score_free(as_score *s);

/* `x` rounded to `digits` decimals: what the report shows (and what
 * --fail-under compares against). */
double as_round(double x, int digits);

#endif
