/*
 * github-events: what GET /repos/{owner}/{repo}/issues/events returns (an
 * array, or the pages `gh api --paginate` writes one after the other).
 * "assigned": who assigned is "assigner" when present (GitHub documents it
 * as "the person who performed the assignment"; the per-issue endpoint
 * has given the assignee as "actor"), else "actor"; a later "unassigned"
 * of the same issue and assignee undoes it. Other events are checked and
 * ignored.
 */
#include <stdio.h>
#include <string.h>

#include "source/tracker/format.h"
#include "source/tracker/github_common.h"

static int want(void *ctx, const char *event, size_t len)
{
	(void)ctx;
	return (len == 8 && !memcmp(event, "assigned", 8)) ||
	       (len == 10 && !memcmp(event, "unassigned", 10));
}

static int on_event(void *ctx, json_t *o, const trk_json_place *at)
{
	gh_rec g = { .x = ((gh_rec *)ctx)->x, .r = ((gh_rec *)ctx)->r, .at = at };
	json_t *event = json_object_get(o, "event");
	if (!json_is_string(event))
		return gh_fail(&g, "no \"event\" string: not a GitHub issue event");
	const char *name = json_string_value(event);
	int assigned = !strcmp(name, "assigned");
	if (!assigned && strcmp(name, "unassigned"))
		return 0; /* labeled, closed, referenced...: not assignments */

	json_t *id = json_object_get(o, "id");
	if (!json_is_integer(id))
		return gh_fail(&g, "\"%s\" event without an \"id\" number", name);
	json_t *assignee = json_object_get(o, "assignee");
	if (!assignee)
		return gh_fail(&g, "\"%s\" event without \"assignee\"", name);
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
		return gh_fail(&g, "\"%s\" event without \"actor\"", name);

	as_export_rec rec = { .kind = AS_EV_ASSIGNMENT, .cancels = !assigned,
			      .order = (int64_t)json_integer_value(id) };
	int err;
	if ((err = gh_login(&g, assignee, "assignee", &rec.subject)) < 0 ||
	    (err = gh_login(&g, who, who_key, &rec.actor)) < 0 ||
	    (err = gh_time(&g, o, "created_at", &rec.time)) < 0)
		return err;
	json_t *issue = json_object_get(o, "issue");
	if (issue && !json_is_null(issue)) {
		if (!json_is_object(issue))
			return gh_fail(&g, "\"issue\" is not an object");
		if ((err = gh_issue(&g, json_object_get(issue, "number"), &rec.issue)) < 0)
			return err;
		rec.title = gh_string(&g, json_object_get(issue, "title"));
	}
	char num[32];
	int n = snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(id));
	rec.record = as_export_intern(g.x, num, (size_t)n);
	as_export_add(g.x, &rec);
	return 0;
}

static int read_events(as_export *x, trk_reader *r)
{
	gh_rec ctx = { .x = x, .r = r };
	trk_json_reader jr = { .r = r, .peek_key = "event", .want = want,
			       .record = on_event, .ctx = &ctx };
	int err = trk_json_read_arrays(&jr);
	x->records = jr.records;
	return err;
}

static int sniff(const as_export_head *h)
{
	if (h->json->shape != '[')
		return 0;
	return h->json->empty_array ? 1 : trk_json_head_has(h->json, "event") ? 2 : 0;
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	const char *issue = as_export_str(x, r->issue), *title = as_export_str(x, r->title);
	as_buf_printf(out, "%s assigned %s", as_export_str(x, r->actor),
		      as_export_str(x, r->subject));
	if (*issue)
		as_buf_printf(out, " to %s", issue);
	if (*title)
		as_buf_printf(out, ": %s", title);
}

const as_export_format as_format_github_events = {
	.name = "github-events",
	.sniff = sniff,
	.read = read_events,
	.excerpt = excerpt,
	.unrecognised = "[a GitHub issue event (no \"event\")",
};
