#include "classify.h"

static int resolve(const as_org *org, const as_buf *text, int author)
{
	if (!text->len)
		return author;
	return as_org_resolve(org, text->ptr, text->len);
}

/* "my manager" is the author's manager; "my skip-level" the one above. */
static int by_role(const as_org *org, int author, int level)
{
	int p = author;
	for (int i = 0; i < level && p >= 0 && (size_t)p < org->npeople; i++)
		p = org->people[p].manager;
	return p == author ? -1 : p;
}

void as_classify(const as_org *org, as_event *ev)
{
	if (ev->author.len && ev->author_person < 0)
		ev->author_person = as_org_resolve(org, ev->author.ptr, ev->author.len);
	if (ev->actor_role)
		ev->actor = by_role(org, ev->author_person, ev->actor_role);
	else
		ev->actor = resolve(org, &ev->actor_text, ev->author_person);
	ev->subject = resolve(org, &ev->subject_text, ev->author_person);
	ev->relation = ev->actor < 0 || ev->subject < 0
		? AS_REL_UNKNOWN
		: as_org_relation(org, ev->actor, ev->subject);
}
