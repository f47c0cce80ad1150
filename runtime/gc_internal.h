/* Internal to the collector: what its files (gc.c, gc_mark.c, gc_young.c, gc_roots.c) call of
 * each other. */
#ifndef HEAPLAB_RUNTIME_GC_INTERNAL_H
#define HEAPLAB_RUNTIME_GC_INTERNAL_H

#include <stdbool.h>

#include "rt.h"

/* ---- gc_mark.c ---- */
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

#endif
