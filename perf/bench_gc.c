/* A full collection over a heap of N live objects (a tree of lists), in allocation order and
 * linked in random order, on every backend: the time per live object. On the boehm backend
 * hl_gc_collect is Boehm's GC_gcollect plus heaplab's count of the survivors; the counter
 * gc_ns is GC_gcollect alone. */
#include "harness.h"
#include "shapes.h"
#include "suites.h"

static void run_collect(hlb_state *s, const perf_case *c, bool random_order)
{
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    hl_value root = perf_tree(rt, c->size, random_order);
    HL_ROOT(rt, root);
    if (!root)
        perf_fail(s, rt);
    hl_gc_collect(rt); /* the builder's list goes: the heap is the tree alone */
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (root && hlb_loop(s))
        hl_gc_collect(rt);
    hl_gc_stats g;
    hl_gc_get_stats(rt, &g);
    hlb_counter(s, "live_objects", (double)g.live_objects);
    hlb_set_items(s, (double)c->size);
    perf_gc_report(s, rt, gc);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

static void bench_tree(hlb_state *s, const void *arg) { run_collect(s, arg, false); }
static void bench_tree_random(hlb_state *s, const void *arg) { run_collect(s, arg, true); }

void perf_register_gc(void)
{
    perf_register("gc.tree", bench_tree, PERF_SIZES(10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("gc.tree_random", bench_tree_random, PERF_SIZES(10000, 100000, 1000000), HL_INT_TAGGED);
}
