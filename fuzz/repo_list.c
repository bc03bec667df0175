/*
 * The list file of an organisation's audit (source/repo_list.c,
 * `audit --repos FILE`): its text alone, nothing looked up on disk.
 *
 * Invariants: an error names the file and a line; a path is never empty,
 * never begins with `#`, has no space at either end and no control
 * character; the lines of the paths grow and are lines of the input; the
 * paths written back one a line parse to the same paths.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "source/repo_list.h"
#include "util/buf.h"
#include "util/error.h"

AS_FUZZ_TARGET(repo_list)
{
	as_repo_list l, again;
	size_t lines = 1;

	memset(&l, 0, sizeof(l));
	memset(&again, 0, sizeof(again));
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (as_repo_list_parse(&l, (const char *)data, size, "list.txt") < 0) {
		AS_FUZZ_CHECK(!strncmp(as_error_msg(), "list.txt:", 9), "error without a place: %s",
			      as_error_msg());
		as_repo_list_free(&l);
		return 0;
	}
	as_buf text = AS_BUF_INIT;
	for (size_t i = 0; i < l.nr; i++) {
		const char *p = l.items[i].path;
		size_t n = strlen(p);
		AS_FUZZ_CHECK(n > 0 && p[0] != '#', "path '%s'", p);
		AS_FUZZ_CHECK(p[0] != ' ' && p[0] != '\t' && p[n - 1] != ' ' && p[n - 1] != '\t',
			      "path '%s' has a space at an end", p);
		for (size_t k = 0; k < n; k++)
			AS_FUZZ_CHECK((unsigned char)p[k] >= 0x20 && p[k] != 0x7f,
				      "a control character in '%s'", p);
		AS_FUZZ_CHECK(l.items[i].line >= 1 && l.items[i].line <= lines &&
			      (i == 0 || l.items[i].line > l.items[i - 1].line),
			      "line %zu of %zu", l.items[i].line, lines);
		as_buf_printf(&text, "%s\n", p);
	}
	AS_FUZZ_CHECK(as_repo_list_parse(&again, text.ptr ? text.ptr : "", text.len, "again") == 0,
		      "written back, it does not parse: %s", as_error_msg());
	AS_FUZZ_CHECK(again.nr == l.nr, "%zu paths, %zu written back", l.nr, again.nr);
	for (size_t i = 0; i < l.nr; i++)
		AS_FUZZ_CHECK(!strcmp(l.items[i].path, again.items[i].path), "'%s' became '%s'",
			      l.items[i].path, again.items[i].path);
	as_buf_free(&text);
	as_repo_list_free(&again);
	as_repo_list_free(&l);
	return 0;
}
