#!/usr/bin/env bash
# Waivers: `git push -o antisilo.waive="reason"` lets a rejected push land
# where allow_waiver = true, and records it, one whole JSON line per push,
# even when many pushes arrive at once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

REJECTED="antisilo: on_error = reject: push rejected: antisilo could not check it"
ALLOWED="antisilo: on_error = allow: push accepted without a complete check"

test_expect_success 'with allow_waiver: the waived push lands, and is recorded' '
	make_server srv allow_waiver=true waiver_log="$PWD/waivers.jsonl" && clone_server srv w &&
	commit_clean w "Base" && commit_assigned w &&
	(cd w && REMOTE_USER=bob push_ok ../out -o "antisilo.waive=hotfix for incident 42" origin main) &&
	{ assigned_lines "$(short main w)" &&
	  echo "antisilo: waiver reason: hotfix for incident 42" &&
	  echo "antisilo: push accepted with a waiver: 1 error in 1 of 2 new commits (mode enforce, fail_on error; pusher bob)" &&
	  echo "antisilo: waiver recorded in the server'"'"'s waiver log"; } >expected &&
	diff -u expected out.remote &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)" &&
	expect_eq "$(wc -l <waivers.jsonl)" 1 &&
	jq_eq waivers.jsonl ".reason" "hotfix for incident 42" &&
	jq_eq waivers.jsonl ".pusher" "bob" &&
	jq_eq waivers.jsonl ".pusher_from" "REMOTE_USER" &&
	jq_eq waivers.jsonl ".pusher_person" "bob" &&
	jq_eq waivers.jsonl ".event" "waiver" &&
	jq_eq waivers.jsonl "[.refs[] | .ref, .old, .new] | join(\" \")" \
		"refs/heads/main 0000000000000000000000000000000000000000 $(git -C w rev-parse main)" &&
	jq_eq waivers.jsonl "[.findings[] | .rule, .commit] | join(\" \")" "assigned-by $(git -C w rev-parse main)" &&
	jq_eq waivers.jsonl ".findings[0].fingerprint | test(\"^[0-9a-f]{40}$\")" true &&
	jq_eq waivers.jsonl ".time | test(\"^20[0-9-]{8}T[0-9:]{8}Z$\")" true &&
	jq_eq waivers.jsonl ".repository | endswith(\"srv.git/\")" true
'

test_expect_success 'the pusher: pusher_env, GL_USERNAME, GITEA_PUSHER_NAME, GITHUB_USER_LOGIN, GL_USER, REMOTE_USER; never USER' '
	make_server srv allow_waiver=true waiver_log="$PWD/waivers.jsonl" pusher_env=SSH_PUSHER &&
	clone_server srv w &&
	n=0 &&
	for env in "SSH_PUSHER=ssh-bob GL_USERNAME=gl-bob" "GL_USERNAME=gl-bob GITEA_PUSHER_NAME=gt-bob" \
		   "GITEA_PUSHER_NAME=gt-bob GITHUB_USER_LOGIN=gh-bob" "GITHUB_USER_LOGIN=gh-bob GL_USER=gol-bob" \
		   "GL_USER=gol-bob REMOTE_USER=http-bob" "REMOTE_USER=http-bob USER=git" "USER=git"; do
		n=$((n + 1)) && commit_assigned w "Change $n" &&
		(cd w && env $env git push -o antisilo.waive=w$n origin main >../out 2>&1) || exit 1
	done &&
	jq -r "[.pusher // \"null\", .pusher_from] | join(\" \")" waivers.jsonl >got &&
	expect_file_eq got "ssh-bob SSH_PUSHER
gl-bob GL_USERNAME
gt-bob GITEA_PUSHER_NAME
gh-bob GITHUB_USER_LOGIN
gol-bob GL_USER
http-bob REMOTE_USER
null no pusher variable was set" &&
	grep -q "pusher not known" out
'

test_expect_success 'the pusher is a person of the org chart by login, e-mail or name' '
	make_server srv && clone_server srv w && commit_clean w &&
	(cd w && GITEA_PUSHER_NAME=someone GITEA_PUSHER_EMAIL=carol@example.com push_ok ../out origin main) &&
	grep -q "push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher carol)" out.remote &&
	commit_clean w "Again" &&
	(cd w && REMOTE_USER="Bob Stone" push_ok ../out origin main) &&
	grep -q "; pusher bob)" out.remote &&
	commit_clean w "Once more" &&
	(cd w && REMOTE_USER=zed push_ok ../out origin main) &&
	grep -q "; pusher zed (not in the org chart))" out.remote
'

test_expect_success 'without allow_waiver the option changes nothing, and says so' '
	make_server srv && clone_server srv w &&
	commit_assigned w &&
	(cd w && push_rejected ../out -o "antisilo.waive=please" origin main) &&
	{ assigned_lines "$(short main w)" &&
	  echo "antisilo: waiver ignored: allow_waiver is off on this server" && fix_lines &&
	  echo "antisilo: push rejected: 1 error in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)"; } >expected &&
	diff -u expected out.remote &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'a waiver needs a reason; one that is not needed is not recorded' '
	make_server srv allow_waiver=true waiver_log="$PWD/waivers.jsonl" && clone_server srv w &&
	commit_assigned w &&
	(cd w && push_rejected ../out -o antisilo.waive origin main) &&
	grep -q "^antisilo: waiver refused: give a reason: -o antisilo.waive=\"reason\"$" out.remote &&
	(cd w && push_rejected ../out2 -o antisilo.waive= origin main) &&
	grep -q "^antisilo: waiver refused" out2.remote &&
	git -C w reset -q --hard HEAD~0 && git -C w commit -q --amend -m "Clean now" &&
	(cd w && push_ok ../out3 -o antisilo.waive=why origin main) &&
	grep -q "^antisilo: waiver not needed: nothing to waive, nothing recorded$" out3.remote &&
	test ! -e waivers.jsonl
'

test_expect_success 'a rejected push without a waiver hints at the option when waivers are on' '
	make_server srv allow_waiver=true waiver_log="$PWD/waivers.jsonl" && clone_server srv w &&
	commit_assigned w &&
	(cd w && push_rejected ../out origin main) &&
	expect_eq "$(tail -n 1 out.remote)" "antisilo: to push anyway: git push -o antisilo.waive=\"reason\""
'

test_expect_success 'the waiver log cannot be written: waiver refused, on_error applies' '
	make_server srv allow_waiver=true waiver_log="$PWD/no/such/dir/waivers.jsonl" on_error=reject &&
	clone_server srv w && commit_assigned w &&
	(cd w && push_rejected ../out -o antisilo.waive=urgent origin main) &&
	grep -q "^antisilo: waiver refused: it cannot be recorded in the waiver log:$" out.remote &&
	grep -q "^antisilo:   .*/no/such/dir/waivers.jsonl" out.remote &&
	grep -q "No such file or directory$" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "antisilo: on_error = reject: push rejected, waiver not recorded" &&
	write_rules srv.git/antisilo/rules.ini allow_waiver=true waiver_log="$PWD/no/such/dir/waivers.jsonl" &&
	(cd w && push_ok ../out2 -o antisilo.waive=urgent origin main) &&
	expect_eq "$(tail -n 1 out2.remote)" "antisilo: on_error = allow: push accepted, waiver not recorded" &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'the waiver log is shared: a relative path is relative to the rules file' '
	make_server srv allow_waiver=true waiver_log=waivers.jsonl && clone_server srv w &&
	commit_assigned w &&
	(cd w && push_ok ../out -o antisilo.waive=ok origin main) &&
	expect_eq "$(wc -l <srv.git/antisilo/waivers.jsonl)" 1
'

test_expect_success 'waiver reasons with quotes, backslashes and escapes: one JSON line' '
	make_server srv allow_waiver=true waiver_log="$PWD/waivers.jsonl" && clone_server srv w &&
	commit_assigned w &&
	reason=$(printf "say \"hi\" back\\\\slash \033[31mred\tend") &&
	(cd w && push_ok ../out -o "antisilo.waive=$reason" origin main) &&
	! grep -q "$(printf "\033")" out &&
	grep -qxF "antisilo: waiver reason: say \"hi\" back\\slash \\x1b[31mred\\x09end" out.remote &&
	expect_eq "$(wc -l <waivers.jsonl)" 1 &&
	expect_eq "$(jq -r .reason waivers.jsonl)" "$reason"
'

test_expect_success '20 pushes at once: each judged on its own, no waiver line lost or torn' '
	make_server srv allow_waiver=true waiver_log="$PWD/waivers.jsonl" && clone_server srv seed &&
	commit_clean seed "Base" && (cd seed && push_ok ../out origin main) &&
	for i in $(seq 1 20); do
		git clone -q srv.git "w$i" 2>/dev/null &&
		git -C "w$i" checkout -q -b "b$i" || exit 1
		# (an author date of its own: the same patch by the same author
		# at the same second would be a copy of the push that landed first)
		export GIT_AUTHOR_DATE="@$((1700000000 + i)) +0000"
		case $((i % 5)) in
		0) commit_assigned "w$i" "Rejected $i" ;;
		1) commit_clean "w$i" "Clean $i" ;;
		*) commit_assigned "w$i" "Waived $i" && commit_private "w$i" "Also $i" ;;
		esac || exit 1
	done &&
	unset GIT_AUTHOR_DATE &&
	for i in $(seq 1 20); do
		case $((i % 5)) in
		0|1) (cd "w$i" && git push origin "b$i" >../out$i 2>&1; echo $? >../st$i) & ;;
		*) (cd "w$i" && REMOTE_USER="user$i" git push -o "antisilo.waive=reason $i" origin "b$i" >../out$i 2>&1; echo $? >../st$i) & ;;
		esac
	done &&
	wait &&
	for i in $(seq 1 20); do
		st=$(cat st$i) &&
		case $((i % 5)) in
		0) expect_eq "$st" 1 && expect_eq "$(server_ref srv b$i)" "" &&
		   grep -q "push rejected: 1 error in 1 of 1 new commit " out$i ;;
		1) expect_eq "$st" 0 && grep -q "push accepted: no findings in 1 new commit " out$i ;;
		*) expect_eq "$st" 0 && expect_eq "$(server_ref srv b$i)" "$(git -C w$i rev-parse HEAD)" &&
		   grep -q "push accepted with a waiver: 1 error, 1 warning in 2 of 2 new commits" out$i ;;
		esac || { cat out$i; exit 1; }
	done &&
	expect_eq "$(wc -l <waivers.jsonl)" 12 &&
	jq -c . waivers.jsonl >/dev/null &&
	expect_eq "$(jq -r .reason waivers.jsonl | sort -V | tr "\n" ,)" \
		"reason 2,reason 3,reason 4,reason 7,reason 8,reason 9,reason 12,reason 13,reason 14,reason 17,reason 18,reason 19," &&
	jq -r "[.pusher, .reason, .refs[0].ref] | join(\" \")" waivers.jsonl |
		while read -r who r n ref; do
			expect_eq "$who" "user$n" && expect_eq "$ref" "refs/heads/b$n" || exit 1
		done
'

test_done
