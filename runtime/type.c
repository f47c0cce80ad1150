/* The type table and per-value type dispatch: a value's type and its name, the size of an
 * object through its type's hooks, the argument type check, the nesting guard.
 *
 * Below the value types and the collector, which reads the table: calls error.c only. The
 * table names no type itself: its entries are filled at start-up, the object model's by
 * hl_runtime_new (runtime.c, above the types), the front end's by hl_lang_define_types. */
#include "type.h"

const hl_type_info *hl_type_table[HL_T__COUNT];

/* Names of the types whose values are immediates, or not yet defined (the object model's
 * until the first runtime is made, the front end's until it starts). */
static const char *const fallback_names[HL_T__COUNT] = {
    [HL_T_INT] = "int",
    [HL_T_FLOAT] = "float",
    [HL_T_STR] = "str",
    [HL_T_TUPLE] = "tuple",
    [HL_T_LIST] = "list",
    [HL_T_DICT] = "dict",
    [HL_T_SET] = "set",
    [HL_T_NONE] = "NoneType",
    [HL_T_BOOL] = "bool",
    [HL_T_TYPE] = "type",
    [HL_T_BUILTIN] = "builtin_function_or_method",
    [HL_T_FUNCTION] = "function",
    [HL_T_CODE] = "code",
    [HL_T_MODULE] = "module",
    [HL_T_METHOD] = "builtin_function_or_method",
    [HL_T_RANGE] = "range",
    [HL_T_ITERATOR] = "iterator",
    [HL_T_DICT_VIEW] = "dict_keys",
};

void hl_type_define(hl_type t, const hl_type_info *info)
{
    hl_type_table[t] = info;
}

hl_type hl_typeof(hl_value v)
{
    if (hl_is_smallint(v))
        return HL_T_INT;
    if (hl_is_ptr(v))
        return (hl_type)hl_obj(v)->type;
    switch (hl_imm_kind(v)) {
    case HL_IMM_FALSE:
    case HL_IMM_TRUE:
        return HL_T_BOOL;
    case HL_IMM_TYPE:
        return HL_T_TYPE;
    case HL_IMM_BUILTIN:
        return HL_T_BUILTIN;
    default:
        return HL_T_NONE;
    }
}

const char *hl_type_name(hl_type t)
{
    const char *name = (unsigned)t >= HL_T__COUNT ? NULL : hl_type_table[t] ? hl_type_table[t]->name : fallback_names[t];
    return name ? name : "?";
}

hl_value hl_type_value_of(hl_value v)
{
    hl_type t = hl_typeof(v);
    const hl_type_info *ti = hl_is_ptr(v) ? hl_type_table[t] : NULL;
    unsigned variant = ti && ti->variant_of ? ti->variant_of(hl_obj(v)) : 0;
    return HL_IMM(HL_IMM_TYPE, (uintptr_t)t | (uintptr_t)variant << 8);
}

const char *hl_type_value_name(hl_value tv)
{
    hl_type t = hl_type_value_type(tv);
    uintptr_t variant = hl_imm_payload(tv) >> 8;
    const hl_type_info *ti = (unsigned)t < HL_T__COUNT ? hl_type_table[t] : NULL;
    return variant && ti && ti->variant_names ? ti->variant_names[variant - 1] : hl_type_name(t);
}

const char *hl_typeof_name(hl_value v) { return hl_type_value_name(hl_type_value_of(v)); }

bool hl_arg_not(hl_runtime *rt, hl_value v, hl_type t, const char *fn)
{
    if (hl_arg_missing(rt, v, fn))
        return true;
    if (hl_typeof(v) == t)
        return false;
    hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: expected %s, got %s", fn, hl_type_name(t), hl_typeof_name(v));
    return true;
}

size_t hl_object_total_size(const hl_object *o)
{
    const hl_type_info *ti = hl_type_table[o->type];
    return ti->size(o) + (ti->owned_size ? ti->owned_size(o) : 0);
}

int hl_depth_enter(hl_runtime *rt, const char *what)
{
    if (rt->depth >= rt->cfg.max_depth)
        return hl_error_set(rt, HL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded%s", what);
    rt->depth++;
    return 0;
}

int hl_step_limit_exceeded(hl_runtime *rt)
{
    return hl_error_set(rt, HL_EXC_RUNTIME_ERROR, "step limit exceeded (%llu loop iterations, calls and range items)",
                        (unsigned long long)rt->step_limit);
}
