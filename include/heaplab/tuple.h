/* heaplab/tuple.h: tuples, immutable; items stored inline. */
#ifndef HEAPLAB_TUPLE_H
#define HEAPLAB_TUPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A tuple of n items (copied from items, which may be NULL for n Nones to fill with
 * hl_tuple_init_item before anyone else sees the tuple). */
hl_value hl_tuple_new(hl_runtime *rt, const hl_value *items, size_t n);
bool hl_is_tuple(hl_value v);
size_t hl_tuple_size(hl_value t);
hl_value hl_tuple_get(hl_value t, size_t i);                 /* unchecked */
const hl_value *hl_tuple_items(hl_value t);
/* Fill slot i of a tuple just made by hl_tuple_new(rt, NULL, n) (with the write barrier: other
 * allocations may come between the two). */
void hl_tuple_init_item(hl_runtime *rt, hl_value t, size_t i, hl_value v);
hl_value hl_tuple_getitem(hl_runtime *rt, hl_value t, int64_t i); /* negative i counts from the end */
hl_value hl_tuple_slice(hl_runtime *rt, hl_value t, int64_t start, int64_t stop, int64_t step);
hl_value hl_tuple_concat(hl_runtime *rt, hl_value a, hl_value b);

#ifdef __cplusplus
}
#endif

#endif
