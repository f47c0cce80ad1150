/* Function objects: a code object with the module its globals live in, its defaults and
 * its closure. */
#include <string.h>

#include "../type.h"
#include "code.h"
#include "heaplab/str.h"

static size_t function_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_function);
}

static void function_trace(hl_object *o, hl_tracer *t)
{
    hl_function *f = (hl_function *)o;
    hl_trace_value(t, f->code);
    hl_trace_value(t, f->module);
    hl_trace_value(t, f->defaults);
    hl_trace_value(t, f->kwdefaults);
    hl_trace_value(t, f->closure);
}

static int function_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    hl_code *c = hl_as_code(hl_as_function(v)->code);
    return hl_buf_printf(b, "<function %s at %#lx>", hl_str_data(c->qualname), (unsigned long)v);
}

static int function_hash(hl_runtime *rt, hl_value v, int64_t *out)
{
    (void)rt;
    *out = (int64_t)(v >> 4); /* CPython hashes objects by address, rotated */
    return 0;
}

static const hl_type_info function_type = {
    .name = "function",
    .size = function_size,
    .trace = function_trace,
    .repr = function_repr,
    .hash = function_hash,
};

hl_value hl_function_new(hl_runtime *rt, hl_value code, hl_value module)
{
    hl_rt_root(rt, &code);
    hl_rt_root(rt, &module);
    hl_function *f = (hl_function *)hl_gc_new(rt, HL_T_FUNCTION, sizeof(hl_function));
    hl_rt_unroot(rt, 2);
    if (!f)
        return HL_NOVALUE;
    f->code = code;
    f->module = module;
    f->defaults = f->kwdefaults = f->closure = HL_NOVALUE;
    return hl_val(f);
}

void hl_function_define_type(void) { hl_type_define(HL_T_FUNCTION, &function_type); }
