/*
 * The tokenizer of the directive engine (tokens.h): one pass over the
 * bytes, folding as it goes.
 */
#include "detect/tokens.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/fold.h"

void as_tokens_init(as_tokens *t)
{
	memset(t, 0, sizeof(*t));
}

void as_tokens_free(as_tokens *t)
{
	free(t->items);
	as_buf_free(&t->folded);
	memset(t, 0, sizeof(*t));
}

static int ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* One character: its length, and whether it is part of a word. */
static size_t char_at(const char *s, size_t len, size_t i, int *wordch)
{
	char f[AS_FOLD_MAX];
	size_t n;
	int letter;
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*wordch = ascii_alnum(c) || c == '_';
		return 1;
	}
	size_t k = as_fold_char(s + i, len - i, f, &n, &letter);
	*wordch = letter;
	return k;
}

typedef struct {
	as_tokens *t;
	const char *s;
	size_t len, max;
} scan;

static as_token *emit(scan *sc, size_t start, size_t end, uint16_t flags, char punct)
{
	as_tokens *t = sc->t;
	if (t->nr >= sc->max)
		return NULL;
	AS_GROW(t->items, t->nr + 1, t->alloc);
	as_token *tok = &t->items[t->nr++];
	tok->start = (uint32_t)start;
	tok->end = (uint32_t)end;
	tok->fold = (uint32_t)t->folded.len;
	tok->flags = flags;
	tok->punct = punct;
	if (!(flags & AS_TF_PUNCT))
		as_fold(&t->folded, sc->s + start, end - start);
	else
		as_buf_putc(&t->folded, punct);
	tok->flen = (uint16_t)(t->folded.len - tok->fold > 0xFFFF ? 0xFFFF
							       : t->folded.len - tok->fold);
	as_buf_putc(&t->folded, '\0');
	return tok;
}

/* Case flags of a word. */
static uint16_t case_flags(const char *s, size_t n)
{
	uint16_t f = 0;
	size_t letters = 0, upper = 0;
	for (size_t i = 0; i < n;) {
		int w;
		size_t k = char_at(s, n, i, &w);
		if (w && !(s[i] >= '0' && s[i] <= '9') && s[i] != '_') {
			letters++;
			if (as_fold_is_upper(s + i, n - i)) {
				upper++;
				if (letters == 1)
					f |= AS_TF_CAP;
			}
		}
		i += k;
	}
	if (letters >= 2 && upper == letters)
		f |= AS_TF_ALLCAPS;
	if (!letters && n)
		f |= AS_TF_DIGITS;
	return f;
}

/* "local@domain.tld" from i (no white space), or 0. */
static size_t email_at(const char *s, size_t len, size_t i)
{
	size_t j = i, at = 0, dot = 0;
	while (j < len) {
		unsigned char c = (unsigned char)s[j];
		if (ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
			if (c == '.' && at)
				dot = j;
			j++;
		} else if (c == '@' && !at && j > i) {
			at = j++;
		} else {
			break;
		}
	}
	while (j > i && strchr(".-_", s[j - 1]))
		j--;
	dot = 0;
	for (size_t k = at + 1; at && k < j; k++)
		if (s[k] == '.')
			dot = k;
	if (!at || !dot || dot <= at + 1 || dot >= j - 1)
		return 0;
	return j - i;
}

static int is_url_at(const char *s, size_t len, size_t i)
{
	return (len - i > 7 && !memcmp(s + i, "http://", 7)) ||
	       (len - i > 8 && !memcmp(s + i, "https://", 8));
}

static size_t bullet_at(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && strchr("-*+", s[i]) && (s[i + 1] == ' ' || s[i + 1] == '\t'))
		return 2;
	if (len - i >= 4 && !memcmp(s + i, "\xE2\x80\xA2 ", 4))
		return 4;
	size_t k = i;
	while (k < len && k - i < 3 && s[k] >= '0' && s[k] <= '9')
		k++;
	if (k > i && k + 1 < len && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ')
		return k + 2 - i;
	return 0;
}

/* The apostrophe at s[i] (' or U+2019): its length, or 0. */
static size_t apostrophe_at(const char *s, size_t len, size_t i)
{
	if (s[i] == '\'')
		return 1;
	if (len - i >= 3 && !memcmp(s + i, "\xE2\x80\x99", 3))
		return 3;
	return 0;
}

static int english_clitic(const char *s, size_t n)
{
	static const char *const c[] = { "s", "t", "d", "m", "ll", "re", "ve", "S", "T", "D", "M" };
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		if (n == strlen(c[i]) && !memcmp(s, c[i], n))
			return 1;
	return 0;
}

/* French words that elide their last vowel: "jusqu'au". */
static int elision_word(const char *s, size_t n)
{
	static const char *const w[] = { "jusqu", "lorsqu", "puisqu", "quoiqu", "aujourd",
					 "Jusqu", "Lorsqu", "Puisqu", "Quoiqu", "Aujourd" };
	if (n <= 3)
		return 1;
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (n == strlen(w[i]) && !memcmp(s, w[i], n))
			return 1;
	return 0;
}

/* A word from i; returns where scanning goes on. */
static size_t word(scan *sc, size_t i, uint16_t extra)
{
	const char *s = sc->s;
	size_t len = sc->len, j = i;
	int w;
	while (j < len) {
		size_t k = char_at(s, len, j, &w);
		if (w) {
			j += k;
			continue;
		}
		unsigned char c = (unsigned char)s[j];
		/* "E.164", "v1.2", "N+1" */
		if ((c == '.' || c == '+') && j > i && j + 1 < len &&
		    ascii_alnum((unsigned char)s[j + 1]) && ascii_alnum((unsigned char)s[j - 1])) {
			j++;
			continue;
		}
		size_t ap = apostrophe_at(s, len, j);
		if (ap) {
			size_t r = j + ap, rk;
			while (r < len && (rk = char_at(s, len, r, &w)) && w)
				r += rk;
			if (r > j + ap && english_clitic(s + j + ap, r - j - ap)) {
				emit(sc, i, j, case_flags(s + i, j - i) | extra, 0);
				int poss = r - j - ap == 1 && (s[j + ap] == 's' || s[j + ap] == 'S');
				emit(sc, j, r, poss ? AS_TF_POSS : 0, 0);
				return r;
			}
			/* (at the very end: a lexicon's "m'", "d'") */
			if ((r > j + ap || j + ap == len) && elision_word(s + i, j - i)) {
				/* the token keeps a plain apostrophe: "m'" */
				as_token *tok = emit(sc, i, j, case_flags(s + i, j - i) | extra, 0);
				if (tok) {
					sc->t->folded.len--; /* the NUL */
					as_buf_putc(&sc->t->folded, '\'');
					tok->flen++;
					tok->end = (uint32_t)(j + ap);
					as_buf_putc(&sc->t->folded, '\0');
				}
				return j + ap;
			}
			if (r == j + ap && j > i && strchr("sxzSXZ", s[j - 1])) {
				emit(sc, i, j, case_flags(s + i, j - i) | extra, 0);
				emit(sc, j, j + ap, AS_TF_POSS, 0);
				return j + ap;
			}
		}
		break;
	}
	emit(sc, i, j, case_flags(s + i, j - i) | extra, 0);
	return j;
}

static char punct_of(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = (unsigned char)s[i];
	*n = 1;
	switch (c) {
	case '.':
		/* a sentence ends at a '.' before white space or the end */
		return i + 1 >= len || strchr(" \t\r\n\"')", s[i + 1]) ? '.' : 0;
	case '!': case '?': case ';': case ':': case ',': case '(': case ')':
		return (char)c;
	case '[':
		return '(';
	case ']':
		return ')';
	case '"': case '`':
		return '"';
	}
	if (c < 0x80)
		return 0;
	/* “ ” „ « » ¡ ¿ … — – */
	static const struct { const char *u; char p; } map[] = {
		{ "\xE2\x80\x9C", '"' }, { "\xE2\x80\x9D", '"' }, { "\xE2\x80\x9E", '"' },
		{ "\xC2\xAB", '"' }, { "\xC2\xBB", '"' }, { "\xC2\xA1", '!' }, { "\xC2\xBF", '?' },
		{ "\xE2\x80\xA6", '.' }, { "\xE2\x80\x94", ',' }, { "\xE2\x80\x93", ',' },
	};
	for (size_t k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
		size_t ul = strlen(map[k].u);
		if (len - i >= ul && !memcmp(s + i, map[k].u, ul)) {
			*n = ul;
			return map[k].p;
		}
	}
	return 0;
}

/* Words between a pair of double quotes are someone else's. */
static void mark_quotes(as_tokens *t)
{
	size_t open = SIZE_MAX;
	for (size_t i = 0; i < t->nr; i++) {
		if (!(t->items[i].flags & AS_TF_PUNCT) || t->items[i].punct != '"')
			continue;
		if (open == SIZE_MAX) {
			open = i;
			continue;
		}
		for (size_t k = open + 1; k < i; k++)
			t->items[k].flags |= AS_TF_QUOTED;
		open = SIZE_MAX;
	}
}

void as_tokens_split(as_tokens *t, const char *s, size_t len, size_t max)
{
	scan sc = { t, s, len, max };
	int line_start = 1;
	uint16_t hyphen = 0;

	t->nr = 0;
	t->text = s;
	as_buf_clear(&t->folded);
	for (size_t i = 0; i < len && t->nr < max;) {
		unsigned char c = (unsigned char)s[i];
		int w;
		size_t n;
		if (c == '\n') {
			line_start = 1;
			hyphen = 0;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
			hyphen = 0;
			i++;
			continue;
		}
		if (line_start) {
			line_start = 0;
			if ((n = bullet_at(s, len, i))) {
				emit(&sc, i, i + n, AS_TF_PUNCT, 'B');
				i += n;
				continue;
			}
		}
		if (is_url_at(s, len, i)) {
			size_t j = i;
			while (j < len && !strchr(" \t\r\n", s[j]))
				j++;
			emit(&sc, i, j, AS_TF_URL, 0);
			i = j;
			continue;
		}
		if ((n = email_at(s, len, i))) {
			emit(&sc, i, i + n, AS_TF_EMAIL | hyphen, 0);
			i += n;
			hyphen = 0;
			continue;
		}
		if (c == '@' && i + 1 < len && ascii_alnum((unsigned char)s[i + 1])) {
			size_t j = i + 1;
			while (j < len && (ascii_alnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_'))
				j++;
			while (s[j - 1] == '-')
				j--;
			emit(&sc, i, j, AS_TF_LOGIN, 0);
			i = j;
			continue;
		}
		n = char_at(s, len, i, &w);
		if (w) {
			i = word(&sc, i, hyphen);
			hyphen = 0;
			continue;
		}
		if (c == '-') {
			/* "sign-off": the next word is joined */
			hyphen = i > 0 && i + 1 < len && (ascii_alnum((unsigned char)s[i - 1]) ||
					 (unsigned char)s[i - 1] >= 0x80) ? AS_TF_HYPHEN : 0;
			i++;
			continue;
		}
		/* "@alice's": the possessive after a word that is not one */
		size_t ap = apostrophe_at(s, len, i);
		if (ap && t->nr && !(t->items[t->nr - 1].flags & AS_TF_PUNCT) &&
		    t->items[t->nr - 1].end == i && i + ap < len &&
		    (s[i + ap] == 's' || s[i + ap] == 'S') &&
		    (i + ap + 1 >= len || !ascii_alnum((unsigned char)s[i + ap + 1]))) {
			emit(&sc, i, i + ap + 1, AS_TF_POSS, 0);
			i += ap + 1;
			continue;
		}
		size_t pn;
		char p = punct_of(s, len, i, &pn);
		if (p)
			emit(&sc, i, i + pn, AS_TF_PUNCT, p);
		hyphen = 0;
		i += p ? pn : n;
	}
	mark_quotes(t);
}
