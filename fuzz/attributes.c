/*
 * .gitattributes, as the knowledge-silo filter reads them
 * (source/attributes.c): the input is a root .gitattributes, then after a
 * NUL the .gitattributes of "sub/", then after another NUL paths, one a
 * line. Text from a pushed tree: anyone with push access writes it.
 *
 * Invariants: every answer is 1, 0 or -1; asking twice gives the same; a
 * path outside sub/ gets what the root file alone gives (a file applies
 * only below its directory).
 */
#include "fuzz.h"

#include <string.h>

#include "source/attributes.h"

AS_FUZZ_TARGET(attributes)
{
	const char *text = as_fuzz_cstr(data, size), *end = text + size;
	const char *sub = memchr(text, '\0', size), *paths = NULL;
	size_t root_len = sub ? (size_t)(sub - text) : size;
	if (sub) {
		sub++;
		paths = memchr(sub, '\0', (size_t)(end - sub));
	}
	size_t sub_len = sub ? (size_t)((paths ? paths : end) - sub) : 0;
	if (paths)
		paths++;

	as_attributes *both = as_attributes_new(), *root = as_attributes_new();
	as_attributes_add_file(both, "", text, root_len);
	as_attributes_add_file(root, "", text, root_len);
	if (sub)
		as_attributes_add_file(both, "sub/", sub, sub_len);
	for (const char *p = paths; p && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int a[AS_LINGUIST__COUNT], b[AS_LINGUIST__COUNT], c[AS_LINGUIST__COUNT];
		as_attributes_linguist(both, p, len, a);
		as_attributes_linguist(both, p, len, b);
		as_attributes_linguist(root, p, len, c);
		int under_sub = len >= 4 && !memcmp(p, "sub/", 4);
		for (int k = 0; k < AS_LINGUIST__COUNT; k++) {
			AS_FUZZ_CHECK(a[k] >= -1 && a[k] <= 1, "attribute %d is %d", k, a[k]);
			AS_FUZZ_CHECK(a[k] == b[k], "attribute %d: %d, then %d", k, a[k], b[k]);
			AS_FUZZ_CHECK(under_sub || a[k] == c[k],
				      "attribute %d of a path outside sub/: %d, root alone %d", k, a[k], c[k]);
		}
		p = nl ? nl + 1 : end;
	}
	as_attributes_free(both);
	as_attributes_free(root);
	return 0;
}
