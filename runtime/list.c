/* lists: mutable, items in a buffer that grows like CPython's (about 1/8 over).
 *
 * On a collecting backend (Boehm), a list whose items are all immediates (small ints, None,
 * bools) keeps them in a pointer-free buffer (HL_BLOCK_DATA, flag HL_OBJ_LIST_ATOMIC): Boehm
 * neither clears it when allocated nor scans it when it collects, as V8 keeps arrays of small
 * integers apart. A list spilling out of its own block gets one when what it holds and what
 * is about to be stored are immediates; a slice, copy, concatenation or repetition of such
 * lists is one too. Before a reference is stored into such a list its items move to a scanned
 * buffer (to_scanned), so Boehm never misses a reference; C code that stores through
 * hl_list_items is covered by hl_gc_write_barrier (gc_young.c). Other backends ignore a block's
 * kind: there no list is flagged, and the checks cost a test.
 *
 * A container: may call tuple.c (a fast path for extending from a tuple), str.c, object.c,
 * seq.c, the collector, type.c and error.c. */
#include <string.h>

#include "heaplab/error.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "list_internal.h"
#include "seq.h"
#include "type.h"

static bool is_inline(const hl_list_obj *l) { return (l->h.flags & HL_OBJ_LIST_INLINE) != 0; }

static bool has_buffer(const hl_list_obj *l) { return l->items && !is_inline(l); }

/* Items the list's own block has room for (objects.h: kept in the spent room once spilled). */
static size_t inline_room(const hl_list_obj *l)
{
    if (is_inline(l))
        return l->capacity;
    return (l->h.flags & HL_OBJ_LIST_SPILLED) ? (size_t)l->inline_items[0] : 0;
}

static size_t list_size(const hl_object *o)
{
    return sizeof(hl_list_obj) + inline_room((const hl_list_obj *)o) * sizeof(hl_value);
}

/* Bytes of the list's own items buffer; 0 while its items are inline. */
static size_t buffer_bytes(const hl_list_obj *l) { return has_buffer(l) ? l->capacity * sizeof(hl_value) : 0; }

static size_t list_owned_size(const hl_object *o) { return buffer_bytes((const hl_list_obj *)o); }

static void list_trace(hl_object *o, hl_tracer *t)
{
    hl_list_obj *l = (hl_list_obj *)o;
    hl_trace_range(t, l->items, l->size, 1);
}

static void list_release(hl_runtime *rt, hl_object *o)
{
    hl_list_obj *l = (hl_list_obj *)o;
    if (has_buffer(l))
        hl_heap_free(rt, l->items, buffer_bytes(l));
}

static int list_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    hl_list_obj *l = HL_AS(hl_list_obj, v);
    return hl_repr_items(rt, v, l->items, l->size, "[", "]", b);
}

static int list_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    hl_list_obj *x = HL_AS(hl_list_obj, a), *y = HL_AS(hl_list_obj, b);
    return x->size == y->size ? hl_items_eq(rt, x->items, y->items, x->size) : 0;
}

/* Items are read by index each step: the callback may change the list, as Python allows. */
static int list_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    int r = 0;
    hl_rt_root(rt, &v);
    for (size_t i = 0; i < hl_list_size(v) && r == 0; i++)
        r = fn(rt, hl_list_items(v)[i], ctx);
    hl_rt_unroot(rt, 1);
    return r < 0 ? -1 : 0;
}

static size_t list_len(hl_value v) { return hl_list_size(v); }

const hl_type_info hl_list_type = {
    .name = "list",
    .size = list_size,
    .owned_size = list_owned_size,
    .trace = list_trace,
    .run_kind = HL_RUN_POINTER,
    .run_at = offsetof(hl_list_obj, items),
    .run_count = offsetof(hl_list_obj, size),
    .release = list_release,
    .repr = list_repr,
    .eq = list_eq,
    .foreach = list_foreach,
    .len = list_len,
};

/* ---- pointer-free buffers (collecting backends) ---- */

static bool atomic(const hl_list_obj *l) { return (l->h.flags & HL_OBJ_LIST_ATOMIC) != 0; }

static hl_block_kind buffer_kind(const hl_list_obj *l) { return atomic(l) ? HL_BLOCK_DATA : HL_BLOCK_REFS; }

/* Might storing these n values put a reference into a list? Always, unless the backend
 * collects: only there is a list kept pointer-free, and only there are values looked at. */
static bool brings_refs(const hl_runtime *rt, const hl_value *v, size_t n)
{
    if (!rt->self_collecting)
        return true;
    for (size_t i = 0; i < n; i++)
        if (hl_is_ptr(v[i]))
            return true;
    return false;
}

/* ... the items of list or tuple seq: a pointer-free list's, never. */
static bool seq_brings_refs(const hl_runtime *rt, hl_value seq)
{
    if (hl_is_list(seq))
        return !atomic(HL_AS(hl_list_obj, seq)) && brings_refs(rt, hl_list_items(seq), hl_list_size(seq));
    return brings_refs(rt, hl_tuple_items(seq), hl_tuple_size(seq));
}

/* The items of l, kept pointer-free, move to a scanned buffer of the same capacity. l is
 * rooted by the caller, and so is the reference about to be stored (the allocation may
 * collect). */
static int to_scanned(hl_runtime *rt, hl_list_obj *l)
{
    size_t bytes = buffer_bytes(l);
    hl_value *items = hl_gc_buffer_alloc(rt, bytes, HL_BLOCK_REFS);
    if (!items)
        return -1;
    memcpy(items, l->items, l->size * sizeof(hl_value));
    hl_gc_buffer_free(rt, l->items, bytes);
    l->items = items;
    l->h.flags &= (uint16_t)~HL_OBJ_LIST_ATOMIC;
    return 0;
}

/* to_scanned before v is stored into lv, both rooted here: out of line, so that a caller
 * taking no address of its own values keeps them in registers. */
static __attribute__((noinline)) int to_scanned_for(hl_runtime *rt, hl_value lv, hl_value v)
{
    hl_rt_root(rt, &lv);
    hl_rt_root(rt, &v);
    int r = to_scanned(rt, HL_AS(hl_list_obj, lv));
    hl_rt_unroot(rt, 2);
    return r;
}

/* Before values are stored into l: refs says whether they may hold a reference. */
static int admit(hl_runtime *rt, hl_list_obj *l, bool refs) { return refs && atomic(l) ? to_scanned(rt, l) : 0; }

/* memmove that accepts an empty range at a NULL buffer (an empty list has no items buffer). */
static void move_values(hl_value *dst, const hl_value *src, size_t n)
{
    if (n)
        memmove(dst, src, n * sizeof(hl_value));
}

static bool too_many(size_t n) { return n > SIZE_MAX / sizeof(hl_value) / 4; }

/* An empty list with room for capacity items; a buffer of them, if any, pointer-free when
 * refs is false (the caller stores only immediates, and the backend collects). */
static hl_value new_list(hl_runtime *rt, size_t capacity, bool refs)
{
    if (too_many(capacity))
        return hl_error_nomem(rt), HL_NOVALUE;
    size_t inline_capacity = capacity <= HL_LIST_INLINE_MAX ? capacity : 0;
    bool buffer = capacity && !inline_capacity;
    /* A separate buffer first: it is not an object, so the object's allocation cannot free it. */
    hl_value *items = NULL;
    if (buffer && !(items = hl_gc_buffer_alloc(rt, capacity * sizeof(hl_value), refs ? HL_BLOCK_REFS : HL_BLOCK_DATA)))
        return HL_NOVALUE;
    hl_list_obj *l = (hl_list_obj *)hl_gc_new(rt, HL_T_LIST, sizeof(hl_list_obj) + inline_capacity * sizeof(hl_value));
    if (!l) {
        hl_gc_buffer_free(rt, items, capacity * sizeof(hl_value));
        return HL_NOVALUE;
    }
    l->size = 0;
    l->capacity = capacity;
    l->items = inline_capacity ? l->inline_items : items;
    if (inline_capacity)
        l->h.flags |= HL_OBJ_LIST_INLINE;
    else if (buffer && !refs)
        l->h.flags |= HL_OBJ_LIST_ATOMIC;
    return hl_val(l);
}

/* A new list holds no reference: on a collecting backend its buffer starts pointer-free. */
hl_value hl_list_new(hl_runtime *rt, size_t capacity) { return new_list(rt, capacity, !rt->self_collecting); }

hl_value hl_list_new_scanned(hl_runtime *rt, size_t capacity) { return new_list(rt, capacity, true); }

hl_value hl_list_from(hl_runtime *rt, const hl_value *items, size_t n)
{
    if (!items && n)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: no items array for %zu items", __func__, n), HL_NOVALUE;
    for (size_t i = 0; i < n; i++)
        if (hl_arg_missing(rt, items[i], __func__))
            return HL_NOVALUE;
    hl_root_array(rt, items, n);
    hl_value l = new_list(rt, n, brings_refs(rt, items, n));
    hl_unroot_array(rt);
    if (!l)
        return HL_NOVALUE;
    move_values(HL_AS(hl_list_obj, l)->items, items, n);
    HL_AS(hl_list_obj, l)->size = n;
    return l;
}

bool hl_is_list(hl_value v) { return hl_is_obj_of(v, HL_T_LIST); }
size_t hl_list_size(hl_value l) { return HL_AS(hl_list_obj, l)->size; }
hl_value *hl_list_items(hl_value l) { return HL_AS(hl_list_obj, l)->items; }

/* Make room for `need` items, about to be joined by values that may hold references (refs).
 * The list and those values must be rooted by the caller (it may collect). */
static int reserve(hl_runtime *rt, hl_list_obj *l, size_t need, bool refs)
{
    if (admit(rt, l, refs))
        return -1;
    if (need <= l->capacity)
        return 0;
    if (too_many(need))
        return hl_error_nomem(rt);
    size_t cap = (need + (need >> 3) + 6) & ~(size_t)3; /* CPython's over-allocation */
    hl_value *items;
    if (has_buffer(l)) { /* the block keeps its kind */
        items = hl_gc_buffer_realloc(rt, l->items, buffer_bytes(l), cap * sizeof(hl_value), buffer_kind(l));
        if (!items)
            return -1;
    } else { /* out of the inline room (or none yet): a buffer of its own */
        bool pointer_free = !refs && !brings_refs(rt, l->items, l->size);
        items = hl_gc_buffer_alloc(rt, cap * sizeof(hl_value), pointer_free ? HL_BLOCK_DATA : HL_BLOCK_REFS);
        if (!items)
            return -1;
        move_values(items, l->items, l->size);
        if (is_inline(l)) { /* the spent room keeps its size */
            l->inline_items[0] = (hl_value)l->capacity;
            l->h.flags = (uint16_t)((l->h.flags & ~HL_OBJ_LIST_INLINE) | HL_OBJ_LIST_SPILLED);
        }
        if (pointer_free)
            l->h.flags |= HL_OBJ_LIST_ATOMIC;
    }
    l->items = items;
    l->capacity = cap;
    return 0;
}

int hl_list_append(hl_runtime *rt, hl_value lv, hl_value v)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, v, __func__))
        return -1;
    hl_list_obj *l = HL_AS(hl_list_obj, lv);
    if (l->size == l->capacity || (hl_is_ptr(v) && atomic(l))) {
        hl_rt_root(rt, &lv);
        hl_rt_root(rt, &v);
        int r = reserve(rt, l, l->size + 1, brings_refs(rt, &v, 1));
        hl_rt_unroot(rt, 2);
        if (r)
            return -1;
    }
    l->items[l->size++] = v;
    hl_gc_write_item(rt, &l->h, l->size - 1, v);
    return 0;
}

int hl_list_insert(hl_runtime *rt, hl_value lv, int64_t i, hl_value v)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, v, __func__))
        return -1;
    hl_list_obj *l = HL_AS(hl_list_obj, lv);
    hl_rt_root(rt, &lv);
    hl_rt_root(rt, &v);
    int r = reserve(rt, l, l->size + 1, brings_refs(rt, &v, 1));
    hl_rt_unroot(rt, 2);
    if (r)
        return -1;
    int64_t n = (int64_t)l->size;
    if (i < 0)
        i = i + n < 0 ? 0 : i + n;
    if (i > n)
        i = n;
    move_values(&l->items[i + 1], &l->items[i], (size_t)(n - i));
    l->items[i] = v;
    l->size++;
    hl_gc_write_items(rt, &l->h, (size_t)i, l->size); /* v, and the items it moved along */
    return 0;
}

typedef struct append_ctx {
    hl_value list;
} append_ctx;

static int append_item(hl_runtime *rt, hl_value item, void *ctx)
{
    return hl_list_append(rt, ((append_ctx *)ctx)->list, item);
}

int hl_list_extend(hl_runtime *rt, hl_value lv, hl_value iterable)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, iterable, __func__))
        return -1;
    hl_rt_root(rt, &lv);
    hl_rt_root(rt, &iterable);
    int r;
    if (hl_is_list(iterable) || hl_is_tuple(iterable)) {
        /* Known size: one reservation; `a.extend(a)` adds the items a had at the start. */
        size_t n = hl_is_list(iterable) ? hl_list_size(iterable) : hl_tuple_size(iterable);
        hl_list_obj *l = HL_AS(hl_list_obj, lv);
        r = reserve(rt, l, l->size + n, seq_brings_refs(rt, iterable));
        if (r == 0 && n > 0) { /* an empty list's items may be NULL: no offset from it */
            const hl_value *src = hl_is_list(iterable) ? hl_list_items(iterable) : hl_tuple_items(iterable);
            move_values(&l->items[l->size], src, n);
            l->size += n;
            hl_gc_write_items(rt, &l->h, l->size - n, l->size);
        }
    } else {
        append_ctx ctx = {lv};
        hl_rt_root(rt, &ctx.list);
        r = hl_foreach(rt, iterable, append_item, &ctx);
        hl_rt_unroot(rt, 1);
    }
    hl_rt_unroot(rt, 2);
    return r;
}

hl_value hl_list_of(hl_runtime *rt, hl_value iterable)
{
    if (hl_arg_missing(rt, iterable, __func__))
        return HL_NOVALUE;
    hl_rt_root(rt, &iterable);
    hl_value l = hl_list_new(rt, 0);
    hl_rt_root(rt, &l);
    if (l && hl_list_extend(rt, l, iterable))
        l = HL_NOVALUE;
    hl_rt_unroot(rt, 2);
    return l;
}

int hl_list_set(hl_runtime *rt, hl_value lv, int64_t i, hl_value v)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, v, __func__))
        return -1;
    int64_t k = hl_seq_index(rt, i, hl_list_size(lv), "list assignment index out of range");
    if (k < 0)
        return -1;
    if (hl_is_ptr(v) && atomic(HL_AS(hl_list_obj, lv)) && to_scanned_for(rt, lv, v))
        return -1;
    hl_list_items(lv)[k] = v;
    hl_gc_write_item(rt, hl_obj(lv), (size_t)k, v);
    return 0;
}

hl_value hl_list_get(hl_runtime *rt, hl_value lv, int64_t i)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return HL_NOVALUE;
    int64_t k = hl_seq_index(rt, i, hl_list_size(lv), "list index out of range");
    return k < 0 ? HL_NOVALUE : hl_list_items(lv)[k];
}

static void remove_at(hl_runtime *rt, hl_list_obj *l, size_t k)
{
    move_values(&l->items[k], &l->items[k + 1], l->size - k - 1);
    l->size--;
    if (k < l->size)
        hl_gc_items_moved(rt, &l->h);
}

int hl_list_del(hl_runtime *rt, hl_value lv, int64_t i)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return -1;
    int64_t k = hl_seq_index(rt, i, hl_list_size(lv), "list assignment index out of range");
    if (k < 0)
        return -1;
    remove_at(rt, HL_AS(hl_list_obj, lv), (size_t)k);
    return 0;
}

hl_value hl_list_pop(hl_runtime *rt, hl_value lv, int64_t i)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return HL_NOVALUE;
    hl_list_obj *l = HL_AS(hl_list_obj, lv);
    if (l->size == 0) {
        hl_error_set(rt, HL_EXC_INDEX_ERROR, "pop from empty list");
        return HL_NOVALUE;
    }
    int64_t k = hl_seq_index(rt, i, l->size, "pop index out of range");
    if (k < 0)
        return HL_NOVALUE;
    hl_value v = l->items[k];
    remove_at(rt, l, (size_t)k);
    return v;
}

int hl_list_clear(hl_runtime *rt, hl_value lv)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return -1;
    hl_list_obj *l = HL_AS(hl_list_obj, lv);
    size_t room = inline_room(l);
    if (has_buffer(l))
        hl_gc_buffer_free(rt, l->items, buffer_bytes(l));
    l->items = room ? l->inline_items : NULL;
    l->capacity = room;
    l->h.flags &= (uint16_t)~(HL_OBJ_LIST_SPILLED | HL_OBJ_LIST_ATOMIC);
    if (room)
        l->h.flags |= HL_OBJ_LIST_INLINE;
    l->size = 0;
    return 0;
}

int hl_list_reverse(hl_runtime *rt, hl_value lv)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return -1;
    hl_list_obj *l = HL_AS(hl_list_obj, lv);
    for (size_t i = 0, j = l->size; i + 1 < j; i++, j--) {
        hl_value t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
    hl_gc_items_moved(rt, &l->h);
    return 0;
}

/* Index of the first item equal to v, -1 if none, -2 on error. */
static int64_t find(hl_runtime *rt, hl_value lv, hl_value v)
{
    for (size_t i = 0; i < hl_list_size(lv); i++) {
        hl_value item = hl_list_items(lv)[i];
        int eq = item == v ? 1 : hl_eq(rt, item, v);
        if (eq < 0)
            return -2;
        if (eq)
            return (int64_t)i;
    }
    return -1;
}

int hl_list_remove(hl_runtime *rt, hl_value lv, hl_value v)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, v, __func__))
        return -1;
    int64_t k = find(rt, lv, v);
    if (k == -1)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "list.remove(x): x not in list");
    if (k < 0)
        return -1;
    remove_at(rt, HL_AS(hl_list_obj, lv), (size_t)k);
    return 0;
}

int64_t hl_list_index(hl_runtime *rt, hl_value lv, hl_value v)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, v, __func__))
        return -1;
    int64_t k = find(rt, lv, v);
    if (k == -1) {
        hl_value r = hl_repr(rt, v);
        if (!r)
            return -1;
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "%s is not in list", hl_str_data(r));
    }
    return k < 0 ? -1 : k;
}

int64_t hl_list_count(hl_runtime *rt, hl_value lv, hl_value v)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, v, __func__))
        return -1;
    int64_t count = 0;
    for (size_t i = 0; i < hl_list_size(lv); i++) {
        hl_value item = hl_list_items(lv)[i];
        int eq = item == v ? 1 : hl_eq(rt, item, v);
        if (eq < 0)
            return -1;
        count += eq;
    }
    return count;
}

hl_value hl_list_slice(hl_runtime *rt, hl_value lv, int64_t start, int64_t stop, int64_t step)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return HL_NOVALUE;
    int64_t n = hl_seq_slice(rt, hl_list_size(lv), &start, &stop, step);
    if (n < 0)
        return HL_NOVALUE;
    hl_rt_root(rt, &lv);
    hl_value r = new_list(rt, (size_t)n, !atomic(HL_AS(hl_list_obj, lv)));
    hl_rt_unroot(rt, 1);
    if (!r)
        return HL_NOVALUE;
    hl_value *dst = hl_list_items(r);
    const hl_value *src = hl_list_items(lv);
    if (step == 1 && n > 0) /* an empty list's items may be NULL: no offset from it */
        move_values(dst, src + start, (size_t)n);
    else
        for (int64_t k = 0, i = start; k < n; k++, i += step)
            dst[k] = src[i];
    HL_AS(hl_list_obj, r)->size = (size_t)n;
    return r;
}

hl_value hl_list_copy(hl_runtime *rt, hl_value lv) { return hl_list_slice(rt, lv, HL_SLICE_OMITTED, HL_SLICE_OMITTED, 1); }

hl_value hl_list_concat(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_arg_not(rt, a, HL_T_LIST, __func__) || hl_arg_not(rt, b, HL_T_LIST, __func__))
        return HL_NOVALUE;
    size_t na = hl_list_size(a), nb = hl_list_size(b);
    hl_rt_root(rt, &a);
    hl_rt_root(rt, &b);
    hl_value r = new_list(rt, na + nb, seq_brings_refs(rt, a) || seq_brings_refs(rt, b));
    hl_rt_unroot(rt, 2);
    if (!r)
        return HL_NOVALUE;
    move_values(hl_list_items(r), hl_list_items(a), na);
    if (nb) /* an empty list's items may be NULL: no offset from it */
        move_values(hl_list_items(r) + na, hl_list_items(b), nb);
    HL_AS(hl_list_obj, r)->size = na + nb;
    return r;
}

hl_value hl_list_repeat(hl_runtime *rt, hl_value lv, int64_t times)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return HL_NOVALUE;
    size_t n = hl_list_size(lv);
    if (times < 0)
        times = 0;
    if (n && (uint64_t)times > SIZE_MAX / sizeof(hl_value) / 4 / n)
        return hl_error_nomem(rt), HL_NOVALUE;
    size_t total = n * (size_t)times;
    hl_rt_root(rt, &lv);
    hl_value r = new_list(rt, total, seq_brings_refs(rt, lv));
    hl_rt_unroot(rt, 1);
    if (!r)
        return HL_NOVALUE;
    for (int64_t i = 0; n && i < times; i++) /* an empty list's items may be NULL */
        move_values(hl_list_items(r) + (size_t)i * n, hl_list_items(lv), n);
    HL_AS(hl_list_obj, r)->size = total;
    return r;
}

int hl_list_set_slice(hl_runtime *rt, hl_value lv, int64_t start, int64_t stop, int64_t step, hl_value items)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__) || hl_arg_missing(rt, items, __func__))
        return -1;
    hl_rt_root(rt, &lv);
    hl_rt_root(rt, &items);
    int r = -1;
    /* The new items as a list of their own: `a[:] = a` and iterables of any kind. */
    hl_value src = hl_is_list(items) ? hl_list_slice(rt, items, HL_SLICE_OMITTED, HL_SLICE_OMITTED, 1)
                                     : hl_list_of(rt, items);
    hl_rt_root(rt, &src);
    int64_t n = src ? hl_seq_slice(rt, hl_list_size(lv), &start, &stop, step) : -1;
    if (n < 0)
        goto done;
    size_t m = hl_list_size(src);
    hl_list_obj *l = HL_AS(hl_list_obj, lv);
    bool refs = seq_brings_refs(rt, src);
    if (step == 1) {
        if (stop < start)
            stop = start;
        size_t old = (size_t)(stop - start);
        if (reserve(rt, l, l->size + (m > old ? m - old : 0), refs))
            goto done;
        if (l->items) { /* NULL only for an empty list getting no items */
            move_values(&l->items[(size_t)start + m], &l->items[stop], l->size - (size_t)stop);
            move_values(&l->items[start], hl_list_items(src), m);
        }
        l->size = l->size - old + m;
        hl_gc_write_items(rt, &l->h, (size_t)start, l->size); /* the new items, and those moved */
    } else {
        if ((size_t)n != m) {
            hl_error_set(rt, HL_EXC_VALUE_ERROR,
                         "attempt to assign sequence of size %zu to extended slice of size %lld", m,
                         (long long)n);
            goto done;
        }
        if (admit(rt, l, refs))
            goto done;
        for (int64_t k = 0, i = start; k < n; k++, i += step)
            l->items[i] = hl_list_items(src)[k];
        hl_gc_write(rt, &l->h); /* an extended slice: items here and there */
    }
    r = 0;
done:
    hl_rt_unroot(rt, 3);
    return r;
}

int hl_list_del_slice(hl_runtime *rt, hl_value lv, int64_t start, int64_t stop, int64_t step)
{
    if (hl_arg_not(rt, lv, HL_T_LIST, __func__))
        return -1;
    int64_t n = hl_seq_slice(rt, hl_list_size(lv), &start, &stop, step);
    if (n <= 0)
        return (int)n;
    hl_list_obj *l = HL_AS(hl_list_obj, lv);
    if (step < 0) { /* the same items, walked upwards */
        start = start + (n - 1) * step;
        step = -step;
    }
    size_t w = (size_t)start;
    for (size_t r = (size_t)start, next = (size_t)start, k = 0; r < l->size; r++) {
        if (k < (size_t)n && r == next) {
            k++;
            next += (size_t)step;
            continue;
        }
        l->items[w++] = l->items[r];
    }
    l->size = w;
    hl_gc_items_moved(rt, &l->h);
    return 0;
}
