#ifndef AS_CSV_H
#define AS_CSV_H
/*
 * A CSV text in memory, read record by record as RFC 4180 says, strictly:
 * fields separated by commas, records by CRLF or LF; a quoted field may
 * hold commas, line breaks and doubled quotes; a UTF-8 byte order mark at
 * the start is skipped; blank lines are skipped. Anything else (a quote
 * inside an unquoted field, text after a closing quote, a quote that never
 * closes, a lone CR, a NUL byte) is an error naming the line:
 * "PATH:LINE: what". Bounded: a field of at most 1 MiB, a record of at
 * most 10,000 fields.
 *
 * (The Jira reader of source/tracker_jira.c streams its file through the
 * tracker reader; this one is for small files read whole, such as an HR
 * export.)
 */
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

typedef struct {
	const char *path;        /* for messages */
	const char *p, *end;
	uint64_t line;           /* the line being read, 1-based */
	uint64_t rec_line;       /* the line the last record started on */
	as_buf *fields;          /* the last record's fields */
	size_t nfields, alloc;
} as_csv;

void as_csv_init(as_csv *c, const char *path, const char *text, size_t len);
/* Reads the next record: 1, 0 at the end, or AS_EINPUT. */
int as_csv_next(as_csv *c);
void as_csv_free(as_csv *c);

#endif
