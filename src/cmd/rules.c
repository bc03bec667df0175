/*
 * antisilo rules [--rules FILE]: the rules in force, after includes, each
 * with the file and line it came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "config/config.h"
#include "util/error.h"
#include "util/sanitize.h"

static const char usage[] =
	"usage: antisilo rules [--rules FILE]\n"
	"\n"
	"Lists the rules in force: id, source, event, severity, the relations they\n"
	"fire for and the FILE:LINE that defines each (after includes).\n"
	"The rules file is --rules, else $ANTISILO_RULES, git config antisilo.rules,\n"
	"$GIT_DIR/antisilo/rules.ini, then the installed default.\n";

int cmd_rules(int argc, char **argv)
{
	const char *cli_rules = NULL;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		}
		if (!strcmp(a, "--rules") && i + 1 < argc) {
			cli_rules = argv[++i];
		} else if (!strncmp(a, "--rules=", 8)) {
			cli_rules = a + 8;
		} else {
			cmd_fail(2, "rules: unexpected argument '%s'", a);
			fprintf(stderr, "\n%s", usage);
			return 2;
		}
	}

	char *path = NULL;
	const char *why = NULL;
	as_config cfg;
	int rc = as_config_locate_cwd(&path, &why, cli_rules);
	if (rc < 0)
		return cmd_error(rc);
	rc = as_config_load(&cfg, path);
	if (rc < 0) {
		free(path);
		return cmd_error(rc);
	}
	/* file names come from rules files and git config: no raw controls */
	as_buf clean = AS_BUF_INIT;
	as_sanitize_str(&clean, path, AS_SAN_TERMINAL);
	printf("# %s (from %s): %zu %s\n", as_buf_cstr(&clean), why, cfg.nrules,
	       cfg.nrules == 1 ? "rule" : "rules");
	for (size_t i = 1; i < cfg.nfiles; i++) {
		as_buf_clear(&clean);
		as_sanitize_str(&clean, cfg.files[i], AS_SAN_TERMINAL);
		printf("# includes %s\n", as_buf_cstr(&clean));
	}
	as_buf_free(&clean);
	as_config_dump_rules(&cfg, stdout);
	as_config_free(&cfg);
	free(path);
	return 0;
}
