#ifndef AS_IDENTITIES_H
#define AS_IDENTITIES_H
/*
 * Who is who among the authors of a history: the identities of commits
 * ("Name <email>" after .mailmap, as `git log --use-mailmap` prints them)
 * grouped into developers, one group per person:
 *
 *   1. the org chart first: identities it gives to one person are one
 *      developer, and identities it gives to two different people are
 *      never merged, whatever follows;
 *   2. then the same e-mail, compared without case ("Jane@X.org" is
 *      "jane@x.org"); empty e-mails and well-known placeholders
 *      (you@example.com...) join nobody;
 *   3. then the same name after normalisation: case folded, Latin accents
 *      removed ("José Núñez" is "jose nunez"), white space collapsed;
 *      empty names and placeholders ("root", "unknown", "Your Name"...)
 *      join nobody.
 * Merging is transitive (a union-find): A and B share an e-mail, B and C a
 * name: one developer. Each developer is named by its most frequent
 * identity (ties: the smaller string), or by the org chart's person.
 *
 * Built before the walk that counts (as_identities_collect reads only the
 * commits' authors), then read-only: threads share it.
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "source/commit.h"
#include "source/mailmap.h"
#include "source/walk.h"
#include "util/buf.h"

typedef struct as_identities as_identities;

/* The org chart's person of an identity text "Name <email>", or -1. */
typedef int (*as_identities_person_fn)(const void *data, const char *ident, size_t len);

as_identities *as_identities_new(void);
void as_identities_free(as_identities *ids);

/* One commit dated `time` by the author (raw_name, raw_email) as written,
 * which .mailmap maps to (name, email). */
void as_identities_add(as_identities *ids, const char *raw_name, size_t raw_name_len,
		       const char *raw_email, size_t raw_email_len,
		       const char *name, size_t name_len,
		       const char *email, size_t email_len, int64_t time);

/*
 * Reads the author of every commit `walk` yields (consuming it), mapped by
 * `mm` (may be NULL), into `ids`: the headers only, on `jobs` threads when
 * the walk does not read commits itself (a commit-graph orders it). With
 * `v` (may be NULL) those threads read the commits whole and hand each to
 * v too (commit_table.h). Returns 0 or AS_EINTERNAL.
 */
int as_identities_collect(as_identities *ids, as_walk *walk, const as_mailmap *mm,
			  int jobs, const as_commit_visitor *v);

/* Groups the identities into developers (see above); `person_of` may be
 * NULL (no org chart). Call once, after the last as_identities_add. */
void as_identities_finish(as_identities *ids, as_identities_person_fn person_of,
			  const void *data);

/*
 * The developer of (name, email): the identity itself when it was seen,
 * else the developer of the e-mail (without case), else of the
 * normalised name, when exactly one developer has it. -1 when none.
 */
int64_t as_identities_find(const as_identities *ids, const char *name, size_t name_len,
			   const char *email, size_t email_len);

size_t as_identities_count(const as_identities *ids);
/* "Name <email>": the developer's most frequent identity. */
const char *as_identities_name(const as_identities *ids, size_t dev);
/* The org chart's person of the developer, or -1. */
int as_identities_person(const as_identities *ids, size_t dev);

/* The identities seen (after .mailmap), for antisilo init. */
typedef struct {
	const char *name, *email;   /* not NUL-terminated: use the lengths */
	size_t name_len, email_len;
	uint64_t commits;
	int64_t last;               /* the newest author date */
	size_t dev;
} as_identity;

size_t as_identities_nentries(const as_identities *ids);
void as_identities_entry(const as_identities *ids, size_t e, as_identity *out);

/*
 * The merges beyond .mailmap, as .mailmap lines that make git log show
 * one identity per developer: for every author as written whose identity
 * after .mailmap is not its developer's name,
 *   "Proper Name <proper@email> Name As Written <email@as.written>"
 * (git matches such a line on both the name and the e-mail, so it wins
 * over the file's other lines). Sorted by developer name, then by the
 * line; appended to `out`. Returns how many lines.
 */
size_t as_identities_mailmap_lines(const as_identities *ids, as_buf *out);

/*
 * The form names are compared in (see above), appended to `out`. Exposed
 * for antisilo init, which must not draft two people under one name.
 */
void as_identities_normalise_name(as_buf *out, const char *name, size_t len);

#endif
