/*
 * Reading lexicon files (lexicon.h). The format is line-based and ours:
 * iniparser would cut entries at ';' and '#', limit lines to 1,022 bytes
 * and lose the order of entries, and a lexicon is a list, not keys.
 */
#include "config/lexicon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/names.h"
#include "config/values.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fold.h"
#include "util/sanitize.h"

const char *const as_lex_class_names[AS_LX__COUNT] = {
	[AS_LX_FUNCTION] = "function", [AS_LX_SELF] = "self",
	[AS_LX_RECEIVER] = "receiver", [AS_LX_PRONOUN] = "pronoun",
	[AS_LX_MY] = "my", [AS_LX_ROLE] = "role", [AS_LX_ROLE_SKIP] = "role-skip",
	[AS_LX_ASK] = "ask", [AS_LX_TELL] = "tell", [AS_LX_WANT] = "want",
	[AS_LX_ASSIGN] = "assign", [AS_LX_PLACE] = "place", [AS_LX_CAUSE] = "cause",
	[AS_LX_HANDOFF] = "hand-off", [AS_LX_APPROVE] = "approve", [AS_LX_GIVE] = "give",
	[AS_LX_GET] = "get", [AS_LX_CLEARED] = "cleared-with",
	[AS_LX_REQUEST_NOUN] = "request-noun", [AS_LX_APPROVAL_NOUN] = "approval-noun",
	[AS_LX_WORK_NOUN] = "work-noun", [AS_LX_AGENT] = "agent", [AS_LX_OF] = "of",
	[AS_LX_WITH] = "with", [AS_LX_AS] = "as", [AS_LX_ACCORDING] = "according",
	[AS_LX_MUST] = "must", [AS_LX_MAY] = "may", [AS_LX_TO] = "to", [AS_LX_THAT] = "that",
	[AS_LX_DEADLINE] = "deadline", [AS_LX_DONE] = "done", [AS_LX_OBJECT] = "object",
	[AS_LX_PREPOSITION] = "preposition", [AS_LX_ARTICLE] = "article",
	[AS_LX_AUX] = "aux", [AS_LX_PASSIVE] = "passive", [AS_LX_DATIVE] = "dative",
	[AS_LX_NEGATION] = "negation", [AS_LX_HYPOTHETICAL] = "hypothetical",
	[AS_LX_TOPIC] = "topic", [AS_LX_REVIEW] = "review",
	[AS_LX_INFINITIVE] = "infinitive", [AS_LX_SUBJUNCTIVE] = "subjunctive",
	[AS_LX_INSIST] = "insist", [AS_LX_THIRD] = "third",
	[AS_LX_TAKEOVER] = "take-over", [AS_LX_SPECIFIER] = "specifier", [AS_LX_COME] = "come",
	[AS_LX_GERUND] = "gerund", [AS_LX_PARTICIPLE] = "participle",
	[AS_LX_YOU] = "you", [AS_LX_CLEARED_AFTER] = "cleared-after",
	[AS_LX_LOOK] = "look", [AS_LX_CHANGE_NOUN] = "change-noun",
	[AS_LX_MASK] = "not-directive",
};

/* A lexicon file larger than this is an error, not a slow load. */
#define MAX_FILE (4u << 20)
#define MAX_ENTRY 120

void as_lexicon_init(as_lexicon *lx)
{
	memset(lx, 0, sizeof(*lx));
}

void as_lexicon_free(as_lexicon *lx)
{
	for (size_t i = 0; i < lx->nentries; i++) {
		free(lx->entries[i].text);
		free(lx->entries[i].exact);
		free(lx->entries[i].raw);
	}
	free(lx->entries);
	as_list_free(lx->langs, lx->nlangs);
	as_list_free(lx->files, lx->nfiles);
	memset(lx, 0, sizeof(*lx));
}

static int lang_index(as_lexicon *lx, const char *name)
{
	for (size_t i = 0; i < lx->nlangs; i++)
		if (!strcmp(lx->langs[i], name))
			return (int)i;
	if (lx->nlangs >= AS_LEX_MAX_LANGS)
		return -1;
	AS_GROW(lx->langs, lx->nlangs + 1, lx->langs_alloc);
	lx->langs[lx->nlangs] = as_xstrdup(name);
	return (int)lx->nlangs++;
}

typedef struct {
	as_lexicon *lx;
	const char *file;
	int line;
	int lang;             /* -1 before "language =" */
	int cls;              /* -1 before the first [class] */
} reader;

static void drop(as_lexicon *lx, const as_lex_entry *e)
{
	size_t w = 0;
	for (size_t i = 0; i < lx->nentries; i++) {
		as_lex_entry *x = &lx->entries[i];
		if (x->cls == e->cls && x->lang == e->lang && !strcmp(x->text, e->text) &&
		    (x->flags & ~AS_LXF_REMOVE) == (e->flags & ~AS_LXF_REMOVE)) {
			free(x->text);
			free(x->exact);
			free(x->raw);
			continue;
		}
		lx->entries[w++] = *x;
	}
	lx->nentries = w;
}

/* One entry, trimmed, as written in the file. */
static int add_entry(reader *r, const char *s, size_t n)
{
	as_lex_entry e = { NULL, NULL, NULL, (unsigned char)r->cls, (unsigned char)r->lang, 0, 0 };
	as_buf folded = AS_BUF_INIT;
	int rc = 0;

	if (n > MAX_ENTRY)
		return as_config_fail(r->file, r->line, "entry '%.40s...' is longer than %d bytes",
				      s, MAX_ENTRY);
	if (n && s[0] == '!')
		e.flags |= AS_LXF_REMOVE, s++, n--;
	if (n >= 2 && s[n - 2] == '/' && s[n - 1] == '1')
		e.flags |= AS_LXF_SELF, n -= 2;
	if (n && s[n - 1] == '*')
		e.flags |= AS_LXF_PREFIX, n--;
	if (n && s[0] == '-' && !(e.flags & AS_LXF_PREFIX))
		e.flags |= AS_LXF_SUFFIX, s++, n--;
	if (n && s[0] == '=')
		e.flags |= AS_LXF_EXACT, s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	as_fold(&folded, s, n);
	/* words: runs of non-space, joined by one space */
	as_buf text = AS_BUF_INIT;
	unsigned words = 0;
	for (size_t i = 0; i < folded.len;) {
		while (i < folded.len && (folded.ptr[i] == ' ' || folded.ptr[i] == '\t'))
			i++;
		if (i >= folded.len)
			break;
		size_t j = i;
		while (j < folded.len && folded.ptr[j] != ' ' && folded.ptr[j] != '\t')
			j++;
		if (words)
			as_buf_putc(&text, ' ');
		as_buf_put(&text, folded.ptr + i, j - i);
		words++;
		i = j;
	}
	as_buf_free(&folded);
	if (!words)
		rc = as_config_fail(r->file, r->line, "empty entry");
	else if (words > AS_LEX_MAX_WORDS)
		rc = as_config_fail(r->file, r->line, "entry '%s' has more than %d words",
				    text.ptr, AS_LEX_MAX_WORDS);
	else if ((e.flags & (AS_LXF_PREFIX | AS_LXF_SUFFIX)) && words > 1)
		rc = as_config_fail(r->file, r->line, "'%s': a beginning (*) or an ending (-) "
				    "is one word", text.ptr);
	else if ((e.flags & (AS_LXF_PREFIX | AS_LXF_SUFFIX)) && text.len < 2)
		rc = as_config_fail(r->file, r->line, "'%s': a beginning or an ending needs two "
				    "characters at least", text.ptr);
	if (rc) {
		as_buf_free(&text);
		return rc;
	}
	if ((e.flags & AS_LXF_EXACT) && words > 1) {
		as_buf_free(&text);
		return as_config_fail(r->file, r->line, "'=%.*s': an entry whose accents matter is "
				      "one word", (int)n, s);
	}
	e.text = as_buf_detach(&text);
	e.nwords = (unsigned char)words;
	as_buf low = AS_BUF_INIT;
	as_fold_lower(&low, s, n);
	if (e.flags & AS_LXF_EXACT)
		e.exact = as_xstrdup(as_buf_cstr(&low));
	e.raw = as_buf_detach(&low);
	if (e.flags & AS_LXF_REMOVE) {
		drop(r->lx, &e);
		free(e.text);
		free(e.exact);
		free(e.raw);
		return 0;
	}
	AS_GROW(r->lx->entries, r->lx->nentries + 1, r->lx->entries_alloc);
	r->lx->entries[r->lx->nentries++] = e;
	return 0;
}

static int section(reader *r, const char *s, size_t n)
{
	if (n < 3 || s[n - 1] != ']')
		return as_config_fail(r->file, r->line, "a section is '[class]'");
	char name[64];
	if (n - 2 >= sizeof(name))
		return as_config_fail(r->file, r->line, "unknown class '%.*s'", (int)(n - 2), s + 1);
	memcpy(name, s + 1, n - 2);
	name[n - 2] = '\0';
	for (int i = 0; i < AS_LX__COUNT; i++)
		if (!strcmp(as_lex_class_names[i], name)) {
			if (r->lang < 0)
				return as_config_fail(r->file, r->line, "'language = ...' must come "
						      "before the first class");
			r->cls = i;
			return 0;
		}
	as_buf all = AS_BUF_INIT;
	as_names_list(&all, as_lex_class_names, AS_LX__COUNT);
	int rc = as_config_fail(r->file, r->line, "unknown class [%s] (expected one of %s)",
				name, all.ptr);
	as_buf_free(&all);
	return rc;
}

static int language(reader *r, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	const char *v = eq + 1;
	size_t vn = n - (size_t)(v - s);
	while (vn && (*v == ' ' || *v == '\t'))
		v++, vn--;
	if (r->lang >= 0)
		return as_config_fail(r->file, r->line, "the language is set twice");
	char name[16];
	int ok = vn >= 2 && vn < sizeof(name);
	for (size_t i = 0; ok && i < vn; i++)
		ok = (v[i] >= 'a' && v[i] <= 'z') || v[i] == '-';
	if (!ok)
		return as_config_fail(r->file, r->line, "language: '%.*s' is not a language code "
				      "(en, de, pt-br...)", (int)vn, v);
	memcpy(name, v, vn);
	name[vn] = '\0';
	r->lang = lang_index(r->lx, name);
	if (r->lang < 0)
		return as_config_fail(r->file, r->line, "more than %d languages", AS_LEX_MAX_LANGS);
	return 0;
}

static int parse_line(reader *r, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (!n || s[0] == '#' || s[0] == ';')
		return 0;
	if (s[0] == '[')
		return section(r, s, n);
	if (n > 8 && !memcmp(s, "language", 8) && memchr(s, '=', n))
		return language(r, s, n);
	if ((n > 9 && !memcmp(s, "inversion", 9)) || (n > 10 && !memcmp(s, "verb_final", 10))) {
		const char *eq = memchr(s, '=', n);
		if (!eq)
			return as_config_fail(r->file, r->line, "'%.*s' needs '= true' or '= false'",
					      (int)n, s);
		const char *v = eq + 1;
		size_t vn = n - (size_t)(v - s);
		unsigned char *flag = s[0] == 'i' ? r->lx->inversion : r->lx->verb_final;
		while (vn && (*v == ' ' || *v == '\t'))
			v++, vn--;
		if (r->lang < 0)
			return as_config_fail(r->file, r->line, "'language = ...' must come first");
		if (vn == 4 && !memcmp(v, "true", 4))
			flag[r->lang] = 1;
		else if (vn == 5 && !memcmp(v, "false", 5))
			flag[r->lang] = 0;
		else
			return as_config_fail(r->file, r->line, "%s: '%.*s' is not true or false",
					      s[0] == 'i' ? "inversion" : "verb_final", (int)vn, v);
		return 0;
	}
	if (r->cls < 0)
		return as_config_fail(r->file, r->line, "words before the first [class]");
	for (size_t i = 0; i < n;) {
		const char *comma = memchr(s + i, ',', n - i);
		size_t e = comma ? (size_t)(comma - s) : n, a = i;
		while (a < e && (s[a] == ' ' || s[a] == '\t'))
			a++;
		size_t b = e;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b > a) {
			int rc = add_entry(r, s + a, b - a);
			if (rc)
				return rc;
		}
		i = e + 1;
	}
	return 0;
}

int as_lexicon_load_file(as_lexicon *lx, const char *path)
{
	FILE *f = fopen(path, "rb");
	as_buf data = AS_BUF_INIT;
	char chunk[16384];
	size_t got;
	int rc = 0;

	if (!f)
		return as_error_set(AS_ECONFIG, "%s: cannot read the lexicon: %s", path,
				    strerror(errno));
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 && data.len <= MAX_FILE)
		as_buf_put(&data, chunk, got);
	if (ferror(f))
		rc = as_error_set(AS_ECONFIG, "%s: cannot read the lexicon: %s", path,
				  strerror(errno));
	fclose(f);
	if (!rc && data.len > MAX_FILE)
		rc = as_error_set(AS_ECONFIG, "%s: a lexicon is at most %u bytes", path, MAX_FILE);
	if (!rc && !as_utf8_valid(as_buf_cstr(&data), data.len))
		rc = as_error_set(AS_ECONFIG, "%s: not UTF-8", path);

	reader r = { lx, path, 0, -1, -1 };
	const char *s = as_buf_cstr(&data);
	for (size_t pos = 0; !rc && pos < data.len;) {
		const char *nl = memchr(s + pos, '\n', data.len - pos);
		size_t end = nl ? (size_t)(nl - s) : data.len;
		r.line++;
		rc = parse_line(&r, s + pos, end - pos);
		pos = end + 1;
	}
	if (!rc && r.lang < 0)
		rc = as_config_fail(path, 1, "no 'language = ...' line");
	as_buf_free(&data);
	if (!rc) {
		AS_GROW(lx->files, lx->nfiles + 1, lx->files_alloc);
		lx->files[lx->nfiles++] = as_xstrdup(path);
	}
	return rc;
}
