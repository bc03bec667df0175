/*
 * An HR export (config/org_csv.c, util/csv.c), written to a file as
 * org_csv reads it, then added to an empty org chart.
 *
 * Invariants: an error names the file; a read that succeeds gives rows
 * with valid e-mails; adding them either fails naming the file and a line,
 * or makes one person per row whose e-mail resolves to them.
 */
#include "fuzz.h"

#include <string.h>

#include "config/org_csv.h"
#include "util/error.h"

AS_FUZZ_TARGET(org_csv)
{
	const char *path = as_fuzz_file("hr.csv", data, size);
	as_org_csv csv;
	int err = as_org_csv_read(&csv, path, NULL, 0);
	if (err < 0) {
		AS_FUZZ_CHECK(!strncmp(as_error_msg(), path, strlen(path)), "message: %s",
			      as_error_msg());
		return 0;
	}
	for (size_t i = 0; i < csv.nr; i++)
		AS_FUZZ_CHECK(as_org_valid_email(csv.rows[i].field[AS_ORG_CSV_EMAIL]),
			      "row %zu: e-mail '%s'", i, csv.rows[i].field[AS_ORG_CSV_EMAIL]);
	as_org org;
	as_org_init(&org);
	err = as_org_csv_apply(&org, &csv);
	if (err < 0) {
		AS_FUZZ_CHECK(!strncmp(as_error_msg(), path, strlen(path)) &&
			      as_error_msg()[strlen(path)] == ':', "message: %s", as_error_msg());
	} else {
		as_org_finish(&org);
		AS_FUZZ_CHECK(org.npeople == csv.nr, "%zu people from %zu rows", org.npeople, csv.nr);
		for (size_t i = 0; i < csv.nr; i++) {
			const char *e = csv.rows[i].field[AS_ORG_CSV_EMAIL];
			AS_FUZZ_CHECK(as_org_resolve(&org, e, strlen(e)) == (int)i,
				      "row %zu: '%s' resolves to %d", i, e, as_org_resolve(&org, e, strlen(e)));
			AS_FUZZ_CHECK(org.people[i].left == csv.rows[i].left, "row %zu: left", i);
		}
	}
	as_org_free(&org);
	as_org_csv_free(&csv);
	return 0;
}
