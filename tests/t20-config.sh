#!/bin/bash
# t20-config.sh — rules.ini: loading, every kind of error with its FILE:LINE,
# iniparser's traps, includes, the lookup order of SPEC §4, the org chart.

. "$(dirname "$0")/lib.sh"

# A small, valid org chart and one rule; tests append to it or edit it.
#   alice manages bob and carol; dave manages alice; erin is in another team.
write_base() {
	cat >"${1:-rules.ini}" <<'EOF'
[antisilo]
mode = enforce

[people]
alice = Alice Liddell <alice@example.com>, @alice
bob   = Bob Stone <bob@example.com>, bob@old.example.com, @bobs
carol = Carol Danvers <carol@example.com>
dave  = Dave Boss <dave@example.com>
erin  = Erin Other <erin@example.com>, Erin O.

[managers]
bob   = alice
carol = alice
alice = dave

[team.replay]
lead    = alice
members = bob, carol
paths   = packages/rrweb/

[team.infra]
lead    = erin

[rule.assigned-by-trailer]
source   = trailer
key      = '^(Assigned|Requested)-by$'
pattern  = '^(?<actor>.+)$'
event    = assignment
relation = manager, skip-level
severity = error
explain  = Managers set context, not tasks.
EOF
}

# expect_rules_error FILE 'EXPECTED MESSAGE': check-rules exits 2, prints
# exactly "antisilo: EXPECTED MESSAGE" on stderr and nothing on stdout.
expect_rules_error() {
	local rc=0
	run_antisilo check-rules "$1" >out 2>err || rc=$?
	expect_eq "$rc" 2 && expect_file_eq err "antisilo: $2" && test ! -s out
}

# The files that must not load: each row is a description, an edit of the
# base file (a shell command) and the message check-rules must print for
# it (exit 2, nothing on stdout). Rows with the same description are one
# test.
bad_file_cases() {
	cat <<'EOF'
unknown section	printf "\n[peoples]\nx = y\n" >>rules.ini	rules.ini:33: unknown section [peoples] (expected [antisilo], [score], [people], [managers], [team.NAME] or [rule.ID])
unknown key in [antisilo]	sed -i "2a fail_onn = error" rules.ini	rules.ini:3: unknown key 'fail_onn' in [antisilo]
unknown key in a rule	echo "severity_level = error" >>rules.ini	rules.ini:32: unknown key 'severity_level' in [rule.assigned-by-trailer]
unknown key in a team	sed -i "s/^paths   = packages/path = packages/" rules.ini	rules.ini:19: unknown key 'path' in [team.replay]
bad value in [antisilo]: mode, fail_on, numbers, booleans	sed -i "s/^mode = enforce/mode = strict/" rules.ini	rules.ini:2: mode: 'strict' is not one of enforce, warn, off
bad value in [antisilo]: mode, fail_on, numbers, booleans	sed -i "2a fail_on = fatal" rules.ini	rules.ini:3: fail_on: 'fatal' is not one of info, warning, error, never
bad value in [antisilo]: mode, fail_on, numbers, booleans	sed -i "2a deadline_ms = 4s" rules.ini	rules.ini:3: deadline_ms: '4s' is not a whole number from 1 to 86400000
bad value in [antisilo]: mode, fail_on, numbers, booleans	sed -i "2a match_limit = -1" rules.ini	rules.ini:3: match_limit: '-1' is not a whole number from 1 to 4294967295
bad value in [antisilo]: mode, fail_on, numbers, booleans	sed -i "2a allow_waiver = yes" rules.ini	rules.ini:3: allow_waiver: 'yes' is not true or false
bad value in [antisilo]: mode, fail_on, numbers, booleans	sed -i "2a allow_waiver = true" rules.ini	rules.ini:3: allow_waiver = true needs waiver_log (where waivers are recorded)
bad severity	sed -i "s/^severity = error/severity = fatal/" rules.ini	rules.ini:30: rule 'assigned-by-trailer': severity 'fatal' is not one of info, warning, error
bad relation	sed -i "s/^relation = manager, skip-level/relation = manager, boss/" rules.ini	rules.ini:29: rule 'assigned-by-trailer': relation 'boss' is not one of self, peer, manager, skip-level, report, cross-team, unknown
bad source and bad event	sed -i "s/^source   = trailer/source = commit/" rules.ini	rules.ini:25: rule 'assigned-by-trailer': source 'commit' is not one of subject, body, message, trailer, tracker, path, codeowners
bad source and bad event	sed -i "s/^event    = assignment/event = order/" rules.ini	rules.ini:28: rule 'assigned-by-trailer': event 'order' is not one of assignment, approval, review, coauthor, change, context, review-request, gate
missing required keys; key only with source = trailer	sed -i "/^explain/d" rules.ini	rules.ini:24: rule 'assigned-by-trailer': missing key 'explain'
missing required keys; key only with source = trailer	sed -i "/^key /d" rules.ini	rules.ini:24: rule 'assigned-by-trailer': missing key 'key' (the trailer key pattern; required with source = trailer)
missing required keys; key only with source = trailer	sed -i "s/^source   = trailer/source = body/" rules.ini	rules.ini:26: rule 'assigned-by-trailer': 'key' is only for source = trailer
unknown person in [managers], either side	sed -i "s/^carol = alice/carol = zed/" rules.ini	rules.ini:13: [managers] unknown person 'zed' (not in [people])
unknown person in [managers], either side	sed -i "s/^carol = alice/zed = alice/" rules.ini	rules.ini:13: [managers] unknown person 'zed' (not in [people])
unknown person in a team	sed -i "s/^members = bob, carol/members = bob, zed/" rules.ini	rules.ini:18: team 'replay': unknown person 'zed' in members
unknown person in a team	sed -i "s/^lead    = erin/lead = zed/" rules.ini	rules.ini:22: team 'infra': unknown person 'zed' in lead
management cycle names the people and the line	sed -i "s/^alice = dave/alice = bob/" rules.ini	rules.ini:14: [managers] management cycle: alice -> bob -> alice (each reports to the next)
management cycle names the people and the line	sed -i "/^alice = dave/a dave = carol" rules.ini	rules.ini:15: [managers] management cycle: dave -> carol -> alice -> dave (each reports to the next)
management cycle names the people and the line	sed -i "/^alice = dave/a dave = dave" rules.ini	rules.ini:15: [managers] management cycle: dave -> dave (each reports to the next)
bad PCRE2 pattern: rule, line, offset and message	sed -i "s/^pattern  = .*/pattern = '^(?<actor>.+\$'/" rules.ini	rules.ini:27: rule 'assigned-by-trailer': pattern does not compile at offset 13: missing closing parenthesis
bad PCRE2 pattern: rule, line, offset and message	sed -i "s/^key      = .*/key = '^(Assigned|Requested-by\$'/" rules.ini	rules.ini:26: rule 'assigned-by-trailer': key does not compile at offset 24: missing closing parenthesis
bad PCRE2 pattern: rule, line, offset and message	echo "exclude = 'a{2,1}'" >>rules.ini	rules.ini:32: rule 'assigned-by-trailer': exclude does not compile at offset 5: numbers out of order in {} quantifier
subject naming a group the pattern lacks	echo "subject = assignee" >>rules.ini	rules.ini:32: rule 'assigned-by-trailer': subject 'assignee' is neither 'author' nor a named group (?<assignee>...) of the pattern
an identity claimed by two people names both	sed -i "s/^carol = .*/carol = Carol Danvers <carol@example.com>, BOB@old.example.com/" rules.ini	rules.ini:7: [people] identity 'BOB@old.example.com' is claimed by both 'bob' and 'carol'
an identity claimed by two people names both	sed -i "s/^carol = .*/carol = Carol Danvers <carol@example.com>, @Alice/" rules.ini	rules.ini:7: [people] identity '@Alice' is claimed by both 'alice' and 'carol'
an identity claimed by two people names both	sed -i "s/^carol = .*/carol = Alice Liddell <carol@example.com>/" rules.ini	rules.ini:7: [people] identity 'Alice Liddell' is claimed by both 'alice' and 'carol'
bad identities in [people]	sed -i "s/^carol = .*/carol = Carol <carol-at-example.com>/" rules.ini	rules.ini:7: [people] carol: 'carol-at-example.com' is not an e-mail address
bad identities in [people]	sed -i "s/^carol = .*/carol = Carol <carol@example.com/" rules.ini	rules.ini:7: [people] carol: 'Carol <carol@example.com' is not 'Name <e-mail>'
duplicate key in a section	sed -i "s/^severity = error/severity = error\nseverity = info/" rules.ini	rules.ini:31: key 'severity' repeated in [rule.assigned-by-trailer] (first at line 30); iniparser would keep only the last
repeated section (case-insensitive)	printf "\n[People]\nzed = Zed <zed@example.com>\n" >>rules.ini	rules.ini:33: section [people] repeated (first at line 4); iniparser would merge them silently
a section name with a colon is an error	printf "\n[rule:x]\nsource = body\n" >>rules.ini	rules.ini:33: section name 'rule:x' contains ':' (iniparser joins section and key with ':')
a section name with a colon is an error	echo "a:b = c" >>rules.ini	rules.ini:32: key 'a:b': only letters, digits, '.', '_' and '-' are allowed
EOF
}

# bad_file_test DESCRIPTION: every row of bad_file_cases with it.
bad_file_test() {
	test_expect_success "$1" '
		bad_file_cases | awk -F "\t" -v want="$1" "\$1 == want" >rows &&
		test -s rows &&
		while IFS="	" read -r name edit msg; do
			write_base && eval "$edit" &&
			expect_rules_error rules.ini "$msg" || exit 1
		done <rows
	'
}

# --- a valid file ------------------------------------------------------

test_expect_success 'check-rules: a valid file is ok, exit 0' '
	write_base &&
	run_antisilo check-rules rules.ini >out 2>err &&
	expect_file_eq out "rules.ini: ok (5 people, 2 teams, 1 rule)" &&
	test ! -s err
'

test_expect_success 'check-rules: a missing file is exit 2 naming it' '
	expect_rules_error nope.ini "nope.ini: cannot read: No such file or directory" &&
	mkdir dir.ini &&
	expect_rules_error dir.ini "dir.ini: cannot read: Is a directory"
'

test_expect_success 'check-rules: --help is exit 0, a bad option exit 2' '
	run_antisilo check-rules --help >out &&
	grep -q "usage: antisilo check-rules" out &&
	rc=0 && run_antisilo check-rules --bogus 2>err || rc=$? &&
	expect_eq "$rc" 2 &&
	rc=0 && run_antisilo check-rules a.ini b.ini 2>err || rc=$? &&
	expect_eq "$rc" 2
'

test_expect_success 'the shipped rules.ini is valid' '
	run_antisilo check-rules "$SRC_DIR/rules.ini" >out &&
	grep -q ": ok (" out
'

# --- one test per error --------------------------------------------------

bad_file_test 'unknown section'

bad_file_test 'unknown key in [antisilo]'

test_expect_success '[score]: weights and targets are read; a bad one names its line' '
	write_base && printf "\n[score]\ntop_down = 0.5\nfeedback_target = 0.3\n" >>rules.ini &&
	run_antisilo check-rules rules.ini >out &&
	printf "autonomy = lots\n" >>rules.ini &&
	n=$(wc -l <rules.ini) &&
	expect_rules_error rules.ini "rules.ini:$n: autonomy: '\''lots'\'' is not a weight (a number from 0 to 1000)"
'

test_expect_success '[score]: an unknown key is an error' '
	write_base && printf "\n[score]\ntop_dwn = 1\n" >>rules.ini &&
	n=$(wc -l <rules.ini) &&
	expect_rules_error rules.ini "rules.ini:$n: unknown key '\''top_dwn'\'' in [score] (expected top_down, cross_team_feedback, inbound_contribution, autonomy, silos, feedback_target or inbound_target)"
'

bad_file_test 'unknown key in a rule'

bad_file_test 'unknown key in a team'

bad_file_test 'bad value in [antisilo]: mode, fail_on, numbers, booleans'

bad_file_test 'bad severity'

bad_file_test 'bad relation'

bad_file_test 'bad source and bad event'

bad_file_test 'missing required keys; key only with source = trailer'

bad_file_test 'unknown person in [managers], either side'

bad_file_test 'unknown person in a team'

bad_file_test 'management cycle names the people and the line'

bad_file_test 'bad PCRE2 pattern: rule, line, offset and message'

bad_file_test 'subject naming a group the pattern lacks'

bad_file_test 'an identity claimed by two people names both'

bad_file_test 'bad identities in [people]'

bad_file_test 'duplicate key in a section'

bad_file_test 'repeated section (case-insensitive)'

# explain = 'xxx…' padded to exactly N bytes
long_line() {
	local n=$1 pad
	pad=$(head -c $((n - 12)) /dev/zero | tr "\0" x)
	printf "explain = '%s'\n" "$pad"
}

test_expect_success 'a line of 1,022 bytes is fine, 1,023 is an error naming the line' '
	write_base && sed -i "/^explain/d" rules.ini && long_line 1022 >>rules.ini &&
	expect_eq "$(tail -n 1 rules.ini | wc -c)" 1023 &&
	run_antisilo check-rules rules.ini >out &&
	write_base && sed -i "/^explain/d" rules.ini && long_line 1023 >>rules.ini &&
	echo "[rule.after]" >>rules.ini &&
	expect_rules_error rules.ini "rules.ini:31: line is 1023 bytes long; iniparser reads at most 1022"
'

test_expect_success 'unquoted # or ; in a pattern is an error; quoted is fine' '
	write_base && sed -i "s/^pattern  = .*/pattern = ^(?<actor>[^#]+)\$/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:27: pattern: quote the pattern with single quotes: iniparser cuts unquoted values at '\'';'\'' and '\''#'\''" &&
	write_base && sed -i "s/^pattern  = .*/pattern = ^(?<actor>.+)\$   ; a comment/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:27: pattern: quote the pattern with single quotes: iniparser cuts unquoted values at '\'';'\'' and '\''#'\''" &&
	write_base && sed -i "s/^key      = .*/key = Assigned-by#x/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:26: key: quote the pattern with single quotes: iniparser cuts unquoted values at '\'';'\'' and '\''#'\''" &&
	write_base && sed -i "s/^pattern  = .*/pattern = '\''^(?<actor>[^#;]+)\$'\''   ; comment/" rules.ini &&
	run_antisilo check-rules rules.ini &&
	write_base && sed -i "s/^pattern  = .*/pattern = ^(?<actor>.+)\$/" rules.ini &&
	run_antisilo check-rules rules.ini
'

test_expect_success 'quoting: double quotes, text after a quote, missing quote, ; in prose' '
	write_base && sed -i "s/^explain .*/explain = \"Managers set context; not tasks #1\"/" rules.ini &&
	run_antisilo check-rules rules.ini &&
	write_base && sed -i "s/^explain .*/explain = '\''Set context'\'' not tasks/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:31: explain: text after the closing quote (iniparser would drop it); put it inside the quotes or start a comment with '\'';'\''" &&
	write_base && sed -i "s/^explain .*/explain = '\''Set context/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:31: explain: missing closing single quote" &&
	write_base && sed -i "s/^explain .*/explain = Set context; not tasks/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:31: explain: '\'';'\'' inside an unquoted value: iniparser cuts unquoted values at '\'';'\'' and '\''#'\''; quote the value with single quotes (or put white space before a comment)"
'

test_expect_success 'iniparser traps: continuation, comment after a section, key before a section, BOM' '
	write_base && sed -i "s/^explain .*/explain = Managers set context \\\\/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:31: line ends with '\''\\'\'': iniparser would join the next line to it; continuation lines are not supported" &&
	write_base && sed -i "s/^\[people\]/[people]  ; who is who/" rules.ini &&
	expect_rules_error rules.ini "rules.ini:4: text after '\'']'\'' (iniparser rejects a comment on a section line; put it on its own line)" &&
	{ echo "mode = warn"; cat rules.ini; } >r2.ini &&
	expect_rules_error r2.ini "r2.ini:1: key '\''mode'\'' before any [section]" &&
	printf "\357\273\277" >r3.ini && cat rules.ini >>r3.ini &&
	expect_rules_error r3.ini "r3.ini:1: starts with a UTF-8 byte order mark, which iniparser cannot read; save the file without it" &&
	write_base && echo "what is this" >>rules.ini &&
	expect_rules_error rules.ini "rules.ini:32: syntax error: expected '\''[section]'\'', '\''key = value'\'' or a comment"
'

bad_file_test 'a section name with a colon is an error'

test_expect_success 'a section name looked up as a key does not crash (CVE-2023-33461)' '
	write_base && printf "\n[rule.x]\n" >>rules.ini &&
	expect_rules_error rules.ini "rules.ini:33: rule '\''x'\'': missing key '\''source'\''" &&
	printf "[antisilo]\n[rule.x]\n[people]\n" >empty.ini &&
	expect_rules_error empty.ini "empty.ini:2: rule '\''x'\'': missing key '\''source'\''" &&
	printf "[antisilo]\n[people]\n[managers]\n" >ok.ini &&
	run_antisilo check-rules ok.ini >out &&
	expect_file_eq out "ok.ini: ok (0 people, 0 teams, 0 rules)"
'

# --- includes ------------------------------------------------------------

test_expect_success 'include = default reads the installed default first' '
	write_base default.ini &&
	export ANTISILO_DEFAULT_RULES="$PWD/default.ini" &&
	cat >site.ini <<-\EOF &&
	[antisilo]
	include = default

	[rule.assigned-by-trailer]
	severity = warning
	EOF
	run_antisilo check-rules site.ini >out &&
	expect_file_eq out "site.ini: ok (5 people, 2 teams, 1 rule)" &&
	run_antisilo rules --rules site.ini >out &&
	grep "^assigned-by-trailer  *trailer  *assignment  *warning  *manager,skip-level  *site.ini:4\$" out &&
	grep "^# includes $PWD/default.ini\$" out
'

test_expect_success 'include of a relative path: keys override one by one, rules shows the overriding file' '
	mkdir -p etc/base &&
	write_base etc/base/org.ini &&
	cat >>etc/base/org.ini <<-\EOF &&

	[rule.private-context]
	source   = message
	pattern  = '\''as discussed in (?:DM|private)'\''
	event    = context
	severity = info
	explain  = Put the context where the team can read it.
	EOF
	cat >etc/site.ini <<-\EOF &&
	[antisilo]
	include = base/org.ini
	mode = warn

	[people]
	zoe = Zoe New <zoe@example.com>

	[rule.assigned-by-trailer]
	severity = warning
	relation = manager

	[rule.site-only]
	source  = subject
	pattern = '\''^WIP'\''
	event   = context
	explain = Finish it first.
	EOF
	run_antisilo check-rules etc/site.ini >out &&
	expect_file_eq out "etc/site.ini: ok (6 people, 2 teams, 3 rules)" &&
	run_antisilo rules --rules etc/site.ini >out &&
	cat out &&
	grep "^assigned-by-trailer  *trailer  *assignment  *warning  *manager  *etc/site.ini:8\$" out &&
	grep "^private-context  *message  *context  *info  *any  *etc/base/org.ini:33\$" out &&
	grep "^site-only  *subject  *context  *warning  *any  *etc/site.ini:12\$" out &&
	grep "^# includes etc/base/org.ini\$" out &&
	"$TEST_TOOL" relation etc/site.ini alice bob >rel &&
	expect_file_eq rel "manager"
'

test_expect_success 'errors in an included file name that file and line' '
	write_base base.ini && sed -i "s/^severity = error/severity = loud/" base.ini &&
	printf "[antisilo]\ninclude = base.ini\n" >site.ini &&
	expect_rules_error site.ini "base.ini:30: rule '\''assigned-by-trailer'\'': severity '\''loud'\'' is not one of info, warning, error" &&
	printf "[antisilo]\ninclude = missing.ini\n" >site.ini &&
	expect_rules_error site.ini "site.ini:2: include '\''missing.ini'\'': cannot read missing.ini: No such file or directory"
'

test_expect_success 'include cycle is an error naming the chain' '
	printf "[antisilo]\ninclude = b.ini\n" >a.ini &&
	printf "[antisilo]\n\ninclude = a.ini\n" >b.ini &&
	expect_rules_error a.ini "b.ini:3: include cycle: a.ini -> b.ini -> a.ini" &&
	printf "[antisilo]\ninclude = self.ini\n" >self.ini &&
	expect_rules_error self.ini "self.ini:2: include cycle: self.ini -> self.ini"
'

# --- where the rules come from (SPEC §4) -----------------------------------

# first_line: the "# FILE (from WHERE): N rules" header of `antisilo rules`
rules_header() { run_antisilo rules "$@" | head -n 1; }

test_expect_success 'lookup: --rules, $ANTISILO_RULES, git config, $GIT_DIR/antisilo/rules.ini, default' '
	make_repo repo &&
	for f in cli env cfg gitdir default; do write_base $f.ini; done &&
	mkdir repo/.git/antisilo && cp gitdir.ini repo/.git/antisilo/rules.ini &&
	git -C repo config antisilo.rules "$PWD/cfg.ini" &&
	export ANTISILO_DEFAULT_RULES="$PWD/default.ini" ANTISILO_RULES="$PWD/env.ini" &&
	top=$PWD && cd repo &&
	expect_eq "$(rules_header --rules ../cli.ini)" "# ../cli.ini (from --rules): 1 rule" &&
	expect_eq "$(rules_header)" "# $top/env.ini (from \$ANTISILO_RULES): 1 rule" &&
	unset ANTISILO_RULES &&
	expect_eq "$(rules_header)" "# $top/cfg.ini (from git config antisilo.rules): 1 rule" &&
	git config --unset antisilo.rules &&
	expect_eq "$(rules_header)" "# $top/repo/.git/antisilo/rules.ini (from \$GIT_DIR/antisilo/rules.ini): 1 rule" &&
	rm -r .git/antisilo &&
	expect_eq "$(rules_header)" "# $top/default.ini (from the installed default): 1 rule" &&
	cd .. &&
	expect_eq "$(rules_header)" "# $top/default.ini (from the installed default): 1 rule"
'

test_expect_success 'lookup: check-rules without FILE uses it; relative git config is relative to GIT_DIR' '
	make_repo repo && write_base repo/.git/mine.ini &&
	git -C repo config antisilo.rules mine.ini &&
	mkdir repo/sub && cd repo/sub &&
	run_antisilo check-rules >out &&
	expect_file_eq out "$(cd ../.git && pwd)/mine.ini: ok (5 people, 2 teams, 1 rule)"
'

test_expect_success 'lookup: a named file that does not exist is an error, not a fall-through' '
	write_base default.ini && export ANTISILO_DEFAULT_RULES="$PWD/default.ini" &&
	rc=0 && ANTISILO_RULES=$PWD/none.ini run_antisilo rules >out 2>err || rc=$? &&
	expect_eq "$rc" 2 &&
	expect_file_eq err "antisilo: $PWD/none.ini: cannot read: No such file or directory"
'

# --- the org chart ---------------------------------------------------------

test_expect_success 'resolve: e-mails, logins, ids, names, first names, wrapping' '
	write_base &&
	"$TEST_TOOL" resolve rules.ini \
		"Alice Liddell <alice@example.com>" "<BOB@OLD.example.com>" \
		"bob@example.com" "@bobs" "@Alice" "carol" "CAROL DANVERS" \
		"  \"Carol   Danvers\",  " "Bob" "Erin O." "erin o" \
		"Someone Else <bob@example.com>" "Alice Liddell <alice@laptop.local>" \
		"Liddell <nobody@example.com>" "@bob" "nobody@example.com" "Zed" "" \
		"(@alice)" "dave." >out &&
	expect_file_eq out "alice
bob
bob
bob
alice
carol
carol
carol
bob
erin
erin
bob
alice
-
-
-
-
-
alice
dave"
'

test_expect_success 'resolve: first names only alone, and only when unique' '
	cat >people.ini <<-\EOF &&
	[people]
	aliddell = Alice Liddell <al@example.com>
	aboss    = Alice Boss <ab@example.com>
	bstone   = Bob Stone <bs@example.com>
	EOF
	"$TEST_TOOL" resolve people.ini Alice "Alice Boss" Bob "bob." \
		"Bob <unknown@example.com>" "Bob Stone <unknown@example.com>" >out &&
	expect_file_eq out "-
aboss
bstone
bstone
-
bstone"
'

test_expect_success 'relation: self, manager, skip-level, report, peer, cross-team, unknown' '
	write_base &&
	for pair in "alice alice" "alice bob" "dave bob" "bob alice" "bob dave" \
		    "bob carol" "erin bob" "zed bob" "bob zed" "@alice bob@example.com"; do
		"$TEST_TOOL" relation rules.ini ${pair% *} ${pair#* } || exit 1
	done >out &&
	expect_file_eq out "self
manager
skip-level
report
report
peer
cross-team
unknown
unknown
manager"
'

test_expect_success 'relation: several teams; a manager in the same team is still manager' '
	write_base &&
	cat >>rules.ini <<-\EOF &&

	[team.guild]
	members = carol, erin
	EOF
	"$TEST_TOOL" relation rules.ini erin carol >out &&
	"$TEST_TOOL" relation rules.ini carol erin >>out &&
	"$TEST_TOOL" relation rules.ini erin bob >>out &&
	expect_file_eq out "peer
peer
cross-team"
'

test_done
