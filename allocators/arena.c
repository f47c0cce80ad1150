/* The `arena` backend: heaplab's own allocator.
 *
 * Small blocks (up to ARENA_SMALL_MAX bytes) are rounded up to one of 52 size classes:
 * 8..128 in steps of 8, 144..256 in steps of 16, then four classes per doubling up to 32 KiB.
 * Each class pops its free list, or else bumps a pointer through its current run: a stretch
 * of a chunk carved for that class alone. Chunks are mmapped, 1 MiB first and doubling up to
 * 32 MiB; the context itself lives at the start of its first chunk. Larger blocks get a
 * mapping each, with a small header linking them so destroy can find them; a freed one is kept
 * (up to ARENA_LARGE_CACHE bytes) for the next request of the same mapped size, so a list
 * copied again and again does not fault in fresh pages each time. Because `free`
 * receives the size, the class comes from the size: no block carries a header.
 *
 * Blocks are 8-byte aligned; a block whose requested size is a multiple of 16 is 16-byte
 * aligned (runs start 64-byte aligned and every such class size is a multiple of 16).
 * Freed memory is reused by its own class until destroy, which unmaps the large blocks and
 * hands the chunks to a process-wide cache for later contexts (up to 64 MiB; the rest is
 * unmapped).
 * Under AddressSanitizer free blocks and uncarved runs are poisoned, so a use after free
 * through this backend is reported as it would be with malloc. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sanitizer/asan_interface.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "backends.h"

#define ARENA_SMALL_MAX 32768
#define ARENA_CLASSES 52
#define ARENA_RUN_MIN (64 * 1024)   /* a run is this or 8 blocks of its class, the larger */
#define ARENA_FIRST_CHUNK (1u << 20)
#define ARENA_MAX_CHUNK (32u << 20)
#define ARENA_CACHE_MAX (64u << 20) /* chunks kept for reuse after their context is gone */
#define ARENA_LARGE_CACHE (64u << 20) /* freed large mappings a context keeps for reuse */
#define ARENA_LARGE_CACHED_MAX 256    /* ... and at most this many of them */
#define ARENA_ALIGN 64              /* headers are padded so runs and large blocks start here */

#define ROUND_UP(n, a) (((n) + (a) - 1) & ~((size_t)(a) - 1))

typedef struct free_block {
    struct free_block *next;
} free_block;

typedef struct size_class {
    free_block *free;  /* freed blocks, reused first (LIFO: the most recently touched) */
    char *bump;        /* next never-used block of the current run */
    char *end;         /* end of the current run */
    size_t size;
} size_class;

typedef struct chunk {
    struct chunk *next;  /* older chunk */
    size_t size;
} chunk;

/* A run carved for a class: the arena's page table, read only by walks (arena_walk.c). */
typedef struct run_record {
    char *start;
    uint32_t size;   /* bytes carved, a whole number of blocks or less than one more */
    uint8_t cls;
} run_record;

typedef struct large_block {
    struct large_block *prev, *next;
    size_t map_size;  /* bytes mapped, this header included */
} large_block;

#define CHUNK_HEADER ROUND_UP(sizeof(chunk), ARENA_ALIGN)
#define LARGE_HEADER ROUND_UP(sizeof(large_block), ARENA_ALIGN)

typedef struct arena {
    size_class classes[ARENA_CLASSES];
    size_t carved[ARENA_CLASSES]; /* blocks each class has bumped out of its runs */
    size_t large_allocated;   /* usable bytes of the large blocks */
    size_t active;            /* bytes carved into runs + large mappings */
    size_t mapped;            /* chunks + large mappings */
    char *chunk_free;         /* uncarved rest of the newest chunk */
    char *chunk_end;
    size_t next_chunk_size;
    chunk *chunks;            /* newest first; the last one holds this struct */
    large_block *large;
    large_block *large_cache; /* freed large mappings, newest first (counted in mapped) */
    size_t large_cached, large_cached_count;
    run_record *runs;         /* every run carved, oldest first, in mmapped memory of its own */
    size_t nruns, runs_capacity;
} arena;

/* Class index by 8-byte granule of the requested size: class_of_granule[(size + 7) / 8]. */
static uint8_t class_of_granule[ARENA_SMALL_MAX / 8 + 1];
static uint32_t class_size[ARENA_CLASSES];
static size_t page_size;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void build_tables(void)
{
    size_t n = 0;
    for (uint32_t s = 8; s <= 128; s += 8)
        class_size[n++] = s;
    for (uint32_t s = 144; s <= 256; s += 16)
        class_size[n++] = s;
    for (uint32_t p = 256; p < ARENA_SMALL_MAX; p *= 2)
        for (uint32_t q = 1; q <= 4; q++)
            class_size[n++] = p + p / 4 * q;
    for (size_t g = 0, c = 0; g <= ARENA_SMALL_MAX / 8; g++) {
        while (class_size[c] < g * 8)
            c++;
        class_of_granule[g] = (uint8_t)c;
    }
    page_size = (size_t)sysconf(_SC_PAGESIZE);
}

static void *map_pages(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* ASan keeps its poison on an address after munmap; clear it so a later mapping there
 * (ours or anyone's) does not start out poisoned. */
static void unmap_pages(void *p, size_t size)
{
    ASAN_UNPOISON_MEMORY_REGION(p, size);
    munmap(p, size);
}

/* Chunks of destroyed contexts, kept for the next contexts up to ARENA_CACHE_MAX bytes in
 * all: a new runtime then starts on pages already faulted in (filling one with 32-byte
 * blocks took ~16 ns a block on fresh pages, ~3.5 ns on cached ones). mimalloc does the
 * same with its segments. Process-wide, hence the lock; only chunk refills and destroy
 * take it. */
static struct {
    pthread_mutex_t lock;
    chunk *chunks;
    size_t bytes;
} cache = {PTHREAD_MUTEX_INITIALIZER, NULL, 0};

static chunk *map_chunk(size_t size)
{
    pthread_mutex_lock(&cache.lock);
    for (chunk **p = &cache.chunks; *p; p = &(*p)->next) {
        if ((*p)->size == size) {
            chunk *c = *p;
            *p = c->next;
            cache.bytes -= size;
            pthread_mutex_unlock(&cache.lock);
            return c;
        }
    }
    pthread_mutex_unlock(&cache.lock);
    chunk *c = map_pages(size);
    if (c)
        c->size = size;
    return c;
}

static void release_chunk(chunk *c)
{
    size_t size = c->size;
    ASAN_UNPOISON_MEMORY_REGION(c, size);
    pthread_mutex_lock(&cache.lock);
    if (cache.bytes + size <= ARENA_CACHE_MAX) {
        c->next = cache.chunks;
        cache.chunks = c;
        cache.bytes += size;
        c = NULL;
    }
    pthread_mutex_unlock(&cache.lock);
    if (c)
        unmap_pages(c, size);
}

static void push_chunk(arena *a, chunk *c, size_t used)
{
    c->next = a->chunks;
    a->chunks = c;
    a->chunk_free = (char *)c + used;
    a->chunk_end = (char *)c + c->size;
    a->mapped += c->size;
}

/* ---- small blocks ---- */

static size_t run_bytes(size_t class_bytes)
{
    return class_bytes * 8 > ARENA_RUN_MIN ? class_bytes * 8 : ARENA_RUN_MIN;
}

/* Note a run in the page table; false if the table cannot grow (the allocation fails). A
 * run is 64 KiB at least, so the table stays small: 16 bytes per 64 KiB carved. */
static bool record_run(arena *a, char *start, size_t size, ptrdiff_t cls)
{
    if (a->nruns == a->runs_capacity) {
        size_t old = a->runs_capacity * sizeof *a->runs;
        size_t bytes = old ? old * 2 : page_size;
        void *p = old ? mremap(a->runs, old, bytes, MREMAP_MAYMOVE) : map_pages(bytes);
        if (!p || p == MAP_FAILED)
            return false;
        a->runs = p;
        a->runs_capacity = bytes / sizeof *a->runs;
    }
    a->runs[a->nruns++] = (run_record){start, (uint32_t)size, (uint8_t)cls};
    return true;
}

/* The class's free list is empty: bump through its run. When the run is used up, carve a
 * new one from the newest chunk (its remainder, if a full run no longer fits but a block
 * does), mapping a new chunk first if needed; what is left of the old run, less than a
 * block, stays unused. Out of line, so the free-list path stays a leaf function. */
static __attribute__((noinline)) void *alloc_fresh(arena *a, size_class *c)
{
    if ((size_t)(c->end - c->bump) < c->size) {
        size_t want = run_bytes(c->size);
        size_t left = (size_t)(a->chunk_end - a->chunk_free);
        if (left < c->size) {
            size_t size = a->next_chunk_size;
            while (size < CHUNK_HEADER + want)
                size *= 2;
            chunk *fresh = map_chunk(size);
            if (!fresh)
                return NULL;
            push_chunk(a, fresh, CHUNK_HEADER);
            if (a->next_chunk_size < ARENA_MAX_CHUNK)
                a->next_chunk_size *= 2;
            left = (size_t)(a->chunk_end - a->chunk_free);
        }
        size_t run = left < want ? left : want;
        if (!record_run(a, a->chunk_free, run, c - a->classes))
            return NULL;
        ASAN_POISON_MEMORY_REGION(a->chunk_free, run);
        c->bump = a->chunk_free;
        c->end = a->chunk_free + run;
        a->chunk_free += run;
        a->active += run;
    }
    void *b = c->bump;
    c->bump += c->size;
    a->carved[c - a->classes]++;
    ASAN_UNPOISON_MEMORY_REGION(b, c->size);
    return b;
}

/* ---- large blocks: one mapping each ---- */

static size_t large_map_size(size_t size)
{
    return ROUND_UP(size + LARGE_HEADER, page_size);
}

static void link_large(arena *a, large_block *h)
{
    h->prev = NULL;
    h->next = a->large;
    if (h->next)
        h->next->prev = h;
    a->large = h;
}

static void unlink_large(arena *a, large_block *h)
{
    if (h->prev)
        h->prev->next = h->next;
    else
        a->large = h->next;
    if (h->next)
        h->next->prev = h->prev;
}

/* A cached mapping of exactly this size, taken out of the cache; NULL if there is none. Its
 * pages are resident: mmap would hand out fresh ones, each zeroed on its first touch
 * (copying a list of 1M items into fresh pages took 3.4 ns an item, into resident ones 0.6). */
static large_block *take_cached(arena *a, size_t map)
{
    for (large_block **p = &a->large_cache; *p; p = &(*p)->next) {
        large_block *h = *p;
        if (h->map_size == map) {
            *p = h->next;
            a->large_cached -= map;
            a->large_cached_count--;
            ASAN_UNPOISON_MEMORY_REGION((char *)h + LARGE_HEADER, map - LARGE_HEADER);
            return h;
        }
    }
    return NULL;
}

static bool cache_large(arena *a, large_block *h)
{
    if (a->large_cached + h->map_size > ARENA_LARGE_CACHE || a->large_cached_count == ARENA_LARGE_CACHED_MAX)
        return false;
    h->next = a->large_cache;
    a->large_cache = h;
    a->large_cached += h->map_size;
    a->large_cached_count++;
    ASAN_POISON_MEMORY_REGION((char *)h + LARGE_HEADER, h->map_size - LARGE_HEADER);
    return true;
}

static __attribute__((noinline)) void *large_alloc(arena *a, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t map = large_map_size(size);
    large_block *h = take_cached(a, map);
    if (!h) {
        h = map_pages(map);
        if (!h)
            return NULL;
        h->map_size = map;
        a->mapped += map;
    }
    link_large(a, h);
    a->active += map;
    a->large_allocated += map - LARGE_HEADER;
    return (char *)h + LARGE_HEADER;
}

static __attribute__((noinline)) void large_free(arena *a, void *block)
{
    large_block *h = (large_block *)((char *)block - LARGE_HEADER);
    unlink_large(a, h);
    a->active -= h->map_size;
    a->large_allocated -= h->map_size - LARGE_HEADER;
    if (cache_large(a, h))
        return;
    a->mapped -= h->map_size;
    unmap_pages(h, h->map_size);
}

/* Large to large: let the kernel move the pages instead of copying them. */
static void *large_realloc(arena *a, void *block, size_t new_size)
{
    if (new_size > SIZE_MAX / 2)
        return NULL;
    large_block *h = (large_block *)((char *)block - LARGE_HEADER);
    size_t old_map = h->map_size, new_map = large_map_size(new_size);
    if (new_map == old_map)
        return block;
    unlink_large(a, h);
    large_block *moved = mremap(h, old_map, new_map, MREMAP_MAYMOVE);
    if (moved == MAP_FAILED) {
        link_large(a, h);
        return NULL;
    }
    moved->map_size = new_map;
    link_large(a, moved);
    a->mapped += new_map - old_map;
    a->active += new_map - old_map;
    a->large_allocated += new_map - old_map;
    return (char *)moved + LARGE_HEADER;
}

/* ---- the backend ---- */

static void *arena_create(char *err, size_t errlen)
{
    pthread_once(&tables_once, build_tables);
    chunk *first = map_chunk(ARENA_FIRST_CHUNK);
    if (!first) {
        if (err)
            snprintf(err, errlen, "arena backend: cannot map its first chunk");
        return NULL;
    }
    arena *a = (arena *)((char *)first + CHUNK_HEADER);
    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < ARENA_CLASSES; i++)
        a->classes[i].size = class_size[i];
    a->next_chunk_size = ARENA_FIRST_CHUNK * 2;
    push_chunk(a, first, CHUNK_HEADER + ROUND_UP(sizeof *a, ARENA_ALIGN));
    return a;
}

static void arena_destroy(void *ctx)
{
    arena *a = ctx;
    for (large_block *h = a->large, *next; h; h = next) {
        next = h->next;
        unmap_pages(h, h->map_size);
    }
    for (large_block *h = a->large_cache, *next; h; h = next) {
        next = h->next;
        unmap_pages(h, h->map_size);
    }
    if (a->runs)
        munmap(a->runs, a->runs_capacity * sizeof *a->runs);
    /* The oldest chunk holds `a` itself and comes last. */
    for (chunk *c = a->chunks, *next; c; c = next) {
        next = c->next;
        release_chunk(c);
    }
}

static void *arena_alloc(void *ctx, size_t size, hl_block_kind kind)
{
    (void)kind;
    arena *a = ctx;
    if (__builtin_expect(size > ARENA_SMALL_MAX, 0))
        return large_alloc(a, size);
    size_class *c = &a->classes[class_of_granule[(size + 7) >> 3]];
    free_block *b = c->free;
    if (__builtin_expect(b == NULL, 0))
        return alloc_fresh(a, c);
    ASAN_UNPOISON_MEMORY_REGION(b, c->size);
    c->free = b->next;
    return b;
}

static void arena_free(void *ctx, void *block, size_t size)
{
    arena *a = ctx;
    if (!block)
        return;
    if (__builtin_expect(size > ARENA_SMALL_MAX, 0)) {
        large_free(a, block);
        return;
    }
    size_class *c = &a->classes[class_of_granule[(size + 7) >> 3]];
    free_block *f = block;
    f->next = c->free;
    c->free = f;
    ASAN_POISON_MEMORY_REGION(f, c->size);
}

static size_t arena_block_size(void *ctx, void *block, size_t size)
{
    (void)ctx;
    (void)block;
    if (size > ARENA_SMALL_MAX)
        return large_map_size(size) - LARGE_HEADER;
    return class_size[class_of_granule[(size + 7) >> 3]];
}

static void *arena_realloc(void *ctx, void *block, size_t old_size, size_t new_size,
                           hl_block_kind kind)
{
    int old_large = old_size > ARENA_SMALL_MAX, new_large = new_size > ARENA_SMALL_MAX;
    if (old_large && new_large)
        return large_realloc(ctx, block, new_size);
    if (!old_large && !new_large
        && class_of_granule[(old_size + 7) >> 3] == class_of_granule[(new_size + 7) >> 3])
        return block;
    void *moved = arena_alloc(ctx, new_size, kind);
    if (!moved)
        return NULL;
    memcpy(moved, block, old_size < new_size ? old_size : new_size);
    arena_free(ctx, block, old_size);
    return moved;
}

static int arena_owns(void *ctx, const void *block)
{
    arena *a = ctx;
    const char *p = block;
    if (p >= (char *)a && p < (char *)(a + 1))
        return 0;
    for (chunk *c = a->chunks; c; c = c->next)
        if (p >= (char *)c + CHUNK_HEADER && p < (char *)c + c->size)
            return 1;
    for (large_block *h = a->large; h; h = h->next)
        if (p == (char *)h + LARGE_HEADER)
            return 1;
    return 0;
}

static size_t free_list_length(const size_class *c)
{
    size_t n = 0;
    for (free_block *f = c->free, *next; f; f = next, n++) {
        ASAN_UNPOISON_MEMORY_REGION(f, sizeof *f);
        next = f->next;
        ASAN_POISON_MEMORY_REGION(f, sizeof *f);
    }
    return n;
}

/* The fast paths keep no byte count: a counter updated on every alloc and free is a chain
 * of read-modify-writes through memory that made an alloc+free pair ~2 ns slower (5.0 ns
 * instead of 2.7). So `allocated` is worked out here, walking the free lists: a cost in
 * the number of free blocks, for reports, not for every collection. */
static void arena_stats(void *ctx, hl_backend_stats *out)
{
    arena *a = ctx;
    out->mapped = a->mapped;
    out->active = a->active;
    out->allocated = a->large_allocated;
    for (size_t i = 0; i < ARENA_CLASSES; i++)
        out->allocated += (a->carved[i] - free_list_length(&a->classes[i])) * a->classes[i].size;
}

static int cmp_address(const void *x, const void *y)
{
    uintptr_t p = (uintptr_t)*(char *const *)x, q = (uintptr_t)*(char *const *)y;
    return (p > q) - (p < q);
}

/* One class's free blocks, sorted by address (glibc memory: the walk must not allocate from
 * the arena it walks). NULL with *n = 0 for an empty list; NULL with *n > 0 for no memory. */
static char **sorted_free_list(const size_class *c, size_t *n)
{
    *n = free_list_length(c);
    char **out = *n ? hl_glibc_malloc(*n * sizeof *out) : NULL;
    if (!out)
        return NULL;
    size_t i = 0;
    for (free_block *f = c->free, *next; f; f = next) {
        ASAN_UNPOISON_MEMORY_REGION(f, sizeof *f);
        next = f->next;
        ASAN_POISON_MEMORY_REGION(f, sizeof *f);
        out[i++] = (char *)f;
    }
    qsort(out, *n, sizeof *out, cmp_address);
    return out;
}

/* From the page table: every run and large mapping is a span; a run's blocks in use are those
 * bumped out of it (all of it, but for the class's current run) and not on the free list. */
static unsigned arena_walk(void *ctx, const hl_heap_walker *w)
{
    arena *a = ctx;
    char **free_of[ARENA_CLASSES];
    size_t nfree[ARENA_CLASSES];
    bool blocks_known = true;
    for (size_t i = 0; i < ARENA_CLASSES; i++) {
        free_of[i] = sorted_free_list(&a->classes[i], &nfree[i]);
        blocks_known = blocks_known && (free_of[i] || nfree[i] == 0);
    }
    for (size_t i = 0; i < a->nruns; i++) {
        const run_record *r = &a->runs[i];
        const size_class *c = &a->classes[r->cls];
        char *end = r->start + r->size;
        w->span(w->data, r->start, r->size);
        if (c->end == end)
            end = c->bump;
        for (char *b = r->start; blocks_known && b + c->size <= end; b += c->size)
            if (!nfree[r->cls] || !bsearch(&b, free_of[r->cls], nfree[r->cls], sizeof b, cmp_address))
                w->block(w->data, b, c->size);
    }
    for (large_block *h = a->large; h; h = h->next) {
        w->span(w->data, h, h->map_size);
        if (blocks_known)
            w->block(w->data, (char *)h + LARGE_HEADER, h->map_size - LARGE_HEADER);
    }
    for (size_t i = 0; i < ARENA_CLASSES; i++)
        hl_glibc_free(free_of[i]);
    return HL_WALK_SPANS | (blocks_known ? HL_WALK_BLOCKS : 0);
}

const hl_backend hl_backend_arena = {
    .name = "arena",
    .description = "heaplab's own: 52 size classes bumped and recycled in mmapped chunks, "
                   "large blocks mmapped, all released at destroy",
    .flags = HL_BACKEND_BULK_FREE | HL_BACKEND_SIZE_CLASSES,
    .create = arena_create,
    .destroy = arena_destroy,
    .alloc = arena_alloc,
    .realloc = arena_realloc,
    .free = arena_free,
    .block_size = arena_block_size,
    .owns = arena_owns,
    .stats = arena_stats,
    .walk = arena_walk,
};
