#ifndef AS_CODEOWNERS_H
#define AS_CODEOWNERS_H
/*
 * GitHub's CODEOWNERS: found in a tree as GitHub finds it, parsed and
 * matched with GitHub's rules ("About code owners", docs.github.com).
 *
 * File: `.github/CODEOWNERS`, else `CODEOWNERS`, else `docs/CODEOWNERS`
 * (the first that exists as a regular file wins; a symlink, directory or
 * submodule of that name is skipped). GitHub does not load a file of
 * 3 MB or more; as_codeowners_load() says so (AS_ELIMIT).
 *
 * Lines: blank lines and lines whose first non-blank is '#' are comments;
 * `PATTERN [OWNER...]` with an optional `# comment` after an unescaped '#'.
 * A pattern with no owner makes the paths it matches unowned. The LAST
 * matching line wins. An owner is `@user`, `@org/team` or an e-mail
 * address, kept as written. A line GitHub reports as an error is skipped
 * (as GitHub does) and recorded in `errors`:
 *   - `!pattern` (negation) and `[ ]` (character ranges): not supported;
 *   - `\#...` (escaping a leading '#': GitHub says it does not work);
 *   - `***`, a trailing lone backslash, an owner that is none of the
 *     three forms, more than AS_PATTERN_MAX_SEGMENTS path segments.
 *
 * Patterns (gitignore's, as GitHub applies them; hmarr/codeowners'
 * testdata/patterns.json is the reference the tests follow):
 *   - '*' any run of characters but '/', '?' one character but '/',
 *     '\x' the character x (so "\ " is a space in a path);
 *   - a pattern with a '/' at its start or in its middle is anchored at
 *     the root; without one it matches at any depth ("*.js", "apps/");
 *   - a trailing '/' matches directories only, so everything below one;
 *   - a pattern that matches a directory owns everything below it
 *     ("/apps/github", "logs" after a double-star segment), except a
 *     final lone '*': "docs/" then '*' is the files directly in docs/,
 *     not docs/a/b;
 *   - a double star "**" as a whole segment: any number of directories
 *     when it leads or is in the middle, everything below when it ends
 *     the pattern.
 * Paths are repository-relative, '/'-separated, case-sensitive.
 *
 * Bounded work on hostile files: parsing is one pass; a pattern is at
 * most AS_PATTERN_MAX_SEGMENTS segments; matching one path against one
 * pattern is a set-of-states simulation, O(path segments x pattern
 * segments) glob steps, each glob O(segment x glob) at worst (no
 * backtracking across segments, no recursion). Matching scans the lines
 * from the last and stops at the first match, and only the lines that can
 * match: an index of the rules by their leading literal directories
 * ("/packages/rrweb/" is filed under packages/rrweb) leaves, for a path,
 * the rules filed under its own leading directories and the unanchored
 * ones ("*.js", "apps/"), so a CODEOWNERS of thousands of "/dir/ @team"
 * lines costs a few pattern tests per path.
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* ---- gitignore-style patterns (also used for rules.ini team paths) ---- */

#define AS_PATTERN_MAX_SEGMENTS 63

typedef struct {
	uint32_t off;     /* into the set's text: the segment as written */
	uint32_t len;
	uint8_t kind;     /* private: see codeowners.c */
	uint8_t literal;  /* no wildcard, no escape: compared with memcmp */
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
/*
 * Compiles one pattern (as written in the file: escapes included) into
 * `ps`. Returns 0, or AS_EINPUT with *why set to a static explanation.
 */
int as_patterns_add(as_patterns *ps, as_pattern *out, const char *pat,
		    size_t len, const char **why);
/* Does `path` (repository-relative, no leading '/') match? 1 or 0. */
int as_pattern_match(const as_patterns *ps, const as_pattern *p,
		     const char *path, size_t len);

/* ---- CODEOWNERS -------------------------------------------------------- */

/* GitHub ignores a CODEOWNERS file of this size or more. */
#define AS_CODEOWNERS_GITHUB_MAX ((size_t)3 * 1024 * 1024)
/* Errors kept with their line (the count goes on). */
#define AS_CODEOWNERS_MAX_ERRORS 100

typedef struct {
	as_pattern pattern;
	uint32_t line;        /* 1-based line in the file */
	uint32_t first_owner; /* into owners[] */
	uint32_t nowners;     /* 0: unowned */
} as_codeowners_rule;

typedef struct {
	uint32_t line;
	char msg[120];
} as_codeowners_error;

typedef struct {
	char *path;                  /* where it was found, e.g. ".github/CODEOWNERS" */
	as_codeowners_rule *rules;
	size_t nrules, rules_alloc;
	uint32_t *owners;            /* offsets of NUL-terminated handles in
				      * patterns.text */
	size_t nowners, owners_alloc;
	as_patterns patterns;
	as_codeowners_error errors[AS_CODEOWNERS_MAX_ERRORS];
	size_t nerrors;              /* all of them; the first ones are kept */

	/* private: the rules by their leading literal directories */
	struct as_codeowners_index *index_;
} as_codeowners;

void as_codeowners_init(as_codeowners *co);
void as_codeowners_free(as_codeowners *co);

/*
 * Parses a CODEOWNERS text into `co` (emptied first). Never fails for bad
 * lines (they go to `errors`); AS_ELIMIT for a text over 4 GiB.
 */
int as_codeowners_parse(as_codeowners *co, const char *text, size_t len);

/*
 * Finds and parses the CODEOWNERS of `tree` (see above), reading only git
 * objects. Returns 0, AS_ENOTFOUND when there is none, AS_ELIMIT when the
 * file found is `max_bytes` or larger (0: no limit; pass
 * AS_CODEOWNERS_GITHUB_MAX to do what GitHub does); co->path is set in
 * all three cases but the second. AS_EINTERNAL when objects cannot be read.
 */
int as_codeowners_load(as_codeowners *co, git_repository *repo,
		       const git_tree *tree, size_t max_bytes);

/* The rule that decides `path` (the last matching), or NULL. */
const as_codeowners_rule *as_codeowners_match(const as_codeowners *co,
					      const char *path, size_t len);

static inline const char *as_codeowners_owner(const as_codeowners *co,
					      const as_codeowners_rule *r, size_t k)
{
	return co->patterns.text.ptr + co->owners[r->first_owner + k];
}

#endif
