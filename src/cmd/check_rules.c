/*
 * antisilo check-rules [FILE]: validates a rules file (with its includes)
 * exactly as every other command loads it, and says so in one line.
 * Without FILE, checks the file the other commands would use here
 * (SPEC §4 lookup from the current directory's repository, if any).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "config/config.h"
#include "config/locate.h"
#include "util/error.h"
#include "util/sanitize.h"

static const char usage[] =
	"usage: antisilo check-rules [FILE]\n"
	"\n"
	"Validates a rules file: every section, key and value, the org chart and\n"
	"every pattern. Prints 'FILE: ok (N people, N teams, N rules)' and exits 0,\n"
	"or prints the first error as FILE:LINE: ... and exits 2.\n"
	"Without FILE: --rules is not given, so $ANTISILO_RULES, git config\n"
	"antisilo.rules, $GIT_DIR/antisilo/rules.ini, the site file, then the\n"
	"installed default.\n";

int cmd_check_rules(int argc, char **argv)
{
	cmd_list args = { 0 };
	static const cmd_option table[] = { CMD_OPT_END };
	int rc = cmd_parse_options(argc, argv, table, usage, &args);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (args.nr > 1) {
		cmd_list_free(&args);
		cmd_fail(2, "check-rules: one FILE at most");
		fprintf(stderr, "antisilo: see 'antisilo check-rules --help'\n");
		return 2;
	}
	const char *file = args.nr ? args.items[0] : NULL;
	cmd_list_free(&args);

	char *path = NULL;
	const char *why;
	if (file)
		path = strdup(file);
	else if ((rc = as_config_locate_cwd(&path, &why, NULL)) < 0)
		return cmd_error(rc);
	if (!path)
		return cmd_fail(3, "out of memory");

	as_config cfg;
	rc = as_config_load(&cfg, path);
	if (rc < 0) {
		free(path);
		return cmd_error(rc);
	}
	as_buf clean = AS_BUF_INIT;
	as_sanitize_str(&clean, path, AS_SAN_TERMINAL);
	printf("%s: ok (%zu %s, %zu %s, %zu %s)\n", as_buf_cstr(&clean),
	       cfg.org.npeople, cfg.org.npeople == 1 ? "person" : "people",
	       cfg.org.nteams, cfg.org.nteams == 1 ? "team" : "teams",
	       cfg.nrules, cfg.nrules == 1 ? "rule" : "rules");
	as_buf_free(&clean);
	as_config_free(&cfg);
	free(path);
	return 0;
}
