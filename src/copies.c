/*
 * Findings that repeat on a copy of their commit (copies.h).
 */
#include "copies.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

int as_copies_eligible(const as_finding *f)
{
	return f->severity >= AS_SEV_WARNING && f->commit[0] && strncmp(f->rule, "antisilo:", 9);
}

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The same rule, parties and words: a finding that may be a copy. */
static int by_finding(const void *x, const void *y, void *data)
{
	const as_findings *fs = data;
	const as_finding *a = &fs->items[*(const size_t *)x];
	const as_finding *b = &fs->items[*(const size_t *)y];
	int c = strcmp(a->rule, b->rule);
	if (!c)
		c = str_cmp(a->excerpt, b->excerpt);
	if (!c)
		c = str_cmp(a->actor, b->actor);
	if (!c)
		c = str_cmp(a->subject, b->subject);
	if (!c)
		c = strcmp(a->commit, b->commit);
	return c;
}

static int same_finding(const as_finding *a, const as_finding *b)
{
	return !strcmp(a->rule, b->rule) && !str_cmp(a->excerpt, b->excerpt) &&
	       !str_cmp(a->actor, b->actor) && !str_cmp(a->subject, b->subject);
}

int as_copies_patch_id(git_oid *out, git_repository *repo, const git_oid *oid)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	int rc = 0;

	if (git_commit_lookup(&c, repo, oid) < 0) {
		git_error_clear();
		return 0;
	}
	if (git_commit_parentcount(c) == 1 && git_commit_parent(&parent, c, 0) == 0 &&
	    git_commit_tree(&ptree, parent) == 0 && git_commit_tree(&tree, c) == 0 &&
	    git_diff_tree_to_tree(&diff, repo, ptree, tree, NULL) == 0 &&
	    git_diff_patchid(out, diff, NULL) == 0)
		rc = 1;
	git_error_clear();
	git_diff_free(diff);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

void as_copies_refer_to(as_finding *f, const char *original, as_metrics *metrics)
{
	as_buf x = AS_BUF_INIT;
	as_buf_printf(&x, "This commit has the same patch as %.12s (a cherry-pick without -x): "
		      "the finding of rule %s belongs to the original, where it is judged; "
		      "the copy is not judged again.", original, f->rule);
	if (metrics) {
		uint64_t *n = f->event == AS_EV_ASSIGNMENT ? &metrics->assignments[f->relation]
			      : f->event == AS_EV_APPROVAL ? &metrics->approvals[f->relation] : NULL;
		if (n && *n)
			(*n)--;
	}
	free(f->rule);
	free(f->explain);
	f->rule = as_xstrdup("antisilo:cherry-pick");
	f->severity = AS_SEV_INFO;
	f->explain = as_buf_detach(&x);
	f->unchecked = 0;
	as_finding_fingerprint(f);
}

/* One run of findings that agree: the copies among their commits. */
static int group(as_findings *fs, const size_t *idx, size_t n, as_metrics *metrics,
		 git_repository *repo)
{
	git_oid *ids = as_xcalloc(n, sizeof(*ids));
	unsigned char *have = as_xcalloc(n, 1);
	int err = 0;
	for (size_t i = 0; i < n; i++) {
		git_oid oid;
		have[i] = git_oid_fromstr(&oid, fs->items[idx[i]].commit) == 0 &&
			  as_copies_patch_id(&ids[i], repo, &oid) > 0;
	}
	for (size_t i = 0; i < n && !err; i++) {
		if (!have[i])
			continue;
		/* the original: the oldest commit with this patch (the walk
		 * meets it last) */
		size_t orig = i;
		for (size_t j = 0; j < n; j++) {
			const as_finding *a = &fs->items[idx[j]], *o = &fs->items[idx[orig]];
			if (have[j] && git_oid_equal(&ids[j], &ids[i]) &&
			    (a->time < o->time || (a->time == o->time && a->seq > o->seq)))
				orig = j;
		}
		if (orig != i && strcmp(fs->items[idx[orig]].commit, fs->items[idx[i]].commit))
			as_copies_refer_to(&fs->items[idx[i]], fs->items[idx[orig]].commit, metrics);
	}
	free(ids);
	free(have);
	return err;
}

int as_copies_refer(as_findings *fs, as_metrics *metrics, git_repository *repo)
{
	size_t n = 0;
	size_t *idx = as_xmalloc((fs->nr ? fs->nr : 1) * sizeof(*idx));
	int err = 0;
	for (size_t i = 0; i < fs->nr; i++)
		if (as_copies_eligible(&fs->items[i]))
			idx[n++] = i;
	if (n > 1)
		qsort_r(idx, n, sizeof(*idx), by_finding, fs);
	for (size_t i = 0; i < n && !err;) {
		size_t j = i + 1, commits = 1;
		while (j < n && same_finding(&fs->items[idx[i]], &fs->items[idx[j]])) {
			commits += strcmp(fs->items[idx[j]].commit, fs->items[idx[j - 1]].commit) != 0;
			j++;
		}
		if (commits > 1)
			err = group(fs, idx + i, j - i, metrics, repo);
		i = j;
	}
	free(idx);
	return err;
}
