#ifndef AS_OWNERSHIP_H
#define AS_OWNERSHIP_H
/*
 * Who owns a path (for the metrics' teams and the CODEOWNERS history's
 * gates): the owners CODEOWNERS gives it (raw handles, as written) and
 * the teams of rules.ini that own it. A team owns a path
 *   - when one of its `paths` matches it: gitignore-style patterns with
 *     CODEOWNERS' semantics (codeowners.h): "packages/rrweb/" is that
 *     directory, "src/x" is src/x and everything below it, "*.sql" any
 *     .sql file at any depth; or
 *   - when its `codeowners` handle (e.g. "@example/team-replay") is one of
 *     the CODEOWNERS owners of the path (compared without case, as GitHub
 *     compares logins and team names).
 * Several teams may own one path: all of them are returned, in the order
 * of rules.ini (no "most specific team wins": rules.ini sections have no
 * order that could mean precedence).
 *
 * An as_ownership is read-only once built: threads share it; each keeps
 * its own as_owners.
 */
#include <stddef.h>

#include "config/org.h"
#include "source/codeowners.h"

typedef struct as_ownership as_ownership;

/*
 * Compiles the teams' paths. `co` (may be NULL: no CODEOWNERS) must
 * outlive the result; so must `org`. Returns 0, or AS_ECONFIG with
 * "team 'ID': paths: 'PATTERN': why" for a pattern that cannot be used.
 */
int as_ownership_new(as_ownership **out, const as_org *org, const as_codeowners *co);
void as_ownership_free(as_ownership *o);

typedef struct {
	const as_codeowners_rule *rule; /* the CODEOWNERS line that decides, or
					 * NULL (no CODEOWNERS or no match) */
	size_t *teams;                  /* indexes into org->teams */
	size_t nteams, teams_alloc;
} as_owners;

#define AS_OWNERS_INIT { NULL, NULL, 0, 0 }

/* Fills `out` (its memory is reused) with the owners of `path`
 * (repository-relative, no leading '/'). */
void as_ownership_of(const as_ownership *o, const char *path, size_t len,
		     as_owners *out);
void as_owners_free(as_owners *out);

/*
 * For comparing other patterns with the teams' areas: a path that each
 * rules.ini `paths` pattern of every team matches, and one below it
 * (util/pattern.h as_pattern_example), appended to `out` NUL-separated.
 * Returns how many were appended.
 */
size_t as_ownership_examples(const as_ownership *o, as_buf *out);

#endif
