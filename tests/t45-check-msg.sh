#!/bin/bash
# t45-check-msg.sh — feedback before the push: `antisilo check-msg MSGFILE`
# with git's commit-msg hook contract (the message cleaned up as git will
# store it, the author git will record, exit 1 refuses the commit),
# hooks/commit-msg in real `git commit`s, and the pre-commit framework
# (Debian's pre-commit) installing the hook from a clone of this repository.

. "$(dirname "$0")/lib.sh"

RULES="$TEST_ROOT/rules.ini"
ALICE_ID="Alice Liddell <alice@example.com>"
HOOK="$SRC_DIR/hooks/commit-msg"

{ printf "[antisilo]\ninclude = default\n" && alice_manages_bob; } >"$RULES"

# as_bob COMMAND...: COMMAND with Bob as the author git would record.
as_bob() { GIT_AUTHOR_NAME="Bob Stone" GIT_AUTHOR_EMAIL=bob@example.com "$@"; }

# The lines for Bob's message assigned by his manager.
refused_lines() {
	cat <<-EOF
	antisilo: ${1:-Fix the recorder}
	antisilo:   author: Bob Stone <bob@example.com>
	antisilo:   error assigned-by-trailer (assignment, manager:
	antisilo:   alice -> bob)
	antisilo:     > Assigned-by: Alice Liddell <alice@example.com>
	antisilo:     Your manager assigned you this task. Managers set context,
	antisilo:     not tasks: bring the need to your team's planning, let the
	antisilo:     team decide who picks it up, and credit where the idea
	antisilo:     came from with Suggested-by: instead.
	antisilo: to fix: your message is kept; edit it and commit again:
	antisilo:   git commit -e -F ${2:-msg}
	antisilo:   (with --amend if you were amending)
	antisilo: commit refused: 1 error (mode enforce, fail_on error)
	EOF
}

test_expect_success 'a manager'"'"'s Assigned-by: refused (exit 1) with the hook'"'"'s explanation; the file is not touched' '
	git init -q r && cd r &&
	printf "Fix the recorder\n\nAssigned-by: %s\n" "$ALICE_ID" >msg && cp msg msg.before &&
	expect_status 1 as_bob "$ANTISILO" check-msg --rules "$RULES" msg 2>err &&
	refused_lines >expected && diff -u expected err &&
	cmp msg msg.before &&
	test -z "$(git status --porcelain --untracked-files=no)" && ! git rev-parse -q --verify HEAD
'

test_expect_success 'a clean message, a peer'"'"'s request, one'"'"'s own Assigned-by: accepted, silently' '
	printf "Fix the recorder\n\nSuggested-by: %s\n" "$ALICE_ID" >clean &&
	as_bob "$ANTISILO" check-msg --rules "$RULES" clean 2>err && test ! -s err &&
	printf "Fix it\n\nAssigned-by: %s\n" "$ALICE_ID" >own &&
	GIT_AUTHOR_NAME="Alice Liddell" GIT_AUTHOR_EMAIL=alice@example.com \
		"$ANTISILO" check-msg --rules "$RULES" own 2>err && test ! -s err &&
	: >empty && as_bob "$ANTISILO" check-msg --rules "$RULES" empty 2>err && test ! -s err
'

test_expect_success 'the message as git stores it: comment lines and the scissors part are not judged' '
	git init -q r && cd r &&
	printf "Tidy up\n\n# Alice assigned me this ticket.\n# Please enter the commit message.\n" >comments &&
	as_bob "$ANTISILO" check-msg --rules "$RULES" comments 2>err && test ! -s err &&
	printf "Tidy up\n\n# ------------------------ >8 ------------------------\nAlice assigned me this ticket.\n" >scissors &&
	as_bob "$ANTISILO" check-msg --rules "$RULES" scissors 2>err && test ! -s err &&
	grep -v ">8" scissors >no-scissors &&
	expect_status 1 as_bob "$ANTISILO" check-msg --rules "$RULES" no-scissors 2>err &&
	grep -q "error assigned-me-prose" err
'

test_expect_success 'core.commentChar and commit.cleanup are git'"'"'s: other comment lines, whitespace, verbatim' '
	git init -q r && cd r &&
	printf "Tidy up\n\n; Alice assigned me this ticket.\n" >semi &&
	expect_status 1 as_bob "$ANTISILO" check-msg --rules "$RULES" semi 2>/dev/null &&
	git config core.commentChar ";" &&
	as_bob "$ANTISILO" check-msg --rules "$RULES" semi 2>err && test ! -s err &&
	git config --unset core.commentChar &&
	printf "Tidy up\n\n# Alice assigned me this ticket.\n" >hash &&
	as_bob "$ANTISILO" check-msg --rules "$RULES" hash 2>err && test ! -s err &&
	git config commit.cleanup whitespace &&
	expect_status 1 as_bob "$ANTISILO" check-msg --rules "$RULES" hash 2>err &&
	grep -q "error assigned-me-prose" err &&
	git config commit.cleanup sometimes &&
	expect_status 2 as_bob "$ANTISILO" check-msg --rules "$RULES" hash 2>err &&
	grep -q "commit.cleanup: .sometimes. is not a mode git knows" err
'

test_expect_success 'comment lines kept after the trailer block are read as the body is' '
	git init -q r && cd r &&
	git config commit.cleanup whitespace &&
	printf "Tidy up\n\nSigned-off-by: Bob Stone <bob@example.com>\n\n# Alice assigned me this ticket.\n" >after &&
	expect_status 1 as_bob "$ANTISILO" check-msg --rules "$RULES" after 2>err &&
	grep -q "error assigned-me-prose" err &&
	git config --unset commit.cleanup &&
	as_bob "$ANTISILO" check-msg --rules "$RULES" after 2>err && test ! -s err
'

test_expect_success 'the author is the one git records (git var GIT_AUTHOR_IDENT), mapped by the .mailmap' '
	git init -q r && cd r &&
	printf "Fix the recorder\n\nAssigned-by: %s\n" "$ALICE_ID" >msg &&
	git config user.name "Alice Liddell" && git config user.email alice@example.com &&
	"$ANTISILO" check-msg --rules "$RULES" msg 2>err && test ! -s err &&
	git config user.name "B. Stone" && git config user.email bob@old.example.com &&
	"$ANTISILO" check-msg --rules "$RULES" msg 2>err && test ! -s err &&
	echo "Bob Stone <bob@example.com> <bob@old.example.com>" >.mailmap &&
	expect_status 1 "$ANTISILO" check-msg --rules "$RULES" msg 2>err &&
	refused_lines >expected && diff -u expected err
'

test_expect_success 'without an identity git would not commit either: an error, exit 2' '
	mkdir nohome && printf "Fix\n" >msg &&
	expect_status 2 env HOME="$PWD/nohome" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_COUNT=1 \
		GIT_CONFIG_KEY_0=user.useConfigOnly GIT_CONFIG_VALUE_0=true \
		EMAIL= GIT_AUTHOR_NAME= GIT_AUTHOR_EMAIL= "$ANTISILO" check-msg --rules "$RULES" msg 2>err &&
	grep -q "^antisilo: git var GIT_AUTHOR_IDENT failed: git does not know who the author is" err
'

test_expect_success 'mode warn accepts and says what enforce would do; mode off says nothing' '
	printf "Fix the recorder\n\nAssigned-by: %s\n" "$ALICE_ID" >msg &&
	printf "[antisilo]\ninclude = %s\nmode = warn\n" "$RULES" >warn.ini &&
	as_bob "$ANTISILO" check-msg --rules warn.ini msg 2>err &&
	expect_eq "$(tail -n 2 err)" "antisilo: commit accepted: 1 error (mode warn, fail_on error)
antisilo: mode warn: in enforce mode this commit would be refused" &&
	printf "[antisilo]\ninclude = %s\nmode = off\n" "$RULES" >off.ini &&
	as_bob "$ANTISILO" check-msg --rules off.ini msg 2>err && test ! -s err
'

test_expect_success 'warnings below fail_on are shown and accepted; a logged waiver is mentioned where it exists' '
	printf "Fix the recorder\n\nAlice asked me to fix the recorder.\n" >asked &&
	as_bob "$ANTISILO" check-msg --rules "$RULES" asked 2>err &&
	grep -q "^antisilo:   warning asked-to-prose" err &&
	expect_eq "$(tail -n 1 err)" "antisilo: commit accepted: 1 warning (mode enforce, fail_on error)" &&
	printf "[antisilo]\ninclude = %s\nallow_waiver = true\nwaiver_log = w.jsonl\n" "$RULES" >waive.ini &&
	printf "Fix the recorder\n\nAssigned-by: %s\n" "$ALICE_ID" >msg &&
	expect_status 1 as_bob "$ANTISILO" check-msg --rules waive.ini msg 2>err &&
	expect_eq "$(tail -n 2 err)" "antisilo: a server with these rules also takes a logged waiver:
antisilo:   git push -o antisilo.waive=\"reason\""
'

test_expect_success 'rules by the usual lookup: $GIT_DIR/antisilo/rules.ini, the site file, the default' '
	git init -q r && cd r &&
	printf "Fix the recorder\n\nAssigned-by: %s\n" "$ALICE_ID" >msg &&
	as_bob "$ANTISILO" check-msg msg 2>err && test ! -s err &&
	expect_status 1 env ANTISILO_SITE_RULES="$RULES" GIT_AUTHOR_NAME="Bob Stone" \
		GIT_AUTHOR_EMAIL=bob@example.com "$ANTISILO" check-msg msg 2>/dev/null &&
	mkdir -p .git/antisilo && cp "$RULES" .git/antisilo/rules.ini &&
	expect_status 1 as_bob "$ANTISILO" check-msg msg 2>/dev/null &&
	expect_status 2 env ANTISILO_RULES=/nonexistent.ini "$ANTISILO" check-msg msg 2>err &&
	grep -q "/nonexistent.ini" err
'

test_expect_success 'hostile messages: escapes and bidi controls shown escaped, no crash on bad bytes' '
	printf "Fix \033]0;pwned\007 \342\200\256evil \377\376\n\nAssigned-by: %s\n" "$ALICE_ID" >msg &&
	expect_status 1 as_bob "$ANTISILO" check-msg --rules "$RULES" msg 2>err &&
	! LC_ALL=C grep -q "$(printf "\033")" err &&
	grep -qF "antisilo: Fix \\x1b]0;pwned\\x07 \\u202eevil" err &&
	head -c 300000000 /dev/zero >huge &&
	expect_status 2 as_bob "$ANTISILO" check-msg --rules "$RULES" huge 2>err &&
	grep -q "huge: larger than 256 MiB: not a commit message" err &&
	expect_status 2 "$ANTISILO" check-msg --rules "$RULES" 2>err &&
	grep -q "expected one MSGFILE" err &&
	expect_status 2 "$ANTISILO" check-msg --rules "$RULES" /nonexistent 2>err &&
	expect_file_eq err "antisilo: /nonexistent: cannot read: No such file or directory"
'

# The hook in a repository: real `git commit`s run it.
install_commit_hook() {
	git init -q "$1" &&
	git -C "$1" config user.name "Alice Liddell" && git -C "$1" config user.email alice@example.com &&
	git -C "$1" config antisilo.rules "$RULES" &&
	cp "$HOOK" "$1/.git/hooks/commit-msg"
}

test_expect_success 'hooks/commit-msg: git commit --author Bob is refused, the message kept, nothing committed' '
	install_commit_hook r && echo a >r/a && git -C r add a &&
	(cd r && expect_status 1 env ANTISILO="$ANTISILO" git commit -q --author="Bob Stone <bob@example.com>" \
		-m "Fix the recorder" -m "Assigned-by: $ALICE_ID" 2>../err) &&
	refused_lines "Fix the recorder" .git/COMMIT_EDITMSG >expected && diff -u expected err &&
	! git -C r rev-parse -q --verify HEAD &&
	grep -q "^Assigned-by: $ALICE_ID$" r/.git/COMMIT_EDITMSG
'

test_expect_success 'hooks/commit-msg: the advice works: edit the kept message, commit again' '
	install_commit_hook r && echo a >r/a && git -C r add a &&
	(cd r && ! ANTISILO="$ANTISILO" git commit -q --author="Bob Stone <bob@example.com>" \
		-m "Fix the recorder" -m "Assigned-by: $ALICE_ID" 2>/dev/null) &&
	(cd r && ANTISILO="$ANTISILO" GIT_EDITOR="sed -i s/^Assigned-by:/Suggested-by:/" \
		git commit -q --author="Bob Stone <bob@example.com>" -e -F .git/COMMIT_EDITMSG 2>../err) &&
	test ! -s err &&
	expect_eq "$(git -C r log -1 --format=%an:%B)" "Bob Stone:Fix the recorder

Suggested-by: $ALICE_ID" &&
	(cd r && expect_status 1 env ANTISILO="$ANTISILO" git commit -q --amend -m "Fix the recorder" -m "Assigned-by: $ALICE_ID" 2>../err) &&
	grep -q "^antisilo: commit refused" err
'

test_expect_success 'hooks/commit-msg: antisilo missing or failing lets the commit through, saying so' '
	install_commit_hook r && echo a >r/a && git -C r add a &&
	(cd r && env ANTISILO= PATH=/usr/bin:/bin git commit -q -m "First" 2>../err) &&
	expect_file_eq err "antisilo: not installed: the message was not checked" &&
	git -C r config antisilo.rules /nonexistent.ini && echo b >r/b && git -C r add b &&
	(cd r && ANTISILO="$ANTISILO" git commit -q -m "Second" 2>../err) &&
	grep -q "^antisilo: check-msg failed (exit status 2): the message was not checked$" err &&
	expect_eq "$(git -C r rev-list --count HEAD)" 2
'

# pre-commit clones the hook repository by path: a clone of this one, with
# the working tree's .pre-commit-hooks.yaml committed on top (so the file
# under test is the one tried, committed or not).
hook_repo() {
	if git -C "$SRC_DIR" rev-parse -q --verify HEAD >/dev/null 2>&1; then
		git clone -q "$SRC_DIR" "$1"
	else
		git init -q "$1"
	fi &&
	cp "$SRC_DIR/.pre-commit-hooks.yaml" "$1/" &&
	git -C "$1" add .pre-commit-hooks.yaml &&
	{ git -C "$1" diff --cached --quiet || git -C "$1" commit -q -m "The hooks under test"; } &&
	git -C "$1" rev-parse HEAD
}

if ! command -v pre-commit >/dev/null 2>&1; then
	echo "ok $((test_count += 1)) - pre-commit: installs the hook from a clone and refuses a manager's Assigned-by # SKIP pre-commit is not installed"
else
	test_expect_success 'pre-commit: installs the hook from a clone of this repository and refuses a manager'"'"'s Assigned-by' '
		rev=$(hook_repo "$PWD/antisilo-clone") &&
		git init -q r && cd r &&
		git config user.name "Bob Stone" && git config user.email bob@example.com &&
		git config antisilo.rules "$RULES" &&
		cat >.pre-commit-config.yaml <<-EOF &&
		default_install_hook_types: [commit-msg]
		repos:
		  - repo: $TEST_ROOT/t$test_count/antisilo-clone
		    rev: $rev
		    hooks:
		      - id: antisilo
		EOF
		git add .pre-commit-config.yaml &&
		export PRE_COMMIT_HOME="$TEST_ROOT/pre-commit-cache" PATH="$(dirname "$ANTISILO"):$PATH" &&
		pre-commit install >install.out 2>&1 &&
		grep -q "pre-commit installed at .git/hooks/commit-msg" install.out &&
		expect_status 1 git commit -q -m "Fix the recorder" -m "Assigned-by: $ALICE_ID" >out 2>&1 &&
		grep -q "^antisilo (managers set context, not tasks)\.*Failed" out &&
		grep -q "^- exit code: 1" out &&
		grep -q "^antisilo:   error assigned-by-trailer (assignment, manager:" out &&
		grep -q "^antisilo: commit refused: 1 error (mode enforce, fail_on error)" out &&
		! git rev-parse -q --verify HEAD &&
		git commit -q -m "Fix the recorder" -m "Suggested-by: $ALICE_ID" >out 2>&1 &&
		grep -q "^antisilo (managers set context, not tasks)\.*Passed" out &&
		expect_eq "$(git rev-list --count HEAD)" 1
	'
fi

test_done
