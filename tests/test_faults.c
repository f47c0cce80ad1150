/* Fault injection: fail the Nth allocation for every N of a representative workload. Each run
 * must end in MemoryError (or, past the workload's last allocation, succeed), leave the runtime
 * consistent and usable, and leak nothing (the ASan build checks leaks and memory errors). */
#include "support.h"

/* Builds, mutates, copies and collects a little of everything; -1 on error. */
static int workload(hl_runtime *rt)
{
    int r = -1;
    hl_value list = HL_NOVALUE, d = HL_NOVALUE, s = HL_NOVALUE, tmp = HL_NOVALUE;
    HL_ROOT(rt, list);
    HL_ROOT(rt, d);
    HL_ROOT(rt, s);
    HL_ROOT(rt, tmp);
    if (!(list = hl_list_new(rt, 0)) || !(d = hl_dict_new(rt)) || !(s = hl_set_new(rt)))
        goto out;
    for (int i = 0; i < 40; i++) {
        if (!(tmp = hl_str_format(rt, "key-%d", i % 13)) || !(tmp = hl_str_intern(rt, tmp)))
            goto out;
        if (hl_dict_set(rt, d, tmp, hl_float_new(rt, i * 1.5)) || hl_set_add(rt, s, tmp))
            goto out;
        hl_value pair[2] = {tmp, hl_smallint(i)};
        hl_root_array(rt, pair, 2);
        tmp = hl_tuple_new(rt, pair, 2);
        hl_unroot_array(rt);
        if (!tmp || hl_list_append(rt, list, tmp))
            goto out;
    }
    if (!(tmp = hl_list_slice(rt, list, HL_SLICE_OMITTED, HL_SLICE_OMITTED, -1)) ||
        hl_list_extend(rt, list, tmp) || hl_list_sort(rt, list, HL_NOVALUE, false))
        goto out;
    if (!(tmp = hl_binary_op(rt, HL_OP_ADD, list, list)) || !(tmp = hl_repr(rt, tmp)))
        goto out;
    if (!(tmp = hl_dict_items(rt, d)) || !(tmp = hl_set_of(rt, tmp)) || !(tmp = hl_inplace_op(rt, HL_OP_OR, s, tmp)))
        goto out;
    hl_gc_collect(rt);
    r = 0;
out:
    HL_UNROOT(rt, 4);
    return r;
}

static hl_runtime *faulty_runtime(uint64_t fail_at, double rate, uint64_t seed)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.fail_at = fail_at;
    cfg.fail_rate = rate;
    cfg.fail_seed = seed;
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    cr_assert_not_null(rt, "runtime creation never trips injected faults");
    return rt;
}

/* After a failure, the runtime must still work: collect, and build and print something. */
static void check_usable(hl_runtime *rt)
{
    hl_error_clear(rt);
    hl_gc_collect(rt);
    hl_value l = hl_list_from(rt, (hl_value[]){hl_smallint(1), HL_NONE}, 2);
    if (!l) { /* the injected failure may be this allocation itself: then the next one works */
        cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR);
        hl_error_clear(rt);
        l = hl_list_from(rt, (hl_value[]){hl_smallint(1), HL_NONE}, 2);
    }
    cr_assert(l, "the runtime allocates again: %s", hl_error_string(rt));
    hl_value r = hl_repr(rt, l);
    cr_assert(r);
    cr_assert_str_eq(hl_str_data(r), "[1, None]");
}

Test(faults, every_allocation_of_a_workload_can_fail, .timeout = 600)
{
    uint64_t n = 1;
    for (;; n++) {
        hl_runtime *rt = faulty_runtime(n, 0, 0);
        int r = workload(rt);
        if (r == 0) {
            cr_assert_eq(hl_error_type(rt), HL_EXC_NONE, "fail_at=%llu: %s", (unsigned long long)n, hl_error_string(rt));
            hl_runtime_free(rt);
            break; /* n is past the workload's last allocation */
        }
        cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR, "fail_at=%llu: %s", (unsigned long long)n,
                     hl_error_string(rt));
        cr_assert_str_eq(hl_error_string(rt), "MemoryError");
        hl_heap_stats h;
        hl_heap_get_stats(rt, &h);
        cr_assert_eq(h.failures, 1, "exactly the injected failure");
        check_usable(rt);
        hl_runtime_free(rt);
    }
    cr_assert_gt(n, 150, "the workload makes over a hundred allocations (%llu)", (unsigned long long)n);
}

Test(faults, random_failures_with_a_seed_are_repeatable)
{
    int outcome[2][20];
    for (int round = 0; round < 2; round++) {
        for (uint64_t seed = 1; seed <= 20; seed++) {
            hl_runtime *rt = faulty_runtime(0, 0.002, seed);
            outcome[round][seed - 1] = workload(rt);
            if (outcome[round][seed - 1])
                cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR);
            check_usable(rt);
            hl_runtime_free(rt);
        }
    }
    int failed = 0;
    for (int i = 0; i < 20; i++) {
        cr_assert_eq(outcome[0][i], outcome[1][i], "seed %d gives the same run twice", i + 1);
        failed += outcome[0][i] != 0;
    }
    cr_assert(failed > 0 && failed < 20, "a 0.2%% rate fails some runs, not all (%d of 20)", failed);
}
