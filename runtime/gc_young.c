/* The young generation's bookkeeping: the write barrier's remembered set.
 *
 * A minor collection marks from the roots but stops at old objects, so a young object that
 * only an old one refers to would be missed. Every store of a reference into an object is
 * followed by a barrier (rt.h: hl_gc_write, hl_gc_write_value): an old object that may now
 * refer to a young one is flagged HL_GC_REMEMBERED and listed here, and a minor collection
 * traces the children of every listed object as roots. The set holds objects, not slots
 * (card marking would be finer for a big list written to at one index): an old object's trace
 * function is the only thing that knows its references.
 *
 * After a minor collection the survivors that stay young still have to be found from their
 * old parents, so the set keeps the objects that still refer to young ones, and the objects
 * promoted just now that refer to young ones join it (they were young when the barrier saw
 * their stores). A major collection makes every survivor old and empties the set.
 *
 * If the set cannot grow (no memory), the object is not recorded; instead the next collection
 * is a major one, which needs no set. */
#include <stdio.h>
#include <stdlib.h>

#include "gc_internal.h"
#include "type.h"

static bool add(hl_runtime *rt, hl_object *o)
{
    if (rt->nremembered == rt->remembered_capacity) {
        size_t cap = rt->remembered_capacity ? rt->remembered_capacity * 2 : 256;
        hl_object **r = hl_heap_realloc(rt, rt->remembered, rt->remembered_capacity * sizeof *r, cap * sizeof *r,
                                        HL_BLOCK_INTERNAL);
        if (!r) {
            rt->remembered_lost = true;
            return false;
        }
        rt->remembered = r;
        rt->remembered_capacity = cap;
    }
    rt->remembered[rt->nremembered++] = o;
    o->gc |= HL_GC_REMEMBERED;
    return true;
}

void hl_gc_remember(hl_runtime *rt, hl_object *o) { add(rt, o); }

void hl_gc_write_barrier(hl_runtime *rt, hl_value container)
{
    if (hl_is_ptr(container))
        hl_gc_write(rt, hl_obj(container));
}

void hl_gc_trace_remembered(hl_runtime *rt)
{
    for (size_t i = 0; i < rt->nremembered; i++) {
        hl_object *o = rt->remembered[i];
        hl_type_table[o->type]->trace(o, &rt->tracer); /* only objects with references get here */
    }
}

void hl_gc_forget_remembered(hl_runtime *rt)
{
    for (size_t i = 0; i < rt->nremembered; i++)
        rt->remembered[i]->gc &= (uint8_t)~HL_GC_REMEMBERED;
    rt->nremembered = 0;
    rt->remembered_lost = false;
}

void hl_gc_refresh_remembered(hl_runtime *rt, size_t from, size_t to)
{
    if (rt->nold == rt->nobjects) { /* nothing young is left to refer to */
        hl_gc_forget_remembered(rt);
        return;
    }
    size_t kept = 0;
    for (size_t i = 0; i < rt->nremembered; i++) {
        hl_object *o = rt->remembered[i];
        if (hl_gc_refers_to_young(rt, o))
            rt->remembered[kept++] = o;
        else
            o->gc &= (uint8_t)~HL_GC_REMEMBERED;
    }
    rt->nremembered = kept;
    for (size_t i = from; i < to; i++) {
        hl_object *o = rt->objects[i];
        if (hl_gc_refers_to_young(rt, o) && !add(rt, o))
            return; /* remembered_lost: the next collection is a major one */
    }
}

void hl_gc_verify_generations(hl_runtime *rt)
{
    if (rt->remembered_lost)
        return;
    for (size_t i = 0; i < rt->nold; i++) {
        hl_object *o = rt->objects[i];
        if (!(o->gc & HL_GC_OLD)) {
            fprintf(stderr, "heaplab: internal error: a young %s among the old objects\n", hl_type_name(o->type));
            abort();
        }
        if (!(o->gc & HL_GC_REMEMBERED) && hl_gc_refers_to_young(rt, o)) {
            fprintf(stderr,
                    "heaplab: internal error: an old %s refers to a young object but is not remembered "
                    "(a store without its write barrier)\n",
                    hl_type_name(o->type));
            abort();
        }
    }
}
