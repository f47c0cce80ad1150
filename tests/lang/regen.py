#!/usr/bin/env python3
"""(Re)generate the expected outputs of the tests/lang corpus from CPython.

For every script tests/lang/<topic>/NAME.py (heaplab_only/ excepted, its
expected files are written by hand) this runs `/usr/bin/python3 NAME.py` from
the script's directory with PYTHONHASHSEED=0, twice, and writes
  NAME.out  exact stdout
  NAME.err  the last line of stderr, only when the script ends in an error
            (exit status 1); a stale NAME.err is removed otherwise.
It refuses scripts whose two runs differ, that exit with another status, or
that write to stderr without failing.

    regen.py [--python /usr/bin/python3] [--check] [FILTER...]

--check writes nothing and exits non-zero when a stored file is out of date.
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep tests/lang free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (discover, select, child_env, run_script, last_line)

EXPECTED_VERSION = (3, 11)


def python_version(python):
    out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                         stdout=subprocess.PIPE, check=True).stdout
    return tuple(int(x) for x in out.split())


def expected_for(rel, python, env, timeout):
    """Returns (out bytes, err line or None, problem or None)."""
    path = os.path.join(run.HERE, rel)
    cwd, name = os.path.split(path)
    results = [run.run_script([python, name], cwd, timeout, env) for _ in range(2)]
    (rc, out, err), again = results
    if (rc, out, run.last_line(err)) != (again[0], again[1], run.last_line(again[2])):
        return None, None, "not deterministic: two runs differ"
    if rc is None:
        return None, None, "timed out"
    if rc == 0:
        if err:
            return None, None, "exit status 0 but stderr: %r" % run.last_line(err)
        return out, None, None
    if rc == 1:
        return out, run.last_line(err), None
    return None, None, "exit status %s" % rc


def write_if_changed(path, data, check):
    old = None
    if os.path.exists(path):
        with open(path, "rb") as f:
            old = f.read()
    if old == data:
        return False
    if not check:
        with open(path, "wb") as f:
            f.write(data)
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default="/usr/bin/python3",
                    help="the CPython that defines the expected output (default /usr/bin/python3)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; fail if a stored file is out of date")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("filters", nargs="*", metavar="FILTER")
    args = ap.parse_args(argv)

    version = python_version(args.python)
    if version != EXPECTED_VERSION:
        print("regen.py: %s is Python %d.%d; the corpus is defined by %d.%d"
              % ((args.python,) + version + EXPECTED_VERSION), file=sys.stderr)
        return 2

    scripts = run.select(run.discover(include_heaplab_only=False), args.filters)
    env = run.child_env()
    problems, changed, warnings = [], [], []

    def one(rel):
        return rel, expected_for(rel, args.python, env, args.timeout)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for rel, (out, err, problem) in pool.map(one, scripts):
            if problem:
                problems.append("%s: %s" % (rel, problem))
                continue
            base = os.path.join(run.HERE, rel[:-3])
            topic = rel.split(os.sep)[0]
            if not out and topic != "syntax":
                warnings.append("%s: prints nothing to stdout" % rel)
            if err is not None and topic != "syntax" and not out:
                warnings.append("%s: fails before printing anything" % rel)
            if write_if_changed(base + ".out", out, args.check):
                changed.append(rel[:-3] + ".out")
            if err is not None:
                if write_if_changed(base + ".err", (err + "\n").encode("utf-8"), args.check):
                    changed.append(rel[:-3] + ".err")
            elif os.path.exists(base + ".err"):
                changed.append(rel[:-3] + ".err (stale, removed)")
                if not args.check:
                    os.remove(base + ".err")

    for w in warnings:
        print("warning: " + w)
    for p in problems:
        print("error: " + p)
    verb = "out of date" if args.check else "written"
    for c in changed:
        print("%s: %s" % (verb, c))
    print("regen: %d scripts, %d files %s, %d problems"
          % (len(scripts), len(changed), verb, len(problems)))
    if problems or (args.check and changed):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
