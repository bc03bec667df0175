/*
 * github-prs (source/tracker/github_prs.c): `gh pr list --json ...` with
 * reviews and files, read in place (json_value.c), not through jansson.
 * The input is the file; it is read with the format detected, then
 * forced, then split in two read chunks at a byte of the input; and the
 * records the in-place reader made must be those the fields say (every
 * review's key is one of the three, every list of files within the
 * arena). Checks: fuzz/tracker_export.c.
 */
#include "fuzz.h"
#include "tracker_export.h"

AS_FUZZ_TARGET(tracker_prs)
{
	const char *file = as_fuzz_file("prs.json", data, size);
	as_fuzz_tracker_export(file, "");
	as_fuzz_tracker_export(file, "github-prs");
	as_fuzz_tracker_chunks(data, size, "prs.json", "github-prs");
	return 0;
}
