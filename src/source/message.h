#ifndef AS_MESSAGE_H
#define AS_MESSAGE_H
/*
 * A commit message read as a person reads it: in regions (SPEC §3). The
 * subject (first paragraph) and the prose paragraphs are the author's own
 * words; quoted mail ("> " lines, "On ... wrote:" and its translations,
 * forwarded and "-----Original Message-----" blocks, a squash's pasted
 * log), code (fenced and indented blocks, diffs, pasted logs, stack
 * traces, shell sessions), a revert's boilerplate and the original it
 * repeats or quotes, a cherry-pick's note and the original's text before
 * it, the trailer block (exactly as git finds it: source/trailer.h) and an
 * e-mail signature are not.
 *
 * The regions tile the message: in order, without gaps or overlaps, from
 * offset 0 to its length; a blank line belongs to the region before it.
 * Prose comes one paragraph per region. Parsing is one pass over the
 * lines (linear in the message, whatever it holds).
 */
#include <stddef.h>

#include "config/names.h"
#include "util/buf.h"

typedef struct {
	as_region_kind kind;
	size_t start, end;      /* byte offsets: [start, end) */
} as_region;

typedef struct {
	as_region *items;
	size_t nr, alloc;
	/* git's trailer block, [trailer_start, trailer_end) (equal: none) */
	size_t trailer_start, trailer_end;
	/* where the text before the trailers ends: the trailer block, or
	 * the end of the message when there is none. What follows a trailer
	 * block is git's comments and Conflicts: block, or nothing; comment
	 * lines that commit.cleanup = whitespace or verbatim kept there are
	 * the author's and have regions of their own (as_message_outside_
	 * trailers() is the text of all the regions but the trailers). */
	size_t text_end;
	/* "(cherry picked from commit X)": X as written (7..40 hex, "" when
	 * there is no such line) and the offset of that line; the trailers
	 * before it are the original's. */
	char cherry_from[41];
	size_t cherry_line;
	/* the subject is git's 'Revert "..."' or 'Reapply "..."' */
	int revert;
	/* GitLab's merge-commit template ("See merge request ..." or "Merge
	 * branch 'x' into 'y'", and a Merged-by: line): its Approved-by: lines
	 * are the merge request's code review, not an approval of the
	 * merger's work. */
	int gitlab_merge;
	/* the trailer block ends a revert's original pasted flush left (the
	 * original runs to the end of the message): its trailers are the
	 * original's, not the reverter's */
	int original_trailers;

	/* private: per-line scratch, kept from one message to the next */
	void *lines_;
	size_t nlines_, lines_alloc_;
} as_message;

void as_message_init(as_message *m);
void as_message_free(as_message *m);

/* Splits msg[0..len) (a commit message as git stores it: the text after
 * the header block) into regions, reusing m's memory. Only the bytes
 * before the first NUL are the message (git reads it as a C string); the
 * last region ends there. */
void as_message_parse(as_message *m, const char *msg, size_t len);

/*
 * The text of every region but the trailers, for a prefilter that reads
 * it once for all of them (the addresses of the trailers are no party of
 * the prose): msg (as parsed into m) up to text_end when nothing but the
 * trailers follows, else a copy in `out` of that part and of what follows
 * the trailer block, joined by a line break. Sets *len.
 */
const char *as_message_outside_trailers(const as_message *m, const char *msg, as_buf *out,
					size_t *len);

/* Is the trailer at byte offset `at` (inside the trailer block) a copy of
 * the original's, i.e. before the cherry-pick line? */
int as_message_trailer_copied(const as_message *m, size_t at);

#endif
