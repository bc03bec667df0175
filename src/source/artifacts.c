/*
 * The files of the audited commit (artifacts.h). A report asks about a
 * few thousand findings at most, grouped by commit: each commit's changed
 * paths are computed once (the last one is kept) with the tree comparison
 * of paths.c, and each path is looked up in the tip's tree.
 */
#include "source/artifacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/commit.h"
#include "source/paths.h"
#include "util/alloc.h"
#include "util/error.h"

struct as_artifacts {
	git_repository *repo;
	git_odb *odb;
	git_tree *tip;
	as_paths paths;
	as_commit commit;
	char last[GIT_OID_HEXSZ + 1];   /* the commit asked about last */
	as_buf last_file;               /* its answer ("" for none) */
};

int as_artifacts_open(as_artifacts **out, git_repository *repo, const git_oid *tip_tree)
{
	as_artifacts *a = as_xcalloc(1, sizeof(*a));
	a->repo = repo;
	if (git_repository_odb(&a->odb, repo) < 0 || git_tree_lookup(&a->tip, repo, tip_tree) < 0) {
		git_odb_free(a->odb);
		free(a);
		return as_error_git(AS_EINTERNAL, "cannot read the audited commit's tree");
	}
	as_paths_init(&a->paths);
	as_commit_init(&a->commit);
	*out = a;
	return 0;
}

void as_artifacts_free(as_artifacts *a)
{
	if (!a)
		return;
	as_paths_free(&a->paths);
	as_commit_free(&a->commit);
	as_buf_free(&a->last_file);
	git_tree_free(a->tip);
	git_odb_free(a->odb);
	free(a);
}

int as_artifacts_has(as_artifacts *a, const char *path)
{
	git_tree_entry *e = NULL;
	if (!path || !*path || git_tree_entry_bypath(&e, a->tip, path) < 0) {
		git_error_clear();
		return 0;
	}
	git_filemode_t mode = git_tree_entry_filemode(e);
	git_tree_entry_free(e);
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* The first changed path of the commit that is a file at the tip. */
static void find_file(as_artifacts *a, const char *hex)
{
	git_oid oid;
	git_odb_object *obj = NULL;

	as_buf_clear(&a->last_file);
	as_buf_put(&a->last_file, "", 0);
	if (git_oid_fromstrn(&oid, hex, strlen(hex)) < 0 || strlen(hex) != GIT_OID_HEXSZ ||
	    git_odb_read(&obj, a->odb, &oid) < 0 || git_odb_object_type(obj) != GIT_OBJECT_COMMIT)
		goto done;
	if (as_commit_parse_graph(&a->commit, &oid, git_odb_object_data(obj),
				  git_odb_object_size(obj)) < 0 ||
	    as_paths_commit(&a->paths, a->odb, &a->commit, NULL, AS_MERGES_FIRST_PARENT) < 0)
		goto done;
	for (size_t i = 0; i < a->paths.nr; i++) {
		const char *path = as_paths_name(&a->paths, i);
		if (as_artifacts_has(a, path)) {
			as_buf_puts(&a->last_file, path);
			break;
		}
	}
done:
	git_odb_object_free(obj);
	git_error_clear();
	as_error_clear();
}

int as_artifacts_commit_file(as_artifacts *a, const char *hex, as_buf *out)
{
	if (!hex || !*hex)
		return 0;
	if (strcmp(a->last, hex)) {
		find_file(a, hex);
		snprintf(a->last, sizeof(a->last), "%s", hex);
	}
	if (!a->last_file.len)
		return 0;
	as_buf_clear(out);
	as_buf_put(out, a->last_file.ptr, a->last_file.len);
	return 1;
}
