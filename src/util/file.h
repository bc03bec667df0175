#ifndef AS_FILE_H
#define AS_FILE_H
/*
 * A whole input file (an HR export, a GitHub teams listing) into memory,
 * bounded: only a regular file (opened without blocking, so a FIFO without
 * a writer cannot hang us), at most `max` bytes. Returns 0, or AS_EINPUT
 * "PATH: cannot read: why" / "PATH: larger than N MiB".
 */
#include <stddef.h>

#include "util/buf.h"

int as_read_file(as_buf *out, const char *path, size_t max);

#endif
