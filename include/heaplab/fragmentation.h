/* heaplab/fragmentation.h: how the backend's memory is used after a full collection.
 *
 * The figures compare what the backend holds with what is live: the spans of memory it holds
 * (its runs, slabs, pages, mappings), the live blocks in them (objects, their buffers, the
 * runtime's own tables), the largest free stretch between live blocks, and the 4 KiB pages
 * that hold a live byte. The backend reports what it can (hl_backend.walk); heaplab derives the
 * rest: the blocks from its record of live blocks (hl_config.track_blocks), the spans from the
 * pages of blocks the backend's spans do not cover. */
#ifndef HEAPLAB_FRAGMENTATION_H
#define HEAPLAB_FRAGMENTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HL_FRAG_PAGE 4096

typedef struct hl_fragmentation {
    const char *backend;
    size_t held;         /* bytes in the spans the backend holds, and in the pages of any live
                            block outside them */
    size_t live;         /* bytes requested by the live blocks (heaplab's count; on boehm, the
                            sizes of the blocks its collection kept, whole process) */
    size_t objects_live; /* of live, the bytes of the objects and the buffers they own (the
                            rest: the runtime's own tables, the front end's code) */
    size_t in_blocks;    /* bytes of the live blocks at the sizes the allocator gave them */
    size_t blocks;       /* live blocks */
    size_t largest_free; /* the longest stretch of held memory that no live block overlaps */
    size_t pages_held;   /* 4 KiB pages of held memory */
    size_t pages_live;   /* of those, the pages that hold a byte of a live block */
    size_t backend_active; /* the allocator's own count of bytes in pages it uses for blocks
                              (hl_backend_stats.active), 0 where it has none */
    bool spans_from_backend;  /* the spans are the backend's (else: the live blocks' pages) */
    bool blocks_from_backend; /* the blocks are the backend's (else: heaplab's record) */
} hl_fragmentation;

/* Called for every held page, in address order: its address and the live bytes in it. */
typedef void (*hl_heap_map_fn)(void *data, uintptr_t page, size_t live_bytes);

/* Run a full collection (its sweep finished), then take the figures and, if page is not NULL,
 * call it for every held page. 0, or -1 with an exception pending: RuntimeError when the live
 * blocks cannot be known (a backend that cannot list them and track_blocks off, or a record
 * that could not grow), MemoryError when the walk finds no memory. */
int hl_fragmentation_measure(hl_runtime *rt, hl_fragmentation *out, hl_heap_map_fn page, void *data);

#ifdef __cplusplus
}
#endif

#endif
