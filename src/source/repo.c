/*
 * Opening a repository: libgit2's, with our reader of its objects in
 * front of libgit2's own (see repo.h and objects.h for why).
 */
#include "source/repo.h"

#include <stdlib.h>
#include <string.h>
#include <git2/sys/odb_backend.h>

#include "source/objects.h"
#include "source/pack.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"

/* before libgit2's packed (2) and loose (1) backends */
#define READER_PRIORITY 100

typedef struct {
	git_odb_backend parent;
	as_objects *objects;
	/* libgit2 holds the odb's lock around every backend read, so one
	 * reader serves every thread that uses this repository */
	as_objects_reader *reader;
} backend;

/* What a read that failed in our reader says through libgit2. */
static int fail(int err)
{
	if (err == AS_ENOTFOUND)
		return GIT_ENOTFOUND;
	git_error_set(GIT_ERROR_ODB, "%s", as_error_msg());
	return GIT_ERROR;
}

static int backend_read(void **data, size_t *len, git_object_t *type,
			git_odb_backend *parent, const git_oid *oid)
{
	backend *b = (backend *)parent;
	as_object obj;
	int err = as_objects_read(b->reader, oid, 0, &obj);
	if (err < 0)
		return fail(err);
	unsigned char *copy = git_odb_backend_data_alloc(parent, obj.len + 1);
	if (!copy)
		return GIT_ERROR;
	memcpy(copy, obj.data, obj.len + 1);
	*data = copy;
	*len = obj.len;
	*type = obj.type;
	return 0;
}

static int backend_read_header(size_t *len, git_object_t *type,
			       git_odb_backend *parent, const git_oid *oid)
{
	backend *b = (backend *)parent;
	as_object obj;
	int err = as_objects_read_header(b->reader, oid, &obj);
	if (err < 0)
		return fail(err);
	*len = obj.size;
	*type = obj.type;
	return 0;
}

static void backend_free(git_odb_backend *parent)
{
	backend *b = (backend *)parent;
	as_objects_reader_free(b->reader);
	as_objects_free(b->objects);
	free(b);
}

static int install_reader(git_repository *repo, unsigned flags)
{
	git_odb *odb;
	if (git_repository_odb(&odb, repo) < 0)
		return GIT_ERROR;
	backend *b = calloc(1, sizeof(*b));
	if (!b) {
		git_odb_free(odb);
		return GIT_ERROR;
	}
	git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION);
	b->parent.read = backend_read;
	b->parent.read_header = backend_read_header;
	b->parent.free = backend_free;
	as_objects_open(&b->objects, repo, flags);
	b->reader = as_objects_reader_new(b->objects);
	int rc = git_odb_add_backend(odb, &b->parent, READER_PRIORITY);
	if (rc < 0)
		backend_free(&b->parent);
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
	rc = install_reader(*out, flags);
	if (rc < 0) {
		git_repository_free(*out);
		*out = NULL;
	}
	return rc;
}

/* Our backend in `odb`, or NULL. */
static backend *our_backend(git_odb *odb)
{
	size_t n = git_odb_num_backends(odb);
	for (size_t i = 0; i < n; i++) {
		git_odb_backend *b = NULL;
		if (git_odb_get_backend(&b, odb, i) == 0 && b->read == backend_read)
			return (backend *)b;
	}
	return NULL;
}

as_objects_reader *as_repo_odb_reader(git_odb *odb)
{
	backend *b = our_backend(odb);
	return b ? b->reader : NULL;
}

as_objects *as_repo_objects(git_repository *repo)
{
	git_odb *odb;
	if (git_repository_odb(&odb, repo) < 0)
		return NULL;
	backend *b = our_backend(odb);
	git_odb_free(odb);
	return b ? b->objects : NULL;
}

/* ---- HEAD ---------------------------------------------------------------- */

/* A 40-digit hex id at `p` followed by `end_char`: 1 and *out. */
static int hex_id(git_oid *out, const char *p, size_t len, char end_char)
{
	if (len < GIT_OID_HEXSZ + 1 || p[GIT_OID_HEXSZ] != end_char)
		return 0;
	return git_oid_fromstrn(out, p, GIT_OID_HEXSZ) == 0;
}

/* The value of ref `name` (a full name, no symbolic chain) from its loose
 * file or its line of packed-refs: 1 and *out, or 0 (not found so). */
static int read_ref(git_oid *out, const char *dir, const char *name)
{
	as_buf path = AS_BUF_INIT, text = AS_BUF_INIT, line = AS_BUF_INIT;
	int found = 0;

	as_buf_printf(&path, "%s%s", dir, name);
	if (as_read_file(&text, path.ptr, 4096) == 0) {
		found = hex_id(out, text.ptr, text.len, '\n');
		goto done;   /* a loose ref that is not an id: libgit2's */
	}
	as_error_clear();
	as_buf_clear(&path);
	as_buf_printf(&path, "%spacked-refs", dir);
	if (as_read_file(&text, path.ptr, (size_t)256 << 20) < 0) {
		as_error_clear();
		goto done;
	}
	/* "<id> <name>" at a line start; sorted or not, one look */
	as_buf_printf(&line, " %s\n", name);
	for (const char *p = text.ptr, *end = text.ptr + text.len;
	     (p = memmem(p, (size_t)(end - p), line.ptr, line.len)) != NULL; p += line.len) {
		const char *start = p - GIT_OID_HEXSZ;
		if (start >= text.ptr && (start == text.ptr || start[-1] == '\n') &&
		    hex_id(out, start, (size_t)(end - start), ' ')) {
			found = 1;
			break;
		}
	}
done:
	as_buf_free(&path);
	as_buf_free(&text);
	as_buf_free(&line);
	return found;
}

int as_repo_head(git_oid *out, git_repository *repo)
{
	as_buf path = AS_BUF_INIT, head = AS_BUF_INIT;
	int found = 0;

	as_buf_printf(&path, "%sHEAD", git_repository_path(repo));
	if (as_read_file(&head, path.ptr, 4096) == 0) {
		if (head.len > 5 && !memcmp(head.ptr, "ref: ", 5) && head.ptr[head.len - 1] == '\n' &&
		    !memchr(head.ptr, '\0', head.len)) {
			head.ptr[head.len - 1] = '\0';
			/* (a name that climbs out of the refs is libgit2's to refuse) */
			if (!strncmp(head.ptr + 5, "refs/", 5) && !strstr(head.ptr + 5, ".."))
				found = read_ref(out, git_repository_commondir(repo), head.ptr + 5);
		} else {
			found = hex_id(out, head.ptr, head.len, '\n');
		}
	}
	as_error_clear();
	as_buf_free(&path);
	as_buf_free(&head);
	return found ? 0 : git_reference_name_to_id(out, repo, "HEAD");
}
