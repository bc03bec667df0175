#ifndef AS_RENDER_H
#define AS_RENDER_H
/*
 * Renderers of the report document. jsonl, sarif and html draw the one
 * document that as_report_document() builds (docs/report.md), never the
 * engine's structs: every format carries the same content, and a document
 * read back from a file (test-tool render) renders exactly as a live run.
 * A renderer draws what the document holds; a part that is absent (a
 * metric that this build does not compute yet) is shown as "no data".
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "config/config.h"

typedef struct {
	/* The rules in force: SARIF lists every one of them. NULL: the
	 * renderer lists the rules that the findings name. */
	const as_config *cfg;
	/* When the run happened, seconds since the epoch (UTC). */
	int64_t time;
	/* text: ANSI colours (a terminal). */
	int color;
	/* SARIF: the local directory the relative URIs start from
	 * (%SRCROOT%); NULL: none (privacy = team, or a document read back). */
	const char *root;
	/* SARIF: the files of the audited commit (source/artifacts.h), where
	 * every result is placed; NULL when no repository is at hand (a
	 * document read back from a file): only tracker-file results, at the
	 * file the document names, are placed then. */
	struct as_artifacts *artifacts;
} as_render_ctx;

/* ctx for a run now (no artifacts); $SOURCE_DATE_EPOCH, when set, fixes the time
 * (reproducible reports, as reproducible-builds.org defines it). */
void as_render_ctx_init(as_render_ctx *ctx, const as_config *cfg);

/* Each returns 0 or AS_EINTERNAL (a write failed). */
int as_render_text(const json_t *doc, const as_render_ctx *ctx, FILE *out);
int as_render_jsonl(const json_t *doc, const as_render_ctx *ctx, FILE *out);
int as_render_sarif(const json_t *doc, const as_render_ctx *ctx, FILE *out);
int as_render_html(const json_t *doc, const as_render_ctx *ctx, FILE *out);

/* The run's id for JSON Lines and SARIF: "20240101T120000Z-" followed by
 * 16 hex digits of a hash of the document and the time, so that the
 * audits of many repositories over a year stay apart when loaded together.
 * Writes at most `size` bytes (40 is enough). */
void as_render_run_id(char *out, size_t size, const json_t *doc, int64_t time);
/* "2024-01-01T12:00:00Z" */
void as_render_time_iso(char *out, size_t size, int64_t time);

#endif
