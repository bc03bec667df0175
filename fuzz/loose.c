/*
 * Loose object files (source/repo.c): the reader antisilo puts in front of
 * libgit2's, because libgit2 1.5.1 spins forever on a truncated one. The
 * input is the file's bytes; it is written as a loose object of a scratch
 * bare repository and read back through as_repo_open and git_odb_read, as
 * every command reads objects.
 *
 * Invariants (zlib's own inflate of the whole input is the reference): the
 * object is read exactly when the input is one complete zlib stream
 * (bytes after it are ignored, as git does) holding "<type> <size>\0"
 * and then exactly <size> bytes, with a type of commit, tree, blob or tag;
 * it then has that type, size and content, and the header read agrees.
 * Anything else is an error, never a hang (libFuzzer's -timeout).
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#define ZLIB_CONST /* next_in is const */
#include <zlib.h>
#include <git2.h>

#include "source/repo.h"

/* the id the input is stored under (no hash check: see below) */
#define OID_HEX "ab0123456789abcdef0123456789abcdef012345"
#define MAX_REFERENCE (1u << 24)

static char repo_path[4096];

static void setup(void)
{
	git_repository *repo;
	git_libgit2_init();
	/* the hash would never match a fuzzed object: compare contents instead */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	snprintf(repo_path, sizeof(repo_path), "%s/loose.git", as_fuzz_dir());
	AS_FUZZ_CHECK(git_repository_init(&repo, repo_path, 1) == 0, "cannot make %s", repo_path);
	git_repository_free(repo);
	char fan[4200];
	snprintf(fan, sizeof(fan), "%s/objects/%.2s", repo_path, OID_HEX);
	AS_FUZZ_CHECK(mkdir(fan, 0777) == 0, "cannot make %s", fan);
}

/* zlib's reading: 1 and the inflated bytes for one complete stream. */
static int reference(const uint8_t *data, size_t size, unsigned char **out, size_t *len)
{
	z_stream z = { .next_in = (const Bytef *)data, .avail_in = (uInt)size };
	size_t cap = 4096;
	unsigned char *buf = malloc(cap);
	int ret = inflateInit(&z) == Z_OK ? Z_OK : Z_STREAM_ERROR;
	*len = 0;
	while (ret == Z_OK) {
		if (*len == cap) {
			if (cap >= MAX_REFERENCE)
				break;
			cap *= 2;
			buf = realloc(buf, cap);
		}
		z.next_out = buf + *len;
		z.avail_out = (uInt)(cap - *len);
		ret = inflate(&z, Z_NO_FLUSH);
		*len = cap - z.avail_out;
		if (ret == Z_BUF_ERROR && z.avail_out == 0 && cap < MAX_REFERENCE)
			ret = Z_OK; /* only the output was short */
	}
	inflateEnd(&z);
	*out = buf;
	return ret == Z_STREAM_END;
}

/* The header as git writes it: the type, the body offset and size, or 0. */
static git_object_t expected_header(const unsigned char *s, size_t len, size_t *body, size_t *size)
{
	static const char *const names[] = { "commit", "tree", "blob", "tag" };
	static const git_object_t types[] = { GIT_OBJECT_COMMIT, GIT_OBJECT_TREE,
					      GIT_OBJECT_BLOB, GIT_OBJECT_TAG };
	const unsigned char *nul = memchr(s, '\0', len < 64 ? len : 64);
	const unsigned char *sp = nul ? memchr(s, ' ', (size_t)(nul - s)) : NULL;
	if (!sp)
		return GIT_OBJECT_INVALID;
	git_object_t type = GIT_OBJECT_INVALID;
	for (int i = 0; i < 4; i++)
		if ((size_t)(sp - s) == strlen(names[i]) && !memcmp(s, names[i], (size_t)(sp - s)))
			type = types[i];
	const unsigned char *p = sp + 1;
	if (p == nul || (*p == '0' && p + 1 != nul))
		return GIT_OBJECT_INVALID;
	unsigned long long n = 0;
	for (; p < nul; p++) {
		if (*p < '0' || *p > '9' || n > (SIZE_MAX - 9) / 10)
			return GIT_OBJECT_INVALID;
		n = n * 10 + (unsigned)(*p - '0');
	}
	*body = (size_t)(nul + 1 - s);
	*size = (size_t)n;
	return type;
}

AS_FUZZ_TARGET(loose)
{
	static int ready;
	char path[4200];
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_oid oid;
	size_t hsize = 0, body = 0, osize = 0, len;
	git_object_t htype = GIT_OBJECT_INVALID, type;
	unsigned char *ref;

	if (!ready++)
		setup();
	FILE *f;
	snprintf(path, sizeof(path), "%s/objects/%.2s/%s", repo_path, OID_HEX, &OID_HEX[2]);
	AS_FUZZ_CHECK((f = fopen(path, "wb")) != NULL, "cannot write %s", path);
	fwrite(data, 1, size, f);
	fclose(f);

	int complete = reference(data, size, &ref, &len);
	type = complete ? expected_header(ref, len, &body, &osize) : GIT_OBJECT_INVALID;
	int readable = type != GIT_OBJECT_INVALID && len - body == osize;

	git_oid_fromstr(&oid, OID_HEX);
	AS_FUZZ_CHECK(as_repo_open(&repo, repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH) == 0 &&
		      git_repository_odb(&odb, repo) == 0, "cannot open %s", repo_path);
	int hrc = git_odb_read_header(&hsize, &htype, odb, &oid);
	int rc = git_odb_read(&obj, odb, &oid);
	AS_FUZZ_CHECK((rc == 0) == readable, "read %d, zlib says %s", rc,
		      readable ? "readable" : "not readable");
	if (readable) {
		AS_FUZZ_CHECK(git_odb_object_type(obj) == type, "type");
		AS_FUZZ_CHECK(git_odb_object_size(obj) == osize, "size");
		AS_FUZZ_CHECK(!memcmp(git_odb_object_data(obj), ref + body, osize), "content");
		AS_FUZZ_CHECK(hrc == 0 && htype == type && hsize == osize, "header");
	} else {
		AS_FUZZ_CHECK(git_error_last() != NULL, "an error without a message");
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_repository_free(repo);
	free(ref);
	return 0;
}
