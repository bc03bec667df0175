/*
 * Trailers (source/trailer.c) on any message: what git's
 * `%(trailers:only,unfold)` would list.
 *
 * Invariants: each item's line is "key: value"; the key is a non-empty
 * token of ASCII letters, digits and '-'; the value is one line without
 * white space at either end; parsing appends (a second parse into the
 * same list adds the same items again, with the first ones intact).
 */
#include "fuzz.h"

#include <string.h>

#include "source/trailer.h"

static int g_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void check_item(const as_trailer *it, size_t i)
{
	size_t kl = strlen(it->key), vl = strlen(it->value);

	AS_FUZZ_CHECK(kl > 0, "trailer %zu: empty key", i);
	for (size_t k = 0; k < kl; k++) {
		unsigned char c = (unsigned char)it->key[k];
		AS_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '-',
			      "trailer %zu: key '%s' has byte 0x%02x", i, it->key, c);
	}
	AS_FUZZ_CHECK(!strncmp(it->line, it->key, kl) && !strncmp(it->line + kl, ": ", 2) &&
		      !strcmp(it->line + kl + 2, it->value),
		      "trailer %zu: line '%s' is not '%s: %s'", i, it->line, it->key, it->value);
	AS_FUZZ_CHECK(!strchr(it->value, '\n'), "trailer %zu: newline in the value", i);
	AS_FUZZ_CHECK(!vl || (!g_isspace((unsigned char)it->value[0]) &&
			      !g_isspace((unsigned char)it->value[vl - 1])),
		      "trailer %zu: value '%s' not trimmed", i, it->value);
}

AS_FUZZ_TARGET(trailer)
{
	as_trailers t = AS_TRAILERS_INIT;
	size_t n;

	as_trailers_parse(&t, (const char *)data, size);
	n = t.nr;
	for (size_t i = 0; i < n; i++)
		check_item(&t.items[i], i);

	/* appending: the same items again after the first ones */
	as_trailers_parse(&t, (const char *)data, size);
	AS_FUZZ_CHECK(t.nr == 2 * n, "second parse: %zu items, expected %zu", t.nr, 2 * n);
	for (size_t i = 0; i < n; i++) {
		check_item(&t.items[i], i);
		AS_FUZZ_CHECK(!strcmp(t.items[i].line, t.items[n + i].line),
			      "item %zu differs on the second parse", i);
	}

	/* reset keeps memory and starts over */
	as_trailers_reset(&t);
	as_trailers_parse(&t, (const char *)data, size);
	AS_FUZZ_CHECK(t.nr == n, "after reset: %zu items, expected %zu", t.nr, n);
	as_trailers_clear(&t);
	return 0;
}
