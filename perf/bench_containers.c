/* Containers: list append growth, dict insert and lookup, list setitem, on every backend. */
#include "harness.h"
#include "shapes.h"
#include "suites.h"

/* A new list grown by appending n ints; the list is garbage at the next iteration. */
static void bench_append(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (hlb_loop(s)) {
        hl_value l = hl_list_new(rt, 0);
        HL_ROOT(rt, l);
        for (size_t i = 0; l && i < c->size; i++)
            if (hl_list_append(rt, l, hl_smallint((intptr_t)i)))
                l = HL_NOVALUE;
        HL_UNROOT(rt, 1);
        if (!l)
            perf_fail(s, rt);
    }
    hlb_set_items(s, (double)c->size);
    perf_gc_report(s, rt, gc);
    hl_runtime_free(rt);
}

/* A new dict filled with n int keys. */
static void bench_dict_insert(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    perf_gc_snapshot gc = perf_gc_begin(rt);
    while (hlb_loop(s)) {
        hl_value d = hl_dict_new(rt);
        HL_ROOT(rt, d);
        for (size_t i = 0; d && i < c->size; i++) {
            hl_value k = hl_smallint((intptr_t)i);
            if (hl_dict_set(rt, d, k, k))
                d = HL_NOVALUE;
        }
        HL_UNROOT(rt, 1);
        if (!d)
            perf_fail(s, rt);
    }
    hlb_set_items(s, (double)c->size);
    perf_gc_report(s, rt, gc);
    hl_runtime_free(rt);
}

/* Every key of a dict of n int keys looked up, in a scattered order (stride 7919, prime). */
static void bench_dict_lookup(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    for (size_t i = 0; d && i < c->size; i++)
        if (hl_dict_set(rt, d, hl_smallint((intptr_t)i), hl_smallint((intptr_t)i)))
            d = HL_NOVALUE;
    if (!d)
        perf_fail(s, rt);
    while (d && hlb_loop(s)) {
        size_t k = 0;
        for (size_t i = 0; i < c->size; i++) {
            hl_value found;
            if (hl_dict_lookup(rt, d, hl_smallint((intptr_t)k), &found) != 1) {
                hlb_skip(s, "key missing");
                break;
            }
            hlb_keep((const void *)found);
            k = (k + 7919) % c->size;
        }
    }
    hlb_set_items(s, (double)c->size);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* l[i] = v for every index of a list of n ints: mutation without allocation. */
static void bench_setitem(hlb_state *s, const void *arg)
{
    const perf_case *c = arg;
    hl_runtime *rt = perf_runtime(s, c);
    if (!rt)
        return;
    hl_value l = perf_int_list(rt, c->size);
    HL_ROOT(rt, l);
    if (!l)
        perf_fail(s, rt);
    intptr_t round = 0;
    while (l && hlb_loop(s)) {
        round++;
        for (size_t i = 0; i < c->size; i++)
            if (hl_list_set(rt, l, (int64_t)i, hl_smallint(round))) {
                perf_fail(s, rt);
                break;
            }
    }
    hlb_set_items(s, (double)c->size);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

void perf_register_containers(void)
{
    perf_register("list.append", bench_append, PERF_SIZES(10, 1000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("dict.insert", bench_dict_insert, PERF_SIZES(1000, 100000), HL_INT_TAGGED);
    perf_register("dict.lookup", bench_dict_lookup, PERF_SIZES(1000, 100000), HL_INT_TAGGED);
    perf_register("list.setitem", bench_setitem, PERF_SIZES(1000, 100000), HL_INT_TAGGED);
}
