/*
 * github-events: what GET /repos/{owner}/{repo}/issues/events returns (an
 * array, or the pages `gh api --paginate` writes one after the other).
 * "assigned": who assigned is "assigner" when present (GitHub documents it
 * as "the person who performed the assignment"; the per-issue endpoint
 * has given the assignee as "actor"), else "actor"; a later "unassigned"
 * of the same issue and assignee undoes it.
 * "review_requested": `review_requester` (else `actor`) asked
 * `requested_reviewer`, or the team `requested_team` ({"slug": ...}; a
 * team of the org chart by its codeowners handle @org/slug), to review
 * pull request `issue.number`; a later "review_request_removed" of the
 * same requester, reviewer and pull request undoes it. Other events are
 * checked and ignored.
 */
#include <stdio.h>
#include <string.h>

#include "source/tracker/format.h"
#include "source/tracker/github_common.h"

static const char *const wanted[] = {
	"assigned", "unassigned", "review_requested", "review_request_removed", NULL,
};

static int want(void *ctx, const char *event, size_t len)
{
	(void)ctx;
	for (size_t i = 0; wanted[i]; i++)
		if (strlen(wanted[i]) == len && !memcmp(event, wanted[i], len))
			return 1;
	return 0;
}

/* "@org/slug" of a requested team (its html_url names the org), or the
 * slug when the org cannot be told. */
static int team_ref(const gh_rec *g, json_t *team, uint32_t *out)
{
	json_t *slug = json_object_get(team, "slug");
	if (!json_is_string(slug) || !json_string_length(slug))
		return gh_fail(g, "\"requested_team\" has no \"slug\"");
	const char *url = json_string_value(json_object_get(team, "html_url"));
	const char *orgs = url ? strstr(url, "/orgs/") : NULL, *end = orgs ? strchr(orgs + 6, '/') : NULL;
	char ref[512];
	int n = end && end - orgs - 6 < 200
		? snprintf(ref, sizeof(ref), "@%.*s/%.200s", (int)(end - orgs - 6), orgs + 6,
			   json_string_value(slug))
		: snprintf(ref, sizeof(ref), "%.200s", json_string_value(slug));
	*out = as_export_intern(g->x, ref, (size_t)n);
	return 0;
}

/* review_requested, review_request_removed: who asked whom. */
static int review_request(const gh_rec *g, json_t *o, as_export_rec *rec, const char *name)
{
	json_t *who = json_object_get(o, "review_requester");
	json_t *reviewer = json_object_get(o, "requested_reviewer");
	json_t *team = json_object_get(o, "requested_team");
	const char *who_key = "review_requester";
	int err;

	if (!who || json_is_null(who)) {
		who = json_object_get(o, "actor");
		who_key = "actor";
	}
	if (!who)
		return gh_fail(g, "\"%s\" event without \"review_requester\"", name);
	if ((err = gh_login(g, who, who_key, &rec->actor)) < 0)
		return err;
	if (reviewer && !json_is_null(reviewer)) {
		if ((err = gh_login(g, reviewer, "requested_reviewer", &rec->subject)) < 0)
			return err;
		if (gh_is_bot(reviewer))
			rec->flags |= AS_XREC_BOT;
	} else if (json_is_object(team)) {
		if ((err = team_ref(g, team, &rec->subject)) < 0)
			return err;
		rec->flags |= AS_XREC_SUBJECT_TEAM;
	} else {
		return gh_fail(g, "\"%s\" event without \"requested_reviewer\" or "
			       "\"requested_team\"", name);
	}
	if (gh_is_bot(who))
		rec->flags |= AS_XREC_BOT;
	return 0;
}

/* assigned, unassigned: who assigned whom. */
static int assignment(const gh_rec *g, json_t *o, as_export_rec *rec, const char *name)
{
	json_t *assignee = json_object_get(o, "assignee");
	if (!assignee)
		return gh_fail(g, "\"%s\" event without \"assignee\"", name);
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
		return gh_fail(g, "\"%s\" event without \"actor\"", name);
	int err;
	if ((err = gh_login(g, assignee, "assignee", &rec->subject)) < 0 ||
	    (err = gh_login(g, who, who_key, &rec->actor)) < 0)
		return err;
	if (gh_is_bot(who) || gh_is_bot(assignee))
		rec->flags |= AS_XREC_BOT;
	return 0;
}

static int on_event(void *ctx, json_t *o, const trk_json_place *at)
{
	gh_rec g = { .x = ((gh_rec *)ctx)->x, .r = ((gh_rec *)ctx)->r, .at = at };
	json_t *event = json_object_get(o, "event");
	if (!json_is_string(event))
		return gh_fail(&g, "no \"event\" string: not a GitHub issue event");
	const char *name = json_string_value(event);
	int assigned = !strcmp(name, "assigned"), requested = !strcmp(name, "review_requested");
	int review = requested || !strcmp(name, "review_request_removed");
	if (!assigned && !review && strcmp(name, "unassigned"))
		return 0; /* labeled, closed, referenced...: not assignments */

	json_t *id = json_object_get(o, "id");
	if (!json_is_integer(id))
		return gh_fail(&g, "\"%s\" event without an \"id\" number", name);
	int err;
	as_export_rec rec = { .kind = AS_EV_ASSIGNMENT, .cancels = !assigned,
			      .order = (int64_t)json_integer_value(id) };
	if (review) {
		rec.kind = AS_EV_REVIEW_REQUEST;
		rec.cancels = requested ? 0 : 2; /* removed by the one who asked */
		err = review_request(&g, o, &rec, name);
	} else {
		err = assignment(&g, o, &rec, name);
	}
	if (err < 0)
		return err;
	if ((err = gh_time(&g, o, "created_at", &rec.time)) < 0)
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
	return gh_read_arrays(x, &jr);
}

static int sniff(const as_export_head *h)
{
	return gh_sniff_array(h, trk_json_head_has(h->json, "event"));
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	const char *issue = as_export_str(x, r->issue), *title = as_export_str(x, r->title);
	if (r->kind == AS_EV_REVIEW_REQUEST)
		as_buf_printf(out, "%s requested a review from %s%s", as_export_str(x, r->actor),
			      r->flags & AS_XREC_SUBJECT_TEAM ? "team " : "",
			      as_export_str(x, r->subject));
	else
		as_buf_printf(out, "%s assigned %s", as_export_str(x, r->actor),
			      as_export_str(x, r->subject));
	if (*issue)
		as_buf_printf(out, r->kind == AS_EV_REVIEW_REQUEST ? " on %s" : " to %s", issue);
	if (*title)
		as_buf_printf(out, ": %s", title);
}

static void link(as_buf *out, const as_export *x, const as_export_rec *r)
{
	const char *issue = as_export_str(x, r->issue);
	if (*issue) /* GitHub sends /issues/N of a pull request on to /pull/N */
		as_buf_printf(out, "issues/%s", issue + 1);
}

const as_export_format as_format_github_events = {
	.name = "github-events",
	.sniff = sniff,
	.read = read_events,
	.excerpt = excerpt,
	.link = link,
	.unrecognised = "[a GitHub issue event (no \"event\")",
};
