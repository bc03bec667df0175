#!/usr/bin/env bash
# fuzz/run.sh NAME...: run the libFuzzer binaries build-fuzz/fuzz/NAME
# (`make fuzz` builds them and calls this). Each runs FUZZ_SECONDS on a
# temporary copy of fuzz/corpus/NAME (never written to: new inputs stay in
# the temporary directory), with tests/hostile/fuzz-regressions/NAME as a
# second, read-only corpus and fuzz/dict/NAME.dict when there is one.
# FUZZ_JOBS harnesses run at once. Exit status 1 if any harness crashed,
# leaked, timed out or broke an invariant: its log is shown and the input
# that did it is kept in $FUZZ_BUILD/artifacts/NAME/.
#
#   FUZZ_BUILD=build-fuzz FUZZ_SECONDS=60 FUZZ_JOBS=2 fuzz/run.sh commit push
#   FUZZ_ARGS='-max_len=65536' ...     more libFuzzer options for every run
#   FUZZ_WORKDIR=build-fuzz/work ...   keep the corpora there and grow them
#                                      from one run to the next
set -u
cd "$(dirname "$0")/.."
top=$PWD
build=${FUZZ_BUILD:-build-fuzz}
case $build in /*) ;; *) build=$top/$build ;; esac
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}

# one harness: run.sh --one NAME (in a private directory under $FUZZ_TMP)
if [ "${1:-}" = --one ]; then
	name=$2
	bin=$build/fuzz/$name
	dir=${FUZZ_WORKDIR:-$FUZZ_TMP}/$name
	mkdir -p "$dir/corpus" "$dir/tmp" "$build/artifacts/$name"
	[ -x "$bin" ] || { echo "fuzz $name: FAIL: no $bin (make fuzz-build)"; exit 1; }
	[ -d "fuzz/corpus/$name" ] && cp -R "fuzz/corpus/$name/." "$dir/corpus/"
	rm -rf "$dir/tmp" && mkdir -p "$dir/tmp"
	set -- "$dir/corpus"
	[ -d "tests/hostile/fuzz-regressions/$name" ] && set -- "$@" "tests/hostile/fuzz-regressions/$name"
	dict=
	[ -f "fuzz/dict/$name.dict" ] && dict=-dict=fuzz/dict/$name.dict
	start=$(date +%s)
	# -timeout: one input taking 25 s is a hang (the hook has 4 s for a
	# whole push); -rss_limit_mb: libFuzzer's default, said out loud.
	TMPDIR=$dir/tmp ANTISILO_DEFAULT_RULES=$top/rules.ini \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		"$bin" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$build/artifacts/$name/" \
		$dict ${FUZZ_ARGS:-} "$@" >"$dir/log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -n 1)
	units=$(find "$dir/corpus" -type f | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $name: ok, ${runs:-?} runs in ${took}s, ${cov:-cov: ?}, corpus $units"
		exit 0
	fi
	echo "fuzz $name: FAIL (exit $rc) after ${runs:-?} runs in ${took}s; input kept in $build/artifacts/$name/"
	grep -v '^#[0-9]*[[:space:]]*\(NEW\|REDUCE\|pulse\|INITED\|RELOAD\)' "$dir/log" | tail -n 60 | sed 's/^/    /'
	exit 1
fi

[ $# -gt 0 ] || { echo "usage: fuzz/run.sh NAME..." >&2; exit 2; }
FUZZ_TMP=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-fuzz-run.XXXXXX")
if [ -n "${FUZZ_WORKDIR:-}" ]; then
	case $FUZZ_WORKDIR in /*) ;; *) FUZZ_WORKDIR=$top/$FUZZ_WORKDIR ;; esac
	export FUZZ_WORKDIR
fi
export FUZZ_TMP FUZZ_BUILD=$build FUZZ_SECONDS=$seconds
trap 'rm -rf "$FUZZ_TMP"' EXIT
echo "fuzz: $# harnesses, ${seconds}s each, $jobs at a time"
printf '%s\n' "$@" | xargs -P "$jobs" -n 1 "$0" --one
rc=$?
[ $rc -eq 0 ] && echo "fuzz: all harnesses ok" || echo "fuzz: FAILED"
[ $rc -eq 0 ]
