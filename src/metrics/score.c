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

/* What the report says instead of a score. */
static const char no_org_chart[] =
	"no org chart, so every party is unknown: write [people] (and [managers], "
	"[team.*]) in your rules file, or draft them with `antisilo init`";
static const char no_part[] = "no part of the score has data";

/* score = min(mean, cap), with the numbers of this run. */
static void explain_score(as_score *s)
{
	as_buf e = AS_BUF_INIT;
	if (s->reason) {
		as_buf_printf(&e, "no score: %s", s->reason);
	} else if (isnan(s->cap)) {
		as_buf_printf(&e, "score = 100 x sum(weight x value) / sum(weight) over the parts "
			      "with data = %.2f", as_round(s->mean, 2));
	} else {
		as_buf_printf(&e, "score = min(100 x sum(weight x value) / sum(weight) over the parts "
			      "with data, 100 x top_down) = min(%.2f, %.2f) = %.2f",
			      as_round(s->mean, 2), as_round(s->cap, 2), as_round(s->score, 2));
	}
	s->explain = as_buf_detach(&e);
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
	s->mean = wsum > 0 ? 100.0 * sum : NAN;
	/* The rule is about top-down assignment: what it measures bounds the
	 * whole (unless its weight says to leave it out). */
	const as_score_part *td = &s->parts[AS_PART_TOP_DOWN];
	s->cap = !isnan(td->value) && td->weight > 0 ? 100.0 * td->value : NAN;
	if (!m->people)
		s->reason = no_org_chart;
	else if (isnan(s->mean))
		s->reason = no_part;
	if (!s->reason) {
		s->capped = !isnan(s->cap) && s->cap < s->mean;
		s->score = s->capped ? s->cap : s->mean;
	}
	explain_score(s);
}

void as_score_free(as_score *s)
{
	for (int p = 0; p < AS_PART__COUNT; p++)
		free(s->parts[p].explain);
	free(s->explain);
	memset(s, 0, sizeof(*s));
	s->score = s->mean = s->cap = NAN;
}
