/* heaplab/error.h: the pending exception.
 *
 * As in CPython's C API, a call that fails returns HL_NOVALUE (0) or -1 and leaves an
 * exception pending in the runtime: a type and a message (CPython's message where CPython
 * has one). The caller reads it, clears it, or passes the failure up. */
#ifndef HEAPLAB_ERROR_H
#define HEAPLAB_ERROR_H

#include <stdbool.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum hl_exc {
    HL_EXC_NONE = 0,
    HL_EXC_TYPE_ERROR,
    HL_EXC_VALUE_ERROR,
    HL_EXC_INDEX_ERROR,
    HL_EXC_KEY_ERROR,
    HL_EXC_ZERO_DIVISION_ERROR,
    HL_EXC_OVERFLOW_ERROR,
    HL_EXC_MEMORY_ERROR,
    HL_EXC_RECURSION_ERROR,
    HL_EXC_NAME_ERROR,
    HL_EXC_UNBOUND_LOCAL_ERROR,
    HL_EXC_ATTRIBUTE_ERROR,
    HL_EXC_SYNTAX_ERROR,
    HL_EXC_INDENTATION_ERROR, /* a SyntaxError about indentation, named as CPython names it */
    HL_EXC_NOT_IMPLEMENTED_ERROR,
    HL_EXC_RUNTIME_ERROR,
    HL_EXC_ASSERTION_ERROR,
    HL_EXC_IMPORT_ERROR,
    HL_EXC_MODULE_NOT_FOUND_ERROR,
    HL_EXC_STOP_ITERATION,
    HL_EXC__COUNT
} hl_exc;

/* "TypeError", "IndexError", ... */
const char *hl_exc_name(hl_exc type);

/* Set the pending exception (replacing any). printf-style; the message is kept up to
 * HL_ERROR_MESSAGE_MAX bytes. Both return the failure signals so callers can write
 * `return hl_error_set(...)` in functions returning int or hl_value. */
#define HL_ERROR_MESSAGE_MAX 1024
int hl_error_set(hl_runtime *rt, hl_exc type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* KeyError's message is the repr of the key, as in CPython. */
int hl_error_key(hl_runtime *rt, hl_value key);
/* MemoryError with no message, as CPython's. Never allocates. */
int hl_error_nomem(hl_runtime *rt);

bool hl_error_occurred(const hl_runtime *rt);
hl_exc hl_error_type(const hl_runtime *rt);
/* The message alone ("list index out of range"); "" when none is pending. */
const char *hl_error_message(const hl_runtime *rt);
/* "IndexError: list index out of range", or "MemoryError" when the message is empty. */
const char *hl_error_string(hl_runtime *rt);
void hl_error_clear(hl_runtime *rt);

#ifdef __cplusplus
}
#endif

#endif
