#!/usr/bin/env bash
# tests/check.sh — what `make check` (the README's test command, and CI)
# runs: the whole suite against the plain build, then against the ASan +
# UBSan build, each run by prove; both run even when the first fails. The
# last line is the total of both runs, "N passed, N failed", for CI to read.
#
#   tests/check.sh BUILD-DIR ASAN-BUILD-DIR
set -u
cd "$(dirname "$0")/.."
plain=${1:-build} asan=${2:-build-asan}
passed=0 failed=0 status=0

# run NAME BUILD [ENV...]: one pass of the suite, its counts added up.
run() {
	local name=$1 dir=$2 log
	shift 2
	log=$(mktemp)
	echo "== $name ($dir)"
	env "$@" ANTISILO_BUILD="$PWD/$dir" prove -f tests/t[0-9]*.sh 2>&1 | tee "$log"
	[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
	local total bad
	total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$log" | tail -n 1)
	bad=$(sed -n 's/.*Tests: [0-9]* Failed: \([0-9]*\))$/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
	# a script that died before its plan counts as one failure
	bad=$((bad + $(grep -c 'Bad plan\|No plan found\|Parse errors' "$log" || true)))
	total=${total:-0}
	[ "$bad" -le "$total" ] || total=$bad
	passed=$((passed + total - bad))
	failed=$((failed + bad))
	echo "$name: $((total - bad)) passed, $bad failed"
	rm -f "$log"
}

run plain "$plain"
run sanitize "$asan" ANTISILO_SANITIZE=1
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit "$status"
