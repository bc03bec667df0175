/*
 * antisilo identities: the identities antisilo counts as one developer,
 * as .mailmap lines to review and commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "source/identities.h"
#include "source/mailmap.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

static const char usage[] =
	"usage: antisilo identities [--repo DIR] [--rules FILE] [REVISION-RANGE...]\n"
	"\n"
	"Prints, as .mailmap lines, the identities of the history's authors that\n"
	"antisilo counts as one developer beyond what .mailmap already says:\n"
	"  Proper Name <proper@email> Name As Written <email@as.written>\n"
	"one line for each author as written whose identity after .mailmap is\n"
	"not its developer's name. Identities are one developer when the org\n"
	"chart says so, or when they share an e-mail (case does not matter) or\n"
	"a name (case, accents and white space do not matter); two people of\n"
	"the org chart are never merged. Review the lines, then add them to\n"
	".mailmap: git log --use-mailmap then shows what antisilo counts.\n"
	"\n"
	"  --repo DIR     repository (default: the one around the current directory)\n"
	"  --rules FILE   rules file whose org chart is used (default: as for audit)\n"
	"\n"
	"REVISION-RANGE: as for audit (default: HEAD).\n"
	"Exit status: 0, 2 usage or configuration error, 3 internal error.\n";

int cmd_identities(int argc, char **argv)
{
	const char *repo_dir = NULL, *rules = NULL;
	cmd_list ranges = { 0 };
	const cmd_option table[] = {
		CMD_OPT_REPO(&repo_dir),
		CMD_OPT_RULES(&rules),
		CMD_OPT_END,
	};
	git_repository *repo = NULL;
	as_mailmap *mm = NULL;
	as_identities *ids = NULL;
	as_config cfg;
	int status = cmd_parse_options(argc, argv, table, usage, &ranges), have_cfg = 0;

	if (status) {
		cmd_list_free(&ranges);
		return status < 0 ? 0 : status;
	}
	if (!ranges.nr)
		cmd_list_add(&ranges, "HEAD");
	if ((status = cmd_open_repo(&repo, repo_dir)) == 0 &&
	    (status = cmd_load_config(&cfg, rules, repo)) == 0) {
		have_cfg = 1;
		int err = as_mailmap_load(&mm, repo);
		if (!err)
			err = cmd_load_identities(&ids, repo, mm, &cfg.org, ranges.items, ranges.nr, 0, 0);
		if (err < 0) {
			status = cmd_error(err);
		} else {
			as_buf lines = AS_BUF_INIT, out = AS_BUF_INIT;
			size_t n = as_identities_mailmap_lines(ids, &lines);
			size_t devs = as_identities_count(ids);
			printf("# antisilo identities: %zu line%s for %zu developer%s (review, then add "
			       "to .mailmap)\n", n, n == 1 ? "" : "s", devs, devs == 1 ? "" : "s");
			/* names come from commits: never print their controls raw
			 * (a name holds no newline: git ends the header line there) */
			for (const char *p = as_buf_cstr(&lines), *nl; (nl = strchr(p, '\n')); p = nl + 1) {
				as_buf_clear(&out);
				as_sanitize(&out, p, (size_t)(nl - p), AS_SAN_TERMINAL);
				printf("%s\n", as_buf_cstr(&out));
			}
			as_buf_free(&lines);
			as_buf_free(&out);
		}
	}
	as_identities_free(ids);
	as_mailmap_free(mm);
	if (have_cfg)
		as_config_free(&cfg);
	git_repository_free(repo);
	cmd_list_free(&ranges);
	return status;
}
