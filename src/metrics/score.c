/*
 * The compliance score (score.h, README, "Metrics").
 */
#include "metrics/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

double as_round(double x, int digits)
{
	double p = pow(10.0, digits);
	return isnan(x) ? x : round(x * p) / p;
}

static void set_part(as_score *s, as_score_part_id id, double value, as_buf *explain)
{
	s->parts[id].value = value;
	s->parts[id].explain = as_buf_detach(explain);
}

static double ratio_to_target(double share, double target)
{
	double v = share / target;
	return v > 1.0 ? 1.0 : v;
}

/* 1 - (manager + skip-level) / assignments whose relation is known. */
static void part_top_down(as_score *s, const as_score_inputs *m)
{
	as_buf e = AS_BUF_INIT;
	uint64_t known = 0, top = m->assignments[AS_REL_MANAGER] + m->assignments[AS_REL_SKIP_LEVEL];
	for (int r = 0; r < AS_REL__COUNT; r++)
		if (r != AS_REL_UNKNOWN)
			known += m->assignments[r];
	as_buf_printf(&e, "1 - (manager + skip-level) / assignments with a known relation = 1 - %llu/%llu",
		      (unsigned long long)top, (unsigned long long)known);
	set_part(s, AS_PART_TOP_DOWN, known ? 1.0 - (double)top / (double)known : NAN, &e);
}

/* Cross-team share of the feedback between people who are both in teams. */
static void part_feedback(as_score *s, const as_score_inputs *m, const as_metrics_settings *set)
{
	as_buf e = AS_BUF_INIT;
	uint64_t cross = m->feedback_cross_team, known = cross + m->feedback_in_team;
	as_buf_printf(&e, "min(1, cross-team share of feedback between team members / %g) = min(1, %llu/%llu / %g)",
		      set->feedback_target, (unsigned long long)cross,
		      (unsigned long long)known, set->feedback_target);
	set_part(s, AS_PART_FEEDBACK,
		 known ? ratio_to_target((double)cross / (double)known, set->feedback_target) : NAN, &e);
}

/* Share of the commits into teams' paths made by non-members. */
static void part_inbound(as_score *s, const as_score_inputs *m, const as_metrics_settings *set)
{
	as_buf e = AS_BUF_INIT;
	uint64_t in = m->inbound_commits, all = m->team_commits;
	as_buf_printf(&e, "min(1, inbound commits / commits into teams' paths / %g) = min(1, %llu/%llu / %g)",
		      set->inbound_target, (unsigned long long)in,
		      (unsigned long long)all, set->inbound_target);
	set_part(s, AS_PART_INBOUND,
		 all ? ratio_to_target((double)in / (double)all, set->inbound_target) : NAN, &e);
}

/* Mean autonomy of the teams that have commits into their paths. */
static void part_autonomy(as_score *s, const as_score_inputs *m)
{
	as_buf e = AS_BUF_INIT;
	double sum = 0;
	size_t n = 0;
	for (size_t t = 0; t < m->nautonomy; t++) {
		if (!isnan(m->autonomy[t])) {
			sum += m->autonomy[t];
			n++;
		}
	}
	as_buf_printf(&e, "mean over teams of 1 - outside-approved commits / commits into the team's paths (%zu teams)", n);
	set_part(s, AS_PART_AUTONOMY, n ? sum / (double)n : NAN, &e);
}

/* 1 - silo areas / areas that may be silos. */
static void part_silos(as_score *s, const as_score_inputs *m, const as_metrics_settings *set)
{
	as_buf e = AS_BUF_INIT;
	size_t silos = m->silos, cand = m->silo_candidates;
	as_buf_printf(&e, "1 - areas with truck factor 1 / areas of at least %zu files = 1 - %zu/%zu",
		      set->silo_min_files, silos, cand);
	set_part(s, AS_PART_SILOS, cand ? 1.0 - (double)silos / (double)cand : NAN, &e);
}

void as_score_compute(as_score *s, const as_score_inputs *m, const as_metrics_settings *set)
{
	double wsum = 0, sum = 0;

	as_score_free(s);
	part_top_down(s, m);
	part_feedback(s, m, set);
	part_inbound(s, m, set);
	part_autonomy(s, m);
	part_silos(s, m, set);
	for (int p = 0; p < AS_PART__COUNT; p++) {
		s->parts[p].weight = set->weights[p];
		if (!isnan(s->parts[p].value))
			wsum += set->weights[p];
	}
	for (int p = 0; p < AS_PART__COUNT; p++) {
		as_score_part *part = &s->parts[p];
		part->effective = !isnan(part->value) && wsum > 0 ? part->weight / wsum : 0;
		if (!isnan(part->value))
			sum += part->effective * part->value;
	}
	s->score = wsum > 0 ? 100.0 * sum : NAN;
}

void as_score_free(as_score *s)
{
	for (int p = 0; p < AS_PART__COUNT; p++)
		free(s->parts[p].explain);
	memset(s, 0, sizeof(*s));
	s->score = NAN;
}
