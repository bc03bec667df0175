/*
 * The report document (SPEC §6, docs/report.md) built with jansson, and
 * the JSON reporter that writes it. The other formats (text, jsonl,
 * sarif, html) render this same document, so every format carries the
 * same content — and under privacy = team, every format names no one,
 * because the one document they draw names no one.
 */
#include "report/report.h"

#include <jansson.h>
#include <string.h>

#include "report/forge.h"
#include "report/json.h"
#include "report/metrics_json.h"
#include "report/privacy.h"
#include "util/clock.h"
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

/* "2024-01-03T12:00:00Z"; null for no time. */
json_t *as_report_date_json(int64_t t)
{
	char when[32];
	if (t <= 0)
		return json_null();
	as_time_iso(when, sizeof(when), t);
	return json_string(when);
}

/* The teams of a person, by id; null when the org chart does not know
 * them (a person in no team has none: []). */
static json_t *teams_of(const as_org *org, const char *id)
{
	int p = id ? as_org_find_person(org, id) : -1;
	if (p < 0)
		return json_null();
	json_t *a = json_array();
	for (size_t i = 0; i < org->people[p].nteams; i++)
		json_array_append_new(a, json_string(org->teams[org->people[p].teams[i]].id));
	return a;
}

/* commit_url with the commit id where {sha} is. */
static json_t *commit_link(const char *url, const char *commit)
{
	if (!url || !commit[0])
		return json_null();
	as_buf b = AS_BUF_INIT;
	for (const char *p = url; *p;) {
		const char *at = strstr(p, "{sha}");
		if (!at) {
			as_buf_puts(&b, p);
			break;
		}
		as_buf_put(&b, p, (size_t)(at - p));
		as_buf_puts(&b, commit);
		p = at + 5;
	}
	json_t *j = as_json_text(as_buf_cstr(&b));
	as_buf_free(&b);
	return j;
}

json_t *as_report_finding_json(const as_finding *f, const as_finding_ctx *ctx)
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
	json_object_set_new(o, "date", as_report_date_json(f->time));
	json_object_set_new(o, "title", as_json_text(f->title));
	json_object_set_new(o, "url", commit_link(ctx->commit_url, f->commit));
	/* where the forge shows it (a pull request, a note, a CODEOWNERS
	 * line) says more than the commit; the owner that makes a gate */
	as_buf url = AS_BUF_INIT;
	if (as_report_forge_url(&url, ctx->forge_url, f))
		json_object_set_new(o, "url", as_json_text(url.ptr));
	as_buf_free(&url);
	if (f->owner)
		json_object_set_new(o, "owner", ctx->privacy ? json_null() : as_json_text(f->owner));
	json_object_set_new(o, "actor_teams", teams_of(ctx->org, f->actor));
	json_object_set_new(o, "subject_teams", teams_of(ctx->org, f->subject));
	if (ctx->privacy)
		as_privacy_finding(ctx->privacy, o, f);
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

/* The audited period: what --since and --until said, and the dates of
 * the oldest and newest commit scanned. */
static json_t *period_json(const as_report *r)
{
	const as_metrics *m = &r->results->metrics;
	json_t *o = json_object();
	json_object_set_new(o, "since", as_report_date_json(r->since));
	json_object_set_new(o, "until", as_report_date_json(r->until));
	json_object_set_new(o, "first_commit", as_report_date_json(m->first_time));
	json_object_set_new(o, "last_commit", as_report_date_json(m->last_time));
	return o;
}

/* --compare-previous: what the previous period of the same length held
 * (the assignments only: that is what the trend compares). */
static json_t *previous_json(const as_report *r)
{
	if (!r->compare_previous)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "since", as_report_date_json(r->previous ? r->previous_since : 0));
	json_object_set_new(o, "until", as_report_date_json(r->previous ? r->previous_until : 0));
	if (!r->previous) {
		json_object_set_new(o, "commits_scanned", json_null());
		json_object_set_new(o, "reason", json_string(
			"the audit starts at the first commit, so there is no period before it: "
			"give --since to compare with the period of the same length before that date"));
		return o;
	}
	const as_metrics *m = &r->previous->metrics;
	json_object_set_new(o, "commits_scanned", json_integer((json_int_t)r->previous->commits));
	json_object_set_new(o, "reason", json_null());
	json_object_set_new(o, "assignments", by_relation(m->assignments));
	json_object_set_new(o, "assignments_by_team", as_metrics_by_team_json(m));
	json_object_set_new(o, "assignments_by_manager", as_metrics_by_manager_json(m));
	return o;
}

static json_t *privacy_json(const as_report *r, const as_privacy *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "mode", json_string(as_privacy_names[r->privacy]));
	if (p) {
		json_object_set_new(o, "min_group_size", json_integer((json_int_t)as_privacy_min_group(p)));
		json_object_set_new(o, "merged_teams", json_integer((json_int_t)as_privacy_merged_teams(p)));
	}
	return o;
}

/* The rules file: its path, or under privacy = team only its name (a
 * home directory names its owner). */
static json_t *rules_json(const as_report *r)
{
	const char *path = r->cfg->path;
	if (path && r->privacy == AS_PRIVACY_TEAM && strrchr(path, '/'))
		path = strrchr(path, '/') + 1;
	return as_json_text(path);
}

/* An organisation's audit: which repository of the list, and how its
 * audit ended ("clean", "fail": findings at or above --fail-on; "error":
 * it could not be audited, `error` says why). */
static void label_json(json_t *root, const as_report *r, const char *error)
{
	if (!r->label)
		return;
	json_object_set_new(root, "repo", as_json_text(r->label));
	json_object_set_new(root, "status", json_string(error ? "error" : r->exit_code ? "fail"
							    : "clean"));
	json_object_set_new(root, "exit_code", json_integer(r->exit_code));
	json_object_set_new(root, "error", as_json_text(error));
}

json_t *as_report_failed_document(const as_report *r, const char *error)
{
	json_t *root = json_object();
	json_t *tool = json_object();

	json_object_set_new(tool, "name", json_string("antisilo"));
	json_object_set_new(tool, "version", json_string(ANTISILO_VERSION));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(root, "repository", as_json_text(r->repository));
	label_json(root, r, error ? error : "failed");
	json_t *range = json_array();
	for (size_t i = 0; i < r->nrange; i++)
		json_array_append_new(range, as_json_text(r->range[i]));
	json_object_set_new(root, "range", range);
	json_object_set_new(root, "rules", rules_json(r));
	json_object_set_new(root, "commits_scanned", json_null());
	json_t *privacy = json_object();
	json_object_set_new(privacy, "mode", json_string(as_privacy_names[r->privacy]));
	json_object_set_new(root, "privacy", privacy);
	json_t *period = json_object();
	json_object_set_new(period, "since", as_report_date_json(r->since));
	json_object_set_new(period, "until", as_report_date_json(r->until));
	json_object_set_new(root, "period", period);
	json_object_set_new(root, "findings", json_array());
	return root;
}

json_t *as_report_document(const as_report *r)
{
	const as_metrics *m = &r->results->metrics;
	as_privacy *priv = r->privacy == AS_PRIVACY_TEAM
		? as_privacy_new(&r->cfg->org, r->cfg->min_group_size, m) : NULL;
	as_finding_ctx fctx = { .org = &r->cfg->org, .commit_url = r->cfg->commit_url,
				.forge_url = r->cfg->forge_url, .privacy = priv };
	json_t *root = json_object();
	json_t *tool = json_object();

	json_object_set_new(tool, "name", json_string("antisilo"));
	json_object_set_new(tool, "version", json_string(ANTISILO_VERSION));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(root, "repository", as_json_text(r->repository));
	label_json(root, r, NULL);
	json_t *range = json_array();
	for (size_t i = 0; i < r->nrange; i++)
		json_array_append_new(range, as_json_text(r->range[i]));
	json_object_set_new(root, "range", range);
	json_object_set_new(root, "rules", rules_json(r));
	json_object_set_new(root, "commits_scanned", json_integer((json_int_t)r->results->commits));
	json_object_set_new(root, "privacy", privacy_json(r, priv));
	json_object_set_new(root, "period", period_json(r));
	json_object_set_new(root, "previous_period", previous_json(r));
	if (r->results->nnotes) {
		json_t *notes = json_array();
		for (size_t i = 0; i < r->results->nnotes; i++)
			json_array_append_new(notes, as_json_text(r->results->notes[i]));
		json_object_set_new(root, "notes", notes);
	}
	json_t *findings = json_array();
	for (size_t i = 0; i < r->results->findings.nr; i++)
		json_array_append_new(findings, as_report_finding_json(&r->results->findings.items[i],
								       &fctx));
	json_object_set_new(root, "findings", findings);
	json_t *metrics = as_report_metrics_json(m);
	if (m->trackers.files)
		json_object_set_new(metrics, "trackers", as_report_trackers_json(&m->trackers));
	json_object_set_new(metrics, "managers",
			    as_managers_json(m, &r->cfg->org, priv, r->since, r->until));
	json_object_set_new(metrics, "unknown_authors", as_unknown_authors_json(m, priv));
	json_object_set_new(root, "metrics", metrics);
	if (priv) {
		as_privacy_metrics(priv, metrics);
		as_privacy_metrics(priv, json_object_get(root, "previous_period"));
	}
	/* From the document as it now is: under privacy, by groups. */
	json_object_set_new(metrics, "top_down", as_top_down_json(root));
	if (priv)
		as_privacy_sweep(priv, root);
	as_privacy_free(priv);
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
