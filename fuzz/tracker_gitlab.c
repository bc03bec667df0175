/*
 * gitlab-notes (source/tracker/gitlab_notes.c): GitLab issue and merge
 * request notes, their system notes' "assigned to", "unassigned",
 * "requested review from". Read detected and forced, and split in two
 * read chunks. Checks: fuzz/tracker_export.c.
 */
#include "fuzz.h"
#include "tracker_export.h"

AS_FUZZ_TARGET(tracker_gitlab)
{
	const char *file = as_fuzz_file("notes.json", data, size);
	as_fuzz_tracker_export(file, "");
	as_fuzz_tracker_export(file, "gitlab-notes");
	as_fuzz_tracker_chunks(data, size, "notes.json", "gitlab-notes");
	return 0;
}
