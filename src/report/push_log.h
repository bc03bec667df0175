#ifndef AS_PUSH_LOG_H
#define AS_PUSH_LOG_H
/*
 * The hook's server-side record: one JSON line per push that was waived
 * (waiver_log), not fully checked because of what it contained, or not
 * checked because antisilo failed (audit_log; waiver_log when no audit_log
 * is set; else the system log). What an administrator reads to see what
 * got in without a complete check, and who pushed it.
 */
#include <stdint.h>

#include "config/names.h"
#include "finding.h"
#include "source/push.h"

typedef struct {
	const char *event;       /* "waiver" | "incomplete" | "fault" */
	const char *outcome;     /* "accepted" | "rejected" */
	const char *why;         /* the waiver's reason, or what stopped the check */
	const char *pusher;      /* as the server named them, or NULL: no source */
	const char *pusher_from; /* the variable */
	const char *person;      /* their id in the org chart, or NULL */
	const char *repository;
	const as_ref_updates *refs;
	const as_findings *findings;
	as_severity min;         /* findings at or above it are listed */
	int unchecked_only;      /* list only those a bound stopped */
} as_push_log;

/* Appends the line to `file` (atomically, by the deadline), or to the
 * system log when `file` is NULL. 0 or an error. */
int as_push_log_write(const as_push_log *l, const char *file, int64_t deadline);

#endif
