/* The `boehm` backend: Boehm-Demers-Weiser GC 8.2, which allocates and collects itself.
 *
 * Boehm keeps one heap per process, so contexts only count users; its collector finds
 * references by scanning stacks, registers, static data and the REFS/ROOT blocks it
 * allocated (never memory from glibc's malloc). Block kinds map to Boehm's:
 *   REFS -> GC_MALLOC (scanned, collectable)   DATA -> GC_MALLOC_ATOMIC (not scanned)
 *   ROOT -> GC_MALLOC_UNCOLLECTABLE (scanned, lives until freed)
 *   INTERNAL -> GC_MALLOC_ATOMIC_UNCOLLECTABLE
 *   OBJECT_REFS, OBJECT_DATA -> two kinds of our own, laid out as NORMAL and PTRFREE, so that
 *   the runtime's objects can be told from its buffers when the survivors are enumerated
 *   (allocating from them costs what GC_MALLOC does: measured 13 ns vs 16 ns per 32 bytes)
 *
 * The collector starts with the first context, not at load: Criterion forks a process per
 * test, and the collector must start in the process that uses it. Interior pointers are
 * off, so only a pointer to a block's start keeps it alive and sizes are exact (with them
 * on, every request grows by a byte: 16 -> 32). The thread that creates the first context
 * must be the main thread; another thread creating one is registered with the collector
 * while it holds contexts, since Boehm cannot collect from a thread it does not know. */
#define GC_THREADS
#include <gc/gc.h>
#include <gc/gc_inline.h>
#include <gc/gc_mark.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>

#include "backends.h"

static pthread_once_t gc_once = PTHREAD_ONCE_INIT;

static unsigned object_refs_kind, object_data_kind;

static void start_collector(void)
{
    GC_set_all_interior_pointers(0);
    GC_INIT();
    /* A failed allocation is the runtime's MemoryError; Boehm's own warning would only
     * repeat it on stderr. */
    GC_set_warn_proc(GC_ignore_warn_proc);
    GC_allow_register_threads();
    /* Descriptor 0 | GC_DS_LENGTH with the size added: scan the whole block (as NORMAL);
     * without the size: scan nothing (as PTRFREE). */
    object_refs_kind = GC_new_kind(GC_new_free_list(), 0 | GC_DS_LENGTH, 1, 1);
    object_data_kind = GC_new_kind(GC_new_free_list(), 0 | GC_DS_LENGTH, 0, 0);
}

static _Thread_local unsigned contexts_on_thread;
static _Thread_local int registered_by_us;

static int register_thread(void)
{
    if (GC_thread_is_registered())
        return 1;
    struct GC_stack_base base;
    if (GC_get_stack_base(&base) != GC_SUCCESS || GC_register_my_thread(&base) != GC_SUCCESS)
        return 0;
    registered_by_us = 1;
    return 1;
}

/* The context is a distinct address per runtime, and a count of the thread's contexts. */
static void *boehm_create(char *err, size_t errlen)
{
    pthread_once(&gc_once, start_collector);
    if (!register_thread()) {
        if (err)
            snprintf(err, errlen, "boehm backend: cannot register this thread with the collector");
        return NULL;
    }
    void *ctx = GC_MALLOC_ATOMIC_UNCOLLECTABLE(1);
    if (!ctx) {
        if (err)
            snprintf(err, errlen, "boehm backend: out of memory");
        return NULL;
    }
    contexts_on_thread++;
    return ctx;
}

/* Blocks still held stay until unreachable: Boehm reclaims them, not destroy. */
static void boehm_destroy(void *ctx)
{
    GC_FREE(ctx);
    if (--contexts_on_thread == 0 && registered_by_us) {
        GC_unregister_my_thread();
        registered_by_us = 0;
    }
}

static void *boehm_alloc(void *ctx, size_t size, hl_block_kind kind)
{
    (void)ctx;
    switch (kind) {
    case HL_BLOCK_REFS:
        return GC_MALLOC(size);
    case HL_BLOCK_DATA:
        return GC_MALLOC_ATOMIC(size);
    case HL_BLOCK_ROOT:
        return GC_MALLOC_UNCOLLECTABLE(size);
    case HL_BLOCK_INTERNAL:
        return GC_MALLOC_ATOMIC_UNCOLLECTABLE(size);
    case HL_BLOCK_OBJECT_REFS:
        return GC_malloc_kind(size, (int)object_refs_kind);
    case HL_BLOCK_OBJECT_DATA:
        return GC_malloc_kind(size, (int)object_data_kind);
    }
    return NULL;
}

/* GC_REALLOC keeps the block's kind. It frees the block when asked for 0 bytes, which
 * the interface does not allow, so 0 bytes is 1. */
static void *boehm_realloc(void *ctx, void *block, size_t old_size, size_t new_size,
                           hl_block_kind kind)
{
    (void)ctx;
    (void)old_size;
    (void)kind;
    return GC_REALLOC(block, new_size ? new_size : 1);
}

static void boehm_free(void *ctx, void *block, size_t size)
{
    (void)ctx;
    (void)size;
    GC_FREE(block);
}

static size_t boehm_block_size(void *ctx, void *block, size_t size)
{
    (void)ctx;
    (void)size;
    return GC_size(block);
}

static void boehm_collect(void *ctx)
{
    (void)ctx;
    GC_gcollect();
}

static void boehm_hold_collections(void *ctx, int hold)
{
    (void)ctx;
    if (hold)
        GC_disable();
    else
        GC_enable();
}

typedef struct object_visit {
    void (*fn)(void *object, void *data);
    void *data;
} object_visit;

static void GC_CALLBACK visit_if_object(void *block, size_t bytes, void *data)
{
    (void)bytes;
    int kind = GC_get_kind_and_size(block, NULL);
    if (kind == (int)object_refs_kind || kind == (int)object_data_kind) {
        object_visit *v = data;
        v->fn(block, v->data);
    }
}

static void *GC_CALLBACK enumerate_locked(void *data)
{
    GC_enumerate_reachable_objects_inner(visit_if_object, data);
    return NULL;
}

/* The mark bits of the last collection tell which blocks survived it. */
static void boehm_for_each_object(void *ctx, void (*fn)(void *object, void *data), void *data)
{
    (void)ctx;
    object_visit v = {fn, data};
    GC_call_with_alloc_lock(enumerate_locked, &v);
}

/* ---- the walk: the blocks the last collection kept, and the heap pages around them ---- */

typedef struct kept_blocks {
    void **items;
    size_t *sizes;
    size_t count, cap;
    bool failed;
} kept_blocks;

static void GC_CALLBACK keep_block(void *block, size_t bytes, void *data)
{
    kept_blocks *k = data;
    if (k->count == k->cap && !k->failed) {
        size_t cap = k->cap ? k->cap * 2 : 4096;
        void **items = hl_glibc_malloc(cap * sizeof *items);
        size_t *sizes = hl_glibc_malloc(cap * sizeof *sizes);
        if (!items || !sizes) {
            hl_glibc_free(items);
            hl_glibc_free(sizes);
            k->failed = true;
            return;
        }
        for (size_t i = 0; i < k->count; i++) {
            items[i] = k->items[i];
            sizes[i] = k->sizes[i];
        }
        hl_glibc_free(k->items);
        hl_glibc_free(k->sizes);
        k->items = items;
        k->sizes = sizes;
        k->cap = cap;
    }
    if (k->count < k->cap) {
        k->items[k->count] = block;
        k->sizes[k->count++] = bytes;
    }
}

static void *GC_CALLBACK keep_locked(void *data)
{
    GC_enumerate_reachable_objects_inner(keep_block, data);
    return NULL;
}

static int cmp_address(const void *x, const void *y)
{
    uintptr_t p = (uintptr_t)*(void *const *)x, q = (uintptr_t)*(void *const *)y;
    return (p > q) - (p < q);
}

#define BOEHM_PAGE ((uintptr_t)4096)

/* Boehm exports no list of its heap sections, but GC_is_heap_ptr says whether a page is in
 * one (free pages included): from each kept block the span grows page by page both ways
 * while the pages are Boehm's. So the spans are the heap sections that hold a kept block;
 * a section with none is not found. Process-wide, as Boehm's heap is. */
static unsigned boehm_walk(void *ctx, const hl_heap_walker *w)
{
    (void)ctx;
    kept_blocks k = {0};
    GC_call_with_alloc_lock(keep_locked, &k);
    if (k.failed) {
        hl_glibc_free(k.items);
        hl_glibc_free(k.sizes);
        return 0;
    }
    for (size_t i = 0; i < k.count; i++)
        w->block(w->data, k.items[i], k.sizes[i]);
    if (k.count)
        qsort(k.items, k.count, sizeof *k.items, cmp_address);
    uintptr_t covered = 0; /* the end of the last span reported */
    for (size_t i = 0; i < k.count; i++) {
        uintptr_t page = (uintptr_t)k.items[i] & ~(BOEHM_PAGE - 1);
        if (page < covered)
            continue;
        uintptr_t lo = page, hi = page + BOEHM_PAGE;
        while (lo - BOEHM_PAGE >= covered && lo > BOEHM_PAGE && GC_is_heap_ptr((void *)(lo - BOEHM_PAGE)))
            lo -= BOEHM_PAGE;
        while (GC_is_heap_ptr((void *)hi))
            hi += BOEHM_PAGE;
        w->span(w->data, (void *)lo, hi - lo);
        covered = hi;
    }
    hl_glibc_free(k.items);
    hl_glibc_free(k.sizes);
    return HL_WALK_SPANS | HL_WALK_BLOCKS;
}

static int boehm_weak_register(void *ctx, void **slot, void *obj)
{
    (void)ctx;
    return GC_general_register_disappearing_link(slot, obj) == GC_NO_MEMORY ? -1 : 0;
}

static void boehm_weak_unregister(void *ctx, void **slot)
{
    (void)ctx;
    GC_unregister_disappearing_link(slot);
}

/* Any Boehm block counts: contexts share the one heap. */
static int boehm_owns(void *ctx, const void *block)
{
    (void)ctx;
    return block && GC_base((void *)block) == block;
}

/* Process-wide figures. Boehm does not know which bytes are handed out (live) until it
 * collects, so `allocated` stays 0; `active` counts bytes in blocks not free. */
static void boehm_stats(void *ctx, hl_backend_stats *out)
{
    (void)ctx;
    GC_word heap = 0, free_bytes = 0, unmapped = 0, since_gc = 0, total = 0;
    GC_get_heap_usage_safe(&heap, &free_bytes, &unmapped, &since_gc, &total);
    out->mapped = heap;
    out->active = heap - free_bytes;
    out->allocated = 0;
    out->collections = GC_get_gc_no();
}

const hl_backend hl_backend_boehm = {
    .name = "boehm",
    .description = "Boehm GC 8.2: collects conservatively by itself (heaplab's sweep stands "
                   "aside), exact sizes, atomic blocks for data",
    .flags = HL_BACKEND_COLLECTS,
    .create = boehm_create,
    .destroy = boehm_destroy,
    .alloc = boehm_alloc,
    .realloc = boehm_realloc,
    .free = boehm_free,
    .block_size = boehm_block_size,
    .collect = boehm_collect,
    .hold_collections = boehm_hold_collections,
    .for_each_object = boehm_for_each_object,
    .weak_register = boehm_weak_register,
    .weak_unregister = boehm_weak_unregister,
    .owns = boehm_owns,
    .stats = boehm_stats,
    .walk = boehm_walk,
};
