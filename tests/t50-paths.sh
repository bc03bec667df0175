#!/bin/bash
# t50-paths.sh — changed paths of commits (src/source/paths.c) against what
# git log --no-renames prints: names, --raw (status, modes, ids) and
# --numstat (line counts), on a history with every kind of change.

. "$(dirname "$0")/lib.sh"

R="$TEST_ROOT/r"
tick=0
# commit_msg MSG: commit what is staged, each commit one minute after the
# last (distinct dates: the order of the walk is not what is tested here).
commit_msg() {
	tick=$((tick + 1))
	local d; d=$(printf '2024-01-01T12:%02d:00Z' "$tick")
	GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d git -C "$R" commit -q --allow-empty -m "$1"
}

# same_as_git ARGS...: test-tool paths ARGS == git log ARGS --format=%H,
# in the three output forms.
same_as_git() {
	"$TEST_TOOL" paths "$R" "$@" >names.out &&
	git -C "$R" log --no-renames --name-only --format=%H "$@" >names.git &&
	diff -u names.git names.out &&
	"$TEST_TOOL" paths --raw "$R" "$@" >raw.out &&
	git -C "$R" log --no-renames --raw --no-abbrev --format=%H "$@" >raw.git &&
	diff -u raw.git raw.out &&
	"$TEST_TOOL" paths --numstat "$R" "$@" >numstat.out &&
	git -C "$R" log --no-renames --numstat --format=%H "$@" >numstat.git &&
	diff -u numstat.git numstat.out
}

# one [OPTIONS] REV: what test-tool lists for that commit alone, without
# its "HASH" line and the blank line after it; --raw lines without ids.
one() {
	local opts=()
	while [ "${1#--}" != "$1" ]; do opts+=("$1"); shift; done
	local rev; rev=$(git -C "$R" rev-parse "$1") || return 1
	local parents; parents=$(git -C "$R" rev-list --parents -1 "$rev" | cut -d" " -f2- -s)
	local hide=() p
	for p in $parents; do hide+=("^$p"); done
	"$TEST_TOOL" paths "${opts[@]}" "$R" "$rev" "${hide[@]}" >one.full || return 1
	test "$(head -1 one.full)" = "$rev" || return 1
	sed "1,2d; s/ [0-9a-f]\{40\}//g" one.full
}

# literal_tree: a tree object from "MODE NAME HEX" lines, as written
# (git mktree would normalise the modes).
literal_tree() {
	local mode name hex
	while read -r mode name hex; do
		printf "%s %s\0" "$mode" "$name"
		printf "$(echo "$hex" | sed "s/../\\\\x&/g")"
	done | git -C "$R" hash-object -t tree -w --literally --stdin
}

test_expect_success 'setup: a history with every kind of change' '
	git init -q "$R" &&
	cd "$R" &&
	mkdir -p d/e foo &&
	echo a >a.txt && printf "1\n2\n3\n" >d/e/f.txt && echo g >d/g.txt &&
	echo z >z && echo p >p && echo foo >foo.c && echo foo >foo-bar &&
	echo x >foo/x && printf "bin\0ary" >bin.dat && echo "#!/bin/sh" >exec.sh &&
	ln -s a.txt link && echo s >"sp ace.txt" && echo t >"$(printf "tab\\there")" &&
	echo q >"quo\"te" && echo u >"$(printf "\\303\\251t\\303\\251.txt")" &&
	echo back >"back\\slash" && echo s2 >sub2 &&
	git add -A && commit_msg root &&

	printf "1\n2 changed\n3\n4\n" >d/e/f.txt && echo new >d/e/new.txt && rm z &&
	chmod +x exec.sh && printf "bin\0ary2" >bin.dat &&
	git add -A && commit_msg "modify, add, delete, chmod, binary" &&

	rm p && mkdir p && echo q >p/q && rm -r d/e && echo now-a-file >d/e &&
	git add -A && commit_msg "file to directory, directory to file" &&

	rm a.txt && ln -s d/g.txt a.txt && rm link && echo "not a link" >link &&
	git add -A && commit_msg "file to symlink, symlink to file" &&

	c=$(git rev-parse HEAD) &&
	git update-index --add --cacheinfo "160000,$c,sub" &&
	commit_msg "add a submodule" &&
	git rm -q --cached sub2 && rm sub2 &&
	git update-index --add --cacheinfo "160000,$(git rev-parse HEAD~2),sub" &&
	git update-index --add --cacheinfo "160000,$c,sub2" &&
	commit_msg "change a submodule, a file becomes one" &&

	commit_msg "empty" &&

	git checkout -q -b side HEAD~3 &&
	echo side >side.txt && printf "1\n" >d/g.txt &&
	git add side.txt d/g.txt && commit_msg "on the side" &&
	git checkout -q main &&
	echo main >main.txt && git add main.txt && commit_msg "on main" &&
	GIT_COMMITTER_DATE=2024-01-01T13:00:00Z git merge -q --no-ff -m merge side &&
	echo evil >evil.txt && git add evil.txt &&
	GIT_COMMITTER_DATE=2024-01-01T13:00:00Z git commit -q --amend -m "evil merge" &&

	git ls-tree HEAD:d | sed "s/^\\([0-9]*\\) [a-z]* \\([0-9a-f]*\\)\\t/\\1 \\2 /" |
		awk "{ m = \$1 == \"100644\" ? \"100664\" : \$1; print m, \$3, \$2 }" |
		literal_tree >dtree &&
	git ls-tree HEAD | sed "s/ [0-9a-f]*\\td\$/ $(cat dtree)\\td/" | git mktree >root &&
	GIT_COMMITTER_DATE=2024-01-01T14:00:00Z git commit-tree -p HEAD -m "old mode spelling" "$(cat root)" >c &&
	git update-ref refs/heads/main "$(cat c)" &&
	git cat-file -p "$(cat dtree)" | grep -q "^100644 blob" &&
	git cat-file tree "$(cat dtree)" | grep -q "100664 g.txt" &&
	test "$(git rev-list --first-parent --count main)" = 10
'

test_expect_success 'every commit is as git log lists it (names, raw, numstat)' '
	same_as_git --all
'

test_expect_success 'merges against their first parent, as --diff-merges=first-parent' '
	"$TEST_TOOL" paths --merges=first-parent --raw "$R" --all >out &&
	git -C "$R" log --no-renames --raw --no-abbrev --format=%H --diff-merges=first-parent --all >expect &&
	diff -u expect out &&
	"$TEST_TOOL" paths --merges=first-parent --numstat "$R" main >out &&
	git -C "$R" log --no-renames --numstat --format=%H --diff-merges=first-parent main >expect &&
	diff -u expect out
'

test_expect_success 'the same with the parent trees handed in, on 2 threads' '
	"$TEST_TOOL" paths --raw --parent-trees --jobs 2 "$R" --all >out &&
	git -C "$R" log --no-renames --raw --no-abbrev --format=%H --all >expect &&
	diff -u expect out
'

# The exact lists (git's order: "foo-bar" < "foo.c" < "foo/"), so that a
# bug git log shared would still show.
test_expect_success 'root commit: everything is added, quoted as git quotes' '
	one main~9 >names &&
	expect_file_eq names "a.txt
\"back\\\\slash\"
bin.dat
d/e/f.txt
d/g.txt
exec.sh
foo-bar
foo.c
foo/x
link
p
\"quo\\\"te\"
sp ace.txt
sub2
\"tab\\there\"
z
\"\\303\\251t\\303\\251.txt\"" &&
	one --raw main~9 | cut -d" " -f3 | cut -c1 | sort -u >status &&
	expect_file_eq status A
'

test_expect_success 'modify, add, delete, chmod, binary' '
	one --raw main~8 >out &&
	expect_file_eq out ":100644 100644 M	bin.dat
:100644 100644 M	d/e/f.txt
:000000 100644 A	d/e/new.txt
:100644 100755 M	exec.sh
:100644 000000 D	z" &&
	one --numstat main~8 >out &&
	expect_file_eq out "-	-	bin.dat
2	1	d/e/f.txt
1	0	d/e/new.txt
0	0	exec.sh
0	1	z"
'

test_expect_success 'a file that becomes a directory, and back: deletions and additions' '
	one --raw main~7 >out &&
	expect_file_eq out ":000000 100644 A	d/e
:100644 000000 D	d/e/f.txt
:100644 000000 D	d/e/new.txt
:100644 000000 D	p
:000000 100644 A	p/q"
'

test_expect_success 'file <-> symlink is one type change' '
	one --raw main~6 >out &&
	expect_file_eq out ":100644 120000 T	a.txt
:120000 100644 T	link"
'

test_expect_success 'submodules (gitlinks) are entries, never entered' '
	one --raw main~5 >out &&
	expect_file_eq out ":000000 160000 A	sub" &&
	one --raw main~4 >out &&
	expect_file_eq out ":160000 160000 M	sub
:100644 160000 T	sub2" &&
	one --numstat main~4 >out &&
	expect_file_eq out "1	1	sub
1	1	sub2"
'

test_expect_success 'an empty commit and a merge change nothing' '
	one main~3 >out && test ! -s out &&
	one main~1 >out && test ! -s out
'

test_expect_success 'a merge against its first parent: what it brought, evil part too' '
	one --merges=first-parent main~1 >out &&
	expect_file_eq out "d/g.txt
evil.txt
side.txt"
'

test_expect_success '100664 is 100644: a tree that only spells a mode differently' '
	one --raw main >out &&
	test ! -s out &&
	git -C "$R" diff-tree --no-renames -r main^ main >expect &&
	test ! -s expect
'

test_expect_success 'a shallow clone: its boundary commit adds everything, as git log shows' '
	git clone -q --depth 3 --no-local --branch main "file://$R" shallow &&
	test -f shallow/.git/shallow &&
	"$TEST_TOOL" paths --raw shallow main >out &&
	git -C shallow log --no-renames --raw --no-abbrev --format=%H main >expect &&
	diff -u expect out &&
	test "$(grep -c "^[0-9a-f]\{40\}\$" out)" -ge 3
'

test_expect_success 'a missing tree is an error that names it' '
	git init -q --bare broken.git &&
	git -C "$R" cat-file commit main~9 >raw &&
	git -C broken.git hash-object -t commit -w --literally --stdin <raw >c &&
	! "$TEST_TOOL" paths broken.git "$(cat c)" >out 2>err &&
	grep "tree $(git -C "$R" rev-parse "main~9^{tree}")" err
'

test_expect_success 'trees nested deeper than 2048 levels: a bounded error, not a crash' '
	git init -q --bare deep.git &&
	p=$(printf "d/%.0s" $(seq 2050))f &&
	printf "commit refs/heads/main\ncommitter A <a@b> 1700000000 +0000\ndata 4\ndeep\nM 100644 inline %s\ndata 2\nx\n\n" "$p" |
		git -C deep.git fast-import --quiet &&
	rc=0 && "$TEST_TOOL" paths deep.git main >out 2>err || rc=$? &&
	test $rc = 3 &&
	grep -q "trees nested deeper than 2048 levels" err
'

# A wide tree changed one entry at a time: most of each new tree's index is
# copied from its parent's (skip_identical), at the same offsets or moved.
W="$TEST_ROOT/wide"
test_expect_success 'a wide tree, one entry changed per commit: as git log lists it' '
	git init -q "$W" && (
		cd "$W" &&
		for i in $(seq 100 299); do echo $i >f$i; done &&
		mkdir sub && echo s >sub/s && git add . &&
		GIT_COMMITTER_DATE=1700000000 git commit -qm base &&
		echo x >f150 && git commit -qam "same length, new id" &&
		git mv f200 f200-longer-name && git commit -qm "a longer name mid-tree" &&
		git mv f201 g && git commit -qm "a shorter name, sorted later" &&
		echo a >a0 && git add a0 && git commit -qm "first entry added" &&
		git rm -q f299 && git commit -qm "last entry deleted" &&
		chmod +x f120 && git commit -qam "a mode only" &&
		echo t >sub/t && git add sub && git commit -qm "a subtree" &&
		git rm -q -r sub && echo sub >sub && git add sub && git commit -qm "a dir becomes a file"
	) &&
	"$TEST_TOOL" paths --raw "$W" HEAD >out &&
	git -C "$W" log --no-renames --raw --no-abbrev --format=%H HEAD >expect &&
	diff -u expect out &&
	git clone -q --bare --no-local "$W" "$W.git" && git -C "$W.git" repack -adq --depth=50 &&
	"$TEST_TOOL" paths --raw "$W.git" HEAD >out &&
	diff -u expect out
'

test_expect_success 'a malformed last entry after the entries of the parent tree: an error naming the tree' '
	parent=$(git -C "$W" rev-parse HEAD) &&
	{ git -C "$W" cat-file tree HEAD && printf "100644 zz\0abcde"; } >bad.raw &&
	bad=$(git -C "$W" hash-object -t tree -w --literally --stdin <bad.raw) &&
	c=$(git -C "$W" commit-tree -p "$parent" -m bad "$bad") &&
	rc=0 && "$TEST_TOOL" paths "$W" "$c" "^$parent" >out 2>err || rc=$? &&
	test $rc = 3 && test ! -s out &&
	expect_file_eq err "test-tool: tree $bad: malformed entry"
'

# ---- renames (source/renames.c), as git log -M pairs them -------------------

# renames_as_git REPO: every rename test-tool finds == git log -M's (R lines).
renames_as_git() {
	git -C "$1" log -M --diff-filter=R --name-status --format="C %H" |
		awk -F"\t" "/^C /{c = substr(\$0, 3); next} /^R/{print c \"\t\" \$2 \"\t\" \$3}" |
		sort >renames.git &&
	"$TEST_TOOL" paths --renames "$1" HEAD | sort >renames.out &&
	diff -u renames.git renames.out
}

test_expect_success 'renames with and without edits are paired as git log -M pairs them' '
	make_repo mv && mkdir -p mv/src mv/doc &&
	seq 1 80 | sed "s/^/line /" >mv/src/big.c &&
	seq 1 40 | sed "s/^/other /" >mv/src/small.c &&
	seq 1 40 | sed "s/^/crlf /;s/\$/\r/" >mv/src/dos.txt &&
	seq 1 30 | sed "s/^/gone /" >mv/src/rewrite.c &&
	printf "\0binary\1\2\3%.0s" $(seq 1 200) >mv/src/blob.bin &&
	seq 1 20 | sed "s/^/same /" >mv/doc/a.md && cp mv/doc/a.md mv/doc/b.md &&
	: >mv/src/empty && ln -s src/big.c mv/link &&
	git -C mv add -A && git -C mv commit -q -m one &&
	mkdir -p mv/lib &&
	git -C mv mv src/big.c lib/big.c && sed -i "s/^line 7\$/line seven/" mv/lib/big.c &&
	git -C mv mv src/small.c lib/small.c && sed -i "1,15d" mv/lib/small.c &&
	git -C mv mv src/dos.txt lib/dos.txt && sed -i "s/^crlf 3/crlf three/" mv/lib/dos.txt &&
	git -C mv rm -q src/rewrite.c && seq 1 30 | sed "s/^/new /" >mv/lib/rewrite.c &&
	git -C mv mv src/blob.bin lib/blob.bin && printf "tail" >>mv/lib/blob.bin &&
	git -C mv mv doc/a.md lib/a.md && git -C mv mv doc/b.md lib/b.md &&
	git -C mv mv src/empty lib/empty &&
	git -C mv rm -q link && ln -s lib/big.c mv/link2 &&
	git -C mv add -A && git -C mv commit -q -m two &&
	renames_as_git mv &&
	cat >expect <<-EOF &&
	lib/a.md
	lib/b.md
	lib/big.c
	lib/blob.bin
	lib/dos.txt
	lib/empty
	lib/small.c
	EOF
	cut -f3 renames.out | sort >actual &&
	diff -u expect actual
'

test_expect_success 'renames: a file rewritten, halved or moved next to its twin is paired as git does' '
	make_repo tw && mkdir tw/a &&
	for i in 1 2 3; do seq 1 50 | sed "s/^/twin $i /" >tw/a/t$i.c; done &&
	seq 1 100 | sed "s/^/half /" >tw/a/h.c &&
	git -C tw add -A && git -C tw commit -q -m one &&
	mkdir tw/b && git -C tw mv a/t1.c b/t1.c && git -C tw mv a/t2.c b/x.c &&
	sed -i "1,51d" tw/a/h.c && git -C tw mv a/h.c b/h.c &&
	git -C tw add -A && git -C tw commit -q -m two &&
	renames_as_git tw &&
	test $(wc -l <renames.out) = 2
'

test_done
