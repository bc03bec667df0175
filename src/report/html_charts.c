/*
 * The HTML report's charts, drawn as inline SVG: no script, no network.
 * Each chart scales with its viewBox (phones included), names itself with
 * <title>/<desc>, gives every mark a <title> with its numbers, and never
 * relies on colour alone: top-down relations are hatched, and the page
 * puts the numbers in a table next to each chart.
 */
#include <math.h>
#include <string.h>

#include "report/html_charts.h"
#include "report/html_escape.h"

const char *const as_html_relations[] = {
	"self", "peer", "cross-team", "report", "manager", "skip-level", "unknown",
};
const size_t as_html_nrelations = sizeof(as_html_relations) / sizeof(as_html_relations[0]);

const char *as_html_relation_fill(const char *relation)
{
	static const char *const fills[][2] = {
		{ "self", "#009E73" },       /* Okabe-Ito palette: safe for */
		{ "peer", "#56B4E9" },       /* the common colour blindnesses */
		{ "cross-team", "#0072B2" },
		{ "report", "#CC79A7" },
		{ "manager", "url(#as-hatch-manager)" },
		{ "skip-level", "url(#as-hatch-skip)" },
		{ "unknown", "#999999" },
	};
	for (size_t i = 0; relation && i < sizeof(fills) / sizeof(fills[0]); i++)
		if (!strcmp(relation, fills[i][0]))
			return fills[i][1];
	return "#777777";
}

void as_html_swatch(as_buf *b, const char *relation)
{
	as_buf_printf(b, "<svg class=\"sw\" viewBox=\"0 0 12 12\" width=\"12\" height=\"12\" "
		      "aria-hidden=\"true\" focusable=\"false\"><rect width=\"12\" height=\"12\" "
		      "rx=\"2\" fill=\"%s\"/></svg>", as_html_relation_fill(relation));
}

void as_html_svg_defs(as_buf *b)
{
	as_buf_puts(b,
		"<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>\n"
		"<pattern id=\"as-hatch-manager\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
		"patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#D55E00\"/>"
		"<rect width=\"2\" height=\"6\" fill=\"#ffffff\" fill-opacity=\".6\"/></pattern>\n"
		"<pattern id=\"as-hatch-skip\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
		"patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"#E69F00\"/>"
		"<rect width=\"2\" height=\"6\" fill=\"#000000\" fill-opacity=\".35\"/></pattern>\n"
		"<marker id=\"as-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" "
		"markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
		"<path d=\"M0,0L10,5L0,10z\" fill=\"#3d5a80\"/></marker>\n"
		"</defs></svg>\n");
}

static double num(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : 0.0;
}

/* A step of 1, 2 or 5 times a power of ten that cuts [0, max] into at
 * most `ticks` parts; counts are whole numbers, so never below 1. */
static double nice_step(double max, int ticks)
{
	if (max <= 0)
		return 1;
	double raw = max / ticks;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	return step < 1 ? 1 : step;
}

int as_html_chart_over_time(as_buf *b, const json_t *over_time)
{
	const json_t *series = json_object_get(over_time, "series");
	const char *bucket = json_string_value(json_object_get(over_time, "bucket"));
	size_t n = json_array_size(series);
	double total[16] = { 0 }, max = 0;
	int nused = 0;
	const double W = 480, H = 230, L = 40, R = 8, T = 10, B = 30;
	const double pw = W - L - R, ph = H - T - B;

	if (!n || as_html_nrelations > 16)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(series, i);
		double sum = 0;
		for (size_t r = 0; r < as_html_nrelations; r++) {
			double v = num(json_object_get(s, as_html_relations[r]));
			total[r] += v;
			sum += v;
		}
		if (sum > max)
			max = sum;
	}
	for (size_t r = 0; r < as_html_nrelations; r++)
		if (total[r] > 0)
			nused++;
	if (!nused)
		return -1;

	double step = nice_step(max, 4);
	double top = ceil(max / step) * step;
	double bw = pw / (double)n;
	double barw = bw >= 4 ? bw * 0.78 : bw;
	if (barw > 48)
		barw = 48;
	size_t every = (size_t)ceil((double)n / 6.0);
	int month = bucket && !strcmp(bucket, "month");

	as_buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		      "aria-labelledby=\"aot-title aot-desc\">", W, H);
	as_buf_puts(b, "<title id=\"aot-title\">Assignments by relation over time</title>");
	as_buf_puts(b, "<desc id=\"aot-desc\">Stacked bars, one per ");
	as_html_text(b, bucket ? bucket : "period");
	as_buf_puts(b, ", from ");
	as_html_text(b, json_string_value(json_object_get(json_array_get(series, 0), "start")));
	as_buf_puts(b, " to ");
	as_html_text(b, json_string_value(json_object_get(json_array_get(series, n - 1), "start")));
	as_buf_printf(b, "; the highest bar counts %.0f assignments. The table below has every number.</desc>", max);

	/* grid and y labels */
	for (double v = 0; v <= top + 1e-9; v += step) {
		double y = T + ph - v / top * ph;
		as_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
			      L, W - R, y, y);
		as_buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>",
			      L - 5, y + 4, v);
	}
	/* bars */
	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(series, i);
		const char *start = json_string_value(json_object_get(s, "start"));
		double x = L + (double)i * bw + (bw - barw) / 2, acc = 0;
		as_buf_puts(b, "<g><title>");
		as_html_text(b, start ? start : "?");
		const char *sep = ": ";
		for (size_t r = 0; r < as_html_nrelations; r++) {
			double v = num(json_object_get(s, as_html_relations[r]));
			if (v <= 0)
				continue;
			as_buf_printf(b, "%s%.0f %s", sep, v, as_html_relations[r]);
			sep = ", ";
		}
		if (!strcmp(sep, ": "))
			as_buf_puts(b, ": none");
		as_buf_puts(b, "</title>");
		for (size_t r = 0; r < as_html_nrelations; r++) {
			double v = num(json_object_get(s, as_html_relations[r]));
			if (v <= 0)
				continue;
			double h = v / top * ph;
			as_buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>",
				      x, T + ph - acc - h, barw, h, as_html_relation_fill(as_html_relations[r]));
			acc += h;
		}
		as_buf_puts(b, "</g>");
		if (i % every == 0 && start) {
			double cx = L + ((double)i + 0.5) * bw;
			as_buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
				      cx < L + 24 ? L : cx, T + ph + 17, cx < L + 24 ? "start" : "middle");
			as_buf label = AS_BUF_INIT;
			as_buf_puts(&label, start);
			if (month && label.len > 7)
				as_buf_truncate(&label, 7);
			as_html_text(b, as_buf_cstr(&label));
			as_buf_free(&label);
			as_buf_puts(b, "</text>");
		}
	}
	as_buf_printf(b, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
		      L, W - R, T + ph, T + ph);
	as_buf_puts(b, "</svg>");
	return 0;
}

typedef struct {
	const char *name;
	double x, y, within;
} node;

static int node_index(const node *nodes, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(nodes[i].name, name))
			return (int)i;
	return -1;
}

#define MAX_GRAPH_TEAMS 24

int as_html_chart_review_graph(as_buf *b, const json_t *team_graph, const json_t *order)
{
	node nodes[MAX_GRAPH_TEAMS];
	size_t n = 0, i;
	double maxc = 0;
	const double cx = 240, cy = 200, r = 17;
	const json_t *e;

	/* the teams: first in the given order, then as the edges name them */
	for (int pass = 0; pass < 2; pass++) {
		const json_t *list = pass == 0 ? order : team_graph;
		for (i = 0; i < json_array_size(list); i++) {
			const json_t *item = json_array_get(list, i);
			for (int end = 0; end < 2; end++) {
				const char *name = pass == 0
					? (end ? NULL : json_string_value(item))
					: json_string_value(json_object_get(item, end ? "to" : "from"));
				if (!name || node_index(nodes, n, name) >= 0)
					continue;
				if (pass == 0 && !strcmp(name, "(none)")) {
					/* every team, even one that no feedback reaches (that
					 * is worth seeing); "(none)" only when in an edge */
					int seen = 0;
					for (size_t k = 0; k < json_array_size(team_graph) && !seen; k++) {
						const json_t *g = json_array_get(team_graph, k);
						const char *f = json_string_value(json_object_get(g, "from"));
						const char *t = json_string_value(json_object_get(g, "to"));
						seen = (f && !strcmp(f, name)) || (t && !strcmp(t, name));
					}
					if (!seen)
						continue;
				}
				if (n == MAX_GRAPH_TEAMS)
					return -1;
				nodes[n].name = name;
				nodes[n].within = 0;
				n++;
			}
		}
	}
	if (!n)
		return -1;
	json_array_foreach(team_graph, i, e) {
		const char *f = json_string_value(json_object_get(e, "from"));
		const char *t = json_string_value(json_object_get(e, "to"));
		double c = num(json_object_get(e, "count"));
		if (!f || !t)
			continue;
		if (!strcmp(f, t))
			nodes[node_index(nodes, n, f)].within += c;
		else if (c > maxc)
			maxc = c;
	}
	size_t nedges = 0;
	json_array_foreach(team_graph, i, e) {
		const char *f = json_string_value(json_object_get(e, "from"));
		const char *t = json_string_value(json_object_get(e, "to"));
		nedges += f && t && strcmp(f, t) && num(json_object_get(e, "count")) > 0;
	}
	/* more teams, a larger circle; many arrows: numbers only in the
	 * tooltips and the table, or they would cover each other */
	double R = n <= 2 ? 100 : n * 18.0 > 140 ? (n * 18.0 < 260 ? n * 18.0 : 260) : 140;
	int edge_labels = nedges <= 16;
	double inside = 0;
	for (i = 0; i < n; i++)
		inside += nodes[i].within;
	if (!nedges && inside <= 0)
		return -1; /* no feedback at all: nothing to draw */
	for (i = 0; i < n; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
		nodes[i].x = n == 1 ? cx : cx + R * cos(a);
		nodes[i].y = n == 1 ? cy : cy + R * sin(a);
	}

	/* the drawing's extent, labels included (about 11 units a character
	 * at the label's size), so that no space is wasted around it */
	double bx0 = cx, bx1 = cx, by0 = cy, by1 = cy;
	for (i = 0; i < n; i++) {
		double ax = n == 1 ? 0 : (nodes[i].x - cx) / R, ay = n == 1 ? 1 : (nodes[i].y - cy) / R;
		double w = 11.0 * (double)(strlen(nodes[i].name) > 20 ? 19 : strlen(nodes[i].name));
		double lx = nodes[i].x + ax * (r + 8);
		double l0 = ax > 0.3 ? lx : ax < -0.3 ? lx - w : lx - w / 2;
		double ly = nodes[i].y + ay * (r + 8) + (ay > 0.3 ? 10 : ay < -0.3 ? -4 : 4);
		if (nodes[i].x - r < bx0) bx0 = nodes[i].x - r;
		if (nodes[i].x + r > bx1) bx1 = nodes[i].x + r;
		if (l0 < bx0) bx0 = l0;
		if (l0 + w > bx1) bx1 = l0 + w;
		if (nodes[i].y - r < by0) by0 = nodes[i].y - r;
		if (nodes[i].y + r > by1) by1 = nodes[i].y + r;
		if (ly - 15 < by0) by0 = ly - 15;
		if (ly + 5 > by1) by1 = ly + 5;
	}
	bx0 -= 8, by0 -= 8, bx1 += 8, by1 += 8;
	as_buf_printf(b, "<svg class=\"chart graph\" viewBox=\"%.0f %.0f %.0f %.0f\" "
		      "style=\"max-width:%.0fpx\" role=\"img\" aria-labelledby=\"rg-title rg-desc\">",
		      bx0, by0, bx1 - bx0, by1 - by0, (bx1 - bx0) * 1.15);
	as_buf_puts(b, "<title id=\"rg-title\">Review graph between teams</title>");
	as_buf_printf(b, "<desc id=\"rg-desc\">%zu teams on a circle; an arrow from the team "
		      "that gave feedback to the team that received it, thicker for more; "
		      "the number in a circle counts feedback inside the team. The table "
		      "below has every number.</desc>", n);

	json_array_foreach(team_graph, i, e) {
		const char *f = json_string_value(json_object_get(e, "from"));
		const char *t = json_string_value(json_object_get(e, "to"));
		double c = num(json_object_get(e, "count"));
		if (!f || !t || !strcmp(f, t) || c <= 0)
			continue;
		const node *A = &nodes[node_index(nodes, n, f)], *Bn = &nodes[node_index(nodes, n, t)];
		double dx = Bn->x - A->x, dy = Bn->y - A->y, d = sqrt(dx * dx + dy * dy);
		if (d < 1)
			continue;
		double ux = dx / d, uy = dy / d;
		/* bend to the right of the direction of travel, so that A->B
		 * and B->A are two arcs, not one line */
		double qx = (A->x + Bn->x) / 2 + uy * d * 0.16, qy = (A->y + Bn->y) / 2 - ux * d * 0.16;
		double sx = qx - A->x, sy = qy - A->y, sl = sqrt(sx * sx + sy * sy);
		double ex = qx - Bn->x, ey = qy - Bn->y, el = sqrt(ex * ex + ey * ey);
		double x0 = A->x + sx / sl * r, y0 = A->y + sy / sl * r;
		double x1 = Bn->x + ex / el * (r + 1), y1 = Bn->y + ey / el * (r + 1);
		double w = 1.2 + 5.0 * c / (maxc > 0 ? maxc : 1);
		as_buf_puts(b, "<g class=\"edge\"><title>");
		as_html_text(b, f);
		as_buf_puts(b, " \xE2\x86\x92 ");
		as_html_text(b, t);
		as_buf_printf(b, ": %.0f</title>", c);
		as_buf_printf(b, "<path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" stroke-width=\"%.1f\" "
			      "marker-end=\"url(#as-arrow)\"/>", x0, y0, qx, qy, x1, y1, w);
		if (edge_labels)
			as_buf_printf(b, "<text class=\"edge-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>",
				      0.25 * x0 + 0.5 * qx + 0.25 * x1, 0.25 * y0 + 0.5 * qy + 0.25 * y1 + 4, c);
		as_buf_puts(b, "</g>");
	}
	for (i = 0; i < n; i++) {
		const node *p = &nodes[i];
		double ax = n == 1 ? 0 : (p->x - cx) / R, ay = n == 1 ? 1 : (p->y - cy) / R;
		double lx = p->x + ax * (r + 8), ly = p->y + ay * (r + 8) + (ay > 0.3 ? 10 : ay < -0.3 ? -4 : 4);
		const char *anchor = ax > 0.3 ? "start" : ax < -0.3 ? "end" : "middle";
		as_buf_puts(b, "<g class=\"node\"><title>");
		as_html_text(b, p->name);
		as_buf_printf(b, ": %.0f inside the team</title>", p->within);
		as_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\"/>", p->x, p->y, r);
		if (p->within > 0)
			as_buf_printf(b, "<text class=\"within\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>",
				      p->x, p->y + 4, p->within);
		as_buf_printf(b, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", lx, ly, anchor);
		/* long names are cut in the drawing; the title and table have them whole */
		as_buf label = AS_BUF_INIT;
		as_buf_puts(&label, p->name);
		if (label.len > 20) {
			size_t k = 18;
			while (k > 0 && ((unsigned char)label.ptr[k] & 0xC0) == 0x80)
				k--;
			as_buf_truncate(&label, k);
			as_buf_puts(&label, "\xE2\x80\xA6");
		}
		as_html_text(b, as_buf_cstr(&label));
		as_buf_free(&label);
		as_buf_puts(b, "</text></g>");
	}
	as_buf_puts(b, "</svg>");
	return 0;
}
