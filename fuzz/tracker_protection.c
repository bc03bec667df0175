/*
 * github-protection (source/tracker/github_protection.c): one JSON object,
 * a branch protection or a ruleset. Read detected and forced, and split
 * in two read chunks. Checks: fuzz/tracker_export.c (it yields no record,
 * only the run's facts).
 */
#include "fuzz.h"
#include "tracker_export.h"

AS_FUZZ_TARGET(tracker_protection)
{
	const char *file = as_fuzz_file("protection.json", data, size);
	as_fuzz_tracker_export(file, "");
	as_fuzz_tracker_export(file, "github-protection");
	as_fuzz_tracker_chunks(data, size, "protection.json", "github-protection");
	return 0;
}
