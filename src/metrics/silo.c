/*
 * Degree of authorship and truck factors (silo.h).
 */
#include "metrics/silo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

/* Avelino et al.'s thresholds: an author has a normalised DOA above 0.75
 * and an absolute DOA of at least 3.293 (what a creator who made one
 * change, or anyone with few changes by others, reaches). */
#define DOA_MIN 3.293
#define DOA_NORMALISED_MIN 0.75

double as_doa(int fa, uint64_t dl, uint64_t ac)
{
	return 3.293 + 1.098 * (fa ? 1 : 0) + 0.164 * (double)dl -
	       0.321 * log(1.0 + (double)ac);
}

static void silo_grow(as_silo *s, size_t nfiles)
{
	if (nfiles <= s->nfiles)
		return;
	size_t n = s->nfiles ? s->nfiles : 256;
	while (n < nfiles)
		n *= 2;
	s->changes = as_xrealloc(s->changes, n * sizeof(*s->changes));
	s->created = as_xrealloc(s->created, n * sizeof(*s->created));
	memset(s->changes + s->nfiles, 0, (n - s->nfiles) * sizeof(*s->changes));
	memset(s->created + s->nfiles, 0, (n - s->nfiles) * sizeof(*s->created));
	s->nfiles = n;
}

/* Earlier by author date; on a tie the commit the walk reached later,
 * which git's newest-first order makes the older one. */
static int earlier(const as_creation *a, const as_creation *b)
{
	return a->time < b->time || (a->time == b->time && a->seq > b->seq);
}

static void keep_creation(as_creation *into, const as_creation *c)
{
	if (!into->set || earlier(c, into))
		*into = *c;
}

void as_silo_change(as_silo *s, uint32_t file, uint32_t dev, int added,
		    int64_t time, uint64_t seq)
{
	silo_grow(s, (size_t)file + 1);
	s->changes[file]++;
	(*as_u64map_at(&s->dl, AS_PAIR(file, dev)))++;
	if (added) {
		as_creation c = { time, seq, dev, 1 };
		keep_creation(&s->created[file], &c);
	}
}

void as_silo_rename(as_silo *s, uint32_t from, uint32_t to)
{
	AS_GROW(s->renames, s->nrenames + 1, s->renames_alloc);
	s->renames[s->nrenames].from = from;
	s->renames[s->nrenames++].to = to;
}

void as_silo_merge(as_silo *into, const as_silo *from, size_t nfiles,
		   const uint32_t *file_map, const uint32_t *dev_map)
{
	for (size_t i = 0; i < from->nrenames; i++)
		as_silo_rename(into, file_map[from->renames[i].from],
			       file_map[from->renames[i].to]);
	if (nfiles > from->nfiles)
		nfiles = from->nfiles;
	for (size_t f = 0; f < nfiles; f++) {
		uint32_t to = file_map[f];
		silo_grow(into, (size_t)to + 1);
		into->changes[to] += from->changes[f];
		if (from->created[f].set) {
			as_creation c = from->created[f];
			c.dev = dev_map[c.dev];
			keep_creation(&into->created[to], &c);
		}
	}
	for (size_t i = 0; i < from->dl.nslots; i++) {
		uint64_t k = from->dl.keys[i];
		if (k == UINT64_MAX)
			continue;
		*as_u64map_at(&into->dl, AS_PAIR(file_map[AS_PAIR_A(k)],
						  dev_map[AS_PAIR_B(k)])) += from->dl.vals[i];
	}
}

void as_silo_free(as_silo *s)
{
	free(s->changes);
	free(s->created);
	free(s->renames);
	as_u64map_free(&s->dl);
	memset(s, 0, sizeof(*s));
}

void as_areas_free(as_areas *a)
{
	for (size_t i = 0; i < a->nr; i++) {
		free(a->items[i].path);
		free(a->items[i].authors);
	}
	free(a->items);
	memset(a, 0, sizeof(*a));
}

/* ---- the files at the tip and their authors ----------------------------- */

typedef struct {
	as_strtab paths;       /* tip file index -> path */
	as_buf scratch;
} tip_walk;

static int collect_blob(const char *root, const git_tree_entry *e, void *data)
{
	tip_walk *w = data;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0; /* trees are walked into; submodules are not files */
	as_buf_clear(&w->scratch);
	as_buf_puts(&w->scratch, root);
	as_buf_puts(&w->scratch, git_tree_entry_name(e));
	as_strtab_intern(&w->paths, w->scratch.ptr, w->scratch.len);
	return 0;
}

static int list_tip(as_strtab *out, git_repository *repo, const git_oid *tree_id)
{
	git_tree *tree = NULL;
	tip_walk w = { { AS_BUF_INIT, NULL, NULL, 0, 0, NULL, 0, 0 }, AS_BUF_INIT };
	int err = 0;

	if (git_tree_lookup(&tree, repo, tree_id) < 0 ||
	    git_tree_walk(tree, GIT_TREEWALK_PRE, collect_blob, &w) < 0)
		err = as_error_git(AS_EINTERNAL, "reading the tree of the tip");
	git_tree_free(tree);
	as_buf_free(&w.scratch);
	if (err < 0)
		as_strtab_free(&w.paths);
	else
		*out = w.paths;
	return err;
}

/*
 * Files joined by exact renames (as_silo_rename) share one history: the
 * counters of a lineage are the sums of its files' (a union-find over
 * file ids; the order in which renames were seen does not matter).
 */
typedef struct {
	uint32_t *rep;          /* [file]: the file id that stands for its lineage */
	uint32_t *changes;      /* [rep] */
	as_creation *created;   /* [rep] */
	as_u64map dl;           /* AS_PAIR(rep, dev) -> changes */
} lineage;

static uint32_t find_rep(uint32_t *rep, uint32_t f)
{
	while (rep[f] != f) {
		rep[f] = rep[rep[f]];
		f = rep[f];
	}
	return f;
}

static void build_lineage(lineage *l, const as_silo *s, size_t nfiles)
{
	l->rep = as_xmalloc((nfiles + 1) * sizeof(*l->rep));
	l->changes = as_xcalloc(nfiles + 1, sizeof(*l->changes));
	l->created = as_xcalloc(nfiles + 1, sizeof(*l->created));
	memset(&l->dl, 0, sizeof(l->dl));
	for (size_t f = 0; f < nfiles; f++)
		l->rep[f] = (uint32_t)f;
	for (size_t i = 0; i < s->nrenames; i++) {
		uint32_t a = find_rep(l->rep, s->renames[i].from);
		uint32_t b = find_rep(l->rep, s->renames[i].to);
		if (a != b)
			l->rep[a > b ? a : b] = a < b ? a : b;
	}
	for (size_t f = 0; f < nfiles; f++) {
		uint32_t r = find_rep(l->rep, (uint32_t)f);
		if (f >= s->nfiles)
			continue;
		l->changes[r] += s->changes[f];
		if (s->created[f].set)
			keep_creation(&l->created[r], &s->created[f]);
	}
	for (size_t i = 0; i < s->dl.nslots; i++) {
		uint64_t k = s->dl.keys[i];
		if (k != UINT64_MAX)
			*as_u64map_at(&l->dl, AS_PAIR(find_rep(l->rep, AS_PAIR_A(k)),
						      AS_PAIR_B(k))) += s->dl.vals[i];
	}
}

static void lineage_free(lineage *l)
{
	free(l->rep);
	free(l->changes);
	free(l->created);
	as_u64map_free(&l->dl);
}

/* The authors of every tip file, as spans of one array of developer ids. */
typedef struct {
	size_t *off;           /* [tip file]: first author in ids */
	size_t *n;             /* [tip file]: how many */
	uint32_t *ids;
} authorship;

/* Avelino et al.: the authors of a file are the developers whose DOA is at
 * least 3.293 and more than 0.75 of the file's highest DOA. */
static size_t file_authors(uint32_t *out, const lineage *l, uint32_t r,
			   const uint32_t *dev, const uint64_t *dl, size_t n, double *doa)
{
	const as_creation *c = &l->created[r];
	double max = -INFINITY;
	size_t k = 0;
	for (size_t j = 0; j < n; j++) {
		doa[j] = as_doa(c->set && c->dev == dev[j], dl[j], l->changes[r] - dl[j]);
		if (doa[j] > max)
			max = doa[j];
	}
	for (size_t j = 0; j < n; j++)
		if (doa[j] >= DOA_MIN && doa[j] / max > DOA_NORMALISED_MIN)
			out[k++] = dev[j];
	return k;
}

static void compute_authors(authorship *a, const as_silo *s, const as_strtab *files,
			    const as_strtab *tip)
{
	size_t nt = tip->nr, nfiles = files->nr, nreps = 0, total = 0;
	lineage l;
	build_lineage(&l, s, nfiles);

	/* The lineages of the tip's files, numbered densely. */
	int64_t *slot = as_xmalloc((nfiles + 1) * sizeof(*slot));
	int64_t *slot_of_tip = as_xmalloc((nt + 1) * sizeof(*slot_of_tip));
	for (size_t f = 0; f < nfiles; f++)
		slot[f] = -1;
	for (size_t t = 0; t < nt; t++) {
		int64_t f = as_strtab_find(files, as_strtab_str(tip, (uint32_t)t), tip->len[t]);
		slot_of_tip[t] = -1;
		if (f < 0)
			continue;
		uint32_t r = find_rep(l.rep, (uint32_t)f);
		if (slot[r] < 0)
			slot[r] = (int64_t)nreps++;
		slot_of_tip[t] = slot[r];
	}
	uint32_t *rep_of_slot = as_xmalloc((nreps + 1) * sizeof(*rep_of_slot));
	for (size_t f = 0; f < nfiles; f++)
		if (slot[f] >= 0)
			rep_of_slot[slot[f]] = (uint32_t)f;

	/* Bucket the (lineage, developer) counters by slot. */
	size_t *cnt = as_xcalloc(nreps + 1, sizeof(*cnt));
	size_t *start = as_xcalloc(nreps + 1, sizeof(*start));
	for (size_t i = 0; i < l.dl.nslots; i++)
		if (l.dl.keys[i] != UINT64_MAX && slot[AS_PAIR_A(l.dl.keys[i])] >= 0)
			cnt[slot[AS_PAIR_A(l.dl.keys[i])]]++;
	for (size_t k = 0; k < nreps; k++) {
		start[k] = total;
		total += cnt[k];
		cnt[k] = 0;
	}
	uint32_t *dev = as_xmalloc((total + 1) * sizeof(*dev));
	uint64_t *dl = as_xmalloc((total + 1) * sizeof(*dl));
	for (size_t i = 0; i < l.dl.nslots; i++) {
		uint64_t key = l.dl.keys[i];
		if (key == UINT64_MAX || slot[AS_PAIR_A(key)] < 0)
			continue;
		size_t k = (size_t)slot[AS_PAIR_A(key)], j = start[k] + cnt[k]++;
		dev[j] = AS_PAIR_B(key);
		dl[j] = l.dl.vals[i];
	}

	/* The authors of each lineage, then each tip file points at them. */
	size_t *off = as_xcalloc(nreps + 1, sizeof(*off));
	size_t *n = as_xcalloc(nreps + 1, sizeof(*n));
	double *doa = as_xmalloc((total + 1) * sizeof(*doa));
	a->ids = as_xmalloc((total + 1) * sizeof(*a->ids));
	for (size_t k = 0, used = 0; k < nreps; k++) {
		off[k] = used;
		n[k] = file_authors(a->ids + used, &l, rep_of_slot[k], dev + start[k],
				    dl + start[k], cnt[k], doa);
		used += n[k];
	}
	a->off = as_xcalloc(nt + 1, sizeof(*a->off));
	a->n = as_xcalloc(nt + 1, sizeof(*a->n));
	for (size_t t = 0; t < nt; t++) {
		if (slot_of_tip[t] < 0)
			continue;
		a->off[t] = off[slot_of_tip[t]];
		a->n[t] = n[slot_of_tip[t]];
	}
	free(doa);
	free(off);
	free(n);
	free(dev);
	free(dl);
	free(cnt);
	free(start);
	free(rep_of_slot);
	free(slot_of_tip);
	free(slot);
	lineage_free(&l);
}

static void authorship_free(authorship *a)
{
	free(a->off);
	free(a->n);
	free(a->ids);
}

/* ---- areas and their truck factors -------------------------------------- */

typedef struct {
	size_t *files;         /* tip file indexes */
	size_t nr, alloc;
} file_list;

static void list_add(file_list *l, size_t f)
{
	AS_GROW(l->files, l->nr + 1, l->alloc);
	l->files[l->nr++] = f;
}

/* Scratch of the greedy algorithm, sized for every developer. */
typedef struct {
	const authorship *a;
	const as_strtab *devs;
	size_t *count;         /* [dev]: files of the area it authors */
	unsigned char *removed;
	uint32_t *seen;        /* devs with a count, to reset */
	size_t nseen;
} greedy;

/*
 * Avelino et al.'s greedy truck factor: remove the developer who authors
 * the most files of the area (ties: the smaller identity, for a stable
 * report) until more than half of the files have no author left.
 */
static void truck_factor(as_area *area, greedy *g, const file_list *l)
{
	for (;;) {
		size_t orphans = 0;
		g->nseen = 0;
		for (size_t i = 0; i < l->nr; i++) {
			size_t f = l->files[i], alive = 0;
			for (size_t k = 0; k < g->a->n[f]; k++) {
				uint32_t d = g->a->ids[g->a->off[f] + k];
				if (g->removed[d])
					continue;
				if (!g->count[d]++)
					g->seen[g->nseen++] = d;
				alive++;
			}
			orphans += !alive;
		}
		uint32_t best = 0;
		int found = 0;
		for (size_t i = 0; i < g->nseen; i++) {
			uint32_t d = g->seen[i];
			if (!found || g->count[d] > g->count[best] ||
			    (g->count[d] == g->count[best] &&
			     strcmp(as_strtab_str(g->devs, d), as_strtab_str(g->devs, best)) < 0)) {
				best = d;
				found = 1;
			}
		}
		size_t best_count = found ? g->count[best] : 0;
		for (size_t i = 0; i < g->nseen; i++)
			g->count[g->seen[i]] = 0;
		if (orphans * 2 > l->nr || !found || !l->nr)
			break;
		if (!area->nauthors)
			area->main_files = best_count;
		area->authors = as_xrealloc(area->authors, (area->nauthors + 1) * sizeof(*area->authors));
		area->authors[area->nauthors++] = best;
		g->removed[best] = 1;
	}
	area->truck_factor = area->nauthors;
	for (size_t i = 0; i < area->nauthors; i++)
		g->removed[area->authors[i]] = 0;
}

static as_area *add_area(as_areas *out, as_area_kind kind, const char *path,
			 size_t files, size_t min_files)
{
	AS_GROW(out->items, out->nr + 1, out->alloc);
	as_area *a = &out->items[out->nr++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->path = as_xstrdup(path);
	a->files = files;
	a->candidate = files >= min_files && files > 0;
	return a;
}

static int cmp_dir(const void *x, const void *y, void *tab)
{
	const as_strtab *t = tab;
	return strcmp(as_strtab_str(t, *(const uint32_t *)x),
		      as_strtab_str(t, *(const uint32_t *)y));
}

static void sort_ids(uint32_t *ids, size_t n, as_strtab *tab)
{
	qsort_r(ids, n, sizeof(*ids), cmp_dir, tab);
}

int as_silo_areas(as_areas *out, const as_silo *s, const as_strtab *files,
		  const as_strtab *devs, git_repository *repo, const git_oid *tree,
		  const as_org *org, const as_ownership *ownership,
		  size_t min_files)
{
	as_strtab tip, dirs = { 0 };
	authorship a;
	file_list all = { 0 }, *by_dir = NULL, *by_team;
	size_t ndirs_alloc = 0;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = list_tip(&tip, repo, tree)) < 0)
		return err;
	compute_authors(&a, s, files, &tip);

	/* Which areas each file is in. */
	by_team = as_xcalloc(org->nteams + 1, sizeof(*by_team));
	as_owners owned = AS_OWNERS_INIT;
	for (size_t t = 0; t < tip.nr; t++) {
		const char *path = as_strtab_str(&tip, (uint32_t)t);
		list_add(&all, t);
		out->files++;
		out->authored += a.n[t] > 0;
		for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
			uint32_t d = as_strtab_intern(&dirs, path, (size_t)(p - path) + 1);
			if (d >= ndirs_alloc) {
				size_t old = ndirs_alloc;
				ndirs_alloc = ndirs_alloc ? ndirs_alloc * 2 : 64;
				by_dir = as_xrealloc(by_dir, ndirs_alloc * sizeof(*by_dir));
				memset(by_dir + old, 0, (ndirs_alloc - old) * sizeof(*by_dir));
			}
			list_add(&by_dir[d], t);
		}
		if (org->nteams && ownership) {
			as_ownership_of(ownership, path, tip.len[t], &owned);
			for (size_t k = 0; k < owned.nteams; k++)
				list_add(&by_team[owned.teams[k]], t);
		}
	}

	greedy g = { &a, devs, as_xcalloc(devs->nr + 1, sizeof(size_t)),
		     as_xcalloc(devs->nr + 1, 1), as_xmalloc((devs->nr + 1) * sizeof(uint32_t)), 0 };

	truck_factor(add_area(out, AS_AREA_REPOSITORY, ".", all.nr, min_files), &g, &all);
	out->items[0].listed = 1;

	uint32_t *order = as_xmalloc((dirs.nr + 1) * sizeof(*order));
	for (uint32_t d = 0; d < dirs.nr; d++)
		order[d] = d;
	sort_ids(order, dirs.nr, &dirs);
	for (size_t i = 0; i < dirs.nr; i++) {
		const char *path = as_strtab_str(&dirs, order[i]);
		const file_list *l = &by_dir[order[i]];
		int top = strchr(path, '/') == path + dirs.len[order[i]] - 1;
		if (!top && l->nr < min_files)
			continue;
		as_area *area = add_area(out, AS_AREA_DIRECTORY, path, l->nr, min_files);
		area->listed = top;
		truck_factor(area, &g, l);
	}
	for (size_t t = 0; t < org->nteams; t++) {
		as_area *area = add_area(out, AS_AREA_TEAM, org->teams[t].id,
					 by_team[t].nr, min_files);
		area->listed = 1;
		truck_factor(area, &g, &by_team[t]);
	}
	for (size_t i = 0; i < out->nr; i++) {
		out->candidates += out->items[i].candidate;
		out->silos += out->items[i].candidate && out->items[i].truck_factor == 1;
	}

	free(order);
	free(g.count);
	free(g.removed);
	free(g.seen);
	for (size_t d = 0; d < dirs.nr; d++)
		free(by_dir[d].files);
	free(by_dir);
	for (size_t t = 0; t <= org->nteams; t++)
		free(by_team[t].files);
	free(by_team);
	as_owners_free(&owned);
	free(all.files);
	authorship_free(&a);
	as_strtab_free(&dirs);
	as_strtab_free(&tip);
	return 0;
}
