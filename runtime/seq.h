/* Internal: Python's index and slice arithmetic, shared by str, tuple and list. */
#ifndef HEAPLAB_RUNTIME_SEQ_H
#define HEAPLAB_RUNTIME_SEQ_H

#include <stddef.h>
#include <stdint.h>

#include "heaplab/runtime.h"

/* A negative i counts from the end. Returns the index in [0, len), or -1 with IndexError
 * carrying msg ("list index out of range"). */
int64_t hl_seq_index(hl_runtime *rt, int64_t i, size_t len, const char *msg);

/* Resolve a slice against a sequence of len items (PySlice_AdjustIndices): *start and *stop
 * may be HL_SLICE_OMITTED on entry. Returns the number of items selected, or -1 with
 * ValueError for step 0. */
int64_t hl_seq_slice(hl_runtime *rt, size_t len, int64_t *start, int64_t *stop, int64_t step);

#endif
