#ifndef AS_REPORT_HTML_CHARTS_H
#define AS_REPORT_HTML_CHARTS_H
/*
 * The HTML report's inline SVG charts, drawn from the report document,
 * for html.c (the page). Internal to src/report/.
 */
#include <jansson.h>
#include <stddef.h>

#include "util/buf.h"

/* The relations in the order every chart and table shows them. */
extern const char *const as_html_relations[];
extern const size_t as_html_nrelations;
/* The SVG fill of a relation: a colour, or a hatched pattern for the
 * top-down relations (manager, skip-level) so that colour is not the only
 * cue. Valid once as_html_svg_defs() is in the page. */
const char *as_html_relation_fill(const char *relation);
/* A small legend swatch (inline SVG) for a relation. */
void as_html_swatch(as_buf *b, const char *relation);
/* A hidden <svg> with the patterns and markers the charts refer to. */
void as_html_svg_defs(as_buf *b);

/* Stacked bars of metrics.assignments_over_time. Returns 0 when drawn,
 * -1 when the series holds nothing to draw. */
int as_html_chart_over_time(as_buf *b, const json_t *over_time);

/* The review graph between teams (metrics.feedback.team_graph): teams on
 * a circle, an arrow per (giver, receiver) pair weighted by its count.
 * `order` (may be NULL) is an array of team names that fixes the order.
 * Returns 0 when drawn, -1 when there is nothing to draw or too many teams
 * to draw readably (the page always has the table as well). */
int as_html_chart_review_graph(as_buf *b, const json_t *team_graph, const json_t *order);

#endif
