/*
 * Jira's CSV export ("Export > CSV (all fields)"): a header row, then one
 * row per issue. We read Issue key, Summary, Reporter, Assignee and
 * Created and ignore the rest. Jira repeats a column once per value of a
 * multi-valued field (Watchers, Labels, Sprint, Comment...); for the
 * columns we read, the first non-empty one counts, except Assignee, where
 * each distinct non-empty value is one assignment.
 *
 * The CSV is RFC 4180, read strictly: fields separated by commas, rows by
 * CRLF or LF; a quoted field may hold commas, line breaks and doubled
 * quotes; a UTF-8 BOM is skipped. Anything else (a quote inside an
 * unquoted field, text after a closing quote, a quoted field that never
 * closes, a row with more or fewer fields than the header, a NUL byte)
 * is an error naming the line. We do not use libcsv (Debian's libcsv-dev
 * 3.0.3): it cannot say on which line a record starts, and by default it
 * trims spaces and takes a lone CR as a row end, which is not RFC 4180.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "source/tracker/format.h"
#include "util/alloc.h"
#include "util/error.h"

#define MAX_FIELD (1u << 20)
#define MAX_FIELDS 10000

typedef struct {
	trk_reader *r;
	uint64_t line;        /* the line being read, 1-based */
	uint64_t rec_line;    /* the line the current record starts on */
	as_buf *fields;
	size_t nfields, falloc;
} csv;

#define line_fail(p, line, ...) trk_fail_line((p)->r, (line), __VA_ARGS__)

static as_buf *new_field(csv *p)
{
	if (p->nfields == MAX_FIELDS)
		return NULL;
	if (p->nfields == p->falloc) {
		size_t old = p->falloc;
		AS_GROW(p->fields, p->nfields + 1, p->falloc);
		memset(p->fields + old, 0, (p->falloc - old) * sizeof(*p->fields));
	}
	as_buf *f = &p->fields[p->nfields++];
	as_buf_clear(f);
	as_buf_put(f, "", 0);
	return f;
}

enum { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE };

/*
 * Reads one record into p->fields. Returns 1, 0 at the end of the file
 * (nothing read) or an error. A blank line is a record of one empty
 * unquoted field; the caller skips it.
 */
static int read_record(csv *p, int *blank)
{
	trk_reader *r = p->r;
	int state = FIELD_START, quoted = 0;
	uint64_t quote_line = 0;
	as_buf *f;

	p->nfields = 0;
	p->rec_line = p->line;
	if (trk_peekc(r) < 0)
		return r->eof < 0 ? AS_EINTERNAL : 0;
	f = new_field(p);
	for (;;) {
		int c = trk_getc(r);
		if (c < 0 && r->eof < 0)
			return AS_EINTERNAL;
		if (c == 0)
			return line_fail(p, p->line, "NUL byte: not a text CSV file");
		if (state == QUOTED) {
			if (c < 0)
				return line_fail(p, quote_line, "a quoted field starts here and "
						 "is never closed");
			if (c == '"') {
				state = AFTER_QUOTE;
				continue;
			}
			if (c == '\r' && trk_peekc(r) == '\n')
				continue; /* CRLF inside quotes: keep the LF */
			if (c == '\n')
				p->line++;
			if (f->len >= MAX_FIELD)
				return line_fail(p, quote_line, "a field larger than %u MiB",
						 MAX_FIELD >> 20);
			as_buf_putc(f, (char)c);
			continue;
		}
		if (c == '"' && state == AFTER_QUOTE) {
			as_buf_putc(f, '"');
			state = QUOTED;
			continue;
		}
		if (c == ',') {
			if (!(f = new_field(p)))
				return line_fail(p, p->line, "more than %d fields", MAX_FIELDS);
			state = FIELD_START;
			continue;
		}
		if (c == '\r') {
			if (trk_peekc(r) != '\n')
				return line_fail(p, p->line, "a carriage return that does not "
						 "end the line (only CRLF or LF end a row)");
			continue;
		}
		if (c == '\n' || c < 0) {
			if (c == '\n')
				p->line++;
			*blank = p->nfields == 1 && !f->len && !quoted;
			return 1;
		}
		if (state == AFTER_QUOTE)
			return line_fail(p, p->line, "'%c' after the closing quote of a field "
					 "(a field is either wholly quoted or not at all)",
					 c >= 0x20 && c < 0x7f ? c : '?');
		if (c == '"') {
			if (state == UNQUOTED)
				return line_fail(p, p->line, "a quote inside an unquoted field "
						 "(quote the whole field and double the quote)");
			state = QUOTED;
			quoted = 1;
			quote_line = p->line;
			continue;
		}
		if (f->len >= MAX_FIELD)
			return line_fail(p, p->line, "a field larger than %u MiB", MAX_FIELD >> 20);
		as_buf_putc(f, (char)c);
		state = UNQUOTED;
	}
}

static void trim(const char **s, size_t *len)
{
	while (*len && strchr(" \t\r\n", (*s)[0]))
		(*s)++, (*len)--;
	while (*len && strchr(" \t\r\n", (*s)[*len - 1]))
		(*len)--;
}

/* Jira writes dates in the exporting user's format: "12/Mar/24 10:15 AM"
 * by default, ISO-like with some settings. Taken as UTC; 0 when unknown. */
static int64_t jira_time(const char *s)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int64_t t;
	if (trk_parse_iso8601(&t, s) == 0)
		return t;
	int d, y, h = 0, m = 0, n = 0;
	char mon[4], ampm[3] = "";
	if (sscanf(s, "%2d/%3[A-Za-z]/%4d %d:%2d%n", &d, mon, &y, &h, &m, &n) < 3)
		return 0;
	if (n)
		sscanf(s + n, " %2[AaPpMm]", ampm);
	const char *at = NULL;
	for (int i = 0; i < 12 && !at; i++)
		if (!strncasecmp(months + 3 * i, mon, 3))
			at = months + 3 * i;
	if (!at || d < 1 || d > 31 || h > 23 || m > 59)
		return 0;
	if (y < 100)
		y += 2000;
	if ((ampm[0] == 'P' || ampm[0] == 'p') && h < 12)
		h += 12;
	if ((ampm[0] == 'A' || ampm[0] == 'a') && h == 12)
		h = 0;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = (int)((at - months) / 3),
			 .tm_mday = d, .tm_hour = h, .tm_min = m };
	return (int64_t)timegm(&tm);
}

typedef struct {
	size_t *cols;
	size_t n, alloc;
} columns;

static void col_add(columns *c, size_t i)
{
	AS_GROW(c->cols, c->n + 1, c->alloc);
	c->cols[c->n++] = i;
}

/* The first non-empty value of the columns, trimmed. */
static const char *first_value(csv *p, const columns *c, size_t *len)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *s = as_buf_cstr(&p->fields[c->cols[i]]);
		*len = p->fields[c->cols[i]].len;
		trim(&s, len);
		if (*len)
			return s;
	}
	*len = 0;
	return "";
}

enum { COL_KEY, COL_SUMMARY, COL_REPORTER, COL_ASSIGNEE, COL_CREATED, COL__COUNT };
static const char *const col_names[COL__COUNT] = {
	"Issue key", "Summary", "Reporter", "Assignee", "Created",
};

static int read_jira(as_export *x, trk_reader *r)
{
	csv p = { .r = r, .line = 1 };
	columns cols[COL__COUNT];
	size_t nheader = 0;
	int rc, blank = 0, err = 0;

	memset(cols, 0, sizeof(cols));
	trk_reader_skip_bom(r);

	/* the header */
	do {
		rc = read_record(&p, &blank);
	} while (rc == 1 && blank);
	if (rc < 0) {
		err = rc;
		goto done;
	}
	if (rc == 0) {
		err = as_error_set(AS_EINPUT, "%s: empty file: not a tracker export", r->path);
		goto done;
	}
	nheader = p.nfields;
	for (size_t i = 0; i < nheader; i++) {
		const char *s = as_buf_cstr(&p.fields[i]);
		size_t len = p.fields[i].len;
		trim(&s, &len);
		for (int k = 0; k < COL__COUNT; k++)
			if (strlen(col_names[k]) == len && !strncasecmp(col_names[k], s, len))
				col_add(&cols[k], i);
	}
	for (int k = 0; k < COL__COUNT; k++) {
		if (cols[k].n || k == COL_SUMMARY || k == COL_CREATED)
			continue;
		as_buf list = AS_BUF_INIT;
		as_export_formats_list(&list, ", ");
		err = line_fail(&p, p.rec_line, "no \"%s\" column: not a Jira CSV export "
				"(formats: %s)", col_names[k], list.ptr);
		as_buf_free(&list);
		goto done;
	}

	/* the issues */
	while ((rc = read_record(&p, &blank)) == 1) {
		if (blank)
			continue;
		x->records++;
		if (p.nfields != nheader) {
			err = line_fail(&p, p.rec_line, "%zu fields, but the header has %zu",
					p.nfields, nheader);
			goto done;
		}
		size_t klen, slen, rlen, clen;
		const char *key = first_value(&p, &cols[COL_KEY], &klen);
		if (!klen) {
			err = line_fail(&p, p.rec_line, "no Issue key");
			goto done;
		}
		const char *summary = first_value(&p, &cols[COL_SUMMARY], &slen);
		const char *reporter = first_value(&p, &cols[COL_REPORTER], &rlen);
		const char *created = first_value(&p, &cols[COL_CREATED], &clen);
		as_export_rec rec = { .kind = AS_EV_ASSIGNMENT };
		rec.record = rec.issue = as_export_intern(x, key, klen);
		rec.title = as_export_intern(x, summary, slen);
		rec.actor = as_export_intern(x, reporter, rlen);
		if (clen) {
			char *c = as_xstrndup(created, clen);
			rec.time = jira_time(c);
			free(c);
		}
		const columns *a = &cols[COL_ASSIGNEE];
		for (size_t i = 0; i < a->n; i++) {
			const char *s = as_buf_cstr(&p.fields[a->cols[i]]);
			size_t len = p.fields[a->cols[i]].len, j;
			trim(&s, &len);
			if (!len)
				continue;
			for (j = 0; j < i; j++) {
				const as_buf *o = &p.fields[a->cols[j]];
				const char *t = as_buf_cstr(o);
				size_t tlen = o->len;
				trim(&t, &tlen);
				if (tlen == len && !strncasecmp(t, s, len))
					break;
			}
			if (j < i)
				continue;
			rec.subject = as_export_intern(x, s, len);
			as_export_add(x, &rec);
		}
	}
	if (rc < 0)
		err = rc;

done:
	for (size_t i = 0; i < p.falloc; i++)
		as_buf_free(&p.fields[i]);
	free(p.fields);
	for (int k = 0; k < COL__COUNT; k++)
		free(cols[k].cols);
	return err;
}

/* What is not JSON could be a CSV: the header row decides. */
static int sniff(const as_export_head *h)
{
	return h->json->shape ? 0 : 1;
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	const char *actor = as_export_str(x, r->actor), *title = as_export_str(x, r->title);
	as_buf_printf(out, "%s reported by %s, assigned to %s", as_export_str(x, r->issue),
		      *actor ? actor : "(nobody)", as_export_str(x, r->subject));
	if (*title)
		as_buf_printf(out, ": %s", title);
}

/* The reporter is not necessarily who assigned: weak. */
const as_export_format as_format_jira_csv = {
	.name = "jira-csv",
	.weak = 1,
	.sniff = sniff,
	.read = read_jira,
	.excerpt = excerpt,
};
