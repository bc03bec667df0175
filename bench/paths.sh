#!/bin/bash
# bench/paths.sh — changed paths (src/source/paths.c) against git log:
# the outputs must be identical (diffed), then the times (median of N).
#
#   bench/paths.sh [REPO [REV]]      default: /work/.mirror/git+git/repo master
#
# Environment:
#   ANTISILO_BUILD   build directory holding test-tool (default: build)
#   RUNS             runs per timing, the median is shown (default: 3)
#   NUMSTAT_COMMITS  line counts are compared and timed on the newest this
#                    many commits of REV (default: 10000; 0 = the whole REV)
#   SKIP_NUMSTAT=1   skip the line counts
#
# What is timed (wall seconds, and user+system CPU seconds):
#   git          git log --no-renames --name-only --format=%H REV
#   ours         test-tool paths REPO REV: one thread, the walk and the
#                paths interleaved as git log does; each commit reads its
#                parent commit to find the parent's tree
#   ours-pt      the same with the parent trees handed in (a first pass
#                walks, as a pipeline whose walk keeps each commit's tree)
#   ours-pt-j2   that on 2 threads, each with its own repository
# and with NUMSTAT the same for --numstat.
set -u
REPO=${1:-/work/.mirror/git+git/repo}
REV=${2:-master}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ANTISILO_BUILD:-$SRC/build}
TOOL=$BUILD/test-tool
RUNS=${RUNS:-3}
NUMSTAT_COMMITS=${NUMSTAT_COMMITS:-10000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bench-paths.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

[ -x "$TOOL" ] || { echo "no $TOOL: make BUILD=... \$BUILD/test-tool" >&2; exit 2; }
export GIT_DIR=$REPO LC_ALL=C

# median_of CMD...: runs CMD $RUNS times (stdout to /dev/null), prints
# "WALL CPU" of the run with the median wall time.
median_of() {
	local i
	for i in $(seq "$RUNS"); do
		/usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" ||
			{ cat "$TMP/err" >&2; return 1; }
		awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$TMP/t"
	done | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'
}

row() { printf '%-12s %8s %8s\n' "$1" "$2" "$3"; }

same() {  # same WHAT EXPECTED ACTUAL
	if cmp -s "$2" "$3"; then
		echo "identical: $1 ($(wc -l <"$2") lines)"
	else
		echo "DIFFERENT: $1" >&2
		diff "$2" "$3" | head -20 >&2
		exit 1
	fi
}

commits=$(git rev-list --count "$REV")
echo "repository: $REPO, $REV: $commits commits; $(nproc) CPUs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "git: $(git --version | cut -d' ' -f3); runs per timing: $RUNS (median)"

git log --no-renames --name-only --format=%H "$REV" >"$TMP/git.names"
"$TOOL" paths "$REPO" "$REV" >"$TMP/ours.names"
same "names, git log --no-renames --name-only" "$TMP/git.names" "$TMP/ours.names"
"$TOOL" paths --parent-trees --jobs 2 "$REPO" "$REV" >"$TMP/ours.names"
same "names, 2 threads" "$TMP/git.names" "$TMP/ours.names"
git log --no-renames --raw --no-abbrev --format=%H "$REV" >"$TMP/git.raw"
"$TOOL" paths --raw "$REPO" "$REV" >"$TMP/ours.raw"
same "status, modes and ids, git log --raw" "$TMP/git.raw" "$TMP/ours.raw"
rm -f "$TMP"/*.raw "$TMP"/*.names

echo
row "paths" "wall s" "cpu s"
row git $(median_of git log --no-renames --name-only --format=%H "$REV")
row ours $(median_of "$TOOL" paths "$REPO" "$REV")
row ours-pt $(median_of "$TOOL" paths --parent-trees "$REPO" "$REV")
row ours-pt-j2 $(median_of "$TOOL" paths --parent-trees --jobs 2 "$REPO" "$REV")

[ "${SKIP_NUMSTAT:-}" = 1 ] && exit 0
range=("$REV")
if [ "$NUMSTAT_COMMITS" != 0 ] && [ "$NUMSTAT_COMMITS" -lt "$commits" ]; then
	range+=("^$(git rev-list "$REV" | sed -n "$((NUMSTAT_COMMITS + 1))p")")
fi
git log --no-renames --numstat --format=%H "${range[@]}" >"$TMP/git.numstat"
"$TOOL" paths --numstat --parent-trees --jobs 2 "$REPO" "${range[@]}" >"$TMP/ours.numstat"
same "line counts, git log --numstat (${range[*]})" "$TMP/git.numstat" "$TMP/ours.numstat"
rm -f "$TMP"/*.numstat

echo
row "numstat" "wall s" "cpu s"
row git $(median_of git log --no-renames --numstat --format=%H "${range[@]}")
row ours $(median_of "$TOOL" paths --numstat "$REPO" "${range[@]}")
row ours-pt $(median_of "$TOOL" paths --numstat --parent-trees "$REPO" "${range[@]}")
row ours-pt-j2 $(median_of "$TOOL" paths --numstat --parent-trees --jobs 2 "$REPO" "${range[@]}")
