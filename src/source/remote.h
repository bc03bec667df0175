#ifndef AS_SOURCE_REMOTE_H
#define AS_SOURCE_REMOTE_H
/*
 * The repository's name in reports (SPEC §6): never a local path, which
 * says nothing to the reader of a report and may carry a user name
 * (/home/alice/src/app). The remote's URL ("origin", else the first remote
 * in git's order) with any user name and password left out — a URL such
 * as https://alice:TOKEN@host/app.git must not end up in a report — else
 * the repository directory's name ("app" for /srv/git/app.git).
 */
#include <git2.h>

#include "util/buf.h"

/* Appends the name to `out`. Never fails: a repository has a directory. */
void as_repo_report_name(as_buf *out, git_repository *repo);

/* A remote URL without its user information: "https://u:p@h/x" ->
 * "https://h/x", "git@host:org/x.git" -> "host:org/x.git". Appends
 * nothing and returns -1 for a local path or file:// URL. */
int as_remote_url_clean(as_buf *out, const char *url);

#endif
