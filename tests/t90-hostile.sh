#!/bin/bash
# t90-hostile.sh — the attack corpus of tests/hostile/ (its README.md lists
# every case): each input, through the commands it can reach (audit in
# text, JSON and HTML, the hook on a real push, check-rules, owners), with
# the exact outcome: exit status, message or finding, and the escaped
# output. The big inputs are made by tests/hostile/generate.
#
# Memory: the hook's peak RSS (GNU time's %M) for a 50 MB message and for
# a push of 100,000 tiny commits must stay under HOOK_RSS_MAX_KB. Under
# `make sanitize` (ANTISILO_SANITIZE=1, or an ASan binary) the RSS is only
# printed: ASan's shadow memory and quarantine are not the hook's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

HOSTILE=$TESTS_DIR/hostile
GEN=$HOSTILE/generate
RULES=$HOSTILE/rules.ini
ANTISILO=$HOOK_BIN
SANITIZED=${ANTISILO_SANITIZE:-}
ldd "$ANTISILO" 2>/dev/null | grep -q libasan && SANITIZED=1
# 150 MB: the hook holds one raw commit object at a time (a 50 MB message
# is a 50 MB object) and never parses an oversized message, so it peaks at
# about 60 MB for it, and at about 45 MB for a push of 100,000 commits
# (walk state, pack indexes). 150 MB leaves room for other libgit2 and
# zlib versions, and still fails the hook this bound replaced: parsing the
# 50 MB message whole took 165 MB, a message of 1,000,000 trailers 230 MB.
HOOK_RSS_MAX_KB=150000
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

# id12 DIR [REV]: the short id the reports print.
id12() { git -C "$1" rev-parse --short=12 "${2:-HEAD}"; }

# import DIR SOURCE: a fresh repository DIR holding the commits of a
# fast-import stream (a committed .fi file, or a case of generate), on main.
import() {
	git init -q "$1" &&
	case $2 in
	*.fi) git -C "$1" fast-import --quiet <"$HOSTILE/$2" ;;
	*) "$GEN" $2 | git -C "$1" fast-import --quiet ;;
	esac &&
	git -C "$1" symbolic-ref HEAD refs/heads/main
}

# The server every push goes to: the hostile rules, the hook run through a
# wrapper that records its peak RSS in $TEST_ROOT/rss.
cat >"$TEST_ROOT/rss-wrapper" <<EOF
#!/bin/sh
if [ -n "$TIME" ]; then
	exec $TIME -f %M -o "$TEST_ROOT/rss" "$HOOK_BIN" "\$@"
fi
exec "$HOOK_BIN" "\$@"
EOF
chmod +x "$TEST_ROOT/rss-wrapper"
SERVER=$TEST_ROOT/srv
(
	cd "$TEST_ROOT" &&
	HOOK_BIN=$TEST_ROOT/rss-wrapper make_server srv &&
	cp "$RULES" srv.git/antisilo/rules.ini &&
	clone_server srv base && cd base && commit_clean . &&
	git push -q origin main 2>/dev/null
) >"$TEST_ROOT/setup.log" 2>&1 || { cat "$TEST_ROOT/setup.log"; exit 1; }

# push_case DIR REF OUT: pushes DIR's main to a new branch REF of the
# server: git's output in OUT, the remote: lines in OUT.remote, the
# status in OUT.status.
push_case() {
	local out=$PWD/$3 st=0
	(cd "$1" && push "$out" "$SERVER.git" "main:refs/heads/$2") || st=$?
	echo $st >"$out.status"
}

# hook_rss: the peak RSS of the last hook run, in KB.
hook_rss() { tail -n 1 "$TEST_ROOT/rss"; }

# check_rss WHAT: the last hook run's peak RSS against the bound.
check_rss() {
	[ -n "$TIME" ] || { echo "no /usr/bin/time: RSS not measured"; return 0; }
	local kb; kb=$(hook_rss)
	echo "hook peak RSS for $1: $kb KB" | tee -a "$TEST_ROOT/rss.log"
	if [ -n "$SANITIZED" ]; then
		echo "(sanitizer build: not checked against $HOOK_RSS_MAX_KB KB)"
		return 0
	fi
	[ "$kb" -lt "$HOOK_RSS_MAX_KB" ] || { echo "over $HOOK_RSS_MAX_KB KB"; return 1; }
}

# ---- commit messages ---------------------------------------------------------

test_expect_success 'a 50 MB message: judged on its ends; a warning finding names the commit and what was not read' '
	import r big-message &&
	id=$(git -C r rev-parse HEAD) &&
	expect_status 1 run_antisilo audit --repo r --rules "$RULES" --format json --output out.json &&
	jq_eq out.json ".commits_scanned" 1 &&
	jq_eq out.json "[.findings[] | [.rule, .severity, .commit, .excerpt, .explain]]" \
		"[[\"antisilo:max-message-bytes\",\"warning\",\"$id\",\"message of 52428815 bytes is larger than max_message_bytes (1048576): judged on its first 524255 and last 524240 bytes and every trailer; the 51380320 bytes between were not checked\",\"Shorten the message (put logs and pastes in an issue and link it), or raise max_message_bytes in [antisilo] to check such messages whole.\"]]" &&
	expect_status 1 run_antisilo audit --repo r --rules "$RULES" >out.txt &&
	text_findings out.txt | head -n 4 >head.txt &&
	expect_file_eq head.txt "$(id12 r) A big message (Carol Reed <carol@example.com>)
  warning antisilo:max-message-bytes
          message of 52428815 bytes is larger than max_message_bytes (1048576): judged on its first 524255 and last 524240 bytes and every trailer; the 51380320 bytes between were not checked
          Shorten the message (put logs and pastes in an issue and link it), or raise max_message_bytes in [antisilo] to check such messages whole."
'

test_expect_success 'a 50 MB message pushed: said, on_incomplete rejects, the hook stays small' '
	import c big-message &&
	push_case c big out &&
	expect_eq "$(cat out.status)" 1 &&
	{
		echo "antisilo: $(id12 c) A big message"
		echo "antisilo:   author: Carol Reed <carol@example.com>"
		oversized_lines 52428815 524255 524240
		echo "antisilo: on_incomplete = reject: push rejected: part of it could not be"
		echo "antisilo: checked"
	} >expect &&
	expect_file_eq out.remote "$(cat expect)" &&
	check_rss "a 50 MB message"
'

test_expect_success '1,000,000 trailers: over max_message_bytes, every trailer still read: 64 findings and a warning' '
	import r trailers &&
	id=$(git -C r rev-parse HEAD) &&
	expect_status 1 run_antisilo audit --repo r --rules "$RULES" --format json --output out.json &&
	jq_eq out.json "[.findings[] | select(.rule == \"assigned-by\")] | length" 64 &&
	jq_eq out.json "[.findings[] | select(.rule != \"assigned-by\") | [.rule, .commit, .excerpt]]" \
		"[[\"antisilo:max-message-bytes\",\"$id\",\"message of 47000015 bytes is larger than max_message_bytes (1048576): judged on its first 524253 and last 524285 bytes and every trailer; the 45951477 bytes between were not checked\"]]" &&
	import c trailers &&
	push_case c trailers out &&
	expect_eq "$(cat out.status)" 1 &&
	tail -n 1 out.remote >tail &&
	expect_file_eq tail "antisilo: push rejected: 64 errors, 1 warning in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)" &&
	check_rss "1,000,000 trailers"
'

test_expect_success '1,000,000 trailers read in full: at most 64 findings of a rule per commit' '
	import r trailers &&
	sed "s/^deadline_ms = .*/max_message_bytes = 67108864/" "$RULES" >rules.ini &&
	expect_status 1 run_antisilo audit --repo r --rules rules.ini --format json --output out.json &&
	jq_eq out.json "[.findings | length, (map(.rule) | unique)]" "[64,[\"assigned-by\"]]" &&
	jq_eq out.json ".findings[0] | [.severity, .relation, .actor, .subject, .excerpt]" \
		"[\"error\",\"manager\",\"alice\",\"carol\",\"Assigned-by: Alice Liddell <alice@example.com>\"]"
'

test_expect_success 'a subject of 100,000 nested Revert "…": no finding, no crash' '
	import r revert &&
	expect_status 0 run_antisilo audit --repo r --rules "$RULES" --format json --output out.json &&
	jq_eq out.json "[.commits_scanned, (.findings | length)]" "[1,0]" &&
	import c revert &&
	push_case c revert out &&
	expect_eq "$(cat out.status)" 0 &&
	expect_file_eq out.remote "antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher not known)"
'

test_expect_success 'NUL bytes in a message: read as git reads it, up to the first NUL' '
	import r nul-in-message.fi &&
	git -C r log --format=%B >git-sees &&
	expect_file_eq git-sees "Fix the cache

Alice asked me to do it." &&
	expect_status 1 run_antisilo audit --repo r --rules "$RULES" >out.txt &&
	text_findings out.txt | head -n 4 >head.txt &&
	expect_file_eq head.txt "$(id12 r) Fix the cache (Carol Reed <carol@example.com>)
  error   asked-me (assignment manager: alice -> carol)
          Alice asked me to
          Managers set context, not tasks."
'

test_expect_success 'invalid UTF-8 and overlong forms: shown as U+FFFD, never passed through' '
	import r bad-utf8.fi &&
	expect_status 0 run_antisilo audit --repo r --rules "$RULES" >out.txt &&
	R=$(printf "\357\277\275") &&
	text_findings out.txt | head -n 3 >head.txt &&
	expect_file_eq head.txt "$(id12 r) Bad $R$R bytes, overlong $R$R and $R$R$R, surrogate $R$R$R, past U+10FFFF $R$R$R$R, cut $R$R as discussed in DM (Carol ${R}Reed$R$R <carol@example.com>)
  warning private-context
          as discussed in DM" &&
	run_antisilo audit --repo r --rules "$RULES" --format json >out.json &&
	jq_eq out.json ".findings[0].author" "Carol ${R}Reed$R$R <carol@example.com>" &&
	run_antisilo audit --repo r --rules "$RULES" --format html --output out.html &&
	! LC_ALL=C grep -q -P "[\x80-\xff]" out.html ||
	iconv -f UTF-8 -t UTF-8 out.html >/dev/null
'

# The escaped forms of escape-name.fi's subject and author, as every
# terminal-bound output shows them.
ESC_SUBJECT='Tune \x1b[1mthe\x1b[0m cache \x1b]8;;http://evil.example/\x07link\x1b]8;;\x07 \u202edesrever\u202c \u009b31m as discussed in DM\x0d\x1b[Kok'
ESC_AUTHOR='\x1b]0;pwned\x07\x1b[2J\x1b[31mMallory\x1b[0m\u202e <mallory@example.com>'

test_expect_success 'a name and a subject made of escape sequences: text report escapes them' '
	import r escape-name.fi &&
	expect_status 0 run_antisilo audit --repo r --rules "$RULES" >out.txt &&
	text_findings out.txt | head -n 4 >head.txt &&
	expect_file_eq head.txt "$(id12 r) $ESC_SUBJECT ($ESC_AUTHOR)
  warning private-context
          as discussed in DM
          Keep context public: link the discussion instead." &&
	! grep -q "$(printf "\033")" out.txt &&
	! grep -q "$(printf "\342\200\256")" out.txt
'

test_expect_success 'escape sequences: the HTML report shows them escaped, no raw control or bidi byte' '
	import r escape-name.fi &&
	run_antisilo audit --repo r --rules "$RULES" --format html --output out.html &&
	grep -F "by \x1b]0;pwned\x07\x1b[2J\x1b[31mMallory\x1b[0m\u202e &lt;mallory@example.com&gt;" out.html &&
	! grep -q "$(printf "\033")" out.html &&
	! grep -q "$(printf "\007")" out.html &&
	! grep -q "$(printf "\342\200\256")" out.html &&
	! grep -q "$(printf "\302\233")" out.html &&
	! grep -q "<mallory" out.html
'

test_expect_success 'escape sequences pushed: the remote: lines show them escaped' '
	import c escape-name.fi &&
	push_case c escapes out &&
	expect_eq "$(cat out.status)" 0 &&
	expect_file_eq out.remote "antisilo: $(id12 c) Tune \x1b[1mthe\x1b[0m cache \x1b]8;;http://ev...
antisilo:   author: \x1b]0;pwned\x07\x1b[2J\x1b[31mMallory\x1b[0m\u202e
antisilo:           <mall...
antisilo:   warning private-context
antisilo:     > as discussed in DM
antisilo:     Keep context public: link the discussion instead.
antisilo: push accepted: 1 warning in 1 of 1 new commit (mode enforce, fail_on error; pusher not known)" &&
	! grep -q "$(printf "\033")" out &&
	! grep -q "$(printf "\342\200\256")" out
'

# ---- a catastrophic pattern ------------------------------------------------------

test_expect_success '^(a+)+$ on "aaa…ab": a warning names the rule and the commit, no hang' '
	import r backtrack &&
	id=$(git -C r rev-parse HEAD) &&
	expect_status 1 timeout 120 "$ANTISILO" audit --repo r --rules "$HOSTILE/rules/backtrack.ini" \
		--format json --output out.json &&
	jq_eq out.json "[.findings[] | [.rule, .severity, .commit, .excerpt]]" \
		"[[\"backtrack\",\"warning\",\"$id\",\"pattern hit a PCRE2 bound (match_limit, depth_limit or heap_limit_kib): text not fully checked\"]]" &&
	jq_eq out.json ".findings[0].explain" \
		"antisilo stopped this pattern at a configured bound; simplify the rule'"'"'s pattern or raise the bound in [antisilo]."
'

test_expect_success '^(a+)+$ in the hook: on_incomplete judges the push, both ways' '
	import c backtrack &&
	sed "s/^\[antisilo\]\$/[antisilo]\non_incomplete = allow/" "$HOSTILE/rules/backtrack.ini" \
		>"$SERVER.git/antisilo/rules.ini" &&
	push_case c backtrack out &&
	cp "$RULES" "$SERVER.git/antisilo/rules.ini" &&
	expect_eq "$(cat out.status)" 0 &&
	tail -n 11 out.remote >tail &&
	expect_file_eq tail "antisilo:   warning backtrack
antisilo:     > pattern hit a PCRE2 bound (match_limit, depth_limit or
antisilo:       heap_limit_kib): text not fully checked
antisilo:     antisilo stopped this pattern at a configured bound;
antisilo:     simplify the rule'"'"'s pattern or raise the bound in
antisilo:     [antisilo].
antisilo: not fully checked: 1 warning above says where a bound stopped
antisilo: the check: shorten the message or split the commit (git commit
antisilo: --amend, git rebase -i), or ask the administrator to raise the
antisilo: bound it names
antisilo: on_incomplete = allow: push accepted without a complete check" ||
	{ cat out.remote; false; }
	cp "$HOSTILE/rules/backtrack.ini" "$SERVER.git/antisilo/rules.ini" &&
	import c2 "backtrack 99999" &&
	push_case c2 backtrack-reject out2 &&
	cp "$RULES" "$SERVER.git/antisilo/rules.ini" &&
	expect_eq "$(cat out2.status)" 1 &&
	grep -q "pre-receive hook declined" out2 &&
	tail -n 2 out2.remote >tail2 &&
	expect_file_eq tail2 "antisilo: on_incomplete = reject: push rejected: part of it could not be
antisilo: checked" &&
	expect_eq "$(server_ref "$SERVER" refs/heads/backtrack-reject)" ""
'

# ---- rules files ----------------------------------------------------------------

# check_rules FILE STATUS MESSAGE: check-rules on a file of tests/hostile/rules
# (from that directory, so that the message names it as rules/FILE).
check_rules() {
	local st=0
	(cd "$HOSTILE" && "$ANTISILO" check-rules "rules/$1") >out 2>err || st=$?
	expect_eq "$st" "$2" &&
	if [ "$2" = 0 ]; then expect_file_eq out "$3"; else expect_file_eq err "$3"; fi
}

test_expect_success 'rules.ini: a line of 1,022 bytes loads, 1,023 is an error naming the line' '
	check_rules line-1022.ini 0 "rules/line-1022.ini: ok (0 people, 0 teams, 1 rule)" &&
	check_rules line-1023.ini 2 "antisilo: rules/line-1023.ini:10: line is 1023 bytes long; iniparser reads at most 1022"
'

test_expect_success 'rules.ini: # and ; in an unquoted pattern are errors, quoted they are the pattern' '
	check_rules unquoted-hash.ini 2 "antisilo: rules/unquoted-hash.ini:7: pattern: quote the pattern with single quotes: iniparser cuts unquoted values at '"';'"' and '"'#'"'" &&
	check_rules unquoted-semicolon.ini 2 "antisilo: rules/unquoted-semicolon.ini:7: pattern: quote the pattern with single quotes: iniparser cuts unquoted values at '"';'"' and '"'#'"'" &&
	check_rules quoted-hash.ini 0 "rules/quoted-hash.ini: ok (0 people, 0 teams, 1 rule)" &&
	make_repo r && commit_as r "Carol Reed <carol@example.com>" "Tune it: fixes #12; see @bob" &&
	run_antisilo audit --repo r --rules "$HOSTILE/rules/quoted-hash.ini" --format json >out.json &&
	jq_eq out.json "[.findings[] | [.rule, .excerpt]]" "[[\"issue-ref\",\"fixes #12; see @bob\"]]"
'

test_expect_success 'rules.ini: a section name used as a key (CVE-2023-33461) is an error, no crash' '
	check_rules section-as-key.ini 2 "antisilo: rules/section-as-key.ini:4: unknown key '"'people'"' in [antisilo]" &&
	check_rules section-colon.ini 2 "antisilo: rules/section-colon.ini:5: section name '"'antisilo:mode'"' contains '"':'"' (iniparser joins section and key with '"':'"')"
'

test_expect_success 'rules.ini: a management cycle names the people and the line' '
	check_rules cycle.ini 2 "antisilo: rules/cycle.ini:10: [managers] management cycle: carol -> alice -> bob -> carol (each reports to the next)"
'

test_expect_success 'rules.ini: check-rules quotes a bad line with its escapes shown, not obeyed' '
	check_rules escapes.ini 2 "antisilo: rules/escapes.ini:3: mode: '"'"'\x1b[31mwarn\x1b[0m\u202e$(printf "\357\277\275")\x07'"'"' is not one of enforce, warn, off" &&
	check_rules escape-key.ini 2 "antisilo: rules/escape-key.ini:3: key '"'"'mo\x1b[2Jde'"'"': only letters, digits, '"'"'.'"'"', '"'"'_'"'"' and '"'"'-'"'"' are allowed" &&
	! grep -q "$(printf "\033")" err
'

test_expect_success 'rules: file names from include are shown escaped' '
	esc=$(printf "\033") &&
	printf "[antisilo]\ninclude = ev${esc}[2Jil.ini\n" >top.ini &&
	cp "$HOSTILE/rules/quoted-hash.ini" "ev${esc}[2Jil.ini" &&
	run_antisilo rules --rules top.ini >out &&
	! grep -q "$esc" out &&
	grep -Fx "# includes ev\\x1b[2Jil.ini" out &&
	grep -F "warning   any        ev\\x1b[2Jil.ini:5" out
'

# ---- tracker exports and CODEOWNERS ---------------------------------------------

test_expect_success 'a GitHub export nested 100,000 levels deep: exit 2, the record named' '
	make_repo r && commit_clean r &&
	"$GEN" nested-json >events.json &&
	expect_status 2 run_antisilo audit --repo r --rules "$RULES" --tracker events.json >out 2>err &&
	expect_file_eq err "antisilo: events.json: record 1 (byte 1): invalid JSON at byte 104: nested too deeply" &&
	expect_eq "$(cat out)" ""
'

test_expect_success 'a Jira CSV with an unterminated quote: exit 2, the line named' '
	make_repo r && commit_clean r &&
	cp "$HOSTILE/exports/unterminated-quote.csv" jira.csv &&
	expect_status 2 run_antisilo audit --repo r --rules "$RULES" --tracker jira.csv >out 2>err &&
	expect_file_eq err "antisilo: jira.csv: line 2: a quoted field starts here and is never closed" &&
	expect_eq "$(cat out)" ""
'

test_expect_success 'a CODEOWNERS of 1,000,000 lines (22 MB): ignored as GitHub does, and said' '
	make_repo r && "$GEN" codeowners >r/CODEOWNERS &&
	git -C r add CODEOWNERS && git -C r commit -q -m owners &&
	size=$(wc -c <r/CODEOWNERS) &&
	run_antisilo owners --repo r dir5/x >out 2>err &&
	expect_file_eq out "dir5/x	" &&
	expect_file_eq err "antisilo: warning: HEAD: CODEOWNERS is $size bytes: GitHub ignores a CODEOWNERS of 3145728 bytes or more"
'

test_expect_success 'a CODEOWNERS of 1,000,000 lines under 3 MB: read, the last match wins' '
	make_repo r &&
	{ awk "BEGIN { for (i = 0; i < 999999; i++) print \"*\" }" && echo "/dir5/ @org/five"; } >r/CODEOWNERS &&
	git -C r add CODEOWNERS && git -C r commit -q -m owners &&
	run_antisilo owners --repo r dir5/x dir6/y >out 2>err &&
	expect_file_eq out "dir5/x	@org/five
dir6/y	" &&
	expect_eq "$(cat err)" ""
'

# ---- a push of 100,000 commits ---------------------------------------------------

test_expect_success 'a push of 100,000 tiny commits: judged whole, in bounded memory' '
	import c commits &&
	push_case c many out &&
	expect_eq "$(cat out.status)" 0 &&
	expect_file_eq out.remote "antisilo: push accepted: no findings in 100000 new commits (mode enforce, fail_on error; pusher not known)" &&
	check_rss "100,000 commits"
'
# the measurements, as TAP comments (prove -v shows them)
[ -f "$TEST_ROOT/rss.log" ] && sed 's/^/# /' "$TEST_ROOT/rss.log"

test_done
