/*
 * A drafted org chart, written as rules.ini (draft.h).
 */
#include "config/draft.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config/ini.h"
#include "config/org_csv.h"
#include "util/alloc.h"
#include "util/sanitize.h"

/* Leave room for the comment after a value within iniparser's limit. */
#define LINE_MAX_BYTES (AS_INI_MAX_LINE - 2)
#define NAME_MAX_BYTES 200
#define COMMENT_COLUMN 40

void as_draft_init(as_draft *d)
{
	memset(d, 0, sizeof(*d));
	as_org_init(&d->index);
}

void as_draft_free(as_draft *d)
{
	for (size_t i = 0; i < d->npeople; i++) {
		as_draft_person *p = &d->people[i];
		free(p->id);
		free(p->name);
		free(p->email);
		for (size_t k = 0; k < p->nidents; k++)
			free(p->idents[k]);
		free(p->idents);
	}
	free(d->people);
	for (size_t i = 0; i < d->nteams; i++) {
		free(d->teams[i].id);
		free(d->teams[i].codeowners);
		free(d->teams[i].members);
	}
	free(d->teams);
	as_org_free(&d->index);
	as_buf_free(&d->header);
	memset(d, 0, sizeof(*d));
}

/* ---- what rules.ini can hold ------------------------------------------------ */

static int is_bidi(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * A name as [people] reads it back: valid UTF-8, no controls or bidi
 * overrides, none of the characters that delimit identities or values
 * (< > , @ = ; # quotes, backslash), white space collapsed. NULL when
 * nothing is left.
 */
static char *clean_name(const char *s)
{
	as_buf utf8 = AS_BUF_INIT, out = AS_BUF_INIT;
	as_sanitize_str(&utf8, s, AS_SAN_UTF8);
	const unsigned char *p = (const unsigned char *)as_buf_cstr(&utf8);
	int space = 0;
	while (*p && out.len < NAME_MAX_BYTES) {
		size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		unsigned cp = *p;
		if (n == 2)
			cp = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
		else if (n == 3)
			cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
		if (cp == ' ' || cp == '\t') {
			space = out.len > 0;
		} else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && !is_bidi(cp) &&
			   !(cp < 0x80 && strchr("<>,@=;#\"'\\`", (int)cp))) {
			if (space)
				as_buf_putc(&out, ' ');
			space = 0;
			as_buf_put(&out, p, n);
		}
		p += n;
	}
	as_buf_free(&utf8);
	if (!out.len) {
		as_buf_free(&out);
		return NULL;
	}
	return as_buf_detach(&out);
}

/* An e-mail as [people] takes it, and as an unquoted value can hold it. */
static int good_email(const char *s)
{
	if (!s || !as_org_valid_email(s) || strpbrk(s, ";#\"'\\`="))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 0;
	return 1;
}

/* ---- people ------------------------------------------------------------------ */

size_t as_draft_add_person(as_draft *d, const char *id, const char *name,
			   const char *email, const char *source)
{
	char *clean = name ? clean_name(name) : NULL;
	const char *mail = good_email(email) ? email : NULL;
	as_buf key = AS_BUF_INIT;

	if (id && *id && as_org_find_person(&d->index, id) < 0 &&
	    as_org_resolve(&d->index, id, strlen(id)) < 0)
		as_buf_puts(&key, id);
	else
		as_org_new_id(&key, &d->index, mail, clean ? clean : id);
	AS_GROW(d->people, d->npeople + 1, d->people_alloc);
	as_draft_person *p = &d->people[d->npeople];
	memset(p, 0, sizeof(*p));
	p->id = as_buf_detach(&key);
	p->manager = -1;
	p->source = source;
	size_t i = as_org_add_person(&d->index, p->id, NULL, NULL);
	d->npeople++;
	as_org_add_identity(&d->index, i, p->id);
	/* the primary e-mail and the name, unless another person has them */
	if (mail && as_org_resolve(&d->index, mail, strlen(mail)) < 0 &&
	    as_org_add_identity(&d->index, i, mail) == 0)
		p->email = as_xstrdup(mail);
	else if (mail)
		p->dropped++;
	if (clean && as_org_resolve(&d->index, clean, strlen(clean)) < 0 &&
	    as_org_add_identity(&d->index, i, clean) == 0)
		p->name = clean;
	else {
		p->dropped += clean != NULL;
		free(clean);
	}
	return i;
}

int as_draft_add_identity(as_draft *d, size_t person, const char *ident)
{
	char *it;
	if (ident[0] == '@')
		it = as_org_valid_login(ident) ? as_xstrdup(ident) : NULL;
	else if (strchr(ident, '@'))
		it = good_email(ident) ? as_xstrdup(ident) : NULL;
	else
		it = clean_name(ident);
	if (!it)
		return 0;
	int other = as_org_resolve(&d->index, it, strlen(it));
	if (other >= 0 || as_org_add_identity(&d->index, person, it) < 0) {
		d->people[person].dropped += other != (int)person;
		free(it);
		return 0;
	}
	as_draft_person *p = &d->people[person];
	AS_GROW(p->idents, p->nidents + 1, p->idents_alloc);
	p->idents[p->nidents++] = it;
	return 1;
}

int as_draft_find(const as_draft *d, const char *ident)
{
	return as_org_resolve(&d->index, ident, strlen(ident));
}

/* ---- teams --------------------------------------------------------------------- */

size_t as_draft_add_team(as_draft *d, const char *id, const char *source)
{
	for (size_t i = 0; i < d->nteams; i++)
		if (!strcmp(d->teams[i].id, id))
			return i;
	AS_GROW(d->teams, d->nteams + 1, d->teams_alloc);
	as_draft_team *t = &d->teams[d->nteams];
	memset(t, 0, sizeof(*t));
	t->id = as_xstrdup(id);
	t->source = source;
	return d->nteams++;
}

int as_draft_team_by_handle(const as_draft *d, const char *handle)
{
	for (size_t i = 0; i < d->nteams; i++)
		if (d->teams[i].codeowners && !strcasecmp(d->teams[i].codeowners, handle))
			return (int)i;
	return -1;
}

void as_draft_add_member(as_draft *d, size_t team, size_t person)
{
	as_draft_team *t = &d->teams[team];
	for (size_t i = 0; i < t->nmembers; i++)
		if (t->members[i] == person)
			return;
	AS_GROW(t->members, t->nmembers + 1, t->members_alloc);
	t->members[t->nmembers++] = person;
}

/* ---- the file ------------------------------------------------------------------- */

static void day(char out[16], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* "key = value", then the comment at COMMENT_COLUMN, then a newline. */
static void line(as_buf *out, const char *value_line, const char *comment)
{
	size_t start = out->len;
	as_buf_puts(out, value_line);
	if (comment && *comment) {
		size_t len = out->len - start;
		do
			as_buf_putc(out, ' ');
		while (++len < COMMENT_COLUMN);
		as_buf_puts(out, "; ");
		as_buf_puts(out, comment);
	}
	as_buf_putc(out, '\n');
}

/* Most commits first, then by id. */
static int cmp_person(const void *a, const void *b, void *draft)
{
	const as_draft *d = draft;
	const as_draft_person *x = &d->people[*(const size_t *)a];
	const as_draft_person *y = &d->people[*(const size_t *)b];
	if (x->commits != y->commits)
		return x->commits > y->commits ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int cmp_team(const void *a, const void *b, void *draft)
{
	const as_draft *d = draft;
	return strcmp(d->teams[*(const size_t *)a].id, d->teams[*(const size_t *)b].id);
}

static void person_line(as_buf *out, const as_draft_person *p)
{
	as_buf v = AS_BUF_INIT, note = AS_BUF_INIT, item = AS_BUF_INIT;
	size_t cut = 0;
	as_buf_printf(&v, "%s =", p->id);
	const char *sep = " ";
	if (p->name || p->email) {
		if (p->name && p->email)
			as_buf_printf(&item, "%s <%s>", p->name, p->email);
		else
			as_buf_puts(&item, p->name ? p->name : p->email);
		as_buf_printf(&v, "%s%s", sep, item.ptr);
		sep = ", ";
	}
	if (p->left) {
		char d[16];
		day(d, p->left);
		as_buf_printf(&v, "%sleft=%s", sep, d);
		sep = ", ";
	}
	for (size_t k = 0; k < p->nidents; k++) {
		if (v.len + 2 + strlen(p->idents[k]) + COMMENT_COLUMN > LINE_MAX_BYTES) {
			cut = p->nidents - k;
			break;
		}
		as_buf_printf(&v, "%s%s", sep, p->idents[k]);
		sep = ", ";
	}
	if (p->commits) {
		char d[16];
		day(d, p->last);
		as_buf_printf(&note, "%llu commit%s, the last %s", (unsigned long long)p->commits,
			      p->commits == 1 ? "" : "s", d);
	} else if (p->source) {
		as_buf_printf(&note, "from %s", p->source);
	}
	if (p->name && strlen(p->name) > 5 && !strcmp(p->name + strlen(p->name) - 5, "[bot]"))
		as_buf_printf(&note, "%sa bot: remove it?", note.len ? "; " : "");
	if (cut)
		as_buf_printf(&note, "%s%zu more identities: too long for one line", note.len ? "; " : "",
			      cut);
	if (p->dropped)
		as_buf_printf(&note, "%s%zu identit%s left out: another person has %s",
			      note.len ? "; " : "", p->dropped, p->dropped == 1 ? "y" : "ies",
			      p->dropped == 1 ? "it" : "them");
	line(out, v.ptr, note.ptr);
	as_buf_free(&v);
	as_buf_free(&note);
	as_buf_free(&item);
}

static void team_section(as_buf *out, const as_draft *d, const as_draft_team *t)
{
	as_buf v = AS_BUF_INIT;
	size_t cut = 0;
	as_buf_printf(out, "\n[team.%s]\n", t->id);
	if (t->source)
		as_buf_printf(out, "; from %s\n", t->source);
	as_buf_puts(out, "; lead = (the team's lead, one of its members)\n");
	as_buf_puts(&v, "members =");
	for (size_t i = 0; i < t->nmembers; i++) {
		const char *id = d->people[t->members[i]].id;
		if (v.len + 2 + strlen(id) > LINE_MAX_BYTES) {
			cut = t->nmembers - i;
			break;
		}
		as_buf_printf(&v, "%s%s", i ? ", " : " ", id);
	}
	if (t->nmembers)
		line(out, v.ptr, NULL);
	if (cut)
		as_buf_printf(out, "; %zu more members: too many for one line (iniparser reads lines "
			      "of at most 1,022 bytes): split the team\n", cut);
	if (t->codeowners)
		as_buf_printf(out, "codeowners = %s\n", t->codeowners);
	as_buf_puts(out, "; paths = (the directories the team owns, e.g. src/replay/)\n");
	as_buf_free(&v);
}

void as_draft_write(const as_draft *d, as_buf *out)
{
	size_t *order = as_xmalloc((d->npeople + d->nteams + 1) * sizeof(*order));

	as_buf_puts(out, as_buf_cstr(&d->header));
	as_buf_puts(out,
		    "\n[antisilo]\n"
		    "include = default                       ; the shipped rules; the keys below override theirs\n"
		    "mode = warn                             ; try the hook in warn mode first, then enforce\n"
		    "; active_months = 12                    ; still here: a commit in the last 12 months\n"
		    "\n[people]\n"
		    "; id = Display Name <primary e-mail>, more identities (e-mails, @logins), left=YYYY-MM-DD\n"
		    "; The most frequent authors first. Check who is one person (antisilo identities),\n"
		    "; mark who left (left=YYYY-MM-DD), and remove bots.\n");
	for (size_t i = 0; i < d->npeople; i++)
		order[i] = i;
	qsort_r(order, d->npeople, sizeof(*order), cmp_person, (void *)(uintptr_t)d);
	for (size_t i = 0; i < d->npeople; i++)
		person_line(out, &d->people[order[i]]);

	as_buf_puts(out, "\n[managers]\n; report = manager\n");
	for (size_t i = 0; i < d->npeople; i++) {
		const as_draft_person *p = &d->people[order[i]];
		if (p->manager >= 0)
			as_buf_printf(out, "%s = %s\n", p->id, d->people[p->manager].id);
	}
	for (size_t i = 0; i < d->nteams; i++)
		order[i] = i;
	qsort_r(order, d->nteams, sizeof(*order), cmp_team, (void *)(uintptr_t)d);
	for (size_t i = 0; i < d->nteams; i++)
		team_section(out, d, &d->teams[order[i]]);
	free(order);
}
