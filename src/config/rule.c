/*
 * One [rule.ID] section -> as_rule: every key checked, every pattern
 * compiled (and JIT-compiled), every error at its FILE:LINE.
 */
#include "config/rule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/values.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

static const char *const rule_keys[] = {
	"source", "key", "pattern", "exclude", "prefilter", "event", "subject",
	"relation", "severity", "explain", "regions", "directive", "actor",
	"formats", "requires",
};

static int compile(pcre2_code **out, const char *rule, const as_ini_key *k,
		   uint32_t flags)
{
	int err;
	PCRE2_SIZE off;
	*out = NULL;
	if (!*k->value)
		return as_config_fail_key(k, "rule '%s': %s is empty", rule, k->name);
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)k->value, PCRE2_ZERO_TERMINATED,
				       flags, &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", err);
		return as_config_fail_key(k, "rule '%s': %s does not compile at offset %zu: %s",
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
	*out = as_name_index(names, n, k->value);
	if (*out >= 0)
		return 0;
	as_buf what = AS_BUF_INIT;
	as_buf_printf(&what, "rule '%s': %s ", rule, k->name);
	int rc = as_config_fail_choice(k, what.ptr, names, n);
	as_buf_free(&what);
	return rc;
}

/*
 * A comma list of names (relation, formats, requires, regions, directive,
 * actor) as bits of their
 * index in `names`; `empty` says what to do instead of an empty list.
 */
static int name_set(unsigned *out, const char *rule, const as_ini_key *k,
		    const char *const *names, int n, const char *empty)
{
	char **items;
	size_t nitems;
	int rc = 0;
	as_list_split(k->value, &items, &nitems);
	if (!nitems)
		rc = as_config_fail_key(k, "rule '%s': %s is empty (%s)", rule, k->name, empty);
	for (size_t i = 0; i < nitems && !rc; i++) {
		int v = as_name_index(names, n, items[i]);
		if (v < 0) {
			as_buf list = AS_BUF_INIT;
			as_names_list(&list, names, n);
			rc = as_config_fail_key(k, "rule '%s': %s '%s' is not one of %s", rule,
						k->name, items[i], list.ptr);
			as_buf_free(&list);
		} else {
			*out |= 1u << v;
		}
	}
	as_list_free(items, nitems);
	return rc;
}

static int count_names(const char *const *names)
{
	int n = 0;
	while (names[n])
		n++;
	return n;
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
		rc = as_config_fail_key(k, "rule '%s': prefilter needs a pattern", r->id);
	for (char *grp = strtok_r(copy, "&", &save); !rc && grp;
	     grp = strtok_r(NULL, "&", &save)) {
		char **items;
		size_t n;
		as_list_split(grp, &items, &n);
		if (!n || r->nprefilter_groups >= 32)
			rc = as_config_fail_key(k, "rule '%s': prefilter: each '&' group needs at "
				      "least one word (and at most 32 groups)", r->id);
		for (size_t i = 0; i < n; i++) {
			for (char *c = items[i]; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			if (!rc && !items[i][1])
				rc = as_config_fail_key(k, "rule '%s': prefilter word '%s' is too short "
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
		rc = as_config_fail_key(k, "rule '%s': prefilter is empty", r->id);
	free(copy);
	return rc;
}

/* regions, directive and actor: where a message rule reads, and what of
 * the directive engine it takes. */
static int load_reading(as_rule *r, const as_ini_section *sec)
{
	const as_ini_key *k;
	int rc;
	int text = r->source == AS_SRC_SUBJECT || r->source == AS_SRC_BODY ||
		   r->source == AS_SRC_MESSAGE;

	switch (r->source) {
	case AS_SRC_SUBJECT: r->regions = 1u << AS_REGION_SUBJECT; break;
	case AS_SRC_BODY: r->regions = 1u << AS_REGION_PROSE; break;
	case AS_SRC_MESSAGE: r->regions = 1u << AS_REGION_SUBJECT | 1u << AS_REGION_PROSE; break;
	case AS_SRC_TRAILER: r->regions = 1u << AS_REGION_TRAILERS; break;
	default: r->regions = 0; break;
	}
	if ((k = as_ini_key_find(sec, "regions"))) {
		if (!text && r->source != AS_SRC_TRAILER)
			return as_config_fail_key(k, "rule '%s': 'regions' is for source = subject, "
					"body, message or trailer", r->id);
		r->regions = 0;
		if ((rc = name_set(&r->regions, r->id, k, as_region_names, AS_REGION__COUNT,
				   "leave it out to read the rule's default regions")))
			return rc;
		if (r->source == AS_SRC_TRAILER && r->regions != 1u << AS_REGION_TRAILERS)
			return as_config_fail_key(k, "rule '%s': a trailer rule reads the trailers "
					"only (regions = trailers)", r->id);
		if (text && (r->regions & 1u << AS_REGION_TRAILERS))
			return as_config_fail_key(k, "rule '%s': the trailers are read one by one by "
					"source = trailer rules, not as text", r->id);
	}
	r->actors = 1u << AS_BY_NAMED;
	if ((k = as_ini_key_find(sec, "directive"))) {
		if (!text)
			return as_config_fail_key(k, "rule '%s': 'directive' is for source = subject, "
					"body or message", r->id);
		if (r->pattern)
			return as_config_fail_key(k, "rule '%s': a rule has a pattern or a directive, "
					"not both", r->id);
		if ((rc = name_set(&r->directives, r->id, k, as_directive_names, AS_DIR__COUNT,
				   "name at least one directive")))
			return rc;
	}
	if ((k = as_ini_key_find(sec, "actor"))) {
		if (!r->directives)
			return as_config_fail_key(k, "rule '%s': 'actor' is for directive rules", r->id);
		r->actors = 0;
		if ((rc = name_set(&r->actors, r->id, k, as_actor_kind_names, AS_BY__COUNT,
				   "leave it out for a named actor")))
			return rc;
	}
	return 0;
}

void as_rule_free(as_rule *r)
{
	free(r->id);
	pcre2_code_free(r->key);
	pcre2_code_free(r->pattern);
	pcre2_code_free(r->exclude);
	as_list_free(r->prefilter, r->nprefilter);
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
		if (as_name_index(rule_keys, (int)(sizeof(rule_keys) / sizeof(rule_keys[0])),
			 sec->keys[i].name) < 0)
			return as_config_fail_key(&sec->keys[i], "unknown key '%s' in [%s]",
					sec->keys[i].name, sec->name);

	static const char *const required[] = { "source", "event", "explain" };
	for (size_t i = 0; i < 3; i++)
		if (!as_ini_key_find(sec, required[i]))
			return as_config_fail(sec->file, sec->line, "rule '%s': missing key '%s'",
				    id, required[i]);

	k = as_ini_key_find(sec, "source");
	if ((rc = rule_choice(&v, id, k, as_source_names, AS_NAMES_COUNT(as_source_names))))
		return rc;
	r->source = (as_source)v;

	k = as_ini_key_find(sec, "key");
	if (r->source == AS_SRC_TRAILER && !k)
		return as_config_fail(sec->file, sec->line, "rule '%s': missing key 'key' "
			    "(the trailer key pattern; required with source = trailer)", id);
	if (r->source != AS_SRC_TRAILER && k)
		return as_config_fail_key(k, "rule '%s': 'key' is only for source = trailer", id);
	if (k && (rc = compile(&r->key, id, k, PCRE2_UTF | PCRE2_CASELESS)))
		return rc;

	/* No PCRE2_MATCH_INVALID_UTF: with JIT, PCRE2 10.42 then fails \S, \W
	 * and \D on every multi-byte character (PCRE2 #224, fixed in 10.43).
	 * The detector repairs invalid UTF-8 before matching instead. */
	const uint32_t text_flags = PCRE2_UTF | PCRE2_MULTILINE;
	k = as_ini_key_find(sec, "pattern");
	if (!k && r->source != AS_SRC_TRACKER && r->source != AS_SRC_CODEOWNERS &&
	    !as_ini_key_find(sec, "directive"))
		return as_config_fail(sec->file, sec->line, "rule '%s': missing key 'pattern' "
			    "(only source = tracker and codeowners rules may leave it out, and "
			    "rules with a directive)", id);
	if (k && r->source == AS_SRC_CODEOWNERS)
		return as_config_fail_key(k, "rule '%s': source = codeowners rules take no pattern "
					  "(they judge the gates antisilo finds)", id);
	if (k && (rc = compile(&r->pattern, id, k, text_flags)))
		return rc;
	if ((rc = load_reading(r, sec)))
		return rc;
	k = as_ini_key_find(sec, "prefilter");
	if (k && (rc = load_prefilter(r, k)))
		return rc;
	k = as_ini_key_find(sec, "exclude");
	if (k && (rc = compile(&r->exclude, id, k, text_flags)))
		return rc;

	k = as_ini_key_find(sec, "event");
	if ((rc = rule_choice(&v, id, k, as_event_kind_names, AS_EV__COUNT)))
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
			return as_config_fail_key(k, "rule '%s': subject '%s' is neither 'author' nor a "
					"named group (?<%s>...) of the pattern", id, k->value,
					k->value);
		r->subject_group = as_xstrdup(k->value);
	} else if (r->pattern) {
		int n = pcre2_substring_number_from_name(r->pattern, (PCRE2_SPTR) "subject");
		if (n >= 0 || n == PCRE2_ERROR_NOUNIQUESUBSTRING)
			r->subject_group = as_xstrdup("subject");
	}

	k = as_ini_key_find(sec, "relation");
	if (k && (rc = name_set(&r->relations, id, k, as_relation_names, AS_REL__COUNT,
				"leave it out to match any relation")))
		return rc;

	/* which exports a tracker rule judges; what the run must know */
	k = as_ini_key_find(sec, "formats");
	if (k && r->source != AS_SRC_TRACKER)
		return as_config_fail_key(k, "rule '%s': 'formats' is only for source = tracker", id);
	if (k && (rc = name_set(&r->formats, id, k, as_export_format_names,
				count_names(as_export_format_names),
				"leave it out to judge every tracker event")))
		return rc;
	k = as_ini_key_find(sec, "requires");
	if (k && r->pattern)
		return as_config_fail_key(k, "rule '%s': 'requires' is only for rules without a "
					  "pattern", id);
	if (k && (rc = name_set(&r->requires, id, k, as_fact_names, AS_FACT__COUNT,
				"leave it out when the rule holds whatever the run knows")))
		return rc;

	r->severity = AS_SEV_WARNING;
	k = as_ini_key_find(sec, "severity");
	if (k) {
		as_severity s;
		if (as_severity_parse(&s, k->value, 0) < 0)
			return as_config_fail_key(k, "rule '%s': severity '%s' is not one of info, "
					"warning, error", id, k->value);
		r->severity = s;
	}

	k = as_ini_key_find(sec, "explain");
	if (!*k->value)
		return as_config_fail_key(k, "rule '%s': explain is empty (it is what people are "
				"shown: say what to do instead)", id);
	r->explain = as_xstrdup(k->value);
	return 0;
}

int as_rule_load(as_rule *out, const as_ini_section *sec)
{
	const char *id = sec->name + strlen("rule.");
	memset(out, 0, sizeof(*out));
	if (!*id)
		return as_config_fail(sec->file, sec->line, "[rule.] needs a name: [rule.ID]");
	out->id = as_xstrdup(id);
	out->file = as_xstrdup(sec->file);
	out->line = sec->line;
	int rc = load_rule_keys(out, sec);
	if (rc)
		as_rule_free(out);
	return rc;
}
