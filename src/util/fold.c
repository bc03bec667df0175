/*
 * Case and accent folding (fold.h). The tables cover what Western
 * European names and words use: Latin-1 Supplement and Latin Extended-A.
 */
#include "util/fold.h"

#include <string.h>

/* U+00C0..U+00FF: the folding of each, "" for the two that are not
 * letters (U+00D7 x, U+00F7 /: kept as they are). */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};

/* U+0100..U+017F, in order (pairs of upper and lower case mostly). */
static const char *const latin_a[128] = {
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* The code point at s (1 to 4 bytes), or -1 for an invalid sequence. */
static long decode(const unsigned char *s, size_t len, size_t *n)
{
	unsigned char c = s[0];
	size_t need;
	long cp;
	if (c < 0x80) {
		*n = 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 4, cp = c & 0x07;
	else
		return *n = 1, -1;
	if (len < need)
		return *n = 1, -1;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return *n = 1, -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* overlong forms and surrogates are invalid */
	if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return *n = 1, -1;
	*n = need;
	return cp;
}

size_t as_fold_char(const char *s, size_t len, char out[AS_FOLD_MAX], size_t *outlen,
		    int *letter)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	long cp = decode(u, len, &n);
	const char *f = NULL;

	*letter = 0;
	if (cp >= 0 && cp < 0x80) {
		unsigned char c = (unsigned char)cp;
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		*outlen = 1;
		*letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		return 1;
	}
	if (cp >= 0xC0 && cp <= 0xFF)
		f = latin1[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		f = latin_a[cp - 0x100];
	else if (cp == 0x2019 || cp == 0x2018)
		f = "'";
	if (f && *f) {
		*outlen = strlen(f);
		memcpy(out, f, *outlen);
		*letter = cp != 0x2019 && cp != 0x2018;
		return n;
	}
	memcpy(out, s, n);
	*outlen = n;
	/* Other scripts' letters are letters; the punctuation, symbols and
	 * spaces of U+0080..U+00BF and U+2000..U+206F (and invalid bytes)
	 * are not. */
	*letter = cp >= 0x80 && !(cp < 0xC0) && !(cp >= 0x2000 && cp <= 0x206F) &&
		  cp != 0xD7 && cp != 0xF7 && !(cp >= 0x3000 && cp <= 0x303F);
	return n;
}

void as_fold(as_buf *out, const char *s, size_t len)
{
	char tmp[AS_FOLD_MAX];
	size_t n;
	int letter;
	as_buf_grow(out, len);
	for (size_t i = 0; i < len;) {
		i += as_fold_char(s + i, len - i, tmp, &n, &letter);
		as_buf_put(out, tmp, n);
	}
}

void as_fold_lower(as_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z') {
			as_buf_putc(out, (char)(c + 32));
		} else if (c == 0xC3 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
			as_buf_putc(out, (char)c);
			as_buf_putc(out, (char)((unsigned char)s[++i] + 0x20));
		} else {
			as_buf_putc(out, (char)c);
		}
	}
}

int as_fold_lower_eq(const char *s, size_t len, const char *lower)
{
	size_t k = 0;
	for (size_t i = 0; i < len; i++, k++) {
		unsigned char c = (unsigned char)s[i], l = (unsigned char)lower[k];
		if (!l)
			return 0;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xC3 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
			 (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
			if (l != 0xC3 || (unsigned char)lower[k + 1] != (unsigned char)s[i + 1] + 0x20)
				return 0;
			i++, k++;
			continue;
		}
		if (c != l)
			return 0;
	}
	return lower[k] == '\0';
}

int as_fold_is_upper(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	long cp = decode(u, len, &n);
	if (cp < 0)
		return 0;
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x17F)
		/* mostly even = upper, with the odd stretch U+0139..U+0148 and U+0179..U+017E */
		return ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
			? (cp & 1) : !(cp & 1) && cp != 0x138;
	return 0;
}
