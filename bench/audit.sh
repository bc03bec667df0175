#!/usr/bin/env bash
# bench/audit.sh REPO [RANGE] [RUNS]
#
# Wall time and peak memory of antisilo audit against git log on the same
# range, median of RUNS (default 5) alternating runs, for each --jobs in
# JOBS (default "1 2 4"):
#
#   message audit  `antisilo audit --no-paths`  vs `git log --format=%B`
#   full audit     `antisilo audit` (paths, tracker files, metrics)
#                                    vs `git log --no-renames --name-only --format=%H`
#
# Prints the ratios (antisilo / git log). Bars (issue 13, 2 cores): message
# audit <= 0.6, full audit <= 0.5, memory <= 1.0. A repository with a
# commit-graph (git commit-graph write --reachable; git gc writes one) is
# walked without reading commits; without one the commits of the packs are
# read ahead on every core (source/commit_table.c) and the walk uses that.
# MODES="message" or "full" runs one of the two.
set -euo pipefail
repo=${1:?usage: bench/audit.sh REPO [RANGE] [RUNS]}
range=${2:-HEAD}
runs=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
antisilo=${ANTISILO:-$here/build/antisilo}
rules=${RULES:-$here/rules.ini}
jobs_list=${JOBS:-1 2 4}
modes=${MODES:-message full}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # prints "seconds kilobytes" for one run of "$@"
	/usr/bin/time -f '%e %M' -o "$tmp" "$@" >/dev/null 2>&1 || true
	cat "$tmp"
}

commits=$(git -C "$repo" rev-list --count "$range")
graph=no
[ -f "$repo/objects/info/commit-graph" ] || [ -d "$repo/objects/info/commit-graphs" ] ||
	[ -f "$repo/.git/objects/info/commit-graph" ] && graph=yes
echo "range $range: $commits commits, median of $runs runs, $(nproc) cores," \
     "commit-graph: $graph, load $(cut -d' ' -f1 /proc/loadavg)"

for mode in $modes; do
	if [ "$mode" = message ]; then
		gitcmd=(git -C "$repo" log --format=%B "$range")
		flags=(--no-paths)
		echo "message audit (vs git log --format=%B)"
	else
		gitcmd=(git -C "$repo" log --no-renames --name-only --format=%H "$range")
		flags=()
		echo "full audit (vs git log --no-renames --name-only --format=%H)"
	fi
	for jobs in $jobs_list; do
		git_t=() git_m=() as_t=() as_m=()
		for _ in $(seq "$runs"); do
			read -r t m < <(measure "${gitcmd[@]}")
			git_t+=("$t"); git_m+=("$m")
			read -r t m < <(measure "$antisilo" audit --quiet "${flags[@]}" --jobs "$jobs" \
				--repo "$repo" --rules "$rules" --format json --fail-on never "$range")
			as_t+=("$t"); as_m+=("$m")
		done
		gt=$(printf '%s\n' "${git_t[@]}" | median); gm=$(printf '%s\n' "${git_m[@]}" | median)
		at=$(printf '%s\n' "${as_t[@]}" | median); am=$(printf '%s\n' "${as_m[@]}" | median)
		awk -v j="$jobs" -v a="$at" -v g="$gt" -v am="$am" -v gm="$gm" 'BEGIN {
			printf "  --jobs %-2s antisilo %6.2f s %7d KB   git log %6.2f s %7d KB   ratio: time %.2f, memory %.2f\n",
			       j, a, am, g, gm, a / g, am / gm }'
	done
done
