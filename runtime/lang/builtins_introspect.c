/* lang/builtins_introspect.c: the built-ins that ask about a value: id, hash, callable and
 * isinstance. Calls the runtime's identity, hash and type API. */
#include "builtins_internal.h"

#include "heaplab/int.h"

hl_value hl_bi_id(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "id", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    return hl_int_new(rt, (int64_t)hl_id(args[0]));
}

hl_value hl_bi_hash(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    int64_t h;
    if (hl_args_simple(rt, "hash", nargs, kwnames, 1, 1) || hl_hash(rt, args[0], &h))
        return HL_NOVALUE;
    return hl_int_new(rt, h);
}

hl_value hl_bi_callable(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
{
    if (hl_args_simple(rt, "callable", nargs, kwnames, 1, 1))
        return HL_NOVALUE;
    hl_type t = hl_typeof(args[0]);
    return hl_bool(t == HL_T_TYPE || t == HL_T_BUILTIN || t == HL_T_FUNCTION || t == HL_T_METHOD);
}

static bool type_matches(hl_value v, hl_value type)
{
    return hl_type_value_of(v) == type || (type == hl_type_value(HL_T_INT) && hl_typeof(v) == HL_T_BOOL);
}

hl_value hl_bi_isinstance(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames)
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
