/*
 * CODEOWNERS: GitHub's file, found, parsed and matched (see codeowners.h
 * for the rules). The patterns are util/pattern.c's, with GitHub's
 * semantics.
 */
#include "source/codeowners.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

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
	if (as_patterns_add(&co->patterns, &pat, s + start, i - start, 0, &why) < 0) {
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
	if (len > ((size_t)1 << 29))
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
		for (uint32_t i = 0; i + 1 < p->n && t[i].kind == AS_PTOK_GLOB && t[i].literal; i++)
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
	return as_codeowners_load_text(co, repo, tree, max_bytes, NULL);
}

int as_codeowners_load_text(as_codeowners *co, git_repository *repo,
			    const git_tree *tree, size_t max_bytes, as_buf *text)
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
	if (text && !err) {
		as_buf_clear(text);
		as_buf_put(text, git_odb_object_data(obj), git_odb_object_size(obj));
	}
done:
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_tree_entry_free(e);
	return err;
}
