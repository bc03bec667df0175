/*
 * The pre-receive hook's messages to the pusher (see pusher.h).
 */
#include "report/pusher.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "util/sanitize.h"

/* "remote: " (8) + "antisilo: " (10) + 62 = 80 columns. */
#define WIDTH 62
#define PREFIX "antisilo: "
#define GITLAB_PREFIX "GL-HOOK-ERR: "
/* Longest excerpt and subject shown, in columns. */
#define MAX_EXCERPT 200
#define MAX_AUTHOR 60

void as_pusher_init(as_pusher *p)
{
	memset(p, 0, sizeof(*p));
	p->width = WIDTH;
}

void as_pusher_free(as_pusher *p)
{
	as_buf_free(&p->out);
}

/* Columns of UTF-8 text: one per code point (sanitised text has no
 * controls; wide characters are rare enough in what we print). */
static size_t columns(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Byte length of the first `cols` columns of s (at most len). */
static size_t bytes_for(const char *s, size_t len, size_t cols)
{
	size_t i = 0, n = 0;
	while (i < len) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (n == cols)
				break;
			n++;
		}
		i++;
	}
	return i;
}

/* Is the space at s[i] one of the two of " -> "? */
static int arrow_at(const char *s, size_t len, size_t i)
{
	return (i + 3 < len && !memcmp(s + i, " -> ", 4)) ||
	       (i >= 3 && !memcmp(s + i - 3, " ->", 3));
}

static void put_indent(as_buf *out, size_t indent)
{
	for (size_t i = 0; i < indent; i++)
		as_buf_putc(out, ' ');
}

/*
 * Wraps clean (sanitised) text at spaces to the width left after `indent`;
 * a word longer than a line is cut. `lead` starts the first line and the
 * following lines are indented to match it.
 */
static void wrap(as_pusher *p, size_t indent, const char *lead, const char *s, size_t len)
{
	size_t lead_cols = lead ? columns(lead, strlen(lead)) : 0;
	size_t room = p->width > indent + lead_cols + 20 ? p->width - indent - lead_cols : 20;
	int first = 1;

	while (len && *s == ' ') {
		s++;
		len--;
	}
	do {
		size_t take = len;
		if (columns(s, len) > room) {
			size_t cut = bytes_for(s, len, room);
			size_t sp = cut;
			/* Break at the last space that fits, when there is one,
			 * but never inside "alice -> carol". */
			while (sp > 0 && (s[sp] != ' ' || arrow_at(s, len, sp)))
				sp--;
			take = sp > 0 ? sp : cut;
		}
		put_indent(&p->out, indent);
		if (first && lead)
			as_buf_puts(&p->out, lead);
		else
			put_indent(&p->out, lead_cols);
		size_t end = take;
		while (end > 0 && s[end - 1] == ' ')
			end--;
		as_buf_put(&p->out, s, end);
		as_buf_putc(&p->out, '\n');
		s += take;
		len -= take;
		while (len && *s == ' ') {
			s++;
			len--;
		}
		first = 0;
	} while (len);
}

void as_pusher_say(as_pusher *p, size_t indent, const char *fmt, ...)
{
	as_buf raw = AS_BUF_INIT, clean = AS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	as_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	/* Our messages quote paths, refs and error texts: sanitise them too. */
	as_sanitize(&clean, as_buf_cstr(&raw), raw.len, AS_SAN_TERMINAL);
	wrap(p, indent, NULL, as_buf_cstr(&clean), clean.len);
	as_buf_free(&raw);
	as_buf_free(&clean);
}

void as_pusher_line(as_pusher *p, const char *fmt, ...)
{
	as_buf raw = AS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	as_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	as_sanitize(&p->out, as_buf_cstr(&raw), raw.len, AS_SAN_TERMINAL);
	as_buf_putc(&p->out, '\n');
	as_buf_free(&raw);
}

/* Appends `text` sanitised to `out`, cut to `max` columns with "..."
 * (0: no cut). */
static void clean_cut(as_buf *out, const char *text, size_t max)
{
	size_t start = out->len;
	as_sanitize_str(out, text ? text : "", AS_SAN_TERMINAL);
	if (!out->ptr)
		return;
	const char *s = out->ptr + start;
	size_t len = out->len - start;
	if (max > 3 && columns(s, len) > max) {
		as_buf_truncate(out, start + bytes_for(s, len, max - 3));
		as_buf_puts(out, "...");
	}
}

void as_pusher_quote(as_pusher *p, size_t indent, const char *lead,
		     const char *text, size_t max)
{
	as_buf clean = AS_BUF_INIT;
	clean_cut(&clean, text, max);
	wrap(p, indent, lead, as_buf_cstr(&clean), clean.len);
	as_buf_free(&clean);
}

void as_pusher_raw(as_pusher *p, size_t indent, const char *lead,
		   const char *text, size_t max)
{
	put_indent(&p->out, indent);
	if (lead)
		as_buf_puts(&p->out, lead);
	clean_cut(&p->out, text, max);
	as_buf_putc(&p->out, '\n');
}

static int same_group(const as_finding *a, const as_finding *b)
{
	return a->seq == b->seq && !strcmp(a->commit, b->commit);
}

void as_pusher_count(as_pusher_counts *out, const as_findings *fs, as_severity show)
{
	const as_finding *last = NULL;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < fs->nr; i++) {
		const as_finding *f = &fs->items[i];
		if (f->severity < show || f->severity >= AS_SEV_NEVER)
			continue;
		out->by_severity[f->severity]++;
		out->total++;
		if (!last || !same_group(last, f))
			out->commits++;
		last = f;
	}
}

void as_pusher_counts_text(as_buf *out, const as_pusher_counts *c)
{
	const char *sep = "";
	for (int s = AS_SEV_ERROR; s >= AS_SEV_INFO; s--) {
		size_t n = c->by_severity[s];
		if (!n)
			continue;
		const char *name = as_severity_name((as_severity)s);
		as_buf_printf(out, "%s%zu %s%s", sep, n, name,
			      n == 1 ? "" : s == AS_SEV_INFO ? " findings" : "s");
		sep = ", ";
	}
	if (!*sep)
		as_buf_puts(out, "no findings");
}

static void group_header(as_pusher *p, const as_finding *f)
{
	as_buf line = AS_BUF_INIT;
	if (f->commit[0])
		as_buf_printf(&line, "%.12s ", f->commit);
	size_t used = columns(as_buf_cstr(&line), line.len);
	clean_cut(&line, f->title ? f->title : f->path ? f->path : "", p->width - used);
	/* Already clean and cut to one line: no second sanitising pass. */
	wrap(p, 0, NULL, as_buf_cstr(&line), line.len);
	if (f->author)
		as_pusher_quote(p, 2, "author: ", f->author, MAX_AUTHOR);
	as_buf_free(&line);
}

static void finding_lines(as_pusher *p, const as_finding *f)
{
	as_buf what = AS_BUF_INIT;
	as_buf_printf(&what, "%s %s", as_severity_name(f->severity), f->rule);
	if (f->event == AS_EV_ASSIGNMENT || f->event == AS_EV_APPROVAL)
		as_buf_printf(&what, " (%s, %s: %s -> %s)", as_event_kind_name(f->event),
			      as_relation_name(f->relation), f->actor ? f->actor : "?",
			      f->subject ? f->subject : "?");
	else if (f->event == AS_EV_GATE)
		as_buf_printf(&what, " (gate, %s: %s over team %s)", as_relation_name(f->relation),
			      f->owner ? f->owner : "?", f->subject ? f->subject : "?");
	as_pusher_say(p, 2, "%s", as_buf_cstr(&what));
	if (f->path) {
		as_buf_clear(&what);
		as_buf_puts(&what, f->path);
		if (f->line)
			as_buf_printf(&what, ":%ld", f->line);
		as_pusher_quote(p, 4, "at ", as_buf_cstr(&what), MAX_EXCERPT);
	}
	if (f->excerpt && *f->excerpt)
		as_pusher_quote(p, 4, "> ", f->excerpt, MAX_EXCERPT);
	if (f->explain && *f->explain)
		as_pusher_quote(p, 4, NULL, f->explain, 0);
	as_buf_free(&what);
}

void as_pusher_findings(as_pusher *p, const as_findings *fs, as_severity show,
			size_t max_commits)
{
	const as_finding *last = NULL;
	size_t groups = 0, hidden_groups = 0, hidden = 0;

	for (size_t i = 0; i < fs->nr; i++) {
		const as_finding *f = &fs->items[i];
		if (f->severity < show || f->severity >= AS_SEV_NEVER)
			continue;
		int new_group = !last || !same_group(last, f);
		last = f;
		if (new_group)
			groups++;
		if (groups > max_commits) {
			hidden_groups += new_group;
			hidden++;
			continue;
		}
		if (new_group)
			group_header(p, f);
		finding_lines(p, f);
	}
	if (hidden)
		as_pusher_say(p, 0, "... and %zu more finding%s in %zu more commit%s (not shown)",
			      hidden, hidden == 1 ? "" : "s",
			      hidden_groups, hidden_groups == 1 ? "" : "s");
}

as_severity as_pusher_shown_from(as_severity fail_on)
{
	return fail_on < AS_SEV_WARNING ? fail_on : AS_SEV_WARNING;
}

/* A rejection says what to do next, not only what was wrong: most people
 * who meet it have never rewritten a commit that is not the last one. */
void as_pusher_fix_pushed(as_pusher *p, const char *base, int files)
{
	as_pusher_say(p, 0, "to fix: rewrite the commits above, then push again:");
	as_pusher_say(p, 2, "the newest commit: git commit --amend");
	as_pusher_say(p, 2, "older commits: git rebase -i %.12s, mark them reword",
		      base && *base ? base : "@{upstream}");
	if (files)
		as_pusher_say(p, 2, "(a tracker file's line: mark the commit edit, fix the file)");
}

void as_pusher_fix_message(as_pusher *p, const char *msgfile)
{
	as_pusher_say(p, 0, "to fix: your message is kept; edit it and commit again:");
	as_pusher_say(p, 2, "git commit -e -F %s", msgfile);
	as_pusher_say(p, 2, "(with --amend if you were amending)");
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

int as_pusher_write(as_pusher *p, int fd, int gitlab_error)
{
	as_buf all = AS_BUF_INIT;
	const char *s = as_buf_cstr(&p->out), *end = s + p->out.len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		if (gitlab_error)
			as_buf_puts(&all, GITLAB_PREFIX);
		as_buf_puts(&all, PREFIX);
		as_buf_put(&all, s, len);
		as_buf_putc(&all, '\n');
		s += len + 1;
	}
	int err = write_all(fd, as_buf_cstr(&all), all.len);
	as_buf_free(&all);
	as_buf_clear(&p->out);
	return err;
}
