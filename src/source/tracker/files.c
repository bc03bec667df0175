/*
 * Tracker files inside the repository (files.h): which of a commit's
 * files tracker_paths selects (source/paths.c compares the trees, only
 * where a glob can match), which of their lines the commit adds
 * (git_diff_blobs, no context), and the events on those lines
 * (markdown.c, and the caller's line scanner).
 */
#include "source/tracker/files.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source/tracker/markdown.h"
#include "util/alloc.h"
#include "util/error.h"

#define MAX_RENAME_CANDIDATES 4

/* ---- tracker_paths ----------------------------------------------------------- */

int as_tracker_paths_init(as_tracker_paths *tp, char *const *globs, size_t n,
			  size_t max_bytes)
{
	memset(tp, 0, sizeof(*tp));
	as_patterns_init(&tp->patterns);
	tp->max_bytes = max_bytes;
	tp->globs = as_xcalloc(n + 1, sizeof(*tp->globs));
	for (size_t i = 0; i < n; i++) {
		const char *why, *g = globs[i];
		while (*g == '/')
			g++;
		if (as_patterns_add(&tp->patterns, &tp->globs[tp->nglobs], g, strlen(g),
				    AS_PATTERN_GLOB, &why) < 0) {
			as_error_set(AS_ECONFIG, "tracker_paths: '%s': %s", globs[i], why);
			as_tracker_paths_free(tp);
			return AS_ECONFIG;
		}
		tp->nglobs++;
	}
	return 0;
}

void as_tracker_paths_free(as_tracker_paths *tp)
{
	as_patterns_free(&tp->patterns);
	free(tp->globs);
	memset(tp, 0, sizeof(*tp));
}

int as_tracker_paths_match(const as_tracker_paths *tp, const char *path, size_t len)
{
	for (size_t i = 0; i < tp->nglobs; i++)
		if (as_pattern_match(&tp->patterns, &tp->globs[i], path, len))
			return 1;
	return 0;
}

static int filter_dir(const void *data, const char *dir, size_t len)
{
	const as_tracker_paths *tp = data;
	for (size_t i = 0; i < tp->nglobs; i++)
		if (as_pattern_may_contain(&tp->patterns, &tp->globs[i], dir, len))
			return 1;
	return 0;
}

static int filter_file(const void *data, const char *path, size_t len)
{
	return as_tracker_paths_match(data, path, len);
}

void as_tracker_files_init(as_tracker_files *tf, git_repository *repo, git_odb *odb,
			   const as_tracker_paths *paths, const as_line_scanner *lines)
{
	memset(tf, 0, sizeof(*tf));
	tf->repo = repo;
	tf->odb = odb;
	tf->paths = paths;
	if (lines)
		tf->lines = *lines;
	as_paths_init(&tf->changed_);
	tf->filter_.dir = filter_dir;
	tf->filter_.file = filter_file;
	tf->filter_.data = paths;
	as_paths_set_filter(&tf->changed_, &tf->filter_);
}

void as_tracker_files_set_cache(as_tracker_files *tf, size_t tree_bytes)
{
	as_paths_set_cache(&tf->changed_, tree_bytes);
}

void as_tracker_files_free(as_tracker_files *tf)
{
	as_paths_free(&tf->changed_);
	memset(tf, 0, sizeof(*tf));
}

/* ---- which files changed ------------------------------------------------------ */

typedef struct {
	const char *path;
	git_oid old_id, new_id;
	int has_old, has_new;
} changed;

typedef struct {
	changed *items;
	size_t nr, alloc;
} changes;

static int regular(uint32_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static int is_blob(const git_tree_entry *e)
{
	return regular(git_tree_entry_filemode(e));
}

/* The tracker files among the paths of a comparison (names stay in `p`). */
static void pick_changes(changes *out, const as_paths *p, const as_tracker_paths *tp)
{
	for (size_t i = 0; i < p->nr; i++) {
		const as_path_change *pc = &p->items[i];
		int has_old = regular(pc->old_mode), has_new = regular(pc->new_mode);
		const char *name = as_paths_name(p, i);
		if ((!has_old && !has_new) || !as_tracker_paths_match(tp, name, pc->path_len))
			continue;
		AS_GROW(out->items, out->nr + 1, out->alloc);
		changed *ch = &out->items[out->nr++];
		memset(ch, 0, sizeof(*ch));
		ch->path = name;
		ch->has_old = has_old;
		ch->has_new = has_new;
		if (has_old)
			git_oid_cpy(&ch->old_id, &pc->old_id);
		if (has_new)
			git_oid_cpy(&ch->new_id, &pc->new_id);
	}
}

/* Where every event of the commit is, and what it is shown under. */
static void set_place(as_event *ev, const as_commit *c, const char *path)
{
	memcpy(ev->commit, c->hex, sizeof(ev->commit));
	as_buf_clear(&ev->author);
	as_commit_author(c, &ev->author);
	as_buf_clear(&ev->path);
	as_buf_puts(&ev->path, path);
	as_buf_clear(&ev->title);
	as_buf_put(&ev->title, c->subject.ptr, c->subject.len);
	ev->time = c->commit_time;
}

/* ---- blobs and their lines ------------------------------------------------------------ */

typedef struct {
	git_blob *blob;
	const char *text;
	size_t len;
	size_t nlines;
	size_t too_large;   /* the size of a blob over the bound, else 0 */
} file;

static void file_free(file *f)
{
	git_blob_free(f->blob);
	memset(f, 0, sizeof(*f));
}

/*
 * Reads a text blob; a binary one leaves f->text NULL, and so does one
 * larger than `max` bytes, which sets f->too_large instead (its size is
 * read from the object header first: such a blob is never loaded).
 */
static int file_read(file *f, git_repository *repo, const git_oid *id, size_t max)
{
	git_odb *odb = NULL;
	git_object_t type;
	size_t size = 0;
	memset(f, 0, sizeof(*f));
	if (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_read_header(&size, &type, odb, id) < 0) {
		git_odb_free(odb);
		return as_error_git(AS_EINTERNAL, "reading a tracker file");
	}
	git_odb_free(odb);
	if (max && size > max) {
		f->too_large = size;
		return 0;
	}
	if (git_blob_lookup(&f->blob, repo, id) < 0)
		return as_error_git(AS_EINTERNAL, "reading a tracker file");
	size_t len = (size_t)git_blob_rawsize(f->blob);
	const char *text = git_blob_rawcontent(f->blob);
	if (memchr(text, '\0', len < 8000 ? len : 8000))
		return 0;
	f->text = text;
	f->len = len;
	for (size_t i = 0; i < len; i++)
		f->nlines += text[i] == '\n';
	if (len && text[len - 1] != '\n')
		f->nlines++;
	return 0;
}

/* Lines: added ones of the new side, deleted ones of the old, and the
 * hunk each belongs to. */
typedef struct {
	unsigned char *add, *del;
	int *add_hunk, *del_hunk;
	size_t nnew, nold;
	int hunk;
	size_t added;
} lines;

static int on_hunk(const git_diff_delta *d, const git_diff_hunk *h, void *payload)
{
	(void)d, (void)h;
	((lines *)payload)->hunk++;
	return 0;
}

static int on_line(const git_diff_delta *d, const git_diff_hunk *h,
		   const git_diff_line *l, void *payload)
{
	lines *ls = payload;
	(void)d, (void)h;
	if (l->origin == GIT_DIFF_LINE_ADDITION && l->new_lineno > 0 &&
	    (size_t)l->new_lineno <= ls->nnew) {
		ls->add[l->new_lineno] = 1;
		ls->add_hunk[l->new_lineno] = ls->hunk;
		ls->added++;
	} else if (l->origin == GIT_DIFF_LINE_DELETION && l->old_lineno > 0 &&
		   (size_t)l->old_lineno <= ls->nold) {
		ls->del[l->old_lineno] = 1;
		ls->del_hunk[l->old_lineno] = ls->hunk;
	}
	return 0;
}

static void lines_free(lines *ls)
{
	free(ls->add);
	free(ls->del);
	free(ls->add_hunk);
	free(ls->del_hunk);
	memset(ls, 0, sizeof(*ls));
}

static int diff(lines *ls, const file *old, const file *new, const char *path)
{
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	memset(ls, 0, sizeof(*ls));
	ls->nnew = new->nlines;
	ls->nold = old ? old->nlines : 0;
	ls->add = as_xcalloc(ls->nnew + 1, 1);
	ls->del = as_xcalloc(ls->nold + 1, 1);
	ls->add_hunk = as_xcalloc(ls->nnew + 1, sizeof(int));
	ls->del_hunk = as_xcalloc(ls->nold + 1, sizeof(int));
	if (!old) {
		memset(ls->add + 1, 1, ls->nnew);
		ls->added = ls->nnew;
		return 0;
	}
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags |= GIT_DIFF_FORCE_TEXT;
	if (git_diff_blobs(old->blob, path, new->blob, path, &opts, NULL, NULL,
			   on_hunk, on_line, ls) < 0)
		return as_error_git(AS_EINTERNAL, "comparing a tracker file");
	return 0;
}

/* The i-th line (1-based) of a text, without its line end. */
static void nth_lines(const char *text, size_t len, const char **starts, size_t n)
{
	size_t k = 1;
	for (size_t i = 0; i < len && k <= n;) {
		starts[k++] = text + i;
		const char *nl = memchr(text + i, '\n', len - i);
		i = nl ? (size_t)(nl - text) + 1 : len;
	}
}

static size_t line_len(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
	if (n && s[n - 1] == '\r')
		n--;
	return n;
}

/* ---- merges: what the other parents already had ---------------------------------------- */

typedef struct {
	uint64_t *hashes;
	size_t n, cap;
} line_set;

static uint64_t hash_line(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h | 1; /* 0 marks an empty slot */
}

static void set_add(line_set *s, uint64_t h)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		uint64_t *t = as_xcalloc(cap, sizeof(*t));
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->hashes[i])
				continue;
			size_t j = s->hashes[i] & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = s->hashes[i];
		}
		free(s->hashes);
		s->hashes = t;
		s->cap = cap;
	}
	size_t j = h & (s->cap - 1);
	while (s->hashes[j]) {
		if (s->hashes[j] == h)
			return;
		j = (j + 1) & (s->cap - 1);
	}
	s->hashes[j] = h;
	s->n++;
}

static int set_has(const line_set *s, uint64_t h)
{
	if (!s->cap)
		return 0;
	size_t j = h & (s->cap - 1);
	while (s->hashes[j]) {
		if (s->hashes[j] == h)
			return 1;
		j = (j + 1) & (s->cap - 1);
	}
	return 0;
}

static int tree_of_commit(git_tree **out, git_repository *repo, const git_oid *commit)
{
	git_commit *c = NULL;
	*out = NULL;
	if (git_commit_lookup(&c, repo, commit) < 0 || git_commit_tree(out, c) < 0) {
		git_commit_free(c);
		return as_error_git(AS_EINTERNAL, "reading a parent commit");
	}
	git_commit_free(c);
	return 0;
}

/* A merge adds only the lines that no other parent has at that path. */
static int drop_merged_lines(lines *ls, git_repository *repo, const as_commit *c,
			     const char *path, const file *new, const char **starts,
			     size_t max)
{
	for (size_t p = 1; p < c->nparents && ls->added; p++) {
		git_tree *t = NULL;
		git_tree_entry *e = NULL;
		int err = tree_of_commit(&t, repo, &c->parents[p]);
		if (err < 0)
			return err;
		if (git_tree_entry_bypath(&e, t, path) == 0 && is_blob(e)) {
			if (git_oid_equal(git_tree_entry_id(e), git_blob_id(new->blob))) {
				memset(ls->add, 0, ls->nnew + 1);
				ls->added = 0;
			} else {
				file theirs;
				if ((err = file_read(&theirs, repo, git_tree_entry_id(e), max)) == 0 && theirs.text) {
					line_set set = { 0 };
					const char *s = theirs.text, *end = theirs.text + theirs.len;
					while (s < end) {
						size_t n = line_len(s, end);
						set_add(&set, hash_line(s, n));
						const char *nl = memchr(s, '\n', (size_t)(end - s));
						s = nl ? nl + 1 : end;
					}
					const char *nend = new->text + new->len;
					for (size_t i = 1; i <= ls->nnew; i++)
						if (ls->add[i] && set_has(&set, hash_line(starts[i], line_len(starts[i], nend)))) {
							ls->add[i] = 0;
							ls->added--;
						}
					free(set.hashes);
				}
				file_free(&theirs);
			}
		}
		git_tree_entry_free(e);
		git_tree_free(t);
		if (err < 0)
			return err;
	}
	return 0;
}

/* ---- events of one file ---------------------------------------------------------------- */

static size_t line_len(const char *s, const char *end);

/* The Markdown reader plus the caller's scanner over the wanted lines. */
static void read_events(as_tracker_files *tf, as_events *out, const file *f,
			const unsigned char *want, size_t nwant, const char **starts)
{
	as_tracker_md_scan(out, f->text, f->len, want, nwant);
	if (!tf->lines.scan)
		return;
	const char *end = f->text + f->len;
	for (size_t i = 1; i < nwant && i <= f->nlines; i++) {
		if (!want[i])
			continue;
		size_t n = line_len(starts[i], end), first = out->nr;
		tf->lines.scan(tf->lines.ctx, starts[i], n, out);
		for (size_t k = first; k < out->nr; k++)
			out->items[k].line = (long)i;
	}
}

static int same_text(const as_buf *a, const as_buf *b)
{
	return a->len == b->len && !strncasecmp(as_buf_cstr(a), as_buf_cstr(b), a->len);
}

/* The same line, but for the state of its checkbox ("[x]" vs "[ ]"). */
static int same_line(const as_buf *a, const as_buf *b)
{
	if (a->len != b->len)
		return 0;
	for (size_t i = 0; i < a->len; i++) {
		char x = a->ptr[i], y = b->ptr[i];
		if (x == y)
			continue;
		if (i && i + 1 < a->len && a->ptr[i - 1] == '[' && a->ptr[i + 1] == ']' &&
		    strchr(" xX", x) && strchr(" xX", y))
			continue;
		return 0;
	}
	return 1;
}

static int same_parties(const as_event *d, const as_event *e)
{
	return d->rule == e->rule && d->kind == e->kind &&
	       same_text(&d->actor_text, &e->actor_text) &&
	       same_text(&d->subject_text, &e->subject_text);
}

/* Stable, by line: the events of one line next to each other. */
static void sort_by_line(as_events *evs, size_t from)
{
	for (size_t i = from + 1; i < evs->nr; i++) {
		as_event tmp = evs->items[i];
		size_t j = i;
		while (j > from && evs->items[j - 1].line > tmp.line) {
			evs->items[j] = evs->items[j - 1];
			j--;
		}
		evs->items[j] = tmp;
	}
}

static const as_notice too_large_notice = {
	"antisilo:max-tracker-file-bytes",
	"Raise max_tracker_file_bytes in [antisilo] to check such files, or split the file.",
};

/* A tracker file (or its previous version) over max_tracker_file_bytes:
 * not read, and said so with a notice event (a warning finding). */
static void add_too_large(as_events *out, size_t max, const as_commit *c,
			  const changed *ch, size_t size)
{
	as_event *ev = as_events_add(out);
	ev->kind = AS_EV_CONTEXT;
	ev->origin = AS_ORIGIN_TRACKER_FILE;
	ev->limit_hit = 1;
	ev->notice = &too_large_notice;
	as_buf_printf(&ev->excerpt, "tracker file of %zu bytes is larger than "
		      "max_tracker_file_bytes (%zu): not checked", size, max);
	set_place(ev, c, ch->path);
}

static int file_events(as_tracker_files *tf, as_events *out, const as_commit *c,
		       const changed *ch, const git_oid *old_id)
{
	git_repository *repo = tf->repo;
	file new = { 0 }, old = { 0 };
	lines ls = { 0 };
	const char **nstarts = NULL, **ostarts = NULL;
	as_events before = { 0 };
	unsigned char *keep = NULL;
	size_t first = out->nr, max = tf->paths->max_bytes;
	int err;

	if ((err = file_read(&new, repo, &ch->new_id, max)) < 0)
		goto done;
	if (new.too_large) {
		add_too_large(out, max, c, ch, new.too_large);
		goto done;
	}
	if (!new.text)
		goto done;
	if (old_id && (err = file_read(&old, repo, old_id, max)) < 0)
		goto done;
	/* without the old version every line would look added */
	if (old.too_large) {
		add_too_large(out, max, c, ch, old.too_large);
		goto done;
	}
	if ((err = diff(&ls, old_id && old.text ? &old : NULL, &new, ch->path)) < 0)
		goto done;
	nstarts = as_xcalloc(new.nlines + 2, sizeof(*nstarts));
	nth_lines(new.text, new.len, nstarts, new.nlines);
	if (c->nparents > 1 &&
	    (err = drop_merged_lines(&ls, repo, c, ch->path, &new, nstarts, max)) < 0)
		goto done;
	if (!ls.added)
		goto done;

	read_events(tf, out, &new, ls.add, ls.nnew + 1, nstarts);
	if (out->nr == first)
		goto done;

	/* An edit inside a hunk that keeps the parties is no new assignment,
	 * nor is a line that only moved (or moved and was ticked off). */
	if (old.text) {
		ostarts = as_xcalloc(old.nlines + 2, sizeof(*ostarts));
		nth_lines(old.text, old.len, ostarts, old.nlines);
		read_events(tf, &before, &old, ls.del, ls.nold + 1, ostarts);
	}
	keep = as_xmalloc(out->nr - first);
	memset(keep, 1, out->nr - first);
	unsigned char *used = as_xcalloc(before.nr + 1, 1);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = first; i < out->nr; i++) {
			const as_event *e = &out->items[i];
			if (!keep[i - first])
				continue;
			for (size_t j = 0; j < before.nr; j++) {
				const as_event *d = &before.items[j];
				if (used[j] || !same_parties(d, e))
					continue;
				if (pass == 0 ? ls.del_hunk[d->line] != ls.add_hunk[e->line]
					      : !same_line(&d->excerpt, &e->excerpt))
					continue;
				used[j] = 1;
				keep[i - first] = 0;
				break;
			}
		}
	}
	free(used);
	as_events_compact(out, first, keep);
	sort_by_line(out, first);

	for (size_t i = first; i < out->nr; i++)
		set_place(&out->items[i], c, ch->path);

done:
	if (err < 0)
		out->nr = first;
	free(keep);
	as_events_free(&before);
	free(nstarts);
	free(ostarts);
	lines_free(&ls);
	file_free(&new);
	file_free(&old);
	return err;
}

/* Added lines of a new file `n` against a file `o` deleted by the same
 * commit (a rename): fewer is a better match. */
static size_t added_against(git_repository *repo, const changed *n, const changed *o,
			    size_t max)
{
	file a = { 0 }, b = { 0 };
	lines ls = { 0 };
	size_t added = (size_t)-1;
	if (file_read(&a, repo, &o->old_id, max) == 0 && a.text &&
	    file_read(&b, repo, &n->new_id, max) == 0 && b.text &&
	    diff(&ls, &a, &b, n->path) == 0)
		added = ls.added;
	as_error_clear();
	lines_free(&ls);
	file_free(&a);
	file_free(&b);
	return added;
}

/* The file a new path came from, when the commit deleted one like it. */
static const git_oid *rename_source(git_repository *repo, const changes *sc, const changed *n,
				    size_t max)
{
	const changed *best = NULL;
	size_t best_added = (size_t)-1, tried = 0;
	for (size_t i = 0; i < sc->nr; i++) {
		const changed *o = &sc->items[i];
		if (o->has_new || !o->has_old)
			continue;
		if (git_oid_equal(&o->old_id, &n->new_id))
			return &o->old_id;
		if (tried++ == MAX_RENAME_CANDIDATES)
			break;
		size_t added = added_against(repo, n, o, max);
		if (added < best_added) {
			best_added = added;
			best = o;
		}
	}
	/* a rename keeps most of the file */
	if (best) {
		file f = { 0 };
		if (file_read(&f, repo, &n->new_id, max) == 0 && f.text &&
		    best_added * 2 > f.nlines)
			best = NULL;
		as_error_clear();
		file_free(&f);
	}
	return best ? &best->old_id : NULL;
}

/* ---- one commit ------------------------------------------------------------------------ */

int as_tracker_files_commit(as_tracker_files *tf, as_events *out, const as_commit *c,
			    const as_paths *paths, const git_oid *parent_tree, uint64_t seq)
{
	changes sc = { 0 };
	size_t first = out->nr;
	int err = 0;

	if (!tf->paths->nglobs)
		return 0;
	if (!paths || c->nparents > 1) {
		/* compare the trees ourselves, only where a glob can match */
		git_oid ptree;
		if (c->nparents && !parent_tree) {
			err = as_paths_commit_tree(&ptree, tf->odb, &c->parents[0]);
			if (err == AS_ENOTFOUND) { /* a shallow clone's boundary */
				as_error_clear();
				err = 0;
			} else if (err == 0) {
				parent_tree = &ptree;
			}
		}
		if (!err)
			err = as_paths_diff_trees(&tf->changed_, tf->odb, parent_tree, &c->tree);
		if (err < 0)
			return err;
		paths = &tf->changed_;
	}
	pick_changes(&sc, paths, tf->paths);
	for (size_t i = 0; i < sc.nr && !err; i++) {
		const changed *ch = &sc.items[i];
		if (!ch->has_new)
			continue;
		const git_oid *from = ch->has_old ? &ch->old_id
						  : rename_source(tf->repo, &sc, ch, tf->paths->max_bytes);
		err = file_events(tf, out, c, ch, from);
	}
	for (size_t i = first; i < out->nr; i++)
		out->items[i].seq = seq;
	if (err < 0)
		out->nr = first;
	free(sc.items);
	return err;
}
