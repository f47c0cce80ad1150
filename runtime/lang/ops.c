/* The operations the interpreter loop calls out of line: subscripts and slices, item and
 * attribute assignment, comparisons with `is` and `in`, unpacking, f-string pieces, the
 * REPL's echo. Each takes its operands as values and reports failure the C API's way. */
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "code.h"
#include "heaplab/dict.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/operators.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "ops.h"

static int slice_bound(hl_runtime *rt, hl_value v, int64_t *out)
{
    if (v == HL_NONE) {
        *out = HL_SLICE_OMITTED;
        return 0;
    }
    if (hl_is_int(v) || hl_is_bool(v)) {
        /* CPython clamps a bound beyond the index range to it (HL_SLICE_OMITTED is INT64_MIN) */
        *out = hl_int_fits_int64(v) && hl_int_get(v) != INT64_MIN ? hl_int_get(v)
               : hl_int_sign(v) < 0                                  ? INT64_MIN + 1
                                                                     : INT64_MAX;
        return 0;
    }
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
}

/* The step first, as CPython's PySlice_Unpack: `x['a'::0]` is a ValueError, not a TypeError. */
static int slice_args(hl_runtime *rt, const hl_value *p, int64_t *lo, int64_t *hi, int64_t *step)
{
    if (slice_bound(rt, p[2], step))
        return -1;
    if (*step == HL_SLICE_OMITTED)
        *step = 1;
    if (*step == 0)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "slice step cannot be zero");
    return slice_bound(rt, p[0], lo) || slice_bound(rt, p[1], hi) ? -1 : 0;
}

hl_value hl_op_get_slice(hl_runtime *rt, hl_value c, const hl_value *p)
{
    int64_t lo, hi, step;
    hl_type t = hl_typeof(c);
    if (t != HL_T_LIST && t != HL_T_TUPLE && t != HL_T_STR && t != HL_T_RANGE) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not subscriptable", hl_typeof_name(c));
        return HL_NOVALUE;
    }
    if (slice_args(rt, p, &lo, &hi, &step))
        return HL_NOVALUE;
    if (t == HL_T_RANGE) /* the parts checked; a range takes them as ints of any size */
        return hl_range_slice(rt, c, p);
    return t == HL_T_LIST ? hl_list_slice(rt, c, lo, hi, step)
           : t == HL_T_TUPLE ? hl_tuple_slice(rt, c, lo, hi, step)
                             : hl_str_slice(rt, c, lo, hi, step);
}

int hl_op_set_slice(hl_runtime *rt, hl_value c, const hl_value *p, hl_value v, bool del)
{
    int64_t lo, hi, step;
    if (!hl_is_list(c)) {
        if (del)
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object doesn't support item deletion",
                                hl_typeof_name(c));
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object does not support item assignment",
                            hl_typeof_name(c));
    }
    if (slice_args(rt, p, &lo, &hi, &step))
        return -1;
    if (del)
        return hl_list_del_slice(rt, c, lo, hi, step);
    if (!hl_is_list(v) && !hl_is_tuple(v)) { /* any iterable: as a list first */
        hl_rt_root(rt, &c);
        v = hl_lang_list_of(rt, v);
        hl_rt_unroot(rt, 1);
        if (!v) {
            if (hl_error_type(rt) == HL_EXC_TYPE_ERROR)
                hl_error_set(rt, HL_EXC_TYPE_ERROR, "can only assign an iterable");
            return -1;
        }
    }
    return hl_list_set_slice(rt, c, lo, hi, step, v);
}

hl_value hl_op_subscript(hl_runtime *rt, hl_value c, hl_value k)
{
    hl_type t = hl_typeof(c);
    if (t == HL_T_RANGE) {
        if (!hl_is_int(k) && !hl_is_bool(k)) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "range indices must be integers or slices, not %s",
                         hl_typeof_name(k));
            return HL_NOVALUE;
        }
        if (hl_range_is_big(c))
            return hl_range_big_item(rt, c, hl_is_bool(k) ? hl_int_new(rt, k == HL_TRUE) : k);
        hl_range_obj *r = (hl_range_obj *)c;
        int64_t n = hl_range_len(r->start, r->stop, r->step), i;
        if (hl_int_index(rt, k, HL_EXC_INDEX_ERROR, &i))
            return HL_NOVALUE;
        if (i < 0)
            i += n;
        if (i < 0 || i >= n) {
            hl_error_set(rt, HL_EXC_INDEX_ERROR, "range object index out of range");
            return HL_NOVALUE;
        }
        return hl_int_new(rt, r->start + i * r->step);
    }
    if (t == HL_T_DICT_VIEW || t >= HL_T_FUNCTION || t == HL_T_SET || t == HL_T_TYPE || t == HL_T_BUILTIN) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not subscriptable", hl_typeof_name(c));
        return HL_NOVALUE;
    }
    return hl_getitem(rt, c, k);
}

int hl_op_item_assign(hl_runtime *rt, hl_value c, hl_value k, hl_value v)
{
    hl_type t = hl_typeof(c);
    if (t != HL_T_LIST && t != HL_T_DICT)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object does not support item assignment", hl_typeof_name(c));
    return hl_setitem(rt, c, k, v);
}

int hl_op_item_delete(hl_runtime *rt, hl_value c, hl_value k)
{
    hl_type t = hl_typeof(c);
    if (t != HL_T_LIST && t != HL_T_DICT)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object doesn't support item deletion", hl_typeof_name(c));
    return hl_delitem(rt, c, k);
}

/* o.name = v (v HL_NOVALUE: del o.name). Only modules have writable attributes. */
int hl_op_attr_assign(hl_runtime *rt, hl_value o, hl_value name, hl_value v)
{
    if (hl_is_obj_of(o, HL_T_MODULE)) {
        hl_value found;
        int r = hl_dict_lookup(rt, hl_as_module(o)->index, name, &found);
        if (r < 0)
            return -1;
        if (v) {
            int64_t slot = hl_module_slot(rt, o, name);
            if (slot < 0)
                return -1;
            hl_as_module(o)->slots[slot] = v;
            hl_gc_write_value(rt, hl_obj(o), v);
            return 0;
        }
        if (r && hl_as_module(o)->slots[hl_smallint_value(found)]) {
            hl_as_module(o)->slots[hl_smallint_value(found)] = HL_NOVALUE;
            return 0;
        }
        return hl_error_set(rt, HL_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
                            hl_str_data(hl_as_module(o)->name), hl_str_data(name));
    }
    if (hl_typeof(o) == HL_T_TYPE) /* set or deleted, existing or not: CPython's one message */
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "cannot set '%s' attribute of immutable type '%s'",
                            hl_str_data(name), hl_type_value_name(o));
    /* An existing attribute (a method) is read-only; anything else does not exist. */
    if (!hl_getattr(rt, o, name)) /* AttributeError, or the MemoryError of making a bound method */
        return -1;
    return hl_error_set(rt, HL_EXC_ATTRIBUTE_ERROR, "'%s' object attribute '%s' is read-only", hl_typeof_name(o),
                        hl_str_data(name));
}

int hl_op_print_expr(hl_runtime *rt, hl_value module, hl_value v)
{
    if (v == HL_NONE)
        return 0;
    hl_value r = hl_repr(rt, v);
    if (!r)
        return -1;
    fwrite(hl_str_data(r), 1, hl_str_size(r), stdout);
    fputc('\n', stdout);
    return hl_module_set_builtin(rt, module, "_", v);
}

int hl_op_compare(hl_runtime *rt, hl_value a, hl_value b, unsigned op)
{
    switch (op) {
    case HL_CMP_X_IS: return a == b;
    case HL_CMP_X_IS_NOT: return a != b;
    case HL_CMP_X_IN:
    case HL_CMP_X_NOT_IN: {
        int r;
        if (hl_typeof(b) == HL_T_RANGE && (hl_is_int(a) || hl_is_bool(a))) {
            r = hl_range_contains(rt, b, a);
        } else if (hl_typeof(b) == HL_T_RANGE || hl_typeof(b) == HL_T_DICT_VIEW || hl_typeof(b) == HL_T_ITERATOR) {
            hl_value items = hl_lang_list_of(rt, b);
            if (!items)
                return -1;
            r = hl_contains(rt, items, a);
        } else {
            r = hl_contains(rt, b, a);
        }
        return r < 0 ? -1 : op == HL_CMP_X_IN ? r : !r;
    }
    default:
        return hl_compare(rt, a, b, (hl_cmp)op);
    }
}

/* Push the n items of seq in reverse (the first on top), or fail with CPython's message. */
int hl_op_unpack(hl_runtime *rt, hl_value seq, size_t n, hl_value *dst)
{
    const hl_value *items;
    size_t size;
    hl_value list = HL_NOVALUE;
    if (hl_is_tuple(seq)) {
        items = hl_tuple_items(seq);
        size = hl_tuple_size(seq);
    } else if (hl_is_list(seq)) {
        items = hl_list_items(seq);
        size = hl_list_size(seq);
    } else {
        list = hl_lang_list_of(rt, seq);
        if (!list) {
            if (hl_error_type(rt) == HL_EXC_TYPE_ERROR && strstr(hl_error_message(rt), "is not iterable"))
                hl_error_set(rt, HL_EXC_TYPE_ERROR, "cannot unpack non-iterable %s object", hl_typeof_name(seq));
            return -1;
        }
        items = hl_list_items(list);
        size = hl_list_size(list);
    }
    if (size > n)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "too many values to unpack (expected %zu)", n);
    if (size < n)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "not enough values to unpack (expected %zu, got %zu)", n, size);
    for (size_t i = 0; i < n; i++)
        dst[n - 1 - i] = items[i];
    return 0;
}

/* Around a starred target: `before` items, a list of the middle, `after` items. */
int hl_op_unpack_ex(hl_runtime *rt, hl_value seq, size_t before, size_t after, hl_value *dst)
{
    hl_value list = hl_lang_list_of(rt, seq);
    if (!list) {
        if (hl_error_type(rt) == HL_EXC_TYPE_ERROR && strstr(hl_error_message(rt), "is not iterable"))
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "cannot unpack non-iterable %s object", hl_typeof_name(seq));
        return -1;
    }
    size_t size = hl_list_size(list);
    if (size < before + after)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "not enough values to unpack (expected at least %zu, got %zu)",
                            before + after, size);
    hl_rt_root(rt, &list);
    hl_value mid = hl_list_slice(rt, list, (int64_t)before, (int64_t)(size - after), 1);
    hl_rt_unroot(rt, 1);
    if (!mid)
        return -1;
    hl_value *items = hl_list_items(list);
    size_t k = 0;
    for (size_t i = 0; i < after; i++)
        dst[k++] = items[size - 1 - i];
    dst[k++] = mid;
    for (size_t i = 0; i < before; i++)
        dst[k++] = items[before - 1 - i];
    return 0;
}

hl_value hl_op_build_string(hl_runtime *rt, const hl_value *parts, size_t n)
{
    hl_buf b;
    hl_buf_init(&b, rt);
    for (size_t i = 0; i < n; i++) {
        if (hl_buf_append(&b, hl_str_data(parts[i]), hl_str_size(parts[i]))) {
            hl_buf_release(&b);
            return HL_NOVALUE;
        }
    }
    return hl_buf_to_str(&b);
}

/* ---------------------------------------------------------------- the compiler's operators */

_Static_assert(HL_BC_BIN_ADD == (int)HL_OP_ADD && HL_BC_BIN_POW == (int)HL_OP_POW && HL_BC_BIN_XOR == (int)HL_OP_XOR &&
                   HL_BC_UN_NEG == (int)HL_OP_NEG && HL_BC_UN_NOT == (int)HL_OP_NOT &&
                   HL_BC_CMP_LT == (int)HL_CMP_LT && HL_BC_CMP_GE == (int)HL_CMP_GE && HL_CMP_X_IS == (int)HL_CMP_GE + 1,
               "bytecode operator numbers follow operators.h and object.h");

hl_value hl_lang_binary_op(hl_runtime *rt, unsigned op, hl_value a, hl_value b)
{
    if (op == HL_OP_MOD && hl_is_str(a)) /* printf-style formatting lives in the front end */
        return hl_str_percent(rt, a, b);
    return hl_binary_op(rt, (hl_binop)op, a, b);
}

hl_value hl_lang_unary_op(hl_runtime *rt, unsigned op, hl_value v) { return hl_unary_op(rt, (hl_unop)op, v); }

