#ifndef AS_TRAILER_H
#define AS_TRAILER_H
/*
 * Commit trailers, parsed exactly as git parses them for
 * `git log --format='%(trailers:only,unfold)'` (git's trailer.c, with the
 * default configuration: separator ':', comment char '#', no
 * trailer.<token>.* settings).
 * libgit2's git_message_trailers() disagrees with git (LIBNOTES.md), so we
 * do not use it.
 *
 * Note the two ways git reads trailers differ: %(trailers) (what we do)
 * ignores "---" lines, `git interpret-trailers --parse` stops at the first
 * line that starts with "---" and white space (a patch after the message).
 */
#include <stddef.h>

#include "util/buf.h"

typedef struct {
	char *key;    /* token, trimmed: "Reviewed-by" */
	char *value;  /* value, trimmed and unfolded */
	char *line;   /* "Key: value" exactly as git prints it (no newline) */
} as_trailer;

typedef struct {
	as_trailer *items;
	size_t nr, alloc;
	as_buf mem;   /* private: holds the strings the items point to */
} as_trailers;

#define AS_TRAILERS_INIT { NULL, 0, 0, AS_BUF_INIT }

/*
 * `msg` is the commit message as stored in the commit object (everything
 * after the blank line that ends the headers); leading blank lines are
 * skipped as git log does. Only the bytes before the first NUL count (git
 * reads the message as a C string). Appends to *out; the pointers of items
 * already in *out may move (re-read them after the call). Linear time.
 */
void as_trailers_parse(as_trailers *out, const char *msg, size_t len);
/*
 * Where the trailers of msg[0..len) are, as byte offsets into msg: the
 * block [*start, *end) (empty, start == end, when the message has none)
 * and the end of the message's content, *content_end (>= *end): what
 * follows is trailing comments, blank lines, an old-style "Conflicts:"
 * block or a scissors line and the diff below it. Linear time, no copy.
 */
void as_trailers_block(const char *msg, size_t len, size_t *start, size_t *end,
		       size_t *content_end);
/*
 * The same trailers, one at a time, without keeping them: fn gets each
 * (valid until it returns) and the byte offset of its first line in msg;
 * a non-zero return stops. Returns how many were handed out. Memory stays
 * the size of one trailer whatever the block (a message of a million
 * trailers is read in one pass and a few hundred bytes).
 */
size_t as_trailers_each(const char *msg, size_t len,
			int (*fn)(void *data, const as_trailer *t, size_t offset), void *data);
/*
 * A trailer as a string of bytes to keep ("line\0key\0"), and trailers
 * kept so appended back to a list: the same items as the parse gave.
 */
void as_trailer_pack(as_buf *out, const as_trailer *t);
void as_trailers_unpack(as_trailers *t, const char *packed, size_t len);
/* Empties the list and keeps its memory for the next parse. */
void as_trailers_reset(as_trailers *t);
/* Empties the list and frees its memory. */
void as_trailers_clear(as_trailers *t);

#endif
