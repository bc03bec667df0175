#include "util/output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/*
 * The temporary file being written, for the signal handler: a run that
 * SIGTERM, SIGINT or SIGHUP stops while it writes removes it and exits 3,
 * so that no half-written report is left next to the target.
 */
static const char *volatile pending_tmp;
static const int caught[] = { SIGTERM, SIGINT, SIGHUP };
static struct sigaction saved[3];
static int guarded;   /* as_output_guard(): caught for the whole run */

static void on_signal(int sig)
{
	static const char msg[] = "antisilo: stopped by a signal: no report written\n";
	const char *tmp = pending_tmp;
	(void)sig;
	if (tmp)
		unlink(tmp);
	ssize_t r = write(2, msg, sizeof(msg) - 1);
	(void)r;
	_exit(3);
}

static void catch_signals(const char *tmp)
{
	struct sigaction sa;
	pending_tmp = tmp;
	if (guarded)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < 3; i++)
		sigaction(caught[i], &sa, &saved[i]);
}

static void release_signals(void)
{
	if (!pending_tmp || guarded) {
		pending_tmp = NULL;
		return;
	}
	for (size_t i = 0; i < 3; i++)
		sigaction(caught[i], &saved[i], NULL);
	pending_tmp = NULL;
}

void as_output_forget(void)
{
	if (guarded || pending_tmp)
		for (size_t i = 0; i < 3; i++)
			sigaction(caught[i], &saved[i], NULL);
	pending_tmp = NULL;
	guarded = 0;
}

void as_output_guard(void)
{
	catch_signals(NULL);
	guarded = 1;
}

/* A target that is not a regular file (/dev/stdout, /dev/null, a FIFO) is
 * written in place: renaming a file over it would replace the device. */
static int open_direct(as_output *out, const char *path)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || !(out->fp = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return as_error_set(AS_EINTERNAL, "%s: cannot open: %s", path, strerror(e));
	}
	out->path = as_xstrdup(path);
	return 0;
}

int as_output_open(as_output *out, const char *path)
{
	struct stat st;
	memset(out, 0, sizeof(*out));
	if (!path || !strcmp(path, "-")) {
		out->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return open_direct(out, path);
	/* A symbolic link (/dev/stdout -> /proc/self/fd/1 when stdout is a
	 * file, or a link the user keeps) stays one: the file it points to
	 * is what gets replaced. */
	char *real = realpath(path, NULL);
	const char *target = real ? real : path;
	as_buf tmp = AS_BUF_INIT;
	as_buf_printf(&tmp, "%s.tmp.XXXXXX", target);
	int fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		int e = errno;
		as_buf_free(&tmp);
		free(real);
		return as_error_set(AS_EINTERNAL, "%s: cannot create: %s", path, strerror(e));
	}
	/* mkstemp makes 0600: give the report the mode of the file it
	 * replaces, or what a plain creat() would (0666 less the umask) */
	struct stat old;
	if (stat(target, &old) == 0 && S_ISREG(old.st_mode)) {
		fchmod(fd, old.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	out->fp = fdopen(fd, "w");
	if (!out->fp) {
		close(fd);
		unlink(tmp.ptr);
		as_buf_free(&tmp);
		free(real);
		return as_error_set(AS_EINTERNAL, "%s: cannot open", path);
	}
	out->path = as_xstrdup(path);
	out->target = real;
	out->tmp = as_buf_detach(&tmp);
	catch_signals(out->tmp);
	return 0;
}

static void release(as_output *out)
{
	release_signals();
	free(out->path);
	free(out->tmp);
	free(out->target);
	out->path = out->tmp = out->target = NULL;
	out->fp = NULL;
}

int as_output_commit(as_output *out)
{
	if (!out->path) {
		if (fflush(stdout) != 0 || ferror(stdout))
			return as_error_set(AS_EINTERNAL, "cannot write to standard output: %s",
					    strerror(errno));
		return 0;
	}
	int failed = fflush(out->fp) != 0 || ferror(out->fp) ||
		     (out->tmp && fsync(fileno(out->fp)) != 0);
	int e = failed ? errno : 0;
	if (!out->tmp) {
		/* written in place: nothing to rename or remove */
		if (fclose(out->fp) != 0 && !failed) {
			failed = 1;
			e = errno;
		}
		out->fp = NULL;
		if (failed)
			as_error_set(AS_EINTERNAL, "%s: cannot write: %s", out->path,
				     e ? strerror(e) : "write error");
		release(out);
		return failed ? AS_EINTERNAL : 0;
	}
	if (fclose(out->fp) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	out->fp = NULL;
	if (!failed && rename(out->tmp, out->target ? out->target : out->path) != 0) {
		failed = 1;
		e = errno;
	}
	if (failed) {
		unlink(out->tmp);
		as_error_set(AS_EINTERNAL, "%s: cannot write: %s", out->path, strerror(e));
		release(out);
		return AS_EINTERNAL;
	}
	release(out);
	return 0;
}

void as_output_abort(as_output *out)
{
	if (out->path) {
		if (out->fp)
			fclose(out->fp);
		if (out->tmp)
			unlink(out->tmp);
	}
	release(out);
}
