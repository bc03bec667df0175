/*
 * Safe output (util/sanitize.c) and the hook's lines for the pusher
 * (report/pusher.c), on any bytes: what a commit message, a name or a
 * ref can hold.
 *
 * Invariants (SPEC §7: "never prints control characters taken from the
 * push"):
 *   - both modes give valid UTF-8; AS_SAN_UTF8 leaves valid UTF-8 as it is;
 *   - AS_SAN_TERMINAL gives no C0 control (so no ESC), no DEL, no C1
 *     control (U+0080..U+009F) and no bidi control (U+061C, U+200E/F,
 *     U+202A..U+202E, U+2066..U+2069);
 *   - both are idempotent;
 *   - as_utf8_valid agrees with an independent, plain decoder;
 *   - the pusher's lines hold nothing but such text and newlines.
 */
#include "fuzz.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "report/pusher.h"
#include "util/buf.h"
#include "util/sanitize.h"

/*
 * The reference decoder is not ours: glibc's mbrtowc() in the C.UTF-8
 * locale, which rejects overlong forms and surrogates; it accepts code
 * points past U+10FFFF, which UTF-8 (RFC 3629) does not, so those are
 * refused here. Returns the length (1..4) or 0 when invalid.
 */
static size_t ref_decode(const unsigned char *s, size_t len, unsigned *cp)
{
	static int ready;
	mbstate_t st;
	wchar_t w = 0;
	if (!ready) {
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			abort();
		ready = 1;
	}
	memset(&st, 0, sizeof(st));
	size_t n = mbrtowc(&w, (const char *)s, len, &st);
	if (n == 0)
		n = 1; /* a NUL byte is U+0000, one byte long */
	if (n == (size_t)-1 || n == (size_t)-2 || (unsigned)w > 0x10FFFF)
		return 0;
	*cp = (unsigned)w;
	return n;
}

static int ref_valid(const unsigned char *s, size_t len)
{
	unsigned cp;
	for (size_t i = 0; i < len;) {
		size_t n = ref_decode(s + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

static int is_bidi(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Valid UTF-8 with no control but (when allowed) '\n'. */
static void check_terminal(const char *what, const char *s, size_t len, int newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	for (size_t i = 0; i < len;) {
		size_t n = ref_decode(p + i, len - i, &cp);
		AS_FUZZ_CHECK(n, "%s: invalid UTF-8 at byte %zu", what, i);
		AS_FUZZ_CHECK(!(cp < 0x20 && !(newlines && cp == '\n')) && cp != 0x7F &&
			      !(cp >= 0x80 && cp <= 0x9F) && !is_bidi(cp),
			      "%s: control U+%04X at byte %zu", what, cp, i);
		i += n;
	}
}

static void sanitize(as_buf *out, const char *s, size_t len, int mode)
{
	as_buf_clear(out);
	as_sanitize(out, s, len, mode);
	AS_FUZZ_CHECK(out->len == 0 || out->ptr[out->len] == '\0', "not NUL-terminated");
}

AS_FUZZ_TARGET(sanitize)
{
	const char *s = (const char *)data;
	as_buf a = AS_BUF_INIT, b = AS_BUF_INIT;
	int valid = ref_valid(data, size);

	AS_FUZZ_CHECK(as_utf8_valid(s, size) == valid, "as_utf8_valid says %d, the reference %d",
		      as_utf8_valid(s, size), valid);

	sanitize(&a, s, size, AS_SAN_UTF8);
	AS_FUZZ_CHECK(ref_valid((const unsigned char *)a.ptr, a.len), "UTF8 mode: invalid output");
	if (valid)
		AS_FUZZ_CHECK(a.len == size && !memcmp(a.ptr ? a.ptr : "", s, size),
			      "UTF8 mode changed valid UTF-8");
	sanitize(&b, a.ptr, a.len, AS_SAN_UTF8);
	AS_FUZZ_CHECK(a.len == b.len && !memcmp(a.ptr ? a.ptr : "", b.ptr ? b.ptr : "", a.len),
		      "UTF8 mode is not idempotent");

	sanitize(&a, s, size, AS_SAN_TERMINAL);
	check_terminal("TERMINAL mode", a.ptr, a.len, 0);
	sanitize(&b, a.ptr, a.len, AS_SAN_TERMINAL);
	AS_FUZZ_CHECK(a.len == b.len && !memcmp(a.ptr ? a.ptr : "", b.ptr ? b.ptr : "", a.len),
		      "TERMINAL mode is not idempotent");

	/* the pusher's lines: text from a push, quoted, raw, in a message */
	const char *text = as_fuzz_cstr(data, size);
	as_pusher p;
	as_pusher_init(&p);
	as_pusher_quote(&p, 2, "> ", text, 200);
	as_pusher_quote(&p, 0, "", text, 0);
	as_pusher_raw(&p, 2, "> ", text, 200);
	as_pusher_raw(&p, 4, "", text, 0);
	as_pusher_say(&p, 2, "rule %s fired on %s", text, text);
	as_pusher_line(&p, "summary: %s", text);
	check_terminal("pusher lines", as_buf_cstr(&p.out), p.out.len, 1);
	AS_FUZZ_CHECK(p.out.len && p.out.ptr[p.out.len - 1] == '\n', "the last line is not ended");
	as_pusher_free(&p);

	as_buf_free(&a);
	as_buf_free(&b);
	return 0;
}
