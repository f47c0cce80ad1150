/* The mark phase skips runs of non-pointers (small ints, None) in a list four at a time:
 * a pointer at any offset after any run of them, at either end, must still be found. */
#include "support.h"

/* Lists of every length up to 13, each holding one float at one position (every position of
 * every length) among small ints and Nones, plus one list of only ints: after a collection
 * every float is alive, and a dropped float is not. */
Test(mark_runs, pointer_at_every_offset_of_a_run_of_immediates)
{
    hl_runtime *rt = test_runtime();
    if (!test_precise(rt))
        cr_skip("exact counts need a precise collector; tests/test_boehm.c covers Boehm");
    hl_value outer = hl_list_new(rt, 0), inner = HL_NOVALUE;
    HL_ROOT(rt, outer);
    HL_ROOT(rt, inner);
    size_t floats = 0;
    for (size_t len = 1; len <= 13; len++) {
        for (size_t at = 0; at < len; at++) {
            inner = hl_list_new(rt, len);
            cr_assert(inner);
            cr_assert_eq(hl_list_append(rt, outer, inner), 0);
            for (size_t i = 0; i < len; i++) {
                hl_value v = i == at ? hl_float_new(rt, (double)i) : i % 3 ? hl_int_new(rt, (int64_t)i) : HL_NONE;
                cr_assert(v);
                cr_assert_eq(hl_list_append(rt, inner, v), 0);
            }
            floats++;
        }
    }
    hl_value ints[9] = {0};
    for (size_t i = 0; i < 9; i++)
        ints[i] = hl_int_new(rt, (int64_t)i);
    cr_assert_eq(hl_list_append(rt, outer, hl_list_from(rt, ints, 9)), 0);
    cr_assert(hl_float_new(rt, -1.0)); /* garbage */
    hl_gc_collect(rt);
    cr_assert_eq(hl_heap_count(rt, HL_T_FLOAT), floats);
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}
