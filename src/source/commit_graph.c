/*
 * The commit-graph file or chain of an object directory (see
 * commit_graph.h).
 */
#include "source/commit_graph.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"

#define HASH 20
#define HEADER 8
#define CDAT_WIDTH (HASH + 16)
#define NO_PARENT 0x70000000u
#define EDGE_FLAG 0x80000000u
/* more layers than git would ever write (it merges them) */
#define MAX_LAYERS 64

typedef struct {
	const unsigned char *map;
	size_t len;
	uint32_t nr;                 /* commits in this layer */
	uint32_t base;               /* commits in the layers below */
	const unsigned char *fanout, *oids, *cdat, *edges;
	size_t nedges;
	unsigned char hash[HASH];    /* the file's trailer: its name in a chain */
} layer;

struct as_commit_graph {
	layer layers[MAX_LAYERS];
	size_t nlayers;
	uint32_t count;
};

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be64(const unsigned char *b)
{
	return (uint64_t)be32(b) << 32 | be32(b + 4);
}

/* Maps and checks one graph file; `nbase`: the layers it must sit on. */
static int load_layer(layer *l, const char *path, const as_commit_graph *below)
{
	memset(l, 0, sizeof(*l));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	void *m = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size > HEADER + 12 + HASH)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	l->map = m;
	l->len = (size_t)st.st_size;
	const unsigned char *d = l->map;
	unsigned nchunks = d[6], nbase = d[7];
	/* version 1, SHA-1, sitting on exactly the layers below */
	if (memcmp(d, "CGPH", 4) || d[4] != 1 || d[5] != 1 || nbase != below->nlayers)
		goto bad;
	if ((uint64_t)HEADER + (uint64_t)(nchunks + 1) * 12 > l->len - HASH)
		goto bad;
	const unsigned char *base = NULL;
	uint64_t base_len = 0, cdat_len = 0, oidl_len = 0;
	for (unsigned i = 0; i < nchunks; i++) {
		const unsigned char *c = d + HEADER + 12 * i;
		uint64_t off = be64(c + 4), next = be64(c + 16);
		if (off > next || next > l->len - HASH)
			goto bad;
		const unsigned char *at = d + off;
		uint64_t size = next - off;
		if (!memcmp(c, "OIDF", 4) && size == 256 * 4)
			l->fanout = at;
		else if (!memcmp(c, "OIDL", 4))
			l->oids = at, oidl_len = size;
		else if (!memcmp(c, "CDAT", 4))
			l->cdat = at, cdat_len = size;
		else if (!memcmp(c, "EDGE", 4) && size % 4 == 0)
			l->edges = at, l->nedges = (size_t)(size / 4);
		else if (!memcmp(c, "BASE", 4))
			base = at, base_len = size;
	}
	if (!l->fanout || !l->oids || !l->cdat)
		goto bad;
	uint32_t prev = 0;
	for (int i = 0; i < 256; i++) {
		uint32_t n = be32(l->fanout + 4 * i);
		if (n < prev)
			goto bad;
		prev = n;
	}
	l->nr = prev;
	if (oidl_len != (uint64_t)l->nr * HASH || cdat_len != (uint64_t)l->nr * CDAT_WIDTH)
		goto bad;
	if (nbase) {
		if (!base || base_len != (uint64_t)nbase * HASH)
			goto bad;
		for (unsigned i = 0; i < nbase; i++)
			if (memcmp(base + i * HASH, below->layers[i].hash, HASH))
				goto bad;
	}
	if ((uint64_t)below->count + l->nr > UINT32_MAX / 2)
		goto bad;
	l->base = below->count;
	memcpy(l->hash, d + l->len - HASH, HASH);
	return 0;
bad:
	munmap((void *)(uintptr_t)l->map, l->len);
	memset(l, 0, sizeof(*l));
	return -1;
}

static void add_layer(as_commit_graph *g, const layer *l)
{
	g->layers[g->nlayers++] = *l;
	g->count += l->nr;
}

/* objects/info/commit-graphs/commit-graph-chain: layers, base first. */
static void load_chain(as_commit_graph *g, const char *dir)
{
	as_buf path = AS_BUF_INIT;
	as_buf_printf(&path, "%s/info/commit-graphs/commit-graph-chain", dir);
	FILE *f = fopen(path.ptr, "r");
	char line[128];
	while (f && g->nlayers < MAX_LAYERS && fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (n != 2 * HASH || strspn(line, "0123456789abcdef") != n)
			break;
		layer l;
		as_buf_clear(&path);
		as_buf_printf(&path, "%s/info/commit-graphs/graph-%s.graph", dir, line);
		if (load_layer(&l, path.ptr, g) < 0)
			break;
		add_layer(g, &l);
	}
	if (f)
		fclose(f);
	as_buf_free(&path);
}

as_commit_graph *as_commit_graph_open(char *const *dirs, size_t ndirs)
{
	as_commit_graph *g = as_xcalloc(1, sizeof(*g));
	as_buf path = AS_BUF_INIT;
	for (size_t i = 0; i < ndirs && !g->nlayers; i++) {
		layer l;
		as_buf_clear(&path);
		as_buf_printf(&path, "%s/info/commit-graph", dirs[i]);
		if (load_layer(&l, path.ptr, g) == 0)
			add_layer(g, &l);
		else
			load_chain(g, dirs[i]);
	}
	as_buf_free(&path);
	if (!g->nlayers) {
		free(g);
		return NULL;
	}
	return g;
}

void as_commit_graph_free(as_commit_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nlayers; i++)
		munmap((void *)(uintptr_t)g->layers[i].map, g->layers[i].len);
	free(g);
}

uint32_t as_commit_graph_count(const as_commit_graph *g)
{
	return g->count;
}

int as_commit_graph_find(const as_commit_graph *g, const git_oid *oid, uint32_t *pos)
{
	unsigned first = oid->id[0];
	for (size_t k = g->nlayers; k-- > 0;) {
		const layer *l = &g->layers[k];
		uint32_t lo = first ? be32(l->fanout + 4 * (first - 1)) : 0;
		uint32_t hi = be32(l->fanout + 4 * first);
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			int c = memcmp(l->oids + (size_t)mid * HASH, oid->id, HASH);
			if (!c) {
				*pos = l->base + mid;
				return 1;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return 0;
}

static const layer *layer_of(const as_commit_graph *g, uint32_t pos)
{
	size_t k = g->nlayers;
	while (k > 1 && g->layers[k - 1].base > pos)
		k--;
	return &g->layers[k - 1];
}

void as_commit_graph_oid(const as_commit_graph *g, uint32_t pos, git_oid *out)
{
	const layer *l = layer_of(g, pos);
	memcpy(out->id, l->oids + (size_t)(pos - l->base) * HASH, HASH);
}

int as_commit_graph_commit(const as_commit_graph *g, uint32_t pos, git_oid *tree,
			   int64_t *time, uint32_t *parents, size_t max, size_t *nparents)
{
	const layer *l = layer_of(g, pos);
	const unsigned char *c = l->cdat + (size_t)(pos - l->base) * CDAT_WIDTH;
	uint32_t p1 = be32(c + HASH), p2 = be32(c + HASH + 4);
	size_t n = 0;

	memcpy(tree->id, c, HASH);
	*time = (int64_t)(be32(c + HASH + 8) & 3) << 32 | be32(c + HASH + 12);
	if (p1 != NO_PARENT) {
		if (p1 >= g->count)
			return -1;
		if (n < max)
			parents[n] = p1;
		n++;
	}
	if (p2 != NO_PARENT && !(p2 & EDGE_FLAG)) {
		if (p1 == NO_PARENT || p2 >= g->count)
			return -1;
		if (n < max)
			parents[n] = p2;
		n++;
	} else if (p2 != NO_PARENT) {
		/* an octopus: the rest of its parents in the edge list */
		size_t e = p2 & ~EDGE_FLAG;
		for (;;) {
			if (p1 == NO_PARENT || e >= l->nedges)
				return -1;
			uint32_t v = be32(l->edges + 4 * e++);
			if ((v & ~EDGE_FLAG) >= g->count)
				return -1;
			if (n < max)
				parents[n] = v & ~EDGE_FLAG;
			n++;
			if (v & EDGE_FLAG)
				break;
		}
	}
	*nparents = n;
	return 0;
}
