#!/bin/bash
# t63-tracker-errors.sh — a wrong or malformed tracker export stops the
# audit before anything is counted (exit 2, no report), with a message that
# names the file and the record (JSON: record number and byte offset,
# counted from 0) or the CSV line.

. "$(dirname "$0")/lib.sh"
. "$TESTS_DIR/lib-trackers.sh"

# expect_tracker_error FILE 'MESSAGE' [FORMAT:]: the audit exits 2, writes
# no report, and says exactly "antisilo: MESSAGE".
expect_tracker_error() {
	local rc=0
	test -f rules.ini || { write_tracker_rules && make_repo r && commit_as r "$BOB" "Initial commit"; }
	run_antisilo audit --repo r --rules rules.ini --quiet --format json \
		--tracker "${3:-}$1" --output report.json >out 2>err || rc=$?
	expect_eq "$rc" 2 && expect_file_eq err "antisilo: $2" && test ! -s out && test ! -e report.json
}

# --- what the file is -----------------------------------------------------

test_expect_success 'a missing file' '
	expect_tracker_error nope.json "nope.json: cannot open: No such file or directory"
'

test_expect_success 'an empty file' '
	: >e.json && expect_tracker_error e.json "e.json: empty file: not a tracker export"
'

test_expect_success 'an unknown FORMAT: prefix' '
	echo "[]" >e.json &&
	expect_tracker_error e.json "--tracker github-evnts:e.json: unknown format '"'"'github-evnts'"'"' (github-events, github-issues, jira-csv, github-prs, github-protection, gitlab-notes)" github-evnts:
'

test_expect_success 'a file whose name has a colon is still a file' '
	write_tracker_rules && make_repo r && commit_as r "$BOB" "Initial commit" &&
	echo "[]" >"a:b.json" &&
	run_antisilo audit --repo r --rules rules.ini --quiet --format json --tracker "a:b.json" >out.json
'

test_expect_success 'a JSON object that is no branch protection nor ruleset' '
	echo "{\"event\": \"assigned\"}" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 0): not a branch protection (no \"required_pull_request_reviews\") or a ruleset (no \"rules\"); name the format: --tracker github-protection:FILE"
'

test_expect_success 'a JSON array of something else: the format cannot be told' '
	echo "[{\"name\": \"x\"}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): none of a GitHub issue event (no \"event\"), a \`gh issue list\` entry (no \"assignees\"), a \`gh pr list\` entry (no \"reviews\" nor \"files\"), a GitLab note (no \"noteable_type\"); name the format: --tracker github-events:FILE, github-issues:FILE, github-prs:FILE or gitlab-notes:FILE"
'

test_expect_success 'a CSV without an Issue key column is not a Jira export' '
	printf "Key,Assignee,Reporter\nX-1,a,b\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 1: no \"Issue key\" column: not a Jira CSV export (formats: github-events, github-issues, jira-csv, github-prs, github-protection, gitlab-notes)"
'

test_expect_success 'a forced format that does not fit the file' '
	cp "$FIXTURES/github-events.json" ev.json &&
	expect_tracker_error ev.json "ev.json: line 1: no \"Issue key\" column: not a Jira CSV export (formats: github-events, github-issues, jira-csv, github-prs, github-protection, gitlab-notes)" jira-csv: &&
	expect_tracker_error ev.json "ev.json: record 1 (byte 4): no \"assignees\" array: list the issues with gh issue list --json number,title,author,assignees,createdAt,body,comments" github-issues: &&
	cp "$FIXTURES/github-issues.json" is.json &&
	expect_tracker_error is.json "is.json: record 1 (byte 4): no \"event\" string: not a GitHub issue event" github-events:
'

# --- malformed JSON ------------------------------------------------------------

test_expect_success 'JSON: a syntax error inside a record names the record and the byte' '
	printf "[{\"id\": 1, \"event\": \"labeled\"},\n {\"id\": 2, \"event\": \"labeled\", \"x\": tru}]" >e.json &&
	expect_tracker_error e.json "e.json: record 2 (byte 33): invalid JSON at byte 68: invalid literal"
'

test_expect_success 'JSON: the file ends inside a record' '
	printf "[{\"id\": 1, \"event\": \"assigned\", \"title\": \"unfinished" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): the file ends inside this record (in a string)"
'

test_expect_success 'JSON: a missing comma, a trailing comma, text after the array' '
	printf "[{\"event\": \"labeled\"} {\"event\": \"closed\"}]" >e.json &&
	expect_tracker_error e.json "e.json: byte 22: unexpected '"'"'{'"'"' where '"'"','"'"' or '"'"']'"'"' should follow a record" &&
	printf "[{\"event\": \"labeled\"},\n]" >e.json &&
	expect_tracker_error e.json "e.json: byte 23: unexpected '"'"']'"'"' where a record should follow '"'"','"'"'" &&
	printf "[{\"event\": \"labeled\"}]\nnull\n" >e.json &&
	expect_tracker_error e.json "e.json: byte 23: unexpected '"'"'n'"'"' where another page '"'"'['"'"' or the end of the file should follow the array"
'

test_expect_success 'JSON: a record that is not an object' '
	printf "[{\"event\": \"labeled\"}, 42]" >e.json &&
	expect_tracker_error e.json "e.json: record 2 (byte 23): not a JSON object"
'

test_expect_success 'JSON: bad bytes in strings: invalid UTF-8, \u0000, raw control characters' '
	printf "[{\"event\": \"labeled\", \"x\": \"caf\351\"}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): invalid JSON at byte 31: invalid UTF-8" &&
	printf "[{\"event\": \"labeled\", \"x\": \"\\\\u0000\"}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): invalid JSON at byte 28: \\u0000 is not allowed in a string" &&
	printf "[{\"event\": \"labeled\", \"x\": \"a\tb\"}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): invalid JSON at byte 29: control character in a string"
'

test_expect_success 'JSON: an assignment without its parties, id or a readable time' '
	printf "[{\"id\": 1, \"event\": \"closed\"},\n{\"id\": 2, \"event\": \"assigned\", \"actor\": {\"login\": \"alice\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 2 (byte 31): \"assigned\" event without \"assignee\"" &&
	printf "[{\"id\": 2, \"event\": \"unassigned\", \"assignee\": {\"login\": \"bobs\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"unassigned\" event without \"actor\"" &&
	printf "[{\"event\": \"assigned\", \"actor\": null, \"assignee\": {\"login\": \"bobs\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"assigned\" event without an \"id\" number" &&
	printf "[{\"id\": 3, \"event\": \"assigned\", \"actor\": {\"id\": 1}, \"assignee\": {\"login\": \"bobs\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"actor\" has no \"login\"" &&
	printf "[{\"id\": 3, \"event\": \"assigned\", \"actor\": null, \"assignee\": {\"login\": \"bobs\"}, \"created_at\": \"last week\"}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"created_at\" is not an ISO 8601 time"
'

test_expect_success 'JSON: in a paginated export the byte offset counts from the start of the file' '
	{ jq -c ".[0:4]" "$FIXTURES/github-events.json"; printf "[{\"event\": \"closed\"}, {\"event\": 7}]\n"; } >e.json &&
	off=$(( $(head -n 1 e.json | wc -c) + 22 )) &&
	expect_tracker_error e.json "e.json: record 6 (byte $off): no \"event\" string: not a GitHub issue event"
'

test_expect_success 'gh issue list JSON without assignees or author' '
	printf "[{\"number\": 1, \"title\": \"x\", \"assignees\": []}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): no \"author\": list the issues with gh issue list --json number,title,author,assignees,createdAt,body,comments" &&
	printf "[{\"number\": 1, \"author\": {\"login\": \"a\"}, \"assignees\": [{\"login\": \"b\"}]}, {\"number\": 2, \"author\": {\"login\": \"a\"}, \"assignees\": {}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 2 (byte 73): no \"assignees\" array: list the issues with gh issue list --json number,title,author,assignees,createdAt,body,comments" &&
	printf "[{\"number\": 1, \"author\": {\"login\": \"a\"}, \"assignees\": [{\"name\": \"b\"}]}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"assignees[0]\" has no \"login\""
'

# --- malformed CSV ---------------------------------------------------------------

test_expect_success 'CSV: a quote inside an unquoted field' '
	printf "Issue key,Assignee,Reporter\nSH\"OP-1,a,b\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 2: a quote inside an unquoted field (quote the whole field and double the quote)"
'

test_expect_success 'CSV: text after a closing quote' '
	printf "Issue key,Assignee,Reporter\n\"SHOP-1\"x,a,b\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 2: '"'"'x'"'"' after the closing quote of a field (a field is either wholly quoted or not at all)"
'

test_expect_success 'CSV: a quoted field that never closes names the line it starts on' '
	printf "Issue key,Summary,Assignee,Reporter\r\nSHOP-1,\"two\r\nlines\",a,b\r\nSHOP-2,\"never closed,a,b\r\nSHOP-3,x,a,b\r\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 4: a quoted field starts here and is never closed"
'

test_expect_success 'CSV: a row with more or fewer fields than the header, after multi-line fields' '
	printf "Issue key,Summary,Assignee,Reporter\nSHOP-1,\"a\nb\nc\",x,y\nSHOP-2,s,x\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 5: 3 fields, but the header has 4" &&
	printf "\357\273\277Issue key,Assignee,Reporter\r\nSHOP-1,a,b,c\r\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 2: 4 fields, but the header has 3"
'

test_expect_success 'CSV: NUL bytes, lone carriage returns, an empty Issue key' '
	printf "Issue key,Assignee,Reporter\nSHOP-1,a\000,b\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 2: NUL byte: not a text CSV file" &&
	printf "Issue key,Assignee,Reporter\nSHOP-1,a\r,b\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 2: a carriage return that does not end the line (only CRLF or LF end a row)" &&
	printf "Issue key,Assignee,Reporter\nSHOP-1,a,b\n  ,a,b\n" >e.csv &&
	expect_tracker_error e.csv "e.csv: line 3: no Issue key"
'

# --- the forge exports ------------------------------------------------------------

test_expect_success 'github-prs: a pull request without reviews or files names what to list' '
	printf "[{\"number\": 1, \"author\": {\"login\": \"a\"}, \"files\": []}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): no \"reviews\" array: list the pull requests with gh pr list --state all --limit 100000 --json number,title,author,createdAt,mergedAt,mergedBy,assignees,reviews,files" github-prs: &&
	printf "[{\"number\": 1, \"author\": {\"login\": \"a\"}, \"reviews\": []}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): no \"files\" array: list the pull requests with gh pr list --state all --limit 100000 --json number,title,author,createdAt,mergedAt,mergedBy,assignees,reviews,files" github-prs: &&
	printf "[{\"number\": \"1\", \"author\": null, \"reviews\": [], \"files\": []}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): no pull request \"number\""
'

test_expect_success 'github-prs: a wrong review, file or time names the record and its byte' '
	printf "[{\"number\": 1, \"author\": null, \"reviews\": [], \"files\": []},\n {\"number\": 2, \"author\": {\"login\": \"a\"}, \"files\": [], \"reviews\": [{\"author\": {\"login\": \"b\"}}]}]" >e.json &&
	expect_tracker_error e.json "e.json: record 2 (byte 61): reviews[0] has no \"state\" string" &&
	printf "[{\"number\": 2, \"author\": {\"login\": \"a\"}, \"files\": [], \"reviews\": [{\"author\": {\"id\": 1}, \"state\": \"APPROVED\"}]}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"reviews[0].author\" has no \"login\"" &&
	printf "[{\"number\": 2, \"author\": {\"login\": \"a\"}, \"reviews\": [], \"files\": [{\"additions\": 1}]}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): files[0] has no \"path\"" &&
	printf "[{\"number\": 2, \"author\": {\"login\": \"a\"}, \"reviews\": [{\"author\": {\"login\": \"b\"}, \"state\": \"COMMENTED\", \"submittedAt\": \"yesterday\"}], \"files\": []}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"submittedAt\" is not an ISO 8601 time" &&
	printf "[{\"number\": 2, \"author\": {\"login\": \"a\"}, \"reviews\": [], \"files\": [], \"title\": \"unfinished" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): the file ends inside this record (in a string)"
'

test_expect_success 'review requests without a reviewer or a team slug' '
	printf "[{\"id\": 1, \"event\": \"review_requested\", \"actor\": {\"login\": \"a\"}, \"review_requester\": {\"login\": \"a\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"review_requested\" event without \"requested_reviewer\" or \"requested_team\"" &&
	printf "[{\"id\": 1, \"event\": \"review_request_removed\", \"actor\": {\"login\": \"a\"}, \"requested_team\": {\"name\": \"x\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"requested_team\" has no \"slug\""
'

test_expect_success 'github-issues: comments that are not a list of comments' '
	printf "[{\"number\": 1, \"author\": {\"login\": \"a\"}, \"assignees\": [], \"comments\": {}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"comments\" is not an array" &&
	printf "[{\"number\": 1, \"author\": {\"login\": \"a\"}, \"assignees\": [], \"comments\": [{\"author\": {\"login\": \"b\"}, \"body\": \"x\", \"createdAt\": 3}]}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"createdAt\" is not an ISO 8601 time"
'

test_expect_success 'github-protection: one object, with its fields of the right type' '
	printf "{\"required_pull_request_reviews\": {\"require_code_owner_reviews\": \"yes\"}}" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 0): \"require_code_owner_reviews\" is not true or false" &&
	printf "{\"enforcement\": \"active\", \"rules\": [{\"parameters\": {}}]}" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 0): rules[0] has no \"type\"" &&
	printf "{\"enforce_admins\": {\"enabled\": true}} {}" >e.json &&
	expect_tracker_error e.json "e.json: byte 38: unexpected '"'"'{'"'"' where the end of the file should follow the object" &&
	printf "[{\"enforce_admins\": {\"enabled\": true}}]" >e.json &&
	expect_tracker_error e.json "e.json: byte 0: unexpected '"'"'['"'"' where a JSON object '"'"'{'"'"' should start" github-protection:
'

test_expect_success 'gitlab-notes: a note without system, id, type, iid or author' '
	printf "[{\"id\": 1, \"body\": \"x\", \"noteable_type\": \"Issue\"}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): no \"system\" true or false: not a GitLab note" &&
	printf "[{\"id\": 1, \"body\": \"assigned to @a\", \"system\": true, \"noteable_type\": \"Issue\", \"author\": {\"username\": \"b\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): a note of an Issue without a \"noteable_iid\" number" &&
	printf "[{\"id\": 1, \"body\": \"assigned to @a\", \"system\": true, \"noteable_type\": \"Issue\", \"noteable_iid\": 3, \"author\": {\"name\": \"b\"}}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): \"author\" has no \"username\"" &&
	printf "[{\"id\": \"1\", \"body\": \"x\", \"system\": false, \"noteable_type\": \"Issue\"}]" >e.json &&
	expect_tracker_error e.json "e.json: record 1 (byte 1): a note without an \"id\" number"
'

# --- nothing is half-counted -------------------------------------------------------

test_expect_success 'one bad export among good ones: the audit stops, nothing is reported' '
	write_tracker_rules && make_repo r && commit_as r "$BOB" "Initial commit" &&
	cp "$FIXTURES/github-events.json" "$FIXTURES/jira.csv" . &&
	printf "Issue key,Assignee,Reporter\nSHOP-1,a,b\nSHOP-2,\"a,b\n" >bad.csv &&
	rc=0 && run_antisilo audit --repo r --rules rules.ini --quiet --tracker github-events.json \
		--tracker bad.csv --tracker jira.csv >out 2>err || rc=$? &&
	expect_eq "$rc" 2 &&
	expect_file_eq err "antisilo: bad.csv: line 3: a quoted field starts here and is never closed" &&
	test ! -s out &&
	! "$TEST_TOOL" tracker-exports rules.ini github-events.json bad.csv >out 2>err &&
	test ! -s out
'

test_done
