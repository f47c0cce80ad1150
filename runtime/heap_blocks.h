/* Internal: heaplab's record of every live block (address and size), kept by heap.c when
 * hl_config.track_blocks is on, for fragmentation figures on backends that cannot list their
 * blocks (glibc, jemalloc). An open-addressing table in mmapped memory of its own, so that
 * it neither comes from the backend it describes nor lands in glibc's heap. */
#ifndef HEAPLAB_RUNTIME_HEAP_BLOCKS_H
#define HEAPLAB_RUNTIME_HEAP_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hl_block_entry {
    uintptr_t address; /* 0: an empty slot */
    size_t size;       /* the bytes the backend holds for it (its usable size) */
} hl_block_entry;

typedef struct hl_blocks {
    hl_block_entry *slots;
    size_t capacity; /* a power of two, or 0 */
    size_t count;
    bool on;   /* recording */
    bool lost; /* a block could not be recorded (no memory): the record is incomplete */
} hl_blocks;

void hl_blocks_add(hl_blocks *b, const void *p, size_t size);
void hl_blocks_remove(hl_blocks *b, const void *p);
void hl_blocks_release(hl_blocks *b);

#endif
