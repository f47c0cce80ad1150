/* Operations every value supports, dispatched on its type: repr, equality, ordering, hashing,
 * truth, len, iteration and subscripting, with Python's rules and messages; KeyError with the
 * key's repr. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "heaplab/dict.h"
#include "heaplab/error.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "type.h"

static inline const hl_type_info *info(hl_value v) { return hl_type_table[hl_typeof(v)]; }

static bool is_number(hl_value v) { return hl_is_int(v) || hl_is_bool(v) || hl_is_float(v); }

/* ---------------------------------------------------------------- repr */

int hl_repr_into(hl_runtime *rt, hl_value v, hl_buf *b)
{
    if (hl_is_smallint(v))
        return hl_buf_printf(b, "%ld", (long)hl_smallint_value(v));
    if (v == HL_NONE)
        return hl_buf_puts(b, "None");
    if (v == HL_TRUE)
        return hl_buf_puts(b, "True");
    if (v == HL_FALSE)
        return hl_buf_puts(b, "False");
    const hl_type_info *ti = info(v);
    if (ti && ti->repr)
        return ti->repr(rt, v, b);
    if (hl_typeof(v) == HL_T_TYPE)
        return hl_buf_printf(b, "<class '%s'>", hl_type_value_name(v));
    return hl_buf_printf(b, "<%s object at %#lx>", hl_typeof_name(v), (unsigned long)v);
}

int hl_repr_items(hl_runtime *rt, hl_value owner, const hl_value *items, size_t n, const char *open,
                  const char *close, hl_buf *b)
{
    hl_object *o = hl_obj(owner);
    if (o->flags & HL_OBJ_REPR_BUSY) /* [...] or (...) */
        return hl_buf_printf(b, "%s...%c", open, close[strlen(close) - 1]);
    if (hl_depth_enter(rt, " while getting the repr of an object"))
        return -1;
    o->flags |= HL_OBJ_REPR_BUSY;
    int r = hl_buf_puts(b, open);
    for (size_t i = 0; i < n && r == 0; i++) {
        if (i)
            r = hl_buf_puts(b, ", ");
        if (r == 0)
            r = hl_repr_into(rt, items[i], b);
    }
    if (r == 0)
        r = hl_buf_puts(b, close);
    o->flags &= (uint16_t)~HL_OBJ_REPR_BUSY;
    hl_depth_leave(rt);
    return r;
}

hl_value hl_repr(hl_runtime *rt, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return HL_NOVALUE;
    hl_buf b;
    hl_buf_init(&b, rt);
    if (hl_repr_into(rt, v, &b)) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    hl_rt_root(rt, &v);
    hl_value s = hl_buf_to_str(&b);
    hl_rt_unroot(rt, 1);
    return s;
}

hl_value hl_to_str(hl_runtime *rt, hl_value v) { return v && hl_is_str(v) ? v : hl_repr(rt, v); }

int hl_error_key(hl_runtime *rt, hl_value key)
{
    hl_value r = hl_repr(rt, key); /* may fail (MemoryError): then that is the error */
    if (!r)
        return -1;
    return hl_error_set(rt, HL_EXC_KEY_ERROR, "%s", hl_str_data(r));
}

/* ---------------------------------------------------------------- numbers */

/* Exact comparison of an int with a double: -1, 0, 1, or 2 when d is NaN. */
static int cmp_int_double(int64_t i, double d)
{
    if (isnan(d))
        return 2;
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    double t = trunc(d);
    int64_t it = (int64_t)t;
    if (i != it)
        return i < it ? -1 : 1;
    double frac = d - t;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

/* Compare two numbers: -1, 0, 1, or 2 when unordered (NaN). */
static int cmp_numbers(hl_value a, hl_value b)
{
    bool fa = hl_is_float(a), fb = hl_is_float(b);
    if (!fa && !fb) {
        int64_t x = hl_int_get(a), y = hl_int_get(b);
        return x < y ? -1 : x > y;
    }
    if (fa && fb) {
        double x = hl_float_get(a), y = hl_float_get(b);
        if (isnan(x) || isnan(y))
            return 2;
        return x < y ? -1 : x > y;
    }
    if (fa) {
        int c = cmp_int_double(hl_int_get(b), hl_float_get(a));
        return c == 2 ? 2 : -c;
    }
    return cmp_int_double(hl_int_get(a), hl_float_get(b));
}

/* ---------------------------------------------------------------- equality and ordering */

int hl_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_missing(rt, a, __func__) || hl_arg_missing(rt, b, __func__))
        return -1;
    if (a == b && !hl_is_float(a))
        return 1;
    if (is_number(a) && is_number(b))
        return cmp_numbers(a, b) == 0;
    hl_type ta = hl_typeof(a), tb = hl_typeof(b);
    if (ta != tb || !hl_is_ptr(a) || !hl_is_ptr(b))
        return 0;
    const hl_type_info *ti = hl_type_table[ta];
    return ti->eq ? ti->eq(rt, a, b) : 0;
}

static int cmp_result(int c, hl_cmp op)
{
    switch (op) {
    case HL_CMP_LT: return c < 0;
    case HL_CMP_LE: return c <= 0;
    case HL_CMP_EQ: return c == 0;
    case HL_CMP_NE: return c != 0;
    case HL_CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

static const char *const cmp_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

/* Lexicographic order of two sequences: the first items that differ decide, else lengths. */
static int cmp_sequences(hl_runtime *rt, const hl_value *x, size_t nx, const hl_value *y, size_t ny, hl_cmp op)
{
    size_t i = 0;
    for (; i < nx && i < ny; i++) {
        int eq = x[i] == y[i] ? 1 : hl_eq(rt, x[i], y[i]);
        if (eq < 0)
            return -1;
        if (!eq)
            break;
    }
    if (i < nx && i < ny) {
        if (hl_depth_enter(rt, " in comparison"))
            return -1;
        int r = hl_compare(rt, x[i], y[i], op);
        hl_depth_leave(rt);
        return r;
    }
    return cmp_result(nx < ny ? -1 : nx > ny, op);
}

static int cmp_sets(hl_runtime *rt, hl_value a, hl_value b, hl_cmp op)
{
    size_t na = hl_set_size(a), nb = hl_set_size(b);
    switch (op) {
    case HL_CMP_LT: return na < nb ? hl_set_is_subset(rt, a, b) : 0;
    case HL_CMP_LE: return hl_set_is_subset(rt, a, b);
    case HL_CMP_GT: return na > nb ? hl_set_is_subset(rt, b, a) : 0;
    default: return hl_set_is_subset(rt, b, a);
    }
}

int hl_compare(hl_runtime *rt, hl_value a, hl_value b, hl_cmp op)
{
    if (hl_arg_missing(rt, a, __func__) || hl_arg_missing(rt, b, __func__))
        return -1;
    if ((unsigned)op > HL_CMP_GE)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "hl_compare: unknown comparison %d", (int)op);
    if (op == HL_CMP_EQ || op == HL_CMP_NE) {
        int eq = hl_eq(rt, a, b);
        return eq < 0 ? -1 : op == HL_CMP_EQ ? eq : !eq;
    }
    if (is_number(a) && is_number(b)) {
        int c = cmp_numbers(a, b);
        return c == 2 ? 0 : cmp_result(c, op);
    }
    hl_type ta = hl_typeof(a);
    if (ta == hl_typeof(b)) {
        switch (ta) {
        case HL_T_STR:
            return cmp_result(hl_str_cmp(a, b), op);
        case HL_T_LIST:
            return cmp_sequences(rt, hl_list_items(a), hl_list_size(a), hl_list_items(b), hl_list_size(b), op);
        case HL_T_TUPLE:
            return cmp_sequences(rt, hl_tuple_items(a), hl_tuple_size(a), hl_tuple_items(b), hl_tuple_size(b), op);
        case HL_T_SET:
            return cmp_sets(rt, a, b, op);
        default:
            break;
        }
    }
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' not supported between instances of '%s' and '%s'",
                        cmp_symbols[op], hl_typeof_name(a), hl_typeof_name(b));
}

/* ---------------------------------------------------------------- hashing */

int hl_hash(hl_runtime *rt, hl_value v, int64_t *out)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    if (hl_is_smallint(v)) {
        *out = hl_hash_int(hl_smallint_value(v));
        return 0;
    }
    if (!hl_is_ptr(v)) { /* None, bools, type objects, built-ins */
        *out = v == HL_TRUE ? 1 : v == HL_FALSE ? 0 : (int64_t)(v >> 3);
        return 0;
    }
    const hl_type_info *ti = info(v);
    if (!ti->hash)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "unhashable type: '%s'", ti->name);
    return ti->hash(rt, v, out);
}

/* ---------------------------------------------------------------- truth, len, iteration */

int hl_truthy(hl_runtime *rt, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    if (v == HL_NONE || v == HL_FALSE)
        return 0;
    if (v == HL_TRUE)
        return 1;
    if (hl_is_int(v))
        return hl_int_get(v) != 0;
    if (hl_is_float(v))
        return hl_float_get(v) != 0.0;
    const hl_type_info *ti = info(v);
    if (ti && ti->len)
        return ti->len(v) != 0;
    return 1;
}

int64_t hl_len(hl_runtime *rt, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    const hl_type_info *ti = info(v);
    if (hl_is_ptr(v) && ti && ti->len)
        return (int64_t)ti->len(v);
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "object of type '%s' has no len()", hl_typeof_name(v));
}

int hl_foreach(hl_runtime *rt, hl_value iterable, hl_foreach_fn fn, void *ctx)
{
    if (hl_arg_missing(rt, iterable, __func__))
        return -1;
    const hl_type_info *ti = info(iterable);
    if (!hl_is_ptr(iterable) || !ti || !ti->foreach)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not iterable", hl_typeof_name(iterable));
    return ti->foreach(rt, iterable, fn, ctx);
}

/* ---------------------------------------------------------------- subscripting */

static bool is_index(hl_value v) { return hl_is_int(v) || hl_is_bool(v); }

hl_value hl_getitem(hl_runtime *rt, hl_value c, hl_value key)
{
    if (hl_arg_missing(rt, c, __func__) || hl_arg_missing(rt, key, __func__))
        return HL_NOVALUE;
    switch (hl_typeof(c)) {
    case HL_T_LIST:
        if (is_index(key))
            return hl_list_get(rt, c, hl_int_get(key));
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "list indices must be integers or slices, not %s", hl_typeof_name(key));
        return HL_NOVALUE;
    case HL_T_TUPLE:
        if (is_index(key))
            return hl_tuple_getitem(rt, c, hl_int_get(key));
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "tuple indices must be integers or slices, not %s", hl_typeof_name(key));
        return HL_NOVALUE;
    case HL_T_STR:
        if (is_index(key))
            return hl_str_getitem(rt, c, hl_int_get(key));
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
    if (hl_arg_missing(rt, c, __func__) || hl_arg_missing(rt, key, __func__) || hl_arg_missing(rt, value, __func__))
        return -1;
    switch (hl_typeof(c)) {
    case HL_T_LIST:
        if (is_index(key))
            return hl_list_set(rt, c, hl_int_get(key), value);
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
    if (hl_arg_missing(rt, c, __func__) || hl_arg_missing(rt, key, __func__))
        return -1;
    switch (hl_typeof(c)) {
    case HL_T_LIST:
        if (is_index(key))
            return hl_list_del(rt, c, hl_int_get(key));
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
