/*
 * Path patterns (pattern.h): compiled into segment tokens, matched by a
 * set-of-states simulation.
 */
#include "util/pattern.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

/* Texts over this are refused: offsets are 32-bit. */
#define AS_PATTERN_MAX_TEXT ((size_t)1 << 30)

void as_patterns_init(as_patterns *ps)
{
	memset(ps, 0, sizeof(*ps));
}

void as_patterns_free(as_patterns *ps)
{
	free(ps->toks);
	as_buf_free(&ps->text);
	memset(ps, 0, sizeof(*ps));
}

void as_patterns_clear(as_patterns *ps)
{
	ps->ntoks = 0;
	as_buf_clear(&ps->text);
}

static void add_tok(as_patterns *ps, uint8_t kind, uint32_t off, uint32_t len,
		    uint8_t literal, uint8_t classes)
{
	AS_GROW(ps->toks, ps->ntoks + 1, ps->toks_alloc);
	as_pattern_tok *t = &ps->toks[ps->ntoks++];
	t->kind = kind;
	t->off = off;
	t->len = len;
	t->literal = literal;
	t->classes = classes;
}

/* Checks what GitHub rejects (and, for globs, what they cannot mean);
 * returns the reason or NULL. */
static const char *pattern_problem(const char *pat, size_t len, unsigned flags)
{
	int github = flags == 0;  /* CODEOWNERS and team paths */
	if (!len)
		return "empty pattern";
	if (pat[0] == '!')
		return github ? "negation ('!') is not supported in CODEOWNERS"
			      : "negation ('!') is not supported";
	if (github && len >= 2 && pat[0] == '\\' && pat[1] == '#')
		return "escaping a leading '#' is not supported in CODEOWNERS";
	for (size_t i = 0; i < len; i++) {
		if (pat[i] == '\\') {
			if (i + 1 == len)
				return "trailing backslash";
			if (pat[i + 1] == '/')
				return "an escaped '/' can match nothing";
			i++;
			continue;
		}
		if (pat[i] == '*' && i + 2 < len && pat[i + 1] == '*' && pat[i + 2] == '*')
			return "'***' is not a valid wildcard";
		if (pat[i] == '\0')
			return "NUL byte in pattern";
	}
	return NULL;
}

int as_patterns_add(as_patterns *ps, as_pattern *out, const char *pat,
		    size_t len, unsigned flags, const char **why)
{
	/* segment bounds, at most MAX_SEGMENTS + 2 of them */
	size_t seg_start[AS_PATTERN_MAX_SEGMENTS + 3], seg_len[AS_PATTERN_MAX_SEGMENTS + 3];
	size_t nseg = 0, keep_toks = ps->ntoks, keep_text = ps->text.len;
	const char *problem = pattern_problem(pat, len, flags);

	if (problem) {
		*why = problem;
		return AS_EINPUT;
	}
	if (ps->text.len + len + 1 > AS_PATTERN_MAX_TEXT) {
		*why = "too much pattern text";
		return AS_EINPUT;
	}
	out->first = (uint32_t)ps->ntoks;
	out->n = 0;
	if (len == 1 && pat[0] == '/')
		return 0;   /* "/" matches nothing */

	/* split at every '/' (an escaped one was refused above) */
	for (size_t i = 0, start = 0; i <= len; i++) {
		if (i < len && pat[i] == '\\') {
			i++;
			continue;
		}
		if (i == len || pat[i] == '/') {
			if (nseg == AS_PATTERN_MAX_SEGMENTS + 2) {
				*why = "too many path segments (more than 63)";
				return AS_EINPUT;
			}
			seg_start[nseg] = start;
			seg_len[nseg] = i - start;
			nseg++;
			start = i + 1;
		}
	}

	size_t first = 0;
	int lead_any = 0, trail_dir = 0;
	if (seg_len[0] == 0) {
		first = 1;   /* leading '/': anchored at the root */
	} else if (!(flags & AS_PATTERN_ANCHORED) &&
		   (nseg == 1 || (nseg == 2 && seg_len[1] == 0))) {
		/* one segment: matches at any depth, as if "**" came first */
		if (!(seg_len[0] == 2 && !memcmp(pat, "**", 2)))
			lead_any = 1;
	}
	if (nseg - first > 1 && seg_len[nseg - 1] == 0) {
		trail_dir = 1;  /* trailing '/': as a final "**" segment */
		nseg--;
	}

	uint32_t off = (uint32_t)ps->text.len;
	as_buf_put(&ps->text, pat, len);
	as_buf_putc(&ps->text, '\0');

	if (lead_any)
		add_tok(ps, AS_PTOK_ANY, 0, 0, 0, 0);
	size_t last = nseg - 1;
	for (size_t s = first; s < nseg; s++) {
		const char *seg = pat + seg_start[s];
		size_t n = seg_len[s];
		int is_last = s == last && !trail_dir;
		if (n == 2 && !memcmp(seg, "**", 2)) {
			if (is_last) {  /* last (or alone): one segment or more */
				add_tok(ps, AS_PTOK_ONE, 0, 0, 0, 0);
				add_tok(ps, AS_PTOK_ANY, 0, 0, 0, 0);
			} else {        /* any number of directories */
				add_tok(ps, AS_PTOK_ANY, 0, 0, 0, 0);
			}
		} else if (n == 1 && seg[0] == '*') {
			/* a lone '*': one segment, and no descent even last
			 * (docs/ then '*' is not docs/a/b) */
			add_tok(ps, AS_PTOK_ONE, 0, 0, 0, 0);
		} else {
			uint8_t classes = (flags & AS_PATTERN_CLASSES) && memchr(seg, '[', n);
			uint8_t literal = !memchr(seg, '*', n) && !memchr(seg, '?', n) &&
					  !memchr(seg, '\\', n) && !classes;
			add_tok(ps, AS_PTOK_GLOB, off + (uint32_t)seg_start[s], (uint32_t)n,
				literal, classes);
			/* a matched directory owns what is below (GitHub) */
			if (is_last && !(flags & AS_PATTERN_FILES))
				add_tok(ps, AS_PTOK_ANY, 0, 0, 0, 0);
		}
	}
	if (trail_dir) {
		add_tok(ps, AS_PTOK_ONE, 0, 0, 0, 0);
		add_tok(ps, AS_PTOK_ANY, 0, 0, 0, 0);
	}
	if (ps->ntoks - out->first > AS_PATTERN_MAX_SEGMENTS) {
		ps->ntoks = keep_toks;
		as_buf_truncate(&ps->text, keep_text);
		*why = "too many path segments (more than 63)";
		return AS_EINPUT;
	}
	out->n = (uint32_t)(ps->ntoks - out->first);
	return 0;
}

/* Length of the UTF-8 character at s[0] (1 for a stray byte). */
static size_t char_len(const unsigned char *s, size_t avail)
{
	size_t n = 1;
	if (s[0] >= 0xc0)
		while (n < avail && n < 4 && (s[n] & 0xc0) == 0x80)
			n++;
	return n;
}

/*
 * A character class at glob[gi] == '[': "[abc]", "[a-z]", "[!x]", "[^x]",
 * a ']' first in the class is literal. Returns the index after the ']'
 * and sets *hit to whether `c` is in it; returns 0 when the class never
 * closes (the '[' is then a literal character). A character of several
 * bytes is in a negated class only.
 */
static size_t class_match(const unsigned char *g, size_t glen, size_t gi,
			  const unsigned char *s, size_t clen, int *hit)
{
	size_t k = gi + 1;
	int neg = k < glen && (g[k] == '!' || g[k] == '^'), in = 0;
	if (neg)
		k++;
	for (int first = 1; k < glen && (g[k] != ']' || first); first = 0) {
		unsigned char lo = g[k], hi = lo;
		if (k + 2 < glen && g[k + 1] == '-' && g[k + 2] != ']') {
			hi = g[k + 2];
			k += 2;
		}
		if (clen == 1 && s[0] >= lo && s[0] <= hi)
			in = 1;
		k++;
	}
	if (k >= glen)
		return 0;
	*hit = in != neg;
	return k + 1;
}

/*
 * One segment against a glob of '*', '?', '\x' (and classes). The classic
 * greedy match with one resume point: a '*' only ever needs to resume at
 * the latest '*' seen (the other operators match one character each), so
 * the work is at most |glob| x |segment| and usually linear.
 */
static int glob_match(const char *glob, size_t glen, int classes, const char *seg,
		      size_t slen)
{
	const unsigned char *g = (const unsigned char *)glob, *s = (const unsigned char *)seg;
	size_t gi = 0, si = 0, star_g = SIZE_MAX, star_s = 0;

	while (si < slen) {
		if (gi < glen) {
			unsigned char c = g[gi];
			size_t clen = char_len(s + si, slen - si), next;
			int hit;
			if (c == '*') {
				star_g = ++gi;
				star_s = si;
				continue;
			}
			if (c == '?') {
				gi++;
				si += clen;
				continue;
			}
			if (c == '[' && classes && (next = class_match(g, glen, gi, s + si, clen, &hit))) {
				if (hit) {
					gi = next;
					si += clen;
					continue;
				}
			} else {
				if (c == '\\' && gi + 1 < glen)
					c = g[++gi];
				if (c == s[si]) {
					gi++;
					si++;
					continue;
				}
			}
		}
		if (star_g == SIZE_MAX)
			return 0;
		gi = star_g;
		star_s += char_len(s + star_s, slen - star_s);
		si = star_s;
	}
	while (gi < glen && g[gi] == '*')
		gi++;
	return gi == glen;
}

/* Adds the states reachable without reading: past every AS_PTOK_ANY. */
static uint64_t closure(const as_pattern_tok *t, uint32_t n, uint64_t set)
{
	for (uint32_t i = 0; i < n; i++)
		if ((set >> i & 1) && t[i].kind == AS_PTOK_ANY)
			set |= (uint64_t)1 << (i + 1);
	return set;
}

/* The states after reading one segment. */
static uint64_t step(const as_pattern_tok *t, uint32_t n, const char *text, uint64_t set,
		     const char *seg, size_t slen)
{
	uint64_t next = 0, todo = set & (((uint64_t)1 << n) - 1);
	while (todo) {
		uint32_t i = (uint32_t)__builtin_ctzll(todo);
		todo &= todo - 1;
		switch (t[i].kind) {
		case AS_PTOK_ANY:
			next |= (uint64_t)1 << i;
			break;
		case AS_PTOK_ONE:
			if (slen)
				next |= (uint64_t)1 << (i + 1);
			break;
		default:
			if (t[i].literal
			    ? slen == t[i].len && !memcmp(seg, text + t[i].off, slen)
			    : glob_match(text + t[i].off, t[i].len, t[i].classes, seg, slen))
				next |= (uint64_t)1 << (i + 1);
			break;
		}
	}
	return closure(t, n, next);
}

/* Runs the pattern over the segments of path[0..len); the final states. */
static uint64_t run(const as_patterns *ps, const as_pattern *p, const char *path, size_t len)
{
	const as_pattern_tok *t = ps->toks + p->first;
	uint64_t set = closure(t, p->n, 1);
	for (size_t pos = 0; set && len;) {
		const char *slash = memchr(path + pos, '/', len - pos);
		size_t end = slash ? (size_t)(slash - path) : len;
		set = step(t, p->n, ps->text.ptr, set, path + pos, end - pos);
		if (!slash)
			break;
		pos = end + 1;
	}
	return set;
}

int as_pattern_match(const as_patterns *ps, const as_pattern *p, const char *path,
		     size_t len)
{
	if (!p->n || !len)
		return 0;
	return (int)(run(ps, p, path, len) >> p->n & 1);
}

int as_pattern_may_contain(const as_patterns *ps, const as_pattern *p, const char *dir,
			   size_t len)
{
	if (!p->n)
		return 0;
	/* a state before the end still reads segments: something below may match */
	return (run(ps, p, dir ? dir : "", dir ? len : 0) & (((uint64_t)1 << p->n) - 1)) != 0;
}

/* A segment's glob with its wildcards made one character each. */
static void example_segment(as_buf *out, const char *g, size_t n, int classes)
{
	for (size_t i = 0; i < n; i++) {
		if (g[i] == '*' || g[i] == '?') {
			if (g[i] == '?' || !out->len || out->ptr[out->len - 1] != 'x')
				as_buf_putc(out, 'x');
		} else if (g[i] == '\\' && i + 1 < n) {
			as_buf_putc(out, g[++i]);
		} else if (g[i] == '[' && classes) {
			/* the first character the class takes: "[!...]" takes 'x'
			 * unless it names it (then the segment is no example) */
			size_t k = i + 1;
			int neg = k < n && (g[k] == '!' || g[k] == '^');
			const char *close = memchr(g + k + 1, ']', k + 1 < n ? n - k - 1 : 0);
			if (!close) {
				as_buf_putc(out, '[');
				continue;
			}
			as_buf_putc(out, neg ? 'x' : g[k]);
			i = (size_t)(close - g);
		} else {
			as_buf_putc(out, g[i]);
		}
	}
}

int as_pattern_example(const as_patterns *ps, const as_pattern *p, int below, as_buf *out)
{
	const as_pattern_tok *t = ps->toks + p->first;
	as_buf_clear(out);
	for (uint32_t i = 0; i < p->n; i++) {
		/* a "**" adds nothing; the descent past a last named segment
		 * adds "x" when asked for below */
		if (t[i].kind == AS_PTOK_ANY &&
		    !(below && i + 1 == p->n && i && t[i - 1].kind == AS_PTOK_GLOB))
			continue;
		if (out->len)
			as_buf_putc(out, '/');
		if (t[i].kind == AS_PTOK_GLOB)
			example_segment(out, ps->text.ptr + t[i].off, t[i].len, t[i].classes);
		else
			as_buf_putc(out, 'x');
	}
	if (!out->len || !as_pattern_match(ps, p, out->ptr, out->len)) {
		as_buf_clear(out);
		return -1;
	}
	return 0;
}

int as_pattern_floating(const as_patterns *ps, const as_pattern *p)
{
	return p->n > 1 && ps->toks[p->first].kind == AS_PTOK_ANY;
}
