/* Methods of list and tuple, as built-ins whose args[0] is the receiver. */
#include <string.h>

#include "builtins.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"

static size_t positional(const hl_value *args, size_t nargs, hl_value kwnames)
{
    (void)args;
    return nargs - (kwnames ? hl_tuple_size(kwnames) : 0);
}

/* A method's arguments after its receiver: no keywords, min..max of them. */
static int check(hl_runtime *rt, const char *name, size_t nargs, hl_value kwnames, size_t min, size_t max)
{
    return hl_args_simple(rt, name, nargs - 1, kwnames, min, max);
}

static hl_value m_append(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "list.append", n, kw, 1, 1))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_list_append(rt, a[0], a[1]));
}

static hl_value m_extend(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "list.extend", n, kw, 1, 1))
        return HL_NOVALUE;
    hl_value items = hl_lang_list_of(rt, a[1]);
    if (!items)
        return HL_NOVALUE;
    return hl_none_or_fail(hl_list_extend(rt, a[0], items));
}

static hl_value m_insert(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    int64_t i;
    if (check(rt, "insert", n, kw, 2, 2) || hl_arg_index(rt, a[1], &i))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_list_insert(rt, a[0], i, a[2]));
}

static hl_value m_pop(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    int64_t i = -1;
    if (check(rt, "pop", n, kw, 0, 1) || (n == 2 && hl_arg_index(rt, a[1], &i)))
        return HL_NOVALUE;
    return hl_list_pop(rt, a[0], i);
}

static hl_value m_remove(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "list.remove", n, kw, 1, 1))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_list_remove(rt, a[0], a[1]));
}

/* index(x[, start[, stop]]) over items[0..size). */
static hl_value seq_index(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const hl_value *items,
                          size_t size, const char *kind)
{
    int64_t start = 0, stop = (int64_t)size;
    if (check(rt, "index", n, kw, 1, 3) || (n > 2 && hl_arg_index(rt, a[2], &start)) ||
        (n > 3 && hl_arg_index(rt, a[3], &stop)))
        return HL_NOVALUE;
    if (start < 0 && (start += (int64_t)size) < 0)
        start = 0;
    if (stop < 0 && (stop += (int64_t)size) < 0)
        stop = 0;
    hl_value needle = a[1];
    for (int64_t i = start; i < stop && (size_t)i < size; i++) {
        int eq = items[i] == needle ? 1 : hl_eq(rt, items[i], needle);
        if (eq < 0)
            return HL_NOVALUE;
        if (eq)
            return hl_int_new(rt, i);
    }
    if (kind[0] == 't') {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "tuple.index(x): x not in tuple");
        return HL_NOVALUE;
    }
    hl_value r = hl_repr(rt, needle);
    if (r)
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "%s is not in list", hl_str_data(r));
    return HL_NOVALUE;
}

static hl_value seq_count(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const hl_value *items, size_t size)
{
    if (check(rt, "count", n, kw, 1, 1))
        return HL_NOVALUE;
    int64_t c = 0;
    for (size_t i = 0; i < size; i++) {
        int eq = items[i] == a[1] ? 1 : hl_eq(rt, items[i], a[1]);
        if (eq < 0)
            return HL_NOVALUE;
        c += eq;
    }
    return hl_int_new(rt, c);
}

static hl_value m_index(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return seq_index(rt, a, n, kw, hl_list_items(a[0]), hl_list_size(a[0]), "list");
}

static hl_value m_count(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return seq_count(rt, a, n, kw, hl_list_items(a[0]), hl_list_size(a[0]));
}

static hl_value m_reverse(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "reverse", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_list_reverse(rt, a[0]));
}

static hl_value m_clear(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "clear", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_none_or_fail(hl_list_clear(rt, a[0]));
}

static hl_value m_copy(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "copy", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_list_from(rt, hl_list_items(a[0]), hl_list_size(a[0]));
}

static hl_value m_sort(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    static const char *const kws[] = {"key", "reverse", NULL};
    hl_value opts[2];
    if (hl_args_kw(rt, "sort", a, n, kw, kws, opts))
        return HL_NOVALUE;
    if (positional(a, n, kw) > 1) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "sort() takes no positional arguments");
        return HL_NOVALUE;
    }
    return hl_none_or_fail(hl_lang_sort(rt, a[0], opts[0], opts[1]));
}

const hl_builtin hl_methods_list[] = {
    {"append", m_append}, {"extend", m_extend},   {"insert", m_insert}, {"pop", m_pop},
    {"remove", m_remove}, {"index", m_index},     {"count", m_count},   {"reverse", m_reverse},
    {"clear", m_clear},   {"copy", m_copy},       {"sort", m_sort},     {NULL, NULL},
};

static hl_value t_index(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return seq_index(rt, a, n, kw, hl_tuple_items(a[0]), hl_tuple_size(a[0]), "tuple");
}

static hl_value t_count(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return seq_count(rt, a, n, kw, hl_tuple_items(a[0]), hl_tuple_size(a[0]));
}

const hl_builtin hl_methods_tuple[] = {
    {"index", t_index},
    {"count", t_count},
    {NULL, NULL},
};
