/*
 * The Markdown reader of tracker files (source/tracker/markdown.c): task lists,
 * Owner:/Assignee: lines, tables, front matter, written by anyone who can
 * push a TODO.md.
 *
 * Invariants: every event is an assignment from a tracker file, on a line
 * of the text, with NUL-free texts; and the reader's promise that the
 * rest of the file is context only: scanning with a subset of the lines
 * wanted (the hook judges only the lines a push adds) yields exactly the
 * events of the full scan on those lines, in the same order.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "source/tracker/markdown.h"

static int same_event(const as_event *a, const as_event *b)
{
	return a->kind == b->kind && a->origin == b->origin && a->line == b->line &&
	       !strcmp(as_buf_cstr(&a->actor_text), as_buf_cstr(&b->actor_text)) &&
	       !strcmp(as_buf_cstr(&a->subject_text), as_buf_cstr(&b->subject_text)) &&
	       !strcmp(as_buf_cstr(&a->excerpt), as_buf_cstr(&b->excerpt)) &&
	       !strcmp(as_buf_cstr(&a->title), as_buf_cstr(&b->title));
}

/* (A text with a NUL byte is never scanned for real: as_tracker_files_commit
 * skips such files. It is scanned here all the same, for crashes, but its
 * texts may hold the NUL.) */
static void check_buf(const as_buf *b, const char *what, size_t i, int has_nul)
{
	AS_FUZZ_CHECK(!b->ptr || (b->ptr[b->len] == '\0' && (has_nul || strlen(b->ptr) == b->len)),
		      "event %zu: %s is not a C string of its length", i, what);
}

AS_FUZZ_TARGET(tracker_md)
{
	as_events all = { 0 }, some = { 0 };
	const char *text = (const char *)data;
	size_t nlines = 1;
	unsigned char *want;
	size_t nwant;

	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	int has_nul = memchr(data, '\0', size) != NULL;

	as_tracker_md_scan(&all, text, size, NULL, 0);
	for (size_t i = 0; i < all.nr; i++) {
		const as_event *ev = &all.items[i];
		AS_FUZZ_CHECK(ev->kind == AS_EV_ASSIGNMENT, "event %zu: kind %d", i, ev->kind);
		AS_FUZZ_CHECK(ev->origin == AS_ORIGIN_TRACKER_FILE, "event %zu: origin", i);
		AS_FUZZ_CHECK(ev->line >= 1 && (size_t)ev->line <= nlines,
			      "event %zu: line %ld of %zu", i, ev->line, nlines);
		AS_FUZZ_CHECK(i == 0 || ev->line >= all.items[i - 1].line,
			      "event %zu: lines out of order", i);
		check_buf(&ev->actor_text, "actor_text", i, has_nul);
		check_buf(&ev->subject_text, "subject_text", i, has_nul);
		check_buf(&ev->excerpt, "excerpt", i, has_nul);
		check_buf(&ev->title, "title", i, has_nul);
	}

	/* every line wanted explicitly: the same as want == NULL */
	nwant = nlines + 1;
	want = malloc(nwant);
	if (!want)
		abort();
	memset(want, 1, nwant);
	as_tracker_md_scan(&some, text, size, want, nwant);
	AS_FUZZ_CHECK(some.nr == all.nr, "all lines wanted: %zu events, NULL: %zu",
		      some.nr, all.nr);
	for (size_t i = 0; i < all.nr; i++)
		AS_FUZZ_CHECK(same_event(&all.items[i], &some.items[i]), "event %zu differs", i);

	/* a subset of the lines (picked from the input's size and bytes), and
	 * nwant shorter than the file: lines past it are not wanted */
	as_events_reset(&some);
	unsigned seed = (unsigned)size * 2654435761u ^ (size ? data[0] : 0);
	for (size_t i = 0; i < nwant; i++)
		want[i] = ((seed >> (i % 29)) ^ (unsigned)i) & 1;
	nwant -= nwant / 4;
	as_tracker_md_scan(&some, text, size, want, nwant);
	size_t k = 0;
	for (size_t i = 0; i < all.nr; i++) {
		const as_event *ev = &all.items[i];
		if (!((size_t)ev->line < nwant && want[ev->line]))
			continue;
		AS_FUZZ_CHECK(k < some.nr, "line %ld wanted, its event is missing", ev->line);
		AS_FUZZ_CHECK(same_event(ev, &some.items[k]),
			      "line %ld: the event differs when only some lines are wanted "
			      "('%s' -> '%s' vs '%s' -> '%s')", ev->line,
			      as_buf_cstr(&ev->actor_text), as_buf_cstr(&ev->subject_text),
			      as_buf_cstr(&some.items[k].actor_text),
			      as_buf_cstr(&some.items[k].subject_text));
		k++;
	}
	AS_FUZZ_CHECK(k == some.nr, "%zu events on wanted lines, %zu expected", some.nr, k);

	free(want);
	as_events_free(&all);
	as_events_free(&some);
	return 0;
}
