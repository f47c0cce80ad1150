/* Bad input at every public function of the C API (tests/test_api_errors.c has the first
 * examples): HL_NOVALUE arguments, receivers of the wrong type, out-of-range indexes and sizes,
 * unknown enum values, NULL where a pointer is taken. Each call returns its failure signal
 * with an exception and a message, or does nothing harmful; none aborts. Caller bugs that are
 * not checked (README "Reliability"): a NULL or freed runtime, the "of a known type" accessors
 * (hl_list_size, hl_str_data, hl_tuple_get, ...) on another type, NULL output pointers, and
 * unbalanced root pops. */
#include <string.h>

#include "support.h" /* Criterion first: its redirect header builds on it */

#include <criterion/redirect.h>

#include "heaplab/lang.h"

/* The call failed with this exception type and a message (MemoryError's may be empty). */
static void fails(hl_runtime *rt, bool failed, hl_exc type, const char *what)
{
    cr_expect(failed, "%s: should fail", what);
    cr_expect_eq(hl_error_type(rt), type, "%s: %s", what, hl_error_string(rt));
    if (type != HL_EXC_MEMORY_ERROR)
        cr_expect_neq(hl_error_message(rt)[0], '\0', "%s: a message", what);
    hl_error_clear(rt);
}
#define FAILS_V(rt, call, type) fails(rt, (call) == HL_NOVALUE, type, #call)
#define FAILS_I(rt, call, type) fails(rt, (call) < 0, type, #call)

Test(api_inputs, novalue_anywhere_is_a_type_error)
{
    hl_runtime *rt = test_runtime();
    hl_value l = L(rt, hl_smallint(1)), d = D(rt), s = test_pin(rt, hl_set_new(rt)), t = T(rt), str = S(rt, "x");
    const hl_value N = HL_NOVALUE;
    int64_t i64;
    double dbl;
    hl_value out;
    FAILS_I(rt, hl_eq(rt, N, l), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_compare(rt, l, N, HL_CMP_LT), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_hash(rt, N, &i64), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_truthy(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_len(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_repr(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_to_str(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_getitem(rt, N, hl_smallint(0)), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_getitem(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_setitem(rt, l, hl_smallint(0), N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_setitem(rt, d, N, HL_NONE), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_delitem(rt, N, hl_smallint(0)), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_contains(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_int_value(rt, N, &i64), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_number_as_double(rt, N, &dbl), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_intern(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_getitem(rt, N, 0), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_slice(rt, N, 0, 1, 1), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_concat(rt, N, str), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_repeat(rt, N, 2), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_str_contains(rt, str, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_tuple_getitem(rt, N, 0), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_tuple_slice(rt, N, 0, 1, 1), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_tuple_concat(rt, t, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_append(rt, N, HL_NONE), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_append(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_insert(rt, l, 0, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_extend(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_set(rt, l, 0, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_del(rt, N, 0), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_clear(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_reverse(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_remove(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_get(rt, N, 0), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_pop(rt, N, -1), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_index(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_count(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_slice(rt, N, 0, 1, 1), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_copy(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_concat(rt, l, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_repeat(rt, N, 2), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_set_slice(rt, l, 0, 1, 1, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_del_slice(rt, N, 0, 1, 1), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_sort(rt, N, N, false), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_sorted(rt, N, N, false), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_of(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_set(rt, d, N, HL_NONE), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_set(rt, d, HL_NONE, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_lookup(rt, d, N, &out), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_copy(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_getitem(rt, d, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_del(rt, d, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_pop(rt, d, N, HL_NONE), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_clear(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_keys(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_values(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_items(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_update(rt, d, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_of(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_copy(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_add(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_contains(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_discard(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_remove(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_clear(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_union(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_intersection(rt, N, s), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_difference(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_symmetric_difference(rt, N, s), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_is_subset(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_update(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_difference_update(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_intersection_update(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_symmetric_difference_update(rt, s, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_binary_op(rt, HL_OP_ADD, N, l), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_inplace_op(rt, HL_OP_ADD, l, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_unary_op(rt, HL_OP_NEG, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_copy(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_deepcopy(rt, N), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_pin(rt, N), HL_EXC_TYPE_ERROR);
    cr_assert_str_eq(test_repr(rt, l), "[1]", "nothing changed");
    hl_runtime_free(rt);
}

Test(api_inputs, wrong_types_are_type_errors)
{
    hl_runtime *rt = test_runtime();
    hl_value l = L(rt, hl_smallint(1)), d = D(rt), s = test_pin(rt, hl_set_new(rt)), t = T(rt), str = S(rt, "x");
    hl_value i = I(rt, 5), f = F(rt, 1.5);
    int64_t i64;
    double dbl;
    hl_value out;
    FAILS_I(rt, hl_hash(rt, l, &i64), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_len(rt, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_compare(rt, l, i, HL_CMP_LT), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_getitem(rt, i, hl_smallint(0)), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_getitem(rt, s, hl_smallint(0)), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_getitem(rt, l, str), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_getitem(rt, d, l), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_setitem(rt, t, hl_smallint(0), i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_setitem(rt, str, hl_smallint(0), i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_delitem(rt, t, hl_smallint(0)), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_contains(rt, i, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_contains(rt, str, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_contains(rt, s, l), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_int_value(rt, str, &i64), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_number_as_double(rt, l, &dbl), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_intern(rt, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_getitem(rt, l, 0), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_slice(rt, t, 0, 1, 1), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_concat(rt, str, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_str_repeat(rt, l, 2), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_str_contains(rt, l, str), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_tuple_slice(rt, l, 0, 1, 1), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_tuple_concat(rt, t, l), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_insert(rt, d, 0, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_extend(rt, l, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_set(rt, t, 0, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_del(rt, str, 0), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_clear(rt, d), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_reverse(rt, t), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_remove(rt, t, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_get(rt, t, 0), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_pop(rt, s, 0), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_index(rt, t, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_count(rt, str, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_copy(rt, t), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_concat(rt, l, t), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_repeat(rt, str, 2), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_set_slice(rt, l, 0, 1, 1, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_set_slice(rt, t, 0, 1, 1, l), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_list_sort(rt, l, d, false), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_list_sorted(rt, i, HL_NOVALUE, false), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_list_of(rt, f), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_set(rt, d, l, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_set(rt, s, i, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_lookup(rt, l, i, &out), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_lookup(rt, d, d, &out), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_copy(rt, l), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_getitem(rt, l, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_del(rt, t, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_pop(rt, s, i, HL_NOVALUE), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_clear(rt, l), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_keys(rt, s), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_values(rt, l), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_dict_items(rt, t), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_update(rt, d, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_update(rt, d, L(rt, i)), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_dict_update(rt, d, L(rt, T(rt, i, i, i))), HL_EXC_VALUE_ERROR);
    FAILS_I(rt, hl_dict_update(rt, l, d), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_of(rt, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_of(rt, L(rt, l)), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_copy(rt, l), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_add(rt, s, d), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_add(rt, l, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_contains(rt, d, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_discard(rt, s, l), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_remove(rt, l, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_clear(rt, d), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_union(rt, l, s), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_intersection(rt, s, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_difference(rt, i, s), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_set_symmetric_difference(rt, s, f), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_is_subset(rt, s, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_update(rt, s, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_update(rt, d, s), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_difference_update(rt, s, f), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_intersection_update(rt, s, i), HL_EXC_TYPE_ERROR);
    FAILS_I(rt, hl_set_symmetric_difference_update(rt, l, s), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_binary_op(rt, HL_OP_SUB, l, l), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_binary_op(rt, HL_OP_ADD, str, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_inplace_op(rt, HL_OP_ADD, l, i), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_inplace_op(rt, HL_OP_OR, s, l), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_unary_op(rt, HL_OP_NEG, l), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_unary_op(rt, HL_OP_INVERT, f), HL_EXC_TYPE_ERROR);
    cr_assert_str_eq(test_repr(rt, l), "[1]", "nothing changed");
    cr_assert_eq(hl_dict_size(d), 0);
    hl_runtime_free(rt);
}

Test(api_inputs, out_of_range_indexes_and_sizes)
{
    hl_runtime *rt = test_runtime();
    hl_value l = L(rt, hl_smallint(1), hl_smallint(2)), t = T(rt, hl_smallint(1)), str = S(rt, "\xc3\xa9t\xc3\xa9");
    hl_value empty = test_pin(rt, hl_list_new(rt, 0));
    const int64_t far[] = {2, -3, INT64_MAX, INT64_MIN, INT64_MIN + 1};
    for (size_t k = 0; k < sizeof far / sizeof *far; k++) {
        FAILS_V(rt, hl_list_get(rt, l, far[k]), HL_EXC_INDEX_ERROR);
        FAILS_I(rt, hl_list_set(rt, l, far[k], HL_NONE), HL_EXC_INDEX_ERROR);
        FAILS_I(rt, hl_list_del(rt, l, far[k]), HL_EXC_INDEX_ERROR);
        FAILS_V(rt, hl_list_pop(rt, l, far[k]), HL_EXC_INDEX_ERROR);
    }
    const int64_t past_tuple[] = {1, -2, INT64_MAX, INT64_MIN}, past_str[] = {3, -4, INT64_MAX, INT64_MIN};
    for (size_t k = 0; k < 4; k++) {
        FAILS_V(rt, hl_tuple_getitem(rt, t, past_tuple[k]), HL_EXC_INDEX_ERROR);
        FAILS_V(rt, hl_str_getitem(rt, str, past_str[k]), HL_EXC_INDEX_ERROR);
    }
    FAILS_V(rt, hl_getitem(rt, l, hl_smallint(5)), HL_EXC_INDEX_ERROR);
    FAILS_V(rt, hl_getitem(rt, str, hl_smallint(-4)), HL_EXC_INDEX_ERROR);
    FAILS_I(rt, hl_setitem(rt, l, hl_smallint(-3), HL_NONE), HL_EXC_INDEX_ERROR);
    FAILS_I(rt, hl_delitem(rt, l, hl_smallint(2)), HL_EXC_INDEX_ERROR);
    FAILS_V(rt, hl_list_pop(rt, empty, -1), HL_EXC_INDEX_ERROR);
    FAILS_V(rt, hl_list_slice(rt, l, 0, 1, 0), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_tuple_slice(rt, t, 0, 1, 0), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_str_slice(rt, str, 0, 1, 0), HL_EXC_VALUE_ERROR);
    FAILS_I(rt, hl_list_del_slice(rt, l, 0, 1, 0), HL_EXC_VALUE_ERROR);
    FAILS_I(rt, hl_list_set_slice(rt, l, HL_SLICE_OMITTED, HL_SLICE_OMITTED, 2, empty), HL_EXC_VALUE_ERROR);
    FAILS_I(rt, hl_list_sort(rt, l, L(rt, hl_smallint(1)), false), HL_EXC_VALUE_ERROR);
    /* Sizes past memory: MemoryError (or OverflowError), never a wrapped size. */
    FAILS_V(rt, hl_list_new(rt, SIZE_MAX), HL_EXC_MEMORY_ERROR);
    FAILS_V(rt, hl_list_new(rt, SIZE_MAX / 8 + 1), HL_EXC_MEMORY_ERROR);
    FAILS_V(rt, hl_tuple_new(rt, NULL, SIZE_MAX / 4), HL_EXC_MEMORY_ERROR);
    FAILS_V(rt, hl_list_repeat(rt, l, INT64_MAX), HL_EXC_MEMORY_ERROR);
    hl_value big = hl_str_repeat(rt, str, INT64_MAX);
    cr_assert_eq(big, HL_NOVALUE);
    cr_assert(hl_error_type(rt) == HL_EXC_MEMORY_ERROR || hl_error_type(rt) == HL_EXC_OVERFLOW_ERROR, "%s",
              hl_error_string(rt));
    hl_error_clear(rt);
    /* What clamps in Python clamps here. */
    cr_assert_str_eq(test_repr(rt, hl_list_slice(rt, l, INT64_MIN + 1, INT64_MAX, 1)), "[1, 2]");
    cr_assert_eq(hl_list_insert(rt, l, INT64_MIN, hl_smallint(0)), 0);
    cr_assert_eq(hl_list_insert(rt, l, INT64_MAX, hl_smallint(3)), 0);
    cr_assert_str_eq(test_repr(rt, l), "[0, 1, 2, 3]");
    hl_runtime_free(rt);
}

Test(api_inputs, unknown_enum_values)
{
    hl_runtime *rt = test_runtime();
    hl_value l = L(rt, hl_smallint(1));
    FAILS_I(rt, hl_compare(rt, l, l, (hl_cmp)-1), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_binary_op(rt, HL_OP__COUNT, l, l), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_binary_op(rt, (hl_binop)-1, hl_smallint(1), hl_smallint(2)), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_inplace_op(rt, (hl_binop)77, l, l), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_unary_op(rt, (hl_unop)9, hl_smallint(1)), HL_EXC_VALUE_ERROR);
    cr_assert_str_eq(hl_binop_symbol((hl_binop)99), "?");
    cr_assert_str_eq(hl_type_name((hl_type)99), "?");
    cr_assert_str_eq(hl_exc_name((hl_exc)99), "Exception");
    cr_assert_eq(hl_heap_count(rt, (hl_type)99), 0);
    cr_assert_null(hl_backend_at(hl_backend_count()));
    cr_assert_eq(hl_error_set(rt, (hl_exc)99, "odd"), -1);
    cr_assert_str_eq(hl_error_string(rt), "Exception: odd");
    hl_error_clear(rt);
    hl_runtime_free(rt);
}

Test(api_inputs, null_pointers_for_inputs)
{
    hl_runtime *rt = test_runtime();
    FAILS_V(rt, hl_str_from_cstr(rt, NULL), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_str_new(rt, NULL, 3), HL_EXC_VALUE_ERROR);
    cr_assert_str_eq(test_repr(rt, hl_str_new(rt, NULL, 0)), "''", "no bytes: the empty string");
    FAILS_V(rt, hl_str_intern_cstr(rt, NULL), HL_EXC_VALUE_ERROR);
    FAILS_V(rt, hl_list_from(rt, NULL, 2), HL_EXC_TYPE_ERROR);
    cr_assert_str_eq(test_repr(rt, hl_list_from(rt, NULL, 0)), "[]");
    cr_assert_str_eq(test_repr(rt, hl_tuple_new(rt, NULL, 2)), "(None, None)", "documented: Nones to fill");
    cr_assert_null(hl_backend_find(NULL));
    hl_runtime_free(NULL);
    hl_runtime_free(rt);

    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = NULL;
    char err[256];
    rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "a NULL backend name is the default: %s", err);
    cr_assert_str_eq(hl_runtime_backend_name(rt), "system");
    hl_runtime_free(rt);
    cfg.backend = "nope";
    cr_assert_null(hl_runtime_new(&cfg, NULL, 0), "no room for the message: still NULL");
}

Test(api_inputs, novalue_in_an_items_array_is_a_type_error)
{
    hl_runtime *rt = test_runtime();
    hl_value items[2] = {hl_smallint(1), HL_NOVALUE};
    FAILS_V(rt, hl_list_from(rt, items, 2), HL_EXC_TYPE_ERROR);
    FAILS_V(rt, hl_tuple_new(rt, items, 2), HL_EXC_TYPE_ERROR);
    hl_runtime_free(rt);
}

Test(api_inputs, gc_calls_out_of_order)
{
    hl_runtime *rt = test_runtime();
    hl_value v = L(rt);
    hl_unpin(rt, hl_smallint(3)); /* never pinned: nothing happens */
    hl_unpin(rt, HL_NOVALUE);
    hl_gc_remove_root_source(rt, NULL, NULL);
    hl_gc_set_growth(rt, 0);
    cr_assert_eq(hl_gc_add_root_source(rt, NULL, NULL), -1, "no function: an error");
    cr_assert_eq(hl_error_type(rt), HL_EXC_TYPE_ERROR);
    hl_error_clear(rt);
    hl_root_restore(rt, hl_root_depth(rt) + 5); /* deeper than now: nothing happens */
    hl_gc_collect(rt);
    cr_assert_str_eq(test_repr(rt, v), "[]");
    hl_runtime_free(rt);
}

Test(api_inputs, front_end_null_and_missing_inputs, .init = cr_redirect_stdout)
{
    hl_runtime *rt = test_runtime();
    cr_assert_eq(hl_lang_run_string(rt, NULL, 0, NULL), HL_LANG_STATUS_OK, "no source: nothing to run");
    cr_assert_eq(hl_lang_run_string(rt, NULL, 4, "x.py"), HL_LANG_STATUS_ERROR);
    fails(rt, true, HL_EXC_TYPE_ERROR, "hl_lang_run_string(NULL, 4)");
    cr_assert_eq(hl_lang_run_file(rt, NULL), HL_LANG_STATUS_ERROR);
    fails(rt, true, HL_EXC_TYPE_ERROR, "hl_lang_run_file(NULL)");
    cr_assert_eq(hl_lang_run_file(rt, "/nonexistent/dir/x.py"), HL_LANG_STATUS_ERROR);
    cr_assert_str_eq(hl_error_message(rt),
                     "can't open file '/nonexistent/dir/x.py': [Errno 2] No such file or directory");
    cr_assert_eq(hl_lang_run_file(rt, "/tmp"), HL_LANG_STATUS_ERROR, "a directory is no script");
    cr_assert_str_eq(hl_error_message(rt), "can't read file '/tmp': [Errno 21] Is a directory");
    hl_error_clear(rt);
    cr_assert_eq(hl_lang_repl_eval(rt, NULL, 0), HL_LANG_STATUS_OK);
    cr_assert_eq(hl_lang_set_argv(rt, 3, NULL), -1);
    fails(rt, true, HL_EXC_TYPE_ERROR, "hl_lang_set_argv(3, NULL)");
    cr_assert_eq(hl_lang_set_argv(rt, 0, NULL), 0);
    cr_assert_eq(hl_lang_set_argv(rt, -2, NULL), -1);
    fails(rt, true, HL_EXC_VALUE_ERROR, "hl_lang_set_argv(-2)");
    cr_assert_eq(hl_lang_set_recursion_limit(rt, 0), 0, "0 is taken as 1");
    hl_lang_location where;
    cr_assert(!hl_lang_error_location(rt, &where), "no error, no location");
    hl_lang_print_error(rt, NULL); /* NULL is stderr */
    hl_runtime_free(rt);
}
