#!/bin/bash
# t84-score.sh — the honest compliance score (README, "The compliance
# score"): a part without data is null ("n/a" in text and HTML); no org
# chart, no score, and one line that says what to do; the top-down part
# caps the score; each part's formula and the score's own are shown.
# Each case is a small history built to hit one cap or one n/a.
#
# The org chart of most cases: team a = alice (lead), bob (paths a/);
# team b = carol (lead), dan (paths b/); alice manages bob, carol dan.

. "$(dirname "$0")/lib.sh"

ALICE="Alice Able <alice@example.com>"
BOB="Bob Baker <bob@example.com>"
CAROL="Carol Cole <carol@example.com>"
DAN="Dan Dunn <dan@example.com>"

org() {
	cat <<-EOF
	[antisilo]
	include = default

	[people]
	alice = $ALICE
	bob   = $BOB
	carol = $CAROL
	dan   = $DAN

	[managers]
	bob = alice
	dan = carol

	[team.a]
	lead    = alice
	members = bob
	paths   = a/

	[team.b]
	lead    = carol
	members = dan
	paths   = b/
	EOF
}

# cm DIR AUTHOR FILE MESSAGE: a commit touching FILE.
cm() {
	mkdir -p "$1/$(dirname "$3")" && echo "$4" >>"$1/$3" && git -C "$1" add -- "$3" &&
	commit_as "$1" "$2" "$4" "$3"
}

# bob_and_dan ASSIGNER: bob fixes a/x.c, assigned by ASSIGNER; dan helps
# on it (into team a's paths: inbound) with bob's review (across teams).
bob_and_dan() {
	make_repo r &&
	cm r "$BOB" a/x.c "Fix x

Assigned-by: $1" &&
	cm r "$DAN" a/x.c "Help on x

Reviewed-by: $BOB"
}

score() { jq -c ".metrics.compliance | [.score, .weighted_mean, .cap, .capped, .reason]" "$1"; }
parts() { jq -c "[.metrics.compliance.parts[] | .value]" "$1"; }

# bob's task set by his manager (manager), carol's by herself (self): top
# down 1 - 1/2 = 0.5. dan commits into a/ (inbound: 1 of 3 commits into
# teams' paths, past the 0.2 target: 1) with bob's review (cross-team
# feedback 1/1: 1); no approval: autonomy 1; 3 files, no area of 5: silos
# n/a. Mean 100 (0.35 0.5 + 0.15 + 0.15 + 0.2) / 0.85 = 79.41, cap 50.
test_expect_success 'half the known assignments top-down: the score cannot pass 50' '
	org >rules.ini && bob_and_dan "$ALICE" &&
	cm r "$CAROL" b/y.c "Fix y

Assigned-by: $CAROL" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	expect_eq "$(parts out.json)" "[0.5,1,1,1,null]" &&
	expect_eq "$(score out.json)" "[50,79.41,50,true,null]" &&
	jq_eq out.json ".metrics.compliance.explain" \
		"score = min(100 x sum(weight x value) / sum(weight) over the parts with data, 100 x top_down) = min(79.41, 50.00) = 50.00" &&
	jq_eq out.json ".metrics.compliance.parts.top_down.explain" \
		"1 - (manager + skip-level) / assignments with a known relation = 1 - 1/2" &&
	jq_eq out.json ".metrics.compliance.parts.silos | [.value, .effective_weight]" "[null,0]" &&
	run_antisilo audit --repo r --rules rules.ini --fail-on never >out.txt &&
	grep -qx "  compliance score 50.00/100, capped by top_down (weighted mean 79.41): top_down 0.50 (x0.41), cross_team_feedback 1.00 (x0.18), inbound_contribution 1.00 (x0.18), autonomy 1.00 (x0.24), silos n/a" out.txt
'

# Every known assignment top-down: 0, whatever the rest (the mean is
# 100 (0.15 + 0.15 + 0.2) / 0.85 = 58.82).
test_expect_success 'all known assignments top-down: the score is 0' '
	org >rules.ini && bob_and_dan "$ALICE" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	expect_eq "$(score out.json)" "[0,58.82,0,true,null]"
'

# No assignment with a known relation: top_down is n/a and caps nothing;
# the other parts are the score (the unknown party counts in no part).
test_expect_success 'top_down n/a: no cap, the other parts share its weight' '
	org >rules.ini && bob_and_dan "Zed Nobody <zed@elsewhere.org>" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	jq_eq out.json ".metrics.assignments.unknown" 1 &&
	expect_eq "$(parts out.json)" "[null,1,1,1,null]" &&
	expect_eq "$(score out.json)" "[100,100,null,false,null]" &&
	jq_eq out.json ".metrics.compliance.explain" \
		"score = 100 x sum(weight x value) / sum(weight) over the parts with data = 100.00" &&
	jq_eq out.json "[.metrics.compliance.parts[] | .effective_weight]" "[0,0.3,0.3,0.4,0]"
'

# Feedback only between people in no team or outside the org chart:
# cross_team_feedback n/a. Teams without paths: inbound_contribution and
# autonomy n/a. Five files by one author: the repository is a silo
# candidate with truck factor 1, silos 0.
test_expect_success 'feedback, inbound and autonomy n/a; silos from five files' '
	org | sed "/^paths/d" >rules.ini && make_repo r &&
	for i in 1 2 3 4 5; do cm r "$BOB" "s/f$i.c" "File $i" || exit 1; done &&
	cm r "$BOB" s/f1.c "Polish

Assigned-by: $BOB
Reviewed-by: Zed Nobody <zed@elsewhere.org>" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	expect_eq "$(parts out.json)" "[1,null,null,null,0]" &&
	expect_eq "$(score out.json)" "[70,70,100,false,null]" &&
	jq_eq out.json ".metrics.feedback.total" 1
'

# An org chart with people and no data for any part.
test_expect_success 'an org chart but no part with data: no score, and why' '
	printf "[antisilo]\ninclude = default\n\n[people]\nbob = %s\n" "$BOB" >rules.ini &&
	make_repo r && cm r "$BOB" x.c "Fix x" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	expect_eq "$(parts out.json)" "[null,null,null,null,null]" &&
	expect_eq "$(score out.json)" "[null,null,null,false,\"no part of the score has data\"]"
'

# No org chart: the score would only measure silos (every party is
# unknown). It is null, and every format says what to do.
NO_ORG="no org chart, so every party is unknown: write [people] (and [managers], [team.*]) in your rules file, or draft them with \`antisilo init\`"
test_expect_success 'no org chart: no score, in every format, with what to do' '
	make_repo r &&
	for i in 1 2 3 4 5; do cm r "$BOB" "s/f$i.c" "File $i

Assigned-by: $ALICE" || exit 1; done &&
	run_antisilo audit --repo r --format json --fail-on never >out.json &&
	expect_eq "$(parts out.json)" "[null,null,null,null,0]" &&
	jq_eq out.json ".metrics.compliance | [.score, .reason]" "[null,\"$NO_ORG\"]" &&
	run_antisilo audit --repo r --fail-on never >out.txt &&
	grep -qxF "  compliance score n/a: $NO_ORG" out.txt &&
	run_antisilo audit --repo r --fail-on never --format html >out.html &&
	grep -qF "No compliance score: no org chart, so every party is unknown: write [people]" out.html &&
	! grep -q "0.0 <small" out.html &&
	run_antisilo audit --repo r --fail-on never --format jsonl >out.jsonl &&
	jq -se "map(select(.name == \"compliance.score\")) | .[0].value == null" out.jsonl >/dev/null &&
	expect_status 0 run_antisilo audit --repo r --fail-on never --fail-under 90 >/dev/null 2>err &&
	grep -qF "antisilo: --fail-under: no compliance score (no org chart" err
'

# A weight of 0 leaves the part out: then it caps nothing either.
test_expect_success '[score] top_down = 0: the part is left out and caps nothing' '
	{ org && printf "\n[score]\ntop_down = 0\n"; } >rules.ini && bob_and_dan "$ALICE" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	expect_eq "$(score out.json)" "[100,100,null,false,null]"
'

# The page shows n/a for a part without data, the cap and the formula.
test_expect_success 'html: n/a parts, the cap said in words, the formula' '
	org >rules.ini && make_repo r &&
	cm r "$BOB" a/x.c "Fix x

Assigned-by: $ALICE" &&
	cm r "$CAROL" b/y.c "Fix y

Assigned-by: $CAROL" &&
	run_antisilo audit --repo r --rules rules.ini --format html --fail-on never >out.html &&
	grep -qF "<strong>Capped by top-down assignment.</strong> The parts weigh" out.html &&
	grep -qF "cannot score above 50.0" out.html &&
	grep -qF "<code>score = min(100 x sum(weight x value) / sum(weight) over the parts with data, 100 x top_down)" out.html &&
	grep -qF "<td class=\"n\"><span class=\"nodata\">n/a</span></td><td class=\"n\">0.15 <span class=\"muted\">(left out)</span>" out.html
'

test_done
