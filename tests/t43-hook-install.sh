#!/usr/bin/env bash
# install.sh: the hook in one repository, every repository under a
# directory, a GitLab custom_hooks directory, a core.hooksPath directory;
# foreign hooks chained or left alone; --uninstall undoes exactly that.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

INSTALL=$SRC_DIR/install.sh

# snapshot DIR: everything about DIR that an install could change
# (objects aside): names, types, modes, link targets, file contents, and
# the repository's own config when it is one.
snapshot() {
	(cd "$1" &&
	 find . -path ./objects -prune -o -printf "%p %y %m %l\n" | LC_ALL=C sort &&
	 find . -path ./objects -prune -o -type f -print | LC_ALL=C sort | xargs -r md5sum &&
	 if [ -f config ] && [ -d objects ]; then git --git-dir=. config --local -l; fi)
}

foreign_hook() {
	cat >"$1" <<-\EOF
	#!/bin/sh
	# a hook that was here before antisilo
	n=0
	while read -r old new ref; do
		n=$((n + 1))
		case $ref in refs/heads/blocked*) echo "foreign: $ref is blocked" >&2; exit 1 ;; esac
	done
	echo "foreign: saw $n ref(s)" >&2
	EOF
	chmod 755 "$1"
}

test_expect_success '--repo: installs the hook, the manifest, push options; --uninstall undoes it' '
	git init -q --bare srv.git && snapshot srv.git >before &&
	"$INSTALL" --no-build --repo srv.git --binary "$HOOK_BIN" >out &&
	grep -q "^install.sh: installed $PWD/srv.git/hooks/pre-receive (runs $HOOK_BIN)$" out &&
	test -x srv.git/hooks/pre-receive &&
	grep -q "^baked_bin=.$HOOK_BIN.$" srv.git/hooks/pre-receive &&
	expect_eq "$(git --git-dir=srv.git config receive.advertisePushOptions)" true &&
	test -f srv.git/hooks/antisilo.manifest &&
	"$INSTALL" --uninstall --repo srv.git >out2 &&
	snapshot srv.git >after && diff -u before after
'

test_expect_success '--repo twice: the second install updates, one uninstall undoes all' '
	git init -q --bare srv.git &&
	git --git-dir=srv.git config receive.advertisePushOptions false &&
	snapshot srv.git >before &&
	"$INSTALL" --no-build --repo srv.git --binary "$HOOK_BIN" >/dev/null &&
	"$INSTALL" --no-build --repo srv.git --binary "$HOOK_BIN" --on-error reject >/dev/null &&
	grep -q "^baked_on_error=.reject.$" srv.git/hooks/pre-receive &&
	expect_eq "$(grep -c "^file" srv.git/hooks/antisilo.manifest)" 1 &&
	"$INSTALL" --uninstall --repo srv.git >/dev/null &&
	snapshot srv.git >after && diff -u before after &&
	expect_eq "$(git --git-dir=srv.git config receive.advertisePushOptions)" false
'

test_expect_success 'a foreign pre-receive hook: install stops and changes nothing' '
	git init -q --bare srv.git && foreign_hook srv.git/hooks/pre-receive &&
	snapshot srv.git >before &&
	expect_status 1 "$INSTALL" --no-build --repo srv.git --binary "$HOOK_BIN" 2>err &&
	grep -q "srv.git/hooks/pre-receive: a pre-receive hook that is not antisilo" err &&
	snapshot srv.git >after && diff -u before after
'

test_expect_success '--chain: the foreign hook runs first with the same input; either rejects' '
	git init -q --bare srv.git && foreign_hook srv.git/hooks/pre-receive &&
	snapshot srv.git >before &&
	"$INSTALL" --no-build --repo srv.git --binary "$HOOK_BIN" --chain >out &&
	grep -q "foreign hook kept as pre-receive.antisilo-chained" out &&
	mkdir srv.git/antisilo && write_rules srv.git/antisilo/rules.ini &&
	clone_server srv w && commit_clean w &&
	(cd w && push_ok ../o1 origin main main:other) &&
	cat >expected <<-EOF &&
	foreign: saw 2 ref(s)
	antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher not known)
	EOF
	diff -u expected o1.remote &&
	(cd w && push_rejected ../o2 origin main:blocked) &&
	grep -q "^foreign: refs/heads/blocked is blocked$" o2.remote &&
	grep -q "^antisilo: push accepted: no new commits to check (pusher not known)$" o2.remote &&
	commit_assigned w && (cd w && push_rejected ../o3 origin main) &&
	grep -q "^foreign: saw 1 ref(s)$" o3.remote &&
	grep -q "^antisilo: push rejected: 1 error" o3.remote &&
	rm -r srv.git/antisilo &&
	"$INSTALL" --uninstall --repo srv.git >out2 &&
	grep -q "restored $PWD/srv.git/hooks/pre-receive" out2 &&
	snapshot srv.git >after.full &&
	diff -u <(grep -v "refs/\|packed-refs\|FETCH_HEAD" before) <(grep -v "refs/\|packed-refs\|FETCH_HEAD" after.full)
'

test_expect_success '--all-under: every bare repository, checked first, undone after' '
	mkdir -p srv/a srv/b/c &&
	git init -q --bare srv/a/x.git && git init -q --bare srv/b/c/y.git && git init -q --bare srv/z &&
	git init -q srv/work && foreign_hook srv/z/hooks/pre-receive &&
	for r in srv/a/x.git srv/b/c/y.git srv/z srv/work/.git; do snapshot $r >"before.${r//\//_}" || exit 1; done &&
	expect_status 1 "$INSTALL" --no-build --all-under srv --binary "$HOOK_BIN" 2>err &&
	grep -q "srv/z/hooks/pre-receive: a pre-receive hook that is not antisilo" err &&
	grep -q "nothing installed" err &&
	for r in srv/a/x.git srv/b/c/y.git srv/z; do snapshot $r | diff -u "before.${r//\//_}" - || exit 1; done &&
	"$INSTALL" --no-build --all-under srv --binary "$HOOK_BIN" --chain >out &&
	grep -q "hook installed in 3 repositories under srv" out &&
	test -x srv/a/x.git/hooks/pre-receive && test -x srv/b/c/y.git/hooks/pre-receive &&
	test -x srv/z/hooks/pre-receive.antisilo-chained &&
	test ! -e srv/work/.git/hooks/pre-receive &&
	mkdir srv/b/c/y.git/antisilo && write_rules srv/b/c/y.git/antisilo/rules.ini &&
	git clone -q srv/b/c/y.git w 2>/dev/null && commit_assigned w &&
	(cd w && push_rejected ../o origin main) &&
	rm -r srv/b/c/y.git/antisilo &&
	"$INSTALL" --uninstall --all-under srv >out2 &&
	for r in srv/a/x.git srv/b/c/y.git srv/z srv/work/.git; do snapshot $r | diff -u "before.${r//\//_}" - || exit 1; done
'

test_expect_success '--gitlab: pre-receive.d/antisilo, run as GitLab runs it; undone after' '
	git init -q --bare srv.git && mkdir srv.git/custom_hooks && snapshot srv.git >before &&
	"$INSTALL" --no-build --gitlab srv.git/custom_hooks --binary "$HOOK_BIN" >out &&
	test -x srv.git/custom_hooks/pre-receive.d/antisilo &&
	# What Gitaly does: every executable of pre-receive.d in turn, same stdin.
	cat >srv.git/hooks/pre-receive <<-\EOF &&
	#!/bin/sh
	in=$(mktemp) && cat >"$in"
	for h in custom_hooks/pre-receive.d/*; do
		[ -x "$h" ] || continue
		"$h" <"$in" || { rm -f "$in"; exit 1; }
	done
	rm -f "$in"
	EOF
	chmod +x srv.git/hooks/pre-receive &&
	mkdir srv.git/antisilo && write_rules srv.git/antisilo/rules.ini &&
	clone_server srv w && commit_assigned w &&
	(cd w && GL_ID=user-3 GL_USERNAME=bob push_rejected ../o origin main) &&
	grep -q "^GL-HOOK-ERR: antisilo: push rejected: 1 error in 1 of 1 new commit" o.remote &&
	rm -r srv.git/antisilo srv.git/hooks/pre-receive &&
	"$INSTALL" --uninstall --gitlab srv.git/custom_hooks >/dev/null &&
	snapshot srv.git >after &&
	diff -u <(grep -v "refs\|FETCH_HEAD" before) <(grep -v "refs\|FETCH_HEAD" after)
'

test_expect_success '--gitlab into a server-wide directory that does not exist yet' '
	"$INSTALL" --no-build --gitlab gl/custom_hooks --binary "$HOOK_BIN" >/dev/null &&
	test -x gl/custom_hooks/pre-receive.d/antisilo &&
	"$INSTALL" --uninstall --gitlab gl/custom_hooks >/dev/null &&
	expect_eq "$(find gl | LC_ALL=C sort | tr "\n" " ")" "gl gl/custom_hooks "
'

test_expect_success '--hooks-path: prints the commands; --set-config runs them and undoes them' '
	export GIT_CONFIG_SYSTEM=$PWD/system.gitconfig && unset GIT_CONFIG_NOSYSTEM &&
	git config --system receive.advertisePushOptions false &&
	git config --system -l >sys.before &&
	"$INSTALL" --no-build --hooks-path hooks --binary "$HOOK_BIN" >out &&
	grep -q "^    git config --system core.hooksPath .$PWD/hooks.$" out &&
	git config --system -l | diff -u sys.before - &&
	"$INSTALL" --uninstall --hooks-path hooks >/dev/null &&
	expect_eq "$(ls -A hooks)" "" &&
	"$INSTALL" --no-build --hooks-path hooks --binary "$HOOK_BIN" --set-config >out2 &&
	expect_eq "$(git config --system core.hooksPath)" "$PWD/hooks" &&
	expect_eq "$(git config --system receive.advertisePushOptions)" true &&
	git init -q --bare srv.git && mkdir srv.git/antisilo && write_rules srv.git/antisilo/rules.ini &&
	clone_server srv w && commit_assigned w &&
	(cd w && push_rejected ../o origin main) &&
	grep -q "^antisilo: push rejected: 1 error in 1 of 1 new commit" o.remote &&
	"$INSTALL" --uninstall --hooks-path hooks >/dev/null &&
	git config --system -l | diff -u sys.before - &&
	expect_eq "$(ls -A hooks)" ""
'

test_expect_success '--uninstall with nothing installed, bad arguments, --help' '
	git init -q --bare srv.git &&
	"$INSTALL" --uninstall --repo srv.git >out &&
	grep -q "nothing to undo" out &&
	expect_status 1 "$INSTALL" --uninstall 2>/dev/null &&
	expect_status 2 "$INSTALL" --bogus 2>/dev/null &&
	expect_status 1 "$INSTALL" --no-build --repo srv.git --binary /nonexistent/antisilo 2>err &&
	grep -q "/nonexistent/antisilo: not an executable antisilo binary" err &&
	expect_status 1 "$INSTALL" --no-build --repo . --binary "$HOOK_BIN" 2>/dev/null &&
	"$INSTALL" --help | grep -q "^usage: install.sh"
'

test_expect_success 'hook modes build nothing by default: the installed binary, found in PREFIX or on PATH' '
	git init -q --bare srv.git && mkdir -p prefix/bin && ln -s "$HOOK_BIN" prefix/bin/antisilo &&
	"$INSTALL" --repo srv.git --prefix "$PWD/prefix" >out &&
	grep -q "^install.sh: installed $PWD/srv.git/hooks/pre-receive (runs $PWD/prefix/bin/antisilo)$" out &&
	! grep -q "building" out &&
	grep -qx "baked_rules=.$PWD/prefix/share/antisilo/rules.ini." srv.git/hooks/pre-receive &&
	grep -qx "baked_site=.$PWD/prefix/etc/antisilo/rules.ini." srv.git/hooks/pre-receive &&
	"$INSTALL" --uninstall --repo srv.git >/dev/null &&
	expect_status 1 env PATH=/usr/bin:/bin "$INSTALL" --repo srv.git --prefix "$PWD/none" 2>err &&
	grep -q "no antisilo binary: give --binary PATH, or install it" err
'

test_expect_success 'make install: the shipped rules are replaced, an existing site file is never overwritten' '
	make -s -C "$SRC_DIR" install BUILD="$(dirname "$HOOK_BIN")" DESTDIR="$PWD/root" >out &&
	cmp root/usr/local/share/antisilo/rules.ini "$SRC_DIR/rules.ini" &&
	grep -qx "include = default" root/usr/local/etc/antisilo/rules.ini &&
	grep -q "(/usr/local/share/antisilo/rules.ini from the Debian package)" root/usr/local/etc/antisilo/rules.ini &&
	test -x root/usr/local/share/antisilo/hooks/pre-receive && test -x root/usr/local/share/antisilo/hooks/commit-msg &&
	echo "[people]" >>root/usr/local/etc/antisilo/rules.ini && cp root/usr/local/etc/antisilo/rules.ini edited &&
	echo "; stale" >>root/usr/local/share/antisilo/rules.ini &&
	make -s -C "$SRC_DIR" install BUILD="$(dirname "$HOOK_BIN")" DESTDIR="$PWD/root" >out2 &&
	grep -q "KEEP    $PWD/root/usr/local/etc/antisilo/rules.ini (the site file: yours)" out2 &&
	cmp root/usr/local/etc/antisilo/rules.ini edited &&
	cmp root/usr/local/share/antisilo/rules.ini "$SRC_DIR/rules.ini" &&
	cp "$SRC_DIR/rules.ini" root/usr/local/etc/antisilo/rules.ini &&
	make -s -C "$SRC_DIR" install BUILD="$(dirname "$HOOK_BIN")" DESTDIR="$PWD/root" >out3 &&
	grep -q "NOTE    it is a copy of the shipped rules of an earlier install" out3 &&
	cmp root/usr/local/etc/antisilo/rules.ini "$SRC_DIR/rules.ini"
'

test_done
