#!/bin/bash
# t81-silos.sh — knowledge silos a lead can trust (README "Metrics"): the
# degree of authorship exactly as Avelino et al. publish it (creation,
# later edits, renames, deletions, re-creation), identities merged (one
# person with two e-mails), the files that count (each reason a file is
# left out), the people who left, and --without. Each number below is
# worked out by hand from DOA = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln(1 + AC);
# a developer is an author when DOA >= 3.293 and DOA / max >= 0.75.

. "$(dirname "$0")/lib.sh"

ALICE="Alice A <alice@example.com>"
BOB="Bob B <bob@example.com>"
CAROL="Carol C <carol@example.com>"
DAVE="Dave D <dave@example.com>"

# put REPO FILE...: change each file (a new line) and stage it.
put() {
	local r=$1 f
	shift
	for f; do
		mkdir -p "$r/$(dirname "$f")"
		echo "line $RANDOM$RANDOM" >>"$r/$f"
		git -C "$r" add -- "$f"
	done
}

# cm REPO DATE AUTHOR [MESSAGE]: commit what is staged.
cm() {
	local name=${3% <*} email=${3##*<}
	email=${email%>}
	GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" \
	GIT_AUTHOR_DATE="$2T12:00:00Z" GIT_COMMITTER_DATE="$2T12:00:00Z" \
		git -C "$1" commit -q -m "${4:-change}"
}

# authors REPORT PATH: the authors of one file, as JSON.
authors() { jq -c --arg p "$2" '.metrics.silo_files[] | select(.path == $p) | .authors' "$1"; }

audit() { run_antisilo audit --format json --fail-on never --silo-files "$@"; }

# a.c: alice creates it, bob changes it twice, carol once.
#   alice FA=1 DL=0 AC=3: 4.391 - 0.321 ln 4 = 3.9460
#   bob   DL=2 AC=1:      3.621 - 0.321 ln 2 = 3.3985 (0.861 of max): author
#   carol DL=1 AC=2:      3.457 - 0.321 ln 3 = 3.1044 (< 3.293)
# Counting the creation as a delivery and as everyone else's acceptance
# (what antisilo did before) gives bob 3.2676 and leaves him out.
# b.c: alice creates it and changes it, bob changes it once.
#   alice FA=1 DL=1 AC=1: 4.3325; bob DL=1 AC=1: 3.2345 -> alice
# Truck factor: remove alice (b.c orphaned: 1 of 2, not more than half),
# then bob: 2.
test_expect_success 'creation is first authorship only; later edits are deliveries' '
	make_repo r &&
	put r a.c b.c && cm r 2024-01-01 "$ALICE" &&
	put r a.c && cm r 2024-01-02 "$BOB" &&
	put r a.c && cm r 2024-01-03 "$BOB" &&
	put r a.c && cm r 2024-01-04 "$CAROL" &&
	put r b.c && cm r 2024-01-05 "$ALICE" &&
	put r b.c && cm r 2024-01-06 "$BOB" &&
	audit --repo r >r.json &&
	expect_eq "$(authors r.json a.c)" "[\"$ALICE\",\"$BOB\"]" &&
	expect_eq "$(authors r.json b.c)" "[\"$ALICE\"]" &&
	jq_eq r.json ".metrics.truck_factors[0] | [.truck_factor, .authors, .files]" \
		"[2,[\"$ALICE\",\"$BOB\"],2]"
'

# r.c: alice creates it; bob renames it as it is (s.c): a rename is a
# change by its author, as the authors' tool counts it.
#   alice FA=1 AC=1: 4.1685; bob DL=1: 3.457 (0.829): both
# z.c: alice creates x.c and changes it; bob renames it to y.c as it is;
# carol renames y.c to z.c with an edit (git log -M pairs them: one file).
#   alice FA=1 DL=1 AC=2: 4.2023; bob, carol DL=1 AC=2: 3.1044 -> alice
test_expect_success 'renames, exact or with edits, carry the history and are changes' '
	make_repo r &&
	seq 1 40 | sed "s/^/x line /" >r/x.c && put r r.c && git -C r add x.c &&
	cm r 2024-01-01 "$ALICE" &&
	echo more >>r/x.c && git -C r add x.c && cm r 2024-01-02 "$ALICE" &&
	git -C r mv r.c s.c && git -C r mv x.c y.c && cm r 2024-01-03 "$BOB" &&
	git -C r mv y.c z.c && sed -i "s/^x line 7\$/x line seven/" r/z.c && git -C r add z.c &&
	cm r 2024-01-04 "$CAROL" &&
	expect_eq "$(git -C r log -M --format= --name-status -1 | cut -c1)" R &&
	audit --repo r >r.json &&
	expect_eq "$(authors r.json s.c)" "[\"$ALICE\",\"$BOB\"]" &&
	expect_eq "$(authors r.json z.c)" "[\"$ALICE\"]" &&
	jq_eq r.json "[.metrics.silo_files[].path]" "[\"s.c\",\"z.c\"]"
'

# d.c: alice creates and changes it, bob deletes it, carol creates it
# again: carol's file starts afresh (FA = 1, alone). e.c: deleted and never
# re-created: not a file of the tip.
test_expect_success 'a deletion ends a file'"'"'s history; a file created again starts afresh' '
	make_repo r &&
	put r d.c e.c keep.c && cm r 2024-01-01 "$ALICE" &&
	put r d.c && cm r 2024-01-02 "$ALICE" &&
	git -C r rm -q d.c e.c && cm r 2024-01-03 "$BOB" &&
	put r d.c && cm r 2024-01-04 "$CAROL" &&
	audit --repo r >r.json &&
	expect_eq "$(authors r.json d.c)" "[\"$CAROL\"]" &&
	jq_eq r.json "[.metrics.silo_files[].path]" "[\"d.c\",\"keep.c\"]"
'

# One person, several identities: dave with two e-mails (one name), the
# same e-mail in two cases, and a name written without its accents.
# f.c: created as dave@work, changed twice as dave@home: one developer,
# FA=1 DL=2: 4.719, named by the identity with the most commits (a tie:
# the smaller). Truck factor of f, g (dave), h (eve), j (jose): remove
# dave (2 of 4), then eve ("E. Vans" sorts first): 2.
test_expect_success 'aliases: one developer for one person, whatever the e-mail' '
	make_repo r &&
	put r f.c g.c && cm r 2024-01-01 "Dave Doe <dave@work.example>" &&
	put r f.c && cm r 2024-01-02 "Dave Doe <dave@home.example>" &&
	put r f.c && cm r 2024-01-03 "Dave Doe <dave@home.example>" &&
	put r h.c && cm r 2024-01-04 "Eve Vans <Eve@Example.com>" &&
	put r h.c && cm r 2024-01-05 "E. Vans <eve@example.com>" &&
	put r j.c && cm r 2024-01-06 "José Núñez <jose@one.example>" &&
	put r j.c && cm r 2024-01-07 "jose nunez <jn@two.example>" &&
	audit --repo r >r.json &&
	expect_eq "$(authors r.json f.c)" "[\"Dave Doe <dave@home.example>\"]" &&
	expect_eq "$(authors r.json g.c)" "[\"Dave Doe <dave@home.example>\"]" &&
	jq_eq r.json ".metrics.truck_factors[0] | [.truck_factor, .authors]" \
		"[2,[\"Dave Doe <dave@home.example>\",\"E. Vans <eve@example.com>\"]]" &&
	jq_eq r.json ".metrics.authorship.developers" 3 &&
	run_antisilo identities --repo r >ids &&
	expect_file_eq ids "# antisilo identities: 3 lines for 3 developers (review, then add to .mailmap)
Dave Doe <dave@home.example> Dave Doe <dave@work.example>
E. Vans <eve@example.com> Eve Vans <Eve@Example.com>
José Núñez <jose@one.example> jose nunez <jn@two.example>"
'

test_expect_success 'the .mailmap lines of antisilo identities make git log agree' '
	make_repo r &&
	put r f.c && cm r 2024-01-01 "Dave Doe <dave@work.example>" &&
	put r f.c && cm r 2024-01-02 "Dave Doe <dave@home.example>" &&
	put r f.c && cm r 2024-01-03 "dave doe <DAVE@home.example>" &&
	run_antisilo identities --repo r | grep -v "^#" >r/.mailmap &&
	expect_eq "$(git -C r log --use-mailmap --format="%aN <%aE>" | sort -u)" "Dave Doe <dave@home.example>" &&
	git -C r add .mailmap && cm r 2024-01-04 "Dave Doe <dave@home.example>" &&
	run_antisilo identities --repo r >ids &&
	expect_file_eq ids "# antisilo identities: 0 lines for 1 developer (review, then add to .mailmap)"
'

# The org chart wins: two people of [people] who share a name stay two.
test_expect_success 'identities the org chart gives to two people are never merged' '
	make_repo r &&
	put r a.c && cm r 2024-01-01 "Sam Lee <sam@one.example>" &&
	put r b.c && cm r 2024-01-02 "Sam Lee <sam@two.example>" &&
	printf "[antisilo]\ninclude = default\n[people]\nx1 = <x1@example.com>\nx2 = <x2@example.com>\nx3 = <x3@example.com>\nsam1 = <sam@one.example>\nsam2 = <sam@two.example>\n" >site.ini &&
	audit --repo r --rules site.ini >r.json &&
	expect_eq "$(authors r.json a.c)" "[\"sam1\"]" &&
	expect_eq "$(authors r.json b.c)" "[\"sam2\"]" &&
	run_antisilo identities --repo r --rules site.ini >ids &&
	expect_file_eq ids "# antisilo identities: 0 lines for 2 developers (review, then add to .mailmap)" &&
	audit --repo r >plain.json &&
	expect_eq "$(authors plain.json b.c)" "[\"Sam Lee <sam@one.example>\"]"
'

# Every reason a file is left out, and the ways to bring one back.
test_expect_success 'files that matter: each reason, .gitattributes, silo_include and silo_exclude' '
	make_repo r &&
	put r src/main.c README.md docs/guide.txt docs/api.c assets/logo.png assets/keep.svg \
		fonts/x.woff2 media/a.mp3 package-lock.json vendor/lib.c third_party/ours.c \
		web/app.min.js gen/api.c tools/gen.sh sub/deep/x.c other/x.c &&
	printf "gen/** linguist-generated\nthird_party/ours.c -linguist-vendored\ndocs/api.c linguist-documentation=false\n" >r/.gitattributes &&
	printf "*.c linguist-vendored\n" >r/sub/.gitattributes &&
	git -C r add .gitattributes sub/.gitattributes && cm r 2024-01-01 "$ALICE" &&
	printf "[antisilo]\ninclude = default\nsilo_exclude = tools/\nsilo_include = assets/keep.svg\n" >site.ini &&
	audit --repo r --rules site.ini >r.json &&
	jq_eq r.json "[.metrics.silo_files[] | [.path, .reason]]" \
		"[[\".gitattributes\",\"counted\"],[\"README.md\",\"documentation\"],[\"assets/keep.svg\",\"counted\"],[\"assets/logo.png\",\"image\"],[\"docs/api.c\",\"counted\"],[\"docs/guide.txt\",\"documentation\"],[\"fonts/x.woff2\",\"font\"],[\"gen/api.c\",\"generated\"],[\"media/a.mp3\",\"media\"],[\"other/x.c\",\"counted\"],[\"package-lock.json\",\"lockfile\"],[\"src/main.c\",\"counted\"],[\"sub/.gitattributes\",\"counted\"],[\"sub/deep/x.c\",\"vendored\"],[\"third_party/ours.c\",\"counted\"],[\"tools/gen.sh\",\"silo_exclude\"],[\"vendor/lib.c\",\"vendored\"],[\"web/app.min.js\",\"generated\"]]" &&
	jq_eq r.json ".metrics.authorship | [.files, .counted, .excluded]" \
		"[18,7,{\"silo_exclude\":1,\"vendored\":2,\"generated\":2,\"lockfile\":1,\"documentation\":2,\"image\":1,\"font\":1,\"media\":1,\"no_history\":0}]" &&
	jq_eq r.json ".metrics.truck_factors[0].files" 7
'

# A hostile .gitattributes: 1,500 linguist lines (only the first 1,000
# are used: a bound on the work per file) and a line whose pattern the
# matcher cannot use; both are counted, nothing fails.
test_expect_success '.gitattributes: lines past the first 1,000, and unusable patterns, are skipped' '
	make_repo r &&
	for i in $(seq 1 1500); do echo "x$i.c linguist-vendored"; done >r/.gitattributes &&
	echo "[a-z].c linguist-vendored" >>r/.gitattributes &&
	put r x1.c x1200.c b.c && git -C r add .gitattributes && cm r 2024-01-01 "$ALICE" &&
	audit --repo r >r.json &&
	jq_eq r.json "[.metrics.silo_files[] | [.path, .reason]]" \
		"[[\".gitattributes\",\"counted\"],[\"b.c\",\"counted\"],[\"x1.c\",\"vendored\"],[\"x1200.c\",\"counted\"]]" &&
	jq_eq r.json ".metrics.authorship.gitattributes_lines_skipped" 501
'

test_expect_success 'files no commit of the range touched have no history: left out' '
	make_repo r &&
	put r a.c b.c && cm r 2024-01-01 "$ALICE" &&
	put r b.c && cm r 2024-01-02 "$BOB" &&
	audit --repo r HEAD~1..HEAD >r.json &&
	jq_eq r.json "[.metrics.silo_files[] | [.path, .reason, .authors]]" \
		"[[\"a.c\",\"no_history\",[]],[\"b.c\",\"counted\",[\"$BOB\"]]]" &&
	jq_eq r.json ".metrics.authorship.excluded.no_history" 1
'

test_expect_success 'silo_exclude and silo_include are checked when the rules load' '
	printf "[antisilo]\nsilo_exclude = docs/, [a-z]/, !vendor/\n" >bad.ini &&
	expect_status 2 run_antisilo check-rules bad.ini 2>err &&
	expect_file_eq err "antisilo: bad.ini:2: silo_exclude: '\''!vendor/'\'': negation ('\''!'\'') is not supported"
'

# People who left. Tip: 2024-06-01; active_months = 12: active since
# 2023-06-01. alice authored a/1..3.c and left (left=2024-01-01); dave
# authors d/d.c, active; carol authors c/c.c, last commit 2022 (inactive).
# The repository's 5 files: historical TF: remove alice (3 orphans of 5,
# more than half): 1. The people still here: alice and carol are gone, 4
# orphans from the start: 0.
org_history() {
	make_repo r &&
	put r c/c.c && cm r 2022-01-01 "$CAROL" &&
	put r a/1.c a/2.c a/3.c && cm r 2023-09-01 "$ALICE" &&
	put r d/d.c && cm r 2024-03-01 "$DAVE" &&
	put r d/d.c && cm r 2024-06-01 "$DAVE" &&
	cat >site.ini <<-EOF
	[antisilo]
	include = default
	silo_min_files = 1

	[people]
	alice = $ALICE, left=2024-01-01
	carol = $CAROL
	dave  = $DAVE, left = 2025-01-01
	EOF
}

test_expect_success 'people who left: the truck factor of the people still here beside the historical one' '
	org_history &&
	audit --repo r --rules site.ini >r.json &&
	jq_eq r.json "[.metrics.truck_factors[] | [.path, .truck_factor, .authors, .active_truck_factor, .active_authors]]" \
		"[[\".\",1,[\"alice\"],0,[]],[\"a/\",1,[\"alice\"],0,[]],[\"c/\",1,[\"carol\"],0,[]],[\"d/\",1,[\"dave\"],1,[\"dave\"]]]" &&
	jq_eq r.json "[.metrics.silos[] | [.path, .truck_factor, .active_truck_factor]]" \
		"[[\".\",1,0],[\"a/\",1,0],[\"c/\",1,0],[\"d/\",1,1]]" &&
	jq_eq r.json ".metrics.authorship | [.developers, .active_developers, .active_since, .gone_authors]" \
		"[3,1,\"2023-06-01\",[\"alice\",\"carol\"]]"
'

test_expect_success 'active_months = 0 counts only who left; left= must be a date' '
	org_history &&
	sed -i "s/^silo_min_files = 1\$/&\nactive_months = 0/" site.ini &&
	audit --repo r --rules site.ini >r.json &&
	jq_eq r.json "[.metrics.truck_factors[] | [.path, .active_truck_factor]]" \
		"[[\".\",0],[\"a/\",0],[\"c/\",1],[\"d/\",1]]" &&
	jq_eq r.json ".metrics.authorship | [.active_since, .gone_authors]" "[null,[\"alice\"]]" &&
	printf "[people]\nx = X <x@example.com>, left=2024-02-30\n" >bad.ini &&
	expect_status 2 run_antisilo check-rules bad.ini 2>err &&
	expect_file_eq err "antisilo: bad.ini:2: [people] '\''left=2024-02-30'\'' is not a date (left=YYYY-MM-DD)"
'

test_expect_success '--without: the areas that lose their last author still here' '
	org_history &&
	audit --repo r --rules site.ini --without dave >r.json &&
	jq_eq r.json ".metrics.without" \
		"{\"developers\":[\"dave\"],\"areas\":[{\"kind\":\"repository\",\"path\":\".\",\"files\":5,\"authored_files\":1},{\"kind\":\"directory\",\"path\":\"d/\",\"files\":1,\"authored_files\":1}],\"files\":[\"d/d.c\"]}" &&
	audit --repo r --rules site.ini --without "Alice A <alice@example.com>" >a.json &&
	jq_eq a.json ".metrics.without" "{\"developers\":[\"alice\"],\"areas\":[],\"files\":[]}" &&
	expect_status 2 run_antisilo audit --repo r --rules site.ini --without nobody@example.com 2>err &&
	expect_file_eq err "antisilo: --without: '\''nobody@example.com'\'' is no one the org chart or the history knows" &&
	audit --repo r >plain.json &&
	jq_eq plain.json ".metrics | has(\"without\")" false
'

test_done
