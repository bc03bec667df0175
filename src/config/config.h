#ifndef AS_CONFIG_H
#define AS_CONFIG_H
/*
 * The typed configuration: rules.ini after loading, include resolution and
 * validation. config/config.c builds it; everything downstream reads it
 * and never sees iniparser. Where the file is: config/locate.h.
 */
#include <stddef.h>

#include "config/lexicon.h"
#include "config/tickets.h"
#include "config/names.h"
#include "config/org.h"
#include "config/rule.h"

/* on_incomplete: what the hook does when the push itself made the check
 * incomplete (a message past a bound, a PCRE2 limit, too many commits). */
typedef enum { AS_INCOMPLETE_REJECT, AS_INCOMPLETE_WARN, AS_INCOMPLETE_ALLOW } as_incomplete;

typedef struct {
	/* [antisilo] */
	as_mode mode;
	as_severity fail_on;
	int on_error_reject;     /* on_error = reject: antisilo's own faults */
	int on_incomplete;       /* as_incomplete: incompleteness the push caused */
	long deadline_ms;
	char **tracker_paths;
	size_t ntracker_paths;
	int allow_waiver;
	char *waiver_log;
	/* the repository's web address on its forge ("https://github.com/o/r",
	 * "https://gitlab.example.com/group/app"): reports link pull
	 * requests, issues, notes and CODEOWNERS lines there; NULL: none */
	char *forge_url;
	/* code_owner_review: what the hook cannot learn from a
	 * github-protection export: -1 unknown (the default), 0 optional,
	 * 1 required (the fact "code-owner-review" of rules' `requires`) */
	int code_owner_review;
	char *audit_log;         /* incomplete checks and faults, one JSON line each */
	char *pusher_env;        /* the variable an SSH setup puts the pusher in */
	int verify_signatures;   /* author claims of org-chart people need a good signature */
	char *allowed_signers;   /* ssh signatures: git's gpg.ssh.allowedSignersFile format */
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
	char **silo_include;     /* globs: files that count in silos whatever else */
	size_t nsilo_include;
	char **silo_exclude;     /* globs: files that do not */
	size_t nsilo_exclude;
	long active_months;      /* still here: authored a commit this recently */
	char *org_csv;           /* people, managers, teams from an HR export */
	char **org_csv_columns;  /* "field=Header" pairs (config/org_csv.h) */
	size_t norg_csv_columns;
	/* [score]: weights of the compliance score's parts, in the order of
	 * metrics/settings.h (top_down, cross_team_feedback,
	 * inbound_contribution, autonomy, silos); bit i of
	 * score_weights_set: weight i given */
	double score_weights[5];
	unsigned score_weights_set;
	double feedback_target, inbound_target;
	/* managers keep practising their craft: hands-on work this recently
	 * (months before the end of the audited period) */

	/* reports (README, "Reports"; SPEC §6) */
	as_privacy_mode privacy;   /* team: no person named in any output */
	size_t min_group_size;     /* privacy = team: smaller groups are merged */
	char *commit_url;          /* "https://…/commit/{sha}", or NULL */
	char *name;                /* the repository's name in reports, or NULL */

	/* The directive engine's words (config/lexicon.h): the files of
	 * `lexicons` then `site_lexicons`, relative to the file naming them;
	 * where the first key was set (for errors). */
	char **lexicon_paths, **site_lexicon_paths;
	size_t nlexicon_paths, nsite_lexicon_paths;
	as_lexicon lexicon;

	as_org org;
	/* Who owns which ticket key: filled by an audit from its --tracker
	 * exports (as_exports_tickets), so that a message naming a key names
	 * its owner; empty otherwise (the hook reads no export). */
	as_tickets tickets;
	as_rule *rules;
	size_t nrules, rules_alloc;

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
/* The AS_FACT_* bits the rules file says hold, and those it says anything
 * about (code_owner_review). */
unsigned as_config_facts(const as_config *cfg, unsigned *known);
void as_config_free(as_config *cfg);

/* Internal to src/config/ (keys.c): the defaults, [antisilo], [score]. */
void as_config_defaults(as_config *cfg);
int as_config_load_antisilo(as_config *cfg, const as_ini_section *sec);
int as_config_load_score(as_config *cfg, const as_ini_section *sec);
/* Is this key of [antisilo] a path (relative to the file that sets it)?
 * 1: one path, 2: a comma list of paths, 0: neither. */
int as_config_antisilo_key_is_path(const char *name);

#endif
