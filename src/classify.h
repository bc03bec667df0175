#ifndef AS_CLASSIFY_H
#define AS_CLASSIFY_H
/*
 * Classification: who is who, by the org chart. Resolves the parties an
 * event names (or the author, when it names none) to people and computes
 * the relation from the actor to the subject (SPEC §2).
 *
 * A subject that is a team (ev->subject_is_team: a review requested from
 * a team) is resolved through the teams' codeowners handles, and the
 * relation is the actor's to the team (as_org_team_relation). A gate is
 * about its owners: the relation is the one of the owner (ev->items) that
 * makes the CODEOWNERS line a gate over the team (ev->subject_team) —
 * a person above a member of the team who is not in it (manager,
 * skip-level), or a team handle that is not the team's own (cross-team;
 * unknown when no team of the org chart has it) — the strongest one
 * when several do, copied to ev->owner.
 *
 * Returns 0, or 1 when the event is none after all: a gate none of whose
 * owners gates the team (its own members, its own handle, people of
 * other teams who manage none of its members).
 */
#include "config/org.h"
#include "event.h"

int as_classify(const as_org *org, as_event *ev);

#endif
