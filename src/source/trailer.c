/*
 * Trailers as `git log --format='%(trailers:only,unfold)'` shows them.
 *
 * This follows git 2.39's trailer.c (trailer_info_get, find_trailer_start,
 * find_separator, parse_trailer, unfold_value) and commit.c's
 * ignore_non_trailer step by step, with the options pretty.c uses for
 * %(trailers): no_divider (a "---" line does not end the message) and the
 * message taken from its subject line on. git works on C strings; we work
 * on (pointer, length) and stop at the first NUL, which is where git's
 * string functions stop, so no function below reads past `len`.
 *
 * Everything is linear in the size of the message: a message of a million
 * trailers is one pass backwards and one forwards.
 */
#include "source/trailer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

#define COMMENT_CHAR '#'

/* wt-status.c: the scissors line of `git commit -v`, with a newline before. */
static const char cut_line[] =
	"\n# ------------------------ >8 ------------------------\n";

static const char *const git_generated_prefixes[] = {
	"Signed-off-by: ",
	"(cherry picked from commit ",
	NULL
};

/* git's sane_ctype: ASCII only, and \v \f are not space. */
static int g_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int g_isalnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The message, from its subject line on; no NUL inside [0, n). */
typedef struct {
	const char *buf;
	size_t n;
} text;

static int starts_with_at(const text *t, size_t pos, const char *prefix)
{
	size_t plen = strlen(prefix);
	return t->n - pos >= plen && !memcmp(t->buf + pos, prefix, plen);
}

/* The start of the line after the one at `pos` (or the end). */
static size_t next_line(const text *t, size_t pos)
{
	const char *nl = memchr(t->buf + pos, '\n', t->n - pos);
	return nl ? (size_t)(nl - t->buf) + 1 : t->n;
}

/* trailer.c's is_blank_line: only white space up to the newline. */
static int is_blank_line(const text *t, size_t pos)
{
	while (pos < t->n && t->buf[pos] != '\n' &&
	       g_isspace((unsigned char)t->buf[pos]))
		pos++;
	return pos == t->n || t->buf[pos] == '\n';
}

/*
 * The start of the last line of buf[0, len), or -1 when len is 0. A
 * newline at buf[len - 1] belongs to that last line.
 */
static ptrdiff_t last_line(const char *buf, size_t len)
{
	size_t i;
	if (len == 0)
		return -1;
	/*
	 * A plain loop, not memrchr(buf, '\n', len - 1): sanitizers check
	 * the whole range memrchr is given, which made the backward walk
	 * over a message quadratic under ASan.
	 */
	for (i = len - 1; i > 0; i--)
		if (buf[i - 1] == '\n')
			return (ptrdiff_t)i;
	return 0;
}

/*
 * If the line at `pos` is "<token><optional white space>:...", the offset
 * of the ':' from `pos`; 0 for a line that starts with ':'; -1 otherwise.
 * Tokens are made of ASCII letters, digits and '-'. `lim` bounds the scan.
 */
static ptrdiff_t find_separator(const char *buf, size_t pos, size_t lim)
{
	int whitespace_found = 0;
	for (size_t c = pos; c < lim; c++) {
		unsigned char ch = (unsigned char)buf[c];
		if (ch == ':')
			return (ptrdiff_t)(c - pos);
		if (!whitespace_found && (g_isalnum(ch) || ch == '-'))
			continue;
		if (c != pos && (ch == ' ' || ch == '\t')) {
			whitespace_found = 1;
			continue;
		}
		break;
	}
	return -1;
}

/* wt_status_locate_end: where a scissors line cuts the message. */
static size_t locate_scissors(const text *t)
{
	size_t plen = sizeof(cut_line) - 1;
	const char *p;

	if (t->n >= plen - 1 && !memcmp(t->buf, cut_line + 1, plen - 1))
		return 0;
	p = memmem(t->buf, t->n, cut_line, plen);
	return p ? (size_t)(p - t->buf) + 1 : t->n;
}

/*
 * commit.c's ignore_non_trailer, returning the end instead of the length
 * to ignore: trailing comment lines, empty lines and an old-style
 * "Conflicts:" block are not part of the trailers, nor is anything after
 * a scissors line.
 */
/* git's forward walk over every line before the cutoff. */
static size_t trailer_end_forward(const text *t, size_t cutoff)
{
	size_t boc = 0, bol = 0;
	int in_old_conflicts_block = 0;

	while (bol < cutoff) {
		size_t next = next_line(t, bol);
		char c = t->buf[bol];

		if (c == COMMENT_CHAR || c == '\n') {
			/* is this the first of the run of comments? */
			if (!boc)
				boc = bol;
		} else if (starts_with_at(t, bol, "Conflicts:\n")) {
			in_old_conflicts_block = 1;
			if (!boc)
				boc = bol;
		} else if (in_old_conflicts_block && c == '\t') {
			; /* a pathname in the conflicts block */
		} else if (boc) {
			/* the previous was not trailing comment */
			boc = 0;
			in_old_conflicts_block = 0;
		}
		bol = next;
	}
	/* git's run starting at offset 0 reads as "no run": keep that. */
	return boc ? boc : cutoff;
}

/*
 * The same from the end, in the common case: the trailing run of
 * comment and empty lines, up to a line that ends any run. A line that
 * may belong to a "Conflicts:" block (that line, or a pathname under
 * it), or a run from the very start, takes git's walk: the walk decides
 * those from what comes before. A message costs its last lines, not all.
 */
static size_t find_trailer_end(const text *t)
{
	size_t cutoff = locate_scissors(t), bol = cutoff, run = cutoff;
	while (bol > 0) {
		size_t prev = (size_t)last_line(t->buf, bol);
		char c = t->buf[prev];
		if (c == COMMENT_CHAR || c == '\n') {
			run = bol = prev;
			continue;
		}
		if (c == '\t' || starts_with_at(t, prev, "Conflicts:\n"))
			break;
		return run;
	}
	return trailer_end_forward(t, cutoff);
}

/*
 * The start of the trailer block in [0, len), or len when there is none:
 * the last paragraph (after the title paragraph) whose lines are all
 * trailers, or that holds a git-generated line and is at least 25%
 * trailers. Indented lines continue the line before.
 */
static size_t find_trailer_start(const text *t, size_t len)
{
	const char *buf = t->buf;
	size_t s, end_of_title;
	ptrdiff_t l;
	int only_spaces = 1, recognized_prefix = 0;
	size_t trailer_lines = 0, non_trailer_lines = 0;
	/*
	 * Lines that may continue a trailer: they count as trailer lines if
	 * a trailer comes before them, as non-trailers otherwise.
	 */
	size_t possible_continuation_lines = 0;

	/* The first paragraph is the title and cannot be trailers */
	for (s = 0; s < len; s = next_line(t, s)) {
		if (buf[s] == COMMENT_CHAR)
			continue;
		if (is_blank_line(t, s))
			break;
	}
	end_of_title = s;

	for (l = last_line(buf, len); l >= 0 && (size_t)l >= end_of_title;
	     l = last_line(buf, (size_t)l)) {
		size_t bol = (size_t)l;
		ptrdiff_t separator_pos;
		int generated = 0;

		if (buf[bol] == COMMENT_CHAR) {
			non_trailer_lines += possible_continuation_lines;
			possible_continuation_lines = 0;
			continue;
		}
		if (is_blank_line(t, bol)) {
			if (only_spaces)
				continue;
			non_trailer_lines += possible_continuation_lines;
			if (recognized_prefix &&
			    trailer_lines * 3 >= non_trailer_lines)
				return next_line(t, bol);
			else if (trailer_lines && !non_trailer_lines)
				return next_line(t, bol);
			return len;
		}
		only_spaces = 0;

		for (const char *const *p = git_generated_prefixes; *p; p++) {
			if (starts_with_at(t, bol, *p)) {
				generated = 1;
				break;
			}
		}
		if (generated) {
			trailer_lines++;
			possible_continuation_lines = 0;
			recognized_prefix = 1;
			continue;
		}

		separator_pos = find_separator(buf, bol, t->n);
		if (separator_pos >= 1 && !g_isspace((unsigned char)buf[bol])) {
			/* (no trailer.<token>.key configured: nothing else is
			 * a recognized prefix) */
			trailer_lines++;
			possible_continuation_lines = 0;
		} else if (g_isspace((unsigned char)buf[bol])) {
			possible_continuation_lines++;
		} else {
			non_trailer_lines++;
			non_trailer_lines += possible_continuation_lines;
			possible_continuation_lines = 0;
		}
	}
	return len;
}

/* [*a, *b) without git-white space at both ends. */
static void trim_range(const char *buf, size_t *a, size_t *b)
{
	while (*a < *b && g_isspace((unsigned char)buf[*a]))
		(*a)++;
	while (*b > *a && g_isspace((unsigned char)buf[*b - 1]))
		(*b)--;
}

/*
 * One trailer: buf[start, end) is its first line and its continuation
 * lines, with the ':' at start + sep. Writes "key: value\0key\0" to mem
 * (parse_trailer, then unfold_value); returns where the key starts.
 */
static size_t format_trailer(as_buf *mem, const char *buf, size_t start, size_t end,
			     size_t sep)
{
	size_t ka = start, kb = start + sep;
	size_t va = start + sep + 1, vb = end;
	size_t val_start, val_end;

	trim_range(buf, &ka, &kb);
	trim_range(buf, &va, &vb);

	as_buf_grow(mem, 2 * (kb - ka) + (vb - va) + 4);
	as_buf_put(mem, buf + ka, kb - ka);
	as_buf_put(mem, ": ", 2);
	val_start = mem->len;
	for (size_t i = va; i < vb;) {
		size_t run = i;
		/* copy up to the next newline in one go */
		while (run < vb && buf[run] != '\n')
			run++;
		as_buf_put(mem, buf + i, run - i);
		if (run == vb)
			break;
		/* Collapse continuation down to a single space. */
		i = run + 1;
		while (i < vb && g_isspace((unsigned char)buf[i]))
			i++;
		as_buf_putc(mem, ' ');
	}
	/*
	 * unfold_value trims again; the value was trimmed before, so only
	 * the end could need it, and only in theory.
	 */
	val_end = mem->len;
	while (val_end > val_start && g_isspace((unsigned char)mem->ptr[val_end - 1]))
		val_end--;
	as_buf_truncate(mem, val_end);
	as_buf_putc(mem, '\0');
	size_t key_at = mem->len;
	as_buf_put(mem, buf + ka, kb - ka);
	as_buf_putc(mem, '\0');
	return key_at;
}

/* pretty.c's skip_blank_lines: lines of white space only. */
static size_t skip_blank_lines(const char *msg, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(msg + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - msg) + 1 : len;
		for (size_t i = pos; i < end; i++)
			if (!g_isspace((unsigned char)msg[i]))
				return pos;
		pos = end;
	}
	return pos;
}

/*
 * The trailer block of msg[0..len): its offsets in msg (after the leading
 * blank lines git skips), and where the message's content ends (trailing
 * comments, blank lines, an old-style Conflicts: block and whatever
 * follows a scissors line are not content). Everything git's %(trailers)
 * reads, without a copy.
 */
static void block(const char *msg, size_t len, text *t, size_t *skip, size_t *start,
		  size_t *end)
{
	const char *nul = len ? memchr(msg, '\0', len) : NULL;
	if (nul)
		len = (size_t)(nul - msg);
	*skip = skip_blank_lines(msg, len);
	t->buf = msg + *skip;
	t->n = len - *skip;
	*end = find_trailer_end(t);
	*start = find_trailer_start(t, *end);
}

void as_trailers_block(const char *msg, size_t len, size_t *start, size_t *end,
		       size_t *content_end)
{
	text t;
	size_t skip, s, e;
	block(msg, len, &t, &skip, &s, &e);
	*start = skip + s;
	*end = skip + (s < e ? e : s);
	*content_end = skip + e;
}

/*
 * trailer_info_get: split the block into lines; a line that starts with
 * white space continues the trailer before it (if that was one);
 * format_trailer_info then prints the real trailers only. Calls `fn`
 * with each one's line and key in `scratch` (which it may keep or empty).
 */
static size_t each(const char *msg, size_t len, as_buf *scratch,
		   int (*fn)(void *data, as_buf *scratch, size_t line_at, size_t key_at,
			     size_t offset),
		   void *data)
{
	size_t start, end, skip, group = SIZE_MAX, n = 0;
	ptrdiff_t group_sep = -1;
	text t;

	block(msg, len, &t, &skip, &start, &end);
	for (size_t p = start, nl; p <= end; p = nl) {
		int last = p == end;
		const char *e = last ? NULL : memchr(t.buf + p, '\n', end - p);
		nl = e ? (size_t)(e - t.buf) + 1 : end;
		if (!last && group_sep >= 1 && g_isspace((unsigned char)t.buf[p]))
			continue;
		if (group_sep >= 1) {
			size_t line_at = scratch->len;
			size_t key_at = format_trailer(scratch, t.buf, group, last ? end : p,
						       (size_t)group_sep);
			n++;
			if (fn(data, scratch, line_at, key_at, skip + group))
				break;
		}
		if (last)
			break;
		group = p;
		group_sep = find_separator(t.buf, p, nl);
	}
	return n;
}

static int keep(void *data, as_buf *scratch, size_t line_at, size_t key_at, size_t offset)
{
	as_trailers *out = data;
	(void)scratch, (void)line_at, (void)key_at, (void)offset;
	AS_GROW(out->items, out->nr + 1, out->alloc);
	out->items[out->nr].key = out->items[out->nr].value = out->items[out->nr].line = NULL;
	out->nr++;
	return 0;
}

/* Points every item at its strings (t->mem may have moved). */
static void point_items(as_trailers *t)
{
	char *p = t->mem.ptr;
	for (size_t i = 0; i < t->nr; i++) {
		as_trailer *it = &t->items[i];
		size_t line_len = strlen(p), key_len;
		it->line = p;
		it->key = p + line_len + 1;
		key_len = strlen(it->key);
		it->value = p + key_len + 2;
		p = it->key + key_len + 1;
	}
}

void as_trailers_parse(as_trailers *out, const char *msg, size_t len)
{
	each(msg, len, &out->mem, keep, out);
	point_items(out);
}

void as_trailer_pack(as_buf *out, const as_trailer *t)
{
	as_buf_put(out, t->line, strlen(t->line) + 1);
	as_buf_put(out, t->key, strlen(t->key) + 1);
}

void as_trailers_unpack(as_trailers *t, const char *packed, size_t len)
{
	as_buf_put(&t->mem, packed, len);
	/* two strings an item */
	for (size_t i = 0, strings = 0; i < len; i++)
		if (!packed[i] && ++strings % 2 == 0)
			keep(t, NULL, 0, 0, 0);
	point_items(t);
}

typedef struct {
	int (*fn)(void *data, const as_trailer *t, size_t offset);
	void *data;
} stream;

static int pass_on(void *data, as_buf *scratch, size_t line_at, size_t key_at, size_t offset)
{
	stream *st = data;
	as_trailer tr;
	tr.line = scratch->ptr + line_at;
	tr.key = scratch->ptr + key_at;
	tr.value = tr.line + strlen(tr.key) + 2;
	int stop = st->fn(st->data, &tr, offset);
	as_buf_clear(scratch);
	return stop;
}

size_t as_trailers_each(const char *msg, size_t len,
			int (*fn)(void *data, const as_trailer *t, size_t offset), void *data)
{
	as_buf scratch = AS_BUF_INIT;
	stream st = { fn, data };
	size_t n = each(msg, len, &scratch, pass_on, &st);
	as_buf_free(&scratch);
	return n;
}

void as_trailers_reset(as_trailers *t)
{
	t->nr = 0;
	as_buf_clear(&t->mem);
}

void as_trailers_clear(as_trailers *t)
{
	free(t->items);
	as_buf_free(&t->mem);
	t->items = NULL;
	t->nr = t->alloc = 0;
}
