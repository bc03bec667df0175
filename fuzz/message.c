/*
 * A commit message read as a person reads it: the region splitter
 * (source/message.c), the party mentions and the directive engine
 * (detect/parties.c, detect/units.c, detect/directive.c), then the whole
 * detection of a commit with the shipped rules and lexicons
 * (detect/commit_rules.c), classification against an org chart in five
 * languages and judging. The input is the message of a commit by Bob.
 *
 * Invariants:
 *   - the regions tile the message (its bytes before the first NUL): in
 *     order, from 0 to its length, none empty, no two neighbours of one
 *     kind but prose; the trailer block and text_end are within it, and
 *     every region over the trailer block is the trailers'; a
 *     cherry-pick's hash is the one its line spells; parsing again, with
 *     the same or a fresh model, gives the same regions;
 *   - every directive the engine finds in a region lies in it: its
 *     sentence, excerpt and actor are spans of the region, its kinds and
 *     persons are valid, its words are a C string of what fired;
 *   - the prefilters keep their promise: a region, or a message as the
 *     detector asks them, that they turn away is one where the engine
 *     finds no directive of a known party and no pattern rule a match;
 *   - every finding's excerpt is the message's text (white space
 *     squeezed, maybe cut with "…"), a trailer line, or the text of a
 *     bound; its parties as written are the message's text too;
 *   - no pattern of the shipped rules hits a PCRE2 bound on a message no
 *     longer than max_message_bytes;
 *   - the same message twice gives the same events and findings, with the
 *     scanner of the last input and with a fresh one.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "detect/directive.h"
#include "detect/prefilter.h"
#include "event.h"
#include "finding.h"
#include "judge.h"
#include "source/commit.h"
#include "source/message.h"
#include "source/trailer.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"

static const char header[] =
	"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	"author Bob Stone <bob@example.com> 1700000000 +0000\n"
	"committer Bob Stone <bob@example.com> 1700000000 +0000\n"
	"\n";

/*
 * Bob's chain of managers, and the peers and outsiders of it, in the five
 * languages of the lexicons: names with accents, a German name with two
 * spellings, first names that are words of a lexicon ("Will", "Mark"),
 * logins and addresses.
 */
static const char org[] =
	"[people]\n"
	"alice = Alice Liddell <alice@example.com>, @alice\n"
	"bob = Bob Stone <bob@example.com>, bob@old.example.com, @bobs\n"
	"carol = Carol Danvers <carol@example.com>, @carold\n"
	"will = Will Turner <will@example.com>, @wturner\n"
	"mark = Mark Feld <mark@example.com>, @mfeld\n"
	"jurgen = Jürgen Weber <juergen.weber@example.com>, Juergen Weber, @jweber\n"
	"anke = Anke Müller <anke.mueller@example.com>, Anke Mueller, @amueller\n"
	"francois = François Dupont <francois.dupont@example.com>, @fdupont\n"
	"helene = Hélène Moreau <helene.moreau@example.com>, @hmoreau\n"
	"jose = José García <jose.garcia@example.com>, @jgarcia\n"
	"lucia = Lucía Fernández <lucia.fernandez@example.com>, @lfernandez\n"
	"joao = João Silva <joao.silva@example.com>, @jsilva\n"
	"ana = Ana Souza <ana.souza@example.com>, @asouza\n"
	"[managers]\n"
	"bob = alice\n"
	"carol = alice\n"
	"will = alice\n"
	"alice = jurgen\n"
	"anke = jurgen\n"
	"jurgen = francois\n"
	"helene = francois\n"
	"francois = jose\n"
	"lucia = jose\n"
	"jose = joao\n"
	"ana = joao\n"
	"[team.platform]\n"
	"lead = alice\n"
	"members = bob, carol, will\n";

static const as_config *rules(void)
{
	static as_config cfg;
	static int loaded;
	if (!loaded) {
		as_fuzz_load_rules(&cfg, "message.ini", org);
		/* ticket keys an export would assign: Bob's (the author's),
		 * Carol's, and one of both */
		int bob = as_org_find_person(&cfg.org, "bob"), carol = as_org_find_person(&cfg.org, "carol");
		as_tickets_add(&cfg.tickets, "PROJ-7", 6, bob);
		as_tickets_add(&cfg.tickets, "#41", 3, bob);
		as_tickets_add(&cfg.tickets, "PAG-900", 7, carol);
		as_tickets_add(&cfg.tickets, "#43", 3, bob);
		as_tickets_add(&cfg.tickets, "#43", 3, carol);
		loaded = 1;
	}
	return &cfg;
}

static const as_detector *detector(void)
{
	static as_detector d;
	static int ready;
	if (!ready) {
		as_detector_init(&d, rules());
		if (!d.engine) {
			fprintf(stderr, "fuzz: the shipped rules have no directive rule\n");
			abort();
		}
		ready = 1;
	}
	return &d;
}

#ifdef AS_FUZZ_LIBFUZZER
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	detector();
	return 0;
}
#endif

/* ---- the regions ------------------------------------------------------- */

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static void check_regions(const as_message *m, const char *msg, size_t size)
{
	const char *nul = size ? memchr(msg, '\0', size) : NULL;
	size_t len = nul ? (size_t)(nul - msg) : size;
	size_t tstart, tend, content_end;

	AS_FUZZ_CHECK((m->nr == 0) == (len == 0), "%zu regions for %zu bytes", m->nr, len);
	for (size_t i = 0; i < m->nr; i++) {
		const as_region *r = &m->items[i];
		AS_FUZZ_CHECK(r->kind < AS_REGION__COUNT, "region %zu: kind %d", i, (int)r->kind);
		AS_FUZZ_CHECK(r->start < r->end, "region %zu is empty: [%zu, %zu)", i, r->start,
			      r->end);
		AS_FUZZ_CHECK(r->end <= len, "region %zu ends at %zu, past %zu", i, r->end, len);
		AS_FUZZ_CHECK(r->start == (i ? m->items[i - 1].end : 0),
			      "region %zu starts at %zu, the one before ends at %zu", i, r->start,
			      i ? m->items[i - 1].end : 0);
		AS_FUZZ_CHECK(!i || r->kind != m->items[i - 1].kind || r->kind == AS_REGION_PROSE,
			      "regions %zu and %zu are both %s", i - 1, i,
			      as_region_names[r->kind]);
	}
	/* the subject comes first; a prose region is one paragraph (and the
	 * blank lines after it) */
	for (size_t i = 0; i < m->nr; i++) {
		const as_region *r = &m->items[i];
		int blank_seen = 0;
		AS_FUZZ_CHECK(r->kind != AS_REGION_SUBJECT || i == 0, "region %zu is a subject", i);
		for (size_t pos = r->start; r->kind == AS_REGION_PROSE && pos < r->end;) {
			const char *nl = memchr(msg + pos, '\n', r->end - pos);
			size_t end = nl ? (size_t)(nl - msg) : r->end;
			int blank = 1;
			for (size_t k = pos; k < end && blank; k++)
				blank = strchr(" \t\r\v\f", msg[k]) != NULL;
			AS_FUZZ_CHECK(blank || !blank_seen, "prose region %zu [%zu, %zu) holds two "
				      "paragraphs (the second at %zu)", i, r->start, r->end, pos);
			blank_seen |= blank;
			pos = nl ? end + 1 : r->end;
		}
	}
	AS_FUZZ_CHECK(!m->nr || m->items[m->nr - 1].end == len,
		      "the last region ends at %zu, the message at %zu", m->items[m->nr - 1].end,
		      len);

	/* the trailer block is git's, and the trailers' region */
	as_trailers_block(msg, len, &tstart, &tend, &content_end);
	AS_FUZZ_CHECK(m->trailer_start == tstart && m->trailer_end == tend,
		      "trailer block [%zu, %zu), git's is [%zu, %zu)", m->trailer_start,
		      m->trailer_end, tstart, tend);
	AS_FUZZ_CHECK(tstart <= tend && tend <= content_end && content_end <= len,
		      "trailer block [%zu, %zu), content to %zu, of %zu", tstart, tend,
		      content_end, len);
	AS_FUZZ_CHECK(m->text_end == (tstart < tend ? tstart : len), "text_end %zu", m->text_end);
	for (size_t i = 0; i < m->nr && tstart < tend; i++) {
		const as_region *r = &m->items[i];
		if (r->end > tstart && r->start < tend)
			AS_FUZZ_CHECK(r->kind == AS_REGION_TRAILERS,
				      "region %zu [%zu, %zu) is %s inside the trailers [%zu, %zu)",
				      i, r->start, r->end, as_region_names[r->kind], tstart, tend);
	}

	/* the text but the trailers is that of every other region */
	as_buf copy = AS_BUF_INIT;
	size_t olen, pos = 0;
	const char *outside = as_message_outside_trailers(m, msg, &copy, &olen);
	AS_FUZZ_CHECK(olen >= m->text_end && !memcmp(outside, msg, m->text_end),
		      "the text but the trailers does not start with the text before them");
	for (size_t i = 0; i < m->nr; i++) {
		const as_region *r = &m->items[i];
		size_t n = r->end - r->start;
		if (r->kind == AS_REGION_TRAILERS)
			continue;
		if (r->start >= m->text_end && pos <= m->text_end) {
			AS_FUZZ_CHECK(r->start >= m->trailer_end, "region %zu (%s) [%zu, %zu) "
				      "overlaps the trailer block", i, as_region_names[r->kind],
				      r->start, r->end);
			/* (the line break that joins, and the blank lines after the block) */
			pos = m->text_end + 1 + (r->start - m->trailer_end);
		}
		AS_FUZZ_CHECK(pos + n <= olen && !memcmp(outside + pos, msg + r->start, n),
			      "region %zu (%s) [%zu, %zu) is not in the text but the trailers", i,
			      as_region_names[r->kind], r->start, r->end);
		pos += n;
	}
	as_buf_free(&copy);

	/* "(cherry picked from commit X)" as written at cherry_line */
	size_t hl = strnlen(m->cherry_from, sizeof(m->cherry_from));
	AS_FUZZ_CHECK(hl < sizeof(m->cherry_from), "cherry_from is not a C string");
	if (hl) {
		static const char prefix[] = "(cherry picked from commit ";
		size_t at = m->cherry_line;
		AS_FUZZ_CHECK(hl >= 7 && hl <= 40, "cherry_from has %zu digits", hl);
		for (size_t i = 0; i < hl; i++)
			AS_FUZZ_CHECK(is_hex(m->cherry_from[i]), "cherry_from '%s'", m->cherry_from);
		AS_FUZZ_CHECK(at < len && (at == 0 || msg[at - 1] == '\n'),
			      "cherry_line %zu is no line of %zu bytes", at, len);
		while (at < len && (msg[at] == ' ' || msg[at] == '\t'))
			at++;
		AS_FUZZ_CHECK(len - at >= sizeof(prefix) - 1 + hl &&
			      !memcmp(msg + at, prefix, sizeof(prefix) - 1) &&
			      !memcmp(msg + at + sizeof(prefix) - 1, m->cherry_from, hl),
			      "cherry_from '%s' is not what line %zu says", m->cherry_from,
			      m->cherry_line);
		AS_FUZZ_CHECK(!as_message_trailer_copied(m, m->cherry_line),
			      "the cherry-pick line is a copied trailer");
	} else {
		AS_FUZZ_CHECK(!as_message_trailer_copied(m, 0), "a copied trailer, no cherry-pick");
	}
	AS_FUZZ_CHECK(m->revert == 0 || m->revert == 1, "revert %d", m->revert);
	if (m->revert)
		AS_FUZZ_CHECK(!memcmp(msg, "Revert \"", len < 8 ? len : 8) ||
			      !memcmp(msg, "Reapply \"", len < 9 ? len : 9) ||
			      /* (leading blank lines before the subject) */
			      msg[0] == '\n' || msg[0] == ' ' || msg[0] == '\t' || msg[0] == '\r' ||
			      msg[0] == '\v' || msg[0] == '\f',
			      "a revert whose subject is no 'Revert \"'");
}

static void same_regions(const as_message *a, const as_message *b, const char *what)
{
	AS_FUZZ_CHECK(a->nr == b->nr, "%s: %zu regions, then %zu", what, a->nr, b->nr);
	for (size_t i = 0; i < a->nr; i++)
		AS_FUZZ_CHECK(a->items[i].kind == b->items[i].kind &&
			      a->items[i].start == b->items[i].start &&
			      a->items[i].end == b->items[i].end,
			      "%s: region %zu differs", what, i);
	AS_FUZZ_CHECK(a->trailer_start == b->trailer_start && a->trailer_end == b->trailer_end &&
		      a->text_end == b->text_end && a->revert == b->revert &&
		      a->gitlab_merge == b->gitlab_merge && a->cherry_line == b->cherry_line &&
		      !strcmp(a->cherry_from, b->cherry_from),
		      "%s: the message's facts differ", what);
}

/* Parses msg with the model of the last input, again, and with a fresh one. */
static void regions(as_message *kept, const char *msg, size_t len)
{
	as_message fresh;
	as_message_parse(kept, msg, len);
	check_regions(kept, msg, len);
	as_message_init(&fresh);
	as_message_parse(&fresh, msg, len);
	same_regions(kept, &fresh, "a fresh model");
	as_message_parse(&fresh, msg, len);
	same_regions(kept, &fresh, "parsing again");
	as_message_free(&fresh);
}

/* ---- the directive engine ---------------------------------------------- */

/* Is every part of "Alice + asked + me" a part of text[0..len)? */
static int words_in(const char *words, const char *text, size_t len)
{
	for (const char *w = words; *w;) {
		const char *sep = strstr(w, " + ");
		size_t n = sep ? (size_t)(sep - w) : strlen(w);
		if (!n || !memmem(text, len, w, n))
			return 0;
		w += n + (sep ? 3 : 0);
	}
	return 1;
}

static void check_directives(const as_config *cfg, const as_directive_scratch *s,
			     const char *text, size_t len, size_t region)
{
	const int npeople = (int)cfg->org.npeople;
	for (size_t i = 0; i < s->nfound; i++) {
		const as_directive *d = &s->found[i];
		AS_FUZZ_CHECK(d->kind < AS_DIR__COUNT && d->by < AS_BY__COUNT,
			      "region %zu, directive %zu: kind %d by %d", region, i, (int)d->kind,
			      (int)d->by);
		AS_FUZZ_CHECK(d->start <= d->end && d->end <= len,
			      "region %zu, directive %zu: sentence [%zu, %zu) of %zu bytes", region,
			      i, d->start, d->end, len);
		AS_FUZZ_CHECK(d->ex_start < d->ex_end && d->ex_end <= len,
			      "region %zu, directive %zu: excerpt [%zu, %zu) of %zu bytes", region,
			      i, d->ex_start, d->ex_end, len);
		AS_FUZZ_CHECK(d->ex_start >= d->start && d->ex_end <= d->end,
			      "region %zu, directive %zu: excerpt [%zu, %zu) outside its sentence "
			      "[%zu, %zu)", region, i, d->ex_start, d->ex_end, d->start, d->end);
		AS_FUZZ_CHECK(d->actor_start <= d->actor_end && d->actor_end <= len,
			      "region %zu, directive %zu: actor [%zu, %zu) of %zu bytes", region, i,
			      d->actor_start, d->actor_end, len);
		AS_FUZZ_CHECK(d->actor >= -1 && d->actor < npeople && d->subject >= -1 &&
			      d->subject < npeople,
			      "region %zu, directive %zu: actor %d subject %d of %d people", region,
			      i, d->actor, d->subject, npeople);
		AS_FUZZ_CHECK(d->form && *d->form, "region %zu, directive %zu: no form", region, i);
		AS_FUZZ_CHECK(memchr(d->words, '\0', sizeof(d->words)) != NULL,
			      "region %zu, directive %zu: words not a C string", region, i);
		AS_FUZZ_CHECK(words_in(d->words, text, len),
			      "region %zu, directive %zu: words '%s' are not the region's", region,
			      i, d->words);
		switch (d->by) {
		case AS_BY_NAMED:
			AS_FUZZ_CHECK(d->actor_start < d->actor_end && d->subject == -1 && !d->role,
				      "region %zu, directive %zu: a named actor without its name",
				      region, i);
			break;
		case AS_BY_ROLE:
			AS_FUZZ_CHECK(d->actor_start < d->actor_end && d->actor == -1 &&
				      (d->role == 1 || d->role == 2) && !d->strict,
				      "region %zu, directive %zu: a role %d", region, i, d->role);
			break;
		default:
			AS_FUZZ_CHECK(d->actor == -1 && !d->role && !d->strict,
				      "region %zu, directive %zu: the author with an actor", region, i);
			break;
		}
	}
}

/* A directive of someone the org chart knows: a person, a role, or the
 * author handing work to a person (not an unknown name or address). */
static int known_party(const as_directive *d)
{
	return d->actor >= 0 || d->by == AS_BY_ROLE || d->subject >= 0;
}

/*
 * The engine over every region of the (valid UTF-8) message, whatever
 * the rules read: code, quotes and trailers are inputs as hostile. Its
 * prefilter (as_directive_triggered) may turn a text away only when the
 * engine finds no directive of a known party in it: in one region, and
 * in the message as the detector asks it (once, for all the regions its
 * rules read).
 */
static void directives(const as_detector *det, as_directive_scratch *s, const as_message *m,
		       const char *text, const char *outside, size_t outside_len)
{
	int message = as_directive_triggered(det->engine, outside, outside_len);
	for (size_t i = 0; i < m->nr; i++) {
		const as_region *rg = &m->items[i];
		size_t len = rg->end - rg->start;
		/* a copy of exactly the region: ASan sees a read past its end
		 * (which would make it depend on the next region) */
		char *copy = malloc(len ? len : 1);
		if (!copy)
			abort();
		memcpy(copy, text + rg->start, len);
		int region = as_directive_triggered(det->engine, copy, len);
		/* (the copy is freed below); the author is Bob, as in header */
		as_directive_begin(s, as_org_find_person(&det->cfg->org, "bob"));
		as_directive_find(det->engine, s, copy, len, rg->kind);
		check_directives(det->cfg, s, copy, len, i);
		for (size_t k = 0; k < s->nfound; k++) {
			const as_directive *d = &s->found[k];
			if (!known_party(d))
				continue;
			AS_FUZZ_CHECK(region, "region %zu (%s): the prefilter turns away '%.*s' (%s)",
				      i, as_region_names[rg->kind], (int)(d->ex_end - d->ex_start),
				      text + rg->start + d->ex_start, d->words);
			AS_FUZZ_CHECK(message || !(det->engine_regions & 1u << rg->kind),
				      "region %zu (%s): the detector's prefilter turns away the "
				      "message, with '%.*s' (%s) in it", i, as_region_names[rg->kind],
				      (int)(d->ex_end - d->ex_start), text + rg->start + d->ex_start,
				      d->words);
		}
		free(copy);
	}
}

/*
 * The pattern rules over the regions they read, each text on its own:
 * where a rule's pattern finds something, the detector's prefilter over
 * the message (the words it looks for once, for every region) must let
 * that rule run.
 */
static void patterns(const as_detector *det, as_scanner *sc, const as_message *m,
		     const char *text, const char *outside, size_t outside_len)
{
	const as_config *cfg = det->cfg;
	as_events evs = { 0 };
	for (size_t r = 0; r < cfg->nrules; r++) {
		const as_rule *rule = &cfg->rules[r];
		if (!rule->pattern || !rule->nprefilter ||
		    (rule->source != AS_SRC_SUBJECT && rule->source != AS_SRC_BODY &&
		     rule->source != AS_SRC_MESSAGE))
			continue;
		for (size_t i = 0; i < m->nr; i++) {
			const as_region *rg = &m->items[i];
			if (!(rule->regions & 1u << rg->kind))
				continue;
			as_events_reset(&evs);
			as_detect_text(rule, as_scanner_matcher(sc), text + rg->start,
				       rg->end - rg->start, NULL, AS_ORIGIN_MESSAGE, &evs);
			if (!evs.nr || evs.items[0].limit_hit)
				continue;
			AS_FUZZ_CHECK(as_prefilter_rule_passes(rule, outside, outside_len),
				      "rule %s matches '%s' in region %zu (%s), but the detector's "
				      "prefilter turns the message away", rule->id,
				      as_buf_cstr(&evs.items[0].excerpt), i, as_region_names[rg->kind]);
		}
	}
	as_events_free(&evs);
}

/* ---- detection and judging --------------------------------------------- */

/* Is `ex` (an excerpt: white space squeezed, maybe cut with "…") a part of
 * `squeezed`, the message squeezed alike? */
static int in_text(const as_buf *squeezed, const char *ex, size_t n)
{
	static const char cut[] = "…";
	if (n >= sizeof(cut) - 1 && !memcmp(ex + n - (sizeof(cut) - 1), cut, sizeof(cut) - 1))
		n -= sizeof(cut) - 1;
	return !n || memmem(as_buf_cstr(squeezed), squeezed->len, ex, n) != NULL;
}

static int a_trailer_line(const as_commit *c, const char *ex)
{
	for (size_t t = 0; t < c->trailers.nr; t++)
		if (!strcmp(c->trailers.items[t].line, ex))
			return 1;
	return 0;
}

/* A party as written: a pattern's group (squeezed as an excerpt), or what
 * the engine read (a person's id, or the words of the region). */
static void check_party(const as_config *cfg, const as_event *ev, const as_buf *party,
			const as_buf *fixed, const as_buf *squeezed, const char *what)
{
	const char *p = as_buf_cstr(party);
	if (!party->len)
		return;
	if (ev->rule->pattern) {
		as_buf who = AS_BUF_INIT;
		as_excerpt_append(&who, party->ptr, party->len, SIZE_MAX);
		AS_FUZZ_CHECK(in_text(squeezed, as_buf_cstr(&who), who.len),
			      "rule %s: %s '%s' is not in the message", ev->rule->id, what, p);
		as_buf_free(&who);
		return;
	}
	for (size_t i = 0; i < cfg->org.npeople; i++)
		if (!strcmp(cfg->org.people[i].id, p))
			return;
	AS_FUZZ_CHECK(memmem(as_buf_cstr(fixed), fixed->len, p, party->len) != NULL,
		      "rule %s: %s '%s' is neither a person nor in the message", ev->rule->id,
		      what, p);
}

/* Is the excerpt the text of one region of the kinds `regions`? */
static int in_regions(const as_message *m, const as_buf *text, unsigned regions, const char *ex,
		      size_t n)
{
	int found = 0;
	for (size_t i = 0; i < m->nr && !found; i++) {
		const as_region *rg = &m->items[i];
		if (!(regions & 1u << rg->kind))
			continue;
		as_buf sq = AS_BUF_INIT;
		as_excerpt_append(&sq, as_buf_cstr(text) + rg->start, rg->end - rg->start, SIZE_MAX);
		found = in_text(&sq, ex, n);
		as_buf_free(&sq);
	}
	return found;
}

static void check_events(const as_config *cfg, const as_commit *c, const as_message *m,
			 const as_events *evs, const as_buf *fixed, const as_buf *squeezed)
{
	for (size_t i = 0; i < evs->nr; i++) {
		const as_event *ev = &evs->items[i];
		const char *ex = as_buf_cstr(&ev->excerpt);
		AS_FUZZ_CHECK(ev->rule != NULL, "event %zu without a rule", i);
		AS_FUZZ_CHECK(!ev->limit_hit || c->message.len > cfg->max_message_bytes,
			      "rule %s hit a PCRE2 bound on a message of %zu bytes", ev->rule->id,
			      c->message.len);
		if (ev->limit_hit)
			continue;
		if (ev->origin == AS_ORIGIN_TRAILER) {
			AS_FUZZ_CHECK(a_trailer_line(c, ex), "rule %s: excerpt '%s' is no trailer",
				      ev->rule->id, ex);
			continue;
		}
		AS_FUZZ_CHECK(in_text(squeezed, ex, ev->excerpt.len),
			      "rule %s: excerpt '%s' is not in the message", ev->rule->id, ex);
		AS_FUZZ_CHECK(in_regions(m, fixed, ev->rule->regions, ex, ev->excerpt.len),
			      "rule %s: excerpt '%s' is in no region it reads", ev->rule->id, ex);
		check_party(cfg, ev, &ev->actor_text, fixed, squeezed, "actor");
		check_party(cfg, ev, &ev->subject_text, fixed, squeezed, "subject");
	}
}

/* A blocking finding (SPEC: severity stays conservative) is about a
 * person of the org chart in the author's manager chain, fully checked. */
static void check_blocking(const as_findings *fs)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const as_finding *f = &fs->items[i];
		if (f->severity != AS_SEV_ERROR)
			continue;
		AS_FUZZ_CHECK(f->actor && !f->unchecked &&
			      (f->relation == AS_REL_MANAGER || f->relation == AS_REL_SKIP_LEVEL),
			      "rule %s blocks on '%s': actor %s, relation %s", f->rule,
			      f->excerpt ? f->excerpt : "", f->actor ? f->actor : "(none)",
			      as_relation_names[f->relation]);
	}
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void same_findings(const as_findings *a, const as_findings *b, const char *what)
{
	AS_FUZZ_CHECK(a->nr == b->nr, "%s: %zu findings, then %zu", what, a->nr, b->nr);
	for (size_t i = 0; i < a->nr; i++) {
		const as_finding *x = &a->items[i], *y = &b->items[i];
		AS_FUZZ_CHECK(same_str(x->rule, y->rule) && x->severity == y->severity &&
			      x->event == y->event && x->relation == y->relation &&
			      same_str(x->actor, y->actor) && same_str(x->subject, y->subject) &&
			      same_str(x->actor_text, y->actor_text) &&
			      same_str(x->subject_text, y->subject_text) &&
			      same_str(x->excerpt, y->excerpt) &&
			      same_str(x->explain, y->explain) && x->unchecked == y->unchecked &&
			      !strcmp(x->fingerprint, y->fingerprint),
			      "%s: finding %zu (%s '%s') differs from (%s '%s')", what, i, x->rule,
			      x->excerpt ? x->excerpt : "", y->rule, y->excerpt ? y->excerpt : "");
	}
}

/* Detects and judges the commit; its events stay in *evs. */
static void judge(const as_detector *det, as_scanner *sc, const as_commit *c, as_events *evs,
		  as_findings *fs)
{
	as_detect_commit(det, sc, c, NULL, 0, 7, evs);
	as_judge_ctx j = { det->cfg, as_scanner_matcher(sc), fs, NULL, NULL, 0, NULL };
	as_judge_events(&j, evs, 0);
}

AS_FUZZ_TARGET(message)
{
	const as_detector *det = detector();
	static as_message model;
	static as_directive_scratch scratch;
	static as_scanner *kept;
	static int ready;
	const char *msg = as_fuzz_cstr(data, size);
	as_buf raw = AS_BUF_INIT, fixed = AS_BUF_INIT, squeezed = AS_BUF_INIT, copy = AS_BUF_INIT;
	size_t outside_len;
	as_events evs1 = { 0 }, evs2 = { 0 };
	as_findings fs1 = { 0 }, fs2 = { 0 };
	as_commit c;
	git_oid oid;

	if (!ready) {
		as_message_init(&model);
		as_directive_scratch_init(&scratch);
		kept = as_scanner_new(det);
		ready = 1;
	}

	/* the splitter on the bytes as they come (NULs, invalid UTF-8) */
	regions(&model, msg, size);

	/* the commit, as the detector reads it */
	as_buf_puts(&raw, header);
	as_buf_put(&raw, data, size);
	memset(&oid, 0x42, sizeof(oid));
	as_commit_init(&c);
	AS_FUZZ_CHECK(as_commit_parse(&c, &oid, raw.ptr, raw.len, NULL) == 0,
		      "the commit does not parse");
	as_sanitize(&fixed, c.message.ptr, c.message.len, AS_SAN_UTF8);
	AS_FUZZ_CHECK(as_utf8_valid(fixed.ptr, fixed.len), "the repaired message is not UTF-8");

	/* the splitter and the engine on the text the detector reads */
	regions(&model, as_buf_cstr(&fixed), fixed.len);
	const char *outside = as_message_outside_trailers(&model, as_buf_cstr(&fixed), &copy,
							  &outside_len);
	directives(det, &scratch, &model, as_buf_cstr(&fixed), outside, outside_len);
	patterns(det, kept, &model, as_buf_cstr(&fixed), outside, outside_len);

	/* detection and judging, with the last input's scanner and a fresh one */
	as_excerpt_append(&squeezed, fixed.ptr, fixed.len, SIZE_MAX);
	judge(det, kept, &c, &evs1, &fs1);
	check_events(det->cfg, &c, &model, &evs1, &fixed, &squeezed);
	check_blocking(&fs1);
	as_scanner *fresh = as_scanner_new(det);
	judge(det, fresh, &c, &evs2, &fs2);
	as_scanner_free(fresh);
	same_findings(&fs1, &fs2, "a fresh scanner");
	as_findings_free(&fs2);
	as_events_free(&evs2);
	memset(&fs2, 0, sizeof(fs2));
	memset(&evs2, 0, sizeof(evs2));
	judge(det, kept, &c, &evs2, &fs2);
	same_findings(&fs1, &fs2, "judging again");

	as_findings_free(&fs1);
	as_findings_free(&fs2);
	as_events_free(&evs1);
	as_events_free(&evs2);
	as_commit_free(&c);
	as_buf_free(&raw);
	as_buf_free(&fixed);
	as_buf_free(&squeezed);
	as_buf_free(&copy);
	return 0;
}
