/*
 * What the commands share: error printing, opening the repository,
 * finding and loading the rules.
 */
#include "source/repo.h"
#include "cmd/cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/locate.h"
#include "source/walk.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

int cmd_fail(int exit_code, const char *fmt, ...)
{
	as_buf msg = AS_BUF_INIT, clean = AS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	as_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* Messages quote file names and revisions: never echo raw controls. */
	as_sanitize(&clean, as_buf_cstr(&msg), msg.len, AS_SAN_TERMINAL);
	fprintf(stderr, "antisilo: %s\n", as_buf_cstr(&clean));
	as_buf_free(&msg);
	as_buf_free(&clean);
	return exit_code;
}

int cmd_error(int code)
{
	return cmd_fail(as_error_exit_code(code), "%s", as_error_msg());
}

int cmd_try_open_repo(git_repository **out, const char *dir)
{
	const char *path = dir ? dir : ".";
	unsigned flags = dir ? GIT_REPOSITORY_OPEN_NO_SEARCH : 0;
	if (as_repo_open(out, path, flags) < 0) {
		const git_error *e = git_error_last();
		const char *msg = e && e->message ? e->message : "cannot open";
		/* libgit2 1.5 refuses extensions.objectFormat = sha256. */
		if (strstr(msg, "objectformat"))
			return as_error_set(AS_EINTERNAL, "%s: SHA-256 repositories are not supported "
					    "(libgit2 1.5 reads SHA-1 repositories only)", path);
		return as_error_set(AS_ECONFIG, "%s: not a git repository (%s)", path, msg);
	}
	return 0;
}

int cmd_open_repo(git_repository **out, const char *dir)
{
	int err = cmd_try_open_repo(out, dir);
	return err < 0 ? cmd_error(err) : 0;
}

int cmd_load_config(as_config *cfg, const char *cli_rules, git_repository *repo)
{
	char *path = NULL;
	const char *why = NULL;
	int err = as_config_locate_repo(&path, &why, cli_rules, repo);
	if (err < 0)
		return cmd_error(err);
	err = as_config_load(cfg, path);
	free(path);
	return err < 0 ? cmd_error(err) : 0;
}

static int org_person(const void *org, const char *ident, size_t len)
{
	return as_org_resolve(org, ident, len);
}

int cmd_identities_of_walk(as_identities **out, as_walk *walk, const as_mailmap *mm,
			   const as_org *org, int jobs, const as_commit_visitor *v)
{
	as_identities *ids = as_identities_new();
	int err = as_identities_collect(ids, walk, mm, jobs, v);
	if (err < 0) {
		as_identities_free(ids);
		return err;
	}
	as_identities_finish(ids, org ? org_person : NULL, org);
	*out = ids;
	return 0;
}

int cmd_load_identities(as_identities **out, git_repository *repo, const as_mailmap *mm,
			const as_org *org, const char *const *ranges, size_t nranges,
			int64_t since, int64_t until)
{
	as_walk *walk = NULL;
	int err = as_walk_new(&walk, repo);

	if (!err)
		as_walk_set_window(walk, since, until);
	for (size_t i = 0; i < nranges && !err; i++)
		err = as_walk_add(walk, ranges[i]);
	if (!err)
		err = cmd_identities_of_walk(out, walk, mm, org, 1, NULL);
	as_walk_free(walk);
	return err;
}
