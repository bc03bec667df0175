/*
 * SARIF 2.1.0 report, shaped for GitHub code scanning: one run of the tool
 * "antisilo" that lists every rule in force (with its explanation as help)
 * and one result per finding.
 *
 * Locations. GitHub rejects a whole upload when any result lacks a
 * physical location with an artifact URI ("locationFromSarifResult:
 * expected at least one location", "expected a physical location"), and a
 * logical location alone does not count. So every result has one:
 *   - a tracker-file finding points at its file and line, as it is;
 *   - a tracker-export finding points at the export file (relative to the
 *     repository when it lies inside it, else its base name), line 1;
 *   - a commit finding (subject, body, trailer, paths) points at the
 *     pseudo-file COMMIT_MSG/<commit id>, line 1. The name follows Gerrit,
 *     which shows a commit's message as the file /COMMIT_MSG; no such file
 *     exists in the tree, so GitHub shows the alert without a code
 *     snippet, as it does for OpenSSF Scorecard's repository-level alerts.
 * The commit (and an export's record) is given again as a logical
 * location of kind "commit" (or "record"): SARIF §3.33.7 allows a kind of
 * one's own when none of its list (function, module, resource...) fits, and
 * GitHub ignores logical locations.
 *
 * GitHub keeps an alert across runs by its partialFingerprints; a result
 * carries the finding's fingerprint both as "antisiloFingerprint/v1" and as
 * "primaryLocationLineHash", the one GitHub matches on (the upload action
 * would otherwise hash the lines of a file that does not exist).
 *
 * GitHub rejects a run of more than 25,000 results; past that, the most
 * severe findings are kept and a tool notification says how many were
 * left out.
 */
#include <stdlib.h>
#include <string.h>

#include "report/render.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define MAX_RESULTS 25000
#define MAX_DESCRIPTION 1000   /* GitHub shows descriptions up to 1024 */
#define MAX_EXCERPT 300

typedef struct {
	char *id;
	const char *severity;  /* static */
	json_t *descriptor;
} rule_entry;

typedef struct {
	rule_entry *items;
	size_t nr, alloc;
} rule_list;

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static json_t *text_obj(const char *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "text", json_string(s));
	return o;
}

/* Cuts a valid UTF-8 string to at most `max` bytes, on a character
 * boundary, marking the cut with an ellipsis. */
static void cut_utf8(as_buf *b, size_t max)
{
	if (b->len <= max)
		return;
	size_t n = max - 3;
	while (n > 0 && ((unsigned char)b->ptr[n] & 0xC0) == 0x80)
		n--;
	as_buf_truncate(b, n);
	as_buf_puts(b, "\xE2\x80\xA6");
}

/* Text people wrote, for display: controls and bidi controls shown
 * escaped, as on a terminal. */
static void put_display(as_buf *b, const char *s)
{
	as_sanitize_str(b, s, AS_SAN_TERMINAL);
}

static const char *level_of(const char *severity)
{
	if (severity && !strcmp(severity, "error"))
		return "error";
	if (severity && !strcmp(severity, "warning"))
		return "warning";
	return "note";
}

static int severity_rank(const char *severity)
{
	if (severity && !strcmp(severity, "error"))
		return 3;
	if (severity && !strcmp(severity, "warning"))
		return 2;
	return 1;
}

static const char *event_label(const char *event)
{
	static const char *const names[][2] = {
		{ "assignment", "Task assignment" },
		{ "approval", "Approval" },
		{ "review", "Review" },
		{ "coauthor", "Co-authorship" },
		{ "change", "Change" },
		{ "context", "Private-channel context" },
	};
	for (size_t i = 0; event && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(event, names[i][0]))
			return names[i][1];
	return "Finding";
}

static const char *source_label(const char *source)
{
	static const char *const names[][2] = {
		{ "subject", "commit subjects" },
		{ "body", "commit message bodies" },
		{ "message", "commit messages" },
		{ "trailer", "commit trailers" },
		{ "tracker", "task trackers" },
		{ "tracker-file", "tracker files" },
		{ "tracker-export", "tracker exports" },
		{ "path", "changed paths" },
		{ "codeowners", "CODEOWNERS history" },
	};
	for (size_t i = 0; source && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(source, names[i][0]))
			return names[i][1];
	return NULL;
}

/* "assigned-by-trailer" -> "AssignedByTrailer" */
static void pascal_case(as_buf *b, const char *id)
{
	int up = 1;
	for (const char *p = id; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
			up = 1;
			continue;
		}
		as_buf_putc(b, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
		up = 0;
	}
	if (!b->len)
		as_buf_puts(b, "Rule");
}

/* A Markdown code span in a table cell: no backticks, no line breaks,
 * pipes escaped (GitHub's tables split cells at them, even in code). */
static void put_code(as_buf *b, const char *s)
{
	as_buf_putc(b, '`');
	for (; *s; s++) {
		if (*s == '|')
			as_buf_puts(b, "\\|");
		else
			as_buf_putc(b, *s == '`' || *s == '\n' || *s == '\r' ? '\'' : *s);
	}
	as_buf_putc(b, '`');
}

/* The reportingDescriptor of a rule. relations: "manager, skip-level" or
 * NULL (any); file/line: where it is defined, or NULL/0. */
static json_t *descriptor(const char *id, const char *severity, const char *event,
			  const char *source, const char *relations, const char *explain,
			  const char *file, int line)
{
	json_t *d = json_object();
	as_buf b = AS_BUF_INIT;
	const char *where = source_label(source);

	json_object_set_new(d, "id", json_string(id));
	pascal_case(&b, id);
	json_object_set_new(d, "name", json_string(as_buf_cstr(&b)));

	as_buf_clear(&b);
	as_buf_puts(&b, event_label(event));
	if (relations && *relations)
		as_buf_printf(&b, " (%s)", relations);
	if (where)
		as_buf_printf(&b, " in %s", where);
	cut_utf8(&b, MAX_DESCRIPTION);
	json_object_set_new(d, "shortDescription", text_obj(as_buf_cstr(&b)));

	as_buf short_text = AS_BUF_INIT;
	as_buf_puts(&short_text, as_buf_cstr(&b));
	if (!explain || !*explain)
		explain = as_buf_cstr(&short_text);
	as_buf_clear(&b);
	as_buf_puts(&b, explain);
	cut_utf8(&b, MAX_DESCRIPTION);
	json_object_set_new(d, "fullDescription", text_obj(as_buf_cstr(&b)));
	json_object_set_new(d, "defaultConfiguration", json_pack("{s:s}", "level", level_of(severity)));

	/* help: the explanation, then what the rule looks at */
	as_buf text = AS_BUF_INIT, md = AS_BUF_INIT;
	as_buf_printf(&text, "%s\n\nRule %s: %s.", explain, id, as_buf_cstr(&short_text));
	as_buf_printf(&text, " Severity: %s.", severity ? severity : "info");
	if (file)
		as_buf_printf(&text, " Defined in %s:%d.", file, line);
	as_buf_printf(&md, "%s\n\n", explain);
	as_buf_puts(&md, "| | |\n| --- | --- |\n| Rule | ");
	put_code(&md, id);
	if (event) {
		as_buf_puts(&md, " |\n| Event | ");
		put_code(&md, event);
	}
	if (source) {
		as_buf_puts(&md, " |\n| Looks at | ");
		put_code(&md, source);
	}
	if (relations) {
		as_buf_puts(&md, " |\n| Relations | ");
		put_code(&md, *relations ? relations : "any");
	}
	as_buf_puts(&md, " |\n| Severity | ");
	put_code(&md, severity ? severity : "info");
	if (file) {
		as_buf_puts(&md, " |\n| Defined in | ");
		as_buf tmp = AS_BUF_INIT;
		as_buf_printf(&tmp, "%s:%d", file, line);
		put_code(&md, as_buf_cstr(&tmp));
		as_buf_free(&tmp);
	}
	as_buf_puts(&md, " |\n");
	json_object_set_new(d, "help", json_pack("{s:s,s:s}", "text", as_buf_cstr(&text),
						 "markdown", as_buf_cstr(&md)));

	json_t *tags = json_array();
	json_array_append_new(tags, json_string("antisilo"));
	if (event)
		json_array_append_new(tags, json_string(event));
	json_object_set_new(d, "properties", json_pack("{s:o}", "tags", tags));

	as_buf_free(&text);
	as_buf_free(&md);
	as_buf_free(&short_text);
	as_buf_free(&b);
	return d;
}

static size_t rule_find(const rule_list *rl, const char *id)
{
	for (size_t i = 0; i < rl->nr; i++)
		if (!strcmp(rl->items[i].id, id))
			return i;
	return (size_t)-1;
}

static void rule_add(rule_list *rl, const char *id, const char *severity, json_t *d)
{
	AS_GROW(rl->items, rl->nr + 1, rl->alloc);
	rl->items[rl->nr].id = as_xstrdup(id);
	rl->items[rl->nr].severity = severity;
	rl->items[rl->nr].descriptor = d;
	rl->nr++;
}

static const char *severity_static(const char *s)
{
	return !s ? "info" : !strcmp(s, "error") ? "error" : !strcmp(s, "warning") ? "warning" : "info";
}

/* Every rule of the configuration, then any rule id that only the findings
 * name (antisilo's own notices, or no configuration at hand). With
 * `base_names` (privacy = team: a home directory names its owner), a
 * rule's file is given by its name only. */
static void collect_rules(rule_list *rl, const as_config *cfg, json_t *findings, int base_names)
{
	as_buf rels = AS_BUF_INIT, id = AS_BUF_INIT, explain = AS_BUF_INIT;
	size_t i;
	json_t *f;

	for (i = 0; cfg && i < cfg->nrules; i++) {
		const as_rule *r = &cfg->rules[i];
		as_buf_clear(&rels);
		as_buf_clear(&id);
		as_buf_clear(&explain);
		for (int k = 0; k < AS_REL__COUNT; k++)
			if (r->relations & (1u << k))
				as_buf_printf(&rels, "%s%s", rels.len ? ", " : "",
					      as_relation_name((as_relation)k));
		as_sanitize_str(&id, r->id, AS_SAN_UTF8);
		as_sanitize_str(&explain, r->explain, AS_SAN_UTF8);
		if (rule_find(rl, as_buf_cstr(&id)) != (size_t)-1)
			continue;
		const char *sev = severity_static(as_severity_name(r->severity));
		as_buf file = AS_BUF_INIT;
		const char *path = r->file && base_names && strrchr(r->file, '/') ? strrchr(r->file, '/') + 1
									       : r->file;
		as_sanitize_str(&file, path, AS_SAN_UTF8);
		rule_add(rl, as_buf_cstr(&id), sev,
			 descriptor(as_buf_cstr(&id), sev, as_event_kind_name(r->event),
				    as_source_name(r->source), as_buf_cstr(&rels),
				    as_buf_cstr(&explain), r->file ? as_buf_cstr(&file) : NULL,
				    r->line));
		as_buf_free(&file);
	}
	json_array_foreach(findings, i, f) {
		const char *rid = jstr(f, "rule");
		if (!rid || rule_find(rl, rid) != (size_t)-1)
			continue;
		const char *sev = severity_static(jstr(f, "severity"));
		rule_add(rl, rid, sev,
			 descriptor(rid, sev, jstr(f, "event"), jstr(f, "source"), NULL,
				    jstr(f, "explain"), NULL, 0));
	}
	as_buf_free(&rels);
	as_buf_free(&id);
	as_buf_free(&explain);
}

/* A relative URI reference for a path: RFC 3986 unreserved characters and
 * "/" as they are, every other byte percent-encoded (":" too, so that the
 * first segment never reads as a scheme). */
static void put_uri_path(as_buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			as_buf_putc(b, (char)*p);
		} else {
			as_buf_putc(b, '%');
			as_buf_putc(b, hex[*p >> 4]);
			as_buf_putc(b, hex[*p & 15]);
		}
	}
}

/* The path of an export file as GitHub can place it: relative to the
 * repository when inside it; an absolute path outside it becomes its
 * base name. */
static const char *repo_relative(const char *path, const char *repository)
{
	size_t n = repository ? strlen(repository) : 0;
	if (n && !strncmp(path, repository, n) && (repository[n - 1] == '/' || path[n] == '/'))
		return path + n + (repository[n - 1] != '/');
	if (path[0] == '/') {
		const char *slash = strrchr(path, '/');
		return slash[1] ? slash + 1 : path;
	}
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

static json_t *location(json_t *f, const char *repository)
{
	const char *commit = jstr(f, "commit"), *path = jstr(f, "path");
	const char *record = jstr(f, "record"), *source = jstr(f, "source");
	json_int_t line = json_integer_value(json_object_get(f, "line"));
	as_buf uri = AS_BUF_INIT;
	int export = source && !strcmp(source, "tracker-export");

	if (path && *path && (export || line > 0)) {
		put_uri_path(&uri, export ? repo_relative(path, repository) : path);
	} else if (commit && *commit) {
		as_buf_puts(&uri, "COMMIT_MSG/");
		put_uri_path(&uri, commit);
	} else if (path && *path) {
		put_uri_path(&uri, repo_relative(path, repository));
	} else {
		as_buf_puts(&uri, "COMMIT_MSG");
	}
	if (!uri.len)
		as_buf_puts(&uri, "COMMIT_MSG");

	json_t *loc = json_object();
	json_object_set_new(loc, "physicalLocation",
		json_pack("{s:{s:s,s:s},s:{s:I}}",
			  "artifactLocation", "uri", as_buf_cstr(&uri), "uriBaseId", "%SRCROOT%",
			  "region", "startLine", line > 0 ? line : (json_int_t)1));
	json_t *logical = json_array();
	if (commit && *commit)
		json_array_append_new(logical, json_pack("{s:s,s:s}", "name", commit, "kind", "commit"));
	if (record && *record)
		json_array_append_new(logical, json_pack("{s:s,s:s}", "name", record, "kind", "record"));
	if (json_array_size(logical))
		json_object_set_new(loc, "logicalLocations", logical);
	else
		json_decref(logical);
	as_buf_free(&uri);
	return loc;
}

/* What was found, in one paragraph: the event and its parties, the
 * excerpt, the place, what to do instead. */
static void message(as_buf *b, json_t *f)
{
	const char *event = jstr(f, "event"), *relation = jstr(f, "relation");
	const char *actor = jstr(f, "actor"), *subject = jstr(f, "subject");
	const char *commit = jstr(f, "commit"), *path = jstr(f, "path");
	const char *record = jstr(f, "record"), *author = jstr(f, "author");
	const char *excerpt = jstr(f, "excerpt"), *explain = jstr(f, "explain");
	json_int_t line = json_integer_value(json_object_get(f, "line"));
	int parties = event && (!strcmp(event, "assignment") || !strcmp(event, "approval"));

	as_buf_puts(b, event_label(event));
	if (parties || actor || subject) {
		as_buf_puts(b, " by ");
		put_display(b, actor ? actor : "a party the org chart does not know");
		as_buf_puts(b, " for ");
		put_display(b, subject ? subject : "a party the org chart does not know");
	}
	if (relation && parties)
		as_buf_printf(b, " (relation: %s)", relation);
	if (excerpt && *excerpt) {
		as_buf ex = AS_BUF_INIT;
		put_display(&ex, excerpt);
		cut_utf8(&ex, MAX_EXCERPT);
		as_buf_printf(b, ": \xE2\x80\x9C%s\xE2\x80\x9D", as_buf_cstr(&ex));
		as_buf_free(&ex);
	}
	if (path && *path) {
		as_buf_puts(b, " in ");
		put_display(b, path);
		if (line > 0)
			as_buf_printf(b, ":%lld", (long long)line);
	}
	if (record && *record) {
		as_buf_puts(b, " record ");
		put_display(b, record);
	}
	if (commit && *commit)
		as_buf_printf(b, " in commit %.12s", commit);
	if (author && *author) {
		as_buf_puts(b, " by ");
		put_display(b, author);
	}
	as_buf_putc(b, '.');
	if (explain && *explain) {
		as_buf_putc(b, ' ');
		put_display(b, explain);
	}
}

static json_t *result(json_t *f, const rule_list *rl, const char *repository)
{
	const char *rid = jstr(f, "rule"), *fp = jstr(f, "fingerprint");
	size_t idx = rid ? rule_find(rl, rid) : (size_t)-1;
	as_buf b = AS_BUF_INIT;
	json_t *r = json_object();
	static const char *const props[] = {
		"event", "relation", "actor", "subject", "author", "source",
		"commit", "path", "line", "record", "excerpt",
	};

	json_object_set_new(r, "ruleId", json_string(rid ? rid : "antisilo"));
	if (idx != (size_t)-1)
		json_object_set_new(r, "ruleIndex", json_integer((json_int_t)idx));
	json_object_set_new(r, "level", json_string(level_of(jstr(f, "severity"))));
	message(&b, f);
	json_object_set_new(r, "message", text_obj(as_buf_cstr(&b)));
	json_t *locs = json_array();
	json_array_append_new(locs, location(f, repository));
	json_object_set_new(r, "locations", locs);
	if (fp && *fp) {
		as_buf_clear(&b);
		as_buf_printf(&b, "%.16s:1", fp);
		json_object_set_new(r, "partialFingerprints",
			json_pack("{s:s,s:s}", "antisiloFingerprint/v1", fp,
				  "primaryLocationLineHash", as_buf_cstr(&b)));
	}
	json_t *p = json_object();
	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		json_t *v = json_object_get(f, props[i]);
		if (v && !json_is_null(v))
			json_object_set(p, props[i], v);
	}
	json_object_set_new(r, "properties", p);
	as_buf_free(&b);
	return r;
}

static void set_or_null(json_t *o, const char *key, json_t *v)
{
	json_object_set(o, key, v ? v : json_null());
}

/* "/srv/repo/" -> "file:///srv/repo/" (the base of the relative URIs). */
static json_t *srcroot(const char *repository)
{
	if (!repository || repository[0] != '/')
		return NULL;
	as_buf b = AS_BUF_INIT;
	as_buf_puts(&b, "file://");
	put_uri_path(&b, repository);
	if (b.ptr[b.len - 1] != '/')
		as_buf_putc(&b, '/');
	json_t *o = json_pack("{s:{s:s}}", "%SRCROOT%", "uri", as_buf_cstr(&b));
	as_buf_free(&b);
	return o;
}

int as_render_sarif(const json_t *doc, const as_render_ctx *ctx, FILE *out)
{
	json_t *findings = json_object_get(doc, "findings");
	json_t *metrics = json_object_get(doc, "metrics");
	json_t *tool = json_object_get(doc, "tool");
	/* the local directory the URIs are relative to: the audit's work
	 * tree, never the document's "repository" (a name or a URL) */
	const char *repository = ctx->root;
	const char *version = json_string_value(json_object_get(tool, "version"));
	rule_list rl = { 0 };
	char run_id[48], when[32];
	size_t total = json_array_size(findings), kept = 0, i;
	json_t *f;
	int rc;

	const char *mode = json_string_value(json_object_get(json_object_get(doc, "privacy"), "mode"));
	collect_rules(&rl, ctx->cfg, findings, mode && !strcmp(mode, "team"));
	as_render_run_id(run_id, sizeof(run_id), doc, ctx->time);
	as_render_time_iso(when, sizeof(when), ctx->time);

	json_t *results = json_array();
	if (total <= MAX_RESULTS) {
		json_array_foreach(findings, i, f)
			json_array_append_new(results, result(f, &rl, repository));
		kept = total;
	} else {
		/* the most severe first, each severity in the order of the walk */
		for (int rank = 3; rank >= 1 && kept < MAX_RESULTS; rank--) {
			json_array_foreach(findings, i, f) {
				if (kept == MAX_RESULTS)
					break;
				if (severity_rank(jstr(f, "severity")) != rank)
					continue;
				json_array_append_new(results, result(f, &rl, repository));
				kept++;
			}
		}
	}

	json_t *rules = json_array();
	for (i = 0; i < rl.nr; i++) {
		json_array_append_new(rules, rl.items[i].descriptor);
		free(rl.items[i].id);
	}
	free(rl.items);

	json_t *driver = json_object();
	json_object_set_new(driver, "name", json_string("antisilo"));
	json_object_set_new(driver, "fullName", json_string("antisilo: managers set context, not tasks"));
	if (version) {
		json_object_set_new(driver, "version", json_string(version));
		json_object_set_new(driver, "semanticVersion", json_string(version));
	}
#ifdef ANTISILO_URL
	/* The project page, when the build knows it (make CFLAGS=-DANTISILO_URL=...). */
	json_object_set_new(driver, "informationUri", json_string(ANTISILO_URL));
#endif
	json_object_set_new(driver, "rules", rules);

	json_t *invocation = json_pack("{s:b,s:s}", "executionSuccessful", 1, "endTimeUtc", when);
	if (kept < total) {
		as_buf b = AS_BUF_INIT;
		as_buf_printf(&b, "%zu of %zu findings were left out: GitHub code scanning rejects "
			      "a run of more than %d results. The most severe are kept; "
			      "the JSON report (--format json) has them all.",
			      total - kept, total, MAX_RESULTS);
		json_t *notes = json_array();
		json_array_append_new(notes, json_pack("{s:s,s:{s:s}}", "level", "warning",
						       "message", "text", as_buf_cstr(&b)));
		json_object_set_new(invocation, "toolExecutionNotifications", notes);
		as_buf_free(&b);
	}
	json_t *invocations = json_array();
	json_array_append_new(invocations, invocation);

	json_t *run = json_object();
	json_object_set_new(run, "tool", json_pack("{s:o}", "driver", driver));
	json_object_set_new(run, "invocations", invocations);
	{
		as_buf b = AS_BUF_INIT;
		as_buf_printf(&b, "antisilo/%s", run_id);
		json_object_set_new(run, "automationDetails", json_pack("{s:s}", "id", as_buf_cstr(&b)));
		as_buf_free(&b);
	}
	json_t *base = srcroot(repository);
	if (base)
		json_object_set_new(run, "originalUriBaseIds", base);
	json_object_set_new(run, "results", results);

	json_t *props = json_object();
	json_object_set_new(props, "run", json_string(run_id));
	set_or_null(props, "repository", json_object_get(doc, "repository"));
	set_or_null(props, "range", json_object_get(doc, "range"));
	set_or_null(props, "commitsScanned", json_object_get(doc, "commits_scanned"));
	if (json_object_get(doc, "notes"))
		json_object_set(props, "notes", json_object_get(doc, "notes"));
	set_or_null(props, "complianceScore",
		    json_object_get(json_object_get(metrics, "compliance"), "score"));
	json_object_set_new(props, "privacy", json_string(mode ? mode : "none"));
	json_object_set_new(run, "properties", props);

	json_t *root = json_object();
	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_t *runs = json_array();
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);

	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(root);
	if (rc != 0 || fputc('\n', out) == EOF || ferror(out))
		return as_error_set(AS_EINTERNAL, "cannot write the SARIF report");
	return 0;
}
