#!/bin/bash
# t92-bounds.sh — the bounds of [antisilo] (max_message_bytes,
# max_tracker_file_bytes, max_export_bytes, max_push_commits and the PCRE2
# limits): each has a safe default, is checked when loaded, and past it
# antisilo says so: a warning finding (audit), an error naming the file
# (exports), on_error (the hook). Nothing is skipped silently.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

ANTISILO=$HOOK_BIN

# rules FILE [KEY = VALUE lines]: the hook-lib test rules with more
# [antisilo] keys, tracker_paths = TODO.md among them.
rules() {
	local file=$1
	shift
	write_rules "$file" "tracker_paths=TODO.md" "$@"
}

test_expect_success 'the new bounds are documented in the shipped rules.ini, with their defaults' '
	grep -x "max_tracker_file_bytes = 4194304" "$SRC_DIR/rules.ini" &&
	grep -x "max_export_bytes = 1073741824" "$SRC_DIR/rules.ini" &&
	grep -x "max_push_commits = 200000" "$SRC_DIR/rules.ini" &&
	grep -x "max_message_bytes = 1048576" "$SRC_DIR/rules.ini"
'

test_expect_success 'bounds out of range are errors naming the line' '
	rules a.ini "max_tracker_file_bytes=10" &&
	expect_status 2 run_antisilo check-rules a.ini 2>err &&
	expect_file_eq err "antisilo: a.ini:6: max_tracker_file_bytes: '"'10'"' is not a whole number from 1024 to 1073741824" &&
	rules b.ini "max_export_bytes=2147483649" &&
	expect_status 2 run_antisilo check-rules b.ini 2>err &&
	expect_file_eq err "antisilo: b.ini:6: max_export_bytes: '"'2147483649'"' is not a whole number from 1024 to 2147483648" &&
	rules c.ini "max_push_commits=0" &&
	expect_status 2 run_antisilo check-rules c.ini 2>err &&
	expect_file_eq err "antisilo: c.ini:6: max_push_commits: '"'0'"' is not a whole number from 1 to 100000000"
'

# ---- max_message_bytes -----------------------------------------------------------

test_expect_success 'max_message_bytes: a longer message is judged on its ends and every trailer, a warning says what was not read' '
	rules rules.ini "max_message_bytes=1024" &&
	make_repo r &&
	commit_as r "Bob Stone <bob@example.com>" "Add the cache

$(printf "%01100d" 0)

Assigned-by: Alice Liddell <alice@example.com>" &&
	size=$(git -C r cat-file commit HEAD | sed "1,/^\$/d" | wc -c) &&
	expect_status 1 run_antisilo audit --repo r --rules rules.ini >out &&
	text_findings out >all &&
	expect_file_eq all "$(short HEAD r) Add the cache (Bob Stone <bob@example.com>)
  error   assigned-by (assignment manager: alice -> bob)
          Assigned-by: Alice Liddell <alice@example.com>
          Managers set context, not tasks: pick the work in your team'"'"'s planning.
  warning antisilo:max-message-bytes
          message of $size bytes is larger than max_message_bytes (1024): judged on its first 512 and last 512 bytes and every trailer; the $((size - 1024)) bytes between were not checked
          Shorten the message (put logs and pastes in an issue and link it), or raise max_message_bytes in [antisilo] to check such messages whole." &&
	rules big.ini "max_message_bytes=2048" &&
	expect_status 1 run_antisilo audit --repo r --rules big.ini --format json >out.json &&
	jq_eq out.json "[.findings[].rule]" "[\"assigned-by\"]"
'

# ---- max_tracker_file_bytes -----------------------------------------------------

test_expect_success 'max_tracker_file_bytes: a larger tracker file is a warning naming it' '
	rules rules.ini "max_tracker_file_bytes=1024" &&
	make_repo r &&
	printf -- "- [ ] Ship the cache Owner: Bob Stone\n" >r/TODO.md &&
	commit_as r "Alice Liddell <alice@example.com>" "Plan" TODO.md &&
	for i in $(seq 1 60); do printf -- "- [ ] Task number %03d Owner: Bob Stone\n" $i; done >>r/TODO.md &&
	commit_as r "Alice Liddell <alice@example.com>" "Plan more" TODO.md &&
	size=$(wc -c <r/TODO.md) &&
	expect_status 1 run_antisilo audit --repo r --rules rules.ini --format json --output out.json &&
	jq_eq out.json "[.findings[] | [.rule, .severity, .source, .path, .commit, .excerpt]]" \
		"[[\"antisilo:max-tracker-file-bytes\",\"warning\",\"tracker-file\",\"TODO.md\",\"$(git -C r rev-parse HEAD)\",\"tracker file of $size bytes is larger than max_tracker_file_bytes (1024): not checked\"]]" &&
	jq_eq out.json ".findings[0].explain" "Raise max_tracker_file_bytes in [antisilo] to check such files, or split the file." &&
	rules big.ini &&
	expect_status 0 run_antisilo audit --repo r --rules big.ini --format json --output all.json &&
	jq_eq all.json "[.findings[].rule] | unique" "[]" &&
	jq_eq all.json ".metrics.assignments.manager" 61
'

test_expect_success 'max_tracker_file_bytes: a file that shrank under it is not judged against nothing' '
	rules rules.ini "max_tracker_file_bytes=1024" &&
	make_repo r &&
	for i in $(seq 1 60); do printf -- "- [ ] Task number %03d Owner: Bob Stone\n" $i; done >r/TODO.md &&
	commit_as r "Alice Liddell <alice@example.com>" "Plan" TODO.md &&
	head -n 3 r/TODO.md >r/TODO.new && mv r/TODO.new r/TODO.md &&
	printf -- "- [ ] Ship the cache @bob\n" >>r/TODO.md &&
	commit_as r "Alice Liddell <alice@example.com>" "Trim" TODO.md &&
	expect_status 1 run_antisilo audit --repo r --rules rules.ini --format json >out.json 2>err &&
	grep -q "^antisilo: 2 places were not fully checked" err &&
	jq_eq out.json "[.findings[] | [.rule, .commit]]" \
		"[[\"antisilo:max-tracker-file-bytes\",\"$(git -C r rev-parse HEAD)\"],[\"antisilo:max-tracker-file-bytes\",\"$(git -C r rev-parse HEAD~1)\"]]"
'

test_expect_success 'max_tracker_file_bytes in the hook: said, on_incomplete applies' '
	make_server srv "tracker_paths=TODO.md" "max_tracker_file_bytes=1024" "on_incomplete=warn" &&
	clone_server srv w && cd w &&
	for i in $(seq 1 60); do printf -- "- [ ] Task number %03d Owner: Bob Stone\n" $i; done >TODO.md &&
	commit_as . "Alice Liddell <alice@example.com>" "Plan" TODO.md &&
	size=$(wc -c <TODO.md) &&
	push_ok out origin main &&
	expect_file_eq out.remote "antisilo: $(short HEAD) Plan
antisilo:   author: Alice Liddell <alice@example.com>
antisilo:   warning antisilo:max-tracker-file-bytes
antisilo:     at TODO.md
antisilo:     > tracker file of $size bytes is larger than
antisilo:       max_tracker_file_bytes (1024): not checked
antisilo:     Raise max_tracker_file_bytes in [antisilo] to check such
antisilo:     files, or split the file.
antisilo: not fully checked: 1 warning above says where a bound stopped
antisilo: the check: shorten the message or split the commit (git commit
antisilo: --amend, git rebase -i), or ask the administrator to raise the
antisilo: bound it names
antisilo: on_incomplete = warn: push accepted without a complete check"
'

# ---- max_export_bytes -------------------------------------------------------------

test_expect_success 'max_export_bytes: a larger export is an error naming it, a pipe too' '
	rules rules.ini "max_export_bytes=1024" &&
	make_repo r && commit_clean r &&
	{ echo "Issue key,Summary,Reporter,Assignee,Created" &&
	  for i in $(seq 1 40); do echo "AB-$i,Task $i,alice,bob,2024-01-01 10:00"; done; } >jira.csv &&
	size=$(wc -c <jira.csv) &&
	expect_status 2 run_antisilo audit --repo r --rules rules.ini --tracker jira.csv >out 2>err &&
	expect_file_eq err "antisilo: jira.csv: $size bytes, larger than max_export_bytes (1024): split the export, or raise max_export_bytes in [antisilo]" &&
	expect_eq "$(cat out)" "" &&
	expect_status 2 eval "cat jira.csv | run_antisilo audit --repo r --rules rules.ini --tracker jira-csv:/dev/stdin" >out 2>err &&
	expect_file_eq err "antisilo: /dev/stdin: more than 1024 bytes, larger than max_export_bytes: split the export, or raise max_export_bytes in [antisilo]" &&
	rules big.ini &&
	expect_status 0 run_antisilo audit --repo r --rules big.ini --tracker jira.csv >out
'

# ---- max_push_commits ---------------------------------------------------------------

test_expect_success 'max_push_commits: exactly that many are judged; one more is rejected (on_incomplete)' '
	make_server srv "max_push_commits=10" &&
	clone_server srv w && cd w &&
	commit_clean . && git push -q origin main 2>/dev/null &&
	fast_import_commits . 10 main "$(git rev-parse HEAD)" &&
	push_ok out origin main &&
	expect_file_eq out.remote "antisilo: push accepted: no findings in 10 new commits (mode enforce, fail_on error; pusher not known)" &&
	fast_import_commits . 11 main "$(git rev-parse HEAD)" &&
	push_rejected out2 origin main &&
	expect_file_eq out2.remote "antisilo: more than max_push_commits (10) new commits: 10 checked, the
antisilo: rest not: push in smaller parts, or ask the administrator to
antisilo: raise max_push_commits
antisilo: on_incomplete = reject: push rejected: part of it could not be
antisilo: checked" &&
	sed -i "s/^on_error = allow/on_error = allow\non_incomplete = allow/" ../srv.git/antisilo/rules.ini &&
	push_ok out3 origin main &&
	tail -n 1 out3.remote >tail &&
	expect_file_eq tail "antisilo: on_incomplete = allow: push accepted without a complete check"
'

test_expect_success 'max_push_commits: findings among the commits judged still reject' '
	make_server srv "max_push_commits=3" "on_error=allow" &&
	clone_server srv w && cd w &&
	commit_clean . && git push -q origin main 2>/dev/null &&
	commit_clean . "One" && commit_clean . "Two" && commit_clean . "Three" && commit_assigned . &&
	push_rejected out origin main &&
	grep -x "antisilo: more than max_push_commits (3) new commits: 3 checked, the" out.remote &&
	tail -n 1 out.remote >tail &&
	expect_file_eq tail "antisilo: push rejected: 1 error in 1 of 3 new commits (mode enforce, fail_on error; pusher not known)"
'

test_expect_success 'max_push_commits in warn mode: said, the findings of the commits judged shown, accepted' '
	make_server srv "max_push_commits=3" "mode=warn" &&
	clone_server srv w && cd w &&
	commit_clean . && git push -q origin main 2>/dev/null &&
	commit_clean . "One" && commit_clean . "Two" && commit_clean . "Three" && commit_assigned . &&
	push_ok out origin main &&
	grep -x "antisilo:   error assigned-by (assignment, manager: alice -> bob)" out.remote &&
	grep -x "antisilo: more than max_push_commits (3) new commits: 3 checked, the" out.remote &&
	tail -n 1 out.remote >tail &&
	expect_file_eq tail "antisilo: mode warn: push accepted without a complete check" &&
	expect_eq "$(server_ref ../srv main)" "$(git rev-parse HEAD)"
'

# ---- PCRE2 bounds, in the hook -------------------------------------------------

test_expect_success 'a PCRE2 bound in the hook: on_incomplete = reject rejects (whatever on_error says), warn mode accepts' '
	make_server srv "on_error=allow" "match_limit=1000" &&
	cat >>srv.git/antisilo/rules.ini <<-\EOF &&
	[rule.nested]
	source = subject
	pattern = '"'"'^(a|aa)+$'"'"'
	event = context
	severity = warning
	explain = x
	EOF
	clone_server srv w && cd w &&
	commit_as . "Carol Reed <carol@example.com>" "$(printf "%0100d" 0 | tr 0 a)b" &&
	push_rejected out origin main &&
	grep -x "antisilo:   warning nested" out.remote &&
	tail -n 6 out.remote >tail &&
	expect_file_eq tail "antisilo: not fully checked: 1 warning above says where a bound stopped
antisilo: the check: shorten the message or split the commit (git commit
antisilo: --amend, git rebase -i), or ask the administrator to raise the
antisilo: bound it names
antisilo: on_incomplete = reject: push rejected: part of it could not be
antisilo: checked" &&
	sed -i "s/^mode = enforce/mode = warn/" ../srv.git/antisilo/rules.ini &&
	push_ok out2 origin main &&
	tail -n 1 out2.remote >tail2 &&
	expect_file_eq tail2 "antisilo: mode warn: push accepted without a complete check"
'

test_expect_success 'an unchecked push costs a logged waiver: never less' '
	make_server srv "allow_waiver=true" "waiver_log=waivers.jsonl" "max_message_bytes=1024" &&
	git -C srv.git config receive.advertisePushOptions true &&
	clone_server srv w && cd w &&
	commit_assigned . &&
	commit_as . "Carol Reed <carol@example.com>" "Long
$(printf "%02000d" 0)" &&
	push_rejected out origin main &&
	tail -n 1 out.remote >tail &&
	expect_file_eq tail "antisilo: to push anyway: git push -o antisilo.waive=\"reason\"" &&
	log=../srv.git/antisilo/waivers.jsonl &&
	jq_eq $log "[.event, .outcome, .why, .findings[0].rule] | join(\" \")" \
		"incomplete rejected 1 place where a bound stopped the check antisilo:max-message-bytes" &&
	REMOTE_USER=carol push_ok out2 -o antisilo.waive="hotfix" origin main &&
	grep -x "antisilo: push accepted with a waiver, without a complete check: 1 error, 1 warning in 2 of 2 new commits (mode enforce, fail_on error; pusher carol)" out2.remote &&
	jq -r "[.event, .outcome, .pusher // \"-\", .reason // .why] | join(\" \")" $log >got &&
	expect_file_eq got "incomplete rejected - 1 place where a bound stopped the check
waiver accepted carol hotfix
incomplete accepted carol 1 place where a bound stopped the check"
'

# ---- what a pusher writes cannot dodge the rules (issue 14) ---------------------

# shipped_server NAME [KEY=VALUE...]: NAME.git with the hook and the shipped
# rules (include) on top of the hook-lib org chart: bob reports to alice.
shipped_server() {
	local name=$1 kv extra=""
	shift
	make_server "$name"
	for kv in "$@"; do
		extra="$extra${kv%%=*} = ${kv#*=}
"
	done
	cat >"$name.git/antisilo/rules.ini" <<EOF
[antisilo]
include = $SRC_DIR/rules.ini
on_error = allow
$extra
[people]
alice = Alice Liddell <alice@example.com>
bob = Bob Stone <bob@example.com>
carol = Carol Reed <carol@example.com>

[managers]
bob = alice
EOF
}

# big_message FILE SUBJECT LAST: SUBJECT, then 10 MiB of pasted lines in
# paragraphs, then LAST as the last paragraph.
big_message() {
	{
		printf "%s\n\n" "$2"
		awk 'BEGIN { for (i = 1; i <= 262144; i++) {
			printf "line %07d of the paste, nothing to see\n", i
			if (i % 40 == 0) printf "\n" } }'
		printf "\n%s\n" "$3"
	} >"$1"
}

# commit_file DIR "Name <email>" FILE: one commit with FILE as its message, verbatim.
commit_file() {
	local dir=$1 who=$2 file=$3
	local name=${who% <*} email=${who##*<}
	echo "change" >>"$dir/big.txt" && git -C "$dir" add big.txt &&
	GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="${email%>}" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="${email%>}" \
		git -C "$dir" commit -q --cleanup=verbatim -F "$file"
}


test_expect_success 'a 10 MiB message with Assigned-by: <manager> at its very end: rejected (enforce), warned (warn)' '
	shipped_server srv &&
	clone_server srv w && cd w &&
	big_message ../msg "Add the replay buffer" "Assigned-by: Alice Liddell <alice@example.com>" &&
	commit_file . "Bob Stone <bob@example.com>" ../msg &&
	size=$(git cat-file commit HEAD | sed "1,/^\$/d" | wc -c) &&
	test "$size" -gt 10485760 &&
	push_rejected out origin main &&
	{
		echo "antisilo: $(short HEAD) Add the replay buffer"
		echo "antisilo:   author: Bob Stone <bob@example.com>"
		echo "antisilo:   error assigned-by-trailer (assignment, manager:"
		echo "antisilo:   alice -> bob)"
		echo "antisilo:     > Assigned-by: Alice Liddell <alice@example.com>"
		echo "antisilo:     Your manager assigned you this task. Managers set context,"
		echo "antisilo:     not tasks: bring the need to your team'"'"'s planning, let the"
		echo "antisilo:     team decide who picks it up, and credit where the idea"
		echo "antisilo:     came from with Suggested-by: instead."
		oversized_lines "$size" 524284 524268
		fix_lines
		echo "antisilo: push rejected: 1 error, 1 warning in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)"
	} >expect &&
	expect_file_eq out.remote "$(cat expect)" &&
	expect_eq "$(server_ref ../srv main)" "" &&
	# the error rejects by itself: not only because the middle was not read
	sed -i "s/^on_error = allow/on_error = allow\non_incomplete = allow/" ../srv.git/antisilo/rules.ini &&
	push_rejected out2 origin main &&
	tail -n 1 out2.remote >tail2 &&
	expect_file_eq tail2 "antisilo: push rejected: 1 error, 1 warning in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)" &&
	sed -i "s/^on_incomplete = allow/mode = warn/" ../srv.git/antisilo/rules.ini &&
	push_ok out3 origin main &&
	{
		head -n 9 expect
		oversized_lines "$size" 524284 524268
		echo "antisilo: mode warn: push accepted without a complete check"
	} >expect3 &&
	grep -v "^antisilo: push accepted: \|enforce would" out3.remote >got3 || true &&
	expect_file_eq got3 "$(cat expect3)" &&
	expect_eq "$(server_ref ../srv main)" "$(git rev-parse HEAD)"
'

test_expect_success 'a 10 MiB message with an assignment sentence in its subject: rejected (enforce), warned (warn)' '
	shipped_server srv &&
	clone_server srv w && cd w &&
	big_message ../msg "Alice Liddell assigned me the replay buffer" "Thanks to Carol for the review." &&
	commit_file . "Bob Stone <bob@example.com>" ../msg &&
	size=$(git cat-file commit HEAD | sed "1,/^\$/d" | wc -c) &&
	test "$size" -gt 10485760 &&
	push_rejected out origin main &&
	{
		echo "antisilo: $(short HEAD) Alice Liddell assigned me the replay buffer"
		echo "antisilo:   author: Bob Stone <bob@example.com>"
		echo "antisilo:   error assigned-me-prose (assignment, manager: alice -> bob)"
		echo "antisilo:     > Alice Liddell assigned me"
		echo "antisilo:     Your manager assigned you this work. Managers set context,"
		echo "antisilo:     not tasks: take the need to your team'"'"'s planning and let"
		echo "antisilo:     the team decide who does it. Write the why (the context)"
		echo "antisilo:     in the message, not who told you. (It fired on: Alice"
		echo "antisilo:     Liddell + assigned + me (active).)"
		oversized_lines "$size" 524264 524253
		fix_lines
		echo "antisilo: push rejected: 1 error, 1 warning in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)"
	} >expect &&
	expect_file_eq out.remote "$(cat expect)" &&
	sed -i "s/^on_error = allow/on_error = allow\nmode = warn/" ../srv.git/antisilo/rules.ini &&
	push_ok out2 origin main &&
	{
		head -n 9 expect
		oversized_lines "$size" 524264 524253
		echo "antisilo: mode warn: push accepted without a complete check"
	} >expect2 &&
	grep -v "^antisilo: push accepted: \|enforce would" out2.remote >got2 || true &&
	expect_file_eq got2 "$(cat expect2)"
'

test_expect_success 'thousands of lines after a trailer-like line, runs of white space: no PCRE2 bound is hit' '
	shipped_server srv &&
	clone_server srv w && cd w &&
	awk "BEGIN {
		printf \"Tune the cache as discussed in DM\n\nAssigned-by: Carol Reed <carol@example.com>\n\"
		for (i = 0; i < 20000; i++) {
			printf \"Key%d: value %d\n\", i % 50, i
			if (i % 5000 == 0) {
				printf \"Assigned by: Carol Reed\"; for (k = 0; k < 60000; k++) printf \" \"; printf \"\n\"
				printf \"We discussed\"; for (k = 0; k < 60000; k++) printf \" \"; printf \"it\n\"
				printf \"> quoted\n> Approved-by: Carol\"; for (k = 0; k < 30000; k++) printf \" \"; printf \"\n\"
			}
		}
	}" >../msg &&
	test "$(wc -c <../msg)" -lt 1048576 &&
	commit_file . "Bob Stone <bob@example.com>" ../msg &&
	push_ok out origin main &&
	! grep -i "bound\|limit\|not fully checked" out.remote &&
	expect_file_eq out.remote "antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher not known)"
'
# expect_cache_rewrite_rejected FILE: the hook's answer to HEAD, Bob's
# "Fix the cache" that says "Alice Liddell assigned me the cache rewrite"
expect_cache_rewrite_rejected() {
	{
		echo "antisilo: $(short HEAD) Fix the cache"
		echo "antisilo:   author: Bob Stone <bob@example.com>"
		echo "antisilo:   error assigned-me-prose (assignment, manager: alice -> bob)"
		echo "antisilo:     > Alice Liddell assigned me"
		echo "antisilo:     Your manager assigned you this work. Managers set context,"
		echo "antisilo:     not tasks: take the need to your team's planning and let"
		echo "antisilo:     the team decide who does it. Write the why (the context)"
		echo "antisilo:     in the message, not who told you. (It fired on: Alice"
		echo "antisilo:     Liddell + assigned + me (active).)"
		fix_lines
		echo "antisilo: push rejected: 1 error in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)"
	} >expect &&
	expect_file_eq "$1" "$(cat expect)"
}

test_expect_success 'an assignment after 300,000 words of filler in the same paragraph is judged (no token cap)' '
	shipped_server srv &&
	clone_server srv w && cd w &&
	{
		printf "Fix the cache\n\n"
		awk "BEGIN { for (i = 0; i < 300000; i++) printf \"x \" }"
		printf "Alice Liddell assigned me the cache rewrite.\n"
	} >../msg &&
	commit_file . "Bob Stone <bob@example.com>" ../msg &&
	push_rejected out origin main &&
	expect_cache_rewrite_rejected out.remote
'

test_expect_success 'a long paragraph is read in pieces: an assignment among thousands of sentences, or repeated, is judged once' '
	shipped_server srv &&
	clone_server srv w && cd w &&
	{
		printf "Fix the cache\n\n"
		awk "BEGIN { for (i = 0; i < 2000; i++) printf \"Step %d warms the cache, then it checks entry %d. \", i, i * 7 }"
		printf "Alice Liddell assigned me the cache rewrite. "
		awk "BEGIN { for (i = 0; i < 2000; i++) printf \"Step %d drops entry %d. \", i, i * 3 }"
		awk "BEGIN { for (i = 0; i < 15000; i++) printf \"Alice Liddell assigned me the cache rewrite. \" }"
		printf "\n"
	} >../msg &&
	test "$(wc -c <../msg)" -gt 600000 &&
	commit_file . "Bob Stone <bob@example.com>" ../msg &&
	push_rejected out origin main &&
	expect_cache_rewrite_rejected out.remote
'

test_expect_success 'a push of huge messages past deadline_ms: the push did it, on_incomplete (not on_error) decides' '
	shipped_server srv "deadline_ms=200" &&
	clone_server srv w && cd w &&
	# (every sentence its own: text repeated is read once)
	awk "BEGIN { printf \"Tidy the cache\\n\\n\"; for (i = 0; i < 30000; i++) printf \"carol asked me whether it helps %d. \", i }" >../msg &&
	for i in $(seq 40); do
		commit_file . "Bob Stone <bob@example.com>" ../msg || return 1
	done &&
	push_rejected out origin main &&
	sed "s/^antisilo: //" out.remote | tr "\n" " " >flat &&
	# (said by the hook, or by its watchdog when one message outlasts the
	# grace: both blame the push)
	grep -q "deadline_ms (200 ms) passed while the push.s huge messages were judged ([0-9]* MiB \(or more \)\{0,1\}in messages over 64 KiB" flat &&
	grep -q "^antisilo: on_incomplete = reject: push rejected" out.remote &&
	! grep -q "on_error" out.remote &&
	expect_eq "$(server_ref ../srv main)" "" &&
	grep -q "on_incomplete" out.remote &&
	sed -i "s/^on_error = allow/on_error = allow\nmode = warn/" ../srv.git/antisilo/rules.ini &&
	push_ok out2 origin main &&
	grep -q "^antisilo: mode warn: push accepted without a complete check" out2.remote
'

test_done
