/*
 * The sections of the text report's summary (text.h): what to do first,
 * the managers, and the names the org chart does not know.
 */
#include <string.h>

#include "config/names.h"
#include "report/text.h"

#define MAX_ROWS 20   /* the JSON report has them all */

static const json_t *get(const json_t *o, const char *key)
{
	return json_object_get(o, key);
}

/* "1 of 3 (33%)" */
static void of(FILE *out, const json_t *o, const char *part, const char *whole, const char *share)
{
	fprintf(out, "%lld of %lld (", as_text_int(o, part), as_text_int(o, whole));
	as_text_pct(out, get(o, share));
	fputc(')', out);
}

/* ", +33 pts" / ", -5 pts" / "" */
static void change_pts(FILE *out, const json_t *v)
{
	if (json_is_number(v))
		fprintf(out, ", %+.0f pts", json_number_value(v) * 100);
}

void as_text_silos(FILE *out, const json_t *m)
{
	const json_t *repo = json_array_get(get(m, "truck_factors"), 0), *a = get(m, "authorship");
	const json_t *w = get(m, "without");
	const char *key;
	json_t *n;
	size_t i, nsilos = json_array_size(get(m, "silos"));

	if (!json_is_object(repo) || !json_is_object(a))
		return;
	fprintf(out, "  knowledge silos: truck factor %lld (people still here: %lld); %zu silo%s; "
		"%lld of %lld files count", as_text_int(repo, "truck_factor"),
		as_text_int(repo, "active_truck_factor"), nsilos, nsilos == 1 ? "" : "s",
		as_text_int(a, "counted"), as_text_int(a, "files"));
	const char *sep = " (left out: ";
	json_t *excluded = json_object_get(a, "excluded");
	json_object_foreach(excluded, key, n) {
		if (!json_integer_value(n))
			continue;
		fprintf(out, "%s%lld ", sep, (long long)json_integer_value(n));
		as_text_put(out, key);
		sep = ", ";
	}
	fputs(*sep == ',' ? ")\n" : "\n", out);
	if (!json_is_object(w))
		return;
	fputs("  without", out);
	json_array_foreach(get(w, "developers"), i, n) {
		fputs(i ? ", " : " ", out);
		as_text_put(out, json_string_value(n));
	}
	size_t lost = json_array_size(get(w, "areas"));
	fprintf(out, ": %zu area%s %s last author still here%s\n", lost, lost == 1 ? "" : "s",
		lost == 1 ? "loses its" : "lose their", lost ? ":" : "");
	json_array_foreach(get(w, "areas"), i, n) {
		fputs(!strcmp(as_text_str(n, "kind") ? as_text_str(n, "kind") : "", "team") ? "    team " : "    ", out);
		as_text_put(out, as_text_str(n, "path"));
		fprintf(out, " (%lld of its %lld file%s had an author)\n", as_text_int(n, "authored_files"),
			as_text_int(n, "files"), as_text_int(n, "files") == 1 ? "" : "s");
	}
}

static void team_rows(FILE *out, const json_t *teams, int compared)
{
	size_t i;
	json_t *t;
	fputs("  teams, most top-down first (by the team of whoever received the task):\n", out);
	json_array_foreach(teams, i, t) {
		if (i == MAX_ROWS) {
			fprintf(out, "    … and %zu more\n", json_array_size(teams) - i);
			break;
		}
		fputs("    ", out);
		as_text_put(out, as_text_str(t, "team"));
		fputs(": ", out);
		of(out, t, "top_down", "known", "share");
		if (compared) {
			fputs("; previous period ", out);
			of(out, t, "previous_top_down", "previous_known", "previous_share");
			change_pts(out, get(t, "change"));
		}
		fputc('\n', out);
	}
}

static void manager_rows(FILE *out, const json_t *managers, int compared)
{
	size_t i;
	json_t *r;
	if (!json_array_size(managers))
		return;
	fputs("  managers, most top-down first:\n", out);
	json_array_foreach(managers, i, r) {
		if (i == MAX_ROWS) {
			fprintf(out, "    … and %zu more\n", json_array_size(managers) - i);
			break;
		}
		fputs("    ", out);
		as_text_put(out, as_text_str(r, "manager"));
		fprintf(out, ": %lld (manager %lld, skip-level %lld)", as_text_int(r, "top_down"),
			as_text_int(r, "manager_relation"), as_text_int(r, "skip_level"));
		if (compared && json_is_integer(get(r, "change")))
			fprintf(out, "; previous period %lld, %+lld", as_text_int(r, "previous_top_down"),
				as_text_int(r, "change"));
		fputc('\n', out);
	}
}

void as_text_top_down(FILE *out, const json_t *td, const json_t *previous)
{
	int compared = json_is_true(get(td, "compared"));

	if (!json_is_object(td))
		return;
	fputs("\nWhat to do first: top-down assignment (a manager or skip-level manager "
	      "setting the task)\n", out);
	if (!as_text_int(td, "known")) {
		fputs("  no assignment with a known relation in this period\n", out);
	} else {
		fputs("  ", out);
		of(out, td, "top_down", "known", "share");
		fputs(" of the assignments with a known relation", out);
		if (compared) {
			fputs("; previous period ", out);
			of(out, td, "previous_top_down", "previous_known", "previous_share");
			change_pts(out, get(td, "change"));
		}
		fputc('\n', out);
	}
	if (json_is_object(previous)) {
		if (compared)
			fprintf(out, "  previous period: %.10s to %.10s, %lld commits\n",
				as_text_str(previous, "since") ? as_text_str(previous, "since") : "?",
				as_text_str(previous, "until") ? as_text_str(previous, "until") : "?",
				as_text_int(previous, "commits_scanned"));
		else if (as_text_str(previous, "reason")) {
			fputs("  no previous period: ", out);
			as_text_put(out, as_text_str(previous, "reason"));
			fputc('\n', out);
		}
	}
	if (json_array_size(get(td, "teams")))
		team_rows(out, get(td, "teams"), compared);
	manager_rows(out, get(td, "managers"), compared);
}

/* "2 commits, 1 review given; team median 3 commits, 1 review" */
static void work(FILE *out, const json_t *r)
{
	fprintf(out, "%lld commit%s, %lld review%s given", as_text_int(r, "commits"),
		as_text_int(r, "commits") == 1 ? "" : "s", as_text_int(r, "reviews_given"),
		as_text_int(r, "reviews_given") == 1 ? "" : "s");
	if (json_is_number(get(r, "team_median_commits")))
		fprintf(out, "; median of the people they manage (%lld): commits %g, reviews %g",
			as_text_int(r, "team_members"), json_number_value(get(r, "team_median_commits")),
			json_number_value(get(r, "team_median_reviews_given")));
	fprintf(out, "; feedback %lld to reports, %lld from reports",
		as_text_int(r, "feedback_to_reports"), as_text_int(r, "feedback_from_reports"));
}

static void feedback(FILE *out, const json_t *fb)
{
	long long known = as_text_int(fb, "by_managers") + as_text_int(fb, "by_peers");
	if (!json_is_object(fb))
		return;
	fprintf(out, "  feedback in every direction: %lld given, %lld between people the org chart knows: "
		"by managers to the people they manage %lld (", as_text_int(fb, "total"), known,
		as_text_int(fb, "by_managers"));
	as_text_pct(out, get(fb, "manager_share"));
	fprintf(out, "), by reports to their managers %lld (", as_text_int(fb, "by_reports"));
	as_text_pct(out, get(fb, "report_share"));
	fprintf(out, "); across teams %lld of %lld between team members (", as_text_int(fb, "cross_team"),
		as_text_int(fb, "cross_team") + as_text_int(fb, "in_team"));
	as_text_pct(out, get(fb, "cross_team_share"));
	fputs(")\n", out);
}

void as_text_managers(FILE *out, const json_t *m)
{
	const json_t *mg = get(m, "managers"), *people = get(mg, "people");
	size_t i;
	json_t *r;

	if (!json_is_object(mg))
		return;
	fputs("\nManagers' own work (management is a part-time job: managers keep practising "
	      "their craft)\n", out);
	fprintf(out, "  %lld manager%s, %lld with no commit or review in the %lld months to %.10s",
		as_text_int(mg, "managers"), as_text_int(mg, "managers") == 1 ? "" : "s",
		as_text_int(mg, "not_hands_on"), as_text_int(mg, "active_months"),
		as_text_str(mg, "as_of") ? as_text_str(mg, "as_of") : "the end");
	if (!json_is_true(get(mg, "window_covered")))
		fputs(" (the audited period is shorter: work before it is not seen)", out);
	fputc('\n', out);
	json_array_foreach(people, i, r) {
		if (i == MAX_ROWS)
			break;
		fputs("    ", out);
		as_text_put(out, as_text_str(r, "manager"));
		fputs(json_is_true(get(r, "hands_on")) ? ": " : " (not hands-on): ", out);
		work(out, r);
		fputc('\n', out);
	}
	if (!json_is_array(people)) {
		json_array_foreach(get(mg, "by_team"), i, r) {
			if (i == MAX_ROWS)
				break;
			fputs("    managers of ", out);
			as_text_put(out, as_text_str(r, "team"));
			fprintf(out, " (%lld, %lld not hands-on): ", as_text_int(r, "managers"),
				as_text_int(r, "not_hands_on"));
			work(out, r);
			fputc('\n', out);
		}
	}
	feedback(out, get(m, "feedback"));
}

static void names(FILE *out, const json_t *list, const char *key, const char *count)
{
	size_t i;
	json_t *n;
	json_array_foreach(list, i, n) {
		if (i == MAX_ROWS) {
			fprintf(out, " and %zu more", json_array_size(list) - i);
			break;
		}
		fputs(i ? ", " : ": ", out);
		as_text_put(out, as_text_str(n, key));
		fprintf(out, " (%lld)", as_text_int(n, count));
	}
}

void as_text_unknown(FILE *out, const json_t *m)
{
	const json_t *ua = get(m, "unknown_authors"), *t = get(m, "trackers");

	if (!as_text_int(ua, "count") && !json_is_object(t))
		return;
	fputs("\nNames the org chart does not know (add them to [people])\n", out);
	if (as_text_int(ua, "count")) {
		fprintf(out, "  %lld author%s (%lld commit%s)", as_text_int(ua, "count"),
			as_text_int(ua, "count") == 1 ? "" : "s", as_text_int(ua, "commits"),
			as_text_int(ua, "commits") == 1 ? "" : "s");
		names(out, get(ua, "names"), "name", "commits");
		fputc('\n', out);
	}
	if (json_is_object(t))
		as_text_trackers(out, t, MAX_ROWS, "  ");
}

/*
 *   Tracker exports: 2 files, 1204 records read, 57 assignments (3 more
 *   cancelled by a later unassignment or removal, 2 events by or for a
 *   bot, counted apart)
 *     4 assignments name someone the org chart does not know; add them to
 *     [people]: @zed (3), Jane Roe (1)
 */
void as_text_trackers(FILE *out, const json_t *t, size_t max_names, const char *indent)
{
	long long unmatched = as_text_int(t, "unmatched");
	const json_t *names = get(t, "unmatched_names");
	size_t i, all = json_array_size(names), n = max_names && max_names < all ? max_names : all;

	fprintf(out, "%sTracker exports: %lld file%s, %lld record%s read, %lld assignment%s", indent,
		as_text_int(t, "files"), as_text_int(t, "files") == 1 ? "" : "s",
		as_text_int(t, "records"), as_text_int(t, "records") == 1 ? "" : "s",
		as_text_int(t, "assignments"), as_text_int(t, "assignments") == 1 ? "" : "s");
	long long cancelled = as_text_int(t, "cancelled"), outside = as_text_int(t, "outside_window");
	long long bots = as_text_int(t, "bots");
	const char *sep = " (";
	if (cancelled) {
		fprintf(out, "%s%lld more cancelled by a later unassignment or removal", sep, cancelled);
		sep = ", ";
	}
	if (outside) {
		fprintf(out, "%s%lld more outside --since/--until", sep, outside);
		sep = ", ";
	}
	if (bots)
		fprintf(out, "%s%lld event%s by or for a bot, counted apart", sep, bots,
			bots == 1 ? "" : "s");
	fputs(cancelled || outside || bots ? ")\n" : "\n", out);
	if (!unmatched)
		return;
	fprintf(out, "%s  %lld assignment%s name%s someone the org chart does not know; add them to "
		"[people]", indent, unmatched, unmatched == 1 ? "" : "s", unmatched == 1 ? "s" : "");
	for (i = 0; i < n; i++) {
		const json_t *x = json_array_get(names, i);
		fputs(i ? ", " : ": ", out);
		as_text_put(out, as_text_str(x, "name"));
		fprintf(out, " (%lld)", as_text_int(x, "count"));
	}
	if (n < all)
		fprintf(out, " and %zu more", all - n);
	fputc('\n', out);
}

/* ---- the forge: pull requests, review requests, gates (report/forge.h) ---- */

/* "5 review requests (1 manager, 3 peer, 1 unknown)"; the total. */
static long long forge_relations(FILE *out, const char *what, const json_t *by)
{
	long long total = 0;
	const char *sep = " (";
	for (int r = 0; r < AS_REL__COUNT; r++)
		total += as_text_int(by, as_relation_names[r]);
	if (!out)
		return total;
	fprintf(out, "%lld %s", total, what);
	for (int r = 0; r < AS_REL__COUNT && total; r++) {
		long long n = as_text_int(by, as_relation_names[r]);
		if (!n)
			continue;
		fprintf(out, "%s%lld %s", sep, n, as_relation_names[r]);
		sep = ", ";
	}
	if (total)
		fputc(')', out);
	return total;
}

static int from_forge(const json_t *f)
{
	const char *src = as_text_str(f, "source");
	return src && (!strcmp(src, "tracker-export") || !strcmp(src, "codeowners"));
}

void as_text_forge(FILE *out, const json_t *doc)
{
	const json_t *m = get(doc, "metrics"), *gates = get(m, "gates");
	const json_t *by_key = get(get(m, "feedback"), "by_key");
	const json_t *by = get(gates, "by_relation"), *trackers = get(m, "trackers");

	if (!trackers && !forge_relations(NULL, NULL, by))
		return;
	fputs("\nForge: ", out);
	if (trackers) {
		long long r[AS_REVIEW_KEYS];
		for (size_t i = 0; i < AS_REVIEW_KEYS; i++)
			r[i] = as_text_int(by_key, as_review_keys[i]);
		fprintf(out, "%lld pull-request reviews (%lld approved, %lld changes requested, "
			"%lld commented), ", r[0] + r[1] + r[2], r[0], r[1], r[2]);
		forge_relations(out, "approvals", get(m, "approvals"));
		fputs(", ", out);
		forge_relations(out, "review requests", get(m, "review_requests"));
		fputs(", ", out);
	}
	forge_relations(out, "CODEOWNERS gates", by);
	const json_t *required = get(gates, "code_owner_review_required");
	if (json_is_boolean(required))
		fprintf(out, "; code-owner review is %srequired", json_is_true(required) ? "" : "not ");
	fputc('\n', out);

	/* where the forge shows each finding of these sources */
	size_t i;
	const json_t *f;
	json_array_foreach(get(doc, "findings"), i, f) {
		const char *url = as_text_str(f, "url"), *record = as_text_str(f, "record");
		if (!url || !from_forge(f))
			continue;
		fprintf(out, "  %-7s ", as_text_str(f, "severity"));
		as_text_put(out, as_text_str(f, "rule"));
		fputc(' ', out);
		as_text_put(out, record ? record : as_text_str(f, "path"));
		if (!record && json_is_integer(get(f, "line")))
			fprintf(out, ":%lld", as_text_int(f, "line"));
		fputs(": ", out);
		as_text_put(out, url);
		fputc('\n', out);
	}
}
