/*
 * Reading a checked JSON record in place (json_value.h).
 */
#include "source/tracker/json_value.h"

#include <limits.h>
#include <string.h>

static size_t ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/* Past the value that starts at s[i] (checked text: no errors to find). */
static size_t skip(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return n;
	char c = s[i];
	if (c == '"') {
		for (i++; i < n; i++) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				return i + 1;
		}
		return n;
	}
	if (c == '{' || c == '[') {
		int depth = 0;
		for (; i < n; i++) {
			c = s[i];
			if (c == '"') {
				i = skip(s, n, i) - 1;
			} else if (c == '{' || c == '[') {
				depth++;
			} else if ((c == '}' || c == ']') && --depth == 0) {
				return i + 1;
			}
		}
		return n;
	}
	/* a number or a literal: up to the next delimiter */
	while (i < n && !strchr(",]} \t\r\n", s[i]))
		i++;
	return i;
}

int trk_jval_kind(trk_jval v)
{
	if (!v.n)
		return 0;
	char c = v.s[0];
	if (c == '-' || (c >= '0' && c <= '9'))
		return '0';
	return strchr("{[\"tfn", c) ? c : 0;
}

int trk_jval_next(trk_jval v, size_t *pos, trk_jval *key, trk_jval *val)
{
	int kind = trk_jval_kind(v);
	if (kind != '{' && kind != '[')
		return 0;
	size_t i = *pos ? *pos : 1;
	i = ws(v.s, v.n, i);
	if (i < v.n && v.s[i] == ',')
		i = ws(v.s, v.n, i + 1);
	if (i >= v.n || v.s[i] == '}' || v.s[i] == ']')
		return 0;
	if (kind == '{') {
		size_t k = skip(v.s, v.n, i);
		if (key)
			*key = (trk_jval){ v.s + i, k - i };
		i = ws(v.s, v.n, k);
		if (i < v.n && v.s[i] == ':')
			i = ws(v.s, v.n, i + 1);
	}
	size_t e = skip(v.s, v.n, i);
	*val = (trk_jval){ v.s + i, e - i };
	*pos = e;
	return 1;
}

int trk_jval_fields(trk_jval v, const char *const *keys, trk_jval *out)
{
	trk_jval k, val;
	size_t pos = 0, n = 0;
	while (keys[n])
		out[n++] = (trk_jval){ NULL, 0 };
	if (trk_jval_kind(v) != '{')
		return -1;
	while (trk_jval_next(v, &pos, &k, &val))
		for (size_t i = 0; i < n; i++)
			if (trk_jval_is(k, keys[i])) {
				out[i] = val;
				break;
			}
	return 0;
}

int trk_jval_get(trk_jval v, const char *key, trk_jval *out)
{
	const char *keys[2] = { key, NULL };
	trk_jval one;
	trk_jval_fields(v, keys, &one);
	if (!one.n)
		return 0;
	*out = one;
	return 1;
}

static unsigned hex4(const char *s)
{
	unsigned cp = 0;
	for (int k = 0; k < 4; k++) {
		char h = s[k];
		cp = cp * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0'
				: h >= 'a' && h <= 'f' ? h - 'a' + 10 : h - 'A' + 10);
	}
	return cp;
}

int trk_jval_string(trk_jval v, as_buf *out)
{
	if (trk_jval_kind(v) != '"' || v.n < 2)
		return -1;
	const char *s = v.s + 1;
	size_t n = v.n - 2, i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '\\')
			j++;
		as_buf_put(out, s + i, j - i);
		if (j >= n)
			break;
		char c = j + 1 < n ? s[j + 1] : 0;
		i = j + 2;
		switch (c) {
		case 'b': as_buf_putc(out, '\b'); break;
		case 'f': as_buf_putc(out, '\f'); break;
		case 'n': as_buf_putc(out, '\n'); break;
		case 'r': as_buf_putc(out, '\r'); break;
		case 't': as_buf_putc(out, '\t'); break;
		case 'u': {
			if (j + 6 > n)
				return 0;
			unsigned cp = hex4(s + j + 2);
			i = j + 6;
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && s[i] == '\\' &&
			    s[i + 1] == 'u') {
				unsigned lo = hex4(s + i + 2);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				}
			}
			as_buf_put_utf8(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
			break;
		}
		default: as_buf_putc(out, c); break; /* \" \\ \/ */
		}
	}
	return 0;
}

int trk_jval_is(trk_jval v, const char *s)
{
	size_t len = strlen(s);
	if (trk_jval_kind(v) != '"')
		return 0;
	if (v.n == len + 2 && !memcmp(v.s + 1, s, len))
		return 1;
	if (!memchr(v.s, '\\', v.n))
		return 0;
	as_buf b = AS_BUF_INIT;
	trk_jval_string(v, &b);
	int same = b.len == len && !memcmp(as_buf_cstr(&b), s, len);
	as_buf_free(&b);
	return same;
}

int trk_jval_int(trk_jval v, long long *out)
{
	if (trk_jval_kind(v) != '0')
		return -1;
	size_t i = 0;
	int neg = v.s[0] == '-';
	unsigned long long x = 0, limit = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	if (neg)
		i++;
	if (i >= v.n)
		return -1;
	for (; i < v.n; i++) {
		char c = v.s[i];
		if (c < '0' || c > '9')
			return -1; /* a fraction or an exponent: a real, as jansson reads it */
		unsigned d = (unsigned)(c - '0');
		if (x > (limit - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	*out = neg ? (x == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)x)
		   : (long long)x;
	return 0;
}
