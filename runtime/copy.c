/* copy.copy and copy.deepcopy.
 *
 * The deep copy walks the original with an explicit stack of frames, one per container
 * whose items are being copied, so nesting depth costs heap, never C stack.
 *
 * The memo lives in the object headers: an original's `aux` is 1 + the index of its entry in
 * a side array of (original, copy) pairs. A lookup is one load from a header the walk reads
 * anyway, where a hash table from address to copy costs a cache miss per node (about twice
 * the time per node). The walk never clears what it set (objects.h: an aux counts only where
 * the walk's own array says so at that index), which would cost a pass over every original,
 * ~9% of a deep copy of a tree. The array's copies, and the copies waiting to become a tuple
 * or set, are a root source: a collection in the middle of the walk keeps the partial copy;
 * after a failure nothing refers to it any more and the next collection frees it.
 *
 * CPython 3.11's rules (Lib/copy.py), made iterative:
 *  - a list or dict copy is made and memoized before its items are copied, so a cycle back
 *    to it finds it; items are copied in order, a dict's key before its value;
 *  - a tuple or set copy can only be made once its items' copies are known. A tuple is not
 *    in the memo while its items are copied: a cycle back to it (through a list) copies it
 *    again from inside, and the outer copy then takes the memo's, as CPython's recursive
 *    _deepcopy_tuple does. A tuple whose items all copied to themselves is its own copy
 *    (memoized too, unlike CPython, which walks it again at each visit to the same result);
 *  - a set is rebuilt by adding the copies of its items in its iteration order, as
 *    CPython's reduce protocol does (set(list_of_copies));
 *  - ints, floats, strs and the other atomic types are their own copies and never memoized.
 *
 * Above the containers: calls tuple.c, list.c, dict.c and set.c, the collector (new objects,
 * roots, tracing, the write barrier, hl_gc_copy_begin), heap.c, type.c and error.c. */
#include "heaplab/copy.h"
#include "heaplab/dict.h"
#include "heaplab/error.h"
#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/tuple.h"
#include "list_internal.h"
#include "rt.h"

/* Types that copy.copy and copy.deepcopy return as they are: CPython's _copy_dispatch and
 * _deepcopy_atomic (a bound built-in method is a builtin_function_or_method there). */
static bool is_atomic(hl_type t)
{
    switch (t) {
    case HL_T_NONE:
    case HL_T_BOOL:
    case HL_T_INT:
    case HL_T_FLOAT:
    case HL_T_STR:
    case HL_T_TYPE:
    case HL_T_BUILTIN:
    case HL_T_FUNCTION:
    case HL_T_CODE:
    case HL_T_METHOD:
    case HL_T_RANGE:
        return true;
    default:
        return false;
    }
}

/* CPython's message for a type the reduce protocol cannot handle (modules, dict views; heaplab
 * also has no reduce for iterators, which CPython copies). */
static int uncopyable(hl_runtime *rt, hl_value v)
{
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "cannot pickle '%s' object", hl_typeof_name(v));
}

hl_value hl_copy(hl_runtime *rt, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return HL_NOVALUE;
    hl_type t = hl_typeof(v);
    switch (t) {
    case HL_T_LIST:
        return hl_list_copy(rt, v);
    case HL_T_DICT:
        return hl_dict_copy(rt, v);
    case HL_T_SET:
        return hl_set_copy(rt, v);
    case HL_T_TUPLE:
        return v;
    default:
        if (is_atomic(t))
            return v;
        uncopyable(rt, v);
        return HL_NOVALUE;
    }
}

/* ---------------------------------------------------------------- deep copy state */

typedef struct memo_entry {
    hl_object *original; /* its aux is 1 + this entry's index */
    hl_value copy;
} memo_entry;

/* A container whose items are being copied. */
typedef struct frame {
    hl_value src;  /* the original */
    hl_value dst;  /* list, dict: the copy, filled as the walk goes; tuple, set: 0 */
    size_t next;   /* list, tuple: the next item; dict: the next entry * 2 + (0 key, 1 value);
                      set: the next table slot */
    size_t base;   /* tuple, set: where its items' copies start in `pending` */
} frame;

/* The memo grows in chunks of MEMO_CHUNK entries (32 KiB), never by moving one big array:
 * a chunk is a size the backends recycle from their own free lists, so a deep copy after
 * another reuses warm memory. A doubling array of 16 MiB for 1,000,000 containers was fresh
 * pages each time: ~7 ns per node of page faults (deepcopy.tree, arena). */
#define MEMO_CHUNK_LOG2 11
#define MEMO_CHUNK ((size_t)1 << MEMO_CHUNK_LOG2)

typedef struct deepcopy {
    hl_runtime *rt;
    memo_entry **memo; /* chunks: entry i is memo[i >> MEMO_CHUNK_LOG2][i % MEMO_CHUNK] */
    size_t nmemo, nchunks, chunks_capacity;
    frame *frames;
    size_t depth, frames_capacity;
    hl_value *pending; /* copies of the items of the tuples and sets on the stack */
    size_t npending, pending_capacity;
} deepcopy;

/* Double an array of `size`-byte elements; NULL with MemoryError (the old one is kept). */
static void *grow(hl_runtime *rt, void *p, size_t *capacity, size_t size, hl_block_kind kind)
{
    size_t cap = *capacity ? *capacity * 2 : 256;
    void *q = cap <= SIZE_MAX / 2 / size ? hl_heap_realloc(rt, p, *capacity * size, cap * size, kind) : NULL;
    if (!q) {
        hl_error_nomem(rt);
        return NULL;
    }
    *capacity = cap;
    return q;
}

static inline memo_entry *memo_at(const deepcopy *dc, size_t i)
{
    return &dc->memo[i >> MEMO_CHUNK_LOG2][i & (MEMO_CHUNK - 1)];
}

static int add_chunk(deepcopy *dc)
{
    if (dc->nmemo >= UINT32_MAX - MEMO_CHUNK) /* aux holds index + 1 in 32 bits */
        return hl_error_nomem(dc->rt);
    if (dc->nchunks == dc->chunks_capacity) {
        memo_entry **t = grow(dc->rt, dc->memo, &dc->chunks_capacity, sizeof *t, HL_BLOCK_ROOT);
        if (!t)
            return -1;
        dc->memo = t;
    }
    /* ROOT: a self-collecting backend (Boehm) must see the copies in it. */
    memo_entry *chunk = hl_heap_alloc(dc->rt, MEMO_CHUNK * sizeof *chunk, HL_BLOCK_ROOT);
    if (!chunk)
        return hl_error_nomem(dc->rt);
    dc->memo[dc->nchunks++] = chunk;
    return 0;
}

static int memo_add(deepcopy *dc, hl_object *original, hl_value copy)
{
    if (dc->nmemo == dc->nchunks * MEMO_CHUNK && add_chunk(dc))
        return -1;
    *memo_at(dc, dc->nmemo++) = (memo_entry){original, copy};
    original->aux = (uint32_t)dc->nmemo;
    return 0;
}

/* o's entry in this walk's memo, or NULL: o's aux may be another walk's. */
static inline memo_entry *memo_find(const deepcopy *dc, const hl_object *o)
{
    size_t i = (size_t)o->aux - 1; /* aux 0: SIZE_MAX */
    if (i >= dc->nmemo)
        return NULL;
    memo_entry *m = memo_at(dc, i);
    return m->original == o ? m : NULL;
}

static int push_frame(deepcopy *dc, hl_value src, hl_value dst)
{
    if (dc->depth == dc->frames_capacity) {
        frame *f = grow(dc->rt, dc->frames, &dc->frames_capacity, sizeof *f, HL_BLOCK_INTERNAL);
        if (!f)
            return -1;
        dc->frames = f;
    }
    dc->frames[dc->depth++] = (frame){src, dst, 0, dc->npending};
    return 0;
}

static int push_pending(deepcopy *dc, hl_value v)
{
    if (dc->npending == dc->pending_capacity) {
        hl_value *p = grow(dc->rt, dc->pending, &dc->pending_capacity, sizeof *p, HL_BLOCK_ROOT);
        if (!p)
            return -1;
        dc->pending = p;
    }
    dc->pending[dc->npending++] = v;
    return 0;
}

static void trace_deepcopy(hl_runtime *rt, hl_tracer *t, void *data)
{
    (void)rt;
    deepcopy *dc = data;
    for (size_t c = 0; c < dc->nchunks; c++) {
        size_t n = c + 1 < dc->nchunks ? MEMO_CHUNK : dc->nmemo - c * MEMO_CHUNK;
        hl_trace_range(t, &dc->memo[c][0].copy, n, sizeof(memo_entry) / sizeof(hl_value));
    }
    hl_trace_values(t, dc->pending, dc->npending);
}

/* ---------------------------------------------------------------- the walk */

/* Start copying v. Returns 1 with *copy set when the copy exists now: v itself (atomic), the
 * memo's, or a new list or dict whose frame was pushed to fill it. Returns 0 when v is a
 * tuple or set: its frame was pushed and makes the copy once the items are copied. -1 on
 * error. */
static int visit(deepcopy *dc, hl_value v, hl_value *copy)
{
    if (!hl_is_ptr(v)) { /* small ints, None, bools, types, built-in functions */
        *copy = v;
        return 1;
    }
    hl_object *o = hl_obj(v);
    const memo_entry *m = memo_find(dc, o);
    if (m) {
        *copy = m->copy;
        return 1;
    }
    switch (o->type) {
    case HL_T_LIST:
        *copy = hl_list_new_scanned(dc->rt, HL_AS(hl_list_obj, v)->size); /* room for every item: never grows */
        break;
    case HL_T_DICT:
        *copy = hl_dict_copy(dc->rt, v); /* the originals' keys and values, replaced as copied */
        break;
    case HL_T_TUPLE:
    case HL_T_SET:
        return push_frame(dc, v, HL_NOVALUE);
    default:
        if (is_atomic((hl_type)o->type)) {
            *copy = v;
            return 1;
        }
        return uncopyable(dc->rt, v);
    }
    if (!*copy || memo_add(dc, o, *copy) || push_frame(dc, v, *copy))
        return -1;
    return 1;
}

/* Copy the items of the list of frame `top` until it is done (1) or an item needs a frame of
 * its own (0: the walk descends into it first). The loop for lists, the common case: no
 * dispatch on the container's type per item. */
static int copy_list_items(deepcopy *dc, size_t top)
{
    frame *f = &dc->frames[top];
    const hl_list_obj *src = HL_AS(hl_list_obj, f->src);
    hl_list_obj *dst = HL_AS(hl_list_obj, f->dst);
    while (f->next < src->size) {
        hl_value c = HL_NOVALUE; /* set whenever visit returns 1; gcc -O3 cannot tell */
        int r = visit(dc, src->items[f->next++], &c); /* a push may move the stack: f is stale */
        if (r < 0)
            return -1;
        if (r == 1) { /* else a tuple or set: deliver() adds its copy */
            dst->items[dst->size++] = c;
            hl_gc_write_item(dc->rt, &dst->h, dst->size - 1, c); /* dst may have grown old since it was made */
        }
        if (dc->depth != top + 1)
            return 0;
    }
    return 1;
}

/* The next item of frame f's container (tuple, dict, set) to copy; false when all are done.
 * A dict frame reads its items from the copy, which holds the original keys and values until
 * they are replaced by their copies. */
static bool next_item(frame *f, hl_value *item)
{
    switch (hl_obj(f->src)->type) {
    case HL_T_TUPLE:
        if (f->next == hl_tuple_size(f->src))
            return false;
        *item = hl_tuple_get(f->src, f->next++);
        return true;
    case HL_T_DICT: {
        hl_dict_obj *d = HL_AS(hl_dict_obj, f->dst);
        if (f->next == 2 * d->nentries)
            return false;
        hl_dict_entry *e = &d->entries[f->next / 2];
        *item = f->next++ % 2 ? e->value : e->key;
        return true;
    }
    default:
        return hl_set_next(f->src, &f->next, item);
    }
}

/* Store the copy of the item frame f last took. */
static int deliver(deepcopy *dc, frame *f, hl_value copy)
{
    switch (hl_obj(f->src)->type) {
    case HL_T_LIST: {
        hl_list_obj *l = HL_AS(hl_list_obj, f->dst);
        l->items[l->size++] = copy;
        hl_gc_write_item(dc->rt, &l->h, l->size - 1, copy);
        return 0;
    }
    case HL_T_DICT: {
        size_t k = (f->next - 1) / 2;
        hl_dict_entry *e = &HL_AS(hl_dict_obj, f->dst)->entries[k];
        if ((f->next - 1) % 2)
            e->value = copy;
        else
            e->key = copy; /* the copy of a hashable is equal to it: its hash and slot stand */
        hl_gc_write_item(dc->rt, hl_obj(f->dst), k, copy);
        return 0;
    }
    default:
        return push_pending(dc, copy);
    }
}

/* Copy one item of the tuple, dict or set of frame `top`: 0, 1 when it has none left, -1. */
static int copy_next_item(deepcopy *dc, size_t top)
{
    hl_value item, c;
    if (!next_item(&dc->frames[top], &item))
        return 1;
    int r = visit(dc, item, &c);
    if (r < 0 || (r == 1 && deliver(dc, &dc->frames[top], c)))
        return -1;
    return 0;
}

static hl_value set_of_items(hl_runtime *rt, const hl_value *items, size_t n)
{
    hl_value s = hl_set_new(rt);
    hl_rt_root(rt, &s);
    for (size_t i = 0; s && i < n; i++)
        if (hl_set_add(rt, s, items[i]))
            s = HL_NOVALUE;
    hl_rt_unroot(rt, 1);
    return s;
}

/* The copy of the tuple or set of frame f, whose items' copies are pending[f->base..]. */
static hl_value build(deepcopy *dc, const frame *f)
{
    hl_object *o = hl_obj(f->src);
    const memo_entry *m = memo_find(dc, o);
    if (m) /* copied again from inside, through a cycle: that copy stands */
        return m->copy;
    size_t n = dc->npending - f->base;
    const hl_value *items = n ? dc->pending + f->base : NULL; /* no pending buffer yet: NULL */
    hl_value copy;
    if (o->type == HL_T_TUPLE) {
        copy = f->src;
        for (size_t i = 0; i < n && copy == f->src; i++)
            if (items[i] != hl_tuple_get(f->src, i))
                copy = hl_tuple_new(dc->rt, items, n);
    } else {
        copy = set_of_items(dc->rt, items, n);
    }
    if (!copy || memo_add(dc, o, copy))
        return HL_NOVALUE;
    return copy;
}

static hl_value walk(deepcopy *dc, hl_value root)
{
    hl_value copy = HL_NOVALUE;
    if (visit(dc, root, &copy) < 0)
        return HL_NOVALUE;
    while (dc->depth) {
        size_t top = dc->depth - 1;
        bool list = hl_obj(dc->frames[top].src)->type == HL_T_LIST;
        int r = list ? copy_list_items(dc, top) : copy_next_item(dc, top);
        if (r <= 0) {
            if (r < 0)
                return HL_NOVALUE;
            continue;
        }
        frame done = dc->frames[top];
        dc->depth = top;
        if (done.dst) /* a list or dict: complete, and delivered when it was made */
            continue;
        hl_value c = build(dc, &done);
        dc->npending = done.base;
        if (!c)
            return HL_NOVALUE;
        if (top == 0)
            copy = c; /* the root was a tuple or set */
        else if (deliver(dc, &dc->frames[top - 1], c))
            return HL_NOVALUE;
    }
    return copy;
}

hl_value hl_deepcopy(hl_runtime *rt, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return HL_NOVALUE;
    if (is_atomic(hl_typeof(v)))
        return v;
    deepcopy dc = {.rt = rt};
    if (hl_gc_add_root_source(rt, trace_deepcopy, &dc))
        return HL_NOVALUE;
    hl_rt_root(rt, &v);
    hl_gc_copy_begin(rt);
    hl_value copy = walk(&dc, v);
    hl_gc_copy_end(rt);
    hl_rt_unroot(rt, 1);
    hl_gc_remove_root_source(rt, trace_deepcopy, &dc);
    for (size_t c = 0; c < dc.nchunks; c++)
        hl_heap_free(rt, dc.memo[c], MEMO_CHUNK * sizeof **dc.memo);
    hl_heap_free(rt, dc.memo, dc.chunks_capacity * sizeof *dc.memo);
    hl_heap_free(rt, dc.frames, dc.frames_capacity * sizeof *dc.frames);
    hl_heap_free(rt, dc.pending, dc.pending_capacity * sizeof *dc.pending);
    return copy;
}
