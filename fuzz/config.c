/*
 * rules.ini (config/ini.c, config/config.c and its section loaders, the prefilters):
 * loading and validating any text. Administrators edit it by hand, and a
 * bad file must be an error with its line, never a crash or a half-read
 * configuration. iniparser reads files by name, so the input is written
 * to a file of a private directory first; `include = default` pulls in
 * the shipped rules ($ANTISILO_DEFAULT_RULES).
 *
 * Invariants: an error names the file; a loaded configuration has
 * compiled patterns and sane bounds; every person resolves to itself by
 * its id, the relation of a person to itself is `self`; the rules run
 * (with small PCRE2 bounds) on a few texts; the listing of the rules and
 * the tracker globs work.
 */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "detect/detect.h"
#include "detect/match.h"
#include "event.h"
#include "source/tracker/files.h"
#include "util/error.h"

static const char *const texts[] = {
	"Assigned-by: Alice Liddell <alice@example.com>",
	"My manager asked me to do this, as discussed in DM",
	"- [ ] fix it @bob (assigned by @alice)",
	"docs/sprints/2024/q1.md",
	"\xc3\xa9t\xc3\xa9 approved by the VP",
	"",
};

static void exercise(const as_config *cfg)
{
	AS_FUZZ_CHECK(cfg->match_limit >= 1 && cfg->depth_limit >= 1 && cfg->heap_limit_kib >= 1,
		      "a PCRE2 bound is 0");
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		AS_FUZZ_CHECK(rule->id && *rule->id, "rule %zu has no id", r);
		AS_FUZZ_CHECK(rule->pattern || rule->directives || rule->source == AS_SRC_TRACKER ||
			      rule->source == AS_SRC_CODEOWNERS,
			      "rule %s has no pattern", rule->id);
		AS_FUZZ_CHECK(!rule->key || rule->source == AS_SRC_TRACKER ||
			      rule->source == AS_SRC_TRAILER, "rule %s: key outside trailers", rule->id);
	}
	for (size_t p = 0; p < cfg->org.npeople; p++) {
		const as_person *who = &cfg->org.people[p];
		if (strlen(who->id) < 200) {
			int got = as_org_resolve(&cfg->org, who->id, strlen(who->id));
			AS_FUZZ_CHECK(got == (int)p, "person '%s' resolves to %d, not %zu", who->id,
				      got, p);
		}
		AS_FUZZ_CHECK(as_org_relation(&cfg->org, (int)p, (int)p) == AS_REL_SELF,
			      "'%s' is not self to itself", who->id);
		AS_FUZZ_CHECK(who->manager < (int)cfg->org.npeople, "manager index");
	}

	/* the rules on a few texts, with small bounds whatever the file says */
	as_config small = *cfg;
	if (small.match_limit > 100000)
		small.match_limit = 100000;
	if (small.depth_limit > 10000)
		small.depth_limit = 10000;
	if (small.heap_limit_kib > 20480)
		small.heap_limit_kib = 20480;
	as_matcher *m = as_matcher_new(&small);
	as_events evs = { 0 };
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		for (size_t r = 0; r < cfg->nrules; r++)
			as_detect_text(&cfg->rules[r], m, texts[t], strlen(texts[t]), NULL,
				       AS_ORIGIN_MESSAGE, &evs);
	}
	as_tracker_paths tp;
	AS_FUZZ_CHECK(as_tracker_paths_init(&tp, cfg->tracker_paths, cfg->ntracker_paths, 0) == 0,
		      "tracker_paths that the rules accepted do not compile: %s", as_error_msg());
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		(void)as_tracker_paths_match(&tp, texts[t], strlen(texts[t]));
	as_tracker_paths_free(&tp);
	as_events_free(&evs);
	as_matcher_free(m);
}

AS_FUZZ_TARGET(config)
{
	const char *path = as_fuzz_file("rules.ini", data, size);
	as_config cfg;

	as_error_clear();
	int rc = as_config_load(&cfg, path);
	if (rc < 0) {
		AS_FUZZ_CHECK(rc == AS_ECONFIG || rc == AS_EINTERNAL, "error code %d", rc);
		AS_FUZZ_CHECK(strstr(as_error_msg(), path) != NULL || strstr(as_error_msg(), ".ini"),
			      "the error names no file: %s", as_error_msg());
		/* nothing half-loaded */
		AS_FUZZ_CHECK(!cfg.rules && !cfg.nrules && !cfg.org.npeople,
			      "a failed load left a configuration");
		return 0;
	}
	exercise(&cfg);
	as_config_free(&cfg);
	return 0;
}
