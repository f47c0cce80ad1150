/* lang/builtins.c: the table of built-in functions (print, len, sorted, ...) and the
 * constructors behind the type objects (int(), list(), range(), ...), with CPython's results
 * and messages.
 *
 * Owns: hl_builtins_functions (every built-in function by name, in the order the front end
 * numbers them) and hl_type_call (calling a type: str, bool, list, tuple, set and type here,
 * int and float in builtins_numbers.c, dict and range in builtins_seq.c). The functions
 * themselves are by theme: builtins_text.c (print, repr, format, chr, ord),
 * builtins_numbers.c, builtins_seq.c (containers and iteration), builtins_introspect.c
 * (id, hash, callable, isinstance). Calls those and the runtime's object API. */
#include "builtins_internal.h"

#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/str.h"

const hl_builtin hl_builtins_functions[] = {
    {"print", hl_bi_print},           {"len", hl_bi_len},               {"id", hl_bi_id},
    {"repr", hl_bi_repr},             {"hash", hl_bi_hash},             {"callable", hl_bi_callable},
    {"abs", hl_bi_abs},               {"chr", hl_bi_chr},               {"ord", hl_bi_ord},
    {"divmod", hl_bi_divmod},         {"format", hl_bi_format},         {"round", hl_bi_round},
    {"any", hl_bi_any},               {"all", hl_bi_all},               {"sum", hl_bi_sum},
    {"sorted", hl_bi_sorted},         {"max", hl_bi_max},               {"min", hl_bi_min},
    {"reversed", hl_bi_reversed},     {"enumerate", hl_bi_enumerate},   {"zip", hl_bi_zip},
    {"iter", hl_bi_iter},             {"next", hl_bi_next},             {"isinstance", hl_bi_isinstance},
    {"pow", hl_bi_pow},               {"hex", hl_bi_hex},               {"oct", hl_bi_oct},
    {"bin", hl_bi_bin},               {NULL, NULL},
};

hl_value hl_type_call(hl_runtime *rt, hl_value type, const hl_value *args, size_t nargs, hl_value kwnames)
{
    hl_type t = hl_type_value_type(type);
    const char *name = hl_type_value_name(type);
    switch (t) {
    case HL_T_INT: return hl_bi_make_int(rt, args, nargs, kwnames);
    case HL_T_FLOAT: return hl_bi_make_float(rt, args, nargs, kwnames);
    case HL_T_DICT: return hl_bi_make_dict(rt, args, nargs, kwnames);
    case HL_T_RANGE: return hl_bi_make_range(rt, args, nargs, kwnames);
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
