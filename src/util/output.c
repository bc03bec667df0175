#include "util/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

int as_output_open(as_output *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	if (!path || !strcmp(path, "-")) {
		out->fp = stdout;
		return 0;
	}
	as_buf tmp = AS_BUF_INIT;
	as_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		int e = errno;
		as_buf_free(&tmp);
		return as_error_set(AS_EINTERNAL, "%s: cannot create: %s", path, strerror(e));
	}
	out->fp = fdopen(fd, "w");
	if (!out->fp) {
		close(fd);
		unlink(tmp.ptr);
		as_buf_free(&tmp);
		return as_error_set(AS_EINTERNAL, "%s: cannot open", path);
	}
	out->path = as_xstrdup(path);
	out->tmp = as_buf_detach(&tmp);
	return 0;
}

static void release(as_output *out)
{
	free(out->path);
	free(out->tmp);
	out->path = out->tmp = NULL;
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
	int failed = fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0;
	int e = errno;
	if (fclose(out->fp) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	out->fp = NULL;
	if (!failed && rename(out->tmp, out->path) != 0) {
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
		unlink(out->tmp);
	}
	release(out);
}
