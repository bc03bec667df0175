# tests/hook-lib.sh — helpers for the pre-receive hook tests (t4*), on top
# of lib.sh: bare "server" repositories with the hook installed by
# install.sh, real clones, real `git push`.
#
#   . "$(dirname "$0")/lib.sh"
#   . "$(dirname "$0")/hook-lib.sh"

# The binary the hook runs: the build under test (never an installed one).
HOOK_BIN=$ANTISILO
unset ANTISILO_ON_ERROR
# The hook must find its binary through what install.sh baked, not through
# the environment the pushes inherit.
unset ANTISILO

# write_rules FILE [KEY=VALUE...]: the test rules. KEY=VALUE pairs replace
# or add keys of [antisilo] (mode=warn, on_error=reject, deadline_ms=1...).
write_rules() {
	local file=$1
	shift
	local mode=enforce fail_on=error on_error=allow extra=""
	for kv in "$@"; do
		case $kv in
		mode=*) mode=${kv#mode=} ;;
		fail_on=*) fail_on=${kv#fail_on=} ;;
		on_error=*) on_error=${kv#on_error=} ;;
		*) extra="$extra${kv%%=*} = ${kv#*=}
" ;;
		esac
	done
	cat >"$file" <<EOF
[antisilo]
mode = $mode
fail_on = $fail_on
on_error = $on_error
$extra
[people]
alice = Alice Liddell <alice@example.com>
bob = Bob Stone <bob@example.com>
carol = Carol Reed <carol@example.com>

[managers]
bob = alice

[rule.assigned-by]
source = trailer
key = ^Assigned-by\$
pattern = ^(?<actor>.+)\$
event = assignment
subject = author
relation = manager, skip-level
severity = error
explain = Managers set context, not tasks: pick the work in your team's planning.

[rule.private-context]
source = message
pattern = (?i)as discussed in (?:dm|private)
event = context
severity = warning
explain = Keep context public: link the discussion instead.
EOF
}

# make_server NAME [KEY=VALUE...]: NAME.git, a bare repository with the
# hook installed by install.sh and the test rules in NAME.git/antisilo/.
make_server() {
	local name=$1
	shift
	git init -q --bare "$name.git"
	"$SRC_DIR/install.sh" --no-build --repo "$name.git" --binary "$HOOK_BIN" >/dev/null
	mkdir -p "$name.git/antisilo"
	write_rules "$name.git/antisilo/rules.ini" "$@"
}

# clone_server NAME DIR: a work tree of NAME.git.
clone_server() { git clone -q "$1.git" "$2" 2>/dev/null; }

# push OUT ARGS...: `git push ARGS` (in the current directory); its output
# in OUT, the remote: lines (prefix and git's padding removed) in
# OUT.remote. Returns git push's exit status.
push() {
	local out=$1 st=0
	shift
	git push "$@" >"$out" 2>&1 || st=$?
	sed -n 's/^remote: //p' "$out" | sed 's/[[:space:]]*$//' >"$out.remote"
	return $st
}

# push_ok / push_rejected OUT ARGS...: the push must succeed / be rejected.
push_ok() {
	local out=$1
	if ! push "$@"; then
		echo "push failed unexpectedly:"; cat "$out"; return 1
	fi
}
push_rejected() {
	local out=$1
	if push "$@"; then
		echo "push succeeded unexpectedly:"; cat "$out"; return 1
	fi
	grep -q 'pre-receive hook declined' "$out" || { cat "$out"; return 1; }
}

# A commit by bob that alice (his manager) assigned: an error finding.
commit_assigned() {
	commit_as "$1" "Bob Stone <bob@example.com>" "${2:-Add the replay buffer}

Assigned-by: Alice Liddell <alice@example.com>"
}
# A commit with a warning finding (private context).
commit_private() {
	commit_as "$1" "Carol Reed <carol@example.com>" "${2:-Tune the cache} as discussed in DM"
}
# A clean commit.
commit_clean() {
	commit_as "$1" "Carol Reed <carol@example.com>" "${2:-Fix a typo}"
}

short() { git -C "${2:-.}" rev-parse --short=12 "$1"; }

# server_ref NAME REF: the value of REF in NAME.git ("" when absent).
server_ref() { git --git-dir="$1.git" rev-parse -q --verify "$2" 2>/dev/null || true; }

# The lines the hook prints for commit_assigned.
assigned_lines() {
	cat <<EOF
antisilo: $1 ${2:-Add the replay buffer}
antisilo:   author: Bob Stone <bob@example.com>
antisilo:   error assigned-by (assignment, manager: alice -> bob)
antisilo:     > Assigned-by: Alice Liddell <alice@example.com>
antisilo:     Managers set context, not tasks: pick the work in your
antisilo:     team's planning.
EOF
}

# fix_lines [BASE] [files]: what a rejection says to do next: reword the
# commits (rebase onto BASE, the old tip, or @{upstream}); with "files",
# the line for a tracker file.
fix_lines() {
	local base=${1:-'@{upstream}'}
	echo "antisilo: to fix: rewrite the commits above, then push again:"
	echo "antisilo:   the newest commit: git commit --amend"
	echo "antisilo:   older commits: git rebase -i $base, mark them reword"
	if [ "${2:-}" = files ]; then
		echo "antisilo:   (a tracker file's line: mark the commit edit, fix the file)"
	fi
}

# fast_import_commits DIR N BRANCH [PARENT]: N commits on BRANCH, made with
# git fast-import (one file changed per commit), quickly.
fast_import_commits() {
	local dir=$1 n=$2 branch=$3 parent=${4:-}
	awk -v n="$n" -v br="$branch" -v parent="$parent" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "commit refs/heads/%s\n", br
			printf "author Carol Reed <carol@example.com> %d +0000\n", 1704110400 + i
			printf "committer Carol Reed <carol@example.com> %d +0000\n", 1704110400 + i
			msg = sprintf("Bulk change %d", i)
			printf "data %d\n%s\n", length(msg), msg
			if (i == 1 && parent != "")
				printf "from %s\n", parent
			printf "M 644 inline bulk/f%d.txt\n", i % 100
			d = sprintf("line %d", i)
			printf "data %d\n%s\n\n", length(d), d
		}
	}' | git -C "$dir" fast-import --quiet
}

# run_in_repo REPO INPUT OUT COMMAND...: runs COMMAND (the hook, or the
# binary) in REPO as git runs hooks (GIT_DIR=., no quarantine), INPUT on
# stdin, stdout and stderr in OUT. Returns its exit status.
run_in_repo() {
	local repo=$1 input=$2 out=$3
	shift 3
	case $input in /*) ;; *) input=$PWD/$input ;; esac
	case $out in /*) ;; *) out=$PWD/$out ;; esac
	(cd "$repo" && GIT_DIR=. "$@" <"$input" >"$out" 2>&1)
}

# The lines the hook prints for a message past max_message_bytes (SIZE,
# judged on HEAD and TAIL bytes).
oversized_lines() {
	cat <<EOF
antisilo:   warning antisilo:max-message-bytes
antisilo:     > message of $1 bytes is larger than
antisilo:       max_message_bytes (1048576): judged on its first $2
antisilo:       and last $3 bytes and every trailer; the $(($1 - $2 - $3))
antisilo:       bytes between were not checked
antisilo:     Shorten the message (put logs and pastes in an issue and
antisilo:     link it), or raise max_message_bytes in [antisilo] to
antisilo:     check such messages whole.
antisilo: not fully checked: 1 warning above says where a bound stopped
antisilo: the check: shorten the message or split the commit (git commit
antisilo: --amend, git rebase -i), or ask the administrator to raise the
antisilo: bound it names
EOF
}
