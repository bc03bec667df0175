#!/bin/bash
# t61-tracker-files.sh — tracker files inside the repository: which files
# tracker_paths selects, which lines each commit adds, who assigned them
# (test-tool tracker-commits prints one line per assignment:
#   "SUBJECT" PATH:LINE RELATION ACTOR -> SUBJECT RULE SEVERITY
# newest commit first, then the counts by relation).

. "$(dirname "$0")/lib.sh"
. "$TESTS_DIR/lib-trackers.sh"

# tc REPO RULES [REV...]: both ways, by its own tree comparison and given
# the changed paths (as the pipeline gives them): the same assignments.
tc() {
	"$TEST_TOOL" tracker-commits "$@" >tc.own &&
	"$TEST_TOOL" tracker-commits --paths "$@" >tc.paths &&
	diff -u tc.own tc.paths >&2 && cat tc.own
}

test_expect_success 'globs: anchored at the top, ** spans directories, * stays in one' '
	"$TEST_TOOL" tracker-glob "TODO.md,docs/sprints/**/*.md,tasks/*.md,/ops/**,**/PLAN.md,t?sks/[a-c]*.txt" \
		TODO.md sub/TODO.md docs/sprints/a.md docs/sprints/2024/q1/a.md docs/sprints/a.txt \
		tasks/x.md tasks/sub/x.md ops/a/b/c ops PLAN.md deep/er/PLAN.md tasks/b1.txt tasks/d1.txt >out &&
	expect_file_eq out "1 TODO.md
0 sub/TODO.md
1 docs/sprints/a.md
1 docs/sprints/2024/q1/a.md
0 docs/sprints/a.txt
1 tasks/x.md
0 tasks/sub/x.md
1 ops/a/b/c
0 ops
1 PLAN.md
1 deep/er/PLAN.md
1 tasks/b1.txt
0 tasks/d1.txt"
'

test_expect_success 'who added the line is who assigned: self, manager, skip-level, peer, cross-team, report' '
	write_tracker_rules && make_repo r &&
	printf -- "- [ ] Fix login @bobs\n" >r/TODO.md && commit_file r "$BOB" TODO.md "bob picks" &&
	printf -- "- [ ] Ship the cache @bobs\n- [ ] Index the docs @dave\n" >>r/TODO.md &&
	commit_file r "$ALICE" TODO.md "alice assigns" &&
	printf -- "- [ ] Review ranking @dave\n- [ ] Rotate keys @erin\n" >>r/TODO.md &&
	commit_file r "$BOB" TODO.md "bob asks" &&
	printf -- "- [ ] Budget @carol\n- [ ] Patch @bobs\n" >>r/TODO.md &&
	commit_file r "$DAVE" TODO.md "dave asks" &&
	printf -- "- [ ] Audit @bobs\n- [ ] Zed work @zed\n" >>r/TODO.md &&
	commit_file r "Zed Contractor <zed@example.org>" TODO.md "zed" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"zed\" TODO.md:8 unknown ?Zed Contractor <zed@example.org> -> bob - -
\"zed\" TODO.md:9 unknown ?Zed Contractor <zed@example.org> -> ?@zed - -
\"dave asks\" TODO.md:6 report dave -> carol - -
\"dave asks\" TODO.md:7 peer dave -> bob - -
\"bob asks\" TODO.md:4 peer bob -> dave - -
\"bob asks\" TODO.md:5 cross-team bob -> erin - -
\"alice assigns\" TODO.md:2 manager alice -> bob tracker-top-down error
\"alice assigns\" TODO.md:3 skip-level alice -> dave tracker-top-down error
\"bob picks\" TODO.md:1 self bob -> bob - -
assignments: self=1 peer=2 manager=1 skip-level=1 report=1 cross-team=1 unknown=2"
'

test_expect_success 'an explicit "assigned by" wins over the author' '
	write_tracker_rules && make_repo r &&
	printf -- "- [ ] Ship the cache @bobs (assigned by @alice)\n- [ ] Pick it @dave (assigned by me)\n" >r/TODO.md &&
	commit_file r "$BOB" TODO.md "bob writes down what alice said" &&
	printf -- "Owner: @carol\nAssignee: bob (assigned by Carol Ng)\n" >r/TODO.md &&
	commit_file r "$ALICE" TODO.md "rewrite" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"rewrite\" TODO.md:1 manager alice -> carol tracker-top-down error
\"rewrite\" TODO.md:2 peer carol -> bob - -
\"bob writes down what alice said\" TODO.md:1 manager alice -> bob tracker-top-down error
\"bob writes down what alice said\" TODO.md:2 peer bob -> dave - -
assignments: self=0 peer=2 manager=2 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'each line is judged once: ticking off, rewording, reordering add nothing' '
	write_tracker_rules && make_repo r &&
	printf -- "# Board\n- [ ] One @bobs\n- [ ] Two @dave\n- [ ] Three @carol\n" >r/TODO.md &&
	commit_file r "$ALICE" TODO.md "alice plans" &&
	printf -- "# Board\n- [x] One @bobs\n- [ ] Two, reworded @dave\n- [ ] Three @carol\n" >r/TODO.md &&
	commit_file r "$BOB" TODO.md "tick and reword" &&
	printf -- "# Board\n- [ ] Three @carol\n- [x] One @bobs\n- [ ] Two, reworded @dave\n" >r/TODO.md &&
	commit_file r "$BOB" TODO.md "reorder" &&
	printf -- "# Board\n- [ ] Three @bobs\n- [x] One @bobs\n- [ ] Two, reworded @dave\n" >r/TODO.md &&
	commit_file r "$ALICE" TODO.md "alice hands three to bob" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"alice hands three to bob\" TODO.md:2 manager alice -> bob tracker-top-down error
\"alice plans\" TODO.md:2 manager alice -> bob tracker-top-down error
\"alice plans\" TODO.md:3 skip-level alice -> dave tracker-top-down error
\"alice plans\" TODO.md:4 manager alice -> carol tracker-top-down error
assignments: self=0 peer=0 manager=3 skip-level=1 report=0 cross-team=0 unknown=0"
'

test_expect_success 'only files tracker_paths selects, read from commits (not the work tree)' '
	write_tracker_rules && make_repo r &&
	mkdir -p r/docs/sprints/2024 r/tasks/old r/notes &&
	printf -- "- [ ] A @bobs\n" >r/docs/sprints/2024/s1.md &&
	printf -- "- [ ] B @bobs\n" >r/tasks/t.md &&
	printf -- "- [ ] C @bobs\n" >r/tasks/old/t.md &&
	printf -- "- [ ] D @bobs\n" >r/notes/TODO.md &&
	printf -- "- [ ] E @bobs\n" >r/docs/sprints/2024/s1.txt &&
	git -C r add . && commit_file r "$ALICE" . "alice everywhere" &&
	printf -- "- [ ] F @bobs\n" >>r/tasks/t.md &&
	tc r rules.ini >out &&
	expect_file_eq out "\"alice everywhere\" docs/sprints/2024/s1.md:1 manager alice -> bob tracker-top-down error
\"alice everywhere\" tasks/t.md:1 manager alice -> bob tracker-top-down error
assignments: self=0 peer=0 manager=2 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'a renamed tracker file adds only its new lines' '
	write_tracker_rules && make_repo r && mkdir -p r/tasks &&
	printf -- "- [ ] One @bobs\n- [ ] Two @dave\n- [ ] Three @carol\n- [ ] Four @erin\n" >r/TODO.md &&
	commit_file r "$ALICE" TODO.md "alice plans" &&
	git -C r mv TODO.md tasks/board.md && commit_file r "$ALICE" tasks/board.md "move" &&
	git -C r mv tasks/board.md tasks/next.md &&
	printf -- "- [ ] Five @bobs\n" >>r/tasks/next.md &&
	commit_file r "$ALICE" tasks/next.md "move and add" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"move and add\" tasks/next.md:5 manager alice -> bob tracker-top-down error
\"alice plans\" TODO.md:1 manager alice -> bob tracker-top-down error
\"alice plans\" TODO.md:2 skip-level alice -> dave tracker-top-down error
\"alice plans\" TODO.md:3 manager alice -> carol tracker-top-down error
\"alice plans\" TODO.md:4 cross-team alice -> erin - -
assignments: self=0 peer=0 manager=3 skip-level=1 report=0 cross-team=1 unknown=0"
'

test_expect_success 'a merge adds only what no parent had (a conflict resolution may add)' '
	write_tracker_rules && make_repo r &&
	printf -- "# Board\n" >r/TODO.md && commit_file r "$BOB" TODO.md "start" &&
	git -C r checkout -q -b side &&
	printf -- "- [ ] Side @dave\n" >>r/TODO.md && commit_file r "$CAROL" TODO.md "carol on side" &&
	git -C r checkout -q main &&
	printf -- "- [ ] Main @bobs\n" >>r/TODO.md && commit_file r "$BOB" TODO.md "bob on main" &&
	! git -C r merge -q side -m merge >/dev/null 2>&1 &&
	printf -- "# Board\n- [ ] Main @bobs\n- [ ] Side @dave\n- [ ] Resolved @carol\n" >r/TODO.md &&
	git -C r add TODO.md &&
	GIT_AUTHOR_NAME="Alice Liddell" GIT_AUTHOR_EMAIL=alice@example.com \
		git -C r commit -q -m "alice merges" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"alice merges\" TODO.md:4 manager alice -> carol tracker-top-down error
\"bob on main\" TODO.md:2 self bob -> bob - -
\"carol on side\" TODO.md:2 manager carol -> dave tracker-top-down error
assignments: self=1 peer=0 manager=2 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'front matter: assigned_by names who assigned' '
	write_tracker_rules && make_repo r && mkdir -p r/docs/sprints &&
	printf -- "---\ntitle: Cache\nassignee: dave\nassigned_by: alice\n---\n" >r/docs/sprints/cache.md &&
	commit_file r "$DAVE" docs/sprints/cache.md "dave writes it down" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"dave writes it down\" docs/sprints/cache.md:3 skip-level alice -> dave tracker-top-down error
assignments: self=0 peer=0 manager=0 skip-level=1 report=0 cross-team=0 unknown=0"
'

test_expect_success 'site rules (source = tracker with a pattern) run over each added line' '
	write_tracker_rules && cat >>rules.ini <<-\EOF &&

	[rule.will-do]
	source   = tracker
	pattern  = (?<subject>@[A-Za-z0-9-]+) will do\b
	event    = assignment
	severity = warning
	explain  = Say it in the team planning.
	EOF
	make_repo r &&
	printf -- "Notes\n@bobs will do the migration\n" >r/TODO.md && commit_file r "$ALICE" TODO.md "notes" &&
	printf -- "Notes\n@bobs will do the migration!\n" >r/TODO.md && commit_file r "$CAROL" TODO.md "punctuation" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"notes\" TODO.md:2 manager alice -> bob will-do warning
assignments: self=0 peer=0 manager=1 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'exclude keeps a tracker rule quiet; the assignment still counts' '
	write_tracker_rules && make_repo r &&
	printf -- "- [ ] Wishlist: a faster CI @bobs\n" >r/TODO.md && commit_file r "$ALICE" TODO.md "ideas" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"ideas\" TODO.md:1 manager alice -> bob - -
assignments: self=0 peer=0 manager=1 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'without a tracker rule nothing fires, everything counts' '
	write_tracker_rules && sed -i "/^\[rule.tracker-top-down\]/,\$d" rules.ini && make_repo r &&
	printf -- "- [ ] Ship @bobs\n" >r/TODO.md && commit_file r "$ALICE" TODO.md "alice" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"alice\" TODO.md:1 manager alice -> bob - -
assignments: self=0 peer=0 manager=1 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'the author is the .mailmap one' '
	write_tracker_rules && make_repo r &&
	printf "Alice Liddell <alice@example.com> <al@old.example.com>\n" >r/.mailmap &&
	git -C r add .mailmap &&
	printf -- "- [ ] Ship @bobs\n" >r/TODO.md && commit_file r "Al <al@old.example.com>" TODO.md "old address" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"old address\" TODO.md:1 manager alice -> bob tracker-top-down error
assignments: self=0 peer=0 manager=1 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'binary tracker files are skipped; one past max_tracker_file_bytes is a warning' '
	write_tracker_rules && make_repo r && mkdir -p r/tasks &&
	printf -- "- [ ] Bin @bobs\n\000\n" >r/tasks/bin.md &&
	{ printf -- "- [ ] Big @bobs\n"; head -c 5000000 /dev/zero | tr "\\0" "x"; } >r/tasks/big.md &&
	printf -- "- [ ] Small @bobs\n" >r/tasks/small.md &&
	git -C r add . && commit_file r "$ALICE" . "files" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"files\" tasks/big.md:0 self alice -> alice antisilo:max-tracker-file-bytes warning
\"files\" tasks/small.md:1 manager alice -> bob tracker-top-down error
assignments: self=0 peer=0 manager=1 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'no tracker_paths, or commits that touch none: nothing' '
	write_tracker_rules && make_repo r &&
	printf -- "- [ ] Ship @bobs\n" >r/TODO.md && commit_file r "$ALICE" TODO.md "alice" &&
	for i in 1 2 3; do echo $i >r/other.txt; commit_file r "$ALICE" other.txt "other $i"; done &&
	tc r rules.ini HEAD~3..HEAD >out &&
	expect_file_eq out "assignments: self=0 peer=0 manager=0 skip-level=0 report=0 cross-team=0 unknown=0" &&
	sed -i "/^tracker_paths/d" rules.ini &&
	tc r rules.ini >out &&
	expect_file_eq out "assignments: self=0 peer=0 manager=0 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'a file that becomes a directory and back is handled' '
	write_tracker_rules && make_repo r && mkdir -p r/tasks &&
	printf -- "- [ ] One @bobs\n" >r/tasks/a.md && commit_file r "$ALICE" tasks/a.md "file" &&
	git -C r rm -q tasks/a.md && mkdir -p r/tasks/a.md &&
	printf -- "- [ ] Deep @bobs\n" >r/tasks/a.md/x.md && git -C r add . &&
	commit_file r "$ALICE" . "now a directory" &&
	tc r rules.ini >out &&
	expect_file_eq out "\"file\" tasks/a.md:1 manager alice -> bob tracker-top-down error
assignments: self=0 peer=0 manager=1 skip-level=0 report=0 cross-team=0 unknown=0"
'

test_expect_success 'audit --no-paths reads no tree, so no tracker file, and says so' '
	write_tracker_rules && make_repo r &&
	printf -- "- [ ] Ship the cache @bobs\n" >r/TODO.md &&
	commit_file r "$ALICE" TODO.md "alice assigns" &&
	mkdir -p r/docs/sprints/2024 && printf -- "- [ ] Index @dave\n" >r/docs/sprints/2024/w1.md &&
	commit_file r "$ALICE" docs/sprints/2024/w1.md "alice plans" &&
	mkdir -p r/src && echo x >r/src/x.c && commit_file r "$BOB" src/x.c "unrelated" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	jq -rc "[.findings[] | [.rule, .path, .line, .actor, .subject]]" out.json >got &&
	expect_file_eq got "[[\"tracker-top-down\",\"docs/sprints/2024/w1.md\",1,\"alice\",\"dave\"],[\"tracker-top-down\",\"TODO.md\",1,\"alice\",\"bob\"]]" &&
	jq_eq out.json ".notes" null &&
	NOTE="--no-paths: the tracker files of tracker_paths were not read (they need the trees); audit without --no-paths to judge them" &&
	NOTE2="--no-paths: the CODEOWNERS history was not read (it needs the trees); audit without --no-paths to find its gates" &&
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never --no-paths >out.json 2>err &&
	jq_eq out.json ".findings | length" 0 &&
	jq_eq out.json ".notes" "[\"$NOTE\",\"$NOTE2\"]" &&
	expect_file_eq err "antisilo: note: $NOTE
antisilo: note: $NOTE2" &&
	run_antisilo audit --repo r --rules rules.ini --fail-on never --no-paths --quiet >out.txt 2>err &&
	test ! -s err && grep -qxF "Note: $NOTE" out.txt
'

test_done
