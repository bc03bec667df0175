/*
 * test-tool subcommands for the task trackers (src/source/tracker/):
 *
 *   test-tool tracker-md FILE [LINES]     the Markdown reader over FILE; LINES
 *                                         ("3,5-7") are the added ones (default all)
 *   test-tool tracker-commits [--paths] REPO RULES [REV...]
 *                                         tracker files over a walk, judged
 *                                         (--paths: given the changed paths, as
 *                                         the pipeline gives them)
 *   test-tool tracker-exports RULES SPEC...
 *                                         --tracker exports judged, with the stats
 *   test-tool tracker-glob GLOBS PATH...  does PATH match the comma list GLOBS?
 *
 * Parties print as the person id when the org chart knows them, else as
 * ?TEXT (the text as written, or the commit author for an empty one).
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "detect/detect.h"
#include "detect/match.h"
#include "finding.h"
#include "judge.h"
#include "metrics/metrics.h"
#include "pipeline.h"
#include "report/json.h"
#include "report/report.h"
#include "source/commit.h"
#include "source/mailmap.h"
#include "source/paths.h"
#include "source/tracker/files.h"
#include "source/tracker/markdown.h"
#include "source/walk.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

int cmd__tracker_md(int argc, char **argv);
int cmd__tracker_commits(int argc, char **argv);
int cmd__tracker_exports(int argc, char **argv);
int cmd__tracker_glob(int argc, char **argv);

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

static void put(const char *s, size_t len)
{
	as_buf b = AS_BUF_INIT;
	if (!len)
		return;
	as_sanitize(&b, s, len, AS_SAN_TERMINAL);
	fputs(as_buf_cstr(&b), stdout);
	as_buf_free(&b);
}

static void party(const as_config *cfg, const as_event *ev, int who, const as_buf *text)
{
	if (who >= 0) {
		fputs(cfg->org.people[who].id, stdout);
		return;
	}
	putchar('?');
	if (text->len)
		put(text->ptr, text->len);
	else if (ev->author.len)
		put(ev->author.ptr, ev->author.len);
	else
		fputs("(author)", stdout);
}

static void show_counts(const as_metrics *m)
{
	fputs("assignments:", stdout);
	for (int r = 0; r < AS_REL__COUNT; r++)
		printf(" %s=%llu", as_relation_name((as_relation)r),
		       (unsigned long long)m->assignments[r]);
	putchar('\n');
}

/* ---- tracker-md ------------------------------------------------------------- */

static int parse_lines(unsigned char **want, size_t *nwant, const char *spec)
{
	size_t alloc = 0;
	*want = NULL;
	*nwant = 0;
	for (const char *p = spec; *p;) {
		char *end;
		unsigned long a = strtoul(p, &end, 10), b = a;
		if (end == p)
			return -1;
		p = end;
		if (*p == '-') {
			b = strtoul(p + 1, &end, 10);
			p = end;
		}
		if (*p == ',')
			p++;
		if (b + 1 > *nwant) {
			AS_GROW(*want, b + 1, alloc);
			memset(*want + *nwant, 0, alloc - *nwant);
			*nwant = b + 1;
		}
		for (unsigned long i = a; i <= b; i++)
			(*want)[i] = 1;
	}
	return 0;
}

int cmd__tracker_md(int argc, char **argv)
{
	FILE *f;
	as_buf text = AS_BUF_INIT;
	as_events evs = { 0 };
	unsigned char *want = NULL;
	size_t nwant = 0;
	char chunk[65536];
	size_t r;

	if (argc != 2 && argc != 3)
		return usage("tracker-md FILE [LINES]");
	if (argc == 3 && parse_lines(&want, &nwant, argv[2]) < 0)
		return usage("tracker-md FILE [LINES]: LINES is like 3,5-7");
	if (!(f = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		free(want);
		return 2;
	}
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		as_buf_put(&text, chunk, r);
	fclose(f);
	as_tracker_md_scan(&evs, as_buf_cstr(&text), text.len, want, want ? nwant : 0);
	for (size_t i = 0; i < evs.nr; i++) {
		const as_event *ev = &evs.items[i];
		printf("%ld ", ev->line);
		if (ev->actor_text.len)
			put(ev->actor_text.ptr, ev->actor_text.len);
		else
			fputs("(author)", stdout);
		fputs(" -> ", stdout);
		if (ev->subject_text.len)
			put(ev->subject_text.ptr, ev->subject_text.len);
		else
			fputs("(author)", stdout);
		fputs(" | ", stdout);
		put(as_buf_cstr(&ev->title), ev->title.len);
		putchar('\n');
	}
	as_events_free(&evs);
	as_buf_free(&text);
	free(want);
	return 0;
}

/* ---- tracker-commits ----------------------------------------------------------- */

int cmd__tracker_commits(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	as_walk *walk = NULL;
	as_mailmap *mm = NULL;
	as_config cfg;
	int have_cfg = 0, have_tp = 0;
	as_matcher *m = NULL;
	as_commit c;
	as_events evs = { 0 };
	as_findings fs = { 0 };
	as_metrics metrics;
	as_tracker_paths tp;
	as_tracker_files tf;
	as_tracker_lines lines;
	git_oid oid;
	as_raw obj;
	as_paths paths;
	uint64_t seq = 0;
	int err, use_paths = 0;

	if (argc > 1 && !strcmp(argv[1], "--paths")) {
		use_paths = 1;
		argc--, argv++;
	}
	if (argc < 3)
		return usage("tracker-commits [--paths] REPO RULES [REV...]");
	memset(&metrics, 0, sizeof(metrics));
	memset(&tf, 0, sizeof(tf));
	as_commit_init(&c);
	as_paths_init(&paths);
	if (git_repository_open(&repo, argv[1]) < 0 || git_repository_odb(&odb, repo) < 0) {
		err = as_error_git(AS_EINTERNAL, argv[1]);
		goto done;
	}
	if ((err = as_config_load(&cfg, argv[2])) < 0)
		goto done;
	have_cfg = 1;
	if ((err = as_tracker_paths_init(&tp, cfg.tracker_paths, cfg.ntracker_paths,
					 cfg.max_tracker_file_bytes)) < 0)
		goto done;
	have_tp = 1;
	m = as_matcher_new(&cfg);
	lines = (as_tracker_lines){ &cfg, m };
	as_line_scanner scanner = { as_detect_tracker_line, &lines };
	as_tracker_files_init(&tf, repo, odb, &tp, &scanner);
	as_judge_ctx judge = { &cfg, m, &fs, &metrics, NULL, 0, NULL };
	if ((err = as_mailmap_load(&mm, repo)) < 0 || (err = as_walk_new(&walk, repo)) < 0)
		goto done;
	if (argc == 3)
		err = as_walk_add(walk, "HEAD");
	for (int i = 3; i < argc && !err; i++)
		err = as_walk_add(walk, argv[i]);
	if (err < 0)
		goto done;
	while ((err = as_walk_next(walk, &oid, &obj)) == 0) {
		err = as_commit_parse(&c, &oid, (const char *)obj.data, obj.len, mm);
		as_raw_free(&obj);
		if (err < 0)
			goto done;
		if (use_paths && (err = as_paths_commit(&paths, odb, &c, NULL,
							AS_MERGES_NONE)) < 0)
			goto done;
		as_events_reset(&evs);
		if ((err = as_tracker_files_commit(&tf, &evs, &c, use_paths ? &paths : NULL,
						   NULL, seq++)) < 0)
			goto done;
		size_t before = fs.nr;
		as_judge_events(&judge, &evs, 0);
		for (size_t i = 0; i < evs.nr; i++) {
			const as_event *ev = &evs.items[i];
			putchar('"');
			put(c.subject.ptr, c.subject.len);
			printf("\" %s:%ld %s ", as_buf_cstr(&ev->path), ev->line,
			       as_relation_name(ev->relation));
			party(&cfg, ev, ev->actor, &ev->actor_text);
			fputs(" -> ", stdout);
			party(&cfg, ev, ev->subject, &ev->subject_text);
			/* the finding of this event, if it made one */
			const as_finding *f = NULL;
			for (size_t k = before; k < fs.nr && !f; k++)
				if (fs.items[k].sub == (uint32_t)i)
					f = &fs.items[k];
			if (f)
				printf(" %s %s", f->rule, as_severity_name(f->severity));
			else
				printf(" - -");
			putchar('\n');
		}
	}
	if (err == AS_ENOTFOUND)
		err = 0;
	show_counts(&metrics);
done:
	as_findings_free(&fs);
	as_events_free(&evs);
	as_metrics_free(&metrics);
	as_tracker_files_free(&tf);
	if (have_tp)
		as_tracker_paths_free(&tp);
	as_matcher_free(m);
	as_commit_free(&c);
	as_paths_free(&paths);
	as_walk_free(walk);
	as_mailmap_free(mm);
	git_odb_free(odb);
	if (have_cfg)
		as_config_free(&cfg);
	git_repository_free(repo);
	return err < 0 ? fail(err) : 0;
}

/* ---- tracker-exports -------------------------------------------------------------- */

int cmd__tracker_exports(int argc, char **argv)
{
	as_config cfg;
	as_exports x;
	as_results res;
	int err;

	if (argc < 3)
		return usage("tracker-exports RULES [FORMAT:]FILE...");
	if ((err = as_config_load(&cfg, argv[1])) < 0)
		return fail(err);
	if ((err = as_exports_load(&x, (const char *const *)argv + 2, (size_t)argc - 2,
				   cfg.max_export_bytes)) < 0) {
		as_config_free(&cfg);
		return fail(err);
	}
	memset(&res, 0, sizeof(res));
	as_metrics_ctx mctx;
	if ((err = as_metrics_ctx_init(&mctx, &cfg, NULL, NULL, NULL)) < 0) {
		as_exports_free(&x);
		as_config_free(&cfg);
		return fail(err);
	}
	as_scan_exports(&res, &x, &cfg, &mctx, 0, 0);
	as_tracker_stats_finish(&res.metrics.trackers);
	for (size_t i = 0; i < res.findings.nr; i++) {
		const as_finding *f = &res.findings.items[i];
		printf("%s %s %s %s %s %s ", f->rule, as_severity_name(f->severity),
		       as_relation_name(f->relation), f->actor ? f->actor : "-",
		       f->subject ? f->subject : "-", f->record ? f->record : "-");
		put(f->excerpt, strlen(f->excerpt));
		putchar('\n');
	}
	show_counts(&res.metrics);
	as_report_trackers_text(stdout, &res.metrics.trackers, 0);
	json_t *j = as_report_trackers_json(&res.metrics.trackers);
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	printf("%s\n", s);
	free(s);
	json_decref(j);
	as_results_free(&res);
	as_metrics_ctx_free(&mctx);
	as_exports_free(&x);
	as_config_free(&cfg);
	return 0;
}

/* ---- tracker-glob ------------------------------------------------------------------- */

int cmd__tracker_glob(int argc, char **argv)
{
	as_tracker_paths tp;
	char *globs, *save = NULL;
	char *list[64];
	size_t n = 0;

	if (argc < 3)
		return usage("tracker-glob GLOBS PATH...");
	globs = as_xstrdup(argv[1]);
	for (char *g = strtok_r(globs, ",", &save); g && n < 64; g = strtok_r(NULL, ",", &save))
		list[n++] = g;
	int err = as_tracker_paths_init(&tp, list, n, 0);
	free(globs);
	if (err < 0)
		return fail(err);
	for (int i = 2; i < argc; i++)
		printf("%d %s\n", as_tracker_paths_match(&tp, argv[i], strlen(argv[i])), argv[i]);
	as_tracker_paths_free(&tp);
	return 0;
}
