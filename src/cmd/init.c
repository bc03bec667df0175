/*
 * antisilo init: draft a commented rules.ini — the org chart — from the
 * history, CODEOWNERS, an HR export and GitHub teams (config/draft.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "config/draft.h"
#include "config/org_csv.h"
#include "config/values.h"
#include "source/codeowners.h"
#include "source/github_teams.h"
#include "source/identities.h"
#include "source/mailmap.h"
#include "source/repo.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

static const char usage[] =
	"usage: antisilo init [--repo DIR] [--hr FILE.csv] [--hr-columns SPEC]\n"
	"                     [--github-teams FILE.json] [--output FILE] [REVISION-RANGE...]\n"
	"\n"
	"Drafts a commented rules.ini with the org chart: [people] from the\n"
	"history's authors (identities merged as antisilo identities shows them,\n"
	"the most frequent authors first) and from an HR export, [managers] and\n"
	"teams from the HR export, GitHub teams from the GitHub CLI's output,\n"
	"and teams for the team handles of CODEOWNERS. Review it, then check it\n"
	"with antisilo check-rules. It never overwrites a file.\n"
	"\n"
	"  --repo DIR             repository (default: the one around the current\n"
	"                         directory; none: a draft from the other sources)\n"
	"  --hr FILE.csv          HR export: name,email,manager_email,team[,left]\n"
	"  --hr-columns SPEC      other header names: name=Full Name,email=Work E-mail,...\n"
	"  --github-teams FILE    `gh api --paginate orgs/ORG/teams` output; the members of\n"
	"                         team SLUG are read from SLUG.json beside it\n"
	"                         (`gh api --paginate orgs/ORG/teams/SLUG/members`)\n"
	"  --output FILE          write the draft there (default: standard output)\n"
	"\n"
	"REVISION-RANGE: the history to read (default: HEAD).\n"
	"Exit status: 0, 2 usage error or bad input (the file and line are named),\n"
	"3 internal error.\n";

typedef struct {
	const char *repo_dir, *hr, *hr_columns, *github, *output;
	cmd_list ranges;
} init_opts;

/* ---- the sources ------------------------------------------------------------- */

static const char noreply[] = "@users.noreply.github.com";

/* The login of a GitHub noreply address (LOGIN@ or ID+LOGIN@...), or NULL. */
static const char *noreply_login(const char *email, size_t *len)
{
	const char *dom = email ? strstr(email, noreply) : NULL;
	if (!dom || dom[sizeof(noreply) - 1])
		return NULL;
	const char *plus = memchr(email, '+', (size_t)(dom - email));
	const char *user = plus ? plus + 1 : email;
	*len = (size_t)(dom - user);
	return *len ? user : NULL;
}

/* An id for a developer of the history: the GitHub login of a noreply
 * address, else the name ("jane-doe"), else nothing (the e-mail's). */
static void history_id(as_buf *out, const char *name, const char *email)
{
	size_t len;
	const char *login = noreply_login(email, &len);
	if (login)
		as_org_slug(out, login, len);
	else
		as_org_slug(out, name, strlen(name));
}

/* The history's developers, each with all its identities. */
static void from_history(as_draft *d, const as_identities *ids, size_t *person_of_dev)
{
	size_t ndevs = as_identities_count(ids), ne = as_identities_nentries(ids);
	as_buf name = AS_BUF_INIT, email = AS_BUF_INIT;

	for (size_t dev = 0; dev < ndevs; dev++)
		person_of_dev[dev] = SIZE_MAX;
	/* Developers that the HR export already has (by e-mail, else by name). */
	for (size_t e = 0; e < ne; e++) {
		as_identity it;
		as_identities_entry(ids, e, &it);
		as_buf_clear(&email);
		as_buf_put(&email, it.email, it.email_len);
		int p = it.email_len ? as_draft_find(d, email.ptr) : -1;
		if (p >= 0 && person_of_dev[it.dev] == SIZE_MAX)
			person_of_dev[it.dev] = (size_t)p;
	}
	for (size_t dev = 0; dev < ndevs; dev++) {
		if (person_of_dev[dev] != SIZE_MAX)
			continue;
		const char *text = as_identities_name(ids, dev), *lt = strrchr(text, '<');
		as_buf_clear(&name);
		as_buf_clear(&email);
		as_buf_put(&name, text, lt && lt > text ? (size_t)(lt - text - 1) : 0);
		if (lt)
			as_buf_put(&email, lt + 1, strlen(lt + 1) - 1);
		int p = name.len ? as_draft_find(d, name.ptr) : -1;
		if (p < 0) {
			as_buf id = AS_BUF_INIT;
			history_id(&id, as_buf_cstr(&name), as_buf_cstr(&email));
			p = (int)as_draft_add_person(d, as_buf_cstr(&id), as_buf_cstr(&name),
						     as_buf_cstr(&email), "the history");
			as_buf_free(&id);
		}
		person_of_dev[dev] = (size_t)p;
	}
	for (size_t e = 0; e < ne; e++) {
		as_identity it;
		as_identities_entry(ids, e, &it);
		as_draft_person *p = &d->people[person_of_dev[it.dev]];
		p->commits += it.commits;
		if (it.last > p->last)
			p->last = it.last;
		as_buf_clear(&name);
		as_buf_clear(&email);
		as_buf_put(&name, it.name, it.name_len);
		as_buf_put(&email, it.email, it.email_len);
		if (email.len && as_draft_find(d, email.ptr) < 0)
			as_draft_add_identity(d, person_of_dev[it.dev], email.ptr);
		if (name.len && as_draft_find(d, name.ptr) < 0)
			as_draft_add_identity(d, person_of_dev[it.dev], name.ptr);
	}
	as_buf_free(&name);
	as_buf_free(&email);
}

/* People, managers and teams of the HR export, checked as org_csv is. */
static int from_hr(as_draft *d, const char *path, const char *columns)
{
	as_org_csv csv;
	as_org check;
	char **cols = NULL;
	size_t ncols = 0;
	int err;

	if (columns)
		as_list_split(columns, &cols, &ncols);
	err = as_org_csv_read(&csv, path, cols, ncols);
	as_list_free(cols, ncols);
	if (err < 0)
		return err;
	as_org_init(&check);
	if ((err = as_org_csv_apply(&check, &csv)) == 0) {
		for (size_t i = 0; i < check.npeople; i++) {
			const as_person *hp = &check.people[i];
			size_t p = as_draft_add_person(d, hp->id, hp->name, hp->email, "the HR export");
			d->people[p].left = hp->left;
		}
		/* the HR people come first, so check's indexes are the draft's */
		for (size_t i = 0; i < check.npeople; i++)
			d->people[i].manager = check.people[i].manager;
		for (size_t t = 0; t < check.nteams; t++) {
			size_t dt = as_draft_add_team(d, check.teams[t].id, "the HR export");
			for (size_t k = 0; k < check.teams[t].nmembers; k++)
				as_draft_add_member(d, dt, check.teams[t].members[k]);
		}
	}
	as_org_free(&check);
	as_org_csv_free(&csv);
	return err;
}

/* The person of a GitHub login: one who has it, or whose e-mail is the
 * login's noreply address (LOGIN@ or ID+LOGIN@users.noreply.github.com);
 * a new one when none. */
static size_t person_of_login(as_draft *d, const char *login, const char *source)
{
	as_buf at = AS_BUF_INIT;
	as_buf_printf(&at, "@%s", login);
	int p = as_draft_find(d, at.ptr);
	for (size_t i = 0; p < 0 && i < d->npeople; i++) {
		const as_draft_person *dp = &d->people[i];
		for (size_t k = 0; p < 0 && k <= dp->nidents; k++) {
			size_t len;
			const char *user = noreply_login(k < dp->nidents ? dp->idents[k] : dp->email, &len);
			if (user && len == strlen(login) && !strncasecmp(user, login, len))
				p = (int)i;
		}
	}
	if (p < 0)
		p = (int)as_draft_add_person(d, login, NULL, NULL, source);
	as_draft_add_identity(d, (size_t)p, at.ptr);
	as_buf_free(&at);
	return (size_t)p;
}

static int from_github(as_draft *d, const char *path, size_t *nteams)
{
	as_gh_teams gh;
	as_buf handle = AS_BUF_INIT;
	int err = as_gh_teams_load(&gh, path);
	if (err < 0)
		return err;
	for (size_t i = 0; i < gh.nr; i++) {
		const as_gh_team *t = &gh.items[i];
		as_buf id = AS_BUF_INIT;
		as_org_team_id(&id, t->slug);
		size_t dt = as_draft_add_team(d, id.ptr, t->have_members ? "GitHub teams"
							       : "GitHub teams (no members file)");
		as_buf_free(&id);
		if (t->org && !d->teams[dt].codeowners) {
			as_buf_clear(&handle);
			as_buf_printf(&handle, "@%s/%s", t->org, t->slug);
			d->teams[dt].codeowners = as_xstrdup(handle.ptr);
		}
		for (size_t k = 0; k < t->nlogins; k++)
			as_draft_add_member(d, dt, person_of_login(d, t->logins[k], "GitHub teams"));
	}
	*nteams = gh.nr;
	as_buf_free(&handle);
	as_gh_teams_free(&gh);
	return 0;
}

/* Teams for CODEOWNERS' team handles; its users' logins to their people. */
static int from_codeowners(as_draft *d, git_repository *repo, const char *rev, as_buf *where)
{
	git_object *obj = NULL;
	git_tree *tree = NULL;
	as_codeowners co;
	int err = 0;

	as_codeowners_init(&co);
	if (git_revparse_single(&obj, repo, rev) < 0 ||
	    git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) < 0) {
		git_object_free(obj);
		return 0; /* an empty repository: no CODEOWNERS */
	}
	err = as_codeowners_load(&co, repo, tree, AS_CODEOWNERS_GITHUB_MAX);
	if (err == 0) {
		as_buf_puts(where, co.path);
		for (size_t r = 0; r < co.nrules; r++) {
			for (uint32_t k = 0; k < co.rules[r].nowners; k++) {
				const char *owner = as_codeowners_owner(&co, &co.rules[r], k);
				const char *slash = strchr(owner, '/');
				if (owner[0] != '@' || strpbrk(owner, ";#"))
					continue; /* an e-mail owner names no login */
				if (!slash) {
					person_of_login(d, owner + 1, "CODEOWNERS");
					continue;
				}
				if (as_draft_team_by_handle(d, owner) >= 0)
					continue;
				as_buf id = AS_BUF_INIT;
				as_org_team_id(&id, slash + 1);
				size_t t = as_draft_add_team(d, id.ptr, "CODEOWNERS");
				if (!d->teams[t].codeowners)
					d->teams[t].codeowners = as_xstrdup(owner);
				as_buf_free(&id);
			}
		}
	}
	as_codeowners_free(&co);
	git_tree_free(tree);
	git_object_free(obj);
	return err == AS_ENOTFOUND || err == AS_ELIMIT ? 0 : err;
}

/* ---- the output ---------------------------------------------------------------- */

/* Writes `text` to `path`, which must not exist: a temporary file in the
 * same directory, linked into place (link() never replaces a file). */
static int write_new(const char *path, const as_buf *text)
{
	as_buf tmp = AS_BUF_INIT;
	const char *slash = strrchr(path, '/');
	as_buf_put(&tmp, path, slash ? (size_t)(slash - path) + 1 : 0);
	as_buf_puts(&tmp, ".antisilo-init.XXXXXX");
	int fd = mkstemp(tmp.ptr), err = 0;
	if (fd < 0) {
		err = as_error_set(AS_EINPUT, "%s: cannot write: %s", path, strerror(errno));
		as_buf_free(&tmp);
		return err;
	}
	size_t off = 0;
	while (off < text->len) {
		ssize_t n = write(fd, text->ptr + off, text->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = as_error_set(AS_EINTERNAL, "%s: cannot write: %s", path, strerror(errno));
			break;
		}
		off += (size_t)n;
	}
	if (!err && (fsync(fd) != 0 || fchmod(fd, 0644) != 0))
		err = as_error_set(AS_EINTERNAL, "%s: cannot write: %s", path, strerror(errno));
	close(fd);
	if (!err && link(tmp.ptr, path) != 0)
		err = errno == EEXIST
			? as_error_set(AS_ECONFIG, "%s exists: antisilo init never overwrites a file", path)
			: as_error_set(AS_EINTERNAL, "%s: cannot write: %s", path, strerror(errno));
	unlink(tmp.ptr);
	as_buf_free(&tmp);
	return err;
}

static void header(as_draft *d, const char *repo, const as_identities *ids, const init_opts *o,
		   size_t hr_people, size_t gh_teams, const char *codeowners)
{
	as_buf *h = &d->header;
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	as_buf_printf(h, "; rules.ini drafted by `antisilo init` on %s from:\n", today);
	if (repo)
		as_buf_printf(h, ";   the history of %s: %zu developers\n", repo, as_identities_count(ids));
	if (o->hr)
		as_buf_printf(h, ";   the HR export %s: %zu people\n", o->hr, hr_people);
	if (o->github)
		as_buf_printf(h, ";   GitHub teams %s: %zu teams\n", o->github, gh_teams);
	if (codeowners && *codeowners)
		as_buf_printf(h, ";   the team handles of %s\n", codeowners);
	as_buf_puts(h,
		    "; Review it: who is one person, who manages whom, who is in which team and\n"
		    "; which paths each team owns. Then check it (antisilo check-rules FILE) and\n"
		    "; point antisilo at it (--rules, git config antisilo.rules, or\n"
		    "; $GIT_DIR/antisilo/rules.ini). An HR export can also be read at each run:\n"
		    "; org_csv = FILE in [antisilo] (README, \"Configuration\").\n");
}

static int run(const init_opts *o)
{
	git_repository *repo = NULL;
	as_mailmap *mm = NULL;
	as_identities *ids = NULL;
	as_draft d;
	as_buf out = AS_BUF_INIT, where = AS_BUF_INIT;
	size_t hr_people = 0, gh_teams = 0, *person_of_dev = NULL;
	int err = 0, status;

	/* Without --repo, a directory that is no repository gives no history. */
	if (o->repo_dir && (status = cmd_open_repo(&repo, o->repo_dir)) != 0)
		return status;
	if (!o->repo_dir && as_repo_open(&repo, ".", 0) < 0)
		repo = NULL;
	as_draft_init(&d);
	if (o->hr && (err = from_hr(&d, o->hr, o->hr_columns)) == 0)
		hr_people = d.npeople;
	if (!err && repo && (err = as_mailmap_load(&mm, repo)) == 0) {
		const char *def = "HEAD";
		const char *const *ranges = o->ranges.nr ? o->ranges.items : &def;
		size_t n = o->ranges.nr ? o->ranges.nr : 1;
		/* an empty repository (no HEAD yet) has no authors */
		git_oid head;
		if (o->ranges.nr || git_reference_name_to_id(&head, repo, "HEAD") == 0)
			err = cmd_load_identities(&ids, repo, mm, NULL, ranges, n, 0, 0);
		if (!err && ids) {
			person_of_dev = as_xmalloc((as_identities_count(ids) + 1) * sizeof(*person_of_dev));
			from_history(&d, ids, person_of_dev);
		}
	}
	if (!err && o->github)
		err = from_github(&d, o->github, &gh_teams);
	if (!err && repo)
		err = from_codeowners(&d, repo, o->ranges.nr ? o->ranges.items[0] : "HEAD", &where);
	if (!err) {
		header(&d, repo ? (git_repository_workdir(repo) ? git_repository_workdir(repo)
							       : git_repository_path(repo)) : NULL,
		       ids, o, hr_people, gh_teams, where.ptr);
		as_draft_write(&d, &out);
		if (o->output)
			err = write_new(o->output, &out);
		else
			fwrite(out.ptr, 1, out.len, stdout);
	}
	status = err < 0 ? cmd_error(err) : 0;
	free(person_of_dev);
	as_buf_free(&out);
	as_buf_free(&where);
	as_draft_free(&d);
	as_identities_free(ids);
	as_mailmap_free(mm);
	git_repository_free(repo);
	return status;
}

int cmd_init(int argc, char **argv)
{
	init_opts o = { 0 };
	const cmd_option table[] = {
		CMD_OPT_REPO(&o.repo_dir),
		{ "hr", 0, CMD_OPT_STRING, &o.hr, 0, 0, NULL },
		{ "hr-columns", 0, CMD_OPT_STRING, &o.hr_columns, 0, 0, NULL },
		{ "github-teams", 0, CMD_OPT_STRING, &o.github, 0, 0, NULL },
		{ "output", 'o', CMD_OPT_STRING, &o.output, 0, 0, NULL },
		CMD_OPT_END,
	};
	int status = cmd_parse_options(argc, argv, table, usage, &o.ranges);
	if (!status) {
		/* refuse early, before reading history, rather than at the end */
		struct stat st;
		if (o.output && lstat(o.output, &st) == 0)
			status = cmd_fail(2, "%s exists: antisilo init never overwrites a file", o.output);
		else
			status = run(&o);
	}
	cmd_list_free(&o.ranges);
	return status < 0 ? 0 : status;
}
