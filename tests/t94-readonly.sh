#!/bin/bash
# t94-readonly.sh — antisilo never writes to a repository (SPEC §7, §8):
# the suite's scenarios (audit in every format, with trackers and a
# baseline; owners; check-rules; rules and rules --export; check-msg; the hook on real pushes, accepted,
# rejected, waived, and run by hand) against repositories whose every
# file, directory and symbolic link is listed with its mtime, size and
# mode, and hashed, before and after: nothing may differ.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

ANTISILO=$HOOK_BIN

# snapshot DIR OUT: every path under DIR with type, mtime, size and mode,
# then the content hash of every file and the target of every link.
snapshot() {
	(
		cd "$1" &&
		find . -printf '%p %y %T@ %s %m\n' | LC_ALL=C sort &&
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum &&
		find . -type l -printf '%p -> %l\n' | LC_ALL=C sort
	) >"$2"
}

# A repository with something for every command: an org chart and rules
# in .git/antisilo (found through `git config antisilo.rules`), tracker
# files, a .mailmap, CODEOWNERS, findings, a dangling symbolic ref.
setup() {
	make_repo r &&
	mkdir -p r/.git/antisilo &&
	write_rules r/.git/antisilo/rules.ini "tracker_paths=TODO.md" &&
	git -C r config antisilo.rules antisilo/rules.ini &&
	printf "Bob Stone <bob@example.com> <bobby@old.example.com>\n" >r/.mailmap &&
	printf "/src/ @example/core\n" >r/CODEOWNERS &&
	git -C r add .mailmap CODEOWNERS &&
	commit_clean r "Start" &&
	commit_assigned r &&
	commit_private r &&
	printf -- "- [ ] Ship it Owner: Bob Stone\n" >r/TODO.md &&
	commit_as r "Alice Liddell <alice@example.com>" "Plan" TODO.md &&
	commit_as r "Bob Stone <bobby@old.example.com>" "Old address" src/a.c &&
	git -C r symbolic-ref refs/heads/dangling refs/heads/nowhere &&
	git -C r gc -q --auto &&
	printf "Issue key,Summary,Reporter,Assignee,Created\nAB-1,Fix it,alice,bob,2024-01-01 10:00\n" >jira.csv
}

test_expect_success 'audit in every format, owners, check-rules, rules: the repository is unchanged' '
	setup &&
	snapshot r before &&
	for f in text json jsonl sarif html; do
		(cd r && run_antisilo audit --format $f >"../out.$f") || [ $? = 1 ] || exit 1
		run_antisilo audit --repo r --format $f --output "report.$f" --tracker jira.csv --all ||
			[ $? = 1 ] || exit 1
	done &&
	run_antisilo audit --repo r --baseline report.json --format json >/dev/null &&
	run_antisilo audit --repo r --lines --jobs 1 HEAD~2..HEAD >/dev/null || [ $? = 1 ] &&
	run_antisilo audit --repo r --output r/../report2.txt >/dev/null || [ $? = 1 ] &&
	run_antisilo owners --repo r src/a.c TODO.md >owners.out &&
	(cd r && run_antisilo owners src/a.c && run_antisilo check-rules &&
	 run_antisilo rules && run_antisilo owners --rev HEAD~1 src/a.c) >more.out &&
	run_antisilo check-rules r/.git/antisilo/rules.ini >/dev/null &&
	printf "Fix it\n\nAssigned-by: Alice Liddell <alice@example.com>\n" >msg &&
	(cd r && expect_status 1 env GIT_AUTHOR_NAME="Bob Stone" GIT_AUTHOR_EMAIL=bob@example.com \
		"$ANTISILO" check-msg ../msg 2>/dev/null) &&
	(cd r && run_antisilo rules --export ../exported.ini) && test -s exported.ini &&
	snapshot r after &&
	diff -u before after &&
	grep -q "src/a.c	@example/core" owners.out
'

# The wrapper the server runs: a snapshot of the repository (quarantine
# included: git wrote it before the hook runs) before and after antisilo.
write_wrapper() {
	{ echo "#!/bin/bash"; declare -f snapshot; } >"$1" &&
	cat >>"$1" <<-EOF
	[ "\$1" = pre-receive ] || exec "$HOOK_BIN" "\$@"
	repo=\$(cd "\${GIT_DIR:-.}" && pwd)
	n=\$(ls "$PWD"/snap.*.before 2>/dev/null | wc -l)
	snapshot "\$repo" "$PWD/snap.\$n.before"
	"$HOOK_BIN" "\$@"
	st=\$?
	snapshot "\$repo" "$PWD/snap.\$n.after"
	exit \$st
	EOF
	chmod +x "$1"
}

test_expect_success 'the hook on real pushes (accepted, rejected, waived): the repository is unchanged' '
	write_wrapper wrapper &&
	HOOK_BIN=$PWD/wrapper make_server srv "tracker_paths=TODO.md" "allow_waiver=true" \
		"waiver_log=$PWD/waivers.jsonl" &&
	git -C srv.git config receive.advertisePushOptions true &&
	clone_server srv w && cd w &&
	commit_clean . && push_ok out origin main &&
	commit_private . && push_ok out origin main &&
	commit_assigned . && push_rejected out origin main &&
	push_ok out -o antisilo.waive="agreed with the team" origin main &&
	printf -- "- [ ] Ship it @bob\n" >TODO.md && commit_as . "Alice Liddell <alice@example.com>" "Plan" TODO.md &&
	git tag -a -m "release" v1 && push_ok out origin main v1 &&
	push_ok out origin :refs/tags/v1 &&
	cd .. &&
	ls snap.*.before | wc -l >runs && expect_eq "$(cat runs)" 6 &&
	for b in snap.*.before; do diff -u "$b" "${b%.before}.after" || exit 1; done &&
	test -s waivers.jsonl
'

test_expect_success 'the hook run by hand (no quarantine), even failing: the repository is unchanged' '
	make_server srv "deadline_ms=1" && clone_server srv w && commit_clean w &&
	git -C w push -q origin main 2>/dev/null && commit_assigned w &&
	git -C w push -q origin main:refs/heads/tmp 2>/dev/null &&
	git --git-dir=srv.git update-ref -d refs/heads/tmp &&
	echo "$(git -C w rev-parse HEAD~1) $(git -C w rev-parse HEAD) refs/heads/main" >in &&
	snapshot srv.git before &&
	run_in_repo srv.git in out "$ANTISILO" pre-receive || true &&
	write_rules srv.git/antisilo/rules.ini && snapshot srv.git before2 &&
	expect_status 1 run_in_repo srv.git in out "$ANTISILO" pre-receive &&
	snapshot srv.git after2 &&
	diff -u before2 after2 &&
	echo "garbage" >bad &&
	run_in_repo srv.git bad out "$ANTISILO" pre-receive &&
	snapshot srv.git after3 &&
	diff -u before2 after3
'

test_done
