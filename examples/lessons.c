/* The seed's lessons about Python's object model, step by step, in C against heaplab's API:
 * what each step binds, mutates or copies, which objects are the same (`is`, compared by
 * address: hl_is, hl_id), and how many objects of each type are alive afterwards.
 *
 * Every value that must survive the next allocating call is rooted (HL_ROOT), as the README's
 * rooting rules require: an allocation may collect, and only rooted values survive it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <heaplab/heaplab.h>

static hl_runtime *rt;

/* Stop at the first failure: a teaching program has no recovery to show. */
static hl_value ok(hl_value v)
{
    if (!v) {
        fprintf(stderr, "heaplab: %s\n", hl_error_string(rt));
        hl_runtime_free(rt);
        exit(1);
    }
    return v;
}

static void check(int r) { ok(r == 0 ? HL_NONE : HL_NOVALUE); }

static void show(const char *name, hl_value v) { printf("    %-9s = %s\n", name, hl_str_data(ok(hl_repr(rt, v)))); }

static void same(const char *a_name, hl_value a, const char *b_name, hl_value b)
{
    printf("    %s is %s: %s (id %#lx, id %#lx)\n", a_name, b_name, hl_is(a, b) ? "True" : "False",
           (unsigned long)hl_id(a), (unsigned long)hl_id(b));
}

/* Live objects by type, counted after a full collection. */
static void live(void)
{
    hl_gc_collect(rt);
    printf("    live: %zu lists, %zu dicts, %zu tuples, %zu strs, %zu ints, %zu floats\n", hl_heap_count(rt, HL_T_LIST),
           hl_heap_count(rt, HL_T_DICT), hl_heap_count(rt, HL_T_TUPLE), hl_heap_count(rt, HL_T_STR),
           hl_heap_count(rt, HL_T_INT), hl_heap_count(rt, HL_T_FLOAT));
}

/* A list of n ints: one fresh value per call, so nothing unrooted is held across allocations. */
static hl_value ints(size_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    hl_value l = ok(hl_list_new(rt, n));
    HL_ROOT(rt, l);
    for (size_t i = 0; i < n; i++)
        check(hl_list_append(rt, l, ok(hl_int_new(rt, va_arg(ap, int)))));
    HL_UNROOT(rt, 1);
    va_end(ap);
    return l;
}

/* tuple(l) for a list l just made. */
static hl_value tuple_of(hl_value l)
{
    HL_ROOT(rt, l);
    hl_value t = ok(hl_tuple_new(rt, hl_list_items(l), hl_list_size(l)));
    HL_UNROOT(rt, 1);
    return t;
}

static hl_value str(const char *s) { return ok(hl_str_from_cstr(rt, s)); }

static hl_value dict1(const char *key, const char *value)
{
    hl_value d = ok(hl_dict_new(rt)), k = HL_NONE;
    HL_ROOT(rt, d);
    HL_ROOT(rt, k);
    k = str(key);
    check(hl_dict_set(rt, d, k, str(value)));
    HL_UNROOT(rt, 2);
    return d;
}

static void title(const char *text) { printf("\n== %s\n", text); }
static void step(const char *code) { printf("  >>> %s\n", code); }

static void reassignment_versus_mutation(void)
{
    title("1. Reassignment versus mutation");
    hl_value a = HL_NONE, b = HL_NONE, x = HL_NONE, y = HL_NONE;
    HL_ROOT(rt, a);
    HL_ROOT(rt, b);
    HL_ROOT(rt, x);
    HL_ROOT(rt, y);
    step("a = [1, 2, 3]; b = a");
    a = ints(3, 1, 2, 3);
    b = a; /* assignment binds a second name to the same object: no copy */
    same("b", b, "a", a);
    step("a = [4, 5, 6]          # a new list is made, then a is rebound to it");
    a = ints(3, 4, 5, 6);
    show("a", a);
    show("b", b);
    same("b", b, "a", a);
    step("a = b; a.append(4)     # mutation: the one list both names share grows");
    a = b;
    check(hl_list_append(rt, a, ok(hl_int_new(rt, 4))));
    show("a", a);
    show("b", b);
    step("x = 1000; y = x; x = x + 1   # ints are immutable: x + 1 is a new int");
    x = ok(hl_int_new(rt, 1000));
    y = x;
    x = ok(hl_binary_op(rt, HL_OP_ADD, x, ok(hl_int_new(rt, 1))));
    show("x", x);
    show("y", y);
    HL_UNROOT(rt, 4);
}

static void aliasing(void)
{
    title("2. Aliasing: two names, one object");
    hl_value original = ok(hl_list_new(rt, 0)), alias;
    HL_ROOT(rt, original);
    step("original = ['red', 'green']; alias = original; alias.append('blue')");
    check(hl_list_append(rt, original, str("red")));
    check(hl_list_append(rt, original, str("green")));
    alias = original;
    check(hl_list_append(rt, alias, str("blue")));
    show("original", original);
    same("alias", alias, "original", original);
    step("original[0] = 'crimson'   # item assignment mutates the list; nothing is rebound");
    check(hl_list_set(rt, original, 0, str("crimson")));
    show("alias", alias);
    HL_UNROOT(rt, 1);
}

static void identity_versus_equality(void)
{
    title("3. `is` versus `==`");
    hl_value a = HL_NONE, b = HL_NONE;
    HL_ROOT(rt, a);
    HL_ROOT(rt, b);
    step("a = [1, 2, 3]; b = [1, 2, 3]; c = a");
    a = ints(3, 1, 2, 3);
    b = ints(3, 1, 2, 3);
    hl_value c = a;
    printf("    a == b: %s\n", hl_eq(rt, a, b) == 1 ? "True" : "False");
    same("a", a, "b", b);
    same("c", c, "a", a);
    HL_UNROOT(rt, 2);
}

static void augmented_assignment(void)
{
    title("4. Augmented assignment: mutable versus immutable left sides");
    hl_value v = HL_NONE, alias = HL_NONE;
    HL_ROOT(rt, v);
    HL_ROOT(rt, alias);
    step("nums = [1, 2]; alias = nums; nums += [3]   # list.__iadd__: extends in place");
    v = ints(2, 1, 2);
    alias = v;
    v = ok(hl_inplace_op(rt, HL_OP_ADD, v, ints(1, 3)));
    show("nums", v);
    show("alias", alias);
    same("nums", v, "alias", alias);

    step("n = 5000; m = n; n += 1                     # a new int, n rebound");
    v = ok(hl_int_new(rt, 5000));
    alias = v;
    v = ok(hl_inplace_op(rt, HL_OP_ADD, v, ok(hl_int_new(rt, 1))));
    show("n", v);
    show("m", alias);

    step("s = 'heap'; t = s; s += 'lab'              # a new str");
    v = str("heap");
    alias = v;
    v = ok(hl_inplace_op(rt, HL_OP_ADD, v, str("lab")));
    show("s", v);
    show("t", alias);
    same("s", v, "t", alias);

    step("tup = (1, 2); other = tup; tup += (3,)      # a new tuple");
    v = tuple_of(ints(2, 1, 2));
    alias = v;
    v = ok(hl_inplace_op(rt, HL_OP_ADD, v, tuple_of(ints(1, 3))));
    show("tup", v);
    show("other", alias);
    same("tup", v, "other", alias);
    HL_UNROOT(rt, 2);
}

static void sort_versus_sorted(void)
{
    title("5. list.sort() versus sorted()");
    hl_value scores = HL_NONE, ordered = HL_NONE;
    HL_ROOT(rt, scores);
    HL_ROOT(rt, ordered);
    step("scores = [30, 10, 20]; scores.sort()     # in place; returns None");
    scores = ints(3, 30, 10, 20);
    hl_value alias = scores;
    check(hl_list_sort(rt, scores, HL_NOVALUE, false));
    show("scores", scores);
    same("scores", scores, "alias", alias);
    step("scores = [30, 10, 20]; ordered = sorted(scores)   # a new list; scores unchanged");
    scores = ints(3, 30, 10, 20);
    ordered = ok(hl_list_sorted(rt, scores, HL_NOVALUE, false));
    show("scores", scores);
    show("ordered", ordered);
    same("ordered", ordered, "scores", scores);
    HL_UNROOT(rt, 2);
}

static void copies_of_a_nested_list(void)
{
    title("6. Shallow versus deep copy of [[1, 2], 3, 4]");
    hl_value original = ok(hl_list_new(rt, 3)), shallow = HL_NONE, deep = HL_NONE;
    HL_ROOT(rt, original);
    HL_ROOT(rt, shallow);
    HL_ROOT(rt, deep);
    step("original = [[1, 2], 3, 4]");
    check(hl_list_append(rt, original, ints(2, 1, 2)));
    check(hl_list_append(rt, original, ok(hl_int_new(rt, 3))));
    check(hl_list_append(rt, original, ok(hl_int_new(rt, 4))));
    step("shallow = copy.copy(original); deep = copy.deepcopy(original)");
    shallow = ok(hl_copy(rt, original));
    deep = ok(hl_deepcopy(rt, original));
    same("shallow[0]", hl_list_items(shallow)[0], "original[0]", hl_list_items(original)[0]);
    same("deep[0]", hl_list_items(deep)[0], "original[0]", hl_list_items(original)[0]);
    step("original[0].append(99); original[1] = 30");
    check(hl_list_append(rt, hl_list_items(original)[0], ok(hl_int_new(rt, 99))));
    check(hl_list_set(rt, original, 1, ok(hl_int_new(rt, 30))));
    show("original", original);
    show("shallow", shallow);
    show("deep", deep);
    HL_UNROOT(rt, 3);
}

static void copies_of_my_list1(void)
{
    title("7. Shallow versus deep copy of my_list1, and what stays alive");
    hl_value my_list1 = ok(hl_list_new(rt, 5)), copy = HL_NONE;
    HL_ROOT(rt, my_list1);
    HL_ROOT(rt, copy);
    step("my_list1 = [{'first': 'value1'}, {'second': 'value2'}, 3, 4, 5]");
    check(hl_list_append(rt, my_list1, dict1("first", "value1")));
    check(hl_list_append(rt, my_list1, dict1("second", "value2")));
    for (int i = 3; i <= 5; i++)
        check(hl_list_append(rt, my_list1, ok(hl_int_new(rt, i))));
    live();
    step("my_list2 = copy.copy(my_list1)          # a new list, the same two dicts");
    copy = ok(hl_copy(rt, my_list1));
    same("my_list2[0]", hl_list_items(copy)[0], "my_list1[0]", hl_list_items(my_list1)[0]);
    live();
    step("my_list2 = copy.deepcopy(my_list1)      # new list, new dicts, the same ints and strs");
    copy = ok(hl_deepcopy(rt, my_list1));
    same("my_list2[0]", hl_list_items(copy)[0], "my_list1[0]", hl_list_items(my_list1)[0]);
    same("my_list2[2]", hl_list_items(copy)[2], "my_list1[2]", hl_list_items(my_list1)[2]);
    live();
    step("my_list1[0]['first'] = 'changed'");
    check(hl_dict_set(rt, hl_list_items(my_list1)[0], str("first"), str("changed")));
    show("my_list1", my_list1);
    show("my_list2", copy);
    step("del my_list2                            # the deep copy is garbage now");
    copy = HL_NONE;
    live();
    HL_UNROOT(rt, 2);
}

int main(void)
{
    char err[256];
    rt = hl_runtime_new(NULL, err, sizeof err); /* the backend and int mode from the environment */
    if (!rt) {
        fprintf(stderr, "heaplab: %s\n", err);
        return 1;
    }
    printf("heaplab lessons: backend %s, %s ints\n", hl_runtime_backend_name(rt),
           hl_runtime_int_mode(rt) == HL_INT_BOXED ? "boxed" : "tagged");
    if (hl_runtime_int_mode(rt) == HL_INT_BOXED)
        printf("(boxed ints: the 262 ints of [-5, 256] are preallocated, and counted as live)\n");
    if (hl_backend_find(hl_runtime_backend_name(rt))->flags & HL_BACKEND_COLLECTS)
        printf("(this backend collects conservatively: garbage a stale word points to is counted)\n");
    reassignment_versus_mutation();
    aliasing();
    identity_versus_equality();
    augmented_assignment();
    sort_versus_sorted();
    copies_of_a_nested_list();
    copies_of_my_list1();
    hl_runtime_free(rt);
    return 0;
}
