#ifndef AS_CLASSIFY_H
#define AS_CLASSIFY_H
/*
 * Classification: who is who, by the org chart. Resolves the parties an
 * event names (or the author, when it names none) to people and computes
 * the relation from the actor to the subject (SPEC §2).
 */
#include "config/org.h"
#include "event.h"

void as_classify(const as_org *org, as_event *ev);

#endif
