#!/usr/bin/python3
"""The collectors' pauses side by side: heaplab's three modes on every backend, and Lua 5.4's
incremental and generational collectors, on the same workloads, in one run.

    /usr/bin/python3 perf/pauses.py --heaplab BUILD/heaplab --lua-pauses BUILD/lua_pauses --out DIR [--quick]

Workloads (perf/workloads/): churn.py / churn.lua (a 1,000,000-object live heap, 3,000,000
replacements) and build_tree.py / build_tree.lua (a 1,000,000-node tree built and walked).
heaplab runs under `heaplab compare --gc-mode MODE` (every backend, a fresh runtime per run,
medians); Lua under perf/peers/lua_pauses.c, which times every call of Lua's collector.
A pause is one stop of the program by the collector: heaplab's collections, sweep steps and
incremental steps; Lua's luaC_step and luaC_fullgc calls.

Writes DIR/pauses.json (every figure), DIR/pauses.md (the tables, and the issue's three
ratios) and prints the tables. Python stdlib only."""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = os.path.join(HERE, "workloads")
MODES = ["stop-the-world", "generational", "incremental"]
LUA_MODES = ["incremental", "generational"]
SCRIPTS = {"churn": ("churn.py", "churn.lua"), "tree": ("build_tree.py", "build_tree.lua")}


def heaplab_runs(heaplab, workload, mode, repeat, out):
    path = os.path.join(out, f"pauses-{workload}-{mode}.json")
    script = os.path.join(WORKLOADS, SCRIPTS[workload][0])
    cmd = [heaplab, "compare", script, "--repeat", str(repeat), "--json", path, "--gc-mode", mode]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(path) as f:
        data = json.load(f)
    rows = {}
    for b in data["backends"]:
        m = b["median"]
        rows[b["backend"]] = {"wall_ns": m["wall_ns"], "pauses": m["pauses"], "p50_ns": m["pause_p50_ns"],
                           "p99_ns": m["pause_p99_ns"], "max_ns": m["pause_longest_ns"],
                           "total_ns": m["pause_total_ns"] + m["sweep_step_total_ns"]}
    return rows


def lua_runs(lua_pauses, workload, mode, repeat):
    script = os.path.join(WORKLOADS, SCRIPTS[workload][1])
    runs = []
    for _ in range(repeat):
        p = subprocess.run([lua_pauses, mode, script], check=True, capture_output=True, text=True)
        line = [l for l in p.stderr.splitlines() if l.startswith("lua_pauses {")][-1]
        runs.append(json.loads(line[len("lua_pauses "):]))
    return {k: statistics.median(r[k] for r in runs) for k in ("wall_ns", "pauses", "p50_ns", "p99_ns", "max_ns",
                                                                   "total_ns")}


def ms(ns):
    return f"{ns / 1e6:.3f}"


def table(workload, heaplab, lua):
    out = [f"### {workload}: pauses per collector and backend (medians)", "",
           "| runtime | collector | backend | wall ms | pauses | p50 ms | p99 ms | max ms | pause total ms |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for mode in MODES:
        for backend, r in heaplab[mode].items():
            out.append(f"| heaplab | {mode} | {backend} | {r['wall_ns'] / 1e6:.1f} | {r['pauses']:.0f} | {ms(r['p50_ns'])} "
                       f"| {ms(r['p99_ns'])} | {ms(r['max_ns'])} | {r['total_ns'] / 1e6:.1f} |")
    for mode in LUA_MODES:
        r = lua[mode]
        out.append(f"| Lua 5.4 | {mode} | - | {r['wall_ns'] / 1e6:.1f} | {r['pauses']:.0f} | {ms(r['p50_ns'])} "
                   f"| {ms(r['p99_ns'])} | {ms(r['max_ns'])} | {r['total_ns'] / 1e6:.1f} |")
    return out


def targets(heaplab, lua):
    """The issue's figures on the churn workload, per backend but boehm (which runs its own
    collector in every mode)."""
    inc, stw, lua_inc = heaplab["incremental"], heaplab["stop-the-world"], lua["incremental"]
    out = ["", "### churn: incremental against stop-the-world and Lua 5.4 incremental", "",
           "| backend | max pause: incremental / stop-the-world | p99: heaplab incremental / Lua incremental "
           "| wall: incremental / stop-the-world |", "|---|---:|---:|---:|"]
    for backend in inc:
        if backend == "boehm":
            continue
        i, s = inc[backend], stw[backend]
        out.append(f"| {backend} | 1/{s['max_ns'] / i['max_ns']:.1f} | 1/{lua_inc['p99_ns'] / i['p99_ns']:.0f} "
                   f"| {i['wall_ns'] / s['wall_ns']:.2f}x |")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heaplab", required=True)
    ap.add_argument("--lua-pauses", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="a smoke run: one run each")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    repeat = 1 if args.quick else args.repeat
    results, text = {}, []
    for workload in SCRIPTS:
        heaplab = {}
        for mode in MODES:
            heaplab[mode] = heaplab_runs(args.heaplab, workload, mode, repeat, args.out)
        lua = {mode: lua_runs(args.lua_pauses, workload, mode, repeat) for mode in LUA_MODES}
        results[workload] = {"heaplab": heaplab, "lua": lua}
        text += table(workload, heaplab, lua) + [""]
        if workload == "churn":
            text += targets(heaplab, lua) + [""]
    with open(os.path.join(args.out, "pauses.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(args.out, "pauses.md"), "w") as f:
        f.write("\n".join(text) + "\n")
    print("\n".join(text))


if __name__ == "__main__":
    sys.exit(main())
