#ifndef AS_PATTERN_H
#define AS_PATTERN_H
/*
 * Path patterns: one engine for every glob antisilo reads — CODEOWNERS
 * lines and rules.ini team `paths` (GitHub's gitignore-style semantics)
 * and `tracker_paths` (globs anchored at the top).
 *
 * No regex anywhere: a pattern is compiled into a few segment tokens and
 * a path is matched by simulating the set of tokens it can be at, segment
 * by segment, so hostile patterns cannot make the work explode (a regex
 * built from "a*a*a*...b" can): O(path segments x pattern segments) glob
 * steps, each O(segment x glob) at worst.
 *
 * Common to all: '*' any run of characters but '/', '?' one character
 * but '/', '\x' the character x; "**" as a whole segment spans any number
 * of directories (everything below when it ends the pattern). Paths are
 * repository-relative, '/'-separated, case-sensitive.
 *
 * GitHub's semantics (flags 0; hmarr/codeowners' testdata/patterns.json is
 * the reference the tests follow):
 *   - a pattern with a '/' at its start or in its middle is anchored at
 *     the root; without one it matches at any depth ("*.js", "apps/");
 *   - a trailing '/' matches directories only, so everything below one;
 *   - a pattern that matches a directory owns everything below it, except
 *     a final lone '*' ("docs/" then '*' is the files directly in docs/);
 *   - '[' and ']' are literal characters: GitHub supports no character
 *     ranges, so "/apps/[param]/file.ts" names that very path.
 * The flags change that:
 *   AS_PATTERN_ANCHORED  always anchored at the root ("TODO.md" is the
 *                        top-level file only; "** /TODO.md" any depth)
 *   AS_PATTERN_FILES     the last segment names files: a matched
 *                        directory does not own what is below it
 *   AS_PATTERN_CLASSES   "[a-z]", "[!x]", "[^x]" are character classes
 *                        (a '[' with no closing ']' is literal)
 * tracker_paths uses all three (AS_PATTERN_GLOB).
 */
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define AS_PATTERN_MAX_SEGMENTS 63

enum {
	AS_PATTERN_ANCHORED = 1,
	AS_PATTERN_FILES = 2,
	AS_PATTERN_CLASSES = 4,
	AS_PATTERN_GLOB = 7,
};

/* Token kinds: a pattern is a sequence of them, each matching path
 * segments. */
enum {
	AS_PTOK_ANY = 0,  /* zero or more segments (a "**" segment; the descent
			   * into a directory that a pattern matched) */
	AS_PTOK_ONE = 1,  /* exactly one segment, any (a lone '*') */
	AS_PTOK_GLOB = 2, /* exactly one segment matching the glob */
};

typedef struct {
	uint32_t off;     /* into the set's text: the segment as written */
	uint32_t len;
	uint8_t kind;     /* AS_PTOK_* */
	uint8_t literal;  /* no wildcard, no escape: compared with memcmp */
	uint8_t classes;  /* '[...]' are character classes in this segment */
} as_pattern_tok;

/* Storage for many compiled patterns. */
typedef struct {
	as_pattern_tok *toks;
	size_t ntoks, toks_alloc;
	as_buf text;
} as_patterns;

/* One compiled pattern: toks[first .. first + n) of its set. */
typedef struct {
	uint32_t first;
	uint32_t n;
} as_pattern;

void as_patterns_init(as_patterns *ps);
void as_patterns_free(as_patterns *ps);
/* Empties the set, keeping its memory. */
void as_patterns_clear(as_patterns *ps);
/*
 * Compiles one pattern (as written in the file: escapes included) into
 * `ps` with `flags` (AS_PATTERN_*). Returns 0, or AS_EINPUT with *why set
 * to a static explanation.
 */
int as_patterns_add(as_patterns *ps, as_pattern *out, const char *pat,
		    size_t len, unsigned flags, const char **why);
/* Does `path` (repository-relative, no leading '/') match? 1 or 0. */
int as_pattern_match(const as_patterns *ps, const as_pattern *p,
		     const char *path, size_t len);
/*
 * A path the pattern matches, written to `out` (emptied first): its
 * literal segments, a wildcard as 'x' ("*.sql" -> "x.sql", "docs/ *" ->
 * "docs/x"), nothing for a "**" in front or in the middle, and with
 * `below`, a file "x" under the directory a pattern that owns what is
 * below it names ("search/" -> "search/x"). Returns 0, or -1 when there
 * is no such path (the empty pattern). Whoever compares two patterns
 * asks whether one matches the other's example.
 */
int as_pattern_example(const as_patterns *ps, const as_pattern *p, int below, as_buf *out);
/* Does the pattern start with "**" (match at any depth)? */
int as_pattern_floating(const as_patterns *ps, const as_pattern *p);
/* Could a path below directory `dir` ("" or NULL: the top; no trailing
 * '/') match? 1 or 0: lets a tree walk skip whole directories. */
int as_pattern_may_contain(const as_patterns *ps, const as_pattern *p,
			   const char *dir, size_t len);

#endif
