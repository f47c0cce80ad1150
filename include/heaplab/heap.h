/* heaplab/heap.h: what the runtime's heap backend holds, and live objects by type. */
#ifndef HEAPLAB_HEAP_H
#define HEAPLAB_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include "allocator.h"
#include "object.h"
#include "runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hl_heap_stats {
    const char *backend;
    size_t requested;       /* bytes requested and not yet freed (objects, buffers, bookkeeping) */
    size_t held;            /* bytes the allocator holds for them (usable sizes) */
    size_t peak_held;
    uint64_t allocs, frees; /* calls that succeeded */
    uint64_t failures;      /* allocations that failed (real or injected) */
    uint64_t total_requested; /* bytes requested over the runtime's life */
    hl_backend_stats own; /* the allocator's own figures, where it has them */
} hl_heap_stats;

void hl_heap_get_stats(hl_runtime *rt, hl_heap_stats *out);

/* Live heap objects of one type. Immediates (small ints, None, bools) are not objects and
 * never count. */
size_t hl_heap_count(hl_runtime *rt, hl_type type);

#ifdef __cplusplus
}
#endif

#endif
