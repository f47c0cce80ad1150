/* The generic protocols every value supports, dispatched through the type table: repr,
 * equality, hashing, truth, len and iteration, with Python's rules and messages; KeyError
 * with the key's repr. Numbers compare exactly across int and float (number.h).
 *
 * Below the container types, which call it for their items: calls the scalar types (int.c,
 * float.c, str.c), buf.c, hash.c, type.c and error.c, and a container only through its
 * type's hooks. Ordering is compare.c's and subscripting and `in` subscript.c's: they call
 * each container's own functions. */
#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "heaplab/error.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/str.h"
#include "number.h"
#include "type.h"

static inline const hl_type_info *info(hl_value v) { return hl_type_table[hl_typeof(v)]; }

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

/* ---------------------------------------------------------------- equality */

int hl_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_missing(rt, a, __func__) || hl_arg_missing(rt, b, __func__))
        return -1;
    if (a == b && !hl_is_float(a))
        return 1;
    if (hl_is_number(a) && hl_is_number(b))
        return hl_cmp_numbers(a, b) == 0;
    hl_type ta = hl_typeof(a), tb = hl_typeof(b);
    if (ta != tb || !hl_is_ptr(a) || !hl_is_ptr(b))
        return 0;
    const hl_type_info *ti = hl_type_table[ta];
    return ti->eq ? ti->eq(rt, a, b) : 0;
}

int hl_items_eq(hl_runtime *rt, const hl_value *a, const hl_value *b, size_t n)
{
    if (hl_depth_enter(rt, " in comparison"))
        return -1;
    int r = 1;
    for (size_t i = 0; i < n && r == 1; i++)
        r = a[i] == b[i] ? 1 : hl_eq(rt, a[i], b[i]);
    hl_depth_leave(rt);
    return r;
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
        return hl_int_sign(v) != 0;
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
