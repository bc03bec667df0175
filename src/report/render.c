/*
 * The formats of a report: which reporter draws a --format, and the
 * structured ones (jsonl, sarif, html), which build the report document
 * once and hand it to a renderer of render.h.
 */
#include "report/render.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/json.h"
#include "util/clock.h"
#include "source/artifacts.h"
#include "util/error.h"

void as_render_ctx_init(as_render_ctx *ctx, const as_config *cfg)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	memset(ctx, 0, sizeof(*ctx));
	ctx->cfg = cfg;
	ctx->time = (int64_t)time(NULL);
	if (sde && *sde) {
		t = strtoll(sde, &end, 10);
		if (!*end && t >= 0)
			ctx->time = (int64_t)t;
	}
}

void as_render_time_iso(char *out, size_t size, int64_t t)
{
	as_time_iso(out, size, t);
}

/* FNV-1a over the compact document, fed by jansson's dump callback so that
 * a large document is never held as one string. */
static int hash_chunk(const char *buf, size_t size, void *data)
{
	uint64_t *h = data;
	for (size_t i = 0; i < size; i++) {
		*h ^= (unsigned char)buf[i];
		*h *= 0x100000001b3ULL;
	}
	return 0;
}

void as_render_run_id(char *out, size_t size, const json_t *doc, int64_t t)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char stamp[32];
	time_t tt = (time_t)t;
	struct tm tm;

	json_dump_callback(doc, hash_chunk, &h, JSON_COMPACT | JSON_SORT_KEYS);
	hash_chunk((const char *)&t, sizeof(t), &h);
	if (!gmtime_r(&tt, &tm) || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm))
		snprintf(stamp, sizeof(stamp), "19700101T000000Z");
	snprintf(out, size, "%s-%016llx", stamp, (unsigned long long)h);
}

/* The structured formats: build the document once, hand it to a renderer
 * (with the files of the audited commit when it places results in them). */
static int render(const as_report *r, FILE *out,
		  int (*fn)(const json_t *, const as_render_ctx *, FILE *), int artifacts)
{
	as_render_ctx ctx;
	json_t *doc = as_report_document(r);
	int err = 0;

	as_render_ctx_init(&ctx, r->cfg);
	if (r->time)
		ctx.time = r->time;
	ctx.color = r->color;
	ctx.root = r->privacy == AS_PRIVACY_TEAM ? NULL : r->root;
	if (artifacts && r->repo && r->tip_tree)
		err = as_artifacts_open(&ctx.artifacts, r->repo, r->tip_tree);
	if (!err)
		err = fn(doc, &ctx, out);
	as_artifacts_free(ctx.artifacts);
	json_decref(doc);
	return err;
}

int as_report_text(const as_report *r, FILE *out)
{
	return render(r, out, as_render_text, 0);
}

int as_report_jsonl(const as_report *r, FILE *out)
{
	return render(r, out, as_render_jsonl, 0);
}

int as_report_jsonl_failed(const as_report *r, const char *error, FILE *out)
{
	as_render_ctx ctx;
	json_t *doc = as_report_failed_document(r, error);

	as_render_ctx_init(&ctx, r->cfg);
	if (r->time)
		ctx.time = r->time;
	int err = as_render_jsonl(doc, &ctx, out);
	json_decref(doc);
	return err;
}

int as_report_sarif(const as_report *r, FILE *out)
{
	return render(r, out, as_render_sarif, 1);
}

int as_report_html(const as_report *r, FILE *out)
{
	return render(r, out, as_render_html, 0);
}

as_reporter as_reporter_for(const char *format)
{
	static const struct {
		const char *name;
		as_reporter fn;
	} table[] = {
		{ "text", as_report_text },
		{ "json", as_report_json },
		{ "jsonl", as_report_jsonl },
		{ "sarif", as_report_sarif },
		{ "html", as_report_html },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(format, table[i].name))
			return table[i].fn;
	return NULL;
}
