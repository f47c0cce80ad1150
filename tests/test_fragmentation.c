/* Fragmentation figures (heaplab/fragmentation.h) on the configuration's backend: freeing every
 * other object of a run halves its live bytes and leaves the pages holding live bytes as they
 * were; the largest free stretch lies between one block and the whole held memory; the heap
 * map accounts for every live byte; the arena's and mimalloc's own walks list exactly the
 * blocks heaplab's record holds. */
#include <string.h>

#include "rt.h"
#include "support.h"
#include "type.h"

#define N 4000

static hl_runtime *tracking_runtime(const char *backend)
{
    hl_config cfg;
    hl_config_init(&cfg);
    if (backend)
        cfg.backend = backend;
    cfg.track_blocks = 1;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "runtime: %s", err);
    return rt;
}

static void measure(hl_runtime *rt, hl_fragmentation *f)
{
    cr_assert_eq(hl_fragmentation_measure(rt, f, NULL, NULL), 0, "%s", hl_error_string(rt));
}

static bool is_boehm(hl_runtime *rt) { return strcmp(hl_runtime_backend_name(rt), "boehm") == 0; }

/* A list of N strs of 100 bytes each, neighbours in memory: N more are made first and
 * dropped, so that they take whatever holes the allocator had for that size, and the N kept
 * come one after another from fresh memory. */
static hl_value make_strs(hl_runtime *rt, size_t *str_bytes)
{
    char text[101];
    memset(text, 's', 100);
    text[100] = '\0';
    hl_value list = hl_list_new(rt, 0);
    cr_assert(list);
    HL_ROOT(rt, list);
    for (int i = 0; i < 2 * N; i++)
        cr_assert_eq(hl_list_append(rt, list, hl_str_from_cstr(rt, text)), 0, "%s", hl_error_string(rt));
    hl_value kept = hl_list_slice(rt, list, N, 2 * N, 1);
    cr_assert(kept, "%s", hl_error_string(rt));
    *str_bytes = hl_object_total_size((const hl_object *)hl_list_items(kept)[0]);
    for (int i = 0; i < 2 * N; i++) /* should a stale word keep the list (boehm), not its strs */
        cr_assert_eq(hl_list_set(rt, list, i, HL_NONE), 0);
    HL_UNROOT(rt, 1);
    return kept;
}

static void check_invariants(const hl_fragmentation *f)
{
    cr_expect_gt(f->blocks, 0);
    cr_expect_leq(f->live, f->in_blocks, "live %zu > in blocks %zu", f->live, f->in_blocks);
    cr_expect_leq(f->in_blocks, f->held, "in blocks %zu > held %zu", f->in_blocks, f->held);
    cr_expect_leq(f->objects_live, f->live);
    cr_expect_leq(f->pages_live, f->pages_held);
    cr_expect_geq(f->pages_held * HL_FRAG_PAGE, f->held);
    cr_expect_leq(f->largest_free, f->held);
}

Test(fragmentation, every_other_freed_halves_live_keeps_pages)
{
    hl_runtime *rt = tracking_runtime(NULL);
    size_t str_bytes;
    hl_value list = make_strs(rt, &str_bytes);
    HL_ROOT(rt, list);
    hl_fragmentation before, after;
    measure(rt, &before);
    check_invariants(&before);
    for (size_t i = 1; i < N; i += 2)
        cr_assert_eq(hl_list_set(rt, list, i, HL_NONE), 0);
    measure(rt, &after);
    check_invariants(&after);

    size_t freed = (size_t)(N / 2) * str_bytes;
    if (is_boehm(rt)) { /* conservative: a stale word may keep a few strs */
        cr_expect_geq(before.live - after.live, freed * 9 / 10, "%zu of %zu freed", before.live - after.live, freed);
    } else {
        cr_expect_eq(before.live - after.live, freed, "%zu freed, %zu expected", before.live - after.live, freed);
        cr_expect_eq(before.objects_live - after.objects_live, freed);
        /* The strs' share of the live bytes halved: their pages all keep a live neighbour. */
        cr_expect_eq(after.pages_live, before.pages_live, "%zu pages live, %zu before", after.pages_live,
                     before.pages_live);
    }
    cr_expect_geq(after.largest_free, str_bytes, "largest free %zu < a str's %zu bytes", after.largest_free, str_bytes);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

typedef struct map_sum {
    size_t pages, live;
    uintptr_t last;
    bool ordered;
} map_sum;

static void add_page(void *data, uintptr_t page, size_t live_bytes)
{
    map_sum *m = data;
    m->ordered = m->ordered && (m->pages == 0 || page > m->last) && page % HL_FRAG_PAGE == 0 && live_bytes <= HL_FRAG_PAGE;
    m->last = page;
    m->pages++;
    m->live += live_bytes;
}

Test(fragmentation, heap_map_accounts_for_every_live_byte)
{
    hl_runtime *rt = tracking_runtime(NULL);
    size_t str_bytes;
    hl_value list = make_strs(rt, &str_bytes);
    HL_ROOT(rt, list);
    hl_fragmentation f;
    map_sum m = {0, 0, 0, true};
    cr_assert_eq(hl_fragmentation_measure(rt, &f, add_page, &m), 0, "%s", hl_error_string(rt));
    cr_expect(m.ordered, "pages out of order, unaligned or over-full");
    cr_expect_eq(m.pages, f.pages_held);
    cr_expect_eq(m.live, f.in_blocks, "the map has %zu live bytes, the blocks %zu", m.live, f.in_blocks);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

typedef struct walk_sum {
    size_t blocks, bytes, spans;
} walk_sum;

static void count_span(void *data, const void *start, size_t size)
{
    (void)start;
    (void)size;
    ((walk_sum *)data)->spans++;
}

static void count_block(void *data, const void *start, size_t size)
{
    (void)start;
    walk_sum *w = data;
    w->blocks++;
    w->bytes += size;
}

/* The backend's own list of blocks in use and heaplab's record of them agree exactly. */
static void check_walk_matches_record(const char *backend)
{
    hl_runtime *rt = tracking_runtime(backend);
    size_t str_bytes;
    hl_value list = make_strs(rt, &str_bytes);
    HL_ROOT(rt, list);
    for (size_t i = 0; i < N; i += 3)
        cr_assert_eq(hl_list_set(rt, list, i, HL_NONE), 0);
    hl_gc_collect(rt);
    hl_gc_finish_sweep(rt);
    walk_sum w = {0, 0, 0};
    hl_heap_walker walker = {count_span, count_block, &w};
    cr_assert_eq(rt->backend->walk(rt->bctx, &walker), HL_WALK_SPANS | HL_WALK_BLOCKS);
    size_t recorded = 0;
    for (size_t i = 0; i < rt->blocks.capacity; i++)
        recorded += rt->blocks.slots[i].size;
    cr_expect_eq(w.blocks, rt->blocks.count, "%s lists %zu blocks, heaplab's record %zu", backend, w.blocks,
                 rt->blocks.count);
    cr_expect_eq(w.bytes, recorded, "%s: %zu bytes in its blocks, %zu recorded", backend, w.bytes, recorded);
    cr_expect_eq(rt->blocks.count, rt->heap.allocs - rt->heap.frees);
    cr_expect_gt(w.spans, 0);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(fragmentation, arena_walk_matches_the_record) { check_walk_matches_record("arena"); }
Test(fragmentation, mimalloc_walk_matches_the_record) { check_walk_matches_record("mimalloc"); }

/* A backend that cannot list its blocks needs heaplab's record: without it, a clear error. */
Test(fragmentation, system_without_record_says_why)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = "system";
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "%s", err);
    hl_fragmentation f;
    cr_expect_eq(hl_fragmentation_measure(rt, &f, NULL, NULL), -1);
    cr_expect_eq(hl_error_type(rt), HL_EXC_RUNTIME_ERROR);
    cr_expect(strstr(hl_error_message(rt), "track_blocks"), "%s", hl_error_message(rt));
    hl_runtime_free(rt);
}
