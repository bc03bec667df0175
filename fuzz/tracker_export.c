/*
 * Loading a tracker export the way `antisilo audit --tracker` does, and
 * judging it against the shipped rules (fuzz/tracker_github.c and
 * fuzz/tracker_jira.c feed it).
 *
 * Invariants: a load either fails with nothing returned and an error
 * that names the file (SPEC §3: "names the file, the record and what is
 * wrong") or returns an export of the format asked for; every assignment
 * becomes an event of that file; judging and the statistics do not
 * crash.
 */
#include "fuzz.h"
#include "tracker_export.h"

#include <stdio.h>
#include <string.h>

#include "source/tracker.h"
#include "util/buf.h"
#include "util/error.h"

static FILE *devnull(void)
{
	static FILE *f;
	if (!f && !(f = fopen("/dev/null", "w")))
		abort();
	return f;
}

void as_fuzz_tracker_export(const char *file, const char *format)
{
	const as_config *cfg = as_fuzz_shipped_rules();
	as_tracker_export *x = (as_tracker_export *)1;
	as_buf spec = AS_BUF_INIT;

	as_buf_printf(&spec, "%s%s%s", format, *format ? ":" : "", file);
	as_error_clear();
	int rc = as_tracker_export_load(&x, spec.ptr);
	if (rc < 0) {
		AS_FUZZ_CHECK(x == NULL, "failed (%d) but returned an export", rc);
		AS_FUZZ_CHECK(rc == AS_EINPUT || rc == AS_EINTERNAL, "error code %d", rc);
		AS_FUZZ_CHECK(strstr(as_error_msg(), file) != NULL,
			      "the error does not name the file: %s", as_error_msg());
		as_buf_free(&spec);
		return;
	}
	AS_FUZZ_CHECK(rc == 0 && x != NULL, "load returned %d", rc);
	const char *got = as_tracker_export_format(x);
	AS_FUZZ_CHECK(!strcmp(got, "github-events") || !strcmp(got, "github-issues") ||
		      !strcmp(got, "jira-csv"), "format '%s'", got);
	AS_FUZZ_CHECK(!*format || !strcmp(got, format), "asked for %s, got %s", format, got);

	size_t n = as_tracker_export_count(x);
	as_event ev;
	as_event_init(&ev);
	for (size_t i = 0; i < n; i++) {
		int cancelled = as_tracker_export_event(x, i, &ev);
		AS_FUZZ_CHECK(cancelled == 0 || cancelled == 1, "cancelled = %d", cancelled);
		AS_FUZZ_CHECK(ev.kind == AS_EV_ASSIGNMENT && ev.origin == AS_ORIGIN_TRACKER_EXPORT,
			      "assignment %zu: kind %d origin %d", i, ev.kind, ev.origin);
		AS_FUZZ_CHECK(!strcmp(as_buf_cstr(&ev.path), file), "assignment %zu: path %s", i,
			      as_buf_cstr(&ev.path));
	}
	as_event_free(&ev);

	/* judge it as an audit does, then report the statistics */
	as_tracker_exports xs = { 0 };
	as_findings findings = { 0 };
	as_metrics metrics;
	memset(&metrics, 0, sizeof(metrics));
	xs.items = &x;
	xs.nr = 1;
	as_tracker_exports_judge(&xs, cfg, 0, 0, 1000, &findings, &metrics);
	AS_FUZZ_CHECK(xs.stats.files == 1, "stats: %llu files", (unsigned long long)xs.stats.files);
	as_tracker_stats_print(&xs.stats, devnull(), 5);
	json_t *j = as_tracker_stats_json(&xs.stats);
	char *dump = json_dumps(j, JSON_COMPACT);
	AS_FUZZ_CHECK(dump != NULL, "the statistics do not encode as JSON");
	free(dump);
	json_decref(j);
	as_tracker_stats_free(&xs.stats);
	as_findings_free(&findings);
	as_metrics_free(&metrics);
	as_tracker_export_free(x);
	as_buf_free(&spec);
}
