/* heaplab/allocator.h: the heap backend interface.
 *
 * Every byte a runtime allocates goes through one backend, chosen per runtime at run time.
 * A backend is a table of functions over a private context (one per runtime), so a process
 * can hold runtimes on different backends side by side. The runtime does its own accounting
 * (bytes requested, bytes held, counts, peak) on top of whatever the backend reports. */
#ifndef HEAPLAB_ALLOCATOR_H
#define HEAPLAB_ALLOCATOR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a block holds. Only a collecting backend (Boehm) needs to tell the kinds apart:
 * it must scan REFS, ROOT and OBJECT_REFS blocks for references, must never reclaim ROOT or
 * INTERNAL blocks on its own, and must be able to enumerate the OBJECT blocks that survive a
 * collection (for_each_object). The others may ignore the kind. */
typedef enum hl_block_kind {
    HL_BLOCK_REFS,        /* may hold references to runtime objects; collectable (item buffers) */
    HL_BLOCK_DATA,        /* holds no references; collectable (hash indexes) */
    HL_BLOCK_ROOT,        /* holds references, lives until freed explicitly (runtime struct, root tables) */
    HL_BLOCK_INTERNAL,    /* holds no references the collector must see, lives until freed explicitly */
    HL_BLOCK_OBJECT_REFS, /* a runtime object that may hold references (list, tuple, dict, ...) */
    HL_BLOCK_OBJECT_DATA  /* a runtime object without references (str, float, boxed int) */
} hl_block_kind;

/* Backend flags. */
enum {
    HL_BACKEND_COLLECTS = 1u << 0,  /* the backend reclaims unreachable blocks itself (Boehm):
                                       heaplab's sweep stands aside and hl_gc_collect calls the
                                       backend's collect */
    HL_BACKEND_BULK_FREE = 1u << 1, /* destroy releases every block at once, so the runtime need
                                       not free its objects one by one when it is destroyed */
    HL_BACKEND_SIZE_CLASSES = 1u << 2 /* block_size depends on the requested size alone, in
                                         classes that are multiples of 8 bytes: the runtime
                                         remembers it per 8-byte granule of small requests */
};

/* The allocator's own figures, where it has them (0 where it has not). */
typedef struct hl_backend_stats {
    size_t mapped;     /* bytes the allocator has obtained from the OS for this context */
    size_t active;     /* bytes in pages/runs holding live blocks */
    size_t allocated;  /* bytes the allocator considers handed out */
    uint64_t collections; /* collecting backends: collections run so far (process-wide) */
} hl_backend_stats;

/* What a walk reports (heaplab/fragmentation.h turns it into fragmentation figures). */
typedef struct hl_heap_walker {
    /* A span of memory the context holds for its blocks (pages carved into runs or slabs,
     * resident pages of its mappings), in any order; overlapping spans count once. */
    void (*span)(void *data, const void *start, size_t size);
    /* A block in use (allocated, not freed), at the size the allocator gave it. */
    void (*block)(void *data, const void *start, size_t size);
    void *data;
} hl_heap_walker;

/* The bits a walk returns: what it reported. What it does not report, heaplab derives
 * (blocks from its own record of live blocks, spans from the blocks' pages). */
enum {
    HL_WALK_SPANS = 1u << 0,
    HL_WALK_BLOCKS = 1u << 1
};

typedef struct hl_backend {
    const char *name;         /* "system", "jemalloc", "mimalloc", "arena", "boehm" */
    const char *description;  /* one line for `heaplab backends` */
    unsigned flags;           /* HL_BACKEND_* */

    /* Make a private context. Returns NULL on failure, with a message in err (err may be NULL).
     * A context is used from one thread at a time; a mimalloc or boehm context only from the
     * thread that created it, destroy included (mimalloc heaps are thread-bound; Boehm scans
     * only the stacks of threads it knows, and create registers the creating thread). */
    void *(*create)(char *err, size_t errlen);
    /* Release the context and, for BULK_FREE backends, every block it still holds. */
    void (*destroy)(void *ctx);

    /* Allocate size bytes, 8-byte aligned at least, 16-byte aligned when size is a multiple
     * of 16. Returns NULL on failure; never aborts. The memory's contents are unspecified. */
    void *(*alloc)(void *ctx, size_t size, hl_block_kind kind);
    /* Grow or shrink a block of exactly old_size bytes (as for free); NULL means "not provided"
     * (the runtime allocates, copies and frees). On failure returns NULL and leaves the old
     * block untouched. */
    void *(*realloc)(void *ctx, void *block, size_t old_size, size_t new_size, hl_block_kind kind);
    /* Free a block allocated from this context with exactly this size. */
    void (*free)(void *ctx, void *block, size_t size);
    /* Bytes really held for a block of this requested size (the allocator's usable size). */
    size_t (*block_size)(void *ctx, void *block, size_t size);

    /* Collecting backends only (NULL otherwise): run a full collection. */
    void (*collect)(void *ctx);
    /* Collecting backends only: right after collect, call fn on every OBJECT_* block the
     * collection kept (in the whole process: the caller filters its own). */
    void (*for_each_object)(void *ctx, void (*fn)(void *object, void *data), void *data);
    /* Collecting backends only: a weak reference. *slot is set to NULL when obj becomes
     * unreachable; unregister before the slot's memory is freed or reused. 0 or -1. */
    int (*weak_register)(void *ctx, void **slot, void *obj);
    void (*weak_unregister)(void *ctx, void **slot);
    /* Collecting backends only: hold the backend's own collections off (hold != 0) or let
     * them run again; holds nest. */
    void (*hold_collections)(void *ctx, int hold);
    /* Does this block come from this context's allocator? For tests that prove where blocks
     * come from. NULL when the allocator cannot tell. */
    int (*owns)(void *ctx, const void *block);
    /* Fill the allocator's own figures; NULL when it has none. */
    void (*stats)(void *ctx, hl_backend_stats *out);
    /* Report the memory the context holds and the blocks in use to w, as far as the allocator
     * can say; returns HL_WALK_* bits for what it reported (0: nothing). A collecting backend
     * reports the blocks its last collection kept. Runs on the context's thread, with nothing
     * allocated from the context meanwhile (the walk may allocate from glibc). NULL: no walk. */
    unsigned (*walk)(void *ctx, const hl_heap_walker *w);
} hl_backend;

/* The backends compiled into this library, in a fixed order; count via hl_backend_count(). */
size_t hl_backend_count(void);
const hl_backend *hl_backend_at(size_t i);
/* Find a backend by name; NULL if there is none of that name. */
const hl_backend *hl_backend_find(const char *name);

#ifdef __cplusplus
}
#endif

#endif
