/*
 * Tracker exports: reading a --tracker argument (format detection, the
 * compact records the parsers fill, unassignments cancelling
 * assignments), turning records into events, judging them in an audit,
 * and the statistics the report shows. The formats themselves are read
 * in tracker_github.c and tracker_jira.c.
 */
#include "source/tracker.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "classify.h"
#include "source/tracker_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/sanitize.h"

/* Arena offsets are 32-bit; the arena never holds more than the file. */
#define MAX_EXPORT_BYTES (2ull << 30)

static const char *const formats[] = { "github-events", "github-issues", "jira-csv" };

/* ---- the reader ----------------------------------------------------------- */

int trk_reader_open(trk_reader *r, const char *path)
{
	struct stat st;
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->fp = fopen(path, "rb");
	if (!r->fp)
		return as_error_set(errno == ENOENT ? AS_EINPUT : AS_EINTERNAL,
				    "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fileno(r->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(r->fp);
		r->fp = NULL;
		return as_error_set(AS_EINPUT, "%s: is a directory, not a tracker export", path);
	}
	if (fstat(fileno(r->fp), &st) == 0 && (unsigned long long)st.st_size > MAX_EXPORT_BYTES) {
		fclose(r->fp);
		r->fp = NULL;
		return as_error_set(AS_EINPUT, "%s: larger than 2 GiB; split the export", path);
	}
	r->buf = as_xmalloc(TRK_CHUNK);
	return 0;
}

void trk_reader_close(trk_reader *r)
{
	if (r->fp)
		fclose(r->fp);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

int trk_reader_fill(trk_reader *r)
{
	if (r->eof)
		return r->eof < 0 ? AS_EINTERNAL : 0;
	r->base += r->len;
	r->pos = 0;
	r->len = fread(r->buf, 1, TRK_CHUNK, r->fp);
	/* a pipe has no size to check beforehand */
	if (r->max_bytes && r->base + r->len > r->max_bytes) {
		r->len = 0;
		r->eof = -1;
		r->too_large = 1;
		return as_error_set(AS_EINPUT, "%s: larger than max_export_bytes (%llu)", r->path,
				    (unsigned long long)r->max_bytes);
	}
	if (r->len)
		return 1;
	if (ferror(r->fp)) {
		r->eof = -1;
		return as_error_set(AS_EINTERNAL, "%s: read error: %s", r->path, strerror(errno));
	}
	r->eof = 1;
	return 0;
}

void trk_reader_skip_bom(trk_reader *r)
{
	if (r->pos == r->len && trk_reader_fill(r) <= 0)
		return;
	/* a chunk that ended inside the first three bytes: read the rest of
	 * them into the same buffer, so that the BOM is seen whole */
	if (r->len - r->pos < 3 && !r->eof) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->base += r->pos;
		r->len -= r->pos;
		r->pos = 0;
		r->len += fread(r->buf + r->len, 1, 3 - r->len, r->fp);
	}
	if (r->len - r->pos >= 3 && !memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
		r->pos += 3;
}

/* ---- the compact records -------------------------------------------------- */

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

uint32_t trk_store(as_tracker_export *x, const char *s, size_t len)
{
	if (!x->arena.len)
		as_buf_put(&x->arena, "", 1); /* offset 0: the empty string */
	if (!len)
		return 0;
	uint32_t off = (uint32_t)x->arena.len;
	as_buf_put(&x->arena, s, len);
	as_buf_put(&x->arena, "", 1);
	return off;
}

uint32_t trk_intern(as_tracker_export *x, const char *s, size_t len)
{
	if (!len)
		return 0;
	if (x->nused * 2 >= x->nslots) {
		size_t n = x->nslots ? x->nslots * 2 : 1024;
		uint32_t *slots = as_xcalloc(n, sizeof(*slots));
		for (size_t i = 0; i < x->nslots; i++) {
			uint32_t off = x->slots[i];
			if (!off)
				continue;
			const char *t = x->arena.ptr + off;
			size_t j = hash_bytes(t, strlen(t)) & (n - 1);
			while (slots[j])
				j = (j + 1) & (n - 1);
			slots[j] = off;
		}
		free(x->slots);
		x->slots = slots;
		x->nslots = n;
	}
	size_t j = hash_bytes(s, len) & (x->nslots - 1);
	while (x->slots[j]) {
		const char *t = x->arena.ptr + x->slots[j];
		if (!strncmp(t, s, len) && t[len] == '\0')
			return x->slots[j];
		j = (j + 1) & (x->nslots - 1);
	}
	uint32_t off = trk_store(x, s, len);
	x->slots[j] = off;
	x->nused++;
	return off;
}

trk_rec *trk_add(as_tracker_export *x)
{
	AS_GROW(x->recs, x->nrecs + 1, x->recs_alloc);
	trk_rec *r = &x->recs[x->nrecs++];
	memset(r, 0, sizeof(*r));
	return r;
}

static const trk_rec *sort_recs;

static int by_party_time(const void *a, const void *b)
{
	const trk_rec *x = &sort_recs[*(const size_t *)a], *y = &sort_recs[*(const size_t *)b];
	if (x->issue != y->issue)
		return x->issue < y->issue ? -1 : 1;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/*
 * An "unassigned" undoes every earlier "assigned" of the same person to
 * the same issue (in time, then id order); then the unassignments go, so
 * that recs[] holds only assignments, in file order.
 */
void trk_cancel(as_tracker_export *x)
{
	size_t n = 0, keep = 0;
	for (size_t i = 0; i < x->nrecs; i++)
		n += x->recs[i].kind == TRK_UNASSIGNED;
	if (n) {
		size_t *idx = as_xmalloc(x->nrecs * sizeof(*idx));
		for (size_t i = 0; i < x->nrecs; i++)
			idx[i] = i;
		sort_recs = x->recs; /* parsing is single-threaded */
		qsort(idx, x->nrecs, sizeof(*idx), by_party_time);
		size_t pending = 0;
		for (size_t k = 0; k < x->nrecs; k++) {
			trk_rec *r = &x->recs[idx[k]];
			if (k && (r->issue != x->recs[idx[k - 1]].issue ||
				  r->subject != x->recs[idx[k - 1]].subject))
				pending = k;
			if (r->kind != TRK_UNASSIGNED)
				continue;
			for (size_t j = pending; j < k; j++) {
				trk_rec *a = &x->recs[idx[j]];
				if (a->kind == TRK_ASSIGNED && !a->cancelled) {
					a->cancelled = 1;
					x->cancelled++;
				}
			}
			pending = k + 1;
		}
		free(idx);
	}
	for (size_t i = 0; i < x->nrecs; i++)
		if (x->recs[i].kind == TRK_ASSIGNED)
			x->recs[keep++] = x->recs[i];
	x->nrecs = keep;
}

/* ---- loading an export ---------------------------------------------------- */

static int known_format(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strlen(formats[i]) == len && !strncmp(formats[i], s, len))
			return (int)i;
	return -1;
}

/* FORMAT:FILE when FORMAT is a format name; a word that is not one is an
 * error unless the whole argument names an existing file. */
static int parse_spec(const char *spec, const char **format, const char **path)
{
	const char *colon = strchr(spec, ':');
	*format = NULL;
	*path = spec;
	if (!colon)
		return 0;
	size_t n = (size_t)(colon - spec);
	int f = known_format(spec, n);
	if (f >= 0) {
		*format = formats[f];
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
	if (word && stat(spec, &st) != 0)
		return as_error_set(AS_EINPUT, "--tracker %s: unknown format '%.*s' "
				    "(github-events, github-issues, jira-csv)", spec, (int)n, spec);
	return 0;
}

/* What the file starts with, past a UTF-8 BOM and white space. */
static int first_byte(trk_reader *r)
{
	size_t i = 0;
	if (r->len >= 3 && !memcmp(r->buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < r->len && strchr(" \t\r\n", r->buf[i]))
		i++;
	return i < r->len ? r->buf[i] : -1;
}

int as_tracker_export_load(as_tracker_export **out, const char *spec)
{
	return as_tracker_export_load_max(out, spec, 0);
}

int as_tracker_export_load_max(as_tracker_export **out, const char *spec, uint64_t max_bytes)
{
	const char *format, *path;
	trk_reader r;
	struct stat st;
	int err;

	*out = NULL;
	if ((err = parse_spec(spec, &format, &path)) < 0)
		return err;
	if ((err = trk_reader_open(&r, path)) < 0)
		return err;
	r.max_bytes = max_bytes;
	if (max_bytes && fstat(fileno(r.fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > max_bytes) {
		trk_reader_close(&r);
		return as_error_set(AS_EINPUT, "%s: %llu bytes, larger than max_export_bytes "
				    "(%llu): split the export, or raise max_export_bytes in [antisilo]",
				    path, (unsigned long long)st.st_size,
				    (unsigned long long)max_bytes);
	}
	as_tracker_export *x = as_xcalloc(1, sizeof(*x));
	x->path = as_xstrdup(path);
	if ((err = trk_reader_fill(&r)) < 0)
		goto done;

	if (!format) {
		int c = first_byte(&r);
		if (c < 0)
			err = as_error_set(AS_EINPUT, "%s: empty file: not a tracker export", path);
		else if (c == '[')
			format = NULL; /* github-events or github-issues: the records say */
		else if (c == '{')
			err = as_error_set(AS_EINPUT, "%s: a JSON object, not an array: GitHub "
					   "exports are arrays (of issue events, or of `gh issue "
					   "list --json` entries)", path);
		else
			format = "jira-csv";
		if (err < 0)
			goto done;
	}
	if (format && !strcmp(format, "jira-csv"))
		err = trk_read_jira(x, &r);
	else
		err = trk_read_github(x, &r, format);
	if (err < 0)
		goto done;
	trk_cancel(x);
	free(x->slots); /* interning is over */
	x->slots = NULL;
	x->nslots = x->nused = 0;

done:
	/* whatever the parser made of the cut-off read */
	if (err < 0 && r.too_large)
		err = as_error_set(AS_EINPUT, "%s: more than %llu bytes, larger than "
				   "max_export_bytes: split the export, or raise "
				   "max_export_bytes in [antisilo]", path,
				   (unsigned long long)r.max_bytes);
	trk_reader_close(&r);
	if (err < 0) {
		as_tracker_export_free(x);
		return err;
	}
	*out = x;
	return 0;
}

void as_tracker_export_free(as_tracker_export *x)
{
	if (!x)
		return;
	free(x->path);
	free(x->recs);
	free(x->slots);
	as_buf_free(&x->arena);
	free(x);
}

const char *as_tracker_export_format(const as_tracker_export *x)
{
	return x->format;
}

uint64_t as_tracker_export_records(const as_tracker_export *x)
{
	return x->records;
}

size_t as_tracker_export_count(const as_tracker_export *x)
{
	return x->nrecs;
}

int as_tracker_export_event(const as_tracker_export *x, size_t i, as_event *ev)
{
	const trk_rec *r = &x->recs[i];
	const char *actor = trk_str(x, r->actor), *subject = trk_str(x, r->subject);
	const char *issue = trk_str(x, r->issue), *title = trk_str(x, r->title);

	as_event_clear(ev);
	ev->kind = AS_EV_ASSIGNMENT;
	ev->origin = AS_ORIGIN_TRACKER_EXPORT;
	ev->weak = x->weak;
	as_buf_puts(&ev->actor_text, actor);
	as_buf_puts(&ev->subject_text, subject);
	as_buf_puts(&ev->path, x->path);
	as_buf_puts(&ev->record, trk_str(x, r->record));
	as_buf_puts(&ev->title, title);
	ev->time = r->time;

	as_buf b = AS_BUF_INIT;
	if (!strcmp(x->format, "github-events")) {
		as_buf_printf(&b, "%s assigned %s", actor, subject);
		if (*issue)
			as_buf_printf(&b, " to %s", issue);
	} else if (!strcmp(x->format, "github-issues")) {
		as_buf_printf(&b, "%s opened by %s, assigned to %s", issue, actor, subject);
	} else {
		as_buf_printf(&b, "%s reported by %s, assigned to %s", issue,
			      *actor ? actor : "(nobody)", subject);
	}
	if (*title)
		as_buf_printf(&b, ": %s", title);
	as_excerpt_append(&ev->excerpt, b.ptr, b.len, 300);
	as_buf_free(&b);
	return r->cancelled;
}

int as_tracker_load(as_events *out, const char *spec, as_tracker_stats *stats)
{
	as_tracker_export *x;
	int err = as_tracker_export_load(&x, spec);
	if (err < 0)
		return err;
	for (size_t i = 0; i < x->nrecs; i++) {
		if (x->recs[i].cancelled)
			continue;
		as_event *ev = as_events_add(out);
		as_tracker_export_event(x, i, ev);
		ev->seq = i;
	}
	if (stats) {
		stats->files++;
		stats->records += x->records;
		stats->assignments += x->nrecs - x->cancelled;
		stats->cancelled += x->cancelled;
	}
	as_tracker_export_free(x);
	return 0;
}

/* ---- the exports of one audit -------------------------------------------- */

int as_tracker_exports_load(as_tracker_exports *x, const char *const *specs, size_t n,
			    uint64_t max_bytes)
{
	memset(x, 0, sizeof(*x));
	for (size_t i = 0; i < n; i++) {
		as_tracker_export *e;
		int err = as_tracker_export_load_max(&e, specs[i], max_bytes);
		if (err < 0) {
			as_tracker_exports_free(x);
			return err;
		}
		AS_GROW(x->items, x->nr + 1, x->alloc);
		x->items[x->nr++] = e;
	}
	return 0;
}

void as_tracker_pick_rule(const as_config *cfg, as_matcher *m, as_event *ev)
{
	const char *text = as_buf_cstr(&ev->excerpt);
	size_t len = ev->excerpt.len;
	as_buf fixed = AS_BUF_INIT;

	if (ev->rule)
		return;
	/* the patterns take valid UTF-8 only (config/rules.c) */
	if (!as_utf8_valid(text, len)) {
		as_sanitize(&fixed, text, len, AS_SAN_UTF8);
		text = as_buf_cstr(&fixed);
		len = fixed.len;
	}
	for (size_t i = 0; i < cfg->nrules; i++) {
		const as_rule *r = &cfg->rules[i];
		if (r->source != AS_SRC_TRACKER || r->pattern || r->event != ev->kind)
			continue;
		if (r->relations && !(r->relations & (1u << ev->relation)))
			continue;
		if (r->exclude && m && as_matcher_test(m, r->exclude, text, len) == 1)
			continue;
		ev->rule = r;
		break;
	}
	as_buf_free(&fixed);
}

void as_tracker_exports_judge(as_tracker_exports *x, const as_config *cfg,
			      int64_t since, int64_t until, uint64_t base_seq,
			      as_findings *findings, as_metrics *metrics)
{
	as_matcher *m = as_matcher_new(cfg);
	as_events evs = { 0 };
	uint64_t pos = 0;

	for (size_t k = 0; k < x->nr; k++) {
		const as_tracker_export *e = x->items[k];
		x->stats.files++;
		x->stats.records += e->records;
		for (size_t i = 0; i < e->nrecs; i++) {
			as_events_reset(&evs);
			as_event *ev = as_events_add(&evs);
			if (as_tracker_export_event(e, i, ev)) {
				x->stats.cancelled++;
				continue;
			}
			if (ev->time && ((since && ev->time < since) || (until && ev->time > until))) {
				x->stats.outside_window++;
				continue;
			}
			ev->seq = base_seq + pos++;
			as_classify(&cfg->org, ev);
			as_tracker_pick_rule(cfg, m, ev);
			as_judge(&cfg->org, ev, 0, findings);
			as_metrics_count(metrics, &evs, 0);
			as_tracker_stats_add(&x->stats, ev);
		}
	}
	as_tracker_stats_finish(&x->stats);
	as_events_free(&evs);
	as_matcher_free(m);
}

void as_tracker_exports_free(as_tracker_exports *x)
{
	for (size_t i = 0; i < x->nr; i++)
		as_tracker_export_free(x->items[i]);
	free(x->items);
	as_tracker_stats_free(&x->stats);
	memset(x, 0, sizeof(*x));
}

/* ---- statistics ----------------------------------------------------------- */

static size_t hash_name(const char *s)
{
	size_t h = 5381;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = h * 33 + c;
	}
	return h;
}

static void index_name(as_tracker_stats *s, size_t idx)
{
	size_t j = hash_name(s->names[idx].name) & (s->nslots_ - 1);
	while (s->slots_[j])
		j = (j + 1) & (s->nslots_ - 1);
	s->slots_[j] = idx + 1;
}

static void add_name(as_tracker_stats *s, const char *name, uint64_t count)
{
	if (!*name)
		return;
	if ((s->nnames + 1) * 2 > s->nslots_) {
		free(s->slots_);
		s->nslots_ = s->nslots_ ? s->nslots_ * 2 : 64;
		s->slots_ = as_xcalloc(s->nslots_, sizeof(*s->slots_));
		for (size_t i = 0; i < s->nnames; i++)
			index_name(s, i);
	}
	size_t j = hash_name(name) & (s->nslots_ - 1);
	while (s->slots_[j]) {
		as_tracker_name *n = &s->names[s->slots_[j] - 1];
		if (!strcasecmp(n->name, name)) {
			n->count += count;
			return;
		}
		j = (j + 1) & (s->nslots_ - 1);
	}
	AS_GROW(s->names, s->nnames + 1, s->names_alloc);
	s->names[s->nnames].name = as_xstrdup(name);
	s->names[s->nnames].count = count;
	s->slots_[j] = ++s->nnames;
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
	for (size_t i = 0; i < from->nnames; i++)
		add_name(into, from->names[i].name, from->names[i].count);
}

static int by_count(const void *a, const void *b)
{
	const as_tracker_name *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

void as_tracker_stats_finish(as_tracker_stats *s)
{
	if (s->nnames > 1)
		qsort(s->names, s->nnames, sizeof(*s->names), by_count);
	if (s->slots_) {
		memset(s->slots_, 0, s->nslots_ * sizeof(*s->slots_));
		for (size_t i = 0; i < s->nnames; i++)
			index_name(s, i);
	}
}

void as_tracker_stats_free(as_tracker_stats *s)
{
	for (size_t i = 0; i < s->nnames; i++)
		free(s->names[i].name);
	free(s->names);
	free(s->slots_);
	memset(s, 0, sizeof(*s));
}

void as_tracker_stats_print(const as_tracker_stats *s, FILE *out, size_t max_names)
{
	if (!s->files)
		return;
	fprintf(out, "Tracker exports: %llu file%s, %llu record%s read, %llu assignment%s",
		(unsigned long long)s->files, s->files == 1 ? "" : "s",
		(unsigned long long)s->records, s->records == 1 ? "" : "s",
		(unsigned long long)s->assignments, s->assignments == 1 ? "" : "s");
	if (s->cancelled || s->outside_window) {
		const char *sep = " (";
		if (s->cancelled) {
			fprintf(out, "%s%llu more cancelled by a later unassignment", sep,
				(unsigned long long)s->cancelled);
			sep = ", ";
		}
		if (s->outside_window)
			fprintf(out, "%s%llu more outside --since/--until", sep,
				(unsigned long long)s->outside_window);
		fputc(')', out);
	}
	fputc('\n', out);
	if (!s->unmatched)
		return;
	fprintf(out, "  %llu assignment%s name%s someone the org chart does not know; "
		"add them to [people]:", (unsigned long long)s->unmatched,
		s->unmatched == 1 ? "" : "s", s->unmatched == 1 ? "s" : "");
	as_buf clean = AS_BUF_INIT;
	size_t n = max_names && max_names < s->nnames ? max_names : s->nnames;
	for (size_t i = 0; i < n; i++) {
		as_buf_clear(&clean);
		as_sanitize_str(&clean, s->names[i].name, AS_SAN_TERMINAL);
		fprintf(out, "%s %s (%llu)", i ? "," : "", as_buf_cstr(&clean),
			(unsigned long long)s->names[i].count);
	}
	if (n < s->nnames)
		fprintf(out, " and %zu more", s->nnames - n);
	fputc('\n', out);
	as_buf_free(&clean);
}

json_t *as_tracker_stats_json(const as_tracker_stats *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "files", json_integer((json_int_t)s->files));
	json_object_set_new(o, "records", json_integer((json_int_t)s->records));
	json_object_set_new(o, "assignments", json_integer((json_int_t)s->assignments));
	json_object_set_new(o, "cancelled", json_integer((json_int_t)s->cancelled));
	json_object_set_new(o, "outside_window", json_integer((json_int_t)s->outside_window));
	json_object_set_new(o, "unmatched", json_integer((json_int_t)s->unmatched));
	json_t *names = json_array();
	as_buf clean = AS_BUF_INIT;
	for (size_t i = 0; i < s->nnames; i++) {
		json_t *n = json_object();
		as_buf_clear(&clean);
		as_sanitize_str(&clean, s->names[i].name, AS_SAN_UTF8);
		json_object_set_new(n, "name", json_stringn(as_buf_cstr(&clean), clean.len));
		json_object_set_new(n, "count", json_integer((json_int_t)s->names[i].count));
		json_array_append_new(names, n);
	}
	as_buf_free(&clean);
	json_object_set_new(o, "unmatched_names", names);
	return o;
}

/* ---- small helpers ---------------------------------------------------------- */

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int trk_parse_iso8601(int64_t *out, const char *s)
{
	int Y, M, D, h = 0, m = 0, sec = 0;
	if (digits(s, 4, &Y) || s[4] != '-' || digits(s + 5, 2, &M) || s[7] != '-' ||
	    digits(s + 8, 2, &D))
		return -1;
	s += 10;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		if (digits(s + 1, 2, &h) || s[3] != ':' || digits(s + 4, 2, &m))
			return -1;
		s += 6;
		if (*s == ':') {
			if (digits(s + 1, 2, &sec))
				return -1;
			s += 3;
		}
		if (*s == '.' || *s == ',') {
			s++;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	int offset = 0;
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int oh, om = 0, sign = *s == '-' ? -1 : 1;
		if (digits(s + 1, 2, &oh))
			return -1;
		s += 3;
		if (*s == ':')
			s++;
		if (*s && digits(s, 2, &om))
			return -1;
		if (*s)
			s += 2;
		offset = sign * (oh * 3600 + om * 60);
	}
	if (*s || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60)
		return -1;
	struct tm tm = { .tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D,
			 .tm_hour = h, .tm_min = m, .tm_sec = sec };
	*out = (int64_t)timegm(&tm) - offset;
	return 0;
}

