#!/bin/bash
# t52-owners.sh — `antisilo owners`: CODEOWNERS at a revision plus the
# teams of rules.ini, end to end, exact output.

. "$(dirname "$0")/lib.sh"

write_rules() {
	cat >"${1:-rules.ini}" <<'EOF'
[people]
alice = Alice Liddell <alice@example.com>, @alice
bob   = Bob Stone <bob@example.com>
carol = Carol Danvers <carol@example.com>

[team.replay]
lead       = alice
members    = bob
paths      = packages/rrweb/, packages/browser/src/extensions/replay/
codeowners = @example/team-replay

[team.web]
lead  = bob
paths = packages/browser/, *.css

[team.platform]
lead       = carol
codeowners = @Example/Platform
EOF
}

# A repository whose CODEOWNERS changes between two commits.
make_owned_repo() {
	make_repo r &&
	mkdir -p r/.github r/packages/rrweb r/docs &&
	cat >r/.github/CODEOWNERS <<-\EOF &&
	# default
	*                    @example/platform
	/packages/rrweb/     @example/team-replay @alice
	/docs/
	*.md                 docs@example.com
	EOF
	echo x >r/packages/rrweb/a.ts &&
	git -C r add -A && git -C r commit -q -m one &&
	echo "* @someone-else" >r/.github/CODEOWNERS &&
	git -C r commit -q -a -m two
}

test_expect_success 'owners: CODEOWNERS owners, then team:ID of the teams that own the path' '
	write_rules && make_owned_repo &&
	run_antisilo owners --repo r --rules rules.ini --rev HEAD~1 \
		packages/rrweb/src/a.ts docs/guide/x.txt README.md \
		packages/browser/src/extensions/replay/r.ts packages/browser/b.js \
		src/style.css Makefile >out 2>err &&
	test ! -s err &&
	expect_file_eq out "packages/rrweb/src/a.ts	@example/team-replay @alice team:replay
docs/guide/x.txt	
README.md	docs@example.com
packages/browser/src/extensions/replay/r.ts	@example/platform team:replay team:web team:platform
packages/browser/b.js	@example/platform team:web team:platform
src/style.css	@example/platform team:web team:platform
Makefile	@example/platform team:platform"
'

test_expect_success 'owners: --rev defaults to HEAD; the work tree is never read' '
	write_rules && make_owned_repo &&
	echo "* @uncommitted" >r/.github/CODEOWNERS &&
	run_antisilo owners --repo r --rules rules.ini packages/rrweb/a.ts Makefile >out &&
	expect_file_eq out "packages/rrweb/a.ts	@someone-else team:replay
Makefile	@someone-else"
'

test_expect_success 'owners: from inside the repository; paths are files, shown as given' '
	write_rules && make_owned_repo &&
	(cd r && run_antisilo owners --rules ../rules.ini --rev HEAD~1 \
		./docs/a /packages/rrweb/a.ts packages/rrweb/) >out &&
	expect_file_eq out "./docs/a	
/packages/rrweb/a.ts	@example/team-replay @alice team:replay
packages/rrweb/	@example/platform team:platform"
'

test_expect_success 'owners: no CODEOWNERS: only the teams; an unowned path ends at the tab' '
	write_rules && make_repo r && commit_as r "A <a@example.com>" first &&
	run_antisilo owners --repo r --rules rules.ini packages/rrweb/x nobody/owns/this >out 2>err &&
	test ! -s err &&
	printf "packages/rrweb/x\tteam:replay\nnobody/owns/this\t\n" >expect &&
	cmp expect out
'

test_expect_success 'owners: lines GitHub rejects are warned about with REV:FILE:LINE' '
	write_rules && make_repo r &&
	printf "* @a\n!x @b\n*.c bob\n" >r/CODEOWNERS &&
	git -C r add -A && git -C r commit -q -m co &&
	run_antisilo owners --repo r --rules rules.ini x.c >out 2>err &&
	expect_file_eq out "x.c	@a" &&
	expect_file_eq err "antisilo: warning: HEAD:CODEOWNERS:2: negation ('"'"'!'"'"') is not supported in CODEOWNERS (line ignored)
antisilo: warning: HEAD:CODEOWNERS:3: '"'"'bob'"'"' is not a user (@name), a team (@org/team) or an e-mail address (line ignored)"
'

test_expect_success 'owners: control characters in a path are shown escaped' '
	write_rules && make_repo r && commit_as r "A <a@example.com>" first &&
	run_antisilo owners --repo r --rules rules.ini "$(printf "a\\033[31mb.css")" >out &&
	expect_file_eq out "a\\x1b[31mb.css	team:web"
'

test_expect_success 'owners --help: usage on stdout, exit 0' '
	run_antisilo owners --help >out &&
	grep -q "^usage: antisilo owners \[--repo DIR\] \[--rev REV\] \[--rules FILE\] PATH...$" out &&
	grep -q "team:ID" out
'

test_expect_success 'owners: no path, unknown option, bad revision: exit 2' '
	write_rules && make_repo r && commit_as r "A <a@example.com>" first &&
	expect_status 2 run_antisilo owners --repo r --rules rules.ini >out 2>err &&
	expect_file_eq err "antisilo: owners: no PATH given
antisilo: see '"'"'antisilo owners --help'"'"'" &&
	expect_status 2 run_antisilo owners --bogus x 2>err &&
	expect_file_eq err "antisilo: unknown option '"'"'--bogus'"'"'
antisilo: see '"'"'antisilo owners --help'"'"'" &&
	expect_status 2 run_antisilo owners --repo r --rules rules.ini --rev nope x >out 2>err &&
	expect_file_eq err "antisilo: --rev: unknown revision '"'"'nope'"'"'" &&
	test ! -s out
'

test_expect_success 'owners: a team path GitHub syntax cannot express is a configuration error' '
	write_rules && make_repo r && commit_as r "A <a@example.com>" first &&
	sed "s|^paths = packages/browser/, \\*.css|paths = !packages/browser/|" rules.ini >bad.ini &&
	rc=0; run_antisilo owners --repo r --rules bad.ini x >out 2>err || rc=$? &&
	test $rc = 2 &&
	expect_file_eq err "antisilo: team '"'"'web'"'"': paths: '"'"'!packages/browser/'"'"': negation ('"'"'!'"'"') is not supported in CODEOWNERS"
'

test_done
