/* Ints without limits: values against CPython 3.11's decimal strings, hashes against
 * CPython's (computed with /usr/bin/python3 and pasted here), promotion and demotion, the
 * errors and their messages, the digit limit, where the limbs live, and survival of
 * collections in the middle of big-int work. */
#include <string.h>

#include "support.h"

/* An int from decimal text, pinned. */
static hl_value N(hl_runtime *rt, const char *decimal)
{
    return test_pin(rt, hl_int_from_str(rt, decimal, strlen(decimal), 10));
}

static hl_value op(hl_runtime *rt, hl_binop o, hl_value a, hl_value b) { return test_pin(rt, hl_binary_op(rt, o, a, b)); }

static void expect_int(hl_runtime *rt, hl_value v, const char *decimal)
{
    cr_assert(v, "failed: %s", hl_error_string(rt));
    cr_assert(hl_is_int(v), "not an int: %s", hl_typeof_name(v));
    cr_assert_str_eq(test_repr(rt, v), decimal);
}

static void expect_error(hl_runtime *rt, hl_value v, const char *error)
{
    cr_assert_eq(v, HL_NOVALUE, "expected %s", error);
    cr_assert_str_eq(hl_error_string(rt), error);
    hl_error_clear(rt);
}

#define FACTORIAL_30 "265252859812191058636308480000000"
#define THREE_200                                                                                               \
    "265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044001"
#define FACTORIAL_100                                                                                           \
    "93326215443944152681699238856266700490715968264381621468592963895217599993229915608941463976156518286253" \
    "697920827223758251185210916864000000000000000000000000"

Test(ints, text_round_trips_and_powers)
{
    hl_runtime *rt = test_runtime();
    expect_int(rt, N(rt, FACTORIAL_30), FACTORIAL_30);
    expect_int(rt, N(rt, "-" THREE_200), "-" THREE_200);
    expect_int(rt, op(rt, HL_OP_POW, I(rt, 3), I(rt, 200)), THREE_200);
    expect_int(rt, test_pin(rt, hl_int_from_str(rt, " -0x_12_3456789abcdef0123 ", 26, 0)), "-5373003642731685151011");
    expect_int(rt, test_pin(rt, hl_int_from_str(rt, "zz0", 3, 36)), "46620");
    cr_assert_str_eq(hl_str_data(test_pin(rt, hl_int_to_str(rt, N(rt, "-1267650600228229401496703205376"), 16))),
                     "-0x10000000000000000000000000");
    cr_assert_str_eq(hl_str_data(test_pin(rt, hl_int_to_str(rt, op(rt, HL_OP_POW, I(rt, 3), I(rt, 40)), 8))),
                     "0o1242705505105107764041");
    hl_runtime_free(rt);
}

Test(ints, arithmetic_as_cpython)
{
    hl_runtime *rt = test_runtime();
    hl_value p100 = N(rt, "1267650600228229401496703205376"), m = op(rt, HL_OP_POW, I(rt, 7), I(rt, 20));
    hl_value x = op(rt, HL_OP_MUL, p100, op(rt, HL_OP_POW, I(rt, 3), I(rt, 50)));
    expect_int(rt, op(rt, HL_OP_FLOORDIV, x, m), "11405163147088736036099319090272859819");
    expect_int(rt, op(rt, HL_OP_MOD, x, m), "40749959600570805");
    hl_value neg = test_pin(rt, hl_unary_op(rt, HL_OP_NEG, p100));
    expect_int(rt, op(rt, HL_OP_FLOORDIV, neg, I(rt, 7)), "-181092942889747057356671886483"); /* floors */
    expect_int(rt, op(rt, HL_OP_MOD, neg, I(rt, 7)), "5");
    expect_int(rt, op(rt, HL_OP_SUB, op(rt, HL_OP_ADD, p100, I(rt, 1)), p100), "1");
    expect_int(rt, op(rt, HL_OP_RSHIFT, p100, I(rt, 37)), "9223372036854775808");
    expect_int(rt, op(rt, HL_OP_RSHIFT, neg, I(rt, 37)), "-9223372036854775808");
    expect_int(rt, op(rt, HL_OP_RSHIFT, op(rt, HL_OP_SUB, neg, I(rt, 1)), I(rt, 99)), "-3");
    expect_int(rt, test_pin(rt, hl_unary_op(rt, HL_OP_INVERT, p100)), "-1267650600228229401496703205377");
    expect_int(rt, op(rt, HL_OP_AND, neg, op(rt, HL_OP_SUB, op(rt, HL_OP_LSHIFT, I(rt, 1), I(rt, 70)), I(rt, 1))), "0");
    expect_int(rt, op(rt, HL_OP_OR, p100, I(rt, -3)), "-3");
    expect_int(rt, op(rt, HL_OP_XOR, neg, N(rt, "-18446744073709551616")), "1267650600209782657422993653760");
    hl_value e = N(rt, "1000000000000000000"), mod = N(rt, "1000000000000000000000000000057");
    expect_int(rt, test_pin(rt, hl_pow_mod(rt, I(rt, 3), e, mod)), "823205807714856096522277356631");
    hl_value mersenne = op(rt, HL_OP_SUB, op(rt, HL_OP_LSHIFT, I(rt, 1), I(rt, 89)), I(rt, 1));
    expect_int(rt, test_pin(rt, hl_pow_mod(rt, I(rt, 12345), I(rt, -1), mersenne)), "511371019063248012300371322");
    expect_int(rt, test_pin(rt, hl_pow_mod(rt, p100, I(rt, 3), I(rt, -7))), "-6");
    hl_runtime_free(rt);
}

Test(ints, floats_exact_and_correctly_rounded)
{
    hl_runtime *rt = test_runtime();
    hl_value q = op(rt, HL_OP_TRUEDIV, op(rt, HL_OP_ADD, op(rt, HL_OP_POW, I(rt, 2), I(rt, 80)), I(rt, 1)), I(rt, 3));
    cr_assert_str_eq(test_repr(rt, q), "4.029752732048764e+23");
    hl_value big = op(rt, HL_OP_POW, I(rt, 2), I(rt, 1024));
    expect_error(rt, hl_binary_op(rt, HL_OP_MUL, big, F(rt, 1.0)), "OverflowError: int too large to convert to float");
    expect_error(rt, hl_binary_op(rt, HL_OP_TRUEDIV, big, I(rt, 1)),
                 "OverflowError: integer division result too large for a float");
    hl_value just_below = op(rt, HL_OP_SUB, big, op(rt, HL_OP_POW, I(rt, 2), I(rt, 971)));
    double d;
    cr_assert_eq(hl_number_as_double(rt, just_below, &d), 0);
    cr_assert_eq(d, 1.7976931348623157e308);
    hl_value p53 = op(rt, HL_OP_ADD, op(rt, HL_OP_POW, I(rt, 2), I(rt, 53)), I(rt, 1));
    cr_assert_eq(hl_eq(rt, p53, F(rt, 9007199254740992.0)), 0, "2**53 + 1 != float(2**53 + 1): compared exactly");
    cr_assert_eq(hl_compare(rt, big, F(rt, 1.7976931348623157e308), HL_CMP_GT), 1);
    expect_int(rt, test_pin(rt, hl_int_from_double(rt, -1e20)), "-100000000000000000000");
    hl_value minus_p70 = test_pin(rt, hl_unary_op(rt, HL_OP_NEG, op(rt, HL_OP_POW, I(rt, 2), I(rt, 70))));
    cr_assert_str_eq(test_repr(rt, op(rt, HL_OP_TRUEDIV, I(rt, 0), minus_p70)), "-0.0", "0 / -2**70, as CPython");
    hl_runtime_free(rt);
}

Test(ints, hashes_are_cpythons)
{
    hl_runtime *rt = test_runtime();
    static const struct {
        const char *value;
        int64_t hash;
    } cases[] = {
        {"1267650600228229401496703205376", 549755813888},    /* 2**100 */
        {"-1267650600228229401496703205376", -549755813888},
        {THREE_200, 424410663027747676},
        {"18446744073709551616", 8},                           /* 2**64 */
        {"2305843009213693951", 0},                            /* 2**61 - 1: the modulus */
        {"-2305843009213693952", -2},                          /* -(2**61): -1 becomes -2 */
        {FACTORIAL_100, 549389702849517455},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t h;
        cr_assert_eq(hl_hash(rt, N(rt, cases[i].value), &h), 0);
        cr_assert_eq(h, cases[i].hash, "hash(%s) = %lld, CPython %lld", cases[i].value, (long long)h,
                     (long long)cases[i].hash);
    }
    int64_t hi, hf;
    hl_value p62 = op(rt, HL_OP_POW, I(rt, 2), I(rt, 62));
    cr_assert_eq(hl_hash(rt, op(rt, HL_OP_POW, I(rt, 2), I(rt, 80)), &hi), 0);
    cr_assert_eq(hl_hash(rt, F(rt, 1208925819614629174706176.0), &hf), 0);
    cr_assert_eq(hi, hf, "hash(2**80) == hash(2.0**80)");
    cr_assert_eq(hl_hash(rt, p62, &hi), 0);
    cr_assert_eq(hi, 2);
    hl_runtime_free(rt);
}

Test(ints, results_that_fit_are_small_again)
{
    hl_runtime *rt = test_runtime();
    hl_value p100 = op(rt, HL_OP_POW, I(rt, 2), I(rt, 100));
    cr_assert(hl_is_ptr(p100) && !hl_int_fits_int64(p100));
    hl_value q = hl_binary_op(rt, HL_OP_FLOORDIV, p100, op(rt, HL_OP_POW, I(rt, 2), I(rt, 95)));
    cr_assert(hl_int_fits_int64(q) && hl_int_get(q) == 32);
    if (test_boxed(rt))
        cr_assert(hl_is(q, hl_int_new(rt, 32)), "boxed mode: the cached 32, as CPython's");
    else
        cr_assert(hl_is_smallint(q), "tagged mode: a word again");
    hl_value zero = hl_binary_op(rt, HL_OP_SUB, p100, p100);
    cr_assert(hl_is(zero, hl_int_new(rt, 0)));
    int64_t out;
    cr_assert_eq(hl_int_value(rt, p100, &out), -1);
    cr_assert_str_eq(hl_error_string(rt), "OverflowError: Python int too large to convert to C int64_t");
    hl_error_clear(rt);
    hl_value min = hl_int_new(rt, INT64_MIN);
    cr_assert_eq(hl_int_value(rt, min, &out), 0);
    cr_assert_eq(out, INT64_MIN);
    expect_int(rt, test_pin(rt, hl_unary_op(rt, HL_OP_NEG, min)), "9223372036854775808");
    expect_int(rt, op(rt, HL_OP_MUL, I(rt, INT64_MAX), I(rt, 2)), "18446744073709551614");
    cr_assert_eq(hl_int_bit_length(p100), 101);
    cr_assert_eq(hl_int_bit_count(p100), 1);
    min = test_pin(rt, hl_int_new(rt, INT64_MIN)); /* the one above may be gone (GC stress, boxed) */
    cr_assert_eq(hl_int_bit_count(min), 1, "INT64_MIN: one bit, as its magnitude");
    cr_assert_eq(hl_int_bit_count(test_pin(rt, hl_unary_op(rt, HL_OP_NEG, min))), 1, "2**63: one bit");
    cr_assert_eq(hl_int_bit_count(I(rt, -255)), 8);
    cr_assert_eq(hl_int_bit_count(I(rt, 0)), 0);
    cr_assert_eq(hl_int_bit_count(HL_TRUE), 1);
    hl_runtime_free(rt);
}

Test(ints, errors_and_the_digit_limit)
{
    hl_runtime *rt = test_runtime();
    hl_value p100 = op(rt, HL_OP_POW, I(rt, 2), I(rt, 100));
    expect_error(rt, hl_binary_op(rt, HL_OP_FLOORDIV, p100, I(rt, 0)),
                 "ZeroDivisionError: integer division or modulo by zero");
    expect_error(rt, hl_binary_op(rt, HL_OP_MOD, p100, I(rt, 0)), "ZeroDivisionError: integer modulo by zero");
    expect_error(rt, hl_binary_op(rt, HL_OP_RSHIFT, p100, I(rt, -1)), "ValueError: negative shift count");
    expect_error(rt, hl_pow_mod(rt, I(rt, 2), I(rt, -1), I(rt, 4)),
                 "ValueError: base is not invertible for the given modulus");
    expect_error(rt, hl_pow_mod(rt, I(rt, 2), I(rt, 3), I(rt, 0)), "ValueError: pow() 3rd argument cannot be 0");
    expect_error(rt, hl_int_from_str(rt, "12a", 3, 10), "ValueError: invalid literal for int() with base 10: '12a'");
    expect_error(rt, hl_int_from_str(rt, "09", 2, 0), "ValueError: invalid literal for int() with base 0: '09'");
    expect_error(rt, hl_int_from_str(rt, "1__0", 4, 10), "ValueError: invalid literal for int() with base 10: '1__0'");
    hl_value list = test_pin(rt, hl_list_new(rt, 0));
    expect_error(rt, hl_getitem(rt, list, p100), "IndexError: cannot fit 'int' into an index-sized integer");
    expect_error(rt, hl_binary_op(rt, HL_OP_MUL, list, p100), "OverflowError: cannot fit 'int' into an index-sized integer");

    cr_assert_eq(hl_int_get_max_str_digits(rt), 4300);
    hl_value huge = op(rt, HL_OP_POW, I(rt, 10), I(rt, 4300)); /* 4301 digits */
    expect_error(rt, hl_repr(rt, huge),
                 "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
                 "sys.set_int_max_str_digits() to increase the limit");
    char digits[4302];
    memset(digits, '7', 4301);
    digits[4301] = '\0';
    expect_error(rt, hl_int_from_str(rt, digits, 4301, 10),
                 "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; "
                 "use sys.set_int_max_str_digits() to increase the limit");
    cr_assert(hl_int_from_str(rt, digits, 4301, 16), "power-of-two bases have no limit");
    cr_assert_eq(hl_int_set_max_str_digits(rt, 639), -1);
    cr_assert_str_eq(hl_error_string(rt), "ValueError: maxdigits must be 0 or larger than 640");
    hl_error_clear(rt);
    cr_assert_eq(hl_int_set_max_str_digits(rt, 0), 0);
    hl_value text = hl_repr(rt, huge);
    cr_assert(text);
    cr_assert_eq(hl_str_size(text), 4301);
    cr_assert(hl_int_from_str(rt, digits, 4301, 10));
    hl_runtime_free(rt);
}

/* Limbs are in the int object itself, from the runtime's backend: 2**200 is a header, a size
 * and four limbs (48 bytes), and nothing else stays allocated. */
Test(ints, limbs_live_in_the_object)
{
    hl_config cfg;
    hl_config_init(&cfg);
    hl_runtime *rt = test_collector_runtime(&cfg); /* no GC stress, not Boehm: exact counts */
    hl_heap_stats before, after;
    hl_value first = hl_int_new(rt, INT64_MAX); /* the object table's first block, outside the count */
    HL_ROOT(rt, first);
    hl_gc_collect(rt);
    hl_heap_get_stats(rt, &before);
    size_t ints = hl_heap_count(rt, HL_T_INT);
    hl_value v = hl_int_from_str(rt, "1606938044258990275541962092341162602522202993782792835301376", 61, 10);
    HL_ROOT(rt, v);
    hl_heap_get_stats(rt, &after);
    cr_assert_eq(after.requested - before.requested, 48, "requested %zu more", after.requested - before.requested);
    cr_assert_eq(hl_heap_count(rt, HL_T_INT), ints + 1);
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

/* 100! built by repeated multiplication with a collection before every allocation: only the
 * accumulator is rooted, every intermediate product is garbage at once. */
Test(ints, survives_collections_mid_computation)
{
    hl_runtime *rt = test_runtime();
    hl_gc_set_stress(rt, 1);
    hl_value acc = hl_int_new(rt, 1), counter = HL_NOVALUE;
    HL_ROOT(rt, acc);
    HL_ROOT(rt, counter);
    for (int64_t i = 2; i <= 100; i++) {
        counter = hl_int_new(rt, i);
        acc = hl_binary_op(rt, HL_OP_MUL, acc, counter);
        cr_assert(acc, "%s", hl_error_string(rt));
    }
    hl_gc_collect(rt);
    expect_int(rt, acc, FACTORIAL_100);
    hl_value back = hl_binary_op(rt, HL_OP_FLOORDIV, acc, op(rt, HL_OP_POW, I(rt, 10), I(rt, 24)));
    HL_ROOT(rt, back);
    hl_value text = hl_repr(rt, back);
    cr_assert(text);
    cr_assert_eq(hl_str_size(text), 158 - 24);
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}
