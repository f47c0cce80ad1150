#!/usr/bin/env python3
"""Differential test runner for heaplab's Python subset.

Runs every script under tests/lang/<topic>/ with `heaplab run SCRIPT` and
compares what it prints with the output CPython 3.11 gave (stored next to the
script as NAME.out, and NAME.err for scripts that end in an error).

    run.py --heaplab PATH [--extra-args "--gc-stress --int-mode boxed"]
           [--jobs N] [--timeout S] [--direct] [FILTER...]

A script passes when
  * its stdout equals NAME.out byte for byte, and
  * with NAME.err: the exit status is 1 and the last non-empty line of stderr
    equals the line stored in NAME.err;
  * without NAME.err: the exit status is 0 and stderr is empty
    (--allow-stderr relaxes the latter, e.g. for --gc-stats).

--direct runs `PATH SCRIPT` instead of `PATH run SCRIPT` (with no extra args):
`run.py --heaplab /usr/bin/python3 --direct` validates the corpus itself.
Scripts under heaplab_only/ are skipped in --direct mode.

FILTER selects scripts whose path relative to tests/lang contains it as a
substring (`errors/`, `copy/004`) or matches it as a glob (`lists/*sort*`).

Standard library only; works with any Python 3.6 or later.
"""

import argparse
import concurrent.futures
import difflib
import fnmatch
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HEAPLAB_ONLY = "heaplab_only"
DIFF_LINES = 24  # the most diff lines shown per failure


def discover(root=HERE, include_heaplab_only=True):
    """All test scripts (paths relative to root), sorted: root/<topic>/.../*.py."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith((".", "__")))
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir == ".":
            continue  # run.py, regen.py: not tests
        if not include_heaplab_only and rel_dir.split(os.sep)[0] == HEAPLAB_ONLY:
            continue
        for name in filenames:
            if name.endswith(".py"):
                found.append(os.path.join(rel_dir, name))
    return sorted(found)


def select(scripts, filters):
    if not filters:
        return scripts
    chosen = []
    for s in scripts:
        posix = s.replace(os.sep, "/")
        for f in filters:
            if f in posix or fnmatch.fnmatch(posix, f):
                chosen.append(s)
                break
    return chosen


def child_env():
    """The environment scripts run in: PYTHON* variables removed, hash seed fixed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONUTF8"] = "1"
    return env


def run_script(cmd, cwd, timeout, env):
    """Run cmd in cwd; returns (returncode or None on timeout, stdout, stderr)."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group we started, nothing else
        except OSError:
            pass
        out, err = proc.communicate()
        return None, out, err


def last_line(data):
    """The last non-empty line of a byte string, decoded, without line end."""
    lines = [l for l in data.decode("utf-8", "replace").splitlines() if l.strip()]
    return lines[-1].rstrip() if lines else ""


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def short_diff(expected, got, label):
    exp = expected.decode("utf-8", "replace").splitlines(True)
    act = got.decode("utf-8", "replace").splitlines(True)
    lines = list(difflib.unified_diff(exp, act, "expected " + label, "got " + label, n=2))
    if not lines:  # differ only in bytes that do not survive decoding or line ends
        lines = ["--- expected %s\n" % label, "+++ got %s\n" % label,
                 "-%r\n" % expected[:200], "+%r\n" % got[:200]]
    out = []
    for l in lines[:DIFF_LINES]:
        out.append("    " + (l if l.endswith("\n") else l + "\n\\ no newline at end\n"))
    if len(lines) > DIFF_LINES:
        out.append("    ... (%d more diff lines)\n" % (len(lines) - DIFF_LINES))
    return "".join(out)


def describe_status(rc):
    if rc is None:
        return "timed out"
    if rc < 0:
        try:
            return "killed by %s" % signal.Signals(-rc).name
        except ValueError:
            return "killed by signal %d" % -rc
    return "exit status %d" % rc


def check(rel, args, env):
    """Run one script; returns (rel, None) on success or (rel, failure text)."""
    script = os.path.join(HERE, rel)
    base = script[:-3]
    cwd, name = os.path.split(script)
    if args.direct:
        cmd = [args.heaplab, name]
    else:
        cmd = [args.heaplab, "run", name] + args.extra
    if not os.path.exists(base + ".out"):
        return rel, "FAIL %s: no %s.out (run regen.py)\n" % (rel, os.path.basename(base))
    expected_out = read_bytes(base + ".out")
    expected_err = None
    if os.path.exists(base + ".err"):
        expected_err = read_bytes(base + ".err").decode("utf-8").strip()

    t0 = time.monotonic()
    try:
        rc, out, err = run_script(cmd, cwd, args.timeout, env)
    except OSError as e:
        return rel, "FAIL %s: cannot run %s: %s\n" % (rel, cmd[0], e)
    elapsed = time.monotonic() - t0

    problems = []
    if rc is None:
        problems.append("timed out after %gs" % args.timeout)
    elif expected_err is not None:
        if rc != 1:
            problems.append("%s, expected exit status 1" % describe_status(rc))
        got_err = last_line(err)
        if got_err != expected_err:
            problems.append("last stderr line %r, expected %r" % (got_err, expected_err))
    else:
        if rc != 0:
            problems.append("%s, expected 0 (stderr: %r)" % (describe_status(rc), last_line(err)))
        elif err and not args.allow_stderr:
            problems.append("unexpected stderr: %r" % last_line(err))
    out_differs = out != expected_out
    if out_differs:
        problems.insert(0, "stdout differs")
    if not problems:
        return rel, None
    text = "FAIL %s: %s\n" % (rel, "; ".join(problems))
    if out_differs:
        text += short_diff(expected_out, out, "stdout")
    if args.verbose:
        text += "    (%.2fs; command: %s)\n" % (elapsed, " ".join(shlex.quote(c) for c in cmd))
    return rel, text


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heaplab", required=True, metavar="PATH",
                    help="the heaplab binary (or, with --direct, a python3)")
    ap.add_argument("--extra-args", default="", metavar="ARGS",
                    help='extra arguments after the script, e.g. "--gc-stress --int-mode boxed"')
    ap.add_argument("--direct", action="store_true",
                    help="run `PATH SCRIPT` instead of `PATH run SCRIPT`; skips heaplab_only/")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
                    help="scripts run in parallel (default: number of CPUs)")
    ap.add_argument("--timeout", type=float, default=60.0, metavar="S",
                    help="seconds allowed per script (default 60)")
    ap.add_argument("--allow-stderr", action="store_true",
                    help="do not fail passing scripts that write to stderr")
    ap.add_argument("--list", action="store_true", help="list the selected scripts and exit")
    ap.add_argument("--verbose", "-v", action="store_true", help="print passing scripts too")
    ap.add_argument("filters", nargs="*", metavar="FILTER",
                    help="substring or glob of the script path relative to tests/lang")
    argv = list(sys.argv[1:] if argv is None else argv)
    # argparse rejects `--extra-args --gc-stress` (a value that looks like an option):
    # glue the value on, as `--extra-args=--gc-stress`.
    for i in range(len(argv) - 1):
        if argv[i] == "--extra-args":
            argv[i:i + 2] = ["--extra-args=" + argv[i + 1]]
            break
    args = ap.parse_args(argv)

    heaplab = args.heaplab
    if os.sep not in heaplab:
        heaplab = shutil.which(heaplab) or heaplab
    args.heaplab = os.path.abspath(heaplab)
    if not os.path.isfile(args.heaplab) or not os.access(args.heaplab, os.X_OK):
        print("run.py: %s is not an executable file" % args.heaplab, file=sys.stderr)
        return 2
    args.extra = [] if args.direct else shlex.split(args.extra_args)

    all_scripts = discover(include_heaplab_only=True)
    scripts = select(discover(include_heaplab_only=not args.direct), args.filters)
    skipped = len(select(all_scripts, args.filters)) - len(scripts)
    if not scripts:
        print("run.py: no scripts selected", file=sys.stderr)
        return 2
    if args.list:
        for s in scripts:
            print(s)
        return 0

    env = child_env()
    failures = []
    passed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        # map keeps the scripts' order, so the report reads the same at any --jobs
        for rel, failure in pool.map(lambda s: check(s, args, env), scripts):
            if failure is None:
                passed += 1
                if args.verbose:
                    print("PASS %s" % rel)
            else:
                failures.append(rel)
                sys.stdout.write(failure)
            sys.stdout.flush()
    if skipped:
        print("lang: %d skipped (%s/ needs heaplab, not --direct)" % (skipped, HEAPLAB_ONLY))
    print("lang: %d passed, %d failed" % (passed, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
