#!/bin/bash
# t31-rule-matching.sh — how a rule's pattern becomes events: one event per
# match, and never the same place twice.

. "$(dirname "$0")/lib.sh"

# rules.ini with one rule of SOURCE, KEY (trailer rules) and PATTERN.
write_rule() {
	{
		echo "[rule.r]"
		echo "source = $1"
		[ -z "$2" ] || echo "key = '$2'"
		echo "pattern = '$3'"
		echo "event = review"
		echo "explain = x"
	} >rules.ini
}

audit_excerpts() {
	run_antisilo audit --repo r --rules rules.ini --format json --fail-on never >out.json &&
	jq -r '.findings[] | .excerpt' out.json
}

MSG='Subject line

Body text.

Reviewed-by: Bob Stone <bob@example.com>
Acked-by: Carol Ng <carol@example.com>'

test_expect_success 'a trailer rule with key .* and pattern .* fires once per trailer, not twice' '
	make_repo r && commit_as r "A <a@example.com>" "$MSG" &&
	write_rule trailer ".*" ".*" && audit_excerpts >got &&
	expect_file_eq got "Reviewed-by: Bob Stone <bob@example.com>
Acked-by: Carol Ng <carol@example.com>" &&
	write_rule trailer ".*" "^(?<actor>.+)$" && audit_excerpts >got &&
	expect_file_eq got "Reviewed-by: Bob Stone <bob@example.com>
Acked-by: Carol Ng <carol@example.com>"
'

test_expect_success 'a pattern that matches only an empty string still fires, once per place' '
	make_repo r && commit_as r "A <a@example.com>" "WIP: half done" &&
	write_rule subject "" "^(?=WIP)" && audit_excerpts >got &&
	expect_eq "$(wc -l <got)" 1 &&
	write_rule subject "" "x*" && audit_excerpts >got &&
	expect_eq "$(jq ".findings | length" out.json)" 15
'

test_done
