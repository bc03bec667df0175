#ifndef AS_BUF_H
#define AS_BUF_H
/*
 * as_buf: the one growable byte string of the code base (git's strbuf).
 * `ptr` is always NUL-terminated once anything was added; `len` excludes
 * the NUL. A zeroed as_buf (AS_BUF_INIT) is empty and valid.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
} as_buf;

#define AS_BUF_INIT { NULL, 0, 0 }

void as_buf_grow(as_buf *b, size_t extra);
void as_buf_put(as_buf *b, const void *data, size_t len);
void as_buf_puts(as_buf *b, const char *s);
void as_buf_putc(as_buf *b, char c);
/* Appends code point cp (at most U+10FFFF) encoded as UTF-8. */
void as_buf_put_utf8(as_buf *b, uint32_t cp);
void as_buf_printf(as_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void as_buf_vprintf(as_buf *b, const char *fmt, va_list ap);
/* Drop leading and trailing ASCII white space (isspace). */
void as_buf_trim(as_buf *b);
void as_buf_truncate(as_buf *b, size_t len);
/* Empty the buffer, keep its memory. */
void as_buf_clear(as_buf *b);
void as_buf_free(as_buf *b);
/* Hand the string to the caller (never NULL); the buffer becomes empty. */
char *as_buf_detach(as_buf *b);
/* The contents as a C string ("" when nothing was added). */
const char *as_buf_cstr(const as_buf *b);

#endif
