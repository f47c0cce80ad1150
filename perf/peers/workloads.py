"""The heaplab benchmarks' workloads in CPython, for perf/peers.py.

    /usr/bin/python3 perf/peers/workloads.py WORKLOAD SIZE SAMPLES

prints one JSON object: the median CPU time per item in nanoseconds (time.process_time_ns:
the machine is shared, and CPU time does not count the time other processes take) and every
sample. The heap shapes are those of perf/shapes.c, built the same way, with the same shuffle."""
import copy
import gc
import json
import statistics
import sys
import time

MASK = (1 << 64) - 1


def positions(n, random_order):
    perm = list(range(n))
    x = 0x9E3779B97F4A7C15
    i = n
    while random_order and i > 1:
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
        j = x % i
        perm[i - 1], perm[j] = perm[j], perm[i - 1]
        i -= 1
    return perm


def tree(n, random_order=False, back_edges=False):
    perm = positions(n, random_order)
    nodes = [[None, None, i] for i in range(n)]
    for p in range(1, n):
        parent = nodes[perm[(p - 1) // 2]]
        parent[(p - 1) % 2] = nodes[perm[p]]
        if back_edges:
            nodes[perm[p]][2] = parent
    root = nodes[perm[0]]
    if back_edges:
        root[2] = root
    return root


def dict_list(n):
    return [{"a": i, "b": i} for i in range(n - 1)]


def shared(n):
    inner = [[i, i] for i in range(n - 1)]
    return inner + [inner[k % (n - 1)] for k in range(n - 1, 4 * (n - 1))]


def timed(fn, items, samples):
    """Median CPU ns per item of fn(), batching calls so that a sample lasts ~20 ms. The first
    call warms up and sizes the batch."""
    t0 = time.process_time_ns()
    fn()
    once = max(time.process_time_ns() - t0, 1)
    batch = max(1, 20_000_000 // once)
    runs = []
    for _ in range(samples):
        t0 = time.process_time_ns()
        for _ in range(batch):
            fn()
        runs.append((time.process_time_ns() - t0) / batch / items)
    return runs


def workload(name, n):
    """(function to time, items per call); the structure stays alive in the closure."""
    if name == "copy.list":
        xs = list(range(n))
        return xs.copy, n
    shapes = {"tree": lambda: tree(n), "dicts": lambda: dict_list(n),
              "shared": lambda: shared(n), "cyclic": lambda: tree(n, back_edges=True)}
    if name.startswith("deepcopy."):
        original = shapes[name.split(".", 1)[1]]()
        gc.collect()
        return (lambda: copy.deepcopy(original)), n
    if name == "bigint.mul":  # two n-digit ints, as perf/bench_bigint.c makes them
        a, b = 10 ** n // 7, 10 ** n // 13
        return (lambda: a * b), n
    if name == "bigint.str":  # str(2**n), the digit limit lifted
        sys.set_int_max_str_digits(0)
        x = 2 ** n
        return (lambda: str(x)), n
    if name in ("gc.tree", "gc.tree_random"):
        root = tree(n, random_order=name == "gc.tree_random")
        gc.collect()
        return (lambda: gc.collect() + len(root)), n
    raise SystemExit(f"unknown workload {name}")


def main():
    name, n, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    fn, items = workload(name, n)
    runs = timed(fn, items, samples)
    print(json.dumps({"peer": "python3", "workload": name, "size": n,
                      "ns_per_item": statistics.median(runs), "samples": runs}))


if __name__ == "__main__":
    main()
