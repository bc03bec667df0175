#ifndef AS_FUZZ_TRACKER_EXPORT_H
#define AS_FUZZ_TRACKER_EXPORT_H
/*
 * Shared by fuzz/tracker_github.c and fuzz/tracker_jira.c: load one
 * export file with a given format prefix ("" detects) and check it.
 */
#include <stddef.h>

void as_fuzz_tracker_export(const char *file, const char *format);

#endif
