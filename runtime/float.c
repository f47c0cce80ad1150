/* floats: boxed doubles, with Python's repr (the shortest string that round-trips).
 *
 * A scalar type: calls int.c (an int as a double, as CPython's float does), the collector,
 * buf.c, hash.c, type.c and error.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "int_internal.h"
#include "type.h"

static size_t float_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_float_obj);
}

static int float_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    char text[HL_FLOAT_REPR_MAX];
    size_t n = hl_float_repr(HL_AS(hl_float_obj, v)->value, text);
    return hl_buf_append(b, text, n);
}

static int float_hash(hl_runtime *rt, hl_value v, int64_t *out)
{
    (void)rt;
    *out = hl_hash_double(HL_AS(hl_float_obj, v)->value);
    return 0;
}

static int float_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    (void)rt;
    return HL_AS(hl_float_obj, a)->value == HL_AS(hl_float_obj, b)->value;
}

const hl_type_info hl_float_type = {
    .name = "float",
    .size = float_size,
    .repr = float_repr,
    .hash = float_hash,
    .eq = float_eq,
};

hl_value hl_float_new(hl_runtime *rt, double d)
{
    hl_float_obj *o = (hl_float_obj *)hl_gc_new(rt, HL_T_FLOAT, sizeof(hl_float_obj));
    if (!o)
        return HL_NOVALUE;
    o->value = d;
    return hl_val(o);
}

bool hl_is_float(hl_value v) { return hl_is_obj_of(v, HL_T_FLOAT); }
double hl_float_get(hl_value v) { return HL_AS(hl_float_obj, v)->value; }

int hl_number_as_double(hl_runtime *rt, hl_value v, double *out)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    if (hl_is_float(v)) {
        *out = hl_float_get(v);
        return 0;
    }
    if (hl_is_int(v) || hl_is_bool(v))
        return hl_int_to_double(rt, v, out);
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "must be real number, not %s", hl_typeof_name(v));
}

/* The shortest digits that read back as d: "%.{p-1}e" for p = 1..17, the first that
 * round-trips. Writes the digits (no point, no trailing zeros) and returns the decimal
 * exponent of the first digit. */
static int shortest_digits(double d, char *digits, size_t *ndigits)
{
    char text[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(text, sizeof text, "%.*e", p - 1, d);
        if (strtod(text, NULL) == d || p == 17)
            break;
    }
    /* text is "d.ddde+XX" or "de+XX" */
    size_t n = 0;
    const char *s = text;
    for (; *s && *s != 'e'; s++)
        if (*s != '.')
            digits[n++] = *s;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *ndigits = n;
    return atoi(s + 1);
}

size_t hl_float_repr(double d, char *buf)
{
    if (isnan(d))
        return (size_t)snprintf(buf, HL_FLOAT_REPR_MAX, "nan");
    if (isinf(d))
        return (size_t)snprintf(buf, HL_FLOAT_REPR_MAX, d > 0 ? "inf" : "-inf");
    char *out = buf;
    if (signbit(d)) {
        *out++ = '-';
        d = -d;
    }
    if (d == 0) {
        strcpy(out, "0.0");
        return (size_t)(out - buf) + 3;
    }
    char digits[24];
    size_t n;
    int exp10 = shortest_digits(d, digits, &n);
    if (exp10 < -4 || exp10 >= 16) { /* exponent form, as Python's repr: 1e+16, 2.5e-05 */
        *out++ = digits[0];
        if (n > 1) {
            *out++ = '.';
            memcpy(out, digits + 1, n - 1);
            out += n - 1;
        }
        out += sprintf(out, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    } else if (exp10 < 0) { /* 0.000ddd */
        *out++ = '0';
        *out++ = '.';
        for (int i = -1; i > exp10; i--)
            *out++ = '0';
        memcpy(out, digits, n);
        out += n;
    } else { /* ddd.ddd, at least one digit each side */
        size_t int_digits = (size_t)exp10 + 1;
        for (size_t i = 0; i < int_digits; i++)
            *out++ = i < n ? digits[i] : '0';
        *out++ = '.';
        if (n > int_digits) {
            memcpy(out, digits + int_digits, n - int_digits);
            out += n - int_digits;
        } else {
            *out++ = '0';
        }
    }
    *out = '\0';
    return (size_t)(out - buf);
}
