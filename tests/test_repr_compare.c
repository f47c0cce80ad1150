/* repr identical to CPython's, equality and ordering with Python's rules. */
#include <math.h>

#include "support.h"


Test(repr, scalars)
{
    hl_runtime *rt = test_runtime();
    cr_expect_str_eq(test_repr(rt, HL_NONE), "None");
    cr_expect_str_eq(test_repr(rt, HL_TRUE), "True");
    cr_expect_str_eq(test_repr(rt, HL_FALSE), "False");
    cr_expect_str_eq(test_repr(rt, I(rt, -42)), "-42");
    cr_expect_str_eq(test_repr(rt, I(rt, INT64_MIN)), "-9223372036854775808");
    cr_expect_str_eq(test_repr(rt, F(rt, 2.5)), "2.5");
    cr_expect_str_eq(test_repr(rt, hl_type_value(HL_T_LIST)), "<class 'list'>");
    hl_runtime_free(rt);
}

Test(repr, strings_choose_quotes_like_cpython)
{
    hl_runtime *rt = test_runtime();
    cr_expect_str_eq(test_repr(rt, S(rt, "abc")), "'abc'");
    cr_expect_str_eq(test_repr(rt, S(rt, "it's")), "\"it's\"");
    cr_expect_str_eq(test_repr(rt, S(rt, "say \"hi\"")), "'say \"hi\"'");
    cr_expect_str_eq(test_repr(rt, S(rt, "both ' and \"")), "'both \\' and \"'");
    cr_expect_str_eq(test_repr(rt, S(rt, "tab\there\nnew\\")), "'tab\\there\\nnew\\\\'");
    cr_expect_str_eq(test_repr(rt, S(rt, "\x01\x7f")), "'\\x01\\x7f'");
    cr_expect_str_eq(test_repr(rt, S(rt, "caf\xc3\xa9 \xe6\x97\xa5")), "'caf\xc3\xa9 \xe6\x97\xa5'");
    cr_expect_str_eq(test_repr(rt, S(rt, "\xc2\xa0")), "'\\xa0'");
    cr_expect_str_eq(test_repr(rt, S(rt, "")), "''");
    hl_runtime_free(rt);
}

Test(repr, containers)
{
    hl_runtime *rt = test_runtime();
    hl_value l = hl_list_new(rt, 0);
    HL_ROOT(rt, l);
    cr_expect_str_eq(test_repr(rt, l), "[]");
    hl_list_append(rt, l, I(rt, 1));
    hl_list_append(rt, l, S(rt, "two"));
    hl_list_append(rt, l, F(rt, 3.0));
    hl_list_append(rt, l, HL_NONE);
    cr_expect_str_eq(test_repr(rt, l), "[1, 'two', 3.0, None]");
    cr_expect_str_eq(test_repr(rt, hl_tuple_new(rt, NULL, 0)), "()");
    cr_expect_str_eq(test_repr(rt, hl_tuple_new(rt, (hl_value[]){I(rt, 1)}, 1)), "(1,)");
    cr_expect_str_eq(test_repr(rt, hl_tuple_new(rt, (hl_value[]){l, HL_TRUE}, 2)), "([1, 'two', 3.0, None], True)");
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    cr_expect_str_eq(test_repr(rt, d), "{}");
    hl_dict_set(rt, d, S(rt, "first"), S(rt, "value1"));
    hl_dict_set(rt, d, I(rt, 2), l);
    cr_expect_str_eq(test_repr(rt, d), "{'first': 'value1', 2: [1, 'two', 3.0, None]}");
    cr_expect_str_eq(test_repr(rt, hl_set_new(rt)), "set()");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

Test(repr, recursive_containers_print_ellipsis)
{
    hl_runtime *rt = test_runtime();
    hl_value l = hl_list_new(rt, 0);
    HL_ROOT(rt, l);
    hl_list_append(rt, l, I(rt, 1));
    hl_list_append(rt, l, l);
    cr_expect_str_eq(test_repr(rt, l), "[1, [...]]");
    hl_value d = hl_dict_new(rt);
    HL_ROOT(rt, d);
    hl_dict_set(rt, d, S(rt, "me"), d);
    hl_dict_set(rt, d, S(rt, "l"), l);
    cr_expect_str_eq(test_repr(rt, d), "{'me': {...}, 'l': [1, [...]]}");
    hl_value t = hl_tuple_new(rt, (hl_value[]){l}, 1);
    hl_list_append(rt, l, t);
    cr_expect_str_eq(test_repr(rt, t), "([1, [...], (...)],)");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

/* [[[...]]] nested depth deep. */
static hl_value nest(hl_runtime *rt, int depth)
{
    hl_value outer = hl_list_new(rt, 0);
    HL_ROOT(rt, outer);
    hl_value cur = outer;
    HL_ROOT(rt, cur);
    for (int i = 0; i < depth; i++) {
        hl_value inner = hl_list_new(rt, 0);
        hl_list_append(rt, cur, inner);
        cur = inner;
    }
    HL_UNROOT(rt, 2);
    return outer;
}

Test(repr, deep_nesting_raises_recursion_error)
{
    hl_runtime *rt = test_runtime();
    hl_value outer = nest(rt, 5000);
    HL_ROOT(rt, outer);
    hl_value copy = nest(rt, 5000);
    HL_ROOT(rt, copy);
    cr_assert_eq(hl_repr(rt, outer), HL_NOVALUE);
    cr_assert_eq(hl_error_type(rt), HL_EXC_RECURSION_ERROR);
    cr_assert_str_eq(hl_error_message(rt), "maximum recursion depth exceeded while getting the repr of an object");
    hl_error_clear(rt);
    cr_assert_eq(hl_eq(rt, outer, copy), -1, "== on 5000-deep lists raises RecursionError, as CPython");
    cr_assert_eq(hl_error_type(rt), HL_EXC_RECURSION_ERROR);
    hl_error_clear(rt);
    cr_assert_str_eq(test_repr(rt, I(rt, 5)), "5", "the runtime works after the error");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

Test(compare, numbers_follow_python)
{
    hl_runtime *rt = test_runtime();
    hl_value one = I(rt, 1), onef = F(rt, 1.0);
    HL_ROOT(rt, onef);
    cr_assert_eq(hl_eq(rt, one, onef), 1, "1 == 1.0");
    cr_assert_eq(hl_eq(rt, HL_TRUE, one), 1, "True == 1");
    cr_assert_eq(hl_eq(rt, HL_FALSE, F(rt, 0.0)), 1);
    cr_assert_eq(hl_compare(rt, one, F(rt, 1.5), HL_CMP_LT), 1);
    cr_assert_eq(hl_compare(rt, I(rt, INT64_MAX), F(rt, 9223372036854775807.0), HL_CMP_LT), 1,
                 "exact: 2**63-1 < 2.0**63");
    hl_value nan = F(rt, NAN);
    cr_assert_eq(hl_eq(rt, nan, nan), 0, "nan != nan even for the same object");
    cr_assert_eq(hl_compare(rt, nan, one, HL_CMP_LT), 0);
    cr_assert_eq(hl_compare(rt, nan, one, HL_CMP_NE), 1);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(compare, sequences_and_errors)
{
    hl_runtime *rt = test_runtime();
    hl_value a = hl_list_from(rt, (hl_value[]){I(rt, 1), I(rt, 2)}, 2);
    HL_ROOT(rt, a);
    hl_value b = hl_list_from(rt, (hl_value[]){I(rt, 1), I(rt, 2)}, 2);
    HL_ROOT(rt, b);
    cr_assert(!hl_is(a, b), "two equal lists are two objects");
    cr_assert_eq(hl_eq(rt, a, b), 1, "but they are equal");
    hl_list_append(rt, b, I(rt, 0));
    cr_assert_eq(hl_compare(rt, a, b, HL_CMP_LT), 1, "[1, 2] < [1, 2, 0]");
    cr_assert_eq(hl_compare(rt, S(rt, "apple"), S(rt, "banana"), HL_CMP_LT), 1);
    cr_assert_eq(hl_eq(rt, a, hl_tuple_new(rt, hl_list_items(a), 2)), 0, "[1, 2] != (1, 2)");
    cr_assert_eq(hl_compare(rt, a, I(rt, 1), HL_CMP_LT), -1);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: '<' not supported between instances of 'list' and 'int'");
    hl_error_clear(rt);
    hl_list_set(rt, b, 1, S(rt, "x"));
    cr_assert_eq(hl_compare(rt, b, a, HL_CMP_GE), -1);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: '>=' not supported between instances of 'str' and 'int'");
    hl_error_clear(rt);
    cr_assert_eq(hl_compare(rt, HL_NONE, HL_NONE, HL_CMP_LT), -1);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: '<' not supported between instances of 'NoneType' and 'NoneType'");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

Test(compare, dicts_and_sets)
{
    hl_runtime *rt = test_runtime();
    hl_value d1 = hl_dict_new(rt);
    HL_ROOT(rt, d1);
    hl_value d2 = hl_dict_new(rt);
    HL_ROOT(rt, d2);
    hl_dict_set(rt, d1, S(rt, "a"), I(rt, 1));
    hl_dict_set(rt, d1, S(rt, "b"), I(rt, 2));
    hl_dict_set(rt, d2, S(rt, "b"), F(rt, 2.0));
    hl_dict_set(rt, d2, S(rt, "a"), HL_TRUE);
    cr_assert_eq(hl_eq(rt, d1, d2), 1, "order does not matter; 2 == 2.0, 1 == True");
    hl_value s1 = hl_set_of(rt, hl_dict_keys(rt, d1));
    HL_ROOT(rt, s1);
    hl_value s2 = hl_set_of(rt, S(rt, "abc"));
    cr_assert_eq(hl_compare(rt, s1, s2, HL_CMP_LT), 1, "{'a','b'} < {'a','b','c'}");
    cr_assert_eq(hl_compare(rt, s2, s1, HL_CMP_LE), 0);
    HL_UNROOT(rt, 3);
    hl_runtime_free(rt);
}
