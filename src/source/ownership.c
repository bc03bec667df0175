/*
 * Path -> owners: CODEOWNERS (last matching line) and rules.ini teams
 * (paths patterns, CODEOWNERS handles). See ownership.h.
 */
#include "source/ownership.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/error.h"

struct as_ownership {
	const as_org *org;
	const as_codeowners *co;
	as_patterns patterns;
	as_pattern *team_paths;   /* every team's patterns, team by team */
	size_t *team_first;       /* team t: team_paths[team_first[t] .. team_first[t+1]) */
};

int as_ownership_new(as_ownership **out, const as_org *org, const as_codeowners *co)
{
	as_ownership *o = as_xcalloc(1, sizeof(*o));
	size_t total = 0, k = 0;

	o->org = org;
	o->co = co;
	as_patterns_init(&o->patterns);
	for (size_t t = 0; t < org->nteams; t++)
		total += org->teams[t].npaths;
	o->team_paths = as_xcalloc(total + 1, sizeof(*o->team_paths));
	o->team_first = as_xcalloc(org->nteams + 1, sizeof(*o->team_first));
	for (size_t t = 0; t < org->nteams; t++) {
		const as_team *team = &org->teams[t];
		o->team_first[t] = k;
		for (size_t i = 0; i < team->npaths; i++) {
			const char *why;
			if (as_patterns_add(&o->patterns, &o->team_paths[k], team->paths[i],
					    strlen(team->paths[i]), 0, &why) < 0) {
				as_ownership_free(o);
				*out = NULL;
				return as_error_set(AS_ECONFIG, "team '%s': paths: '%s': %s",
						    team->id, team->paths[i], why);
			}
			k++;
		}
	}
	o->team_first[org->nteams] = k;
	*out = o;
	return 0;
}

void as_ownership_free(as_ownership *o)
{
	if (!o)
		return;
	as_patterns_free(&o->patterns);
	free(o->team_paths);
	free(o->team_first);
	free(o);
}

/* Is team t's CODEOWNERS handle among the owners of `rule`? */
static int team_in_rule(const as_ownership *o, const as_team *team,
			const as_codeowners_rule *rule)
{
	if (!rule || !team->codeowners)
		return 0;
	for (size_t k = 0; k < rule->nowners; k++)
		if (!strcasecmp(as_codeowners_owner(o->co, rule, k), team->codeowners))
			return 1;
	return 0;
}

void as_ownership_of(const as_ownership *o, const char *path, size_t len,
		     as_owners *out)
{
	out->rule = o->co ? as_codeowners_match(o->co, path, len) : NULL;
	out->nteams = 0;
	for (size_t t = 0; t < o->org->nteams; t++) {
		int owns = team_in_rule(o, &o->org->teams[t], out->rule);
		for (size_t i = o->team_first[t]; !owns && i < o->team_first[t + 1]; i++)
			owns = as_pattern_match(&o->patterns, &o->team_paths[i], path, len);
		if (owns) {
			AS_GROW(out->teams, out->nteams + 1, out->teams_alloc);
			out->teams[out->nteams++] = t;
		}
	}
}

void as_owners_free(as_owners *out)
{
	free(out->teams);
	memset(out, 0, sizeof(*out));
}

size_t as_ownership_examples(const as_ownership *o, as_buf *out)
{
	as_buf ex = AS_BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < o->team_first[o->org->nteams]; i++)
		for (int below = 0; below < 2; below++)
			if (as_pattern_example(&o->patterns, &o->team_paths[i], below, &ex) == 0) {
				as_buf_put(out, ex.ptr, ex.len + 1);
				n++;
			}
	as_buf_free(&ex);
	return n;
}
