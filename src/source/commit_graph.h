#ifndef AS_COMMIT_GRAPH_H
#define AS_COMMIT_GRAPH_H
/*
 * The commit-graph of an object directory, read by us: libgit2 1.5.1 does
 * not read what git >= 2.36 writes (its generation-data chunks make it
 * give up silently, LIBNOTES), and git writes one on every gc. With it, a
 * walk knows each commit's parents, tree and committer date without
 * inflating the commit, so reading commits is left to the threads that
 * judge them.
 *
 * Format: git's Documentation/gitformat-commit-graph.adoc — the single
 * file objects/info/commit-graph, else the chain in
 * objects/info/commit-graphs/ (layers base first, a commit's position
 * counted across them). Only the chunks a walk needs are read (OIDF,
 * OIDL, CDAT, EDGE, BASE); generation numbers and Bloom filters are not.
 * Every offset is checked against the file; a layer that does not check
 * ends the chain there (git also keeps the valid prefix), a file that
 * does not check is not used.
 *
 * The dates are the graph's: 34 bits, as git writes them and as git log
 * sorts by them when it has the graph.
 */
#include <git2.h>
#include <stddef.h>
#include <stdint.h>

typedef struct as_commit_graph as_commit_graph;

/* The graph of the first of `dirs` that has a usable one, or NULL. */
as_commit_graph *as_commit_graph_open(char *const *dirs, size_t ndirs);
void as_commit_graph_free(as_commit_graph *g);

/* How many commits the graph holds (every layer). */
uint32_t as_commit_graph_count(const as_commit_graph *g);

/* The position of `oid`: 1 when the graph has it, 0 when not. */
int as_commit_graph_find(const as_commit_graph *g, const git_oid *oid, uint32_t *pos);

/* The id of the commit at `pos` (< as_commit_graph_count). */
void as_commit_graph_oid(const as_commit_graph *g, uint32_t pos, git_oid *out);

/*
 * The commit at `pos`: its tree, committer date and parents' positions
 * (at most `max`; *nparents says how many it has). Returns 0, or -1 when
 * the entry is malformed (a parent position outside the graph, a broken
 * edge list): then read the commit itself.
 */
int as_commit_graph_commit(const as_commit_graph *g, uint32_t pos, git_oid *tree,
			   int64_t *time, uint32_t *parents, size_t max, size_t *nparents);

#endif
