#include "config/values.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/names.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

static int vfail(const char *file, int line, const char *fmt, va_list ap)
{
	char place[4200];
	snprintf(place, sizeof(place), "%s:%d: ", file, line);
	return as_error_vat(AS_ECONFIG, place, fmt, ap);
}

int as_config_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(file, line, fmt, ap);
	va_end(ap);
	return AS_ECONFIG;
}

int as_config_fail_key(const as_ini_key *k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(k->file, k->line, fmt, ap);
	va_end(ap);
	return AS_ECONFIG;
}

int as_config_fail_again(const char *file, int line, const char *context)
{
	char msg[1024];
	snprintf(msg, sizeof(msg), "%s", as_error_msg());
	return as_config_fail(file, line, "%s%s", context, msg);
}

int as_config_fail_choice(const as_ini_key *k, const char *what,
			  const char *const *choices, int n)
{
	as_buf list = AS_BUF_INIT;
	as_names_list(&list, choices, n);
	as_config_fail_key(k, "%s'%s' is not one of %s", what, k->value, list.ptr);
	as_buf_free(&list);
	return AS_ECONFIG;
}

void as_list_split(const char *value, char ***items, size_t *n)
{
	size_t alloc = 0;
	*items = NULL;
	*n = 0;
	const char *p = value;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		as_buf item = AS_BUF_INIT;
		as_buf_put(&item, p, len);
		as_buf_trim(&item);
		if (item.len) {
			AS_GROW(*items, *n + 1, alloc);
			(*items)[(*n)++] = as_buf_detach(&item);
		}
		as_buf_free(&item);
		if (!comma)
			break;
		p = comma + 1;
	}
}

void as_list_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

int as_number_parse(unsigned long long *out, const char *s,
		    unsigned long long min, unsigned long long max)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

char *as_path_relative_to(const char *file, const char *rel)
{
	if (rel[0] == '/')
		return as_xstrdup(rel);
	const char *slash = strrchr(file, '/');
	if (!slash)
		return as_xstrdup(rel);
	as_buf b = AS_BUF_INIT;
	as_buf_put(&b, file, (size_t)(slash - file) + 1);
	as_buf_puts(&b, rel);
	return as_buf_detach(&b);
}
