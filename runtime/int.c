/* The int type: its entry in the type table (size, repr, hash, ==) and the public C API of
 * heaplab/int.h. An int is a tagged small int, a boxed one or a big one (int_internal.h).
 *
 * The top of the int part, a scalar type below the generic protocols: calls int_limbs.c,
 * int_text.c, buf.c, hash.c, type.c (the str type's repr hook, for int()'s message) and
 * error.c. */
#include <inttypes.h>
#include <math.h>

#include "hash.h"
#include "int_internal.h"
#include "heaplab/str.h"
#include "number.h"
#include "type.h"

static size_t int_size(const hl_object *o)
{
    int64_t n = ((const hl_int_obj *)o)->size;
    n = n < 0 ? -n : n;
    return sizeof(hl_int_obj) + (size_t)(n ? n : 1) * sizeof(uint64_t);
}

static int int_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    if (hl_int_fits_int64(v))
        return hl_buf_printf(b, "%" PRId64, hl_int_get(v));
    size_t n;
    char *digits = hl_int_digits(rt, v, 10, false, &n);
    if (!digits)
        return -1;
    int r = HL_AS(hl_int_obj, v)->size < 0 ? hl_buf_putc(b, '-') : 0;
    if (r == 0)
        r = hl_buf_append(b, digits, n);
    hl_heap_free(rt, digits, n + 1);
    return r;
}

/* CPython's: |v| mod 2**61 - 1, with v's sign, -1 made -2. */
static int int_hash(hl_runtime *rt, hl_value v, int64_t *out)
{
    (void)rt;
    if (hl_int_fits_int64(v)) {
        *out = hl_hash_int(hl_int_get(v));
        return 0;
    }
    hl_int_view x;
    hl_int_view_of(v, &x);
    int64_t h = (int64_t)hl_int_mag_mod_hash_modulus(&x);
    h = x.neg ? -h : h;
    *out = h == -1 ? -2 : h;
    return 0;
}

static int int_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    (void)rt;
    return hl_int_cmp(a, b) == 0;
}

const hl_type_info hl_int_type = {
    .name = "int",
    .size = int_size,
    .repr = int_repr,
    .hash = int_hash,
    .eq = int_eq,
};

int hl_int_value(hl_runtime *rt, hl_value v, int64_t *out)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    if (!hl_is_int(v) && !hl_is_bool(v))
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "an integer is required (got type %s)",
                            hl_typeof_name(v));
    if (!hl_int_fits_int64(v))
        return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C int64_t");
    *out = hl_int_get(v);
    return 0;
}

int hl_int_index(hl_runtime *rt, hl_value v, hl_exc exc, int64_t *out)
{
    if (!hl_int_fits_int64(v))
        return hl_error_set(rt, exc, "cannot fit 'int' into an index-sized integer");
    *out = hl_int_get(v);
    return 0;
}

int hl_int_sign(hl_value v)
{
    hl_int_view x;
    hl_int_view_of(v, &x);
    return x.n == 0 ? 0 : x.neg ? -1 : 1;
}

uint64_t hl_int_bit_length(hl_value v)
{
    hl_int_view x;
    hl_int_view_of(v, &x);
    return hl_int_view_bits(&x);
}

uint64_t hl_int_bit_count(hl_value v)
{
    hl_int_view x;
    hl_int_view_of(v, &x);
    return x.n ? (uint64_t)mpn_popcount(x.d, x.n) : 0;
}

hl_value hl_int_from_str(hl_runtime *rt, const char *text, size_t len, int base)
{
    if (!text)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: text is NULL", __func__), HL_NOVALUE;
    if (base != 0 && (base < 2 || base > 36))
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0"), HL_NOVALUE;
    hl_value v;
    int r = hl_int_parse(rt, text, len, base, &v);
    if (r == 0)
        return v;
    if (r < 0)
        return HL_NOVALUE;
    /* CPython's message: the text's repr, cut at 200 characters (%.200R) */
    hl_value s = hl_str_new(rt, text, len);
    if (!s) {
        if (hl_error_type(rt) == HL_EXC_MEMORY_ERROR)
            return HL_NOVALUE;
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "invalid literal for int() with base %d", base), HL_NOVALUE;
    }
    hl_buf b;
    hl_buf_init(&b, rt);
    hl_rt_root(rt, &s);
    int failed = hl_type_info_of(HL_T_STR)->repr(rt, s, &b) || hl_buf_putc(&b, '\0');
    hl_rt_unroot(rt, 1);
    if (failed) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    size_t cut = 0;
    for (size_t chars = 0; b.data[cut] && chars < 200; chars++)
        for (cut++; ((unsigned char)b.data[cut] & 0xC0) == 0x80; cut++)
            ;
    hl_error_set(rt, HL_EXC_VALUE_ERROR, "invalid literal for int() with base %d: %.*s", base, (int)cut, b.data);
    hl_buf_release(&b);
    return HL_NOVALUE;
}

hl_value hl_int_from_double(hl_runtime *rt, double d)
{
    if (isnan(d))
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "cannot convert float NaN to integer"), HL_NOVALUE;
    if (isinf(d))
        return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer"), HL_NOVALUE;
    return hl_int_from_integral_double(rt, trunc(d));
}

hl_value hl_int_to_str(hl_runtime *rt, hl_value v, int base)
{
    if (hl_arg_missing(rt, v, __func__))
        return HL_NOVALUE;
    if (!hl_is_int(v) && !hl_is_bool(v))
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "an integer is required (got type %s)", hl_typeof_name(v)),
               HL_NOVALUE;
    if (base != 2 && base != 8 && base != 10 && base != 16)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "base must be 2, 8, 10 or 16"), HL_NOVALUE;
    size_t n;
    char *digits = hl_int_digits(rt, v, base, false, &n);
    if (!digits)
        return HL_NOVALUE;
    hl_buf b;
    hl_buf_init(&b, rt);
    const char *prefix = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
    int failed = (hl_int_sign(v) < 0 && hl_buf_putc(&b, '-')) || hl_buf_puts(&b, prefix) ||
                 hl_buf_append(&b, digits, n);
    hl_heap_free(rt, digits, n + 1);
    if (failed) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}

int64_t hl_int_get_max_str_digits(hl_runtime *rt) { return rt->int_max_str_digits; }

int hl_int_set_max_str_digits(hl_runtime *rt, int64_t digits)
{
    if (digits != 0 && digits < HL_INT_MIN_MAX_STR_DIGITS)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "maxdigits must be 0 or larger than %d",
                            HL_INT_MIN_MAX_STR_DIGITS);
    rt->int_max_str_digits = digits;
    return 0;
}
