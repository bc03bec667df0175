/*
 * The originals the server has of a push's copies (originals.h).
 */
#include "originals.h"

#include <stdlib.h>
#include <string.h>

#include "copies.h"
#include "source/commit.h"
#include "source/walk.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/error.h"

/* An original commits no earlier than its author date, but clocks lie. */
#define CLOCK_SKEW_S (24 * 3600)

/* One pushed commit with findings that may be a copy's. */
typedef struct {
	git_oid oid;
	char *author;        /* its raw author line, "Name <email> time tz" */
	size_t author_len;
	int64_t time;        /* the author date */
	int64_t committed;   /* its committer date: an original is older */
	git_oid patch;
	int have_patch;      /* 1 known, 0 not yet, -1 none (a merge, a root) */
	int done;            /* its original was found */
} copy;

/* The line `key` ("author ", "committer ") of a raw commit header: 1 and
 * its value, or 0. */
static int header_line(const unsigned char *data, size_t len, const char *key,
		       const char **out, size_t *out_len)
{
	const char *p = (const char *)data, *end = p + len;
	size_t klen = strlen(key);
	while (p < end && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > klen && !memcmp(p, key, klen)) {
			*out = p + klen;
			*out_len = (size_t)(eol - p) - klen;
			return 1;
		}
		p = eol + 1;
	}
	return 0;
}

static int author_line(const unsigned char *data, size_t len, const char **out, size_t *out_len)
{
	return header_line(data, len, "author ", out, out_len);
}

/* The committer date of a raw commit header (0: none). */
static int64_t committer_date(const unsigned char *data, size_t len)
{
	const char *line;
	size_t n;
	return header_line(data, len, "committer ", &line, &n) ? as_ident_date(line, n) : 0;
}

/* The pushed commits with findings that may be copies'. */
static size_t collect(copy **out, const as_findings *fs, git_repository *repo)
{
	copy *cs = NULL;
	size_t n = 0, alloc = 0;
	git_odb *odb = NULL;
	if (git_repository_odb(&odb, repo) < 0) {
		git_error_clear();
		*out = NULL;
		return 0;
	}
	for (size_t i = 0; i < fs->nr; i++) {
		const as_finding *f = &fs->items[i];
		git_oid oid;
		git_odb_object *obj;
		const char *line;
		size_t len;
		int seen = 0;
		if (!as_copies_eligible(f) || git_oid_fromstr(&oid, f->commit) < 0)
			continue;
		for (size_t j = 0; j < n && !seen; j++)
			seen = git_oid_equal(&cs[j].oid, &oid);
		if (seen || git_odb_read(&obj, odb, &oid) < 0) {
			git_error_clear();
			continue;
		}
		if (git_odb_object_type(obj) == GIT_OBJECT_COMMIT &&
		    author_line(git_odb_object_data(obj), git_odb_object_size(obj), &line, &len)) {
			AS_GROW(cs, n + 1, alloc);
			memset(&cs[n], 0, sizeof(cs[n]));
			git_oid_cpy(&cs[n].oid, &oid);
			cs[n].author = as_xstrndup(line, len);
			cs[n].author_len = len;
			cs[n].time = as_ident_date(line, len);
			cs[n].committed = committer_date(git_odb_object_data(obj),
							 git_odb_object_size(obj));
			n++;
		}
		git_odb_object_free(obj);
	}
	git_odb_free(odb);
	*out = cs;
	return n;
}

/* Whether the original's own message, judged as the push was, carries
 * finding `f` (the same rule, words and actor). */
static int original_has(const as_findings *orig, const as_finding *f)
{
	for (size_t i = 0; i < orig->nr; i++) {
		const as_finding *g = &orig->items[i];
		if (!strcmp(g->rule, f->rule) && !strcmp(g->excerpt ? g->excerpt : "",
							 f->excerpt ? f->excerpt : "") &&
		    !strcmp(g->actor ? g->actor : "", f->actor ? f->actor : ""))
			return 1;
	}
	return 0;
}

/* Judges commit `oid` alone as the push was judged, and turns each finding
 * of copy `c` that it carries too into a reference to it. Returns how
 * many findings it turned. */
static size_t refer_to_original(as_findings *fs, as_metrics *metrics, const copy *c,
				git_repository *repo, const git_oid *oid, const as_scan_opts *judge)
{
	as_scan_opts opts = { .cfg = judge->cfg, .mailmap = judge->mailmap, .jobs = 1,
			      .deadline_ms = judge->deadline_ms, .facts = judge->facts,
			      .detector = judge->detector };
	as_results res;
	as_walk *w = NULL;
	char hex[GIT_OID_HEXSZ + 1], copy_hex[GIT_OID_HEXSZ + 1];
	size_t turned = 0;

	memset(&res, 0, sizeof(res));
	if (as_walk_new(&w, repo) < 0 || as_walk_add_oid(w, oid, 0) < 0)
		goto out;
	as_walk_set_max_count(w, 1);
	if (as_scan(&res, w, &opts) < 0)
		goto out;
	git_oid_tostr(hex, sizeof(hex), oid);
	git_oid_tostr(copy_hex, sizeof(copy_hex), &c->oid);
	for (size_t i = 0; i < fs->nr; i++) {
		as_finding *f = &fs->items[i];
		if (as_copies_eligible(f) && !strcmp(f->commit, copy_hex) &&
		    original_has(&res.findings, f)) {
			as_copies_refer_to(f, hex, metrics);
			turned++;
		}
	}
out:
	as_error_clear();
	as_results_free(&res);
	as_walk_free(w);
	return turned;
}

/* A commit of the server's history: an original of one of `cs`? */
static void try_candidate(as_findings *fs, as_metrics *metrics, copy *cs, size_t n,
			  git_repository *repo, const git_oid *oid, const as_raw *obj,
			  const as_scan_opts *judge)
{
	const char *line;
	size_t len;
	git_oid patch;
	int have_patch = 0;

	if (!author_line(obj->data, obj->len, &line, &len))
		return;
	int64_t committed = -1;
	for (size_t i = 0; i < n; i++) {
		copy *c = &cs[i];
		if (c->done || c->author_len != len || memcmp(c->author, line, len) ||
		    git_oid_equal(&c->oid, oid))
			continue;
		/* the original was committed first (or in the same second) */
		if (committed < 0)
			committed = committer_date(obj->data, obj->len);
		if (committed > c->committed)
			continue;
		if (!c->have_patch)
			c->have_patch = as_copies_patch_id(&c->patch, repo, &c->oid) ? 1 : -1;
		if (c->have_patch < 0)
			continue;
		if (!have_patch)
			have_patch = as_copies_patch_id(&patch, repo, oid) ? 1 : -1;
		if (have_patch > 0 && git_oid_equal(&patch, &c->patch) &&
		    refer_to_original(fs, metrics, c, repo, oid, judge))
			c->done = 1;
	}
}

/* as_walk_set_skip: a commit the run met (copies among its commits were
 * compared within the run, copies.h), and its history. */
static int met_by_run(void *data, const git_oid *oid)
{
	return as_walk_met(data, oid);
}

int as_originals_refer(as_findings *fs, as_metrics *metrics, git_repository *repo,
		       const as_scan_opts *judge, as_walk *run, int64_t stop_ms)
{
	copy *cs = NULL;
	size_t n = collect(&cs, fs, repo), left = n;
	as_walk *w = NULL;
	int64_t since = INT64_MAX;
	int err = 0;

	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (cs[i].time < since)
			since = cs[i].time;
	since = since > CLOCK_SKEW_S ? since - CLOCK_SKEW_S : 1;
	if ((err = as_walk_new(&w, repo)) < 0)
		goto out;
	if (run)
		as_walk_set_skip(w, met_by_run, run);
	if ((err = as_walk_add(w, "--branches")) < 0)
		goto out;
	as_walk_set_window(w, since, 0);
	for (uint64_t k = 0; left; k++) {
		git_oid oid;
		as_raw obj = { 0 };
		if ((k & 63) == 0 && stop_ms && as_now_ms() >= stop_ms)
			break;
		if (as_walk_next_header(w, &oid, &obj) < 0)
			break;
		try_candidate(fs, metrics, cs, n, repo, &oid, &obj, judge);
		as_raw_free(&obj);
		left = 0;
		for (size_t i = 0; i < n; i++)
			left += !cs[i].done;
	}
	/* what stopped the walk (its end, a deadline, an unreadable object)
	 * leaves the remaining findings as they are */
	as_error_clear();
out:
	for (size_t i = 0; i < n; i++)
		free(cs[i].author);
	free(cs);
	as_walk_free(w);
	return err;
}
