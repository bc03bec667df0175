#!/bin/bash
# t91-fuzz-regressions.sh — every input that fuzzing found a crash or a
# broken invariant with (tests/hostile/fuzz-regressions/HARNESS/) and the
# seed corpora of the harnesses (fuzz/corpus/HARNESS/), replayed through
# the harnesses linked into test-tool: `test-tool fuzz-replay HARNESS FILE`
# runs the same code as the libFuzzer binary of `make fuzz`, without
# libFuzzer. A crash or a broken invariant aborts it; under
# `make sanitize` ASan and UBSan check every replay too.
. "$(dirname "$0")/lib.sh"

REGRESSIONS=$TESTS_DIR/hostile/fuzz-regressions
CORPUS=$SRC_DIR/fuzz/corpus

test_expect_success 'test-tool knows every harness that has inputs' '
	"$TEST_TOOL" fuzz-replay --list >harnesses &&
	for dir in "$REGRESSIONS"/*/ "$CORPUS"/*/; do
		[ -d "$dir" ] || continue
		name=$(basename "$dir")
		grep -qx "$name" harnesses || { echo "no harness $name"; exit 1; }
	done
'

# One test per harness and input directory, so that a failure names them;
# the message of a failed replay (its invariant, or the sanitizer's
# report) is in the test's log.
for dir in "$REGRESSIONS"/*/ "$CORPUS"/*/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	kind=regressions
	case $dir in "$CORPUS"/*) kind="seed corpus" ;; esac
	test_expect_success "fuzz $kind of $name replay without a crash" '
		mkdir -p tmp &&
		for input in "'"$dir"'"*; do
			[ -f "$input" ] || continue
			echo "replaying $input" &&
			TMPDIR=$PWD/tmp "$TEST_TOOL" fuzz-replay '"$name"' "$input" >out 2>err ||
			{ cat err; exit 1; }
		done
	'
done

test_done
