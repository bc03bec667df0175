/*
 * Ticket keys to their owners (tickets.h).
 */
#include "config/tickets.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

void as_tickets_add(as_tickets *t, const char *key, size_t len, int person)
{
	if (person < 0 || !len)
		return;
	t->keys.fold = 1;
	size_t before = t->keys.nr;
	uint32_t id = as_strtab_intern(&t->keys, key, len);
	if (t->keys.nr > before) {
		AS_GROW(t->owner, t->keys.nr, t->alloc);
		t->owner[id] = person;
	} else if (t->owner[id] != person) {
		t->owner[id] = -1;
	}
	*as_u64map_at(&t->pairs, AS_PAIR(id, (uint32_t)person)) = 1;
}

int as_tickets_owner(const as_tickets *t, const char *key, size_t len, int author)
{
	if (!t->keys.nr)
		return -1;
	int64_t id = as_strtab_find(&t->keys, key, len);
	if (id < 0)
		return -1;
	if (author >= 0 && as_u64map_get(&t->pairs, AS_PAIR((uint32_t)id, (uint32_t)author)))
		return author;
	return t->owner[id];
}

void as_tickets_free(as_tickets *t)
{
	as_strtab_free(&t->keys);
	as_u64map_free(&t->pairs);
	free(t->owner);
	memset(t, 0, sizeof(*t));
}
