/* Built-ins as values: the table of groups, calling one, argument checks with CPython's
 * messages, and attribute lookup. */
#include <string.h>

#include "../type.h"
#include "builtins.h"
#include "code.h"
#include "heaplab/dict.h"
#include "heaplab/int.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "vm.h"

const hl_builtin_table hl_builtin_groups[HL_BG__COUNT] = {
    [HL_BG_FUNCTIONS] = {hl_builtins_functions, HL_T__COUNT, NULL},
    [HL_BG_LIST] = {hl_methods_list, HL_T_LIST, NULL},
    [HL_BG_TUPLE] = {hl_methods_tuple, HL_T_TUPLE, NULL},
    [HL_BG_DICT] = {hl_methods_dict, HL_T_DICT, NULL},
    [HL_BG_SET] = {hl_methods_set, HL_T_SET, NULL},
    [HL_BG_STR] = {hl_methods_str, HL_T_STR, NULL},
    [HL_BG_COPY] = {hl_module_copy, HL_T__COUNT, "copy"},
    [HL_BG_GC] = {hl_module_gc, HL_T__COUNT, "gc"},
    [HL_BG_SYS] = {hl_module_sys, HL_T__COUNT, "sys"},
    [HL_BG_HEAPLAB] = {hl_module_heaplab, HL_T__COUNT, "heaplab"},
};

size_t hl_builtin_group_count(unsigned group)
{
    size_t n = 0;
    while (hl_builtin_groups[group].entries[n].name)
        n++;
    return n;
}

const hl_builtin *hl_builtin_of(hl_value v, const hl_builtin_table **table)
{
    unsigned payload = (unsigned)hl_imm_payload(v), g = payload >> 8, i = payload & 0xFF;
    if (table)
        *table = &hl_builtin_groups[g];
    return &hl_builtin_groups[g].entries[i];
}

hl_value hl_builtin_call(hl_runtime *rt, hl_value callee, const hl_value *args, size_t nargs, hl_value kwnames)
{
    const hl_builtin_table *g;
    const hl_builtin *e = hl_builtin_of(callee, &g);
    if (g->owner != HL_T__COUNT) { /* a method: args[0] is the receiver */
        const char *tname = hl_type_name(g->owner);
        size_t nkw = kwnames ? hl_tuple_size(kwnames) : 0;
        if (nargs == nkw) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "unbound method %s.%s() needs an argument", tname, e->name);
            return HL_NOVALUE;
        }
        if (hl_typeof(args[0]) != g->owner) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                         e->name, tname, hl_typeof_name(args[0]));
            return HL_NOVALUE;
        }
    }
    return e->fn(rt, args, nargs, kwnames);
}

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
        *out = hl_int_get(v);
        return 0;
    }
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", hl_typeof_name(v));
}

/* ---------------------------------------------------------------- attributes */

static hl_value attribute_error(hl_runtime *rt, hl_value obj, hl_value name)
{
    if (hl_typeof(obj) == HL_T_TYPE)
        hl_error_set(rt, HL_EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'",
                     hl_type_value_name(obj), hl_str_data(name));
    else
        hl_error_set(rt, HL_EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", hl_typeof_name(obj),
                     hl_str_data(name));
    return HL_NOVALUE;
}

/* obj.__name__ (name is "__name__"), or AttributeError; a name that cannot be made keeps
 * its MemoryError. */
static hl_value name_of(hl_runtime *rt, hl_value obj, hl_value name)
{
    switch (hl_typeof(obj)) {
    case HL_T_TYPE: return hl_str_from_cstr(rt, hl_type_value_name(obj));
    case HL_T_FUNCTION: return hl_as_code(hl_as_function(obj)->code)->name;
    case HL_T_BUILTIN: return hl_str_from_cstr(rt, hl_builtin_of(obj, NULL)->name);
    case HL_T_MODULE: return hl_as_module(obj)->name;
    default: return attribute_error(rt, obj, name);
    }
}

hl_value hl_getattr(hl_runtime *rt, hl_value obj, hl_value name)
{
    hl_type t = hl_typeof(obj);
    if (t == HL_T_MODULE)
        return hl_module_getattr(rt, obj, name);
    if (hl_str_eq_cstr(name, "__name__"))
        return name_of(rt, obj, name);
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return HL_NOVALUE;
    hl_type mt = t == HL_T_TYPE ? hl_type_value_type(obj) : t;
    hl_value meth;
    int r = L->methods[mt] ? hl_dict_lookup(rt, L->methods[mt], name, &meth) : 0;
    if (r < 0)
        return HL_NOVALUE;
    if (!r)
        return attribute_error(rt, obj, name);
    if (t == HL_T_TYPE) /* list.append: the unbound method */
        return meth;
    return hl_method_new(rt, obj, meth);
}

/* ---------------------------------------------------------------- repr of built-ins */

static int builtin_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    const hl_builtin_table *g;
    const hl_builtin *e = hl_builtin_of(v, &g);
    if (g->owner != HL_T__COUNT)
        return hl_buf_printf(b, "<method '%s' of '%s' objects>", e->name, hl_type_name(g->owner));
    return hl_buf_printf(b, "<built-in function %s>", e->name);
}

static size_t no_size(const hl_object *o)
{
    (void)o;
    return 0;
}

static const hl_type_info builtin_type = {
    .name = "builtin_function_or_method",
    .size = no_size,
    .repr = builtin_repr,
};

void hl_builtin_define_types(void)
{
    hl_type_define(HL_T_BUILTIN, &builtin_type);
    hl_iter_define_types();
}
