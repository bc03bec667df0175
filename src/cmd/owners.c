/*
 * antisilo owners: who owns these paths, by CODEOWNERS at a revision and
 * by the teams of rules.ini.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "source/ownership.h"
#include "source/codeowners.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

static const char usage[] =
	"usage: antisilo owners [--repo DIR] [--rev REV] [--rules FILE] PATH...\n"
	"\n"
	"Prints the owners of each PATH (a file, repository-relative; a leading\n"
	"\"./\" or \"/\" and a trailing \"/\" are dropped) as one line:\n"
	"  PATH<TAB>OWNER OWNER...      (nothing after the tab when unowned)\n"
	"first the CODEOWNERS owners as written there (@user, @org/team, e-mail),\n"
	"then the rules.ini teams that own the path, as team:ID, in the order of\n"
	"the rules file. A team owns a path that one of its `paths` matches\n"
	"(patterns as in CODEOWNERS: \"packages/rrweb/\", \"*.sql\"), or that\n"
	"CODEOWNERS gives to its `codeowners` handle (case does not matter).\n"
	"\n"
	"  --repo DIR     repository (default: the one around the current directory)\n"
	"  --rev REV      revision whose CODEOWNERS is read (default: HEAD)\n"
	"  --rules FILE   rules file (default: as for audit, see antisilo(1))\n"
	"\n"
	"CODEOWNERS is read from git objects at REV, never from the work tree, and\n"
	"found as GitHub finds it: .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS\n"
	"(the first wins). The last matching line wins; a line without owners\n"
	"leaves its paths unowned. Lines GitHub rejects are skipped with a warning\n"
	"on stderr; a file of 3 MB or more is ignored, as GitHub ignores it.\n"
	"Exit status: 0, 2 usage or configuration error, 3 internal error.\n";

typedef struct {
	const char *repo_dir, *rev, *rules;
	cmd_list paths;
} owners_opts;

static int parse_args(owners_opts *o, int argc, char **argv)
{
	const cmd_option table[] = {
		CMD_OPT_REPO(&o->repo_dir),
		{ "rev", 0, CMD_OPT_STRING, &o->rev, 0, 0, NULL },
		CMD_OPT_RULES(&o->rules),
		CMD_OPT_END,
	};
	int rc = cmd_parse_options(argc, argv, table, usage, &o->paths);
	if (rc)
		return rc;
	if (!o->paths.nr) {
		cmd_fail(2, "owners: no PATH given");
		fprintf(stderr, "antisilo: see 'antisilo owners --help'\n");
		return 2;
	}
	return 0;
}

/* The tree of REV; AS_ECONFIG when REV names nothing with a tree. */
static int rev_tree(git_tree **out, git_repository *repo, const char *rev)
{
	git_object *obj = NULL;
	int err = 0;

	if (git_revparse_single(&obj, repo, rev) < 0)
		return as_error_set(AS_ECONFIG, "--rev: unknown revision '%s'", rev);
	if (git_object_peel((git_object **)out, obj, GIT_OBJECT_TREE) < 0)
		err = as_error_set(AS_ECONFIG, "--rev: '%s' has no tree", rev);
	git_object_free(obj);
	return err;
}

static void warn_codeowners(const as_codeowners *co, const char *rev)
{
	as_buf line = AS_BUF_INIT;
	for (size_t i = 0; i < co->nerrors && i < AS_CODEOWNERS_MAX_ERRORS; i++) {
		as_buf_clear(&line);
		as_buf_printf(&line, "%s:%s:%u: %s (line ignored)", rev, co->path,
			      co->errors[i].line, co->errors[i].msg);
		cmd_fail(0, "warning: %s", as_buf_cstr(&line));
	}
	if (co->nerrors > AS_CODEOWNERS_MAX_ERRORS)
		cmd_fail(0, "warning: %s:%s: %zu more lines ignored", rev, co->path,
			 co->nerrors - AS_CODEOWNERS_MAX_ERRORS);
	as_buf_free(&line);
}

/* Repository-relative, as CODEOWNERS sees paths: no leading "./" or "/",
 * no trailing '/'. */
static void normalise(const char **path, size_t *len)
{
	const char *p = *path;
	size_t n = strlen(p);
	for (;;) {
		if (n >= 2 && p[0] == '.' && p[1] == '/') {
			p += 2;
			n -= 2;
		} else if (n && p[0] == '/') {
			p++;
			n--;
		} else {
			break;
		}
	}
	while (n && p[n - 1] == '/')
		n--;
	if (n == 1 && p[0] == '.')
		n = 0;
	*path = p;
	*len = n;
}

static int run(const owners_opts *o, git_repository *repo,
	       const as_config *cfg)
{
	const char *rev = o->rev ? o->rev : "HEAD";
	git_tree *tree = NULL;
	as_codeowners co;
	as_ownership *own = NULL;
	as_owners who = AS_OWNERS_INIT;
	as_buf out = AS_BUF_INIT;
	int err, have_co = 0;

	as_codeowners_init(&co);
	if ((err = rev_tree(&tree, repo, rev)) < 0)
		goto fail;
	err = as_codeowners_load(&co, repo, tree, AS_CODEOWNERS_GITHUB_MAX);
	if (err == AS_ELIMIT) {
		cmd_fail(0, "warning: %s: %s", rev, as_error_msg());
	} else if (err == 0) {
		have_co = 1;
		warn_codeowners(&co, rev);
	} else if (err != AS_ENOTFOUND) {
		goto fail;
	}
	if ((err = as_ownership_new(&own, &cfg->org, have_co ? &co : NULL)) < 0)
		goto fail;

	for (size_t i = 0; i < o->paths.nr; i++) {
		const char *arg = o->paths.items[i], *path = arg;
		size_t len;
		normalise(&path, &len);
		as_ownership_of(own, path, len, &who);
		as_buf_clear(&out);
		as_sanitize(&out, arg, strlen(arg), AS_SAN_TERMINAL);
		as_buf_putc(&out, '\t');
		int n = 0;
		for (size_t k = 0; who.rule && k < who.rule->nowners; k++, n++) {
			if (n)
				as_buf_putc(&out, ' ');
			as_sanitize_str(&out, as_codeowners_owner(&co, who.rule, k),
					AS_SAN_TERMINAL);
		}
		for (size_t k = 0; k < who.nteams; k++, n++) {
			if (n)
				as_buf_putc(&out, ' ');
			as_buf_puts(&out, "team:");
			as_sanitize_str(&out, cfg->org.teams[who.teams[k]].id, AS_SAN_TERMINAL);
		}
		as_buf_putc(&out, '\n');
		fwrite(out.ptr, 1, out.len, stdout);
	}
	err = fflush(stdout) || ferror(stdout)
		? as_error_set(AS_EINTERNAL, "cannot write to standard output: %s", strerror(errno))
		: 0;
	if (err < 0)
		goto fail;
	goto done;
fail:
	err = cmd_error(err);
done:
	as_buf_free(&out);
	as_owners_free(&who);
	as_ownership_free(own);
	as_codeowners_free(&co);
	git_tree_free(tree);
	return err;
}

int cmd_owners(int argc, char **argv)
{
	owners_opts o = { 0 };
	git_repository *repo = NULL;
	as_config cfg;
	int status = parse_args(&o, argc, argv);

	if (status) {
		cmd_list_free(&o.paths);
		return status < 0 ? 0 : status;
	}
	if ((status = cmd_open_repo(&repo, o.repo_dir)) == 0 &&
	    (status = cmd_load_config(&cfg, o.rules, repo)) == 0) {
		status = run(&o, repo, &cfg);
		as_config_free(&cfg);
	}
	git_repository_free(repo);
	cmd_list_free(&o.paths);
	return status;
}
