#ifndef AS_REPORT_PRIVACY_INT_H
#define AS_REPORT_PRIVACY_INT_H
/* Internal to report/privacy.c and report/privacy_text.c (each includes
 * report/privacy.h first). */
#include <stddef.h>

#include "config/org.h"
#include "util/table.h"

struct as_privacy {
	const as_org *org;
	size_t min_group;
	char **groups;          /* group names, "(none)" last */
	size_t ngroups;
	size_t *team_group;     /* [nteams]: the group of each team */
	size_t none;            /* the group "(none)" */
	size_t merged;          /* teams that are not a group of their own */
	as_strtab names;        /* full identities, lower case, single spaces:
				 * ids, logins (with and without @), names */
	as_strtab words;        /* every word of those names and of e-mail
				 * local parts (ASCII case folded) */
};

/* Adds an identity as written ("Name <email>", "@login", "alice@x.org",
 * an id) to the sets. */
void as_privacy_learn(struct as_privacy *p, const char *identity, size_t len);

#endif
