#!/bin/bash
# t30-default-rules.sh — the shipped rules.ini, the product's judgement:
# what it finds (top-down assignment in trailers and prose, manager
# approvals, outside approval gates, private context) and, just as much,
# what it must let pass (technical words, self-assignment, peers, other
# teams, customers and users, feedback trailers, quoted revert subjects).
#
# Every test builds a tiny real repository and audits it with a site file
# that includes the shipped default (`include = default`; lib.sh points
# ANTISILO_DEFAULT_RULES at the repository's rules.ini) and adds a small
# org chart:
#
#   dave ── manages ── alice ── manages ── bob, carol
#   team replay: lead alice, members bob, carol      (bob <-> carol: peer)
#   team other:  lead erin                           (erin -> bob: cross-team)
#   dave -> bob: skip-level            alice -> bob: manager
#   bob  -> alice: report (upwards)    zed: not in the org chart (unknown)

. "$(dirname "$0")/lib.sh"

. "$TESTS_DIR/lib-default-org.sh"

# audit [RANGE...]: audit repository r with site.ini into out.json.
audit() {
	run_antisilo audit --repo r --rules site.ini --format json --fail-on never "$@" >out.json
}

# audit_one AUTHOR MESSAGE: repository r with that one commit, audited.
audit_one() {
	write_site && make_repo r && commit_as r "$1" "$2" && audit
}

# The findings, one line each: "rule severity relation actor subject | excerpt".
found() {
	jq -r '.findings[] | "\(.rule) \(.severity) \(.relation) \(.actor) \(.subject) | \(.excerpt)"' out.json
}

# expect_found 'LINES': exactly these findings, in this order.
expect_found() {
	found >found.txt && expect_file_eq found.txt "$1"
}

expect_none() {
	found >found.txt
	if test -s found.txt; then
		echo "expected no finding, got:"; cat found.txt; return 1
	fi
}

# The non-zero assignment counts, e.g. {"peer":1}; {} when there is none.
expect_assignments() {
	jq_eq out.json '.metrics.assignments | with_entries(select(.value > 0))' "$1"
}

expect_approvals() {
	jq_eq out.json '.metrics.approvals | with_entries(select(.value > 0))' "$1"
}

# A whole table of one-commit cases as separate tests. Each case is run by
# a function with its arguments quoted into the eval'd test body.
# case_fires AUTHOR MESSAGE 'EXPECTED FINDINGS' ASSIGNMENTS
check_fires() {
	audit_one "$1" "$2" && expect_found "$3" && expect_assignments "$4"
}
fires() {
	test_expect_success "fires: $1" "check_fires $(printf '%q ' "$2" "$3" "$4" "$5")"
}
# passes TITLE AUTHOR MESSAGE ASSIGNMENTS: no finding, these counts.
check_passes() {
	audit_one "$1" "$2" && expect_none && expect_assignments "$3"
}
passes() {
	test_expect_success "passes: $1" "check_passes $(printf '%q ' "$2" "$3" "$4")"
}

# --- the shipped file ----------------------------------------------------

test_expect_success 'the shipped rules.ini loads, with no people and no teams' '
	run_antisilo check-rules "$SRC_DIR/rules.ini" >out &&
	grep -q ": ok (0 people, 0 teams, [0-9]* rules)" out
'

test_expect_success 'every shipped rule is explained: a comment above it and an explain' '
	awk "/^\[rule\./ { if (prev !~ /^;/) { print \"uncommented: \" \$0; bad = 1 } }
	     { prev = \$0 } END { exit bad }" "$SRC_DIR/rules.ini" &&
	n=$(grep -c "^\[rule\." "$SRC_DIR/rules.ini") &&
	e=$(grep -c "^explain  *= [A-Z]" "$SRC_DIR/rules.ini") &&
	expect_eq "$e" "$n"
'

test_expect_success 'the org chart of the shipped file is commented out' '
	! grep -q "^\[people\]\|^\[managers\]\|^\[team\." "$SRC_DIR/rules.ini"
'

test_expect_success 'a site file includes the default and overrides one key' '
	write_site &&
	printf "\n[rule.asked-to-prose]\nseverity = info\n" >>site.ini &&
	run_antisilo check-rules site.ini >out &&
	grep -q ": ok (5 people, 2 teams, " out &&
	make_repo r && commit_as r "$BOB" "Add cache

Alice asked me to add the cache layer." &&
	audit &&
	expect_found "asked-to-prose info manager alice bob | Alice asked me to"
'

# (the trailer is counted; "Alice" in prose is nobody without an org chart)
test_expect_success 'with the default alone nobody is known: events counted, nothing fires' '
	make_repo r &&
	commit_as r "$BOB" "Add cache

Alice asked me to add it.

Assigned-by: Alice Liddell <alice@example.com>" &&
	run_antisilo audit --repo r --rules "$SRC_DIR/rules.ini" --format json >out.json &&
	expect_none &&
	expect_assignments "{\"unknown\":1}"
'

# --- trailers: who, and the relations --------------------------------------

test_expect_success 'Assigned-by from the manager is an error and fails the audit' '
	write_site && make_repo r &&
	commit_as r "$BOB" "Add cache

Assigned-by: Alice Liddell <alice@example.com>" &&
	rc=0 &&
	run_antisilo audit --repo r --rules site.ini --format json >out.json || rc=$? &&
	expect_eq "$rc" 1 &&
	expect_found "assigned-by-trailer error manager alice bob | Assigned-by: Alice Liddell <alice@example.com>" &&
	jq_eq out.json ".findings[0] | [.event, .source, .author]" \
		"[\"assignment\",\"trailer\",\"Bob Stone <bob@example.com>\"]" &&
	jq_eq out.json ".findings[0].explain | test(\"context, not tasks\")" true &&
	expect_assignments "{\"manager\":1}"
'

test_expect_success 'Assigned-by: the actor as @login, e-mail, id, full name, first name' '
	write_site && make_repo r &&
	for who in "@alice" "alice@example.com" "alice" "Alice Liddell" "Alice"; do
		commit_as r "$BOB" "Add cache

Assigned-by: $who" || exit 1
	done &&
	audit &&
	jq -r ".findings[] | \"\(.actor) \(.relation) \(.excerpt)\"" out.json | sort >got &&
	expect_file_eq got "alice manager Assigned-by: @alice
alice manager Assigned-by: Alice
alice manager Assigned-by: Alice Liddell
alice manager Assigned-by: alice
alice manager Assigned-by: alice@example.com"
'

test_expect_success 'every spelling of the assignment trailer fires' '
	write_site && make_repo r &&
	for key in Assigned-by Requested-by Ordered-by Tasked-by Directed-by \
		   Instructed-by Commissioned-by Mandated-by Delegated-by Asked-by \
		   Request-by Assign-by ASSIGNED-BY Requested-By RequestedBy \
		   Assigner Assignor Requester Requestor; do
		commit_as r "$BOB" "Add cache

$key: @alice" || exit 1
	done &&
	audit &&
	jq -r ".findings[] | \"\(.rule) \(.severity) \(.relation) \(.excerpt)\"" out.json | sort >got &&
	expect_file_eq got "assigned-by-trailer error manager ASSIGNED-BY: @alice
assigned-by-trailer error manager Assign-by: @alice
assigned-by-trailer error manager Assigned-by: @alice
assigned-by-trailer error manager Assigner: @alice
assigned-by-trailer error manager Assignor: @alice
assigned-by-trailer error manager Delegated-by: @alice
assigned-by-trailer error manager Tasked-by: @alice
ordered-by-trailer error manager Commissioned-by: @alice
ordered-by-trailer error manager Directed-by: @alice
ordered-by-trailer error manager Instructed-by: @alice
ordered-by-trailer error manager Mandated-by: @alice
ordered-by-trailer error manager Ordered-by: @alice
requested-by-trailer error manager Asked-by: @alice
requested-by-trailer error manager Request-by: @alice
requested-by-trailer error manager Requested-By: @alice
requested-by-trailer error manager Requested-by: @alice
requested-by-trailer error manager RequestedBy: @alice
requested-by-trailer error manager Requester: @alice
requested-by-trailer error manager Requestor: @alice"
'

fires 'Requested-by from the skip-level manager' "$BOB" "Add cache

Requested-by: Dave Lister <dave@example.com>" \
	"requested-by-trailer error skip-level dave bob | Requested-by: Dave Lister <dave@example.com>" \
	'{"skip-level":1}'

passes 'Requested-by from a teammate (peer): counted, not flagged' "$BOB" "Add cache

Requested-by: Carol Danvers <carol@example.com>" '{"peer":1}'

passes 'Requested-by from another team (cross-team): counted, not flagged' "$BOB" "Add cache

Requested-by: Erin Hale <erin@example.com>" '{"cross-team":1}'

passes 'Assigned-by yourself (self-assignment)' "$BOB" "Add cache

Assigned-by: Bob Stone <bob@example.com>" '{"self":1}'

passes 'Requested-by from a report, upwards' "$ALICE" "Add cache

Requested-by: @bobs" '{"report":1}'

passes 'Requested-by from a customer (unknown to the org chart)' "$BOB" "Add SSO

Requested-by: Pat Customer <pat@customer.example>" '{"unknown":1}'

passes 'Assigned-by: n/a is not a party' "$BOB" "Add cache

Assigned-by: n/a" '{}'

fires 'Assigned-to in the manager'\''s own commit' "$ALICE" "Plan the cache work

Assigned-to: @bobs" \
	"assigned-to-trailer error manager alice bob | Assigned-to: @bobs" \
	'{"manager":1}'

fires 'Assignee from the skip-level manager' "$DAVE" "Plan the cache work

Assignee: Bob Stone <bob@example.com>" \
	"assigned-to-trailer error skip-level dave bob | Assignee: Bob Stone <bob@example.com>" \
	'{"skip-level":1}'

passes 'Assigned-to yourself' "$BOB" "Take the cache work

Assigned-to: @bobs" '{"self":1}'

# --- trailers: approvals -------------------------------------------------

test_expect_success 'Approved-by from the manager is an error' '
	audit_one "$BOB" "Ship the cache

Approved-by: Alice Liddell <alice@example.com>" &&
	expect_found "approved-by-trailer error manager alice bob | Approved-by: Alice Liddell <alice@example.com>" &&
	jq_eq out.json ".findings[0].event" approval &&
	expect_approvals "{\"manager\":1}" && expect_assignments "{}"
'

fires 'Authorized-by from the skip-level manager' "$BOB" "Ship the cache

Authorized-by: @dave" \
	"approved-by-trailer error skip-level dave bob | Authorized-by: @dave" '{}'

test_expect_success 'every spelling of the approval trailer fires' '
	write_site && make_repo r &&
	for key in Approved-by Authorised-by Sanctioned-by Okayed-by Greenlit-by \
		   Green-lit-by QA-approved-by Release-approved-by Approver; do
		commit_as r "$BOB" "Ship it

$key: @alice" || exit 1
	done &&
	audit &&
	jq -r ".findings[] | \"\(.rule) \(.severity) \(.excerpt)\"" out.json | sort >got &&
	expect_file_eq got "approved-by-trailer error Approved-by: @alice
approved-by-trailer error Approver: @alice
approved-by-trailer error Authorised-by: @alice
approved-by-trailer error Green-lit-by: @alice
approved-by-trailer error Greenlit-by: @alice
approved-by-trailer error Okayed-by: @alice
approved-by-trailer error QA-approved-by: @alice
approved-by-trailer error Release-approved-by: @alice
approved-by-trailer error Sanctioned-by: @alice"
'

test_expect_success 'Approved-by from a peer: no finding, counted as a peer approval' '
	audit_one "$BOB" "Ship the cache

Approved-by: Carol Danvers <carol@example.com>" &&
	expect_none && expect_approvals "{\"peer\":1}"
'

test_expect_success 'Approved-by from another team is an outside gate (warning)' '
	audit_one "$BOB" "Ship the cache

Approved-by: Erin Hale <erin@example.com>" &&
	expect_found "outside-approval-trailer warning cross-team erin bob | Approved-by: Erin Hale <erin@example.com>" &&
	expect_approvals "{\"cross-team\":1}"
'

# --- lines that look like trailers but are not ---------------------------

fires '"Requested by: Alice" (a space: not a git trailer)' "$BOB" "Add cache

Requested by: Alice Liddell

Signed-off-by: Bob Stone <bob@example.com>" \
	"assigned-by-line error manager alice bob | Requested by: Alice Liddell" '{"manager":1}'

fires '"Assigned-by:" in a paragraph that is not the trailer block' "$BOB" "Add cache

Assigned-by: @alice

The cache keeps the last 100 entries." \
	"assigned-by-line error manager alice bob | Assigned-by: @alice" '{"manager":1}'

fires '"Approved by: Alice" line' "$BOB" "Ship the cache

Approved by: Alice

Signed-off-by: Bob Stone <bob@example.com>" \
	"approved-by-line error manager alice bob | Approved by: Alice" '{}'

# --- prose: explicit assignment words (error) ----------------------------

P="Rework the cache"

fires '"Alice assigned me this ticket"' "$BOB" "$P

Alice assigned me this ticket last week." \
	"assigned-me-prose error manager alice bob | Alice assigned me" '{"manager":1}'

fires '"ÁLICE assigned me", "Alíce ASSIGNED me": a name and a verb in any accent or case' "$BOB" "$P

ÁLICE assigned me this ticket. Then Alíce ASSIGNED me the next one." \
	"assigned-me-prose error manager alice bob | ÁLICE assigned me" '{"manager":1}'

fires '"@alice has assigned us the billing bug"' "$BOB" "$P

@alice has assigned us the billing bug." \
	"assigned-me-prose error manager alice bob | @alice has assigned us" '{"manager":1}'

fires '"Alice tasked me with"' "$BOB" "$P

Alice tasked me with moving the cache to Redis." \
	"assigned-me-prose error manager alice bob | Alice tasked me" '{"manager":1}'

fires '"Alice put me on the search project"' "$BOB" "$P

Alice put me on the search project, so this starts it." \
	"asked-to-prose warning manager alice bob | Alice put me on" '{"manager":1}'

fires '"Alice handed us the flaky test bug" (a work item within three words)' "$BOB" "$P

Alice handed us the flaky test bug." \
	"asked-to-prose warning manager alice bob | Alice handed us" '{"manager":1}'

fires '"Alice assigned this ticket to me"' "$BOB" "$P

Alice assigned this ticket to me." \
	"assigned-me-prose error manager alice bob | Alice assigned this ticket to me" '{"manager":1}'

fires '"this was assigned to me by @dave" (skip-level)' "$BOB" "$P

This was assigned to me by @dave." \
	"assigned-me-prose error skip-level dave bob | assigned to me by @dave" '{"skip-level":1}'

fires '"ticket assigned by Alice Liddell <alice@example.com>"' "$BOB" "$P

Ticket assigned by Alice Liddell <alice@example.com>." \
	"asked-to-prose warning manager alice bob | assigned by Alice Liddell" '{"manager":1}'

fires '"I was tasked by Alice with"' "$BOB" "$P

I was tasked by Alice with moving the cache." \
	"assigned-me-prose error manager alice bob | tasked by Alice" '{"manager":1}'

# --- prose: requests and instructions (warning) --------------------------

fires '"Alice asked me to …"' "$BOB" "$P

Alice asked me to add a cache in front of the store." \
	"asked-to-prose warning manager alice bob | Alice asked me to" '{"manager":1}'

fires '"Alice Liddell has asked us to" (full name)' "$BOB" "$P

Alice Liddell has asked us to move the endpoint." \
	"asked-to-prose warning manager alice bob | Alice Liddell has asked us to" '{"manager":1}'

fires '"@alice told me to"' "$BOB" "$P

@alice told me to drop the old API before the release." \
	"asked-to-prose warning manager alice bob | @alice told me to" '{"manager":1}'

fires '"Alice wants us to"' "$BOB" "$P

Alice wants us to finish the importer this week." \
	"asked-to-prose warning manager alice bob | Alice wants us to" '{"manager":1}'

fires '"Alice would like me to"' "$BOB" "$P

Alice would like me to port the parser." \
	"asked-to-prose warning manager alice bob | Alice would like me to" '{"manager":1}'

fires '"Alice instructed me to"' "$BOB" "$P

Alice instructed me to disable the flag." \
	"asked-to-prose warning manager alice bob | Alice instructed me to" '{"manager":1}'

fires '"Dave asked me to" (skip-level)' "$BOB" "$P

Dave asked me to look into the slow queries." \
	"asked-to-prose warning skip-level dave bob | Dave asked me to" '{"skip-level":1}'

fires '"Then Alice asked me to" (a sentence word before the name)' "$BOB" "$P

Then Alice asked me to add retries." \
	"asked-to-prose warning manager alice bob | Alice asked me to" '{"manager":1}'

fires 'a phrase wrapped over two lines' "$BOB" "$P

The store is slow, and Alice asked
me to add a cache." \
	"asked-to-prose warning manager alice bob | Alice asked me to" '{"manager":1}'

fires '"as requested by @alice" in the subject' "$BOB" "Add a cache as requested by @alice" \
	"asked-to-prose warning manager alice bob | as requested by @alice" '{"manager":1}'

fires '"Requested by Alice," in prose' "$BOB" "$P

Requested by Alice, this adds retries." \
	"asked-to-prose warning manager alice bob | Requested by Alice" '{"manager":1}'

fires '"was asked for by Alice Liddell"' "$BOB" "$P

This was asked for by Alice Liddell." \
	"asked-to-prose warning manager alice bob | asked for by Alice Liddell" '{"manager":1}'

fires '"as instructed by alice@example.com"' "$BOB" "$P

Disable the flag, as instructed by alice@example.com." \
	"asked-to-prose warning manager alice bob | as instructed by alice@example.com" '{"manager":1}'

fires '"per Alice'\''s instructions"' "$BOB" "$P

Done per Alice's instructions." \
	"asked-to-prose warning manager alice bob | per Alice's instructions" '{"manager":1}'

fires '"Per @alice’s request" (typographic apostrophe)' "$BOB" "$P

Per @alice’s request, drop the beta banner." \
	"asked-to-prose warning manager alice bob | Per @alice’s request" '{"manager":1}'

fires '"at Alice'\''s request"' "$BOB" "$P

The limit is 10 at Alice's request." \
	"asked-to-prose warning manager alice bob | at Alice's request" '{"manager":1}'

fires '"on Dave'\''s orders" (skip-level)' "$BOB" "$P

On Dave's orders we pause the rollout." \
	"asked-to-prose warning skip-level dave bob | On Dave's orders" '{"skip-level":1}'

fires '"at the request of Alice Liddell"' "$BOB" "$P

At the request of Alice Liddell, rename the flag." \
	"asked-to-prose warning manager alice bob | At the request of Alice Liddell" '{"manager":1}'

fires '"as Alice requested"' "$BOB" "$P

The button is blue, as Alice requested." \
	"asked-to-prose warning manager alice bob | as Alice requested" '{"manager":1}'

fires '"Alice requested this change"' "$BOB" "$P

Alice requested this change before the release." \
	"asked-to-prose warning manager alice bob | Alice requested this" '{"manager":1}'

fires '"@alice asked for this"' "$BOB" "$P

@alice asked for this in the planning doc." \
	"asked-to-prose warning manager alice bob | @alice asked for this" '{"manager":1}'

# The manager named by role: the author's manager (N+2, VP, director: the
# one above) when the org chart knows them; otherwise the actor stays
# unknown and the rule fires all the same.
fires '"my manager asked me to"' "$BOB" "$P

My manager asked me to add retries." \
	"manager-role-prose warning manager alice bob | My manager asked me to" '{"manager":1}'

fires '"our boss told us to"' "$BOB" "$P

Our boss told us to freeze the API." \
	"manager-role-prose warning manager alice bob | Our boss told us to" '{"manager":1}'

fires '"as requested by my manager"' "$BOB" "$P

Add logging, as requested by my manager." \
	"manager-role-prose warning manager alice bob | as requested by my manager" '{"manager":1}'

fires '"per my manager'\''s instructions"' "$BOB" "$P

Ship it per my manager's instructions." \
	"manager-role-prose warning manager alice bob | per my manager's instructions" '{"manager":1}'

fires '"at the request of our VP"' "$BOB" "$P

At the request of our VP, we rename it." \
	"manager-role-prose warning skip-level dave bob | At the request of our VP" '{"skip-level":1}'

test_expect_success 'a trailer and a sentence about the same task: two findings, one assignment' '
	audit_one "$BOB" "Add cache

Alice asked me to add the cache layer.

Assigned-by: Alice Liddell <alice@example.com>" &&
	found | sort >got &&
	expect_file_eq got "asked-to-prose warning manager alice bob | Alice asked me to
assigned-by-trailer error manager alice bob | Assigned-by: Alice Liddell <alice@example.com>" &&
	expect_assignments "{\"manager\":1}"
'

test_expect_success 'prose findings alone are warnings: the audit exits 0' '
	write_site && make_repo r &&
	commit_as r "$BOB" "Add cache

Alice asked me to add the cache layer." &&
	run_antisilo audit --repo r --rules site.ini --format json >out.json &&
	jq_eq out.json ".findings | length" 1
'

# --- prose: the same words from people who are not the manager -----------

passes '"Carol asked me to" (peer)' "$BOB" "$P

Carol asked me to add a cache in front of the store." '{"peer":1}'

passes '"as requested by @erin" (another team)' "$BOB" "Add a cache as requested by @erin" '{"cross-team":1}'

passes '"per Carol'\''s request" (peer)' "$BOB" "$P

Per Carol's request, drop the beta banner." '{"peer":1}'

passes '"Carol assigned me this ticket" (peer)' "$BOB" "$P

Carol assigned me this ticket." '{"peer":1}'

passes '"Zed asked me to" (not in the org chart: a name is nobody)' "$BOB" "$P

Zed asked me to add a cache." '{}'

passes '"zed@elsewhere.example asked me to" (an address the org chart does not know)' "$BOB" "$P

zed@elsewhere.example asked me to add a cache." '{}'

passes '"Alice asked me to" written by Alice herself (self)' "$ALICE" "$P

Alice asked me to add a cache (note to self)." '{"self":1}'

passes '"Bob asked me to" written by his manager Alice (report, upwards)' "$ALICE" "$P

Bob asked me to unblock the deploy." '{"report":1}'

# --- customers and users: context, not even an assignment -----------------

passes '"Customers asked us to support SSO"' "$BOB" "Add SSO

Customers asked us to support SSO." '{}'

passes '"the customer asked us to"' "$BOB" "Add SSO

The customer asked us to support SSO." '{}'

passes '"Users requested this"' "$BOB" "Add export

Users requested this for a long time." '{}'

passes '"The user requested this", "Customers asked for this"' "$BOB" "Add export

The user requested this. Customers asked for this too." '{}'

passes '"as requested by the user"' "$BOB" "Add export

Add an export button as requested by the user." '{}'

passes '"per customer request"' "$BOB" "Add export

Added per customer request." '{}'

passes '"requested by Alice'\''s customer" (a possessive is not the actor)' "$BOB" "Add export

This was requested by Alice's customer." '{}'

passes '"the user asked us to" / "the caller asked us to" (git.git)' "$BOB" "Quiet the output

Let's silence it if the user asked us to be quiet; the caller asked us
to do so, and nobody else told us to." '{}'

passes '"Nobody asked us to" (git.git)' "$BOB" "Drop it

Nobody asked us to keep this." '{}'

# --- feedback is not assignment --------------------------------------------

passes 'Suggested-by, Reported-by, Reviewed-by, Helped-by, Acked-by, Tested-by from the manager' "$BOB" "Fix the cache

Suggested-by: Alice Liddell <alice@example.com>
Reported-by: Alice Liddell <alice@example.com>
Reviewed-by: Alice Liddell <alice@example.com>
Helped-by: Alice Liddell <alice@example.com>
Acked-by: Alice Liddell <alice@example.com>
Tested-by: Alice Liddell <alice@example.com>
Mentored-by: Alice Liddell <alice@example.com>
Co-authored-by: Alice Liddell <alice@example.com>
Signed-off-by: Bob Stone <bob@example.com>" '{}'

passes '"as suggested by Alice", "per Alice'\''s comment" (feedback)' "$BOB" "Fix the cache

Use a loop, as suggested by Alice, and drop the flag per Alice's comment
and per Alice's review." '{}'

passes '"Alice asked me to split this patch" (review feedback)' "$BOB" "Fix the cache

Alice asked me to split this patch, and Dave asked me to rebase it." '{}'

passes '"Alice told me that" (context, not a task)' "$BOB" "Fix the cache

Alice told me that the old API is deprecated upstream." '{}'

passes '"Alice assigned me as a reviewer"' "$BOB" "Fix the cache

Alice assigned me as a reviewer on the first version." '{}'

passes '"Alice gave me a hint" (no work item)' "$BOB" "Fix the cache

Alice gave me a hint about the lock order." '{}'

passes 'Signed-off-by from the manager (the DCO, not an approval)' "$BOB" "Fix the cache

Signed-off-by: Bob Stone <bob@example.com>
Signed-off-by: Alice Liddell <alice@example.com>" '{}'

# --- technical words ------------------------------------------------------

passes '"assign the default value", "request handler", "task queue", "approve() callback", "owner field"' "$BOB" "Refactor the request handler

Assign the default value to x before the task queue starts, call the
approve() callback once, and make the owner field optional." '{}'

passes '"assign it to", "assigned by outlook", "assigned by the Makefile" (git.git)' "$BOB" "send-email: show the message id

We assign it to a global; the message id assigned by outlook and the
test names assigned by the Makefile are kept." '{}'

passes '"Outlook reassigned Message-ID" (git.git)' "$BOB" "send-email: log the id

Outlook reassigned Message-ID to: <PN3PR01MB9597@outlook.com>" '{}'

passes '"requested by the client", "on the order of", "at the direction of the user"' "$BOB" "Speed up bundle URIs

When bundle-URI info is requested by the client, we save on the order of
2^22 objects. When updating a ref at the direction of the user, log it." '{}'

passes '"per POSIX", "as per RFC 2606", "per CodingGuidelines"' "$BOB" "Fix quoting

Per POSIX, and as per RFC 2606, use example.com, per CodingGuidelines." '{}'

passes '"sanctioned by C", "assigned by IANA" (not names)' "$BOB" "Fix ports

The cast is sanctioned by C and the port is assigned by IANA." '{}'

passes '"approved by the CI", "pre-approved", "approved by default"' "$BOB" "Fix CI

Merges approved by the CI and pre-approved changes are approved by default." '{}'

# --- prose: approvals (warning) -------------------------------------------

fires '"approved by Alice"' "$BOB" "Ship the cache

The rollout plan was approved by Alice." \
	"approved-prose warning manager alice bob | approved by Alice" '{}'

fires '"with Dave'\''s blessing" (skip-level)' "$BOB" "Drop Python 2

With Dave's blessing, we drop Python 2." \
	"approved-prose warning skip-level dave bob | With Dave's blessing" '{}'

fires '"got the go-ahead from @alice"' "$BOB" "Ship the cache

Got the go-ahead from @alice for the rollout." \
	"approved-prose warning manager alice bob | the go-ahead from @alice" '{}'

fires '"Alice approved this"' "$BOB" "Ship the cache

Alice approved this plan on Monday." \
	"approved-prose warning manager alice bob | Alice approved" '{}'

fires '"Alice signed off on the design"' "$BOB" "Ship the cache

Alice signed off on the design." \
	"approved-prose warning manager alice bob | Alice signed off on" '{}'

test_expect_success 'approval prose from a peer: no finding, counted as a peer approval' '
	audit_one "$BOB" "Ship the cache

Carol approved this plan, with Carol'\''s blessing." &&
	expect_none && expect_approvals "{\"peer\":1}"
'

# --- the manager by role: more spellings ---------------------------------

test_expect_success 'role spellings: skip-level, VP, director, boss'\''s request' '
	write_site && make_repo r &&
	commit_as r "$BOB" "One

My skip-level wants us to rewrite it." &&
	commit_as r "$BOB" "Two

Our VP tasked us with the migration." &&
	commit_as r "$BOB" "Three

This was assigned to me by our director." &&
	commit_as r "$BOB" "Four

Done at my boss'\''s request." &&
	audit &&
	jq -r ".findings[] | \"\(.rule) \(.excerpt)\"" out.json | sort >got &&
	expect_file_eq got "manager-role-prose My skip-level wants us to
manager-role-prose Our VP tasked us
manager-role-prose assigned to me by our director
manager-role-prose at my boss'\''s request"
'

passes '"my manager told me that", "When my boss has something to show me"' "$BOB" "Fix it

My manager told me that the API is deprecated. When my boss has something
to show me I update my tree; my manager asked me to split this patch." '{}'

# --- reverts: the quoted subject is not this commit's words ---------------

test_expect_success 'a revert of a flagged commit does not fire' '
	write_site && make_repo r &&
	commit_as r "$BOB" "Add a cache as requested by @alice" &&
	first=$(git -C r rev-parse HEAD) &&
	git -C r -c user.name="Bob Stone" -c user.email=bob@example.com revert --no-edit HEAD &&
	git -C r -c user.name="Bob Stone" -c user.email=bob@example.com revert --no-edit HEAD &&
	audit &&
	jq_eq out.json ".commits_scanned" 3 &&
	expect_found "asked-to-prose warning manager alice bob | as requested by @alice" &&
	jq_eq out.json ".findings[0].commit" "$first"
'

test_expect_success 'a revert of a revert (Revert "Revert ...") does not fire' '
	write_site && make_repo r &&
	commit_as r "$BOB" "Alice assigned me this ticket" &&
	first=$(git -C r rev-parse HEAD) &&
	commit_as r "$BOB" "Revert \"Revert \"Alice assigned me this ticket\"\"

This reverts commit 0123456789abcdef0123456789abcdef01234567." &&
	audit &&
	expect_found "assigned-me-prose error manager alice bob | Alice assigned me" &&
	jq_eq out.json ".findings[0].commit" "$first"
'

# --- held-out corpus fixes (tests/messages-heldout) -----------------------

fires '"Alice insisted I take this over" (insisting on the author doing)' "$BOB" "$P

Alice insisted I take this over." \
	"asked-to-prose warning manager alice bob | Alice insisted I" '{"manager":1}'

passes '"Alice insisted that the old behaviour was correct" (an opinion)' "$BOB" "$P

Alice insisted that the old behaviour was correct." '{}'

fires 'a manager hands work to the report a pronoun stands for' "$ALICE" "$P

Carol will own the migration from now on; I gave her the tickets today." \
	"handed-to-report-prose warning manager alice carol | I gave her" '{"manager":1}'

passes '"I told him that ..." to a report is context, "I gave her a hand" no hand-off' "$ALICE" "$P

Bob asked about the TTL. I told him that the cache is flushed nightly, and I gave Carol a hand." '{}'

passes 'waiting for a go-ahead is not one (de, fr, es, pt)' "$BOB" "$P

Warte noch auf grünes Licht von Alice. En attente du feu vert d'Alice.
Pendiente del visto bueno de Alice. Aguardando o sinal verde da Alice." '{}'

# --- branch msg2: late agents, take-overs, vocatives, said-ok ------------

fires 'the agent at the end: "I was told to move these by alice" (a warning)' "$BOB" "$P

I was told to move these by alice." \
	"asked-to-prose warning manager alice bob | told to move these by alice" '{"manager":1}'

passes 'the agent after a participle is not the one who asked: "the bug reported by Alice"' "$BOB" "$P

I was asked to fix the bug reported by Alice." '{}'

fires 'a manager'"'"'s gerund hand-off: "Assigning the rest to @bobs"' "$ALICE" "$P

Assigning the rest to @bobs." \
	"handed-to-report-prose warning manager alice bob | Assigning the rest to @bobs" '{"manager":1}'

fires 'looking at something that is no change is work: "asked me to look at the flaky upload test"' "$BOB" "$P

Alice asked me to look at the flaky upload test." \
	"asked-to-prose warning manager alice bob | Alice asked me to" '{"manager":1}'

passes 'looking at a change is feedback: "look at her patch", "take a look at the PR"' "$BOB" "$P

Alice asked me to look at her patch before it lands. Alice asked me to take a look at the PR, so here are the fixes." '{}'

fires 'a Portuguese passive of instructing: "Fui instruído pela Alice a mover"' "$BOB" "$P

Fui instruído pela Alice a mover os jobs antes de as VMs serem desligadas." \
	"asked-to-prose warning manager alice bob | instruído pela Alice" '{"manager":1}'

fires 'a Spanish late agent before the that-clause: "Me dijeron desde arriba, Alice en concreto, que moviera"' "$BOB" "$P

Me dijeron desde arriba, Alice en concreto, que moviera los jobs." \
	"asked-to-prose warning manager alice bob | dijeron desde arriba, Alice" '{"manager":1}'

passes 'told, with the agent in between, what was the case: "Me dijeron, Alice en concreto, que el job ya estaba movido"' "$BOB" "$P

Me dijeron, Alice en concreto, que el job ya estaba movido." '{}'

fires 'a gerund hand-off of a long object: "Assigning the rest of the flaky-test cleanup to @bobs"' "$ALICE" "$P

Assigning the rest of the flaky-test cleanup to @bobs, he has the context." \
	"handed-to-report-prose warning manager alice bob | Assigning the rest of the flaky-test cleanup to @bobs" '{"manager":1}'

passes 'a comma ends a hand-off'"'"'s search: "Assigning the rest of it later, when Bob is back"' "$ALICE" "$P

Assigning the rest of it later, when Bob is back." '{}'

fires 'the report as the subject in the manager'"'"'s commit: "Carol takes over ..."' "$ALICE" "$P

Carol takes over the cache work from today." \
	"handed-to-report-prose warning manager alice carol | Carol takes over" '{"manager":1}'

passes 'a take-over that is hypothetical or negated' "$ALICE" "$P

If Carol takes over the cache work, she needs access. Bob will not take over the pager." '{}'

fires 'a message that opens by addressing Alice: "as you asked me to"' "$BOB" "@alice: moved the backup as you asked me to" \
	"asked-to-prose warning manager alice bob | as you asked" '{"manager":1}'

fires 'a causative with its object first (German): "hat mich den Index-Job ... neu schreiben lassen"' "$BOB" "$P

Alice hat mich den Index-Job nach dem Vorfall neu schreiben lassen." \
	"asked-to-prose warning manager alice bob | Alice hat mich den Index-Job nach dem Vorfall neu schreiben lassen" '{"manager":1}'

passes 'a French causative with no infinitive: "m'"'"'a fait confiance"' "$BOB" "$P

Alice m'a fait confiance sur ce sujet." '{}'

fires 'an approval said: "Alice said OK"' "$BOB" "$P

Alice said OK, shipping it tonight." \
	"approved-prose warning manager alice bob | Alice said OK" '{}'

passes 'a revert with its original pasted flush left: neither its prose nor its trailers' "$BOB" "Revert \"export: parallel writers\"

This reverts commit 0123456789abcdef0123456789abcdef01234567.

Original message:

export: parallel writers

Alice assigned me the writer rewrite.

Assigned-by: Alice Liddell <alice@example.com>" '{}'

passes 'a diff pasted without its header is code' "$BOB" "$P

+Alice assigned me this ticket.
-Alice assigned me that ticket." '{}'

fires 'a line of dashes closes a pasted mail: what follows is the author'"'"'s' "$BOB" "$P

-----Original Message-----
From: Mark Feld <mark@acme.io>
The report dies for our big accounts.

-----

Alice asked me to prioritise this." \
	"asked-to-prose warning manager alice bob | Alice asked me to" '{"manager":1}'

passes '"Alice said we can'"'"'t ship it" (a permission refused)' "$BOB" "$P

Alice said we can't ship it until the audit is done." '{}'

fires '"Auf Alices Bitte läuft ..." (German writes compounds as one word)' "$BOB" "$P

Auf Alices Bitte läuft der Cron jetzt stündlich." \
	"asked-to-prose warning manager alice bob | Auf Alices Bitte" '{"manager":1}'

# --- private context (info) -----------------------------------------------

fires '"as discussed in DM"' "$BOB" "$P

As discussed in DM, rename the flag." \
	"private-context info self bob bob | discussed in DM" '{}'

fires '"per our private call"' "$BOB" "$P

Switch the default, per our private call." \
	"private-context info self bob bob | per our private call" '{}'

fires '"agreed offline"' "$BOB" "$P

We agreed offline to drop the knob." \
	"private-context info self bob bob | agreed offline" '{}'

fires '"following my 1:1 with Alice"' "$BOB" "$P

Revert the knob following my 1:1 with Alice." \
	"private-context info self bob bob | following my 1:1" '{}'

fires '"discussed with Alice in a private chat"' "$BOB" "$P

Discussed with Alice in a private chat." \
	"private-context info self bob bob | Discussed with Alice in a private chat" '{}'

test_expect_success 'private context is counted in the metrics' '
	audit_one "$BOB" "Rename the flag

As discussed in DM, rename the flag." &&
	jq_eq out.json ".metrics.context_references" 1
'

passes '"dm-crypt", the git-gui "DM state" (git.git)' "$BOB" "git-gui: Remove invalid DM state.

The DM state cannot really happen; discussed in dm-crypt docs too." '{}'

passes '"private key", "private method", "privately allocated buffer"' "$BOB" "Fix key loading

Load the private key in a private method and hold onto its privately
allocated buffer." '{}'

passes '"offline mode", "a private call to foo()", "1:1 mapping"' "$BOB" "Fix offline mode

Update in complete offline mode; this is following a private call to foo(),
keeps the 1:1 mapping of objects, per the 1:1 mapping in the docs." '{}'

passes '"let me know privately" (reporting, not a reason)' "$BOB" "Fix NetBSD

Let me know about the problem privately; I do not have access to a NetBSD box." '{}'

test_done
