#ifndef AS_METRICS_SETTINGS_H
#define AS_METRICS_SETTINGS_H
/*
 * What the metrics need to know besides the commits: the org chart, the
 * trailer keys that count as feedback and as approvals, who owns a path
 * (source/ownership.h), which files are the tip's, and the weights of the compliance score (README, "Metrics").
 */
#include <git2.h>
#include <stddef.h>

#include "config/config.h"
#include "config/org.h"
#include "source/ownership.h"
#include "source/codeowners.h"
#include "source/identities.h"
#include "source/mailmap.h"

/* The parts of the compliance score, in the order the report shows them. */
typedef enum {
	AS_PART_TOP_DOWN,
	AS_PART_FEEDBACK,
	AS_PART_INBOUND,
	AS_PART_AUTONOMY,
	AS_PART_SILOS,
	AS_PART__COUNT
} as_score_part_id;

/* "top_down", "cross_team_feedback", "inbound_contribution", "autonomy",
 * "silos": the names of the report and of the [score] keys. */
const char *as_score_part_name(as_score_part_id p);

typedef struct {
	const char *const *feedback_keys;   /* trailer keys (caseless) */
	size_t nfeedback_keys;
	const char *const *approval_keys;
	size_t napproval_keys;
	size_t silo_min_files;              /* a directory with fewer is no silo */
	const char *const *silo_include;    /* globs: files that count in silos */
	size_t nsilo_include;
	const char *const *silo_exclude;    /* globs: files that do not */
	size_t nsilo_exclude;
	unsigned active_months;             /* still here: a commit this recently
					     * (0: whenever) */
	double weights[AS_PART__COUNT];
	double feedback_target;             /* cross-team feedback share that scores 1 */
	double inbound_target;              /* inbound contribution share that scores 1 */
} as_metrics_settings;

/* Defaults (README, "Metrics"), overridden by what `cfg` sets (may be NULL). */
void as_metrics_settings_init(as_metrics_settings *s, const as_config *cfg);

/* Everything as_metrics_commit() and as_metrics_finish() read; shared by
 * the workers, read-only during the walk. */
typedef struct {
	const as_org *org;
	const as_mailmap *mailmap;      /* maps trailer identities; may be NULL */
	const as_identities *identities;/* developers of the history (may be NULL:
					 * each identity is its own) */
	const char *const *without;     /* --without: developers (as_metrics_developer) */
	size_t nwithout;
	int silo_files;                 /* --silo-files: every file's authors */
	as_metrics_settings settings;
	const as_ownership *ownership;  /* the owning teams of a path */
	git_oid tip_tree;               /* the files of the truck factors; */
	int have_tip;                   /* else those of the walk's first commit */

	/* private: what as_metrics_ctx_init() built */
	as_codeowners codeowners_;
	as_ownership *ownership_;
} as_metrics_ctx;

/*
 * A ctx for `cfg` (org chart, settings) whose owners of paths are the
 * teams' rules.ini paths plus, when `tip_tree` is given (may be NULL), the
 * CODEOWNERS of that tree (as GitHub finds it; a missing or too large one
 * is none). `tip_tree` is also the tree whose files the truck factors are
 * computed over. Returns 0, AS_ECONFIG (a team path that is no pattern)
 * or AS_EINTERNAL (the tree cannot be read).
 */
int as_metrics_ctx_init(as_metrics_ctx *ctx, const as_config *cfg,
			const as_mailmap *mm, git_repository *repo,
			const git_oid *tip_tree);
void as_metrics_ctx_free(as_metrics_ctx *ctx);

/*
 * The developer `text` names, as the report names developers: a person id
 * of the org chart, an identity ("Name <email>", an e-mail, a name) of the
 * org chart or of ctx->identities. Appends the developer's name to `out`
 * and returns 0, or AS_ECONFIG "'TEXT' is no one the org chart or the
 * history knows".
 */
int as_metrics_developer(as_buf *out, const as_metrics_ctx *ctx, const char *text);

/*
 * The tree of the tip of a run's revision arguments: the first one that
 * is not excluded (B of A..B and A...B, HEAD for --all or an empty side).
 * Returns 0, or AS_ENOTFOUND when none resolves to a commit.
 */
int as_metrics_range_tip(git_oid *tree, git_repository *repo,
			 const char *const *ranges, size_t n);

#endif
