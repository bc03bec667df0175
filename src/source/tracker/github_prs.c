/*
 * github-prs: the JSON array that
 *
 *   gh pr list --state all --limit 100000 \
 *     --json number,title,author,createdAt,mergedAt,mergedBy,assignees,reviews,files
 *
 * prints (or the concatenated pages of `gh api --paginate`). Per pull
 * request, in this order:
 *   - a `change` record: the author and the paths of `files` (the owning
 *     teams of the pull request, for autonomy);
 *   - per review by someone other than the author whose state is
 *     APPROVED, CHANGES_REQUESTED or COMMENTED, a `review` record
 *     (feedback: reviewer -> author, key "review:approved",
 *     "review:changes_requested", "review:commented"), and for APPROVED
 *     an `approval` record too. DISMISSED (and PENDING) reviews are not
 *     counted: the review no longer stands.
 * Record "#N" for the pull request, "#N review K" (K: 1-based position in
 * `reviews`) for a review. Bots (`is_bot`, "app/…" and "…[bot]" logins)
 * are marked. Read in place (json_value.h): every record of such an
 * export matters, and a jansson tree of each costs more than the 2 s a
 * 100 MB export may take.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "source/tracker/format.h"
#include "source/tracker/github_common.h"
#include "source/tracker/json_value.h"

#define GH_PR_LIST "gh pr list --state all --limit 100000 --json " \
	"number,title,author,createdAt,mergedAt,mergedBy,assignees,reviews,files"

static const char *const review_states[] = { "APPROVED", "CHANGES_REQUESTED", "COMMENTED" };
/* as_review_keys (config/names.h), in the order of review_states */
#define review_keys as_review_keys

typedef struct {
	gh_rec g;
	as_buf s;             /* scratch for strings */
	uint32_t keys[3];     /* the review keys, interned */
} pr_reader;

/* "@login" of a user value (null: the ghost); *bot set for a bot. */
static int user(pr_reader *p, trk_jval u, const char *what, uint32_t *out, int *bot)
{
	static const char *const keys[] = { "login", "is_bot", NULL };
	as_export *x = p->g.x;
	trk_jval f[2];
	if (trk_jval_kind(u) == 'n') {
		*out = as_export_intern(x, "@ghost", 6);
		return 0;
	}
	as_buf_clear(&p->s);
	as_buf_putc(&p->s, '@');
	if (trk_jval_fields(u, keys, f) < 0 || trk_jval_string(f[0], &p->s) < 0 || p->s.len == 1)
		return gh_fail(&p->g, "\"%s\" has no \"login\"", what);
	*out = as_export_intern(x, p->s.ptr, p->s.len);
	*bot |= gh_bot_login(p->s.ptr, p->s.len) || trk_jval_kind(f[1]) == 't';
	return 0;
}

/* A time value (absent or null: 0). */
static int time_of(pr_reader *p, trk_jval v, const char *key, int64_t *out)
{
	*out = 0;
	if (!v.n || trk_jval_kind(v) == 'n')
		return 0;
	as_buf_clear(&p->s);
	if (trk_jval_string(v, &p->s) < 0 || trk_parse_iso8601(out, as_buf_cstr(&p->s)) < 0)
		return gh_fail(&p->g, "\"%s\" is not an ISO 8601 time", key);
	return 0;
}

/* The paths of `files`, as one list of the export. */
static int read_files(pr_reader *p, trk_jval files, as_export_rec *rec)
{
	trk_jval f, path;
	size_t pos = 0, k = 0;
	rec->items = (uint32_t)p->g.x->nitems;
	while (trk_jval_next(files, &pos, NULL, &f)) {
		k++;
		as_buf_clear(&p->s);
		if (!trk_jval_get(f, "path", &path) || trk_jval_string(path, &p->s) < 0)
			return gh_fail(&p->g, "files[%zu] has no \"path\"", k - 1);
		as_export_add_item(p->g.x, as_export_intern(p->g.x, p->s.ptr, p->s.len));
		rec->nitems++;
	}
	return 0;
}

static int read_review(pr_reader *p, trk_jval rv, size_t k, const as_export_rec *pr,
		       int author_bot)
{
	static const char *const keys[] = { "state", "author", "submittedAt", NULL };
	as_export *x = p->g.x;
	trk_jval f[3];
	char what[48];
	int bot = author_bot, err;
	snprintf(what, sizeof(what), "reviews[%zu].author", k - 1);
	if (trk_jval_fields(rv, keys, f) < 0)
		return gh_fail(&p->g, "reviews[%zu] is not an object", k - 1);
	as_buf_clear(&p->s);
	if (trk_jval_string(f[0], &p->s) < 0)
		return gh_fail(&p->g, "reviews[%zu] has no \"state\" string", k - 1);
	size_t st;
	for (st = 0; st < 3; st++)
		if (!strcmp(p->s.ptr, review_states[st]))
			break;
	if (st == 3)
		return 0; /* DISMISSED, PENDING: not a review that stands */

	as_export_rec rec = { .kind = AS_EV_REVIEW, .issue = pr->issue, .title = pr->title,
			      .subject = pr->actor, .key = p->keys[st], .order = pr->order };
	if (!f[1].n)
		return gh_fail(&p->g, "reviews[%zu] has no \"author\"", k - 1);
	if ((err = user(p, f[1], what, &rec.actor, &bot)) < 0 ||
	    (err = time_of(p, f[2], "submittedAt", &rec.time)) < 0)
		return err;
	/* one's own review comments are not feedback */
	if (!strcasecmp(as_export_str(x, rec.actor), as_export_str(x, pr->actor)))
		return 0;
	if (bot)
		rec.flags |= AS_XREC_BOT;
	char num[64];
	int n = snprintf(num, sizeof(num), "%s review %zu", as_export_str(x, pr->issue), k);
	rec.record = as_export_intern(x, num, (size_t)n);
	as_export_add(x, &rec);
	if (st == 0) {
		rec.kind = AS_EV_APPROVAL;
		rec.key = 0;
		as_export_add(x, &rec);
	}
	return 0;
}

enum { F_NUMBER, F_REVIEWS, F_FILES, F_AUTHOR, F_CREATED, F_TITLE };

static int on_pr(void *ctx, const char *data, size_t len, const trk_json_place *at)
{
	static const char *const keys[] = {
		"number", "reviews", "files", "author", "createdAt", "title", NULL,
	};
	pr_reader *p = ctx;
	as_export *x = p->g.x;
	trk_jval o = { data, len }, f[6], rv;
	as_export_rec pr = { .kind = AS_EV_CHANGE };
	long long number;
	int bot = 0, err;

	p->g.at = at;
	trk_jval_fields(o, keys, f);
	if (trk_jval_int(f[F_NUMBER], &number) < 0)
		return gh_fail(&p->g, "no pull request \"number\"");
	if (trk_jval_kind(f[F_REVIEWS]) != '[')
		return gh_fail(&p->g, "no \"reviews\" array: list the pull requests with " GH_PR_LIST);
	if (trk_jval_kind(f[F_FILES]) != '[')
		return gh_fail(&p->g, "no \"files\" array: list the pull requests with " GH_PR_LIST);
	if (!f[F_AUTHOR].n)
		return gh_fail(&p->g, "no \"author\": list the pull requests with " GH_PR_LIST);
	if ((err = user(p, f[F_AUTHOR], "author", &pr.actor, &bot)) < 0 ||
	    (err = time_of(p, f[F_CREATED], "createdAt", &pr.time)) < 0)
		return err;
	pr.subject = pr.actor;
	pr.order = number;
	char num[32];
	int n = snprintf(num, sizeof(num), "#%lld", number);
	pr.issue = pr.record = as_export_intern(x, num, (size_t)n);
	as_buf_clear(&p->s);
	if (trk_jval_string(f[F_TITLE], &p->s) == 0)
		pr.title = as_export_intern(x, p->s.ptr, p->s.len);
	if (bot)
		pr.flags |= AS_XREC_BOT;
	if ((err = read_files(p, f[F_FILES], &pr)) < 0)
		return err;
	as_export_add(x, &pr);

	size_t pos = 0, k = 0;
	while (trk_jval_next(f[F_REVIEWS], &pos, NULL, &rv))
		if ((err = read_review(p, rv, ++k, &pr, bot)) < 0)
			return err;
	return 0;
}

static int read_prs(as_export *x, trk_reader *r)
{
	pr_reader p = { .g = { .x = x, .r = r } };
	for (size_t i = 0; i < 3; i++)
		p.keys[i] = as_export_intern(x, review_keys[i], strlen(review_keys[i]));
	trk_json_reader jr = { .r = r, .raw = on_pr, .ctx = &p };
	int err = gh_read_arrays(x, &jr);
	as_buf_free(&p.s);
	return err;
}

/* What only pull requests have (gh pr list's field names). */
static const char *const pr_keys[] = {
	"reviews", "files", "mergedAt", "mergedBy", "headRefName", "baseRefName",
	"reviewDecision", "isDraft", "latestReviews", "reviewRequests", NULL,
};

int gh_head_is_pr(const as_export_head *h)
{
	for (size_t i = 0; pr_keys[i]; i++)
		if (trk_json_head_has(h->json, pr_keys[i]))
			return 1;
	return 0;
}

static int sniff(const as_export_head *h)
{
	return gh_sniff_array(h, !trk_json_head_has(h->json, "event") && gh_head_is_pr(h));
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	const char *issue = as_export_str(x, r->issue), *title = as_export_str(x, r->title);
	const char *actor = as_export_str(x, r->actor), *key = as_export_str(x, r->key);
	if (r->kind == AS_EV_CHANGE)
		as_buf_printf(out, "%s by %s (%u file%s)", issue, actor, (unsigned)r->nitems,
			      r->nitems == 1 ? "" : "s");
	else if (r->kind == AS_EV_APPROVAL || !strcmp(key, review_keys[0]))
		as_buf_printf(out, "%s approved %s", actor, issue);
	else if (!strcmp(key, review_keys[1]))
		as_buf_printf(out, "%s requested changes on %s", actor, issue);
	else
		as_buf_printf(out, "%s commented on %s", actor, issue);
	if (r->kind != AS_EV_CHANGE)
		as_buf_printf(out, " by %s", as_export_str(x, r->subject));
	if (*title)
		as_buf_printf(out, ": %s", title);
}

static void link(as_buf *out, const as_export *x, const as_export_rec *r)
{
	as_buf_printf(out, "pull/%s", as_export_str(x, r->issue) + 1);
}

const as_export_format as_format_github_prs = {
	.name = "github-prs",
	.sniff = sniff,
	.read = read_prs,
	.excerpt = excerpt,
	.link = link,
	.unrecognised = "[a `gh pr list` entry (no \"reviews\" nor \"files\")",
	.grouped = 1,
};
