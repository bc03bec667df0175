#!/bin/bash
# t70-formats.sh — the structured reports (SPEC §6, docs/report.md): JSON
# Lines that load into a table, SARIF that GitHub code scanning accepts
# (checked with Microsoft's SARIF multitool), and the self-contained HTML
# page (opened in headless Chromium). Every format renders one document;
# the audit's document is tested end to end, and a hand-written document
# with every metric (and hostile text) through `test-tool render`.

. "$(dirname "$0")/lib.sh"
. "$TESTS_DIR/lib-sarif.sh"

export SOURCE_DATE_EPOCH=1700000000   # 2023-11-14T22:13:20Z: reproducible reports
REPO="$TEST_ROOT/repo"
DOC="$TEST_ROOT/doc.json"

# test_skip DESCRIPTION REASON: a TAP skip.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # skip $2"
}

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
chromium_run() {
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$TEST_ROOT/chromium.XXXXXX")" "$@" 2>/dev/null
}

# --- fixtures ------------------------------------------------------------

test_expect_success 'setup: a repository with its own rules and org chart' '
	make_repo "$REPO" &&
	cat >"$REPO/rules.ini" <<-\EOF &&
	[antisilo]
	mode = enforce
	fail_on = error

	[people]
	alice = Alice Liddell <alice@example.com>, @alice
	bob   = Bob Stone <bob@example.com>, @bobs
	carol = Carol Danvers <carol@example.com>
	dave  = Dave Lead <dave@example.com>
	eve   = Eve Web <eve@example.com>

	[managers]
	bob   = alice
	carol = alice
	eve   = dave

	[team.replay]
	lead    = alice
	members = bob, carol

	[team.web]
	lead    = dave
	members = eve

	[rule.assigned-by-trailer]
	source   = trailer
	key      = '"'"'^Assigned-by$'"'"'
	pattern  = '"'"'^(?<actor>.+)$'"'"'
	event    = assignment
	relation = manager, skip-level
	severity = error
	explain  = Managers set context, not tasks: pick the work in your team'"'"'s planning.

	[rule.approved-by-trailer]
	source   = trailer
	key      = '"'"'^Approved-by$'"'"'
	pattern  = '"'"'^(?<actor>.+)$'"'"'
	event    = approval
	relation = manager, skip-level
	severity = warning
	explain  = Ship on your team'"'"'s own judgement: a manager is not an approval gate.

	[rule.requested-by-trailer]
	source   = trailer
	key      = '"'"'^Requested-by$'"'"'
	pattern  = '"'"'^(?<actor>.+)$'"'"'
	event    = assignment
	severity = info
	explain  = Requests are fine, in the open.
	EOF
	commit_as "$REPO" "Carol Danvers <carol@example.com>" "Add the player" &&
	commit_as "$REPO" "Bob Stone <bob@example.com>" "$(printf "Fix the recorder\n\nAssigned-by: Alice Liddell <alice@example.com>")" &&
	commit_as "$REPO" "Carol Danvers <carol@example.com>" "$(printf "Ship replay v2\n\nApproved-by: Alice Liddell <alice@example.com>")" &&
	commit_as "$REPO" "Eve Web <eve@example.com>" "$(printf "Tweak\n\nRequested-by: <script>alert(1)</script> \033[31mred\033[0m \342\200\256evil\342\200\254 & \"q\" '"'"'s'"'"'")" &&
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format json --output "$TEST_ROOT/audit.json" || test $? = 1
	jq_eq "$TEST_ROOT/audit.json" "[.findings[].rule]" "[\"assigned-by-trailer\",\"approved-by-trailer\",\"requested-by-trailer\"]" ||
	jq_eq "$TEST_ROOT/audit.json" "[.findings[].rule] | sort" "[\"approved-by-trailer\",\"assigned-by-trailer\",\"requested-by-trailer\"]"
'

# A document with every metric of docs/report.md, as the metrics engineers
# define it, and hostile text in the places people write.
cat >"$DOC" <<'EOF'
{
  "tool": {"name": "antisilo", "version": "0.1.0"},
  "repository": "/srv/git/shop/",
  "range": ["HEAD"],
  "rules": "/etc/antisilo/rules.ini",
  "commits_scanned": 1234,
  "findings": [
    {"rule": "assigned-by-trailer", "severity": "error", "event": "assignment", "relation": "manager",
     "actor": "alice", "subject": "bob", "author": "Bob Stone <bob@example.com>", "source": "trailer",
     "commit": "0123456789abcdef0123456789abcdef01234567", "path": null, "line": null, "record": null,
     "fingerprint": "a0a24d25627bf2a75c4cf52d2ac467df8b5db34d",
     "excerpt": "Assigned-by: Alice Liddell <alice@example.com>",
     "explain": "Managers set context, not tasks."},
    {"rule": "tracker-owner", "severity": "warning", "event": "assignment", "relation": "skip-level",
     "actor": "carol", "subject": null, "author": "Eve <eve@example.com>", "source": "tracker-file",
     "commit": "89abcdef0123456789abcdef0123456789abcdef", "path": "docs/sprints/2024 q1.md", "line": 12, "record": null,
     "fingerprint": "b1b24d25627bf2a75c4cf52d2ac467df8b5db34e",
     "excerpt": "Owner: <script>alert(1)</script> & \"q\" 's' \u001b[31mred\u001b[0m \u202eevil\u202c <img src=x onerror=alert(2)>",
     "explain": "Pick your own tasks <b>in</b> planning."},
    {"rule": "jira-assignee", "severity": "info", "event": "assignment", "relation": "unknown",
     "actor": null, "subject": null, "author": null, "source": "tracker-export",
     "commit": null, "path": "/tmp/exports/jira.csv", "line": null, "record": "SHOP-42",
     "fingerprint": "c2c24d25627bf2a75c4cf52d2ac467df8b5db34f",
     "excerpt": "Assignee: someone", "explain": "Keep assignment in the open."}
  ],
  "metrics": {
    "assignments": {"self": 10, "peer": 5, "manager": 3, "skip-level": 1, "report": 0, "cross-team": 2, "unknown": 1},
    "approvals": {"self": 0, "peer": 1, "manager": 2, "skip-level": 0, "report": 0, "cross-team": 0, "unknown": 0},
    "context_references": 4,
    "assignments_over_time": {"bucket": "month", "series": [
      {"start": "2024-01-01", "self": 3, "peer": 1, "manager": 1, "skip-level": 0, "report": 0, "cross-team": 0, "unknown": 0},
      {"start": "2024-02-01", "self": 2, "peer": 2, "manager": 2, "skip-level": 1, "report": 0, "cross-team": 1, "unknown": 0},
      {"start": "2024-03-01", "self": 5, "peer": 2, "manager": 0, "skip-level": 0, "report": 0, "cross-team": 1, "unknown": 1}
    ]},
    "assignments_by_team": {"replay": {"self": 6, "peer": 3, "manager": 3, "skip-level": 0, "report": 0, "cross-team": 1, "unknown": 0}},
    "assignments_by_manager": {"alice": {"self": 0, "peer": 0, "manager": 3, "skip-level": 0, "report": 0, "cross-team": 0, "unknown": 0}},
    "teams": {
      "replay": {"commits": 40, "lines": 900, "inbound_commits": 5, "inbound_lines": 80, "outbound_commits": 7,
                 "outbound_lines": 60, "reviews_given": 12, "reviews_given_cross_team": 4, "reviews_received": 10,
                 "reviews_received_cross_team": 3, "outside_approved_commits": 1, "autonomy": 0.975},
      "<i>web</i>": {"commits": 20, "lines": 300, "inbound_commits": 2, "inbound_lines": 10, "outbound_commits": 1,
                 "outbound_lines": 5, "reviews_given": 3, "reviews_given_cross_team": 2, "reviews_received": 5,
                 "reviews_received_cross_team": 4, "outside_approved_commits": 0, "autonomy": null}
    },
    "contribution_matrix": {"teams": ["replay", "<i>web</i>", "(none)"],
                            "commits": [[33, 5, 2], [1, 18, 1], [4, 2, 9]]},
    "feedback": {"keys": ["Reviewed-by", "Acked-by"], "total": 15, "cross_team": 6, "cross_team_share": 0.4,
                 "by_managers": 2, "by_peers": 13, "manager_share": 0.1333,
                 "team_graph": [{"from": "replay", "to": "<i>web</i>", "count": 4},
                                {"from": "<i>web</i>", "to": "replay", "count": 2},
                                {"from": "replay", "to": "replay", "count": 8},
                                {"from": "(none)", "to": "replay", "count": 1}],
                 "people_graph": [{"from": "alice", "to": "bob", "count": 3}]},
    "truck_factors": [{"kind": "directory", "path": "src/x/", "truck_factor": 1, "authors": ["bob"], "files": 12},
                      {"kind": "directory", "path": "src/y/", "truck_factor": 2, "authors": ["bob", "carol"], "files": 4}],
    "silos": [{"kind": "directory", "path": "src/x/", "truck_factor": 1, "main_author": "bob", "share": 0.93, "files": 12}],
    "compliance": {"score": 83.5, "parts": {
      "top_down": {"value": 0.9, "weight": 0.3, "explain": "Share of assignments that are not top-down."},
      "cross_team_feedback": {"value": 0.4, "weight": 0.2, "explain": "Share of feedback across teams."},
      "silos": {"value": null, "weight": 0.2, "explain": "Share of areas with more than one author."}
    }},
    "trackers": {"records": 30, "assignments": 7, "unmatched": ["@someone", "<x>"]}
  }
}
EOF

# --- jsonl ---------------------------------------------------------------

test_expect_success 'jsonl: every line is one JSON object with type, run and repository' '
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format jsonl --output out.jsonl || test $? = 1 &&
	test -s out.jsonl &&
	while IFS= read -r line; do
		printf "%s\n" "$line" >one.json &&
		jq -e "type == \"object\" and (.type | IN(\"run\", \"finding\", \"metric\"))
		       and (.run | type == \"string\") and has(\"repository\")" one.json >/dev/null ||
		{ echo "bad line: $line"; exit 1; }
	done <out.jsonl &&
	jq_eq out.jsonl "select(.type == \"run\") | .type" run &&
	head -n 1 out.jsonl >first.json &&
	jq_eq first.json ".type" run &&
	jq_eq first.json ".run" "20231114T221320Z-$(jq -r .run first.json | cut -d- -f2)" &&
	jq_eq first.json "[.time, .tool, .version, .commits_scanned, .findings, .errors, .warnings, .infos]" \
		"[\"2023-11-14T22:13:20Z\",\"antisilo\",\"0.1.0\",4,3,1,1,1]" &&
	jq_eq first.json ".repository" "repo" &&
	test "$(jq -s "[.[].run] | unique | length" out.jsonl)" = 1 &&
	test "$(jq -s "[.[].repository] | unique | length" out.jsonl)" = 1
'

test_expect_success 'jsonl: a finding line is the JSON finding, flat, with type, run and repository' '
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format jsonl >out.jsonl || test $? = 1 &&
	jq -c "select(.type == \"finding\") | del(.type, .run, .repository)" out.jsonl >got &&
	jq -c ".findings[]" "$TEST_ROOT/audit.json" >expected &&
	diff -u expected got &&
	jq -se "map(select(.type == \"finding\") | .excerpt | contains(\"<script>\")) | any" out.jsonl >/dev/null
'

test_expect_success 'jsonl: metric lines share one shape: name, a number, fixed dimensions' '
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format jsonl >out.jsonl || test $? = 1 &&
	jq -c "select(.type == \"metric\") | keys" out.jsonl | sort -u >shapes &&
	expect_file_eq shapes "[\"name\",\"part\",\"path\",\"period\",\"person\",\"relation\",\"repository\",\"run\",\"team\",\"to_person\",\"to_team\",\"type\",\"value\"]" &&
	jq -e "select(.type == \"metric\") | (.value | type) | IN(\"number\", \"null\")" out.jsonl >/dev/null &&
	expect_eq "$(jq -s "[.[] | select(.type == \"metric\" and .name == \"assignments\" and .relation == \"manager\") | .value] | add" out.jsonl)" \
		"$(jq ".metrics.assignments.manager" "$TEST_ROOT/audit.json")" &&
	expect_eq "$(jq -s "[.[] | select(.type == \"metric\" and .name == \"approvals\" and .relation == \"manager\")] | length" out.jsonl)" 1
'

test_expect_success 'jsonl: a document with every metric becomes long, typed rows' '
	"$TEST_TOOL" render jsonl <"$DOC" >out.jsonl &&
	jq -c "select(.type == \"metric\") | keys" out.jsonl | sort -u >shapes &&
	test "$(wc -l <shapes)" = 1 &&
	m() { jq -sc "[.[] | select(.type == \"metric\" and $1) | .value]" out.jsonl; } &&
	expect_eq "$(m ".name == \"team.inbound_commits\" and .team == \"replay\"")" "[5]" &&
	expect_eq "$(m ".name == \"team.autonomy\" and .team == \"<i>web</i>\"")" "[null]" &&
	expect_eq "$(m ".name == \"contribution_matrix.commits\" and .team == \"replay\" and .to_team == \"<i>web</i>\"")" "[5]" &&
	expect_eq "$(m ".name == \"assignments_over_time\" and .period == \"2024-02-01\" and .relation == \"skip-level\"")" "[1]" &&
	expect_eq "$(m ".name == \"assignments_by_team\" and .team == \"replay\" and .relation == \"manager\"")" "[3]" &&
	expect_eq "$(m ".name == \"assignments_by_manager\" and .person == \"alice\" and .relation == \"manager\"")" "[3]" &&
	expect_eq "$(m ".name == \"feedback.team_graph\" and .team == \"replay\" and .to_team == \"<i>web</i>\"")" "[4]" &&
	expect_eq "$(m ".name == \"feedback.people_graph\" and .person == \"alice\" and .to_person == \"bob\"")" "[3]" &&
	expect_eq "$(m ".name == \"feedback.cross_team_share\"")" "[0.4]" &&
	expect_eq "$(m ".name == \"silo.share\" and .path == \"src/x/\" and .person == \"bob\"")" "[0.93]" &&
	expect_eq "$(m ".name == \"truck_factor\" and .path == \"src/y/\"")" "[2]" &&
	expect_eq "$(m ".name == \"truck_factor.author\" and .path == \"src/y/\"")" "[1,1]" &&
	expect_eq "$(m ".name == \"compliance.score\"")" "[83.5]" &&
	expect_eq "$(m ".name == \"compliance.part.value\" and .part == \"silos\"")" "[null]" &&
	expect_eq "$(m ".name == \"compliance.part.weight\" and .part == \"top_down\"")" "[0.3]" &&
	expect_eq "$(m ".name == \"trackers.unmatched\"")" "[2]" &&
	expect_eq "$(m ".name == \"context_references\"")" "[4]"
'

test_expect_success 'jsonl: the same document and time give the same run id; another time another' '
	"$TEST_TOOL" render jsonl <"$DOC" >a.jsonl &&
	"$TEST_TOOL" render jsonl <"$DOC" >b.jsonl &&
	SOURCE_DATE_EPOCH=1700000060 "$TEST_TOOL" render jsonl <"$DOC" >c.jsonl &&
	cmp a.jsonl b.jsonl &&
	test "$(head -n1 a.jsonl | jq -r .run)" != "$(head -n1 c.jsonl | jq -r .run)" &&
	head -n1 c.jsonl | jq -e ".run | test(\"^20231114T221420Z-[0-9a-f]{16}$\")" >/dev/null
'

# --- sarif ---------------------------------------------------------------

test_expect_success 'sarif: SARIF 2.1.0 with every rule of the rules file and a result per finding' '
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format sarif --output out.sarif || test $? = 1 &&
	jq_eq out.sarif ".version" "2.1.0" &&
	jq_eq out.sarif ".\"\$schema\"" "https://json.schemastore.org/sarif-2.1.0.json" &&
	jq_eq out.sarif ".runs | length" 1 &&
	jq_eq out.sarif ".runs[0].tool.driver | [.name, .version, has(\"informationUri\")]" "[\"antisilo\",\"0.1.0\",false]" &&
	jq_eq out.sarif "[.runs[0].tool.driver.rules[] | [.id, .defaultConfiguration.level]]" \
		"[[\"assigned-by-trailer\",\"error\"],[\"approved-by-trailer\",\"warning\"],[\"requested-by-trailer\",\"note\"]]" &&
	jq -e ".runs[0].tool.driver.rules[] | (.shortDescription.text | length > 0) and (.fullDescription.text | length > 0)
	       and (.help.text | length > 0) and (.help.markdown | length > 0)" out.sarif >/dev/null &&
	jq_eq out.sarif ".runs[0].tool.driver.rules[0].fullDescription.text" "Managers set context, not tasks: pick the work in your team'"'"'s planning." &&
	jq_eq out.sarif ".runs[0].tool.driver.rules[0].shortDescription.text" "Task assignment (manager, skip-level) in commit trailers" &&
	jq_eq out.sarif "[.runs[0] | .tool.driver.rules as \$r | .results[] | \$r[.ruleIndex].id == .ruleId] | all" true &&
	jq_eq out.sarif "[.runs[0].results[] | [.ruleId, .level]]" "$(jq -c "[.findings[] | [.rule, (if .severity == \"info\" then \"note\" else .severity end)]]" "$TEST_ROOT/audit.json")"
'

test_expect_success 'sarif: a commit finding: the first file the commit changed, line 1; logical location the commit, fingerprints' '
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format sarif >out.sarif || test $? = 1 &&
	jq ".findings[] | select(.rule == \"assigned-by-trailer\")" "$TEST_ROOT/audit.json" >f.json &&
	commit=$(jq -r ".commit" f.json) &&
	fp=$(jq -r ".fingerprint" f.json) &&
	expect_eq "$(git -C "$REPO" show --format= --name-only "$commit")" f1.txt &&
	jq ".runs[0].results[] | select(.ruleId == \"assigned-by-trailer\")" out.sarif >r.json &&
	jq_eq r.json ".locations[0].physicalLocation | [.artifactLocation.uri, .artifactLocation.uriBaseId, .region.startLine]" \
		"[\"f1.txt\",\"%SRCROOT%\",1]" &&
	jq_eq r.json ".locations[0].logicalLocations" "[{\"name\":\"$commit\",\"kind\":\"commit\"}]" &&
	jq_eq r.json ".partialFingerprints[\"antisiloFingerprint/v1\"]" "$fp" &&
	jq_eq r.json ".partialFingerprints.primaryLocationLineHash" "$(echo "$fp" | cut -c1-16):1" &&
	jq_eq r.json ".properties | [.event, .relation, .actor, .subject, .commit, .source]" \
		"[\"assignment\",\"manager\",\"alice\",\"bob\",\"$commit\",\"trailer\"]" &&
	jq_eq r.json ".message.text" "Task assignment by alice for bob (relation: manager): “Assigned-by: Alice Liddell <alice@example.com>” in commit $(echo "$commit" | cut -c1-12) by Bob Stone <bob@example.com>. Managers set context, not tasks: pick the work in your team'"'"'s planning." &&
	jq_eq out.sarif ".runs[0].originalUriBaseIds[\"%SRCROOT%\"].uri" "file://$REPO/" &&
	jq_eq out.sarif ".runs[0].properties | [.findings, .resultsLeftOut]" "[3,{}]" &&
	jq_eq out.sarif ".runs[0].invocations[0] | has(\"toolExecutionNotifications\")" false
'

test_expect_success 'sarif: a document without its repository: tracker files at their line, exports and commits left out and counted; text shown escaped' '
	"$TEST_TOOL" render sarif <"$DOC" >out.sarif &&
	jq_eq out.sarif ".runs[0].results | length" 1 &&
	jq_eq out.sarif ".runs[0].results[0].locations[0].physicalLocation | [.artifactLocation.uri, .region.startLine]" \
		"[\"docs/sprints/2024%20q1.md\",12]" &&
	jq_eq out.sarif ".runs[0].properties | [.findings, .resultsLeftOut]" "[3,{\"trackerExport\":1,\"noRepository\":1}]" &&
	jq_eq out.sarif ".runs[0].invocations[0].toolExecutionNotifications[0].message.text" \
		"2 of 3 findings are not in this file: code scanning shows a result only in a file of the repository at the audited commit, and 1 come from tracker exports, 1 could not be placed without the repository. The JSON report (--format json) has them all." &&
	jq -r ".runs[0].results[0].message.text" out.sarif >msg &&
	grep -F "\\x1b[31mred\\x1b[0m \\u202eevil\\u202c" msg &&
	! LC_ALL=C grep -q "$(printf "\033")" msg &&
	jq_eq out.sarif "[.runs[0].tool.driver.rules[].id]" "[\"assigned-by-trailer\",\"tracker-owner\",\"jira-assignee\"]" &&
	jq_eq out.sarif ".runs[0].properties.complianceScore" 83.5
'

test_expect_success 'sarif: past 25,000 results the most severe are kept, and a notification says so' '
	jq ".findings = ([range(0; 25001)] | map({rule: \"r\", severity: (if . == 25000 then \"error\" else \"info\" end),
	     event: \"assignment\", relation: \"manager\", actor: null, subject: null, author: null, source: \"tracker-file\",
	     commit: \"0123456789abcdef0123456789abcdef01234567\", path: \"TODO.md\", line: (. + 1), record: null,
	     fingerprint: (. | tostring), excerpt: \"x\", explain: \"y\"}))" "$DOC" >big.json &&
	"$TEST_TOOL" render sarif <big.json >out.sarif &&
	jq_eq out.sarif ".runs[0].results | length" 25000 &&
	jq_eq out.sarif ".runs[0].results[0].level" error &&
	jq_eq out.sarif ".runs[0].invocations[0].toolExecutionNotifications[0].message.text | startswith(\"1 of 25001 findings were left out\")" true &&
	jq_eq out.sarif ".runs[0].properties.resultsLeftOut" "{\"overResultLimit\":1}"
'

if ! command -v npm >/dev/null 2>&1; then
	test_skip 'sarif: the SARIF multitool finds no error (SARIF and GitHub rules)' 'npm is not installed'
else
	test_expect_success 'sarif: the SARIF multitool finds no error (SARIF and GitHub rules)' '
		run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format sarif >audit.sarif || test $? = 1 &&
		"$TEST_TOOL" render sarif "$REPO/rules.ini" <"$DOC" >doc.sarif &&
		sarif_validate audit.sarif &&
		sarif_validate doc.sarif
	'
fi

# --- html ----------------------------------------------------------------

test_expect_success 'html: one self-contained file: no script, no external reference' '
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format html >audit.html || test $? = 1 &&
	"$TEST_TOOL" render html <"$DOC" >doc.html &&
	for f in audit.html doc.html; do
		head -c 15 $f | grep -q "<!DOCTYPE html>" &&
		! grep -qi "<script" $f &&
		! grep -qiE "https?://|<[a-z][^>]*[[:space:]]src=|url\\((\"|'"'"')?[^#\"'"'"']|@import" $f &&
		! grep -oiE "<[a-z][^>]*[[:space:]]href=\"[^\"]*\"" $f | grep -v "href=\"#" &&
		grep -q "Content-Security-Policy\" content=\"default-src '"'"'none'"'"'" $f ||
		{ echo "$f"; exit 1; }
	done
'

test_expect_success 'html: text from people is escaped, controls and bidi shown, not obeyed' '
	"$TEST_TOOL" render html <"$DOC" >doc.html &&
	grep -F "Owner: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;s&#39; \\x1b[31mred\\x1b[0m \\u202eevil\\u202c &lt;img src=x onerror=alert(2)&gt;" doc.html &&
	grep -F "&lt;i&gt;web&lt;/i&gt;" doc.html &&
	! grep -F "<i>web" doc.html &&
	! LC_ALL=C grep -q "$(printf "\033")" doc.html &&
	! grep -q "$(printf "\342\200\256")" doc.html &&
	run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format html >audit.html || test $? = 1 &&
	grep -F "Requested-by: &lt;script&gt;alert(1)&lt;/script&gt; \\x1b[31mred\\x1b[0m \\u202eevil\\u202c &amp; &quot;q&quot; &#39;s&#39;" audit.html
'

test_expect_success 'html: the findings filters are radio buttons that CSS alone acts on' '
	"$TEST_TOOL" render html <"$DOC" >doc.html &&
	grep -q "<input type=\"radio\" class=\"vh\" name=\"fs\" id=\"fsall\" checked>" doc.html &&
	grep -q "<label for=\"fs0\">error (1)</label>" doc.html &&
	grep -q "<label for=\"fr1\">tracker-owner (1)</label>" doc.html &&
	grep -q "<label for=\"fl2\">unknown (1)</label>" doc.html &&
	grep -qF "#fs0:checked~.scroll tr.f:not(.s0){display:none}" doc.html &&
	grep -qF "#fr1:checked~.scroll tr.f:not(.r1){display:none}" doc.html &&
	grep -qF "#fl2:checked~.scroll tr.f:not(.l2){display:none}" doc.html &&
	grep -q "<tr class=\"f s1 r1 l1\">" doc.html &&
	grep -q "<span class=\"count\"></span> of 3 findings shown" doc.html
'

test_expect_success 'html: missing metrics show "no data"' '
	jq "del(.metrics.compliance, .metrics.contribution_matrix, .metrics.feedback, .metrics.silos, .metrics.teams, .metrics.assignments_over_time)" "$DOC" >partial.json &&
	"$TEST_TOOL" render html <partial.json >partial.html &&
	test "$(grep -o "no data" partial.html | wc -l)" -ge 7 &&
	grep -q "id=\"h-silos\"" partial.html
'

if [ -z "$CHROMIUM" ]; then
	test_skip 'html: headless Chromium shows the score, every section and the findings' 'chromium is not installed (apt-get install chromium)'
	test_skip 'html: a phone-sized screenshot' 'chromium is not installed'
else
	test_expect_success 'html: headless Chromium shows the score, every section and the findings' '
		"$TEST_TOOL" render html <"$DOC" >doc.html &&
		chromium_run --dump-dom "file://$PWD/doc.html" >dom.html &&
		grep -q "83.5" dom.html &&
		for h in "Summary" "Compliance score" "Assignments by relation" "Team × team contributions" \
			 "Review graph between teams" "Teams" "Knowledge silos" "Findings"; do
			grep -q "<h2 id=\"h-[a-z]*\">$h</h2>" dom.html || { echo "no heading $h"; exit 1; }
		done &&
		grep -q "<title id=\"aot-title\">Assignments by relation over time</title>" dom.html &&
		grep -q "<title id=\"rg-title\">Review graph between teams</title>" dom.html &&
		grep -qF "Assigned-by: Alice Liddell &lt;alice@example.com&gt;" dom.html &&
		grep -qF "&lt;script&gt;alert(1)&lt;/script&gt;" dom.html &&
		! grep -qi "<script" dom.html &&
		! grep -qi "<img" dom.html &&
		run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format html >audit.html || test $? = 1 &&
		chromium_run --dump-dom "file://$PWD/audit.html" >dom2.html &&
		grep -qF "Assigned-by: Alice Liddell &lt;alice@example.com&gt;" dom2.html &&
		grep -q "<h2 id=\"h-findings\">Findings</h2>" dom2.html &&
		! grep -qi "<script" dom2.html
	'

	test_expect_success 'html: a phone-sized screenshot' '
		"$TEST_TOOL" render html <"$DOC" >doc.html &&
		chromium_run --hide-scrollbars --window-size=390,844 --screenshot="$PWD/phone.png" "file://$PWD/doc.html" &&
		head -c 8 phone.png | od -An -c | grep -q "P   N   G" &&
		if [ -n "${ANTISILO_SCREENSHOTS:-}" ]; then cp phone.png "$ANTISILO_SCREENSHOTS/"; fi
	'
fi

# --- all formats ---------------------------------------------------------

test_expect_success '--output writes each format atomically, the same as stdout' '
	for fmt in jsonl sarif html; do
		run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format $fmt >stdout.$fmt || test $? = 1
		run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format $fmt --output file.$fmt || test $? = 1
		cmp stdout.$fmt file.$fmt || exit 1
	done &&
	test -z "$(ls | grep "\.tmp\.")" &&
	rc=0 && run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format html --output nodir/x.html 2>err || rc=$? &&
	expect_eq "$rc" 3 && test ! -e nodir
'

test_expect_success 'audit --format: an unknown format names the known ones' '
	rc=0 && run_antisilo audit --repo "$REPO" --rules "$REPO/rules.ini" --format xml 2>err || rc=$? &&
	expect_eq "$rc" 2 &&
	expect_file_eq err "antisilo: --format: unknown format '"'"'xml'"'"' (text, json, jsonl, sarif, html)" &&
	run_antisilo audit --help | grep -q "text | json | jsonl | sarif | html"
'

test_done
