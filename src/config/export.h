#ifndef AS_EXPORT_H
#define AS_EXPORT_H
/*
 * The effective rules as one rules.ini: a file and everything it includes,
 * merged key by key as antisilo reads them (config/include.h), written
 * back so that iniparser reads exactly the same values (the quoting rules
 * of ini.c), with no `include` left and the paths that were relative to
 * their file made absolute. What a team commits or downloads to see, or
 * to run, exactly what a server enforces.
 */
#include "util/buf.h"

/*
 * Appends the export of the rules at `path` to `out`. Returns 0, or
 * AS_ECONFIG when the files do not load ("FILE:LINE: ...") or a value
 * cannot be written back (the message names the key and its place).
 */
int as_config_export(as_buf *out, const char *path);

#endif
