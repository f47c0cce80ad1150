/* Hashes and set iteration order match CPython 3.11 (strings: under PYTHONHASHSEED=0).
 * Every expected value here was printed by /usr/bin/python3. */
#include <string.h>

#include "support.h"

static int64_t hash_of(hl_runtime *rt, hl_value v)
{
    int64_t h = 0;
    cr_assert_eq(hl_hash(rt, v, &h), 0, "%s", hl_error_string(rt));
    return h;
}

static int64_t str_hash(hl_runtime *rt, const char *s) { return hash_of(rt, S(rt, s)); }

Test(hash, strings_match_cpython_with_seed_zero)
{
    hl_runtime *rt = test_runtime();
    cr_expect_eq(str_hash(rt, "abc"), -4594863902769663758LL);
    cr_expect_eq(str_hash(rt, "\xc3\xa9"), 6047309291227476195LL); /* é: one byte per code point */
    cr_expect_eq(str_hash(rt, "\xe6\x97\xa5\xe6\x9c\xac"), 6243316497235261705LL); /* 日本: two */
    cr_expect_eq(str_hash(rt, "\xf0\x9f\x98\x80"), -3536540696076613844LL);       /* U+1F600: four */
    cr_expect_eq(str_hash(rt, ""), 0);
    cr_expect_eq(str_hash(rt, "aaaaaaaaaaaaaaaaaaaa"), 3291541819775287794LL);
    hl_runtime_free(rt);
}

Test(hash, numbers_and_tuples_match_cpython)
{
    hl_runtime *rt = test_runtime();
    cr_expect_eq(hash_of(rt, I(rt, -1)), -2);
    cr_expect_eq(hash_of(rt, F(rt, 1.5)), 1152921504606846977LL);
    cr_expect_eq(hash_of(rt, F(rt, -1.5)), -1152921504606846977LL);
    cr_expect_eq(hash_of(rt, I(rt, 1LL << 62)), 2);
    cr_expect_eq(hash_of(rt, I(rt, INT64_MIN)), -4);
    cr_expect_eq(hash_of(rt, F(rt, 1e100)), 1822893315824342674LL);
    cr_expect_eq(hash_of(rt, F(rt, 0.1)), 230584300921369408LL);
    cr_expect_eq(hash_of(rt, F(rt, 3.0)), hash_of(rt, I(rt, 3)), "hash(3.0) == hash(3)");
    cr_expect_eq(hash_of(rt, HL_TRUE), hash_of(rt, I(rt, 1)), "hash(True) == hash(1)");
    hl_value t = test_pin(rt, hl_tuple_new(rt, (hl_value[]){I(rt, 1), I(rt, 2)}, 2));
    cr_expect_eq(hash_of(rt, t), -3550055125485641917LL);
    cr_expect_eq(hash_of(rt, hl_tuple_new(rt, NULL, 0)), 5740354900026072187LL);
    hl_value inner = test_pin(rt, hl_tuple_new(rt, (hl_value[]){I(rt, 2), S(rt, "x")}, 2));
    hl_value outer = hl_tuple_new(rt, (hl_value[]){I(rt, 1), inner}, 2);
    cr_expect_eq(hash_of(rt, outer), 5516895433650806526LL);
    hl_runtime_free(rt);
}

Test(hash, unhashable_containers_raise_type_error)
{
    hl_runtime *rt = test_runtime();
    int64_t h;
    cr_assert_eq(hl_hash(rt, hl_list_new(rt, 0), &h), -1);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: unhashable type: 'list'");
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    cr_assert_eq(hl_dict_set(rt, d, hl_dict_new(rt), HL_NONE), -1);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: unhashable type: 'dict'");
    hl_value tl = hl_tuple_new(rt, (hl_value[]){hl_list_new(rt, 0)}, 1);
    cr_assert_eq(hl_hash(rt, tl, &h), -1, "a tuple holding a list is unhashable");
    cr_assert_str_eq(hl_error_string(rt), "TypeError: unhashable type: 'list'");
    hl_value s = hl_set_new(rt);
    HL_ROOT(rt, s);
    cr_assert_eq(hl_set_add(rt, s, hl_set_new(rt)), -1);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: unhashable type: 'set'");
    cr_assert_eq(hl_set_size(s), 0);
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

static hl_value int_set(hl_runtime *rt, const int *items, size_t n)
{
    hl_value s = hl_set_new(rt);
    HL_ROOT(rt, s);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(hl_set_add(rt, s, I(rt, items[i])), 0);
    HL_UNROOT(rt, 1);
    return s;
}

static hl_value str_set(hl_runtime *rt, const char *const *items, size_t n)
{
    hl_value s = hl_set_new(rt);
    HL_ROOT(rt, s);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(hl_set_add(rt, s, S(rt, items[i])), 0);
    HL_UNROOT(rt, 1);
    return s;
}

Test(hash, set_order_matches_cpython)
{
    hl_runtime *rt = test_runtime();
    static const int items[] = {17, 1, 9, 25, 33, 2, 41, 49, 57, 65};
    hl_value s = int_set(rt, items, 10);
    HL_ROOT(rt, s);
    cr_expect_str_eq(test_repr(rt, s), "{33, 1, 2, 65, 9, 41, 17, 49, 25, 57}");
    hl_set_discard(rt, s, I(rt, 9));
    hl_set_discard(rt, s, I(rt, 33));
    hl_set_add(rt, s, I(rt, 73));
    hl_set_add(rt, s, I(rt, 9));
    cr_expect_str_eq(test_repr(rt, s), "{1, 2, 65, 73, 41, 9, 17, 49, 25, 57}");
    static const char *const letters[] = {"a", "b", "c", "d", "e"};
    hl_value added = str_set(rt, letters, 5);
    cr_expect_str_eq(test_repr(rt, added), "{'d', 'b', 'c', 'a', 'e'}", "five s.add calls");
    /* A literal {'a', 'b', 'c', 'd', 'e'} is a frozenset constant merged into a new set. */
    cr_expect_str_eq(test_repr(rt, hl_set_of(rt, added)), "{'d', 'c', 'a', 'e', 'b'}");
    hl_value hw = hl_set_of(rt, S(rt, "hello world"));
    cr_expect_str_eq(test_repr(rt, hw), "{' ', 'd', 'r', 'h', 'o', 'e', 'w', 'l'}");
    static const int a[] = {1, 2, 3}, b[] = {100, 7}, c[] = {5, 6, 7, 8}, d[] = {8, 6}, e[] = {1, 2, 3, 4},
                     f[] = {2}, g[] = {1, 2}, h[] = {2, 3, 40};
    hl_value x = int_set(rt, a, 3);
    HL_ROOT(rt, x);
    cr_expect_str_eq(test_repr(rt, hl_binary_op(rt, HL_OP_OR, x, int_set(rt, b, 2))), "{1, 2, 3, 100, 7}");
    x = int_set(rt, c, 4);
    cr_expect_str_eq(test_repr(rt, hl_binary_op(rt, HL_OP_AND, x, int_set(rt, d, 2))), "{8, 6}");
    x = int_set(rt, e, 4);
    cr_expect_str_eq(test_repr(rt, hl_binary_op(rt, HL_OP_SUB, x, int_set(rt, f, 1))), "{1, 3, 4}");
    x = int_set(rt, g, 2);
    cr_expect_str_eq(test_repr(rt, hl_binary_op(rt, HL_OP_XOR, x, int_set(rt, h, 3))), "{40, 1, 3}");
    int eights[12];
    for (int i = 0; i < 12; i++)
        eights[i] = i * 8;
    cr_expect_str_eq(test_repr(rt, int_set(rt, eights, 12)), "{0, 32, 64, 8, 40, 72, 16, 48, 80, 24, 56, 88}");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}
