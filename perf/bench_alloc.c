/* Small-object allocation: boxed ints, floats, tuples and lists allocated and dropped, the
 * collector reclaiming them, on every backend; then the limits: the backends' raw alloc/free
 * calls and a bump allocator. */
#include <stdlib.h>

#include "harness.h"
#include "suites.h"

#define BATCH 1000 /* objects per iteration */

typedef hl_value (*make_fn)(hl_runtime *rt, size_t i);

static hl_value make_int(hl_runtime *rt, size_t i) { return hl_int_new(rt, 1000 + (int64_t)i); }
static hl_value make_float(hl_runtime *rt, size_t i) { return hl_float_new(rt, (double)i); }

static hl_value make_tuple(hl_runtime *rt, size_t i)
{
    hl_value items[2] = {hl_smallint((intptr_t)i), HL_NONE};
    return hl_tuple_new(rt, items, 2);
}

static hl_value make_list(hl_runtime *rt, size_t i)
{
    hl_value items[2] = {hl_smallint((intptr_t)i), HL_NONE};
    return hl_list_from(rt, items, 2);
}

static void run_alloc(hlb_state *s, const perf_case *c, make_fn make)
{
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (hlb_loop(s)) {
        for (size_t i = 0; i < c->size; i++) {
            hl_value v = make(rt, i);
            if (!v) {
                perf_fail(s, rt);
                break;
            }
            hlb_keep((const void *)v);
        }
    }
    hlb_set_items(s, (double)c->size);
    perf_gc_report(s, rt, gc);
    hl_runtime_free(rt);
}

static void bench_int(hlb_state *s, const void *arg) { run_alloc(s, arg, make_int); }
static void bench_float(hlb_state *s, const void *arg) { run_alloc(s, arg, make_float); }
static void bench_tuple(hlb_state *s, const void *arg) { run_alloc(s, arg, make_tuple); }
static void bench_list(hlb_state *s, const void *arg) { run_alloc(s, arg, make_list); }

/* ---- limits: the allocators' own calls, and bumping a pointer ---- */

#define RAW_SIZE 32 /* bytes: a float object's neighbourhood */

/* A batch of blocks allocated, each touched as an object header would be, then freed. */
static void bench_raw(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    const hl_backend *b = hl_backend_find(c->backend);
    char err[256];
    void *ctx = b->create(err, sizeof err);
    void **blocks = malloc(c->size * sizeof *blocks);
    if (!ctx || !blocks) {
        hlb_skip(s, ctx ? "out of memory" : err);
        free(blocks);
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
    free(blocks);
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
    perf_register("alloc.int_boxed", bench_int, PERF_SIZES(BATCH), HL_INT_BOXED);
    perf_register("alloc.float", bench_float, PERF_SIZES(BATCH), HL_INT_TAGGED);
    perf_register("alloc.tuple", bench_tuple, PERF_SIZES(BATCH), HL_INT_TAGGED);
    perf_register("alloc.list", bench_list, PERF_SIZES(BATCH), HL_INT_TAGGED);
    perf_register("raw.alloc_free", bench_raw, PERF_SIZES(BATCH), HL_INT_TAGGED);
    perf_register_backend("raw.bump", bench_bump, "none", PERF_SIZES(BATCH), HL_INT_TAGGED);
}
