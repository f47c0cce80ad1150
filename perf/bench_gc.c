/* A full collection over a heap of N live objects (a tree of lists), in allocation order and
 * linked in random order, on every backend: the time per live object. On the boehm backend
 * hl_gc_collect is Boehm's GC_gcollect plus heaplab's count of the survivors; the counter
 * gc_ns is GC_gcollect alone. */
#include "harness.h"
#include "shapes.h"
#include "suites.h"

static hl_value tree_in_order(hl_runtime *rt, size_t n) { return perf_tree(rt, n, false); }
static hl_value tree_random(hl_runtime *rt, size_t n) { return perf_tree(rt, n, true); }

static hl_value collect(hl_runtime *rt, hl_value root, size_t n)
{
    (void)n;
    hl_gc_collect(rt);
    return root;
}

static const perf_workload in_order = {.setup = tree_in_order, .step = collect};
static const perf_workload random_order = {.setup = tree_random, .step = collect};

void perf_register_gc(void)
{
    perf_register("gc.tree", &in_order, PERF_SIZES(10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("gc.tree_random", &random_order, PERF_SIZES(10000, 100000, 1000000), HL_INT_TAGGED);
}
