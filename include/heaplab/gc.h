/* heaplab/gc.h: roots, collection and collector statistics.
 *
 * The collector is precise mark-sweep and does not move objects. It runs in one of three modes
 * (hl_config.gc_mode). Incremental: a collection is a state machine (idle, mark, atomic,
 * sweep) that marks and sweeps in small steps as the program allocates, its tri-colour
 * invariant (no black object refers to a white one) kept by the same write barrier.
 * Stop-the-world: every collection marks the whole heap in one pause. By default it is
 * generational: new objects are young, and a minor collection, after every
 * gc_nursery_size bytes allocated, marks and sweeps the young ones only; an object that
 * survives gc_promote_age of them becomes old, and a major collection (when the heap has grown
 * by gc_growth_percent since the last one) marks and sweeps everything, its mark in steps as
 * incremental mode's (gc_major_stop_the_world: in one pause). After an automatic minor
 * collection that kept three quarters of the nursery, the next nursery's worth of objects is
 * born old (pretenured): a program building what it keeps is not traced young. Old objects that were
 * given a reference since the last collection are remembered by a write barrier every store
 * in heaplab goes through; C code that writes references straight into an object's items
 * (hl_list_items(l)[i] = v) calls hl_gc_write_barrier after it. Any call
 * that can allocate can collect; a value survives a collection only if it is reachable from
 * a root:
 *   - the root stack: addresses of C locals pushed with HL_ROOT and popped with HL_UNROOT;
 *   - pinned values (hl_pin), for globals that live longer than a C frame;
 *   - root sources: callbacks that report values (the front end's frames and namespaces).
 * Every public function keeps its own arguments alive while it runs, so
 * `hl_list_append(rt, list, hl_float_new(rt, 1.5))` is safe as long as `list` is rooted. */
#ifndef HEAPLAB_GC_H
#define HEAPLAB_GC_H

#include <stddef.h>
#include <stdint.h>

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the root stack ---- */
void hl_root_push(hl_runtime *rt, hl_value *slot);
void hl_root_pop(hl_runtime *rt, size_t n);
/* The root stack's depth, and a way back to it (for functions with many exits). */
size_t hl_root_depth(const hl_runtime *rt);
void hl_root_restore(hl_runtime *rt, size_t depth);

#define HL_ROOT(rt, var) hl_root_push((rt), &(var))
#define HL_UNROOT(rt, n) hl_root_pop((rt), (n))

/* Root a C array of n values (its contents are read at each collection), until the matching
 * hl_unroot_array. Nest like HL_ROOT. */
void hl_root_array(hl_runtime *rt, const hl_value *values, size_t n);
void hl_unroot_array(hl_runtime *rt);

/* ---- pinned values ---- */
/* Keep v alive until a matching hl_unpin. Pins nest. Returns 0, or -1 with MemoryError. */
int hl_pin(hl_runtime *rt, hl_value v);
void hl_unpin(hl_runtime *rt, hl_value v);

/* ---- root sources ---- */
typedef struct hl_tracer hl_tracer;
/* Report one value, or n values stored contiguously (the array must not change until the
 * collection ends, which it cannot: collections are stop-the-world). */
void hl_trace_value(hl_tracer *t, hl_value v);
void hl_trace_values(hl_tracer *t, const hl_value *values, size_t n);

typedef void (*hl_root_source)(hl_runtime *rt, hl_tracer *t, void *data);
int hl_gc_add_root_source(hl_runtime *rt, hl_root_source fn, void *data);
void hl_gc_remove_root_source(hl_runtime *rt, hl_root_source fn, void *data);

/* ---- the write barrier ---- */
/* After writing references into container's items or fields directly (not through a heaplab
 * call, which does it itself), before the next allocating call: the collector must know that
 * an old object may now refer to a young one. Any value is accepted; only objects matter. */
void hl_gc_write_barrier(hl_runtime *rt, hl_value container);

/* ---- collecting ---- */
/* Run a full (major) collection now. Returns the number of objects freed (for the Boehm
 * backend, the drop in its count of reachable objects). */
size_t hl_gc_collect(hl_runtime *rt);
/* Run a minor collection now: the young generation only (a full one when the runtime is not
 * generational, or on a backend that collects by itself). Returns the number freed. */
size_t hl_gc_collect_minor(hl_runtime *rt);
void hl_gc_set_stress(hl_runtime *rt, int on);
void hl_gc_set_growth(hl_runtime *rt, unsigned percent);
/* Automatic collections off (nonzero) or on (0); hl_gc_collect still collects. Returns the
 * previous setting. */
int hl_gc_pause(hl_runtime *rt, int paused);

/* ---- the collector as a state machine ----
 * Every mode passes through these phases; only incremental mode stops between them (and
 * within mark and sweep) to let the program run. A stop-the-world or generational
 * collection's mark and atomic phases are one pause, and its sweep runs in steps after. */
typedef enum hl_gc_phase {
    HL_GC_PHASE_IDLE = 0, /* no collection under way (Lua's "pause") */
    HL_GC_PHASE_MARK,     /* grey objects are scanned, their white children turned grey */
    HL_GC_PHASE_ATOMIC,   /* the roots rescanned, the grey set emptied, the weak intern table
                             pruned, in one pause (only ever seen by a step hook) */
    HL_GC_PHASE_SWEEP     /* what stayed white is freed, a step at a time */
} hl_gc_phase;
hl_gc_phase hl_gc_get_phase(const hl_runtime *rt);
const char *hl_gc_phase_name(hl_gc_phase phase); /* "idle", "mark", "atomic", "sweep" */

/* One step now: incremental, of the configured size (a new collection if idle); otherwise a
 * step of a sweep under way, or else a collection (a minor one if generational). Returns the
 * phase after it. */
hl_gc_phase hl_gc_step(hl_runtime *rt);

/* An object's colour in the collection under way. White: not reached (yet); grey: reached,
 * its references still to scan (in the grey set, or written since it was scanned); black:
 * reached and scanned. Idle, everything is white; sweeping, what survives is black. A value
 * that is not an object is black. */
typedef enum hl_gc_colour { HL_GC_WHITE, HL_GC_GREY, HL_GC_BLACK } hl_gc_colour;
hl_gc_colour hl_gc_colour_of(const hl_runtime *rt, hl_value v);
/* Objects in the grey set now (an object may be there twice: a range of a list, then all). */
size_t hl_gc_grey_count(const hl_runtime *rt);

/* Called after every step of an incremental collection, with the phase the step ran (mark,
 * atomic or sweep), while no collection can run: for pictures of the heap at each step
 * (`heaplab run --gc-trace`). Not called during a deep copy (its walk owns the objects'
 * scratch word, as a snapshot's does). fn NULL removes it. */
typedef void (*hl_gc_step_hook)(hl_runtime *rt, hl_gc_phase step, void *data);
void hl_gc_set_step_hook(hl_runtime *rt, hl_gc_step_hook fn, void *data);
/* The hook set (NULL if none), and its data in *data. */
hl_gc_step_hook hl_gc_get_step_hook(const hl_runtime *rt, void **data);

typedef struct hl_gc_cycle {
    int minor;                           /* 1: a minor collection; 0: a major (full) one */
    uint64_t pause_ns, mark_ns, sweep_ns; /* a major one's sweep_ns grows with its steps */
    size_t objects_marked;               /* reached by the mark phase (a minor: young ones) */
    size_t bytes_marked;                 /* bytes live after the collection, old ones included */
    size_t objects_freed, bytes_freed;   /* what was swept */
    size_t objects_promoted, bytes_promoted; /* young survivors made old */
    /* Incremental: its pauses, the steps of its mark (the atomic one included), and the
     * longest; pause_ns and mark_ns are their sum. 0 for a collection in one pause. */
    uint64_t steps, max_step_ns;
} hl_gc_cycle;

typedef struct hl_gc_stats {
    uint64_t collections;                /* minor + major */
    uint64_t total_pause_ns, max_pause_ns, total_mark_ns, total_sweep_ns;
    /* The two kinds apart (collections above counts both). */
    uint64_t minor_collections, minor_pause_ns, max_minor_pause_ns, minor_objects_freed;
    uint64_t major_collections, major_pause_ns, max_major_pause_ns, major_objects_freed;
    uint64_t objects_promoted, bytes_promoted;
    /* Objects born old (their own blocks' bytes): pretenured after a minor collection that
     * kept most of the nursery (above). */
    uint64_t objects_pretenured, bytes_pretenured;
    /* A major collection sweeps after its pause, in steps as the program allocates (its pause
     * is the mark): how many steps, their time (in total_sweep_ns too) and the longest. */
    uint64_t sweep_steps, sweep_step_ns, max_sweep_step_ns;
    /* Incremental: the mark steps (the atomic one included), their time and the longest. */
    uint64_t mark_steps, mark_step_ns, max_mark_step_ns;
    /* Every pause the program saw from the collector, whatever its kind (a collection's, a
     * sweep step's, an incremental mark step's): how many, and their median and 99th
     * percentile from a histogram of sixteen buckets per power of two (within 1/32), and the
     * longest (exact). */
    uint64_t pauses, pause_p50_ns, pause_p99_ns, pause_max_ns;
    size_t old_objects;                  /* objects in the old generation now */
    size_t remembered;                   /* old objects in the remembered set now */
    /* Objects: allocated == live + freed, always. */
    uint64_t objects_allocated, objects_freed;
    size_t live_objects;
    /* Bytes of objects and the buffers they own (list items, dict tables), as requested from
     * the backend: allocated == live + freed, always (a buffer that grows frees its old size). */
    uint64_t bytes_allocated, bytes_freed;
    size_t live_bytes;
    size_t threshold; /* the next automatic major collection starts once the bytes live after
                         a collection pass this (stop-the-world: once live_bytes does) */
    size_t young_bytes; /* bytes allocated since the last collection: the nursery's fill */
    hl_gc_cycle last;
} hl_gc_stats;

void hl_gc_get_stats(hl_runtime *rt, hl_gc_stats *out);

#ifdef __cplusplus
}
#endif

#endif
