#ifndef AS_METRICS_FILES_H
#define AS_METRICS_FILES_H
/*
 * Which files of the tip count in knowledge silos and truck factors
 * ("files that matter", README "Metrics"). Code counts; documentation,
 * images, fonts, media, lockfiles, vendored and generated files do not:
 * one person writing the docs or bumping a lockfile is no knowledge silo,
 * and Avelino et al. filtered such files out too (with linguist).
 *
 * A file's fate, first rule that decides:
 *   1. rules.ini `silo_include` (globs): counted, whatever follows;
 *   2. rules.ini `silo_exclude` (globs): left out ("silo_exclude");
 *   3. .gitattributes linguist-vendored, linguist-generated,
 *      linguist-documentation (source/attributes.h): true leaves the file
 *      out for that reason; false takes the file out of that category of
 *      the list below (linguist-generated=false also of "lockfile": linguist
 *      calls lockfiles generated);
 *   4. the shipped list below (files.c, README), matched without regard
 *      to ASCII case, in this order: vendored, generated, lockfile,
 *      documentation, image, font, media;
 *   5. else the file counts, when the audited history has it (a file no
 *      commit of the range added or changed has no authors to count:
 *      "no_history").
 * Globs are CODEOWNERS/gitignore patterns (codeowners.h): "*.md" at any
 * depth, "/docs/" at the root, "vendor/" a directory at any depth.
 */
#include <stddef.h>

#include "source/attributes.h"
#include "source/codeowners.h"

typedef enum {
	AS_FILE_COUNTED,
	AS_FILE_SILO_EXCLUDE,
	AS_FILE_VENDORED,
	AS_FILE_GENERATED,
	AS_FILE_LOCKFILE,
	AS_FILE_DOCUMENTATION,
	AS_FILE_IMAGE,
	AS_FILE_FONT,
	AS_FILE_MEDIA,
	AS_FILE_NO_HISTORY,
	AS_FILE__COUNT
} as_file_reason;

/* "counted", "silo_exclude", "vendored", ..., "no_history". */
const char *as_file_reason_name(as_file_reason r);

typedef struct as_file_filter as_file_filter;

/*
 * Compiles the globs (include, exclude: NULL/0 for none) and the shipped
 * list; `attrs` (may be NULL) must outlive the filter. Returns 0, or
 * AS_ECONFIG "silo_exclude: 'PATTERN': why".
 */
int as_file_filter_new(as_file_filter **out, const char *const *include, size_t ninclude,
		       const char *const *exclude, size_t nexclude,
		       const as_attributes *attrs);
void as_file_filter_free(as_file_filter *f);

/* The reason of rules 1 to 4 (AS_FILE_COUNTED when none leaves it out). */
as_file_reason as_file_filter_reason(const as_file_filter *f, const char *path, size_t len);

#endif
