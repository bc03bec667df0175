#!/bin/bash
# t87-managers.sh — what the handbook asks of managers, measured (README,
# "Managers' own work"): each manager's commits and reviews in the period
# beside the median of the people they manage, managers with no hands-on
# work in active_months shown as such, and feedback in every direction
# (reports to their managers beside managers to their reports, across
# teams). Metrics and a report section, never findings; team-level under
# privacy = team.
#
# The org chart: dora (in no team) manages lena and mark; team alpha =
# lena (lead), ian, jo, kim; team beta = mark (lead), ned.
#
#   2022-01-05 ned   Reviewed-by: mark    (manager -> report)
#   2024-03-01 ian
#   2024-04-01 ned   Reviewed-by: kim     (across teams)
#   2024-04-15 jo    Reviewed-by: kim     (in the team)
#   2024-05-01 ian   Reviewed-by: lena    (manager -> report)
#   2024-05-02 ian
#   2024-06-01 lena  Reviewed-by: ian     (report -> manager)
#   2024-06-02 lena
#
# The period ends with the newest commit, 2024-06-02; active_months 12
# goes back to 2023-06-02: lena is hands-on, mark's last work (2022) is
# older, dora has none.

. "$(dirname "$0")/lib.sh"

R="$TEST_ROOT/r"
SITE="$TEST_ROOT/site.ini"

cm() {
	local date=$1 who=$2 msg=$3
	echo "$date" >>"$R/f.txt" && git -C "$R" add f.txt &&
	GIT_AUTHOR_NAME="$who" GIT_AUTHOR_EMAIL="$who@example.com" \
	GIT_COMMITTER_NAME="$who" GIT_COMMITTER_EMAIL="$who@example.com" \
	GIT_AUTHOR_DATE="${date}T12:00:00Z" GIT_COMMITTER_DATE="${date}T12:00:00Z" \
		git -C "$R" commit -q -F - <<<"$msg"
}

test_expect_success 'setup' '
	{
		printf "[antisilo]\ninclude = default\n\n[people]\n"
		for p in dora lena mark ian jo kim ned; do echo "$p = $p <$p@example.com>"; done
		printf "\n[managers]\nlena = dora\nmark = dora\nian = lena\njo = lena\nkim = lena\nned = mark\n"
		printf "\n[team.alpha]\nlead = lena\nmembers = ian, jo, kim\n"
		printf "\n[team.beta]\nlead = mark\nmembers = ned\n"
	} >"$SITE" &&
	git init -q "$R" &&
	cm 2022-01-05 ned "Old fix

Reviewed-by: mark <mark@example.com>" &&
	cm 2024-03-01 ian "One" &&
	cm 2024-04-01 ned "Two

Reviewed-by: kim <kim@example.com>" &&
	cm 2024-04-15 jo "Three

Reviewed-by: kim <kim@example.com>" &&
	cm 2024-05-01 ian "Four

Reviewed-by: lena <lena@example.com>" &&
	cm 2024-05-02 ian "Five" &&
	cm 2024-06-01 lena "Six

Reviewed-by: ian <ian@example.com>" &&
	cm 2024-06-02 lena "Seven" &&
	run_antisilo audit --repo "$R" --rules "$SITE" --format json --fail-on never >"$TEST_ROOT/out.json"
'

# lena: the median of ian, jo, kim (commits 3, 1, 0; reviews 1, 0, 2);
# mark: of ned (2, 0); dora manages no team herself: the teams of her
# reports, ian jo kim ned (3 1 0 2: 1.5; 1 0 2 0: 0.5).
test_expect_success 'each manager'"'"'s own work beside the median of the people they manage' '
	J="$TEST_ROOT/out.json" &&
	jq_eq "$J" ".metrics.managers | [.active_months, .as_of, .window_start, .window_covered, .managers, .hands_on, .not_hands_on]" \
		"[12,\"2024-06-02T12:00:00Z\",\"2023-06-02T12:00:00Z\",true,3,1,2]" &&
	jq_eq "$J" "[.metrics.managers.people[] | [.manager, .teams, .reports, .commits, .reviews_given, .team_members, .team_median_commits, .team_median_reviews_given, .last_work, .hands_on, .feedback_to_reports, .feedback_from_reports]]" \
		"[[\"dora\",[\"alpha\",\"beta\"],2,0,0,4,1.5,0.5,null,false,0,0],[\"lena\",[\"alpha\"],3,2,1,3,1,1,\"2024-06-02T12:00:00Z\",true,1,1],[\"mark\",[\"beta\"],1,0,1,1,2,0,\"2022-01-05T12:00:00Z\",false,1,0]]" &&
	jq_eq "$J" "[.metrics.managers.by_team[] | [.team, .managers, .hands_on, .not_hands_on, .commits, .reviews_given, .team_members, .team_median_commits, .feedback_to_reports, .feedback_from_reports]]" \
		"[[\"alpha\",2,1,1,2,1,3,1,1,1],[\"beta\",2,0,2,0,1,1,2,1,0]]"
'

test_expect_success 'feedback in every direction: up, down, across teams' '
	J="$TEST_ROOT/out.json" &&
	jq_eq "$J" ".metrics.feedback | [.total, .by_managers, .by_peers, .by_reports, .manager_share, .report_share, .cross_team, .in_team, .cross_team_share]" \
		"[5,2,3,1,0.4,0.2,1,4,0.2]" &&
	jq_eq "$J" "[.metrics.teams[] | [.reviews_given_to_managers, .reviews_given_by_managers]]" "[[1,1],[0,1]]"
'

test_expect_success 'metrics, never findings' '
	jq_eq "$TEST_ROOT/out.json" ".findings" "[]"
'

test_expect_success 'active_months: a longer window sees mark'"'"'s old work' '
	sed "s/^include = default$/&\nactive_months = 30/" "$SITE" >long.ini &&
	run_antisilo audit --repo "$R" --rules long.ini --format json --fail-on never >long.json &&
	jq_eq long.json "[.metrics.managers | .window_start, .hands_on, (.people[] | .hands_on)]" \
		"[\"2021-12-02T12:00:00Z\",2,false,true,true]" &&
	printf "[antisilo]\nactive_months = 5000\n" >bad.ini &&
	expect_status 2 run_antisilo check-rules bad.ini 2>err &&
	grep -q "bad.ini:2: active_months" err
'

test_expect_success 'a period shorter than the window says so, and sees only its own work' '
	run_antisilo audit --repo "$R" --rules "$SITE" --since 2024-01-01 --format json --fail-on never >short.json &&
	jq_eq short.json "[.metrics.managers.window_covered, (.metrics.managers.people[] | [.manager, .reviews_given, .last_work])]" \
		"[false,[\"dora\",0,null],[\"lena\",1,\"2024-06-02T12:00:00Z\"],[\"mark\",0,null]]" &&
	run_antisilo audit --repo "$R" --rules "$SITE" --since 2024-01-01 --fail-on never >short.txt &&
	grep -qx "  3 managers, 2 with no commit or review in the 12 months to 2024-06-02 (the audited period is shorter: work before it is not seen)" short.txt
'

test_expect_success 'text and html show the managers and the directions of feedback' '
	run_antisilo audit --repo "$R" --rules "$SITE" --fail-on never >out.txt &&
	grep -qx "    mark (not hands-on): 0 commits, 1 review given; median of the people they manage (1): commits 2, reviews 0; feedback 1 to reports, 0 from reports" out.txt &&
	grep -qx "  feedback in every direction: 5 given, 5 between people the org chart knows: by managers to the people they manage 2 (40%), by reports to their managers 1 (20%); across teams 1 of 5 between team members (20%)" out.txt &&
	run_antisilo audit --repo "$R" --rules "$SITE" --format html --fail-on never >out.html &&
	grep -qF "<strong>2 of 3 managers</strong> did no hands-on work (no commit, no review) in the 12 months up to 2024-06-02." out.html &&
	grep -qF "<tr><th scope=\"row\">mark</th><td>beta</td><td><span class=\"up\">no: none in that time</span></td>" out.html &&
	grep -qF "<tr><th scope=\"row\">Reports to their managers</th><td class=\"n\">1</td>" out.html
'

# Under privacy = team the rows are teams (lena and dora manage alpha:
# dora leads none, her first report is lena).
test_expect_success 'privacy = team: team-level counts only' '
	sed "s/^include = default$/&\nprivacy = team\nmin_group_size = 2/" "$SITE" >priv.ini &&
	run_antisilo audit --repo "$R" --rules priv.ini --format json --fail-on never >priv.json &&
	jq_eq priv.json ".metrics.managers.people" null &&
	jq_eq priv.json "[.metrics.managers.by_team[] | [.team, .managers, .not_hands_on, .commits, .team_members, .team_median_commits]]" \
		"[[\"alpha\",2,1,2,3,1],[\"beta\",1,1,0,1,2]]" &&
	! grep -qiwE "dora|lena|mark|ian|jo|kim|ned" priv.json &&
	run_antisilo audit --repo "$R" --rules priv.ini --fail-on never >priv.txt &&
	grep -qx "    managers of alpha (2, 1 not hands-on): 2 commits, 1 review given; median of the people they manage (3): commits 1, reviews 1; feedback 1 to reports, 1 from reports" priv.txt
'

test_done
