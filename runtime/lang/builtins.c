/* The built-in functions (print, len, sorted, ...) and the constructors behind the type
 * objects (int(), list(), range(), ...), with CPython's results and messages. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../type.h"
#include "builtins.h"
#include "heaplab/dict.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/operators.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "vm.h"

#define INT_OVERFLOW "int too large: heaplab ints are 64-bit"

static size_t nkw_of(hl_value kwnames) { return kwnames ? hl_tuple_size(kwnames) : 0; }

/* ---------------------------------------------------------------- print */

static hl_value bi_print(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

/* ---------------------------------------------------------------- simple ones */

static hl_value bi_len(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "len", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    if (hl_typeof(args[0]) == HL_T_DICT_VIEW || hl_typeof(args[0]) == HL_T_RANGE ||
        hl_typeof(args[0]) < HL_T_TYPE) {
        int64_t n = hl_len(rt, args[0]);
        if (n >= 0)
            return hl_int_new(rt, n);
    }
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "object of type '%s' has no len()", hl_typeof_name(args[0]));
    return HL_NOVALUE;
}

static hl_value bi_id(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "id", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_int_new(rt, (int64_t)hl_id(args[0]));
}

static hl_value bi_repr(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "repr", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_repr(rt, args[0]);
}

static hl_value bi_hash(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    int64_t h;
    if (hl_args_simple(rt, "hash", nargs, kwnames, 1, 1) || hl_hash(rt, args[0], &h))
        return HL_NOVALUE;
    return hl_int_new(rt, h);
}

static hl_value bi_callable(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "callable", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    hl_type t = hl_typeof(args[0]);
    return hl_bool(t == HL_T_TYPE || t == HL_T_BUILTIN || t == HL_T_FUNCTION || t == HL_T_METHOD);
}

static hl_value bi_abs(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

static hl_value bi_chr(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    int64_t c;
    if (hl_args_simple(rt, "chr", nargs, kwnames, 1, 1) || hl_arg_index(rt, args[0], &c))
        return HL_NOVALUE;
    if (c < 0 || c > 0x10FFFF) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
        return HL_NOVALUE;
    }
    char buf[4];
    size_t n = hl_utf8_encode((uint32_t)c, buf);
    return hl_str_new(rt, buf, n);
}

static hl_value bi_ord(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

static hl_value bi_divmod(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

static hl_value bi_format(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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
static hl_value bi_round(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

/* ---------------------------------------------------------------- iteration */

/* Items of any iterable as a list (a new one), rooted by the caller. */
static hl_value items_of(hl_runtime *rt, hl_value v) { return hl_lang_list_of(rt, v); }

static hl_value bi_any_all(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames, bool all)
{
    if (hl_args_simple(rt, all ? "all" : "any", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    hl_value it = hl_iter(rt, args[0]);
    if (!it)
        return HL_NOVALUE;
    hl_rt_root(rt, &it);
    hl_value item, result = hl_bool(all);
    int r;
    while ((r = hl_iter_next(rt, it, &item)) == 1) {
        int t = hl_truthy(rt, item);
        if (t < 0) {
            r = -1;
            break;
        }
        if (t != all) {
            result = hl_bool(!all);
            break;
        }
    }
    hl_rt_unroot(rt, 1);
    return r < 0 ? HL_NOVALUE : result;
}

static hl_value bi_any(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return bi_any_all(rt, args, nargs, kwnames, false);
}

static hl_value bi_all(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return bi_any_all(rt, args, nargs, kwnames, true);
}

static hl_value bi_sum(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    static const char *const kws[] = {"start", NULL};
    hl_value kw[1];
    if (hl_args_kw(rt, "sum", args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    size_t n = nargs - nkw_of(kwnames);
    if (hl_args_count(rt, "sum", n, 1, kw[0] ? 1 : 2))
        return HL_NOVALUE;
    hl_value acc = n == 2 ? args[1] : kw[0] ? kw[0] : hl_smallint(0);
    if (acc == hl_smallint(0) && hl_runtime_int_mode(rt) == HL_INT_BOXED && !(acc = hl_int_new(rt, 0)))
        return HL_NOVALUE;
    if (hl_is_str(acc)) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "sum() can't sum strings [use ''.join(seq) instead]");
        return HL_NOVALUE;
    }
    hl_value it = hl_iter(rt, args[0]);
    if (!it)
        return HL_NOVALUE;
    hl_rt_root(rt, &it);
    hl_rt_root(rt, &acc);
    hl_value item;
    int r;
    while ((r = hl_iter_next(rt, it, &item)) == 1) {
        hl_value s = hl_binary_op(rt, HL_OP_ADD, acc, item);
        if (!s) {
            r = -1;
            break;
        }
        acc = s;
    }
    hl_rt_unroot(rt, 2);
    return r < 0 ? HL_NOVALUE : acc;
}

/* The sort keys of items: key(item) for each, in a new list; HL_NOVALUE with no key. */
static int compute_keys(hl_runtime *rt, hl_value key, hl_value items, hl_value *keys)
{
    *keys = HL_NOVALUE;
    if (!key || key == HL_NONE)
        return 0;
    size_t n = hl_list_size(items);
    hl_value k = hl_list_new(rt, n);
    if (!k)
        return -1;
    hl_rt_root(rt, &k);
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++) {
        hl_value item = hl_list_items(items)[i];
        hl_value kv = hl_vm_call(rt, key, &item, 1, HL_NOVALUE);
        r = kv ? hl_list_append(rt, k, kv) : -1;
        if (hl_list_size(items) != n && r == 0)
            r = hl_error_set(rt, HL_EXC_VALUE_ERROR, "list modified during sort");
    }
    hl_rt_unroot(rt, 1);
    *keys = k;
    return r;
}

int hl_lang_sort(hl_runtime *rt, hl_value items, hl_value key, hl_value reverse)
{
    int rev = 0;
    if (reverse && (rev = hl_truthy(rt, reverse)) < 0)
        return -1;
    hl_rt_root(rt, &items);
    hl_value keys = HL_NOVALUE;
    hl_rt_root(rt, &keys);
    int r = compute_keys(rt, key, items, &keys);
    if (r == 0)
        r = hl_list_sort(rt, items, keys, rev != 0);
    hl_rt_unroot(rt, 2);
    return r;
}

static hl_value bi_sorted(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    static const char *const kws[] = {"key", "reverse", NULL};
    hl_value kw[2];
    if (hl_args_kw(rt, "sort", args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    size_t n = nargs - nkw_of(kwnames);
    if (n != 1) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "sorted expected 1 argument, got %zu", n);
        return HL_NOVALUE;
    }
    hl_value items = items_of(rt, args[0]);
    if (!items)
        return HL_NOVALUE;
    hl_rt_root(rt, &items);
    int r = hl_lang_sort(rt, items, kw[0], kw[1]);
    hl_rt_unroot(rt, 1);
    return r ? HL_NOVALUE : items;
}

static hl_value minmax(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames, bool is_max)
{
    const char *name = is_max ? "max" : "min";
    static const char *const kws[] = {"key", "default", NULL};
    hl_value kw[2];
    if (hl_args_kw(rt, name, args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    size_t n = nargs - nkw_of(kwnames);
    if (n == 0) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s expected at least 1 argument, got 0", name);
        return HL_NOVALUE;
    }
    if (n > 1 && kw[1]) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "Cannot specify a default for %s() with multiple positional arguments", name);
        return HL_NOVALUE;
    }
    hl_value items = n == 1 ? items_of(rt, args[0]) : hl_list_from(rt, args, n);
    if (!items)
        return HL_NOVALUE;
    hl_value keep[3] = {items, HL_NOVALUE, HL_NOVALUE}; /* items, best, best key */
    hl_root_array(rt, keep, 3);
    hl_value key = kw[0] == HL_NONE ? HL_NOVALUE : kw[0];
    hl_value result = HL_NOVALUE;
    size_t count = hl_list_size(items);
    if (count == 0) {
        if (kw[1])
            result = kw[1];
        else
            hl_error_set(rt, HL_EXC_VALUE_ERROR, "%s() arg is an empty sequence", name);
    } else {
        bool ok = true;
        for (size_t i = 0; i < count && ok; i++) {
            hl_value item = hl_list_items(items)[i];
            hl_value k = key ? hl_vm_call(rt, key, &item, 1, HL_NOVALUE) : item;
            if (!k) {
                ok = false;
                break;
            }
            if (i == 0) {
                keep[1] = item;
                keep[2] = k;
                continue;
            }
            int better = hl_compare(rt, k, keep[2], is_max ? HL_CMP_GT : HL_CMP_LT);
            if (better < 0)
                ok = false;
            else if (better) {
                keep[1] = item;
                keep[2] = k;
            }
        }
        if (ok)
            result = keep[1];
    }
    hl_unroot_array(rt);
    return result;
}

static hl_value bi_max(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return minmax(rt, args, nargs, kwnames, true);
}

static hl_value bi_min(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return minmax(rt, args, nargs, kwnames, false);
}

static hl_value bi_reversed(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "reversed", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_iter_reversed(rt, args[0]);
}

static hl_value bi_enumerate(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    static const char *const kws[] = {"iterable", "start", NULL};
    hl_value kw[2];
    if (hl_args_kw(rt, "enumerate", args, nargs, kwnames, kws, kw))
        return HL_NOVALUE;
    size_t n = nargs - nkw_of(kwnames);
    hl_value iterable = n > 0 ? args[0] : kw[0], start = n > 1 ? args[1] : kw[1];
    if (n > 2) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "enumerate() takes at most 2 arguments (%zu given)", n);
        return HL_NOVALUE;
    }
    if (!iterable) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "enumerate() missing required argument 'iterable' (pos 1)");
        return HL_NOVALUE;
    }
    int64_t s = 0;
    if (start && hl_arg_index(rt, start, &s))
        return HL_NOVALUE;
    return hl_iter_enumerate(rt, iterable, s);
}

static hl_value bi_zip(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_no_kw(rt, "zip", kwnames))
        return HL_NOVALUE;
    return hl_iter_zip(rt, args, nargs);
}

static hl_value bi_iter(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "iter", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_iter(rt, args[0]);
}

static hl_value bi_next(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "next", nargs, kwnames, 1, 2))
        return HL_NOVALUE;
    if (!hl_is_obj_of(args[0], HL_T_ITERATOR)) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not an iterator", hl_typeof_name(args[0]));
        return HL_NOVALUE;
    }
    hl_value v;
    int r = hl_iter_next(rt, args[0], &v);
    if (r < 0)
        return HL_NOVALUE;
    if (r == 0) {
        if (nargs == 2)
            return args[1];
        hl_error_set(rt, HL_EXC_STOP_ITERATION, "%s", "");
        return HL_NOVALUE;
    }
    return v;
}

/* isinstance(v, type): bool is the one subclass (dict_keys and dict_values are two types). */
static bool type_matches(hl_value v, hl_value type)
{
    return hl_type_value_of(v) == type || (type == hl_type_value(HL_T_INT) && hl_typeof(v) == HL_T_BOOL);
}

static hl_value bi_isinstance(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "isinstance", nargs, kwnames, 2, 2))
        return HL_NOVALUE;
    hl_value spec = args[1];
    if (hl_typeof(spec) == HL_T_TYPE)
        return hl_bool(type_matches(args[0], spec));
    if (hl_is_tuple(spec)) {
        size_t n = hl_tuple_size(spec);
        for (size_t i = 0; i < n; i++) {
            hl_value t = hl_tuple_get(spec, i);
            if (hl_typeof(t) != HL_T_TYPE)
                goto bad;
            if (type_matches(args[0], t))
                return HL_TRUE;
        }
        return HL_FALSE;
    }
bad:
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return HL_NOVALUE;
}

const hl_builtin hl_builtins_functions[] = {
    {"print", bi_print},       {"len", bi_len},         {"id", bi_id},           {"repr", bi_repr},
    {"hash", bi_hash},         {"callable", bi_callable}, {"abs", bi_abs},       {"chr", bi_chr},
    {"ord", bi_ord},           {"divmod", bi_divmod},   {"format", bi_format},   {"round", bi_round},
    {"any", bi_any},           {"all", bi_all},         {"sum", bi_sum},         {"sorted", bi_sorted},
    {"max", bi_max},           {"min", bi_min},         {"reversed", bi_reversed}, {"enumerate", bi_enumerate},
    {"zip", bi_zip},           {"iter", bi_iter},       {"next", bi_next},       {"isinstance", bi_isinstance},
    {NULL, NULL},
};

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

static hl_value make_int(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

static hl_value make_float(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

static hl_value make_dict(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    size_t nkw = nkw_of(kwnames), n = nargs - nkw;
    if (n > 1) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "dict expected at most 1 argument, got %zu", n);
        return HL_NOVALUE;
    }
    hl_value d = hl_dict_new(rt);
    if (!d)
        return HL_NOVALUE;
    hl_rt_root(rt, &d);
    int r = 0;
    if (n == 1) {
        if (hl_is_dict(args[0])) {
            r = hl_dict_update(rt, d, args[0]);
        } else {
            hl_value items = hl_lang_list_of(rt, args[0]);
            hl_rt_root(rt, &items);
            r = items ? 0 : -1;
            for (size_t i = 0; r == 0 && i < hl_list_size(items); i++) {
                hl_value pair = hl_list_items(items)[i];
                hl_value kv = hl_lang_list_of(rt, pair);
                if (!kv) {
                    if (hl_error_type(rt) == HL_EXC_TYPE_ERROR)
                        hl_error_set(rt, HL_EXC_TYPE_ERROR,
                                     "cannot convert dictionary update sequence element #%zu to a sequence", i);
                    r = -1;
                } else if (hl_list_size(kv) != 2) {
                    r = hl_error_set(rt, HL_EXC_VALUE_ERROR,
                                     "dictionary update sequence element #%zu has length %zu; 2 is required", i,
                                     hl_list_size(kv));
                } else {
                    r = hl_dict_set(rt, d, hl_list_items(kv)[0], hl_list_items(kv)[1]);
                }
            }
            hl_rt_unroot(rt, 1);
        }
    }
    for (size_t k = 0; k < nkw && r == 0; k++)
        r = hl_dict_set(rt, d, hl_tuple_get(kwnames, k), args[n + k]);
    hl_rt_unroot(rt, 1);
    return r ? HL_NOVALUE : d;
}

static hl_value make_range(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_no_kw(rt, "range", kwnames))
        return HL_NOVALUE;
    if (nargs == 0 || nargs > 3) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, nargs ? "range expected at most 3 arguments, got %zu"
                                                  : "range expected at least 1 argument, got %zu", nargs);
        return HL_NOVALUE;
    }
    int64_t v[3] = {0, 0, 1};
    for (size_t i = 0; i < nargs; i++)
        if (hl_arg_index(rt, args[i], &v[i]))
            return HL_NOVALUE;
    if (nargs == 1)
        return hl_range_new(rt, 0, v[0], 1);
    if (v[2] == 0) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
        return HL_NOVALUE;
    }
    return hl_range_new(rt, v[0], v[1], v[2]);
}

hl_value hl_type_call(hl_runtime *rt, hl_value type, const hl_value *args, size_t nargs, hl_value kwnames)
{
    hl_type t = hl_type_value_type(type);
    const char *name = hl_type_value_name(type);
    switch (t) {
    case HL_T_INT: return make_int(rt, args, nargs, kwnames);
    case HL_T_FLOAT: return make_float(rt, args, nargs, kwnames);
    case HL_T_DICT: return make_dict(rt, args, nargs, kwnames);
    case HL_T_RANGE: return make_range(rt, args, nargs, kwnames);
    default: break;
    }
    if (t != HL_T_STR && t != HL_T_BOOL && t != HL_T_LIST && t != HL_T_TUPLE && t != HL_T_SET && t != HL_T_TYPE) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "cannot create '%s' instances", name);
        return HL_NOVALUE;
    }
    if (hl_args_no_kw(rt, name, kwnames))
        return HL_NOVALUE;
    if (t == HL_T_TYPE) {
        if (nargs != 1) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, nargs == 3 ? "classes are not supported by heaplab"
                                                           : "type() takes 1 or 3 arguments");
            return HL_NOVALUE;
        }
        return hl_type_value_of(args[0]);
    }
    if (nargs > 1) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s expected at most 1 argument, got %zu", name, nargs);
        return HL_NOVALUE;
    }
    switch (t) {
    case HL_T_STR:
        return nargs ? hl_to_str(rt, args[0]) : hl_str_from_cstr(rt, "");
    case HL_T_BOOL: {
        int b = nargs ? hl_truthy(rt, args[0]) : 0;
        return b < 0 ? HL_NOVALUE : hl_bool(b);
    }
    case HL_T_LIST:
        return nargs ? hl_lang_list_of(rt, args[0]) : hl_list_new(rt, 0);
    case HL_T_TUPLE: {
        if (!nargs)
            return hl_tuple_new(rt, NULL, 0);
        if (hl_is_tuple(args[0]))
            return args[0];
        hl_value items = hl_lang_list_of(rt, args[0]);
        if (!items)
            return HL_NOVALUE;
        hl_rt_root(rt, &items);
        hl_value tup = hl_tuple_new(rt, hl_list_items(items), hl_list_size(items));
        hl_rt_unroot(rt, 1);
        return tup;
    }
    default: { /* set */
        if (!nargs)
            return hl_set_new(rt);
        if (hl_typeof(args[0]) <= HL_T_SET && hl_typeof(args[0]) >= HL_T_STR)
            return hl_set_of(rt, args[0]);
        hl_value items = hl_lang_list_of(rt, args[0]);
        if (!items)
            return HL_NOVALUE;
        hl_rt_root(rt, &items);
        hl_value s = hl_set_of(rt, items);
        hl_rt_unroot(rt, 1);
        return s;
    }
    }
}
