# tests/lib-default-org.sh — the org chart the tests of the shipped rules
# (t30, t34) share, sourced after lib.sh: write_site writes site.ini, which
# includes the shipped default (`include = default`) and adds
#
#   dave ── manages ── alice ── manages ── bob, carol
#   team replay: lead alice, members bob, carol      (bob <-> carol: peer)
#   team other:  lead erin                           (erin -> bob: cross-team)
#   dave -> bob: skip-level            alice -> bob: manager
#   bob  -> alice: report (upwards)    zed: not in the org chart (unknown)

ALICE="Alice Liddell <alice@example.com>"
BOB="Bob Stone <bob@example.com>"
CAROL="Carol Danvers <carol@example.com>"
DAVE="Dave Lister <dave@example.com>"
ERIN="Erin Hale <erin@example.com>"

write_site() {
	cat >site.ini <<'EOF'
[antisilo]
include = default

[people]
alice = Alice Liddell <alice@example.com>, @alice
bob   = Bob Stone <bob@example.com>, @bobs
carol = Carol Danvers <carol@example.com>, @carol
dave  = Dave Lister <dave@example.com>, @dave
erin  = Erin Hale <erin@example.com>, @erin

[managers]
bob   = alice
carol = alice
alice = dave

[team.replay]
lead    = alice
members = bob, carol

[team.other]
lead    = erin
EOF
}
