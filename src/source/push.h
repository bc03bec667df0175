#ifndef AS_PUSH_H
#define AS_PUSH_H
/*
 * git's pre-receive protocol: the "<old> SP <new> SP <ref> LF" lines git
 * writes on the hook's stdin, one per ref the push updates. Kept apart
 * from cmd/pre_receive.c so that the parser of this outside input can be
 * tested and fuzzed on its own (fuzz/push.c).
 */
#include <git2.h>
#include <stddef.h>

#include "util/buf.h"

typedef struct {
	git_oid old_oid, new_oid;
	char *ref;
} as_ref_update;

typedef struct {
	as_ref_update *items;
	size_t nr, alloc;
} as_ref_updates;

/*
 * Parses buf[0..len) strictly: ids in lowercase hex (40 digits), single
 * spaces, a ref name without white space or control characters, lines
 * ended by LF (the last LF may be missing). Anything else is not input
 * git sends: returns AS_EINPUT with "stdin line N is not ..." and appends
 * the offending line to *bad. Appends to *out; 0 on success.
 */
int as_push_parse_updates(as_ref_updates *out, as_buf *bad, const char *buf,
			  size_t len);
void as_ref_updates_free(as_ref_updates *u);

#endif
