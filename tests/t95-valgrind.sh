#!/usr/bin/env bash
# Memory checking with valgrind on the plain build: every command and
# format on a small real repository, no invalid access, no leak. (The ASan
# build is checked by `make sanitize`; valgrind cannot run it.) PCRE2's JIT
# code is invisible to valgrind, so it runs the PCRE2 interpreter here.
. "$(dirname "$0")/lib.sh"

vg() {
	ANTISILO_NO_JIT=1 valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$ANTISILO" "$@"
}
# vg_status EXPECTED CMD...: the command's status (99: valgrind found errors)
vg_status() {
	local want=$1 rc=0
	shift
	vg "$@" >out 2>err || rc=$?
	[ "$rc" = "$want" ] || { echo "status $rc, expected $want"; cat err; return 1; }
}

if ! command -v valgrind >/dev/null || ldd "$ANTISILO" | grep -q libasan; then
	echo "1..0 # SKIP valgrind missing, or a sanitizer build"
	exit 0
fi

setup_repo() {
	make_repo r &&
	cat >rules.ini <<-EOF &&
	[antisilo]
	include = default
	tracker_paths = TODO.md
	[people]
	alice = Alice Liddell <alice@example.com>, @alice
	bob = Bob Stone <bob@example.com>, @bob
	[managers]
	bob = alice
	[team.replay]
	lead = alice
	members = bob
	paths = src/
	EOF
	commit_as r "Bob Stone <bob@example.com>" "Add the buffer

Assigned-by: Alice Liddell <alice@example.com>" src/a.c &&
	printf -- "- [ ] Export @bob\n" >r/TODO.md && git -C r add TODO.md &&
	GIT_AUTHOR_NAME="Alice Liddell" GIT_AUTHOR_EMAIL=alice@example.com git -C r commit -q -m "Plan" &&
	commit_as r "Bob Stone <bob@example.com>" "Alice asked me to fix this, as discussed in DM" src/b.c
}

test_expect_success 'audit in every format, owners, rules, check-rules: valgrind-clean' '
	setup_repo &&
	for f in text json jsonl sarif html; do
		vg_status 1 audit --repo r --rules rules.ini --format $f || return 1
	done &&
	vg_status 0 owners --repo r --rules rules.ini src/a.c TODO.md &&
	vg_status 0 rules --rules rules.ini &&
	vg_status 0 check-rules rules.ini &&
	printf "[antisilo]\nmode = sideways\n" >bad.ini &&
	vg_status 2 check-rules bad.ini
'

test_expect_success 'the pre-receive hook judging a push: valgrind-clean' '
	setup_repo &&
	git init -q --bare srv.git &&
	git -C r push -q ../srv.git HEAD 2>/dev/null; git -C srv.git update-ref -d refs/heads/main &&
	echo "0000000000000000000000000000000000000000 $(git -C r rev-parse HEAD) refs/heads/main" >stdin &&
	(cd srv.git && export GIT_DIR=. && vg_status 1 pre-receive --rules ../rules.ini <../stdin) &&
	grep -x "antisilo: push rejected: 2 errors, 1 warning in 3 of 3 new commits (mode enforce, fail_on error; pusher not known)" srv.git/err
'

test_done
