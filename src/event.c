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
	ev->actor = ev->subject = ev->author_person = -1;
	ev->relation = AS_REL_UNKNOWN;
}

void as_event_clear(as_event *ev)
{
	as_buf bufs[8] = { ev->actor_text, ev->subject_text, ev->author,
			   ev->path, ev->record, ev->excerpt, ev->title, ev->why };
	for (size_t i = 0; i < 8; i++)
		as_buf_clear(&bufs[i]);
	as_event_init(ev);
	ev->actor_text = bufs[0];
	ev->subject_text = bufs[1];
	ev->author = bufs[2];
	ev->path = bufs[3];
	ev->record = bufs[4];
	ev->excerpt = bufs[5];
	ev->title = bufs[6];
	ev->why = bufs[7];
}

void as_event_free(as_event *ev)
{
	as_buf_free(&ev->actor_text);
	as_buf_free(&ev->subject_text);
	as_buf_free(&ev->author);
	as_buf_free(&ev->path);
	as_buf_free(&ev->record);
	as_buf_free(&ev->excerpt);
	as_buf_free(&ev->title);
	as_buf_free(&ev->why);
	as_event_init(ev);
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
