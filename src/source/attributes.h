#ifndef AS_ATTRIBUTES_H
#define AS_ATTRIBUTES_H
/*
 * The linguist attributes of a tree's .gitattributes files, which GitHub
 * (linguist) and antisilo read to tell code from vendored, generated and
 * documentation files:
 *
 *   docs/              linguist-documentation     set: documentation
 *   vendor/ours/       -linguist-vendored         unset: not vendored
 *   gen/x.pb.go        linguist-generated=false   false: not generated
 *   x.go               !linguist-generated        back to unspecified
 *
 * As linguist reads them: set or any value but "false" is true; unset
 * ("-attr") or "=false" is false. As git reads the files: every
 * .gitattributes of the tree (a regular file; a symlink is not followed),
 * each applying to paths below its directory, a deeper file's lines over a
 * shallower one's, and in a file a later line over an earlier one;
 * comments ('#'), "[attr]" macro lines and "!pattern" lines (which git
 * refuses) are skipped, lines of 2048 bytes or more and files of 100 MiB
 * or more too (git's bounds). Read from git objects only, never from a
 * work tree.
 *
 * Patterns are matched as CODEOWNERS patterns (source/codeowners.h): the
 * same gitignore syntax, and a pattern that names a directory covers
 * everything below it ("docs/", "vendor"), where git's own attribute
 * matching covers nothing for them (git wants "docs/" followed by "**"; both
 * forms mean the same here). A line whose pattern that engine cannot use (character
 * ranges "[a-z]") is skipped and counted, as are the linguist lines past
 * the first 1,000 of a tree (a bound on the work per file).
 */
#include <git2.h>
#include <stddef.h>

typedef enum {
	AS_LINGUIST_VENDORED,
	AS_LINGUIST_GENERATED,
	AS_LINGUIST_DOCUMENTATION,
	AS_LINGUIST__COUNT
} as_linguist_attr;

typedef struct as_attributes as_attributes;

/* Reads the .gitattributes files of `tree`. Returns 0 or AS_EINTERNAL (a
 * tree or blob that cannot be read). */
int as_attributes_load(as_attributes **out, git_repository *repo, const git_oid *tree);
void as_attributes_free(as_attributes *a);

/* The same by hand: an empty set, then the text of the .gitattributes of
 * directory `dir` ("" for the root, else "a/b/"), shallower files first. */
as_attributes *as_attributes_new(void);
void as_attributes_add_file(as_attributes *a, const char *dir, const char *text, size_t len);

/* For each attribute: 1 true, 0 false, -1 unspecified (the defaults apply). */
void as_attributes_linguist(const as_attributes *a, const char *path, size_t len,
			    int out[AS_LINGUIST__COUNT]);

/* Lines with a linguist attribute that were skipped (a pattern the
 * matcher cannot use). */
size_t as_attributes_skipped(const as_attributes *a);

#endif
