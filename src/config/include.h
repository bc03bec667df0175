#ifndef AS_INCLUDE_H
#define AS_INCLUDE_H
/*
 * Reading a rules file with what it includes (`include = PATH` or
 * `include = default` in [antisilo]), into one as_ini: the included file
 * is the base, the including file's keys override it key by key (a
 * [rule.X] or a person redefined replaces the keys it names). out->files
 * lists every file read, the deepest first.
 */
#include "config/ini.h"

/* 0, or AS_ECONFIG "FILE:LINE: ..." (a bad file, an include that cannot
 * be read, a cycle, nesting deeper than 16) with *out left empty. */
int as_config_read_files(as_ini *out, const char *path);

#endif
