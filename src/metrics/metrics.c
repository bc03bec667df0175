/*
 * The per-commit entry point of the metrics, the merge of the workers'
 * partial metrics and the finish step (metrics.h).
 */
#include "metrics/metrics.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"

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

uint32_t as_metrics_intern_party(as_metrics *m, const as_org *org, int person,
				 const as_buf *text)
{
	if (person >= 0)
		return as_strtab_intern(&m->idents, org->people[person].id,
					strlen(org->people[person].id));
	return as_strtab_intern(&m->idents, as_buf_cstr(text), text->len);
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
		if (giver < 0)
			party_identity(&m->party_, ctx->mailmap, t->value);
		/* One's own review or approval is neither. */
		int self = giver >= 0 || author >= 0
			? giver == author
			: same_identity(as_buf_cstr(&m->party_), as_buf_cstr(&m->author_));
		if (self || (giver < 0 && !m->party_.len))
			continue;
		if (fk >= 0)
			as_feedback_add(&m->feedback, org, (size_t)fk,
					set->nfeedback_keys + AS_REVIEW_KEYS,
					giver, as_metrics_intern_party(m, org, giver, &m->party_),
					author, dev);
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

static void count_paths(as_metrics *m, const as_metrics_ctx *ctx, const as_commit *c,
			const as_paths *paths, int author, uint32_t dev, uint64_t seq)
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
	/* Authorship: a renamed file keeps its history (as_renames_find paired
	 * the sides); renamed with edits, the edits are a change by this
	 * author, not a new file. */
	for (size_t i = 0; i < n; i++) {
		const as_path_change *p = &paths->items[i];
		if (p->partner < 0) {
			as_silo_change(&m->silo, m->change_files_[i], dev,
				       p->status == AS_PATH_ADDED, c->author_time, seq);
		} else if (p->status == AS_PATH_DELETED) {
			const as_path_change *to = &paths->items[p->partner];
			as_silo_rename(&m->silo, m->change_files_[i], m->change_files_[p->partner]);
			if (git_oid_cmp(&p->old_id, &to->new_id))
				as_silo_change(&m->silo, m->change_files_[p->partner], dev, 0,
					       c->author_time, seq);
		}
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
	const as_org *org = ctx->org;

	m->commits++;
	if (seq == 0) {
		git_oid_cpy(&m->tip_tree, &c->tree);
		m->have_tip = 1;
	}
	as_buf_clear(&m->author_);
	as_commit_author(c, &m->author_);
	int author = as_org_resolve(org, as_buf_cstr(&m->author_), m->author_.len);
	uint32_t dev = as_metrics_intern_party(m, org, author, &m->author_);

	count_trailers(m, ctx, c, author, dev);
	if (paths)
		count_paths(m, ctx, c, paths, author, dev, seq);
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
		into->have_tip = 1;
	}
	uint32_t *idents = map_strings(&into->idents, &from->idents);
	uint32_t *files = map_strings(&into->files, &from->files);
	as_teams_merge(&into->teams, &from->teams);
	as_feedback_merge(&into->feedback, &from->feedback, idents);
	as_silo_merge(&into->silo, &from->silo, from->files.nr, files, idents);
	free(idents);
	free(files);
}

int as_metrics_finish(as_metrics *m, const as_metrics_ctx *ctx,
		      git_repository *repo)
{
	int err = 0;

	m->finished = 1;
	m->org = ctx->org;
	as_tracker_stats_finish(&m->trackers);
	m->settings = ctx->settings;
	if (ctx->have_tip) {
		m->tip_tree = ctx->tip_tree;
		m->have_tip = 1;
	}
	if (m->have_paths && m->have_tip && repo) {
		err = as_silo_areas(&m->areas, &m->silo, &m->files, &m->idents, repo,
				    &m->tip_tree, ctx->org, ctx->ownership,
				    ctx->settings.silo_min_files);
		m->have_areas = err == 0;
	}
	as_score_inputs in = {
		.assignments = m->assignments,
		.feedback_cross_team = m->feedback.cross_team,
		.feedback_in_team = m->feedback.in_team,
		.silos = m->have_areas ? m->areas.silos : 0,
		.silo_candidates = m->have_areas ? m->areas.candidates : 0,
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
	as_areas_free(&m->areas);
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
