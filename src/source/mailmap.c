/*
 * .mailmap as git 2.39's mailmap.c reads and applies it.
 *
 * git keeps a sorted string_list of old e-mails (compared with strcasecmp),
 * each with an optional "simple" replacement and a sorted list of old names
 * (strcasecmp too). We keep the same two levels in two hash tables keyed
 * by the ASCII-case-folded strings, which answers the same questions: a
 * case-insensitive exact match of the e-mail, then of the name.
 *
 * Parsing mirrors read_mailmap_line and parse_name_and_email byte for
 * byte, including what they do with odd lines: "Proper Name <email> Old
 * Name" has no second e-mail, so it is the simple form for <email>;
 * "<>" is accepted as the old e-mail only; a line starting with '#' is a
 * comment, a '#' elsewhere is text; files are read with fgets() into a
 * 1024-byte buffer, so a longer line is read as several lines.
 */
#include "source/mailmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/repo.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* A replacement: NULL keeps the commit's value. */
typedef struct {
	char *name, *email;
	size_t name_len, email_len;
} mm_info;

/* One old e-mail (mailmap.c's mailmap_entry). */
typedef struct {
	char *key;
	size_t key_len;
	uint64_t hash;
	mm_info simple;
	size_t nnames;       /* old names recorded for this e-mail */
} mm_email;

/* One old name under one old e-mail (mailmap.c's namemap items). */
typedef struct {
	size_t email;        /* index into emails */
	char *key;
	size_t key_len;
	uint64_t hash;
	mm_info info;
} mm_name;

/* Open addressing; a slot holds index + 1, 0 is empty. */
typedef struct {
	size_t *slots;
	size_t cap;          /* a power of two, or 0 */
} mm_table;

struct as_mailmap {
	mm_email *emails;
	size_t nemails, emails_alloc;
	mm_name *names;
	size_t nnames, names_alloc;
	mm_table etab, ntab;
	uint64_t seed;
};

/* git's isspace (sane_ctype): ASCII only, and \v \f are not space. */
static int g_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int eq_fold(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return 0;
	for (size_t i = 0; i < alen; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

/*
 * FNV-1a over the case-folded bytes, from a per-process random basis, and
 * a final mix: a .mailmap cannot be crafted to make every key collide.
 */
static uint64_t hash_fold(uint64_t seed, const char *s, size_t len)
{
	uint64_t h = seed;
	for (size_t i = 0; i < len; i++) {
		h ^= fold((unsigned char)s[i]);
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static uint64_t name_hash(uint64_t email_hash, uint64_t name_h)
{
	uint64_t h = email_hash ^ (name_h * 0x9e3779b97f4a7c15ULL);
	h ^= h >> 31;
	return h;
}

as_mailmap *as_mailmap_new(void)
{
	as_mailmap *mm = as_xcalloc(1, sizeof(*mm));
	uint64_t seed = 0;
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != (ssize_t)sizeof(seed))
		seed = (uint64_t)(uintptr_t)mm ^ (uint64_t)getpid() << 32;
	mm->seed = seed ^ 0xcbf29ce484222325ULL;
	return mm;
}

static void info_free(mm_info *mi)
{
	free(mi->name);
	free(mi->email);
	mi->name = mi->email = NULL;
}

void as_mailmap_free(as_mailmap *mm)
{
	if (!mm)
		return;
	for (size_t i = 0; i < mm->nemails; i++) {
		free(mm->emails[i].key);
		info_free(&mm->emails[i].simple);
	}
	for (size_t i = 0; i < mm->nnames; i++) {
		free(mm->names[i].key);
		info_free(&mm->names[i].info);
	}
	free(mm->emails);
	free(mm->names);
	free(mm->etab.slots);
	free(mm->ntab.slots);
	free(mm);
}

/* ---- the two tables -------------------------------------------------- */

static uint64_t slot_hash(const as_mailmap *mm, const mm_table *t, size_t idx)
{
	return t == &mm->etab ? mm->emails[idx].hash : mm->names[idx].hash;
}

/* Makes room for one more entry (load factor at most 1/2). */
static void table_reserve(as_mailmap *mm, mm_table *t, size_t nr)
{
	size_t cap, *slots;
	if (t->cap && (nr + 1) * 2 <= t->cap)
		return;
	cap = t->cap ? t->cap * 2 : 64;
	slots = as_xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < t->cap; i++) {
		size_t v = t->slots[i], j;
		if (!v)
			continue;
		j = (size_t)slot_hash(mm, t, v - 1) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = v;
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

static mm_email *find_email(const as_mailmap *mm, const char *email,
			    size_t len, uint64_t h, size_t *slot)
{
	size_t j;
	if (!mm->etab.cap)
		return NULL;
	for (j = (size_t)h & (mm->etab.cap - 1); mm->etab.slots[j];
	     j = (j + 1) & (mm->etab.cap - 1)) {
		mm_email *e = &mm->emails[mm->etab.slots[j] - 1];
		if (e->hash == h && eq_fold(e->key, e->key_len, email, len))
			return e;
	}
	if (slot)
		*slot = j;
	return NULL;
}

static mm_name *find_name(const as_mailmap *mm, size_t email_idx,
			  const char *name, size_t len, uint64_t h, size_t *slot)
{
	size_t j;
	if (!mm->ntab.cap)
		return NULL;
	for (j = (size_t)h & (mm->ntab.cap - 1); mm->ntab.slots[j];
	     j = (j + 1) & (mm->ntab.cap - 1)) {
		mm_name *n = &mm->names[mm->ntab.slots[j] - 1];
		if (n->hash == h && n->email == email_idx &&
		    eq_fold(n->key, n->key_len, name, len))
			return n;
	}
	if (slot)
		*slot = j;
	return NULL;
}

static void info_set(char **dst, size_t *dst_len, const char *s, size_t len)
{
	free(*dst);
	*dst = as_xstrndup(s, len);
	*dst_len = len;
}

/*
 * mailmap.c's add_mapping. A NULL pointer is an absent part; lengths go
 * with the pointers.
 */
static void add_mapping(as_mailmap *mm,
			const char *new_name, size_t new_name_len,
			const char *new_email, size_t new_email_len,
			const char *old_name, size_t old_name_len,
			const char *old_email, size_t old_email_len)
{
	uint64_t h;
	size_t slot = 0, idx;
	mm_email *e;

	if (!old_email) {
		old_email = new_email;
		old_email_len = new_email_len;
		new_email = NULL;
	}

	h = hash_fold(mm->seed, old_email, old_email_len);
	e = find_email(mm, old_email, old_email_len, h, NULL);
	if (!e) {
		table_reserve(mm, &mm->etab, mm->nemails);
		find_email(mm, old_email, old_email_len, h, &slot);
		AS_GROW(mm->emails, mm->nemails + 1, mm->emails_alloc);
		e = &mm->emails[mm->nemails];
		memset(e, 0, sizeof(*e));
		e->key = as_xstrndup(old_email, old_email_len);
		e->key_len = old_email_len;
		e->hash = h;
		mm->etab.slots[slot] = ++mm->nemails;
	}
	idx = (size_t)(e - mm->emails);

	if (!old_name) {
		/* Replace current name and new email for simple entry */
		if (new_name)
			info_set(&e->simple.name, &e->simple.name_len, new_name, new_name_len);
		if (new_email)
			info_set(&e->simple.email, &e->simple.email_len, new_email, new_email_len);
	} else {
		/* git's string_list_insert keeps an existing name: the
		 * later line replaces what it maps to */
		uint64_t nh = name_hash(h, hash_fold(mm->seed, old_name, old_name_len));
		mm_name *n = find_name(mm, idx, old_name, old_name_len, nh, NULL);
		if (!n) {
			table_reserve(mm, &mm->ntab, mm->nnames);
			find_name(mm, idx, old_name, old_name_len, nh, &slot);
			AS_GROW(mm->names, mm->nnames + 1, mm->names_alloc);
			n = &mm->names[mm->nnames];
			memset(n, 0, sizeof(*n));
			n->email = idx;
			n->key = as_xstrndup(old_name, old_name_len);
			n->key_len = old_name_len;
			n->hash = nh;
			mm->ntab.slots[slot] = ++mm->nnames;
			mm->emails[idx].nnames++;
		}
		info_free(&n->info);
		if (new_name)
			info_set(&n->info.name, &n->info.name_len, new_name, new_name_len);
		if (new_email)
			info_set(&n->info.email, &n->info.email_len, new_email, new_email_len);
	}
}

/* ---- reading --------------------------------------------------------- */

typedef struct {
	const char *name, *email;  /* NULL when absent */
	size_t name_len, email_len;
} ident;

/*
 * parse_name_and_email on line[pos, end): "name <email>", the name
 * trimmed, the e-mail verbatim. Returns the offset after the '>' when
 * something follows it, 0 otherwise.
 */
static size_t parse_name_and_email(const char *line, size_t pos, size_t end,
				   ident *out, int allow_empty_email)
{
	const char *left, *right;
	size_t l, r, nstart;
	ptrdiff_t nend;

	out->name = out->email = NULL;
	out->name_len = out->email_len = 0;

	if (!(left = memchr(line + pos, '<', end - pos)))
		return 0;
	l = (size_t)(left - line);
	if (!(right = memchr(line + l + 1, '>', end - l - 1)))
		return 0;
	r = (size_t)(right - line);
	if (!allow_empty_email && l + 1 == r)
		return 0;

	/* remove whitespace from beginning and end of name */
	nstart = pos;
	while (g_isspace((unsigned char)line[nstart]) && nstart < l)
		++nstart;
	nend = (ptrdiff_t)l - 1;
	while (nend > (ptrdiff_t)nstart && g_isspace((unsigned char)line[nend]))
		--nend;

	if ((ptrdiff_t)nstart <= nend) {
		out->name = line + nstart;
		out->name_len = (size_t)(nend + 1) - nstart;
	}
	out->email = line + l + 1;
	out->email_len = r - l - 1;

	return r + 1 == end ? 0 : r + 1;
}

/* read_mailmap_line on line[0, len) (no NUL inside). */
static void read_line(as_mailmap *mm, const char *line, size_t len)
{
	ident one, two = { NULL, NULL, 0, 0 };
	size_t rest;

	if (len && line[0] == '#')
		return;
	rest = parse_name_and_email(line, 0, len, &one, 0);
	if (rest)
		parse_name_and_email(line, rest, len, &two, 1);
	if (one.email)
		add_mapping(mm, one.name, one.name_len, one.email, one.email_len,
			    two.name, two.name_len, two.email, two.email_len);
}

/* read_mailmap_string (a blob): one C string, lines split at '\n'. */
void as_mailmap_parse(as_mailmap *mm, const char *buf, size_t len)
{
	const char *nul = len ? memchr(buf, '\0', len) : NULL;
	size_t pos = 0;

	if (nul)
		len = (size_t)(nul - buf);
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		read_line(mm, buf + pos, end - pos);
		pos = nl ? end + 1 : len;
	}
}

/*
 * read_mailmap_file: lines as fgets() into char[1024] returns them (with
 * the newline, at most 1023 bytes, a NUL ends what string functions see).
 */
static void parse_file_contents(as_mailmap *mm, const char *buf, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		size_t lim = len - pos < 1023 ? len - pos : 1023;
		const char *nl = memchr(buf + pos, '\n', lim);
		size_t chunk = nl ? (size_t)(nl - (buf + pos)) + 1 : lim;
		const char *nul = memchr(buf + pos, '\0', chunk);
		read_line(mm, buf + pos, nul ? (size_t)(nul - (buf + pos)) : chunk);
		pos += chunk;
	}
}

/*
 * Reads a mailmap file; a missing or unreadable file is skipped as git
 * skips it (git prints an error for the unreadable one and goes on). Only
 * regular files are read: git would block forever on a FIFO.
 */
static void read_file(as_mailmap *mm, const char *path, int nofollow)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0);
	int fd = open(path, flags);
	struct stat st;
	as_buf content = AS_BUF_INIT;

	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	for (;;) {
		ssize_t r;
		as_buf_grow(&content, 65536);
		r = read(fd, content.ptr + content.len, content.cap - content.len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		content.len += (size_t)r;
	}
	close(fd);
	parse_file_contents(mm, content.ptr, content.len);
	as_buf_free(&content);
}

/* read_mailmap_blob: a revision such as "HEAD:.mailmap" that names a blob;
 * nothing when it does not resolve (an unborn HEAD, no such file). */
static void read_blob(as_mailmap *mm, git_repository *repo, const char *spec)
{
	git_object *obj = NULL;
	if (git_revparse_single(&obj, repo, spec) < 0) {
		git_error_clear();
		return;
	}
	if (git_object_type(obj) == GIT_OBJECT_BLOB) {
		const git_blob *blob = (const git_blob *)obj;
		as_mailmap_parse(mm, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	}
	git_object_free(obj);
}

/* HEAD:.mailmap, HEAD found without reading every ref (repo.h). */
static void read_head_blob(as_mailmap *mm, git_repository *repo)
{
	git_oid head;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_blob *blob = NULL;
	const git_tree_entry *e;

	if (as_repo_head(&head, repo) == 0 && git_commit_lookup(&commit, repo, &head) == 0 &&
	    git_commit_tree(&tree, commit) == 0 && (e = git_tree_entry_byname(tree, ".mailmap")) &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_blob_lookup(&blob, repo, git_tree_entry_id(e)) == 0)
		as_mailmap_parse(mm, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_error_clear();
	git_blob_free(blob);
	git_tree_free(tree);
	git_commit_free(commit);
}

/*
 * Whether git would call the repository bare. libgit2 and git disagree on
 * a git directory without core.bare (a mirror made by hand, for one):
 * libgit2 takes its parent directory as the work tree, git (which found the
 * git directory itself, not a ".git" inside a work tree) calls it bare.
 */
static int is_bare_like_git(git_repository *repo, git_config *cfg)
{
	const char *wd = git_repository_workdir(repo);
	const char *gd = git_repository_path(repo);
	git_buf val = GIT_BUF_INIT;
	size_t wdlen;
	int v, err;

	if (git_repository_is_bare(repo) || !wd)
		return 1;
	if (git_config_get_bool(&v, cfg, "core.bare") != GIT_ENOTFOUND)
		return 0;
	err = git_config_get_string_buf(&val, cfg, "core.worktree");
	git_buf_dispose(&val);
	git_error_clear();
	if (err != GIT_ENOTFOUND)
		return 0;
	wdlen = strlen(wd);
	return !(strncmp(gd, wd, wdlen) == 0 && strcmp(gd + wdlen, ".git/") == 0);
}

int as_mailmap_load(as_mailmap **out, git_repository *repo)
{
	as_mailmap *mm = as_mailmap_new();
	git_config *cfg = NULL;
	git_buf val = GIT_BUF_INIT;
	int bare, err;
	const char *base;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, repo) < 0) {
		as_mailmap_free(mm);
		return as_error_git(AS_EINTERNAL, "reading the repository configuration");
	}
	bare = is_bare_like_git(repo, cfg);
	base = bare ? git_repository_path(repo) : git_repository_workdir(repo);

	if (!bare) {
		/* git reads the work tree's file, never through a symlink */
		as_buf path = AS_BUF_INIT;
		as_buf_printf(&path, "%s.mailmap", base);
		read_file(mm, path.ptr, 1);
		as_buf_free(&path);
	}

	/* mailmap.blob; an empty value turns HEAD:.mailmap off in a bare
	 * repository, as in git */
	err = git_config_get_string_buf(&val, cfg, "mailmap.blob");
	if (err == 0)
		read_blob(mm, repo, val.ptr);
	else if (err == GIT_ENOTFOUND && bare)
		read_head_blob(mm, repo);
	else if (err != GIT_ENOTFOUND)
		goto config_error;
	git_buf_dispose(&val);

	/* mailmap.file comes last, so it wins; "~/" is expanded */
	err = git_config_get_path(&val, cfg, "mailmap.file");
	if (err == 0) {
		if (val.ptr[0] == '/') {
			read_file(mm, val.ptr, 0);
		} else {
			/* relative to where git runs: the top of the work tree
			 * (the git directory of a bare repository) */
			as_buf path = AS_BUF_INIT;
			as_buf_printf(&path, "%s%s", base, val.ptr);
			read_file(mm, path.ptr, 0);
			as_buf_free(&path);
		}
	} else if (err != GIT_ENOTFOUND) {
		goto config_error;
	}
	git_buf_dispose(&val);
	git_error_clear();
	git_config_free(cfg);
	*out = mm;
	return 0;

config_error:
	err = as_error_git(AS_EINTERNAL, "reading the mailmap configuration");
	git_buf_dispose(&val);
	git_config_free(cfg);
	as_mailmap_free(mm);
	return err;
}

/* ---- mapping --------------------------------------------------------- */

int as_mailmap_map(const as_mailmap *mm, const char **name, size_t *name_len,
		   const char **email, size_t *email_len)
{
	const mm_email *e;
	const mm_info *mi;
	uint64_t h;

	if (!mm || !mm->nemails)
		return 0;
	h = hash_fold(mm->seed, *email, *email_len);
	e = find_email(mm, *email, *email_len, h, NULL);
	if (!e)
		return 0;
	mi = &e->simple;
	if (e->nnames) {
		/* several names for this e-mail: the name decides, else the
		 * simple entry */
		uint64_t nh = name_hash(h, hash_fold(mm->seed, *name, *name_len));
		const mm_name *n = find_name(mm, (size_t)(e - mm->emails), *name,
					     *name_len, nh, NULL);
		if (n)
			mi = &n->info;
	}
	if (!mi->name && !mi->email)
		return 0;
	if (mi->email) {
		*email = mi->email;
		*email_len = mi->email_len;
	}
	if (mi->name) {
		*name = mi->name;
		*name_len = mi->name_len;
	}
	return 1;
}
