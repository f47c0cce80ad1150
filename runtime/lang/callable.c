/* Built-ins as values: the table of groups, calling one, attribute lookup, and bound methods
 * (`f = xs.append`), the objects it returns. The argument checks every built-in uses are in
 * args.c, below the tables this file names. */
#include "../type.h"
#include "builtins.h"
#include "heaplab/dict.h"
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
    [HL_BG_INT] = {hl_methods_int, HL_T_INT, NULL},
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
        if (hl_typeof(args[0]) != g->owner && !(g->owner == HL_T_INT && hl_is_bool(args[0]))) {
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                         e->name, tname, hl_typeof_name(args[0]));
            return HL_NOVALUE;
        }
    }
    return e->fn(rt, args, nargs, kwnames);
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

/* ---------------------------------------------------------------- bound methods */

static size_t method_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_method_obj);
}

static void method_trace(hl_object *o, hl_tracer *t) { hl_trace_value(t, ((hl_method_obj *)o)->self); }

static int method_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    hl_method_obj *m = (hl_method_obj *)v;
    const hl_builtin *e = hl_builtin_of(m->method, NULL);
    return hl_buf_printf(b, "<built-in method %s of %s object at %#lx>", e->name, hl_typeof_name(m->self),
                         (unsigned long)m->self);
}

static const hl_type_info method_type = {
    .name = "builtin_function_or_method",
    .size = method_size,
    .trace = method_trace,
    .repr = method_repr,
};

hl_value hl_method_new(hl_runtime *rt, hl_value self, hl_value method)
{
    hl_rt_root(rt, &self);
    hl_method_obj *m = (hl_method_obj *)hl_gc_new(rt, HL_T_METHOD, sizeof(hl_method_obj));
    hl_rt_unroot(rt, 1);
    if (!m)
        return HL_NOVALUE;
    m->self = self;
    m->method = method;
    return hl_val(m);
}

void hl_builtin_define_types(void)
{
    hl_type_define(HL_T_BUILTIN, &builtin_type);
    hl_type_define(HL_T_METHOD, &method_type);
    hl_iter_define_types();
}
