/*
 * test-tool fuzz-replay HARNESS FILE...   run inputs through a fuzz harness
 * test-tool fuzz-replay --list            the harnesses
 *
 * The harnesses of fuzz/ are linked into test-tool without libFuzzer, so
 * that the crashes fuzzing found (tests/hostile/fuzz-regressions/) and
 * the seed corpora replay in the normal suite, and under `make sanitize`
 * with ASan and UBSan. A broken invariant aborts (fuzz/fuzz.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fuzz/fuzz.h"
#include "util/buf.h"

int cmd__fuzz_replay(int argc, char **argv);

static const struct {
	const char *name;
	int (*fn)(const uint8_t *data, size_t size);
} harnesses[] = {
#define AS_FUZZ_ENTRY(name) { #name, as_fuzz_##name },
	AS_FUZZ_HARNESSES(AS_FUZZ_ENTRY)
#undef AS_FUZZ_ENTRY
};

static int replay(int (*fn)(const uint8_t *, size_t), const char *path)
{
	FILE *f = fopen(path, "rb");
	as_buf in = AS_BUF_INIT;
	char chunk[65536];
	size_t r;

	if (!f) {
		perror(path);
		return 2;
	}
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		as_buf_put(&in, chunk, r);
	if (ferror(f)) {
		perror(path);
		fclose(f);
		as_buf_free(&in);
		return 2;
	}
	fclose(f);
	/* an exact-size copy, as libFuzzer gives it: ASan sees overreads */
	uint8_t *data = malloc(in.len ? in.len : 1);
	if (!data)
		return 3;
	if (in.len)
		memcpy(data, in.ptr, in.len);
	fn(data, in.len);
	free(data);
	as_buf_free(&in);
	return 0;
}

int cmd__fuzz_replay(int argc, char **argv)
{
	const size_t n = sizeof(harnesses) / sizeof(harnesses[0]);

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (size_t i = 0; i < n; i++)
			printf("%s\n", harnesses[i].name);
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: test-tool fuzz-replay HARNESS FILE... | --list\n");
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(argv[1], harnesses[i].name))
			continue;
		for (int a = 2; a < argc; a++) {
			int rc = replay(harnesses[i].fn, argv[a]);
			if (rc)
				return rc;
			printf("ok %s %s\n", argv[1], argv[a]);
		}
		return 0;
	}
	fprintf(stderr, "test-tool fuzz-replay: no harness '%s' (--list)\n", argv[1]);
	return 2;
}
