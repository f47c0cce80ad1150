/* Subscripting (c[k], c[k] = v, del c[k]) and membership (`in`) across the object model's
 * types, with Python's rules and messages.
 *
 * Above the container types: calls str.c, tuple.c, list.c, dict.c and set.c, object.c
 * (hl_eq), int.c, type.c and error.c; any other iterable through its type's foreach hook. */
#include "heaplab/dict.h"
#include "heaplab/error.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "type.h"

static inline const hl_type_info *info(hl_value v) { return hl_type_table[hl_typeof(v)]; }

static bool is_index(hl_value v) { return hl_is_int(v) || hl_is_bool(v); }

/* A subscript beyond int64 is CPython's IndexError, before any bounds check. */
static int index_of(hl_runtime *rt, hl_value key, int64_t *i) { return hl_int_index(rt, key, HL_EXC_INDEX_ERROR, i); }

hl_value hl_getitem(hl_runtime *rt, hl_value c, hl_value key)
{
    int64_t i;
    if (hl_arg_missing(rt, c, __func__) || hl_arg_missing(rt, key, __func__))
        return HL_NOVALUE;
    switch (hl_typeof(c)) {
    case HL_T_LIST:
        if (is_index(key))
            return index_of(rt, key, &i) ? HL_NOVALUE : hl_list_get(rt, c, i);
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "list indices must be integers or slices, not %s", hl_typeof_name(key));
        return HL_NOVALUE;
    case HL_T_TUPLE:
        if (is_index(key))
            return index_of(rt, key, &i) ? HL_NOVALUE : hl_tuple_getitem(rt, c, i);
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "tuple indices must be integers or slices, not %s", hl_typeof_name(key));
        return HL_NOVALUE;
    case HL_T_STR:
        if (is_index(key))
            return index_of(rt, key, &i) ? HL_NOVALUE : hl_str_getitem(rt, c, i);
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "string indices must be integers, not '%s'", hl_typeof_name(key));
        return HL_NOVALUE;
    case HL_T_DICT:
        return hl_dict_getitem(rt, c, key);
    default:
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not subscriptable", hl_typeof_name(c));
        return HL_NOVALUE;
    }
}

int hl_setitem(hl_runtime *rt, hl_value c, hl_value key, hl_value value)
{
    int64_t i;
    if (hl_arg_missing(rt, c, __func__) || hl_arg_missing(rt, key, __func__) || hl_arg_missing(rt, value, __func__))
        return -1;
    switch (hl_typeof(c)) {
    case HL_T_LIST:
        if (is_index(key))
            return index_of(rt, key, &i) ? -1 : hl_list_set(rt, c, i, value);
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "list indices must be integers or slices, not %s",
                            hl_typeof_name(key));
    case HL_T_DICT:
        return hl_dict_set(rt, c, key, value);
    default:
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object does not support item assignment", hl_typeof_name(c));
    }
}

int hl_delitem(hl_runtime *rt, hl_value c, hl_value key)
{
    int64_t i;
    if (hl_arg_missing(rt, c, __func__) || hl_arg_missing(rt, key, __func__))
        return -1;
    switch (hl_typeof(c)) {
    case HL_T_LIST:
        if (is_index(key))
            return index_of(rt, key, &i) ? -1 : hl_list_del(rt, c, i);
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "list indices must be integers or slices, not %s",
                            hl_typeof_name(key));
    case HL_T_DICT:
        return hl_dict_del(rt, c, key);
    default:
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object doesn't support item deletion", hl_typeof_name(c));
    }
}

typedef struct find_ctx {
    hl_value needle;
    int found;
} find_ctx;

static int find_item(hl_runtime *rt, hl_value item, void *ctx)
{
    find_ctx *f = ctx;
    int eq = item == f->needle ? 1 : hl_eq(rt, item, f->needle);
    if (eq < 0)
        return -1;
    f->found = eq;
    return eq; /* 1 stops the walk */
}

int hl_contains(hl_runtime *rt, hl_value c, hl_value item)
{
    if (hl_arg_missing(rt, c, __func__) || hl_arg_missing(rt, item, __func__))
        return -1;
    hl_value ignored;
    switch (hl_typeof(c)) {
    case HL_T_STR:
        if (!hl_is_str(item))
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'in <string>' requires string as left operand, not %s",
                                hl_typeof_name(item));
        return hl_str_contains(rt, c, item);
    case HL_T_DICT:
        return hl_dict_lookup(rt, c, item, &ignored);
    case HL_T_SET:
        return hl_set_contains(rt, c, item);
    default:
        break;
    }
    const hl_type_info *ti = info(c);
    if (!hl_is_ptr(c) || !ti || !ti->foreach)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "argument of type '%s' is not iterable", hl_typeof_name(c));
    find_ctx f = {item, 0};
    hl_rt_root(rt, &f.needle);
    int r = ti->foreach(rt, c, find_item, &f);
    hl_rt_unroot(rt, 1);
    return r < 0 ? -1 : f.found;
}
