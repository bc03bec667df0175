#!/usr/bin/env bash
# tests/tool/eval-messages.sh — measure antisilo's message rules against the
# labelled corpus (issue 11).
#
#   tests/tool/eval-messages.sh [--list-errors] [--keep] [--only GLOB]
#                               CORPUS_DIR [ANTISILO]
#
# CORPUS_DIR holds org.ini (the rules: include = default + an org chart) and
# case files <class>-<lang>.txt (format: tests/messages/README.md). For each
# case file the script builds ONE real repository with git fast-import: one
# commit per case, in file order, authored (and committed) by the case's
# author at fixed dates, the message verbatim. It audits it with
#
#   antisilo audit --repo R --rules CORPUS_DIR/org.ini --format json --fail-on never
#
# maps the findings back to the cases by commit id and prints, per class x
# language, TP, FP, FN, precision, recall and the blocking (severity error)
# TP and FP, then per-class and per-language sums and one machine-readable
# line:
#
#   TOTAL tp=.. fp=.. fn=.. blocking_tp=.. blocking_fp=.. precision=.. recall=..
#
# Matching: a finding matches an expect line when its event is the expected
# kind, its subject is the expected subject (default: the case's author)
# and its actor is the expected actor. "actor=role" (the message names the
# manager only by role) matches a finding whose actor is null and relation
# "unknown", and also one that resolved the role to someone in the
# subject's manager chain. Findings of rules named "antisilo:..." (notices)
# and context events are ignored. Every other finding that matches no expect
# line is a FP (a second finding for an expect line already matched is a
# duplicate, counted apart, not a FP); every expect line that no finding
# matches is a FN. Blocking TP: expect lines matched by an error finding;
# blocking FP: error findings that are FPs.
#
# --list-errors  also print every FP and FN: file, case id, rule, excerpt
# --keep         keep the scratch directory (repositories, JSON) and say where
# --only GLOB    only case files whose name matches GLOB (e.g. 'vocabulary-*')
#
# Exit: 0 when it ran (whatever the numbers), 2 on a malformed corpus or
# usage, 3 when antisilo failed.
set -euo pipefail

list_errors=0 keep=0 only='*'
args=()
while [ $# -gt 0 ]; do
	case $1 in
	--list-errors) list_errors=1 ;;
	--keep) keep=1 ;;
	--only) only=${2:?--only needs a glob}; shift ;;
	--only=*) only=${1#--only=} ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "eval-messages: unknown option $1" >&2; exit 2 ;;
	*) args+=("$1") ;;
	esac
	shift
done
[ ${#args[@]} -ge 1 ] && [ ${#args[@]} -le 2 ] || {
	echo "usage: eval-messages.sh [--list-errors] [--keep] [--only GLOB] CORPUS_DIR [ANTISILO]" >&2
	exit 2
}
corpus=$(cd "${args[0]}" && pwd)
here=$(cd "$(dirname "$0")/../.." && pwd)
antisilo=${args[1]:-${ANTISILO:-$here/build/antisilo}}
rules=$corpus/org.ini
[ -f "$rules" ] || { echo "eval-messages: $rules: no such file" >&2; exit 2; }
[ -x "$antisilo" ] || { echo "eval-messages: $antisilo: not executable" >&2; exit 2; }
command -v jq >/dev/null || { echo "eval-messages: needs jq" >&2; exit 2; }
# The including file says "include = default": use this tree's rules.ini
# unless the caller chose another.
export ANTISILO_DEFAULT_RULES=${ANTISILO_DEFAULT_RULES:-$here/rules.ini}

work=$(mktemp -d "${TMPDIR:-/tmp}/eval-messages.XXXXXX")
if [ "$keep" = 1 ]; then
	echo "eval-messages: scratch directory $work" >&2
else
	trap 'rm -rf "$work"' EXIT
fi
unset GIT_DIR GIT_WORK_TREE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
      GIT_QUARANTINE_PATH ANTISILO_RULES
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

# --- the org chart: people (id<TAB>Name <email>) and managers (report<TAB>manager)
LC_ALL=C awk -v people="$work/people.tsv" -v managers="$work/managers.tsv" '
	{ sub(/\r$/, ""); line = $0; sub(/^[ \t]+/, "", line) }
	line ~ /^[;#]/ || line == "" { next }
	line ~ /^\[/ { sec = tolower(line); next }
	sec == "[people]" || sec == "[managers]" {
		k = line; sub(/[ \t]*=.*/, "", k); v = line; sub(/^[^=]*=[ \t]*/, "", v)
		sub(/[ \t]+[;#].*$/, "", v)
		if (sec == "[people]") {
			ident = v; sub(/>.*/, ">", ident)
			print k "\t" ident > people
		} else
			print k "\t" v > managers
	}' "$rules"
touch "$work/managers.tsv"

# --- parse the case files into fast-import streams and tables -----------
# cases.tsv:   file  case  mark  author_id  first_line
# expects.tsv: file  case  kind  actor  subject  line_no
files=()
for f in "$corpus"/*-*.txt; do
	[ -e "$f" ] || continue
	b=$(basename "$f" .txt)
	# shellcheck disable=SC2053
	[[ $b == $only ]] || [[ $b.txt == $only ]] || continue
	files+=("$f")
done
[ ${#files[@]} -gt 0 ] || { echo "eval-messages: no case files in $corpus" >&2; exit 2; }

: >"$work/cases.tsv"; : >"$work/expects.tsv"; : >"$work/errors"
for f in "${files[@]}"; do
	b=$(basename "$f" .txt)
	LC_ALL=C awk -v file="$b" -v path="$f" -v peoplef="$work/people.tsv" \
	    -v cases="$work/cases.tsv" -v expects="$work/expects.tsv" \
	    -v errors="$work/errors" -v stream="$work/$b.fi" '
	function err(msg) { printf "%s:%d: %s\n", path, FNR, msg >> errors; bad = 1 }
	function flush(   i, n, msg, ident, who, t) {
		if (id == "") return
		if (!insep) { err("case " id ": no --- line before the message"); id = ""; return }
		if (author == "") err("case " id ": no author: line")
		if (!nexp) err("case " id ": no expect: line")
		n = nmsg; while (n > 0 && msg_l[n] ~ /^[ \t]*$/) n--
		if (n == 0) err("case " id ": empty message")
		msg = ""; for (i = 1; i <= n; i++) msg = msg msg_l[i] "\n"
		if (author in person) { ident = person[author]; aid = author }
		else if (author ~ /^[^<>]+ <[^<>]*>$/) { ident = author; aid = "-" }
		else { err("case " id ": author " author " is neither a person id nor Name <email>"); ident = "X <x>"; aid = "-" }
		mark++
		t = 1704110400 + mark * 600
		printf "commit refs/heads/main\nmark :%d\n", mark > stream
		printf "author %s %d +0000\ncommitter %s %d +0000\n", ident, t, ident, t > stream
		printf "data %d\n%s\n", length(msg), msg > stream
		printf "M 100644 inline cases/%s\ndata %d\n%s\n\n", id, length(id) + 1, id > stream
		first = msg_l[1]; gsub(/\t/, " ", first)
		printf "%s\t%s\t%d\t%s\t%s\n", file, id, mark, aid, first >> cases
		for (i = 1; i <= nexp; i++) {
			split(exp_l[i], e, "\t")
			if (e[1] == "none") continue
			if (e[3] == "") e[3] = aid
			if (e[3] == "-") err("case " id ": an expect line needs a subject when the author is an outsider")
			printf "%s\t%s\t%s\t%s\t%s\t%d\n", file, id, e[1], e[2], e[3], exp_no[i] >> expects
		}
		id = ""
	}
	BEGIN {
		while ((getline l < peoplef) > 0) { split(l, p, "\t"); person[p[1]] = p[2] }
	}
	{ sub(/\r$/, "") }
	/^=== / {
		flush()
		id = substr($0, 5); sub(/[ \t]+$/, "", id)
		if (id !~ /^[A-Za-z0-9][A-Za-z0-9._-]*$/) err("bad case id \"" id "\"")
		if (id in seen) err("duplicate case id " id)
		seen[id] = 1
		author = ""; nexp = 0; nmsg = 0; insep = 0; hasnone = 0
		next
	}
	id == "" {
		if ($0 !~ /^[ \t]*$/ && $0 !~ /^#/) err("text outside a case")
		next
	}
	insep { msg_l[++nmsg] = $0; next }
	/^---[ \t]*$/ { insep = 1; next }
	/^author:/ { author = $0; sub(/^author:[ \t]*/, "", author); sub(/[ \t]+$/, "", author); next }
	/^note:/ { next }
	/^expect:/ {
		x = $0; sub(/^expect:[ \t]*/, "", x); sub(/[ \t]+$/, "", x)
		nf = split(x, w, /[ \t]+/)
		kind = w[1]; actor = ""; subj = ""
		if (kind == "none") {
			if (nf > 1) err("case " id ": expect: none takes nothing after it")
			hasnone = 1
		} else if (kind == "assignment" || kind == "approval") {
			for (j = 2; j <= nf; j++) {
				if (w[j] ~ /^actor=/) actor = substr(w[j], 7)
				else if (w[j] ~ /^subject=/) subj = substr(w[j], 9)
				else err("case " id ": unknown word in expect: " w[j])
			}
			if (actor == "") err("case " id ": expect " kind " without actor=")
			else if (actor != "role" && !(actor in person)) err("case " id ": actor " actor " is not in org.ini")
			if (subj != "" && !(subj in person)) err("case " id ": subject " subj " is not in org.ini")
		} else err("case " id ": unknown expect kind " kind)
		exp_l[++nexp] = kind "\t" actor "\t" subj; exp_no[nexp] = FNR
		if (hasnone && nexp > 1) err("case " id ": expect: none with other expect lines")
		next
	}
	/^[ \t]*$/ { next }
	{ err("case " id ": unknown header line: " $0) }
	END { flush(); if (!mark) err("no cases") }
	' "$f"
done

# Lint: an expected actor must be in the subject's manager chain (that is
# what "top-down" means); a label that says otherwise is a corpus mistake.
LC_ALL=C awk -F'\t' -v errors="$work/errors" '
	FILENAME ~ /managers.tsv$/ { boss[$1] = $2; next }
	$4 == "role" { next }
	{
		p = $5; ok = 0
		for (g = 0; g < 100 && (p in boss); g++) { p = boss[p]; if (p == $4) { ok = 1; break } }
		if (!ok) printf "%s.txt:%d: case %s: %s is not in the manager chain of %s\n", $1, $6, $2, $4, $5 >> errors
	}' "$work/managers.tsv" "$work/expects.tsv"

if [ -s "$work/errors" ]; then
	sed 's/^/eval-messages: /' "$work/errors" >&2
	exit 2
fi

# --- build one repository per case file and audit it ----------------------
: >"$work/findings.tsv"; : >"$work/marks.tsv"
for f in "${files[@]}"; do
	b=$(basename "$f" .txt)
	r=$work/repo-$b
	git init -q -b main "$r"
	git -C "$r" fast-import --quiet --export-marks="$work/$b.marks" <"$work/$b.fi"
	rc=0
	"$antisilo" audit --repo "$r" --rules "$rules" --format json --fail-on never \
		>"$work/$b.json" 2>"$work/$b.stderr" || rc=$?
	if [ "$rc" != 0 ]; then
		echo "eval-messages: antisilo audit of $b exited $rc:" >&2
		sed 's/^/  /' "$work/$b.stderr" >&2
		exit 3
	fi
	# file  sha  rule  severity  event  relation  actor  subject  excerpt
	jq -r --arg f "$b" '.findings[] | [$f, (.commit // "-"), .rule, .severity,
		(.event // "-"), (.relation // "-"), (.actor // "-"), (.subject // "-"),
		((.excerpt // "") | gsub("[\t\n\r]"; " "))] | @tsv' \
		"$work/$b.json" >>"$work/findings.tsv"
	sed "s/^:\([0-9]*\) /$b\t\1\t/" "$work/$b.marks" >>"$work/marks.tsv"
done

# --- score ---------------------------------------------------------------
LC_ALL=C awk -F'\t' -v list="$list_errors" '
	function chain_has(subj, who,   p, g) {
		p = subj
		for (g = 0; g < 100 && (p in boss); g++) { p = boss[p]; if (p == who) return 1 }
		return 0
	}
	function pct(a, b) { return b ? sprintf("%.2f", a / b) : "-" }
	FILENAME ~ /managers.tsv$/ { boss[$1] = $2; next }
	FILENAME ~ /marks.tsv$/ { sha2case[$1 SUBSEP $3] = $2; next }
	FILENAME ~ /cases.tsv$/ {
		key = $1 SUBSEP $3
		casename[key] = $2; first[key] = $5
		ncase[$1]++
		if (!($1 in order)) { order[$1] = ++nfiles; fname[nfiles] = $1 }
		next
	}
	FILENAME ~ /expects.tsv$/ {
		# cases.tsv was read first: find the mark of the case
		n = ++nx; xf[n] = $1; xcase[n] = $2; xkind[n] = $3; xactor[n] = $4; xsubj[n] = $5
		byfile_case[$1 SUBSEP $2] = byfile_case[$1 SUBSEP $2] " " n
		pos[$1]++
		next
	}
	FILENAME ~ /findings.tsv$/ {
		f = $1; mk = sha2case[f SUBSEP $2]
		if ($3 ~ /^antisilo:/ || $5 == "context") { ignored[f]++; next }
		if (mk == "") { nocommit[f]++; cname = "(no commit)" } else cname = casename[f SUBSEP mk]
		m = split(byfile_case[f SUBSEP cname], cand, " ")
		hit = 0; dupl = 0
		for (i = 1; i <= m; i++) {
			n = cand[i]
			if (xkind[n] != $5 || xsubj[n] != $8) continue
			if (xactor[n] == "role") {
				if (!(($7 == "-" && $6 == "unknown") || ($7 != "-" && chain_has($8, $7)))) continue
			} else if (xactor[n] != $7) continue
			if (!matched[n]) { matched[n] = 1; hit = n; break }
			dupl = n
		}
		if (hit) {
			if ($4 == "error") bmatched[hit] = 1
		} else if (dupl) {
			dup[f]++
			if ($4 == "error") bmatched[dupl] = 1
		} else {
			fp[f]++
			if ($4 == "error") bfp[f]++
			if (list) errs[++nerr] = sprintf("FP  %-16s %-28s %s %s %s %s->%s | %s", f, cname, $3, $4, $5, $7, $8, $9)
		}
		next
	}
	END {
		for (n = 1; n <= nx; n++) {
			if (matched[n]) { tp[xf[n]]++; if (bmatched[n]) btp[xf[n]]++ }
			else {
				fn[xf[n]]++
				if (list) {
					# the message first line of this case
					for (k in casename) if (casename[k] == xcase[n] && index(k, xf[n] SUBSEP) == 1) fl = first[k]
					errs[++nerr] = sprintf("FN  %-16s %-28s expect %s actor=%s subject=%s | %s", xf[n], xcase[n], xkind[n], xactor[n], xsubj[n], fl)
				}
			}
		}
		hdr = sprintf("%-10s %-4s %5s %4s %4s %4s %4s %9s %6s %8s %8s %4s", "class", "lang", "cases", "pos", "tp", "fp", "fn", "precision", "recall", "block_tp", "block_fp", "dup")
		print hdr
		for (i = 1; i <= nfiles; i++) {
			f = fname[i]; c = f; sub(/-[^-]*$/, "", c); l = f; sub(/^.*-/, "", l)
			row(c, l, ncase[f], pos[f], tp[f], fp[f], fn[f], btp[f], bfp[f], dup[f])
			C[c] += ncase[f]; P[c] += pos[f]; T[c] += tp[f]; F[c] += fp[f]; N[c] += fn[f]; BT[c] += btp[f]; BF[c] += bfp[f]; D[c] += dup[f]
			LC[l] += ncase[f]; LP[l] += pos[f]; LT[l] += tp[f]; LF[l] += fp[f]; LN[l] += fn[f]; LBT[l] += btp[f]; LBF[l] += bfp[f]; LD[l] += dup[f]
			if (!(c in seenc)) { seenc[c] = 1; cls[++ncls] = c }
			if (!(l in seenl)) { seenl[l] = 1; lng[++nlng] = l }
			tc += ncase[f]; tpos += pos[f]; ttp += tp[f]; tfp += fp[f]; tfn += fn[f]; tbt += btp[f]; tbf += bfp[f]; td += dup[f]
		}
		if (nfiles > 1) {
			print ""
			for (i = 1; i <= ncls; i++) row(cls[i], "all", C[cls[i]], P[cls[i]], T[cls[i]], F[cls[i]], N[cls[i]], BT[cls[i]], BF[cls[i]], D[cls[i]])
			print ""
			for (i = 1; i <= nlng; i++) row("all", lng[i], LC[lng[i]], LP[lng[i]], LT[lng[i]], LF[lng[i]], LN[lng[i]], LBT[lng[i]], LBF[lng[i]], LD[lng[i]])
			print ""
			row("all", "all", tc, tpos, ttp, tfp, tfn, tbt, tbf, td)
		}
		for (f in nocommit) printf "warning: %s: %d findings without a commit of the corpus\n", f, nocommit[f] > "/dev/stderr"
		if (list && nerr) { print ""; for (i = 1; i <= nerr; i++) print errs[i] }
		printf "TOTAL cases=%d expected=%d tp=%d fp=%d fn=%d blocking_tp=%d blocking_fp=%d precision=%s recall=%s blocking_precision=%s\n", tc, tpos, ttp, tfp, tfn, tbt, tbf, pct(ttp, ttp + tfp), pct(ttp, ttp + tfn), pct(tbt, tbt + tbf)
	}
	function row(c, l, nc, np, t, fpv, fnv, bt, bf, d) {
		printf "%-10s %-4s %5d %4d %4d %4d %4d %9s %6s %8d %8d %4d\n", c, l, nc, np, t, fpv, fnv, pct(t, t + fpv), pct(t, t + fnv), bt, bf, d
	}
' "$work/managers.tsv" "$work/marks.tsv" "$work/cases.tsv" "$work/expects.tsv" "$work/findings.tsv"
