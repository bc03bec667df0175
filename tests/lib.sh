# tests/lib.sh — a tiny TAP library for antisilo's shell tests (run by prove).
#
#   . "$(dirname "$0")/lib.sh"
#   test_expect_success 'what it shows' '
#       make_repo r && commit_msg r "Subject" &&
#       run_antisilo audit --repo r --format json >out.json &&
#       check_json out.json ".findings | length" 0
#   '
#   test_done
#
# Every test runs in its own fresh scratch directory under $TEST_ROOT, with a
# fixed git identity and dates so that repositories are reproducible.

set -u
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_DIR=$(cd "$TESTS_DIR/.." && pwd)
BUILD=${ANTISILO_BUILD:-$SRC_DIR/build}
ANTISILO=${ANTISILO:-$BUILD/antisilo}
TEST_TOOL=${TEST_TOOL:-$BUILD/test-tool}
TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-test.XXXXXX")
trap 'rm -rf "$TEST_ROOT"' EXIT

export ANTISILO_DEFAULT_RULES="$SRC_DIR/rules.ini"
# How many rules the shipped default has (tests that count rules add theirs).
SHIPPED_RULES=$(grep -c '^\[rule\.' "$SRC_DIR/rules.ini")
# (set and empty: no site file, whatever this machine has installed)
export ANTISILO_SITE_RULES=
unset ANTISILO_RULES GIT_DIR GIT_WORK_TREE GIT_OBJECT_DIRECTORY \
      GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH GL_ID
export HOME="$TEST_ROOT/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C TZ=UTC
mkdir -p "$HOME"
git config --global user.name "Test Author"
git config --global user.email "test@example.com"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
export GIT_AUTHOR_DATE="2024-01-01T12:00:00Z" GIT_COMMITTER_DATE="2024-01-01T12:00:00Z"

test_count=0
test_failed=0

# test_expect_success DESCRIPTION SCRIPT
test_expect_success() {
	test_count=$((test_count + 1))
	local dir="$TEST_ROOT/t$test_count"
	mkdir -p "$dir"
	if (cd "$dir" && set -e && eval "$2") >"$dir.log" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$dir.log" | tail -n 40
	fi
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# --- helpers -------------------------------------------------------------

run_antisilo() { "$ANTISILO" "$@"; }

# make_repo DIR: a fresh non-bare repository.
make_repo() { git init -q "$1"; }

# commit_as DIR "Name <email>" MESSAGE [FILE]: one commit by that author,
# touching FILE (default: a file named after the commit count).
commit_as() {
	local dir=$1 who=$2 msg=$3 file=${4:-}
	local n; n=$(git -C "$dir" rev-list --count --all 2>/dev/null || echo 0)
	[ -n "$file" ] || file="f$n.txt"
	mkdir -p "$(dirname "$dir/$file")"
	echo "change $n" >>"$dir/$file"
	git -C "$dir" add -- "$file"
	local name=${who% <*} email=${who##*<}
	email=${email%>}
	GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" \
		git -C "$dir" commit -q --allow-empty -F - <<<"$msg"
}

# commit_on DIR DATE "Name <email>" MESSAGE FILE...: one commit by that
# author (and committer) at noon UTC of DATE (YYYY-MM-DD), appending a line
# to each FILE.
commit_on() {
	local dir=$1 date=$2 who=$3 msg=$4
	shift 4
	for f; do
		mkdir -p "$dir/$(dirname "$f")" && echo "$date $msg" >>"$dir/$f" &&
		git -C "$dir" add -- "$f" || return 1
	done
	local name=${who% <*} email=${who##*<}
	email=${email%>}
	GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" \
	GIT_AUTHOR_DATE="${date}T12:00:00Z" GIT_COMMITTER_DATE="${date}T12:00:00Z" \
		git -C "$dir" commit -q -F - <<<"$msg"
}

# alice_manages_bob: the smallest org chart that makes an Assigned-by
# from Alice to Bob top-down ([people] and [managers] of a rules file).
alice_manages_bob() {
	printf '%s\n' "[people]" "alice = Alice Liddell <alice@example.com>, @alice" \
		"bob   = Bob Stone <bob@example.com>, @bobs" "[managers]" "bob = alice"
}

# expect_status STATUS COMMAND...: COMMAND must exit with STATUS.
expect_status() {
	local want=$1 st=0
	shift
	"$@" || st=$?
	expect_eq "$st" "$want"
}

# expect_eq ACTUAL EXPECTED: compare two strings, show both when they differ.
expect_eq() {
	if [ "$1" != "$2" ]; then
		printf 'expected: %s\n  actual: %s\n' "$2" "$1"
		return 1
	fi
}

# expect_file_eq FILE EXPECTED-TEXT
expect_file_eq() {
	printf '%s\n' "$2" >"$1.expected"
	diff -u "$1.expected" "$1"
}

# jq_eq FILE FILTER EXPECTED: the jq result (compact, raw) must equal EXPECTED.
jq_eq() {
	local got; got=$(jq -rc "$2" "$1") || return 1
	expect_eq "$got" "$3"
}

# text_findings FILE: the findings of a text report (what follows its
# "Findings" line; the summary comes first).
text_findings() {
	sed -n '/^Findings$/,$p' "$1" | tail -n +2
}
