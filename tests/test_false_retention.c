/* False retention (examples/false_retention.c): an integer that equals an object's address
 * keeps the object, and all it refers to, alive under Boehm's conservative scan; heaplab's
 * precise collector frees it at the first collection whatever the integer.
 *
 * Boehm scans the C stack too, so the structure is built 256 KiB below the test's frames
 * (at_depth), where no later collection's frames reach, and every collection clears the
 * frames it leaves (Boehm's count of survivors passes each one's address through them). The
 * boehm runtimes run without GC stress whatever the environment says: a Boehm collection per
 * allocation is slow, and heaplab's rooting is checked on the precise backend, with stress. */
#include <string.h>

#include "support.h"

#define PAGES 20
#define ROWS 50 /* per page: small lists, none page-aligned by size (examples/false_retention.c) */
#define OBJECTS (1 + PAGES + PAGES * ROWS * 2) /* the table, its pages, each row and its float */

/* The embedding program's own integers: static data, which Boehm scans and heaplab never does. */
static volatile uint64_t stray_id;

static hl_runtime *runtime_on(const char *backend, bool stress)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = backend;
    cfg.gc_stress = stress && cfg.gc_stress;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "%s runtime: %s", backend, err);
    return rt;
}

/* A precise backend: the environment's, unless that is boehm. */
static const char *precise_backend(void)
{
    const char *name = getenv("HEAPLAB_BACKEND");
    const hl_backend *b = name ? hl_backend_find(name) : NULL;
    return b && !(b->flags & HL_BACKEND_COLLECTS) ? b->name : "system";
}

static __attribute__((noinline)) void clear_stack(void)
{
    volatile unsigned char scratch[16 * 1024];
    explicit_bzero((unsigned char *)scratch, sizeof scratch);
}

/* Objects alive after a full collection. */
static __attribute__((noinline)) size_t live_after_collect(hl_runtime *rt)
{
    hl_gc_collect(rt);
    clear_stack();
    return test_gc_stats(rt).live_objects;
}

static __attribute__((noinline)) void at_depth(void (*fn)(hl_runtime *, void *), hl_runtime *rt, void *arg)
{
    volatile unsigned char pad[256 * 1024];
    pad[0] = 0;
    fn(rt, arg);
    pad[sizeof pad - 1] = 0;
}

/* PAGES lists of ROWS rows, each row [float]; the table's id goes to stray_id. libgc's own
 * static data holds addresses of heap blocks, which are page-aligned, so a table at a page
 * boundary could be kept by them whatever stray_id says: such a table is left as garbage and
 * another one made. */
static void build_table(hl_runtime *rt, void *set)
{
    hl_value table = HL_NONE, page = HL_NONE, row = HL_NONE;
    HL_ROOT(rt, table);
    HL_ROOT(rt, page);
    HL_ROOT(rt, row);
    do
        cr_assert(table = hl_list_new(rt, 0));
    while (hl_id(table) % 4096 == 0);
    for (int p = 0; p < PAGES; p++) {
        cr_assert(page = hl_list_new(rt, 0));
        for (int i = 0; i < ROWS; i++) {
            cr_assert(row = hl_list_new(rt, 1));
            cr_assert_eq(hl_list_append(rt, row, hl_float_new(rt, p * ROWS + i)), 0, "%s", hl_error_string(rt));
            cr_assert_eq(hl_list_append(rt, page, row), 0, "%s", hl_error_string(rt));
        }
        cr_assert_eq(hl_list_append(rt, table, page), 0, "%s", hl_error_string(rt));
    }
    stray_id = hl_id(table);
    if (set) /* the id as a heaplab int in a set too: the set keeps its hash, the id itself */
        cr_assert_eq(hl_set_add(rt, *(hl_value *)set, hl_int_new(rt, (int64_t)stray_id)), 0, "%s", hl_error_string(rt));
    HL_UNROOT(rt, 3);
}

Test(false_retention, a_static_integer_equal_to_an_address_keeps_it_on_boehm)
{
    hl_runtime *rt = runtime_on("boehm", false);
    size_t base = live_after_collect(rt);
    at_depth(build_table, rt, NULL);
    size_t kept = live_after_collect(rt) - base;
    cr_assert_geq(kept, OBJECTS, "the table and all it refers to survive (%zu of %d objects)", kept, OBJECTS);
    stray_id ^= 8; /* one bit: 8 bytes into the list, and Boehm runs with interior pointers off */
    size_t left = live_after_collect(rt) - base;
    /* Freed but for what other words Boehm scans may keep (at most a page of rows). */
    cr_assert_leq(left, OBJECTS / 4, "the table goes once the integer changes (%zu objects left)", left);
    stray_id = 0;
    hl_runtime_free(rt);
}

Test(false_retention, the_precise_collector_frees_it_whatever_the_integer)
{
    hl_runtime *rt = runtime_on(precise_backend(), true);
    size_t base = live_after_collect(rt);
    at_depth(build_table, rt, NULL);
    cr_assert_neq(stray_id, 0);
    cr_assert_eq(live_after_collect(rt), base, "nothing of the table survives the first collection");
    stray_id = 0;
    hl_runtime_free(rt);
}

/* The same lesson inside heaplab's own objects: a set (or a dict) keeps each key's hash in its
 * entry table beside the key, a block Boehm scans, and hash(n) == n for an int below 2**61 - 1,
 * so a set of ids (a script's `seen.add(id(table))`) holds a word equal to the address. */
Test(false_retention, a_set_of_ids_keeps_its_objects_on_boehm)
{
    hl_runtime *rt = runtime_on("boehm", false);
    size_t base = live_after_collect(rt);
    hl_value seen = hl_set_new(rt);
    cr_assert(seen);
    HL_ROOT(rt, seen);
    base++;
    at_depth(build_table, rt, &seen);
    stray_id = 0; /* only the set's hash is left */
    size_t kept = live_after_collect(rt) - base;
    cr_assert_geq(kept, OBJECTS, "the set's hash word keeps the table (%zu of %d objects)", kept, OBJECTS);
    cr_assert_eq(hl_set_clear(rt, seen), 0);
    size_t left = live_after_collect(rt) - base;
    /* Less than half: the table itself is gone (it would keep all of it). Other stray words
     * still keep some of its pages at times: 608 objects once, under ASan with boxed ints. */
    cr_assert_lt(left, OBJECTS / 2, "the table goes with the set's entries (%zu objects left)", left);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

Test(false_retention, a_set_of_ids_keeps_nothing_on_the_precise_collector)
{
    hl_runtime *rt = runtime_on(precise_backend(), true);
    size_t base = live_after_collect(rt);
    hl_value seen = hl_set_new(rt);
    cr_assert(seen);
    HL_ROOT(rt, seen);
    at_depth(build_table, rt, &seen);
    stray_id = 0;
    size_t boxed_id = test_boxed(rt) ? 1 : 0; /* the id is an int object in boxed mode */
    cr_assert_eq(live_after_collect(rt), base + 1 + boxed_id, "only the set (and its int) survive");
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}
