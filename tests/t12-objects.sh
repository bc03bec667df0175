#!/bin/bash
# t12-objects.sh — our object reader (source/objects.c, pack.c, loose.c)
# reads every object of real repositories exactly as git stores it:
# packed whole, as offset and reference deltas, behind 64-bit offsets,
# loose, across several packs and alternates; a prefix read gives the
# object's first bytes. Each object read must hash to its id.

. "$(dirname "$0")/lib.sh"

# history REPO: 60 commits that each change one line of a growing file
# (blobs, trees and commits that delta well) plus a second directory.
history() {
	git init -q "$1" &&
	for i in $(seq 1 60); do
		seq 1 200 | sed "s/^$i\$/line $i changed/" >"$1/file.txt" &&
		mkdir -p "$1/dir/sub" && echo "$i" >"$1/dir/sub/n$((i % 7)).txt" &&
		git -C "$1" add -A && git -C "$1" commit -q -m "change $i

A body line that repeats, so that messages delta against each other too." || return 1
	done
}

# several_packs REPO: a clone sharing a packed history (an alternate),
# three packs of its own on top, and one loose commit at its tip
several_packs() {
	history base &&
	git -C base repack -q -ad &&
	git clone -q --shared base "$1" &&
	for i in 1 2 3; do
		echo "more $i" >"$1/more.txt" && git -C "$1" add more.txt &&
		git -C "$1" commit -q -m "more $i" && git -C "$1" repack -q -d || return 1
	done &&
	echo loose >"$1/loose.txt" && git -C "$1" add loose.txt && git -C "$1" commit -q -m loose
}

# check REPO: our reading of every object equals git's listing
check() {
	git -C "$1" cat-file --batch-all-objects --batch-check='%(objectname) %(objecttype) %(objectsize)' >expect &&
	cut -d" " -f1 expect | "$TEST_TOOL" objects "$1" >actual &&
	diff -u expect actual
}

test_expect_success 'deep delta chains in one pack, offsets to their bases' '
	history r &&
	git -C r repack -q -adf --depth=50 --window=50 &&
	test "$(git verify-pack -v r/.git/objects/pack/*.idx | grep -c "chain length")" -gt 0 &&
	check r
'

test_expect_success 'deltas that name their bases by id (REF_DELTA)' '
	history r &&
	git -C r -c repack.useDeltaBaseOffset=false repack -q -adf --depth=20 &&
	check r
'

test_expect_success 'an index with 64-bit offsets for every object' '
	history r &&
	git -C r repack -q -adf &&
	pack=$(ls r/.git/objects/pack/*.pack) &&
	rm "${pack%.pack}.idx" &&
	git index-pack --index-version=2,0 "$pack" &&
	check r
'

test_expect_success 'several packs, loose objects and an alternate together' '
	several_packs r &&
	test "$(ls r/.git/objects/pack/*.idx | wc -l)" -ge 3 &&
	check r
'

# table REPO: the read-ahead table of the packs against git log, commit
# by commit; prints the commits it does not hold
table() {
	git -C "$1" log --all --format="%H %T %P %ct %an <%ae> %at" >log.expect &&
	cut -d" " -f1 log.expect | "$TEST_TOOL" commit-table "$1" "${2:-2}" >log.actual &&
	grep -v " not in the table\$" log.actual >log.held || : &&
	grep -Fx -f log.held log.expect >log.agree || : &&
	diff -u log.held log.agree &&
	sed -n "s/ not in the table\$//p" log.actual
}

test_expect_success 'the read-ahead table holds every packed commit as git log shows it' '
	history r &&
	git -C r tag -a -m "a tag" v1 HEAD~30 &&
	git -C r tag -a -m "a tagged blob" blobtag "$(git -C r hash-object -w file.txt)" &&
	git -C r merge -q --no-ff -m "a merge" "$(git -C r commit-tree -p HEAD~5 -m side "$(git -C r rev-parse HEAD~3^{tree})")" &&
	git -C r repack -q -adf --depth=50 --window=50 &&
	table r >missing &&
	! test -s missing &&
	expect_eq "$(wc -l <log.held)" 62 &&
	table r 1 >missing &&
	! test -s missing &&
	git -C r -c repack.useDeltaBaseOffset=false repack -q -adf --depth=20 &&
	table r 3 >missing &&
	! test -s missing
'

test_expect_success 'the table: several packs and an alternate; a loose commit is left to the walk' '
	several_packs r &&
	table r >missing &&
	expect_file_eq missing "$(git -C r rev-parse HEAD)" &&
	expect_eq "$(wc -l <log.held)" 63
'

test_expect_success 'an audit read ahead equals one that reads commit by commit (-n)' '
	history r &&
	git -C r repack -q -adf --depth=50 --window=50 &&
	echo loose >r/loose.txt && git -C r add loose.txt && git -C r commit -q -m loose &&
	for jobs in 1 2; do
		"$ANTISILO" audit --repo r --jobs $jobs --format json --fail-on never >ahead.json &&
		"$ANTISILO" audit --repo r --jobs $jobs -n 1000 --format json --fail-on never >each.json &&
		jq -S "del(.range)" ahead.json >ahead &&
		jq -S "del(.range)" each.json >each &&
		diff -u each ahead &&
		test "$(jq .commits_scanned ahead.json)" = 61 || return 1
	done
'

# judged_ahead_history REPO: a packed history with every kind of commit a
# digest must stand for exactly, or leave to the scan: findings, feedback
# and approval trailers (one through .mailmap), one's own review, an
# over-long message, a Latin-1 message, a cherry-pick, commits before a
# --since, and the same commits in two packs.
judged_ahead_history() {
	make_repo "$1" &&
	printf "%s\n" "Alice Liddell <alice@example.com> <al@old.example.com>" >"$1/.mailmap" &&
	git -C "$1" add .mailmap && git -C "$1" commit -q -m "mailmap" &&
	commit_on "$1" 2023-01-05 "Bob Stone <bob@example.com>" "old work" a &&
	commit_on "$1" 2023-02-05 "Carol Ng <carol@example.com>" "old fix

Assigned-by: Alice Liddell <alice@example.com>" b &&
	for i in $(seq 1 40); do
		commit_on "$1" 2024-03-$(printf %02d $((i % 28 + 1))) "Bob Stone <bob@example.com>" "change $i

Plain words about change $i, nobody asked anyone anything.

Reviewed-by: Alice Liddell <al@old.example.com>
Signed-off-by: Bob Stone <bob@example.com>" "f$((i % 5))" || return 1
	done &&
	commit_on "$1" 2024-04-01 "Bob Stone <bob@example.com>" "do the export

Alice asked me to do this by Friday.

Assigned-by: Alice Liddell <alice@example.com>" c &&
	commit_on "$1" 2024-04-02 "Carol Ng <carol@example.com>" "ship it

Approved-by: Alice Liddell <alice@example.com>
Acked-by: Carol Ng <carol@example.com>
Tested-by: Bob Stone <bob@example.com>" d &&
	git -C "$1" repack -q -ad &&
	{ printf "big\n\n"; yes "a long line of log output pasted in" | head -n 2000
	  printf "\nReviewed-by: Carol Ng <carol@example.com>\n"; } >big.msg &&
	git -C "$1" commit -q --allow-empty -F "$PWD/big.msg" &&
	printf "caf\351 au lait\n\nHelped-by: Carol Ng <carol@example.com>\n" >latin.msg &&
	git -C "$1" -c i18n.commitEncoding=iso-8859-1 commit -q --allow-empty -F "$PWD/latin.msg" &&
	export_commit=$(git -C "$1" rev-parse HEAD~3) &&
	git -C "$1" checkout -q -b side HEAD~4 &&
	git -C "$1" cherry-pick -x "$export_commit" >/dev/null &&
	git -C "$1" checkout -q - &&
	git -C "$1" merge -q --no-edit side &&
	git -C "$1" repack -q -d &&
	git -C "$1" repack -q -a
}

test_expect_success 'a message audit judged ahead equals one that reads commit by commit (-n), with a commit-graph too' '
	judged_ahead_history r &&
	test "$(ls r/.git/objects/pack/*.pack | wc -l)" -ge 2 &&
	test ! -e r/.git/objects/info/commit-graph &&
	printf "%s\n" "[antisilo]" "include = default" "max_message_bytes = 16384" "[people]" \
		"alice = Alice Liddell <alice@example.com>" "bob = Bob Stone <bob@example.com>" \
		"carol = Carol Ng <carol@example.com>" "[managers]" "bob = alice" "carol = alice" \
		>rules.ini &&
	for graph in no yes; do
	if [ $graph = yes ]; then
		# ordered by the graph: the threads that read the authors judge
		git -C r commit-graph write --reachable &&
		test -e r/.git/objects/info/commit-graph || return 1
	fi
	for since in "" "--since 2024-01-01"; do
		for jobs in 1 2 4; do
			"$ANTISILO" audit --repo r --rules rules.ini --no-paths --quiet --jobs $jobs \
				$since --format json --fail-on never >ahead.json &&
			"$ANTISILO" audit --repo r --rules rules.ini --no-paths --quiet --jobs $jobs \
				$since -n 1000 --format json --fail-on never >each.json &&
			jq -S "del(.range, .run.duration_ms)" ahead.json >ahead &&
			jq -S "del(.range, .run.duration_ms)" each.json >each &&
			diff -u each ahead || return 1
		done
	done
	done &&
	"$ANTISILO" audit --repo r --rules rules.ini --no-paths --quiet --jobs 2 --format json \
		--fail-on never >ahead.json &&
	jq_eq ahead.json ".commits_scanned" 49 &&
	jq_eq ahead.json "[.findings[] | .rule + \":\" + .severity] | join(\" \")" \
		"antisilo:cherry-pick:info antisilo:max-message-bytes:warning approved-by-trailer:error asked-to-prose:warning assigned-by-trailer:error assigned-by-trailer:error" &&
	jq_eq ahead.json ".metrics.approvals.manager" 1 &&
	jq_eq ahead.json ".metrics.assignments.manager" 2 &&
	jq_eq ahead.json ".metrics.feedback.by_key | [.\"Reviewed-by\", .\"Acked-by\", .\"Tested-by\", .\"Helped-by\"] | join(\" \")" \
		"41 0 1 1" &&
	jq_eq ahead.json ".metrics.feedback.people_graph[0] | .from + \">\" + .to + \":\" + (.count | tostring)" \
		"alice>bob:40"
'

test_expect_success 'a prefix read gives the first bytes of whole objects and of deltas' '
	history r &&
	git -C r repack -q -adf --depth=50 &&
	git -C r cat-file --batch-all-objects --batch-check="%(objectname)" >ids &&
	"$TEST_TOOL" objects r --prefix 100 <ids >actual &&
	test "$(grep -c "prefix ok$" actual)" = "$(wc -l <ids)"
'

test_expect_success 'an object not stored here is missing, not an error' '
	history r &&
	echo 0123456789012345678901234567890123456789 | "$TEST_TOOL" objects r >actual &&
	echo "0123456789012345678901234567890123456789 missing" >expect &&
	diff -u expect actual
'

test_expect_success 'a damaged delta is an error naming the pack, never a wrong object' '
	history r &&
	git -C r repack -q -adf --depth=50 &&
	idx=$(ls r/.git/objects/pack/*.idx) &&
	pack=${idx%.idx}.pack &&
	git verify-pack -v "$idx" | awk "\$5 != \"\" && \$2 == \"blob\" { print \$1, \$5; exit }" >victim &&
	read -r id offset <victim &&
	chmod u+w "$pack" &&
	printf "\377\377\377\377" | dd of="$pack" bs=1 seek=$((offset + 8)) conv=notrunc 2>/dev/null &&
	echo "$id" | "$TEST_TOOL" objects r >actual || true &&
	grep -E "^$id (error pack-[0-9a-f]+\.pack: object at offset [0-9]+|BAD)" actual
'

test_done
