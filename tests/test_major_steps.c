/* Generational mode's pacing beyond the nursery: pretenuring (after an automatic minor
 * collection that kept most of the nursery, the next objects are born old) and major
 * collections marked in steps (the incremental collector's machine, minor collections waiting
 * for its end), with the barrier that keeps them exact while the program moves old objects
 * about. The tests make their own runtime without GC stress; GC stress runs the whole suite
 * through both (and checks the invariants at every step). */
#include <stdlib.h>

#include "rt.h" /* white box: an object's generation */
#include "support.h"

static bool is_old(hl_value v) { return (hl_obj(v)->gc & HL_GC_OLD) != 0; }

/* A small nursery; no automatic major collection before the heap holds min_threshold bytes
 * (and four nurseries). */
static hl_runtime *paced_runtime(size_t nursery, size_t min_threshold, int major_stop_the_world)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.gc_mode = HL_GC_GENERATIONAL;
    cfg.gc_nursery_size = nursery;
    cfg.gc_promote_age = 1;
    cfg.gc_min_threshold = min_threshold;
    cfg.gc_growth_percent = 10;
    cfg.gc_step_size = 1024;
    cfg.gc_major_stop_the_world = major_stop_the_world;
    return test_collector_runtime(&cfg);
}

static uint64_t minors(hl_runtime *rt) { return test_gc_stats(rt).minor_collections; }

Test(major_steps, a_nursery_that_survives_makes_the_next_objects_born_old)
{
    hl_runtime *rt = paced_runtime(1u << 20, 64u << 20, 0); /* no automatic major collection */
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    uint64_t m = minors(rt);
    while (minors(rt) == m) /* a nursery of floats (thousands: a few objects judge nothing), all kept */
        cr_assert_eq(hl_list_append(rt, keep, hl_float_new(rt, 1.0)), 0);
    hl_value f = hl_float_new(rt, 2.0);
    cr_assert(is_old(f), "born old after a minor collection that kept the nursery");
    cr_assert_geq(test_gc_stats(rt).objects_pretenured, 1);
    cr_assert_eq(hl_list_append(rt, keep, f), 0);

    /* Garbage now: the window ends, a quarter nursery is collected young, and it all died. */
    m = minors(rt);
    while (minors(rt) == m)
        cr_assert(hl_float_new(rt, -1.0));
    cr_assert_lt(test_gc_stats(rt).last.objects_marked, 10, "the probe's floats were garbage");
    hl_value g = hl_float_new(rt, 3.0);
    cr_assert(!is_old(g), "a nursery that dies is collected young again");

    /* Pretenured garbage is old: a major collection frees it, and the kept floats stay. */
    size_t kept = hl_list_size(keep);
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_FLOAT), kept, "only the kept floats are left");
    cr_assert_eq(hl_float_get(hl_list_items(keep)[kept - 1]), 2.0);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* hl_gc_collect_minor says nothing of a nursery's survival: it starts no window. */
Test(major_steps, an_explicit_minor_collection_does_not_pretenure)
{
    hl_runtime *rt = paced_runtime(64u << 10, 64u << 20, 0);
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    for (int i = 0; i < 500; i++)
        cr_assert_eq(hl_list_append(rt, keep, hl_float_new(rt, i)), 0);
    cr_assert_eq(minors(rt), 0, "less than a nursery");
    hl_gc_collect_minor(rt);
    cr_assert(is_old(hl_list_items(keep)[499]));
    cr_assert(!is_old(hl_float_new(rt, 0.5)));
    cr_assert_eq(test_gc_stats(rt).objects_pretenured, 0);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* A list of n old floats 0..n-1, and the heap allocated into until a major collection is due
 * and under way: in steps (phase mark), or, stop-the-world, done. */
static hl_value old_floats(hl_runtime *rt, int n)
{
    hl_value l = hl_list_new(rt, 0);
    HL_ROOT(rt, l);
    for (int i = 0; i < n; i++)
        cr_assert_eq(hl_list_append(rt, l, hl_float_new(rt, i)), 0);
    hl_gc_collect(rt);
    HL_UNROOT(rt, 1);
    return l;
}

static void allocate_until_a_major_collection(hl_runtime *rt, hl_value keep)
{
    uint64_t majors = test_gc_stats(rt).major_collections;
    for (int i = 0; hl_gc_get_phase(rt) != HL_GC_PHASE_MARK && test_gc_stats(rt).major_collections == majors; i++) {
        cr_assert_lt(i, 1000000, "no major collection came");
        hl_value f = hl_float_new(rt, -1.0);
        cr_assert(f);
        if (i % 4 == 0) /* a quarter kept: the heap grows past the threshold */
            cr_assert_eq(hl_list_append(rt, keep, f), 0);
    }
}

/* While a major collection marks in steps, old objects move from a list not scanned yet into
 * one already scanned (black): the barrier sees a white old object stored into a black one,
 * and none is lost. No minor collection runs until the mark ends. */
Test(major_steps, old_objects_moved_while_a_major_collection_marks_in_steps)
{
    hl_runtime *rt = paced_runtime(64u << 10, 64u << 10, 0);
    hl_value from = HL_NOVALUE, to = HL_NOVALUE, keep = HL_NOVALUE;
    HL_ROOT(rt, from);
    HL_ROOT(rt, to);
    HL_ROOT(rt, keep);
    from = old_floats(rt, 20000);
    to = hl_list_new(rt, 0);
    keep = hl_list_new(rt, 0);
    allocate_until_a_major_collection(rt, keep);
    cr_assert_eq(hl_gc_get_phase(rt), HL_GC_PHASE_MARK, "the major collection marks in steps");
    uint64_t m = minors(rt);
    int moved = 0, while_marking = 0;
    while (hl_list_size(from) > 0) {
        hl_value f = hl_list_pop(rt, from, 0); /* from's front: scanned last, if at all */
        cr_assert(f);
        cr_assert_eq(hl_list_append(rt, to, f), 0);
        moved++;
        if (hl_gc_get_phase(rt) == HL_GC_PHASE_MARK) {
            cr_assert_eq(minors(rt), m, "no minor collection while the major one marks");
            while_marking++;
            if (moved % 500 == 0)
                hl_gc_step(rt);
        }
    }
    cr_assert_gt(while_marking, 1000, "the moves ran while the collection marked");
    cr_assert_gt(test_gc_stats(rt).mark_steps, 1);
    hl_gc_collect(rt);
    cr_assert_eq(hl_list_size(to), 20000);
    double sum = 0;
    for (size_t i = 0; i < 20000; i++)
        sum += hl_float_get(hl_list_items(to)[i]);
    cr_assert_eq(sum, 20000.0 * 19999.0 / 2, "every moved float kept its value");
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}

Test(major_steps, stop_the_world_majors_mark_in_one_pause)
{
    hl_runtime *rt = paced_runtime(64u << 10, 64u << 10, 1);
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    uint64_t majors = test_gc_stats(rt).major_collections;
    allocate_until_a_major_collection(rt, keep);
    cr_assert_gt(test_gc_stats(rt).major_collections, majors);
    cr_assert_eq(test_gc_stats(rt).last.steps, 0);
    cr_assert_eq(test_gc_stats(rt).mark_steps, 0, "never in steps");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(major_steps, the_environment_chooses_how_majors_mark)
{
    hl_config cfg;
    setenv("HEAPLAB_GC_MAJOR", "stop-the-world", 1);
    hl_config_init(&cfg);
    cr_assert_eq(cfg.gc_major_stop_the_world, 1);
    setenv("HEAPLAB_GC_MAJOR", "incremental", 1);
    hl_config_init(&cfg);
    cr_assert_eq(cfg.gc_major_stop_the_world, 0);
    setenv("HEAPLAB_GC_MAJOR", "sometimes", 1);
    hl_config_init(&cfg);
    cr_assert_eq(cfg.gc_major_stop_the_world, 0, "what does not parse is ignored");
    unsetenv("HEAPLAB_GC_MAJOR");
}
