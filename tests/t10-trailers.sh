#!/bin/bash
# t10-trailers.sh — commit parsing as git log shows it: trailers exactly as
# %(trailers:only,unfold) prints them, subjects as %s, authors as %aN <%aE>.
# Most tests compare `test-tool log` with git log byte for byte on real
# repositories full of awkward messages; a few pin the exact expected text,
# so that a test fails even if git and we were wrong the same way.

. "$(dirname "$0")/lib.sh"

LOG_FORMAT='%H%n%aN <%aE>%n%s%n%(trailers:only,unfold)%x00'

# check_log REPO [REV...]: test-tool log prints exactly what git log prints.
check_log() {
	local repo=$1
	shift
	[ $# -gt 0 ] || set -- HEAD
	git -C "$repo" log --use-mailmap --format="$LOG_FORMAT" "$@" >git.out || return 1
	"$TEST_TOOL" log "$repo" "$@" >tool.out || return 1
	if ! cmp git.out tool.out; then
		diff -u <(tr '\0' '@' <git.out) <(tr '\0' '@' <tool.out) | head -60
		return 1
	fi
	test -s git.out
}

# add_msg REPO: a commit on HEAD whose message is stdin, byte for byte
# (commit-tree keeps the message as it is; git commit would clean it up).
add_msg() {
	local repo=$1 tree parent c
	tree=$(git -C "$repo" mktree </dev/null) || return 1
	parent=$(git -C "$repo" rev-parse -q --verify HEAD) || parent=
	c=$(git -C "$repo" commit-tree "$tree" ${parent:+-p "$parent"} -F -) || return 1
	git -C "$repo" update-ref HEAD "$c"
}

# add_raw REPO: a commit object made of "tree", "parent" (HEAD) and stdin,
# written as it is (hash-object --literally: odd headers, NUL bytes).
add_raw() {
	local repo=$1 tree parent c
	tree=$(git -C "$repo" mktree </dev/null) || return 1
	parent=$(git -C "$repo" rev-parse -q --verify HEAD) || parent=
	{
		printf 'tree %s\n' "$tree"
		[ -z "$parent" ] || printf 'parent %s\n' "$parent"
		cat
	} >raw.obj || return 1
	c=$(git -C "$repo" hash-object -t commit -w --literally --stdin <raw.obj) || return 1
	git -C "$repo" update-ref HEAD "$c"
}

ID='author A U Thor <author@example.com> 1700000000 +0000
committer C O Mitter <committer@example.com> 1700000000 +0000'

# trailers_of MESSAGE-FILE: the trailers git log prints for that message.
git_trailers_of() {
	rm -rf one && git init -q one && add_msg one <"$1" &&
	git -C one log -1 --format='%(trailers:only,unfold)'
}

# The corpus: one commit per awkward message.
write_corpus() {
	local r=$1
	printf 'Title\n\nBody text.\n\nSigned-off-by: A U Thor <a@example.com>\nReviewed-by: R <r@example.com>\n' | add_msg $r
	printf 'Folded\n\nKey: first\n  second\n\tthird\nOther: x\n' | add_msg $r
	printf 'Folded with blank continuation\n\nKey: a\n \n\t\n b\n' | add_msg $r
	printf 'Cherry\n\nBody.\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\nSigned-off-by: A <a@x>\n' | add_msg $r
	printf 'Cherry alone\n\n(cherry picked from commit 0123456789abcdef)\n' | add_msg $r
	printf '25%% yes\n\nline one\nline two\nline three\nSigned-off-by: A <a@x>\n' | add_msg $r
	printf '25%% no\n\nline one\nline two\nline three\nline four\nSigned-off-by: A <a@x>\n' | add_msg $r
	printf 'mixed, no git prefix\n\nKey: v\nsome prose\n' | add_msg $r
	printf 'dash\n\nbody\n---\nKey: v\n' | add_msg $r
	printf 'dash paragraph\n\nbody\n--- \n\nKey: v\n' | add_msg $r
	printf 'dash patch\n\nbody\n\nKey: v\n---\n file | 1 +\n' | add_msg $r
	printf 'comments\n\nKey: v\n# a comment\n#\n' | add_msg $r
	printf 'comment inside\n\nKey: v\n# c\nKey2: w\n' | add_msg $r
	printf 'scissors\n\nKey: v\n# ------------------------ >8 ------------------------\nOther: x\n' | add_msg $r
	printf '# ------------------------ >8 ------------------------\nKey: v\n' | add_msg $r
	printf 'Just a title\n' | add_msg $r
	printf 'Just a title, no newline' | add_msg $r
	printf 'Signed-off-by: Only <o@x>\n' | add_msg $r
	printf 'Key: v\n\nKey2: w\n' | add_msg $r
	printf 'Signed-off-by: In Title <t@x>\nmore title\n\nbody\n' | add_msg $r
	printf 'trailing ws\n\nKey:    v   \t\nEmpty:\nSpaces:   \n' | add_msg $r
	printf 'CRLF\r\n\r\nKey: v\r\nCont: a\r\n  b\r\n' | add_msg $r
	printf '\n\n  \n\t\nStarts with blank lines\n\nKey: v\n' | add_msg $r
	printf 'spaced keys\n\nKey  : v\nTab\t: w\nTwo words: no\n' | add_msg $r
	printf 'spaced keys 2\n\nKey  : v\nTab\t: w\n' | add_msg $r
	printf 'conflicts\n\nKey: v\n\nConflicts:\n\tfile.c\n\tdir/other.c\n' | add_msg $r
	printf 'conflicts trailer\n\nKey: v\nConflicts:\n\tfile.c\n' | add_msg $r
	printf 'non-ascii key\n\nK\303\251y: v\nKey: w\n' | add_msg $r
	printf 'indent first\n\n  indented\nKey: v\n' | add_msg $r
	printf 'ws line after\n\nKey: v\n   \n' | add_msg $r
	printf 'ws lines after\n\nKey: v\n\n  \n\n' | add_msg $r
	printf 'bug hash\n\nBug #42\nKey: v\n' | add_msg $r
	printf 'colon first\n\n:v\nKey: v\n' | add_msg $r
	printf 'colon in value\n\nLink: https://example.com/a:b\nFixes: 1234 ("a: b")\n' | add_msg $r
	printf 'dash keys\n\n-: v\n-key: w\nk-: x\n' | add_msg $r
	printf 'many paragraphs\n\nKey: early\n\nprose\n\nLate: yes\n' | add_msg $r
	printf 'multi\nline\nsubject   \n\nKey: v\n' | add_msg $r
	printf 'subject\t \n  second line  \n\nbody\n' | add_msg $r
	printf '\n\n' | add_msg $r
	printf '' | add_msg $r
	printf 'Title\n\nSigned-off-by: A\n  folded sob\n(cherry picked from commit abc)\n' | add_msg $r
	printf 'Title\n\n  continuation only\n\tand more\n' | add_msg $r
	printf 'Title\n\nKey: v\n\n\n\n' | add_msg $r
	printf 'Title\n\nKey: v\n#comment\n\n#x\n' | add_msg $r
	printf 'Title\n\nprose\nSigned-off-by: A\n  cont\n  cont\n  cont\n  cont\n' | add_msg $r
	printf 'Title\n\nprose\nprose\n  cont\nSigned-off-by: A\n' | add_msg $r
	printf 'Title\n\nKey:value-no-space\nKey :x\n' | add_msg $r
	printf 'Title\n\nKey: a \n  b\n' | add_msg $r
	printf 'Title\n\nSigned-off-by:\nSigned-off-by:  \n' | add_msg $r
	printf 'Title\n\nsigned-off-by: lower <l@x>\nprose\nprose\nprose\n' | add_msg $r
	printf 'Title\n\nCo-authored-by: C <c@x>\nCo-authored-by: D <d@x>\n' | add_msg $r
	printf 'Title\n\nKey: v\n# ------------------------ >8 ------------------------\n' | add_msg $r
	printf 'Title\n\nKey: v\n# ------------------------ >8 ------------------------ \nLater: x\n' | add_msg $r
	printf 'tip\n' | add_msg $r
}

test_expect_success 'trailers of awkward messages match git log byte for byte' '
	git init -q r &&
	write_corpus r &&
	test "$(git -C r rev-list --count HEAD)" -gt 50 &&
	check_log r
'

test_expect_success 'libgit2 revwalk gives the same bytes (parsing alone)' '
	git init -q r &&
	write_corpus r &&
	git -C r log --use-mailmap --format="$LOG_FORMAT" >git.out &&
	"$TEST_TOOL" log --revwalk r HEAD >tool.out &&
	cmp git.out tool.out
'

test_expect_success 'folded trailers are unfolded (space and tab)' '
	printf "Folded\n\nKey: first\n  second\n\tthird\nOther: x\n" >msg &&
	"$TEST_TOOL" trailers msg >out &&
	expect_file_eq out "Key: first second third
Other: x" &&
	git_trailers_of msg >git-out && printf "Key: first second third\nOther: x\n\n" >expect &&
	cmp expect git-out
'

test_expect_success 'keys and values are trimmed, the separator is ": "' '
	printf "T\n\nKey  : v  \nTab\t:\tw\nEmpty:\n" >msg &&
	"$TEST_TOOL" trailers msg >out &&
	printf "Key: v\nTab: w\nEmpty: \n" >expect &&
	cmp expect out
'

test_expect_success 'the 25 percent rule: a Signed-off-by carries 3 prose lines, not 4' '
	printf "T\n\nline one\nline two\nline three\nSigned-off-by: A <a@x>\n" >yes &&
	printf "T\n\nline one\nline two\nline three\nline four\nSigned-off-by: A <a@x>\n" >no &&
	"$TEST_TOOL" trailers yes >out-yes &&
	"$TEST_TOOL" trailers no >out-no &&
	expect_file_eq out-yes "Signed-off-by: A <a@x>" &&
	test ! -s out-no
'

test_expect_success 'a paragraph with prose and no git-generated line has no trailers' '
	printf "T\n\nKey: v\nsome prose\n" >msg &&
	"$TEST_TOOL" trailers msg >out &&
	test ! -s out
'

test_expect_success 'a --- line does not end the message (no divider for %(trailers))' '
	printf "T\n\nbody\n--- \n\nKey: v\n" >msg &&
	"$TEST_TOOL" trailers msg >out &&
	expect_file_eq out "Key: v"
'

test_expect_success 'comment lines after the trailers and the scissors line are ignored' '
	printf "T\n\nKey: v\n# a comment\n#\n" >c &&
	printf "T\n\nKey: v\n# ------------------------ >8 ------------------------\nOther: x\n" >s &&
	"$TEST_TOOL" trailers c >out-c &&
	"$TEST_TOOL" trailers s >out-s &&
	expect_file_eq out-c "Key: v" &&
	expect_file_eq out-s "Key: v"
'

test_expect_success 'the title paragraph is never trailers' '
	printf "Signed-off-by: Only <o@x>\n" >a &&
	printf "Key: v\nKey2: w\n" >b &&
	"$TEST_TOOL" trailers a >out-a &&
	"$TEST_TOOL" trailers b >out-b &&
	test ! -s out-a &&
	test ! -s out-b
'

test_expect_success 'leading blank lines are skipped before the title' '
	printf "\n\n  \nTitle\n\nKey: v\n" >msg &&
	"$TEST_TOOL" trailers msg >out &&
	expect_file_eq out "Key: v"
'

test_expect_success 'CRLF: carriage returns are trimmed at the ends of values' '
	printf "T\r\n\r\nKey: v\r\n" >msg &&
	"$TEST_TOOL" trailers msg >out &&
	expect_file_eq out "Key: v"
'

test_expect_success 'an old Conflicts: block after the trailers is not a trailer' '
	printf "T\n\nKey: v\n\nConflicts:\n\tfile.c\n" >msg &&
	"$TEST_TOOL" trailers msg >out &&
	expect_file_eq out "Key: v"
'

test_expect_success 'subject: first paragraph, lines right-trimmed and joined by a space' '
	git init -q r &&
	printf "\n\nmulti\nline  \n\tsubject\t\n\nbody\n" | add_msg r &&
	"$TEST_TOOL" commit r HEAD >out &&
	test "$(sed -n "s/^subject: //p" out)" = "$(printf "multi line \tsubject")" &&
	check_log r
'

test_expect_success 'odd author lines are shown as git log shows them' '
	git init -q r &&
	printf "tip\n" | add_msg r &&
	for a in "A U Thor <a@x> 1 +0000" "<a@x> 1 +0000" " <a@x> 1 +0000" \
		 "  Spaced   Name   <s@x> 1 +0000" "Name\t<tab@x> 1 +0000" \
		 "No Bracket a@x 1 +0000" "No Close <a@x 1 +0000" "Empty <> 1 +0000" \
		 "Two <a@x> <b@x> 1 +0000" "Gt <a@x>> 1 +0000" "Lt <<a@x> 1 +0000" \
		 "No Date <a@x>" "Junk <a@x>x 1 +0000" ""
	do
		printf "author %s\ncommitter C <c@x> 1 +0000\n\nodd author\n" "$a" | add_raw r || return 1
	done &&
	printf "committer C <c@x> 1 +0000\n\nno author line\n" | add_raw r &&
	printf "author First <f@x> 1 +0000\nauthor Second <s@x> 1 +0000\ncommitter C <c@x> 1 +0000\n\ntwo author lines\n" | add_raw r &&
	printf "tip\n" | add_msg r &&
	check_log r
'

test_expect_success 'an author without <...> prints git'"'"'s placeholders; empty names stay empty' '
	git init -q r &&
	printf "author No Bracket a@x 1 +0000\ncommitter C <c@x> 1 +0000\n\nodd\n" | add_raw r &&
	printf "author <e@x> 1 +0000\ncommitter C <c@x> 1 +0000\n\nempty name\n" | add_raw r &&
	printf "tip\n" | add_msg r &&
	"$TEST_TOOL" log r >out &&
	tr "\0" "@" <out >shown &&
	grep -x "%aN <%aE>" shown &&
	grep -x " <e@x>" shown
'

test_expect_success 'NUL bytes: git sees the object up to the first NUL' '
	git init -q r &&
	printf "tip\n" | add_msg r &&
	printf "%s\n\nSubject\0hidden\n\nKey: v\n" "$ID" | add_raw r &&
	printf "%s\n\nSubject\n\nKey: v\0\nHidden: w\n" "$ID" | add_raw r &&
	printf "%s\n\nSubject\n\nKey: v\nOther: w\n\0" "$ID" | add_raw r &&
	printf "author A\0B <a@x> 1 +0000\ncommitter C <c@x> 1 +0000\n\nnul in author\n" | add_raw r &&
	printf "tip\n" | add_msg r &&
	check_log r &&
	"$TEST_TOOL" commit r HEAD~3 >out &&
	grep "^trailer: \[Key\] \[v\]" out && ! grep Hidden out
'

test_expect_success 'odd headers: gpgsig, mergetag, unknown headers, no message' '
	git init -q r &&
	printf "tip\n" | add_msg r &&
	printf "%s\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n author Fake <f@x> 1 +0000\n -----END PGP SIGNATURE-----\n\nsigned\n\nKey: v\n" "$ID" | add_raw r &&
	printf "%s\nmergetag object 0123\n type commit\n tag v1\n\n  Tag message\n\nmergetag\n" "$ID" | add_raw r &&
	printf "%s\nx-custom value\n continued\n\nunknown header\n" "$ID" | add_raw r &&
	printf "%s\n" "$ID" | add_raw r &&
	printf "%s\n\n" "$ID" | add_raw r &&
	printf "tip\n" | add_msg r &&
	check_log r
'

test_expect_success 'encodings: latin-1 is re-encoded to UTF-8 as git log does' '
	git init -q r &&
	printf "Caf\351\n\nReviewed-by: J\351r\364me <j@x>\n" >msg &&
	tree=$(git -C r mktree </dev/null) &&
	c=$(git -C r -c i18n.commitEncoding=ISO-8859-1 commit-tree "$tree" -F - <msg) &&
	git -C r update-ref HEAD "$c" &&
	printf "author N\351me <n@x> 1 +0000\ncommitter C <c@x> 1 +0000\nencoding latin-1\n\nlatin-1 alias \351\n" | add_raw r &&
	printf "%s\nencoding bogus-encoding\n\nunknown \351\n" "$ID" | add_raw r &&
	printf "%s\nencoding UTF-8\n\nutf-8 \303\251\n" "$ID" | add_raw r &&
	printf "%s\nencoding utf8\n\nutf8 \351 invalid\n" "$ID" | add_raw r &&
	printf "%s\nencoding Shift_JIS\n\n\202\240 sjis\n\nKey: \202\240\n" "$ID" | add_raw r &&
	printf "%s\nencoding Shift_JIS\n\n\202 broken sjis\n" "$ID" | add_raw r &&
	printf "%s\nencoding KOI8-R\n\n\341\342\367\n" "$ID" | add_raw r &&
	printf "%s\nencoding \n\nempty encoding \351\n" "$ID" | add_raw r &&
	printf "tip\n" | add_msg r &&
	check_log r &&
	"$TEST_TOOL" commit r "$c" >out &&
	test "$(sed -n "s/^subject: //p" out)" = "$(printf "Caf\303\251")" &&
	test "$(sed -n "s/^trailer: //p" out)" = "$(printf "[Reviewed-by] [J\303\251r\303\264me <j@x>]")" &&
	"$TEST_TOOL" commit r HEAD~3 >out &&
	grep "^raw_encoding: 1" out &&
	"$TEST_TOOL" commit r HEAD~7 >out &&
	grep "^raw_encoding: 1" out &&
	test "$(sed -n "s/^subject: //p" out)" = "$(printf "unknown \351")"
'

test_expect_success 'generated messages (seeded) match git log' '
	git init -q r &&
	awk -v seed=7 -f - >stream <<-\EOF &&
	BEGIN {
		srand(seed)
		n = split("Signed-off-by: A U Thor <a@x>|Reviewed-by: R <r@x>|Key: value|Key : sp|Key\t: tab|Key x: no|Key-1:|:colon|Bug #42|(cherry picked from commit 123)|(cherry picked from|  continuation|\tcontinuation|| |#comment|#|---|--- |Conflicts:|\tpath.c|# ------------------------ >8 ------------------------|just prose|K: v\r|Key:v|Link: http://x/y:z|signed-off-by: low|x: y: z|-: d|Acked-by: A|Title: maybe|\r", f, "|")
		for (i = 0; i < 1500; i++) {
			k = int(rand() * 12); msg = ""
			if (rand() < 0.1) msg = "\n"
			for (j = 0; j < k; j++) {
				l = f[int(rand() * n) + 1]
				if (rand() < 0.05) l = l "  "
				msg = msg (j ? "\n" : "") l
			}
			r = rand()
			if (r < 0.7) msg = msg "\n"; else if (r < 0.8) msg = msg "\n\n"
			printf "commit refs/heads/main\ncommitter C <c@x> %d +0000\ndata %d\n%s\n", 1700000000 + i, length(msg), msg
		}
	}
	EOF
	LC_ALL=C git -C r fast-import --quiet <stream &&
	test "$(git -C r rev-list --count main)" = 1500 &&
	check_log r main
'

# Hostile input: the parser is linear (git's own continuation handling is
# quadratic), so these are a matter of seconds even under ASan.
test_expect_success 'a message of 1,000,000 trailers is parsed whole, without a hang' '
	{ printf "Title\n\n"; awk "BEGIN { for (i = 0; i < 1000000; i++) printf \"Key-%d: value %d\n\", i, i }"; } >msg &&
	start=$(date +%s) &&
	timeout 60 "$TEST_TOOL" trailers msg >out &&
	end=$(date +%s) &&
	test "$(wc -l <out)" = 1000000 &&
	test "$(sed -n 1000000p out)" = "Key-999999: value 999999" &&
	echo "took $((end - start)) s (a hang is caught by timeout, not a timed test)"
'

test_expect_success 'one trailer folded over 1,000,000 lines, and a 20 MB line' '
	{ printf "Title\n\nKey: start\n"; awk "BEGIN { for (i = 0; i < 1000000; i++) print \"  x\" }"; } >msg &&
	timeout 60 "$TEST_TOOL" trailers msg >out &&
	test "$(wc -c <out)" = $((11 + 2 * 1000000)) &&
	{ printf "Title\n\nKey: "; head -c 20000000 /dev/zero | tr "\0" a; printf "\n"; } >long &&
	timeout 60 "$TEST_TOOL" trailers long >out &&
	test "$(wc -c <out)" = $((5 + 20000000 + 1))
'

test_expect_success 'many commits with trailers in one history (memory is reused)' '
	git init -q r &&
	awk "BEGIN { for (i = 0; i < 3000; i++) { m = sprintf(\"c%d\n\nKey-%d: v\nSigned-off-by: S%d <s@x>\n\", i, i % 7, i); printf \"commit refs/heads/main\ncommitter C <c@x> %d +0000\ndata %d\n%s\n\", 1700000000 + i, length(m), m } }" >stream &&
	git -C r fast-import --quiet <stream &&
	check_log r main
'

test_done
