#ifndef AS_ORG_CSV_H
#define AS_ORG_CSV_H
/*
 * People, managers and teams from an HR system's CSV export, the
 * `org_csv = FILE` of [antisilo] (and `antisilo init --hr FILE`):
 *
 *   name,email,manager_email,team,left
 *   Alice Liddell,alice@example.com,,replay,
 *   Bob Stone,bob@example.com,alice@example.com,replay,2024-06-30
 *
 * A header row names the columns; `email` is required, the others may be
 * missing; extra columns are ignored. Other header names are given as
 * `org_csv_columns = name=Full Name, email=Work E-mail, ...` (each field
 * once; header names compared without ASCII case, trimmed).
 *
 * Each row is a person, with the id the e-mail's local part makes
 * (lowercase; characters other than letters, digits, '.', '_', '-' become
 * '-'; "-2", "-3"... when that id is taken), the name as display name
 * (when no one else has it: two people may share a name, never an
 * e-mail), `left` as the day they left (YYYY-MM-DD or empty). Then each
 * manager_email must be the e-mail of a person (of the CSV or of
 * [people]); each team joins [team.ID] when the team's name, lowercase
 * with other characters made '-', is its id, else makes a team of that id
 * (a team without paths owns nothing, but its members are a team for the
 * contribution and feedback metrics).
 *
 * Errors name the file and the line: a CSV that is not RFC 4180 (util/
 * csv.h), a missing `email` column, an e-mail that is none, an e-mail two
 * people claim (a row and another row, or [people]), an unknown manager,
 * a management cycle, a date that is none.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/org.h"
#include "util/buf.h"

typedef enum {
	AS_ORG_CSV_NAME,
	AS_ORG_CSV_EMAIL,
	AS_ORG_CSV_MANAGER,
	AS_ORG_CSV_TEAM,
	AS_ORG_CSV_LEFT,
	AS_ORG_CSV__COUNT
} as_org_csv_field;

typedef struct {
	char *field[AS_ORG_CSV__COUNT];   /* trimmed; "" when empty or absent */
	int64_t left;                     /* 0: still here */
	uint64_t line;
} as_org_csv_row;

typedef struct {
	char *path;
	as_org_csv_row *rows;
	size_t nr, alloc;
} as_org_csv;

/*
 * Reads and checks `path` (columns: "field=Header" items, may be NULL).
 * Returns 0, AS_EINPUT "PATH:LINE: what", or AS_ECONFIG for a bad
 * column item.
 */
int as_org_csv_read(as_org_csv *out, const char *path, char *const *columns,
		    size_t ncolumns);
/* Adds the rows to `org`: people first, then managers, then teams.
 * Returns 0 or AS_ECONFIG "PATH:LINE: what". */
int as_org_csv_apply(as_org *org, const as_org_csv *csv);
void as_org_csv_free(as_org_csv *csv);

/* Both, for org_csv of rules.ini. */
int as_org_csv_load(as_org *org, const char *path, char *const *columns, size_t ncolumns);

/* An id for a new person of `org` from an e-mail (or, without one, a
 * name): see above. Appended to `out`. */
void as_org_new_id(as_buf *out, const as_org *org, const char *email, const char *name);
/* `s` as an id: ASCII letters and digits lowercased, '.' and '_' kept,
 * runs of anything else one '-' (none at the ends). Appended to `out`
 * (nothing when nothing is left). */
void as_org_slug(as_buf *out, const char *s, size_t len);
/* A team id from a team's name ("Team Replay" -> "team-replay"). */
void as_org_team_id(as_buf *out, const char *name);

#endif
