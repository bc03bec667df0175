#ifndef AS_FOLD_H
#define AS_FOLD_H
/*
 * Folding text for comparison: case and accents removed, so that "José",
 * "JOSE" and "jose", or "Jürgen" and "jurgen", compare equal. People type
 * names and words without their accents (a QWERTY keyboard, a terminal
 * without compose keys), so everything antisilo compares with what people
 * wrote — identities, the words of the lexicons — is folded the same way.
 *
 * ASCII letters are lower-cased; the Latin letters of U+00C0..U+017F lose
 * their diacritics (ß -> ss, æ -> ae, œ -> oe, ø -> o, ł -> l, þ -> th);
 * the typographic apostrophe U+2019 becomes "'". Other characters are
 * kept as they are. Invalid UTF-8 bytes are kept one by one.
 */
#include <stddef.h>

#include "util/buf.h"

/* The longest folding of one character ("ss", "th", a 4-byte character). */
#define AS_FOLD_MAX 4

/*
 * Folds the character at s[0..len) (len > 0): writes its folding to
 * out[0..*outlen) and returns how many bytes of s it was (>= 1).
 * *letter is set to 1 for a letter (ASCII or folded Latin, or any
 * character at or above U+0080 that is not punctuation we know), 0 for
 * anything else.
 */
size_t as_fold_char(const char *s, size_t len, char out[AS_FOLD_MAX], size_t *outlen,
		    int *letter);

/* Appends the folding of s[0..len) to out. */
void as_fold(as_buf *out, const char *s, size_t len);

/* Appends s[0..len) lower-cased but with its accents (ASCII and Latin-1:
 * "À" -> "à"): where an accent tells two words apart ("à" and "a"). */
void as_fold_lower(as_buf *out, const char *s, size_t len);

/* Is s[0..len), lower-cased as as_fold_lower() does, the string `lower`? */
int as_fold_lower_eq(const char *s, size_t len, const char *lower);

/* Is the character at s an upper-case letter (ASCII or Latin-1/Extended-A)? */
int as_fold_is_upper(const char *s, size_t len);

#endif
