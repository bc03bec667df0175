/*
 * The org chart: people, identities, managers, teams.
 *
 * Identities are kept in one hash table keyed by their normalised form
 * (see normalise()): ids, e-mails, "@logins" and display names share one
 * name space, which is what makes "an identity claimed by two people" a
 * well-defined error. First names live in the same table under a separate
 * kind, computed by as_org_finish(); a first name claimed by two people is
 * marked ambiguous and never resolves. as_org_resolve() runs several times
 * per commit over whole histories, so it normalises into a stack buffer
 * and does one or two hash probes: no allocation, no locks (the org is
 * read-only once loaded and shared between threads).
 */
#include "config/org.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config/values.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fold.h"

#define ID_MAX AS_ORG_ID_MAX

enum { KIND_FULL, KIND_FIRST };

typedef struct {
	char *key;     /* normalised */
	int person;    /* -1: a first name shared by several people */
	int kind;
} entry;

struct as_org_index {
	entry *entries;
	size_t nentries, entries_alloc;
	int32_t *slots;  /* index into entries, -1 empty; size is a power of 2 */
	size_t nslots;
};

/* ---- normalisation ---------------------------------------------------- */

/* Left and right "wrapping" that never belongs to an identity. */
static int lead_junk(const unsigned char *s, size_t len, size_t *n)
{
	if (!len)
		return 0;
	if (isspace(s[0]) || (s[0] && strchr("\"'`([{*", s[0]))) {
		*n = 1;
		return 1;
	}
	/* U+201C “ and U+2018 ‘ */
	if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x98)) {
		*n = 3;
		return 1;
	}
	return 0;
}

static int trail_junk(const unsigned char *s, size_t len, size_t *n)
{
	if (!len)
		return 0;
	unsigned char c = s[len - 1];
	if (isspace(c) || (c && strchr("\"'`)]}*.,;:!?", c))) {
		*n = 1;
		return 1;
	}
	/* U+201D ” and U+2019 ’ */
	if (len >= 3 && s[len - 3] == 0xE2 && s[len - 2] == 0x80 &&
	    (c == 0x9D || c == 0x99)) {
		*n = 3;
		return 1;
	}
	return 0;
}

static void trim_span(const char **s, size_t *len)
{
	size_t n;
	while (lead_junk((const unsigned char *)*s, *len, &n)) {
		*s += n;
		*len -= n;
	}
	while (trail_junk((const unsigned char *)*s, *len, &n))
		*len -= n;
}

/*
 * The form identities are compared in: surrounding white space, quotes,
 * brackets and trailing punctuation removed, inner runs of white space
 * made one space, case and accents folded (util/fold.h: "José" and "JOSE"
 * are "jose"). Writes into buf (cap > ID_MAX) and returns the length, 0
 * for nothing left, or (size_t)-1 when too long.
 */
static size_t normalise(char *buf, const char *s, size_t len)
{
	size_t n = 0;
	int space = 0;
	trim_span(&s, &len);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			space = 1;
			i++;
			continue;
		}
		char f[AS_FOLD_MAX];
		size_t fn;
		int letter;
		i += as_fold_char(s + i, len - i, f, &fn, &letter);
		if (n + fn + 2 > ID_MAX)
			return (size_t)-1;
		if (space && n)
			buf[n++] = ' ';
		space = 0;
		memcpy(buf + n, f, fn);
		n += fn;
	}
	buf[n] = '\0';
	return n;
}

size_t as_org_normalise(char *buf, const char *s, size_t len)
{
	return normalise(buf, s, len);
}

/* ---- the hash table --------------------------------------------------- */

static uint64_t hash(const char *key, size_t len, int kind)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)kind;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* Index in ix->entries of (key, kind), or -1. */
static int32_t index_find(const as_org_index *ix, const char *key, size_t len,
			  int kind)
{
	if (!ix || !ix->nslots)
		return -1;
	size_t mask = ix->nslots - 1;
	for (size_t i = hash(key, len, kind) & mask;; i = (i + 1) & mask) {
		int32_t e = ix->slots[i];
		if (e < 0)
			return -1;
		const entry *en = &ix->entries[e];
		if (en->kind == kind && !strcmp(en->key, key))
			return e;
	}
}

/* The person (key, kind) names: -1 when none (or ambiguous), -2 absent. */
static int index_person(const as_org_index *ix, const char *key, size_t len,
			int kind)
{
	int32_t e = index_find(ix, key, len, kind);
	return e < 0 ? -2 : ix->entries[e].person;
}

static void index_place(as_org_index *ix, size_t e)
{
	const entry *en = &ix->entries[e];
	size_t mask = ix->nslots - 1;
	size_t i = hash(en->key, strlen(en->key), en->kind) & mask;
	while (ix->slots[i] >= 0)
		i = (i + 1) & mask;
	ix->slots[i] = (int32_t)e;
}

static void index_put(as_org_index *ix, const char *key, int person, int kind)
{
	if ((ix->nentries + 1) * 2 > ix->nslots) {
		size_t n = ix->nslots ? ix->nslots * 2 : 64;
		free(ix->slots);
		ix->slots = as_xmalloc(n * sizeof(*ix->slots));
		ix->nslots = n;
		for (size_t i = 0; i < n; i++)
			ix->slots[i] = -1;
		for (size_t e = 0; e < ix->nentries; e++)
			index_place(ix, e);
	}
	if (ix->nentries >= INT32_MAX)
		as_die_oom();
	AS_GROW(ix->entries, ix->nentries + 1, ix->entries_alloc);
	entry *en = &ix->entries[ix->nentries];
	en->key = as_xstrdup(key);
	en->person = person;
	en->kind = kind;
	index_place(ix, ix->nentries++);
}

/* ---- building ----------------------------------------------------------- */

void as_org_init(as_org *org)
{
	memset(org, 0, sizeof(*org));
}

void as_org_free(as_org *org)
{
	for (size_t i = 0; i < org->npeople; i++) {
		as_person *p = &org->people[i];
		free(p->id);
		free(p->name);
		free(p->email);
		free(p->teams);
	}
	free(org->people);
	for (size_t i = 0; i < org->nteams; i++) {
		as_team *t = &org->teams[i];
		free(t->id);
		free(t->members);
		for (size_t k = 0; k < t->npaths; k++)
			free(t->paths[k]);
		free(t->paths);
		free(t->codeowners);
	}
	free(org->teams);
	if (org->index) {
		for (size_t i = 0; i < org->index->nentries; i++)
			free(org->index->entries[i].key);
		free(org->index->entries);
		free(org->index->slots);
		free(org->index);
	}
	memset(org, 0, sizeof(*org));
}

size_t as_org_add_person(as_org *org, const char *id, const char *name,
			 const char *email)
{
	AS_GROW(org->people, org->npeople + 1, org->people_alloc);
	as_person *p = &org->people[org->npeople];
	memset(p, 0, sizeof(*p));
	p->id = as_xstrdup(id);
	p->name = name && *name ? as_xstrdup(name) : NULL;
	p->email = email && *email ? as_xstrdup(email) : NULL;
	p->manager = -1;
	return org->npeople++;
}

int as_org_add_identity(as_org *org, size_t person, const char *identity)
{
	char key[ID_MAX + 1];
	size_t len = normalise(key, identity, strlen(identity));
	if (len == (size_t)-1)
		return as_error_set(AS_ECONFIG, "identity '%.40s...' is longer than %d bytes",
				    identity, ID_MAX);
	if (!len)
		return as_error_set(AS_ECONFIG, "empty identity '%s'", identity);
	if (!org->index)
		org->index = as_xcalloc(1, sizeof(*org->index));
	int other = index_person(org->index, key, len, KIND_FULL);
	if (other >= 0) {
		if ((size_t)other == person)
			return 0;
		return as_error_set(AS_ECONFIG, "identity '%s' is claimed by both '%s' and '%s'",
				    identity, org->people[other].id, org->people[person].id);
	}
	index_put(org->index, key, (int)person, KIND_FULL);
	return 0;
}

int as_org_find_person(const as_org *org, const char *id)
{
	char key[ID_MAX + 1];
	size_t len = normalise(key, id, strlen(id));
	if (len && len != (size_t)-1) {
		int p = index_person(org->index, key, len, KIND_FULL);
		if (p >= 0 && !strcasecmp(org->people[p].id, id))
			return p;
	}
	/* People whose id was not registered as an identity. */
	for (size_t i = 0; i < org->npeople; i++)
		if (!strcasecmp(org->people[i].id, id))
			return (int)i;
	return -1;
}

int as_org_set_manager(as_org *org, size_t report, size_t manager)
{
	if (report == manager || as_org_is_above(org, (int)report, (int)manager)) {
		/* report -> manager -> ... -> report */
		as_buf chain = AS_BUF_INIT;
		as_buf_puts(&chain, org->people[report].id);
		int p = (int)manager;
		for (size_t guard = 0; p >= 0 && guard <= org->npeople; guard++) {
			as_buf_printf(&chain, " -> %s", org->people[p].id);
			if (p == (int)report)
				break;
			p = org->people[p].manager;
		}
		as_error_set(AS_ECONFIG, "management cycle: %s (each reports to the next)",
			     chain.ptr);
		as_buf_free(&chain);
		return AS_ECONFIG;
	}
	org->people[report].manager = (int)manager;
	return 0;
}

size_t as_org_add_team(as_org *org, const char *id)
{
	AS_GROW(org->teams, org->nteams + 1, org->teams_alloc);
	as_team *t = &org->teams[org->nteams];
	memset(t, 0, sizeof(*t));
	t->id = as_xstrdup(id);
	t->lead = -1;
	return org->nteams++;
}

int as_org_find_team(const as_org *org, const char *id)
{
	for (size_t i = 0; i < org->nteams; i++)
		if (!strcasecmp(org->teams[i].id, id))
			return (int)i;
	return -1;
}

void as_org_team_add_member(as_org *org, size_t team, size_t person)
{
	as_team *t = &org->teams[team];
	for (size_t i = 0; i < t->nmembers; i++)
		if (t->members[i] == person)
			return;
	AS_GROW(t->members, t->nmembers + 1, t->members_alloc);
	t->members[t->nmembers++] = person;
	as_person *p = &org->people[person];
	AS_GROW(p->teams, p->nteams + 1, p->teams_alloc);
	p->teams[p->nteams++] = team;
}

/* Indexes the first word of a name as a first name of `person` (or marks
 * it ambiguous when another person has it too). */
static void add_first_name(as_org *org, const char *name, int person)
{
	char key[ID_MAX + 1];
	size_t len = normalise(key, name, strlen(name));
	char *sp = len && len != (size_t)-1 ? strchr(key, ' ') : NULL;
	if (!sp || memchr(key, '@', len))
		return; /* one word (indexed itself), or an e-mail */
	*sp = '\0';
	len = (size_t)(sp - key);
	int32_t e = index_find(org->index, key, len, KIND_FIRST);
	if (e < 0)
		index_put(org->index, key, person, KIND_FIRST);
	else if (org->index->entries[e].person != person)
		org->index->entries[e].person = -1;
}

void as_org_finish(as_org *org)
{
	if (!org->index)
		org->index = as_xcalloc(1, sizeof(*org->index));
	for (size_t i = 0; i < org->npeople; i++)
		if (org->people[i].name)
			add_first_name(org, org->people[i].name, (int)i);
	/* and of the other names [people] lists ("Juergen Weber") */
	size_t n = org->index->nentries;
	for (size_t e = 0; e < n; e++) {
		const entry *en = &org->index->entries[e];
		if (en->kind != KIND_FULL || !strchr(en->key, ' '))
			continue;
		char *name = as_xstrdup(en->key);
		add_first_name(org, name, en->person);
		free(name);
	}
}

/* ---- resolving ---------------------------------------------------------- */

static int lookup(const as_org *org, const char *s, size_t len, int first_names)
{
	char key[ID_MAX + 1];
	size_t n = normalise(key, s, len);
	if (!n || n == (size_t)-1)
		return -1;
	int p = index_person(org->index, key, n, KIND_FULL);
	if (p >= 0)
		return p;
	if (first_names && !memchr(key, ' ', n) && !memchr(key, '@', n)) {
		p = index_person(org->index, key, n, KIND_FIRST);
		if (p >= 0)
			return p;
	}
	return -1;
}

size_t as_org_nidentities(const as_org *org)
{
	return org->index ? org->index->nentries : 0;
}

const char *as_org_entry(const as_org *org, size_t i, int *person, int *first_name)
{
	const entry *e = &org->index->entries[i];
	*person = e->person;
	*first_name = e->kind == KIND_FIRST;
	return e->key;
}

const char *as_org_identity(const as_org *org, size_t i, int *person)
{
	int first_name;
	const char *key = as_org_entry(org, i, person, &first_name);
	return first_name ? NULL : key;
}

int as_org_resolve(const as_org *org, const char *text, size_t len)
{
	if (!org || !org->index || !text)
		return -1;
	trim_span(&text, &len);
	if (!len)
		return -1;

	/* "Name <email>": a known e-mail decides; else a known full name. */
	const char *lt = NULL;
	for (size_t i = len; i-- > 0;)
		if (text[i] == '<') {
			lt = text + i;
			break;
		}
	if (lt) {
		const char *gt = memchr(lt, '>', len - (size_t)(lt - text));
		if (gt) {
			int p = lookup(org, lt + 1, (size_t)(gt - lt - 1), 0);
			if (p >= 0)
				return p;
			return lt > text ? lookup(org, text, (size_t)(lt - text), 0) : -1;
		}
	}
	/* "@login" and bare e-mails: only the identity itself. */
	if (text[0] == '@' || memchr(text, '@', len))
		return lookup(org, text, len, 0);
	/* An id, a display name, another listed name, or a unique first name. */
	return lookup(org, text, len, 1);
}


/* ---- relations ---------------------------------------------------------- */

int as_org_is_above(const as_org *org, int boss, int person)
{
	if (boss < 0 || person < 0 || (size_t)person >= org->npeople)
		return 0;
	int p = org->people[person].manager;
	/* The guard only matters for an org built without as_org_set_manager. */
	for (size_t guard = 0; p >= 0 && guard < org->npeople; guard++) {
		if (p == boss)
			return 1;
		p = org->people[p].manager;
	}
	return 0;
}

int as_org_same_team(const as_org *org, int a, int b)
{
	if (a < 0 || b < 0)
		return 0;
	const as_person *pa = &org->people[a], *pb = &org->people[b];
	for (size_t i = 0; i < pa->nteams; i++)
		for (size_t j = 0; j < pb->nteams; j++)
			if (pa->teams[i] == pb->teams[j])
				return 1;
	return 0;
}

as_relation as_org_relation(const as_org *org, int actor, int subject)
{
	if (actor < 0 || subject < 0 || (size_t)actor >= org->npeople ||
	    (size_t)subject >= org->npeople)
		return AS_REL_UNKNOWN;
	if (actor == subject)
		return AS_REL_SELF;
	if (org->people[subject].manager == actor)
		return AS_REL_MANAGER;
	if (as_org_is_above(org, actor, subject))
		return AS_REL_SKIP_LEVEL;
	if (as_org_is_above(org, subject, actor))
		return AS_REL_REPORT;
	if (as_org_same_team(org, actor, subject))
		return AS_REL_PEER;
	return AS_REL_CROSS_TEAM;
}

int as_org_find_team_handle(const as_org *org, const char *handle, size_t len)
{
	const char *slug = handle;
	size_t slug_len = len;
	if (!len)
		return -1;
	if (slug[0] == '@')
		slug++, slug_len--;
	int bare = !memchr(slug, '/', slug_len);
	for (size_t t = 0; t < org->nteams; t++) {
		const char *h = org->teams[t].codeowners;
		if (!h)
			continue;
		if (strlen(h) == len && !strncasecmp(h, handle, len))
			return (int)t;
		const char *hs = strchr(h, '/');
		if (bare && hs && strlen(hs + 1) == slug_len && !strncasecmp(hs + 1, slug, slug_len))
			return (int)t;
	}
	return -1;
}

as_relation as_org_team_relation(const as_org *org, int p, size_t team)
{
	if (p < 0 || (size_t)p >= org->npeople || team >= org->nteams)
		return AS_REL_UNKNOWN;
	const as_team *t = &org->teams[team];
	as_relation rel = AS_REL_CROSS_TEAM;
	for (size_t i = 0; i < t->nmembers; i++)
		if (t->members[i] == (size_t)p)
			return AS_REL_PEER;
	for (size_t i = 0; i < t->nmembers; i++) {
		int m = (int)t->members[i];
		if (org->people[m].manager == p)
			return AS_REL_MANAGER;
		if (as_org_is_above(org, p, m))
			rel = AS_REL_SKIP_LEVEL;
		else if (rel == AS_REL_CROSS_TEAM && as_org_is_above(org, m, p))
			rel = AS_REL_REPORT;
	}
	return rel;
}

/* ---- loading [people], [managers], [team.*] ---------------------------- */

int as_org_valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || strchr("<>,", *s))
			return 0;
	return 1;
}

int as_org_valid_login(const char *s)
{
	if (s[0] != '@' || !s[1])
		return 0;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_./", *s))
			return 0;
	return 1;
}

/*
 * Splits a [people] value at commas (not inside "<...>"); items are
 * trimmed, empty ones dropped. A comma always separates identities, so a
 * name cannot contain one: "Doe, Jane <jd@example.com>" is the two
 * identities "Doe" and "Jane <jd@example.com>".
 */
static void split_people(const char *value, char ***items, size_t *n)
{
	size_t alloc = 0;
	int angle = 0;
	as_buf item = AS_BUF_INIT;
	*items = NULL;
	*n = 0;
	for (const char *p = value;; p++) {
		if (*p == '<')
			angle = 1;
		else if (*p == '>')
			angle = 0;
		if (*p && (*p != ',' || angle)) {
			as_buf_putc(&item, *p);
			continue;
		}
		as_buf_trim(&item);
		if (item.len) {
			AS_GROW(*items, *n + 1, alloc);
			(*items)[(*n)++] = as_buf_detach(&item);
		}
		as_buf_clear(&item);
		if (!*p)
			break;
	}
	as_buf_free(&item);
}

int as_org_parse_day(const char *text, int64_t *day)
{
	int y, mo, d, n = 0;
	if (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || text[n] ||
	    strlen(text) != 10 || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d };
	time_t t = timegm(&tm);
	struct tm back;
	/* 2024-02-30 is no day */
	if (t == (time_t)-1 || !gmtime_r(&t, &back) || back.tm_mday != d)
		return -1;
	*day = (int64_t)t;
	return 0;
}

int as_org_parse_left(const char *text, int64_t *day)
{
	while (isspace((unsigned char)*text))
		text++;
	if (strncasecmp(text, "left", 4))
		return 0;
	const char *p = text + 4;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '=')
		return 0;
	for (p++; isspace((unsigned char)*p); p++)
		;
	char buf[16];
	size_t len = strlen(p);
	while (len && isspace((unsigned char)p[len - 1]))
		len--;
	if (len >= sizeof(buf) || (memcpy(buf, p, len), buf[len] = '\0', as_org_parse_day(buf, day) < 0))
		return as_error_set(AS_ECONFIG, "'%s' is not a date (left=YYYY-MM-DD)", text);
	return 1;
}

/*
 * One person: `id = Display Name <primary e-mail>, more identities`.
 * Identities are e-mails (bare or in <>), @logins, and names (any other
 * text: "Bobby Stone", or "Bob Stone <bob@old.example.com>" which adds
 * both). The first name and the first e-mail are the display name and the
 * primary e-mail. Every identity must be unique across people.
 */
static int load_person(as_org *org, const as_ini_key *k)
{
	char **items, **ids = NULL;
	size_t n, nids = 0, ids_alloc = 0;
	const char *name = NULL, *email = NULL;
	int64_t left = 0;
	int rc = 0;

	split_people(k->value, &items, &n);
	for (size_t i = 0; i < n && !rc; i++) {
		char *it = items[i];
		char *lt = strchr(it, '<');
		int is_left = as_org_parse_left(it, &left);
		if (is_left < 0) {
			rc = as_config_fail_again(k->file, k->line, "[people] ");
			break;
		}
		if (is_left)
			continue;
		if (lt) {
			char *gt = strchr(lt, '>');
			if (!gt || gt[1] || strchr(lt + 1, '<')) {
				rc = as_config_fail_key(k, "[people] %s: '%s' is not 'Name <e-mail>'",
					      k->name, it);
				break;
			}
			*gt = '\0';
			*lt = '\0';
			char *e = lt + 1;
			while (lt > it && isspace((unsigned char)lt[-1]))
				*--lt = '\0';
			if (!as_org_valid_email(e)) {
				rc = as_config_fail_key(k, "[people] %s: '%s' is not an e-mail address",
					      k->name, e);
				break;
			}
			AS_GROW(ids, nids + 2, ids_alloc);
			if (*it)
				ids[nids++] = it;
			ids[nids++] = e;
			if (!name && *it)
				name = it;
			if (!email)
				email = e;
			continue;
		}
		if (it[0] == '@') {
			if (!as_org_valid_login(it)) {
				rc = as_config_fail_key(k, "[people] %s: '%s' is not a login (@ followed by "
					      "letters, digits, '-', '_', '.', '/')", k->name, it);
				break;
			}
		} else if (strchr(it, '@')) {
			if (!as_org_valid_email(it)) {
				rc = as_config_fail_key(k, "[people] %s: '%s' is not an e-mail address",
					      k->name, it);
				break;
			}
			if (!email)
				email = it;
		} else if (!name) {
			name = it;
		}
		AS_GROW(ids, nids + 1, ids_alloc);
		ids[nids++] = it;
	}
	if (!rc) {
		size_t p = as_org_add_person(org, k->name, name, email);
		org->people[p].left = left;
		if (as_org_add_identity(org, p, k->name) < 0)
			rc = as_config_fail_again(k->file, k->line, "[people] ");
		for (size_t i = 0; i < nids && !rc; i++)
			if (as_org_add_identity(org, p, ids[i]) < 0)
				rc = as_config_fail_again(k->file, k->line, "[people] ");
	}
	free(ids);
	as_list_free(items, n);
	return rc;
}

/*
 * A reference to a person in [managers] or a team: the id, or any full
 * identity (e-mail, @login, display name). First names are not indexed
 * before as_org_finish(), so they cannot match here: no guessing.
 */
static int person_ref(const as_org *org, const char *text)
{
	int p = as_org_find_person(org, text);
	return p >= 0 ? p : as_org_resolve(org, text, strlen(text));
}

int as_org_load_managers(as_org *org, const as_ini_section *sec)
{
	for (size_t i = 0; i < sec->nkeys; i++) {
		const as_ini_key *k = &sec->keys[i];
		int report = as_org_find_person(org, k->name);
		if (report < 0)
			return as_config_fail_key(k, "[managers] unknown person '%s' (not in [people])", k->name);
		if (!*k->value)
			return as_config_fail_key(k, "[managers] %s: no manager given", k->name);
		int manager = person_ref(org, k->value);
		if (manager < 0)
			return as_config_fail_key(k, "[managers] unknown person '%s' (not in [people])", k->value);
		if (as_org_set_manager(org, (size_t)report, (size_t)manager) < 0)
			return as_config_fail_again(k->file, k->line, "[managers] ");
	}
	return 0;
}

static int team_people(as_org *org, size_t team, const as_ini_key *k, int lead)
{
	char **items;
	size_t n;
	int rc = 0;
	as_list_split(k->value, &items, &n);
	if (lead && n != 1)
		rc = as_config_fail_key(k, "team '%s': lead must name one person", org->teams[team].id);
	for (size_t i = 0; i < n && !rc; i++) {
		int p = person_ref(org, items[i]);
		if (p < 0) {
			rc = as_config_fail_key(k, "team '%s': unknown person '%s' in %s",
				      org->teams[team].id, items[i], k->name);
			break;
		}
		if (lead)
			org->teams[team].lead = p;
		as_org_team_add_member(org, team, (size_t)p);
	}
	as_list_free(items, n);
	return rc;
}

static const char *const team_keys[] = { "lead", "members", "paths", "codeowners" };

int as_org_load_team(as_org *org, const as_ini_section *sec)
{
	const char *id = sec->name + strlen("team.");
	if (!*id)
		return as_config_fail(sec->file, sec->line, "[team.] needs a name: [team.NAME]");
	if (as_org_find_team(org, id) >= 0)
		return as_config_fail(sec->file, sec->line, "team '%s' defined twice", id);
	size_t t = as_org_add_team(org, id);
	for (size_t i = 0; i < sec->nkeys; i++) {
		const as_ini_key *k = &sec->keys[i];
		int which = as_name_index(team_keys, 4, k->name);
		int rc = 0;
		as_team *team = &org->teams[t];
		switch (which) {
		case 0: /* lead */
		case 1: /* members */
			rc = team_people(org, t, k, which == 0);
			break;
		case 2: /* paths */
			as_list_free(team->paths, team->npaths);
			as_list_split(k->value, &team->paths, &team->npaths);
			team->paths_alloc = team->npaths;
			break;
		case 3: /* codeowners */
			if (!*k->value || strpbrk(k->value, " \t,"))
				return as_config_fail_key(k, "team '%s': codeowners must be one CODEOWNERS "
						"owner, e.g. @org/team-name", id);
			free(team->codeowners);
			team->codeowners = as_xstrdup(k->value);
			break;
		default:
			return as_config_fail_key(k, "unknown key '%s' in [%s]", k->name, sec->name);
		}
		if (rc)
			return rc;
	}
	return 0;
}
int as_org_load_people(as_org *org, const as_ini_section *sec)
{
	for (size_t k = 0; k < sec->nkeys; k++) {
		int rc = load_person(org, &sec->keys[k]);
		if (rc)
			return rc;
	}
	return 0;
}
