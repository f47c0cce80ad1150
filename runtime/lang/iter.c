/* range, iterators and dict views: the front end's small object types, and iteration over
 * any iterable. */
#include "../type.h"
#include "builtins.h"
#include "heaplab/dict.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/operators.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"

/* ---------------------------------------------------------------- range */

static size_t range_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_range_obj);
}

static void range_trace(hl_object *o, hl_tracer *t) { hl_trace_value(t, ((hl_range_obj *)o)->big); }

static int range_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    if (hl_range_is_big(v))
        return hl_range_big_repr(rt, v, b);
    hl_range_obj *r = (hl_range_obj *)v;
    if (r->step == 1)
        return hl_buf_printf(b, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    return hl_buf_printf(b, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
}

static size_t range_len(hl_value v)
{
    if (hl_range_is_big(v)) { /* len() refuses one past int64 (hl_bi_len) */
        hl_value n = hl_range_big_len(NULL, v);
        return hl_int_fits_int64(n) ? (size_t)hl_int_get(n) : SIZE_MAX;
    }
    hl_range_obj *r = (hl_range_obj *)v;
    return (size_t)hl_range_len(r->start, r->stop, r->step);
}

static int range_eq(hl_runtime *rt, hl_value a, hl_value b)
{
    if (hl_range_is_big(a) || hl_range_is_big(b))
        return hl_range_big_eq(rt, a, b);
    hl_range_obj *x = (hl_range_obj *)a, *y = (hl_range_obj *)b;
    int64_t n = hl_range_len(x->start, x->stop, x->step);
    if (n != hl_range_len(y->start, y->stop, y->step))
        return 0;
    if (n == 0)
        return 1;
    if (x->start != y->start)
        return 0;
    return n == 1 || x->step == y->step;
}

/* x in r for an int or bool x, without listing r: within the bounds and on a step, as
 * CPython's range_contains_long. In 128 bits within int64: x - start may pass int64. */
int hl_range_contains(hl_runtime *rt, hl_value v, hl_value x)
{
    if (hl_range_is_big(v))
        return hl_range_big_contains(rt, v, x);
    if (!hl_int_fits_int64(x))
        return 0; /* a range within int64 holds no int beyond it */
    const hl_range_obj *r = (const hl_range_obj *)v;
    int64_t i = hl_int_get(x);
    bool inside = r->step > 0 ? i >= r->start && i < r->stop : i <= r->start && i > r->stop;
    return inside && ((__int128)i - r->start) % r->step == 0;
}

static int iter_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx);

static int range_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    if (hl_range_is_big(v)) {
        hl_value it = hl_iter(rt, v);
        return it ? iter_foreach(rt, it, fn, ctx) : -1;
    }
    hl_range_obj *r = (hl_range_obj *)v;
    int64_t n = hl_range_len(r->start, r->stop, r->step), x = r->start, step = r->step;
    hl_value iv = HL_NOVALUE; /* rooted: alive for the whole call, as hl_foreach_fn promises */
    hl_rt_root(rt, &v);
    hl_rt_root(rt, &iv);
    int res = 0;
    for (int64_t i = 0; i < n && res == 0; i++, x += step) {
        iv = hl_count_step(rt) ? HL_NOVALUE : hl_int_new(rt, x);
        res = iv ? fn(rt, iv, ctx) : -1;
    }
    hl_rt_unroot(rt, 2);
    return res < 0 ? -1 : 0;
}

static const hl_type_info range_type = {
    .name = "range",
    .size = range_size,
    .trace = range_trace,
    .repr = range_repr,
    .eq = range_eq,
    .foreach = range_foreach,
    .len = range_len,
};

hl_value hl_range_new(hl_runtime *rt, int64_t start, int64_t stop, int64_t step)
{
    hl_range_obj *r = (hl_range_obj *)hl_gc_new(rt, HL_T_RANGE, sizeof(hl_range_obj));
    if (!r)
        return HL_NOVALUE;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->big = HL_NOVALUE;
    return hl_val(r);
}

hl_value hl_range_new_big(hl_runtime *rt, hl_value bounds)
{
    if (!bounds)
        return HL_NOVALUE;
    hl_rt_root(rt, &bounds);
    hl_value r = hl_range_new(rt, 0, 0, 1);
    hl_rt_unroot(rt, 1);
    if (r)
        ((hl_range_obj *)r)->big = bounds; /* a new object: no barrier needed */
    return r;
}

/* ---------------------------------------------------------------- iterators */

static size_t iter_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_iter_obj);
}

static void iter_trace(hl_object *o, hl_tracer *t) { hl_trace_value(t, ((hl_iter_obj *)o)->source); }

/* CPython's iterator types, one per kind, and two more for a str of non-ASCII text and for
 * reversed() of anything but a list: the iterator type's variants. */
enum { STR_ITERATOR = HL_IT_BIG_ENUMERATE + 1, REVERSED };
static const char *const iter_names[] = {
    [HL_IT_LIST] = "list_iterator",       [HL_IT_TUPLE] = "tuple_iterator",
    [HL_IT_STR] = "str_ascii_iterator",   [HL_IT_RANGE] = "range_iterator",
    [HL_IT_DICT_KEYS] = "dict_keyiterator", [HL_IT_DICT_VALUES] = "dict_valueiterator",
    [HL_IT_DICT_ITEMS] = "dict_itemiterator", [HL_IT_SET] = "set_iterator",
    [HL_IT_REVERSED] = "list_reverseiterator", [HL_IT_ENUMERATE] = "enumerate",
    [HL_IT_ZIP] = "zip",                  [HL_IT_BIG_RANGE] = "longrange_iterator",
    [HL_IT_BIG_ENUMERATE] = "enumerate",  [STR_ITERATOR] = "str_iterator",
    [REVERSED] = "reversed",
};

static unsigned iter_variant(const hl_object *o)
{
    const hl_iter_obj *it = (const hl_iter_obj *)o;
    unsigned kind = it->kind;
    if (kind == HL_IT_STR && !(hl_obj(it->source)->flags & HL_OBJ_ASCII))
        kind = STR_ITERATOR;
    else if (kind == HL_IT_REVERSED && !hl_is_list(it->source))
        kind = REVERSED;
    return kind + 1;
}

static int iter_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    return hl_buf_printf(b, "<%s object at %#lx>", hl_typeof_name(v), (unsigned long)v);
}

static int iter_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    hl_rt_root(rt, &v);
    hl_value item = HL_NOVALUE;
    hl_rt_root(rt, &item);
    int r;
    while ((r = hl_iter_next(rt, v, &item)) == 1 && (r = fn(rt, item, ctx)) == 0)
        ;
    hl_rt_unroot(rt, 2);
    return r < 0 ? -1 : 0;
}

static const hl_type_info iter_type = {
    .name = "iterator",
    .size = iter_size,
    .trace = iter_trace,
    .repr = iter_repr,
    .foreach = iter_foreach,
    .variant_of = iter_variant,
    .variant_names = iter_names,
};

static hl_value iter_new(hl_runtime *rt, hl_iter_kind kind, hl_value source, int64_t index, int64_t end, int64_t step)
{
    hl_rt_root(rt, &source);
    hl_iter_obj *it = (hl_iter_obj *)hl_gc_new(rt, HL_T_ITERATOR, sizeof(hl_iter_obj));
    hl_rt_unroot(rt, 1);
    if (!it)
        return HL_NOVALUE;
    it->kind = (uint8_t)kind;
    it->source = source;
    it->index = index;
    it->end = end;
    it->step = step;
    return hl_val(it);
}

hl_value hl_iter(hl_runtime *rt, hl_value v)
{
    switch (hl_typeof(v)) {
    case HL_T_LIST: return iter_new(rt, HL_IT_LIST, v, 0, 0, 0);
    case HL_T_TUPLE: return iter_new(rt, HL_IT_TUPLE, v, 0, 0, 0);
    case HL_T_STR: return iter_new(rt, HL_IT_STR, v, 0, 0, 0);
    case HL_T_DICT: return iter_new(rt, HL_IT_DICT_KEYS, v, 0, (int64_t)hl_dict_size(v), 0);
    case HL_T_SET: return iter_new(rt, HL_IT_SET, v, 0, (int64_t)hl_set_size(v), 0);
    case HL_T_ITERATOR: return v;
    case HL_T_RANGE: {
        if (hl_range_is_big(v)) {
            hl_value counter = hl_range_big_counter(rt, v, false);
            return counter ? iter_new(rt, HL_IT_BIG_RANGE, counter, 0, 0, 0) : HL_NOVALUE;
        }
        hl_range_obj *r = (hl_range_obj *)v;
        int64_t n = hl_range_len(r->start, r->stop, r->step);
        /* index runs from start by step; end is the first value past the last one. */
        int64_t end = r->start + n * r->step;
        return iter_new(rt, HL_IT_RANGE, HL_NOVALUE, r->start, end, r->step);
    }
    case HL_T_DICT_VIEW: {
        hl_view_obj *view = (hl_view_obj *)v;
        hl_iter_kind k = view->kind == HL_VIEW_KEYS     ? HL_IT_DICT_KEYS
                         : view->kind == HL_VIEW_VALUES ? HL_IT_DICT_VALUES
                                                        : HL_IT_DICT_ITEMS;
        return iter_new(rt, k, view->dict, 0, (int64_t)hl_dict_size(view->dict), 0);
    }
    default:
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not iterable", hl_typeof_name(v));
        return HL_NOVALUE;
    }
}

hl_value hl_iter_reversed(hl_runtime *rt, hl_value v)
{
    switch (hl_typeof(v)) {
    case HL_T_LIST:
    case HL_T_TUPLE:
        return iter_new(rt, HL_IT_REVERSED, v, hl_len(rt, v) - 1, 0, 0);
    case HL_T_STR:
    case HL_T_DICT: {
        hl_value items = hl_lang_list_of(rt, v);
        return items ? iter_new(rt, HL_IT_REVERSED, items, (int64_t)hl_list_size(items) - 1, 0, 0) : HL_NOVALUE;
    }
    case HL_T_RANGE: {
        if (hl_range_is_big(v)) {
            hl_value counter = hl_range_big_counter(rt, v, true);
            return counter ? iter_new(rt, HL_IT_BIG_RANGE, counter, 0, 0, 0) : HL_NOVALUE;
        }
        hl_range_obj *r = (hl_range_obj *)v;
        int64_t n = hl_range_len(r->start, r->stop, r->step);
        int64_t last = r->start + (n - 1) * r->step;
        return iter_new(rt, HL_IT_RANGE, HL_NOVALUE, last, last - n * r->step, -r->step);
    }
    default:
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object is not reversible", hl_typeof_name(v));
        return HL_NOVALUE;
    }
}

hl_value hl_iter_enumerate(hl_runtime *rt, hl_value iterable, hl_value start)
{
    hl_value state[2] = {hl_iter(rt, iterable), start};
    if (!state[0])
        return HL_NOVALUE;
    if (hl_int_fits_int64(start) && hl_int_get(start) < INT64_MAX)
        return iter_new(rt, HL_IT_ENUMERATE, state[0], 0, 0, hl_int_get(start));
    hl_root_array(rt, state, 2); /* a big count: kept as an int, in a list with the iterator */
    hl_value list = hl_list_from(rt, state, 2);
    hl_unroot_array(rt);
    return list ? iter_new(rt, HL_IT_BIG_ENUMERATE, list, 0, 0, 0) : HL_NOVALUE;
}

hl_value hl_iter_zip(hl_runtime *rt, const hl_value *iterables, size_t n)
{
    hl_value its = hl_tuple_new(rt, NULL, n);
    if (!its)
        return HL_NOVALUE;
    hl_rt_root(rt, &its);
    for (size_t i = 0; i < n; i++) {
        hl_value it = hl_iter(rt, iterables[i]);
        if (!it) {
            hl_rt_unroot(rt, 1);
            if (hl_error_type(rt) == HL_EXC_TYPE_ERROR)
                hl_error_set(rt, HL_EXC_TYPE_ERROR, "zip argument #%zu must support iteration", i + 1);
            return HL_NOVALUE;
        }
        hl_tuple_init_item(rt, its, i, it);
    }
    hl_value z = iter_new(rt, HL_IT_ZIP, its, 0, 0, 0);
    hl_rt_unroot(rt, 1);
    return z;
}

/* The code point of a UTF-8 string starting at byte i: its size in bytes. */
static size_t utf8_char_size(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

static int changed_size(hl_runtime *rt, const char *what)
{
    return hl_error_set(rt, HL_EXC_RUNTIME_ERROR, "%s changed size during iteration", what);
}

int hl_iter_next(hl_runtime *rt, hl_value itv, hl_value *out)
{
    hl_iter_obj *it = (hl_iter_obj *)itv;
    hl_value src = it->source;
    switch ((hl_iter_kind)it->kind) {
    case HL_IT_LIST:
        if ((size_t)it->index >= hl_list_size(src))
            return 0;
        *out = hl_list_items(src)[it->index++];
        return 1;
    case HL_IT_TUPLE:
        if ((size_t)it->index >= hl_tuple_size(src))
            return 0;
        *out = hl_tuple_get(src, (size_t)it->index++);
        return 1;
    case HL_IT_STR: {
        if ((size_t)it->index >= hl_str_size(src))
            return 0;
        const char *p = hl_str_data(src) + it->index;
        size_t n = utf8_char_size((unsigned char)*p);
        hl_rt_root(rt, &itv);
        hl_value c = hl_str_new(rt, p, n);
        hl_rt_unroot(rt, 1);
        if (!c)
            return -1;
        it->index += (int64_t)n;
        *out = c;
        return 1;
    }
    case HL_IT_RANGE: {
        if (it->index == it->end)
            return 0;
        hl_value v = hl_count_step(rt) ? HL_NOVALUE : hl_int_new(rt, it->index);
        if (!v)
            return -1;
        it->index += it->step;
        *out = v;
        return 1;
    }
    case HL_IT_DICT_KEYS:
    case HL_IT_DICT_VALUES:
    case HL_IT_DICT_ITEMS: {
        if ((int64_t)hl_dict_size(src) != it->end) {
            it->end = -1; /* stays broken, as CPython's */
            return changed_size(rt, "dictionary");
        }
        size_t pos = (size_t)it->index;
        hl_value k, v;
        if (!hl_dict_next(src, &pos, &k, &v))
            return 0;
        it->index = (int64_t)pos;
        if (it->kind == HL_IT_DICT_ITEMS) {
            hl_value pair[2] = {k, v};
            hl_rt_root(rt, &itv);
            hl_value t = hl_tuple_new(rt, pair, 2);
            hl_rt_unroot(rt, 1);
            if (!t)
                return -1;
            *out = t;
        } else {
            *out = it->kind == HL_IT_DICT_KEYS ? k : v;
        }
        return 1;
    }
    case HL_IT_SET: {
        if ((int64_t)hl_set_size(src) != it->end) {
            it->end = -1;
            return changed_size(rt, "Set");
        }
        size_t pos = (size_t)it->index;
        if (!hl_set_next(src, &pos, out))
            return 0;
        it->index = (int64_t)pos;
        return 1;
    }
    case HL_IT_REVERSED: {
        size_t n = hl_is_list(src) ? hl_list_size(src) : hl_tuple_size(src);
        if (it->index < 0 || (size_t)it->index >= n) {
            it->index = -1;
            return 0;
        }
        *out = hl_is_list(src) ? hl_list_items(src)[it->index] : hl_tuple_get(src, (size_t)it->index);
        it->index--;
        return 1;
    }
    case HL_IT_BIG_RANGE:
        return hl_count_step(rt) ? -1 : hl_range_big_next(rt, src, out);
    case HL_IT_BIG_ENUMERATE: {
        hl_value v[3] = {hl_list_items(src)[1], HL_NOVALUE, HL_NOVALUE}; /* count, item, (count, item) */
        hl_root_array(rt, v, 3);
        hl_rt_root(rt, &itv);
        int r = hl_iter_next(rt, hl_list_items(src)[0], &v[1]);
        hl_value next = HL_NOVALUE;
        if (r == 1 && (!(v[2] = hl_tuple_new(rt, v, 2)) ||
                       !(next = hl_binary_op(rt, HL_OP_ADD, v[0], hl_int_new(rt, 1))) ||
                       hl_list_set(rt, src, 1, next)))
            r = -1;
        hl_rt_unroot(rt, 1);
        hl_unroot_array(rt);
        if (r == 1)
            *out = v[2];
        return r;
    }
    case HL_IT_ENUMERATE: {
        hl_value item;
        hl_rt_root(rt, &itv);
        int r = hl_iter_next(rt, src, &item);
        hl_value pair[2] = {HL_NOVALUE, item};
        if (r == 1) {
            hl_root_array(rt, pair, 2);
            pair[0] = hl_int_new(rt, it->step);
            hl_value t = pair[0] ? hl_tuple_new(rt, pair, 2) : HL_NOVALUE;
            hl_unroot_array(rt);
            if (t) {
                it->step++;
                *out = t;
            } else {
                r = -1;
            }
        }
        hl_rt_unroot(rt, 1);
        return r;
    }
    case HL_IT_ZIP: {
        size_t n = hl_tuple_size(src);
        if (n == 0)
            return 0;
        hl_rt_root(rt, &itv);
        hl_value t = hl_tuple_new(rt, NULL, n); /* Nones until filled */
        hl_rt_root(rt, &t);
        int r = t ? 1 : -1;
        for (size_t i = 0; i < n && r == 1; i++) {
            hl_value item;
            r = hl_iter_next(rt, hl_tuple_get(src, i), &item);
            if (r == 1)
                hl_tuple_init_item(rt, t, i, item);
        }
        hl_rt_unroot(rt, 2);
        if (r == 1)
            *out = t;
        return r;
    }
    }
    return 0;
}

hl_value hl_lang_list_of(hl_runtime *rt, hl_value v)
{
    if (hl_is_list(v))
        return hl_list_from(rt, hl_list_items(v), hl_list_size(v));
    if (hl_is_tuple(v))
        return hl_list_from(rt, hl_tuple_items(v), hl_tuple_size(v));
    hl_value it = hl_iter(rt, v);
    if (!it)
        return HL_NOVALUE;
    hl_rt_root(rt, &it);
    hl_value list = hl_list_new(rt, 0);
    hl_rt_root(rt, &list);
    hl_value item = HL_NOVALUE;
    int r = list ? 1 : -1;
    while (r == 1 && (r = hl_iter_next(rt, it, &item)) == 1)
        if (hl_list_append(rt, list, item))
            r = -1;
    hl_rt_unroot(rt, 2);
    return r < 0 ? HL_NOVALUE : list;
}

/* ---------------------------------------------------------------- dict views */

static size_t view_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_view_obj);
}

static void view_trace(hl_object *o, hl_tracer *t) { hl_trace_value(t, ((hl_view_obj *)o)->dict); }

static const char *const view_names[] = {"dict_keys", "dict_values", "dict_items"};

static unsigned view_variant(const hl_object *o) { return ((const hl_view_obj *)o)->kind + 1u; }

static int view_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    hl_view_obj *view = (hl_view_obj *)v;
    hl_value items = hl_lang_list_of(rt, v);
    if (!items)
        return -1;
    hl_rt_root(rt, &items);
    int r = hl_buf_printf(b, "%s(", view_names[view->kind]);
    if (r == 0)
        r = hl_repr_into(rt, items, b);
    if (r == 0)
        r = hl_buf_putc(b, ')');
    hl_rt_unroot(rt, 1);
    return r;
}

static size_t view_len(hl_value v) { return hl_dict_size(((hl_view_obj *)v)->dict); }

static int view_foreach(hl_runtime *rt, hl_value v, hl_foreach_fn fn, void *ctx)
{
    hl_value it = hl_iter(rt, v);
    return it ? iter_foreach(rt, it, fn, ctx) : -1;
}

static const hl_type_info view_type = {
    .name = "dict_keys",
    .size = view_size,
    .trace = view_trace,
    .repr = view_repr,
    .foreach = view_foreach,
    .len = view_len,
    .variant_of = view_variant,
    .variant_names = view_names,
};

hl_value hl_view_new(hl_runtime *rt, hl_value dict, hl_view_kind kind)
{
    hl_rt_root(rt, &dict);
    hl_view_obj *v = (hl_view_obj *)hl_gc_new(rt, HL_T_DICT_VIEW, sizeof(hl_view_obj));
    hl_rt_unroot(rt, 1);
    if (!v)
        return HL_NOVALUE;
    v->kind = (uint8_t)kind;
    v->dict = dict;
    return hl_val(v);
}

/* ---------------------------------------------------------------- names and registration */

void hl_iter_define_types(void)
{
    hl_type_define(HL_T_RANGE, &range_type);
    hl_type_define(HL_T_ITERATOR, &iter_type);
    hl_type_define(HL_T_DICT_VIEW, &view_type);
}
