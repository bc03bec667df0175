#include "classify.h"

#include <string.h>

static int resolve(const as_org *org, const as_buf *text, int author)
{
	if (!text->len)
		return author;
	return as_org_resolve(org, text->ptr, text->len);
}

/* How strongly a relation makes a gate: the manager chain first. */
static int gate_rank(as_relation r)
{
	switch (r) {
	case AS_REL_MANAGER: return 4;
	case AS_REL_SKIP_LEVEL: return 3;
	case AS_REL_CROSS_TEAM: return 2;
	case AS_REL_UNKNOWN: return 1;
	default: return 0;
	}
}

/*
 * Does one CODEOWNERS owner gate team `team`? A team handle ("@org/x")
 * that is not the team's own does; a person (an @login or an e-mail)
 * does when they are above a member and not one. 0 or the rank.
 */
static int gatekeeper(const as_org *org, const char *owner, size_t len, size_t team,
		      as_relation *rel)
{
	if (owner[0] == '@' && memchr(owner, '/', len)) {
		int t = as_org_find_team_handle(org, owner, len);
		if (t == (int)team)
			return 0;
		*rel = t < 0 ? AS_REL_UNKNOWN : AS_REL_CROSS_TEAM;
		return gate_rank(*rel);
	}
	as_relation r = as_org_team_relation(org, as_org_resolve(org, owner, len), team);
	if (r != AS_REL_MANAGER && r != AS_REL_SKIP_LEVEL)
		return 0;
	*rel = r;
	return gate_rank(r);
}

static int classify_gate(const as_org *org, as_event *ev)
{
	size_t pos = 0, len;
	const char *owner;
	int best = 0;
	if (ev->subject_team < 0 || (size_t)ev->subject_team >= org->nteams)
		return 1;
	as_buf_clear(&ev->owner);
	while ((owner = as_event_next_item(ev, &pos, &len))) {
		as_relation rel;
		int rank = gatekeeper(org, owner, len, (size_t)ev->subject_team, &rel);
		if (rank > best) {
			best = rank;
			ev->relation = rel;
			as_buf_clear(&ev->owner);
			as_buf_put(&ev->owner, owner, len);
		}
	}
	return best ? 0 : 1;
}

/* "my manager" is the author's manager; "my skip-level" the one above. */
static int by_role(const as_org *org, int author, int level)
{
	int p = author;
	for (int i = 0; i < level && p >= 0 && (size_t)p < org->npeople; i++)
		p = org->people[p].manager;
	return p == author ? -1 : p;
}

int as_classify(const as_org *org, as_event *ev)
{
	if (ev->author.len && ev->author_person < 0)
		ev->author_person = as_org_resolve(org, ev->author.ptr, ev->author.len);
	if (ev->actor_role)
		ev->actor = by_role(org, ev->author_person, ev->actor_role);
	else
		ev->actor = resolve(org, &ev->actor_text, ev->author_person);
	/* (a notice is antisilo's own: what it could not check) */
	if (ev->kind == AS_EV_GATE && !ev->notice)
		return classify_gate(org, ev);
	if (ev->subject_is_team) {
		if (ev->subject_team < 0)
			ev->subject_team = as_org_find_team_handle(org, ev->subject_text.ptr,
								   ev->subject_text.len);
		ev->relation = ev->subject_team < 0
			? AS_REL_UNKNOWN
			: as_org_team_relation(org, ev->actor, (size_t)ev->subject_team);
		return 0;
	}
	ev->subject = resolve(org, &ev->subject_text, ev->author_person);
	ev->relation = ev->actor < 0 || ev->subject < 0
		? AS_REL_UNKNOWN
		: as_org_relation(org, ev->actor, ev->subject);
	return 0;
}
