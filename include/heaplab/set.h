/* heaplab/set.h: sets, open addressing with CPython's probing, so iteration order matches
 * CPython's for the same insertions (for strings, with PYTHONHASHSEED=0). */
#ifndef HEAPLAB_SET_H
#define HEAPLAB_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

hl_value hl_set_new(hl_runtime *rt);
/* A new set of every item of iterable (list, tuple, str, dict keys, set, range). */
hl_value hl_set_of(hl_runtime *rt, hl_value iterable);
/* s.copy(): a new set of the same items, in CPython's order for a copy (a shallow copy). */
hl_value hl_set_copy(hl_runtime *rt, hl_value s);
bool hl_is_set(hl_value v);
size_t hl_set_size(hl_value s);

int hl_set_add(hl_runtime *rt, hl_value s, hl_value item);       /* 0 or -1 */
int hl_set_contains(hl_runtime *rt, hl_value s, hl_value item);  /* 1, 0, -1 */
int hl_set_discard(hl_runtime *rt, hl_value s, hl_value item);   /* 1 removed, 0 absent, -1 */
int hl_set_remove(hl_runtime *rt, hl_value s, hl_value item);    /* KeyError when absent */
int hl_set_clear(hl_runtime *rt, hl_value s);
/* Iterate in table order: start with *pos = 0; the set must not change size meanwhile. */
bool hl_set_next(hl_value s, size_t *pos, hl_value *item);

hl_value hl_set_union(hl_runtime *rt, hl_value a, hl_value b);
hl_value hl_set_intersection(hl_runtime *rt, hl_value a, hl_value b);
hl_value hl_set_difference(hl_runtime *rt, hl_value a, hl_value b);
hl_value hl_set_symmetric_difference(hl_runtime *rt, hl_value a, hl_value b);
int hl_set_is_subset(hl_runtime *rt, hl_value a, hl_value b);   /* a <= b */

/* In place, as CPython's methods and the augmented operators |=, -=, &=, ^= (0 or -1):
 * s.update(iterable), s.difference_update(iterable), and with a set other
 * s.intersection_update(other), s.symmetric_difference_update(other). */
int hl_set_update(hl_runtime *rt, hl_value s, hl_value iterable);
int hl_set_difference_update(hl_runtime *rt, hl_value s, hl_value iterable);
int hl_set_intersection_update(hl_runtime *rt, hl_value s, hl_value other);
int hl_set_symmetric_difference_update(hl_runtime *rt, hl_value s, hl_value other);

#ifdef __cplusplus
}
#endif

#endif
