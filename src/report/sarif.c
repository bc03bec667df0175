/*
 * SARIF 2.1.0 report, shaped for GitHub code scanning: one run of the tool
 * "antisilo" that lists every rule in force (with its explanation as help)
 * and one result per finding that GitHub can place in a file.
 *
 * Locations. GitHub requires every result to have a location with a
 * physical location and an artifact URI ("At least one location is
 * required for code scanning to display a result"; a result without one
 * fails the whole upload: "locationFromSarifResult: expected at least one
 * location"), and it shows a result only in a file that exists in the
 * repository at the commit the analysis is uploaded for (docs.github.com,
 * "SARIF support for code scanning": result object, physicalLocation
 * object). So every URI here is a file of the audited commit (source/
 * artifacts.h: a blob, not a symlink nor a submodule, of the tip's tree):
 *   - a tracker-file finding points at its file and line while that file
 *     is still there;
 *   - a commit finding (subject, body, trailer, paths), or a tracker-file
 *     finding whose file is gone, points at the first file the commit
 *     changed (against its first parent) that is still there, line 1; the
 *     message names the commit, and partialFingerprints and properties
 *     carry it;
 *   - a finding with no such file is left out: every tracker-export
 *     finding (the export is not a file of the repository), and commits
 *     that changed nothing still there (an empty commit, files deleted
 *     since). The run's properties count them ("resultsLeftOut") and a
 *     tool notification says so: the JSON report has them all.
 * Carrying such findings without a physical location is not an option:
 * GitHub rejects the upload. Without a repository at hand (a document
 * read back from a file, test-tool render) only tracker-file findings are
 * placed, at the file the document names.
 *
 * The commit (and an export's record) is given again as a logical
 * location of kind "commit" (or "record"): SARIF §3.33.7 allows a kind of
 * one's own when none of its list fits, and GitHub ignores logical
 * locations.
 *
 * GitHub keeps an alert across runs by its partialFingerprints; a result
 * carries the finding's fingerprint both as "antisiloFingerprint/v1" and as
 * "primaryLocationLineHash", the one GitHub matches on (the upload action
 * would otherwise hash line 1 of the file, which has nothing to do with
 * the finding).
 *
 * GitHub rejects a run of more than 25,000 results; past that, the most
 * severe findings are kept and a tool notification says how many were
 * left out. tool.driver.informationUri is a string (ANTISILO_URL) or
 * absent, never null.
 */
#include <stdlib.h>
#include <string.h>

#include "report/render.h"
#include "source/artifacts.h"
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

/* Why a finding has no place in a SARIF file (the run's properties count
 * each reason). */
enum { PLACED, LEFT_EXPORT, LEFT_NO_FILE, LEFT_NO_REPOSITORY, LEFT__COUNT };
static const char *const left_names[LEFT__COUNT] = {
	NULL, "trackerExport", "noFileAtCommit", "noRepository",
};

/*
 * The file and line where GitHub shows a finding (see the top of this
 * file): fills `uri`/`line` and returns PLACED, or says why there is none.
 */
static int place(json_t *f, as_artifacts *a, as_buf *file, json_int_t *line)
{
	const char *commit = jstr(f, "commit"), *path = jstr(f, "path");
	const char *source = jstr(f, "source");
	json_int_t l = json_integer_value(json_object_get(f, "line"));

	as_buf_clear(file);
	if (source && !strcmp(source, "tracker-export"))
		return LEFT_EXPORT;
	if (path && *path && l > 0 && (!a || as_artifacts_has(a, path))) {
		as_buf_puts(file, path);
		*line = l;
		return PLACED;
	}
	if (!a)
		return LEFT_NO_REPOSITORY;
	if (commit && *commit && as_artifacts_commit_file(a, commit, file)) {
		*line = 1;
		return PLACED;
	}
	return LEFT_NO_FILE;
}

static json_t *location(json_t *f, const char *file, json_int_t line)
{
	const char *commit = jstr(f, "commit"), *record = jstr(f, "record");
	as_buf uri = AS_BUF_INIT;

	put_uri_path(&uri, file);
	json_t *loc = json_object();
	json_object_set_new(loc, "physicalLocation",
		json_pack("{s:{s:s,s:s},s:{s:I}}",
			  "artifactLocation", "uri", as_buf_cstr(&uri), "uriBaseId", "%SRCROOT%",
			  "region", "startLine", line));
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

static json_t *result(json_t *f, const rule_list *rl, const char *file, json_int_t line)
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
	json_array_append_new(locs, location(f, file, line));
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

	/* Where each finding goes, or why it has none. */
	size_t left[LEFT__COUNT] = { 0 }, placed = 0;
	as_buf *files = as_xcalloc(total ? total : 1, sizeof(*files));
	json_int_t *lines = as_xcalloc(total ? total : 1, sizeof(*lines));
	int *why = as_xcalloc(total ? total : 1, sizeof(*why));
	json_array_foreach(findings, i, f) {
		why[i] = place(f, ctx->artifacts, &files[i], &lines[i]);
		left[why[i]]++;
		placed += why[i] == PLACED;
	}

	json_t *results = json_array();
	/* past GitHub's limit, the most severe first, each severity in the
	 * order of the walk */
	int by_rank = placed > MAX_RESULTS;
	for (int rank = by_rank ? 3 : 0; rank >= by_rank && kept < MAX_RESULTS; rank--) {
		json_array_foreach(findings, i, f) {
			if (kept == MAX_RESULTS)
				break;
			if (why[i] != PLACED || (rank && severity_rank(jstr(f, "severity")) != rank))
				continue;
			json_array_append_new(results, result(f, &rl, as_buf_cstr(&files[i]), lines[i]));
			kept++;
		}
	}
	for (i = 0; i < total; i++)
		as_buf_free(&files[i]);
	free(files);
	free(lines);
	free(why);

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
	json_t *notes = json_array();
	if (placed < total) {
		as_buf b = AS_BUF_INIT;
		as_buf_printf(&b, "%zu of %zu findings are not in this file: code scanning shows a "
			      "result only in a file of the repository at the audited commit, and ",
			      total - placed, total);
		static const char *const reasons[LEFT__COUNT] = {
			NULL, "come from tracker exports",
			"are in commits that changed no file still there",
			"could not be placed without the repository",
		};
		const char *sep = "";
		for (int k = PLACED + 1; k < LEFT__COUNT; k++) {
			if (!left[k])
				continue;
			as_buf_printf(&b, "%s%zu %s", sep, left[k], reasons[k]);
			sep = ", ";
		}
		as_buf_puts(&b, ". The JSON report (--format json) has them all.");
		json_array_append_new(notes, json_pack("{s:s,s:{s:s}}", "level", "note",
						       "message", "text", as_buf_cstr(&b)));
		as_buf_free(&b);
	}
	if (kept < placed) {
		as_buf b = AS_BUF_INIT;
		as_buf_printf(&b, "%zu of %zu findings were left out: GitHub code scanning rejects "
			      "a run of more than %d results. The most severe are kept; "
			      "the JSON report (--format json) has them all.",
			      placed - kept, placed, MAX_RESULTS);
		json_array_append_new(notes, json_pack("{s:s,s:{s:s}}", "level", "warning",
						       "message", "text", as_buf_cstr(&b)));
		as_buf_free(&b);
	}
	if (json_array_size(notes))
		json_object_set_new(invocation, "toolExecutionNotifications", notes);
	else
		json_decref(notes);
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
	json_t *out_counts = json_object();
	for (int k = PLACED + 1; k < LEFT__COUNT; k++)
		if (left[k])
			json_object_set_new(out_counts, left_names[k], json_integer((json_int_t)left[k]));
	if (kept < placed)
		json_object_set_new(out_counts, "overResultLimit", json_integer((json_int_t)(placed - kept)));
	json_object_set_new(props, "findings", json_integer((json_int_t)total));
	json_object_set_new(props, "resultsLeftOut", out_counts);
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
