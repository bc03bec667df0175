# tests/lib-trackers.sh — what the tracker tests (t6*) share: an org chart
# and the tracker rules, sourced after lib.sh.
#
#   alice manages bob and carol; carol manages dave (alice is dave's
#   skip-level); team search = carol (lead), bob, dave; team infra = erin.
#   So bob -> dave is peer, erin -> bob cross-team, dave -> carol report.

FIXTURES="$TESTS_DIR/fixtures/trackers"

# org_chart: [people], [managers] and the teams above, on stdout.
org_chart() {
	cat <<'EOF'
[people]
alice = Alice Liddell <alice@example.com>, @alice
bob   = Bob Stone <bob@example.com>, @bobs
carol = Carol Ng <carol@example.com>, @carol
dave  = Dave Park <dave@example.com>, @dave
erin  = Erin Cho <erin@example.com>, @erin

[managers]
bob   = alice
carol = alice
dave  = carol

[team.search]
lead    = carol
members = bob, carol, dave

[team.infra]
lead    = erin
EOF
}

# write_tracker_rules [FILE]: the org chart and the tracker rules. A rule
# with source = tracker and no pattern judges what the built-in readers
# (Markdown forms, exports) find.
write_tracker_rules() {
	{ echo "[antisilo]"; echo "tracker_paths = TODO.md, docs/sprints/**/*.md, tasks/*.md"
	  echo; org_chart; } >"${1:-rules.ini}" &&
	cat >>"${1:-rules.ini}" <<'EOF'

[rule.tracker-top-down]
source   = tracker
event    = assignment
relation = manager, skip-level
exclude  = '(?i)\bwishlist\b'
severity = error
explain  = Managers set context, not tasks: bring the need to the team's planning and let the team pick who does it.
EOF
}

# commit_file DIR "Name <email>" FILE MESSAGE: commits FILE as it is in DIR.
commit_file() {
	local dir=$1 who=$2 file=$3 msg=$4
	local name=${who% <*} email=${who##*<}
	email=${email%>}
	git -C "$dir" add -- "$file"
	GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" \
		git -C "$dir" commit -q -m "$msg"
}

ALICE="Alice Liddell <alice@example.com>"
BOB="Bob Stone <bob@example.com>"
CAROL="Carol Ng <carol@example.com>"
DAVE="Dave Park <dave@example.com>"
ERIN="Erin Cho <erin@example.com>"

# write_forge_rules [FILE]: the shipped default rules with the org chart
# above, the teams' paths and CODEOWNERS handles, and the forge's address:
# search owns search/ (@example/team-search), infra owns infra/
# (@example/team-infra).
write_forge_rules() {
	{ echo "[antisilo]"; echo "include   = default"
	  echo "forge_url = https://github.com/example/shop"; echo; org_chart; } |
	sed -e "/^members = bob, carol, dave/a paths      = search/\ncodeowners = @example/team-search" \
	    -e "/^lead    = erin/a paths      = infra/\ncodeowners = @example/team-infra" >"${1:-rules.ini}"
}
