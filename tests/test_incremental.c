/* The incremental collector: its phases, colours and steps, the write barrier keeping the
 * tri-colour invariant while the program mutates between steps, the pause statistics, the
 * step hook, and the check GC stress makes of the barrier. The tests make their own runtime
 * without GC stress and step it by hand (hl_gc_step), except the last. */
#include <stdio.h>
#include <stdlib.h>

#include "rt.h" /* white box: the grey set */
#include "support.h"

/* Steps of a few words each (64 bytes at 100%: 8 words), so a small heap takes many. */
static hl_runtime *inc_runtime(size_t step_size, unsigned step_mul)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.gc_mode = HL_GC_INCREMENTAL;
    cfg.gc_step_size = step_size;
    cfg.gc_step_mul = step_mul;
    return test_collector_runtime(&cfg);
}


/* Step until the phase is `until` (at most max steps); the steps taken. */
static int step_until(hl_runtime *rt, hl_gc_phase until, int max)
{
    int n = 0;
    while (hl_gc_get_phase(rt) != until && n < max) {
        hl_gc_step(rt);
        n++;
    }
    cr_assert_eq(hl_gc_get_phase(rt), until, "still %s after %d steps", hl_gc_phase_name(hl_gc_get_phase(rt)), n);
    return n;
}

/* A list of n lists [i, i+1]. */
static hl_value nested(hl_runtime *rt, int n)
{
    hl_value l = hl_list_new(rt, 0), item = HL_NONE;
    HL_ROOT(rt, l);
    HL_ROOT(rt, item);
    for (int i = 0; i < n; i++) {
        item = hl_list_from(rt, (hl_value[]){hl_smallint(i), hl_smallint(i + 1)}, 2);
        cr_assert_eq(hl_list_append(rt, l, item), 0);
    }
    HL_UNROOT(rt, 2);
    return l;
}

Test(incremental, a_collection_passes_through_every_phase_in_steps)
{
    hl_runtime *rt = inc_runtime(64, 100);
    hl_value keep = nested(rt, 200);
    HL_ROOT(rt, keep);
    hl_value garbage = nested(rt, 100);
    cr_assert_eq(hl_gc_get_phase(rt), HL_GC_PHASE_IDLE);
    cr_assert_eq(hl_gc_colour_of(rt, keep), HL_GC_WHITE, "idle: nothing is reached");

    hl_gc_step(rt); /* the roots are grey */
    cr_assert_eq(hl_gc_get_phase(rt), HL_GC_PHASE_MARK);
    cr_assert_neq(hl_gc_colour_of(rt, keep), HL_GC_WHITE);
    cr_assert_eq(hl_gc_colour_of(rt, garbage), HL_GC_WHITE);
    cr_assert_gt(hl_gc_grey_count(rt), 0);
    int marking = step_until(rt, HL_GC_PHASE_SWEEP, 100000);
    cr_assert_gt(marking, 20, "200 lists of two in steps of 8 words: many steps (%d)", marking);
    cr_assert_eq(hl_gc_colour_of(rt, keep), HL_GC_BLACK);
    cr_assert_eq(hl_gc_colour_of(rt, hl_list_items(keep)[199]), HL_GC_BLACK);
    cr_assert_eq(hl_gc_colour_of(rt, garbage), HL_GC_WHITE, "to be freed");
    cr_assert_eq(hl_gc_grey_count(rt), 0);
    hl_gc_cycle c = rt->gc.last;
    cr_assert_eq(c.objects_freed, 101, "the garbage list and its 100 items");
    cr_assert_gt(c.steps, 20);
    cr_assert_leq(c.max_step_ns, c.pause_ns);

    step_until(rt, HL_GC_PHASE_IDLE, 100000);
    hl_gc_stats s = test_gc_stats(rt);
    cr_assert_eq(s.major_collections, 1);
    cr_assert_eq(s.minor_collections, 0);
    cr_assert_eq(s.live_objects + s.objects_freed, s.objects_allocated);
    cr_assert_eq(hl_heap_count(rt, HL_T_LIST), 201);
    cr_assert_str_eq(test_repr(rt, hl_list_items(keep)[199]), "[199, 200]");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(incremental, garbage_made_while_marking_is_freed_by_the_same_cycle)
{
    hl_runtime *rt = inc_runtime(64, 100);
    hl_value keep = nested(rt, 100);
    HL_ROOT(rt, keep);
    hl_gc_step(rt);
    for (int i = 0; i < 50; i++)
        cr_assert(hl_float_new(rt, i)); /* white, and dropped */
    size_t floats = hl_heap_count(rt, HL_T_FLOAT);
    cr_assert_eq(floats, 50);
    step_until(rt, HL_GC_PHASE_IDLE, 100000);
    cr_assert_eq(hl_heap_count(rt, HL_T_FLOAT), 0, "new objects are white: the garbage among them goes");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* Between steps the program stores new (white) objects into black ones, in each way the
 * barrier knows: an append, an item set, a dict entry, an insert that moves items. */
Test(incremental, stores_into_black_objects_keep_what_they_store)
{
    hl_runtime *rt = inc_runtime(64, 100);
    hl_value l = nested(rt, 50), d = hl_dict_new(rt), v = HL_NONE;
    HL_ROOT(rt, l);
    HL_ROOT(rt, d);
    HL_ROOT(rt, v);
    step_until(rt, HL_GC_PHASE_MARK, 1);
    while (hl_gc_colour_of(rt, l) != HL_GC_BLACK || hl_gc_colour_of(rt, d) != HL_GC_BLACK)
        hl_gc_step(rt);
    cr_assert_eq(hl_gc_get_phase(rt), HL_GC_PHASE_MARK, "still marking: 50 lists take more steps");
    v = hl_float_new(rt, 1.5);
    cr_assert_eq(hl_list_append(rt, l, v), 0);
    v = hl_float_new(rt, 2.5);
    cr_assert_eq(hl_list_set(rt, l, 0, v), 0);
    v = hl_float_new(rt, 3.5);
    cr_assert_eq(hl_dict_set(rt, d, hl_smallint(1), v), 0);
    v = hl_float_new(rt, 4.5);
    cr_assert_eq(hl_list_insert(rt, l, 1, v), 0);
    v = HL_NONE; /* only the containers hold them now */
    cr_assert_eq(hl_gc_colour_of(rt, l), HL_GC_GREY, "written since scanned: grey again");
    step_until(rt, HL_GC_PHASE_IDLE, 100000);
    cr_assert_eq(hl_heap_count(rt, HL_T_FLOAT), 4);
    cr_assert_str_eq(test_repr(rt, hl_list_items(l)[0]), "2.5");
    cr_assert_str_eq(test_repr(rt, hl_list_items(l)[1]), "4.5");
    cr_assert_str_eq(test_repr(rt, hl_list_items(l)[51]), "1.5");
    cr_assert_str_eq(test_repr(rt, d), "{1: 3.5}");
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}

/* A big list is scanned in chunks. Deleting from its front between chunks moves unscanned
 * items into the part scanned already; popping one moves it to a root (the atomic step
 * rescans the roots). Nothing may be lost either way. */
Test(incremental, a_list_scanned_in_chunks_loses_nothing_when_its_items_move)
{
    hl_runtime *rt = inc_runtime(64, 100);
    hl_value l = hl_list_new(rt, 0), v = HL_NONE;
    HL_ROOT(rt, l);
    HL_ROOT(rt, v);
    for (int i = 0; i < 2000; i++) {
        v = hl_float_new(rt, i);
        cr_assert_eq(hl_list_append(rt, l, v), 0);
    }
    v = HL_NONE;
    hl_gc_step(rt);
    while (!(l ? hl_obj(l)->gc & HL_GC_PARTIAL : 0))
        hl_gc_step(rt);
    cr_assert_eq(hl_gc_get_phase(rt), HL_GC_PHASE_MARK);
    v = hl_list_pop(rt, l, 1999); /* not scanned yet: now only in a root */
    cr_assert(v);
    for (int i = 0; i < 900; i++) /* items 900.. slide over the part scanned */
        cr_assert_eq(hl_list_del(rt, l, 0), 0);
    step_until(rt, HL_GC_PHASE_IDLE, 1000000);
    for (int i = 0; i < 5000; i++) /* the blocks of anything freed by mistake are reused */
        cr_assert(hl_float_new(rt, -1));
    cr_assert_eq(hl_list_size(l), 1099);
    for (int i = 0; i < 1099; i++)
        cr_assert_eq(hl_float_get(hl_list_items(l)[i]), 900 + i);
    cr_assert_eq(hl_float_get(v), 1999);
    /* The items scanned before they were deleted were floating garbage: the next cycle frees
     * them. */
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_FLOAT), 1100, "1,099 in the list and the one popped (%zu)",
                 hl_heap_count(rt, HL_T_FLOAT));
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

Test(incremental, pauses_are_counted_one_per_step)
{
    hl_runtime *rt = inc_runtime(64, 100);
    hl_value keep = nested(rt, 300);
    HL_ROOT(rt, keep);
    size_t freed = hl_gc_collect(rt); /* a whole cycle: its steps back to back */
    cr_assert_eq(freed, 0);
    hl_gc_stats s = test_gc_stats(rt);
    cr_assert_eq(s.major_collections, 1);
    cr_assert_geq(s.mark_steps, 1);
    cr_assert_eq(s.pauses, s.mark_steps + s.sweep_steps);
    step_until(rt, HL_GC_PHASE_MARK, 1);
    step_until(rt, HL_GC_PHASE_IDLE, 100000);
    s = test_gc_stats(rt);
    cr_assert_eq(s.major_collections, 2);
    cr_assert_gt(s.mark_steps, 30);
    cr_assert_eq(s.pauses, s.mark_steps + s.sweep_steps);
    cr_assert_leq(s.pause_p50_ns, s.pause_p99_ns);
    cr_assert_leq(s.pause_p99_ns, s.pause_max_ns);
    cr_assert_eq(s.pause_max_ns, s.max_pause_ns > s.max_sweep_step_ns ? s.max_pause_ns : s.max_sweep_step_ns);
    cr_assert_eq(s.max_mark_step_ns, s.max_pause_ns);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* Automatic: a cycle starts once the heap passes the threshold and advances a step per
 * gc_step_size bytes allocated; the program's data survives. */
Test(incremental, allocation_drives_the_steps)
{
    hl_runtime *rt = inc_runtime(4096, 200);
    hl_value keep = nested(rt, 20000); /* ~1.7 MB: past the 1 MiB threshold */
    HL_ROOT(rt, keep);
    for (int i = 0; i < 200000; i++)
        cr_assert(hl_float_new(rt, i));
    hl_gc_stats s = test_gc_stats(rt);
    cr_assert_geq(s.major_collections, 1);
    cr_assert_gt(s.mark_steps, 10 * s.major_collections, "each cycle in many steps");
    cr_assert_eq(hl_list_size(keep), 20000);
    cr_assert_str_eq(test_repr(rt, hl_list_items(keep)[19999]), "[19999, 20000]");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

typedef struct seen_steps {
    int mark, atomic, sweep;
    bool out_of_order;
} seen_steps;

static void record_step(hl_runtime *rt, hl_gc_phase step, void *data)
{
    seen_steps *s = data;
    if (step == HL_GC_PHASE_MARK)
        s->mark++;
    else if (step == HL_GC_PHASE_ATOMIC)
        s->atomic++;
    else
        s->sweep++;
    if ((step == HL_GC_PHASE_MARK && (s->atomic || s->sweep)) || (step == HL_GC_PHASE_ATOMIC && s->sweep) ||
        (step == HL_GC_PHASE_SWEEP && !s->atomic))
        s->out_of_order = true;
    cr_assert_eq(rt->collecting, true, "no collection can start inside the hook");
}

Test(incremental, the_step_hook_sees_each_step_in_order)
{
    hl_runtime *rt = inc_runtime(64, 100);
    hl_value keep = nested(rt, 50);
    HL_ROOT(rt, keep);
    seen_steps seen = {0};
    hl_gc_set_step_hook(rt, record_step, &seen);
    hl_gc_collect(rt); /* watched: in steps of the configured size, the sweep too */
    hl_gc_set_step_hook(rt, NULL, NULL);
    cr_assert_gt(seen.mark, 5);
    cr_assert_eq(seen.atomic, 1);
    cr_assert_geq(seen.sweep, 1);
    cr_assert(!seen.out_of_order);
    cr_assert_eq(hl_gc_get_phase(rt), HL_GC_PHASE_IDLE);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(incremental, knobs_come_from_the_config_and_the_environment)
{
    setenv("HEAPLAB_GC_MODE", "incremental", 1);
    setenv("HEAPLAB_GC_STEP_SIZE", "4k", 1);
    setenv("HEAPLAB_GC_STEP_MUL", "300", 1);
    hl_config cfg;
    hl_config_init(&cfg);
    cr_assert_eq(cfg.gc_mode, HL_GC_INCREMENTAL);
    cr_assert_eq(cfg.gc_step_size, 4096);
    cr_assert_eq(cfg.gc_step_mul, 300);
    cr_assert_str_eq(hl_gc_mode_name(HL_GC_INCREMENTAL), "incremental");
    setenv("HEAPLAB_GC_STEP_SIZE", "lots", 1); /* ignored: the default */
    hl_config_init(&cfg);
    cr_assert_eq(cfg.gc_step_size, 16u << 10);
    cfg.gc_step_size = 0; /* zeros take the defaults */
    cfg.gc_step_mul = 0;
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    cr_assert_not_null(rt);
    cr_assert_eq(hl_runtime_config(rt)->gc_step_size, 16u << 10);
    cr_assert_eq(hl_runtime_config(rt)->gc_step_mul, 200);
    hl_runtime_free(rt);
    cr_assert_str_eq(hl_gc_phase_name(HL_GC_PHASE_ATOMIC), "atomic");
}

/* The check GC stress makes between steps: a black object that refers to a white one outside
 * the grey set is a store without its barrier, and aborts. */
static void store_without_barrier_under_stress(void)
{
    hl_runtime *rt = inc_runtime(64, 100);
    hl_value l = nested(rt, 50);
    HL_ROOT(rt, l);
    hl_gc_step(rt);
    while (hl_gc_colour_of(rt, l) != HL_GC_BLACK)
        hl_gc_step(rt);
    hl_list_items(l)[0] = hl_float_new(rt, 1.0); /* no barrier */
    hl_gc_set_stress(rt, 1);
    hl_float_new(rt, 2.0); /* the check aborts */
    hl_float_new(rt, 3.0);
}

Test(incremental, stress_catches_a_missing_barrier)
{
    hl_runtime *probe = inc_runtime(64, 100); /* skips on boehm */
    hl_runtime_free(probe);
    test_expect_abort(store_without_barrier_under_stress, "the missing barrier");
}
