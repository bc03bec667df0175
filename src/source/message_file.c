/*
 * A commit message being written, cleaned up as git will store it (see
 * message_file.h). git's sources: wt-status.c (wt_status_locate_end, the
 * scissors line) and strbuf.c (strbuf_stripspace).
 */
#include "source/message_file.h"

#include <string.h>

int as_cleanup_mode_parse(as_cleanup_mode *out, const char *value)
{
	static const struct {
		const char *name;
		as_cleanup_mode mode;
	} modes[] = {
		{ "default", AS_CLEANUP_STRIP },
		{ "strip", AS_CLEANUP_STRIP },
		{ "whitespace", AS_CLEANUP_WHITESPACE },
		{ "scissors", AS_CLEANUP_SCISSORS },
		{ "verbatim", AS_CLEANUP_VERBATIM },
	};
	*out = AS_CLEANUP_STRIP;
	if (!value)
		return 0;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(value, modes[i].name)) {
			*out = modes[i].mode;
			return 0;
		}
	return -1;
}

#define SCISSORS " ------------------------ >8 ------------------------"

/* Length of raw up to the scissors line: a line that is exactly the
 * comment character and SCISSORS (git accepts it only at a line start). */
static size_t before_scissors(const char *raw, size_t len, char comment)
{
	size_t n = sizeof(SCISSORS) - 1;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(raw + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - raw) : len;
		if (end - i == n + 1 && raw[i] == comment && !memcmp(raw + i + 1, SCISSORS, n))
			return i;
		i = end + 1;
	}
	return len;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void as_message_cleanup(as_buf *out, const char *raw, size_t len,
			as_cleanup_mode mode, char comment)
{
	if (mode == AS_CLEANUP_VERBATIM) {
		as_buf_put(out, raw, len);
		return;
	}
	if (mode != AS_CLEANUP_WHITESPACE)
		len = before_scissors(raw, len, comment);
	/* strbuf_stripspace: one empty line for a run of them, none at the
	 * start or the end; a line of white space only is empty */
	int empties = 0, any = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(raw + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - raw) : len, next = end + 1;
		if (mode == AS_CLEANUP_STRIP && end > i && raw[i] == comment) {
			i = next;
			continue;
		}
		while (end > i && is_space(raw[end - 1]))
			end--;
		if (end == i) {
			empties++;
		} else {
			if (any && empties)
				as_buf_putc(out, '\n');
			as_buf_put(out, raw + i, end - i);
			as_buf_putc(out, '\n');
			any = 1;
			empties = 0;
		}
		i = next;
	}
	if (!any)
		as_buf_put(out, "", 0);
}
