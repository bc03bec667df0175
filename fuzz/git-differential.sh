#!/usr/bin/env bash
# fuzz/git-differential.sh KIND FILE...: feed fuzz inputs to git and to
# antisilo's parsers and compare what they make of them (fuzz/README.md).
#
#   msg      commit messages (the trailer corpus): one commit each
#            (git commit-tree keeps the bytes), then git log versus
#            test-tool log: %aN <%aE>, %s, %(trailers:only,unfold)
#   raw      raw commit objects (the commit corpus): their headers and
#            message, with our tree and parent lines, written as they are
#            (not those that end inside their headers: git reads past its
#            buffer then)
#   mailmap  .mailmap inputs of the mailmap harness: git check-mailmap
#            versus test-tool check-mailmap on their queries
#
# TEST_TOOL (default build/test-tool) is the tool to compare. Inputs git
# itself refuses are skipped. Exit status 1 when anything differs.
#
#   fuzz/git-differential.sh msg build-fuzz/work/trailer/corpus/*
set -u
kind=${1:-}
shift || true
top=$(cd "$(dirname "$0")/.." && pwd)
tool=${TEST_TOOL:-$top/build/test-tool}
case $tool in /*) ;; *) tool=$top/$tool ;; esac
[ -x "$tool" ] || { echo "no $tool (make build/test-tool, or set TEST_TOOL)" >&2; exit 2; }
inputs=()
for f in "$@"; do
	case $f in /*) inputs+=("$f") ;; *) inputs+=("$PWD/$f") ;; esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-gitdiff.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
export HOME=$work GIT_CONFIG_NOSYSTEM=1 LC_ALL=C TZ=UTC
export GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.com GIT_COMMITTER_NAME=C GIT_COMMITTER_EMAIL=c@example.com
export GIT_AUTHOR_DATE=1700000000 GIT_COMMITTER_DATE=1700000000
unset GIT_DIR GIT_WORK_TREE

LOG_FORMAT='%H%n%aN <%aE>%n%s%n%(trailers:only,unfold)%x00'

commits() {
	git init -q --bare r.git
	export GIT_DIR=$work/r.git
	local tree parent= c n=0
	tree=$(git mktree </dev/null)
	for f in "${inputs[@]}"; do
		if [ "$kind" = msg ]; then
			c=$(git commit-tree "$tree" ${parent:+-p "$parent"} -F - <"$f" 2>/dev/null) || continue
		else
			{
				printf 'tree %s\n' "$tree"
				[ -z "$parent" ] || printf 'parent %s\n' "$parent"
				sed -e '1{/^tree /d}' "$f" | sed -e '/^parent [0-9a-f]*$/d'
			} >raw.obj
			# git reads past its buffer when an object ends inside its
			# headers (commit.c says so): its output is then garbage
			python3 -c 'import sys; d = open("raw.obj", "rb").read(); i = d.find(b"\n\n"); n = d.find(b"\0"); sys.exit(i < 0 or 0 <= n < i)' || continue
			c=$(git hash-object -t commit -w --literally --stdin <raw.obj 2>/dev/null) || continue
			git log -1 --format=%H "$c" >/dev/null 2>&1 || continue
		fi
		parent=$c
		n=$((n + 1))
	done
	[ -n "$parent" ] || { echo "no input git accepts"; exit 0; }
	git update-ref refs/heads/main "$parent"
	git symbolic-ref HEAD refs/heads/main
	git log --use-mailmap --format="$LOG_FORMAT" HEAD >git.out || exit 2
	"$tool" log "$GIT_DIR" HEAD >tool.out || { echo "test-tool log failed"; exit 1; }
	unset GIT_DIR
	if cmp -s git.out tool.out; then
		echo "$n commits: same as git"
		exit 0
	fi
	echo "$n commits: test-tool log differs from git log:"
	diff -u <(tr '\0' '@' <git.out) <(tr '\0' '@' <tool.out) | head -60
	exit 1
}

mailmaps() {
	local n=0 bad=0
	git init -q r
	for f in "${inputs[@]}"; do
		# the mailmap up to the first NUL; queries after it (or its own lines)
		python3 - "$f" r/.mailmap queries <<'PY' || continue
import sys
d = open(sys.argv[1], 'rb').read()
i = d.find(b'\0')
open(sys.argv[2], 'wb').write(d if i < 0 else d[:i])
out = []
for line in (d if i < 0 else d[i + 1:]).split(b'\n'):
    lt = line.find(b'<')
    gt = line.find(b'>', lt)
    if b'\0' in line or lt < 0 or gt < 0 or b'\r' in line[:gt]:
        continue
    out.append(line[:gt + 1])
open(sys.argv[3], 'wb').write(b''.join(q + b'\n' for q in out))
PY
		[ -s queries ] || continue
		mapfile -t qs <queries
		(cd r && git check-mailmap "${qs[@]}") >git.out 2>/dev/null || continue
		"$tool" check-mailmap r "${qs[@]}" >tool.out 2>/dev/null
		n=$((n + 1))
		if ! cmp -s git.out tool.out; then
			bad=$((bad + 1))
			echo "differs: $f"
			diff git.out tool.out | head -10
		fi
	done
	echo "$n mailmaps: $bad differ from git"
	[ "$bad" -eq 0 ]
}

case $kind in
msg | raw) commits ;;
mailmap) mailmaps ;;
*) echo "usage: fuzz/git-differential.sh msg|raw|mailmap FILE..." >&2; exit 2 ;;
esac
