#ifndef AS_TRK_JSON_RECORDS_H
#define AS_TRK_JSON_RECORDS_H
/*
 * JSON exports, one record at a time. A 100 MB export must not become a
 * gigabyte of json_t: we find the records of the top-level arrays
 * ourselves (strings, escapes and nesting are all it takes to find where
 * an object ends), check each strictly (RFC 8259, UTF-8, no \u0000, as
 * jansson reads it) and hand one record at a time to jansson, so memory
 * holds one record plus what the format keeps, and every error knows its
 * record and byte offset. Internal to src/source/tracker/.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "source/tracker/reader.h"

/* Where a record is: for errors (trk_fail_record). */
typedef struct {
	uint64_t n;          /* 1-based */
	uint64_t start;      /* byte offset of its '{' */
} trk_json_place;

typedef struct {
	trk_reader *r;
	/* Optional: a top-level key whose string value want() sees before
	 * the record is parsed; want() returns 0 to skip the record (it is
	 * still checked), 1 to have it parsed. Most GitHub issue events are
	 * not assignments: skipping them without jansson is what keeps a
	 * 100 MB export under a second. */
	const char *peek_key;
	int (*want)(void *ctx, const char *value, size_t len);
	/* A parsed record: 0 or an error (trk_fail_record with `at`). */
	int (*record)(void *ctx, json_t *o, const trk_json_place *at);
	/* Instead of `record`: the checked text of the record, for a format
	 * that reads it in place (json_value.h) rather than as a jansson tree. */
	int (*raw)(void *ctx, const char *data, size_t len, const trk_json_place *at);
	void *ctx;
	uint64_t records;    /* out: records read */
} trk_json_reader;

/* Every top-level array of the file: one, or the pages `gh api --paginate`
 * writes one after the other ("[...][...]", "[...]\n[...]"). */
int trk_json_read_arrays(trk_json_reader *jr);
/* One top-level object, the whole file (a single record). */
int trk_json_read_object(trk_json_reader *jr);

/*
 * What a file starts with, for the formats to recognise it: the shape
 * ('[' an array, '{' an object, 0 anything else or nothing) and the
 * top-level keys of the first object (of the array, or the object itself)
 * as far as the first chunk holds them.
 */
typedef struct {
	int shape;
	int empty_array;     /* "[]": no record to tell the format by */
	uint64_t first;      /* byte offset of the first object's '{' */
	char keys[2048];     /* NUL-separated, as written */
	size_t keys_len;
} trk_json_head;

void trk_json_head_read(trk_json_head *h, const unsigned char *buf, size_t len);
int trk_json_head_has(const trk_json_head *h, const char *key);

#endif
