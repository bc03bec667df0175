#!/bin/bash
# t00-architecture.sh — the one-way flow of the sources (docs/architecture.md)
# holds: sources -> events -> classification -> findings and metrics ->
# reporters, with no include cycle anywhere in src/.

. "$(dirname "$0")/lib.sh"

test_expect_success 'no include cycle, and every folder includes only what lies upstream' '
	perl "$TESTS_DIR/tool/include-graph.pl" "$SRC_DIR/src" >out || { cat out; false; } &&
	test ! -s out
'

test_expect_success 'the checker finds a cycle and a source that judges' '
	mkdir -p s/source s/detect &&
	printf "#include \"detect/x.h\"\n" >s/source/a.c &&
	printf "#include \"source/a.h\"\n" >s/detect/x.c && : >s/source/a.h && : >s/detect/x.h &&
	! perl "$TESTS_DIR/tool/include-graph.pl" s >out &&
	grep -q "^s/source/a.c includes detect/x.h: sources yield events" out &&
	grep -q "^include cycle: detect/x <-> source/a$" out
'

test_expect_success 'a tracker format is one file and one row of the table' '
	for f in "$SRC_DIR"/src/source/tracker/*.c; do
		name=$(grep -o "^const as_export_format as_format_[a-z_]*" "$f" | sed "s/.*as_format_//")
		[ -n "$name" ] || continue
		grep -q "&as_format_$name," "$SRC_DIR/src/source/tracker/formats.c" || { echo "$f: no row"; exit 1; }
	done
'

test_expect_success 'the formats of the table are the names config/names.c knows, in its order' '
	rows=$(grep -o "&as_format_[a-z_]*" "$SRC_DIR/src/source/tracker/formats.c" | sed "s/&as_format_//") &&
	names=$(for r in $rows; do
		grep -h -A1 "^const as_export_format as_format_$r = {" "$SRC_DIR"/src/source/tracker/*.c |
			sed -n "s/.*\.name = \"\([a-z-]*\)\".*/\1/p"
	done | tr "\n" " ") &&
	list=$(sed -n "/as_export_format_names\[\] = {/,/};/p" "$SRC_DIR/src/config/names.c" |
		grep -o "\"[a-z-]*\"" | tr -d "\"" | tr "\n" " ") &&
	test -n "$names" && expect_eq "$names" "$list"
'

test_done
