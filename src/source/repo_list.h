#ifndef AS_REPO_LIST_H
#define AS_REPO_LIST_H
/*
 * The repositories of an organisation's audit (audit --repos GLOB|FILE):
 * the directories a shell glob matches, or those a list file names.
 *
 * A list file has one path a line; blank lines and lines whose first
 * character that is not a space is `#` are skipped, spaces around a path
 * are not part of it (nor a CR before the newline), a relative path is
 * relative to the file's directory. A line that names no directory, or
 * a directory listed already, is an error that names FILE:LINE.
 *
 * Each repository gets a name for the report: its directory's name
 * without ".git" (".../app/.git" is "app"), and when two share one,
 * as many of the directories above as tell them apart ("a/app", "b/app").
 */
#include <stddef.h>

typedef struct {
	char *path;    /* as written, relative to the list's directory when relative */
	char *real;    /* absolute, without symbolic links: what is opened */
	char *name;    /* unique in the list */
	size_t line;   /* the line of the list file; 0 from a glob */
} as_repo_entry;

typedef struct {
	as_repo_entry *items;
	size_t nr, alloc;
	char *file;    /* the list file; NULL for a glob */
} as_repo_list;

/*
 * `arg` is a list file when it names a regular file, a glob otherwise
 * (matches that are not directories are skipped: a folder of repositories may hold
 * other files). Returns 0, or AS_ECONFIG with the message set: FILE:LINE
 * for a bad line, a glob that matches no directory, a list that names
 * none. as_repo_list_free() in both cases.
 */
int as_repo_list_load(as_repo_list *out, const char *arg);

/*
 * The text of a list file alone: its paths and lines into `out` (path
 * only: nothing is looked up on disk, no name given). `file` names the
 * file in errors. Returns 0 or AS_ECONFIG (a line holding a NUL or
 * another control character, a line longer than PATH_MAX).
 */
int as_repo_list_parse(as_repo_list *out, const char *text, size_t len, const char *file);

void as_repo_list_free(as_repo_list *l);

#endif
