/*
 * Tracker files inside the repository: which files of a commit's tree
 * `tracker_paths` selects, which of their lines the commit adds, and the
 * assignments on those lines (tracker_md.c reads them).
 *
 * Everything is read from git objects, never the work tree. Most commits
 * touch no tracker file, so that case must cost next to nothing: for each
 * glob we compare the ids of the subtree at its fixed prefix (the
 * directories before the first wildcard) in the commit and its first
 * parent, and stop there when none differs. Only then do we compare the
 * trees below, skipping every subtree whose id is unchanged, and diff the
 * files that changed (git_diff_blobs, no context).
 *
 * Judged once: a line is judged at the commit that adds it. A merge adds
 * only what none of its parents had; a hunk that edits a line without
 * changing who is assigned (a task ticked off, reworded) adds no
 * assignment; a file renamed (or moved) in the same commit is compared
 * with the file it came from.
 */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "detect/detect.h"
#include "source/tracker.h"
#include "source/tracker_int.h"
#include "util/alloc.h"
#include "util/error.h"

#define MAX_RENAME_CANDIDATES 4

/* ---- globs ------------------------------------------------------------------ */

/* One path segment against one pattern segment: '*', '?', "[a-z]",
 * "[!x]", "\\x". */
static int seg_match(const char *p, size_t plen, const char *s, size_t slen)
{
	size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0;
	while (si < slen) {
		if (pi < plen && p[pi] == '*') {
			star_p = ++pi;
			star_s = si;
			continue;
		}
		if (pi < plen) {
			int ok = 0;
			size_t next = pi + 1;
			if (p[pi] == '?') {
				ok = 1;
			} else if (p[pi] == '[') {
				size_t k = pi + 1;
				int neg = k < plen && (p[k] == '!' || p[k] == '^');
				if (neg)
					k++;
				int hit = 0, first = 1;
				while (k < plen && (p[k] != ']' || first)) {
					first = 0;
					unsigned char lo = (unsigned char)p[k], hi = lo;
					if (k + 2 < plen && p[k + 1] == '-' && p[k + 2] != ']') {
						hi = (unsigned char)p[k + 2];
						k += 2;
					}
					if ((unsigned char)s[si] >= lo && (unsigned char)s[si] <= hi)
						hit = 1;
					k++;
				}
				if (k < plen) {
					ok = hit != neg;
					next = k + 1;
				} else {
					ok = s[si] == '['; /* no closing ']': a literal '[' */
				}
			} else if (p[pi] == '\\' && pi + 1 < plen) {
				ok = p[pi + 1] == s[si];
				next = pi + 2;
			} else {
				ok = p[pi] == s[si];
			}
			if (ok) {
				pi = next;
				si++;
				continue;
			}
		}
		if (star_p == (size_t)-1)
			return 0;
		pi = star_p;
		si = ++star_s;
	}
	while (pi < plen && p[pi] == '*')
		pi++;
	return pi == plen;
}

static const char *seg_end(const char *s)
{
	const char *e = strchr(s, '/');
	return e ? e : s + strlen(s);
}

static int is_starstar(const char *p, const char *pe)
{
	return pe - p == 2 && p[0] == '*' && p[1] == '*';
}

/* A whole path against a glob: "**" as a segment spans zero or more
 * directories; a trailing "**" everything below. */
static int glob_match(const char *p, const char *s)
{
	for (;;) {
		const char *pe = seg_end(p);
		if (is_starstar(p, pe)) {
			if (!*pe)
				return *s != '\0';
			for (const char *t = s;;) {
				if (glob_match(pe + 1, t))
					return 1;
				t = strchr(t, '/');
				if (!t)
					return 0;
				t++;
			}
		}
		const char *se = seg_end(s);
		if (!*s || !seg_match(p, (size_t)(pe - p), s, (size_t)(se - s)))
			return 0;
		if (!*pe)
			return !*se;
		if (!*se)
			return 0;
		p = pe + 1;
		s = se + 1;
	}
}

/* Could a file below directory `d` ("" = the top) match glob `p`? */
static int dir_could_match(const char *p, const char *d)
{
	for (;;) {
		if (!*d)
			return 1;
		const char *pe = seg_end(p);
		if (is_starstar(p, pe))
			return 1;
		if (!*pe)
			return 0; /* the glob's last segment names files, not directories */
		const char *de = seg_end(d);
		if (!seg_match(p, (size_t)(pe - p), d, (size_t)(de - d)))
			return 0;
		p = pe + 1;
		d = *de ? de + 1 : de;
	}
}

static const char *glob_text(const char *g)
{
	while (*g == '/')
		g++;
	return g;
}

/* The directories before the first wildcard: "docs/sprints" for
 * "docs/sprints/ ** / *.md"; the whole path when there is none. */
static size_t fixed_prefix(const char *g, int *exact)
{
	size_t last_slash = 0;
	*exact = 0;
	for (size_t i = 0;; i++) {
		if (!g[i]) {
			*exact = 1;
			return i;
		}
		if (strchr("*?[\\", g[i]))
			return last_slash;
		if (g[i] == '/')
			last_slash = i;
	}
}

int as_tracker_path_match(const as_config *cfg, const char *path)
{
	for (size_t i = 0; i < cfg->ntracker_paths; i++)
		if (glob_match(glob_text(cfg->tracker_paths[i]), path))
			return 1;
	return 0;
}

/* ---- which files changed ---------------------------------------------------------- */

typedef struct {
	char *path;
	git_oid old_id, new_id;
	int has_old, has_new;
} changed;

typedef struct {
	git_repository *repo;
	const as_config *cfg;
	const unsigned char *active;  /* per glob */
	changed *items;
	size_t nr, alloc;
} scan;

static int wants_dir(const scan *sc, const char *dir)
{
	for (size_t i = 0; i < sc->cfg->ntracker_paths; i++)
		if (sc->active[i] && dir_could_match(glob_text(sc->cfg->tracker_paths[i]), dir))
			return 1;
	return 0;
}

static int wants_file(const scan *sc, const char *path)
{
	for (size_t i = 0; i < sc->cfg->ntracker_paths; i++)
		if (sc->active[i] && glob_match(glob_text(sc->cfg->tracker_paths[i]), path))
			return 1;
	return 0;
}

static int is_blob(const git_tree_entry *e)
{
	git_filemode_t m = git_tree_entry_filemode(e);
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static int is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

static void add_changed(scan *sc, const char *path, const git_tree_entry *o,
			const git_tree_entry *n)
{
	AS_GROW(sc->items, sc->nr + 1, sc->alloc);
	changed *c = &sc->items[sc->nr++];
	memset(c, 0, sizeof(*c));
	c->path = as_xstrdup(path);
	if (o) {
		git_oid_cpy(&c->old_id, git_tree_entry_id(o));
		c->has_old = 1;
	}
	if (n) {
		git_oid_cpy(&c->new_id, git_tree_entry_id(n));
		c->has_new = 1;
	}
}

static int lookup_tree(git_tree **out, git_repository *repo, const git_tree_entry *e)
{
	*out = NULL;
	if (!is_tree(e))
		return 0;
	if (git_tree_lookup(out, repo, git_tree_entry_id(e)) < 0)
		return as_error_git(AS_EINTERNAL, "reading a tracker directory");
	return 0;
}

/* Compares two trees (either may be NULL) below `dir`. */
static int compare(scan *sc, const git_tree *old, const git_tree *new, as_buf *dir)
{
	size_t base = dir->len;
	int err = 0;

	for (int side = 0; side < 2 && !err; side++) {
		const git_tree *t = side ? old : new, *other = side ? new : old;
		size_t n = t ? git_tree_entrycount(t) : 0;
		for (size_t i = 0; i < n && !err; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(t, i);
			const char *name = git_tree_entry_name(e);
			const git_tree_entry *o = other ? git_tree_entry_byname(other, name) : NULL;
			if (o && git_tree_entry_filemode(o) != git_tree_entry_filemode(e) &&
			    !(is_blob(o) && is_blob(e)))
				o = NULL; /* a file became a directory or the reverse */
			if (side && o)
				continue; /* seen from the new side */
			if (o && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)))
				continue;
			as_buf_truncate(dir, base);
			if (base)
				as_buf_putc(dir, '/');
			as_buf_puts(dir, name);
			if (is_tree(e)) {
				if (!wants_dir(sc, dir->ptr))
					continue;
				git_tree *a = NULL, *b = NULL;
				if ((err = lookup_tree(&a, sc->repo, e)) == 0 &&
				    (err = lookup_tree(&b, sc->repo, o)) == 0)
					err = side ? compare(sc, a, NULL, dir) : compare(sc, b, a, dir);
				git_tree_free(a);
				git_tree_free(b);
			} else if (is_blob(e) && wants_file(sc, dir->ptr)) {
				if (side)
					add_changed(sc, dir->ptr, e, NULL);
				else
					add_changed(sc, dir->ptr, o, e);
			}
		}
	}
	as_buf_truncate(dir, base);
	return err;
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

/* The built-in reader plus the site rules over the wanted lines. */
static void read_events(as_events *out, const as_config *cfg, as_matcher *m,
			const file *f, const unsigned char *want, size_t nwant,
			const char **starts)
{
	as_tracker_md_scan(out, f->text, f->len, want, nwant);
	const char *end = f->text + f->len;
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		if (rule->source != AS_SRC_TRACKER || !rule->pattern)
			continue;
		for (size_t i = 1; i < nwant && i <= f->nlines; i++) {
			if (!want[i])
				continue;
			size_t n = line_len(starts[i], end), first = out->nr;
			as_detect_text(rule, m, starts[i], n, NULL, AS_ORIGIN_TRACKER_FILE, out);
			for (size_t k = first; k < out->nr; k++) {
				out->items[k].line = (long)i;
				as_excerpt_append(&out->items[k].title, starts[i], n, 200);
			}
		}
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

/* Keeps items[from..nr) for which keep[i - from] is set, in order. */
static void compact(as_events *evs, size_t from, const unsigned char *keep)
{
	size_t k = from;
	for (size_t i = from; i < evs->nr; i++) {
		if (!keep[i - from])
			continue;
		if (k != i) {
			as_event tmp = evs->items[k];
			evs->items[k] = evs->items[i];
			evs->items[i] = tmp;
		}
		k++;
	}
	evs->nr = k;
}

static const as_notice too_large_notice = {
	"antisilo:max-tracker-file-bytes",
	"Raise max_tracker_file_bytes in [antisilo] to check such files, or split the file.",
};

/* A tracker file (or its previous version) over max_tracker_file_bytes:
 * not read, and said so with a notice event (a warning finding). */
static void add_too_large(as_events *out, const as_config *cfg, const as_commit *c,
			  const changed *ch, size_t size)
{
	as_event *ev = as_events_add(out);
	ev->kind = AS_EV_CONTEXT;
	ev->origin = AS_ORIGIN_TRACKER_FILE;
	ev->limit_hit = 1;
	ev->notice = &too_large_notice;
	as_buf_printf(&ev->excerpt, "tracker file of %zu bytes is larger than "
		      "max_tracker_file_bytes (%zu): not checked", size,
		      cfg->max_tracker_file_bytes);
	memcpy(ev->commit, c->hex, sizeof(ev->commit));
	as_commit_author(c, &ev->author);
	as_buf_puts(&ev->path, ch->path);
	ev->time = c->commit_time;
}

static int file_events(as_events *out, git_repository *repo, const as_config *cfg,
		       as_matcher *m, const as_commit *c, const changed *ch,
		       const git_oid *old_id)
{
	file new = { 0 }, old = { 0 };
	lines ls = { 0 };
	const char **nstarts = NULL, **ostarts = NULL;
	as_events before = { 0 };
	unsigned char *keep = NULL;
	size_t first = out->nr, max = cfg->max_tracker_file_bytes;
	int err;

	if ((err = file_read(&new, repo, &ch->new_id, max)) < 0)
		goto done;
	if (new.too_large) {
		add_too_large(out, cfg, c, ch, new.too_large);
		goto done;
	}
	if (!new.text)
		goto done;
	if (old_id && (err = file_read(&old, repo, old_id, max)) < 0)
		goto done;
	/* without the old version every line would look added */
	if (old.too_large) {
		add_too_large(out, cfg, c, ch, old.too_large);
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

	read_events(out, cfg, m, &new, ls.add, ls.nnew + 1, nstarts);
	if (out->nr == first)
		goto done;

	/* An edit inside a hunk that keeps the parties is no new assignment,
	 * nor is a line that only moved (or moved and was ticked off). */
	if (old.text) {
		ostarts = as_xcalloc(old.nlines + 2, sizeof(*ostarts));
		nth_lines(old.text, old.len, ostarts, old.nlines);
		read_events(&before, cfg, m, &old, ls.del, ls.nold + 1, ostarts);
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
	compact(out, first, keep);
	sort_by_line(out, first);

	for (size_t i = first; i < out->nr; i++) {
		as_event *ev = &out->items[i];
		memcpy(ev->commit, c->hex, sizeof(ev->commit));
		as_buf_clear(&ev->author);
		as_commit_author(c, &ev->author);
		as_buf_clear(&ev->path);
		as_buf_puts(&ev->path, ch->path);
		ev->time = c->commit_time;
	}

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
static const git_oid *rename_source(git_repository *repo, const scan *sc, const changed *n)
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
		size_t added = added_against(repo, n, o, sc->cfg->max_tracker_file_bytes);
		if (added < best_added) {
			best_added = added;
			best = o;
		}
	}
	/* a rename keeps most of the file */
	if (best) {
		file f = { 0 };
		if (file_read(&f, repo, &n->new_id, sc->cfg->max_tracker_file_bytes) == 0 && f.text &&
		    best_added * 2 > f.nlines)
			best = NULL;
		as_error_clear();
		file_free(&f);
	}
	return best ? &best->old_id : NULL;
}

/* ---- one commit ------------------------------------------------------------------------ */

/* Is the subtree (or file) at `prefix` different in the two trees? */
static int prefix_differs(const git_tree *old, const git_tree *new, const char *prefix,
			  size_t len)
{
	git_tree_entry *a = NULL, *b = NULL;
	char *p = as_xstrndup(prefix, len);
	if (old)
		git_tree_entry_bypath(&a, old, p);
	git_tree_entry_bypath(&b, new, p);
	int differs = (a || b) &&
		!(a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)));
	git_tree_entry_free(a);
	git_tree_entry_free(b);
	free(p);
	git_error_clear();
	return differs;
}

static int regular(uint32_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* The tracker files among the paths the pipeline already compared. */
static void from_paths(scan *sc, const as_paths *p)
{
	for (size_t i = 0; i < p->nr; i++) {
		const as_path_change *pc = &p->items[i];
		int has_old = regular(pc->old_mode), has_new = regular(pc->new_mode);
		const char *name = as_paths_name(p, i);
		if ((!has_old && !has_new) || !wants_file(sc, name))
			continue;
		AS_GROW(sc->items, sc->nr + 1, sc->alloc);
		changed *ch = &sc->items[sc->nr++];
		memset(ch, 0, sizeof(*ch));
		ch->path = as_xstrdup(name);
		ch->has_old = has_old;
		ch->has_new = has_new;
		if (has_old)
			git_oid_cpy(&ch->old_id, &pc->old_id);
		if (has_new)
			git_oid_cpy(&ch->new_id, &pc->new_id);
	}
}

int as_tracker_commit(as_events *out, git_repository *repo, const as_config *cfg,
		      as_matcher *m, const as_commit *c, const as_paths *paths,
		      uint64_t seq)
{
	git_tree *new = NULL, *old = NULL;
	unsigned char *active = NULL;
	scan sc = { .repo = repo, .cfg = cfg };
	as_buf dir = AS_BUF_INIT;
	size_t first = out->nr;
	int err = 0, any = 0;

	if (!cfg->ntracker_paths)
		return 0;
	if (paths && c->nparents <= 1) {
		/* the pipeline compared the trees already: only filter */
		active = as_xmalloc(cfg->ntracker_paths);
		memset(active, 1, cfg->ntracker_paths);
		sc.active = active;
		from_paths(&sc, paths);
		goto files;
	}
	if (c->nparents) {
		git_commit *parent = NULL;
		if (git_commit_lookup(&parent, repo, &c->parents[0]) < 0)
			return as_error_git(AS_EINTERNAL, "reading a parent commit");
		int same = git_oid_equal(git_commit_tree_id(parent), &c->tree);
		if (!same && git_commit_tree(&old, parent) < 0) {
			git_commit_free(parent);
			return as_error_git(AS_EINTERNAL, "reading a parent tree");
		}
		git_commit_free(parent);
		if (same)
			return 0;
	}
	if (git_tree_lookup(&new, repo, &c->tree) < 0) {
		err = as_error_git(AS_EINTERNAL, "reading a commit's tree");
		goto done;
	}

	active = as_xcalloc(cfg->ntracker_paths, 1);
	for (size_t i = 0; i < cfg->ntracker_paths; i++) {
		const char *g = glob_text(cfg->tracker_paths[i]);
		int exact;
		size_t n = fixed_prefix(g, &exact);
		active[i] = !n || prefix_differs(old, new, g, n);
		any |= active[i];
	}
	if (!any)
		goto done;

	sc.active = active;
	if ((err = compare(&sc, old, new, &dir)) < 0)
		goto done;
files:
	for (size_t i = 0; i < sc.nr && !err; i++) {
		const changed *ch = &sc.items[i];
		if (!ch->has_new)
			continue;
		const git_oid *from = ch->has_old ? &ch->old_id : rename_source(repo, &sc, ch);
		err = file_events(out, repo, cfg, m, c, ch, from);
	}
	for (size_t i = first; i < out->nr && !err; i++) {
		as_event *ev = &out->items[i];
		ev->seq = seq;
		as_classify(&cfg->org, ev);
		as_tracker_pick_rule(cfg, m, ev);
	}

done:
	if (err < 0)
		out->nr = first;
	for (size_t i = 0; i < sc.nr; i++)
		free(sc.items[i].path);
	free(sc.items);
	free(active);
	as_buf_free(&dir);
	git_tree_free(new);
	git_tree_free(old);
	return err;
}
