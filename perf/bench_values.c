/* Values: int arithmetic with tagged and boxed ints, and string interning, on every backend. */
#include "harness.h"
#include "suites.h"

/* acc = acc + 3, n times from 0: tagged ints allocate nothing, boxed ones an int each
 * (3 is in the boxed cache, so it needs no root). */
static hl_value add_threes(hl_runtime *rt, hl_value input, size_t n)
{
    hl_value three = hl_int_new(rt, 3), acc = hl_int_new(rt, 0);
    HL_ROOT(rt, acc);
    for (size_t i = 0; acc && i < n; i++)
        acc = hl_binary_op(rt, HL_OP_ADD, acc, three);
    HL_UNROOT(rt, 1);
    return acc ? input : HL_NOVALUE;
}

/* A list of n strs "name0", "name1", ..., not interned. */
static hl_value names(hl_runtime *rt, size_t n)
{
    hl_value list = hl_list_new(rt, n);
    HL_ROOT(rt, list);
    for (size_t i = 0; list && i < n; i++)
        if (hl_list_append(rt, list, hl_str_format(rt, "name%zu", i)))
            list = HL_NOVALUE;
    HL_UNROOT(rt, 1);
    return list;
}

/* The same names, interned (the list keeps them alive). */
static hl_value interned_names(hl_runtime *rt, size_t n)
{
    hl_value list = names(rt, n);
    HL_ROOT(rt, list); /* interning may grow the table, and so collect */
    for (size_t i = 0; list && i < n; i++)
        if (!hl_str_intern(rt, hl_list_items(list)[i]))
            list = HL_NOVALUE;
    HL_UNROOT(rt, 1);
    return list;
}

/* sys.intern of each name's text: an interned name is found (hash and probe, no allocation);
 * one that is not is made and entered, then the collection frees it and prunes the table. */
static hl_value intern_all(hl_runtime *rt, hl_value list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hl_str_intern_cstr(rt, hl_str_data(hl_list_items(list)[i])))
            return HL_NOVALUE;
    return list;
}

static hl_value intern_all_then_collect(hl_runtime *rt, hl_value list, size_t n)
{
    hl_value r = intern_all(rt, list, n);
    hl_gc_collect(rt);
    return r;
}

static const perf_workload int_adds = {.step = add_threes};
static const perf_workload intern_hits = {.setup = interned_names, .step = intern_all};
static const perf_workload intern_news = {.setup = names, .step = intern_all_then_collect};

void perf_register_values(void)
{
    perf_register("int_add.tagged", &int_adds, PERF_SIZES(1000), HL_INT_TAGGED);
    perf_register("int_add.boxed", &int_adds, PERF_SIZES(1000), HL_INT_BOXED);
    perf_register("intern.hit", &intern_hits, PERF_SIZES(10000), HL_INT_TAGGED);
    perf_register("intern.new", &intern_news, PERF_SIZES(10000), HL_INT_TAGGED);
}
