#!/usr/bin/env bash
# bench/hook.sh — wall time of `antisilo pre-receive` for a push of 1, 100
# and 10,000 new commits into a repository of git.git's shape (all of its
# refs present), in exactly the layout git gives the hook.
#
#   bench/hook.sh [MIRROR]      MIRROR: a bare clone of git.git, read only
#                               (default /work/.mirror/git+git/repo)
#   ANTISILO=path/to/antisilo   binary (default build/antisilo)
#   RUNS=5                      runs per case (the median is printed)
#   SIZES="1 100 10000"         pushes to measure
#   KEEP=1                      keep the scratch directory (its path is printed)
#
# How: a scratch server repository borrows MIRROR's objects (alternates;
# nothing is ever written to MIRROR) and copies its refs. A scratch client
# makes N new commits on top of master, with the messages and authors of
# git.git's newest N commits (so the rules see real text). A real
# `git push` runs a capturing pre-receive hook that copies the quarantine
# directory, the environment and stdin, then rejects the push, so the
# server stays as it was. Each case then runs `antisilo pre-receive` with
# that environment and stdin, RUNS times after one warm-up run.
#
# Columns: "quarantine" is the hook as it runs (default --jobs 2); "jobs=1"
# the same with one thread; "no-quarantine" the same pushes judged without
# the quarantine (git rev-list NEW --not --all semantics: every ref read and
# hidden); "via hook" through hooks/pre-receive (the sh wrapper) instead of
# the binary. Targets: 1 commit <= 50 ms, 100 <= 100 ms, 10,000 <= 1 s.
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
MIRROR=${1:-/work/.mirror/git+git/repo}
BIN=${ANTISILO:-$SRC/build/antisilo}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1 100 10000"}
RULES=${RULES:-$SRC/rules.ini}

[ -x "$BIN" ] || { echo "bench/hook.sh: $BIN: build antisilo first (make)" >&2; exit 1; }
[ -d "$MIRROR/objects" ] || { echo "bench/hook.sh: $MIRROR: not a bare repository" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench/hook.sh: needs python3" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-bench-hook.XXXXXX")
if [ -n "${KEEP:-}" ]; then
	echo "bench/hook.sh: scratch directory $WORK (kept)"
else
	trap 'rm -rf "$WORK"' EXIT
fi
export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK/home
mkdir -p "$HOME"
unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES

# ---- the server: git.git's objects and refs -------------------------------
SERVER=$WORK/server.git
git init -q --bare "$SERVER"
echo "$MIRROR/objects" >"$SERVER/objects/info/alternates"
{
	echo "# pack-refs with: sorted"
	git --git-dir="$MIRROR" for-each-ref --format='%(objectname) %(refname)' | LC_ALL=C sort -k2
} >"$SERVER/packed-refs"
git --git-dir="$SERVER" symbolic-ref HEAD refs/heads/master
NREFS=$(git --git-dir="$SERVER" for-each-ref | wc -l)
BASE=$(git --git-dir="$SERVER" rev-parse master)

# The capturing hook: keeps what git hands a pre-receive hook, then rejects.
cat >"$SERVER/hooks/pre-receive" <<EOF
#!/bin/sh
cat >"$WORK/stdin"
cp -a "\$GIT_QUARANTINE_PATH" "$WORK/quarantine"
env | grep -E '^GIT_(DIR|QUARANTINE_PATH|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES)=' >"$WORK/env"
exit 1
EOF
chmod +x "$SERVER/hooks/pre-receive"

# ---- the client: N new commits on master ------------------------------------
CLIENT=$WORK/client.git
git init -q --bare "$CLIENT"
echo "$MIRROR/objects" >"$CLIENT/objects/info/alternates"

# fast_import N: refs/heads/bench-N = N commits on top of master, each with
# the message and author of one of git.git's newest N commits.
fast_import() {
	git --git-dir="$MIRROR" log -n "$1" --reverse --format='%an%x00%ae%x00%at%x00%B%x00' master |
	python3 -c '
import sys
n, base = sys.argv[1], sys.argv[2]
data = sys.stdin.buffer.read().split(b"\0")
out = sys.stdout.buffer
i = 0
k = 0
while i + 3 < len(data):
    name, email, when, msg = data[i].lstrip(b"\n"), data[i + 1], data[i + 2], data[i + 3]
    i += 4
    k += 1
    out.write(b"commit refs/heads/bench-%s\n" % n.encode())
    out.write(b"author %s <%s> %s +0000\n" % (name, email, when))
    out.write(b"committer %s <%s> %s +0000\n" % (name, email, when))
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if k == 1:
        out.write(b"from %s\n" % base.encode())
    body = b"change %d\n" % k
    out.write(b"M 644 inline bench/f%d.txt\ndata %d\n%s\n" % (k % 500, len(body), body))
' "$1" "$BASE" | git --git-dir="$CLIENT" fast-import --quiet
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# time_run CMD...: "WALL CPU" of one run in milliseconds; CPU (user +
# system) is what the run would take on an idle machine, WALL what it took
# here. (`times` must run in this very shell, not in a pipe or $(...).)
time_run() {
	local t0 t1
	times >"$WORK/times0"
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || true
	t1=$EPOCHREALTIME
	times >"$WORK/times1"
	awk -v a="$t0" -v b="$t1" '
		function ms(x, p) { split(x, p, /[ms]/); return (p[1] * 60 + p[2]) * 1000 }
		FNR == 2 { c[FILENAME == ARGV[1]] = ms($1) + ms($2) }
		END { printf "%.1f %.1f\n", (b - a) * 1000, c[0] - c[1] }' "$WORK/times0" "$WORK/times1"
}

# The runs, as git runs the hook: in GIT_DIR with the captured environment.
run_quarantine() {
	(cd "$SERVER" && env GIT_DIR=. GIT_QUARANTINE_PATH="$Q" GIT_OBJECT_DIRECTORY="$Q" \
		GIT_ALTERNATE_OBJECT_DIRECTORIES="$SERVER/objects" \
		"$@" <"$WORK/stdin-$N")
}
run_no_quarantine() {
	(cd "$SERVER" && env GIT_DIR=. GIT_ALTERNATE_OBJECT_DIRECTORIES="$Q" \
		"$@" <"$WORK/stdin-$N")
}

# measure CMD...: "WALL/CPU" medians (ms) of RUNS runs after a warm-up.
measure() {
	local runs
	"$@" >/dev/null 2>&1 || true
	runs=$(for _ in $(seq "$RUNS"); do time_run "$@"; done)
	printf '%s/%s' "$(cut -d' ' -f1 <<<"$runs" | median)" "$(cut -d' ' -f2 <<<"$runs" | median)"
}

# The hook script as install.sh installs it, running $BIN with $RULES.
HOOK=$WORK/hook-pre-receive
sed -e "s|^baked_bin=.*|baked_bin='$BIN'|" "$SRC/hooks/pre-receive" >"$HOOK"
chmod +x "$HOOK"

printf 'antisilo pre-receive on %s: %s refs, base %.12s\n' "$MIRROR" "$NREFS" "$BASE"
printf 'median of %s runs, wall/cpu in ms (cpu: user + system, what an idle machine would take)\n' "$RUNS"
printf '%8s %8s %16s %16s %16s %16s\n' commits objects "quarantine" "jobs=1" "no-quarantine" "via hook"
for N in $SIZES; do
	fast_import "$N"
	rm -rf "$WORK/quarantine"
	git --git-dir="$CLIENT" push -q "$SERVER" "refs/heads/bench-$N:refs/heads/bench-$N" >/dev/null 2>&1 || true
	[ -d "$WORK/quarantine" ] || { echo "bench/hook.sh: the capture hook did not run" >&2; exit 1; }
	mv "$WORK/stdin" "$WORK/stdin-$N"
	# Back where git had it: inside the server's objects directory.
	Q=$SERVER/objects/tmp_objdir-incoming-bench-$N
	rm -rf "$Q"
	mv "$WORK/quarantine" "$Q"
	objects=$(find "$Q" -type f -path '*/[0-9a-f][0-9a-f]/*' | wc -l)
	for idx in "$Q"/pack/*.idx; do
		[ -f "$idx" ] && objects=$((objects + $(git show-index <"$idx" | wc -l)))
	done
	summary=$(run_quarantine "$BIN" pre-receive --rules "$RULES" 2>&1 | tail -n 1 || true)
	q=$(measure run_quarantine "$BIN" pre-receive --rules "$RULES")
	q1=$(measure run_quarantine "$BIN" pre-receive --rules "$RULES" --jobs 1)
	nq=$(measure run_no_quarantine "$BIN" pre-receive --rules "$RULES")
	h=$(measure run_quarantine env ANTISILO_RULES="$RULES" "$HOOK")
	printf '%8s %8s %16s %16s %16s %16s\n' "$N" "$objects" "$q" "$q1" "$nq" "$h"
	printf '         (%s)\n' "$summary"
done
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
