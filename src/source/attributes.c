/*
 * The linguist attributes of .gitattributes files (attributes.h).
 *
 * The lines are kept per file, and each file under its directory in a
 * table, so a path is matched only against the files of its own
 * directories (found with one lookup per directory level), deepest
 * first, each from its last line: the first line that sets an attribute
 * decides it. A tree of many .gitattributes costs each path no more than
 * its depth in lookups.
 */
#include "source/attributes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/pattern.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/table.h"

/* git's bounds (attr.c): longer lines and larger files are ignored. */
#define MAX_LINE 2048
#define MAX_FILE_BYTES ((size_t)100 * 1024 * 1024)
/* Every path is matched against the lines of its directories: a hostile
 * tree of a million linguist lines must not cost a million matches per
 * file. Real repositories have a handful; past this many, lines are
 * skipped (and counted). */
#define MAX_RULES 1000

static const char *const attr_names[AS_LINGUIST__COUNT] = {
	"linguist-vendored", "linguist-generated", "linguist-documentation",
};

typedef struct {
	as_pattern pattern;
	int8_t value[AS_LINGUIST__COUNT];   /* 1, 0, -1 unspecified, -2 not named */
} attr_rule;

typedef struct {
	size_t first, n;                    /* rules[first .. first + n) */
} attr_file;

struct as_attributes {
	as_patterns patterns;
	attr_rule *rules;
	size_t nrules, rules_alloc;
	as_strtab dirs;                     /* "" for the root, "a/b/" */
	attr_file *files;                   /* [dir] */
	size_t files_alloc;
	size_t skipped;
};

/* ---- parsing one file ---------------------------------------------------- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One attribute state of a line: "attr", "-attr", "!attr", "attr=value". */
static void read_state(attr_rule *r, const char *s, size_t len)
{
	int8_t v = 1;
	if (len && (s[0] == '-' || s[0] == '!')) {
		v = s[0] == '-' ? 0 : -1;
		s++;
		len--;
	}
	const char *eq = memchr(s, '=', len);
	size_t name_len = eq ? (size_t)(eq - s) : len;
	for (int a = 0; a < AS_LINGUIST__COUNT; a++) {
		if (strlen(attr_names[a]) != name_len || memcmp(attr_names[a], s, name_len))
			continue;
		if (eq && v == 1) {
			size_t vlen = len - name_len - 1;
			v = vlen == 5 && !memcmp(eq + 1, "false", 5) ? 0 : 1;
		}
		r->value[a] = v;
	}
}

/* The pattern of a line in the file of directory `dir` ("" or "a/b/"), as
 * a pattern from the root: anchored ones below dir, the others at any
 * depth below it. Characters of dir that the matcher reads as wildcards
 * are escaped. */
static void root_pattern(as_buf *out, const char *dir, const char *pat, size_t len)
{
	as_buf_clear(out);
	if (!*dir) {
		as_buf_put(out, pat, len);
		return;
	}
	int anchored = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if (pat[i] == '/')
			anchored = 1;
	as_buf_putc(out, '/');
	for (const char *d = dir; *d; d++) {
		if (strchr("*?[]\\", *d))
			as_buf_putc(out, '\\');
		as_buf_putc(out, *d);
	}
	if (!anchored)
		as_buf_puts(out, "**/");
	if (len && pat[0] == '/')
		pat++, len--;
	as_buf_put(out, pat, len);
}

/* A quoted pattern ("a b.c"): git's C-style quoting, of which \" and \\
 * are undone here (other escapes are left to the matcher). Returns the
 * end of the pattern in the line, or NULL when the quote never closes. */
static const char *unquote(as_buf *out, const char *s, const char *end)
{
	as_buf_clear(out);
	for (s++; s < end; s++) {
		if (*s == '"')
			return s + 1;
		if (*s == '\\' && s + 1 < end && (s[1] == '"' || s[1] == '\\')) {
			if (s[1] == '\\')
				as_buf_putc(out, '\\');
			as_buf_putc(out, s[1]);
			s++;
			continue;
		}
		as_buf_putc(out, *s);
	}
	return NULL;
}

static void parse_line(as_attributes *a, const char *dir, const char *s, const char *end,
		       as_buf *pat, as_buf *full)
{
	while (s < end && is_space(*s))
		s++;
	if (s == end || *s == '#')
		return;
	const char *p = s;
	if (*s == '"') {
		if (!(p = unquote(pat, s, end)))
			return;
	} else {
		while (p < end && !is_space(*p))
			p++;
		as_buf_clear(pat);
		as_buf_put(pat, s, (size_t)(p - s));
	}
	if (!pat->len || pat->ptr[0] == '!' || !strncmp(pat->ptr, "[attr]", 6))
		return; /* negative patterns are refused by git; macros define no path */

	attr_rule r;
	int named = 0;
	memset(r.value, -2, sizeof(r.value));
	while (p < end) {
		while (p < end && is_space(*p))
			p++;
		const char *q = p;
		while (q < end && !is_space(*q))
			q++;
		if (q > p)
			read_state(&r, p, (size_t)(q - p));
		p = q;
	}
	for (int i = 0; i < AS_LINGUIST__COUNT; i++)
		named |= r.value[i] != -2;
	if (!named)
		return;
	const char *why;
	root_pattern(full, dir, pat->ptr, pat->len);
	if (a->nrules >= MAX_RULES ||
	    as_patterns_add(&a->patterns, &r.pattern, full->ptr, full->len, 0, &why) < 0) {
		a->skipped++;
		return;
	}
	AS_GROW(a->rules, a->nrules + 1, a->rules_alloc);
	a->rules[a->nrules++] = r;
}

void as_attributes_add_file(as_attributes *a, const char *dir, const char *text, size_t len)
{
	as_buf pat = AS_BUF_INIT, full = AS_BUF_INIT;
	size_t before = a->dirs.nr;
	uint32_t d = as_strtab_intern(&a->dirs, dir, strlen(dir));
	if (a->dirs.nr == before)
		return; /* one .gitattributes per directory */
	AS_GROW(a->files, a->dirs.nr, a->files_alloc);
	a->files[d].first = a->nrules;
	a->files[d].n = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t eol = nl ? (size_t)(nl - text) : len;
		if (eol - i < MAX_LINE && !memchr(text + i, '\0', eol - i))
			parse_line(a, dir, text + i, text + eol, &pat, &full);
		i = eol + 1;
	}
	a->files[d].n = a->nrules - a->files[d].first;
	as_buf_free(&pat);
	as_buf_free(&full);
}

/* ---- finding the files -------------------------------------------------- */

typedef struct {
	as_attributes *a;
	git_repository *repo;
	int err;
	/* the files found, read once the walk is over (depth order) */
	char **dirs;
	git_oid *blobs;
	size_t n, alloc;
} finder;

static int visit(const char *root, const git_tree_entry *e, void *data)
{
	finder *f = data;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    git_tree_entry_filemode(e) == GIT_FILEMODE_LINK ||
	    strcmp(git_tree_entry_name(e), ".gitattributes"))
		return 0;
	if (f->n == f->alloc) {
		size_t alloc = f->alloc;
		AS_GROW(f->dirs, f->n + 1, alloc);
		f->blobs = as_xrealloc(f->blobs, alloc * sizeof(*f->blobs));
		f->alloc = alloc;
	}
	f->dirs[f->n] = as_xstrdup(root);
	git_oid_cpy(&f->blobs[f->n++], git_tree_entry_id(e));
	return 0;
}

static size_t depth(const char *dir)
{
	size_t d = 0;
	for (; *dir; dir++)
		d += *dir == '/';
	return d;
}

as_attributes *as_attributes_new(void)
{
	as_attributes *a = as_xcalloc(1, sizeof(*a));
	as_patterns_init(&a->patterns);
	return a;
}

int as_attributes_load(as_attributes **out, git_repository *repo, const git_oid *tree_id)
{
	as_attributes *a = as_attributes_new();
	finder f = { .a = a, .repo = repo };
	git_tree *tree = NULL;
	int err = 0;

	*out = NULL;
	if (git_tree_lookup(&tree, repo, tree_id) < 0 ||
	    git_tree_walk(tree, GIT_TREEWALK_PRE, visit, &f) < 0)
		err = as_error_git(AS_EINTERNAL, "reading the tree of the tip for .gitattributes");
	git_tree_free(tree);
	/* Shallower files first: a deeper file's lines come later and win. */
	for (size_t d = 0; !err; d++) {
		int more = 0;
		for (size_t i = 0; i < f.n && !err; i++) {
			size_t di = depth(f.dirs[i]);
			more |= di > d;
			if (di != d)
				continue;
			git_blob *blob = NULL;
			if (git_blob_lookup(&blob, repo, &f.blobs[i]) < 0) {
				err = as_error_git(AS_EINTERNAL, "reading a .gitattributes blob");
				break;
			}
			size_t size = (size_t)git_blob_rawsize(blob);
			if (size < MAX_FILE_BYTES)
				as_attributes_add_file(a, f.dirs[i], git_blob_rawcontent(blob), size);
			git_blob_free(blob);
		}
		if (!more)
			break;
	}
	for (size_t i = 0; i < f.n; i++)
		free(f.dirs[i]);
	free(f.dirs);
	free(f.blobs);
	if (err < 0) {
		as_attributes_free(a);
		return err;
	}
	*out = a;
	return 0;
}

void as_attributes_free(as_attributes *a)
{
	if (!a)
		return;
	as_patterns_free(&a->patterns);
	as_strtab_free(&a->dirs);
	free(a->rules);
	free(a->files);
	free(a);
}

size_t as_attributes_skipped(const as_attributes *a)
{
	return a ? a->skipped : 0;
}

/* ---- matching -------------------------------------------------------------- */

/* Decides what the lines of one file say about the attributes still open;
 * returns how many are still open. */
static int apply_file(const as_attributes *a, const attr_file *file, const char *path,
		      size_t len, int out[AS_LINGUIST__COUNT], int open)
{
	for (size_t i = file->first + file->n; i-- > file->first && open;) {
		const attr_rule *r = &a->rules[i];
		int wants = 0;
		for (int k = 0; k < AS_LINGUIST__COUNT; k++)
			wants |= out[k] == -2 && r->value[k] != -2;
		if (!wants || !as_pattern_match(&a->patterns, &r->pattern, path, len))
			continue;
		for (int k = 0; k < AS_LINGUIST__COUNT; k++)
			if (out[k] == -2 && r->value[k] != -2) {
				out[k] = r->value[k];
				open--;
			}
	}
	return open;
}

void as_attributes_linguist(const as_attributes *a, const char *path, size_t len,
			    int out[AS_LINGUIST__COUNT])
{
	int open = AS_LINGUIST__COUNT;
	for (int k = 0; k < AS_LINGUIST__COUNT; k++)
		out[k] = -2;
	/* the files of path's directories, deepest first */
	for (size_t cut = len; a && a->nrules && open;) {
		while (cut && path[cut - 1] != '/')
			cut--;
		int64_t d = as_strtab_find(&a->dirs, path, cut);
		if (d >= 0)
			open = apply_file(a, &a->files[d], path, len, out, open);
		if (!cut)
			break;
		cut--;
	}
	for (int k = 0; k < AS_LINGUIST__COUNT; k++)
		if (out[k] == -2)
			out[k] = -1;
}
