#ifndef AS_METRICS_H
#define AS_METRICS_H
/*
 * Metrics: what the events and commits of a run add up to (SPEC §6
 * "metrics", docs/report.md, formulas in README, "Metrics").
 *
 * Each worker thread fills its own as_metrics (a zeroed one is empty and
 * valid); as_metrics_merge() adds them up at the end, exactly: every
 * metric is a sum, a minimum (the creator of a file) or a union, so the
 * result does not depend on which worker saw which commit nor on --jobs.
 * as_metrics_finish() then computes what needs the whole history: the
 * degree of authorship, truck factors and silos, and the score.
 *
 *   per event   as_metrics_count()    assignments, approvals, context, timeline
 *   per commit  as_metrics_commit()   contribution, autonomy, feedback, authorship
 *   at the end  as_metrics_merge(), as_metrics_finish(), the report, as_metrics_free()
 */
#include <git2.h>
#include <stdint.h>

#include "config/org.h"
#include "event.h"
#include "metrics/feedback.h"
#include "metrics/managers.h"
#include "metrics/score.h"
#include "metrics/settings.h"
#include "metrics/silo.h"
#include "metrics/truck.h"
#include "util/table.h"
#include "metrics/teams.h"
#include "metrics/timeline.h"
#include "metrics/trackers.h"
#include "source/commit.h"
#include "source/paths.h"

typedef struct as_metrics {
	/* Every assignment event, fired or not, once per commit or record
	 * and parties, by relation from the actor to the subject. */
	uint64_t assignments[AS_REL__COUNT];
	uint64_t approvals[AS_REL__COUNT];
	uint64_t context_events;   /* private-channel references */
	uint64_t review_requests[AS_REL__COUNT]; /* by relation, requester -> reviewer */
	uint64_t gates[AS_REL__COUNT];   /* CODEOWNERS gates, by the owner's relation */
	uint64_t bot_events[AS_EV__COUNT]; /* events with a bot as a party, by kind:
					    * counted here and nowhere else */
	unsigned facts;            /* AS_FACT_* that hold (the exports said) */
	unsigned known_facts;      /* AS_FACT_* the exports said anything about */
	as_timeline timeline;      /* the assignments by month, team, manager */
	as_tracker_stats trackers; /* the tracker exports read */

	/* Filled by as_metrics_commit(). */
	uint64_t commits;
	int have_paths;            /* changed paths were given */
	as_strtab idents;          /* developers and feedback parties */
	int *ident_person;         /* [ident]: its person in the org chart, -1 */
	size_t ident_person_alloc;
	as_strtab files;           /* every path changed in the walk */
	as_teams teams;
	as_feedback feedback;
	as_silo silo;
	as_work work;              /* each person's own commits and reviews */
	int64_t first_time;        /* committer dates of the oldest and the */
	int64_t last_time;         /* newest commit (0: none) */
	git_oid tip_tree;          /* the tree of the walk's first commit */
	int have_tip;
	int64_t tip_time;          /* its committer date: "now" for who is active */

	/* Filled by as_metrics_finish(). */
	int finished;
	const as_org *org;         /* names for the report (owned by the config) */
	as_metrics_settings settings;
	int have_areas;            /* authorship and areas were computed */
	as_authorship authorship;  /* the tip's files and their authors */
	as_areas areas;
	unsigned char *gone;       /* [ident]: left, or not active lately */
	size_t developers;         /* authors of a counted file */
	size_t active_developers;  /* ... who are still here */
	size_t attributes_skipped; /* .gitattributes linguist lines not used */
	int64_t active_since;      /* active = a commit at or after this (0: any) */
	int silo_files;            /* the report lists every file's authors */
	unsigned char *without;    /* [ident]: --without, or NULL */
	size_t nwithout;
	as_score score;

	/* private: as_metrics_commit()'s scratch, reused per commit */
	as_buf author_, party_;
	as_owners owners_;
	int64_t *owners_off_;      /* [file]: offset in owners_pool_, -1 unknown */
	uint32_t *owners_n_;
	size_t owners_files_;
	int *owners_pool_;
	size_t owners_pool_nr_, owners_pool_alloc_;
	as_owned_change *changes_;
	size_t changes_alloc_;
	uint32_t *change_files_;
	int *approvers_;
	size_t approvers_nr_, approvers_alloc_;
} as_metrics;

/*
 * Counts the events items[from..nr) of one commit, record or group of
 * records (a pull request and its reviews). `ctx` (may be NULL: then no
 * feedback nor team counts) gives the org chart and the owners of paths:
 * the exports' reviews are feedback like a Reviewed-by trailer, and a
 * pull request counts for the teams that own its files (exports.c).
 */
void as_metrics_count(as_metrics *m, const as_metrics_ctx *ctx, const as_events *evs,
		      size_t from);
/* Of exports.c: an export's review as feedback; a pull request (its
 * `change` event and the approvals of the same group) for its teams. */
void as_metrics_count_review(as_metrics *m, const as_metrics_ctx *ctx, const as_event *e);
void as_metrics_count_pull_request(as_metrics *m, const as_metrics_ctx *ctx,
				   const as_events *evs, size_t from, const as_event *pr);
/* The developer a party is (its identity in the report): the person id
 * when `person` is one of the org chart's, else what `text` (an
 * "@login", "Name <email>") resolves to (as commit authors do). */
uint32_t as_metrics_party(as_metrics *m, const as_metrics_ctx *ctx, int person,
			  const as_buf *text);

/*
 * Counts one commit (on the worker thread that parsed it): its feedback
 * and approval trailers and, when `paths` is not NULL, the paths it
 * changed (with their line counts when they were counted). `seq` is the
 * commit's position in the walk: 0 is the tip whose files the truck
 * factors are computed over.
 */
void as_metrics_commit(as_metrics *m, const as_metrics_ctx *ctx,
		       const as_commit *c, const as_paths *paths, uint64_t seq);
/* Whether as_metrics_commit reads trailers with this key (the feedback
 * and approval keys): the others may be left out of the commit it gets. */
int as_metrics_counts_trailer(const as_metrics_ctx *ctx, const char *key);

void as_metrics_merge(as_metrics *into, const as_metrics *from);

/*
 * After the walk and the merge: authorship, truck factors and silos over
 * the files of the tip (ctx's tip, else the walk's first commit; read
 * from `repo`; NULL or no paths: none), and the score. The config behind
 * `ctx` must outlive `m` (the report reads names and keys from it).
 * Returns 0 or AS_EINTERNAL (the tip's tree cannot be read).
 */
int as_metrics_finish(as_metrics *m, const as_metrics_ctx *ctx,
		      git_repository *repo);

void as_metrics_free(as_metrics *m);

/* The name a developer has in the report: the person id when the org
 * chart knows them, else "Name <email>" after .mailmap of the developer's
 * identities (source/identities.h: the most frequent). */
static inline const char *as_metrics_ident(const as_metrics *m, uint32_t id)
{
	return as_strtab_str(&m->idents, id);
}

#endif
