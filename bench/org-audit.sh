#!/usr/bin/env bash
# bench/org-audit.sh [GLOB|FILE] [RUNS]
#
# An organisation's audit (`antisilo audit --repos`) against `git log` over
# the same repositories: wall time and peak memory, median of RUNS
# (default 5) alternating runs, for each --jobs in JOBS (default "1 2").
#
#   full audit     `antisilo audit --repos` (paths, tracker files, metrics)
#                  vs `git log --no-renames --name-only --format=%H` of each
#                  repository, one after the other
#   message audit  (MODES="message") `--no-paths` vs `git log --format=%B`
#
# GIT_RENAMES=1 compares the full audit with `git log --name-only` (renames
# found, git's default): the audit follows renames for the silo metrics,
# and on histories that move many files that is most of its time (it needs
# every blob: git log stops at one a partial clone lacks).
#
# Without GLOB|FILE it builds N repositories (default 8) of COMMITS commits
# (default 3000) each with git fast-import in a temporary directory: ten
# authors in two teams, files in a dozen directories, a trailer on one
# commit in ten (Assigned-by, Reviewed-by, Approved-by), a TODO.md.
#
# Memory is the peak RSS of the largest process (GNU time's %M): with
# --repos each repository is audited in a process of its own, so with
# --jobs 2 two such processes run at once. Prints the ratios
# (antisilo / git log) for time and memory.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
antisilo=${ANTISILO:-$here/build/antisilo}
runs=${2:-5}
jobs_list=${JOBS:-1 2}
modes=${MODES:-full message}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# make_repo DIR SEED: one synthetic repository, bare, from a fast-import stream
make_repo() {
	git init -q --bare --initial-branch=main "$1"
	awk -v n="${COMMITS:-3000}" -v seed="$2" 'BEGIN {
		srand(seed)
		split("alice bob carol dave eve frank grace heidi ivan judy", who, " ")
		split("src/player src/recorder src/api src/ui web/page web/css lib/core lib/net docs tools infra test", dirs, " ")
		t = 1700000000
		for (i = 1; i <= n; i++) {
			a = who[int(rand() * 10) + 1]
			t += 600 + int(rand() * 3600)
			msg = sprintf("Change %d of the %s code", i, dirs[(i % 12) + 1])
			r = rand()
			if (r < 0.04) msg = msg "\n\nAssigned-by: " who[int(rand() * 10) + 1] " <" who[int(rand() * 10) + 1] "@example.com>"
			else if (r < 0.08) msg = msg "\n\nReviewed-by: " who[int(rand() * 10) + 1] " <" who[int(rand() * 10) + 1] "@example.com>"
			else if (r < 0.10) msg = msg "\n\nApproved-by: Dave <dave@example.com>"
			printf "commit refs/heads/main\n"
			printf "author %s <%s@example.com> %d +0000\n", a, a, t
			printf "committer %s <%s@example.com> %d +0000\n", a, a, t
			printf "data %d\n%s\n", length(msg), msg
			nf = 1 + int(rand() * 3)
			for (k = 0; k < nf; k++) {
				f = sprintf("%s/f%d.c", dirs[int(rand() * 12) + 1], int(rand() * 20))
				body = sprintf("/* %s, change %d */\n", a, i)
				printf "M 100644 inline %s\ndata %d\n%s\n", f, length(body), body
			}
			if (i % 500 == 0) {
				todo = sprintf("- [ ] Task %d @%s\n", i, who[int(rand() * 10) + 1])
				printf "M 100644 inline TODO.md\ndata %d\n%s\n", length(todo), todo
			}
			printf "\n"
		}
	}' | git -C "$1" fast-import --quiet
}

if [ $# -ge 1 ] && [ -n "$1" ]; then
	repos=$1
	if [ -f "$repos" ]; then
		# a list file: its paths, relative to its directory
		base=$(cd "$(dirname "$repos")" && pwd)
		mapfile -t dirs < <(grep -v '^[[:space:]]*\(#\|$\)' "$repos" |
			sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e "s|^\([^/]\)|$base/\1|")
	else
		# shellcheck disable=SC2206
		dirs=($repos)
	fi
else
	n=${N:-8}
	echo "building $n repositories of ${COMMITS:-3000} commits in $tmp ..."
	dirs=()
	for i in $(seq "$n"); do
		make_repo "$tmp/r$i.git" "$i"
		dirs+=("$tmp/r$i.git")
	done
	printf '%s\n' "${dirs[@]}" >"$tmp/repos.txt"
	repos=$tmp/repos.txt
fi

cat >"$tmp/rules.ini" <<EOF
[antisilo]
include = $here/rules.ini
[people]
alice = alice <alice@example.com>
bob = bob <bob@example.com>
carol = carol <carol@example.com>
dave = Dave <dave@example.com>
eve = eve <eve@example.com>
frank = frank <frank@example.com>
grace = grace <grace@example.com>
heidi = heidi <heidi@example.com>
ivan = ivan <ivan@example.com>
judy = judy <judy@example.com>
[managers]
bob = alice
carol = alice
eve = dave
frank = dave
[team.replay]
lead = alice
members = bob, carol, grace, heidi
paths = src/
[team.web]
lead = dave
members = eve, frank, ivan, judy
paths = web/
EOF
rules=${RULES:-$tmp/rules.ini}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # prints "seconds kilobytes" for one run of "$@"
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
	cat "$tmp/time"
}
# every repository's git log, one after the other: total time, largest peak
git_all() {
	local total=0 peak=0 t m
	for d in "${dirs[@]}"; do
		read -r t m < <(measure git -C "$d" "$@")
		total=$(awk -v a="$total" -v b="$t" 'BEGIN { print a + b }')
		[ "$m" -gt "$peak" ] && peak=$m
	done
	echo "$total $peak"
}

commits=0
for d in "${dirs[@]}"; do
	commits=$((commits + $(git -C "$d" rev-list --count HEAD)))
done
echo "${#dirs[@]} repositories, $commits commits in all, median of $runs runs," \
     "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"

for mode in $modes; do
	if [ "$mode" = message ]; then
		gitargs=(log --format=%B HEAD)
		flags=(--no-paths)
		echo "message audit (vs git log --format=%B of each repository)"
	else
		flags=()
		if [ -n "${GIT_RENAMES:-}" ]; then
			gitargs=(log --name-only --format=%H HEAD)
			echo "full audit (vs git log --name-only --format=%H of each repository: renames found, as the audit finds them)"
		else
			gitargs=(log --no-renames --name-only --format=%H HEAD)
			echo "full audit (vs git log --no-renames --name-only --format=%H of each repository)"
		fi
	fi
	for jobs in $jobs_list; do
		git_t=() git_m=() as_t=() as_m=()
		for _ in $(seq "$runs"); do
			read -r t m < <(git_all "${gitargs[@]}")
			git_t+=("$t"); git_m+=("$m")
			read -r t m < <(measure "$antisilo" audit --quiet "${flags[@]}" --jobs "$jobs" \
				--repos "$repos" --rules "$rules" --fail-on never)
			as_t+=("$t"); as_m+=("$m")
		done
		gt=$(printf '%s\n' "${git_t[@]}" | median); gm=$(printf '%s\n' "${git_m[@]}" | median)
		at=$(printf '%s\n' "${as_t[@]}" | median); am=$(printf '%s\n' "${as_m[@]}" | median)
		awk -v j="$jobs" -v a="$at" -v g="$gt" -v am="$am" -v gm="$gm" 'BEGIN {
			printf "  --jobs %-2s antisilo %6.2f s %7d KB   git log %6.2f s %7d KB   ratio: time %.2f, memory %.2f\n",
			       j, a, am, g, gm, a / g, am / gm }'
	done
done
