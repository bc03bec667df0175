#include "metrics/trackers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"

static void add_name(as_tracker_stats *s, const char *name, uint64_t count)
{
	if (!*name)
		return;
	s->names_.fold = 1;
	uint32_t id = as_strtab_intern(&s->names_, name, strlen(name));
	if (id >= s->counts_alloc_) {
		size_t old = s->counts_alloc_;
		AS_GROW(s->counts_, id + 1, s->counts_alloc_);
		memset(s->counts_ + old, 0, (s->counts_alloc_ - old) * sizeof(*s->counts_));
	}
	s->counts_[id] += count;
}

/* The text that named a party: what was written, or the author. */
static const char *party_text(const as_event *ev, const as_buf *text)
{
	return text->len ? as_buf_cstr(text) : as_buf_cstr(&ev->author);
}

void as_tracker_stats_add(as_tracker_stats *s, const as_event *ev)
{
	if (ev->kind != AS_EV_ASSIGNMENT || ev->limit_hit)
		return;
	s->assignments++;
	if (ev->actor >= 0 && ev->subject >= 0)
		return;
	s->unmatched++;
	const char *a = party_text(ev, &ev->actor_text);
	const char *b = party_text(ev, &ev->subject_text);
	if (ev->actor < 0)
		add_name(s, a, 1);
	if (ev->subject < 0 && (ev->actor >= 0 || strcasecmp(a, b)))
		add_name(s, b, 1);
}

void as_tracker_stats_merge(as_tracker_stats *into, const as_tracker_stats *from)
{
	into->files += from->files;
	into->records += from->records;
	into->assignments += from->assignments;
	into->cancelled += from->cancelled;
	into->outside_window += from->outside_window;
	into->unmatched += from->unmatched;
	into->bots += from->bots;
	for (size_t i = 0; i < from->names_.nr; i++)
		add_name(into, as_strtab_str(&from->names_, (uint32_t)i), from->counts_[i]);
}

static const as_tracker_stats *sorting;

static int by_count(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (sorting->counts_[x] != sorting->counts_[y])
		return sorting->counts_[x] > sorting->counts_[y] ? -1 : 1;
	return strcmp(as_strtab_str(&sorting->names_, x), as_strtab_str(&sorting->names_, y));
}

void as_tracker_stats_finish(as_tracker_stats *s)
{
	free(s->order_);
	s->order_ = as_xcalloc(s->names_.nr + 1, sizeof(*s->order_));
	for (size_t i = 0; i < s->names_.nr; i++)
		s->order_[i] = (uint32_t)i;
	sorting = s; /* the report is made on one thread */
	if (s->names_.nr > 1)
		qsort(s->order_, s->names_.nr, sizeof(*s->order_), by_count);
}

void as_tracker_stats_free(as_tracker_stats *s)
{
	as_strtab_free(&s->names_);
	free(s->counts_);
	free(s->order_);
	memset(s, 0, sizeof(*s));
}

size_t as_tracker_stats_nnames(const as_tracker_stats *s)
{
	return s->order_ ? s->names_.nr : 0;
}

const char *as_tracker_stats_name(const as_tracker_stats *s, size_t i, uint64_t *count)
{
	uint32_t id = s->order_[i];
	*count = s->counts_[id];
	return as_strtab_str(&s->names_, id);
}
