#!/bin/sh
# bench/diff-vs-git.sh REPO [REV...]
#
# Differential check of our commit parsing (author after .mailmap, subject,
# trailers) against git itself on a whole history: runs
#   git log --use-mailmap --format='%H%n%aN <%aE>%n%s%n%(trailers:only,unfold)%x00' REV
# and `test-tool log REPO REV`, then compares the two outputs commit by
# commit. Prints how many commits were compared and how many differ (with
# the first few differences), and times both (median of 3 runs).
# Exit status: 0 when the outputs are byte-identical.
#
# Not part of the test suite: on git.git (82,000 commits) it takes a few
# seconds. Build first: make BUILD=build build/test-tool
#   ANTISILO_BUILD=$PWD/build bench/diff-vs-git.sh /path/to/git.git master
set -eu

[ $# -ge 1 ] || { echo "usage: $0 REPO [REV...]" >&2; exit 2; }
REPO=$1; shift
[ $# -ge 1 ] || set -- HEAD
SRC_DIR=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ANTISILO_BUILD:-$SRC_DIR/build}
TEST_TOOL=${TEST_TOOL:-$BUILD/test-tool}
FORMAT='%H%n%aN <%aE>%n%s%n%(trailers:only,unfold)%x00'
RUNS=${RUNS:-3}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/diff-vs-git.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# time_median OUT CMD...: runs CMD $RUNS times (stdout to OUT), prints the
# median wall-clock time in seconds.
time_median() {
	out=$1; shift
	i=0
	: >"$TMP/times"
	while [ $i -lt "$RUNS" ]; do
		start=$(date +%s.%N)
		"$@" >"$out"
		end=$(date +%s.%N)
		echo "$end - $start" | bc >>"$TMP/times"
		i=$((i + 1))
	done
	sort -n "$TMP/times" | awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] }'
}

git_time=$(time_median "$TMP/git.out" git -C "$REPO" log --use-mailmap --format="$FORMAT" "$@")
tool_time=$(time_median "$TMP/tool.out" "$TEST_TOOL" log "$REPO" "$@")

# Commit by commit: records end with "\0\n", the first line is the hash.
perl -e '
	sub records {
		my ($path) = @_;
		open(my $fh, "<:raw", $path) or die "$path: $!";
		local $/ = "\0\n";
		my @r = <$fh>;
		chomp(@r);
		return @r;
	}
	my @git = records($ARGV[0]);
	my @tool = records($ARGV[1]);
	my %tool;
	$tool{(split /\n/, $_, 2)[0]} = $_ for @tool;
	my ($differ, $missing, $shown) = (0, 0, 0);
	for my $r (@git) {
		my $h = (split /\n/, $r, 2)[0];
		my $t = delete $tool{$h};
		if (!defined $t) { $missing++; next; }
		next if $t eq $r;
		$differ++;
		next if $shown++ >= 10;
		(my $g = substr($r, 41)) =~ s/([^\x20-\x7e])/sprintf("\\x%02x", ord $1)/ge;
		(my $o = substr($t, 41)) =~ s/([^\x20-\x7e])/sprintf("\\x%02x", ord $1)/ge;
		print "--- differs: $h\n  git:  $g\n  tool: $o\n";
	}
	my $order = join(",", map { (split /\n/)[0] } @git) eq
		    join(",", map { (split /\n/)[0] } @tool) ? "yes" : "no";
	printf "commits compared: %d (git) / %d (test-tool)\n", scalar @git, scalar @tool;
	printf "differing: %d, only in git: %d, only in test-tool: %d, same order: %s\n",
		$differ, $missing, scalar keys %tool, $order;
' "$TMP/git.out" "$TMP/tool.out"

if cmp -s "$TMP/git.out" "$TMP/tool.out"; then
	echo "byte-identical: yes"
	status=0
else
	echo "byte-identical: no"
	status=1
fi
echo "time (median of $RUNS): git log ${git_time}s, test-tool log ${tool_time}s"
exit $status
