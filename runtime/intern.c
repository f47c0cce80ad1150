/* The weak intern table: open addressing with linear probing over str pointers. The table
 * does not keep its strings alive: the collector prunes entries nothing else references. */
#include <string.h>

#include "heaplab/str.h"
#include "hash.h"
#include "intern.h"

#define DELETED ((hl_str_obj *)1)
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
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        hl_str_obj *s = t->slots[i];
        if (!s)
            return HL_NOVALUE;
        if (s != DELETED && same_text(s, data, size, hash))
            return hl_val(s);
    }
}

static void insert_slot(hl_str_obj **slots, size_t capacity, hl_str_obj *s)
{
    size_t mask = capacity - 1;
    size_t i = (size_t)s->hash & mask;
    while (slots[i] && slots[i] != DELETED)
        i = (i + 1) & mask;
    slots[i] = s;
}

static int resize(hl_runtime *rt, size_t capacity)
{
    hl_intern_table *t = &rt->interned;
    hl_str_obj **slots = hl_heap_alloc(rt, capacity * sizeof *slots, HL_BLOCK_INTERNAL);
    if (!slots)
        return hl_error_nomem(rt);
    memset(slots, 0, capacity * sizeof *slots);
    for (size_t i = 0; i < t->capacity; i++)
        if (t->slots[i] && t->slots[i] != DELETED)
            insert_slot(slots, capacity, t->slots[i]);
    hl_heap_free(rt, t->slots, t->capacity * sizeof *slots);
    t->slots = slots;
    t->capacity = capacity;
    t->filled = t->used;
    return 0;
}

hl_value hl_str_intern(hl_runtime *rt, hl_value sv)
{
    hl_str_obj *s = HL_AS(hl_str_obj, sv);
    if (s->h.flags & HL_OBJ_INTERNED)
        return sv;
    int64_t hash = hl_str_hash(s);
    hl_value found = hl_intern_find(rt, s->data, s->size, hash);
    if (found)
        return found;
    hl_intern_table *t = &rt->interned;
    if ((t->filled + 1) * 3 >= t->capacity * 2) {
        size_t cap = t->capacity ? t->capacity : MIN_CAPACITY;
        while ((t->used + 1) * 3 >= cap * 2)
            cap *= 2;
        hl_rt_root(rt, &sv); /* resize allocates only bookkeeping, but stay safe */
        int r = resize(rt, cap);
        hl_rt_unroot(rt, 1);
        if (r)
            return HL_NOVALUE;
    }
    insert_slot(t->slots, t->capacity, s);
    t->used++;
    t->filled++;
    s->h.flags |= HL_OBJ_INTERNED;
    return sv;
}

hl_value hl_str_intern_cstr(hl_runtime *rt, const char *utf8)
{
    size_t size = strlen(utf8);
    hl_value found = hl_intern_find(rt, utf8, size, hl_hash_utf8(utf8, size));
    if (found)
        return found;
    hl_value s = hl_str_new(rt, utf8, size);
    return s ? hl_str_intern(rt, s) : HL_NOVALUE;
}

size_t hl_str_intern_count(hl_runtime *rt) { return rt->interned.used; }

void hl_intern_prune(hl_runtime *rt)
{
    hl_intern_table *t = &rt->interned;
    for (size_t i = 0; i < t->capacity; i++) {
        hl_str_obj *s = t->slots[i];
        if (s && s != DELETED && !s->h.marked && !(s->h.flags & HL_OBJ_IMMORTAL)) {
            t->slots[i] = DELETED;
            t->used--;
        }
    }
}

void hl_intern_table_free(hl_runtime *rt)
{
    hl_intern_table *t = &rt->interned;
    hl_heap_free(rt, t->slots, t->capacity * sizeof *t->slots);
    memset(t, 0, sizeof *t);
}
