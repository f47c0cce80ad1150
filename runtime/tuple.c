/* tuples: immutable, items inline after the header.
 *
 * The first of the containers (tuple, list, dict, set: each may use those before it): calls
 * object.c (its items' repr, == and hash), seq.c, hash.c, the collector (new objects, roots,
 * tracing, the write barrier), type.c and error.c. */
#include <string.h>

#include "hash.h"
#include "heaplab/error.h"
#include "heaplab/tuple.h"
#include "seq.h"
#include "type.h"

static size_t tuple_size(const hl_object *o)
{
    return sizeof(hl_tuple_obj) + ((const hl_tuple_obj *)o)->size * sizeof(hl_value);
}

static void tuple_trace(hl_object *o, hl_tracer *t)
{
    hl_tuple_obj *tu = (hl_tuple_obj *)o;
    hl_trace_range(t, tu->items, tu->size, 1);
}

static int tuple_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    hl_tuple_obj *t = HL_AS(hl_tuple_obj, v);
    return hl_repr_items(rt, v, t->items, t->size, "(", t->size == 1 ? ",)" : ")", b);
}

static int tuple_hash(hl_runtime *rt, hl_value v, int64_t *out)
{
    hl_tuple_obj *t = HL_AS(hl_tuple_obj, v);
    if (hl_depth_enter(rt, " while calling a Python object"))
        return -1;
    uint64_t acc = hl_hash_tuple_start();
    for (size_t i = 0; i < t->size; i++) {
        int64_t h;
        if (hl_hash(rt, t->items[i], &h)) {
            hl_depth_leave(rt);
            return -1;
        }
        acc = hl_hash_tuple_add(acc, h);
    }
    hl_depth_leave(rt);
    *out = hl_hash_tuple_finish(acc, t->size);
    return 0;
}

/* Item-wise equality of two value arrays (identity first, as CPython does). */
static int tuple_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    hl_tuple_obj *x = HL_AS(hl_tuple_obj, a), *y = HL_AS(hl_tuple_obj, b);
    return x->size == y->size ? hl_items_eq(rt, x->items, y->items, x->size) : 0;
}

static int tuple_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    int r = 0;
    hl_rt_root(rt, &v);
    for (size_t i = 0; i < hl_tuple_size(v) && r == 0; i++)
        r = fn(rt, hl_tuple_get(v, i), ctx);
    hl_rt_unroot(rt, 1);
    return r < 0 ? -1 : 0;
}

static size_t tuple_len(hl_value v) { return hl_tuple_size(v); }

const hl_type_info hl_tuple_type = {
    .name = "tuple",
    .size = tuple_size,
    .trace = tuple_trace,
    .run_kind = HL_RUN_INLINE,
    .run_at = offsetof(hl_tuple_obj, items),
    .run_count = offsetof(hl_tuple_obj, size),
    .repr = tuple_repr,
    .hash = tuple_hash,
    .eq = tuple_eq,
    .foreach = tuple_foreach,
    .len = tuple_len,
};

hl_value hl_tuple_new(hl_runtime *rt, const hl_value *items, size_t n)
{
    if (n > (SIZE_MAX - sizeof(hl_tuple_obj)) / sizeof(hl_value) / 2)
        return hl_error_nomem(rt), HL_NOVALUE;
    for (size_t i = 0; items && i < n; i++)
        if (hl_arg_missing(rt, items[i], __func__))
            return HL_NOVALUE;
    if (items)
        hl_root_array(rt, items, n);
    hl_tuple_obj *t = (hl_tuple_obj *)hl_gc_new(rt, HL_T_TUPLE, sizeof(hl_tuple_obj) + n * sizeof(hl_value));
    if (items)
        hl_unroot_array(rt);
    if (!t)
        return HL_NOVALUE;
    t->size = n;
    if (items)
        memcpy(t->items, items, n * sizeof(hl_value));
    else
        for (size_t i = 0; i < n; i++)
            t->items[i] = HL_NONE;
    return hl_val(t);
}

bool hl_is_tuple(hl_value v) { return hl_is_obj_of(v, HL_T_TUPLE); }
size_t hl_tuple_size(hl_value t) { return HL_AS(hl_tuple_obj, t)->size; }
hl_value hl_tuple_get(hl_value t, size_t i) { return HL_AS(hl_tuple_obj, t)->items[i]; }
const hl_value *hl_tuple_items(hl_value t) { return HL_AS(hl_tuple_obj, t)->items; }
void hl_tuple_init_item(hl_runtime *rt, hl_value t, size_t i, hl_value v)
{
    HL_AS(hl_tuple_obj, t)->items[i] = v;
    hl_gc_write_value(rt, hl_obj(t), v); /* the tuple may have grown old since it was made */
}

hl_value hl_tuple_getitem(hl_runtime *rt, hl_value t, int64_t i)
{
    if (hl_arg_not(rt, t, HL_T_TUPLE, __func__))
        return HL_NOVALUE;
    int64_t k = hl_seq_index(rt, i, hl_tuple_size(t), "tuple index out of range");
    return k < 0 ? HL_NOVALUE : hl_tuple_get(t, (size_t)k);
}

hl_value hl_tuple_slice(hl_runtime *rt, hl_value t, int64_t start, int64_t stop, int64_t step)
{
    if (hl_arg_not(rt, t, HL_T_TUPLE, __func__))
        return HL_NOVALUE;
    int64_t n = hl_seq_slice(rt, hl_tuple_size(t), &start, &stop, step);
    if (n < 0)
        return HL_NOVALUE;
    if (step == 1 && n == (int64_t)hl_tuple_size(t))
        return t; /* CPython returns the tuple itself for a full slice */
    hl_rt_root(rt, &t);
    hl_value r = hl_tuple_new(rt, NULL, (size_t)n);
    hl_rt_unroot(rt, 1);
    if (!r)
        return HL_NOVALUE;
    for (int64_t k = 0, i = start; k < n; k++, i += step)
        hl_tuple_init_item(rt, r, (size_t)k, hl_tuple_get(t, (size_t)i));
    return r;
}

hl_value hl_tuple_concat(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_TUPLE, __func__) || hl_arg_not(rt, b, HL_T_TUPLE, __func__))
        return HL_NOVALUE;
    size_t na = hl_tuple_size(a), nb = hl_tuple_size(b);
    if (nb == 0 || na == 0) /* CPython: t + () is t, and () + t is t */
        return nb == 0 ? a : b;
    hl_rt_root(rt, &a);
    hl_rt_root(rt, &b);
    hl_value r = hl_tuple_new(rt, NULL, na + nb);
    hl_rt_unroot(rt, 2);
    if (!r)
        return HL_NOVALUE;
    memcpy(HL_AS(hl_tuple_obj, r)->items, hl_tuple_items(a), na * sizeof(hl_value));
    memcpy(HL_AS(hl_tuple_obj, r)->items + na, hl_tuple_items(b), nb * sizeof(hl_value));
    return r;
}
