/*
 * The org chart from an HR export (org_csv.h).
 */
#include "config/org_csv.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/values.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/error.h"
#include "util/file.h"

/* An HR export of a large company is a few MB; refuse to read gigabytes. */
#define MAX_FILE_BYTES ((size_t)64 * 1024 * 1024)

static const char *const field_names[AS_ORG_CSV__COUNT] = {
	"name", "email", "manager_email", "team", "left",
};

static void trimmed(char **out, const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	*out = as_xstrndup(s, len);
}

/* The header names of the fields: the defaults, or "field=Header" items. */
static int header_names(char *names[AS_ORG_CSV__COUNT], char *const *columns, size_t n)
{
	for (int f = 0; f < AS_ORG_CSV__COUNT; f++)
		names[f] = as_xstrdup(field_names[f]);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(columns[i], '=');
		int f = -1;
		for (int k = 0; eq && k < AS_ORG_CSV__COUNT; k++)
			if (strlen(field_names[k]) == (size_t)(eq - columns[i]) &&
			    !strncmp(field_names[k], columns[i], (size_t)(eq - columns[i])))
				f = k;
		if (f < 0 || !eq[1])
			return as_error_set(AS_ECONFIG, "org_csv_columns: '%s' is not FIELD=Header "
					    "(FIELD: name, email, manager_email, team, left)", columns[i]);
		free(names[f]);
		trimmed(&names[f], eq + 1, strlen(eq + 1));
	}
	return 0;
}

__attribute__((format(printf, 3, 4)))
static int row_fail(const as_org_csv *csv, uint64_t line, const char *fmt, ...)
{
	as_buf place = AS_BUF_INIT;
	va_list ap;
	as_buf_printf(&place, "%s:%llu: ", csv->path, (unsigned long long)line);
	va_start(ap, fmt);
	int err = as_error_vat(AS_EINPUT, place.ptr, fmt, ap);
	va_end(ap);
	as_buf_free(&place);
	return err;
}

static int read_rows(as_org_csv *out, as_csv *c, char *names[AS_ORG_CSV__COUNT])
{
	int col[AS_ORG_CSV__COUNT], rc;
	for (int f = 0; f < AS_ORG_CSV__COUNT; f++)
		col[f] = -1;
	if ((rc = as_csv_next(c)) <= 0)
		return rc < 0 ? rc : as_error_set(AS_EINPUT, "%s: empty: no header row", out->path);
	for (size_t i = 0; i < c->nfields; i++) {
		char *h;
		trimmed(&h, c->fields[i].ptr, c->fields[i].len);
		for (int f = 0; f < AS_ORG_CSV__COUNT; f++)
			if (col[f] < 0 && !strcasecmp(h, names[f]))
				col[f] = (int)i;
		free(h);
	}
	if (col[AS_ORG_CSV_EMAIL] < 0)
		return row_fail(out, c->rec_line, "no '%s' column in the header row",
				names[AS_ORG_CSV_EMAIL]);
	while ((rc = as_csv_next(c)) == 1) {
		AS_GROW(out->rows, out->nr + 1, out->alloc);
		as_org_csv_row *r = &out->rows[out->nr++];
		memset(r, 0, sizeof(*r));
		r->line = c->rec_line;
		for (int f = 0; f < AS_ORG_CSV__COUNT; f++) {
			if (col[f] >= 0 && (size_t)col[f] < c->nfields)
				trimmed(&r->field[f], c->fields[col[f]].ptr, c->fields[col[f]].len);
			else
				r->field[f] = as_xstrdup("");
		}
		const char *email = r->field[AS_ORG_CSV_EMAIL], *mgr = r->field[AS_ORG_CSV_MANAGER];
		if (!*email)
			return row_fail(out, r->line, "no e-mail (column '%s')", names[AS_ORG_CSV_EMAIL]);
		if (!as_org_valid_email(email))
			return row_fail(out, r->line, "'%s' is not an e-mail address", email);
		if (*mgr && !as_org_valid_email(mgr))
			return row_fail(out, r->line, "manager '%s' is not an e-mail address", mgr);
		if (*r->field[AS_ORG_CSV_LEFT] &&
		    as_org_parse_day(r->field[AS_ORG_CSV_LEFT], &r->left) < 0)
			return row_fail(out, r->line, "left: '%s' is not a date (YYYY-MM-DD)",
					r->field[AS_ORG_CSV_LEFT]);
	}
	return rc;
}

int as_org_csv_read(as_org_csv *out, const char *path, char *const *columns,
		    size_t ncolumns)
{
	char *names[AS_ORG_CSV__COUNT] = { 0 };
	as_buf text = AS_BUF_INIT;
	as_csv c;

	memset(out, 0, sizeof(*out));
	out->path = as_xstrdup(path);
	int err = header_names(names, columns, ncolumns);
	if (!err)
		err = as_read_file(&text, path, MAX_FILE_BYTES);
	if (!err) {
		as_csv_init(&c, path, as_buf_cstr(&text), text.len);
		err = read_rows(out, &c, names);
		as_csv_free(&c);
	}
	for (int f = 0; f < AS_ORG_CSV__COUNT; f++)
		free(names[f]);
	as_buf_free(&text);
	if (err < 0)
		as_org_csv_free(out);
	return err < 0 ? err : 0;
}

void as_org_csv_free(as_org_csv *csv)
{
	for (size_t i = 0; i < csv->nr; i++)
		for (int f = 0; f < AS_ORG_CSV__COUNT; f++)
			free(csv->rows[i].field[f]);
	free(csv->rows);
	free(csv->path);
	memset(csv, 0, sizeof(*csv));
}

/* ---- ids ------------------------------------------------------------------ */

void as_org_slug(as_buf *out, const char *s, size_t len)
{
	size_t start = out->len;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (isalnum(ch) || ch == '.' || ch == '_')
			as_buf_putc(out, (char)tolower(ch));
		else if (out->len > start && out->ptr[out->len - 1] != '-')
			as_buf_putc(out, '-');
	}
	while (out->len > start && out->ptr[out->len - 1] == '-')
		as_buf_truncate(out, out->len - 1);
}

void as_org_team_id(as_buf *out, const char *name)
{
	size_t start = out->len;
	as_org_slug(out, name, strlen(name));
	if (out->len == start)
		as_buf_puts(out, "team");
}

/* Is `id` free: no person has it as id or as an identity? */
static int id_free(const as_org *org, const char *id)
{
	return as_org_find_person(org, id) < 0 && as_org_resolve(org, id, strlen(id)) < 0;
}

void as_org_new_id(as_buf *out, const as_org *org, const char *email, const char *name)
{
	as_buf base = AS_BUF_INIT;
	const char *at = email && *email ? strchr(email, '@') : NULL;
	if (at)
		as_org_slug(&base, email, (size_t)(at - email));
	else if (name)
		as_org_slug(&base, name, strlen(name));
	if (!base.len)
		as_buf_puts(&base, "person");
	as_buf cand = AS_BUF_INIT;
	as_buf_puts(&cand, base.ptr);
	for (unsigned n = 2; !id_free(org, cand.ptr); n++) {
		as_buf_clear(&cand);
		as_buf_printf(&cand, "%s-%u", base.ptr, n);
	}
	as_buf_puts(out, cand.ptr);
	as_buf_free(&cand);
	as_buf_free(&base);
}

/* ---- into the org chart ------------------------------------------------------ */

static int again(const as_org_csv *csv, const as_org_csv_row *r)
{
	return as_config_fail_again(csv->path, (int)r->line, "");
}

int as_org_csv_apply(as_org *org, const as_org_csv *csv)
{
	size_t *person = as_xmalloc((csv->nr + 1) * sizeof(*person));
	as_buf id = AS_BUF_INIT;
	int err = 0;

	for (size_t i = 0; i < csv->nr && !err; i++) {
		const as_org_csv_row *r = &csv->rows[i];
		const char *name = r->field[AS_ORG_CSV_NAME], *email = r->field[AS_ORG_CSV_EMAIL];
		int other = as_org_resolve(org, email, strlen(email));
		if (other >= 0) {
			err = as_config_fail(csv->path, (int)r->line, "identity '%s' is claimed by "
					     "both '%s' and this row", email, org->people[other].id);
			break;
		}
		as_buf_clear(&id);
		as_org_new_id(&id, org, email, name);
		person[i] = as_org_add_person(org, id.ptr, *name ? name : NULL, email);
		org->people[person[i]].left = r->left;
		if (as_org_add_identity(org, person[i], id.ptr) < 0 ||
		    as_org_add_identity(org, person[i], email) < 0)
			err = again(csv, r);
		/* a name two people share identifies neither: only e-mails must
		 * be unique in an HR export */
		if (!err && *name && as_org_resolve(org, name, strlen(name)) < 0)
			as_org_add_identity(org, person[i], name);
	}
	for (size_t i = 0; i < csv->nr && !err; i++) {
		const as_org_csv_row *r = &csv->rows[i];
		const char *mgr = r->field[AS_ORG_CSV_MANAGER];
		if (!*mgr)
			continue;
		int m = as_org_resolve(org, mgr, strlen(mgr));
		if (m < 0)
			err = as_config_fail(csv->path, (int)r->line, "unknown manager '%s' (no person "
					     "has this e-mail)", mgr);
		else if (as_org_set_manager(org, person[i], (size_t)m) < 0)
			err = again(csv, r);
	}
	for (size_t i = 0; i < csv->nr && !err; i++) {
		const char *team = csv->rows[i].field[AS_ORG_CSV_TEAM];
		if (!*team)
			continue;
		as_buf_clear(&id);
		as_org_team_id(&id, team);
		int t = as_org_find_team(org, id.ptr);
		if (t < 0)
			t = (int)as_org_add_team(org, id.ptr);
		as_org_team_add_member(org, (size_t)t, person[i]);
	}
	as_buf_free(&id);
	free(person);
	return err;
}

int as_org_csv_load(as_org *org, const char *path, char *const *columns, size_t ncolumns)
{
	as_org_csv csv;
	int err = as_org_csv_read(&csv, path, columns, ncolumns);
	if (err < 0)
		return err;
	err = as_org_csv_apply(org, &csv);
	as_org_csv_free(&csv);
	return err;
}
