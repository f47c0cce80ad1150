/* Raw blocks from the runtime's backend: accounting (requested, held, peak, counts) and
 * fault injection. Never collects; the collector's own allocations come through here.
 * Calls only the backend (through rt->backend). Reading the figures (hl_heap_get_stats,
 * hl_heap_count) finishes a sweep under way first, so those are runtime.c's. */
#include <string.h>

#include "rt.h"

/* xorshift64*: a small seeded generator for fail_rate. */
static double next_uniform(hl_runtime *rt)
{
    uint64_t x = rt->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rt->rng = x;
    return (double)((x * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

static bool inject_fault(hl_runtime *rt)
{
    uint64_t n = ++rt->alloc_attempts;
    rt->fault_injected = (rt->cfg.fail_at && n == rt->cfg.fail_at) ||
                         (rt->cfg.fail_rate > 0 && next_uniform(rt) < rt->cfg.fail_rate);
    return rt->fault_injected;
}

/* The bytes the backend holds for a block of this requested size. Asking the backend is an
 * indirect call on every allocation and free (~9% of a deep copy's time, ~13% of allocating
 * floats on the arena backend), so where the answer depends on the size alone it is asked
 * once per 8-byte granule of small requests and remembered. */
static inline size_t held_size(hl_runtime *rt, void *p, size_t size)
{
    if ((rt->backend->flags & HL_BACKEND_SIZE_CLASSES) && size <= 8 * (HL_HELD_GRANULES - 1)) {
        size_t *known = &rt->held_by_granule[(size + 7) / 8];
        if (!*known)
            *known = rt->backend->block_size(rt->bctx, p, size);
        return *known;
    }
    return rt->backend->block_size(rt->bctx, p, size);
}

/* cfg.heap_limit: would growing the bytes requested by grow pass it? */
static bool over_limit(const hl_runtime *rt, size_t grow)
{
    size_t limit = rt->cfg.heap_limit;
    return limit && (rt->heap.requested >= limit || grow > limit - rt->heap.requested);
}

static void count_alloc(hl_runtime *rt, void *p, size_t size)
{
    hl_heap_stats *h = &rt->heap;
    h->allocs++;
    h->requested += size;
    h->total_requested += size;
    size_t held = held_size(rt, p, size);
    h->held += held;
    if (__builtin_expect(rt->blocks.on, 0))
        hl_blocks_add(&rt->blocks, p, held);
    if (h->held > h->peak_held)
        h->peak_held = h->held;
}

void *hl_heap_alloc(hl_runtime *rt, size_t size, hl_block_kind kind)
{
    if (size == 0)
        size = 1;
    if (inject_fault(rt)) {
        rt->heap.failures++;
        return NULL;
    }
    void *p = over_limit(rt, size) ? NULL : rt->backend->alloc(rt->bctx, size, kind);
    if (!p) {
        rt->heap.failures++;
        return NULL;
    }
    count_alloc(rt, p, size);
    return p;
}

void hl_heap_free(hl_runtime *rt, void *p, size_t size)
{
    if (!p)
        return;
    if (size == 0)
        size = 1;
    hl_heap_stats *h = &rt->heap;
    h->frees++;
    h->requested -= size;
    h->held -= held_size(rt, p, size);
    if (__builtin_expect(rt->blocks.on, 0))
        hl_blocks_remove(&rt->blocks, p);
    rt->backend->free(rt->bctx, p, size);
}

void *hl_heap_realloc(hl_runtime *rt, void *p, size_t old_size, size_t new_size, hl_block_kind kind)
{
    if (!p)
        return hl_heap_alloc(rt, new_size, kind);
    if (new_size == 0)
        new_size = 1;
    if (inject_fault(rt)) {
        rt->heap.failures++;
        return NULL;
    }
    size_t old_held = held_size(rt, p, old_size);
    void *q;
    if (new_size > old_size && over_limit(rt, new_size - old_size)) {
        q = NULL;
    } else if (rt->backend->realloc) {
        q = rt->backend->realloc(rt->bctx, p, old_size, new_size, kind);
    } else {
        q = rt->backend->alloc(rt->bctx, new_size, kind);
        if (q) {
            memcpy(q, p, old_size < new_size ? old_size : new_size);
            rt->backend->free(rt->bctx, p, old_size);
        }
    }
    if (!q) {
        rt->heap.failures++;
        return NULL;
    }
    /* Counted as a free of the old block and an allocation of the new one. */
    hl_heap_stats *h = &rt->heap;
    h->frees++;
    h->requested -= old_size;
    h->held -= old_held;
    if (__builtin_expect(rt->blocks.on, 0))
        hl_blocks_remove(&rt->blocks, p);
    count_alloc(rt, q, new_size);
    return q;
}
