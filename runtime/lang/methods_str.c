/* Methods of str, as built-ins whose args[0] is the receiver. Strings are UTF-8; positions
 * that Python reports (find, index) count code points. Case mapping and character classes
 * cover ASCII, plus Unicode letters counting as alphabetic. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <string.h>

#include "../buf.h"
#include "builtins.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"

/* A method's arguments after its receiver: no keywords, min..max of them. */
static int check(hl_runtime *rt, const char *name, size_t nargs, hl_value kwnames, size_t min, size_t max)
{
    return hl_args_simple(rt, name, nargs - 1, kwnames, min, max);
}

static int need_str(hl_runtime *rt, hl_value v, const char *what)
{
    if (hl_is_str(v))
        return 0;
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s, not %s", what, hl_typeof_name(v));
}

static const char *data(hl_value s) { return hl_str_data(s); }
static size_t size(hl_value s) { return hl_str_size(s); }

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Code points in p[0..n). */
static size_t cp_count(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += !is_cont((unsigned char)p[i]);
    return c;
}

/* Byte offset of code point i (clamped to the string). */
static size_t cp_offset(hl_value s, int64_t i)
{
    const char *p = data(s);
    size_t n = size(s), off = 0;
    if (i <= 0)
        return 0;
    while (off < n && i > 0) {
        off++;
        while (off < n && is_cont((unsigned char)p[off]))
            off++;
        i--;
    }
    return off;
}

/* Python's start/end arguments (code points, negative from the end) as byte offsets. */
static int range_args(hl_runtime *rt, hl_value s, const hl_value *extra, size_t nextra, size_t *lo, size_t *hi)
{
    int64_t len = (int64_t)hl_str_length(s), start = 0, end = len;
    if (nextra > 0 && extra[0] != HL_NONE && hl_arg_index(rt, extra[0], &start))
        return -1;
    if (nextra > 1 && extra[1] != HL_NONE && hl_arg_index(rt, extra[1], &end))
        return -1;
    if (start < 0 && (start += len) < 0)
        start = 0;
    if (end < 0 && (end += len) < 0)
        end = 0;
    if (end > len)
        end = len;
    *lo = cp_offset(s, start);
    *hi = start > end ? *lo : cp_offset(s, end);
    if (start > len)
        *lo = size(s) + 1; /* nothing can be found, not even "" */
    return 0;
}

static const char *find_bytes(const char *h, size_t hn, const char *n, size_t nn)
{
    if (nn == 0)
        return h;
    if (nn > hn)
        return NULL;
    return memmem(h, hn, n, nn);
}

static const char *rfind_bytes(const char *h, size_t hn, const char *n, size_t nn)
{
    if (nn > hn)
        return NULL;
    for (size_t i = hn - nn + 1; i-- > 0;)
        if (memcmp(h + i, n, nn) == 0)
            return h + i;
    return NULL;
}

/* find/rfind/index/rindex: the code point index, or -1 (index raises). */
static hl_value finder(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, bool reverse,
                       bool raise)
{
    if (check(rt, name, n, kw, 1, 3) || need_str(rt, a[1], "must be str"))
        return HL_NOVALUE;
    size_t lo, hi;
    if (range_args(rt, a[0], a + 2, n - 2, &lo, &hi))
        return HL_NOVALUE;
    const char *found = NULL;
    if (lo <= hi && lo <= size(a[0]))
        found = (reverse ? rfind_bytes : find_bytes)(data(a[0]) + lo, hi - lo, data(a[1]), size(a[1]));
    if (!found) {
        if (raise) {
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "substring not found");
            return HL_NOVALUE;
        }
        return hl_int_new(rt, -1);
    }
    return hl_int_new(rt, (int64_t)cp_count(data(a[0]), (size_t)(found - data(a[0]))));
}

static hl_value s_find(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return finder(rt, a, n, kw, "find", false, false);
}
static hl_value s_rfind(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return finder(rt, a, n, kw, "rfind", true, false);
}
static hl_value s_index(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return finder(rt, a, n, kw, "index", false, true);
}
static hl_value s_rindex(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return finder(rt, a, n, kw, "rindex", true, true);
}

static hl_value s_count(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "count", n, kw, 1, 3) || need_str(rt, a[1], "must be str"))
        return HL_NOVALUE;
    size_t lo, hi;
    if (range_args(rt, a[0], a + 2, n - 2, &lo, &hi))
        return HL_NOVALUE;
    if (lo > hi || lo > size(a[0]))
        return hl_int_new(rt, 0);
    size_t nn = size(a[1]);
    if (nn == 0)
        return hl_int_new(rt, (int64_t)cp_count(data(a[0]) + lo, hi - lo) + 1);
    int64_t c = 0;
    const char *p = data(a[0]) + lo, *end = data(a[0]) + hi, *f;
    while ((f = find_bytes(p, (size_t)(end - p), data(a[1]), nn))) {
        c++;
        p = f + nn;
    }
    return hl_int_new(rt, c);
}

/* ---------------------------------------------------------------- affixes */

static int has_affix(hl_value s, hl_value affix, size_t lo, size_t hi, bool suffix)
{
    size_t an = size(affix);
    if (hi < lo || hi - lo < an)
        return 0;
    const char *p = suffix ? data(s) + hi - an : data(s) + lo;
    return memcmp(p, data(affix), an) == 0;
}

static hl_value affix(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, bool suffix)
{
    if (check(rt, name, n, kw, 1, 3))
        return HL_NOVALUE;
    size_t lo, hi;
    if (range_args(rt, a[0], a + 2, n - 2, &lo, &hi))
        return HL_NOVALUE;
    if (lo > size(a[0]))
        return HL_FALSE;
    if (hl_is_str(a[1]))
        return hl_bool(has_affix(a[0], a[1], lo, hi, suffix));
    if (hl_is_tuple(a[1])) {
        for (size_t i = 0; i < hl_tuple_size(a[1]); i++) {
            hl_value x = hl_tuple_get(a[1], i);
            if (!hl_is_str(x)) {
                hl_error_set(rt, HL_EXC_TYPE_ERROR, "tuple for %s must only contain str, not %s", name,
                             hl_typeof_name(x));
                return HL_NOVALUE;
            }
            if (has_affix(a[0], x, lo, hi, suffix))
                return HL_TRUE;
        }
        return HL_FALSE;
    }
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s first arg must be str or a tuple of str, not %s", name,
                 hl_typeof_name(a[1]));
    return HL_NOVALUE;
}

static hl_value s_startswith(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return affix(rt, a, n, kw, "startswith", false);
}
static hl_value s_endswith(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return affix(rt, a, n, kw, "endswith", true);
}

/* ---------------------------------------------------------------- whitespace and strip */

/* Python's whitespace, ASCII plus the common Unicode spaces; returns its size in bytes or 0. */
static size_t space_at(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F))
        return 1;
    if (end - p >= 2 && c == 0xC2 && ((unsigned char)p[1] == 0x85 || (unsigned char)p[1] == 0xA0))
        return 2;
    if (end - p >= 3 && c == 0xE3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x80)
        return 3;
    if (end - p >= 3 && c == 0xE2 && (unsigned char)p[1] == 0x80 &&
        (((unsigned char)p[2] >= 0x80 && (unsigned char)p[2] <= 0x8A) || (unsigned char)p[2] == 0xA8 ||
         (unsigned char)p[2] == 0xA9 || (unsigned char)p[2] == 0xAF))
        return 3;
    return 0;
}

/* The size of the character ending at end (one before it), backwards. */
static size_t char_before(const char *start, const char *end)
{
    const char *p = end - 1;
    while (p > start && is_cont((unsigned char)*p))
        p--;
    return (size_t)(end - p);
}

static bool in_chars(hl_value chars, const char *p, size_t n)
{
    const char *c = data(chars), *end = c + size(chars);
    while (c < end) {
        size_t k = 1;
        while (c + k < end && is_cont((unsigned char)c[k]))
            k++;
        if (k == n && memcmp(c, p, n) == 0)
            return true;
        c += k;
    }
    return false;
}

static hl_value strip(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, bool left, bool right)
{
    if (check(rt, name, n, kw, 0, 1))
        return HL_NOVALUE;
    hl_value chars = n == 2 && a[1] != HL_NONE ? a[1] : HL_NOVALUE;
    if (chars && need_str(rt, chars, name[0] == 's' ? "strip arg must be None or str"
                                      : name[0] == 'l' ? "lstrip arg must be None or str"
                                                       : "rstrip arg must be None or str"))
        return HL_NOVALUE;
    const char *p = data(a[0]), *end = p + size(a[0]);
    while (left && p < end) {
        size_t k = 1;
        while (p + k < end && is_cont((unsigned char)p[k]))
            k++;
        if (chars ? !in_chars(chars, p, k) : !space_at(p, end))
            break;
        p += k;
    }
    while (right && end > p) {
        size_t k = char_before(p, end);
        if (chars ? !in_chars(chars, end - k, k) : !space_at(end - k, end))
            break;
        end -= k;
    }
    if (p == data(a[0]) && end == p + size(a[0]))
        return a[0];
    return hl_str_new(rt, p, (size_t)(end - p));
}

static hl_value s_strip(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return strip(rt, a, n, kw, "strip", true, true);
}
static hl_value s_lstrip(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return strip(rt, a, n, kw, "lstrip", true, false);
}
static hl_value s_rstrip(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return strip(rt, a, n, kw, "rstrip", false, true);
}

/* ---------------------------------------------------------------- split and join */

static int append_piece(hl_runtime *rt, hl_value list, const char *p, size_t n)
{
    hl_value s = hl_str_new(rt, p, n);
    return s ? hl_list_append(rt, list, s) : -1;
}

static hl_value split(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, bool reverse)
{
    static const char *const kws[] = {"sep", "maxsplit", NULL};
    hl_value opts[2];
    const char *name = reverse ? "rsplit" : "split";
    if (hl_args_kw(rt, name, a, n, kw, kws, opts))
        return HL_NOVALUE;
    size_t npos = n - (kw ? hl_tuple_size(kw) : 0);
    if (hl_args_count(rt, name, npos - 1, 0, 2))
        return HL_NOVALUE;
    hl_value sep = npos > 1 ? a[1] : opts[0];
    hl_value maxv = npos > 2 ? a[2] : opts[1];
    int64_t max = -1;
    if (maxv && hl_arg_index(rt, maxv, &max))
        return HL_NOVALUE;
    if (sep == HL_NONE)
        sep = HL_NOVALUE;
    if (sep && need_str(rt, sep, "must be str or None"))
        return HL_NOVALUE;
    if (sep && size(sep) == 0) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "empty separator");
        return HL_NOVALUE;
    }
    hl_value self = a[0];
    hl_value list = hl_list_new(rt, 0);
    if (!list)
        return HL_NOVALUE;
    hl_rt_root(rt, &list);
    int r = 0;
    const char *start = data(self), *end = start + size(self);
    if (!sep) { /* runs of whitespace; no empty pieces */
        if (!reverse) {
            const char *p = start;
            while (r == 0) {
                while (p < end && space_at(p, end))
                    p += space_at(p, end);
                if (p == end)
                    break;
                if (max >= 0 && (int64_t)hl_list_size(list) == max) {
                    const char *q = end;
                    while (q > p && space_at(q - char_before(p, q), end))
                        q -= char_before(p, q);
                    r = append_piece(rt, list, p, (size_t)(q - p));
                    break;
                }
                const char *q = p;
                while (q < end && !space_at(q, end))
                    q++;
                r = append_piece(rt, list, p, (size_t)(q - p));
                p = q;
            }
        } else {
            const char *q = end;
            while (r == 0) {
                while (q > start && space_at(q - char_before(start, q), end))
                    q -= char_before(start, q);
                if (q == start)
                    break;
                if (max >= 0 && (int64_t)hl_list_size(list) == max) {
                    const char *p = start;
                    while (p < q && space_at(p, end))
                        p += space_at(p, end);
                    r = append_piece(rt, list, p, (size_t)(q - p));
                    break;
                }
                const char *p = q;
                while (p > start && !space_at(p - char_before(start, p), end))
                    p -= char_before(start, p);
                r = append_piece(rt, list, p, (size_t)(q - p));
                q = p;
            }
            if (r == 0)
                r = hl_list_reverse(rt, list);
        }
    } else {
        size_t sn = size(sep);
        if (!reverse) {
            const char *p = start, *f;
            while (r == 0 && (max < 0 || (int64_t)hl_list_size(list) < max) &&
                   (f = find_bytes(p, (size_t)(end - p), data(sep), sn))) {
                r = append_piece(rt, list, p, (size_t)(f - p));
                p = f + sn;
            }
            if (r == 0)
                r = append_piece(rt, list, p, (size_t)(end - p));
        } else {
            const char *q = end, *f;
            while (r == 0 && (max < 0 || (int64_t)hl_list_size(list) < max) &&
                   (f = rfind_bytes(start, (size_t)(q - start), data(sep), sn))) {
                r = append_piece(rt, list, f + sn, (size_t)(q - f - sn));
                q = f;
            }
            if (r == 0)
                r = append_piece(rt, list, start, (size_t)(q - start));
            if (r == 0)
                r = hl_list_reverse(rt, list);
        }
    }
    hl_rt_unroot(rt, 1);
    return r ? HL_NOVALUE : list;
}

static hl_value s_split(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return split(rt, a, n, kw, false); }
static hl_value s_rsplit(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return split(rt, a, n, kw, true); }

static hl_value s_splitlines(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "splitlines", n, kw, 0, 0))
        return HL_NOVALUE;
    hl_value self = a[0];
    hl_value list = hl_list_new(rt, 0);
    if (!list)
        return HL_NOVALUE;
    hl_rt_root(rt, &list);
    const char *p = data(self), *end = p + size(self);
    int r = 0;
    while (p < end && r == 0) {
        const char *q = p;
        while (q < end && *q != '\n' && *q != '\r')
            q++;
        r = append_piece(rt, list, p, (size_t)(q - p));
        if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
            q++;
        p = q + 1;
    }
    hl_rt_unroot(rt, 1);
    return r ? HL_NOVALUE : list;
}

static hl_value s_join(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (check(rt, "str.join", n, kw, 1, 1))
        return HL_NOVALUE;
    hl_value items = hl_lang_list_of(rt, a[1]);
    if (!items) {
        if (hl_error_type(rt) == HL_EXC_TYPE_ERROR)
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "can only join an iterable");
        return HL_NOVALUE;
    }
    hl_rt_root(rt, &items);
    hl_buf b;
    hl_buf_init(&b, rt);
    int r = 0;
    for (size_t i = 0; i < hl_list_size(items) && r == 0; i++) {
        hl_value s = hl_list_items(items)[i];
        if (!hl_is_str(s)) {
            r = hl_error_set(rt, HL_EXC_TYPE_ERROR, "sequence item %zu: expected str instance, %s found", i,
                             hl_typeof_name(s));
            break;
        }
        if (i)
            r = hl_buf_append(&b, data(a[0]), size(a[0]));
        if (r == 0)
            r = hl_buf_append(&b, data(s), size(s));
    }
    hl_value out = r ? HL_NOVALUE : hl_buf_to_str(&b);
    if (r)
        hl_buf_release(&b);
    hl_rt_unroot(rt, 1);
    return out;
}

static hl_value s_replace(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    int64_t max = -1;
    if (check(rt, "replace", n, kw, 2, 3) || need_str(rt, a[1], "replace() argument 1 must be str") ||
        need_str(rt, a[2], "replace() argument 2 must be str") || (n == 4 && hl_arg_index(rt, a[3], &max)))
        return HL_NOVALUE;
    const char *p = data(a[0]), *end = p + size(a[0]);
    size_t on = size(a[1]);
    hl_buf b;
    hl_buf_init(&b, rt);
    int r = 0;
    int64_t done = 0;
    if (on == 0) { /* between every character, and at both ends */
        while (r == 0 && (max < 0 || done < max)) {
            r = hl_buf_append(&b, data(a[2]), size(a[2]));
            done++;
            if (p == end)
                break;
            size_t k = 1;
            while (p + k < end && is_cont((unsigned char)p[k]))
                k++;
            if (r == 0)
                r = hl_buf_append(&b, p, k);
            p += k;
        }
    } else {
        const char *f;
        while (r == 0 && (max < 0 || done < max) && (f = find_bytes(p, (size_t)(end - p), data(a[1]), on))) {
            r = hl_buf_append(&b, p, (size_t)(f - p));
            if (r == 0)
                r = hl_buf_append(&b, data(a[2]), size(a[2]));
            p = f + on;
            done++;
        }
    }
    if (r == 0)
        r = hl_buf_append(&b, p, (size_t)(end - p));
    if (r) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}

/* ---------------------------------------------------------------- case */

typedef enum { UPPER, LOWER, CAPITALIZE, TITLE, SWAPCASE } case_op;

/* Simple case mapping for the scripts teaching texts use: ASCII, Latin-1, Latin
 * Extended-A, Greek and Cyrillic (CPython maps all of Unicode). 0 when c has no mapping. */
static uint32_t to_upper(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return c - 32;
    if (c == 0xFF)
        return 0x178;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149) {
        bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_upper ? (c & 1) == 0 : (c & 1) == 1)
            return c - 1;
        return 0;
    }
    if (c >= 0x3B1 && c <= 0x3C9)
        return c == 0x3C2 ? 0x3A3 : c - 32;
    if (c >= 0x430 && c <= 0x44F)
        return c - 32;
    if (c >= 0x450 && c <= 0x45F)
        return c - 80;
    return 0;
}

static uint32_t to_lower(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149) {
        bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_upper ? (c & 1) == 1 : (c & 1) == 0)
            return c + 1;
        return 0;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return 0;
}

static size_t decode(const unsigned char *p, size_t n, uint32_t *c)
{
    if (p[0] < 0x80 || n < 2) {
        *c = p[0];
        return 1;
    }
    if (p[0] < 0xE0) {
        *c = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
        return 2;
    }
    if (p[0] < 0xF0 || n < 4) {
        *c = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        return 3;
    }
    *c = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
    return 4;
}

static int put_char(hl_buf *b, uint32_t c)
{
    char u[4];
    return hl_buf_append(b, u, hl_utf8_encode(c, u));
}

static hl_value recase(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, case_op op)
{
    if (check(rt, name, n, kw, 0, 0))
        return HL_NOVALUE;
    hl_buf b;
    hl_buf_init(&b, rt);
    const unsigned char *p = (const unsigned char *)data(a[0]);
    size_t len = size(a[0]);
    bool word_start = true;
    int r = 0;
    for (size_t i = 0; i < len && r == 0;) {
        uint32_t c, up, low;
        i += decode(p + i, len - i, &c);
        up = to_upper(c);
        low = to_lower(c);
        bool cased = up || low || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c < 0x250) || (c >= 0x370 && c < 0x530);
        bool upper = op == UPPER || ((op == CAPITALIZE || op == TITLE) && word_start) || (op == SWAPCASE && low);
        if (op == CAPITALIZE)
            word_start = false;
        else if (op == TITLE)
            word_start = !cased;
        if (upper && c == 0xDF) /* German sharp s has no one-letter capital */
            r = hl_buf_puts(&b, "SS");
        else
            r = put_char(&b, upper ? (up ? up : c) : (low ? low : c));
    }
    if (r) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}

static hl_value s_upper(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return recase(rt, a, n, kw, "upper", UPPER); }
static hl_value s_lower(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return recase(rt, a, n, kw, "lower", LOWER); }
static hl_value s_capitalize(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return recase(rt, a, n, kw, "capitalize", CAPITALIZE);
}
static hl_value s_title(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return recase(rt, a, n, kw, "title", TITLE); }
static hl_value s_swapcase(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return recase(rt, a, n, kw, "swapcase", SWAPCASE);
}

/* ---------------------------------------------------------------- classes */

typedef enum { DIGIT, ALPHA, ALNUM, SPACE, UPPERS, LOWERS } char_class;

static hl_value classify(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, char_class cls)
{
    if (check(rt, name, n, kw, 0, 0))
        return HL_NOVALUE;
    const char *p = data(a[0]), *end = p + size(a[0]);
    if (p == end)
        return HL_FALSE;
    bool cased = false;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        size_t k = 1;
        while (p + k < end && is_cont((unsigned char)p[k]))
            k++;
        bool ok;
        switch (cls) {
        case DIGIT: ok = isdigit(c); break;
        case ALPHA: ok = isalpha(c) || c >= 0x80; break;
        case ALNUM: ok = isalnum(c) || c >= 0x80; break;
        case SPACE: ok = space_at(p, end) != 0; break;
        case UPPERS: ok = !islower(c); cased |= isupper(c) != 0; break;
        default: ok = !isupper(c); cased |= islower(c) != 0; break;
        }
        if (!ok)
            return HL_FALSE;
        p += k;
    }
    return hl_bool(cls == UPPERS || cls == LOWERS ? cased : true);
}

static hl_value s_isdigit(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return classify(rt, a, n, kw, "isdigit", DIGIT); }
static hl_value s_isalpha(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return classify(rt, a, n, kw, "isalpha", ALPHA); }
static hl_value s_isalnum(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return classify(rt, a, n, kw, "isalnum", ALNUM); }
static hl_value s_isspace(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return classify(rt, a, n, kw, "isspace", SPACE); }
static hl_value s_isupper(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return classify(rt, a, n, kw, "isupper", UPPERS); }
static hl_value s_islower(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return classify(rt, a, n, kw, "islower", LOWERS); }

/* ---------------------------------------------------------------- padding */

static hl_value pad(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw, const char *name, int where)
{
    int64_t width;
    if (check(rt, name, n, kw, 1, 2) || hl_arg_index(rt, a[1], &width))
        return HL_NOVALUE;
    const char *fill = " ";
    size_t fill_size = 1;
    if (n == 3) {
        if (!hl_is_str(a[2]) || hl_str_length(a[2]) != 1) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "The fill character must be exactly one character long");
            return HL_NOVALUE;
        }
        fill = data(a[2]);
        fill_size = size(a[2]);
    }
    int64_t len = (int64_t)hl_str_length(a[0]);
    if (width <= len)
        return a[0];
    int64_t total = width - len, left = where < 0 ? 0 : where > 0 ? total : total / 2 + (total & width & 1);
    hl_buf b;
    hl_buf_init(&b, rt);
    int r = 0;
    for (int64_t i = 0; i < left && r == 0; i++)
        r = hl_buf_append(&b, fill, fill_size);
    if (r == 0)
        r = hl_buf_append(&b, data(a[0]), size(a[0]));
    for (int64_t i = left; i < total && r == 0; i++)
        r = hl_buf_append(&b, fill, fill_size);
    if (r) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}

static hl_value s_ljust(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return pad(rt, a, n, kw, "ljust", -1); }
static hl_value s_rjust(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return pad(rt, a, n, kw, "rjust", 1); }
static hl_value s_center(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw) { return pad(rt, a, n, kw, "center", 0); }

static hl_value s_zfill(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    int64_t width;
    if (check(rt, "zfill", n, kw, 1, 1) || hl_arg_index(rt, a[1], &width))
        return HL_NOVALUE;
    int64_t len = (int64_t)hl_str_length(a[0]);
    if (width <= len)
        return a[0];
    const char *p = data(a[0]);
    bool sign = *p == '+' || *p == '-';
    hl_buf b;
    hl_buf_init(&b, rt);
    int r = sign ? hl_buf_putc(&b, *p) : 0;
    for (int64_t i = 0; i < width - len && r == 0; i++)
        r = hl_buf_putc(&b, '0');
    if (r == 0)
        r = hl_buf_append(&b, p + sign, size(a[0]) - sign);
    if (r) {
        hl_buf_release(&b);
        return HL_NOVALUE;
    }
    return hl_buf_to_str(&b);
}

static hl_value s_format(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return hl_str_format_method(rt, a, n, kw);
}

const hl_builtin hl_methods_str[] = {
    {"split", s_split},         {"rsplit", s_rsplit},       {"splitlines", s_splitlines}, {"join", s_join},
    {"strip", s_strip},         {"lstrip", s_lstrip},       {"rstrip", s_rstrip},         {"upper", s_upper},
    {"lower", s_lower},         {"capitalize", s_capitalize}, {"title", s_title},         {"swapcase", s_swapcase},
    {"replace", s_replace},     {"find", s_find},           {"rfind", s_rfind},           {"index", s_index},
    {"rindex", s_rindex},       {"count", s_count},         {"startswith", s_startswith}, {"endswith", s_endswith},
    {"isdigit", s_isdigit},     {"isalpha", s_isalpha},     {"isalnum", s_isalnum},       {"isspace", s_isspace},
    {"isupper", s_isupper},     {"islower", s_islower},     {"zfill", s_zfill},           {"ljust", s_ljust},
    {"rjust", s_rjust},         {"center", s_center},       {"format", s_format},       {NULL, NULL},
};
