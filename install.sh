#!/bin/sh
# install.sh -- build and install antisilo, and install its pre-receive hook.
#
#   ./install.sh                        build deps (Debian/Ubuntu), build, make install
#   ./install.sh --repo BARE.git        the hook into one bare repository
#   ./install.sh --all-under DIR        ... every bare repository under DIR
#   ./install.sh --gitea DIR            ... Gitea/Forgejo repositories (hooks/pre-receive.d/)
#   ./install.sh --gitlab DIR           ... a GitLab custom_hooks directory
#   ./install.sh --gitlab-tar FILE      ... a tarball for `gitaly hooks set`
#   ./install.sh --hooks-path DIR       ... a server-wide core.hooksPath directory
#   ./install.sh --uninstall MODE ...   undo what that mode installed
#
# The hook modes use the antisilo already installed (the Debian package,
# or an earlier ./install.sh) and build nothing unless --build is given.
# Nothing here overwrites an existing rules file: `make install` writes the
# site file ($PREFIX/etc/antisilo/rules.ini) only when it is missing.
# Every hook installation writes a manifest (antisilo.manifest) of what it
# did; --uninstall reads it and undoes exactly that. See docs/server.md.

set -u

usage() {
	cat <<'EOF'
usage: install.sh [MODE] [OPTIONS]

Without a mode: installs the build dependencies on Debian/Ubuntu (apt-get),
builds antisilo and runs `make install PREFIX=$PREFIX` (default /usr/local),
which writes the site rules file only when there is none.

Hook modes (they use the installed antisilo; --build builds and installs it
first):
  --repo DIR          the hook in one bare repository (DIR/hooks/pre-receive)
  --all-under DIR     the hook in every bare repository found under DIR
  --gitea DIR         Gitea/Forgejo: DIR/hooks/pre-receive.d/antisilo in every
                      repository of DIR (a repository, or Gitea's repository
                      root, e.g. /var/lib/gitea/data/gitea-repositories)
  --gitlab DIR        GitLab: DIR/pre-receive.d/antisilo, where DIR is a
                      repository's custom_hooks directory (GitLab < 15.11) or
                      the server-wide custom_hooks_dir of Gitaly
  --gitlab-tar FILE   GitLab >= 15.11: a tarball of custom_hooks/ for
                      `gitaly hooks set` (printed), for one repository
  --hooks-path DIR    DIR/pre-receive for a server-wide core.hooksPath; prints
                      the `git config --system` commands to run (see --set-config)

Options:
  --uninstall         undo what the given mode installed (reads its manifest)
  --build             build and install antisilo first (as without a mode)
  --no-build          the default for hook modes (kept for older scripts)
  --binary PATH       the antisilo binary the hook runs (default: $ANTISILO,
                      then PREFIX/bin/antisilo, then antisilo on PATH)
  --prefix DIR        install prefix (default: $PREFIX, else /usr/local)
  --chain             keep a foreign pre-receive hook: move it aside to
                      pre-receive.antisilo-chained; the installed hook runs it
                      first with the same input and rejects if either rejects
                      (default: stop and change nothing)
  --on-error MODE     allow | reject: baked into the hook for when antisilo
                      cannot run and no rules file says (default: allow)
  --set-config        with --hooks-path: run the `git config --system`
                      commands instead of printing them
  --help              this text
EOF
}

die() {
	printf 'install.sh: %s\n' "$*" >&2
	exit 1
}
note() { printf 'install.sh: %s\n' "$*"; }

SRC=$(cd "$(dirname "$0")" && pwd)
# The installed copy, $PREFIX/share/antisilo/install.sh, knows its prefix.
case $SRC in
*/share/antisilo) [ -f "$SRC/../../bin/antisilo" ] && PREFIX=${PREFIX:-${SRC%/share/antisilo}} ;;
esac
PREFIX=${PREFIX:-/usr/local}
mode=''
target=''
uninstall=0
build=
binary=''
chain=0
on_error_default=''
set_config=0

while [ $# -gt 0 ]; do
	case $1 in
	--repo|--all-under|--gitea|--gitlab|--gitlab-tar|--hooks-path)
		[ -z "$mode" ] || die "one mode at a time ($mode and $1)"
		[ $# -ge 2 ] || die "$1 needs a path"
		mode=${1#--}
		target=$2
		shift
		;;
	--uninstall) uninstall=1 ;;
	--build) build=1 ;;
	--no-build) build=0 ;;
	--binary)
		[ $# -ge 2 ] || die "--binary needs a path"
		binary=$2
		shift
		;;
	--prefix)
		[ $# -ge 2 ] || die "--prefix needs a directory"
		PREFIX=$2
		shift
		;;
	--chain) chain=1 ;;
	--on-error)
		[ $# -ge 2 ] || die "--on-error needs allow or reject"
		case $2 in allow|reject) ;; *) die "--on-error: expected allow or reject, got '$2'" ;; esac
		on_error_default=$2
		shift
		;;
	--set-config) set_config=1 ;;
	-h|--help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
	shift
done

# Without a mode: build and install everything (the README's quick start).
# A hook mode uses what is installed, unless --build.
if [ -z "$build" ]; then
	if [ -n "$mode" ]; then build=0; else build=1; fi
fi
# An installed copy ($PREFIX/share/antisilo/install.sh) has nothing to build.
if [ "$build" = 1 ] && [ ! -f "$SRC/Makefile" ]; then
	[ -z "$mode" ] || die "--build: $SRC is not a source tree (this is an installed copy)"
	die "$SRC is an installed copy of install.sh: there is nothing to build; give a hook mode"
fi

[ "$uninstall" = 0 ] || [ -n "$mode" ] || die "--uninstall needs the mode it undoes (--repo, --all-under, --gitea, --gitlab or --hooks-path)"
[ "$uninstall" = 0 ] || [ "$mode" != gitlab-tar ] || die "--uninstall --gitlab-tar: nothing to undo here (remove the hooks with gitaly hooks set and an empty tarball)"
[ "$set_config" = 0 ] || [ "$mode" = hooks-path ] || die "--set-config goes with --hooks-path"

MARKER='# antisilo-hook'
MANIFEST_NAME=antisilo.manifest
CHAINED_NAME=pre-receive.antisilo-chained

# ---- build and install the binary ------------------------------------------

DEB_PACKAGES='build-essential pkg-config libgit2-dev libpcre2-dev libiniparser-dev libjansson-dev zlib1g-dev libdeflate-dev libgpgme-dev git jq sqlite3'

install_deps() {
	if [ -f /etc/debian_version ] && command -v dpkg-query >/dev/null 2>&1; then
		missing=''
		for p in $DEB_PACKAGES; do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
				missing="$missing $p"
		done
		[ -n "$missing" ] || return 0
		note "installing build dependencies:$missing"
		# shellcheck disable=SC2086 # $missing is a list of words
		if [ "$(id -u)" = 0 ]; then
			apt-get update && apt-get install -y $missing
		elif command -v sudo >/dev/null 2>&1; then
			sudo apt-get update && sudo apt-get install -y $missing
		else
			die "missing packages:$missing (run as root, or install them first)"
		fi || die "apt-get failed"
		return 0
	fi
	if pkg-config --exists libgit2 libpcre2-8 jansson 2>/dev/null &&
	   { [ -f /usr/include/iniparser/iniparser.h ] || [ -f /usr/include/iniparser.h ] ||
	     pkg-config --exists iniparser 2>/dev/null; }; then
		return 0
	fi
	die "not a Debian/Ubuntu system: install a C11 compiler, make, pkg-config, git, jq, sqlite3 and the
development files of libgit2 (1.5+), PCRE2, iniparser and jansson, then run install.sh again"
}

build_and_install() {
	install_deps
	note "building and installing under $PREFIX"
	# `make install` builds what it installs, in $BUILD (default build/),
	# and leaves the existing site rules file alone
	make -C "$SRC" install PREFIX="$PREFIX" ||
		die "make install failed (is $PREFIX writable? run as root or give --prefix)"
}

# ---- the hook ----------------------------------------------------------------

abs_path() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd)" "$(basename "$1")" ;;
	esac
}

find_binary() {
	if [ -n "$binary" ]; then
		:
	elif [ -n "${ANTISILO:-}" ]; then
		binary=$ANTISILO
	elif [ -x "$PREFIX/bin/antisilo" ]; then
		binary=$PREFIX/bin/antisilo
	else
		binary=$(command -v antisilo 2>/dev/null) ||
			die "no antisilo binary: give --binary PATH, or install it (run without --no-build)"
	fi
	[ -x "$binary" ] || die "$binary: not an executable antisilo binary"
	binary=$(abs_path "$binary")
	"$binary" --version >/dev/null 2>&1 || die "$binary does not run (try: $binary --version)"
}

hook_source() {
	for f in "$SRC/hooks/pre-receive" "$PREFIX/share/antisilo/hooks/pre-receive"; do
		if [ -f "$f" ]; then
			printf '%s\n' "$f"
			return
		fi
	done
	die "hooks/pre-receive not found next to install.sh nor in $PREFIX/share/antisilo/hooks"
}

# The rules files the binary reads when nothing else is set, from where it
# is installed: BIN_PREFIX/share/antisilo/rules.ini (shipped) and the site
# file, /etc/antisilo/rules.ini for /usr/bin (the Debian package), else
# BIN_PREFIX/etc/antisilo/rules.ini. The hook reads on_error from them
# when antisilo itself cannot run.
rules_paths() {
	bp=${binary%/bin/antisilo}
	[ "$bp" != "$binary" ] || bp=$PREFIX
	shipped_rules=$bp/share/antisilo/rules.ini
	if [ "$bp" = /usr ]; then
		site_rules=/etc/antisilo/rules.ini
	else
		site_rules=$bp/etc/antisilo/rules.ini
	fi
}

# 'value' with single quotes escaped, for the shell.
sh_quote() {
	printf "'%s'\n" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

is_ours() {
	[ -f "$1" ] && sed -n 2p "$1" 2>/dev/null | grep -q "^$MARKER"
}

# manifest_add MANIFEST FIELDS...: one tab-separated record.
manifest_add() {
	m=$1
	shift
	if [ ! -f "$m" ]; then
		printf '# antisilo install manifest: what install.sh did here, for --uninstall; keep it\n' >"$m" ||
			die "cannot write $m"
	fi
	line=$1
	shift
	for f in "$@"; do
		line="$line	$f"
	done
	printf '%s\n' "$line" >>"$m" || die "cannot write $m"
}

# Checks that a hook can be installed at DIR/NAME: 0 when it can.
check_slot() {
	dest=$1/$2
	if { [ -e "$dest" ] || [ -L "$dest" ]; } && ! is_ours "$dest"; then
		if [ "$chain" = 0 ] || [ "$2" != pre-receive ]; then
			printf 'install.sh: %s: a pre-receive hook that is not antisilo'"'"'s is there\n' "$dest" >&2
			return 1
		fi
		if [ -e "$1/$CHAINED_NAME" ] || [ -L "$1/$CHAINED_NAME" ]; then
			printf 'install.sh: %s: already exists; cannot chain another hook\n' "$1/$CHAINED_NAME" >&2
			return 1
		fi
	fi
	return 0
}

# install_hook DIR NAME MANIFEST
install_hook() {
	dir=$1
	name=$2
	manifest=$3
	dest=$dir/$name
	check_slot "$dir" "$name" || exit 1
	if [ ! -d "$dir" ]; then
		mkdir -p "$dir" || die "cannot create $dir"
		manifest_add "$manifest" dir "$dir"
	fi
	if { [ -e "$dest" ] || [ -L "$dest" ]; } && ! is_ours "$dest"; then
		mv "$dest" "$dir/$CHAINED_NAME" || die "cannot move $dest aside"
		manifest_add "$manifest" chained "$dest" "$dir/$CHAINED_NAME"
		note "$dest: foreign hook kept as $CHAINED_NAME (runs first)"
	fi
	new=0
	[ -e "$dest" ] || new=1
	src=$(hook_source) || exit 1
	rules_paths
	tmp="$dir/.$name.antisilo-tmp.$$"
	if ! Q_BIN=$(sh_quote "$binary") Q_ON_ERROR=$(sh_quote "$on_error_default") \
	     Q_RULES=$(sh_quote "$shipped_rules") Q_SITE=$(sh_quote "$site_rules") \
	     awk '
		/^baked_bin=/ { print "baked_bin=" ENVIRON["Q_BIN"]; next }
		/^baked_on_error=/ { print "baked_on_error=" ENVIRON["Q_ON_ERROR"]; next }
		/^baked_rules=/ { print "baked_rules=" ENVIRON["Q_RULES"]; next }
		/^baked_site=/ { print "baked_site=" ENVIRON["Q_SITE"]; next }
		{ print }' "$src" >"$tmp" ||
	   ! chmod 755 "$tmp" || ! mv -f "$tmp" "$dest"; then
		rm -f "$tmp"
		die "cannot write $dest"
	fi
	[ "$new" = 0 ] || manifest_add "$manifest" file "$dest"
	note "installed $dest (runs $binary)"
}

# git_config_at GITDIR|--system ARGS...: git config of a repository or the system.
git_config_at() {
	where=$1
	shift
	if [ "$where" = --system ]; then
		git config --system "$@"
	else
		git --git-dir="$where" config "$@"
	fi
}

# set_git_config GITDIR|--system KEY VALUE MANIFEST: sets a git config value
# and records the old one.
set_git_config() {
	key=$2
	value=$3
	old=$(git_config_at "$1" --get "$key" 2>/dev/null) && had=1 || had=0
	[ "$had" = 1 ] && [ "$old" = "$value" ] && return 0
	git_config_at "$1" "$key" "$value" || die "cannot set $key in $1"
	if [ "$had" = 1 ]; then
		manifest_add "$4" config "$1" "$key" set "$old"
	else
		manifest_add "$4" config "$1" "$key" unset ""
	fi
}

# Undoes a manifest, newest record first.
uninstall_manifest() {
	manifest=$1
	if [ ! -f "$manifest" ]; then
		note "nothing to undo: no $manifest"
		return 0
	fi
	status=0
	tab=$(printf '\t')
	awk '!/^#/ { a[++n] = $0 } END { for (i = n; i > 0; i--) print a[i] }' "$manifest" >"$manifest.rev" ||
		die "cannot read $manifest"
	while IFS=$tab read -r kind a b c d; do
		case $kind in
		file)
			if is_ours "$a"; then
				rm -f "$a" && note "removed $a"
			elif [ -e "$a" ]; then
				note "left $a alone: it is not antisilo's hook any more"
				status=1
			fi
			;;
		chained)
			if [ -e "$a" ] || [ -L "$a" ]; then
				note "cannot restore $b to $a: $a exists"
				status=1
			else
				mv "$b" "$a" && note "restored $a"
			fi
			;;
		dir)
			rmdir "$a" 2>/dev/null && note "removed $a"
			;;
		config)
			if [ "$c" = set ]; then
				git_config_at "$a" "$b" "$d"
			else
				git_config_at "$a" --unset "$b"
			fi && note "restored $b in ${a#--}"
			;;
		esac
	done <"$manifest.rev"
	rm -f "$manifest.rev"
	[ "$status" = 0 ] && rm -f "$manifest"
	return $status
}

is_bare_repo() {
	[ -f "$1/HEAD" ] && [ -d "$1/objects" ] && [ -d "$1/refs" ] &&
	[ "$(git --git-dir="$1" rev-parse --is-bare-repository 2>/dev/null)" = true ]
}

list_bare_repos() {
	find "$1" -name objects -prune -o -type f -name HEAD -print 2>/dev/null |
	while IFS= read -r head; do
		d=$(dirname "$head")
		is_bare_repo "$d" && printf '%s\n' "$d"
	done | sort
}

repo_install() {
	r=$(cd "$1" && pwd) || die "$1: no such directory"
	is_bare_repo "$r" || die "$r: not a bare git repository"
	hp=$(git --git-dir="$r" config --get core.hooksPath 2>/dev/null) &&
		note "warning: $r sets core.hooksPath=$hp: git will not run $r/hooks/pre-receive"
	install_hook "$r/hooks" pre-receive "$r/hooks/$MANIFEST_NAME"
	# `git push -o antisilo.waive=...` needs the server to advertise push options.
	set_git_config "$r" receive.advertisePushOptions true "$r/hooks/$MANIFEST_NAME"
}

# install_under DIR CHECK INSTALL KIND HINT: the hook in every bare
# repository under DIR. CHECK runs on each first, and nothing is changed
# if one fails (HINT says what to do); then INSTALL on each.
install_under() {
	top=$(cd "$1" && pwd) || die "$1: no such directory"
	list=${TMPDIR:-/tmp}/antisilo-repos.$$
	list_bare_repos "$top" >"$list"
	[ -s "$list" ] || { rm -f "$list"; die "no bare repository under $1"; }
	bad=0
	while IFS= read -r r; do
		"$2" "$r" || bad=1
	done <"$list"
	if [ "$bad" = 1 ]; then
		rm -f "$list"
		die "nothing installed${5:+: $5}"
	fi
	n=0
	while IFS= read -r r; do
		"$3" "$r"
		n=$((n + 1))
	done <"$list"
	rm -f "$list"
	note "hook installed in $n $4 under $1"
}

check_plain() { check_slot "$1/hooks" pre-receive; }

# Gitea and Forgejo write each repository's hooks/pre-receive themselves
# ("AUTO GENERATED BY GITEA, DO NOT MODIFY": it runs every executable of
# hooks/pre-receive.d/ with the same input, and rejects if one does); their
# own check is pre-receive.d/gitea. Ours goes next to it and the generated
# hook stays as it is.
check_gitea() {
	if [ ! -d "$1/hooks/pre-receive.d" ]; then
		printf 'install.sh: %s: no hooks/pre-receive.d: not a Gitea/Forgejo repository (or its hooks were not generated: Site Administration, "Resynchronize git hooks")\n' "$1" >&2
		return 1
	fi
	check_slot "$1/hooks/pre-receive.d" antisilo
}
gitea_install() { install_hook "$1/hooks/pre-receive.d" antisilo "$1/hooks/$MANIFEST_NAME"; }

# ---- main --------------------------------------------------------------------

if [ "$uninstall" = 1 ]; then
	case $mode in
	repo)
		r=$(cd "$target" && pwd) || die "$target: no such directory"
		uninstall_manifest "$r/hooks/$MANIFEST_NAME"
		;;
	all-under|gitea)
		[ -d "$target" ] || die "$target: no such directory"
		st=0
		list_bare_repos "$target" >"${TMPDIR:-/tmp}/antisilo-repos.$$"
		while IFS= read -r r; do
			[ -f "$r/hooks/$MANIFEST_NAME" ] || continue
			uninstall_manifest "$r/hooks/$MANIFEST_NAME" || st=1
		done <"${TMPDIR:-/tmp}/antisilo-repos.$$"
		rm -f "${TMPDIR:-/tmp}/antisilo-repos.$$"
		exit $st
		;;
	gitlab|hooks-path)
		d=$(cd "$target" && pwd) || die "$target: no such directory"
		uninstall_manifest "$d/$MANIFEST_NAME"
		;;
	esac
	exit $?
fi

[ "$build" = 0 ] || build_and_install
[ -n "$mode" ] || exit 0
find_binary

case $mode in
repo)
	repo_install "$target"
	;;
all-under)
	install_under "$target" check_plain repo_install repositories \
		"rerun with --chain to keep those hooks and run them first, or remove them"
	;;
gitea)
	install_under "$target" check_gitea gitea_install "Gitea/Forgejo repositories" ""
	note "repositories created later need the hook too: run this again"
	;;
gitlab)
	mkdir -p "$target" || die "cannot create $target"
	d=$(cd "$target" && pwd)
	install_hook "$d/pre-receive.d" antisilo "$d/$MANIFEST_NAME"
	note "GitLab runs every executable in $d/pre-receive.d in turn; no chaining needed"
	;;
gitlab-tar)
	# GitLab 15.11 and later set a repository's server hooks through
	# Gitaly from a tarball with custom_hooks/ at its root.
	case $target in /*) tar_file=$target ;; *) tar_file=$PWD/$target ;; esac
	stage=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-gitlab.XXXXXX") || die "cannot create a temporary directory"
	trap 'rm -rf "$stage"' EXIT
	install_hook "$stage/custom_hooks/pre-receive.d" antisilo "$stage/manifest" >/dev/null
	tar -cf "$tar_file" -C "$stage" custom_hooks || die "cannot write $tar_file"
	note "wrote $tar_file (custom_hooks/pre-receive.d/antisilo, runs $binary); set it with:"
	printf '    sudo /opt/gitlab/embedded/bin/gitaly hooks set --storage STORAGE \\\n'
	printf '        --repository RELATIVE-PATH --config /var/opt/gitlab/gitaly/config.toml < %s\n' "$(sh_quote "$tar_file")"
	note "(STORAGE and RELATIVE-PATH: Admin area > Projects > the project, \"Gitaly storage name\" and \"Gitaly relative path\")"
	;;
hooks-path)
	mkdir -p "$target" || die "cannot create $target"
	d=$(cd "$target" && pwd)
	install_hook "$d" pre-receive "$d/$MANIFEST_NAME"
	if [ "$set_config" = 1 ]; then
		set_git_config --system core.hooksPath "$d" "$d/$MANIFEST_NAME"
		set_git_config --system receive.advertisePushOptions true "$d/$MANIFEST_NAME"
		note "set core.hooksPath=$d and receive.advertisePushOptions=true in the system git config"
	else
		note "to activate it for every repository on this server, run:"
		printf '    git config --system core.hooksPath %s\n' "$(sh_quote "$d")"
		printf '    git config --system receive.advertisePushOptions true\n'
		note "(or rerun with --set-config; --uninstall then restores the old values)"
	fi
	;;
esac
