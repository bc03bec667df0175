#ifndef AS_ERROR_H
#define AS_ERROR_H
#include <stdarg.h>
/*
 * One way of reporting errors (libgit2's model): a function that can fail
 * returns 0 or one of the negative codes below and, before returning it,
 * records a message with as_error_set(). The command at the top prints
 * as_error_msg() once and maps the code to an exit status (SPEC §4).
 * Nothing below the commands prints errors itself.
 */

enum {
	AS_OK = 0,
	AS_EINTERNAL = -1, /* repository unreadable, I/O, corrupt object: exit 3 */
	AS_ECONFIG = -2,   /* rules file or usage: exit 2 */
	AS_EINPUT = -3,    /* malformed input file (tracker export...): exit 2 */
	AS_ELIMIT = -4,    /* a configured bound was reached (deadline, size) */
	AS_ENOTFOUND = -5, /* a lookup found nothing; not always an error */
};

/* Records the message (thread-local) and returns `code`. */
int as_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * The same with a place in front: "FILE:LINE: ", "FILE: record 3 (byte
 * 120): ". Every message about a place in a file is made this way.
 */
int as_error_at(int code, const char *place, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int as_error_vat(int code, const char *place, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Records the message of libgit2's last error, prefixed by `what`. */
int as_error_git(int code, const char *what);
const char *as_error_msg(void);
void as_error_clear(void);
/* Exit status for an error code: 2 for configuration/input, 3 otherwise. */
int as_error_exit_code(int code);

#endif
