/*
 * GitHub teams and members from the GitHub CLI's output (github_teams.h).
 */
#include "source/github_teams.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"

/* A large organisation's listing is a few MB. */
#define MAX_FILE_BYTES ((size_t)64 * 1024 * 1024)

/*
 * Every element of the top-level arrays of `path` (one array, or several
 * one after another, as gh api --paginate writes pages), in one array.
 */
static int read_pages(json_t **out, const char *path)
{
	as_buf text = AS_BUF_INIT;
	int err = as_read_file(&text, path, MAX_FILE_BYTES);
	json_t *all = json_array();
	size_t off = 0, len = text.len;
	const char *s = as_buf_cstr(&text);

	while (!err) {
		while (off < len && strchr(" \t\r\n", s[off]))
			off++;
		if (off == len)
			break;
		json_error_t jerr;
		json_t *page = json_loadb(s + off, len - off, JSON_DISABLE_EOF_CHECK, &jerr);
		if (!page) {
			/* the line and column count from where this page began */
			size_t line = 1, col = 1;
			for (size_t i = 0; i < off + (size_t)(jerr.position > 0 ? jerr.position - 1 : 0) && i < len; i++) {
				if (s[i] == '\n') {
					line++;
					col = 1;
				} else {
					col++;
				}
			}
			err = as_error_set(AS_EINPUT, "%s:%zu:%zu: %s", path, line, col, jerr.text);
			break;
		}
		if (!json_is_array(page)) {
			json_decref(page);
			err = as_error_set(AS_EINPUT, "%s: byte %zu: not a JSON array (the output of "
					   "gh api is one)", path, off);
			break;
		}
		json_array_extend(all, page);
		json_decref(page);
		off += (size_t)jerr.position;
	}
	as_buf_free(&text);
	if (err < 0) {
		json_decref(all);
		return err;
	}
	*out = all;
	return 0;
}

/* GitHub's slugs and logins: letters, digits, '-', '_', '.'. */
static int is_name(const char *s)
{
	if (!s || !*s || strlen(s) > 100)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

static char *org_of(json_t *team)
{
	const char *url = json_string_value(json_object_get(team, "html_url"));
	const char *login = json_string_value(json_object_get(json_object_get(team, "organization"),
							      "login"));
	static const char prefix[] = "https://github.com/orgs/";
	if (url && !strncmp(url, prefix, sizeof(prefix) - 1)) {
		const char *o = url + sizeof(prefix) - 1, *slash = strchr(o, '/');
		if (slash) {
			char *org = as_xstrndup(o, (size_t)(slash - o));
			if (is_name(org))
				return org;
			free(org);
		}
	}
	return is_name(login) ? as_xstrdup(login) : NULL;
}

static int read_members(as_gh_team *t, const char *path)
{
	json_t *users;
	if (access(path, F_OK) != 0)
		return 0;
	int err = read_pages(&users, path);
	if (err < 0)
		return err;
	t->have_members = 1;
	t->logins = as_xcalloc(json_array_size(users) + 1, sizeof(*t->logins));
	for (size_t i = 0; i < json_array_size(users); i++) {
		const char *login = json_string_value(json_object_get(json_array_get(users, i), "login"));
		if (!is_name(login)) {
			err = as_error_set(AS_EINPUT, "%s: record %zu: %s", path, i + 1,
					   login ? "the login is not a GitHub login" : "no \"login\"");
			break;
		}
		t->logins[t->nlogins++] = as_xstrdup(login);
	}
	json_decref(users);
	return err;
}

int as_gh_teams_load(as_gh_teams *out, const char *teams_json)
{
	json_t *teams;
	as_buf member_path = AS_BUF_INIT;
	const char *slash = strrchr(teams_json, '/');
	size_t dir_len = slash ? (size_t)(slash - teams_json) + 1 : 0;

	memset(out, 0, sizeof(*out));
	int err = read_pages(&teams, teams_json);
	if (err < 0)
		return err;
	for (size_t i = 0; i < json_array_size(teams) && !err; i++) {
		json_t *team = json_array_get(teams, i);
		const char *slug = json_string_value(json_object_get(team, "slug"));
		const char *name = json_string_value(json_object_get(team, "name"));
		if (!is_name(slug)) {
			err = as_error_set(AS_EINPUT, "%s: record %zu: %s", teams_json, i + 1,
					   slug ? "the slug is not a GitHub team slug" : "no \"slug\"");
			break;
		}
		AS_GROW(out->items, out->nr + 1, out->alloc);
		as_gh_team *t = &out->items[out->nr++];
		memset(t, 0, sizeof(*t));
		t->slug = as_xstrdup(slug);
		t->name = as_xstrdup(name && *name ? name : slug);
		t->org = org_of(team);
		as_buf_clear(&member_path);
		as_buf_put(&member_path, teams_json, dir_len);
		as_buf_printf(&member_path, "%s.json", slug);
		/* (a team whose slug names the listing itself has no members file) */
		if (strcmp(member_path.ptr, teams_json))
			err = read_members(t, member_path.ptr);
	}
	json_decref(teams);
	as_buf_free(&member_path);
	if (err < 0)
		as_gh_teams_free(out);
	return err;
}

void as_gh_teams_free(as_gh_teams *t)
{
	for (size_t i = 0; i < t->nr; i++) {
		free(t->items[i].slug);
		free(t->items[i].name);
		free(t->items[i].org);
		for (size_t k = 0; k < t->items[i].nlogins; k++)
			free(t->items[i].logins[k]);
		free(t->items[i].logins);
	}
	free(t->items);
	memset(t, 0, sizeof(*t));
}
