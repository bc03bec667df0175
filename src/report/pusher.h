#ifndef AS_REPORT_PUSHER_H
#define AS_REPORT_PUSHER_H
/*
 * Lines for the person who pushed: what the pre-receive hook prints on
 * stderr and git shows behind "remote: ". Every line starts with
 * "antisilo: " (preceded by GitLab's "GL-HOOK-ERR: " when the hook runs
 * under GitLab and rejects: GitLab shows only such lines), is wrapped so
 * that "remote: " plus the line fits 80 columns, and all text goes through
 * as_sanitize(AS_SAN_TERMINAL): nothing taken from the push reaches the
 * pusher's terminal as a control character or escape sequence.
 *
 * Lines are collected and written at once (as_pusher_write), so nothing
 * of a run that fails half-way is shown.
 */
#include <stddef.h>

#include "finding.h"
#include "util/buf.h"

typedef struct {
	as_buf out;           /* lines, each ending with '\n', without prefix */
	size_t width;         /* columns for the text after "antisilo: " */
} as_pusher;

void as_pusher_init(as_pusher *p);
void as_pusher_free(as_pusher *p);

/* One message, sanitised and wrapped, each line indented by `indent`. */
void as_pusher_say(as_pusher *p, size_t indent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* One line, sanitised, never wrapped (the summary line people look for). */
void as_pusher_line(as_pusher *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Text from the push (an excerpt, a subject): sanitised, cut to `max`
 * columns with "..." (0 = no limit), then wrapped; each line starts with
 * `indent` spaces and the first with `lead` ("> ").
 */
void as_pusher_quote(as_pusher *p, size_t indent, const char *lead,
		     const char *text, size_t max);

/* The same on one line, not wrapped (a line of input quoted as is). */
void as_pusher_raw(as_pusher *p, size_t indent, const char *lead,
		   const char *text, size_t max);

/* Counts of the findings shown: by severity, and the commits they are in. */
typedef struct {
	size_t by_severity[AS_SEV_NEVER];
	size_t total;
	size_t commits;
} as_pusher_counts;

void as_pusher_count(as_pusher_counts *out, const as_findings *fs, as_severity show);
/* "1 error, 2 warnings" (severities with a count, highest first). */
void as_pusher_counts_text(as_buf *out, const as_pusher_counts *c);

/*
 * The findings at or above `show`, grouped by commit in walk order: the
 * short id and subject of the commit, its author, then per finding the
 * severity and rule, the excerpt and the rule's explanation. At most
 * `max_commits` commits are shown; a last line says how many more there
 * are.
 */
void as_pusher_findings(as_pusher *p, const as_findings *fs, as_severity show,
			size_t max_commits);

/* The lowest severity a pusher (or a committer) is shown: warnings, or
 * fail_on when that is info. */
as_severity as_pusher_shown_from(as_severity fail_on);

/*
 * How to fix commits that were refused, after their findings:
 *   as_pusher_fix_pushed: the commits of a push, by rewording (git commit
 *     --amend for the newest, git rebase -i BASE for older ones; `base` is
 *     the old tip when the push updated one branch, else NULL for the
 *     branch's upstream); `files` when a tracker file's line is at fault
 *     (then the commit is edited, not reworded);
 *   as_pusher_fix_message: a commit being made (the commit-msg hook):
 *     the message is kept in `msgfile`, to edit and commit again.
 */
void as_pusher_fix_pushed(as_pusher *p, const char *base, int files);
void as_pusher_fix_message(as_pusher *p, const char *msgfile);

/*
 * Writes every line to `fd` (stderr) with its "antisilo: " prefix, and
 * GitLab's "GL-HOOK-ERR: " before it when `gitlab_error` (the push is
 * rejected and GL_ID is set); empties the buffer. Returns 0 or -1.
 */
int as_pusher_write(as_pusher *p, int fd, int gitlab_error);

#endif
