/* Copies: shallow copy of a list of ints against memcpy of as many pointers (the limit),
 * and deep copy of nested structures (trees, lists of dicts, shared lists, cyclic trees),
 * on every backend. Every copy is garbage at the next iteration: the collections that
 * reclaim the copies are part of the time, and counted. Copies are warmed (harness.h). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shapes.h"
#include "suites.h"

static hl_value list_copy(hl_runtime *rt, hl_value l, size_t n)
{
    (void)n;
    return hl_list_copy(rt, l);
}

static hl_value deep_copy(hl_runtime *rt, hl_value v, size_t n)
{
    (void)n;
    return hl_deepcopy(rt, v);
}

static hl_value tree_in_order(hl_runtime *rt, size_t n) { return perf_tree(rt, n, false); }

static const perf_workload shallow = {.setup = perf_int_list, .step = list_copy, .warm = true};
static const perf_workload deep_tree = {.setup = tree_in_order, .step = deep_copy, .warm = true};
static const perf_workload deep_dicts = {.setup = perf_dict_list, .step = deep_copy, .warm = true};
static const perf_workload deep_shared = {.setup = perf_shared, .step = deep_copy, .warm = true};
static const perf_workload deep_cyclic = {.setup = perf_cyclic_tree, .step = deep_copy, .warm = true};

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

void perf_register_copy(void)
{
    perf_register("copy.list", &shallow, PERF_SIZES(10, 100, 1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register_fn("copy.memcpy", bench_memcpy, NULL, PERF_SIZES(10, 100, 1000, 10000, 100000, 1000000));
    perf_register("deepcopy.tree", &deep_tree, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("deepcopy.dicts", &deep_dicts, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("deepcopy.shared", &deep_shared, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("deepcopy.cyclic", &deep_cyclic, PERF_SIZES(1000, 10000, 100000, 1000000), HL_INT_TAGGED);
}
