#ifndef AS_FINDING_H
#define AS_FINDING_H
/*
 * Findings: events that a rule fires on (SPEC §2, §6). A finding owns
 * copies of everything a reporter prints, so reporters need nothing else.
 */
#include <stdint.h>

#include "config/names.h"
#include "event.h"

typedef struct {
	char *rule;            /* rule id, or a built-in id ("antisilo:limit") */
	as_severity severity;
	as_event_kind event;
	as_relation relation;
	const char *actor;     /* person id (owned by the org chart) or NULL */
	const char *subject;
	char *actor_text;      /* the parties as written (in the excerpt), or */
	char *subject_text;    /* NULL: what privacy = team replaces by roles */
	char *author;          /* "Name <email>" or NULL */
	as_origin source;
	char commit[41];       /* "" when none */
	char *path;            /* NULL when none */
	long line;             /* 0 when none */
	char *record;          /* NULL when none */
	char *excerpt;
	char *explain;
	char *title;           /* commit subject / tracker item title, or NULL */
	char *link;            /* where the forge shows it, relative to
				* forge_url ("pull/12"), or NULL (event.h) */
	char *owner;           /* gate: the CODEOWNERS owner that makes it one */
	char fingerprint[41];
	int64_t time;
	uint64_t seq;          /* order of the commit/record in the run */
	uint32_t sub;          /* order inside it */
	int unchecked;         /* a bound was hit: the place was not fully
				* checked (the hook applies on_error) */
} as_finding;

typedef struct {
	as_finding *items;
	size_t nr, alloc;
} as_findings;

/* Appends a finding about event `ev` with its place and time copied
 * (author, commit, path, line, record, excerpt, title, time, seq) and
 * `sub`, its order among the events of its commit or record; the caller
 * fills in the rest, then as_finding_fingerprint(). */
as_finding *as_findings_add_event(as_findings *out, const as_event *ev, uint32_t sub);
/* A stable id: rule, place and excerpt; not the date, not the run. */
void as_finding_fingerprint(as_finding *f);

/* Appends a finding made by antisilo itself (a bound, an unreadable file),
 * marked unchecked; returns it (to add a title or an author). */
as_finding *as_findings_add_notice(as_findings *out, const char *id, as_severity sev,
				   const char *commit, const char *excerpt,
				   const char *explain, uint64_t seq);
/* How many findings are marked unchecked. */
size_t as_findings_unchecked(const as_findings *f);

/* Moves every finding of `from` to the end of `into`. */
void as_findings_move(as_findings *into, as_findings *from);
/* Sorts by (seq, sub): the order of the walk, stable across --jobs. */
void as_findings_sort(as_findings *f);
/* Drops findings whose fingerprint is in `fingerprints` (sorted array). */
void as_findings_filter(as_findings *f, char **fingerprints, size_t n);
/* Highest severity present, 0 when empty. */
as_severity as_findings_max_severity(const as_findings *f);
void as_findings_free(as_findings *f);

#endif
