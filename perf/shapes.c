/* The benchmark heaps: trees, cyclic trees, lists of dicts, shared lists, int lists. */
#include <stdint.h>
#include <stdlib.h>

#include "shapes.h"

/* n lists [None, None, i], in allocation order, held by one list. */
static hl_value make_nodes(hl_runtime *rt, size_t n)
{
    hl_value nodes = hl_list_new(rt, n);
    if (!nodes)
        return HL_NOVALUE;
    HL_ROOT(rt, nodes);
    for (size_t i = 0; i < n; i++) {
        hl_value items[3] = {HL_NONE, HL_NONE, hl_smallint((intptr_t)i)};
        if (hl_list_append(rt, nodes, hl_list_from(rt, items, 3))) {
            nodes = HL_NOVALUE;
            break;
        }
    }
    HL_UNROOT(rt, 1);
    return nodes;
}

/* The tree position each allocated node takes: the identity, or a seeded shuffle. */
static size_t *positions(size_t n, bool random_order)
{
    size_t *perm = malloc((n ? n : 1) * sizeof *perm);
    if (!perm)
        return NULL;
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (size_t i = n; random_order && i > 1; i--) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t j = (size_t)(x % i);
        size_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
    return perm;
}

/* Link the nodes into a tree, node perm[p] at position p; with back edges, each node's third
 * item is its parent. Returns the root. The stores go straight into the items, so each is
 * followed by the write barrier (the earlier nodes may be old by now). */
static hl_value link_tree(hl_runtime *rt, hl_value nodes, const size_t *perm, size_t n, bool back_edges)
{
    hl_value *node = hl_list_items(nodes);
    for (size_t p = 1; p < n; p++) {
        hl_value parent = node[perm[(p - 1) / 2]];
        hl_list_items(parent)[(p - 1) % 2] = node[perm[p]];
        hl_gc_write_barrier(rt, parent);
        if (back_edges) {
            hl_list_items(node[perm[p]])[2] = parent;
            hl_gc_write_barrier(rt, node[perm[p]]);
        }
    }
    hl_value root = node[perm[0]];
    if (back_edges)
        hl_list_items(root)[2] = root;
    return root;
}

static hl_value tree(hl_runtime *rt, size_t n, bool random_order, bool back_edges)
{
    if (n == 0)
        return HL_NONE;
    size_t *perm = positions(n, random_order);
    if (!perm)
        return HL_NOVALUE;
    hl_value nodes = make_nodes(rt, n);
    hl_value root = nodes ? link_tree(rt, nodes, perm, n, back_edges) : HL_NOVALUE;
    free(perm);
    return root;
}

hl_value perf_tree(hl_runtime *rt, size_t n, bool random_order) { return tree(rt, n, random_order, false); }

hl_value perf_cyclic_tree(hl_runtime *rt, size_t n) { return tree(rt, n, false, true); }

hl_value perf_dict_list(hl_runtime *rt, size_t n)
{
    size_t count = n > 1 ? n - 1 : 0;
    hl_value list = hl_list_new(rt, count), d = HL_NOVALUE, a = HL_NOVALUE, b = HL_NOVALUE;
    HL_ROOT(rt, list);
    HL_ROOT(rt, d);
    HL_ROOT(rt, a);
    HL_ROOT(rt, b);
    a = hl_str_intern_cstr(rt, "a");
    b = hl_str_intern_cstr(rt, "b");
    for (size_t i = 0; list && i < count; i++) {
        hl_value v = hl_smallint((intptr_t)i);
        d = hl_dict_new(rt);
        if (!d || hl_dict_set(rt, d, a, v) || hl_dict_set(rt, d, b, v) || hl_list_append(rt, list, d))
            list = HL_NOVALUE;
    }
    HL_UNROOT(rt, 4);
    return list;
}

hl_value perf_shared(hl_runtime *rt, size_t n)
{
    size_t inner = n > 1 ? n - 1 : 0;
    hl_value outer = hl_list_new(rt, 4 * inner);
    HL_ROOT(rt, outer);
    for (size_t i = 0; outer && i < inner; i++) {
        hl_value pair[2] = {hl_smallint((intptr_t)i), hl_smallint((intptr_t)i)};
        if (hl_list_append(rt, outer, hl_list_from(rt, pair, 2)))
            outer = HL_NOVALUE;
    }
    for (size_t k = inner; outer && k < 4 * inner; k++)
        if (hl_list_append(rt, outer, hl_list_items(outer)[k % inner]))
            outer = HL_NOVALUE;
    HL_UNROOT(rt, 1);
    return outer;
}

hl_value perf_int_list(hl_runtime *rt, size_t n)
{
    hl_value list = hl_list_new(rt, n);
    HL_ROOT(rt, list);
    for (size_t i = 0; list && i < n; i++)
        if (hl_list_append(rt, list, hl_int_new(rt, (int64_t)i)))
            list = HL_NOVALUE;
    HL_UNROOT(rt, 1);
    return list;
}
