/* heaplab/float.h: floats (IEEE doubles, boxed). */
#ifndef HEAPLAB_FLOAT_H
#define HEAPLAB_FLOAT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

hl_value hl_float_new(hl_runtime *rt, double d);
bool hl_is_float(hl_value v);
double hl_float_get(hl_value v); /* of a known float */
/* The number as a double (an int rounded to the nearest): float, int or bool; -1 with
 * TypeError otherwise, or OverflowError for an int beyond the largest double. */
int hl_number_as_double(hl_runtime *rt, hl_value v, double *out);

/* Python's repr of a double: the shortest string that reads back as the same double
 * ("0.1", "1e+16", "inf", "nan", "-0.0"). buf needs HL_FLOAT_REPR_MAX bytes; returns the length. */
#define HL_FLOAT_REPR_MAX 32
size_t hl_float_repr(double d, char *buf);

#ifdef __cplusplus
}
#endif

#endif
