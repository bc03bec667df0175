/*
 * The Markdown reader of tracker files: which lines set a task for whom,
 * and who set it. The ways people write it:
 *
 *   - [ ] Fix the login bug @bob              a task list item: @mentions own it
 *   - [x] @carol: rotate the keys (assigned by @alice)
 *   Owner: @bob        **Assignee:** Bob Stone      Assigned to: bob, carol
 *   ## Billing (assigned by @alice)  /  Assigned by: @alice   (the section's assigner)
 *   | Task | Owner | Assigned by |                a table with an owner column
 *   ---\nassignees: [bob, carol]\nassigned_by: alice\n---   YAML front matter
 *
 * Who assigned: an explicit "assigned by" (on the line, in its table
 * row, its section or the front matter) wins; otherwise the event leaves
 * the actor empty, which means the author of the commit that added the
 * line. Code (fences, `spans`) and HTML comments are not read. A mention
 * followed by 's (a possessive) or after "cc" does not own the task.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source/tracker/markdown.h"

#include "util/alloc.h"

#define MAX_NAME 100
#define MAX_EXCERPT 300
#define MAX_TITLE 200
#define MAX_LINE (64u << 10)
#define NONE ((size_t)-1)

typedef struct {
	const char *s;
	size_t len;
} span;

typedef struct {
	as_events *out;
	const unsigned char *want;
	size_t nwant;
	span *lines;
	size_t nlines;
	/* per line: the actor its section names (0 = none) as an index into
	 * lines (the line) plus the span inside it */
	span *section_actor;
	span heading;          /* the heading above the current line */
	span fm_title, first_heading;
	as_buf work;           /* the current line, code and comments blanked */
	int in_comment;
} md;

/* ---- characters and words ------------------------------------------------ */

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t';
}

static span trim(span x)
{
	while (x.len && (is_space((unsigned char)x.s[0]) || x.s[0] == '\r'))
		x.s++, x.len--;
	while (x.len && (is_space((unsigned char)x.s[x.len - 1]) || x.s[x.len - 1] == '\r'))
		x.len--;
	return x;
}

/* Case-insensitive: does s[0..len) start with word w? */
static int starts(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	return len >= n && !strncasecmp(s, w, n);
}

static int span_is(span x, const char *w)
{
	return x.len == strlen(w) && !strncasecmp(x.s, w, x.len);
}

static int wanted(const md *p, size_t lineno)
{
	return !p->want || (lineno < p->nwant && p->want[lineno]);
}

/* ---- people ---------------------------------------------------------------- */

enum { P_NOBODY, P_PERSON, P_AUTHOR };

/*
 * Cleans one written party: surrounding emphasis, quotes, brackets and
 * punctuation go; a Markdown link gives its text. Placeholders (TBD,
 * none, -) are nobody; me / myself is the author.
 */
static int clean_person(span *x)
{
	static const char *const nobody[] = {
		"tbd", "tba", "n/a", "na", "none", "nobody", "no one", "noone",
		"unassigned", "unowned", "anyone", "anybody", "someone", "null",
		"~", "-", "--", "?", "??", "x", "todo", "open", "free", "volunteer",
		"\xE2\x80\x94", "\xE2\x80\x93",
	};
	span v = trim(*x);
	if (v.len && v.s[0] == '[') {
		const char *close = memchr(v.s, ']', v.len);
		if (close && (size_t)(close - v.s) + 1 < v.len && close[1] == '(') {
			v.len = (size_t)(close - v.s) - 1;
			v.s++;
		}
	}
	for (;;) {
		span before = v;
		v = trim(v);
		while (v.len && strchr("*_~\"'`([{", v.s[0]))
			v.s++, v.len--;
		while (v.len && strchr("*_~\"'`)]}.,:;!?", v.s[v.len - 1]))
			v.len--;
		if (v.len == before.len)
			break;
	}
	*x = v;
	if (!v.len || v.len > MAX_NAME)
		return P_NOBODY;
	for (size_t i = 0; i < sizeof(nobody) / sizeof(nobody[0]); i++)
		if (span_is(v, nobody[i]))
			return P_NOBODY;
	if (span_is(v, "me") || span_is(v, "myself") || span_is(v, "self") || span_is(v, "i"))
		return P_AUTHOR;
	return P_PERSON;
}

/*
 * The next @mention in s[from..len): a GitHub login (letters, digits,
 * '-'; or org/team), not part of an e-mail address, not a possessive.
 */
static int next_mention(const char *s, size_t len, size_t from, size_t *so, size_t *eo)
{
	for (size_t i = from; i + 1 < len; i++) {
		if (s[i] != '@')
			continue;
		if (i && (is_alnum((unsigned char)s[i - 1]) || strchr("_.+-/", s[i - 1])))
			continue;
		size_t j = i + 1;
		while (j < len && j - i <= 39 &&
		       ((unsigned char)s[j] < 0x80 && (is_alnum((unsigned char)s[j]) || s[j] == '-')))
			j++;
		if (j == i + 1)
			continue;
		if (j + 1 < len && s[j] == '/' && (unsigned char)s[j + 1] < 0x80 &&
		    is_alnum((unsigned char)s[j + 1])) {
			j++;
			while (j < len && (unsigned char)s[j] < 0x80 &&
			       (is_alnum((unsigned char)s[j]) || strchr("._-", s[j])))
				j++;
		}
		/* @alice's review: about alice, not alice's task */
		if ((j + 1 < len && s[j] == '\'' && (s[j + 1] == 's' || s[j + 1] == 'S')) ||
		    (j + 3 < len && !memcmp(s + j, "\xE2\x80\x99s", 4)))
			continue;
		/* @example.com in an address we did not see whole */
		if (j + 1 < len && s[j] == '.' && is_alnum((unsigned char)s[j + 1]))
			continue;
		*so = i;
		*eo = j;
		return 1;
	}
	return 0;
}

/* ---- the work copy of a line: code spans and comments blanked ------------ */

static void blank(char *s, size_t from, size_t to)
{
	memset(s + from, ' ', to - from);
}

static void prepare(md *p, span line)
{
	as_buf_clear(&p->work);
	as_buf_put(&p->work, line.s, line.len);
	char *w = p->work.ptr; /* as_buf_put allocates, even for "" */
	size_t n = line.len, i = 0;

	if (p->in_comment) {
		const char *end = n ? memmem(w, n, "-->", 3) : NULL;
		if (!end) {
			blank(w, 0, n);
			return;
		}
		blank(w, 0, (size_t)(end - w) + 3);
		i = (size_t)(end - w) + 3;
		p->in_comment = 0;
	}
	while (i < n) {
		if (w[i] == '`') {
			size_t k = i;
			while (k < n && w[k] == '`')
				k++;
			size_t run = k - i, j = k;
			for (;;) {
				while (j < n && w[j] != '`')
					j++;
				if (j >= n)
					break;
				size_t e = j;
				while (e < n && w[e] == '`')
					e++;
				if (e - j == run)
					break;
				j = e;
			}
			if (j >= n) {
				i = k; /* no closing run: literal backticks */
				continue;
			}
			blank(w, i, j + run);
			i = j + run;
			continue;
		}
		if (w[i] == '<' && i + 3 < n && !memcmp(w + i, "<!--", 4)) {
			const char *end = memmem(w + i + 4, n - i - 4, "-->", 3);
			if (!end) {
				blank(w, i, n);
				p->in_comment = 1;
				return;
			}
			blank(w, i, (size_t)(end - w) + 3);
			i = (size_t)(end - w) + 3;
			continue;
		}
		i++;
	}
}

/* ---- events ------------------------------------------------------------------ */

static void emit(md *p, size_t lineno, span line, int who, span actor, span subject,
		 span title)
{
	as_event *ev = as_events_add(p->out);
	ev->kind = AS_EV_ASSIGNMENT;
	ev->origin = AS_ORIGIN_TRACKER_FILE;
	ev->line = (long)lineno;
	if (who == P_PERSON)
		as_buf_put(&ev->actor_text, actor.s, actor.len);
	as_buf_put(&ev->subject_text, subject.s, subject.len);
	as_excerpt_append(&ev->excerpt, line.s, line.len, MAX_EXCERPT);
	as_excerpt_append(&ev->title, title.s, title.len, MAX_TITLE);
}

typedef struct {
	span items[32];
	int who[32];
	size_t n;
} people;

static void people_add(people *ps, span x, int who)
{
	if (who == P_NOBODY || ps->n == 32)
		return;
	if (who == P_AUTHOR)
		x.len = 0;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->items[i].len == x.len && !strncasecmp(ps->items[i].s, x.s, x.len))
			return;
	ps->items[ps->n] = x;
	ps->who[ps->n++] = who;
}

/*
 * The people of an owner value: "@bob", "bob, carol", "Bob Stone & Carol
 * Ng", "@bob @carol". An item with mentions gives its mentions; any other
 * item is a name. `w` is the work copy (offsets as in `raw`).
 */
static void split_people(people *ps, const char *raw, const char *w, size_t from, size_t to)
{
	size_t i = from;
	while (i < to) {
		size_t j = i, next;
		for (;;) {
			if (j >= to) {
				next = j;
				break;
			}
			if (w[j] == ',' || w[j] == '&' || w[j] == '+' || w[j] == ';') {
				next = j + 1;
				break;
			}
			if (j + 4 <= to && j > i && is_space((unsigned char)w[j]) &&
			    starts(w + j + 1, to - j - 1, "and") &&
			    (j + 4 == to || is_space((unsigned char)w[j + 4]))) {
				next = j + 4;
				break;
			}
			j++;
		}
		size_t so, eo, at = i, found = 0;
		while (next_mention(w, j, at, &so, &eo)) {
			people_add(ps, (span){ raw + so, eo - so }, P_PERSON);
			at = eo;
			found = 1;
		}
		if (!found) {
			span x = { raw + i, j - i };
			/* only the blanked text counts: "(assigned by @a)" is gone */
			span wx = { w + i, j - i };
			wx = trim(wx);
			if (wx.len) {
				x.s = raw + (wx.s - w);
				x.len = wx.len;
				int who = clean_person(&x);
				people_add(ps, x, who);
			}
		}
		i = next;
	}
}

/* ---- "assigned by X" ------------------------------------------------------------ */

static const char *const actor_verbs[] = {
	"re-assigned", "reassigned", "assigned", "delegated", "tasked",
	"handed over", "handed", "requested", "asked",
};

/*
 * Finds "assigned by X" and its kin in w[0..n). Sets the phrase span
 * (blanked by the caller: its mention is not an owner) and the actor: a
 * mention, an e-mail, up to three capitalised words ("Alice Liddell"), or
 * one word ("alice"). "(assigned by Alice Liddell on Monday)" is blanked
 * whole.
 */
static int find_actor(const char *raw, const char *w, size_t n, size_t *pso, size_t *peo,
		      span *actor, int *who)
{
	size_t paren = NONE; /* the last '(' or ')' before i */
	for (size_t i = 0; i < n; i++) {
		if (i && (w[i - 1] == '(' || w[i - 1] == ')'))
			paren = i - 1;
		if (i && (is_alnum((unsigned char)w[i - 1]) || w[i - 1] == '-'))
			continue;
		size_t k, v;
		for (v = 0; v < sizeof(actor_verbs) / sizeof(actor_verbs[0]); v++)
			if (starts(w + i, n - i, actor_verbs[v]))
				break;
		if (v == sizeof(actor_verbs) / sizeof(actor_verbs[0]))
			continue;
		k = i + strlen(actor_verbs[v]);
		size_t sp = k;
		while (k < n && is_space((unsigned char)w[k]))
			k++;
		if (k == sp || !starts(w + k, n - k, "by"))
			continue;
		k += 2;
		if (k < n && is_alnum((unsigned char)w[k]))
			continue;
		while (k < n && (is_space((unsigned char)w[k]) || w[k] == ':' || w[k] == '*' || w[k] == '_'))
			k++;
		if (k >= n)
			continue;

		/* inside "( ... )"? */
		size_t open = paren != NONE && w[paren] == '(' ? paren : NONE;
		size_t start = k, end;
		if (w[k] == '@') {
			size_t so, eo;
			if (!next_mention(w, n, k, &so, &eo) || so != k)
				continue;
			end = eo;
		} else {
			end = k;
			const char *at = NULL;
			while (end < n && !is_space((unsigned char)w[end]) && !strchr(",;)|", w[end])) {
				if (w[end] == '@')
					at = w + end;
				end++;
			}
			if (!at && w[k] >= 'A' && w[k] <= 'Z') {
				/* up to three capitalised words */
				int words = 1;
				size_t e = end;
				while (words < 3) {
					size_t s2 = e;
					while (s2 < n && w[s2] == ' ')
						s2++;
					if (s2 == e || s2 >= n || !(w[s2] >= 'A' && w[s2] <= 'Z'))
						break;
					e = s2;
					while (e < n && !is_space((unsigned char)w[e]) && !strchr(",;)|", w[e]))
						e++;
					end = e;
					words++;
				}
			}
		}
		span x = { raw + start, end - start };
		*who = clean_person(&x);
		*actor = x;
		/* "(assigned by X)" goes whole; in "(Owner: @bob, assigned by
		 * X)" only the phrase does, the ')' stays to end the value */
		size_t b = open != NONE ? open + 1 : i;
		while (b < i && is_space((unsigned char)w[b]))
			b++;
		int whole = open != NONE && b == i;
		*pso = whole ? open : i;
		*peo = end;
		if (whole) {
			/* the rest of the parentheses ("on Monday") goes too */
			size_t close = end;
			while (close < n && w[close] != ')' && w[close] != '(')
				close++;
			if (close < n && w[close] == ')')
				*peo = close + 1;
		}
		return 1;
	}
	return 0;
}

/* ---- Owner: keys ------------------------------------------------------------------ */

static const char *const owner_keys[] = {
	"assigned to", "assigned-to", "assignees", "assignee", "owners", "owner", "dri",
};

/*
 * The next "Owner:"-like key in w[from..n): sets the span of its value.
 * The value ends at the end of the line, at the ')' that closes a '('
 * before the key, at ';' or '|', at a spaced dash, or before the next
 * "Word:" key.
 */
static int next_owner_key(const char *w, size_t n, size_t from, size_t *vso, size_t *veo)
{
	size_t paren = NONE; /* the last '(' or ')' before i */
	for (size_t j = 0; j < from && j < n; j++)
		if (w[j] == '(' || w[j] == ')')
			paren = j;
	for (size_t i = from; i < n; i++) {
		if (i && i > from && (w[i - 1] == '(' || w[i - 1] == ')'))
			paren = i - 1;
		if (i && (is_alnum((unsigned char)w[i - 1]) || strchr("-_@/", w[i - 1])))
			continue;
		size_t k, key;
		for (key = 0; key < sizeof(owner_keys) / sizeof(owner_keys[0]); key++)
			if (starts(w + i, n - i, owner_keys[key]))
				break;
		if (key == sizeof(owner_keys) / sizeof(owner_keys[0]))
			continue;
		k = i + strlen(owner_keys[key]);
		if (k < n && (is_alnum((unsigned char)w[k]) || w[k] == '-'))
			continue;
		while (k < n && (w[k] == '*' || w[k] == '_'))
			k++;
		while (k < n && is_space((unsigned char)w[k]))
			k++;
		if (k < n && w[k] == ':') {
			k++;
			while (k < n && (w[k] == '*' || w[k] == '_'))
				k++;
		} else if (key <= 1) {
			/* "assigned to @bob" without a colon: only a person */
			if (k >= n || !(w[k] == '@' || (w[k] >= 'A' && w[k] <= 'Z') ||
					(starts(w + k, n - k, "me") &&
					 (k + 2 == n || !is_alnum((unsigned char)w[k + 2])))))
				continue;
		} else {
			continue;
		}
		size_t open = paren != NONE && w[paren] == '(' ? paren : NONE;
		size_t e = k;
		for (; e < n; e++) {
			if (open != NONE && w[e] == ')')
				break;
			if (w[e] == ';' || w[e] == '|')
				break;
			if (e + 2 < n && w[e] == ' ' && w[e + 2] == ' ' && w[e + 1] == '-')
				break;
			if (e + 4 < n && w[e] == ' ' && !memcmp(w + e + 1, "\xE2\x80", 2) &&
			    ((unsigned char)w[e + 3] == 0x93 || (unsigned char)w[e + 3] == 0x94))
				break;
			if (w[e] == '.' && (e + 1 == n || w[e + 1] == ' '))
				break;
			if (w[e] == ':' && e > k && (e + 1 == n || is_space((unsigned char)w[e + 1]))) {
				/* "... Reviewer: @carol": back to the start of that key */
				size_t b = e;
				while (b > k && (is_alnum((unsigned char)w[b - 1]) || w[b - 1] == '-' ||
						 w[b - 1] == '*' || w[b - 1] == '_'))
					b--;
				e = b;
				break;
			}
		}
		*vso = k;
		*veo = e;
		return 1;
	}
	return 0;
}

/* "by X" inside an owner value ("assigned to @bob by @alice"). */
static int value_by(const char *w, size_t from, size_t to, size_t *at)
{
	for (size_t i = from; i + 3 < to; i++)
		if (is_space((unsigned char)w[i]) && starts(w + i + 1, to - i - 1, "by") &&
		    is_space((unsigned char)w[i + 3])) {
			*at = i;
			return 1;
		}
	return 0;
}

/* ---- line shapes ------------------------------------------------------------------ */

/* "- [ ] text", "* [x] text", "1. [ ] text" (after quotes and indent):
 * returns the offset of the text, or NONE. */
static size_t task_item(const char *w, size_t n)
{
	size_t i = 0;
	while (i < n && (is_space((unsigned char)w[i]) || w[i] == '>'))
		i++;
	if (i < n && (w[i] == '-' || w[i] == '*' || w[i] == '+')) {
		i++;
	} else {
		size_t d = i;
		while (i < n && w[i] >= '0' && w[i] <= '9' && i - d < 9)
			i++;
		if (i == d || i >= n || (w[i] != '.' && w[i] != ')'))
			return NONE;
		i++;
	}
	if (i >= n || !is_space((unsigned char)w[i]))
		return NONE;
	while (i < n && is_space((unsigned char)w[i]))
		i++;
	if (i + 2 >= n || w[i] != '[' || w[i + 2] != ']' || !strchr(" xX", w[i + 1]))
		return NONE;
	i += 3;
	if (i < n && !is_space((unsigned char)w[i]))
		return NONE;
	while (i < n && is_space((unsigned char)w[i]))
		i++;
	return i;
}

/* "## Title ##" -> "Title"; len 0 when not a heading. */
static span heading_text(span line)
{
	span none = { line.s, 0 };
	size_t i = 0, n = line.len;
	while (i < n && i < 3 && line.s[i] == ' ')
		i++;
	size_t h = i;
	while (i < n && line.s[i] == '#')
		i++;
	if (i == h || i - h > 6 || (i < n && !is_space((unsigned char)line.s[i])))
		return none;
	span t = trim((span){ line.s + i, n - i });
	while (t.len && t.s[t.len - 1] == '#')
		t.len--;
	t = trim(t);
	return t.len ? t : none;
}

/* ``` or ~~~ (3 or more): the fence character and length, else 0. */
static int fence(span line, char *ch, size_t *count)
{
	size_t i = 0;
	while (i < line.len && is_space((unsigned char)line.s[i]))
		i++;
	if (i >= line.len || (line.s[i] != '`' && line.s[i] != '~'))
		return 0;
	size_t k = i;
	while (k < line.len && line.s[k] == line.s[i])
		k++;
	if (k - i < 3)
		return 0;
	*ch = line.s[i];
	*count = k - i;
	return 1;
}

/* ---- tables ------------------------------------------------------------------------ */

typedef struct {
	size_t so[64], eo[64];
	size_t n;
} cells;

/* Splits a table row at '|' (not "\|", not inside blanked code). */
static void split_cells(cells *c, const char *w, size_t n)
{
	size_t i = 0, e = n;
	c->n = 0;
	while (i < n && is_space((unsigned char)w[i]))
		i++;
	while (e > i && is_space((unsigned char)w[e - 1]))
		e--;
	if (i < e && w[i] == '|')
		i++;
	if (e > i && w[e - 1] == '|' && (e < 2 || w[e - 2] != '\\'))
		e--;
	size_t start = i;
	for (size_t k = i; k <= e && c->n < 64; k++) {
		if (k == e || (w[k] == '|' && (k == 0 || w[k - 1] != '\\'))) {
			c->so[c->n] = start;
			c->eo[c->n] = k;
			c->n++;
			start = k + 1;
		}
	}
}

static int is_separator(span line)
{
	cells c;
	if (!memchr(line.s, '|', line.len) && !memchr(line.s, '-', line.len))
		return 0;
	split_cells(&c, line.s, line.len);
	if (!c.n)
		return 0;
	for (size_t i = 0; i < c.n; i++) {
		span x = trim((span){ line.s + c.so[i], c.eo[i] - c.so[i] });
		size_t dashes = 0;
		for (size_t k = 0; k < x.len; k++) {
			if (x.s[k] == '-')
				dashes++;
			else if (x.s[k] != ':' || (k && k + 1 < x.len))
				return 0;
		}
		if (!dashes)
			return 0;
	}
	return memchr(line.s, '|', line.len) != NULL;
}

enum { COL_OTHER, COL_OWNER, COL_ACTOR, COL_TITLE, COL_STATUS };

static int column_kind(span cell)
{
	static const char *const owner[] = { "owner", "owners", "assignee", "assignees",
					     "assigned to", "assigned-to", "dri", "who" };
	static const char *const actor[] = { "assigned by", "assigned-by", "assigner",
					     "requested by", "requester" };
	static const char *const title[] = { "task", "tasks", "title", "summary", "item",
					     "what", "description", "todo", "story", "issue" };
	static const char *const status[] = { "status", "state", "done", "due", "priority",
					      "estimate", "points", "#", "id" };
	span x = trim(cell);
	while (x.len && strchr("*_`", x.s[0]))
		x.s++, x.len--;
	while (x.len && strchr("*_`:", x.s[x.len - 1]))
		x.len--;
	x = trim(x);
	for (size_t i = 0; i < sizeof(owner) / sizeof(*owner); i++)
		if (span_is(x, owner[i]))
			return COL_OWNER;
	for (size_t i = 0; i < sizeof(actor) / sizeof(*actor); i++)
		if (span_is(x, actor[i]))
			return COL_ACTOR;
	for (size_t i = 0; i < sizeof(title) / sizeof(*title); i++)
		if (span_is(x, title[i]))
			return COL_TITLE;
	for (size_t i = 0; i < sizeof(status) / sizeof(*status); i++)
		if (span_is(x, status[i]))
			return COL_STATUS;
	return COL_OTHER;
}

typedef struct {
	int active;
	size_t owner, actor, title;
} table;

static void table_header(table *t, span line)
{
	cells c;
	size_t other = NONE;
	split_cells(&c, line.s, line.len);
	t->active = 1;
	t->owner = t->actor = t->title = NONE;
	for (size_t i = 0; i < c.n; i++) {
		int k = column_kind((span){ line.s + c.so[i], c.eo[i] - c.so[i] });
		if (k == COL_OWNER && t->owner == NONE)
			t->owner = i;
		else if (k == COL_ACTOR && t->actor == NONE)
			t->actor = i;
		else if (k == COL_TITLE && t->title == NONE)
			t->title = i;
		else if (k == COL_OTHER && other == NONE)
			other = i;
	}
	if (t->title == NONE)
		t->title = other;
}

/* ---- one line ---------------------------------------------------------------------- */

/* The actor of a line: its own "assigned by", else its section's. */
static void line_actor(md *p, size_t lineno, char *w, size_t n, const char *raw,
		       span *actor, int *who)
{
	size_t pso, peo;
	*who = P_NOBODY;
	if (find_actor(raw, w, n, &pso, &peo, actor, who)) {
		blank(w, pso, peo);
		return;
	}
	span sec = p->section_actor[lineno];
	if (sec.len) {
		*actor = sec;
		*who = clean_person(actor);
	}
}

static void emit_people(md *p, size_t lineno, span line, const people *ps, int who,
			span actor, span title)
{
	for (size_t i = 0; i < ps->n; i++)
		emit(p, lineno, line, who, actor, ps->items[i], title);
}

/* The people an owner key names on this line; an actor "by X" in a value
 * is taken when the line has none. */
static int owner_values(people *ps, const char *raw, char *w, size_t n, span *actor, int *who)
{
	size_t vso, veo, from = 0;
	int found = 0, keys = 0;
	while (keys++ < 16 && next_owner_key(w, n, from, &vso, &veo)) {
		size_t by;
		found = 1;
		if (value_by(w, vso, veo, &by)) {
			size_t pso, peo;
			span a;
			int aw;
			if (find_actor(raw, w, n, &pso, &peo, &a, &aw) == 0) {
				size_t k = by + 4;
				while (k < veo && is_space((unsigned char)w[k]))
					k++;
				span x = { raw + k, veo - k };
				if (*who == P_NOBODY) {
					*who = clean_person(&x);
					*actor = x;
				}
			}
			split_people(ps, raw, w, vso, by);
		} else {
			split_people(ps, raw, w, vso, veo);
		}
		from = veo > vso ? veo : vso + 1;
	}
	return found;
}

/* Words after which the mentions that follow are thanked, credited or
 * copied, not given the task: "thanks @bob", "reported by @carol",
 * "h/t @dave". */
static const char *const credit_words[] = {
	"thanks", "thank", "thx", "ty", "kudos", "props", "credit", "credits", "shoutout",
	"shout-out", "h/t", "ht", "fyi", "ping", "pinging", "via", "reported", "suggested",
	"found", "spotted", "raised", "noticed", "flagged", "reviewed", "idea", "inspired",
};
/* Words that do not end such a run of mentions ("thanks to @a and @b"). */
static const char *const credit_glue[] = {
	"and", "or", "by", "to", "you", "from", "for", "the", "of", "&",
};

static int word_in(const char *w, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && !strncasecmp(w, list[i], len))
			return 1;
	return 0;
}

/*
 * Mentions on a task line, outside "cc" zones ("cc @dave" up to a ')')
 * and outside credits ("thanks @bob", "reported by @carol and @dave": the
 * mentions that follow such a word, up to the next other word or the end
 * of the clause: ')', ';', '.').
 */
static void task_mentions(people *ps, const char *raw, const char *w, size_t from, size_t n)
{
	size_t so, eo, at = from, k = from;
	int cc = 0, credit = 0;
	while (ps->n < 32 && next_mention(w, n, at, &so, &eo)) {
		while (k < so) {
			if (w[k] == ')' || w[k] == ';' || w[k] == '.') {
				cc &= w[k] != ')';
				credit = 0;
				k++;
				continue;
			}
			if (!is_alnum((unsigned char)w[k]) && w[k] != '&') {
				k++;
				continue;
			}
			size_t e = k;
			while (e < so && (is_alnum((unsigned char)w[e]) || strchr("-/&", w[e])))
				e++;
			if (e - k == 2 && !strncasecmp(w + k, "cc", 2))
				cc = 1;
			else if (word_in(w + k, e - k, credit_words,
					 sizeof(credit_words) / sizeof(*credit_words)))
				credit = 1;
			else if (!word_in(w + k, e - k, credit_glue,
					  sizeof(credit_glue) / sizeof(*credit_glue)))
				credit = 0;
			k = e;
		}
		if (!cc && !credit)
			people_add(ps, (span){ raw + so, eo - so }, P_PERSON);
		at = k = eo;
	}
}

/* ---- a line addressed to someone, "assigning @bob to ..." ------------------- */

/* Past "- ", "* ", "1. ", quote markers and emphasis at the start of a
 * line; *item says whether it is a list item. */
static size_t line_start(const char *w, size_t n, int *item)
{
	size_t i = 0;
	*item = 0;
	while (i < n && (is_space((unsigned char)w[i]) || w[i] == '>'))
		i++;
	if (i + 1 < n && strchr("-*+", w[i]) && is_space((unsigned char)w[i + 1])) {
		*item = 1;
		i += 2;
	} else {
		size_t d = i;
		while (i < n && w[i] >= '0' && w[i] <= '9' && i - d < 9)
			i++;
		if (i > d && i + 1 < n && (w[i] == '.' || w[i] == ')') && is_space((unsigned char)w[i + 1]))
			*item = 1, i += 2;
		else
			i = d;
	}
	while (i < n && (is_space((unsigned char)w[i]) || w[i] == '*' || w[i] == '_'))
		i++;
	return i;
}

/* A run of mentions from w[i]: "@bob", "@bob and @carol", "@bob, @carol";
 * returns where it ends (i when there is none). */
static size_t mention_run(people *ps, const char *raw, const char *w, size_t n, size_t i)
{
	size_t so, eo, end = i;
	for (;;) {
		size_t k = end;
		while (k < n && (is_space((unsigned char)w[k]) || w[k] == ',' || w[k] == '&' ||
				 w[k] == '/'))
			k++;
		if (k > end && k + 3 < n && end > i && !strncasecmp(w + k, "and", 3) &&
		    is_space((unsigned char)w[k + 3]))
			k += 3;
		while (k < n && is_space((unsigned char)w[k]))
			k++;
		if (k >= n || w[k] != '@' || !next_mention(w, n, k, &so, &eo) || so != k)
			return end;
		people_add(ps, (span){ raw + so, eo - so }, P_PERSON);
		end = eo;
	}
}

/* What a request to someone starts with ("@bob: please take ..."). */
static const char *const request_words[] = {
	"please", "pls", "plz", "can you", "could you", "would you", "will you", "can u",
	"you take", "you own", "you're on", "you are on", "yours", "your turn", "over to you",
	"take", "pick up", "grab", "own", "handle", "assigned", "assigning", "all yours",
};
/* What a reply or a thank-you starts with: no task. */
static const char *const courtesy_words[] = {
	"thanks", "thank", "thx", "ty", "kudos", "congrats", "nice", "great", "good", "lgtm",
	"+1", "cc", "fyi", "welcome", "sorry", "agreed", "agree", "yes", "no", "ok", "okay",
	"sure", "done", "fixed", "i ", "i'm", "i think", "we ", "did you", "do you", "have you",
	"are you", "is it", "what", "why", "how", "when", "where", "which", "who",
	/* who is away is no task: "- @kim: out this week" */
	"out", "off", "away", "ooo", "on vacation", "on leave", "on holiday", "sick", "back",
};

static int starts_word(const char *s, size_t n, const char *w)
{
	size_t len = strlen(w);
	return starts(s, n, w) &&
	       (len == n || !is_alnum((unsigned char)s[len]) || !is_alnum((unsigned char)w[len - 1]));
}

static int starts_any(const char *s, size_t n, const char *const *list, size_t nlist)
{
	for (size_t i = 0; i < nlist; i++)
		if (starts_word(s, n, list[i]))
			return 1;
	return 0;
}

/*
 * A line that gives the task to the people it starts with:
 *   - @bob: finish the exporter          (a list item: a plan's line)
 *   @bob: please take the exporter       (otherwise: a request must follow)
 *   @bob @carol can you pair on the cache?
 * Not "@bob: thanks!", "@bob: did you see the logs?" (a reply).
 */
static int addressed(people *ps, const char *raw, const char *w, size_t n, span *title)
{
	int item;
	size_t i = line_start(w, n, &item);
	people found = { .n = 0 };
	size_t end = mention_run(&found, raw, w, n, i);
	if (end == i)
		return 0;
	size_t k = end;
	while (k < n && (w[k] == '*' || w[k] == '_'))
		k++;
	int colon = k < n && (w[k] == ':' || w[k] == ',');
	if (colon)
		k++;
	while (k < n && is_space((unsigned char)w[k]))
		k++;
	if (!colon && k + 1 < n && (w[k] == '-' || !memcmp(w + k, "\xE2\x80", 2)))
		return 0; /* "@bob - ..." is a heading of notes, not an address */
	span rest = trim((span){ w + k, n - k });
	if (!rest.len || starts_any(rest.s, rest.len, courtesy_words,
				    sizeof(courtesy_words) / sizeof(*courtesy_words)))
		return 0;
	int request = starts_any(rest.s, rest.len, request_words,
				 sizeof(request_words) / sizeof(*request_words));
	if (!request && (!item || !colon || rest.s[rest.len - 1] == '?'))
		return 0;
	for (size_t p = 0; p < found.n; p++)
		people_add(ps, found.items[p], found.who[p]);
	*title = trim((span){ raw + k, n - k });
	return 1;
}

/* "assigning @bob to the exporter", "I'm assigning this to @carol",
 * "assigned @dave to the cache" (not "assigned to", an owner key, nor
 * "assigned by", who assigned). */
static int assigning(people *ps, const char *raw, const char *w, size_t n)
{
	static const char *const verbs[] = {
		"reassigning", "re-assigning", "assigning", "reassigned", "assigned",
		"reassign", "assign",
	};
	static const char *const objects[] = {
		"this", "it", "that", "these", "the task", "the ticket", "the issue", "the work",
	};
	for (size_t i = 0; i < n; i++) {
		if (i && (is_alnum((unsigned char)w[i - 1]) || w[i - 1] == '-'))
			continue;
		size_t v;
		for (v = 0; v < sizeof(verbs) / sizeof(*verbs); v++)
			if (starts_word(w + i, n - i, verbs[v]))
				break;
		if (v == sizeof(verbs) / sizeof(*verbs))
			continue;
		size_t k = i + strlen(verbs[v]);
		while (k < n && is_space((unsigned char)w[k]))
			k++;
		for (size_t o = 0; o < sizeof(objects) / sizeof(*objects); o++)
			if (starts_word(w + k, n - k, objects[o])) {
				k += strlen(objects[o]);
				while (k < n && is_space((unsigned char)w[k]))
					k++;
				if (!starts_word(w + k, n - k, "to"))
					k = n; /* "assign it later" */
				break;
			}
		if (k < n && starts_word(w + k, n - k, "to") && !strncasecmp(verbs[v] + strlen(verbs[v]) - 2, "ed", 2))
			continue; /* "assigned to": the owner key's */
		if (k < n && starts_word(w + k, n - k, "to"))
			k += 2;
		if (mention_run(ps, raw, w, n, k) > k)
			return 1;
	}
	return 0;
}

static void do_line(md *p, size_t lineno, span line, span title_hint)
{
	char *w = p->work.ptr;
	size_t n = p->work.len;
	people ps = { .n = 0 };
	span actor = { "", 0 };
	int who;

	line_actor(p, lineno, w, n, line.s, &actor, &who);
	size_t text = task_item(w, n);
	span title = text != NONE ? trim((span){ line.s + text, line.len - text }) : title_hint;
	if (!owner_values(&ps, line.s, w, n, &actor, &who)) {
		if (text != NONE)
			task_mentions(&ps, line.s, w, text, n);
		else if (!addressed(&ps, line.s, w, n, &title))
			assigning(&ps, line.s, w, n);
	}
	if (!ps.n)
		return;
	emit_people(p, lineno, line, &ps, who, actor, title);
}

static void do_row(md *p, size_t lineno, span line, const table *t)
{
	char *w = p->work.ptr;
	size_t n = p->work.len;
	cells c;
	people ps = { .n = 0 };
	span actor = { "", 0 }, title = { "", 0 };
	int who = P_NOBODY;

	split_cells(&c, w, n);
	if (t->actor != NONE && t->actor < c.n) {
		size_t so, eo;
		span cell = { line.s + c.so[t->actor], c.eo[t->actor] - c.so[t->actor] };
		if (next_mention(w, c.eo[t->actor], c.so[t->actor], &so, &eo))
			cell = (span){ line.s + so, eo - so };
		actor = cell;
		who = clean_person(&actor);
	}
	if (who == P_NOBODY)
		line_actor(p, lineno, w, n, line.s, &actor, &who);
	if (t->owner < c.n) {
		size_t so = c.so[t->owner], eo = c.eo[t->owner], by;
		if (value_by(w, so, eo, &by)) {
			span x = { line.s + by + 4, eo - by - 4 };
			if (who == P_NOBODY) {
				who = clean_person(&x);
				actor = x;
			}
			eo = by;
		}
		split_people(&ps, line.s, w, so, eo);
	}
	if (t->title != NONE && t->title < c.n)
		title = trim((span){ line.s + c.so[t->title], c.eo[t->title] - c.so[t->title] });
	emit_people(p, lineno, line, &ps, who, actor, title);
}

/* ---- front matter -------------------------------------------------------------------- */

static int fm_key_is(span key, const char *const *names, size_t n)
{
	char norm[32];
	if (key.len >= sizeof(norm))
		return 0;
	for (size_t i = 0; i < key.len; i++)
		norm[i] = key.s[i] == '-' || key.s[i] == ' ' ? '_' : key.s[i];
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == key.len && !strncasecmp(names[i], norm, key.len))
			return 1;
	return 0;
}

static const char *const fm_owner_keys[] = {
	"assignee", "assignees", "owner", "owners", "assigned_to", "dri",
};
static const char *const fm_actor_keys[] = {
	"assigned_by", "assigner", "requested_by",
};

/* A YAML value without its comment and quotes; [a, b] lists keep their
 * brackets for fm_items(). */
static span fm_value(span v)
{
	v = trim(v);
	for (size_t i = 0; i < v.len; i++) {
		if (v.s[i] == '#' && (i == 0 || is_space((unsigned char)v.s[i - 1]))) {
			int quoted = 0;
			for (size_t k = 0; k < i; k++)
				if (v.s[k] == '"' || v.s[k] == '\'')
					quoted = !quoted;
			if (!quoted) {
				v.len = i;
				break;
			}
		}
	}
	return trim(v);
}

static void fm_items(people *ps, span v)
{
	v = fm_value(v);
	if (v.len >= 2 && v.s[0] == '[' && v.s[v.len - 1] == ']') {
		v.s++;
		v.len -= 2;
	}
	size_t i = 0;
	while (i <= v.len) {
		size_t j = i;
		while (j < v.len && v.s[j] != ',')
			j++;
		span x = { v.s + i, j - i };
		int who = clean_person(&x);
		people_add(ps, x, who);
		i = j + 1;
	}
}

/* Front matter: lines 1..end-1 between "---" lines. Returns the line
 * after it (1 when there is none). */
static size_t front_matter(md *p)
{
	if (!p->nlines || !span_is(trim(p->lines[0]), "---"))
		return 1;
	size_t end = 0;
	for (size_t i = 1; i < p->nlines && !end; i++) {
		span t = trim(p->lines[i]);
		if (span_is(t, "---") || span_is(t, "..."))
			end = i;
	}
	if (!end)
		return 1;

	span actor = { "", 0 };
	int who = P_NOBODY;
	for (size_t i = 1; i < end; i++) {
		span l = p->lines[i];
		const char *colon = memchr(l.s, ':', l.len);
		if (!l.len || is_space((unsigned char)l.s[0]) || !colon)
			continue;
		span key = trim((span){ l.s, (size_t)(colon - l.s) });
		span val = fm_value((span){ colon + 1, l.len - (size_t)(colon + 1 - l.s) });
		if (fm_key_is(key, fm_actor_keys, 3) && who == P_NOBODY && val.len) {
			people one = { .n = 0 };
			fm_items(&one, val);
			if (one.n) {
				actor = one.items[0];
				who = one.who[0];
			}
		} else if (span_is(key, "title")) {
			span t = val;
			if (t.len >= 2 && (t.s[0] == '"' || t.s[0] == '\'') && t.s[t.len - 1] == t.s[0])
				t.s++, t.len -= 2;
			p->fm_title = t;
		}
	}

	span title = p->fm_title.len ? p->fm_title : p->first_heading;
	int in_list = 0;
	for (size_t i = 1; i < end; i++) {
		span l = p->lines[i];
		span t = trim(l);
		people ps = { .n = 0 };
		if (l.len && !is_space((unsigned char)l.s[0]) && l.s[0] != '-') {
			const char *colon = memchr(l.s, ':', l.len);
			in_list = 0;
			if (!colon)
				continue;
			span key = trim((span){ l.s, (size_t)(colon - l.s) });
			if (!fm_key_is(key, fm_owner_keys, 6))
				continue;
			span val = fm_value((span){ colon + 1, l.len - (size_t)(colon + 1 - l.s) });
			if (!val.len) {
				in_list = 1;
				continue;
			}
			fm_items(&ps, val);
		} else if (in_list && t.len && t.s[0] == '-') {
			fm_items(&ps, (span){ t.s + 1, t.len - 1 });
		} else {
			continue;
		}
		if (wanted(p, i + 1))
			emit_people(p, i + 1, l, &ps, who, actor, title);
	}
	return end + 2;
}

/* ---- the sections' assigners ----------------------------------------------------------- */

/*
 * A section (the lines under a heading) may say who assigned its tasks:
 * in the heading ("## Sprint 12 (assigned by @alice)") or on a line of
 * its own ("Assigned by: @alice"). Fills p->section_actor per line.
 */
static void sections(md *p, size_t body)
{
	size_t start = body - 1;
	span actor = { "", 0 };
	char fch = 0;
	size_t fcount = 0;
	int in_fence = 0;
	as_buf w = AS_BUF_INIT;

	for (size_t i = body - 1; i <= p->nlines; i++) {
		int is_heading = 0;
		span l = i < p->nlines ? p->lines[i] : (span){ "", 0 };
		char ch;
		size_t count;
		if (i < p->nlines && fence(l, &ch, &count)) {
			if (!in_fence) {
				in_fence = 1;
				fch = ch;
				fcount = count;
			} else if (ch == fch && count >= fcount) {
				in_fence = 0;
			}
			continue;
		}
		if (in_fence && i < p->nlines)
			continue;
		span h = i < p->nlines ? heading_text(l) : (span){ "", 0 };
		is_heading = h.len > 0 || i == p->nlines;
		if (is_heading) {
			for (size_t k = start; k < i && k < p->nlines; k++)
				p->section_actor[k + 1] = actor;
			start = i;
			actor = (span){ "", 0 };
			if (h.len && !p->first_heading.len)
				p->first_heading = h;
		}
		if (i >= p->nlines)
			break;
		as_buf_clear(&w);
		as_buf_put(&w, l.s, l.len);
		size_t pso, peo, k = 0;
		span a;
		int who;
		const char *ws = w.ptr ? w.ptr : "";
		if (!is_heading) {
			/* only "Assigned by: X" standing alone */
			while (k < l.len && (is_space((unsigned char)ws[k]) || strchr("-*+>_", ws[k])))
				k++;
			if (!starts(ws + k, l.len - k, "assigned by") &&
			    !starts(ws + k, l.len - k, "requested by") &&
			    !starts(ws + k, l.len - k, "assigner"))
				continue;
			if (starts(ws + k, l.len - k, "assigner")) {
				size_t c = k + 8;
				while (c < l.len && (ws[c] == '*' || ws[c] == '_' || is_space((unsigned char)ws[c])))
					c++;
				if (c < l.len && ws[c] == ':') {
					span x = { l.s + c + 1, l.len - c - 1 };
					if (clean_person(&x) != P_NOBODY && !actor.len)
						actor = x;
				}
				continue;
			}
		}
		if (find_actor(l.s, ws, l.len, &pso, &peo, &a, &who) && who == P_PERSON && !actor.len)
			actor = a;
	}
	as_buf_free(&w);
}

/* ---- the file ---------------------------------------------------------------------------- */

void as_tracker_md_scan(as_events *out, const char *text, size_t len,
			const unsigned char *want, size_t nwant)
{
	md p = { .out = out, .want = want, .nwant = nwant };
	size_t alloc = 0;
	table t = { 0 };
	int in_fence = 0;
	char fch = 0;
	size_t fcount = 0;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		AS_GROW(p.lines, p.nlines + 1, alloc);
		span l = { text + i, e - i };
		if (l.len && l.s[l.len - 1] == '\r')
			l.len--;
		p.lines[p.nlines++] = l;
		i = e + 1;
	}
	p.section_actor = as_xcalloc(p.nlines + 2, sizeof(*p.section_actor));

	/* front matter needs the first heading (its title); sections need
	 * the front matter's end: find where the body starts first */
	size_t body = 1;
	if (p.nlines && span_is(trim(p.lines[0]), "---"))
		for (size_t i = 1; i < p.nlines; i++) {
			span tl = trim(p.lines[i]);
			if (span_is(tl, "---") || span_is(tl, "...")) {
				body = i + 2;
				break;
			}
		}
	sections(&p, body);
	body = front_matter(&p);

	for (size_t i = body - 1; i < p.nlines; i++) {
		span l = p.lines[i];
		size_t lineno = i + 1;
		char ch;
		size_t count;

		if (!p.in_comment && fence(l, &ch, &count)) {
			if (!in_fence) {
				in_fence = 1;
				fch = ch;
				fcount = count;
			} else if (ch == fch && count >= fcount) {
				in_fence = 0;
			}
			t.active = 0;
			continue;
		}
		if (in_fence)
			continue;
		span h = heading_text(l);
		if (h.len)
			p.heading = h;

		prepare(&p, l);
		if (l.len > MAX_LINE)
			continue; /* no one writes a task on 64 KiB */
		span wl = { p.work.ptr, p.work.len };
		int has_pipe = memchr(wl.s, '|', wl.len) != NULL;
		if (t.active && (!has_pipe || !trim(wl).len))
			t.active = 0;
		if (!t.active && has_pipe && i + 1 < p.nlines && is_separator(p.lines[i + 1])) {
			table_header(&t, l);
			i++; /* the separator row */
			continue;
		}
		if (!wanted(&p, lineno))
			continue;
		if (t.active && t.owner != NONE)
			do_row(&p, lineno, l, &t);
		else
			do_line(&p, lineno, l, h.len ? h : p.heading.len ? p.heading : p.fm_title);
	}
	as_buf_free(&p.work);
	free(p.lines);
	free(p.section_actor);
}
