/* The pending exception: a type and a message, kept in the runtime (no allocation), and the
 * check for an argument that is HL_NOVALUE.
 *
 * The bottom of runtime/: calls nothing of heaplab's. An error that names a value takes the
 * value's text from its caller: KeyError with the key's repr is hl_error_key, in object.c
 * beside repr; a wrong argument type naming both types is hl_arg_not, in type.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rt.h"

static const char *const exc_names[HL_EXC__COUNT] = {
    [HL_EXC_NONE] = "",
    [HL_EXC_TYPE_ERROR] = "TypeError",
    [HL_EXC_VALUE_ERROR] = "ValueError",
    [HL_EXC_INDEX_ERROR] = "IndexError",
    [HL_EXC_KEY_ERROR] = "KeyError",
    [HL_EXC_ZERO_DIVISION_ERROR] = "ZeroDivisionError",
    [HL_EXC_OVERFLOW_ERROR] = "OverflowError",
    [HL_EXC_MEMORY_ERROR] = "MemoryError",
    [HL_EXC_RECURSION_ERROR] = "RecursionError",
    [HL_EXC_NAME_ERROR] = "NameError",
    [HL_EXC_UNBOUND_LOCAL_ERROR] = "UnboundLocalError",
    [HL_EXC_ATTRIBUTE_ERROR] = "AttributeError",
    [HL_EXC_SYNTAX_ERROR] = "SyntaxError",
    [HL_EXC_INDENTATION_ERROR] = "IndentationError",
    [HL_EXC_NOT_IMPLEMENTED_ERROR] = "NotImplementedError",
    [HL_EXC_RUNTIME_ERROR] = "RuntimeError",
    [HL_EXC_ASSERTION_ERROR] = "AssertionError",
    [HL_EXC_IMPORT_ERROR] = "ImportError",
    [HL_EXC_MODULE_NOT_FOUND_ERROR] = "ModuleNotFoundError",
    [HL_EXC_STOP_ITERATION] = "StopIteration",
};

const char *hl_exc_name(hl_exc type)
{
    return (unsigned)type < HL_EXC__COUNT ? exc_names[type] : "Exception";
}

int hl_error_set(hl_runtime *rt, hl_exc type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rt->message, sizeof rt->message, fmt, ap);
    va_end(ap);
    rt->exc = type;
    return -1;
}

int hl_error_nomem(hl_runtime *rt)
{
    rt->exc = HL_EXC_MEMORY_ERROR;
    rt->message[0] = '\0';
    return -1;
}

bool hl_error_occurred(const hl_runtime *rt) { return rt->exc != HL_EXC_NONE; }
hl_exc hl_error_type(const hl_runtime *rt) { return rt->exc; }
const char *hl_error_message(const hl_runtime *rt) { return rt->exc ? rt->message : ""; }

const char *hl_error_string(hl_runtime *rt)
{
    if (!rt->exc)
        return "";
    if (rt->message[0])
        snprintf(rt->error_string, sizeof rt->error_string, "%s: %s", hl_exc_name(rt->exc), rt->message);
    else
        snprintf(rt->error_string, sizeof rt->error_string, "%s", hl_exc_name(rt->exc));
    return rt->error_string;
}

void hl_error_clear(hl_runtime *rt)
{
    rt->exc = HL_EXC_NONE;
    rt->message[0] = '\0';
}

bool hl_arg_missing(hl_runtime *rt, hl_value v, const char *fn)
{
    if (v)
        return false;
    if (!rt->exc)
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: an argument is HL_NOVALUE (a failed call's result)", fn);
    return true;
}
