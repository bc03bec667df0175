#include "util/append.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/error.h"

static int lock_until(int fd, int64_t deadline_ms)
{
	if (!deadline_ms) {
		while (flock(fd, LOCK_EX) < 0)
			if (errno != EINTR)
				return -1;
		return 0;
	}
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (as_now_ms() >= deadline_ms) {
			errno = ETIMEDOUT;
			return -1;
		}
		struct timespec ts = { 0, 2 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
}

int as_append_record(const char *path, const char *data, size_t len,
		     int64_t deadline_ms)
{
	struct stat st;
	int fd, err;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
	if (fd < 0)
		return as_error_set(AS_EINTERNAL, "%s: cannot open: %s", path, strerror(errno));
	if (lock_until(fd, deadline_ms) < 0) {
		int timed_out = errno == ETIMEDOUT;
		err = as_error_set(timed_out ? AS_ELIMIT : AS_EINTERNAL, "%s: cannot lock: %s", path,
				   timed_out ? "the deadline passed while another push held the lock"
					     : strerror(errno));
		close(fd);
		return err;
	}
	if (fstat(fd, &st) < 0) {
		err = as_error_set(AS_EINTERNAL, "%s: %s", path, strerror(errno));
		close(fd);
		return err;
	}
	ssize_t n;
	do
		n = write(fd, data, len);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)len || fdatasync(fd) < 0) {
		int saved = n < 0 ? errno : n != (ssize_t)len ? ENOSPC : errno;
		/* Never leave half a record behind: cut back to where we began. */
		if (n > 0 && ftruncate(fd, st.st_size) < 0)
			saved = errno;
		err = as_error_set(AS_EINTERNAL, "%s: cannot append: %s", path, strerror(saved));
		close(fd);
		return err;
	}
	if (close(fd) < 0)
		return as_error_set(AS_EINTERNAL, "%s: %s", path, strerror(errno));
	return 0;
}
