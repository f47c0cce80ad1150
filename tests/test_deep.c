/* Deep structures: a list and a dict nested 1,000,000 deep are built, collected, deep-copied
 * and freed without C recursion; repr and == on them raise RecursionError as CPython does,
 * and the runtime goes on. (GC stress is off here: a collection per allocation of a million
 * levels is the stress suite's time, not its point.) */
#include "support.h"

#define DEPTH 1000000

static hl_runtime *deep_runtime(void)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.gc_stress = 0;
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    cr_assert_not_null(rt);
    return rt;
}

/* [[[...[]...]]] or {'k': {'k': ... {} ...}}, DEPTH levels. */
static hl_value nest(hl_runtime *rt, bool dict)
{
    hl_value key = test_pin(rt, hl_str_intern_cstr(rt, "k"));
    hl_value x = dict ? hl_dict_new(rt) : hl_list_new(rt, 0), outer = HL_NOVALUE;
    HL_ROOT(rt, x);
    HL_ROOT(rt, outer);
    for (int i = 1; i < DEPTH; i++) {
        outer = dict ? hl_dict_new(rt) : hl_list_new(rt, 1);
        cr_assert(outer, "%s", hl_error_string(rt));
        cr_assert_eq(dict ? hl_dict_set(rt, outer, key, x) : hl_list_append(rt, outer, x), 0);
        x = outer;
    }
    HL_UNROOT(rt, 2);
    return x;
}

static size_t depth_of(hl_value v)
{
    size_t n = 0;
    for (;;) {
        n++;
        if (hl_is_list(v) && hl_list_size(v))
            v = hl_list_items(v)[0];
        else if (hl_is_dict(v) && hl_dict_size(v))
            hl_dict_next(v, &(size_t){0}, &(hl_value){0}, &v);
        else
            return n;
    }
}

static void expect_recursion_error(hl_runtime *rt, const char *message)
{
    cr_assert_eq(hl_error_type(rt), HL_EXC_RECURSION_ERROR, "%s", hl_error_string(rt));
    cr_assert_str_eq(hl_error_message(rt), message);
    hl_error_clear(rt);
}

static void deep(bool dict)
{
    hl_runtime *rt = deep_runtime();
    hl_type type = dict ? HL_T_DICT : HL_T_LIST;
    hl_value x = nest(rt, dict), y = HL_NOVALUE;
    HL_ROOT(rt, x);
    HL_ROOT(rt, y);
    hl_gc_collect(rt);
    if (test_precise(rt))
        cr_assert_eq(hl_heap_count(rt, type), DEPTH);
    y = hl_deepcopy(rt, x);
    cr_assert(y, "%s", hl_error_string(rt));
    cr_assert_neq(x, y);
    cr_assert_eq(depth_of(y), DEPTH);
    hl_gc_collect(rt);
    if (test_precise(rt))
        cr_assert_eq(hl_heap_count(rt, type), 2 * DEPTH);

    cr_assert_eq(hl_repr(rt, x), HL_NOVALUE);
    expect_recursion_error(rt, "maximum recursion depth exceeded while getting the repr of an object");
    cr_assert_eq(hl_eq(rt, x, y), -1);
    expect_recursion_error(rt, "maximum recursion depth exceeded in comparison");
    cr_assert_eq(hl_eq(rt, x, x), 1, "every item is identical to the other side's");
    hl_value shallow = hl_copy(rt, x);
    cr_assert(shallow);
    cr_assert_eq(hl_len(rt, shallow), 1);

    x = y = HL_NOVALUE;
    size_t freed = hl_gc_collect(rt);
    if (test_precise(rt)) {
        cr_assert_geq(freed, 2 * DEPTH);
        cr_assert_eq(hl_heap_count(rt, type), 0);
    }
    cr_assert_str_eq(test_repr(rt, L(rt, hl_smallint(1))), "[1]", "and the runtime goes on");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

Test(deep, list_nested_a_million_deep, .timeout = 300) { deep(false); }

Test(deep, dict_nested_a_million_deep, .timeout = 300) { deep(true); }

Test(deep, freeing_the_runtime_frees_a_million_levels, .timeout = 300)
{
    hl_runtime *rt = deep_runtime();
    hl_value x = nest(rt, false);
    cr_assert(x);
    hl_runtime_free(rt); /* not collected first: destruction must not recurse either */
}
