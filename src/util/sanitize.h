#ifndef AS_SANITIZE_H
#define AS_SANITIZE_H
/*
 * Safe output of text that people wrote (commit messages, names, tracker
 * data). Everything printed to a terminal or a `remote:` line goes through
 * as_sanitize(AS_SAN_TERMINAL): C0 and C1 controls (so every ANSI/OSC
 * escape sequence), DEL and the bidi controls of "Trojan Source" are shown
 * escaped (\x1b, \u202e), and invalid UTF-8 becomes U+FFFD. JSON and HTML
 * writers use AS_SAN_UTF8, which only repairs the encoding (the format's
 * own escaping does the rest).
 */
#include <stddef.h>

#include "util/buf.h"

enum { AS_SAN_UTF8 = 0, AS_SAN_TERMINAL = 1 };

void as_sanitize(as_buf *out, const char *s, size_t len, int mode);
/* Is s[0..len) valid UTF-8 (no overlong forms, surrogates, > U+10FFFF)? */
int as_utf8_valid(const char *s, size_t len);

/* The same for a NUL-terminated string (NULL appends nothing). */
void as_sanitize_str(as_buf *out, const char *s, int mode);

#endif
