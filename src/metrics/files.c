/*
 * Files that matter (files.h): the shipped list, rules.ini's globs and
 * the linguist attributes.
 *
 * The shipped list follows the ideas of GitHub linguist's vendor.yml,
 * documentation.yml and generated.rb (what GitHub leaves out of a
 * repository's language statistics), written as globs; it is matched
 * against the path in lower case, so "README.md", "Readme.md" and
 * "readme.md" are one pattern. README, "Metrics", lists it for users.
 */
#include "metrics/files.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

static const char *const reason_names[AS_FILE__COUNT] = {
	"counted", "silo_exclude", "vendored", "generated", "lockfile", "documentation",
	"image", "font", "media", "no_history",
};

const char *as_file_reason_name(as_file_reason r)
{
	return (unsigned)r < AS_FILE__COUNT ? reason_names[r] : "?";
}

/* Third-party code kept in the repository, and tool wrappers. */
static const char *const vendored[] = {
	"vendor/", "vendors/", "third_party/", "third-party/", "thirdparty/", "3rdparty/",
	"node_modules/", "bower_components/", "jspm_packages/", "godeps/", "/deps/",
	"dist/", ".yarn/", "gradlew", "gradlew.bat", "gradle/wrapper/", "mvnw",
	"mvnw.cmd", ".mvn/wrapper/", "*.jar",
};
/* What a tool writes: minified and compiled files, source maps,
 * protocol buffers, test snapshots. */
static const char *const generated[] = {
	"*.min.js", "*.min.css", "*.js.map", "*.css.map", "*.pb.go", "*.pb.cc", "*.pb.h",
	"*_pb2.py", "*_pb2_grpc.py", "*.pb.swift", "*.g.dart", "*.freezed.dart",
	"*.designer.cs", "zz_generated.*", "__snapshots__/", "*.snap",
};
/* Dependency lockfiles of the package managers. */
static const char *const lockfiles[] = {
	"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
	"bun.lock", "bun.lockb", "deno.lock", "gemfile.lock", "cargo.lock", "poetry.lock",
	"pipfile.lock", "uv.lock", "pdm.lock", "composer.lock", "go.sum", "podfile.lock",
	"mix.lock", "flake.lock", "pubspec.lock", "packages.lock.json", "gradle.lockfile",
	"package.resolved", "cartfile.resolved",
};
/* Prose: documentation directories and formats, the usual top files. */
static const char *const documentation[] = {
	"/docs/", "/doc/", "documentation/", "javadoc/", "/man/", "examples/",
	"*.md", "*.markdown", "*.mdx", "*.rst", "*.adoc", "*.asciidoc", "*.textile",
	"*.rdoc", "*.pdf", "readme", "readme.*", "changelog", "changelog.*", "changes",
	"changes.md", "changes.rst", "changes.txt", "news", "news.md", "news.txt",
	"history.md", "history.rst", "contributing", "contributing.*", "authors",
	"authors.*", "contributors", "contributors.*", "license", "license.*", "licence",
	"licence.*", "copying", "copying.*", "notice", "notice.*", "code_of_conduct.*",
	"security.md", "install", "install.md", "install.txt", "citation.cff",
};
static const char *const images[] = {
	"*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp", "*.ico", "*.icns", "*.cur", "*.svg",
	"*.webp", "*.avif", "*.heic", "*.tif", "*.tiff", "*.psd", "*.xcf", "*.eps",
};
static const char *const fonts[] = {
	"*.ttf", "*.otf", "*.ttc", "*.woff", "*.woff2", "*.eot", "*.fon", "*.pfb", "*.pfm",
	"*.afm",
};
static const char *const media[] = {
	"*.mp3", "*.mp4", "*.m4a", "*.m4v", "*.wav", "*.aiff", "*.ogg", "*.oga", "*.ogv",
	"*.opus", "*.flac", "*.aac", "*.wma", "*.wmv", "*.webm", "*.mov", "*.avi", "*.mkv",
	"*.mpg", "*.mpeg", "*.flv", "*.3gp", "*.mid", "*.midi",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	as_file_reason reason;
	const char *const *globs;
	size_t n;
} shipped[] = {
	{ AS_FILE_VENDORED, vendored, N(vendored) },
	{ AS_FILE_GENERATED, generated, N(generated) },
	{ AS_FILE_LOCKFILE, lockfiles, N(lockfiles) },
	{ AS_FILE_DOCUMENTATION, documentation, N(documentation) },
	{ AS_FILE_IMAGE, images, N(images) },
	{ AS_FILE_FONT, fonts, N(fonts) },
	{ AS_FILE_MEDIA, media, N(media) },
};

typedef struct {
	as_pattern *items;
	size_t nr;
} glob_list;

struct as_file_filter {
	as_patterns patterns;
	glob_list include, exclude, shipped[N(shipped)];
	const as_attributes *attrs;
};

static int compile(as_file_filter *f, glob_list *l, const char *const *globs, size_t n,
		   const char *key)
{
	l->items = as_xcalloc(n + 1, sizeof(*l->items));
	for (size_t i = 0; i < n; i++) {
		const char *why;
		if (as_patterns_add(&f->patterns, &l->items[l->nr], globs[i], strlen(globs[i]),
				    AS_PATTERN_CLASSES, &why) < 0)
			return as_error_set(AS_ECONFIG, "%s: '%s': %s", key, globs[i], why);
		l->nr++;
	}
	return 0;
}

int as_file_filter_new(as_file_filter **out, const char *const *include, size_t ninclude,
		       const char *const *exclude, size_t nexclude,
		       const as_attributes *attrs)
{
	as_file_filter *f = as_xcalloc(1, sizeof(*f));
	int err;

	as_patterns_init(&f->patterns);
	f->attrs = attrs;
	*out = NULL;
	err = compile(f, &f->include, include, ninclude, "silo_include");
	if (!err)
		err = compile(f, &f->exclude, exclude, nexclude, "silo_exclude");
	for (size_t i = 0; i < N(shipped) && !err; i++)
		err = compile(f, &f->shipped[i], shipped[i].globs, shipped[i].n, "(shipped list)");
	if (err < 0) {
		as_file_filter_free(f);
		return err;
	}
	*out = f;
	return 0;
}

void as_file_filter_free(as_file_filter *f)
{
	if (!f)
		return;
	free(f->include.items);
	free(f->exclude.items);
	for (size_t i = 0; i < N(shipped); i++)
		free(f->shipped[i].items);
	as_patterns_free(&f->patterns);
	free(f);
}

static int any(const as_file_filter *f, const glob_list *l, const char *path, size_t len)
{
	for (size_t i = 0; i < l->nr; i++)
		if (as_pattern_match(&f->patterns, &l->items[i], path, len))
			return 1;
	return 0;
}

as_file_reason as_file_filter_reason(const as_file_filter *f, const char *path, size_t len)
{
	static const as_file_reason by_attr[AS_LINGUIST__COUNT] = {
		AS_FILE_VENDORED, AS_FILE_GENERATED, AS_FILE_DOCUMENTATION,
	};
	int attr[AS_LINGUIST__COUNT];

	if (any(f, &f->include, path, len))
		return AS_FILE_COUNTED;
	if (any(f, &f->exclude, path, len))
		return AS_FILE_SILO_EXCLUDE;
	as_attributes_linguist(f->attrs, path, len, attr);
	for (int k = 0; k < AS_LINGUIST__COUNT; k++)
		if (attr[k] == 1)
			return by_attr[k];

	as_buf lower = AS_BUF_INIT;
	as_buf_put(&lower, path, len);
	for (size_t i = 0; i < len; i++)
		if (lower.ptr[i] >= 'A' && lower.ptr[i] <= 'Z')
			lower.ptr[i] = (char)(lower.ptr[i] + 32);
	as_file_reason r = AS_FILE_COUNTED;
	for (size_t i = 0; i < N(shipped) && r == AS_FILE_COUNTED; i++) {
		as_file_reason why = shipped[i].reason;
		if ((why == AS_FILE_VENDORED && !attr[AS_LINGUIST_VENDORED]) ||
		    ((why == AS_FILE_GENERATED || why == AS_FILE_LOCKFILE) &&
		     !attr[AS_LINGUIST_GENERATED]) ||
		    (why == AS_FILE_DOCUMENTATION && !attr[AS_LINGUIST_DOCUMENTATION]))
			continue; /* .gitattributes says it is not one of those */
		if (any(f, &f->shipped[i], lower.ptr, len))
			r = why;
	}
	as_buf_free(&lower);
	return r;
}
