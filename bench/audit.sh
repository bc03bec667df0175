#!/usr/bin/env bash
# bench/audit.sh REPO [RANGE] [RUNS]
#
# Wall time and peak memory of `antisilo audit --no-paths` against
# `git log --format=%B` on the same range: median of RUNS (default 5).
# Prints the ratios (antisilo / git log); the bar is time <= 1.0 and
# memory <= 1.5 on git.git's master (issue 2).
set -euo pipefail
repo=${1:?usage: bench/audit.sh REPO [RANGE] [RUNS]}
range=${2:-HEAD}
runs=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
antisilo=${ANTISILO:-$here/build/antisilo}
rules=${RULES:-$here/rules.ini}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # prints "seconds kilobytes" for one run of "$@"
	/usr/bin/time -f '%e %M' -o /tmp/antisilo-bench.$$ "$@" >/dev/null 2>&1 || true
	cat /tmp/antisilo-bench.$$
}

git_t=() git_m=() as_t=() as_m=()
for _ in $(seq "$runs"); do
	read -r t m < <(measure git -C "$repo" log --format=%B "$range")
	git_t+=("$t"); git_m+=("$m")
	read -r t m < <(measure "$antisilo" audit --quiet --no-paths --repo "$repo" \
		--rules "$rules" --format json --fail-on never "$range")
	as_t+=("$t"); as_m+=("$m")
done
rm -f /tmp/antisilo-bench.$$

gt=$(printf '%s\n' "${git_t[@]}" | median); gm=$(printf '%s\n' "${git_m[@]}" | median)
at=$(printf '%s\n' "${as_t[@]}" | median); am=$(printf '%s\n' "${as_m[@]}" | median)
commits=$(git -C "$repo" rev-list --count "$range")
echo "range $range: $commits commits, median of $runs runs, $(nproc) cores"
printf 'git log --format=%%B   %6.2f s  %7d KB\n' "$gt" "$gm"
printf 'antisilo audit        %6.2f s  %7d KB\n' "$at" "$am"
awk -v a="$at" -v g="$gt" -v am="$am" -v gm="$gm" \
	'BEGIN { printf "ratio: time %.2f, memory %.2f\n", a / g, am / gm }'
