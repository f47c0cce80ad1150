/* Python's binary, augmented and unary operators on the object model's types.
 *
 * Above the containers: calls int.c and int_arith.c, float.c, str.c, tuple.c, list.c, dict.c and set.c (each
 * type's own concatenation, repetition and set algebra), object.c (truth), the collector's
 * roots, type.c and error.c. */
#include <errno.h>
#include <math.h>

#include "heaplab/dict.h"
#include "heaplab/error.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/operators.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "int_internal.h"

static const char *const symbols[HL_OP__COUNT] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
static const char *const inplace_symbols[HL_OP__COUNT] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=",
                                                         "<<=", ">>=", "&=", "|=", "^="};

const char *hl_binop_symbol(hl_binop op) { return (unsigned)op < HL_OP__COUNT ? symbols[op] : "?"; }

static bool is_intlike(hl_value v) { return hl_is_int(v) || hl_is_bool(v); }
static bool is_number(hl_value v) { return is_intlike(v) || hl_is_float(v); }

static hl_value unsupported(hl_runtime *rt, hl_binop op, hl_value a, hl_value b, bool inplace)
{
    const char *symbol = !inplace ? hl_binop_symbol(op) : (unsigned)op < HL_OP__COUNT ? inplace_symbols[op] : "?";
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "unsupported operand type(s) for %s: '%s' and '%s'", symbol,
                 hl_typeof_name(a), hl_typeof_name(b));
    return HL_NOVALUE;
}

static hl_value zero_division(hl_runtime *rt, const char *msg)
{
    hl_error_set(rt, HL_EXC_ZERO_DIVISION_ERROR, "%s", msg);
    return HL_NOVALUE;
}

/* ---------------------------------------------------------------- floats */

static hl_value float_op(hl_runtime *rt, hl_binop op, hl_value av, hl_value bv)
{
    double a, b, r;
    if (hl_number_as_double(rt, av, &a) || hl_number_as_double(rt, bv, &b))
        return HL_NOVALUE; /* an int too large for a float */
    switch (op) {
    case HL_OP_ADD: r = a + b; break;
    case HL_OP_SUB: r = a - b; break;
    case HL_OP_MUL: r = a * b; break;
    case HL_OP_TRUEDIV:
        if (b == 0)
            return zero_division(rt, "float division by zero");
        r = a / b;
        break;
    case HL_OP_FLOORDIV:
    case HL_OP_MOD: {
        if (b == 0)
            return zero_division(rt, op == HL_OP_MOD ? "float modulo" : "float floor division by zero");
        double m = fmod(a, b), q = (a - m) / b;
        if (m != 0 && ((b < 0) != (m < 0))) { /* CPython's float_divmod */
            m += b;
            q -= 1.0;
        }
        if (m == 0)
            m = copysign(0.0, b);
        if (q != 0) {
            double fq = floor(q);
            if (q - fq > 0.5)
                fq += 1.0;
            q = fq;
        } else {
            q = copysign(0.0, a / b);
        }
        r = op == HL_OP_MOD ? m : q;
        break;
    }
    case HL_OP_POW:
        if (a == 0 && b < 0)
            return zero_division(rt, "0.0 cannot be raised to a negative power");
        if (a < 0 && b != floor(b)) {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "complex results are not supported by heaplab");
            return HL_NOVALUE;
        }
        errno = 0;
        r = pow(a, b);
        if (isinf(r) && isfinite(a) && isfinite(b)) {
            hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "(34, 'Numerical result out of range')");
            return HL_NOVALUE;
        }
        break;
    default:
        return unsupported(rt, op, av, bv, false);
    }
    return hl_float_new(rt, r);
}

/* ---------------------------------------------------------------- sequences */

static hl_value concat_error(hl_runtime *rt, hl_value a, hl_value b)
{
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "can only concatenate %s (not \"%s\") to %s", hl_typeof_name(a),
                 hl_typeof_name(b), hl_typeof_name(a));
    return HL_NOVALUE;
}

static bool is_sequence(hl_value v) { return hl_is_list(v) || hl_is_tuple(v) || hl_is_str(v); }

static hl_value repeat(hl_runtime *rt, hl_value seq, hl_value count)
{
    if (!is_intlike(count)) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'", hl_typeof_name(count));
        return HL_NOVALUE;
    }
    int64_t n;
    if (hl_int_index(rt, count, HL_EXC_OVERFLOW_ERROR, &n))
        return HL_NOVALUE;
    if (hl_is_list(seq))
        return hl_list_repeat(rt, seq, n);
    if (hl_is_str(seq))
        return hl_str_repeat(rt, seq, n);
    if (n == 1)
        return seq; /* CPython: t * 1 is t */
    size_t len = hl_tuple_size(seq);
    if (n <= 0 || len == 0)
        return hl_tuple_new(rt, NULL, 0);
    if ((uint64_t)n > SIZE_MAX / 16 / len) {
        hl_error_nomem(rt);
        return HL_NOVALUE;
    }
    hl_rt_root(rt, &seq);
    hl_value r = hl_tuple_new(rt, NULL, len * (size_t)n);
    hl_rt_unroot(rt, 1);
    for (size_t i = 0; r && i < len * (size_t)n; i++)
        hl_tuple_init_item(rt, r, i, hl_tuple_get(seq, i % len));
    return r;
}

static hl_value set_op(hl_runtime *rt, hl_binop op, hl_value a, hl_value b)
{
    switch (op) {
    case HL_OP_OR: return hl_set_union(rt, a, b);
    case HL_OP_AND: return hl_set_intersection(rt, a, b);
    case HL_OP_SUB: return hl_set_difference(rt, a, b);
    case HL_OP_XOR: return hl_set_symmetric_difference(rt, a, b);
    default: return unsupported(rt, op, a, b, false);
    }
}

static hl_value dict_or(hl_runtime *rt, hl_value a, hl_value b)
{
    hl_rt_root(rt, &a);
    hl_rt_root(rt, &b);
    hl_value r = hl_dict_new(rt);
    hl_rt_root(rt, &r);
    if (r && (hl_dict_update(rt, r, a) || hl_dict_update(rt, r, b)))
        r = HL_NOVALUE;
    hl_rt_unroot(rt, 3);
    return r;
}

static hl_value binary(hl_runtime *rt, hl_binop op, hl_value a, hl_value b, bool inplace)
{
    if (is_intlike(a) && is_intlike(b))
        return hl_int_binary(rt, op, a, b);
    if (is_number(a) && is_number(b)) {
        if (op >= HL_OP_LSHIFT)
            return unsupported(rt, op, a, b, inplace);
        return float_op(rt, op, a, b);
    }
    hl_type ta = hl_typeof(a), tb = hl_typeof(b);
    switch (op) {
    case HL_OP_ADD:
        if (ta == HL_T_LIST || ta == HL_T_TUPLE || ta == HL_T_STR) {
            if (ta != tb)
                return concat_error(rt, a, b);
            return ta == HL_T_LIST ? hl_list_concat(rt, a, b)
                   : ta == HL_T_TUPLE ? hl_tuple_concat(rt, a, b)
                                      : hl_str_concat(rt, a, b);
        }
        break;
    case HL_OP_MUL:
        if (is_sequence(a))
            return repeat(rt, a, b);
        if (is_sequence(b))
            return repeat(rt, b, a);
        break;
    case HL_OP_SUB:
    case HL_OP_AND:
    case HL_OP_OR:
    case HL_OP_XOR:
        if (ta == HL_T_SET && tb == HL_T_SET)
            return set_op(rt, op, a, b);
        if (op == HL_OP_OR && ta == HL_T_DICT && tb == HL_T_DICT)
            return dict_or(rt, a, b);
        break;
    default:
        break;
    }
    return unsupported(rt, op, a, b, inplace);
}

hl_value hl_binary_op(hl_runtime *rt, hl_binop op, hl_value a, hl_value b)
{
    if (hl_arg_missing(rt, a, __func__) || hl_arg_missing(rt, b, __func__))
        return HL_NOVALUE;
    if ((unsigned)op >= HL_OP__COUNT) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "unknown operator");
        return HL_NOVALUE;
    }
    return binary(rt, op, a, b, false);
}

/* ---------------------------------------------------------------- augmented assignment */

/* Set operators that change a in place (CPython's set_ior and friends keep the object). */
static hl_value set_inplace(hl_runtime *rt, hl_binop op, hl_value a, hl_value b)
{
    int r = op == HL_OP_OR    ? hl_set_update(rt, a, b)
            : op == HL_OP_SUB ? hl_set_difference_update(rt, a, b)
            : op == HL_OP_AND ? hl_set_intersection_update(rt, a, b)
                              : hl_set_symmetric_difference_update(rt, a, b);
    return r ? HL_NOVALUE : a;
}

hl_value hl_inplace_op(hl_runtime *rt, hl_binop op, hl_value a, hl_value b)
{
    if (hl_arg_missing(rt, a, __func__) || hl_arg_missing(rt, b, __func__))
        return HL_NOVALUE;
    if ((unsigned)op >= HL_OP__COUNT) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "unknown operator");
        return HL_NOVALUE;
    }
    if (hl_is_list(a)) {
        if (op == HL_OP_ADD) /* list.__iadd__ is extend: any iterable */
            return hl_list_extend(rt, a, b) ? HL_NOVALUE : a;
        if (op == HL_OP_MUL) {
            if (!is_intlike(b)) {
                hl_error_set(rt, HL_EXC_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'",
                             hl_typeof_name(b));
                return HL_NOVALUE;
            }
            int64_t n;
            if (hl_int_index(rt, b, HL_EXC_OVERFLOW_ERROR, &n))
                return HL_NOVALUE;
            hl_rt_root(rt, &a);
            hl_value r = hl_list_repeat(rt, a, n);
            hl_rt_unroot(rt, 1);
            if (!r)
                return HL_NOVALUE;
            return hl_list_set_slice(rt, a, HL_SLICE_OMITTED, HL_SLICE_OMITTED, 1, r) ? HL_NOVALUE : a;
        }
    }
    if (hl_is_set(a) && hl_is_set(b) &&
        (op == HL_OP_OR || op == HL_OP_AND || op == HL_OP_SUB || op == HL_OP_XOR))
        return set_inplace(rt, op, a, b);
    if (hl_is_dict(a) && op == HL_OP_OR) /* dict.__ior__ takes what dict.update takes */
        return hl_dict_update(rt, a, b) ? HL_NOVALUE : a;
    return binary(rt, op, a, b, true); /* immutable left side: a new object to rebind */
}

/* ---------------------------------------------------------------- unary */

hl_value hl_unary_op(hl_runtime *rt, hl_unop op, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return HL_NOVALUE;
    if ((unsigned)op > HL_OP_NOT)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "unknown operator"), HL_NOVALUE;
    if (op == HL_OP_NOT) {
        int t = hl_truthy(rt, v);
        return t < 0 ? HL_NOVALUE : hl_bool(!t);
    }
    if (is_intlike(v)) {
        if (op == HL_OP_POS)
            return hl_is_bool(v) ? hl_int_new(rt, v == HL_TRUE) : v;
        return op == HL_OP_NEG ? hl_int_neg(rt, v) : hl_int_invert(rt, v);
    }
    if (hl_is_float(v) && op != HL_OP_INVERT)
        return op == HL_OP_POS ? v : hl_float_new(rt, -hl_float_get(v));
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "bad operand type for unary %s: '%s'",
                 op == HL_OP_NEG ? "-" : op == HL_OP_POS ? "+" : "~", hl_typeof_name(v));
    return HL_NOVALUE;
}

hl_value hl_pow_mod(hl_runtime *rt, hl_value a, hl_value b, hl_value m)
{
    if (hl_arg_missing(rt, a, __func__) || hl_arg_missing(rt, b, __func__))
        return HL_NOVALUE;
    if (!m || m == HL_NONE)
        return hl_binary_op(rt, HL_OP_POW, a, b);
    if (!is_intlike(a) || !is_intlike(b) || !is_intlike(m)) {
        if (is_number(a) && is_number(b) && is_number(m))
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "pow() 3rd argument not allowed unless all arguments are integers"),
                   HL_NOVALUE;
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                            hl_typeof_name(a), hl_typeof_name(b), hl_typeof_name(m)),
               HL_NOVALUE;
    }
    return hl_int_pow_mod(rt, a, b, m);
}
