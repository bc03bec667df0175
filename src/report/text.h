#ifndef AS_REPORT_TEXT_H
#define AS_REPORT_TEXT_H
/*
 * The text report's pieces (report/text.c draws the page,
 * report/text_sections.c the sections of its summary). Internal to
 * src/report/.
 */
#include <jansson.h>
#include <stdio.h>

/* Text from the document, sanitised for a terminal (NULL: nothing). */
void as_text_put(FILE *out, const char *s);
const char *as_text_str(const json_t *o, const char *key);
long long as_text_int(const json_t *o, const char *key);
/* A ratio as "33%", null as "n/a". */
void as_text_pct(FILE *out, const json_t *v);

/* "knowledge silos: truck factor 3 (people still here: 2); ..." and the
 * --without what-if. */
void as_text_silos(FILE *out, const json_t *metrics);
/* "What to do first": metrics.top_down against the previous period. */
void as_text_top_down(FILE *out, const json_t *top_down, const json_t *previous);
/* The managers' own work and feedback in every direction. */
void as_text_managers(FILE *out, const json_t *metrics);
/* The tracker exports' counts and unknown names (metrics.trackers), at
 * most `max_names` of them (0: all), each line after `indent`. */
void as_text_trackers(FILE *out, const json_t *trackers, size_t max_names, const char *indent);
/* The forge's line (pull-request reviews, approvals, review requests,
 * CODEOWNERS gates) and where the forge shows each finding of an export
 * or a gate; nothing when the run read no export and found no gate. */
void as_text_forge(FILE *out, const json_t *doc);
/* The names the org chart does not know: authors, tracker parties. */
void as_text_unknown(FILE *out, const json_t *metrics);

#endif
