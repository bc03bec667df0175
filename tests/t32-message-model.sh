#!/bin/bash
# t32-message-model.sh — a commit message read as a person reads it
# (issue 11, source/message.c): its regions, the regions a rule reads,
# and reverts and cherry-picks that are not new work (copies.c).

. "$(dirname "$0")/lib.sh"

# One message with every region: only its prose is the author's asking.
printf '%s\n' "Fix the cache" "" "Alice asked me to fix the cache." "" \
	'```' "Alice asked me to keep this" '```' "" \
	"    Alice asked me to indent" "" \
	"> Alice asked me to quote" "" \
	"On Mon, Bob wrote:" "> Alice asked me to mail" "" \
	"diff --git a/x b/x" "--- a/x" "+++ b/x" "@@ -1 +1 @@" \
	"-Alice asked me to old" "+Alice asked me to new" "" \
	"Thanks." "" "-- " "Bob, asked by Alice to sign" "" \
	"Signed-off-by: Bob Stone <bob@example.com>" >"$TEST_ROOT/every-region.txt"

test_expect_success 'a message is split into subject, prose, code, quotes, a diff, a signature, trailers' '
	"$TEST_TOOL" regions "$TEST_ROOT/every-region.txt" >got &&
	expect_file_eq got "subject	Fix the cache\\n\\n
prose	Alice asked me to fix the cache.\\n\\n
code	\`\`\`\\nAlice asked me to keep this\\n\`\`\`\\n\\n    Alice asked me to indent\\n\\n
quote	> Alice asked me to quote\\n\\nOn Mon, Bob wrote:\\n> Alice asked me to mail\\n\\n
code	diff --git a/x b/x\\n--- a/x\\n+++ b/x\\n@@ -1 +1 @@\\n-Alice asked me to old\\n+Alice asked me to new\\n\\n
prose	Thanks.\\n\\n
signature	-- \\nBob, asked by Alice to sign\\n\\n
trailers	Signed-off-by: Bob Stone <bob@example.com>\\n
trailers 324 367"
'

test_expect_success 'a revert and a cherry-pick: what they quote is the original, not the author' '
	printf "%s\n" "Revert \"Add cache\"" "" \
		"This reverts commit 0123456789abcdef0123456789abcdef01234567." "" \
		"Original message:" "" "> Alice asked me to add a cache." "" \
		"Assigned-by: Alice" >revert.txt &&
	"$TEST_TOOL" regions revert.txt >got &&
	sed -n "1p;\$p" got >ends &&
	expect_file_eq ends "revert	Revert \"Add cache\"\\n\\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\\n\\nOriginal message:\\n\\n> Alice asked me to add a cache.\\n\\n
revert" &&
	printf "%s\n" "Revert \"Add cache\"" "" \
		"This reverts commit 0123456789abcdef0123456789abcdef01234567." "" \
		"It broke the build." >reason.txt &&
	"$TEST_TOOL" regions reason.txt >got &&
	expect_file_eq got "revert	Revert \"Add cache\"\\n\\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\\n\\n
prose	It broke the build.\\n
revert" &&
	printf "%s\n" "Add cache" "" "Alice asked me to add a cache." "" \
		"(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)" >pick.txt &&
	"$TEST_TOOL" regions pick.txt >got &&
	expect_file_eq got "cherry-pick	Add cache\\n\\nAlice asked me to add a cache.\\n\\n
trailers	(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\\n
trailers 43 112
cherry-pick 0123456789abcdef0123456789abcdef01234567"
'

test_expect_success 'the shipped rules read the author'\''s prose only: one finding of eight sentences' '
	{ printf "[antisilo]\ninclude = default\n" && alice_manages_bob; } >rules.ini &&
	make_repo r && commit_as r "Bob Stone <bob@example.com>" "$(cat "$TEST_ROOT/every-region.txt")" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never --quiet >out.json &&
	jq_eq out.json "[.findings[] | [.rule, .severity, .excerpt, .actor]]" \
		"[[\"asked-to-prose\",\"warning\",\"Alice asked me to\",\"alice\"]]"
'

# rules.ini with one message rule matching PATTERN, reading REGIONS (none:
# the default of source = message, subject and prose).
region_rule() {
	{
		echo "[rule.r]"
		echo "source = message"
		echo "pattern = '$1'"
		[ -z "${2:-}" ] || echo "regions = $2"
		echo "event = context"
		echo "explain = x"
	} >rules.ini
}

test_expect_success 'regions = names the regions a rule reads; the default is the subject and prose' '
	make_repo r && commit_as r "Bob Stone <bob@example.com>" "$(cat "$TEST_ROOT/every-region.txt")" &&
	for case in "keep this#:0" "keep this#code:1" "to (?:quote|mail)#quote:2" \
		    "to (?:quote|mail)#prose, subject:0" "fix the cache#:1" "to sign#signature:1" \
		    "to sign#:0" "to new#code:1"; do
		pattern=${case%#*} rest=${case#*#} &&
		region_rule "$pattern" "${rest%:*}" &&
		run_antisilo audit --repo r --rules rules.ini --format json --fail-on never \
			--quiet >out.json &&
		jq_eq out.json ".findings | length" "${rest##*:}" || { echo "case: $case"; return 1; }
	done
'

test_expect_success 'regions = on a trailer rule, or an unknown region, is an error naming the line' '
	printf "%s\n" "[rule.r]" "source = trailer" "key = ^X\$" "pattern = x" "regions = prose" \
		"event = context" "explain = x" >rules.ini &&
	expect_status 2 run_antisilo check-rules rules.ini 2>err &&
	expect_file_eq err "antisilo: rules.ini:5: rule '\''r'\'': a trailer rule reads the trailers only (regions = trailers)" &&
	region_rule x "prose, footnotes" &&
	expect_status 2 run_antisilo check-rules rules.ini 2>err &&
	expect_file_eq err "antisilo: rules.ini:4: rule '\''r'\'': regions '\''footnotes'\'' is not one of subject, prose, quote, code, revert, cherry-pick, trailers, signature"
'

# history DIR: a flagged commit (Alice assigns Bob's work) on branch side
# of DIR, and main without it; prints the flagged commit's id.
flagged_on_side() {
	commit_as "$1" "Bob Stone <bob@example.com>" "init" &&
	git -C "$1" checkout -q -b side &&
	commit_as "$1" "Bob Stone <bob@example.com>" "Add the replay buffer

Assigned-by: Alice Liddell <alice@example.com>" buffer.txt &&
	git -C "$1" checkout -q main &&
	git -C "$1" rev-parse side
}

test_expect_success 'a cherry-pick refers to its original'\''s finding: by its note, or by patch-id' '
	{ printf "[antisilo]\ninclude = default\n" && alice_manages_bob; } >rules.ini &&
	for how in -x ""; do
		rm -rf r && make_repo r && orig=$(flagged_on_side r) &&
		git -C r cherry-pick $how "$orig" >/dev/null &&
		pick=$(git -C r rev-parse HEAD) &&
		run_antisilo audit --repo r --rules rules.ini --format json --fail-on never \
			--quiet --all >out.json &&
		jq_eq out.json "[.findings[] | [.rule, .severity, .commit]] | sort" \
			"[[\"antisilo:cherry-pick\",\"info\",\"$pick\"],[\"assigned-by-trailer\",\"error\",\"$orig\"]]" &&
		jq_eq out.json "[.findings[] | select(.rule == \"antisilo:cherry-pick\") | .excerpt]" \
			"[\"Assigned-by: Alice Liddell <alice@example.com>\"]" || return 1
	done
'

# The backport branch audited alone: its original is on a branch the
# audit's range does not reach (originals.h).
test_expect_success 'an audit of a backport branch alone: a copy refers to its original on another branch' '
	{ printf "[antisilo]\ninclude = default\n" && alice_manages_bob; } >rules.ini &&
	for range in "" main side..main; do
		rm -rf r && make_repo r && orig=$(flagged_on_side r) &&
		git -C r cherry-pick "$orig" >/dev/null &&
		pick=$(git -C r rev-parse HEAD) &&
		run_antisilo audit --repo r --rules rules.ini --format json --fail-on never \
			--quiet $range >out.json &&
		jq_eq out.json "[.findings[] | [.rule, .severity, .commit]]" \
			"[[\"antisilo:cherry-pick\",\"info\",\"$pick\"]]" &&
		jq_eq out.json ".metrics.assignments.manager" 0 || return 1
	done &&
	git -C r reset -q --hard HEAD~1 &&
	git -C r cherry-pick --no-commit "$orig" && echo more >>r/f0.txt && git -C r add f0.txt &&
	git -C r commit -q -C "$orig" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never --quiet >out.json &&
	jq_eq out.json "[.findings[] | [.rule, .severity]]" "[[\"assigned-by-trailer\",\"error\"]]"
'

test_done
