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
 * words indexed): built once per run, shared read-only by its threads.
 */
typedef struct {
	const as_config *cfg;
	struct as_prefilter *prefilter;
} as_detector;

void as_detector_init(as_detector *d, const as_config *cfg);
void as_detector_release(as_detector *d);

/*
 * Appends the events that the rules find in commit `c` to `out`.
 * A rule whose pattern hits a PCRE2 bound yields an event with limit_hit
 * set (judged as a warning), never a silent skip.
 */
void as_detect_commit(const as_detector *d, as_matcher *m, const as_commit *c,
		      uint64_t seq, as_events *out);

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
