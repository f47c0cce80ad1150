/* lang/builtins_seq.c: the built-ins of containers and iteration: len, any, all, sum,
 * sorted (and list.sort's key and reverse, hl_lang_sort), min, max, reversed, enumerate, zip,
 * iter, next, and the dict() and range() constructors. Calls iter.c, the VM (hl_vm_call, for
 * a key= function) and the runtime's container API. */
#include "builtins_internal.h"

#include "heaplab/dict.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/operators.h"
#include "heaplab/str.h"
#include "vm.h"

/* ---------------------------------------------------------------- simple ones */

hl_value hl_bi_len(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "len", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    if (hl_typeof(args[0]) == HL_T_RANGE && hl_range_is_big(args[0])) {
        hl_value n = hl_range_big_len(rt, args[0]);
        if (!hl_int_fits_int64(n))
            return hl_error_set(rt, HL_EXC_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t"), HL_NOVALUE;
        return n;
    }
    if (hl_typeof(args[0]) == HL_T_DICT_VIEW || hl_typeof(args[0]) == HL_T_RANGE ||
        hl_typeof(args[0]) < HL_T_TYPE) {
        int64_t n = hl_len(rt, args[0]);
        if (n >= 0)
            return hl_int_new(rt, n);
    }
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "object of type '%s' has no len()", hl_typeof_name(args[0]));
    return HL_NOVALUE;
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

hl_value hl_bi_any(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return bi_any_all(rt, args, nargs, kwnames, false);
}

hl_value hl_bi_all(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return bi_any_all(rt, args, nargs, kwnames, true);
}

hl_value hl_bi_sum(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

hl_value hl_bi_sorted(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

hl_value hl_bi_max(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return minmax(rt, args, nargs, kwnames, true);
}

hl_value hl_bi_min(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    return minmax(rt, args, nargs, kwnames, false);
}

hl_value hl_bi_reversed(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "reversed", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_iter_reversed(rt, args[0]);
}

hl_value hl_bi_enumerate(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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
    if (start && !hl_is_int(start) && hl_arg_index(rt, start, &s)) /* its TypeError */
        return HL_NOVALUE;
    return hl_iter_enumerate(rt, iterable, start && hl_is_int(start) ? start : hl_int_new(rt, s));
}

hl_value hl_bi_zip(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_no_kw(rt, "zip", kwnames))
        return HL_NOVALUE;
    return hl_iter_zip(rt, args, nargs);
}

hl_value hl_bi_iter(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "iter", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_iter(rt, args[0]);
}

hl_value hl_bi_next(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

hl_value hl_bi_make_dict(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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

hl_value hl_bi_make_range(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_no_kw(rt, "range", kwnames))
        return HL_NOVALUE;
    if (nargs == 0 || nargs > 3) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, nargs ? "range expected at most 3 arguments, got %zu"
                                                  : "range expected at least 1 argument, got %zu", nargs);
        return HL_NOVALUE;
    }
    int64_t v[3] = {0, 0, 1};
    bool big = false; /* a bound past int64: kept as ints (range_big.c) */
    for (size_t i = 0; i < nargs; i++) {
        if (hl_is_int(args[i]) && !hl_int_fits_int64(args[i]))
            big = true;
        else if (hl_arg_index(rt, args[i], &v[i]))
            return HL_NOVALUE;
    }
    if (nargs == 3 && !big && v[2] == 0) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "range() arg 3 must not be zero");
        return HL_NOVALUE;
    }
    int64_t start = nargs == 1 ? 0 : v[0], stop = nargs == 1 ? v[0] : v[1], step = v[2];
    /* a length, or a first value past the last, beyond int64 takes the ints' path too */
    if (big || !hl_range_fits_int64(start, stop, step)) {
        hl_value parts[3] = {nargs == 1 ? hl_int_new(rt, 0) : args[0], nargs == 1 ? args[0] : args[1],
                             nargs == 3 ? args[2] : hl_int_new(rt, 1)}; /* 0 and 1: never allocated */
        if (hl_int_sign(parts[2]) == 0)
            return hl_error_set(rt, HL_EXC_VALUE_ERROR, "range() arg 3 must not be zero"), HL_NOVALUE;
        return hl_range_new_big(rt, hl_range_big_bounds(rt, parts[0], parts[1], parts[2]));
    }
    return hl_range_new(rt, start, stop, step);
}
