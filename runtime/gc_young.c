/* The young generation's bookkeeping: the write barrier's remembered set.
 *
 * A minor collection marks from the roots but stops at old objects, so a young object that
 * only an old one refers to would be missed. Every store of a reference into an object is
 * followed by a barrier (rt.h: hl_gc_write and its kin): an old object that may now refer to
 * a young one is flagged HL_GC_REMEMBERED and listed here, and a minor collection traces what
 * each entry names as roots.
 *
 * An entry names a whole object, or, for a list, a range of its items written since the
 * last collection (for a dict, a range of its entries: an update of one field of an old
 * record traced all of them, 118 ns a record in make run's workload): appending to a list of
 * a million items remembers the new items, and a minor collection traces those, not the
 * million (that cost ~9 ms per minor collection while a script built a million-item list).
 * Stores far apart make ranges of their own: merged, a million-item list stored into at random
 * became one range of it all, scanned whole by every minor collection and incremental step
 * (perf/workloads/churn.py). A list remembered whole says so in its header
 * (HL_GC_REMEMBERED_ALL), so that later stores cost a test. Code that moves a list's items
 * about (insert, delete, sort, reverse) remembers it whole.
 *
 * After a minor collection the survivors that stay young still have to be found from their
 * old parents, so the set keeps the entries that still reach young objects (a list's range
 * shrunk to them), and the objects promoted just now that refer to young ones join it (they
 * were young when the barrier saw their stores). A major collection makes every survivor old
 * and empties the set.
 *
 * If the set cannot grow (no memory), the object is not recorded; instead the next collection
 * is a major one, which needs no set.
 *
 * An incremental collection uses the same barrier and set for another purpose: there, old
 * means reached by the mark under way, and a remembered object is grey again
 * (gc_incremental.c). */
#include <stdio.h>
#include <stdlib.h>

#include "gc_internal.h"
#include "type.h"

static const uint8_t REMEMBERED_BITS = HL_GC_REMEMBERED | HL_GC_REMEMBERED_ALL;

/* A store extends the list's last range when it is within NEAR items of it; otherwise it
 * starts a range of its own, until the set holds RANGED_LIMIT entries (6 MiB): then the list
 * is remembered whole. A nursery of 8 MiB holds ~175,000 two-item lists, each of which churn.py
 * stores at random into an old list of a million: with 65,536 entries at most, the list went
 * whole, and each minor collection read the million old headers (minor pauses 713 to 964 ms
 * in all, against 431 to 446 with this limit, one loaded run). */
#define NEAR 32
#define RANGED_LIMIT (1u << 18)

static bool add(hl_runtime *rt, hl_object *o, size_t lo, size_t hi)
{
    if (rt->nremembered == rt->remembered_capacity) {
        size_t cap = rt->remembered_capacity ? rt->remembered_capacity * 2 : 256;
        hl_remembered *r = hl_heap_realloc(rt, rt->remembered, rt->remembered_capacity * sizeof *r,
                                           cap * sizeof *r, HL_BLOCK_INTERNAL);
        if (!r) {
            rt->remembered_lost = true;
            return false;
        }
        rt->remembered = r;
        rt->remembered_capacity = cap;
    }
    rt->remembered[rt->nremembered++] = (hl_remembered){o, lo, hi};
    o->gc |= hi == HL_REMEMBER_WHOLE ? REMEMBERED_BITS : HL_GC_REMEMBERED;
    return true;
}

/* Incremental mode watches reached objects while it marks (gc_incremental.c). After its atomic
 * step, a survivor the sweep has not reached yet still has the cycle's bits: they go now, and
 * there is nothing to remember. */
static bool unwatched(hl_runtime *rt, hl_object *o)
{
    if (!rt->incremental || rt->phase == HL_GC_PHASE_MARK)
        return false;
    o->gc &= (uint8_t)~HL_GC_CYCLE_BITS;
    return true;
}

void hl_gc_remember(hl_runtime *rt, hl_object *o)
{
    if (!unwatched(rt, o))
        add(rt, o, 0, HL_REMEMBER_WHOLE);
}

void hl_gc_remember_items(hl_runtime *rt, hl_object *list, size_t lo, size_t hi)
{
    if (unwatched(rt, list))
        return;
    if (list->gc & HL_GC_REMEMBERED) {
        hl_remembered *last = &rt->remembered[rt->nremembered - 1]; /* remembered: not empty */
        if (last->object == list && last->hi != HL_REMEMBER_WHOLE && lo <= last->hi + NEAR && hi + NEAR >= last->lo) {
            if (lo < last->lo)
                last->lo = lo;
            if (hi > last->hi)
                last->hi = hi;
            return;
        }
    }
    if (rt->nremembered >= RANGED_LIMIT)
        add(rt, list, 0, HL_REMEMBER_WHOLE); /* one entry from now on, and later stores cost a test */
    else
        add(rt, list, lo, hi);
}

void hl_gc_write_barrier(hl_runtime *rt, hl_value container)
{
    if (!hl_is_ptr(container))
        return;
    hl_object *o = hl_obj(container);
    if (o->type == HL_T_LIST && (o->flags & HL_OBJ_LIST_ATOMIC))
        hl_gc_list_to_scanned(rt, o);
    hl_gc_write(rt, o);
}

/* A ranged entry names slots of its object: a list's items, or a dict's entries (a key and
 * its value each): how many the object has now, whether slot k holds a young object, and the
 * slots lo..hi traced. */
static size_t slots_of(const hl_object *o)
{
    return o->type == HL_T_DICT ? ((const hl_dict_obj *)o)->nentries : ((const hl_list_obj *)o)->size;
}

static bool slot_is_young(const hl_object *o, size_t k)
{
    if (o->type == HL_T_DICT) {
        const hl_dict_entry *e = &((const hl_dict_obj *)o)->entries[k];
        return hl_gc_is_young(e->key) || hl_gc_is_young(e->value);
    }
    return hl_gc_is_young(((const hl_list_obj *)o)->items[k]);
}

static void trace_slots(hl_tracer *t, const hl_object *o, size_t lo, size_t hi)
{
    if (o->type == HL_T_DICT) {
        const hl_dict_entry *e = ((const hl_dict_obj *)o)->entries;
        hl_trace_range(t, &e[lo].key, hi - lo, 3);
        hl_trace_range(t, &e[lo].value, hi - lo, 3);
    } else {
        hl_trace_range(t, ((const hl_list_obj *)o)->items + lo, hi - lo, 1);
    }
}

/* The part of a ranged entry's slots it still covers (the list may have shrunk since). */
static size_t clip(const hl_remembered *e, size_t *lo)
{
    size_t size = slots_of(e->object);
    size_t hi = e->hi < size ? e->hi : size;
    *lo = e->lo < hi ? e->lo : hi;
    return hi;
}

void hl_gc_trace_remembered(hl_runtime *rt)
{
    for (size_t i = 0; i < rt->nremembered; i++) {
        const hl_remembered *e = &rt->remembered[i];
        if (e->hi == HL_REMEMBER_WHOLE) {
            hl_type_table[e->object->type]->trace(e->object, &rt->tracer); /* only objects with references get here */
        } else {
            size_t lo, hi = clip(e, &lo);
            if (lo < hi) /* an emptied list may have no buffer: no offset from NULL */
                trace_slots(&rt->tracer, e->object, lo, hi);
        }
    }
}

/* A set that grew large once (a million lists linked after their making) gives its room back
 * when it has emptied: bytes held count it. A shrink that fails keeps the room. */
static void fit(hl_runtime *rt)
{
    size_t cap = rt->remembered_capacity, want = 2 * rt->nremembered > 256 ? 2 * rt->nremembered : 256;
    if (cap <= 4096 || rt->nremembered > cap / 8)
        return;
    hl_remembered *r = hl_heap_realloc(rt, rt->remembered, cap * sizeof *r, want * sizeof *r, HL_BLOCK_INTERNAL);
    if (r) {
        rt->remembered = r;
        rt->remembered_capacity = want;
    }
}

void hl_gc_forget_remembered(hl_runtime *rt)
{
    for (size_t i = 0; i < rt->nremembered; i++)
        rt->remembered[i].object->gc &= (uint8_t)~REMEMBERED_BITS;
    rt->nremembered = 0;
    rt->remembered_lost = false;
    fit(rt);
}

/* Shrink a ranged entry to the young items it still covers; false when there are none. */
static bool narrow_to_young(hl_remembered *e)
{
    size_t lo, hi = clip(e, &lo);
    while (lo < hi && !slot_is_young(e->object, lo))
        lo++;
    while (hi > lo && !slot_is_young(e->object, hi - 1))
        hi--;
    e->lo = lo;
    e->hi = hi;
    return lo < hi;
}

static bool still_young(hl_runtime *rt, hl_remembered *e)
{
    return e->hi == HL_REMEMBER_WHOLE ? hl_gc_refers_to_young(rt, e->object) : narrow_to_young(e);
}

void hl_gc_refresh_remembered(hl_runtime *rt, size_t from, size_t to)
{
    if (rt->nold == rt->nobjects) { /* nothing young is left to refer to */
        hl_gc_forget_remembered(rt);
        return;
    }
    for (size_t i = 0; i < rt->nremembered; i++) /* an object may have two entries: bits again below */
        rt->remembered[i].object->gc &= (uint8_t)~REMEMBERED_BITS;
    size_t kept = 0;
    for (size_t i = 0; i < rt->nremembered; i++) {
        hl_remembered e = rt->remembered[i];
        if (!still_young(rt, &e))
            continue;
        rt->remembered[kept++] = e;
        e.object->gc |= e.hi == HL_REMEMBER_WHOLE ? REMEMBERED_BITS : HL_GC_REMEMBERED;
    }
    rt->nremembered = kept;
    fit(rt);
    for (size_t i = from; i < to; i++) {
        hl_object *o = rt->objects[i];
        if (hl_gc_refers_to_young(rt, o) && !add(rt, o, 0, HL_REMEMBER_WHOLE))
            return; /* remembered_lost: the next collection is a major one */
    }
}

static void missing_barrier(const hl_object *o)
{
    fprintf(stderr,
            "heaplab: internal error: an old %s refers to a young object but is not remembered "
            "(a store without its write barrier)\n",
            hl_type_name(o->type));
    abort();
}

/* Is slot k of o in one of the remembered set's entries for o? */
static bool covered(const hl_runtime *rt, const hl_object *o, size_t k)
{
    for (size_t i = 0; i < rt->nremembered; i++) {
        const hl_remembered *e = &rt->remembered[i];
        if (e->object == o && (e->hi == HL_REMEMBER_WHOLE || (k >= e->lo && k < e->hi)))
            return true;
    }
    return false;
}

void hl_gc_verify_generations(hl_runtime *rt)
{
    if (rt->remembered_lost)
        return;
    /* The young part may hold old objects too: born old (pretenured) while a major
     * collection's sweep ran, they join the old part at the next minor collection. */
    for (size_t i = 0; i < rt->nobjects; i++) {
        hl_object *o = rt->objects[i];
        if (!(o->gc & HL_GC_OLD)) {
            if (i < rt->nold) {
                fprintf(stderr, "heaplab: internal error: a young %s among the old objects\n", hl_type_name(o->type));
                abort();
            }
            continue;
        }
        if (!(o->gc & HL_GC_REMEMBERED) && hl_gc_refers_to_young(rt, o))
            missing_barrier(o);
    }
    /* An object remembered by ranges only (stores far apart make several): nothing young
     * outside them. */
    for (size_t i = 0; i < rt->nremembered; i++) {
        const hl_remembered *e = &rt->remembered[i];
        if (e->hi == HL_REMEMBER_WHOLE || (e->object->gc & HL_GC_REMEMBERED_ALL))
            continue;
        size_t size = slots_of(e->object);
        for (size_t k = 0; k < size; k++)
            if (slot_is_young(e->object, k) && !covered(rt, e->object, k))
                missing_barrier(e->object);
    }
}
