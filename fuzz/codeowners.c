/*
 * CODEOWNERS (source/codeowners.c): parsing any text and matching paths
 * against it. Anyone who can push can change the CODEOWNERS that
 * `antisilo owners` and the metrics read.
 *
 * Input: the CODEOWNERS text; after the first NUL (if any), paths to
 * match, one a line. Paths are also made from the words of the text.
 *
 * Invariants:
 *   - as_codeowners_match() (an index of the rules by their leading
 *     directories) gives exactly what a scan of every rule from the last
 *     gives (GitHub: the last matching line wins);
 *   - a literal pattern ("/docs/api/", "src/main.c") matches the path it
 *     spells;
 *   - rules, owners and errors are consistent.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "source/codeowners.h"
#include "util/buf.h"

static const char *const fixed_paths[] = {
	"README.md", "src/main.c", "docs/api/index.md", "packages/rrweb/src/a.ts",
	".github/CODEOWNERS", "a/b/c/d/e/f/g", "apps/x", "logs/2024/x.log",
	"a b/c", "#x", "\xc3\xa9t\xc3\xa9/f",
};

static void check_path(const as_codeowners *co, const char *path, size_t len)
{
	const as_codeowners_rule *got = as_codeowners_match(co, path, len), *want = NULL;
	for (size_t r = co->nrules; r-- > 0;) {
		if (as_pattern_match(&co->patterns, &co->rules[r].pattern, path, len)) {
			want = &co->rules[r];
			break;
		}
	}
	AS_FUZZ_CHECK(got == want, "path '%.*s': the index says line %d, the scan line %d",
		      (int)len, path, got ? (int)got->line : 0, want ? (int)want->line : 0);
}

/* The pattern of line `line` as written, if it is a plain literal. */
static int literal_path(as_buf *out, const char *text, size_t len, uint32_t line)
{
	const char *p = text, *end = text + len;
	for (uint32_t l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (line == 1 && len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	const char *w = p;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\n')
		p++;
	size_t n = (size_t)(p - w);
	if (n && w[n - 1] == '\r' && (p == end || *p == '\n'))
		n--;  /* CRLF: the parser drops the CR */
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '/' || (c == '.' && i && w[i - 1] != '/' &&
							  w[i - 1] != '.')))
			return 0;
		if (c == '/' && i + 1 < n && w[i + 1] == '/')
			return 0;
	}
	as_buf_clear(out);
	if (w[0] == '/') {
		w++;
		n--;
	}
	if (!n)
		return 0;
	as_buf_put(out, w, n);
	if (w[n - 1] == '/')
		as_buf_puts(out, "file");
	return 1;
}

AS_FUZZ_TARGET(codeowners)
{
	const char *text = as_fuzz_cstr(data, size);
	const char *nul = memchr(text, '\0', size);
	size_t tlen = nul ? (size_t)(nul - text) : size;
	as_codeowners co;
	as_buf path = AS_BUF_INIT;

	as_codeowners_init(&co);
	/* the whole input first: NUL bytes in a CODEOWNERS blob */
	AS_FUZZ_CHECK(as_codeowners_parse(&co, text, size) == 0, "parse failed");
	/* then the text part (a second parse into the same object) */
	AS_FUZZ_CHECK(as_codeowners_parse(&co, text, tlen) == 0, "parse failed");

	for (size_t r = 0; r < co.nrules; r++) {
		const as_codeowners_rule *rule = &co.rules[r];
		AS_FUZZ_CHECK(rule->line >= 1 && (r == 0 || rule->line > co.rules[r - 1].line),
			      "rule %zu: line %u", r, rule->line);
		AS_FUZZ_CHECK(rule->first_owner + rule->nowners <= co.nowners, "rule %zu owners", r);
		for (size_t k = 0; k < rule->nowners; k++)
			AS_FUZZ_CHECK(strlen(as_codeowners_owner(&co, rule, k)) >= 2,
				      "rule %zu: owner %zu too short", r, k);
		if (literal_path(&path, text, tlen, rule->line)) {
			AS_FUZZ_CHECK(as_pattern_match(&co.patterns, &rule->pattern, path.ptr, path.len),
				      "line %u: the literal pattern does not match '%s'", rule->line,
				      path.ptr);
			check_path(&co, path.ptr, path.len);
		}
	}
	for (size_t e = 0; e < co.nerrors && e < AS_CODEOWNERS_MAX_ERRORS; e++)
		AS_FUZZ_CHECK(co.errors[e].line >= 1, "error %zu without a line", e);

	for (size_t i = 0; i < sizeof(fixed_paths) / sizeof(fixed_paths[0]); i++)
		check_path(&co, fixed_paths[i], strlen(fixed_paths[i]));

	/* the paths after the NUL, and the words of the text */
	const char *p = nul ? nul + 1 : text + size, *end = text + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		check_path(&co, p, n);
		p = nl ? nl + 1 : end;
	}
	p = text;
	end = text + tlen;
	for (int words = 0; p < end && words < 64; words++) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		const char *w = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		if (p == w)
			break;
		as_buf_clear(&path);
		for (const char *c = w[0] == '/' ? w + 1 : w; c < p; c++)
			as_buf_putc(&path, *c == '*' || *c == '?' ? 'x' : *c);
		check_path(&co, as_buf_cstr(&path), path.len);
	}
	as_buf_free(&path);
	as_codeowners_free(&co);
	return 0;
}
