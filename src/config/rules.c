/*
 * rules.ini -> as_config: includes, validation, compiled patterns.
 *
 * config/ini.c reads each file (iniparser, with FILE:LINE for everything);
 * this file resolves `include`, overlays the files key by key, and turns
 * the result into the typed as_config, checking every section, key and
 * value. Every error names FILE:LINE; on error nothing is kept.
 *
 * To add a key: a field in as_config (config.h) and one line in
 * antisilo_keys[] below (the setters cover numbers, booleans, paths,
 * lists and enumerations); for a [rule.*] key, one line in rule_keys[]
 * and its handling in load_rule().
 */
#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config/ini.h"
#include "detect/prefilter.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

#ifndef ANTISILO_DEFAULT_RULES
#define ANTISILO_DEFAULT_RULES "/usr/local/etc/antisilo/rules.ini"
#endif

/* Includes deeper than this are surely a mistake (cycles are caught
 * separately, with the chain in the message). */
#define MAX_INCLUDE_DEPTH 16

/* ---- names -------------------------------------------------------------- */

static const char *const severity_names[] = {
	[AS_SEV_INFO] = "info", [AS_SEV_WARNING] = "warning",
	[AS_SEV_ERROR] = "error", [AS_SEV_NEVER] = "never",
};

const char *as_severity_name(as_severity s)
{
	return s >= AS_SEV_INFO && s <= AS_SEV_NEVER ? severity_names[s] : "?";
}

int as_severity_parse(as_severity *out, const char *name, int allow_never)
{
	for (int s = AS_SEV_INFO; s <= (allow_never ? AS_SEV_NEVER : AS_SEV_ERROR); s++) {
		if (!strcmp(name, severity_names[s])) {
			*out = (as_severity)s;
			return 0;
		}
	}
	return AS_ENOTFOUND;
}

static const char *const source_names[] = {
	[AS_SRC_SUBJECT] = "subject", [AS_SRC_BODY] = "body",
	[AS_SRC_MESSAGE] = "message", [AS_SRC_TRAILER] = "trailer",
	[AS_SRC_TRACKER] = "tracker", [AS_SRC_PATH] = "path",
};

const char *as_source_name(as_source s)
{
	return (unsigned)s <= AS_SRC_PATH ? source_names[s] : "?";
}

static const char *const event_names[AS_EV__COUNT] = {
	[AS_EV_ASSIGNMENT] = "assignment", [AS_EV_APPROVAL] = "approval",
	[AS_EV_REVIEW] = "review", [AS_EV_COAUTHOR] = "coauthor",
	[AS_EV_CHANGE] = "change", [AS_EV_CONTEXT] = "context",
};

const char *as_event_kind_name(as_event_kind k)
{
	return (unsigned)k < AS_EV__COUNT ? event_names[k] : "?";
}

/* Index of `value` in names[0..n) (NULL entries skipped), or -1. */
static int pick(const char *const *names, int n, const char *value)
{
	for (int i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], value))
			return i;
	return -1;
}

/* ---- errors ------------------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static int fail(const char *file, int line, const char *fmt, ...)
{
	as_buf b = AS_BUF_INIT;
	va_list ap;
	as_buf_printf(&b, "%s:%d: ", file, line);
	va_start(ap, fmt);
	as_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	as_error_set(AS_ECONFIG, "%s", b.ptr);
	as_buf_free(&b);
	return AS_ECONFIG;
}

/* Prefixes the message an org call just set with FILE:LINE and context. */
static int fail_org(const char *file, int line, const char *context)
{
	char msg[1024];
	snprintf(msg, sizeof(msg), "%s", as_error_msg());
	return fail(file, line, "%s%s", context, msg);
}

static int fail_key(const as_ini_key *k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail_key(const as_ini_key *k, const char *fmt, ...)
{
	as_buf b = AS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	as_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fail(k->file, k->line, "%s", b.ptr);
	as_buf_free(&b);
	return AS_ECONFIG;
}

/* ---- small parsers -------------------------------------------------------- */

/* Splits a comma list; items are trimmed, empty items dropped. */
static void split_list(const char *value, char ***items, size_t *n)
{
	size_t alloc = 0;
	*items = NULL;
	*n = 0;
	const char *p = value;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		as_buf item = AS_BUF_INIT;
		as_buf_put(&item, p, len);
		as_buf_trim(&item);
		if (item.len) {
			AS_GROW(*items, *n + 1, alloc);
			(*items)[(*n)++] = as_buf_detach(&item);
		}
		as_buf_free(&item);
		if (!comma)
			break;
		p = comma + 1;
	}
}

static void free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* A decimal number in [min, max]; no sign, no suffix, no octal surprises. */
static int parse_number(unsigned long long *out, const char *s,
			unsigned long long min, unsigned long long max)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Joins `rel` to the directory of `file` unless it is absolute. */
static char *relative_to(const char *file, const char *rel)
{
	if (rel[0] == '/')
		return as_xstrdup(rel);
	const char *slash = strrchr(file, '/');
	if (!slash)
		return as_xstrdup(rel);
	as_buf b = AS_BUF_INIT;
	as_buf_put(&b, file, (size_t)(slash - file) + 1);
	as_buf_puts(&b, rel);
	return as_buf_detach(&b);
}

/* ---- [antisilo]: the table of keys ---------------------------------------- */

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
	as_buf list = AS_BUF_INIT;
	for (int i = 0; i < n; i++)
		if (choices[i])
			as_buf_printf(&list, "%s%s", list.len ? ", " : "", choices[i]);
	fail_key(k, "%s: '%s' is not one of %s", k->name, k->value, list.ptr);
	as_buf_free(&list);
	return AS_ECONFIG;
}

/* An enumeration stored as int (as_mode, or 0/1 for allow|reject). */
static int set_choice(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	int i = pick(def->choices, def->nchoices, k->value);
	if (i < 0)
		return bad_choice(k, def->choices, def->nchoices);
	*FIELD(cfg, def, int) = i;
	return 0;
}

static int set_mode(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	int i = pick(def->choices, def->nchoices, k->value);
	if (i < 0)
		return bad_choice(k, def->choices, def->nchoices);
	*FIELD(cfg, def, as_mode) = (as_mode)i;
	return 0;
}

static int set_severity(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	as_severity s;
	if (as_severity_parse(&s, k->value, 1) < 0)
		return bad_choice(k, severity_names, AS_SEV_NEVER + 1);
	*FIELD(cfg, def, as_severity) = s;
	return 0;
}

static int number(unsigned long long *v, const as_ini_key *k, const antisilo_key *def)
{
	if (parse_number(v, k->value, def->min, def->max) < 0)
		return fail_key(k, "%s: '%s' is not a whole number from %llu to %llu",
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
		return fail_key(k, "%s: '%s' is not true or false", k->name, k->value);
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
	*field = relative_to(k->file, k->value);
	return 0;
}

/* A comma list (char ** and a size_t count); "key =" makes it empty. */
static int set_list(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	char ***items = FIELD(cfg, def, char **);
	size_t *n = (size_t *)(void *)((char *)cfg + def->count_offset);
	free_list(*items, *n);
	split_list(k->value, items, n);
	return 0;
}

/* Handled while reading the files (load_chain); nothing to store. */
static int set_include(as_config *cfg, const as_ini_key *k, const antisilo_key *def)
{
	(void)cfg, (void)k, (void)def;
	return 0;
}

static const char *const mode_names[] = { "enforce", "warn", "off" };
static const char *const on_error_names[] = { "allow", "reject" };

#define NUM(name, field, min, max, setter) \
	{ name, setter, offsetof(as_config, field), 0, min, max, NULL, 0 }
#define ENUM(name, field, names, setter) \
	{ name, setter, offsetof(as_config, field), 0, 0, 0, names, \
	  (int)(sizeof(names) / sizeof(names[0])) }
#define LIST(name, field, count) \
	{ name, set_list, offsetof(as_config, field), offsetof(as_config, count), \
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
	ENUM("mode", mode, mode_names, set_mode),
	OTHER("fail_on", fail_on, set_severity),
	ENUM("on_error", on_error_reject, on_error_names, set_choice),
	NUM("deadline_ms", deadline_ms, 1, 86400000, set_long),
	LIST("tracker_paths", tracker_paths, ntracker_paths),
	OTHER("allow_waiver", allow_waiver, set_bool),
	OTHER("waiver_log", waiver_log, set_path),
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
	OTHER("include", path, set_include),
};

/*
 * The defaults: what a rules file that says nothing gets. The PCRE2
 * bounds keep one hostile message from costing more than a few
 * milliseconds per pattern (LIBNOTES: PCRE2's own defaults allow seconds
 * and 20 GB); PCRE2 counts match_limit per start position, so long
 * messages still match fully.
 */
static void config_defaults(as_config *cfg)
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
	cfg->max_push_commits = 100000;
}

static int load_antisilo(as_config *cfg, const as_ini_section *sec)
{
	size_t n = sizeof(antisilo_keys) / sizeof(antisilo_keys[0]);
	for (size_t i = 0; i < sec->nkeys; i++) {
		const as_ini_key *k = &sec->keys[i];
		size_t d;
		for (d = 0; d < n; d++)
			if (!strcmp(antisilo_keys[d].name, k->name))
				break;
		if (d == n)
			return fail_key(k, "unknown key '%s' in [antisilo]", k->name);
		int rc = antisilo_keys[d].set(cfg, k, &antisilo_keys[d]);
		if (rc)
			return rc;
	}
	if (cfg->allow_waiver && !cfg->waiver_log) {
		const as_ini_key *k = as_ini_key_find(sec, "allow_waiver");
		return fail_key(k, "allow_waiver = true needs waiver_log (where waivers are recorded)");
	}
	return 0;
}

/* ---- [people], [managers], [team.*] ---------------------------------------- */

static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || strchr("<>,", *s))
			return 0;
	return 1;
}

static int valid_login(const char *s)
{
	if (s[0] != '@' || !s[1])
		return 0;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_./", *s))
			return 0;
	return 1;
}

/*
 * Splits a [people] value at commas (not inside "<...>"); items are
 * trimmed, empty ones dropped. A comma always separates identities, so a
 * name cannot contain one: "Doe, Jane <jd@example.com>" is the two
 * identities "Doe" and "Jane <jd@example.com>".
 */
static void split_people(const char *value, char ***items, size_t *n)
{
	size_t alloc = 0;
	int angle = 0;
	as_buf item = AS_BUF_INIT;
	*items = NULL;
	*n = 0;
	for (const char *p = value;; p++) {
		if (*p == '<')
			angle = 1;
		else if (*p == '>')
			angle = 0;
		if (*p && (*p != ',' || angle)) {
			as_buf_putc(&item, *p);
			continue;
		}
		as_buf_trim(&item);
		if (item.len) {
			AS_GROW(*items, *n + 1, alloc);
			(*items)[(*n)++] = as_buf_detach(&item);
		}
		as_buf_clear(&item);
		if (!*p)
			break;
	}
	as_buf_free(&item);
}

/*
 * One person: `id = Display Name <primary e-mail>, more identities`.
 * Identities are e-mails (bare or in <>), @logins, and names (any other
 * text: "Bobby Stone", or "Bob Stone <bob@old.example.com>" which adds
 * both). The first name and the first e-mail are the display name and the
 * primary e-mail. Every identity must be unique across people.
 */
static int load_person(as_config *cfg, const as_ini_key *k)
{
	as_org *org = &cfg->org;
	char **items, **ids = NULL;
	size_t n, nids = 0, ids_alloc = 0;
	const char *name = NULL, *email = NULL;
	int rc = 0;

	split_people(k->value, &items, &n);
	for (size_t i = 0; i < n && !rc; i++) {
		char *it = items[i];
		char *lt = strchr(it, '<');
		if (lt) {
			char *gt = strchr(lt, '>');
			if (!gt || gt[1] || strchr(lt + 1, '<')) {
				rc = fail_key(k, "[people] %s: '%s' is not 'Name <e-mail>'",
					      k->name, it);
				break;
			}
			*gt = '\0';
			*lt = '\0';
			char *e = lt + 1;
			while (lt > it && isspace((unsigned char)lt[-1]))
				*--lt = '\0';
			if (!valid_email(e)) {
				rc = fail_key(k, "[people] %s: '%s' is not an e-mail address",
					      k->name, e);
				break;
			}
			AS_GROW(ids, nids + 2, ids_alloc);
			if (*it)
				ids[nids++] = it;
			ids[nids++] = e;
			if (!name && *it)
				name = it;
			if (!email)
				email = e;
			continue;
		}
		if (it[0] == '@') {
			if (!valid_login(it)) {
				rc = fail_key(k, "[people] %s: '%s' is not a login (@ followed by "
					      "letters, digits, '-', '_', '.', '/')", k->name, it);
				break;
			}
		} else if (strchr(it, '@')) {
			if (!valid_email(it)) {
				rc = fail_key(k, "[people] %s: '%s' is not an e-mail address",
					      k->name, it);
				break;
			}
			if (!email)
				email = it;
		} else if (!name) {
			name = it;
		}
		AS_GROW(ids, nids + 1, ids_alloc);
		ids[nids++] = it;
	}
	if (!rc) {
		size_t p = as_org_add_person(org, k->name, name, email);
		if (as_org_add_identity(org, p, k->name) < 0)
			rc = fail_org(k->file, k->line, "[people] ");
		for (size_t i = 0; i < nids && !rc; i++)
			if (as_org_add_identity(org, p, ids[i]) < 0)
				rc = fail_org(k->file, k->line, "[people] ");
	}
	free(ids);
	free_list(items, n);
	return rc;
}

/*
 * A reference to a person in [managers] or a team: the id, or any full
 * identity (e-mail, @login, display name). First names are not indexed
 * before as_org_finish(), so they cannot match here: no guessing.
 */
static int person_ref(const as_org *org, const char *text)
{
	int p = as_org_find_person(org, text);
	return p >= 0 ? p : as_org_resolve(org, text, strlen(text));
}

static int load_managers(as_config *cfg, const as_ini_section *sec)
{
	as_org *org = &cfg->org;
	for (size_t i = 0; i < sec->nkeys; i++) {
		const as_ini_key *k = &sec->keys[i];
		int report = as_org_find_person(org, k->name);
		if (report < 0)
			return fail_key(k, "[managers] unknown person '%s' (not in [people])", k->name);
		if (!*k->value)
			return fail_key(k, "[managers] %s: no manager given", k->name);
		int manager = person_ref(org, k->value);
		if (manager < 0)
			return fail_key(k, "[managers] unknown person '%s' (not in [people])", k->value);
		if (as_org_set_manager(org, (size_t)report, (size_t)manager) < 0)
			return fail_org(k->file, k->line, "[managers] ");
	}
	return 0;
}

static int team_people(as_config *cfg, size_t team, const as_ini_key *k, int lead)
{
	char **items;
	size_t n;
	int rc = 0;
	split_list(k->value, &items, &n);
	if (lead && n != 1)
		rc = fail_key(k, "team '%s': lead must name one person", cfg->org.teams[team].id);
	for (size_t i = 0; i < n && !rc; i++) {
		int p = person_ref(&cfg->org, items[i]);
		if (p < 0) {
			rc = fail_key(k, "team '%s': unknown person '%s' in %s",
				      cfg->org.teams[team].id, items[i], k->name);
			break;
		}
		if (lead)
			cfg->org.teams[team].lead = p;
		as_org_team_add_member(&cfg->org, team, (size_t)p);
	}
	free_list(items, n);
	return rc;
}

static const char *const team_keys[] = { "lead", "members", "paths", "codeowners" };

static int load_team(as_config *cfg, const as_ini_section *sec)
{
	const char *id = sec->name + strlen("team.");
	if (!*id)
		return fail(sec->file, sec->line, "[team.] needs a name: [team.NAME]");
	if (as_org_find_team(&cfg->org, id) >= 0)
		return fail(sec->file, sec->line, "team '%s' defined twice", id);
	size_t t = as_org_add_team(&cfg->org, id);
	for (size_t i = 0; i < sec->nkeys; i++) {
		const as_ini_key *k = &sec->keys[i];
		int which = pick(team_keys, 4, k->name);
		int rc = 0;
		as_team *team = &cfg->org.teams[t];
		switch (which) {
		case 0: /* lead */
		case 1: /* members */
			rc = team_people(cfg, t, k, which == 0);
			break;
		case 2: /* paths */
			free_list(team->paths, team->npaths);
			split_list(k->value, &team->paths, &team->npaths);
			team->paths_alloc = team->npaths;
			break;
		case 3: /* codeowners */
			if (!*k->value || strpbrk(k->value, " \t,"))
				return fail_key(k, "team '%s': codeowners must be one CODEOWNERS "
						"owner, e.g. @org/team-name", id);
			free(team->codeowners);
			team->codeowners = as_xstrdup(k->value);
			break;
		default:
			return fail_key(k, "unknown key '%s' in [%s]", k->name, sec->name);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- [rule.*] ------------------------------------------------------------ */

static const char *const rule_keys[] = {
	"source", "key", "pattern", "exclude", "prefilter", "event", "subject",
	"relation", "severity", "explain",
};

static int compile(pcre2_code **out, const char *rule, const as_ini_key *k,
		   uint32_t flags)
{
	int err;
	PCRE2_SIZE off;
	*out = NULL;
	if (!*k->value)
		return fail_key(k, "rule '%s': %s is empty", rule, k->name);
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)k->value, PCRE2_ZERO_TERMINATED,
				       flags, &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", err);
		return fail_key(k, "rule '%s': %s does not compile at offset %zu: %s",
				rule, k->name, (size_t)off, (const char *)msg);
	}
	/* Failure only means the interpreter runs it (slower, same result).
	 * ANTISILO_NO_JIT=1 asks for the interpreter: memory checkers such as
	 * valgrind cannot follow JIT-generated code. */
	const char *no_jit = getenv("ANTISILO_NO_JIT");
	if (!no_jit || !*no_jit || !strcmp(no_jit, "0"))
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	*out = re;
	return 0;
}

static int rule_choice(int *out, const char *rule, const as_ini_key *k,
		       const char *const *names, int n)
{
	*out = pick(names, n, k->value);
	if (*out >= 0)
		return 0;
	as_buf list = AS_BUF_INIT;
	for (int i = 0; i < n; i++)
		if (names[i])
			as_buf_printf(&list, "%s%s", list.len ? ", " : "", names[i]);
	fail_key(k, "rule '%s': %s '%s' is not one of %s", rule, k->name, k->value, list.ptr);
	as_buf_free(&list);
	return AS_ECONFIG;
}

/*
 * prefilter = asked, told & me, us: groups joined by '&', each a comma
 * list of word beginnings; a text passes when every group has a word.
 */
static int load_prefilter(as_rule *r, const as_ini_key *k)
{
	size_t alloc = 0;
	char *copy = as_xstrdup(k->value), *save = NULL;
	int rc = 0;

	if (!r->pattern)
		rc = fail_key(k, "rule '%s': prefilter needs a pattern", r->id);
	for (char *grp = strtok_r(copy, "&", &save); !rc && grp;
	     grp = strtok_r(NULL, "&", &save)) {
		char **items;
		size_t n;
		split_list(grp, &items, &n);
		if (!n || r->nprefilter_groups >= 32)
			rc = fail_key(k, "rule '%s': prefilter: each '&' group needs at "
				      "least one word (and at most 32 groups)", r->id);
		for (size_t i = 0; i < n; i++) {
			for (char *c = items[i]; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			if (!rc && !items[i][1])
				rc = fail_key(k, "rule '%s': prefilter word '%s' is too short "
					      "(two characters at least)", r->id, items[i]);
			AS_GROW(r->prefilter, r->nprefilter + 1, alloc);
			r->prefilter_group = as_xrealloc(r->prefilter_group,
				alloc * sizeof(*r->prefilter_group));
			r->prefilter_group[r->nprefilter] = r->nprefilter_groups;
			r->prefilter[r->nprefilter++] = items[i];
		}
		free(items);
		r->nprefilter_groups++;
	}
	if (!rc && !r->nprefilter)
		rc = fail_key(k, "rule '%s': prefilter is empty", r->id);
	free(copy);
	return rc;
}

static void rule_free(as_rule *r)
{
	free(r->id);
	pcre2_code_free(r->key);
	pcre2_code_free(r->pattern);
	pcre2_code_free(r->exclude);
	free_list(r->prefilter, r->nprefilter);
	free(r->prefilter_group);
	free(r->subject_group);
	free(r->explain);
	free(r->file);
	memset(r, 0, sizeof(*r));
}

static int load_rule_keys(as_rule *r, const as_ini_section *sec)
{
	const char *id = r->id;
	const as_ini_key *k;
	int v, rc;

	for (size_t i = 0; i < sec->nkeys; i++)
		if (pick(rule_keys, (int)(sizeof(rule_keys) / sizeof(rule_keys[0])),
			 sec->keys[i].name) < 0)
			return fail_key(&sec->keys[i], "unknown key '%s' in [%s]",
					sec->keys[i].name, sec->name);

	static const char *const required[] = { "source", "event", "explain" };
	for (size_t i = 0; i < 3; i++)
		if (!as_ini_key_find(sec, required[i]))
			return fail(sec->file, sec->line, "rule '%s': missing key '%s'",
				    id, required[i]);

	k = as_ini_key_find(sec, "source");
	if ((rc = rule_choice(&v, id, k, source_names, AS_SRC_PATH + 1)))
		return rc;
	r->source = (as_source)v;

	k = as_ini_key_find(sec, "key");
	if (r->source == AS_SRC_TRAILER && !k)
		return fail(sec->file, sec->line, "rule '%s': missing key 'key' "
			    "(the trailer key pattern; required with source = trailer)", id);
	if (r->source != AS_SRC_TRAILER && k)
		return fail_key(k, "rule '%s': 'key' is only for source = trailer", id);
	if (k && (rc = compile(&r->key, id, k, PCRE2_UTF | PCRE2_CASELESS)))
		return rc;

	/* No PCRE2_MATCH_INVALID_UTF: with JIT, PCRE2 10.42 then fails \S, \W
	 * and \D on every multi-byte character (PCRE2 #224, fixed in 10.43).
	 * The detector repairs invalid UTF-8 before matching instead. */
	const uint32_t text_flags = PCRE2_UTF | PCRE2_MULTILINE;
	k = as_ini_key_find(sec, "pattern");
	if (!k && r->source != AS_SRC_TRACKER)
		return fail(sec->file, sec->line, "rule '%s': missing key 'pattern' "
			    "(only source = tracker rules may leave it out)", id);
	if (k && (rc = compile(&r->pattern, id, k, text_flags)))
		return rc;
	k = as_ini_key_find(sec, "prefilter");
	if (k && (rc = load_prefilter(r, k)))
		return rc;
	k = as_ini_key_find(sec, "exclude");
	if (k && (rc = compile(&r->exclude, id, k, text_flags)))
		return rc;

	k = as_ini_key_find(sec, "event");
	if ((rc = rule_choice(&v, id, k, event_names, AS_EV__COUNT)))
		return rc;
	r->event = (as_event_kind)v;

	/* subject: "author", or a named group of the pattern; by default the
	 * group "subject" when the pattern has one, else the author. */
	k = as_ini_key_find(sec, "subject");
	if (k && !strcasecmp(k->value, "author")) {
		r->subject_group = NULL;
	} else if (k) {
		int n = r->pattern ? pcre2_substring_number_from_name(r->pattern,
				(PCRE2_SPTR)k->value) : PCRE2_ERROR_NOSUBSTRING;
		if (n < 0 && n != PCRE2_ERROR_NOUNIQUESUBSTRING)
			return fail_key(k, "rule '%s': subject '%s' is neither 'author' nor a "
					"named group (?<%s>...) of the pattern", id, k->value,
					k->value);
		r->subject_group = as_xstrdup(k->value);
	} else if (r->pattern) {
		int n = pcre2_substring_number_from_name(r->pattern, (PCRE2_SPTR) "subject");
		if (n >= 0 || n == PCRE2_ERROR_NOUNIQUESUBSTRING)
			r->subject_group = as_xstrdup("subject");
	}

	k = as_ini_key_find(sec, "relation");
	if (k) {
		char **items;
		size_t n;
		split_list(k->value, &items, &n);
		rc = n ? 0 : fail_key(k, "rule '%s': relation is empty (leave it out "
				      "to match any relation)", id);
		for (size_t i = 0; i < n && !rc; i++) {
			as_relation rel;
			if (as_relation_parse(&rel, items[i]) < 0)
				rc = fail_key(k, "rule '%s': relation '%s' is not one of self, "
					      "peer, manager, skip-level, report, cross-team, "
					      "unknown", id, items[i]);
			else
				r->relations |= 1u << rel;
		}
		free_list(items, n);
		if (rc)
			return rc;
	}

	r->severity = AS_SEV_WARNING;
	k = as_ini_key_find(sec, "severity");
	if (k) {
		as_severity s;
		if (as_severity_parse(&s, k->value, 0) < 0)
			return fail_key(k, "rule '%s': severity '%s' is not one of info, "
					"warning, error", id, k->value);
		r->severity = s;
	}

	k = as_ini_key_find(sec, "explain");
	if (!*k->value)
		return fail_key(k, "rule '%s': explain is empty (it is what people are "
				"shown: say what to do instead)", id);
	r->explain = as_xstrdup(k->value);
	return 0;
}

static int load_rule(as_config *cfg, const as_ini_section *sec)
{
	const char *id = sec->name + strlen("rule.");
	if (!*id)
		return fail(sec->file, sec->line, "[rule.] needs a name: [rule.ID]");
	as_rule r;
	memset(&r, 0, sizeof(r));
	r.id = as_xstrdup(id);
	r.file = as_xstrdup(sec->file);
	r.line = sec->line;
	int rc = load_rule_keys(&r, sec);
	if (rc) {
		rule_free(&r);
		return rc;
	}
	AS_GROW(cfg->rules, cfg->nrules + 1, cfg->rules_alloc);
	cfg->rules[cfg->nrules++] = r;
	return 0;
}

/* ---- sections ------------------------------------------------------------- */

enum { SEC_ANTISILO, SEC_SCORE, SEC_PEOPLE, SEC_MANAGERS, SEC_TEAM, SEC_RULE, SEC__COUNT };

/*
 * [score]: the weights of the compliance score's parts (any numbers >= 0;
 * the score divides by their sum) and the targets at which the feedback
 * and inbound parts count in full (0 < target <= 1).
 */
static int load_score(as_config *cfg, const as_ini_section *sec)
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
		int w = pick(weights, 5, k->name);
		if (w >= 0) {
			if (bad)
				return fail_key(k, "%s: '%s' is not a weight (a number from 0 to 1000)",
						k->name, k->value);
			cfg->score_weights[w] = v;
			cfg->score_weights_set |= 1u << w;
		} else if (!strcmp(k->name, "feedback_target") || !strcmp(k->name, "inbound_target")) {
			if (bad || v <= 0 || v > 1)
				return fail_key(k, "%s: '%s' is not a share (a number above 0, at most 1)",
						k->name, k->value);
			*(k->name[0] == 'f' ? &cfg->feedback_target : &cfg->inbound_target) = v;
		} else {
			return fail_key(k, "unknown key '%s' in [score] (expected top_down, "
					"cross_team_feedback, inbound_contribution, autonomy, silos, "
					"feedback_target or inbound_target)", k->name);
		}
	}
	return 0;
}

static int section_kind(const char *name)
{
	if (!strcmp(name, "antisilo"))
		return SEC_ANTISILO;
	if (!strcmp(name, "score"))
		return SEC_SCORE;
	if (!strcmp(name, "people"))
		return SEC_PEOPLE;
	if (!strcmp(name, "managers"))
		return SEC_MANAGERS;
	if (!strncmp(name, "team.", 5))
		return SEC_TEAM;
	if (!strncmp(name, "rule.", 5))
		return SEC_RULE;
	return -1;
}

/* People first (everything else names them), then managers and teams,
 * then rules; within a kind, in file order. */
static int build(as_config *cfg, const as_ini *ini)
{
	int rc = 0;
	for (size_t i = 0; i < ini->nsections; i++) {
		const as_ini_section *s = &ini->sections[i];
		if (section_kind(s->name) < 0)
			return fail(s->file, s->line, "unknown section [%s] (expected [antisilo], "
				    "[score], [people], [managers], [team.NAME] or [rule.ID])", s->name);
	}
	for (int kind = 0; kind < SEC__COUNT && !rc; kind++) {
		for (size_t i = 0; i < ini->nsections && !rc; i++) {
			const as_ini_section *s = &ini->sections[i];
			if (section_kind(s->name) != kind)
				continue;
			switch (kind) {
			case SEC_ANTISILO:
				rc = load_antisilo(cfg, s);
				break;
			case SEC_SCORE:
				rc = load_score(cfg, s);
				break;
			case SEC_PEOPLE:
				for (size_t k = 0; k < s->nkeys && !rc; k++)
					rc = load_person(cfg, &s->keys[k]);
				break;
			case SEC_MANAGERS:
				rc = load_managers(cfg, s);
				break;
			case SEC_TEAM:
				rc = load_team(cfg, s);
				break;
			case SEC_RULE:
				rc = load_rule(cfg, s);
				break;
			}
		}
		/* [managers] and teams resolved people without first names;
		 * from here on the org is complete. */
		if (kind == SEC_TEAM && !rc)
			as_org_finish(&cfg->org);
	}
	return rc;
}

/* ---- files and includes ---------------------------------------------------- */

typedef struct {
	char *real[MAX_INCLUDE_DEPTH + 2];
	const char *shown[MAX_INCLUDE_DEPTH + 2];
	size_t n;
} include_chain;

/*
 * Reads `path` and, first, what it includes: the included file is the
 * base, the including file's keys override it key by key (a [rule.X] or a
 * person redefined replaces the keys it names). The result is in *out.
 */
static int load_chain(as_ini *out, const char *path, include_chain *chain)
{
	as_ini one, inc;
	int rc = as_ini_read(&one, path);
	if (rc)
		return rc;
	const as_ini_key *k = as_ini_key_find(as_ini_section_find(&one, "antisilo"), "include");
	if (!k) {
		*out = one;
		return 0;
	}

	char *target = !strcmp(k->value, "default") ? as_xstrdup(as_config_default_path())
						    : *k->value ? relative_to(k->file, k->value)
						    : NULL;
	char *real = target ? realpath(target, NULL) : NULL;
	if (!target) {
		rc = fail_key(k, "include is empty (a path, or 'default')");
	} else if (!real) {
		rc = fail_key(k, "include '%s': cannot read %s: %s", k->value, target,
			      strerror(errno));
	} else {
		for (size_t i = 0; i < chain->n && !rc; i++) {
			if (strcmp(chain->real[i], real))
				continue;
			as_buf cyc = AS_BUF_INIT;
			for (size_t j = i; j < chain->n; j++)
				as_buf_printf(&cyc, "%s -> ", chain->shown[j]);
			as_buf_puts(&cyc, target);
			rc = fail_key(k, "include cycle: %s", cyc.ptr);
			as_buf_free(&cyc);
		}
		if (!rc && chain->n > MAX_INCLUDE_DEPTH)
			rc = fail_key(k, "includes nested deeper than %d", MAX_INCLUDE_DEPTH);
	}
	if (!rc) {
		chain->real[chain->n] = real;
		chain->shown[chain->n++] = target;
		rc = load_chain(&inc, target, chain);
		chain->n--;
		if (!rc) {
			as_ini_overlay(&inc, &one);
			*out = inc;
		}
	}
	free(real);
	free(target);
	if (rc)
		as_ini_free(&one);
	return rc;
}

int as_config_load(as_config *out, const char *path)
{
	as_config cfg;
	as_ini ini = AS_INI_INIT;
	include_chain chain;
	int rc;

	config_defaults(&cfg);
	memset(out, 0, sizeof(*out));

	/* The top file is read first (and reports "cannot read" itself). */
	chain.n = 0;
	char *real = realpath(path, NULL);
	if (real) {
		chain.real[0] = real;
		chain.shown[0] = path;
		chain.n = 1;
	}
	rc = load_chain(&ini, path, &chain);
	free(real);
	if (!rc)
		rc = build(&cfg, &ini);
	if (rc) {
		as_ini_free(&ini);
		as_config_free(&cfg);
		return rc;
	}

	cfg.path = as_xstrdup(path);
	/* The include chain from the top: the reverse of the reading order. */
	for (size_t i = ini.nfiles; i-- > 0;) {
		AS_GROW(cfg.files, cfg.nfiles + 1, cfg.files_alloc);
		cfg.files[cfg.nfiles++] = ini.files[i];
	}
	ini.nfiles = 0;
	as_ini_free(&ini);
	cfg.prefilter = as_prefilter_new(cfg.rules, cfg.nrules);
	*out = cfg;
	return 0;
}

void as_config_free(as_config *cfg)
{
	free_list(cfg->tracker_paths, cfg->ntracker_paths);
	free_list(cfg->feedback_keys, cfg->nfeedback_keys);
	free_list(cfg->approval_keys, cfg->napproval_keys);
	free(cfg->waiver_log);
	as_org_free(&cfg->org);
	for (size_t i = 0; i < cfg->nrules; i++)
		rule_free(&cfg->rules[i]);
	free(cfg->rules);
	as_prefilter_free(cfg->prefilter);
	free(cfg->path);
	free_list(cfg->files, cfg->nfiles);
	memset(cfg, 0, sizeof(*cfg));
}

/* ---- where the rules come from (SPEC §4) ------------------------------------ */

const char *as_config_default_path(void)
{
	const char *env = getenv("ANTISILO_DEFAULT_RULES");
	return env && *env ? env : ANTISILO_DEFAULT_RULES;
}

int as_config_locate(char **out, const char **why, const char *cli_rules,
		     const char *repo_config_value, const char *git_dir)
{
	const char *env = getenv("ANTISILO_RULES");
	*out = NULL;
	*why = NULL;
	if (cli_rules && *cli_rules) {
		*out = as_xstrdup(cli_rules);
		*why = "--rules";
	} else if (env && *env) {
		*out = as_xstrdup(env);
		*why = "$ANTISILO_RULES";
	} else if (repo_config_value && *repo_config_value) {
		/* Relative to $GIT_DIR, as git resolves relative paths of the
		 * repository's config (include.path), not to the current
		 * directory, which differs between the hook and an audit. */
		as_buf b = AS_BUF_INIT;
		if (repo_config_value[0] != '/' && git_dir && *git_dir) {
			as_buf_puts(&b, git_dir);
			if (b.ptr[b.len - 1] != '/')
				as_buf_putc(&b, '/');
		}
		as_buf_puts(&b, repo_config_value);
		*out = as_buf_detach(&b);
		*why = "git config antisilo.rules";
	} else {
		if (git_dir && *git_dir) {
			as_buf b = AS_BUF_INIT;
			as_buf_puts(&b, git_dir);
			if (b.ptr[b.len - 1] != '/')
				as_buf_putc(&b, '/');
			as_buf_puts(&b, "antisilo/rules.ini");
			if (access(b.ptr, F_OK) == 0) {
				*out = as_buf_detach(&b);
				*why = "$GIT_DIR/antisilo/rules.ini";
				return 0;
			}
			as_buf_free(&b);
		}
		*out = as_xstrdup(as_config_default_path());
		*why = "the installed default";
	}
	return 0;
}

int as_config_locate_repo(char **out, const char **why, const char *cli_rules,
			  git_repository *repo)
{
	char *from_git = NULL;
	if (repo && !(cli_rules && *cli_rules)) {
		git_config *gc = NULL;
		git_buf value = GIT_BUF_INIT;
		if (git_repository_config_snapshot(&gc, repo) == 0 &&
		    git_config_get_path(&value, gc, "antisilo.rules") == 0)
			from_git = as_xstrdup(value.ptr);
		git_buf_dispose(&value);
		git_config_free(gc);
		git_error_clear();
	}
	int rc = as_config_locate(out, why, cli_rules, from_git,
				  repo ? git_repository_path(repo) : NULL);
	free(from_git);
	return rc;
}

int as_config_locate_cwd(char **out, const char **why, const char *cli_rules)
{
	git_repository *repo = NULL;
	if (!(cli_rules && *cli_rules)) {
		unsigned flags = getenv("GIT_DIR") ? GIT_REPOSITORY_OPEN_FROM_ENV : 0;
		if (git_repository_open_ext(&repo, ".", flags, NULL) < 0) {
			repo = NULL;
			git_error_clear();
		}
	}
	int rc = as_config_locate_repo(out, why, cli_rules, repo);
	git_repository_free(repo);
	return rc;
}

/* ---- listing ---------------------------------------------------------------- */

static void relations_text(as_buf *b, unsigned relations)
{
	as_buf_clear(b);
	if (!relations) {
		as_buf_puts(b, "any");
		return;
	}
	for (int r = 0; r < AS_REL__COUNT; r++)
		if (relations & (1u << r))
			as_buf_printf(b, "%s%s", b->len ? "," : "", as_relation_name((as_relation)r));
}

void as_config_dump_rules(const as_config *cfg, FILE *out)
{
	static const char *const head[] = { "ID", "SOURCE", "EVENT", "SEVERITY", "RELATIONS" };
	size_t w[5];
	as_buf rel = AS_BUF_INIT;

	for (int c = 0; c < 5; c++)
		w[c] = strlen(head[c]);
	for (size_t i = 0; i < cfg->nrules; i++) {
		const as_rule *r = &cfg->rules[i];
		const char *col[4] = { r->id, as_source_name(r->source),
				       as_event_kind_name(r->event), as_severity_name(r->severity) };
		for (int c = 0; c < 4; c++)
			if (strlen(col[c]) > w[c])
				w[c] = strlen(col[c]);
		relations_text(&rel, r->relations);
		if (rel.len > w[4])
			w[4] = rel.len;
	}
	fprintf(out, "%-*s  %-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0], head[0], (int)w[1],
		head[1], (int)w[2], head[2], (int)w[3], head[3], (int)w[4], head[4], "DEFINED AT");
	as_buf file = AS_BUF_INIT;
	for (size_t i = 0; i < cfg->nrules; i++) {
		const as_rule *r = &cfg->rules[i];
		relations_text(&rel, r->relations);
		/* an included file's name comes from a rules file */
		as_buf_clear(&file);
		as_sanitize_str(&file, r->file, AS_SAN_TERMINAL);
		fprintf(out, "%-*s  %-*s  %-*s  %-*s  %-*s  %s:%d\n", (int)w[0], r->id,
			(int)w[1], as_source_name(r->source), (int)w[2],
			as_event_kind_name(r->event), (int)w[3], as_severity_name(r->severity),
			(int)w[4], rel.ptr, as_buf_cstr(&file), r->line);
	}
	as_buf_free(&file);
	as_buf_free(&rel);
}
