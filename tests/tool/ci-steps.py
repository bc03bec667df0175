#!/usr/bin/python3
"""ci-steps.py -- run CI recipes' shell steps here, as their runners would.

  ci-steps.py action ACTION.yml SUMMARY.json [INPUT=VALUE...]
      The steps of a composite GitHub Action, in order: `run` steps with
      `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`), in
      the current directory, with GITHUB_OUTPUT, GITHUB_PATH, RUNNER_TEMP
      and the step's `env`; `${{ }}` expressions over inputs (defaults, or
      INPUT=VALUE), github.action_path (the action's directory) and
      steps.ID.outputs.NAME; `if:` conditions; a step that fails skips the
      rest, as on GitHub. A `uses` step is not run (no network, no GitHub):
      its evaluated `with` is recorded. SUMMARY.json gets every step (name,
      ran, status, with) and the action's evaluated outputs. Exit status:
      the first failing step's, else 0.

  ci-steps.py gitlab FILE.yml JOB SUMMARY.json
      JOB's before_script then script, each item with `bash -eo pipefail`
      (GitLab's runner on a bash image), with the file's and the job's
      variables under the environment's (CI/CD variables win over the
      file's). SUMMARY.json gets the artifacts' paths and whether each
      exists. Exit status: the first failing item's, else 0.

Only the expression forms the recipes use are understood; anything else
is an error, not a guess.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))"
                   r"|(?P<call>always\(\)|success\(\)|failure\(\))"
                   r"|(?P<ref>[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*))")


def evaluate(expr, ctx):
    """A GitHub expression: references, 'strings', ==, !=, &&, ||, !."""
    out, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise SystemExit(f"ci-steps.py: cannot read the expression {expr!r} at {pos}")
        pos = m.end()
        if m.group("str"):
            out.append(repr(m.group("str")[1:-1].replace("''", "'")))
        elif m.group("op"):
            out.append({"&&": " and ", "||": " or ", "!": " not "}.get(m.group("op"), m.group("op")))
        elif m.group("call"):
            out.append({"always()": "True", "success()": repr(not ctx["failed"]),
                        "failure()": repr(ctx["failed"])}[m.group("call")])
        else:
            out.append(repr(lookup(m.group("ref"), ctx)))
    return eval("".join(out), {"__builtins__": {}}, {})


def lookup(ref, ctx):
    parts = ref.split(".")
    if parts[0] in ("true", "false"):
        return parts[0] == "true"
    if parts[0] == "inputs" and len(parts) == 2:
        return ctx["inputs"].get(parts[1], "")
    if parts == ["github", "action_path"]:
        return ctx["action_path"]
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return ctx["outputs"].get(parts[1], {}).get(parts[3], "")
    raise SystemExit(f"ci-steps.py: unknown reference {ref!r}")


def substitute(text, ctx):
    def one(m):
        v = evaluate(m.group(1), ctx)
        return ("true" if v else "false") if isinstance(v, bool) else str(v)
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


def condition(cond, ctx):
    if cond is None:
        return not ctx["failed"]
    cond = str(cond).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", cond, re.S)
    inner = m.group(1) if m else cond
    # a condition without a status function runs only after success
    if not re.search(r"always\(\)|failure\(\)", inner) and ctx["failed"]:
        return False
    return bool(evaluate(inner, ctx))


def read_outputs(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                k, v = line.split("=", 1)
                out[k] = v
    return out


def run_action(action_file, summary_file, assignments):
    with open(action_file) as f:
        action = yaml.safe_load(f)
    assert action["runs"]["using"] == "composite", "not a composite action"
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    for a in assignments:
        k, v = a.split("=", 1)
        if k not in inputs:
            raise SystemExit(f"ci-steps.py: the action has no input {k!r}")
        inputs[k] = v
    tmp = tempfile.mkdtemp(prefix="ci-steps.")
    runner_temp = os.path.join(tmp, "runner-temp")
    os.mkdir(runner_temp)
    ctx = {"inputs": inputs, "action_path": os.path.dirname(os.path.abspath(action_file)),
           "outputs": {}, "failed": False}
    path_file = os.path.join(tmp, "path")
    open(path_file, "w").close()
    steps, status = [], 0
    for i, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {i}")
        entry = {"name": name, "ran": False}
        steps.append(entry)
        if not condition(step.get("if"), ctx):
            continue
        entry["ran"] = True
        if "uses" in step:
            entry["uses"] = step["uses"]
            entry["with"] = {k: substitute(v, ctx) for k, v in step.get("with", {}).items()}
            entry["status"] = 0
            continue
        assert step.get("shell") == "bash", f"{name}: only shell: bash is run here"
        out_file = os.path.join(tmp, f"output-{i}")
        open(out_file, "w").close()
        env = dict(os.environ)
        extra = [p.strip() for p in open(path_file) if p.strip()]
        env["PATH"] = ":".join(list(reversed(extra)) + [env.get("PATH", "")])
        env.update({"GITHUB_OUTPUT": out_file, "GITHUB_PATH": path_file,
                    "RUNNER_TEMP": runner_temp, "GITHUB_ACTION_PATH": ctx["action_path"]})
        for k, v in step.get("env", {}).items():
            env[k] = substitute(v, ctx)
        script = os.path.join(tmp, f"step-{i}.sh")
        with open(script, "w") as f:
            f.write(substitute(step["run"], ctx))
        rc = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], env=env)
        entry["status"] = rc
        if "id" in step:
            ctx["outputs"][step["id"]] = read_outputs(out_file)
        if rc != 0:
            ctx["failed"] = True
            status = status or rc
    outputs = {k: substitute(v.get("value", ""), ctx) for k, v in action.get("outputs", {}).items()}
    with open(summary_file, "w") as f:
        json.dump({"steps": steps, "outputs": outputs, "runner_temp": runner_temp}, f, indent=1)
    return status


def run_gitlab(file, job_name, summary_file):
    with open(file) as f:
        doc = yaml.safe_load(f)
    job = doc[job_name]
    env = {}
    for scope in (doc.get("variables", {}), job.get("variables", {})):
        env.update({k: str(v) for k, v in scope.items()})
    env.update(os.environ)
    status = 0
    for item in list(job.get("before_script", [])) + list(job.get("script", [])):
        rc = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", item], env=env)
        if rc != 0:
            status = rc
            break
    paths = job.get("artifacts", {}).get("paths", [])
    with open(summary_file, "w") as f:
        json.dump({"artifacts": {p: os.path.exists(p) for p in paths},
                   "when": job.get("artifacts", {}).get("when")}, f, indent=1)
    return status


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "action":
        sys.exit(run_action(sys.argv[2], sys.argv[3], sys.argv[4:]))
    if len(sys.argv) == 5 and sys.argv[1] == "gitlab":
        sys.exit(run_gitlab(sys.argv[2], sys.argv[3], sys.argv[4]))
    sys.exit(__doc__)


main()
