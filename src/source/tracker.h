#ifndef AS_TRACKER_H
#define AS_TRACKER_H
/*
 * Task trackers (SPEC §3 items 2 and 3): assignments written in tracker
 * files inside the repository, and assignments in tracker exports given
 * with `antisilo audit --tracker [FORMAT:]FILE`. Both become the same
 * `assignment` events that commits yield; as_classify() resolves the
 * parties ("@login" for GitHub, a display name or e-mail for Jira) through
 * the identities of [people].
 *
 * Which rule judges them: the built-in readers (Markdown forms, exports)
 * match no pattern of rules.ini, so a rule with `source = tracker` and no
 * `pattern` judges them: the first such rule whose `event` is the event's
 * kind, whose `relation` (if any) contains the event's relation and whose
 * `exclude` (if any) does not match the excerpt (as_tracker_pick_rule()).
 * Rules with `source = tracker` and a pattern are site-specific detectors,
 * run over each added line of a tracker file with as_detect_text().
 * An assignment that no rule fires on still counts in the metrics.
 */
#include <git2.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "config/config.h"
#include "detect/match.h"
#include "event.h"
#include "finding.h"
#include "metrics/metrics.h"
#include "source/commit.h"
#include "source/paths.h"

/* ---- tracker files in the repository -------------------------------- */

/*
 * Appends the tracker-file events of commit `c`: the assignments on the
 * lines that `c` adds, against its first parent, to the files that
 * `cfg->tracker_paths` selects (globs anchored at the top of the tree;
 * `**` spans directories, `*`, `?` and `[...]` stay inside one). A line
 * that a merge takes from another parent is not added by the merge; a
 * line that a hunk only edits (a task ticked off, reworded) without
 * changing its parties is not a new assignment. Files are read from git
 * objects, never the work tree; files with a NUL byte are skipped, and a
 * file larger than cfg->max_tracker_file_bytes (or whose previous version
 * is) is not read: one event with limit_hit and an ev->notice
 * ("antisilo:max-tracker-file-bytes") says so instead.
 *
 * The events are classified (as_classify) and carry their rule
 * (as_tracker_pick_rule, or the site rule that matched); each has the
 * commit, author, time, seq, path, line, excerpt (the line) and title
 * (the task's text). `m` runs the site rules (`source = tracker` with a
 * pattern). `repo` must be the calling thread's own.
 *
 * `paths`, when not NULL, are the paths `c` changed against its first
 * parent (as_paths_commit, computed by the pipeline anyway): the tracker
 * files are then picked from them, with no tree read at all. Without it
 * (the hook, --no-paths) and for merges, a commit that touches no tracker
 * file costs one comparison of subtree ids per glob along its fixed
 * prefix (`docs/sprints` for the glob docs/sprints/ ** / *.md, spaces
 * added here), nothing more.
 *
 * Returns 0, or AS_EINTERNAL when an object cannot be read.
 */
int as_tracker_commit(as_events *out, git_repository *repo, const as_config *cfg,
		      as_matcher *m, const as_commit *c, const as_paths *paths,
		      uint64_t seq);

/*
 * Does `path` match one of the tracker globs? (Exposed for `antisilo
 * owners`-style tooling and tests.)
 */
int as_tracker_path_match(const as_config *cfg, const char *path);

/*
 * The Markdown reader: appends an event per assignment on the lines of
 * `text` (a whole tracker file) for which want[lineno] is set (1-based;
 * lines past `nwant` are not wanted; want == NULL: every line). The rest
 * of the file gives context only: front matter, the table a row belongs
 * to, the heading above an `Owner:` line, code fences. Forms read:
 *   - [ ] task @bob                 task list items; @mentions are owners
 *   Owner: @bob / Assignee: bob / Assigned to: Bob Stone   (also **Owner:**,
 *       inside a task or a heading, several owners separated by , & and)
 *   (assigned by @alice), requested by @alice, delegated by Alice Liddell
 *   | Task | Owner | Assigned by |  tables with an owner column
 *   front matter: assignee:, assignees: (scalar, [a, b] or - items),
 *       owner:, owners:, assigned_by:
 * Events have kind assignment, origin tracker-file, no rule, the parties
 * as written (empty actor_text: the commit's author; "me" as an owner:
 * the author), line, excerpt and title.
 */
void as_tracker_md_scan(as_events *out, const char *text, size_t len,
			const unsigned char *want, size_t nwant);

/*
 * Sets ev->rule to the first rule with `source = tracker`, no pattern,
 * `event` = ev->kind, a `relation` that contains ev->relation (or none)
 * and an `exclude` that does not match the excerpt. Leaves ev->rule alone
 * when it is already set (a site rule found it). Call after as_classify().
 */
void as_tracker_pick_rule(const as_config *cfg, as_matcher *m, as_event *ev);

/* ---- tracker exports ---------------------------------------------------- */

/* One parsed export file: its assignments in compact form. */
typedef struct as_tracker_export as_tracker_export;

/* Names (logins, display names) that no person of the org chart has. */
typedef struct {
	char *name;           /* as first written: "@zed", "Jane Roe" */
	uint64_t count;       /* assignments naming it */
} as_tracker_name;

typedef struct as_tracker_stats {
	uint64_t files;          /* exports read */
	uint64_t records;        /* records read: events, issues, CSV rows */
	uint64_t assignments;    /* assignments counted (in the window, not cancelled) */
	uint64_t cancelled;      /* "assigned" later undone by "unassigned" */
	uint64_t outside_window; /* assignments outside --since/--until */
	uint64_t unmatched;      /* assignments with a party no person has */
	as_tracker_name *names;  /* the parties no person has, most named first */
	size_t nnames, names_alloc;
	/* private: index of names (lower-cased) */
	size_t *slots_;
	size_t nslots_;
} as_tracker_stats;

/*
 * Reads one export: `spec` is FILE or FORMAT:FILE with FORMAT one of
 * github-events, github-issues, jira-csv (detected from the content when
 * not given). The whole file is parsed and checked before anything is
 * returned: on error returns AS_EINPUT (a malformed or unrecognised file:
 * "FILE: record N (byte B): what", "FILE: line N: what") or AS_EINTERNAL
 * (cannot read it), and *out is NULL.
 *
 * github-events: the array of GET /repos/{o}/{r}/issues/events, or the
 *   pages `gh api --paginate` writes one after the other. "assigned":
 *   who assigned is "assigner" when present (GitHub documents it as "the
 *   person who performed the assignment"; the per-issue endpoint has
 *   given the assignee as "actor"), else "actor"; an assignment that a
 *   later "unassigned" (same issue, same assignee) undoes is cancelled:
 *   it neither counts nor fires. Other events are read and ignored.
 * github-issues: `gh issue list --json number,title,author,assignees,...`:
 *   author -> each assignee, a weak signal (severity at most warning).
 * jira-csv: Jira's CSV export (Issue key, Summary, Reporter, Assignee,
 *   Created; other columns ignored; a repeated Assignee column gives one
 *   assignment per distinct name): reporter -> assignee, weak as well
 *   (the reporter is not necessarily who assigned).
 */
int as_tracker_export_load(as_tracker_export **out, const char *spec);
/* The same with a bound (0: none but the 2 GiB the format allows): a
 * larger file, or a stream that goes past it, is AS_EINPUT naming the file
 * and max_export_bytes. */
int as_tracker_export_load_max(as_tracker_export **out, const char *spec,
			       uint64_t max_bytes);
void as_tracker_export_free(as_tracker_export *x);
/* "github-events", "github-issues" or "jira-csv". */
const char *as_tracker_export_format(const as_tracker_export *x);
/* Records read, and the assignments it yields (cancelled ones included). */
uint64_t as_tracker_export_records(const as_tracker_export *x);
size_t as_tracker_export_count(const as_tracker_export *x);
/*
 * Fills `ev` (cleared first) with assignment `i`: kind, origin
 * tracker-export, weak, actor_text and subject_text ("@login" or the
 * name as written), path (the export file), record (event id, "#number"
 * or issue key), time, excerpt, title, seq. Returns 1 when it was
 * cancelled by a later unassignment (the event is filled all the same).
 */
int as_tracker_export_event(const as_tracker_export *x, size_t i, as_event *ev);

/*
 * Convenience: loads `spec` and appends every assignment that is not
 * cancelled to `out` (unclassified, no rule). `stats` (may be NULL)
 * gets files, records, assignments and cancelled added.
 */
int as_tracker_load(as_events *out, const char *spec, as_tracker_stats *stats);

/* ---- the exports of one audit --------------------------------------- */

typedef struct {
	as_tracker_export **items;
	size_t nr, alloc;
	as_tracker_stats stats;
} as_tracker_exports;

/*
 * Reads every --tracker argument, before the scan (a bad file stops the
 * run before any work): 0, or the error of the first bad file. Each file
 * may have at most `max_bytes` (max_export_bytes; 0: no bound).
 */
int as_tracker_exports_load(as_tracker_exports *x, const char *const *specs,
			    size_t n, uint64_t max_bytes);
/*
 * Classifies, judges and counts the assignments of every export into
 * `findings` and `metrics`, after the scan: findings get seq = base_seq +
 * the assignment's position, so they sort after the commits'. Assignments
 * whose time is known and outside [since, until] (0 = open) are skipped.
 * Fills x->stats (names sorted).
 */
void as_tracker_exports_judge(as_tracker_exports *x, const as_config *cfg,
			      int64_t since, int64_t until, uint64_t base_seq,
			      as_findings *findings, as_metrics *metrics);
void as_tracker_exports_free(as_tracker_exports *x);

/* ---- stats, for the reporters ----------------------------------------- */

/* Counts one classified assignment (assignments, unmatched, names). */
void as_tracker_stats_add(as_tracker_stats *s, const as_event *ev);
void as_tracker_stats_merge(as_tracker_stats *into, const as_tracker_stats *from);
/* Sorts the names: most named first, then by name. */
void as_tracker_stats_finish(as_tracker_stats *s);
void as_tracker_stats_free(as_tracker_stats *s);
/*
 * The text report's lines (nothing when no export was read):
 *   Tracker exports: 2 files, 1204 records, 57 assignments (3 cancelled
 *   by a later unassignment), 4 with a party the org chart does not know:
 *   @zed (3), Jane Roe (1)
 * Names are sanitised for a terminal; at most `max_names` are listed
 * (0: all), then "and N more".
 */
void as_tracker_stats_print(const as_tracker_stats *s, FILE *out, size_t max_names);
/* The same as a JSON object for the report document:
 *   {"files":2,"records":1204,"assignments":57,"cancelled":3,
 *    "outside_window":0,"unmatched":4,
 *    "unmatched_names":[{"name":"@zed","count":3},...]} */
json_t *as_tracker_stats_json(const as_tracker_stats *s);

#endif
