#include "util/error.h"

#include <git2.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_msg[1024];

/*
 * Formatted into a scratch buffer first: the arguments may be the last
 * message itself (as_error_set(code, "more: %s", as_error_msg())).
 */
int as_error_vat(int code, const char *place, const char *fmt, va_list ap)
{
	char msg[sizeof(last_msg)];
	int n = snprintf(msg, sizeof(msg), "%s", place);
	if (n >= 0 && (size_t)n < sizeof(msg))
		vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	memcpy(last_msg, msg, sizeof(msg));
	return code;
}

int as_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	as_error_vat(code, "", fmt, ap);
	va_end(ap);
	return code;
}

int as_error_at(int code, const char *place, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	as_error_vat(code, place, fmt, ap);
	va_end(ap);
	return code;
}

int as_error_git(int code, const char *what)
{
	const git_error *e = git_error_last();
	return as_error_set(code, "%s: %s", what,
			    e && e->message ? e->message : "unknown libgit2 error");
}

const char *as_error_msg(void)
{
	return last_msg[0] ? last_msg : "unknown error";
}

void as_error_clear(void)
{
	last_msg[0] = '\0';
}

int as_error_exit_code(int code)
{
	switch (code) {
	case AS_OK:
		return 0;
	case AS_ECONFIG:
	case AS_EINPUT:
		return 2;
	default:
		return 3;
	}
}
