#!/usr/bin/env bash
# Big pushes: thousands of commits, hundreds of refs at once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

test_expect_success 'a push of 5,000 new commits is judged whole' '
	make_server srv && clone_server srv w &&
	fast_import_commits w 5000 main &&
	commit_assigned w "The last one" &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 5001 new commits (mode enforce, fail_on error; pusher not known)$" out.remote &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'a push of 100,000 new commits is judged whole, the offending one buried at the bottom' '
	make_server srv deadline_ms=600000 && clone_server srv w &&
	commit_assigned w "The first one" &&
	fast_import_commits w 100000 main "$(git -C w rev-parse main)" &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 100001 new commits (mode enforce, fail_on error; pusher not known)$" out.remote &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success '5,000 commits onto a branch of 5,000: only the new ones' '
	make_server srv && clone_server srv w &&
	fast_import_commits w 5000 main &&
	(cd w && push_ok ../out origin main) &&
	grep -q "^antisilo: push accepted: no findings in 5000 new commits" out.remote &&
	git -C w checkout -q main &&
	fast_import_commits w 5000 main "$(git -C w rev-parse main)" &&
	(cd w && push_ok ../out2 origin main) &&
	grep -q "^antisilo: push accepted: no findings in 5000 new commits" out2.remote
'

test_expect_success '300 refs in one push, sharing commits: each commit judged once' '
	make_server srv mode=warn && clone_server srv w &&
	commit_clean w "Base" && (cd w && push_ok ../out origin main) &&
	commit_private w "Shared" &&
	for i in $(seq 1 100); do
		git -C w branch "b$i" && git -C w tag "t$i" || exit 1
	done &&
	for i in $(seq 1 100); do echo "tag -a -m v$i v$i main"; done | sed "s/^/-C w /" |
		xargs -L1 git &&
	(cd w && push_ok ../out2 origin "refs/heads/*:refs/heads/*" "refs/tags/*:refs/tags/*") &&
	grep -q "^antisilo: push accepted: 1 warning in 1 of 1 new commit (mode warn, fail_on error; pusher not known)$" out2.remote &&
	expect_eq "$(grep -c "Shared as discussed" out2.remote)" 1 &&
	expect_eq "$(git --git-dir=srv.git for-each-ref | wc -l)" 301
'

test_expect_success '--jobs 2 gives the same answer as one thread' '
	make_server srv mode=warn && clone_server srv w &&
	commit_clean w "Base" && (cd w && push_ok ../out origin main) &&
	fast_import_commits w 3000 main "$(git -C w rev-parse main)" &&
	commit_private w "Late" && commit_assigned w "Last" &&
	git --git-dir=srv.git fetch -q "$PWD/w" main:refs/heads/incoming &&
	git --git-dir=srv.git update-ref -d refs/heads/incoming &&
	echo "$(git -C w rev-parse main~3002) $(git -C w rev-parse main) refs/heads/main" >input &&
	run_in_repo srv.git input out1 "$HOOK_BIN" pre-receive --jobs 1 &&
	run_in_repo srv.git input out2 "$HOOK_BIN" pre-receive --jobs 2 &&
	diff -u out1 out2 &&
	grep -q "^antisilo: push accepted: 1 error, 1 warning in 2 of 3002 new commits" out1
'

test_done
