#include "source/push.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

void as_ref_updates_free(as_ref_updates *u)
{
	for (size_t i = 0; i < u->nr; i++)
		free(u->items[i].ref);
	free(u->items);
	memset(u, 0, sizeof(*u));
}

static int is_hex_oid(const char *s)
{
	for (int i = 0; i < GIT_OID_HEXSZ; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* A ref name as git sends it: no white space, no control characters. */
static int is_ref_name(const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f)
			return 0;
	}
	return 1;
}

int as_push_parse_updates(as_ref_updates *out, as_buf *bad, const char *buf,
			  size_t len)
{
	const char *p = buf, *end = buf + len;
	size_t lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		lineno++;
		if (n < 2 * GIT_OID_HEXSZ + 3 || !is_hex_oid(p) || p[GIT_OID_HEXSZ] != ' ' ||
		    !is_hex_oid(p + GIT_OID_HEXSZ + 1) || p[2 * GIT_OID_HEXSZ + 1] != ' ' ||
		    !is_ref_name(p + 2 * GIT_OID_HEXSZ + 2, n - 2 * GIT_OID_HEXSZ - 2))
		{
			as_buf_put(bad, p, n);
			return as_error_set(AS_EINPUT, "stdin line %zu is not \"<old> <new> <ref>\":",
					    lineno);
		}
		AS_GROW(out->items, out->nr + 1, out->alloc);
		as_ref_update *u = &out->items[out->nr++];
		git_oid_fromstrn(&u->old_oid, p, GIT_OID_HEXSZ);
		git_oid_fromstrn(&u->new_oid, p + GIT_OID_HEXSZ + 1, GIT_OID_HEXSZ);
		u->ref = as_xstrndup(p + 2 * GIT_OID_HEXSZ + 2, n - 2 * GIT_OID_HEXSZ - 2);
		p = nl ? nl + 1 : end;
	}
	return 0;
}
