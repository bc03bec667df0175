#ifndef AS_TICKETS_H
#define AS_TICKETS_H
/*
 * Who owns a ticket key, as the run's tracker exports say: "PROJ-7" (a
 * Jira key) or "#12" (a GitHub or GitLab issue) to the people of the org
 * chart it is assigned to. A message that names the key names them: "Alice
 * assigned PROJ-7" is an assignment to PROJ-7's assignee (detect/parties.h).
 * Empty unless an audit reads exports (source/tracker/export.h fills it).
 * Keys compare without regard to ASCII case.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/table.h"

typedef struct {
	as_strtab keys;       /* fold: "proj-7" is "PROJ-7" */
	int32_t *owner;       /* per key: its one owner, or -1 when it has several */
	as_u64map pairs;      /* (key, person) -> 1: every owner of every key */
	size_t alloc;
} as_tickets;

/* Records that `person` owns `key`. */
void as_tickets_add(as_tickets *t, const char *key, size_t len, int person);

/* The owner of `key` as one who reads it as `author` would: the author
 * when they are one of its owners, else its one owner, else -1 (unknown
 * key, or several owners none of whom is the author). */
int as_tickets_owner(const as_tickets *t, const char *key, size_t len, int author);

static inline size_t as_tickets_count(const as_tickets *t)
{
	return t->keys.nr;
}
static inline const char *as_tickets_key(const as_tickets *t, size_t i)
{
	return as_strtab_str(&t->keys, (uint32_t)i);
}

void as_tickets_free(as_tickets *t);

#endif
