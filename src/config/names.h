#ifndef AS_NAMES_H
#define AS_NAMES_H
/*
 * The product's vocabulary: the enumerations that rules.ini, events,
 * findings and every report format share, and their names as SPEC §2,
 * §5 and §6 spell them. One table per enumeration, here and nowhere else:
 * the config parses with it, the reporters print with it.
 */
#include "util/buf.h"

typedef enum { AS_SEV_INFO = 1, AS_SEV_WARNING, AS_SEV_ERROR, AS_SEV_NEVER } as_severity;

/* Where a rule looks (rules.ini `source`). */
typedef enum {
	AS_SRC_SUBJECT,
	AS_SRC_BODY,
	AS_SRC_MESSAGE,
	AS_SRC_TRAILER,
	AS_SRC_TRACKER, /* tracker files and exports; events say which */
	AS_SRC_PATH,
	AS_SRC_CODEOWNERS, /* lines a commit adds to CODEOWNERS (gates) */
} as_source;

/* Where an event was found: a finding's "source" in the report. */
typedef enum {
	AS_ORIGIN_SUBJECT,
	AS_ORIGIN_BODY,
	AS_ORIGIN_MESSAGE,
	AS_ORIGIN_TRAILER,
	AS_ORIGIN_TRACKER_FILE,
	AS_ORIGIN_TRACKER_EXPORT,
	AS_ORIGIN_PATH,
	AS_ORIGIN_CODEOWNERS,  /* a line a commit added to CODEOWNERS */
} as_origin;

typedef enum {
	AS_EV_ASSIGNMENT,
	AS_EV_APPROVAL,
	AS_EV_REVIEW,
	AS_EV_COAUTHOR,
	AS_EV_CHANGE,
	AS_EV_CONTEXT,
	AS_EV_REVIEW_REQUEST, /* someone asked someone (or a team) to review */
	AS_EV_GATE,           /* a CODEOWNERS line made an outsider or a manager
			       * the required approver of a team's paths */
	AS_EV__COUNT
} as_event_kind;

/* From the actor to the subject, by the org chart (SPEC §2). */
typedef enum {
	AS_REL_SELF,
	AS_REL_PEER,       /* same team, not in each other's manager chain */
	AS_REL_MANAGER,    /* actor is the subject's direct manager */
	AS_REL_SKIP_LEVEL, /* actor is higher up the subject's manager chain */
	AS_REL_REPORT,     /* upwards: subject is in the actor's manager chain */
	AS_REL_CROSS_TEAM, /* both known, no team in common */
	AS_REL_UNKNOWN,    /* a party the org chart does not know */
	AS_REL__COUNT
} as_relation;

/*
 * The regions of a commit message (source/message.h): what a rule may
 * read (rules.ini `regions`). Only the subject and prose paragraphs are
 * the author's own words.
 */
typedef enum {
	AS_REGION_SUBJECT,      /* the first paragraph */
	AS_REGION_PROSE,        /* a paragraph of the author's own text */
	AS_REGION_QUOTE,        /* "> " lines, "On ... wrote:", forwarded mail, a squash's log */
	AS_REGION_CODE,         /* fenced and indented code, diffs, logs, traces, shell */
	AS_REGION_REVERT,       /* "This reverts commit X." and the original it repeats */
	AS_REGION_CHERRY_PICK,  /* "(cherry picked from commit X)" and the original's text */
	AS_REGION_TRAILERS,     /* git's trailer block */
	AS_REGION_SIGNATURE,    /* after a "-- " line */
	AS_REGION__COUNT
} as_region_kind;

/* What the directive engine finds (rules.ini `directive`), and who it
 * found as the actor (rules.ini `actor`). */
typedef enum { AS_DIR_ASSIGN, AS_DIR_REQUEST, AS_DIR_APPROVE, AS_DIR__COUNT } as_directive_kind;
typedef enum { AS_BY_NAMED, AS_BY_ROLE, AS_BY_AUTHOR, AS_BY__COUNT } as_actor_kind;

typedef enum { AS_MODE_ENFORCE, AS_MODE_WARN, AS_MODE_OFF } as_mode;

/* What a run knows about the forge, as bits (rules.ini `requires`): set
 * by exports that describe settings rather than events. */
typedef enum {
	AS_FACT_CODE_OWNER_REVIEW, /* a github-protection export says merging
				    * needs a code owner's review */
	AS_FACT__COUNT
} as_fact;

/* Who a report may name (rules.ini `privacy`, audit --privacy). */
typedef enum { AS_PRIVACY_NONE, AS_PRIVACY_TEAM } as_privacy_mode;

/* The tables: names[value] (NULL where a value has no name). */
extern const char *const as_severity_names[AS_SEV_NEVER + 1];
extern const char *const as_source_names[AS_SRC_CODEOWNERS + 1];
extern const char *const as_origin_names[AS_ORIGIN_CODEOWNERS + 1];
extern const char *const as_event_kind_names[AS_EV__COUNT];
extern const char *const as_relation_names[AS_REL__COUNT];
extern const char *const as_mode_names[AS_MODE_OFF + 1];
extern const char *const as_region_names[AS_REGION__COUNT];
extern const char *const as_directive_names[AS_DIR__COUNT];
extern const char *const as_actor_kind_names[AS_BY__COUNT];
extern const char *const as_fact_names[AS_FACT__COUNT];
/* The tracker export formats' names (--tracker FORMAT:FILE, rules.ini
 * `formats`), NULL-terminated; source/tracker/formats.c has one format
 * per name (tests/t00-architecture.sh checks both lists agree). */
extern const char *const as_export_format_names[];
/* The feedback keys of pull-request reviews (github-prs), by state
 * (APPROVED, CHANGES_REQUESTED, COMMENTED): metrics.feedback.by_key
 * counts them after the trailer keys. */
#define AS_REVIEW_KEYS 3
extern const char *const as_review_keys[AS_REVIEW_KEYS];
extern const char *const as_privacy_names[AS_PRIVACY_TEAM + 1];

/* "?" (or "unknown" for a relation) for a value out of range. */
const char *as_severity_name(as_severity s);
const char *as_source_name(as_source s);
const char *as_origin_name(as_origin o);
const char *as_event_kind_name(as_event_kind k);
const char *as_relation_name(as_relation r);

/* Index of `value` in names[0..n) (NULL entries skipped), or -1. */
int as_name_index(const char *const *names, int n, const char *value);
/* "a, b, c": the names of a table, for "is not one of ..." messages. */
void as_names_list(as_buf *out, const char *const *names, int n);

/* 0 and *out, or AS_ENOTFOUND. Severities: info, warning, error, and
 * never when allow_never. */
int as_severity_parse(as_severity *out, const char *name, int allow_never);
int as_relation_parse(as_relation *out, const char *name);

#define AS_NAMES_COUNT(table) ((int)(sizeof(table) / sizeof((table)[0])))

#endif
