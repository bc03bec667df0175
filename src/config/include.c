/*
 * The include chain of a rules file: `include = PATH | default` in
 * [antisilo] reads another file first, whose keys the including file
 * overrides one by one. Cycles and runaway depth are errors that show the
 * chain.
 */
#include "config/include.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/locate.h"
#include "config/values.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* Includes deeper than this are surely a mistake (cycles are caught
 * separately, with the chain in the message). */
#define MAX_INCLUDE_DEPTH 16

typedef struct {
	char *real[MAX_INCLUDE_DEPTH + 2];
	const char *shown[MAX_INCLUDE_DEPTH + 2];
	size_t n;
} include_chain;

/*
 * Reads `path` and, first, what it includes: the included file is the
 * base, the including file's keys override it key by key (a [rule.X] or a
 * person redefined replaces the keys it names). The result is in *out.
 */
static int load_chain(as_ini *out, const char *path, include_chain *chain)
{
	as_ini one, inc;
	int rc = as_ini_read(&one, path);
	if (rc)
		return rc;
	const as_ini_key *k = as_ini_key_find(as_ini_section_find(&one, "antisilo"), "include");
	if (!k) {
		*out = one;
		return 0;
	}

	char *target = !strcmp(k->value, "default") ? as_xstrdup(as_config_default_path())
						    : *k->value ? as_path_relative_to(k->file, k->value)
						    : NULL;
	char *real = target ? realpath(target, NULL) : NULL;
	if (!target) {
		rc = as_config_fail_key(k, "include is empty (a path, or 'default')");
	} else if (!real) {
		rc = as_config_fail_key(k, "include '%s': cannot read %s: %s", k->value, target,
			      strerror(errno));
	} else {
		for (size_t i = 0; i < chain->n && !rc; i++) {
			if (strcmp(chain->real[i], real))
				continue;
			as_buf cyc = AS_BUF_INIT;
			for (size_t j = i; j < chain->n; j++)
				as_buf_printf(&cyc, "%s -> ", chain->shown[j]);
			as_buf_puts(&cyc, target);
			rc = as_config_fail_key(k, "include cycle: %s", cyc.ptr);
			as_buf_free(&cyc);
		}
		if (!rc && chain->n > MAX_INCLUDE_DEPTH)
			rc = as_config_fail_key(k, "includes nested deeper than %d", MAX_INCLUDE_DEPTH);
	}
	if (!rc) {
		chain->real[chain->n] = real;
		chain->shown[chain->n++] = target;
		rc = load_chain(&inc, target, chain);
		chain->n--;
		if (!rc) {
			as_ini_overlay(&inc, &one);
			*out = inc;
		}
	}
	free(real);
	free(target);
	if (rc)
		as_ini_free(&one);
	return rc;
}

int as_config_read_files(as_ini *out, const char *path)
{
	include_chain chain;
	chain.n = 0;
	/* The top file is read first (and reports "cannot read" itself). */
	char *real = realpath(path, NULL);
	if (real) {
		chain.real[0] = real;
		chain.shown[0] = path;
		chain.n = 1;
	}
	int rc = load_chain(out, path, &chain);
	free(real);
	return rc;
}
