#ifndef AS_FUZZ_H
#define AS_FUZZ_H
/*
 * The fuzz harnesses (fuzz/README.md). Each harness file defines one
 * as_fuzz_NAME() that takes a libFuzzer input; AS_FUZZ_TARGET(NAME) also
 * makes it the LLVMFuzzerTestOneInput of the fuzzer binary when built by
 * `make fuzz` (-DAS_FUZZ_LIBFUZZER), and without that flag the same code
 * is linked into test-tool, where `test-tool fuzz-replay NAME FILE` replays
 * an input through the normal (or `make sanitize`) build.
 *
 * A harness returns 0; a broken invariant aborts through AS_FUZZ_CHECK,
 * which libFuzzer reports as a crash (and test-tool as a failed test).
 */
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"

#define AS_FUZZ_HARNESSES(X) \
	X(commit) X(trailer) X(mailmap) X(config) X(codeowners) \
	X(tracker_md) X(tracker_github) X(tracker_jira) X(push) \
	X(sanitize) X(rules) X(loose) X(attributes) X(org_csv) \
	X(identities) X(github_teams) X(tracker_prs) X(tracker_protection) \
	X(tracker_gitlab) X(repo_list) X(message)

#define AS_FUZZ_DECLARE(name) int as_fuzz_##name(const uint8_t *data, size_t size);
AS_FUZZ_HARNESSES(AS_FUZZ_DECLARE)

#ifdef AS_FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#define AS_FUZZ_TARGET(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
	{ return as_fuzz_##name(data, size); } \
	int as_fuzz_##name(const uint8_t *data, size_t size)
#else
#define AS_FUZZ_TARGET(name) int as_fuzz_##name(const uint8_t *data, size_t size)
#endif

_Noreturn void as_fuzz_fail(const char *file, int line, const char *cond,
			    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* AS_FUZZ_CHECK(cond, "what: %d", x): abort with the message when !cond. */
#define AS_FUZZ_CHECK(cond, ...) \
	do { if (!(cond)) as_fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); } while (0)

/*
 * Writes data[0..size) to the file `name` in this process's private
 * temporary directory (made on first use under $TMPDIR, removed at exit)
 * and returns its path (valid until the next call with the same name).
 * For the parsers that read a file by name (iniparser, tracker exports).
 */
const char *as_fuzz_file(const char *name, const void *data, size_t size);

/* The directory as_fuzz_file() writes into. */
const char *as_fuzz_dir(void);

/*
 * The shipped rules.ini, loaded once: $ANTISILO_FUZZ_RULES, else the
 * default path (as_config_default_path(): $ANTISILO_DEFAULT_RULES).
 * Aborts when it cannot be loaded.
 */
const as_config *as_fuzz_shipped_rules(void);

/*
 * The shipped rules ($ANTISILO_FUZZ_RULES, else "default") with `org` (an
 * org chart: [people], [managers], teams) after them, written to the file
 * `name` and loaded into *cfg. Aborts when they cannot be loaded.
 */
void as_fuzz_load_rules(as_config *cfg, const char *name, const char *org);

/* A copy of data[0..size) in a buffer of exactly size + 1 bytes, the last
 * a NUL (so that ASan sees any read past it); freed by the next call. */
const char *as_fuzz_cstr(const uint8_t *data, size_t size);

#endif
