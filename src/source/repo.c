/*
 * Opening a repository, with a strict reader of loose objects in front of
 * libgit2's (see repo.h for why).
 *
 * The backend knows which loose objects exist from the fan-out
 * directories (objects/xx/), each listed once, on first use, so that a
 * read of a packed object costs a binary search in memory and no system
 * call. An object that is not listed (written after the listing, or
 * packed) is left to libgit2's backends.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <git2/sys/odb_backend.h>

#include "source/repo.h"
#include "util/alloc.h"
#include "util/buf.h"

/* git's and libgit2's limit on chained info/alternates */
#define MAX_ALTERNATE_DEPTH 5
/* before libgit2's packed (2) and loose (1) backends */
#define GUARD_PRIORITY 100
/* deflate cannot expand a byte into more than about 1,032 */
#define MAX_INFLATE_RATIO 1100

typedef struct {
	git_oid oid;
	size_t dir;
} loose_entry;

typedef struct {
	loose_entry *items;
	size_t nr, alloc;
} fanout;

typedef struct {
	git_odb_backend parent;
	char **dirs;
	size_t ndirs;
	pthread_mutex_t lock;
	_Atomic unsigned char listed[256];
	fanout fans[256];
} guard;

/* ---- object directories ------------------------------------------------- */

static void add_dir(guard *g, const char *path, int depth);

static void add_alternates(guard *g, const char *dir, int depth)
{
	as_buf file = AS_BUF_INIT, line = AS_BUF_INIT;
	as_buf_printf(&file, "%s/info/alternates", dir);
	FILE *f = fopen(file.ptr, "r");
	as_buf_free(&file);
	if (!f)
		return;
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&s, &cap, f)) > 0) {
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			s[--n] = '\0';
		if (!n || s[0] == '#')
			continue;
		as_buf_clear(&line);
		if (s[0] != '/')
			as_buf_printf(&line, "%s/", dir);
		as_buf_puts(&line, s);
		add_dir(g, line.ptr, depth + 1);
	}
	free(s);
	fclose(f);
	as_buf_free(&line);
}

/* Adds an object directory (once) and the ones its info/alternates name. */
static void add_dir(guard *g, const char *path, int depth)
{
	if (depth > MAX_ALTERNATE_DEPTH)
		return;
	char *real = realpath(path, NULL);
	if (!real)
		return; /* libgit2 skips what does not exist, too */
	for (size_t i = 0; i < g->ndirs; i++) {
		if (!strcmp(g->dirs[i], real)) {
			free(real);
			return;
		}
	}
	g->dirs = as_xrealloc(g->dirs, (g->ndirs + 1) * sizeof(*g->dirs));
	g->dirs[g->ndirs++] = real;
	add_alternates(g, real, depth);
}

/* The directories libgit2's odb reads, in its order. */
static void find_dirs(guard *g, git_repository *repo, unsigned flags)
{
	const char *env = (flags & GIT_REPOSITORY_OPEN_FROM_ENV) ?
		getenv("GIT_OBJECT_DIRECTORY") : NULL;
	if (env && *env) {
		add_dir(g, env, 0);
	} else {
		git_buf objects = GIT_BUF_INIT;
		if (git_repository_item_path(&objects, repo, GIT_REPOSITORY_ITEM_OBJECTS) == 0)
			add_dir(g, objects.ptr, 0);
		git_buf_dispose(&objects);
	}
	env = (flags & GIT_REPOSITORY_OPEN_FROM_ENV) ?
		getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES") : NULL;
	if (!env)
		return;
	char *list = as_xstrdup(env), *save = NULL;
	for (char *p = strtok_r(list, ":", &save); p; p = strtok_r(NULL, ":", &save))
		add_dir(g, p, 0);
	free(list);
}

/* ---- the loose-object listing -------------------------------------------- */

static int entry_cmp(const void *a, const void *b)
{
	return git_oid_cmp(&((const loose_entry *)a)->oid, &((const loose_entry *)b)->oid);
}

static void list_fanout(guard *g, unsigned fan)
{
	fanout *f = &g->fans[fan];
	as_buf path = AS_BUF_INIT;
	for (size_t d = 0; d < g->ndirs; d++) {
		as_buf_clear(&path);
		as_buf_printf(&path, "%s/%02x", g->dirs[d], fan);
		DIR *dir = opendir(path.ptr);
		if (!dir)
			continue;
		struct dirent *de;
		while ((de = readdir(dir))) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid oid;
			if (strlen(de->d_name) != GIT_OID_HEXSZ - 2)
				continue;
			snprintf(hex, 3, "%02x", fan);
			memcpy(hex + 2, de->d_name, GIT_OID_HEXSZ - 2 + 1);
			if (git_oid_fromstr(&oid, hex) < 0)
				continue;
			if (f->nr == f->alloc) {
				f->alloc = f->alloc ? 2 * f->alloc : 16;
				f->items = as_xrealloc(f->items, f->alloc * sizeof(*f->items));
			}
			/* the first directory to hold an object is the one read */
			f->items[f->nr++] = (loose_entry){ .oid = oid, .dir = d };
		}
		closedir(dir);
	}
	as_buf_free(&path);
	git_error_clear(); /* git_oid_fromstr on a stray file name */
	if (f->nr) /* (qsort and bsearch want a non-null array) */
		qsort(f->items, f->nr, sizeof(*f->items), entry_cmp);
}

static const loose_entry *lookup(guard *g, const git_oid *oid)
{
	unsigned fan = oid->id[0];
	if (!atomic_load_explicit(&g->listed[fan], memory_order_acquire)) {
		pthread_mutex_lock(&g->lock);
		if (!atomic_load_explicit(&g->listed[fan], memory_order_relaxed)) {
			list_fanout(g, fan);
			atomic_store_explicit(&g->listed[fan], 1, memory_order_release);
		}
		pthread_mutex_unlock(&g->lock);
	}
	const fanout *f = &g->fans[fan];
	if (!f->nr)
		return NULL;
	loose_entry key = { .oid = *oid };
	/* qsort's order is stable enough: equal ids come from later
	 * directories only if listed later, and any copy is the object */
	return bsearch(&key, f->items, f->nr, sizeof(*f->items), entry_cmp);
}

/* ---- reading one loose object ---------------------------------------------- */

/* Names the file from its object directory on (objects/ab/cdef...): the
 * message may reach a pusher, who need not learn the server's paths. */
static int corrupt(const char *path, const char *why)
{
	const char *name = path + strlen(path);
	for (int slashes = 0; name > path && slashes < 3; name--)
		if (name[-1] == '/' && ++slashes == 3)
			break;
	git_error_set(GIT_ERROR_ODB, "corrupt loose object %s: %s", name, why);
	return GIT_ERROR;
}

static int read_file(as_buf *out, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? GIT_ENOTFOUND : corrupt(path, strerror(errno));
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		as_buf_put(out, chunk, (size_t)n);
	int e = errno;
	close(fd);
	return n < 0 ? corrupt(path, strerror(e)) : 0;
}

/* "<type> <size>\0": the type and size, or -1. */
static int parse_header(const char *h, size_t len, git_object_t *type, size_t *size)
{
	const char *sp = memchr(h, ' ', len);
	if (!sp)
		return -1;
	size_t tlen = (size_t)(sp - h);
	static const struct { const char *name; git_object_t type; } types[] = {
		{ "commit", GIT_OBJECT_COMMIT }, { "tree", GIT_OBJECT_TREE },
		{ "blob", GIT_OBJECT_BLOB }, { "tag", GIT_OBJECT_TAG },
	};
	*type = GIT_OBJECT_INVALID;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].name) == tlen && !memcmp(h, types[i].name, tlen))
			*type = types[i].type;
	if (*type == GIT_OBJECT_INVALID)
		return -1;
	size_t n = 0;
	const char *p = sp + 1;
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '\0'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (SIZE_MAX - 9) / 10)
			return -1;
		n = n * 10 + (size_t)(*p - '0');
	}
	if (*p != '\0')
		return -1;
	*size = n;
	return 0;
}

/*
 * Inflates the whole file: the header into `hdr`, the rest into a buffer
 * of exactly the size the header gives, plus one byte to catch a stream
 * that carries more. Every input is given at once, so inflate() either
 * makes progress or the stream is broken: no retry loop. Without `data`,
 * only the header is read.
 */
static int inflate_object(guard *g, const char *path, const as_buf *file,
			  void **data, size_t *len, git_object_t *type)
{
	z_stream z = { .next_in = (Bytef *)file->ptr, .avail_in = (uInt)file->len };
	char hdr[64];
	size_t size = 0, have;
	unsigned char *buf = NULL;
	const char *why = NULL;
	int ret;

	if (file->len > UINT_MAX)
		return corrupt(path, "larger than 4 GiB");
	if (inflateInit(&z) != Z_OK)
		return corrupt(path, "zlib cannot start");
	z.next_out = (Bytef *)hdr;
	z.avail_out = sizeof(hdr);
	do {
		ret = inflate(&z, Z_NO_FLUSH);
	} while (ret == Z_OK && z.avail_out && !memchr(hdr, '\0', sizeof(hdr) - z.avail_out));
	have = sizeof(hdr) - z.avail_out;
	const char *nul = memchr(hdr, '\0', have);
	if (ret == Z_BUF_ERROR) {
		why = "the zlib stream ends early (truncated)";
		goto done;
	}
	if (ret != Z_OK && ret != Z_STREAM_END) {
		why = "not zlib data";
		goto done;
	}
	if (!nul || parse_header(hdr, (size_t)(nul - hdr), type, &size) < 0) {
		why = "bad object header";
		goto done;
	}
	size_t body = have - (size_t)(nul + 1 - hdr);
	if (body > size) {
		why = "the object is larger than its header says";
		goto done;
	}
	if (size / MAX_INFLATE_RATIO > file->len) {
		why = "too short for the size its header gives (truncated)";
		goto done;
	}
	if (!data) {
		inflateEnd(&z);
		*len = size;
		return 0;
	}
	buf = git_odb_backend_data_alloc(&g->parent, size + 1);
	if (!buf) {
		inflateEnd(&z);
		return GIT_ERROR;
	}
	memcpy(buf, nul + 1, body);
	z.next_out = buf + body;
	z.avail_out = (uInt)(size + 1 - body);
	while (ret == Z_OK)
		ret = inflate(&z, Z_FINISH);
	if (ret == Z_BUF_ERROR && !z.avail_out)
		why = "the object is larger than its header says";
	else if (ret == Z_BUF_ERROR)
		why = "the zlib stream ends early (truncated)";
	else if (ret != Z_STREAM_END)
		why = "bad zlib data";
	else if (z.total_out != have + (size - body))
		why = "the object is smaller than its header says";
	/* bytes after the stream are ignored, as git reads them (only
	 * fsck complains) */
done:
	inflateEnd(&z);
	if (why) {
		git_odb_backend_data_free(&g->parent, buf);
		return corrupt(path, why);
	}
	buf[size] = '\0';
	*data = buf;
	*len = size;
	return 0;
}

/* Reads the object (or with data = NULL its header) if it is loose. */
static int read_loose(void **data, size_t *len, git_object_t *type,
		      git_odb_backend *backend, const git_oid *oid)
{
	guard *g = (guard *)backend;
	const loose_entry *e = lookup(g, oid);
	if (!e)
		return GIT_ENOTFOUND;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), oid);
	as_buf path = AS_BUF_INIT, file = AS_BUF_INIT;
	as_buf_printf(&path, "%s/%.2s/%s", g->dirs[e->dir], hex, hex + 2);
	int rc = read_file(&file, path.ptr);
	if (rc == 0)
		rc = inflate_object(g, path.ptr, &file, data, len, type);
	as_buf_free(&path);
	as_buf_free(&file);
	return rc;
}

static int guard_read(void **data, size_t *len, git_object_t *type,
		      git_odb_backend *backend, const git_oid *oid)
{
	return read_loose(data, len, type, backend, oid);
}

static int guard_read_header(size_t *len, git_object_t *type,
			     git_odb_backend *backend, const git_oid *oid)
{
	return read_loose(NULL, len, type, backend, oid);
}

static void guard_free(git_odb_backend *backend)
{
	guard *g = (guard *)backend;
	for (size_t i = 0; i < g->ndirs; i++)
		free(g->dirs[i]);
	free(g->dirs);
	for (size_t i = 0; i < 256; i++)
		free(g->fans[i].items);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

static int install_guard(git_repository *repo, unsigned flags)
{
	git_odb *odb;
	if (git_repository_odb(&odb, repo) < 0)
		return GIT_ERROR;
	guard *g = as_xcalloc(1, sizeof(*g));
	git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION);
	g->parent.read = guard_read;
	g->parent.read_header = guard_read_header;
	g->parent.free = guard_free;
	pthread_mutex_init(&g->lock, NULL);
	find_dirs(g, repo, flags);
	int rc = git_odb_add_backend(odb, &g->parent, GUARD_PRIORITY);
	if (rc < 0)
		guard_free(&g->parent);
	git_odb_free(odb);
	return rc;
}

int as_repo_open(git_repository **out, const char *path, unsigned flags)
{
	int rc = git_repository_open_ext(out, path, flags, NULL);
	if (rc < 0) {
		*out = NULL;
		return rc;
	}
	rc = install_guard(*out, flags);
	if (rc < 0) {
		git_repository_free(*out);
		*out = NULL;
	}
	return rc;
}
