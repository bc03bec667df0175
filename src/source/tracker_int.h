#ifndef AS_TRACKER_INT_H
#define AS_TRACKER_INT_H
/*
 * Private to src/source/tracker*.c: the buffered reader the export
 * parsers share, and the compact form of a parsed export.
 *
 * An export is parsed fully before any event is made from it (nothing of
 * a bad file is half-counted), yet a 100 MB export must not become a
 * gigabyte of json_t or of as_event: the parsers keep one small record
 * per assignment, with every string stored once in an arena (logins,
 * names and titles repeat; they are interned).
 */
#include <stdint.h>
#include <stdio.h>

#include "source/tracker.h"
#include "util/buf.h"

/* ---- reading a file in chunks, knowing where we are ------------------- */

typedef struct {
	FILE *fp;
	const char *path;
	unsigned char *buf;
	size_t pos, len;
	uint64_t base;        /* file offset of buf[0] */
	int eof;
	uint64_t max_bytes;   /* 0: no bound; past it a fill fails (too_large) */
	int too_large;
} trk_reader;

#define TRK_CHUNK (1u << 20)

int trk_reader_open(trk_reader *r, const char *path);
void trk_reader_close(trk_reader *r);
/* Refills; returns 0 at the end of the file, AS_EINTERNAL on a read error. */
int trk_reader_fill(trk_reader *r);
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

/* ---- a parsed export -------------------------------------------------- */

enum { TRK_ASSIGNED = 1, TRK_UNASSIGNED = 2 };

typedef struct {
	uint32_t record;      /* arena offsets (0 = "") */
	uint32_t issue;       /* the issue an (un)assignment is about */
	uint32_t actor, subject, title;
	uint8_t kind;         /* TRK_ASSIGNED / TRK_UNASSIGNED */
	uint8_t cancelled;
	int64_t time;         /* 0 when unknown */
	int64_t order;        /* event id (github-events): ties of time */
} trk_rec;

struct as_tracker_export {
	char *path;
	const char *format;
	int weak;
	trk_rec *recs;
	size_t nrecs, recs_alloc;
	as_buf arena;         /* NUL-terminated strings; offset 0 is "" */
	uint32_t *slots;      /* interning: open addressing over arena offsets */
	size_t nslots, nused;
	uint64_t records;     /* records read */
	uint64_t assignments; /* TRK_ASSIGNED records */
	uint64_t cancelled;
};

/* Interns s[0..len) (same string, same offset). */
uint32_t trk_intern(as_tracker_export *x, const char *s, size_t len);
/* Stores s[0..len) without interning (ids seen once). */
uint32_t trk_store(as_tracker_export *x, const char *s, size_t len);
static inline const char *trk_str(const as_tracker_export *x, uint32_t off)
{
	return x->arena.ptr ? x->arena.ptr + off : "";
}
trk_rec *trk_add(as_tracker_export *x);

/* Marks the assignments that a later unassignment undoes. */
void trk_cancel(as_tracker_export *x);

/* The parsers: fill x from r, or return AS_EINPUT with the message set.
 * `format` is the forced format or NULL (detect). */
int trk_read_github(as_tracker_export *x, trk_reader *r, const char *format);
int trk_read_jira(as_tracker_export *x, trk_reader *r);

/* "2024-03-01T10:00:00Z", with fraction and offset; 0 or -1 (bad). */
int trk_parse_iso8601(int64_t *out, const char *s);


#endif
