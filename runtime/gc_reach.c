/* What is garbage right now: a walk of everything reachable from the roots that leaves the
 * collector's bits alone, for pictures of a collection under way (a snapshot's gc view draws
 * the garbage beside the variables' graph, so that a student sees it stay white and go).
 *
 * Breadth first, never recursive, into a bookkeeping array; an object's scratch word `aux`
 * is 1 + its index there (objects.h: it counts only where the array agrees). Nothing is
 * allocated from the collected heap, so nothing can collect meanwhile. */
#include <string.h>

#include "gc_internal.h"

typedef struct reach {
    hl_runtime *rt;
    hl_object **found;
    size_t n, capacity;
    bool failed;
} reach;

static bool reached(const reach *r, const hl_object *o)
{
    size_t i = (size_t)o->aux - 1;
    return i < r->n && r->found[i] == o;
}

static void visit(hl_tracer *t, const hl_value *p, size_t n, size_t stride)
{
    reach *r = t->visit_data;
    for (size_t i = 0; i < n; i++) {
        hl_value v = p[i * stride];
        if (!hl_is_ptr(v) || reached(r, hl_obj(v)))
            continue;
        if (r->n == r->capacity) {
            size_t cap = r->capacity ? r->capacity * 2 : 256;
            hl_object **f = hl_heap_realloc(r->rt, r->found, r->capacity * sizeof *f, cap * sizeof *f, HL_BLOCK_INTERNAL);
            if (!f) {
                r->failed = true;
                return;
            }
            r->found = f;
            r->capacity = cap;
        }
        hl_obj(v)->aux = (uint32_t)(r->n + 1);
        r->found[r->n++] = hl_obj(v);
    }
}

size_t hl_gc_unreachable(hl_runtime *rt, bool (*wanted)(const hl_object *), hl_object ***out)
{
    *out = NULL;
    reach r = {.rt = rt};
    hl_tracer saved = rt->tracer; /* an incremental collection's, between its steps */
    rt->tracer.mode = HL_TRACE_VISIT;
    rt->tracer.visit = visit;
    rt->tracer.visit_data = &r;
    hl_gc_trace_roots(rt);
    for (size_t i = 0; i < r.n && !r.failed; i++) { /* r.n grows as the walk goes */
        const hl_type_info *ti = hl_type_table[r.found[i]->type];
        if (ti->trace)
            ti->trace(r.found[i], &rt->tracer);
    }
    rt->tracer = saved;
    size_t n = 0;
    hl_object **garbage = NULL;
    if (!r.failed && rt->nobjects && !(garbage = hl_heap_alloc(rt, rt->nobjects * sizeof *garbage, HL_BLOCK_INTERNAL)))
        r.failed = true;
    for (size_t i = 0; garbage && i < rt->nobjects; i++) {
        if (rt->phase == HL_GC_PHASE_SWEEP && i == rt->sweep_kept)
            i = rt->sweep_next; /* between them: entries swept already (freed or moved) */
        if (i >= rt->nobjects)
            break;
        hl_object *o = rt->objects[i];
        if (!reached(&r, o) && !(o->flags & HL_OBJ_IMMORTAL) && wanted(o))
            garbage[n++] = o;
    }
    hl_heap_free(rt, r.found, r.capacity * sizeof *r.found);
    if (r.failed) {
        hl_error_nomem(rt);
        return SIZE_MAX;
    }
    *out = garbage;
    return n;
}
