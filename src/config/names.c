#include "config/names.h"

#include <string.h>

#include "util/error.h"

const char *const as_severity_names[AS_SEV_NEVER + 1] = {
	[AS_SEV_INFO] = "info", [AS_SEV_WARNING] = "warning",
	[AS_SEV_ERROR] = "error", [AS_SEV_NEVER] = "never",
};

const char *const as_source_names[AS_SRC_CODEOWNERS + 1] = {
	[AS_SRC_SUBJECT] = "subject", [AS_SRC_BODY] = "body",
	[AS_SRC_MESSAGE] = "message", [AS_SRC_TRAILER] = "trailer",
	[AS_SRC_TRACKER] = "tracker", [AS_SRC_PATH] = "path",
	[AS_SRC_CODEOWNERS] = "codeowners",
};

const char *const as_origin_names[AS_ORIGIN_CODEOWNERS + 1] = {
	[AS_ORIGIN_SUBJECT] = "subject", [AS_ORIGIN_BODY] = "body",
	[AS_ORIGIN_MESSAGE] = "message", [AS_ORIGIN_TRAILER] = "trailer",
	[AS_ORIGIN_TRACKER_FILE] = "tracker-file",
	[AS_ORIGIN_TRACKER_EXPORT] = "tracker-export",
	[AS_ORIGIN_PATH] = "path",
	[AS_ORIGIN_CODEOWNERS] = "codeowners",
};

const char *const as_event_kind_names[AS_EV__COUNT] = {
	[AS_EV_ASSIGNMENT] = "assignment", [AS_EV_APPROVAL] = "approval",
	[AS_EV_REVIEW] = "review", [AS_EV_COAUTHOR] = "coauthor",
	[AS_EV_CHANGE] = "change", [AS_EV_CONTEXT] = "context",
	[AS_EV_REVIEW_REQUEST] = "review-request", [AS_EV_GATE] = "gate",
};

const char *const as_relation_names[AS_REL__COUNT] = {
	[AS_REL_SELF] = "self", [AS_REL_PEER] = "peer",
	[AS_REL_MANAGER] = "manager", [AS_REL_SKIP_LEVEL] = "skip-level",
	[AS_REL_REPORT] = "report", [AS_REL_CROSS_TEAM] = "cross-team",
	[AS_REL_UNKNOWN] = "unknown",
};

const char *const as_region_names[AS_REGION__COUNT] = {
	[AS_REGION_SUBJECT] = "subject", [AS_REGION_PROSE] = "prose",
	[AS_REGION_QUOTE] = "quote", [AS_REGION_CODE] = "code",
	[AS_REGION_REVERT] = "revert", [AS_REGION_CHERRY_PICK] = "cherry-pick",
	[AS_REGION_TRAILERS] = "trailers", [AS_REGION_SIGNATURE] = "signature",
};

const char *const as_directive_names[AS_DIR__COUNT] = {
	[AS_DIR_ASSIGN] = "assign", [AS_DIR_REQUEST] = "request", [AS_DIR_APPROVE] = "approve",
};

const char *const as_actor_kind_names[AS_BY__COUNT] = {
	[AS_BY_NAMED] = "named", [AS_BY_ROLE] = "role", [AS_BY_AUTHOR] = "author",
};

const char *const as_mode_names[AS_MODE_OFF + 1] = {
	[AS_MODE_ENFORCE] = "enforce", [AS_MODE_WARN] = "warn", [AS_MODE_OFF] = "off",
};

const char *const as_fact_names[AS_FACT__COUNT] = {
	[AS_FACT_CODE_OWNER_REVIEW] = "code-owner-review",
};

const char *const as_export_format_names[] = {
	"github-events", "github-issues", "jira-csv", "github-prs",
	"github-protection", "gitlab-notes", NULL,
};

const char *const as_review_keys[AS_REVIEW_KEYS] = {
	"review:approved", "review:changes_requested", "review:commented",
};

const char *const as_privacy_names[AS_PRIVACY_TEAM + 1] = {
	[AS_PRIVACY_NONE] = "none", [AS_PRIVACY_TEAM] = "team",
};

static const char *name_of(const char *const *names, int n, int v, const char *none)
{
	return v >= 0 && v < n && names[v] ? names[v] : none;
}

const char *as_severity_name(as_severity s)
{
	return name_of(as_severity_names, AS_NAMES_COUNT(as_severity_names), (int)s, "?");
}

const char *as_source_name(as_source s)
{
	return name_of(as_source_names, AS_NAMES_COUNT(as_source_names), (int)s, "?");
}

const char *as_origin_name(as_origin o)
{
	return name_of(as_origin_names, AS_NAMES_COUNT(as_origin_names), (int)o, "?");
}

const char *as_event_kind_name(as_event_kind k)
{
	return name_of(as_event_kind_names, AS_EV__COUNT, (int)k, "?");
}

const char *as_relation_name(as_relation r)
{
	return name_of(as_relation_names, AS_REL__COUNT, (int)r, "unknown");
}

int as_name_index(const char *const *names, int n, const char *value)
{
	for (int i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], value))
			return i;
	return -1;
}

void as_names_list(as_buf *out, const char *const *names, int n)
{
	size_t start = out->len;
	for (int i = 0; i < n; i++)
		if (names[i])
			as_buf_printf(out, "%s%s", out->len > start ? ", " : "", names[i]);
}

int as_severity_parse(as_severity *out, const char *name, int allow_never)
{
	int top = allow_never ? AS_SEV_NEVER : AS_SEV_ERROR;
	int i = as_name_index(as_severity_names, top + 1, name);
	if (i < AS_SEV_INFO)
		return AS_ENOTFOUND;
	*out = (as_severity)i;
	return 0;
}

int as_relation_parse(as_relation *out, const char *name)
{
	int i = as_name_index(as_relation_names, AS_REL__COUNT, name);
	if (i < 0)
		return AS_ENOTFOUND;
	*out = (as_relation)i;
	return 0;
}
