#ifndef AS_ORG_H
#define AS_ORG_H
/*
 * The org chart: people and their identities, who manages whom, teams.
 * Built from [people], [managers] and [team.*] of rules.ini (the
 * as_org_load_* calls, or the as_org_add_* calls they make); read-only
 * once finished, so it is shared between threads without locks.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/ini.h"
#include "config/names.h"

typedef struct {
	char *id;          /* key in [people]: "alice" */
	char *name;        /* display name: "Alice Liddell" (may be NULL) */
	char *email;       /* primary e-mail (may be NULL) */
	int manager;       /* index of the direct manager, -1 for none */
	int64_t left;      /* the day they left (seconds, 00:00 UTC); 0: here */
	size_t *teams;     /* indexes of the teams this person belongs to */
	size_t nteams, teams_alloc;
} as_person;

typedef struct {
	char *id;          /* "replay" for [team.replay] */
	int lead;          /* person index or -1 */
	size_t *members;   /* person indexes (lead included) */
	size_t nmembers, members_alloc;
	char **paths;      /* owned path prefixes / globs from rules.ini */
	size_t npaths, paths_alloc;
	char *codeowners;  /* "@org/team-replay" or NULL */
} as_team;

/* The identity index (a hash table of normalised identities), see org.c. */
typedef struct as_org_index as_org_index;

typedef struct {
	as_person *people;
	size_t npeople, people_alloc;
	as_team *teams;
	size_t nteams, teams_alloc;
	as_org_index *index;
} as_org;

void as_org_init(as_org *org);
void as_org_free(as_org *org);

/*
 * Adds a person; returns its index. Identities are added separately, the
 * id included: call as_org_add_identity(org, p, id) too, so that a clash
 * of the id with another person's identity is reported.
 */
size_t as_org_add_person(as_org *org, const char *id, const char *name,
			 const char *email);
/*
 * Adds one identity (the id, an e-mail, "@login", or a display name) of a
 * person. Returns 0, or AS_ECONFIG with "identity 'X' is claimed by both
 * 'A' and 'B'" when another person already claims it (matching is
 * case-insensitive, ASCII only, and ignores runs of white space and
 * surrounding quotes and punctuation: see normalise() in org.c).
 */
int as_org_add_identity(as_org *org, size_t person, const char *identity);
int as_org_find_person(const as_org *org, const char *id); /* by id, -1 */
/*
 * Sets the direct manager of `report`. Returns 0, or AS_ECONFIG with
 * "management cycle: a -> b -> a (each reports to the next)" when `report`
 * is already above `manager` (or is the manager).
 */
int as_org_set_manager(as_org *org, size_t report, size_t manager);
size_t as_org_add_team(as_org *org, const char *id);
int as_org_find_team(const as_org *org, const char *id); /* by id, -1 */
void as_org_team_add_member(as_org *org, size_t team, size_t person);
/* Call once everything is added (indexes first names). */
void as_org_finish(as_org *org);

/*
 * "left=YYYY-MM-DD" (white space around '=' allowed): the day a person
 * left, as [people] and the HR export give it. Returns 1 and sets *day
 * (00:00 UTC) for such text, 0 for other text, AS_ECONFIG "'...' is not a
 * date (YYYY-MM-DD)" for "left=" followed by anything else.
 */
int as_org_parse_left(const char *text, int64_t *day);
/* Is `s` an e-mail address as [people] takes it (one '@', something on
 * both sides, no white space, '<', '>' or ',')? */
int as_org_valid_email(const char *s);
/* Is `s` a login as [people] takes it ('@' and letters, digits, '-', '_',
 * '.', '/')? */
int as_org_valid_login(const char *s);
/* "YYYY-MM-DD" as 00:00 UTC that day: 0, or -1 when it is none. */
int as_org_parse_day(const char *text, int64_t *day);

/*
 * Resolves free text naming a person to a person index, or -1:
 *   "Alice Liddell <alice@example.com>", "<alice@example.com>",
 *   "alice@example.com", "@alice", "alice" (an id), "Alice Liddell",
 *   "Alice" (a first name, only when exactly one person has it).
 * An e-mail, when present, decides; when it is unknown, the name before
 * "<" may still match an id or a full name (never a bare first name).
 * "@login" and bare e-mails match only themselves. Case-insensitive
 * (ASCII); surrounding white space, quotes, brackets and trailing
 * punctuation are ignored ("(@alice),", "Alice."). No allocation: safe
 * and cheap to call from many threads once the org is finished.
 */
int as_org_resolve(const as_org *org, const char *text, size_t len);

/* The longest identity indexed (normalised). Longer text never matches. */
#define AS_ORG_ID_MAX 255

/*
 * The normal form identities are compared in (see normalise() in org.c:
 * trimmed, white space squeezed, case and accents folded) into buf, which
 * has room for AS_ORG_ID_MAX + 1 bytes. Returns the length, 0 for nothing,
 * (size_t)-1 for too long. Detection finds identities in messages in the
 * same form.
 */
size_t as_org_normalise(char *buf, const char *s, size_t len);

/*
 * The team whose `codeowners` handle is `handle` ("@org/slug", compared
 * without case, as GitHub compares them), or, for a bare "slug" or
 * "@slug", whose handle's slug it is (an issue event's requested team
 * may not say the org); -1 when none.
 */
int as_org_find_team_handle(const as_org *org, const char *handle, size_t len);
/*
 * Relation from person `p` (-1: unknown) to team `team`: peer (a member),
 * manager (directly manages a member), skip-level (higher above a
 * member), report (a member is above them), cross-team (known, none of
 * these), unknown.
 */
as_relation as_org_team_relation(const as_org *org, int p, size_t team);

/*
 * The identities of the org chart, for those who must find them in text
 * (a report that names no one): identity i of as_org_nidentities(), in its
 * normalised form (lower case, accents folded, single spaces: "alice liddell",
 * "alice@example.com", "@alice", "alice"), and its person in *person.
 * NULL for an entry that is not an identity (a first name).
 */
size_t as_org_nidentities(const as_org *org);
const char *as_org_identity(const as_org *org, size_t i, int *person);

/*
 * The same entry i, first names included (detection finds those too):
 * *person is -1 for a first name that several people share, *first_name
 * tells a first name (derived from a display name) from an identity that
 * [people] lists.
 */
const char *as_org_entry(const as_org *org, size_t i, int *person, int *first_name);

/* Relation from actor to subject (either may be -1: unknown). */
as_relation as_org_relation(const as_org *org, int actor, int subject);
/* Does person `a` share a team with person `b`? */
int as_org_same_team(const as_org *org, int a, int b);
/* Is `boss` anywhere above `person` in the manager chain? */
int as_org_is_above(const as_org *org, int boss, int person);

/*
 * Loading the org chart from rules.ini: [people] first (everything else
 * names them), then [managers] and the [team.*] sections, then
 * as_org_finish(). Each returns 0 or AS_ECONFIG "FILE:LINE: ...".
 */
int as_org_load_people(as_org *org, const as_ini_section *sec);
int as_org_load_managers(as_org *org, const as_ini_section *sec);
int as_org_load_team(as_org *org, const as_ini_section *sec);

#endif
