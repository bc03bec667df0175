#!/bin/bash
# t65-codeowners-gates.sh — CODEOWNERS history: a line a commit adds that
# makes a manager of a team's members (not in it) or another team's handle
# an owner of the team's paths is a gate (source codeowners); the team's
# own members and handle are not. Audited over history and judged in the
# hook on the lines a push adds; a branch protection export that requires
# code-owner review makes it a warning.

. "$(dirname "$0")/lib.sh"
. "$TESTS_DIR/lib-trackers.sh"
. "$TESTS_DIR/hook-lib.sh"
# (hook-lib.sh keeps the binary for the hook only)
run_antisilo() { "$HOOK_BIN" "$@"; }

# set_owners DIR "Name <email>" MESSAGE [FILE]: FILE (default
# .github/CODEOWNERS) becomes stdin, committed.
set_owners() {
	local dir=$1 who=$2 msg=$3 file=${4:-.github/CODEOWNERS}
	mkdir -p "$dir/$(dirname "$file")" && cat >"$dir/$file" && commit_file "$dir" "$who" "$file" "$msg"
}

audit() {
	local rc=0
	run_antisilo audit --repo r --rules rules.ini --format json --quiet "$@" >out.json || rc=$?
	test $rc -le 1
}

gates() {
	jq -r '.findings[] | [.rule, .severity, .relation, .actor, .subject, .owner, .source, .path, (.line|tostring), .excerpt] | join(" | ")' out.json
}

# A history with real gates and look-alikes.
history() {
	write_forge_rules && make_repo r && mkdir -p r/search r/infra &&
	echo a >r/search/index.c && echo b >r/infra/deploy.sh &&
	git -C r add . && commit_file r "$CAROL" search "Add the code" &&
	set_owners r "$CAROL" "CODEOWNERS: the teams own their code" <<-\EOF &&
	# Each team owns its code
	/search/ @example/team-search
	/infra/  @example/team-infra
	EOF
	set_owners r "$ALICE" "CODEOWNERS: I review search" <<-\EOF &&
	# Each team owns its code
	/search/ @example/team-search @alice
	/infra/  @example/team-infra
	EOF
	set_owners r "$BOB" "CODEOWNERS: infra reviews billing" <<-\EOF &&
	# Each team owns its code
	/search/ @example/team-search @alice
	/search/billing/ @example/team-infra
	/infra/  @example/team-infra
	EOF
	set_owners r "$CAROL" "CODEOWNERS: look-alikes" <<-\EOF &&
	# Each team owns its code
	/search/ @example/team-search @alice
	/search/billing/ @example/team-infra
	/infra/  @example/team-infra
	/search/api/ @dave @carol
	/infra/ci/ @example/team-infra erin@example.com
	/docs/ @alice
	EOF
	set_owners r "$ERIN" "CODEOWNERS: the DBAs own every migration" <<-\EOF
	# Each team owns its code
	/search/ @example/team-search @alice
	/search/billing/ @example/team-infra
	/infra/  @example/team-infra
	/search/api/ @dave @carol
	/infra/ci/ @example/team-infra erin@example.com
	/docs/ @alice
	*.sql @example/team-dba
	EOF
}

HISTORY_GATES="codeowners-gate | info | unknown | erin | search | @example/team-dba | codeowners | .github/CODEOWNERS | 8 | *.sql @example/team-dba
codeowners-gate | info | unknown | erin | infra | @example/team-dba | codeowners | .github/CODEOWNERS | 8 | *.sql @example/team-dba
codeowners-gate | info | cross-team | bob | search | @example/team-infra | codeowners | .github/CODEOWNERS | 3 | /search/billing/ @example/team-infra
codeowners-gate | info | manager | alice | search | @alice | codeowners | .github/CODEOWNERS | 2 | /search/ @example/team-search @alice"

test_expect_success 'gates: a manager of the members, another team'"'"'s handle, a handle no team has; not members, the own handle, nobody'"'"'s paths' '
	history && audit && gates >out && expect_file_eq out "$HISTORY_GATES" &&
	jq_eq out.json ".metrics.gates" "{\"by_relation\":{\"self\":0,\"peer\":0,\"manager\":1,\"skip-level\":0,\"report\":0,\"cross-team\":1,\"unknown\":2},\"code_owner_review_required\":null}" &&
	expect_eq "$(jq -r ".findings[0].url" out.json)" \
		"https://github.com/example/shop/blob/$(git -C r rev-parse HEAD)/.github/CODEOWNERS#L8" &&
	expect_eq "$(jq -r ".findings[3].url" out.json)" \
		"https://github.com/example/shop/blob/$(git -C r rev-parse HEAD~3)/.github/CODEOWNERS#L2"
'

test_expect_success 'gates: a required code-owner review (branch protection or ruleset) makes them warnings' '
	history && cp "$FIXTURES/github-protection.json" "$FIXTURES/github-ruleset.json" . &&
	for f in github-protection.json github-ruleset.json; do
		audit --tracker $f &&
		expect_eq "$(jq -r "[.findings[] | .rule + \":\" + .severity] | unique | join(\" \")" out.json)" "codeowners-gate-enforced:warning" &&
		jq_eq out.json ".findings | length" 4 &&
		jq_eq out.json ".metrics.gates.code_owner_review_required" true || return 1
	done
'

test_expect_success 'gates: a handle that owned the paths, replaced by a manager; a skip-level manager' '
	write_forge_rules &&
	sed -i -e "/^erin /a zoe   = Zoe Ray <zoe@example.com>, @zoe" -e "/^dave  = carol/a alice = zoe" rules.ini &&
	cat >>rules.ini <<-\EOF &&

	[team.billing]
	members    = bob
	codeowners = @example/team-billing
	EOF
	make_repo r &&
	set_owners r "$BOB" "Billing owns billing" CODEOWNERS <<-\EOF &&
	/billing/ @example/team-billing
	EOF
	set_owners r "$ALICE" "I own billing now" CODEOWNERS <<-\EOF &&
	/billing/ @alice
	EOF
	set_owners r "$ALICE" "Zoe reviews search" CODEOWNERS <<-\EOF &&
	/billing/ @alice
	/search/ zoe@example.com
	EOF
	audit && gates >out &&
	expect_file_eq out "codeowners-gate | info | skip-level | alice | search | zoe@example.com | codeowners | CODEOWNERS | 2 | /search/ zoe@example.com
codeowners-gate | info | manager | alice | billing | @alice | codeowners | CODEOWNERS | 1 | /billing/ @alice"
'

test_expect_success 'not gates: a catch-all that later lines override, a file moved as it is, a line moved' '
	write_forge_rules && make_repo r &&
	set_owners r "$CAROL" "Owners" CODEOWNERS <<-\EOF &&
	* @alice
	/search/ @example/team-search
	/infra/ @example/team-infra
	EOF
	git -C r mv CODEOWNERS .github-CODEOWNERS 2>/dev/null; mkdir -p r/.github &&
	git -C r mv .github-CODEOWNERS .github/CODEOWNERS && commit_file r "$ALICE" .github/CODEOWNERS "Move CODEOWNERS" &&
	set_owners r "$ALICE" "Reorder" <<-\EOF &&
	/infra/ @example/team-infra
	* @alice
	/search/ @example/team-search
	EOF
	audit && jq_eq out.json ".findings | length" 0 &&
	jq_eq out.json ".metrics.gates.by_relation.manager" 0
'

test_expect_success 'a merge judges only the lines none of its parents had' '
	write_forge_rules && make_repo r &&
	set_owners r "$CAROL" "Owners" CODEOWNERS <<-\EOF &&
	/search/ @example/team-search
	EOF
	git -C r checkout -q -b side &&
	set_owners r "$ALICE" "I review search" CODEOWNERS <<-\EOF &&
	/search/ @example/team-search @alice
	EOF
	git -C r checkout -q main && commit_as r "$BOB" "Elsewhere" &&
	git -C r merge -q --no-ff -m "Merge side" side &&
	audit &&
	expect_eq "$(jq -r "[.findings[] | .commit + \":\" + (.line|tostring)] | join(\" \")" out.json)" "$(git -C r rev-parse side):1"
'

test_expect_success '--no-paths reads no CODEOWNERS history and says so' '
	history && audit --no-paths 2>err &&
	jq_eq out.json ".findings | length" 0 &&
	jq -r ".notes[]" out.json | grep -q "^--no-paths: the CODEOWNERS history was not read"
'

test_expect_success 'the hook: a push that adds a gate line gets the finding (info, not shown; a warning with code_owner_review = required)' '
	make_server srv && write_forge_rules srv.git/antisilo/rules.ini &&
	clone_server srv w && commit_clean w "First" && (cd w && push_ok ../out0 origin main) &&
	set_owners w "$ALICE" "CODEOWNERS: I review search" <<-\EOF &&
	/search/ @example/team-search @alice
	EOF
	(cd w && push_ok ../out1 origin main) &&
	grep -q "^antisilo: push accepted: no findings in 1 new commit" out1.remote &&
	sed -i "/^forge_url/a code_owner_review = required" srv.git/antisilo/rules.ini &&
	set_owners w "$ALICE" "CODEOWNERS: I review search" <<-\EOF &&
	/search/ @example/team-search @alice
	/infra/ @example/team-search
	EOF
	(cd w && push_ok ../out origin main) &&
	grep -q "^antisilo:   warning codeowners-gate-enforced (gate, cross-team:$" out.remote &&
	grep -q "^antisilo:   @example/team-search over team infra)$" out.remote &&
	grep -q "^antisilo:     at .github/CODEOWNERS:2$" out.remote &&
	grep -q "^antisilo:     > /infra/ @example/team-search$" out.remote &&
	grep -q "^antisilo: push accepted: 1 warning in 1 of 1 new commit" out.remote
'

test_expect_success 'the hook: with a rule that blocks gates, the push is rejected; a look-alike passes' '
	make_server srv && write_forge_rules srv.git/antisilo/rules.ini &&
	sed -i "/^include/d; /^forge_url/d" srv.git/antisilo/rules.ini &&
	cat >>srv.git/antisilo/rules.ini <<-\EOF &&

	[rule.no-gates]
	source   = codeowners
	event    = gate
	relation = manager, skip-level, cross-team, unknown
	severity = error
	explain  = No outside gates over a team.
	EOF
	clone_server srv w && commit_clean w "First" && (cd w && push_ok ../out0 origin main) &&
	set_owners w "$CAROL" "CODEOWNERS: members" <<-\EOF &&
	/search/ @example/team-search @dave
	EOF
	(cd w && push_ok ../out1 origin main) &&
	set_owners w "$BOB" "CODEOWNERS: infra reviews search" <<-\EOF &&
	/search/ @example/team-search @dave
	/search/deploy/ @example/team-infra
	EOF
	(cd w && push_rejected ../out origin main) &&
	grep -q "^antisilo:   error no-gates (gate, cross-team: @example/team-infra over$" out.remote &&
	grep -q "^antisilo:   team search)$" out.remote &&
	grep -q "^antisilo:     at .github/CODEOWNERS:2$" out.remote &&
	! grep -q "CODEOWNERS:1" out.remote
'

test_expect_success 'bounds: at most 1000 gates a commit, then a notice; floating lines cost the work they may' '
	write_forge_rules && make_repo r && mkdir -p r/.github &&
	awk "BEGIN { for (i = 0; i < 1200; i++) printf \"/search/d%d/ @alice\\n\", i }" >r/.github/CODEOWNERS &&
	commit_file r "$ALICE" .github/CODEOWNERS "Alice reviews everything" &&
	audit && jq_eq out.json "[.findings[] | select(.rule == \"codeowners-gate\")] | length" 1000 &&
	jq_eq out.json ".findings[-1] | [.rule, .severity, .excerpt]" "[\"antisilo:max-codeowners-work\",\"warning\",\"200 more lines over teams'"'"' paths than the 1000 judged in one commit: not checked\"]" &&
	awk "BEGIN { for (i = 0; i < 3000; i++) printf \"*.x%d @example/team-dba\\n\", i }" >>r/.github/CODEOWNERS &&
	commit_file r "$ERIN" .github/CODEOWNERS "Many floating lines" &&
	audit HEAD~1..HEAD && jq_eq out.json ".findings[-1].rule" "antisilo:max-codeowners-work" &&
	jq -r ".findings[-1].excerpt" out.json | grep -q " of the places the 3000 added lines own (a CODEOWNERS of 4200 lines, 3000 of them matching at any depth): not checked$"
'

test_done
