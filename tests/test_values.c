/* Tagged values, ints in both modes, floats and their repr. */
#include <math.h>

#include "support.h"

Test(values, immediates_are_not_objects)
{
    cr_assert(hl_is_smallint(hl_smallint(42)));
    cr_assert_eq(hl_smallint_value(hl_smallint(-7)), -7);
    cr_assert_eq(hl_smallint_value(hl_smallint(HL_SMALLINT_MAX)), HL_SMALLINT_MAX);
    cr_assert_eq(hl_smallint_value(hl_smallint(HL_SMALLINT_MIN)), HL_SMALLINT_MIN);
    cr_assert(!hl_is_ptr(HL_NONE) && !hl_is_ptr(HL_TRUE) && !hl_is_ptr(HL_FALSE));
    cr_assert(!hl_is_ptr(HL_NOVALUE));
    cr_assert_neq(HL_TRUE, HL_FALSE);
    cr_assert_eq(hl_typeof(HL_NONE), HL_T_NONE);
    cr_assert_eq(hl_typeof(HL_TRUE), HL_T_BOOL);
    cr_assert_eq(hl_typeof(hl_smallint(1)), HL_T_INT);
    cr_assert_str_eq(hl_typeof_name(HL_NONE), "NoneType");
}

Test(values, tagged_small_ints_allocate_nothing)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.int_mode = HL_INT_TAGGED;
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    size_t before = hl_heap_count(rt, HL_T_INT);
    hl_value a = hl_int_new(rt, 1000), b = hl_int_new(rt, 1000);
    cr_assert(hl_is_smallint(a));
    cr_assert(hl_is(a, b), "tagged ints with the same value are the same word");
    cr_assert_eq(hl_heap_count(rt, HL_T_INT), before);
    hl_value big = hl_int_new(rt, INT64_MAX);
    cr_assert(hl_is_ptr(big), "beyond 63 bits an int is boxed");
    cr_assert_eq(hl_int_get(big), INT64_MAX);
    cr_assert_eq(hl_heap_count(rt, HL_T_INT), before + 1);
    hl_runtime_free(rt);
}

Test(values, boxed_ints_share_only_the_small_cache)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.int_mode = HL_INT_BOXED;
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    cr_assert(hl_is(hl_int_new(rt, 256), hl_int_new(rt, 256)), "256 is cached, as in CPython");
    cr_assert(hl_is(hl_int_new(rt, -5), hl_int_new(rt, -5)));
    hl_value a = hl_int_new(rt, 257);
    HL_ROOT(rt, a);
    hl_value b = hl_int_new(rt, 257);
    cr_assert(!hl_is(a, b), "257 is not cached: two objects, as `257 is 257` computed at run time");
    cr_assert_eq(hl_eq(rt, a, b), 1);
    cr_assert(hl_is_ptr(a) && hl_is_int(a));
    cr_assert_eq(hl_int_get(hl_int_new(rt, 0)), 0);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(values, int_value_checks_type)
{
    hl_runtime *rt = test_runtime();
    int64_t out = 0;
    cr_assert_eq(hl_int_value(rt, HL_TRUE, &out), 0);
    cr_assert_eq(out, 1);
    hl_value s = hl_str_from_cstr(rt, "x");
    cr_assert_eq(hl_int_value(rt, s, &out), -1);
    cr_assert_eq(hl_error_type(rt), HL_EXC_TYPE_ERROR);
    hl_error_clear(rt);
    hl_runtime_free(rt);
}

static void check_float_repr(double d, const char *expected)
{
    char buf[HL_FLOAT_REPR_MAX];
    hl_float_repr(d, buf);
    cr_expect_str_eq(buf, expected, "repr(%.17g)", d);
}

Test(values, float_repr_is_shortest_round_trip)
{
    check_float_repr(0.1, "0.1");
    check_float_repr(0.1 + 0.2, "0.30000000000000004");
    check_float_repr(1.0, "1.0");
    check_float_repr(-0.0, "-0.0");
    check_float_repr(0.0, "0.0");
    check_float_repr(1e16, "1e+16");
    check_float_repr(1e15, "1000000000000000.0");
    check_float_repr(123456789012345678.0, "1.2345678901234568e+17");
    check_float_repr(1e-5, "1e-05");
    check_float_repr(0.0001, "0.0001");
    check_float_repr(1.0 / 3, "0.3333333333333333");
    check_float_repr(2.5e-7, "2.5e-07");
    check_float_repr(1e308 * 10, "inf");
    check_float_repr(-1e308 * 10, "-inf");
    check_float_repr(NAN, "nan");
    check_float_repr(5e-324, "5e-324");
    check_float_repr(1.7976931348623157e308, "1.7976931348623157e+308");
    check_float_repr(100.0, "100.0");
    check_float_repr(12.5, "12.5");
}
