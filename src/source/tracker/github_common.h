#ifndef AS_GITHUB_COMMON_H
#define AS_GITHUB_COMMON_H
/*
 * What GitHub's exports share: users as "@login", times, issue numbers.
 * Internal to src/source/tracker/.
 */
#include <jansson.h>
#include <stdint.h>

#include "source/tracker/format.h"
#include "source/tracker/records.h"
#include "source/tracker/json_records.h"

/* One record being read: the export, and where the record is. */
typedef struct {
	as_export *x;
	trk_reader *r;
	const trk_json_place *at;
} gh_rec;

/* AS_EINPUT naming the record. */
int gh_fail(const gh_rec *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "@login" of a user object (`what` names it in errors); null (a deleted
 * account) is GitHub's ghost. */
int gh_login(const gh_rec *g, json_t *user, const char *what, uint32_t *out);
/* Is the user object a bot: "type": "Bot", "is_bot": true, or a bot's
 * login (gh_bot_login)? */
int gh_is_bot(json_t *user);
/* A bot's login as GitHub and GitLab write them: "dependabot[bot]" (REST),
 * "app/dependabot" (gh's GraphQL output), machine users ("renovate-bot",
 * "gitlab_bot"), GitLab's project and group access tokens
 * ("project_12_bot_3f2a") — "@" in front or not. */
int gh_bot_login(const char *login, size_t len);
/* An ISO 8601 time under `key` (absent or null: 0). */
int gh_time(const gh_rec *g, json_t *o, const char *key, int64_t *out);
/* "#N" of an issue number. */
int gh_issue(const gh_rec *g, json_t *number, uint32_t *out);
/* Does the first record have what only a pull request has (gh pr list's
 * reviews, files, mergedAt...)? (github_prs.c) */
int gh_head_is_pr(const as_export_head *h);
/* Reads every record of the file's arrays with `jr` into x (x->records
 * counts them): 0 or the error of the first bad record. */
int gh_read_arrays(as_export *x, trk_json_reader *jr);
/* sniff() of a JSON array format: 0 when the file is no array, 1 for an
 * empty one (nothing tells it), else 2 when `mine` (the first record has
 * the format's keys) and 0 when not. */
int gh_sniff_array(const as_export_head *h, int mine);
/* A string (anything else: ""). */
uint32_t gh_string(const gh_rec *g, json_t *s);

#endif
