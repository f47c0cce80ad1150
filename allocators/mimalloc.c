/* The `mimalloc` backend: a private mi_heap_t per context; the context is the heap itself.
 *
 * mimalloc 2.0.9 heaps allocate only on the thread that created them, so a context must be
 * created, allocated from and destroyed on one thread (heaplab runs one runtime per thread);
 * blocks may be freed from any thread. mi_heap_destroy frees every block still held.
 *
 * Under valgrind, pass --soname-synonyms=somalloc=nouserintercepts: mi_free is the same
 * function as libmimalloc's exported `free`, which valgrind replaces by default, so every
 * mi_free (also those inside mi_heap_realloc) would reach valgrind's free ("Invalid free"). */
#include <mimalloc.h>
#include <stdio.h>

#include "backends.h"

static void *mimalloc_create(char *err, size_t errlen)
{
    mi_heap_t *heap = mi_heap_new();
    if (!heap && err)
        snprintf(err, errlen, "mimalloc backend: mi_heap_new failed");
    return heap;
}

static void mimalloc_destroy(void *ctx) { mi_heap_destroy(ctx); }

static void *mimalloc_alloc(void *ctx, size_t size, hl_block_kind kind)
{
    (void)kind;
    return mi_heap_malloc(ctx, size);
}

static void *mimalloc_realloc(void *ctx, void *block, size_t old_size, size_t new_size,
                        hl_block_kind kind)
{
    (void)old_size;
    (void)kind;
    return mi_heap_realloc(ctx, block, new_size);
}

/* mi_free_size would only ignore the size (2.0.9), so call mi_free itself. */
static void mimalloc_free(void *ctx, void *block, size_t size)
{
    (void)ctx;
    (void)size;
    mi_free(block);
}

/* A small block's usable size is its size class's (mi_good_size of the request: checked for
 * every request up to 1 KiB), so the backend is flagged HL_BACKEND_SIZE_CLASSES and the runtime
 * asks once per 8-byte granule: asking on every allocation and free was 7% of a deep copy. */
static size_t mimalloc_block_size(void *ctx, void *block, size_t size)
{
    (void)ctx;
    (void)size;
    return mi_usable_size(block);
}

/* Walks the heap's pages, so any address is safe to ask about. (mi_heap_contains_block reads
 * a segment header below the address, unmapped for a foreign one; mimalloc's segment map
 * behind mi_is_in_heap_region misses segments mapped above 20 TiB, as under ASan.) */
static int mimalloc_owns(void *ctx, const void *block)
{
    return mi_heap_check_owned(ctx, block);
}

static bool add_area(const mi_heap_t *heap, const mi_heap_area_t *area, void *block,
                     size_t block_size, void *arg)
{
    (void)heap;
    (void)block;
    (void)block_size;
    hl_backend_stats *out = arg;
    out->mapped += area->reserved;
    out->active += area->committed;
    out->allocated += area->used * area->block_size;
    return true;
}

/* Walks the heap's pages (areas), not its blocks: on the heap's own thread only. */
static void mimalloc_stats(void *ctx, hl_backend_stats *out)
{
    *out = (hl_backend_stats){0};
    mi_heap_visit_blocks(ctx, false, add_area, out);
}

/* Each area (a mimalloc page: blocks of one size) is a span of its committed bytes; the
 * blocks visited are those in use. */
static bool walk_visit(const mi_heap_t *heap, const mi_heap_area_t *area, void *block,
                       size_t block_size, void *arg)
{
    (void)heap;
    const hl_heap_walker *w = arg;
    if (block)
        w->block(w->data, block, block_size);
    else
        w->span(w->data, area->blocks, area->committed);
    return true;
}

static unsigned mimalloc_walk(void *ctx, const hl_heap_walker *w)
{
    mi_heap_visit_blocks(ctx, true, walk_visit, (void *)w);
    return HL_WALK_SPANS | HL_WALK_BLOCKS;
}

const hl_backend hl_backend_mimalloc = {
    .name = "mimalloc",
    .description = "mimalloc 2.0 private mi_heap_t per context (one thread), "
                   "mi_heap_destroy frees it at once",
    .flags = HL_BACKEND_BULK_FREE | HL_BACKEND_SIZE_CLASSES,
    .create = mimalloc_create,
    .destroy = mimalloc_destroy,
    .alloc = mimalloc_alloc,
    .realloc = mimalloc_realloc,
    .free = mimalloc_free,
    .block_size = mimalloc_block_size,
    .owns = mimalloc_owns,
    .stats = mimalloc_stats,
    .walk = mimalloc_walk,
};
