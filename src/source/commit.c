/*
 * Raw commit objects -> as_commit, with the fields exactly as git log
 * shows them. The references are git 2.39's commit.c (parse_commit_buffer,
 * parse_commit_date), pretty.c (repo_logmsg_reencode, parse_commit_header,
 * parse_commit_message, format_subject, format_person_part) and ident.c
 * (split_ident_line).
 *
 * This runs on every commit of the history, so nothing here allocates
 * once the buffers of the as_commit have grown to their working size.
 */
#include "source/commit.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/error.h"

/* git's sane_ctype: ASCII only, and \v \f are not space. */
static int g_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int g_isdigit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

void as_commit_init(as_commit *c)
{
	memset(c, 0, sizeof(*c));
}

void as_commit_free(as_commit *c)
{
	free(c->parents);
	as_buf_free(&c->author_name);
	as_buf_free(&c->author_email);
	as_buf_free(&c->message);
	as_buf_free(&c->subject);
	as_buf_free(&c->body);
	as_trailers_clear(&c->trailers);
	as_buf_free(&c->encoding);
	as_buf_free(&c->recoded_);
	as_buf_free(&c->iconv_from_);
	if (c->iconv_cd_)
		iconv_close((iconv_t)c->iconv_cd_);
	memset(c, 0, sizeof(*c));
}

/* ---- graph: parse_commit_buffer and parse_commit_date ------------------ */

/* hex digit values, -1 for anything else (a table: this runs twice per
 * parent of every commit) */
static const signed char hexval[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};  /* value + 1, so that the zero fill means "not hex" */

/* git's get_oid_hex: exactly 40 hex digits (either case). */
static int oid_from_hex(git_oid *out, const char *hex)
{
	for (size_t i = 0; i < GIT_OID_RAWSZ; i++) {
		int hi = hexval[(unsigned char)hex[2 * i]] - 1;
		int lo = hexval[(unsigned char)hex[2 * i + 1]] - 1;
		if (hi < 0 || lo < 0)
			return -1;
		out->id[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/*
 * strtoumax(p, NULL, 10) on raw[pos..] without reading past `len` or a NUL:
 * C white space (with \v \f), a sign, digits; saturates like strtoumax.
 */
static uintmax_t c_strtoumax(const char *raw, size_t pos, size_t len)
{
	uintmax_t v = 0;
	int neg = 0, overflow = 0;

	while (pos < len && (raw[pos] == ' ' || (raw[pos] >= '\t' && raw[pos] <= '\r')))
		pos++;
	if (pos < len && (raw[pos] == '+' || raw[pos] == '-'))
		neg = raw[pos++] == '-';
	for (; pos < len && g_isdigit((unsigned char)raw[pos]); pos++) {
		unsigned d = (unsigned)(raw[pos] - '0');
		if (v > (UINTMAX_MAX - d) / 10)
			overflow = 1;
		else
			v = v * 10 + d;
	}
	if (overflow)
		return UINTMAX_MAX;
	return neg ? (uintmax_t)0 - v : v;
}

static int64_t clamp_time(uintmax_t t)
{
	return t > (uintmax_t)INT64_MAX ? INT64_MAX : (int64_t)t;
}

/*
 * parse_commit_date: the committer date of a commit whose "author" line
 * comes right after the parents, as git's walk sorts by it; 0 otherwise.
 */
static int64_t parse_commit_date(const char *raw, size_t pos, size_t len)
{
	size_t datepos;

	if (pos + 6 >= len || memcmp(raw + pos, "author", 6))
		return 0;
	while (pos < len && raw[pos++] != '\n')
		;
	if (pos + 9 >= len || memcmp(raw + pos, "committer", 9))
		return 0;
	while (pos < len && raw[pos++] != '>')
		;
	if (pos >= len)
		return 0;
	datepos = pos;
	while (pos < len && raw[pos++] != '\n')
		;
	if (pos >= len)
		return 0;
	/* git's buffer ends in a NUL: strtoumax stops at the first one */
	{
		const char *nul = memchr(raw + datepos, '\0', len - datepos);
		size_t lim = nul ? (size_t)(nul - raw) : len;
		return clamp_time(c_strtoumax(raw, datepos, lim));
	}
}

int as_commit_parse_graph(as_commit *c, const git_oid *oid, const char *raw,
			  size_t len)
{
	const size_t tree_entry_len = GIT_OID_HEXSZ + 5;
	const size_t parent_entry_len = GIT_OID_HEXSZ + 7;
	size_t pos;

	git_oid_cpy(&c->oid, oid);
	git_oid_fmt(c->hex, oid);
	c->hex[GIT_OID_HEXSZ] = '\0';
	c->nparents = 0;
	c->commit_time = 0;

	if (len <= tree_entry_len + 1 || memcmp(raw, "tree ", 5) ||
	    raw[tree_entry_len] != '\n')
		return as_error_set(AS_EINTERNAL, "commit %s: bogus commit object (no tree line)",
				    c->hex);
	if (oid_from_hex(&c->tree, raw + 5) < 0)
		return as_error_set(AS_EINTERNAL, "commit %s: bad tree pointer", c->hex);
	pos = tree_entry_len + 1;

	while (pos + parent_entry_len < len && !memcmp(raw + pos, "parent ", 7)) {
		if (len <= pos + parent_entry_len + 1 ||
		    raw[pos + parent_entry_len] != '\n')
			return as_error_set(AS_EINTERNAL, "commit %s: bad parents", c->hex);
		AS_GROW(c->parents, c->nparents + 1, c->parents_alloc);
		if (oid_from_hex(&c->parents[c->nparents], raw + pos + 7) < 0)
			return as_error_set(AS_EINTERNAL, "commit %s: bad parents", c->hex);
		c->nparents++;
		pos += parent_entry_len + 1;
	}
	c->commit_time = parse_commit_date(raw, pos, len);
	return 0;
}

/* ---- encoding: repo_logmsg_reencode ------------------------------------ */

/* utf8.c's same_utf_encoding / is_encoding_utf8 against "UTF-8". */
static int is_utf8_name(const char *name)
{
	if (strncasecmp(name, "utf", 3))
		return !strcasecmp(name, "UTF-8");
	name += 3;
	if (*name == '-')
		name++;
	return !strcasecmp(name, "8");
}

/* find_header_mem: the first header line "encoding <value>". */
static int find_encoding(const char *buf, size_t n, size_t *val, size_t *val_len)
{
	size_t line = 0;
	while (line < n) {
		const char *nl = memchr(buf + line, '\n', n - line);
		size_t eol = nl ? (size_t)(nl - buf) : n;
		if (eol == line)
			return 0;
		if (eol - line > 8 && !memcmp(buf + line, "encoding ", 9)) {
			*val = line + 9;
			*val_len = eol - line - 9;
			return 1;
		}
		line = eol + 1;
	}
	return 0;
}

static int same_utf_encoding(const char *a, const char *b)
{
	if (strncasecmp(a, "utf", 3) || strncasecmp(b, "utf", 3))
		return 0;
	a += 3;
	b += 3;
	if (*a == '-')
		a++;
	if (*b == '-')
		b++;
	return !strcasecmp(a, b);
}

/* An iconv descriptor from `enc` to UTF-8, cached for the next commit. */
static iconv_t get_iconv(as_commit *c, const char *enc)
{
	const char *in = enc;
	iconv_t cd;

	if ((c->iconv_cd_ || c->iconv_failed_) &&
	    !strcmp(as_buf_cstr(&c->iconv_from_), enc)) {
		if (c->iconv_failed_)
			return (iconv_t)-1;
		/* back to the initial shift state */
		iconv((iconv_t)c->iconv_cd_, NULL, NULL, NULL, NULL);
		return (iconv_t)c->iconv_cd_;
	}
	if (c->iconv_cd_)
		iconv_close((iconv_t)c->iconv_cd_);
	c->iconv_cd_ = NULL;
	c->iconv_failed_ = 0;
	as_buf_clear(&c->iconv_from_);
	as_buf_puts(&c->iconv_from_, enc);

	/* UTF-16LE-BOM is the same as UTF-16 for reading */
	if (same_utf_encoding("UTF-16LE-BOM", in))
		in = "UTF-16";
	cd = iconv_open("UTF-8", in);
	/* utf8.c's fallback_encoding (the UTF-8 spellings never get here) */
	if (cd == (iconv_t)-1 && !strcasecmp(in, "latin-1"))
		cd = iconv_open("UTF-8", "ISO-8859-1");
	if (cd == (iconv_t)-1)
		c->iconv_failed_ = 1;
	else
		c->iconv_cd_ = (void *)cd;
	return cd;
}

/*
 * reencode_string_iconv: the whole object from `enc` to UTF-8 into
 * c->recoded_. Returns 0, or -1 when git would give up and show the
 * object as it is (unknown encoding, invalid or incomplete input).
 */
static int recode(as_commit *c, const char *enc, const char *in, size_t insz)
{
	iconv_t cd = get_iconv(c, enc);
	char *ip = (char *)(uintptr_t)in;  /* iconv's prototype is not const */
	size_t left = insz;

	if (cd == (iconv_t)-1)
		return -1;
	as_buf_clear(&c->recoded_);
	as_buf_grow(&c->recoded_, insz + 1);
	for (;;) {
		char *op = c->recoded_.ptr + c->recoded_.len;
		size_t room = c->recoded_.cap - c->recoded_.len - 1;
		size_t before = room;
		size_t r = iconv(cd, &ip, &left, &op, &room);
		c->recoded_.len += before - room;
		if (r != (size_t)-1)
			break;
		if (errno != E2BIG)
			return -1;
		as_buf_grow(&c->recoded_, left * 2 + 32);
	}
	c->recoded_.ptr[c->recoded_.len] = '\0';
	return 0;
}

/* ---- the pretty.c view: header, subject, body, author ------------------ */

/*
 * ident.c's split_ident_line, for the name and e-mail only: returns -1
 * when there is no '<', or no '>' after it (git log then prints "%aN" and
 * "%aE" themselves: unknown placeholders are copied). The name ends at
 * the last non-space before '<'; the e-mail is not trimmed.
 */
static int split_ident(const char *line, size_t len, size_t *name_end,
		       size_t *mail_begin, size_t *mail_end)
{
	const char *lt = memchr(line, '<', len), *gt;
	size_t cp;

	if (!lt)
		return -1;
	*mail_begin = (size_t)(lt - line) + 1;
	*name_end = 0;
	for (cp = *mail_begin - 1; cp > 0; cp--)
		if (!g_isspace((unsigned char)line[cp - 1])) {
			*name_end = cp;
			break;
		}
	gt = memchr(line + *mail_begin, '>', len - *mail_begin);
	if (!gt)
		return -1;
	*mail_end = (size_t)(gt - line);
	return 0;
}

/* The date of an ident: the digits after the last '>' and white space. */
int64_t as_ident_date(const char *line, size_t len)
{
	const char *gt = memrchr(line, '>', len);
	size_t pos = gt ? (size_t)(gt - line) + 1 : len;
	uintmax_t v = 0;

	while (pos < len && g_isspace((unsigned char)line[pos]))
		pos++;
	for (; pos < len && g_isdigit((unsigned char)line[pos]); pos++) {
		unsigned d = (unsigned)(line[pos] - '0');
		if (v > (UINTMAX_MAX - d) / 10)
			return INT64_MAX;
		v = v * 10 + d;
	}
	return clamp_time(v);
}

/* pretty.c's get_one_line + is_blank_line: the line at pos, its end after
 * the newline, and its length without trailing white space. */
static size_t one_line(const char *buf, size_t n, size_t pos, size_t *trimmed)
{
	const char *nl = memchr(buf + pos, '\n', n - pos);
	size_t end = nl ? (size_t)(nl - buf) + 1 : n;
	size_t t = end;
	while (t > pos && g_isspace((unsigned char)buf[t - 1]))
		t--;
	*trimmed = t - pos;
	return end;
}

static size_t skip_blank_lines(const char *buf, size_t n, size_t pos)
{
	while (pos < n) {
		size_t trimmed, end = one_line(buf, n, pos, &trimmed);
		if (trimmed)
			break;
		pos = end;
	}
	return pos;
}

static void clear_fields(as_commit *c)
{
	c->author_time = 0;
	c->author_bogus = 1;
	as_buf_clear(&c->author_name);
	as_buf_clear(&c->author_email);
	as_buf_clear(&c->message);
	as_buf_clear(&c->subject);
	as_buf_clear(&c->body);
	as_buf_clear(&c->encoding);
	as_trailers_reset(&c->trailers);
	c->raw_encoding = 0;
	/* the buffers always hold a string, even an empty one */
	as_buf_put(&c->author_name, "", 0);
	as_buf_put(&c->author_email, "", 0);
	as_buf_put(&c->message, "", 0);
	as_buf_put(&c->subject, "", 0);
	as_buf_put(&c->body, "", 0);
	as_buf_put(&c->encoding, "", 0);
}

/*
 * The header part of as_commit_parse: the graph, the encoding (the text is
 * re-encoded to UTF-8 when it names another one) and the author line.
 * Sets *buf and *blen to the text to read the message from (the object,
 * or its re-encoded copy) and *message_off to where the header ends.
 */
void as_commit_start(as_commit *c, const git_oid *oid)
{
	clear_fields(c);
	git_oid_cpy(&c->oid, oid);
	git_oid_fmt(c->hex, oid);
	c->hex[GIT_OID_HEXSZ] = '\0';
	c->nparents = 0;
	c->commit_time = 0;
	memset(&c->tree, 0, sizeof(c->tree));
}

static int parse_header(as_commit *c, const git_oid *oid, const char *raw,
			size_t len, const as_mailmap *mm, const char **bufp,
			size_t *blenp, size_t *message_off)
{
	const char *buf = raw, *nul;
	size_t n, blen = len, i, author = 0, author_len = 0, enc, enc_len;
	int have_author = 0, err;

	clear_fields(c);
	err = as_commit_parse_graph(c, oid, raw, len);
	if (err < 0)
		return err;

	/* the encoding header and the re-encoding see a C string */
	nul = memchr(raw, '\0', len);
	n = nul ? (size_t)(nul - raw) : len;
	if (find_encoding(raw, n, &enc, &enc_len)) {
		as_buf_put(&c->encoding, raw + enc, enc_len);
		if (!is_utf8_name(c->encoding.ptr)) {
			if (recode(c, c->encoding.ptr, raw, n) == 0) {
				buf = c->recoded_.ptr;
				nul = memchr(buf, '\0', c->recoded_.len);
				blen = nul ? (size_t)(nul - buf) : c->recoded_.len;
			} else {
				c->raw_encoding = 1;
			}
		}
	}

	/*
	 * parse_commit_header. git's loop ends a line at '\n' or NUL and goes
	 * on after a NUL (it stops at two in a row), so a NUL in a header
	 * cuts that header only. The last author line wins.
	 */
	for (i = 0; i < blen && buf[i];) {
		size_t eol = i;
		while (eol < blen && buf[eol] && buf[eol] != '\n')
			eol++;
		if (eol == i)
			break;
		if (eol - i >= 7 && !memcmp(buf + i, "author ", 7)) {
			author = i + 7;
			author_len = eol - author;
			have_author = 1;
		}
		/* (at the very end git reads past its buffer; we stop) */
		i = eol < blen ? eol + 1 : blen;
	}
	*message_off = i;  /* at the '\n' of the empty line (or a NUL, or the end) */
	*bufp = buf;
	*blenp = blen;

	if (have_author) {
		const char *line = buf + author;
		size_t name_end, mail_begin, mail_end;
		if (!split_ident(line, author_len, &name_end, &mail_begin, &mail_end)) {
			const char *name = line, *email = line + mail_begin;
			size_t name_len = name_end, email_len = mail_end - mail_begin;
			if (mm)
				as_mailmap_map(mm, &name, &name_len, &email, &email_len);
			as_buf_put(&c->author_name, name, name_len);
			as_buf_put(&c->author_email, email, email_len);
			c->author_time = as_ident_date(line, author_len);
			c->author_bogus = 0;
		}
	}
	return 0;
}

int as_commit_parse_author(as_commit *c, const git_oid *oid, const char *raw,
			   size_t len)
{
	const char *buf;
	size_t blen, message_off;
	return parse_header(c, oid, raw, len, NULL, &buf, &blen, &message_off);
}

int as_commit_parse(as_commit *c, const git_oid *oid, const char *raw,
		    size_t len, const as_mailmap *mm)
{
	const char *buf, *nul;
	size_t n, blen, message_off, pos, end;
	int first = 1;
	int err = parse_header(c, oid, raw, len, mm, &buf, &blen, &message_off);
	if (err < 0)
		return err;

	/* %B: from after that byte; everything else from message_off. All are
	 * C strings: they end at the next NUL. */
	if (message_off < blen) {
		nul = memchr(buf + message_off + 1, '\0', blen - message_off - 1);
		end = nul ? (size_t)(nul - buf) : blen;
		as_buf_put(&c->message, buf + message_off + 1, end - message_off - 1);
	}
	nul = memchr(buf + message_off, '\0', blen - message_off);
	n = nul ? (size_t)(nul - buf) : blen;

	/* parse_commit_message and format_subject */
	pos = skip_blank_lines(buf, n, message_off);
	as_trailers_parse(&c->trailers, buf + pos, n - pos);
	for (; pos < n;) {
		size_t trimmed, eol = one_line(buf, n, pos, &trimmed);
		if (!trimmed) {
			pos = eol;
			break;
		}
		if (!first)
			as_buf_putc(&c->subject, ' ');
		as_buf_put(&c->subject, buf + pos, trimmed);
		first = 0;
		pos = eol;
	}
	pos = skip_blank_lines(buf, n, pos);
	as_buf_put(&c->body, buf + pos, n - pos);
	return 0;
}

void as_commit_author(const as_commit *c, as_buf *out)
{
	as_buf_put(out, c->author_name.ptr, c->author_name.len);
	as_buf_puts(out, " <");
	as_buf_put(out, c->author_email.ptr, c->author_email.len);
	as_buf_putc(out, '>');
}

/* The head ends, and the tail starts, at a line boundary when one is near. */
int as_commit_cut_message(as_commit_cut *cut, as_buf *object, const char *raw, size_t len,
			  size_t max)
{
	memset(cut, 0, sizeof(*cut));
	const char *hdr_end = memmem(raw, len, "\n\n", 2);
	if (!max || !hdr_end || memchr(raw, '\0', (size_t)(hdr_end - raw)))
		return 0;
	size_t off = (size_t)(hdr_end - raw) + 2;
	const char *nul = memchr(raw + off, '\0', len - off);
	size_t n = nul ? (size_t)(nul - (raw + off)) : len - off;
	if (n <= max)
		return 0;
	const char *m = raw + off;
	size_t h = max / 2, t = max / 2;
	const char *nl = memrchr(m, '\n', h);
	if (nl && (size_t)(nl - m) > h / 2)
		h = (size_t)(nl - m) + 1;
	nl = memchr(m + n - t, '\n', t);
	if (nl && (size_t)(m + n - nl - 1) > t / 2)
		t = (size_t)(m + n - nl - 1);
	as_buf_clear(object);
	as_buf_grow(object, off + h + t + 2);
	as_buf_put(object, raw, off);
	as_buf_put(object, m, h);
	as_buf_puts(object, h && m[h - 1] == '\n' ? "\n" : "\n\n");
	as_buf_put(object, m + n - t, t);
	cut->full = m;
	cut->full_len = n;
	cut->head = h;
	cut->tail = t;
	return 1;
}
