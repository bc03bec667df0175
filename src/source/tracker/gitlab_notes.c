/*
 * gitlab-notes: the notes of GitLab issues and merge requests, as
 *
 *   glab api --paginate projects/:id/issues/:iid/notes
 *   glab api --paginate projects/:id/merge_requests/:iid/notes
 *
 * return them (arrays, concatenated for several issues): `id`, `body`,
 * `author.username`, `created_at`, `system`, `noteable_type` ("Issue",
 * "MergeRequest"), `noteable_iid`. GitLab records who changed the
 * assignees or reviewers as a system note written by that person:
 *
 *   assigned to @bob                       assignment, the note's author -> bob
 *   assigned to @bob and unassigned @carol (also "reassigned to @bob")
 *   unassigned @bob                        undoes bob's earlier assignment
 *   requested review from @bob and @carol  review-request
 *   removed review request for @bob        undoes bob's earlier review request
 *
 * Other system notes ("changed the description", "mentioned in ...") and
 * every note people wrote (system: false) are not read; nor are notes of
 * other things (snippets, commits, epics). Record "issue 12 note 345",
 * "mr 7 note 346".
 */
#include <stdio.h>
#include <string.h>

#include "source/tracker/format.h"
#include "source/tracker/github_common.h"

typedef struct {
	const char *phrase;
	uint8_t kind, cancels;
} verb;

/* Longest first: "unassigned" before "assigned to" could match inside it. */
static const verb verbs[] = {
	{ "removed review request for", AS_EV_REVIEW_REQUEST, 1 },
	{ "requested review from", AS_EV_REVIEW_REQUEST, 0 },
	{ "reassigned to", AS_EV_ASSIGNMENT, 0 },
	{ "assigned to", AS_EV_ASSIGNMENT, 0 },
	{ "unassigned", AS_EV_ASSIGNMENT, 1 },
};
#define NVERBS (sizeof(verbs) / sizeof(verbs[0]))

static const verb *verb_at(const char *s, size_t len, size_t i)
{
	if (i && s[i - 1] != ' ')
		return NULL;
	for (size_t k = 0; k < NVERBS; k++) {
		size_t n = strlen(verbs[k].phrase);
		if (len - i >= n && !memcmp(s + i, verbs[k].phrase, n) &&
		    (i + n == len || s[i + n] == ' '))
			return &verbs[k];
	}
	return NULL;
}

static int login_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

/*
 * The changes one system note records: every @mention after a verb phrase
 * belongs to it ("assigned to @a, @b and @c", "... and unassigned @d").
 * A note that does not start with one is none of these.
 */
static void note_records(const gh_rec *g, const char *body, size_t len, const as_export_rec *base)
{
	const verb *current = verb_at(body, len, 0);
	if (!current)
		return;
	for (size_t i = 0; i < len; i++) {
		const verb *v = verb_at(body, len, i);
		if (v) {
			current = v;
			i += strlen(v->phrase) - 1;
			continue;
		}
		if (body[i] != '@' || (i && body[i - 1] != ' ' && body[i - 1] != ','))
			continue;
		size_t j = i + 1;
		while (j < len && j - i < 256 && login_char(body[j]))
			j++;
		while (j > i + 1 && body[j - 1] == '.')
			j--; /* a full stop after the name */
		if (j == i + 1)
			continue;
		as_export_rec rec = *base;
		rec.kind = current->kind;
		rec.cancels = current->cancels;
		rec.subject = as_export_intern(g->x, body + i, j - i);
		if (gh_bot_login(body + i, j - i))
			rec.flags |= AS_XREC_BOT;
		as_export_add(g->x, &rec);
		i = j - 1;
	}
}

static int on_note(void *ctx, json_t *o, const trk_json_place *at)
{
	gh_rec g = { .x = ((gh_rec *)ctx)->x, .r = ((gh_rec *)ctx)->r, .at = at };
	json_t *system = json_object_get(o, "system"), *body = json_object_get(o, "body");
	json_t *id = json_object_get(o, "id"), *type = json_object_get(o, "noteable_type");
	json_t *iid = json_object_get(o, "noteable_iid"), *author = json_object_get(o, "author");
	int err;

	if (!json_is_boolean(system))
		return gh_fail(&g, "no \"system\" true or false: not a GitLab note");
	if (!json_is_integer(id))
		return gh_fail(&g, "a note without an \"id\" number");
	if (!json_is_string(type))
		return gh_fail(&g, "a note without a \"noteable_type\"");
	const char *what = json_string_value(type);
	int issue = !strcmp(what, "Issue"), mr = !strcmp(what, "MergeRequest");
	if (!json_is_true(system) || (!issue && !mr))
		return 0; /* people's own words; notes of snippets, commits, epics */
	if (!json_is_string(body))
		return gh_fail(&g, "a system note without a \"body\" string");
	if (!json_is_integer(iid))
		return gh_fail(&g, "a note of an %s without a \"noteable_iid\" number", what);
	json_t *username = json_object_get(author, "username");
	if (!json_is_object(author) || !json_is_string(username) || !json_string_length(username))
		return gh_fail(&g, "\"author\" has no \"username\"");

	as_export_rec rec = { .order = (int64_t)json_integer_value(id) };
	if ((err = gh_time(&g, o, "created_at", &rec.time)) < 0)
		return err;
	char buf[300];
	int n = snprintf(buf, sizeof(buf), "@%.250s", json_string_value(username));
	rec.actor = as_export_intern(g.x, buf, (size_t)n);
	if (gh_bot_login(buf, (size_t)n) || json_is_true(json_object_get(author, "bot")))
		rec.flags |= AS_XREC_BOT;
	n = snprintf(buf, sizeof(buf), "%s %lld", issue ? "issue" : "mr",
		     (long long)json_integer_value(iid));
	rec.issue = as_export_intern(g.x, buf, (size_t)n);
	n = snprintf(buf, sizeof(buf), "%s %lld note %lld", issue ? "issue" : "mr",
		     (long long)json_integer_value(iid), (long long)json_integer_value(id));
	rec.record = as_export_intern(g.x, buf, (size_t)n);
	/* the note's own text: what the excerpt shows */
	rec.text = as_export_intern(g.x, json_string_value(body), json_string_length(body));
	note_records(&g, json_string_value(body), json_string_length(body), &rec);
	return 0;
}

static int read_notes(as_export *x, trk_reader *r)
{
	gh_rec ctx = { .x = x, .r = r };
	trk_json_reader jr = { .r = r, .record = on_note, .ctx = &ctx };
	return gh_read_arrays(x, &jr);
}

static int sniff(const as_export_head *h)
{
	return gh_sniff_array(h, trk_json_head_has(h->json, "noteable_type") ||
				 (trk_json_head_has(h->json, "system") &&
				  trk_json_head_has(h->json, "noteable_iid")));
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	as_buf_printf(out, "%s: %s %s", as_export_str(x, r->record), as_export_str(x, r->actor),
		      as_export_str(x, r->text));
}

static void link(as_buf *out, const as_export *x, const as_export_rec *r)
{
	long long iid = 0, note = 0;
	char kind[8] = "";
	if (sscanf(as_export_str(x, r->record), "%7s %lld note %lld", kind, &iid, &note) == 3)
		as_buf_printf(out, "-/%s/%lld#note_%lld",
			      !strcmp(kind, "mr") ? "merge_requests" : "issues", iid, note);
}

const as_export_format as_format_gitlab_notes = {
	.name = "gitlab-notes",
	.sniff = sniff,
	.read = read_notes,
	.excerpt = excerpt,
	.link = link,
	.unrecognised = "[a GitLab note (no \"noteable_type\")",
};
