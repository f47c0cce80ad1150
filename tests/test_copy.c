/* copy.copy and copy.deepcopy with CPython 3.11's rules: what is shared, what is new, cycles,
 * tuples, dict keys, deep nesting, and MemoryError in the middle of a deep copy. Expected
 * orders and reprs are CPython's (PYTHONHASHSEED=0 for sets of strings). */
#include <stdio.h>

#include "rt.h" /* white box: fault injection at a chosen allocation */
#include "support.h"

/* Live objects of a type, exact after a collection unless the backend collects by itself. */
static bool counts_exact(hl_runtime *rt)
{
    return !(hl_backend_find(hl_runtime_backend_name(rt))->flags & HL_BACKEND_COLLECTS);
}

static hl_value deepcopy_ok(hl_runtime *rt, hl_value v)
{
    hl_value c = hl_deepcopy(rt, v);
    cr_assert(c, "deepcopy failed: %s", hl_error_string(rt));
    return test_pin(rt, c);
}

static hl_value item(hl_value container, size_t i)
{
    return hl_is_list(container) ? hl_list_items(container)[i] : hl_tuple_get(container, i);
}

Test(copy, shallow_copy_shares_every_item)
{
    hl_runtime *rt = test_runtime();
    hl_value inner = L(rt, I(rt, 1), I(rt, 2));
    hl_value a = L(rt, inner, S(rt, "x"));
    hl_value b = test_pin(rt, hl_copy(rt, a));
    cr_assert(!hl_is(a, b) && hl_eq(rt, a, b) == 1, "a new list, equal to the old");
    cr_assert(hl_is(item(b, 0), inner), "the same inner list");
    cr_assert_eq(hl_list_append(rt, item(b, 0), I(rt, 99)), 0);
    cr_expect_str_eq(test_repr(rt, a), "[[1, 2, 99], 'x']", "mutating the shared inner list shows in both");
    cr_assert_eq(hl_list_append(rt, b, I(rt, 5)), 0);
    cr_expect_str_eq(test_repr(rt, a), "[[1, 2, 99], 'x']", "the outer lists are distinct");
    hl_value slice = test_pin(rt, hl_list_slice(rt, a, HL_SLICE_OMITTED, HL_SLICE_OMITTED, 1));
    cr_assert(!hl_is(slice, a) && hl_is(item(slice, 0), inner), "a[:] is a shallow copy too");

    hl_value d = D(rt, S(rt, "k"), inner, S(rt, "n"), I(rt, 1));
    hl_value dc = test_pin(rt, hl_copy(rt, d));
    cr_assert(!hl_is(d, dc));
    cr_assert(hl_is(hl_dict_getitem(rt, dc, S(rt, "k")), inner));
    cr_assert_eq(hl_dict_set(rt, dc, S(rt, "new"), I(rt, 0)), 0);
    cr_expect_str_eq(test_repr(rt, d), "{'k': [1, 2, 99], 'n': 1}");
    cr_expect_str_eq(test_repr(rt, dc), "{'k': [1, 2, 99], 'n': 1, 'new': 0}");

    hl_value s = test_pin(rt, hl_set_of(rt, L(rt, I(rt, 1), I(rt, 2))));
    hl_value sc = test_pin(rt, hl_copy(rt, s));
    cr_assert(!hl_is(s, sc));
    cr_assert_eq(hl_set_add(rt, sc, I(rt, 3)), 0);
    cr_expect_str_eq(test_repr(rt, s), "{1, 2}");
    cr_expect_str_eq(test_repr(rt, sc), "{1, 2, 3}");
    hl_runtime_free(rt);
}

Test(copy, copy_of_an_immutable_is_the_object_itself)
{
    hl_runtime *rt = test_runtime();
    hl_value values[] = {I(rt, 7), I(rt, 1000000), F(rt, 2.5), S(rt, "text"), T(rt, I(rt, 1), S(rt, "a")),
                         T(rt), HL_NONE, HL_TRUE, HL_FALSE, hl_type_value(HL_T_LIST)};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        cr_expect(hl_is(hl_copy(rt, values[i]), values[i]), "copy.copy of %s", test_repr(rt, values[i]));
        cr_expect(hl_is(hl_deepcopy(rt, values[i]), values[i]), "copy.deepcopy of %s", test_repr(rt, values[i]));
    }
    hl_value holds_list = T(rt, L(rt), I(rt, 1));
    cr_expect(hl_is(hl_copy(rt, holds_list), holds_list), "copy.copy of any tuple is the tuple");
    hl_runtime_free(rt);
}

Test(copy, dict_copy_keeps_order_and_drops_holes)
{
    hl_runtime *rt = test_runtime();
    hl_value d = D(rt, S(rt, "a"), I(rt, 1), S(rt, "b"), I(rt, 2), S(rt, "c"), I(rt, 3));
    cr_assert_eq(hl_dict_del(rt, d, S(rt, "a")), 0);
    cr_assert_eq(hl_dict_set(rt, d, S(rt, "a"), I(rt, 4)), 0);
    hl_value c = test_pin(rt, hl_dict_copy(rt, d));
    cr_expect_str_eq(test_repr(rt, c), "{'b': 2, 'c': 3, 'a': 4}");
    cr_assert_eq(hl_dict_set(rt, c, S(rt, "d"), I(rt, 5)), 0);
    cr_expect_eq(hl_dict_size(c), 4);
    cr_expect_eq(hl_int_get(hl_dict_getitem(rt, c, S(rt, "b"))), 2, "the copy's index finds every key");
    cr_expect_str_eq(test_repr(rt, test_pin(rt, hl_dict_copy(rt, D(rt)))), "{}");
    hl_runtime_free(rt);
}

/* s = {'w0', ..., 'w39'} with 'w0'..'w33' discarded: s, s.copy() and copy.deepcopy(s) iterate
 * in three different orders in CPython (a table with holes; merged into a fresh table; rebuilt
 * from the list of items). */
Test(copy, set_orders_are_cpythons)
{
    hl_runtime *rt = test_runtime();
    hl_value s = test_pin(rt, hl_set_new(rt));
    char w[8];
    for (int i = 0; i < 40; i++) {
        snprintf(w, sizeof w, "w%d", i);
        cr_assert_eq(hl_set_add(rt, s, S(rt, w)), 0);
    }
    for (int i = 0; i < 34; i++) {
        snprintf(w, sizeof w, "w%d", i);
        cr_assert_eq(hl_set_discard(rt, s, S(rt, w)), 1);
    }
    cr_expect_str_eq(test_repr(rt, s), "{'w38', 'w36', 'w34', 'w37', 'w39', 'w35'}");
    cr_expect_str_eq(test_repr(rt, test_pin(rt, hl_set_copy(rt, s))), "{'w36', 'w34', 'w37', 'w38', 'w35', 'w39'}");
    hl_value deep = deepcopy_ok(rt, s);
    cr_expect_str_eq(test_repr(rt, deep), "{'w36', 'w34', 'w39', 'w37', 'w38', 'w35'}");
    size_t pos = 0;
    hl_value x;
    while (hl_set_next(deep, &pos, &x))
        cr_expect_eq(hl_set_contains(rt, s, x), 1, "the same strs, not copies");
    hl_runtime_free(rt);
}

Test(copy, deepcopy_copies_every_mutable_level)
{
    hl_runtime *rt = test_runtime();
    hl_value a = L(rt, L(rt, I(rt, 1), I(rt, 2)), L(rt, I(rt, 3), L(rt, I(rt, 4), I(rt, 5))));
    hl_value b = deepcopy_ok(rt, a);
    cr_assert(!hl_is(a, b) && hl_eq(rt, a, b) == 1);
    cr_assert(!hl_is(item(a, 0), item(b, 0)));
    cr_assert(!hl_is(item(item(a, 1), 1), item(item(b, 1), 1)));
    cr_assert_eq(hl_list_append(rt, item(item(b, 1), 1), I(rt, 6)), 0);
    cr_expect_str_eq(test_repr(rt, a), "[[1, 2], [3, [4, 5]]]");
    cr_expect_str_eq(test_repr(rt, b), "[[1, 2], [3, [4, 5, 6]]]");
    hl_runtime_free(rt);
}

Test(copy, deepcopy_returns_immutable_leaves_themselves)
{
    hl_runtime *rt = test_runtime();
    hl_value big = I(rt, 12345678901), f = F(rt, 0.1), s = S(rt, "leaf");
    hl_value a = L(rt, big, f, s, HL_NONE, HL_TRUE, I(rt, 3));
    hl_gc_collect(rt);
    size_t ints = hl_heap_count(rt, HL_T_INT), floats = hl_heap_count(rt, HL_T_FLOAT),
           strs = hl_heap_count(rt, HL_T_STR);
    hl_value b = deepcopy_ok(rt, a);
    for (size_t i = 0; i < hl_list_size(a); i++)
        cr_expect(hl_is(item(a, i), item(b, i)), "item %zu is the same object", i);
    hl_gc_collect(rt);
    if (counts_exact(rt)) {
        cr_expect_eq(hl_heap_count(rt, HL_T_INT), ints);
        cr_expect_eq(hl_heap_count(rt, HL_T_FLOAT), floats);
        cr_expect_eq(hl_heap_count(rt, HL_T_STR), strs);
    }
    hl_runtime_free(rt);
}

Test(copy, deepcopy_reproduces_a_list_containing_itself)
{
    hl_runtime *rt = test_runtime();
    hl_value a = L(rt, I(rt, 1));
    cr_assert_eq(hl_list_append(rt, a, a), 0);
    cr_expect_str_eq(test_repr(rt, a), "[1, [...]]");
    hl_value b = deepcopy_ok(rt, a);
    cr_expect_str_eq(test_repr(rt, b), "[1, [...]]");
    cr_assert(!hl_is(b, a));
    cr_assert(hl_is(item(b, 1), b), "the copy contains the copy, not the original");
    cr_assert_eq(hl_list_append(rt, b, I(rt, 2)), 0);
    cr_expect_str_eq(test_repr(rt, a), "[1, [...]]");
    cr_expect_str_eq(test_repr(rt, b), "[1, [...], 2]");
    hl_runtime_free(rt);
}

Test(copy, deepcopy_reproduces_mutual_and_dict_cycles)
{
    hl_runtime *rt = test_runtime();
    hl_value a = L(rt), b = L(rt, a);
    cr_assert_eq(hl_list_append(rt, a, b), 0);
    hl_value ac = deepcopy_ok(rt, a);
    hl_value bc = item(ac, 0);
    cr_assert(!hl_is(bc, b) && hl_is(item(bc, 0), ac));

    hl_value d = D(rt, S(rt, "name"), S(rt, "loop"));
    cr_assert_eq(hl_dict_set(rt, d, S(rt, "self"), d), 0);
    hl_value dc = deepcopy_ok(rt, d);
    cr_expect_str_eq(test_repr(rt, dc), "{'name': 'loop', 'self': {...}}");
    cr_assert(hl_is(hl_dict_getitem(rt, dc, S(rt, "self")), dc));
    hl_runtime_free(rt);
}

Test(copy, deepcopy_keeps_shared_substructure_shared)
{
    hl_runtime *rt = test_runtime();
    hl_value inner = L(rt, I(rt, 1), I(rt, 2));
    hl_value outer = L(rt, inner, inner, D(rt, S(rt, "x"), inner));
    hl_value c = deepcopy_ok(rt, outer);
    cr_expect_str_eq(test_repr(rt, c), "[[1, 2], [1, 2], {'x': [1, 2]}]");
    cr_assert(!hl_is(item(c, 0), inner));
    cr_assert(hl_is(item(c, 0), item(c, 1)), "one copy of inner, shared twice");
    cr_assert(hl_is(item(c, 0), hl_dict_getitem(rt, item(c, 2), S(rt, "x"))));
    hl_runtime_free(rt);
}

Test(copy, deepcopy_of_tuples)
{
    hl_runtime *rt = test_runtime();
    hl_value frozen = T(rt, I(rt, 1), S(rt, "a"), F(rt, 2.5), T(rt, I(rt, 3), HL_NONE));
    cr_assert(hl_is(deepcopy_ok(rt, frozen), frozen), "every item copies to itself: the same tuple");

    hl_value inner = T(rt, I(rt, 1), I(rt, 2));
    hl_value list = L(rt, I(rt, 3));
    hl_value mixed = T(rt, inner, list);
    hl_value c = deepcopy_ok(rt, mixed);
    cr_assert(!hl_is(c, mixed), "a tuple holding a list is copied");
    cr_assert(hl_is(item(c, 0), inner), "its immutable item is not");
    cr_assert(!hl_is(item(c, 1), list));
    cr_expect_str_eq(test_repr(rt, c), "((1, 2), [3])");

    hl_value shared = L(rt, mixed, mixed, frozen, frozen);
    hl_value sc = deepcopy_ok(rt, shared);
    cr_assert(hl_is(item(sc, 0), item(sc, 1)), "a copied tuple is copied once");
    cr_assert(hl_is(item(sc, 2), frozen) && hl_is(item(sc, 3), frozen));
    cr_assert(hl_is(item(item(sc, 0), 1), item(item(sc, 1), 1)));
    hl_runtime_free(rt);
}

/* l = []; t = (l,); l.append(t): the tuple's copy can only exist once l's copy does, and l's
 * copy must hold the tuple's copy. As CPython: l2 = deepcopy(l) gives l2[0][0] is l2, and
 * t2 = deepcopy(t) gives t2[0][0] is t2. */
Test(copy, deepcopy_cycle_through_a_tuple)
{
    hl_runtime *rt = test_runtime();
    hl_value l = L(rt);
    hl_value t = T(rt, l);
    cr_assert_eq(hl_list_append(rt, l, t), 0);
    hl_value lc = deepcopy_ok(rt, l);
    cr_assert(!hl_is(lc, l) && !hl_is(item(lc, 0), t));
    cr_assert(hl_is(item(item(lc, 0), 0), lc));
    hl_value tc = deepcopy_ok(rt, t);
    cr_assert(!hl_is(tc, t) && !hl_is(item(tc, 0), l));
    cr_assert(hl_is(item(item(tc, 0), 0), tc));
    cr_expect_str_eq(test_repr(rt, tc), "([(...)],)");

    /* Two tuples deep: u = ((m,), 5); m = [u]. */
    hl_value m = L(rt);
    hl_value u = T(rt, T(rt, m), I(rt, 5));
    cr_assert_eq(hl_list_append(rt, m, u), 0);
    hl_value uc = deepcopy_ok(rt, u);
    hl_value mc = item(item(uc, 0), 0);
    cr_assert(!hl_is(uc, u) && !hl_is(item(uc, 0), item(u, 0)) && !hl_is(mc, m));
    cr_assert(hl_is(item(mc, 0), uc), "one copy of u: the one the list holds is the one returned");
    hl_runtime_free(rt);
}

Test(copy, deepcopy_copies_dict_keys_and_values)
{
    hl_runtime *rt = test_runtime();
    hl_value key = T(rt, I(rt, 1), S(rt, "k"));
    hl_value value = L(rt, I(rt, 2));
    hl_value d = D(rt, key, value, S(rt, "nested"), D(rt, S(rt, "v"), value), S(rt, "gone"), HL_NONE);
    cr_assert_eq(hl_dict_del(rt, d, S(rt, "gone")), 0);
    hl_value c = deepcopy_ok(rt, d);
    cr_expect_str_eq(test_repr(rt, c), "{(1, 'k'): [2], 'nested': {'v': [2]}}");
    hl_value keys = test_pin(rt, hl_dict_keys(rt, c));
    cr_assert(hl_is(item(keys, 0), key), "a key deep-copies to itself: the same tuple");
    hl_value vc = hl_dict_getitem(rt, c, key);
    cr_assert(vc && !hl_is(vc, value));
    cr_assert(hl_is(hl_dict_getitem(rt, hl_dict_getitem(rt, c, S(rt, "nested")), S(rt, "v")), vc));
    cr_assert_eq(hl_dict_set(rt, c, S(rt, "more"), I(rt, 1)), 0, "the copy stays a working dict");
    cr_expect_eq(hl_dict_size(c), 3);
    hl_runtime_free(rt);
}

Test(copy, deepcopy_of_sets_inside_lists)
{
    hl_runtime *rt = test_runtime();
    hl_value s = test_pin(rt, hl_set_of(rt, L(rt, S(rt, "b"), T(rt, I(rt, 1), I(rt, 2)), I(rt, 3))));
    hl_value a = L(rt, s, s);
    hl_value c = deepcopy_ok(rt, a);
    cr_assert(!hl_is(item(c, 0), s) && hl_is(item(c, 0), item(c, 1)));
    cr_assert_eq(hl_eq(rt, item(c, 0), s), 1);
    hl_runtime_free(rt);
}

/* Collect, then count the live objects of every type. */
static void count_live(hl_runtime *rt, size_t out[HL_T__COUNT])
{
    hl_gc_collect(rt);
    for (int t = 0; t < HL_T__COUNT; t++)
        out[t] = hl_heap_count(rt, (hl_type)t);
}

static void expect_counts(hl_runtime *rt, const size_t before[HL_T__COUNT], const char *when)
{
    if (!counts_exact(rt))
        return;
    size_t now[HL_T__COUNT];
    count_live(rt, now);
    for (int t = 0; t < HL_T__COUNT; t++)
        cr_expect_eq(now[t], before[t], "%s: %zu live %s, %zu before", when, now[t], hl_type_name((hl_type)t),
                     before[t]);
}

Test(copy, million_deep_nesting_is_iterative)
{
    hl_config cfg;
    hl_config_init(&cfg);
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    size_t depth = cfg.gc_stress ? 2000 : 1000000; /* a million collections would be a benchmark */
    hl_value outer = hl_list_new(rt, 1);
    HL_ROOT(rt, outer);
    hl_value cur = outer;
    HL_ROOT(rt, cur);
    for (size_t i = 0; i < depth; i++) {
        hl_value inner = hl_list_new(rt, 1);
        cr_assert(inner);
        cr_assert_eq(hl_list_append(rt, cur, inner), 0);
        cur = inner;
    }
    size_t before[HL_T__COUNT];
    count_live(rt, before);
    hl_value copy = hl_deepcopy(rt, outer);
    HL_ROOT(rt, copy);
    cr_assert(copy, "%s", hl_error_string(rt));
    hl_value o = outer, c = copy;
    for (size_t i = 0; i < depth; i++) {
        cr_assert(!hl_is(o, c));
        cr_assert_eq(hl_list_size(c), 1);
        o = hl_list_items(o)[0];
        c = hl_list_items(c)[0];
    }
    cr_assert_eq(hl_list_size(c), 0);
    hl_gc_collect(rt);
    if (counts_exact(rt))
        cr_assert_eq(hl_heap_count(rt, HL_T_LIST), 2 * (depth + 1));
    HL_UNROOT(rt, 1);
    expect_counts(rt, before, "after dropping the copy");
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

#define SAMPLE_REPR \
    "[[1.5, 's'], [1.5, 's'], [...], ([1.5, 's'], 1), (2, 3), {(2, 3): [1.5, 's'], 'big': 1000000, " \
    "'self': {...}}, {2, 3}]"

/* A sample of every case: a cycle, sharing, tuples with and without a mutable, a dict with a
 * tuple key and a hole, a set, boxed numbers, strs. Built with roots only (no pins), so a
 * collection frees whatever the copy leaves behind. */
static hl_value build_sample(hl_runtime *rt)
{
    size_t depth = hl_root_depth(rt);
    hl_value root = HL_NONE, shared = HL_NONE, d = HL_NONE, t = HL_NONE, key = HL_NONE;
    HL_ROOT(rt, root);
    HL_ROOT(rt, shared);
    HL_ROOT(rt, d);
    HL_ROOT(rt, t);
    HL_ROOT(rt, key);
    root = hl_list_new(rt, 0);
    shared = hl_list_new(rt, 0);
    d = hl_dict_new(rt);
    cr_assert(root && shared && d);
    cr_assert_eq(hl_list_append(rt, shared, hl_float_new(rt, 1.5)), 0);
    cr_assert_eq(hl_list_append(rt, shared, hl_str_from_cstr(rt, "s")), 0);
    cr_assert_eq(hl_list_append(rt, root, shared), 0);
    cr_assert_eq(hl_list_append(rt, root, shared), 0);
    cr_assert_eq(hl_list_append(rt, root, root), 0);
    /* Ints in [-5, 256] never allocate (immediates, or boxed mode's cache): safe in one call. */
    cr_assert_eq(hl_list_append(rt, root, hl_tuple_new(rt, (hl_value[]){shared, hl_int_new(rt, 1)}, 2)), 0);
    t = hl_tuple_new(rt, (hl_value[]){hl_int_new(rt, 2), hl_int_new(rt, 3)}, 2);
    cr_assert_eq(hl_list_append(rt, root, t), 0);
    cr_assert_eq(hl_list_append(rt, root, d), 0);
    cr_assert_eq(hl_dict_set(rt, d, t, shared), 0);
    cr_assert_eq(hl_dict_set(rt, d, hl_str_from_cstr(rt, "gone"), HL_NONE), 0);
    key = hl_str_from_cstr(rt, "big");
    cr_assert_eq(hl_dict_set(rt, d, key, hl_int_new(rt, 1000000)), 0);
    cr_assert_eq(hl_dict_del(rt, d, hl_str_from_cstr(rt, "gone")), 0);
    cr_assert_eq(hl_dict_set(rt, d, hl_str_from_cstr(rt, "self"), d), 0);
    cr_assert_eq(hl_list_append(rt, root, hl_set_of(rt, t)), 0);
    hl_root_restore(rt, depth);
    return root;
}

/* Build the sample, check it and count what is live: the same allocations every time. */
static hl_value prepare(hl_runtime *rt, size_t live[HL_T__COUNT])
{
    hl_value x = build_sample(rt);
    HL_ROOT(rt, x);
    cr_assert_str_eq(test_repr(rt, x), SAMPLE_REPR);
    count_live(rt, live);
    HL_UNROOT(rt, 1);
    return x;
}

/* Fail the Nth allocation of a deep copy, for every N: each ends in MemoryError or success;
 * the original is untouched, a copy made after it (with the failed walk's memo marks still in
 * the objects) is right, and a collection frees the partial copy. */
Test(copy, memory_error_mid_deepcopy_leaves_the_runtime_consistent)
{
    hl_config cfg;
    hl_config_init(&cfg);
    hl_runtime *rt = hl_runtime_new(&cfg, NULL, 0);
    size_t before[HL_T__COUNT];
    hl_value x = prepare(rt, before);
    HL_ROOT(rt, x);
    uint64_t prepared = rt->alloc_attempts;
    cr_assert(hl_deepcopy(rt, x));
    uint64_t copying = rt->alloc_attempts - prepared;
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
    cr_assert_gt(copying, 10);

    unsigned failures = 0;
    for (uint64_t n = 1; n <= copying; n++) {
        rt = hl_runtime_new(&cfg, NULL, 0);
        x = prepare(rt, before);
        HL_ROOT(rt, x);
        rt->cfg.fail_at = rt->alloc_attempts + n; /* the config's fault injection, armed now */
        hl_gc_stats s0, s1;
        hl_gc_get_stats(rt, &s0);
        hl_value c = hl_deepcopy(rt, x);
        HL_ROOT(rt, c);
        if (!c) {
            failures++;
            cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR, "fail_at +%llu: %s", (unsigned long long)n,
                         hl_error_string(rt));
            hl_error_clear(rt);
        } else {
            cr_assert_str_eq(test_repr(rt, c), SAMPLE_REPR);
            cr_assert(!hl_is(c, x));
        }
        cr_assert_str_eq(test_repr(rt, x), SAMPLE_REPR, "the original is untouched");
        hl_value again = hl_deepcopy(rt, x); /* the failed walk's marks are still in x's objects */
        cr_assert(again, "%s", hl_error_string(rt));
        cr_assert_str_eq(test_repr(rt, again), SAMPLE_REPR);
        HL_UNROOT(rt, 1);
        expect_counts(rt, before, "after the copy is dropped");
        hl_gc_get_stats(rt, &s1);
        if (counts_exact(rt))
            cr_expect_eq(s1.live_bytes, s0.live_bytes, "fail_at +%llu: bytes left behind", (unsigned long long)n);
        HL_UNROOT(rt, 1);
        hl_runtime_free(rt);
    }
    cr_expect_gt(failures, 0, "some allocations fail for good (the memo's), not all are retried");
}

/* A collection before every allocation, whatever the environment says: the partial copy, the
 * pending tuple items and the memo must all be rooted. */
Test(copy, deepcopy_under_gc_stress)
{
    hl_runtime *rt = test_runtime();
    hl_gc_set_stress(rt, 1);
    hl_value x = build_sample(rt);
    HL_ROOT(rt, x);
    for (int i = 0; i < 3; i++) {
        hl_value c = hl_deepcopy(rt, x);
        HL_ROOT(rt, c);
        cr_assert(c, "%s", hl_error_string(rt));
        cr_expect_str_eq(test_repr(rt, c), SAMPLE_REPR);
        hl_value s = item(c, 0);
        cr_assert(!hl_is(s, item(x, 0)) && hl_is(s, item(c, 1)) && hl_is(item(c, 2), c));
        cr_assert(hl_is(item(item(c, 3), 0), s));
        cr_assert(hl_is(item(c, 4), item(x, 4)));
        HL_UNROOT(rt, 1);
    }
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* A walk's memo marks stay in the objects after it (objects.h): a later walk must not take
 * them for its own. The second copy visits inner2 first, whose mark from the first walk (its
 * index 3) is past the second walk's memo, then inner1, whose mark (index 2) names inner2's
 * entry in the second walk: trusted, it would copy inner1 as inner2's copy. */
Test(copy, memo_marks_of_an_earlier_walk_are_not_taken)
{
    hl_runtime *rt = test_runtime();
    hl_value inner1 = L(rt, I(rt, 1)), inner2 = L(rt, I(rt, 2));
    hl_value x = L(rt, inner1, inner1, inner2);
    hl_value cx = deepcopy_ok(rt, x);
    cr_assert(hl_is(item(cx, 0), item(cx, 1)));
    hl_value y = L(rt, inner2, inner1, inner2);
    hl_value cy = deepcopy_ok(rt, y);
    cr_assert_str_eq(test_repr(rt, cy), "[[2], [1], [2]]");
    cr_assert(hl_is(item(cy, 0), item(cy, 2)), "inner2 copied once");
    cr_assert(!hl_is(item(cy, 1), item(cy, 0)), "inner1 is not inner2's copy");
    cr_assert(!hl_is(item(cy, 1), inner1) && !hl_is(item(cy, 1), item(cx, 0)), "a copy of its own");
    hl_runtime_free(rt);
}
