/*
 * antisilo pre-receive: the server hook (SPEC §7).
 *
 * git runs it once per push, after the objects arrived and before any ref
 * moves, with one "<old> <new> <ref>" line per ref on stdin. It judges the
 * commits the push makes new and exits 1 to reject the push (enforce mode,
 * findings at or above fail_on) or 0 to let it land. It never writes to
 * the repository.
 *
 * Which commits are judged. With GIT_QUARANTINE_PATH (git >= 2.13 puts the
 * pushed objects there until the hook accepts them): the commits whose
 * objects the push brought, reachable from a new tip without passing
 * through history the repository already had. That reads no refs, so it
 * costs the same with 10 refs or 100,000. Without it (older git, a run by
 * hand): what `git rev-list NEW... --not --all` gives, every existing ref
 * hidden (refs still hold their old values during pre-receive). The two
 * differ only when a push re-sends commits the server already had
 * unreferenced (after a branch deletion, before gc): the first judges
 * them again. Each commit is judged once however many refs carry it.
 *
 * Failures. Whatever stops antisilo from finishing the check — the
 * deadline, unreadable objects, malformed input — applies on_error of the
 * rules (allow or reject) and says so; findings found before the stop
 * still reject in enforce mode. What antisilo cannot handle itself (the
 * rules cannot be loaded, so on_error is unknown; a crash) ends with exit
 * status 2 or 3 and hooks/pre-receive applies on_error for it. A watchdog
 * timer ends the process shortly after the deadline if something blocks.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "source/repo.h"
#include "cmd/cmd.h"
#include "cmd/options.h"
#include "config/locate.h"
#include "originals.h"
#include "pipeline.h"
#include "util/clock.h"
#include "report/json.h"
#include "report/push_log.h"
#include "report/pusher.h"
#include "source/mailmap.h"
#include "source/push.h"
#include "source/push_identity.h"
#include "source/walk.h"
#include "util/alloc.h"
#include "util/append.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

static const char usage[] =
	"usage: antisilo pre-receive [--rules FILE]\n"
	"\n"
	"The git server hook: reads git's \"<old> <new> <ref>\" lines on stdin,\n"
	"judges the commits the push makes new and exits 1 to reject the push.\n"
	"Install it with install.sh, which runs it through hooks/pre-receive.\n"
	"\n"
	"  --rules FILE   rules file (default: $ANTISILO_RULES, git config\n"
	"                 antisilo.rules, $GIT_DIR/antisilo/rules.ini, the site\n"
	"                 file, then the installed default; never a file of the push)\n"
	"  --jobs N       threads, the walking one included (default: 2, or 1 on\n"
	"                 a single CPU)\n"
	"\n"
	"Exit status: 0 accepted, 1 rejected, 2 the rules cannot be loaded,\n"
	"3 internal error before the rules were loaded (hooks/pre-receive then\n"
	"applies on_error).\n";

/* How long after the deadline the watchdog ends a run that is stuck in
 * something the deadline checks do not cover. */
#define WATCHDOG_GRACE_MS 250
/* The deadline before the rules are loaded (the default deadline_ms). */
#define EARLY_DEADLINE_MS 4000
/* Ref update lines: more is not a push git would send. */
#define MAX_STDIN (64u << 20)
/* Commits whose findings are printed; the rest are counted. */
#define MAX_COMMITS_SHOWN 20
#define WAIVE_OPTION "antisilo.waive"

/* The "<old> <new> <ref>" lines: source/push.c parses them. */
typedef as_ref_update ref_update;
typedef as_ref_updates ref_updates;

/* ---- watchdog ---------------------------------------------------------- */

static char watchdog_msg[512];
static size_t watchdog_len;
static int watchdog_status;
/* The same, when the push's huge messages kept the run busy (the scan
 * sets watchdog_heavy): on_incomplete's answer, not on_error's. */
static char watchdog_heavy_msg[512];
static size_t watchdog_heavy_len;
static int watchdog_heavy_status;
static _Atomic int watchdog_heavy;

static void watchdog_fire(int sig)
{
	(void)sig;
	int heavy = atomic_load(&watchdog_heavy);
	ssize_t r = write(2, heavy ? watchdog_heavy_msg : watchdog_msg,
			  heavy ? watchdog_heavy_len : watchdog_len);
	(void)r;
	_exit(heavy ? watchdog_heavy_status : watchdog_status);
}

/* What the watchdog says and does when the push's content kept it busy. */
static void watchdog_heavy_answer(int status, const char *msg)
{
	snprintf(watchdog_heavy_msg, sizeof(watchdog_heavy_msg), "%s", msg);
	watchdog_heavy_len = strlen(watchdog_heavy_msg);
	watchdog_heavy_status = status;
}

static void watchdog_disarm(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

/* At `at_ms` (as_now_ms clock), prints `msg` and exits with `status`. */
static void watchdog_arm(int64_t at_ms, int status, const char *msg)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 0 } };
	int64_t left = at_ms - as_now_ms();

	watchdog_disarm();
	snprintf(watchdog_msg, sizeof(watchdog_msg), "%s", msg);
	watchdog_len = strlen(watchdog_msg);
	watchdog_status = status;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = watchdog_fire;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	if (left < 1)
		left = 1;
	it.it_value.tv_sec = (time_t)(left / 1000);
	it.it_value.tv_usec = (suseconds_t)(left % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* ---- stdin ------------------------------------------------------------- */

/* Reads all of stdin, giving up at the deadline (0 = none). */
static int read_input(as_buf *in, int64_t deadline)
{
	for (;;) {
		if (deadline) {
			int64_t left = deadline - as_now_ms();
			if (left <= 0)
				return as_error_set(AS_ELIMIT, "the deadline passed while reading the ref updates on stdin");
			struct pollfd pfd = { .fd = 0, .events = POLLIN };
			int r = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
			if (r < 0 && errno != EINTR)
				return as_error_set(AS_EINTERNAL, "stdin: %s", strerror(errno));
			if (r <= 0)
				continue;
		}
		as_buf_grow(in, 65536);
		ssize_t n = read(0, in->ptr + in->len, 65536);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return as_error_set(AS_EINTERNAL, "stdin: %s", strerror(errno));
		}
		if (n == 0)
			return 0;
		in->len += (size_t)n;
		in->ptr[in->len] = '\0';
		if (in->len > MAX_STDIN)
			return as_error_set(AS_EINPUT, "stdin: more than %u MiB of ref updates", MAX_STDIN >> 20);
	}
}

/* ---- the commits to judge -------------------------------------------- */

/*
 * The commit a new ref value stands for: a commit, or what an annotated
 * tag (of a tag...) peels to. Returns 1 and fills *out, 0 when there is no
 * commit to judge (a deletion; a tag of a tree or a blob; a tree or a blob
 * itself), or AS_EINTERNAL when the object cannot be read.
 */
static int tip_commit(git_oid *out, git_repository *repo, git_odb *odb, const ref_update *u)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_object_t type;
	size_t size;

	if (git_oid_is_zero(&u->new_oid))
		return 0;
	git_oid_tostr(hex, sizeof(hex), &u->new_oid);
	int rc = git_odb_read_header(&size, &type, odb, &u->new_oid);
	if (rc == GIT_ENOTFOUND)
		return as_error_set(AS_EINTERNAL, "%s: object %s not found", u->ref, hex);
	if (rc < 0)
		return as_error_git(AS_EINTERNAL, u->ref);
	if (type == GIT_OBJECT_COMMIT) {
		git_oid_cpy(out, &u->new_oid);
		return 1;
	}
	if (type != GIT_OBJECT_TAG)
		return 0;

	git_object *tag = NULL, *peeled = NULL;
	if (git_object_lookup(&tag, repo, &u->new_oid, GIT_OBJECT_TAG) < 0)
		return as_error_set(AS_EINTERNAL, "%s: tag %s cannot be read: %s", u->ref, hex,
				    git_error_last() ? git_error_last()->message : "?");
	int err = git_object_peel(&peeled, tag, GIT_OBJECT_COMMIT);
	git_object_free(tag);
	if (err == GIT_EINVALIDSPEC || err == GIT_EPEEL)
		return 0; /* a tag of a tree or a blob: no commit to judge */
	if (err < 0)
		return as_error_set(AS_EINTERNAL, "%s: tag %s cannot be peeled: %s", u->ref, hex,
				    git_error_last() ? git_error_last()->message : "?");
	git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	return 1;
}

/*
 * Without a quarantine: hide what every existing ref reaches, as
 * `--not --all` does. Dangling symbolic refs and refs to trees or blobs
 * are skipped, not fatal (LIBNOTES: git_revwalk_hide_glob stops at the
 * first and leaves the walk half-hidden).
 */
static int hide_existing_refs(as_walk *walk, git_repository *repo)
{
	git_reference_iterator *it;
	git_reference *ref;
	git_oid head;
	int err = 0;

	if (git_reference_iterator_new(&it, repo) < 0)
		return as_error_git(AS_EINTERNAL, "cannot list references");
	while (!err && git_reference_next(&ref, it) == 0) {
		git_object *obj = NULL;
		if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0)
			err = as_walk_add_oid(walk, git_object_id(obj), 1);
		git_object_free(obj);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (!err && git_reference_name_to_id(&head, repo, "HEAD") == 0) {
		git_object *obj = NULL;
		if (git_object_lookup(&obj, repo, &head, GIT_OBJECT_COMMIT) == 0)
			err = as_walk_add_oid(walk, &head, 1);
		git_object_free(obj);
	}
	git_error_clear();
	return err;
}

/* Builds the walk of the commits this push makes new; *ntips = 0 when
 * there is nothing to judge (then *out is NULL). */
static int push_walk(as_walk **out, size_t *ntips, git_repository *repo,
		     const ref_updates *ups)
{
	git_odb *odb = NULL;
	git_oid *tips = NULL;
	size_t n = 0;
	const char *quarantine = getenv("GIT_QUARANTINE_PATH");
	int err;

	*out = NULL;
	if (git_repository_odb(&odb, repo) < 0)
		return as_error_git(AS_EINTERNAL, "cannot open the object database");
	tips = as_xcalloc(ups->nr + 1, sizeof(*tips));
	for (size_t i = 0; i < ups->nr; i++) {
		err = tip_commit(&tips[n], repo, odb, &ups->items[i]);
		if (err < 0)
			goto done;
		n += (size_t)err;
	}
	err = 0;
	*ntips = n;
	if (!n)
		goto done;
	if ((err = as_walk_new(out, repo)) < 0)
		goto done;
	if (quarantine && *quarantine)
		err = as_walk_limit_to_objects(*out, quarantine);
	for (size_t i = 0; !err && i < n; i++)
		err = as_walk_add_oid(*out, &tips[i], 0);
	if (!err && !(quarantine && *quarantine))
		err = hide_existing_refs(*out, repo);
	if (err) {
		as_walk_free(*out);
		*out = NULL;
	}
done:
	free(tips);
	git_odb_free(odb);
	return err;
}

/* ---- push options and waivers ------------------------------------------ */

/*
 * The reason of the last `-o antisilo.waive=REASON` push option (git hands
 * options to the hook as GIT_PUSH_OPTION_COUNT and GIT_PUSH_OPTION_<i>).
 * Returns NULL when none was sent; "" for an option without a reason.
 */
static const char *waiver_reason(void)
{
	const char *count = getenv("GIT_PUSH_OPTION_COUNT");
	const char *reason = NULL;
	char *end, name[64];
	long n;

	if (!count || !*count)
		return NULL;
	n = strtol(count, &end, 10);
	if (*end || n < 0 || n > 100000)
		return NULL;
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "GIT_PUSH_OPTION_%ld", i);
		const char *opt = getenv(name);
		if (!opt || strncmp(opt, WAIVE_OPTION, strlen(WAIVE_OPTION)))
			continue;
		const char *rest = opt + strlen(WAIVE_OPTION);
		if (*rest == '=')
			reason = rest + 1;
		else if (!*rest)
			reason = "";
	}
	return reason;
}

/* ---- the verdict --------------------------------------------------------- */

typedef struct {
	const as_config *cfg;
	git_repository *repo;
	const ref_updates *ups;
	as_results *res;
	int scan_err;            /* 0, or why the scan stopped early */
	const char *detail;      /* text from the push that the error is about */
	int64_t deadline;
	const as_push_identity *pusher;  /* NULL: no variable names one */
	int pusher_person;       /* in the org chart, or -1 */
	as_pusher out;
	int reject;
	int busy;                /* the deadline passed while the hook judged
				  * the push's huge messages: its doing */
} verdict;

/* The server-side record of a push (report/push_log.h). */
static int log_push(const verdict *v, const char *file, const char *event, const char *why,
		    int unchecked_only)
{
	const as_config *cfg = v->cfg;
	as_push_log l = {
		.event = event, .outcome = v->reject ? "rejected" : "accepted", .why = why,
		.pusher = v->pusher ? v->pusher->name : NULL,
		.pusher_from = v->pusher ? v->pusher->from : NULL,
		.person = v->pusher_person >= 0 ? cfg->org.people[v->pusher_person].id : NULL,
		.repository = git_repository_path(v->repo), .refs = v->ups,
		.findings = &v->res->findings, .min = cfg->fail_on, .unchecked_only = unchecked_only,
	};
	return as_push_log_write(&l, file, v->deadline);
}

/* Incomplete checks and faults: audit_log, else waiver_log, else syslog. */
static void log_audit(verdict *v, const char *event, const char *why, int unchecked_only)
{
	const char *file = v->cfg->audit_log ? v->cfg->audit_log : v->cfg->waiver_log;
	if (log_push(v, file, event, why, unchecked_only) < 0)
		as_pusher_say(&v->out, 0, "(the server could not record this: %s)", as_error_msg());
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Lowest severity printed: warnings, or fail_on when it is info. */
static as_severity shown_from(const as_config *cfg)
{
	return as_pusher_shown_from(cfg->fail_on);
}

/*
 * Whether on_error rejects: only in enforce mode (warn mode never
 * rejects, SPEC §7).
 */
static int on_error_rejects(const as_config *cfg)
{
	return cfg->mode == AS_MODE_ENFORCE && cfg->on_error_reject;
}

/* The on_error line: `allowed` or `rejected` ends it. */
static const char *on_error_text(const as_config *cfg, const char *allowed, const char *rejected,
				 as_buf *out)
{
	if (cfg->mode != AS_MODE_ENFORCE)
		as_buf_printf(out, "mode warn: push accepted%s", allowed);
	else if (cfg->on_error_reject)
		as_buf_printf(out, "on_error = reject: push rejected%s", rejected);
	else
		as_buf_printf(out, "on_error = allow: push accepted%s", allowed);
	return as_buf_cstr(out);
}

/* Applies on_error and says so. */
static void on_error_line(verdict *v, const char *allowed, const char *rejected)
{
	as_buf line = AS_BUF_INIT;
	as_pusher_say(&v->out, 0, "%s", on_error_text(v->cfg, allowed, rejected, &line));
	v->reject = on_error_rejects(v->cfg);
	as_buf_free(&line);
}

#define UNCHECKED " without a complete check", ": antisilo could not check it"

/* "pusher alice", "pusher zed (not in the org chart)", "pusher not known":
 * every verdict says who pushed (docs/server.md lists where it comes
 * from). */
static const char *pusher_text(const verdict *v, as_buf *out)
{
	if (!v->pusher)
		as_buf_puts(out, "pusher not known");
	else if (v->pusher_person >= 0)
		as_buf_printf(out, "pusher %s", v->cfg->org.people[v->pusher_person].id);
	else
		as_buf_printf(out, "pusher %s (not in the org chart)", v->pusher->name);
	return as_buf_cstr(out);
}

static void summary_line(verdict *v, const char *outcome)
{
	const as_config *cfg = v->cfg;
	as_pusher_counts c;
	as_buf counts = AS_BUF_INIT, who = AS_BUF_INIT;
	uint64_t n = v->res->commits;

	as_pusher_count(&c, &v->res->findings, shown_from(cfg));
	if (!n && !c.total) {
		as_pusher_say(&v->out, 0, "%s: no new commits to check (%s)", outcome,
			      pusher_text(v, &who));
		as_buf_free(&who);
		return;
	}
	as_pusher_counts_text(&counts, &c);
	if (c.total)
		as_buf_printf(&counts, " in %zu of", c.commits);
	else
		as_buf_puts(&counts, " in");
	as_pusher_line(&v->out, "%s: %s %llu new %s (mode %s, fail_on %s; %s)", outcome,
		       as_buf_cstr(&counts), (unsigned long long)n, plural(n, "commit", "commits"),
		       cfg->mode == AS_MODE_ENFORCE ? "enforce" : "warn",
		       as_severity_name(cfg->fail_on), pusher_text(v, &who));
	as_buf_free(&counts);
	as_buf_free(&who);
}

/*
 * How to fix the rejected commits: when the push updated one existing
 * ref, rebase onto where its history and the server's meet (the old tip
 * itself for a fast-forward, the fork point for a force push); onto the
 * upstream otherwise.
 */
static void fix_hint(verdict *v)
{
	const as_findings *fs = &v->res->findings;
	char base[GIT_OID_HEXSZ + 1] = "";
	int files = 0;
	git_oid fork;

	if (v->ups->nr == 1 && !git_oid_is_zero(&v->ups->items[0].old_oid) &&
	    !git_oid_is_zero(&v->ups->items[0].new_oid) &&
	    git_merge_base(&fork, v->repo, &v->ups->items[0].old_oid, &v->ups->items[0].new_oid) == 0)
		git_oid_tostr(base, sizeof(base), &fork);
	git_error_clear();
	for (size_t i = 0; i < fs->nr; i++)
		if (fs->items[i].severity >= v->cfg->fail_on && fs->items[i].severity < AS_SEV_NEVER &&
		    fs->items[i].source == AS_ORIGIN_TRACKER_FILE)
			files = 1;
	as_pusher_fix_pushed(&v->out, base, files);
}

/*
 * What the push itself left unchecked (a message or tracker file past its
 * bound, a pattern stopped by a PCRE2 limit, more commits than
 * max_push_commits): on_incomplete decides, never on_error — a pusher must
 * not buy an unchecked push more cheaply than a logged waiver.
 */
static void decide_incomplete(verdict *v, int blocking, const char *reason, size_t unchecked)
{
	const as_config *cfg = v->cfg;
	int enforce = cfg->mode == AS_MODE_ENFORCE;
	as_buf why = AS_BUF_INIT;

	if (v->res->over_max_commits) {
		as_buf_printf(&why, "more than max_push_commits (%zu) new commits", cfg->max_push_commits);
		as_pusher_say(&v->out, 0, "%s: %llu checked, the rest not: push in smaller parts, "
			      "or ask the administrator to raise max_push_commits", why.ptr,
			      (unsigned long long)v->res->commits);
	}
	if (v->scan_err == AS_ELIMIT && v->busy && !v->res->over_max_commits) {
		as_buf_printf(&why, "deadline_ms (%ld ms) passed while the push's huge messages "
			      "were judged (%llu MiB in messages over %zu KiB; %llu new %s judged)",
			      cfg->deadline_ms, (unsigned long long)(v->res->big_bytes >> 20),
			      AS_BIG_COMMIT >> 10, (unsigned long long)v->res->commits,
			      plural(v->res->commits, "commit", "commits"));
		as_pusher_say(&v->out, 0, "%s, the rest not: push in smaller parts or shorten the "
			      "messages (put logs and pastes in an issue and link it), or ask the "
			      "administrator to raise deadline_ms", why.ptr);
	}
	if (unchecked) {
		as_buf_printf(&why, "%s%zu %s where a bound stopped the check", why.len ? "; " : "",
			      unchecked, plural(unchecked, "place", "places"));
		as_pusher_say(&v->out, 0, "not fully checked: %zu %s above %s where a bound stopped "
			      "the check: shorten the message or split the commit (git commit --amend, "
			      "git rebase -i), or ask the administrator to raise the bound it names",
			      unchecked, plural(unchecked, "warning", "warnings"),
			      unchecked == 1 ? "says" : "say");
	}
	int rejects = enforce && (blocking || cfg->on_incomplete == AS_INCOMPLETE_REJECT);
	if (rejects && reason && *reason) {
		/* the price of an unchecked push: a waiver, logged */
		if (log_push(v, cfg->waiver_log, "waiver", reason, 0) < 0) {
			v->reject = 1;
			as_pusher_say(&v->out, 0, "waiver refused: it cannot be recorded in the waiver "
				      "log: %s", as_error_msg());
			summary_line(v, "push rejected");
		} else {
			as_pusher_quote(&v->out, 0, "waiver reason: ", reason, 200);
			summary_line(v, "push accepted with a waiver, without a complete check");
			as_pusher_say(&v->out, 0, "waiver recorded in the server's waiver log");
		}
	} else if (rejects) {
		v->reject = 1;
		if (reason)
			as_pusher_say(&v->out, 0, "waiver refused: give a reason: -o %s=\"reason\"",
				      WAIVE_OPTION);
		if (blocking) {
			fix_hint(v);
			summary_line(v, "push rejected");
		} else
			as_pusher_say(&v->out, 0, "on_incomplete = reject: push rejected: part of it "
				      "could not be checked");
		if (cfg->allow_waiver)
			as_pusher_say(&v->out, 0, "to push anyway: git push -o %s=\"reason\"", WAIVE_OPTION);
	} else if (!enforce) {
		as_pusher_say(&v->out, 0, "mode warn: push accepted without a complete check");
	} else {
		as_pusher_say(&v->out, 0, "on_incomplete = %s: push accepted without a complete check",
			      cfg->on_incomplete == AS_INCOMPLETE_WARN ? "warn" : "allow");
	}
	log_audit(v, "incomplete", why.ptr, 1);
	as_buf_free(&why);
}

/*
 * Whose doing is a passed deadline? A push that brought this many bytes
 * of huge commit messages (over AS_BIG_COMMIT each; honest pushes of
 * 100,000 commits bring none and are judged in a fraction of deadline_ms)
 * made the hook read them: on_incomplete, as for any bound the push
 * reached. Otherwise antisilo or the server was too slow: on_error.
 */
#define BUSY_BIG_BYTES ((uint64_t)4 << 20)

/* antisilo itself could not finish (the deadline, an unreadable object,
 * malformed input): on_error decides. */
static void decide_fault(verdict *v, int blocking, const char *reason)
{
	const as_config *cfg = v->cfg;
	as_buf why = AS_BUF_INIT;
	if (v->scan_err == AS_ELIMIT)
		as_buf_printf(&why, "deadline_ms (%ld ms) passed after %llu new %s", cfg->deadline_ms,
			      (unsigned long long)v->res->commits,
			      plural(v->res->commits, "commit", "commits"));
	else
		as_buf_printf(&why, "internal error: %s", as_error_msg());
	as_pusher_say(&v->out, 0, "%s", why.ptr);
	if (v->detail && *v->detail)
		as_pusher_raw(&v->out, 2, "> ", v->detail, 200);
	if (reason)
		as_pusher_say(&v->out, 0, "waiver not applied: the push was not fully checked");
	if (cfg->mode == AS_MODE_ENFORCE && blocking) {
		v->reject = 1;
		fix_hint(v);
		summary_line(v, "push rejected");
	} else {
		on_error_line(v, UNCHECKED);
	}
	log_audit(v, "fault", why.ptr, 0);
	as_buf_free(&why);
}

static void decide(verdict *v)
{
	const as_config *cfg = v->cfg;
	const as_findings *fs = &v->res->findings;
	int blocking = cfg->fail_on != AS_SEV_NEVER && as_findings_max_severity(fs) >= cfg->fail_on;
	int enforce = cfg->mode == AS_MODE_ENFORCE;
	const char *reason = waiver_reason();
	size_t unchecked = as_findings_unchecked(fs);
	/* past max_push_commits the scan stops with AS_ELIMIT too, but that
	 * is the push's doing, not antisilo's */
	int fault = v->scan_err &&
		    !(v->scan_err == AS_ELIMIT && (v->res->over_max_commits || v->busy));

	as_pusher_findings(&v->out, fs, shown_from(cfg), MAX_COMMITS_SHOWN);
	if (fault) {
		decide_fault(v, blocking, reason);
		return;
	}
	if (unchecked || v->res->over_max_commits || (v->scan_err == AS_ELIMIT && v->busy)) {
		if (reason && !cfg->allow_waiver)
			as_pusher_say(&v->out, 0, "waiver ignored: allow_waiver is off on this server");
		decide_incomplete(v, blocking, cfg->allow_waiver ? reason : NULL, unchecked);
		return;
	}

	if (reason && !cfg->allow_waiver) {
		as_pusher_say(&v->out, 0, "waiver ignored: allow_waiver is off on this server");
		reason = NULL;
	}
	if (!enforce || !blocking) {
		if (reason)
			as_pusher_say(&v->out, 0, "waiver not needed: nothing to waive, nothing recorded");
		summary_line(v, "push accepted");
		if (!enforce && blocking)
			as_pusher_say(&v->out, 0, "mode warn: in enforce mode this push would be rejected");
		return;
	}
	if (!reason) {
		v->reject = 1;
		fix_hint(v);
		summary_line(v, "push rejected");
		if (cfg->allow_waiver)
			as_pusher_say(&v->out, 0, "to push anyway: git push -o %s=\"reason\"", WAIVE_OPTION);
		return;
	}
	if (!*reason) {
		v->reject = 1;
		as_pusher_say(&v->out, 0, "waiver refused: give a reason: -o %s=\"reason\"", WAIVE_OPTION);
		summary_line(v, "push rejected");
		return;
	}
	if (log_push(v, cfg->waiver_log, "waiver", reason, 0) < 0) {
		as_pusher_say(&v->out, 0, "waiver refused: it cannot be recorded in the waiver log:");
		as_pusher_say(&v->out, 2, "%s", as_error_msg());
		on_error_line(v, ", waiver not recorded", ", waiver not recorded");
		return;
	}
	as_pusher_quote(&v->out, 0, "waiver reason: ", reason, 200);
	summary_line(v, "push accepted with a waiver");
	as_pusher_say(&v->out, 0, "waiver recorded in the server's waiver log");
}

/* ---- the command ------------------------------------------------------- */

static int parse_args(int argc, char **argv, const char **rules, int *jobs)
{
	const cmd_option table[] = { CMD_OPT_RULES(rules), CMD_OPT_JOBS(jobs, 64), CMD_OPT_END };
	return cmd_parse_options(argc, argv, table, usage, NULL);
}

/*
 * The rules, for a pusher: a rules file that does not load is the
 * administrator's to fix, and its path and contents are the server's
 * business. The pusher is told to ask; the details go to the system log
 * (and `antisilo check-rules` on the server shows them).
 */
static int load_rules(as_config *cfg, const char *cli_rules, git_repository *repo)
{
	char *path = NULL;
	const char *why = NULL;
	int err = as_config_locate_repo(&path, &why, cli_rules, repo);
	if (!err)
		err = as_config_load(cfg, path);
	free(path);
	if (!err)
		return 0;
	openlog("antisilo", LOG_PID, LOG_USER);
	syslog(LOG_ERR, "pre-receive: cannot load the rules: %s", as_error_msg());
	closelog();
	return cmd_fail(as_error_exit_code(err), "this server's antisilo rules cannot be loaded: "
			"ask your administrator (the details are in the server's system log; "
			"`antisilo check-rules` on the server shows them)");
}

/* Opens the repository the hook runs in, with the push's quarantined
 * objects: git_repository_open_ext with GIT_REPOSITORY_OPEN_FROM_ENV reads
 * GIT_DIR, GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES.
 * libgit2 1.5 reads GIT_DIR only when the start path is NULL (with "." it
 * searches from the current directory): git runs hooks inside the
 * repository, but a GitHub Enterprise environment (a chroot) need not. */
static int open_repo(git_repository **out)
{
	const char *git_dir = getenv("GIT_DIR");
	if (as_repo_open(out, git_dir && *git_dir ? NULL : ".", GIT_REPOSITORY_OPEN_FROM_ENV) < 0) {
		const git_error *e = git_error_last();
		/* libgit2 1.5 refuses extensions.objectFormat = sha256 */
		if (e && e->message && strstr(e->message, "objectformat"))
			return cmd_fail(3, "cannot open the repository: SHA-256 repositories are "
					"not supported (libgit2 1.5 reads SHA-1 repositories only)");
		return cmd_fail(3, "cannot open the repository: %s",
				e && e->message ? e->message : "unknown error");
	}
	return 0;
}

/* The pusher's person: their login ("@name"), e-mail, or name. */
static int resolve_pusher(const as_org *org, const as_push_identity *id)
{
	char login[260];
	int p = -1;
	if (id->email[0])
		p = as_org_resolve(org, id->email, strlen(id->email));
	if (p < 0 && id->name[0] != '@') {
		snprintf(login, sizeof(login), "@%s", id->name);
		p = as_org_resolve(org, login, strlen(login));
	}
	if (p < 0)
		p = as_org_resolve(org, id->name, strlen(id->name));
	return p;
}

/*
 * The rules made ready for detection (a few milliseconds: the lexicons'
 * words indexed) on a thread of their own, while the hook reads its
 * input, walks the push and reads the mailmap.
 */
typedef struct {
	pthread_t thread;
	int started;
	as_detector detector;
	const as_config *cfg;
} detector_job;

static void *detector_run(void *data)
{
	detector_job *j = data;
	as_detector_init(&j->detector, j->cfg);
	return NULL;
}

static void detector_start(detector_job *j, const as_config *cfg)
{
	j->cfg = cfg;
	j->started = pthread_create(&j->thread, NULL, detector_run, j) == 0;
	if (!j->started)
		detector_run(j);
}

static as_detector *detector_wait(detector_job *j)
{
	if (j->started)
		pthread_join(j->thread, NULL);
	j->started = 0;
	return &j->detector;
}

/* Everything after the rules are loaded: on_error is known from here on,
 * so every failure is answered with it. Returns 0 (accept) or 1 (reject). */
static int judge_push(const as_config *cfg, git_repository *repo, int jobs, int64_t start)
{
	int64_t deadline = cfg->deadline_ms ? start + cfg->deadline_ms : 0;
	int gitlab = getenv("GL_ID") && *getenv("GL_ID");
	as_buf input = AS_BUF_INIT, bad = AS_BUF_INIT;
	ref_updates ups = { 0 };
	as_mailmap *mm = NULL;
	as_walk *walk = NULL;
	as_results res;
	as_push_identity id;
	detector_job dj;
	size_t ntips = 0;
	int err, person = -1;

	memset(&res, 0, sizeof(res));
	detector_start(&dj, cfg);
	int have_id = as_push_identity_read(&id, cfg->pusher_env) == 0;
	if (have_id)
		person = resolve_pusher(&cfg->org, &id);
	if (deadline) {
		/* What the watchdog prints: the same as the deadline below. */
		const char *gl = gitlab && on_error_rejects(cfg) ? "GL-HOOK-ERR: " : "";
		as_buf line = AS_BUF_INIT, msg = AS_BUF_INIT;
		as_buf_printf(&msg, "%santisilo: deadline_ms (%ld ms) passed\n%santisilo: %s\n",
			      gl, cfg->deadline_ms, gl, on_error_text(cfg, UNCHECKED, &line));
		int enforce = cfg->mode == AS_MODE_ENFORCE;
		int heavy_rejects = enforce && cfg->on_incomplete == AS_INCOMPLETE_REJECT;
		const char *hgl = gitlab && heavy_rejects ? "GL-HOOK-ERR: " : "";
		as_buf heavy = AS_BUF_INIT;
		as_buf_printf(&heavy, "%santisilo: deadline_ms (%ld ms) passed while the push's huge "
			      "messages were judged (%llu MiB or more in messages over %zu KiB)\n"
			      "%santisilo: %s\n", hgl, cfg->deadline_ms,
			      (unsigned long long)(BUSY_BIG_BYTES >> 20), AS_BIG_COMMIT >> 10, hgl,
			      !enforce ? "mode warn: push accepted without a complete check"
			      : heavy_rejects ? "on_incomplete = reject: push rejected: part of it "
						"could not be checked"
			      : cfg->on_incomplete == AS_INCOMPLETE_WARN
			      ? "on_incomplete = warn: push accepted without a complete check"
			      : "on_incomplete = allow: push accepted without a complete check");
		watchdog_heavy_answer(heavy_rejects, heavy.ptr);
		watchdog_arm(deadline + WATCHDOG_GRACE_MS, on_error_rejects(cfg), msg.ptr);
		as_buf_free(&heavy);
		as_buf_free(&line);
		as_buf_free(&msg);
	} else {
		watchdog_disarm();
	}

	err = read_input(&input, deadline);
	if (!err)
		err = as_push_parse_updates(&ups, &bad, as_buf_cstr(&input), input.len);
	as_buf_free(&input);
	if (!err)
		err = push_walk(&walk, &ntips, repo, &ups);
	if (!err && ntips) {
		if ((err = as_mailmap_load(&mm, repo)) == 0) {
			/* repo: tracker files (tracker_paths) are judged on the
			 * lines the push adds; no metrics, so no changed paths. */
			as_scan_opts opts = {
				.cfg = cfg, .mailmap = mm, .jobs = jobs, .deadline_ms = deadline,
				.repo = repo, .max_commits = cfg->max_push_commits,
				.pusher = person >= 0 ? &person : NULL,
				.heavy = &watchdog_heavy, .heavy_bytes = BUSY_BIG_BYTES,
				.detector = detector_wait(&dj),
			};
			unsigned known;
			opts.facts = as_config_facts(cfg, &known);
			err = as_scan(&res, walk, &opts);
			/* a backport the server has the original of (no -x):
			 * searched with a quarter of the deadline kept back */
			if (!err)
				err = as_originals_refer(&res.findings, NULL, repo, &opts, NULL,
							 deadline ? deadline - cfg->deadline_ms / 4 : 0);
		}
	}

	verdict v = {
		.cfg = cfg, .repo = repo, .ups = &ups, .res = &res,
		.scan_err = err, .detail = as_buf_cstr(&bad), .deadline = deadline,
		.pusher = have_id ? &id : NULL, .pusher_person = person,
		.busy = err == AS_ELIMIT && deadline && res.big_bytes >= BUSY_BIG_BYTES,
	};
	as_pusher_init(&v.out);
	decide(&v);
	/* Past this point the outcome is decided and only printed. */
	watchdog_disarm();
	as_pusher_write(&v.out, 2, gitlab && v.reject);
	as_pusher_free(&v.out);

	as_detector_release(detector_wait(&dj));
	as_buf_free(&bad);
	as_results_free(&res);
	as_walk_free(walk);
	as_mailmap_free(mm);
	as_ref_updates_free(&ups);
	return v.reject ? 1 : 0;
}

int cmd_pre_receive(int argc, char **argv)
{
	int64_t start = as_now_ms();
	const char *rules = NULL;
	git_repository *repo = NULL;
	as_config cfg;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	/* Two threads halve the time of a big push on an idle server and cost
	 * nothing on a small one (bench/hook.sh); more would compete with the
	 * other pushes a server runs at the same time. */
	int jobs = ncpu >= 2 ? 2 : 1, status;

	if ((status = parse_args(argc, argv, &rules, &jobs)))
		return status < 0 ? 0 : status;
	/* Until the rules say otherwise: the default deadline, and exit 3 so
	 * that hooks/pre-receive applies its on_error. */
	watchdog_arm(start + EARLY_DEADLINE_MS + WATCHDOG_GRACE_MS, 3,
		     "antisilo: stopped: the rules were not loaded within 4000 ms\n");
	if ((status = open_repo(&repo)) == 0 &&
	    (status = load_rules(&cfg, rules, repo)) == 0) {
		if (cfg.mode != AS_MODE_OFF)
			status = judge_push(&cfg, repo, jobs, start);
		as_config_free(&cfg);
	}
	watchdog_disarm();
	git_repository_free(repo);
	return status;
}
