/* Roots: the root stack (addresses of C locals), rooted C arrays, pinned values and root
 * sources, which the mark phase (gc_mark.c) starts from. */
#include <string.h>

#include "rt.h"

void hl_root_push(hl_runtime *rt, hl_value *slot)
{
    if (rt->roots_lost == 0 && rt->nroots == rt->roots_capacity) {
        size_t cap = rt->roots_capacity * 2;
        hl_value **r = hl_heap_realloc(rt, rt->roots, rt->roots_capacity * sizeof *r, cap * sizeof *r,
                                       HL_BLOCK_INTERNAL);
        if (r) {
            rt->roots = r;
            rt->roots_capacity = cap;
        }
    }
    if (rt->roots_lost == 0 && rt->nroots < rt->roots_capacity)
        rt->roots[rt->nroots++] = slot;
    else
        rt->roots_lost++; /* pops stay balanced; allocations fail until this one is popped */
}

void hl_root_pop(hl_runtime *rt, size_t n)
{
    size_t lost = n < rt->roots_lost ? n : rt->roots_lost;
    rt->roots_lost -= lost;
    n -= lost;
    rt->nroots = n <= rt->nroots ? rt->nroots - n : 0;
}

size_t hl_root_depth(const hl_runtime *rt) { return rt->nroots + rt->roots_lost; }

void hl_root_restore(hl_runtime *rt, size_t depth)
{
    size_t now = hl_root_depth(rt);
    if (depth < now)
        hl_root_pop(rt, now - depth);
}

void hl_root_array(hl_runtime *rt, const hl_value *values, size_t n)
{
    if (rt->root_arrays_lost == 0 && rt->nroot_arrays < HL_MAX_ROOT_ARRAYS)
        rt->root_arrays[rt->nroot_arrays++] = (hl_root_array_entry){values, n};
    else
        rt->root_arrays_lost++;
}

void hl_unroot_array(hl_runtime *rt)
{
    if (rt->root_arrays_lost)
        rt->root_arrays_lost--;
    else if (rt->nroot_arrays)
        rt->nroot_arrays--;
}

int hl_pin(hl_runtime *rt, hl_value v)
{
    if (hl_arg_missing(rt, v, __func__))
        return -1;
    if (rt->npins == rt->pins_capacity) {
        size_t cap = rt->pins_capacity ? rt->pins_capacity * 2 : 16;
        hl_value *p = hl_heap_realloc(rt, rt->pins, rt->pins_capacity * sizeof *p, cap * sizeof *p,
                                      HL_BLOCK_ROOT);
        if (!p)
            return hl_error_nomem(rt);
        rt->pins = p;
        rt->pins_capacity = cap;
    }
    rt->pins[rt->npins++] = v;
    return 0;
}

void hl_unpin(hl_runtime *rt, hl_value v)
{
    for (size_t i = rt->npins; i-- > 0;) {
        if (rt->pins[i] == v) {
            memmove(&rt->pins[i], &rt->pins[i + 1], (rt->npins - i - 1) * sizeof *rt->pins);
            rt->npins--;
            return;
        }
    }
}

int hl_gc_add_root_source(hl_runtime *rt, hl_root_source fn, void *data)
{
    if (!fn)
        return hl_error_set(rt, HL_EXC_TYPE_ERROR, "%s: no function", __func__);
    if (rt->nsources == rt->sources_capacity) {
        size_t cap = rt->sources_capacity ? rt->sources_capacity * 2 : 4;
        hl_root_source_entry *s = hl_heap_realloc(rt, rt->sources, rt->sources_capacity * sizeof *s,
                                                  cap * sizeof *s, HL_BLOCK_INTERNAL);
        if (!s)
            return hl_error_nomem(rt);
        rt->sources = s;
        rt->sources_capacity = cap;
    }
    rt->sources[rt->nsources++] = (hl_root_source_entry){fn, data};
    return 0;
}

void hl_gc_remove_root_source(hl_runtime *rt, hl_root_source fn, void *data)
{
    for (size_t i = 0; i < rt->nsources; i++) {
        if (rt->sources[i].fn == fn && rt->sources[i].data == data) {
            memmove(&rt->sources[i], &rt->sources[i + 1], (rt->nsources - i - 1) * sizeof *rt->sources);
            rt->nsources--;
            return;
        }
    }
}
