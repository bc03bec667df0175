#ifndef AS_TRACKER_MARKDOWN_H
#define AS_TRACKER_MARKDOWN_H
/*
 * The Markdown reader of tracker files (markdown.c has the forms it reads).
 */
#include <stddef.h>

#include "event.h"

/*
 * The Markdown reader: appends an event per assignment on the lines of
 * `text` (a whole tracker file) for which want[lineno] is set (1-based;
 * lines past `nwant` are not wanted; want == NULL: every line). The rest
 * of the file gives context only: front matter, the table a row belongs
 * to, the heading above an `Owner:` line, code fences. Forms read:
 *   - [ ] task @bob                 task list items; @mentions are owners
 *   Owner: @bob / Assignee: bob / Assigned to: Bob Stone   (also **Owner:**,
 *       inside a task or a heading, several owners separated by , & and)
 *   (assigned by @alice), requested by @alice, delegated by Alice Liddell
 *   | Task | Owner | Assigned by |  tables with an owner column
 *   front matter: assignee:, assignees: (scalar, [a, b] or - items),
 *       owner:, owners:, assigned_by:
 * Events have kind assignment, origin tracker-file, no rule, the parties
 * as written (empty actor_text: the commit's author; "me" as an owner:
 * the author), line, excerpt and title.
 */
void as_tracker_md_scan(as_events *out, const char *text, size_t len,
			const unsigned char *want, size_t nwant);

#endif
