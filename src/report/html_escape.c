/*
 * Text and numbers for the HTML page and its inline SVG (html_escape.h).
 */
#include "report/html_escape.h"

#include "util/sanitize.h"

void as_html_text(as_buf *b, const char *s)
{
	if (!s)
		return;
	as_buf clean = AS_BUF_INIT;
	as_sanitize_str(&clean, s, AS_SAN_TERMINAL);
	as_buf_grow(b, clean.len);
	for (size_t i = 0; i < clean.len; i++) {
		switch (clean.ptr[i]) {
		case '&': as_buf_puts(b, "&amp;"); break;
		case '<': as_buf_puts(b, "&lt;"); break;
		case '>': as_buf_puts(b, "&gt;"); break;
		case '"': as_buf_puts(b, "&quot;"); break;
		case '\'': as_buf_puts(b, "&#39;"); break;
		default: as_buf_putc(b, clean.ptr[i]);
		}
	}
	as_buf_free(&clean);
}

void as_html_number(as_buf *b, const json_t *v, int decimals)
{
	if (json_is_integer(v))
		as_buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		as_buf_printf(b, "%.*f", decimals, json_real_value(v));
	else if (json_is_boolean(v))
		as_buf_puts(b, json_is_true(v) ? "yes" : "no");
	else
		as_buf_puts(b, AS_HTML_NODATA);
}

void as_html_percent(as_buf *b, const json_t *v)
{
	if (!json_is_number(v)) {
		as_buf_puts(b, "<span class=\"nodata\">n/a</span>");
		return;
	}
	double p = json_number_value(v) * 100;
	double w = p < 0 ? 0 : p > 100 ? 100 : p;
	as_buf_printf(b, "<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:%.1f%%\"></span></span>", w);
	if (p > 0 && p < 1)
		as_buf_puts(b, "&lt;1%");
	else
		as_buf_printf(b, "%.0f%%", p);
}

void as_html_scroll_open(as_buf *b, size_t columns)
{
	if (columns >= 4)
		as_buf_puts(b, "<p class=\"hint\">\xE2\x86\x94 This table scrolls sideways: "
			    "swipe it to see every column.</p>");
	as_buf_puts(b, "<div class=\"scroll\">");
}

void as_html_day(as_buf *b, const char *iso, const char *none)
{
	if (iso)
		as_buf_printf(b, "%.10s", iso);
	else
		as_buf_printf(b, "<span class=\"nodata\">%s</span>", none);
}
