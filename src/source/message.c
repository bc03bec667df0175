/*
 * The message model (message.h): every line gets a kind in one forward
 * pass, with a little state (inside a fence, a diff, a trace, a quoted
 * block, a revert's original...), then runs of lines become regions.
 *
 * What is recognised, and why it is not the author's own words:
 *   fences ``` and ~~~, indented blocks (4 spaces or a tab, at the start
 *   of a paragraph or after a line ending in ':'), diffs (diff --git,
 *   ---/+++ pairs, @@ hunks, a paragraph of +/- lines), pasted logs (lines that start with a
 *   timestamp or a log level), stack traces (Python's Traceback up to the
 *   exception line, Java's "at ..." frames, "Caused by:", Go's panics),
 *   shell sessions ("$ cmd" and its output)                    -> code
 *   "> " lines, attributions ("On ... wrote:", "Am ... schrieb ...:",
 *   "Le ... a écrit :", "El ... escribió:", "Em ... escreveu:") and the
 *   lines they introduce, "-----Original Message-----" and its
 *   translations (to the end of the body: mail puts the original last;
 *   or up to a line of dashes alone that closes it; a mail pasted as its
 *   headers and "> " lines only ends with them),
 *   a squash's "commit X / Author: / Date:" log             -> quote
 *   "This reverts commit X.", "Reverts owner/repo#N", the original's
 *   subject repeated after it (and all that follows), an "Original
 *   message:" header and the original it introduces (its indented or
 *   quoted lines; flush left, all that follows)              -> revert
 *   "(cherry picked from commit X)", the subject and the body before it
 *                                                          -> cherry-pick
 *   "-- " and what follows                                   -> signature
 */
#include "source/message.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source/trailer.h"
#include "util/alloc.h"

typedef struct {
	size_t start, end;       /* the line without its '\n' */
	size_t next;             /* the start of the next line */
	unsigned indent;         /* columns of leading white space (tab = 4) */
	unsigned char blank;
	unsigned char kind;      /* as_region_kind, or KIND_NONE */
} line;

#define KIND_NONE 0xFF

static int starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && !memcmp(s, prefix, n);
}

static int ends(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && !memcmp(s + len - n, suffix, n);
}

/* Does s[0..n) contain one of the words? */
static int contains_any(const char *s, size_t n, const char *const *words, size_t nwords)
{
	for (size_t i = 0; i < nwords; i++)
		if (memmem(s, n, words[i], strlen(words[i])))
			return 1;
	return 0;
}

#define CONTAINS_ANY(s, n, words) contains_any(s, n, words, sizeof(words) / sizeof(words[0]))

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Number of hex digits at s (at most max). */
static size_t hex_run(const char *s, size_t len, size_t max)
{
	size_t n = 0;
	while (n < len && n < max && is_hex(s[n]))
		n++;
	return n;
}

static void split_lines(as_message *m, const char *msg, size_t len)
{
	m->nlines_ = 0;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(msg + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - msg) : len;
		line *l;
		AS_GROW(*(line **)&m->lines_, m->nlines_ + 1, m->lines_alloc_);
		l = (line *)m->lines_ + m->nlines_++;
		l->start = pos;
		l->end = end;
		l->next = nl ? end + 1 : len;
		l->indent = 0;
		l->blank = 1;
		l->kind = KIND_NONE;
		for (size_t i = pos; i < end; i++) {
			char c = msg[i];
			if (c == ' ')
				l->indent++;
			else if (c == '\t')
				l->indent += 4;
			else if (c != '\r' && c != '\v' && c != '\f') {
				l->blank = 0;
				break;
			}
		}
		pos = l->next;
	}
}

/* The line's text without its leading and trailing white space. */
static void text_of(const char *msg, const line *l, const char **s, size_t *n)
{
	size_t a = l->start, b = l->end;
	while (a < b && (msg[a] == ' ' || msg[a] == '\t'))
		a++;
	while (b > a && (msg[b - 1] == ' ' || msg[b - 1] == '\t' || msg[b - 1] == '\r'))
		b--;
	*s = msg + a;
	*n = b - a;
}

/* ---- line shapes -------------------------------------------------------- */

static int is_fence(const char *s, size_t n, char *ch, size_t *flen)
{
	if (n < 3 || (s[0] != '`' && s[0] != '~'))
		return 0;
	size_t k = 0;
	while (k < n && s[k] == s[0])
		k++;
	if (k < 3)
		return 0;
	*ch = s[0];
	*flen = k;
	return 1;
}

static int is_diff_start(const char *s, size_t n)
{
	if (!n || !strchr("dI@", s[0]))
		return 0;
	return starts(s, n, "diff --git ") || starts(s, n, "diff --cc ") ||
	       starts(s, n, "diff -u ") || starts(s, n, "Index: ") ||
	       (starts(s, n, "@@ -") && n > 6);
}

/* A line of a diff after its start. */
static int is_diff_line(const char *raw, size_t n)
{
	if (!n)
		return 0;
	if (raw[0] == ' ' || raw[0] == '+' || raw[0] == '-' || raw[0] == '\\')
		return 1;
	return starts(raw, n, "@@") || starts(raw, n, "index ") || starts(raw, n, "diff ") ||
	       starts(raw, n, "new file mode") || starts(raw, n, "deleted file mode") ||
	       starts(raw, n, "old mode") || starts(raw, n, "new mode") ||
	       starts(raw, n, "similarity index") || starts(raw, n, "rename from") ||
	       starts(raw, n, "rename to") || starts(raw, n, "copy from") ||
	       starts(raw, n, "copy to") || starts(raw, n, "Binary files") ||
	       starts(raw, n, "dissimilarity index");
}

/*
 * A paragraph of a diff pasted without its header: from line i, two or
 * more lines, each starting with '+' or '-', at least one with '+', and at
 * least one whose sign touches the text ("+Alice assigned me", "-limit =
 * 100"): a bullet list is "- item", never "+item".
 */
static int headless_diff(const line *lines, size_t n, size_t i, const char *msg)
{
	size_t count = 0, plus = 0, tight = 0;
	for (size_t j = i; j < n && !lines[j].blank && count <= 64; j++, count++) {
		const char *raw = msg + lines[j].start;
		size_t len = lines[j].end - lines[j].start;
		if (!len || (raw[0] != '+' && raw[0] != '-'))
			return 0;
		plus += raw[0] == '+';
		tight += len > 1 && raw[1] != ' ' && raw[1] != '\t' && raw[1] != raw[0];
	}
	return count >= 2 && plus && tight;
}

/* "2024-06-03T10:12:44Z ...", "[2024-06-03 10:12:44] ...", "10:12:44 ...",
 * "INFO ...", "[ERROR] ...", glog's "E0603 10:12:44.123". */
static int is_log_line(const char *s, size_t n)
{
	static const char *const levels[] = {
		"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "FATAL",
		"CRITICAL", "PANIC", "SEVERE",
	};
	if (n && s[0] == '[')
		s++, n--;
	/* (a cheap look first: most lines are prose) */
	if (!n || !(is_digit(s[0]) || (s[0] >= 'A' && s[0] <= 'Z' && n > 1 && s[1] >= '0' && s[1] <= 'Z')))
		return 0;
	if (n >= 16 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
	    s[4] == '-' && is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' && is_digit(s[8]) &&
	    is_digit(s[9]) && (s[10] == 'T' || s[10] == ' ') && is_digit(s[11]) &&
	    is_digit(s[12]) && s[13] == ':')
		return 1;
	if (n >= 9 && is_digit(s[0]) && is_digit(s[1]) && s[2] == ':' && is_digit(s[3]) &&
	    is_digit(s[4]) && s[5] == ':' && is_digit(s[6]) && is_digit(s[7]))
		return 1;
	if (n >= 14 && strchr("IWEF", s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	    is_digit(s[3]) && is_digit(s[4]) && s[5] == ' ' && is_digit(s[6]) &&
	    is_digit(s[7]) && s[8] == ':')
		return 1;
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		size_t k = strlen(levels[i]);
		if (n > k && !memcmp(s, levels[i], k) && (s[k] == ':' || s[k] == ' ' || s[k] == ']'))
			return 1;
	}
	return 0;
}

/* A frame or header of a Java, JavaScript or Go trace. */
static int is_trace_line(const char *s, size_t n, unsigned indent)
{
	if (!n || !strchr("aCEpgt", s[0]))
		return 0;
	if (indent && starts(s, n, "at ") && memchr(s, '(', n) && memchr(s, ')', n))
		return 1;
	if (indent && starts(s, n, "at ") && memchr(s, ':', n) && is_digit(s[n - 1]))
		return 1;
	return starts(s, n, "Caused by: ") || starts(s, n, "Exception in thread ") ||
	       starts(s, n, "panic: ") || (starts(s, n, "goroutine ") && ends(s, n, ":")) ||
	       (starts(s, n, "thread '") && memmem(s, n, "' panicked at", 13) != NULL);
}

static int is_shell_prompt(const char *s, size_t n)
{
	if (!n || !strchr("$%>", s[0]))
		return 0;
	return (n > 2 && (s[0] == '$' || s[0] == '%') && s[1] == ' ') ||
	       starts(s, n, ">>> ");
}

static int is_bullet(const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		return 1;
	size_t k = 0;
	while (k < n && is_digit(s[k]))
		k++;
	return k && k + 1 < n && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ';
}

/* "On Mon, 3 Jun 2024, Alice wrote:" and the like; `next` is the text of
 * the line after (an attribution may wrap once). */
static int attribution_end(const char *s, size_t n)
{
	static const char *const endings[] = {
		"wrote:", "writes:", "schrieb:", "a écrit :", "a écrit:", "a écrit :",
		"escribió:", "escreveu:", "scrisse:",
	};
	if (!n || s[n - 1] != ':')
		return 0;
	for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
		if (ends(s, n, endings[i]))
			return 1;
	/* German puts the name after the verb: "Am ... schrieb Lukas Schröder:" */
	return (starts(s, n, "Am ") || starts(s, n, "On ")) && ends(s, n, ":") &&
	       (memmem(s, n, " schrieb ", 9) || memmem(s, n, " wrote ", 7));
}

static int attribution_start(const char *s, size_t n)
{
	if (n < 3 || s[2] != ' ' || !strchr("OALEI", s[0]))
		return 0;
	return starts(s, n, "On ") || starts(s, n, "Am ") || starts(s, n, "Le ") ||
	       starts(s, n, "El ") || starts(s, n, "Em ") || starts(s, n, "Il ");
}

/* "-----Original Message-----", a forwarded message, and translations. */
static int is_mail_separator(const char *s, size_t n)
{
	static const char *const marks[] = {
		"Original Message", "Original message", "Ursprüngliche Nachricht",
		"Message d'origine", "Message d\xE2\x80\x99origine", "Mensaje original",
		"Mensagem original", "Forwarded message", "Weitergeleitete Nachricht",
		"Message transféré", "Mensaje reenviado", "Mensagem encaminhada",
	};
	if (!n || (s[0] != '-' && s[0] != 'B'))
		return 0;
	if (starts(s, n, "Begin forwarded message:"))
		return 1;
	if (n < 8 || s[0] != '-' || s[1] != '-' || s[2] != '-')
		return 0;
	return CONTAINS_ANY(s, n, marks);
}

/* "Original message:", "Original commit message:", "Ursprüngliche
 * Nachricht:", "Message d'origine :", "Mensaje original:", "Mensagem
 * original:": the header of a revert's quoted original. */
static int is_original_header(const char *s, size_t n)
{
	static const char *const words[] = {
		"original", "Original", "ursprünglich", "Ursprünglich", "origine",
	};
	if (!n || s[n - 1] != ':' || n > 80)
		return 0;
	return CONTAINS_ANY(s, n, words);
}

static int is_revert_line(const char *s, size_t n)
{
	if (!n || (s[0] != 'T' && s[0] != 'R'))
		return 0;
	if (starts(s, n, "This reverts commit "))
		return hex_run(s + 20, n - 20, 64) >= 7;
	if (starts(s, n, "Reverts ")) {
		const char *hash = memchr(s, '#', n);
		return hash && memchr(s, '/', (size_t)(hash - s)) && !memchr(s + 8, ' ', (size_t)(hash - s - 8));
	}
	return 0;
}

/* "(cherry picked from commit X)": X's length, or 0. */
static size_t cherry_pick_line(const char *s, size_t n, const char **hex)
{
	static const char prefix[] = "(cherry picked from commit ";
	if (!n || s[0] != '(' || !starts(s, n, prefix))
		return 0;
	*hex = s + sizeof(prefix) - 1;
	size_t k = hex_run(*hex, n - (sizeof(prefix) - 1), 40);
	return k >= 7 ? k : 0;
}

static int is_squash_commit(const char *s, size_t n)
{
	return n && s[0] == 'c' && starts(s, n, "commit ") && hex_run(s + 7, n - 7, 64) >= 7;
}

static int is_squash_header(const char *s, size_t n)
{
	return starts(s, n, "Author:") || starts(s, n, "Date:") || starts(s, n, "Merge:") ||
	       starts(s, n, "Commit:") || starts(s, n, "AuthorDate:") ||
	       starts(s, n, "CommitDate:");
}

/* The quoted subject of 'Revert "X"' (nested reverts unwrapped), or 0. */
static size_t reverted_subject(const char *s, size_t n, const char **out)
{
	int found = 0;
	for (;;) {
		size_t k = starts(s, n, "Revert \"") ? 8 : starts(s, n, "Reapply \"") ? 9 : 0;
		if (!k || n < k + 1 || s[n - 1] != '"')
			break;
		s += k;
		n -= k + 1;
		found = 1;
	}
	*out = s;
	return found ? n : 0;
}

/* ---- the pass over the lines -------------------------------------------- */

enum mode {
	M_NONE,
	M_FENCE,          /* inside ``` / ~~~ */
	M_DIFF,
	M_TRACE,          /* Python traceback: up to the exception line */
	M_INDENT,         /* an indented block */
	M_SHELL,          /* a command's output, up to a blank line */
	M_ATTRIBUTED,     /* the lines an attribution introduces */
	M_QUOTE_TO_END,   /* a forwarded or "Original Message" mail */
	M_SIGNATURE,
	M_REVERT_TO_END,  /* a revert's repeated original */
	M_ORIGINAL,       /* after "Original message:": its indented lines */
	M_ORIGINAL_PARA,  /* ... or, flush left, all that follows */
	M_SQUASH,         /* a squash's "commit X" log entry */
};

typedef struct {
	const char *msg;
	line *lines;
	size_t n;
	enum mode mode;
	char fence_ch;
	size_t fence_len;
	const char *reverted;  /* the subject a revert names */
	size_t reverted_len;
	int revert_seen;  /* a revert line or subject: "Original message:" counts */
	int mail_quoted;  /* the pasted mail so far: its headers and "> " lines only */
	int mail_seen_quote;
} pass;

static void set(line *l, as_region_kind k)
{
	l->kind = (unsigned char)k;
}

/* The next line that is not blank, or NULL. */
static const line *next_text(const pass *p, size_t i)
{
	for (size_t j = i + 1; j < p->n; j++)
		if (p->lines[j].kind == KIND_NONE && !p->lines[j].blank)
			return &p->lines[j];
		else if (p->lines[j].kind != KIND_NONE)
			return NULL;
	return NULL;
}

/* Does the line start with '>' after its indentation? */
static int quoted(const char *msg, const line *l)
{
	const char *s;
	size_t n;
	text_of(msg, l, &s, &n);
	return n && s[0] == '>';
}

/* "From: ...", "Von: ...", "De : ...", "Enviado el: ...": a mail header
 * (a word or two, then a colon). */
static int mail_header(const char *s, size_t n)
{
	size_t i = 0, letters = 0, spaces = 0;
	while (i < n && i < 24) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ':')
			return letters >= 2 || (letters == 1 && i <= 3);
		if (ch == ' ') {
			if (++spaces > 2)
				return 0;
		} else if (((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch >= 0xC0) {
			letters++; /* (a UTF-8 lead byte: "À :") */
		} else if (ch != '-' && ch < 0x80) {
			return 0;
		}
		i++;
	}
	return 0;
}

/* Does the text of `l` start with the reverted subject? */
static int repeats_subject(const pass *p, const line *l)
{
	const char *s;
	size_t n;
	text_of(p->msg, l, &s, &n);
	return p->reverted_len && n >= p->reverted_len &&
	       !strncasecmp(s, p->reverted, p->reverted_len);
}

/* A line in the middle of a mode: its kind, or -1 when the mode ends here
 * and the line is classified afresh. */
static int in_mode(pass *p, size_t i, const char *s, size_t n)
{
	line *l = &p->lines[i];
	const char *raw = p->msg + l->start;
	size_t rawn = l->end - l->start;
	char ch;
	size_t flen;
	const line *nt;

	switch (p->mode) {
	case M_FENCE:
		if (is_fence(s, n, &ch, &flen) && ch == p->fence_ch && flen >= p->fence_len &&
		    flen == n)
			p->mode = M_NONE;
		return AS_REGION_CODE;
	case M_QUOTE_TO_END:
		/* a line of dashes alone closes the pasted mail ("-----"): what
		 * follows it is the author's again */
		if (n >= 5 && n == strspn(s, "-") && l->indent == 0) {
			p->mode = M_NONE;
			return AS_REGION_QUOTE;
		}
		/* a mail pasted as headers and "> " lines only ends with them:
		 * the paragraph after it, flush left and unquoted, is the
		 * author's ("Vera made me own the cleanup, this is the first
		 * pass" after the customer's quoted complaint) */
		if (l->blank) {
			nt = next_text(p, i);
			if (p->mail_quoted && p->mail_seen_quote && nt && nt->indent == 0 &&
			    !quoted(p->msg, nt)) {
				const char *ns;
				size_t nn;
				text_of(p->msg, nt, &ns, &nn);
				if (!mail_header(ns, nn))
					break;
			}
			return AS_REGION_QUOTE;
		}
		if (s[0] == '>')
			p->mail_seen_quote = 1;
		else if (!mail_header(s, n))
			p->mail_quoted = 0;
		return AS_REGION_QUOTE;
	case M_SIGNATURE:
		return AS_REGION_SIGNATURE;
	case M_REVERT_TO_END:
		return AS_REGION_REVERT;
	case M_DIFF:
		if (l->blank) {
			nt = next_text(p, i);
			if (nt && is_diff_line(p->msg + nt->start, nt->end - nt->start))
				return AS_REGION_CODE;
			break;
		}
		if (is_diff_line(raw, rawn))
			return AS_REGION_CODE;
		break;
	case M_TRACE:
		if (l->blank)
			break;
		if (!l->indent)
			p->mode = M_NONE; /* the exception line ends the trace */
		return AS_REGION_CODE;
	case M_INDENT:
		if (l->blank) {
			nt = next_text(p, i);
			if (nt && nt->indent >= 4)
				return AS_REGION_CODE;
			break;
		}
		if (l->indent >= 4)
			return AS_REGION_CODE;
		break;
	case M_SHELL:
		if (l->blank)
			break;
		return AS_REGION_CODE;
	case M_ATTRIBUTED:
		if (l->blank) {
			nt = next_text(p, i);
			if (nt && nt->indent <= 3 && quoted(p->msg, nt))
				return AS_REGION_QUOTE;
			break;
		}
		return AS_REGION_QUOTE;
	case M_ORIGINAL:
		if (l->blank) {
			nt = next_text(p, i);
			if (nt && (nt->indent || quoted(p->msg, nt)))
				return AS_REGION_REVERT;
			break;
		}
		if (l->indent || s[0] == '>')
			return AS_REGION_REVERT;
		break;
	case M_ORIGINAL_PARA:
		/* an original pasted flush left: its subject, then its body,
		 * up to the end (nothing marks where it would stop) */
		return AS_REGION_REVERT;
	case M_SQUASH:
		if (l->blank) {
			nt = next_text(p, i);
			if (nt && (nt->indent >= 4 || is_squash_commit(p->msg + nt->start,
								      nt->end - nt->start)))
				return AS_REGION_QUOTE;
			break;
		}
		if (l->indent >= 4 || is_squash_header(s, n) || is_squash_commit(s, n))
			return AS_REGION_QUOTE;
		break;
	case M_NONE:
		return -1;
	}
	p->mode = M_NONE;
	return -1;
}

/* A line outside any mode; may start one. `prev` is the line before (or
 * NULL at the start of the body). */
static as_region_kind fresh(pass *p, size_t i, const char *s, size_t n, const line *prev)
{
	line *l = &p->lines[i];
	const char *raw = p->msg + l->start;
	size_t rawn = l->end - l->start;
	char ch;
	size_t flen;
	const line *nt;
	const char *hex;

	if (l->indent <= 3 && is_fence(s, n, &ch, &flen)) {
		p->mode = M_FENCE;
		p->fence_ch = ch;
		p->fence_len = flen;
		return AS_REGION_CODE;
	}
	if (!l->indent && is_diff_start(s, n)) {
		p->mode = M_DIFF;
		return AS_REGION_CODE;
	}
	if (!l->indent && starts(s, n, "--- ") && (nt = next_text(p, i)) &&
	    starts(p->msg + nt->start, nt->end - nt->start, "+++ ")) {
		p->mode = M_DIFF;
		return AS_REGION_CODE;
	}
	if (!l->indent && (s[0] == '+' || s[0] == '-') && (!prev || prev->blank) &&
	    headless_diff(p->lines, p->n, i, p->msg)) {
		p->mode = M_DIFF;
		return AS_REGION_CODE;
	}
	if (starts(s, n, "Traceback (most recent call last):")) {
		p->mode = M_TRACE;
		return AS_REGION_CODE;
	}
	if (l->indent <= 3 && s[0] == '>')
		return AS_REGION_QUOTE;
	if (is_mail_separator(s, n)) {
		p->mode = M_QUOTE_TO_END;
		p->mail_quoted = 1;
		p->mail_seen_quote = 0;
		return AS_REGION_QUOTE;
	}
	if (rawn >= 2 && raw[0] == '-' && raw[1] == '-' &&
	    (rawn == 2 || (rawn == 3 && raw[2] == ' '))) {
		p->mode = M_SIGNATURE;
		return AS_REGION_SIGNATURE;
	}
	if (n < 300 && attribution_end(s, n)) {
		p->mode = M_ATTRIBUTED;
		return AS_REGION_QUOTE;
	}
	if (n < 300 && attribution_start(s, n) && (nt = next_text(p, i)) && nt == l + 1) {
		const char *t;
		size_t tn;
		text_of(p->msg, nt, &t, &tn);
		if (tn < 200 && attribution_end(t, tn)) {
			set(l + 1, AS_REGION_QUOTE);
			p->mode = M_ATTRIBUTED;
			return AS_REGION_QUOTE;
		}
	}
	if (cherry_pick_line(s, n, &hex))
		return AS_REGION_CHERRY_PICK;
	if (is_revert_line(s, n)) {
		p->revert_seen = 1;
		nt = next_text(p, i);
		if (nt && repeats_subject(p, nt))
			p->mode = M_REVERT_TO_END;
		return AS_REGION_REVERT;
	}
	if (p->revert_seen && is_original_header(s, n)) {
		nt = next_text(p, i);
		p->mode = nt && (nt->indent || quoted(p->msg, nt)) ? M_ORIGINAL : M_ORIGINAL_PARA;
		return AS_REGION_REVERT;
	}
	if (!l->indent && is_squash_commit(s, n) && (nt = next_text(p, i)) && nt == l + 1) {
		const char *t;
		size_t tn;
		text_of(p->msg, nt, &t, &tn);
		if (is_squash_header(t, tn)) {
			p->mode = M_SQUASH;
			return AS_REGION_QUOTE;
		}
	}
	if (is_log_line(s, n) || is_trace_line(s, n, l->indent))
		return AS_REGION_CODE;
	if (l->indent <= 8 && is_shell_prompt(s, n)) {
		p->mode = M_SHELL;
		return AS_REGION_CODE;
	}
	if (l->indent >= 4 && !is_bullet(s, n)) {
		int after_colon = 0;
		if (prev && !prev->blank) {
			const char *t;
			size_t tn;
			text_of(p->msg, prev, &t, &tn);
			after_colon = tn && t[tn - 1] == ':';
		}
		if (!prev || prev->blank || prev->kind == AS_REGION_CODE || after_colon) {
			p->mode = M_INDENT;
			return AS_REGION_CODE;
		}
	}
	return AS_REGION_PROSE;
}

/* The first line after a message's content that git wrote: "Conflicts:"
 * (old and new style) or the scissors of `git commit -v`. */
static int gits_tail_line(const char *s, size_t n)
{
	return starts(s, n, "Conflicts:") || starts(s, n, "# Conflicts:") ||
	       starts(s, n, "# ------------------------ >8");
}

/* Lines already given a kind (the subject, the trailers) are skipped. */
static void classify_body(pass *p, size_t from, size_t to)
{
	const line *prev = NULL;
	for (size_t i = from; i < to; i++) {
		line *l = &p->lines[i];
		const char *s;
		size_t n;
		if (l->kind != KIND_NONE) {
			prev = l;
			continue;
		}
		text_of(p->msg, l, &s, &n);
		int k = p->mode != M_NONE ? in_mode(p, i, s, n) : -1;
		if (k < 0 && l->blank)
			k = KIND_NONE; /* resolved when the regions are made */
		else if (k < 0)
			k = (int)fresh(p, i, s, n, prev);
		l->kind = (unsigned char)k;
		prev = l;
	}
}

/* ---- regions ----------------------------------------------------------- */

static void add_region(as_message *m, as_region_kind kind, size_t start, size_t end)
{
	if (m->nr && m->items[m->nr - 1].kind == kind && m->items[m->nr - 1].end == start &&
	    kind != AS_REGION_PROSE) {
		m->items[m->nr - 1].end = end;
		return;
	}
	AS_GROW(m->items, m->nr + 1, m->alloc);
	m->items[m->nr++] = (as_region){ kind, start, end };
}

/*
 * Runs of lines of one kind become regions; a blank line joins the region
 * before it, and ends a prose paragraph.
 */
static void make_regions(as_message *m, size_t len)
{
	const line *lines = m->lines_;
	size_t start = 0;
	int kind = -1, para_break = 0;
	for (size_t i = 0; i < m->nlines_; i++) {
		const line *l = &lines[i];
		if (l->kind == KIND_NONE && kind >= 0) {
			para_break = 1;
			continue;
		}
		int k = l->kind == KIND_NONE ? AS_REGION_SUBJECT : l->kind;
		if (k == kind && !(k == AS_REGION_PROSE && para_break)) {
			para_break = 0;
			continue;
		}
		if (kind >= 0)
			add_region(m, (as_region_kind)kind, start, l->start);
		kind = k;
		start = l->start;
		para_break = 0;
	}
	if (kind >= 0)
		add_region(m, (as_region_kind)kind, start, len);
	else if (len)
		add_region(m, AS_REGION_SUBJECT, 0, len);
}

void as_message_init(as_message *m)
{
	memset(m, 0, sizeof(*m));
}

void as_message_free(as_message *m)
{
	free(m->items);
	free(m->lines_);
	memset(m, 0, sizeof(*m));
}

void as_message_parse(as_message *m, const char *msg, size_t len)
{
	const char *nul = len ? memchr(msg, '\0', len) : NULL;
	size_t content_end, body_from = 0;
	if (nul)
		len = (size_t)(nul - msg);
	m->nr = 0;
	m->cherry_from[0] = '\0';
	m->cherry_line = 0;
	m->revert = m->gitlab_merge = m->original_trailers = 0;
	split_lines(m, msg, len);
	as_trailers_block(msg, len, &m->trailer_start, &m->trailer_end, &content_end);
	m->text_end = m->trailer_start < m->trailer_end ? m->trailer_start : len;

	line *lines = m->lines_;
	size_t n = m->nlines_, i = 0;
	/* the subject: leading blank lines and the first paragraph */
	while (i < n && lines[i].blank)
		set(&lines[i++], AS_REGION_SUBJECT);
	const char *subj = i < n ? msg + lines[i].start : "";
	size_t subj_len = i < n ? lines[i].end - lines[i].start : 0;
	while (i < n && !lines[i].blank)
		set(&lines[i++], AS_REGION_SUBJECT);
	body_from = i;

	pass p = { .msg = msg, .lines = lines, .n = n };
	p.reverted_len = reverted_subject(subj, subj_len, &p.reverted);
	m->revert = p.reverted_len > 0;
	p.revert_seen = m->revert;

	/* the trailer block, and a Conflicts: block or a scissors line after
	 * the content: git's, not the author's. Other comment lines there
	 * are the author's: a message stored with them was committed with
	 * commit.cleanup = whitespace or verbatim. */
	int gits_tail = 0;
	for (size_t k = body_from; k < n; k++) {
		if (lines[k].start >= content_end) {
			if (!gits_tail && !lines[k].blank)
				gits_tail = gits_tail_line(msg + lines[k].start,
							   lines[k].end - lines[k].start) ? 1 : -1;
			if (gits_tail > 0 && !lines[k].blank)
				set(&lines[k], AS_REGION_CODE);
		} else if (m->trailer_start < m->trailer_end && lines[k].start >= m->trailer_start) {
			set(&lines[k], AS_REGION_TRAILERS);
		}
	}
	classify_body(&p, body_from, n);
	m->original_trailers = (p.mode == M_REVERT_TO_END || p.mode == M_ORIGINAL_PARA) &&
			       m->trailer_start < m->trailer_end;

	/* A cherry-pick: the note, and the original's text before it. */
	for (size_t k = 0; k < n; k++) {
		const char *s, *hex;
		size_t tn, hl;
		text_of(msg, &lines[k], &s, &tn);
		if (!(hl = cherry_pick_line(s, tn, &hex)))
			continue;
		memcpy(m->cherry_from, hex, hl);
		m->cherry_from[hl] = '\0';
		m->cherry_line = lines[k].start;
		for (size_t j = 0; j < k; j++)
			if (lines[j].kind == AS_REGION_SUBJECT || lines[j].kind == AS_REGION_PROSE ||
			    lines[j].kind == KIND_NONE)
				set(&lines[j], AS_REGION_CHERRY_PICK);
		/* a note inside the first paragraph: the original's subject
		 * ends there, and what follows it is text of the pick's own */
		if (lines[k].kind == AS_REGION_SUBJECT) {
			set(&lines[k], AS_REGION_CHERRY_PICK);
			for (size_t j = k + 1; j < body_from; j++)
				set(&lines[j], AS_REGION_PROSE);
		}
		break;
	}
	if (m->revert && !m->cherry_from[0])
		for (size_t k = 0; k < body_from; k++)
			set(&lines[k], AS_REGION_REVERT);

	/* GitLab's merge template: "Merge branch 'x' into 'main'" or "See merge
	 * request ...", and a Merged-by: line (in the trailer block, or in a
	 * paragraph of its own when something followed it) */
	int see_mr = starts(subj, subj_len, "Merge branch '"), merged_by = 0;
	for (size_t k = body_from; k < n; k++) {
		const char *s;
		size_t tn;
		text_of(msg, &lines[k], &s, &tn);
		if (starts(s, tn, "See merge request "))
			see_mr = 1;
		else if (starts(s, tn, "Merged-by:"))
			merged_by = 1;
	}
	m->gitlab_merge = see_mr && merged_by;

	make_regions(m, len);
}

const char *as_message_outside_trailers(const as_message *m, const char *msg, as_buf *out,
					size_t *len)
{
	/* the regions tile the message: something follows the trailers
	 * exactly when the last region is not theirs */
	const as_region *last = m->nr ? &m->items[m->nr - 1] : NULL;
	if (!last || m->text_end == last->end || last->kind == AS_REGION_TRAILERS) {
		*len = m->text_end;
		return msg;
	}
	as_buf_clear(out);
	as_buf_put(out, msg, m->text_end);
	as_buf_putc(out, '\n');
	as_buf_put(out, msg + m->trailer_end, last->end - m->trailer_end);
	*len = out->len;
	return as_buf_cstr(out);
}

int as_message_trailer_copied(const as_message *m, size_t at)
{
	return m->cherry_from[0] && at < m->cherry_line;
}
