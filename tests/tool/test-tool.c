/*
 * test-tool: exposes engine internals to the shell tests, as git's
 * t/helper/test-tool does. One function per subcommand, listed in the
 * table at the bottom; add yours there.
 *
 *   test-tool log [--revwalk] REPO [REV...]   as git log --use-mailmap --format=LOG_FORMAT
 *   test-tool trailers [FILE]          the trailers of one message (stdin)
 *   test-tool check-mailmap REPO CONTACT...   as git check-mailmap
 *   test-tool commit REPO REV          every parsed field of one commit
 *   test-tool render FORMAT [RULES] < DOC   draw a report document (report_tool.c)
 *   test-tool resolve RULES TEXT...    person ids (config_tool.c)
 *   test-tool relation RULES ACTOR SUBJECT   org relation (config_tool.c)
 *   test-tool fuzz-replay HARNESS FILE...   replay fuzz inputs (fuzz_tool.c)
 *   test-tool objects REPO [--prefix N]   our object reader (objects_tool.c)
 *   test-tool commit-table REPO [JOBS]    the read-ahead commit table (objects_tool.c)
 *   test-tool regions [FILE]           the regions of one message (message_tool.c)
 *   test-tool directives RULES [FILE]  what the directive engine sees (message_tool.c)
 *   test-tool bench-patterns RULES     adversarial inputs for every pattern (bench_tool.c)
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/repo.h"
#include "bench_tool.h"
#include "config_tool.h"
#include "message_tool.h"
#include "source/commit.h"
#include "source/mailmap.h"
#include "source/trailer.h"
#include "source/walk.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* The output of `log` is byte for byte what git prints for
 *   git log --use-mailmap --format='%H%n%aN <%aE>%n%s%n%(trailers:only,unfold)%x00'
 * (tformat: every commit, the last too, ends with a newline after the NUL). */

static int fail(int code)
{
	fprintf(stderr, "test-tool: %s\n", as_error_msg());
	return code < 0 ? as_error_exit_code(code) : code;
}

static int usage(const char *msg)
{
	fprintf(stderr, "usage: test-tool %s\n", msg);
	return 2;
}

static int read_all(FILE *f, as_buf *out)
{
	char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		as_buf_put(out, chunk, r);
	return ferror(f) ? -1 : 0;
}

static int open_repo(git_repository **repo, const char *path)
{
	if (as_repo_open(repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH) < 0)
		return as_error_git(AS_EINTERNAL, path);
	return 0;
}

/* ^REV hides, A..B is a range, anything else is pushed. */
static int push_rev(git_revwalk *walk, git_repository *repo, const char *arg)
{
	git_object *obj = NULL;
	int hide = arg[0] == '^';
	int err;

	if (!hide && strstr(arg, "..")) {
		if (git_revwalk_push_range(walk, arg) < 0)
			return as_error_git(AS_ECONFIG, arg);
		return 0;
	}
	if (git_revparse_single(&obj, repo, arg + hide) < 0)
		return as_error_git(AS_ECONFIG, arg);
	{
		git_object *peeled = NULL;
		err = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
		git_object_free(obj);
		if (err < 0)
			return as_error_git(AS_ECONFIG, arg);
		err = hide ? git_revwalk_hide(walk, git_object_id(peeled))
			   : git_revwalk_push(walk, git_object_id(peeled));
		git_object_free(peeled);
	}
	return err < 0 ? as_error_git(AS_EINTERNAL, arg) : 0;
}

/* Prints one commit as LOG_FORMAT does. */
static void log_one(as_buf *out, const as_commit *c)
{
	as_buf_clear(out);
	as_buf_put(out, c->hex, GIT_OID_HEXSZ);
	as_buf_putc(out, '\n');
	if (c->author_bogus)
		as_buf_puts(out, "%aN <%aE>");  /* git's quirk: unknown placeholders */
	else
		as_commit_author(c, out);
	as_buf_putc(out, '\n');
	as_buf_put(out, c->subject.ptr, c->subject.len);
	as_buf_putc(out, '\n');
	for (size_t t = 0; t < c->trailers.nr; t++) {
		as_buf_puts(out, c->trailers.items[t].line);
		as_buf_putc(out, '\n');
	}
	as_buf_put(out, "\0\n", 2);
	fwrite(out->ptr, 1, out->len, stdout);
}

/*
 * The walk: ours (source/walk.c, git's order, and it reads commits that
 * libgit2's revwalk refuses, such as odd author lines) or, with
 * --revwalk, libgit2's, to test the parsing alone.
 */
static int cmd_log(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_revwalk *revwalk = NULL;
	as_walk *walk = NULL;
	git_odb *odb = NULL;
	as_mailmap *mm = NULL;
	as_commit c;
	as_buf out = AS_BUF_INIT;
	git_oid oid;
	int err = 0, i, use_revwalk = 0;

	if (argc > 1 && !strcmp(argv[1], "--revwalk")) {
		use_revwalk = 1;
		argc--;
		argv++;
	}
	if (argc < 2)
		return usage("log [--revwalk] REPO [REV...]");
	as_commit_init(&c);
	if ((err = open_repo(&repo, argv[1])) < 0)
		goto done;
	if ((err = as_mailmap_load(&mm, repo)) < 0)
		goto done;
	if (git_repository_odb(&odb, repo) < 0) {
		err = as_error_git(AS_EINTERNAL, argv[1]);
		goto done;
	}
	if (use_revwalk) {
		if (git_revwalk_new(&revwalk, repo) < 0) {
			err = as_error_git(AS_EINTERNAL, argv[1]);
			goto done;
		}
		git_revwalk_sorting(revwalk, GIT_SORT_NONE);
	} else if ((err = as_walk_new(&walk, repo)) < 0) {
		goto done;
	}
	for (i = argc > 2 ? 2 : 1; i < argc && err == 0; i++) {
		const char *rev = argc > 2 ? argv[i] : "HEAD";
		err = use_revwalk ? push_rev(revwalk, repo, rev) : as_walk_add(walk, rev);
	}
	if (err < 0)
		goto done;

	for (;;) {
		git_odb_object *lobj = NULL;
		as_raw obj = { 0 };
		if (use_revwalk) {
			err = git_revwalk_next(&oid, revwalk);
			if (err == GIT_ITEROVER) {
				err = 0;
				break;
			}
			if (err < 0 || git_odb_read(&lobj, odb, &oid) < 0) {
				err = as_error_git(AS_EINTERNAL, "walking the history");
				goto done;
			}
			obj.len = git_odb_object_size(lobj);
			obj.data = as_xmalloc(obj.len + 1);
			memcpy(obj.data, git_odb_object_data(lobj), obj.len + 1);
			git_odb_object_free(lobj);
		} else {
			err = as_walk_next(walk, &oid, &obj);
			if (err == AS_ENOTFOUND) {
				err = 0;
				break;
			}
			if (err < 0)
				goto done;
		}
		err = as_commit_parse(&c, &oid, (const char *)obj.data, obj.len, mm);
		as_raw_free(&obj);
		if (err < 0)
			goto done;
		log_one(&out, &c);
	}
done:
	as_buf_free(&out);
	as_commit_free(&c);
	as_mailmap_free(mm);
	as_walk_free(walk);
	git_revwalk_free(revwalk);
	git_odb_free(odb);
	git_repository_free(repo);
	return err < 0 ? fail(err) : 0;
}

static int cmd_trailers(int argc, char **argv)
{
	FILE *f = stdin;
	as_buf msg = AS_BUF_INIT;
	as_trailers t = AS_TRAILERS_INIT;

	if (argc > 2)
		return usage("trailers [FILE]");
	if (argc == 2 && !(f = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		return 2;
	}
	if (read_all(f, &msg) < 0) {
		perror("reading the message");
		return 3;
	}
	if (f != stdin)
		fclose(f);
	as_trailers_parse(&t, as_buf_cstr(&msg), msg.len);
	for (size_t i = 0; i < t.nr; i++)
		printf("%s\n", t.items[i].line);
	as_trailers_clear(&t);
	as_buf_free(&msg);
	return 0;
}

/* builtin/check-mailmap.c: "Name <email>" in, the mapped identity out. */
static int cmd_check_mailmap(int argc, char **argv)
{
	git_repository *repo = NULL;
	as_mailmap *mm = NULL;
	int err;

	if (argc < 3)
		return usage("check-mailmap REPO CONTACT...");
	if ((err = open_repo(&repo, argv[1])) < 0 ||
	    (err = as_mailmap_load(&mm, repo)) < 0) {
		git_repository_free(repo);
		return fail(err);
	}
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i], *lt = strchr(s, '<'), *gt;
		const char *name = s, *email;
		size_t name_len, email_len;
		if (!lt || !(gt = strchr(lt, '>'))) {
			fprintf(stderr, "test-tool: unable to parse contact: %s\n", s);
			err = 2;
			break;
		}
		name_len = (size_t)(lt - s);
		while (name_len && strchr(" \t\n\r", s[name_len - 1]))
			name_len--;
		email = lt + 1;
		email_len = (size_t)(gt - email);
		as_mailmap_map(mm, &name, &name_len, &email, &email_len);
		if (name_len)
			printf("%.*s ", (int)name_len, name);
		printf("<%.*s>\n", (int)email_len, email);
	}
	as_mailmap_free(mm);
	git_repository_free(repo);
	return err;
}

static void show_field(const char *what, const as_buf *b)
{
	printf("%s: %s\n", what, as_buf_cstr(b));
}

static int cmd_commit(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_object *obj = NULL;
	git_odb *odb = NULL;
	git_odb_object *raw = NULL;
	as_mailmap *mm = NULL;
	as_commit c;
	int err;

	if (argc != 3)
		return usage("commit REPO REV");
	as_commit_init(&c);
	if ((err = open_repo(&repo, argv[1])) < 0 ||
	    (err = as_mailmap_load(&mm, repo)) < 0)
		goto done;
	if (git_revparse_single(&obj, repo, argv[2]) < 0 ||
	    git_repository_odb(&odb, repo) < 0 ||
	    git_odb_read(&raw, odb, git_object_id(obj)) < 0) {
		err = as_error_git(AS_EINTERNAL, argv[2]);
		goto done;
	}
	err = as_commit_parse(&c, git_object_id(obj), git_odb_object_data(raw),
			      git_odb_object_size(raw), mm);
	if (err < 0)
		goto done;
	printf("commit: %s\n", c.hex);
	printf("tree: %s\n", git_oid_tostr_s(&c.tree));
	for (size_t i = 0; i < c.nparents; i++)
		printf("parent: %s\n", git_oid_tostr_s(&c.parents[i]));
	printf("author_time: %lld\ncommit_time: %lld\n",
	       (long long)c.author_time, (long long)c.commit_time);
	show_field("author_name", &c.author_name);
	show_field("author_email", &c.author_email);
	show_field("encoding", &c.encoding);
	printf("raw_encoding: %d\n", c.raw_encoding);
	show_field("subject", &c.subject);
	for (size_t i = 0; i < c.trailers.nr; i++)
		printf("trailer: [%s] [%s]\n", c.trailers.items[i].key,
		       c.trailers.items[i].value);
	printf("body:\n%s", as_buf_cstr(&c.body));
done:
	as_commit_free(&c);
	as_mailmap_free(mm);
	git_odb_object_free(raw);
	git_odb_free(odb);
	git_object_free(obj);
	git_repository_free(repo);
	return err < 0 ? fail(err) : 0;
}

/* tests/tool/report_tool.c */
int cmd_render(int argc, char **argv);
int cmd_pusher_say(int argc, char **argv);

/* paths_tool.c: changed paths, CODEOWNERS, patterns */
int cmd__paths(int argc, char **argv);
int cmd__codeowners(int argc, char **argv);
int cmd__codeowners_at(int argc, char **argv);
int cmd__pattern(int argc, char **argv);

/* tracker_tool.c: task-tracker files and exports */
int cmd__tracker_md(int argc, char **argv);
int cmd__tracker_commits(int argc, char **argv);
int cmd__tracker_exports(int argc, char **argv);
int cmd__tracker_glob(int argc, char **argv);

/* objects_tool.c: our object reader against git's object ids */
int cmd__objects(int argc, char **argv);
int cmd__commit_table(int argc, char **argv);

/* fuzz_tool.c: replay inputs through the fuzz harnesses of fuzz/ */
int cmd__fuzz_replay(int argc, char **argv);

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "log", cmd_log },
	{ "trailers", cmd_trailers },
	{ "check-mailmap", cmd_check_mailmap },
	{ "commit", cmd_commit },
	{ "render", cmd_render },
	{ "pusher-say", cmd_pusher_say },
	{ "resolve", cmd__resolve },
	{ "relation", cmd__relation },
	{ "paths", cmd__paths },
	{ "codeowners", cmd__codeowners },
	{ "codeowners-at", cmd__codeowners_at },
	{ "pattern", cmd__pattern },
	{ "tracker-md", cmd__tracker_md },
	{ "tracker-commits", cmd__tracker_commits },
	{ "tracker-exports", cmd__tracker_exports },
	{ "tracker-glob", cmd__tracker_glob },
	{ "fuzz-replay", cmd__fuzz_replay },
	{ "objects", cmd__objects },
	{ "commit-table", cmd__commit_table },
	{ "regions", cmd__regions },
	{ "directives", cmd__directives },
	{ "bench-patterns", cmd__bench_patterns },
};

int main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: test-tool <command> [<args>]\n");
		return 2;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	git_libgit2_init();
	/* git does not re-hash the objects it reads either (LIBNOTES.md) */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			ret = commands[i].fn(argc - 1, argv + 1);
			if (fflush(stdout) != 0 && !ret)
				ret = 3;
			git_libgit2_shutdown();
			return ret;
		}
	}
	fprintf(stderr, "test-tool: unknown command '%s'\n", argv[1]);
	git_libgit2_shutdown();
	return 2;
}
