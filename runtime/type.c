/* The type table and per-value type dispatch. */
#include "type.h"

const hl_type_info *hl_type_table[HL_T__COUNT] = {
    [HL_T_INT] = &hl_int_type,
    [HL_T_FLOAT] = &hl_float_type,
    [HL_T_STR] = &hl_str_type,
    [HL_T_TUPLE] = &hl_tuple_type,
    [HL_T_LIST] = &hl_list_type,
    [HL_T_DICT] = &hl_dict_type,
    [HL_T_SET] = &hl_set_type,
};

/* Names of the types whose values are immediates, or not yet defined by the front end. */
static const char *const fallback_names[HL_T__COUNT] = {
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
    if ((unsigned)t >= HL_T__COUNT)
        return "?";
    return hl_type_table[t] ? hl_type_table[t]->name : fallback_names[t];
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
