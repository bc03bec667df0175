#!/usr/bin/env bash
# bench/real-histories.sh [--out DIR] [--warnings] [--top N] MIRROR...
#
# Precision on real histories (issue 11): audits the default branch (HEAD)
# of each repository MIRROR (bare or not) with a synthetic org chart built
# from its own most frequent authors, and prints the findings by severity
# and every error finding (with --warnings, every warning too).
#
# The org chart (written to DIR/<name>/org.ini, DIR defaults to a scratch
# directory that is removed unless --out is given):
#   - authors by commit count on HEAD (git log --use-mailmap), bots
#     ("[bot]", "-bot", "bot@", noreply bots) left out, identities with the
#     same name merged; the top N (default 40) are people, each with up to
#     three e-mails and the @login of a GitHub noreply address
#   - the most frequent author is the skip-level on top (manages the five
#     team managers); the others are dealt round-robin into 5 teams in rank
#     order, so the first author dealt to a team is its most frequent one
#     and its manager (and lead); the rest of the team report to it
#   - the file includes the rules in force (ANTISILO_DEFAULT_RULES, default
#     this tree's rules.ini) with `include = default`
# So every prose rule can resolve real people and real manager chains.
#
# --all-relations  also lets every relation-bound rule fire whatever the
#                  relation (an override section per rule, appended to the
#                  generated org.ini): shows every match of the patterns on
#                  real text, the latent false positives that only need an
#                  unlucky org chart to become findings.
#
# --tickets author|other  also reads a synthetic tracker export (a Jira CSV
#                  in DIR/<name>/tickets.csv): every ticket key its messages
#                  mention ("#123", "PROJ-123") assigned to the author of
#                  the first commit naming it (author), or to a person of
#                  the org chart drawn at random (other). Every key of a
#                  message then names a person (issue 11, "people reached
#                  through tracker records"); the findings counted leave
#                  the export's own (its records are self-assignments).
#
# Needs jq (and perl for --tickets). Nothing is written to the mirrors.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
antisilo=${ANTISILO:-$here/build/antisilo}
export ANTISILO_DEFAULT_RULES=${ANTISILO_DEFAULT_RULES:-$here/rules.ini}
out= warnings=0 top=40 allrel=0 tickets=
mirrors=()
while [ $# -gt 0 ]; do
	case $1 in
	--out) out=${2:?}; shift ;;
	--warnings) warnings=1 ;;
	--all-relations) allrel=1; warnings=1 ;;
	--top) top=${2:?}; shift ;;
	--tickets) tickets=${2:?}; shift
		case $tickets in author|other) ;; *) echo "real-histories: --tickets author|other" >&2; exit 2 ;; esac ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "real-histories: unknown option $1" >&2; exit 2 ;;
	*) mirrors+=("$1") ;;
	esac
	shift
done
[ ${#mirrors[@]} -gt 0 ] || { echo "usage: bench/real-histories.sh [--out DIR] [--warnings] [--top N] MIRROR..." >&2; exit 2; }
if [ -z "$out" ]; then
	out=$(mktemp -d "${TMPDIR:-/tmp}/real-histories.XXXXXX")
	trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

# name: owner+repo/repo -> owner+repo; else the directory's name
repo_name() {
	local d=${1%/}
	case $(basename "$d") in repo|.git) d=$(dirname "$d") ;; esac
	basename "$d" .git
}

total_err=0
for m in "${mirrors[@]}"; do
	name=$(repo_name "$m")
	w=$out/$name
	mkdir -p "$w"
	# count<TAB>name<TAB>email, most frequent first
	git -C "$m" log --use-mailmap --no-merges --format='%aN%x09%aE' HEAD |
		LC_ALL=C sort | uniq -c | sed 's/^ *\([0-9]*\) /\1\t/' |
		LC_ALL=C sort -t"$(printf '\t')" -k1,1nr >"$w/authors.tsv"
	awk -F'\t' -v top="$top" -v rules="$w/org.ini" '
	function slug(s,   t) {
		t = tolower(s); gsub(/[^a-z0-9]+/, "-", t); gsub(/^-+|-+$/, "", t)
		if (t == "") t = "p"
		if (t ~ /^[0-9]/) t = "p" t
		return t
	}
	function find(x) { while (par[x] != x) x = par[x] = par[par[x]]; return x }
	function union(a, b) { a = find(a); b = find(b); if (a != b) par[b] = a; return a }
	{
		n = $2; e = tolower($3)
		if (n ~ /\[bot\]|-bot$|^bot$|[Bb]ot$|dependabot|renovate|github-actions|^GitHub$/ || e ~ /\[bot\]|^bot@|-bot@|noreply@github\.com$/) next
		if (n ~ /[;#,<>"=\\]/ || n !~ /[A-Za-z\300-\377]/ || e !~ /@/ || e ~ /[;#,<>" ]/) next
		# one person per connected set of names and e-mails
		N++; rn[N] = n; re[N] = e; rc[N] = $1; par[N] = N
		k = tolower(n)
		if (k in byname) union(byname[k], N); else byname[k] = N
		if (e in bymail) union(bymail[e], N); else bymail[e] = N
	}
	END {
		for (r = 1; r <= N; r++) {
			k = find(r)
			if (!(k in cnt)) { order[++nk] = k; disp[k] = rn[r] }
			cnt[k] += rc[r]
			if (ne[k] < 3 && !((k, re[r]) in seen)) { seen[k, re[r]] = 1; em[k, ++ne[k]] = re[r] }
			# every name of the person is an identity too
			if (!((k, tolower(rn[r])) in seenn)) { seenn[k, tolower(rn[r])] = 1; if (tolower(rn[r]) != tolower(disp[k])) alias[k] = alias[k] ", " rn[r] }
		}
		# rank by merged count (stable: first seen wins ties)
		for (i = 1; i <= nk; i++) rank[i] = order[i]
		for (i = 2; i <= nk; i++) { v = rank[i]; j = i - 1
			while (j > 0 && cnt[rank[j]] < cnt[v]) { rank[j + 1] = rank[j]; j-- }
			rank[j + 1] = v }
		if (nk > top) nk = top
		print "; generated by bench/real-histories.sh: the top " nk " authors" > rules
		print "[antisilo]\ninclude = default\n\n[people]" > rules
		for (i = 1; i <= nk; i++) {
			k = rank[i]; id = slug(disp[k]); b = id; s = 2
			while (id in used) id = b "-" s++
			used[id] = 1; pid[i] = id
			line = id " = " disp[k] " <" em[k, 1] ">"
			for (j = 2; j <= ne[k]; j++) line = line ", " em[k, j]
			line = line alias[k]
			for (j = 1; j <= ne[k]; j++) {
				l = em[k, j]
				if (l ~ /@users\.noreply\.github\.com$/) {
					sub(/@.*/, "", l); sub(/^[0-9]+\+/, "", l)
					if (l != "" && !(("@" l) in lg)) { lg["@" l] = 1; line = line ", @" l }
				}
			}
			print line > rules
		}
		print "\n[managers]" > rules
		for (i = 2; i <= nk; i++) {
			t = (i - 2) % 5
			if (!(t in mgr)) { mgr[t] = pid[i]; print pid[i] " = " pid[1] > rules }
			else print pid[i] " = " mgr[t] > rules
			members[t] = members[t] (members[t] == "" ? "" : ", ") pid[i]
		}
		for (t = 0; t < 5; t++) if (t in mgr) {
			mem = members[t]; sub("^" mgr[t] "(, )?", "", mem)
			print "\n[team.t" t + 1 "]\nlead    = " mgr[t] > rules
			if (mem != "") print "members = " mem > rules
		}
	}' "$w/authors.tsv"
	if [ "$allrel" = 1 ]; then
		# every rule of the default that has a relation key
		awk '/^\[rule\./ { r = $0 } /^relation[ \t]*=/ && r != "" { print r; r = "" }' \
			"$ANTISILO_DEFAULT_RULES" | while read -r sec; do
			printf '\n%s\nrelation = self, peer, manager, skip-level, report, cross-team, unknown\n' "$sec"
		done >>"$w/org.ini"
	fi
	if ! "$antisilo" check-rules "$w/org.ini" >"$w/check.txt" 2>&1; then
		echo "real-histories: $name: the generated org.ini does not load:" >&2
		cat "$w/check.txt" >&2; exit 2
	fi
	trk=()
	if [ -n "$tickets" ]; then
		emails=$(sed -n 's/^[^;[][^=]* = [^<]*<\([^>]*\)>.*/\1/p' "$w/org.ini" | tr '\n' ' ')
		git -C "$m" log --use-mailmap --reverse --format='%x00%aE%x01%B' HEAD |
		MODE=$tickets EMAILS=$emails perl -0 -ne '
			BEGIN { srand(7); @e = split " ", $ENV{EMAILS};
				print "Issue key,Summary,Reporter,Assignee,Created\n" }
			next unless /^(.*?)\x01(.*)$/s; ($a, $b) = ($1, $2);
			for $k ($b =~ /(?<![\w\/#])(#\d+|\b[A-Z][A-Z0-9]+-\d+)\b/g) {
				next if $seen{$k}++;
				$o = $ENV{MODE} eq "author" ? $a : $e[int(rand(@e))];
				print "$k,t,$o,$o,01/Nov/26 10:00 AM\n";
			}' >"$w/tickets.csv"
		trk=(--tracker "$w/tickets.csv")
	fi
	start=$(date +%s.%N)
	rc=0
	"$antisilo" audit --repo "$m" --rules "$w/org.ini" --no-paths --format json \
		--fail-on never "${trk[@]}" HEAD >"$w/report.json" 2>"$w/stderr" || rc=$?
	end=$(date +%s.%N)
	if [ "$rc" != 0 ]; then
		echo "real-histories: $name: antisilo audit exited $rc" >&2; cat "$w/stderr" >&2; exit 3
	fi
	commits=$(jq '.commits_scanned' "$w/report.json")
	read -r e wn i < <(jq -r '[.findings[] | select(.source != "tracker-export") | select(.rule | startswith("antisilo:") | not)] |
		[(map(select(.severity == "error")) | length), (map(select(.severity == "warning")) | length),
		 (map(select(.severity == "info")) | length)] | @tsv' "$w/report.json")
	notices=$(jq '[.findings[] | select(.rule | startswith("antisilo:"))] | length' "$w/report.json")
	total_err=$((total_err + e))
	printf '== %s: %s commits in %.1f s, %s people%s, findings: error=%s warning=%s info=%s (notices %s)\n' \
		"$name" "$commits" "$(echo "$end - $start" | bc)" "$(grep -c ' = .*<' "$w/org.ini")" \
		"${tickets:+, $(($(wc -l <"$w/tickets.csv") - 1)) ticket keys ($tickets)}" "$e" "$wn" "$i" "$notices"
	jq -r '.metrics.assignments // {} | to_entries | map("\(.key)=\(.value)") | "   assignments: " + join(" ")' "$w/report.json"
	sevs='"error"'
	[ "$warnings" = 1 ] && sevs='"error", "warning"'
	jq -r ".findings[] | select(.source != \"tracker-export\") | select(.severity == ($sevs)) | select(.rule | startswith(\"antisilo:\") | not) |
		[.severity, .commit, .rule, (.relation // \"-\"), (.actor // \"-\"), (.subject // \"-\"),
		 ((.excerpt // \"\") | gsub(\"[\\t\\n\\r]\"; \" \"))] | @tsv" "$w/report.json" |
	while IFS=$'\t' read -r sev sha rule rel actor subj excerpt; do
		subjline=$(git -C "$m" log -1 --format=%s "$sha" 2>/dev/null | cut -c1-70)
		printf '   %-7s %.10s %-22s %-10s %s->%s | %s | %s\n' "$sev" "$sha" "$rule" "$rel" "$actor" "$subj" "$excerpt" "$subjline"
	done
done
echo "TOTAL blocking findings (error): $total_err"
