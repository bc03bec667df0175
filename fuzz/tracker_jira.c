/*
 * Jira CSV exports (source/tracker/jira_csv.c): quoted fields, repeated
 * columns, odd line ends. The input is the file; it is read with the
 * format detected, then as jira-csv; then split in two read chunks at a
 * byte of the input. Checks: fuzz/tracker_export.c.
 */
#include "fuzz.h"
#include "tracker_export.h"

AS_FUZZ_TARGET(tracker_jira)
{
	const char *file = as_fuzz_file("export.csv", data, size);
	as_fuzz_tracker_export(file, "");
	as_fuzz_tracker_export(file, "jira-csv");
	as_fuzz_tracker_chunks(data, size, "export.csv", "jira-csv");
	return 0;
}
