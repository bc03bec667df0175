/*
 * The forge's part of the report (forge.h): links, gate owners, review
 * requests, gates and bots in the document, and the text section.
 */
#include "report/forge.h"

#include <inttypes.h>
#include <string.h>

#include "util/sanitize.h"

int as_report_forge_url(as_buf *out, const char *forge_url, const as_finding *f)
{
	as_buf_clear(out);
	if (!forge_url || !f->link || !*f->link)
		return 0;
	as_buf_puts(out, forge_url);
	as_buf_putc(out, '/');
	/* GitLab's file pages are under "-/" (its own links already are) */
	if (!strncmp(f->link, "blob/", 5) && strstr(forge_url, "gitlab"))
		as_buf_puts(out, "-/");
	as_buf_puts(out, f->link);
	return 1;
}

static json_t *relations(const uint64_t *c)
{
	json_t *o = json_object();
	for (int r = 0; r < AS_REL__COUNT; r++)
		json_object_set_new(o, as_relation_name((as_relation)r), json_integer((json_int_t)c[r]));
	return o;
}

void as_report_forge_metrics(json_t *metrics, const as_metrics *m)
{
	json_object_set_new(metrics, "review_requests", relations(m->review_requests));
	json_t *gates = json_object();
	json_object_set_new(gates, "by_relation", relations(m->gates));
	unsigned bit = 1u << AS_FACT_CODE_OWNER_REVIEW;
	json_object_set_new(gates, "code_owner_review_required",
			    m->known_facts & bit ? json_boolean(m->facts & bit) : json_null());
	json_object_set_new(metrics, "gates", gates);
	json_t *bots = json_object();
	for (int k = 0; k < AS_EV__COUNT; k++)
		if (m->bot_events[k])
			json_object_set_new(bots, as_event_kind_name((as_event_kind)k),
					    json_integer((json_int_t)m->bot_events[k]));
	json_object_set_new(metrics, "bot_events", bots);
}

/* ---- text -------------------------------------------------------------------- */

static uint64_t sum(const uint64_t *c, int n)
{
	uint64_t t = 0;
	for (int i = 0; i < n; i++)
		t += c[i];
	return t;
}

/* "5 review requests (1 manager, 3 peer, 1 unknown)" */
static void by_relation(FILE *out, const char *what, const uint64_t *c)
{
	uint64_t total = sum(c, AS_REL__COUNT);
	const char *sep = " (";
	fprintf(out, "%" PRIu64 " %s", total, what);
	for (int r = 0; r < AS_REL__COUNT && total; r++) {
		if (!c[r])
			continue;
		fprintf(out, "%s%" PRIu64 " %s", sep, c[r], as_relation_name((as_relation)r));
		sep = ", ";
	}
	if (total)
		fputc(')', out);
}

static void put_clean(FILE *out, const char *s)
{
	as_buf b = AS_BUF_INIT;
	as_sanitize_str(&b, s, AS_SAN_TERMINAL);
	fputs(as_buf_cstr(&b), out);
	as_buf_free(&b);
}

void as_report_forge_text(FILE *out, const as_report *r)
{
	const as_metrics *m = &r->results->metrics;
	const as_feedback *f = &m->feedback;
	size_t base = m->settings.nfeedback_keys;
	uint64_t gates = sum(m->gates, AS_REL__COUNT);

	if (!m->trackers.files && !gates)
		return;
	uint64_t reviews[AS_REVIEW_KEYS] = { 0 };
	for (size_t k = 0; k < AS_REVIEW_KEYS; k++)
		reviews[k] = base + k < f->nkeys ? f->by_key[base + k] : 0;
	fputs("Forge: ", out);
	if (m->trackers.files) {
		fprintf(out, "%" PRIu64 " pull-request reviews (%" PRIu64 " approved, %" PRIu64
			" changes requested, %" PRIu64 " commented), ",
			reviews[0] + reviews[1] + reviews[2], reviews[0], reviews[1], reviews[2]);
		by_relation(out, "approvals", m->approvals);
		fputs(", ", out);
		by_relation(out, "review requests", m->review_requests);
		fputs(", ", out);
	}
	by_relation(out, "CODEOWNERS gates", m->gates);
	unsigned bit = 1u << AS_FACT_CODE_OWNER_REVIEW;
	if (m->known_facts & bit)
		fprintf(out, "; code-owner review is %srequired", m->facts & bit ? "" : "not ");
	fputc('\n', out);

	/* where the forge shows each finding of these sources */
	const as_findings *fs = &r->results->findings;
	as_buf url = AS_BUF_INIT;
	for (size_t i = 0; i < fs->nr; i++) {
		const as_finding *x = &fs->items[i];
		if (!as_report_forge_url(&url, r->cfg->forge_url, x))
			continue;
		fprintf(out, "  %-7s %s ", as_severity_name(x->severity), x->rule);
		put_clean(out, x->record ? x->record : x->path ? x->path : "");
		if (!x->record && x->line)
			fprintf(out, ":%ld", x->line);
		fputs(": ", out);
		put_clean(out, url.ptr);
		fputc('\n', out);
	}
	as_buf_free(&url);
}
