/*
 * Reading a bounded input file whole (file.h).
 */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"

int as_read_file(as_buf *out, const char *path, size_t max)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char chunk[65536];
	ssize_t n;

	if (fd < 0)
		return as_error_set(AS_EINPUT, "%s: cannot read: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return as_error_set(AS_EINPUT, "%s: cannot read: %s", path,
				    S_ISDIR(st.st_mode) ? "Is a directory" : "not a regular file");
	}
	as_buf_put(out, "", 0);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return as_error_set(AS_EINPUT, "%s: cannot read: %s", path, strerror(e));
		}
		if (out->len + (size_t)n > max) {
			close(fd);
			return as_error_set(AS_EINPUT, "%s: larger than %zu MiB", path, max >> 20);
		}
		as_buf_put(out, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}
