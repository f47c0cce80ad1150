/* Containers: list append growth, dict insert and lookup, list setitem, on every backend. */
#include "harness.h"
#include "shapes.h"
#include "suites.h"

/* A new list grown by appending n ints; it is garbage at the next iteration. */
static hl_value append(hl_runtime *rt, hl_value input, size_t n)
{
    (void)input;
    hl_value l = hl_list_new(rt, 0);
    HL_ROOT(rt, l);
    for (size_t i = 0; l && i < n; i++)
        if (hl_list_append(rt, l, hl_smallint((intptr_t)i)))
            l = HL_NOVALUE;
    HL_UNROOT(rt, 1);
    return l;
}

/* A new dict of n int keys. */
static hl_value int_dict(hl_runtime *rt, size_t n)
{
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    for (size_t i = 0; d && i < n; i++)
        if (hl_dict_set(rt, d, hl_smallint((intptr_t)i), hl_smallint((intptr_t)i)))
            d = HL_NOVALUE;
    HL_UNROOT(rt, 1);
    return d;
}

static hl_value insert(hl_runtime *rt, hl_value input, size_t n)
{
    (void)input;
    return int_dict(rt, n);
}

/* Every key of the dict looked up, in a scattered order (stride 7919, a prime). */
static hl_value lookup(hl_runtime *rt, hl_value d, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        hl_value found;
        if (hl_dict_lookup(rt, d, hl_smallint((intptr_t)k), &found) != 1)
            return hl_error_set(rt, HL_EXC_KEY_ERROR, "%zu", k), HL_NOVALUE;
        hlb_keep((const void *)found);
        k = (k + 7919) % n;
    }
    return d;
}

/* l[i] = v for every index of a list of ints: mutation without allocation. */
static hl_value setitem(hl_runtime *rt, hl_value l, size_t n)
{
    static intptr_t round;
    round++;
    for (size_t i = 0; i < n; i++)
        if (hl_list_set(rt, l, (int64_t)i, hl_smallint(round)))
            return HL_NOVALUE;
    return l;
}

static const perf_workload appends = {.step = append};
static const perf_workload inserts = {.step = insert};
static const perf_workload lookups = {.setup = int_dict, .step = lookup};
static const perf_workload setitems = {.setup = perf_int_list, .step = setitem};

void perf_register_containers(void)
{
    perf_register("list.append", &appends, PERF_SIZES(10, 1000, 100000, 1000000), HL_INT_TAGGED);
    perf_register("dict.insert", &inserts, PERF_SIZES(1000, 100000), HL_INT_TAGGED);
    perf_register("dict.lookup", &lookups, PERF_SIZES(1000, 100000), HL_INT_TAGGED);
    perf_register("list.setitem", &setitems, PERF_SIZES(1000, 100000), HL_INT_TAGGED);
}
