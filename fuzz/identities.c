/*
 * Identities grouped into developers (source/identities.c): the input is
 * authors, one "Name <email>" a line, as commits give them (.mailmap
 * already applied). Names and e-mails come from anyone who can push.
 *
 * Invariants: every identity finds its own developer; a developer's name
 * is one of its identities; normalising a normalised name changes
 * nothing; the .mailmap lines are at most one per identity.
 */
#include "fuzz.h"

#include <string.h>

#include "source/identities.h"
#include "util/buf.h"

AS_FUZZ_TARGET(identities)
{
	const char *text = as_fuzz_cstr(data, size), *end = text + size;
	as_identities *ids = as_identities_new();
	size_t lines = 0;

	for (const char *p = text; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *lt = memchr(p, '<', len);
		const char *gt = lt ? memchr(lt, '>', len - (size_t)(lt - p)) : NULL;
		size_t name_len = lt ? (size_t)(lt - p) : len;
		while (name_len && p[name_len - 1] == ' ')
			name_len--;
		const char *email = gt ? lt + 1 : "";
		size_t email_len = gt ? (size_t)(gt - lt - 1) : 0;
		as_identities_add(ids, p, name_len, email, email_len, p, name_len, email, email_len,
				  (int64_t)lines);
		lines++;
		p = nl ? nl + 1 : end;
	}
	as_identities_finish(ids, NULL, NULL);

	as_buf a = AS_BUF_INIT, b = AS_BUF_INIT;
	size_t n = as_identities_nentries(ids), ndevs = as_identities_count(ids);
	AS_FUZZ_CHECK(ndevs <= n, "%zu developers of %zu identities", ndevs, n);
	for (size_t e = 0; e < n; e++) {
		as_identity it;
		as_identities_entry(ids, e, &it);
		AS_FUZZ_CHECK(it.dev < ndevs, "identity %zu: developer %zu", e, it.dev);
		int64_t found = as_identities_find(ids, it.name, it.name_len, it.email, it.email_len);
		AS_FUZZ_CHECK(found == (int64_t)it.dev, "identity %zu finds %lld, not %zu", e,
			      (long long)found, it.dev);
		as_buf_clear(&a);
		as_buf_clear(&b);
		as_identities_normalise_name(&a, it.name, it.name_len);
		as_identities_normalise_name(&b, a.ptr, a.len);
		AS_FUZZ_CHECK(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len),
			      "normalising twice changes the name");
	}
	for (size_t d = 0; d < ndevs; d++) {
		const char *name = as_identities_name(ids, d);
		int mine = 0;
		for (size_t e = 0; e < n && !mine; e++) {
			as_identity it;
			as_identities_entry(ids, e, &it);
			mine = it.dev == d && name == it.name;
		}
		AS_FUZZ_CHECK(mine, "developer %zu is named by no identity of its own", d);
	}
	as_buf_clear(&a);
	AS_FUZZ_CHECK(as_identities_mailmap_lines(ids, &a) <= n, "more .mailmap lines than identities");
	as_buf_free(&a);
	as_buf_free(&b);
	as_identities_free(ids);
	return 0;
}
