#!/bin/bash
# t64-forge-exports.sh — where teams really set tasks and give feedback:
# `gh pr list` reviews (feedback like Reviewed-by, approvals, autonomy),
# review requests in GitHub issue events, task lines of planning issues'
# bodies and comments, branch protection, GitLab system notes. Exact
# findings and exact numbers, with the shipped default rules.

. "$(dirname "$0")/lib.sh"
. "$TESTS_DIR/lib-trackers.sh"

setup() {
	write_forge_rules && make_repo r && commit_as r "$BOB" "Initial commit" &&
	cp "$FIXTURES"/github-prs.json "$FIXTURES"/github-review-events.json \
	   "$FIXTURES"/github-issues-planning.json "$FIXTURES"/gitlab-notes.json \
	   "$FIXTURES"/github-protection.json "$FIXTURES"/github-ruleset.json .
}

# audit ARGS...: the JSON report (exit status 0 or 1 both fine).
audit() {
	local rc=0
	run_antisilo audit --repo r --rules rules.ini --format json --quiet "$@" >out.json || rc=$?
	test $rc -le 1
}

findings() {
	jq -r '.findings[] | [.rule, .severity, .relation, .actor, .subject, .source, .path, .record, (.url // "-"), .excerpt] | join(" | ")' out.json
}

rel() { jq -c ".metrics.$1" out.json; }

# --- github-prs -------------------------------------------------------------

PR_FINDINGS="pr-approval-by-manager | warning | manager | alice | bob | tracker-export | github-prs.json | #101 review 2 | https://github.com/example/shop/pull/101 | @alice approved #101 by @bobs: Rewrite the search index
pr-approval-by-manager | warning | skip-level | alice | dave | tracker-export | github-prs.json | #102 review 1 | https://github.com/example/shop/pull/102 | @alice approved #102 by @dave: Rank by freshness
pr-approval-by-manager | warning | manager | carol | dave | tracker-export | github-prs.json | #102 review 3 | https://github.com/example/shop/pull/102 | @carol approved #102 by @dave: Rank by freshness"

test_expect_success 'github-prs: approvals by the manager chain are warnings; peers, other teams, outsiders, self-reviews, dismissed reviews and bots are not' '
	setup && audit --tracker github-prs.json &&
	findings >out && expect_file_eq out "$PR_FINDINGS" &&
	expect_eq "$(rel approvals)" "{\"self\":0,\"peer\":1,\"manager\":2,\"skip-level\":1,\"report\":0,\"cross-team\":1,\"unknown\":0}" &&
	run_antisilo audit --repo r --rules rules.ini --tracker github-prs.json --quiet >/dev/null
'

test_expect_success 'github-prs: each standing review is feedback, counted exactly like a Reviewed-by trailer' '
	setup && audit --tracker github-prs.json &&
	jq -c ".metrics.feedback | del(.people_graph, .keys)" out.json >fb &&
	expect_file_eq fb "{\"by_key\":{\"Reviewed-by\":0,\"Acked-by\":0,\"Tested-by\":0,\"Helped-by\":0,\"Co-authored-by\":0,\"review:approved\":5,\"review:changes_requested\":1,\"review:commented\":3},\"total\":9,\"cross_team\":2,\"in_team\":4,\"cross_team_share\":0.3333,\"by_managers\":4,\"by_peers\":4,\"manager_share\":0.5,\"by_reports\":0,\"report_share\":0,\"team_graph\":[{\"from\":\"search\",\"to\":\"search\",\"count\":4},{\"from\":\"search\",\"to\":\"infra\",\"count\":1},{\"from\":\"infra\",\"to\":\"search\",\"count\":1},{\"from\":\"(none)\",\"to\":\"search\",\"count\":2},{\"from\":\"(none)\",\"to\":\"infra\",\"count\":1}],\"people_graph_edges\":8}" &&
	jq -c "[.metrics.feedback.people_graph[] | .from + \">\" + .to + \":\" + (.count|tostring)]" out.json >pg &&
	expect_file_eq pg "[\"carol>dave:2\",\"@zed-contractor>erin:1\",\"alice>bob:1\",\"alice>dave:1\",\"bob>erin:1\",\"carol>bob:1\",\"dave>bob:1\",\"erin>bob:1\"]" &&
	jq -c "[.metrics.teams[] | [.reviews_given, .reviews_given_cross_team, .reviews_received, .reviews_received_cross_team]]" out.json >teams &&
	expect_file_eq teams "[[5,1,7,1],[1,1,2,1]]"
'

test_expect_success 'github-prs: the same reviews as Reviewed-by trailers of squash merges give the same numbers' '
	setup && make_repo t && commit_as t "$BOB" "Initial commit" &&
	for rv in "$BOB:Carol Ng <carol@example.com>" "$BOB:Alice Liddell <alice@example.com>" \
		  "$BOB:Erin Cho <erin@example.com>" "$DAVE:Alice Liddell <alice@example.com>" \
		  "$DAVE:Carol Ng <carol@example.com>" "$DAVE:Carol Ng <carol@example.com>" \
		  "$ERIN:Bob Stone <bob@example.com>" "$ERIN:Zed Contractor <zed@contractor.example>" \
		  "$BOB:Dave Park <dave@example.com>"; do
		commit_as t "${rv%%:*}" "Squash-merge

Reviewed-by: ${rv#*:}" || return 1
	done &&
	run_antisilo audit --repo t --rules rules.ini --format json --quiet >out.json &&
	jq -c ".metrics.feedback | del(.people_graph, .keys, .by_key)" out.json >trailers &&
	jq -c "[.metrics.teams[] | [.reviews_given, .reviews_given_cross_team, .reviews_received, .reviews_received_cross_team]]" out.json >>trailers &&
	audit --tracker github-prs.json &&
	jq -c ".metrics.feedback | del(.people_graph, .keys, .by_key)" out.json >prs &&
	jq -c "[.metrics.teams[] | [.reviews_given, .reviews_given_cross_team, .reviews_received, .reviews_received_cross_team]]" out.json >>prs &&
	diff -u trailers prs && jq_eq out.json ".metrics.feedback.total" 9
'

test_expect_success 'github-prs: a pull request counts for the teams owning its files; an approval from none of them is an outside approval' '
	setup && audit --tracker github-prs.json &&
	jq -c "[.metrics.teams[] | [.pull_requests, .outside_approved_pull_requests, .autonomy]]" out.json >t &&
	expect_file_eq t "[[2,2,0],[1,1,0]]" &&
	cat >one.json <<-\EOF &&
	[{"author": {"login": "dave", "is_bot": false}, "number": 7, "title": "In-team approval",
	  "createdAt": "2024-05-01T09:00:00Z", "files": [{"path": "search/a.c", "additions": 1, "deletions": 0}],
	  "reviews": [{"author": {"login": "bobs"}, "state": "APPROVED", "submittedAt": "2024-05-01T10:00:00Z"}]},
	 {"author": {"login": "dave", "is_bot": false}, "number": 8, "title": "Two owners, approved by one",
	  "createdAt": "2024-05-01T09:00:00Z",
	  "files": [{"path": "search/a.c", "additions": 1, "deletions": 0}, {"path": "infra/b.sh", "additions": 1, "deletions": 0}],
	  "reviews": [{"author": {"login": "erin"}, "state": "APPROVED", "submittedAt": "2024-05-01T10:00:00Z"}]},
	 {"author": {"login": "dave", "is_bot": false}, "number": 9, "title": "Commented only",
	  "createdAt": "2024-05-01T09:00:00Z", "files": [{"path": "search/a.c", "additions": 1, "deletions": 0}],
	  "reviews": [{"author": {"login": "alice"}, "state": "COMMENTED", "submittedAt": "2024-05-01T10:00:00Z"}]}]
	EOF
	audit --tracker one.json &&
	jq -c "[.metrics.teams[] | [.pull_requests, .outside_approved_pull_requests, .autonomy]]" out.json >t &&
	expect_file_eq t "[[3,0,1],[1,0,1]]" &&
	jq_eq out.json ".metrics.compliance.parts.autonomy.value" 1
'

test_expect_success 'github-prs: bots are no party of a finding and are counted apart' '
	setup && audit --tracker github-prs.json &&
	jq_eq out.json ".metrics.bot_events" "{\"approval\":1,\"review\":2,\"change\":1}" &&
	jq_eq out.json ".metrics.trackers.bots" 4 &&
	jq_eq out.json "[.findings[] | select(.record | startswith(\"#104\"))] | length" 0
'

test_expect_success 'github-prs: detected from content, or forced; --since applies to reviews' '
	setup && audit --tracker github-prs:github-prs.json && findings >out &&
	expect_file_eq out "$PR_FINDINGS" &&
	audit --tracker github-prs.json --since 2024-05-03 --until 2024-05-03T23:59:59Z &&
	expect_eq "$(jq -r "[.findings[].record] | join(\",\")" out.json)" "#102 review 1,#102 review 3" &&
	jq_eq out.json ".metrics.feedback.total" 3 &&
	jq_eq out.json ".metrics.trackers.outside_window" 16
'

test_expect_success 'github-prs: unknown fields and missing optional ones are fine; the pages of gh api --paginate too' '
	setup && printf "[{\"number\": 5, \"author\": null, \"reviews\": [], \"files\": [], \"x\": {\"y\": [1, 2.5e3, true]}}]\n[]\n" >min.json &&
	audit --tracker github-prs:min.json && jq_eq out.json ".metrics.trackers.records" 1 &&
	{ jq -c ".[0:2]" github-prs.json; jq -c ".[2:]" github-prs.json; } >paged.json &&
	audit --tracker paged.json && findings | sed "s/paged.json/github-prs.json/" >out &&
	expect_file_eq out "$PR_FINDINGS"
'

# --- review requests (github-events) -------------------------------------------

test_expect_success 'review requests: by the manager chain (of a person or of a team) are info; removal cancels the same request' '
	setup && audit --tracker github-review-events.json && findings >out &&
	expect_file_eq out "review-request-top-down | info | manager | alice | bob | tracker-export | github-review-events.json | 9101 | https://github.com/example/shop/issues/30 | @alice requested a review from @bobs on #30: Cache the catalogue
review-request-top-down | info | manager | alice | search | tracker-export | github-review-events.json | 9104 | https://github.com/example/shop/issues/31 | @alice requested a review from team @example/team-search on #31: Rewrite the search index" &&
	expect_eq "$(rel review_requests)" "{\"self\":0,\"peer\":1,\"manager\":2,\"skip-level\":0,\"report\":0,\"cross-team\":1,\"unknown\":0}" &&
	jq_eq out.json ".metrics.trackers.cancelled" 1 &&
	jq_eq out.json ".metrics.bot_events" "{\"review-request\":1}"
'

test_expect_success 'review requests: a team the org chart does not know is unknown; a slug without its org resolves' '
	setup && cat >rr.json <<-\EOF &&
	[{"id": 1, "event": "review_requested", "created_at": "2024-06-01T09:00:00Z", "actor": {"login": "alice"},
	  "review_requester": {"login": "alice"}, "requested_team": {"slug": "team-payments", "html_url": "https://github.com/orgs/example/teams/team-payments"},
	  "issue": {"number": 3, "title": "T", "user": {"login": "dave"}}},
	 {"id": 2, "event": "review_requested", "created_at": "2024-06-01T09:00:00Z", "actor": {"login": "carol"},
	  "review_requester": {"login": "carol"}, "requested_team": {"slug": "team-infra"},
	  "issue": {"number": 3, "title": "T", "user": {"login": "dave"}}}]
	EOF
	audit --tracker rr.json &&
	expect_eq "$(rel review_requests)" "{\"self\":0,\"peer\":0,\"manager\":0,\"skip-level\":0,\"report\":0,\"cross-team\":1,\"unknown\":1}" &&
	jq_eq out.json ".findings | length" 0
'

# --- planning issues (github-issues with body and comments) --------------------

test_expect_success 'planning issues: task lines by managers for reports are errors; own picks, peers, thanks and cc are not' '
	setup && audit --tracker github-issues-planning.json && findings >out &&
	expect_file_eq out "tracker-top-down | error | manager | carol | dave | tracker-export | github-issues-planning.json | #40 | https://github.com/example/shop/issues/40 | #40: - [ ] @dave migrate the queue to Kafka
tracker-top-down | error | manager | alice | bob | tracker-export | github-issues-planning.json | #40 comment 2 | https://github.com/example/shop/issues/40 | #40 comment 2: @bobs: please take the billing export
tracker-top-down | error | manager | carol | dave | tracker-export | github-issues-planning.json | #40 comment 3 | https://github.com/example/shop/issues/40 | #40 comment 3: Assigning @dave to the search outage (assigned by @carol)
tracker-top-down | warning | manager | alice | carol | tracker-export | github-issues-planning.json | #41 | https://github.com/example/shop/issues/41 | #41 opened by @alice, assigned to @carol: Dark mode" &&
	expect_eq "$(rel assignments)" "{\"self\":2,\"peer\":1,\"manager\":4,\"skip-level\":0,\"report\":0,\"cross-team\":0,\"unknown\":0}" &&
	expect_status 1 run_antisilo audit --repo r --rules rules.ini --tracker github-issues-planning.json --quiet
'

test_expect_success 'planning issues: a comment without a body, a bot writing the plan, and no comments at all' '
	setup && cat >is.json <<-\EOF &&
	[{"number": 50, "title": "Plan", "author": {"login": "alice", "is_bot": false}, "assignees": [],
	  "body": "- [ ] @carol own the rollout", "createdAt": "2024-06-01T09:00:00Z",
	  "comments": [{"author": {"login": "carol"}, "body": null, "createdAt": "2024-06-01T10:00:00Z"},
	               {"author": {"login": "github-actions[bot]"}, "body": "- [ ] @bobs fix the flaky test", "createdAt": "2024-06-01T11:00:00Z"}]},
	 {"number": 51, "title": "Old style", "author": {"login": "alice", "is_bot": false},
	  "assignees": [{"login": "bobs"}], "createdAt": "2024-06-01T09:00:00Z"}]
	EOF
	audit --tracker is.json &&
	expect_eq "$(jq -r "[.findings[] | .record + \":\" + .severity + \":\" + .subject] | join(\" \")" out.json)" "#50:error:carol #51:warning:bob" &&
	jq_eq out.json ".metrics.bot_events" "{\"assignment\":1}"
'

# --- GitLab notes ------------------------------------------------------------------

test_expect_success 'gitlab-notes: assignment and review-request system notes; unassigned and removed requests cancel; people'"'"'s own notes and bots are not read as tasks' '
	setup && audit --tracker gitlab-notes.json && findings >out &&
	expect_file_eq out "tracker-top-down | error | manager | alice | carol | tracker-export | gitlab-notes.json | issue 12 note 346 | https://github.com/example/shop/-/issues/12#note_346 | issue 12 note 346: @alice assigned to @carol and unassigned @bobs
review-request-top-down | info | manager | carol | dave | tracker-export | gitlab-notes.json | mr 7 note 347 | https://github.com/example/shop/-/merge_requests/7#note_347 | mr 7 note 347: @carol requested review from @dave and @bobs" &&
	expect_eq "$(rel assignments)" "{\"self\":1,\"peer\":0,\"manager\":1,\"skip-level\":0,\"report\":0,\"cross-team\":0,\"unknown\":0}" &&
	expect_eq "$(rel review_requests)" "{\"self\":0,\"peer\":0,\"manager\":1,\"skip-level\":0,\"report\":0,\"cross-team\":0,\"unknown\":0}" &&
	jq_eq out.json ".metrics.trackers.cancelled" 2 &&
	jq_eq out.json ".metrics.trackers.records" 9 &&
	jq_eq out.json ".metrics.bot_events" "{\"assignment\":1}"
'

test_expect_success 'gitlab-notes: several assignees at once, reassigned, and other kinds of notes' '
	setup && cat >n.json <<-\EOF &&
	[{"id": 1, "body": "assigned to @bobs, @carol and @dave", "author": {"username": "alice"}, "created_at": "2024-06-01T09:00:00Z", "system": true, "noteable_type": "Issue", "noteable_iid": 1},
	 {"id": 2, "body": "reassigned to @dave", "author": {"username": "carol"}, "created_at": "2024-06-01T10:00:00Z", "system": true, "noteable_type": "Issue", "noteable_iid": 2},
	 {"id": 3, "body": "assigned to @bobs", "author": {"username": "alice"}, "created_at": "2024-06-01T10:00:00Z", "system": true, "noteable_type": "Snippet", "noteable_iid": 3},
	 {"id": 4, "body": "unassigned @erin", "author": {"username": "alice"}, "created_at": "2024-06-01T10:00:00Z", "system": true, "noteable_type": "Issue", "noteable_iid": 1}]
	EOF
	audit --tracker n.json &&
	expect_eq "$(jq -r "[.findings[] | .record + \":\" + .subject] | join(\" \")" out.json)" "issue 1 note 1:bob issue 1 note 1:carol issue 1 note 1:dave issue 2 note 2:dave" &&
	expect_eq "$(rel assignments)" "{\"self\":0,\"peer\":0,\"manager\":3,\"skip-level\":1,\"report\":0,\"cross-team\":0,\"unknown\":0}"
'

# --- branch protection ---------------------------------------------------------------

test_expect_success 'github-protection: a branch protection or an active ruleset that requires code-owner review is a run-level fact' '
	setup &&
	for f in github-protection.json github-ruleset.json; do
		audit --tracker $f && jq_eq out.json ".metrics.gates.code_owner_review_required" true &&
		jq_eq out.json ".metrics.trackers.records" 1 && jq_eq out.json ".findings | length" 0 || return 1
	done &&
	jq ".enforcement = \"evaluate\"" github-ruleset.json >eval.json && audit --tracker eval.json &&
	jq_eq out.json ".metrics.gates.code_owner_review_required" false &&
	jq ".required_pull_request_reviews.require_code_owner_reviews = false" github-protection.json >off.json &&
	audit --tracker off.json && jq_eq out.json ".metrics.gates.code_owner_review_required" false &&
	audit && jq_eq out.json ".metrics.gates.code_owner_review_required" null
'

# --- reports --------------------------------------------------------------------------

test_expect_success 'the text report: the forge line and the links; none without forge_url' '
	setup && run_antisilo audit --repo r --rules rules.ini --tracker github-prs.json \
		--tracker github-review-events.json --quiet >out &&
	grep "^Forge: " out >line &&
	expect_file_eq line "Forge: 9 pull-request reviews (5 approved, 1 changes requested, 3 commented), 5 approvals (1 peer, 2 manager, 1 skip-level, 1 cross-team), 4 review requests (1 peer, 2 manager, 1 cross-team), 0 CODEOWNERS gates" &&
	grep -c "^  [a-z]* *[a-z-]* .*: https://github.com/example/shop/" out >n && expect_eq "$(cat n)" 5 &&
	sed -i "/^forge_url/d" rules.ini &&
	run_antisilo audit --repo r --rules rules.ini --tracker github-prs.json --quiet >out &&
	! grep -q "https://" out && audit --tracker github-prs.json &&
	jq_eq out.json "[.findings[] | select(.url)] | length" 0
'

test_expect_success 'the HTML report: the forge section links each finding; a GitLab host gets its own paths' '
	setup && run_antisilo audit --repo r --rules rules.ini --tracker github-prs.json --quiet \
		--format html --output r.html &&
	grep -o "<a href=\"https://github.com/example/shop/pull/10[12]\" rel=\"noopener noreferrer\">#10[12] review [0-9]</a>" r.html >links &&
	expect_eq "$(wc -l <links)" 3 &&
	grep -q "<section id=\"forge\"" r.html &&
	sed -i "s|^forge_url.*|forge_url = https://gitlab.example.com/shop/app/|" rules.ini &&
	audit --tracker gitlab-notes.json &&
	expect_eq "$(jq -r "[.findings[].url] | join(\" \")" out.json)" "https://gitlab.example.com/shop/app/-/issues/12#note_346 https://gitlab.example.com/shop/app/-/merge_requests/7#note_347"
'

test_expect_success 'forge_url must be an http(s) address' '
	setup && sed -i "s|^forge_url.*|forge_url = javascript:alert(1)|" rules.ini &&
	expect_status 2 run_antisilo check-rules rules.ini 2>err &&
	grep -q "forge_url: .javascript:alert(1). is not an http(s) address" err
'

test_done
