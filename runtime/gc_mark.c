/* The mark phase: everything reachable from the roots, never by C recursion over items.
 *
 * An explicit stack of value ranges (an object's items, a frame's slots): a big list is one
 * range, not a push per item, so nesting depth costs no C stack. If the stack cannot grow, the
 * range's objects are marked at once, untraced, and the marked objects are rescanned
 * afterwards (their already-marked children cost one test each), so marking never fails.
 *
 * A major collection marks every reachable object. A minor one stops at old objects, which it
 * takes as live, and starts from the remembered set as well as the roots (gc_young.c): the
 * tracer's `stop` bits say which. The same trace functions answer "may this object refer to a
 * young one?" when the tracer is scanning instead of marking, and feed an incremental
 * collection's grey set (gc_incremental.c) when it is greying. */
#include "gc_internal.h"
#include "type.h"

/* ---------------------------------------------------------------- the range stack */

static bool grow_mark_stack(hl_tracer *t)
{
    size_t cap = t->capacity * 2;
    hl_mark_range *s = hl_heap_realloc(t->rt, t->stack, t->capacity * sizeof *s, cap * sizeof *s,
                                       HL_BLOCK_INTERNAL);
    if (!s)
        return false;
    t->stack = s;
    t->capacity = cap;
    return true;
}

static void push_range(hl_tracer *t, hl_mark_range r)
{
    if (t->depth == t->capacity && !grow_mark_stack(t)) {
        /* No room: mark the range's objects now and leave their children to the rescan of
         * marked objects. Dropping the range would lose it if no object holds it (a pin's, a
         * rooted array's, a root source's range). */
        for (size_t i = 0; i < r.n; i++) {
            hl_value v = r.p[i * r.stride];
            if (hl_is_ptr(v) && !hl_gc_reached(t, hl_obj(v)))
                hl_gc_set_marked(t, hl_obj(v));
        }
        t->overflowed = true;
        return;
    }
    t->stack[t->depth++] = r;
}

/* The oldest pending range moves to the stack: its items have had time to arrive. */
static void promote_pending(hl_tracer *t)
{
    push_range(t, t->pending[t->pending_head]);
    t->pending_head = (t->pending_head + 1) % HL_MARK_PENDING;
    t->npending--;
}

/* Scanning instead of marking: is any of the values young (or white, while a collection marks
 * in steps: what the barrier watches)? */
static void scan_range(hl_tracer *t, const hl_value *p, size_t n, size_t stride)
{
    for (size_t i = 0; i < n && !t->found_young; i++)
        t->found_young = hl_gc_watched(t->rt, p[i * stride]);
}

void hl_trace_range(hl_tracer *t, const hl_value *p, size_t n, size_t stride)
{
    if (n == 0)
        return;
    if (__builtin_expect(t->mode != HL_TRACE_MARK, 0)) {
        if (t->mode == HL_TRACE_SCAN)
            scan_range(t, p, n, stride);
        else if (t->mode == HL_TRACE_GREY)
            hl_gc_grey_range(t, p, n, stride);
        else
            t->visit(t, p, n, stride);
        return;
    }
    __builtin_prefetch(p);
    if (t->npending == HL_MARK_PENDING)
        promote_pending(t);
    t->pending[(t->pending_head + t->npending++) % HL_MARK_PENDING] = (hl_mark_range){p, n, stride};
}

void hl_trace_values(hl_tracer *t, const hl_value *values, size_t n) { hl_trace_range(t, values, n, 1); }

/* A run of values in o's own block (a tuple's items, a list's inline ones) is in the cache
 * lines just read for o's header: it goes on the stack at once, without waiting among the
 * pending ranges for a prefetch. */
static inline void push_run(hl_tracer *t, const hl_object *o, const hl_value *p, size_t n)
{
    if (n == 0)
        return;
    if ((const char *)p - (const char *)o < 64 && t->depth < t->capacity)
        t->stack[t->depth++] = (hl_mark_range){p, n, 1};
    else
        hl_trace_range(t, p, n, 1);
}

static inline void mark_object(hl_tracer *t, hl_object *o)
{
    hl_gc_set_marked(t, o);
    const hl_type_info *ti = hl_type_table[o->type];
    const char *base = (const char *)o;
    switch (ti->run_kind) {
    case HL_RUN_INLINE:
        push_run(t, o, (const hl_value *)(base + ti->run_at), *(const size_t *)(base + ti->run_count));
        break;
    case HL_RUN_POINTER:
        push_run(t, o, *(hl_value *const *)(base + ti->run_at), *(const size_t *)(base + ti->run_count));
        break;
    default:
        if (ti->trace)
            ti->trace(o, t);
    }
}

void hl_trace_value(hl_tracer *t, hl_value v)
{
    if (!hl_is_ptr(v))
        return;
    if (__builtin_expect(t->mode != HL_TRACE_MARK, 0))
        t->mode == HL_TRACE_SCAN ? (void)(t->found_young |= hl_gc_watched(t->rt, v)) : hl_trace_range(t, &v, 1, 1);
    else if (!hl_gc_reached(t, hl_obj(v)))
        mark_object(t, hl_obj(v));
}

/* ---------------------------------------------------------------- draining */

/* Pop values off the range stack and mark what they reach. Marking is a chain of cache
 * misses (each object's header, then its items), so nothing is used as soon as it is found:
 * a value's header is prefetched and the value waits in a small FIFO while the next ones are
 * found, and is visited (marked, its ranges found) once the FIFO is full, when its header has
 * arrived; a range found waits likewise among the pending ranges before joining the stack. */
#define MARK_FIFO 16

/* How many of the first m values are certainly not pointers (low bits nonzero: small ints,
 * immediates), counted four at a time; a few more may follow. */
static inline size_t leading_immediates(const hl_value *p, size_t m)
{
    size_t i = 0;
    while (i + 4 <= m && ((p[i] & 7) != 0) & ((p[i + 1] & 7) != 0) & ((p[i + 2] & 7) != 0) & ((p[i + 3] & 7) != 0))
        i += 4;
    return i;
}

static void drain(hl_tracer *t)
{
    hl_object *fifo[MARK_FIFO];
    unsigned head = 0, count = 0;
    const uint8_t stop = t->stop, flip = t->flip;
    for (;;) {
        hl_object *o;
        if (t->depth == 0 && t->npending)
            promote_pending(t);
        if (t->depth) {
            /* Skip a run of non-pointers (a list of ints), four at a time where the items
             * are contiguous, writing the range back once: a list of 1M small ints marks in
             * ~0.3 ms instead of ~2. */
            hl_mark_range *r = &t->stack[t->depth - 1];
            const hl_value *p = r->p;
            size_t n = r->n, stride = r->stride;
            if (stride == 1) {
                size_t k = leading_immediates(p, n - 1);
                p += k;
                n -= k;
            }
            hl_value v;
            do {
                v = *p;
                p += stride;
            } while (--n && !hl_is_ptr(v));
            if (n == 0)
                t->depth--;
            else
                r->p = p, r->n = n;
            if (!hl_is_ptr(v))
                continue;
            /* Reading its mark now would wait for it. A small object may straddle two cache
             * lines (a 3-item list is 56 bytes, at any 8-byte offset): ask for both. */
            __builtin_prefetch((const void *)v);
            __builtin_prefetch((const char *)v + 48);
            if (count < MARK_FIFO) {
                fifo[(head + count++) % MARK_FIFO] = hl_obj(v);
                continue;
            }
            o = fifo[head];
            fifo[head] = hl_obj(v);
            head = (head + 1) % MARK_FIFO;
        } else if (count) {
            o = fifo[head];
            head = (head + 1) % MARK_FIFO;
            count--;
        } else {
            return;
        }
        if (!((o->gc ^ flip) & stop))
            mark_object(t, o); /* may move the stack */
    }
}

/* ---------------------------------------------------------------- the phase */

void hl_gc_trace_roots(hl_runtime *rt)
{
    hl_tracer *t = &rt->tracer;
    for (size_t i = 0; i < rt->nroots; i++)
        hl_trace_value(t, *rt->roots[i]);
    hl_trace_range(t, rt->pins, rt->npins, 1);
    for (size_t i = 0; i < rt->nroot_arrays; i++)
        hl_trace_range(t, rt->root_arrays[i].values, rt->root_arrays[i].n, 1);
    for (size_t i = 0; i < rt->nsources; i++)
        rt->sources[i].fn(rt, t, rt->sources[i].data);
    if (rt->cfg.int_mode == HL_INT_BOXED) /* immortal: reached, so that a count of what was reached is exact */
        hl_trace_range(t, rt->boxed_cache, sizeof rt->boxed_cache / sizeof *rt->boxed_cache, 1);
}

static void mark_from_roots(hl_runtime *rt, bool minor)
{
    hl_gc_trace_roots(rt);
    if (minor)
        hl_gc_trace_remembered(rt);
    drain(&rt->tracer);
}

void hl_gc_mark(hl_runtime *rt, bool minor)
{
    hl_tracer *t = &rt->tracer;
    if (minor) {
        *t = (hl_tracer){.rt = rt, .stop = HL_GC_MARK | HL_GC_OLD, .mark_xor = HL_GC_MARK, .mark_and = 0xFF,
                         .stack = t->stack, .capacity = t->capacity};
    } else { /* rt->epoch is the new epoch already */
        bool gen = rt->generational;
        *t = (hl_tracer){.rt = rt, .stop = HL_GC_EPOCH, .flip = (uint8_t)(rt->epoch ^ HL_GC_EPOCH),
                         .mark_xor = HL_GC_EPOCH, .mark_or = gen ? HL_GC_OLD : 0,
                         .mark_and = gen ? (uint8_t)~HL_GC_AGE_MASK : 0xFF, .stack = t->stack, .capacity = t->capacity};
    }
    mark_from_roots(rt, minor);
    /* Ranges that found no room on the stack: their objects are marked, so every marked
     * object's children again (a minor collection's: the young ones and the remembered set),
     * until a pass overflows no more. Children already marked cost one test each. */
    while (t->overflowed) {
        t->overflowed = false;
        for (size_t i = minor ? rt->nold : 0; i < rt->nobjects; i++) {
            hl_object *o = rt->objects[i];
            const hl_type_info *ti = hl_type_table[o->type];
            if (hl_gc_reached(t, o) && ti->trace) {
                ti->trace(o, t);
                drain(t);
            }
        }
        if (minor) {
            hl_gc_trace_remembered(rt);
            drain(t);
        }
    }
}

bool hl_gc_refers_to_young(hl_runtime *rt, hl_object *o)
{
    const hl_type_info *ti = hl_type_table[o->type];
    if (!ti->trace)
        return false;
    hl_tracer *t = &rt->tracer;
    uint8_t mode = t->mode; /* an incremental collection's tracer is greying between steps */
    t->mode = HL_TRACE_SCAN;
    t->found_young = false;
    ti->trace(o, t);
    t->mode = mode;
    return t->found_young;
}
