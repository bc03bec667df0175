/*
 * rules.ini -> as_config: the files (config/include.c reads the include
 * chain, config/ini.c each file), then each section by its loader, in the
 * order that lets every section name what an earlier one defined:
 *
 *   [antisilo], [score]      config/keys.c
 *   [people], [managers],    config/org.c
 *   [team.*]
 *   [rule.*]                 config/rule.c
 *
 * Every error names FILE:LINE; on error nothing is kept.
 */
#include "config/config.h"

#include <stdlib.h>
#include <string.h>

#include "config/include.h"
#include "config/org_csv.h"
#include "config/values.h"
#include "util/alloc.h"
#include "util/error.h"

enum { SEC_ANTISILO, SEC_SCORE, SEC_PEOPLE, SEC_MANAGERS, SEC_TEAM, SEC_RULE, SEC__COUNT };

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
			return as_config_fail(s->file, s->line, "unknown section [%s] (expected [antisilo], "
				    "[score], [people], [managers], [team.NAME] or [rule.ID])", s->name);
	}
	for (int kind = 0; kind < SEC__COUNT && !rc; kind++) {
		for (size_t i = 0; i < ini->nsections && !rc; i++) {
			const as_ini_section *s = &ini->sections[i];
			if (section_kind(s->name) != kind)
				continue;
			switch (kind) {
			case SEC_ANTISILO:
				rc = as_config_load_antisilo(cfg, s);
				break;
			case SEC_SCORE:
				rc = as_config_load_score(cfg, s);
				break;
			case SEC_PEOPLE:
				rc = as_org_load_people(&cfg->org, s);
				break;
			case SEC_MANAGERS:
				rc = as_org_load_managers(&cfg->org, s);
				break;
			case SEC_TEAM:
				rc = as_org_load_team(&cfg->org, s);
				break;
			case SEC_RULE:
				AS_GROW(cfg->rules, cfg->nrules + 1, cfg->rules_alloc);
				rc = as_rule_load(&cfg->rules[cfg->nrules], s);
				cfg->nrules += !rc;
				break;
			}
		}
		/* [managers] and teams resolved people without first names;
		 * then the HR export (org_csv) adds its people, managers and
		 * teams; from here on the org is complete. */
		if (kind == SEC_TEAM && !rc && cfg->org_csv)
			rc = as_org_csv_load(&cfg->org, cfg->org_csv, cfg->org_csv_columns,
					     cfg->norg_csv_columns);
		if (kind == SEC_TEAM && !rc)
			as_org_finish(&cfg->org);
	}
	return rc;
}

int as_config_load(as_config *out, const char *path)
{
	as_config cfg;
	as_ini ini = AS_INI_INIT;
	int rc;

	as_config_defaults(&cfg);
	memset(out, 0, sizeof(*out));
	rc = as_config_read_files(&ini, path);
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
	*out = cfg;
	return 0;
}

void as_config_free(as_config *cfg)
{
	as_list_free(cfg->tracker_paths, cfg->ntracker_paths);
	as_list_free(cfg->feedback_keys, cfg->nfeedback_keys);
	as_list_free(cfg->approval_keys, cfg->napproval_keys);
	as_list_free(cfg->silo_include, cfg->nsilo_include);
	as_list_free(cfg->silo_exclude, cfg->nsilo_exclude);
	as_list_free(cfg->org_csv_columns, cfg->norg_csv_columns);
	free(cfg->org_csv);
	free(cfg->waiver_log);
	as_list_free(cfg->lexicon_paths, cfg->nlexicon_paths);
	as_list_free(cfg->site_lexicon_paths, cfg->nsite_lexicon_paths);
	as_lexicon_free(&cfg->lexicon);
	free(cfg->forge_url);
	free(cfg->commit_url);
	free(cfg->name);
	free(cfg->audit_log);
	free(cfg->pusher_env);
	free(cfg->allowed_signers);
	as_org_free(&cfg->org);
	as_tickets_free(&cfg->tickets);
	for (size_t i = 0; i < cfg->nrules; i++)
		as_rule_free(&cfg->rules[i]);
	free(cfg->rules);
	free(cfg->path);
	as_list_free(cfg->files, cfg->nfiles);
	memset(cfg, 0, sizeof(*cfg));
}
