/* The Boehm backend as the comparison collector: Boehm allocates and collects, heaplab's sweep
 * stands aside. Boehm scans the C stack conservatively, so garbage is built in functions that
 * have returned before the collection (their frames are below the stack pointer, unscanned),
 * and a few stale words may still keep an object or two: counts allow that slack. */
#include "support.h"

static hl_runtime *boehm_runtime(void)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = "boehm";
    cfg.gc_stress = 0;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "%s", err);
    return rt;
}

#define SLACK 8 /* objects a stale stack or register word may keep */

/* 10,000 garbage lists and `keep` extra lists appended to the rooted `kept`. */
__attribute__((noinline)) static void build(hl_runtime *rt, hl_value kept, int keep)
{
    for (int i = 0; i < 10000; i++) {
        hl_value l = hl_list_new(rt, 2);
        cr_assert(l);
        hl_list_append(rt, l, hl_smallint(i));
        if (i % (10000 / keep) == 0)
            cr_assert_eq(hl_list_append(rt, kept, l), 0);
    }
}

Test(boehm, frees_garbage_and_keeps_reachable_data)
{
    hl_runtime *rt = boehm_runtime();
    hl_value kept = hl_list_new(rt, 0);
    HL_ROOT(rt, kept);
    build(rt, kept, 100);
    size_t freed = hl_gc_collect(rt);
    size_t lists = hl_heap_count(rt, HL_T_LIST);
    cr_assert_geq(lists, 101, "every reachable list survives");
    cr_assert_leq(lists, 101 + SLACK, "the garbage lists are freed (%zu live)", lists);
    cr_assert_geq(freed, 10000 - 100 - SLACK);
    cr_assert_eq(hl_list_size(kept), 100);
    for (size_t i = 0; i < 100; i++) {
        hl_value l = hl_list_items(kept)[i];
        cr_assert_eq(hl_list_size(l), 1);
        cr_assert_eq(hl_smallint_value(hl_list_items(l)[0]), (intptr_t)i * 100, "reachable data intact");
    }
    hl_gc_stats s;
    hl_gc_get_stats(rt, &s);
    cr_assert_eq(s.objects_allocated, s.live_objects + s.objects_freed);
    cr_assert_eq(s.bytes_allocated, s.live_bytes + s.bytes_freed);
    cr_assert_gt(s.collections, 0);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

__attribute__((noinline)) static void intern_many(hl_runtime *rt)
{
    for (int i = 0; i < 1000; i++)
        cr_assert(hl_str_intern(rt, hl_str_format(rt, "word%d", i)));
}

Test(boehm, intern_table_is_weak)
{
    hl_runtime *rt = boehm_runtime();
    hl_value kept = hl_str_intern_cstr(rt, "kept");
    HL_ROOT(rt, kept);
    intern_many(rt);
    cr_assert_eq(hl_str_intern_count(rt), 1001);
    hl_gc_collect(rt);
    size_t left = hl_str_intern_count(rt);
    cr_assert_leq(left, 1 + SLACK, "dead interned strings leave the table (%zu left)", left);
    cr_assert(hl_is(hl_str_intern_cstr(rt, "kept"), kept), "a live one is still the interned one");
    intern_many(rt); /* the table works after links were cleared */
    cr_assert_geq(hl_str_intern_count(rt), 1000);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(boehm, runtimes_count_only_their_own_objects)
{
    hl_runtime *a = boehm_runtime(), *b = boehm_runtime();
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = "system";
    hl_runtime *c = hl_runtime_new(&cfg, NULL, 0);
    hl_value la = hl_list_new(a, 0), lb = hl_list_new(b, 0), lc = hl_list_new(c, 0);
    HL_ROOT(a, la);
    HL_ROOT(b, lb);
    HL_ROOT(c, lc);
    for (int i = 0; i < 30; i++) {
        hl_list_append(a, la, hl_float_new(a, i));
        if (i < 20)
            hl_list_append(b, lb, hl_float_new(b, i));
        if (i < 10)
            hl_list_append(c, lc, hl_float_new(c, i));
    }
    hl_gc_collect(a);
    hl_gc_collect(b);
    hl_gc_collect(c);
    cr_assert_eq(hl_heap_count(a, HL_T_FLOAT), 30);
    cr_assert_eq(hl_heap_count(b, HL_T_FLOAT), 20);
    cr_assert_eq(hl_heap_count(c, HL_T_FLOAT), 10);
    cr_assert_str_eq(test_repr(c, lc), "[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]");
    cr_assert_eq(hl_float_get(hl_list_items(la)[29]), 29.0);
    HL_UNROOT(c, 1);
    HL_UNROOT(b, 1);
    HL_UNROOT(a, 1);
    hl_runtime_free(c);
    hl_runtime_free(b);
    hl_runtime_free(a);
}
