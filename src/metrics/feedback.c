/*
 * The feedback graph (feedback.h).
 */
#include "metrics/feedback.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

static void feedback_alloc(as_feedback *f, size_t nteams, size_t nkeys)
{
	size_t side = nteams + 1;
	f->nteams = nteams;
	f->team_graph = as_xcalloc(side * side, sizeof(*f->team_graph));
	f->team = as_xcalloc(side, sizeof(*f->team));
	f->nkeys = nkeys;
	f->by_key = as_xcalloc(nkeys + 1, sizeof(*f->by_key));
}

void as_feedback_add(as_feedback *f, const as_org *org, size_t key, size_t nkeys,
		     int giver, uint32_t gid, int receiver, uint32_t rid)
{
	const as_person *g = giver >= 0 ? &org->people[giver] : NULL;
	const as_person *r = receiver >= 0 ? &org->people[receiver] : NULL;
	size_t none = org->nteams, side = none + 1;
	int cross = 0, down = 0, up = 0;

	if (!f->team_graph)
		feedback_alloc(f, org->nteams, nkeys);
	f->total++;
	if (key < f->nkeys)
		f->by_key[key]++;
	if (g && r && g->nteams && r->nteams) {
		cross = !as_org_same_team(org, giver, receiver);
		if (cross)
			f->cross_team++;
		else
			f->in_team++;
	}
	if (g && r) {
		down = as_org_is_above(org, giver, receiver);
		up = !down && as_org_is_above(org, receiver, giver);
		if (down)
			f->by_managers++;
		else
			f->by_peers++;
		f->by_reports += up;
	}
	(*as_u64map_at(&f->people, AS_PAIR(gid, rid)))++;

	size_t ng = g && g->nteams ? g->nteams : 1;
	size_t nr = r && r->nteams ? r->nteams : 1;
	for (size_t i = 0; i < ng; i++) {
		size_t gt = g && g->nteams ? g->teams[i] : none;
		for (size_t j = 0; j < nr; j++) {
			size_t rt = r && r->nteams ? r->teams[j] : none;
			f->team_graph[gt * side + rt]++;
		}
		if (gt != none) {
			f->team[gt].given++;
			f->team[gt].given_cross_team += cross;
			f->team[gt].given_to_managers += up;
			f->team[gt].given_by_managers += down;
		}
	}
	for (size_t j = 0; j < nr; j++) {
		size_t rt = r && r->nteams ? r->teams[j] : none;
		if (rt != none) {
			f->team[rt].received++;
			f->team[rt].received_cross_team += cross;
		}
	}
}

void as_feedback_merge(as_feedback *into, const as_feedback *from,
		       const uint32_t *ident_map)
{
	if (!from->team_graph)
		return;
	if (!into->team_graph)
		feedback_alloc(into, from->nteams, from->nkeys);
	size_t side = from->nteams + 1;
	into->total += from->total;
	into->cross_team += from->cross_team;
	into->in_team += from->in_team;
	into->by_managers += from->by_managers;
	into->by_peers += from->by_peers;
	into->by_reports += from->by_reports;
	for (size_t k = 0; k < from->nkeys; k++)
		into->by_key[k] += from->by_key[k];
	for (size_t i = 0; i < side * side; i++)
		into->team_graph[i] += from->team_graph[i];
	for (size_t i = 0; i < from->nteams; i++) {
		into->team[i].given += from->team[i].given;
		into->team[i].given_cross_team += from->team[i].given_cross_team;
		into->team[i].given_to_managers += from->team[i].given_to_managers;
		into->team[i].given_by_managers += from->team[i].given_by_managers;
		into->team[i].received += from->team[i].received;
		into->team[i].received_cross_team += from->team[i].received_cross_team;
	}
	for (size_t i = 0; i < from->people.nslots; i++) {
		uint64_t k = from->people.keys[i];
		if (k == UINT64_MAX)
			continue;
		*as_u64map_at(&into->people, AS_PAIR(ident_map[AS_PAIR_A(k)],
						      ident_map[AS_PAIR_B(k)])) += from->people.vals[i];
	}
}

void as_feedback_free(as_feedback *f)
{
	free(f->by_key);
	free(f->team_graph);
	free(f->team);
	as_u64map_free(&f->people);
	memset(f, 0, sizeof(*f));
}
