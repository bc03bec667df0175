#ifndef AS_METRICS_MANAGERS_H
#define AS_METRICS_MANAGERS_H
/*
 * What the handbook asks of managers, measured (README, "Metrics"):
 *
 *   - "management is a part-time job; managers keep practising their
 *     craft": each manager's own hands-on work in the audited period
 *     (commits authored, reviews given) beside the median of the people
 *     they manage, and whether they did any in the last active_months;
 *   - feedback in every direction: what reports give their managers
 *     beside what managers give (the counts are in feedback.h; the
 *     per-person ones here).
 *
 * During the walk only per-person counters are kept (sums and a maximum,
 * so workers merge exactly); as_managers_list() turns them into one row
 * per manager for the report. These are metrics, never findings.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/org.h"
#include "util/table.h"

typedef struct {
	uint64_t commits;              /* authored */
	uint64_t reviews_given;        /* feedback trailers naming them */
	uint64_t feedback_to_reports;  /* ... on a commit by someone below them */
	uint64_t feedback_from_reports; /* received: from someone below them */
	int64_t last_work;             /* author date of the latest of either; 0: none */
} as_work_counts;

typedef struct {
	as_work_counts *people;  /* [npeople] of the org chart; NULL until used */
	size_t npeople;
	as_u64map unknown;       /* author the org chart does not know (an
				  * identity id of as_metrics.idents) -> commits */
} as_work;

/* A commit by `author` (a person index, or -1 with `ident` its identity). */
void as_work_commit(as_work *w, const as_org *org, int author, uint32_t ident,
		    int64_t time);
/* A feedback trailer: `giver` gave feedback on a commit by `receiver`
 * (person indexes, -1 unknown; the caller leaves self-reviews out). */
void as_work_feedback(as_work *w, const as_org *org, int giver, int receiver,
		      int64_t time);
/* `ident_map` maps the identities of `from` to those of `into`. */
void as_work_merge(as_work *into, const as_work *from, const uint32_t *ident_map);
void as_work_free(as_work *w);

/* One manager (someone with a direct report in [managers]). */
typedef struct {
	size_t person;
	size_t reports;              /* direct reports */
	size_t *teams;               /* the teams they manage: those they lead,
				      * else those of their direct reports */
	size_t nteams;
	size_t members;              /* people in those teams, managers left out */
	double median_commits;       /* of those members; NAN: none */
	double median_reviews;
	as_work_counts work;
	int hands_on;                /* work at or after the window's start */
} as_manager_row;

/*
 * The managers of `org` in org chart order, with their work and their
 * teams' medians. `window_start`: the start of the active_months window
 * (0: any work counts). *out is NULL when there is no manager; free with
 * as_managers_free().
 */
void as_managers_list(as_manager_row **out, size_t *n, const as_work *w,
		      const as_org *org, int64_t window_start);
void as_managers_free(as_manager_row *rows, size_t n);

/* The median of n values (sorted in place); NAN when n is 0. */
double as_median(double *v, size_t n);

/* `when` moved back by `months` calendar months (UTC; the day clamped to
 * the month's length): the start of an active_months window. */
int64_t as_months_before(int64_t when, size_t months);

#endif
