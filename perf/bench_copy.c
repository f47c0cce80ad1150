/* Copies: shallow copy of a list of ints against memcpy of as many pointers (the limit),
 * and deep copy of nested structures (trees, lists of dicts, shared lists, cyclic trees),
 * on every backend. Every copy is garbage at the next iteration: the collections that
 * reclaim the copies are part of the time, and counted. One copy before the loop warms the
 * heap (the loop then reuses memory rather than faulting in fresh pages), as the python3
 * peer's first calls do. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shapes.h"
#include "suites.h"

/* l.copy() of a list of n ints. */
static void bench_list_copy(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    hl_value l = perf_int_list(rt, c->size);
    HL_ROOT(rt, l);
    if (!l)
        perf_fail(s, rt);
    hlb_keep((const void *)(l ? hl_list_copy(rt, l) : 0)); /* warm: the loop reuses memory, as python3's does */
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (l && hlb_loop(s)) {
        hl_value copy = hl_list_copy(rt, l);
        if (!copy)
            perf_fail(s, rt);
        hlb_keep((const void *)copy);
    }
    hlb_set_items(s, (double)c->size);
    hlb_set_bytes(s, (double)(c->size * sizeof(hl_value)));
    perf_gc_report(s, rt, gc);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* The limit of a shallow copy: a block from the same backend, memcpy of n pointers into it,
 * and the block freed. */
static void bench_memcpy(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    const hl_backend *b = hl_backend_find(c->backend);
    size_t bytes = c->size * sizeof(hl_value);
    char err[256];
    void *ctx = b->create(err, sizeof err);
    hl_value *src = ctx ? b->alloc(ctx, bytes, HL_BLOCK_INTERNAL) : NULL;
    if (!src) {
        hlb_skip(s, ctx ? "out of memory" : err);
        if (ctx)
            b->destroy(ctx);
        return;
    }
    for (size_t i = 0; i < c->size; i++)
        src[i] = hl_smallint((intptr_t)i);
    while (hlb_loop(s)) {
        void *dst = b->alloc(ctx, bytes, HL_BLOCK_DATA);
        if (!dst)
            abort();
        memcpy(dst, src, bytes);
        hlb_keep(dst);
        b->free(ctx, dst, bytes);
    }
    hlb_set_items(s, (double)c->size);
    hlb_set_bytes(s, (double)bytes);
    b->free(ctx, src, bytes);
    b->destroy(ctx);
}

typedef hl_value (*shape_fn)(hl_runtime *rt, size_t n);

static hl_value tree_in_order(hl_runtime *rt, size_t n) { return perf_tree(rt, n, false); }

static void run_deepcopy(hlb_state *s, const perf_case *c, shape_fn shape)
{
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    hl_value original = shape(rt, c->size);
    HL_ROOT(rt, original);
    if (!original)
        perf_fail(s, rt);
    hl_gc_collect(rt); /* the builders' garbage is not the copy's */
    hlb_keep((const void *)(original ? hl_deepcopy(rt, original) : 0)); /* warm, as python3's */
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (original && hlb_loop(s)) {
        hl_value copy = hl_deepcopy(rt, original);
        if (!copy)
            perf_fail(s, rt);
        hlb_keep((const void *)copy);
    }
    hlb_set_items(s, (double)c->size);
    perf_gc_report(s, rt, gc);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

static void bench_deep_tree(hlb_state *s, const void *arg) { run_deepcopy(s, arg, tree_in_order); }
static void bench_deep_dicts(hlb_state *s, const void *arg) { run_deepcopy(s, arg, perf_dict_list); }
static void bench_deep_shared(hlb_state *s, const void *arg) { run_deepcopy(s, arg, perf_shared); }
static void bench_deep_cyclic(hlb_state *s, const void *arg) { run_deepcopy(s, arg, perf_cyclic_tree); }

void perf_register_copy(void)
{
    perf_register("copy.list", bench_list_copy, PERF_SIZES(10, 100, 1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("copy.memcpy", bench_memcpy, PERF_SIZES(10, 100, 1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("deepcopy.tree", bench_deep_tree, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("deepcopy.dicts", bench_deep_dicts, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("deepcopy.shared", bench_deep_shared, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("deepcopy.cyclic", bench_deep_cyclic, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
}
