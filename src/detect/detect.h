#ifndef AS_DETECT_H
#define AS_DETECT_H
/*
 * Detection: sources -> events. The rules of rules.ini (PCRE2 patterns)
 * turn a commit's subject, body, message and trailers into events with
 * the parties named as written; as_classify() then resolves them.
 */
#include "config/config.h"
#include "detect/match.h"
#include "event.h"
#include "source/commit.h"

/* At most this many matches of one rule in one text become events. */
#define AS_MAX_MATCHES_PER_TEXT 64

/*
 * The rules of a configuration made ready for detection (their prefilter
 * words indexed, the directive engine's lexicons and identities
 * compiled): built once per run, shared read-only by its threads.
 */
typedef struct {
	const as_config *cfg;
	struct as_prefilter *prefilter;
	struct as_directive_engine *engine;  /* NULL: no rule has a directive */
	unsigned engine_regions;             /* regions some directive rule reads */
} as_detector;

void as_detector_init(as_detector *d, const as_config *cfg);
void as_detector_release(as_detector *d);

/*
 * What one thread needs to run detection: its PCRE2 matcher, the message
 * model and the directive engine's scratch, reused from commit to commit.
 */
typedef struct as_scanner as_scanner;

as_scanner *as_scanner_new(const as_detector *d);
void as_scanner_free(as_scanner *s);
/* The scanner's matcher (the judging stage runs exclude patterns with it). */
as_matcher *as_scanner_matcher(as_scanner *s);

/*
 * Appends the events that the rules find in commit `c` to `out`: each
 * text rule over the regions of the message it reads (source/message.h),
 * each trailer rule over the trailers. A rule whose pattern hits a PCRE2
 * bound yields an event with limit_hit set (judged as a warning), never a
 * silent skip.
 *
 * `full`, when not NULL, is the whole message of a commit that was parsed
 * on its head and tail only (past max_message_bytes): the trailer rules
 * then read every trailer of it, one at a time.
 */
void as_detect_commit(const as_detector *d, as_scanner *s, const as_commit *c,
		      const char *full, size_t full_len, uint64_t seq, as_events *out);

/*
 * Runs one rule over one text (a subject, a body, a trailer value, a
 * tracker line) and appends an event per match. `excerpt`, when not NULL,
 * is used as the excerpt instead of the matched text (trailers). The
 * caller fills the place (commit, path, line...) of the events added.
 * Returns the number of events added.
 */
size_t as_detect_text(const as_rule *rule, as_matcher *m, const char *text,
		      size_t len, const char *excerpt, as_origin origin,
		      as_events *out);

/*
 * The tracker-line rules (`source = tracker` with a pattern: a site's own
 * forms) over one line of a tracker file: the as_line_scanner that
 * source/tracker/files.h takes, with an as_tracker_lines as its context.
 */
typedef struct {
	const as_config *cfg;
	as_matcher *matcher;
} as_tracker_lines;

void as_detect_tracker_line(void *ctx, const char *line, size_t len, as_events *out);

#endif
