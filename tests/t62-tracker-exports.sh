#!/bin/bash
# t62-tracker-exports.sh — `antisilo audit --tracker [FORMAT:]FILE`: GitHub
# issue events (one array or gh's pages), `gh issue list` JSON and Jira CSV
# become assignments, classified by the org chart, in the findings and the
# metrics of the report.

. "$(dirname "$0")/lib.sh"
. "$TESTS_DIR/lib-trackers.sh"

# setup: rules, a one-commit repository (nothing to find in it) and the
# fixtures, copied here so that findings name them by a relative path.
setup() {
	write_tracker_rules && make_repo r && commit_as r "$BOB" "Initial commit" &&
	cp "$FIXTURES"/github-events.json "$FIXTURES"/github-issues.json "$FIXTURES"/jira.csv .
}

# audit ARGS...: the JSON report (exit status 0 or 1 both fine).
audit() {
	local rc=0
	run_antisilo audit --repo r --rules rules.ini --format json --quiet "$@" >out.json || rc=$?
	test $rc -le 1
}

findings() {
	jq -r '.findings[] | [.rule, .severity, .relation, .actor, .subject, .source, .path, .record, (.line|tostring), (.commit|tostring), .excerpt] | join(" | ")' out.json
}

counts() { jq -c .metrics.assignments out.json; }

EVENTS_FINDINGS="tracker-top-down | error | manager | alice | bob | tracker-export | github-events.json | 9003 | null | null | @alice assigned @bobs to #13: Rewrite the search index
tracker-top-down | error | skip-level | alice | dave | tracker-export | github-events.json | 9004 | null | null | @alice assigned @dave to #14: Cache the catalogue"
EVENTS_COUNTS='{"self":1,"peer":1,"manager":1,"skip-level":1,"report":0,"cross-team":0,"unknown":1}'

test_expect_success 'github-events: self, peer, manager, skip-level; unassigned cancels; other events ignored' '
	setup && audit --tracker github-events.json &&
	findings >out && expect_file_eq out "$EVENTS_FINDINGS" &&
	expect_eq "$(counts)" "$EVENTS_COUNTS" &&
	jq_eq out.json ".commits_scanned" 1
'

test_expect_success 'github-events: a top-down assignment fails the audit (exit 1)' '
	setup &&
	! run_antisilo audit --repo r --rules rules.ini --tracker github-events.json --quiet >out 2>err &&
	grep -q "tracker-top-down" out
'

test_expect_success 'github-events: the format can be forced' '
	setup && audit --tracker github-events:github-events.json &&
	findings >out && expect_file_eq out "$EVENTS_FINDINGS" &&
	expect_eq "$(counts)" "$EVENTS_COUNTS"
'

test_expect_success 'github-events: the pages of gh api --paginate, "[...][...]" and "[...]\n[...]"' '
	setup &&
	{ jq -c ".[0:4]" github-events.json; jq -c ".[4:]" github-events.json; } >paged-nl.json &&
	{ jq -c ".[0:2]" github-events.json | tr -d "\n"; jq -c ".[2:6]" github-events.json | tr -d "\n"; \
	  echo "[]"; jq ".[6:]" github-events.json; } >paged.json &&
	test $(wc -l <paged-nl.json) = 2 &&
	for f in paged-nl.json paged.json; do
		audit --tracker $f &&
		findings | sed "s/$f/github-events.json/" >out &&
		expect_file_eq out "$EVENTS_FINDINGS" &&
		expect_eq "$(counts)" "$EVENTS_COUNTS" || return 1
	done
'

test_expect_success 'github-events: assigner is who assigned; actor when there is no assigner; null is the ghost' '
	setup && cat >ev.json <<-\EOF &&
	[{"id": 1, "event": "assigned", "created_at": "2024-03-01T09:00:00Z",
	  "actor": {"login": "bobs"}, "assigner": {"login": "alice"}, "assignee": {"login": "bobs"},
	  "issue": {"number": 1, "title": "One"}},
	 {"id": 2, "event": "assigned", "created_at": "2024-03-01T09:00:00Z",
	  "actor": {"login": "alice"}, "assignee": {"login": "carol"}, "issue": {"number": 2, "title": "Two"}},
	 {"id": 3, "event": "assigned", "created_at": "2024-03-01T09:00:00Z",
	  "actor": {"login": "alice"}, "assigner": null, "assignee": {"login": "dave"}},
	 {"id": 4, "event": "assigned", "created_at": "2024-03-01T09:00:00Z",
	  "actor": null, "assignee": {"login": "dave"}, "issue": null}]
	EOF
	audit --tracker ev.json && findings >out &&
	expect_file_eq out "tracker-top-down | error | manager | alice | bob | tracker-export | ev.json | 1 | null | null | @alice assigned @bobs to #1: One
tracker-top-down | error | manager | alice | carol | tracker-export | ev.json | 2 | null | null | @alice assigned @carol to #2: Two
tracker-top-down | error | skip-level | alice | dave | tracker-export | ev.json | 3 | null | null | @alice assigned @dave" &&
	expect_eq "$(counts)" "{\"self\":0,\"peer\":0,\"manager\":2,\"skip-level\":1,\"report\":0,\"cross-team\":0,\"unknown\":1}"
'

test_expect_success 'github-events: unassigned cancels only earlier assignments of the same person to the same issue' '
	setup && cat >ev.json <<-\EOF &&
	[{"id": 10, "event": "assigned", "created_at": "2024-03-01T09:00:00Z", "actor": {"login": "alice"}, "assignee": {"login": "bobs"}, "issue": {"number": 1}},
	 {"id": 11, "event": "assigned", "created_at": "2024-03-01T09:00:00Z", "actor": {"login": "alice"}, "assignee": {"login": "bobs"}, "issue": {"number": 2}},
	 {"id": 12, "event": "unassigned", "created_at": "2024-03-02T09:00:00Z", "actor": {"login": "bobs"}, "assignee": {"login": "bobs"}, "issue": {"number": 1}},
	 {"id": 13, "event": "assigned", "created_at": "2024-03-03T09:00:00Z", "actor": {"login": "alice"}, "assignee": {"login": "bobs"}, "issue": {"number": 1}},
	 {"id": 15, "event": "assigned", "created_at": "2024-03-04T09:00:00Z", "actor": {"login": "alice"}, "assignee": {"login": "carol"}, "issue": {"number": 3}},
	 {"id": 14, "event": "unassigned", "created_at": "2024-03-04T09:00:00Z", "actor": {"login": "alice"}, "assignee": {"login": "carol"}, "issue": {"number": 3}},
	 {"id": 16, "event": "unassigned", "created_at": "2024-03-05T09:00:00Z", "actor": {"login": "alice"}, "assignee": {"login": "dave"}, "issue": {"number": 4}}]
	EOF
	audit --tracker ev.json &&
	expect_eq "$(jq -r "[.findings[].record] | join(\" \")" out.json)" "11 13 15" &&
	expect_eq "$(counts)" "{\"self\":0,\"peer\":0,\"manager\":3,\"skip-level\":0,\"report\":0,\"cross-team\":0,\"unknown\":0}"
'

test_expect_success 'github-issues: author -> each assignee, a weak signal (warning at most)' '
	setup && audit --tracker github-issues.json && findings >out &&
	expect_file_eq out "tracker-top-down | warning | manager | alice | bob | tracker-export | github-issues.json | #21 | null | null | #21 opened by @alice, assigned to @bobs: Dark mode for the dashboard
tracker-top-down | warning | manager | alice | carol | tracker-export | github-issues.json | #21 | null | null | #21 opened by @alice, assigned to @carol: Dark mode for the dashboard" &&
	expect_eq "$(counts)" "{\"self\":1,\"peer\":0,\"manager\":2,\"skip-level\":0,\"report\":0,\"cross-team\":1,\"unknown\":0}" &&
	jq_eq out.json .metrics.bot_events "{\"assignment\":1}" &&
	run_antisilo audit --repo r --rules rules.ini --tracker github-issues.json --quiet >/dev/null
'

JIRA_FINDINGS="tracker-top-down | warning | manager | alice | bob | tracker-export | JIRA | SHOP-2 | null | null | SHOP-2 reported by Alice Liddell, assigned to Bob Stone: Rewrite the search index
tracker-top-down | warning | skip-level | alice | dave | tracker-export | JIRA | SHOP-3 | null | null | SHOP-3 reported by Alice Liddell, assigned to dave@example.com: Cache the catalogue"
JIRA_COUNTS='{"self":1,"peer":1,"manager":1,"skip-level":1,"report":0,"cross-team":0,"unknown":1}'

test_expect_success 'jira-csv: reporter -> assignee by display name or e-mail (weak); quoted fields, "" and newlines' '
	setup && audit --tracker jira.csv && findings >out &&
	expect_file_eq out "$(echo "$JIRA_FINDINGS" | sed "s/JIRA/jira.csv/")" &&
	expect_eq "$(counts)" "$JIRA_COUNTS"
'

test_expect_success 'jira-csv: a UTF-8 BOM and CRLF line ends (as Jira writes them)' '
	setup && { printf "\357\273\277"; sed "s/\$/\r/" jira.csv; } >crlf.csv &&
	audit --tracker crlf.csv && findings >out &&
	expect_file_eq out "$(echo "$JIRA_FINDINGS" | sed "s/JIRA/crlf.csv/")" &&
	expect_eq "$(counts)" "$JIRA_COUNTS" &&
	audit --tracker jira-csv:crlf.csv && findings >out &&
	expect_file_eq out "$(echo "$JIRA_FINDINGS" | sed "s/JIRA/crlf.csv/")"
'

test_expect_success 'jira-csv: repeated columns; only the needed ones; column order free' '
	setup && cat >dup.csv <<-\EOF &&
	Issue key,Watchers,Watchers,Assignee,Assignee,Reporter,Sprint,Sprint
	SHOP-7,Carol Ng,Dave Park,Bob Stone,Carol Ng,Alice Liddell,S1,S2
	SHOP-8,,,Dave Park,dave park,Bob Stone,,
	SHOP-9,,,,Erin Cho,Erin Cho,,
	EOF
	audit --tracker dup.csv &&
	expect_eq "$(jq -r "[.findings[] | .record + \":\" + .subject] | join(\" \")" out.json)" "SHOP-7:bob SHOP-7:carol" &&
	expect_eq "$(counts)" "{\"self\":1,\"peer\":1,\"manager\":2,\"skip-level\":0,\"report\":0,\"cross-team\":0,\"unknown\":0}"
'

test_expect_success 'several exports add up; their findings follow the commits'"'"' findings' '
	setup && cat >>rules.ini <<-\EOF &&

	[rule.wip]
	source  = subject
	pattern = ^WIP\b
	event   = context
	severity = info
	explain = Finish it.
	EOF
	commit_as r "$BOB" "WIP: half done" &&
	audit --tracker github-events.json --tracker jira.csv --tracker github-issues:github-issues.json &&
	expect_eq "$(jq -r "[.findings[] | .rule + \":\" + (.record // .source)] | join(\" \")" out.json)" \
		"wip:subject tracker-top-down:9003 tracker-top-down:9004 tracker-top-down:SHOP-2 tracker-top-down:SHOP-3 tracker-top-down:#21 tracker-top-down:#21" &&
	expect_eq "$(counts)" "{\"self\":3,\"peer\":2,\"manager\":4,\"skip-level\":2,\"report\":0,\"cross-team\":1,\"unknown\":2}"
'

test_expect_success '--since and --until apply to export records with a time' '
	setup && audit --tracker github-events.json --since 2024-03-02 --until 2024-03-02T23:59:59Z &&
	expect_eq "$(jq -r "[.findings[].record] | join(\" \")" out.json)" "9003 9004" &&
	expect_eq "$(counts)" "{\"self\":0,\"peer\":0,\"manager\":1,\"skip-level\":1,\"report\":0,\"cross-team\":0,\"unknown\":0}"
'

test_expect_success 'the statistics: records read, cancelled, bots apart (app/renovate), and the names the org chart lacks' '
	setup && "$TEST_TOOL" tracker-exports rules.ini github-events.json jira.csv github-issues.json >out &&
	tail -n 3 out >stats &&
	expect_file_eq stats "Tracker exports: 3 files, 20 records read, 14 assignments (1 more cancelled by a later unassignment or removal, 1 event by or for a bot, counted apart)
  2 assignments name someone the org chart does not know; add them to [people]: @zed-contractor (1), Zed Contractor (1)
{\"assignments\":14,\"bots\":1,\"cancelled\":1,\"files\":3,\"outside_window\":0,\"records\":20,\"unmatched\":2,\"unmatched_names\":[{\"count\":1,\"name\":\"@zed-contractor\"},{\"count\":1,\"name\":\"Zed Contractor\"}]}"
'

test_expect_success 'an empty export is fine: no records' '
	setup && echo "[]" >empty.json && printf "Issue key,Assignee,Reporter\r\n" >empty.csv &&
	audit --tracker empty.json --tracker empty.csv &&
	jq_eq out.json ".findings | length" 0
'

test_expect_success 'hostile text in exports is kept as data, sanitised on output' '
	setup && printf "Issue key,Summary,Assignee,Reporter\nSHOP-1,\"\033[31mred \342\200\256evil\",Bob Stone,Alice Liddell\n" >evil.csv &&
	run_antisilo audit --repo r --rules rules.ini --tracker evil.csv --quiet --fail-on never >out &&
	! grep -q "$(printf "\033")" out &&
	audit --tracker evil.csv &&
	expect_eq "$(jq -r ".findings[0].excerpt" out.json)" "$(printf "SHOP-1 reported by Alice Liddell, assigned to Bob Stone: \033[31mred \342\200\256evil")"
'

test_done
