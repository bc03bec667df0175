/*
 * The forge's part of the report (forge.h): links, gate owners, review
 * requests, gates and bots in the document, and the text section.
 */
#include "report/forge.h"

#include <inttypes.h>
#include <string.h>


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
