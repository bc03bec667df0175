#ifndef AS_CONFIG_H
#define AS_CONFIG_H
/*
 * The typed configuration: rules.ini after loading, include resolution and
 * validation. config/rules.c builds it; everything downstream reads it and
 * never sees iniparser.
 */
#include <git2.h>
#include <pcre2.h>
#include <stddef.h>
#include <stdio.h>

#include "config/org.h"

typedef enum { AS_SEV_INFO = 1, AS_SEV_WARNING, AS_SEV_ERROR, AS_SEV_NEVER } as_severity;
const char *as_severity_name(as_severity s);
/* "info" | "warning" | "error" (| "never" when allow_never). */
int as_severity_parse(as_severity *out, const char *name, int allow_never);

/* Where a rule looks. The origin of an event uses the same names. */
typedef enum {
	AS_SRC_SUBJECT,
	AS_SRC_BODY,
	AS_SRC_MESSAGE,
	AS_SRC_TRAILER,
	AS_SRC_TRACKER, /* rule source; events say tracker-file / tracker-export */
	AS_SRC_PATH,
} as_source;
const char *as_source_name(as_source s);

typedef enum {
	AS_EV_ASSIGNMENT,
	AS_EV_APPROVAL,
	AS_EV_REVIEW,
	AS_EV_COAUTHOR,
	AS_EV_CHANGE,
	AS_EV_CONTEXT,
	AS_EV__COUNT
} as_event_kind;
const char *as_event_kind_name(as_event_kind k);

typedef enum { AS_MODE_ENFORCE, AS_MODE_WARN, AS_MODE_OFF } as_mode;

typedef struct {
	char *id;                /* "assigned-by-trailer" from [rule.assigned-by-trailer] */
	as_source source;
	pcre2_code *key;         /* trailer key pattern (source = trailer), else NULL */
	pcre2_code *pattern;     /* required, except for source = tracker, where a
				  * rule without one judges every tracker event
				  * of its kind (the built-in tracker detectors) */
	pcre2_code *exclude;     /* optional: text matching it never fires the rule */
	char **prefilter;        /* optional: lower-case word beginnings; the
				  * pattern runs only on a text where each group
				  * has one (detect/prefilter.h) */
	unsigned *prefilter_group; /* group of each word: 0, 1, ... ('&') */
	size_t nprefilter;
	unsigned nprefilter_groups;
	as_event_kind event;
	char *subject_group;     /* named group naming the subject; NULL = the author */
	unsigned relations;      /* bit (1u << as_relation); 0 = any relation */
	as_severity severity;
	char *explain;
	char *file;              /* file and line of the [rule.*] header */
	int line;
} as_rule;

typedef struct {
	/* [antisilo] */
	as_mode mode;
	as_severity fail_on;
	int on_error_reject;     /* on_error = reject */
	long deadline_ms;
	char **tracker_paths;
	size_t ntracker_paths;
	int allow_waiver;
	char *waiver_log;
	/* PCRE2 bounds applied to every match */
	unsigned long match_limit;
	unsigned long depth_limit;
	unsigned long heap_limit_kib;
	size_t max_message_bytes;
	/* Other bounds on what a push or an audit reads; past one antisilo
	 * says so (a warning finding, an error, or on_error in the hook). */
	size_t max_tracker_file_bytes;   /* tracker files in the repository */
	size_t max_export_bytes;         /* a --tracker export */
	size_t max_push_commits;         /* new commits one push may bring */

	/* metrics (README, "Metrics"); NULL / 0 / unset: the defaults there */
#define AS_CONFIG_HAS_METRICS 1
	char **feedback_keys;
	size_t nfeedback_keys;
	char **approval_keys;
	size_t napproval_keys;
	size_t silo_min_files;
	/* [score]: weights of the compliance score's parts, in the order of
	 * metrics/settings.h (top_down, cross_team_feedback,
	 * inbound_contribution, autonomy, silos); bit i of
	 * score_weights_set: weight i given */
	double score_weights[5];
	unsigned score_weights_set;
	double feedback_target, inbound_target;

	as_org org;
	as_rule *rules;
	size_t nrules, rules_alloc;
	struct as_prefilter *prefilter;  /* the rules' prefilter words, indexed */

	char *path;              /* the file that was loaded (top of the include chain) */
	char **files;            /* every file read: path first, then what it
				  * includes, then what that includes... */
	size_t nfiles, files_alloc;
} as_config;

/*
 * Loads `path` (with its includes), validates everything, compiles every
 * pattern. On error returns AS_ECONFIG with a message "FILE:LINE: what is
 * wrong" and leaves *out empty; nothing is half-loaded.
 */
int as_config_load(as_config *out, const char *path);
void as_config_free(as_config *cfg);

/*
 * SPEC §4 lookup: --rules, $ANTISILO_RULES, `git config antisilo.rules`
 * (of `repo_config_value`, NULL when unset), $GIT_DIR/antisilo/rules.ini,
 * then the installed default. Fills `out` with the chosen path (malloc'd)
 * and `why` with a static description of where it came from.
 */
int as_config_locate(char **out, const char **why, const char *cli_rules,
		     const char *repo_config_value, const char *git_dir);

/* as_config_locate() for an open repository (NULL: none): reads its
 * `antisilo.rules` (relative paths are relative to $GIT_DIR) and GIT_DIR. */
int as_config_locate_repo(char **out, const char **why, const char *cli_rules,
			  git_repository *repo);

/* as_config_locate_repo() for the repository around the current directory,
 * found as git finds it ($GIT_DIR, else upwards from here); no repository
 * there is not an error. */
int as_config_locate_cwd(char **out, const char **why, const char *cli_rules);

/* The table `antisilo rules` prints: ID, SOURCE, EVENT, SEVERITY,
 * RELATIONS ("any" when unrestricted) and the FILE:LINE of each rule. */
void as_config_dump_rules(const as_config *cfg, FILE *out);

/* Path of the installed default rules (ANTISILO_DEFAULT_RULES, overridable
 * by the environment variable of the same name for tests and packagers). */
const char *as_config_default_path(void);

#endif
