#!/bin/bash
# t86-page.sh — a report that says what to do first (SPEC §6, README
# "Reports"): at the top the teams and managers by top-down share with the
# trend against the previous period of the same length (--compare-previous,
# on by default in HTML); findings with their commit's date, subject, link
# and the parties' teams, grouped by team and manager on the page, the
# most severe first, each rule's advice once; no all-zero columns; the
# names the org chart does not know; the repository by name or remote URL,
# never a local path; the text report's summary first; and the page laid
# out in headless Chromium at 1366 and 390 px (the summary first, nothing
# cut off, wide tables that say they scroll).
#
# The org chart: max (in no team) manages wanda and amos; team web =
# wanda (lead), walt; team api = amos (lead), abe.
#
#   2024-01-10 walt  Assigned-by: wanda   manager     (previous period)
#   2024-01-12 abe   Assigned-by: abe     self        (previous period)
#   2024-02-05 walt  Assigned-by: walt    self
#   2024-02-06 abe   Assigned-by: amos    manager
#   2024-02-07 abe   Assigned-by: max     skip-level
#   2024-02-08 walt  "as discussed in DM" (info), by Uma Unknown too
#
# Audited: --since 2024-02-01 --until 2024-02-29T23:59:59Z, 29 days; the
# previous period is the 29 days before, 2024-01-03T00:00:01Z to
# 2024-01-31T23:59:59Z.

. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1700000000
R="$TEST_ROOT/r"
SITE="$TEST_ROOT/site.ini"
WINDOW="--since 2024-02-01 --until 2024-02-29T23:59:59Z"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)

test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# cm DATE AUTHOR FILE MESSAGE: a commit of $R touching FILE.
cm() { commit_on "$R" "$1" "$2" "$4" "$3"; }

WALT="Walt Web <walt@example.com>"
ABE="Abe Api <abe@example.com>"

test_expect_success 'setup: two teams, two months of history' '
	cat >"$SITE" <<-\EOF &&
	[antisilo]
	include = default
	name = app
	commit_url = https://git.example.com/app/commit/{sha}

	[people]
	max   = Max Boss <max@example.com>
	wanda = Wanda Web <wanda@example.com>
	walt  = Walt Web <walt@example.com>
	amos  = Amos Api <amos@example.com>
	abe   = Abe Api <abe@example.com>

	[managers]
	wanda = max
	amos  = max
	walt  = wanda
	abe   = amos

	[team.web]
	lead    = wanda
	members = walt
	paths   = web/

	[team.api]
	lead    = amos
	members = abe
	paths   = api/
	EOF
	git init -q "$R" &&
	cm 2024-01-10 "$WALT" web/a.c "Fix the form

Assigned-by: Wanda Web <wanda@example.com>" &&
	cm 2024-01-12 "$ABE" api/a.c "Add the route

Assigned-by: Abe Api <abe@example.com>" &&
	cm 2024-02-05 "$WALT" web/b.c "Style the form

Assigned-by: Walt Web <walt@example.com>" &&
	cm 2024-02-06 "$ABE" api/b.c "Cache the route

Assigned-by: Amos Api <amos@example.com>" &&
	cm 2024-02-07 "$ABE" api/c.c "Log the route

Assigned-by: Max Boss <max@example.com>" &&
	cm 2024-02-08 "$WALT" web/c.c "Resize the form as discussed in DM" &&
	cm 2024-02-09 "Uma Unknown <uma@elsewhere.org>" web/d.c "Help with the form as discussed in DM" &&
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format json --compare-previous \
		--fail-on never >"$TEST_ROOT/out.json"
'

test_expect_success 'the period and the previous period of the same length' '
	J="$TEST_ROOT/out.json" &&
	jq_eq "$J" ".period" "{\"since\":\"2024-02-01T00:00:00Z\",\"until\":\"2024-02-29T23:59:59Z\",\"first_commit\":\"2024-02-05T12:00:00Z\",\"last_commit\":\"2024-02-09T12:00:00Z\"}" &&
	jq_eq "$J" ".previous_period | [.since, .until, .commits_scanned, .reason]" \
		"[\"2024-01-03T00:00:01Z\",\"2024-01-31T23:59:59Z\",2,null]" &&
	jq_eq "$J" ".previous_period.assignments | [.self, .manager, .\"skip-level\"]" "[1,1,0]" &&
	jq_eq "$J" ".commits_scanned" 5
'

# Now: api 2 of 2 top-down, web 0 of 1; before: api 0 of 1, web 1 of 1.
test_expect_success 'what to do first: teams and managers by top-down share, with the trend' '
	J="$TEST_ROOT/out.json" &&
	jq_eq "$J" ".metrics.top_down | [.compared, .top_down, .known, .share, .previous_top_down, .previous_known, .previous_share, .change]" \
		"[true,2,3,0.6667,1,2,0.5,0.1667]" &&
	jq_eq "$J" "[.metrics.top_down.teams[] | [.team, .top_down, .known, .share, .previous_share, .change]]" \
		"[[\"api\",2,2,1,0,1],[\"web\",0,1,0,1,-1]]" &&
	jq_eq "$J" "[.metrics.top_down.managers[] | [.manager, .top_down, .manager_relation, .skip_level, .share_of_top_down, .previous_top_down, .change]]" \
		"[[\"amos\",1,1,0,0.5,0,1],[\"max\",1,0,1,0.5,0,1],[\"wanda\",0,0,0,0,1,-1]]"
'

test_expect_success 'without --since there is no previous period, and the report says why' '
	run_antisilo audit --repo "$R" --rules "$SITE" --format json --compare-previous --fail-on never >all.json &&
	jq_eq all.json ".previous_period | [.commits_scanned, (.reason | startswith(\"the audit starts at the first commit\"))]" "[null,true]" &&
	jq_eq all.json ".metrics.top_down.compared" false &&
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format json --fail-on never >nocmp.json &&
	jq_eq nocmp.json ".previous_period" null &&
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format html --fail-on never >page.html &&
	grep -qF "Trend: against the previous period of the same length, 2024-01-03 to 2024-01-31 (2 commits)." page.html &&
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format html --no-compare-previous --fail-on never >flat.html &&
	! grep -q "Trend: against" flat.html
'

test_expect_success 'findings carry the date, the subject, a link and the parties'"'"' teams' '
	J="$TEST_ROOT/out.json" &&
	c=$(git -C "$R" rev-parse HEAD~2) &&
	jq -c ".findings[] | select(.commit == \"$c\") | [.date, .title, .url, .actor_teams, .subject_teams]" "$J" >f &&
	expect_file_eq f "[\"2024-02-07T12:00:00Z\",\"Log the route\",\"https://git.example.com/app/commit/$c\",[],[\"api\"]]" &&
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format jsonl --fail-on never >out.jsonl &&
	jq -c "select(.type == \"finding\" and .commit == \"$c\") | [.date, .title, .url, .actor_teams, .subject_teams]" out.jsonl >g &&
	cmp f g &&
	jq_eq "$J" ".findings | map(select(.source == \"subject\")) | .[0] | [.actor_teams, .subject_teams]" "[null,null]"
'

test_expect_success 'repository: the configured name, else the remote URL without credentials, else the directory' '
	jq_eq "$TEST_ROOT/out.json" ".repository" app &&
	grep -v "^name = " "$SITE" >noname.ini &&
	run_antisilo audit --repo "$R" --rules noname.ini --format json --fail-on never >a.json &&
	jq_eq a.json ".repository" r &&
	git -C "$R" remote add origin "https://someone:s3cret@git.example.com/org/app.git" &&
	run_antisilo audit --repo "$R" --rules noname.ini --format json --fail-on never >b.json &&
	jq_eq b.json ".repository" "https://git.example.com/org/app.git" &&
	git -C "$R" remote set-url origin "deploy@git.example.com:org/app.git" &&
	run_antisilo audit --repo "$R" --rules noname.ini --format json --fail-on never >c.json &&
	jq_eq c.json ".repository" "git.example.com:org/app.git" &&
	git -C "$R" remote set-url origin "$TEST_ROOT/elsewhere.git" &&
	run_antisilo audit --repo "$R" --rules noname.ini --format jsonl --fail-on never >d.jsonl &&
	expect_eq "$(jq -sr "[.[].repository] | unique | .[]" d.jsonl)" r &&
	git -C "$R" remote remove origin &&
	git clone -q --bare "$R" "$TEST_ROOT/bare.git" &&
	git -C "$TEST_ROOT/bare.git" remote remove origin &&
	run_antisilo audit --repo "$TEST_ROOT/bare.git" --rules noname.ini --format json --fail-on never >e.json &&
	jq_eq e.json ".repository" bare &&
	! grep -qF "$TEST_ROOT" a.json b.json c.json d.jsonl e.json
'

test_expect_success 'commit_url: only an http(s) address with {sha}' '
	for bad in "javascript:alert(1)/{sha}" "https://git.example.com/commit/" "file:///etc/{sha}"; do
		sed "s|^commit_url = .*|commit_url = $bad|" "$SITE" >bad.ini &&
		expect_status 2 run_antisilo check-rules bad.ini 2>err &&
		grep -q "bad.ini:4: commit_url: .* is not an http(s) address with {sha}" err || exit 1
	done
'

test_expect_success 'text: the summary first, what to do first, then the findings' '
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --compare-previous --fail-on never >out.txt &&
	head -n 5 out.txt >head &&
	expect_file_eq head "antisilo report: app (range HEAD, commits of 2024-02-05 to 2024-02-09)

Summary
  5 commits scanned, 4 findings (2 error, 0 warning, 2 info); 3 assignments: 1 self, 1 manager, 1 skip-level
  compliance score 33.33/100, capped by top_down (weighted mean 72.55): top_down 0.33 (x0.41), cross_team_feedback n/a, inbound_contribution 1.00 (x0.18), autonomy 1.00 (x0.24), silos 1.00 (x0.18)" &&
	grep -qx "  2 of 3 (67%) of the assignments with a known relation; previous period 1 of 2 (50%), +17 pts" out.txt &&
	grep -qx "    api: 2 of 2 (100%); previous period 0 of 1 (0%), +100 pts" out.txt &&
	grep -qx "    amos: 1 (manager 1, skip-level 0); previous period 0, +1" out.txt &&
	grep -qx "  1 author (1 commit): Uma Unknown <uma@elsewhere.org> (1)" out.txt &&
	s=$(grep -n "^Summary$" out.txt | cut -d: -f1) && f=$(grep -n "^Findings$" out.txt | cut -d: -f1) &&
	test "$s" -lt "$f" &&
	text_findings out.txt | head -n 1 | grep -q "^[0-9a-f]\{12\} "
'

test_expect_success 'html: findings by team and manager, most severe first, each advice once, linked' '
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format html --fail-on never >page.html &&
	grep -o "<tr class=\"g\"><th colspan=\"6\" scope=\"rowgroup\">[^<]*</th>" page.html | sed "s/<[^>]*>//g" >groups &&
	expect_file_eq groups "team api · set by amos
team api · set by max
no team
team web" &&
	grep -o "<span class=\"sev sev-[a-z]*\">" page.html | sed "s/.*sev-//; s/\">//" | tr "\n" " " >sevs && echo >>sevs &&
	expect_file_eq sevs "error error info info " &&
	test "$(grep -o "The reason for this change lives in a private channel" page.html | wc -l)" = 1 &&
	grep -qF "<dt><code>private-context</code> (2)</dt>" page.html &&
	c=$(git -C "$R" rev-parse HEAD~3) &&
	grep -qF "<a href=\"https://git.example.com/app/commit/$c\" rel=\"noreferrer noopener\"><code title=\"$c\">$(echo $c | cut -c1-12)</code></a> Cache the route" page.html &&
	grep -qF "<td data-label=\"Date\">2024-02-06</td>" page.html
'

test_expect_success 'html: no all-zero columns; the names the org chart does not know' '
	run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format html --fail-on never >page.html &&
	grep -o "<h3>By manager</h3>.*" page.html | sed "s|</table>.*||" >bymgr &&
	grep -q ">manager</th>" bymgr && grep -q ">skip-level</th>" bymgr &&
	! grep -q ">self</th>" bymgr && ! grep -q ">peer</th>" bymgr && ! grep -q ">unknown</th>" bymgr &&
	grep -o "<h3>By team</h3>.*" page.html | sed "s|</table>.*||" >byteam &&
	grep -q ">self</th>" byteam && ! grep -q ">peer</th>" byteam &&
	grep -o "<section id=\"unknown\".*" page.html | sed "s|</section>.*||" >unknown &&
	grep -qF "<li><code>Uma Unknown &lt;uma@elsewhere.org&gt;</code> (1)</li>" unknown
'

# The page in a browser: a document with a dozen teams (wide tables) and
# the audit's own page, at a laptop's and a phone's width.
if [ -z "$CHROMIUM" ] || ! command -v python3 >/dev/null; then
	test_skip 'chromium: the summary first, nothing cut off, wide tables that say they scroll' \
		'chromium or python3 is not installed (apt-get install chromium python3)'
else
	test_expect_success 'chromium: the summary first, nothing cut off, wide tables that say they scroll' '
		run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format json --compare-previous \
			--fail-on never >doc.json &&
		jq --argjson t "$(jq .metrics.teams.api doc.json)" \
			".metrics.contribution_matrix = {teams: [range(0; 13) | \"team-number-\(.)\"],
			  commits: [range(0; 13) | [range(0; 13) | 100 + .]]}
			 | .metrics.teams = ([range(0; 12) | {key: \"team-number-\(.)\", value: \$t}] | from_entries)" \
			doc.json >wide.json &&
		"$TEST_TOOL" render html <wide.json >wide.html &&
		run_antisilo audit --repo "$R" --rules "$SITE" $WINDOW --format html --fail-on never >page.html &&
		for page in page wide; do
			for w in 1366 390; do
				timeout 120 python3 "$TESTS_DIR/cdp.py" "$CHROMIUM" $page.html $w $page-$w.png >$page-$w.json || exit 1
				jq -e ".first_section == \"summary\" and .summary_top < 700
				       and .page_width <= .viewport and (.hidden | length) == 0 and (.outside | length) == 0
				       and all(.scrollers[]; .overflow_x == \"auto\" and .shadow)" $page-$w.json >/dev/null ||
					{ echo "$page at $w px:"; cat $page-$w.json; exit 1; }
				head -c 8 $page-$w.png | od -An -c | grep -q "P   N   G" || exit 1
			done
			jq -e "all(.scrollers[]; .hint)" $page-390.json >/dev/null || { cat $page-390.json; exit 1; }
		done &&
		jq -e "(.scrollers | length) > 0" wide-390.json >/dev/null &&
		jq -e "(.scrollers | length) > 0" wide-1366.json >/dev/null &&
		if [ -n "${ANTISILO_SCREENSHOTS:-}" ]; then cp page-*.png wide-*.png "$ANTISILO_SCREENSHOTS/"; fi
	'
fi

test_done
