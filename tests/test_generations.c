/* The young generation: minor and major collections, promotion, the write barrier's
 * remembered set, the knobs, the deep copy's pacing, and the check GC stress makes of the
 * barrier. Runs in every configuration of the suite; the tests that count collections make
 * their own runtime without GC stress. */
#include <stdio.h>
#include <stdlib.h>

#include "rt.h" /* white box: an object's generation, fault injection */
#include "support.h"

/* A generational runtime on the environment's backend, without GC stress: the tests choose
 * when to collect. */
static hl_runtime *gen_runtime(size_t nursery, unsigned promote_age)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.gc_mode = HL_GC_GENERATIONAL;
    cfg.gc_nursery_size = nursery;
    cfg.gc_promote_age = promote_age;
    return test_collector_runtime(&cfg);
}

static bool is_old(hl_value v) { return (hl_obj(v)->gc & HL_GC_OLD) != 0; }

Test(generations, minor_frees_young_garbage_and_keeps_the_old)
{
    hl_runtime *rt = gen_runtime(64u << 20, 1);
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    cr_assert_eq(hl_list_append(rt, keep, hl_float_new(rt, 1.5)), 0);
    hl_gc_collect_minor(rt); /* promotes keep and its float */
    cr_assert(is_old(keep) && is_old(hl_list_items(keep)[0]));
    size_t live = test_gc_stats(rt).live_objects;
    for (int i = 0; i < 100; i++)
        cr_assert(hl_float_new(rt, i)); /* young garbage */
    size_t freed = hl_gc_collect_minor(rt);
    cr_assert_eq(freed, 100);
    cr_assert_eq(test_gc_stats(rt).live_objects, live);
    cr_assert(test_gc_stats(rt).last.minor);
    /* Old garbage stays until a major collection. */
    cr_assert_eq(hl_list_pop(rt, keep, 0) != HL_NOVALUE, 1);
    cr_assert_eq(hl_gc_collect_minor(rt), 0, "an old float is no minor collection's to free");
    cr_assert_eq(hl_gc_collect(rt), 1, "the major one frees it");
    cr_assert(!test_gc_stats(rt).last.minor);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(generations, promotion_after_promote_age_minor_collections)
{
    hl_runtime *rt = gen_runtime(64u << 20, 3);
    hl_gc_collect(rt); /* everything made so far (boxed mode's small ints) is old */
    hl_value v = hl_float_new(rt, 2.5);
    HL_ROOT(rt, v);
    for (int i = 0; i < 2; i++) {
        hl_gc_collect_minor(rt);
        cr_assert(!is_old(v), "still young after %d minor collections", i + 1);
    }
    size_t old_before = test_gc_stats(rt).old_objects;
    hl_gc_collect_minor(rt);
    cr_assert(is_old(v), "old after the third");
    cr_assert_eq(test_gc_stats(rt).old_objects, old_before + 1);
    cr_assert_eq(test_gc_stats(rt).last.objects_promoted, 1);
    cr_assert_eq(test_gc_stats(rt).last.bytes_promoted, sizeof(hl_float_obj));
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* The object table keeps the old generation first: a promoted object and an object that
 * stays young are told apart by their flags, whatever their order in the table. */
Test(generations, a_major_collection_makes_every_survivor_old)
{
    hl_runtime *rt = gen_runtime(64u << 20, 15);
    hl_value l = hl_list_from(rt, (hl_value[]){HL_NONE}, 1);
    HL_ROOT(rt, l);
    hl_gc_collect_minor(rt);
    cr_assert(!is_old(l));
    hl_gc_collect(rt);
    cr_assert(is_old(l));
    cr_assert_eq(test_gc_stats(rt).old_objects, test_gc_stats(rt).live_objects);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* A young object only an old container refers to survives minor collections: every way a
 * container of the object model takes a reference goes through the write barrier. */
Test(generations, young_objects_held_only_by_old_containers_survive)
{
    hl_runtime *rt = gen_runtime(64u << 20, 1);
    hl_value list = hl_list_new(rt, 0), dict = HL_NOVALUE, set = HL_NOVALUE;
    HL_ROOT(rt, list);
    HL_ROOT(rt, dict);
    HL_ROOT(rt, set);
    dict = hl_dict_new(rt);
    set = hl_set_new(rt);
    cr_assert_eq(hl_list_append(rt, list, HL_NONE), 0);
    cr_assert_eq(hl_dict_set(rt, dict, hl_str_from_cstr(rt, "k"), HL_NONE), 0);
    hl_gc_collect(rt);
    cr_assert(is_old(list) && is_old(dict) && is_old(set));
    cr_assert_eq(test_gc_stats(rt).remembered, 0);

    cr_assert_eq(hl_list_set(rt, list, 0, hl_float_new(rt, 1.0)), 0);
    cr_assert_eq(hl_list_append(rt, list, hl_float_new(rt, 2.0)), 0);
    cr_assert_eq(hl_list_insert(rt, list, 0, hl_float_new(rt, 0.5)), 0);
    cr_assert_eq(hl_dict_set(rt, dict, hl_str_from_cstr(rt, "k"), hl_float_new(rt, 3.0)), 0);
    cr_assert_eq(hl_dict_set(rt, dict, hl_float_new(rt, 4.0), HL_NONE), 0);
    cr_assert_eq(hl_set_add(rt, set, hl_str_from_cstr(rt, "member")), 0);
    cr_assert_eq(test_gc_stats(rt).remembered, 3, "each container once");
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 1000; j++)
            cr_assert(hl_float_new(rt, -1)); /* garbage, so that the sweep has work */
        hl_gc_collect_minor(rt);
    }
    cr_assert_str_eq(test_repr(rt, list), "[0.5, 1.0, 2.0]");
    cr_assert_str_eq(test_repr(rt, dict), "{'k': 3.0, 4.0: None}");
    cr_assert_str_eq(test_repr(rt, set), "{'member'}");
    cr_assert_eq(test_gc_stats(rt).remembered, 0, "promoted with age 1: nothing young is left to remember");
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}

/* An old object stays remembered while the young objects it holds are young, and an object
 * promoted with young children joins the set. */
Test(generations, remembered_set_follows_what_is_still_young)
{
    hl_runtime *rt = gen_runtime(64u << 20, 2);
    hl_value outer = hl_list_new(rt, 0);
    HL_ROOT(rt, outer);
    hl_gc_collect(rt);
    cr_assert(is_old(outer));
    hl_value inner = hl_list_new(rt, 0);
    cr_assert_eq(hl_list_append(rt, outer, inner), 0);
    cr_assert_eq(test_gc_stats(rt).remembered, 1);
    hl_gc_collect_minor(rt); /* inner: age 1, still young */
    cr_assert(!is_old(inner));
    cr_assert_eq(test_gc_stats(rt).remembered, 1, "outer still refers to a young list");
    cr_assert_eq(hl_list_append(rt, inner, hl_float_new(rt, 7.0)), 0); /* a young float in young inner */
    hl_gc_collect_minor(rt); /* inner promoted; its float (age 1) stays young */
    cr_assert(is_old(inner));
    cr_assert(!is_old(hl_list_items(inner)[0]));
    cr_assert_eq(test_gc_stats(rt).remembered, 1, "outer leaves the set, inner (promoted, with a young float) joins");
    cr_assert(hl_obj(inner)->gc & HL_GC_REMEMBERED);
    cr_assert(!(hl_obj(outer)->gc & HL_GC_REMEMBERED));
    hl_gc_collect_minor(rt);
    cr_assert_str_eq(test_repr(rt, outer), "[[7.0]]");
    cr_assert_eq(test_gc_stats(rt).remembered, 0);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* C code writing through hl_list_items tells the collector with hl_gc_write_barrier. */
Test(generations, raw_stores_with_the_public_barrier)
{
    hl_runtime *rt = gen_runtime(64u << 20, 1);
    hl_value l = hl_list_from(rt, (hl_value[]){HL_NONE, HL_NONE}, 2);
    HL_ROOT(rt, l);
    hl_gc_collect(rt);
    hl_list_items(l)[1] = hl_str_from_cstr(rt, "fresh");
    hl_gc_write_barrier(rt, l);
    hl_gc_write_barrier(rt, hl_smallint(3)); /* not an object: nothing to do */
    hl_gc_collect_minor(rt);
    cr_assert_str_eq(test_repr(rt, l), "[None, 'fresh']");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* The check GC stress makes before each minor collection: an old object that refers to a
 * young one outside the remembered set is a store without its barrier, and aborts. */
static void store_without_barrier_under_stress(void)
{
    hl_runtime *rt = gen_runtime(64u << 20, 1);
    hl_value l = hl_list_from(rt, (hl_value[]){HL_NONE}, 1);
    HL_ROOT(rt, l);
    hl_gc_collect(rt);
    hl_list_items(l)[0] = hl_float_new(rt, 1.0); /* no barrier */
    hl_gc_set_stress(rt, 1);
    hl_float_new(rt, 2.0); /* a minor collection: the check aborts */
    hl_float_new(rt, 3.0);
}

Test(generations, stress_catches_a_missing_barrier)
{
    hl_runtime *probe = gen_runtime(64u << 20, 1); /* skips on boehm */
    hl_runtime_free(probe);
    test_expect_abort(store_without_barrier_under_stress, "the missing barrier");
}

/* A minor collection comes after gc_nursery_size bytes; stop-the-world has none. */
Test(generations, the_nursery_size_paces_minor_collections)
{
    hl_runtime *rt = gen_runtime(64u << 10, 2);
    hl_gc_stats before = test_gc_stats(rt);
    for (int i = 0; i < 64 * 1024; i++) /* 64k floats of 16 bytes: 1 MiB */
        cr_assert(hl_float_new(rt, i));
    hl_gc_stats after = test_gc_stats(rt);
    uint64_t minors = after.minor_collections - before.minor_collections;
    cr_assert(minors >= 14 && minors <= 17, "1 MiB through a 64 KiB nursery: about 16 minor collections (%llu)",
              (unsigned long long)minors);
    cr_assert_eq(after.major_collections, before.major_collections);
    cr_assert_eq(after.collections, after.minor_collections + after.major_collections);
    cr_assert_leq(after.max_minor_pause_ns, after.minor_pause_ns);
    hl_runtime_free(rt);

    hl_config cfg;
    hl_config_init(&cfg);
    cfg.gc_stress = 0;
    cfg.gc_mode = HL_GC_STOP_THE_WORLD;
    rt = hl_runtime_new(&cfg, NULL, 0);
    cr_assert_not_null(rt);
    for (int i = 0; i < 256 * 1024; i++)
        cr_assert(hl_float_new(rt, i));
    cr_assert_eq(test_gc_stats(rt).minor_collections, 0);
    cr_assert_eq(test_gc_stats(rt).old_objects, 0, "stop-the-world: no generations");
    if (test_precise(rt))
        cr_assert_geq(test_gc_stats(rt).major_collections, 1);
    hl_runtime_free(rt);
}

/* The major collection comes once the bytes live after a collection have doubled since the
 * last major one (gc_growth_percent 100), whatever the minor collections promote. */
Test(generations, major_collections_follow_the_growth_of_the_old)
{
    hl_runtime *rt = gen_runtime(256u << 10, 1);
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    hl_gc_collect(rt);
    uint64_t majors = test_gc_stats(rt).major_collections;
    for (int i = 0; i < 200 * 1000; i++) /* 3.2 MB of floats kept: the old grows */
        cr_assert_eq(hl_list_append(rt, keep, hl_float_new(rt, i)), 0);
    hl_gc_stats s = test_gc_stats(rt);
    cr_assert_gt(s.major_collections, majors, "majors as the kept floats pile up");
    cr_assert_gt(s.minor_collections, 10);
    cr_assert_gt(s.objects_promoted + s.objects_pretenured, 150 * 1000, "old, one way or the other");
    cr_assert_eq(hl_list_size(keep), 200 * 1000);
    cr_assert_eq(hl_float_get(hl_list_items(keep)[123456]), 123456.0);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* A write barrier that finds no room in the remembered set loses nothing: the next
 * collection is a major one. */
Test(generations, a_remembered_set_without_memory_means_a_major_collection)
{
    hl_runtime *rt = gen_runtime(64u << 20, 1);
    hl_value lists = hl_list_new(rt, 300), floats = HL_NOVALUE;
    HL_ROOT(rt, lists);
    HL_ROOT(rt, floats);
    for (int i = 0; i < 300; i++)
        cr_assert_eq(hl_list_append(rt, lists, hl_list_from(rt, (hl_value[]){HL_NONE}, 1)), 0);
    hl_gc_collect(rt); /* 300 old lists of one item */
    floats = hl_list_new(rt, 300);
    for (int i = 0; i < 300; i++)
        cr_assert_eq(hl_list_append(rt, floats, hl_float_new(rt, i)), 0);
    rt->cfg.fail_rate = 1.0; /* the remembered set cannot grow past its first 256 entries */
    for (int i = 0; i < 300; i++)
        cr_assert_eq(hl_list_set(rt, hl_list_items(lists)[i], 0, hl_list_items(floats)[i]), 0);
    rt->cfg.fail_rate = 0;
    cr_assert(rt->remembered_lost, "44 stores found no room");
    floats = HL_NOVALUE; /* the young floats: now only the old lists hold them */
    hl_gc_collect_minor(rt);
    cr_assert(!test_gc_stats(rt).last.minor, "asked for a minor collection, ran a major one");
    cr_assert(!rt->remembered_lost);
    for (int i = 0; i < 300; i++)
        cr_assert_eq(hl_float_get(hl_list_items(hl_list_items(lists)[i])[0]), (double)i);
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

/* A deep copy runs without automatic collections (all it makes is its result) and its
 * objects are promoted by the first minor collection they survive. */
Test(generations, deep_copy_pacing)
{
    hl_runtime *rt = gen_runtime(64u << 10, 3);
    hl_value tree = hl_list_new(rt, 0);
    HL_ROOT(rt, tree);
    for (int i = 0; i < 20000; i++) /* 20,000 lists of 3 items: ~1.1 MB, many nurseries */
        cr_assert_eq(hl_list_append(rt, tree, hl_list_from(rt, (hl_value[]){HL_NONE, hl_smallint(i), HL_TRUE}, 3)), 0);
    hl_gc_collect(rt);
    uint64_t before = test_gc_stats(rt).collections;
    hl_value copy = hl_deepcopy(rt, tree);
    cr_assert(copy);
    HL_ROOT(rt, copy);
    cr_assert_eq(test_gc_stats(rt).collections, before, "no collection during the copy");
    cr_assert_eq(hl_eq(rt, copy, tree), 1);
    hl_gc_collect_minor(rt);
    cr_assert(is_old(copy) && is_old(hl_list_items(copy)[19999]), "promoted by the first minor collection");
    cr_assert_eq(test_gc_stats(rt).last.objects_promoted, 20001);
    /* A young object made outside a copy waits promote_age minor collections, as before. */
    hl_value f = hl_float_new(rt, 1.0);
    HL_ROOT(rt, f);
    hl_gc_collect_minor(rt);
    cr_assert(!is_old(f));
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}

Test(generations, settings_are_checked)
{
    hl_config cfg;
    hl_config_init(&cfg);
    char err[256] = "";
    cfg.gc_promote_age = 16;
    cr_assert_null(hl_runtime_new(&cfg, err, sizeof err));
    cr_assert_str_eq(err, "gc_promote_age must be 1 to 15");
    cfg.gc_promote_age = 2;
    cfg.gc_mode = (hl_gc_mode)7;
    cr_assert_null(hl_runtime_new(&cfg, err, sizeof err));
    cr_assert_str_eq(err, "unknown gc mode (generational, stop-the-world or incremental)");
    /* Zeros take the defaults. */
    cfg.gc_mode = HL_GC_GENERATIONAL;
    cfg.gc_nursery_size = 0;
    cfg.gc_promote_age = 0;
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "%s", err);
    cr_assert_eq(hl_runtime_config(rt)->gc_nursery_size, 8u << 20);
    cr_assert_eq(hl_runtime_config(rt)->gc_promote_age, 1);
    hl_runtime_free(rt);
}

Test(generations, sizes_and_modes_parse)
{
    size_t n;
    cr_assert(hl_parse_size("4096", &n) == 0 && n == 4096);
    cr_assert(hl_parse_size("512k", &n) == 0 && n == 512u << 10);
    cr_assert(hl_parse_size("8M", &n) == 0 && n == 8u << 20);
    cr_assert(hl_parse_size("1G", &n) == 0 && n == 1u << 30);
    cr_assert_eq(hl_parse_size("8MB", &n), -1);
    cr_assert_eq(hl_parse_size("-1", &n), -1);
    cr_assert_eq(hl_parse_size("", &n), -1);
    cr_assert_eq(hl_parse_size("99999999999999999999", &n), -1);
    hl_gc_mode m;
    cr_assert(hl_parse_gc_mode("stop-the-world", &m) == 0 && m == HL_GC_STOP_THE_WORLD);
    cr_assert(hl_parse_gc_mode("generational", &m) == 0 && m == HL_GC_GENERATIONAL);
    cr_assert(hl_parse_gc_mode("incremental", &m) == 0 && m == HL_GC_INCREMENTAL);
    cr_assert_eq(hl_parse_gc_mode("sometimes", &m), -1);
    cr_assert_str_eq(hl_gc_mode_name(HL_GC_STOP_THE_WORLD), "stop-the-world");
}

Test(generations, the_environment_sets_the_knobs)
{
    setenv("HEAPLAB_GC_NURSERY", "512k", 1);
    setenv("HEAPLAB_GC_PROMOTE_AGE", "4", 1);
    setenv("HEAPLAB_GC_MODE", "stop-the-world", 1);
    hl_config cfg;
    hl_config_init(&cfg);
    cr_assert_eq(cfg.gc_nursery_size, 512u << 10);
    cr_assert_eq(cfg.gc_promote_age, 4);
    cr_assert_eq(cfg.gc_mode, HL_GC_STOP_THE_WORLD);
    setenv("HEAPLAB_GC_NURSERY", "lots", 1);
    setenv("HEAPLAB_GC_PROMOTE_AGE", "99", 1);
    setenv("HEAPLAB_GC_MODE", "sometimes", 1);
    hl_config_init(&cfg);
    cr_assert_eq(cfg.gc_nursery_size, 8u << 20, "what does not parse is ignored");
    cr_assert_eq(cfg.gc_promote_age, 1);
    cr_assert_eq(cfg.gc_mode, HL_GC_GENERATIONAL);
    unsetenv("HEAPLAB_GC_NURSERY");
    unsetenv("HEAPLAB_GC_PROMOTE_AGE");
    unsetenv("HEAPLAB_GC_MODE");
}

/* A major collection's sweep goes on in steps after its pause, as the program allocates; the
 * counts are exact whenever they are read, and a heap with nothing to free is not swept. */
Test(generations, a_major_collection_sweeps_in_steps)
{
    hl_runtime *rt = gen_runtime(64u << 20, 2);
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    for (int i = 0; i < 20000; i++) {
        hl_value f = hl_float_new(rt, i);
        if (i % 2 == 0)
            cr_assert_eq(hl_list_append(rt, keep, f), 0);
    }
    hl_gc_collect(rt);
    uint64_t steps = test_gc_stats(rt).sweep_steps;
    size_t freed = hl_gc_collect(rt);
    cr_assert_eq(freed, 0, "everything left is reachable");
    cr_assert_eq(test_gc_stats(rt).sweep_steps, steps, "nothing to free: no sweep");
    cr_assert_eq(hl_list_clear(rt, keep), 0);
    freed = hl_gc_collect(rt);
    cr_assert_eq(freed, 10000, "the count is known when the pause ends");
    cr_assert((hl_gc_get_phase(rt) == HL_GC_PHASE_SWEEP), "the floats are swept later");
    for (int i = 0; i < 10000; i++)
        cr_assert(hl_float_new(rt, -i)); /* 160 KB: 39 steps of 512 objects, of the ~10,000 */
    cr_assert(!(hl_gc_get_phase(rt) == HL_GC_PHASE_SWEEP), "swept while allocating");
    hl_gc_stats s = test_gc_stats(rt);
    cr_assert_gt(s.sweep_steps, steps);
    cr_assert_leq(s.max_sweep_step_ns, s.sweep_step_ns);
    cr_assert_eq(s.objects_allocated, s.live_objects + s.objects_freed);
    /* Read before the sweep is done, the figures are a finished sweep's. */
    cr_assert_eq(hl_list_append(rt, keep, hl_float_new(rt, 1)), 0);
    hl_gc_collect(rt);
    cr_assert((hl_gc_get_phase(rt) == HL_GC_PHASE_SWEEP));
    cr_assert_eq(hl_heap_count(rt, HL_T_FLOAT), 1);
    cr_assert(!(hl_gc_get_phase(rt) == HL_GC_PHASE_SWEEP));
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* A minor collection, then floats that take the blocks it freed: a young float it wrongly
 * freed shows another value (and ASan sees the use after free). */
static void minor_then_reuse(hl_runtime *rt)
{
    hl_gc_collect_minor(rt);
    for (int i = 0; i < 256; i++)
        cr_assert(hl_float_new(rt, -1.0));
}

/* Appending to an old list remembers the range of items written, not the list: a minor
 * collection then traces the new items only. Moving the items about (a delete in the middle,
 * a sort, a reverse) remembers the list whole. Young items survive every way. */
Test(generations, an_old_list_is_remembered_by_the_range_written)
{
    hl_runtime *rt = gen_runtime(64u << 20, 2);
    hl_value big = hl_list_new(rt, 0);
    HL_ROOT(rt, big);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(hl_list_append(rt, big, hl_smallint(i)), 0);
    hl_gc_collect(rt);
    for (int i = 0; i < 10; i++)
        cr_assert_eq(hl_list_append(rt, big, hl_float_new(rt, i)), 0);
    cr_assert_eq(rt->nremembered, 1);
    cr_assert(rt->remembered[0].object == hl_obj(big));
    cr_assert_eq(rt->remembered[0].lo, 1000);
    cr_assert_eq(rt->remembered[0].hi, 1010);
    cr_assert_not(hl_obj(big)->gc & HL_GC_REMEMBERED_ALL);
    hl_gc_collect_minor(rt); /* the floats: age 1, still young; the range stays */
    cr_assert_eq(rt->nremembered, 1);
    cr_assert_eq(rt->remembered[0].hi - rt->remembered[0].lo, 10);
    /* Another object's barrier comes between, or a store far from the last: a range of its
     * own, not the whole list. */
    hl_value other = hl_list_new(rt, 0);
    HL_ROOT(rt, other);
    hl_gc_collect(rt);
    cr_assert_eq(hl_list_append(rt, big, hl_float_new(rt, 10)), 0);
    cr_assert_eq(hl_list_append(rt, other, hl_float_new(rt, 11)), 0);
    cr_assert_eq(hl_list_set(rt, big, 5, hl_float_new(rt, 12)), 0);
    cr_assert_eq(hl_list_set(rt, big, 500, hl_float_new(rt, 13)), 0);
    cr_assert_eq(hl_list_set(rt, big, 510, hl_float_new(rt, 14)), 0); /* near: the same range */
    cr_assert_not(hl_obj(big)->gc & HL_GC_REMEMBERED_ALL);
    cr_assert_eq(rt->nremembered, 4);
    cr_assert(rt->remembered[3].lo == 500 && rt->remembered[3].hi == 511);
    minor_then_reuse(rt);
    cr_assert_eq(hl_float_get(hl_list_items(big)[5]), 12.0);
    cr_assert_eq(hl_float_get(hl_list_items(big)[500]), 13.0);
    cr_assert_eq(hl_float_get(hl_list_items(big)[510]), 14.0);
    cr_assert_eq(hl_float_get(hl_list_items(big)[1010]), 10.0);
    cr_assert_eq(hl_float_get(hl_list_items(other)[0]), 11.0);
    /* Items moved: a delete in the middle, a reverse, a sort. */
    hl_gc_collect(rt);
    cr_assert_eq(hl_list_set(rt, big, 999, hl_float_new(rt, 99.5)), 0); /* remembered: [999, 1000) */
    cr_assert_eq(hl_list_del(rt, big, 0), 0);                          /* ... now at 998 */
    cr_assert(hl_obj(big)->gc & HL_GC_REMEMBERED_ALL);
    minor_then_reuse(rt);
    cr_assert_eq(hl_float_get(hl_list_items(big)[998]), 99.5);
    hl_value l = hl_list_from(rt, (hl_value[]){hl_smallint(3), hl_smallint(1), hl_smallint(2)}, 3);
    HL_ROOT(rt, l);
    hl_gc_collect(rt);
    cr_assert_eq(hl_list_set(rt, l, 2, hl_float_new(rt, 0.5)), 0);
    cr_assert_eq(hl_list_sort(rt, l, HL_NOVALUE, false), 0); /* 0.5 moves to the front */
    minor_then_reuse(rt);
    cr_assert_str_eq(test_repr(rt, l), "[0.5, 1, 3]");
    hl_gc_collect(rt);
    cr_assert_eq(hl_list_set(rt, l, 2, hl_float_new(rt, 7.5)), 0);
    cr_assert_eq(hl_list_reverse(rt, l), 0);
    minor_then_reuse(rt);
    cr_assert_str_eq(test_repr(rt, l), "[7.5, 1, 0.5]");
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}
