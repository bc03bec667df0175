#include "source/objects.h"
#include "source/renames.h"
#include "source/repo.h"
#include "pipeline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ahead.h"
#include "copies.h"
#include "detect/detect.h"
#include "judge.h"
#include "source/codeowners_history.h"
#include "source/signature.h"
#include "source/tracker/files.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/error.h"

/* Commits per batch handed to a worker: big enough to make locking rare,
 * small enough to keep memory flat (a batch holds raw commit objects). */
#define BATCH 256
/* ... or fewer, when their messages are this big: huge messages go to
 * every worker, not all to the first */
#define BATCH_BYTES ((size_t)1 << 20)
/* The caches of a run without metrics (below). */
#define LIGHT_CACHE_BYTES ((size_t)4 << 20)
/* commits between two trims of the mapped packs (next_commit) */
#define TRIM_EVERY 8192

typedef struct {
	size_t n;
	size_t bytes;                /* of the objects the walk read */
	uint64_t first_seq;
	git_oid oids[BATCH];
	/* The raw objects as the walk read them: handed over, not copied;
	 * whoever empties the batch frees them (batch_release). NULL when
	 * the walk did not read the commit (a commit-graph, a replay): the
	 * worker reads it. */
	as_raw objs[BATCH];
	/* The first parent's tree when the walk knows it (saves a read). */
	git_oid parent_trees[BATCH];
	unsigned char have_parent_tree[BATCH];
} batch;

static void batch_release(batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		as_raw_free(&b->objs[i]);
	b->n = 0;
	b->bytes = 0;
}

/* What the workers of one scan share, read-only. */
typedef struct {
	const as_scan_opts *opts;
	const as_detector *detector; /* the rules, indexed: own, or the ahead's */
	as_detector own;
	const as_ahead *ahead;       /* commits judged ahead, when they serve */
	as_tracker_paths tracker;    /* tracker_paths, compiled */
} shared;

/* What one worker owns: nothing here is shared. */
typedef struct {
	const shared *sh;
	const as_scan_opts *opts;
	as_scanner *scanner;
	as_matcher *matcher;         /* the scanner's */
	as_commit commit;
	as_buf cut;                  /* an oversized commit with its middle cut out */
	as_events events;
	as_results results;
	as_judge_ctx judge;
	/* this worker's own repository: changed paths, tracker files */
	git_repository *repo;
	git_odb *odb;
	/* commits the walk did not read: read here, with libgit2 (the
	 * scan's repository when the worker has none) for what ours lacks */
	as_objects_reader *reader;
	git_odb *commit_odb;
	as_paths paths;
	as_tracker_lines tracker_lines;
	as_tracker_files tracker_files;
	as_codeowners_history gates;
	int have_gates;
	int err;
	char errmsg[1024];
} worker;

/* A run without metrics (the hook) reads little of a commit besides the
 * commit itself: two or three trees where a tracker glob can match. */
static int reads_little(const as_scan_opts *opts)
{
	return !opts->metrics;
}

static int wants_paths(const as_scan_opts *opts)
{
	return opts->repo && opts->metrics && !opts->no_paths;
}

static int wants_tracker_files(const shared *sh)
{
	return sh->opts->repo && sh->tracker.nglobs && !sh->opts->no_tracker_files;
}

/* CODEOWNERS gates need teams to be over, and the trees. */
static int wants_gates(const as_scan_opts *opts)
{
	return opts->repo && opts->cfg->org.nteams && !opts->no_codeowners;
}

static int wants_signatures(const as_scan_opts *opts)
{
	return opts->pusher && opts->cfg->verify_signatures;
}

static int worker_init(worker *w, const shared *sh)
{
	const as_scan_opts *opts = sh->opts;
	memset(w, 0, sizeof(*w));
	w->sh = sh;
	w->opts = opts;
	w->scanner = as_scanner_new(sh->detector);
	w->matcher = as_scanner_matcher(w->scanner);
	as_commit_init(&w->commit);
	as_paths_init(&w->paths);
	w->judge = (as_judge_ctx){ opts->cfg, w->matcher, &w->results.findings,
				   opts->metrics ? &w->results.metrics : NULL, opts->metrics,
				   opts->facts, NULL };
	if (opts->repo) {
		w->reader = as_objects_reader_new(as_repo_objects(opts->repo));
		if (git_repository_odb(&w->commit_odb, opts->repo) < 0)
			return as_error_git(AS_EINTERNAL, git_repository_path(opts->repo));
	}
	if (!opts->repo || !(wants_paths(opts) || wants_tracker_files(sh) || wants_gates(opts) ||
			     wants_signatures(opts)))
		return 0;
	/* In the hook the push's objects are only visible through the
	 * quarantine environment git gives us. */
	unsigned flags = getenv("GIT_OBJECT_DIRECTORY") ? GIT_REPOSITORY_OPEN_FROM_ENV : 0;
	if (as_repo_open(&w->repo, git_repository_path(opts->repo), flags) < 0 ||
	    git_repository_odb(&w->odb, w->repo) < 0)
		return as_error_git(AS_EINTERNAL, git_repository_path(opts->repo));
	w->tracker_lines = (as_tracker_lines){ opts->cfg, w->matcher };
	as_line_scanner scanner = { as_detect_tracker_line, &w->tracker_lines };
	as_tracker_files_init(&w->tracker_files, w->repo, w->odb, &sh->tracker, &scanner);
	if (reads_little(opts)) {
		/* The hook reads two or three trees of each commit (where a
		 * tracker glob can match): big caches would only be fresh
		 * pages to fault in (bench/hook.sh, 10,000 commits: 13,000
		 * page faults instead of 5,800, 10% more CPU). */
		as_objects_reader_set_cache(w->reader, LIGHT_CACHE_BYTES);
		as_objects_reader_set_cache(as_repo_odb_reader(w->odb), LIGHT_CACHE_BYTES);
		as_tracker_files_set_cache(&w->tracker_files, LIGHT_CACHE_BYTES);
	}
	w->have_gates = wants_gates(opts);
	if (w->have_gates)
		as_codeowners_history_init(&w->gates, w->repo, w->odb, &opts->cfg->org);
	return 0;
}

static void worker_release(worker *w)
{
	as_tracker_files_free(&w->tracker_files);
	as_scanner_free(w->scanner);
	as_buf_free(&w->cut);
	if (w->have_gates)
		as_codeowners_history_free(&w->gates);
	as_commit_free(&w->commit);
	as_events_free(&w->events);
	as_paths_free(&w->paths);
	git_odb_free(w->odb);
	git_repository_free(w->repo);
	as_objects_reader_free(w->reader);
	git_odb_free(w->commit_odb);
}

/* The commit object the walk handed over, or read here when it did not. */
static int commit_data(worker *w, const git_oid *oid, const as_raw *raw,
		       const char **data, size_t *len)
{
	if (raw->data && raw->whole) {
		*data = (const char *)raw->data;
		*len = raw->len;
		return 0;
	}
	as_object obj;
	int err = as_objects_read_any(w->reader, w->commit_odb, oid, 0, &obj);
	if (err < 0)
		return err;
	if (obj.type != GIT_OBJECT_COMMIT) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), oid);
		return as_error_set(AS_EINTERNAL, "%s: not a commit", hex);
	}
	*data = (const char *)obj.data;
	*len = obj.len;
	return 0;
}

/* The paths the commit changed, when they are wanted and readable: NULL
 * otherwise. A tree nested deeper than paths.c follows only loses this
 * commit's paths. */
static int changed_paths(worker *w, const git_oid *parent_tree, const as_paths **out)
{
	*out = NULL;
	if (!w->odb || !wants_paths(w->opts))
		return 0;
	int err = as_paths_commit(&w->paths, w->odb, &w->commit, parent_tree, w->opts->merges);
	if (!err)
		as_renames_find(&w->paths, w->odb);
	if (!err && w->opts->count_lines)
		err = as_paths_count_lines(&w->paths, w->repo);
	if (err < 0 && err != AS_ELIMIT)
		return err;
	if (!err)
		*out = &w->paths;
	return 0;
}

void as_scan_oversized_notice(as_findings *out, const as_commit *c, const as_commit_cut *cut,
			       size_t max, uint64_t seq)
{
	as_buf msg = AS_BUF_INIT, author = AS_BUF_INIT;
	as_buf_printf(&msg, "message of %zu bytes is larger than max_message_bytes (%zu): judged "
		      "on its first %zu and last %zu bytes and every trailer; the %zu bytes "
		      "between were not checked", cut->full_len, max, cut->head, cut->tail,
		      cut->full_len - cut->head - cut->tail);
	as_finding *f = as_findings_add_notice(out, "antisilo:max-message-bytes",
			       AS_SEV_WARNING, c->hex, msg.ptr,
			       "Shorten the message (put logs and pastes in an issue and link it), "
			       "or raise max_message_bytes in [antisilo] to check such messages "
			       "whole.", seq);
	f->title = as_xstrndup(c->subject.ptr, c->subject.len);
	as_commit_author(c, &author);
	f->author = as_buf_detach(&author);
	as_buf_free(&msg);
}

/*
 * The hook: does the commit claim an author of the org chart other than
 * the pusher, without a good signature of that author to back the claim
 * (verify_signatures)? Then its events are judged with the pusher as the
 * author too (judge.h). An unbacked claim under verify_signatures is also
 * said, in a warning of its own.
 */
static int claim_unbacked(worker *w, uint64_t seq)
{
	const as_scan_opts *opts = w->opts;
	const as_config *cfg = opts->cfg;
	as_buf author = AS_BUF_INIT;
	if (!opts->pusher || *opts->pusher < 0)
		return 0;
	as_commit_author(&w->commit, &author);
	int who = as_org_resolve(&cfg->org, author.ptr, author.len);
	as_buf_free(&author);
	if (who < 0 || who == *opts->pusher)
		return 0;
	if (!cfg->verify_signatures || !w->repo)
		return 1;
	as_signature sig;
	int err = as_signature_check(&sig, w->repo, &w->commit.oid, cfg->allowed_signers);
	if (err < 0)
		return err;
	if (sig.good && as_org_resolve(&cfg->org, sig.signer, strlen(sig.signer)) == who)
		return 0;
	as_buf msg = AS_BUF_INIT;
	as_buf_printf(&msg, "the commit names %s as its author without a good signature of "
		      "theirs (%s): judged as the pusher's", cfg->org.people[who].id,
		      !sig.present ? "unsigned" : sig.good ? "signed by someone else" : "bad signature");
	as_finding *f = as_findings_add_notice(&w->results.findings, "antisilo:unverified-author",
		AS_SEV_WARNING, w->commit.hex, msg.ptr,
		"verify_signatures is on: sign your commits (git config commit.gpgSign true), "
		"or push only commits of your own.", seq);
	f->unchecked = 0; /* said, and judged with the pusher: nothing is left unchecked */
	f->title = as_xstrndup(w->commit.subject.ptr, w->commit.subject.len);
	as_buf_free(&msg);
	return 1;
}

/* One commit: its events (detection, tracker files), judged and counted. */
static int process_commit(worker *w, const git_oid *oid, const char *raw,
			  size_t len, const git_oid *parent_tree, uint64_t seq)
{
	const as_config *cfg = w->opts->cfg;
	const as_paths *paths;
	as_commit_cut cut;
	int oversized = as_commit_cut_message(&cut, &w->cut, raw, len, cfg->max_message_bytes);
	int err = oversized
		? as_commit_parse(&w->commit, oid, w->cut.ptr, w->cut.len, w->opts->mailmap)
		: as_commit_parse(&w->commit, oid, raw, len, w->opts->mailmap);
	if (err < 0 || (err = changed_paths(w, parent_tree, &paths)) < 0)
		return err;
	w->results.commits++;
	if (w->opts->metrics)
		as_metrics_commit(&w->results.metrics, w->opts->metrics, &w->commit, paths, seq);

	as_events_reset(&w->events);
	if (oversized)
		as_scan_oversized_notice(&w->results.findings, &w->commit, &cut,
					 cfg->max_message_bytes, seq);
	as_detect_commit(w->sh->detector, w->scanner, &w->commit, oversized ? cut.full : NULL,
			 cut.full_len, seq, &w->events);
	if (w->repo && wants_tracker_files(w->sh) &&
	    (err = as_tracker_files_commit(&w->tracker_files, &w->events, &w->commit, paths,
					   parent_tree, seq)) < 0)
		return err;
	if (w->have_gates &&
	    (err = as_codeowners_history_commit(&w->gates, &w->events, &w->commit, paths,
						parent_tree, seq)) < 0)
		return err;
	if ((err = claim_unbacked(w, seq)) < 0)
		return err;
	w->judge.pusher = err ? w->opts->pusher : NULL;
	as_judge_events(&w->judge, &w->events, 0);
	return 0;
}

/* A commit judged ahead (ahead.h): it yields no event; only its counts.
 * (Not the walk's first: the metrics read its tree, the tip's.) */
static int judged_ahead(worker *w, const git_oid *oid, uint64_t seq)
{
	if (!w->sh->ahead || !seq || !as_ahead_commit(w->sh->ahead, oid, &w->commit))
		return 0;
	w->results.commits++;
	if (w->opts->metrics)
		as_metrics_commit(&w->results.metrics, w->opts->metrics, &w->commit, NULL, seq);
	return 1;
}

static int process_batch(worker *w, batch *b)
{
	int err = 0;
	for (size_t i = 0; i < b->n && !err; i++) {
		const char *data = NULL;
		size_t len = 0;
		/* a batch of huge messages can outlast the deadline by itself */
		if (w->opts->deadline_ms && as_now_ms() > w->opts->deadline_ms) {
			err = as_error_set(AS_ELIMIT, "deadline passed");
			break;
		}
		if (judged_ahead(w, &b->oids[i], b->first_seq + i))
			continue;
		err = commit_data(w, &b->oids[i], &b->objs[i], &data, &len);
		if (!err)
			err = process_commit(w, &b->oids[i], data, len,
					     b->have_parent_tree[i] ? &b->parent_trees[i] : NULL,
					     b->first_seq + i);
	}
	batch_release(b);
	return err < 0 ? err : 0;
}

/* ---- the thread pool: a bounded queue of batches --------------------- */

typedef struct {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	batch **full;          /* ring of batches waiting for a worker */
	size_t cap, head, count;
	batch **spare;         /* batches a worker has finished with */
	size_t nspare;
	int closed;            /* the walk is over (or failed) */
	int failed;            /* a worker failed: stop early */
} pool;

typedef struct {
	pool *p;
	worker w;
	pthread_t thread;
	int running;           /* its thread started */
} pool_worker;

static void *pool_run(void *arg)
{
	pool_worker *pw = arg;
	pool *p = pw->p;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->count && !p->closed && !p->failed)
			pthread_cond_wait(&p->changed, &p->lock);
		if (!p->count || p->failed) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		batch *b = p->full[p->head];
		p->head = (p->head + 1) % p->cap;
		p->count--;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);

		int err = 0;
		if (pw->w.err)
			batch_release(b);
		else
			err = process_batch(&pw->w, b);

		pthread_mutex_lock(&p->lock);
		if (err < 0) {
			pw->w.err = err;
			snprintf(pw->w.errmsg, sizeof(pw->w.errmsg), "%s", as_error_msg());
			p->failed = 1;
		}
		p->spare[p->nspare++] = b;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
}

/* Takes an empty batch, waiting for a worker to hand one back. */
static batch *pool_take(pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (!p->nspare && !p->failed)
		pthread_cond_wait(&p->changed, &p->lock);
	batch *b = p->failed ? NULL : p->spare[--p->nspare];
	pthread_mutex_unlock(&p->lock);
	return b;
}

static void pool_give(pool *p, batch *b)
{
	pthread_mutex_lock(&p->lock);
	p->full[(p->head + p->count) % p->cap] = b;
	p->count++;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

static void merge(as_results *out, worker *w)
{
	as_findings_move(&out->findings, &w->results.findings);
	as_findings_free(&w->results.findings);
	as_metrics_merge(&out->metrics, &w->results.metrics);
	as_metrics_free(&w->results.metrics);
	out->commits += w->results.commits;
}

static void batch_add(batch *b, const as_walk *walk, const git_oid *oid, as_raw obj)
{
	git_oid_cpy(&b->oids[b->n], oid);
	b->have_parent_tree[b->n] = (unsigned char)as_walk_parent_tree(walk, &b->parent_trees[b->n]);
	b->objs[b->n++] = obj;
	b->bytes += obj.len;
}

/* The walk feeds whoever processes: returns the next commit or ends;
 * `lazy`: without reading what the walk did not read itself. */
static int next_commit(as_walk *walk, const as_scan_opts *opts, uint64_t seq, int lazy,
		       git_oid *oid, as_raw *obj, as_results *res)
{
	if (opts->progress && seq && seq % 512 == 0)
		opts->progress(opts->progress_data, seq);
	if (opts->deadline_ms && as_now_ms() > opts->deadline_ms)
		return as_error_set(AS_ELIMIT, "deadline passed after %llu commits",
				    (unsigned long long)seq);
	/* A mapped pack keeps every page read so far resident (and counted
	 * as the process's memory): let the kernel take them back now and
	 * then; what is read again faults in from the page cache. */
	if (opts->repo && seq && seq % TRIM_EVERY == 0 && as_repo_objects(opts->repo))
		as_objects_trim(as_repo_objects(opts->repo));
	int err = lazy ? as_walk_next_lazy(walk, oid, obj) : as_walk_next(walk, oid, obj);
	if (!err && obj->len > AS_BIG_COMMIT) {
		res->big_bytes += obj->len;
		if (opts->heavy && res->big_bytes >= opts->heavy_bytes)
			atomic_store(opts->heavy, 1);
	}
	/* exactly max_commits commits are fine: only one more stops the run */
	if (!err && opts->max_commits && seq >= opts->max_commits) {
		as_raw_free(obj);
		res->over_max_commits = 1;
		return as_error_set(AS_ELIMIT, "more than %llu commits",
				    (unsigned long long)opts->max_commits);
	}
	return err;
}

static int scan_inline(as_results *out, as_walk *walk, const shared *sh)
{
	worker w;
	git_oid oid;
	as_raw obj;
	uint64_t seq = 0;
	int err;

	const as_scan_opts *opts = sh->opts;
	/* with digests, the walk reads nothing: commit_data reads what a
	 * digest does not stand for */
	int lazy = sh->ahead != NULL && opts->repo != NULL;
	err = worker_init(&w, sh);
	while (!err && (err = next_commit(walk, opts, seq, lazy, &oid, &obj, out)) == 0) {
		git_oid parent_tree;
		int have = as_walk_parent_tree(walk, &parent_tree);
		const char *data;
		size_t len;
		if (judged_ahead(&w, &oid, seq))
			seq++;
		else if ((err = commit_data(&w, &oid, &obj, &data, &len)) == 0)
			err = process_commit(&w, &oid, data, len, have ? &parent_tree : NULL,
					     seq++);
		as_raw_free(&obj);
		if (err < 0)
			break;
	}
	merge(out, &w);
	worker_release(&w);
	return err == AS_ENOTFOUND ? 0 : err;
}

/* Starts `jobs` workers on the pool; returns how many run (0: none could). */
static int start_workers(pool *p, pool_worker *pws, int jobs, const shared *sh)
{
	int started = 0;
	for (int i = 0; i < jobs; i++) {
		pws[i].p = p;
		if (worker_init(&pws[i].w, sh) < 0) {
			pws[i].w.err = AS_EINTERNAL;
			snprintf(pws[i].w.errmsg, sizeof(pws[i].w.errmsg), "%s", as_error_msg());
			p->failed = 1;
			continue;
		}
		if (pthread_create(&pws[i].thread, NULL, pool_run, &pws[i]) == 0)
			pws[i].running = 1, started++;
	}
	return started;
}

/* A run that fits in one batch, judged on the calling thread. */
static int judge_here(as_results *out, const shared *sh, batch *b)
{
	worker w;
	int err = worker_init(&w, sh);
	if (!err)
		err = process_batch(&w, b);
	else
		batch_release(b);
	merge(out, &w);
	worker_release(&w);
	return err;
}

static int scan_threads(as_results *out, as_walk *walk, const shared *sh)
{
	const as_scan_opts *opts = sh->opts;
	/* The walk has a thread of its own (this one): `jobs` threads in all
	 * while it reads commits; when it does not (a commit-graph, a
	 * replay), it hardly works, and `jobs` workers judge. The workers
	 * read what the walk did not (they need a repository to read from).
	 * A run without metrics (the hook) reads little else of a commit:
	 * the walk reads each one whole and hands it over, so that no commit
	 * is inflated twice, and `jobs` workers judge beside it (a
	 * 10,000-commit push: 12% less CPU, bench/hook.sh). */
	int lazy = opts->repo != NULL && !reads_little(opts);
	if (lazy)
		as_walk_headers_only(walk);
	int reads = !lazy || as_walk_reads_commits(walk);
	int jobs = reads_little(opts) ? opts->jobs : opts->jobs - reads;
	size_t nbatches = (size_t)jobs * 3;
	pool p = { .cap = nbatches };
	pool_worker *pws = as_xcalloc((size_t)jobs, sizeof(*pws));
	batch *batches = as_xcalloc(nbatches, sizeof(*batches));
	git_oid oid;
	as_raw obj;
	uint64_t seq = 0;
	int err = 0, started = 0, workers = 0, finish = 0;

	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	p.full = as_xcalloc(nbatches, sizeof(*p.full));
	p.spare = as_xcalloc(nbatches, sizeof(*p.spare));
	for (size_t i = 0; i < nbatches; i++)
		p.spare[p.nspare++] = &batches[i];

	/* The workers start when the first batch is full: a run that fits in
	 * one (a push of a few commits) is judged on this thread, without
	 * starting threads that each open the repository (a one-commit hook
	 * on the git.git mirror: 14 ms of CPU instead of 16 to 21). */
	batch *b = pool_take(&p);
	while (b && (err = next_commit(walk, opts, seq, lazy, &oid, &obj, out)) == 0) {
		if (b->n == 0)
			b->first_seq = seq;
		batch_add(b, walk, &oid, obj);
		seq++;
		if (b->n == BATCH || b->bytes >= BATCH_BYTES) {
			if (!workers) {
				workers = 1;
				started = start_workers(&p, pws, jobs, sh);
				if (!started) {
					batch_release(b);
					b = NULL;
					err = as_error_set(AS_EINTERNAL, "cannot start worker threads");
					break;
				}
			}
			pool_give(&p, b);
			b = pool_take(&p);
		}
	}
	/* Past max_commits the commits already walked are still judged;
	 * past the deadline or on an error, nothing more is. */
	finish = err == AS_ENOTFOUND || out->over_max_commits;
	if (b && b->n && finish && !workers) {
		int rc = judge_here(out, sh, b);
		if (rc < 0)
			err = rc;
	} else if (b && b->n && finish) {
		pool_give(&p, b);
	} else if (b) {
		batch_release(b);
	}

	pthread_mutex_lock(&p.lock);
	p.closed = 1;
	if (!finish)
		p.failed = 1; /* the walk failed: stop the workers too */
	pthread_cond_broadcast(&p.changed);
	pthread_mutex_unlock(&p.lock);
	for (int i = 0; i < jobs; i++)
		if (pws[i].running)
			pthread_join(pws[i].thread, NULL);
	for (int i = 0; workers && i < jobs; i++) {
		if (pws[i].w.err && (err == AS_ENOTFOUND || err == 0)) {
			err = pws[i].w.err;
			as_error_set(err, "%s", pws[i].w.errmsg);
		}
		merge(out, &pws[i].w);
		worker_release(&pws[i].w);
	}
	/* A failed run may leave batches no worker took. */
	for (size_t i = 0; i < nbatches; i++)
		batch_release(&batches[i]);
	free(batches);
	free(pws);
	free(p.full);
	free(p.spare);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.changed);
	return err == AS_ENOTFOUND ? 0 : err;
}

int as_scan(as_results *out, as_walk *walk, const as_scan_opts *opts)
{
	const as_config *cfg = opts->cfg;
	shared sh = { .opts = opts };
	memset(out, 0, sizeof(*out));
	/* (tracker_paths were checked when the rules were loaded) */
	int err = as_tracker_paths_init(&sh.tracker, cfg->tracker_paths, cfg->ntracker_paths,
					cfg->max_tracker_file_bytes);
	if (err < 0)
		return err;
	/* A digest judged ahead stands for the commit when nothing else of
	 * it is read: no trees, no signatures. */
	if (opts->ahead && !wants_paths(opts) && !wants_tracker_files(&sh) &&
	    !wants_gates(opts) && !wants_signatures(opts))
		sh.ahead = opts->ahead;
	if (opts->ahead) {
		sh.detector = as_ahead_detector(opts->ahead);
	} else if (opts->detector) {
		sh.detector = opts->detector;
	} else {
		as_detector_init(&sh.own, cfg);
		sh.detector = &sh.own;
	}
	err = opts->jobs <= 1 ? scan_inline(out, walk, &sh) : scan_threads(out, walk, &sh);
	if (sh.detector == &sh.own)
		as_detector_release(&sh.own);
	as_tracker_paths_free(&sh.tracker);
	/* a commit that repeats another's patch repeats its findings */
	if (!err && opts->repo) {
		int rc = as_copies_refer(&out->findings, opts->metrics ? &out->metrics : NULL,
					 opts->repo);
		if (rc < 0)
			err = rc;
	}
	as_findings_sort(&out->findings);
	return err;
}

void as_scan_exports(as_results *out, const as_exports *x, const as_config *cfg,
		     const as_metrics_ctx *mctx, int64_t since, int64_t until)
{
	as_matcher *m = as_matcher_new(cfg);
	as_judge_ctx judge = { cfg, m, &out->findings, &out->metrics, mctx, x->facts, NULL };
	as_tracker_stats *st = &out->metrics.trackers;
	as_events evs = { 0 };
	uint64_t seq = out->commits;

	out->metrics.facts |= x->facts;
	out->metrics.known_facts |= x->known;
	for (size_t k = 0; k < x->nr; k++) {
		const as_export *e = x->items[k];
		int grouped = as_export_grouped(e);
		st->files++;
		st->records += e->records;
		for (size_t i = 0; i < e->nrecs;) {
			/* one record, or the records of one group (a pull request
			 * and its reviews), judged and counted together */
			size_t end = i + 1;
			while (grouped && end < e->nrecs &&
			       as_export_group(e, end) == as_export_group(e, i))
				end++;
			as_events_reset(&evs);
			for (; i < end; i++) {
				as_event *ev = as_events_add(&evs);
				if (as_export_event(e, i, ev)) {
					st->cancelled++;
					evs.nr--;
					continue;
				}
				if (ev->time && ((since && ev->time < since) ||
						 (until && ev->time > until))) {
					st->outside_window++;
					evs.nr--;
					continue;
				}
				/* after the commits, in file order */
				ev->seq = seq++;
			}
			if (evs.nr)
				as_judge_events(&judge, &evs, 0);
		}
	}
	as_findings_sort(&out->findings);
	as_events_free(&evs);
	as_matcher_free(m);
}

void as_results_note(as_results *r, const char *note)
{
	AS_GROW(r->notes, r->nnotes + 1, r->notes_alloc);
	r->notes[r->nnotes++] = as_xstrdup(note);
}

void as_results_free(as_results *r)
{
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	as_findings_free(&r->findings);
	as_metrics_free(&r->metrics);
}
