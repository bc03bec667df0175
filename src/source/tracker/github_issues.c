/*
 * github-issues: `gh issue list --json number,title,author,assignees,
 * createdAt,body,comments`.
 *
 * The author -> each assignee: a weak signal (the author may not be the
 * one who assigned), so those findings are at most warnings. With `body`
 * and `comments`, the task lines of the body (written by the issue's
 * author) and of each comment (written by its author) are read with the
 * grammar of in-repo tracker files (markdown.h: "- [ ] @bob migrate the
 * queue", "@bob: please take the exporter", "Owner: @bob", "assigning
 * @bob to ..."): the writer assigned the doer the line names, unless the
 * line says who did ("(assigned by @alice)"). Record "#N" for the body,
 * "#N comment K" (1-based) for a comment. A subject that a task line of
 * the issue names is not also a weak author -> assignee guess.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "source/tracker/format.h"
#include "source/tracker/github_common.h"
#include "source/tracker/markdown.h"

#define GH_LIST "gh issue list --json number,title,author,assignees,createdAt,body,comments"

typedef struct {
	gh_rec g;
	as_events lines;       /* the task lines of one text */
	as_buf s;
} issue_reader;

/* "@login" of a party as the task line wrote it: a mention as it is, a
 * name as written (the org chart resolves both). */
static uint32_t party(as_export *x, const as_buf *text, uint32_t writer)
{
	return text->len ? as_export_intern(x, text->ptr, text->len) : writer;
}

/* The task lines of one text (the body or a comment) by `writer`. */
static void task_lines(issue_reader *p, const char *text, size_t len, const as_export_rec *base,
		       uint32_t writer, int bot, uint32_t record)
{
	as_export *x = p->g.x;
	as_events_reset(&p->lines);
	as_tracker_md_scan(&p->lines, text, len, NULL, 0);
	for (size_t i = 0; i < p->lines.nr; i++) {
		const as_event *ev = &p->lines.items[i];
		as_export_rec rec = *base;
		rec.actor = party(x, &ev->actor_text, writer);
		rec.subject = party(x, &ev->subject_text, writer);
		rec.record = record;
		rec.text = as_export_intern(x, ev->excerpt.ptr ? ev->excerpt.ptr : "", ev->excerpt.len);
		rec.flags = (uint8_t)(bot || gh_bot_login(as_export_str(x, rec.subject),
							  strlen(as_export_str(x, rec.subject)))
				      ? AS_XREC_BOT : 0);
		as_export_add(x, &rec);
	}
}

static int read_comments(issue_reader *p, json_t *comments, const as_export_rec *base)
{
	as_export *x = p->g.x;
	for (size_t k = 0; k < json_array_size(comments); k++) {
		json_t *c = json_array_get(comments, k), *body = json_object_get(c, "body");
		char what[48];
		uint32_t writer;
		int err;
		if (!json_is_object(c))
			return gh_fail(&p->g, "comments[%zu] is not an object", k);
		if (!json_is_string(body))
			continue; /* a comment without text sets no task */
		snprintf(what, sizeof(what), "comments[%zu].author", k);
		as_export_rec rec = *base;
		if ((err = gh_login(&p->g, json_object_get(c, "author"), what, &writer)) < 0 ||
		    (err = gh_time(&p->g, c, "createdAt", &rec.time)) < 0)
			return err;
		if (!rec.time)
			rec.time = base->time;
		char num[64];
		int n = snprintf(num, sizeof(num), "%s comment %zu", as_export_str(x, base->issue), k + 1);
		task_lines(p, json_string_value(body), json_string_length(body), &rec, writer,
			   gh_is_bot(json_object_get(c, "author")),
			   as_export_intern(x, num, (size_t)n));
	}
	return 0;
}

/* Does a task line of this issue (recs[from..]) name `subject`? */
static int named_by_a_line(const as_export *x, size_t from, uint32_t subject)
{
	const char *s = as_export_str(x, subject);
	for (size_t i = from; i < x->nrecs; i++)
		if (x->recs[i].text && !strcasecmp(as_export_str(x, x->recs[i].subject), s))
			return 1;
	return 0;
}

static int on_issue(void *ctx, json_t *o, const trk_json_place *at)
{
	issue_reader *p = ctx;
	as_export *x = p->g.x;
	json_t *assignees = json_object_get(o, "assignees");
	json_t *author = json_object_get(o, "author");
	json_t *body = json_object_get(o, "body"), *comments = json_object_get(o, "comments");
	size_t first = x->nrecs;
	int err;

	p->g.at = at;
	if (!json_is_array(assignees))
		return gh_fail(&p->g, "no \"assignees\" array: list the issues with " GH_LIST);
	if (!author)
		return gh_fail(&p->g, "no \"author\": list the issues with " GH_LIST);
	if (comments && !json_is_array(comments) && !json_is_null(comments))
		return gh_fail(&p->g, "\"comments\" is not an array");
	as_export_rec rec = { .kind = AS_EV_ASSIGNMENT };
	if ((err = gh_issue(&p->g, json_object_get(o, "number"), &rec.issue)) < 0 ||
	    (err = gh_login(&p->g, author, "author", &rec.actor)) < 0 ||
	    (err = gh_time(&p->g, o, "createdAt", &rec.time)) < 0)
		return err;
	rec.record = rec.issue;
	rec.title = gh_string(&p->g, json_object_get(o, "title"));
	int author_bot = gh_is_bot(author);

	if (json_is_string(body))
		task_lines(p, json_string_value(body), json_string_length(body), &rec, rec.actor,
			   author_bot, rec.issue);
	if (json_is_array(comments) && (err = read_comments(p, comments, &rec)) < 0)
		return err;

	rec.flags = AS_XREC_WEAK | (author_bot ? AS_XREC_BOT : 0);
	for (size_t i = 0; i < json_array_size(assignees); i++) {
		char what[48];
		json_t *a = json_array_get(assignees, i);
		snprintf(what, sizeof(what), "assignees[%zu]", i);
		as_export_rec one = rec;
		if ((err = gh_login(&p->g, a, what, &one.subject)) < 0)
			return err;
		if (named_by_a_line(x, first, one.subject))
			continue;
		if (gh_is_bot(a))
			one.flags |= AS_XREC_BOT;
		as_export_add(x, &one);
	}
	return 0;
}

static int read_issues(as_export *x, trk_reader *r)
{
	issue_reader p = { .g = { .x = x, .r = r } };
	trk_json_reader jr = { .r = r, .record = on_issue, .ctx = &p };
	int err = gh_read_arrays(x, &jr);
	as_events_free(&p.lines);
	as_buf_free(&p.s);
	return err;
}

static int sniff(const as_export_head *h)
{
	return gh_sniff_array(h, !trk_json_head_has(h->json, "event") && !gh_head_is_pr(h) &&
			      !trk_json_head_has(h->json, "noteable_type") &&
			      (trk_json_head_has(h->json, "assignees") ||
			       trk_json_head_has(h->json, "author")));
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	const char *title = as_export_str(x, r->title);
	if (r->text) {
		const char *record = as_export_str(x, r->record);
		/* "#7 comment 2" is written by the comment's author */
		as_buf_printf(out, "%s: %s", record, as_export_str(x, r->text));
		return;
	}
	as_buf_printf(out, "%s opened by %s, assigned to %s", as_export_str(x, r->issue),
		      as_export_str(x, r->actor), as_export_str(x, r->subject));
	if (*title)
		as_buf_printf(out, ": %s", title);
}

static void link(as_buf *out, const as_export *x, const as_export_rec *r)
{
	as_buf_printf(out, "issues/%s", as_export_str(x, r->issue) + 1);
}

const as_export_format as_format_github_issues = {
	.name = "github-issues",
	.sniff = sniff,
	.read = read_issues,
	.excerpt = excerpt,
	.link = link,
	.unrecognised = "[a `gh issue list` entry (no \"assignees\")",
};
