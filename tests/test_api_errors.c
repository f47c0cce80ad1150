/* Bad input at the C API: wrong types, a failed call's HL_NOVALUE passed on, out-of-range
 * indexes. Each returns an error with a message; none aborts. */
#include "support.h"

static void expect(hl_runtime *rt, hl_exc type, const char *message)
{
    cr_expect_eq(hl_error_type(rt), type, "%s", hl_error_string(rt));
    cr_expect_str_eq(hl_error_message(rt), message);
    hl_error_clear(rt);
}

Test(api, wrong_receiver_types_are_type_errors)
{
    hl_runtime *rt = test_runtime();
    hl_value l = test_pin(rt, hl_list_new(rt, 0));
    hl_value d = test_pin(rt, hl_dict_new(rt));
    cr_assert_eq(hl_list_append(rt, d, HL_NONE), -1);
    expect(rt, HL_EXC_TYPE_ERROR, "hl_list_append: expected list, got dict");
    cr_assert_eq(hl_dict_set(rt, l, HL_NONE, HL_NONE), -1);
    expect(rt, HL_EXC_TYPE_ERROR, "hl_dict_set: expected dict, got list");
    cr_assert_eq(hl_set_add(rt, hl_smallint(3), HL_NONE), -1);
    expect(rt, HL_EXC_TYPE_ERROR, "hl_set_add: expected set, got int");
    cr_assert_eq(hl_str_concat(rt, S(rt, "a"), HL_NONE), HL_NOVALUE);
    expect(rt, HL_EXC_TYPE_ERROR, "hl_str_concat: expected str, got NoneType");
    cr_assert_eq(hl_tuple_getitem(rt, l, 0), HL_NOVALUE);
    expect(rt, HL_EXC_TYPE_ERROR, "hl_tuple_getitem: expected tuple, got list");
    cr_assert_eq(hl_list_sort(rt, HL_TRUE, HL_NOVALUE, false), -1);
    expect(rt, HL_EXC_TYPE_ERROR, "hl_list_sort: expected list, got bool");
    cr_assert_eq(hl_compare(rt, l, l, (hl_cmp)42), -1);
    expect(rt, HL_EXC_VALUE_ERROR, "hl_compare: unknown comparison 42");
    cr_assert_eq(hl_binary_op(rt, (hl_binop)99, l, l), HL_NOVALUE);
    expect(rt, HL_EXC_VALUE_ERROR, "unknown operator");
    hl_runtime_free(rt);
}

Test(api, a_failed_result_passed_on_keeps_its_error)
{
    hl_config cfg;
    hl_config_init(&cfg);
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    hl_value l = test_pin(rt, hl_list_new(rt, 0));
    hl_value bad = hl_str_new(rt, "\xff", 1); /* fails: ValueError */
    cr_assert_eq(bad, HL_NOVALUE);
    cr_assert_eq(hl_list_append(rt, l, bad), -1, "append(list, <failed>) fails");
    expect(rt, HL_EXC_VALUE_ERROR, "invalid UTF-8 in string data");
    cr_assert_eq(hl_list_size(l), 0, "and adds nothing");
    /* With no exception pending, HL_NOVALUE itself is the mistake, and says so. */
    cr_assert_eq(hl_eq(rt, l, HL_NOVALUE), -1);
    expect(rt, HL_EXC_TYPE_ERROR, "hl_eq: an argument is HL_NOVALUE (a failed call's result)");
    cr_assert_eq(hl_repr(rt, HL_NOVALUE), HL_NOVALUE);
    cr_assert_eq(hl_error_type(rt), HL_EXC_TYPE_ERROR);
    hl_error_clear(rt);
    hl_runtime_free(rt);
}

Test(api, out_of_range_and_bad_config)
{
    hl_runtime *rt = test_runtime();
    hl_value l = test_pin(rt, hl_list_from(rt, (hl_value[]){hl_smallint(1)}, 1));
    cr_assert_eq(hl_list_get(rt, l, INT64_MIN), HL_NOVALUE);
    expect(rt, HL_EXC_INDEX_ERROR, "list index out of range");
    cr_assert_eq(hl_list_del(rt, l, INT64_MAX), -1);
    expect(rt, HL_EXC_INDEX_ERROR, "list assignment index out of range");
    cr_assert_eq(hl_str_getitem(rt, S(rt, "ab"), -3), HL_NOVALUE);
    expect(rt, HL_EXC_INDEX_ERROR, "string index out of range");
    cr_assert_str_eq(test_repr(rt, hl_list_slice(rt, l, INT64_MAX, INT64_MIN + 1, -1)), "[1]");
    hl_runtime_free(rt);

    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = "no-such-allocator";
    char err[256];
    cr_assert_null(hl_runtime_new(&cfg, err, sizeof err));
    cr_assert_str_eq(err, "unknown heap backend 'no-such-allocator' (see `heaplab backends`)");
    cfg.backend = "system";
    cfg.int_mode = (hl_int_mode)7;
    cr_assert_null(hl_runtime_new(&cfg, err, sizeof err));
    cr_assert_str_eq(err, "unknown int mode");
}
