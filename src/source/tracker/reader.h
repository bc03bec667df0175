#ifndef AS_TRK_READER_H
#define AS_TRK_READER_H
/*
 * Reading a tracker export: the file in 1 MiB chunks, knowing the byte
 * offset of every byte (errors name it), with a bound on the bytes read
 * (max_export_bytes: a pipe has no size to check beforehand). Internal to
 * src/source/tracker/, shared by every format's reader.
 */
#include <stdint.h>
#include <stdio.h>

typedef struct {
	FILE *fp;
	const char *path;
	unsigned char *buf;
	size_t pos, len;
	uint64_t base;        /* file offset of buf[0] */
	int eof;              /* 1 at the end, -1 after a read error */
	uint64_t max_bytes;   /* 0: no bound; past it a fill fails (too_large) */
	int too_large;
} trk_reader;

#define TRK_CHUNK (1u << 20)

/* Opens `path` for reading at most `max_bytes` (0: no bound but the
 * 2 GiB an export may have) and reads the first chunk. 0, AS_EINPUT (no
 * such file, a directory, too large) or AS_EINTERNAL. */
int trk_reader_open(trk_reader *r, const char *path, uint64_t max_bytes);
void trk_reader_close(trk_reader *r);
/* Refills; returns 1, 0 at the end of the file, or an error. */
int trk_reader_fill(trk_reader *r);
/* Ends the current chunk at byte `at` of it (0 < at < len; a regular
 * file): the next fill reads on from there. Tests use it to put a chunk
 * boundary anywhere. */
int trk_reader_cut(trk_reader *r, size_t at);
/* At the start of a file: skips a UTF-8 byte order mark, even one that a
 * chunk boundary cuts. */
void trk_reader_skip_bom(trk_reader *r);

/* The next byte (-1 at the end; errors are reported by trk_reader_fill
 * through r->eof = -1). */
static inline int trk_getc(trk_reader *r)
{
	if (r->pos == r->len && trk_reader_fill(r) <= 0)
		return -1;
	return r->buf[r->pos++];
}

static inline int trk_peekc(trk_reader *r)
{
	if (r->pos == r->len && trk_reader_fill(r) <= 0)
		return -1;
	return r->buf[r->pos];
}

/* Offset of the next byte trk_getc() returns. */
static inline uint64_t trk_tell(const trk_reader *r)
{
	return r->base + r->pos;
}

/* AS_EINPUT with the place in front: "FILE: record N (byte B): ...",
 * "FILE: line N: ...", "FILE: byte B: ...". */
int trk_fail_record(const trk_reader *r, uint64_t record, uint64_t byte, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int trk_fail_line(const trk_reader *r, uint64_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int trk_fail_byte(const trk_reader *r, uint64_t byte, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "2024-03-01T10:00:00Z", with fraction and offset; 0, or -1 (not one). */
int trk_parse_iso8601(int64_t *out, const char *s);

#endif
