#!/bin/bash
# t72-org-audit.sh — an organisation's audit (audit --repos GLOB|FILE):
# many repositories, each with its own .mailmap, CODEOWNERS and tracker
# files, one org chart, one JSON Lines stream in which every record names
# its repository and each repository has a run record that says how its
# audit went; then the stream loaded into sqlite3 and the queries of
# docs/warehouse.md run on it, as the doc gives them.

. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1700000000   # 2023-11-14T22:13:20Z: reproducible run ids
W="$TEST_ROOT/w"                       # the organisation's repositories and lists
mkdir -p "$W"

# fi_commit REF DATE "Name <email>" MESSAGE PATH CONTENT: one commit of a
# git fast-import stream, on stdout (on the ref's last commit)
fi_commit() {
	local when; when=$(date -u -d "$2T12:00:00Z" +%s)
	printf "commit %s\nauthor %s %s +0000\ncommitter %s %s +0000\ndata %d\n%s\nM 100644 inline %s\ndata %d\n%s\n\n" \
		"$1" "$3" "$when" "$3" "$when" "${#4}" "$4" "$5" "${#6}" "$6"
}

# the run records of a stream: repo, repository, status, exit code, commits
runs() {
	jq -c 'select(.type == "run") | [.repo, .repository, .status, .exit_code, .commits_scanned]' "$1"
}
findings() {
	jq -c 'select(.type == "finding") | [.repo, .rule, .relation, .actor, .subject, .author, .source, .path]' "$1"
}

test_expect_success 'setup: two teams, one org chart; repositories with mailmaps and trackers of their own' '
	cd "$W" &&
	cat >rules.ini <<-\EOT &&
	[antisilo]
	include = default
	silo_min_files = 2
	active_months = 1200

	[people]
	alice = Alice Liddell <alice@example.com>, @alice
	bob   = Bob Stone <bob@example.com>, @bobs
	carol = Carol Danvers <carol@example.com>, @carol
	dave  = Dave Lead <dave@example.com>, @dave
	eve   = Eve Web <eve@example.com>, @eve

	[managers]
	bob   = alice
	carol = alice
	eve   = dave

	[team.replay]
	lead    = alice
	members = bob, carol
	paths   = src/

	[team.web]
	lead    = dave
	members = eve
	paths   = web/
	EOT
	ALICE="Alice Liddell <alice@example.com>" BOBBY="Bobby <bob@old.example.com>" &&
	CAROL="Carol Danvers <carol@example.com>" EVE_HOME="E. Web <eve@personal.example>" &&
	mkdir -p org fork lists &&

	: "app: a work tree whose .mailmap knows Bob'"'"'s old address, not Eve'"'"'s" &&
	make_repo org/app &&
	echo "Bob Stone <bob@example.com> Bobby <bob@old.example.com>" >org/app/.mailmap &&
	commit_on org/app 2024-01-10 "$CAROL" "Add the player" .mailmap src/player/a.c src/player/b.c src/player/c.c &&
	commit_on org/app 2024-01-15 "$BOBBY" "$(printf "Fix the recorder\n\nAssigned-by: $ALICE")" src/recorder/r.c &&
	commit_on org/app 2024-01-16 "$BOBBY" "Split the recorder" src/recorder/s.c src/recorder/t.c &&
	commit_on org/app 2024-02-05 "$CAROL" "$(printf "Tune the player\n\nReviewed-by: Eve Web <eve@example.com>")" src/player/a.c &&
	commit_on org/app 2024-02-07 "$CAROL" "$(printf "Cache the frames\n\nRequested-by: Bob Stone <bob@example.com>")" src/player/b.c &&
	echo "- [ ] Fix the flaky test @bobs" >org/app/TODO.md &&
	commit_on org/app 2024-02-10 "$ALICE" "Plan the week" TODO.md &&
	commit_on org/app 2024-02-12 "$EVE_HOME" "$(printf "Restyle the player\n\nAssigned-by: Dave Lead <dave@example.com>")" web/p.css &&

	: "web.git: bare, made by fast-import; its .mailmap knows Eve'"'"'s home address" &&
	git init -q --bare org/web.git &&
	{
		fi_commit refs/heads/main 2024-01-20 "$EVE_HOME" "$(printf "Restyle the page\n\nAssigned-by: Dave Lead <dave@example.com>")" \
			.mailmap "Eve Web <eve@example.com> <eve@personal.example>"
		fi_commit refs/heads/main 2024-01-22 "Eve Web <eve@example.com>" "Lay out the page" web/a.css "a"
		fi_commit refs/heads/main 2024-01-23 "Eve Web <eve@example.com>" "Lay out the footer" web/b.css "b"
		fi_commit refs/heads/main 2024-02-20 "Eve Web <eve@example.com>" "$(printf "Ship the page\n\nApproved-by: Dave Lead <dave@example.com>")" web/a.css "a2"
		fi_commit refs/heads/main 2024-02-21 "Bob Stone <bob@example.com>" "$(printf "Fix the header\n\nReviewed-by: Eve Web <eve@example.com>")" src/h.c "h"
		fi_commit refs/heads/main 2024-02-22 "Dave Lead <dave@example.com>" "Plan the sprint" docs/sprints/s1.md "- [ ] The new footer @eve"
	} | git -C org/web.git fast-import --quiet &&

	: "notes: a directory that is no repository; fork/app: a second app" &&
	mkdir org/notes && echo "not a repository" >org/notes/README &&
	make_repo fork/app &&
	commit_on fork/app 2024-01-05 "Bob Stone <bob@example.com>" "$(printf "Port the recorder\n\nAssigned-by: $ALICE")" src/recorder/r.c &&
	git -C org/web.git rev-parse --verify -q main >/dev/null
'

test_expect_success 'a glob: every directory it matches, in the order of their paths, one run record each' '
	cd "$W" &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --rules rules.ini >glob.jsonl 2>err &&
	runs glob.jsonl >actual &&
	expect_file_eq actual "$(printf "%s\n" \
		"[\"app\",\"app\",\"fail\",1,7]" \
		"[\"notes\",null,\"error\",2,null]" \
		"[\"web\",\"web\",\"fail\",1,6]")" &&
	jq_eq glob.jsonl "select(.repo == \"notes\") | .error" \
		"$W/org/notes: not a git repository (could not find repository from '"'"'$W/org/notes'"'"')" &&
	expect_file_eq err "antisilo: notes: $W/org/notes: not a git repository (could not find repository from '"'"'$W/org/notes'"'"')"
'

test_expect_success 'each repository reads its own .mailmap and tracker files' '
	cd "$W" &&
	findings glob.jsonl >actual &&
	: "app maps Bobby to Bob, but not E. Web: her Assigned-by there has no known subject;" &&
	: "web maps her home address, and reads its own sprint file" &&
	expect_file_eq actual "$(printf "%s\n" \
		"[\"app\",\"tracker-top-down\",\"manager\",\"alice\",\"bob\",\"Alice Liddell <alice@example.com>\",\"tracker-file\",\"TODO.md\"]" \
		"[\"app\",\"assigned-by-trailer\",\"manager\",\"alice\",\"bob\",\"Bob Stone <bob@example.com>\",\"trailer\",null]" \
		"[\"web\",\"tracker-top-down\",\"manager\",\"dave\",\"eve\",\"Dave Lead <dave@example.com>\",\"tracker-file\",\"docs/sprints/s1.md\"]" \
		"[\"web\",\"approved-by-trailer\",\"manager\",\"dave\",\"eve\",\"Eve Web <eve@example.com>\",\"trailer\",null]" \
		"[\"web\",\"assigned-by-trailer\",\"manager\",\"dave\",\"eve\",\"Eve Web <eve@example.com>\",\"trailer\",null]")" &&
	jq_eq glob.jsonl "select(.repo == \"app\" and .name == \"unknown_authors.name.commits\") | .person" \
		"E. Web <eve@personal.example>"
'

test_expect_success 'every record names its repository; a repository'"'"'s records come together, its run first' '
	cd "$W" &&
	jq -s -c "[.[] | select(.repo == null or .repository == null and .type != \"run\")] | length" glob.jsonl >n &&
	expect_file_eq n 0 &&
	: "the repositories in the order of their lines, each change of repo at a run line" &&
	jq -r ".repo" glob.jsonl | uniq >order &&
	expect_file_eq order "$(printf "app\nnotes\nweb")" &&
	jq -s -c "[range(1; length) as \$i | select(.[\$i].repo != .[\$i - 1].repo) | .[\$i].type] | unique" glob.jsonl >firsts &&
	expect_file_eq firsts "[\"run\"]" &&
	jq_eq glob.jsonl "select(.repo == \"app\" and .type == \"run\") | .run" \
		"$(jq -r "select(.repo == \"app\" and .type == \"finding\") | .run" glob.jsonl | sort -u)"
'

test_expect_success 'a list file: comments, blank lines, paths relative to it, names told apart' '
	cd "$W" &&
	printf "%s\n" "# the organisation'"'"'s repositories" "../org/web.git" "" \
		"   ../org/app   " "	# a fork" "$W/fork/app" >lists/org.txt &&
	expect_status 1 run_antisilo audit --repos lists/org.txt --rules rules.ini >list.jsonl &&
	runs list.jsonl >actual &&
	expect_file_eq actual "$(printf "%s\n" \
		"[\"web\",\"web\",\"fail\",1,6]" \
		"[\"org/app\",\"app\",\"fail\",1,7]" \
		"[\"fork/app\",\"app\",\"fail\",1,1]")" &&
	jq_eq list.jsonl "select(.type == \"finding\" and .repo == \"fork/app\") | [.rule, .actor, .subject] | join(\" \")" \
		"assigned-by-trailer alice bob" &&
	: "the same repositories, the same records, whatever the list calls them" &&
	jq -c "select(.repo == \"org/app\") | del(.repo, .run)" list.jsonl >from-list &&
	jq -c "select(.repo == \"app\") | del(.repo, .run)" glob.jsonl >from-glob &&
	cmp from-list from-glob
'

test_expect_success 'a bad line of a list names the file and the line; nothing is audited' '
	cd "$W" &&
	printf "%s\n" "../org/app" "# next: a typo" "../org/ap" >lists/typo.txt &&
	expect_status 2 run_antisilo audit --repos lists/typo.txt --rules rules.ini >out 2>err &&
	test ! -s out &&
	expect_file_eq err "antisilo: lists/typo.txt:3: ../org/ap: no such directory" &&
	printf "%s\n" "../org/app" "../org/README" "$W/org/app/" >lists/twice.txt &&
	echo text >org/README &&
	expect_status 2 run_antisilo audit --repos lists/twice.txt --rules rules.ini >out 2>err &&
	expect_file_eq err "antisilo: lists/twice.txt:2: ../org/README: not a directory" &&
	printf "%s\n" "../org/app" "../fork/../org/app" >lists/twice.txt &&
	expect_status 2 run_antisilo audit --repos lists/twice.txt --rules rules.ini >out 2>err &&
	expect_file_eq err "antisilo: lists/twice.txt:2: ../fork/../org/app: listed already, on line 1" &&
	printf "%s\n" "../org/app/.git" "../org/app" >lists/twice.txt &&
	expect_status 2 run_antisilo audit --repos lists/twice.txt --rules rules.ini >out 2>err &&
	expect_file_eq err "antisilo: lists/twice.txt:2: ../org/app: listed already, on line 1" &&
	printf "../org/app\n../org/\001app\n" >lists/ctl.txt &&
	expect_status 2 run_antisilo audit --repos lists/ctl.txt --rules rules.ini 2>err &&
	expect_file_eq err "antisilo: lists/ctl.txt:2: a control character (0x01) in a repository'"'"'s path" &&
	printf "# nothing yet\n\n" >lists/empty.txt &&
	expect_status 2 run_antisilo audit --repos lists/empty.txt --rules rules.ini 2>err &&
	expect_file_eq err "antisilo: lists/empty.txt: lists no repository" &&
	expect_status 2 run_antisilo audit --repos "$W/nowhere/*" --rules rules.ini 2>err &&
	expect_file_eq err "antisilo: --repos: $W/nowhere/*: no such list file, and no directory matches it as a glob"
'

test_expect_success 'a repository that cannot be read: its run record says why, the others are audited' '
	cd "$W" &&
	git clone -q fork/app broken &&
	commit_on broken 2024-03-01 "Bob Stone <bob@example.com>" "Record more" src/recorder/r.c &&
	root=$(git -C broken rev-parse HEAD~1) &&
	rm "broken/.git/objects/$(echo $root | cut -c1-2)/$(echo $root | cut -c3-)" &&
	printf "%s\n" ../broken ../org/web.git >lists/broken.txt &&
	expect_status 3 run_antisilo audit --repos lists/broken.txt --rules rules.ini >out 2>err &&
	runs out >actual &&
	expect_file_eq actual "$(printf "%s\n" "[\"broken\",\"broken\",\"error\",3,null]" "[\"web\",\"web\",\"fail\",1,6]")" &&
	jq -r "select(.repo == \"broken\") | .error" out >why &&
	grep -q "$root" why &&
	test $(jq -c "select(.repo == \"broken\")" out | wc -l) = 1 &&
	grep -q "^antisilo: broken: .*$root" err &&
	jq -c "select(.repo == \"web\")" out >web-here &&
	jq -c "select(.repo == \"web\")" glob.jsonl >web-before &&
	cmp web-here web-before
'

test_expect_success 'an audit that dies (killed here) gives a run record that says so; the others are written' '
	cd "$W" &&
	git clone -q --bare org/web.git stuck.git &&
	: "its alternates are a FIFO no one writes: its audit waits until it is killed" &&
	mkfifo stuck.git/objects/info/alternates &&
	printf "%s\n" ../stuck.git ../org/web.git >lists/stuck.txt &&
	{ "$ANTISILO" audit --repos lists/stuck.txt --rules rules.ini --jobs 1 >out 2>err & } &&
	pid=$! && kid= &&
	for i in $(seq 200); do kid=$(pgrep -P $pid) && break; sleep 0.05; done &&
	test -n "$kid" && sleep 0.2 && kill -KILL $kid &&
	st=0 && wait $pid || st=$? &&
	expect_eq "$st" 3 &&
	runs out >actual &&
	expect_file_eq actual "$(printf "%s\n" "[\"stuck\",null,\"error\",3,null]" "[\"web\",\"web\",\"fail\",1,6]")" &&
	jq_eq out "select(.repo == \"stuck\") | .error" "its audit was stopped by signal 9 (Killed)" &&
	expect_file_eq err "antisilo: stuck: its audit was stopped by signal 9 (Killed)"
'

test_expect_success '--jobs 1 and --jobs 2 write the same stream, byte for byte' '
	cd "$W" &&
	printf "%s\n" ../org/app ../org/web.git ../fork/app ../org/notes ../broken >lists/many.txt &&
	st1=0 && run_antisilo audit --repos lists/many.txt --rules rules.ini --jobs 1 >one.jsonl 2>/dev/null || st1=$? &&
	st2=0 && run_antisilo audit --repos lists/many.txt --rules rules.ini --jobs 2 >two.jsonl 2>/dev/null || st2=$? &&
	expect_eq "$st1 $st2" "3 3" &&
	cmp one.jsonl two.jsonl &&
	jq -r "select(.type == \"run\") | .repo" one.jsonl >names &&
	expect_file_eq names "$(printf "%s\n" org/app web fork/app notes broken)"
'

test_expect_success 'the run records of one organisation'"'"'s audit share its time' '
	cd "$W" &&
	( unset SOURCE_DATE_EPOCH && expect_status 3 run_antisilo audit --repos lists/many.txt \
		--rules rules.ini --jobs 2 >now.jsonl 2>/dev/null ) &&
	jq -r "select(.type == \"run\") | .time" now.jsonl | sort -u >times &&
	test $(wc -l <times) = 1 && test "$(cat times)" != 2023-11-14T22:13:20Z
'

test_expect_success '--output writes the stream whole; the repositories are left as they were' '
	cd "$W" &&
	find org fork -type f -exec sha1sum {} + | sort >before &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --rules rules.ini --output out.jsonl 2>/dev/null &&
	cmp out.jsonl glob.jsonl &&
	find org fork -type f -exec sha1sum {} + | sort >after &&
	cmp before after
'

test_expect_success 'with --repos: JSON Lines only, no --tracker, no --repo' '
	cd "$W" &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --rules rules.ini --format html 2>err &&
	expect_file_eq err "antisilo: --repos writes one JSON Lines stream: --format jsonl, not '"'"'html'"'"'" &&
	echo "[]" >events.json &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --rules rules.ini --tracker events.json 2>err &&
	expect_file_eq err "antisilo: --tracker: an export is one repository'"'"'s: audit that repository with --repo to read it, not --repos" &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --repo org/app --rules rules.ini 2>err &&
	expect_file_eq err "antisilo: --repos and --repo: give one or the other" &&
	run_antisilo audit --repos "$W/org/app" --rules rules.ini --format jsonl --fail-on never >one.jsonl &&
	runs one.jsonl >actual &&
	expect_file_eq actual "[\"app\",\"app\",\"clean\",0,7]"
'

# --- the warehouse (docs/warehouse.md) ------------------------------------

WAREHOUSE="$SRC_DIR/docs/warehouse.md"
# sql_of NAME: the sqlite3 block of docs/warehouse.md that begins with the
# line "-- sqlite3: NAME" (the doc is what is tested)
sql_of() {
	awk -v want="-- sqlite3: $1" '
		/^```/ { if (on) exit; first = 1; next }
		first { first = 0; if ($0 == want) on = 1 }
		on' "$WAREHOUSE"
}
# query NAME: that query on org.jsonl, after the doc's load and helpers
query() {
	local sql; sql=$(sql_of "$1") && test -n "$sql" || { echo "no query $1 in $WAREHOUSE"; return 1; }
	{ sql_of load && sql_of helpers && printf "%s\n" "$sql"; } | sqlite3 -bail :memory:
}

if ! command -v sqlite3 >/dev/null 2>&1; then
	# (CI installs it: .ci/run; so does install.sh)
	test_count=$((test_count + 1))
	echo "ok $test_count - the queries of docs/warehouse.md # skip sqlite3 is not installed (apt-get install sqlite3)"
	test_done
	exit
fi

test_expect_success 'setup: a month by month and a whole-history audit, in one file for sqlite3' '
	cd "$W" &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --rules rules.ini \
		--since 2024-01-01 --until "2024-01-31 23:59:59" >jan.jsonl 2>/dev/null &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --rules rules.ini \
		--since 2024-02-01 --until "2024-02-29 23:59:59" >feb.jsonl 2>/dev/null &&
	SOURCE_DATE_EPOCH=1700003600 &&
	expect_status 2 run_antisilo audit --repos "$W/org/*" --rules rules.ini >all.jsonl 2>/dev/null &&
	cat jan.jsonl feb.jsonl all.jsonl >"$TEST_ROOT/org.jsonl" &&
	cd "$TEST_ROOT" && sql_of load | sqlite3 -bail :memory: >out && test ! -s out &&
	echo "SELECT count(*), count(DISTINCT run) FROM run;" | { sql_of load; cat; } | sqlite3 :memory: >n &&
	expect_file_eq n "9|9"
'

test_expect_success 'warehouse: the top-down share by team and month, across repositories' '
	cd "$TEST_ROOT" && query top-down-share >actual &&
	expect_file_eq actual "$(printf "%s\n" \
		"2024-01|replay|1|1|1.0" "2024-01|web|1|1|1.0" \
		"2024-02|(none)|0|1|0.0" "2024-02|replay|1|2|0.5" "2024-02|web|1|1|1.0")"
'

test_expect_success 'warehouse: the truck factor by area, of the newest whole audit' '
	cd "$TEST_ROOT" && query truck-factor >actual &&
	expect_file_eq actual "$(printf "%s\n" \
		"app|web|1" "app|web/|1" "web|.|1" "web|replay|1" "web|src/|1" "web|web|1" "web|web/|1" \
		"app|.|2" "app|replay|2" "app|src/|2")"
'

test_expect_success 'warehouse: the feedback each team gave to other teams and got, by month' '
	cd "$TEST_ROOT" && query cross-team-feedback >actual &&
	expect_file_eq actual "$(printf "%s\n" "2024-02|replay|0|2" "2024-02|web|2|0")"
'

test_expect_success 'warehouse: manager approvals by repository and month' '
	cd "$TEST_ROOT" && query manager-approvals >actual &&
	expect_file_eq actual "$(printf "%s\n" "web|2024-02|1" "app|2024-01|0" "app|2024-02|0" "web|2024-01|0")"
'

test_expect_success 'warehouse: the knowledge silos of the newest whole audit' '
	cd "$TEST_ROOT" && query silos >actual &&
	expect_file_eq actual "$(printf "%s\n" \
		"app|src/player/|carol|1.0" "app|src/recorder/|bob|1.0" "web|web|eve|1.0" "web|web/|eve|1.0" \
		"web|.|eve|0.75")"
'

test_done
