#ifndef AS_COMMIT_H
#define AS_COMMIT_H
/*
 * One commit, as the rules see it: parsed from the raw commit object (we
 * read objects with git_odb_read and parse the headers ourselves; that is
 * one inflate per commit and no libgit2 object cache).
 *
 * The text fields are what `git log` shows: git reads the object as a C
 * string (nothing after a NUL byte exists for it) and re-encodes it to
 * UTF-8 when an `encoding` header names another encoding.
 */
#include <git2.h>
#include <stdint.h>

#include "source/mailmap.h"
#include "source/trailer.h"
#include "util/buf.h"

typedef struct {
	git_oid oid;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid *parents;
	size_t nparents, parents_alloc;
	git_oid tree;
	int64_t author_time;     /* seconds since the epoch (0 when unreadable) */
	int64_t commit_time;     /* as git's parse_commit_date: what git sorts by */
	as_buf author_name;      /* after .mailmap */
	as_buf author_email;     /* after .mailmap */
	int author_bogus;        /* 1: no author line, or no "<...>" in it: the
				  * name and e-mail are empty (git log prints
				  * the placeholders %aN %aE themselves) */
	as_buf message;          /* raw message (after the header block) */
	as_buf subject;          /* git's %s: first paragraph, lines joined by ' ' */
	as_buf body;             /* git's %b */
	as_trailers trailers;
	as_buf encoding;         /* the `encoding` header ("" when none) */
	int raw_encoding;        /* 1: `encoding` is not UTF-8 and could not be
				  * converted (as git, the text is left as is) */

	/* private: memory and state reused from one commit to the next */
	as_buf recoded_;         /* the object re-encoded to UTF-8 */
	as_buf iconv_from_;      /* the encoding iconv_cd_ converts from */
	void *iconv_cd_;         /* iconv_t, or NULL */
	int iconv_failed_;       /* iconv_open failed for iconv_from_ */
} as_commit;

/*
 * What else to do with a commit while it is in memory, on the thread
 * that read it whole (the table of the packs' commits, the threads that
 * read the authors; the pipeline judges it there, so that it is not read
 * again): `visit` gets the raw object; `thread` is below
 * AS_COMMIT_VISITOR_THREADS, and no two threads of a pass share one.
 */
#define AS_COMMIT_VISITOR_THREADS 16
typedef struct {
	void (*visit)(void *data, unsigned thread, const git_oid *oid, const char *raw,
		      size_t len);
	void *data;
} as_commit_visitor;

void as_commit_init(as_commit *c);
void as_commit_free(as_commit *c);

/*
 * Empties c to be filled field by field (pipeline's judging ahead keeps
 * a digest of a commit and gives it back this way): its id set, no
 * parents, an empty tree, message and trailers, no dates, no author.
 */
void as_commit_start(as_commit *c, const git_oid *oid);

/*
 * Parses only the graph part of a raw commit (parents, tree, commit time):
 * what the walk needs, without touching the message. Returns 0 or
 * AS_EINTERNAL for a commit git would call bogus (no tree line, bad
 * parent lines).
 */
int as_commit_parse_graph(as_commit *c, const git_oid *oid, const char *raw,
			  size_t len);
/* The date of an ident line ("Name <email> 1700000000 +0100"), as git
 * reads it: the number after the last '>', clamped (0: none). */
int64_t as_ident_date(const char *line, size_t len);

/*
 * Parses everything (graph, author, message, subject, body, trailers);
 * `mm` may be NULL. Returns 0 or AS_EINTERNAL ("commit <hex>: what").
 * May be called again on the same as_commit: it is cleared and refilled,
 * and its memory is reused.
 */
int as_commit_parse(as_commit *c, const git_oid *oid, const char *raw,
		    size_t len, const as_mailmap *mm);

/*
 * Parses the graph and the author only (name, e-mail and date as written:
 * no .mailmap), for a walk that only wants to know who wrote what.
 * Returns 0 or AS_EINTERNAL as as_commit_parse_graph.
 */
int as_commit_parse_author(as_commit *c, const git_oid *oid, const char *raw,
			   size_t len);

/*
 * A message longer than max_message_bytes is judged on its ends, where a
 * commit message keeps what matters: its head (the subject and what
 * follows, up to half the bound), its tail (the last half: the last
 * paragraph) and every one of its trailers, which detection streams from
 * the whole message one at a time. Nothing is fed whole to PCRE2 or kept:
 * the commit is parsed from a copy of its object with the middle of the
 * message cut out (a full parse copies a message three times over and
 * makes an item per trailer, 230 MB for 47 MB of a million trailers).
 */
typedef struct {
	const char *full;  /* the whole message, in the raw object */
	size_t full_len;
	size_t head, tail; /* the bytes of it that the cut copy keeps */
} as_commit_cut;

/*
 * Returns 1 and fills *cut and `object` (the raw commit with the middle of
 * its message cut out, to parse instead of raw) for a message of more than
 * `max` bytes; 0 (cut->full NULL) when it is within the bound or max is 0.
 */
int as_commit_cut_message(as_commit_cut *cut, as_buf *object, const char *raw, size_t len,
			  size_t max);

/* "Name <email>" as `git log --use-mailmap --format='%aN <%aE>'` prints it. */
void as_commit_author(const as_commit *c, as_buf *out);

#endif
