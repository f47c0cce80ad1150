/* ints: immediate small ints in `tagged` mode, boxed objects otherwise.
 *
 * A scalar type, below the generic protocols: calls the collector (gc.c, for new objects),
 * buf.c, hash.c, type.c and error.c. */
#include <inttypes.h>

#include "hash.h"
#include "heaplab/int.h"
#include "type.h"

static size_t int_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_int_obj);
}

static int int_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    return hl_buf_printf(b, "%" PRId64, HL_AS(hl_int_obj, v)->value);
}

static int int_hash(hl_runtime *rt, hl_value v, int64_t *out)
{
    (void)rt;
    *out = hl_hash_int(HL_AS(hl_int_obj, v)->value);
    return 0;
}

static int int_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    (void)rt;
    return HL_AS(hl_int_obj, a)->value == HL_AS(hl_int_obj, b)->value;
}

const hl_type_info hl_int_type = {
    .name = "int",
    .size = int_size,
    .repr = int_repr,
    .hash = int_hash,
    .eq = int_eq,
};

hl_value hl_int_new(hl_runtime *rt, int64_t i)
{
    if (rt->cfg.int_mode == HL_INT_TAGGED) {
        if (hl_smallint_fits(i))
            return hl_smallint((intptr_t)i);
    } else if (i >= HL_BOXED_CACHE_MIN && i <= HL_BOXED_CACHE_MAX) {
        return rt->boxed_cache[i - HL_BOXED_CACHE_MIN];
    }
    hl_int_obj *o = (hl_int_obj *)hl_gc_new(rt, HL_T_INT, sizeof(hl_int_obj));
    if (!o)
        return HL_NOVALUE;
    o->value = i;
    return hl_val(o);
}

bool hl_is_int(hl_value v) { return hl_is_smallint(v) || hl_is_obj_of(v, HL_T_INT); }

int64_t hl_int_get(hl_value v)
{
    if (hl_is_smallint(v))
        return hl_smallint_value(v);
    if (v == HL_TRUE)
        return 1;
    if (v == HL_FALSE)
        return 0;
    return HL_AS(hl_int_obj, v)->value;
}

int hl_int_value(hl_runtime *rt, hl_value v, int64_t *out)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    if (!hl_is_int(v) && !hl_is_bool(v))
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "an integer is required (got type %s)",
                            hl_typeof_name(v));
    *out = hl_int_get(v);
    return 0;
}
