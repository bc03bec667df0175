/*
 * The settings sections of rules.ini: [antisilo] (a table of keys, their
 * types and bounds) and [score] (the compliance score's weights).
 *
 * To add a key: a field in as_config (config.h) and one line in
 * antisilo_keys[] below (the setters cover numbers, booleans, paths,
 * lists and enumerations), its default in as_config_defaults(), and its
 * documentation in the shipped rules.ini.
 */
#include "config/config.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/values.h"
#include "util/pattern.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

typedef struct antisilo_key antisilo_key;
struct antisilo_key {
	const char *name;
	int (*set)(as_config *cfg, const as_ini_key *k, const antisilo_key *def);
	size_t offset;               /* of the field in as_config */
	size_t count_offset;         /* lists: of the size_t count */
	unsigned long long min, max; /* numbers */
	const char *const *choices;  /* enumerations: value i is choices[i] */
	int nchoices;
};

#define FIELD(cfg, def, type) ((type *)(void *)((char *)(cfg) + (def)->offset))

static int bad_choice(const as_ini_key *k, const char *const *choices, int n)
{
	as_buf what = AS_BUF_INIT;
	as_buf_printf(&what, "%s: ", k->name);
	int rc = as_config_fail_choice(k, what.ptr, choices, n);
	as_buf_free(&what);
	return rc;
}

/* An enumeration stored as int (as_mode, or 0/1 for allow|reject). */
static int set_choice(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	int i = as_name_index(def->choices, def->nchoices, k->value);
	if (i < 0)
		return bad_choice(k, def->choices, def->nchoices);
	*FIELD(cfg, def, int) = i;
	return 0;
}

static int set_mode(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	int i = as_name_index(def->choices, def->nchoices, k->value);
	if (i < 0)
		return bad_choice(k, def->choices, def->nchoices);
	*FIELD(cfg, def, as_mode) = (as_mode)i;
	return 0;
}

static int set_severity(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	as_severity s;
	if (as_severity_parse(&s, k->value, 1) < 0)
		return bad_choice(k, as_severity_names, AS_SEV_NEVER + 1);
	*FIELD(cfg, def, as_severity) = s;
	return 0;
}

static int number(unsigned long long *v, const as_ini_key *k, const antisilo_key *def)
{
	if (as_number_parse(v, k->value, def->min, def->max) < 0)
		return as_config_fail_key(k, "%s: '%s' is not a whole number from %llu to %llu",
				k->name, k->value, def->min, def->max);
	return 0;
}

static int set_long(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	unsigned long long v;
	if (number(&v, k, def))
		return AS_ECONFIG;
	*FIELD(cfg, def, long) = (long)v;
	return 0;
}

static int set_ulong(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	unsigned long long v;
	if (number(&v, k, def))
		return AS_ECONFIG;
	*FIELD(cfg, def, unsigned long) = (unsigned long)v;
	return 0;
}

static int set_size(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	unsigned long long v;
	if (number(&v, k, def))
		return AS_ECONFIG;
	*FIELD(cfg, def, size_t) = (size_t)v;
	return 0;
}

static int set_bool(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	if (!strcmp(k->value, "true"))
		*FIELD(cfg, def, int) = 1;
	else if (!strcmp(k->value, "false"))
		*FIELD(cfg, def, int) = 0;
	else
		return as_config_fail_key(k, "%s: '%s' is not true or false", k->name, k->value);
	return 0;
}

/* A path; relative paths are relative to the file that sets them. */
static int set_path(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	char **field = FIELD(cfg, def, char *);
	free(*field);
	*field = NULL;
	if (!*k->value)
		return 0; /* "key =" unsets it */
	*field = as_path_relative_to(k->file, k->value);
	return 0;
}

/* Text as written ("key =" unsets it). */
static int set_string(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	char **field = FIELD(cfg, def, char *);
	free(*field);
	*field = *k->value ? as_xstrdup(k->value) : NULL;
	return 0;
}

/* A comma list (char ** and a size_t count); "key =" makes it empty. */
static int set_list(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	char ***items = FIELD(cfg, def, char **);
	size_t *n = (size_t *)(void *)((char *)cfg + def->count_offset);
	as_list_free(*items, *n);
	as_list_split(k->value, items, n);
	return 0;
}

/* A comma list of paths, each relative to the file that sets the key. */
static int set_paths(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	char ***items = FIELD(cfg, def, char **);
	size_t *n = (size_t *)(void *)((char *)cfg + def->count_offset);
	as_list_free(*items, *n);
	as_list_split(k->value, items, n);
	for (size_t i = 0; i < *n; i++) {
		char *abs = as_path_relative_to(k->file, (*items)[i]);
		free((*items)[i]);
		(*items)[i] = abs;
	}
	return 0;
}

/* Free text kept as written ("key =" unsets it). */
static int set_text(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	char **field = FIELD(cfg, def, char *);
	free(*field);
	*field = *k->value ? as_xstrdup(k->value) : NULL;
	return 0;
}

/*
 * A web address the reports make links of: http(s) only (a javascript:
 * or file: address on the HTML page would be a trap for whoever reads
 * it), nothing that could end an attribute.
 */
static int web_address(const char *v)
{
	return (!strncmp(v, "https://", 8) || !strncmp(v, "http://", 7)) &&
	       !strpbrk(v, " \t\"'<>`\\");
}

/* commit_url: a web address with {sha} where the commit id goes. */
static int set_commit_url(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	const char *v = k->value;
	if (*v && (!web_address(v) || !strstr(v, "{sha}")))
		return as_config_fail_key(k, "commit_url: '%s' is not an http(s) address with {sha} "
					  "where the commit id goes (https://git.example.com/app/commit/{sha})", v);
	return set_text(cfg, k, def);
}

/* A list of globs (silo_include, silo_exclude): each must be a pattern
 * the CODEOWNERS matcher takes, checked here so that check-rules names
 * the line. */
static int set_globs(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	int rc = set_list(cfg, k, def);
	char **items = *FIELD(cfg, def, char **);
	size_t n = *(size_t *)(void *)((char *)cfg + def->count_offset);
	as_patterns ps;
	as_patterns_init(&ps);
	for (size_t i = 0; i < n && !rc; i++) {
		const char *why;
		as_pattern p;
		if (as_patterns_add(&ps, &p, items[i], strlen(items[i]), AS_PATTERN_CLASSES, &why) < 0)
			rc = as_config_fail_key(k, "%s: '%s': %s", k->name, items[i], why);
	}
	as_patterns_free(&ps);
	return rc;
}

/* forge_url: the repository's web address (web_address), kept without
 * a trailing '/'. */
static int set_forge_url(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	char **field = FIELD(cfg, def, char *);
	const char *v = k->value;
	size_t n = strlen(v);
	free(*field);
	*field = NULL;
	if (!n)
		return 0;
	if (!web_address(v))
		return as_config_fail_key(k, "forge_url: '%s' is not an http(s) address of the "
					  "repository (https://github.com/org/app)", v);
	while (n && v[n - 1] == '/')
		n--;
	*field = as_xstrndup(v, n);
	return 0;
}

/* Handled while reading the files (load_chain); nothing to store. */
static int set_include(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	(void)cfg, (void)k, (void)def;
	return 0;
}

static const char *const on_error_names[] = { "allow", "reject" };
static const char *const code_owner_review_names[] = { "optional", "required" };
static const char *const on_incomplete_names[] = {
	[AS_INCOMPLETE_REJECT] = "reject", [AS_INCOMPLETE_WARN] = "warn",
	[AS_INCOMPLETE_ALLOW] = "allow",
};

#define NUM(name, field, min, max, setter) \
	{ name, setter, offsetof(as_config, field), 0, min, max, NULL, 0 }
#define ENUM(name, field, names, setter) \
	{ name, setter, offsetof(as_config, field), 0, 0, 0, names, \
	  (int)(sizeof(names) / sizeof(names[0])) }
#define LIST(name, field, count) \
	{ name, set_list, offsetof(as_config, field), offsetof(as_config, count), \
	  0, 0, NULL, 0 }
#define PATHS(name, field, count) \
	{ name, set_paths, offsetof(as_config, field), offsetof(as_config, count), \
	  0, 0, NULL, 0 }
#define GLOBS(name, field, count) \
	{ name, set_globs, offsetof(as_config, field), offsetof(as_config, count), \
	  0, 0, NULL, 0 }
#define OTHER(name, field, setter) \
	{ name, setter, offsetof(as_config, field), 0, 0, 0, NULL, 0 }

/*
 * Every key of [antisilo], its type and its bounds: adding a key is a
 * field in as_config and one line here (NUM for whole numbers, ENUM for a
 * fixed set of words, LIST for comma lists, OTHER with set_bool, set_path,
 * set_severity...). The defaults are set in config_defaults() and
 * documented in the shipped rules.ini.
 */
static const antisilo_key antisilo_keys[] = {
	ENUM("mode", mode, as_mode_names, set_mode),
	OTHER("fail_on", fail_on, set_severity),
	ENUM("on_error", on_error_reject, on_error_names, set_choice),
	ENUM("on_incomplete", on_incomplete, on_incomplete_names, set_choice),
	NUM("deadline_ms", deadline_ms, 1, 86400000, set_long),
	LIST("tracker_paths", tracker_paths, ntracker_paths),
	OTHER("allow_waiver", allow_waiver, set_bool),
	OTHER("waiver_log", waiver_log, set_path),
	OTHER("forge_url", forge_url, set_forge_url),
	ENUM("code_owner_review", code_owner_review, code_owner_review_names, set_choice),
	OTHER("audit_log", audit_log, set_path),
	OTHER("pusher_env", pusher_env, set_string),
	OTHER("verify_signatures", verify_signatures, set_bool),
	OTHER("allowed_signers", allowed_signers, set_path),
	NUM("match_limit", match_limit, 1, UINT32_MAX, set_ulong),
	NUM("depth_limit", depth_limit, 1, UINT32_MAX, set_ulong),
	NUM("heap_limit_kib", heap_limit_kib, 1, UINT32_MAX, set_ulong),
	NUM("max_message_bytes", max_message_bytes, 1024, 1024ull * 1024 * 1024, set_size),
	NUM("max_tracker_file_bytes", max_tracker_file_bytes, 1024, 1024ull * 1024 * 1024, set_size),
	/* the export arena has 32-bit offsets: 2 GiB at most */
	NUM("max_export_bytes", max_export_bytes, 1024, 2ull << 30, set_size),
	NUM("max_push_commits", max_push_commits, 1, 100000000, set_size),
	LIST("feedback_keys", feedback_keys, nfeedback_keys),
	LIST("approval_keys", approval_keys, napproval_keys),
	NUM("silo_min_files", silo_min_files, 1, 1000000000, set_size),
	PATHS("lexicons", lexicon_paths, nlexicon_paths),
	PATHS("site_lexicons", site_lexicon_paths, nsite_lexicon_paths),
	ENUM("privacy", privacy, as_privacy_names, set_choice),
	NUM("min_group_size", min_group_size, 1, 1000000, set_size),
	OTHER("commit_url", commit_url, set_commit_url),
	OTHER("name", name, set_text),
	GLOBS("silo_include", silo_include, nsilo_include),
	GLOBS("silo_exclude", silo_exclude, nsilo_exclude),
	NUM("active_months", active_months, 0, 1200, set_long),
	OTHER("org_csv", org_csv, set_path),
	LIST("org_csv_columns", org_csv_columns, norg_csv_columns),
	OTHER("include", path, set_include),
};

/*
 * The defaults: what a rules file that says nothing gets. The PCRE2
 * bounds keep one hostile message from costing more than a few
 * milliseconds per pattern (LIBNOTES: PCRE2's own defaults allow seconds
 * and 20 GB); PCRE2 counts match_limit per start position, so long
 * messages still match fully.
 */
void as_config_defaults(as_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	as_org_init(&cfg->org);
	cfg->mode = AS_MODE_ENFORCE;
	cfg->fail_on = AS_SEV_ERROR;
	cfg->on_error_reject = 0;
	cfg->deadline_ms = 4000;
	cfg->allow_waiver = 0;
	cfg->match_limit = 100000;
	cfg->depth_limit = 10000;
	cfg->heap_limit_kib = 20480;
	cfg->max_message_bytes = 1024 * 1024;
	cfg->max_tracker_file_bytes = 4 * 1024 * 1024;
	cfg->max_export_bytes = 1024 * 1024 * 1024;
	cfg->max_push_commits = 200000;
	cfg->on_incomplete = AS_INCOMPLETE_REJECT;
	cfg->active_months = 12;
	cfg->privacy = AS_PRIVACY_NONE;
	cfg->min_group_size = 5;
	cfg->code_owner_review = -1;
}

unsigned as_config_facts(const as_config *cfg, unsigned *known)
{
	unsigned bit = 1u << AS_FACT_CODE_OWNER_REVIEW;
	*known = cfg->code_owner_review >= 0 ? bit : 0;
	return cfg->code_owner_review == 1 ? bit : 0;
}

int as_config_antisilo_key_is_path(const char *name)
{
	for (size_t d = 0; d < sizeof(antisilo_keys) / sizeof(antisilo_keys[0]); d++)
		if (!strcmp(antisilo_keys[d].name, name))
			return antisilo_keys[d].set == set_path ? 1
			     : antisilo_keys[d].set == set_paths ? 2 : 0;
	return 0;
}

int as_config_load_antisilo(as_config *cfg, const as_ini_section *sec)
{
	size_t n = sizeof(antisilo_keys) / sizeof(antisilo_keys[0]);
	for (size_t i = 0; i < sec->nkeys; i++) {
		const as_ini_key *k = &sec->keys[i];
		size_t d;
		for (d = 0; d < n; d++)
			if (!strcmp(antisilo_keys[d].name, k->name))
				break;
		if (d == n)
			return as_config_fail_key(k, "unknown key '%s' in [antisilo]", k->name);
		int rc = antisilo_keys[d].set(cfg, k, &antisilo_keys[d]);
		if (rc)
			return rc;
	}
	/* tracker_paths are globs (util/pattern.h): say now which one cannot be */
	const as_ini_key *tk = as_ini_key_find(sec, "tracker_paths");
	as_patterns ps;
	as_patterns_init(&ps);
	for (size_t i = 0; tk && i < cfg->ntracker_paths; i++) {
		const char *why, *g = cfg->tracker_paths[i];
		as_pattern p;
		while (*g == '/')
			g++;
		if (as_patterns_add(&ps, &p, g, strlen(g), AS_PATTERN_GLOB, &why) < 0) {
			as_patterns_free(&ps);
			return as_config_fail_key(tk, "tracker_paths: '%s': %s",
						  cfg->tracker_paths[i], why);
		}
	}
	as_patterns_free(&ps);
	/* the lexicons, in order: the shipped ones, then the site's */
	static const char *const lex_keys[] = { "lexicons", "site_lexicons" };
	for (int w = 0; w < 2; w++) {
		char **paths = w ? cfg->site_lexicon_paths : cfg->lexicon_paths;
		size_t np = w ? cfg->nsite_lexicon_paths : cfg->nlexicon_paths;
		const as_ini_key *lk = as_ini_key_find(sec, lex_keys[w]);
		for (size_t i = 0; i < np; i++)
			if (as_lexicon_load_file(&cfg->lexicon, paths[i]) < 0)
				return as_config_fail_again(lk->file, lk->line, "");
	}
	if (cfg->allow_waiver && !cfg->waiver_log) {
		const as_ini_key *k = as_ini_key_find(sec, "allow_waiver");
		return as_config_fail_key(k, "allow_waiver = true needs waiver_log (where waivers are recorded)");
	}
	return 0;
}

/*
 * [score]: the weights of the compliance score's parts (any numbers >= 0;
 * the score divides by their sum) and the targets at which the feedback
 * and inbound parts count in full (0 < target <= 1).
 */
int as_config_load_score(as_config *cfg, const as_ini_section *sec)
{
	static const char *const weights[] = {
		"top_down", "cross_team_feedback", "inbound_contribution", "autonomy", "silos",
	};
	for (size_t i = 0; i < sec->nkeys; i++) {
		const as_ini_key *k = &sec->keys[i];
		char *end;
		errno = 0;
		double v = strtod(k->value, &end);
		int bad = !*k->value || *end || errno || !(v >= 0 && v <= 1000);
		int w = as_name_index(weights, 5, k->name);
		if (w >= 0) {
			if (bad)
				return as_config_fail_key(k, "%s: '%s' is not a weight (a number from 0 to 1000)",
						k->name, k->value);
			cfg->score_weights[w] = v;
			cfg->score_weights_set |= 1u << w;
		} else if (!strcmp(k->name, "feedback_target") || !strcmp(k->name, "inbound_target")) {
			if (bad || v <= 0 || v > 1)
				return as_config_fail_key(k, "%s: '%s' is not a share (a number above 0, at most 1)",
						k->name, k->value);
			*(k->name[0] == 'f' ? &cfg->feedback_target : &cfg->inbound_target) = v;
		} else {
			return as_config_fail_key(k, "unknown key '%s' in [score] (expected top_down, "
					"cross_team_feedback, inbound_contribution, autonomy, silos, "
					"feedback_target or inbound_target)", k->name);
		}
	}
	return 0;
}