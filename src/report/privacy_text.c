/*
 * privacy = team: people taken out of text (privacy.h, "text people
 * wrote"). A text is scanned once, left to right: the parties a rule
 * found first (they are known to name someone), then e-mail addresses
 * and @logins (whoever they are), then runs of up to four words that
 * name someone the org chart or the history knows. Matching is ASCII
 * case-insensitive on word boundaries; bytes >= 0x80 are letters.
 */
#include "report/privacy.h"
#include "report/privacy_int.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"

#define MAX_WINDOW 4     /* words in a name: "Ævar Arnfjörð Bjarmason" */
#define MIN_WORD 2       /* shorter words ("J") are not worth hiding */

static int is_word(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static int is_local(unsigned char c)
{
	return is_word(c) || (c && strchr("._%+-'", c));
}

static int is_domain(unsigned char c)
{
	return is_word(c) || c == '.' || c == '-';
}

static int is_login(unsigned char c)
{
	return is_word(c) || c == '-' || c == '_';
}

/* text[0..len) lower-cased, runs of white space as one space. */
static void normalised(as_buf *out, const char *s, size_t len)
{
	as_buf_clear(out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			if (out->len && out->ptr[out->len - 1] != ' ')
				as_buf_putc(out, ' ');
			continue;
		}
		as_buf_putc(out, (char)tolower(c));
	}
	while (out->len && out->ptr[out->len - 1] == ' ')
		as_buf_truncate(out, out->len - 1);
}

static void learn_words(as_privacy *p, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if (!is_word((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && is_word((unsigned char)s[j]))
			j++;
		if (j - i >= MIN_WORD)
			as_strtab_intern(&p->words, s + i, j - i);
		i = j;
	}
}

static void learn_name(as_privacy *p, const char *s, size_t len)
{
	as_buf n = AS_BUF_INIT;
	normalised(&n, s, len);
	if (n.len >= MIN_WORD)
		as_strtab_intern(&p->names, as_buf_cstr(&n), n.len);
	as_buf_free(&n);
}

void as_privacy_learn(as_privacy *p, const char *s, size_t len)
{
	const char *lt = memchr(s, '<', len), *at = memchr(s, '@', len);

	while (len && isspace((unsigned char)*s))
		s++, len--;
	if (lt) {
		/* "Name <email>": the name, and the e-mail's local part */
		size_t name_len = (size_t)(lt - s);
		learn_name(p, s, name_len);
		learn_words(p, s, name_len);
		const char *email = lt + 1, *gt = memchr(email, '>', len - (size_t)(email - s));
		const char *eat = gt ? memchr(email, '@', (size_t)(gt - email)) : NULL;
		if (eat)
			learn_words(p, email, (size_t)(eat - email));
		return;
	}
	if (at == s) {
		/* "@login": the login with and without its @ */
		learn_name(p, s, len);
		learn_name(p, s + 1, len - 1);
		learn_words(p, s + 1, len - 1);
		return;
	}
	if (at) {
		learn_words(p, s, (size_t)(at - s));
		return;
	}
	learn_name(p, s, len);
	learn_words(p, s, len);
}

/* ---- scanning ------------------------------------------------------- */

typedef struct {
	size_t start, end;
	const char *label;      /* a static or the caller's label, or */
	long off;               /* >= 0: a label resolved into spans.labels */
} span;

typedef struct {
	span *items;
	size_t nr, alloc;
	as_buf labels;          /* the texts of resolved labels, NUL separated */
	as_buf scratch;
	unsigned char *covered; /* [text length]: a span has the byte (so that a
				 * text of a million addresses stays linear) */
} spans;

static const char someone[] = "someone";

/* A span labelled `label`, or with the label resolved at `off` (>= 0). */
static void span_add(spans *s, size_t start, size_t end, const char *label, long off)
{
	AS_GROW(s->items, s->nr + 1, s->alloc);
	s->items[s->nr++] = (span){ start, end, off >= 0 ? NULL : label ? label : someone, off };
	memset(s->covered + start, 1, end - start);
}

/* The label of whoever `text` resolves to in the org chart: its offset in
 * s->labels (labels grow, so not a pointer), or -1. */
static long resolved_label(const as_privacy *p, spans *s, const char *text, size_t len)
{
	int person = as_org_resolve(p->org, text, len);
	if (person < 0)
		return -1;
	long off = (long)s->labels.len;
	as_privacy_person_label(p, &s->labels, person);
	as_buf_putc(&s->labels, '\0');
	return off;
}

static int overlaps(const spans *s, size_t start, size_t end)
{
	return memchr(s->covered + start, 1, end - start) != NULL;
}

/* The words just before `pos` that look like the name of an e-mail that
 * follows ("Jane Q. Roe <jane@x.org>"): capitalised, or known words. */
static size_t name_before(const as_privacy *p, const char *t, size_t pos)
{
	size_t start = pos;
	for (int w = 0; w < MAX_WINDOW - 1; w++) {
		size_t e = start;
		while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '"'))
			e--;
		size_t b = e;
		while (b > 0 && (is_word((unsigned char)t[b - 1]) || t[b - 1] == '.' || t[b - 1] == '-'))
			b--;
		if (b == e)
			break;
		unsigned char c = (unsigned char)t[b];
		if (!(isupper(c) || c >= 0x80 || as_strtab_find(&p->words, t + b, e - b) >= 0))
			break;
		start = b;
	}
	return start;
}

/* E-mail addresses and @logins, wherever they are. */
static void find_addresses(const as_privacy *p, spans *s, const char *t, size_t len)
{
	for (size_t a = 0; a < len; a++) {
		if (t[a] != '@' || overlaps(s, a, a + 1))
			continue;
		size_t l = a, r = a + 1;
		while (l > 0 && is_local((unsigned char)t[l - 1]))
			l--;
		while (r < len && is_domain((unsigned char)t[r]))
			r++;
		while (r > a + 1 && (t[r - 1] == '.' || t[r - 1] == '-'))
			r--;
		const char *dot = memchr(t + a + 1, '.', r - a - 1);
		if (l < a && dot && dot > t + a + 1) {
			long lab = resolved_label(p, s, t + l, r - l);
			size_t start = l, end = r;
			if (start > 0 && t[start - 1] == '<' && end < len && t[end] == '>') {
				start--, end++;
				start = name_before(p, t, start);
			}
			span_add(s, start, end, someone, lab);
			a = r - 1;
			continue;
		}
		if (a > 0 && is_word((unsigned char)t[a - 1]))
			continue;
		r = a + 1;
		while (r < len && (is_login((unsigned char)t[r]) ||
				   (t[r] == '/' && r + 1 < len && is_login((unsigned char)t[r + 1]))))
			r++;
		if (r == a + 1)
			continue;
		long lab = resolved_label(p, s, t + a, r - a);
		span_add(s, a, r, someone, lab);
		a = r - 1;
	}
}

/* Runs of words that name someone: the org chart decides first (ids,
 * names, unique first names); then the full identities of the history;
 * with `every_word`, any word of any name. */
static void find_names(const as_privacy *p, spans *s, const char *t, size_t len,
		       int every_word)
{
	size_t ends[MAX_WINDOW];

	for (size_t i = 0; i < len; i++) {
		if (!is_word((unsigned char)t[i]) || (i > 0 && is_word((unsigned char)t[i - 1])))
			continue;
		/* up to MAX_WINDOW words separated by single spaces */
		size_t n = 0, j = i;
		while (n < MAX_WINDOW) {
			while (j < len && is_word((unsigned char)t[j]))
				j++;
			ends[n++] = j;
			if (j + 1 >= len || t[j] != ' ' || !is_word((unsigned char)t[j + 1]))
				break;
			j++;
		}
		for (size_t k = n; k > 0; k--) {
			size_t end = ends[k - 1];
			if (overlaps(s, i, end))
				continue;
			long lab = every_word ? resolved_label(p, s, t + i, end - i) : -1;
			if (lab >= 0) {
				span_add(s, i, end, NULL, lab);
			} else {
				normalised(&s->scratch, t + i, end - i);
				if (as_strtab_find(&p->names, as_buf_cstr(&s->scratch), s->scratch.len) >= 0)
					span_add(s, i, end, someone, -1);
				else if (k == 1 && every_word && end - i >= MIN_WORD &&
					 as_strtab_find(&p->words, t + i, end - i) >= 0)
					span_add(s, i, end, someone, -1);
				else
					continue;
			}
			i = end - 1;
			break;
		}
	}
}

static int by_start(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static const char *label_text(const spans *s, const span *sp)
{
	return sp->off >= 0 ? s->labels.ptr + sp->off : sp->label;
}

static void scrub(const as_privacy *p, as_buf *out, const char *text,
		  const as_privacy_party *parties, size_t nparties, int every_word)
{
	size_t len = strlen(text), at = 0;
	spans s = { 0 };

	s.covered = as_xcalloc(len + 1, 1);
	for (size_t k = 0; k < nparties; k++) {
		if (!parties[k].text || !*parties[k].text)
			continue;
		normalised(&s.scratch, parties[k].text, strlen(parties[k].text));
		if (!s.scratch.len)
			continue;
		/* the excerpt keeps the case of what was written; strcasestr
		 * (two-way in glibc) keeps the search linear */
		for (const char *hit = text; (hit = strcasestr(hit, as_buf_cstr(&s.scratch)));) {
			size_t i = (size_t)(hit - text);
			if (!overlaps(&s, i, i + s.scratch.len))
				span_add(&s, i, i + s.scratch.len, parties[k].label, -1);
			hit += s.scratch.len;
		}
	}
	find_addresses(p, &s, text, len);
	find_names(p, &s, text, len, every_word);
	if (s.nr > 1)
		qsort(s.items, s.nr, sizeof(*s.items), by_start);
	for (size_t i = 0; i < s.nr; i++) {
		const span *sp = &s.items[i];
		const char *lab = label_text(&s, sp);
		as_buf_put(out, text + at, sp->start - at);
		as_buf_printf(out, "[%s]", lab);
		at = sp->end;
		/* "[someone] [someone]" is one someone */
		while (i + 1 < s.nr && !strcmp(label_text(&s, &s.items[i + 1]), lab)) {
			size_t gap = s.items[i + 1].start;
			size_t q = at;
			while (q < gap && (text[q] == ' ' || text[q] == ','))
				q++;
			if (q != gap)
				break;
			at = s.items[++i].end;
		}
	}
	as_buf_put(out, text + at, len - at);
	free(s.items);
	free(s.covered);
	as_buf_free(&s.labels);
	as_buf_free(&s.scratch);
}

void as_privacy_scrub(const as_privacy *p, as_buf *out, const char *text,
		      const as_privacy_party *parties, size_t nparties)
{
	scrub(p, out, text, parties, nparties, 1);
}

/* ---- the last sweep ----------------------------------------------------- */

/* Values under these keys are the product's own words, ids and hashes,
 * or text already scrubbed. */
static int swept(const char *key)
{
	static const char *const own[] = {
		"rule", "severity", "event", "relation", "source", "fingerprint",
		"commit", "explain", "kind", "bucket", "start", "version", "date",
		"since", "until", "first_commit", "last_commit", "mode", "url", "reason",
	};
	for (size_t i = 0; key && i < sizeof(own) / sizeof(own[0]); i++)
		if (!strcmp(key, own[i]))
			return 0;
	return 1;
}

/* A string with no full identity left in it, or NULL when it had none. */
static json_t *swept_string(const as_privacy *p, const char *s)
{
	as_buf b = AS_BUF_INIT;
	scrub(p, &b, s, NULL, 0, 0);
	json_t *j = strcmp(as_buf_cstr(&b), s) ? json_string(as_buf_cstr(&b)) : NULL;
	as_buf_free(&b);
	return j;
}

static void sweep(const as_privacy *p, json_t *v, const char *key)
{
	size_t i;
	json_t *x;

	if (json_is_string(v) && swept(key)) {
		json_t *clean = swept_string(p, json_string_value(v));
		if (clean) {
			json_string_set(v, json_string_value(clean));
			json_decref(clean);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			sweep(p, x, key);
	} else if (json_is_object(v)) {
		const char *k;
		void *tmp;
		json_t *renamed = json_object();
		json_object_foreach_safe(v, tmp, k, x) {
			sweep(p, x, k);
			json_t *clean = swept_string(p, k);
			if (!clean)
				continue;
			/* a key that names someone: moved under its clean name */
			as_buf name = AS_BUF_INIT;
			as_buf_puts(&name, json_string_value(clean));
			for (int n = 2; json_object_get(v, as_buf_cstr(&name)) || json_object_get(renamed, as_buf_cstr(&name)); n++) {
				as_buf_clear(&name);
				as_buf_printf(&name, "%s (%d)", json_string_value(clean), n);
			}
			json_object_set(renamed, as_buf_cstr(&name), x);
			json_object_del(v, k);
			as_buf_free(&name);
			json_decref(clean);
		}
		json_object_update(v, renamed);
		json_decref(renamed);
	}
}

void as_privacy_sweep(const as_privacy *p, json_t *doc)
{
	sweep(p, doc, NULL);
}
