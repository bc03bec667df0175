#ifndef AS_EXPORT_H
#define AS_EXPORT_H
/*
 * Tracker exports (SPEC §3 item 3): a file given with
 * `antisilo audit --tracker [FORMAT:]FILE`, read whole and checked before
 * anything is made of it (nothing of a bad file is half-counted), kept in
 * compact records (a 100 MB export must not become a gigabyte of events:
 * one small record per event, every string interned), and turned into
 * events one record at a time. Which formats exist and how each is read:
 * format.h and formats.c; adding one is a file and a row there.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/org.h"
#include "config/tickets.h"
#include "event.h"
#include "source/tracker/records.h"

/*
 * Reads one export: `spec` is FILE or FORMAT:FILE (FORMAT a name of
 * formats.c; detected from the content when not given), at most
 * `max_bytes` (0: no bound but the 2 GiB an export may have). On error
 * returns AS_EINPUT (a malformed or unrecognised file: "FILE: record N
 * (byte B): what", "FILE: line N: what") or AS_EINTERNAL (cannot read
 * it), and *out is NULL.
 */
int as_export_load(as_export **out, const char *spec, uint64_t max_bytes);
/* The same, with the reader's first chunk cut at byte `split` (0: not cut;
 * a regular file only): the readers then meet a chunk boundary there, as
 * they do every 1 MiB of a big export. For the fuzz harnesses, which check
 * that a boundary changes nothing. */
int as_export_load_split(as_export **out, const char *spec, uint64_t max_bytes, size_t split);
void as_export_free(as_export *x);

/* The format's name: "github-events"... */
const char *as_export_format_name(const as_export *x);

/*
 * Fills `ev` (cleared first) with record `i`: kind, origin tracker-export,
 * format, weak (the parties are a guess), bot, subject_is_team,
 * actor_text and subject_text ("@login" or the name as written), path
 * (the export file), record, time, excerpt, title, key, items and link. Returns 1 when a later record undid it (the
 * event is filled all the same), else 0.
 */
int as_export_event(const as_export *x, size_t i, as_event *ev);

/* Whether the format's records come in groups (format.h `grouped`), and
 * the group of record i: consecutive records of one group are judged
 * together. */
int as_export_grouped(const as_export *x);
uint32_t as_export_group(const as_export *x, size_t i);

/* The exports of one run, every --tracker argument read and checked
 * before any other work (a bad file stops the run first): 0, or the error
 * of the first bad file (and x is empty). */
typedef struct {
	as_export **items;
	size_t nr, alloc;
	unsigned facts;       /* AS_FACT_* bits any of them says hold */
	unsigned known;       /* AS_FACT_* bits any of them says anything about */
} as_exports;

int as_exports_load(as_exports *x, const char *const *specs, size_t n, uint64_t max_bytes);
void as_exports_free(as_exports *x);

/* Who owns which ticket key, by the assignments of the exports that no
 * later record undid (the assignees the org chart knows), into *out: so
 * that a message naming the key names them (config/tickets.h). */
void as_exports_tickets(const as_exports *x, const as_org *org, as_tickets *out);

#endif
