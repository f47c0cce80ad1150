/* The arena backend keeps freed large mappings for the next request of the same size. */
#include <string.h>

#include "support.h"

static void *arena_context(const hl_backend **b)
{
    *b = hl_backend_find("arena");
    cr_assert_not_null(*b);
    char err[256];
    void *ctx = (*b)->create(err, sizeof err);
    cr_assert_not_null(ctx, "%s", err);
    return ctx;
}

Test(arena_cache, a_freed_large_block_is_reused_for_the_same_size)
{
    const hl_backend *b;
    void *ctx = arena_context(&b);
    hl_backend_stats st;
    size_t size = 800000; /* a list buffer of 100,000 items */
    char *first = b->alloc(ctx, size, HL_BLOCK_REFS);
    cr_assert_not_null(first);
    memset(first, 7, size);
    b->stats(ctx, &st);
    size_t mapped = st.mapped, held = b->block_size(ctx, first, size);
    cr_assert_eq(st.allocated, held);

    b->free(ctx, first, size);
    b->stats(ctx, &st);
    cr_assert_eq(st.allocated, 0);
    cr_assert_eq(st.mapped, mapped, "a cached mapping stays mapped");
    cr_assert(!b->owns(ctx, first), "a cached block is not held");

    char *again = b->alloc(ctx, size - 100, HL_BLOCK_REFS); /* the same number of pages */
    cr_assert_eq(again, first);
    cr_assert(b->owns(ctx, again));
    memset(again, 1, size - 100);
    b->stats(ctx, &st);
    cr_assert_eq(st.allocated, held);
    cr_assert_eq(st.mapped, mapped);

    char *other = b->alloc(ctx, 2 * size, HL_BLOCK_REFS); /* another size: a mapping of its own */
    cr_assert_not_null(other);
    cr_assert_neq(other, first);
    memset(other, 2, 2 * size);
    b->free(ctx, other, 2 * size);
    b->free(ctx, again, size - 100);
    b->destroy(ctx); /* unmaps the cached ones */
}

Test(arena_cache, the_cache_is_bounded)
{
    const hl_backend *b;
    void *ctx = arena_context(&b);
    hl_backend_stats st;
    b->stats(ctx, &st);
    size_t empty = st.mapped;
    enum { N = 40 };
    void *blocks[N];
    for (size_t i = 0; i < N; i++) {
        blocks[i] = b->alloc(ctx, (i + 1) * 1048576, HL_BLOCK_DATA); /* 1 MiB .. 40 MiB */
        cr_assert_not_null(blocks[i]);
    }
    for (size_t i = 0; i < N; i++)
        b->free(ctx, blocks[i], (i + 1) * 1048576);
    b->stats(ctx, &st);
    cr_assert_eq(st.allocated, 0);
    cr_assert_leq(st.mapped, empty + (64u << 20) + 16 * 4096, "at most 64 MiB cached (mapped %zu)", st.mapped);
    b->destroy(ctx);
}
