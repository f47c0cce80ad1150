/* lang/builtins_numbers.c: the built-ins of numbers: abs, divmod and round (CPython's
 * rounding, ints and floats), and the int() and float() constructors (from numbers and from
 * strings, with a base, with CPython's messages; ints are 64-bit). Calls the runtime's
 * number API and operators. */
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

#define INT_OVERFLOW "int too large: heaplab ints are 64-bit"

hl_value hl_bi_abs(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "abs", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    hl_value v = args[0];
    if (hl_is_int(v) || hl_is_bool(v)) {
        int64_t i = hl_int_get(v);
        if (i == INT64_MIN) {
            hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, INT_OVERFLOW);
            return HL_NOVALUE;
        }
        return hl_int_new(rt, i < 0 ? -i : i);
    }
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
        int64_t i = hl_int_get(x);
        if (!nd || digits >= 0)
            return hl_int_new(rt, i);
        if (digits < -18)
            return hl_int_new(rt, 0);
        int64_t p = 1;
        for (int64_t k = 0; k < -digits; k++)
            p *= 10;
        int64_t q = i / p, r = i % p;
        if (r < 0) {
            q--;
            r += p;
        }
        if (2 * r > p || (2 * r == p && (q & 1)))
            q++;
        return hl_int_new(rt, q * p);
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
        double r = nearbyint(d); /* the default rounding mode: half to even */
        if (r >= 9223372036854775808.0 || r < -9223372036854775808.0) {
            hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, INT_OVERFLOW);
            return HL_NOVALUE;
        }
        return hl_int_new(rt, (int64_t)r);
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

static hl_value int_from_str(hl_runtime *rt, hl_value s, int64_t base)
{
    const char *p = hl_str_data(s), *end = p + hl_str_size(s);
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)tolower((unsigned char)p[1]);
        int prefixed = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (prefixed && (base == 0 || base == prefixed)) {
            base = prefixed;
            p += 2;
            if (p < end && *p == '_')
                p++;
        }
    }
    bool leading_zero = base == 0 && p < end && *p == '0';
    if (base == 0)
        base = 10;
    uint64_t acc = 0;
    bool any = false, overflow = false, ok = p < end;
    for (const char *q = p; q < end && ok; q++) {
        if (*q == '_') {
            ok = any && q + 1 < end && q[1] != '_';
            continue;
        }
        int d = isdigit((unsigned char)*q) ? *q - '0' : isalpha((unsigned char)*q) ? tolower((unsigned char)*q) - 'a' + 10 : 99;
        if (d >= base) {
            ok = false;
            break;
        }
        if (acc > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            overflow = true;
        else
            acc = acc * (uint64_t)base + (uint64_t)d;
        any = true;
    }
    if (ok && leading_zero && acc != 0)
        ok = false; /* base 0 rejects "010" as Python's literals do */
    if (!ok || !any) {
        hl_value r = hl_repr(rt, s);
        if (r)
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "invalid literal for int() with base %d: %s", (int)base, hl_str_data(r));
        return HL_NOVALUE;
    }
    if (overflow || acc > (uint64_t)INT64_MAX + (neg ? 1 : 0)) {
        hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, INT_OVERFLOW);
        return HL_NOVALUE;
    }
    return hl_int_new(rt, neg ? (int64_t)(0 - acc) : (int64_t)acc);
}

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
        return int_from_str(rt, v, base);
    }
    if (hl_is_int(v))
        return v;
    if (hl_is_bool(v))
        return hl_int_new(rt, v == HL_TRUE);
    if (hl_is_str(v))
        return int_from_str(rt, v, 10);
    if (hl_is_float(v)) {
        double d = hl_float_get(v);
        if (isnan(d)) {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "cannot convert float NaN to integer");
            return HL_NOVALUE;
        }
        if (isinf(d)) {
            hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
            return HL_NOVALUE;
        }
        double t = trunc(d);
        if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) {
            hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, INT_OVERFLOW);
            return HL_NOVALUE;
        }
        return hl_int_new(rt, (int64_t)t);
    }
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
    if (hl_is_int(v) || hl_is_bool(v))
        return hl_float_new(rt, (double)hl_int_get(v));
    if (hl_is_str(v))
        return float_from_str(rt, v);
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "float() argument must be a string or a real number, not '%s'",
                 hl_typeof_name(v));
    return HL_NOVALUE;
}
