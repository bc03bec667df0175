/*
 * antisilo audit: judge a range of history and write a report.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "pipeline.h"
#include "report/report.h"
#include "source/mailmap.h"
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
	"  --rules FILE           rules file (default: SPEC lookup, see antisilo(1))\n"
	"  --format FORMAT        text | json (default: text)\n"
	"  --output FILE          write the report to FILE, atomically (default: stdout)\n"
	"  --since DATE           only commits committed at or after DATE\n"
	"  --until DATE           only commits committed at or before DATE\n"
	"  --jobs N               worker threads (default: number of CPUs)\n"
	"  --baseline FILE        hide findings whose fingerprint is in this earlier JSON report\n"
	"  --fail-on SEVERITY     info | warning | error | never (default: fail_on of the rules)\n"
	"  --no-paths             do not compute changed paths\n"
	"  --quiet                no progress on stderr\n"
	"  --all                  every ref, as git rev-list --all\n"
	"\n"
	"REVISION-RANGE: A..B, A...B, ^A B, a ref or commit.\n"
	"Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or\n"
	"configuration error, 3 internal error.\n";

typedef struct {
	const char *repo_dir, *rules, *format, *output, *since, *until, *baseline;
	const char *fail_on;
	int jobs, quiet, no_paths;
	const char **ranges;
	size_t nranges, ranges_alloc;
} audit_opts;

static void progress(void *data, uint64_t done)
{
	int64_t *start = data;
	double secs = (double)(as_now_ms() - *start) / 1000.0;
	fprintf(stderr, "\rScanning commits: %llu (%.0f/s)",
		(unsigned long long)done, secs > 0 ? (double)done / secs : 0.0);
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
	enum { O_REPO = 256, O_RULES, O_FORMAT, O_OUTPUT, O_SINCE, O_UNTIL, O_JOBS,
	       O_BASELINE, O_FAIL_ON, O_NO_PATHS, O_QUIET, O_ALL, O_TRACKER };
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, O_REPO },
		{ "rules", required_argument, NULL, O_RULES },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "output", required_argument, NULL, O_OUTPUT },
		{ "since", required_argument, NULL, O_SINCE },
		{ "until", required_argument, NULL, O_UNTIL },
		{ "jobs", required_argument, NULL, O_JOBS },
		{ "baseline", required_argument, NULL, O_BASELINE },
		{ "fail-on", required_argument, NULL, O_FAIL_ON },
		{ "no-paths", no_argument, NULL, O_NO_PATHS },
		{ "quiet", no_argument, NULL, O_QUIET },
		{ "all", no_argument, NULL, O_ALL },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hq", longopts, NULL)) != -1) {
		switch (c) {
		case O_REPO: o->repo_dir = optarg; break;
		case O_RULES: o->rules = optarg; break;
		case O_FORMAT: o->format = optarg; break;
		case O_OUTPUT: o->output = optarg; break;
		case O_SINCE: o->since = optarg; break;
		case O_UNTIL: o->until = optarg; break;
		case O_BASELINE: o->baseline = optarg; break;
		case O_FAIL_ON: o->fail_on = optarg; break;
		case O_NO_PATHS: o->no_paths = 1; break;
		case 'q': case O_QUIET: o->quiet = 1; break;
		case O_JOBS: {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return cmd_fail(2, "--jobs: expected a number from 1 to 256, got '%s'", optarg);
			o->jobs = (int)n;
			break;
		}
		case O_ALL:
			AS_GROW(o->ranges, o->nranges + 1, o->ranges_alloc);
			o->ranges[o->nranges++] = "--all";
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	for (int i = optind; i < argc; i++) {
		AS_GROW(o->ranges, o->nranges + 1, o->ranges_alloc);
		o->ranges[o->nranges++] = argv[i];
	}
	return 0;
}

static int fail_threshold(as_severity *out, const audit_opts *o, const as_config *cfg)
{
	*out = cfg->fail_on;
	if (o->fail_on && as_severity_parse(out, o->fail_on, 1) < 0)
		return cmd_fail(2, "--fail-on: expected info, warning, error or never, got '%s'", o->fail_on);
	return 0;
}

static int run(audit_opts *o, git_repository *repo, as_config *cfg)
{
	as_reporter reporter = as_reporter_for(o->format ? o->format : "text");
	as_mailmap *mm = NULL;
	as_walk *walk = NULL;
	as_results results;
	as_severity threshold;
	int64_t now = (int64_t)time(NULL), since = 0, until = 0, start = as_now_ms();
	char **baseline = NULL;
	size_t nbaseline = 0;
	int err, status;

	if (!reporter)
		return cmd_fail(2, "--format: unknown format '%s' (text, json)", o->format);
	if ((status = fail_threshold(&threshold, o, cfg)))
		return status;
	if (o->since && (err = as_parse_date(&since, o->since, now)) < 0)
		return cmd_error(err);
	if (o->until && (err = as_parse_date(&until, o->until, now)) < 0)
		return cmd_error(err);
	if (o->baseline && (err = load_baseline(o->baseline, &baseline, &nbaseline)) < 0)
		return cmd_error(err);

	if ((err = as_mailmap_load(&mm, repo)) < 0 || (err = as_walk_new(&walk, repo)) < 0)
		goto fail;
	as_walk_set_window(walk, since, until);
	if (!o->nranges) {
		AS_GROW(o->ranges, 1, o->ranges_alloc);
		o->ranges[o->nranges++] = "HEAD";
	}
	for (size_t i = 0; i < o->nranges; i++)
		if ((err = as_walk_add(walk, o->ranges[i])) < 0)
			goto fail;

	as_scan_opts sopts = {
		.cfg = cfg, .mailmap = mm, .jobs = o->jobs,
		.progress = (!o->quiet && isatty(2)) ? progress : NULL,
		.progress_data = &start,
	};
	err = as_scan(&results, walk, &sopts);
	if (sopts.progress)
		fputs("\r\033[K", stderr);
	if (err < 0) {
		as_results_free(&results);
		goto fail;
	}
	as_findings_filter(&results.findings, baseline, nbaseline);

	as_output out;
	if ((err = as_output_open(&out, o->output)) < 0) {
		as_results_free(&results);
		goto fail;
	}
	as_report rep = {
		.cfg = cfg, .repository = git_repository_workdir(repo)
			? git_repository_workdir(repo) : git_repository_path(repo),
		.range = o->ranges, .nrange = o->nranges, .results = &results,
		.color = !o->output && isatty(1),
	};
	err = reporter(&rep, out.fp);
	if (err < 0)
		as_output_abort(&out);
	else
		err = as_output_commit(&out);
	status = threshold != AS_SEV_NEVER &&
		 as_findings_max_severity(&results.findings) >= threshold ? 1 : 0;
	as_results_free(&results);
	if (err < 0)
		goto fail;
	err = status;
	goto done;

fail:
	err = cmd_error(err);
done:
	as_walk_free(walk);
	as_mailmap_free(mm);
	for (size_t i = 0; i < nbaseline; i++)
		free(baseline[i]);
	free(baseline);
	return err;
}

int cmd_audit(int argc, char **argv)
{
	audit_opts o = { 0 };
	git_repository *repo = NULL;
	as_config cfg;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int status;

	o.jobs = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (int)ncpu;
	status = parse_args(&o, argc, argv);
	if (status) {
		free(o.ranges);
		return status < 0 ? 0 : status;
	}
	if ((status = cmd_open_repo(&repo, o.repo_dir)) == 0 &&
	    (status = cmd_load_config(&cfg, o.rules, repo)) == 0) {
		status = run(&o, repo, &cfg);
		as_config_free(&cfg);
	}
	git_repository_free(repo);
	free(o.ranges);
	return status;
}
