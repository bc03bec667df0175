#!/bin/bash
# t82-org.sh — an org chart that maintains itself: org_csv (people,
# managers and teams from an HR export at run time, checked as rules.ini
# is: every error names the file and the line), and antisilo init (a
# commented rules.ini drafted from the history, an HR export, GitHub teams
# and CODEOWNERS, which check-rules accepts; it never overwrites a file).

. "$(dirname "$0")/lib.sh"

COLUMNS_SPEC="name=Full Name, email=Work Email, manager_email=Manager, team=Department, left=Termination Date"

# The HR export of the tests, with its own header names.
write_hr() {
	cat >hr.csv <<-'EOF'
	Full Name,Work Email,Manager,Department,Termination Date,Office
	Alice Liddell,alice@example.com,,Replay,,Berlin
	Bob Stone,bob@example.com,alice@example.com,Replay,,"Lisbon, PT"
	Carol Danvers,carol@example.com,alice@example.com,Platform Infra,2024-05-31,Remote
	EOF
}

# cm REPO NAME EMAIL DATE [MESSAGE]: commit what is staged.
cm() {
	GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3" GIT_COMMITTER_NAME="$2" \
	GIT_COMMITTER_EMAIL="$3" GIT_AUTHOR_DATE="$4T12:00:00Z" \
	GIT_COMMITTER_DATE="$4T12:00:00Z" git -C "$1" commit -q -F - <<<"${5:-change}"
}

# rules_error FILE MESSAGE: check-rules FILE fails with exit 2 and MESSAGE.
rules_error() {
	expect_status 2 run_antisilo check-rules "$1" 2>err &&
	expect_file_eq err "antisilo: $2"
}

test_expect_success 'org_csv: people, managers and teams from an HR export at run time' '
	write_hr &&
	printf "[antisilo]\ninclude = default\norg_csv = hr.csv\norg_csv_columns = %s\n" "$COLUMNS_SPEC" >site.ini &&
	run_antisilo check-rules site.ini >out &&
	expect_file_eq out "site.ini: ok (3 people, 2 teams, $SHIPPED_RULES rules)" &&
	make_repo r && echo x >r/x.c && git -C r add x.c &&
	cm r "Bob Stone" bob@example.com 2024-01-02 "Add x

Assigned-by: Alice Liddell <alice@example.com>" &&
	run_antisilo audit --repo r --rules site.ini --format json --fail-on never >r.json &&
	jq_eq r.json "[.findings[] | [.rule, .relation, .actor, .subject]]" \
		"[[\"assigned-by-trailer\",\"manager\",\"alice\",\"bob\"]]" &&
	jq_eq r.json "[.metrics.truck_factors[] | select(.kind == \"team\") | [.path, .files]]" \
		"[[\"replay\",0],[\"platform-infra\",0]]"
'

test_expect_success 'org_csv: the default header names, and a team of [team.*] joined' '
	printf "name,email,manager_email,team\nAlice,alice@example.com,,replay\n" >hr.csv &&
	printf "[antisilo]\norg_csv = hr.csv\n[team.replay]\npaths = replay/\n" >site.ini &&
	run_antisilo check-rules site.ini >out &&
	expect_file_eq out "site.ini: ok (1 person, 1 team, 0 rules)"
'

test_expect_success 'org_csv: every mistake names the file and the line' '
	printf "[antisilo]\norg_csv = hr.csv\n" >site.ini &&
	printf "name,email,manager_email\nA,a@x.org,\nB,b@x.org,c@x.org\n" >hr.csv &&
	rules_error site.ini "hr.csv:3: unknown manager '\''c@x.org'\'' (no person has this e-mail)" &&
	printf "name,email,manager_email\nA,a@x.org,b@x.org\nB,b@x.org,a@x.org\n" >hr.csv &&
	rules_error site.ini "hr.csv:3: management cycle: b -> a -> b (each reports to the next)" &&
	printf "name,email\nA,a@x.org\nA again,A@x.org\n" >hr.csv &&
	rules_error site.ini "hr.csv:3: identity '\''A@x.org'\'' is claimed by both '\''a'\'' and this row" &&
	printf "name,email,left\nA,a@x.org,31/05/2024\n" >hr.csv &&
	rules_error site.ini "hr.csv:2: left: '\''31/05/2024'\'' is not a date (YYYY-MM-DD)" &&
	printf "name,mail\nA,a@x.org\n" >hr.csv &&
	rules_error site.ini "hr.csv:1: no '\''email'\'' column in the header row" &&
	printf "name,email\nA,not-an-email\n" >hr.csv &&
	rules_error site.ini "hr.csv:2: '\''not-an-email'\'' is not an e-mail address" &&
	printf "name,email\n\"A,a@x.org\n" >hr.csv &&
	rules_error site.ini "hr.csv:2: a quoted field starts here and is never closed" &&
	printf "[antisilo]\norg_csv = hr.csv\n[people]\na = A <a@x.org>\n" >site.ini &&
	printf "name,email\nA,a@x.org\n" >hr.csv &&
	rules_error site.ini "hr.csv:2: identity '\''a@x.org'\'' is claimed by both '\''a'\'' and this row" &&
	printf "[antisilo]\norg_csv = missing.csv\n" >site.ini &&
	rules_error site.ini "missing.csv: cannot read: No such file or directory" &&
	printf "[antisilo]\norg_csv = hr.csv\norg_csv_columns = mail=E-mail\n" >site.ini &&
	rules_error site.ini "org_csv_columns: '\''mail=E-mail'\'' is not FIELD=Header (FIELD: name, email, manager_email, team, left)"
'

# The history: alice; bob with three identities (his HR e-mail, an old
# one under his name in lower case, and GitHub's noreply address of his
# login "bobs"); erin, who is in no HR export; a bot. CODEOWNERS gives
# replay/ to @example/replay and infra/ to @example/infra and @erin-gh.
# GitHub: teams replay (members alice-gh, bobs) and infra (no members
# file), in two pages as gh api --paginate writes them.
org_fixtures() {
	write_hr &&
	make_repo r && mkdir -p r/replay r/infra r/.github &&
	echo a >r/replay/a.c && git -C r add . && cm r "Alice Liddell" alice@example.com 2024-01-01 &&
	echo b >>r/replay/a.c && git -C r add . && cm r "Bob Stone" bob@example.com 2024-01-02 &&
	echo b >>r/replay/b.c && git -C r add . && cm r "Bob Stone" 123+bobs@users.noreply.github.com 2024-01-03 &&
	echo b >>r/replay/b.c && git -C r add . && cm r "bob stone" bob@old.example.com 2024-01-04 &&
	echo x >r/infra/x.c && printf "/replay/ @example/replay\n/infra/ @example/infra @erin-gh\n" >r/.github/CODEOWNERS &&
	git -C r add . && cm r "Erin Eng" erin@example.com 2024-01-05 &&
	echo x >>r/infra/x.c && git -C r add . &&
	cm r "dependabot[bot]" "49699333+dependabot[bot]@users.noreply.github.com" 2024-01-06 &&
	mkdir gh &&
	printf "[{\"slug\":\"replay\",\"name\":\"Replay\",\"html_url\":\"https://github.com/orgs/example/teams/replay\"}]\n[{\"slug\":\"infra\",\"name\":\"Infra\",\"html_url\":\"https://github.com/orgs/example/teams/infra\"}]\n" >gh/teams.json &&
	printf "[{\"login\":\"alice-gh\",\"id\":1},{\"login\":\"bobs\",\"id\":2}]" >gh/replay.json
}

# What init drafts from org_fixtures (after its first line, which has the
# date, with the test directory as DIR).
expected_draft() {
	cat <<'EOF'
;   the history of DIR/r/: 4 developers
;   the HR export hr.csv: 3 people
;   GitHub teams gh/teams.json: 2 teams
;   the team handles of .github/CODEOWNERS
; Review it: who is one person, who manages whom, who is in which team and
; which paths each team owns. Then check it (antisilo check-rules FILE) and
; point antisilo at it (--rules, git config antisilo.rules, or
; $GIT_DIR/antisilo/rules.ini). An HR export can also be read at each run:
; org_csv = FILE in [antisilo] (README, "Configuration").

[antisilo]
include = default                       ; the shipped rules; the keys below override theirs
mode = warn                             ; try the hook in warn mode first, then enforce
; active_months = 12                    ; still here: a commit in the last 12 months

[people]
; id = Display Name <primary e-mail>, more identities (e-mails, @logins), left=YYYY-MM-DD
; The most frequent authors first. Check who is one person (antisilo identities),
; mark who left (left=YYYY-MM-DD), and remove bots.
bob = Bob Stone <bob@example.com>, bob@old.example.com, 123+bobs@users.noreply.github.com, @bobs ; 3 commits, the last 2024-01-04
alice = Alice Liddell <alice@example.com> ; 1 commit, the last 2024-01-01
dependabot-bot = dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com> ; 1 commit, the last 2024-01-06; a bot: remove it?
erin-eng = Erin Eng <erin@example.com>  ; 1 commit, the last 2024-01-05
alice-gh = @alice-gh                    ; from GitHub teams
carol = Carol Danvers <carol@example.com>, left=2024-05-31 ; from the HR export
erin-gh = @erin-gh                      ; from CODEOWNERS

[managers]
; report = manager
bob = alice
carol = alice

[team.infra]
; from GitHub teams (no members file)
; lead = (the team's lead, one of its members)
codeowners = @example/infra
; paths = (the directories the team owns, e.g. src/replay/)

[team.platform-infra]
; from the HR export
; lead = (the team's lead, one of its members)
members = carol
; paths = (the directories the team owns, e.g. src/replay/)

[team.replay]
; from the HR export
; lead = (the team's lead, one of its members)
members = alice, bob, alice-gh
codeowners = @example/replay
; paths = (the directories the team owns, e.g. src/replay/)
EOF
}

test_expect_success 'init: a draft from the history, the HR export, GitHub teams and CODEOWNERS' '
	org_fixtures &&
	run_antisilo init --repo r --hr hr.csv --hr-columns "$COLUMNS_SPEC" --github-teams gh/teams.json \
		--output draft.ini &&
	sed -n 1p draft.ini | grep -q "^; rules.ini drafted by .antisilo init. on [0-9-]* from:$" &&
	sed -e 1d -e "s|$PWD|DIR|" draft.ini >got &&
	expected_draft >want &&
	diff -u want got &&
	run_antisilo check-rules draft.ini >out &&
	expect_file_eq out "draft.ini: ok (7 people, 3 teams, $SHIPPED_RULES rules)" &&
	run_antisilo audit --repo r --rules draft.ini --format json --fail-on never >r.json &&
	jq_eq r.json "[.metrics.truck_factors[] | select(.kind == \"team\") | [.path, .truck_factor, .files, .authors]]" \
		"[[\"infra\",2,1,[\"dependabot-bot\",\"erin-eng\"]],[\"platform-infra\",0,0,[]],[\"replay\",2,2,[\"bob\",\"alice\"]]]"
'

test_expect_success 'init: from the history alone, to standard output; it never overwrites a file' '
	org_fixtures &&
	run_antisilo init --repo r >draft.ini &&
	run_antisilo check-rules draft.ini >out &&
	expect_file_eq out "draft.ini: ok (5 people, 2 teams, $SHIPPED_RULES rules)" &&
	grep "^bob" draft.ini >bob &&
	expect_file_eq bob "bobs = Bob Stone <123+bobs@users.noreply.github.com>, bob@old.example.com, bob@example.com ; 3 commits, the last 2024-01-04" &&
	echo mine >keep.ini &&
	expect_status 2 run_antisilo init --repo r --output keep.ini 2>err &&
	expect_file_eq err "antisilo: keep.ini exists: antisilo init never overwrites a file" &&
	expect_file_eq keep.ini mine
'

test_expect_success 'init: an HR export alone, outside any repository' '
	write_hr && mkdir norepo && cd norepo &&
	GIT_CEILING_DIRECTORIES=$PWD/.. run_antisilo init --hr ../hr.csv --hr-columns "$COLUMNS_SPEC" >draft.ini &&
	run_antisilo check-rules draft.ini >out &&
	expect_file_eq out "draft.ini: ok (3 people, 2 teams, $SHIPPED_RULES rules)" &&
	grep -c "from the HR export" draft.ini >n && expect_file_eq n 5
'

test_expect_success 'init: bad inputs are errors that name the file and the record' '
	org_fixtures &&
	printf "[{\"slug\":\"replay\"}" >gh/teams.json &&
	expect_status 2 run_antisilo init --repo r --github-teams gh/teams.json 2>err &&
	grep -q "^antisilo: gh/teams.json:1:[0-9]*: " err &&
	printf "{\"slug\":\"replay\"}" >gh/teams.json &&
	expect_status 2 run_antisilo init --repo r --github-teams gh/teams.json 2>err &&
	expect_file_eq err "antisilo: gh/teams.json: byte 0: not a JSON array (the output of gh api is one)" &&
	printf "[{\"slug\":\"replay\"},{\"name\":\"x\"}]" >gh/teams.json &&
	expect_status 2 run_antisilo init --repo r --github-teams gh/teams.json 2>err &&
	expect_file_eq err "antisilo: gh/teams.json: record 2: no \"slug\"" &&
	printf "[{\"slug\":\"replay\"}]" >gh/teams.json && printf "[{\"login\":\"a b\"}]" >gh/replay.json &&
	expect_status 2 run_antisilo init --repo r --github-teams gh/teams.json 2>err &&
	expect_file_eq err "antisilo: gh/replay.json: record 1: the login is not a GitHub login" &&
	printf "name,email,manager_email\nA,a@x.org,z@x.org\n" >bad.csv &&
	expect_status 2 run_antisilo init --repo r --hr bad.csv 2>err &&
	expect_file_eq err "antisilo: bad.csv:2: unknown manager '\''z@x.org'\'' (no person has this e-mail)"
'

# Names from commits are hostile input: whatever they hold, the draft
# loads (no quote, comment character, comma or control reaches a value).
test_expect_success 'init: hostile names still give a file that loads' '
	make_repo r && echo a >r/a.c && git -C r add . &&
	cm r "Mallory; #x, \"q\" <y> =left=2024-01-01 $(printf "\033[31m")red" mallory@example.com 2024-01-01 &&
	echo b >>r/a.c && git -C r add . && cm r "@root" "bad email" 2024-01-02 &&
	run_antisilo init --repo r >draft.ini &&
	run_antisilo check-rules draft.ini >out &&
	expect_file_eq out "draft.ini: ok (2 people, 0 teams, $SHIPPED_RULES rules)" &&
	grep "^mallory" draft.ini >m &&
	expect_file_eq m "mallory-x-q-y-left-2024-01-01-31mred = Mallory x q y left2024-01-01 [31mred <mallory@example.com> ; 1 commit, the last 2024-01-01"
'

test_done
