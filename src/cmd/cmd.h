#ifndef AS_CMD_H
#define AS_CMD_H
/*
 * One function per command (git's builtin/ model). Each parses its own
 * arguments, prints its own output and errors, and returns the process
 * exit status (SPEC §4: 0 clean, 1 findings/rejected, 2 usage or
 * configuration, 3 internal).
 */

int cmd_audit(int argc, char **argv);
int cmd_pre_receive(int argc, char **argv);
int cmd_check_msg(int argc, char **argv);
int cmd_check_rules(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_owners(int argc, char **argv);
int cmd_identities(int argc, char **argv);
int cmd_init(int argc, char **argv);

/* Shared by the commands: "antisilo: <message>" on stderr, returns `exit`. */
int cmd_fail(int exit_code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the last error (as_error_msg) and returns its exit status. */
int cmd_error(int code);


#include <git2.h>

#include "config/config.h"
#include "source/identities.h"
#include "source/mailmap.h"

/*
 * Opens the repository at `dir` (NULL: discover it from the current
 * directory, as git does). Prints the error and returns an exit status
 * on failure, 0 on success.
 */
int cmd_open_repo(git_repository **out, const char *dir);
/* The same, printing nothing: 0, or AS_ECONFIG (not a repository) or
 * AS_EINTERNAL (SHA-256) with the message set. */
int cmd_try_open_repo(git_repository **out, const char *dir);
/* Locates (SPEC §4, `repo` may be NULL) and loads the rules; prints the
 * error and returns 2 or 3 on failure, 0 on success. */
int cmd_load_config(as_config *cfg, const char *cli_rules, git_repository *repo);

/*
 * The developers of the history that `ranges` (`since`, `until`: the
 * committer-date window, 0 for none) select, identities mapped by `mm`
 * and grouped with the org chart `org` (may be NULL): a walk that reads
 * only the authors (source/identities.h). Returns 0 or AS_EINTERNAL /
 * AS_ECONFIG (a bad revision); prints nothing.
 */
int cmd_load_identities(as_identities **out, git_repository *repo, const as_mailmap *mm,
			const as_org *org, const char *const *ranges, size_t nranges,
			int64_t since, int64_t until);
/* The same over the commits `walk` yields (consuming it), read on `jobs`
 * threads where the walk allows, and handed to `v` (may be NULL) if they
 * are read whole (as_identities_collect). */
int cmd_identities_of_walk(as_identities **out, as_walk *walk, const as_mailmap *mm,
			   const as_org *org, int jobs, const as_commit_visitor *v);

#endif
