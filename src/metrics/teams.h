#ifndef AS_METRICS_TEAMS_H
#define AS_METRICS_TEAMS_H
/*
 * Cross-team contribution and team autonomy (README, "Metrics"): who
 * changes whose paths, and which commits into a team's paths carry an
 * approval from outside the team. Everything is a sum, so workers merge
 * by addition.
 */
#include <stdint.h>

#include "config/org.h"

typedef struct {
	uint64_t commits, lines;                     /* into the team's paths */
	uint64_t inbound_commits, inbound_lines;     /* ... by non-members */
	uint64_t outbound_commits, outbound_lines;   /* by members, into paths
						      * of teams they are not in */
	uint64_t outside_approved;                   /* commits into its paths
						      * approved by a non-member */
	uint64_t pull_requests;                      /* pull requests (github-prs)
						      * into its paths */
	uint64_t outside_approved_prs;               /* ... approved by someone in
						      * none of their owning teams */
} as_team_counts;

typedef struct {
	size_t nteams;           /* 0 until used; index nteams is "(none)" */
	as_team_counts *team;    /* [nteams] */
	uint64_t *commits;       /* [(nteams + 1)^2]: [author team][owning team] */
	uint64_t *lines;         /* same, lines added + removed */
	uint64_t lines_counted;  /* changed paths that had line counts */

	/* private: per-commit scratch */
	uint64_t *scratch_lines_;
	unsigned char *scratch_touched_;
} as_teams;

/* One changed path of a commit, with its owners. */
typedef struct {
	const int *owners;       /* team indexes */
	size_t nowners;
	long lines;              /* added + removed; < 0: not counted */
} as_owned_change;

/*
 * Adds one commit by person `author` (-1: unknown) that changed `n` paths.
 * `approvers`: the people (-1: unknown to the org chart) named by its
 * approval trailers, the author left out.
 */
void as_teams_commit(as_teams *t, const as_org *org, int author,
		     const as_owned_change *ch, size_t n,
		     const int *approvers, size_t napprovers);
/*
 * Adds one pull request by person `author` (-1: unknown) whose files are
 * owned by the teams `owners` (indexes; none: a pull request into
 * nobody's paths, not counted). `approvers`: the people (-1: unknown)
 * whose approving reviews it has, the author left out; one of them in
 * none of the owning teams makes it outside-approved for each of them.
 */
void as_teams_pull_request(as_teams *t, const as_org *org, const int *owners, size_t nowners,
			   const int *approvers, size_t napprovers);
void as_teams_merge(as_teams *into, const as_teams *from);
void as_teams_free(as_teams *t);

/*
 * autonomy = 1 - max(outside_approved / commits,
 *                    outside_approved_prs / pull_requests),
 * each share only when its count is not 0; NAN when both are 0. The
 * larger share, not the sum: a squash-merged pull request is also a
 * commit, and adding both would count each change twice.
 */
double as_team_autonomy(const as_team_counts *c);

/* Is `person` a member of team `team`? (-1: nobody's) */
int as_org_in_team(const as_org *org, int person, size_t team);

#endif
