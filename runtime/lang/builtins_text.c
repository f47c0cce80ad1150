/* lang/builtins_text.c: the built-ins that print or make text: print (sep, end, file-less),
 * repr, format, chr and ord. Calls the runtime's repr and str API and format.c. */
#include "builtins_internal.h"

#include "../type.h"
#include "heaplab/int.h"
#include "heaplab/str.h"
#include "vm.h"

/* ---------------------------------------------------------------- print */

hl_value hl_bi_print(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    static const char *const kws[] = {"sep", "end", "flush", NULL};
    hl_value kw[3];
    if (hl_args_kw(rt, "print", args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    const char *sep = " ", *end = "\n";
    for (int i = 0; i < 2; i++) {
        if (kw[i] && kw[i] != HL_NONE && !hl_is_str(kw[i])) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s must be None or a string, not %s", kws[i], hl_typeof_name(kw[i]));
            return HL_NOVALUE;
        }
    }
    if (kw[0] && kw[0] != HL_NONE)
        sep = hl_str_data(kw[0]);
    if (kw[1] && kw[1] != HL_NONE)
        end = hl_str_data(kw[1]);
    size_t n = nargs - nkw_of(kwnames);
    hl_buf b;
    hl_buf_init(&b, rt);
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++) {
        if (i)
            r = hl_buf_puts(&b, sep);
        if (r == 0) {
            if (hl_is_str(args[i]))
                r = hl_buf_append(&b, hl_str_data(args[i]), hl_str_size(args[i]));
            else
                r = hl_repr_into(rt, args[i], &b);
        }
    }
    if (r == 0)
        r = hl_buf_puts(&b, end);
    if (r == 0)
        fwrite(b.data, 1, b.size, stdout);
    hl_buf_release(&b);
    if (r == 0 && kw[2] && kw[2] != HL_FALSE)
        fflush(stdout);
    return hl_none_or_fail(r);
}

hl_value hl_bi_repr(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "repr", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_repr(rt, args[0]);
}

hl_value hl_bi_chr(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    int64_t c = 0;
    if (hl_args_simple(rt, "chr", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    bool past_int64 = hl_is_int(args[0]) && !hl_int_fits_int64(args[0]);
    if (!past_int64 && hl_arg_index(rt, args[0], &c))
        return HL_NOVALUE;
    if (past_int64 || c < INT32_MIN || c > INT32_MAX) /* CPython reads a C int */
        return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C int"), HL_NOVALUE;
    if (c < 0 || c > 0x10FFFF) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
        return HL_NOVALUE;
    }
    char buf[4];
    size_t n = hl_utf8_encode((uint32_t)c, buf);
    return hl_str_new(rt, buf, n);
}

hl_value hl_bi_ord(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "ord", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    if (!hl_is_str(args[0])) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "ord() expected string of length 1, but %s found", hl_typeof_name(args[0]));
        return HL_NOVALUE;
    }
    if (hl_str_length(args[0]) != 1) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "ord() expected a character, but string of length %zu found",
                     hl_str_length(args[0]));
        return HL_NOVALUE;
    }
    const unsigned char *p = (const unsigned char *)hl_str_data(args[0]);
    int64_t c = p[0] < 0x80   ? p[0]
                : p[0] < 0xE0 ? ((p[0] & 0x1F) << 6) | (p[1] & 0x3F)
                : p[0] < 0xF0 ? ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)
                              : ((int64_t)(p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return hl_int_new(rt, c);
}

hl_value hl_bi_format(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "format", nargs, kwnames, 1, 2))
        return HL_NOVALUE;
    if (nargs == 2 && !hl_is_str(args[1])) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "format() argument 2 must be str, not %s", hl_typeof_name(args[1]));
        return HL_NOVALUE;
    }
    if (nargs == 1 || hl_str_size(args[1]) == 0)
        return hl_to_str(rt, args[0]);
    return hl_format(rt, args[0], args[1]);
}

/* round(x[, n]): floats round half to even, through the exact decimal expansion glibc's
 * printf gives, as CPython's correctly rounded round() does. */
