/* sets: open addressing with CPython 3.11's probing (runs of linear probes, then perturbed
 * jumps), growth and merge rules, so a set of the same items added in the same order
 * iterates in the same order as CPython's.
 *
 * A container: may call dict.c (a fast path for a set made from a dict), object.c, buf.c, the
 * collector, type.c and error.c. */
#include <string.h>

#include "heaplab/dict.h"
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
            } else if (e->key == HL_DUMMY) {
                freeslot = e; /* the last deleted slot on the probe path, as CPython 3.11 */
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
        hl_gc_write_value(rt, &s->h, key);
        return 0;
    }
    e->key = key;
    e->hash = hash;
    s->fill++;
    s->used++;
    hl_gc_write_value(rt, &s->h, key); /* before the resize, which may collect */
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

/* Remove key with its hash (CPython's set_discard_entry): 1 removed, 0 absent, -1 error. */
static int discard_entry(hl_runtime *rt, hl_value sv, hl_value key, int64_t hash)
{
    bool err;
    hl_set_obj *s = HL_AS(hl_set_obj, sv);
    hl_set_entry *e = find(rt, s, key, hash, &err);
    if (err)
        return -1;
    if (!e)
        return 0;
    e->key = HL_DUMMY;
    e->hash = -1;
    s->used--;
    return 1;
}

int hl_set_discard(hl_runtime *rt, hl_value sv, hl_value item)
{
    if (hl_arg_not(rt, sv, HL_T_SET, __func__) || hl_arg_missing(rt, item, __func__))
        return -1;
    int64_t hash;
    if (hl_hash(rt, item, &hash))
        return -1;
    return discard_entry(rt, sv, item, hash);
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
    hl_rt_root(rt, &sv); /* the new table's allocation may collect */
    hl_set_entry *table = new_table(rt, MIN_SIZE);
    hl_rt_unroot(rt, 1);
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
        hl_gc_write(rt, &s->h);
        return 0;
    }
    if (s->fill == 0) {
        s->fill = s->used = o->used;
        for (size_t i = 0; i <= o->mask; i++) {
            hl_set_entry *e = &o->table[i];
            if (e->key && e->key != HL_DUMMY)
                insert_clean(s->table, s->mask, e->key, e->hash);
        }
        hl_gc_write(rt, &s->h);
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

/* s |= iterable (CPython's set_update_internal). Both must be rooted. */
static int update(hl_runtime *rt, hl_value s, hl_value iterable)
{
    if (hl_is_set(iterable))
        return merge(rt, s, iterable);
    if (hl_is_dict(iterable)) { /* one resize up front, as for a set: the table CPython ends with */
        hl_set_obj *so = HL_AS(hl_set_obj, s);
        size_t n = hl_dict_size(iterable);
        if ((so->fill + n) * 5 >= so->mask * 3 && resize(rt, so, (so->used + n) * 2))
            return -1;
    }
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

hl_value hl_set_copy(hl_runtime *rt, hl_value s)
{
    return hl_arg_not(rt, s, HL_T_SET, __func__) ? HL_NOVALUE : hl_set_of(rt, s);
}

/* An in-place operation on s with both arguments rooted: it may collect. */
static int rooted(hl_runtime *rt, int (*op)(hl_runtime *, hl_value, hl_value), hl_value s, hl_value other)
{
    hl_rt_root(rt, &s);
    hl_rt_root(rt, &other);
    int r = op(rt, s, other);
    hl_rt_unroot(rt, 2);
    return r;
}

int hl_set_update(hl_runtime *rt, hl_value s, hl_value iterable)
{
    if (hl_arg_not(rt, s, HL_T_SET, __func__) || hl_arg_missing(rt, iterable, __func__))
        return -1;
    return rooted(rt, update, s, iterable);
}

static int discard_item(hl_runtime *rt, hl_value item, void *ctx)
{
    return hl_set_discard(rt, *(hl_value *)ctx, item) < 0 ? -1 : 0;
}

/* CPython's set_difference_update_internal; both must be rooted. */
static int difference_update(hl_runtime *rt, hl_value sv, hl_value other)
{
    if (sv == other)
        return hl_set_clear(rt, sv);
    int r = 0;
    if (hl_is_set(other)) {
        /* Against a set more than 8 times larger, discard only the common items. */
        if ((hl_set_size(other) >> 3) > hl_set_size(sv) && !(other = hl_set_intersection(rt, sv, other)))
            return -1;
        hl_rt_root(rt, &other);
        hl_set_obj *o = HL_AS(hl_set_obj, other);
        for (size_t i = 0; r == 0 && i <= o->mask; i++)
            if (o->table[i].key && o->table[i].key != HL_DUMMY)
                r = discard_entry(rt, sv, o->table[i].key, o->table[i].hash) < 0 ? -1 : 0;
        hl_rt_unroot(rt, 1);
    } else {
        hl_value target = sv;
        hl_rt_root(rt, &target);
        r = hl_foreach(rt, other, discard_item, &target);
        hl_rt_unroot(rt, 1);
    }
    hl_set_obj *s = HL_AS(hl_set_obj, sv);
    if (r || s->fill - s->used <= s->mask / 4)
        return r;
    return resize(rt, s, s->used > 50000 ? s->used * 2 : s->used * 4); /* more than 1/4 deleted */
}

int hl_set_difference_update(hl_runtime *rt, hl_value s, hl_value other)
{
    if (hl_arg_not(rt, s, HL_T_SET, __func__) || hl_arg_missing(rt, other, __func__))
        return -1;
    return rooted(rt, difference_update, s, other);
}

int hl_set_intersection_update(hl_runtime *rt, hl_value sv, hl_value other)
{
    if (hl_arg_not(rt, sv, HL_T_SET, __func__) || hl_arg_not(rt, other, HL_T_SET, __func__))
        return -1;
    hl_rt_root(rt, &sv);
    hl_value tmp = hl_set_intersection(rt, sv, other);
    hl_rt_unroot(rt, 1);
    if (!tmp)
        return -1;
    /* CPython swaps the bodies: s takes the intersection's table as it is. */
    hl_set_obj *s = HL_AS(hl_set_obj, sv), *t = HL_AS(hl_set_obj, tmp), body = *s;
    s->fill = t->fill;
    s->used = t->used;
    s->mask = t->mask;
    s->table = t->table;
    t->fill = body.fill;
    t->used = body.used;
    t->mask = body.mask;
    t->table = body.table;
    hl_gc_write(rt, &s->h);
    return 0;
}

/* CPython's set_symmetric_difference_update with a set: in place, other's items in its
 * table order, each discarded if present, else added. Both must be rooted. */
static int symmetric_difference_update(hl_runtime *rt, hl_value sv, hl_value other)
{
    if (sv == other)
        return hl_set_clear(rt, sv);
    hl_set_obj *o = HL_AS(hl_set_obj, other);
    for (size_t i = 0; i <= o->mask; i++) {
        hl_set_entry e = o->table[i];
        if (!e.key || e.key == HL_DUMMY)
            continue;
        int gone = discard_entry(rt, sv, e.key, e.hash);
        if (gone < 0 || (gone == 0 && add_entry(rt, sv, e.key, e.hash)))
            return -1;
    }
    return 0;
}

int hl_set_symmetric_difference_update(hl_runtime *rt, hl_value s, hl_value other)
{
    if (hl_arg_not(rt, s, HL_T_SET, __func__) || hl_arg_not(rt, other, HL_T_SET, __func__))
        return -1;
    return rooted(rt, symmetric_difference_update, s, other);
}

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
    if (a == b)
        return hl_set_copy(rt, a);
    /* CPython walks the smaller set, b when the sizes are equal. */
    return hl_set_size(b) > hl_set_size(a) ? filter(rt, a, b, 1) : filter(rt, b, a, 1);
}

hl_value hl_set_difference(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_SET, __func__) || hl_arg_not(rt, b, HL_T_SET, __func__))
        return HL_NOVALUE;
    if ((hl_set_size(a) >> 2) <= hl_set_size(b))
        return filter(rt, a, b, 0);
    /* a much larger than b: CPython copies a and discards b's items from the copy. */
    hl_rt_root(rt, &b);
    hl_value r = hl_set_copy(rt, a);
    hl_rt_root(rt, &r);
    if (r && difference_update(rt, r, b))
        r = HL_NOVALUE;
    hl_rt_unroot(rt, 2);
    return r;
}

hl_value hl_set_symmetric_difference(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_SET, __func__) || hl_arg_not(rt, b, HL_T_SET, __func__))
        return HL_NOVALUE;
    /* CPython: a copy of b, then a's items toggled in it. */
    hl_rt_root(rt, &a);
    hl_value r = hl_set_copy(rt, b);
    hl_rt_root(rt, &r);
    if (r && symmetric_difference_update(rt, r, a))
        r = HL_NOVALUE;
    hl_rt_unroot(rt, 2);
    return r;
}
