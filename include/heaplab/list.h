/* heaplab/list.h: lists, mutable; items in a growable buffer. Indexes may be negative. */
#ifndef HEAPLAB_LIST_H
#define HEAPLAB_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

hl_value hl_list_new(hl_runtime *rt, size_t capacity);
/* A list holding items[0..n). */
hl_value hl_list_from(hl_runtime *rt, const hl_value *items, size_t n);
bool hl_is_list(hl_value v);
size_t hl_list_size(hl_value l);
hl_value *hl_list_items(hl_value l);   /* valid until the list next changes size */

/* 0, or -1 with an exception. */
int hl_list_append(hl_runtime *rt, hl_value l, hl_value v);
int hl_list_insert(hl_runtime *rt, hl_value l, int64_t i, hl_value v);
int hl_list_extend(hl_runtime *rt, hl_value l, hl_value iterable); /* list, tuple, str, dict, set */
int hl_list_set(hl_runtime *rt, hl_value l, int64_t i, hl_value v); /* IndexError: list assignment index out of range */
int hl_list_del(hl_runtime *rt, hl_value l, int64_t i);
int hl_list_clear(hl_runtime *rt, hl_value l);
int hl_list_reverse(hl_runtime *rt, hl_value l);
int hl_list_remove(hl_runtime *rt, hl_value l, hl_value v);         /* ValueError: list.remove(x): x not in list */
hl_value hl_list_get(hl_runtime *rt, hl_value l, int64_t i);        /* IndexError: list index out of range */
hl_value hl_list_pop(hl_runtime *rt, hl_value l, int64_t i);        /* IndexError: pop from empty list */
int64_t hl_list_index(hl_runtime *rt, hl_value l, hl_value v);      /* ValueError: 3 is not in list */
int64_t hl_list_count(hl_runtime *rt, hl_value l, hl_value v);
hl_value hl_list_slice(hl_runtime *rt, hl_value l, int64_t start, int64_t stop, int64_t step);
/* l.copy(), the same as l[:]: a new list holding the same items (a shallow copy). */
hl_value hl_list_copy(hl_runtime *rt, hl_value l);
hl_value hl_list_concat(hl_runtime *rt, hl_value a, hl_value b);
hl_value hl_list_repeat(hl_runtime *rt, hl_value l, int64_t n);
/* a[start:stop:step] = items (any iterable); ValueError "attempt to assign sequence of size 2
 * to extended slice of size 3" when step != 1 and the sizes differ. */
int hl_list_set_slice(hl_runtime *rt, hl_value l, int64_t start, int64_t stop, int64_t step, hl_value items);
int hl_list_del_slice(hl_runtime *rt, hl_value l, int64_t start, int64_t stop, int64_t step);
/* list.sort(): in place, stable, by Python's `<`, with CPython's algorithm (timsort), so the
 * same comparisons in the same order: the same order even for NaNs, and on TypeError ("'<' not
 * supported between instances of 'str' and 'int'") the list is left partly sorted exactly as
 * CPython leaves it (a permutation of its items). keys is HL_NOVALUE or a list of the same
 * length holding each item's sort key (what `key=` computed); it is not changed. */
int hl_list_sort(hl_runtime *rt, hl_value l, hl_value keys, bool reverse);
/* sorted(iterable): a new list of the items, sorted as hl_list_sort sorts (keys in the
 * items' iteration order); the iterable itself is left as it is. */
hl_value hl_list_sorted(hl_runtime *rt, hl_value iterable, hl_value keys, bool reverse);

/* A new list with every item of iterable (list, tuple, str, dict keys, set, range). */
hl_value hl_list_of(hl_runtime *rt, hl_value iterable);

#ifdef __cplusplus
}
#endif

#endif
