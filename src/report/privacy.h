#ifndef AS_REPORT_PRIVACY_H
#define AS_REPORT_PRIVACY_H
/*
 * privacy = team (rules.ini, audit --privacy team): a report that names
 * no one. The first objection people raise to a tool that reads their
 * work history is surveillance; this mode answers it the way the tools
 * leads trust do — team-level numbers, no individual rankings, minimum
 * group sizes — applied to the one report document, so every format
 * (text, json, jsonl, sarif, html) is covered at once:
 *
 *   - groups: a team with at least min_group_size members is a group of
 *     its own; smaller teams are merged into "(small teams)", and when
 *     those together are still fewer people, into "(none)" (the people in
 *     no team and outside the org chart). Every per-team number is then a
 *     per-group sum (a ratio is recomputed where it can be, else null).
 *   - people: findings and metrics speak of teams and relations: a party
 *     is "manager of team replay", "member of team replay", "someone in no
 *     team" or "someone outside the org chart"; per-person lists (the
 *     people graph, tracker names, unknown authors, managers) are dropped
 *     or made team-level; people outside the org chart are counted, not
 *     named. Commits are still identified by id.
 *   - text people wrote (excerpts, commit subjects, paths of findings):
 *     the parties and every identity the run knows of (the org chart's
 *     ids, names, e-mails, logins; the history's names and e-mails; each
 *     word of those names) are replaced by a role in brackets, and any
 *     e-mail address or @login by "[someone]".
 *   - a last sweep over every string and key of the document replaces any
 *     full identity left (an id, a login, a name, an e-mail) — a metric
 *     added later that lists people is caught by it, not leaked.
 */
#include <jansson.h>
#include <stddef.h>

#include "config/org.h"
#include "finding.h"
#include "metrics/metrics.h"

typedef struct as_privacy as_privacy;

/* The groups and the identities to hide: those of `org` and of the
 * history behind `m` (may be NULL): its developers, feedback parties and
 * the tracker exports' names that no person has. */
as_privacy *as_privacy_new(const as_org *org, size_t min_group_size, const as_metrics *m);
void as_privacy_free(as_privacy *p);   /* NULL: nothing */

size_t as_privacy_min_group(const as_privacy *p);
size_t as_privacy_merged_teams(const as_privacy *p);

/* Groups, in report order: the large teams, "(small teams)" when it
 * stands on its own, then "(none)" (always the last). */
size_t as_privacy_ngroups(const as_privacy *p);
const char *as_privacy_group_name(const as_privacy *p, size_t g);
size_t as_privacy_team_group(const as_privacy *p, size_t team);
/* The group of a person (their first team's; -1, or in no team: "(none)"). */
size_t as_privacy_person_group(const as_privacy *p, int person);
/* The group of the people a manager manages: the first team they lead,
 * else their first direct report's, else their own. */
size_t as_privacy_managed_group(const as_privacy *p, int person);

/* "member of team replay", "someone in no team", "someone outside the org
 * chart" (person -1). */
void as_privacy_person_label(const as_privacy *p, as_buf *out, int person);

/* A finding's JSON object (as_report_finding_json) rewritten: parties by
 * role, author by role, teams by group, text scrubbed. */
void as_privacy_finding(const as_privacy *p, json_t *o, const as_finding *f);
/* The metrics object (or previous_period; NULL: nothing) by groups. */
void as_privacy_metrics(const as_privacy *p, json_t *metrics);
/* The last sweep over the whole document. */
void as_privacy_sweep(const as_privacy *p, json_t *doc);

/*
 * Text people wrote, with the people it names replaced (privacy_text.c):
 * `parties` are texts known to name someone (a finding's actor as
 * written) with their labels, replaced first; then identities as above.
 * Appends to `out`.
 */
typedef struct {
	const char *text;
	const char *label;
} as_privacy_party;
void as_privacy_scrub(const as_privacy *p, as_buf *out, const char *text,
		      const as_privacy_party *parties, size_t nparties);

#endif
