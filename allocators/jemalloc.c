/* The `jemalloc` backend: a private jemalloc arena and a private thread cache per context.
 *
 * Every call passes MALLOCX_ARENA(i) | MALLOCX_TCACHE(t), the context's own arena and its
 * own explicit tcache. `arena.<i>.destroy` discards every block of the arena at once but
 * requires that no cache still holds any of them: no thread's automatic tcache ever sees
 * the arena's blocks, and the context's tcache is destroyed (flushed) first. jemalloc keeps
 * arena indexes below 4096 and explicit tcaches below 4096 too, so both must go with the
 * context for a process to create more than a few thousand runtimes. Why not
 * MALLOCX_TCACHE_NONE: every call then takes the arena's lock, and freeing the last block
 * of a slab releases the slab, so an alloc+free pair of 32 bytes costs ~155 ns instead of
 * ~16 ns here. An explicit tcache is not thread-safe: like the arena and mimalloc backends,
 * a context is used from one thread at a time.
 *
 * `owns` must not ask jemalloc about an address it never mapped: `arenas.lookup` walks its
 * radix tree assuming the address is jemalloc's and crashes on a glibc or stack address.
 * So each arena gets jemalloc's default extent hooks with only `alloc` wrapped, to record
 * the address ranges the arena maps; `owns` asks jemalloc only about addresses in them. */
#include <errno.h>
#include <jemalloc/jemalloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "backends.h"

#define JE_MAX_ARENAS 4096 /* MALLCTL_ARENAS_ALL: arena indexes stay below it */

typedef struct je_ctx {
    unsigned arena;
    unsigned tcache;
    int flags;
} je_ctx;

/* ---- the address ranges each arena has mapped, indexed by arena ---- */

typedef struct je_range {
    uintptr_t start, end;
} je_range;

typedef struct je_ranges {
    je_range *items;
    size_t count, cap;
} je_ranges;

static je_ranges ranges_of[JE_MAX_ARENAS];
static pthread_mutex_t ranges_lock = PTHREAD_MUTEX_INITIALIZER;

static extent_hooks_t *default_hooks;
static extent_hooks_t recording_hooks;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static int reserve_range(je_ranges *r)
{
    if (r->count < r->cap)
        return 1;
    size_t cap = r->cap ? r->cap * 2 : 16;
    je_range *items = hl_glibc_malloc(cap * sizeof *items);
    if (!items)
        return 0;
    for (size_t i = 0; i < r->count; i++)
        items[i] = r->items[i];
    hl_glibc_free(r->items);
    r->items = items;
    r->cap = cap;
    return 1;
}

/* Called by jemalloc, also while it creates the arena (for the arena's own metadata).
 * Failing here (NULL) makes the allocation that needed the memory fail: never an abort.
 * These calls are rare (jemalloc grows its mappings geometrically), so one lock for all. */
static void *recording_alloc(extent_hooks_t *hooks, void *new_addr, size_t size,
                             size_t alignment, bool *zero, bool *commit, unsigned arena_ind)
{
    (void)hooks;
    if (arena_ind >= JE_MAX_ARENAS)
        return NULL;
    je_ranges *r = &ranges_of[arena_ind];
    void *p = NULL;
    pthread_mutex_lock(&ranges_lock);
    if (reserve_range(r))
        p = default_hooks->alloc(default_hooks, new_addr, size, alignment, zero, commit,
                                 arena_ind);
    if (p)
        r->items[r->count++] = (je_range){(uintptr_t)p, (uintptr_t)p + size};
    pthread_mutex_unlock(&ranges_lock);
    return p;
}

static void forget_ranges(unsigned arena_ind)
{
    if (arena_ind >= JE_MAX_ARENAS) /* an arena je_create refused: no ranges recorded */
        return;
    pthread_mutex_lock(&ranges_lock);
    hl_glibc_free(ranges_of[arena_ind].items);
    ranges_of[arena_ind] = (je_ranges){0};
    pthread_mutex_unlock(&ranges_lock);
}

static int in_ranges(unsigned arena_ind, uintptr_t p)
{
    int found = 0;
    pthread_mutex_lock(&ranges_lock);
    const je_ranges *r = &ranges_of[arena_ind];
    for (size_t i = 0; i < r->count && !found; i++)
        found = p >= r->items[i].start && p < r->items[i].end;
    pthread_mutex_unlock(&ranges_lock);
    return found;
}

static void make_hooks(void)
{
    size_t len = sizeof default_hooks;
    if (mallctl("arena.0.extent_hooks", &default_hooks, &len, NULL, 0) != 0)
        default_hooks = NULL;
    if (!default_hooks)
        return;
    recording_hooks = *default_hooks;
    recording_hooks.alloc = recording_alloc;
}

/* ---- the backend ---- */

static void destroy_arena(unsigned arena)
{
    char name[64];
    snprintf(name, sizeof name, "arena.%u.destroy", arena);
    mallctl(name, NULL, NULL, NULL, 0);
    forget_ranges(arena);
}

static void *je_create(char *err, size_t errlen)
{
    pthread_once(&hooks_once, make_hooks);
    if (!default_hooks) {
        if (err)
            snprintf(err, errlen, "jemalloc backend: cannot read jemalloc's default extent hooks");
        return NULL;
    }
    je_ctx *ctx = hl_glibc_malloc(sizeof *ctx);
    if (!ctx) {
        if (err)
            snprintf(err, errlen, "jemalloc backend: out of memory");
        return NULL;
    }
    size_t len = sizeof ctx->arena;
    extent_hooks_t *hooks = &recording_hooks;
    int rc = mallctl("arenas.create", &ctx->arena, &len, &hooks, sizeof hooks);
    if (rc == 0 && ctx->arena >= JE_MAX_ARENAS) {
        destroy_arena(ctx->arena);
        rc = EAGAIN;
    }
    if (rc != 0) {
        if (err)
            snprintf(err, errlen, "jemalloc backend: arenas.create failed (error %d)", rc);
        hl_glibc_free(ctx);
        return NULL;
    }
    len = sizeof ctx->tcache;
    rc = mallctl("tcache.create", &ctx->tcache, &len, NULL, 0);
    if (rc != 0) {
        if (err)
            snprintf(err, errlen, "jemalloc backend: tcache.create failed (error %d)", rc);
        destroy_arena(ctx->arena);
        hl_glibc_free(ctx);
        return NULL;
    }
    ctx->flags = MALLOCX_ARENA(ctx->arena) | MALLOCX_TCACHE(ctx->tcache);
    return ctx;
}

static void je_destroy(void *ctx)
{
    je_ctx *c = ctx;
    mallctl("tcache.destroy", NULL, NULL, &c->tcache, sizeof c->tcache);
    destroy_arena(c->arena);
    hl_glibc_free(c);
}

/* jemalloc leaves size 0 undefined for mallocx, rallocx and sdallocx: a 0-byte block is
 * a 1-byte one, consistently in every call. */
static size_t nonzero(size_t size) { return size ? size : 1; }

static void *je_alloc(void *ctx, size_t size, hl_block_kind kind)
{
    (void)kind;
    return mallocx(nonzero(size), ((je_ctx *)ctx)->flags);
}

static void *je_realloc(void *ctx, void *block, size_t old_size, size_t new_size,
                        hl_block_kind kind)
{
    (void)old_size;
    (void)kind;
    return rallocx(block, nonzero(new_size), ((je_ctx *)ctx)->flags);
}

static void je_free(void *ctx, void *block, size_t size)
{
    if (block)
        sdallocx(block, nonzero(size), ((je_ctx *)ctx)->flags);
}

/* The size class of the request, which is what the block holds; no lookup by address. A
 * function of the size alone, so the backend is flagged HL_BACKEND_SIZE_CLASSES and the runtime
 * calls nallocx once per 8-byte granule (on every allocation and free it was 9% of a deep copy). */
static size_t je_block_size(void *ctx, void *block, size_t size)
{
    (void)block;
    return nallocx(nonzero(size), ((je_ctx *)ctx)->flags);
}

static int je_owns(void *ctx, const void *block)
{
    je_ctx *c = ctx;
    if (!in_ranges(c->arena, (uintptr_t)block))
        return 0;
    unsigned arena;
    size_t len = sizeof arena;
    return mallctl("arenas.lookup", &arena, &len, (void *)&block, sizeof block) == 0
           && arena == c->arena;
}

static size_t arena_stat(unsigned arena, const char *stat)
{
    char name[96];
    size_t value = 0, len = sizeof value;
    snprintf(name, sizeof name, "stats.arenas.%u.%s", arena, stat);
    if (mallctl(name, &value, &len, NULL, 0) != 0)
        return 0;
    return value;
}

static void je_stats(void *ctx, hl_backend_stats *out)
{
    unsigned arena = ((je_ctx *)ctx)->arena;
    uint64_t epoch = 1;
    size_t page = 0, len = sizeof page;
    mallctl("epoch", NULL, NULL, &epoch, sizeof epoch); /* stats are a snapshot taken here */
    mallctl("arenas.page", &page, &len, NULL, 0);
    out->mapped = arena_stat(arena, "mapped");
    out->active = arena_stat(arena, "pactive") * page;
    out->allocated = arena_stat(arena, "small.allocated") + arena_stat(arena, "large.allocated");
}

/* jemalloc cannot list its blocks, nor which of its pages are active, but its mappings are
 * known (the recording hooks), and the kernel says which of their pages are resident: those
 * are the spans it holds (active pages, dirty pages not purged yet, its metadata for the
 * arena). The blocks come from heaplab's record. */
#define MINCORE_PAGES 512

static void report_resident(const hl_heap_walker *w, uintptr_t start, uintptr_t end, size_t page)
{
    unsigned char resident[MINCORE_PAGES];
    uintptr_t run = 0; /* start of the resident run being built, 0 when none */
    for (uintptr_t p = start; p < end; p += MINCORE_PAGES * page) {
        size_t len = end - p < MINCORE_PAGES * page ? end - p : MINCORE_PAGES * page;
        size_t pages = (len + page - 1) / page;
        if (mincore((void *)p, len, resident) != 0) /* part unmapped: page by page */
            for (size_t i = 0; i < pages; i++)
                if (mincore((void *)(p + i * page), page, &resident[i]) != 0)
                    resident[i] = 0;
        for (size_t i = 0; i < pages; i++) {
            uintptr_t at = p + i * page;
            if ((resident[i] & 1) && !run)
                run = at;
            else if (!(resident[i] & 1) && run) {
                w->span(w->data, (void *)run, at - run);
                run = 0;
            }
        }
    }
    if (run)
        w->span(w->data, (void *)run, end - run);
}

static unsigned je_walk(void *ctx, const hl_heap_walker *w)
{
    unsigned arena = ((je_ctx *)ctx)->arena;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    pthread_mutex_lock(&ranges_lock);
    je_ranges r = ranges_of[arena];
    je_range *copy = r.count ? hl_glibc_malloc(r.count * sizeof *copy) : NULL;
    for (size_t i = 0; copy && i < r.count; i++)
        copy[i] = r.items[i];
    pthread_mutex_unlock(&ranges_lock);
    if (!copy)
        return 0;
    for (size_t i = 0; i < r.count; i++)
        report_resident(w, copy[i].start, copy[i].end, page);
    hl_glibc_free(copy);
    return HL_WALK_SPANS;
}

const hl_backend hl_backend_jemalloc = {
    .name = "jemalloc",
    .description = "jemalloc 5.3 mallocx/sdallocx on a private arena with a private tcache, "
                   "both destroyed with the context",
    .flags = HL_BACKEND_BULK_FREE | HL_BACKEND_SIZE_CLASSES,
    .create = je_create,
    .destroy = je_destroy,
    .alloc = je_alloc,
    .realloc = je_realloc,
    .free = je_free,
    .block_size = je_block_size,
    .owns = je_owns,
    .stats = je_stats,
    .walk = je_walk,
};
