/* The built-in modules: copy, gc, sys and heaplab. Each is a module object whose slots hold
 * built-in functions (and, for sys, argv), made on first import. */
#include <string.h>

#include "../type.h"
#include "builtins.h"
#include "code.h"
#include "heaplab/copy.h"
#include "heaplab/dict.h"
#include "heaplab/gc.h"
#include "heaplab/heap.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "modules.h"
#include "snapshots.h"
#include "vm.h"

/* ---------------------------------------------------------------- copy */

static hl_value copy_copy(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    return hl_args_simple(rt, "copy", n, kw, 1, 1) ? HL_NOVALUE : hl_copy(rt, a[0]);
}

/* deepcopy(x, memo=None): heaplab keeps its memo in the objects' headers, so a memo dict
 * from the caller cannot be honoured. */
static hl_value copy_deepcopy(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (hl_args_simple(rt, "deepcopy", n, kw, 1, 2))
        return HL_NOVALUE;
    if (n == 2 && a[1] != HL_NONE) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "deepcopy() with a memo argument is not supported by heaplab");
        return HL_NOVALUE;
    }
    return hl_deepcopy(rt, a[0]);
}

const hl_builtin hl_module_copy[] = {{"copy", copy_copy}, {"deepcopy", copy_deepcopy}, {NULL, NULL}};

/* ---------------------------------------------------------------- gc */

/* gc.collect(generation=2): as in CPython, 0 and 1 collect the young generation (a minor
 * collection: heaplab has one young generation), 2 everything. */
static hl_value gc_collect(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (hl_args_simple(rt, "collect", n, kw, 0, 1))
        return HL_NOVALUE;
    int64_t generation = 2;
    if (n && !(hl_is_int(a[0]) || hl_typeof(a[0]) == HL_T_BOOL)) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", hl_typeof_name(a[0]));
        return HL_NOVALUE;
    }
    if (n && hl_int_value(rt, a[0], &generation))
        return HL_NOVALUE;
    if (generation < 0 || generation > 2) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "invalid generation");
        return HL_NOVALUE;
    }
    return hl_int_new(rt, (int64_t)(generation < 2 ? hl_gc_collect_minor(rt) : hl_gc_collect(rt)));
}

static int dict_put(hl_runtime *rt, hl_value d, const char *key, int64_t value)
{
    hl_value k = hl_str_intern_cstr(rt, key);
    if (!k)
        return -1;
    HL_ROOT(rt, k);
    hl_value v = hl_int_new(rt, value);
    int r = v ? hl_dict_set(rt, d, k, v) : -1;
    HL_UNROOT(rt, 1);
    return r;
}

/* Three dicts like CPython's, one per generation: heaplab's minor collections (of its one
 * young generation) in the first, its major (full) ones in the third, as CPython counts a
 * full collection in its oldest generation; the second is zeros. Each has the collections,
 * the objects they freed, and 0 uncollectable (heaplab has no finalizers); the third has the
 * pauses' count, median, 99th percentile and longest too. */
static hl_value gc_get_stats(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    (void)a;
    if (hl_args_simple(rt, "get_stats", n, kw, 0, 0))
        return HL_NOVALUE;
    hl_gc_stats st;
    hl_gc_get_stats(rt, &st);
    hl_value list = hl_list_new(rt, 3);
    if (!list)
        return HL_NOVALUE;
    HL_ROOT(rt, list);
    int r = 0;
    for (int g = 0; g < 3 && r == 0; g++) {
        hl_value d = hl_dict_new(rt);
        r = d ? hl_list_append(rt, list, d) : -1;
        uint64_t collections = g == 0 ? st.minor_collections : g == 2 ? st.major_collections : 0;
        uint64_t collected = g == 0 ? st.minor_objects_freed : g == 2 ? st.major_objects_freed : 0;
        if (r == 0)
            r = dict_put(rt, d, "collections", (int64_t)collections);
        if (r == 0)
            r = dict_put(rt, d, "collected", (int64_t)collected);
        if (r == 0)
            r = dict_put(rt, d, "uncollectable", 0);
    }
    /* heaplab's own, after CPython's keys: every pause of the program's (a collection, a sweep
     * step, an incremental step) in the last dict, with the full collections. */
    hl_value last = r ? HL_NOVALUE : hl_list_items(list)[2];
    if (r == 0)
        r = dict_put(rt, last, "pauses", (int64_t)st.pauses);
    if (r == 0)
        r = dict_put(rt, last, "pause_p50_ns", (int64_t)st.pause_p50_ns);
    if (r == 0)
        r = dict_put(rt, last, "pause_p99_ns", (int64_t)st.pause_p99_ns);
    if (r == 0)
        r = dict_put(rt, last, "pause_max_ns", (int64_t)st.pause_max_ns);
    HL_UNROOT(rt, 1);
    return r ? HL_NOVALUE : list;
}

static hl_value gc_enable(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    (void)a;
    if (hl_args_simple(rt, "enable", n, kw, 0, 0))
        return HL_NOVALUE;
    hl_gc_pause(rt, 0);
    return HL_NONE;
}

static hl_value gc_disable(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    (void)a;
    if (hl_args_simple(rt, "disable", n, kw, 0, 0))
        return HL_NOVALUE;
    hl_gc_pause(rt, 1);
    return HL_NONE;
}

static hl_value gc_isenabled(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    (void)a;
    if (hl_args_simple(rt, "isenabled", n, kw, 0, 0))
        return HL_NOVALUE;
    int paused = hl_gc_pause(rt, 0);
    hl_gc_pause(rt, paused);
    return hl_bool(!paused);
}

const hl_builtin hl_module_gc[] = {
    {"collect", gc_collect}, {"get_stats", gc_get_stats}, {"enable", gc_enable},
    {"disable", gc_disable}, {"isenabled", gc_isenabled}, {NULL, NULL},
};

/* ---------------------------------------------------------------- sys */

static hl_value sys_intern(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (hl_args_simple(rt, "intern", n, kw, 1, 1))
        return HL_NOVALUE;
    if (!hl_is_str(a[0])) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "intern() argument must be str, not %s", hl_typeof_name(a[0]));
        return HL_NOVALUE;
    }
    return hl_str_intern(rt, a[0]);
}

/* heaplab's real size: the object's block and the buffers it owns; an immediate (small
 * int, None, bool) occupies no heap at all. */
static hl_value sys_getsizeof(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (hl_args_simple(rt, "getsizeof", n, kw, 1, 2))
        return HL_NOVALUE;
    size_t size = hl_is_ptr(a[0]) ? hl_object_total_size(hl_obj(a[0])) : 0;
    return hl_int_new(rt, (int64_t)size);
}

static hl_value sys_getrecursionlimit(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    (void)a;
    hl_lang *L = hl_lang_get(rt);
    if (!L || hl_args_simple(rt, "getrecursionlimit", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_int_new(rt, L->recursion_limit);
}

static hl_value sys_setrecursionlimit(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    hl_lang *L = hl_lang_get(rt);
    int64_t limit;
    if (!L || hl_args_simple(rt, "setrecursionlimit", n, kw, 1, 1) || hl_arg_index(rt, a[0], &limit))
        return HL_NOVALUE;
    if (limit < 1) {
        hl_error_set(rt, HL_EXC_VALUE_ERROR, "recursion limit must be greater or equal than 1");
        return HL_NOVALUE;
    }
    if ((size_t)limit <= L->nframes) {
        hl_error_set(rt, HL_EXC_RECURSION_ERROR,
                     "cannot set the recursion limit to %lld at the recursion depth %zu: the limit is too low",
                     (long long)limit, L->nframes);
        return HL_NOVALUE;
    }
    L->recursion_limit = limit > 1000000 ? 1000000 : (unsigned)limit;
    return HL_NONE;
}

static hl_value sys_get_int_max_str_digits(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    (void)a;
    if (hl_args_simple(rt, "get_int_max_str_digits", n, kw, 0, 0))
        return HL_NOVALUE;
    return hl_int_new(rt, hl_int_get_max_str_digits(rt));
}

static hl_value sys_set_int_max_str_digits(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    int64_t digits;
    if (hl_args_simple(rt, "set_int_max_str_digits", n, kw, 1, 1) || hl_arg_index(rt, a[0], &digits))
        return HL_NOVALUE;
    return hl_int_set_max_str_digits(rt, digits) ? HL_NOVALUE : HL_NONE;
}

const hl_builtin hl_module_sys[] = {
    {"intern", sys_intern},
    {"getsizeof", sys_getsizeof},
    {"getrecursionlimit", sys_getrecursionlimit},
    {"setrecursionlimit", sys_setrecursionlimit},
    {"get_int_max_str_digits", sys_get_int_max_str_digits},
    {"set_int_max_str_digits", sys_set_int_max_str_digits},
    {NULL, NULL},
};

/* ---------------------------------------------------------------- heaplab */

/* heaplab.stats(): live objects by type, then the collector's figures, the heap's (bytes
 * requested and held, allocation counts) and the backend's own (bytes mapped from the OS,
 * active and allocated, where the allocator reports them; 0 where it does not). */
static hl_value heaplab_stats(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    (void)a;
    if (hl_args_simple(rt, "stats", n, kw, 0, 0))
        return HL_NOVALUE;
    hl_value d = hl_dict_new(rt);
    if (!d)
        return HL_NOVALUE;
    HL_ROOT(rt, d);
    hl_value objects = hl_dict_new(rt);
    HL_ROOT(rt, objects);
    int r = objects ? 0 : -1;
    for (int t = 0; t < HL_T__COUNT && r == 0; t++) {
        size_t count = hl_heap_count(rt, (hl_type)t);
        if (count)
            r = dict_put(rt, objects, hl_type_name((hl_type)t), (int64_t)count);
    }
    hl_gc_stats gs;
    hl_heap_stats hs;
    hl_gc_get_stats(rt, &gs);
    hl_heap_get_stats(rt, &hs);
    hl_value key = r ? HL_NOVALUE : hl_str_intern_cstr(rt, "objects");
    if (!key || hl_dict_set(rt, d, key, objects))
        r = -1;
    const struct {
        const char *name;
        int64_t value;
    } figures[] = {
        {"live_objects", (int64_t)gs.live_objects},
        {"live_bytes", (int64_t)gs.live_bytes},
        {"collections", (int64_t)gs.collections},
        {"minor_collections", (int64_t)gs.minor_collections},
        {"major_collections", (int64_t)gs.major_collections},
        {"old_objects", (int64_t)gs.old_objects},
        {"objects_promoted", (int64_t)gs.objects_promoted},
        {"objects_pretenured", (int64_t)gs.objects_pretenured},
        {"remembered", (int64_t)gs.remembered},
        {"pauses", (int64_t)gs.pauses},
        {"pause_p50_ns", (int64_t)gs.pause_p50_ns},
        {"pause_p99_ns", (int64_t)gs.pause_p99_ns},
        {"pause_max_ns", (int64_t)gs.pause_max_ns},
        {"mark_steps", (int64_t)gs.mark_steps},
        {"sweep_steps", (int64_t)gs.sweep_steps},
        {"objects_allocated", (int64_t)gs.objects_allocated},
        {"objects_freed", (int64_t)gs.objects_freed},
        {"bytes_requested", (int64_t)hs.requested},
        {"bytes_held", (int64_t)hs.held},
        {"peak_held", (int64_t)hs.peak_held},
        {"allocations", (int64_t)hs.allocs},
        {"frees", (int64_t)hs.frees},
        {"backend_mapped", (int64_t)hs.own.mapped},
        {"backend_active", (int64_t)hs.own.active},
        {"backend_allocated", (int64_t)hs.own.allocated},
    };
    for (size_t i = 0; i < sizeof figures / sizeof *figures && r == 0; i++)
        r = dict_put(rt, d, figures[i].name, figures[i].value);
    hl_value backend = r ? HL_NOVALUE : hl_str_from_cstr(rt, hs.backend);
    HL_ROOT(rt, backend);
    key = backend ? hl_str_intern_cstr(rt, "backend") : HL_NOVALUE;
    if (!key || hl_dict_set(rt, d, key, backend))
        r = -1;
    HL_UNROOT(rt, 3);
    return r ? HL_NOVALUE : d;
}

/* heaplab.snapshot(label=None): a picture of the variables now, handed to the embedder's
 * snapshot handler (the heaplab command's --snapshots DIR); nothing without one. */
static hl_value heaplab_snapshot(hl_runtime *rt, const hl_value *a, size_t n, hl_value kw)
{
    if (hl_args_simple(rt, "snapshot", n, kw, 0, 1))
        return HL_NOVALUE;
    hl_value label = n ? a[0] : HL_NONE;
    if (label != HL_NONE && !hl_is_str(label)) {
        hl_error_set(rt, HL_EXC_TYPE_ERROR, "snapshot() argument must be str or None, not %s",
                     hl_typeof_name(label));
        return HL_NOVALUE;
    }
    return hl_lang_take_snapshot(rt, label == HL_NONE ? "" : hl_str_data(label)) ? HL_NOVALUE : HL_NONE;
}

const hl_builtin hl_module_heaplab[] = {{"stats", heaplab_stats}, {"snapshot", heaplab_snapshot}, {NULL, NULL}};

/* ---------------------------------------------------------------- import */

static hl_value make_module(hl_runtime *rt, unsigned group, const char *name)
{
    hl_value m = hl_module_new(rt, name);
    if (!m)
        return HL_NOVALUE;
    HL_ROOT(rt, m);
    int r = 0;
    for (size_t i = 0, n = hl_builtin_group_count(group); i < n && r == 0; i++)
        r = hl_module_set(rt, m, hl_builtin_groups[group].entries[i].name, hl_builtin_value(group, (unsigned)i));
    hl_value name_str = r ? HL_NOVALUE : hl_str_intern_cstr(rt, name);
    if (!name_str || hl_module_set(rt, m, "__name__", name_str))
        r = -1;
    if (r == 0 && group == HL_BG_SYS) {
        hl_lang *L = hl_lang_get(rt);
        r = L ? hl_module_set(rt, m, "argv", L->argv) : -1;
        hl_value maxsize = r ? HL_NOVALUE : hl_int_new(rt, INT64_MAX); /* 9223372036854775807 */
        if (!maxsize || hl_module_set(rt, m, "maxsize", maxsize))
            r = -1;
    }
    HL_UNROOT(rt, 1);
    return r ? HL_NOVALUE : m;
}

hl_value hl_lang_import(hl_runtime *rt, hl_value name)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return HL_NOVALUE;
    hl_value m;
    int r = hl_dict_lookup(rt, L->modules, name, &m);
    if (r)
        return r < 0 ? HL_NOVALUE : m;
    for (unsigned g = 0; g < HL_BG__COUNT; g++) {
        const char *mod = hl_builtin_groups[g].module;
        if (mod && hl_str_eq_cstr(name, mod)) {
            HL_ROOT(rt, name);
            m = make_module(rt, g, mod);
            HL_ROOT(rt, m);
            if (m && hl_dict_set(rt, L->modules, name, m))
                m = HL_NOVALUE;
            HL_UNROOT(rt, 2);
            return m;
        }
    }
    hl_error_set(rt, HL_EXC_MODULE_NOT_FOUND_ERROR, "No module named '%s'", hl_str_data(name));
    return HL_NOVALUE;
}
