#ifndef AS_GITHUB_COMMON_H
#define AS_GITHUB_COMMON_H
/*
 * What GitHub's exports share: users as "@login", times, issue numbers.
 * Internal to src/source/tracker/.
 */
#include <jansson.h>
#include <stdint.h>

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
/* An ISO 8601 time under `key` (absent or null: 0). */
int gh_time(const gh_rec *g, json_t *o, const char *key, int64_t *out);
/* "#N" of an issue number. */
int gh_issue(const gh_rec *g, json_t *number, uint32_t *out);
/* A string (anything else: ""). */
uint32_t gh_string(const gh_rec *g, json_t *s);

#endif
