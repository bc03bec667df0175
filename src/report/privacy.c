/*
 * privacy = team: groups, roles, and the report document by groups
 * (privacy.h). Text is scrubbed in privacy_text.c.
 */
#include "report/privacy.h"
#include "report/privacy_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/score.h"
#include "util/alloc.h"
#include "util/sanitize.h"

#define SMALL "(small teams)"
#define NONE "(none)"

/* ---- groups ------------------------------------------------------------ */

static void add_group(as_privacy *p, const char *name)
{
	p->groups = as_xrealloc(p->groups, (p->ngroups + 1) * sizeof(*p->groups));
	p->groups[p->ngroups++] = as_xstrdup(name);
}

/* Large teams stand alone; the small ones together, if that makes a group
 * large enough, else with the people in no team. */
static void make_groups(as_privacy *p)
{
	const as_org *org = p->org;
	unsigned char *in_small = as_xcalloc(org->npeople + 1, 1);
	size_t small_people = 0;

	p->team_group = as_xcalloc(org->nteams + 1, sizeof(*p->team_group));
	for (size_t t = 0; t < org->nteams; t++) {
		if (org->teams[t].nmembers >= p->min_group) {
			p->team_group[t] = p->ngroups;
			add_group(p, org->teams[t].id);
			continue;
		}
		p->team_group[t] = SIZE_MAX;
		p->merged++;
		for (size_t i = 0; i < org->teams[t].nmembers; i++) {
			size_t m = org->teams[t].members[i];
			small_people += !in_small[m];
			in_small[m] = 1;
		}
	}
	size_t small = SIZE_MAX;
	if (p->merged && small_people >= p->min_group) {
		small = p->ngroups;
		add_group(p, SMALL);
	}
	p->none = p->ngroups;
	add_group(p, NONE);
	for (size_t t = 0; t < org->nteams; t++)
		if (p->team_group[t] == SIZE_MAX)
			p->team_group[t] = small != SIZE_MAX ? small : p->none;
	free(in_small);
}

static void learn_history(as_privacy *p, const as_metrics *m)
{
	const as_org *org = p->org;
	for (size_t i = 0; i < as_org_nidentities(org); i++) {
		int person;
		const char *id = as_org_identity(org, i, &person);
		if (id)
			as_privacy_learn(p, id, strlen(id));
	}
	for (size_t i = 0; i < org->npeople; i++) {
		const as_person *q = &org->people[i];
		as_privacy_learn(p, q->id, strlen(q->id));
		if (q->name)
			as_privacy_learn(p, q->name, strlen(q->name));
		if (q->email)
			as_privacy_learn(p, q->email, strlen(q->email));
	}
	for (size_t i = 0; m && i < m->idents.nr; i++)
		as_privacy_learn(p, as_strtab_str(&m->idents, (uint32_t)i), m->idents.len[i]);
	for (size_t i = 0; m && i < as_tracker_stats_nnames(&m->trackers); i++) {
		uint64_t count;
		const char *name = as_tracker_stats_name(&m->trackers, i, &count);
		as_privacy_learn(p, name, strlen(name));
	}
}

as_privacy *as_privacy_new(const as_org *org, size_t min_group_size, const as_metrics *m)
{
	as_privacy *p = as_xcalloc(1, sizeof(*p));
	p->org = org;
	p->min_group = min_group_size ? min_group_size : 1;
	p->names.fold = 1;
	p->words.fold = 1;
	make_groups(p);
	learn_history(p, m);
	return p;
}

void as_privacy_free(as_privacy *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->ngroups; i++)
		free(p->groups[i]);
	free(p->groups);
	free(p->team_group);
	as_strtab_free(&p->names);
	as_strtab_free(&p->words);
	free(p);
}

size_t as_privacy_min_group(const as_privacy *p) { return p->min_group; }
size_t as_privacy_merged_teams(const as_privacy *p) { return p->merged; }
size_t as_privacy_ngroups(const as_privacy *p) { return p->ngroups; }
const char *as_privacy_group_name(const as_privacy *p, size_t g) { return p->groups[g]; }
size_t as_privacy_team_group(const as_privacy *p, size_t t) { return p->team_group[t]; }

/* The first of a person's teams that is a group of its own, else the
 * group their small teams went to. */
size_t as_privacy_person_group(const as_privacy *p, int person)
{
	if (person < 0 || (size_t)person >= p->org->npeople)
		return p->none;
	const as_person *q = &p->org->people[person];
	size_t g = p->none;
	for (size_t i = 0; i < q->nteams; i++) {
		size_t t = p->team_group[q->teams[i]];
		if (t < g)
			g = t;
	}
	return g;
}

size_t as_privacy_managed_group(const as_privacy *p, int person)
{
	const as_org *org = p->org;
	if (person < 0)
		return p->none;
	for (size_t t = 0; t < org->nteams; t++)
		if (org->teams[t].lead == person)
			return p->team_group[t];
	for (size_t q = 0; q < org->npeople; q++)
		if (org->people[q].manager == person && org->people[q].nteams)
			return as_privacy_person_group(p, (int)q);
	return as_privacy_person_group(p, person);
}

/* "team replay", "a small team", "no team" */
static void group_phrase(const as_privacy *p, as_buf *out, size_t g)
{
	if (g == p->none)
		as_buf_puts(out, "no team");
	else if (!strcmp(p->groups[g], SMALL))
		as_buf_puts(out, "a small team");
	else
		as_buf_printf(out, "team %s", p->groups[g]);
}

void as_privacy_person_label(const as_privacy *p, as_buf *out, int person)
{
	size_t g = as_privacy_person_group(p, person);
	if (person < 0 || (size_t)person >= p->org->npeople) {
		as_buf_puts(out, "someone outside the org chart");
	} else if (g == p->none) {
		as_buf_puts(out, "someone in no team");
	} else {
		as_buf_puts(out, "member of ");
		group_phrase(p, out, g);
	}
}

/* "manager of team replay": who manages (someone of) group g. */
static void manager_label(const as_privacy *p, as_buf *out, const char *role, size_t g)
{
	as_buf_printf(out, "%s of ", role);
	if (g == p->none)
		as_buf_puts(out, "someone in no team");
	else
		group_phrase(p, out, g);
}

/* ---- findings ------------------------------------------------------------ */

static int person_of(const as_org *org, const char *id)
{
	return id ? as_org_find_person(org, id) : -1;
}

/* The roles of a finding's parties, by its relation: the one above is
 * the manager of the other's team. */
static void party_labels(const as_privacy *p, const as_finding *f, as_buf *actor, as_buf *subject)
{
	int a = person_of(p->org, f->actor), s = person_of(p->org, f->subject);
	switch (f->relation) {
	case AS_REL_MANAGER:
	case AS_REL_SKIP_LEVEL:
		manager_label(p, actor, f->relation == AS_REL_MANAGER ? "manager" : "skip-level manager",
			      as_privacy_person_group(p, s));
		as_privacy_person_label(p, subject, s);
		break;
	case AS_REL_REPORT:
		as_privacy_person_label(p, actor, a);
		manager_label(p, subject, "manager", as_privacy_person_group(p, a));
		break;
	default:
		as_privacy_person_label(p, actor, a);
		as_privacy_person_label(p, subject, s);
		break;
	}
}

static json_t *groups_of(const as_privacy *p, const char *id)
{
	int person = person_of(p->org, id);
	if (person < 0)
		return json_null();
	json_t *a = json_array();
	const as_person *q = &p->org->people[person];
	unsigned char *seen = as_xcalloc(p->ngroups + 1, 1);
	for (size_t i = 0; i < q->nteams; i++) {
		size_t g = p->team_group[q->teams[i]];
		if (!seen[g])
			json_array_append_new(a, json_string(p->groups[g]));
		seen[g] = 1;
	}
	free(seen);
	return a;
}

static void set_scrubbed(const as_privacy *p, json_t *o, const char *key, const char *text,
			 const as_privacy_party *parties, size_t n)
{
	if (!text)
		return;
	as_buf b = AS_BUF_INIT, clean = AS_BUF_INIT;
	as_privacy_scrub(p, &b, text, parties, n);
	as_sanitize_str(&clean, as_buf_cstr(&b), AS_SAN_UTF8);
	json_object_set_new(o, key, json_stringn(as_buf_cstr(&clean), clean.len));
	as_buf_free(&b);
	as_buf_free(&clean);
}

void as_privacy_finding(const as_privacy *p, json_t *o, const as_finding *f)
{
	as_buf actor = AS_BUF_INIT, subject = AS_BUF_INIT, author = AS_BUF_INIT;
	int writer = f->author ? as_org_resolve(p->org, f->author, strlen(f->author)) : -1;
	int event_parties = f->event == AS_EV_ASSIGNMENT || f->event == AS_EV_APPROVAL;

	party_labels(p, f, &actor, &subject);
	as_privacy_person_label(p, &author, writer);
	if (f->actor || event_parties)
		json_object_set_new(o, "actor", json_string(as_buf_cstr(&actor)));
	if (f->subject || event_parties)
		json_object_set_new(o, "subject", json_string(as_buf_cstr(&subject)));
	if (f->author)
		json_object_set_new(o, "author", json_string(as_buf_cstr(&author)));
	json_object_set_new(o, "actor_teams", groups_of(p, f->actor));
	json_object_set_new(o, "subject_teams", groups_of(p, f->subject));

	const as_privacy_party parties[] = {
		{ f->actor_text, as_buf_cstr(&actor) },
		{ f->subject_text, as_buf_cstr(&subject) },
		{ f->author, as_buf_cstr(&author) },
	};
	set_scrubbed(p, o, "excerpt", f->excerpt, parties, 3);
	set_scrubbed(p, o, "title", f->title, parties, 3);
	set_scrubbed(p, o, "path", f->path, parties, 3);
	/* (it tells what fired the rule, and whom a pusher claimed to be) */
	set_scrubbed(p, o, "explain", f->explain, parties, 3);
	as_buf_free(&actor);
	as_buf_free(&subject);
	as_buf_free(&author);
}

/* ---- metrics by groups ------------------------------------------------------ */

/* The group of a key that is a team id or "(none)". */
static size_t group_of_team_key(const as_privacy *p, const char *key)
{
	int t = as_org_find_team(p->org, key);
	return t >= 0 ? p->team_group[t] : p->none;
}

static size_t group_of_manager_key(const as_privacy *p, const char *key)
{
	return as_privacy_managed_group(p, person_of(p->org, key));
}

/* into += from: numbers added, objects key by key; null (no data) stays
 * null. A real (a ratio) cannot be added: it becomes null, and the caller
 * recomputes what it can. */
static void add_into(json_t *into, json_t *from)
{
	const char *k;
	json_t *v;
	json_object_foreach(from, k, v) {
		json_t *cur = json_object_get(into, k);
		if (!cur) {
			json_object_set_new(into, k, json_deep_copy(v));
		} else if (json_is_integer(cur) && json_is_integer(v)) {
			json_integer_set(cur, json_integer_value(cur) + json_integer_value(v));
		} else if (json_is_object(cur) && json_is_object(v)) {
			add_into(cur, v);
		} else if (!json_is_null(cur)) {
			json_object_set_new(into, k, json_null());
		}
	}
}

/* {"team": {...}} -> {"group": sum of its teams}, in group order. */
static json_t *by_groups(const as_privacy *p, json_t *obj,
			 size_t (*group_of)(const as_privacy *, const char *))
{
	json_t **sums = as_xcalloc(p->ngroups + 1, sizeof(*sums));
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v) {
		size_t g = group_of(p, k);
		if (!sums[g])
			sums[g] = json_deep_copy(v);
		else if (json_is_object(v))
			add_into(sums[g], v);
		else if (json_is_integer(v) && json_is_integer(sums[g]))
			json_integer_set(sums[g], json_integer_value(sums[g]) + json_integer_value(v));
	}
	json_t *out = json_object();
	for (size_t g = 0; g < p->ngroups; g++)
		if (sums[g])
			json_object_set_new(out, p->groups[g], sums[g]);
	free(sums);
	return out;
}

static void regroup(const as_privacy *p, json_t *o, const char *key,
		    size_t (*group_of)(const as_privacy *, const char *))
{
	json_t *v = json_object_get(o, key);
	if (json_is_object(v))
		json_object_set_new(o, key, by_groups(p, v, group_of));
}

/* teams: the sums, and autonomy again from them. */
static void regroup_teams(const as_privacy *p, json_t *m)
{
	regroup(p, m, "teams", group_of_team_key);
	const char *k;
	json_t *t;
	json_object_foreach(json_object_get(m, "teams"), k, t) {
		json_t *commits = json_object_get(t, "commits");
		json_t *outside = json_object_get(t, "outside_approved_commits");
		if (json_is_integer(commits) && json_is_integer(outside) && json_integer_value(commits))
			json_object_set_new(t, "autonomy", json_real(as_round(
				1.0 - (double)json_integer_value(outside) / (double)json_integer_value(commits), 4)));
		else if (json_object_get(t, "autonomy"))
			json_object_set_new(t, "autonomy", json_null());
	}
}

/* contribution_matrix: rows and columns of merged teams added up. */
static void regroup_matrix(const as_privacy *p, json_t *m)
{
	json_t *cm = json_object_get(m, "contribution_matrix");
	json_t *teams = json_object_get(cm, "teams");
	if (!json_is_array(teams))
		return;
	size_t n = json_array_size(teams), *map = as_xcalloc(n + 1, sizeof(*map));
	unsigned char *used = as_xcalloc(p->ngroups + 1, 1);
	size_t *pos = as_xcalloc(p->ngroups + 1, sizeof(*pos)), side = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = json_string_value(json_array_get(teams, i));
		map[i] = name ? group_of_team_key(p, name) : p->none;
		used[map[i]] = 1;
	}
	json_t *names = json_array();
	for (size_t g = 0; g < p->ngroups; g++)
		if (used[g]) {
			pos[g] = side++;
			json_array_append_new(names, json_string(p->groups[g]));
		}
	const char *key;
	json_t *rows;
	json_object_foreach(cm, key, rows) {
		if (!json_is_array(rows) || !strcmp(key, "teams"))
			continue;
		json_int_t *cells = as_xcalloc(side * side + 1, sizeof(*cells));
		for (size_t i = 0; i < n && i < json_array_size(rows); i++)
			for (size_t j = 0; j < n; j++)
				cells[pos[map[i]] * side + pos[map[j]]] +=
					json_integer_value(json_array_get(json_array_get(rows, i), j));
		json_t *out = json_array();
		for (size_t i = 0; i < side; i++) {
			json_t *row = json_array();
			for (size_t j = 0; j < side; j++)
				json_array_append_new(row, json_integer(cells[i * side + j]));
			json_array_append_new(out, row);
		}
		json_object_set_new(cm, key, out);
		free(cells);
	}
	json_object_set_new(cm, "teams", names);
	free(map);
	free(used);
	free(pos);
}

/* feedback: the team graph by groups; no people graph. */
static void regroup_feedback(const as_privacy *p, json_t *m)
{
	json_t *fb = json_object_get(m, "feedback");
	json_t *graph = json_object_get(fb, "team_graph");
	if (json_is_array(graph)) {
		size_t side = p->ngroups, i;
		json_int_t *cells = as_xcalloc(side * side + 1, sizeof(*cells));
		json_t *e;
		json_array_foreach(graph, i, e) {
			const char *from = json_string_value(json_object_get(e, "from"));
			const char *to = json_string_value(json_object_get(e, "to"));
			if (from && to)
				cells[group_of_team_key(p, from) * side + group_of_team_key(p, to)] +=
					json_integer_value(json_object_get(e, "count"));
		}
		json_t *out = json_array();
		for (size_t g = 0; g < side; g++)
			for (size_t h = 0; h < side; h++)
				if (cells[g * side + h])
					json_array_append_new(out, json_pack("{s:s,s:s,s:I}", "from", p->groups[g],
									     "to", p->groups[h], "count",
									     (json_int_t)cells[g * side + h]));
		json_object_set_new(fb, "team_graph", out);
		free(cells);
	}
	if (json_object_get(fb, "people_graph"))
		json_object_set_new(fb, "people_graph", json_null());
}

/* A developer of the metrics (a person id, or "Name <email>") by role. */
static json_t *developer_label(const as_privacy *p, const char *who)
{
	as_buf b = AS_BUF_INIT;
	as_privacy_person_label(p, &b, person_of(p->org, who));
	json_t *j = json_string(as_buf_cstr(&b));
	as_buf_free(&b);
	return j;
}

/* A list of developers (ids or "Name <email>") by role, in place. */
static void label_list(const as_privacy *p, json_t *list)
{
	size_t k;
	json_t *who;
	json_array_foreach(list, k, who)
		if (json_is_string(who))
			json_array_set_new(list, k, developer_label(p, json_string_value(who)));
}

/* truck_factors and silos: authors by role; the areas of merged teams
 * are left out (a truck factor is not a sum). */
static void regroup_areas(const as_privacy *p, json_t *m, const char *key)
{
	json_t *list = json_object_get(m, key);
	if (!json_is_array(list))
		return;
	for (size_t i = 0; i < json_array_size(list);) {
		json_t *a = json_array_get(list, i);
		const char *kind = json_string_value(json_object_get(a, "kind"));
		const char *path = json_string_value(json_object_get(a, "path"));
		if (kind && path && !strcmp(kind, "team")) {
			int t = as_org_find_team(p->org, path);
			if (t < 0 || strcmp(p->groups[p->team_group[t]], path)) {
				json_array_remove(list, i);
				continue;
			}
		}
		label_list(p, json_object_get(a, "authors"));
		label_list(p, json_object_get(a, "active_authors"));
		json_t *main = json_object_get(a, "main_author");
		if (json_is_string(main))
			json_object_set_new(a, "main_author", developer_label(p, json_string_value(main)));
		i++;
	}
}

void as_privacy_metrics(const as_privacy *p, json_t *m)
{
	if (!json_is_object(m))
		return;
	regroup(p, m, "assignments_by_team", group_of_team_key);
	regroup(p, m, "assignments_by_manager", group_of_manager_key);
	regroup_teams(p, m);
	regroup_matrix(p, m);
	regroup_feedback(p, m);
	regroup_areas(p, m, "truck_factors");
	regroup_areas(p, m, "silos");
	regroup_areas(p, m, "silo_files");
	label_list(p, json_object_get(json_object_get(m, "authorship"), "gone_authors"));
	label_list(p, json_object_get(json_object_get(m, "without"), "developers"));
	json_t *trackers = json_object_get(m, "trackers");
	if (json_object_get(trackers, "unmatched_names"))
		json_object_set_new(trackers, "unmatched_names", json_null());
}
