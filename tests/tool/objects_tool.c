/*
 * test-tool objects REPO [--prefix N] < IDS
 *
 * Reads each object id of stdin with our reader (source/objects.h), not
 * libgit2, and prints what `git cat-file --batch-check` prints for it,
 * "<id> <type> <size>", when the bytes read hash to that id (git's object
 * hash: the reader gave exactly the object), else "<id> BAD ..." or
 * "<id> missing". With --prefix N, the object is read a second time, its
 * first N bytes only, and "prefix ok" is added when they are the whole
 * read's first bytes (and the size agrees).
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/commit_table.h"
#include "source/objects.h"
#include "source/repo.h"
#include "util/error.h"

int cmd__objects(int argc, char **argv);

int cmd__objects(int argc, char **argv)
{
	git_repository *repo = NULL;
	size_t prefix = 0;
	if (argc == 4 && !strcmp(argv[2], "--prefix"))
		prefix = strtoul(argv[3], NULL, 10);
	else if (argc != 2) {
		fprintf(stderr, "usage: test-tool objects REPO [--prefix N] < IDS\n");
		return 2;
	}
	if (as_repo_open(&repo, argv[1], GIT_REPOSITORY_OPEN_NO_SEARCH) < 0) {
		fprintf(stderr, "test-tool: %s: cannot open\n", argv[1]);
		return 3;
	}
	as_objects_reader *r = as_objects_reader_new(as_repo_objects(repo));
	char line[256];
	int status = 0;
	while (fgets(line, sizeof(line), stdin)) {
		git_oid oid, hashed;
		as_object obj;
		if (git_oid_fromstrn(&oid, line, GIT_OID_HEXSZ) < 0)
			continue;
		int err = as_objects_read(r, &oid, 0, &obj);
		if (err == AS_ENOTFOUND) {
			printf("%s missing\n", git_oid_tostr_s(&oid));
			continue;
		}
		if (err < 0) {
			printf("%s error %s\n", git_oid_tostr_s(&oid), as_error_msg());
			status = 1;
			continue;
		}
		git_odb_hash(&hashed, obj.data, obj.len, obj.type);
		int ok = git_oid_equal(&hashed, &oid) && obj.len == obj.size && !obj.data[obj.len];
		printf("%s %s %zu", git_oid_tostr_s(&oid), ok ? git_object_type2string(obj.type) : "BAD",
		       obj.size);
		if (prefix) {
			unsigned char *whole = malloc(obj.len + 1);
			memcpy(whole, obj.data, obj.len + 1);
			size_t n = obj.len < prefix ? obj.len : prefix;
			as_object head;
			err = as_objects_read(r, &oid, prefix, &head);
			printf(" %s", !err && head.len >= n && head.size == obj.size &&
			       !memcmp(head.data, whole, n) ? "prefix ok" : "prefix BAD");
			free(whole);
		}
		putchar('\n');
	}
	as_objects_reader_free(r);
	git_repository_free(repo);
	return status;
}

/*
 * test-tool commit-table REPO [JOBS]
 *
 * Builds the read-ahead table of REPO's packs (source/commit_table.h) on
 * JOBS threads and prints, for each commit id of stdin it holds, what
 * `git log --format='%H %T %P %ct %an <%ae> %at'` prints for it (parents
 * space-separated), and "<id> not in the table" for the others.
 */
int cmd__commit_table(int argc, char **argv);

int cmd__commit_table(int argc, char **argv)
{
	git_repository *repo = NULL;
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: test-tool commit-table REPO [JOBS] < IDS\n");
		return 2;
	}
	if (as_repo_open(&repo, argv[1], GIT_REPOSITORY_OPEN_NO_SEARCH) < 0) {
		fprintf(stderr, "test-tool: %s: cannot open\n", argv[1]);
		return 3;
	}
	as_commit_table *t = as_commit_table_build(as_repo_objects(repo),
						   argc == 3 ? atoi(argv[2]) : 2, NULL);
	char line[256];
	while (fgets(line, sizeof(line), stdin)) {
		git_oid oid;
		as_commit_row row;
		if (git_oid_fromstrn(&oid, line, GIT_OID_HEXSZ) < 0)
			continue;
		if (!as_commit_table_find(t, &oid, &row)) {
			printf("%s not in the table\n", git_oid_tostr_s(&oid));
			continue;
		}
		printf("%s", git_oid_tostr_s(&oid));
		printf(" %s", git_oid_tostr_s(&row.tree)); /* (one static buffer) */
		putchar(' '); /* %P: the parents, separated by spaces */
		for (size_t i = 0; i < row.nparents; i++)
			printf("%s%s", i ? " " : "", git_oid_tostr_s(&row.parents[i]));
		printf(" %lld %.*s <%.*s> %lld\n", (long long)row.time, (int)row.author_name_len,
		       row.author_name, (int)row.author_email_len, row.author_email,
		       (long long)row.author_time);
	}
	as_commit_table_free(t);
	git_repository_free(repo);
	return 0;
}
