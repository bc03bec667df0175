#ifndef AS_OUTPUT_H
#define AS_OUTPUT_H
/*
 * Report output that is never half-written: to a file, it goes to a
 * temporary file in the same directory which replaces the target only
 * once everything was written and flushed (rename is atomic); on any
 * failure the temporary file is removed and the target is untouched.
 * Without a path (or "-") it is stdout. A path that exists and is not a
 * regular file (a device such as /dev/null, a FIFO) is written in place;
 * through a symbolic link, the file it points to is replaced, not the link.
 * While a temporary file exists, SIGTERM, SIGINT and SIGHUP remove it and
 * end the process with exit status 3.
 */
#include <stdio.h>

typedef struct {
	FILE *fp;
	char *path;      /* target, NULL for stdout */
	char *tmp;       /* temporary file; NULL when written in place */
	char *target;    /* the file a symbolic link `path` points to, or NULL */
} as_output;

int as_output_open(as_output *out, const char *path);
/* From now on, for the whole run (the long scan before the report is
 * written too), SIGTERM, SIGINT and SIGHUP end the process with exit
 * status 3 and "stopped by a signal", removing a temporary file if one
 * exists: what `--output` promises. */
void as_output_guard(void);
/* In a child process (fork): the parent's temporary file and signal
 * handling are not its own; signals act as they would without the
 * guard. */
void as_output_forget(void);
/* Flushes, syncs and renames into place. Returns 0 or AS_EINTERNAL. */
int as_output_commit(as_output *out);
/* Drops what was written (no-op for stdout). */
void as_output_abort(as_output *out);

#endif
