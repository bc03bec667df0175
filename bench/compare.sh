#!/usr/bin/env bash
# bench/compare.sh REPO SINCE [RUNS] [-- AUDIT-OPTIONS...]
#
# What --compare-previous costs: wall time and peak memory of
# `antisilo audit --since SINCE` with and without it, beside
# `git log --format=%B --since SINCE` over the same range; median of RUNS
# (default 5). The previous period is as long as SINCE..now, so the second
# scan walks about as many commits again (without changed paths).
# Prints the ratios against git log and the cost of the comparison.
set -euo pipefail
repo=${1:?usage: bench/compare.sh REPO SINCE [RUNS] [-- AUDIT-OPTIONS...]}
since=${2:?usage: bench/compare.sh REPO SINCE [RUNS]}
runs=${3:-5}
shift $(( $# < 3 ? $# : 3 ))
[ "${1:-}" = "--" ] && shift
here=$(cd "$(dirname "$0")/.." && pwd)
antisilo=${ANTISILO:-$here/build/antisilo}
rules=${RULES:-$here/rules.ini}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # prints "seconds kilobytes" for one run of "$@"
	/usr/bin/time -f '%e %M' -o "$tmp" "$@" >/dev/null 2>&1 || true
	cat "$tmp"
}

g_t=() g_m=() a_t=() a_m=() c_t=() c_m=()
for _ in $(seq "$runs"); do
	read -r t m < <(measure git -C "$repo" log --format=%B --since="$since" HEAD)
	g_t+=("$t"); g_m+=("$m")
	read -r t m < <(measure "$antisilo" audit --quiet --repo "$repo" --rules "$rules" \
		--format json --fail-on never --since "$since" "$@")
	a_t+=("$t"); a_m+=("$m")
	read -r t m < <(measure "$antisilo" audit --quiet --repo "$repo" --rules "$rules" \
		--format json --fail-on never --since "$since" --compare-previous "$@")
	c_t+=("$t"); c_m+=("$m")
done

gt=$(printf '%s\n' "${g_t[@]}" | median); gm=$(printf '%s\n' "${g_m[@]}" | median)
at=$(printf '%s\n' "${a_t[@]}" | median); am=$(printf '%s\n' "${a_m[@]}" | median)
ct=$(printf '%s\n' "${c_t[@]}" | median); cm=$(printf '%s\n' "${c_m[@]}" | median)
commits=$(git -C "$repo" rev-list --count --since="$since" HEAD)
echo "since $since: $commits commits, median of $runs runs, $(nproc) cores, options: ${*:-none}"
printf 'git log --format=%%B              %6.2f s  %7d KB\n' "$gt" "$gm"
printf 'antisilo audit                   %6.2f s  %7d KB\n' "$at" "$am"
printf 'antisilo audit --compare-previous %5.2f s  %7d KB\n' "$ct" "$cm"
awk -v a="$at" -v c="$ct" -v g="$gt" -v am="$am" -v cm="$cm" -v gm="$gm" 'BEGIN {
	printf "ratio to git log: audit %.2f, with the comparison %.2f (memory %.2f, %.2f)\n",
		a / g, c / g, am / gm, cm / gm
	printf "the comparison costs %.0f%% more time\n", (c - a) / a * 100 }'
