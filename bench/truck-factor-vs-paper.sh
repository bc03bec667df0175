#!/bin/sh
# bench/truck-factor-vs-paper.sh REPO...
#
# Differential check of the knowledge-silo metrics against an independent
# implementation of Avelino et al. (ICPC 2016): for each repository (a git
# directory, bare or not), `antisilo audit --silo-files --format json` at
# HEAD, then bench/truck_factor_paper.py, which recomputes every file's
# authors and the truck factors from `git log --reverse -M --name-status`
# alone (python3, no modules beyond the standard library). Prints, per
# repository, the share of files whose author sets are equal, the truck
# factors of the repository and of its top-level directories from both,
# and the times. Exit status 1 when a repository's truck factors differ
# or fewer than 95 % of its files agree. Both read a `git clone --bare` of
# the repository (local: hard links, no copy), so that git reads
# HEAD:.mailmap as antisilo does (LIBNOTES: a hand-made mirror without a
# config file is no bare repository to git, which then ignores it).
# Build first: make
set -eu

[ $# -ge 1 ] || { echo "usage: $0 REPO..." >&2; exit 2; }
SRC_DIR=$(cd "$(dirname "$0")/.." && pwd)
ANTISILO=${ANTISILO:-${ANTISILO_BUILD:-$SRC_DIR/build}/antisilo}
export ANTISILO_DEFAULT_RULES=${ANTISILO_DEFAULT_RULES:-$SRC_DIR/rules.ini}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tf-vs-paper.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
status=0

for repo; do
	echo "== $repo"
	rm -rf "$TMP/repo.git"
	git clone -q --bare "$repo" "$TMP/repo.git"
	t0=$(date +%s.%N)
	"$ANTISILO" audit --repo "$TMP/repo.git" --format json --fail-on never --quiet \
		--silo-files >"$TMP/report.json"
	t1=$(date +%s.%N)
	python3 "$SRC_DIR/bench/truck_factor_paper.py" "$TMP/repo.git" "$TMP/report.json" |
		tee "$TMP/out"
	t2=$(date +%s.%N)
	printf "antisilo audit: %.2f s; the independent script: %.2f s\n" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
	pct=$(sed -n 's/.*(\([0-9.]*\) %).*/\1/p' "$TMP/out")
	areas=$(sed -n 's/^top-level areas with equal truck factors: \([0-9]*\) of \([0-9]*\)$/\1 \2/p' "$TMP/out")
	if [ "$(echo "$pct < 95" | bc)" = 1 ] || [ "${areas% *}" != "${areas#* }" ]; then
		status=1
	fi
done
exit $status
