/*
 * The report document (SPEC §6) built with jansson, and the JSON reporter
 * that writes it. The other structured formats (jsonl, sarif, html) render
 * this same document, so every format carries the same content.
 */
#include "report/report.h"

#include <jansson.h>

#include "report/forge.h"
#include "report/json.h"
#include "report/metrics_json.h"
#include "util/error.h"
#include "util/sanitize.h"

json_t *as_json_text(const char *s)
{
	if (!s)
		return json_null();
	as_buf b = AS_BUF_INIT;
	as_sanitize_str(&b, s, AS_SAN_UTF8);
	json_t *j = json_stringn(as_buf_cstr(&b), b.len);
	as_buf_free(&b);
	return j;
}

static json_t *by_relation(const uint64_t *counts)
{
	json_t *o = json_object();
	for (int i = 0; i < AS_REL__COUNT; i++)
		json_object_set_new(o, as_relation_name((as_relation)i),
				    json_integer((json_int_t)counts[i]));
	return o;
}

json_t *as_report_finding_json(const as_finding *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule", as_json_text(f->rule));
	json_object_set_new(o, "severity", json_string(as_severity_name(f->severity)));
	json_object_set_new(o, "event", json_string(as_event_kind_name(f->event)));
	json_object_set_new(o, "relation", json_string(as_relation_name(f->relation)));
	json_object_set_new(o, "actor", as_json_text(f->actor));
	json_object_set_new(o, "subject", as_json_text(f->subject));
	json_object_set_new(o, "author", as_json_text(f->author));
	json_object_set_new(o, "source", json_string(as_origin_name(f->source)));
	json_object_set_new(o, "commit", f->commit[0] ? json_string(f->commit) : json_null());
	json_object_set_new(o, "path", as_json_text(f->path));
	json_object_set_new(o, "line", f->line ? json_integer(f->line) : json_null());
	json_object_set_new(o, "record", as_json_text(f->record));
	json_object_set_new(o, "fingerprint", json_string(f->fingerprint));
	json_object_set_new(o, "excerpt", as_json_text(f->excerpt));
	json_object_set_new(o, "explain", as_json_text(f->explain));
	return o;
}

json_t *as_report_metrics_json(const as_metrics *m)
{
	json_t *o = json_object();
	json_object_set_new(o, "assignments", by_relation(m->assignments));
	json_object_set_new(o, "approvals", by_relation(m->approvals));
	json_object_set_new(o, "context_references", json_integer((json_int_t)m->context_events));
	as_report_forge_metrics(o, m);
	as_metrics_json_add(o, m);
	return o;
}

json_t *as_report_document(const as_report *r)
{
	json_t *root = json_object();
	json_t *tool = json_object();
	json_object_set_new(tool, "name", json_string("antisilo"));
	json_object_set_new(tool, "version", json_string(ANTISILO_VERSION));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(root, "repository", as_json_text(r->repository));
	json_t *range = json_array();
	for (size_t i = 0; i < r->nrange; i++)
		json_array_append_new(range, as_json_text(r->range[i]));
	json_object_set_new(root, "range", range);
	json_object_set_new(root, "rules", as_json_text(r->cfg->path));
	json_object_set_new(root, "commits_scanned", json_integer((json_int_t)r->results->commits));
	if (r->results->nnotes) {
		json_t *notes = json_array();
		for (size_t i = 0; i < r->results->nnotes; i++)
			json_array_append_new(notes, as_json_text(r->results->notes[i]));
		json_object_set_new(root, "notes", notes);
	}
	json_t *findings = json_array();
	as_buf url = AS_BUF_INIT;
	for (size_t i = 0; i < r->results->findings.nr; i++) {
		const as_finding *f = &r->results->findings.items[i];
		json_t *o = as_report_finding_json(f);
		/* where the forge shows it; the owner that makes a gate */
		if (as_report_forge_url(&url, r->cfg->forge_url, f))
			json_object_set_new(o, "url", as_json_text(url.ptr));
		if (f->owner)
			json_object_set_new(o, "owner", as_json_text(f->owner));
		json_array_append_new(findings, o);
	}
	as_buf_free(&url);
	json_object_set_new(root, "findings", findings);
	json_t *metrics = as_report_metrics_json(&r->results->metrics);
	if (r->results->metrics.trackers.files)
		json_object_set_new(metrics, "trackers",
				    as_report_trackers_json(&r->results->metrics.trackers));
	json_object_set_new(root, "metrics", metrics);
	return root;
}

int as_report_json(const as_report *r, FILE *out)
{
	json_t *root = as_report_document(r);
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			    JSON_REAL_PRECISION(15));
	json_decref(root);
	if (rc != 0 || fputc('\n', out) == EOF)
		return as_error_set(AS_EINTERNAL, "cannot write the JSON report");
	return 0;
}

json_t *as_report_trackers_json(const as_tracker_stats *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "files", json_integer((json_int_t)s->files));
	json_object_set_new(o, "records", json_integer((json_int_t)s->records));
	json_object_set_new(o, "assignments", json_integer((json_int_t)s->assignments));
	json_object_set_new(o, "cancelled", json_integer((json_int_t)s->cancelled));
	json_object_set_new(o, "outside_window", json_integer((json_int_t)s->outside_window));
	json_object_set_new(o, "unmatched", json_integer((json_int_t)s->unmatched));
	json_object_set_new(o, "bots", json_integer((json_int_t)s->bots));
	json_t *names = json_array();
	for (size_t i = 0; i < as_tracker_stats_nnames(s); i++) {
		uint64_t count;
		const char *name = as_tracker_stats_name(s, i, &count);
		json_t *n = json_object();
		json_object_set_new(n, "name", as_json_text(name));
		json_object_set_new(n, "count", json_integer((json_int_t)count));
		json_array_append_new(names, n);
	}
	json_object_set_new(o, "unmatched_names", names);
	return o;
}
