#!/bin/bash
# t26-terminal.sh — terminal conventions: colour on a terminal only,
# NO_COLOR (any non-empty value) turns it off, --color=auto|always|never on
# every command (the flag wins over NO_COLOR, as no-color.org asks), an
# unknown option or command is one line and "see --help", and audit -n N /
# --max-count N as git log has. Colour is tested on a real pseudo-terminal
# (tests/tool/pty-run.py).

. "$(dirname "$0")/lib.sh"

PTY="$TESTS_DIR/tool/pty-run.py"
ESC=$(printf '\033')
COMMANDS="audit pre-receive check-msg check-rules rules owners identities init"
R="$TEST_ROOT/r" RULES="$TEST_ROOT/rules.ini"

# sgr FILE: the number of colour (SGR) sequences, ESC [ ... m, in FILE.
sgr() { LC_ALL=C grep -o "$ESC\[[0-9;]*m" "$1" | wc -l; }

test_expect_success 'setup: a history with an error, a warning and an info finding' '
	make_repo "$R" &&
	{ printf "[antisilo]\ninclude = default\n" && alice_manages_bob; } >"$RULES" &&
	commit_as "$R" "Alice Liddell <alice@example.com>" "Start" &&
	commit_as "$R" "Bob Stone <bob@example.com>" "$(printf "Fix it\n\nAssigned-by: Alice Liddell <alice@example.com>")" &&
	commit_as "$R" "Bob Stone <bob@example.com>" "Tidy, as discussed in DM" &&
	commit_as "$R" "Bob Stone <bob@example.com>" "$(printf "Ship it\n\nApproved-by: Alice Liddell <alice@example.com>")"
'

test_expect_success 'audit on a terminal: severities in colour' '
	expect_status 1 env -u NO_COLOR "$PTY" "$ANTISILO" audit --repo "$R" --rules "$RULES" >out &&
	grep -q "${ESC}\[31merror" out &&
	grep -q "${ESC}\[36minfo" out &&
	test "$(sgr out)" -ge 6
'

test_expect_success 'audit on a terminal with NO_COLOR=1: no colour, the same text' '
	expect_status 1 env NO_COLOR=1 "$PTY" "$ANTISILO" audit --repo "$R" --rules "$RULES" >out &&
	expect_eq "$(sgr out)" 0 &&
	expect_status 1 env -u NO_COLOR "$PTY" "$ANTISILO" audit --repo "$R" --rules "$RULES" >coloured &&
	sed "s/$ESC\[[0-9;]*m//g" coloured | tr -d "\r" >plain.expected &&
	tr -d "\r" <out >plain &&
	diff -u plain.expected plain
'

test_expect_success 'NO_COLOR set but empty does not turn colour off (no-color.org)' '
	expect_status 1 env NO_COLOR= "$PTY" "$ANTISILO" audit --repo "$R" --rules "$RULES" >out &&
	test "$(sgr out)" -ge 6
'

test_expect_success '--color=never on a terminal: no colour; --color=always wins over NO_COLOR' '
	expect_status 1 env -u NO_COLOR "$PTY" "$ANTISILO" audit --color=never --repo "$R" --rules "$RULES" >out &&
	expect_eq "$(sgr out)" 0 &&
	expect_status 1 env NO_COLOR=1 "$PTY" "$ANTISILO" audit --color=always --repo "$R" --rules "$RULES" >out &&
	test "$(sgr out)" -ge 6 &&
	expect_status 1 env NO_COLOR=1 "$PTY" "$ANTISILO" audit --color --repo "$R" --rules "$RULES" >out &&
	test "$(sgr out)" -ge 6
'

test_expect_success 'not a terminal: no colour unless --color=always; --output never has colour' '
	expect_status 1 env -u NO_COLOR "$ANTISILO" audit --repo "$R" --rules "$RULES" >out &&
	expect_eq "$(sgr out)" 0 &&
	expect_status 1 env NO_COLOR=1 "$ANTISILO" audit --color=always --repo "$R" --rules "$RULES" >out &&
	test "$(sgr out)" -ge 6 &&
	expect_status 1 env -u NO_COLOR "$PTY" "$ANTISILO" audit --color=always --repo "$R" --rules "$RULES" --output file.txt &&
	expect_eq "$(sgr file.txt)" 0
'

test_expect_success 'the commands with no colour print none on a terminal either' '
	printf "Fix it\n\nAssigned-by: Alice Liddell <alice@example.com>\n" >msg &&
	(cd "$R" && expect_status 1 env -u NO_COLOR GIT_AUTHOR_NAME="Bob Stone" GIT_AUTHOR_EMAIL=bob@example.com \
		"$PTY" "$ANTISILO" check-msg --rules "$RULES" "$OLDPWD/msg" >"$OLDPWD/out") &&
	grep -q "commit refused" out && expect_eq "$(sgr out)" 0 &&
	env -u NO_COLOR "$PTY" "$ANTISILO" rules --rules "$RULES" >out && expect_eq "$(sgr out)" 0 &&
	env -u NO_COLOR "$PTY" "$ANTISILO" check-rules "$RULES" >out && expect_eq "$(sgr out)" 0
'

test_expect_success 'every command takes --color=auto|always|never and refuses anything else in one line' '
	for c in $COMMANDS; do
		for v in auto always never; do
			"$ANTISILO" $c --color=$v --help >help || { echo "$c --color=$v"; exit 1; }
			grep -q "^usage: antisilo $c" help || { echo "$c: no usage"; exit 1; }
		done &&
		expect_status 2 "$ANTISILO" $c --color=sometimes 2>err &&
		printf "%s\n" "antisilo: --color: expected auto, always or never, got '"'"'sometimes'"'"'" \
			"antisilo: see '"'"'antisilo $c --help'"'"'" >expected &&
		diff -u expected err || exit 1
	done
'

test_expect_success 'an unknown option or command: one line and where to read more, not the whole help' '
	for c in $COMMANDS; do
		expect_status 2 "$ANTISILO" $c --frobnicate 2>err &&
		printf "%s\n" "antisilo: unknown option '"'"'--frobnicate'"'"'" \
			"antisilo: see '"'"'antisilo $c --help'"'"'" >expected &&
		diff -u expected err || exit 1
	done &&
	expect_status 2 "$ANTISILO" frobnicate 2>err &&
	expect_file_eq err "antisilo: '"'"'frobnicate'"'"' is not a command; see '"'"'antisilo --help'"'"'"
'

test_expect_success 'audit -n N / --max-count N: the first N commits of the range, as git log -n' '
	for spec in "-n 2" "-n2" "--max-count 3" "--max-count=1" "-n 0" "-n 99"; do
		# shellcheck disable=SC2086
		run_antisilo audit --repo "$R" --rules "$RULES" --format json $spec >out.json || test $? = 1 &&
		# shellcheck disable=SC2086
		expect_eq "$(jq .commits_scanned out.json)" "$(git -C "$R" rev-list --count $spec HEAD)" || exit 1
	done &&
	run_antisilo audit --repo "$R" --rules "$RULES" --format json -n 1 HEAD~1 >out.json || test $? = 1 &&
	jq_eq out.json "[.findings[].rule]" "[\"private-context\"]" &&
	expect_status 2 "$ANTISILO" audit --repo "$R" -n -1 2>err &&
	grep -q "^antisilo: --max-count: expected a number of commits from 0 to 2147483647, got '"'"'-1'"'"'$" err
'

test_done
