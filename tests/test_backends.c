/* The heap backends, each through the registry: sizes, alignment, realloc, where blocks come
 * from, contexts side by side, bulk release at destroy, statistics, Boehm's collection, and
 * who owns the process's malloc. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <gc/gc.h>
#include <jemalloc/jemalloc.h>
#include <mimalloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "heaplab/allocator.h"

#if defined(__SANITIZE_ADDRESS__)
#define BACKENDS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BACKENDS_ASAN 1
#endif
#endif
#ifndef BACKENDS_ASAN
#define BACKENDS_ASAN 0
#endif

static const char *const backends_names[] = {"system", "jemalloc", "mimalloc", "arena", "boehm"};
#define BACKENDS_N (sizeof backends_names / sizeof backends_names[0])

static const size_t backends_sizes[] = {
    0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 48, 63, 64, 65, 100, 127, 128, 129,
    144, 200, 255, 256, 257, 320, 500, 512, 513, 1000, 1024, 1025, 2000, 4095, 4096, 4097,
    8192, 10000, 16384, 32767, 32768, 32769, 65536, 100000, 262144, 1u << 20, (3u << 20) + 5,
    4u << 20};
#define BACKENDS_NSIZES (sizeof backends_sizes / sizeof backends_sizes[0])

/* Block pointers live in static data, which Boehm scans: a collection during a test must
 * not take blocks the test still holds. */
static unsigned char *backends_blocks[4 * BACKENDS_NSIZES];
static unsigned char *backends_other[4 * BACKENDS_NSIZES];

static const hl_backend *backends_get(const char *name)
{
    const hl_backend *b = hl_backend_find(name);
    cr_assert_not_null(b, "backend %s is not registered", name);
    return b;
}

static void *backends_create(const hl_backend *b)
{
    char err[256] = "";
    void *ctx = b->create(err, sizeof err);
    cr_assert_not_null(ctx, "%s: create failed: %s", b->name, err);
    return ctx;
}

static unsigned char backends_byte(size_t i, unsigned seed)
{
    return (unsigned char)(i * 131 + seed * 7 + (i >> 8));
}

static void backends_fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = backends_byte(i, seed);
}

/* The first index where the pattern differs, or n. */
static size_t backends_check(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != backends_byte(i, seed))
            return i;
    return n;
}

static hl_block_kind backends_kind(size_t i) { return (hl_block_kind)(i % 4); }

/* The system backend's allocator: glibc's own functions, never whichever allocator owns the
 * `malloc` symbol; in an ASan build, ASan's interceptors, which allocators/system.c takes. */
static void *backends_system_fn(const char *name)
{
    void *f;
    if (BACKENDS_ASAN) {
        f = dlsym(RTLD_DEFAULT, name);
    } else {
        void *libc = dlopen("libc.so.6", RTLD_NOLOAD | RTLD_LAZY);
        cr_assert_not_null(libc);
        f = dlsym(libc, name);
        dlclose(libc);
    }
    cr_assert_not_null(f, "no %s", name);
    return f;
}

Test(backends, registry_lists_every_backend_in_order)
{
    cr_assert_eq(hl_backend_count(), BACKENDS_N);
    for (size_t i = 0; i < BACKENDS_N; i++) {
        const hl_backend *b = hl_backend_at(i);
        cr_assert_not_null(b);
        cr_assert_str_eq(b->name, backends_names[i]);
        cr_assert_eq(hl_backend_find(backends_names[i]), b);
        cr_assert(b->create && b->destroy && b->alloc && b->realloc && b->free
                      && b->block_size && b->description,
                  "%s lacks a required function", b->name);
    }
    cr_assert_null(hl_backend_at(BACKENDS_N));
    cr_assert_null(hl_backend_find("tcmalloc"));
    cr_assert_null(hl_backend_find(NULL));

    cr_assert_eq(backends_get("system")->flags, 0u);
    cr_assert_eq(backends_get("jemalloc")->flags, (unsigned)(HL_BACKEND_BULK_FREE | HL_BACKEND_SIZE_CLASSES));
    cr_assert_eq(backends_get("mimalloc")->flags, (unsigned)(HL_BACKEND_BULK_FREE | HL_BACKEND_SIZE_CLASSES));
    cr_assert_eq(backends_get("arena")->flags, (unsigned)(HL_BACKEND_BULK_FREE | HL_BACKEND_SIZE_CLASSES));
    cr_assert_eq(backends_get("boehm")->flags, (unsigned)HL_BACKEND_COLLECTS);
    cr_assert_not_null(backends_get("boehm")->collect);
}

Test(backends, every_size_is_writable_aligned_and_at_least_as_large_as_asked)
{
    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        void *ctx = backends_create(b);
        for (size_t i = 0; i < BACKENDS_NSIZES; i++) {
            size_t size = backends_sizes[i];
            unsigned char *p = b->alloc(ctx, size, backends_kind(i));
            cr_assert_not_null(p, "%s: alloc(%zu) failed", b->name, size);
            cr_assert_eq((uintptr_t)p % 8, 0, "%s: %zu-byte block %p not 8-aligned", b->name,
                         size, (void *)p);
            if (size && size % 16 == 0)
                cr_assert_eq((uintptr_t)p % 16, 0, "%s: %zu-byte block %p not 16-aligned",
                             b->name, size, (void *)p);
            cr_assert_geq(b->block_size(ctx, p, size), size, "%s: block_size(%zu)", b->name,
                          size);
            if (b->owns)
                cr_assert(b->owns(ctx, p), "%s: does not own its %zu-byte block", b->name, size);
            backends_fill(p, size, (unsigned)i);
            backends_blocks[i] = p;
        }
        for (size_t i = 0; i < BACKENDS_NSIZES; i++) {
            size_t size = backends_sizes[i];
            cr_assert_eq(backends_check(backends_blocks[i], size, (unsigned)i), size,
                         "%s: %zu-byte block overwritten", b->name, size);
            b->free(ctx, backends_blocks[i], size);
            backends_blocks[i] = NULL;
        }
        b->destroy(ctx);
    }
}

Test(backends, realloc_keeps_contents_growing_and_shrinking)
{
    static const size_t steps[] = {16,     24,     100,  1000, 5000, 40000, 300000,
                                   3u << 20, 5000000, 70000, 40000, 500, 20, 8};
    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        for (int kind = HL_BLOCK_REFS; kind <= HL_BLOCK_INTERNAL; kind++) {
            void *ctx = backends_create(b);
            size_t size = steps[0];
            backends_blocks[0] = b->alloc(ctx, size, kind);
            cr_assert_not_null(backends_blocks[0]);
            backends_fill(backends_blocks[0], size, 9);
            for (size_t s = 1; s < sizeof steps / sizeof steps[0]; s++) {
                size_t next = steps[s];
                unsigned char *q = b->realloc(ctx, backends_blocks[0], size, next, kind);
                cr_assert_not_null(q, "%s: realloc %zu -> %zu failed", b->name, size, next);
                backends_blocks[0] = q;
                size_t kept = size < next ? size : next;
                cr_assert_eq(backends_check(q, kept, 9), kept,
                             "%s: realloc %zu -> %zu lost contents", b->name, size, next);
                cr_assert_geq(b->block_size(ctx, q, next), next);
                if (b->owns)
                    cr_assert(b->owns(ctx, q));
                backends_fill(q, next, 9);
                size = next;
            }
            b->free(ctx, backends_blocks[0], size);
            backends_blocks[0] = NULL;
            b->destroy(ctx);
        }
    }
}

static unsigned backends_jemalloc_arena_of(const void *p)
{
    unsigned arena = 0;
    size_t len = sizeof arena;
    cr_assert_eq(mallctl("arenas.lookup", &arena, &len, (void *)&p, sizeof p), 0);
    return arena;
}

/* Each backend's blocks, checked with the named allocator's own functions. */
Test(backends, blocks_come_from_the_allocator_each_backend_names)
{
    size_t (*glibc_usable_size)(void *) = (size_t(*)(void *))backends_system_fn("malloc_usable_size");
    unsigned auto_arenas = 0;
    size_t len = sizeof auto_arenas;
    cr_assert_eq(mallctl("opt.narenas", &auto_arenas, &len, NULL, 0), 0);

    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        void *ctx = backends_create(b);
        unsigned first_arena = 0;
        for (size_t i = 0; i < BACKENDS_NSIZES; i++) {
            size_t size = backends_sizes[i];
            void *p = backends_blocks[i] = b->alloc(ctx, size, backends_kind(i));
            cr_assert_not_null(p);
            size_t held = b->block_size(ctx, p, size);
            if (strcmp(b->name, "system") == 0) {
                cr_assert_eq(glibc_usable_size(p), held);
                cr_assert_not(mi_is_in_heap_region(p));
            } else if (strcmp(b->name, "jemalloc") == 0) {
                cr_assert_eq(sallocx(p, 0), held, "jemalloc: sallocx of a %zu-byte block", size);
                unsigned arena = backends_jemalloc_arena_of(p);
                cr_assert_geq(arena, auto_arenas, "block in automatic arena %u", arena);
                if (i == 0)
                    first_arena = arena;
                cr_assert_eq(arena, first_arena, "one context, one arena");
                cr_assert_not(mi_is_in_heap_region(p));
            } else if (strcmp(b->name, "mimalloc") == 0) {
                /* The context is the mi_heap_t (allocators/mimalloc.c). mimalloc's segment
                 * map misses segments that ASan's shadow pushes above 20 TiB. */
                cr_assert(mi_heap_check_owned(ctx, p), "mimalloc: %zu-byte block not the heap's",
                          size);
                if (!BACKENDS_ASAN)
                    cr_assert(mi_is_in_heap_region(p), "mimalloc: %zu-byte block not mimalloc's",
                              size);
                cr_assert_eq(mi_usable_size(p), held);
            } else if (strcmp(b->name, "arena") == 0) {
                cr_assert(b->owns(ctx, p));
                cr_assert_not(mi_is_in_heap_region(p));
                cr_assert_null(GC_base(p));
            } else {
                cr_assert_eq(GC_base(p), p, "boehm: %zu-byte block not a GC object", size);
                cr_assert_eq(GC_size(p), held);
                cr_assert_not(mi_is_in_heap_region(p));
            }
        }
        if (b->owns) { /* foreign addresses: the stack, static data, glibc's heap */
            int local = 0;
            void *from_glibc = ((void *(*)(size_t))backends_system_fn("malloc"))(64);
            cr_assert_not(b->owns(ctx, &local), "%s owns a stack address", b->name);
            cr_assert_not(b->owns(ctx, backends_names), "%s owns static data", b->name);
            cr_assert_not(b->owns(ctx, from_glibc), "%s owns a glibc block", b->name);
            ((void (*)(void *))backends_system_fn("free"))(from_glibc);
        }
        for (size_t i = 0; i < BACKENDS_NSIZES; i++)
            b->free(ctx, backends_blocks[i], backends_sizes[i]);
        b->destroy(ctx);
    }
}

/* A backend that releases a context's blocks at once must know which blocks are whose. */
static int backends_tells_contexts_apart(const hl_backend *b)
{
    return (b->flags & HL_BACKEND_BULK_FREE) != 0;
}

Test(backends, two_contexts_side_by_side_do_not_interfere)
{
    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        void *one = backends_create(b), *two = backends_create(b);
        cr_assert_neq(one, two);
        for (size_t i = 0; i < BACKENDS_NSIZES; i++) {
            size_t size = backends_sizes[i];
            backends_blocks[i] = b->alloc(one, size, backends_kind(i));
            backends_other[i] = b->alloc(two, size, backends_kind(i));
            cr_assert(backends_blocks[i] && backends_other[i]);
            backends_fill(backends_blocks[i], size, 1);
            backends_fill(backends_other[i], size, 2);
            if (b->owns && backends_tells_contexts_apart(b)) {
                cr_assert_not(b->owns(one, backends_other[i]), "%s: context mix-up", b->name);
                cr_assert_not(b->owns(two, backends_blocks[i]), "%s: context mix-up", b->name);
            }
        }
        /* Free every other block of the first, destroy it, and the second is untouched. */
        for (size_t i = 0; i < BACKENDS_NSIZES; i += 2)
            b->free(one, backends_blocks[i], backends_sizes[i]);
        if (!(b->flags & HL_BACKEND_BULK_FREE))
            for (size_t i = 1; i < BACKENDS_NSIZES; i += 2)
                b->free(one, backends_blocks[i], backends_sizes[i]);
        b->destroy(one);
        for (size_t i = 0; i < BACKENDS_NSIZES; i++) {
            size_t size = backends_sizes[i];
            cr_assert_eq(backends_check(backends_other[i], size, 2), size,
                         "%s: the other context's %zu-byte block changed", b->name, size);
            unsigned char *more = b->alloc(two, size, backends_kind(i));
            cr_assert_not_null(more);
            backends_fill(more, size, 3);
            cr_assert_eq(backends_check(backends_other[i], size, 2), size);
            b->free(two, more, size);
            b->free(two, backends_other[i], size);
        }
        b->destroy(two);
    }
}

/* One context per thread, several threads at once: each backend's shared state (jemalloc's
 * hooks, the arena's chunk cache, Boehm's thread registration) must hold up. */
typedef struct backends_worker {
    const hl_backend *backend;
    int failures;
} backends_worker;

static void *backends_work(void *arg)
{
    backends_worker *w = arg;
    const hl_backend *b = w->backend;
    for (int round = 0; round < 20; round++) {
        void *ctx = b->create(NULL, 0);
        if (!ctx) {
            w->failures++;
            continue;
        }
        /* A ROOT block holds the others, so Boehm keeps them while this thread works. */
        unsigned char **held = b->alloc(ctx, 500 * sizeof *held, HL_BLOCK_ROOT);
        w->failures += held == NULL;
        for (size_t i = 0; held && i < 500; i++) {
            size_t size = 1 + (i * 37 + (size_t)round) % 3000;
            held[i] = b->alloc(ctx, size, HL_BLOCK_REFS);
            if (held[i])
                backends_fill(held[i], size, (unsigned)i);
            else
                w->failures++;
        }
        if (b->collect)
            b->collect(ctx);
        for (size_t i = 0; held && i < 500; i++) {
            size_t size = 1 + (i * 37 + (size_t)round) % 3000;
            if (held[i] && backends_check(held[i], size, (unsigned)i) != size)
                w->failures++;
            b->free(ctx, held[i], size);
        }
        b->free(ctx, held, 500 * sizeof *held);
        b->destroy(ctx);
    }
    return NULL;
}

Test(backends, contexts_on_threads_side_by_side)
{
    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        void *main_ctx = backends_create(b); /* Boehm starts on the main thread */
        backends_worker workers[3];
        pthread_t threads[3];
        for (int i = 0; i < 3; i++) {
            workers[i] = (backends_worker){b, 0};
            cr_assert_eq(pthread_create(&threads[i], NULL, backends_work, &workers[i]), 0);
        }
        for (int i = 0; i < 3; i++) {
            cr_assert_eq(pthread_join(threads[i], NULL), 0);
            cr_assert_eq(workers[i].failures, 0, "%s: thread %d saw %d failures", b->name, i,
                         workers[i].failures);
        }
        b->destroy(main_ctx);
    }
}

static size_t backends_resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    cr_assert_not_null(f);
    unsigned long total = 0, resident = 0;
    cr_assert_eq(fscanf(f, "%lu %lu", &total, &resident), 2);
    fclose(f);
    return resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* 24 MiB held and touched, then the context destroyed without a single free. */
static void backends_fill_and_drop(const hl_backend *b)
{
    void *ctx = backends_create(b);
    for (size_t i = 0; i < 20000; i++) {
        void *p = b->alloc(ctx, 1000, HL_BLOCK_DATA);
        cr_assert_not_null(p);
        memset(p, 0xab, 1000);
    }
    for (size_t i = 0; i < 4; i++) {
        void *p = b->alloc(ctx, 1u << 20, HL_BLOCK_DATA);
        cr_assert_not_null(p);
        memset(p, 0xcd, 1u << 20);
    }
    b->destroy(ctx);
}

Test(backends, destroy_releases_the_blocks_still_held)
{
    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        if (!(b->flags & HL_BACKEND_BULK_FREE))
            continue;
        backends_fill_and_drop(b); /* warm: allocator caches and metadata exist */
        backends_fill_and_drop(b);
        size_t before = backends_resident_bytes();
        for (int cycle = 0; cycle < 8; cycle++)
            backends_fill_and_drop(b);
        size_t after = backends_resident_bytes();
        /* Leaking would add 8 x 24 MiB. */
        cr_assert_lt(after, before + (16u << 20), "%s: resident %zu -> %zu bytes", b->name,
                     before, after);
    }
}

Test(backends, jemalloc_survives_5000_contexts)
{
    const hl_backend *b = backends_get("jemalloc");
    for (int i = 0; i < 5000; i++) {
        void *ctx = backends_create(b);
        void *small = b->alloc(ctx, 48, HL_BLOCK_REFS);
        void *large = b->alloc(ctx, 100000, HL_BLOCK_DATA);
        cr_assert(small && large, "context %d cannot allocate", i);
        memset(small, 1, 48);
        b->destroy(ctx); /* with both blocks still held */
    }
}

Test(backends, arena_stats_add_up)
{
    const hl_backend *b = backends_get("arena");
    void *ctx = backends_create(b);
    hl_backend_stats st;
    b->stats(ctx, &st);
    cr_assert_eq(st.allocated, 0);
    size_t empty_mapped = st.mapped;

    size_t held = 0;
    for (size_t i = 0; i < BACKENDS_NSIZES; i++) {
        backends_blocks[i] = b->alloc(ctx, backends_sizes[i], HL_BLOCK_REFS);
        held += b->block_size(ctx, backends_blocks[i], backends_sizes[i]);
        b->stats(ctx, &st);
        cr_assert_eq(st.allocated, held, "after a %zu-byte block", backends_sizes[i]);
        cr_assert_geq(st.active, st.allocated);
        cr_assert_geq(st.mapped, st.active);
    }
    cr_assert_gt(st.mapped, empty_mapped);

    /* A large block grown in place of moved keeps the books right. */
    size_t last = BACKENDS_NSIZES - 1, grown = backends_sizes[last] * 3;
    held -= b->block_size(ctx, backends_blocks[last], backends_sizes[last]);
    backends_blocks[last] = b->realloc(ctx, backends_blocks[last], backends_sizes[last], grown,
                                       HL_BLOCK_REFS);
    cr_assert_not_null(backends_blocks[last]);
    held += b->block_size(ctx, backends_blocks[last], grown);
    b->stats(ctx, &st);
    cr_assert_eq(st.allocated, held);
    cr_assert_geq(st.mapped, st.active);

    for (size_t i = 0; i < last; i++) {
        held -= b->block_size(ctx, backends_blocks[i], backends_sizes[i]);
        b->free(ctx, backends_blocks[i], backends_sizes[i]);
        b->stats(ctx, &st);
        cr_assert_eq(st.allocated, held);
    }
    b->free(ctx, backends_blocks[last], grown);
    b->stats(ctx, &st);
    cr_assert_eq(st.allocated, 0);
    cr_assert_geq(st.mapped, st.active);
    b->destroy(ctx);
}

Test(backends, every_backends_stats_are_ordered_and_count_what_it_holds)
{
    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        if (!b->stats)
            continue;
        void *ctx = backends_create(b);
        size_t asked = 0;
        for (size_t i = 0; i < 200; i++) {
            backends_blocks[i] = b->alloc(ctx, 40 + 100 * i, HL_BLOCK_ROOT);
            cr_assert_not_null(backends_blocks[i]);
            asked += 40 + 100 * i;
        }
        hl_backend_stats st;
        b->stats(ctx, &st);
        cr_assert_geq(st.mapped, st.active, "%s", b->name);
        cr_assert_geq(st.active, st.allocated, "%s", b->name);
        cr_assert_geq(st.active, asked, "%s: active %zu < %zu held", b->name, st.active, asked);
        if (b->flags & HL_BACKEND_BULK_FREE)
            cr_assert_geq(st.allocated, asked, "%s: allocated %zu < %zu", b->name, st.allocated,
                          asked);
        for (size_t i = 0; i < 200; i++)
            b->free(ctx, backends_blocks[i], 40 + 100 * i);
        b->destroy(ctx);
    }
}

Test(backends, huge_requests_fail_with_null_and_leave_the_block_alone)
{
    static const size_t huge[] = {(size_t)1 << 47, PTRDIFF_MAX, SIZE_MAX - 4096};
    for (size_t bi = 0; bi < BACKENDS_N; bi++) {
        const hl_backend *b = backends_get(backends_names[bi]);
        if (BACKENDS_ASAN && strcmp(b->name, "system") == 0)
            continue; /* ASan's malloc reports an oversized request instead of failing */
        void *ctx = backends_create(b);
        backends_blocks[0] = b->alloc(ctx, 100, HL_BLOCK_REFS);
        cr_assert_not_null(backends_blocks[0]);
        backends_fill(backends_blocks[0], 100, 4);
        for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
            cr_assert_null(b->alloc(ctx, huge[i], HL_BLOCK_DATA), "%s: alloc(%zu)", b->name,
                           huge[i]);
            cr_assert_null(b->realloc(ctx, backends_blocks[0], 100, huge[i], HL_BLOCK_REFS),
                           "%s: realloc to %zu", b->name, huge[i]);
            cr_assert_eq(backends_check(backends_blocks[0], 100, 4), 100);
        }
        b->free(ctx, backends_blocks[0], 100);
        b->destroy(ctx);
    }
}

/* Boehm: which blocks survive a collection. Each test block gets a disappearing link,
 * which the collector clears when it reclaims the block; the links hold hidden pointers so
 * they keep nothing alive themselves. */
enum { BACKENDS_GARBAGE = 100 };
static GC_hidden_pointer backends_garbage_links[BACKENDS_GARBAGE];
static GC_hidden_pointer backends_kept_link, backends_via_data_link, backends_via_internal_link;
static GC_hidden_pointer backends_internal_link;
static void **backends_root, **backends_data_holder, **backends_internal_holder;

static void backends_watch(GC_hidden_pointer *link, void *block)
{
    *link = GC_HIDE_POINTER(block);
    cr_assert_eq(GC_general_register_disappearing_link((void **)link, block), GC_SUCCESS);
}

/* Out of line, so no pointer to the blocks stays in the test's frame or registers. */
static __attribute__((noinline)) void backends_make_blocks(const hl_backend *b, void *ctx)
{
    for (int i = 0; i < BACKENDS_GARBAGE; i++) {
        void *p = b->alloc(ctx, 64, HL_BLOCK_REFS);
        cr_assert_not_null(p);
        memset(p, 0, 64);
        backends_watch(&backends_garbage_links[i], p);
    }
    backends_root = b->alloc(ctx, 64, HL_BLOCK_ROOT);
    backends_data_holder = b->alloc(ctx, 64, HL_BLOCK_DATA);
    backends_internal_holder = b->alloc(ctx, 64, HL_BLOCK_INTERNAL);
    memset(backends_root, 0, 64);
    memset(backends_internal_holder, 0, 64);

    backends_root[0] = b->alloc(ctx, 64, HL_BLOCK_REFS);
    memset(backends_root[0], 0, 64);
    backends_watch(&backends_kept_link, backends_root[0]);

    backends_data_holder[0] = b->alloc(ctx, 64, HL_BLOCK_REFS); /* DATA is never scanned */
    backends_watch(&backends_via_data_link, backends_data_holder[0]);
    backends_internal_holder[0] = b->alloc(ctx, 64, HL_BLOCK_REFS); /* nor INTERNAL */
    backends_watch(&backends_via_internal_link, backends_internal_holder[0]);
    backends_watch(&backends_internal_link, backends_internal_holder);
    backends_root[1] = backends_data_holder; /* the DATA block itself stays reachable */
    backends_data_holder = NULL;
}

static __attribute__((noinline)) void backends_clear_stack(void)
{
    volatile char junk[16384];
    memset((char *)junk, 0, sizeof junk);
}

Test(backends, boehm_collects_the_unreachable_and_keeps_what_a_root_block_references)
{
    const hl_backend *b = backends_get("boehm");
    void *ctx = backends_create(b);
    backends_make_blocks(b, ctx);
    backends_clear_stack();
    b->collect(ctx);

    int collected = 0;
    for (int i = 0; i < BACKENDS_GARBAGE; i++)
        collected += backends_garbage_links[i] == 0;
    cr_assert_eq(collected, BACKENDS_GARBAGE, "only %d of %d unreachable blocks collected",
                 collected, BACKENDS_GARBAGE);
    cr_assert_neq(backends_kept_link, 0, "a block referenced from a ROOT block was collected");
    cr_assert_eq(GC_base(backends_root[0]), backends_root[0]);
    cr_assert_eq(backends_via_data_link, 0, "a DATA block's contents kept a block alive");
    cr_assert_eq(backends_via_internal_link, 0, "an INTERNAL block's contents kept a block alive");
    cr_assert_neq(backends_internal_link, 0, "an INTERNAL block was collected");

    /* Explicit frees are allowed, of any kind. */
    b->free(ctx, backends_root[0], 64);
    b->free(ctx, backends_root[1], 64);
    b->free(ctx, backends_root, 64);
    b->free(ctx, backends_internal_holder, 64);
    b->destroy(ctx);
}

/* Where the process binds `symbol`: to `expected`, or to AddressSanitizer's interceptor
 * under ASan, which comes first by design; never to jemalloc or mimalloc. */
static void backends_assert_bound_to(const char *symbol, const char *expected)
{
    void *f = dlsym(RTLD_DEFAULT, symbol);
    cr_assert_not_null(f, "%s is not defined in the process", symbol);
    Dl_info info;
    cr_assert(dladdr(f, &info) && info.dli_fname, "no object defines %s", symbol);
    const char *where = info.dli_fname;
    cr_assert_null(strstr(where, "jemalloc"), "%s comes from %s", symbol, where);
    cr_assert_null(strstr(where, "mimalloc"), "%s comes from %s", symbol, where);
    if (!BACKENDS_ASAN)
        cr_assert(strstr(where, expected), "%s comes from %s", symbol, where);
}

/* The link order in CMakeLists.txt keeps glibc's malloc (and libstdc++'s operator new)
 * the process's, although jemalloc and mimalloc, both linked, define them too. */
Test(backends, the_process_malloc_stays_glibcs)
{
    static const char *const c_symbols[] = {"malloc", "free", "calloc", "realloc",
                                            "posix_memalign", "aligned_alloc", "memalign",
                                            "malloc_usable_size", "__libc_malloc",
                                            "__libc_free"};
    static const char *const cxx_symbols[] = {"_Znwm", "_Znam", "_ZdlPv", "_ZdaPv"};
    for (size_t i = 0; i < sizeof c_symbols / sizeof c_symbols[0]; i++)
        backends_assert_bound_to(c_symbols[i], "libc.so.6");
    for (size_t i = 0; i < sizeof cxx_symbols / sizeof cxx_symbols[0]; i++)
        backends_assert_bound_to(cxx_symbols[i], "libstdc++.so.6");

    /* And by behaviour: plain malloc's blocks are neither mimalloc's nor jemalloc's. */
    uint64_t epoch = 1;
    size_t before = 0, after = 0, len = sizeof before;
    cr_assert_eq(mallctl("epoch", NULL, NULL, &epoch, sizeof epoch), 0);
    cr_assert_eq(mallctl("stats.allocated", &before, &len, NULL, 0), 0);
    void *small = malloc(100), *big = malloc(64u << 20);
    cr_assert(small && big);
    memset(big, 1, 64u << 20);
    cr_assert_not(mi_is_in_heap_region(small));
    cr_assert_not(mi_is_in_heap_region(big));
    cr_assert_eq(mallctl("epoch", NULL, NULL, &epoch, sizeof epoch), 0);
    cr_assert_eq(mallctl("stats.allocated", &after, &len, NULL, 0), 0);
    cr_assert_lt(after, before + (1u << 20), "jemalloc's stats grew with malloc: %zu -> %zu",
                 before, after);
    free(small);
    free(big);
}
