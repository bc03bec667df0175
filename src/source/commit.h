#ifndef AS_COMMIT_H
#define AS_COMMIT_H
/*
 * One commit, as the rules see it: parsed from the raw commit object (we
 * read objects with git_odb_read and parse the headers ourselves; that is
 * one inflate per commit and no libgit2 object cache).
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
	int64_t author_time;     /* seconds since the epoch */
	int64_t commit_time;
	as_buf author_name;      /* after .mailmap */
	as_buf author_email;     /* after .mailmap */
	as_buf message;          /* raw message (after the header block) */
	as_buf subject;          /* git's %s: first paragraph, lines joined by ' ' */
	as_buf body;             /* git's %b */
	as_trailers trailers;
} as_commit;

void as_commit_init(as_commit *c);
void as_commit_free(as_commit *c);

/*
 * Parses only the graph part of a raw commit (parents, commit time): what
 * the walk needs, without touching the message.
 */
int as_commit_parse_graph(as_commit *c, const git_oid *oid, const char *raw,
			  size_t len);
/*
 * Parses everything (graph, author, message, subject, body, trailers);
 * `mm` may be NULL. Returns 0 or AS_EINTERNAL ("commit <hex>: what").
 */
int as_commit_parse(as_commit *c, const git_oid *oid, const char *raw,
		    size_t len, const as_mailmap *mm);

/* "Name <email>" as `git log --use-mailmap --format='%aN <%aE>'` prints it. */
void as_commit_author(const as_commit *c, as_buf *out);

#endif
