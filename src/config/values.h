#ifndef AS_VALUES_H
#define AS_VALUES_H
/*
 * The values of rules.ini keys, as the loaders of config/ read them:
 * comma lists, whole numbers, paths relative to the file that names them,
 * and the errors, which always name FILE:LINE. Internal to src/config/.
 */
#include <stddef.h>

#include "config/ini.h"

/* "FILE:LINE: what" (AS_ECONFIG). */
int as_config_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same at a key's place. */
int as_config_fail_key(const as_ini_key *k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Puts FILE:LINE and `context` in front of the message a call just set
 * (the org chart's own errors: a cycle, an identity claimed twice). */
int as_config_fail_again(const char *file, int line, const char *context);
/* "KEY: 'VALUE' is not one of a, b, c" at the key. */
int as_config_fail_choice(const as_ini_key *k, const char *what,
			  const char *const *choices, int n);

/* Splits a comma list; items are trimmed, empty items dropped. */
void as_list_split(const char *value, char ***items, size_t *n);
void as_list_free(char **items, size_t n);

/* A decimal number in [min, max]; no sign, no suffix, no octal surprises.
 * 0, or -1 when it is none. */
int as_number_parse(unsigned long long *out, const char *s,
		    unsigned long long min, unsigned long long max);

/* `rel` joined to the directory of `file`, unless it is absolute. */
char *as_path_relative_to(const char *file, const char *rel);

#endif
