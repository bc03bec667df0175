#ifndef AS_EXPORT_RECORDS_H
#define AS_EXPORT_RECORDS_H
/*
 * A parsed tracker export, in compact form: one small record per event,
 * every string interned once (logins, names and titles repeat), so that a
 * 100 MB export does not become a gigabyte of events. The formats' readers
 * fill it; export.c makes events of it.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/names.h"
#include "util/table.h"

/* What else a record says (as_export_rec.flags). */
enum {
	AS_XREC_WEAK = 1,          /* the parties are a guess: at most a warning */
	AS_XREC_BOT = 2,           /* a party is a bot */
	AS_XREC_SUBJECT_TEAM = 4,  /* the subject is a team ("@org/slug", a slug) */
};

/* One record: what one event of the export will be. */
typedef struct {
	uint32_t record;      /* string ids in the export's table (0 = "") */
	uint32_t issue;       /* what it is about: "#12", "PROJ-7" */
	uint32_t actor, subject, title;
	uint32_t text;        /* the line it was read from (a task line), or 0 */
	uint32_t key;         /* a review's feedback key ("review:approved"), or 0 */
	uint32_t items, nitems; /* a list of strings: x->items[items .. items + nitems) */
	uint8_t kind;         /* as_event_kind */
	uint8_t cancels;      /* 1: undoes earlier records of its kind, issue and
			       * subject; 2: and actor (export.c) */
	uint8_t cancelled;    /* undone by a later record */
	uint8_t flags;        /* AS_XREC_* */
	int64_t time;         /* 0 when unknown */
	int64_t order;        /* ties of time (event ids) */
} as_export_rec;

typedef struct as_export_format as_export_format;

typedef struct {
	char *path;
	const as_export_format *format;
	as_export_rec *recs;
	size_t nrecs, recs_alloc;
	as_strtab strings;    /* id 0 is "" */
	uint32_t *items;      /* the records' lists (a pull request's files):
			       * string ids, each list once however many
			       * records share it */
	size_t nitems, items_alloc;
	unsigned facts;       /* AS_FACT_* bits the export says hold */
	unsigned known;       /* AS_FACT_* bits it says anything about */
	uint64_t records;     /* records read (events, issues, CSV rows...) */
	uint64_t cancelled;   /* records undone by a later one */
} as_export;

static inline const char *as_export_str(const as_export *x, uint32_t id)
{
	return x->strings.nr ? as_strtab_str(&x->strings, id) : "";
}
uint32_t as_export_intern(as_export *x, const char *s, size_t len);
/* Appends a record (zeroed but for what `rec` says). */
void as_export_add(as_export *x, const as_export_rec *rec);
/* Appends a string id to the list arena; returns its index (a list is
 * the ids appended one after the other: its first index and count). */
uint32_t as_export_add_item(as_export *x, uint32_t id);

#endif
