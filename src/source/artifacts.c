/*
 * The files of the audited commit (artifacts.h). The tip's regular files
 * are listed once, with the tree comparison of paths.c (the tip against
 * the empty tree), into a string table; a report then asks about a few
 * thousand findings at most, grouped by commit: each commit's changed
 * paths are computed once (the last commit's answer is kept), and each
 * path is a table lookup. (Looking paths up in the tip's tree instead
 * inflated the same trees again for every finding: on git.git's 2,176
 * findings, 3.3 s against 0.3 s.)
 */
#include "source/artifacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/commit.h"
#include "source/paths.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/table.h"

struct as_artifacts {
	git_odb *odb;
	as_strtab files;                /* the tip's regular files */
	as_paths paths;
	as_commit commit;
	char last[GIT_OID_HEXSZ + 1];   /* the commit asked about last */
	as_buf last_file;               /* its answer ("" for none) */
};

static int is_regular(uint32_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

int as_artifacts_open(as_artifacts **out, git_repository *repo, const git_oid *tip_tree)
{
	as_artifacts *a = as_xcalloc(1, sizeof(*a));
	as_paths_init(&a->paths);
	as_commit_init(&a->commit);
	int err = git_repository_odb(&a->odb, repo) < 0
		? as_error_git(AS_EINTERNAL, "cannot open the object database")
		: as_paths_diff_trees(&a->paths, a->odb, NULL, tip_tree);
	if (err < 0) {
		as_artifacts_free(a);
		return err == AS_ELIMIT ? as_error_set(AS_EINTERNAL, "the audited commit's tree "
						       "is nested too deep to list its files") : err;
	}
	for (size_t i = 0; i < a->paths.nr; i++)
		if (is_regular(a->paths.items[i].new_mode))
			as_strtab_intern(&a->files, as_paths_name(&a->paths, i),
					 a->paths.items[i].path_len);
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
	as_strtab_free(&a->files);
	git_odb_free(a->odb);
	free(a);
}

int as_artifacts_has(as_artifacts *a, const char *path)
{
	return path && *path && as_strtab_find(&a->files, path, strlen(path)) >= 0;
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
