/*
 * The repository's name in reports (remote.h).
 */
#include "source/remote.h"

#include <string.h>

int as_remote_url_clean(as_buf *out, const char *url)
{
	const char *scheme = strstr(url, "://");
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	if (!*url || url[0] == '/' || url[0] == '.' || !strncmp(url, "file://", 7))
		return -1;
	if (scheme) {
		const char *host = scheme + 3;
		const char *end = host + strcspn(host, "/?#");
		const char *at = memrchr(host, '@', (size_t)(end - host));
		as_buf_put(out, url, (size_t)(host - url));
		as_buf_puts(out, at ? at + 1 : host);
		return 0;
	}
	/* scp-like [user@]host:path: a ':' before any '/' */
	if (!colon || (slash && slash < colon))
		return -1;
	const char *at = memrchr(url, '@', (size_t)(colon - url));
	as_buf_puts(out, at ? at + 1 : url);
	return 0;
}

/*
 * remote.origin.url, else the first remote.*.url of the configuration.
 * Read from the configuration itself: libgit2 1.5.1's git_remote_list
 * matches config names with a regex whose match data it never frees.
 */
static int remote_name(as_buf *out, git_repository *repo)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	const char *url = NULL;
	int rc = -1;

	if (git_repository_config_snapshot(&cfg, repo) < 0) {
		git_error_clear();
		return -1;
	}
	if (git_config_get_string(&url, cfg, "remote.origin.url") < 0)
		url = NULL;
	if (!url && git_config_iterator_new(&it, cfg) == 0) {
		while (!url && git_config_next(&e, it) == 0) {
			size_t n = strlen(e->name);
			if (!strncmp(e->name, "remote.", 7) && n > 11 && !strcmp(e->name + n - 4, ".url"))
				url = e->value;
		}
	}
	if (url)
		rc = as_remote_url_clean(out, url);
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_error_clear();
	return rc;
}

void as_repo_report_name(as_buf *out, git_repository *repo)
{
	if (remote_name(out, repo) == 0)
		return;
	/* ".../app/" (a work tree), ".../app/.git/" or ".../app.git/" */
	const char *dir = git_repository_workdir(repo);
	const char *path = dir ? dir : git_repository_path(repo);
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	if (!dir && len >= 5 && !memcmp(path + len - 5, "/.git", 5))
		len -= 5;
	size_t start = len;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (len - start > 4 && !memcmp(path + len - 4, ".git", 4))
		len -= 4;
	if (len > start)
		as_buf_put(out, path + start, len - start);
	else
		as_buf_puts(out, "repository");
}
