#ifndef AS_INI_H
#define AS_INI_H
/*
 * One INI file, read with iniparser (SPEC §5) but with iniparser's traps
 * closed (LIBNOTES.md): a pre-scan of the raw file records the line of
 * every section and key and rejects what iniparser would silently get
 * wrong; the values themselves come from iniparser. The result is a plain
 * list of sections and keys, in file order, each with FILE:LINE, so that
 * the loaders of config/ can report every error with its place and never touches
 * iniparser itself. Quoting rules: see the comment at the top of ini.c.
 */
#include <stddef.h>

typedef struct {
	char *name;        /* lower case, as iniparser stores it */
	char *value;       /* as iniparser returns it (quotes removed) */
	const char *file;  /* owned by the as_ini (files[]) */
	int line;
	int quoted;        /* the value was written in quotes */
} as_ini_key;

typedef struct {
	char *name;        /* lower case: "rule.assigned-by-trailer" */
	const char *file;
	int line;
	as_ini_key *keys;
	size_t nkeys, keys_alloc;
} as_ini_section;

typedef struct {
	as_ini_section *sections;
	size_t nsections, sections_alloc;
	char **files;      /* the files that contributed, in the order read */
	size_t nfiles, files_alloc;
} as_ini;

#define AS_INI_INIT { NULL, 0, 0, NULL, 0, 0 }

/* The longest line iniparser 4.1 reads (its buffer is 1,024 bytes). */
#define AS_INI_MAX_LINE 1022

/*
 * Reads one file into `out` (which must be empty). Returns 0, or
 * AS_ECONFIG with "FILE:LINE: what is wrong" (or "FILE: cannot read: ...")
 * and `out` left empty.
 */
int as_ini_read(as_ini *out, const char *path);

/*
 * Overlays `over` onto `base`, key by key: a key of `over` replaces the
 * key of the same section and name in `base` (taking its file and line),
 * new keys and sections are appended; a section present in both takes the
 * file and line of `over`. `over` is emptied (its strings move to base).
 */
void as_ini_overlay(as_ini *base, as_ini *over);

const as_ini_section *as_ini_section_find(const as_ini *ini, const char *name);
const as_ini_key *as_ini_key_find(const as_ini_section *sec, const char *name);

void as_ini_free(as_ini *ini);

#endif
