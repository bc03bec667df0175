#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

void as_excerpt_append(as_buf *out, const char *s, size_t len, size_t max)
{
	int space = 0;
	size_t start = out->len;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = out->len > start;
			continue;
		}
		if (out->len - start >= max && (ch & 0xC0) != 0x80) {
			as_buf_puts(out, "…");
			break;
		}
		if (space)
			as_buf_putc(out, ' ');
		space = 0;
		as_buf_putc(out, (char)ch);
	}
}

void as_event_init(as_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->actor = ev->subject = ev->author_person = ev->subject_team = -1;
	ev->relation = AS_REL_UNKNOWN;
}

/* The strings of an event, for clearing and freeing them all. */
#define EVENT_BUFS(ev) { &(ev)->actor_text, &(ev)->subject_text, &(ev)->author, \
			 &(ev)->path, &(ev)->record, &(ev)->excerpt, &(ev)->title, \
			 &(ev)->items, &(ev)->key, &(ev)->owner, &(ev)->link, &(ev)->why }
#define EVENT_NBUFS 12

void as_event_clear(as_event *ev)
{
	as_buf *bufs[EVENT_NBUFS] = EVENT_BUFS(ev), keep[EVENT_NBUFS];
	for (size_t i = 0; i < EVENT_NBUFS; i++) {
		as_buf_clear(bufs[i]);
		keep[i] = *bufs[i];
	}
	as_event_init(ev);
	for (size_t i = 0; i < EVENT_NBUFS; i++)
		*bufs[i] = keep[i];
}

void as_event_free(as_event *ev)
{
	as_buf *bufs[EVENT_NBUFS] = EVENT_BUFS(ev);
	for (size_t i = 0; i < EVENT_NBUFS; i++)
		as_buf_free(bufs[i]);
	as_event_init(ev);
}

void as_event_add_item(as_event *ev, const char *s, size_t len)
{
	as_buf_put(&ev->items, s, len);
	as_buf_putc(&ev->items, '\0');
	ev->nitems++;
}

const char *as_event_next_item(const as_event *ev, size_t *pos, size_t *len)
{
	if (*pos >= ev->items.len)
		return NULL;
	const char *s = ev->items.ptr + *pos;
	*len = strlen(s);
	*pos += *len + 1;
	return s;
}

as_event *as_events_add(as_events *evs)
{
	if (evs->nr == evs->alloc) {
		size_t old = evs->alloc;
		AS_GROW(evs->items, evs->nr + 1, evs->alloc);
		for (size_t i = old; i < evs->alloc; i++)
			as_event_init(&evs->items[i]);
	}
	as_event *ev = &evs->items[evs->nr++];
	as_event_clear(ev);
	return ev;
}

void as_events_compact(as_events *evs, size_t from, const unsigned char *keep)
{
	size_t k = from;
	for (size_t i = from; i < evs->nr; i++) {
		if (!keep[i - from])
			continue;
		if (k != i) {
			as_event tmp = evs->items[k];
			evs->items[k] = evs->items[i];
			evs->items[i] = tmp;
		}
		k++;
	}
	evs->nr = k;
}

void as_events_reset(as_events *evs)
{
	evs->nr = 0;
}

void as_events_free(as_events *evs)
{
	for (size_t i = 0; i < evs->alloc; i++)
		as_event_free(&evs->items[i]);
	free(evs->items);
	evs->items = NULL;
	evs->nr = evs->alloc = 0;
}
