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

#include "pipeline.h"
#include "report/json.h"
#include "report/report.h"
#include "source/tracker/export.h"
#include "source/tracker/format.h"
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
	as_export *x = (as_export *)1;
	as_buf spec = AS_BUF_INIT;

	as_buf_printf(&spec, "%s%s%s", format, *format ? ":" : "", file);
	as_error_clear();
	int rc = as_export_load(&x, spec.ptr, 0);
	if (rc < 0) {
		AS_FUZZ_CHECK(x == NULL, "failed (%d) but returned an export", rc);
		AS_FUZZ_CHECK(rc == AS_EINPUT || rc == AS_EINTERNAL, "error code %d", rc);
		AS_FUZZ_CHECK(strstr(as_error_msg(), file) != NULL,
			      "the error does not name the file: %s", as_error_msg());
		as_buf_free(&spec);
		return;
	}
	AS_FUZZ_CHECK(rc == 0 && x != NULL, "load returned %d", rc);
	const char *got = as_export_format_name(x);
	int known = 0;
	for (size_t k = 0; as_export_formats[k]; k++)
		known |= !strcmp(got, as_export_formats[k]->name);
	AS_FUZZ_CHECK(known, "format '%s'", got);
	AS_FUZZ_CHECK(!*format || !strcmp(got, format), "asked for %s, got %s", format, got);

	as_event ev;
	as_event_init(&ev);
	for (size_t i = 0; i < x->nrecs; i++) {
		int cancelled = as_export_event(x, i, &ev);
		AS_FUZZ_CHECK(cancelled == 0 || cancelled == 1, "cancelled = %d", cancelled);
		AS_FUZZ_CHECK(ev.kind < AS_EV__COUNT && ev.origin == AS_ORIGIN_TRACKER_EXPORT,
			      "record %zu: kind %d origin %d", i, ev.kind, ev.origin);
		AS_FUZZ_CHECK(!strcmp(as_buf_cstr(&ev.path), file), "record %zu: path %s", i,
			      as_buf_cstr(&ev.path));
		/* a review is counted under one of the review keys, nothing else */
		int key = ev.kind != AS_EV_REVIEW;
		for (size_t k = 0; k < AS_REVIEW_KEYS && !key; k++)
			key = !strcmp(as_buf_cstr(&ev.key), as_review_keys[k]);
		AS_FUZZ_CHECK(key, "record %zu: a review with key '%s'", i, as_buf_cstr(&ev.key));
		AS_FUZZ_CHECK(ev.nitems == x->recs[i].nitems, "record %zu: %zu items of %u", i,
			      ev.nitems, (unsigned)x->recs[i].nitems);
	}
	AS_FUZZ_CHECK(!(x->facts & ~x->known), "facts %x said of %x", x->facts, x->known);
	as_event_free(&ev);

	/* judge it as an audit does, then report the statistics */
	as_exports xs = { .items = &x, .nr = 1, .facts = x->facts };
	as_results res;
	as_metrics_ctx mctx;
	memset(&res, 0, sizeof(res));
	AS_FUZZ_CHECK(as_metrics_ctx_init(&mctx, cfg, NULL, NULL, NULL) == 0, "metrics ctx");
	as_scan_exports(&res, &xs, cfg, &mctx, 0, 0);
	as_tracker_stats_finish(&res.metrics.trackers);
	AS_FUZZ_CHECK(res.metrics.trackers.files == 1, "stats: %llu files",
		      (unsigned long long)res.metrics.trackers.files);
	as_report_trackers_text(devnull(), &res.metrics.trackers, 5);
	json_t *j = as_report_trackers_json(&res.metrics.trackers);
	char *dump = json_dumps(j, JSON_COMPACT);
	AS_FUZZ_CHECK(dump != NULL, "the statistics do not encode as JSON");
	free(dump);
	json_decref(j);
	as_results_free(&res);
	as_metrics_ctx_free(&mctx);
	as_export_free(x);
	as_buf_free(&spec);
}

/* The assignments of a parsed export, one line each, to compare two reads. */
static void export_lines(as_buf *out, const as_export *x)
{
	as_event ev;
	as_event_init(&ev);
	as_buf_printf(out, "%s %llu\n", as_export_format_name(x), (unsigned long long)x->records);
	for (size_t i = 0; i < x->nrecs; i++) {
		int cancelled = as_export_event(x, i, &ev);
		as_buf_printf(out, "%d|%s|%s|%s|%s|%lld|%s\n", cancelled,
			      as_buf_cstr(&ev.actor_text), as_buf_cstr(&ev.subject_text),
			      as_buf_cstr(&ev.record), as_buf_cstr(&ev.title),
			      (long long)ev.time, as_buf_cstr(&ev.excerpt));
	}
	as_event_free(&ev);
}

void as_fuzz_tracker_chunks(const uint8_t *data, size_t size, const char *name,
			    const char *format)
{
	as_buf spec = AS_BUF_INIT, a = AS_BUF_INIT, b = AS_BUF_INIT;
	as_export *x = NULL, *y = NULL;

	if (size < 2)
		return;
	/* the boundary falls before input byte k (1 <= k < size) */
	size_t k = 1 + ((size_t)data[size - 1] * 131 + size) % (size - 1);
	const char *path = as_fuzz_file(name, data, size);
	as_buf_printf(&spec, "%s%s%s", format, *format ? ":" : "", path);
	int ra = as_export_load(&x, spec.ptr, 0);
	int rb = as_export_load_split(&y, spec.ptr, 0, k);
	AS_FUZZ_CHECK((ra < 0) == (rb < 0), "in one chunk: %d, split before byte %zu: %d (%s)",
		      ra, k, rb, as_error_msg());
	if (ra == 0) {
		export_lines(&a, x);
		export_lines(&b, y);
		AS_FUZZ_CHECK(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len),
			      "a chunk boundary before byte %zu changes what is read:\n%s---\n%s",
			      k, a.ptr, b.ptr);
	}
	as_export_free(x);
	as_export_free(y);
	as_buf_free(&spec);
	as_buf_free(&a);
	as_buf_free(&b);
}
