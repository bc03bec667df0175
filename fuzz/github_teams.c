/*
 * GitHub teams as `gh api --paginate orgs/ORG/teams` writes them
 * (source/github_teams.c), written to a file as antisilo init reads it
 * (no members files beside it).
 *
 * Invariants: an error names the file; on success every slug and org is
 * a GitHub name (letters, digits, '-', '_', '.': safe as an id and in a
 * file name) and no team has members without a members file.
 */
#include "fuzz.h"

#include <ctype.h>
#include <string.h>

#include "source/github_teams.h"
#include "util/error.h"

static int github_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

AS_FUZZ_TARGET(github_teams)
{
	const char *path = as_fuzz_file("teams.json", data, size);
	as_gh_teams t;
	if (as_gh_teams_load(&t, path) < 0) {
		AS_FUZZ_CHECK(!strncmp(as_error_msg(), path, strlen(path)), "message: %s",
			      as_error_msg());
		return 0;
	}
	for (size_t i = 0; i < t.nr; i++) {
		AS_FUZZ_CHECK(github_name(t.items[i].slug), "team %zu: slug '%s'", i, t.items[i].slug);
		AS_FUZZ_CHECK(!t.items[i].org || github_name(t.items[i].org), "team %zu: org '%s'", i,
			      t.items[i].org);
		AS_FUZZ_CHECK(t.items[i].have_members || !t.items[i].nlogins, "team %zu: members", i);
	}
	as_gh_teams_free(&t);
	return 0;
}
