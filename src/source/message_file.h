#ifndef AS_MESSAGE_FILE_H
#define AS_MESSAGE_FILE_H
/*
 * A commit message being written: the file git hands a commit-msg hook
 * (.git/COMMIT_EDITMSG). git runs the hook on the file as the editor left
 * it, and only afterwards cleans it up into the message it stores
 * (builtin/commit.c: run_commit_hook, then cleanup_message). So the hook
 * must clean it up the same way to judge what will be committed, not the
 * help text around it: "# Please enter the commit message..." lines, and
 * with `git commit -v` the whole diff below the scissors line.
 */
#include <stddef.h>

#include "util/buf.h"

/* git's commit.cleanup modes (git-commit(1), --cleanup). */
typedef enum {
	AS_CLEANUP_STRIP,       /* "strip" and "default" (with an editor) */
	AS_CLEANUP_WHITESPACE,  /* "whitespace" */
	AS_CLEANUP_SCISSORS,    /* "scissors" */
	AS_CLEANUP_VERBATIM,    /* "verbatim" */
} as_cleanup_mode;

/* The mode for a commit.cleanup value (NULL: unset): "default" is
 * "strip", as git uses it when an editor ran (the commit-msg hook cannot
 * tell -m from an editor; a -m message rarely has comment lines). Returns
 * 0, or -1 for a value git does not know either. */
int as_cleanup_mode_parse(as_cleanup_mode *out, const char *value);

/*
 * Appends to `out` the message git will store for `raw` (len bytes):
 *   scissors, strip: everything from the line "<c> ------------------------
 *     >8 ------------------------" on is cut;
 *   strip: lines that start with `comment` are dropped;
 *   strip, scissors, whitespace: trailing white space of every line is
 *     dropped, runs of empty lines become one, leading and trailing empty
 *     lines go, and the message ends with a newline (git's stripspace);
 *   verbatim: as it is.
 */
void as_message_cleanup(as_buf *out, const char *raw, size_t len,
			as_cleanup_mode mode, char comment);

#endif
