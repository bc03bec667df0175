/*
 * antisilo: checks a code base's history against "managers set context,
 * not tasks". main() sets libgit2 up and dispatches to one cmd_* per
 * command (src/cmd/).
 */
#include <errno.h>
#include <git2.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

static const char usage[] =
	"usage: antisilo <command> [options]\n"
	"\n"
	"  audit [REVISION-RANGE...]   audit history and write a report\n"
	"  pre-receive                 judge a push (the server hook; reads git's stdin)\n"
	"  check-msg MSGFILE           judge a commit message (the commit-msg hook)\n"
	"  check-rules [FILE]          validate a rules file\n"
	"  rules [--export FILE]       list (or export) the rules in force\n"
	"  owners PATH...              owning team(s) of paths\n"
	"  identities                  merged identities, as .mailmap lines\n"
	"  init                        draft an org chart (rules.ini) from history and HR data\n"
	"\n"
	"  antisilo <command> --help   options of a command\n"
	"  antisilo --version\n"
	"\n"
	"Managers set context, not tasks: antisilo finds top-down task assignment,\n"
	"manager approvals and outside approval gates in git history. See antisilo(1).\n";

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{ "audit", cmd_audit },
	{ "pre-receive", cmd_pre_receive },
	{ "check-msg", cmd_check_msg },
	{ "check-rules", cmd_check_rules },
	{ "rules", cmd_rules },
	{ "owners", cmd_owners },
	{ "identities", cmd_identities },
	{ "init", cmd_init },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("antisilo %s\n", ANTISILO_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		/* A reader that goes away (`antisilo audit | head -1`) is a
		 * write error like any other: exit status 3 and a message,
		 * not a silent death by SIGPIPE (SPEC §4). */
		signal(SIGPIPE, SIG_IGN);
		git_libgit2_init();
		/* git does not re-hash objects it reads from packs either; and
		 * we read each object once, so libgit2's cache only costs memory
		 * (LIBNOTES: 174 MB against git log's 77 MB). */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
		git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
		int status = commands[i].fn(argc - 1, argv + 1);
		git_libgit2_shutdown();
		/* what a command printed without checking (owners, rules...) */
		int e = fflush(stdout) != 0 ? errno : 0;
		if (status < 2 && (e || ferror(stdout))) {
			fprintf(stderr, "antisilo: cannot write to standard output: %s\n",
				e ? strerror(e) : "write error");
			return 3;
		}
		return status;
	}
	/* one line, as for an unknown option: a typo should not scroll the
	 * screen with the whole help (argv[1] is echoed sanitised) */
	return cmd_fail(2, "'%s' is not a command; see 'antisilo --help'", argv[1]);
}
