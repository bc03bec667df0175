#ifndef AS_LOCATE_H
#define AS_LOCATE_H
/*
 * Which rules file a run reads (SPEC §4), first hit wins: --rules,
 * $ANTISILO_RULES, `git config antisilo.rules` of the repository,
 * $GIT_DIR/antisilo/rules.ini, then the site file (/etc/antisilo/rules.ini
 * in the Debian package: the administrator's, which includes the default),
 * then the installed default. In the hook never a file of the push: every
 * candidate is outside the pushed tree.
 */
#include <git2.h>

/*
 * Fills `out` with the chosen path (malloc'd) and `why` with a static
 * description of where it came from. `repo_config_value` is the
 * repository's antisilo.rules (NULL when unset; relative to `git_dir`).
 */
int as_config_locate(char **out, const char **why, const char *cli_rules,
		     const char *repo_config_value, const char *git_dir);

/* as_config_locate() for an open repository (NULL: none): reads its
 * `antisilo.rules` and GIT_DIR. */
int as_config_locate_repo(char **out, const char **why, const char *cli_rules,
			  git_repository *repo);

/* as_config_locate_repo() for the repository around the current directory,
 * found as git finds it ($GIT_DIR, else upwards from here); no repository
 * there is not an error. */
int as_config_locate_cwd(char **out, const char **why, const char *cli_rules);

/* Path of the installed default rules (ANTISILO_DEFAULT_RULES, overridable
 * by the environment variable of the same name for tests and packagers). */
const char *as_config_default_path(void);
/* Path of the site file (ANTISILO_SITE_RULES, overridable likewise; set
 * and empty: no site file). It is used only when it exists. */
const char *as_config_site_path(void);

#endif
