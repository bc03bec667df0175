/*
 * Cross-team contribution and autonomy (teams.h).
 */
#include "metrics/teams.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

int as_org_in_team(const as_org *org, int person, size_t team)
{
	if (person < 0 || (size_t)person >= org->npeople)
		return 0;
	const as_person *p = &org->people[person];
	for (size_t i = 0; i < p->nteams; i++)
		if (p->teams[i] == team)
			return 1;
	return 0;
}

static void teams_alloc(as_teams *t, size_t nteams)
{
	size_t side = nteams + 1;
	t->nteams = nteams;
	t->team = as_xcalloc(side, sizeof(*t->team));
	t->commits = as_xcalloc(side * side, sizeof(*t->commits));
	t->lines = as_xcalloc(side * side, sizeof(*t->lines));
	t->scratch_lines_ = as_xcalloc(side, sizeof(*t->scratch_lines_));
	t->scratch_touched_ = as_xcalloc(side, 1);
}

void as_teams_commit(as_teams *t, const as_org *org, int author,
		     const as_owned_change *ch, size_t n,
		     const int *approvers, size_t napprovers)
{
	size_t none = org->nteams, side = none + 1;
	uint64_t outside_lines = 0;
	int outside = 0;

	if (!n)
		return;
	if (!t->team)
		teams_alloc(t, org->nteams);
	uint64_t *lines = t->scratch_lines_;
	unsigned char *touched = t->scratch_touched_;
	memset(lines, 0, side * sizeof(*lines));
	memset(touched, 0, side);

	/* Which teams' paths the commit changed, and how many lines in each
	 * (a path owned by two teams counts for both). */
	for (size_t i = 0; i < n; i++) {
		uint64_t l = ch[i].lines > 0 ? (uint64_t)ch[i].lines : 0;
		int outside_path = 0;
		if (ch[i].lines >= 0)
			t->lines_counted++;
		if (!ch[i].nowners) {
			touched[none] = 1;
			lines[none] += l;
		}
		for (size_t k = 0; k < ch[i].nowners; k++) {
			size_t o = (size_t)ch[i].owners[k];
			touched[o] = 1;
			lines[o] += l;
			if (!as_org_in_team(org, author, o))
				outside_path = 1;
		}
		if (outside_path) {
			outside = 1;
			outside_lines += l;
		}
	}

	/* The matrix: once per (author team, owning team) pair. */
	const as_person *p = author >= 0 ? &org->people[author] : NULL;
	size_t nrows = p && p->nteams ? p->nteams : 1;
	for (size_t r = 0; r < nrows; r++) {
		size_t row = p && p->nteams ? p->teams[r] : none;
		for (size_t o = 0; o < side; o++) {
			if (!touched[o])
				continue;
			t->commits[row * side + o]++;
			t->lines[row * side + o] += lines[o];
		}
		if (row != none && outside) {
			t->team[row].outbound_commits++;
			t->team[row].outbound_lines += outside_lines;
		}
	}

	for (size_t o = 0; o < none; o++) {
		if (!touched[o])
			continue;
		as_team_counts *c = &t->team[o];
		c->commits++;
		c->lines += lines[o];
		if (!as_org_in_team(org, author, o)) {
			c->inbound_commits++;
			c->inbound_lines += lines[o];
		}
		for (size_t a = 0; a < napprovers; a++) {
			if (!as_org_in_team(org, approvers[a], o)) {
				c->outside_approved++;
				break;
			}
		}
	}
}

void as_teams_pull_request(as_teams *t, const as_org *org, const int *owners, size_t nowners,
			   const int *approvers, size_t napprovers)
{
	int outside = 0;
	if (!nowners)
		return;
	if (!t->team)
		teams_alloc(t, org->nteams);
	for (size_t a = 0; a < napprovers && !outside; a++) {
		int inside = 0;
		for (size_t k = 0; k < nowners && !inside; k++)
			inside = as_org_in_team(org, approvers[a], (size_t)owners[k]);
		outside = !inside;
	}
	for (size_t k = 0; k < nowners; k++) {
		as_team_counts *c = &t->team[owners[k]];
		c->pull_requests++;
		c->outside_approved_prs += (uint64_t)outside;
	}
}

void as_teams_merge(as_teams *into, const as_teams *from)
{
	if (!from->team)
		return;
	if (!into->team)
		teams_alloc(into, from->nteams);
	size_t side = from->nteams + 1;
	for (size_t i = 0; i < from->nteams; i++) {
		as_team_counts *a = &into->team[i];
		const as_team_counts *b = &from->team[i];
		a->commits += b->commits;
		a->lines += b->lines;
		a->inbound_commits += b->inbound_commits;
		a->inbound_lines += b->inbound_lines;
		a->outbound_commits += b->outbound_commits;
		a->outbound_lines += b->outbound_lines;
		a->outside_approved += b->outside_approved;
		a->pull_requests += b->pull_requests;
		a->outside_approved_prs += b->outside_approved_prs;
	}
	for (size_t i = 0; i < side * side; i++) {
		into->commits[i] += from->commits[i];
		into->lines[i] += from->lines[i];
	}
	into->lines_counted += from->lines_counted;
}

void as_teams_free(as_teams *t)
{
	free(t->team);
	free(t->commits);
	free(t->lines);
	free(t->scratch_lines_);
	free(t->scratch_touched_);
	memset(t, 0, sizeof(*t));
}

double as_team_autonomy(const as_team_counts *c)
{
	double outside = 0;
	if (!c->commits && !c->pull_requests)
		return NAN;
	if (c->commits)
		outside = (double)c->outside_approved / (double)c->commits;
	if (c->pull_requests && (double)c->outside_approved_prs / (double)c->pull_requests > outside)
		outside = (double)c->outside_approved_prs / (double)c->pull_requests;
	return 1.0 - outside;
}
