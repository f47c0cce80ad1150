/* The weak intern table: open addressing with linear probing over str pointers. The table
 * does not keep its strings alive. With heaplab's collector, entries of strings the mark phase
 * did not reach are pruned before the sweep; with a collecting backend (Boehm), each entry is
 * a weak reference the backend clears when the string dies. The table itself is INTERNAL
 * memory, which such a backend does not scan.
 *
 * Below the value types and the collector's sweep (which prunes it): calls heap.c, hash.c and
 * type.c (the argument check) only. Interning a C string, which makes a str first
 * (hl_str_intern_cstr), is str.c's. */
#include <string.h>

#include "hash.h"
#include "heaplab/str.h"
#include "intern.h"

#define MIN_CAPACITY 64

static bool same_text(const hl_str_obj *s, const char *data, size_t size, int64_t hash)
{
    return s->hash == hash && s->size == size && memcmp(s->data, data, size) == 0;
}

hl_value hl_intern_find(hl_runtime *rt, const char *data, size_t size, int64_t hash)
{
    hl_intern_table *t = &rt->interned;
    if (!t->capacity)
        return HL_NOVALUE;
    size_t mask = t->capacity - 1;
    for (size_t i = (size_t)hash & mask; t->slots[i].used; i = (i + 1) & mask) {
        hl_str_obj *s = t->slots[i].str;
        if (s && same_text(s, data, size, hash))
            return hl_val(s);
    }
    return HL_NOVALUE;
}

/* Put s in the first free slot of its chain; with a collecting backend, as a weak reference
 * (if the backend cannot record one, the entry is dropped: a strong one could dangle). */
static void place(hl_runtime *rt, hl_intern_slot *slots, size_t capacity, hl_str_obj *s, size_t *used)
{
    size_t mask = capacity - 1, i = (size_t)s->hash & mask;
    while (slots[i].str)
        i = (i + 1) & mask;
    if (!slots[i].used)
        (*used)++;
    slots[i] = (hl_intern_slot){s, s->hash, 1};
    if (rt->self_collecting && rt->backend->weak_register(rt->bctx, (void **)&slots[i].str, s) != 0)
        slots[i].str = NULL;
}

static void forget(hl_runtime *rt, hl_intern_slot *slot)
{
    if (rt->self_collecting && slot->str)
        rt->backend->weak_unregister(rt->bctx, (void **)&slot->str);
    slot->str = NULL;
}

static int resize(hl_runtime *rt, size_t capacity)
{
    hl_intern_table *t = &rt->interned;
    hl_intern_slot *slots = hl_heap_alloc(rt, capacity * sizeof *slots, HL_BLOCK_INTERNAL);
    if (!slots)
        return hl_error_nomem(rt);
    memset(slots, 0, capacity * sizeof *slots);
    size_t used = 0;
    for (size_t i = 0; i < t->capacity; i++) {
        hl_str_obj *s = t->slots[i].str;
        if (s) {
            forget(rt, &t->slots[i]);
            place(rt, slots, capacity, s, &used);
        }
    }
    hl_heap_free(rt, t->slots, t->capacity * sizeof *slots);
    t->slots = slots;
    t->capacity = capacity;
    t->used = used;
    return 0;
}

hl_value hl_str_intern(hl_runtime *rt, hl_value sv)
{
    if (hl_arg_not(rt, sv, HL_T_STR, __func__))
        return HL_NOVALUE;
    hl_str_obj *s = HL_AS(hl_str_obj, sv);
    if (s->h.flags & HL_OBJ_INTERNED)
        return sv;
    int64_t hash = hl_str_hash(s);
    hl_value found = hl_intern_find(rt, s->data, s->size, hash);
    if (found)
        return found;
    hl_intern_table *t = &rt->interned;
    if ((t->used + 1) * 3 >= t->capacity * 2) {
        size_t live = hl_str_intern_count(rt), cap = MIN_CAPACITY;
        while ((live + 1) * 3 >= cap)
            cap *= 2;
        if (resize(rt, cap))
            return HL_NOVALUE;
    }
    place(rt, t->slots, t->capacity, s, &t->used);
    s->h.flags |= HL_OBJ_INTERNED;
    return sv;
}

size_t hl_str_intern_count(hl_runtime *rt)
{
    size_t n = 0;
    for (size_t i = 0; i < rt->interned.capacity; i++)
        n += rt->interned.slots[i].str != NULL;
    return n;
}

void hl_intern_prune(hl_runtime *rt, const hl_tracer *tracer)
{
    hl_intern_table *t = &rt->interned;
    for (size_t i = 0; i < t->capacity; i++) {
        hl_str_obj *s = t->slots[i].str;
        if (s && !hl_gc_reached(tracer, &s->h) && !(s->h.flags & HL_OBJ_IMMORTAL))
            t->slots[i].str = NULL;
    }
}

void hl_intern_table_free(hl_runtime *rt)
{
    hl_intern_table *t = &rt->interned;
    for (size_t i = 0; i < t->capacity; i++)
        forget(rt, &t->slots[i]);
    hl_heap_free(rt, t->slots, t->capacity * sizeof *t->slots);
    memset(t, 0, sizeof *t);
}
