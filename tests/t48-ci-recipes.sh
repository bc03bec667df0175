#!/bin/bash
# t48-ci-recipes.sh — the CI recipes, as far as this machine can run
# them: the composite GitHub Action (action.yml) with its shell steps run
# here as GitHub's runner runs them (tests/tool/ci-steps.py: inputs,
# expressions, GITHUB_OUTPUT, GITHUB_PATH, step conditions), the upload
# step checked for what it would hand to github/codeql-action/upload-sarif;
# and the GitLab CI template's job scripts.

. "$(dirname "$0")/lib.sh"

STEPS="$TESTS_DIR/tool/ci-steps.py"
ACTION="$SRC_DIR/action.yml"
GITLAB="$SRC_DIR/contrib/gitlab-ci/antisilo.gitlab-ci.yml"
export TMPDIR="$TEST_ROOT"

# a repository as actions/checkout leaves it: history, and its own rules
make_project() {
	make_repo "$1" && mkdir -p "$1/.github" &&
	{ printf "[antisilo]\ninclude = default\n" && alice_manages_bob; } >"$1/.github/antisilo.ini" &&
	git -C "$1" add .github && git -C "$1" commit -q -m "Our rules" &&
	commit_as "$1" "Bob Stone <bob@example.com>" "$(printf "Fix the recorder\n\nAssigned-by: Alice Liddell <alice@example.com>")" src/recorder.c &&
	commit_as "$1" "Bob Stone <bob@example.com>" "Tidy" src/recorder.c
}

# step FIELD NAME: a field of the step called NAME in summary.json
step() { jq -c --arg n "$2" ".steps[] | select(.name == \$n) | $1" summary.json; }

test_expect_success 'action.yml: a composite action; inputs reach scripts through env only; the upload is GitHub'"'"'s upload-sarif' '
	python3 - "$ACTION" <<-\EOF
	import re, sys, yaml
	a = yaml.safe_load(open(sys.argv[1]))
	assert a["runs"]["using"] == "composite"
	steps = a["runs"]["steps"]
	for s in steps:
	    if "run" in s:
	        assert "${{" not in s["run"], s["name"] + ": an expression inside a script"
	        assert s.get("shell") == "bash", s["name"]
	up = [s for s in steps if "uses" in s]
	assert [s["uses"] for s in up] == ["github/codeql-action/upload-sarif@v3"], up
	assert up[0]["with"]["sarif_file"] == "${{ steps.audit.outputs.sarif-file }}"
	assert set(a["inputs"]) >= {"install", "package", "rules", "range", "fail-on", "args", "sarif-file", "upload"}
	EOF
'

if [ "${ANTISILO_SANITIZE:-}" = 1 ]; then
	echo "ok $((test_count += 1)) - action, install: source # SKIP the source install links with the plain flags: the plain pass runs it"
else
	test_expect_success 'action, install: source: install.sh installs into RUNNER_TEMP, the SARIF is uploaded, the verdict fails the job' '
		make_project p && cp -a "$(dirname "$ANTISILO")" build-copy && cd p &&
		expect_status 1 env -u ANTISILO_DEFAULT_RULES -u ANTISILO_SITE_RULES BUILD="$OLDPWD/build-copy" \
			"$STEPS" action "$ACTION" ../summary.json rules=.github/antisilo.ini >../log 2>&1 && cd .. &&
		expect_eq "$(jq -c "[.steps[] | [.name, .ran, .status]]" summary.json)" \
			"[[\"Install antisilo\",true,0],[\"Audit\",true,0],[\"Upload to code scanning\",true,0],[\"Verdict\",true,1]]" &&
		prefix=$(jq -r .runner_temp summary.json)/antisilo &&
		test -x "$prefix/bin/antisilo" && test -f "$prefix/share/antisilo/rules.ini" &&
		grep -qx "include = default" "$prefix/etc/antisilo/rules.ini" &&
		grep -q "^install.sh: building and installing under $prefix" log &&
		expect_eq "$(step .with "Upload to code scanning")" "{\"sarif_file\":\"antisilo.sarif\",\"category\":\"antisilo\"}" &&
		expect_eq "$(jq -c .outputs summary.json)" "{\"sarif-file\":\"antisilo.sarif\",\"exit-code\":\"1\"}" &&
		jq_eq p/antisilo.sarif "[.runs[0].results[] | [.ruleId, .locations[0].physicalLocation.artifactLocation.uri]]" \
			"[[\"assigned-by-trailer\",\"src/recorder.c\"]]" &&
		grep -q "^::error::antisilo: findings at or above fail-on (error): see the code scanning alerts$" log
	'
fi

test_expect_success 'action, install: path, fail-on never: the job passes and the report is still uploaded' '
	make_project p && cd p &&
	PATH="$(dirname "$ANTISILO"):$PATH" "$STEPS" action "$ACTION" ../summary.json \
		install=path rules=.github/antisilo.ini fail-on=never sarif-file=out/a.sarif >../log 2>&1 && cd .. &&
	expect_eq "$(jq -c "[.steps[] | [.name, .ran, .status]]" summary.json)" \
		"[[\"Install antisilo\",true,0],[\"Audit\",true,0],[\"Upload to code scanning\",true,0],[\"Verdict\",true,0]]" &&
	expect_eq "$(step .with.sarif_file "Upload to code scanning")" "\"out/a.sarif\"" &&
	jq_eq p/out/a.sarif ".runs[0].results | length" 1
'

test_expect_success 'action: a range and more arguments; upload false skips the upload' '
	make_project p && cd p &&
	PATH="$(dirname "$ANTISILO"):$PATH" "$STEPS" action "$ACTION" ../summary.json \
		install=path rules=.github/antisilo.ini range="HEAD~1..HEAD" args="--no-paths --quiet" upload=false >../log 2>&1 && cd .. &&
	expect_eq "$(jq -c "[.steps[] | [.name, .ran]]" summary.json)" \
		"[[\"Install antisilo\",true],[\"Audit\",true],[\"Upload to code scanning\",false],[\"Verdict\",true]]" &&
	jq_eq p/antisilo.sarif ".runs[0].properties.range" "[\"HEAD~1..HEAD\"]"
'

test_expect_success 'action: a usage error stops the job before the upload (no report of a run that did not happen)' '
	make_project p && cd p &&
	expect_status 2 env PATH="$(dirname "$ANTISILO"):$PATH" "$STEPS" action "$ACTION" ../summary.json \
		install=path fail-on=sometimes >../log 2>&1 && cd .. &&
	expect_eq "$(jq -c "[.steps[] | [.name, .ran]]" summary.json)" \
		"[[\"Install antisilo\",true],[\"Audit\",true],[\"Upload to code scanning\",false],[\"Verdict\",false]]" &&
	grep -q "^antisilo: --fail-on: expected info, warning, error or never, got .sometimes.$" log &&
	expect_status 1 "$STEPS" action "$ACTION" summary2.json install=nonsense >log2 2>&1 &&
	grep -q "^::error::install: expected source, package or path, got .nonsense.$" log2
'

test_expect_success 'action: a shallow clone is audited as far as it goes, with a warning' '
	make_project p && git clone -q --depth 1 "file://$PWD/p" shallow && cd shallow &&
	PATH="$(dirname "$ANTISILO"):$PATH" "$STEPS" action "$ACTION" ../summary.json install=path >../log 2>&1 && cd .. &&
	grep -q "^::warning::shallow clone: antisilo audits only the history it has" log
'

test_expect_success 'GitLab CI template: a merge request pipeline audits the merge request'"'"'s commits, keeps the reports, fails on findings' '
	make_project p && base=$(git -C p rev-parse HEAD~2) && cd p &&
	expect_status 1 env PATH="$(dirname "$ANTISILO"):$PATH" ANTISILO_RULES=.github/antisilo.ini \
		CI_MERGE_REQUEST_DIFF_BASE_SHA="$base" "$STEPS" gitlab "$GITLAB" antisilo ../summary.json >../log 2>&1 && cd .. &&
	jq_eq summary.json ".artifacts" "{\"antisilo.html\":true,\"antisilo.json\":true}" &&
	jq_eq summary.json ".when" always &&
	jq_eq p/antisilo.json "[.range, .commits_scanned, [.findings[].rule]]" "[[\"$base..HEAD\"],2,[\"assigned-by-trailer\"]]" &&
	head -c 15 p/antisilo.html | grep -q "<!DOCTYPE html>"
'

test_expect_success 'GitLab CI template: ANTISILO_FAIL_ON=never passes; no antisilo and nothing to install it from is an error' '
	make_project p && cd p &&
	env PATH="$(dirname "$ANTISILO"):$PATH" ANTISILO_RULES=.github/antisilo.ini ANTISILO_FAIL_ON=never \
		"$STEPS" gitlab "$GITLAB" antisilo ../summary.json >../log 2>&1 &&
	jq_eq antisilo.json ".range" "[\"HEAD\"]" &&
	expect_status 2 env PATH=/usr/bin:/bin "$STEPS" gitlab "$GITLAB" antisilo ../summary2.json >../log2 2>&1 && cd .. &&
	grep -q "^antisilo: set ANTISILO_DEB or ANTISILO_SOURCE, or use an image with antisilo$" log2
'

test_done
