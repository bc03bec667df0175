/*
 * Writing the effective rules back as rules.ini (export.h). The values
 * come from iniparser, so each was written in one of the forms ini.c
 * accepts; each is written again in the plainest form that iniparser reads
 * back unchanged:
 *   - plain, when nothing in it is special;
 *   - 'single quoted' when it has ';' or '#' (an unquoted value would end
 *     there), white space at either end (iniparser trims it), a quote at
 *     the start (iniparser would take it for quoting), a backslash at the
 *     end (ini.c refuses continuation lines), or is empty;
 *   - "double quoted" when it must be quoted and holds a single quote.
 * A value that must be quoted and holds both quotes cannot be written (no
 * escapes in iniparser); ini.c never reads one, so that is an error, not
 * a silent change. Lines keep within iniparser's 1,022 bytes, or fail.
 */
#include "config/export.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "config/include.h"
#include "config/values.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int put_value(as_buf *out, const as_ini_key *k, const char *v)
{
	size_t n = strlen(v);
	if (strpbrk(v, "\n\r"))
		return as_config_fail_key(k, "%s: a line break in the value cannot be exported", k->name);
	int quote = !n || strpbrk(v, ";#") || is_blank(v[0]) || is_blank(v[n - 1]) ||
		    v[0] == '\'' || v[0] == '"' || v[n - 1] == '\\';
	if (!quote) {
		as_buf_puts(out, v);
		return 0;
	}
	char q = !strchr(v, '\'') ? '\'' : !strchr(v, '"') ? '"' : 0;
	if (!q)
		return as_config_fail_key(k, "%s: the value holds both kinds of quote and must be "
					  "quoted: iniparser cannot read it back", k->name);
	as_buf_putc(out, q);
	as_buf_puts(out, v);
	as_buf_putc(out, q);
	return 0;
}

/* A path relative to the file that set it, made absolute: the export
 * lands elsewhere. */
static char *absolute_path(const as_ini_key *k, const char *value)
{
	char *p = as_path_relative_to(k->file, value);
	if (p[0] == '/')
		return p;
	as_buf b = AS_BUF_INIT;
	char *cwd = getcwd(NULL, 0);
	if (cwd) {
		as_buf_puts(&b, cwd);
		as_buf_putc(&b, '/');
	}
	as_buf_puts(&b, p[0] == '.' && p[1] == '/' ? p + 2 : p);
	free(cwd);
	free(p);
	return as_buf_detach(&b);
}

static int put_key(as_buf *out, const as_ini_section *sec, const as_ini_key *k)
{
	size_t start = out->len;
	int rc;
	as_buf_printf(out, "%s = ", k->name);
	int paths = strcmp(sec->name, "antisilo") || !*k->value ? 0
		  : as_config_antisilo_key_is_path(k->name);
	if (paths) {
		/* one path, or each of a comma list (lexicons) */
		char **items;
		size_t n;
		as_buf abs = AS_BUF_INIT;
		if (paths == 1) {
			items = as_xcalloc(1, sizeof(*items));
			items[0] = as_xstrdup(k->value);
			n = 1;
		} else {
			as_list_split(k->value, &items, &n);
		}
		for (size_t i = 0; i < n; i++) {
			char *a = absolute_path(k, items[i]);
			as_buf_printf(&abs, "%s%s", i ? ", " : "", a);
			free(a);
		}
		as_list_free(items, n);
		rc = put_value(out, k, as_buf_cstr(&abs));
		as_buf_free(&abs);
	} else {
		rc = put_value(out, k, k->value);
	}
	if (!rc && out->len - start > AS_INI_MAX_LINE)
		rc = as_config_fail_key(k, "%s: the line would be longer than iniparser's %d bytes",
					k->name, AS_INI_MAX_LINE);
	as_buf_putc(out, '\n');
	return rc;
}

/* A file name in a comment: no control character may end the comment. */
static void put_comment_path(as_buf *out, const char *what, const char *path)
{
	as_buf_printf(out, "; %s ", what);
	as_sanitize_str(out, path, AS_SAN_TERMINAL);
	as_buf_putc(out, '\n');
}

int as_config_export(as_buf *out, const char *path)
{
	as_ini ini = AS_INI_INIT;
	int rc = as_config_read_files(&ini, path);
	if (rc)
		return rc;

	as_buf_puts(out, "; The rules antisilo enforces, exported by `antisilo rules --export`:\n");
	put_comment_path(out, "from", path);
	/* files[] lists the deepest first: the top file is the last */
	for (size_t i = ini.nfiles; i-- > 0;)
		if (strcmp(ini.files[i], path))
			put_comment_path(out, "including", ini.files[i]);
	as_buf_puts(out, "; Includes are resolved: this file stands alone. Check it with\n"
			 "; `antisilo check-rules FILE`; use it with --rules FILE.\n");
	for (size_t i = 0; !rc && i < ini.nsections; i++) {
		const as_ini_section *sec = &ini.sections[i];
		as_buf_printf(out, "\n[%s]\n", sec->name);
		for (size_t k = 0; !rc && k < sec->nkeys; k++) {
			if (!strcmp(sec->name, "antisilo") && !strcmp(sec->keys[k].name, "include"))
				continue;
			rc = put_key(out, sec, &sec->keys[k]);
		}
	}
	as_ini_free(&ini);
	return rc;
}
