/*
 * CODEOWNERS: GitHub's file, found, parsed and matched (see codeowners.h
 * for the rules). No regex anywhere: a pattern is compiled into a few
 * segment tokens and a path is matched by simulating the set of tokens
 * it can be at, segment by segment, so hostile patterns cannot make the
 * work explode (a regex built from "a*a*a*...b" can).
 */
#include "source/codeowners.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

/* Token kinds. A pattern is a sequence of them, each matching path
 * segments: */
enum {
	TK_ANY = 0,  /* zero or more segments (a "**" segment; the descent
		      * into a directory that a pattern matched) */
	TK_ONE = 1,  /* exactly one segment, any (a lone '*') */
	TK_GLOB = 2, /* exactly one segment matching the glob */
};

/* Texts over this are refused: offsets are 32-bit. */
#define MAX_TEXT ((size_t)1 << 30)

void as_patterns_init(as_patterns *ps)
{
	memset(ps, 0, sizeof(*ps));
}

void as_patterns_free(as_patterns *ps)
{
	free(ps->toks);
	as_buf_free(&ps->text);
	memset(ps, 0, sizeof(*ps));
}

static void add_tok(as_patterns *ps, uint8_t kind, uint32_t off, uint32_t len, uint8_t literal)
{
	AS_GROW(ps->toks, ps->ntoks + 1, ps->toks_alloc);
	as_pattern_tok *t = &ps->toks[ps->ntoks++];
	t->kind = kind;
	t->off = off;
	t->len = len;
	t->literal = literal;
}

/* Checks what GitHub rejects; returns the reason or NULL. */
static const char *pattern_problem(const char *pat, size_t len)
{
	if (!len)
		return "empty pattern";
	if (pat[0] == '!')
		return "negation ('!') is not supported in CODEOWNERS";
	if (len >= 2 && pat[0] == '\\' && pat[1] == '#')
		return "escaping a leading '#' is not supported in CODEOWNERS";
	for (size_t i = 0; i < len; i++) {
		if (pat[i] == '\\') {
			if (i + 1 == len)
				return "trailing backslash";
			if (pat[i + 1] == '/')
				return "an escaped '/' can match nothing";
			i++;
			continue;
		}
		if (pat[i] == '[' || pat[i] == ']')
			return "character ranges ('[ ]') are not supported in CODEOWNERS";
		if (pat[i] == '*' && i + 2 < len && pat[i + 1] == '*' && pat[i + 2] == '*')
			return "'***' is not a valid wildcard";
		if (pat[i] == '\0')
			return "NUL byte in pattern";
	}
	return NULL;
}

int as_patterns_add(as_patterns *ps, as_pattern *out, const char *pat,
		    size_t len, const char **why)
{
	/* segment bounds, at most MAX_SEGMENTS + 2 of them */
	size_t seg_start[AS_PATTERN_MAX_SEGMENTS + 3], seg_len[AS_PATTERN_MAX_SEGMENTS + 3];
	size_t nseg = 0, keep_toks = ps->ntoks, keep_text = ps->text.len;
	const char *problem = pattern_problem(pat, len);

	if (problem) {
		*why = problem;
		return AS_EINPUT;
	}
	if (ps->text.len + len + 1 > MAX_TEXT) {
		*why = "too much pattern text";
		return AS_EINPUT;
	}
	out->first = (uint32_t)ps->ntoks;
	out->n = 0;
	if (len == 1 && pat[0] == '/')
		return 0;   /* "/" matches nothing */

	/* split at every '/' (an escaped one was refused above) */
	for (size_t i = 0, start = 0; i <= len; i++) {
		if (i < len && pat[i] == '\\') {
			i++;
			continue;
		}
		if (i == len || pat[i] == '/') {
			if (nseg == AS_PATTERN_MAX_SEGMENTS + 2) {
				*why = "too many path segments (more than 63)";
				return AS_EINPUT;
			}
			seg_start[nseg] = start;
			seg_len[nseg] = i - start;
			nseg++;
			start = i + 1;
		}
	}

	size_t first = 0;
	int lead_any = 0, trail_dir = 0;
	if (seg_len[0] == 0) {
		first = 1;   /* leading '/': anchored at the root */
	} else if (nseg == 1 || (nseg == 2 && seg_len[1] == 0)) {
		/* one segment: matches at any depth, as if "**" came first */
		if (!(seg_len[0] == 2 && !memcmp(pat, "**", 2)))
			lead_any = 1;
	}
	if (nseg - first > 1 && seg_len[nseg - 1] == 0) {
		trail_dir = 1;  /* trailing '/': as a final "**" segment */
		nseg--;
	}

	uint32_t off = (uint32_t)ps->text.len;
	as_buf_put(&ps->text, pat, len);
	as_buf_putc(&ps->text, '\0');

	if (lead_any)
		add_tok(ps, TK_ANY, 0, 0, 0);
	size_t last = nseg - 1;
	for (size_t s = first; s < nseg; s++) {
		const char *seg = pat + seg_start[s];
		size_t n = seg_len[s];
		int is_last = s == last && !trail_dir;
		if (n == 2 && !memcmp(seg, "**", 2)) {
			if (is_last) {  /* last (or alone): one segment or more */
				add_tok(ps, TK_ONE, 0, 0, 0);
				add_tok(ps, TK_ANY, 0, 0, 0);
			} else {        /* any number of directories */
				add_tok(ps, TK_ANY, 0, 0, 0);
			}
		} else if (n == 1 && seg[0] == '*') {
			/* a lone '*': one segment, and no descent even last
			 * (docs/ then '*' is not docs/a/b) */
			add_tok(ps, TK_ONE, 0, 0, 0);
		} else {
			uint8_t literal = !memchr(seg, '*', n) && !memchr(seg, '?', n) &&
					  !memchr(seg, '\\', n);
			add_tok(ps, TK_GLOB, off + (uint32_t)seg_start[s], (uint32_t)n, literal);
			if (is_last)   /* a matched directory owns what is below */
				add_tok(ps, TK_ANY, 0, 0, 0);
		}
	}
	if (trail_dir) {
		add_tok(ps, TK_ONE, 0, 0, 0);
		add_tok(ps, TK_ANY, 0, 0, 0);
	}
	if (ps->ntoks - out->first > AS_PATTERN_MAX_SEGMENTS) {
		ps->ntoks = keep_toks;
		as_buf_truncate(&ps->text, keep_text);
		*why = "too many path segments (more than 63)";
		return AS_EINPUT;
	}
	out->n = (uint32_t)(ps->ntoks - out->first);
	return 0;
}

/* Length of the UTF-8 character at s[0] (1 for a stray byte). */
static size_t char_len(const unsigned char *s, size_t avail)
{
	size_t n = 1;
	if (s[0] >= 0xc0)
		while (n < avail && n < 4 && (s[n] & 0xc0) == 0x80)
			n++;
	return n;
}

/*
 * One segment against a glob of '*', '?' and '\x'. The classic greedy
 * match with one resume point: a '*' only ever needs to resume at the
 * latest '*' seen (the globs have no other operator), so the work is at
 * most |glob| x |segment| and usually linear.
 */
static int glob_match(const char *glob, size_t glen, const char *seg, size_t slen)
{
	const unsigned char *g = (const unsigned char *)glob, *s = (const unsigned char *)seg;
	size_t gi = 0, si = 0, star_g = SIZE_MAX, star_s = 0;

	while (si < slen) {
		if (gi < glen) {
			unsigned char c = g[gi];
			if (c == '*') {
				star_g = ++gi;
				star_s = si;
				continue;
			}
			if (c == '?') {
				gi++;
				si += char_len(s + si, slen - si);
				continue;
			}
			if (c == '\\' && gi + 1 < glen)
				c = g[++gi];
			if (c == s[si]) {
				gi++;
				si++;
				continue;
			}
		}
		if (star_g == SIZE_MAX)
			return 0;
		gi = star_g;
		star_s += char_len(s + star_s, slen - star_s);
		si = star_s;
	}
	while (gi < glen && g[gi] == '*')
		gi++;
	return gi == glen;
}

/* Adds the states reachable without reading: past every TK_ANY. */
static uint64_t closure(const as_pattern_tok *t, uint32_t n, uint64_t set)
{
	for (uint32_t i = 0; i < n; i++)
		if ((set >> i & 1) && t[i].kind == TK_ANY)
			set |= (uint64_t)1 << (i + 1);
	return set;
}

int as_pattern_match(const as_patterns *ps, const as_pattern *p, const char *path,
		     size_t len)
{
	const as_pattern_tok *t;
	const char *text = ps->text.ptr;
	uint32_t n = p->n;
	uint64_t set;
	size_t pos = 0;

	if (!n || !len)
		return 0;
	t = ps->toks + p->first;  /* (after the test: toks may be NULL) */
	set = closure(t, n, 1);
	for (;;) {
		const char *slash = memchr(path + pos, '/', len - pos);
		size_t end = slash ? (size_t)(slash - path) : len;
		const char *seg = path + pos;
		size_t slen = end - pos;
		uint64_t next = 0, todo = set & (((uint64_t)1 << n) - 1);

		while (todo) {
			uint32_t i = (uint32_t)__builtin_ctzll(todo);
			todo &= todo - 1;
			switch (t[i].kind) {
			case TK_ANY:
				next |= (uint64_t)1 << i;
				break;
			case TK_ONE:
				if (slen)
					next |= (uint64_t)1 << (i + 1);
				break;
			default:
				if (t[i].literal
				    ? slen == t[i].len && !memcmp(seg, text + t[i].off, slen)
				    : glob_match(text + t[i].off, t[i].len, seg, slen))
					next |= (uint64_t)1 << (i + 1);
				break;
			}
		}
		set = closure(t, n, next);
		if (!set)
			return 0;
		if (!slash)
			break;
		pos = end + 1;
	}
	return (int)(set >> n & 1);
}

/* ---- CODEOWNERS -------------------------------------------------------- */

void as_codeowners_init(as_codeowners *co)
{
	memset(co, 0, sizeof(*co));
}

static void index_free(struct as_codeowners_index *ix);
static void index_build(as_codeowners *co);

void as_codeowners_free(as_codeowners *co)
{
	index_free(co->index_);
	free(co->path);
	free(co->rules);
	free(co->owners);
	as_patterns_free(&co->patterns);
	memset(co, 0, sizeof(*co));
}

static void line_error(as_codeowners *co, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void line_error(as_codeowners *co, uint32_t line, const char *fmt, ...)
{
	if (co->nerrors < AS_CODEOWNERS_MAX_ERRORS) {
		as_codeowners_error *e = &co->errors[co->nerrors];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
		e->line = line;
	}
	co->nerrors++;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int handle_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* @user, @org/team, or an e-mail address (user@host.domain). */
static int valid_owner(const char *s, size_t n)
{
	size_t i, at = SIZE_MAX, dot = SIZE_MAX;
	if (n < 2)
		return 0;
	if (s[0] == '@') {
		size_t slash = SIZE_MAX;
		for (i = 1; i < n; i++) {
			if (s[i] == '/' && slash == SIZE_MAX && i > 1)
				slash = i;
			else if (!handle_char((unsigned char)s[i]))
				return 0;
		}
		return slash == SIZE_MAX || slash + 1 < n;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '@') {
			if (at != SIZE_MAX)
				return 0;
			at = i;
		} else if (at == SIZE_MAX) {
			if (c <= ' ' || c >= 0x7f || strchr("\"(),:;<>[\\]", c))
				return 0;
		} else {
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '-' || c == '.'))
				return 0;
			if (c == '.')
				dot = i;
		}
	}
	return at != SIZE_MAX && at > 0 && dot != SIZE_MAX && dot > at + 1 && dot + 1 < n;
}

static void parse_line(as_codeowners *co, const char *s, size_t n, uint32_t line)
{
	size_t i = 0, start, keep_text = co->patterns.text.len;
	as_pattern pat;
	const char *why;

	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return;
	if (memchr(s, '\0', n)) {
		line_error(co, line, "NUL byte in line");
		return;
	}
	start = i;
	while (i < n && !is_blank(s[i])) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		i++;
	}
	if (as_patterns_add(&co->patterns, &pat, s + start, i - start, &why) < 0) {
		line_error(co, line, "%s", why);
		return;
	}

	/* owners up to the end or a '#' that starts a word */
	size_t first_owner = co->nowners;
	for (;;) {
		while (i < n && is_blank(s[i]))
			i++;
		if (i == n || s[i] == '#')
			break;
		start = i;
		while (i < n && !is_blank(s[i]))
			i++;
		if (!valid_owner(s + start, i - start)) {
			size_t shown = i - start > 40 ? 40 : i - start;
			line_error(co, line, "'%.*s%s' is not a user (@name), a team (@org/team) "
				   "or an e-mail address", (int)shown, s + start,
				   shown < i - start ? "..." : "");
			/* drop the whole line, as GitHub does */
			co->nowners = first_owner;
			co->patterns.ntoks = pat.first;
			as_buf_truncate(&co->patterns.text, keep_text);
			return;
		}
		AS_GROW(co->owners, co->nowners + 1, co->owners_alloc);
		co->owners[co->nowners++] = (uint32_t)co->patterns.text.len;
		as_buf_put(&co->patterns.text, s + start, i - start);
		as_buf_putc(&co->patterns.text, '\0');
	}
	AS_GROW(co->rules, co->nrules + 1, co->rules_alloc);
	as_codeowners_rule *r = &co->rules[co->nrules++];
	r->pattern = pat;
	r->line = line;
	r->first_owner = (uint32_t)first_owner;
	r->nowners = (uint32_t)(co->nowners - first_owner);
}

int as_codeowners_parse(as_codeowners *co, const char *text, size_t len)
{
	size_t pos = 0;
	uint32_t line = 0;

	co->nrules = co->nowners = co->nerrors = 0;
	co->patterns.ntoks = 0;
	as_buf_clear(&co->patterns.text);
	index_free(co->index_);
	co->index_ = NULL;
	if (len > MAX_TEXT / 2)
		return as_error_set(AS_ELIMIT, "CODEOWNERS of %zu bytes: too large", len);
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		pos = 3;   /* a UTF-8 byte order mark */
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, n = end - pos;
		if (n && text[end - 1] == '\r')
			n--;
		parse_line(co, text + pos, n, ++line);
		pos = end + 1;
	}
	index_build(co);
	return 0;
}

/* ---- the index: rules filed by their leading literal directories ------ */

/*
 * A trie of directory names. A rule whose pattern starts, anchored, with
 * literal segments ("/packages/rrweb/", "docs/" "*") is filed under the
 * node of those segments (packages -> rrweb; docs); every other rule
 * (unanchored, or starting with a wildcard) under the root. A rule can
 * only match a path that starts with its node's directories, so the
 * candidates for a path are the rules of the nodes along its leading
 * directories. Each node lists its rules in file order; matching merges
 * those lists from their ends, so the first match is still the last
 * matching line of the file.
 */
typedef struct {
	uint32_t *rules;
	size_t n, alloc;
} ix_node;

typedef struct {
	uint32_t parent, child;  /* child: node index + 1; 0 = empty slot */
	uint32_t off, len;       /* the segment, in patterns.text */
} ix_edge;

struct as_codeowners_index {
	ix_node *nodes;
	size_t nnodes, nodes_alloc;
	ix_edge *edges;
	size_t nedges_slots, nedges;
};

static void index_free(struct as_codeowners_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nnodes; i++)
		free(ix->nodes[i].rules);
	free(ix->nodes);
	free(ix->edges);
	free(ix);
}

static size_t edge_hash(uint32_t parent, const char *seg, size_t len)
{
	uint64_t h = 1469598103934665603ull ^ parent;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)seg[i]) * 1099511628211ull;
	return (size_t)h;
}

/* The child of `parent` named seg, or 0; index + 1. */
static uint32_t edge_find(const struct as_codeowners_index *ix, const char *text,
			  uint32_t parent, const char *seg, size_t len)
{
	if (!ix->nedges_slots)
		return 0;
	size_t mask = ix->nedges_slots - 1;
	for (size_t i = edge_hash(parent, seg, len) & mask; ix->edges[i].child; i = (i + 1) & mask) {
		const ix_edge *e = &ix->edges[i];
		if (e->parent == parent && e->len == len && !memcmp(text + e->off, seg, len))
			return e->child;
	}
	return 0;
}

static void edge_put(ix_edge *edges, size_t nslots, const char *text, const ix_edge *e)
{
	size_t mask = nslots - 1;
	size_t i = edge_hash(e->parent, text + e->off, e->len) & mask;
	while (edges[i].child)
		i = (i + 1) & mask;
	edges[i] = *e;
}

static uint32_t node_new(struct as_codeowners_index *ix)
{
	AS_GROW(ix->nodes, ix->nnodes + 1, ix->nodes_alloc);
	memset(&ix->nodes[ix->nnodes], 0, sizeof(ix_node));
	return (uint32_t)ix->nnodes++;
}

static uint32_t edge_add(struct as_codeowners_index *ix, const char *text, uint32_t parent,
			 const as_pattern_tok *t)
{
	uint32_t child = edge_find(ix, text, parent, text + t->off, t->len);
	if (child)
		return child - 1;
	if ((ix->nedges + 1) * 2 > ix->nedges_slots) {
		size_t n = ix->nedges_slots ? ix->nedges_slots * 2 : 64;
		ix_edge *edges = as_xcalloc(n, sizeof(*edges));
		for (size_t i = 0; i < ix->nedges_slots; i++)
			if (ix->edges[i].child)
				edge_put(edges, n, text, &ix->edges[i]);
		free(ix->edges);
		ix->edges = edges;
		ix->nedges_slots = n;
	}
	ix_edge e = { .parent = parent, .off = t->off, .len = t->len };
	e.child = node_new(ix) + 1;
	edge_put(ix->edges, ix->nedges_slots, text, &e);
	ix->nedges++;
	return e.child - 1;
}

static void index_build(as_codeowners *co)
{
	struct as_codeowners_index *ix = as_xcalloc(1, sizeof(*ix));
	const char *text = co->patterns.text.ptr;

	node_new(ix);   /* the root */
	for (size_t r = 0; r < co->nrules; r++) {
		const as_pattern *p = &co->rules[r].pattern;
		/* (toks is NULL while no pattern has a token: "/" has none) */
		const as_pattern_tok *t = p->n ? co->patterns.toks + p->first : NULL;
		uint32_t node = 0;
		/* every leading literal segment but the last token (a pattern
		 * ends with what matches the file itself) */
		for (uint32_t i = 0; i + 1 < p->n && t[i].kind == TK_GLOB && t[i].literal; i++)
			node = edge_add(ix, text, node, &t[i]);
		ix_node *nd = &ix->nodes[node];
		AS_GROW(nd->rules, nd->n + 1, nd->alloc);
		nd->rules[nd->n++] = (uint32_t)r;
	}
	co->index_ = ix;
}

const as_codeowners_rule *as_codeowners_match(const as_codeowners *co,
					      const char *path, size_t len)
{
	const struct as_codeowners_index *ix = co->index_;
	const ix_node *lists[AS_PATTERN_MAX_SEGMENTS + 1];
	size_t left[AS_PATTERN_MAX_SEGMENTS + 1];
	size_t nlists = 0, pos = 0;
	uint32_t node = 0;

	if (!ix)
		return NULL;
	/* the nodes along the path's segments (the last one too: "/apps/github"
	 * owns the path apps/github itself) */
	lists[nlists++] = &ix->nodes[0];
	while (nlists <= AS_PATTERN_MAX_SEGMENTS && pos < len) {
		const char *slash = memchr(path + pos, '/', len - pos);
		size_t end = slash ? (size_t)(slash - path) : len;
		uint32_t child = edge_find(ix, co->patterns.text.ptr, node, path + pos, end - pos);
		if (!child)
			break;
		node = child - 1;
		lists[nlists++] = &ix->nodes[node];
		pos = end + 1;
	}
	for (size_t k = 0; k < nlists; k++)
		left[k] = lists[k]->n;
	/* candidates from the last line of the file backwards */
	for (;;) {
		size_t best = SIZE_MAX;
		for (size_t k = 0; k < nlists; k++)
			if (left[k] && (best == SIZE_MAX ||
					lists[k]->rules[left[k] - 1] > lists[best]->rules[left[best] - 1]))
				best = k;
		if (best == SIZE_MAX)
			return NULL;
		const as_codeowners_rule *r = &co->rules[lists[best]->rules[--left[best]]];
		if (as_pattern_match(&co->patterns, &r->pattern, path, len))
			return r;
	}
}

int as_codeowners_load(as_codeowners *co, git_repository *repo,
		       const git_tree *tree, size_t max_bytes)
{
	static const char *const where[] = { ".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS" };
	git_tree_entry *e = NULL;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	int err = AS_ENOTFOUND;

	free(co->path);
	co->path = NULL;
	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		int r = git_tree_entry_bypath(&e, tree, where[i]);
		if (r == GIT_ENOTFOUND)
			continue;
		if (r < 0)
			return as_error_git(AS_EINTERNAL, where[i]);
		git_filemode_t mode = git_tree_entry_filemode(e);
		if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
			co->path = as_xstrdup(where[i]);
			break;
		}
		git_tree_entry_free(e);
		e = NULL;
	}
	if (!e) {
		as_codeowners_parse(co, "", 0);
		return as_error_set(AS_ENOTFOUND, "no CODEOWNERS (.github/, root or docs/)");
	}

	size_t size;
	git_object_t type;
	if (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_read_header(&size, &type, odb, git_tree_entry_id(e)) < 0) {
		err = as_error_git(AS_EINTERNAL, co->path);
		goto done;
	}
	if (max_bytes && size >= max_bytes) {
		as_codeowners_parse(co, "", 0);
		err = as_error_set(AS_ELIMIT, "%s is %zu bytes: GitHub ignores a CODEOWNERS "
				   "of %zu bytes or more", co->path, size, max_bytes);
		goto done;
	}
	if (git_odb_read(&obj, odb, git_tree_entry_id(e)) < 0) {
		err = as_error_git(AS_EINTERNAL, co->path);
		goto done;
	}
	err = as_codeowners_parse(co, git_odb_object_data(obj), git_odb_object_size(obj));
done:
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_tree_entry_free(e);
	return err;
}
