#!/usr/bin/python3
"""Run heaplab's benchmarks and its peers in one go, and print the ratios.

    /usr/bin/python3 perf/peers.py --bench BUILD/heaplab_bench --heaplab BUILD/heaplab --out DIR [--quick]

1. heaplab_bench, every workload on every backend, repeated: DIR/bench.json (Google
   Benchmark's JSON, medians of the repetitions) and its console output in DIR/bench.txt.
2. The same workload shapes in CPython (/usr/bin/python3) and Lua 5.4 (perf/peers/), and
   Boehm's GC_gcollect through the boehm backend (in heaplab_bench itself).
3. Whole scripts (perf/workloads/) under `heaplab run`, python3 and Lua, and make run's workload
   under `heaplab compare` with each collector (DIR/compare-<mode>.json).
Writes DIR/peers.json (every peer figure) and DIR/ratios.md, and prints the ratios: how many
times faster heaplab is than the peer (peer time / heaplab time; above 1 heaplab is faster).
Python stdlib only."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"  # Debian's optimised CPython, not whatever python3 is on PATH
LUA = "lua5.4"
BACKENDS = ["system", "jemalloc", "mimalloc", "arena", "boehm"]


class Plan:
    """What to run: the full plan, or a quick one for CI (small sizes, one sample)."""

    def __init__(self, quick):
        self.quick = quick
        big = [10_000] if quick else [100_000, 1_000_000]
        self.bench_args = (["--benchmark_min_time=0.01", "--benchmark_repetitions=1",
                            "--benchmark_filter=/(10|100|1000|10000)/"] if quick else
                           ["--benchmark_min_time=0.1", "--benchmark_repetitions=3",
                            "--benchmark_report_aggregates_only=true"])
        self.samples = 1 if quick else 5
        self.deepcopy_sizes = big
        self.gc_sizes = big
        self.copy_sizes = [1000, 10_000] if quick else [1000, 100_000, 1_000_000]
        self.script_runs = 1 if quick else 5


def run_bench(bench, out, plan):
    json_path = os.path.join(out, "bench.json")
    cmd = [bench, f"--benchmark_out={json_path}", "--benchmark_out_format=json"] + plan.bench_args
    print("running:", " ".join(cmd), flush=True)
    t0 = time.time()
    with open(os.path.join(out, "bench.txt"), "w") as log:
        subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, check=True)
    print(f"  {time.time() - t0:.0f} s; console output in {os.path.join(out, 'bench.txt')}", flush=True)
    with open(json_path) as f:
        return json.load(f)


def heaplab_figures(bench_json):
    """{(workload, backend, size): row} from the medians (or the single runs in quick mode)."""
    rows = {}
    for b in bench_json["benchmarks"]:
        if b.get("error_occurred") or b.get("aggregate_name", "median") != "median":
            continue
        workload, backend, size = b["run_name"].split("/")[:3]
        rows[(workload, backend, int(size))] = b
    return rows


def ns_per_item(row, counter=None):
    """CPU time per item (the benchmark thread's), or a counter (wall ns per iteration) per item."""
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[row["time_unit"]]
    per_iteration = row[counter] if counter else row["cpu_time"] * scale
    return per_iteration / row["items"]


def gc_share(row):
    """The part of the loop's wall time spent in collections."""
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[row["time_unit"]]
    return min(1.0, row["gc_ns"] / (row["real_time"] * scale))


def run_peer(cmd):
    print("running:", " ".join(cmd), flush=True)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def peer_workloads(plan):
    figures = []
    py = os.path.join(HERE, "peers", "workloads.py")
    lua = os.path.join(HERE, "peers", "workloads.lua")
    for n in plan.copy_sizes:
        figures.append(run_peer([PYTHON, py, "copy.list", str(n), str(plan.samples)]))
    for shape in ("tree", "dicts", "shared", "cyclic"):
        for n in plan.deepcopy_sizes:
            samples = min(plan.samples, 3) if n >= 1_000_000 else plan.samples
            figures.append(run_peer([PYTHON, py, f"deepcopy.{shape}", str(n), str(samples)]))
    figures.append(run_peer([PYTHON, py, "bigint.mul", "10000", str(plan.samples)]))
    figures.append(run_peer([PYTHON, py, "bigint.str", "100000", str(plan.samples)]))
    for shape in ("gc.tree", "gc.tree_random"):
        for n in plan.gc_sizes:
            figures.append(run_peer([PYTHON, py, shape, str(n), str(plan.samples)]))
            figures.append(run_peer([LUA, lua, shape, str(n), str(plan.samples)]))
    return figures


def cpu_seconds(cmd, runs):
    """Median CPU time (user + system) of the whole process, start-up included."""
    times = []
    for _ in range(runs):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            raise subprocess.CalledProcessError(proc.returncode, cmd)
        times.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(times)


def script_figures(heaplab, plan):
    """Whole scripts: median CPU seconds under each runner (process start-up included)."""
    figures = []
    wdir = os.path.join(HERE, "workloads")
    for name in ("loop_sum", "loop_func", "build_tree"):
        py = os.path.join(wdir, name + ".py")
        runners = {"python3": [PYTHON, py]}
        for backend in ("system", "arena"):
            runners[f"heaplab/{backend}"] = [heaplab, "run", py, "--backend", backend]
        if os.path.exists(os.path.join(wdir, name + ".lua")):
            runners["lua5.4"] = [LUA, os.path.join(wdir, name + ".lua")]
        print(f"running: script {name}.py under {', '.join(runners)}", flush=True)
        figures.append({"script": name, "seconds": {k: cpu_seconds(c, plan.script_runs) for k, c in runners.items()}})
    return figures


def script_deepcopy(heaplab, plan):
    """deepcopy_tree.py with and without its copy: the copy's CPU seconds (the difference of
    the medians), under python3 and heaplab on every backend."""
    py = os.path.join(HERE, "workloads", "deepcopy_tree.py")
    runners = {"python3": [PYTHON, py]}
    for backend in BACKENDS:
        runners[f"heaplab/{backend}"] = [heaplab, "run", py, "--backend", backend, "--"]
    print(f"running: script deepcopy_tree.py with and without its copy under {', '.join(runners)}", flush=True)
    return {k: cpu_seconds(c + ["copy"], plan.script_runs) - cpu_seconds(c, plan.script_runs)
            for k, c in runners.items()}


def compare_runs(heaplab, out, plan):
    """make run's workload under `heaplab compare`, generational and stop-the-world, every
    backend: DIR/compare-<mode>.json (every run's figures and the medians)."""
    figures = {}
    script = os.path.join(HERE, "workloads", "main.py")
    for mode in ("generational", "stop-the-world"):
        path = os.path.join(out, f"compare-{mode}.json")
        cmd = [heaplab, "compare", script, "--repeat", str(plan.script_runs), "--json", path, "--gc-mode", mode]
        print("running:", " ".join(cmd), flush=True)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        with open(path) as f:
            figures[mode] = {b["backend"]: b["median"] for b in json.load(f)["backends"]}
    return figures


def fmt_ns(x):
    return f"{x:,.1f}" if x < 100 else f"{x:,.0f}"


def deepcopy_script_table(copy_seconds):
    py = copy_seconds["python3"]
    out = ["", "### copy.deepcopy of the 1,000,000-node tree as a whole script (deepcopy_tree.py run with "
           "and without its copy: the difference, start-up and build left out), CPU seconds; "
           "python3 / heaplab", "", "| python3 s | " + " | ".join(BACKENDS) + " |", "|" + "---|" * (1 + len(BACKENDS))]
    out.append(f"| {py:.3f} | " + " | ".join(
        f"**{py / copy_seconds['heaplab/' + b]:.1f}x** ({copy_seconds['heaplab/' + b]:.3f})" for b in BACKENDS) + " |")
    return out


def pause_table(compare):
    """make run's pauses per backend and collector: total, longest, minor and major apart."""
    out = ["", "### make run's workload (heaplab compare perf/workloads/main.py): pauses per backend, "
           "medians", "", "| backend | collector | wall ms | minor | major | pause total ms | pause max ms | "
           "minor total / max ms | major total / max ms |", "|---|---|---|---|---|---|---|---|---|"]
    for b in BACKENDS:
        for mode, rows in compare.items():
            m = rows.get(b)
            if not m:
                continue
            ms = lambda k: m[k] / 1e6  # noqa: E731
            out.append(f"| {b} | {mode} | {ms('wall_ns'):.1f} | {m['minor_collections']} | {m['major_collections']} | "
                       f"{ms('pause_total_ns'):.2f} | {ms('pause_max_ns'):.2f} | "
                       f"{ms('minor_pause_total_ns'):.2f} / {ms('minor_pause_max_ns'):.2f} | "
                       f"{ms('major_pause_total_ns'):.2f} / {ms('major_pause_max_ns'):.2f} |")
    return out


def ratio_tables(rows, peers, scripts, copy_seconds, compare):
    """Markdown tables of the ratios."""
    out = []
    by_peer = {}
    for p in peers:
        by_peer[(p["peer"], p["workload"], p["size"])] = p["ns_per_item"]

    def heaplab(workload, backend, n):
        row = rows.get((workload, backend, n))
        return ns_per_item(row) if row else None

    def pause(workload, backend, n):
        row = rows.get((workload, backend, n))
        return ns_per_item(row, "gc_ns") if row else None

    head = "| workload | size | peer | peer ns/item | " + " | ".join(BACKENDS) + " |"
    out += ["### heaplab against python3 and Lua 5.4: peer time / heaplab time (above 1: heaplab faster)", "",
            "CPU time per item: heaplab's (in parentheses) is the benchmark thread's, the peers' their "
            "process's; for collections, the time per live object (on boehm the main thread's alone: "
            "Boehm's marker threads are left out, so its figure flatters it).", "",
            head, "|" + "---|" * (4 + len(BACKENDS))]
    for (peer, workload, n), peer_ns in sorted(by_peer.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])):
        cells = []
        for b in BACKENDS:
            h = heaplab(workload, b, n)
            cells.append(f"**{peer_ns / h:.1f}x** ({fmt_ns(h)})" if h else "-")
        out.append(f"| {workload} | {n:,} | {peer} | {fmt_ns(peer_ns)} | " + " | ".join(cells) + " |")

    out += ["", "### heaplab's collector against Boehm's GC_gcollect (boehm backend), same heap: "
            "Boehm pause / heaplab pause (wall clock: Boehm marks with helper threads)", "",
            "| workload | size | boehm ns/object | " +
            " | ".join(b for b in BACKENDS if b != "boehm") + " |", "|" + "---|" * (2 + len(BACKENDS))]
    for (workload, backend, n) in sorted(k for k in rows if k[0].startswith("gc.") and k[1] == "boehm"):
        boehm = pause(workload, "boehm", n)
        cells = [f"**{boehm / pause(workload, b, n):.1f}x** ({fmt_ns(pause(workload, b, n))})"
                 for b in BACKENDS if b != "boehm" and pause(workload, b, n)]
        out.append(f"| {workload} | {n:,} | {fmt_ns(boehm)} | " + " | ".join(cells) + " |")

    out += ["", "### Shallow copy against its limit: l.copy() time / (alloc + memcpy + free) time, same backend", "",
            "In parentheses: ns per item of the copy and of the limit, and the ratio without the collections "
            "that reclaim the copies (the copy's time less the collector's pauses).", "",
            "| size | " + " | ".join(BACKENDS) + " |", "|" + "---|" * (1 + len(BACKENDS))]
    for n in sorted({k[2] for k in rows if k[0] == "copy.list"}):
        cells = []
        for b in BACKENDS:
            c, m = rows.get(("copy.list", b, n)), rows.get(("copy.memcpy", b, n))
            if not (c and m):
                cells.append("-")
                continue
            copy, limit = ns_per_item(c), ns_per_item(m)
            alone = copy * (1 - gc_share(c))
            cells.append(f"**{copy / limit:.2f}** ({fmt_ns(copy)} vs {fmt_ns(limit)}; {alone / limit:.2f})")
        out.append(f"| {n:,} | " + " | ".join(cells) + " |")

    out += ["", "### Small-object allocation: mimalloc time / arena time (above 1: arena faster)", "",
            "| workload | mimalloc ns/item | arena ns/item | ratio |", "|---|---|---|---|"]
    for (workload, backend, n) in sorted(k for k in rows if k[1] == "arena" and k[0].split(".")[0] in ("alloc", "raw")):
        a, m = rows.get((workload, "arena", n)), rows.get((workload, "mimalloc", n))
        if a and m:
            out.append(f"| {workload} | {fmt_ns(ns_per_item(m))} | {fmt_ns(ns_per_item(a))} | "
                       f"**{ns_per_item(m) / ns_per_item(a):.2f}x** |")

    out += ["", "### Whole scripts: median CPU seconds (user + system, process start-up included); "
            "python3 time / heaplab time", "", "| script | python3 s | lua5.4 s | heaplab/system s | heaplab/arena s | "
            "vs python3 (system) | vs python3 (arena) |", "|---|---|---|---|---|---|---|"]
    for s in scripts:
        t = s["seconds"]
        lua = f"{t['lua5.4']:.3f}" if "lua5.4" in t else "-"
        out.append(f"| {s['script']}.py | {t['python3']:.3f} | {lua} | {t['heaplab/system']:.3f} | "
                   f"{t['heaplab/arena']:.3f} | **{t['python3'] / t['heaplab/system']:.1f}x** | "
                   f"**{t['python3'] / t['heaplab/arena']:.1f}x** |")
    out += deepcopy_script_table(copy_seconds)
    out += pause_table(compare)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="the heaplab_bench binary")
    ap.add_argument("--heaplab", required=True, help="the heaplab command")
    ap.add_argument("--out", required=True, help="directory for the results")
    ap.add_argument("--quick", action="store_true", help="small sizes, one sample: a smoke run for CI")
    args = ap.parse_args()
    plan = Plan(args.quick)
    os.makedirs(args.out, exist_ok=True)
    with open("/proc/loadavg") as f:
        load_before = f.read().split()[:3]
    rows = heaplab_figures(run_bench(args.bench, args.out, plan))
    peers = peer_workloads(plan)
    scripts = script_figures(args.heaplab, plan)
    copy_seconds = script_deepcopy(args.heaplab, plan)
    compare = compare_runs(args.heaplab, args.out, plan)
    with open("/proc/loadavg") as f:
        load_after = f.read().split()[:3]
    with open(os.path.join(args.out, "peers.json"), "w") as f:
        json.dump({"quick": plan.quick, "load_before": load_before, "load_after": load_after,
                   "peers": peers, "scripts": scripts, "deepcopy_script": copy_seconds, "compare": compare},
                  f, indent=1)
    text = ratio_tables(rows, peers, scripts, copy_seconds, compare)
    with open(os.path.join(args.out, "ratios.md"), "w") as f:
        f.write(text)
    print()
    print(text)
    print(f"load average before {' '.join(load_before)}, after {' '.join(load_after)} (2 cores)")


if __name__ == "__main__":
    sys.exit(main())
