/*
 * test-tool subcommands for changed paths, CODEOWNERS and path ownership
 * (src/source/paths.c, src/source/codeowners.c, src/source/ownership.c).
 *
 *   test-tool paths [OPTIONS] REPO [REV...]
 *       what `git log --no-renames --name-only --format=%H REV...` prints
 *       (--numstat: what `git log --no-renames --numstat --format=%H` prints,
 *       --raw: `git log --no-renames --raw --no-abbrev --format=%H`,
 *       --renames: "<commit> TAB <from> TAB <to>" per rename, as
 *       `git log -M --diff-filter=R --name-status` pairs them)
 *       --merges=first-parent   merges against their first parent
 *                               (git log --diff-merges=first-parent)
 *       --parent-trees          walk first, then hand each commit its
 *                               parent's tree (as a pipeline can)
 *       --jobs N                N threads, each with its own repository
 *       --time                  phase times on stderr
 *       --quiet                 compute, print nothing
 *   test-tool codeowners [--line|--check] FILE [PATH...]
 *       "PATH<TAB>OWNER..." per PATH (arguments, else lines of stdin),
 *       "<TAB>" alone when unowned; with --line, the matching line number
 *       first ("PATH<TAB>LINE<TAB>OWNERS", LINE 0 when none matches).
 *       Lines GitHub would reject go to stderr as "FILE:LINE: why".
 *       --check: prints nothing but each PATH whose indexed match differs
 *       from trying every line from the last (exit 1 if any).
 *   test-tool codeowners-at REPO REV PATH...   the same, CODEOWNERS found at REV
 *   test-tool pattern PATTERN PATH...   "1" or "0" per PATH; a bad PATTERN: its error
 */
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "source/codeowners.h"
#include "source/commit.h"
#include "source/paths.h"
#include "source/renames.h"
#include "source/walk.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

int cmd__paths(int argc, char **argv);
int cmd__codeowners(int argc, char **argv);
int cmd__codeowners_at(int argc, char **argv);
int cmd__pattern(int argc, char **argv);

static int tool_fail(int code)
{
	fprintf(stderr, "test-tool: %s\n", as_error_msg());
	return code < 0 ? as_error_exit_code(code) : code;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* git's quote_c_style() with core.quotePath = true. */
static void quote_path(as_buf *out, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f)
			break;
	}
	if (i == len) {
		as_buf_put(out, s, len);
		return;
	}
	as_buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		switch (c) {
		case '\a': esc = "\\a"; break;
		case '\b': esc = "\\b"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\v': esc = "\\v"; break;
		case '\f': esc = "\\f"; break;
		case '\r': esc = "\\r"; break;
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		default: break;
		}
		if (esc)
			as_buf_puts(out, esc);
		else if (c < 0x20 || c >= 0x7f)
			as_buf_printf(out, "\\%03o", c);
		else
			as_buf_putc(out, (char)c);
	}
	as_buf_putc(out, '"');
}

enum { OUT_NAMES, OUT_NUMSTAT, OUT_RAW, OUT_RENAMES };

/* One commit as git log --format=%H --name-only (--numstat, --raw) prints it. */
static void format_commit(as_buf *out, const git_oid *oid, const as_paths *p, int format)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), oid);
	if (format == OUT_RENAMES) {
		for (size_t i = 0; i < p->nr; i++)
			if (p->items[i].status == AS_PATH_DELETED && p->items[i].partner >= 0)
				as_buf_printf(out, "%s\t%s\t%s\n", hex, as_paths_name(p, i),
					      as_paths_name(p, (size_t)p->items[i].partner));
		return;
	}
	as_buf_put(out, hex, GIT_OID_HEXSZ);
	as_buf_putc(out, '\n');
	if (!p->nr)
		return;
	as_buf_putc(out, '\n');
	for (size_t i = 0; i < p->nr; i++) {
		const as_path_change *ch = &p->items[i];
		if (format == OUT_RAW) {
			char o[GIT_OID_HEXSZ + 1], n[GIT_OID_HEXSZ + 1];
			git_oid_tostr(o, sizeof(o), &ch->old_id);
			git_oid_tostr(n, sizeof(n), &ch->new_id);
			as_buf_printf(out, ":%06o %06o %s %s %c\t", (unsigned)ch->old_mode,
				      (unsigned)ch->new_mode, o, n, ch->status);
		} else if (format == OUT_NUMSTAT) {
			if (ch->added == AS_LINES_BINARY)
				as_buf_puts(out, "-\t-\t");
			else
				as_buf_printf(out, "%ld\t%ld\t", ch->added, ch->removed);
		}
		quote_path(out, as_paths_name(p, i), ch->path_len);
		as_buf_putc(out, '\n');
	}
}

typedef struct {
	git_oid oid, tree, parent;
	unsigned nparents;
} commit_info;

typedef struct {
	const char *repo_path;
	commit_info *commits;
	size_t ncommits;
	/* commit -> tree, for --parent-trees (open addressing, index + 1) */
	uint32_t *slots;
	size_t nslots;
	int format, quiet;      /* OUT_* */
	as_merge_mode merges;
	/* threads */
	pthread_mutex_t lock;
	size_t next_batch;
	as_buf *outs;            /* one per batch */
	int err;
	char errmsg[512];
} job;

#define TOOL_BATCH 256

static size_t slot_of(const job *j, const git_oid *oid)
{
	size_t h;
	memcpy(&h, oid->id, sizeof(h));
	return h & (j->nslots - 1);
}

static void index_commits(job *j)
{
	j->nslots = 1;
	while (j->nslots < j->ncommits * 2 + 2)
		j->nslots <<= 1;
	j->slots = as_xcalloc(j->nslots, sizeof(*j->slots));
	for (size_t i = 0; i < j->ncommits; i++) {
		size_t s = slot_of(j, &j->commits[i].oid);
		while (j->slots[s])
			s = (s + 1) & (j->nslots - 1);
		j->slots[s] = (uint32_t)i + 1;
	}
}

static const git_oid *tree_of(const job *j, const git_oid *commit)
{
	if (!j->slots)
		return NULL;
	for (size_t s = slot_of(j, commit); j->slots[s]; s = (s + 1) & (j->nslots - 1))
		if (git_oid_equal(&j->commits[j->slots[s] - 1].oid, commit))
			return &j->commits[j->slots[s] - 1].tree;
	return NULL;
}

static int one_commit(job *j, as_paths *p, git_repository *repo, git_odb *odb,
		      as_commit *c, const commit_info *ci)
{
	git_oid_cpy(&c->oid, &ci->oid);
	git_oid_cpy(&c->tree, &ci->tree);
	c->nparents = 0;
	for (unsigned k = 0; k < ci->nparents; k++) {
		AS_GROW(c->parents, c->nparents + 1, c->parents_alloc);
		git_oid_cpy(&c->parents[c->nparents++], &ci->parent); /* only [0] is used */
	}
	const git_oid *ptree = ci->nparents ? tree_of(j, &ci->parent) : NULL;
	int err = as_paths_commit(p, odb, c, ptree, j->merges);
	if (!err && j->format == OUT_RENAMES)
		as_renames_find(p, odb);
	if (!err && j->format == OUT_NUMSTAT)
		err = as_paths_count_lines(p, repo);
	return err;
}

static void *worker(void *arg)
{
	job *j = arg;
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	as_paths p;
	as_commit c;
	int err = 0;

	as_paths_init(&p);
	as_commit_init(&c);
	if (git_repository_open(&repo, j->repo_path) < 0 ||
	    git_repository_odb(&odb, repo) < 0)
		err = as_error_git(AS_EINTERNAL, j->repo_path);
	for (;;) {
		pthread_mutex_lock(&j->lock);
		size_t b = j->next_batch++;
		int stop = j->err != 0;
		pthread_mutex_unlock(&j->lock);
		if (err < 0 || stop || b * TOOL_BATCH >= j->ncommits)
			break;
		size_t end = (b + 1) * TOOL_BATCH;
		if (end > j->ncommits)
			end = j->ncommits;
		for (size_t i = b * TOOL_BATCH; i < end && !err; i++) {
			err = one_commit(j, &p, repo, odb, &c, &j->commits[i]);
			if (!err && !j->quiet)
				format_commit(&j->outs[b], &j->commits[i].oid, &p, j->format);
		}
	}
	if (err < 0) {
		pthread_mutex_lock(&j->lock);
		if (!j->err) {
			j->err = err;
			snprintf(j->errmsg, sizeof(j->errmsg), "%s", as_error_msg());
		}
		pthread_mutex_unlock(&j->lock);
	}
	as_commit_free(&c);
	as_paths_free(&p);
	git_odb_free(odb);
	git_repository_free(repo);
	return NULL;
}

int cmd__paths(int argc, char **argv)
{
	job j;
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	as_walk *walk = NULL;
	as_paths p;
	as_commit c;
	as_buf out = AS_BUF_INIT;
	int jobs = 0, timing = 0, parent_trees = 0, err = 0, i;
	double t0 = now_s(), t1;
	size_t commits_alloc = 0, npaths = 0;

	memset(&j, 0, sizeof(j));
	j.merges = AS_MERGES_NONE;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--numstat"))
			j.format = OUT_NUMSTAT;
		else if (!strcmp(argv[i], "--raw"))
			j.format = OUT_RAW;
		else if (!strcmp(argv[i], "--renames"))
			j.format = OUT_RENAMES;
		else if (!strcmp(argv[i], "--merges=first-parent"))
			j.merges = AS_MERGES_FIRST_PARENT;
		else if (!strcmp(argv[i], "--merges=none"))
			j.merges = AS_MERGES_NONE;
		else if (!strcmp(argv[i], "--parent-trees"))
			parent_trees = 1;
		else if (!strcmp(argv[i], "--time"))
			timing = 1;
		else if (!strcmp(argv[i], "--quiet"))
			j.quiet = 1;
		else if (!strcmp(argv[i], "--jobs") && i + 1 < argc)
			jobs = atoi(argv[++i]);
		else
			break;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: test-tool paths [--numstat|--raw] [--merges=first-parent] "
			"[--parent-trees] [--jobs N] [--time] [--quiet] REPO [REV...]\n");
		return 2;
	}
	/* as the commands run it (main.c): no object cache */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	j.repo_path = argv[i++];
	as_paths_init(&p);
	as_commit_init(&c);
	if (git_repository_open(&repo, j.repo_path) < 0 || git_repository_odb(&odb, repo) < 0) {
		err = as_error_git(AS_EINTERNAL, j.repo_path);
		goto done;
	}
	if ((err = as_walk_new(&walk, repo)) < 0)
		goto done;
	if (i == argc)
		err = as_walk_add(walk, "HEAD");
	for (; i < argc && !err; i++)
		err = as_walk_add(walk, argv[i]);
	if (err < 0)
		goto done;

	for (;;) {
		git_oid oid;
		as_raw obj;
		err = as_walk_next(walk, &oid, &obj);
		if (err == AS_ENOTFOUND) {
			err = 0;
			break;
		}
		if (err < 0)
			goto done;
		err = as_commit_parse_graph(&c, &oid, (const char *)obj.data, obj.len);
		as_raw_free(&obj);
		if (err < 0)
			goto done;
		if (!jobs && !parent_trees) {
			/* streaming, one thread: as git log does */
			err = as_paths_commit(&p, odb, &c, NULL, j.merges);
			if (!err && j.format == OUT_RENAMES)
				as_renames_find(&p, odb);
			if (!err && j.format == OUT_NUMSTAT)
				err = as_paths_count_lines(&p, repo);
			if (err < 0)
				goto done;
			npaths += p.nr;
			if (!j.quiet) {
				as_buf_clear(&out);
				format_commit(&out, &oid, &p, j.format);
				fwrite(out.ptr, 1, out.len, stdout);
			}
			continue;
		}
		AS_GROW(j.commits, j.ncommits + 1, commits_alloc);
		commit_info *ci = &j.commits[j.ncommits++];
		git_oid_cpy(&ci->oid, &oid);
		git_oid_cpy(&ci->tree, &c.tree);
		ci->nparents = (unsigned)c.nparents;
		if (c.nparents)
			git_oid_cpy(&ci->parent, &c.parents[0]);
	}
	t1 = now_s();
	if (!jobs && !parent_trees) {
		if (timing)
			fprintf(stderr, "walk+paths: %.3f s, %zu paths\n", t1 - t0, npaths);
		goto done;
	}
	if (parent_trees)
		index_commits(&j);
	if (jobs < 1)
		jobs = 1;
	pthread_mutex_init(&j.lock, NULL);
	j.outs = as_xcalloc(j.ncommits / TOOL_BATCH + 1, sizeof(*j.outs));
	pthread_t *threads = as_xcalloc((size_t)jobs, sizeof(*threads));
	for (int k = 0; k < jobs; k++)
		pthread_create(&threads[k], NULL, worker, &j);
	for (int k = 0; k < jobs; k++)
		pthread_join(threads[k], NULL);
	free(threads);
	pthread_mutex_destroy(&j.lock);
	double t2 = now_s();
	for (size_t b = 0; b <= j.ncommits / TOOL_BATCH; b++) {
		if (j.outs[b].len)
			fwrite(j.outs[b].ptr, 1, j.outs[b].len, stdout);
		as_buf_free(&j.outs[b]);
	}
	free(j.outs);
	if (timing)
		fprintf(stderr, "walk: %.3f s, paths (%d thread%s): %.3f s\n", t1 - t0, jobs,
			jobs > 1 ? "s" : "", t2 - t1);
	if (j.err) {
		err = as_error_set(j.err, "%s", j.errmsg);
		goto done;
	}

done:
	free(j.commits);
	free(j.slots);
	as_buf_free(&out);
	as_commit_free(&c);
	as_paths_free(&p);
	as_walk_free(walk);
	git_odb_free(odb);
	git_repository_free(repo);
	return err < 0 ? tool_fail(err) : 0;
}

/* ---- CODEOWNERS ---------------------------------------------------------- */

static int read_file(const char *path, as_buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t r;
	if (!f)
		return as_error_set(AS_EINPUT, "%s: cannot open", path);
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		as_buf_put(out, chunk, r);
	int bad = ferror(f);
	fclose(f);
	return bad ? as_error_set(AS_EINPUT, "%s: cannot read", path) : 0;
}

static int check_failed;

/* with_line: 1 shows the line; 2 (--check) compares with a plain scan */
static void show_owners(const as_codeowners *co, const char *path, int with_line)
{
	size_t len = strlen(path);
	const as_codeowners_rule *r = as_codeowners_match(co, path, len);
	if (with_line == 2) {
		const as_codeowners_rule *slow = NULL;
		for (size_t i = co->nrules; i-- > 0 && !slow;)
			if (as_pattern_match(&co->patterns, &co->rules[i].pattern, path, len))
				slow = &co->rules[i];
		if (slow != r) {
			printf("%s\tindexed %u, scan %u\n", path, r ? r->line : 0,
			       slow ? slow->line : 0);
			check_failed = 1;
		}
		return;
	}
	printf("%s\t", path);
	if (with_line)
		printf("%u\t", r ? r->line : 0);
	for (size_t k = 0; r && k < r->nowners; k++)
		printf("%s%s", k ? " " : "", as_codeowners_owner(co, r, k));
	putchar('\n');
}

static void show_errors(const as_codeowners *co, const char *file)
{
	for (size_t i = 0; i < co->nerrors && i < AS_CODEOWNERS_MAX_ERRORS; i++)
		fprintf(stderr, "%s:%u: %s\n", file, co->errors[i].line, co->errors[i].msg);
	if (co->nerrors > AS_CODEOWNERS_MAX_ERRORS)
		fprintf(stderr, "%s: %zu more errors\n", file,
			co->nerrors - AS_CODEOWNERS_MAX_ERRORS);
}

/* Paths from argv[from..], else from stdin, one a line. */
static void each_path(const as_codeowners *co, int argc, char **argv, int from, int with_line)
{
	if (from < argc) {
		for (int i = from; i < argc; i++)
			show_owners(co, argv[i], with_line);
		return;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		show_owners(co, line, with_line);
	}
	free(line);
}

int cmd__codeowners(int argc, char **argv)
{
	as_codeowners co;
	as_buf text = AS_BUF_INIT;
	int with_line = 0, i = 1, err;

	if (i < argc && !strcmp(argv[i], "--line")) {
		with_line = 1;
		i++;
	} else if (i < argc && !strcmp(argv[i], "--check")) {
		with_line = 2;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: test-tool codeowners [--line|--check] FILE [PATH...]\n");
		return 2;
	}
	as_codeowners_init(&co);
	if ((err = read_file(argv[i], &text)) < 0 ||
	    (err = as_codeowners_parse(&co, as_buf_cstr(&text), text.len)) < 0) {
		as_buf_free(&text);
		as_codeowners_free(&co);
		return tool_fail(err);
	}
	as_buf_free(&text);
	show_errors(&co, argv[i]);
	each_path(&co, argc, argv, i + 1, with_line);
	as_codeowners_free(&co);
	return check_failed;
}

int cmd__codeowners_at(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_object *obj = NULL;
	git_tree *tree = NULL;
	as_codeowners co;
	int err = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: test-tool codeowners-at REPO REV [PATH...]\n");
		return 2;
	}
	as_codeowners_init(&co);
	if (git_repository_open(&repo, argv[1]) < 0 ||
	    git_revparse_single(&obj, repo, argv[2]) < 0 ||
	    git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) < 0) {
		err = as_error_git(AS_EINTERNAL, argv[2]);
		goto done;
	}
	err = as_codeowners_load(&co, repo, tree, AS_CODEOWNERS_GITHUB_MAX);
	if (err == AS_ENOTFOUND || err == AS_ELIMIT) {
		fprintf(stderr, "%s\n", as_error_msg());
		err = 0;
	}
	if (err < 0)
		goto done;
	printf("file: %s\n", co.path ? co.path : "(none)");
	show_errors(&co, co.path ? co.path : "CODEOWNERS");
	each_path(&co, argc, argv, 3, 0);
done:
	as_codeowners_free(&co);
	git_tree_free(tree);
	git_object_free(obj);
	git_repository_free(repo);
	return err < 0 ? tool_fail(err) : 0;
}

int cmd__pattern(int argc, char **argv)
{
	as_patterns ps;
	as_pattern p;
	const char *why;

	if (argc < 2) {
		fprintf(stderr, "usage: test-tool pattern PATTERN PATH...\n");
		return 2;
	}
	as_patterns_init(&ps);
	if (as_patterns_add(&ps, &p, argv[1], strlen(argv[1]), 0, &why) < 0) {
		printf("error: %s\n", why);
		as_patterns_free(&ps);
		return 1;
	}
	for (int i = 2; i < argc; i++)
		printf("%d\n", as_pattern_match(&ps, &p, argv[i], strlen(argv[i])));
	as_patterns_free(&ps);
	return 0;
}
