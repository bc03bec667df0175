/*
 * github-issues: `gh issue list --json number,title,author,assignees,...`.
 * The author -> each assignee: a weak signal (the author may not be the
 * one who assigned), so its findings are at most warnings.
 */
#include <stdio.h>

#include "source/tracker/format.h"
#include "source/tracker/github_common.h"

#define GH_LIST "gh issue list --json number,title,author,assignees,createdAt"

static int on_issue(void *ctx, json_t *o, const trk_json_place *at)
{
	gh_rec g = { .x = ((gh_rec *)ctx)->x, .r = ((gh_rec *)ctx)->r, .at = at };
	json_t *assignees = json_object_get(o, "assignees");
	json_t *author = json_object_get(o, "author");
	int err;

	if (!json_is_array(assignees))
		return gh_fail(&g, "no \"assignees\" array: list the issues with " GH_LIST);
	if (!author)
		return gh_fail(&g, "no \"author\": list the issues with " GH_LIST);
	as_export_rec rec = { .kind = AS_EV_ASSIGNMENT };
	if ((err = gh_issue(&g, json_object_get(o, "number"), &rec.issue)) < 0 ||
	    (err = gh_login(&g, author, "author", &rec.actor)) < 0 ||
	    (err = gh_time(&g, o, "createdAt", &rec.time)) < 0)
		return err;
	rec.record = rec.issue;
	rec.title = gh_string(&g, json_object_get(o, "title"));
	for (size_t i = 0; i < json_array_size(assignees); i++) {
		char what[48];
		snprintf(what, sizeof(what), "assignees[%zu]", i);
		if ((err = gh_login(&g, json_array_get(assignees, i), what, &rec.subject)) < 0)
			return err;
		as_export_add(g.x, &rec);
	}
	return 0;
}

static int read_issues(as_export *x, trk_reader *r)
{
	gh_rec ctx = { .x = x, .r = r };
	trk_json_reader jr = { .r = r, .record = on_issue, .ctx = &ctx };
	int err = trk_json_read_arrays(&jr);
	x->records = jr.records;
	return err;
}

static int sniff(const as_export_head *h)
{
	if (h->json->shape != '[')
		return 0;
	if (h->json->empty_array)
		return 1;
	return !trk_json_head_has(h->json, "event") &&
	       (trk_json_head_has(h->json, "assignees") || trk_json_head_has(h->json, "author"))
	       ? 2 : 0;
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	const char *title = as_export_str(x, r->title);
	as_buf_printf(out, "%s opened by %s, assigned to %s", as_export_str(x, r->issue),
		      as_export_str(x, r->actor), as_export_str(x, r->subject));
	if (*title)
		as_buf_printf(out, ": %s", title);
}

const as_export_format as_format_github_issues = {
	.name = "github-issues",
	.weak = 1,
	.sniff = sniff,
	.read = read_issues,
	.excerpt = excerpt,
	.unrecognised = "[a `gh issue list` entry (no \"assignees\")",
};
