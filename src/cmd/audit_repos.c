/*
 * antisilo audit --repos GLOB|FILE: an organisation's audit. Every
 * repository of the list goes through the audit of one repository
 * (audit.h: scan, then report) with its own .mailmap, CODEOWNERS and
 * tracker files and the one org chart of the rules, and its report joins
 * one JSON Lines stream in which every record says which repository it
 * is of ("repo") and each repository's run record how its audit ended.
 *
 * Each repository is audited in a process of its own (fork), up to
 * --jobs at once: a repository that crashes its audit or exhausts memory
 * takes only its own audit down (its run record says so, the others go
 * on), its memory is given back when it ends, and no state is shared
 * between audits. A child writes its records into an unlinked temporary
 * file; the parent copies each into the stream once that repository and
 * every one before it are done: the list's order, whatever --jobs. The
 * parent forks before it starts any thread, and reads no repository.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/audit.h"
#include "cmd/cmd.h"
#include "report/render.h"
#include "source/repo_list.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/output.h"

/* A child's exit status when its records are complete is the audit's
 * (0 to 3); this one says it could not write them. */
#define CHILD_WRITE_FAILED 4
/* At most this many repositories between the first not yet written and
 * the next started: bounds the temporary files open at once. */
#define WINDOW 128

enum { WAITING, RUNNING, DONE };

typedef struct {
	pid_t pid;
	FILE *tmp;
	int state;
	int wstatus;
	char *why;     /* it could not be started: why */
} child;

static FILE *temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	as_buf path = AS_BUF_INIT;
	FILE *fp = NULL;

	as_buf_printf(&path, "%s/antisilo-repos.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path.ptr);
	if (fd >= 0) {
		unlink(path.ptr);
		if (!(fp = fdopen(fd, "w+")))
			close(fd);
	}
	if (!fp)
		as_error_set(AS_EINTERNAL, "%s: cannot create a temporary file: %s",
			     as_buf_cstr(&path), strerror(errno));
	as_buf_free(&path);
	return fp;
}

/* The run record of a repository that was not audited. */
static int write_failed(FILE *out, const audit_opts *o, const audit_setup *setup,
			const as_config *cfg, const char *repository, const char *name,
			int exit_code, const char *why, int64_t when)
{
	as_report rep = {
		.cfg = cfg, .repository = repository,
		.range = o->ranges.items, .nrange = o->ranges.nr,
		.since = setup->since, .until = setup->until, .privacy = setup->privacy,
		.label = name, .exit_code = exit_code, .time = when,
	};
	return as_report_jsonl_failed(&rep, why, out);
}

/* In the child: the audit of one repository, its records into `out`.
 * Returns the child's exit status. */
static int audit_one(const as_repo_entry *e, const audit_opts *o, const audit_setup *setup,
		     const as_config *cfg, int64_t when, FILE *out)
{
	git_repository *repo = NULL;
	audit_scan scan;
	int status, err;

	memset(&scan, 0, sizeof(scan));
	err = cmd_try_open_repo(&repo, e->real);
	if (!err)
		err = audit_scan_run(&scan, o, setup, repo, cfg);
	if (err < 0) {
		char *why = as_xstrdup(as_error_msg());
		status = as_error_exit_code(err);
		cmd_fail(status, "%s: %s", e->name, why);
		err = write_failed(out, o, setup, cfg, scan.name.len ? as_buf_cstr(&scan.name) : NULL,
				   e->name, status, why, when);
		free(why);
	} else {
		status = audit_scan_status(&scan, o, setup, cfg, e->name);
		audit_label label = { .name = e->name, .exit_code = status, .time = when };
		err = audit_report(&scan, o, setup, repo, cfg, &label, out);
	}
	if (err < 0 || fflush(out) != 0 || ferror(out)) {
		cmd_fail(3, "%s: cannot write a temporary file: %s", e->name, strerror(errno));
		status = CHILD_WRITE_FAILED;
	}
	audit_scan_free(&scan);
	git_repository_free(repo);
	return status;
}

static int start(child *c, const as_repo_entry *e, const audit_opts *each,
		 const audit_setup *setup, const as_config *cfg, int64_t when)
{
	if (!(c->tmp = temp_file()))
		return AS_EINTERNAL;
	/* nothing buffered may be written twice, by the child too */
	fflush(NULL);
	c->pid = fork();
	if (c->pid < 0) {
		fclose(c->tmp);
		c->tmp = NULL;
		return as_error_set(AS_EINTERNAL, "%s: cannot start its audit: %s", e->name,
				    strerror(errno));
	}
	if (c->pid == 0) {
		as_output_forget();
		exit(audit_one(e, each, setup, cfg, when, c->tmp));
	}
	c->state = RUNNING;
	return 0;
}

static int copy(FILE *out, FILE *in)
{
	char buf[65536];
	size_t n;

	if (fseek(in, 0, SEEK_SET) != 0)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return -1;
	return ferror(in) ? -1 : 0;
}

/* A finished child's records into the stream, or the run record that
 * says why there are none. Returns the repository's exit status, or -1
 * when the stream cannot be written. */
static int emit(FILE *out, child *c, const as_repo_entry *e, const audit_opts *o,
		const audit_setup *setup, const as_config *cfg, int64_t when)
{
	int st = c->wstatus, code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	int status = code, failed = 0;

	if (c->tmp && code >= 0 && code <= 3) {
		failed = copy(out, c->tmp) < 0;
	} else {
		/* no records, or some of them: none is written */
		as_buf why = AS_BUF_INIT;
		if (!c->tmp)
			as_buf_puts(&why, c->why);
		else if (WIFSIGNALED(st))
			as_buf_printf(&why, "its audit was stopped by signal %d (%s)", WTERMSIG(st),
				      strsignal(WTERMSIG(st)));
		else if (code == CHILD_WRITE_FAILED)
			as_buf_puts(&why, "its records could not be written to a temporary file");
		else
			as_buf_printf(&why, "its audit ended with exit status %d", code);
		if (c->tmp)
			cmd_fail(3, "%s: %s", e->name, as_buf_cstr(&why));
		status = 3;
		failed = write_failed(out, o, setup, cfg, NULL, e->name, status,
				      as_buf_cstr(&why), when) < 0;
		as_buf_free(&why);
	}
	if (c->tmp)
		fclose(c->tmp);
	c->tmp = NULL;
	return failed || ferror(out) ? -1 : status;
}

static void progress(size_t done, size_t total)
{
	fprintf(stderr, "\rRepositories: %zu/%zu\033[K", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
}

int audit_repos(audit_opts *o, const as_config *cfg)
{
	as_repo_list list;
	audit_setup setup;
	as_output out;
	child *kids = NULL;
	int err, status = 0, worst = 0, have_out = 0, broken = 0;

	if (o->format && strcmp(o->format, "jsonl"))
		return cmd_fail(2, "--repos writes one JSON Lines stream: --format jsonl, not '%s'",
				o->format);
	if (o->trackers.nr)
		return cmd_fail(2, "--tracker: an export is one repository's: audit that repository "
				"with --repo to read it, not --repos");
	o->format = "jsonl";
	if ((err = as_repo_list_load(&list, o->repos)) < 0) {
		status = cmd_error(err);
		as_repo_list_free(&list);
		return status;
	}
	if (o->output)
		as_output_guard();
	if ((status = audit_setup_init(&setup, o, cfg)))
		goto done;
	if ((err = as_output_open(&out, o->output)) < 0) {
		status = cmd_error(err);
		goto done;
	}
	have_out = 1;

	/* one time for the whole audit: the run records of one organisation's
	 * audit share it (the warehouse's "the last audit") */
	as_render_ctx rctx;
	as_render_ctx_init(&rctx, cfg);
	int64_t when = rctx.time;

	/* --jobs N: N threads in all, up to N repositories at once */
	size_t n = list.nr, at_once = (size_t)o->jobs < n ? (size_t)o->jobs : n;
	audit_opts each = *o;
	each.jobs = o->jobs / (int)at_once > 1 ? o->jobs / (int)at_once : 1;
	each.quiet = 1;
	int show = !o->quiet && isatty(2);
	kids = as_xcalloc(n, sizeof(*kids));
	size_t next = 0, written = 0, running = 0;
	while (written < n) {
		while (!broken && running < at_once && next < n && next - written < WINDOW) {
			child *c = &kids[next];
			if (start(c, &list.items[next], &each, &setup, cfg, when) < 0) {
				c->state = DONE; /* emit() writes why */
				c->wstatus = 0;
				c->why = as_xstrdup(as_error_msg());
				cmd_error(AS_EINTERNAL);
			} else {
				running++;
			}
			next++;
		}
		while (written < n && kids[written].state == DONE) {
			int st = broken ? 0 : emit(out.fp, &kids[written], &list.items[written], o,
						   &setup, cfg, when);
			if (st < 0)
				broken = 1;
			else if (st > worst)
				worst = st;
			written++;
			if (show)
				progress(written, n);
		}
		if (written == n || (broken && !running))
			break;
		if (!running)
			continue;
		int wstatus;
		pid_t pid = waitpid(-1, &wstatus, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			broken = 1; /* no child left to wait for: cannot happen */
			break;
		}
		for (size_t i = written; i < next; i++) {
			if (kids[i].state == RUNNING && kids[i].pid == pid) {
				kids[i].state = DONE;
				kids[i].wstatus = wstatus;
				running--;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (kids[i].tmp)
			fclose(kids[i].tmp);
		free(kids[i].why);
	}
	if (broken) {
		if (ferror(out.fp) && out.path)
			as_error_set(AS_EINTERNAL, "%s: cannot write: %s", out.path, strerror(errno));
		else if (ferror(out.fp))
			as_error_set(AS_EINTERNAL, "cannot write to standard output: %s", strerror(errno));
		else
			as_error_set(AS_EINTERNAL, "the audits could not be waited for");
		as_output_abort(&out);
		status = cmd_error(AS_EINTERNAL);
	} else if ((err = as_output_commit(&out)) < 0) {
		status = cmd_error(err);
	} else {
		status = worst;
	}
	have_out = 0;
done:
	if (have_out)
		as_output_abort(&out);
	free(kids);
	audit_setup_free(&setup);
	as_repo_list_free(&list);
	return status;
}
