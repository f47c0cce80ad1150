/* Pointer-free list buffers on a collecting backend (list.c): on Boehm a list of immediates
 * keeps its items in a block Boehm neither clears nor scans, and every way of storing a
 * reference into it first moves the items to a scanned block. A reference Boehm cannot see
 * would be freed under it: each test stores a fresh float, lets Boehm collect while garbage
 * of the same size reuses freed memory, and reads the float back. */
#include <gc/gc.h>
#include <gc/gc_inline.h> /* GC_I_PTRFREE, GC_I_NORMAL */
#include <gc/gc_mark.h>   /* GC_get_kind_and_size */
#include <string.h>

#include "rt.h" /* white box: the list's flag, fault injection */
#include "support.h"

#define N 1000 /* past the 64 items a list keeps in its own block */

static hl_runtime *runtime_on(const char *backend, int stress)
{
    hl_config cfg;
    hl_config_init(&cfg);
    cfg.backend = backend;
    cfg.gc_stress = stress;
    char err[256];
    hl_runtime *rt = hl_runtime_new(&cfg, err, sizeof err);
    cr_assert_not_null(rt, "%s", err);
    return rt;
}

static bool pointer_free(hl_value l) { return (hl_obj(l)->flags & HL_OBJ_LIST_ATOMIC) != 0; }

/* What Boehm says of the list's buffer: GC_I_PTRFREE or GC_I_NORMAL. */
static int buffer_kind(hl_value l) { return GC_get_kind_and_size(hl_list_items(l), NULL); }

static hl_value int_list(hl_runtime *rt)
{
    hl_value l = hl_list_new(rt, 0);
    cr_assert(l);
    HL_ROOT(rt, l);
    for (int i = 0; i < N; i++)
        cr_assert_eq(hl_list_append(rt, l, hl_smallint(i)), 0);
    HL_UNROOT(rt, 1);
    return l;
}

/* Made in a frame of its own, so that no stale word of the caller's keeps it. */
__attribute__((noinline)) static hl_value fresh_float(hl_runtime *rt, int i) { return hl_float_new(rt, 1000.5 + i); }

/* Zeroes the stack below the caller's frame, where dead frames may have left the float's
 * address for Boehm's scan of the stack to find (it would keep the float). */
__attribute__((noinline)) static void scrub_stack(void)
{
    volatile char pad[64 * 1024];
    memset((char *)pad, 0, sizeof pad);
}

/* Collections with garbage of the float's size in between: a float Boehm freed is
 * overwritten (a negative value). */
__attribute__((noinline)) static void churn(hl_runtime *rt)
{
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 20000; i++)
            cr_assert(hl_float_new(rt, -i));
        scrub_stack();
        hl_gc_collect(rt);
    }
}

static void assert_kept(hl_runtime *rt, hl_value l, size_t at, int i)
{
    churn(rt);
    hl_value f = hl_list_items(l)[at];
    cr_assert(hl_is_float(f), "item %zu is no longer a float", at);
    cr_assert_float_eq(hl_float_get(f), 1000.5 + i, 1e-9, "item %zu was freed under the list", at);
    for (size_t k = 0; k < hl_list_size(l); k++)
        cr_assert(k == at || hl_is_smallint(hl_list_items(l)[k]), "item %zu changed", k);
}

static void assert_scanned_and_kept(hl_runtime *rt, hl_value l, size_t at, int i)
{
    (void)0;
    (void)0;
    assert_kept(rt, l, at, i);
}

Test(pointer_free, lists_of_immediates_and_their_copies_are_pointer_free_on_boehm)
{
    hl_runtime *rt = runtime_on("boehm", 0);
    hl_value a = int_list(rt), sized = hl_list_new(rt, N);
    HL_ROOT(rt, a);
    HL_ROOT(rt, sized);
    cr_assert(pointer_free(a) && buffer_kind(a) == GC_I_PTRFREE);
    cr_assert(pointer_free(sized) && buffer_kind(sized) == GC_I_PTRFREE, "a new list holds no reference");
    hl_value copy = hl_list_copy(rt, a);
    cr_assert(copy && pointer_free(copy) && buffer_kind(copy) == GC_I_PTRFREE);
    cr_assert(hl_eq(rt, copy, a) == 1);
    hl_value slice = hl_list_slice(rt, a, 1, N, 2);
    cr_assert(slice && pointer_free(slice) && hl_list_size(slice) == N / 2);
    hl_value both = hl_list_concat(rt, a, a);
    cr_assert(both && pointer_free(both) && hl_list_size(both) == 2 * N);
    hl_value zero = test_pin(rt, hl_list_new(rt, 0));
    cr_assert_eq(hl_list_append(rt, zero, hl_smallint(0)), 0);
    hl_value zeros = hl_list_repeat(rt, zero, N);
    cr_assert(zeros && pointer_free(zeros));
    /* A list with a reference in it stays scanned, and so do its copies. */
    hl_value mixed = test_pin(rt, hl_list_copy(rt, a));
    cr_assert_eq(hl_list_append(rt, mixed, S(rt, "x")), 0);
    hl_value mixed_copy = hl_list_copy(rt, mixed);
    cr_assert(mixed_copy && !pointer_free(mixed_copy) && buffer_kind(mixed_copy) == GC_I_NORMAL);
    HL_UNROOT(rt, 2);
    hl_runtime_free(rt);
}

/* Each store into a pointer-free list, by its kind. */
enum store { APPEND, INSERT, SET, EXTEND, SET_SLICE, EXTENDED_SLICE, STORE_KINDS };

/* The float is held by nothing else once this returns (a tuple of one for the slices). */
__attribute__((noinline)) static size_t store(hl_runtime *rt, hl_value l, enum store how, int i)
{
    hl_value s = fresh_float(rt, i);
    cr_assert(s);
    HL_ROOT(rt, s);
    hl_value one = hl_tuple_new(rt, &s, 1);
    HL_ROOT(rt, one);
    cr_assert(one);
    size_t at = 0;
    int r = -1;
    switch (how) {
    case APPEND:
        r = hl_list_append(rt, l, s), at = N;
        break;
    case INSERT:
        r = hl_list_insert(rt, l, 7, s), at = 7;
        break;
    case SET:
        r = hl_list_set(rt, l, 5, s), at = 5;
        break;
    case EXTEND:
        r = hl_list_extend(rt, l, one), at = N;
        break;
    case SET_SLICE:
        r = hl_list_set_slice(rt, l, 3, 4, 1, one), at = 3;
        break;
    case EXTENDED_SLICE:
        r = hl_list_set_slice(rt, l, 9, 10, 2, one), at = 9;
        break;
    default:
        break;
    }
    cr_assert_eq(r, 0, "%s", hl_error_string(rt));
    HL_UNROOT(rt, 2);
    return at;
}

Test(pointer_free, every_store_of_a_reference_moves_the_items_to_a_scanned_buffer)
{
    hl_runtime *rt = runtime_on("boehm", 0);
    for (int how = 0; how < STORE_KINDS; how++) {
        hl_value l = int_list(rt);
        HL_ROOT(rt, l);
        cr_assert(pointer_free(l));
        size_t at = store(rt, l, (enum store)how, how);
        assert_scanned_and_kept(rt, l, at, how);
        HL_UNROOT(rt, 1);
    }
    hl_runtime_free(rt);
}

/* The decisive check: under GC stress every allocation collects and checks that no
 * pointer-free list holds a reference (gc.c), which would abort. (Reading the float back
 * above can miss a reference Boehm did not see: a stale word on the stack may keep it.) */
Test(pointer_free, no_store_leaves_a_reference_in_a_pointer_free_list_under_gc_stress)
{
    hl_runtime *rt = runtime_on("boehm", 1);
    for (int how = 0; how < STORE_KINDS; how++) {
        hl_value l = int_list(rt);
        HL_ROOT(rt, l);
        cr_assert(pointer_free(l));
        size_t at = store(rt, l, (enum store)how, how);
        cr_assert(hl_float_new(rt, 0.5), "a collection and its check");
        cr_assert(!pointer_free(l) && hl_is_float(hl_list_items(l)[at]));
        HL_UNROOT(rt, 1);
    }
    hl_runtime_free(rt);
}

/* C code that writes through hl_list_items tells the barrier, which moves the items then. */
__attribute__((noinline)) static void write_through_items(hl_runtime *rt, hl_value l, int i)
{
    hl_list_items(l)[11] = fresh_float(rt, i);
    hl_gc_write_barrier(rt, l);
}

Test(pointer_free, the_write_barrier_covers_c_code_writing_through_hl_list_items)
{
    hl_runtime *rt = runtime_on("boehm", 0);
    hl_value l = int_list(rt);
    HL_ROOT(rt, l);
    write_through_items(rt, l, 42);
    assert_scanned_and_kept(rt, l, 11, 42);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
}

/* Without memory for the scanned buffer, the barrier holds Boehm's collections off until the
 * runtime goes: the reference already stored is never freed under it. */
Test(pointer_free, a_barrier_without_memory_holds_collections_off)
{
    hl_runtime *rt = runtime_on("boehm", 0);
    hl_value l = int_list(rt);
    HL_ROOT(rt, l);
    rt->cfg.fail_at = rt->alloc_attempts + 2; /* after the float's: the scanned buffer's */
    write_through_items(rt, l, 7);
    rt->cfg.fail_at = 0;
    cr_assert(pointer_free(l), "the items stayed where they were");
    cr_assert(GC_is_disabled(), "Boehm's collections are held off");
    assert_kept(rt, l, 11, 7);
    HL_UNROOT(rt, 1);
    hl_runtime_free(rt);
    cr_assert(!GC_is_disabled(), "freeing the runtime lets them run again");
}

/* GC stress checks, at every collection, that no pointer-free list holds a reference. */
__attribute__((noinline)) static void store_without_barrier(hl_runtime *rt, hl_value l)
{
    hl_list_items(l)[4] = fresh_float(rt, 4);
}

Test(pointer_free, gc_stress_catches_a_reference_in_a_pointer_free_list, .signal = SIGABRT)
{
    hl_runtime *rt = runtime_on("boehm", 1);
    hl_value l = int_list(rt);
    HL_ROOT(rt, l);
    store_without_barrier(rt, l);
    hl_float_new(rt, 1.0); /* under stress: a collection, and the check */
    cr_assert_fail("the check did not fire");
}

Test(pointer_free, heaplab_s_own_collector_never_keeps_a_list_pointer_free)
{
    static const char *backends[] = {"system", "jemalloc", "mimalloc", "arena"};
    for (size_t b = 0; b < sizeof backends / sizeof *backends; b++) {
        hl_runtime *rt = runtime_on(backends[b], 0);
        hl_value l = int_list(rt);
        HL_ROOT(rt, l);
        hl_value c = hl_list_copy(rt, l);
        cr_assert(!pointer_free(l) && c && !pointer_free(c), "%s", backends[b]);
        HL_UNROOT(rt, 1);
        hl_runtime_free(rt);
    }
}
