/*
 * antisilo check-msg [--rules FILE] MSGFILE: judges one commit message
 * before it is committed, with git's commit-msg hook contract (githooks(5)):
 * git runs the hook in the top of the work tree with the path of the
 * message file as its one argument, and refuses the commit when the hook
 * exits non-zero. So a developer hears about a finding when writing the
 * message, not when the server turns the push away.
 *
 * The message goes down the same road as every commit of an audit or a
 * push: the message file cleaned up as git will store it
 * (source/message_file.h), a commit object built from it and the author
 * git will record (`git var GIT_AUTHOR_IDENT`, which honours --author and
 * --amend: git exports GIT_AUTHOR_* to the hook), parsed by
 * as_commit_parse(), its events found by as_detect_commit() and judged by
 * as_judge_events(). The verdict and its lines are the hook's
 * (report/pusher.h): same findings, same explanations, same fail_on.
 *
 * It never writes: not the message file, not the repository.
 */
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "detect/detect.h"
#include "judge.h"
#include "pipeline.h"
#include "report/pusher.h"
#include "source/commit.h"
#include "source/mailmap.h"
#include "source/message_file.h"
#include "source/repo.h"
#include "util/buf.h"
#include "util/error.h"

static const char usage[] =
	"usage: antisilo check-msg [--rules FILE] MSGFILE\n"
	"\n"
	"Judges one commit message before it is committed: git's commit-msg hook\n"
	"(hooks/commit-msg, or the pre-commit hook id `antisilo`). The message is\n"
	"cleaned up as git will store it (comment lines and everything below the\n"
	"scissors line go, as commit.cleanup says); the author is the one git will\n"
	"record (git var GIT_AUTHOR_IDENT). Findings are shown as the server's hook\n"
	"shows them.\n"
	"\n"
	"  --rules FILE   rules file (default: $ANTISILO_RULES, git config\n"
	"                 antisilo.rules, $GIT_DIR/antisilo/rules.ini, the site\n"
	"                 file, then the installed default)\n"
	"\n"
	"Exit status: 0 the commit may go ahead, 1 findings at or above fail_on\n"
	"(mode enforce), 2 usage or configuration error, 3 internal error.\n";

/* A message file larger than this is not a message anyone typed (git
 * commit -v puts the diff below the scissors, and that is cut first). */
#define MAX_MSGFILE_BYTES (256u << 20)
/* `git var` prints one line. */
#define MAX_IDENT_BYTES 65536
/* The empty tree: the synthetic commit's tree (nothing reads it). */
#define EMPTY_TREE "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

extern char **environ;

static int read_file(as_buf *out, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return as_error_set(AS_EINPUT, "%s: cannot read: %s", path, strerror(errno));
	for (;;) {
		as_buf_grow(out, 65536);
		ssize_t n = read(fd, out->ptr + out->len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return as_error_set(AS_EINPUT, "%s: cannot read: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > MAX_MSGFILE_BYTES) {
			close(fd);
			return as_error_set(AS_EINPUT, "%s: larger than %u MiB: not a commit message",
					    path, MAX_MSGFILE_BYTES >> 20);
		}
	}
	close(fd);
	as_buf_put(out, "", 0);
	return 0;
}

/*
 * The author line git will write: `git var GIT_AUTHOR_IDENT` ("Name
 * <email> 1700000000 +0100"), run without a shell. git itself prints why
 * when it has no identity (then git would not commit either).
 */
static int author_ident(as_buf *out)
{
	/* posix_spawn takes char *const[]: writable copies of the words */
	char a0[] = "git", a1[] = "var", a2[] = "GIT_AUTHOR_IDENT";
	char *const argv[] = { a0, a1, a2, NULL };
	posix_spawn_file_actions_t fa;
	int pipefd[2], status = 0, err = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return as_error_set(AS_EINTERNAL, "cannot run git var: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	int rc = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		return as_error_set(AS_EINTERNAL, "cannot run git var GIT_AUTHOR_IDENT: %s",
				    strerror(rc));
	}
	for (;;) {
		as_buf_grow(out, 4096);
		ssize_t n = read(pipefd[0], out->ptr + out->len, 4096);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > MAX_IDENT_BYTES) {
			err = as_error_set(AS_EINTERNAL, "git var GIT_AUTHOR_IDENT: more than %d bytes",
					   MAX_IDENT_BYTES);
			break;
		}
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!err && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		err = as_error_set(AS_ECONFIG, "git var GIT_AUTHOR_IDENT failed: git does not know "
				   "who the author is (set user.name and user.email)");
	while (!err && out->len && (out->ptr[out->len - 1] == '\n' || out->ptr[out->len - 1] == '\r'))
		out->ptr[--out->len] = '\0';
	if (!err && (!out->len || memchr(out->ptr, '\n', out->len)))
		err = as_error_set(AS_EINTERNAL, "git var GIT_AUTHOR_IDENT: not one line");
	return err;
}

/* core.commentChar and commit.cleanup, as git reads them for this
 * repository (or the user's and system's settings outside one). */
static int cleanup_settings(as_cleanup_mode *mode, char *comment, git_repository *repo)
{
	git_config *cfg = NULL;
	git_buf v = GIT_BUF_INIT;
	int err = 0;

	*mode = AS_CLEANUP_STRIP;
	*comment = '#';
	if ((repo ? git_repository_config_snapshot(&cfg, repo) : git_config_open_default(&cfg)) < 0) {
		git_error_clear();
		return 0;
	}
	/* "auto" picks a character the message does not start a line with;
	 * git has already written the help text with it, which we cannot
	 * undo: it is read as '#', git's first choice */
	if (git_config_get_string_buf(&v, cfg, "core.commentchar") == 0 && v.size == 1)
		*comment = v.ptr[0];
	git_buf_dispose(&v);
	if (git_config_get_string_buf(&v, cfg, "commit.cleanup") == 0 &&
	    as_cleanup_mode_parse(mode, v.ptr) < 0)
		err = as_error_set(AS_ECONFIG, "commit.cleanup: '%s' is not a mode git knows "
				   "(strip, whitespace, verbatim, scissors, default)", v.ptr);
	git_buf_dispose(&v);
	git_config_free(cfg);
	git_error_clear();
	return err;
}

/* The raw commit object git would write for this message and author. */
static void synthetic_commit(as_buf *raw, const char *ident, const as_buf *message)
{
	as_buf_printf(raw, "tree %s\nauthor %s\ncommitter %s\n\n", EMPTY_TREE, ident, ident);
	as_buf_put(raw, message->ptr, message->len);
}

typedef struct {
	const as_config *cfg;
	const char *msgfile;
	as_findings findings;
	as_pusher out;
	int refuse;
} verdict;

static void decide(verdict *v)
{
	const as_config *cfg = v->cfg;
	as_severity show = as_pusher_shown_from(cfg->fail_on);
	int blocking = cfg->fail_on != AS_SEV_NEVER &&
		       as_findings_max_severity(&v->findings) >= cfg->fail_on;
	int enforce = cfg->mode == AS_MODE_ENFORCE;
	as_pusher_counts c;
	as_buf counts = AS_BUF_INIT;

	as_pusher_count(&c, &v->findings, show);
	if (!c.total)
		return; /* a hook that has nothing to say says nothing */
	as_pusher_findings(&v->out, &v->findings, show, 1);
	as_pusher_counts_text(&counts, &c);
	v->refuse = enforce && blocking;
	if (v->refuse)
		as_pusher_fix_message(&v->out, v->msgfile);
	as_pusher_line(&v->out, "commit %s: %s (mode %s, fail_on %s)",
		       v->refuse ? "refused" : "accepted", as_buf_cstr(&counts),
		       enforce ? "enforce" : "warn", as_severity_name(cfg->fail_on));
	if (!enforce && blocking)
		as_pusher_say(&v->out, 0, "mode warn: in enforce mode this commit would be refused");
	else if (v->refuse && cfg->allow_waiver) {
		as_pusher_say(&v->out, 0, "a server with these rules also takes a logged waiver:");
		as_pusher_say(&v->out, 2, "git push -o antisilo.waive=\"reason\"");
	}
	as_buf_free(&counts);
}

/* Parses, detects and judges the message: the pipeline's road for one
 * commit (pipeline.c, process_commit), without a tree to read. */
static int judge_message(verdict *v, const as_buf *message, const char *ident,
			 const as_mailmap *mm)
{
	as_buf raw = AS_BUF_INIT, object = AS_BUF_INIT;
	as_commit commit;
	as_commit_cut cut;
	as_events events = { 0 };
	as_detector detector;
	as_scanner *scanner;
	git_oid none;
	int err;

	memset(&none, 0, sizeof(none));
	synthetic_commit(&raw, ident, message);
	as_commit_init(&commit);
	as_detector_init(&detector, v->cfg);
	scanner = as_scanner_new(&detector);
	/* a message past max_message_bytes: its ends, as the hook judges it */
	int oversized = as_commit_cut_message(&cut, &object, raw.ptr, raw.len,
					      v->cfg->max_message_bytes);
	err = oversized ? as_commit_parse(&commit, &none, object.ptr, object.len, mm)
			: as_commit_parse(&commit, &none, raw.ptr, raw.len, mm);
	if (!err) {
		if (oversized)
			as_scan_oversized_notice(&v->findings, &commit, &cut,
						 v->cfg->max_message_bytes, 0);
		as_detect_commit(&detector, scanner, &commit, cut.full, cut.full_len, 0, &events);
		/* the commit does not exist yet: no id to show */
		for (size_t i = 0; i < events.nr; i++)
			events.items[i].commit[0] = '\0';
		/* no pusher: on a developer's machine there is no server-known
		 * person to hold an author claim against */
		as_judge_ctx judge = { .cfg = v->cfg, .matcher = as_scanner_matcher(scanner), .findings = &v->findings };
		as_judge_events(&judge, &events, 0);
		as_findings_sort(&v->findings);
	}
	as_events_free(&events);
	as_scanner_free(scanner);
	as_detector_release(&detector);
	as_commit_free(&commit);
	as_buf_free(&object);
	as_buf_free(&raw);
	return err;
}

static int run(const as_config *cfg, const char *msgfile, git_repository *repo)
{
	as_buf file = AS_BUF_INIT, message = AS_BUF_INIT, ident = AS_BUF_INIT;
	as_mailmap *mm = NULL;
	as_cleanup_mode mode;
	char comment;
	int err;

	verdict v = { .cfg = cfg, .msgfile = msgfile };
	as_pusher_init(&v.out);
	if ((err = read_file(&file, msgfile)) < 0 ||
	    (err = cleanup_settings(&mode, &comment, repo)) < 0 ||
	    (err = author_ident(&ident)) < 0)
		goto done;
	as_message_cleanup(&message, file.ptr, file.len, mode, comment);
	if (repo && (err = as_mailmap_load(&mm, repo)) < 0)
		goto done;
	if ((err = judge_message(&v, &message, as_buf_cstr(&ident), mm)) < 0)
		goto done;
	decide(&v);
done:
	as_pusher_write(&v.out, 2, 0);
	as_pusher_free(&v.out);
	as_findings_free(&v.findings);
	as_mailmap_free(mm);
	as_buf_free(&file);
	as_buf_free(&message);
	as_buf_free(&ident);
	if (err < 0)
		return cmd_error(err);
	return v.refuse ? 1 : 0;
}

int cmd_check_msg(int argc, char **argv)
{
	const char *rules = NULL;
	cmd_list args = { 0 };
	const cmd_option table[] = { CMD_OPT_RULES(&rules), CMD_OPT_END };
	git_repository *repo = NULL;
	as_config cfg;

	int status = cmd_parse_options(argc, argv, table, usage, &args);
	if (status) {
		cmd_list_free(&args);
		return status < 0 ? 0 : status;
	}
	if (args.nr != 1) {
		cmd_list_free(&args);
		cmd_fail(2, "check-msg: expected one MSGFILE (the commit-msg hook's argument)");
		fprintf(stderr, "antisilo: see 'antisilo check-msg --help'\n");
		return 2;
	}
	const char *msgfile = args.items[0];
	/* The repository around the work tree, as the hook runs in it; a
	 * message outside any repository is judged with the rules found
	 * without one. */
	if (as_repo_open(&repo, ".", 0) < 0) {
		repo = NULL;
		git_error_clear();
	}
	if ((status = cmd_load_config(&cfg, rules, repo)) == 0) {
		if (cfg.mode != AS_MODE_OFF)
			status = run(&cfg, msgfile, repo);
		as_config_free(&cfg);
	}
	git_repository_free(repo);
	cmd_list_free(&args);
	return status;
}
