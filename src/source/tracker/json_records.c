/*
 * JSON exports, one record at a time (json_records.h).
 */
#include "source/tracker/json_records.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"

/* One record bigger than this is not a tracker record. */
#define MAX_RECORD (8u << 20)

typedef struct {
	trk_json_reader *jr;
	trk_json_place at;
	as_buf buf;           /* a record that straddles two chunks */
} splitter;

static int skip_ws(trk_reader *r)
{
	for (;;) {
		if (r->pos == r->len && trk_reader_fill(r) <= 0)
			return -1;
		unsigned char c = r->buf[r->pos++];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return c;
	}
}

static int rec_fail(splitter *sp, const char *what)
{
	return trk_fail_record(sp->jr->r, sp->at.n, sp->at.start, "%s", what);
}

static int too_big(splitter *sp)
{
	return trk_fail_record(sp->jr->r, sp->at.n, sp->at.start,
			       "larger than %u MiB: not a tracker record", MAX_RECORD >> 20);
}

/*
 * Reads one object whose '{' was just consumed. Sets *data and *len to its
 * text: in place in the reader's chunk when it fits there, else copied to
 * sp->buf.
 */
static int read_object(splitter *sp, const char **data, size_t *len)
{
	trk_reader *r = sp->jr->r;
	size_t from = r->pos - 1;
	int depth = 1, in_str = 0, esc = 0, copied = 0;

	as_buf_clear(&sp->buf);
	for (;;) {
		const unsigned char *b = r->buf;
		size_t i = r->pos, n = r->len;
		for (; i < n; i++) {
			unsigned char c = b[i];
			if (in_str) {
				if (esc)
					esc = 0;
				else if (c == '\\')
					esc = 1;
				else if (c == '"')
					in_str = 0;
				continue;
			}
			if (c == '"')
				in_str = 1;
			else if (c == '{' || c == '[')
				depth++;
			else if ((c == '}' || c == ']') && --depth == 0)
				break;
		}
		if (i < n) {
			r->pos = i + 1;
			if (!copied) {
				*data = (const char *)r->buf + from;
				*len = r->pos - from;
			} else {
				as_buf_put(&sp->buf, r->buf, r->pos);
				*data = sp->buf.ptr;
				*len = sp->buf.len;
			}
			return *len > MAX_RECORD ? too_big(sp) : 0;
		}
		as_buf_put(&sp->buf, r->buf + from, n - from);
		copied = 1;
		from = 0;
		r->pos = n;
		if (sp->buf.len > MAX_RECORD)
			return too_big(sp);
		int rc = trk_reader_fill(r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return rec_fail(sp, in_str ? "the file ends inside this record (in a string)"
					    : "the file ends inside this record");
	}
}

/*
 * A strict JSON check of one record (RFC 8259, UTF-8, no \u0000, as
 * jansson reads it) that also finds the string value of the record's
 * top-level peek key, with no allocation.
 */
typedef struct {
	const unsigned char *s;
	size_t n, i;
	const char *err;
	const char *peek;      /* the key whose value we look for, or NULL */
	size_t peek_len;
	size_t ev_so, ev_eo;   /* its value, when found */
	int ev_found, ev_escaped;
} jv;

#define JV_MAX_DEPTH 64

static int jv_fail(jv *v, const char *what)
{
	v->err = what;
	return -1;
}

static void jv_ws(jv *v)
{
	while (v->i < v->n && (v->s[v->i] == ' ' || v->s[v->i] == '\t' ||
			       v->s[v->i] == '\n' || v->s[v->i] == '\r'))
		v->i++;
}

/* Length of the UTF-8 sequence at s (well-formed, no surrogates,
 * <= U+10FFFF), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	if (len == 2)
		return 2;
	unsigned cp = len == 3 ? ((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu)
			       : ((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) |
				 ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
	min = len == 3 ? 0x800 : 0x10000;
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static int jv_string(jv *v, size_t *so, size_t *eo, int *escaped)
{
	const unsigned char *s = v->s;
	size_t n = v->n, i = v->i + 1;
	*so = i;
	*escaped = 0;
	for (;;) {
		while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
			i++;
		if (i >= n) {
			v->i = i;
			return jv_fail(v, "the string never ends");
		}
		unsigned char c = s[i];
		if (c == '"') {
			*eo = i;
			v->i = i + 1;
			return 0;
		}
		if (c == '\\') {
			*escaped = 1;
			if (i + 1 >= n) {
				v->i = i;
				return jv_fail(v, "the string never ends");
			}
			c = s[i + 1];
			if (c == 'u') {
				unsigned cp = 0;
				for (size_t k = 2; k < 6; k++) {
					unsigned char h = i + k < n ? s[i + k] : 0;
					unsigned d = h >= '0' && h <= '9' ? (unsigned)(h - '0')
						   : h >= 'a' && h <= 'f' ? (unsigned)(h - 'a') + 10u
						   : h >= 'A' && h <= 'F' ? (unsigned)(h - 'A') + 10u : 99u;
					if (d == 99) {
						v->i = i;
						return jv_fail(v, "invalid \\u escape");
					}
					cp = cp * 16 + d;
				}
				if (!cp) {
					v->i = i;
					return jv_fail(v, "\\u0000 is not allowed in a string");
				}
				i += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", c) || !c) {
				v->i = i;
				return jv_fail(v, "invalid escape in a string");
			}
			i += 2;
			continue;
		}
		if (c < 0x20) {
			v->i = i;
			return jv_fail(v, "control character in a string");
		}
		size_t len = utf8_len(s + i, n - i);
		if (!len) {
			v->i = i;
			return jv_fail(v, "invalid UTF-8");
		}
		i += len;
	}
}

static int jv_digits(jv *v)
{
	size_t start = v->i;
	while (v->i < v->n && v->s[v->i] >= '0' && v->s[v->i] <= '9')
		v->i++;
	return v->i > start ? 0 : jv_fail(v, "invalid number");
}

static int jv_number(jv *v)
{
	if (v->s[v->i] == '-')
		v->i++;
	if (v->i < v->n && v->s[v->i] == '0')
		v->i++;
	else if (jv_digits(v) < 0)
		return -1;
	if (v->i < v->n && v->s[v->i] == '.') {
		v->i++;
		if (jv_digits(v) < 0)
			return -1;
	}
	if (v->i < v->n && (v->s[v->i] == 'e' || v->s[v->i] == 'E')) {
		v->i++;
		if (v->i < v->n && (v->s[v->i] == '+' || v->s[v->i] == '-'))
			v->i++;
		if (jv_digits(v) < 0)
			return -1;
	}
	return 0;
}

static int jv_value(jv *v, int depth);

static int jv_container(jv *v, int depth)
{
	int object = v->s[v->i] == '{';
	char close = object ? '}' : ']';
	if (depth >= JV_MAX_DEPTH)
		return jv_fail(v, "nested too deeply");
	v->i++;
	jv_ws(v);
	if (v->i < v->n && v->s[v->i] == close) {
		v->i++;
		return 0;
	}
	for (;;) {
		int is_event = 0;
		if (object) {
			size_t so, eo;
			int esc;
			if (v->i >= v->n || v->s[v->i] != '"')
				return jv_fail(v, "expected a \"key\"");
			if (jv_string(v, &so, &eo, &esc) < 0)
				return -1;
			is_event = depth == 0 && v->peek && eo - so == v->peek_len &&
				   !memcmp(v->s + so, v->peek, v->peek_len);
			jv_ws(v);
			if (v->i >= v->n || v->s[v->i] != ':')
				return jv_fail(v, "expected ':' after a key");
			v->i++;
			jv_ws(v);
		}
		if (is_event && v->i < v->n && v->s[v->i] == '"') {
			if (jv_string(v, &v->ev_so, &v->ev_eo, &v->ev_escaped) < 0)
				return -1;
			v->ev_found = 1;
		} else {
			if (is_event)
				v->ev_found = 0;
			if (jv_value(v, depth + 1) < 0)
				return -1;
		}
		jv_ws(v);
		if (v->i < v->n && v->s[v->i] == ',') {
			v->i++;
			jv_ws(v);
			continue;
		}
		if (v->i < v->n && v->s[v->i] == close) {
			v->i++;
			return 0;
		}
		return jv_fail(v, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int jv_value(jv *v, int depth)
{
	size_t so, eo;
	int esc;
	if (v->i >= v->n)
		return jv_fail(v, "expected a value");
	switch (v->s[v->i]) {
	case '{':
	case '[':
		return jv_container(v, depth);
	case '"':
		return jv_string(v, &so, &eo, &esc);
	case 't':
	case 'f':
	case 'n': {
		const char *word = v->s[v->i] == 't' ? "true" : v->s[v->i] == 'f' ? "false" : "null";
		size_t len = strlen(word);
		if (v->n - v->i < len || memcmp(v->s + v->i, word, len))
			return jv_fail(v, "invalid literal");
		v->i += len;
		return 0;
	}
	default:
		if (v->s[v->i] == '-' || (v->s[v->i] >= '0' && v->s[v->i] <= '9'))
			return jv_number(v);
		return jv_fail(v, "unexpected character");
	}
}

static int check_record(splitter *sp, jv *v, const char *data, size_t len)
{
	memset(v, 0, sizeof(*v));
	v->s = (const unsigned char *)data;
	v->n = len;
	v->peek = sp->jr->peek_key;
	v->peek_len = v->peek ? strlen(v->peek) : 0;
	if (jv_container(v, 0) == 0 && v->i == len)
		return 0;
	if (!v->err)
		v->err = "text after the record";
	return trk_fail_record(sp->jr->r, sp->at.n, sp->at.start, "invalid JSON at byte %llu: %s",
			       (unsigned long long)(sp->at.start + v->i), v->err);
}

static int on_record(splitter *sp, const char *data, size_t len)
{
	trk_json_reader *jr = sp->jr;
	json_error_t jerr;
	jv v;
	int err = check_record(sp, &v, data, len);
	if (err < 0)
		return err;
	if (jr->want && v.ev_found && !v.ev_escaped &&
	    !jr->want(jr->ctx, data + v.ev_so, v.ev_eo - v.ev_so))
		return 0;
	if (jr->raw)
		return jr->raw(jr->ctx, data, len, &sp->at);
	json_t *o = json_loadb(data, len, 0, &jerr);
	if (!o)
		return trk_fail_record(jr->r, sp->at.n, sp->at.start, "invalid JSON at byte %llu: %s",
				       (unsigned long long)(sp->at.start + (uint64_t)jerr.position),
				       jerr.text);
	err = jr->record(jr->ctx, o, &sp->at);
	json_decref(o);
	return err;
}

static int at_eof(const trk_reader *r)
{
	return r->eof < 0 ? AS_EINTERNAL : 0;
}

static int byte_fail(const trk_reader *r, int c, const char *what)
{
	uint64_t at = trk_tell(r) - (c >= 0);
	char seen[16];
	if (c < 0)
		return trk_fail_byte(r, at, "the file ends where %s", what);
	if (c > 0x20 && c < 0x7f)
		snprintf(seen, sizeof(seen), "'%c'", c);
	else
		snprintf(seen, sizeof(seen), "byte 0x%02x", (unsigned)c);
	return trk_fail_byte(r, at, "unexpected %s where %s", seen, what);
}

/* One record whose first byte `c` was just read. */
static int one_record(splitter *sp, int c)
{
	trk_reader *r = sp->jr->r;
	sp->at.n = ++sp->jr->records;
	sp->at.start = trk_tell(r) - (c >= 0);
	if (c != '{')
		return rec_fail(sp, "not a JSON object");
	const char *data = NULL;
	size_t len = 0;
	int err = read_object(sp, &data, &len);
	return err < 0 ? err : on_record(sp, data, len);
}

/* One top-level array: '[' was consumed. */
static int read_page(splitter *sp)
{
	trk_reader *r = sp->jr->r;
	int c = skip_ws(r);
	if (c == ']')
		return 0;
	for (;;) {
		if (c < 0)
			return at_eof(r) ? AS_EINTERNAL
					 : byte_fail(r, c, "a record or ']' should follow");
		int err = one_record(sp, c);
		if (err < 0)
			return err;
		c = skip_ws(r);
		if (c == ']')
			return 0;
		if (c != ',')
			return at_eof(r) ? AS_EINTERNAL
					 : byte_fail(r, c, "',' or ']' should follow a record");
		c = skip_ws(r);
		if (c == ']' || c < 0)
			return at_eof(r) ? AS_EINTERNAL
					 : byte_fail(r, c, "a record should follow ','");
	}
}

int trk_json_read_arrays(trk_json_reader *jr)
{
	splitter sp = { .jr = jr };
	trk_reader *r = jr->r;
	int pages = 0, err = 0;

	trk_reader_skip_bom(r);
	for (;;) {
		int c = skip_ws(r);
		if (c < 0) {
			if (at_eof(r))
				err = AS_EINTERNAL;
			else if (!pages)
				err = byte_fail(r, c, "a JSON array '[' should start");
			break;
		}
		if (c != '[') {
			err = byte_fail(r, c, pages ? "another page '[' or the end of the file "
					"should follow the array" : "a JSON array '[' should start");
			break;
		}
		pages++;
		if ((err = read_page(&sp)) < 0)
			break;
	}
	as_buf_free(&sp.buf);
	return err;
}

int trk_json_read_object(trk_json_reader *jr)
{
	splitter sp = { .jr = jr };
	trk_reader *r = jr->r;
	int err;

	trk_reader_skip_bom(r);
	int c = skip_ws(r);
	if (c != '{')
		err = at_eof(r) ? AS_EINTERNAL : byte_fail(r, c, "a JSON object '{' should start");
	else if ((err = one_record(&sp, c)) == 0 && (c = skip_ws(r)) >= 0)
		err = byte_fail(r, c, "the end of the file should follow the object");
	else if (err == 0 && at_eof(r))
		err = AS_EINTERNAL;
	as_buf_free(&sp.buf);
	return err;
}

/* ---- what a file starts with ---------------------------------------------- */

static size_t ws(const unsigned char *b, size_t len, size_t i)
{
	while (i < len && strchr(" \t\r\n", b[i]) && b[i])
		i++;
	return i;
}

/* Past the string starting at b[i] == '"'; len when it does not end. */
static size_t past_string(const unsigned char *b, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (b[i] == '\\')
			i++;
		else if (b[i] == '"')
			return i + 1;
	}
	return len;
}

void trk_json_head_read(trk_json_head *h, const unsigned char *b, size_t len)
{
	size_t i = 0;
	memset(h, 0, sizeof(*h));
	if (len >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
		i = 3;
	i = ws(b, len, i);
	if (i >= len || (b[i] != '[' && b[i] != '{'))
		return;
	h->shape = b[i];
	if (b[i] == '[') {
		i = ws(b, len, i + 1);
		if (i < len && b[i] == ']') {
			h->empty_array = 1;
			return;
		}
		if (i >= len || b[i] != '{')
			return;
	}
	h->first = i;
	/* the first object's keys: strings at depth 1 followed by ':' */
	int depth = 0;
	for (; i < len; i++) {
		unsigned char c = b[i];
		if (c == '"') {
			size_t end = past_string(b, len, i);
			size_t k = ws(b, len, end);
			if (depth == 1 && k < len && b[k] == ':' && end - i - 2 < 200 &&
			    h->keys_len + (end - i - 2) + 1 < sizeof(h->keys)) {
				memcpy(h->keys + h->keys_len, b + i + 1, end - i - 2);
				h->keys_len += end - i - 2;
				h->keys[h->keys_len++] = '\0';
			}
			i = end - 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			break;
		}
	}
}

int trk_json_head_has(const trk_json_head *h, const char *key)
{
	for (size_t i = 0; i < h->keys_len; i += strlen(h->keys + i) + 1)
		if (!strcmp(h->keys + i, key))
			return 1;
	return 0;
}
