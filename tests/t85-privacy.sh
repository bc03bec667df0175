#!/bin/bash
# t85-privacy.sh — privacy = team (README, "Reports"; SPEC §6): no output
# format names a person. A company whose people have distinctive names is
# audited in every format, and every identity of the org chart and of the
# history (names and each word of them, e-mails, logins, ids; authors
# outside the org chart, an old identity joined by .mailmap, a reviewer
# seen only in a trailer, tracker logins) is searched for in each output.
#
# The org chart (site.ini):
#
#   quentin (in no team) ── manages ── rosalind, wilhelmina, yolanda
#   team core (5): rosalind (lead), sigmund, thaddeus, ursula, vivian
#   team web  (2): wilhelmina (lead), xavier       both small: with
#   team ops  (2): yolanda (lead), zebulon         min_group_size 5 they
#   go to "(none)"; with 2 they are groups of their own.
#
# Outside the org chart: Ophelia Outlander (authors, also as O. Outlander
# joined by .mailmap), Mortimer Mystery (only in trailers), @phantomlogin
# (only in a tracker export).

. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1700000000
R="$TEST_ROOT/r"
SITE="$TEST_ROOT/site.ini"

# Every identity, one a line: what no output may contain (grep -iwF).
IDENTITIES="quentin
Quarrel
quentin@corp.test
qq
rosalind
Rampart
rosa@corp.test
rosa
sigmund
Sorrel
sig@corp.test
sigs
thaddeus
Thornby
thad@corp.test
ursula
Umber
ursula@corp.test
vivian
Vantablack
viv@corp.test
wilhelmina
Wexford
willa@corp.test
willa
xavier
Xylander
xav@corp.test
yolanda
Yarrow
yol@corp.test
zebulon
Zanzibar
zeb@corp.test
Ophelia
Outlander
ophelia@elsewhere.test
oo@old.test
Mortimer
Mystery
mort@mystery.test
phantomlogin"

# cm AUTHOR DATE MESSAGE FILE...: a commit of $R touching FILEs.
cm() { local who=$1 date=$2; shift 2; commit_on "$R" "$date" "$who" "$@"; }

# no_identity FILE: none of IDENTITIES in FILE, as a word, in any case.
no_identity() {
	local found
	found=$(printf "%s\n" "$IDENTITIES" | grep -iwoF -f - "$1" | sort | uniq -c) || true
	if [ -n "$found" ]; then
		echo "$1 names people:"
		echo "$found"
		return 1
	fi
}

test_expect_success 'setup: the company, its history, a tracker export' '
	cat >"$SITE" <<-\EOF &&
	[antisilo]
	include = default
	privacy = team
	tracker_paths = TODO.md

	[people]
	quentin    = Quentin Quarrel <quentin@corp.test>, @qq
	rosalind   = Rosalind Rampart <rosa@corp.test>, @rosa
	sigmund    = Sigmund Sorrel <sig@corp.test>, @sigs
	thaddeus   = Thaddeus Thornby <thad@corp.test>
	ursula     = Ursula Umber <ursula@corp.test>
	vivian     = Vivian Vantablack <viv@corp.test>
	wilhelmina = Wilhelmina Wexford <willa@corp.test>, @willa
	xavier     = Xavier Xylander <xav@corp.test>
	yolanda    = Yolanda Yarrow <yol@corp.test>
	zebulon    = Zebulon Zanzibar <zeb@corp.test>

	[managers]
	rosalind   = quentin
	wilhelmina = quentin
	yolanda    = quentin
	sigmund    = rosalind
	thaddeus   = rosalind
	ursula     = rosalind
	vivian     = rosalind
	xavier     = wilhelmina
	zebulon    = yolanda

	[team.core]
	lead    = rosalind
	members = sigmund, thaddeus, ursula, vivian
	paths   = core/

	[team.web]
	lead    = wilhelmina
	members = xavier
	paths   = web/

	[team.ops]
	lead    = yolanda
	members = zebulon
	paths   = ops/
	EOF
	git init -q "$R" &&
	echo "Ophelia Outlander <ophelia@elsewhere.test> O. Outlander <oo@old.test>" >"$R/.mailmap" &&
	git -C "$R" add .mailmap &&
	cm "Rosalind Rampart <rosa@corp.test>" 2024-01-02 "Start core" core/a.c core/b.c core/c.c core/d.c core/e.c &&
	cm "Sigmund Sorrel <sig@corp.test>" 2024-01-03 "Fix the parser Thaddeus wrote

Assigned-by: Rosalind Rampart <rosa@corp.test>
Reviewed-by: Ursula Umber <ursula@corp.test>" core/a.c users/sigmund/notes.md &&
	cm "Thaddeus Thornby <thad@corp.test>" 2024-01-04 "Tune the cache

Rosalind asked me to tune the cache before the release." core/b.c &&
	cm "Xavier Xylander <xav@corp.test>" 2024-01-05 "Add the widget for sigmund

Requested-by: @qq" web/w.c &&
	cm "O. Outlander <oo@old.test>" 2024-01-06 "Merge pull request #4 from ophelia/fix

Reviewed-by: Mortimer Mystery <mort@mystery.test>" legacy/l1.c legacy/l2.c legacy/l3.c legacy/l4.c legacy/l5.c &&
	cm "Ophelia Outlander <ophelia@elsewhere.test>" 2024-01-07 "Polish legacy code" legacy/l1.c &&
	printf -- "- [ ] rotate the keys @zebulon (assigned by @yolanda)\n" >"$R/TODO.md" &&
	cm "Yolanda Yarrow <yol@corp.test>" 2024-01-08 "Plan the week" ops/o.c TODO.md &&
	cm "Ursula Umber <ursula@corp.test>" 2024-01-09 "Rework the index as discussed with Vivian in DM" core/c.c &&
	cm "Vivian Vantablack <viv@corp.test>" 2024-01-10 "Speed up the scan

Co-authored-by: Mortimer Mystery <mort@mystery.test>
Reviewed-by: Rosalind Rampart <rosa@corp.test>" core/d.c &&
	cm "Wilhelmina Wexford <willa@corp.test>" 2024-01-11 "Ship the widget

Approved-by: Quentin Quarrel <quentin@corp.test>
Acked-by: Xavier Xylander <xav@corp.test>" web/w.c &&
	cat >events.json <<-\EOF &&
	[{"id": 1, "event": "assigned", "created_at": "2024-01-05T10:00:00Z",
	  "actor": {"login": "rosa"}, "assignee": {"login": "sigs"}, "assigner": {"login": "rosa"},
	  "issue": {"number": 7, "title": "Sigmund fixes the login page"}},
	 {"id": 2, "event": "assigned", "created_at": "2024-01-06T10:00:00Z",
	  "actor": {"login": "phantomlogin"}, "assignee": {"login": "willa"}, "assigner": {"login": "phantomlogin"},
	  "issue": {"number": 8, "title": "Ask phantomlogin about it"}}]
	EOF
	for f in text json jsonl sarif html; do
		run_antisilo audit --repo "$R" --rules "$SITE" --tracker events.json --fail-on never \
			--format $f --output "$TEST_ROOT/out.$f" || exit 1
	done &&
	run_antisilo audit --repo "$R" --rules "$SITE" --tracker events.json --fail-on never \
		--format json --privacy none >"$TEST_ROOT/named.json"
'

# The same history without privacy names them all: the search can fail.
test_expect_success 'without privacy the report names the people (the search works)' '
	! no_identity "$TEST_ROOT/named.json" >found &&
	for w in Rampart sigmund Outlander ophelia@elsewhere.test Mortimer phantomlogin; do
		grep -qiw -- "$w" found || { echo "not found: $w"; exit 1; }
	done
'

for f in text json jsonl sarif html; do
	test_expect_success "privacy = team: the $f report names no one" "
		no_identity \"\$TEST_ROOT/out.$f\"
	"
done

test_expect_success 'the report says it is in privacy mode, in every format' '
	jq_eq "$TEST_ROOT/out.json" ".privacy" "{\"mode\":\"team\",\"min_group_size\":5,\"merged_teams\":2}" &&
	head -n 2 "$TEST_ROOT/out.text" | grep -q "^privacy: team: no person is named; teams of fewer than 5 people are merged (2 teams)" &&
	head -n 1 "$TEST_ROOT/out.jsonl" | jq -e ".privacy == \"team\"" >/dev/null &&
	jq_eq "$TEST_ROOT/out.sarif" ".runs[0].properties.privacy" team &&
	grep -q "<p class=\"banner\" role=\"note\"><strong>Privacy: team.</strong>" "$TEST_ROOT/out.html"
'

# core has 5 members: a group; web and ops have 2 each, 4 together: too
# few, so they are in "(none)" with quentin and the people outside the
# org chart.
test_expect_success 'findings speak of teams and relations; commits keep their ids' '
	J="$TEST_ROOT/out.json" &&
	c2=$(git -C "$R" rev-parse HEAD~8) &&
	jq -c ".findings[] | select(.commit == \"$c2\") | [.rule, .relation, .actor, .subject, .author, .excerpt, .title, .actor_teams, .subject_teams]" "$J" >f2 &&
	expect_file_eq f2 "[\"assigned-by-trailer\",\"manager\",\"manager of team core\",\"member of team core\",\"member of team core\",\"Assigned-by: [manager of team core]\",\"Fix the parser [member of team core] wrote\",[\"core\"],[\"core\"]]" &&
	jq -c ".findings[] | select(.rule == \"asked-me\" or .rule == \"asked-to-prose\") | [.relation, .actor, .excerpt]" "$J" >f3 &&
	grep -F "\"manager\",\"manager of team core\",\"[manager of team core] asked me to" f3 &&
	jq -c ".findings[] | select(.rule == \"approved-by-trailer\") | [.relation, .actor, .subject, .excerpt]" "$J" >f8 &&
	expect_file_eq f8 "[\"manager\",\"manager of someone in no team\",\"someone in no team\",\"Approved-by: [manager of someone in no team]\"]" &&
	jq -e "[.findings[].commit | select(. != null) | test(\"^[0-9a-f]{40}$\")] | all" "$J" >/dev/null &&
	jq_eq "$J" "[.findings[] | select(.source == \"tracker-export\") | .title]" "[\"[member of team core] fixes the login page\"]" &&
	jq_eq "$J" ".metrics.trackers | [.assignments, .unmatched]" "[2,1]"
'

test_expect_success 'metrics by groups: small teams merged, no people graph, outsiders counted' '
	J="$TEST_ROOT/out.json" &&
	jq_eq "$J" ".metrics.teams | keys_unsorted" "[\"core\",\"(none)\"]" &&
	jq_eq "$J" ".metrics.contribution_matrix.teams" "[\"core\",\"(none)\"]" &&
	jq_eq "$J" ".metrics.feedback.people_graph" null &&
	jq_eq "$J" "[.metrics.feedback.team_graph[] | .from, .to] | unique" "[\"(none)\",\"core\"]" &&
	jq_eq "$J" ".metrics.unknown_authors" "{\"count\":1,\"commits\":2,\"names\":null}" &&
	jq_eq "$J" ".metrics.trackers.unmatched_names" null &&
	jq_eq "$J" ".metrics.managers.people" null &&
	jq_eq "$J" "[.metrics.managers.by_team[] | [.team, .managers, .team_members]]" "[[\"core\",2,4],[\"(none)\",2,2]]" &&
	jq_eq "$J" "[.metrics.silos[] | .main_author] | unique" "[\"someone outside the org chart\"]" &&
	jq_eq "$J" "[.metrics.truck_factors[] | .authors[]] | unique" \
		"[\"member of team core\",\"someone in no team\",\"someone outside the org chart\"]" &&
	jq_eq "$J" "[.metrics.truck_factors[] | select(.kind == \"team\") | .path]" "[\"core\"]" &&
	jq_eq "$J" "[.metrics.truck_factors[] | select(.kind == \"directory\") | .path]" \
		"[\"core/\",\"legacy/\",\"ops/\",\"web/\"]"
'

test_expect_success 'a path that names someone is swept too' '
	run_antisilo audit --repo "$R" --rules "$SITE" --fail-on never --format json --silo-files \
		--privacy none >none.json &&
	jq -r ".. | strings" none.json | grep -F "users/" >paths.none &&
	grep -qiw sigmund paths.none &&
	run_antisilo audit --repo "$R" --rules "$SITE" --fail-on never --format json --silo-files >team.json &&
	jq -r ".. | strings" team.json | grep -F "users/" >paths || true &&
	test -s paths && ! grep -qiw sigmund paths
'

# With min_group_size = 2 every team is a group of its own.
test_expect_success 'min_group_size: smaller teams merged, larger ones kept' '
	sed "s/^privacy = team$/&\nmin_group_size = 2/" "$SITE" >two.ini &&
	run_antisilo audit --repo "$R" --rules two.ini --tracker "$TEST_ROOT/t1/events.json" --fail-on never \
		--format json >two.json &&
	jq_eq two.json ".metrics.teams | keys_unsorted" "[\"core\",\"web\",\"ops\"]" &&
	jq_eq two.json ".privacy.merged_teams" 0 &&
	no_identity two.json &&
	sed "s/^privacy = team$/&\nmin_group_size = 4/" "$SITE" >four.ini &&
	run_antisilo audit --repo "$R" --rules four.ini --tracker "$TEST_ROOT/t1/events.json" --fail-on never \
		--format json >four.json &&
	jq_eq four.json ".metrics.teams | keys_unsorted" "[\"core\",\"(small teams)\"]" &&
	jq_eq four.json ".metrics.assignments_by_team | keys_unsorted" "[\"core\",\"(small teams)\",\"(none)\"]" &&
	no_identity four.json
'

test_expect_success '--privacy none and --privacy team override the rules; a bad value is a usage error' '
	run_antisilo audit --repo "$R" --rules "$SITE" --fail-on never --format json --privacy none >none.json &&
	jq_eq none.json ".privacy.mode" none &&
	grep -q Rampart none.json &&
	expect_status 2 run_antisilo audit --repo "$R" --rules "$SITE" --privacy teams 2>err &&
	grep -qx "antisilo: --privacy: expected none or team, got '"'"'teams'"'"'" err &&
	printf "[antisilo]\nprivacy = everyone\n" >bad.ini &&
	expect_status 2 run_antisilo check-rules bad.ini 2>err &&
	grep -q "bad.ini:2: privacy" err
'

# Hostile text stays linear: an 800 KB subject made of names, addresses and
# logins (and a trailer of 100,000 letters) is scrubbed in well under the
# timeout, and names no one.
test_expect_success 'a subject of 45,000 identities: scrubbed quickly, no one named' '
	make_repo big &&
	awk "BEGIN { for (i = 0; i < 15000; i++) printf \"Rosalind Rampart <rosa%d@corp.test> @sigs%d Sigmund \", i, i }" >subject &&
	{ cat subject; printf "\n\nAssigned-by: Rosalind Rampart <rosa@corp.test>\n"; } >msg &&
	git -C big -c user.name="Sigmund Sorrel" -c user.email=sig@corp.test commit -q --allow-empty -F "$PWD/msg" &&
	timeout 20 "$ANTISILO" audit --repo big --rules "$SITE" --format json --fail-on never >big.json &&
	jq_eq big.json "[.findings[] | .rule]" "[\"assigned-by-trailer\"]" &&
	jq_eq big.json ".findings[0].title" "[someone] [member of team core]" &&
	no_identity big.json
'

# The hook talks to the pusher about their own push: it still names the
# commit (id and subject), whatever privacy the reports have.
test_expect_success 'the hook keeps naming the commit to its pusher' '
	git clone -q --bare "$R" srv.git &&
	mkdir -p srv.git/antisilo && cp "$SITE" srv.git/antisilo/rules.ini &&
	printf "#!/bin/sh\nexec \"%s\" pre-receive\n" "$ANTISILO" >srv.git/hooks/pre-receive &&
	chmod +x srv.git/hooks/pre-receive &&
	git clone -q srv.git work &&
	echo x >work/core/z.c && git -C work add core/z.c &&
	git -C work -c user.name="Sigmund Sorrel" -c user.email=sig@corp.test commit -q -m "Push a fix

Assigned-by: Rosalind Rampart <rosa@corp.test>" &&
	id=$(git -C work rev-parse --short=12 HEAD) &&
	! git -C work push -q origin HEAD:main 2>push.err &&
	grep -q "remote: antisilo: $id Push a fix" push.err
'

test_done
