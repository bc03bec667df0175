#!/usr/bin/env bash
# bench/patterns.sh — every shipped rule against adversarial inputs of up
# to 1 MiB: the worst time of each rule and whether any input made any of
# its PCRE2 patterns hit a limit (issue 14: no rule's cost may grow with
# what a pusher writes).
#
#   bench/patterns.sh [RULES]     RULES: default the shipped rules.ini
#   BYTES=1048576                 size of each input (max_message_bytes)
#   RUNS=5                        runs of each rule's slowest inputs (median)
#                                 (at 1 MiB and RUNS=5: some 15 minutes on 2 cores)
#   BAR_MS=10                     the bar: worst time per rule
#   ENGINE_BAR_MS=$BAR_MS         the same for the directive rules (no regex:
#                                 the engine that reads prose)
#   RULE=ID                       one rule only
#   VERBOSE=1                     the slow inputs and every limit (2: all)
#
# The rules are loaded by the product's config code (the includes, the
# lexicons next to rules.ini, every pattern compiled and JIT-compiled as
# the hook does), on top of a two-person org chart (alice manages bob) so
# that the directive engine sees party mentions. The driver is
# `test-tool bench-patterns` (tests/tool/bench_tool.c; its comment says
# how inputs are made and what is timed). One line per rule, then the
# summary line; exit status 1 when a rule's worst time is over BAR_MS
# (ENGINE_BAR_MS) or an input hit a PCRE2 limit.
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
RULES=${1:-$SRC/rules.ini}
BUILD=${ANTISILO_BUILD:-$SRC/build}

make -C "$SRC" --no-print-directory -s BUILD="$BUILD" "$BUILD/test-tool" >&2

WORK=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-bench-patterns.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
case $RULES in /*) ;; *) RULES=$PWD/$RULES ;; esac
cat >"$WORK/rules.ini" <<EOF
[antisilo]
include = $RULES

[people]
alice = Alice Liddell <alice@example.com>, @alice
bob = Bob Stone <bob@example.com>, @bob

[managers]
bob = alice
EOF

args=(--bytes "${BYTES:-1048576}" --runs "${RUNS:-5}" --bar-ms "${BAR_MS:-10}"
      --engine-bar-ms "${ENGINE_BAR_MS:-${BAR_MS:-10}}")
[ -n "${RULE:-}" ] && args+=(--rule "$RULE")
[ "${VERBOSE:-0}" -ge 1 ] && args+=(-v)
[ "${VERBOSE:-0}" -ge 2 ] && args+=(-v)
echo "bench/patterns.sh: $RULES, $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
exec "$BUILD/test-tool" bench-patterns "$WORK/rules.ini" "${args[@]}"
