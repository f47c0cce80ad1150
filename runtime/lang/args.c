/* lang/args.c: checking a built-in's arguments, with CPython's messages ("len() takes exactly
 * one argument (2 given)", "'x' is an invalid keyword argument for f()"), int arguments, and
 * UTF-8 encoding of a code point. Every built-in function, method and module function calls
 * these; they call only the runtime's error, str and tuple API (declared in builtins.h). */
#include "builtins.h"
#include "heaplab/int.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"

/* ---------------------------------------------------------------- argument checks */

int hl_args_no_kw(hl_runtime *rt, const char *fname, hl_value kwnames)
{
    if (kwnames && hl_tuple_size(kwnames))
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() takes no keyword arguments", fname);
    return 0;
}

int hl_args_count(hl_runtime *rt, const char *fname, size_t n, size_t min, size_t max)
{
    if (n >= min && n <= max)
        return 0;
    if (min == max) {
        if (min == 0)
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() takes no arguments (%zu given)", fname, n);
        if (min == 1)
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s() takes exactly one argument (%zu given)", fname, n);
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s expected %zu arguments, got %zu", fname, min, n);
    }
    if (n < min)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s expected at least %zu argument%s, got %zu", fname, min,
                            min == 1 ? "" : "s", n);
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s expected at most %zu argument%s, got %zu", fname, max,
                        max == 1 ? "" : "s", n);
}

int hl_args_simple(hl_runtime *rt, const char *fname, size_t n, hl_value kwnames, size_t min, size_t max)
{
    if (hl_args_no_kw(rt, fname, kwnames))
        return -1;
    return hl_args_count(rt, fname, n, min, max);
}

size_t hl_utf8_encode(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

int hl_args_kw(hl_runtime *rt, const char *fname, const hl_value *args, size_t nargs, hl_value kwnames,
               const char *const *allowed, hl_value *out)
{
    size_t nkw = kwnames ? hl_tuple_size(kwnames) : 0;
    for (size_t i = 0; allowed[i]; i++)
        out[i] = HL_NOVALUE;
    for (size_t k = 0; k < nkw; k++) {
        hl_value name = hl_tuple_get(kwnames, k);
        size_t i = 0;
        while (allowed[i] && !hl_str_eq_cstr(name, allowed[i]))
            i++;
        if (!allowed[i])
            return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' is an invalid keyword argument for %s()",
                                hl_str_data(name), fname);
        out[i] = args[nargs - nkw + k];
    }
    return 0;
}

int hl_arg_index(hl_runtime *rt, hl_value v, int64_t *out)
{
    if (hl_is_int(v) || hl_is_bool(v)) {
        if (!hl_int_fits_int64(v))
            return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
        *out = hl_int_get(v);
        return 0;
    }
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", hl_typeof_name(v));
}
