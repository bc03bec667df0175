/*
 * antisilo audit: judge a range of history and write a report.
 */
#include <errno.h>
#include <pthread.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "source/repo.h"
#include "cmd/audit.h"
#include "cmd/cmd.h"
#include "cmd/options.h"
#include "ahead.h"
#include "originals.h"
#include "pipeline.h"
#include "util/clock.h"
#include "report/report.h"
#include "source/mailmap.h"
#include "source/remote.h"
#include "source/walk.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/output.h"

static const char usage[] =
	"usage: antisilo audit [options] [REVISION-RANGE...]\n"
	"\n"
	"Audits history (default: HEAD) against the rules and writes a report.\n"
	"\n"
	"  --repo DIR             repository (default: the one around the current directory)\n"
	"  --repos GLOB|FILE      audit many repositories: the directories GLOB matches, or\n"
	"                         those FILE lists (one a line); one JSON Lines stream\n"
	"                         with each record's \"repo\"; the rules from --rules (or\n"
	"                         $ANTISILO_RULES, the site file, the default)\n"
	"  --rules FILE           rules file (default: $ANTISILO_RULES, git config antisilo.rules,\n"
	"                         $GIT_DIR/antisilo/rules.ini, the site file, then the\n"
	"                         installed default)\n"
	"  --format FORMAT        text | json | jsonl | sarif | html (default: text; with\n"
	"                         --repos, jsonl: the only one)\n"
	"  --output FILE          write the report to FILE, atomically (default: stdout)\n"
	"  --since DATE           only commits committed at or after DATE\n"
	"  --until DATE           only commits committed at or before DATE\n"
	"  --jobs N               threads, the one walking history included (default:\n"
	"                         the number of CPUs, one more without --no-paths); with\n"
	"                         --repos, up to N repositories at once, sharing the N\n"
	"                         threads\n"
	"  --baseline FILE        hide findings whose fingerprint is in this earlier JSON report\n"
	"  --fail-on SEVERITY     info | warning | error | never (default: fail_on of the rules)\n"
	"  --fail-under SCORE     also fail when the compliance score is below SCORE (0 to 100)\n"
	"  --no-paths             read no trees: no changed paths (team and silo metrics)\n"
	"                         and no in-repo tracker files (the report notes it)\n"
	"  --lines                count changed lines for the team metrics (reads every changed file: slow)\n"
	"  --tracker [FORMAT:]FILE  a task-tracker or forge export (github-events,\n"
	"                         github-issues, jira-csv, github-prs, github-protection,\n"
	"                         gitlab-notes; detected when not given); repeatable\n"
	"  --privacy MODE         none | team: name no person in the report, teams and\n"
	"                         roles only (default: privacy of the rules)\n"
	"  --compare-previous     also scan the period of the same length before --since..--until\n"
	"                         and show the trend of top-down assignment (default: on for html)\n"
	"  --no-compare-previous  do not\n"
	"  -n, --max-count N      only the first N commits of the range, as git log -n\n"
	"  --silo-files           list every file of the tip with its authors (metrics.silo_files)\n"
	"  --without ID           off-boarding what-if: the areas that lose their last author\n"
	"                         if ID (a person id, an e-mail, a name) left; repeatable\n"
	"  --quiet                no progress on stderr\n"
	"  --color[=WHEN]         text in colour: auto (on a terminal, unless NO_COLOR is\n"
	"                         set and not empty), always, never\n"
	"  --all                  every ref, as git rev-list --all\n"
	"\n"
	"REVISION-RANGE: A..B, A...B, ^A B, a ref or commit.\n"
	"Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or\n"
	"configuration error, 3 internal error.\n";

/*
 * Progress on a terminal: commits done / total, rate, time left. The total
 * of a streaming walk is unknown until it ends, so a second walk counts
 * the same range on its own thread (only when someone is watching).
 */
typedef struct {
	const char *repo_path;
	const audit_opts *o;
	int64_t since, until;
	int64_t start_ms;
	_Atomic uint64_t total;   /* 0 while still counting */
	_Atomic int stop;         /* the scan is over: stop counting */
	pthread_t thread;
	int started;
} progress_state;

static void *count_commits(void *arg)
{
	progress_state *p = arg;
	git_repository *repo = NULL;
	as_walk *walk = NULL;
	git_oid oid;
	as_raw obj;
	uint64_t n = 0;
	int err = as_repo_open(&repo, p->repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH) < 0 || as_walk_new(&walk, repo) < 0;

	if (!err) {
		as_walk_set_window(walk, p->since, p->until);
		as_walk_set_max_count(walk, p->o->max_count);
	}
	for (size_t i = 0; !err && i < p->o->ranges.nr; i++)
		err = as_walk_add(walk, p->o->ranges.items[i]) < 0;
	while (!err && !p->stop && as_walk_next_lazy(walk, &oid, &obj) == 0) {
		as_raw_free(&obj);
		n++;
	}
	if (!err)
		p->total = n ? n : 1;
	as_walk_free(walk);
	git_repository_free(repo);
	return NULL;
}

static void progress(void *data, uint64_t done)
{
	progress_state *p = data;
	double secs = (double)(as_now_ms() - p->start_ms) / 1000.0;
	double rate = secs > 0 ? (double)done / secs : 0.0;
	uint64_t total = p->total;

	if (!total) {
		fprintf(stderr, "\rScanning commits: %llu (%.0f/s)\033[K",
			(unsigned long long)done, rate);
		return;
	}
	double left = rate > 0 && total > done ? (double)(total - done) / rate : 0.0;
	fprintf(stderr, "\rScanning commits: %llu/%llu (%.0f/s, %.0f s left)\033[K",
		(unsigned long long)done, (unsigned long long)total, rate, left);
}

static int strcmp_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the fingerprints of an earlier JSON report, sorted for bsearch. */
static int load_baseline(const char *path, char ***out, size_t *n)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root)
		return as_error_set(AS_EINPUT, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
	json_t *findings = json_object_get(root, "findings");
	if (!json_is_array(findings)) {
		json_decref(root);
		return as_error_set(AS_EINPUT, "%s: not an antisilo JSON report (no \"findings\" array)", path);
	}
	size_t count = json_array_size(findings), k = 0;
	char **fps = as_xcalloc(count + 1, sizeof(*fps));
	for (size_t i = 0; i < count; i++) {
		const char *fp = json_string_value(json_object_get(json_array_get(findings, i), "fingerprint"));
		if (!fp) {
			for (size_t j = 0; j < k; j++)
				free(fps[j]);
			free(fps);
			json_decref(root);
			return as_error_set(AS_EINPUT, "%s: finding %zu has no fingerprint", path, i);
		}
		fps[k++] = as_xstrdup(fp);
	}
	json_decref(root);
	qsort(fps, k, sizeof(*fps), strcmp_ptr);
	*out = fps;
	*n = k;
	return 0;
}

static int parse_args(audit_opts *o, int argc, char **argv)
{
	const cmd_option table[] = {
		CMD_OPT_REPO(&o->repo_dir),
		{ "repos", 0, CMD_OPT_STRING, &o->repos, 0, 0, NULL },
		CMD_OPT_RULES(&o->rules),
		{ "format", 0, CMD_OPT_STRING, &o->format, 0, 0, NULL },
		{ "output", 0, CMD_OPT_STRING, &o->output, 0, 0, NULL },
		{ "since", 0, CMD_OPT_STRING, &o->since, 0, 0, NULL },
		{ "until", 0, CMD_OPT_STRING, &o->until, 0, 0, NULL },
		CMD_OPT_JOBS(&o->jobs, 256),
		{ "baseline", 0, CMD_OPT_STRING, &o->baseline, 0, 0, NULL },
		{ "fail-on", 0, CMD_OPT_STRING, &o->fail_on, 0, 0, NULL },
		{ "fail-under", 0, CMD_OPT_NUMBER, &o->fail_under, 0, 100, "a score" },
		{ "tracker", 0, CMD_OPT_LIST, &o->trackers, 0, 0, NULL },
		{ "no-paths", 0, CMD_OPT_FLAG, &o->no_paths, 0, 0, NULL },
		{ "lines", 0, CMD_OPT_FLAG, &o->lines, 0, 0, NULL },
		{ "privacy", 0, CMD_OPT_STRING, &o->privacy, 0, 0, NULL },
		{ "compare-previous", 0, CMD_OPT_FLAG, &o->compare_previous, 0, 0, NULL },
		{ "no-compare-previous", 0, CMD_OPT_FLAG, &o->no_compare_previous, 0, 0, NULL },
		{ "silo-files", 0, CMD_OPT_FLAG, &o->silo_files, 0, 0, NULL },
		{ "without", 0, CMD_OPT_LIST, &o->without, 0, 0, NULL },
		{ "quiet", 'q', CMD_OPT_FLAG, &o->quiet, 0, 0, NULL },
		{ "all", 0, CMD_OPT_FLAG, &o->all, 0, 0, NULL },
		{ "max-count", 'n', CMD_OPT_INT, &o->max_count, 0, INT_MAX, "a number of commits" },
		CMD_OPT_END,
	};
	int rc = cmd_parse_options(argc, argv, table, usage, &o->ranges);
	if (!rc && o->all)
		cmd_list_add(&o->ranges, "--all");
	return rc;
}

static int fail_threshold(as_severity *out, const audit_opts *o, const as_config *cfg)
{
	*out = cfg->fail_on;
	if (o->fail_on && as_severity_parse(out, o->fail_on, 1) < 0)
		return cmd_fail(2, "--fail-on: expected info, warning, error or never, got '%s'", o->fail_on);
	return 0;
}

/* --fail-under: is the compliance score below the bar? A run without
 * the data for any part of the score has no score and passes. */
static int score_under(const as_metrics *m, double bar, const char *who, const char *sep)
{
	double score = as_round(m->score.score, 2);
	if (isnan(score)) {
		fprintf(stderr, "antisilo: %s%s--fail-under: no compliance score (%s)\n", who, sep,
			m->score.reason ? m->score.reason : "no data");
		return 0;
	}
	if (score >= bar)
		return 0;
	fprintf(stderr, "antisilo: %s%scompliance score %.2f is under --fail-under %g\n", who, sep,
		score, bar);
	return 1;
}

/*
 * --compare-previous: the same ranges over the period of the same length
 * just before [since, until], in a second, lighter scan: no changed paths
 * (the trend compares assignments, and reading trees is most of an
 * audit's time), no progress; tracker files and exports as the audit has
 * them. The walk stops at the window's start, as git log --since does.
 */
static int scan_previous(as_results *out, const audit_opts *o, git_repository *repo,
			 const as_config *cfg, const as_mailmap *mm, const as_metrics_ctx *mctx,
			 const as_exports *exports, int64_t since, int64_t until)
{
	as_walk *walk = NULL;
	int err = as_walk_new(&walk, repo);

	memset(out, 0, sizeof(*out));
	if (err < 0)
		return err;
	as_walk_set_window(walk, since, until);
	for (size_t i = 0; i < o->ranges.nr; i++)
		if ((err = as_walk_add(walk, o->ranges.items[i])) < 0)
			goto done;
	as_scan_opts sopts = {
		.cfg = cfg, .mailmap = mm, .jobs = o->jobs, .metrics = mctx, .repo = repo,
		.no_paths = 1, .no_tracker_files = o->no_paths, .no_codeowners = 1,
		.facts = exports->facts,
	};
	if ((err = as_scan(out, walk, &sopts)) < 0)
		goto done;
	/* the exports once more, over this window */
	as_scan_exports(out, exports, cfg, mctx, since, until);
	err = as_metrics_finish(&out->metrics, mctx, NULL);
done:
	as_walk_free(walk);
	return err;
}

static int parse_privacy(as_privacy_mode *out, const audit_opts *o, const as_config *cfg)
{
	*out = cfg->privacy;
	if (!o->privacy)
		return 0;
	int i = as_name_index(as_privacy_names, AS_PRIVACY_TEAM + 1, o->privacy);
	if (i < 0)
		return cmd_fail(2, "--privacy: expected none or team, got '%s'", o->privacy);
	*out = (as_privacy_mode)i;
	return 0;
}

int audit_setup_init(audit_setup *s, audit_opts *o, const as_config *cfg)
{
	int err, status;

	memset(s, 0, sizeof(*s));
	s->now = (int64_t)time(NULL);
	s->reporter = as_reporter_for(o->format ? o->format : "text");
	if (!s->reporter)
		return cmd_fail(2, "--format: unknown format '%s' (text, json, jsonl, sarif, html)", o->format);
	if ((status = fail_threshold(&s->threshold, o, cfg)) || (status = parse_privacy(&s->privacy, o, cfg)))
		return status;
	if (o->since && (err = as_parse_date(&s->since, o->since, s->now)) < 0)
		return cmd_error(err);
	if (o->until && (err = as_parse_date(&s->until, o->until, s->now)) < 0)
		return cmd_error(err);
	if (o->baseline && (err = load_baseline(o->baseline, &s->baseline, &s->nbaseline)) < 0)
		return cmd_error(err);
	/* every export is read and checked before the (long) scan */
	if ((err = as_exports_load(&s->exports, o->trackers.items, o->trackers.nr,
				   cfg->max_export_bytes)) < 0)
		return cmd_error(err);
	/* what the rules file says of the forge, where no export says it */
	unsigned known, facts = as_config_facts(cfg, &known);
	s->exports.facts |= facts & ~s->exports.known;
	s->exports.known |= known;
	if (!o->ranges.nr)
		cmd_list_add(&o->ranges, "HEAD");
	return 0;
}

void audit_setup_free(audit_setup *s)
{
	as_exports_free(&s->exports);
	for (size_t i = 0; i < s->nbaseline; i++)
		free(s->baseline[i]);
	free(s->baseline);
	memset(s, 0, sizeof(*s));
}

void audit_scan_free(audit_scan *s)
{
	if (s->have_previous)
		as_results_free(&s->previous);
	if (s->have_results)
		as_results_free(&s->results);
	if (s->have_mctx)
		as_metrics_ctx_free(&s->mctx);
	as_walk_free(s->walk);
	as_ahead_free(s->ahead);
	as_identities_free(s->ids);
	as_mailmap_free(s->mm);
	as_buf_free(&s->name);
	memset(s, 0, sizeof(*s));
}

/* --without ID: each must name a developer of the history. */
static int check_without(const audit_scan *s, const audit_opts *o)
{
	for (size_t i = 0; i < o->without.nr; i++) {
		as_buf name = AS_BUF_INIT;
		int err = as_metrics_developer(&name, &s->mctx, o->without.items[i]);
		as_buf_free(&name);
		if (err < 0) {
			char *why = as_xstrdup(as_error_msg());
			err = as_error_set(AS_ECONFIG, "--without: %s", why);
			free(why);
			return err;
		}
	}
	return 0;
}

int audit_scan_run(audit_scan *s, const audit_opts *o, const audit_setup *setup,
		   git_repository *repo, const as_config *cfg)
{
	int64_t since = setup->since, until = setup->until, start = as_now_ms();
	int err;

	memset(s, 0, sizeof(*s));
	if (cfg->name)
		as_buf_puts(&s->name, cfg->name);
	else
		as_repo_report_name(&s->name, repo);
	if ((err = as_mailmap_load(&s->mm, repo)) < 0 || (err = as_walk_new(&s->walk, repo)) < 0)
		return err;
	as_walk_set_window(s->walk, since, until);
	as_walk_set_max_count(s->walk, o->max_count);
	for (size_t i = 0; i < o->ranges.nr; i++)
		if ((err = as_walk_add(s->walk, o->ranges.items[i])) < 0)
			return err;
	s->have_tip = as_metrics_range_tip(&s->tip, repo, o->ranges.items, o->ranges.nr) == 0;
	if ((err = as_metrics_ctx_init(&s->mctx, cfg, s->mm, repo, s->have_tip ? &s->tip : NULL)) < 0)
		return err;
	s->have_mctx = 1;
	/* Who is who, before the walk that counts them: a walk that reads
	 * only the commits' headers (their authors). */
	if (o->max_count < 0) {
		/* the walk is recorded and replayed: the judging walk reads
		 * nothing, and each commit is read whole once, by a worker */
		as_walk_record(s->walk);
		/* an audit that reads no trees reads each commit once, where
		 * it is read first (the table of the packs, else the authors'
		 * threads): it is judged while it is in memory (ahead.h) */
		if (o->no_paths)
			s->ahead = as_ahead_new(cfg, s->mm, &s->mctx, since, until, o->jobs);
		const as_commit_visitor *v = s->ahead ? as_ahead_visitor(s->ahead) : NULL;
		if (as_walk_read_ahead(s->walk, o->jobs, v))
			v = NULL; /* (read: the table's threads judged them) */
		err = cmd_identities_of_walk(&s->ids, s->walk, s->mm, &cfg->org, o->jobs, v);
		if (s->ahead && !as_ahead_index(s->ahead)) {
			as_ahead_free(s->ahead);
			s->ahead = NULL;
		}
		as_walk_rewind(s->walk);
	} else {
		/* -n N: the authors of the whole range, as without it */
		err = cmd_load_identities(&s->ids, repo, s->mm, &cfg->org, o->ranges.items,
					  o->ranges.nr, since, until);
	}
	if (err < 0)
		return err;
	s->mctx.identities = s->ids;
	s->mctx.silo_files = o->silo_files;
	s->mctx.without = o->without.items;
	s->mctx.nwithout = o->without.nr;
	/* (in an organisation's audit, a developer of one repository's
	 * history need not be one of every other's: no error there) */
	if (!o->repos && (err = check_without(s, o)) < 0)
		return err;

	progress_state prog = {
		.repo_path = git_repository_path(repo), .o = o,
		.since = since, .until = until, .start_ms = start,
	};
	int show = !o->quiet && isatty(2);
	if (show)
		prog.started = pthread_create(&prog.thread, NULL, count_commits, &prog) == 0;
	as_scan_opts sopts = {
		.cfg = cfg, .mailmap = s->mm, .jobs = o->jobs,
		.progress = show ? progress : NULL,
		.progress_data = &prog,
		.metrics = &s->mctx, .repo = repo, .count_lines = o->lines,
		/* --no-paths reads no trees: no changed paths, no tracker files
		 * (those need the trees; the run says so) */
		.no_paths = o->no_paths, .no_tracker_files = o->no_paths,
		.no_codeowners = o->no_paths, .facts = setup->exports.facts,
		.ahead = s->ahead,
	};
	err = as_scan(&s->results, s->walk, &sopts);
	/* copies of commits the range does not reach (a backport branch
	 * audited alone) refer to their originals */
	if (!err)
		err = as_originals_refer(&s->results.findings, &s->results.metrics, repo, &sopts,
					 s->walk, 0);
	/* (what the digests held is counted now) */
	as_ahead_free(s->ahead);
	s->ahead = NULL;
	s->have_results = 1;
	prog.stop = 1;
	if (prog.started)
		pthread_join(prog.thread, NULL);
	if (show)
		fputs("\r\033[K", stderr);
	if (err < 0)
		return err;
	as_scan_exports(&s->results, &setup->exports, cfg, &s->mctx, since, until);
	/* what --no-paths left out, when the rules would have read it */
	static const char *const no_paths_notes[] = {
		"--no-paths: the tracker files of tracker_paths were not read (they need the "
		"trees); audit without --no-paths to judge them",
		"--no-paths: the CODEOWNERS history was not read (it needs the trees); audit "
		"without --no-paths to find its gates",
	};
	int left_out[2] = { cfg->ntracker_paths > 0, cfg->org.nteams > 0 };
	for (size_t i = 0; i < 2 && o->no_paths; i++) {
		if (!left_out[i])
			continue;
		as_results_note(&s->results, no_paths_notes[i]);
		if (!o->quiet)
			fprintf(stderr, "antisilo: note: %s\n", no_paths_notes[i]);
	}
	if ((err = as_metrics_finish(&s->results.metrics, &s->mctx, o->no_paths ? NULL : repo)) < 0)
		return err;
	/* the html page compares by default: it is the one a lead reads */
	s->compare = !o->no_compare_previous &&
		     (o->compare_previous || setup->reporter == as_report_html);
	/* an open period ends with its newest commit, not with today: a
	 * repository quiet for months would otherwise compare against a
	 * period of mostly nothing */
	s->period_end = until ? until : setup->now;
	if (!until && s->results.metrics.last_time)
		s->period_end = s->results.metrics.last_time;
	if (s->compare && since && s->period_end > since) {
		err = scan_previous(&s->previous, o, repo, cfg, s->mm, &s->mctx, &setup->exports,
				    since - (s->period_end - since), since - 1);
		s->have_previous = 1;
		if (err < 0)
			return err;
	}
	as_findings_filter(&s->results.findings, setup->baseline, setup->nbaseline);
	return 0;
}

int audit_scan_status(const audit_scan *s, const audit_opts *o, const audit_setup *setup,
		      const as_config *cfg, const char *who)
{
	as_severity threshold = setup->threshold;
	const char *sep = who ? ": " : "";
	int status = threshold != AS_SEV_NEVER &&
		     as_findings_max_severity(&s->results.findings) >= threshold ? 1 : 0;

	if (!who)
		who = "";
	/* what could not be checked does not pass a check (on_incomplete) */
	size_t unchecked = as_findings_unchecked(&s->results.findings);
	if (unchecked && threshold != AS_SEV_NEVER && cfg->on_incomplete == AS_INCOMPLETE_REJECT) {
		fprintf(stderr, "antisilo: %s%s%zu %s not fully checked (the antisilo:… and \"bound\" "
			"warnings say where); on_incomplete = reject fails the audit\n", who, sep,
			unchecked, unchecked == 1 ? "place was" : "places were");
		status = 1;
	}
	if (o->fail_under >= 0 && score_under(&s->results.metrics, o->fail_under, who, sep))
		status = 1;
	return status;
}

int audit_report(const audit_scan *s, const audit_opts *o, const audit_setup *setup,
		 git_repository *repo, const as_config *cfg, const audit_label *label, FILE *out)
{
	int64_t since = setup->since;
	as_report rep = {
		.cfg = cfg, .repository = as_buf_cstr(&s->name),
		.root = git_repository_workdir(repo) ? git_repository_workdir(repo)
						     : git_repository_path(repo),
		.range = o->ranges.items, .nrange = o->ranges.nr, .since = since,
		.until = setup->until,
		.results = &s->results,
		.compare_previous = s->compare, .previous = s->have_previous ? &s->previous : NULL,
		.previous_since = since - (s->period_end - since), .previous_until = since - 1,
		.privacy = setup->privacy, .color = !o->output && !label && cmd_use_color(1),
		.repo = repo, .tip_tree = s->have_tip ? &s->tip : NULL,
		.label = label ? label->name : NULL,
		.exit_code = label ? label->exit_code : 0,
		.time = label ? label->time : 0,
	};
	return setup->reporter(&rep, out);
}

/* The audit of one repository: scan, then write the report (whole or
 * not at all), then say how it went. */
static int run(audit_opts *o, git_repository *repo, as_config *cfg)
{
	audit_setup setup;
	audit_scan scan;
	as_output out;
	int err, status;

	if (o->output)
		as_output_guard();
	if ((status = audit_setup_init(&setup, o, cfg))) {
		audit_setup_free(&setup);
		return status;
	}
	/* a message that names a ticket key names whom the exports assign it to */
	as_exports_tickets(&setup.exports, &cfg->org, &cfg->tickets);
	if ((err = audit_scan_run(&scan, o, &setup, repo, cfg)) < 0 ||
	    (err = as_output_open(&out, o->output)) < 0)
		goto fail;
	err = audit_report(&scan, o, &setup, repo, cfg, NULL, out.fp);
	if (err < 0) {
		/* a write that failed: say where and why (ENOSPC, EPIPE...) */
		if (ferror(out.fp) && out.path)
			as_error_set(AS_EINTERNAL, "%s: cannot write: %s", out.path, strerror(errno));
		else if (ferror(out.fp))
			as_error_set(AS_EINTERNAL, "cannot write to standard output: %s",
				     strerror(errno));
		as_output_abort(&out);
	} else {
		err = as_output_commit(&out);
	}
	if (err < 0)
		goto fail;
	status = audit_scan_status(&scan, o, &setup, cfg, NULL);
	goto done;
fail:
	status = cmd_error(err);
done:
	audit_scan_free(&scan);
	audit_setup_free(&setup);
	return status;
}
int cmd_audit(int argc, char **argv)
{
	audit_opts o = { .fail_under = -1, .max_count = -1 };
	git_repository *repo = NULL;
	as_config cfg;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int status;

	o.jobs = 0;
	status = parse_args(&o, argc, argv);
	/* The walk is one thread; reading trees (changed paths) keeps every
	 * other thread busy, so then it gets one more than there are CPUs. */
	if (!o.jobs)
		o.jobs = (ncpu < 1 ? 1 : ncpu > 16 ? 16 : (int)ncpu) + !o.no_paths;
	if (status) {
		cmd_list_free(&o.ranges);
		cmd_list_free(&o.trackers);
		cmd_list_free(&o.without);
		return status < 0 ? 0 : status;
	}
	if (o.repos) {
		/* many repositories, one org chart: the rules are not looked
		 * up in any of them (git config, $GIT_DIR/antisilo/) */
		if (o.repo_dir)
			status = cmd_fail(2, "--repos and --repo: give one or the other");
		else if ((status = cmd_load_config(&cfg, o.rules, NULL)) == 0) {
			status = audit_repos(&o, &cfg);
			as_config_free(&cfg);
		}
	} else if ((status = cmd_open_repo(&repo, o.repo_dir)) == 0 &&
		   (status = cmd_load_config(&cfg, o.rules, repo)) == 0) {
		status = run(&o, repo, &cfg);
		as_config_free(&cfg);
	}
	git_repository_free(repo);
	cmd_list_free(&o.ranges);
	cmd_list_free(&o.trackers);
	cmd_list_free(&o.without);
	return status;
}
