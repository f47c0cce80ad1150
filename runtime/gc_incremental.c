/* Incremental mode: a full collection as a state machine run in small steps, as Lua's lgc.c
 * runs its incremental collector.
 *
 *   idle --(the heap passed the threshold)--> mark --(nothing grey, roots included)--> atomic --> sweep --> idle
 *
 * Colours. White: not reached this cycle. Grey: reached, references still to scan, listed in
 * the grey set (rt->grey: objects, or ranges of a list's items). Black: reached and scanned.
 * Reached objects carry HL_GC_OLD while the cycle marks, so the write barrier every store goes
 * through (rt.h) watches exactly them: a reference stored into a grey or black object is
 * remembered (gc_young.c's set, ranged for lists), and remembered objects are grey again.
 * That keeps the invariant the sweep relies on: no black object refers to a white one.
 *
 * New objects are white (Lua's choice): storing into them needs no barrier, and garbage made
 * while a cycle marks is freed by that cycle. One that becomes reachable from a black object
 * gets there through a barrier; one reachable only from a root is found when the mark step
 * that finds nothing grey left rescans the roots (they have no barrier); the atomic step
 * follows it in the same pause.
 *
 * A step does a bounded amount of work (words scanned: an object's header counts two, each
 * reference one), set by gc_step_size and gc_step_mul; a list of a million items is scanned in
 * chunks, its entry keeping the index reached, so no step scans it whole. The sweep is the
 * major collection's sweep (gc.c), run in steps of the same size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gc_internal.h"
#include "intern.h"

#define CHUNK 256        /* items of a list scanned before the step checks its budget */
#define STRESS_WORK 16   /* GC stress: the work of the step before every allocation */

/* ---------------------------------------------------------------- the grey set */

static bool push_grey(hl_runtime *rt, hl_object *o, size_t lo, size_t hi)
{
    if (rt->ngrey == rt->grey_capacity) {
        size_t cap = rt->grey_capacity * 2;
        hl_remembered *g = hl_heap_realloc(rt, rt->grey, rt->grey_capacity * sizeof *g, cap * sizeof *g,
                                           HL_BLOCK_INTERNAL);
        if (!g) {
            /* No room: o stays marked, and the atomic step rescans every marked object. */
            rt->tracer.overflowed = true;
            return false;
        }
        rt->grey = g;
        rt->grey_capacity = cap;
    }
    rt->grey[rt->ngrey++] = (hl_remembered){o, lo, hi};
    return true;
}

void hl_gc_grey_range(hl_tracer *t, const hl_value *p, size_t n, size_t stride)
{
    t->work += n;
    for (size_t i = 0; i < n; i++) {
        hl_value v = p[i * stride];
        if (!hl_is_ptr(v) || hl_gc_reached(t, hl_obj(v)))
            continue;
        hl_object *o = hl_obj(v);
        hl_gc_set_marked(t, o);
        if (hl_type_table[o->type]->trace) /* with no references it is black at once */
            push_grey(t->rt, o, 0, HL_REMEMBER_WHOLE);
    }
}

/* The references of the top entry, or CHUNK of a list's or tuple's items (its entry then
 * stays, with the index reached: the items are found again through the object, whose buffer
 * may have moved, and the count read again, since the list may have shrunk). */
static void scan_top(hl_runtime *rt)
{
    hl_tracer *t = &rt->tracer;
    hl_remembered e = rt->grey[rt->ngrey - 1];
    hl_object *o = e.object;
    const hl_type_info *ti = hl_type_table[o->type];
    t->work += 2;
    if (ti->run_kind == HL_RUN_NONE) {
        rt->ngrey--;
        ti->trace(o, t);
        return;
    }
    const char *base = (const char *)o;
    size_t count = *(const size_t *)(base + ti->run_count);
    const hl_value *items = ti->run_kind == HL_RUN_INLINE ? (const hl_value *)(base + ti->run_at)
                                                          : *(hl_value *const *)(base + ti->run_at);
    size_t hi = e.hi < count ? e.hi : count;
    size_t lo = e.lo < hi ? e.lo : hi;
    size_t n = hi - lo > CHUNK ? CHUNK : hi - lo;
    if (lo + n < hi) {
        rt->grey[rt->ngrey - 1].lo = lo + n;
        o->gc |= HL_GC_PARTIAL;
    } else {
        rt->ngrey--;
    }
    if (n) /* an empty list may have no buffer: no offset from NULL */
        hl_gc_grey_range(t, items + lo, n, 1); /* may grow the grey set: e is a copy */
}

/* The remembered objects are grey again: their entries move to the grey set. A list range
 * there makes the list partial (hl_gc_items_moved then remembers it whole). */
static void regrey_remembered(hl_runtime *rt)
{
    for (size_t i = 0; i < rt->nremembered; i++) {
        hl_remembered e = rt->remembered[i];
        e.object->gc &= (uint8_t)~(HL_GC_REMEMBERED | HL_GC_REMEMBERED_ALL);
        if (e.hi != HL_REMEMBER_WHOLE)
            e.object->gc |= HL_GC_PARTIAL;
        push_grey(rt, e.object, e.lo, e.hi);
    }
    rt->nremembered = 0;
    if (rt->remembered_lost) { /* a store went unrecorded: the atomic step rescans everything marked */
        rt->tracer.overflowed = true;
        rt->remembered_lost = false;
    }
}

/* Scan grey objects until the work is done or nothing is grey (the remembered set is grey
 * too: it joins the grey set at the start of each step, and when the grey set runs dry). */
static void mark_some(hl_runtime *rt, size_t work)
{
    hl_tracer *t = &rt->tracer;
    size_t until = t->work + work < t->work ? SIZE_MAX : t->work + work;
    while (t->work < until) {
        if (rt->ngrey)
            scan_top(rt);
        else if (rt->nremembered || rt->remembered_lost)
            regrey_remembered(rt);
        else
            return;
    }
}

/* ---------------------------------------------------------------- the phases */

static void start_cycle(hl_runtime *rt)
{
    hl_gc_cycle *c = &rt->gc.last;
    memset(c, 0, sizeof *c);
    rt->epoch ^= HL_GC_EPOCH;
    hl_tracer *t = &rt->tracer;
    *t = (hl_tracer){.rt = rt, .mode = HL_TRACE_GREY, .stop = HL_GC_EPOCH, .flip = (uint8_t)(rt->epoch ^ HL_GC_EPOCH),
                     .mark_xor = HL_GC_EPOCH, .mark_or = HL_GC_OLD, .mark_and = (uint8_t)~HL_GC_AGE_MASK,
                     .stack = t->stack, .capacity = t->capacity};
    rt->phase = HL_GC_PHASE_MARK;
    if (rt->generational) {
        /* A major collection of the generational mode (major_steps): the old objects carry
         * HL_GC_OLD, reached or not, so the barrier tells white from reached by the epoch
         * bit, as the mark does; minor collections wait for the mark's end, so the remembered
         * set's old entries are of no use (the mark reaches everything), and every survivor
         * is old after it. */
        hl_gc_forget_remembered(rt);
        rt->pretenure_window = 0;
        rt->watch_stop = HL_GC_EPOCH;
        rt->watch_flip = t->flip;
    }
    hl_gc_set_birth(rt);
    hl_gc_trace_roots(rt);
}

/* With a store unrecorded or a grey object dropped for want of memory: every marked object's
 * references again, until a pass loses nothing. */
static void rescan_marked(hl_runtime *rt)
{
    hl_tracer *t = &rt->tracer;
    while (t->overflowed) {
        t->overflowed = false;
        for (size_t i = 0; i < rt->nobjects; i++) {
            hl_object *o = rt->objects[i];
            if (hl_gc_reached(t, o) && hl_type_table[o->type]->trace && push_grey(rt, o, 0, HL_REMEMBER_WHOLE))
                mark_some(rt, SIZE_MAX);
        }
    }
}

/* The end of the mark, right after the mark step that rescanned the roots and found nothing
 * grey (the program has not run since): what is marked rescanned if the grey set could not
 * grow, the weak intern table pruned, the sweep begun. */
static void atomic(hl_runtime *rt)
{
    rescan_marked(rt);
    hl_intern_prune(rt, &rt->tracer);
    hl_gc_cycle *c = &rt->gc.last;
    c->objects_freed = rt->nobjects - c->objects_marked;
    rt->tracer.mode = HL_TRACE_MARK;
    rt->gc.young_bytes = 0;
    rt->watch_stop = HL_GC_OLD; /* young again (generational), or not reached (incremental) */
    rt->watch_flip = 0;
    hl_gc_begin_sweep(rt); /* phase: sweep (or idle, with nothing to sweep) */
    hl_gc_set_birth(rt);
}

static void count_step(hl_runtime *rt, uint64_t ns)
{
    hl_gc_stats *g = &rt->gc;
    hl_gc_cycle *c = &g->last;
    g->mark_steps++;
    g->mark_step_ns += ns;
    if (ns > g->max_mark_step_ns)
        g->max_mark_step_ns = ns;
    c->steps++;
    c->pause_ns += ns;
    c->mark_ns += ns;
    if (ns > c->max_step_ns)
        c->max_step_ns = ns;
    hl_gc_record_pause(rt, ns);
}

/* A mark step: what was remembered since the last step is grey again, and grey objects are
 * scanned until the work is done. If they all are, the roots are scanned once more (they have
 * no barrier) and what they reach marked, with as much work again; if that empties the grey
 * set too, nothing is left to mark (the program has not run meanwhile), and the atomic step
 * follows in the same pause (with, if the grey set could not grow, a rescan of what is
 * marked). Marking to the end in the step, never the next: a remembered object found then
 * could lead to a million white ones, all marked in the atomic pause. */
static hl_gc_phase mark_step(hl_runtime *rt, size_t work)
{
    regrey_remembered(rt);
    mark_some(rt, work);
    if (rt->ngrey)
        return HL_GC_PHASE_MARK;
    hl_gc_trace_roots(rt);
    mark_some(rt, work);
    if (rt->ngrey || rt->nremembered)
        return HL_GC_PHASE_MARK;
    if (rt->step_hook && !rt->copying)
        rt->step_hook(rt, HL_GC_PHASE_MARK, rt->step_hook_data);
    atomic(rt);
    return HL_GC_PHASE_ATOMIC;
}

void hl_gc_incremental_step(hl_runtime *rt, size_t work)
{
    if (rt->collecting)
        return;
    rt->collecting = true;
    uint64_t t0 = hl_now_ns();
    hl_gc_phase ran = rt->phase;
    switch (rt->phase) {
    case HL_GC_PHASE_IDLE:
        start_cycle(rt);
        ran = mark_step(rt, work);
        break;
    case HL_GC_PHASE_MARK:
        ran = mark_step(rt, work);
        break;
    default:
        hl_gc_sweep_step(rt, work / 4 + 1); /* an object swept counts four words; timed there */
        break;
    }
    if (ran != HL_GC_PHASE_SWEEP) {
        count_step(rt, hl_now_ns() - t0);
        if (ran == HL_GC_PHASE_ATOMIC) {
            hl_gc_count_cycle(rt, &rt->gc.last);
            if (rt->cfg.gc_log)
                hl_gc_log_cycle(rt, &rt->gc.last);
        }
    }
    if (rt->step_hook && !rt->copying)
        rt->step_hook(rt, ran, rt->step_hook_data);
    rt->collecting = false;
}

/* The work of one step: gc_step_mul words per 100 words of gc_step_size; GC stress, a few.
 * A generational major collection's steps do at least enough to mark the whole heap (its live
 * words, more than the mark's work) within one nursery's worth of allocation: minor collections
 * wait for the mark's end, and at the configured pace a heap of 40 MiB was still marking when
 * make run's workload ended, its gc.collect() finishing the mark in one 10 ms pause. */
size_t hl_gc_step_work(const hl_runtime *rt)
{
    if (rt->stress) { /* generational: a cycle within some 16 allocations, minor collections between */
        size_t share = rt->generational ? rt->gc.live_bytes / sizeof(hl_value) / 16 : 0;
        return share > STRESS_WORK ? share : STRESS_WORK;
    }
    size_t words = rt->cfg.gc_step_size / sizeof(hl_value);
    size_t work = words / 100 * rt->cfg.gc_step_mul + words % 100 * rt->cfg.gc_step_mul / 100;
    if (rt->generational) {
        size_t steps = rt->cfg.gc_nursery_size / rt->cfg.gc_step_size;
        size_t need = rt->gc.live_bytes / sizeof(hl_value) / (steps ? steps : 1) + 1;
        if (need > work)
            work = need;
    }
    return work ? work : 1;
}

/* hl_gc_collect: the cycle under way finished, then a whole one, in one go; with a step hook,
 * in steps of the configured size (pictures of each), its sweep too. */
size_t hl_gc_incremental_collect(hl_runtime *rt)
{
    if (rt->collecting)
        return 0;
    bool watched = rt->step_hook && !rt->copying;
    size_t work = watched ? hl_gc_step_work(rt) : SIZE_MAX;
    while (rt->phase != HL_GC_PHASE_IDLE)
        hl_gc_incremental_step(rt, work);
    do
        hl_gc_incremental_step(rt, work);
    while (rt->phase == HL_GC_PHASE_MARK);
    size_t freed = rt->gc.last.objects_freed;
    while (watched && rt->phase != HL_GC_PHASE_IDLE)
        hl_gc_incremental_step(rt, work);
    return freed;
}

/* ---------------------------------------------------------------- checking the invariant */

static int compare_objects(const void *a, const void *b)
{
    const hl_object *x = ((const hl_remembered *)a)->object, *y = ((const hl_remembered *)b)->object;
    return x < y ? -1 : x > y;
}

static bool in_grey_set(const hl_remembered *sorted, size_t n, const hl_object *o)
{
    hl_remembered key = {(hl_object *)o, 0, 0};
    return bsearch(&key, sorted, n, sizeof *sorted, compare_objects) != NULL;
}

/* GC stress, between steps of a mark: no black object refers to a white one, and the barrier's
 * bit is set exactly on reached objects. A violation is a missing write barrier (or a bug
 * here): reported on standard error, and the process aborts. */
static void verify_invariant(hl_runtime *rt)
{
    if (rt->phase != HL_GC_PHASE_MARK)
        return;
    /* The checker's scratch is not the heap's: it must not count, nor trip an injected fault. */
    hl_remembered *sorted = malloc((rt->ngrey ? rt->ngrey : 1) * sizeof *sorted);
    if (!sorted)
        return; /* no memory to check with: the next step checks */
    memcpy(sorted, rt->grey, rt->ngrey * sizeof *sorted);
    qsort(sorted, rt->ngrey, sizeof *sorted, compare_objects);
    const hl_tracer *t = &rt->tracer;
    for (size_t i = 0; i < rt->nobjects; i++) {
        hl_object *o = rt->objects[i];
        bool reached = hl_gc_reached(t, o), watched = (o->gc & HL_GC_OLD) != 0;
        const char *broken = NULL;
        if (reached ? !watched : watched && !rt->generational) /* generational: white old objects too */
            broken = "its barrier bit does not match its mark";
        else if (reached && !(o->gc & (HL_GC_REMEMBERED | HL_GC_REMEMBERED_ALL)) &&
                 !in_grey_set(sorted, rt->ngrey, o) && hl_gc_refers_to_young(rt, o))
            broken = "it is black and refers to a white object (a write barrier is missing)";
        if (broken) {
            fprintf(stderr, "heaplab: incremental collection: a %s object at %p: %s\n",
                    hl_type_table[o->type]->name, (void *)o, broken);
            abort();
        }
    }
    free(sorted);
}

/* GC stress: before every allocation, the invariant checked, then a small step. */
void hl_gc_incremental_stress(hl_runtime *rt)
{
    verify_invariant(rt);
    hl_gc_incremental_step(rt, hl_gc_step_work(rt));
}

/* Between collections' steps, as the program allocates: a cycle starts once the live bytes
 * pass the threshold, and runs a step per gc_step_size bytes allocated. */
void hl_gc_incremental_pace(hl_runtime *rt, size_t size)
{
    if (rt->phase == HL_GC_PHASE_IDLE) {
        if (rt->gc.live_bytes + size <= rt->gc.threshold)
            return;
    } else if ((rt->step_credit += size) < rt->cfg.gc_step_size) {
        return;
    }
    rt->step_credit = 0;
    hl_gc_incremental_step(rt, hl_gc_step_work(rt));
}

/* ---------------------------------------------------------------- what a picture shows */

hl_gc_colour hl_gc_colour_of(const hl_runtime *rt, hl_value v)
{
    if (!hl_is_ptr(v))
        return HL_GC_BLACK;
    const hl_object *o = hl_obj(v);
    switch (rt->phase) {
    case HL_GC_PHASE_IDLE:
        return HL_GC_WHITE;
    case HL_GC_PHASE_SWEEP:
        return (o->gc & HL_GC_EPOCH) == rt->epoch || (o->flags & HL_OBJ_IMMORTAL) ? HL_GC_BLACK : HL_GC_WHITE;
    default:
        break;
    }
    if (!hl_gc_reached(&rt->tracer, o))
        return HL_GC_WHITE;
    if (o->gc & (HL_GC_REMEMBERED | HL_GC_REMEMBERED_ALL))
        return HL_GC_GREY;
    for (size_t i = 0; i < rt->ngrey; i++)
        if (rt->grey[i].object == o)
            return HL_GC_GREY;
    return HL_GC_BLACK;
}

size_t hl_gc_grey_count(const hl_runtime *rt) { return rt->ngrey + rt->nremembered; }

void hl_gc_set_step_hook(hl_runtime *rt, hl_gc_step_hook fn, void *data)
{
    rt->step_hook = fn;
    rt->step_hook_data = data;
}

hl_gc_step_hook hl_gc_get_step_hook(const hl_runtime *rt, void **data)
{
    *data = rt->step_hook_data;
    return rt->step_hook;
}
