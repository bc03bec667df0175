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
#include "source/tracker_int.h"
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

/* The assignments of a parsed export, one line each, to compare two reads. */
static void export_lines(as_buf *out, const as_tracker_export *x)
{
	as_event ev;
	as_event_init(&ev);
	as_buf_printf(out, "%s %llu\n", as_tracker_export_format(x),
		      (unsigned long long)as_tracker_export_records(x));
	for (size_t i = 0; i < as_tracker_export_count(x); i++) {
		int cancelled = as_tracker_export_event(x, i, &ev);
		as_buf_printf(out, "%d|%s|%s|%s|%s|%lld|%s\n", cancelled,
			      as_buf_cstr(&ev.actor_text), as_buf_cstr(&ev.subject_text),
			      as_buf_cstr(&ev.record), as_buf_cstr(&ev.title),
			      (long long)ev.time, as_buf_cstr(&ev.excerpt));
	}
	as_event_free(&ev);
}

/*
 * What as_tracker_export_load() does after its first read, on a reader
 * whose first chunk holds only data[0..k): the parsers then meet a chunk
 * boundary at byte k, as they do at every TRK_CHUNK bytes of a big file.
 */
static int load_split(as_tracker_export **out, const char *path, const uint8_t *data,
		      size_t size, size_t k, const char *format)
{
	trk_reader r;
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.buf = malloc(TRK_CHUNK);
	if (!r.buf)
		abort();
	memcpy(r.buf, data, k);
	r.len = k;
	r.fp = fopen(as_fuzz_file("rest", data + k, size - k), "rb");
	if (!r.fp)
		abort();

	as_tracker_export *x = calloc(1, sizeof(*x));
	if (!x)
		abort();
	x->path = strdup(path);
	int err;
	if (!strcmp(format, "jira-csv")) {
		err = trk_read_jira(x, &r);
	} else {
		/* as_tracker_export_load detects: '[' GitHub, '{' an error, else CSV */
		size_t i = size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
		while (i < size && strchr(" \t\r\n", data[i]) && data[i])
			i++;
		if (i == size || data[i] == '{')
			err = AS_EINPUT;
		else if (data[i] == '[')
			err = trk_read_github(x, &r, *format ? format : NULL);
		else
			err = trk_read_jira(x, &r);
	}
	if (!err) {
		trk_cancel(x);
		free(x->slots);
		x->slots = NULL;
		x->nslots = x->nused = 0;
	}
	trk_reader_close(&r);
	if (err < 0) {
		as_tracker_export_free(x);
		return err;
	}
	*out = x;
	return 0;
}

void as_fuzz_tracker_chunks(const uint8_t *data, size_t size, const char *name,
			    const char *format)
{
	as_buf spec = AS_BUF_INIT, a = AS_BUF_INIT, b = AS_BUF_INIT;
	as_tracker_export *x = NULL, *y = NULL;

	if (size < 2)
		return;
	/* the boundary falls before input byte k (1 <= k < size) */
	size_t k = 1 + ((size_t)data[size - 1] * 131 + size) % (size - 1);
	const char *path = as_fuzz_file(name, data, size);
	as_buf_printf(&spec, "%s%s%s", format, *format ? ":" : "", path);
	int ra = as_tracker_export_load(&x, spec.ptr);
	int rb = load_split(&y, path, data, size, k, format);
	AS_FUZZ_CHECK((ra < 0) == (rb < 0), "in one chunk: %d, split before byte %zu: %d (%s)",
		      ra, k, rb, as_error_msg());
	if (ra == 0) {
		export_lines(&a, x);
		export_lines(&b, y);
		AS_FUZZ_CHECK(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len),
			      "a chunk boundary before byte %zu changes what is read:\n%s---\n%s",
			      k, a.ptr, b.ptr);
	}
	as_tracker_export_free(x);
	as_tracker_export_free(y);
	as_buf_free(&spec);
	as_buf_free(&a);
	as_buf_free(&b);
}
