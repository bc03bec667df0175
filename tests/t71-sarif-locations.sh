#!/bin/bash
# t71-sarif-locations.sh — SARIF that GitHub code scanning can show: every
# result sits in a file that exists in the repository at the audited
# commit (a regular file: not a symlink, not a submodule, not a file that
# was deleted since), checked file by file against the repository; what
# has no such file (tracker exports, commits that changed nothing still
# there) is left out and counted in the run's properties.

. "$(dirname "$0")/lib.sh"
. "$TESTS_DIR/lib-sarif.sh"

export SOURCE_DATE_EPOCH=1700000000
R="$TEST_ROOT/r"
ALICE="Alice Liddell <alice@example.com>"
BOB="Bob Stone <bob@example.com>"
CAROL="Carol Ng <carol@example.com>"

# commit_in "Name <email>" MESSAGE [git commit options...]: a commit of
# what is staged in $R.
commit_in() {
	local who=$1 msg=$2 name email
	shift 2
	name=${who% <*} email=${who##*<}
	email=${email%>}
	GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" \
		git -C "$R" commit -q "$@" -m "$msg"
}

# merge_in "Name <email>" MESSAGE BRANCH: a merge commit (--no-ff).
merge_in() {
	local who=$1 msg=$2 name email
	name=${who% <*} email=${who##*<}
	email=${email%>}
	GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" \
		git -C "$R" merge -q --no-ff -m "$msg" "$3"
}

# check_places SARIF TIP: every result's URI, decoded, is a regular file
# (blob 100644 or 100755) of TIP, and its startLine is a line of it.
check_places() {
	python3 - "$1" >places.txt <<-\EOF || return 1
	import json, sys, urllib.parse
	run = json.load(open(sys.argv[1]))["runs"][0]
	for r in run["results"]:
	    loc = r["locations"][0]["physicalLocation"]
	    uri = loc["artifactLocation"]["uri"]
	    assert "://" not in uri and not uri.startswith("/"), uri
	    print(urllib.parse.unquote(uri), loc["region"]["startLine"], sep="\t")
	EOF
	test -s places.txt || return 1
	while IFS='	' read -r path line; do
		mode=$(git -C "$R" ls-tree "$2" -- "$path" | cut -d" " -f1)
		case $mode in
		100644 | 100755) ;;
		*) echo "$path: not a regular file at $2 (mode '$mode')"; return 1 ;;
		esac
		lines=$(git -C "$R" cat-file blob "$2:$path" | wc -l)
		[ "$line" -ge 1 ] && [ "$line" -le "$lines" ] ||
			{ echo "$path:$line: not a line of the file ($lines lines)"; return 1; }
	done <places.txt
}

# placed SARIF: "rule<TAB>uri<TAB>line" per result, in order.
placed() {
	jq -r '.runs[0].results[] | [.ruleId, .locations[0].physicalLocation.artifactLocation.uri,
		.locations[0].physicalLocation.region.startLine] | @tsv' "$1"
}

test_expect_success 'setup: commits into files still there, files deleted since, a symlink, an empty commit, a merge, tracker files' '
	make_repo "$R" &&
	cat >"$TEST_ROOT/rules.ini" <<-\EOF &&
	[antisilo]
	include = default
	tracker_paths = TODO.md, docs/sprints/**/*.md

	[people]
	alice = Alice Liddell <alice@example.com>, @alice
	bob   = Bob Stone <bob@example.com>, @bobs
	carol = Carol Ng <carol@example.com>, @carol

	[managers]
	bob   = alice
	carol = alice
	EOF
	mkdir -p "$R/src" "$R/old" "$R/docs/sprints" &&
	printf "int main(void) { return 0; }\n" >"$R/src/app.c" &&
	printf "# Tasks\n" >"$R/TODO.md" &&
	ln -s src/app.c "$R/link" &&
	git -C "$R" add -A && commit_in "$ALICE" "Start" &&
	echo "/* v2 */" >>"$R/src/app.c" && git -C "$R" add -A &&
	commit_in "$BOB" "$(printf "Change the app\n\nAssigned-by: Alice Liddell <alice@example.com>")" &&
	echo gone >"$R/old/gone.txt" && git -C "$R" add -A &&
	commit_in "$BOB" "$(printf "Add a file deleted later\n\nAssigned-by: Alice Liddell <alice@example.com>")" &&
	git -C "$R" rm -q old/gone.txt && commit_in "$ALICE" "Remove it" &&
	commit_in "$BOB" "$(printf "Nothing at all\n\nAssigned-by: Alice Liddell <alice@example.com>")" --allow-empty &&
	ln -sf TODO.md "$R/link" && echo "ü" >"$R/z file ü.txt" && git -C "$R" add -A &&
	commit_in "$BOB" "$(printf "A symlink and a file with a space\n\nAssigned-by: Alice Liddell <alice@example.com>")" &&
	git -C "$R" checkout -q -b side && echo side >"$R/side.txt" && git -C "$R" add -A &&
	commit_in "$CAROL" "Side work" && git -C "$R" checkout -q main &&
	merge_in "$CAROL" "$(printf "Merge the side work\n\nApproved-by: Alice Liddell <alice@example.com>")" side &&
	printf "# Tasks\n- [ ] Fix the login\n  Assignee: bob (assigned by @alice)\n" >"$R/TODO.md" && git -C "$R" add -A &&
	commit_in "$CAROL" "Plan the login work" &&
	echo "Assignee: carol (assigned by @alice)" >"$R/docs/sprints/s1.md" && echo "/* v3 */" >>"$R/src/app.c" &&
	git -C "$R" add -A && commit_in "$CAROL" "Sprint one" &&
	git -C "$R" rm -q docs/sprints/s1.md && commit_in "$CAROL" "Sprint one is over" &&
	cp "$TESTS_DIR/fixtures/trackers/github-events.json" "$TEST_ROOT/events.json"
'

test_expect_success 'audit at HEAD: each result in a regular file of HEAD, at a line of it' '
	run_antisilo audit --repo "$R" --rules "$TEST_ROOT/rules.ini" --tracker "$TEST_ROOT/events.json" \
		--format sarif --output out.sarif || test $? = 1 &&
	check_places out.sarif HEAD
'

test_expect_success 'audit at HEAD: which file each finding points at, and why the others are left out' '
	run_antisilo audit --repo "$R" --rules "$TEST_ROOT/rules.ini" --tracker "$TEST_ROOT/events.json" \
		--format sarif --output out.sarif || test $? = 1 &&
	run_antisilo audit --repo "$R" --rules "$TEST_ROOT/rules.ini" --tracker "$TEST_ROOT/events.json" \
		--format json --output out.json || test $? = 1 &&
	placed out.sarif >actual &&
	printf "%s\t%s\t%s\n" \
		tracker-top-down src/app.c 1 \
		tracker-top-down TODO.md 3 \
		approved-by-trailer side.txt 1 \
		assigned-by-trailer "z%20file%20%C3%BC.txt" 1 \
		assigned-by-trailer src/app.c 1 >expected &&
	diff -u expected actual &&
	jq_eq out.json "[.findings[] | select(.source == \"tracker-export\")] | length" 1 &&
	jq_eq out.json ".findings | length" 8 &&
	jq_eq out.sarif ".runs[0].properties | [.findings, .resultsLeftOut]" \
		"[8,{\"trackerExport\":1,\"noFileAtCommit\":2}]" &&
	jq_eq out.sarif ".runs[0].invocations[0].toolExecutionNotifications[0].message.text" \
		"3 of 8 findings are not in this file: code scanning shows a result only in a file of the repository at the audited commit, and 1 come from tracker exports, 2 are in commits that changed no file still there. The JSON report (--format json) has them all." &&
	jq_eq out.sarif "[.runs[0].results[] | .partialFingerprints.primaryLocationLineHash | length > 0] | all" true &&
	jq_eq out.sarif ".runs[0].tool.driver | has(\"informationUri\")" false
'

test_expect_success 'the message names the commit: a commit finding placed in another file still says which commit' '
	run_antisilo audit --repo "$R" --rules "$TEST_ROOT/rules.ini" --format sarif --output out.sarif || test $? = 1 &&
	c=$(git -C "$R" log --format=%H --grep "^A symlink" -n1) &&
	jq -r ".runs[0].results[] | select(.properties.commit == \"$c\") | .message.text" out.sarif >msg &&
	grep -q "in commit $(echo "$c" | cut -c1-12) by Bob Stone" msg &&
	jq_eq out.sarif "[.runs[0].results[] | select(.properties.commit == \"$c\") | .locations[0].logicalLocations[0]]" \
		"[{\"name\":\"$c\",\"kind\":\"commit\"}]"
'

test_expect_success 'audit of an older tip: files are those of that commit, not of HEAD' '
	tip=$(git -C "$R" log --format=%H --grep "^Add a file deleted later" -n1) &&
	run_antisilo audit --repo "$R" --rules "$TEST_ROOT/rules.ini" --format sarif --output old.sarif "$tip" || test $? = 1 &&
	check_places old.sarif "$tip" &&
	placed old.sarif >actual &&
	printf "%s\t%s\t%s\n" assigned-by-trailer old/gone.txt 1 assigned-by-trailer src/app.c 1 >expected &&
	diff -u expected actual &&
	! git -C "$R" cat-file -e HEAD:old/gone.txt
'

test_expect_success 'a range A..B is placed in the files of B' '
	a=$(git -C "$R" log --format=%H --grep "^Remove it" -n1) &&
	run_antisilo audit --repo "$R" --rules "$TEST_ROOT/rules.ini" --format sarif --output range.sarif "$a..HEAD" || test $? = 1 &&
	check_places range.sarif HEAD &&
	jq_eq range.sarif ".runs[0].properties | [.findings, .resultsLeftOut]" "[5,{\"noFileAtCommit\":1}]"
'

if ! command -v npm >/dev/null 2>&1; then
	echo "ok $((test_count += 1)) - the SARIF multitool finds no error # skip npm is not installed"
else
	test_expect_success 'the SARIF multitool finds no error (SARIF and GitHub rules)' '
		run_antisilo audit --repo "$R" --rules "$TEST_ROOT/rules.ini" --tracker "$TEST_ROOT/events.json" \
			--format sarif --output out.sarif || test $? = 1 &&
		sarif_validate out.sarif
	'
fi

test_done
