/*
 * Reading one INI file with iniparser 4.1, traps closed.
 *
 * iniparser is what SPEC §5 asks for, but on its own it gets several things
 * silently wrong (LIBNOTES.md). So every file is read once, through one
 * descriptor, and those bytes are looked at twice: first a pre-scan that
 * mirrors iniparser's line grammar (iniparser_line() in iniparser.c),
 * records FILE:LINE for every section and key and rejects what iniparser
 * would mangle; then iniparser_load() on a private copy of the same bytes
 * (load_bytes()), whose values we use, cross-checked against the pre-scan.
 *
 * The grammar, as iniparser reads it and as rules.ini must be written:
 *
 *   - A line is at most 1,022 bytes (iniparser's buffer is 1,024 with the
 *     newline and NUL); a longer line makes iniparser drop the whole file,
 *     so we reject it first, naming the line.
 *   - Lines starting with ';' or '#' are comments.
 *   - "[name]" starts a section. Nothing may follow the ']' (iniparser
 *     calls "[name] ; comment" a syntax error). Names are letters, digits,
 *     '.', '_' and '-'; in particular no ':' (iniparser stores keys as
 *     "section:key", so "[a:b] c" and "[a] b:c" would be the same key).
 *   - "key = value". Section names and keys are case-insensitive (iniparser
 *     lowercases them). Each key once per section, each section once per
 *     file: iniparser would keep the last value or merge the sections
 *     without a word, so both are errors here.
 *   - Values:
 *       key = plain value      ; a comment
 *     An unquoted value ends at the first ';' or '#': the rest is a
 *     comment. Because that silently truncates regular expressions, the
 *     keys `pattern`, `key` and `exclude` of [rule.*] sections may not
 *     contain ';' or '#' unquoted at all (so no comment after an unquoted
 *     pattern), and in any other value a ';' or '#' that is not preceded by
 *     white space is an error too ("Use C# here" must be quoted).
 *       key = 'single quoted'  ; a comment
 *     runs to the next single quote and may contain ';', '#' and '"' (but
 *     not "'": there is no escape). This is the form for patterns.
 *       key = "double quoted"
 *     runs to the next double quote and may contain ';', '#' and "'" (no
 *     escapes either). Quoted values keep their white space. After the
 *     closing quote only white space or a comment may follow (iniparser
 *     would silently drop anything else); a missing closing quote is an
 *     error. '' and "" are empty values.
 *   - Continuation lines (a trailing '\', which iniparser joins to the next
 *     line without a newline, inside its same 1,022-byte buffer) are NOT
 *     supported: they buy no length, and a comment that happens to end in
 *     '\' would silently swallow the next line. Any line ending in '\' is
 *     an error. A value that must end in a backslash can be quoted: the
 *     line then ends in the quote. (A pattern cannot end in a lone
 *     backslash anyway: PCRE2 rejects it.)
 *   - A UTF-8 byte order mark and NUL bytes are errors (iniparser would
 *     misread the first line, or stop reading a line at the NUL).
 *
 * CVE-2023-33461: iniparser_getint() and friends crash when the name looked
 * up is a section rather than a key. We only ever call iniparser_getstring()
 * with "section:key" names that the pre-scan saw as keys, and check for NULL.
 */
#include "config/ini.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* Larger rules files are not plausible; refuse rather than read gigabytes. */
#define MAX_FILE_BYTES (16u * 1024 * 1024)

/* ---- the as_ini container --------------------------------------------- */

static as_ini_section *add_section(as_ini *ini, const char *name,
				   const char *file, int line)
{
	AS_GROW(ini->sections, ini->nsections + 1, ini->sections_alloc);
	as_ini_section *s = &ini->sections[ini->nsections++];
	memset(s, 0, sizeof(*s));
	s->name = as_xstrdup(name);
	s->file = file;
	s->line = line;
	return s;
}

static as_ini_key *add_key(as_ini_section *s, const char *name, char *value,
			   const char *file, int line, int quoted)
{
	AS_GROW(s->keys, s->nkeys + 1, s->keys_alloc);
	as_ini_key *k = &s->keys[s->nkeys++];
	k->name = as_xstrdup(name);
	k->value = value;
	k->file = file;
	k->line = line;
	k->quoted = quoted;
	return k;
}

static as_ini_section *section_find(as_ini *ini, const char *name)
{
	for (size_t i = 0; i < ini->nsections; i++)
		if (!strcmp(ini->sections[i].name, name))
			return &ini->sections[i];
	return NULL;
}

static as_ini_key *key_find(as_ini_section *sec, const char *name)
{
	for (size_t i = 0; i < sec->nkeys; i++)
		if (!strcmp(sec->keys[i].name, name))
			return &sec->keys[i];
	return NULL;
}

const as_ini_section *as_ini_section_find(const as_ini *ini, const char *name)
{
	for (size_t i = 0; i < ini->nsections; i++)
		if (!strcmp(ini->sections[i].name, name))
			return &ini->sections[i];
	return NULL;
}

const as_ini_key *as_ini_key_find(const as_ini_section *sec, const char *name)
{
	if (!sec)
		return NULL;
	for (size_t i = 0; i < sec->nkeys; i++)
		if (!strcmp(sec->keys[i].name, name))
			return &sec->keys[i];
	return NULL;
}

static void free_section(as_ini_section *s)
{
	for (size_t k = 0; k < s->nkeys; k++) {
		free(s->keys[k].name);
		free(s->keys[k].value);
	}
	free(s->keys);
	free(s->name);
}

void as_ini_free(as_ini *ini)
{
	for (size_t i = 0; i < ini->nsections; i++)
		free_section(&ini->sections[i]);
	free(ini->sections);
	for (size_t i = 0; i < ini->nfiles; i++)
		free(ini->files[i]);
	free(ini->files);
	memset(ini, 0, sizeof(*ini));
}

void as_ini_overlay(as_ini *base, as_ini *over)
{
	for (size_t i = 0; i < over->nsections; i++) {
		as_ini_section *o = &over->sections[i];
		as_ini_section *b = section_find(base, o->name);
		if (!b) {
			AS_GROW(base->sections, base->nsections + 1, base->sections_alloc);
			base->sections[base->nsections++] = *o; /* moves the strings */
			continue;
		}
		b->file = o->file;
		b->line = o->line;
		for (size_t k = 0; k < o->nkeys; k++) {
			as_ini_key *ok = &o->keys[k];
			as_ini_key *bk = key_find(b, ok->name);
			if (bk) {
				free(bk->value);
				bk->value = ok->value;
				bk->file = ok->file;
				bk->line = ok->line;
				bk->quoted = ok->quoted;
				free(ok->name);
			} else {
				AS_GROW(b->keys, b->nkeys + 1, b->keys_alloc);
				b->keys[b->nkeys++] = *ok;
			}
		}
		free(o->keys);
		free(o->name);
	}
	free(over->sections);
	for (size_t i = 0; i < over->nfiles; i++) {
		AS_GROW(base->files, base->nfiles + 1, base->files_alloc);
		base->files[base->nfiles++] = over->files[i];
	}
	free(over->files);
	memset(over, 0, sizeof(*over));
}

/* ---- the pre-scan --------------------------------------------------------- */

static int read_all(const char *path, as_buf *out)
{
	/* O_NONBLOCK: opening a FIFO without a writer must not hang */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	struct stat st;
	if (!f) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return as_error_set(AS_ECONFIG, "%s: cannot read: %s", path, strerror(e));
	}
	/* A rules file is a regular file (or a link to one): not a device,
	 * a FIFO or a directory. */
	if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode)) {
		fclose(f);
		return as_error_set(AS_ECONFIG, "%s: cannot read: %s", path,
				    S_ISDIR(st.st_mode) ? "Is a directory" : "not a regular file");
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > MAX_FILE_BYTES) {
			fclose(f);
			return as_error_set(AS_ECONFIG, "%s: larger than %u bytes; not a rules file?",
					    path, MAX_FILE_BYTES);
		}
		as_buf_put(out, chunk, n);
	}
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err)
		return as_error_set(AS_ECONFIG, "%s: cannot read: %s", path, strerror(err));
	return 0;
}

static int name_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-';
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* In [rule.*] sections, these keys hold PCRE2 patterns. */
static int is_pattern_key(const char *section, const char *key)
{
	return !strncmp(section, "rule.", 5) &&
	       (!strcmp(key, "pattern") || !strcmp(key, "key") || !strcmp(key, "exclude"));
}

/* Only white space or a comment may follow a closing quote. */
static int rest_is_comment(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return !*p || *p == ';' || *p == '#';
}

/*
 * The value part of "key = value" the way iniparser_line() reads it.
 * `raw` starts after the '=' and its white space, and has no trailing
 * white space. Returns 0 with *out (malloc'd) and *quoted, or an error.
 */
static int scan_value(char **out, int *quoted, const char *file, int lineno,
		      const char *section, const char *key, const char *raw)
{
	char q = raw[0];
	*quoted = 0;
	if (q == '"' || q == '\'') {
		if (raw[1] == q) {
			/* '' or "": iniparser's quoted forms need at least one
			 * character; its unquoted form then special-cases them. */
			if (!rest_is_comment(raw + 2))
				goto trailing;
			*out = as_xstrdup("");
			*quoted = 1;
			return 0;
		}
		const char *close = strchr(raw + 1, q);
		if (!close)
			return as_error_set(AS_ECONFIG, "%s:%d: %s: missing closing %s quote",
					    file, lineno, key, q == '"' ? "double" : "single");
		if (!rest_is_comment(close + 1))
			goto trailing;
		*out = as_xstrndup(raw + 1, (size_t)(close - raw - 1));
		*quoted = 1;
		return 0;
	}

	const char *cut = strpbrk(raw, ";#");
	if (cut && is_pattern_key(section, key))
		return as_error_set(AS_ECONFIG, "%s:%d: %s: quote the pattern with single "
				    "quotes: iniparser cuts unquoted values at ';' and '#'",
				    file, lineno, key);
	if (cut && cut > raw && !isspace((unsigned char)cut[-1]))
		return as_error_set(AS_ECONFIG, "%s:%d: %s: '%c' inside an unquoted value: "
				    "iniparser cuts unquoted values at ';' and '#'; quote the "
				    "value with single quotes (or put white space before a comment)",
				    file, lineno, key, *cut);
	size_t len = cut ? (size_t)(cut - raw) : strlen(raw);
	while (len && isspace((unsigned char)raw[len - 1]))
		len--;
	*out = as_xstrndup(raw, len);
	return 0;

trailing:
	return as_error_set(AS_ECONFIG, "%s:%d: %s: text after the closing quote "
			    "(iniparser would drop it); put it inside the quotes or "
			    "start a comment with ';'", file, lineno, key);
}

/* One logical line, already stripped of surrounding white space. */
static int scan_line(as_ini *ini, as_ini_section **cur, const char *file,
		     int lineno, char *line)
{
	size_t len = strlen(line);

	if (!len || line[0] == ';' || line[0] == '#')
		return 0;

	if (line[0] == '[') {
		char *close = strchr(line, ']');
		if (!close)
			return as_error_set(AS_ECONFIG, "%s:%d: section header without ']'",
					    file, lineno);
		if (close[1])
			return as_error_set(AS_ECONFIG, "%s:%d: text after ']' (iniparser "
					    "rejects a comment on a section line; put it on "
					    "its own line)", file, lineno);
		*close = '\0';
		char *name = line + 1;
		while (isspace((unsigned char)*name))
			name++;
		size_t n = strlen(name);
		while (n && isspace((unsigned char)name[n - 1]))
			name[--n] = '\0';
		if (!n)
			return as_error_set(AS_ECONFIG, "%s:%d: empty section name", file, lineno);
		if (strchr(name, ':'))
			return as_error_set(AS_ECONFIG, "%s:%d: section name '%s' contains ':' "
					    "(iniparser joins section and key with ':')",
					    file, lineno, name);
		for (const char *p = name; *p; p++)
			if (!name_char((unsigned char)*p))
				return as_error_set(AS_ECONFIG, "%s:%d: section name '%s': only "
						    "letters, digits, '.', '_' and '-' are allowed",
						    file, lineno, name);
		lower(name);
		const as_ini_section *prev = as_ini_section_find(ini, name);
		if (prev)
			return as_error_set(AS_ECONFIG, "%s:%d: section [%s] repeated (first "
					    "at line %d); iniparser would merge them silently",
					    file, lineno, name, prev->line);
		*cur = add_section(ini, name, file, lineno);
		return 0;
	}

	char *eq = strchr(line, '=');
	if (!eq)
		return as_error_set(AS_ECONFIG, "%s:%d: syntax error: expected "
				    "'[section]', 'key = value' or a comment", file, lineno);
	char *key = line;
	char *raw = eq + 1;
	*eq = '\0';
	size_t n = strlen(key);
	while (n && isspace((unsigned char)key[n - 1]))
		key[--n] = '\0';
	if (!n)
		return as_error_set(AS_ECONFIG, "%s:%d: '=' without a key", file, lineno);
	for (const char *p = key; *p; p++)
		if (!name_char((unsigned char)*p))
			return as_error_set(AS_ECONFIG, "%s:%d: key '%s': only letters, "
					    "digits, '.', '_' and '-' are allowed",
					    file, lineno, key);
	lower(key);
	if (!*cur)
		return as_error_set(AS_ECONFIG, "%s:%d: key '%s' before any [section]",
				    file, lineno, key);
	const as_ini_key *prev = as_ini_key_find(*cur, key);
	if (prev)
		return as_error_set(AS_ECONFIG, "%s:%d: key '%s' repeated in [%s] (first "
				    "at line %d); iniparser would keep only the last",
				    file, lineno, key, (*cur)->name, prev->line);
	while (isspace((unsigned char)*raw))
		raw++;
	char *value = NULL;
	int quoted = 0;
	int rc = scan_value(&value, &quoted, file, lineno, (*cur)->name, key, raw);
	if (rc)
		return rc;
	add_key(*cur, key, value, file, lineno, quoted);
	return 0;
}

static int prescan(as_ini *ini, const char *file, const char *text, size_t size)
{
	as_ini_section *cur = NULL;
	as_buf line = AS_BUF_INIT;
	int lineno = 0, rc = 0;
	size_t pos = 0;

	if (size >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		return as_error_set(AS_ECONFIG, "%s:1: starts with a UTF-8 byte order "
				    "mark, which iniparser cannot read; save the file "
				    "without it", file);
	while (pos < size) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - start) : size - pos;
		pos += len + (nl ? 1 : 0);
		lineno++;

		if (memchr(start, '\0', len)) {
			rc = as_error_set(AS_ECONFIG, "%s:%d: NUL byte in line", file, lineno);
			break;
		}
		if (len > AS_INI_MAX_LINE) {
			rc = as_error_set(AS_ECONFIG, "%s:%d: line is %zu bytes long; "
					  "iniparser reads at most %d", file, lineno,
					  len, AS_INI_MAX_LINE);
			break;
		}
		as_buf_clear(&line);
		as_buf_put(&line, start, len);
		as_buf_trim(&line);
		if (line.len && line.ptr[line.len - 1] == '\\') {
			rc = as_error_set(AS_ECONFIG, "%s:%d: line ends with '\\': iniparser "
					  "would join the next line to it; continuation lines "
					  "are not supported", file, lineno);
			break;
		}
		if (line.len && (rc = scan_line(ini, &cur, file, lineno, line.ptr)))
			break;
	}
	as_buf_free(&line);
	return rc;
}

/* ---- iniparser ------------------------------------------------------------ */

/* iniparser reports through a global callback; loading happens on one
 * thread before any other starts, the buffer is per thread anyway. */
static _Thread_local char ini_errmsg[512];

__attribute__((format(printf, 1, 2)))
static int ini_errback(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!ini_errmsg[0])
		vsnprintf(ini_errmsg, sizeof(ini_errmsg), fmt, ap);
	va_end(ap);
	return 0;
}

/* "iniparser: syntax error in FILE (LINE):\n-> text" -> FILE:LINE: ... */
static int ini_error(const char *file)
{
	char *msg = ini_errmsg;
	int lineno = 0;
	char *nl = strchr(msg, '\n');
	if (nl)
		*nl = '\0';
	char *paren = strrchr(msg, '(');
	if (paren && sscanf(paren, "(%d)", &lineno) == 1 && lineno > 0) {
		const char *what = strstr(msg, "syntax error") ? "syntax error"
				 : strstr(msg, "too long") ? "line too long" : msg;
		return as_error_set(AS_ECONFIG, "%s:%d: %s (iniparser)", file, lineno, what);
	}
	return as_error_set(AS_ECONFIG, "%s: %s", file, msg[0] ? msg : "iniparser cannot read it");
}

/*
 * Takes every value from iniparser and checks that it saw the same
 * sections and keys as the pre-scan: what antisilo uses is exactly what
 * iniparser read, and what the pre-scan says about lines is true of it.
 */
static int take_values(as_ini *ini, const dictionary *d, const char *file)
{
	as_buf name = AS_BUF_INIT;
	int rc = 0;

	if (iniparser_getnsec(d) != (int)ini->nsections) {
		rc = as_error_set(AS_ECONFIG, "%s: internal error: iniparser found %d "
				  "sections, antisilo %zu", file, iniparser_getnsec(d),
				  ini->nsections);
		goto out;
	}
	for (size_t i = 0; i < ini->nsections; i++) {
		as_ini_section *s = &ini->sections[i];
		if (!iniparser_find_entry(d, s->name) ||
		    iniparser_getsecnkeys(d, s->name) != (int)s->nkeys) {
			rc = as_error_set(AS_ECONFIG, "%s:%d: internal error: iniparser "
					  "read section [%s] differently", file, s->line, s->name);
			goto out;
		}
		for (size_t k = 0; k < s->nkeys; k++) {
			as_ini_key *key = &s->keys[k];
			as_buf_clear(&name);
			as_buf_printf(&name, "%s:%s", s->name, key->name);
			const char *v = iniparser_getstring(d, name.ptr, NULL);
			if (!v || strcmp(v, key->value)) {
				rc = as_error_set(AS_ECONFIG, "%s:%d: internal error: iniparser "
						  "read '%s' as '%s', antisilo as '%s'", file,
						  key->line, key->name, v ? v : "(nothing)",
						  key->value);
				goto out;
			}
			free(key->value);
			key->value = as_xstrdup(v);
		}
	}
out:
	as_buf_free(&name);
	return rc;
}

/*
 * iniparser 4.1 reads only by name (iniparser_load(path)). Reading the path
 * again would race with a rules file replaced by rename while pushes run
 * (the pre-scan would see one version, iniparser another): so iniparser
 * gets the very bytes the pre-scan read, in a private copy — a memfd, named
 * by /proc/self/fd/N, or where /proc is not mounted (a chroot) an unlinked
 * temporary file. Returns the dictionary, or NULL with the error set.
 */
static dictionary *load_bytes(const char *file, const char *text, size_t len)
{
	char name[64];
	dictionary *d = NULL;
	int fd = memfd_create("antisilo-rules", MFD_CLOEXEC), tmp = 0;

	if (fd >= 0) {
		snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
		if (access(name, R_OK) != 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0) {
		const char *dir = getenv("TMPDIR");
		as_buf path = AS_BUF_INIT;
		as_buf_printf(&path, "%s/antisilo-rules.XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(path.ptr);
		if (fd >= 0) {
			snprintf(name, sizeof(name), "%s", path.ptr);
			tmp = strlen(path.ptr) < sizeof(name);
			if (!tmp) {
				unlink(path.ptr);
				close(fd);
				fd = -1;
			}
		}
		as_buf_free(&path);
	}
	if (fd < 0) {
		as_error_set(AS_EINTERNAL, "%s: cannot make a private copy to parse: %s", file,
			     strerror(errno));
		return NULL;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			as_error_set(AS_EINTERNAL, "%s: cannot make a private copy to parse: %s",
				     file, strerror(errno));
			goto done;
		}
		off += (size_t)n;
	}
	ini_errmsg[0] = '\0';
	iniparser_set_error_callback(ini_errback);
	d = iniparser_load(name);
	iniparser_set_error_callback(NULL);
	if (!d)
		ini_error(file);
done:
	if (tmp)
		unlink(name);
	close(fd);
	return d;
}

int as_ini_read(as_ini *out, const char *path)
{
	as_buf text = AS_BUF_INIT;
	as_ini ini = AS_INI_INIT;
	dictionary *d = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = read_all(path, &text)))
		goto out;
	AS_GROW(ini.files, 1, ini.files_alloc);
	ini.files[ini.nfiles++] = as_xstrdup(path);
	const char *file = ini.files[0];
	if ((rc = prescan(&ini, file, as_buf_cstr(&text), text.len)))
		goto out;

	if (!(d = load_bytes(file, text.ptr ? text.ptr : "", text.len))) {
		rc = AS_ECONFIG;
		goto out;
	}
	rc = take_values(&ini, d, file);
out:
	if (d)
		iniparser_freedict(d);
	as_buf_free(&text);
	if (rc)
		as_ini_free(&ini);
	else
		*out = ini;
	return rc;
}
