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
	history base &&
	git -C base repack -q -ad &&
	git clone -q --shared base r &&
	for i in 1 2 3; do
		echo "more $i" >r/more.txt && git -C r add more.txt && git -C r commit -q -m "more $i" &&
		git -C r repack -q -d
	done &&
	echo loose >r/loose.txt && git -C r add loose.txt && git -C r commit -q -m loose &&
	test "$(ls r/.git/objects/pack/*.idx | wc -l)" -ge 3 &&
	check r
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
