/* The seed's lessons about Python's object model, one test each, with the C API that models
 * them: names are references, assignment binds, mutation shows through every reference,
 * `is` versus `==`, augmented assignment, sort versus sorted, shallow versus deep copies, and
 * how many objects each leaves alive. Every rule is CPython 3.11's. */
#include "support.h"

/* Live objects of a type after a collection; exact unless the backend collects by itself. */
static bool counts_exact(hl_runtime *rt)
{
    return !(hl_backend_find(hl_runtime_backend_name(rt))->flags & HL_BACKEND_COLLECTS);
}

static size_t live(hl_runtime *rt, hl_type t)
{
    hl_gc_collect(rt);
    return hl_heap_count(rt, t);
}

/* my_list1 = [{"first": "value1"}, {"second": "value2"}, 3, 4, 5], rooted by the caller. */
static hl_value my_list1(hl_runtime *rt)
{
    return L(rt, D(rt, S(rt, "first"), S(rt, "value1")), D(rt, S(rt, "second"), S(rt, "value2")), I(rt, 3),
             I(rt, 4), I(rt, 5));
}

/* x = [1, 2, 3]; y = x; x = [4, 5]: the new list is made first, then x is rebound; y still
 * names the old list, untouched. Ints alike: b = a; a = a + 1 leaves b as it was. */
Test(lessons, reassignment_rebinds_and_leaves_the_old_object_alone)
{
    hl_runtime *rt = test_runtime();
    hl_value x = L(rt, I(rt, 1), I(rt, 2), I(rt, 3));
    hl_value y = x; /* assignment binds a second name; nothing is copied */
    cr_assert(hl_is(y, x));
    x = L(rt, I(rt, 4), I(rt, 5));
    cr_assert(!hl_is(y, x));
    cr_expect_str_eq(test_repr(rt, y), "[1, 2, 3]");
    cr_expect_str_eq(test_repr(rt, x), "[4, 5]");

    hl_value a = I(rt, 1000);
    hl_value b = a;
    a = test_pin(rt, hl_binary_op(rt, HL_OP_ADD, a, I(rt, 1)));
    cr_expect_eq(hl_int_get(a), 1001);
    cr_expect_eq(hl_int_get(b), 1000, "b still names 1000");
    hl_runtime_free(rt);
}

/* numbers = [1111, 2222, 3333]; alias = numbers; numbers[2] = 3333 mutates the list, it
 * does not rebind numbers: the change shows through alias, the same object. */
Test(lessons, mutation_shows_through_every_alias)
{
    hl_runtime *rt = test_runtime();
    hl_value numbers = L(rt, I(rt, 1111), I(rt, 2222), I(rt, 4444));
    hl_value alias = numbers;
    uintptr_t id = hl_id(numbers);
    cr_assert_eq(hl_list_set(rt, numbers, 2, I(rt, 3333)), 0);
    cr_expect_eq(hl_id(numbers), id, "numbers[2] = ... keeps the same list");
    cr_expect_str_eq(test_repr(rt, alias), "[1111, 2222, 3333]");
    cr_assert_eq(hl_list_append(rt, alias, I(rt, 5555)), 0);
    cr_expect_str_eq(test_repr(rt, numbers), "[1111, 2222, 3333, 5555]");
    hl_runtime_free(rt);
}

/* a = [1, 2, 3]; b = [1, 2, 3]: a == b, but a is not b; c = a makes c is a. */
Test(lessons, identity_versus_equality)
{
    hl_runtime *rt = test_runtime();
    hl_value a = L(rt, I(rt, 1), I(rt, 2), I(rt, 3));
    hl_value b = L(rt, I(rt, 1), I(rt, 2), I(rt, 3));
    hl_value c = a;
    cr_expect_eq(hl_eq(rt, a, b), 1, "a == b");
    cr_expect(!hl_is(a, b), "a is not b");
    cr_expect_neq(hl_id(a), hl_id(b));
    cr_expect(hl_is(c, a), "c is a");
    cr_assert_eq(hl_list_append(rt, b, I(rt, 4)), 0);
    cr_expect_eq(hl_eq(rt, a, b), 0, "changing b changes nothing in a");
    hl_runtime_free(rt);
}

/* lst += [5] extends the same list (list.__iadd__); n += 1, s += "!" and t += (5,) make new
 * objects and rebind, so an alias keeps the old value. */
Test(lessons, augmented_assignment_list_versus_int_str_tuple)
{
    hl_runtime *rt = test_runtime();
    hl_value lst = L(rt, I(rt, 1), I(rt, 2));
    hl_value lst_alias = lst;
    lst = test_pin(rt, hl_inplace_op(rt, HL_OP_ADD, lst, L(rt, I(rt, 5))));
    cr_assert(hl_is(lst, lst_alias), "list +=: the same list");
    cr_expect_str_eq(test_repr(rt, lst_alias), "[1, 2, 5]");

    hl_value n = I(rt, 1000);
    hl_value n_alias = n;
    n = test_pin(rt, hl_inplace_op(rt, HL_OP_ADD, n, I(rt, 1)));
    cr_expect_eq(hl_int_get(n), 1001);
    cr_expect_eq(hl_int_get(n_alias), 1000, "int +=: a new int; the alias keeps the old");
    if (test_boxed(rt))
        cr_expect(!hl_is(n, n_alias));

    hl_value s = S(rt, "hi");
    hl_value s_alias = s;
    s = test_pin(rt, hl_inplace_op(rt, HL_OP_ADD, s, S(rt, "!")));
    cr_assert(!hl_is(s, s_alias), "str +=: a new str");
    cr_expect_str_eq(hl_str_data(s), "hi!");
    cr_expect_str_eq(hl_str_data(s_alias), "hi");

    hl_value t = T(rt, I(rt, 1), I(rt, 2));
    hl_value t_alias = t;
    t = test_pin(rt, hl_inplace_op(rt, HL_OP_ADD, t, T(rt, I(rt, 5))));
    cr_assert(!hl_is(t, t_alias), "tuple +=: a new tuple");
    cr_expect_str_eq(test_repr(rt, t), "(1, 2, 5)");
    cr_expect_str_eq(test_repr(rt, t_alias), "(1, 2)");
    hl_runtime_free(rt);
}

/* a.sort() sorts a in place and returns None; sorted(b) returns a new list, b unchanged. */
Test(lessons, sort_versus_sorted)
{
    hl_runtime *rt = test_runtime();
    hl_value a = L(rt, I(rt, 3), I(rt, 1), I(rt, 2));
    hl_value a_alias = a;
    cr_assert_eq(hl_list_sort(rt, a, HL_NOVALUE, false), 0, "list.sort: 0 here, None in Python");
    cr_expect_str_eq(test_repr(rt, a_alias), "[1, 2, 3]", "the same list, sorted");

    hl_value b = L(rt, I(rt, 3), I(rt, 1), I(rt, 2));
    hl_value sorted = test_pin(rt, hl_list_sorted(rt, b, HL_NOVALUE, false));
    cr_assert(!hl_is(sorted, b));
    cr_expect_str_eq(test_repr(rt, sorted), "[1, 2, 3]");
    cr_expect_str_eq(test_repr(rt, b), "[3, 1, 2]", "sorted() leaves its argument alone");
    hl_value desc = test_pin(rt, hl_list_sorted(rt, T(rt, S(rt, "b"), S(rt, "c"), S(rt, "a")), HL_NOVALUE, true));
    cr_expect_str_eq(test_repr(rt, desc), "['c', 'b', 'a']", "sorted() takes any iterable");
    hl_runtime_free(rt);
}

/* original = [[1, 2], 3, 4]: a shallow copy shares the inner list, a deep copy does not. */
Test(lessons, shallow_versus_deep_copy_of_nested_lists)
{
    hl_runtime *rt = test_runtime();
    hl_value original = L(rt, L(rt, I(rt, 1), I(rt, 2)), I(rt, 3), I(rt, 4));
    hl_value shallow = test_pin(rt, hl_copy(rt, original));
    hl_value deep = test_pin(rt, hl_deepcopy(rt, original));
    cr_assert(!hl_is(shallow, original) && !hl_is(deep, original));
    cr_assert(hl_is(hl_list_items(shallow)[0], hl_list_items(original)[0]), "shallow[0] is original[0]");
    cr_assert(!hl_is(hl_list_items(deep)[0], hl_list_items(original)[0]), "deep[0] is not original[0]");
    cr_assert(hl_is(hl_list_items(deep)[1], hl_list_items(original)[1]), "the ints are shared either way");

    cr_assert_eq(hl_list_append(rt, hl_list_items(original)[0], I(rt, 99)), 0);
    cr_assert_eq(hl_list_set(rt, original, 1, I(rt, 30)), 0);
    cr_expect_str_eq(test_repr(rt, original), "[[1, 2, 99], 30, 4]");
    cr_expect_str_eq(test_repr(rt, shallow), "[[1, 2, 99], 3, 4]", "the inner change shows, the rebinding not");
    cr_expect_str_eq(test_repr(rt, deep), "[[1, 2], 3, 4]", "nothing shows");
    hl_runtime_free(rt);
}

Test(lessons, shallow_versus_deep_copy_of_my_list1)
{
    hl_runtime *rt = test_runtime();
    hl_value original = my_list1(rt);
    hl_value shallow = test_pin(rt, hl_copy(rt, original));
    hl_value deep = test_pin(rt, hl_deepcopy(rt, original));
    hl_value first = hl_list_items(original)[0];
    cr_assert(hl_is(hl_list_items(shallow)[0], first));
    cr_assert(!hl_is(hl_list_items(deep)[0], first));
    cr_assert_eq(hl_dict_set(rt, first, S(rt, "first"), S(rt, "changed")), 0);
    cr_expect_str_eq(test_repr(rt, shallow), "[{'first': 'changed'}, {'second': 'value2'}, 3, 4, 5]");
    cr_expect_str_eq(test_repr(rt, deep), "[{'first': 'value1'}, {'second': 'value2'}, 3, 4, 5]");
    hl_runtime_free(rt);
}

/* The seed's counts: a deep copy of my_list1 leaves two lists and four dicts alive and no new
 * int, str or float (immutables are returned, not copied; in boxed mode too, where every int
 * is an object); a shallow copy leaves two lists and two dicts. */
Test(lessons, live_object_counts_after_copies)
{
    hl_runtime *rt = test_runtime();
    if (!counts_exact(rt))
        cr_skip("a conservative collector may keep garbage: counts are not exact");
    hl_value original = my_list1(rt);
    size_t ints = live(rt, HL_T_INT), strs = live(rt, HL_T_STR);
    cr_expect_eq(live(rt, HL_T_LIST), 1);
    cr_expect_eq(live(rt, HL_T_DICT), 2);

    hl_value deep = hl_deepcopy(rt, original);
    HL_ROOT(rt, deep);
    cr_expect_eq(live(rt, HL_T_LIST), 2, "deep copy: two lists");
    cr_expect_eq(live(rt, HL_T_DICT), 4, "deep copy: four dicts");
    cr_expect_eq(live(rt, HL_T_INT), ints, "one object per distinct int, still");
    cr_expect_eq(live(rt, HL_T_STR), strs);
    for (size_t i = 2; i < 5; i++)
        cr_expect(hl_is(hl_list_items(deep)[i], hl_list_items(original)[i]));
    HL_UNROOT(rt, 1);
    cr_expect_eq(live(rt, HL_T_LIST), 1, "the deep copy dropped: collected");
    cr_expect_eq(live(rt, HL_T_DICT), 2);

    hl_value shallow = hl_copy(rt, original);
    HL_ROOT(rt, shallow);
    cr_expect_eq(live(rt, HL_T_LIST), 2, "shallow copy: two lists");
    cr_expect_eq(live(rt, HL_T_DICT), 2, "shallow copy: the same two dicts");
    HL_UNROOT(rt, 1);

    /* Ints outside boxed mode's cache of [-5, 256] are not duplicated either. */
    hl_value big = L(rt, I(rt, 1000), I(rt, 2000), I(rt, 1000));
    ints = live(rt, HL_T_INT);
    hl_value big_copy = hl_deepcopy(rt, big);
    HL_ROOT(rt, big_copy);
    cr_expect_eq(live(rt, HL_T_INT), ints);
    cr_expect(hl_is(hl_list_items(big_copy)[0], hl_list_items(big)[0]));
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}
