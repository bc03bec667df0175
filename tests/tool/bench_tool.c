/*
 * test-tool bench-patterns RULES [--bytes N] [--runs N] [--bar-ms MS]
 *                                [--engine-bar-ms MS] [--rule ID] [--input TEXT]
 *                                [--verbose]
 *
 * The adversarial-input benchmark of the shipped rules (bench/patterns.sh
 * runs it; issue 14, "limits"). RULES is loaded by the product's own
 * config code (as_config_load: includes, lexicons, every pattern compiled
 * and JIT-compiled as the hook compiles it). For every rule it builds
 * inputs of N bytes (default 1 MiB, the largest text max_message_bytes
 * lets through to a pattern) that try to make the rule's work explode:
 *
 *   - near-misses: a string the pattern matches, made by walking the
 *     pattern (a random alternative of each group, each quantified atom
 *     once or twice), cut before its last piece and at earlier pieces,
 *     repeated back to back, space- and newline-separated;
 *   - the runs each pattern loops on: for every quantified atom of such a
 *     string, the part before it followed by that atom's characters (or
 *     group) repeated to the end, and the same as many short lines;
 *   - inputs common to every rule: runs of white space, letters, unicode
 *     letters, punctuation, newlines, invalid UTF-8, "> " quoted lines,
 *     trailer-like "Key: value" lines by the thousand, a trailer-like body
 *     line followed by many lines, words of the rules' lexicons as prose.
 *
 * Each rule is measured two ways, both with the product's code:
 *   pattern  every compiled PCRE2 pattern of the rule (key, pattern,
 *            exclude) run on the whole input as one text, as detection
 *            runs it on a region (as_detect_text: exclude, then every
 *            match up to AS_MAX_MATCHES_PER_TEXT), with the product's
 *            matcher (match context, match/depth/heap limits of RULES,
 *            JIT and JIT stack: as_matcher_new), the prefilter left out
 *            (a pusher can always put the words in);
 *   detect   the rule alone over the input as a commit message
 *            ("Subject\n\n" + input), through as_commit_parse and
 *            as_detect_commit as the hook runs them (message regions,
 *            trailers, prefilter, directive engine), less the same call
 *            with no rule: what the rule adds to a commit's judging.
 * Two more lines say what no rule is charged with: the message model
 * alone (as_detect_commit with no rule: regions, UTF-8 repair), and every
 * rule together (the whole detection of one commit).
 * A first pass times every input once; the slowest few of each rule are
 * then run --runs times and the median is that input's time. Times are
 * CPU time of the matching thread (the machine may be shared).
 *
 * One line per rule, then a summary line; exit status 1 when a pattern
 * rule's worst time is over --bar-ms (default 10), a directive rule's over
 * --engine-bar-ms (default: the same), or any input made any pattern hit a
 * PCRE2 limit; 0 otherwise.
 */
#include "bench_tool.h"

#include <ctype.h>
#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/config.h"
#include "config/include.h"
#include "detect/detect.h"
#include "source/commit.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* ---- strings that match a pattern ------------------------------------- */

/* A quantified atom of a generated string: where its first repetition
 * starts, and up to three units it may repeat. */
typedef struct {
	size_t at;
	as_buf reps[3];
	size_t nreps;
} gen_loop;

typedef struct {
	size_t start, end;   /* the group's body in the pattern */
	char name[32];
} gen_name;

typedef struct {
	const char *p;
	size_t n;
	uint64_t rng;
	as_buf out;
	size_t *marks;       /* out.len after each atom that emitted something */
	size_t nmarks, marks_alloc;
	gen_loop *loops;
	size_t nloops, loops_alloc;
	gen_name names[32];
	size_t nnames;
	int depth;
} gen;

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static size_t utf8_len(const char *s, size_t avail)
{
	size_t k = 1;
	if ((unsigned char)s[0] >= 0xC0)
		while (k < avail && k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k++;
	return k;
}

/* Index after the escape at p[i] == '\\'. */
static size_t escape_end(const char *p, size_t i, size_t n)
{
	if (i + 1 >= n)
		return n;
	char c = p[i + 1];
	if ((c == 'x' || c == 'p' || c == 'P' || c == 'g' || c == 'o') && i + 2 < n && p[i + 2] == '{') {
		const char *close = memchr(p + i + 2, '}', n - i - 2);
		return close ? (size_t)(close - p) + 1 : n;
	}
	if (c == 'x') {
		size_t k = i + 2;
		while (k < n && k < i + 4 && isxdigit((unsigned char)p[k]))
			k++;
		return k;
	}
	if (c == 'Q') {
		for (size_t k = i + 2; k + 1 < n; k++)
			if (p[k] == '\\' && p[k + 1] == 'E')
				return k + 2;
		return n;
	}
	if ((c == 'p' || c == 'P') && i + 2 < n)
		return i + 3;
	return i + 1 + utf8_len(p + i + 1, n - i - 1);
}

/* Index after the class at p[i] == '['. */
static size_t class_end(const char *p, size_t i, size_t n)
{
	size_t k = i + 1;
	if (k < n && p[k] == '^')
		k++;
	if (k < n && p[k] == ']')
		k++;
	while (k < n && p[k] != ']') {
		if (p[k] == '\\')
			k = escape_end(p, k, n);
		else if (p[k] == '[' && k + 1 < n && p[k + 1] == ':') {
			const char *close = strstr(p + k, ":]");
			k = close && (size_t)(close - p) < n ? (size_t)(close - p) + 2 : k + 1;
		} else
			k++;
	}
	return k < n ? k + 1 : n;
}

/* Index after the group at p[i] == '('. */
static size_t group_end(const char *p, size_t i, size_t n)
{
	int depth = 0;
	for (size_t k = i; k < n;) {
		if (p[k] == '\\') {
			k = escape_end(p, k, n);
		} else if (p[k] == '[') {
			k = class_end(p, k, n);
		} else {
			if (p[k] == '(')
				depth++;
			else if (p[k] == ')' && --depth == 0)
				return k + 1;
			k++;
		}
	}
	return n;
}

static size_t atom_end(const char *p, size_t i, size_t n)
{
	if (p[i] == '(')
		return group_end(p, i, n);
	if (p[i] == '[')
		return class_end(p, i, n);
	if (p[i] == '\\')
		return escape_end(p, i, n);
	return i + utf8_len(p + i, n - i);
}

/* A quantifier at p[i]: its bounds (max SIZE_MAX: unbounded) and end. */
static size_t quantifier(const char *p, size_t i, size_t n, size_t *min, size_t *max)
{
	*min = *max = 1;
	if (i >= n)
		return i;
	if (p[i] == '*' || p[i] == '+' || p[i] == '?') {
		*min = p[i] == '+';
		*max = p[i] == '?' ? 1 : SIZE_MAX;
		i++;
	} else if (p[i] == '{' && i + 1 < n && isdigit((unsigned char)p[i + 1])) {
		char *e;
		unsigned long lo = strtoul(p + i + 1, &e, 10), hi = lo;
		if (*e == ',') {
			hi = isdigit((unsigned char)e[1]) ? strtoul(e + 1, &e, 10) : (unsigned long)-1;
			if (*e != '}')
				return i;
		} else if (*e != '}') {
			return i;
		}
		*min = lo;
		*max = hi == (unsigned long)-1 ? SIZE_MAX : hi;
		i = (size_t)(e - p) + 1;
	} else {
		return i;
	}
	if (i < n && (p[i] == '+' || p[i] == '?'))
		i++;
	return i;
}

/* What an escape stands for: up to three example characters (the first
 * is the one a sample uses), or none for an assertion. */
static size_t escape_reps(const char *p, size_t i, size_t e, const char **reps)
{
	static char cp_buf[3][8];
	char c = p[i + 1];
	switch (c) {
	case 'h': reps[0] = " "; reps[1] = "\t"; reps[2] = "\xc2\xa0"; return 3;
	case 's': reps[0] = " "; reps[1] = "\n"; reps[2] = "\t"; return 3;
	case 'S': case 'H': case 'V': case 'N': case 'D':
		reps[0] = "x"; reps[1] = "."; reps[2] = "\xc3\xa9"; return 3;
	case 'w': reps[0] = "a"; reps[1] = "_"; reps[2] = "1"; return 3;
	case 'W': reps[0] = "."; reps[1] = " "; reps[2] = "-"; return 3;
	case 'd': reps[0] = "1"; return 1;
	case 'n': case 'R': case 'v': reps[0] = "\n"; return 1;
	case 'r': reps[0] = "\r"; return 1;
	case 't': reps[0] = "\t"; return 1;
	case 'p': reps[0] = "a"; reps[1] = "\xc3\xa9"; reps[2] = "\xe6\x97\xa5"; return 3;
	case 'P': reps[0] = "."; reps[1] = " "; return 2;
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
		return 0;
	case 'x': {
		unsigned long cp = strtoul(p + i + 2 + (p[i + 2] == '{'), NULL, 16);
		as_buf b = AS_BUF_INIT;
		as_buf_put_utf8(&b, (uint32_t)cp);
		snprintf(cp_buf[0], sizeof(cp_buf[0]), "%s", as_buf_cstr(&b));
		as_buf_free(&b);
		reps[0] = cp_buf[0];
		return 1;
	}
	default:
		if (isdigit((unsigned char)c))
			return 0; /* a back reference */
		snprintf(cp_buf[1], sizeof(cp_buf[1]), "%.*s", (int)(e - i - 1), p + i + 1);
		reps[0] = cp_buf[1];
		return 1;
	}
}

/* Is the character `s` (UTF-8) in the class items p[k..end)? Roughly:
 * enough to pick a character a negated class takes. */
static int class_has(const char *p, size_t k, size_t end, const char *s)
{
	unsigned char c = (unsigned char)s[0];
	while (k < end) {
		if (p[k] == '\\' && k + 1 < end) {
			char e = p[k + 1];
			if ((e == 's' && isspace(c)) || (e == 'h' && (c == ' ' || c == '\t')) ||
			    (e == 'n' && c == '\n') || (e == 'd' && isdigit(c)) ||
			    (e == 'w' && (isalnum(c) || c == '_')) || (e == 'S' && !isspace(c)) ||
			    (e == 'p' && (isalpha(c) || c >= 0xC0)) || (e == 'W' && !isalnum(c)))
				return 1;
			k = escape_end(p, k, end);
			continue;
		}
		size_t l = utf8_len(p + k, end - k);
		if (k + l + 1 < end && p[k + l] == '-') {
			if (c >= (unsigned char)p[k] && c <= (unsigned char)p[k + l + 1])
				return 1;
			k += l + 2;
			continue;
		}
		if (!strncmp(p + k, s, l) && l == utf8_len(s, strlen(s)))
			return 1;
		k += l;
	}
	return 0;
}

/* Up to three characters the class at p[i] takes. */
static size_t class_reps(const char *p, size_t i, size_t e, as_buf *reps)
{
	size_t k = i + 1, n = 0;
	int neg = p[k] == '^';
	if (neg) {
		static const char *const cands[] = { "x", "a", "1", " ", ".", "\xc3\xa9", "-" };
		for (size_t c = 0; c < sizeof(cands) / sizeof(cands[0]) && n < 3; c++)
			if (!class_has(p, k + 1, e - 1, cands[c]))
				as_buf_puts(&reps[n++], cands[c]);
		return n;
	}
	while (k < e - 1 && n < 3) {
		if (p[k] == '\\') {
			const char *er[3];
			size_t ee = escape_end(p, k, e - 1), ne = escape_reps(p, k, ee, er);
			for (size_t j = 0; j < ne && n < 3; j++)
				as_buf_puts(&reps[n++], er[j]);
			k = ee;
			continue;
		}
		size_t l = utf8_len(p + k, e - 1 - k);
		as_buf_put(&reps[n++], p + k, l);
		k += l;
		if (k < e - 1 && p[k] == '-' && k + 1 < e - 1)
			k += 1 + utf8_len(p + k + 1, e - 2 - k);
	}
	return n;
}

static void emit_alt(gen *g, size_t s, size_t e);

/* Emits what the atom p[i..e) matches, once. */
static void emit_atom(gen *g, size_t i, size_t e)
{
	const char *p = g->p;
	if (p[i] == '(') {
		size_t body = i + 1, end = e - 1;
		if (p[i + 1] == '?') {
			char c = p[i + 2];
			if (c == ':' || c == '|' || c == '>') {
				body = i + 3;
			} else if (c == '=' || c == '!' || c == '#' || c == '(') {
				return; /* lookahead, comment, condition (DEFINE) */
			} else if (c == '<' && (p[i + 3] == '=' || p[i + 3] == '!')) {
				return; /* lookbehind */
			} else if (c == '<' || c == 'P' || c == '\'') {
				const char *close = memchr(p + i + 3, c == '\'' ? '\'' : '>', e - i - 3);
				if (!close)
					return;
				body = (size_t)(close - p) + 1;
			} else if (c == '&') {
				size_t len = e - 1 - (i + 3);
				for (size_t k = 0; k < g->nnames; k++)
					if (strlen(g->names[k].name) == len &&
					    !strncmp(g->names[k].name, p + i + 3, len) && g->depth < 8) {
						g->depth++;
						emit_alt(g, g->names[k].start, g->names[k].end);
						g->depth--;
					}
				return;
			} else {
				size_t k = i + 2;
				while (k < e && (isalpha((unsigned char)p[k]) || p[k] == '-' || p[k] == '^'))
					k++;
				if (k >= e - 1 || p[k] != ':')
					return; /* (?i) */
				body = k + 1;
			}
		}
		emit_alt(g, body, end);
	} else if (p[i] == '[') {
		as_buf reps[3] = { AS_BUF_INIT, AS_BUF_INIT, AS_BUF_INIT };
		if (class_reps(p, i, e, reps))
			as_buf_put(&g->out, reps[0].ptr, reps[0].len);
		for (int k = 0; k < 3; k++)
			as_buf_free(&reps[k]);
	} else if (p[i] == '\\') {
		const char *reps[3];
		if (p[i + 1] == 'Q')
			as_buf_put(&g->out, p + i + 2, e - i - 4);
		else if (escape_reps(p, i, e, reps))
			as_buf_puts(&g->out, reps[0]);
	} else if (p[i] == '.') {
		as_buf_putc(&g->out, 'x');
	} else if (p[i] != '^' && p[i] != '$') {
		as_buf_put(&g->out, p + i, e - i);
	}
}

/* The units a quantified atom repeats, for the runs it loops on. */
static void atom_reps(gen *g, size_t i, size_t e, gen_loop *l)
{
	const char *p = g->p;
	l->nreps = 0;
	if (p[i] == '[') {
		l->nreps = class_reps(p, i, e, l->reps);
	} else if (p[i] == '\\') {
		const char *reps[3];
		size_t n = escape_reps(p, i, e, reps);
		for (size_t k = 0; k < n; k++)
			as_buf_puts(&l->reps[l->nreps++], reps[k]);
	} else if (p[i] == '(') {
		/* the group's own text: two different samples of it */
		for (int k = 0; k < 2; k++) {
			size_t keep = g->out.len, keep_marks = g->nmarks, keep_loops = g->nloops;
			emit_atom(g, i, e);
			if (g->out.len > keep)
				as_buf_put(&l->reps[l->nreps++], g->out.ptr + keep, g->out.len - keep);
			as_buf_truncate(&g->out, keep);
			for (size_t j = keep_loops; j < g->nloops; j++)
				for (size_t r = 0; r < 3; r++)
					as_buf_free(&g->loops[j].reps[r]);
			g->nmarks = keep_marks;
			g->nloops = keep_loops;
		}
	} else if (p[i] == '.') {
		as_buf_puts(&l->reps[l->nreps++], "x");
	} else {
		as_buf_put(&l->reps[l->nreps++], p + i, e - i);
	}
}

static void emit_seq(gen *g, size_t s, size_t e)
{
	const char *p = g->p;
	for (size_t i = s; i < e;) {
		size_t ae = atom_end(p, i, e), min, max;
		size_t qe = quantifier(p, ae, e, &min, &max);
		size_t times = min;
		if (max > min)
			times += rnd(&g->rng) % 4 ? 1 : 0;
		if (max > 1 && g->nloops < 64) {
			AS_GROW(g->loops, g->nloops + 1, g->loops_alloc);
			gen_loop *l = &g->loops[g->nloops];
			memset(l, 0, sizeof(*l));
			l->at = g->out.len;
			atom_reps(g, i, ae, l);
			if (l->nreps)
				g->nloops++;
		}
		for (size_t t = 0; t < times && t < 3; t++) {
			size_t before = g->out.len;
			emit_atom(g, i, ae);
			if (g->out.len > before) {
				AS_GROW(g->marks, g->nmarks + 1, g->marks_alloc);
				g->marks[g->nmarks++] = g->out.len;
			}
		}
		i = qe;
	}
}

/* One alternative of p[s..e), chosen at random. */
static void emit_alt(gen *g, size_t s, size_t e)
{
	size_t bars[64], nb = 0;
	const char *p = g->p;
	for (size_t k = s; k < e;) {
		if (p[k] == '(') {
			k = group_end(p, k, e);
		} else if (p[k] == '[') {
			k = class_end(p, k, e);
		} else if (p[k] == '\\') {
			k = escape_end(p, k, e);
		} else {
			if (p[k] == '|' && nb < 64)
				bars[nb++] = k;
			k++;
		}
	}
	size_t pick = (size_t)(rnd(&g->rng) % (nb + 1));
	size_t from = pick ? bars[pick - 1] + 1 : s, to = pick < nb ? bars[pick] : e;
	emit_seq(g, from, to);
}

static void gen_free(gen *g)
{
	for (size_t i = 0; i < g->nloops; i++)
		for (size_t r = 0; r < 3; r++)
			as_buf_free(&g->loops[i].reps[r]);
	free(g->loops);
	free(g->marks);
	as_buf_free(&g->out);
	memset(g, 0, sizeof(*g));
}

/* A string the pattern matches (roughly: lookarounds are left out). */
static void gen_sample(gen *g, const char *pat, uint64_t seed)
{
	memset(g, 0, sizeof(*g));
	g->p = pat;
	g->n = strlen(pat);
	g->rng = seed * 0x9E3779B97F4A7C15ULL + 1;
	for (size_t i = 0; i + 3 < g->n && g->nnames < 32; i++) {
		if (pat[i] == '\\') {
			i = escape_end(pat, i, g->n) - 1;
			continue;
		}
		if (pat[i] != '(' || pat[i + 1] != '?' || pat[i + 2] != '<' || pat[i + 3] == '=' ||
		    pat[i + 3] == '!')
			continue;
		const char *close = strchr(pat + i + 3, '>');
		size_t end = group_end(pat, i, g->n);
		if (!close || (size_t)(close - pat) >= end || (size_t)(close - pat - i - 3) >= 32)
			continue;
		gen_name *nm = &g->names[g->nnames++];
		snprintf(nm->name, sizeof(nm->name), "%.*s", (int)(close - pat - i - 3), pat + i + 3);
		nm->start = (size_t)(close - pat) + 1;
		nm->end = end - 1;
	}
	emit_alt(g, 0, g->n);
}

/* ---- inputs ------------------------------------------------------------ */

/* An input: prefix, then unit repeated, then suffix, cut to the size. */
typedef struct {
	as_buf prefix, unit, suffix;
	char label[100];
} recipe;

typedef struct {
	recipe *items;
	size_t nr, alloc;
} recipes;

static void label_of(char *out, size_t size, const char *kind, const as_buf *prefix,
		     const as_buf *unit)
{
	as_buf b = AS_BUF_INIT;
	as_buf_printf(&b, "%s ", kind);
	const as_buf *parts[2] = { prefix, unit };
	for (int k = 0; k < 2; k++) {
		if (!parts[k]->len)
			continue;
		as_buf_putc(&b, '\'');
		for (size_t i = 0; i < parts[k]->len && i < 28; i++) {
			unsigned char c = (unsigned char)parts[k]->ptr[i];
			if (c == '\n')
				as_buf_puts(&b, "\\n");
			else if (c == '\t')
				as_buf_puts(&b, "\\t");
			else if (c == '\r')
				as_buf_puts(&b, "\\r");
			else if (c < 0x20 || c == 0x7f || c >= 0x80)
				as_buf_printf(&b, "\\x%02x", c);
			else
				as_buf_putc(&b, (char)c);
		}
		as_buf_puts(&b, parts[k]->len > 28 ? "...'" : "'");
		as_buf_puts(&b, k ? "*" : " + ");
	}
	snprintf(out, size, "%s", as_buf_cstr(&b));
	as_buf_free(&b);
}

static void add_recipe(recipes *rs, const char *kind, const char *prefix, size_t plen,
		       const char *unit, size_t ulen, const char *suffix)
{
	if (!ulen)
		return;
	AS_GROW(rs->items, rs->nr + 1, rs->alloc);
	recipe *r = &rs->items[rs->nr++];
	memset(r, 0, sizeof(*r));
	as_buf_put(&r->prefix, prefix, plen);
	as_buf_put(&r->unit, unit, ulen);
	if (suffix)
		as_buf_puts(&r->suffix, suffix);
	label_of(r->label, sizeof(r->label), kind, &r->prefix, &r->unit);
}

static void recipes_free(recipes *rs)
{
	for (size_t i = 0; i < rs->nr; i++) {
		as_buf_free(&rs->items[i].prefix);
		as_buf_free(&rs->items[i].unit);
		as_buf_free(&rs->items[i].suffix);
	}
	free(rs->items);
	memset(rs, 0, sizeof(*rs));
}

static void build(const recipe *r, size_t size, as_buf *out)
{
	as_buf_clear(out);
	as_buf_grow(out, size + 8);
	as_buf_put(out, r->prefix.ptr, r->prefix.len < size ? r->prefix.len : size);
	size_t room = size > r->suffix.len ? size - r->suffix.len : 0;
	while (out->len + r->unit.len <= room)
		as_buf_put(out, r->unit.ptr, r->unit.len);
	if (out->len < room)
		as_buf_put(out, r->unit.ptr, room - out->len);
	as_buf_put(out, r->suffix.ptr, r->suffix.len);
	if (out->len > size)
		as_buf_truncate(out, size);
	/* never end inside a UTF-8 character (but keep invalid input as is) */
	size_t k = out->len;
	while (k > 0 && ((unsigned char)out->ptr[k - 1] & 0xC0) == 0x80 && out->len - k < 3)
		k--;
	if (k > 0 && k < out->len && (unsigned char)out->ptr[k - 1] >= 0xC0 &&
	    k - 1 + utf8_len(out->ptr + k - 1, 4) > out->len)
		as_buf_truncate(out, k - 1);
}

/* The inputs made from one pattern: near-misses and its loops. */
static void pattern_recipes(recipes *rs, const char *pat)
{
	for (uint64_t seed = 1; seed <= 5; seed++) {
		gen g;
		gen_sample(&g, pat, seed);
		const char *s = as_buf_cstr(&g.out);
		size_t len = g.out.len;
		if (len) {
			add_recipe(rs, "match*\\n", "", 0, s, len, NULL);
			as_buf line = AS_BUF_INIT;
			as_buf_put(&line, s, len);
			as_buf_putc(&line, '\n');
			add_recipe(rs, "match-lines", "", 0, line.ptr, line.len, NULL);
			as_buf_free(&line);
		}
		/* near-misses: cut before the last piece, and at 3/4, 1/2, 1/4 */
		size_t cuts[4] = { 0 }, ncuts = 0;
		if (g.nmarks >= 2) {
			cuts[ncuts++] = g.marks[g.nmarks - 2];
			for (size_t q = 3; q >= 1 && ncuts < 4; q--) {
				size_t c = g.marks[(g.nmarks - 1) * q / 4];
				if (c && c != cuts[ncuts - 1])
					cuts[ncuts++] = c;
			}
		}
		static const char *const seps[] = { "", " ", "\n" };
		for (size_t c = 0; c < ncuts; c++) {
			for (size_t k = 0; k < 3; k++) {
				as_buf unit = AS_BUF_INIT;
				as_buf_put(&unit, s, cuts[c]);
				as_buf_puts(&unit, seps[k]);
				add_recipe(rs, "near-miss", "", 0, unit.ptr, unit.len, NULL);
				as_buf_free(&unit);
			}
		}
		/* what each quantified atom loops on, to the end; and short lines */
		for (size_t l = 0; l < g.nloops && l < 12; l++) {
			const gen_loop *lp = &g.loops[l];
			for (size_t r = 0; r < lp->nreps; r++) {
				add_recipe(rs, "loop", s, lp->at, lp->reps[r].ptr, lp->reps[r].len, "!");
				as_buf unit = AS_BUF_INIT;
				as_buf_put(&unit, s, lp->at);
				for (int t = 0; t < 200; t++)
					as_buf_put(&unit, lp->reps[r].ptr, lp->reps[r].len);
				as_buf_puts(&unit, "!\n");
				add_recipe(rs, "loop-lines", "", 0, unit.ptr, unit.len, NULL);
				as_buf_free(&unit);
			}
		}
		gen_free(&g);
	}
}

/* Words of the lexicons the rules name, as prose: "Alice" and the words. */
static void lexicon_prose(const as_config *cfg, as_buf *out)
{
	as_buf words = AS_BUF_INIT;
	size_t nwords = 0;
	for (size_t f = 0; f < cfg->nlexicon_paths + cfg->nsite_lexicon_paths; f++) {
		const char *path = f < cfg->nlexicon_paths ? cfg->lexicon_paths[f]
				   : cfg->site_lexicon_paths[f - cfg->nlexicon_paths];
		FILE *fp = fopen(path, "r");
		char line[1024];
		if (!fp)
			continue;
		while (fgets(line, sizeof(line), fp)) {
			if (line[0] == '#' || line[0] == '[' || strchr(line, '='))
				continue;
			for (char *save = NULL, *w = strtok_r(line, ",\n", &save); w;
			     w = strtok_r(NULL, ",\n", &save)) {
				while (*w == ' ')
					w++;
				size_t n = strcspn(w, "*/");
				if (n && w[0] != '-' && w[0] != '!') {
					as_buf_put(&words, w, n);
					as_buf_putc(&words, '\0');
					nwords++;
				}
			}
		}
		fclose(fp);
	}
	uint64_t rng = 42;
	const char *names[] = { "Alice", "Bob", "my manager", "Alice Liddell", "@alice" };
	as_buf_clear(out);
	for (size_t sentence = 0; nwords && sentence < 400; sentence++) {
		as_buf_puts(out, names[rnd(&rng) % 5]);
		for (int k = 0; k < 12; k++) {
			size_t pick = (size_t)(rnd(&rng) % nwords), at = 0;
			for (size_t j = 0; j < pick; j++)
				at += strlen(words.ptr + at) + 1;
			as_buf_putc(out, ' ');
			as_buf_puts(out, words.ptr + at);
			if (rnd(&rng) % 6 == 0)
				as_buf_puts(out, rnd(&rng) % 2 ? " me" : " Alice");
		}
		as_buf_puts(out, sentence % 7 == 6 ? ".\n\n" : sentence % 3 ? ". " : ".\n");
	}
	as_buf_free(&words);
}

/* Inputs every rule gets. */
static void common_recipes(recipes *rs, const as_config *cfg)
{
	static const char *const runs[] = {
		" ", "\t", "\n", "\r\n", "\n\n", "a", "A", "x", "\xc3\xa9", "\xe6\x97\xa5",
		"\xe2\x80\x99", "\xc2\xa0", ".", "-", ":", "/", "_", "@", "'", "\"", "`", "(", "[",
		"\xff", "a ", "a\n", " \n", "- ", "-\n", "ab-", "a.", "a:", "> ", "> \n",
		"> quoted line\n", ">\n", "Key: value\n", "Key-by: value\n",
		"Reviewed-by: Someone Else <someone@example.com>\n",
		"Assigned-by: Alice Liddell <alice@example.com>\n", "Assigned-by:\n",
		"Approved-by: n/a\n", "Assigned by: \n", "assigned by ", "approved by ",
		"    indented code\n", "```\n", "$ cmd\n", "On Mon, Alice wrote:\n", "-- \n",
		"Alice ", "Alice asked me to ", "Alice asked me to fix it. ", "my manager ",
		"my manager told me to ", "asked ", "asked me ", "per ", "per our ",
		"discussed ", "discussed in ", "discussed with a ", "as discussed in DM ",
		"1:1 ", "DM ", "private ", "offline ", "in private ", "one-on-one ",
		"discussed with a.b.c", "discussed  \n  ", "per our private ",
		"(cherry picked from commit 0123456789abcdef)\n", "This reverts commit 0123abc.\n",
	};
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++)
		add_recipe(rs, "run", "", 0, runs[i], strlen(runs[i]), NULL);
	/* a trailer-like line, then many lines (issue 14) */
	static const char *const heads[] = {
		"Assigned-by: Alice Liddell <alice@example.com>\n",
		"Assigned by: Alice Liddell\n", "Approved-by: Alice\n", "Key: value\n",
		"as discussed in DM\n", "Assigned-by: ", "Assigned by: Alice",
		"discussed with alice", "per our",
	};
	static const char *const tails[] = { "x\n", "\n", " ", "Key: value\n", "> x\n", "a" };
	for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
		for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++)
			add_recipe(rs, "after", heads[h], strlen(heads[h]), tails[t], strlen(tails[t]),
				   NULL);
	/* many lines, then the trailer at the very end */
	add_recipe(rs, "before", "", 0, "Key: value\n", 11,
		   "\nAssigned-by: Alice Liddell <alice@example.com>\n");
	add_recipe(rs, "before", "", 0, "x\n", 2, "\n\nAssigned-by: Alice\n");
	as_buf prose = AS_BUF_INIT;
	lexicon_prose(cfg, &prose);
	if (prose.len) {
		add_recipe(rs, "lexicon-prose", "", 0, prose.ptr, prose.len, NULL);
		for (size_t i = 0; i < prose.len; i++)
			if (prose.ptr[i] == '\n' || prose.ptr[i] == '.')
				prose.ptr[i] = ' ';
		add_recipe(rs, "lexicon-prose-no-breaks", "", 0, prose.ptr, prose.len, NULL);
	}
	as_buf_free(&prose);
}

/* ---- measuring --------------------------------------------------------- */

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* What is timed: a pattern of the rule (as detection runs it on one text),
 * the rule alone through as_detect_commit less the same call with no rule
 * (what the rule adds), the message model alone (what every rule stands
 * on: regions, trailers, UTF-8), every rule together. */
typedef enum { M_KEY, M_PATTERN, M_EXCLUDE, M_DETECT, M_MODEL, M_ALL, M__COUNT } measure;
static const char *const measure_names[] = { "key", "pattern", "exclude", "detect", "model",
					     "all" };

/* ---- pattern sources --------------------------------------------------- */

/* The patterns as written, read by the product's include-resolving reader
 * (config/include.h) from the same files: rule id -> key, pattern, exclude. */
static as_ini sources = AS_INI_INIT;

static const char *pattern_source(const as_rule *r, measure m)
{
	static const char *const keys[] = { "key", "pattern", "exclude" };
	as_buf name = AS_BUF_INIT;
	as_buf_printf(&name, "rule.%s", r->id);
	for (char *c = name.ptr; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	const as_ini_section *sec = as_ini_section_find(&sources, name.ptr);
	as_buf_free(&name);
	const as_ini_key *k = sec ? as_ini_key_find(sec, keys[m]) : NULL;
	return k ? k->value : NULL;
}


typedef struct {
	const as_config *cfg;
	as_matcher *matcher;
	as_events events;
	as_commit commit;
	int parsed;              /* commit holds b->text as a message */
	as_buf raw;
	as_buf text;
	size_t bytes;
	as_detector none, all;   /* no rule; every rule */
	as_scanner *none_sc, *all_sc;
	/* PCRE2 limits, to name the one a match hit */
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
	pcre2_match_data *md;
} bench;

/* The PCRE2 error the product's match of `re` on text stopped at. */
static const char *limit_name(bench *b, const pcre2_code *re, const char *text, size_t len)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)text, len, 0, PCRE2_NO_UTF_CHECK, b->md, b->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(re, (PCRE2_SPTR)text, len, 0, PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK,
				 b->md, b->mctx);
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT: return "match_limit";
	case PCRE2_ERROR_DEPTHLIMIT: return "depth_limit";
	case PCRE2_ERROR_HEAPLIMIT: return "heap_limit_kib";
	case PCRE2_ERROR_JIT_STACKLIMIT: return "jit stack";
	case PCRE2_ERROR_NOMEMORY: return "no memory";
	default: return "a limit";
	}
}

/* b->text as the message of a commit, parsed as the pipeline parses it
 * (the input is cut to leave room for the subject: no cut message). */
static int parse_commit(bench *b)
{
	if (b->parsed)
		return 0;
	as_buf_clear(&b->raw);
	as_buf_puts(&b->raw, "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
		    "author Bob Stone <bob@example.com> 1700000000 +0000\n"
		    "committer Bob Stone <bob@example.com> 1700000000 +0000\n\n");
	size_t head = b->raw.len;
	as_buf_puts(&b->raw, "Fix the cache\n\n");
	size_t room = b->bytes > b->raw.len - head ? b->bytes - (b->raw.len - head) : 0;
	as_buf_put(&b->raw, b->text.ptr, b->text.len < room ? b->text.len : room);
	git_oid oid;
	memset(&oid, 0, sizeof(oid));
	if (as_commit_parse(&b->commit, &oid, b->raw.ptr, b->raw.len, NULL) < 0)
		return -1;
	b->parsed = 1;
	return 0;
}

static double detect_ms(bench *b, const as_detector *det, as_scanner *sc)
{
	as_events_reset(&b->events);
	double t0 = cpu_ms();
	as_detect_commit(det, sc, &b->commit, NULL, 0, 0, &b->events);
	return cpu_ms() - t0;
}

/* One run of measurement `m` of rule `r` on the input in b->text: the
 * CPU time, and *limit set when a PCRE2 bound stopped it. */
static double run_one(bench *b, const as_rule *r, measure m, const as_detector *det,
		      as_scanner *sc, const char **limit)
{
	const char *s = b->text.ptr;
	size_t len = b->text.len;
	double t = 0;
	*limit = NULL;
	as_events_reset(&b->events);
	switch (m) {
	case M_KEY:
	case M_EXCLUDE: {
		const pcre2_code *re = m == M_KEY ? r->key : r->exclude;
		double t0 = cpu_ms();
		int rc = as_matcher_test(b->matcher, re, s, len);
		t = cpu_ms() - t0;
		if (rc < 0)
			*limit = limit_name(b, re, s, len);
		return t;
	}
	case M_PATTERN: {
		as_rule bare = *r;  /* the prefilter left out: a pusher can pass it */
		bare.nprefilter = 0;
		double t0 = cpu_ms();
		as_detect_text(&bare, b->matcher, s, len, NULL, AS_ORIGIN_MESSAGE, &b->events);
		t = cpu_ms() - t0;
		break;
	}
	case M_DETECT: {
		if (parse_commit(b) < 0)
			return 0;
		double base = detect_ms(b, &b->none, b->none_sc);
		t = detect_ms(b, det, sc) - base;
		t = t > 0 ? t : 0;
		break;
	}
	default:
		if (parse_commit(b) < 0)
			return 0;
		t = m == M_MODEL ? detect_ms(b, &b->none, b->none_sc) : detect_ms(b, &b->all, b->all_sc);
		break;
	}
	for (size_t i = 0; i < b->events.nr; i++)
		if (b->events.items[i].limit_hit && !*limit)
			*limit = m == M_PATTERN ? limit_name(b, r->pattern, s, len)
				 : "a PCRE2 limit (as_detect_commit)";
	return t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

#define TOP 3

typedef struct {
	double worst;            /* median of the runs of the slowest input */
	const recipe *worst_input;
	measure worst_measure;
	size_t inputs, limits;
	const char *limit_what;
	const recipe *limit_input;
} rule_result;

/* --input: only the inputs whose label holds this */
static const char *input_filter;

/* Times the measures of `mask` (bits 1u << measure) of rule r (NULL for
 * the rows that are no rule) on every input of `sets`. */
static void measure_rule(bench *b, const as_rule *r, unsigned mask, const recipes *const *sets,
			 size_t nsets, int runs, int verbose, rule_result *res)
{
	memset(res, 0, sizeof(*res));
	as_config one = *b->cfg;
	one.rules = (as_rule *)(uintptr_t)r;
	one.nrules = r ? 1 : 0;
	as_detector det;
	as_detector_init(&det, &one);
	as_scanner *sc = as_scanner_new(&det);

	/* the TOP slowest inputs of each measure, from one run each */
	struct { double t; const recipe *in; } top[M__COUNT][TOP];
	size_t ntop[M__COUNT] = { 0 };
	for (size_t set = 0; set < nsets; set++) {
		for (size_t i = 0; i < sets[set]->nr; i++) {
			const recipe *in = &sets[set]->items[i];
			if (input_filter && !strstr(in->label, input_filter))
				continue;
			build(in, b->bytes, &b->text);
			b->parsed = 0;
			res->inputs++;
			for (int m = 0; m < M__COUNT; m++) {
				if (!(mask & 1u << m))
					continue;
				const char *limit;
				double t = run_one(b, r, (measure)m, &det, sc, &limit);
				if (limit) {
					if (!res->limits++) {
						res->limit_what = limit;
						res->limit_input = in;
					}
					if (verbose)
						printf("  LIMIT %s %s: %s\n", measure_names[m], limit, in->label);
				}
				if (verbose > 1)
					printf("  %8.3f ms %-7s %s\n", t, measure_names[m], in->label);
				size_t at = ntop[m] < TOP ? ntop[m]++ : TOP - 1;
				if (at == TOP - 1 && ntop[m] == TOP && top[m][at].t >= t)
					continue;
				top[m][at].t = t;
				top[m][at].in = in;
				for (size_t k = at; k > 0 && top[m][k].t > top[m][k - 1].t; k--) {
					__typeof__(top[0][0]) tmp = top[m][k];
					top[m][k] = top[m][k - 1];
					top[m][k - 1] = tmp;
				}
			}
		}
	}
	/* those again: the median of `runs` runs is the input's time */
	double *ts = as_xcalloc((size_t)runs, sizeof(*ts));
	for (int m = 0; m < M__COUNT; m++) {
		for (size_t k = 0; k < ntop[m]; k++) {
			const char *limit;
			build(top[m][k].in, b->bytes, &b->text);
			b->parsed = 0;
			for (int i = 0; i < runs; i++)
				ts[i] = run_one(b, r, (measure)m, &det, sc, &limit);
			qsort(ts, (size_t)runs, sizeof(*ts), cmp_double);
			double med = ts[runs / 2];
			if (verbose)
				printf("  slow: %8.3f ms median %-7s %s\n", med, measure_names[m],
				       top[m][k].in->label);
			if (med > res->worst || !res->worst_input) {
				res->worst = med;
				res->worst_input = top[m][k].in;
				res->worst_measure = (measure)m;
			}
		}
	}
	free(ts);
	as_scanner_free(sc);
	as_detector_release(&det);
}

static void print_row(const char *name, const char *what, const rule_result *res)
{
	printf("%-34s %-22s %9.3f  %-7s %-6zu %s\n", name, what, res->worst,
	       measure_names[res->worst_measure], res->limits,
	       res->worst_input ? res->worst_input->label : "-");
	if (res->limits)
		printf("%-34s   limit: %s on %s\n", "", res->limit_what, res->limit_input->label);
	fflush(stdout);
}

static int text_rule(const as_rule *r)
{
	return r->source == AS_SRC_SUBJECT || r->source == AS_SRC_BODY ||
	       r->source == AS_SRC_MESSAGE || r->source == AS_SRC_TRAILER;
}

/* ---- the command ------------------------------------------------------- */

int cmd__bench_patterns(int argc, char **argv)
{
	const char *rules = NULL, *only = NULL;
	size_t bytes = 1 << 20;
	int runs = 5, verbose = 0, rc = 0;
	double bar = 10.0, engine_bar = -1;
	as_config cfg;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bytes") && i + 1 < argc)
			bytes = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--bar-ms") && i + 1 < argc)
			bar = atof(argv[++i]);
		else if (!strcmp(argv[i], "--engine-bar-ms") && i + 1 < argc)
			engine_bar = atof(argv[++i]);
		else if (!strcmp(argv[i], "--rule") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "--input") && i + 1 < argc)
			input_filter = argv[++i];
		else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
			verbose++;
		else if (argv[i][0] != '-' && !rules)
			rules = argv[i];
		else
			rules = NULL, i = argc;
	}
	if (engine_bar < 0)
		engine_bar = bar;
	if (!rules || runs < 1 || bytes < 64) {
		fprintf(stderr, "usage: test-tool bench-patterns RULES [--bytes N] [--runs N] "
			"[--bar-ms MS] [--engine-bar-ms MS] [--rule ID] [--input TEXT] [--verbose]\n");
		return 2;
	}
	if (as_config_load(&cfg, rules) < 0 || as_config_read_files(&sources, rules) < 0) {
		fprintf(stderr, "test-tool: %s\n", as_error_msg());
		return 2;
	}

	bench b;
	memset(&b, 0, sizeof(b));
	b.cfg = &cfg;
	b.bytes = bytes;
	b.matcher = as_matcher_new(&cfg);
	as_commit_init(&b.commit);
	b.mctx = pcre2_match_context_create(NULL);
	b.md = pcre2_match_data_create(32, NULL);
	pcre2_set_match_limit(b.mctx, (uint32_t)cfg.match_limit);
	pcre2_set_depth_limit(b.mctx, (uint32_t)cfg.depth_limit);
	pcre2_set_heap_limit(b.mctx, (uint32_t)cfg.heap_limit_kib);
	b.jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	pcre2_jit_stack_assign(b.mctx, NULL, b.jit);

	as_config none = cfg;
	none.nrules = 0;
	as_detector_init(&b.none, &none);
	as_detector_init(&b.all, &cfg);
	b.none_sc = as_scanner_new(&b.none);
	b.all_sc = as_scanner_new(&b.all);

	/* every rule's own inputs (from its patterns as written), and the
	 * common ones */
	recipes common = { 0 }, *own = as_xcalloc(cfg.nrules + 1, sizeof(*own));
	common_recipes(&common, &cfg);
	for (size_t i = 0; i < cfg.nrules; i++)
		for (int m = M_KEY; m <= M_EXCLUDE; m++) {
			const char *src = text_rule(&cfg.rules[i]) ? pattern_source(&cfg.rules[i], (measure)m)
								    : NULL;
			if (src)
				pattern_recipes(&own[i], src);
		}

	printf("%-34s %-22s %9s  %-7s %-6s %s\n", "rule", "patterns", "worst-ms", "where",
	       "limits", "slowest input");
	/* the pattern rules and the directive rules apart: the engine is no
	 * regular expression, and its cost is said on its own line */
	double worst = 0, worst_engine = 0;
	const char *worst_rule = "-", *worst_engine_rule = "-";
	size_t nrules = 0, limits = 0, over = 0, inputs = 0, nengine = 0, over_engine = 0;
	for (size_t i = 0; i < cfg.nrules; i++) {
		const as_rule *r = &cfg.rules[i];
		if (!text_rule(r) || (only && strcmp(only, r->id)))
			continue;
		rule_result res;
		const recipes *sets[2] = { &own[i], &common };
		unsigned mask = 1u << M_DETECT | (r->key ? 1u << M_KEY : 0) |
				(r->pattern ? 1u << M_PATTERN : 0) | (r->exclude ? 1u << M_EXCLUDE : 0);
		measure_rule(&b, r, mask, sets, 2, runs, verbose, &res);
		char pats[64];
		snprintf(pats, sizeof(pats), "%s%s%s%s", r->key ? "key," : "",
			 r->pattern ? "pattern," : "", r->exclude ? "exclude," : "",
			 r->directives ? "directive engine," : "");
		pats[strlen(pats) ? strlen(pats) - 1 : 0] = '\0';
		print_row(r->id, pats, &res);
		inputs += res.inputs;
		limits += res.limits;
		if (r->directives) {
			nengine++;
			over_engine += res.worst > engine_bar;
			if (res.worst > worst_engine) {
				worst_engine = res.worst;
				worst_engine_rule = r->id;
			}
			continue;
		}
		nrules++;
		if (res.worst > bar)
			over++;
		if (res.worst > worst) {
			worst = res.worst;
			worst_rule = r->id;
		}
	}
	/* what no rule is charged with: the message model every rule reads,
	 * and the whole detection of a commit (every rule, the model) */
	if (!only) {
		const recipes **sets = as_xcalloc(cfg.nrules + 1, sizeof(*sets));
		size_t nsets = 0;
		sets[nsets++] = &common;
		for (size_t i = 0; i < cfg.nrules; i++)
			if (own[i].nr)
				sets[nsets++] = &own[i];
		rule_result res;
		measure_rule(&b, NULL, 1u << M_MODEL, sets, nsets, runs, verbose, &res);
		print_row("(message model, no rule)", "regions, trailers", &res);
		limits += res.limits;
		measure_rule(&b, NULL, 1u << M_ALL, sets, nsets, runs, verbose, &res);
		print_row("(all rules, one commit)", "as_detect_commit", &res);
		limits += res.limits;
		free(sets);
	}
	rc = over || over_engine || limits || !(nrules + nengine);
	printf("bench-patterns: %zu inputs of %zu bytes, median of %d runs: %zu pattern rules, "
	       "worst %.3f ms (%s), %zu over %g ms; %zu directive rules, worst %.3f ms (%s), "
	       "%zu over %g ms; %zu inputs hit a PCRE2 limit: %s\n",
	       inputs, bytes, runs, nrules, worst, worst_rule, over, bar, nengine, worst_engine,
	       worst_engine_rule, over_engine, engine_bar, limits, rc ? "FAIL" : "PASS");

	recipes_free(&common);
	for (size_t i = 0; i < cfg.nrules; i++)
		recipes_free(&own[i]);
	free(own);
	as_scanner_free(b.none_sc);
	as_scanner_free(b.all_sc);
	as_detector_release(&b.none);
	as_detector_release(&b.all);
	as_events_free(&b.events);
	as_commit_free(&b.commit);
	as_buf_free(&b.raw);
	as_buf_free(&b.text);
	as_matcher_free(b.matcher);
	pcre2_match_data_free(b.md);
	pcre2_jit_stack_free(b.jit);
	pcre2_match_context_free(b.mctx);
	as_ini_free(&sources);
	as_config_free(&cfg);
	return rc;
}
