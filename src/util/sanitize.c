#include "util/sanitize.h"

#include <stdint.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1..4), 0 when invalid; rejects
 * overlong forms, surrogates and code points past U+10FFFF. Stores the
 * code point in *cp. */
static size_t utf8_seq(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; min = 0x80; c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; min = 0x800; c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; min = 0x10000; c &= 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

static int is_bidi_control(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Where the valid UTF-8 from p[i] ends (ASCII 8 bytes at a time). */
static size_t valid_run(const unsigned char *p, size_t i, size_t len)
{
	unsigned cp;
	while (i < len) {
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		size_t n = utf8_seq(p + i, len - i, &cp);
		if (!n)
			break;
		i += n;
	}
	return i;
}

void as_sanitize(as_buf *out, const char *s, size_t len, int mode)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	as_buf_grow(out, len);
	/* the encoding only: valid runs are copied whole (a message of a
	 * million bad bytes is repaired at memcpy speed, not a call a byte) */
	while (mode == AS_SAN_UTF8 && i < len) {
		size_t end = valid_run(p, i, len);
		as_buf_put(out, p + i, end - i);
		/* a run of bad bytes: U+FFFD each, put 64 at a time */
		char rep[64 * 3];
		size_t nrep = 0;
		unsigned cp;
		while (end < len && !utf8_seq(p + end, len - end, &cp)) {
			memcpy(rep + 3 * nrep++, "\xEF\xBF\xBD", 3);
			end++;
			if (nrep == 64) {
				as_buf_put(out, rep, sizeof(rep));
				nrep = 0;
			}
		}
		as_buf_put(out, rep, 3 * nrep);
		i = end;
	}
	while (i < len) {
		unsigned cp;
		size_t n = utf8_seq(p + i, len - i, &cp);
		if (!n) {
			as_buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD */
			i++;
			continue;
		}
		if (mode == AS_SAN_TERMINAL) {
			if (cp < 0x20 || cp == 0x7F) {
				as_buf_printf(out, "\\x%02x", cp);
				i += n;
				continue;
			}
			if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
				as_buf_printf(out, "\\u%04x", cp);
				i += n;
				continue;
			}
		}
		as_buf_put(out, p + i, n);
		i += n;
	}
}

int as_utf8_valid(const char *s, size_t len)
{
	/* ASCII runs are the common case: skipped 8 bytes at a time */
	return valid_run((const unsigned char *)s, 0, len) == len;
}

void as_sanitize_str(as_buf *out, const char *s, int mode)
{
	if (s)
		as_sanitize(out, s, strlen(s), mode);
}
