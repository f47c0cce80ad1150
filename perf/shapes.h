/* perf/shapes.h: the heaps the benchmarks copy and collect, built through the public API.
 * perf/peers/ builds the very same shapes in Python and Lua, so the figures compare.
 *
 * Each returns the structure (the caller roots it) or HL_NOVALUE with the error pending.
 * Ints are tagged words in the default int mode, so the object counts are lists and dicts. */
#ifndef HEAPLAB_PERF_SHAPES_H
#define HEAPLAB_PERF_SHAPES_H

#include <stdbool.h>
#include <stddef.h>

#include "heaplab/heaplab.h"

/* A binary tree of n lists [left, right, i]: node i's children are nodes 2i+1 and 2i+2
 * (None where there is none). In allocation order node i is the i-th list allocated; in
 * random order the tree positions are given to the allocated lists in a shuffled order
 * (a fixed seed), so marking it jumps around memory. */
hl_value perf_tree(hl_runtime *rt, size_t n, bool random_order);

/* The same tree with a back edge per node: [left, right, parent], the root its own parent. */
hl_value perf_cyclic_tree(hl_runtime *rt, size_t n);

/* A list of n - 1 dicts {"a": i, "b": i}: n objects. */
hl_value perf_dict_list(hl_runtime *rt, size_t n);

/* n - 1 lists [i, i], each referenced 4 times from one outer list (item k is inner k mod
 * (n - 1)): n objects, four references to each inner list. */
hl_value perf_shared(hl_runtime *rt, size_t n);

/* A list of the ints 0 .. n - 1. */
hl_value perf_int_list(hl_runtime *rt, size_t n);

#endif
