#include "source/walk.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "source/commit.h"
#include "source/commit_table.h"
#include "source/objects.h"
#include "source/repo.h"
#include "util/alloc.h"
#include "util/error.h"

enum {
	F_SEEN = 1,           /* queued once: never queue it again */
	F_UNINTERESTING = 2,  /* reachable from an excluded commit */
	F_DONE = 4,           /* popped from the queue */
	F_SHALLOW = 8,        /* listed in $GIT_DIR/shallow: parents not walked */
	F_READ = 16,          /* its object was read: time, parents, tree known */
};

/* How many extra commits a limited walk reads once everything queued is
 * excluded, to survive clock skew (git's SLOP in revision.c). */
#define SLOP 5

typedef struct {
	git_oid oid;
	git_oid tree;            /* known when F_READ */
	int64_t time;
	uint32_t flags;
	uint32_t order;          /* insertion order: ties keep git's FIFO order */
	as_raw obj;              /* the object while queued, when read */
	uint32_t *parents;       /* limited walks only: parents' node indexes */
	uint32_t nparents;
	uint32_t first_parent;   /* its node index + 1; 0: a root (a replay needs it) */
	uint32_t row;            /* its row in the table (commit_table.h), 0: none */
} node;

struct as_walk {
	git_repository *repo;
	git_odb *odb;            /* libgit2's, for what our reader does not find */
	as_objects_reader *reader;
	const as_commit_graph *graph;   /* NULL: none (or not used) */
	uint32_t *graph_parents;
	size_t graph_parents_alloc;
	as_commit_table *table;  /* as_walk_read_ahead; NULL: none */
	uint32_t current_row;    /* the table row of the commit last yielded */
	size_t table_misses;     /* commits read although there is a table */
	as_objects *only;        /* push mode: the quarantine's objects */
	int (*skip)(void *data, const git_oid *oid);  /* as_walk_set_skip */
	void *skip_data;
	node *nodes;
	size_t nnodes, nodes_alloc;
	/* open-addressing oid -> node index + 1 (0 = empty) */
	uint32_t *slots;
	size_t nslots;
	/* binary max-heap of node indexes by (time, -order) */
	uint32_t *heap;
	size_t nheap, heap_alloc;
	uint32_t counter;
	int limited;             /* some commit is excluded */
	int prepared;
	int64_t since, until;
	/* -n: commits still to yield; < 0: no bound */
	long long left;
	/* limited walks: the survivors, yielded after the limiting pass */
	uint32_t *out;
	size_t nout, out_alloc, out_pos;
	as_commit probe;         /* a commit being queued: date and parents */
	git_oid parent_tree;     /* of the commit last yielded, see below */
	int have_parent_tree;
	/* as_walk_record: the yielded nodes, in order; a rewound walk
	 * yields them again (replay_pos <= nrec) */
	int recording, replaying;
	int headers_only;        /* as_walk_headers_only */
	uint32_t *rec;
	size_t nrec, rec_alloc, replay_pos;
};

void as_raw_free(as_raw *r)
{
	free(r->data);
	r->data = NULL;
	r->len = 0;
	r->whole = 0;
}

/*
 * The bytes of a commit's header that a prefix read asks for first: the
 * tree, a parent or two, author and committer fit in a few hundred; a
 * signature or a merge tag makes the header longer, and then the rest
 * is read too.
 */
#define HEADER_GUESS 320

/* Does the commit text hold its whole header (up to the blank line)? */
static int has_header(const unsigned char *data, size_t len)
{
	if (len && data[0] == '\n')
		return 1;
	return memmem(data, len, "\n\n", 2) != NULL;
}

/*
 * Reads commit `oid` into *out (malloc'd): whole, or with `header_only`
 * at least its header (out->whole says which). A prefix costs a fraction
 * of the inflation when the message is long.
 */
static int read_commit_part(as_walk *w, const git_oid *oid, int header_only, as_raw *out)
{
	as_object obj;
	char hex[GIT_OID_HEXSZ + 1];
	int err = as_objects_read_any(w->reader, w->odb, oid, header_only ? HEADER_GUESS : 0,
				      &obj);
	if (!err && obj.len < obj.size && !has_header(obj.data, obj.len))
		err = as_objects_read_any(w->reader, w->odb, oid, 0, &obj);
	if (err < 0)
		return err;
	/* with a table, what is left to read is scattered: a read maps a
	 * window around it, which would stay resident */
	if (w->table && ++w->table_misses % 64 == 0)
		as_objects_trim(as_repo_objects(w->repo));
	if (obj.type != GIT_OBJECT_COMMIT) {
		git_oid_tostr(hex, sizeof(hex), oid);
		return as_error_set(AS_EINTERNAL, "%s: not a commit", hex);
	}
	out->data = as_xmalloc(obj.len + 1);
	memcpy(out->data, obj.data, obj.len);
	out->data[obj.len] = '\0';
	out->len = obj.len;
	out->whole = obj.len >= obj.size;
	return 0;
}

static int read_commit(as_walk *w, const git_oid *oid, as_raw *out)
{
	return read_commit_part(w, oid, 0, out);
}

static size_t oid_hash(const git_oid *oid)
{
	size_t h;
	memcpy(&h, oid->id, sizeof(h));
	return h;
}

static void slots_grow(as_walk *w)
{
	size_t n = w->nslots ? w->nslots * 2 : 1024;
	uint32_t *slots = as_xcalloc(n, sizeof(*slots));
	for (size_t i = 0; i < w->nnodes; i++) {
		size_t s = oid_hash(&w->nodes[i].oid) & (n - 1);
		while (slots[s])
			s = (s + 1) & (n - 1);
		slots[s] = (uint32_t)i + 1;
	}
	free(w->slots);
	w->slots = slots;
	w->nslots = n;
}

/* Returns the node for `oid`, creating it (zeroed) when `create`; -1 if absent. */
static long node_get(as_walk *w, const git_oid *oid, int create)
{
	if (w->nslots) {
		size_t s = oid_hash(oid) & (w->nslots - 1);
		while (w->slots[s]) {
			node *n = &w->nodes[w->slots[s] - 1];
			if (git_oid_equal(&n->oid, oid))
				return (long)w->slots[s] - 1;
			s = (s + 1) & (w->nslots - 1);
		}
	}
	if (!create)
		return -1;
	if ((w->nnodes + 1) * 2 > w->nslots)
		slots_grow(w);
	AS_GROW(w->nodes, w->nnodes + 1, w->nodes_alloc);
	node *n = &w->nodes[w->nnodes];
	memset(n, 0, sizeof(*n));
	git_oid_cpy(&n->oid, oid);
	size_t s = oid_hash(oid) & (w->nslots - 1);
	while (w->slots[s])
		s = (s + 1) & (w->nslots - 1);
	w->slots[s] = (uint32_t)w->nnodes + 1;
	return (long)w->nnodes++;
}

static int heap_before(const as_walk *w, uint32_t a, uint32_t b)
{
	const node *x = &w->nodes[a], *y = &w->nodes[b];
	if (x->time != y->time)
		return x->time > y->time;
	return x->order < y->order;
}

static void heap_push(as_walk *w, uint32_t idx)
{
	AS_GROW(w->heap, w->nheap + 1, w->heap_alloc);
	size_t i = w->nheap++;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!heap_before(w, idx, w->heap[p]))
			break;
		w->heap[i] = w->heap[p];
		i = p;
	}
	w->heap[i] = idx;
}

static uint32_t heap_pop(as_walk *w)
{
	uint32_t top = w->heap[0], last = w->heap[--w->nheap];
	size_t i = 0, n = w->nheap;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && heap_before(w, w->heap[c + 1], w->heap[c]))
			c++;
		if (!heap_before(w, w->heap[c], last))
			break;
		w->heap[i] = w->heap[c];
		i = c;
	}
	if (n)
		w->heap[i] = last;
	return top;
}

/* The graph, when it has the commit: its parents, tree and date without
 * reading it. Returns 1 when it knew them. */
static int enqueue_from_graph(as_walk *w, uint32_t idx)
{
	uint32_t pos;
	size_t np;
	git_oid tree, pid;
	int64_t time;
	if (!w->graph || !as_commit_graph_find(w->graph, &w->nodes[idx].oid, &pos))
		return 0;
	AS_GROW(w->graph_parents, 8, w->graph_parents_alloc);
	if (as_commit_graph_commit(w->graph, pos, &tree, &time, w->graph_parents,
				   w->graph_parents_alloc, &np) < 0)
		return 0;
	if (np > w->graph_parents_alloc) {
		AS_GROW(w->graph_parents, np, w->graph_parents_alloc);
		as_commit_graph_commit(w->graph, pos, &tree, &time, w->graph_parents,
				       w->graph_parents_alloc, &np);
	}
	uint32_t *parents = np ? as_xmalloc(np * sizeof(*parents)) : NULL;
	for (size_t i = 0; i < np; i++) {
		as_commit_graph_oid(w->graph, w->graph_parents[i], &pid);
		parents[i] = (uint32_t)node_get(w, &pid, 1); /* may move w->nodes */
	}
	node *n = &w->nodes[idx];
	n->parents = parents;
	n->nparents = (uint32_t)np;
	n->first_parent = np ? parents[0] + 1 : 0;
	n->tree = tree;
	n->time = time;
	return 1;
}

/* The table, when it has the commit (as the graph above). */
static int enqueue_from_table(as_walk *w, uint32_t idx)
{
	as_commit_row row;
	uint32_t ref = w->table ? as_commit_table_lookup(w->table, &w->nodes[idx].oid) : 0;
	if (!ref)
		return 0;
	as_commit_table_row(w->table, ref, &row);
	uint32_t np = (uint32_t)row.nparents;
	uint32_t *parents = np ? as_xmalloc(np * sizeof(*parents)) : NULL;
	for (uint32_t i = 0; i < np; i++)
		parents[i] = (uint32_t)node_get(w, &row.parents[i], 1); /* may move w->nodes */
	node *n = &w->nodes[idx];
	n->parents = parents;
	n->nparents = np;
	n->first_parent = np ? parents[0] + 1 : 0;
	n->tree = row.tree;
	n->time = row.time;
	n->row = ref;
	return 1;
}

/* Reads a commit object (or its graph entry), records its date and queues it. */
static int enqueue(as_walk *w, uint32_t idx)
{
	node *n = &w->nodes[idx];

	if (n->flags & F_SEEN)
		return 0;
	n->flags |= F_SEEN;
	if (w->only && !as_objects_has(w->only, &n->oid))
		return 0; /* history the repository already had */
	if (w->skip && w->skip(w->skip_data, &n->oid))
		return 0;
	if (!enqueue_from_graph(w, idx) && !enqueue_from_table(w, idx)) {
		as_raw obj = { 0 };
		int err = read_commit_part(w, &n->oid, w->headers_only, &obj);
		if (!err)
			err = as_commit_parse_graph(&w->probe, &n->oid, (const char *)obj.data, obj.len);
		if (err < 0) {
			as_raw_free(&obj);
			return err;
		}
		/* Record the parents now: the commit is parsed once, here. */
		uint32_t np = (uint32_t)w->probe.nparents;
		uint32_t *parents = np ? as_xmalloc(np * sizeof(*parents)) : NULL;
		for (uint32_t i = 0; i < np; i++)
			parents[i] = (uint32_t)node_get(w, &w->probe.parents[i], 1);
		n = &w->nodes[idx];
		n->parents = parents;
		n->nparents = np;
		n->first_parent = np ? parents[0] + 1 : 0;
		git_oid_cpy(&n->tree, &w->probe.tree);
		n->time = w->probe.commit_time;
		n->obj = obj;
	}
	n = &w->nodes[idx];
	n->flags |= F_READ;
	n->order = w->counter++;
	heap_push(w, idx);
	return 0;
}

/* Marks a node and every ancestor already known as excluded. */
static void mark_uninteresting(as_walk *w, uint32_t idx)
{
	uint32_t *stack = NULL;
	size_t nstack = 0, alloc = 0;

	AS_GROW(stack, 1, alloc);
	stack[nstack++] = idx;
	while (nstack) {
		node *n = &w->nodes[stack[--nstack]];
		if (n->flags & F_UNINTERESTING)
			continue;
		n->flags |= F_UNINTERESTING;
		for (uint32_t i = 0; i < n->nparents; i++) {
			AS_GROW(stack, nstack + 1, alloc);
			stack[nstack++] = n->parents[i];
		}
	}
	free(stack);
}

static void load_shallow(as_walk *w)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/shallow", git_repository_commondir(w->repo));
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[128];
	git_oid oid;
	w->graph = NULL; /* git does not use a graph in a shallow repository */
	while (fgets(line, sizeof(line), f)) {
		if (git_oid_fromstrn(&oid, line, GIT_OID_HEXSZ) == 0) {
			long idx = node_get(w, &oid, 1); /* may move w->nodes */
			w->nodes[idx].flags |= F_SHALLOW;
		}
	}
	fclose(f);
}

int as_walk_new(as_walk **out, git_repository *repo)
{
	as_walk *w = as_xcalloc(1, sizeof(*w));
	w->repo = repo;
	w->left = -1;
	if (git_repository_odb(&w->odb, repo) < 0) {
		free(w);
		return as_error_git(AS_EINTERNAL, "cannot open the object database");
	}
	as_objects *objects = as_repo_objects(repo);
	w->reader = as_objects_reader_new(objects);
	w->graph = objects ? as_objects_graph(objects) : NULL;
	as_commit_init(&w->probe);
	load_shallow(w);
	*out = w;
	return 0;
}

void as_walk_no_graph(as_walk *w)
{
	w->graph = NULL;
}

int as_walk_read_ahead(as_walk *w, int jobs, const as_commit_visitor *v)
{
	if (w->graph || w->only || w->table || w->prepared)
		return 0;
	w->table = as_commit_table_build(as_repo_objects(w->repo), jobs, v);
	return w->table != NULL;
}

const as_commit_table *as_walk_table(const as_walk *w)
{
	return w->table;
}

void as_walk_free(as_walk *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->nnodes; i++) {
		as_raw_free(&w->nodes[i].obj);
		free(w->nodes[i].parents);
	}
	free(w->nodes);
	free(w->slots);
	free(w->heap);
	free(w->out);
	free(w->rec);
	free(w->graph_parents);
	as_commit_table_free(w->table);
	as_commit_free(&w->probe);
	as_objects_free(w->only);
	as_objects_reader_free(w->reader);
	git_odb_free(w->odb);
	free(w);
}

int as_walk_limit_to_objects(as_walk *w, const char *objects_dir)
{
	as_objects_free(w->only);
	w->only = NULL;
	return as_objects_open_dir(&w->only, objects_dir);
}

int as_walk_add_oid(as_walk *w, const git_oid *oid, int hide)
{
	uint32_t idx = (uint32_t)node_get(w, oid, 1);
	if (hide) {
		w->limited = 1;
		w->nodes[idx].flags |= F_UNINTERESTING;
	}
	return enqueue(w, idx);
}

/*
 * Peels an object id to a commit by reading raw objects: libgit2's own
 * peeling parses the commit and refuses some that git accepts (a
 * malformed author line), and we parse commits ourselves anyway.
 */
static int peel_to_commit(as_walk *w, git_oid *oid, const char *rev)
{
	for (int depth = 0; depth < 64; depth++) {
		git_odb_object *obj;
		int rc = git_odb_read(&obj, w->odb, oid);
		if (rc < 0) {
			/* the name resolved: the repository lacks the object */
			char hex[GIT_OID_HEXSZ + 1];
			const git_error *e = git_error_last();
			git_oid_tostr(hex, sizeof(hex), oid);
			if (rc == GIT_ENOTFOUND)
				return as_error_set(AS_EINTERNAL, "'%s': object %s is missing "
						    "from the repository", rev, hex);
			return as_error_set(AS_EINTERNAL, "'%s': object %s cannot be read: %s",
					    rev, hex, e && e->message ? e->message : "?");
		}
		git_object_t type = git_odb_object_type(obj);
		const char *data = git_odb_object_data(obj);
		size_t len = git_odb_object_size(obj);
		int ok = type == GIT_OBJECT_TAG && len > 47 && !memcmp(data, "object ", 7) &&
			 git_oid_fromstrn(oid, data + 7, GIT_OID_HEXSZ) == 0;
		git_odb_object_free(obj);
		if (type == GIT_OBJECT_COMMIT)
			return 0;
		if (!ok)
			return as_error_set(AS_ECONFIG, "'%s' does not name a commit", rev);
	}
	return as_error_set(AS_ECONFIG, "'%s': tags nested too deep", rev);
}

/* Resolves a revision to a commit id; AS_ECONFIG names the bad revision. */
static int resolve(as_walk *w, git_oid *out, const char *rev)
{
	git_reference *ref = NULL;
	git_object *obj = NULL;

	/* Names first (no object parsed), then revparse for the rest
	 * (HEAD~2, abbreviated ids...). */
	if (git_reference_dwim(&ref, w->repo, rev) == 0) {
		git_reference *direct = NULL;
		int err = git_reference_resolve(&direct, ref);
		git_reference_free(ref);
		if (err < 0)
			return as_error_set(AS_ECONFIG, "bad revision '%s' (a dangling reference)", rev);
		git_oid_cpy(out, git_reference_target(direct));
		git_reference_free(direct);
	} else if (git_revparse_single(&obj, w->repo, rev) == 0) {
		git_oid_cpy(out, git_object_id(obj));
		git_object_free(obj);
	} else {
		return as_error_set(AS_ECONFIG, "bad revision '%s'", rev);
	}
	return peel_to_commit(w, out, rev);
}

static int add_rev(as_walk *w, const char *rev, int hide)
{
	git_oid oid;
	int err = resolve(w, &oid, rev);
	return err < 0 ? err : as_walk_add_oid(w, &oid, hide);
}

/* The commits of every ref (`glob` NULL: --all, with HEAD) or of the refs
 * `glob` names (--branches: the refs under refs/heads/). */
static int add_refs(as_walk *w, const char *glob)
{
	git_reference_iterator *it;
	git_reference *ref;
	int err = 0;

	if ((glob ? git_reference_iterator_glob_new(&it, w->repo, glob)
		  : git_reference_iterator_new(&it, w->repo)) < 0)
		return as_error_git(AS_EINTERNAL, "cannot list references");
	while (!err && git_reference_next(&ref, it) == 0) {
		git_object *obj = NULL;
		/* Dangling symbolic refs and tags of trees or blobs are not
		 * errors for --all, as in git (LIBNOTES). */
		if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0)
			err = as_walk_add_oid(w, git_object_id(obj), 0);
		git_object_free(obj);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (!err && !glob) {
		git_oid head;
		if (git_reference_name_to_id(&head, w->repo, "HEAD") == 0)
			err = as_walk_add_oid(w, &head, 0);
	}
	return err;
}

int as_walk_add(as_walk *w, const char *arg)
{
	const char *dots;
	if (!strcmp(arg, "--all"))
		return add_refs(w, NULL);
	if (!strcmp(arg, "--branches"))
		return add_refs(w, "refs/heads/*");
	if (arg[0] == '^')
		return add_rev(w, arg + 1, 1);
	if ((dots = strstr(arg, "..")) != NULL) {
		int symmetric = dots[2] == '.';
		char *left = as_xstrndup(arg, (size_t)(dots - arg));
		const char *right = dots + (symmetric ? 3 : 2);
		git_oid a, b;
		int err = resolve(w, &a, *left ? left : "HEAD");
		if (!err)
			err = resolve(w, &b, *right ? right : "HEAD");
		free(left);
		if (err)
			return err;
		if (!symmetric) {
			err = as_walk_add_oid(w, &a, 1);
			return err ? err : as_walk_add_oid(w, &b, 0);
		}
		git_oidarray bases = { 0 };
		if (git_merge_bases(&bases, w->repo, &a, &b) < 0 &&
		    git_error_last() && git_error_last()->klass != GIT_ERROR_MERGE)
			return as_error_git(AS_EINTERNAL, arg);
		err = as_walk_add_oid(w, &a, 0);
		if (!err)
			err = as_walk_add_oid(w, &b, 0);
		for (size_t i = 0; !err && i < bases.count; i++)
			err = as_walk_add_oid(w, &bases.ids[i], 1);
		git_oidarray_dispose(&bases);
		return err;
	}
	return add_rev(w, arg, 0);
}

void as_walk_set_window(as_walk *w, int64_t since, int64_t until)
{
	w->since = since;
	w->until = until;
}

void as_walk_set_max_count(as_walk *w, long long n)
{
	w->left = n;
}

static int in_window(const as_walk *w, const node *n)
{
	return (!w->since || n->time >= w->since) && (!w->until || n->time <= w->until);
}

/* Remembers the first parent's tree of node idx (as_walk_parent_tree). */
static void note_parent_tree(as_walk *w, uint32_t idx)
{
	const node *n = &w->nodes[idx];
	const node *p = n->first_parent ? &w->nodes[n->first_parent - 1] : NULL;
	w->have_parent_tree = p && (p->flags & F_READ);
	if (w->have_parent_tree)
		git_oid_cpy(&w->parent_tree, &p->tree);
}

int as_walk_parent_tree(const as_walk *w, git_oid *out)
{
	if (w->have_parent_tree)
		git_oid_cpy(out, &w->parent_tree);
	return w->have_parent_tree;
}

/* Queues the parents of the commit just popped. Streaming walks forget
 * them afterwards; limited walks keep them to propagate exclusion. */
static int add_parents(as_walk *w, uint32_t idx)
{
	node *n = &w->nodes[idx];
	int err = 0;
	n->flags |= F_DONE;
	if (n->flags & F_SHALLOW)
		goto out;
	if (w->since && n->time < w->since && !(n->flags & F_UNINTERESTING))
		goto out; /* git log --since stops here */
	int uninteresting = n->flags & F_UNINTERESTING;
	for (uint32_t i = 0; !err && i < w->nodes[idx].nparents; i++) {
		uint32_t p = w->nodes[idx].parents[i];
		if (uninteresting)
			mark_uninteresting(w, p);
		err = enqueue(w, p);
	}
out:
	note_parent_tree(w, idx);
	if (!w->limited) {
		free(w->nodes[idx].parents);
		w->nodes[idx].parents = NULL;
		w->nodes[idx].nparents = 0;
	}
	return err;
}

static int everybody_uninteresting(const as_walk *w)
{
	for (size_t i = 0; i < w->nheap; i++)
		if (!(w->nodes[w->heap[i]].flags & F_UNINTERESTING))
			return 0;
	return 1;
}

/* git's limit_list(): walk until only excluded commits remain queued. */
static int limit(as_walk *w)
{
	int slop = SLOP;
	while (w->nheap) {
		uint32_t idx = heap_pop(w);
		int err = add_parents(w, idx);
		node *n = &w->nodes[idx];
		as_raw_free(&n->obj);
		if (err)
			return err;
		if (n->flags & F_UNINTERESTING) {
			if (everybody_uninteresting(w)) {
				if (slop-- == 0)
					break;
			} else {
				slop = SLOP;
			}
			continue;
		}
		AS_GROW(w->out, w->nout + 1, w->out_alloc);
		w->out[w->nout++] = idx;
	}
	return 0;
}

static int walk_next(as_walk *w, uint32_t *idx);

/* The next node: git log -n's first N commits the walk would yield, then
 * the end (counted after --since/--until, as git counts them); a
 * rewound walk yields what it recorded. */
static int next_node(as_walk *w, uint32_t *idx)
{
	if (w->replaying) {
		if (w->replay_pos == w->nrec)
			return AS_ENOTFOUND;
		*idx = w->rec[w->replay_pos++];
		note_parent_tree(w, *idx);
		return 0;
	}
	if (w->left == 0)
		return AS_ENOTFOUND;
	int err = walk_next(w, idx);
	if (!err && w->left > 0)
		w->left--;
	if (!err && w->recording) {
		AS_GROW(w->rec, w->nrec + 1, w->rec_alloc);
		w->rec[w->nrec++] = *idx;
	}
	return err;
}

int as_walk_next_lazy(as_walk *w, git_oid *oid, as_raw *obj)
{
	uint32_t idx;
	int err = next_node(w, &idx);
	if (err)
		return err;
	node *n = &w->nodes[idx];
	git_oid_cpy(oid, &n->oid);
	*obj = n->obj;
	n->obj = (as_raw){ 0 };
	w->current_row = n->row;
	return 0;
}

int as_walk_table_row(const as_walk *w, as_commit_row *out)
{
	if (!w->table || !w->current_row)
		return 0;
	as_commit_table_row(w->table, w->current_row, out);
	return 1;
}

int as_walk_next(as_walk *w, git_oid *oid, as_raw *obj)
{
	int err = as_walk_next_lazy(w, oid, obj);
	if (!err && !obj->whole) {
		as_raw_free(obj);
		err = read_commit(w, oid, obj);
	}
	return err;
}

int as_walk_read_header(as_walk *w, const git_oid *oid, as_raw *obj)
{
	return read_commit_part(w, oid, 1, obj);
}

int as_walk_read_commit(as_walk *w, const git_oid *oid, as_raw *obj)
{
	return read_commit_part(w, oid, 0, obj);
}

int as_walk_next_header(as_walk *w, git_oid *oid, as_raw *obj)
{
	int err = as_walk_next_lazy(w, oid, obj);
	if (!err && !obj->data)
		err = as_walk_read_header(w, oid, obj);
	return err;
}

void as_walk_headers_only(as_walk *w)
{
	w->headers_only = 1;
}

git_repository *as_walk_repository(const as_walk *w)
{
	return w->repo;
}

int as_walk_reads_commits(const as_walk *w)
{
	return !w->replaying && !w->graph && !w->table && !w->headers_only;
}

void as_walk_record(as_walk *w)
{
	w->recording = 1;
}

void as_walk_rewind(as_walk *w)
{
	for (size_t i = 0; i < w->nrec; i++)
		as_raw_free(&w->nodes[w->rec[i]].obj);
	/* a replay walks nothing: what the table read has served */
	as_commit_table_free(w->table);
	w->table = NULL;
	w->replaying = 1;
	w->replay_pos = 0;
}

static int walk_next(as_walk *w, uint32_t *idx)
{
	if (!w->prepared) {
		w->prepared = 1;
		if (w->limited) {
			int err = limit(w);
			if (err)
				return err;
		}
	}
	if (w->limited) {
		while (w->out_pos < w->nout) {
			uint32_t i = w->out[w->out_pos++];
			node *n = &w->nodes[i];
			if ((n->flags & F_UNINTERESTING) || !in_window(w, n))
				continue;
			note_parent_tree(w, i);
			*idx = i;
			return 0;
		}
		return AS_ENOTFOUND;
	}
	while (w->nheap) {
		uint32_t i = heap_pop(w);
		int err = add_parents(w, i);
		node *n = &w->nodes[i];
		if (err)
			return err;
		if (!in_window(w, n)) {
			as_raw_free(&n->obj);
			continue;
		}
		*idx = i;
		return 0;
	}
	return AS_ENOTFOUND;
}

/* ---- dates ------------------------------------------------------------ */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int as_parse_date(int64_t *out, const char *text, int64_t now)
{
	long long n;
	int y, mo, d, h = 0, mi = 0, s = 0, used = 0;
	char unit[16];

	if (text[0] == '@' && sscanf(text + 1, "%lld%n", &n, &used) == 1 &&
	    text[1 + used] == '\0') {
		*out = n;
		return 0;
	}
	if (sscanf(text, "%lld %15[a-z] ago%n", &n, unit, &used) == 2 &&
	    text[used] == '\0' && n >= 0) {
		static const struct { const char *name; int64_t secs; } units[] = {
			{ "second", 1 }, { "minute", 60 }, { "hour", 3600 },
			{ "day", 86400 }, { "week", 604800 }, { "month", 2629746 },
			{ "year", 31556952 },
		};
		size_t ulen = strlen(unit);
		if (ulen > 1 && unit[ulen - 1] == 's')
			unit[--ulen] = '\0';
		for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strcmp(unit, units[i].name)) {
				*out = now - (int64_t)n * units[i].secs;
				return 0;
			}
		return as_error_set(AS_ECONFIG, "bad date '%s'", text);
	}
	if (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3)
		return as_error_set(AS_ECONFIG, "bad date '%s' (use YYYY-MM-DD, ISO 8601, @UNIX or 'N days ago')", text);
	const char *p = text + used;
	int off = 0;
	if (*p == 'T' || *p == ' ') {
		int k = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &k) != 2)
			return as_error_set(AS_ECONFIG, "bad time in date '%s'", text);
		p += 1 + k;
		if (*p == ':') {
			if (sscanf(p + 1, "%2d%n", &s, &k) != 1)
				return as_error_set(AS_ECONFIG, "bad seconds in date '%s'", text);
			p += 1 + k;
		}
		while (*p == ' ')
			p++;
		if (*p == 'Z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om = 0;
			if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &k) == 2 ||
			    sscanf(p + 1, "%2d%2d%n", &oh, &om, &k) == 2 ||
			    sscanf(p + 1, "%2d%n", &oh, &k) == 1) {
				off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
				p += 1 + k;
			}
		}
	}
	if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return as_error_set(AS_ECONFIG, "bad date '%s'", text);
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 +
	       mi * 60 + s - off;
	return 0;
}

void as_walk_set_skip(as_walk *w, int (*skip)(void *data, const git_oid *oid), void *data)
{
	w->skip = skip;
	w->skip_data = data;
}

int as_walk_met(as_walk *w, const git_oid *oid)
{
	long idx = node_get(w, oid, 0);
	return idx >= 0 && (w->nodes[idx].flags & (F_SEEN | F_UNINTERESTING)) == F_SEEN;
}
