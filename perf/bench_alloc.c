/* Small-object allocation: boxed ints, floats, tuples and lists allocated and dropped, the
 * collector reclaiming them, on every backend; then the limits: the backends' raw alloc/free
 * calls and a bump allocator. */
#include <stdlib.h>

#include "harness.h"
#include "suites.h"

#define BATCH 1000 /* objects per iteration */

static hl_value alloc_ints(hl_runtime *rt, hl_value input, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hl_int_new(rt, 1000 + (int64_t)i)) /* outside the boxed cache */
            return HL_NOVALUE;
    return input;
}

static hl_value alloc_floats(hl_runtime *rt, hl_value input, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hl_float_new(rt, (double)i))
            return HL_NOVALUE;
    return input;
}

/* n containers of two items, [i, None] or (i, None): hl_tuple_new or hl_list_from. */
static hl_value alloc_pairs(hl_runtime *rt, hl_value input, size_t n,
                            hl_value (*make)(hl_runtime *, const hl_value *, size_t))
{
    for (size_t i = 0; i < n; i++) {
        hl_value items[2] = {hl_smallint((intptr_t)i), HL_NONE};
        if (!make(rt, items, 2))
            return HL_NOVALUE;
    }
    return input;
}

static hl_value alloc_tuples(hl_runtime *rt, hl_value input, size_t n) { return alloc_pairs(rt, input, n, hl_tuple_new); }
static hl_value alloc_lists(hl_runtime *rt, hl_value input, size_t n) { return alloc_pairs(rt, input, n, hl_list_from); }

static const perf_workload ints = {.step = alloc_ints};
static const perf_workload floats = {.step = alloc_floats};
static const perf_workload tuples = {.step = alloc_tuples};
static const perf_workload lists = {.step = alloc_lists};

/* ---- limits: the allocators' own calls, and bumping a pointer ---- */

#define RAW_SIZE 32 /* bytes: a float object's neighbourhood */

/* A batch of blocks allocated, each touched as an object header would be, then freed. The
 * array holding them comes from the backend as a ROOT block: Boehm would free blocks that
 * only malloc'd memory refers to. */
static void bench_raw(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    const hl_backend *b = hl_backend_find(c->backend);
    char err[256];
    void *ctx = b->create(err, sizeof err);
    size_t bytes = c->size * sizeof(void *);
    void **blocks = ctx ? b->alloc(ctx, bytes, HL_BLOCK_ROOT) : NULL;
    if (!blocks) {
        hlb_skip(s, ctx ? "out of memory" : err);
        if (ctx)
            b->destroy(ctx);
        return;
    }
    while (hlb_loop(s)) {
        for (size_t i = 0; i < c->size; i++) {
            uint64_t *p = b->alloc(ctx, RAW_SIZE, HL_BLOCK_OBJECT_DATA);
            if (!p)
                abort();
            *p = i;
            blocks[i] = p;
        }
        for (size_t i = 0; i < c->size; i++)
            b->free(ctx, blocks[i], RAW_SIZE);
    }
    hlb_set_items(s, (double)c->size);
    b->free(ctx, blocks, bytes);
    b->destroy(ctx);
}

/* The allocation limit: bump a pointer through warm memory, touching each block. */
static void bench_bump(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    char *area = malloc(c->size * RAW_SIZE);
    if (!area) {
        hlb_skip(s, "out of memory");
        return;
    }
    while (hlb_loop(s)) {
        char *bump = area;
        for (size_t i = 0; i < c->size; i++) {
            uint64_t *p = (uint64_t *)bump;
            bump += RAW_SIZE;
            *p = i;
            hlb_keep(p);
        }
    }
    hlb_set_items(s, (double)c->size);
    free(area);
}

void perf_register_alloc(void)
{
    perf_register("alloc.int_boxed", &ints, PERF_SIZES(BATCH), HL_INT_BOXED);
    perf_register("alloc.float", &floats, PERF_SIZES(BATCH), HL_INT_TAGGED);
    perf_register("alloc.tuple", &tuples, PERF_SIZES(BATCH), HL_INT_TAGGED);
    perf_register("alloc.list", &lists, PERF_SIZES(BATCH), HL_INT_TAGGED);
    perf_register_fn("raw.alloc_free", bench_raw, NULL, PERF_SIZES(BATCH));
    perf_register_fn("raw.bump", bench_bump, "none", PERF_SIZES(BATCH));
}
