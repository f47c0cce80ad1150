/* Big ints: multiplying two numbers of n decimal digits (GMP's mpn_mul on limbs inside heaplab
 * objects), and str() of 2**n (mpn_get_str, subquadratic; the digit limit lifted), on every
 * backend. The python3 peer runs the same (perf/peers/workloads.py): time per digit, and per
 * bit of 2**n. */
#include "harness.h"
#include "suites.h"

/* [10**n // 7, 10**n // 13]: two n-digit ints, CPython's peer makes the same. */
static hl_value two_numbers(hl_runtime *rt, size_t n)
{
    hl_value v[3] = {hl_int_new(rt, (int64_t)n), HL_NOVALUE, HL_NOVALUE};
    hl_root_array(rt, v, 3);
    hl_value list = HL_NOVALUE;
    if ((v[0] = hl_binary_op(rt, HL_OP_POW, hl_int_new(rt, 10), v[0])) &&
        (v[1] = hl_binary_op(rt, HL_OP_FLOORDIV, v[0], hl_int_new(rt, 7))) &&
        (v[2] = hl_binary_op(rt, HL_OP_FLOORDIV, v[0], hl_int_new(rt, 13))))
        list = hl_list_from(rt, v + 1, 2);
    hl_unroot_array(rt);
    return list;
}

static hl_value multiply(hl_runtime *rt, hl_value pair, size_t n)
{
    (void)n;
    hl_value p = hl_binary_op(rt, HL_OP_MUL, hl_list_items(pair)[0], hl_list_items(pair)[1]);
    return p ? pair : HL_NOVALUE;
}

/* 2**n, with no limit on the digits str() may make. */
static hl_value power_of_two(hl_runtime *rt, size_t n)
{
    if (hl_int_set_max_str_digits(rt, 0))
        return HL_NOVALUE;
    hl_value e = hl_int_new(rt, (int64_t)n);
    return e ? hl_binary_op(rt, HL_OP_POW, hl_int_new(rt, 2), e) : HL_NOVALUE;
}

static hl_value to_str(hl_runtime *rt, hl_value v, size_t n)
{
    (void)n;
    return hl_to_str(rt, v) ? v : HL_NOVALUE;
}

static const perf_workload big_mul = {.setup = two_numbers, .step = multiply, .warm = true};
static const perf_workload big_str = {.setup = power_of_two, .step = to_str, .warm = true};

void perf_register_bigint(void)
{
    perf_register("bigint.mul", &big_mul, PERF_SIZES(10000), HL_INT_TAGGED);
    perf_register("bigint.str", &big_str, PERF_SIZES(100000), HL_INT_TAGGED);
}
