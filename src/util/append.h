#ifndef AS_APPEND_H
#define AS_APPEND_H
/*
 * Appending one record to a log that several processes share (the waiver
 * log: concurrent pushes run concurrent hooks). The record lands whole or
 * not at all: the file is opened with O_APPEND, locked with flock(2), the
 * line goes out in a single write(2) and is synced; a short write or a
 * failed sync is cut off again (ftruncate to the size before), so the log
 * never holds a torn line. O_APPEND alone already keeps concurrent writers
 * from overwriting each other on a local file system; the lock covers
 * writes that the kernel splits and file systems (NFS) where O_APPEND is
 * not atomic.
 */
#include <stddef.h>
#include <stdint.h>

/*
 * Appends `len` bytes (a whole line, newline included) to `path`, creating
 * the file (mode 0640) when needed. Waits for the lock until `deadline_ms`
 * (as_now_ms() clock; 0 = wait as long as it takes). Returns 0,
 * AS_ELIMIT when the lock could not be had in time, or AS_EINTERNAL
 * ("PATH: reason"); on failure the file is as it was.
 */
int as_append_record(const char *path, const char *data, size_t len,
		     int64_t deadline_ms);

#endif
