#ifndef AS_RULE_H
#define AS_RULE_H
/*
 * A rule of rules.ini ([rule.ID], SPEC §5), loaded and compiled.
 */
#include <pcre2.h>
#include <stddef.h>

#include "config/ini.h"
#include "config/names.h"

typedef struct as_rule {
	char *id;                /* "assigned-by-trailer" from [rule.assigned-by-trailer] */
	as_source source;
	pcre2_code *key;         /* trailer key pattern (source = trailer), else NULL */
	pcre2_code *pattern;     /* required, except for source = tracker, where a
				  * rule without one judges every tracker event
				  * of its kind (the built-in tracker detectors),
				  * and source = codeowners (never one: gates) */
	pcre2_code *exclude;     /* optional: text matching it never fires the rule */
	char **prefilter;        /* optional: lower-case word beginnings; the
				  * pattern runs only on a text where each group
				  * has one (detect/prefilter.h) */
	unsigned *prefilter_group; /* group of each word: 0, 1, ... ('&') */
	size_t nprefilter;
	unsigned nprefilter_groups;
	/* The message regions it reads (bit 1u << as_region_kind): by
	 * default subject for source = subject, prose for body, both for
	 * message, trailers for trailer; none for tracker and path. */
	unsigned regions;
	/* Instead of a pattern, the directive engine (detect/directive.h):
	 * the kinds it takes (bit 1u << as_directive_kind) and the actors
	 * (bit 1u << as_actor_kind; default: named). 0: not an engine rule. */
	unsigned directives;
	unsigned actors;
	as_event_kind event;
	char *subject_group;     /* named group naming the subject; NULL = the author */
	unsigned relations;      /* bit (1u << as_relation); 0 = any relation */
	unsigned formats;        /* source = tracker: bit i for as_export_format_names[i],
				  * the exports it judges; 0 = every tracker event */
	unsigned requires;       /* bit (1u << as_fact): the run must know them all */
	as_severity severity;
	char *explain;
	char *file;              /* file and line of the [rule.*] header */
	int line;
} as_rule;

/* Loads [rule.ID] into *out. 0, or AS_ECONFIG "FILE:LINE: ..." with *out
 * empty. */
int as_rule_load(as_rule *out, const as_ini_section *sec);
void as_rule_free(as_rule *r);

#endif
