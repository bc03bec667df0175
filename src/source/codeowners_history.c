/*
 * CODEOWNERS history (codeowners_history.h): which CODEOWNERS lines a
 * commit adds, and over which teams' paths.
 */
#include "source/codeowners_history.h"

#include <stdlib.h>
#include <string.h>

#include "source/ownership.h"
#include "util/alloc.h"
#include "util/error.h"

/* Where GitHub looks, in its order (codeowners.h). */
static const char *const locations[] = { ".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS" };

static int is_location(const char *path, size_t len)
{
	for (size_t i = 0; i < 3; i++)
		if (strlen(locations[i]) == len && !memcmp(path, locations[i], len))
			return 1;
	return 0;
}

static int filter_dir(const void *data, const char *dir, size_t len)
{
	(void)data;
	return (len == 7 && !memcmp(dir, ".github", 7)) || (len == 4 && !memcmp(dir, "docs", 4));
}

static int filter_file(const void *data, const char *path, size_t len)
{
	(void)data;
	return is_location(path, len);
}

void as_codeowners_history_init(as_codeowners_history *h, git_repository *repo, git_odb *odb,
				const as_org *org)
{
	memset(h, 0, sizeof(*h));
	h->repo = repo;
	h->odb = odb;
	h->org = org;
	as_paths_init(&h->changed_);
	h->filter_.dir = filter_dir;
	h->filter_.file = filter_file;
	as_paths_set_filter(&h->changed_, &h->filter_);
	as_codeowners_init(&h->old_);
	as_codeowners_init(&h->new_);
	as_codeowners_init(&h->other_);
}

void as_codeowners_history_free(as_codeowners_history *h)
{
	as_paths_free(&h->changed_);
	as_codeowners_free(&h->old_);
	as_codeowners_free(&h->new_);
	as_codeowners_free(&h->other_);
	as_buf_free(&h->text_);
	as_buf_free(&h->other_text_);
	as_strtab_free(&h->before_);
	memset(h, 0, sizeof(*h));
}

/* ---- the files -------------------------------------------------------------- */

/* Did the commit change a file where a CODEOWNERS can be? */
static int touched(as_codeowners_history *h, const as_commit *c, const as_paths *paths,
		   const git_oid *parent_tree, int *err)
{
	git_oid ptree;
	*err = 0;
	if (!paths || c->nparents > 1) {
		if (c->nparents && !parent_tree) {
			int e = as_paths_commit_tree(&ptree, h->odb, &c->parents[0]);
			if (e == 0)
				parent_tree = &ptree;
			else if (e != AS_ENOTFOUND) /* (a shallow clone's boundary) */
				return (*err = e), 0;
			as_error_clear();
		}
		if ((*err = as_paths_diff_trees(&h->changed_, h->odb, parent_tree, &c->tree)) < 0)
			return 0;
		paths = &h->changed_;
	}
	for (size_t i = 0; i < paths->nr; i++)
		if (is_location(as_paths_name(paths, i), paths->items[i].path_len))
			return 1;
	return 0;
}

/*
 * The CODEOWNERS GitHub uses at commit `id` (its text in `text`), or an
 * empty one: 0, or AS_EINTERNAL. A missing commit (a shallow clone) has
 * none.
 */
static int load_at(as_codeowners_history *h, const git_oid *commit_tree, const git_oid *commit,
		   as_codeowners *co, as_buf *text)
{
	git_commit *cm = NULL;
	git_tree *tree = NULL;
	git_oid tid;
	int err = 0;

	as_buf_clear(text);
	if (commit_tree) {
		tid = *commit_tree;
	} else if (git_commit_lookup(&cm, h->repo, commit) < 0) {
		as_error_clear();
		return as_codeowners_parse(co, "", 0);
	} else {
		git_oid_cpy(&tid, git_commit_tree_id(cm));
	}
	git_commit_free(cm);
	if (git_tree_lookup(&tree, h->repo, &tid) < 0)
		return as_error_git(AS_EINTERNAL, "reading a tree for CODEOWNERS");
	err = as_codeowners_load_text(co, h->repo, tree, AS_CODEOWNERS_GITHUB_MAX, text);
	git_tree_free(tree);
	if (err == AS_ENOTFOUND || err == AS_ELIMIT) {
		/* none, or one GitHub ignores: no owners */
		as_error_clear();
		as_buf_clear(text);
		return as_codeowners_parse(co, "", 0);
	}
	return err;
}

/* The lines of a CODEOWNERS text, as the parser counts them (1-based),
 * trimmed: line_text(text, k) fills *s and *len. */
typedef struct {
	const char **starts;
	size_t *lens;
	size_t n;
} lines;

static void split_lines(lines *ls, const as_buf *text)
{
	size_t pos = 0, alloc = 0;
	const char *t = as_buf_cstr(text);
	memset(ls, 0, sizeof(*ls));
	AS_GROW(ls->starts, 1, alloc);
	ls->lens = as_xrealloc(ls->lens, alloc * sizeof(*ls->lens));
	ls->starts[0] = "";
	ls->lens[0] = 0;
	ls->n = 1;
	if (text->len >= 3 && !memcmp(t, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < text->len) {
		const char *nl = memchr(t + pos, '\n', text->len - pos);
		size_t end = nl ? (size_t)(nl - t) : text->len, s = pos;
		while (s < end && (t[s] == ' ' || t[s] == '\t'))
			s++;
		size_t e = end;
		while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
			e--;
		size_t old = alloc;
		AS_GROW(ls->starts, ls->n + 1, alloc);
		if (alloc != old)
			ls->lens = as_xrealloc(ls->lens, alloc * sizeof(*ls->lens));
		ls->starts[ls->n] = t + s;
		ls->lens[ls->n++] = e - s;
		pos = end + 1;
	}
}

static void lines_free(lines *ls)
{
	free(ls->starts);
	free(ls->lens);
}

static void remember_lines(as_strtab *set, const as_buf *text)
{
	lines ls;
	split_lines(&ls, text);
	for (size_t i = 1; i < ls.n; i++)
		as_strtab_intern(set, ls.starts[i], ls.lens[i]);
	lines_free(&ls);
}

/* ---- which teams a line is over ------------------------------------------------ */

/* A pattern's example paths (as it is, and below it): how many. */
static size_t add_example(as_buf *list, const as_patterns *ps, const as_pattern *p)
{
	as_buf ex = AS_BUF_INIT;
	size_t n = 0;
	for (int below = 0; below < 2; below++)
		if (as_pattern_example(ps, p, below, &ex) == 0) {
			as_buf_put(list, ex.ptr, ex.len + 1);
			n++;
		}
	as_buf_free(&ex);
	return n;
}

/*
 * Bounds on a hostile CODEOWNERS (GitHub reads up to 3 MB: some 300,000
 * lines). Finding the line that decides a path tests, at worst, every
 * floating line ("*.x") as well as the path's own: the example paths a
 * commit is judged on are capped so that this work stays under
 * MAX_PATTERN_TESTS (measured: 0.3 s); and the gates one commit yields are
 * capped too. Past either, a notice says what was not checked (the hook
 * then applies on_incomplete). An ordinary change of a few lines costs a
 * few hundred tests.
 */
#define MAX_PATTERN_TESTS 2000000
#define MAX_GATES_PER_COMMIT 1000

/* Does the line name a team's handle (the paths it owns are that team's)? */
static int team_line(const as_org *org, const as_codeowners *co, const as_codeowners_rule *r)
{
	for (size_t k = 0; k < r->nowners; k++) {
		const char *o = as_codeowners_owner(co, r, k);
		if (as_org_find_team_handle(org, o, strlen(o)) >= 0)
			return 1;
	}
	return 0;
}

/*
 * The example paths (NUL-separated) a commit's added lines are judged on:
 * the teams' paths', the lines' that name a team's handle (in the old
 * file and the new), the added lines' own, and a floating added line's
 * inside each directory of the others (each directory once); at most
 * `max` of them. Returns how many were left out.
 */
static size_t candidates(as_buf *list, const as_codeowners_history *h, const as_ownership *own,
			 const size_t *added, size_t nadded, size_t max)
{
	const as_codeowners *files[2] = { &h->new_, &h->old_ };
	size_t n = as_ownership_examples(own, list), left = 0;
	for (size_t f = 0; f < 2; f++)
		for (size_t r = 0; r < files[f]->nrules; r++)
			if (team_line(h->org, files[f], &files[f]->rules[r]))
				n += add_example(list, &files[f]->patterns, &files[f]->rules[r].pattern);
	size_t base = list->len;
	for (size_t a = 0; a < nadded; a++)
		n += add_example(list, &h->new_.patterns, &h->new_.rules[added[a]].pattern);
	as_strtab dirs = { 0 };
	for (size_t pos = 0; pos < base;) {
		const char *c = list->ptr + pos, *slash = strrchr(c, '/');
		pos += strlen(c) + 1;
		if (slash)
			as_strtab_intern(&dirs, c, (size_t)(slash - c) + 1);
	}
	as_buf ex = AS_BUF_INIT;
	for (size_t a = 0; a < nadded; a++) {
		const as_codeowners_rule *r = &h->new_.rules[added[a]];
		if (!as_pattern_floating(&h->new_.patterns, &r->pattern) ||
		    as_pattern_example(&h->new_.patterns, &r->pattern, 0, &ex) < 0)
			continue;
		for (size_t d = 0; d < dirs.nr; d++, n++) {
			as_buf_put(list, as_strtab_str(&dirs, (uint32_t)d), dirs.len[d]);
			as_buf_put(list, ex.ptr, ex.len + 1);
		}
	}
	as_buf_free(&ex);
	as_strtab_free(&dirs);
	if (n > max) {
		/* keep the first `max` (the teams' own areas come first) */
		size_t pos = 0;
		for (size_t k = 0; k < max; k++)
			pos += strlen(list->ptr + pos) + 1;
		as_buf_truncate(list, pos);
		left = n - max;
	}
	return left;
}

static void add_teams(unsigned char *over, const as_ownership *o, const char *path, size_t len,
		      as_owners *scratch)
{
	as_ownership_of(o, path, len, scratch);
	for (size_t i = 0; i < scratch->nteams; i++)
		over[scratch->teams[i]] = 1;
}

/* One gate event: the line `r` of the new file over team `team`. */
static void emit(as_events *out, const as_codeowners_history *h, const as_commit *c,
		 const as_codeowners_rule *r, const lines *ls, size_t team, uint64_t seq)
{
	as_event *ev = as_events_add(out);
	ev->kind = AS_EV_GATE;
	ev->origin = AS_ORIGIN_CODEOWNERS;
	ev->subject_team = (int)team;
	ev->subject_is_team = 1;
	memcpy(ev->commit, c->hex, sizeof(ev->commit));
	as_commit_author(c, &ev->author);
	as_buf_puts(&ev->path, h->new_.path);
	ev->line = (long)r->line;
	if (r->line < ls->n)
		as_excerpt_append(&ev->excerpt, ls->starts[r->line], ls->lens[r->line], 300);
	as_buf_put(&ev->title, c->subject.ptr, c->subject.len);
	ev->time = c->commit_time;
	ev->seq = seq;
	for (size_t k = 0; k < r->nowners; k++) {
		const char *o = as_codeowners_owner(&h->new_, r, k);
		as_event_add_item(ev, o, strlen(o));
	}
	as_buf_printf(&ev->link, "blob/%s/%s#L%u", c->hex, h->new_.path, (unsigned)r->line);
}

static const as_notice too_many_notice = {
	"antisilo:max-codeowners-work",
	"Split the change to CODEOWNERS into smaller commits (and use fewer lines that match "
	"at any depth, such as *.js): antisilo bounds the work one commit may cost.",
};

/* The notice in place of what the bounds left out. */
static void emit_too_many(as_events *out, const as_codeowners_history *h, const as_commit *c,
			  const char *what, uint64_t seq)
{
	as_event *ev = as_events_add(out);
	ev->kind = AS_EV_GATE;
	ev->origin = AS_ORIGIN_CODEOWNERS;
	ev->limit_hit = 1;
	ev->notice = &too_many_notice;
	memcpy(ev->commit, c->hex, sizeof(ev->commit));
	as_commit_author(c, &ev->author);
	as_buf_puts(&ev->path, h->new_.path);
	as_buf_put(&ev->title, c->subject.ptr, c->subject.len);
	as_buf_printf(&ev->excerpt, "%s: not checked", what);
	ev->time = c->commit_time;
	ev->seq = seq;
}

static int gates(as_codeowners_history *h, as_events *out, const as_commit *c,
		 const size_t *added, size_t nadded, const lines *ls, uint64_t seq)
{
	as_ownership *own_old = NULL, *own_new = NULL;
	as_buf list = AS_BUF_INIT;
	as_owners scratch = AS_OWNERS_INIT;
	size_t nteams = h->org->nteams, emitted = 0, more = 0, floating = 0;
	unsigned char *over = as_xcalloc(nadded * nteams + 1, 1);
	/* rule -> its place among the added ones, or -1 */
	long *which = as_xmalloc((h->new_.nrules + 1) * sizeof(*which));
	int err;

	for (size_t r = 0; r < h->new_.nrules; r++)
		which[r] = -1;
	for (size_t a = 0; a < nadded; a++)
		which[added[a]] = (long)a;
	if ((err = as_ownership_new(&own_old, h->org, &h->old_)) < 0 ||
	    (err = as_ownership_new(&own_new, h->org, &h->new_)) < 0)
		goto done;
	for (size_t r = 0; r < h->new_.nrules; r++)
		floating += as_pattern_floating(&h->new_.patterns, &h->new_.rules[r].pattern);
	size_t left = candidates(&list, h, own_new, added, nadded,
				 MAX_PATTERN_TESTS / (floating + 1));
	for (size_t pos = 0; pos < list.len;) {
		const char *path = list.ptr + pos;
		size_t len = strlen(path);
		pos += len + 1;
		/* the line that decides the path (the last that matches), if added */
		const as_codeowners_rule *r = as_codeowners_match(&h->new_, path, len);
		long a = r ? which[r - h->new_.rules] : -1;
		if (a < 0)
			continue;
		add_teams(over + (size_t)a * nteams, own_old, path, len, &scratch);
		add_teams(over + (size_t)a * nteams, own_new, path, len, &scratch);
	}
	for (size_t a = 0; a < nadded; a++)
		for (size_t t = 0; t < nteams; t++) {
			if (!over[a * nteams + t])
				continue;
			if (emitted++ < MAX_GATES_PER_COMMIT)
				emit(out, h, c, &h->new_.rules[added[a]], ls, t, seq);
			else
				more++;
		}
	as_buf what = AS_BUF_INIT;
	if (left)
		as_buf_printf(&what, "%zu of the places the %zu added lines own (a CODEOWNERS of "
			      "%zu lines, %zu of them matching at any depth)", left, nadded,
			      h->new_.nrules, floating);
	else if (more)
		as_buf_printf(&what, "%zu more lines over teams' paths than the %d judged in one "
			      "commit", more, MAX_GATES_PER_COMMIT);
	if (what.len)
		emit_too_many(out, h, c, what.ptr, seq);
	as_buf_free(&what);
done:
	as_ownership_free(own_old);
	as_ownership_free(own_new);
	as_owners_free(&scratch);
	as_buf_free(&list);
	free(over);
	free(which);
	return err;
}

int as_codeowners_history_commit(as_codeowners_history *h, as_events *out, const as_commit *c,
				 const as_paths *paths, const git_oid *parent_tree, uint64_t seq)
{
	size_t first = out->nr, *added = NULL, nadded = 0;
	lines ls = { 0 };
	int err = 0;

	if (!h->org->nteams || !touched(h, c, paths, parent_tree, &err))
		return err;
	if ((err = load_at(h, &c->tree, NULL, &h->new_, &h->text_)) < 0)
		return err;
	if (!h->new_.nrules)
		return 0;
	as_strtab_free(&h->before_);
	for (size_t p = 0; p < c->nparents && !err; p++) {
		as_codeowners *co = p ? &h->other_ : &h->old_;
		if ((err = load_at(h, NULL, &c->parents[p], co, &h->other_text_)) == 0)
			remember_lines(&h->before_, &h->other_text_);
	}
	if (!c->nparents)
		as_codeowners_parse(&h->old_, "", 0);
	if (err < 0)
		return err;

	split_lines(&ls, &h->text_);
	added = as_xcalloc(h->new_.nrules + 1, sizeof(*added));
	for (size_t r = 0; r < h->new_.nrules; r++) {
		uint32_t line = h->new_.rules[r].line;
		if (h->new_.rules[r].nowners && line < ls.n &&
		    as_strtab_find(&h->before_, ls.starts[line], ls.lens[line]) < 0)
			added[nadded++] = r;
	}
	if (nadded)
		err = gates(h, out, c, added, nadded, &ls, seq);
	if (err < 0)
		out->nr = first;
	free(added);
	lines_free(&ls);
	return err;
}
