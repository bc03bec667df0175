#!/bin/bash
# t34-ticket-owners.sh — a ticket key in a message names the person a
# tracker export assigns it to (issue 11, "people reached through tracker
# records"): "Alice assigned PROJ-7", from PROJ-7's assignee, is an
# assignment to the author; "I assigned PROJ-7", from their manager, hands
# work to a named report. In five languages, with the look-alikes that
# must stay quiet: another's ticket, an explicit other receiver, a key the
# exports do not assign (or whose assignment was undone), a ticket that
# "asks" or is asked about, negation, hypotheticals, questions, quotes,
# code, and the same messages with no export at all.
#
# The shipped rules (include = default) and t30's org chart:
#   dave manages alice; alice manages bob and carol (team replay);
#   erin leads team other. The exports assign PROJ-7 and #41 to bob,
#   PROJ-8 to carol, PROJ-9 to erin, #43 to bob and carol; #42 was
#   assigned to bob and unassigned.

. "$(dirname "$0")/lib.sh"

. "$TESTS_DIR/lib-default-org.sh"

setup() {
	write_site || return 1
	# each assignee reported their own ticket: the exports themselves
	# hold no top-down assignment
	cat >jira.csv <<'EOF'
Issue key,Summary,Reporter,Assignee,Created
PROJ-7,Export the audit log,Bob Stone,Bob Stone,01/Nov/26 10:00 AM
PROJ-8,Fix the flaky upload test,Carol Danvers,Carol Danvers,01/Nov/26 10:00 AM
PROJ-9,Rotate the keys,Erin Hale,Erin Hale,01/Nov/26 10:00 AM
EOF
	local ev='{"id":%d,"event":"%s","created_at":"2026-11-01T09:%02d:00Z","actor":{"login":"%s"},"assignee":{"login":"%s"},"issue":{"number":%d,"title":"t%d"}}'
	{ echo "["
	  printf "$ev,\n" 1 assigned 1 bobs bobs 41 41
	  printf "$ev,\n" 2 assigned 2 bobs bobs 42 42
	  printf "$ev,\n" 3 unassigned 3 bobs bobs 42 42
	  printf "$ev,\n" 4 assigned 4 bobs bobs 43 43
	  printf "$ev\n" 5 assigned 5 carol carol 43 43
	  echo "]"; } >events.json
}

# judge CASES [AUDIT-ARGS...]: one repository with a commit per line of
# CASES ("who|message", "\n" for a new line), audited with the exports
# (or AUDIT-ARGS); prints, per commit, its message's first line and its
# findings from the messages: "message => rule severity relation actor
# subject", or "message => -".
judge() {
	local cases=$1 who msg
	shift
	rm -rf r && make_repo r || return 1
	while IFS='|' read -r who msg; do
		case $who in
		alice) who=$ALICE ;; bob) who=$BOB ;; carol) who=$CAROL ;; dave) who=$DAVE ;;
		esac
		commit_as r "$who" "$(printf '%b' "$msg")" || return 1
	done <<<"$cases"
	[ $# -gt 0 ] || set -- --tracker jira.csv --tracker events.json
	run_antisilo audit --repo r --rules site.ini --format json --fail-on never "$@" >out.json ||
		return 1
	jq -r '
		(.findings | map(select(.source != "tracker-export")) | group_by(.commit)
		 | map({(.[0].commit): map("\(.rule) \(.severity) \(.relation) \(.actor) \(.subject)")})
		 | add) as $f
		| $f' out.json >by-commit.json || return 1
	git -C r log --reverse --format='%H %s' | while read -r sha subject; do
		local got; got=$(jq -r --arg c "$sha" '(.[$c] // ["-"]) | join("; ")' by-commit.json)
		echo "$subject => $got"
	done
}

# expect_judged CASES EXPECTED [AUDIT-ARGS...]
expect_judged() {
	local cases=$1 want=$2
	shift 2
	judge "$cases" "$@" >judged.txt && expect_file_eq judged.txt "$want"
}

test_expect_success 'the author'"'"'s ticket stands for "me": en, de, fr, es, pt, active and passive' '
	setup && expect_judged "bob|Alice assigned PROJ-7
bob|Alice assigned #41 this morning
bob|@alice assigned proj-7 yesterday
bob|PROJ-7 was assigned by Alice
bob|Alice handed PROJ-7 over
bob|Dave assigned PROJ-7
bob|Export the audit log\n\nAlice assigned PROJ-7 last week, so here it is.
bob|Alice assigned #43
bob|Alice hat PROJ-7 zugewiesen
bob|PROJ-7 wurde von Alice zugewiesen
bob|Alice a assigné PROJ-7
bob|PROJ-7 a été assigné par Alice
bob|Alice asignó PROJ-7
bob|PROJ-7 fue asignado por Alice
bob|Alice atribuiu PROJ-7
bob|PROJ-7 foi atribuído por Alice
bob|Alice delegated PROJ-7
bob|Alice reassigned PROJ-7
bob|PROJ-7 got assigned by Alice
bob|Alice has just assigned PROJ-7, so picking it up
bob|Alice handed off PROJ-7
bob|Alice a réassigné PROJ-7
bob|Alice reasignó PROJ-7
bob|Alice delegou PROJ-7
bob|O PROJ-7 foi atribuído pela Alice
bob|Alice gave PROJ-7 to me
bob|Got PROJ-7 assigned by Alice
bob|A Alice atribuiu o PROJ-7
bob|Alice reassigned PROJ-7 yesterday." \
"Alice assigned PROJ-7 => assigned-me-prose warning manager alice bob
Alice assigned #41 this morning => assigned-me-prose warning manager alice bob
@alice assigned proj-7 yesterday => assigned-me-prose warning manager alice bob
PROJ-7 was assigned by Alice => assigned-me-prose warning manager alice bob
Alice handed PROJ-7 over => asked-to-prose warning manager alice bob
Dave assigned PROJ-7 => assigned-me-prose warning skip-level dave bob
Export the audit log => assigned-me-prose warning manager alice bob
Alice assigned #43 => assigned-me-prose warning manager alice bob
Alice hat PROJ-7 zugewiesen => assigned-me-prose warning manager alice bob
PROJ-7 wurde von Alice zugewiesen => assigned-me-prose warning manager alice bob
Alice a assigné PROJ-7 => assigned-me-prose warning manager alice bob
PROJ-7 a été assigné par Alice => assigned-me-prose warning manager alice bob
Alice asignó PROJ-7 => assigned-me-prose warning manager alice bob
PROJ-7 fue asignado por Alice => assigned-me-prose warning manager alice bob
Alice atribuiu PROJ-7 => assigned-me-prose warning manager alice bob
PROJ-7 foi atribuído por Alice => assigned-me-prose warning manager alice bob
Alice delegated PROJ-7 => assigned-me-prose warning manager alice bob
Alice reassigned PROJ-7 => assigned-me-prose warning manager alice bob
PROJ-7 got assigned by Alice => assigned-me-prose warning manager alice bob
Alice has just assigned PROJ-7, so picking it up => assigned-me-prose warning manager alice bob
Alice handed off PROJ-7 => asked-to-prose warning manager alice bob
Alice a réassigné PROJ-7 => assigned-me-prose warning manager alice bob
Alice reasignó PROJ-7 => assigned-me-prose warning manager alice bob
Alice delegou PROJ-7 => asked-to-prose warning manager alice bob
O PROJ-7 foi atribuído pela Alice => assigned-me-prose warning manager alice bob
Alice gave PROJ-7 to me => asked-to-prose warning manager alice bob
Got PROJ-7 assigned by Alice => assigned-me-prose warning manager alice bob
A Alice atribuiu o PROJ-7 => assigned-me-prose warning manager alice bob
Alice reassigned PROJ-7 yesterday. => assigned-me-prose warning manager alice bob"
'

test_expect_success 'a manager handing a report'"'"'s ticket: to its assignee, or to whom the message names' '
	setup && expect_judged "alice|I assigned PROJ-7
alice|Handing PROJ-7 over
alice|Handing #41 over to Carol
alice|I gave PROJ-8 to Carol
alice|I assigned PROJ-8 before the release
alice|Ich habe PROJ-7 zugewiesen
alice|J'"'"'ai assigné PROJ-8
alice|Asigné PROJ-7
alice|Atribuí PROJ-8
alice|Je passe PROJ-7 à Carol" \
"I assigned PROJ-7 => handed-to-report-prose warning manager alice bob
Handing PROJ-7 over => handed-to-report-prose warning manager alice bob
Handing #41 over to Carol => handed-to-report-prose warning manager alice carol
I gave PROJ-8 to Carol => handed-to-report-prose warning manager alice carol
I assigned PROJ-8 before the release => handed-to-report-prose warning manager alice carol
Ich habe PROJ-7 zugewiesen => handed-to-report-prose warning manager alice bob
J'"'"'ai assigné PROJ-8 => handed-to-report-prose warning manager alice carol
Asigné PROJ-7 => handed-to-report-prose warning manager alice bob
Atribuí PROJ-8 => handed-to-report-prose warning manager alice carol
Je passe PROJ-7 à Carol => handed-to-report-prose warning manager alice carol"
'

NEGATIVES="bob|Alice assigned PROJ-8
bob|Alice assigned PROJ-7 to Carol
bob|Alice assigned Carol PROJ-7
bob|Alice asked about PROJ-7
bob|PROJ-7 asks me to retry the upload
bob|Alice requested PROJ-7
bob|Alice put PROJ-7 on the board
bob|Alice closed PROJ-7
bob|If Alice assigns PROJ-7, I will pick it up
bob|Alice did not assign PROJ-7
bob|Did Alice assign PROJ-7?
bob|Alice assigned PROJ-99
bob|Alice assigned #42
bob|Alice assigned other/repo#41
bob|Carol assigned PROJ-7
bob|I assigned PROJ-7
bob|Alice gave PROJ-7 a higher priority
bob|Alice gave PROJ-7 a look
bob|Quote the ticket\n\n> Alice assigned PROJ-7
bob|Show the log\n\n    Alice assigned PROJ-7
bob|Alice preguntó por PROJ-7
bob|Alice hat PROJ-7 kommentiert
bob|Alice a fermé PROJ-7
bob|Alice comentou em PROJ-7
bob|Alice assigned PROJ-7 to the team
bob|Alice assigned PROJ-7 to herself
bob|Alice assigned PROJ-7 back to the backlog
bob|Alice assigned PROJ-7 a priority
bob|Alice assigned PROJ-7 into the next sprint
bob|PROJ-7 was assigned to the team by Alice
bob|PROJ-7 was assigned by Alice to Carol
bob|PROJ-7 was assigned by Alice to the team
bob|The export was assigned by Alice to Carol
bob|Alice a assigné PROJ-7 à l'équipe
bob|Alice asignó PROJ-7 al equipo
bob|Alice atribuiu PROJ-7 ao time
alice|I assigned PROJ-7 to the next sprint
alice|Ich habe PROJ-7 dem Backlog zugeordnet
alice|I assigned PROJ-8 to myself
alice|Ich habe mir PROJ-8 zugewiesen
alice|Je me suis assigné PROJ-8
alice|Me asigné PROJ-8
alice|I closed PROJ-7
alice|I asked about PROJ-7
alice|I assigned PROJ-9
alice|I assigned #43"

test_expect_success 'look-alikes: another'"'"'s ticket, another receiver or place, undone or unknown keys, no directive' '
	setup && judge "$NEGATIVES" >judged.txt &&
	if grep -v " => -$" judged.txt; then false; fi &&
	test $(wc -l <judged.txt) = 46
'

# (a passive with no receiver is a request made of the author whatever the
# export says: "assigned by Alice" to whom? With the export it is to them.)
test_expect_success 'without an export a ticket key names nobody' '
	setup && judge "bob|Alice assigned PROJ-7
bob|PROJ-7 was assigned by Alice
alice|I assigned PROJ-7
alice|Handing #41 over" --no-paths >judged.txt &&
	expect_file_eq judged.txt "Alice assigned PROJ-7 => -
PROJ-7 was assigned by Alice => asked-to-prose warning manager alice bob
I assigned PROJ-7 => -
Handing #41 over => -"
'

test_expect_success 'the explanation says whose the ticket is, and where that came from' '
	setup && judge "bob|Alice assigned PROJ-7" >judged.txt &&
	jq_eq out.json "[.findings[].explain | select(test(\"Alice [+] assigned [+] PROJ-7 \\\\(active\\\\); the tracker export assigns PROJ-7 to you[.]\"))] | length" 1 &&
	jq_eq out.json "[.findings[] | select(.source != \"tracker-export\")] | length" 1 &&
	judge "alice|I assigned PROJ-7" >judged.txt &&
	jq_eq out.json "[.findings[].explain | select(test(\"the tracker export assigns PROJ-7 to them[.]\"))] | length" 1
'

test_done
