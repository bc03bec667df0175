#!/bin/bash
# t11-mailmap.sh — .mailmap as `git log --use-mailmap` applies it: the four
# line forms, case-insensitive e-mails and names, "Proper Name <email> Old
# Name", comments, later lines winning, and where git finds the mailmap
# (work tree, mailmap.file, mailmap.blob, HEAD:.mailmap in bare repos).
# Each case is compared with git byte for byte (git log, git check-mailmap)
# and a few pin the expected identities.

. "$(dirname "$0")/lib.sh"

LOG_FORMAT='%H%n%aN <%aE>%n%s%n%(trailers:only,unfold)%x00'

# check_log REPO [REV...]: test-tool log prints exactly what git log prints.
check_log() {
	local repo=$1
	shift
	[ $# -gt 0 ] || set -- HEAD
	git -C "$repo" log --use-mailmap --format="$LOG_FORMAT" "$@" >git.out || return 1
	"$TEST_TOOL" log "$repo" "$@" >tool.out || return 1
	if ! cmp git.out tool.out; then
		diff -u <(tr '\0' '@' <git.out) <(tr '\0' '@' <tool.out) | head -60
		return 1
	fi
	test -s git.out
}

# check_mailmap REPO CONTACT...: test-tool check-mailmap agrees with git.
check_mailmap() {
	local repo=$1
	shift
	git -C "$repo" check-mailmap "$@" >git.cm || return 1
	"$TEST_TOOL" check-mailmap "$repo" "$@" >tool.cm || return 1
	diff -u git.cm tool.cm
}

# authors REPO "Name <email>"...: one empty commit per author. Identities
# that git commit would refuse (empty names) are written with fast-import.
authors() {
	local repo=$1 i=0 who
	shift
	for who in "$@"; do
		i=$((i + 1))
		printf 'commit refs/heads/main\nauthor %s 1700000000 +0000\ncommitter C <c@x> %d +0000\ndata 4\nc%02d\n\n' \
			"$who" $((1700000000 + i)) "$i"
	done >stream
	git -C "$repo" fast-import --quiet <stream
}

AUTHORS=(
	"Alice <alice@example.com>" "alice <ALICE@EXAMPLE.COM>" "Al <Alice@Example.Com>"
	"Bob Old <bob@old.example.com>" "BOB OLD <Bob@Old.Example.Com>" "Bobby <bob@old.example.com>"
	"Carol <carol@example.com>" "Dave <dave@example.com>" "dave <DAVE@example.com>"
	"Eve <eve@example.com>" "Other Eve <eve@example.com>" "Frank <frank@example.com>"
	"Grace <grace@example.com>" "Heidi <heidi@example.com>" "Ivan <ivan@example.com>"
	"Judy <judy@example.com>" "Nobody <nobody@example.com>" "Mallory <mallory@example.com>"
)

write_mailmap() {
	cat >"$1" <<-\EOF
	# comment line <commented@example.com>
	Alice Liddell <alice@example.com>
	<bob@new.example.com> <bob@old.example.com>
	Bob Stone <bob@new.example.com> Bob Old <bob@old.example.com>
	Carol Danvers <carol@new.example.com> <carol@example.com>
	Dave Boss <dave@example.com> Dave Old
	Eve Right <eve@new.example.com> other eve <EVE@example.com>
	  Frank Spaced   <frank@example.com>   # trailing comment
	Grace First <grace@example.com>
	Grace Second <grace@example.com>
	Heidi <heidi@new.example.com> <heidi@example.com>
	Heidi Named <heidi@other.example.com> Heidi <heidi@example.com>
	 # indented: not a comment <ivan@example.com>
	Judy <> <judy@example.com>
	No Email <>
	<mallory@example.com>
	EOF
}

test_expect_success 'all four forms, case-insensitive e-mails and names: as git log' '
	git init -q r &&
	authors r "${AUTHORS[@]}" &&
	write_mailmap r/.mailmap &&
	check_log r main &&
	check_mailmap r "${AUTHORS[@]}" "Eve <EVE@EXAMPLE.COM>" "X <carol@EXAMPLE.com>"
'

# Pinned: "<>" is refused as the new e-mail (Judy keeps hers), a '#' that
# does not start the line is part of the name.
test_expect_success 'the mapped identities are the expected ones' '
	git init -q r &&
	authors r "${AUTHORS[@]}" &&
	write_mailmap r/.mailmap &&
	"$TEST_TOOL" check-mailmap r "${AUTHORS[@]}" >out &&
	expect_file_eq out "Alice Liddell <alice@example.com>
Alice Liddell <ALICE@EXAMPLE.COM>
Alice Liddell <Alice@Example.Com>
Bob Stone <bob@new.example.com>
Bob Stone <bob@new.example.com>
Bobby <bob@new.example.com>
Carol Danvers <carol@new.example.com>
Dave Boss <dave@example.com>
Dave Boss <DAVE@example.com>
Eve <eve@example.com>
Eve Right <eve@new.example.com>
Frank Spaced <frank@example.com>
Grace Second <grace@example.com>
Heidi Named <heidi@other.example.com>
# indented: not a comment <ivan@example.com>
Judy <judy@example.com>
Nobody <nobody@example.com>
Mallory <mallory@example.com>"
'

test_expect_success '"Proper Name <email> Old Name" maps <email> to Proper Name whatever the name' '
	git init -q r &&
	authors r "Someone Else <dave@example.com>" &&
	echo "Dave Boss <dave@example.com> Dave Old" >r/.mailmap &&
	"$TEST_TOOL" check-mailmap r "Someone Else <dave@example.com>" >out &&
	expect_file_eq out "Dave Boss <dave@example.com>" &&
	check_log r main
'

test_expect_success 'a later line wins; a simple entry keeps a name set before' '
	git init -q r &&
	authors r "A <a@x>" "B <b@x>" &&
	printf "First <a@x>\nSecond <a@x>\nName <b@x>\n<new-b@x> <b@x>\n" >r/.mailmap &&
	"$TEST_TOOL" check-mailmap r "A <a@x>" "B <b@x>" >out &&
	expect_file_eq out "Second <a@x>
Name <new-b@x>" &&
	check_log r main
'

test_expect_success 'CRLF, tabs, a missing final newline, blank and junk lines' '
	git init -q r &&
	authors r "A <a@x>" "B <b@x>" "C <c@x>" "D <d@x>" &&
	printf "A Mapped <a@x>\r\n\tB Mapped\t<b@x>\t\r\n\r\njunk\nx <unclosed\n<>\nName <>\nC Mapped <c@x> Old <d@x>" >r/.mailmap &&
	check_log r main &&
	check_mailmap r "A <a@x>" "B <b@x>" "C <c@x>" "Old <d@x>" "old <D@X>"
'

test_expect_success 'lines longer than 1023 bytes are read in pieces, as git reads them' '
	git init -q r &&
	long=$(head -c 1100 /dev/zero | tr "\0" x) &&
	authors r "A <a@x>" "B <b@x>" "$long <c@x>" &&
	{ printf "%s Pad <pad@x>" "$(head -c 1000 /dev/zero | tr "\0" y)"; printf " A Split <a@x>\n"; echo "Long Old <c@x> $long <c@x>"; } >r/.mailmap &&
	check_log r main
'

test_expect_success 'a NUL byte ends a line of the .mailmap file, and a blob at the first NUL' '
	git init -q r &&
	authors r "A <a@x>" "B <b@x>" "C <c@x>" &&
	printf "A Mapped <a@x>\0B Hidden <b@x>\nC Mapped <c@x>\n" >r/.mailmap &&
	check_log r main &&
	git init -q --bare b.git &&
	authors b.git "A <a@x>" "B <b@x>" "C <c@x>" &&
	blob=$(git -C b.git hash-object -w --stdin <r/.mailmap) &&
	git -C b.git config mailmap.blob "$blob" &&
	check_log b.git main
'

test_expect_success 'a non-bare repository reads the work tree .mailmap, not HEAD'"'"'s' '
	git init -q r &&
	echo "Committed <a@x>" >r/.mailmap &&
	git -C r add .mailmap &&
	git -C r commit -q -m "add mailmap" --author="A <a@x>" &&
	echo "Work Tree <a@x>" >r/.mailmap &&
	check_log r &&
	"$TEST_TOOL" check-mailmap r "A <a@x>" >out &&
	expect_file_eq out "Work Tree <a@x>"
'

test_expect_success 'a bare repository reads HEAD:.mailmap' '
	git init -q r &&
	echo "From Head <a@x>" >r/.mailmap &&
	git -C r add .mailmap &&
	git -C r commit -q -m "add mailmap" --author="A <a@x>" &&
	git clone -q --bare r b.git &&
	check_log b.git &&
	"$TEST_TOOL" check-mailmap b.git "A <a@x>" >out &&
	expect_file_eq out "From Head <a@x>"
'

test_expect_success 'a git directory without a config file is bare for git (a hand-made mirror)' '
	git init -q r &&
	echo "From Head <a@x>" >r/.mailmap &&
	git -C r add .mailmap &&
	git -C r commit -q -m "add mailmap" --author="A <a@x>" &&
	git clone -q --bare r b.git &&
	rm b.git/config &&
	test "$(git -C b.git rev-parse --is-bare-repository)" = true &&
	check_log b.git &&
	"$TEST_TOOL" check-mailmap b.git "A <a@x>" >out &&
	expect_file_eq out "From Head <a@x>"
'

test_expect_success 'an empty mailmap.blob turns HEAD:.mailmap off in a bare repository' '
	git init -q r &&
	echo "From Head <a@x>" >r/.mailmap &&
	git -C r add .mailmap &&
	git -C r commit -q -m "add mailmap" --author="A <a@x>" &&
	git clone -q --bare r b.git &&
	git -C b.git config mailmap.blob "" &&
	check_log b.git &&
	"$TEST_TOOL" check-mailmap b.git "A <a@x>" >out &&
	expect_file_eq out "A <a@x>"
'

test_expect_success 'order: .mailmap, then mailmap.blob, then mailmap.file (the last wins)' '
	git init -q r &&
	authors r "A <a@x>" "B <b@x>" "C <c@x>" &&
	printf "Worktree <a@x>\nWorktree <b@x>\nWorktree <c@x>\n" >r/.mailmap &&
	blob=$(printf "Blob <b@x>\nBlob <c@x>\n" | git -C r hash-object -w --stdin) &&
	printf "File <c@x>\n" >"$PWD/extra.mailmap" &&
	git -C r config mailmap.blob "$blob" &&
	git -C r config mailmap.file "$PWD/extra.mailmap" &&
	check_log r main &&
	"$TEST_TOOL" check-mailmap r "A <a@x>" "B <b@x>" "C <c@x>" >out &&
	expect_file_eq out "Worktree <a@x>
Blob <b@x>
File <c@x>"
'

test_expect_success 'mailmap.file with ~/ and a missing file are fine' '
	git init -q r &&
	authors r "A <a@x>" &&
	printf "Home <a@x>\n" >"$HOME/home.mailmap" &&
	git -C r config mailmap.file "~/home.mailmap" &&
	check_log r main &&
	git -C r config mailmap.file "$PWD/does-not-exist" &&
	check_log r main
'

test_expect_success 'a mailmap.blob that does not resolve, or is not a blob, is skipped' '
	git init -q r &&
	authors r "A <a@x>" &&
	git -C r config mailmap.blob "main:no-such-file" &&
	check_log r main &&
	git -C r config mailmap.blob main &&
	check_log r main
'

test_expect_success 'a .mailmap that is a symlink is not followed (git opens it O_NOFOLLOW)' '
	git init -q r &&
	authors r "A <a@x>" &&
	printf "Via Link <a@x>\n" >target.mailmap &&
	ln -s "$PWD/target.mailmap" r/.mailmap &&
	check_log r main &&
	"$TEST_TOOL" check-mailmap r "A <a@x>" >out &&
	expect_file_eq out "A <a@x>"
'

test_expect_success 'a .mailmap FIFO is skipped instead of blocking' '
	git init -q r &&
	authors r "A <a@x>" &&
	mkfifo r/.mailmap &&
	timeout 10 "$TEST_TOOL" check-mailmap r "A <a@x>" >out &&
	expect_file_eq out "A <a@x>"
'

test_expect_success 'no mailmap at all, and an empty one' '
	git init -q r &&
	authors r "A <a@x>" "<b@x>" &&
	check_log r main &&
	: >r/.mailmap &&
	check_log r main
'

test_expect_success 'many entries (hash lookups) map as git does' '
	git init -q r &&
	awk "BEGIN { for (i = 0; i < 5000; i++) { printf \"Proper %d <p%d@x> <E%d@X>\n\", i, i, i; if (i % 3 == 0) printf \"Named %d <n%d@x> Old %d <e%d@x>\n\", i, i, i, i } }" >r/.mailmap &&
	awk "BEGIN { for (i = 0; i < 6000; i += 7) printf \"%s\n\", (i % 2 ? \"Old \" i \" <e\" i \"@x>\" : \"other <E\" i \"@x>\") }" >idents &&
	mapfile -t ids <idents &&
	authors r "${ids[@]}" &&
	check_log r main
'

test_expect_success 'generated mailmaps (seeded) map as git does' '
	for seed in 1 2 3 4 5 6 7 8; do
		rm -rf r && git init -q r &&
		awk -v seed=$seed -f - >r/.mailmap <<-\EOF &&
		BEGIN {
			srand(seed)
			nn = split("Alice|alice|ALICE|Bob Stone|bob stone|  Dave  |Old Name|old name|A", N, "|")
			ne = split("a@x|A@X|b@y|B@Y|old@o|OLD@O| sp@x |d@q|", E, "|")
			for (i = 0; i < 30; i++) {
				t = int(rand() * 9)
				n1 = N[int(rand() * nn) + 1]; e1 = E[int(rand() * ne) + 1]
				n2 = N[int(rand() * nn) + 1]; e2 = E[int(rand() * ne) + 1]
				if (t == 0) l = n1 " <" e1 ">"
				else if (t == 1) l = "<" e1 "> <" e2 ">"
				else if (t == 2) l = n1 " <" e1 "> <" e2 ">"
				else if (t == 3) l = n1 " <" e1 "> " n2 " <" e2 ">"
				else if (t == 4) l = n1 " <" e1 "> " n2
				else if (t == 5) l = "# " n1 " <" e1 ">"
				else if (t == 6) l = n1 " <" e1 "> # c"
				else if (t == 7) l = n1 " <" e1 "> " n2 " <>"
				else l = "junk"
				print l
			}
		}
		EOF
		authors r "Alice <a@x>" "alice <A@X>" "Bob Stone <b@y>" "bob stone <B@Y>" \
			"Old Name <old@o>" "old name <OLD@O>" "  Dave   <d@q>" "X < sp@x >" \
			"A <a@x>" "Nobody <n@x>" "Old Name <>" || return 1
		check_log r main || return 1
	done
'

test_done
