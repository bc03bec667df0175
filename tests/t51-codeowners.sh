#!/bin/bash
# t51-codeowners.sh — CODEOWNERS (src/source/codeowners.c): GitHub's
# documented examples one by one, pattern semantics, where the file is
# found, errors, and hostile sizes.

. "$(dirname "$0")/lib.sh"

# owners FILE PATH...: "PATH<TAB>OWNERS" lines (stderr: rejected lines)
owners() { "$TEST_TOOL" codeowners "$@"; }

# check_owners FILE 'PATH|OWNERS' ...: each PATH gets exactly OWNERS.
check_owners() {
	local file=$1 spec path want got rc=0
	shift
	for spec in "$@"; do
		path=${spec%%|*}
		want=${spec#*|}
		got=$(owners "$file" "$path" 2>/dev/null | cut -f2-) || return 1
		if [ "$got" != "$want" ]; then
			printf '%s: expected [%s], got [%s]\n' "$path" "$want" "$got"
			rc=1
		fi
	done
	return $rc
}

# The example file of GitHub's "About code owners" page, verbatim.
write_github_example() {
	cat >"$1" <<'EOF'
# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
# @global-owner1 and @global-owner2 will be requested for
# review when someone opens a pull request.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most
# precedence. When someone opens a pull request that only
# modifies JS files, only @js-owner and not the global
# owner(s) will be requested for a review.
*.js    @js-owner #This is an inline comment.

# You can also use email addresses if you prefer. They'll be
# used to look up users just like we do for commit author
# emails.
*.go docs@example.com

# Teams can be specified as code owners as well. Teams should
# be identified in the format @org/team-name. Teams must have
# explicit write access to the repository. In this example,
# the octocats team in the octo-org organization owns all .txt files.
*.txt @octo-org/octocats

# In this example, @doctocat owns any files in the build/logs
# directory at the root of the repository and any of its
# subdirectories.
/build/logs/ @doctocat

# The `docs/*` pattern will match files like
# `docs/getting-started.md` but not further nested files like
# `docs/build-app/troubleshooting.md`.
docs/*  docs@example.com

# In this example, @octocat owns any file in an apps directory
# anywhere in your repository.
apps/ @octocat

# In this example, @doctocat owns any file in the `/docs`
# directory in the root of your repository and any of its
# subdirectories.
/docs/ @doctocat

# In this example, any change inside the `/scripts` directory
# will require approval from @doctocat or @octocat.
/scripts/ @doctocat @octocat

# In this example, @octocat owns any file in a `/logs` directory such as
# `/build/logs`, `/scripts/logs`, and `/deeply/nested/logs`. Any changes
# in a `/logs` directory will require approval from @octocat.
**/logs @octocat

# In this example, @octocat owns any file in the `/apps`
# directory in the root of your repository except for the `/apps/github`
# subdirectory, as its owners are left empty.
/apps/ @octocat
/apps/github

# In this example, @octocat owns any file in the `/apps`
# directory in the root of your repository except for the `/apps/github`
# subdirectory, as this subdirectory has its own owner @doctocat
/apps/ @octocat
/apps/github @doctocat
EOF
}

# --- GitHub's examples, each alone (after the default line where the
# --- example says "unless a later match takes precedence") -----------------

test_expect_success 'example: "*" owns everything, at any depth' '
	printf "*       @global-owner1 @global-owner2\n" >co &&
	check_owners co "README.md|@global-owner1 @global-owner2" \
		"src/deep/down/x.c|@global-owner1 @global-owner2" \
		".github/workflows/ci.yml|@global-owner1 @global-owner2"
'

test_expect_success 'example: "*.js" after "*": only @js-owner for JS files; inline comment' '
	printf "*       @global-owner1 @global-owner2\n*.js    @js-owner #This is an inline comment.\n" >co &&
	check_owners co "app.js|@js-owner" "src/ui/app.js|@js-owner" \
		"app.jsx|@global-owner1 @global-owner2" \
		"app.js.map|@global-owner1 @global-owner2" &&
	owners co app.js 2>err && test ! -s err
'

test_expect_success 'example: an e-mail address as owner' '
	printf "*.go docs@example.com\n" >co &&
	check_owners co "main.go|docs@example.com" "cmd/x/main.go|docs@example.com" "main.c|"
'

test_expect_success 'example: a team @org/team-name owns all .txt files' '
	printf "*.txt @octo-org/octocats\n" >co &&
	check_owners co "notes.txt|@octo-org/octocats" "a/b/c.txt|@octo-org/octocats" "a.md|"
'

test_expect_success 'example: /build/logs/ is that directory at the root, and below' '
	printf "/build/logs/ @doctocat\n" >co &&
	check_owners co "build/logs/a.log|@doctocat" "build/logs/sub/b.log|@doctocat" \
		"x/build/logs/a.log|" "build/logs|" "build/a.log|"
'

test_expect_success 'example: docs/* is the files in docs/, not further nested' '
	printf "docs/*  docs@example.com\n" >co &&
	check_owners co "docs/getting-started.md|docs@example.com" \
		"docs/build-app/troubleshooting.md|" "x/docs/a.md|" "docs|"
'

test_expect_success 'example: apps/ is an apps directory anywhere' '
	printf "apps/ @octocat\n" >co &&
	check_owners co "apps/a.js|@octocat" "lib/apps/x/y.c|@octocat" \
		"deep/er/apps/z|@octocat" "apps|" "lib/apps|" "myapps/x|"
'

test_expect_success 'example: /docs/ is the docs directory at the root and below' '
	printf "/docs/ @doctocat\n" >co &&
	check_owners co "docs/a.md|@doctocat" "docs/build-app/troubleshooting.md|@doctocat" \
		"x/docs/a.md|"
'

test_expect_success 'example: /scripts/ with two owners' '
	printf "/scripts/ @doctocat @octocat\n" >co &&
	check_owners co "scripts/run.sh|@doctocat @octocat" "scripts|"
'

test_expect_success 'example: **/logs is any logs directory' '
	printf "**/logs @octocat\n" >co &&
	check_owners co "build/logs/a|@octocat" "scripts/logs/b|@octocat" \
		"deeply/nested/logs/c|@octocat" "logs/d|@octocat" "logs|@octocat" \
		"mylogs/x|" "logs.txt|"
'

test_expect_success 'example: /apps/github with no owners is unowned inside /apps/' '
	printf "/apps/ @octocat\n/apps/github\n" >co &&
	check_owners co "apps/x.c|@octocat" "apps/github/y.c|" "apps/github|" \
		"apps/githubx/z|@octocat" &&
	owners co apps/github/y.c 2>err && test ! -s err
'

test_expect_success 'example: /apps/github with its own owner' '
	printf "/apps/ @octocat\n/apps/github @doctocat\n" >co &&
	check_owners co "apps/x.c|@octocat" "apps/github/y.c|@doctocat"
'

test_expect_success 'example: owners on two lines: only the last line counts' '
	printf "*.md @first\n*.md @second\n" >co &&
	check_owners co "README.md|@second"
'

test_expect_success 'example (branch protection): three /apps/ lines, the last wins' '
	printf "/apps/ @doctocat\n/apps/ @doctocat @octocat\n/apps/ @example-org/content-team\n" >co &&
	check_owners co "apps/a|@example-org/content-team"
'

test_expect_success 'the whole example file: the last matching line wins' '
	write_github_example co &&
	owners --line co README.md src/app.js main.go a/b/notes.txt \
		build/logs/x.log docs/getting-started.md docs/build-app/troubleshooting.md \
		lib/apps/x.txt scripts/run.sh scripts/logs/a deeply/nested/logs/b \
		apps/github/x apps/y x/build/logs/z.c >out 2>err &&
	test ! -s err &&
	expect_file_eq out "README.md	8	@global-owner1 @global-owner2
src/app.js	14	@js-owner
main.go	19	docs@example.com
a/b/notes.txt	25	@octo-org/octocats
build/logs/x.log	53	@octocat
docs/getting-started.md	44	@doctocat
docs/build-app/troubleshooting.md	44	@doctocat
lib/apps/x.txt	39	@octocat
scripts/run.sh	48	@doctocat @octocat
scripts/logs/a	53	@octocat
deeply/nested/logs/b	53	@octocat
apps/github/x	65	@doctocat
apps/y	64	@octocat
x/build/logs/z.c	53	@octocat"
'

# --- pattern semantics (cases from hmarr/codeowners testdata/patterns.json,
# --- a tested model of GitHub's matching) -----------------------------------

test_expect_success 'patterns: anchoring, trailing slash, *, ?, **, escapes' '
	cat >cases <<-\EOF &&
	foo|foo:1 foo.txt:0 foo/bar:1 bar/foo:1 bar/foo.txt:0 bar/baz:0 bar/foo/baz:1
	/foo|foo:1 fool.txt:0 foo/bar:1 bar/foo:0 bar/baz:0 foo/bar/baz:1 bar/foo/baz:0
	foo/|foo:0 foo/bar:1 foo/bar/baz:1 bar/foo:0 bar/baz:0 bar/foo/baz:1 bar/foo/baz/qux:1
	/foo/|foo:0 foo/bar:1 foo/bar/baz:1 bar/foo:0 bar/baz:0 bar/foo/baz:0 bar/foo/baz/qux:0
	foo/bar|foo/bar:1 foo/bart:0 foo/bar/baz:1 baz/foo/bar:0 baz/foo/bar/qux:0
	/foo/bar|foo/bar:1 foo/bart:0 foo/bar/baz:1 baz/foo/bar:0 baz/foo/bar/qux:0
	foo/bar/|foo/bar:0 foo/bart:0 foo/bar/baz:1 baz/foo/bar:0 baz/foo/bar/qux:0
	/foo/bar/|foo/bar:0 foo/bart:0 foo/bar/baz:1 foo/bar/baz/qux:1 baz/foo/bar:0 baz/foo/bar/qux:0
	*|foo:1 foo/bar:1 bar/foo:1 bar/foo/baz:1 bar/baz:1 xfoo:1
	f*|foo:1 foo/bar:1 foo/bar/baz:1 bar/foo:1 bar/foo/baz:1 bar/baz:0 xfoo:0
	/*|foo:1 bar:1 foo/bar:0 foo/bar/baz:0
	/f*|foo:1 foo/bar:1 foo/bar/baz:1 bar/foo:0 bar/foo/baz:0 bar/baz:0 xfoo:0
	f*/|foo:0 foo/bar:1 bar/foo:0 bar/foo/baz:1 bar/baz:0 xfoo:0
	/*/|foo:0 foo/bar:1 bar/foo:1 bar/foo/baz:1
	/f*/|foo:0 foo/bar:1 bar/foo:0 bar/foo/baz:0 bar/baz:0 xfoo:0
	f\*o|foo:0 f*o:1
	foo/*|foo:0 foo/bar:1 foo/bar/baz:0 bar/foo:0 bar/foo/baz:0 bar/baz:0 xfoo:0
	foo/*.txt|foo:0 foo/bar.txt:1 foo/bar/baz.txt:0 qux/foo/bar.txt:0 qux/foo/bar/baz.txt:0
	foo/*/baz|foo:0 foo/bar:0 foo/baz:0 foo/bar/baz:1 foo/bar/baz/qux:1
	f?o|foo:1 fo:0 fooo:0 f/o:0
	f\?o|foo:0 f?o:1
	**/foo/bar|foo/bar:1 qux/foo/bar:1 qux/foo/bar/baz:1 foo/baz/bar:0 qux/foo/baz/bar:0
	**/*bar*|bar:1 foo/bar:1 foo/rebar:1 foo/barrio:1 foo/qux/bar:1
	foo/bar/**|foo/bar:0 foo/bar/baz:1 foo/bar/baz/qux:1 qux/foo/bar:0 qux/foo/bar/baz:0
	foo/**/bar|foo/bar:1 foo/bar/baz:1 foo/qux/bar/baz:1 foo/qux/quux/bar/baz:1 foo/bar/baz/qux:1 qux/foo/bar:0 qux/foo/bar/baz:0
	foo/**/|foo:0 foo/bar:1 foo/bar/baz:1
	foo/**/bar/b*|foo/bar:0 foo/bar/baz:1 foo/bar/qux:0 foo/qux/bar:0 foo/qux/bar/baz:1 foo/qux/bar/qux:0
	**|a:1 a/b:1
	/**|a:1 a/b:1
	/|a:0 a/b:0
	Foo|foo:0 Foo:1
	é?|éa:1 éé:1 é:0
	EOF
	fails=0 &&
	while IFS="|" read -r pat list; do
		for c in $list; do
			got=$("$TEST_TOOL" pattern "$pat" "${c%:*}") &&
			if [ "$got" != "${c##*:}" ]; then
				echo "$pat on ${c%:*}: expected ${c##*:}, got $got"
				fails=$((fails + 1))
			fi
		done
	done <cases &&
	test $fails = 0
'

test_expect_success 'escaping: "\ " is a space, "\*" a star; "#" inside a pattern is a character' '
	printf "path\\\\ with\\\\ spaces/ @space-owner\nf\\\\*o @star\na#b @hash\n" >co &&
	check_owners co "path with spaces/x|@space-owner" "path/x|" "f*o|@star" "foo|" \
		"a#b|@hash" "x/a#b|@hash"
'

test_expect_success 'lines GitHub rejects are skipped, with FILE:LINE, the rest applies' '
	cat >co <<-\EOF &&
	* @all
	!secret @x
	*.[ch] @c-team
	\#notes @y
	a***b @z
	*.go bob
	*.go @ok @also-ok bad/
	docs/ @docs
	EOF
	owners co README secret main.c "#notes" main.go docs/x >out 2>err &&
	expect_file_eq out "README	@all
secret	@all
main.c	@all
#notes	@all
main.go	@all
docs/x	@docs" &&
	expect_file_eq err "co:2: negation ('"'"'!'"'"') is not supported in CODEOWNERS
co:4: escaping a leading '"'"'#'"'"' is not supported in CODEOWNERS
co:5: '"'"'***'"'"' is not a valid wildcard
co:6: '"'"'bob'"'"' is not a user (@name), a team (@org/team) or an e-mail address
co:7: '"'"'bad/'"'"' is not a user (@name), a team (@org/team) or an e-mail address"
'

test_expect_success 'square brackets are literal, as on GitHub (no character ranges)' '
	cat >co <<-\EOF &&
	* @all
	/apps/[param]/file.ts @routes
	*.[ch] @odd
	EOF
	owners co "apps/[param]/file.ts" apps/p/file.ts "x.[ch]" x.c >out 2>err &&
	test ! -s err &&
	expect_file_eq out "apps/[param]/file.ts	@routes
apps/p/file.ts	@all
x.[ch]	@odd
x.c	@all"
'

test_expect_success 'comments, blank lines, CRLF, a byte order mark, tabs' '
	printf "\\357\\273\\277# comment\r\n\r\n   # indented comment\r\n*.c\t@c  @d\r\n" >co &&
	owners co x.c >out 2>err && test ! -s err &&
	expect_file_eq out "x.c	@c @d"
'

test_expect_success 'no matching line: unowned' '
	printf "/src/ @a\n" >co &&
	check_owners co "lib/x|" "README|"
'

test_expect_success 'the index of leading directories finds what trying every line finds' '
	awk "BEGIN { srand(42); split(\"a b c ab abc ba\", lit, \" \");
		split(\"* ? a* *b ** b?\", any, \" \");
		for (i = 0; i < 3000; i++) {
			n = 1 + int(rand() * 5); p = (rand() < 0.98) ? \"/\" : \"\";
			for (k = 0; k < n; k++) {
				s = (k == 0 || rand() < 0.9) ? lit[1 + int(rand() * 6)] : any[1 + int(rand() * 6)];
				p = p (k ? \"/\" : \"\") s
			}
			if (rand() < 0.3) p = p \"/\";
			printf \"%d\\t%s%s\\n\", n, p, (rand() < 0.2) ? \"\" : \" @o\" i
		} }" | sort -s -n -k1,1 | cut -f2- >co &&
	awk "BEGIN { srand(7); split(\"a b c ab abc ba\", seg, \" \");
		for (i = 0; i < 20000; i++) {
			n = 1 + int(rand() * 5); p = \"\";
			for (k = 0; k < n; k++) p = p (k ? \"/\" : \"\") seg[1 + int(rand() * 6)];
			print p
		} }" >paths &&
	"$TEST_TOOL" codeowners --check co <paths >out &&
	test ! -s out &&
	"$TEST_TOOL" codeowners --line co <paths | cut -f2 | sort -u >lines &&
	test "$(wc -l <lines)" -gt 500
'

# --- where GitHub finds the file ------------------------------------------

test_expect_success 'found in .github/, then the root, then docs/ (first wins), at a revision' '
	make_repo r &&
	mkdir -p r/.github r/docs &&
	echo "* @from-github" >r/.github/CODEOWNERS &&
	echo "* @from-root" >r/CODEOWNERS &&
	echo "* @from-docs" >r/docs/CODEOWNERS &&
	git -C r add -A && git -C r commit -q -m all3 &&
	git -C r rm -q .github/CODEOWNERS && git -C r commit -q -m root+docs &&
	git -C r rm -q CODEOWNERS && git -C r commit -q -m docs &&
	git -C r rm -q docs/CODEOWNERS && git -C r commit -q -m none &&
	"$TEST_TOOL" codeowners-at r HEAD~3 x >out &&
	expect_file_eq out "file: .github/CODEOWNERS
x	@from-github" &&
	"$TEST_TOOL" codeowners-at r HEAD~2 x >out &&
	expect_file_eq out "file: CODEOWNERS
x	@from-root" &&
	"$TEST_TOOL" codeowners-at r HEAD~1 x >out &&
	expect_file_eq out "file: docs/CODEOWNERS
x	@from-docs" &&
	"$TEST_TOOL" codeowners-at r HEAD x >out 2>err &&
	expect_file_eq out "file: (none)
x	"
'

test_expect_success 'read from the revision, not the work tree' '
	make_repo r &&
	echo "* @committed" >r/CODEOWNERS &&
	git -C r add -A && git -C r commit -q -m one &&
	echo "* @edited" >r/CODEOWNERS &&
	"$TEST_TOOL" codeowners-at r HEAD x >out &&
	expect_file_eq out "file: CODEOWNERS
x	@committed"
'

test_expect_success 'a directory or a symlink named CODEOWNERS is not the file' '
	make_repo r &&
	mkdir -p r/.github/CODEOWNERS &&
	echo "* @inside" >r/.github/CODEOWNERS/x &&
	echo "* @target" >r/target &&
	ln -s target r/CODEOWNERS &&
	mkdir r/docs && echo "* @docs" >r/docs/CODEOWNERS &&
	git -C r add -A && git -C r commit -q -m odd &&
	"$TEST_TOOL" codeowners-at r HEAD x >out &&
	expect_file_eq out "file: docs/CODEOWNERS
x	@docs"
'

# --- hostile sizes -----------------------------------------------------------

test_expect_success 'a 1,000,000-line CODEOWNERS parses and matches (bounded time)' '
	awk "BEGIN { print \"* @everyone\"; for (i = 1; i < 1000000; i++)
		printf \"/dir%d/**/*.c @org/team-%d user%d@example.com\\n\", i, i, i }" >big &&
	test "$(wc -l <big)" = 1000000 &&
	owners --line big dir5/a/b.c dir999999/x.c dir999999/x.h nomatch/zz.c >out 2>err &&
	test ! -s err &&
	"$TEST_TOOL" codeowners --check big dir5/a/b.c dir999999/x.h nomatch/zz.c >check &&
	test ! -s check &&
	expect_file_eq out "dir5/a/b.c	6	@org/team-5 user5@example.com
dir999999/x.c	1000000	@org/team-999999 user999999@example.com
dir999999/x.h	1	@everyone
nomatch/zz.c	1	@everyone"
'

test_expect_success 'patterns built to backtrack do not: "a*a*a*...b" on a long path' '
	star=$(printf "a*%.0s" $(seq 2000))b &&
	long=$(printf "a%.0s" $(seq 3000)) &&
	printf "%s @x\n%s/%s/ @y\n" "$star" "$star" "$star" >co &&
	owners co "$long" "$long/$long/$long" >out &&
	test "$(cut -f2 out | tr "\n" " ")" = "  "
'

test_expect_success 'more than 63 path segments in a pattern: rejected' '
	p=$(printf "d/%.0s" $(seq 70))x &&
	printf "%s @x\n" "$p" >co &&
	owners co a >out 2>err &&
	grep "co:1: too many path segments" err
'

test_expect_success 'GitHub ignores a CODEOWNERS of 3 MB or more: so do we, saying so' '
	make_repo r &&
	awk "BEGIN { for (i = 0; i < 200000; i++) printf \"/some/long/directory/%d/ @owner\\n\", i }" >r/CODEOWNERS &&
	test "$(wc -c <r/CODEOWNERS)" -ge 3145728 &&
	git -C r add -A && git -C r commit -q -m big &&
	"$TEST_TOOL" codeowners-at r HEAD some/long/directory/1/x >out 2>err &&
	grep "CODEOWNERS is [0-9]* bytes: GitHub ignores a CODEOWNERS of 3145728 bytes or more" err &&
	expect_file_eq out "file: CODEOWNERS
some/long/directory/1/x	"
'

test_done
