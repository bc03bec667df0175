#!/usr/bin/env python3
"""An independent implementation of Avelino et al.'s degree of authorship
and truck factor ("A novel approach for estimating truck factors", ICPC
2016), from git's own output, to check antisilo against.

    truck_factor_paper.py GIT_DIR REPORT.json

REPORT.json is `antisilo audit --silo-files --format json` of the same
repository at HEAD. This script reads the history with `git log`, not with
antisilo's code, and follows only the paper and the choices README
"Metrics" documents where the paper is silent:

  - identities: `git log`'s %aN/%aE (.mailmap applied by git), then the
    same e-mail without case, then the same normalised name (case folded,
    accents removed by Unicode decomposition, white space collapsed);
    empty ones and the documented placeholders join nobody; a developer is
    named by its most frequent identity (ties: the smaller string);
  - history: `git log --reverse -M --name-status` (merges show no paths);
    an added path starts a history created by its author, M and T are
    changes, D ends the history, R moves it to the new path and is a
    change by its author;
  - DOA = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln(1 + AC), the creating
    commit FA only; authors: DOA >= 3.293 and DOA / max >= 0.75;
  - the files compared are those antisilo counts (its report says which:
    the file filter is not part of the paper); the truck factor is the
    greedy removal of the author of most files until more than half of
    the files have no author.

Prints the per-file agreement of author sets and the truck factors of the
repository and of its top-level directories, from both.
"""
import collections
import json
import math
import subprocess
import sys
import unicodedata

PLACEHOLDER_NAMES = {"root", "unknown", "admin", "administrator", "user", "nobody",
                     "anonymous", "none", "ubuntu", "localhost", "(no author)",
                     "no author", "your name"}
PLACEHOLDER_EMAILS = {"you@example.com", "user@example.com", "noreply@github.com",
                      "none@none", "root@localhost", "(none)"}


def normalise(name):
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def read_log(git_dir):
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "log", "--reverse", "-z", "-M", "--name-status",
         "--format=%x01%x02%aN%x00%aE%x00"],
        check=True, stdout=subprocess.PIPE).stdout
    commits = []
    for chunk in out.split(b"\x01\x02")[1:]:
        fields = chunk.split(b"\x00")
        name, email = fields[0].decode("utf-8", "replace"), fields[1].decode("utf-8", "replace")
        rest = [f for f in fields[2:]]
        changes, i = [], 0
        while i < len(rest):
            status = rest[i].strip(b"\n").decode()
            if not status:
                i += 1
                continue
            if status[0] in "RC":
                changes.append((status[0], rest[i + 1], rest[i + 2]))
                i += 3
            else:
                changes.append((status[0], rest[i + 1], None))
                i += 2
        commits.append((name, email, changes))
    return commits


class Groups:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def developers(commits):
    count = collections.Counter("%s <%s>" % (n, e) for n, e, _ in commits)
    idents = sorted(count)
    index = {s: i for i, s in enumerate(idents)}
    groups = Groups(len(idents))
    by_email, by_name = {}, {}
    pairs = {"%s <%s>" % (n, e): (n, e) for n, e, _ in commits}
    for s in idents:
        name, email = pairs[s]
        key = email.lower()
        if email and "@" in email and key not in PLACEHOLDER_EMAILS:
            if key in by_email:
                groups.join(by_email[key], index[s])
            else:
                by_email[key] = index[s]
    for s in idents:
        key = normalise(pairs[s][0])
        if key and key not in PLACEHOLDER_NAMES:
            if key in by_name:
                groups.join(by_name[key], index[s])
            else:
                by_name[key] = index[s]
    best = {}
    for s in idents:
        r = groups.find(index[s])
        if r not in best or count[s] > count[best[r]] or \
                (count[s] == count[best[r]] and s.encode() < best[r].encode()):
            best[r] = s
    return {s: best[groups.find(index[s])] for s in idents}


def histories(commits, dev_of):
    current = {}
    made = []

    def new(creator):
        made.append({"creator": creator, "changes": 0, "dl": collections.Counter()})
        return made[-1]

    def change(h, dev):
        h["changes"] += 1
        h["dl"][dev] += 1

    for name, email, changes in commits:
        dev = dev_of["%s <%s>" % (name, email)]
        for status, path, new_path in changes:
            if status == "A":
                current[path] = new(dev)
            elif status in "MT":
                h = current.get(path) or new(None)
                current[path] = h
                change(h, dev)
            elif status == "D":
                current.pop(path, None)
            elif status == "R":
                h = current.pop(path, None) or new(None)
                current[new_path] = h
                change(h, dev)
    return current


def doa(fa, dl, ac):
    return 3.293 + 1.098 * fa + 0.164 * dl - 0.321 * math.log(1 + ac)


def authors(h):
    cands = dict(h["dl"])
    if h["creator"] is not None:
        cands.setdefault(h["creator"], 0)
    values = {d: doa(1 if d == h["creator"] else 0, dl, h["changes"] - dl)
              for d, dl in cands.items()}
    top = max(values.values()) if values else 0
    return {d for d, v in values.items() if v >= 3.293 and v / top >= 0.75}


def truck_factor(files, author_sets):
    removed, tf = set(), 0
    while True:
        count = collections.Counter()
        orphans = 0
        for f in files:
            alive = author_sets.get(f, set()) - removed
            orphans += not alive
            count.update(alive)
        if not files or orphans * 2 > len(files) or not count:
            return tf
        most = max(count.values())
        best = min((d for d, c in count.items() if c == most), key=lambda s: s.encode())
        removed.add(best)
        tf += 1


def main():
    git_dir, report = sys.argv[1], sys.argv[2]
    commits = read_log(git_dir)
    dev_of = developers(commits)
    current = histories(commits, dev_of)
    with open(report, encoding="utf-8") as fp:
        metrics = json.load(fp)["metrics"]
    ours = {f["path"]: set(f["authors"]) for f in metrics["silo_files"]
            if f["reason"] == "counted"}
    theirs = {}
    for path in ours:
        h = current.get(path.encode())
        theirs[path] = authors(h) if h else set()
    equal = sum(1 for p in ours if ours[p] == theirs[p])
    print("files compared: %d, equal author sets: %d (%.2f %%)"
          % (len(ours), equal, 100.0 * equal / max(1, len(ours))))
    shown = 0
    for p in sorted(ours):
        if ours[p] != theirs[p] and shown < 5:
            print("  differs: %s antisilo %s paper %s" % (p, sorted(ours[p]), sorted(theirs[p])))
            shown += 1
    areas = {".": list(ours)}
    for p in ours:
        if "/" in p:
            areas.setdefault(p.split("/")[0] + "/", []).append(p)
    tf_equal = 0
    reported = {a["path"]: a["truck_factor"] for a in metrics["truck_factors"]
                if a["kind"] in ("repository", "directory")}
    for area in sorted(areas):
        mine = truck_factor(areas[area], theirs)
        if reported.get(area) == mine:
            tf_equal += 1
        elif area == "." or shown < 10:
            print("  truck factor of %s: antisilo %s paper %d" % (area, reported.get(area), mine))
            shown += 1
    print("truck factor of the repository: antisilo %d, paper %d"
          % (reported["."], truck_factor(areas["."], theirs)))
    print("top-level areas with equal truck factors: %d of %d" % (tf_equal, len(areas)))


if __name__ == "__main__":
    main()
