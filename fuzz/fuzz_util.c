/*
 * What the fuzz harnesses share: failing loudly, files for the parsers
 * that read by name, the shipped rules.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/locate.h"
#include "util/buf.h"
#include "util/error.h"

void as_fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%d: fuzz check failed: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

static char dir[4096];

static void remove_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[8192];

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

const char *as_fuzz_dir(void)
{
	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof(dir), "%s/antisilo-fuzz.XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir)) {
			fprintf(stderr, "fuzz: mkdtemp %s: %s\n", dir, strerror(errno));
			abort();
		}
		atexit(remove_dir);
	}
	return dir;
}

const char *as_fuzz_file(const char *name, const void *data, size_t size)
{
	static char path[8192];
	const char *p = data;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", as_fuzz_dir(), name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "fuzz: %s: %s\n", path, strerror(errno));
		abort();
	}
	while (size) {
		ssize_t n = write(fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "fuzz: writing %s: %s\n", path, strerror(errno));
			abort();
		}
		p += n;
		size -= (size_t)n;
	}
	close(fd);
	return path;
}

const as_config *as_fuzz_shipped_rules(void)
{
	static as_config cfg;
	static int loaded;

	if (!loaded) {
		const char *path = getenv("ANTISILO_FUZZ_RULES");
		if (!path || !*path)
			path = as_config_default_path();
		if (as_config_load(&cfg, path) < 0) {
			fprintf(stderr, "fuzz: cannot load the rules: %s\n", as_error_msg());
			abort();
		}
		loaded = 1;
	}
	return &cfg;
}

void as_fuzz_load_rules(as_config *cfg, const char *name, const char *org)
{
	const char *base = getenv("ANTISILO_FUZZ_RULES");
	as_buf text = AS_BUF_INIT;
	as_buf_printf(&text, "[antisilo]\ninclude = %s\n%s",
		      base && *base ? base : "default", org);
	const char *path = as_fuzz_file(name, text.ptr, text.len);
	if (as_config_load(cfg, path) < 0) {
		fprintf(stderr, "fuzz: cannot load the rules: %s\n", as_error_msg());
		abort();
	}
	as_buf_free(&text);
}

const char *as_fuzz_cstr(const uint8_t *data, size_t size)
{
	static char *copy;
	free(copy);
	copy = malloc(size + 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	copy[size] = '\0';
	return copy;
}
