/*
 * RFC 4180 records from a text in memory (csv.h).
 */
#include "util/csv.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

#define MAX_FIELD (1u << 20)
#define MAX_FIELDS 10000

void as_csv_init(as_csv *c, const char *path, const char *text, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	c->p = text;
	c->end = text + len;
	c->line = 1;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		c->p += 3;
}

void as_csv_free(as_csv *c)
{
	for (size_t i = 0; i < c->alloc; i++)
		as_buf_free(&c->fields[i]);
	free(c->fields);
	memset(c, 0, sizeof(*c));
}

static int fail(const as_csv *c, uint64_t line, const char *what)
{
	return as_error_set(AS_EINPUT, "%s:%llu: %s", c->path, (unsigned long long)line, what);
}

static as_buf *new_field(as_csv *c)
{
	if (c->nfields == MAX_FIELDS)
		return NULL;
	if (c->nfields == c->alloc) {
		size_t old = c->alloc;
		AS_GROW(c->fields, c->nfields + 1, c->alloc);
		memset(c->fields + old, 0, (c->alloc - old) * sizeof(*c->fields));
	}
	as_buf *f = &c->fields[c->nfields++];
	as_buf_clear(f);
	as_buf_put(f, "", 0);
	return f;
}

/* One quoted field, from after its opening quote to after its closing one. */
static int quoted(as_csv *c, as_buf *f)
{
	uint64_t start = c->line;
	for (;;) {
		if (c->p == c->end)
			return fail(c, start, "a quoted field starts here and is never closed");
		char ch = *c->p++;
		if (ch == '\0')
			return fail(c, c->line, "NUL byte: not a text CSV file");
		if (ch == '"') {
			if (c->p < c->end && *c->p == '"') {
				c->p++;
				as_buf_putc(f, '"');
				continue;
			}
			return 0;
		}
		if (ch == '\r' && c->p < c->end && *c->p == '\n')
			continue; /* CRLF inside quotes: keep the LF */
		if (ch == '\n')
			c->line++;
		if (f->len >= MAX_FIELD)
			return fail(c, start, "a field larger than 1 MiB");
		as_buf_putc(f, ch);
	}
}

int as_csv_next(as_csv *c)
{
	for (;;) {
		/* blank lines are no records */
		while (c->p < c->end && (*c->p == '\n' || (*c->p == '\r' && c->p + 1 < c->end &&
							     c->p[1] == '\n'))) {
			c->p += *c->p == '\r' ? 2 : 1;
			c->line++;
		}
		if (c->p == c->end)
			return 0;
		c->nfields = 0;
		c->rec_line = c->line;
		as_buf *f = new_field(c);
		for (;;) {
			if (c->p == c->end)
				return 1;
			char ch = *c->p;
			if (ch == '\0')
				return fail(c, c->line, "NUL byte: not a text CSV file");
			if (ch == '"' && !f->len) {
				c->p++;
				int err = quoted(c, f);
				if (err < 0)
					return err;
				if (c->p < c->end && !strchr(",\r\n", *c->p))
					return fail(c, c->line, "text after the closing quote of a field "
						    "(a field is either wholly quoted or not at all)");
				continue;
			}
			c->p++;
			if (ch == ',') {
				if (!(f = new_field(c)))
					return fail(c, c->line, "more than 10000 fields");
				continue;
			}
			if (ch == '\r') {
				if (c->p == c->end || *c->p != '\n')
					return fail(c, c->line, "a carriage return that does not end the "
						    "line (only CRLF or LF end a row)");
				continue;
			}
			if (ch == '\n') {
				c->line++;
				return 1;
			}
			if (ch == '"')
				return fail(c, c->line, "a quote inside an unquoted field (quote the "
					    "whole field and double the quote)");
			if (f->len >= MAX_FIELD)
				return fail(c, c->line, "a field larger than 1 MiB");
			as_buf_putc(f, ch);
		}
	}
}
