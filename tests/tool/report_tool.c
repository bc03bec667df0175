/*
 * test-tool render FORMAT [RULES] [--repo DIR] < DOCUMENT.json
 *
 * Draws a report document (docs/report.md), as written by
 * `antisilo audit --format json`, in FORMAT (jsonl, sarif, html), so that
 * the renderers can be tested on hand-written documents: metrics that no
 * audit computes yet, hostile text, limits. RULES, when given, is loaded
 * as the rules in force (SARIF lists them all). With --repo, SARIF places
 * results in the files of DIR's HEAD, as an audit of DIR does.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "report/pusher.h"
#include "source/artifacts.h"
#include "source/repo.h"
#include "report/render.h"
#include "util/error.h"

int cmd_render(int argc, char **argv);
int cmd_pusher_say(int argc, char **argv);

/* test-tool pusher-say INDENT TEXT: TEXT as the hook says it (wrapped). */
int cmd_pusher_say(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test-tool pusher-say INDENT TEXT\n");
		return 2;
	}
	as_pusher p;
	as_pusher_init(&p);
	as_pusher_say(&p, (size_t)atoi(argv[1]), "%s", argv[2]);
	fputs(as_buf_cstr(&p.out), stdout);
	as_pusher_free(&p);
	return 0;
}

int cmd_render(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(const json_t *, const as_render_ctx *, FILE *);
	} formats[] = {
		{ "text", as_render_text },
		{ "jsonl", as_render_jsonl },
		{ "sarif", as_render_sarif },
		{ "html", as_render_html },
	};
	int (*fn)(const json_t *, const as_render_ctx *, FILE *) = NULL;
	as_config cfg;
	as_render_ctx ctx;
	json_error_t jerr;
	json_t *doc;
	git_repository *repo = NULL;
	as_artifacts *artifacts = NULL;
	int err;

	const char *repo_dir = NULL;
	if (argc >= 4 && !strcmp(argv[argc - 2], "--repo")) {
		repo_dir = argv[argc - 1];
		argc -= 2;
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: test-tool render text|jsonl|sarif|html [RULES] [--repo DIR] < DOCUMENT.json\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(argv[1], formats[i].name))
			fn = formats[i].fn;
	if (!fn) {
		fprintf(stderr, "test-tool: render: unknown format '%s'\n", argv[1]);
		return 2;
	}
	doc = json_loadf(stdin, 0, &jerr);
	if (!doc) {
		fprintf(stderr, "test-tool: <stdin>:%d:%d: %s\n", jerr.line, jerr.column, jerr.text);
		return 2;
	}
	if (argc == 3 && (err = as_config_load(&cfg, argv[2])) < 0) {
		fprintf(stderr, "test-tool: %s\n", as_error_msg());
		json_decref(doc);
		return as_error_exit_code(err);
	}
	as_render_ctx_init(&ctx, argc == 3 ? &cfg : NULL);
	err = 0;
	if (repo_dir) {
		git_object *tree = NULL;
		git_libgit2_init();
		if (as_repo_open(&repo, repo_dir, 0) < 0 ||
		    git_revparse_single(&tree, repo, "HEAD^{tree}") < 0 ||
		    (err = as_artifacts_open(&artifacts, repo, git_object_id(tree))) < 0)
			err = as_error_set(AS_EINTERNAL, "%s: cannot read HEAD", repo_dir);
		git_object_free(tree);
	}
	ctx.artifacts = artifacts;
	if (!err)
		err = fn(doc, &ctx, stdout);
	as_artifacts_free(artifacts);
	git_repository_free(repo);
	if (err < 0)
		fprintf(stderr, "test-tool: %s\n", as_error_msg());
	if (argc == 3)
		as_config_free(&cfg);
	json_decref(doc);
	return err < 0 ? as_error_exit_code(err) : 0;
}
