/* dicts in CPython 3.6+'s compact layout: entries in insertion order in a dense array, and a
 * sparse index of entry numbers (1, 2, 4 or 8 bytes wide by table size) probed with
 * CPython's perturbation. Deleted entries stay as holes until the next resize.
 *
 * A container: may call tuple.c and list.c (keys(), items(), update from pairs), object.c,
 * buf.c, the collector, type.c and error.c. */
#include <string.h>

#include "heaplab/dict.h"
#include "heaplab/error.h"
#include "heaplab/list.h"
#include "heaplab/tuple.h"
#include "type.h"

#define EMPTY (-1)
#define DELETED (-2)
#define MIN_LOG2 3
#define PERTURB_SHIFT 5

static size_t index_width(unsigned log2) { return log2 < 8 ? 1 : log2 < 16 ? 2 : log2 < 32 ? 4 : 8; }
static size_t index_bytes(unsigned log2) { return log2 ? ((size_t)1 << log2) * index_width(log2) : 0; }
static size_t usable_for(unsigned log2) { return (((size_t)1 << log2) << 1) / 3; }

static int64_t index_get(const hl_dict_obj *d, size_t i)
{
    switch (index_width(d->log2_index)) {
    case 1: return ((const int8_t *)d->index)[i];
    case 2: return ((const int16_t *)d->index)[i];
    case 4: return ((const int32_t *)d->index)[i];
    default: return ((const int64_t *)d->index)[i];
    }
}

static void index_set(hl_dict_obj *d, size_t i, int64_t ix)
{
    switch (index_width(d->log2_index)) {
    case 1: ((int8_t *)d->index)[i] = (int8_t)ix; break;
    case 2: ((int16_t *)d->index)[i] = (int16_t)ix; break;
    case 4: ((int32_t *)d->index)[i] = (int32_t)ix; break;
    default: ((int64_t *)d->index)[i] = ix; break;
    }
}

/* ---------------------------------------------------------------- type */

static size_t dict_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_dict_obj);
}

static size_t dict_owned_size(const hl_object *o)
{
    const hl_dict_obj *d = (const hl_dict_obj *)o;
    return d->usable * sizeof(hl_dict_entry) + index_bytes(d->log2_index);
}

static void dict_trace(hl_object *o, hl_tracer *t)
{
    hl_dict_obj *d = (hl_dict_obj *)o;
    if (!d->nentries)
        return;
    hl_trace_range(t, &d->entries[0].key, d->nentries, 3);
    hl_trace_range(t, &d->entries[0].value, d->nentries, 3);
}

static void free_tables(hl_runtime *rt, hl_dict_obj *d)
{
    hl_gc_buffer_free(rt, d->entries, d->usable * sizeof(hl_dict_entry));
    hl_gc_buffer_free(rt, d->index, index_bytes(d->log2_index));
}

static void dict_release(hl_runtime *rt, hl_object *o)
{
    hl_dict_obj *d = (hl_dict_obj *)o;
    hl_heap_free(rt, d->entries, d->usable * sizeof(hl_dict_entry));
    hl_heap_free(rt, d->index, index_bytes(d->log2_index));
}

static int dict_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    hl_object *o = hl_obj(v);
    if (o->flags & HL_OBJ_REPR_BUSY)
        return hl_buf_puts(b, "{...}");
    if (hl_depth_enter(rt, " while getting the repr of an object"))
        return -1;
    o->flags |= HL_OBJ_REPR_BUSY;
    int r = hl_buf_putc(b, '{');
    size_t pos = 0;
    hl_value key, value;
    for (bool first = true; r == 0 && hl_dict_next(v, &pos, &key, &value); first = false) {
        if (!first)
            r = hl_buf_puts(b, ", ");
        if (r == 0)
            r = hl_repr_into(rt, key, b);
        if (r == 0)
            r = hl_buf_puts(b, ": ");
        if (r == 0)
            r = hl_repr_into(rt, value, b);
    }
    if (r == 0)
        r = hl_buf_putc(b, '}');
    o->flags &= (uint16_t)~HL_OBJ_REPR_BUSY;
    hl_depth_leave(rt);
    return r;
}

static int dict_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_dict_size(a) != hl_dict_size(b))
        return 0;
    if (hl_depth_enter(rt, " in comparison"))
        return -1;
    int r = 1;
    size_t pos = 0;
    hl_value key, value, other;
    while (r == 1 && hl_dict_next(a, &pos, &key, &value)) {
        int found = hl_dict_lookup(rt, b, key, &other);
        r = found <= 0 ? found : other == value ? 1 : hl_eq(rt, value, other);
    }
    hl_depth_leave(rt);
    return r;
}

static int dict_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    hl_rt_root(rt, &v);
    size_t n = hl_dict_size(v), pos = 0;
    hl_value key, value;
    int r = 0;
    while (r == 0 && hl_dict_next(v, &pos, &key, &value)) {
        r = fn(rt, key, ctx);
        if (r == 0 && hl_dict_size(v) != n)
            r = hl_error_set(rt, HL_EXC_RUNTIME_ERROR, "dictionary changed size during iteration");
    }
    hl_rt_unroot(rt, 1);
    return r < 0 ? -1 : 0;
}

static size_t dict_len(hl_value v) { return hl_dict_size(v); }

const hl_type_info hl_dict_type = {
    .name = "dict",
    .size = dict_size,
    .owned_size = dict_owned_size,
    .trace = dict_trace,
    .release = dict_release,
    .repr = dict_repr,
    .eq = dict_eq,
    .foreach = dict_foreach,
    .len = dict_len,
};

/* ---------------------------------------------------------------- core */

hl_value hl_dict_new(hl_runtime *rt)
{
    hl_dict_obj *d = (hl_dict_obj *)hl_gc_new(rt, HL_T_DICT, sizeof(hl_dict_obj));
    if (!d)
        return HL_NOVALUE;
    d->used = d->nentries = d->usable = 0;
    d->log2_index = 0;
    d->entries = NULL;
    d->index = NULL;
    return hl_val(d);
}

bool hl_is_dict(hl_value v) { return hl_is_obj_of(v, HL_T_DICT); }
size_t hl_dict_size(hl_value d) { return HL_AS(hl_dict_obj, d)->used; }

/* Find key: returns its entry number (>= 0), EMPTY if absent (with *slot the index slot a new
 * entry would take), or -3 on error. */
static int64_t lookup(hl_runtime *rt, hl_dict_obj *d, hl_value key, int64_t hash, size_t *slot)
{
    if (!d->log2_index)
        return EMPTY;
    size_t mask = ((size_t)1 << d->log2_index) - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int64_t ix = index_get(d, i);
        if (ix == EMPTY) {
            *slot = i;
            return EMPTY;
        }
        if (ix >= 0) {
            hl_dict_entry *e = &d->entries[ix];
            if (e->key == key)
                return ix;
            if (e->hash == hash) {
                int eq = hl_eq(rt, e->key, key);
                if (eq < 0)
                    return -3;
                if (eq)
                    return ix;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

static size_t empty_slot(hl_dict_obj *d, int64_t hash)
{
    size_t mask = ((size_t)1 << d->log2_index) - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    while (index_get(d, i) != EMPTY) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Fresh, uninitialised tables for 1 << log2 index slots. */
static int new_tables(hl_runtime *rt, unsigned log2, hl_dict_entry **entries, void **index)
{
    size_t usable = usable_for(log2);
    *entries = hl_gc_buffer_alloc(rt, usable * sizeof **entries, HL_BLOCK_REFS);
    if (!*entries)
        return -1;
    *index = hl_gc_buffer_alloc(rt, index_bytes(log2), HL_BLOCK_DATA);
    if (!*index) {
        hl_gc_buffer_free(rt, *entries, usable * sizeof **entries);
        return -1;
    }
    return 0;
}

/* Copy the live entries of `from` to `to` in order, holes dropped; returns how many. */
static size_t copy_live_entries(hl_dict_entry *to, const hl_dict_obj *from)
{
    size_t n = 0;
    for (size_t i = 0; i < from->nentries; i++)
        if (from->entries[i].key)
            to[n++] = from->entries[i];
    return n;
}

/* Install tables holding n live entries in d, and index them. */
static void install_tables(hl_dict_obj *d, unsigned log2, hl_dict_entry *entries, void *index, size_t n)
{
    d->entries = entries;
    d->index = index;
    d->log2_index = (uint8_t)log2;
    d->usable = usable_for(log2);
    d->nentries = n;
    memset(index, 0xFF, index_bytes(log2)); /* every width: all ones is EMPTY (-1) */
    for (size_t i = 0; i < n; i++)
        index_set(d, empty_slot(d, entries[i].hash), (int64_t)i);
}

/* New tables big enough for `minsize` live entries * 3 / 2; live entries move over in order,
 * holes dropped. The dict must be rooted: this may collect. */
static int resize(hl_runtime *rt, hl_dict_obj *d, size_t minsize)
{
    unsigned log2 = MIN_LOG2;
    while (((size_t)1 << log2) < minsize)
        log2++;
    hl_dict_entry *entries;
    void *index;
    if (new_tables(rt, log2, &entries, &index))
        return -1;
    size_t n = copy_live_entries(entries, d);
    free_tables(rt, d);
    install_tables(d, log2, entries, index, n);
    hl_gc_items_moved(rt, &d->h); /* holes dropped: a range remembered no longer names its entries */
    return 0;
}

int hl_dict_set(hl_runtime *rt, hl_value dv, hl_value key, hl_value value)
{
    if (hl_arg_not(rt, dv, HL_T_DICT, __func__) || hl_arg_missing(rt, key, __func__) || hl_arg_missing(rt, value, __func__))
        return -1;
    int64_t hash;
    if (hl_hash(rt, key, &hash))
        return -1;
    hl_dict_obj *d = HL_AS(hl_dict_obj, dv);
    size_t slot;
    int64_t ix = lookup(rt, d, key, hash, &slot);
    if (ix == -3)
        return -1;
    if (ix >= 0) {
        d->entries[ix].value = value;
        hl_gc_write_item(rt, &d->h, (size_t)ix, value); /* a minor collection traces that entry alone */
        return 0;
    }
    if (d->nentries == d->usable) {
        hl_rt_root(rt, &dv);
        hl_rt_root(rt, &key);
        hl_rt_root(rt, &value);
        int r = resize(rt, d, d->used * 3);
        hl_rt_unroot(rt, 3);
        if (r)
            return -1;
        slot = empty_slot(d, hash);
    }
    d->entries[d->nentries] = (hl_dict_entry){hash, key, value};
    index_set(d, slot, (int64_t)d->nentries);
    d->nentries++;
    d->used++;
    hl_gc_write_item(rt, &d->h, d->nentries - 1, key);
    hl_gc_write_item(rt, &d->h, d->nentries - 1, value);
    return 0;
}

int hl_dict_lookup(hl_runtime *rt, hl_value dv, hl_value key, hl_value *out)
{
    if (hl_arg_not(rt, dv, HL_T_DICT, __func__) || hl_arg_missing(rt, key, __func__))
        return -1;
    int64_t hash;
    if (hl_hash(rt, key, &hash))
        return -1;
    hl_dict_obj *d = HL_AS(hl_dict_obj, dv);
    size_t slot;
    int64_t ix = lookup(rt, d, key, hash, &slot);
    if (ix == -3)
        return -1;
    if (ix < 0)
        return 0;
    *out = d->entries[ix].value;
    return 1;
}

hl_value hl_dict_copy(hl_runtime *rt, hl_value dv)
{
    if (hl_arg_not(rt, dv, HL_T_DICT, __func__))
        return HL_NOVALUE;
    hl_rt_root(rt, &dv);
    hl_value cv = hl_dict_new(rt);
    hl_rt_root(rt, &cv);
    const hl_dict_obj *d = HL_AS(hl_dict_obj, dv);
    if (cv && d->used) {
        /* Tables the size of the original's, as CPython's dict.copy clones them. */
        hl_dict_entry *entries;
        void *index;
        if (new_tables(rt, d->log2_index, &entries, &index) == 0) {
            hl_dict_obj *c = HL_AS(hl_dict_obj, cv);
            size_t n = copy_live_entries(entries, d);
            install_tables(c, d->log2_index, entries, index, n);
            c->used = n;
            /* c may have grown old while the tables were allocated, or have been born old
             * (pretenured): the entries holding young objects are remembered, no others (a
             * young copy, the usual case, skips the walk). */
            if (hl_gc_wants_barrier(&c->h)) {
                for (size_t i = 0; i < n; i++) {
                    hl_gc_write_item(rt, &c->h, i, entries[i].key);
                    hl_gc_write_item(rt, &c->h, i, entries[i].value);
                }
            }
        } else {
            cv = HL_NOVALUE;
        }
    }
    hl_rt_unroot(rt, 2);
    return cv;
}

hl_value hl_dict_getitem(hl_runtime *rt, hl_value d, hl_value key)
{
    if (hl_arg_not(rt, d, HL_T_DICT, __func__) || hl_arg_missing(rt, key, __func__))
        return HL_NOVALUE;
    hl_value v;
    int r = hl_dict_lookup(rt, d, key, &v);
    if (r == 0)
        hl_error_key(rt, key);
    return r == 1 ? v : HL_NOVALUE;
}

/* Remove key; 1 removed (*old set), 0 absent, -1 error. */
static int remove_key(hl_runtime *rt, hl_value dv, hl_value key, hl_value *old)
{
    int64_t hash;
    if (hl_hash(rt, key, &hash))
        return -1;
    hl_dict_obj *d = HL_AS(hl_dict_obj, dv);
    if (!d->log2_index)
        return 0;
    size_t mask = ((size_t)1 << d->log2_index) - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int64_t ix = index_get(d, i);
        if (ix == EMPTY)
            return 0;
        if (ix >= 0) {
            hl_dict_entry *e = &d->entries[ix];
            int eq = e->key == key ? 1 : e->hash == hash ? hl_eq(rt, e->key, key) : 0;
            if (eq < 0)
                return -1;
            if (eq) {
                *old = e->value;
                e->key = e->value = HL_NOVALUE;
                index_set(d, i, DELETED);
                d->used--;
                return 1;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

int hl_dict_del(hl_runtime *rt, hl_value d, hl_value key)
{
    if (hl_arg_not(rt, d, HL_T_DICT, __func__) || hl_arg_missing(rt, key, __func__))
        return -1;
    hl_value old;
    int r = remove_key(rt, d, key, &old);
    if (r == 0)
        return hl_error_key(rt, key);
    return r < 0 ? -1 : 0;
}

hl_value hl_dict_pop(hl_runtime *rt, hl_value d, hl_value key, hl_value dflt)
{
    if (hl_arg_not(rt, d, HL_T_DICT, __func__) || hl_arg_missing(rt, key, __func__))
        return HL_NOVALUE;
    hl_value old;
    int r = remove_key(rt, d, key, &old);
    if (r == 1)
        return old;
    if (r == 0 && dflt)
        return dflt;
    if (r == 0)
        hl_error_key(rt, key);
    return HL_NOVALUE;
}

int hl_dict_clear(hl_runtime *rt, hl_value dv)
{
    if (hl_arg_not(rt, dv, HL_T_DICT, __func__))
        return -1;
    hl_dict_obj *d = HL_AS(hl_dict_obj, dv);
    free_tables(rt, d);
    d->entries = NULL;
    d->index = NULL;
    d->log2_index = 0;
    d->used = d->nentries = d->usable = 0;
    return 0;
}

bool hl_dict_next(hl_value dv, size_t *pos, hl_value *key, hl_value *value)
{
    hl_dict_obj *d = HL_AS(hl_dict_obj, dv);
    while (*pos < d->nentries) {
        hl_dict_entry *e = &d->entries[(*pos)++];
        if (e->key) {
            *key = e->key;
            *value = e->value;
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------- views as lists */

enum { KEYS, VALUES, ITEMS };

static hl_value collect(hl_runtime *rt, hl_value d, int what, const char *fn)
{
    if (hl_arg_not(rt, d, HL_T_DICT, fn))
        return HL_NOVALUE;
    hl_rt_root(rt, &d);
    hl_value out = hl_list_new(rt, hl_dict_size(d));
    hl_rt_root(rt, &out);
    size_t pos = 0;
    hl_value key, value;
    while (out && hl_dict_next(d, &pos, &key, &value)) {
        hl_value item = what == KEYS ? key : what == VALUES ? value : HL_NOVALUE;
        if (what == ITEMS) {
            hl_value pair[2] = {key, value};
            item = hl_tuple_new(rt, pair, 2);
        }
        if (!item || hl_list_append(rt, out, item))
            out = HL_NOVALUE;
    }
    hl_rt_unroot(rt, 2);
    return out;
}

hl_value hl_dict_keys(hl_runtime *rt, hl_value d) { return collect(rt, d, KEYS, __func__); }
hl_value hl_dict_values(hl_runtime *rt, hl_value d) { return collect(rt, d, VALUES, __func__); }
hl_value hl_dict_items(hl_runtime *rt, hl_value d) { return collect(rt, d, ITEMS, __func__); }

typedef struct pairs_ctx {
    hl_value dict;
    size_t index;
} pairs_ctx;

/* One element of an iterable of pairs (CPython's PyDict_MergeFromSeq2, with its messages). */
static int add_pair(hl_runtime *rt, hl_value item, void *ctx)
{
    pairs_ctx *c = ctx;
    hl_value seq = hl_is_list(item) || hl_is_tuple(item) ? item : hl_list_of(rt, item);
    if (!seq) {
        if (hl_error_type(rt) == HL_EXC_TYPE_ERROR)
            hl_error_set(rt, HL_EXC_TYPE_ERROR, "cannot convert dictionary update sequence element #%zu to a sequence",
                         c->index);
        return -1;
    }
    size_t n = hl_is_tuple(seq) ? hl_tuple_size(seq) : hl_list_size(seq);
    if (n != 2)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "dictionary update sequence element #%zu has length %zu; 2 is required",
                            c->index, n);
    const hl_value *kv = hl_is_tuple(seq) ? hl_tuple_items(seq) : hl_list_items(seq);
    c->index++;
    return hl_dict_set(rt, c->dict, kv[0], kv[1]); /* keeps both alive while it allocates */
}

int hl_dict_update(hl_runtime *rt, hl_value d, hl_value other)
{
    if (hl_arg_not(rt, d, HL_T_DICT, __func__) || hl_arg_missing(rt, other, __func__))
        return -1;
    hl_rt_root(rt, &d);
    hl_rt_root(rt, &other);
    int r = 0;
    if (hl_is_dict(other)) {
        size_t pos = 0;
        hl_value key, value;
        while (r == 0 && hl_dict_next(other, &pos, &key, &value))
            r = hl_dict_set(rt, d, key, value);
    } else {
        pairs_ctx ctx = {d, 0};
        r = hl_foreach(rt, other, add_pair, &ctx);
    }
    hl_rt_unroot(rt, 2);
    return r;
}
