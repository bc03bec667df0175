#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

_Noreturn void as_die_oom(void)
{
	static const char msg[] = "antisilo: out of memory\n";
	/* write(2), not stdio: stdio may itself need memory. */
	ssize_t r = write(2, msg, sizeof(msg) - 1);
	(void)r;
	_exit(3);
}

void *as_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		as_die_oom();
	return p;
}

void *as_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		as_die_oom();
	return p;
}

void *as_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		as_die_oom();
	return p;
}

char *as_xstrdup(const char *s)
{
	return as_xstrndup(s, strlen(s));
}

char *as_xstrndup(const char *s, size_t n)
{
	char *p = as_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
