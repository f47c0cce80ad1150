/* heaplab/gc.h: roots, collection and collector statistics.
 *
 * The collector is precise, stop-the-world mark-sweep, and does not move objects. By default
 * it is generational: new objects are young, and a minor collection, after every
 * gc_nursery_size bytes allocated, marks and sweeps the young ones only; an object that
 * survives gc_promote_age of them becomes old, and a major collection (when the heap has grown
 * by gc_growth_percent since the last one) marks and sweeps everything. Old objects that were
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

typedef struct hl_gc_cycle {
    int minor;                           /* 1: a minor collection; 0: a major (full) one */
    uint64_t pause_ns, mark_ns, sweep_ns; /* a major one's sweep_ns grows with its steps */
    size_t objects_marked;               /* reached by the mark phase (a minor: young ones) */
    size_t bytes_marked;                 /* bytes live after the collection, old ones included */
    size_t objects_freed, bytes_freed;   /* what was swept */
    size_t objects_promoted, bytes_promoted; /* young survivors made old */
} hl_gc_cycle;

typedef struct hl_gc_stats {
    uint64_t collections;                /* minor + major */
    uint64_t total_pause_ns, max_pause_ns, total_mark_ns, total_sweep_ns;
    /* The two kinds apart (collections above counts both). */
    uint64_t minor_collections, minor_pause_ns, max_minor_pause_ns, minor_objects_freed;
    uint64_t major_collections, major_pause_ns, max_major_pause_ns, major_objects_freed;
    uint64_t objects_promoted, bytes_promoted;
    /* A major collection sweeps after its pause, in steps as the program allocates (its pause
     * is the mark): how many steps, their time (in total_sweep_ns too) and the longest. */
    uint64_t sweep_steps, sweep_step_ns, max_sweep_step_ns;
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
