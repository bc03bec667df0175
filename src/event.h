#ifndef AS_EVENT_H
#define AS_EVENT_H
/*
 * The one currency every source yields (SPEC §2): commits, tracker files
 * and tracker exports all become as_event values; classification fills in
 * the parties and the relation; findings and metrics are made from events
 * only. An event owns its strings; as_event_clear() resets it for reuse.
 */
#include <stdint.h>

#include "config/names.h"
#include "util/buf.h"

/* A finding antisilo makes itself about a place it could not check (a
 * bound was hit): its id ("antisilo:max-tracker-file-bytes") and what to
 * do about it. */
typedef struct {
	const char *id;
	const char *explain;
} as_notice;

typedef struct {
	as_event_kind kind;
	as_origin origin;
	const struct as_rule *rule;  /* the rule that detected it; NULL for built-in detectors */
	int weak;             /* a weaker signal: severity capped at warning */

	/* The parties as written; empty text means "the author". */
	as_buf actor_text;
	as_buf subject_text;
	/* The actor named by role ("my manager", "mon N+1"): 1 the author's
	 * direct manager, 2 the one above; classification resolves it through
	 * the org chart (actor_text is then only what was written). */
	int actor_role;
	/* Filled by as_classify(): person indexes (-1 unknown) and relation. */
	int actor, subject;
	as_relation relation;
	/* A subject that is a team, not a person (a review requested from a
	 * team, the team a gate is over): subject_is_team says subject_text
	 * names it (a CODEOWNERS handle "@org/slug", or a slug); subject_team
	 * is its index, set by the source when it knows it or by
	 * classification. A gate's relation is its owner's to the team. */
	int subject_is_team;
	int subject_team;
	int bot;              /* a party is a bot: never a finding, counted apart */

	/* The place. */
	char commit[41];      /* "" for tracker exports */
	as_buf author;        /* "Name <email>" after .mailmap; "" when none */
	int author_person;    /* person index of the author, -1 */
	as_buf path;          /* tracker file or export file; "" when none */
	long line;            /* 0 when none */
	as_buf record;        /* export record id; "" when none */
	int64_t time;         /* when it happened (commit date, export time) */
	as_buf excerpt;       /* the text that shows it (sanitised on output) */
	as_buf title;         /* the commit's subject or the tracker item's title */
	const char *format;   /* the export format ("github-prs"), or NULL */
	/* What some kinds carry besides the parties, NUL-separated:
	 *   change (a pull request), approval  the paths it changes, whose
	 *                                      owning teams autonomy counts;
	 *   gate                               the CODEOWNERS line's owners. */
	as_buf items;
	size_t nitems;
	as_buf key;           /* review: its feedback key ("review:approved") */
	as_buf owner;         /* gate: the owner that makes it one (classify) */
	as_buf link;          /* where the forge shows it, relative to forge_url
			       * ("pull/12", "-/issues/3#note_7"), or "" */
	uint64_t seq;         /* position of the commit/record in the run */
	as_buf why;           /* what fired it, for the explanation ("Alice + asked + me") */
	/* "(cherry picked from commit X)": the event repeats the original's
	 * (X as written); it refers to it instead of being judged anew */
	char copy_of[41];
	int limit_hit;        /* the rule's pattern hit a PCRE2 bound here */
	const as_notice *notice; /* with limit_hit and no rule: antisilo could not
				  * check this place; the excerpt says why */
} as_event;

/* A reusable list of events: as_events_add() hands out a cleared slot and
 * keeps the memory of earlier rounds. */
typedef struct {
	as_event *items;
	size_t nr, alloc;
} as_events;

as_event *as_events_add(as_events *evs);
/* Keeps items[from..nr) for which keep[i - from] is set, in order (the
 * others keep their memory, for the next round). */
void as_events_compact(as_events *evs, size_t from, const unsigned char *keep);
void as_events_reset(as_events *evs);
void as_events_free(as_events *evs);

/*
 * Appends text as an excerpt: runs of white space become one space, and
 * past `max` bytes it is cut at a UTF-8 boundary with "…".
 */
void as_excerpt_append(as_buf *out, const char *s, size_t len, size_t max);

/* Appends an item (a path, an owner) to ev->items. */
void as_event_add_item(as_event *ev, const char *s, size_t len);
/* The next item after *pos (start at 0); NULL at the end. */
const char *as_event_next_item(const as_event *ev, size_t *pos, size_t *len);

void as_event_init(as_event *ev);
void as_event_clear(as_event *ev);
void as_event_free(as_event *ev);

#endif
