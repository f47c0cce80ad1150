/* Internal: the runtime's state, and the allocation and tracing entry points every type uses. */
#ifndef HEAPLAB_RUNTIME_RT_H
#define HEAPLAB_RUNTIME_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heaplab/allocator.h"
#include "heaplab/error.h"
#include "heaplab/gc.h"
#include "heaplab/heap.h"
#include "heaplab/runtime.h"
#include "heap_blocks.h"
#include "objects.h"

/* A contiguous run of values the mark phase still has to visit. */
typedef struct hl_mark_range {
    const hl_value *p;
    size_t n;
    size_t stride; /* in values */
} hl_mark_range;

#define HL_MARK_PENDING 8

struct hl_tracer {
    hl_runtime *rt;
    /* An object is reached (marked, or taken as live) when (gc ^ flip) & stop is nonzero:
     * a minor collection stops at HL_GC_MARK and HL_GC_OLD (flip 0), a major one at an epoch
     * bit equal to the new epoch. Marking an object does gc = ((gc ^ mark_xor) | mark_or) &
     * mark_and: a
     * minor collection sets HL_GC_MARK, a major one flips the epoch bit and, generational,
     * sets HL_GC_OLD (every survivor of a major collection is old) and clears the bits of an
     * age (mark_and), which an old object uses for HL_GC_REMEMBERED_ALL. */
    uint8_t stop, flip, mark_xor, mark_or, mark_and;
    /* HL_TRACE_MARK: mark what is reported and what it reaches (stop-the-world, from the
     * range stack below); HL_TRACE_SCAN: look for a reference to a young object among the
     * values reported, and note it in found_young (gc_young.c's question "may this object
     * refer to a young one?"); HL_TRACE_GREY: mark what is reported and put it in the grey
     * set, no further (an incremental step, gc_incremental.c), counting the values in work;
     * HL_TRACE_VISIT: hand them to visit (gc_reach.c's walk). */
    uint8_t mode;
    void (*visit)(hl_tracer *t, const hl_value *p, size_t n, size_t stride);
    void *visit_data;
    bool found_young;
    size_t work;
    hl_mark_range *stack;
    size_t depth, capacity;
    bool overflowed; /* a range was dropped for want of memory: rescan marked objects */
    /* Ranges just found wait here, their first items prefetched, before joining the stack. */
    hl_mark_range pending[HL_MARK_PENDING];
    unsigned pending_head, npending;
};

enum { HL_TRACE_MARK, HL_TRACE_SCAN, HL_TRACE_GREY, HL_TRACE_VISIT };

typedef struct hl_root_source_entry {
    hl_root_source fn;
    void *data;
} hl_root_source_entry;

typedef struct hl_root_array_entry {
    const hl_value *values;
    size_t n;
} hl_root_array_entry;

/* A remembered-set entry (gc_young.c): an old object, whole, or a range of a list's items.
 * The grey set of an incremental collection holds the same (gc_incremental.c). */
typedef struct hl_remembered {
    hl_object *object;
    size_t lo, hi; /* a list's items lo..hi; hi == HL_REMEMBER_WHOLE: the whole object */
} hl_remembered;
#define HL_REMEMBER_WHOLE SIZE_MAX

#define HL_MAX_ROOT_ARRAYS 64
#define HL_HELD_GRANULES 129 /* requests up to 1 KiB */

/* A slot of the intern table. A slot once used stays `used` (probe chains run through it);
 * its str goes back to NULL when the string dies: pruned by heaplab's collector, or cleared
 * by a collecting backend through a weak reference. */
typedef struct hl_intern_slot {
    hl_str_obj *str;
    int64_t hash;
    size_t used;
} hl_intern_slot;

typedef struct hl_intern_table {
    hl_intern_slot *slots;
    size_t capacity; /* a power of two, or 0 */
    size_t used;     /* slots ever used since the last resize */
} hl_intern_table;

/* Pauses by length: sixteen buckets per power of two of nanoseconds (gc_pauses.c). */
#define HL_PAUSE_BUCKETS (61 * 16)

#define HL_BOXED_CACHE_MIN (-5)
#define HL_BOXED_CACHE_MAX 256

struct hl_runtime {
    hl_config cfg;
    const hl_backend *backend;
    void *bctx;
    bool self_collecting; /* the backend collects (Boehm): no object table, no sweep */
    bool collections_held; /* its collections held off for good (gc.c: hl_gc_list_to_scanned) */
    uint64_t backend_collections_at_start;
    uint16_t owner_flags; /* with such a backend, a tag in every object's flags telling which
                             runtime made it (the backend enumerates a whole process) */

    /* Heap accounting, over every block (objects, buffers, bookkeeping). */
    hl_heap_stats heap;
    /* With a HL_BACKEND_SIZE_CLASSES backend: the usable size of requests of 8i-7..8i bytes,
     * 0 until first asked (heap.c). */
    size_t held_by_granule[HL_HELD_GRANULES];
    hl_blocks blocks;        /* every live block, when cfg.track_blocks is on (heap_blocks.h) */
    uint64_t alloc_attempts; /* for fault injection */
    bool fault_injected;     /* the last attempt failed by injection: a retry would hide it */
    uint64_t rng;

    /* Every heap object, for sweep and for per-type counts: the old generation first,
     * objects[0..nold), then the young one. */
    hl_object **objects;
    size_t nobjects, objects_capacity, nold;
    size_t live_by_type[HL_T__COUNT];

    /* The collector. */
    hl_gc_stats gc;
    hl_tracer tracer;
    bool generational;
    bool incremental;
    bool major_steps;           /* generational: a major collection due marks in steps
                                   (gc_incremental.c), as incremental mode's do */
    /* The barrier's test of a value stored into a watched object: it is recorded when
     * ((gc ^ watch_flip) & watch_stop) == 0. Young (not HL_GC_OLD; incremental mode: not
     * reached yet), or, while a major collection marks in steps, not reached yet, old or
     * young. */
    uint8_t watch_stop, watch_flip;
    hl_gc_phase phase;          /* where the collector's state machine is (heaplab/gc.h) */
    bool collecting;
    bool paused;
    bool stress;
    unsigned stress_count;      /* stress collections so far: minor and major ones in turn */
    unsigned copying;           /* deep copies running (hl_gc_copy_begin): no automatic collection */
    uint8_t epoch;              /* 0 or HL_GC_EPOCH: flips at each major collection */
    uint8_t birth_gc;           /* a new object's header byte: young, of the age a deep copy
                                   gives, with the epoch bit of a reached object */
    size_t live_after_last;     /* live bytes when the last collection ended */
    /* Pretenuring (gc.c): after a minor collection that found most of the nursery alive, the
     * next pretenure_window bytes are born old; consecutive ones widen it (pretenure_streak). */
    size_t pretenure_window;
    unsigned pretenure_streak;
    bool probing; /* a window has ended: the next minor collection after a quarter nursery */
    /* A major collection's sweep, in steps (gc.c), while phase is HL_GC_PHASE_SWEEP:
     * objects[0..sweep_next) are swept, the survivors compacted into objects[0..sweep_kept);
     * objects[sweep_end..) were made since. */
    size_t sweep_next, sweep_kept, sweep_end, sweep_credit;
    uint8_t sweep_keep;         /* the header bits a survivor keeps (the rest are the cycle's) */
    /* The remembered set: old objects that may refer to young ones (gc_young.c). */
    hl_remembered *remembered;
    size_t nremembered, remembered_capacity;
    bool remembered_lost;       /* one could not be recorded: the next collection is a major one
                                   (incremental: the atomic step rescans what is marked) */
    /* Incremental: the grey set, a stack of objects (or ranges of a list's items) marked and
     * still to scan; bytes allocated toward the next step; the step hook. */
    hl_remembered *grey;
    size_t ngrey, grey_capacity;
    size_t step_credit;
    hl_gc_step_hook step_hook;
    void *step_hook_data;
    uint32_t pause_histogram[HL_PAUSE_BUCKETS];

    /* Roots. */
    hl_value **roots;
    size_t nroots, roots_capacity;
    size_t roots_lost; /* pushes that found no memory: allocation fails until they are popped */
    hl_root_array_entry root_arrays[HL_MAX_ROOT_ARRAYS];
    size_t nroot_arrays;
    size_t root_arrays_lost; /* nested deeper than HL_MAX_ROOT_ARRAYS: allocation fails */
    hl_value *pins;
    size_t npins, pins_capacity;
    hl_root_source_entry *sources;
    size_t nsources, sources_capacity;

    hl_intern_table interned;
    hl_value boxed_cache[HL_BOXED_CACHE_MAX - HL_BOXED_CACHE_MIN + 1];
    /* The most decimal digits int <-> str converts (sys.set_int_max_str_digits); 0: no limit. */
    int64_t int_max_str_digits;

    /* Nesting of repr, ==, ordering and hashing, against cfg.max_depth. */
    unsigned depth;

    /* The front end's work budget (hl_lang_set_step_limit): the most steps a run may take (0:
     * no limit) and the steps taken. Kept here, below the front end's layers, because a range
     * (a front-end type) charges it for every item it hands to a built-in: sum(range(10**18))
     * is one step of the loop that calls sum. */
    uint64_t step_limit, steps;

    /* The pending exception. */
    hl_exc exc;
    char message[HL_ERROR_MESSAGE_MAX];
    char error_string[HL_ERROR_MESSAGE_MAX + 64];

    /* State owned by a higher layer (the front end), released with the runtime. */
    void *ext;
    void (*ext_free)(hl_runtime *rt, void *ext);
};

/* ---- raw blocks: accounting and fault injection, never a collection (heap.c) ---- */
void *hl_heap_alloc(hl_runtime *rt, size_t size, hl_block_kind kind);
void *hl_heap_realloc(hl_runtime *rt, void *p, size_t old_size, size_t new_size, hl_block_kind kind);
void hl_heap_free(hl_runtime *rt, void *p, size_t size);

/* ---- objects and the buffers they own: may collect first (gc.c) ----
 * All return NULL with MemoryError pending on failure. A new object's header is set
 * (type, flags 0) and the rest of it is uninitialised: initialise it before the next
 * allocation, since the collector may trace it. */
hl_object *hl_gc_new(hl_runtime *rt, hl_type type, size_t size);
void *hl_gc_buffer_alloc(hl_runtime *rt, size_t size, hl_block_kind kind);
void *hl_gc_buffer_realloc(hl_runtime *rt, void *p, size_t old_size, size_t new_size, hl_block_kind kind);
void hl_gc_buffer_free(hl_runtime *rt, void *p, size_t size);
/* Finish a major collection's sweep now, if one is under way (gc.c): before anything that
 * reads the object table or the counts of live objects. */
void hl_gc_finish_sweep(hl_runtime *rt);
/* The least the heap may hold before an automatic major collection (gc.c). */
size_t hl_gc_major_floor(const hl_runtime *rt);
/* What is garbage now (gc_reach.c, for pictures): the objects in the object table that
 * nothing reachable from the roots refers to (and that wanted accepts), in table order, into
 * *out, a bookkeeping block of room for every object, freed with hl_heap_free(rt, *out,
 * rt->nobjects * sizeof **out). Returns their count, or SIZE_MAX with MemoryError pending.
 * Uses the objects' scratch word aux; leaves the collector's bits alone. */
size_t hl_gc_unreachable(hl_runtime *rt, bool (*wanted)(const hl_object *), hl_object ***out);
/* Make an object immortal: never swept, freed with the runtime. */
void hl_gc_make_immortal(hl_runtime *rt, hl_object *o);
/* A deep copy's pacing, around a walk every object of which is part of its result (live until
 * it returns): a collection in the middle could free nothing the walk made, only trace it, so
 * there is none (a full nursery is collected at the start; a failing allocation still
 * collects; GC stress still collects). The objects it makes are born one minor collection short
 * of promotion: a result the program keeps is traced once by a minor collection, not
 * gc_promote_age times. Nest. */
void hl_gc_copy_begin(hl_runtime *rt);
void hl_gc_copy_end(hl_runtime *rt);

/* ---- tracing: what a type's trace function calls (gc_mark.c) ---- */
void hl_trace_range(hl_tracer *t, const hl_value *p, size_t n, size_t stride);

/* Has the running collection's mark phase reached o (or does it take o as live)? */
static inline bool hl_gc_reached(const hl_tracer *t, const hl_object *o) { return ((o->gc ^ t->flip) & t->stop) != 0; }

/* ---- the write barrier (gc_young.c) ----
 * After a store of a reference into object o (its fields or the buffers it owns), with no
 * allocation between the store and the call: an old object that may now refer to a young
 * one joins the remembered set, which a minor collection treats as roots.
 *   hl_gc_write: any store, or items moved about (the whole object is remembered);
 *   hl_gc_write_value: one value stored, remembered only if it is young;
 *   hl_gc_write_items: a list's items lo..hi written (an append, a slice), and only that
 *     range is remembered, so a minor collection after appending to a list of a million
 *     items looks at the new ones, not the million; hl_gc_write_item: one of them, or one
 *     entry of a dict (its key or value), so that a minor collection after updating a field
 *     of 50,000 old records (dicts) traces 50,000 entries, not every field of them;
 *   hl_gc_items_moved: a list's items (a dict's entries) moved within it.
 * Each costs a test of o's header when o is young or already remembered whole. */
void hl_gc_remember(hl_runtime *rt, hl_object *o);
void hl_gc_remember_items(hl_runtime *rt, hl_object *list, size_t lo, size_t hi);

static inline bool hl_gc_wants_barrier(const hl_object *o)
{
    return __builtin_expect((o->gc & (HL_GC_OLD | HL_GC_REMEMBERED_ALL)) == HL_GC_OLD, 0);
}

static inline bool hl_gc_is_young(hl_value v) { return hl_is_ptr(v) && !(hl_obj(v)->gc & HL_GC_OLD); }

/* Must a store of v into a watched object be recorded (young, or white while a collection
 * marks in steps)? */
static inline bool hl_gc_watched(const hl_runtime *rt, hl_value v)
{
    return hl_is_ptr(v) && !((hl_obj(v)->gc ^ rt->watch_flip) & rt->watch_stop);
}

static inline void hl_gc_write(hl_runtime *rt, hl_object *o)
{
    if (hl_gc_wants_barrier(o))
        hl_gc_remember(rt, o);
}

static inline void hl_gc_write_value(hl_runtime *rt, hl_object *o, hl_value v)
{
    if (hl_gc_wants_barrier(o) && hl_gc_watched(rt, v))
        hl_gc_remember(rt, o);
}

static inline void hl_gc_write_items(hl_runtime *rt, hl_object *list, size_t lo, size_t hi)
{
    if (hl_gc_wants_barrier(list) && lo < hi)
        hl_gc_remember_items(rt, list, lo, hi);
}

static inline void hl_gc_write_item(hl_runtime *rt, hl_object *list, size_t i, hl_value v)
{
    if (hl_gc_wants_barrier(list) && hl_gc_watched(rt, v))
        hl_gc_remember_items(rt, list, i, i + 1);
}

/* A list's items moved about (a delete in the middle, a sort, a reverse): a range remembered
 * may no longer cover them, so the list is remembered whole. A list not remembered holds
 * nothing young: moving its items changes nothing, unless an incremental collection has
 * part of it still to scan (HL_GC_PARTIAL): an item moved into the part scanned would be
 * missed. */
static inline void hl_gc_items_moved(hl_runtime *rt, hl_object *list)
{
    uint8_t g = list->gc;
    if ((g & (HL_GC_REMEMBERED | HL_GC_REMEMBERED_ALL)) == HL_GC_REMEMBERED ||
        __builtin_expect((g & (HL_GC_PARTIAL | HL_GC_OLD | HL_GC_REMEMBERED_ALL)) == (HL_GC_PARTIAL | HL_GC_OLD), 0))
        hl_gc_remember(rt, list);
}

/* ---- the root stack, inline for the runtime's own hot paths ---- */
static inline void hl_rt_root(hl_runtime *rt, hl_value *slot)
{
    if (rt->nroots < rt->roots_capacity && !rt->roots_lost)
        rt->roots[rt->nroots++] = slot;
    else
        hl_root_push(rt, slot);
}

static inline void hl_rt_unroot(hl_runtime *rt, size_t n)
{
    if (!rt->roots_lost && n <= rt->nroots)
        rt->nroots -= n;
    else
        hl_root_pop(rt, n);
}

/* ---- argument checks at the top of public functions ----
 * HL_NOVALUE as an argument means an earlier call failed: the call fails at once and keeps
 * that exception (if none is pending, a TypeError naming the function). A receiver of the
 * wrong type is a TypeError. Both return true when the call must fail. */
bool hl_arg_missing(hl_runtime *rt, hl_value v, const char *fn);
bool hl_arg_not(hl_runtime *rt, hl_value v, hl_type t, const char *fn);

/* ---- nesting guard for recursive operations (repr, ==, ordering, hash) ---- */
int hl_depth_enter(hl_runtime *rt, const char *what);
static inline void hl_depth_leave(hl_runtime *rt) { rt->depth--; }

/* ---- the work budget: one step (a loop iteration, a call, an item of a range) ---- */
int hl_step_limit_exceeded(hl_runtime *rt);
static inline int hl_count_step(hl_runtime *rt)
{
    return rt->step_limit && ++rt->steps > rt->step_limit ? hl_step_limit_exceeded(rt) : 0;
}

/* ---- per-runtime state of higher layers ---- */
void hl_runtime_set_ext(hl_runtime *rt, void *ext, void (*ext_free)(hl_runtime *, void *));

/* Monotonic nanoseconds. */
uint64_t hl_now_ns(void);

#endif
