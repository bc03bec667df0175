/*
 * test-tool subcommands for the org chart of a rules file:
 *
 *   test-tool resolve RULES TEXT...            one line per TEXT: person id or "-"
 *   test-tool relation RULES ACTOR SUBJECT     self | peer | manager | ...
 *
 * ACTOR and SUBJECT are free text, resolved as the rules resolve parties.
 */
#include "config_tool.h"

#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "util/error.h"

static int load(as_config *cfg, const char *path)
{
	int rc = as_config_load(cfg, path);
	if (rc < 0)
		fprintf(stderr, "test-tool: %s\n", as_error_msg());
	return rc < 0 ? as_error_exit_code(rc) : 0;
}

int cmd__resolve(int argc, char **argv)
{
	as_config cfg;
	int rc;
	if (argc < 3) {
		fprintf(stderr, "usage: test-tool resolve RULES TEXT...\n");
		return 2;
	}
	if ((rc = load(&cfg, argv[1])))
		return rc;
	for (int i = 2; i < argc; i++) {
		int p = as_org_resolve(&cfg.org, argv[i], strlen(argv[i]));
		printf("%s\n", p >= 0 ? cfg.org.people[p].id : "-");
	}
	as_config_free(&cfg);
	return 0;
}

int cmd__relation(int argc, char **argv)
{
	as_config cfg;
	int rc;
	if (argc != 4) {
		fprintf(stderr, "usage: test-tool relation RULES ACTOR SUBJECT\n");
		return 2;
	}
	if ((rc = load(&cfg, argv[1])))
		return rc;
	int actor = as_org_resolve(&cfg.org, argv[2], strlen(argv[2]));
	int subject = as_org_resolve(&cfg.org, argv[3], strlen(argv[3]));
	printf("%s\n", as_relation_name(as_org_relation(&cfg.org, actor, subject)));
	as_config_free(&cfg);
	return 0;
}
