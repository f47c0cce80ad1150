/* Ranges past int64, and enumerate() counting from a big int: CPython's range takes ints of
 * any size (range(2**64, 2**64 + 10), range(2**70)), and so does enumerate's start. Such a
 * range keeps its bounds as ints (a tuple start, stop, step, length in `big`) and iterates
 * with int arithmetic (CPython's longrange_iterator). A range within int64 comes here only to
 * be sliced: that arithmetic is on ints too, whatever their size.
 *
 * Below iter.c (which calls it for a range with `big` set, and makes the range object from
 * hl_range_big_bounds): calls the runtime's int, operator, comparison, tuple and list API. */
#include "../type.h"
#include "builtins.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/object.h"
#include "heaplab/operators.h"
#include "heaplab/tuple.h"

enum { START, STOP, STEP, LENGTH };

static hl_value part(hl_value range, int i) { return hl_tuple_get(((hl_range_obj *)range)->big, (size_t)i); }

/* (stop - start) // step rounded up, or 0: CPython's compute_range_length. */
static hl_value length_of(hl_runtime *rt, hl_value start, hl_value stop, hl_value step)
{
    hl_value diff = hl_binary_op(rt, HL_OP_SUB, stop, start);
    if (!diff)
        return HL_NOVALUE;
    int dir = hl_int_sign(step);
    if (hl_int_sign(diff) != dir)
        return hl_int_new(rt, 0);
    hl_rt_root(rt, &diff);
    hl_value n = hl_binary_op(rt, HL_OP_SUB, diff, hl_int_new(rt, dir)); /* dir: no allocation */
    hl_rt_unroot(rt, 1);
    n = n ? hl_binary_op(rt, HL_OP_FLOORDIV, n, step) : HL_NOVALUE;
    return n ? hl_binary_op(rt, HL_OP_ADD, n, hl_int_new(rt, 1)) : HL_NOVALUE;
}

hl_value hl_range_big_bounds(hl_runtime *rt, hl_value start, hl_value stop, hl_value step)
{
    hl_value parts[4] = {start, stop, step, HL_NOVALUE};
    hl_root_array(rt, parts, 4);
    hl_value t = HL_NOVALUE;
    if ((parts[LENGTH] = length_of(rt, start, stop, step)))
        t = hl_tuple_new(rt, parts, 4);
    hl_unroot_array(rt);
    return t;
}

int hl_range_big_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    hl_value step = part(v, STEP);
    int r = hl_buf_puts(b, "range(");
    r = r ? r : hl_repr_into(rt, part(v, START), b);
    r = r ? r : hl_buf_puts(b, ", ");
    r = r ? r : hl_repr_into(rt, part(v, STOP), b);
    if (!(hl_int_fits_int64(step) && hl_int_get(step) == 1)) {
        r = r ? r : hl_buf_puts(b, ", ");
        r = r ? r : hl_repr_into(rt, step, b);
    }
    return r ? r : hl_buf_putc(b, ')');
}

hl_value hl_range_big_len(hl_runtime *rt, hl_value v) { (void)rt; return part(v, LENGTH); }

/* One of start, step or length of two ranges, one of them or both past int64: equal? */
static int same_part(hl_runtime *rt, hl_value a, hl_value b, int which)
{
    if (hl_range_is_big(a) && hl_range_is_big(b))
        return hl_eq(rt, part(a, which), part(b, which));
    hl_value big = hl_range_is_big(a) ? a : b;
    const hl_range_obj *s = (const hl_range_obj *)(big == a ? b : a);
    int64_t x = which == START ? s->start : which == STEP ? s->step : hl_range_len(s->start, s->stop, s->step);
    hl_value v = part(big, which);
    return hl_int_fits_int64(v) && hl_int_get(v) == x;
}

/* CPython's range_equals: the same length, and empty, or the same start and (one value, or
 * the same step); range(0, 10, 3) == range(0, 11, 3). */
int hl_range_big_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    int r = same_part(rt, a, b, LENGTH);
    if (r != 1 || hl_len(rt, a) == 0)
        return r;
    r = same_part(rt, a, b, START);
    if (r != 1 || hl_len(rt, a) == 1)
        return r;
    return same_part(rt, a, b, STEP);
}

/* start + i * step for 0 <= i < length (i may be negative: from the end), else IndexError. */
hl_value hl_range_big_item(hl_runtime *rt, hl_value v, hl_value i)
{
    hl_value n = part(v, LENGTH);
    hl_rt_root(rt, &v);
    hl_rt_root(rt, &i);
    hl_value r = HL_NOVALUE;
    if (hl_int_sign(i) < 0)
        i = hl_binary_op(rt, HL_OP_ADD, i, n);
    int inside = i ? hl_compare(rt, i, n, HL_CMP_LT) : -1;
    if (inside == 1 && hl_int_sign(i) >= 0 && (i = hl_binary_op(rt, HL_OP_MUL, i, part(v, STEP))))
        r = hl_binary_op(rt, HL_OP_ADD, part(v, START), i);
    else if (inside >= 0)
        hl_error_set(rt, HL_EXC_INDEX_ERROR, "range object index out of range");
    hl_rt_unroot(rt, 2);
    return r;
}

/* x in v for an int x: within the bounds and on a step, as CPython's range_contains_long. */
int hl_range_big_contains(hl_runtime *rt, hl_value v, hl_value x)
{
    hl_value start = part(v, START), stop = part(v, STOP), step = part(v, STEP);
    bool up = hl_int_sign(step) > 0;
    int lo = hl_compare(rt, up ? start : x, up ? x : start, HL_CMP_LE); /* start <= x, or x <= start */
    int hi = lo == 1 ? hl_compare(rt, up ? x : stop, up ? stop : x, HL_CMP_LT) : 0;
    if (lo < 0 || hi < 0 || !hi)
        return lo < 0 || hi < 0 ? -1 : 0;
    hl_rt_root(rt, &v);
    hl_value d = hl_binary_op(rt, HL_OP_SUB, x, start);
    d = d ? hl_binary_op(rt, HL_OP_MOD, d, step) : HL_NOVALUE;
    hl_rt_unroot(rt, 1);
    return d ? hl_int_sign(d) == 0 : -1;
}

/* The iterator's state: a list [next value, step, values left]. */
hl_value hl_range_big_counter(hl_runtime *rt, hl_value v, bool reversed)
{
    hl_value state[3] = {part(v, START), part(v, STEP), part(v, LENGTH)};
    hl_root_array(rt, state, 3);
    hl_value r = HL_NOVALUE;
    if (reversed) { /* from the last value down: start + (length - 1) * step, by -step */
        hl_value last = hl_range_big_item(rt, v, hl_int_new(rt, -1));
        if (!last && hl_error_type(rt) == HL_EXC_INDEX_ERROR) { /* empty */
            hl_error_clear(rt);
            last = state[0];
        }
        state[0] = last;
        state[1] = last ? hl_unary_op(rt, HL_OP_NEG, state[1]) : HL_NOVALUE;
    }
    if (state[0] && state[1])
        r = hl_list_from(rt, state, 3);
    hl_unroot_array(rt);
    return r;
}

int hl_range_big_next(hl_runtime *rt, hl_value counter, hl_value *out)
{
    hl_value *s = hl_list_items(counter);
    if (hl_int_sign(s[2]) == 0)
        return 0;
    hl_value v = s[0];
    hl_rt_root(rt, &counter);
    hl_rt_root(rt, &v);
    hl_value next = hl_binary_op(rt, HL_OP_ADD, v, s[1]);
    int r = next && hl_list_set(rt, counter, 0, next) == 0 ? 1 : -1;
    hl_value left = r == 1 ? hl_binary_op(rt, HL_OP_SUB, hl_list_items(counter)[2], hl_int_new(rt, 1)) : HL_NOVALUE;
    if (r == 1 && (!left || hl_list_set(rt, counter, 2, left)))
        r = -1;
    hl_rt_unroot(rt, 2);
    if (r == 1)
        *out = v;
    return r;
}

/* ---- slicing: CPython's compute_slice and _PySlice_GetLongIndices, on ints ---- */

enum { R_START, R_STEP, R_LEN, S_STEP, S_START, S_STOP, LOWER, UPPER, NSLICE };

/* A slice bound against the range's length: None is the default end, a negative one counts
 * from the end, and either is clamped to [lower, upper]. */
static hl_value clamp(hl_runtime *rt, hl_value *w, hl_value x, hl_value dflt)
{
    if (x == HL_NONE)
        return dflt;
    if (hl_int_sign(x) < 0 && !(x = hl_binary_op(rt, HL_OP_ADD, x, w[R_LEN])))
        return HL_NOVALUE;
    int below = hl_compare(rt, x, w[LOWER], HL_CMP_LT), above = below == 0 ? hl_compare(rt, x, w[UPPER], HL_CMP_GT) : 0;
    if (below < 0 || above < 0)
        return HL_NOVALUE;
    return below ? w[LOWER] : above ? w[UPPER] : x;
}

/* r's start + i * r's step. */
static hl_value item_at(hl_runtime *rt, const hl_value *w, hl_value i)
{
    hl_value d = hl_binary_op(rt, HL_OP_MUL, i, w[R_STEP]);
    return d ? hl_binary_op(rt, HL_OP_ADD, w[R_START], d) : HL_NOVALUE;
}

hl_value hl_range_slice(hl_runtime *rt, hl_value r, const hl_value *p)
{
    hl_value parts[3];
    for (int i = 0; i < 3; i++)
        parts[i] = hl_is_bool(p[i]) ? hl_int_new(rt, p[i] == HL_TRUE) : p[i]; /* 0, 1: never allocated */
    hl_value w[NSLICE] = {HL_NOVALUE};
    hl_root_array(rt, w, NSLICE);
    hl_rt_root(rt, &r);
    hl_value result = HL_NOVALUE;
    if (hl_range_is_big(r)) {
        w[R_START] = part(r, START), w[R_STEP] = part(r, STEP), w[R_LEN] = part(r, LENGTH);
    } else {
        const hl_range_obj *o = (const hl_range_obj *)r;
        int64_t start = o->start, step = o->step, n = hl_range_len(o->start, o->stop, o->step);
        if (!(w[R_START] = hl_int_new(rt, start)) || !(w[R_STEP] = hl_int_new(rt, step)) ||
            !(w[R_LEN] = hl_int_new(rt, n)))
            goto done;
    }
    w[S_STEP] = parts[2] == HL_NONE ? hl_int_new(rt, 1) : parts[2];
    bool down = hl_int_sign(w[S_STEP]) < 0;
    w[LOWER] = hl_int_new(rt, down ? -1 : 0); /* never allocated */
    w[UPPER] = down ? hl_binary_op(rt, HL_OP_SUB, w[R_LEN], hl_int_new(rt, 1)) : w[R_LEN]; /* 1: never allocated */
    if (!w[UPPER])
        goto done;
    if (!(w[S_START] = clamp(rt, w, parts[0], down ? w[UPPER] : w[LOWER])) ||
        !(w[S_STOP] = clamp(rt, w, parts[1], down ? w[LOWER] : w[UPPER])))
        goto done;
    /* CPython's compute_slice: start and stop become r's values at those indices, the step
     * the product of both steps. */
    if (!(w[S_START] = item_at(rt, w, w[S_START])) || !(w[S_STOP] = item_at(rt, w, w[S_STOP])) ||
        !(w[S_STEP] = hl_binary_op(rt, HL_OP_MUL, w[S_STEP], w[R_STEP])))
        goto done;
    if (hl_int_fits_int64(w[S_START]) && hl_int_fits_int64(w[S_STOP]) && hl_int_fits_int64(w[S_STEP]) &&
        hl_range_fits_int64(hl_int_get(w[S_START]), hl_int_get(w[S_STOP]), hl_int_get(w[S_STEP])))
        result = hl_range_new(rt, hl_int_get(w[S_START]), hl_int_get(w[S_STOP]), hl_int_get(w[S_STEP]));
    else
        result = hl_range_new_big(rt, hl_range_big_bounds(rt, w[S_START], w[S_STOP], w[S_STEP]));
done:
    hl_rt_unroot(rt, 1);
    hl_unroot_array(rt);
    return result;
}
