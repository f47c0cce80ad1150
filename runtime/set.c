/* sets: open addressing with CPython 3.11's probing (runs of linear probes, then perturbed
 * jumps), growth and merge rules, so a set of the same items added in the same order
 * iterates in the same order as CPython's. */
#include <string.h>

#include "heaplab/error.h"
#include "heaplab/set.h"
#include "type.h"

#define MIN_SIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

static size_t table_bytes(size_t mask) { return (mask + 1) * sizeof(hl_set_entry); }

/* ---------------------------------------------------------------- type */

static size_t set_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_set_obj);
}

static size_t set_owned_size(const hl_object *o) { return table_bytes(((const hl_set_obj *)o)->mask); }

static void set_trace(hl_object *o, hl_tracer *t)
{
    hl_set_obj *s = (hl_set_obj *)o;
    if (s->used) /* empty and deleted keys are not pointers: the mark loop skips them */
        hl_trace_range(t, &s->table[0].key, s->mask + 1, 2);
}

static void set_release(hl_runtime *rt, hl_object *o)
{
    hl_set_obj *s = (hl_set_obj *)o;
    hl_heap_free(rt, s->table, table_bytes(s->mask));
}

static int set_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    if (hl_set_size(v) == 0)
        return hl_buf_puts(b, "set()");
    if (hl_depth_enter(rt, " while getting the repr of an object"))
        return -1;
    int r = hl_buf_putc(b, '{');
    size_t pos = 0;
    hl_value item;
    for (bool first = true; r == 0 && hl_set_next(v, &pos, &item); first = false) {
        if (!first)
            r = hl_buf_puts(b, ", ");
        if (r == 0)
            r = hl_repr_into(rt, item, b);
    }
    hl_depth_leave(rt);
    return r ? r : hl_buf_putc(b, '}');
}

static int set_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    return hl_set_size(a) == hl_set_size(b) ? hl_set_is_subset(rt, a, b) : 0;
}

static int set_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    hl_rt_root(rt, &v);
    size_t n = hl_set_size(v), pos = 0;
    hl_value item;
    int r = 0;
    while (r == 0 && hl_set_next(v, &pos, &item)) {
        r = fn(rt, item, ctx);
        if (r == 0 && hl_set_size(v) != n)
            r = hl_error_set(rt, HL_EXC_RUNTIME_ERROR, "Set changed size during iteration");
    }
    hl_rt_unroot(rt, 1);
    return r < 0 ? -1 : 0;
}

static size_t set_len(hl_value v) { return hl_set_size(v); }

const hl_type_info hl_set_type = {
    .name = "set",
    .size = set_size,
    .owned_size = set_owned_size,
    .trace = set_trace,
    .release = set_release,
    .repr = set_repr,
    .eq = set_eq,
    .foreach = set_foreach,
    .len = set_len,
};

/* ---------------------------------------------------------------- table */

static hl_set_entry *new_table(hl_runtime *rt, size_t size)
{
    hl_set_entry *t = hl_gc_buffer_alloc(rt, size * sizeof *t, HL_BLOCK_REFS);
    if (t)
        memset(t, 0, size * sizeof *t);
    return t;
}

hl_value hl_set_new(hl_runtime *rt)
{
    hl_set_entry *table = new_table(rt, MIN_SIZE);
    if (!table)
        return HL_NOVALUE;
    hl_set_obj *s = (hl_set_obj *)hl_gc_new(rt, HL_T_SET, sizeof(hl_set_obj));
    if (!s) {
        hl_gc_buffer_free(rt, table, MIN_SIZE * sizeof *table);
        return HL_NOVALUE;
    }
    s->fill = s->used = 0;
    s->mask = MIN_SIZE - 1;
    s->table = table;
    return hl_val(s);
}

bool hl_is_set(hl_value v) { return hl_is_obj_of(v, HL_T_SET); }
size_t hl_set_size(hl_value s) { return HL_AS(hl_set_obj, s)->used; }

/* Insert a key known to be absent into a table without deleted slots. */
static void insert_clean(hl_set_entry *table, size_t mask, hl_value key, int64_t hash)
{
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    hl_set_entry *e;
    for (;;) {
        e = &table[i];
        if (!e->key)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (!e->key)
                    goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    e->key = key;
    e->hash = hash;
}

/* Rebuild the table at the smallest power of two above minused, dropping deleted slots.
 * The set must be rooted: this may collect. */
static int resize(hl_runtime *rt, hl_set_obj *s, size_t minused)
{
    size_t size = MIN_SIZE;
    while (size <= minused)
        size <<= 1;
    hl_set_entry *table = new_table(rt, size);
    if (!table)
        return -1;
    for (size_t i = 0; i <= s->mask; i++) {
        hl_set_entry *e = &s->table[i];
        if (e->key && e->key != HL_DUMMY)
            insert_clean(table, size - 1, e->key, e->hash);
    }
    hl_gc_buffer_free(rt, s->table, table_bytes(s->mask));
    s->table = table;
    s->mask = size - 1;
    s->fill = s->used;
    return 0;
}

/* Add key with its hash (CPython's set_add_entry). */
static int add_entry(hl_runtime *rt, hl_value sv, hl_value key, int64_t hash)
{
    hl_set_obj *s = HL_AS(hl_set_obj, sv);
    size_t mask = s->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    hl_set_entry *freeslot = NULL, *e;
    for (;;) {
        e = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && !e->key)
                goto found_unused_or_dummy;
            if (e->hash == hash && e->key != HL_DUMMY) {
                if (e->key == key)
                    return 0;
                int eq = hl_eq(rt, e->key, key);
                if (eq < 0)
                    return -1;
                if (eq)
                    return 0;
            } else if (e->key == HL_DUMMY && !freeslot) {
                freeslot = e;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        freeslot->key = key;
        freeslot->hash = hash;
        s->used++;
        return 0;
    }
    e->key = key;
    e->hash = hash;
    s->fill++;
    s->used++;
    if (s->fill * 5 < mask * 3)
        return 0;
    hl_rt_root(rt, &sv);
    int r = resize(rt, s, s->used > 50000 ? s->used * 2 : s->used * 4);
    hl_rt_unroot(rt, 1);
    return r;
}

/* The slot holding key, NULL if absent; *err set on error. */
static hl_set_entry *find(hl_runtime *rt, hl_set_obj *s, hl_value key, int64_t hash, bool *err)
{
    size_t mask = s->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    *err = false;
    for (;;) {
        hl_set_entry *e = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && !e->key)
                return NULL;
            if (e->hash == hash && e->key != HL_DUMMY) {
                int eq = e->key == key ? 1 : hl_eq(rt, e->key, key);
                if (eq < 0) {
                    *err = true;
                    return NULL;
                }
                if (eq)
                    return e;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

int hl_set_add(hl_runtime *rt, hl_value s, hl_value item)
{
    if (hl_arg_not(rt, s, HL_T_SET, __func__) || hl_arg_missing(rt, item, __func__))
        return -1;
    int64_t hash;
    if (hl_hash(rt, item, &hash))
        return -1;
    hl_rt_root(rt, &item); /* a resize may collect */
    int r = add_entry(rt, s, item, hash);
    hl_rt_unroot(rt, 1);
    return r;
}

int hl_set_contains(hl_runtime *rt, hl_value s, hl_value item)
{
    if (hl_arg_not(rt, s, HL_T_SET, __func__) || hl_arg_missing(rt, item, __func__))
        return -1;
    int64_t hash;
    if (hl_hash(rt, item, &hash))
        return -1;
    bool err;
    hl_set_entry *e = find(rt, HL_AS(hl_set_obj, s), item, hash, &err);
    return err ? -1 : e != NULL;
}

int hl_set_discard(hl_runtime *rt, hl_value sv, hl_value item)
{
    if (hl_arg_not(rt, sv, HL_T_SET, __func__) || hl_arg_missing(rt, item, __func__))
        return -1;
    int64_t hash;
    if (hl_hash(rt, item, &hash))
        return -1;
    bool err;
    hl_set_obj *s = HL_AS(hl_set_obj, sv);
    hl_set_entry *e = find(rt, s, item, hash, &err);
    if (err)
        return -1;
    if (!e)
        return 0;
    e->key = HL_DUMMY;
    e->hash = -1;
    s->used--;
    return 1;
}

int hl_set_remove(hl_runtime *rt, hl_value s, hl_value item)
{
    int r = hl_set_discard(rt, s, item);
    if (r == 0)
        return hl_error_key(rt, item);
    return r < 0 ? -1 : 0;
}

int hl_set_clear(hl_runtime *rt, hl_value sv)
{
    if (hl_arg_not(rt, sv, HL_T_SET, __func__))
        return -1;
    hl_set_obj *s = HL_AS(hl_set_obj, sv);
    hl_set_entry *table = new_table(rt, MIN_SIZE);
    if (!table)
        return -1;
    hl_gc_buffer_free(rt, s->table, table_bytes(s->mask));
    s->table = table;
    s->mask = MIN_SIZE - 1;
    s->fill = s->used = 0;
    return 0;
}

bool hl_set_next(hl_value sv, size_t *pos, hl_value *item)
{
    hl_set_obj *s = HL_AS(hl_set_obj, sv);
    while (*pos <= s->mask) {
        hl_set_entry *e = &s->table[(*pos)++];
        if (e->key && e->key != HL_DUMMY) {
            *item = e->key;
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------- building */

/* CPython's set_merge: add every item of another set, copying the table outright when
 * this set is empty and the sizes agree. Both sets must be rooted. */
static int merge(hl_runtime *rt, hl_value sv, hl_value ov)
{
    hl_set_obj *s = HL_AS(hl_set_obj, sv), *o = HL_AS(hl_set_obj, ov);
    if (s == o || o->used == 0)
        return 0;
    if ((s->fill + o->used) * 5 >= s->mask * 3 && resize(rt, s, (s->used + o->used) * 2))
        return -1;
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        memcpy(s->table, o->table, table_bytes(o->mask));
        s->fill = o->fill;
        s->used = o->used;
        return 0;
    }
    if (s->fill == 0) {
        s->fill = s->used = o->used;
        for (size_t i = 0; i <= o->mask; i++) {
            hl_set_entry *e = &o->table[i];
            if (e->key && e->key != HL_DUMMY)
                insert_clean(s->table, s->mask, e->key, e->hash);
        }
        return 0;
    }
    for (size_t i = 0; i <= o->mask; i++) {
        hl_set_entry e = o->table[i];
        if (e.key && e.key != HL_DUMMY && add_entry(rt, sv, e.key, e.hash))
            return -1;
    }
    return 0;
}

static int add_item(hl_runtime *rt, hl_value item, void *ctx) { return hl_set_add(rt, *(hl_value *)ctx, item); }

/* s |= iterable. Both must be rooted. */
static int update(hl_runtime *rt, hl_value s, hl_value iterable)
{
    if (hl_is_set(iterable))
        return merge(rt, s, iterable);
    hl_value target = s;
    hl_rt_root(rt, &target);
    int r = hl_foreach(rt, iterable, add_item, &target);
    hl_rt_unroot(rt, 1);
    return r;
}

hl_value hl_set_of(hl_runtime *rt, hl_value iterable)
{
    if (hl_arg_missing(rt, iterable, __func__))
        return HL_NOVALUE;
    hl_rt_root(rt, &iterable);
    hl_value s = hl_set_new(rt);
    hl_rt_root(rt, &s);
    if (s && update(rt, s, iterable))
        s = HL_NOVALUE;
    hl_rt_unroot(rt, 2);
    return s;
}

hl_value hl_set_copy(hl_runtime *rt, hl_value s) { return hl_set_of(rt, s); }

int hl_set_is_subset(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_SET, __func__) || hl_arg_not(rt, b, HL_T_SET, __func__))
        return -1;
    if (hl_set_size(a) > hl_set_size(b))
        return 0;
    size_t pos = 0;
    hl_value item;
    while (hl_set_next(a, &pos, &item)) {
        int r = hl_set_contains(rt, b, item);
        if (r <= 0)
            return r;
    }
    return 1;
}

hl_value hl_set_union(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_SET, __func__) || hl_arg_not(rt, b, HL_T_SET, __func__))
        return HL_NOVALUE;
    hl_rt_root(rt, &b);
    hl_value r = hl_set_of(rt, a);
    hl_rt_root(rt, &r);
    if (r && merge(rt, r, b))
        r = HL_NOVALUE;
    hl_rt_unroot(rt, 2);
    return r;
}

/* Items of `from` whose membership in `other` is `keep_if_in`, into a new set. */
static hl_value filter(hl_runtime *rt, hl_value from, hl_value other, int keep_if_in)
{
    hl_rt_root(rt, &from);
    hl_rt_root(rt, &other);
    hl_value r = hl_set_new(rt);
    hl_rt_root(rt, &r);
    size_t pos = 0;
    hl_value item;
    while (r && hl_set_next(from, &pos, &item)) {
        int in = hl_set_contains(rt, other, item);
        if (in < 0 || (in == keep_if_in && add_entry(rt, r, item, HL_AS(hl_set_obj, from)->table[pos - 1].hash)))
            r = HL_NOVALUE;
    }
    hl_rt_unroot(rt, 3);
    return r;
}

hl_value hl_set_intersection(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_SET, __func__) || hl_arg_not(rt, b, HL_T_SET, __func__))
        return HL_NOVALUE;
    /* CPython walks the smaller set. */
    return hl_set_size(a) > hl_set_size(b) ? filter(rt, b, a, 1) : filter(rt, a, b, 1);
}

hl_value hl_set_difference(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_SET, __func__) || hl_arg_not(rt, b, HL_T_SET, __func__))
        return HL_NOVALUE;
    return filter(rt, a, b, 0);
}

hl_value hl_set_symmetric_difference(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_SET, __func__) || hl_arg_not(rt, b, HL_T_SET, __func__))
        return HL_NOVALUE;
    hl_rt_root(rt, &b);
    hl_value r = hl_set_of(rt, a);
    hl_rt_root(rt, &r);
    size_t pos = 0;
    hl_value item;
    while (r && hl_set_next(b, &pos, &item)) {
        int64_t hash = HL_AS(hl_set_obj, b)->table[pos - 1].hash;
        int gone = hl_set_discard(rt, r, item);
        if (gone < 0 || (gone == 0 && add_entry(rt, r, item, hash)))
            r = HL_NOVALUE;
    }
    hl_rt_unroot(rt, 2);
    return r;
}
