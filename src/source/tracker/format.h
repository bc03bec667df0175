#ifndef AS_EXPORT_FORMAT_H
#define AS_EXPORT_FORMAT_H
/*
 * A tracker export format: one struct, one file (github_events.c,
 * jira_csv.c, ...), one row in formats.c. export.c does the rest: the
 * --tracker argument, opening, detection, undoing, events.
 *
 * To add a format:
 *   1. a file here with its `const as_export_format as_format_NAME`:
 *      sniff() says how sure it is that a file is one of its own, read()
 *      turns the file into records (as_export_add) or fails naming the
 *      record, excerpt() says in one line what a record is;
 *   2. its row in formats.c;
 *   3. a test in tests/t62-tracker-exports.sh and a fuzz harness.
 */
#include "source/tracker/records.h"
#include "source/tracker/json_records.h"
#include "source/tracker/reader.h"
#include "util/buf.h"

/* What sniff() sees of a file: its first chunk, and the JSON head. */
typedef struct {
	const unsigned char *buf;
	size_t len;
	const trk_json_head *json;
} as_export_head;

struct as_export_format {
	const char *name;     /* as --tracker FORMAT:FILE names it */
	int weak;             /* the export cannot say who set a task: the
			       * findings it yields are capped at warning */
	/* 2: surely this format; 1: could be (the first record is not
	 * telling); 0: not this format. */
	int (*sniff)(const as_export_head *head);
	/* Reads the whole file into x; 0 or an error that names the record. */
	int (*read)(as_export *x, trk_reader *r);
	/* One line that says what the record is. */
	void (*excerpt)(as_buf *out, const as_export *x, const as_export_rec *rec);
	/* Optional: where the forge shows the record, relative to the
	 * repository's web address ([antisilo] forge_url): "pull/12",
	 * "issues/7", "-/merge_requests/7#note_346". */
	void (*link)(as_buf *out, const as_export *x, const as_export_rec *rec);
	/* For a file no format recognises: the shape it reads ('[' or '{')
	 * followed by what it needs to see, e.g. "[a GitHub issue event (no
	 * \"event\")"; NULL when it reads anything else (CSV). */
	const char *unrecognised;
	/* The records of one issue (a pull request and its reviews) follow
	 * each other and are judged together: metrics that count a pull
	 * request once (autonomy) see all of it. */
	int grouped;
};

/* The table of formats (formats.c), NULL-terminated. */
extern const as_export_format *const as_export_formats[];

/* "a, b, c": the names of the formats, for messages. */
void as_export_formats_list(as_buf *out, const char *sep);

#endif
