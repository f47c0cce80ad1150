/* Methods of dict and set, as built-ins whose args[0] is the receiver. */
#include "builtins.h"
#include "heaplab/dict.h"
#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/tuple.h"

/* A method's arguments after its receiver: no keywords, min..max of them. */
static int check(hl_runtime *rt, const char *name, size_t nargs, hl_value kwnames, size_t min, size_t max)
{
    return hl_args_simple(rt, name, nargs - 1, kwnames, min, max);
}

/* ---------------------------------------------------------------- dict */

static hl_value d_get(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "get", n, kw, 1, 2))
        return HL_NOVALUE;
    hl_value v;
    int r = hl_dict_lookup(rt, a[0], a[1], &v);
    if (r < 0)
        return HL_NOVALUE;
    return r ? v : n == 3 ? a[2] : HL_NONE;
}

static hl_value d_view(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, hl_view_kind k)
{
    if (check(rt, name, n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_view_new(rt, a[0], k);
}

static hl_value d_keys(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return d_view(rt, a, n, kw, "keys", HL_VIEW_KEYS);
}

static hl_value d_values(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return d_view(rt, a, n, kw, "values", HL_VIEW_VALUES);
}

static hl_value d_items(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return d_view(rt, a, n, kw, "items", HL_VIEW_ITEMS);
}

static hl_value d_pop(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "pop", n, kw, 1, 2))
        return HL_NOVALUE;
    return hl_dict_pop(rt, a[0], a[1], n == 3 ? a[2] : HL_NOVALUE);
}

static hl_value d_popitem(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "popitem", n, kw, 0, 0))
        return HL_NOVALUE;
    hl_value keys = hl_dict_keys(rt, a[0]);
    if (!keys)
        return HL_NOVALUE;
    size_t size = hl_list_size(keys);
    if (size == 0) {
        hl_error_set(rt, HL_EXC_KEY_ERROR, "popitem(): dictionary is empty");
        return HL_NOVALUE;
    }
    hl_value pair[2] = {hl_list_items(keys)[size - 1], HL_NOVALUE};
    hl_root_array(rt, pair, 2);
    pair[1] = hl_dict_pop(rt, a[0], pair[0], HL_NOVALUE);
    hl_value t = pair[1] ? hl_tuple_new(rt, pair, 2) : HL_NOVALUE;
    hl_unroot_array(rt);
    return t;
}

static hl_value d_setdefault(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "setdefault", n, kw, 1, 2))
        return HL_NOVALUE;
    hl_value v;
    int r = hl_dict_lookup(rt, a[0], a[1], &v);
    if (r < 0)
        return HL_NOVALUE;
    if (r)
        return v;
    v = n == 3 ? a[2] : HL_NONE;
    return hl_dict_set(rt, a[0], a[1], v) ? HL_NOVALUE : v;
}

static hl_value d_update(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    size_t nkw = kw ? hl_tuple_size(kw) : 0, npos = n - nkw;
    if (hl_args_count(rt, "update", npos - 1, 0, 1))
        return HL_NOVALUE;
    int r = 0;
    if (npos == 2) {
        if (hl_is_dict(a[1])) {
            r = hl_dict_update(rt, a[0], a[1]);
        } else { /* pairs: dict(pairs) does the checking */
            hl_value d = hl_type_call(rt, hl_type_value(HL_T_DICT), &a[1], 1, HL_NOVALUE);
            r = d ? hl_dict_update(rt, a[0], d) : -1;
        }
    }
    for (size_t k = 0; k < nkw && r == 0; k++)
        r = hl_dict_set(rt, a[0], hl_tuple_get(kw, k), a[npos + k]);
    return hl_none_or_fail(r);
}

static hl_value d_copy(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "copy", n, kw, 0, 0))
        return HL_NOVALUE;
    hl_value d = hl_dict_new(rt);
    if (!d)
        return HL_NOVALUE;
    hl_rt_root(rt, &d);
    int r = hl_dict_update(rt, d, a[0]);
    hl_rt_unroot(rt, 1);
    return r ? HL_NOVALUE : d;
}

static hl_value d_clear(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "clear", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_dict_clear(rt, a[0]));
}

const hl_builtin hl_methods_dict[] = {
    {"get", d_get},     {"keys", d_keys},       {"values", d_values},         {"items", d_items},
    {"pop", d_pop},     {"popitem", d_popitem}, {"setdefault", d_setdefault}, {"update", d_update},
    {"copy", d_copy},   {"clear", d_clear},     {NULL, NULL},
};

/* ---------------------------------------------------------------- set */

/* The argument as a set: itself, or a new set of its items. */
static hl_value as_set(hl_runtime *rt, hl_value v)
{
    if (hl_is_set(v))
        return v;
    hl_value items = hl_lang_list_of(rt, v);
    if (!items)
        return HL_NOVALUE;
    hl_rt_root(rt, &items);
    hl_value s = hl_set_of(rt, items);
    hl_rt_unroot(rt, 1);
    return s;
}

static hl_value s_add(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "set.add", n, kw, 1, 1))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_set_add(rt, a[0], a[1]));
}

static hl_value s_discard(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "set.discard", n, kw, 1, 1))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_set_discard(rt, a[0], a[1]) < 0);
}

static hl_value s_remove(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "set.remove", n, kw, 1, 1))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_set_remove(rt, a[0], a[1]));
}

static hl_value s_pop(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "pop", n, kw, 0, 0))
        return HL_NOVALUE;
    size_t pos = 0;
    hl_value item;
    if (!hl_set_next(a[0], &pos, &item)) {
        hl_error_set(rt, HL_EXC_KEY_ERROR, "'pop from an empty set'");
        return HL_NOVALUE;
    }
    return hl_set_discard(rt, a[0], item) < 0 ? HL_NOVALUE : item;
}

static hl_value s_clear(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "clear", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_set_clear(rt, a[0]));
}

static hl_value s_copy(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "copy", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_set_of(rt, a[0]);
}

typedef hl_value (*set_op)(hl_runtime *, hl_value, hl_value);

/* union(*others) and friends: the operation applied with each argument in turn. */
static hl_value fold(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, set_op op)
{
    if (hl_args_no_kw(rt, name, kw))
        return HL_NOVALUE;
    hl_value acc = hl_set_of(rt, a[0]);
    hl_rt_root(rt, &acc);
    for (size_t i = 1; i < n && acc; i++) {
        hl_value other = as_set(rt, a[i]);
        acc = other ? op(rt, acc, other) : HL_NOVALUE;
    }
    hl_rt_unroot(rt, 1);
    return acc;
}

static hl_value s_union(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return fold(rt, a, n, kw, "union", hl_set_union);
}

static hl_value s_intersection(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return fold(rt, a, n, kw, "intersection", hl_set_intersection);
}

static hl_value s_difference(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return fold(rt, a, n, kw, "difference", hl_set_difference);
}

static hl_value s_symmetric_difference(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "symmetric_difference", n, kw, 1, 1))
        return HL_NOVALUE;
    return fold(rt, a, n, kw, "symmetric_difference", hl_set_symmetric_difference);
}

static hl_value subset(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, bool super)
{
    if (check(rt, name, n, kw, 1, 1))
        return HL_NOVALUE;
    hl_value other = as_set(rt, a[1]);
    if (!other)
        return HL_NOVALUE;
    int r = super ? hl_set_is_subset(rt, other, a[0]) : hl_set_is_subset(rt, a[0], other);
    return r < 0 ? HL_NOVALUE : hl_bool(r);
}

static hl_value s_issubset(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return subset(rt, a, n, kw, "issubset", false);
}

static hl_value s_issuperset(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return subset(rt, a, n, kw, "issuperset", true);
}

static hl_value s_isdisjoint(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "isdisjoint", n, kw, 1, 1))
        return HL_NOVALUE;
    hl_value other = as_set(rt, a[1]);
    hl_value common = other ? hl_set_intersection(rt, a[0], other) : HL_NOVALUE;
    return common ? hl_bool(hl_set_size(common) == 0) : HL_NOVALUE;
}

static hl_value s_update(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (hl_args_no_kw(rt, "update", kw))
        return HL_NOVALUE;
    for (size_t i = 1; i < n; i++) {
        hl_value items = hl_lang_list_of(rt, a[i]);
        if (!items)
            return HL_NOVALUE;
        hl_rt_root(rt, &items);
        int r = 0;
        for (size_t k = 0; k < hl_list_size(items) && r == 0; k++)
            r = hl_set_add(rt, a[0], hl_list_items(items)[k]);
        hl_rt_unroot(rt, 1);
        if (r)
            return HL_NOVALUE;
    }
    return HL_NONE;
}

const hl_builtin hl_methods_set[] = {
    {"add", s_add},
    {"discard", s_discard},
    {"remove", s_remove},
    {"pop", s_pop},
    {"clear", s_clear},
    {"copy", s_copy},
    {"union", s_union},
    {"intersection", s_intersection},
    {"difference", s_difference},
    {"symmetric_difference", s_symmetric_difference},
    {"issubset", s_issubset},
    {"issuperset", s_issuperset},
    {"isdisjoint", s_isdisjoint},
    {"update", s_update},
    {NULL, NULL},
};
