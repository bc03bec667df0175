#!/bin/bash
# t60-tracker-md.sh — the Markdown reader of tracker files: every way people
# write who owns a task and who assigned it (test-tool tracker-md prints
# "LINE ACTOR -> SUBJECT | TITLE"; "(author)" is the commit's author).

. "$(dirname "$0")/lib.sh"

md() { "$TEST_TOOL" tracker-md "$@"; }

test_expect_success 'task list items: @mentions own the task, the author assigned it' '
	cat >todo.md <<-\EOF &&
	# Sprint 12
	- [ ] Fix the login bug @bob
	* [x] @carol: rotate the keys
	+ [ ] Write the runbook (@dave)
	1. [ ] Numbered @erin
	  - [ ] Nested @frank
	> - [ ] Quoted @gina
	- [ ] No owner at all
	- not a task @henry
	- [ ]no space @ivan
	EOF
	md todo.md >out &&
	expect_file_eq out "2 (author) -> @bob | Fix the login bug @bob
3 (author) -> @carol | @carol: rotate the keys
4 (author) -> @dave | Write the runbook (@dave)
5 (author) -> @erin | Numbered @erin
6 (author) -> @frank | Nested @frank
7 (author) -> @gina | Quoted @gina"
'

test_expect_success 'several owners on one task are one assignment each' '
	printf -- "- [ ] Pair on the cache @bob and @carol, @dave\n- [ ] Twice @bob @bob\n" >todo.md &&
	md todo.md >out &&
	expect_file_eq out "1 (author) -> @bob | Pair on the cache @bob and @carol, @dave
1 (author) -> @carol | Pair on the cache @bob and @carol, @dave
1 (author) -> @dave | Pair on the cache @bob and @carol, @dave
2 (author) -> @bob | Twice @bob @bob"
'

test_expect_success 'not owners: e-mail addresses, possessives, cc, code, comments, fences' '
	cat >todo.md <<-\EOF &&
	- [ ] Mail bob@example.com about it
	- [ ] Review @alice'"'"'s draft @bob
	- [ ] Ship it @carol (cc @dave @erin)
	- [ ] Run `git blame @frank` @gina
	- [ ] Hidden <!-- @henry --> owner @ivan
	<!--
	- [ ] @judy inside a comment
	-->
	```
	- [ ] @kim inside a fence
	```
	~~~~
	Owner: @lee
	~~~~
	- [ ] After the fence @mia
	EOF
	md todo.md >out &&
	expect_file_eq out "2 (author) -> @bob | Review @alice'"'"'s draft @bob
3 (author) -> @carol | Ship it @carol (cc @dave @erin)
4 (author) -> @gina | Run \`git blame @frank\` @gina
5 (author) -> @ivan | Hidden <!-- @henry --> owner @ivan
15 (author) -> @mia | After the fence @mia"
'

test_expect_success '"assigned by" names the actor, in parentheses or not' '
	cat >todo.md <<-\EOF &&
	- [ ] Fix search @bob (assigned by @alice)
	- [ ] Fix billing @bob, assigned by Alice Liddell
	- [ ] Fix login @bob (requested by alice)
	- [ ] Fix logout @bob — delegated by alice@example.com
	- [ ] Fix signup @carol (assigned by me)
	- [ ] Fix profile @carol (assigned by Alice Liddell on Monday)
	EOF
	md todo.md >out &&
	expect_file_eq out "1 @alice -> @bob | Fix search @bob (assigned by @alice)
2 Alice Liddell -> @bob | Fix billing @bob, assigned by Alice Liddell
3 alice -> @bob | Fix login @bob (requested by alice)
4 alice@example.com -> @bob | Fix logout @bob — delegated by alice@example.com
5 (author) -> @carol | Fix signup @carol (assigned by me)
6 Alice Liddell -> @carol | Fix profile @carol (assigned by Alice Liddell on Monday)"
'

test_expect_success 'a line addressed to people: a plan'"'"'s list item, or a request; not a thank-you, a question or a reply' '
	cat >plan.md <<-\EOF &&
	## Team Search
	@bob: please take the exporter
	@carol can you pair on the cache?
	@dave, could you own the rollout
	- @erin: finish the ranking
	- **@frank**: the billing export
	@gina: thanks for the review!
	@henry: did you see the logs?
	@ivan: the logs are in the bucket
	- @judy: what do you think?
	- @kim: out this week
	@lee - notes from the call
	EOF
	md plan.md >out &&
	expect_file_eq out "2 (author) -> @bob | please take the exporter
3 (author) -> @carol | can you pair on the cache?
4 (author) -> @dave | could you own the rollout
5 (author) -> @erin | finish the ranking
6 (author) -> @frank | the billing export"
'

test_expect_success '"assigning @bob to ...", "assigning this to @carol"; not "unassigning", not "assigned by"' '
	cat >notes.md <<-\EOF &&
	# Triage
	Assigning @bob to the outage
	I am assigning this to @carol
	Reassigning to @dave and @erin
	assigned @frank to the docs
	unassigning @gina
	assign it later
	EOF
	md notes.md >out &&
	expect_file_eq out "2 (author) -> @bob | Triage
3 (author) -> @carol | Triage
4 (author) -> @dave | Triage
4 (author) -> @erin | Triage
5 (author) -> @frank | Triage"
'

test_expect_success 'task items: thanked, credited and copied people do not own the task' '
	cat >todo.md <<-\EOF &&
	- [ ] Migrate the queue, thanks @bob
	- [ ] Fix the crash reported by @carol and @dave
	- [ ] Fix the crash reported by @erin, owner @frank
	- [ ] Rotate the keys (h/t @gina) @henry
	- [ ] Thank you @ivan for the runbook
	- [ ] @judy pair with @kim on the cache
	EOF
	md todo.md >out &&
	expect_file_eq out "3 (author) -> @frank | Fix the crash reported by @erin, owner @frank
4 (author) -> @henry | Rotate the keys (h/t @gina) @henry
6 (author) -> @judy | @judy pair with @kim on the cache
6 (author) -> @kim | @judy pair with @kim on the cache"
'

test_expect_success 'Owner:, Assignee:, Assigned to: lines, under their heading' '
	cat >plan.md <<-\EOF &&
	# Plan

	## Billing migration
	Owner: @bob
	Assignee: bob (assigned by @alice)
	**Assigned to:** Bob Stone, Carol Ng
	- **Owners**: dave & erin
	Assigned to @frank by @alice
	DRI: me
	Owner: TBD
	Assignee: -
	Owners: none
	Co-owner: @gina
	The owner is unknown
	Owner: @bob; due Friday
	Owner: @carol - needs review
	Owner: @dave Reviewer: @erin
	EOF
	md plan.md >out &&
	expect_file_eq out "4 (author) -> @bob | Billing migration
5 @alice -> bob | Billing migration
6 (author) -> Bob Stone | Billing migration
6 (author) -> Carol Ng | Billing migration
7 (author) -> dave | Billing migration
7 (author) -> erin | Billing migration
8 @alice -> @frank | Billing migration
9 (author) -> (author) | Billing migration
15 (author) -> @bob | Billing migration
16 (author) -> @carol | Billing migration
17 (author) -> @dave | Billing migration"
'

test_expect_success 'an owner key inside a task or a heading' '
	cat >todo.md <<-\EOF &&
	## Search revamp (owner: @carol)
	- [ ] Index the docs, owner: @dave
	- [ ] Ranking (Assignee: @erin, assigned by @alice) @frank
	EOF
	md todo.md >out &&
	expect_file_eq out "1 (author) -> @carol | Search revamp (owner: @carol)
2 (author) -> @dave | Index the docs, owner: @dave
3 @alice -> @erin | Ranking (Assignee: @erin, assigned by @alice) @frank"
'

test_expect_success 'a section says who assigned its tasks: in its heading or on a line' '
	cat >todo.md <<-\EOF &&
	# Board
	- [ ] Before any section @bob

	## Sprint 12 (assigned by @alice)
	- [ ] Index the docs @dave
	- [ ] Own pick @erin (assigned by me)

	## Sprint 13
	- [ ] Cache it @bob
	**Assigned by:** @carol

	## Sprint 14
	- [ ] Nobody said @bob
	EOF
	md todo.md >out &&
	expect_file_eq out "2 (author) -> @bob | Before any section @bob
5 @alice -> @dave | Index the docs @dave
6 (author) -> @erin | Own pick @erin (assigned by me)
9 @carol -> @bob | Cache it @bob
13 (author) -> @bob | Nobody said @bob"
'

test_expect_success 'tables with an owner column (and an assigned-by column)' '
	cat >board.md <<-\EOF &&
	| Task | Owner | Assigned by | Status |
	|------|:-----:|-------------|--------|
	| Migrate DB | @bob | @alice | open |
	| Add cache | carol | | done |
	| `a | b` pipes | @dave | | |
	| Split work | @erin, @frank | Alice Liddell | |
	| Nobody yet | TBD | @alice | |
	| Escaped \| pipe | @gina (assigned by @henry) | | |

	| Item | Notes |
	|------|-------|
	| [ ] no owner column @ivan | x |

	| **Assignee** | Title |
	| --- | --- |
	| @judy | Rotate keys |
	EOF
	md board.md >out &&
	expect_file_eq out "3 @alice -> @bob | Migrate DB
4 (author) -> carol | Add cache
5 (author) -> @dave | \`a | b\` pipes
6 Alice Liddell -> @erin | Split work
6 Alice Liddell -> @frank | Split work
8 @henry -> @gina | Escaped \| pipe
16 (author) -> @judy | Rotate keys"
'

test_expect_success 'YAML front matter: assignee(s), owner, assigned_by, title' '
	cat >task.md <<-\EOF &&
	---
	title: "Quarterly planning"
	assignees: [bob, "Carol Ng"]   # the two of them
	assigned_by: alice
	owner:
	  - dave
	  - "@erin"
	assignee: null
	tags: [x, y]
	---
	# Not the title
	- [ ] In the body @frank
	EOF
	md task.md >out &&
	expect_file_eq out "3 alice -> bob | Quarterly planning
3 alice -> Carol Ng | Quarterly planning
6 alice -> dave | Quarterly planning
7 alice -> @erin | Quarterly planning
12 (author) -> @frank | In the body @frank"
'

test_expect_success 'front matter without assigned_by: the author assigned; title from the first heading' '
	printf -- "---\nassignee: bob\nOwners: carol, dave\n---\n\n# Cache layer\n" >task.md &&
	md task.md >out &&
	expect_file_eq out "2 (author) -> bob | Cache layer
3 (author) -> carol | Cache layer
3 (author) -> dave | Cache layer"
'

test_expect_success 'a "---" that never closes is not front matter (an Assignee: line is)' '
	printf -- "---\nassignee: bob\n- [ ] A task @carol\n" >task.md &&
	md task.md >out &&
	expect_file_eq out "2 (author) -> bob | 
3 (author) -> @carol | A task @carol"
'

test_expect_success 'only the wanted (added) lines yield events; the rest is context' '
	cat >todo.md <<-\EOF &&
	---
	assignees: [bob, carol]
	assigned_by: alice
	---
	## Sprint (assigned by @alice)
	- [ ] One @bob
	- [ ] Two @carol
	| Task | Owner |
	|------|-------|
	| Three | @dave |
	EOF
	md todo.md 7,10 >out &&
	expect_file_eq out "7 @alice -> @carol | Two @carol
10 @alice -> @dave | Three" &&
	md todo.md 2 >out &&
	expect_file_eq out "2 alice -> bob | Sprint (assigned by @alice)
2 alice -> carol | Sprint (assigned by @alice)"
'

test_expect_success 'CRLF files, long lines and control characters do not break it' '
	printf -- "- [ ] Windows @bob\r\n- [ ] Next @carol\r\n" >todo.md &&
	md todo.md >out &&
	expect_file_eq out "1 (author) -> @bob | Windows @bob
2 (author) -> @carol | Next @carol" &&
	{ printf -- "- [ ] "; head -c 70000 /dev/zero | tr "\\0" "a"; printf " @bob\n- [ ] \033[31mred @dave\n"; } >todo.md &&
	md todo.md >out &&
	expect_file_eq out "2 (author) -> @dave | \\x1b[31mred @dave"
'

test_expect_success 'hostile input: many mentions and unclosed constructs stay fast' '
	{ printf -- "- [ ] "; for i in $(seq 1 3000); do printf "@u%d (assigned by " $i; done; printf "\n"; \
	  printf -- "Owner: "; for i in $(seq 1 3000); do printf "owner: @x%d " $i; done; printf "\n"; \
	  for i in $(seq 1 2000); do printf "| a | b |\n"; done; printf "\`\`\`\`\` \`\` \` (((\n"; } >big.md &&
	timeout 10 "$TEST_TOOL" tracker-md big.md >out &&
	test $(wc -l <out) -le 64
'

test_done
