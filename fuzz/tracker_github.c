/*
 * GitHub exports (source/tracker/github_events.c, github_issues.c): issue events JSON (arrays, or
 * the concatenated pages of `gh api --paginate`) and issues JSON. The
 * input is the file; it is read with the format detected, then forced
 * to each GitHub format; then split in two read chunks at a byte of
 * the input. Checks: fuzz/tracker_export.c.
 */
#include "fuzz.h"
#include "tracker_export.h"

AS_FUZZ_TARGET(tracker_github)
{
	const char *file = as_fuzz_file("export.json", data, size);
	as_fuzz_tracker_export(file, "");
	as_fuzz_tracker_export(file, "github-events");
	as_fuzz_tracker_export(file, "github-issues");
	as_fuzz_tracker_chunks(data, size, "export.json", "");
	return 0;
}
