/*
 * github-protection: whether CODEOWNERS is a merge gate. The JSON object
 * of one of
 *
 *   gh api repos/{owner}/{repo}/branches/{branch}/protection
 *       "required_pull_request_reviews": {"require_code_owner_reviews": true, ...}
 *   gh api repos/{owner}/{repo}/rulesets/{id}
 *       "rules": [{"type": "pull_request",
 *                  "parameters": {"require_code_owner_review": true, ...}}, ...],
 *       "enforcement": "active"   (a ruleset in "evaluate" or "disabled" mode
 *                                  gates nothing)
 *
 * It yields no event: it sets the run's fact "code-owner-review" when
 * code-owner review is required, which the rules of CODEOWNERS gates
 * read (`requires = code-owner-review`). One object is the whole file.
 */
#include <string.h>

#include "source/tracker/format.h"
#include "source/tracker/github_common.h"

static int branch_protection(const gh_rec *g, json_t *reviews)
{
	if (!reviews || json_is_null(reviews))
		return 0; /* no pull request reviews required at all */
	if (!json_is_object(reviews))
		return gh_fail(g, "\"required_pull_request_reviews\" is not an object");
	json_t *v = json_object_get(reviews, "require_code_owner_reviews");
	if (v && !json_is_boolean(v))
		return gh_fail(g, "\"require_code_owner_reviews\" is not true or false");
	return json_is_true(v);
}

static int ruleset(const gh_rec *g, json_t *o, json_t *rules)
{
	json_t *enforcement = json_object_get(o, "enforcement");
	if (!json_is_array(rules))
		return gh_fail(g, "\"rules\" is not an array");
	if (enforcement && !json_is_string(enforcement))
		return gh_fail(g, "\"enforcement\" is not a string");
	int active = !enforcement || !strcmp(json_string_value(enforcement), "active");
	int required = 0;
	for (size_t i = 0; i < json_array_size(rules); i++) {
		json_t *rule = json_array_get(rules, i), *type = json_object_get(rule, "type");
		if (!json_is_object(rule) || !json_is_string(type))
			return gh_fail(g, "rules[%zu] has no \"type\"", i);
		if (strcmp(json_string_value(type), "pull_request"))
			continue;
		json_t *params = json_object_get(rule, "parameters");
		json_t *v = json_object_get(params, "require_code_owner_review");
		if (v && !json_is_boolean(v))
			return gh_fail(g, "rules[%zu].parameters.require_code_owner_review is not "
				       "true or false", i);
		required |= json_is_true(v);
	}
	return active && required;
}

static int on_object(void *ctx, json_t *o, const trk_json_place *at)
{
	gh_rec g = { .x = ((gh_rec *)ctx)->x, .r = ((gh_rec *)ctx)->r, .at = at };
	json_t *reviews = json_object_get(o, "required_pull_request_reviews");
	json_t *rules = json_object_get(o, "rules");
	int required;

	if (rules)
		required = ruleset(&g, o, rules);
	else if (reviews || json_object_get(o, "enforce_admins") ||
		 json_object_get(o, "required_status_checks"))
		required = branch_protection(&g, reviews);
	else
		return gh_fail(&g, "neither a branch protection (no \"required_pull_request_reviews\") "
			       "nor a ruleset (no \"rules\")");
	if (required < 0)
		return required;
	g.x->known |= 1u << AS_FACT_CODE_OWNER_REVIEW;
	if (required)
		g.x->facts |= 1u << AS_FACT_CODE_OWNER_REVIEW;
	return 0;
}

static int read_protection(as_export *x, trk_reader *r)
{
	gh_rec ctx = { .x = x, .r = r };
	trk_json_reader jr = { .r = r, .record = on_object, .ctx = &ctx };
	int err = trk_json_read_object(&jr);
	x->records = jr.records;
	return err;
}

static int sniff(const as_export_head *h)
{
	static const char *const keys[] = {
		"required_pull_request_reviews", "enforce_admins", "required_status_checks",
		"required_linear_history", "allow_force_pushes", "required_signatures", NULL,
	};
	if (h->json->shape != '{')
		return 0;
	for (size_t i = 0; keys[i]; i++)
		if (trk_json_head_has(h->json, keys[i]))
			return 2;
	return trk_json_head_has(h->json, "rules") &&
	       (trk_json_head_has(h->json, "enforcement") || trk_json_head_has(h->json, "target"))
	       ? 2 : 0;
}

static void excerpt(as_buf *out, const as_export *x, const as_export_rec *r)
{
	(void)x, (void)r; /* no records */
	as_buf_puts(out, "branch protection");
}

const as_export_format as_format_github_protection = {
	.name = "github-protection",
	.sniff = sniff,
	.read = read_protection,
	.excerpt = excerpt,
	.unrecognised = "{a branch protection (no \"required_pull_request_reviews\") or a "
			"ruleset (no \"rules\")",
};
