/* Heap snapshots: the graph's structure for the seed's lessons (how many objects, which are
 * shared, which variable points where) in both int modes, from C and from scripts; frames and
 * closures; the limits (a list nested a million deep, long containers); the header scratch
 * word left clear on success and on every allocation failure; deterministic DOT that
 * Graphviz's dot accepts. */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "heaplab/lang.h"
#include "rt.h"

/* ---------------------------------------------------------------- helpers */

#define MAX_SHOTS 16

/* The graphs a script's heaplab.snapshot calls produced, by label. */
typedef struct shots {
    hl_snapshot *graph[MAX_SHOTS];
    char label[MAX_SHOTS][64];
    size_t n;
} shots;

static int capture(hl_runtime *rt, const hl_lang_snapshot_request *req, void *ctx)
{
    shots *s = ctx;
    cr_assert_lt(s->n, MAX_SHOTS);
    snprintf(s->label[s->n], sizeof s->label[s->n], "%s", req->label);
    if (hl_snapshot_build(rt, req->roots, req->nroots, req->label, NULL, &s->graph[s->n]))
        return -1;
    s->n++;
    return 0;
}

static void run_script(hl_runtime *rt, shots *s, bool each_line, const char *src)
{
    memset(s, 0, sizeof *s);
    cr_assert_eq(hl_lang_set_snapshots(rt, capture, s, each_line), 0);
    hl_lang_status st = hl_lang_run_string(rt, src, strlen(src), "lesson.py");
    cr_assert_eq(st, HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
}

static const hl_snapshot *shot(const shots *s, const char *label)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->label[i], label) == 0)
            return s->graph[i];
    cr_assert_fail("no snapshot labelled '%s'", label);
    return NULL;
}

static void free_shots(shots *s)
{
    for (size_t i = 0; i < s->n; i++)
        hl_snapshot_free(s->graph[i]);
}

/* The node a variable points to (it must point to one). */
static int32_t node_of(const hl_snapshot *g, const char *frame, const char *name)
{
    const hl_snapshot_var *v = hl_snapshot_find_var(g, frame, name);
    cr_assert_not_null(v, "no variable %s in %s", name, frame);
    cr_assert_geq(v->ref.node, 0, "%s is not drawn as an object", name);
    return v->ref.node;
}

static int32_t global(const hl_snapshot *g, const char *name) { return node_of(g, "Global frame", name); }

/* Slot k of a node. */
static hl_snapshot_ref slot(const hl_snapshot *g, int32_t node, size_t k)
{
    cr_assert_lt(k, g->nodes[node].nslots);
    return g->slots[g->nodes[node].first + k];
}

static size_t count_type(const hl_snapshot *g, hl_type t)
{
    size_t n = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        n += g->nodes[i].type == t;
    return n;
}

static const char *inline_text(const hl_snapshot *g, hl_snapshot_ref r)
{
    cr_assert_eq(r.node, HL_SNAPSHOT_INLINE);
    return hl_snapshot_text(g, r.text);
}

/* In boxed mode a small int is a node; in tagged mode it is drawn in its slot. */
static void expect_int(const hl_snapshot *g, hl_snapshot_ref r, const char *text, bool boxed)
{
    if (boxed) {
        cr_assert_geq(r.node, 0);
        cr_assert_eq(g->nodes[r.node].type, HL_T_INT);
        cr_assert_str_eq(hl_snapshot_text(g, g->nodes[r.node].text), text);
        cr_assert(g->nodes[r.node].flags & HL_SNAPSHOT_CACHED);
    } else {
        cr_assert_str_eq(inline_text(g, r), text);
    }
}

/* ---------------------------------------------------------------- the seed's lessons */

Test(snapshot, reassignment_versus_mutation)
{
    hl_runtime *rt = test_runtime();
    bool boxed = test_boxed(rt);
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "a = [1, 2, 3]\n"
               "b = a\n"
               "a = [4, 5, 6]\n"
               "heaplab.snapshot('reassigned')\n"
               "a = [1, 2, 3]\n"
               "b = a\n"
               "a.append(4)\n"
               "heaplab.snapshot('mutated')\n");
    const hl_snapshot *g = shot(&s, "reassigned");
    cr_assert_neq(global(g, "a"), global(g, "b"));
    cr_assert_eq(g->nframes, 1);
    cr_assert_eq(g->nvars, 2, "the module heaplab is not a variable drawn");
    cr_assert_eq(g->nnodes, boxed ? 2 + 6 : 2);
    g = shot(&s, "mutated");
    cr_assert_eq(global(g, "a"), global(g, "b"));
    cr_assert_eq(g->nodes[global(g, "a")].in_degree, 2);
    cr_assert_eq(g->nodes[global(g, "a")].nslots, 4);
    expect_int(g, slot(g, global(g, "a"), 3), "4", boxed);
    cr_assert_eq(g->nnodes, boxed ? 1 + 4 : 1);
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, aliasing_through_a_call)
{
    hl_runtime *rt = test_runtime();
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "original = ['red', 'green']\n"
               "alias = original\n"
               "def add_item(items, item):\n"
               "    items.append(item)\n"
               "    heaplab.snapshot('inside')\n"
               "add_item(original, 'yellow')\n"
               "row = [0, 0]\n"
               "grid = [row, row, row]\n"
               "heaplab.snapshot('grid')\n");
    const hl_snapshot *g = shot(&s, "inside");
    cr_assert_eq(g->nframes, 2, "the global frame, then the call");
    cr_assert_str_eq(hl_snapshot_text(g, g->frames[1].name), "add_item");
    cr_assert_eq(g->frames[0].nvars, 2, "functions are not drawn in the global frame");
    int32_t list = global(g, "original");
    cr_assert_eq(node_of(g, "add_item", "items"), list);
    cr_assert_eq(node_of(g, "Global frame", "alias"), list);
    cr_assert_eq(g->nodes[list].in_degree, 3);
    int32_t item = node_of(g, "add_item", "item");
    cr_assert_eq(slot(g, list, 2).node, item, "the list holds the very str the parameter names");
    cr_assert_eq(g->nodes[item].type, HL_T_STR);
    cr_assert_str_eq(hl_snapshot_text(g, g->nodes[item].text), "'yellow'");
    cr_assert(g->nodes[item].flags & HL_SNAPSHOT_INTERNED, "literals are interned");
    cr_assert_eq(g->nnodes, 4, "the list and its three strs");

    g = shot(&s, "grid");
    int32_t row = global(g, "row");
    cr_assert_eq(g->nodes[row].in_degree, 4, "the variable and three slots");
    for (size_t k = 0; k < 3; k++)
        cr_assert_eq(slot(g, global(g, "grid"), k).node, row);
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, is_versus_equals)
{
    hl_runtime *rt = test_runtime();
    bool boxed = test_boxed(rt);
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "a = [1, 2, 3]\n"
               "b = [1, 2, 3]\n"
               "c = a\n"
               "result = None\n"
               "heaplab.snapshot('identity')\n");
    const hl_snapshot *g = shot(&s, "identity");
    cr_assert_eq(global(g, "a"), global(g, "c"));
    cr_assert_neq(global(g, "a"), global(g, "b"));
    cr_assert_str_eq(inline_text(g, hl_snapshot_find_var(g, "Global frame", "result")->ref), "None");
    cr_assert_eq(count_type(g, HL_T_LIST), 2);
    cr_assert_eq(count_type(g, HL_T_INT), boxed ? 3 : 0);
    for (size_t k = 0; k < 3; k++) {
        hl_snapshot_ref x = slot(g, global(g, "a"), k), y = slot(g, global(g, "b"), k);
        if (boxed) {
            cr_assert_eq(x.node, y.node, "boxed small ints are the cache's shared objects");
            cr_assert_eq(g->nodes[x.node].in_degree, 2);
        } else {
            cr_assert_str_eq(inline_text(g, x), inline_text(g, y));
        }
    }
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, augmented_assignment)
{
    hl_runtime *rt = test_runtime();
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "nums = [1, 2]\n"
               "alias = nums\n"
               "nums += [3]\n"
               "s = 'heap'\n"
               "t = s\n"
               "s += 'lab'\n"
               "tup = (1, 2)\n"
               "other = tup\n"
               "tup += (3,)\n"
               "heaplab.snapshot('after')\n");
    const hl_snapshot *g = shot(&s, "after");
    cr_assert_eq(global(g, "nums"), global(g, "alias"), "a list is extended in place");
    cr_assert_neq(global(g, "s"), global(g, "t"), "a str is rebound to a new object");
    cr_assert_neq(global(g, "tup"), global(g, "other"));
    cr_assert(g->nodes[global(g, "t")].flags & HL_SNAPSHOT_INTERNED);
    cr_assert_not(g->nodes[global(g, "s")].flags & HL_SNAPSHOT_INTERNED, "a computed str is not interned");
    cr_assert_str_eq(hl_snapshot_text(g, g->nodes[global(g, "s")].text), "'heaplab'");
    cr_assert_eq(g->nodes[global(g, "tup")].type, HL_T_TUPLE);
    cr_assert_eq(g->nodes[global(g, "tup")].nslots, 3);
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, sort_versus_sorted)
{
    hl_runtime *rt = test_runtime();
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "scores = [30, 10, 20]\n"
               "alias = scores\n"
               "result = scores.sort()\n"
               "ordered = sorted(scores)\n"
               "heaplab.snapshot('sorted')\n");
    const hl_snapshot *g = shot(&s, "sorted");
    cr_assert_eq(global(g, "scores"), global(g, "alias"));
    cr_assert_neq(global(g, "ordered"), global(g, "scores"));
    cr_assert_str_eq(inline_text(g, hl_snapshot_find_var(g, "Global frame", "result")->ref), "None");
    free_shots(&s);
    hl_runtime_free(rt);
}

/* copy.copy shares the inner list; copy.deepcopy copies it; ints are shared in boxed mode. */
Test(snapshot, shallow_versus_deep_copy_of_a_nested_list)
{
    hl_runtime *rt = test_runtime();
    bool boxed = test_boxed(rt);
    shots s;
    run_script(rt, &s, false,
               "import copy, heaplab\n"
               "original = [[1, 2], 3, 4]\n"
               "shallow = copy.copy(original)\n"
               "deep = copy.deepcopy(original)\n"
               "heaplab.snapshot('copies')\n");
    const hl_snapshot *g = shot(&s, "copies");
    int32_t o = global(g, "original"), sh = global(g, "shallow"), d = global(g, "deep");
    cr_assert(o == 0 && sh == 1 && d == 2, "numbered in discovery order: %d %d %d", o, sh, d);
    cr_assert_eq(g->nnodes, boxed ? 5 + 4 : 5, "three outer lists, two inner ones (and 1, 2, 3, 4)");
    int32_t inner = slot(g, o, 0).node;
    cr_assert_eq(slot(g, sh, 0).node, inner, "the shallow copy shares the inner list");
    cr_assert_eq(g->nodes[inner].in_degree, 2);
    int32_t deep_inner = slot(g, d, 0).node;
    cr_assert(deep_inner >= 0 && deep_inner != inner, "the deep copy has its own inner list");
    cr_assert_eq(g->nodes[deep_inner].in_degree, 1);
    expect_int(g, slot(g, o, 1), "3", boxed);
    if (boxed)
        cr_assert_eq(g->nodes[slot(g, o, 1).node].in_degree, 3, "the int 3 is in all three lists");
    size_t shared = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        shared += g->nodes[i].in_degree > 1;
    cr_assert_eq(shared, boxed ? 1 + 4 : 1);
    free_shots(&s);
    hl_runtime_free(rt);
}

/* A shallow copy shares the dicts; a deep copy copies them but not the strs in them. */
Test(snapshot, shallow_versus_deep_copy_of_a_list_of_dicts)
{
    hl_runtime *rt = test_runtime();
    bool boxed = test_boxed(rt);
    shots s;
    run_script(rt, &s, false,
               "import copy, heaplab\n"
               "my_list1 = [{'first': 'value1'}, {'second': 'value2'}, 3, 4, 5]\n"
               "my_list2 = copy.copy(my_list1)\n"
               "my_list3 = copy.deepcopy(my_list1)\n"
               "heaplab.snapshot('copies')\n");
    const hl_snapshot *g = shot(&s, "copies");
    int32_t l1 = global(g, "my_list1"), l2 = global(g, "my_list2"), l3 = global(g, "my_list3");
    cr_assert_eq(count_type(g, HL_T_LIST), 3);
    cr_assert_eq(count_type(g, HL_T_DICT), 4);
    cr_assert_eq(count_type(g, HL_T_STR), 4);
    cr_assert_eq(g->nnodes, boxed ? 11 + 3 : 11);
    for (size_t k = 0; k < 2; k++) {
        int32_t dict = slot(g, l1, k).node;
        cr_assert_eq(slot(g, l2, k).node, dict);
        cr_assert_eq(g->nodes[dict].in_degree, 2);
        int32_t copied = slot(g, l3, k).node;
        cr_assert_neq(copied, dict);
        cr_assert_eq(g->nodes[copied].nslots, 2, "one key | value row");
        cr_assert_eq(slot(g, copied, 0).node, slot(g, dict, 0).node, "the key is the same str");
        cr_assert_eq(slot(g, copied, 1).node, slot(g, dict, 1).node, "the value is the same str");
        cr_assert_eq(g->nodes[slot(g, dict, 0).node].in_degree, 2);
        cr_assert(g->nodes[slot(g, dict, 1).node].flags & HL_SNAPSHOT_INTERNED);
    }
    free_shots(&s);
    hl_runtime_free(rt);
}

/* ---------------------------------------------------------------- frames */

Test(snapshot, frames_innermost_last_and_recursion)
{
    hl_runtime *rt = test_runtime();
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "def down(n, acc):\n"
               "    if n == 0:\n"
               "        heaplab.snapshot('bottom')\n"
               "        return\n"
               "    down(n - 1, acc)\n"
               "xs = []\n"
               "down(2, xs)\n");
    const hl_snapshot *g = shot(&s, "bottom");
    cr_assert_eq(g->nframes, 4, "global, then three calls of down");
    for (size_t f = 1; f < 4; f++) {
        const hl_snapshot_frame *fr = &g->frames[f];
        cr_assert_str_eq(hl_snapshot_text(g, fr->name), "down");
        cr_assert_eq(fr->nvars, 2);
        char expected[24];
        snprintf(expected, sizeof expected, "%zu", 3 - f);
        cr_assert_str_eq(hl_snapshot_text(g, g->vars[fr->first].name), "n");
        if (!test_boxed(rt))
            cr_assert_str_eq(inline_text(g, g->vars[fr->first].ref), expected);
        cr_assert_eq(g->vars[fr->first + 1].ref.node, global(g, "xs"));
    }
    cr_assert_eq(g->nodes[global(g, "xs")].in_degree, 4);
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, closure_cells_show_their_values)
{
    hl_runtime *rt = test_runtime();
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "def outer():\n"
               "    x = [1]\n"
               "    def inner():\n"
               "        heaplab.snapshot('in')\n"
               "        return x\n"
               "    return inner()\n"
               "outer()\n");
    const hl_snapshot *g = shot(&s, "in");
    cr_assert_eq(g->nframes, 3);
    int32_t x = node_of(g, "outer", "x");
    cr_assert_eq(node_of(g, "inner", "x"), x, "the cell's value, under its name, in both frames");
    cr_assert_eq(g->nodes[x].type, HL_T_LIST);
    cr_assert_eq(g->nodes[x].nslots, 1);
    cr_assert_eq(g->frames[1].nvars, 1, "the function inner is not drawn");
    cr_assert_eq(g->nnodes, test_boxed(rt) ? 2 : 1);
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, each_line)
{
    hl_runtime *rt = test_runtime();
    shots s;
    run_script(rt, &s, true,
               "a = [1]\n"
               "b = a\n"
               "if a:\n"
               "    a.append(2)\n"
               "def f():\n"
               "    pass\n");
    cr_assert_eq(s.n, 3);
    cr_assert_str_eq(s.label[0], "after line 1");
    cr_assert_str_eq(s.label[1], "after line 2");
    cr_assert_str_eq(s.label[2], "after line 4");
    cr_assert_eq(s.graph[0]->nvars, 1);
    cr_assert_eq(s.graph[2]->nodes[global(s.graph[2], "a")].nslots, 2);
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, without_a_handler_nothing_happens)
{
    hl_runtime *rt = test_runtime();
    const char *src = "import heaplab\nx = heaplab.snapshot('x')\nassert x is None\nheaplab.snapshot()\n";
    cr_assert_eq(hl_lang_run_string(rt, src, strlen(src), "t.py"), HL_LANG_STATUS_OK, "%s", hl_error_string(rt));
    src = "import heaplab\nheaplab.snapshot(3)\n";
    cr_assert_eq(hl_lang_run_string(rt, src, strlen(src), "t.py"), HL_LANG_STATUS_ERROR);
    cr_assert_str_eq(hl_error_string(rt), "TypeError: snapshot() argument must be str or None, not int");
    hl_runtime_free(rt);
}

/* ---------------------------------------------------------------- from C, and the limits */

Test(snapshot, immediates_inline_and_objects_boxed)
{
    hl_runtime *rt = test_runtime();
    hl_value big = I(rt, (int64_t)1 << 62); /* boxed in both modes */
    hl_value v = L(rt, I(rt, 7), HL_NONE, HL_TRUE, F(rt, 0.5), S(rt, "txt"), big, big);
    hl_snapshot_root roots[] = {{"main", "v", v}, {"main", "n", hl_int_new(rt, 7)}};
    hl_snapshot *g;
    cr_assert_eq(hl_snapshot_build(rt, roots, 2, "c", NULL, &g), 0);
    bool boxed = test_boxed(rt);
    int32_t list = node_of(g, "main", "v");
    expect_int(g, slot(g, list, 0), "7", boxed);
    cr_assert_str_eq(inline_text(g, slot(g, list, 1)), "None");
    cr_assert_str_eq(inline_text(g, slot(g, list, 2)), "True");
    cr_assert_str_eq(hl_snapshot_text(g, g->nodes[slot(g, list, 3).node].text), "0.5");
    cr_assert_eq(g->nodes[slot(g, list, 4).node].type, HL_T_STR);
    int32_t b = slot(g, list, 5).node;
    cr_assert_eq(slot(g, list, 6).node, b);
    cr_assert_eq(g->nodes[b].in_degree, 2);
    cr_assert_not(g->nodes[b].flags & HL_SNAPSHOT_CACHED);
    cr_assert_str_eq(hl_snapshot_text(g, g->nodes[b].text), "4611686018427387904");
    cr_assert_eq(g->nnodes, boxed ? 5 : 4);
    hl_snapshot_free(g);
    hl_runtime_free(rt);
}

/* A box is headed by Python's name of its type: one heaplab type, several names. */
Test(snapshot, boxes_named_as_python_names_their_types)
{
    hl_runtime *rt = test_runtime();
    shots s;
    run_script(rt, &s, false,
               "import heaplab\n"
               "d = {'a': [1]}\n"
               "v = d.values()\n"
               "it = iter('abc')\n"
               "heaplab.snapshot('views')\n");
    const hl_snapshot *g = shot(&s, "views");
    cr_assert_str_eq(g->nodes[global(g, "d")].type_name, "dict");
    cr_assert_str_eq(g->nodes[global(g, "v")].type_name, "dict_values");
    cr_assert_eq(g->nodes[global(g, "v")].type, HL_T_DICT_VIEW);
    cr_assert_str_eq(g->nodes[global(g, "it")].type_name, "str_ascii_iterator");
    free_shots(&s);
    hl_runtime_free(rt);
}

Test(snapshot, long_str_is_cut)
{
    hl_runtime *rt = test_runtime();
    hl_value v = S(rt, "\xc3\xa9tudiant \xc3\xa9tudiante \xc3\xa9tudiants \xc3\xa9tudiantes \xc3\xa9tudes");
    hl_snapshot_root root = {"main", "s", v};
    hl_snapshot *g;
    cr_assert_eq(hl_snapshot_build(rt, &root, 1, NULL, NULL, &g), 0);
    const char *text = hl_snapshot_text(g, g->nodes[0].text);
    cr_assert_leq(strlen(text), 40 + 4);
    cr_assert(strstr(text, "...'") && text[0] == '\'', "%s", text);
    cr_assert_str_eq(hl_snapshot_text(g, g->label), "");
    hl_snapshot_free(g);
    hl_runtime_free(rt);
}

Test(snapshot, item_and_object_limits)
{
    hl_runtime *rt = test_runtime();
    hl_value list = test_pin(rt, hl_list_new(rt, 0));
    for (int i = 0; i < 100; i++)
        cr_assert_eq(hl_list_append(rt, list, hl_float_new(rt, i)), 0);
    hl_value d = test_pin(rt, hl_dict_new(rt));
    for (int i = 0; i < 30; i++)
        cr_assert_eq(hl_dict_set(rt, d, hl_int_new(rt, i), HL_NONE), 0);
    size_t ints = test_boxed(rt) ? 1 : 0; /* boxed: the keys are objects too */
    hl_snapshot_root roots[] = {{"main", "xs", list}, {"main", "d", d}};
    hl_snapshot *g;
    hl_snapshot_options opt = {.max_objects = 0, .max_items = 10};
    cr_assert_eq(hl_snapshot_build(rt, roots, 2, NULL, &opt, &g), 0);
    cr_assert_eq(g->nodes[0].nslots, 10);
    cr_assert_eq(g->nodes[0].hidden, 90);
    cr_assert_eq(g->nodes[1].nslots, 20, "ten key | value rows");
    cr_assert_eq(g->nodes[1].hidden, 20);
    cr_assert_eq(g->nnodes, 2 + 10 + 10 * ints, "objects behind hidden items are not drawn...");
    cr_assert_eq(g->undrawn, 90 + 20 * ints, "...but counted");
    hl_snapshot_free(g);

    opt = (hl_snapshot_options){.max_objects = 5};
    cr_assert_eq(hl_snapshot_build(rt, roots, 2, NULL, &opt, &g), 0);
    cr_assert_eq(g->nnodes, 5);
    cr_assert_eq(g->undrawn, 97 + 30 * ints);
    cr_assert_eq(slot(g, 0, 20).node, HL_SNAPSHOT_UNDRAWN);
    cr_assert_eq(g->nodes[0].hidden, 70, "30 items drawn by default");
    cr_assert_eq(node_of(g, "main", "d"), 1, "the roots come first");
    hl_snapshot_free(g);
    hl_runtime_free(rt);
}

/* Iterative: a list nested a million deep costs heap, not C stack, and every header is left
 * clear. */
Test(snapshot, a_million_deep)
{
    hl_runtime *rt = test_runtime();
    hl_gc_set_stress(rt, 0); /* a collection per allocation of a million would take hours */
    const size_t depth = 1000000;
    hl_value cur = hl_list_new(rt, 0);
    HL_ROOT(rt, cur);
    for (size_t i = 0; i < depth; i++) {
        hl_value next = hl_list_new(rt, 1);
        cr_assert(next && hl_list_append(rt, next, cur) == 0);
        cur = next;
    }
    hl_gc_set_stress(rt, hl_runtime_config(rt)->gc_stress);
    hl_snapshot_root root = {"Global frame", "deep", cur};
    hl_snapshot *g;
    cr_assert_eq(hl_snapshot_build(rt, &root, 1, "deep", NULL, &g), 0);
    cr_assert_eq(g->nnodes, 200);
    cr_assert_eq(g->undrawn, depth + 1 - 200);
    cr_assert_eq(slot(g, 199, 0).node, HL_SNAPSHOT_UNDRAWN);
    char *dot;
    size_t size;
    FILE *f = open_memstream(&dot, &size);
    cr_assert_eq(hl_snapshot_write_dot(g, f), 0);
    fclose(f);
    cr_assert(strstr(dot, "999801 more objects not drawn"));
    free(dot);
    hl_snapshot_free(g);
    /* Again, over the first walk's numbering (left in the objects): the same picture. */
    cr_assert_eq(hl_snapshot_build(rt, &root, 1, "deep", NULL, &g), 0);
    cr_assert_eq(g->nnodes, 200);
    cr_assert_eq(g->undrawn, depth + 1 - 200);
    hl_snapshot_free(g);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* Fail each allocation of a snapshot in turn: MemoryError, nothing built; the walk that
 * succeeds at last, over the numbering the failed ones left, draws the right picture. */
Test(snapshot, memory_error_at_every_allocation)
{
    hl_runtime *rt = test_runtime();
    hl_value inner = L(rt, S(rt, "a"), F(rt, 2.5));
    hl_value dict = D(rt, S(rt, "k"), inner);
    hl_value outer = L(rt, inner, inner, dict, F(rt, 9.0));
    hl_snapshot_root roots[] = {{"main", "outer", outer}, {"f", "inner", inner}};
    hl_snapshot_options opt = {.max_items = 3}; /* the float 9.0 is hidden */
    size_t failures = 0;
    for (uint64_t k = 1;; k++) {
        rt->cfg.fail_at = rt->alloc_attempts + k;
        hl_snapshot *g = (hl_snapshot *)1;
        int r = hl_snapshot_build(rt, roots, 2, "faults", &opt, &g);
        rt->cfg.fail_at = 0;
        if (r == 0) { /* after every failed walk's numbering, left in the objects: ignored */
            cr_assert_eq(g->nnodes, 6);
            cr_assert_eq(g->undrawn, 1);
            hl_snapshot_free(g);
            break;
        }
        cr_assert_null(g);
        cr_assert_eq(hl_error_type(rt), HL_EXC_MEMORY_ERROR);
        hl_error_clear(rt);
        failures++;
    }
    cr_assert_gt(failures, 3);
    hl_runtime_free(rt);
}

Test(snapshot, bad_input)
{
    hl_runtime *rt = test_runtime();
    hl_snapshot *g = (hl_snapshot *)1;
    cr_assert_eq(hl_snapshot_build(rt, NULL, 1, NULL, NULL, &g), -1);
    cr_assert_null(g);
    cr_assert_eq(hl_error_type(rt), HL_EXC_TYPE_ERROR);
    hl_error_clear(rt);
    hl_snapshot_root roots[] = {{"main", "ok", L(rt)}, {"main", "failed", HL_NOVALUE}};
    cr_assert_eq(hl_snapshot_build(rt, roots, 2, NULL, NULL, &g), -1);
    cr_assert_eq(hl_error_type(rt), HL_EXC_TYPE_ERROR, "%s", hl_error_string(rt));
    hl_error_clear(rt);
    roots[1] = (hl_snapshot_root){NULL, NULL, HL_NOVALUE}; /* an empty frame with no name */
    cr_assert_eq(hl_snapshot_build(rt, roots, 2, NULL, NULL, &g), 0);
    cr_assert_eq(g->nframes, 2);
    cr_assert_str_eq(hl_snapshot_text(g, g->frames[1].name), "");
    hl_snapshot_free(g);
    cr_assert_eq(hl_snapshot_build(rt, NULL, 0, NULL, NULL, &g), 0, "no roots: an empty picture");
    cr_assert_eq(g->nnodes, 0);
    hl_snapshot_free(g);
    hl_runtime_free(rt);
}

/* ---------------------------------------------------------------- DOT */

static char *dot_of(hl_runtime *rt, const hl_snapshot_root *roots, size_t n, const char *label)
{
    char *text;
    size_t size;
    FILE *f = open_memstream(&text, &size);
    cr_assert_eq(hl_heap_snapshot(rt, roots, n, label, f), 0, "%s", hl_error_string(rt));
    fclose(f);
    return text;
}

static bool dot_installed(void) { return system("command -v dot >/dev/null 2>&1") == 0; }

Test(snapshot, dot_is_deterministic_and_accepted_by_graphviz)
{
    hl_runtime *rt = test_runtime();
    hl_value inner = L(rt, I(rt, 1), I(rt, 2));
    hl_value original = L(rt, inner, I(rt, 3), D(rt, S(rt, "<&\"key\">"), T(rt, HL_NONE, F(rt, 1.5))));
    hl_value deep = test_pin(rt, hl_deepcopy(rt, original));
    hl_value set = test_pin(rt, hl_set_new(rt));
    cr_assert_eq(hl_set_add(rt, set, S(rt, "member")), 0);
    hl_snapshot_root roots[] = {{"Global frame", "original", original}, {"Global frame", "deep", deep},
                                {"f", NULL, 0},                         {"g", "s", set},
                                {"g", "empty", L(rt)}};
    char *a = dot_of(rt, roots, 5, "copies & <sets>");
    hl_gc_collect(rt);
    char *b = dot_of(rt, roots, 5, "copies & <sets>");
    cr_assert_str_eq(a, b, "the same heap draws the same text");
    cr_assert(strstr(a, "&lt;&amp;&quot;key&quot;&gt;"), "HTML-like labels are escaped");
    cr_assert(strstr(a, "<B>f</B>"), "an empty frame is drawn");
    cr_assert(strstr(a, "frames:v0:c -> n1;"));
    if (!dot_installed()) {
        free(a);
        free(b);
        hl_runtime_free(rt);
        cr_skip_test("Graphviz's dot is not installed");
    }
    char path[] = "/tmp/heaplab-snapshot-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs(a, f);
    fclose(f);
    char cmd[700], errpath[300];
    snprintf(errpath, sizeof errpath, "%s.err", path);
    snprintf(cmd, sizeof cmd, "dot -Tsvg -o /dev/null %s 2>%s", path, errpath);
    cr_assert_eq(system(cmd), 0, "dot rejected the snapshot");
    FILE *e = fopen(errpath, "r");
    cr_assert_eq(fgetc(e), EOF, "dot printed warnings");
    fclose(e);
    remove(path);
    remove(errpath);
    free(a);
    free(b);
    hl_runtime_free(rt);
}
