#include "source/tracker/records.h"

#include "util/alloc.h"

uint32_t as_export_intern(as_export *x, const char *s, size_t len)
{
	if (!x->strings.nr)
		as_strtab_intern(&x->strings, "", 0);
	return as_strtab_intern(&x->strings, s, len);
}

void as_export_add(as_export *x, const as_export_rec *rec)
{
	AS_GROW(x->recs, x->nrecs + 1, x->recs_alloc);
	x->recs[x->nrecs++] = *rec;
}

uint32_t as_export_add_item(as_export *x, uint32_t id)
{
	AS_GROW(x->items, x->nitems + 1, x->items_alloc);
	x->items[x->nitems] = id;
	return (uint32_t)x->nitems++;
}
