/*
 * antisilo rules [--rules FILE] [--export FILE]: the rules in force, after
 * includes, each with the file and line it came from; or all of them (org
 * chart, keys, rules) exported as one loadable rules.ini.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "config/config.h"
#include "config/export.h"
#include "config/locate.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/output.h"
#include "util/sanitize.h"

static const char usage[] =
	"usage: antisilo rules [--rules FILE] [--export FILE]\n"
	"\n"
	"Lists the rules in force: id, source, event, severity, the relations they\n"
	"fire for and the FILE:LINE that defines each (after includes).\n"
	"The rules file is --rules, else $ANTISILO_RULES, git config antisilo.rules,\n"
	"$GIT_DIR/antisilo/rules.ini, the site file, then the installed default.\n"
	"\n"
	"  --export FILE  write the effective rules instead (includes resolved, org\n"
	"                 chart included) as one rules.ini that loads as it is;\n"
	"                 '-' for standard output\n";

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

/* ID, SOURCE, EVENT, SEVERITY, RELATIONS ("any" when unrestricted) and
 * the FILE:LINE of each rule. */
static void print_rules(const as_config *cfg, FILE *out)
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

/*
 * The export must load back to the same rules: it is checked by loading
 * it (from a private copy) before it replaces FILE. A difference would
 * be antisilo's bug, and a team must never commit a file that enforces
 * something else than the server.
 */
static int check_export(const as_buf *text, const as_config *cfg)
{
	const char *dir = getenv("TMPDIR");
	as_buf name = AS_BUF_INIT;
	as_config back;
	int fd, rc;

	as_buf_printf(&name, "%s/antisilo-export.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(name.ptr);
	if (fd < 0) {
		rc = as_error_set(AS_EINTERNAL, "%s: cannot create: %s", name.ptr, strerror(errno));
		as_buf_free(&name);
		return rc;
	}
	rc = write(fd, text->ptr, text->len) == (ssize_t)text->len ? 0 : -1;
	close(fd);
	if (rc < 0) {
		unlink(name.ptr);
		as_buf_free(&name);
		return as_error_set(AS_EINTERNAL, "cannot write a temporary file: %s", strerror(errno));
	}
	rc = as_config_load(&back, name.ptr);
	unlink(name.ptr);
	as_buf_free(&name);
	if (rc < 0)
		return as_error_set(AS_EINTERNAL, "the export does not load back: %s", as_error_msg());
	int same = back.nrules == cfg->nrules && back.org.npeople == cfg->org.npeople &&
		   back.org.nteams == cfg->org.nteams && back.mode == cfg->mode &&
		   back.fail_on == cfg->fail_on;
	for (size_t i = 0; same && i < cfg->nrules; i++)
		same = !strcmp(back.rules[i].id, cfg->rules[i].id) &&
		       back.rules[i].severity == cfg->rules[i].severity &&
		       back.rules[i].relations == cfg->rules[i].relations;
	as_config_free(&back);
	return same ? 0 : as_error_set(AS_EINTERNAL, "the export loads back to other rules");
}

static int export_rules(const char *file, const char *path, const as_config *cfg)
{
	as_buf text = AS_BUF_INIT;
	as_output out;
	int rc = as_config_export(&text, path);
	if (!rc)
		rc = check_export(&text, cfg);
	if (!rc && !(rc = as_output_open(&out, file))) {
		if (fwrite(text.ptr, 1, text.len, out.fp) != text.len) {
			rc = as_error_set(AS_EINTERNAL, "%s: cannot write: %s",
					  out.path ? out.path : "standard output", strerror(errno));
			as_output_abort(&out);
		} else {
			rc = as_output_commit(&out);
		}
	}
	as_buf_free(&text);
	return rc;
}

int cmd_rules(int argc, char **argv)
{
	const char *cli_rules = NULL, *export_file = NULL;
	const cmd_option table[] = {
		CMD_OPT_RULES(&cli_rules),
		{ "export", 0, CMD_OPT_STRING, &export_file, 0, 0, NULL },
		CMD_OPT_END,
	};
	int status = cmd_parse_options(argc, argv, table, usage, NULL);
	if (status)
		return status < 0 ? 0 : status;

	char *path = NULL;
	const char *why = NULL;
	as_config cfg;
	int rc = as_config_locate_cwd(&path, &why, cli_rules);
	if (rc < 0)
		return cmd_error(rc);
	rc = as_config_load(&cfg, path);
	if (rc < 0) {
		free(path);
		return cmd_error(rc);
	}
	if (export_file) {
		rc = export_rules(export_file, path, &cfg);
		as_config_free(&cfg);
		free(path);
		return rc < 0 ? cmd_error(rc) : 0;
	}
	/* file names come from rules files and git config: no raw controls */
	as_buf clean = AS_BUF_INIT;
	as_sanitize_str(&clean, path, AS_SAN_TERMINAL);
	printf("# %s (from %s): %zu %s\n", as_buf_cstr(&clean), why, cfg.nrules,
	       cfg.nrules == 1 ? "rule" : "rules");
	for (size_t i = 1; i < cfg.nfiles; i++) {
		as_buf_clear(&clean);
		as_sanitize_str(&clean, cfg.files[i], AS_SAN_TERMINAL);
		printf("# includes %s\n", as_buf_cstr(&clean));
	}
	as_buf_free(&clean);
	print_rules(&cfg, stdout);
	as_config_free(&cfg);
	free(path);
	return 0;
}
