# tests/lib-sarif.sh — what the SARIF tests (t70, t71) share: Microsoft's
# SARIF multitool, which checks a file against SARIF's rules and GitHub's
# ingestion rules. Sourced after lib.sh.

CACHE="$SRC_DIR/tests/.cache"

# The SARIF multitool from the npm registry, installed once under
# tests/.cache (not committed). Prints its path; fails when npm does.
multitool() {
	local dir="$CACHE/sarif-multitool" bin
	bin="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
	if [ ! -x "$bin" ]; then
		mkdir -p "$dir" &&
		npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
			@microsoft/sarif-multitool-linux@5.7.0 >&2 || return 1
		# npm 11 runs no install scripts by default: the package's own
		# postinstall only does this chmod
		chmod u+x "$bin" || return 1
	fi
	echo "$bin"
}

# sarif_validate FILE: the multitool's SARIF rules and GitHub's ingestion
# rules (GH1xxx/GH2xxx) find no error in FILE.
sarif_validate() {
	local tool log="$1.validation.sarif"
	tool=$(multitool) || return 1
	DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
		"$tool" validate --rule-kind "Sarif;Gh" --output "$log" "$1" >"$1.validation.out" 2>&1 || {
		cat "$1.validation.out"
		return 1
	}
	# every problem, for the log; then none may be an error
	jq -r '.runs[].results[] | "\(.level // "warning") \(.ruleId): \(.message.text // .message.id)"' "$log"
	jq_eq "$log" '[.runs[].results[] | select(.level == "error")] | length' 0 &&
	jq_eq "$log" '[.runs[].invocations[]? | select(.executionSuccessful == false)] | length' 0
}

