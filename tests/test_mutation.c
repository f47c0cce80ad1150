/* Augmented assignment (hl_inplace_op) and list.sort against CPython 3.11: which object comes
 * back, what changes in place, iteration orders, messages, and the exact order timsort leaves
 * (digests computed with /usr/bin/python3, PYTHONHASHSEED=0 for sets of strings). */
#include <stdio.h>

#include "support.h"

static void expect_error(hl_runtime *rt, const char *expected)
{
    cr_expect_str_eq(hl_error_string(rt), expected);
    hl_error_clear(rt);
}

static hl_value inplace(hl_runtime *rt, hl_binop op, hl_value a, hl_value b)
{
    hl_value r = hl_inplace_op(rt, op, a, b);
    cr_assert(r, "%s", hl_error_string(rt));
    return test_pin(rt, r);
}

Test(mutation, list_augmented_assignment_mutates_in_place)
{
    hl_runtime *rt = test_runtime();
    hl_value a = L(rt, I(rt, 1), I(rt, 2));
    hl_value alias = a;
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, a, L(rt, I(rt, 3))), a), "list += returns the same list");
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, a, T(rt, I(rt, 4))), a));
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, a, S(rt, "xy")), a), "any iterable, as list.extend");
    cr_expect_str_eq(test_repr(rt, alias), "[1, 2, 3, 4, 'x', 'y']");
    cr_assert_eq(hl_inplace_op(rt, HL_OP_ADD, a, I(rt, 5)), HL_NOVALUE);
    expect_error(rt, "TypeError: 'int' object is not iterable");
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, a, a), a));
    cr_expect_eq(hl_list_size(a), 12, "a += a adds the items a had");

    hl_value b = L(rt, I(rt, 1), I(rt, 2));
    cr_assert(hl_is(inplace(rt, HL_OP_MUL, b, I(rt, 2)), b));
    cr_expect_str_eq(test_repr(rt, b), "[1, 2, 1, 2]");
    cr_assert(hl_is(inplace(rt, HL_OP_MUL, b, HL_TRUE), b));
    cr_expect_str_eq(test_repr(rt, b), "[1, 2, 1, 2]");
    cr_assert(hl_is(inplace(rt, HL_OP_MUL, b, I(rt, -1)), b));
    cr_expect_str_eq(test_repr(rt, b), "[]");
    cr_assert_eq(hl_inplace_op(rt, HL_OP_MUL, b, F(rt, 2.0)), HL_NOVALUE);
    expect_error(rt, "TypeError: can't multiply sequence by non-int of type 'float'");
    cr_assert_eq(hl_inplace_op(rt, HL_OP_SUB, b, b), HL_NOVALUE);
    expect_error(rt, "TypeError: unsupported operand type(s) for -=: 'list' and 'list'");
    hl_runtime_free(rt);
}

Test(mutation, immutable_augmented_assignment_rebinds)
{
    hl_runtime *rt = test_runtime();
    hl_value s = S(rt, "ab");
    hl_value s2 = inplace(rt, HL_OP_ADD, s, S(rt, "c"));
    cr_assert(!hl_is(s2, s));
    cr_expect_str_eq(hl_str_data(s), "ab", "the old str is untouched");
    cr_expect_str_eq(hl_str_data(s2), "abc");
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, s, S(rt, "")), s), "s += '' is s, as CPython");
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, S(rt, ""), s), s), "'' + s is s");
    cr_assert(hl_is(inplace(rt, HL_OP_MUL, s, I(rt, 1)), s), "s * 1 is s");
    cr_assert_eq(hl_inplace_op(rt, HL_OP_ADD, s, I(rt, 1)), HL_NOVALUE);
    expect_error(rt, "TypeError: can only concatenate str (not \"int\") to str");

    hl_value t = T(rt, I(rt, 1), I(rt, 2));
    hl_value t2 = inplace(rt, HL_OP_ADD, t, T(rt, I(rt, 3)));
    cr_assert(!hl_is(t2, t));
    cr_expect_str_eq(test_repr(rt, t), "(1, 2)");
    cr_expect_str_eq(test_repr(rt, t2), "(1, 2, 3)");
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, t, T(rt)), t), "t += () is t, as CPython");
    cr_assert(hl_is(inplace(rt, HL_OP_ADD, T(rt), t), t), "() + t is t");
    cr_assert(hl_is(inplace(rt, HL_OP_MUL, t, I(rt, 1)), t));
    cr_assert_eq(hl_inplace_op(rt, HL_OP_ADD, t, L(rt)), HL_NOVALUE);
    expect_error(rt, "TypeError: can only concatenate tuple (not \"list\") to tuple");

    hl_value f = F(rt, 1.5);
    hl_value f2 = inplace(rt, HL_OP_ADD, f, F(rt, 0.0));
    cr_assert(!hl_is(f2, f), "a float += gives a new float");
    cr_assert_eq(hl_float_get(f), 1.5);

    hl_value big = I(rt, 1000);
    hl_value sum = inplace(rt, HL_OP_ADD, big, I(rt, 1));
    cr_expect_eq(hl_int_get(sum), 1001);
    cr_expect_eq(hl_int_get(big), 1000);
    if (test_boxed(rt)) {
        cr_assert(!hl_is(inplace(rt, HL_OP_ADD, big, I(rt, 0)), big), "1000 + 0 is a new int, as CPython");
        cr_assert(hl_is(inplace(rt, HL_OP_ADD, I(rt, 200), I(rt, 56)), I(rt, 256)), "the small-int cache");
    }
    hl_runtime_free(rt);
}

/* The sets of CPython's example: w0..w19 and w10..w29 (PYTHONHASHSEED=0). */
static hl_value words(hl_runtime *rt, int from, int to)
{
    hl_value s = test_pin(rt, hl_set_new(rt));
    char w[16];
    for (int i = from; i < to; i++) {
        snprintf(w, sizeof w, "w%d", i);
        cr_assert_eq(hl_set_add(rt, s, S(rt, w)), 0);
    }
    return s;
}

static void discard_words(hl_runtime *rt, hl_value s, int from, int to)
{
    char w[16];
    for (int i = from; i < to; i++) {
        snprintf(w, sizeof w, "w%d", i);
        cr_assert_eq(hl_set_discard(rt, s, S(rt, w)), 1);
    }
}

Test(mutation, set_augmented_assignment_keeps_the_set_and_cpythons_order)
{
    hl_runtime *rt = test_runtime();
    hl_value a = words(rt, 0, 20), b = words(rt, 10, 30);
    hl_value c = test_pin(rt, hl_set_copy(rt, a));
    cr_assert(hl_is(inplace(rt, HL_OP_OR, c, b), c));
    cr_expect_str_eq(test_repr(rt, c),
                     "{'w4', 'w1', 'w16', 'w11', 'w3', 'w24', 'w27', 'w6', 'w7', 'w29', 'w23', 'w26', 'w20', 'w25', "
                     "'w17', 'w21', 'w15', 'w0', 'w13', 'w14', 'w8', 'w22', 'w9', 'w12', 'w18', 'w19', 'w2', 'w5', "
                     "'w10', 'w28'}");
    c = test_pin(rt, hl_set_copy(rt, a));
    cr_assert(hl_is(inplace(rt, HL_OP_XOR, c, b), c));
    cr_expect_str_eq(test_repr(rt, c),
                     "{'w4', 'w1', 'w21', 'w3', 'w24', 'w27', 'w0', 'w6', 'w7', 'w29', 'w23', 'w8', 'w22', 'w9', "
                     "'w2', 'w26', 'w5', 'w20', 'w25', 'w28'}");
    cr_expect_str_eq(test_repr(rt, test_pin(rt, hl_binary_op(rt, HL_OP_XOR, a, b))),
                     "{'w4', 'w1', 'w21', 'w3', 'w24', 'w27', 'w0', 'w6', 'w7', 'w29', 'w23', 'w8', 'w22', 'w9', "
                     "'w26', 'w2', 'w5', 'w20', 'w25', 'w28'}",
                     "a ^ b: a copy of b with a's items toggled");
    cr_expect_str_eq(test_repr(rt, test_pin(rt, hl_binary_op(rt, HL_OP_AND, a, b))),
                     "{'w17', 'w16', 'w11', 'w15', 'w12', 'w18', 'w14', 'w13', 'w19', 'w10'}",
                     "a & b of equal sizes walks b");

    hl_value holes = words(rt, 0, 40), mid = words(rt, 25, 35);
    discard_words(rt, holes, 0, 30);
    c = test_pin(rt, hl_set_copy(rt, holes));
    cr_assert(hl_is(inplace(rt, HL_OP_SUB, c, mid), c));
    cr_expect_str_eq(test_repr(rt, c), "{'w36', 'w37', 'w39', 'w35', 'w38'}");
    c = test_pin(rt, hl_set_copy(rt, holes));
    cr_assert(hl_is(inplace(rt, HL_OP_AND, c, mid), c));
    cr_expect_str_eq(test_repr(rt, c), "{'w34', 'w31', 'w32', 'w30', 'w33'}");
    cr_assert(hl_is(inplace(rt, HL_OP_SUB, c, c), c));
    cr_expect_str_eq(test_repr(rt, c), "set()");

    hl_value big = words(rt, 0, 50), one = words(rt, 3, 4);
    cr_expect_str_eq(test_repr(rt, test_pin(rt, hl_binary_op(rt, HL_OP_SUB, big, one))),
                     "{'w4', 'w1', 'w16', 'w11', 'w48', 'w31', 'w43', 'w24', 'w27', 'w6', 'w38', 'w7', 'w29', "
                     "'w23', 'w46', 'w26', 'w30', 'w40', 'w20', 'w25', 'w36', 'w17', 'w21', 'w34', 'w37', 'w39', "
                     "'w15', 'w0', 'w13', 'w14', 'w32', 'w49', 'w33', 'w41', 'w8', 'w44', 'w22', 'w9', 'w12', "
                     "'w42', 'w18', 'w19', 'w45', 'w2', 'w47', 'w5', 'w10', 'w28', 'w35'}",
                     "a - b for a much larger a: a copy of a, b's items discarded");

    cr_assert_eq(hl_inplace_op(rt, HL_OP_OR, a, L(rt)), HL_NOVALUE);
    expect_error(rt, "TypeError: unsupported operand type(s) for |=: 'set' and 'list'");
    hl_runtime_free(rt);
}

Test(mutation, set_of_a_dict_resizes_once_as_cpython)
{
    hl_runtime *rt = test_runtime();
    hl_value d = test_pin(rt, hl_dict_new(rt));
    size_t pos = 0;
    hl_value w;
    hl_value b = words(rt, 10, 30);
    while (hl_set_next(b, &pos, &w))
        cr_assert_eq(hl_dict_set(rt, d, w, I(rt, 0)), 0);
    cr_expect_str_eq(test_repr(rt, test_pin(rt, hl_set_of(rt, d))),
                     "{'w17', 'w21', 'w16', 'w11', 'w15', 'w24', 'w27', 'w14', 'w13', 'w29', 'w23', 'w22', "
                     "'w12', 'w18', 'w19', 'w26', 'w10', 'w20', 'w25', 'w28'}");
    hl_runtime_free(rt);
}

Test(mutation, dict_or_assignment_takes_what_update_takes)
{
    hl_runtime *rt = test_runtime();
    hl_value d = D(rt, S(rt, "a"), I(rt, 1));
    cr_assert(hl_is(inplace(rt, HL_OP_OR, d, D(rt, S(rt, "b"), I(rt, 2), S(rt, "a"), I(rt, 3))), d));
    cr_expect_str_eq(test_repr(rt, d), "{'a': 3, 'b': 2}");
    cr_assert(hl_is(inplace(rt, HL_OP_OR, d, L(rt, T(rt, S(rt, "c"), I(rt, 4)), S(rt, "ef"))), d));
    cr_expect_str_eq(test_repr(rt, d), "{'a': 3, 'b': 2, 'c': 4, 'e': 'f'}");
    cr_assert_eq(hl_inplace_op(rt, HL_OP_OR, d, I(rt, 5)), HL_NOVALUE);
    expect_error(rt, "TypeError: 'int' object is not iterable");
    cr_assert_eq(hl_inplace_op(rt, HL_OP_OR, d, L(rt, I(rt, 1))), HL_NOVALUE);
    expect_error(rt, "TypeError: cannot convert dictionary update sequence element #0 to a sequence");
    cr_assert_eq(hl_inplace_op(rt, HL_OP_OR, d, L(rt, L(rt, I(rt, 1), I(rt, 2)), T(rt, I(rt, 1), I(rt, 2), I(rt, 3)))),
                 HL_NOVALUE);
    expect_error(rt, "ValueError: dictionary update sequence element #1 has length 3; 2 is required");
    cr_assert_eq(hl_binary_op(rt, HL_OP_OR, d, L(rt)), HL_NOVALUE);
    expect_error(rt, "TypeError: unsupported operand type(s) for |: 'dict' and 'list'");
    hl_runtime_free(rt);
}

/* ---------------------------------------------------------------- sort */

static uint64_t lcg_next(uint64_t *x)
{
    *x = *x * 6364136223846793005u + 1442695040888963407u;
    return *x >> 33;
}

static uint64_t digest_ints(hl_value l)
{
    uint64_t h = 0;
    for (size_t i = 0; i < hl_list_size(l); i++) {
        hl_value v = hl_list_items(l)[i];
        h = h * 1000003u + (uint64_t)(hl_is_int(v) ? hl_int_get(v) : 999999);
    }
    return h;
}

static hl_value indexes(hl_runtime *rt, size_t n)
{
    hl_value l = test_pin(rt, hl_list_new(rt, n));
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(hl_list_append(rt, l, I(rt, (int64_t)i)), 0);
    return l;
}

Test(mutation, sort_compares_as_cpythons_timsort)
{
    hl_runtime *rt = test_runtime();
    double nan = __builtin_nan("");
    hl_value small = L(rt, I(rt, 3), F(rt, nan), I(rt, 1), I(rt, 2), I(rt, 0), I(rt, 5), F(rt, nan), I(rt, 4));
    cr_assert_eq(hl_list_sort(rt, small, HL_NOVALUE, false), 0);
    cr_expect_str_eq(test_repr(rt, small), "[3, nan, 0, 1, 2, 4, 5, nan]", "NaN is no total order: CPython's result");

    /* sorted(range(2000), key=vals.__getitem__) with NaNs among the keys, both directions. */
    uint64_t x = 1;
    hl_value keys = test_pin(rt, hl_list_new(rt, 2000));
    for (int i = 0; i < 2000; i++) {
        uint64_t v = lcg_next(&x);
        cr_assert_eq(hl_list_append(rt, keys, F(rt, v % 17 == 0 ? nan : (double)(v % 1000))), 0);
    }
    hl_value l = indexes(rt, 2000);
    cr_assert_eq(hl_list_sort(rt, l, keys, false), 0);
    cr_expect_eq(digest_ints(l), 13969760369495945504u);
    l = indexes(rt, 2000);
    cr_assert_eq(hl_list_sort(rt, l, keys, true), 0);
    cr_expect_eq(digest_ints(l), 12980056659666450440u);

    /* Many equal keys: stability across merges and galloping. */
    x = 2;
    keys = test_pin(rt, hl_list_new(rt, 3000));
    for (int i = 0; i < 3000; i++)
        cr_assert_eq(hl_list_append(rt, keys, I(rt, (int64_t)(lcg_next(&x) % 50))), 0);
    uint64_t keys_before = digest_ints(keys);
    l = indexes(rt, 3000);
    cr_assert_eq(hl_list_sort(rt, l, keys, false), 0);
    cr_expect_eq(digest_ints(l), 11237572957902236880u);
    cr_expect_eq(digest_ints(keys), keys_before, "the caller's keys are left as they were");

    /* Descending and ascending blocks. */
    x = 4;
    l = test_pin(rt, hl_list_new(rt, 5000));
    for (int i = 0; i < 5000; i++) {
        uint64_t v = lcg_next(&x);
        int64_t item = (i / 350) % 2 ? (i / 700) * 1000 + (int64_t)(v % 300) : 5000 - i;
        cr_assert_eq(hl_list_append(rt, l, I(rt, item)), 0);
    }
    hl_value sorted = test_pin(rt, hl_list_sorted(rt, l, HL_NOVALUE, false));
    cr_expect_eq(digest_ints(sorted), 2665406245477144963u);
    cr_assert(!hl_is(sorted, l));
    hl_runtime_free(rt);
}

/* A TypeError in the middle of a sort leaves the list partly sorted, exactly as CPython's. */
Test(mutation, sort_error_leaves_cpythons_partial_order)
{
    hl_runtime *rt = test_runtime();
    hl_value l = L(rt, I(rt, 1), I(rt, 3), I(rt, 2), S(rt, "a"));
    cr_assert_eq(hl_list_sort(rt, l, HL_NOVALUE, false), -1);
    expect_error(rt, "TypeError: '<' not supported between instances of 'str' and 'int'");
    cr_expect_str_eq(test_repr(rt, l), "[1, 2, 3, 'a']");
    l = L(rt, I(rt, 1), I(rt, 3), I(rt, 2), S(rt, "a"));
    cr_assert_eq(hl_list_sort(rt, l, HL_NOVALUE, true), -1);
    expect_error(rt, "TypeError: '<' not supported between instances of 'int' and 'str'");
    cr_expect_str_eq(test_repr(rt, l), "[1, 3, 2, 'a']");

    for (int reverse = 0; reverse < 2; reverse++) {
        uint64_t x = 3;
        l = test_pin(rt, hl_list_new(rt, 1500));
        for (int i = 0; i < 1500; i++) {
            uint64_t v = lcg_next(&x);
            cr_assert_eq(hl_list_append(rt, l, i == 1400 ? S(rt, "x") : I(rt, (int64_t)(v % 100000))), 0);
        }
        cr_assert_eq(hl_list_sort(rt, l, HL_NOVALUE, reverse), -1);
        expect_error(rt, "TypeError: '<' not supported between instances of 'str' and 'int'");
        cr_expect_eq(hl_list_size(l), 1500);
        cr_expect_eq(digest_ints(l), reverse ? 4406878510108206235u : 13685600767765573673u);
    }
    hl_runtime_free(rt);
}
