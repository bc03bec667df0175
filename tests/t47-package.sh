#!/bin/bash
# t47-package.sh — the Debian package, for real: built with
# `dpkg-buildpackage -b -us -uc` from a copy of this tree, inspected
# (dpkg-deb -c, conffiles), installed, its site file edited, upgraded to a
# rebuilt version (the edit kept, the shipped rules replaced), the
# installed install.sh putting the hook in a repository without building,
# a GitHub Enterprise pre-receive environment made from the package and
# the hook run in it (a chroot with no git), then purged: the machine is
# left as it was.
#
# Skipped (TAP "SKIP") without debhelper, without root, when an antisilo
# package or its files are already on the machine, and in the sanitized
# pass of `make check` (the package is built from the sources, with its
# own flags: one build per `make check` is enough).

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hook-lib.sh"

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

command -v dpkg-buildpackage >/dev/null 2>&1 && command -v dh >/dev/null 2>&1 ||
	skip_all "debhelper is not installed (apt-get install debhelper)"
[ "${ANTISILO_SANITIZE:-}" != 1 ] ||
	skip_all "the package is built from the sources with its own flags: the plain pass tests it"
[ "$(id -u)" = 0 ] || skip_all "installing a package needs root"

# One package test at a time on this machine (several checkouts share it).
exec 9>/var/lock/antisilo-package-test.lock
flock -w 900 9 || skip_all "another package test holds /var/lock/antisilo-package-test.lock"

# What the package installs: absent before, absent after the purge.
FOOTPRINT="/usr/bin/antisilo /usr/bin/git-antisilo /etc/antisilo /usr/share/antisilo
/usr/share/man/man1/antisilo.1.gz /usr/share/man/man1/git-antisilo.1.gz /usr/share/doc/antisilo"
if dpkg-query -W -f='${Status}' antisilo 2>/dev/null | grep -qv "not-installed"; then
	skip_all "a package antisilo is on this machine already: not touching it"
fi
for f in $FOOTPRINT; do
	[ ! -e "$f" ] || skip_all "$f exists already: not touching this machine"
done

# Whatever happens, what we installed goes again (there was no antisilo
# package when we took the lock, so any there is now is ours).
purge_ours() {
	if dpkg-query -W -f='${Status}' antisilo 2>/dev/null | grep -qv "not-installed"; then
		dpkg --purge antisilo >/dev/null 2>&1
	fi
}
trap 'purge_ours; rm -rf "$TEST_ROOT"' EXIT

PKG="$TEST_ROOT/pkg"
ARCH=$(dpkg --print-architecture)
# The installed antisilo, with the environment of a machine (the tests'
# own rules overrides removed).
installed() { env -u ANTISILO_DEFAULT_RULES -u ANTISILO_SITE_RULES -u ANTISILO_RULES /usr/bin/antisilo "$@"; }

# copy_tree DEST: the files of this tree (tracked and not ignored), as a
# source package would have them.
copy_tree() {
	mkdir -p "$1" &&
	if git -C "$SRC_DIR" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$SRC_DIR" ls-files -co --exclude-standard -z |
			(cd "$SRC_DIR" && tar --null -T - -cf -) | tar -xf - -C "$1"
	else
		(cd "$SRC_DIR" && tar --exclude=./build --exclude=./build-asan --exclude=./build-fuzz \
			--exclude=./tests/.cache -cf - .) | tar -xf - -C "$1"
	fi
}

test_expect_success 'dpkg-buildpackage -b -us -uc builds antisilo_<version>_<arch>.deb' '
	copy_tree "$PKG/antisilo" && cd "$PKG/antisilo" &&
	version=$(dpkg-parsechangelog -S Version) &&
	start=$(date +%s) &&
	DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -b -us -uc >"$PKG/build1.log" 2>&1 ||
		{ tail -n 30 "$PKG/build1.log"; false; } &&
	echo "built in $(($(date +%s) - start)) s" &&
	test -f "$PKG/antisilo_${version}_$ARCH.deb" &&
	echo "$version" >"$PKG/version"
'

DEB="$PKG/antisilo_$(cat "$PKG/version" 2>/dev/null)_$ARCH.deb"

test_expect_success 'dpkg-deb -c: the binary, git-antisilo, the man page, the hooks, the shipped rules and lexicons, the site file' '
	dpkg-deb -c "$DEB" | awk "{ print \$1, \$6, \$7, \$8 }" | sed "s/ *$//" |
		grep -v "^d" | grep -v " ./usr/share/doc/" | sort -k2 >contents &&
	cat >expected <<-\EOF &&
	-rw-r--r-- ./etc/antisilo/rules.ini
	-rwxr-xr-x ./usr/bin/antisilo
	lrwxrwxrwx ./usr/bin/git-antisilo -> antisilo
	-rwxr-xr-x ./usr/share/antisilo/hooks/commit-msg
	-rwxr-xr-x ./usr/share/antisilo/hooks/pre-receive
	-rwxr-xr-x ./usr/share/antisilo/install.sh
	-rw-r--r-- ./usr/share/antisilo/lexicon/de.lex
	-rw-r--r-- ./usr/share/antisilo/lexicon/en.lex
	-rw-r--r-- ./usr/share/antisilo/lexicon/es.lex
	-rw-r--r-- ./usr/share/antisilo/lexicon/fr.lex
	-rw-r--r-- ./usr/share/antisilo/lexicon/pt.lex
	-rw-r--r-- ./usr/share/antisilo/rules.ini
	-rw-r--r-- ./usr/share/man/man1/antisilo.1.gz
	lrwxrwxrwx ./usr/share/man/man1/git-antisilo.1.gz -> antisilo.1.gz
	EOF
	diff -u expected contents
'

test_expect_success 'conffiles: the site file only; the shipped rules are this tree'"'"'s; the hooks run the packaged binary' '
	dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./conffiles >conffiles &&
	expect_file_eq conffiles "/etc/antisilo/rules.ini" &&
	dpkg-deb -f "$DEB" Depends | grep -q "libgit2-1.5" &&
	dpkg-deb -f "$DEB" Depends | grep -q "git$" &&
	mkdir x && dpkg-deb -x "$DEB" x &&
	cmp x/usr/share/antisilo/rules.ini "$SRC_DIR/rules.ini" &&
	cmp x/etc/antisilo/rules.ini "$SRC_DIR/etc/antisilo/rules.ini" &&
	grep -qx "include = default" x/etc/antisilo/rules.ini &&
	for h in pre-receive commit-msg; do
		grep -qx "baked_bin=./usr/bin/antisilo." x/usr/share/antisilo/hooks/$h &&
		grep -qx "baked_site=./etc/antisilo/rules.ini." x/usr/share/antisilo/hooks/$h || exit 1
	done
'

test_expect_success 'installed: antisilo and git antisilo run; the rules are the site file, which includes the shipped ones' '
	dpkg -i "$DEB" >install.log 2>&1 &&
	expect_eq "$(dpkg-query -W -f="\${Status} \${Version}" antisilo)" "install ok installed $(cat "$PKG/version")" &&
	expect_eq "$(installed --version)" "antisilo 0.1.0" &&
	expect_eq "$(env -u ANTISILO_DEFAULT_RULES -u ANTISILO_SITE_RULES git antisilo --version)" "antisilo 0.1.0" &&
	test -f /usr/share/man/man1/antisilo.1.gz &&
	installed rules | head -n 2 >head &&
	expect_file_eq head "# /etc/antisilo/rules.ini (from the site file): $(grep -c "^\[rule\." "$SRC_DIR/rules.ini") rules
# includes /usr/share/antisilo/rules.ini" &&
	installed check-rules >check && grep -q "^/etc/antisilo/rules.ini: ok (0 people, 0 teams" check
'

test_expect_success 'the site file edited: the org chart takes effect for every command' '
	alice_manages_bob >>/etc/antisilo/rules.ini &&
	cp /etc/antisilo/rules.ini "$TEST_ROOT/site-edited.ini" &&
	installed check-rules >check && grep -q "^/etc/antisilo/rules.ini: ok (2 people, 0 teams" check &&
	make_repo r && commit_assigned r &&
	expect_status 1 installed audit --repo r --format json --output a.json &&
	jq_eq a.json "[.findings[] | [.rule, .relation, .actor, .subject]]" "[[\"assigned-by-trailer\",\"manager\",\"alice\",\"bob\"]]"
'

test_expect_success 'the installed install.sh puts the hook in a repository without building; the push is judged by the site file' '
	git init -q --bare srv.git &&
	/usr/share/antisilo/install.sh --repo srv.git >out &&
	grep -q "^install.sh: installed $PWD/srv.git/hooks/pre-receive (runs /usr/bin/antisilo)$" out &&
	! grep -q "building" out &&
	grep -qx "baked_rules=./usr/share/antisilo/rules.ini." srv.git/hooks/pre-receive &&
	clone_server srv w && commit_assigned w &&
	(cd w && unset ANTISILO_DEFAULT_RULES ANTISILO_SITE_RULES && push_rejected ../out origin main) &&
	grep -q "^antisilo:   error assigned-by-trailer (assignment, manager:" out.remote &&
	/usr/share/antisilo/install.sh --uninstall --repo srv.git >/dev/null &&
	test ! -e srv.git/hooks/pre-receive
'

test_expect_success 'upgrade to a rebuilt version: the edited site file is kept, the shipped rules replaced' '
	cd "$PKG/antisilo" &&
	echo "; (rebuilt for the upgrade test)" >>rules.ini &&
	v1=$(cat "$PKG/version") && v2="${v1%-*}-$((${v1##*-} + 1))" &&
	{ printf "antisilo (%s) unstable; urgency=medium\n\n  * Rebuilt for the upgrade test.\n\n -- antisilo developers <antisilo@example.com>  Tue, 02 Jan 2024 12:00:00 +0000\n\n" "$v2" &&
	  cat debian/changelog; } >changelog.new && mv changelog.new debian/changelog &&
	rm -rf debian/.debhelper debian/*.debhelper.log debian/debhelper-build-stamp debian/antisilo &&
	DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -b -us -uc -nc >"$PKG/build2.log" 2>&1 ||
		{ tail -n 30 "$PKG/build2.log"; false; } &&
	dpkg -i "$PKG/antisilo_${v2}_$ARCH.deb" >upgrade.log 2>&1 &&
	expect_eq "$(dpkg-query -W -f="\${Version}" antisilo)" "$v2" &&
	cmp /etc/antisilo/rules.ini "$TEST_ROOT/site-edited.ini" &&
	! ls /etc/antisilo/rules.ini.dpkg-* 2>/dev/null &&
	expect_eq "$(tail -n 1 /usr/share/antisilo/rules.ini)" "; (rebuilt for the upgrade test)" &&
	installed check-rules >check && grep -q "^/etc/antisilo/rules.ini: ok (2 people, 0 teams" check
'

# A GitHub Enterprise pre-receive environment: the repository lives inside
# the chroot (as GitHub Enterprise makes it visible there) and git's hook,
# outside, runs the hook script inside with the paths git gives it made
# relative to the chroot, and the environment a server has.
test_expect_success 'GitHub Enterprise: an environment made from the package, the hook run in its chroot (no git in it)' '
	"$SRC_DIR/contrib/github-enterprise/build-environment.sh" --rules "$TEST_ROOT/site-edited.ini" \
		"$PKG/antisilo_$(dpkg-query -W -f="\${Version}" antisilo)_$ARCH.deb" env.tar.gz >build.out &&
	grep -q "antisilo runs in it" build.out &&
	mkdir env && tar -xzf env.tar.gz -C env &&
	test -x env/bin/sh && test ! -e env/usr/bin/git && test ! -e env/usr/bin/env &&
	mkdir -p env/data env/hooks && git init -q --bare env/data/app.git &&
	cp "$SRC_DIR/contrib/github-enterprise/pre-receive" env/hooks/antisilo &&
	root=$PWD/env &&
	cat >env/data/app.git/hooks/pre-receive <<-EOF &&
	#!/bin/sh
	# as GitHub Enterprise runs a hook: in its environment, the pusher known;
	# git gives paths relative to the repository or absolute ones
	in_env() {
		case \$1 in /*) p=\$1 ;; "") p= ;; *) p=\$(pwd)/\$1 ;; esac
		printf "%s" "\${p#$root}"
	}
	export GIT_DIR=\$(in_env "\$(pwd)") GIT_QUARANTINE_PATH=\$(in_env "\$GIT_QUARANTINE_PATH")
	export GIT_OBJECT_DIRECTORY=\$(in_env "\$GIT_OBJECT_DIRECTORY")
	export GIT_ALTERNATE_OBJECT_DIRECTORIES=\$(in_env "\$GIT_ALTERNATE_OBJECT_DIRECTORIES")
	export GITHUB_USER_LOGIN=bob GITHUB_REPO_NAME=example/app
	exec env -u ANTISILO_DEFAULT_RULES -u ANTISILO_SITE_RULES -u ANTISILO_RULES -u HOME \
		PATH=/usr/bin:/bin $(command -v chroot) "$root" /hooks/antisilo
	EOF
	chmod 755 env/data/app.git/hooks/pre-receive &&
	git clone -q env/data/app.git w 2>/dev/null && commit_clean w "Base" &&
	(cd w && push_ok ../out origin main) &&
	expect_file_eq out.remote "antisilo: push accepted: no findings in 1 new commit (mode enforce, fail_on error; pusher bob)" &&
	commit_assigned w &&
	(cd w && push_rejected ../out2 origin main) &&
	{ echo "antisilo: $(short main w) Add the replay buffer" &&
	  echo "antisilo:   author: Bob Stone <bob@example.com>" &&
	  echo "antisilo:   error assigned-by-trailer (assignment, manager:" &&
	  echo "antisilo:   alice -> bob)"; } >expected &&
	head -n 4 out2.remote >got && diff -u expected got &&
	grep -qF "antisilo:   older commits: git rebase -i $(short main~1 w), mark them reword" out2.remote &&
	expect_eq "$(tail -n 1 out2.remote)" "antisilo: push rejected: 1 error in 1 of 1 new commit (mode enforce, fail_on error; pusher bob)" &&
	expect_eq "$(git --git-dir=env/data/app.git rev-parse main)" "$(git -C w rev-parse main~1)"
'

test_expect_success 'purged: the site file and everything else the package brought are gone' '
	dpkg --purge antisilo >purge.log 2>&1 &&
	! dpkg-query -W antisilo 2>/dev/null &&
	for f in $FOOTPRINT; do
		[ ! -e "$f" ] || { echo "$f is still there"; exit 1; }
	done
'

test_done
