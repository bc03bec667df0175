#include "util/buf.h"
#include "util/alloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void as_buf_grow(as_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len)
		as_die_oom();
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap * 2 > cap ? cap * 2 : need;
	b->ptr = as_xrealloc(b->ptr, cap);
	if (!b->cap)
		b->ptr[0] = '\0'; /* a fresh buffer is a valid empty string */
	b->cap = cap;
}

void as_buf_put(as_buf *b, const void *data, size_t len)
{
	as_buf_grow(b, len);
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void as_buf_puts(as_buf *b, const char *s)
{
	as_buf_put(b, s, strlen(s));
}

void as_buf_putc(as_buf *b, char c)
{
	as_buf_put(b, &c, 1);
}

void as_buf_put_utf8(as_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	as_buf_put(b, u, n);
}

void as_buf_vprintf(as_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	as_buf_grow(b, 64);
	int n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		as_buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void as_buf_printf(as_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	as_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void as_buf_trim(as_buf *b)
{
	size_t start = 0;
	while (b->len && isspace((unsigned char)b->ptr[b->len - 1]))
		b->len--;
	while (start < b->len && isspace((unsigned char)b->ptr[start]))
		start++;
	if (start)
		memmove(b->ptr, b->ptr + start, b->len - start);
	b->len -= start;
	if (b->ptr)
		b->ptr[b->len] = '\0';
}

void as_buf_truncate(as_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

void as_buf_clear(as_buf *b)
{
	as_buf_truncate(b, 0);
}

void as_buf_free(as_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

char *as_buf_detach(as_buf *b)
{
	char *s = b->ptr ? b->ptr : as_xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return s;
}

const char *as_buf_cstr(const as_buf *b)
{
	return b->ptr ? b->ptr : "";
}
