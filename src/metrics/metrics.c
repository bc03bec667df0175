/*
 * The per-commit entry point of the metrics, the merge of the workers'
 * partial metrics and the finish step (metrics.h).
 */
#include "metrics/metrics.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/alloc.h"
#include "util/error.h"

static int key_index(const char *const *keys, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(keys[i], key))
			return (int)i;
	return -1;
}

/* "Name <email>" from free text naming someone, mapped by .mailmap as the
 * commit authors are; text without an e-mail is kept as written. */
static void party_identity(as_buf *out, const as_mailmap *mm, const char *text)
{
	const char *lt = strchr(text, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	as_buf_clear(out);
	if (!lt || !gt) {
		as_buf_puts(out, text);
		as_buf_trim(out);
		return;
	}
	const char *name = text, *email = lt + 1;
	size_t name_len = (size_t)(lt - text), email_len = (size_t)(gt - email);
	while (name_len && (name[name_len - 1] == ' ' || name[name_len - 1] == '\t'))
		name_len--;
	while (name_len && (*name == ' ' || *name == '\t'))
		name++, name_len--;
	if (mm)
		as_mailmap_map(mm, &name, &name_len, &email, &email_len);
	as_buf_put(out, name, name_len);
	if (name_len)
		as_buf_putc(out, ' ');
	as_buf_putc(out, '<');
	as_buf_put(out, email, email_len);
	as_buf_putc(out, '>');
}

/* The e-mail of "Name <email>", or the whole text. */
static const char *email_of(const char *s, size_t *len)
{
	const char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (!lt || !gt) {
		*len = strlen(s);
		return s;
	}
	*len = (size_t)(gt - lt - 1);
	return lt + 1;
}

/* Two identities the org chart does not know: the same person when their
 * e-mails (or whole texts) match, ignoring case. */
static int same_identity(const char *a, const char *b)
{
	size_t la, lb;
	const char *ea = email_of(a, &la), *eb = email_of(b, &lb);
	return la == lb && !strncasecmp(ea, eb, la);
}

/* Remembers the org chart's person of developer `id` (metrics.h). */
static void set_person(as_metrics *m, uint32_t id, int person)
{
	if (id >= m->ident_person_alloc) {
		size_t old = m->ident_person_alloc, n = old ? old : 64;
		while (n <= id)
			n *= 2;
		m->ident_person = as_xrealloc(m->ident_person, n * sizeof(*m->ident_person));
		for (size_t i = old; i < n; i++)
			m->ident_person[i] = -1;
		m->ident_person_alloc = n;
	}
	if (person >= 0)
		m->ident_person[id] = person;
}

/*
 * The developer `text` ("Name <email>", or a name) is, interned: the org
 * chart's person id when it knows the text or the developer the text
 * belongs to (source/identities.h), else the developer's name, else the
 * text itself. *person is the org chart's person or -1.
 */
static uint32_t developer(as_metrics *m, const as_metrics_ctx *ctx, const char *text,
			  size_t len, int *person)
{
	const as_org *org = ctx->org;
	const char *name = NULL;
	int p = as_org_resolve(org, text, len);
	if (p < 0 && ctx->identities) {
		const char *lt = memchr(text, '<', len), *gt = lt ? memchr(lt, '>', len - (size_t)(lt - text)) : NULL;
		size_t name_len = lt && gt ? (size_t)(lt - text) : len;
		while (name_len && text[name_len - 1] == ' ')
			name_len--;
		int64_t dev = lt && gt
			? as_identities_find(ctx->identities, text, name_len, lt + 1, (size_t)(gt - lt - 1))
			: as_identities_find(ctx->identities, text, name_len, "", 0);
		if (dev >= 0) {
			p = as_identities_person(ctx->identities, (size_t)dev);
			name = as_identities_name(ctx->identities, (size_t)dev);
		}
	}
	uint32_t id;
	if (p >= 0)
		id = as_strtab_intern(&m->idents, org->people[p].id, strlen(org->people[p].id));
	else if (name)
		id = as_strtab_intern(&m->idents, name, strlen(name));
	else
		id = as_strtab_intern(&m->idents, text, len);
	set_person(m, id, p);
	*person = p;
	return id;
}

uint32_t as_metrics_party(as_metrics *m, const as_metrics_ctx *ctx, int person,
			  const as_buf *text)
{
	if (person < 0)
		return developer(m, ctx, as_buf_cstr(text), text->len, &person);
	const char *id = ctx->org->people[person].id;
	uint32_t dev = as_strtab_intern(&m->idents, id, strlen(id));
	set_person(m, dev, person);
	return dev;
}

/* The feedback and approval trailers: feedback goes to the graph, the
 * approvers are kept for the autonomy of the teams whose paths changed. */
static void count_trailers(as_metrics *m, const as_metrics_ctx *ctx,
			   const as_commit *c, int author, uint32_t dev)
{
	const as_metrics_settings *set = &ctx->settings;
	const as_org *org = ctx->org;

	m->approvers_nr_ = 0;
	for (size_t i = 0; i < c->trailers.nr; i++) {
		const as_trailer *t = &c->trailers.items[i];
		int fk = key_index(set->feedback_keys, set->nfeedback_keys, t->key);
		int ak = key_index(set->approval_keys, set->napproval_keys, t->key);
		if (fk < 0 && ak < 0)
			continue;
		int giver = as_org_resolve(org, t->value, strlen(t->value));
		uint32_t gdev = 0;
		if (giver < 0) {
			party_identity(&m->party_, ctx->mailmap, t->value);
			if (!m->party_.len)
				continue;
			gdev = developer(m, ctx, as_buf_cstr(&m->party_), m->party_.len, &giver);
		} else {
			gdev = developer(m, ctx, t->value, strlen(t->value), &giver);
		}
		/* One's own review or approval is neither. */
		int self = giver >= 0 || author >= 0
			? giver == author
			: gdev == dev ||
			  same_identity(as_buf_cstr(&m->party_), as_buf_cstr(&m->author_));
		if (self)
			continue;
		if (fk >= 0) {
			as_feedback_add(&m->feedback, org, (size_t)fk,
					set->nfeedback_keys + AS_REVIEW_KEYS, giver, gdev, author, dev);
			as_work_feedback(&m->work, org, giver, author, c->author_time);
		}
		if (ak >= 0) {
			AS_GROW(m->approvers_, m->approvers_nr_ + 1, m->approvers_alloc_);
			m->approvers_[m->approvers_nr_++] = giver;
		}
	}
}

/* The owners of file `f` (interned path), asked once per worker. */
static void lookup_owners(as_metrics *m, const as_metrics_ctx *ctx, uint32_t f,
			  const char *path, size_t len)
{
	if (f >= m->owners_files_) {
		size_t n = m->owners_files_ ? m->owners_files_ : 256;
		while (n <= f)
			n *= 2;
		m->owners_off_ = as_xrealloc(m->owners_off_, n * sizeof(*m->owners_off_));
		m->owners_n_ = as_xrealloc(m->owners_n_, n * sizeof(*m->owners_n_));
		for (size_t i = m->owners_files_; i < n; i++)
			m->owners_off_[i] = -1;
		m->owners_files_ = n;
	}
	if (m->owners_off_[f] >= 0)
		return;
	m->owners_off_[f] = (int64_t)m->owners_pool_nr_;
	m->owners_n_[f] = 0;
	if (!ctx->ownership)
		return;
	as_ownership_of(ctx->ownership, path, len, &m->owners_);
	for (size_t i = 0; i < m->owners_.nteams; i++) {
		AS_GROW(m->owners_pool_, m->owners_pool_nr_ + 1, m->owners_pool_alloc_);
		m->owners_pool_[m->owners_pool_nr_++] = (int)m->owners_.teams[i];
		m->owners_n_[f]++;
	}
}

static long lines_of(const as_path_change *p)
{
	if (p->added == AS_LINES_BINARY || p->removed == AS_LINES_BINARY)
		return 0; /* counted: a binary file has no lines */
	if (p->added < 0 || p->removed < 0)
		return -1;
	return p->added + p->removed;
}

static void count_paths(as_metrics *m, const as_metrics_ctx *ctx, const as_paths *paths,
			int author, uint32_t dev, uint64_t seq)
{
	size_t n = paths->nr;

	m->have_paths = 1;
	if (!n)
		return;
	AS_GROW(m->changes_, n, m->changes_alloc_);
	m->change_files_ = as_xrealloc(m->change_files_, m->changes_alloc_ * sizeof(*m->change_files_));
	for (size_t i = 0; i < n; i++) {
		const as_path_change *p = &paths->items[i];
		const char *name = as_paths_name(paths, i);
		uint32_t f = as_strtab_intern(&m->files, name, p->path_len);
		m->change_files_[i] = f;
		lookup_owners(m, ctx, f, name, p->path_len);
	}
	/* Authorship (silo.h): one record per changed path; a rename, as
	 * as_renames_find paired its sides, is one FROM-TO pair, recorded at
	 * its deleted side. */
	for (size_t i = 0; i < n; i++) {
		const as_path_change *p = &paths->items[i];
		uint32_t f = m->change_files_[i];
		if (p->partner >= 0) {
			if (p->status == AS_PATH_DELETED) {
				as_silo_add(&m->silo, seq, f, dev, AS_SILO_RENAME_FROM);
				as_silo_add(&m->silo, seq, m->change_files_[p->partner], dev,
					    AS_SILO_RENAME_TO);
			}
			continue;
		}
		as_silo_add(&m->silo, seq, f, dev,
			    p->status == AS_PATH_ADDED ? AS_SILO_ADD :
			    p->status == AS_PATH_DELETED ? AS_SILO_DELETE : AS_SILO_MODIFY);
	}
	/* The owner pool is complete for this commit: point into it. */
	for (size_t i = 0; i < n; i++) {
		uint32_t f = m->change_files_[i];
		m->changes_[i].owners = m->owners_pool_ + m->owners_off_[f];
		m->changes_[i].nowners = m->owners_n_[f];
		m->changes_[i].lines = lines_of(&paths->items[i]);
	}
	as_teams_commit(&m->teams, ctx->org, author, m->changes_, n,
			m->approvers_, m->approvers_nr_);
}

void as_metrics_commit(as_metrics *m, const as_metrics_ctx *ctx,
		       const as_commit *c, const as_paths *paths, uint64_t seq)
{
	int author;

	m->commits++;
	if (seq == 0) {
		git_oid_cpy(&m->tip_tree, &c->tree);
		m->have_tip = 1;
		m->tip_time = c->commit_time;
	}
	as_buf_clear(&m->author_);
	as_commit_author(c, &m->author_);
	uint32_t dev = developer(m, ctx, as_buf_cstr(&m->author_), m->author_.len, &author);
	as_silo_seen(&m->silo, dev, c->author_time);

	as_work_commit(&m->work, ctx->org, author, dev, c->author_time);
	if (c->commit_time > 0) {
		if (!m->first_time || c->commit_time < m->first_time)
			m->first_time = c->commit_time;
		if (c->commit_time > m->last_time)
			m->last_time = c->commit_time;
	}
	count_trailers(m, ctx, c, author, dev);
	if (paths)
		count_paths(m, ctx, paths, author, dev, seq);
}

int as_metrics_counts_trailer(const as_metrics_ctx *ctx, const char *key)
{
	const as_metrics_settings *set = &ctx->settings;
	return key_index(set->feedback_keys, set->nfeedback_keys, key) >= 0 ||
	       key_index(set->approval_keys, set->napproval_keys, key) >= 0;
}

/* ids of `from` -> ids of `into`, interning the strings. */
static uint32_t *map_strings(as_strtab *into, const as_strtab *from)
{
	uint32_t *map = as_xmalloc((from->nr + 1) * sizeof(*map));
	for (size_t i = 0; i < from->nr; i++)
		map[i] = as_strtab_intern(into, as_strtab_str(from, (uint32_t)i), from->len[i]);
	return map;
}

void as_metrics_merge(as_metrics *into, const as_metrics *from)
{
	for (int r = 0; r < AS_REL__COUNT; r++) {
		into->assignments[r] += from->assignments[r];
		into->approvals[r] += from->approvals[r];
	}
	into->context_events += from->context_events;
	for (int r = 0; r < AS_REL__COUNT; r++) {
		into->review_requests[r] += from->review_requests[r];
		into->gates[r] += from->gates[r];
	}
	for (int k = 0; k < AS_EV__COUNT; k++)
		into->bot_events[k] += from->bot_events[k];
	into->facts |= from->facts;
	into->known_facts |= from->known_facts;
	as_tracker_stats_merge(&into->trackers, &from->trackers);
	as_timeline_merge(&into->timeline, &from->timeline);

	into->commits += from->commits;
	into->have_paths |= from->have_paths;
	if (from->have_tip) {
		into->tip_tree = from->tip_tree;
		into->tip_time = from->tip_time;
		into->have_tip = 1;
	}
	uint32_t *idents = map_strings(&into->idents, &from->idents);
	uint32_t *files = map_strings(&into->files, &from->files);
	for (size_t i = 0; i < from->idents.nr && i < from->ident_person_alloc; i++)
		set_person(into, idents[i], from->ident_person[i]);
	as_teams_merge(&into->teams, &from->teams);
	as_feedback_merge(&into->feedback, &from->feedback, idents);
	as_silo_merge(&into->silo, &from->silo, files, idents);
	as_work_merge(&into->work, &from->work, idents);
	if (from->first_time && (!into->first_time || from->first_time < into->first_time))
		into->first_time = from->first_time;
	if (from->last_time > into->last_time)
		into->last_time = from->last_time;
	free(idents);
	free(files);
}

/*
 * Who is gone: a person of the org chart whose `left` date is the tip's
 * date or earlier, or (active_months > 0) a developer whose newest commit
 * is older than active_months before the tip.
 */
static void mark_gone(as_metrics *m, const as_metrics_ctx *ctx)
{
	size_t n = m->idents.nr;
	m->gone = as_xcalloc(n + 1, 1);
	m->active_since = ctx->settings.active_months && m->tip_time
		? as_months_before(m->tip_time, ctx->settings.active_months) : 0;
	for (size_t d = 0; d < n; d++) {
		int p = d < m->ident_person_alloc ? m->ident_person[d] : -1;
		int64_t last = d < m->silo.ndevs ? m->silo.last_time[d] : INT64_MIN;
		if (p >= 0 && ctx->org->people[p].left && ctx->org->people[p].left <= m->tip_time)
			m->gone[d] = 1;
		if (m->active_since && last < m->active_since)
			m->gone[d] = 1;
	}
}

/* --without: the developers named, by the ids of this run (a developer
 * who authored nothing in it has none, and changes nothing). */
static void mark_without(as_metrics *m, const as_metrics_ctx *ctx)
{
	if (!ctx->nwithout)
		return;
	m->without = as_xcalloc(m->idents.nr + 1, 1);
	as_buf name = AS_BUF_INIT;
	for (size_t i = 0; i < ctx->nwithout; i++) {
		as_buf_clear(&name);
		if (as_metrics_developer(&name, ctx, ctx->without[i]) < 0)
			continue; /* (the command checked them before the walk) */
		int64_t d = as_strtab_find(&m->idents, name.ptr, name.len);
		if (d >= 0 && !m->without[d]) {
			m->without[d] = 1;
			m->nwithout++;
		}
	}
	as_buf_free(&name);
	as_error_clear();
}

static void count_developers(as_metrics *m)
{
	unsigned char *author = as_xcalloc(m->idents.nr + 1, 1);
	const as_authorship *a = &m->authorship;
	for (size_t t = 0; t < a->paths.nr; t++)
		for (size_t k = 0; a->reason[t] == AS_FILE_COUNTED && k < a->n[t]; k++)
			author[a->ids[a->off[t] + k]] = 1;
	for (size_t d = 0; d < m->idents.nr; d++) {
		m->developers += author[d];
		m->active_developers += author[d] && !m->gone[d];
	}
	free(author);
}

/* The files of the tip, their authors, and the areas' truck factors. */
static int silos(as_metrics *m, const as_metrics_ctx *ctx, git_repository *repo)
{
	as_attributes *attrs = NULL;
	as_file_filter *filter = NULL;
	const as_metrics_settings *set = &ctx->settings;
	int err = as_attributes_load(&attrs, repo, &m->tip_tree);
	if (!err)
		err = as_file_filter_new(&filter, set->silo_include, set->nsilo_include,
					 set->silo_exclude, set->nsilo_exclude, attrs);
	if (!err)
		err = as_authorship_compute(&m->authorship, &m->silo, &m->files, repo,
					    &m->tip_tree, filter);
	m->attributes_skipped = as_attributes_skipped(attrs);
	as_file_filter_free(filter);
	as_attributes_free(attrs);
	if (err < 0)
		return err;
	mark_gone(m, ctx);
	mark_without(m, ctx);
	count_developers(m);
	as_areas_compute(&m->areas, &m->authorship, &m->idents, m->gone, m->without,
			 ctx->org, ctx->ownership, set->silo_min_files);
	m->have_areas = 1;
	return 0;
}

int as_metrics_finish(as_metrics *m, const as_metrics_ctx *ctx,
		      git_repository *repo)
{
	int err = 0;

	m->finished = 1;
	m->org = ctx->org;
	as_tracker_stats_finish(&m->trackers);
	m->settings = ctx->settings;
	m->silo_files = ctx->silo_files;
	if (ctx->have_tip) {
		m->tip_tree = ctx->tip_tree;
		m->have_tip = 1;
	}
	if (m->have_paths && m->have_tip && repo)
		err = silos(m, ctx, repo);
	as_score_inputs in = {
		.assignments = m->assignments,
		.feedback_cross_team = m->feedback.cross_team,
		.feedback_in_team = m->feedback.in_team,
		.silos = m->have_areas ? m->areas.silos : 0,
		.silo_candidates = m->have_areas ? m->areas.candidates : 0,
		.people = ctx->org ? ctx->org->npeople : 0,
	};
	double *autonomy = as_xcalloc(m->teams.nteams + 1, sizeof(*autonomy));
	for (size_t t = 0; t < m->teams.nteams; t++) {
		in.inbound_commits += m->teams.team[t].inbound_commits;
		in.team_commits += m->teams.team[t].commits;
		autonomy[t] = as_team_autonomy(&m->teams.team[t]);
	}
	in.autonomy = autonomy;
	in.nautonomy = m->teams.nteams;
	as_score_compute(&m->score, &in, &m->settings);
	free(autonomy);
	return err;
}

void as_metrics_free(as_metrics *m)
{
	as_tracker_stats_free(&m->trackers);
	as_timeline_free(&m->timeline);
	as_strtab_free(&m->idents);
	as_strtab_free(&m->files);
	as_teams_free(&m->teams);
	as_feedback_free(&m->feedback);
	as_silo_free(&m->silo);
	as_work_free(&m->work);
	as_authorship_free(&m->authorship);
	as_areas_free(&m->areas);
	free(m->gone);
	free(m->without);
	free(m->ident_person);
	as_score_free(&m->score);
	as_buf_free(&m->author_);
	as_buf_free(&m->party_);
	as_owners_free(&m->owners_);
	free(m->owners_off_);
	free(m->owners_n_);
	free(m->owners_pool_);
	free(m->changes_);
	free(m->change_files_);
	free(m->approvers_);
	memset(m, 0, sizeof(*m));
}
