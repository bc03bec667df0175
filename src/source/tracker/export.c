/*
 * Tracker exports (export.h): the --tracker argument, detection of the
 * format from the content, the compact records, records undoing earlier
 * ones, and events.
 */
#include "source/tracker/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "source/tracker/format.h"
#include "util/alloc.h"
#include "util/error.h"

const char *as_export_format_name(const as_export *x)
{
	return x->format->name;
}

void as_export_formats_list(as_buf *out, const char *sep)
{
	for (size_t i = 0; as_export_formats[i]; i++)
		as_buf_printf(out, "%s%s", i ? sep : "", as_export_formats[i]->name);
}

static const as_export_format *format_named(const char *s, size_t len)
{
	for (size_t i = 0; as_export_formats[i]; i++)
		if (strlen(as_export_formats[i]->name) == len &&
		    !strncmp(as_export_formats[i]->name, s, len))
			return as_export_formats[i];
	return NULL;
}

/* FORMAT:FILE when FORMAT is a format name; a word that is not one is an
 * error unless the whole argument names an existing file. */
static int parse_spec(const char *spec, const as_export_format **format, const char **path)
{
	const char *colon = strchr(spec, ':');
	*format = NULL;
	*path = spec;
	if (!colon)
		return 0;
	size_t n = (size_t)(colon - spec);
	if ((*format = format_named(spec, n))) {
		*path = colon + 1;
		if (!**path)
			return as_error_set(AS_EINPUT, "--tracker %s: no file after the format", spec);
		return 0;
	}
	int word = n > 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-_", spec[i]))
			word = 0;
	struct stat st;
	if (word && stat(spec, &st) != 0) {
		as_buf list = AS_BUF_INIT;
		as_export_formats_list(&list, ", ");
		as_error_set(AS_EINPUT, "--tracker %s: unknown format '%.*s' (%s)", spec, (int)n,
			     spec, list.ptr);
		as_buf_free(&list);
		return AS_EINPUT;
	}
	return 0;
}

/*
 * The format of a file, from its first chunk: the one that is sure of
 * it, else the only one that could be it. A JSON array whose first
 * record fits none is an error that says what each format needs.
 */
static int detect(const as_export_format **out, const trk_reader *r)
{
	trk_json_head json;
	as_export_head head = { r->buf, r->len, &json };
	const as_export_format *sure = NULL, *maybe = NULL;
	size_t nmaybe = 0;

	trk_json_head_read(&json, r->buf, r->len);
	size_t i = r->len >= 3 && !memcmp(r->buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < r->len && strchr(" \t\r\n", r->buf[i]) && r->buf[i])
		i++;
	if (i == r->len)
		return as_error_set(AS_EINPUT, "%s: empty file: not a tracker export", r->path);
	for (size_t k = 0; as_export_formats[k]; k++) {
		int s = as_export_formats[k]->sniff(&head);
		if (s == 2 && !sure)
			sure = as_export_formats[k];
		if (s == 1 && !nmaybe++)
			maybe = as_export_formats[k];
	}
	*out = sure ? sure : nmaybe == 1 || (nmaybe && json.empty_array) ? maybe : NULL;
	if (*out)
		return 0;

	/* what each format that reads this shape wants to see */
	as_buf what = AS_BUF_INIT, names = AS_BUF_INIT;
	size_t n = 0;
	for (size_t k = 0; as_export_formats[k]; k++) {
		const as_export_format *f = as_export_formats[k];
		if (!f->unrecognised || (json.shape && f->unrecognised[0] != json.shape))
			continue;
		n++;
	}
	size_t seen = 0;
	for (size_t k = 0; as_export_formats[k]; k++) {
		const as_export_format *f = as_export_formats[k];
		if (!f->unrecognised || (json.shape && f->unrecognised[0] != json.shape))
			continue;
		seen++;
		as_buf_printf(&what, "%s%s", seen == 1 ? (n == 1 ? "not " : n == 2 ? "neither " : "none of ")
					    : n == 2 ? " nor " : ", ", f->unrecognised + 1);
		as_buf_printf(&names, "%s%s:FILE", seen == 1 ? "" : seen == n ? " or " : ", ",
			      f->name);
	}
	int err;
	if (json.shape && n)
		err = trk_fail_record(r, 1, json.first, "%s; name the format: --tracker %s",
				      what.ptr, names.ptr);
	else
		err = as_error_set(AS_EINPUT, "%s: not an export antisilo reads; name the format: "
				   "--tracker %s", r->path, names.len ? names.ptr : "FORMAT:FILE");
	as_buf_free(&what);
	as_buf_free(&names);
	return err;
}

static const as_export_rec *sort_recs;
static const unsigned char *sort_by_actor;

/* Records of one kind, issue and subject (and actor, for kinds whose
 * undoing names who undoes), in time order: ids, then file order. */
static int by_party_time(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const as_export_rec *x = &sort_recs[i], *y = &sort_recs[j];
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->issue != y->issue)
		return x->issue < y->issue ? -1 : 1;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	if (sort_by_actor[x->kind] && x->actor != y->actor)
		return x->actor < y->actor ? -1 : 1;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return i < j ? -1 : 1;
}

static int same_group(const as_export_rec *a, const as_export_rec *b, const unsigned char *by_actor)
{
	return a->kind == b->kind && a->issue == b->issue && a->subject == b->subject &&
	       (!by_actor[a->kind] || a->actor == b->actor);
}

/*
 * A record with `cancels` set (GitHub's "unassigned", a removed review
 * request) undoes every earlier record of the same kind, issue and
 * subject, in time and then id order — and of the same actor when
 * cancels is 2 (a review request removed by whoever made it). Then the
 * undoing records go, so that recs[] holds only events, in file order.
 */
static void cancel(as_export *x)
{
	unsigned char by_actor[256] = { 0 };
	size_t n = 0, keep = 0;
	for (size_t i = 0; i < x->nrecs; i++) {
		n += x->recs[i].cancels != 0;
		if (x->recs[i].cancels == 2)
			by_actor[x->recs[i].kind] = 1;
	}
	if (n) {
		size_t *idx = as_xmalloc(x->nrecs * sizeof(*idx));
		for (size_t i = 0; i < x->nrecs; i++)
			idx[i] = i;
		sort_recs = x->recs; /* parsing is single-threaded */
		sort_by_actor = by_actor;
		qsort(idx, x->nrecs, sizeof(*idx), by_party_time);
		size_t pending = 0;
		for (size_t k = 0; k < x->nrecs; k++) {
			as_export_rec *r = &x->recs[idx[k]];
			if (k && !same_group(r, &x->recs[idx[k - 1]], by_actor))
				pending = k;
			if (!r->cancels)
				continue;
			for (size_t j = pending; j < k; j++) {
				as_export_rec *a = &x->recs[idx[j]];
				if (!a->cancels && !a->cancelled) {
					a->cancelled = 1;
					x->cancelled++;
				}
			}
			pending = k + 1;
		}
		free(idx);
	}
	for (size_t i = 0; i < x->nrecs; i++)
		if (!x->recs[i].cancels)
			x->recs[keep++] = x->recs[i];
	x->nrecs = keep;
}

int as_export_load(as_export **out, const char *spec, uint64_t max_bytes)
{
	return as_export_load_split(out, spec, max_bytes, 0);
}

int as_export_load_split(as_export **out, const char *spec, uint64_t max_bytes, size_t split)
{
	const as_export_format *format;
	const char *path;
	trk_reader r;
	int err;

	*out = NULL;
	if ((err = parse_spec(spec, &format, &path)) < 0)
		return err;
	if ((err = trk_reader_open(&r, path, max_bytes)) < 0) {
		trk_reader_close(&r);
		return err;
	}
	as_export *x = as_xcalloc(1, sizeof(*x));
	x->path = as_xstrdup(path);
	as_export_intern(x, "", 0);
	if (!format)
		err = detect(&format, &r);
	if (!err && split)
		err = trk_reader_cut(&r, split);
	if (!err) {
		x->format = format;
		err = format->read(x, &r);
	}
	/* whatever the reader made of a read cut off at the bound */
	if (err < 0 && r.too_large)
		err = as_error_set(AS_EINPUT, "%s: more than %llu bytes, larger than "
				   "max_export_bytes: split the export, or raise "
				   "max_export_bytes in [antisilo]", path,
				   (unsigned long long)r.max_bytes);
	trk_reader_close(&r);
	if (err < 0) {
		as_export_free(x);
		return err;
	}
	cancel(x);
	*out = x;
	return 0;
}

void as_export_free(as_export *x)
{
	if (!x)
		return;
	free(x->path);
	free(x->recs);
	free(x->items);
	as_strtab_free(&x->strings);
	free(x);
}

int as_export_event(const as_export *x, size_t i, as_event *ev)
{
	const as_export_rec *r = &x->recs[i];
	as_buf b = AS_BUF_INIT;

	as_event_clear(ev);
	ev->kind = (as_event_kind)r->kind;
	ev->origin = AS_ORIGIN_TRACKER_EXPORT;
	ev->format = x->format->name;
	ev->weak = x->format->weak || (r->flags & AS_XREC_WEAK);
	ev->bot = !!(r->flags & AS_XREC_BOT);
	ev->subject_is_team = !!(r->flags & AS_XREC_SUBJECT_TEAM);
	as_buf_puts(&ev->actor_text, as_export_str(x, r->actor));
	as_buf_puts(&ev->subject_text, as_export_str(x, r->subject));
	as_buf_puts(&ev->path, x->path);
	as_buf_puts(&ev->record, as_export_str(x, r->record));
	as_buf_puts(&ev->title, as_export_str(x, r->title));
	as_buf_puts(&ev->key, as_export_str(x, r->key));
	for (uint32_t k = 0; k < r->nitems; k++) {
		const char *item = as_export_str(x, x->items[r->items + k]);
		as_event_add_item(ev, item, strlen(item));
	}
	ev->time = r->time;
	x->format->excerpt(&b, x, r);
	as_excerpt_append(&ev->excerpt, b.ptr, b.len, 300);
	if (x->format->link)
		x->format->link(&ev->link, x, r);
	as_buf_free(&b);
	return r->cancelled;
}

int as_export_grouped(const as_export *x)
{
	return x->format->grouped;
}

uint32_t as_export_group(const as_export *x, size_t i)
{
	return x->recs[i].issue;
}

int as_exports_load(as_exports *x, const char *const *specs, size_t n, uint64_t max_bytes)
{
	memset(x, 0, sizeof(*x));
	for (size_t i = 0; i < n; i++) {
		as_export *e;
		int err = as_export_load(&e, specs[i], max_bytes);
		if (err < 0) {
			as_exports_free(x);
			return err;
		}
		AS_GROW(x->items, x->nr + 1, x->alloc);
		x->items[x->nr++] = e;
		x->facts |= e->facts;
		x->known |= e->known;
	}
	return 0;
}

/* The key a message writes for an issue of the export: a Jira key as it
 * is ("PROJ-7"), a GitHub issue as "#12", a GitLab one ("issue 12") as
 * "#12"; NULL for what a message does not name so (a merge request). */
static const char *ticket_key(const char *issue, char *buf, size_t size)
{
	if (!strncmp(issue, "issue ", 6)) {
		snprintf(buf, size, "#%s", issue + 6);
		return buf;
	}
	if (!strncmp(issue, "mr ", 3) || !*issue)
		return NULL;
	return issue;
}

void as_exports_tickets(const as_exports *x, const as_org *org, as_tickets *out)
{
	char buf[64];
	for (size_t i = 0; i < x->nr; i++) {
		const as_export *e = x->items[i];
		for (size_t k = 0; k < e->nrecs; k++) {
			const as_export_rec *r = &e->recs[k];
			if (r->kind != AS_EV_ASSIGNMENT || r->cancels || r->cancelled ||
			    (r->flags & AS_XREC_SUBJECT_TEAM))
				continue;
			const char *key = ticket_key(as_export_str(e, r->issue), buf, sizeof(buf));
			const char *who = as_export_str(e, r->subject);
			if (key)
				as_tickets_add(out, key, strlen(key),
					       as_org_resolve(org, who, strlen(who)));
		}
	}
}

void as_exports_free(as_exports *x)
{
	for (size_t i = 0; i < x->nr; i++)
		as_export_free(x->items[i]);
	free(x->items);
	memset(x, 0, sizeof(*x));
}
