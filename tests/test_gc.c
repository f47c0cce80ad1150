/* The collector: reachability, cycles, stats, interning, deep nesting, roots. */
#include "support.h"

static size_t live(hl_runtime *rt)
{
    hl_gc_stats s;
    hl_gc_get_stats(rt, &s);
    return s.live_objects;
}

Test(gc, frees_unreachable_and_keeps_rooted)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    hl_gc_collect(rt);
    size_t base = live(rt);
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    for (int i = 0; i < 100; i++) {
        hl_value f = hl_float_new(rt, i);
        cr_assert(f);
        if (i % 10 == 0)
            cr_assert_eq(hl_list_append(rt, keep, f), 0);
    }
    hl_gc_collect(rt);
    cr_assert_eq(live(rt), base + 1 + 10, "the list and its 10 floats survive, 90 floats go");
    cr_assert_eq(hl_list_size(keep), 10);
    cr_assert_eq(hl_float_get(hl_list_items(keep)[9]), 90.0);
    HL_UNROOT(rt, 1);
    hl_gc_collect(rt);
    cr_assert_eq(live(rt), base);
    hl_runtime_free(rt);
}

Test(gc, cycles_are_collected)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    hl_gc_collect(rt);
    size_t base = live(rt);
    hl_value a = hl_list_new(rt, 0);
    HL_ROOT(rt, a);
    hl_value b = hl_list_new(rt, 0);
    HL_ROOT(rt, b);
    hl_list_append(rt, a, b);
    hl_list_append(rt, b, a);
    hl_list_append(rt, a, a);
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    hl_dict_set(rt, d, hl_str_from_cstr(rt, "self"), d);
    hl_list_append(rt, b, d);
    hl_gc_collect(rt);
    cr_assert_eq(live(rt), base + 4, "a, b, d and the key 'self' stay while rooted");
    HL_UNROOT(rt, 3);
    size_t freed = hl_gc_collect(rt);
    cr_assert_eq(freed, 4);
    cr_assert_eq(live(rt), base);
    hl_runtime_free(rt);
}

Test(gc, stats_add_up)
{
    hl_runtime *rt = test_runtime();
    hl_value l = hl_list_new(rt, 0);
    HL_ROOT(rt, l);
    for (int i = 0; i < 1000; i++) {
        hl_value t = hl_tuple_new(rt, (hl_value[]){hl_smallint(i), HL_NONE}, 2);
        if (i % 3 == 0)
            hl_list_append(rt, l, t);
    }
    hl_gc_collect(rt);
    hl_gc_stats s;
    hl_gc_get_stats(rt, &s);
    cr_assert_eq(s.objects_allocated, s.live_objects + s.objects_freed);
    cr_assert_eq(s.bytes_allocated, s.live_bytes + s.bytes_freed);
    cr_assert_geq(s.collections, 1);
    cr_assert_geq(s.last.objects_marked, 335, "the list and 334 tuples are marked");
    cr_assert_eq(s.last.bytes_marked, s.live_bytes);
    cr_assert_geq(s.objects_freed, 666);
    cr_assert_geq(s.total_pause_ns, s.last.pause_ns);
    /* The pause is the mark and whatever of the sweep ran in it; a major collection's sweep
     * goes on in steps after it. */
    cr_assert_geq(s.last.pause_ns, s.last.mark_ns);
    cr_assert_leq(s.last.pause_ns, s.last.mark_ns + s.last.sweep_ns);
    cr_assert_eq(hl_heap_count(rt, HL_T_TUPLE), 334);
    hl_heap_stats h;
    hl_heap_get_stats(rt, &h);
    cr_assert_geq(h.held, h.requested, "an allocator holds at least what was asked");
    cr_assert_geq(h.requested, s.live_bytes);
    cr_assert_geq(h.peak_held, h.held);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(gc, automatic_collection_bounds_the_heap)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.gc_min_threshold = 64 * 1024;
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    hl_gc_stats s;
    /* heaplab collects within 64 KiB; Boehm sizes its heap itself, so allow it more */
    for (int i = 0; i < 5000000; i++) {
        cr_assert(hl_float_new(rt, i));
        if (i % 10000 == 0 && i >= 200000) {
            hl_gc_get_stats(rt, &s);
            if (s.collections > 0)
                break;
        }
    }
    hl_gc_get_stats(rt, &s);
    cr_assert_gt(s.collections, 0);
    if (!cfg.gc_stress && test_precise(rt))
        cr_assert_lt(s.live_bytes, 256 * 1024, "garbage never piles up past the threshold");
    hl_runtime_free(rt);
}

Test(gc, interned_strings_are_weak)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    hl_value a = hl_str_intern_cstr(rt, "hello");
    HL_ROOT(rt, a);
    hl_value b = hl_str_intern(rt, hl_str_from_cstr(rt, "hello"));
    cr_assert(hl_is(a, b), "interning gives the same object");
    cr_assert(hl_str_is_interned(a));
    hl_value c = hl_str_intern_cstr(rt, "transient");
    cr_assert(c);
    cr_assert_eq(hl_str_intern_count(rt), 2);
    hl_gc_collect(rt);
    cr_assert_eq(hl_str_intern_count(rt), 1, "the table does not keep 'transient' alive");
    hl_value again = hl_str_intern_cstr(rt, "hello");
    cr_assert(hl_is(again, a));
    HL_UNROOT(rt, 1);
    hl_gc_collect(rt);
    cr_assert_eq(hl_str_intern_count(rt), 0);
    hl_runtime_free(rt);
}

Test(gc, million_deep_nesting_marks_and_frees)
{
    hl_config cfg;
    hl_config_init(&cfg);
    if (cfg.gc_stress)
        cr_skip("a million collections of a growing heap is a benchmark, not a stress test");
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    hl_value outer = hl_list_new(rt, 0);
    HL_ROOT(rt, outer);
    hl_value cur = outer;
    HL_ROOT(rt, cur);
    for (int i = 0; i < 1000000; i++) {
        hl_value inner = hl_list_new(rt, 1);
        cr_assert(inner);
        hl_list_append(rt, cur, inner);
        cur = inner;
    }
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST), 1000001);
    HL_UNROOT(rt, 2);
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST), 0);
    hl_runtime_free(rt);
}

Test(gc, pins_and_root_sources)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    hl_value pinned = hl_list_new(rt, 0);
    cr_assert_eq(hl_pin(rt, pinned), 0);
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST), 1);
    hl_unpin(rt, pinned);
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST), 0);
    hl_runtime_free(rt);
}

static hl_value frame_slots[3];

static void trace_frame(hl_runtime *rt, hl_tracer *t, void *data)
{
    (void)rt;
    hl_trace_values(t, data, 3);
}

Test(gc, root_source_keeps_its_values)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    frame_slots[0] = hl_list_new(rt, 0);
    frame_slots[1] = HL_NONE;
    frame_slots[2] = hl_smallint(3);
    cr_assert_eq(hl_gc_add_root_source(rt, trace_frame, frame_slots), 0);
    frame_slots[1] = hl_dict_new(rt);
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST), 1);
    cr_assert_eq(hl_heap_count(rt, HL_T_DICT), 1);
    hl_gc_remove_root_source(rt, trace_frame, frame_slots);
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST) + hl_heap_count(rt, HL_T_DICT), 0);
    hl_runtime_free(rt);
}

Test(gc, stress_mode_collects_at_every_allocation)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.gc_stress = 1;
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    hl_value l = hl_list_new(rt, 0);
    HL_ROOT(rt, l);
    hl_gc_stats before, after;
    hl_gc_get_stats(rt, &before);
    for (int i = 0; i < 50; i++)
        hl_list_append(rt, l, hl_float_new(rt, i));
    hl_gc_get_stats(rt, &after);
    if (cfg.gc_mode == HL_GC_INCREMENTAL) /* a step at every allocation */
        cr_assert_geq(after.pauses - before.pauses, 50);
    else
        cr_assert_geq(after.collections - before.collections, 50);
    cr_assert_eq(hl_list_size(l), 50);
    for (int i = 0; i < 50; i++)
        cr_assert_eq(hl_float_get(hl_list_items(l)[i]), i);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}
