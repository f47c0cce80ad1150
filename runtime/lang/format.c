/* format(value, spec): Python's format-specification mini-language for str, int, bool and
 * float: [[fill]align][sign][#][0][width][,|_][.precision][type]; and an f-string field,
 * its conversion (!r, !s, !a) then its spec (hl_format_value). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/str.h"

typedef struct spec {
    char fill[5];  /* one UTF-8 character */
    char align;    /* '<', '>', '^', '=' or 0 */
    char sign;     /* '+', '-', ' ' or 0 */
    bool alt;      /* '#' */
    bool zero;     /* '0' before the width */
    int64_t width; /* -1: none */
    char grouping; /* ',', '_' or 0 */
    int64_t precision; /* -1: none */
    char type;     /* 0: none */
} spec;

static int bad_spec(hl_runtime *rt) { return hl_error_set(rt, HL_EXC_VALUE_ERROR, "Invalid format specifier"); }

static bool is_align(char c) { return c == '<' || c == '>' || c == '^' || c == '='; }

static int parse(hl_runtime *rt, const char *p, size_t n, spec *s)
{
    const char *end = p + n;
    memset(s, 0, sizeof *s);
    strcpy(s->fill, " ");
    s->width = s->precision = -1;
    bool fill_given = false;
    size_t k = 1; /* the first character's size */
    while (p + k < end && ((unsigned char)p[k] & 0xC0) == 0x80)
        k++;
    if (p + k < end && is_align(p[k]) && k < sizeof s->fill) {
        memcpy(s->fill, p, k);
        s->fill[k] = '\0';
        fill_given = true;
        s->align = p[k];
        p += k + 1;
    } else if (p < end && is_align(*p)) {
        s->align = *p++;
    }
    if (p < end && (*p == '+' || *p == '-' || *p == ' '))
        s->sign = *p++;
    if (p < end && *p == '#') {
        s->alt = true;
        p++;
    }
    if (p < end && *p == '0') {
        s->zero = true;
        p++;
    }
    if (p < end && *p >= '0' && *p <= '9') {
        s->width = 0;
        while (p < end && *p >= '0' && *p <= '9' && s->width < 100000000)
            s->width = s->width * 10 + (*p++ - '0');
    }
    if (p < end && (*p == ',' || *p == '_'))
        s->grouping = *p++;
    if (p < end && *p == '.') {
        p++;
        if (p == end || *p < '0' || *p > '9')
            return hl_error_set(rt, HL_EXC_VALUE_ERROR, "Format specifier missing precision");
        s->precision = 0;
        while (p < end && *p >= '0' && *p <= '9' && s->precision < 100000000)
            s->precision = s->precision * 10 + (*p++ - '0');
    }
    if (p < end)
        s->type = *p++;
    if (p != end)
        return bad_spec(rt);
    /* CPython's '0': zeros unless a fill is given; sign-aware ('=') for a number with no
     * alignment given (hl_format), a string keeps its own default. */
    if (s->zero && !fill_given)
        strcpy(s->fill, "0");
    return 0;
}

static size_t cps(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)p[i] & 0xC0) != 0x80;
    return c;
}

/* Pad body (sign or prefix first, when align is '=') to the width. */
static hl_value finish(hl_runtime *rt, const spec *s, const char *prefix, const char *body, size_t body_size,
                       char default_align)
{
    char align = s->align ? s->align : default_align;
    size_t plen = strlen(prefix);
    size_t len = cps(prefix, plen) + cps(body, body_size);
    size_t pad = s->width > 0 && (size_t)s->width > len ? (size_t)s->width - len : 0;
    size_t left = align == '>' || align == '=' ? pad : align == '^' ? pad / 2 : 0;
    hl_buf b;
    hl_buf_init(&b, rt);
    int r = 0;
    if (align == '=')
        r = hl_buf_puts(&b, prefix);
    for (size_t i = 0; i < left && r == 0; i++)
        r = hl_buf_puts(&b, s->fill);
    if (r == 0 && align != '=')
        r = hl_buf_puts(&b, prefix);
    if (r == 0)
        r = hl_buf_append(&b, body, body_size);
    for (size_t i = left; i < pad && r == 0; i++)
        r = hl_buf_puts(&b, s->fill);
    if (r) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}

/* digits with a separator every three (every four for b, o, x) from the right, after
 * `zeros` leading zeros. */
static void group(char *out, const char *digits, size_t n, size_t zeros, char sep, int every)
{
    size_t k = 0, total = zeros + n;
    for (size_t i = 0; i < total; i++) {
        if (i && (total - i) % (size_t)every == 0)
            out[k++] = sep;
        out[k++] = i < zeros ? '0' : digits[i - zeros];
    }
    out[k] = '\0';
}

/* The zeros that pad n grouped digits to the width when the padding is zeros after the sign
 * ('0' or fill '0' with '='): CPython groups them too, and never starts with a separator, so
 * `format(-5, '09,')` is '-0,000,005', one wider than asked. `other` is what the width holds
 * besides the digits (sign, prefix, the fraction). */
static size_t grouped_zeros(const spec *s, size_t n, size_t other, int every)
{
    if (!s->grouping || n == 0 || s->align != '=' || strcmp(s->fill, "0") != 0 || s->width <= 0 ||
        (size_t)s->width <= other)
        return 0;
    size_t need = (size_t)s->width - other, total = n;
    while (total + (total - 1) / (size_t)every < need)
        total++;
    return total - n;
}

/* A block of size *size holding the digits grouped as the spec asks, then suffix (a float's
 * point and fraction); the caller frees it. */
static char *grouped_digits(hl_runtime *rt, const spec *s, const char *digits, size_t n, const char *suffix,
                            size_t other, int every, size_t *size)
{
    size_t zeros = grouped_zeros(s, n, other, every), tail = strlen(suffix);
    *size = zeros + n + (zeros + n) / 3 + tail + 1;
    char *out = hl_heap_alloc(rt, *size, HL_BLOCK_INTERNAL);
    if (!out)
        return hl_error_nomem(rt), NULL;
    if (s->grouping)
        group(out, digits, n, zeros, s->grouping, every);
    else
        memcpy(out, digits, n), out[n] = '\0';
    memcpy(out + strlen(out), suffix, tail + 1);
    return out;
}

static const char *sign_of(bool negative, char sign) { return negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : ""; }

static hl_value format_float(hl_runtime *rt, double d, const spec *s);

static hl_value format_int(hl_runtime *rt, hl_value v, const spec *s)
{
    char type = s->type ? s->type : 'd';
    if (strchr("eEfFgG%", type)) {
        double d;
        return hl_number_as_double(rt, v, &d) ? HL_NOVALUE : format_float(rt, d, s);
    }
    if (s->precision >= 0) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "Precision not allowed in integer format specifier");
        return HL_NOVALUE;
    }
    int base = 10;
    switch (type) {
    case 'd': case 'n': base = 10; break;
    case 'x': case 'X': base = 16; break;
    case 'o': base = 8; break;
    case 'b': base = 2; break;
    default:
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "Unknown format code '%c' for object of type 'int'", type);
        return HL_NOVALUE;
    }
    hl_value text = hl_int_to_str(rt, v, base); /* "-0x..." (the digit limit for base 10) */
    if (!text)
        return HL_NOVALUE;
    const char *t = hl_str_data(text);
    bool neg = t[0] == '-';
    size_t skip = (size_t)neg + (base == 10 ? 0 : 2), n = hl_str_size(text) - skip;
    char prefix[8];
    snprintf(prefix, sizeof prefix, "%s%s", sign_of(neg, s->sign),
             s->alt && base != 10 ? (base == 16 ? (type == 'X' ? "0X" : "0x") : base == 8 ? "0o" : "0b") : "");
    /* the digits, grouped and cased, in a block of our own: text may go from here */
    size_t size;
    char *grouped = grouped_digits(rt, s, t + skip, n, "", strlen(prefix), base == 10 ? 3 : 4, &size);
    if (!grouped)
        return HL_NOVALUE;
    for (char *c = grouped; type == 'X' && *c; c++)
        if (*c >= 'a' && *c <= 'f')
            *c = (char)(*c - 'a' + 'A');
    hl_value r = finish(rt, s, prefix, grouped, strlen(grouped), '>');
    hl_heap_free(rt, grouped, size);
    return r;
}

static hl_value format_float(hl_runtime *rt, double d, const spec *s)
{
    char type = s->type;
    if (!strchr("eEfFgG%", type ? type : 'g')) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "Unknown format code '%c' for object of type 'float'", type);
        return HL_NOVALUE;
    }
    bool neg = signbit(d) && !isnan(d);
    double a = fabs(d);
    /* Up to 311 digits before the point (1e308 * 100 for '%'), prec after it, an exponent or
     * a suffix; grouping adds a separator per three digits before the point. The parser
     * keeps precision below 10^9. */
    int prec = s->precision < 0 ? 6 : (int)s->precision;
    size_t cap = 330 + (size_t)prec;
    char *body = hl_heap_alloc(rt, cap, HL_BLOCK_INTERNAL);
    if (!body)
        return hl_error_nomem(rt), HL_NOVALUE;
    if (!isfinite(a)) {
        bool upper = type == 'E' || type == 'F' || type == 'G';
        snprintf(body, cap, "%s%s", isnan(a) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"),
                 type == '%' ? "%" : "");
    } else if (!type && s->precision < 0) {
        hl_float_repr(a, body);
    } else if (!type) { /* like 'g', keeping a digit after the point */
        snprintf(body, cap, "%.*g", prec ? prec : 1, a);
        if (!strpbrk(body, ".e"))
            strcat(body, ".0");
    } else if (type == '%') {
        snprintf(body, cap, "%.*f%%", prec, a * 100.0);
    } else {
        char fmt[8];
        snprintf(fmt, sizeof fmt, "%%%s.*%c", s->alt ? "#" : "", type);
        snprintf(body, cap, fmt, prec, a);
    }
    const char *sign = sign_of(neg, s->sign);
    /* Only the digits before the point are grouped. */
    size_t intlen = s->grouping && isfinite(a) ? strspn(body, "0123456789") : 0;
    const char *rest = body + intlen;
    size_t size;
    char *grouped = grouped_digits(rt, s, body, intlen, rest, strlen(sign) + strlen(rest), 3, &size);
    hl_value r = grouped ? finish(rt, s, sign, grouped, strlen(grouped), '>') : HL_NOVALUE;
    if (grouped)
        hl_heap_free(rt, grouped, size);
    hl_heap_free(rt, body, cap);
    return r;
}

hl_value hl_format(hl_runtime *rt, hl_value v, hl_value spec_str)
{
    if (hl_str_size(spec_str) == 0)
        return hl_to_str(rt, v);
    spec s;
    if (parse(rt, hl_str_data(spec_str), hl_str_size(spec_str), &s))
        return HL_NOVALUE;
    if (s.zero && !s.align && (hl_is_int(v) || hl_is_bool(v) || hl_is_float(v)))
        s.align = '=';
    if (hl_is_int(v) || hl_is_bool(v))
        return format_int(rt, v, &s);
    if (hl_is_float(v))
        return format_float(rt, hl_float_get(v), &s);
    if (hl_is_str(v)) {
        if (s.type && s.type != 's') {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "Unknown format code '%c' for object of type 'str'", s.type);
            return HL_NOVALUE;
        }
        if (s.sign) {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "Sign not allowed in string format specifier");
            return HL_NOVALUE;
        }
        if (s.align == '=') {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "'=' alignment not allowed in string format specifier");
            return HL_NOVALUE;
        }
        size_t n = hl_str_size(v);
        if (s.precision >= 0) { /* at most precision code points */
            const char *p = hl_str_data(v);
            size_t k = 0, c = 0;
            while (k < n && c < (size_t)s.precision) {
                k++;
                while (k < n && ((unsigned char)p[k] & 0xC0) == 0x80)
                    k++;
                c++;
            }
            n = k;
        }
        hl_rt_root(rt, &v);
        hl_value r = finish(rt, &s, "", hl_str_data(v), n, '<');
        hl_rt_unroot(rt, 1);
        return r;
    }
    /* Other objects format their str() with a plain spec, as object.__format__ refuses any. */
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "unsupported format string passed to %s.__format__", hl_typeof_name(v));
    return HL_NOVALUE;
}

hl_value hl_format_value(hl_runtime *rt, hl_value v, unsigned conv, hl_value spec)
{
    if (conv == 'r' || conv == 'a')
        v = hl_repr(rt, v);
    else if (conv == 's')
        v = hl_to_str(rt, v);
    if (!v)
        return HL_NOVALUE;
    if (spec)
        return hl_format(rt, v, spec);
    return hl_to_str(rt, v);
}
