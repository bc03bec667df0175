/*
 * GitHub exports: the issue events of GET /repos/{owner}/{repo}/issues/events
 * (one array, or the arrays `gh api --paginate` writes one after another:
 * "[...][...]" or "[...]\n[...]"), and the issues of
 * `gh issue list --json number,title,author,assignees,createdAt`.
 *
 * A 100 MB export must not become a gigabyte of json_t: we find the
 * records of the top-level arrays ourselves (strings, escapes and nesting
 * are all it takes to find where an object ends) and hand one record at a
 * time to jansson, so memory holds one record plus the compact
 * assignments, and every error knows its record and byte offset.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/tracker_int.h"
#include "util/error.h"

/* One record bigger than this is not a GitHub event or issue. */
#define MAX_RECORD (8u << 20)

enum { MODE_DETECT, MODE_EVENTS, MODE_ISSUES };

typedef struct {
	as_tracker_export *x;
	trk_reader *r;
	int mode;
	uint64_t n;           /* records so far */
	uint64_t start;       /* byte offset of the current record */
	as_buf buf;           /* a record that straddles two chunks */
	as_buf tmp;
} gh;

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

static int at_eof(gh *g)
{
	return g->r->eof < 0 ? AS_EINTERNAL : 0;
}

__attribute__((format(printf, 2, 3)))
static int rec_fail(gh *g, const char *fmt, ...)
{
	as_buf b = AS_BUF_INIT;
	va_list ap;
	as_buf_printf(&b, "%s: record %llu (byte %llu): ", g->r->path,
		      (unsigned long long)g->n, (unsigned long long)g->start);
	va_start(ap, fmt);
	as_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	as_error_set(AS_EINPUT, "%s", b.ptr);
	as_buf_free(&b);
	return AS_EINPUT;
}

/*
 * Reads one object whose '{' was just consumed. Sets *data and *len to its
 * text: in place in the reader's chunk when it fits there, else copied to
 * g->buf.
 */
static int read_object(gh *g, const char **data, size_t *len)
{
	trk_reader *r = g->r;
	size_t from = r->pos - 1;
	int depth = 1, in_str = 0, esc = 0, copied = 0;

	as_buf_clear(&g->buf);
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
				as_buf_put(&g->buf, r->buf, r->pos);
				*data = g->buf.ptr;
				*len = g->buf.len;
			}
			if (*len > MAX_RECORD)
				return rec_fail(g, "larger than %u MiB: not a GitHub record",
						MAX_RECORD >> 20);
			return 0;
		}
		as_buf_put(&g->buf, r->buf + from, n - from);
		copied = 1;
		from = 0;
		r->pos = n;
		if (g->buf.len > MAX_RECORD)
			return rec_fail(g, "larger than %u MiB: not a GitHub record",
					MAX_RECORD >> 20);
		int rc = trk_reader_fill(r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return rec_fail(g, "the file ends inside this record%s",
					in_str ? " (in a string)" : "");
	}
}

/* "@login" of a user object; null (a deleted account) is GitHub's ghost. */
static int login_of(gh *g, json_t *user, const char *what, uint32_t *out)
{
	if (json_is_null(user)) {
		*out = trk_intern(g->x, "@ghost", 6);
		return 0;
	}
	json_t *login = json_object_get(user, "login");
	if (!json_is_string(login) || !json_string_length(login))
		return rec_fail(g, "\"%s\" has no \"login\"", what);
	as_buf_clear(&g->tmp);
	as_buf_putc(&g->tmp, '@');
	as_buf_put(&g->tmp, json_string_value(login), json_string_length(login));
	*out = trk_intern(g->x, g->tmp.ptr, g->tmp.len);
	return 0;
}

static int time_of(gh *g, json_t *o, const char *key, int64_t *out)
{
	json_t *t = json_object_get(o, key);
	*out = 0;
	if (!t || json_is_null(t))
		return 0;
	if (!json_is_string(t) || trk_parse_iso8601(out, json_string_value(t)) < 0)
		return rec_fail(g, "\"%s\" is not an ISO 8601 time", key);
	return 0;
}

static int issue_of(gh *g, json_t *number, uint32_t *out)
{
	char num[32];
	if (!json_is_integer(number))
		return rec_fail(g, "no issue \"number\"");
	int n = snprintf(num, sizeof(num), "#%lld", (long long)json_integer_value(number));
	*out = trk_intern(g->x, num, (size_t)n);
	return 0;
}

static uint32_t string_of(gh *g, json_t *s)
{
	return json_is_string(s) ? trk_intern(g->x, json_string_value(s), json_string_length(s)) : 0;
}

static int on_event(gh *g, json_t *o)
{
	json_t *event = json_object_get(o, "event");
	if (!json_is_string(event))
		return rec_fail(g, "no \"event\" string: not a GitHub issue event");
	const char *name = json_string_value(event);
	int kind = !strcmp(name, "assigned") ? TRK_ASSIGNED
		 : !strcmp(name, "unassigned") ? TRK_UNASSIGNED : 0;
	if (!kind)
		return 0; /* labeled, closed, referenced...: not assignments */

	json_t *id = json_object_get(o, "id");
	if (!json_is_integer(id))
		return rec_fail(g, "\"%s\" event without an \"id\" number", name);
	json_t *assignee = json_object_get(o, "assignee");
	if (!assignee)
		return rec_fail(g, "\"%s\" event without \"assignee\"", name);
	/* GitHub documents "assigner" as the person who performed the
	 * assignment; "actor" is who generated the event (and was the
	 * assignee on the per-issue endpoint for years). */
	json_t *who = json_object_get(o, "assigner");
	const char *who_key = "assigner";
	if (!who || json_is_null(who)) {
		json_t *actor = json_object_get(o, "actor");
		if (actor || !who) {
			who = actor;
			who_key = "actor";
		}
	}
	if (!who)
		return rec_fail(g, "\"%s\" event without \"actor\"", name);

	trk_rec rec = { .kind = (uint8_t)kind, .order = (int64_t)json_integer_value(id) };
	int err;
	if ((err = login_of(g, assignee, "assignee", &rec.subject)) < 0 ||
	    (err = login_of(g, who, who_key, &rec.actor)) < 0 ||
	    (err = time_of(g, o, "created_at", &rec.time)) < 0)
		return err;
	json_t *issue = json_object_get(o, "issue");
	if (issue && !json_is_null(issue)) {
		if (!json_is_object(issue))
			return rec_fail(g, "\"issue\" is not an object");
		if ((err = issue_of(g, json_object_get(issue, "number"), &rec.issue)) < 0)
			return err;
		rec.title = string_of(g, json_object_get(issue, "title"));
	}
	char num[32];
	int n = snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(id));
	rec.record = trk_store(g->x, num, (size_t)n);
	*trk_add(g->x) = rec;
	if (kind == TRK_ASSIGNED)
		g->x->assignments++;
	return 0;
}

static int on_issue(gh *g, json_t *o)
{
	json_t *assignees = json_object_get(o, "assignees");
	json_t *author = json_object_get(o, "author");
	int err;

	if (!json_is_array(assignees))
		return rec_fail(g, "no \"assignees\" array: list the issues with "
				"gh issue list --json number,title,author,assignees,createdAt");
	if (!author)
		return rec_fail(g, "no \"author\": list the issues with "
				"gh issue list --json number,title,author,assignees,createdAt");
	trk_rec rec = { .kind = TRK_ASSIGNED };
	if ((err = issue_of(g, json_object_get(o, "number"), &rec.issue)) < 0 ||
	    (err = login_of(g, author, "author", &rec.actor)) < 0 ||
	    (err = time_of(g, o, "createdAt", &rec.time)) < 0)
		return err;
	rec.record = rec.issue;
	rec.title = string_of(g, json_object_get(o, "title"));
	for (size_t i = 0; i < json_array_size(assignees); i++) {
		char what[48];
		snprintf(what, sizeof(what), "assignees[%zu]", i);
		if ((err = login_of(g, json_array_get(assignees, i), what, &rec.subject)) < 0)
			return err;
		*trk_add(g->x) = rec;
		g->x->assignments++;
	}
	return 0;
}

/*
 * A strict JSON check of one record (RFC 8259, UTF-8, no \u0000, as
 * jansson reads it) that also finds the record's top-level "event"
 * string. Most events are not assignments: checking them this way, with
 * no allocation, and giving only the rest to jansson is what keeps a
 * 100 MB export under a second.
 */
typedef struct {
	const unsigned char *s;
	size_t n, i;
	const char *err;
	size_t ev_so, ev_eo;   /* the "event" value, when found */
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
			is_event = depth == 0 && eo - so == 5 && !memcmp(v->s + so, "event", 5);
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

static int check_record(gh *g, jv *v, const char *data, size_t len)
{
	memset(v, 0, sizeof(*v));
	v->s = (const unsigned char *)data;
	v->n = len;
	if (jv_container(v, 0) == 0 && v->i == len)
		return 0;
	if (!v->err)
		v->err = "text after the record";
	return as_error_set(AS_EINPUT, "%s: record %llu (byte %llu): invalid JSON at byte %llu: %s",
			    g->r->path, (unsigned long long)g->n, (unsigned long long)g->start,
			    (unsigned long long)(g->start + v->i), v->err);
}

static int on_record(gh *g, const char *data, size_t len)
{
	json_error_t jerr;
	jv v;
	int err = check_record(g, &v, data, len);
	if (err < 0)
		return err;
	if (g->mode == MODE_EVENTS && v.ev_found && !v.ev_escaped) {
		size_t n = v.ev_eo - v.ev_so;
		const char *ev = data + v.ev_so;
		if (!(n == 8 && !memcmp(ev, "assigned", 8)) &&
		    !(n == 10 && !memcmp(ev, "unassigned", 10)))
			return 0; /* labeled, closed, referenced...: not assignments */
	}
	json_t *o = json_loadb(data, len, 0, &jerr);
	if (!o)
		return as_error_set(AS_EINPUT, "%s: record %llu (byte %llu): invalid JSON at byte %llu: %s",
				    g->r->path, (unsigned long long)g->n,
				    (unsigned long long)g->start,
				    (unsigned long long)(g->start + (uint64_t)jerr.position),
				    jerr.text);
	if (g->mode == MODE_DETECT) {
		if (json_object_get(o, "event")) {
			g->mode = MODE_EVENTS;
		} else if (json_object_get(o, "assignees") || json_object_get(o, "author")) {
			g->mode = MODE_ISSUES;
		} else {
			json_decref(o);
			return rec_fail(g, "neither a GitHub issue event (no \"event\") nor a "
					"`gh issue list` entry (no \"assignees\"); name the "
					"format: --tracker github-events:FILE or github-issues:FILE");
		}
		g->x->format = g->mode == MODE_EVENTS ? "github-events" : "github-issues";
		g->x->weak = g->mode == MODE_ISSUES;
	}
	err = g->mode == MODE_EVENTS ? on_event(g, o) : on_issue(g, o);
	json_decref(o);
	return err;
}

static int byte_fail(gh *g, int c, const char *what)
{
	uint64_t at = trk_tell(g->r) - (c >= 0);
	char seen[16];
	if (c < 0)
		return as_error_set(AS_EINPUT, "%s: byte %llu: the file ends where %s",
				    g->r->path, (unsigned long long)at, what);
	if (c > 0x20 && c < 0x7f)
		snprintf(seen, sizeof(seen), "'%c'", c);
	else
		snprintf(seen, sizeof(seen), "byte 0x%02x", (unsigned)c);
	return as_error_set(AS_EINPUT, "%s: byte %llu: unexpected %s where %s",
			    g->r->path, (unsigned long long)at, seen, what);
}

/* One top-level array: '[' was consumed. */
static int read_page(gh *g)
{
	int c = skip_ws(g->r);
	if (c == ']')
		return 0;
	for (;;) {
		g->n++;
		g->start = trk_tell(g->r) - (c >= 0);
		if (c < 0)
			return at_eof(g) ? AS_EINTERNAL
					 : byte_fail(g, c, "a record or ']' should follow");
		if (c != '{')
			return rec_fail(g, "not a JSON object");
		const char *data = NULL;
		size_t len = 0;
		int err = read_object(g, &data, &len);
		if (err < 0 || (err = on_record(g, data, len)) < 0)
			return err;
		c = skip_ws(g->r);
		if (c == ']')
			return 0;
		if (c != ',')
			return at_eof(g) ? AS_EINTERNAL
					 : byte_fail(g, c, "',' or ']' should follow a record");
		c = skip_ws(g->r);
		if (c == ']' || c < 0)
			return at_eof(g) ? AS_EINTERNAL
					 : byte_fail(g, c, "a record should follow ','");
	}
}

int trk_read_github(as_tracker_export *x, trk_reader *r, const char *format)
{
	gh g = { .x = x, .r = r };
	int pages = 0, err = 0;

	g.mode = !format ? MODE_DETECT
	       : !strcmp(format, "github-issues") ? MODE_ISSUES : MODE_EVENTS;
	x->format = g.mode == MODE_ISSUES ? "github-issues" : "github-events";
	x->weak = g.mode == MODE_ISSUES;
	trk_reader_skip_bom(r);
	for (;;) {
		int c = skip_ws(r);
		if (c < 0) {
			if (at_eof(&g))
				err = AS_EINTERNAL;
			else if (!pages)
				err = byte_fail(&g, c, "a JSON array '[' should start");
			break;
		}
		if (c != '[') {
			err = byte_fail(&g, c, pages ? "another page '[' or the end of the file "
					"should follow the array" : "a JSON array '[' should start");
			break;
		}
		pages++;
		if ((err = read_page(&g)) < 0)
			break;
	}
	x->records = g.n;
	as_buf_free(&g.buf);
	as_buf_free(&g.tmp);
	return err;
}
