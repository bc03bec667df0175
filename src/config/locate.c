/*
 * Where the rules come from (SPEC §4): the lookup, first hit wins.
 */
#include "config/locate.h"

#include <stdlib.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"

/* The Makefile sets both from PREFIX and SYSCONFDIR; a Debian package
 * has /usr/share/antisilo/rules.ini and /etc/antisilo/rules.ini. */
#ifndef ANTISILO_DEFAULT_RULES
#define ANTISILO_DEFAULT_RULES "/usr/local/share/antisilo/rules.ini"
#endif
#ifndef ANTISILO_SITE_RULES
#define ANTISILO_SITE_RULES "/usr/local/etc/antisilo/rules.ini"
#endif

const char *as_config_default_path(void)
{
	const char *env = getenv("ANTISILO_DEFAULT_RULES");
	return env && *env ? env : ANTISILO_DEFAULT_RULES;
}

const char *as_config_site_path(void)
{
	/* Set but empty: no site file (tests, and a site that wants none). */
	const char *env = getenv("ANTISILO_SITE_RULES");
	return env ? env : ANTISILO_SITE_RULES;
}

/* Appends "antisilo/rules.ini" to a copy of git_dir when that file exists. */
static char *git_dir_rules(const char *git_dir)
{
	if (!git_dir || !*git_dir)
		return NULL;
	as_buf b = AS_BUF_INIT;
	as_buf_puts(&b, git_dir);
	if (b.ptr[b.len - 1] != '/')
		as_buf_putc(&b, '/');
	as_buf_puts(&b, "antisilo/rules.ini");
	if (access(b.ptr, F_OK) == 0)
		return as_buf_detach(&b);
	as_buf_free(&b);
	return NULL;
}

int as_config_locate(char **out, const char **why, const char *cli_rules,
		     const char *repo_config_value, const char *git_dir)
{
	const char *env = getenv("ANTISILO_RULES");
	*out = NULL;
	*why = NULL;
	if (cli_rules && *cli_rules) {
		*out = as_xstrdup(cli_rules);
		*why = "--rules";
	} else if (env && *env) {
		*out = as_xstrdup(env);
		*why = "$ANTISILO_RULES";
	} else if (repo_config_value && *repo_config_value) {
		/* Relative to $GIT_DIR, as git resolves relative paths of the
		 * repository's config (include.path), not to the current
		 * directory, which differs between the hook and an audit. */
		as_buf b = AS_BUF_INIT;
		if (repo_config_value[0] != '/' && git_dir && *git_dir) {
			as_buf_puts(&b, git_dir);
			if (b.ptr[b.len - 1] != '/')
				as_buf_putc(&b, '/');
		}
		as_buf_puts(&b, repo_config_value);
		*out = as_buf_detach(&b);
		*why = "git config antisilo.rules";
	} else if ((*out = git_dir_rules(git_dir)) != NULL) {
		*why = "$GIT_DIR/antisilo/rules.ini";
	} else if (*as_config_site_path() && access(as_config_site_path(), F_OK) == 0) {
		/* the administrator's file (a dpkg conffile), which includes
		 * the shipped default: edits survive upgrades */
		*out = as_xstrdup(as_config_site_path());
		*why = "the site file";
	} else {
		*out = as_xstrdup(as_config_default_path());
		*why = "the installed default";
	}
	return 0;
}

int as_config_locate_repo(char **out, const char **why, const char *cli_rules,
			  git_repository *repo)
{
	char *from_git = NULL;
	if (repo && !(cli_rules && *cli_rules)) {
		git_config *gc = NULL;
		git_buf value = GIT_BUF_INIT;
		if (git_repository_config_snapshot(&gc, repo) == 0 &&
		    git_config_get_path(&value, gc, "antisilo.rules") == 0)
			from_git = as_xstrdup(value.ptr);
		git_buf_dispose(&value);
		git_config_free(gc);
		git_error_clear();
	}
	int rc = as_config_locate(out, why, cli_rules, from_git,
				  repo ? git_repository_path(repo) : NULL);
	free(from_git);
	return rc;
}

int as_config_locate_cwd(char **out, const char **why, const char *cli_rules)
{
	git_repository *repo = NULL;
	if (!(cli_rules && *cli_rules)) {
		unsigned flags = getenv("GIT_DIR") ? GIT_REPOSITORY_OPEN_FROM_ENV : 0;
		if (git_repository_open_ext(&repo, ".", flags, NULL) < 0) {
			repo = NULL;
			git_error_clear();
		}
	}
	int rc = as_config_locate_repo(out, why, cli_rules, repo);
	git_repository_free(repo);
	return rc;
}
