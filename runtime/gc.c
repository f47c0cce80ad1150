/* The collector: precise, stop-the-world mark-sweep.
 *
 * Allocation: every object is registered in the runtime's object table; a collection starts
 * before an allocation when the bytes allocated since the last one pass the threshold
 * (live bytes after the last collection grown by gc_growth_percent), or always in stress mode.
 *
 * Mark: an explicit stack of value ranges (an object's items, a frame's slots), never C
 * recursion, so nesting depth costs no C stack. A big list is one range, not a push per item.
 * If the stack cannot grow, the range's objects are marked at once, untraced, and the marked
 * objects are rescanned afterwards (their already-marked children cost one test each), so
 * marking never fails.
 *
 * Sweep: one pass over the object table, compacting it; the weak intern table is pruned
 * first. With a backend that collects by itself (Boehm), heaplab neither tables nor sweeps. */
#include <string.h>

#include "intern.h"
#include "rt.h"
#include "type.h"

#define MIN_OBJECT_TABLE 1024

/* ---------------------------------------------------------------- accounting */

static void count_new_bytes(hl_runtime *rt, size_t size)
{
    rt->gc.bytes_allocated += size;
    rt->gc.live_bytes += size;
}

static void count_freed_bytes(hl_runtime *rt, size_t size)
{
    rt->gc.bytes_freed += size;
    rt->gc.live_bytes -= size;
}

/* ---------------------------------------------------------------- allocation */

/* A collecting backend decides its own collections, except in stress mode. */
static void maybe_collect(hl_runtime *rt, size_t size)
{
    if (rt->collecting || rt->paused)
        return;
    if (rt->stress || (!rt->self_collecting && rt->gc.live_bytes + size > rt->gc.threshold))
        hl_gc_collect(rt);
}

/* A block for an object or a buffer; on failure, one full collection and a second try. */
static void *alloc_block(hl_runtime *rt, size_t size, hl_block_kind kind)
{
    if (rt->roots_lost || rt->root_arrays_lost) { /* an unrecorded root exists: collecting now could free it */
        hl_error_nomem(rt);
        return NULL;
    }
    maybe_collect(rt, size);
    void *p = hl_heap_alloc(rt, size, kind);
    if (!p && !rt->fault_injected && !rt->collecting && !rt->self_collecting) {
        hl_gc_collect(rt);
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
    hl_gc_collect(rt);
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
        rt->objects[rt->nobjects++] = o;
    }
    o->type = (uint8_t)type;
    o->marked = 0;
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
    if (!q && !rt->fault_injected && !rt->collecting && !rt->self_collecting) {
        hl_gc_collect(rt);
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

/* ---------------------------------------------------------------- roots */

void hl_root_push(hl_runtime *rt, hl_value *slot)
{
    if (rt->roots_lost == 0 && rt->nroots == rt->roots_capacity) {
        size_t cap = rt->roots_capacity * 2;
        hl_value **r = hl_heap_realloc(rt, rt->roots, rt->roots_capacity * sizeof *r, cap * sizeof *r,
                                       HL_BLOCK_INTERNAL);
        if (r) {
            rt->roots = r;
            rt->roots_capacity = cap;
        }
    }
    if (rt->roots_lost == 0 && rt->nroots < rt->roots_capacity)
        rt->roots[rt->nroots++] = slot;
    else
        rt->roots_lost++; /* pops stay balanced; allocations fail until this one is popped */
}

void hl_root_pop(hl_runtime *rt, size_t n)
{
    size_t lost = n < rt->roots_lost ? n : rt->roots_lost;
    rt->roots_lost -= lost;
    n -= lost;
    rt->nroots = n <= rt->nroots ? rt->nroots - n : 0;
}

size_t hl_root_depth(const hl_runtime *rt) { return rt->nroots + rt->roots_lost; }

void hl_root_restore(hl_runtime *rt, size_t depth)
{
    size_t now = hl_root_depth(rt);
    if (depth < now)
        hl_root_pop(rt, now - depth);
}

void hl_root_array(hl_runtime *rt, const hl_value *values, size_t n)
{
    if (rt->root_arrays_lost == 0 && rt->nroot_arrays < HL_MAX_ROOT_ARRAYS)
        rt->root_arrays[rt->nroot_arrays++] = (hl_root_array_entry){values, n};
    else
        rt->root_arrays_lost++;
}

void hl_unroot_array(hl_runtime *rt)
{
    if (rt->root_arrays_lost)
        rt->root_arrays_lost--;
    else if (rt->nroot_arrays)
        rt->nroot_arrays--;
}

int hl_pin(hl_runtime *rt, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    if (rt->npins == rt->pins_capacity) {
        size_t cap = rt->pins_capacity ? rt->pins_capacity * 2 : 16;
        hl_value *p = hl_heap_realloc(rt, rt->pins, rt->pins_capacity * sizeof *p, cap * sizeof *p,
                                      HL_BLOCK_ROOT);
        if (!p)
            return hl_error_nomem(rt);
        rt->pins = p;
        rt->pins_capacity = cap;
    }
    rt->pins[rt->npins++] = v;
    return 0;
}

void hl_unpin(hl_runtime *rt, hl_value v)
{
    for (size_t i = rt->npins; i-- > 0;) {
        if (rt->pins[i] == v) {
            memmove(&rt->pins[i], &rt->pins[i + 1], (rt->npins - i - 1) * sizeof *rt->pins);
            rt->npins--;
            return;
        }
    }
}

int hl_gc_add_root_source(hl_runtime *rt, hl_root_source fn, void *data)
{
    if (!fn)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: no function", __func__);
    if (rt->nsources == rt->sources_capacity) {
        size_t cap = rt->sources_capacity ? rt->sources_capacity * 2 : 4;
        hl_root_source_entry *s = hl_heap_realloc(rt, rt->sources, rt->sources_capacity * sizeof *s,
                                                  cap * sizeof *s, HL_BLOCK_INTERNAL);
        if (!s)
            return hl_error_nomem(rt);
        rt->sources = s;
        rt->sources_capacity = cap;
    }
    rt->sources[rt->nsources++] = (hl_root_source_entry){fn, data};
    return 0;
}

void hl_gc_remove_root_source(hl_runtime *rt, hl_root_source fn, void *data)
{
    for (size_t i = 0; i < rt->nsources; i++) {
        if (rt->sources[i].fn == fn && rt->sources[i].data == data) {
            memmove(&rt->sources[i], &rt->sources[i + 1], (rt->nsources - i - 1) * sizeof *rt->sources);
            rt->nsources--;
            return;
        }
    }
}

/* ---------------------------------------------------------------- mark */

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
            if (hl_is_ptr(v) && !hl_obj(v)->marked) {
                hl_obj(v)->marked = 1;
                t->rt->gc.last.objects_marked++;
            }
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

void hl_trace_range(hl_tracer *t, const hl_value *p, size_t n, size_t stride)
{
    if (n == 0)
        return;
    __builtin_prefetch(p);
    if (t->npending == HL_MARK_PENDING)
        promote_pending(t);
    t->pending[(t->pending_head + t->npending++) % HL_MARK_PENDING] = (hl_mark_range){p, n, stride};
}

void hl_trace_values(hl_tracer *t, const hl_value *values, size_t n) { hl_trace_range(t, values, n, 1); }

static inline void mark_object(hl_tracer *t, hl_object *o)
{
    o->marked = 1;
    t->rt->gc.last.objects_marked++;
    const hl_type_info *ti = hl_type_table[o->type];
    if (ti->trace)
        ti->trace(o, t);
}

void hl_trace_value(hl_tracer *t, hl_value v)
{
    if (hl_is_ptr(v) && !hl_obj(v)->marked)
        mark_object(t, hl_obj(v));
}

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
            __builtin_prefetch((const void *)v); /* reading its mark now would wait for it */
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
        if (!o->marked)
            mark_object(t, o); /* may move the stack */
    }
}

static void mark_roots(hl_runtime *rt)
{
    hl_tracer *t = &rt->tracer;
    for (size_t i = 0; i < rt->nroots; i++)
        hl_trace_value(t, *rt->roots[i]);
    hl_trace_range(t, rt->pins, rt->npins, 1);
    for (size_t i = 0; i < rt->nroot_arrays; i++)
        hl_trace_range(t, rt->root_arrays[i].values, rt->root_arrays[i].n, 1);
    for (size_t i = 0; i < rt->nsources; i++)
        rt->sources[i].fn(rt, t, rt->sources[i].data);
    drain(t);
    /* Ranges that found no room on the stack: their objects are marked, so every marked
     * object's children again, until a pass overflows no more. Children already marked cost
     * one test each. */
    while (t->overflowed) {
        t->overflowed = false;
        for (size_t i = 0; i < rt->nobjects; i++) {
            hl_object *o = rt->objects[i];
            const hl_type_info *ti = hl_type_table[o->type];
            if (o->marked && ti->trace) {
                ti->trace(o, t);
                drain(t);
            }
        }
    }
}

/* ---------------------------------------------------------------- sweep */

static void sweep(hl_runtime *rt)
{
    hl_object **objs = rt->objects;
    size_t n = rt->nobjects, kept = 0;
    hl_gc_cycle *c = &rt->gc.last;
    for (size_t i = 0; i < n; i++) {
        if (i + 16 < n)
            __builtin_prefetch(objs[i + 16]);
        hl_object *o = objs[i];
        if (o->marked || (o->flags & HL_OBJ_IMMORTAL)) {
            o->marked = 0;
            objs[kept++] = o;
            continue;
        }
        const hl_type_info *ti = hl_type_table[o->type];
        size_t before = rt->heap.requested;
        if (ti->release)
            ti->release(rt, o);
        rt->live_by_type[o->type]--;
        hl_heap_free(rt, o, ti->size(o));
        size_t freed = before - rt->heap.requested;
        c->objects_freed++;
        c->bytes_freed += freed;
        count_freed_bytes(rt, freed);
    }
    rt->nobjects = kept;
    rt->gc.objects_freed += c->objects_freed;
    rt->gc.live_objects -= c->objects_freed;
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

static void count_survivor(void *block, void *data)
{
    hl_runtime *rt = data;
    hl_object *o = block;
    if (!is_object_header(o) || (o->flags >> HL_OBJ_OWNER_SHIFT) != (rt->owner_flags >> HL_OBJ_OWNER_SHIFT))
        return; /* a free block, or another runtime's object */
    rt->live_by_type[o->type]++;
    rt->gc.last.objects_marked++;
    rt->gc.last.bytes_marked += hl_object_total_size(o);
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

    g->total_pause_ns += c->pause_ns;
    g->total_mark_ns += c->mark_ns;
    if (c->pause_ns > g->max_pause_ns)
        g->max_pause_ns = c->pause_ns;
    return c->objects_freed;
}

size_t hl_gc_collect(hl_runtime *rt)
{
    if (rt->collecting)
        return 0;
    if (rt->self_collecting)
        return collect_self_collecting(rt);
    rt->collecting = true;
    hl_gc_cycle *c = &rt->gc.last;
    memset(c, 0, sizeof *c);

    uint64_t t0 = hl_now_ns();
    mark_roots(rt);
    uint64_t t1 = hl_now_ns();
    hl_intern_prune(rt);
    sweep(rt);
    uint64_t t2 = hl_now_ns();

    c->mark_ns = t1 - t0;
    c->sweep_ns = t2 - t1;
    c->pause_ns = t2 - t0;
    c->bytes_marked = rt->gc.live_bytes;
    hl_gc_stats *g = &rt->gc;
    g->collections++;
    g->total_pause_ns += c->pause_ns;
    g->total_mark_ns += c->mark_ns;
    g->total_sweep_ns += c->sweep_ns;
    if (c->pause_ns > g->max_pause_ns)
        g->max_pause_ns = c->pause_ns;
    size_t grown = g->live_bytes + g->live_bytes / 100 * rt->cfg.gc_growth_percent;
    g->threshold = grown > rt->cfg.gc_min_threshold ? grown : rt->cfg.gc_min_threshold;
    rt->collecting = false;
    return c->objects_freed;
}

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
    *out = rt->gc;
    if (rt->self_collecting) { /* the backend's own collections count too */
        hl_backend_stats own = {0};
        rt->backend->stats(rt->bctx, &own);
        out->collections = own.collections - rt->backend_collections_at_start;
    }
}
