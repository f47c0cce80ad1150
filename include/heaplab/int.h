/* heaplab/int.h: ints, 64-bit signed.
 *
 * In `tagged` mode an int within 63 bits is an immediate word and anything larger is boxed;
 * in `boxed` mode every int is a heap object and [-5, 256] are preallocated and shared.
 * Arithmetic whose result does not fit in 64 bits raises OverflowError (heaplab has no
 * big integers). bools are ints, as in Python: True behaves as 1. */
#ifndef HEAPLAB_INT_H
#define HEAPLAB_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A new int (or a shared one); HL_NOVALUE with MemoryError. */
hl_value hl_int_new(hl_runtime *rt, int64_t i);
/* True for ints, not for bools. */
bool hl_is_int(hl_value v);
/* The value of an int or bool; -1 with TypeError otherwise. */
int hl_int_value(hl_runtime *rt, hl_value v, int64_t *out);
/* The value of a known int or bool (no check). */
int64_t hl_int_get(hl_value v);

#ifdef __cplusplus
}
#endif

#endif
