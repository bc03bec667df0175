#ifndef AS_ALLOC_H
#define AS_ALLOC_H
/*
 * Allocation that never returns NULL. Running out of memory is an internal
 * error (exit 3, SPEC §4); no caller can do anything better than stop, so
 * we stop in one place with one message, as git's xmalloc() does.
 */
#include <stddef.h>

void *as_xmalloc(size_t size);
void *as_xcalloc(size_t nmemb, size_t size);
void *as_xrealloc(void *ptr, size_t size);
char *as_xstrdup(const char *s);
char *as_xstrndup(const char *s, size_t n);
/* Aborts the process with exit code 3 after printing "out of memory". */
_Noreturn void as_die_oom(void);

/*
 * Grow an array so that it can hold at least `nr` elements:
 *   AS_GROW(v->items, v->nr + 1, v->alloc);
 */
#define AS_GROW(ptr, nr, alloc) do { \
	if ((size_t)(nr) > (alloc)) { \
		size_t as_grow_n = (alloc) ? (alloc) * 2 : 8; \
		if (as_grow_n < (size_t)(nr)) as_grow_n = (size_t)(nr); \
		(ptr) = as_xrealloc((ptr), as_grow_n * sizeof(*(ptr))); \
		(alloc) = as_grow_n; \
	} \
} while (0)

#endif
