#include "source/tracker/github_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"

int gh_fail(const gh_rec *g, const char *fmt, ...)
{
	as_buf b = AS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	as_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	trk_fail_record(g->r, g->at->n, g->at->start, "%s", b.ptr);
	as_buf_free(&b);
	return AS_EINPUT;
}

int gh_login(const gh_rec *g, json_t *user, const char *what, uint32_t *out)
{
	if (json_is_null(user)) {
		*out = as_export_intern(g->x, "@ghost", 6);
		return 0;
	}
	json_t *login = json_object_get(user, "login");
	if (!json_is_string(login) || !json_string_length(login))
		return gh_fail(g, "\"%s\" has no \"login\"", what);
	as_buf b = AS_BUF_INIT;
	as_buf_putc(&b, '@');
	as_buf_put(&b, json_string_value(login), json_string_length(login));
	*out = as_export_intern(g->x, b.ptr, b.len);
	as_buf_free(&b);
	return 0;
}

int gh_bot_login(const char *login, size_t len)
{
	if (len && login[0] == '@')
		login++, len--;
	if (len >= 5 && !memcmp(login + len - 5, "[bot]", 5))
		return 1;
	/* machine users: renovate-bot, gitlab_bot */
	if (len > 4 && (!memcmp(login + len - 4, "-bot", 4) || !memcmp(login + len - 4, "_bot", 4)))
		return 1;
	if (len > 4 && !memcmp(login, "app/", 4))
		return 1;
	/* GitLab's access tokens: project_<id>_bot_<hex>, group_<id>_bot_<hex> */
	if ((len > 12 && !memcmp(login, "project_", 8)) || (len > 10 && !memcmp(login, "group_", 6))) {
		const char *b = memmem(login, len, "_bot", 4);
		return b && (b + 4 == login + len || b[4] == '_');
	}
	return 0;
}

int gh_is_bot(json_t *user)
{
	json_t *type = json_object_get(user, "type"), *login = json_object_get(user, "login");
	return json_is_true(json_object_get(user, "is_bot")) ||
	       (json_is_string(type) && !strcmp(json_string_value(type), "Bot")) ||
	       (json_is_string(login) && gh_bot_login(json_string_value(login),
						      json_string_length(login)));
}

int gh_time(const gh_rec *g, json_t *o, const char *key, int64_t *out)
{
	json_t *t = json_object_get(o, key);
	*out = 0;
	if (!t || json_is_null(t))
		return 0;
	if (!json_is_string(t) || trk_parse_iso8601(out, json_string_value(t)) < 0)
		return gh_fail(g, "\"%s\" is not an ISO 8601 time", key);
	return 0;
}

int gh_issue(const gh_rec *g, json_t *number, uint32_t *out)
{
	char num[32];
	if (!json_is_integer(number))
		return gh_fail(g, "no issue \"number\"");
	int n = snprintf(num, sizeof(num), "#%lld", (long long)json_integer_value(number));
	*out = as_export_intern(g->x, num, (size_t)n);
	return 0;
}

int gh_read_arrays(as_export *x, trk_json_reader *jr)
{
	int err = trk_json_read_arrays(jr);
	x->records = jr->records;
	return err;
}

int gh_sniff_array(const as_export_head *h, int mine)
{
	if (h->json->shape != '[')
		return 0;
	return h->json->empty_array ? 1 : mine ? 2 : 0;
}

uint32_t gh_string(const gh_rec *g, json_t *s)
{
	return json_is_string(s) ? as_export_intern(g->x, json_string_value(s),
						    json_string_length(s)) : 0;
}
