/* lang/builtins_numbers.c: the built-ins of numbers: abs, divmod, pow and round (CPython's
 * rounding, ints and floats), hex, oct and bin, int.bit_length and int.bit_count, and the
 * int() and float() constructors (from numbers and from strings, with a base, with CPython's
 * messages). Calls the runtime's number API and operators. */
#include "builtins_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/operators.h"
#include "heaplab/str.h"
#include "vm.h"

hl_value hl_bi_abs(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "abs", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    hl_value v = args[0];
    if (hl_is_int(v) || hl_is_bool(v))
        return hl_unary_op(rt, hl_int_sign(v) < 0 ? HL_OP_NEG : HL_OP_POS, v);
    if (hl_is_float(v))
        return hl_float_new(rt, fabs(hl_float_get(v)));
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "bad operand type for abs(): '%s'", hl_typeof_name(v));
    return HL_NOVALUE;
}

hl_value hl_bi_divmod(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "divmod", nargs, kwnames, 2, 2))
        return HL_NOVALUE;
    hl_value pair[2] = {HL_NOVALUE, HL_NOVALUE};
    hl_root_array(rt, pair, 2);
    hl_value r = HL_NOVALUE;
    if ((pair[0] = hl_binary_op(rt, HL_OP_FLOORDIV, args[0], args[1])) &&
        (pair[1] = hl_binary_op(rt, HL_OP_MOD, args[0], args[1])))
        r = hl_tuple_new(rt, pair, 2);
    hl_unroot_array(rt);
    if (!r && hl_error_type(rt) == HL_EXC_TYPE_ERROR && strstr(hl_error_message(rt), "unsupported operand"))
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                     hl_typeof_name(args[0]), hl_typeof_name(args[1]));
    return r;
}

/* round(x, -k) for an int: to a multiple of 10**k, half to even (CPython's long_round). */
static hl_value round_int(hl_runtime *rt, hl_value x, int64_t k)
{
    hl_value v[4] = {x, HL_NOVALUE, HL_NOVALUE, HL_NOVALUE}; /* x, 10**k, x // 10**k, x % 10**k */
    hl_root_array(rt, v, 4);
    hl_value r = HL_NOVALUE;
    if ((v[1] = hl_int_new(rt, k)) && (v[1] = hl_binary_op(rt, HL_OP_POW, hl_int_new(rt, 10), v[1])) &&
        (v[2] = hl_binary_op(rt, HL_OP_FLOORDIV, x, v[1])) && (v[3] = hl_binary_op(rt, HL_OP_MOD, x, v[1])) &&
        (v[3] = hl_binary_op(rt, HL_OP_MUL, v[3], hl_int_new(rt, 2)))) {
        int c = hl_compare(rt, v[3], v[1], HL_CMP_GT);
        int tie = c == 0 ? hl_eq(rt, v[3], v[1]) : 0;
        int odd = tie > 0 ? hl_truthy(rt, (v[0] = hl_binary_op(rt, HL_OP_AND, v[2], hl_int_new(rt, 1)))) : 0;
        if (c >= 0 && tie >= 0 && odd >= 0) {
            if (c || odd)
                v[2] = hl_binary_op(rt, HL_OP_ADD, v[2], hl_int_new(rt, 1));
            r = v[2] ? hl_binary_op(rt, HL_OP_MUL, v[2], v[1]) : HL_NOVALUE;
        }
    }
    hl_unroot_array(rt);
    return r;
}

hl_value hl_bi_round(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    static const char *const kws[] = {"ndigits", NULL};
    hl_value kw[1];
    if (hl_args_kw(rt, "round", args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    size_t n = nargs - nkw_of(kwnames);
    if (hl_args_count(rt, "round", n + (kw[0] ? 1 : 0), 1, 2))
        return HL_NOVALUE;
    hl_value x = args[0], nd = n == 2 ? args[1] : kw[0];
    if (nd == HL_NONE)
        nd = HL_NOVALUE;
    int64_t digits = 0;
    if (nd && hl_arg_index(rt, nd, &digits))
        return HL_NOVALUE;
    if (hl_is_int(x) || hl_is_bool(x)) {
        if (!nd || digits >= 0)
            return hl_unary_op(rt, HL_OP_POS, x);
        return round_int(rt, x, -digits);
    }
    if (!hl_is_float(x)) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "type %s doesn't define __round__ method", hl_typeof_name(x));
        return HL_NOVALUE;
    }
    double d = hl_float_get(x);
    if (!nd) {
        if (isnan(d)) {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "cannot convert float NaN to integer");
            return HL_NOVALUE;
        }
        if (isinf(d)) {
            hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
            return HL_NOVALUE;
        }
        return hl_int_from_double(rt, nearbyint(d)); /* the default rounding mode: half to even */
    }
    if (!isfinite(d) || digits > 300)
        return hl_float_new(rt, d);
    if (digits < -308)
        return hl_float_new(rt, copysign(0.0, d));
    char buf[512];
    if (digits >= 0) {
        snprintf(buf, sizeof buf, "%.*f", (int)digits, d);
        return hl_float_new(rt, strtod(buf, NULL));
    }
    double p = pow(10.0, (double)-digits), q = d / p, r = nearbyint(q);
    if (fabs(q - r) == 0.5)
        r = 2.0 * nearbyint(q / 2.0);
    return hl_float_new(rt, copysign(r * p, d));
}

/* ---------------------------------------------------------------- constructors */

hl_value hl_bi_make_int(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    static const char *const kws[] = {"base", NULL};
    hl_value kw[1];
    if (hl_args_kw(rt, "int", args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    size_t n = nargs - nkw_of(kwnames);
    if (n > 2) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "int() takes at most 2 arguments (%zu given)", n);
        return HL_NOVALUE;
    }
    hl_value base_v = n == 2 ? args[1] : kw[0];
    if (n == 0) {
        if (base_v) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "int() missing string argument");
            return HL_NOVALUE;
        }
        return hl_int_new(rt, 0);
    }
    hl_value v = args[0];
    if (base_v) {
        int64_t base;
        if (hl_arg_index(rt, base_v, &base))
            return HL_NOVALUE;
        if (!hl_is_str(v)) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "int() can't convert non-string with explicit base");
            return HL_NOVALUE;
        }
        if (base != 0 && (base < 2 || base > 36)) {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
            return HL_NOVALUE;
        }
        return hl_int_from_str(rt, hl_str_data(v), hl_str_size(v), (int)base);
    }
    if (hl_is_int(v))
        return v;
    if (hl_is_bool(v))
        return hl_int_new(rt, v == HL_TRUE);
    if (hl_is_str(v))
        return hl_int_from_str(rt, hl_str_data(v), hl_str_size(v), 10);
    if (hl_is_float(v))
        return hl_int_from_double(rt, hl_float_get(v));
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                 hl_typeof_name(v));
    return HL_NOVALUE;
}

static hl_value float_from_str(hl_runtime *rt, hl_value s)
{
    const char *p = hl_str_data(s), *end = p + hl_str_size(s);
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    char buf[128];
    size_t n = 0;
    bool ok = p < end && (size_t)(end - p) < sizeof buf;
    for (const char *q = p; ok && q < end; q++) {
        if (*q == '_') { /* only between digits */
            ok = q > p && q + 1 < end && isdigit((unsigned char)q[-1]) && isdigit((unsigned char)q[1]);
            continue;
        }
        if (!(isalnum((unsigned char)*q) || *q == '.' || *q == '+' || *q == '-'))
            ok = false;
        buf[n++] = *q;
    }
    buf[n] = '\0';
    const char *digits = buf + (buf[0] == '+' || buf[0] == '-');
    if (ok && (digits[0] == 'x' || digits[0] == 'X' || (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))))
        ok = false;
    if (ok && (strncasecmp(digits, "nan", 3) == 0 && digits[3] != '\0'))
        ok = false;
    char *stop = buf;
    double d = ok ? strtod(buf, &stop) : 0.0;
    if (!ok || stop != buf + n || n == 0) {
        hl_value r = hl_repr(rt, s);
        if (r)
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "could not convert string to float: %s", hl_str_data(r));
        return HL_NOVALUE;
    }
    return hl_float_new(rt, d);
}

hl_value hl_bi_make_float(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "float", nargs, kwnames, 0, 1))
        return HL_NOVALUE;
    if (nargs == 0)
        return hl_float_new(rt, 0.0);
    hl_value v = args[0];
    if (hl_is_float(v))
        return v;
    if (hl_is_int(v) || hl_is_bool(v)) {
        double d;
        return hl_number_as_double(rt, v, &d) ? HL_NOVALUE : hl_float_new(rt, d);
    }
    if (hl_is_str(v))
        return float_from_str(rt, v);
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "float() argument must be a string or a real number, not '%s'",
                 hl_typeof_name(v));
    return HL_NOVALUE;
}

hl_value hl_bi_pow(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    static const char *const kws[] = {"base", "exp", "mod", NULL};
    hl_value kw[3];
    if (hl_args_kw(rt, "pow", args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    size_t n = nargs - nkw_of(kwnames);
    hl_value a[3];
    for (size_t i = 0; i < 3; i++) {
        if (i < n && kw[i])
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "argument for pow() given by name ('%s') and position (%zu)",
                                kws[i], i + 1), HL_NOVALUE;
        a[i] = i < n ? args[i] : kw[i];
    }
    if (n > 3)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "pow() takes at most 3 arguments (%zu given)", n), HL_NOVALUE;
    for (size_t i = 0; i < 2; i++)
        if (!a[i])
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "pow() missing required argument '%s' (pos %zu)", kws[i], i + 1),
                   HL_NOVALUE;
    return hl_pow_mod(rt, a[0], a[1], a[2]);
}

/* hex(), oct(), bin(): the int with Python's prefix, no digit limit. */
static hl_value int_in_base(hl_runtime *rt, const char *name, const hl_value *args, size_t nargs, hl_value kwnames, int base)
{
    if (hl_args_simple(rt, name, nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    if (!hl_is_int(args[0]) && !hl_is_bool(args[0]))
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                            hl_typeof_name(args[0])), HL_NOVALUE;
    return hl_int_to_str(rt, args[0], base);
}

hl_value hl_bi_hex(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return int_in_base(rt, "hex", args, nargs, kwnames, 16);
}

hl_value hl_bi_oct(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return int_in_base(rt, "oct", args, nargs, kwnames, 8);
}

hl_value hl_bi_bin(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return int_in_base(rt, "bin", args, nargs, kwnames, 2);
}

static hl_value int_bit_length(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "int.bit_length", nargs - 1, kwnames, 0, 0))
        return HL_NOVALUE;
    return hl_int_new(rt, (int64_t)hl_int_bit_length(args[0]));
}

static hl_value int_bit_count(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "int.bit_count", nargs - 1, kwnames, 0, 0))
        return HL_NOVALUE;
    return hl_int_new(rt, (int64_t)hl_int_bit_count(args[0]));
}

const hl_builtin hl_methods_int[] = {
    {"bit_length", int_bit_length},
    {"bit_count", int_bit_count},
    {NULL, NULL},
};
