/*
 * Text report: findings grouped by commit, then one summary line.
 */
#include "report/report.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "metrics/score.h"
#include "util/sanitize.h"

static const char *sev_color(as_severity s)
{
	return s == AS_SEV_ERROR ? "\033[31m" : s == AS_SEV_WARNING ? "\033[33m" : "\033[36m";
}

static void put_clean(FILE *out, const char *s)
{
	as_buf b = AS_BUF_INIT;
	as_sanitize_str(&b, s, AS_SAN_TERMINAL);
	fputs(as_buf_cstr(&b), out);
	as_buf_free(&b);
}

static void print_finding(const as_report *r, FILE *out, const as_finding *f)
{
	const char *on = r->color ? sev_color(f->severity) : "";
	const char *off = r->color ? "\033[0m" : "";

	fprintf(out, "  %s%-7s%s %s", on, as_severity_name(f->severity), off, f->rule);
	if (f->event == AS_EV_ASSIGNMENT || f->event == AS_EV_APPROVAL)
		fprintf(out, " (%s %s: %s -> %s)", as_event_kind_name(f->event),
			as_relation_name(f->relation), f->actor ? f->actor : "?",
			f->subject ? f->subject : "?");
	fputc('\n', out);
	if (f->path) {
		fputs("          ", out);
		put_clean(out, f->path);
		if (f->line)
			fprintf(out, ":%ld", f->line);
		if (f->record) {
			fputs(" record ", out);
			put_clean(out, f->record);
		}
		fputc('\n', out);
	}
	fputs("          ", out);
	put_clean(out, f->excerpt);
	fputs("\n          ", out);
	put_clean(out, f->explain);
	fputc('\n', out);
}

static void print_group_header(FILE *out, const as_finding *f, int color)
{
	if (color)
		fputs("\033[1m", out);
	if (f->commit[0])
		fprintf(out, "%.12s ", f->commit);
	put_clean(out, f->title ? f->title : f->path ? f->path : "");
	if (f->author) {
		fputs(" (", out);
		put_clean(out, f->author);
		fputc(')', out);
	}
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

/* "compliance score 73.57/100: top_down 0.50 (x0.35), ..." */
/*
 *   Tracker exports: 2 files, 1204 records, 57 assignments (3 more cancelled
 *   by a later unassignment), 4 with a party the org chart does not know:
 *   @zed (3), Jane Roe (1)
 * At most `max_names` names (0: all), then "and N more".
 */
void as_report_trackers_text(FILE *out, const as_tracker_stats *s, size_t max_names)
{
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
	size_t all = as_tracker_stats_nnames(s);
	size_t n = max_names && max_names < all ? max_names : all;
	for (size_t i = 0; i < n; i++) {
		uint64_t count;
		const char *name = as_tracker_stats_name(s, i, &count);
		fputs(i ? ", " : " ", out);
		put_clean(out, name);
		fprintf(out, " (%llu)", (unsigned long long)count);
	}
	if (n < all)
		fprintf(out, " and %zu more", all - n);
	fputc('\n', out);
}

static void print_score(FILE *out, const as_score *sc)
{
	if (isnan(sc->score))
		return;
	fprintf(out, "compliance score %.2f/100:", as_round(sc->score, 2));
	const char *sep = " ";
	for (int p = 0; p < AS_PART__COUNT; p++) {
		const as_score_part *part = &sc->parts[p];
		fprintf(out, "%s%s ", sep, as_score_part_name((as_score_part_id)p));
		if (isnan(part->value))
			fputs("no data", out);
		else
			fprintf(out, "%.2f (x%.2f)", part->value, part->effective);
		sep = ", ";
	}
	fputc('\n', out);
}

/*
 * "knowledge silos: truck factor 3 (people still here: 2); 1 silo among 4
 * areas of 5 files or more; 120 of 150 files count (left out: 20
 * documentation, 10 image)", and with --without the areas that lose
 * their last author still here.
 */
static void print_silos(FILE *out, const as_metrics *m)
{
	if (!m->have_areas || !m->areas.nr)
		return;
	const as_area *repo = &m->areas.items[0];
	const as_authorship *a = &m->authorship;
	fprintf(out, "knowledge silos: truck factor %zu (people still here: %zu); %zu silo%s among "
		"%zu area%s of %zu files or more; %zu of %zu files count",
		repo->all.truck_factor, repo->active.truck_factor, m->areas.silos,
		m->areas.silos == 1 ? "" : "s", m->areas.candidates,
		m->areas.candidates == 1 ? "" : "s", m->settings.silo_min_files, a->counted,
		(size_t)a->paths.nr);
	const char *sep = " (left out: ";
	for (int why = 1; why < AS_FILE__COUNT; why++) {
		if (!a->by_reason[why])
			continue;
		fprintf(out, "%s%zu %s", sep, a->by_reason[why], as_file_reason_name((as_file_reason)why));
		sep = ", ";
	}
	fputs(*sep == ',' ? ")\n" : "\n", out);
	if (!m->without)
		return;
	fputs("without", out);
	sep = " ";
	for (size_t d = 0; d < m->idents.nr; d++)
		if (m->without[d]) {
			fputs(sep, out);
			put_clean(out, as_metrics_ident(m, (uint32_t)d));
			sep = ", ";
		}
	size_t lost = 0;
	for (size_t i = 0; i < m->areas.nr; i++)
		lost += m->areas.items[i].kept_before && !m->areas.items[i].kept_after;
	fprintf(out, ": %zu area%s %s last author still here%s\n", lost,
		lost == 1 ? "" : "s", lost == 1 ? "loses its" : "lose their", lost ? ":" : "");
	for (size_t i = 0; i < m->areas.nr; i++) {
		const as_area *ar = &m->areas.items[i];
		if (!ar->kept_before || ar->kept_after)
			continue;
		fputs(ar->kind == AS_AREA_TEAM ? "  team " : "  ", out);
		put_clean(out, ar->path);
		fprintf(out, " (%zu of its %zu file%s had an author)\n", ar->kept_before, ar->files,
			ar->files == 1 ? "" : "s");
	}
}

int as_report_text(const as_report *r, FILE *out)
{
	const as_findings *fs = &r->results->findings;
	size_t count[AS_SEV_NEVER] = { 0 };

	for (size_t i = 0; i < fs->nr; i++) {
		const as_finding *f = &fs->items[i];
		if (i == 0 || f->seq != fs->items[i - 1].seq ||
		    strcmp(f->commit, fs->items[i - 1].commit)) {
			if (i)
				fputc('\n', out);
			print_group_header(out, f, r->color);
		}
		print_finding(r, out, f);
		count[f->severity]++;
	}
	if (fs->nr)
		fputc('\n', out);

	const as_metrics *m = &r->results->metrics;
	fprintf(out, "%" PRIu64 " commits scanned, %zu finding%s (%zu error, %zu warning, %zu info)",
		r->results->commits, fs->nr, fs->nr == 1 ? "" : "s",
		count[AS_SEV_ERROR], count[AS_SEV_WARNING], count[AS_SEV_INFO]);
	uint64_t total = 0;
	for (int i = 0; i < AS_REL__COUNT; i++)
		total += m->assignments[i];
	fprintf(out, "; %" PRIu64 " assignment%s", total, total == 1 ? "" : "s");
	const char *sep = ": ";
	for (int i = 0; i < AS_REL__COUNT; i++) {
		if (!m->assignments[i])
			continue;
		fprintf(out, "%s%" PRIu64 " %s", sep, m->assignments[i], as_relation_name((as_relation)i));
		sep = ", ";
	}
	fputc('\n', out);
	print_score(out, &m->score);
	print_silos(out, m);
	for (size_t i = 0; i < r->results->nnotes; i++) {
		fputs("Note: ", out);
		put_clean(out, r->results->notes[i]);
		fputc('\n', out);
	}
	if (m->trackers.files)
		as_report_trackers_text(out, &m->trackers, 20);
	return 0;
}
