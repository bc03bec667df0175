#!/bin/sh
# bench/tracker.sh — reading large tracker exports.
#
# Generates a ~100 MB export of ~300,000 issue events (one JSON array, as
# GET /repos/{owner}/{repo}/issues/events returns it when concatenated;
# 35% assignments and unassignments, the rest labels, closes, mentions...)
# and a ~100 MB `gh pr list --json number,title,author,createdAt,mergedAt,
# mergedBy,assignees,reviews,files` export (~69,000 pull requests, 0-4
# reviews and 1-8 files each, every field gh writes for them), and runs
# `antisilo audit --tracker` on each three times against an empty
# repository: prints the median wall time and peak RSS (/usr/bin/time %M).
#
#   bench/tracker.sh [EVENTS [PRS]]    default 300000 69000
#   ANTISILO_BUILD=build-asan bench/tracker.sh
#
# Targets (SPEC §8, issues 4 and 12): each under 2 s, and the pull
# requests under 64 MB peak RSS (neither export is ever held as a tree of
# json_t).
set -eu
EVENTS=${1:-300000}
PRS=${2:-69000}
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

# the pull requests: compact JSON, as gh writes it to a pipe
awk -v n="$PRS" 'BEGIN {
	srand(7);
	split("APPROVED COMMENTED CHANGES_REQUESTED DISMISSED APPROVED COMMENTED", state, " ");
	split("frontend/src/scenes plugin-server/src posthog/api posthog/models ee/clickhouse docs/handbook", dir, " ");
	printf "[";
	for (i = 1; i <= n; i++) {
		author = "user" int(rand() * 400);
		bot = rand() < 0.05;
		if (bot) author = "app/dependabot";
		day = 1 + int(i * 28 / n);
		t = sprintf("2024-02-%02dT%02d:%02d:%02dZ", day, int(rand() * 24), int(rand() * 60), int(rand() * 60));
		if (i > 1) printf ",";
		printf "{\"assignees\":[{\"id\":\"MDQ6VXNlcjEy%05d\",\"login\":\"%s\",\"name\":\"Some Person\"}],", i % 99999, author;
		printf "\"author\":{\"id\":\"MDQ6VXNlcjEy%05d\",\"is_bot\":%s,\"login\":\"%s\",\"name\":\"Name of %s\"},", i % 99999, (bot ? "true" : "false"), author, author;
		printf "\"createdAt\":\"%s\",\"files\":[", t;
		nf = 1 + int(rand() * 8);
		for (f = 1; f <= nf; f++)
			printf "%s{\"path\":\"%s/module%d/file%d.ts\",\"additions\":%d,\"deletions\":%d}", (f > 1 ? "," : ""), dir[1 + int(rand() * 6)], int(rand() * 40), int(rand() * 30), int(rand() * 200), int(rand() * 80);
		printf "],\"mergedAt\":\"%s\",\"mergedBy\":{\"id\":\"MDQ6VXNlcjE=\",\"is_bot\":false,\"login\":\"user%d\",\"name\":\"\"},", t, int(rand() * 400);
		printf "\"number\":%d,\"reviews\":[", i;
		nr = int(rand() * 5);
		for (r = 1; r <= nr; r++)
			printf "%s{\"id\":\"PRR_kwDOABCD%09d\",\"author\":{\"login\":\"user%d\"},\"authorAssociation\":\"MEMBER\",\"body\":\"Looks good to me; one nit about the name of the helper in the second file.\",\"submittedAt\":\"%s\",\"includesCreatedEdit\":false,\"reactionGroups\":[],\"state\":\"%s\",\"commit\":{\"oid\":\"%08x%08x%08x%08x%08x\"}}", (r > 1 ? "," : ""), i * 5 + r, int(rand() * 400), t, state[1 + int(rand() * 6)], i, r, i * r, i + r, 7 * i;
		printf "],\"title\":\"Make the insight number %d load faster on big projects\"}", i;
	}
	printf "]\n";
}' >"$WORK/prs.json"

# run NAME FILE: median of three audits of one export
run() {
	size=$(wc -c <"$2")
	times=""
	for i in 1 2 3; do
		/usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$ANTISILO" audit --repo "$WORK/repo" \
			--rules "$WORK/rules.ini" --tracker "$2" --format json \
			--fail-on never --quiet >"$WORK/out.json"
		times="$times$(cat "$WORK/time")
"
	done
	printf '%s' "$times" | sort -n | sed -n 2p | {
		read -r secs kb user sys
		echo "$1, $((size / 1000000)) MB: median of 3: ${secs} s wall (${user} s user + ${sys} s system), peak RSS $((kb / 1024)) MB"
	}
}

run "issue events ($EVENTS)" "$WORK/events.json"
echo "  assignments: $(jq -c .metrics.assignments "$WORK/out.json")"
run "pull requests ($PRS)" "$WORK/prs.json"
echo "  feedback: $(jq -c "[.metrics.feedback.total, .metrics.feedback.by_key]" "$WORK/out.json"), bot events: $(jq -c .metrics.bot_events "$WORK/out.json")"
echo "(wall time counts waiting for a core: compare user + system when the machine is busy; load: $(cut -d' ' -f1-3 /proc/loadavg))"
