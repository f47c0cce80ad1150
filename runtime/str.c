/* strs: immutable UTF-8 with the length in code points and a cached hash.
 *
 * A scalar type: calls intern.c, seq.c, buf.c, hash.c, the collector (gc.c, gc_roots.c),
 * type.c and error.c. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "heaplab/error.h"
#include "heaplab/str.h"
#include "intern.h"
#include "seq.h"
#include "type.h"

static size_t str_size(const hl_object *o) { return sizeof(hl_str_obj) + ((const hl_str_obj *)o)->size + 1; }

/* Code points Python's repr escapes besides ASCII controls: C1 controls, and the separators
 * and format characters of the ranges below (Unicode categories Z*, Cf, Cs, Co). An
 * approximation of Python's isprintable for the ranges teaching text meets. */
static bool unicode_printable(uint32_t c)
{
    if (c < 0xA0)
        return false;
    if (c == 0xA0 || c == 0xAD || c == 0x1680 || (c >= 0x2000 && c <= 0x200F) ||
        (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
        (c >= 0xD800 && c <= 0xF8FF) || c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFF) ||
        c >= 0xF0000)
        return false;
    return true;
}

static int str_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    const hl_str_obj *s = HL_AS(hl_str_obj, v);
    /* CPython's choice: single quotes unless the text has ' and no ". */
    char quote = memchr(s->data, '\'', s->size) && !memchr(s->data, '"', s->size) ? '"' : '\'';
    if (hl_buf_reserve(b, s->size + 2))
        return -1;
    hl_buf_putc(b, quote);
    for (const char *p = s->data, *end = s->data + s->size; p < end;) {
        const char *start = p;
        uint32_t c = hl_utf8_next(&p);
        int r;
        if (c == (uint32_t)quote || c == '\\')
            r = hl_buf_printf(b, "\\%c", (char)c);
        else if (c == '\t')
            r = hl_buf_puts(b, "\\t");
        else if (c == '\n')
            r = hl_buf_puts(b, "\\n");
        else if (c == '\r')
            r = hl_buf_puts(b, "\\r");
        else if (c < 0x20 || c == 0x7F)
            r = hl_buf_printf(b, "\\x%02x", c);
        else if (c < 0x7F)
            r = hl_buf_putc(b, (char)c);
        else if (unicode_printable(c))
            r = hl_buf_append(b, start, (size_t)(p - start));
        else if (c <= 0xFF)
            r = hl_buf_printf(b, "\\x%02x", c);
        else if (c <= 0xFFFF)
            r = hl_buf_printf(b, "\\u%04x", c);
        else
            r = hl_buf_printf(b, "\\U%08x", c);
        if (r)
            return -1;
    }
    return hl_buf_putc(b, quote);
}

static int str_hash(hl_runtime *rt, hl_value v, int64_t *out)
{
    (void)rt;
    *out = hl_str_hash(HL_AS(hl_str_obj, v));
    return 0;
}

static int str_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    (void)rt;
    return hl_str_eq(a, b);
}

static hl_value str_make(hl_runtime *rt, const char *data, size_t size, size_t length);

/* Each code point as a one-character str. */
static int str_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    int r = 0;
    hl_value ch = HL_NOVALUE; /* rooted: alive for the whole call, as hl_foreach_fn promises */
    hl_rt_root(rt, &v);
    hl_rt_root(rt, &ch);
    for (size_t off = 0; off < hl_str_size(v) && r == 0;) {
        const char *p = hl_str_data(v) + off;
        hl_utf8_next(&p);
        size_t n = (size_t)(p - hl_str_data(v)) - off;
        ch = str_make(rt, hl_str_data(v) + off, n, 1);
        r = ch ? fn(rt, ch, ctx) : -1;
        off += n;
    }
    hl_rt_unroot(rt, 2);
    return r < 0 ? -1 : 0;
}

static size_t str_len(hl_value v) { return hl_str_length(v); }

const hl_type_info hl_str_type = {
    .name = "str",
    .size = str_size,
    .repr = str_repr,
    .hash = str_hash,
    .eq = str_eq,
    .foreach = str_foreach,
    .len = str_len,
};

/* Length in code points if s is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF),
 * else -1. *ascii tells whether every byte is ASCII. */
static int64_t utf8_length(const unsigned char *s, size_t size, bool *ascii)
{
    int64_t n = 0;
    *ascii = true;
    for (size_t i = 0; i < size; n++) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        *ascii = false;
        size_t extra;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return -1;
        }
        for (size_t k = 1; k <= extra; k++) {
            if (i + k >= size || (s[i + k] & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        i += extra + 1;
    }
    return n;
}

/* A new str from bytes known to be valid UTF-8 with this many code points. */
static hl_value str_make(hl_runtime *rt, const char *data, size_t size, size_t length)
{
    if (size > SIZE_MAX / 2)
        return hl_error_nomem(rt), HL_NOVALUE;
    hl_str_obj *s = (hl_str_obj *)hl_gc_new(rt, HL_T_STR, sizeof(hl_str_obj) + size + 1);
    if (!s)
        return HL_NOVALUE;
    s->size = size;
    s->length = length;
    s->hash = -1;
    if (size == length)
        s->h.flags |= HL_OBJ_ASCII;
    if (data)
        memcpy(s->data, data, size);
    s->data[size] = '\0';
    return hl_val(s);
}

hl_value hl_str_new(hl_runtime *rt, const char *utf8, size_t size)
{
    bool ascii;
    int64_t length = utf8 || !size ? utf8_length((const unsigned char *)utf8, size, &ascii) : -1;
    if (length < 0) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "invalid UTF-8 in string data");
        return HL_NOVALUE;
    }
    return str_make(rt, utf8, size, (size_t)length);
}

hl_value hl_str_from_cstr(hl_runtime *rt, const char *utf8)
{
    if (!utf8) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "NULL string");
        return HL_NOVALUE;
    }
    return hl_str_new(rt, utf8, strlen(utf8));
}

hl_value hl_buf_to_str(hl_buf *b)
{
    hl_value s = hl_str_new(b->rt, b->data, b->size);
    hl_buf_release(b);
    return s;
}

hl_value hl_str_intern_cstr(hl_runtime *rt, const char *utf8)
{
    if (!utf8)
        return hl_str_from_cstr(rt, utf8); /* its error */
    size_t size = strlen(utf8);
    hl_value found = hl_intern_find(rt, utf8, size, hl_hash_utf8(utf8, size));
    if (found)
        return found;
    hl_value s = hl_str_new(rt, utf8, size);
    return s ? hl_str_intern(rt, s) : HL_NOVALUE;
}

hl_value hl_str_format(hl_runtime *rt, const char *fmt, ...)
{
    hl_buf b;
    hl_buf_init(&b, rt);
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        hl_buf_release(&b);
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "bad format string");
        return HL_NOVALUE;
    }
    if ((size_t)n < sizeof small) {
        hl_buf_release(&b);
        return hl_str_new(rt, small, (size_t)n);
    }
    if (hl_buf_reserve(&b, (size_t)n + 1)) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    va_start(ap, fmt);
    vsnprintf(b.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b.size = (size_t)n;
    return hl_buf_to_str(&b);
}

bool hl_is_str(hl_value v) { return hl_is_obj_of(v, HL_T_STR); }
const char *hl_str_data(hl_value s) { return HL_AS(hl_str_obj, s)->data; }
size_t hl_str_size(hl_value s) { return HL_AS(hl_str_obj, s)->size; }
size_t hl_str_length(hl_value s) { return HL_AS(hl_str_obj, s)->length; }
bool hl_str_is_interned(hl_value s) { return (hl_obj(s)->flags & HL_OBJ_INTERNED) != 0; }

/* Byte offset of code point i (0 <= i <= length). */
static size_t offset_of(const hl_str_obj *s, size_t i)
{
    if (s->h.flags & HL_OBJ_ASCII)
        return i;
    const char *p = s->data;
    while (i--)
        hl_utf8_next(&p);
    return (size_t)(p - s->data);
}

hl_value hl_str_getitem(hl_runtime *rt, hl_value sv, int64_t i)
{
    if (hl_arg_not(rt, sv, HL_T_STR, __func__))
        return HL_NOVALUE;
    const hl_str_obj *s = HL_AS(hl_str_obj, sv);
    int64_t k = hl_seq_index(rt, i, s->length, "string index out of range");
    if (k < 0)
        return HL_NOVALUE;
    size_t at = offset_of(s, (size_t)k);
    const char *p = s->data + at;
    hl_utf8_next(&p);
    hl_rt_root(rt, &sv); /* the new str's bytes are copied from it after the allocation */
    hl_value r = str_make(rt, s->data + at, (size_t)(p - s->data) - at, 1);
    hl_rt_unroot(rt, 1);
    return r;
}

hl_value hl_str_slice(hl_runtime *rt, hl_value sv, int64_t start, int64_t stop, int64_t step)
{
    if (hl_arg_not(rt, sv, HL_T_STR, __func__))
        return HL_NOVALUE;
    int64_t n = hl_seq_slice(rt, HL_AS(hl_str_obj, sv)->length, &start, &stop, step);
    if (n < 0)
        return HL_NOVALUE;
    hl_rt_root(rt, &sv);
    hl_value r;
    const hl_str_obj *s = HL_AS(hl_str_obj, sv);
    if (step == 1) {
        size_t from = offset_of(s, (size_t)start), to = n ? offset_of(s, (size_t)stop) : from;
        r = str_make(rt, s->data + from, to - from, (size_t)n);
    } else {
        /* Gather the selected code points; at most 4 bytes each. */
        hl_buf b;
        hl_buf_init(&b, rt);
        r = HL_NOVALUE;
        if (hl_buf_reserve(&b, (size_t)n * 4) == 0) {
            s = HL_AS(hl_str_obj, sv);
            for (int64_t k = 0, i = start; k < n; k++, i += step) {
                size_t at = offset_of(s, (size_t)i);
                const char *p = s->data + at;
                hl_utf8_next(&p);
                hl_buf_append(&b, s->data + at, (size_t)(p - s->data) - at);
            }
            r = str_make(rt, b.data, b.size, (size_t)n);
        }
        hl_buf_release(&b);
    }
    hl_rt_unroot(rt, 1);
    return r;
}

hl_value hl_str_concat(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_STR, __func__) || hl_arg_not(rt, b, HL_T_STR, __func__))
        return HL_NOVALUE;
    size_t na = hl_str_size(a), nb = hl_str_size(b);
    if (nb == 0 || na == 0) /* CPython: s + '' is s, and '' + s is s */
        return nb == 0 ? a : b;
    hl_rt_root(rt, &a);
    hl_rt_root(rt, &b);
    hl_value r = str_make(rt, NULL, na + nb, hl_str_length(a) + hl_str_length(b));
    hl_rt_unroot(rt, 2);
    if (!r)
        return HL_NOVALUE;
    hl_str_obj *s = HL_AS(hl_str_obj, r);
    memcpy(s->data, hl_str_data(a), na);
    memcpy(s->data + na, hl_str_data(b), nb);
    if (!(hl_obj(a)->flags & hl_obj(b)->flags & HL_OBJ_ASCII))
        s->h.flags &= (uint16_t)~HL_OBJ_ASCII;
    return r;
}

hl_value hl_str_repeat(hl_runtime *rt, hl_value sv, int64_t times)
{
    if (hl_arg_not(rt, sv, HL_T_STR, __func__))
        return HL_NOVALUE;
    if (times == 1) /* CPython: s * 1 is s */
        return sv;
    if (times < 0)
        times = 0;
    size_t size = hl_str_size(sv);
    if (size && (uint64_t)times > (SIZE_MAX / 4) / size)
        return hl_error_nomem(rt), HL_NOVALUE;
    hl_rt_root(rt, &sv);
    hl_value r = str_make(rt, NULL, size * (size_t)times, hl_str_length(sv) * (size_t)times);
    hl_rt_unroot(rt, 1);
    if (!r)
        return HL_NOVALUE;
    hl_str_obj *s = HL_AS(hl_str_obj, r);
    for (int64_t i = 0; i < times; i++)
        memcpy(s->data + (size_t)i * size, hl_str_data(sv), size);
    if (!(hl_obj(sv)->flags & HL_OBJ_ASCII))
        s->h.flags &= (uint16_t)~HL_OBJ_ASCII;
    return r;
}

int hl_str_contains(hl_runtime *rt, hl_value haystack, hl_value needle)
{
    if (hl_arg_not(rt, haystack, HL_T_STR, __func__) || hl_arg_not(rt, needle, HL_T_STR, __func__))
        return -1;
    return memmem(hl_str_data(haystack), hl_str_size(haystack), hl_str_data(needle), hl_str_size(needle)) != NULL;
}

int hl_str_cmp(hl_value a, hl_value b)
{
    size_t na = hl_str_size(a), nb = hl_str_size(b);
    int c = memcmp(hl_str_data(a), hl_str_data(b), na < nb ? na : nb);
    if (c)
        return c < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

bool hl_str_eq(hl_value a, hl_value b)
{
    if (a == b)
        return true;
    const hl_str_obj *x = HL_AS(hl_str_obj, a), *y = HL_AS(hl_str_obj, b);
    if (x->size != y->size || (x->hash != -1 && y->hash != -1 && x->hash != y->hash))
        return false;
    return memcmp(x->data, y->data, x->size) == 0;
}

bool hl_str_eq_cstr(hl_value a, const char *utf8)
{
    size_t n = strlen(utf8);
    return hl_str_size(a) == n && memcmp(hl_str_data(a), utf8, n) == 0;
}
