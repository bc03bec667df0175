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
 *   - `!pattern` (negation): not supported (`[` and `]` are literal
 *     characters: GitHub supports no character ranges);
 *   - `\#...` (escaping a leading '#': GitHub says it does not work);
 *   - `***`, a trailing lone backslash, an owner that is none of the
 *     three forms, more than AS_PATTERN_MAX_SEGMENTS path segments.
 *
 * Patterns: util/pattern.h, with GitHub's semantics.
 *
 * Bounded work on hostile files: parsing is one pass; a pattern is at
 * most AS_PATTERN_MAX_SEGMENTS segments, matched in bounded steps
 * (util/pattern.h). Matching scans the lines
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
#include "util/pattern.h"

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
/* The same, with the file's text copied to `text` (emptied first) when
 * it was read: who reads lines of it (the CODEOWNERS history). */
int as_codeowners_load_text(as_codeowners *co, git_repository *repo,
			    const git_tree *tree, size_t max_bytes, as_buf *text);

/* The rule that decides `path` (the last matching), or NULL. */
const as_codeowners_rule *as_codeowners_match(const as_codeowners *co,
					      const char *path, size_t len);

static inline const char *as_codeowners_owner(const as_codeowners *co,
					      const as_codeowners_rule *r, size_t k)
{
	return co->patterns.text.ptr + co->owners[r->first_owner + k];
}

#endif
