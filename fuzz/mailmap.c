/*
 * .mailmap (source/mailmap.c): parse a blob, then map identities.
 *
 * Input: the .mailmap text; after the first NUL (which ends the blob, as
 * for git), lines "Name <email>" to map as `git check-mailmap` does.
 * Without a NUL, the lines of the text itself are mapped.
 *
 * Invariants: a mapped identity points into the input or into the mailmap
 * and has sane lengths; mapping is deterministic; and, since git compares
 * old e-mails and old names ASCII-case-insensitively, changing the case
 * of the query does not change whether it is mapped, nor to what (for the
 * parts the mailmap replaces).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "source/mailmap.h"

static void ascii_flip(char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 32);
		else if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] + 32);
	}
}

static int in(const char *p, const char *base, size_t len)
{
	return p >= base && p <= base + len;
}

static void query(const as_mailmap *mm, const char *line, size_t len)
{
	const char *lt = memchr(line, '<', len), *gt;
	if (!lt || !(gt = memchr(lt, '>', len - (size_t)(lt - line))))
		return;
	const char *name = line, *email = lt + 1;
	size_t name_len = (size_t)(lt - line), email_len = (size_t)(gt - email);
	while (name_len && strchr(" \t\r", line[name_len - 1]))
		name_len--;

	const char *n1 = name, *e1 = email;
	size_t nl1 = name_len, el1 = email_len;
	int m1 = as_mailmap_map(mm, &n1, &nl1, &e1, &el1);
	AS_FUZZ_CHECK(m1 == 0 || m1 == 1, "map returned %d", m1);
	if (!m1)
		AS_FUZZ_CHECK(n1 == name && e1 == email && nl1 == name_len && el1 == email_len,
			      "not mapped, yet the identity changed");
	/* a result is either the input or a NUL-free string of the mailmap */
	AS_FUZZ_CHECK(n1 == name || !memchr(n1, '\0', nl1), "name has a NUL");
	AS_FUZZ_CHECK(e1 == email || !memchr(e1, '\0', el1), "email has a NUL");

	/* deterministic */
	const char *n2 = name, *e2 = email;
	size_t nl2 = name_len, el2 = email_len;
	int m2 = as_mailmap_map(mm, &n2, &nl2, &e2, &el2);
	AS_FUZZ_CHECK(m1 == m2 && n1 == n2 && e1 == e2 && nl1 == nl2 && el1 == el2,
		      "mapping the same identity twice differs");

	/* ASCII case does not matter */
	char *flip = malloc(len ? len : 1);
	if (!flip)
		abort();
	memcpy(flip, line, len);
	ascii_flip(flip, len);
	const char *n3 = flip + (name - line), *e3 = flip + (email - line);
	size_t nl3 = name_len, el3 = email_len;
	int m3 = as_mailmap_map(mm, &n3, &nl3, &e3, &el3);
	AS_FUZZ_CHECK(m1 == m3, "'%.*s': mapped %d, with the case flipped %d", (int)len, line,
		      m1, m3);
	if (m1 && !in(n1, line, len)) {
		AS_FUZZ_CHECK(!in(n3, flip, len) && nl1 == nl3 && !memcmp(n1, n3, nl1),
			      "'%.*s': the name it maps to depends on case", (int)len, line);
	}
	if (m1 && !in(e1, line, len)) {
		AS_FUZZ_CHECK(!in(e3, flip, len) && el1 == el3 && !memcmp(e1, e3, el1),
			      "'%.*s': the e-mail it maps to depends on case", (int)len, line);
	}
	free(flip);
}

AS_FUZZ_TARGET(mailmap)
{
	const char *text = as_fuzz_cstr(data, size);
	const char *nul = memchr(data, '\0', size);
	as_mailmap *mm = as_mailmap_new();

	as_mailmap_parse(mm, (const char *)data, size);
	/* the queries: after the NUL, or the text itself */
	const char *q = nul ? text + (nul - (const char *)data) + 1 : text;
	const char *end = text + size;
	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		size_t len = (size_t)((nl ? nl : end) - q);
		if (!memchr(q, '\0', len))
			query(mm, q, len);
		q = nl ? nl + 1 : end;
	}
	/* an empty and a NULL mailmap map nothing */
	{
		const char *n = "A", *e = "a@b";
		size_t nl = 1, el = 3;
		AS_FUZZ_CHECK(as_mailmap_map(NULL, &n, &nl, &e, &el) == 0, "NULL mailmap mapped");
	}
	as_mailmap_free(mm);
	return 0;
}
