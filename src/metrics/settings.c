/*
 * The settings of the metrics: defaults, and what rules.ini overrides.
 */
#include "metrics/settings.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

static const char *const part_names[AS_PART__COUNT] = {
	[AS_PART_TOP_DOWN] = "top_down",
	[AS_PART_FEEDBACK] = "cross_team_feedback",
	[AS_PART_INBOUND] = "inbound_contribution",
	[AS_PART_AUTONOMY] = "autonomy",
	[AS_PART_SILOS] = "silos",
};

const char *as_score_part_name(as_score_part_id p)
{
	return (unsigned)p < AS_PART__COUNT ? part_names[p] : "?";
}

/* The feedback trailers of git.git and of GitHub (Co-authored-by). */
static const char *const default_feedback_keys[] = {
	"Reviewed-by", "Acked-by", "Tested-by", "Helped-by", "Co-authored-by",
};
static const char *const default_approval_keys[] = { "Approved-by" };

/*
 * Top-down assignment is what the rule is about, so it weighs most; team
 * autonomy (no outside gate) next; the three signs of working across
 * boundaries share the rest. They add up to 1.
 */
static const double default_weights[AS_PART__COUNT] = {
	[AS_PART_TOP_DOWN] = 0.35,
	[AS_PART_FEEDBACK] = 0.15,
	[AS_PART_INBOUND] = 0.15,
	[AS_PART_AUTONOMY] = 0.20,
	[AS_PART_SILOS] = 0.15,
};

void as_metrics_settings_init(as_metrics_settings *s, const as_config *cfg)
{
	memset(s, 0, sizeof(*s));
	s->feedback_keys = default_feedback_keys;
	s->nfeedback_keys = sizeof(default_feedback_keys) / sizeof(default_feedback_keys[0]);
	s->approval_keys = default_approval_keys;
	s->napproval_keys = 1;
	s->silo_min_files = 5;
	s->active_months = 12;
	memcpy(s->weights, default_weights, sizeof(s->weights));
	s->feedback_target = 0.25;
	s->inbound_target = 0.20;
	(void)cfg;
#ifdef AS_CONFIG_HAS_METRICS
	/* The keys of README, "Metrics", as config/keys.c reads them. */
	if (cfg) {
		if (cfg->feedback_keys) {
			s->feedback_keys = (const char *const *)cfg->feedback_keys;
			s->nfeedback_keys = cfg->nfeedback_keys;
		}
		if (cfg->approval_keys) {
			s->approval_keys = (const char *const *)cfg->approval_keys;
			s->napproval_keys = cfg->napproval_keys;
		}
		if (cfg->silo_min_files)
			s->silo_min_files = cfg->silo_min_files;
		s->silo_include = (const char *const *)cfg->silo_include;
		s->nsilo_include = cfg->nsilo_include;
		s->silo_exclude = (const char *const *)cfg->silo_exclude;
		s->nsilo_exclude = cfg->nsilo_exclude;
		s->active_months = (unsigned)cfg->active_months;
		for (int p = 0; p < AS_PART__COUNT; p++)
			if (cfg->score_weights_set & (1u << p))
				s->weights[p] = cfg->score_weights[p];
		if (cfg->feedback_target > 0)
			s->feedback_target = cfg->feedback_target;
		if (cfg->inbound_target > 0)
			s->inbound_target = cfg->inbound_target;
	}
#endif
}

int as_metrics_ctx_init(as_metrics_ctx *ctx, const as_config *cfg,
			const as_mailmap *mm, git_repository *repo,
			const git_oid *tip_tree)
{
	git_tree *tree = NULL;
	const as_codeowners *co = NULL;
	int err;

	memset(ctx, 0, sizeof(*ctx));
	ctx->org = &cfg->org;
	ctx->mailmap = mm;
	as_metrics_settings_init(&ctx->settings, cfg);
	as_codeowners_init(&ctx->codeowners_);
	if (tip_tree && repo) {
		ctx->tip_tree = *tip_tree;
		ctx->have_tip = 1;
		if (git_tree_lookup(&tree, repo, tip_tree) < 0) {
			err = as_error_git(AS_EINTERNAL, "reading the tree of the tip");
			goto fail;
		}
		err = as_codeowners_load(&ctx->codeowners_, repo, tree, AS_CODEOWNERS_GITHUB_MAX);
		git_tree_free(tree);
		if (err == 0)
			co = &ctx->codeowners_;
		else if (err != AS_ENOTFOUND && err != AS_ELIMIT)
			goto fail; /* none, or one GitHub ignores: no CODEOWNERS */
	}
	if ((err = as_ownership_new(&ctx->ownership_, ctx->org, co)) < 0)
		goto fail;
	ctx->ownership = ctx->ownership_;
	return 0;
fail:
	as_metrics_ctx_free(ctx);
	return err;
}

void as_metrics_ctx_free(as_metrics_ctx *ctx)
{
	as_ownership_free(ctx->ownership_);
	as_codeowners_free(&ctx->codeowners_);
	ctx->ownership_ = NULL;
	ctx->ownership = NULL;
}

int as_metrics_developer(as_buf *out, const as_metrics_ctx *ctx, const char *text)
{
	size_t len = strlen(text);
	int p = as_org_find_person(ctx->org, text);
	if (p < 0 && ctx->identities) {
		/* "Name <email>", "email" or "Name" */
		const char *lt = strrchr(text, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		const char *name = text, *email = "";
		size_t name_len = len, email_len = 0;
		if (lt && gt) {
			name_len = (size_t)(lt - text);
			email = lt + 1;
			email_len = (size_t)(gt - email);
		} else if (strchr(text, '@')) {
			name_len = 0;
			email = text;
			email_len = len;
		}
		while (name_len && name[name_len - 1] == ' ')
			name_len--;
		int64_t dev = as_identities_find(ctx->identities, name, name_len, email, email_len);
		if (dev >= 0) {
			p = as_identities_person(ctx->identities, (size_t)dev);
			if (p < 0) {
				as_buf_puts(out, as_identities_name(ctx->identities, (size_t)dev));
				return 0;
			}
		}
	}
	if (p < 0)
		p = as_org_resolve(ctx->org, text, len);
	if (p < 0)
		return as_error_set(AS_ECONFIG, "'%s' is no one the org chart or the history knows",
				    text);
	as_buf_puts(out, ctx->org->people[p].id);
	return 0;
}

int as_metrics_range_tip(git_oid *tree, git_repository *repo,
			 const char *const *ranges, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *arg = ranges[i], *dots = strstr(arg, "..");
		git_object *obj = NULL, *commit = NULL;
		char *rev;

		if (arg[0] == '^' || (arg[0] == '-' && strcmp(arg, "--all")))
			continue;
		if (!strcmp(arg, "--all"))
			rev = as_xstrdup("HEAD");
		else if (dots)
			rev = as_xstrdup(dots[2] == '.' ? dots + 3 : dots + 2);
		else
			rev = as_xstrdup(arg);
		if (!*rev) {
			free(rev);
			rev = as_xstrdup("HEAD");
		}
		int ok = git_revparse_single(&obj, repo, rev) == 0 &&
			 git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0;
		if (ok)
			git_oid_cpy(tree, git_commit_tree_id((git_commit *)commit));
		git_object_free(commit);
		git_object_free(obj);
		free(rev);
		if (ok)
			return 0;
	}
	return AS_ENOTFOUND;
}
