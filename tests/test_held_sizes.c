/* Bytes held stay exact when the runtime remembers usable sizes per request size (backends
 * flagged HL_BACKEND_SIZE_CLASSES): after allocations of many sizes, growth, frees and a
 * collection, the runtime's count of held bytes moves exactly as the allocator's own. The
 * arena and mimalloc count their blocks in use exactly; jemalloc's arena statistics count the
 * blocks its thread cache holds as allocated, and its block size is nallocx's, a function of
 * the size alone by definition. */
#include <string.h>

#include "support.h"

static hl_runtime *runtime_on(const char *backend)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = backend;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "%s", err);
    return rt;
}

/* What the allocator holds beyond what the runtime counts (its own struct, outside the books). */
static long long unaccounted(hl_runtime *rt)
{
    hl_heap_stats h;
    hl_heap_get_stats(rt, &h);
    return (long long)h.own.allocated - (long long)h.held;
}

static void check_backend(const char *backend)
{
    hl_runtime *rt = runtime_on(backend);
    cr_assert(hl_backend_find(backend)->flags & HL_BACKEND_SIZE_CLASSES);
    long long before = unaccounted(rt);
    hl_value keep = hl_list_new(rt, 0);
    HL_ROOT(rt, keep);
    for (int i = 0; i < 300; i++) {
        char text[400];
        memset(text, 'a' + i % 26, (size_t)i);
        text[i] = '\0';
        cr_assert_eq(hl_list_append(rt, keep, hl_str_from_cstr(rt, text)), 0); /* every small size */
        cr_assert(hl_float_new(rt, i)); /* garbage */
        hl_value grown = hl_list_new(rt, 0);
        cr_assert(grown);
        for (int k = 0; k < i % 40; k++) /* buffers grown by realloc */
            cr_assert_eq(hl_list_append(rt, grown, hl_smallint(k)), 0);
        if (i % 3 == 0)
            cr_assert_eq(hl_list_append(rt, keep, grown), 0);
    }
    hl_gc_collect(rt);
    cr_assert_eq(unaccounted(rt), before, "%s: held drifted from the allocator's figure", backend);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(held_sizes, arena_books_match_the_allocator) { check_backend("arena"); }
Test(held_sizes, mimalloc_books_match_the_allocator) { check_backend("mimalloc"); }
