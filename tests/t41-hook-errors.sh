#!/usr/bin/env bash
# The pre-receive hook when antisilo cannot answer: broken rules, the
# deadline, a missing binary, malformed input — on_error decides, and says
# so. Also GitLab's message prefix and runs without a quarantine.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

ZERO=0000000000000000000000000000000000000000
ALLOWED="antisilo: on_error = allow: push accepted without a complete check"
REJECTED="antisilo: on_error = reject: push rejected: antisilo could not check it"

# break_rules NAME ON_ERROR: a rules file that does not load (a bad
# pattern) but says on_error.
break_rules() {
	write_rules "$1.git/antisilo/rules.ini" on_error="$2" &&
	printf "\n[rule.broken]\nsource = subject\npattern = (unclosed\nevent = context\nseverity = error\nexplain = x\n" \
		>>"$1.git/antisilo/rules.ini"
}

test_expect_success 'rules that do not load, on_error = allow: accepted, and said' '
	make_server srv && break_rules srv allow && clone_server srv w &&
	commit_assigned w &&
	(cd w && push_ok ../out origin main) &&
	grep -q "^antisilo: this server.s antisilo rules cannot be loaded: ask your administrator" out.remote &&
	! grep -q "rules.ini" out.remote && ! grep -qF "$PWD" out.remote &&
	grep -q "^antisilo: antisilo could not load its rules (exit status 2)$" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "$ALLOWED" &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'rules that do not load, on_error = reject: rejected, and said' '
	make_server srv && break_rules srv reject && clone_server srv w &&
	commit_clean w &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo: antisilo could not load its rules (exit status 2)$" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "$REJECTED" &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'warn mode never rejects, not even with on_error = reject' '
	make_server srv mode=warn on_error=reject max_message_bytes=1024 && clone_server srv w &&
	commit_clean w "Fix a typo

$(printf "%01100d" 0)" &&
	(cd w && push_ok ../out origin main) &&
	expect_eq "$(tail -n 1 out.remote)" "antisilo: mode warn: push accepted without a complete check" &&
	break_rules srv reject && sed -i "s/^mode = enforce/mode = warn/" srv.git/antisilo/rules.ini &&
	commit_clean w && (cd w && push_ok ../out2 origin main) &&
	expect_eq "$(tail -n 1 out2.remote)" "antisilo: mode warn: push accepted without a complete check"
'

test_expect_success 'a missing rules file: the on_error baked by install.sh applies' '
	git init -q --bare srv.git &&
	"$SRC_DIR/install.sh" --no-build --repo srv.git --binary "$HOOK_BIN" --on-error reject >/dev/null &&
	git --git-dir=srv.git config antisilo.rules "$PWD/nowhere.ini" &&
	clone_server srv w && commit_clean w &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "ask your administrator" out.remote && ! grep -q "nowhere.ini" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "$REJECTED"
'

test_expect_success 'ANTISILO_ON_ERROR in the environment overrides the rules file' '
	make_server srv && break_rules srv reject && clone_server srv w &&
	commit_clean w &&
	(cd w && ANTISILO_ON_ERROR=allow push_ok ../out origin main) &&
	expect_eq "$(tail -n 1 out.remote)" "$ALLOWED"
'

test_expect_success 'the binary missing: on_error of the rules applies, both ways' '
	mkdir bin && cp "$HOOK_BIN" bin/antisilo &&
	git init -q --bare srv.git &&
	"$SRC_DIR/install.sh" --no-build --repo srv.git --binary "$PWD/bin/antisilo" >/dev/null &&
	mkdir srv.git/antisilo && write_rules srv.git/antisilo/rules.ini on_error=reject &&
	rm bin/antisilo &&
	clone_server srv w && commit_clean w &&
	(cd w && PATH=/usr/bin:/bin push_rejected ../out origin main) &&
	cat >expected <<-EOF &&
	antisilo: $PWD/bin/antisilo: not found or not executable
	$REJECTED
	EOF
	diff -u expected out.remote &&
	write_rules srv.git/antisilo/rules.ini on_error=allow &&
	(cd w && PATH=/usr/bin:/bin push_ok ../out2 origin main) &&
	expect_eq "$(tail -n 1 out2.remote)" "$ALLOWED" &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'the binary dies of a signal: on_error applies' '
	# A stand-in that passes install.sh'"'"'s --version check, then crashes.
	mkdir bin && printf "#!/bin/sh\n[ \"\$1\" = --version ] && exit 0\nkill -SEGV \$\$\n" >bin/antisilo &&
	chmod +x bin/antisilo &&
	git init -q --bare srv.git &&
	"$SRC_DIR/install.sh" --no-build --repo srv.git --binary "$PWD/bin/antisilo" >/dev/null &&
	mkdir srv.git/antisilo && write_rules srv.git/antisilo/rules.ini on_error=reject &&
	clone_server srv w && commit_clean w &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo: antisilo died of signal 11$" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "$REJECTED"
'

test_expect_success 'deadline_ms = 1: the deadline passes, on_error = allow accepts' '
	make_server srv deadline_ms=1 && clone_server srv w &&
	fast_import_commits w 2000 main &&
	(cd w && push_ok ../out origin main) &&
	grep -q "^antisilo: deadline_ms (1 ms) passed" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "$ALLOWED" &&
	expect_eq "$(server_ref srv main)" "$(git -C w rev-parse main)"
'

test_expect_success 'deadline_ms = 1: on_error = reject rejects' '
	make_server srv deadline_ms=1 on_error=reject && clone_server srv w &&
	fast_import_commits w 2000 main &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo: deadline_ms (1 ms) passed" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "$REJECTED" &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'the deadline in the middle of a scan stops it and applies on_error' '
	make_server srv deadline_ms=40 on_error=reject && clone_server srv w &&
	fast_import_commits w 30000 main &&
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo: deadline_ms (40 ms) passed" out.remote &&
	expect_eq "$(tail -n 1 out.remote)" "$REJECTED"
'

test_expect_success 'GitLab (GL_ID set): a rejection is marked GL-HOOK-ERR, line by line' '
	make_server srv && clone_server srv w &&
	commit_assigned w &&
	(cd w && GL_ID=user-7 GL_USERNAME=bob push_rejected ../out origin main) &&
	{ assigned_lines "$(short main w)" && fix_lines &&
	  echo "antisilo: push rejected: 1 error in 1 of 1 new commit (mode enforce, fail_on error; pusher bob)"; } |
		sed "s/^/GL-HOOK-ERR: /" >expected &&
	diff -u expected out.remote
'

test_expect_success 'GitLab: accepted pushes and on_error lines' '
	make_server srv mode=warn && clone_server srv w &&
	commit_assigned w &&
	(cd w && GL_ID=user-7 push_ok ../out origin main) &&
	! grep -q GL-HOOK-ERR out.remote &&
	break_rules srv reject && commit_clean w &&
	(cd w && GL_ID=user-7 push_rejected ../out2 origin main) &&
	expect_eq "$(tail -n 1 out2.remote)" "GL-HOOK-ERR: $REJECTED"
'

# unreferenced_assigned: a server srv with a clean commit, and the objects
# of an assigned commit on top of it without a ref (as a push brings them
# before the hook; a rejected push would leave nothing): fetched into it,
# then the ref dropped. The ref update of a push of it is in ./input.
unreferenced_assigned() {
	make_server srv && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	commit_assigned w &&
	git --git-dir=srv.git fetch -q "$PWD/w" main:refs/heads/incoming &&
	git --git-dir=srv.git update-ref -d refs/heads/incoming &&
	echo "$ZERO $(git -C w rev-parse main) refs/heads/feature" >input
}

test_expect_success 'GitLab: the hook run directly, as Gitaly runs it, without a quarantine' '
	unreferenced_assigned &&
	GL_ID=user-1 expect_status 1 run_in_repo srv.git input out.remote hooks/pre-receive &&
	{ assigned_lines "$(short main w)" && fix_lines &&
	  echo "antisilo: push rejected: 1 error in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)"; } |
		sed "s/^/GL-HOOK-ERR: /" >expected &&
	diff -u expected out.remote
'

test_expect_success 'GIT_DIR absolute and the hook run elsewhere (a GitHub Enterprise chroot runs it from /)' '
	unreferenced_assigned &&
	srv=$PWD/srv.git &&
	(cd / && expect_status 1 env GIT_DIR="$srv" "$srv/hooks/pre-receive" <"$OLDPWD/input" 2>"$OLDPWD/err") &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 1 new commit" err
'

test_expect_success 'without a quarantine: every existing ref is hidden, broken refs skipped' '
	make_server srv && clone_server srv w &&
	commit_clean w && commit_clean w && (cd w && push_ok ../out origin main) &&
	git --git-dir=srv.git symbolic-ref refs/heads/dangling refs/heads/nowhere &&
	blob=$(echo hello | git --git-dir=srv.git hash-object -w --stdin) &&
	git --git-dir=srv.git tag -a -m "a blob" blobtag "$blob" &&
	git -C w checkout -q -b topic main~1 &&
	commit_clean w "Topic A" && commit_private w "Topic B" &&
	git --git-dir=srv.git fetch -q "$PWD/w" topic:refs/heads/incoming &&
	git --git-dir=srv.git update-ref -d refs/heads/incoming &&
	printf "%s %s refs/heads/topic\n%s %s refs/heads/other\n" \
		$ZERO "$(git -C w rev-parse topic)" $ZERO "$(git -C w rev-parse main)" >input &&
	run_in_repo srv.git input out.remote "$HOOK_BIN" pre-receive &&
	grep -q "^antisilo: push accepted: 1 warning in 1 of 2 new commits" out.remote &&
	grep -q "Topic B as discussed in DM" out.remote
'

test_expect_success 'malformed input: an error naming the line, then on_error' '
	make_server srv on_error=reject && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	new=$(git -C w rev-parse main) &&
	printf "%s %s refs/heads/a\n%s  %s refs/heads/b\n" $ZERO "$new" $ZERO "$new" >input &&
	expect_status 1 run_in_repo srv.git input out hooks/pre-receive &&
	grep -q "^antisilo: internal error: stdin line 2 is not \"<old> <new> <ref>\":$" out &&
	grep -q "^antisilo:   > $ZERO  $new refs/heads/b$" out &&
	expect_eq "$(tail -n 1 out)" "$REJECTED" &&
	printf "%s %s refs/heads/a\r\n" $ZERO "$new" >input2 &&
	expect_status 1 run_in_repo srv.git input2 out2 "$HOOK_BIN" pre-receive &&
	grep -q "^antisilo:   > $ZERO $new refs/heads/a\\\\x0d$" out2 &&
	printf "%s %s refs/heads/a\n" "$(echo $ZERO | tr 0 A)" "$new" >input3 &&
	expect_status 1 run_in_repo srv.git input3 out3 "$HOOK_BIN" pre-receive &&
	grep -q "stdin line 1 is not" out3
'

test_expect_success 'a new value that is not in the repository is an internal error' '
	make_server srv && clone_server srv w &&
	commit_clean w && (cd w && push_ok ../out origin main) &&
	echo "$ZERO 1234567890123456789012345678901234567890 refs/heads/ghost" >input &&
	expect_status 0 run_in_repo srv.git input out "$HOOK_BIN" pre-receive &&
	cat >expected <<-EOF &&
	antisilo: internal error: refs/heads/ghost: object
	antisilo: 1234567890123456789012345678901234567890 not found
	$ALLOWED
	EOF
	diff -u expected out
'

test_expect_success 'empty input and --help' '
	make_server srv &&
	run_in_repo srv.git /dev/null out "$HOOK_BIN" pre-receive &&
	expect_file_eq out "antisilo: push accepted: no new commits to check (pusher not known)" &&
	"$HOOK_BIN" pre-receive --help | grep -q "^usage: antisilo pre-receive" &&
	expect_status 2 "$HOOK_BIN" pre-receive --bogus
'

# swap_rules A B RULES: replaces RULES by A, then by B, each by a rename,
# over and over until the file "stop" exists
swap_rules() {
	while [ ! -e stop ]; do
		cp "$1" "$3.new" && mv "$3.new" "$3"
		cp "$2" "$3.new" && mv "$3.new" "$3"
	done
}

test_expect_success 'rules replaced by rename while pushes run: 200 pushes judged, none by a half-read file' '
	make_server srv && clone_server srv w && commit_assigned w &&
	rules=srv.git/antisilo/rules.ini &&
	write_rules a.ini deadline_ms=4000 && write_rules b.ini deadline_ms=3999 &&
	printf "\n; %0900d\n" 0 >>b.ini || exit 1
	swap_rules a.ini b.ini "$rules" &
	swapper=$!
	bad=0 && n=0 &&
	while [ $n -lt 200 ]; do
		n=$((n + 1))
		if (cd w && push ../out origin main); then
			bad=$((bad + 1)); cat out
		elif ! grep -q "error assigned-by" out.remote || grep -q "could not" out.remote; then
			bad=$((bad + 1)); cat out
		fi
	done
	touch stop && wait $swapper &&
	expect_eq "$bad" 0 &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'warn mode, rules replaced by rename while pushes run: 200 pushes warned, none by a half-read file' '
	make_server srv mode=warn && clone_server srv w && commit_assigned w &&
	rules=srv.git/antisilo/rules.ini &&
	write_rules a.ini mode=warn deadline_ms=4000 && write_rules b.ini mode=warn deadline_ms=3999 &&
	printf "\n; %0900d\n" 0 >>b.ini || exit 1
	swap_rules a.ini b.ini "$rules" &
	swapper=$!
	bad=0 && n=0 &&
	while [ $n -lt 200 ]; do
		n=$((n + 1))
		# a new commit each time (the server keeps the objects it accepted)
		GIT_COMMITTER_DATE="@$((1704110400 + n)) +0000" git -C w commit -q --amend --no-edit &&
		if ! (cd w && push ../out origin main); then
			bad=$((bad + 1)); cat out
		elif ! grep -q "error assigned-by" out.remote || grep -q "could not" out.remote ||
		     ! grep -q "^antisilo: push accepted: 1 error in 1 of 1 new commit (mode warn" out.remote; then
			bad=$((bad + 1)); cat out
		fi
		git --git-dir=srv.git update-ref -d refs/heads/main || bad=$((bad + 1))
	done
	touch stop && wait $swapper &&
	expect_eq "$bad" 0
'

test_done
