/* list, tuple, str, dict and set operations and their errors. */
#include "support.h"


static hl_value ints(hl_runtime *rt, const int64_t *v, size_t n)
{
    hl_value l = hl_list_new(rt, 0);
    HL_ROOT(rt, l);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(hl_list_append(rt, l, I(rt, v[i])), 0);
    HL_UNROOT(rt, 1);
    return l;
}
#define INTS(rt, ...) ints(rt, (int64_t[]){__VA_ARGS__}, sizeof((int64_t[]){__VA_ARGS__}) / sizeof(int64_t))

static void expect_error(hl_runtime *rt, const char *expected)
{
    cr_expect_str_eq(hl_error_string(rt), expected);
    hl_error_clear(rt);
}

Test(list, methods)
{
    hl_runtime *rt = test_runtime();
    hl_value l = INTS(rt, 3, 1, 2);
    HL_ROOT(rt, l);
    hl_list_insert(rt, l, 0, I(rt, 9));
    hl_list_insert(rt, l, -1, I(rt, 8));
    hl_list_insert(rt, l, 100, I(rt, 7));
    cr_expect_str_eq(test_repr(rt, l), "[9, 3, 1, 8, 2, 7]");
    cr_expect_eq(hl_int_get(hl_list_pop(rt, l, -1)), 7);
    cr_expect_eq(hl_int_get(hl_list_pop(rt, l, 0)), 9);
    cr_expect_eq(hl_list_index(rt, l, I(rt, 8)), 2);
    cr_expect_eq(hl_list_count(rt, l, F(rt, 1.0)), 1);
    cr_expect_eq(hl_list_remove(rt, l, I(rt, 3)), 0);
    hl_list_reverse(rt, l);
    cr_expect_str_eq(test_repr(rt, l), "[2, 8, 1]");
    cr_expect_eq(hl_list_extend(rt, l, S(rt, "ab")), 0);
    cr_expect_str_eq(test_repr(rt, l), "[2, 8, 1, 'a', 'b']");
    cr_expect_eq(hl_list_extend(rt, l, l), 0, "a.extend(a) adds the items a had");
    cr_expect_eq(hl_list_size(l), 10);
    hl_list_clear(rt, l);
    cr_expect_str_eq(test_repr(rt, l), "[]");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(list, errors)
{
    hl_runtime *rt = test_runtime();
    hl_value l = INTS(rt, 1);
    HL_ROOT(rt, l);
    cr_assert_eq(hl_list_get(rt, l, 5), HL_NOVALUE);
    expect_error(rt, "IndexError: list index out of range");
    cr_assert_eq(hl_list_set(rt, l, -2, HL_NONE), -1);
    expect_error(rt, "IndexError: list assignment index out of range");
    cr_assert_eq(hl_list_pop(rt, l, 3), HL_NOVALUE);
    expect_error(rt, "IndexError: pop index out of range");
    hl_list_pop(rt, l, -1);
    cr_assert_eq(hl_list_pop(rt, l, -1), HL_NOVALUE);
    expect_error(rt, "IndexError: pop from empty list");
    cr_assert_eq(hl_list_remove(rt, l, I(rt, 3)), -1);
    expect_error(rt, "ValueError: list.remove(x): x not in list");
    cr_assert_eq(hl_list_index(rt, l, I(rt, 3)), -1);
    expect_error(rt, "ValueError: 3 is not in list");
    cr_assert_eq(hl_list_extend(rt, l, I(rt, 3)), -1);
    expect_error(rt, "TypeError: 'int' object is not iterable");
    cr_assert_eq(hl_getitem(rt, l, S(rt, "x")), HL_NOVALUE);
    expect_error(rt, "TypeError: list indices must be integers or slices, not str");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(list, slices)
{
    hl_runtime *rt = test_runtime();
    hl_value l = INTS(rt, 0, 1, 2, 3, 4, 5);
    HL_ROOT(rt, l);
    const int64_t O = HL_SLICE_OMITTED;
    cr_expect_str_eq(test_repr(rt, hl_list_slice(rt, l, 1, 4, 1)), "[1, 2, 3]");
    cr_expect_str_eq(test_repr(rt, hl_list_slice(rt, l, O, O, -1)), "[5, 4, 3, 2, 1, 0]");
    cr_expect_str_eq(test_repr(rt, hl_list_slice(rt, l, O, O, 2)), "[0, 2, 4]");
    cr_expect_str_eq(test_repr(rt, hl_list_slice(rt, l, -2, O, 1)), "[4, 5]");
    cr_expect_str_eq(test_repr(rt, hl_list_slice(rt, l, 4, 1, -2)), "[4, 2]");
    cr_expect_str_eq(test_repr(rt, hl_list_slice(rt, l, 10, 20, 1)), "[]");
    cr_assert_eq(hl_list_slice(rt, l, O, O, 0), HL_NOVALUE);
    expect_error(rt, "ValueError: slice step cannot be zero");
    cr_assert_eq(hl_list_set_slice(rt, l, 1, 3, 1, hl_tuple_new(rt, (hl_value[]){S(rt, "x")}, 1)), 0);
    cr_expect_str_eq(test_repr(rt, l), "[0, 'x', 3, 4, 5]");
    cr_assert_eq(hl_list_set_slice(rt, l, O, O, 2, INTS(rt, 7, 8)), -1);
    expect_error(rt, "ValueError: attempt to assign sequence of size 2 to extended slice of size 3");
    cr_assert_eq(hl_list_set_slice(rt, l, O, O, 1, l), 0, "a[:] = a");
    cr_expect_str_eq(test_repr(rt, l), "[0, 'x', 3, 4, 5]");
    cr_assert_eq(hl_list_del_slice(rt, l, O, O, -2), 0);
    cr_expect_str_eq(test_repr(rt, l), "['x', 4]");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(list, sort_is_stable_and_in_place)
{
    hl_runtime *rt = test_runtime();
    hl_value l = INTS(rt, 5, 3, 9, 1, 3, 7, 2, 8, 6, 4, 0, 11, 15, 13, 12, 14, 10, 19, 17, 18, 16);
    HL_ROOT(rt, l);
    hl_value same = l;
    cr_assert_eq(hl_list_sort(rt, l, HL_NOVALUE, false), 0);
    cr_assert(hl_is(same, l));
    cr_expect_str_eq(test_repr(rt, l), "[0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]");
    /* Stability with keys: sort words by length, equal lengths keep their order. */
    hl_value words = hl_list_new(rt, 0);
    HL_ROOT(rt, words);
    hl_value keys = hl_list_new(rt, 0);
    HL_ROOT(rt, keys);
    const char *w[] = {"pear", "fig", "apple", "kiwi", "date", "plum", "banana", "yew"};
    for (size_t i = 0; i < 8; i++) {
        hl_list_append(rt, words, S(rt, w[i]));
        hl_list_append(rt, keys, I(rt, (int64_t)strlen(w[i])));
    }
    cr_assert_eq(hl_list_sort(rt, words, keys, false), 0);
    cr_expect_str_eq(test_repr(rt, words), "['fig', 'yew', 'pear', 'kiwi', 'date', 'plum', 'apple', 'banana']");
    hl_list_clear(rt, words);
    for (size_t i = 0; i < 8; i++)
        hl_list_append(rt, words, S(rt, w[i]));
    cr_assert_eq(hl_list_sort(rt, words, keys, true), 0);
    cr_expect_str_eq(test_repr(rt, words), "['banana', 'apple', 'pear', 'kiwi', 'date', 'plum', 'fig', 'yew']");
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}

Test(list, sort_error_leaves_list_partly_sorted_as_cpython)
{
    hl_runtime *rt = test_runtime();
    hl_value l = INTS(rt, 3, 1, 2);
    HL_ROOT(rt, l);
    hl_list_append(rt, l, S(rt, "a"));
    cr_assert_eq(hl_list_sort(rt, l, HL_NOVALUE, false), -1);
    expect_error(rt, "TypeError: '<' not supported between instances of 'str' and 'int'");
    cr_expect_str_eq(test_repr(rt, l), "[1, 2, 3, 'a']", "CPython's list after the TypeError");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(str, code_points)
{
    hl_runtime *rt = test_runtime();
    hl_value s = S(rt, "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac");
    HL_ROOT(rt, s);
    cr_assert_eq(hl_str_length(s), 8);
    cr_assert_eq(hl_len(rt, s), 8);
    cr_expect_str_eq(hl_str_data(hl_str_getitem(rt, s, 1)), "\xc3\xa9");
    cr_expect_str_eq(hl_str_data(hl_str_getitem(rt, s, -1)), "\xe6\x9c\xac");
    cr_expect_str_eq(hl_str_data(hl_str_slice(rt, s, 1, 4, 1)), "\xc3\xa9ll");
    cr_expect_str_eq(hl_str_data(hl_str_slice(rt, s, HL_SLICE_OMITTED, HL_SLICE_OMITTED, -1)),
                     "\xe6\x9c\xac\xe6\x97\xa5 oll\xc3\xa9h");
    cr_assert_eq(hl_str_getitem(rt, s, 8), HL_NOVALUE);
    expect_error(rt, "IndexError: string index out of range");
    cr_assert_eq(hl_str_new(rt, "\xff", 1), HL_NOVALUE, "invalid UTF-8 is refused");
    cr_assert_eq(hl_error_type(rt), HL_EXC_VALUE_ERROR);
    hl_error_clear(rt);
    cr_assert_eq(hl_str_new(rt, "\xed\xa0\x80", 3), HL_NOVALUE, "no surrogates");
    hl_error_clear(rt);
    cr_assert_eq(hl_contains(rt, s, S(rt, "llo")), 1);
    cr_assert_eq(hl_contains(rt, s, I(rt, 1)), -1);
    expect_error(rt, "TypeError: 'in <string>' requires string as left operand, not int");
    cr_expect_str_eq(hl_str_data(hl_binary_op(rt, HL_OP_MUL, S(rt, "ab"), I(rt, 3))), "ababab");
    cr_assert_eq(hl_getitem(rt, s, S(rt, "x")), HL_NOVALUE);
    expect_error(rt, "TypeError: string indices must be integers, not 'str'");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(tuple, immutable_and_indexed)
{
    hl_runtime *rt = test_runtime();
    hl_value t = hl_tuple_new(rt, (hl_value[]){I(rt, 1), S(rt, "b"), I(rt, 3)}, 3);
    HL_ROOT(rt, t);
    cr_expect_eq(hl_int_get(hl_tuple_getitem(rt, t, -1)), 3);
    cr_assert_eq(hl_tuple_getitem(rt, t, 3), HL_NOVALUE);
    expect_error(rt, "IndexError: tuple index out of range");
    cr_assert_eq(hl_setitem(rt, t, I(rt, 0), HL_NONE), -1);
    expect_error(rt, "TypeError: 'tuple' object does not support item assignment");
    cr_assert_eq(hl_delitem(rt, t, I(rt, 0)), -1);
    expect_error(rt, "TypeError: 'tuple' object doesn't support item deletion");
    cr_assert(hl_is(hl_tuple_slice(rt, t, HL_SLICE_OMITTED, HL_SLICE_OMITTED, 1), t), "t[:] is t");
    cr_expect_str_eq(test_repr(rt, hl_tuple_slice(rt, t, 1, HL_SLICE_OMITTED, 1)), "('b', 3)");
    cr_expect_str_eq(test_repr(rt, hl_binary_op(rt, HL_OP_ADD, t, t)), "(1, 'b', 3, 1, 'b', 3)");
    cr_assert_eq(hl_binary_op(rt, HL_OP_ADD, t, hl_list_new(rt, 0)), HL_NOVALUE);
    expect_error(rt, "TypeError: can only concatenate tuple (not \"list\") to tuple");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(dict, insertion_order_and_deletion)
{
    hl_runtime *rt = test_runtime();
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    for (int i = 0; i < 100; i++)
        cr_assert_eq(hl_dict_set(rt, d, I(rt, (i * 37) % 100), I(rt, i)), 0);
    cr_assert_eq(hl_dict_size(d), 100);
    for (int i = 0; i < 100; i += 2)
        cr_assert_eq(hl_dict_del(rt, d, I(rt, (i * 37) % 100)), 0);
    size_t pos = 0, n = 0;
    hl_value k, v;
    int expected = 1;
    while (hl_dict_next(d, &pos, &k, &v)) {
        cr_assert_eq(hl_int_get(v), expected, "insertion order survives deletions");
        cr_assert_eq(hl_int_get(k), (expected * 37) % 100);
        expected += 2;
        n++;
    }
    cr_assert_eq(n, 50);
    hl_dict_set(rt, d, I(rt, 37), S(rt, "again"));
    cr_expect_str_eq(test_repr(rt, hl_dict_getitem(rt, d, F(rt, 37.0))), "'again'", "d[37.0] is d[37]");
    cr_assert_eq(hl_dict_getitem(rt, d, S(rt, "x")), HL_NOVALUE);
    expect_error(rt, "KeyError: 'x'");
    cr_assert_eq(hl_dict_del(rt, d, hl_tuple_new(rt, (hl_value[]){I(rt, 1), I(rt, 2)}, 2)), -1);
    expect_error(rt, "KeyError: (1, 2)");
    cr_expect_str_eq(test_repr(rt, hl_dict_pop(rt, d, S(rt, "none"), HL_NONE)), "None");
    hl_value small = hl_dict_new(rt);
    HL_ROOT(rt, small);
    hl_dict_set(rt, small, S(rt, "b"), I(rt, 1));
    hl_dict_set(rt, small, S(rt, "a"), I(rt, 2));
    hl_dict_set(rt, small, S(rt, "b"), I(rt, 3));
    cr_expect_str_eq(test_repr(rt, small), "{'b': 3, 'a': 2}", "replacing keeps the first position");
    cr_expect_str_eq(test_repr(rt, hl_dict_items(rt, small)), "[('b', 3), ('a', 2)]");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

Test(set, membership_and_errors)
{
    hl_runtime *rt = test_runtime();
    hl_value s = hl_set_of(rt, INTS(rt, 1, 2, 2, 3));
    HL_ROOT(rt, s);
    cr_assert_eq(hl_set_size(s), 3);
    cr_assert_eq(hl_contains(rt, s, F(rt, 2.0)), 1);
    cr_assert_eq(hl_set_remove(rt, s, I(rt, 5)), -1);
    expect_error(rt, "KeyError: 5");
    for (int i = 0; i < 1000; i++)
        hl_set_add(rt, s, I(rt, i));
    for (int i = 0; i < 1000; i += 3)
        hl_set_discard(rt, s, I(rt, i));
    cr_assert_eq(hl_set_size(s), 666);
    cr_assert_eq(hl_contains(rt, s, I(rt, 999)), 0);
    cr_assert_eq(hl_contains(rt, s, I(rt, 998)), 1);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}
