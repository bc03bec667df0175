/*
 * Areas and their truck factors (truck.h).
 */
#include "metrics/truck.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

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
	const as_authorship *a;
	const as_strtab *devs;
	size_t *count;         /* [dev]: files of the area it authors */
	unsigned char *removed;
	uint32_t *seen;        /* devs with a count, to reset */
	size_t nseen;
} greedy;

/*
 * Avelino et al.'s greedy truck factor over the files `l`, the developers
 * g->removed marks being gone already: remove the one who authors the most
 * files (ties: the smaller identity) until more than half of the files
 * have no author left. g->removed is as it was on return.
 */
static void truck_factor(as_truck *t, greedy *g, const file_list *l)
{
	memset(t, 0, sizeof(*t));
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
		if (!t->nauthors)
			t->main_files = best_count;
		t->authors = as_xrealloc(t->authors, (t->nauthors + 1) * sizeof(*t->authors));
		t->authors[t->nauthors++] = best;
		g->removed[best] = 1;
	}
	t->truck_factor = t->nauthors;
	for (size_t i = 0; i < t->nauthors; i++)
		g->removed[t->authors[i]] = 0;
}

/* Files of l with an author that `gone` (and `without`, when given)
 * leave in place. */
static size_t kept(const as_authorship *a, const file_list *l, const unsigned char *gone,
		   const unsigned char *without)
{
	size_t n = 0;
	for (size_t i = 0; i < l->nr; i++) {
		size_t f = l->files[i];
		for (size_t k = 0; k < a->n[f]; k++) {
			uint32_t d = a->ids[a->off[f] + k];
			if (!gone[d] && !(without && without[d])) {
				n++;
				break;
			}
		}
	}
	return n;
}

typedef struct {
	as_areas *out;
	greedy *g;
	const unsigned char *gone, *without;
	size_t min_files;
} builder;

static as_area *add_area(builder *b, as_area_kind kind, const char *path,
			 const file_list *l, int listed)
{
	as_areas *out = b->out;
	AS_GROW(out->items, out->nr + 1, out->alloc);
	as_area *a = &out->items[out->nr++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->path = as_xstrdup(path);
	a->files = l->nr;
	a->listed = listed;
	a->candidate = l->nr >= b->min_files && l->nr > 0;
	truck_factor(&a->all, b->g, l);
	/* the people still here: the others are gone before it starts */
	for (size_t d = 0; d < b->g->devs->nr; d++)
		b->g->removed[d] = b->gone[d];
	truck_factor(&a->active, b->g, l);
	memset(b->g->removed, 0, b->g->devs->nr + 1);
	if (b->without) {
		a->kept_before = kept(b->g->a, l, b->gone, NULL);
		a->kept_after = kept(b->g->a, l, b->gone, b->without);
	}
	return a;
}

static int cmp_dir(const void *x, const void *y, void *tab)
{
	const as_strtab *t = tab;
	return strcmp(as_strtab_str(t, *(const uint32_t *)x),
		      as_strtab_str(t, *(const uint32_t *)y));
}

void as_areas_compute(as_areas *out, const as_authorship *a, const as_strtab *devs,
		      const unsigned char *gone, const unsigned char *without,
		      const as_org *org, const as_ownership *ownership,
		      size_t min_files)
{
	as_strtab dirs = { 0 };
	file_list all = { 0 }, *by_dir = NULL, *by_team;
	size_t ndirs_alloc = 0;
	as_owners owned = AS_OWNERS_INIT;

	memset(out, 0, sizeof(*out));
	by_team = as_xcalloc(org->nteams + 1, sizeof(*by_team));
	for (size_t t = 0; t < a->paths.nr; t++) {
		if (a->reason[t] != AS_FILE_COUNTED)
			continue;
		const char *path = as_strtab_str(&a->paths, (uint32_t)t);
		list_add(&all, t);
		out->authored += a->n[t] > 0;
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
			as_ownership_of(ownership, path, a->paths.len[t], &owned);
			for (size_t k = 0; k < owned.nteams; k++)
				list_add(&by_team[owned.teams[k]], t);
		}
	}

	greedy g = { a, devs, as_xcalloc(devs->nr + 1, sizeof(size_t)),
		     as_xcalloc(devs->nr + 1, 1), as_xmalloc((devs->nr + 1) * sizeof(uint32_t)), 0 };
	builder b = { out, &g, gone, without, min_files };

	add_area(&b, AS_AREA_REPOSITORY, ".", &all, 1);
	uint32_t *order = as_xmalloc((dirs.nr + 1) * sizeof(*order));
	for (uint32_t d = 0; d < dirs.nr; d++)
		order[d] = d;
	qsort_r(order, dirs.nr, sizeof(*order), cmp_dir, &dirs);
	for (size_t i = 0; i < dirs.nr; i++) {
		const char *path = as_strtab_str(&dirs, order[i]);
		const file_list *l = &by_dir[order[i]];
		int top = strchr(path, '/') == path + dirs.len[order[i]] - 1;
		/* small nested directories are no silos; --without looks at all */
		if (top || l->nr >= min_files || without)
			add_area(&b, AS_AREA_DIRECTORY, path, l, top);
	}
	for (size_t t = 0; t < org->nteams; t++)
		add_area(&b, AS_AREA_TEAM, org->teams[t].id, &by_team[t], 1);
	for (size_t i = 0; i < out->nr; i++) {
		out->candidates += out->items[i].candidate;
		out->silos += out->items[i].candidate && out->items[i].all.truck_factor == 1;
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
	as_strtab_free(&dirs);
}

void as_areas_free(as_areas *a)
{
	for (size_t i = 0; i < a->nr; i++) {
		free(a->items[i].path);
		free(a->items[i].all.authors);
		free(a->items[i].active.authors);
	}
	free(a->items);
	memset(a, 0, sizeof(*a));
}
