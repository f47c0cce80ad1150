/* The collector: precise mark-sweep, generational by default, stop-the-world or incremental
 * (gc_incremental.c) as asked.
 *
 * Allocation: every object is registered in the runtime's object table, the old generation
 * first and the young one after it, and is young until promoted. Collections start before an
 * allocation:
 *   - generational: a minor collection once gc_nursery_size bytes have been allocated since
 *     the last collection; a major one instead when the bytes live after the last collection
 *     have passed the threshold (live bytes after the last major grown by gc_growth_percent),
 *     or when the remembered set lost an entry;
 *   - stop-the-world: a full collection when the live bytes pass that threshold;
 *   - incremental: when the live bytes pass it, a full collection begins, run in steps, one per
 *     gc_step_size bytes allocated (gc_incremental.c);
 *   - GC stress: before every allocation (generational: minor and major ones in turn, each
 *     minor one after checking the generations' invariant).
 * A deep copy holds automatic collections back while it runs (hl_gc_copy_begin, rt.h).
 * The mark phase is gc_mark.c, the remembered set gc_young.c, the roots gc_roots.c.
 *
 * Sweep: one pass over the object table (a minor collection: over its young part), compacting
 * it, never chasing a pointer from object to object; the weak intern table is pruned first.
 * A minor collection's survivors age, and those of gc_promote_age become old, in its pause; a
 * major collection's survivors all became old as it marked, and its sweep runs in steps after
 * its pause (below). With a backend that collects by itself (Boehm), heaplab neither tables
 * nor sweeps. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gc_internal.h"
#include "intern.h"
#include "type.h"

#define MIN_OBJECT_TABLE 1024

/* ---------------------------------------------------------------- accounting */

static void count_new_bytes(hl_runtime *rt, size_t size)
{
    rt->gc.bytes_allocated += size;
    rt->gc.live_bytes += size;
    rt->gc.young_bytes += size;
}

static void count_freed_bytes(hl_runtime *rt, size_t size)
{
    rt->gc.bytes_freed += size;
    rt->gc.live_bytes -= size;
}

/* ---------------------------------------------------------------- allocation */

static size_t collect(hl_runtime *rt, bool minor);
static void finish_sweep_now(hl_runtime *rt);

#define SWEEP_STEP 512    /* objects swept per step of a major collection's sweep... */
#define SWEEP_CREDIT 4096 /* ... and bytes allocated between steps */

/* A new object's header byte: reached as far as the last major collection is concerned (the
 * next one flips the epoch), young, and of age gc_promote_age - 1 while a deep copy runs;
 * white (not reached) while an incremental collection marks. */
void hl_gc_set_birth(hl_runtime *rt)
{
    unsigned age = rt->copying && rt->generational ? rt->cfg.gc_promote_age - 1 : 0;
    uint8_t epoch = rt->phase == HL_GC_PHASE_MARK ? rt->epoch ^ HL_GC_EPOCH : rt->epoch;
    rt->birth_gc = rt->pretenure_window ? (uint8_t)(epoch | HL_GC_OLD) : (uint8_t)(epoch | age << HL_GC_AGE_SHIFT);
}

/* A major collection that is due: generational, marked in steps (gc_incremental.c: its first
 * step now), the last one's sweep finished first; else in one pause. */
static void start_major(hl_runtime *rt)
{
    if (!rt->major_steps) {
        collect(rt, false);
        return;
    }
    finish_sweep_now(rt);
    hl_gc_incremental_step(rt, hl_gc_step_work(rt));
}

/* The end of a pretenuring window (its bytes allocated, or the heap past the threshold):
 * objects are born young again, and the nursery starts afresh, a quarter of it to probe, with
 * no minor collection (what the window made is old already), but a major one if the heap has
 * passed the threshold. */
static void end_pretenuring(hl_runtime *rt)
{
    rt->pretenure_window = 0;
    rt->probing = true;
    rt->gc.young_bytes = 0;
    hl_gc_set_birth(rt);
    if (rt->gc.live_bytes > rt->gc.threshold)
        start_major(rt);
}

/* After a minor collection that kept `kept` young objects and freed `freed` (probing: it
 * came after a window, a quarter nursery in): when most survived (a program building what it
 * keeps), tracing them young was wasted, and the next window of allocation is born old
 * (pretenured): no minor collection traces it, a major one does. Each such collection in a row widens the window, up to four nurseries; one that frees
 * more ends the streak. Counted in objects, not bytes: the nursery's bytes include what
 * growing buffers gave back, which no sweep frees (a list grown to 1,000 items and dropped
 * looked half alive). */
#define PRETENURE_PERCENT 75
#define PRETENURE_MAX_STREAK 4
#define PRETENURE_MIN_OBJECTS 1024

static void pace_pretenuring(hl_runtime *rt, size_t kept, size_t freed, bool probing)
{
    /* A few big objects (a dict of 100,000 keys) say nothing, nor does a collection that came
     * at once for a buffer larger than the probe (the probe is still to come); GC stress's
     * nursery is an allocation or two, and judging them puts objects born old under its
     * checks. */
    if (kept + freed < (rt->stress ? 1 : PRETENURE_MIN_OBJECTS)) {
        rt->probing = probing;
        return;
    }
    if (kept * 100 >= (kept + freed) * PRETENURE_PERCENT) { /* counts of objects: no overflow */
        if (rt->pretenure_streak < PRETENURE_MAX_STREAK)
            rt->pretenure_streak++;
        rt->pretenure_window = rt->cfg.gc_nursery_size * rt->pretenure_streak;
        hl_gc_set_birth(rt);
    } else {
        rt->pretenure_streak = 0;
    }
}

/* An automatic collection (the nursery full, or GC stress), which paces pretenuring; an
 * explicit one (hl_gc_collect_minor) says nothing of the nursery's survival and does not. */
static void collect_paced(hl_runtime *rt, bool minor)
{
    if (rt->collecting)
        return;
    bool probing = rt->probing;
    collect(rt, minor);
    if (rt->gc.last.minor)
        pace_pretenuring(rt, rt->gc.last.objects_marked, rt->gc.last.objects_freed, probing);
}

/* A collecting backend decides its own collections, except in stress mode. */
static void maybe_collect(hl_runtime *rt, size_t size)
{
    if (rt->collecting || rt->paused)
        return;
    if (rt->stress) {
        if (rt->incremental || rt->phase == HL_GC_PHASE_MARK)
            hl_gc_incremental_stress(rt);
        else if (rt->generational && ++rt->stress_count % 2 != 0)
            collect_paced(rt, true);
        else
            start_major(rt);
    } else if (rt->incremental) {
        hl_gc_incremental_pace(rt, size);
    } else if (rt->self_collecting || (rt->copying && rt->generational)) {
        return;
    } else if (rt->phase == HL_GC_PHASE_SWEEP && !rt->generational) {
        return; /* the live bytes are known when the sweep ends: the threshold is compared then */
    } else if (rt->phase == HL_GC_PHASE_MARK) { /* a major collection marking in steps */
        hl_gc_incremental_pace(rt, size);
    } else if (rt->pretenure_window) { /* it ends early when a major collection is due */
        if (rt->gc.young_bytes + size > rt->pretenure_window || rt->gc.live_bytes + size > rt->gc.threshold)
            end_pretenuring(rt);
    } else if (rt->generational) {
        if (rt->gc.young_bytes + size <= (rt->probing ? rt->cfg.gc_nursery_size / 4 : rt->cfg.gc_nursery_size))
            return;
        if (!rt->remembered_lost && rt->live_after_last <= rt->gc.threshold)
            collect_paced(rt, true);
        else
            start_major(rt);
    } else if (rt->gc.live_bytes + size > rt->gc.threshold) {
        collect(rt, false);
    }
}

/* An allocation failed: a full collection, swept at once, before the second try. With a
 * collecting backend (Boehm) too: the heap limit counts the bytes it has freed only when
 * heaplab asks it to collect. */
static void collect_now(hl_runtime *rt)
{
    collect(rt, false);
    finish_sweep_now(rt);
}

/* A block for an object or a buffer; on failure, one full collection and a second try. */
static void *alloc_block(hl_runtime *rt, size_t size, hl_block_kind kind)
{
    if (rt->roots_lost || rt->root_arrays_lost) { /* an unrecorded root exists: collecting now could free it */
        hl_error_nomem(rt);
        return NULL;
    }
    if (rt->phase == HL_GC_PHASE_SWEEP && !rt->incremental && (rt->sweep_credit += size) >= SWEEP_CREDIT) {
        rt->sweep_credit = 0;
        hl_gc_sweep_step(rt, SWEEP_STEP);
    }
    maybe_collect(rt, size);
    void *p = hl_heap_alloc(rt, size, kind);
    if (!p && !rt->fault_injected && !rt->collecting) {
        collect_now(rt);
        p = hl_heap_alloc(rt, size, kind);
    }
    if (!p)
        hl_error_nomem(rt);
    return p;
}

static int grow_object_table(hl_runtime *rt)
{
    size_t cap = rt->objects_capacity ? rt->objects_capacity * 2 : MIN_OBJECT_TABLE;
    hl_object **t = hl_heap_realloc(rt, rt->objects, rt->objects_capacity * sizeof *t, cap * sizeof *t,
                                    HL_BLOCK_INTERNAL);
    if (!t)
        return -1;
    rt->objects = t;
    rt->objects_capacity = cap;
    return 0;
}

/* A free slot in the object table: grow it, or else collect (the sweep compacts it) and look
 * again, as alloc_block does for the object itself. The new object is in no table yet, so the
 * collection cannot free it. */
static int make_table_room(hl_runtime *rt)
{
    if (rt->nobjects < rt->objects_capacity || grow_object_table(rt) == 0)
        return 0;
    if (rt->fault_injected || rt->collecting)
        return -1;
    collect_now(rt);
    return rt->nobjects < rt->objects_capacity || grow_object_table(rt) == 0 ? 0 : -1;
}

hl_object *hl_gc_new(hl_runtime *rt, hl_type type, size_t size)
{
    const hl_type_info *ti = hl_type_table[type];
    hl_object *o = alloc_block(rt, size, ti->trace ? HL_BLOCK_OBJECT_REFS : HL_BLOCK_OBJECT_DATA);
    if (!o)
        return NULL;
    if (!rt->self_collecting) {
        if (make_table_room(rt) != 0) {
            hl_heap_free(rt, o, size);
            hl_error_nomem(rt);
            return NULL;
        }
        if (__builtin_expect(rt->birth_gc & HL_GC_OLD, 0) && rt->phase != HL_GC_PHASE_SWEEP) {
            /* Pretenured: to the end of the old part, which a minor collection does not walk
             * (while a major collection sweeps, the old part is not there yet: after it). */
            if (rt->nold < rt->nobjects)
                rt->objects[rt->nobjects] = rt->objects[rt->nold];
            rt->nobjects++;
            rt->objects[rt->nold++] = o;
            rt->gc.objects_pretenured++;
            rt->gc.bytes_pretenured += size;
        } else {
            rt->objects[rt->nobjects++] = o;
        }
    }
    o->type = (uint8_t)type;
    o->gc = rt->birth_gc; /* young, or old in a pretenuring window */
    o->flags = rt->owner_flags;
    o->aux = 0;
    rt->live_by_type[type]++;
    rt->gc.objects_allocated++;
    rt->gc.live_objects++;
    count_new_bytes(rt, size);
    return o;
}

void hl_gc_make_immortal(hl_runtime *rt, hl_object *o)
{
    (void)rt;
    o->flags |= HL_OBJ_IMMORTAL;
}

/* The pacing changes when generational only: the other modes collect as they always do (the
 * step hook waits, whatever the mode). */
void hl_gc_copy_begin(hl_runtime *rt)
{
    if (rt->copying == 0 && rt->generational)
        maybe_collect(rt, 0);
    rt->copying++;
    hl_gc_set_birth(rt);
}

void hl_gc_copy_end(hl_runtime *rt)
{
    if (--rt->copying == 0)
        hl_gc_set_birth(rt);
}

void *hl_gc_buffer_alloc(hl_runtime *rt, size_t size, hl_block_kind kind)
{
    void *p = alloc_block(rt, size, kind);
    if (p)
        count_new_bytes(rt, size);
    return p;
}

void *hl_gc_buffer_realloc(hl_runtime *rt, void *p, size_t old_size, size_t new_size, hl_block_kind kind)
{
    if (!p)
        return hl_gc_buffer_alloc(rt, new_size, kind);
    if (rt->roots_lost || rt->root_arrays_lost) {
        hl_error_nomem(rt);
        return NULL;
    }
    maybe_collect(rt, new_size);
    void *q = hl_heap_realloc(rt, p, old_size, new_size, kind);
    if (!q && !rt->fault_injected && !rt->collecting) {
        collect_now(rt);
        q = hl_heap_realloc(rt, p, old_size, new_size, kind);
    }
    if (!q) {
        hl_error_nomem(rt);
        return NULL;
    }
    count_freed_bytes(rt, old_size);
    count_new_bytes(rt, new_size);
    return q;
}

void hl_gc_buffer_free(hl_runtime *rt, void *p, size_t size)
{
    if (!p)
        return;
    count_freed_bytes(rt, size);
    hl_heap_free(rt, p, size);
}

/* The store has happened: a reference may be in the pointer-free buffer already, where Boehm
 * would not see it, so its collections are held off while the scanned buffer is allocated.
 * If none can be had they stay held off for the runtime's life (runtime.c lets them go):
 * nothing is freed too soon, and allocations fail with MemoryError when memory runs out. */
void hl_gc_list_to_scanned(hl_runtime *rt, hl_object *o)
{
    hl_list_obj *l = (hl_list_obj *)o;
    size_t i = 0;
    while (i < l->size && !hl_is_ptr(l->items[i]))
        i++;
    if (i == l->size)
        return;
    size_t bytes = l->capacity * sizeof(hl_value);
    if (!rt->collections_held)
        rt->backend->hold_collections(rt->bctx, 1);
    hl_value *items = hl_heap_alloc(rt, bytes, HL_BLOCK_REFS);
    if (!items) {
        rt->collections_held = true;
        return;
    }
    count_new_bytes(rt, bytes);
    memcpy(items, l->items, l->size * sizeof(hl_value));
    hl_gc_buffer_free(rt, l->items, bytes);
    l->items = items;
    o->flags &= (uint16_t)~HL_OBJ_LIST_ATOMIC;
    if (!rt->collections_held)
        rt->backend->hold_collections(rt->bctx, 0);
}

/* ---------------------------------------------------------------- sweep */

/* Free an unmarked object: its buffers, then its block. */
static void free_object(hl_runtime *rt, hl_object *o, hl_gc_cycle *c)
{
    const hl_type_info *ti = hl_type_table[o->type];
    size_t before = rt->heap.requested;
    if (ti->release)
        ti->release(rt, o);
    rt->live_by_type[o->type]--;
    hl_heap_free(rt, o, ti->size(o));
    size_t freed = before - rt->heap.requested;
    c->bytes_freed += freed;
    count_freed_bytes(rt, freed);
    rt->gc.objects_freed++;
    rt->gc.live_objects--;
}

/* Does o outlive the collection whose mark t ran: reached, or immortal (never swept)? */
static bool survives(const hl_tracer *t, const hl_object *o)
{
    return hl_gc_reached(t, o) || (o->flags & HL_OBJ_IMMORTAL);
}

/* The least the heap may hold before a major collection: gc_min_threshold, and with a young
 * generation four nurseries too (a major collection is for old garbage: with a floor of 1 MiB,
 * the first ones ran as soon as anything was promoted). */
size_t hl_gc_major_floor(const hl_runtime *rt)
{
    size_t floor = rt->cfg.gc_min_threshold;
    if (rt->generational && rt->cfg.gc_nursery_size <= SIZE_MAX / 4 && 4 * rt->cfg.gc_nursery_size > floor)
        floor = 4 * rt->cfg.gc_nursery_size;
    return floor;
}

/* ---- a major collection's sweep, in steps ----
 * After its mark, a major collection sweeps objects[0..sweep_end) a step at a time, as the
 * program allocates (a step of SWEEP_STEP objects per SWEEP_CREDIT bytes allocated: a heap
 * of a million objects is swept within the first 8 MiB allocated after), as Boehm and Lua
 * sweep. Its pause is the mark alone; the steps are timed apart (sweep_step_ns). The
 * survivors, compacted in their order, are left as they are (marked with the new epoch, old if
 * generational: the mark did both), so nothing is written to a live object, and a heap with
 * nothing to free is not walked. Objects made meanwhile are appended after sweep_end. What
 * needs the table whole (a collection, a count of objects, the statistics, freeing the
 * runtime) finishes the sweep first. Incremental, the steps are its own (gc_incremental.c),
 * and each survivor's bits of the cycle are cleared, so that the barrier watches it no more. */
static void end_sweep(hl_runtime *rt)
{
    size_t made = rt->nobjects - rt->sweep_end; /* since the mark */
    if (made) /* the table may be NULL: no offset from it */
        memmove(&rt->objects[rt->sweep_kept], &rt->objects[rt->sweep_end], made * sizeof *rt->objects);
    rt->nobjects = rt->sweep_kept + made;
    rt->nold = rt->generational ? rt->sweep_kept : 0;
    rt->phase = HL_GC_PHASE_IDLE;
    hl_gc_stats *g = &rt->gc;
    size_t live = g->live_bytes - g->young_bytes; /* what the collection kept */
    g->last.bytes_marked = live;
    size_t grown = live + live / 100 * rt->cfg.gc_growth_percent;
    size_t floor = hl_gc_major_floor(rt);
    g->threshold = grown > floor ? grown : floor;
    rt->live_after_last = live;
}

/* A step of budget objects. A step is one of the program's pauses (recorded), unless it is
 * the rest of the sweep finished for a reader of the statistics or the object table. */
static void sweep_run(hl_runtime *rt, size_t budget, bool pause)
{
    hl_object **objs = rt->objects;
    const hl_tracer *t = &rt->tracer;
    hl_gc_cycle *c = &rt->gc.last;
    size_t i = rt->sweep_next, kept = rt->sweep_kept;
    size_t end = rt->sweep_end - i > budget ? i + budget : rt->sweep_end;
    const uint8_t keep = rt->sweep_keep;
    uint64_t t0 = hl_now_ns();
    for (; i < end; i++) {
        if (i + 16 < end)
            __builtin_prefetch(objs[i + 16]);
        hl_object *o = objs[i];
        if (survives(t, o)) {
            o->gc &= keep;
            objs[kept++] = o;
        } else {
            free_object(rt, o, c);
        }
    }
    rt->sweep_next = i;
    rt->sweep_kept = kept;
    uint64_t ns = hl_now_ns() - t0;
    hl_gc_stats *g = &rt->gc;
    c->sweep_ns += ns;
    g->total_sweep_ns += ns;
    if (pause) {
        g->sweep_steps++;
        g->sweep_step_ns += ns;
        if (ns > g->max_sweep_step_ns)
            g->max_sweep_step_ns = ns;
        hl_gc_record_pause(rt, ns);
    }
    if (i == rt->sweep_end)
        end_sweep(rt);
}

void hl_gc_sweep_step(hl_runtime *rt, size_t budget) { sweep_run(rt, budget, true); }

void hl_gc_finish_sweep(hl_runtime *rt)
{
    if (rt->phase == HL_GC_PHASE_SWEEP)
        sweep_run(rt, SIZE_MAX, false);
}

/* The rest of the sweep now, as a pause of the program's (before a collection). */
static void finish_sweep_now(hl_runtime *rt)
{
    if (rt->phase == HL_GC_PHASE_SWEEP)
        sweep_run(rt, SIZE_MAX, true);
}

/* After a major collection's mark: nothing to free ends the sweep at once, unless the mark ran
 * in steps and left bits of its own in the survivors for the sweep to clear (incremental mode:
 * all of them; a generational major collection: a partly scanned list's). */
void hl_gc_begin_sweep(hl_runtime *rt)
{
    rt->sweep_keep = rt->incremental ? (uint8_t)~HL_GC_CYCLE_BITS
                     : rt->gc.last.steps ? (uint8_t)~HL_GC_PARTIAL
                                         : 0xFF;
    rt->phase = HL_GC_PHASE_SWEEP;
    rt->sweep_next = rt->sweep_kept = 0;
    rt->sweep_end = rt->nobjects;
    rt->sweep_credit = 0;
    rt->live_after_last = 0; /* until the sweep ends: no second major collection before */
    if (rt->gc.last.objects_marked == rt->nobjects && rt->sweep_keep == 0xFF) { /* every object reached (the immortal ones are roots) */
        rt->sweep_next = rt->sweep_kept = rt->nobjects;
        end_sweep(rt);
    }
}

/* The young part, objects[nold..): survivors age, those of gc_promote_age become old and move
 * to the front of it, where the old part then ends, with the objects a pretenuring window
 * made (old since their birth). Returns where the promoted ones start. */
static size_t sweep_young(hl_runtime *rt)
{
    hl_object **objs = rt->objects;
    size_t n = rt->nobjects, from = rt->nold, kept = from, born_old = 0, born_old_bytes = 0;
    hl_gc_cycle *c = &rt->gc.last;
    unsigned promote_age = rt->cfg.gc_promote_age;
    for (size_t i = from; i < n; i++) {
        if (i + 16 < n)
            __builtin_prefetch(objs[i + 16]);
        hl_object *o = objs[i];
        if (o->gc & HL_GC_OLD) { /* pretenured: neither marked nor freed here */
            born_old++;
            born_old_bytes += hl_object_total_size(o);
            objs[kept++] = o;
            continue;
        }
        if (!survives(&rt->tracer, o)) {
            free_object(rt, o, c);
            c->objects_freed++;
            continue;
        }
        unsigned age = (unsigned)(o->gc >> HL_GC_AGE_SHIFT) + 1;
        o->gc = (uint8_t)((o->gc & HL_GC_EPOCH) | (age >= promote_age ? HL_GC_OLD : age << HL_GC_AGE_SHIFT));
        objs[kept++] = o;
    }
    /* The promoted ones first: the old part grows over them. */
    size_t i = from, j = kept;
    while (i < j) {
        if (objs[i]->gc & HL_GC_OLD) {
            c->bytes_promoted += hl_object_total_size(objs[i]);
            i++;
        } else {
            hl_object *t = objs[--j];
            objs[j] = objs[i];
            objs[i] = t;
        }
    }
    c->objects_promoted = i - from - born_old;
    c->bytes_promoted -= born_old_bytes;
    rt->nobjects = kept;
    rt->nold = i;
    return from;
}

/* ---------------------------------------------------------------- collect */

/* Boehm reports free blocks of a kind as marked too (those on its free lists), and the first
 * word of a free block is a link: NULL or the 16-byte-aligned address of the next free block.
 * An object's first byte is its type, never 0 nor a multiple of 16 (hence the unused id 16),
 * so such a word never passes for an object's header. */
_Static_assert(HL_T__COUNT <= 32 && HL_T__RESERVED_16 == 16, "type ids must not look like aligned addresses");

static bool is_object_header(const hl_object *o)
{
    return (o->type & 15) != 0 && o->type < HL_T__COUNT && hl_type_table[o->type];
}

/* GC stress on a collecting backend: a pointer-free list holding a reference is a store that
 * skipped list.c's checks, and Boehm may have freed what it refers to (unless its collections
 * are held off: hl_gc_list_to_scanned). Reported, then abort. */
static void check_pointer_free(const hl_object *o)
{
    const hl_list_obj *l = (const hl_list_obj *)o;
    for (size_t i = 0; i < l->size; i++) {
        if (hl_is_ptr(l->items[i])) {
            fprintf(stderr, "heaplab: internal error: a pointer-free list holds a reference at item %zu "
                            "(a store that did not move its items to a scanned buffer first)\n", i);
            abort();
        }
    }
}

static void count_survivor(void *block, void *data)
{
    hl_runtime *rt = data;
    hl_object *o = block;
    if (!is_object_header(o) || (o->flags >> HL_OBJ_OWNER_SHIFT) != (rt->owner_flags >> HL_OBJ_OWNER_SHIFT))
        return; /* a free block, or another runtime's object */
    if (rt->stress && !rt->collections_held && o->type == HL_T_LIST && (o->flags & HL_OBJ_LIST_ATOMIC))
        check_pointer_free(o);
    rt->live_by_type[o->type]++;
    rt->gc.last.objects_marked++;
    rt->gc.last.bytes_marked += hl_object_total_size(o);
}

/* An incremental collection's pauses are its steps, each recorded as it ran; another's is
 * one. */
void hl_gc_count_cycle(hl_runtime *rt, const hl_gc_cycle *c)
{
    hl_gc_stats *g = &rt->gc;
    uint64_t longest = c->steps ? c->max_step_ns : c->pause_ns;
    if (!c->steps)
        hl_gc_record_pause(rt, c->pause_ns);
    g->collections++;
    g->total_pause_ns += c->pause_ns;
    g->total_mark_ns += c->mark_ns;
    g->total_sweep_ns += c->sweep_ns;
    if (longest > g->max_pause_ns)
        g->max_pause_ns = longest;
    if (c->minor) {
        g->minor_collections++;
        g->minor_pause_ns += c->pause_ns;
        g->minor_objects_freed += c->objects_freed;
        if (c->pause_ns > g->max_minor_pause_ns)
            g->max_minor_pause_ns = c->pause_ns;
    } else {
        g->major_collections++;
        g->major_pause_ns += c->pause_ns;
        g->major_objects_freed += c->objects_freed;
        if (longest > g->max_major_pause_ns)
            g->max_major_pause_ns = longest;
    }
    g->objects_promoted += c->objects_promoted;
    g->bytes_promoted += c->bytes_promoted;
}

/* A collecting backend (Boehm) collects; the survivors it reports are counted afresh, and
 * what is gone since the last count is what it freed. The pause is the backend's collection
 * alone: counting is bookkeeping for heaplab's statistics. */
static size_t collect_self_collecting(hl_runtime *rt)
{
    hl_gc_stats *g = &rt->gc;
    hl_gc_cycle *c = &g->last;
    memset(c, 0, sizeof *c);
    uint64_t t0 = hl_now_ns();
    rt->backend->collect(rt->bctx);
    c->pause_ns = c->mark_ns = hl_now_ns() - t0;

    memset(rt->live_by_type, 0, sizeof rt->live_by_type);
    rt->backend->for_each_object(rt->bctx, count_survivor, rt);
    c->objects_freed = g->live_objects - c->objects_marked;
    c->bytes_freed = g->live_bytes > c->bytes_marked ? g->live_bytes - c->bytes_marked : 0;
    g->live_objects = c->objects_marked;
    g->live_bytes = c->bytes_marked;
    g->objects_freed = g->objects_allocated - g->live_objects;
    g->bytes_freed = g->bytes_allocated - g->live_bytes;
    rt->heap.requested -= c->bytes_freed;
    rt->heap.held -= c->bytes_freed < rt->heap.held ? c->bytes_freed : rt->heap.held;
    rt->heap.frees += c->objects_freed;
    hl_gc_count_cycle(rt, c); /* a major one (hl_gc_get_stats takes the count of them from Boehm) */
    return c->objects_freed;
}

void hl_gc_log_cycle(hl_runtime *rt, const hl_gc_cycle *c)
{
    if (c->steps) {
        fprintf(stderr,
                "heaplab gc %" PRIu64 " incremental: %" PRIu64 " steps, %.3f ms (longest %.3f), %zu marked, %zu to free, "
                "%.1f MiB live\n",
                rt->gc.collections, c->steps, (double)c->pause_ns / 1e6, (double)c->max_step_ns / 1e6,
                c->objects_marked, c->objects_freed, (double)rt->gc.live_bytes / 1048576.0);
        return;
    }
    fprintf(stderr,
            "heaplab gc %" PRIu64 " %s: pause %.3f ms (mark %.3f, sweep %.3f), %zu marked, %zu freed, %zu promoted, "
            "%.1f MiB live, %zu old objects, %zu remembered\n",
            rt->gc.collections, c->minor ? "minor" : "major", (double)c->pause_ns / 1e6, (double)c->mark_ns / 1e6,
            (double)c->sweep_ns / 1e6, c->objects_marked, c->objects_freed, c->objects_promoted,
            (double)rt->gc.live_bytes / 1048576.0, rt->nold, rt->nremembered);
}

/* A minor collection where there is a young generation and nothing lost from the remembered
 * set, else a major one. */
static size_t collect(hl_runtime *rt, bool minor)
{
    if (rt->collecting)
        return 0;
    if (rt->self_collecting)
        return collect_self_collecting(rt);
    if (rt->incremental)
        return hl_gc_incremental_collect(rt);
    /* A major collection marking in steps: its mark ends first, and what it found is freed by
     * this call too (the sweep is finished below). */
    size_t found = 0;
    if (rt->phase == HL_GC_PHASE_MARK) {
        while (rt->phase == HL_GC_PHASE_MARK)
            hl_gc_incremental_step(rt, SIZE_MAX);
        found = rt->gc.last.objects_freed;
    }
    rt->collecting = true;
    finish_sweep_now(rt);
    minor = minor && rt->generational && !rt->remembered_lost;
    hl_gc_cycle *c = &rt->gc.last;
    memset(c, 0, sizeof *c);
    c->minor = minor;
    if (minor && rt->stress)
        hl_gc_verify_generations(rt);

    uint64_t t0 = hl_now_ns();
    if (!minor)
        rt->epoch ^= HL_GC_EPOCH;
    hl_gc_mark(rt, minor);
    uint64_t t1 = hl_now_ns();
    hl_intern_prune(rt, &rt->tracer);
    hl_gc_stats *g = &rt->gc;
    g->young_bytes = 0;
    rt->pretenure_window = 0;
    rt->probing = false;
    if (minor) {
        size_t from = sweep_young(rt);
        hl_gc_refresh_remembered(rt, from, rt->nold);
        rt->live_after_last = g->live_bytes;
    } else {
        hl_gc_forget_remembered(rt);
        c->objects_freed = rt->nobjects - c->objects_marked;
        hl_gc_begin_sweep(rt);
    }
    uint64_t t2 = hl_now_ns();

    c->mark_ns = t1 - t0;
    c->sweep_ns += t2 - t1;
    c->pause_ns = t2 - t0;
    c->bytes_marked = g->live_bytes;
    hl_gc_count_cycle(rt, c);
    hl_gc_set_birth(rt);
    if (rt->cfg.gc_log)
        hl_gc_log_cycle(rt, c);
    rt->collecting = false;
    return c->objects_freed + found;
}

size_t hl_gc_collect(hl_runtime *rt) { return collect(rt, false); }

size_t hl_gc_collect_minor(hl_runtime *rt) { return collect(rt, true); }

void hl_gc_set_stress(hl_runtime *rt, int on) { rt->stress = on != 0; }

void hl_gc_set_growth(hl_runtime *rt, unsigned percent)
{
    if (percent)
        rt->cfg.gc_growth_percent = percent;
}

int hl_gc_pause(hl_runtime *rt, int paused)
{
    int was = rt->paused;
    rt->paused = paused != 0;
    return was;
}

void hl_gc_get_stats(hl_runtime *rt, hl_gc_stats *out)
{
    hl_gc_finish_sweep(rt);
    *out = rt->gc;
    out->pause_p50_ns = hl_gc_pause_percentile(rt, 0.50);
    out->pause_p99_ns = hl_gc_pause_percentile(rt, 0.99);
    out->old_objects = rt->nold;
    out->remembered = rt->nremembered;
    if (rt->self_collecting) { /* the backend's own collections count too */
        hl_backend_stats own = {0};
        rt->backend->stats(rt->bctx, &own);
        out->collections = out->major_collections = own.collections - rt->backend_collections_at_start;
    }
}

hl_gc_phase hl_gc_get_phase(const hl_runtime *rt) { return rt->phase; }

const char *hl_gc_phase_name(hl_gc_phase phase)
{
    static const char *const names[] = {"idle", "mark", "atomic", "sweep"};
    return (unsigned)phase < sizeof names / sizeof *names ? names[phase] : "?";
}

hl_gc_phase hl_gc_step(hl_runtime *rt)
{
    if (rt->incremental || rt->phase == HL_GC_PHASE_MARK)
        hl_gc_incremental_step(rt, hl_gc_step_work(rt));
    else if (rt->phase == HL_GC_PHASE_SWEEP)
        hl_gc_sweep_step(rt, SWEEP_STEP);
    else
        collect(rt, true);
    return rt->phase;
}
