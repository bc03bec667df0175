/*
 * The hook's stdin (source/push.c): git's "<old> <new> <ref>" lines.
 * git writes them, but the hook must not trust that: it runs as the
 * server and a broken line must be refused, never half-read.
 *
 * Invariants: an accepted input is exactly its updates written back
 * (one line each, the last newline optional); a refused one names a line
 * that exists and hands back that line; nothing is returned on refusal
 * beyond the updates of the lines before it.
 */
#include "fuzz.h"

#include <string.h>

#include "source/push.h"
#include "util/buf.h"
#include "util/error.h"

AS_FUZZ_TARGET(push)
{
	as_ref_updates ups = { 0 };
	as_buf bad = AS_BUF_INIT, back = AS_BUF_INIT;
	size_t nlines = 0;
	const char *text = as_fuzz_cstr(data, size);

	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	if (size && data[size - 1] != '\n')
		nlines++;

	int rc = as_push_parse_updates(&ups, &bad, text, size);
	if (rc == 0) {
		char hex[GIT_OID_HEXSZ + 1];
		AS_FUZZ_CHECK(ups.nr == nlines, "%zu updates from %zu lines", ups.nr, nlines);
		AS_FUZZ_CHECK(bad.len == 0, "accepted, yet a bad line was given");
		for (size_t i = 0; i < ups.nr; i++) {
			const char *ref = ups.items[i].ref;
			AS_FUZZ_CHECK(*ref, "update %zu: empty ref", i);
			for (const char *p = ref; *p; p++)
				AS_FUZZ_CHECK((unsigned char)*p > ' ' && *p != 0x7f,
					      "update %zu: ref has byte 0x%02x", i, (unsigned char)*p);
			git_oid_tostr(hex, sizeof(hex), &ups.items[i].old_oid);
			as_buf_printf(&back, "%s ", hex);
			git_oid_tostr(hex, sizeof(hex), &ups.items[i].new_oid);
			as_buf_printf(&back, "%s %s\n", hex, ref);
		}
		/* the input, give or take its last newline */
		AS_FUZZ_CHECK(back.len == size || back.len == size + 1,
			      "written back: %zu bytes, input %zu", back.len, size);
		AS_FUZZ_CHECK(!memcmp(back.ptr ? back.ptr : "", text, size),
			      "written back, the updates differ from the input");
	} else {
		AS_FUZZ_CHECK(rc == AS_EINPUT, "error %d", rc);
		AS_FUZZ_CHECK(ups.nr < nlines, "refused, yet %zu of %zu lines read", ups.nr,
			      nlines);
		AS_FUZZ_CHECK(strstr(as_error_msg(), "stdin line ") != NULL, "message: %s",
			      as_error_msg());
		/* the line handed back is the line after the ones accepted */
		const char *p = text;
		for (size_t i = 0; i < ups.nr; i++)
			p = strchr(p, '\n') + 1;
		AS_FUZZ_CHECK(bad.len <= size - (size_t)(p - text) &&
			      !memcmp(as_buf_cstr(&bad), p, bad.len) &&
			      (p + bad.len == text + size || p[bad.len] == '\n'),
			      "the bad line handed back is not line %zu", ups.nr + 1);
	}
	as_buf_free(&bad);
	as_buf_free(&back);
	as_ref_updates_free(&ups);
	return 0;
}
