#ifndef AS_CODEOWNERS_HISTORY_H
#define AS_CODEOWNERS_HISTORY_H
/*
 * CODEOWNERS history (SPEC §3 item 4): the lines a commit adds to (or
 * changes in) the CODEOWNERS GitHub uses (.github/, the root, docs/: the
 * first found), and the teams whose paths each of them gives owners.
 *
 * A team's paths are its rules.ini `paths` and the paths its own
 * `codeowners` handle owned before the commit; a line gives them owners
 * when it decides (GitHub: the last matching line wins) a path of the
 * team in the new file. Which paths: patterns are compared through
 * example paths (util/pattern.h as_pattern_example) — the line's own, the
 * teams' paths', every line's of the old and the new file, and, for a
 * pattern that floats ("*.sql"), each of those directories with its
 * example below — so "/search/billing/" is inside a team's "search/", a
 * "*" at the top that later lines override decides nothing of theirs,
 * and a line over paths that do not exist yet is judged all the same.
 *
 * Per (line, team) one `gate` event: actor the commit's author, subject
 * the team (subject_team), origin codeowners, the commit, path and line,
 * the line as excerpt, its owners as items, link "blob/SHA/PATH#LN".
 * Whether an owner makes it a gate (a manager of the team's members, or
 * another team's handle) is classification's (classify.h); the events of
 * lines whose owners are all the team's own are dropped there.
 *
 * Judged once, at the commit that adds the line, against its first
 * parent; a merge adds only the lines none of its parents had (they came
 * with the merged commits). Read from git objects only; one per thread.
 */
#include <git2.h>

#include "config/org.h"
#include "event.h"
#include "source/codeowners.h"
#include "source/commit.h"
#include "source/paths.h"
#include "util/table.h"

typedef struct {
	git_repository *repo;          /* the thread's own */
	git_odb *odb;
	const as_org *org;
	/* private: per commit, reused */
	as_paths changed_;
	as_paths_filter filter_;
	as_codeowners old_, new_, other_;
	as_buf text_, other_text_;
	as_strtab before_;             /* the lines the parents have */
} as_codeowners_history;

void as_codeowners_history_init(as_codeowners_history *h, git_repository *repo, git_odb *odb,
				const as_org *org);
void as_codeowners_history_free(as_codeowners_history *h);

/*
 * Appends the gate events of commit `c`. `paths`, when not NULL, are the
 * paths `c` changed against its first parent (the pipeline's); otherwise
 * the trees are compared where a CODEOWNERS can be. A commit that
 * touches no CODEOWNERS costs that comparison only; an org chart without
 * teams, nothing. Returns 0, or AS_EINTERNAL when an object cannot be
 * read (and then appends nothing).
 */
int as_codeowners_history_commit(as_codeowners_history *h, as_events *out, const as_commit *c,
				 const as_paths *paths, const git_oid *parent_tree, uint64_t seq);

#endif
