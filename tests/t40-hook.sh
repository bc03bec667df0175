#!/usr/bin/env bash
# The pre-receive hook through real pushes: which commits are judged, what
# the pusher reads, what lands.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

test_expect_success 'a clean push is accepted with one line' '
	make_server srv && clone_server srv w &&
	commit_clean w "First" && commit_clean w "Second" &&
	(cd w && push_ok ../out origin main) &&
	expect_file_eq out.remote "antisilo: push accepted: no findings in 2 new commits (mode enforce, fail_on error; pusher not known)" &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'enforce: a top-down assignment rejects the push, saying why' '
	make_server srv && clone_server srv w &&
	commit_clean w "First" && commit_assigned w &&
	(cd w && push_rejected ../out origin main) &&
	{ assigned_lines "$(short main w)" && fix_lines &&
	  echo "antisilo: push rejected: 1 error in 1 of 2 new commits (mode enforce, fail_on error; pusher not known)"; } >expected &&
	diff -u expected out.remote &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'warn: the same push lands, with the findings and a note' '
	make_server srv mode=warn && clone_server srv w &&
	commit_clean w "First" && commit_assigned w &&
	(cd w && push_ok ../out origin main) &&
	{ assigned_lines "$(short main w)" &&
	  echo "antisilo: push accepted: 1 error in 1 of 2 new commits (mode warn, fail_on error; pusher not known)" &&
	  echo "antisilo: mode warn: in enforce mode this push would be rejected"; } >expected &&
	diff -u expected out.remote &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'warnings below fail_on are shown and do not reject' '
	make_server srv && clone_server srv w &&
	commit_private w && commit_clean w &&
	(cd w && push_ok ../out origin main) &&
	cat >expected <<-EOF &&
	antisilo: $(short main~1 w) Tune the cache as discussed in DM
	antisilo:   author: Carol Reed <carol@example.com>
	antisilo:   warning private-context
	antisilo:     > as discussed in DM
	antisilo:     Keep context public: link the discussion instead.
	antisilo: push accepted: 1 warning in 1 of 2 new commits (mode enforce, fail_on error; pusher not known)
	EOF
	diff -u expected out.remote
'

test_expect_success 'mode off: the hook says nothing and accepts' '
	make_server srv mode=off && clone_server srv w &&
	commit_assigned w &&
	(cd w && push_ok ../out origin main) &&
	test ! -s out.remote
'

test_expect_success 'a new branch of commits the server has: nothing new to judge' '
	make_server srv && clone_server srv w &&
	commit_clean w && commit_clean w &&
	(cd w && push_ok ../out origin main) &&
	git -C w branch topic main~1 &&
	(cd w && push_ok ../out2 origin topic) &&
	expect_file_eq out2.remote "antisilo: push accepted: no new commits to check (pusher not known)" &&
	expect_eq "$(server_ref srv topic)" "$(git -C w rev-parse main~1)"
'

test_expect_success 'a new branch with new commits: only those are judged' '
	make_server srv && clone_server srv w &&
	commit_clean w && commit_clean w &&
	(cd w && push_ok ../out origin main) &&
	git -C w checkout -q -b topic && commit_clean w "Topic one" && commit_assigned w "Topic two" &&
	(cd w && push_rejected ../out2 origin topic) &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 2 new commits" out2.remote &&
	grep -qF "antisilo:   older commits: git rebase -i @{upstream}, mark them reword" out2.remote &&
	expect_eq "$(server_ref srv topic)" ""
'

test_expect_success 'a rejected fast-forward says to rebase onto the old tip' '
	make_server srv && clone_server srv w &&
	commit_clean w "Base" && (cd w && push_ok ../out origin main) &&
	old=$(short main w) &&
	commit_assigned w && commit_clean w "After" &&
	(cd w && push_rejected ../out2 origin main) &&
	grep -qF "antisilo:   older commits: git rebase -i $old, mark them reword" out2.remote
'

test_expect_success 'a force push judges the rewritten commits only' '
	make_server srv && clone_server srv w &&
	commit_clean w "Base" && commit_clean w "Old tip" &&
	(cd w && push_ok ../out origin main) &&
	old=$(git -C w rev-parse main) &&
	git -C w reset -q --hard HEAD~1 &&
	commit_clean w "New one" && commit_assigned w "New two" &&
	(cd w && push_rejected ../out2 --force origin main) &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 2 new commits" out2.remote &&
	grep -qF "antisilo:   older commits: git rebase -i $(git -C w rev-parse --short=12 main~2), mark them reword" out2.remote &&
	expect_eq "$(server_ref srv main)" "$old" &&
	git -C w reset -q --hard HEAD~1 &&
	(cd w && push_ok ../out3 --force origin main) &&
	expect_file_eq out3.remote "antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher not known)" &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'a force push that only drops commits has nothing to judge' '
	make_server srv && clone_server srv w &&
	commit_clean w && commit_clean w &&
	(cd w && push_ok ../out origin main) &&
	git -C w reset -q --hard HEAD~1 &&
	(cd w && push_ok ../out2 --force origin main) &&
	expect_file_eq out2.remote "antisilo: push accepted: no new commits to check (pusher not known)" &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'a branch deletion is accepted without a scan' '
	make_server srv && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main main:topic) &&
	(cd w && push_ok ../out2 origin :topic) &&
	expect_file_eq out2.remote "antisilo: push accepted: no new commits to check (pusher not known)" &&
	expect_eq "$(server_ref srv topic)" ""
'

test_expect_success 'an annotated tag of a new commit judges the commit' '
	make_server srv && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	git -C w checkout -q --detach && commit_assigned w "Tagged work" &&
	git -C w tag -a -m "Release 1" v1 &&
	(cd w && push_rejected ../out2 origin v1) &&
	grep -q "Tagged work" out2.remote &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 1 new commit " out2.remote &&
	expect_eq "$(server_ref srv v1)" ""
'

test_expect_success 'annotated and lightweight tags of known commits, a tag of a tree' '
	make_server srv && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	git -C w tag -a -m "Release" v1 main &&
	git -C w tag light main &&
	git -C w tag -a -m "A tree" treetag "main^{tree}" &&
	git -C w tag -a -m "Tag of a tag" v1b v1 &&
	(cd w && push_ok ../out2 origin v1 light treetag v1b) &&
	expect_file_eq out2.remote "antisilo: push accepted: no new commits to check (pusher not known)" &&
	expect_eq "$(server_ref srv treetag)" "$(git -C w rev-parse treetag)"
'

test_expect_success 'several refs sharing commits: each commit judged once' '
	make_server srv && clone_server srv w &&
	commit_clean w "Base" && (cd w && push_ok ../out origin main) &&
	commit_assigned w "Shared" && commit_clean w "Shared two" &&
	git -C w branch b1 && git -C w branch b2 &&
	git -C w tag -a -m "on shared" t1 &&
	git -C w checkout -q -b b3 && commit_clean w "Only on b3" &&
	(cd w && push_rejected ../out2 origin main b1 b2 b3 t1) &&
	expect_eq "$(grep -c "Shared$" out2.remote)" 1 &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 3 new commits (mode enforce, fail_on error; pusher not known)$" out2.remote &&
	expect_eq "$(server_ref srv b3)" ""
'

test_expect_success 'notes and other refs are judged like branches' '
	make_server srv && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	git -C w notes add -m "a note" main &&
	(cd w && push_ok ../out2 origin refs/notes/commits) &&
	expect_file_eq out2.remote "antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher not known)" &&
	commit_assigned w && (cd w && push_rejected ../out3 origin HEAD:refs/for/review) &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 1 new commit " out3.remote
'

test_expect_success 'rules in the pushed tree are ignored' '
	make_server srv && clone_server srv w &&
	mkdir -p w/antisilo &&
	printf "[antisilo]\nmode = off\n" >w/rules.ini &&
	cp w/rules.ini w/antisilo/rules.ini &&
	git -C w add rules.ini antisilo/rules.ini && git -C w commit -q -m "Our own rules" &&
	commit_assigned w &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 2 new commits" out.remote
'

test_expect_success 'escape sequences and invalid UTF-8 from the push are never echoed raw' '
	make_server srv mode=warn && clone_server srv w &&
	esc=$(printf "\033") &&
	printf "Fix \033[31mred\033]0;pwned\007 \377\376 as discussed in DM \033[2J\n\nAssigned-by: Alice Liddell <alice@example.com>\n" >msg &&
	(cd w && GIT_AUTHOR_NAME="Bob $(printf "\033[1m")Stone" GIT_AUTHOR_EMAIL=bob@example.com \
		git commit -q --allow-empty -F ../msg) &&
	(cd w && push_ok ../out origin main) &&
	grep -q "private-context" out.remote &&
	! grep -q "$esc" out &&
	! grep -q "$(printf "\007")" out &&
	! LC_ALL=C grep -q "$(printf "\377")" out &&
	grep -q "Fix \\\\x1b\[31mred\\\\x1b\]0;pwned\\\\x07" out.remote &&
	grep -q "author: Bob \\\\x1b\[1mStone" out.remote
'

test_expect_success 'findings of many commits: the first 20 shown, the rest counted' '
	make_server srv mode=warn && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	for i in $(seq 1 25); do commit_private w "Change $i" || exit 1; done &&
	(cd w && push_ok ../out2 origin main) &&
	expect_eq "$(grep -c "^antisilo: [0-9a-f]\{12\} Change" out2.remote)" 20 &&
	grep -q "^antisilo: ... and 5 more findings in 5 more commits (not shown)$" out2.remote &&
	grep -q "^antisilo: push accepted: 25 warnings in 25 of 25 new commits" out2.remote
'

test_expect_success 'tracker files: a task line a manager pushes for a report is judged, with its file and line' '
	make_server srv tracker_paths=TODO.md &&
	cat >>srv.git/antisilo/rules.ini <<-\EOF &&
	[rule.tracker-top-down]
	source = tracker
	event = assignment
	relation = manager, skip-level
	severity = error
	explain = Bring the task to your team planning.
	EOF
	clone_server srv w && commit_clean w "First" &&
	printf "# Sprint\n\n- [ ] Export replays\n  Assignee: bob\n" >w/TODO.md &&
	git -C w add TODO.md &&
	GIT_AUTHOR_NAME="Alice Liddell" GIT_AUTHOR_EMAIL=alice@example.com \
		git -C w commit -q -m "Plan the sprint" &&
	(cd w && push_rejected ../out origin main) &&
	cat >expected <<-EOF &&
	antisilo: $(short main w) Plan the sprint
	antisilo:   author: Alice Liddell <alice@example.com>
	antisilo:   error tracker-top-down (assignment, manager: alice -> bob)
	antisilo:     at TODO.md:4
	antisilo:     > Assignee: bob
	antisilo:     Bring the task to your team planning.
	EOF
	fix_lines "" files >>expected &&
	echo "antisilo: push rejected: 1 error in 1 of 2 new commits (mode enforce, fail_on error; pusher not known)" >>expected &&
	diff -u expected out.remote &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'the lines never split "actor -> subject" when they wrap' '
	for pad in "" x xx xxx xxxx xxxxx xxxxxx xxxxxxx xxxxxxxx xxxxxxxxxx xxxxxxxxxxxx; do
		"$TEST_TOOL" pusher-say 2 "error requested-by-trailer$pad (assignment, skip-level: dave -> bob)" >out &&
		grep -q "dave -> bob)" out &&
		! grep -q -- "->$" out && ! grep -q "^ *->" out || return 1
	done
'

# A flagged commit (Bob's work that Alice assigned) on branch side of the
# work tree DIR, main without it; prints its id.
flagged_on_side() {
	commit_clean "$1" &&
	git -C "$1" checkout -q -b side &&
	commit_assigned "$1" &&
	git -C "$1" checkout -q main &&
	git -C "$1" rev-parse side
}

# A backport made with -x names its original; one made without it has
# only its author line and its patch-id in common with it (originals.h).
test_expect_success 'the backport (cherry-pick -x, without -x, git am) of a flagged commit the server has is not blocked again' '
	for how in -x "" am; do
		rm -rf srv.git w && make_server srv && clone_server srv w &&
		orig=$(flagged_on_side w) &&
		(cd w && push_ok ../out origin main) &&
		git --git-dir=srv.git fetch -q "$PWD/w" side:side &&
		case $how in
		am) git -C w format-patch -1 --stdout "$orig" | git -C w am -q ;;
		*) git -C w cherry-pick $how "$orig" >/dev/null ;;
		esac &&
		(cd w && push_ok ../out origin main) &&
		expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)" &&
		tail -n 1 out.remote >last &&
		expect_file_eq last "antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher not known)" ||
		{ cat out.remote; return 1; }
	done
'

# What a copy without -x cannot carry past the hook: words its original
# lacks, or a patch of its own under the original's author line.
test_expect_success 'a copy that adds a finding to its original, or changes its patch, is rejected' '
	rm -rf srv.git w && make_server srv && clone_server srv w &&
	commit_clean w && git -C w checkout -q -b side &&
	commit_as w "Bob Stone <bob@example.com>" "Tune the cache as discussed in DM" &&
	git -C w push -q origin side 2>/dev/null &&
	commit_assigned w && orig=$(git -C w rev-parse side) &&
	git --git-dir=srv.git fetch -q "$PWD/w" side:side &&
	git -C w checkout -q main &&
	(cd w && push_ok ../out origin main) &&
	git -C w cherry-pick side~1 >/dev/null &&
	git -C w commit -q --amend -m "Tune the cache as discussed in DM

Assigned-by: Alice Liddell <alice@example.com>" &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "error assigned-by" out.remote &&
	! grep -q "private-context" out.remote &&
	git -C w reset -q --hard origin/main &&
	git -C w cherry-pick "$orig" >/dev/null &&
	echo more >>w/f0.txt && git -C w commit -q -a --amend --no-edit &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "error assigned-by" out.remote ||
	{ cat out.remote; return 1; }
'

# A hostile author date (more digits than any date) on a flagged commit:
# the look-up of its original reads it without overflowing.
test_expect_success 'a flagged commit with an absurd author date is judged, and its original looked up safely' '
	rm -rf srv.git w && make_server srv && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	tree=$(git -C w rev-parse HEAD^{tree}) && parent=$(git -C w rev-parse HEAD) &&
	commit=$(printf "tree %s\nparent %s\nauthor Bob Stone <bob@example.com> 99999999999999999999999999 +0000\ncommitter Bob Stone <bob@example.com> 1700000000 +0000\n\nAdd the replay buffer\n\nAssigned-by: Alice Liddell <alice@example.com>\n" \
		"$tree" "$parent" | git -C w hash-object -t commit -w --literally --stdin) &&
	git -C w update-ref refs/heads/main "$commit" &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "error assigned-by" out.remote ||
	{ cat out.remote; return 1; }
'

test_done
