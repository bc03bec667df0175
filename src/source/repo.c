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
#include "util/error.h"

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
