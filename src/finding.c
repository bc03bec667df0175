#include "finding.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

static char *dup_or_null(const as_buf *b)
{
	return b->len ? as_xstrndup(b->ptr, b->len) : NULL;
}

void as_finding_fingerprint(as_finding *f)
{
	as_buf b = AS_BUF_INIT;
	git_oid oid;
	as_buf_printf(&b, "%s%c%s%c%s%c%s%c%ld%c%s", f->rule, 0, f->commit, 0,
		      f->record ? f->record : "", 0, f->path ? f->path : "", 0,
		      f->line, 0, f->excerpt ? f->excerpt : "");
	git_odb_hash(&oid, b.ptr, b.len, GIT_OBJECT_BLOB);
	git_oid_tostr(f->fingerprint, sizeof(f->fingerprint), &oid);
	as_buf_free(&b);
}

static as_finding *add(as_findings *out)
{
	AS_GROW(out->items, out->nr + 1, out->alloc);
	as_finding *f = &out->items[out->nr++];
	memset(f, 0, sizeof(*f));
	return f;
}

as_finding *as_findings_add_event(as_findings *out, const as_event *ev, uint32_t sub)
{
	as_finding *f = add(out);
	f->event = ev->kind;
	f->actor_text = dup_or_null(&ev->actor_text);
	f->subject_text = dup_or_null(&ev->subject_text);
	f->author = dup_or_null(&ev->author);
	f->source = ev->origin;
	memcpy(f->commit, ev->commit, sizeof(f->commit));
	f->path = dup_or_null(&ev->path);
	f->line = ev->line;
	f->record = dup_or_null(&ev->record);
	f->excerpt = as_xstrndup(as_buf_cstr(&ev->excerpt), ev->excerpt.len);
	f->title = dup_or_null(&ev->title);
	f->link = dup_or_null(&ev->link);
	f->owner = dup_or_null(&ev->owner);
	f->time = ev->time;
	f->seq = ev->seq;
	f->sub = sub;
	return f;
}

as_finding *as_findings_add_notice(as_findings *out, const char *id, as_severity sev,
				   const char *commit, const char *excerpt,
				   const char *explain, uint64_t seq)
{
	as_finding *f = add(out);
	f->rule = as_xstrdup(id);
	f->severity = sev;
	f->event = AS_EV_CONTEXT;
	f->relation = AS_REL_UNKNOWN;
	f->source = AS_ORIGIN_MESSAGE;
	if (commit)
		snprintf(f->commit, sizeof(f->commit), "%s", commit);
	f->excerpt = as_xstrdup(excerpt);
	f->explain = as_xstrdup(explain);
	f->seq = seq;
	f->sub = UINT32_MAX;
	f->unchecked = 1;
	as_finding_fingerprint(f);
	return f;
}

size_t as_findings_unchecked(const as_findings *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nr; i++)
		n += f->items[i].unchecked != 0;
	return n;
}

void as_findings_move(as_findings *into, as_findings *from)
{
	for (size_t i = 0; i < from->nr; i++) {
		AS_GROW(into->items, into->nr + 1, into->alloc);
		into->items[into->nr++] = from->items[i];
	}
	from->nr = 0;
}

static int by_place(const void *a, const void *b)
{
	const as_finding *x = a, *y = b;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->sub < y->sub ? -1 : x->sub > y->sub;
}

void as_findings_sort(as_findings *f)
{
	if (f->nr > 1)
		qsort(f->items, f->nr, sizeof(*f->items), by_place);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void finding_free(as_finding *f)
{
	free(f->rule);
	free(f->actor_text);
	free(f->subject_text);
	free(f->author);
	free(f->path);
	free(f->record);
	free(f->excerpt);
	free(f->explain);
	free(f->title);
	free(f->link);
	free(f->owner);
}

void as_findings_filter(as_findings *f, char **fingerprints, size_t n)
{
	size_t keep = 0;
	for (size_t i = 0; i < f->nr; i++) {
		const char *fp = f->items[i].fingerprint;
		if (n && bsearch(&fp, fingerprints, n, sizeof(*fingerprints), cmp_str)) {
			finding_free(&f->items[i]);
			continue;
		}
		f->items[keep++] = f->items[i];
	}
	f->nr = keep;
}

as_severity as_findings_max_severity(const as_findings *f)
{
	as_severity max = 0;
	for (size_t i = 0; i < f->nr; i++)
		if (f->items[i].severity > max)
			max = f->items[i].severity;
	return max;
}

void as_findings_free(as_findings *f)
{
	for (size_t i = 0; i < f->nr; i++)
		finding_free(&f->items[i]);
	free(f->items);
	f->items = NULL;
	f->nr = f->alloc = 0;
}
