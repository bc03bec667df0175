#ifndef AS_TRK_JSON_VALUE_H
#define AS_TRK_JSON_VALUE_H
/*
 * The fields of one JSON record read in place, without building a tree.
 *
 * json_records.c checks every record strictly before a format sees it;
 * jansson then builds a tree of it, which costs 1.5 s for 100 MB of
 * `gh pr list` output (measured: 64,000 pull requests with their reviews
 * and files), most of it for fields nobody reads (review bodies, reaction
 * groups, ids). A format that must read every record of such an export
 * takes the checked text instead (trk_json_reader.raw) and walks it with
 * these: each call scans only the value it is given, so reading a few
 * fields of a record costs about one more pass over its bytes. Only for
 * text that json_records.c has checked: nothing here validates.
 */
#include <stddef.h>

#include "util/buf.h"

/* A value: its text, from its first byte to its last. */
typedef struct {
	const char *s;
	size_t n;
} trk_jval;

/* '{', '[', '"', 't', 'f', 'n', or '0' for a number; 0 for nothing. */
int trk_jval_kind(trk_jval v);

/*
 * The members of an object or the elements of an array, in order: *pos
 * starts at 0; returns 1 with the next one (key: the member's name as a
 * string value, objects only; may be NULL), 0 at the end.
 */
int trk_jval_next(trk_jval v, size_t *pos, trk_jval *key, trk_jval *val);

/* The member `key` of an object (the last when repeated, as jansson
 * keeps it): 1 and *out, or 0 (absent, or v is no object). */
int trk_jval_get(trk_jval v, const char *key, trk_jval *out);

/*
 * Several members of an object in one pass: out[i] is the member
 * keys[i] (NULL-terminated list; the last when repeated), or a value of
 * kind 0 when absent. Returns 0, or -1 when v is no object (all absent).
 */
int trk_jval_fields(trk_jval v, const char *const *keys, trk_jval *out);

/* Appends a string value, unescaped (\u escapes as UTF-8, a lone
 * surrogate as U+FFFD); -1 and nothing appended when v is no string. */
int trk_jval_string(trk_jval v, as_buf *out);

/* Is v the string `s`? */
int trk_jval_is(trk_jval v, const char *s);

/* An integer (no fraction, no exponent, within long long): 0 and *out,
 * or -1. */
int trk_jval_int(trk_jval v, long long *out);

#endif
