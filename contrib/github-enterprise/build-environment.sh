#!/bin/sh
# build-environment.sh -- a GitHub Enterprise Server pre-receive hook
# environment for antisilo: a self-contained chroot tarball made from the
# Debian package, with nothing in it but what the hook runs.
#
#   contrib/github-enterprise/build-environment.sh [--rules FILE] DEB OUT.tar.gz
#
# GitHub Enterprise runs pre-receive hook scripts inside such a chroot
# ("pre-receive hook environment"; /bin/sh must exist and is the entry
# point). This one holds:
#   - the package's files (dpkg-deb -x): /usr/bin/antisilo, the shipped
#     rules /usr/share/antisilo/rules.ini, /usr/share/antisilo/hooks/;
#   - /etc/antisilo/rules.ini: FILE (your org chart, starting with
#     `include = default`), or the package's site file;
#   - /bin/sh (dash) and the shared libraries of both, copied from this
#     machine: build it on the Debian release the package was built for;
#   - an empty /tmp.
# No git, no coreutils: the hook needs neither (hooks/pre-receive runs no
# other program on its way to antisilo).
#
# Upload OUT.tar.gz as an environment (Site admin > Hooks > Manage
# environments, or `ghe-hook-env-create antisilo /path/OUT.tar.gz`), put
# contrib/github-enterprise/pre-receive in a hooks repository, and create
# the hook with that script and this environment. docs/server.md has the
# steps.
set -eu

die() {
	printf 'build-environment.sh: %s\n' "$*" >&2
	exit 1
}

rules=''
if [ "${1:-}" = --rules ]; then
	[ $# -ge 2 ] || die "--rules needs a file"
	rules=$2
	shift 2
fi
[ $# -eq 2 ] || die "usage: build-environment.sh [--rules FILE] DEB OUT.tar.gz"
deb=$1
out=$2
[ -f "$deb" ] || die "$deb: no such package"
[ -z "$rules" ] || [ -f "$rules" ] || die "$rules: no such file"
case $out in /*) ;; *) out=$PWD/$out ;; esac

root=$(mktemp -d "${TMPDIR:-/tmp}/antisilo-ghe.XXXXXX")
trap 'rm -rf "$root"' EXIT

dpkg-deb -x "$deb" "$root" || die "$deb: cannot extract"
[ -x "$root/usr/bin/antisilo" ] || die "$deb: no usr/bin/antisilo in it"
# The package's documentation is of no use to a hook.
rm -rf "$root/usr/share/doc" "$root/usr/share/man"
if [ -n "$rules" ]; then
	cp "$rules" "$root/etc/antisilo/rules.ini"
fi

# copy_with_libs FILE [AS]: FILE at AS (default: the same path) in the
# root, and every shared library it loads, at the path the loader uses.
copy_with_libs() {
	dest=${2:-$1}
	mkdir -p "$root$(dirname "$dest")"
	[ -e "$root$dest" ] || cp -L "$1" "$root$dest"
	ldd "$1" | while read -r a b c _; do
		case $a in
		/*) lib=$a ;;                   # the loader: /lib64/ld-linux-x86-64.so.2
		*) [ "$b" = "=>" ] && [ -n "$c" ] && [ "${c#/}" != "$c" ] || continue
		   lib=$c ;;
		esac
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

copy_with_libs "$root/usr/bin/antisilo" /usr/bin/antisilo
sh=$(readlink -f /bin/sh)
copy_with_libs "$sh" /bin/sh
mkdir -p "$root/tmp"
chmod 1777 "$root/tmp"

# The library search of the copied loader must find the copied libraries:
# they sit where ldd found them on this machine, which is where the
# loader's built-in paths point.
chroot_ok=''
if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null 2>&1; then
	chroot "$root" /usr/bin/antisilo --version >/dev/null 2>&1 && chroot_ok=1 ||
		die "antisilo does not run in the environment (chroot $root /usr/bin/antisilo --version)"
fi

(cd "$root" && tar --owner=0 --group=0 --numeric-owner -czf "$out" .) || die "cannot write $out"
size=$(du -k "$out" | cut -f1)
printf 'build-environment.sh: wrote %s (%s KiB)%s\n' "$out" "$size" \
	"${chroot_ok:+; antisilo runs in it}"
