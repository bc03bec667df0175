#ifndef AS_METRICS_FEEDBACK_H
#define AS_METRICS_FEEDBACK_H
/*
 * Cross-team feedback (README, "Metrics"): the feedback trailers of commits
 * (Reviewed-by, Acked-by, ...) as a graph from the person named in the
 * trailer to the commit's author, between people and between teams.
 * Parties are identities interned by the caller (as_metrics.idents), so
 * the people graph merges through an id map.
 */
#include <stdint.h>

#include "config/org.h"
#include "util/table.h"

/* The kind of one piece of feedback, by the org chart. */
typedef struct {
	uint64_t given, given_cross_team;
	uint64_t given_to_managers;   /* by members to someone above them */
	uint64_t given_by_managers;   /* by members to someone below them */
	uint64_t received, received_cross_team;
} as_team_feedback;

typedef struct {
	uint64_t total;
	uint64_t cross_team;     /* both in teams, no team in common */
	uint64_t in_team;        /* both in teams, a team in common */
	uint64_t by_managers;    /* both known, giver above the receiver */
	uint64_t by_peers;       /* both known, giver not above the receiver */
	uint64_t by_reports;     /* of by_peers: the receiver above the giver
				  * (feedback given upwards, to one's managers) */
	uint64_t *by_key;        /* [settings key] */
	size_t nkeys;
	size_t nteams;           /* 0 until used; index nteams is "(none)" */
	uint64_t *team_graph;    /* [(nteams + 1)^2]: [giver team][receiver team] */
	as_team_feedback *team;  /* [nteams] */
	as_u64map people;        /* AS_PAIR(giver ident, receiver ident) -> count */
} as_feedback;

/*
 * One feedback trailer (settings key number `key` of `nkeys`): `giver`
 * and `receiver` are person indexes (-1: unknown), `gid` and `rid` their
 * identities. The caller leaves out feedback to oneself.
 */
void as_feedback_add(as_feedback *f, const as_org *org, size_t key, size_t nkeys,
		     int giver, uint32_t gid, int receiver, uint32_t rid);
/* `ident_map` maps the identities of `from` to those of `into`. */
void as_feedback_merge(as_feedback *into, const as_feedback *from,
		       const uint32_t *ident_map);
void as_feedback_free(as_feedback *f);

#endif
