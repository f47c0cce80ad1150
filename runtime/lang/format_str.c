/* str.format and printf-style `%` formatting, both built on format(value, spec). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../buf.h"
#include "builtins.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "ops.h"

/* Append format(v, spec bytes) after conversion conv (0, 'r', 's', 'a') to b. v may be a
 * fresh value: it is rooted here. */
static int append_formatted(hl_runtime *rt, hl_buf *b, hl_value v, unsigned conv, const char *spec, size_t n)
{
    hl_rt_root(rt, &v);
    hl_value s = hl_str_new(rt, spec, n);
    hl_rt_root(rt, &s);
    hl_value r = s ? hl_format_value(rt, v, conv, n ? s : HL_NOVALUE) : HL_NOVALUE;
    hl_rt_unroot(rt, 2);
    return r ? hl_buf_append(b, hl_str_data(r), hl_str_size(r)) : -1;
}

/* ---------------------------------------------------------------- str.format */

/* The value a replacement field names: "" (the next positional), "0", or a keyword. */
static int field_value(hl_runtime *rt, const char *name, size_t n, const hl_value *pos, size_t npos,
                       const hl_value *kwv, hl_value kwnames, int *auto_index, hl_value *out)
{
    if (n == 0 || isdigit((unsigned char)name[0])) {
        size_t i = 0;
        if (n == 0) {
            if (*auto_index < 0)
                return hl_error_set(rt, HL_EXC_VALUE_ERROR,
                                    "cannot switch from manual field specification to automatic field numbering");
            i = (size_t)(*auto_index)++;
        } else {
            if (*auto_index > 0)
                return hl_error_set(rt, HL_EXC_VALUE_ERROR,
                                    "cannot switch from automatic field numbering to manual field specification");
            *auto_index = -1;
            for (size_t k = 0; k < n; k++) {
                if (!isdigit((unsigned char)name[k]))
                    return hl_error_set(rt, HL_EXC_VALUE_ERROR, "field names other than numbers and keywords are "
                                                                "not supported by heaplab");
                i = i * 10 + (size_t)(name[k] - '0');
            }
        }
        if (i >= npos)
            return hl_error_set(rt, HL_EXC_INDEX_ERROR, "Replacement index %zu out of range for positional args tuple", i);
        *out = pos[i];
        return 0;
    }
    size_t nkw = kwnames ? hl_tuple_size(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        hl_value key = hl_tuple_get(kwnames, k);
        if (hl_str_size(key) == n && memcmp(hl_str_data(key), name, n) == 0) {
            *out = kwv[k];
            return 0;
        }
    }
    for (size_t k = 0; k < n; k++)
        if (name[k] == '.' || name[k] == '[')
            return hl_error_set(rt, HL_EXC_VALUE_ERROR, "field names other than numbers and keywords are not "
                                                        "supported by heaplab");
    return hl_error_set(rt, HL_EXC_KEY_ERROR, "'%.*s'", (int)n, name);
}

hl_value hl_str_format_method(hl_runtime *rt, const hl_value *a, size_t nargs, hl_value kwnames)
{
    size_t nkw = kwnames ? hl_tuple_size(kwnames) : 0, npos = nargs - nkw - 1;
    const char *p = hl_str_data(a[0]), *end = p + hl_str_size(a[0]);
    int auto_index = 0, r = 0;
    hl_buf b;
    hl_buf_init(&b, rt);
    while (p < end && r == 0) {
        const char *brace = p;
        while (brace < end && *brace != '{' && *brace != '}')
            brace++;
        r = hl_buf_append(&b, p, (size_t)(brace - p));
        p = brace;
        if (p == end || r)
            break;
        if (p + 1 < end && p[1] == *p) { /* {{ or }} */
            r = hl_buf_putc(&b, *p);
            p += 2;
            continue;
        }
        if (*p == '}') {
            r = hl_error_set(rt, HL_EXC_VALUE_ERROR, "Single '}' encountered in format string");
            break;
        }
        const char *close = memchr(p, '}', (size_t)(end - p));
        if (!close) {
            r = hl_error_set(rt, HL_EXC_VALUE_ERROR, p + 1 == end ? "Single '{' encountered in format string"
                                                                  : "expected '}' before end of string");
            break;
        }
        const char *field = p + 1, *stop = field;
        while (stop < close && *stop != '!' && *stop != ':')
            stop++;
        unsigned conv = 0;
        const char *spec = close;
        if (stop < close && *stop == '!') {
            if (stop + 2 > close || (stop + 2 < close && stop[2] != ':') || !strchr("rsa", stop[1])) {
                r = hl_error_set(rt, HL_EXC_VALUE_ERROR, "Unknown conversion specifier %c", stop + 1 < close ? stop[1] : '}');
                break;
            }
            conv = (unsigned char)stop[1];
            spec = stop + 2 < close ? stop + 3 : close;
        } else if (stop < close) {
            spec = stop + 1;
        }
        if (memchr(spec, '{', (size_t)(close - spec))) {
            r = hl_error_set(rt, HL_EXC_VALUE_ERROR, "nested replacement fields are not supported by heaplab");
            break;
        }
        hl_value v = HL_NOVALUE;
        r = field_value(rt, field, (size_t)(stop - field), a + 1, npos, a + 1 + npos, kwnames, &auto_index, &v);
        if (r == 0)
            r = append_formatted(rt, &b, v, conv, spec, (size_t)(close - spec));
        p = close + 1;
    }
    if (r) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}

/* ---------------------------------------------------------------- printf-style % */

static int percent_error(hl_runtime *rt, const char *fmt, const char *at)
{
    unsigned char c = (unsigned char)*at;
    return hl_error_set(rt, HL_EXC_VALUE_ERROR, "unsupported format character '%c' (0x%x) at index %zu", c, c,
                        (size_t)(at - fmt));
}

/* One conversion of a value by a %-directive, as format() spec text. */
static int percent_one(hl_runtime *rt, hl_buf *b, hl_value v, const char *flags, size_t nflags, int width,
                       int precision, char type)
{
    bool left = memchr(flags, '-', nflags) != NULL, zero = memchr(flags, '0', nflags) != NULL;
    char sign = memchr(flags, '+', nflags) ? '+' : memchr(flags, ' ', nflags) ? ' ' : 0;
    bool alt = memchr(flags, '#', nflags) != NULL;
    bool numeric = strchr("diouxXeEfFgG", type) != NULL;
    char spec[64];
    size_t n = 0;
    if (left)
        spec[n++] = '<';
    else if (!(zero && numeric))
        spec[n++] = '>';
    if (numeric && sign)
        spec[n++] = sign;
    if (alt && strchr("oxX", type))
        spec[n++] = '#';
    if (zero && numeric && !left)
        spec[n++] = '0';
    if (width >= 0)
        n += (size_t)snprintf(spec + n, sizeof spec - n, "%d", width);
    if (precision >= 0 && type != 'c' && !strchr("diouxX", type))
        n += (size_t)snprintf(spec + n, sizeof spec - n, ".%d", precision);
    unsigned conv = 0;
    switch (type) {
    case 's': conv = 's'; break;
    case 'r': case 'a': conv = 'r'; break;
    case 'i': case 'u': spec[n++] = 'd'; break;
    case 'c': break;
    default: spec[n++] = type; break;
    }
    if (strchr("diouxX", type)) {
        if (hl_is_float(v)) { /* %d truncates a float */
            v = hl_type_call(rt, hl_type_value(HL_T_INT), &v, 1, HL_NOVALUE);
            if (!v)
                return -1;
        } else if (!hl_is_int(v) && !hl_is_bool(v)) {
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%%%c format: a%s number is required, not %s", type,
                                type == 'd' || type == 'i' || type == 'u' ? " real" : "n integer",
                                hl_typeof_name(v));
        }
        if (hl_is_bool(v))
            v = hl_int_new(rt, v == HL_TRUE);
    } else if (strchr("eEfFgG", type)) {
        if (!hl_is_float(v) && !hl_is_int(v) && !hl_is_bool(v))
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "must be real number, not %s", hl_typeof_name(v));
        if (!hl_is_float(v)) {
            double d;
            if (hl_number_as_double(rt, v, &d))
                return -1;
            v = hl_float_new(rt, d);
        }
    } else if (type == 'c') {
        hl_value s = hl_is_str(v) && hl_str_length(v) == 1 ? v : HL_NOVALUE;
        if (!s && (hl_is_int(v) || hl_is_bool(v))) {
            char u[4];
            int64_t c = hl_int_fits_int64(v) ? hl_int_get(v) : -1;
            if (c < 0 || c > 0x10FFFF)
                return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
            s = hl_str_new(rt, u, hl_utf8_encode((uint32_t)c, u));
        } else if (!s) {
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%%c requires int or char");
        }
        v = s;
    }
    if (!v)
        return -1;
    return append_formatted(rt, b, v, conv, spec, n);
}

hl_value hl_str_percent(hl_runtime *rt, hl_value fmt, hl_value args)
{
    const hl_value *items = hl_is_tuple(args) ? hl_tuple_items(args) : &args;
    size_t nitems = hl_is_tuple(args) ? hl_tuple_size(args) : 1, next = 0;
    const char *start = hl_str_data(fmt), *p = start, *end = p + hl_str_size(fmt);
    hl_buf b;
    hl_buf_init(&b, rt);
    int r = 0;
    while (p < end && r == 0) {
        const char *pct = memchr(p, '%', (size_t)(end - p));
        if (!pct) {
            r = hl_buf_append(&b, p, (size_t)(end - p));
            break;
        }
        r = hl_buf_append(&b, p, (size_t)(pct - p));
        const char *q = pct + 1;
        if (r)
            break;
        if (q < end && *q == '(') {
            r = hl_error_set(rt, HL_EXC_VALUE_ERROR, "'%%(name)' formatting is not supported by heaplab");
            break;
        }
        const char *flags = q;
        while (q < end && strchr("-+ 0#", *q))
            q++;
        size_t nflags = (size_t)(q - flags);
        int width = -1, precision = -1;
        if (q < end && *q == '*') {
            r = hl_error_set(rt, HL_EXC_VALUE_ERROR, "'*' widths are not supported by heaplab");
            break;
        }
        for (width = isdigit((unsigned char)*q) ? 0 : -1; q < end && isdigit((unsigned char)*q) && width < 100000; q++)
            width = width * 10 + (*q - '0');
        if (q < end && *q == '.') {
            precision = 0;
            for (q++; q < end && isdigit((unsigned char)*q) && precision < 100000; q++)
                precision = precision * 10 + (*q - '0');
        }
        if (q == end) {
            r = hl_error_set(rt, HL_EXC_VALUE_ERROR, "incomplete format");
            break;
        }
        if (*q == '%') {
            r = hl_buf_putc(&b, '%');
        } else if (!strchr("sradiuoxXeEfFgGc", *q)) {
            r = percent_error(rt, start, q);
        } else if (next >= nitems) {
            r = hl_error_set(rt, HL_EXC_TYPE_ERROR, "not enough arguments for format string");
        } else {
            r = percent_one(rt, &b, items[next++], flags, nflags, width, precision, *q);
        }
        p = q + 1;
    }
    if (r == 0 && next < nitems && (hl_is_tuple(args) || next == 0))
        r = hl_error_set(rt, HL_EXC_TYPE_ERROR, "not all arguments converted during string formatting");
    if (r) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}
