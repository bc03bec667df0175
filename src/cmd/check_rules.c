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
	"antisilo.rules, $GIT_DIR/antisilo/rules.ini, then the installed default.\n";

int cmd_check_rules(int argc, char **argv)
{
	const char *file = NULL;
	int dashdash = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
			fputs(usage, stdout);
			return 0;
		}
		if (!dashdash && !strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && a[0] == '-' && a[1]) {
			cmd_fail(2, "check-rules: unknown option '%s'", a);
			fprintf(stderr, "\n%s", usage);
			return 2;
		}
		if (file) {
			fprintf(stderr, "antisilo: check-rules: one FILE at most\n\n%s", usage);
			return 2;
		}
		file = a;
	}

	char *path = NULL;
	const char *why;
	int rc;
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
