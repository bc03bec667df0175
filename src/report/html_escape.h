#ifndef AS_REPORT_HTML_ESCAPE_H
#define AS_REPORT_HTML_ESCAPE_H
/*
 * What goes into the HTML report's markup: text people wrote, escaped,
 * and the document's numbers. Internal to src/report/.
 */
#include <jansson.h>

#include "util/buf.h"

/* What the page shows where the document has no data. */
#define AS_HTML_NODATA "<span class=\"nodata\">no data</span>"

/* Text people wrote, for HTML and inline SVG: sanitised as for a terminal
 * (C0/C1 controls, DEL and bidi controls shown escaped as \x1b, \u202e;
 * invalid UTF-8 as U+FFFD), then & < > " ' escaped. Safe in element
 * content and in quoted attribute values. NULL appends nothing. */
void as_html_text(as_buf *b, const char *s);

/* A number of the document: integers as they are, reals with `decimals`
 * digits; null or absent: a "no data" marker. */
void as_html_number(as_buf *b, const json_t *v, int decimals);

/* The document's values, NULL / 0 when absent or of another type. */
static inline json_t *as_html_get(const json_t *o, const char *key)
{
	return json_object_get(o, key);
}

static inline const char *as_html_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static inline long long as_html_int(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* The day of an ISO 8601 date ("2024-01-03"), or `none` as "no data". */
void as_html_day(as_buf *b, const char *iso, const char *none);

/* A ratio in [0, 1] as a percentage with a bar; null: "n/a". */
void as_html_percent(as_buf *b, const json_t *v);

/*
 * Opens a <div class="scroll"> for a table of `columns` columns. A table
 * wider than a phone scrolls sideways inside it, and says so: shadows at
 * the edges that have more, and from 4 columns on a "scroll sideways"
 * line above it on a narrow screen (a phone shows no scroll bar).
 */
void as_html_scroll_open(as_buf *b, size_t columns);

#endif
