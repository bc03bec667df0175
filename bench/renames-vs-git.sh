#!/bin/sh
# bench/renames-vs-git.sh REPO [REV]
#
# Differential check of rename pairing (src/source/renames.c) against git:
# every rename `git log -M --diff-filter=R --name-status REV` lists, as
# "COMMIT TAB FROM TAB TO", against `test-tool paths --renames REPO REV`.
# Prints both counts, the lines that differ, and both times. Exit status 0
# when they are identical. Not part of the test suite (tests/t50-paths.sh
# checks chosen cases); on git.git master it takes a few seconds.
# Build first: make BUILD=build build/test-tool
set -eu

[ $# -ge 1 ] || { echo "usage: $0 REPO [REV]" >&2; exit 2; }
REPO=$1
REV=${2:-HEAD}
SRC_DIR=$(cd "$(dirname "$0")/.." && pwd)
TEST_TOOL=${TEST_TOOL:-${ANTISILO_BUILD:-$SRC_DIR/build}/test-tool}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/renames-vs-git.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

t0=$(date +%s.%N)
git -C "$REPO" log -M --diff-filter=R --name-status --format='C %H' "$REV" |
	awk -F'\t' '/^C /{c = substr($0, 3); next} /^R/{print c "\t" $2 "\t" $3}' |
	sort >"$TMP/git"
t1=$(date +%s.%N)
"$TEST_TOOL" paths --renames "$REPO" "$REV" | sort >"$TMP/ours"
t2=$(date +%s.%N)

echo "git log -M: $(wc -l <"$TMP/git") renames in $(echo "$t1 - $t0" | bc) s"
echo "antisilo:   $(wc -l <"$TMP/ours") renames in $(echo "$t2 - $t1" | bc) s"
if diff "$TMP/git" "$TMP/ours" >"$TMP/diff"; then
	echo "identical"
else
	echo "$(grep -c '^[<>]' "$TMP/diff") lines differ (< git, > antisilo):"
	grep '^[<>]' "$TMP/diff" | head -20
	exit 1
fi
