/*
 * The repositories of an organisation's audit: a glob or a list file,
 * checked before anything is audited, each with a name of its own.
 */
#include "source/repo_list.h"

#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

void as_repo_list_free(as_repo_list *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		free(l->items[i].path);
		free(l->items[i].real);
		free(l->items[i].name);
	}
	free(l->items);
	free(l->file);
	memset(l, 0, sizeof(*l));
}

static as_repo_entry *add(as_repo_list *l, const char *path, size_t len, size_t line)
{
	if (l->nr == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->items = as_xrealloc(l->items, l->alloc * sizeof(*l->items));
	}
	as_repo_entry *e = &l->items[l->nr++];
	memset(e, 0, sizeof(*e));
	e->path = as_xstrndup(path, len);
	e->line = line;
	return e;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

int as_repo_list_parse(as_repo_list *out, const char *text, size_t len, const char *file)
{
	const char *p = text, *end = text + len;
	size_t line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *e = nl ? nl : end;
		p = nl ? nl + 1 : end;
		line++;
		if (e > s && e[-1] == '\r')
			e--;
		while (s < e && is_space(*s))
			s++;
		while (e > s && is_space(e[-1]))
			e--;
		if (s == e || *s == '#')
			continue;
		for (const char *c = s; c < e; c++) {
			unsigned char u = (unsigned char)*c;
			if (u < 0x20 || u == 0x7f)
				return as_error_set(AS_ECONFIG, "%s:%zu: a control character (0x%02x) "
						    "in a repository's path", file, line, u);
		}
		if ((size_t)(e - s) >= PATH_MAX)
			return as_error_set(AS_ECONFIG, "%s:%zu: a path longer than %d bytes",
					    file, line, PATH_MAX - 1);
		add(out, s, (size_t)(e - s), line);
	}
	return 0;
}

/* "app/.git" is the repository of the work tree "app": one repository,
 * whichever of the two the list names. */
static void strip_dot_git(char *real)
{
	size_t len = strlen(real);
	if (len > 5 && !strcmp(real + len - 5, "/.git"))
		real[len - 5] = '\0';
}

/* The entry's directory, absolute and without links, or an error that
 * says where the list named it. */
static int resolve(as_repo_entry *e, const char *base, const char *place)
{
	as_buf path = AS_BUF_INIT;
	struct stat st;
	int err = 0;

	if (e->path[0] != '/' && base)
		as_buf_printf(&path, "%s/%s", base, e->path);
	else
		as_buf_puts(&path, e->path);
	e->real = realpath(as_buf_cstr(&path), NULL);
	if (e->real)
		strip_dot_git(e->real);
	if (!e->real)
		err = as_error_set(AS_ECONFIG, "%s: %s: %s", place, e->path,
				   errno == ENOENT ? "no such directory" : strerror(errno));
	else if (stat(e->real, &st) != 0 || !S_ISDIR(st.st_mode))
		err = as_error_set(AS_ECONFIG, "%s: %s: not a directory", place, e->path);
	as_buf_free(&path);
	return err;
}

static int load_file(as_repo_list *out, const char *file)
{
	FILE *fp = fopen(file, "rb");
	as_buf text = AS_BUF_INIT, place = AS_BUF_INIT;
	char chunk[8192];
	size_t n;
	int err;

	if (!fp)
		return as_error_set(AS_ECONFIG, "%s: cannot open: %s", file, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		as_buf_put(&text, chunk, n);
	err = ferror(fp) ? as_error_set(AS_ECONFIG, "%s: cannot read: %s", file, strerror(errno)) : 0;
	fclose(fp);
	if (!err)
		err = as_repo_list_parse(out, text.ptr ? text.ptr : "", text.len, file);
	as_buf_free(&text);
	out->file = as_xstrdup(file);
	/* relative to the list's own directory */
	char *slash = strrchr(out->file, '/');
	char *base = slash ? as_xstrndup(out->file, (size_t)(slash - out->file) + (slash == out->file))
			   : NULL;
	for (size_t i = 0; !err && i < out->nr; i++) {
		as_buf_clear(&place);
		as_buf_printf(&place, "%s:%zu", file, out->items[i].line);
		err = resolve(&out->items[i], base, as_buf_cstr(&place));
		for (size_t j = 0; !err && j < i; j++)
			if (!strcmp(out->items[j].real, out->items[i].real))
				err = as_error_set(AS_ECONFIG, "%s: %s: listed already, on line %zu",
						   as_buf_cstr(&place), out->items[i].path,
						   out->items[j].line);
	}
	free(base);
	as_buf_free(&place);
	if (!err && !out->nr)
		err = as_error_set(AS_ECONFIG, "%s: lists no repository", file);
	return err;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_glob(as_repo_list *out, const char *pattern)
{
	glob_t g;
	int rc = glob(pattern, GLOB_NOSORT | GLOB_BRACE | GLOB_TILDE, NULL, &g);

	if (rc == GLOB_NOSPACE)
		return as_error_set(AS_EINTERNAL, "--repos: %s: out of memory", pattern);
	if (rc == 0) {
		/* the byte order of the paths, whatever the locale */
		qsort(g.gl_pathv, g.gl_pathc, sizeof(*g.gl_pathv), by_path);
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct stat st;
			if (stat(g.gl_pathv[i], &st) != 0 || !S_ISDIR(st.st_mode))
				continue;
			as_repo_entry *e = add(out, g.gl_pathv[i], strlen(g.gl_pathv[i]), 0);
			e->real = realpath(e->path, NULL);
			if (e->real)
				strip_dot_git(e->real);
			int seen = !e->real;
			/* a link to a repository matched already */
			for (size_t j = 0; !seen && j + 1 < out->nr; j++)
				seen = !strcmp(out->items[j].real, e->real);
			if (seen) {
				free(e->path);
				free(e->real);
				out->nr--;
			}
		}
	}
	if (rc == 0 || rc == GLOB_NOMATCH)
		globfree(&g);
	if (!out->nr)
		return as_error_set(AS_ECONFIG, "--repos: %s: no such list file, and no directory "
				    "matches it as a glob", pattern);
	return 0;
}

/* The components of a repository's directory that may name it, last
 * first: ".../org/app.git" gives "app", "org", ...; ".../app/.git" too. */
static size_t components(const char *real, const char **at, size_t *len, size_t max)
{
	size_t n = 0, end = strlen(real);

	while (end > 0 && n < max) {
		size_t start = end;
		while (start > 0 && real[start - 1] != '/')
			start--;
		size_t l = end - start;
		if (n == 0 && l == 4 && !memcmp(real + start, ".git", 4) && start > 1) {
			end = start - 1; /* app/.git: app */
			continue;
		}
		if (n == 0 && l > 4 && !memcmp(real + end - 4, ".git", 4))
			l -= 4;
		if (l) {
			at[n] = real + start;
			len[n] = l;
			n++;
		}
		end = start ? start - 1 : 0;
	}
	return n;
}

#define MAX_DEPTH 64

static char *name_at(const char *real, size_t depth)
{
	const char *at[MAX_DEPTH];
	size_t len[MAX_DEPTH];
	size_t n = components(real, at, len, MAX_DEPTH);
	as_buf b = AS_BUF_INIT;

	if (depth > n)
		depth = n;
	for (size_t k = depth; k-- > 0;) {
		as_buf_put(&b, at[k], len[k]);
		if (k)
			as_buf_putc(&b, '/');
	}
	if (!b.len)
		as_buf_puts(&b, "repository");
	return as_buf_detach(&b);
}

static size_t depth_max(const char *real)
{
	const char *at[MAX_DEPTH];
	size_t len[MAX_DEPTH];
	size_t n = components(real, at, len, MAX_DEPTH);
	return n ? n : 1;
}

/* Names: the directory's, then one more directory above for those that
 * share one, until none does (or, for directories whose every name
 * agrees, such as /x/app and /x/app.git, a "~2" after the later ones). */
static void give_names(as_repo_list *l)
{
	size_t *depth = as_xcalloc(l->nr ? l->nr : 1, sizeof(*depth));
	int changed = 1;

	for (size_t i = 0; i < l->nr; i++)
		depth[i] = 1;
	while (changed) {
		changed = 0;
		for (size_t i = 0; i < l->nr; i++) {
			free(l->items[i].name);
			l->items[i].name = name_at(l->items[i].real, depth[i]);
		}
		for (size_t i = 0; i < l->nr; i++) {
			int clash = 0;
			for (size_t j = 0; j < l->nr; j++)
				if (j != i && !strcmp(l->items[i].name, l->items[j].name))
					clash = 1;
			if (clash && depth[i] < depth_max(l->items[i].real)) {
				depth[i]++;
				changed = 1;
			}
		}
	}
	for (size_t i = 0; i < l->nr; i++) {
		size_t same = 1;
		for (size_t j = 0; j < i; j++)
			same += !strcmp(l->items[i].name, l->items[j].name);
		if (same > 1) {
			as_buf b = AS_BUF_INIT;
			as_buf_printf(&b, "%s~%zu", l->items[i].name, same);
			free(l->items[i].name);
			l->items[i].name = as_buf_detach(&b);
		}
	}
	free(depth);
}

int as_repo_list_load(as_repo_list *out, const char *arg)
{
	struct stat st;
	int err;

	memset(out, 0, sizeof(*out));
	if (stat(arg, &st) == 0 && S_ISREG(st.st_mode))
		err = load_file(out, arg);
	else
		err = load_glob(out, arg);
	if (!err)
		give_names(out);
	return err;
}
