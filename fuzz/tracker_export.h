#ifndef AS_FUZZ_TRACKER_EXPORT_H
#define AS_FUZZ_TRACKER_EXPORT_H
/*
 * Shared by fuzz/tracker_github.c and fuzz/tracker_jira.c: load one
 * export file with a given format prefix ("" detects) and check it.
 */
#include <stddef.h>
#include <stdint.h>

void as_fuzz_tracker_export(const char *file, const char *format);

/*
 * The reader's chunks: loads data[0..size) as a file, and again through a
 * reader whose first chunk ends inside the input (at a byte picked from
 * the input), as chunks of TRK_CHUNK bytes end in a big export; both must
 * read the same records, or both fail. `format` as above.
 */
void as_fuzz_tracker_chunks(const uint8_t *data, size_t size, const char *name,
			    const char *format);

#endif
