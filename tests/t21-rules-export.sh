#!/bin/bash
# t21-rules-export.sh — `antisilo rules --export FILE`: the effective rules
# (includes resolved, org chart included) as one rules.ini that loads as it
# is and judges exactly as the original: what a team commits or downloads
# to see what the server enforces.

. "$(dirname "$0")/lib.sh"

SITE="$TEST_ROOT/site"

test_expect_success 'setup: a site file over the shipped default, with an org chart, overrides and hard values' '
	mkdir -p "$SITE/logs" &&
	cat >"$SITE/org.ini" <<-\EOF &&
	[people]
	alice = Alice Liddell <alice@example.com>, @alice
	bob   = Bob Stone <bob@example.com>, bob@old.example.com, @bobs
	carol = Carol Ng <carol@example.com>

	[managers]
	bob   = alice
	carol = alice

	[team.replay]
	lead       = alice
	members    = bob, carol
	paths      = packages/rrweb/, src/replay/
	codeowners = @example/team-replay
	EOF
	cat >"$SITE/rules.ini" <<-EOF &&
	[antisilo]
	include = org.ini
	mode = warn
	allow_waiver = true
	waiver_log = logs/waivers.jsonl
	tracker_paths = TODO.md, "docs/sprints/**/*.md"

	[rule.asked-to-prose]
	severity = info

	[rule.ticket-hash]
	source   = subject
	pattern  = '"'"'(?i)task #(?<actor>\w+); assigned'"'"'
	event    = assignment
	severity = warning
	explain  = "Use C# or whatever; it'"'"'s a #hash and a ; semicolon"

	[rule.leading-space]
	source   = body
	pattern  = '"'"'  two leading spaces'"'"'
	event    = context
	severity = info
	explain  = '"'"'He said "no" to that; really.'"'"'
	EOF
	printf "[antisilo]\ninclude = default\n" >"$SITE/base.ini" &&
	sed -i "1i [antisilo]\ninclude = base.ini\n" "$SITE/org.ini" &&
	"$ANTISILO" check-rules "$SITE/rules.ini"
'

test_expect_success 'the export loads, stands alone and lists the same rules as the original' '
	run_antisilo rules --rules "$SITE/rules.ini" --export out.ini &&
	! grep -q "^include" out.ini &&
	"$ANTISILO" check-rules out.ini >check &&
	expect_file_eq check "out.ini: ok (3 people, 1 team, $((SHIPPED_RULES + 2)) rules)" &&
	run_antisilo rules --rules "$SITE/rules.ini" | grep -v "^#" | sed "s/ [^ ]*:[0-9]*$//" >orig &&
	run_antisilo rules --rules out.ini | grep -v "^#" | sed "s/ [^ ]*:[0-9]*$//" >back &&
	diff -u orig back &&
	mkdir elsewhere && cp out.ini elsewhere/ && "$ANTISILO" check-rules elsewhere/out.ini
'

test_expect_success 'the export says where it comes from; values keep their bytes in the quoting iniparser reads back' '
	run_antisilo rules --rules "$SITE/rules.ini" --export out.ini &&
	sed -n 1,5p out.ini >head &&
	expect_file_eq head "; The rules antisilo enforces, exported by \`antisilo rules --export\`:
; from $SITE/rules.ini
; including $SITE/org.ini
; including $SITE/base.ini
; including $SRC_DIR/rules.ini" &&
	grep -qxF "pattern = '"'"'(?i)task #(?<actor>\\w+); assigned'"'"'" out.ini &&
	grep -qxF "explain = \"Use C# or whatever; it'"'"'s a #hash and a ; semicolon\"" out.ini &&
	grep -qxF "pattern = '"'"'  two leading spaces'"'"'" out.ini &&
	grep -qxF "explain = '"'"'He said \"no\" to that; really.'"'"'" out.ini &&
	grep -qxF "tracker_paths = TODO.md, \"docs/sprints/**/*.md\"" out.ini &&
	grep -qxF "mode = warn" out.ini &&
	grep -qxF "bob = Bob Stone <bob@example.com>, bob@old.example.com, @bobs" out.ini &&
	grep -qxF "severity = info" out.ini
'

test_expect_success 'paths relative to their file are made absolute (the export lands elsewhere)' '
	run_antisilo rules --rules "$SITE/rules.ini" --export out.ini &&
	grep -qxF "waiver_log = $SITE/logs/waivers.jsonl" out.ini &&
	(cd "$SITE" && "$ANTISILO" rules --rules rules.ini --export "$OLDPWD/rel.ini") &&
	grep -qxF "waiver_log = $SITE/logs/waivers.jsonl" rel.ini
'

test_expect_success 'the export judges exactly as the original: same findings, same fingerprints' '
	make_repo r &&
	commit_as r "Bob Stone <bob@example.com>" "$(printf "Fix the recorder\n\nAssigned-by: Alice Liddell <alice@example.com>")" &&
	commit_as r "Carol Ng <carol@example.com>" "Task #alice; assigned today" &&
	commit_as r "Bob Stone <bob@example.com>" "$(printf "Tidy\n\nAlice asked me to tidy up.\n")" &&
	run_antisilo rules --rules "$SITE/rules.ini" --export out.ini &&
	run_antisilo audit --repo r --rules "$SITE/rules.ini" --format json --output a.json || test $? = 1 &&
	run_antisilo audit --repo r --rules out.ini --format json --output b.json || test $? = 1 &&
	jq_eq a.json "[.findings[].rule]" "[\"asked-to-prose\",\"ticket-hash\",\"assigned-by-trailer\"]" &&
	expect_eq "$(jq -c "[.findings[] | [.rule, .severity, .fingerprint]]" b.json)" \
		  "$(jq -c "[.findings[] | [.rule, .severity, .fingerprint]]" a.json)"
'

test_expect_success '--export - writes to standard output; the file is replaced whole or not at all' '
	run_antisilo rules --rules "$SITE/rules.ini" --export - >stdout.ini &&
	run_antisilo rules --rules "$SITE/rules.ini" --export file.ini &&
	cmp stdout.ini file.ini &&
	echo "old contents" >keep.ini &&
	expect_status 2 "$ANTISILO" rules --rules /nonexistent.ini --export keep.ini 2>err &&
	expect_file_eq keep.ini "old contents" &&
	expect_status 3 "$ANTISILO" rules --rules "$SITE/rules.ini" --export nodir/x.ini 2>err &&
	grep -q "nodir/x.ini" err && test ! -e nodir
'

test_expect_success 'the shipped default exports to itself, rule for rule' '
	run_antisilo rules --rules "$SRC_DIR/rules.ini" --export d.ini &&
	run_antisilo rules --rules "$SRC_DIR/rules.ini" | sed 1d | sed "s/ [^ ]*:[0-9]*$//" >orig &&
	run_antisilo rules --rules d.ini | sed 1d | sed "s/ [^ ]*:[0-9]*$//" >back &&
	diff -u orig back &&
	run_antisilo rules --rules d.ini --export d2.ini &&
	sed 1,5d d.ini >body1 && sed 1,5d d2.ini >body2 && diff -u body1 body2
'

test_done
