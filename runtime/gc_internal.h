/* Internal to the collector: what its files (gc.c, gc_mark.c, gc_young.c, gc_roots.c) call of
 * each other. */
#ifndef HEAPLAB_RUNTIME_GC_INTERNAL_H
#define HEAPLAB_RUNTIME_GC_INTERNAL_H

#include <stdbool.h>

#include "rt.h"
#include "type.h"

/* Mark o (not reached yet), counting it, and a promotion when a major collection makes a
 * young object old. */
static inline void hl_gc_set_marked(hl_tracer *t, hl_object *o)
{
    uint8_t was = o->gc;
    o->gc = (uint8_t)(((was ^ t->mark_xor) | t->mark_or) & t->mark_and);
    t->rt->gc.last.objects_marked++;
    if (__builtin_expect(t->mark_or & ~was & HL_GC_OLD, 0) && !t->rt->incremental) {
        t->rt->gc.last.objects_promoted++;
        t->rt->gc.last.bytes_promoted += hl_object_total_size(o);
    }
}

/* ---- gc_mark.c ---- */
/* Report the roots to the tracer: the root stack, pins, rooted arrays, root sources. */
void hl_gc_trace_roots(hl_runtime *rt);
/* Mark what is reachable from the roots: every such object (a major collection), or the young
 * ones, starting from the remembered set too (minor). */
void hl_gc_mark(hl_runtime *rt, bool minor);
/* Does o refer to a young object (among the values its trace function reports)? */
bool hl_gc_refers_to_young(hl_runtime *rt, hl_object *o);

/* ---- gc_young.c: the remembered set ---- */
/* A minor collection's extra roots: the children of every remembered object. */
void hl_gc_trace_remembered(hl_runtime *rt);
/* After a minor collection's sweep, whose survivors objects[from..to) were just promoted:
 * keep the remembered objects that still refer to young ones, and add the promoted ones that
 * do. */
void hl_gc_refresh_remembered(hl_runtime *rt, size_t from, size_t to);
/* Empty the set (a major collection makes every survivor old). */
void hl_gc_forget_remembered(hl_runtime *rt);
/* GC stress: check the invariant minor collections stand on, that an old object outside the
 * remembered set refers to no young object. A violation is a missing write barrier: it is
 * reported on standard error and the process aborts. */
void hl_gc_verify_generations(hl_runtime *rt);

/* ---- gc_incremental.c ---- */
/* The tracer's greying mode: mark the white objects among the values and add them to the grey
 * set (those with no references are black at once). */
void hl_gc_grey_range(hl_tracer *t, const hl_value *p, size_t n, size_t stride);
/* Incremental mode's steps, and a whole collection run through them (hl_gc_collect). */
void hl_gc_incremental_step(hl_runtime *rt, size_t work);
size_t hl_gc_incremental_collect(hl_runtime *rt);
/* The work of one step (gc_step_size, gc_step_mul). */
size_t hl_gc_step_work(const hl_runtime *rt);
/* Before an allocation of size bytes: a cycle started, or a step, when due. */
void hl_gc_incremental_pace(hl_runtime *rt, size_t size);
/* GC stress: the invariant checked, then a small step. */
void hl_gc_incremental_stress(hl_runtime *rt);
/* What an incremental cycle sets in a reached object's header, and its sweep clears. */
#define HL_GC_CYCLE_BITS (HL_GC_OLD | HL_GC_REMEMBERED | HL_GC_REMEMBERED_ALL | HL_GC_PARTIAL)

/* ---- gc.c, for gc_incremental.c ---- */
/* A major collection's sweep: start it (after the atomic phase), and one step of it. */
void hl_gc_begin_sweep(hl_runtime *rt);
void hl_gc_sweep_step(hl_runtime *rt, size_t budget);
/* Set the header byte new objects are born with (white while an incremental mark runs). */
void hl_gc_set_birth(hl_runtime *rt);
/* Count a finished collection in the statistics. */
void hl_gc_count_cycle(hl_runtime *rt, const hl_gc_cycle *c);
/* cfg.gc_log: one line per collection on standard error, as Go's GODEBUG=gctrace=1 or Java's
 * -Xlog:gc (an incremental one's when its atomic step ends its mark). */
void hl_gc_log_cycle(hl_runtime *rt, const hl_gc_cycle *c);

/* ---- gc.c, for hl_gc_write_barrier ---- */
/* A pointer-free list (list.c, HL_OBJ_LIST_ATOMIC) that C code may have stored a reference
 * into: its items move to a scanned buffer. */
void hl_gc_list_to_scanned(hl_runtime *rt, hl_object *list);

/* ---- gc_pauses.c: the distribution of pauses ---- */
void hl_gc_record_pause(hl_runtime *rt, uint64_t ns);
/* The p-th percentile (0 < p <= 1) of the pauses recorded: a bucket's midpoint. */
uint64_t hl_gc_pause_percentile(const hl_runtime *rt, double p);

#endif
