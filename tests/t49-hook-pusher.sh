#!/usr/bin/env bash
# The pusher: who the server says pushed, and what a commit that names
# someone else as its author may not buy with that claim (SPEC §7). With
# verify_signatures, an author claim of the org chart needs a good
# signature of that author (gpg or ssh), made here with real keys.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

ALICE="Alice Liddell <alice@example.com>"
CAROL="Carol Reed <carol@example.com>"

# says FILE TEXT: the hook's lines, joined as one text (the wrapping
# undone), contain TEXT.
says() { sed "s/^antisilo: *//" "$1" | tr "\n" " " | tr -s " " | grep -qF -- "$2"; }

# A commit whose author is set to alice (bob's manager) and which says
# alice assigned it: `self` by its own claim.
commit_claimed() {
	commit_as "$1" "$ALICE" "${2:-Add the replay buffer}

Assigned-by: $ALICE"
}

test_expect_success 'an author claim does not clear what the pusher brought: judged with the pusher' '
	make_server srv && clone_server srv w && commit_claimed w &&
	(cd w && REMOTE_USER=bob push_rejected ../out origin main) &&
	grep -q "^antisilo:   error assigned-by (assignment, manager: alice -> bob)$" out.remote &&
	grep -q "(The commit names alice as its author,$" out.remote && grep -q "but bob pushed it: judged with the pusher as the author.)$" out.remote &&
	grep -q "; pusher bob)$" out.remote &&
	expect_eq "$(server_ref srv main)" ""
'

test_expect_success 'the same commit with no pusher known, or pushed by alice herself: self, accepted' '
	make_server srv && clone_server srv w && commit_claimed w &&
	(cd w && push_ok ../out origin main) &&
	grep -q "^antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher not known)$" out.remote &&
	make_server srv2 && clone_server srv2 w2 && commit_claimed w2 &&
	(cd w2 && GL_USERNAME=alice push_ok ../out2 origin main) &&
	grep -q "; pusher alice)$" out2.remote
'

test_expect_success 'a pusher bringing a teammate'"'"'s honest commit changes nothing' '
	make_server srv && clone_server srv w &&
	commit_as w "$CAROL" "Tidy the parser

Requested-by: Bob Stone <bob@example.com>" &&
	(cd w && REMOTE_USER=bob push_ok ../out origin main) &&
	grep -q "^antisilo: push accepted: no findings in 1 new commit" out.remote
'

test_expect_success 'warn mode: the claim is shown, the push lands' '
	make_server srv mode=warn && clone_server srv w && commit_claimed w &&
	(cd w && REMOTE_USER=bob push_ok ../out origin main) &&
	grep -q "but bob pushed it: judged with the pusher" out.remote &&
	grep -q "^antisilo: mode warn: in enforce mode this push would be rejected$" out.remote
'

# ---- verify_signatures ---------------------------------------------------------

# ssh keys for alice and carol, and the allowed-signers file of the server
ssh_keys() {
	ssh-keygen -q -t ed25519 -N "" -C alice -f alice.key &&
	ssh-keygen -q -t ed25519 -N "" -C carol -f carol.key &&
	{ echo "alice@example.com $(cut -d" " -f1,2 alice.key.pub)"
	  echo "carol@example.com $(cut -d" " -f1,2 carol.key.pub)"; } >allowed_signers
}

# commit_signed DIR KEY: commit_claimed, signed with that ssh key
commit_signed() {
	git -C "$1" config gpg.format ssh && git -C "$1" config user.signingkey "$PWD/$2.pub" &&
	echo x >>"$1/f" && git -C "$1" add f &&
	GIT_AUTHOR_NAME="Alice Liddell" GIT_AUTHOR_EMAIL=alice@example.com \
		git -C "$1" commit -q -S -m "Signed claim

Assigned-by: $ALICE"
}

if command -v ssh-keygen >/dev/null; then
test_expect_success 'verify_signatures, ssh: a good signature of alice backs her claim' '
	ssh_keys && make_server srv verify_signatures=true allowed_signers="$PWD/allowed_signers" &&
	clone_server srv w && commit_signed w alice.key &&
	(cd w && REMOTE_USER=bob push_ok ../out origin main) &&
	grep -q "^antisilo: push accepted: no findings in 1 new commit" out.remote
'

test_expect_success 'verify_signatures, ssh: unsigned, or signed by carol: the claim is the pusher'"'"'s' '
	ssh_keys && make_server srv verify_signatures=true allowed_signers="$PWD/allowed_signers" &&
	clone_server srv w && commit_claimed w "Unsigned" &&
	(cd w && REMOTE_USER=bob push_rejected ../out origin main) &&
	grep -q "^antisilo:   warning antisilo:unverified-author$" out.remote &&
	says out.remote "the commit names alice as its author without a good signature of theirs (unsigned): judged as the pusher" &&
	grep -q "^antisilo:   error assigned-by (assignment, manager: alice -> bob)$" out.remote &&
	make_server srv2 verify_signatures=true allowed_signers="$PWD/allowed_signers" &&
	clone_server srv2 w2 && commit_signed w2 carol.key &&
	(cd w2 && REMOTE_USER=bob push_rejected ../out2 origin main) &&
	says out2.remote "(signed by someone else): judged as the pusher"
'
else
	echo "# no ssh-keygen: ssh signatures not tested"
fi

if command -v gpg >/dev/null; then
test_expect_success 'verify_signatures, gpg: a good signature of alice backs her claim, a bad one does not' '
	export GNUPGHOME="$PWD/gnupg" && mkdir -m 700 gnupg &&
	gpg -q --batch --passphrase "" --quick-gen-key "Alice Liddell <alice@example.com>" ed25519 sign never 2>/dev/null &&
	key=$(gpg --list-keys --with-colons alice@example.com | awk -F: "/^fpr/ { print \$10; exit }") &&
	make_server srv verify_signatures=true && clone_server srv w &&
	git -C w config user.signingkey "$key" &&
	echo x >w/f && git -C w add f &&
	GIT_AUTHOR_NAME="Alice Liddell" GIT_AUTHOR_EMAIL=alice@example.com \
		git -C w commit -q -S -m "Signed claim

Assigned-by: $ALICE" &&
	(cd w && REMOTE_USER=bob push_ok ../out origin main) &&
	grep -q "^antisilo: push accepted: no findings in 1 new commit" out.remote &&
	make_server srv2 verify_signatures=true && clone_server srv2 w2 &&
	git -C w2 config user.signingkey "$key" &&
	echo y >w2/f && git -C w2 add f &&
	GIT_AUTHOR_NAME="Alice Liddell" GIT_AUTHOR_EMAIL=alice@example.com \
		git -C w2 commit -q -S -m "Signed claim

Assigned-by: $ALICE" &&
	git -C w2 cat-file commit HEAD | sed "s/^Signed claim$/Signed claim, edited/" >forged &&
	forged=$(git -C w2 hash-object -t commit -w --stdin <forged) &&
	git -C w2 update-ref refs/heads/main "$forged" &&
	(cd w2 && REMOTE_USER=bob push_rejected ../out2 origin main) &&
	says out2.remote "(bad signature): judged as the pusher"
'
else
	echo "# no gpg: gpg signatures not tested"
fi

test_done
