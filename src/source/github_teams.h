#ifndef AS_GITHUB_TEAMS_H
#define AS_GITHUB_TEAMS_H
/*
 * An organisation's GitHub teams and their members, as the GitHub CLI
 * writes them (antisilo init --github-teams):
 *
 *   gh api --paginate orgs/ORG/teams >gh/teams.json
 *   for t in $(jq -r '.[].slug' gh/teams.json); do
 *       gh api --paginate orgs/ORG/teams/$t/members >gh/$t.json
 *   done
 *
 * teams.json is the teams listing (an array of objects with "slug",
 * "name", "html_url"; or the arrays --paginate writes one after another);
 * each team's members are read from SLUG.json in the same directory (an
 * array of users with "login"); a team without that file has no members
 * (and says so). The organisation is taken from a team's "html_url"
 * (https://github.com/orgs/ORG/teams/SLUG) or "organization"."login".
 *
 * Errors name the file and the record: JSON that does not parse
 * ("FILE:LINE:COLUMN: why"), a top-level value that is not an array, a
 * team without a slug, a slug or login that is not one.
 */
#include <stddef.h>

typedef struct {
	char *slug;            /* "team-replay" */
	char *name;            /* "Team Replay", or the slug */
	char *org;             /* "example", or NULL when unknown */
	char **logins;         /* members, without '@' */
	size_t nlogins;
	int have_members;      /* SLUG.json was there */
} as_gh_team;

typedef struct {
	as_gh_team *items;
	size_t nr, alloc;
} as_gh_teams;

int as_gh_teams_load(as_gh_teams *out, const char *teams_json);
void as_gh_teams_free(as_gh_teams *t);

#endif
