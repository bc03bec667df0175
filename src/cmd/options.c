#include "cmd/options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/alloc.h"
#include "util/buf.h"

cmd_color cmd_color_mode = CMD_COLOR_AUTO;

void cmd_list_add(cmd_list *l, const char *s)
{
	AS_GROW(l->items, l->nr + 1, l->alloc);
	l->items[l->nr++] = s;
}

void cmd_list_free(cmd_list *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}

int cmd_use_color(int fd)
{
	const char *no_color = getenv("NO_COLOR");
	switch (cmd_color_mode) {
	case CMD_COLOR_ALWAYS:
		return 1;
	case CMD_COLOR_NEVER:
		return 0;
	default:
		return isatty(fd) && !(no_color && *no_color);
	}
}

/* One line, then where to read more: a typo should not scroll the
 * screen with the whole help. */
__attribute__((format(printf, 2, 3)))
static int usage_error(const char *cmd, const char *fmt, ...)
{
	as_buf msg = AS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	as_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	cmd_fail(2, "%s", msg.ptr);
	as_buf_free(&msg);
	fprintf(stderr, "antisilo: see 'antisilo %s --help'\n", cmd);
	return 2;
}

static int set_color(const char *cmd, const char *value)
{
	if (!strcmp(value, "auto"))
		cmd_color_mode = CMD_COLOR_AUTO;
	else if (!strcmp(value, "always"))
		cmd_color_mode = CMD_COLOR_ALWAYS;
	else if (!strcmp(value, "never"))
		cmd_color_mode = CMD_COLOR_NEVER;
	else
		return usage_error(cmd, "--color: expected auto, always or never, got '%s'", value);
	return 0;
}

static int set_value(const char *cmd, const cmd_option *o, const char *value)
{
	char *end;
	switch (o->type) {
	case CMD_OPT_STRING:
		*(const char **)o->value = value;
		return 0;
	case CMD_OPT_LIST:
		cmd_list_add(o->value, value);
		return 0;
	case CMD_OPT_FLAG:
		*(int *)o->value = 1;
		return 0;
	case CMD_OPT_INT: {
		errno = 0;
		long n = strtol(value, &end, 10);
		if (errno || end == value || *end || n < o->min || n > o->max)
			break;
		*(int *)o->value = (int)n;
		return 0;
	}
	case CMD_OPT_NUMBER: {
		errno = 0;
		double n = strtod(value, &end);
		if (errno || end == value || *end || !isfinite(n) || n < o->min || n > o->max)
			break;
		*(double *)o->value = n;
		return 0;
	}
	}
	/* whole numbers as whole numbers: "from 0 to 2147483647", not 2.14748e+09 */
	if (o->type == CMD_OPT_INT)
		return usage_error(cmd, "--%s: expected %s from %.0f to %.0f, got '%s'", o->name,
				   o->what ? o->what : "a number", o->min, o->max, value);
	return usage_error(cmd, "--%s: expected %s from %g to %g, got '%s'", o->name,
			   o->what ? o->what : "a number", o->min, o->max, value);
}

static const cmd_option *find_long(const cmd_option *t, const char *name, size_t len)
{
	for (; t->name; t++)
		if (strlen(t->name) == len && !strncmp(t->name, name, len))
			return t;
	return NULL;
}

static const cmd_option *find_short(const cmd_option *t, char c)
{
	for (; t->name; t++)
		if (t->short_name && t->short_name == c)
			return t;
	return NULL;
}

int cmd_parse_options(int argc, char **argv, const cmd_option *table,
		      const char *usage, cmd_list *args)
{
	const char *cmd = argv[0];
	int only_args = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL;
		const cmd_option *o;
		int rc;

		if (only_args || a[0] != '-' || !a[1]) {
			if (!args)
				return usage_error(cmd, "unexpected argument '%s'", a);
			cmd_list_add(args, a);
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return -1;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			if (len == 5 && !strncmp(name, "color", 5)) {
				if ((rc = set_color(cmd, eq ? eq + 1 : "always")))
					return rc;
				continue;
			}
			o = find_long(table, name, len);
			if (!o)
				return usage_error(cmd, "unknown option '%s'", a);
			if (o->type == CMD_OPT_FLAG && eq)
				return usage_error(cmd, "option '%s' takes no value", a);
			value = eq ? eq + 1 : NULL;
		} else {
			o = find_short(table, a[1]);
			if (!o)
				return usage_error(cmd, "unknown option '%s'", a);
			if (a[2])
				value = o->type == CMD_OPT_FLAG ? NULL : a + 2;
			if (a[2] && o->type == CMD_OPT_FLAG)
				return usage_error(cmd, "unknown option '%s'", a);
		}
		if (o->type != CMD_OPT_FLAG && !value) {
			if (i + 1 >= argc)
				return usage_error(cmd, "option '%s' needs a value", a);
			value = argv[++i];
		}
		if ((rc = set_value(cmd, o, value ? value : "")))
			return rc;
	}
	return 0;
}
