/* Fragmentation figures (heaplab/fragmentation.h): after a full collection, the backend's
 * spans and the live blocks, from the backend's walk where it can say, else from heaplab's
 * record of live blocks (heap_blocks.c); then held bytes, the largest free stretch, and the
 * live bytes of every held page. The walk's arrays are mmapped, not malloc'd: on the system
 * backend malloc would change the very heap being measured. Calls the collector, the
 * backend's walk and stats. */
#define _GNU_SOURCE /* mremap */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "heaplab/fragmentation.h"
#include "rt.h"

typedef struct range {
    uintptr_t start, end;
} range;

/* A growable array of ranges in mmapped memory. */
typedef struct ranges {
    range *items;
    size_t count, capacity;
    bool failed;
} ranges;

static bool ranges_reserve(ranges *r, size_t n)
{
    if (r->failed)
        return false;
    if (n <= r->capacity)
        return true;
    size_t capacity = r->capacity ? r->capacity : 512;
    while (capacity < n)
        capacity *= 2;
    void *p = r->items ? mremap(r->items, r->capacity * sizeof(range), capacity * sizeof(range), MREMAP_MAYMOVE)
                       : mmap(NULL, capacity * sizeof(range), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        r->failed = true;
        return false;
    }
    r->items = p;
    r->capacity = capacity;
    return true;
}

static void ranges_push(ranges *r, uintptr_t start, uintptr_t end)
{
    if (end > start && ranges_reserve(r, r->count + 1))
        r->items[r->count++] = (range){start, end};
}

static void ranges_free(ranges *r)
{
    if (r->items)
        munmap(r->items, r->capacity * sizeof(range));
}

static int cmp_range(const void *x, const void *y)
{
    const range *a = x, *b = y;
    return (a->start > b->start) - (a->start < b->start);
}

/* Sort, then merge the ranges that overlap or touch. */
static void ranges_sort(ranges *r)
{
    if (r->count) /* qsort's array may not be NULL, even empty */
        qsort(r->items, r->count, sizeof(range), cmp_range);
}

static void ranges_merge(ranges *r)
{
    ranges_sort(r);
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++) {
        if (n && r->items[i].start <= r->items[n - 1].end) {
            if (r->items[i].end > r->items[n - 1].end)
                r->items[n - 1].end = r->items[i].end;
        } else {
            r->items[n++] = r->items[i];
        }
    }
    r->count = n;
}

static uintptr_t page_down(uintptr_t a) { return a & ~(uintptr_t)(HL_FRAG_PAGE - 1); }
static uintptr_t page_up(uintptr_t a) { return page_down(a + HL_FRAG_PAGE - 1); }

typedef struct walk_state {
    ranges spans, blocks;
} walk_state;

static void on_span(void *data, const void *start, size_t size)
{
    walk_state *w = data;
    ranges_push(&w->spans, (uintptr_t)start, (uintptr_t)start + size);
}

static void on_block(void *data, const void *start, size_t size)
{
    walk_state *w = data;
    ranges_push(&w->blocks, (uintptr_t)start, (uintptr_t)start + size);
}

static int take_recorded_blocks(hl_runtime *rt, ranges *blocks)
{
    const hl_blocks *b = &rt->blocks;
    if (!b->on || b->lost)
        return hl_error_set(rt, HL_EXC_RUNTIME_ERROR,
                            b->on ? "fragmentation figures: the record of live blocks is incomplete (it ran out of memory)"
                                  : "fragmentation figures on the %s backend need heaplab's record of live blocks "
                                    "(hl_config.track_blocks)",
                            rt->backend->name);
    if (!ranges_reserve(blocks, b->count))
        return hl_error_nomem(rt);
    for (size_t i = 0; i < b->capacity; i++)
        if (b->slots[i].address)
            ranges_push(blocks, b->slots[i].address, b->slots[i].address + b->slots[i].size);
    return 0;
}

/* Every live block lies in a span: a block the spans do not wholly cover (glibc's mmapped
 * chunks, or every block when the backend reports no spans) adds its own pages. */
static void cover_blocks(ranges *spans, const ranges *blocks)
{
    size_t s = 0, nspans = spans->count;
    for (size_t i = 0; i < blocks->count; i++) {
        const range *b = &blocks->items[i];
        while (s < nspans && spans->items[s].end <= b->start)
            s++;
        if (s == nspans || spans->items[s].start > b->start || spans->items[s].end < b->end)
            ranges_push(spans, page_down(b->start), page_up(b->end));
    }
    ranges_merge(spans);
}

/* Held bytes and the largest stretch of them no block overlaps (blocks sorted, all in spans). */
static void measure_spans(const ranges *spans, const ranges *blocks, hl_fragmentation *out)
{
    size_t b = 0;
    for (size_t s = 0; s < spans->count; s++) {
        const range *sp = &spans->items[s];
        out->held += sp->end - sp->start;
        uintptr_t cursor = sp->start;
        for (; b < blocks->count && blocks->items[b].start < sp->end; b++) {
            const range *bl = &blocks->items[b];
            if (bl->start > cursor && bl->start - cursor > out->largest_free)
                out->largest_free = bl->start - cursor;
            if (bl->end > cursor)
                cursor = bl->end;
        }
        if (sp->end > cursor && sp->end - cursor > out->largest_free)
            out->largest_free = sp->end - cursor;
    }
}

/* The live bytes of every held page: pages are the spans' pages, merged (two spans may share
 * a page); each block adds its overlap with each page it touches. */
static int measure_pages(const ranges *spans, const ranges *blocks, hl_fragmentation *out, hl_heap_map_fn fn,
                         void *data)
{
    ranges pages = {0};
    for (size_t s = 0; s < spans->count; s++)
        ranges_push(&pages, page_down(spans->items[s].start), page_up(spans->items[s].end));
    ranges_merge(&pages);
    size_t total = 0;
    for (size_t p = 0; p < pages.count; p++)
        total += (pages.items[p].end - pages.items[p].start) / HL_FRAG_PAGE;
    uint32_t *live = total ? mmap(NULL, total * sizeof *live, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                           : NULL;
    if (pages.failed || live == MAP_FAILED) {
        ranges_free(&pages);
        return -1;
    }
    size_t p = 0, base = 0; /* the page range blocks[b] starts in, and its first page's index */
    for (size_t b = 0; b < blocks->count; b++) {
        const range *bl = &blocks->items[b];
        while (pages.items[p].end <= bl->start) {
            base += (pages.items[p].end - pages.items[p].start) / HL_FRAG_PAGE;
            p++;
        }
        for (uintptr_t pg = page_down(bl->start); pg < bl->end; pg += HL_FRAG_PAGE) {
            uintptr_t lo = bl->start > pg ? bl->start : pg, hi = bl->end < pg + HL_FRAG_PAGE ? bl->end : pg + HL_FRAG_PAGE;
            live[base + (pg - pages.items[p].start) / HL_FRAG_PAGE] += (uint32_t)(hi - lo);
        }
    }
    out->pages_held = total;
    for (size_t i = 0, r = 0, k = 0; i < total; i++, k++) {
        if (pages.items[r].start + k * HL_FRAG_PAGE == pages.items[r].end) {
            r++;
            k = 0;
        }
        out->pages_live += live[i] != 0;
        if (fn)
            fn(data, pages.items[r].start + k * HL_FRAG_PAGE, live[i]);
    }
    if (live)
        munmap(live, total * sizeof *live);
    ranges_free(&pages);
    return 0;
}

static int measure(hl_runtime *rt, walk_state *w, hl_fragmentation *out, hl_heap_map_fn fn, void *data)
{
    hl_heap_walker walker = {on_span, on_block, w};
    unsigned reported = rt->backend->walk ? rt->backend->walk(rt->bctx, &walker) : 0;
    if (!(reported & HL_WALK_SPANS))
        w->spans.count = 0;
    if (!(reported & HL_WALK_BLOCKS)) {
        w->blocks.count = 0;
        if (take_recorded_blocks(rt, &w->blocks))
            return -1;
    }
    if (w->spans.failed || w->blocks.failed)
        return hl_error_nomem(rt);
    out->spans_from_backend = (reported & HL_WALK_SPANS) != 0;
    out->blocks_from_backend = (reported & HL_WALK_BLOCKS) != 0;
    ranges_merge(&w->spans);
    ranges_sort(&w->blocks);
    out->blocks = w->blocks.count;
    for (size_t i = 0; i < w->blocks.count; i++)
        out->in_blocks += w->blocks.items[i].end - w->blocks.items[i].start;
    /* Boehm frees without telling heaplab: its live bytes are those of the blocks it kept. */
    out->live = rt->self_collecting ? out->in_blocks : rt->heap.requested;
    out->objects_live = rt->gc.live_bytes;
    cover_blocks(&w->spans, &w->blocks);
    if (w->spans.failed)
        return hl_error_nomem(rt);
    measure_spans(&w->spans, &w->blocks, out);
    return measure_pages(&w->spans, &w->blocks, out, fn, data) ? hl_error_nomem(rt) : 0;
}

int hl_fragmentation_measure(hl_runtime *rt, hl_fragmentation *out, hl_heap_map_fn page, void *data)
{
    memset(out, 0, sizeof *out);
    out->backend = rt->backend->name;
    hl_gc_collect(rt);
    hl_gc_finish_sweep(rt);
    if (rt->backend->stats) {
        hl_backend_stats own = {0};
        rt->backend->stats(rt->bctx, &own);
        out->backend_active = own.active;
    }
    walk_state w = {{0}, {0}};
    int status = measure(rt, &w, out, page, data);
    ranges_free(&w.spans);
    ranges_free(&w.blocks);
    return status;
}
