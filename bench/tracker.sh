#!/bin/sh
# bench/tracker.sh — reading a large GitHub issue-events export.
#
# Generates a ~100 MB export of ~300,000 issue events (one JSON array, as
# GET /repos/{owner}/{repo}/issues/events returns it when concatenated;
# 35% assignments and unassignments, the rest labels, closes, mentions...)
# and runs `antisilo audit --tracker` on it three times against an empty
# repository: prints the median wall time and peak RSS (/usr/bin/time %M).
#
#   bench/tracker.sh [EVENTS]          default 300000
#   ANTISILO_BUILD=build-asan bench/tracker.sh
#
# Target (SPEC §8, issue 4): under 2 s and bounded memory (the export is
# never held as a tree of json_t).
set -eu
EVENTS=${1:-300000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ANTISILO_BUILD:-$SRC/build}
ANTISILO=${ANTISILO:-$BUILD/antisilo}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-bench-tracker.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

[ -x /usr/bin/time ] || { echo "bench/tracker.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

awk -v n="$EVENTS" 'BEGIN {
	srand(42);
	split("labeled closed reopened mentioned subscribed referenced renamed milestoned", other, " ");
	printf "[";
	for (i = 1; i <= n; i++) {
		id = 1000000000 + i;
		issue = 1 + int(rand() * 20000);
		actor = "user" int(rand() * 400);
		who = "user" int(rand() * 400);
		r = rand();
		day = 1 + int(i * 28 / n);
		t = sprintf("2024-02-%02dT%02d:%02d:%02dZ", day, int(rand() * 24), int(rand() * 60), int(rand() * 60));
		if (i > 1) printf ",";
		printf "{\"id\":%d,\"node_id\":\"IE_kwDOABCD%09d\",", id, i;
		printf "\"actor\":{\"login\":\"%s\",\"id\":%d,\"type\":\"User\"},", actor, 100 + i % 400;
		if (r < 0.30 || r > 0.95) {
			ev = r < 0.30 ? "assigned" : "unassigned";
			printf "\"event\":\"%s\",\"commit_id\":null,\"commit_url\":null,\"created_at\":\"%s\",", ev, t;
			printf "\"assignee\":{\"login\":\"%s\",\"id\":%d,\"type\":\"User\"},\"assigner\":{\"login\":\"%s\",\"id\":%d,\"type\":\"User\"},", who, 7, actor, 8;
		} else {
			ev = other[1 + int(rand() * 8)];
			printf "\"event\":\"%s\",\"commit_id\":null,\"commit_url\":null,\"created_at\":\"%s\",\"label\":{\"name\":\"bug\",\"color\":\"d73a4a\"},", ev, t;
		}
		printf "\"issue\":{\"id\":%d,\"number\":%d,\"title\":\"Issue number %d of the shop\",\"state\":\"open\"}}\n", 5000000 + issue, issue, issue;
	}
	printf "]\n";
}' >"$WORK/events.json"

git init -q "$WORK/repo"
git -C "$WORK/repo" -c user.name=B -c user.email=b@example.com commit -q --allow-empty -m init
cat >"$WORK/rules.ini" <<'RULES'
[people]
user1 = User One <user1@example.com>, @user1
user2 = User Two <user2@example.com>, @user2
[managers]
user2 = user1
[rule.tracker-top-down]
source   = tracker
event    = assignment
relation = manager, skip-level
severity = error
explain  = Managers set context, not tasks.
RULES

size=$(wc -c <"$WORK/events.json")
echo "export: $EVENTS events, $((size / 1000000)) MB"
times=""
for run in 1 2 3; do
	/usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$ANTISILO" audit --repo "$WORK/repo" \
		--rules "$WORK/rules.ini" --tracker "$WORK/events.json" --format json \
		--fail-on never --quiet >"$WORK/out.json"
	times="$times$(cat "$WORK/time")
"
done
printf '%s' "$times" | sort -n | sed -n 2p | {
	read -r secs kb user sys
	echo "median of 3: ${secs} s wall (${user} s user + ${sys} s system), peak RSS $((kb / 1024)) MB"
}
echo "(wall time counts waiting for a core: compare user + system when the machine is busy; load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "assignments: $(jq -c .metrics.assignments "$WORK/out.json")"
