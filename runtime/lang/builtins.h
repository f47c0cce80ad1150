/* lang/builtins.h: built-in functions, methods and module functions, and the small object
 * types they return (range, iterators, dict views, bound methods).
 *
 * Every built-in is an entry of one of the groups below, and its value is the immediate
 * HL_IMM(HL_IMM_BUILTIN, group << 8 | index): calling one costs no allocation. A method's
 * args[0] is its receiver, so `xs.append(1)` calls the entry with the stack slots
 * [xs, 1] in place, and `list.append(xs, 1)` works the same way. */
#ifndef HEAPLAB_LANG_BUILTINS_H
#define HEAPLAB_LANG_BUILTINS_H

#include <stdbool.h>
#include <stddef.h>

#include "../buf.h"
#include "../rt.h"

/* nargs counts every argument; the last len(kwnames) are keyword values (kwnames a tuple
 * of str, or HL_NOVALUE). */
typedef hl_value (*hl_builtin_fn)(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);

typedef struct hl_builtin {
    const char *name;
    hl_builtin_fn fn;
} hl_builtin;

typedef enum hl_builtin_group {
    HL_BG_FUNCTIONS, /* print, len, ... (types such as list are HL_IMM_TYPE values) */
    HL_BG_LIST,
    HL_BG_TUPLE,
    HL_BG_DICT,
    HL_BG_SET,
    HL_BG_STR,
    HL_BG_INT,
    HL_BG_COPY,
    HL_BG_GC,
    HL_BG_SYS,
    HL_BG_HEAPLAB,
    HL_BG__COUNT
} hl_builtin_group;

/* Each group's entries end with a {NULL, NULL} entry. */
typedef struct hl_builtin_table {
    const hl_builtin *entries;
    hl_type owner;      /* receiver type for method groups; HL_T__COUNT otherwise */
    const char *module; /* module of a module group, else NULL */
} hl_builtin_table;

extern const hl_builtin_table hl_builtin_groups[HL_BG__COUNT];
extern const hl_builtin hl_builtins_functions[], hl_methods_list[], hl_methods_tuple[],
    hl_methods_dict[], hl_methods_set[], hl_methods_str[], hl_methods_int[], hl_module_copy[], hl_module_gc[],
    hl_module_sys[], hl_module_heaplab[];
size_t hl_builtin_group_count(unsigned group);

static inline hl_value hl_builtin_value(unsigned group, unsigned index)
{
    return HL_IMM(HL_IMM_BUILTIN, group << 8 | index);
}
static inline bool hl_is_builtin(hl_value v) { return hl_is_imm(v) && hl_imm_kind(v) == HL_IMM_BUILTIN; }
const hl_builtin *hl_builtin_of(hl_value v, const hl_builtin_table **table);

/* Call a built-in function or a type (a constructor). */
hl_value hl_builtin_call(hl_runtime *rt, hl_value callee, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_type_call(hl_runtime *rt, hl_value type, const hl_value *args, size_t nargs, hl_value kwnames);

/* ---- argument checking, with CPython's messages ---- */
/* No keywords allowed: "len() takes no keyword arguments". */
int hl_args_no_kw(hl_runtime *rt, const char *fname, hl_value kwnames);
/* min..max positional arguments: "len() takes exactly one argument (2 given)". */
int hl_args_count(hl_runtime *rt, const char *fname, size_t n, size_t min, size_t max);
/* The keyword argument called name, or HL_NOVALUE. Unknown keywords other than those in
 * allowed (NULL-terminated) raise "'x' is an invalid keyword argument for f()". */
int hl_args_kw(hl_runtime *rt, const char *fname, const hl_value *args, size_t nargs, hl_value kwnames,
               const char *const *allowed, hl_value *out);
/* Both of the above: no keywords, min..max arguments (a method passes nargs - 1: its
 * receiver does not count). */
int hl_args_simple(hl_runtime *rt, const char *fname, size_t n, hl_value kwnames, size_t min, size_t max);
/* None for success (0), HL_NOVALUE for failure: what a method returning None gives back. */
static inline hl_value hl_none_or_fail(int r) { return r ? HL_NOVALUE : HL_NONE; }
/* The UTF-8 bytes of code point c (at most 4, into out); their count. */
size_t hl_utf8_encode(uint32_t c, char *out);

/* An int argument (bool accepted): TypeError "'float' object cannot be interpreted as an
 * integer". */
int hl_arg_index(hl_runtime *rt, hl_value v, int64_t *out);

/* ---- iteration, for built-ins and the VM ---- */
/* An iterator over v: TypeError "'int' object is not iterable". */
hl_value hl_iter(hl_runtime *rt, hl_value v);
/* reversed(v), enumerate(iterable, start), zip(*iterables). */
hl_value hl_iter_reversed(hl_runtime *rt, hl_value v);
hl_value hl_iter_enumerate(hl_runtime *rt, hl_value iterable, hl_value start);
hl_value hl_iter_zip(hl_runtime *rt, const hl_value *iterables, size_t n);
/* The next item: 1 with *out set, 0 at the end, -1 on error. An item of a range is a step
 * of the work budget (rt.h: hl_count_step), so that a built-in looping over range(10**18)
 * stops at the step limit; a for loop counts its own iterations and takes a range's items
 * without this (but those that zip and enumerate draw from a range count). */
int hl_iter_next(hl_runtime *rt, hl_value it, hl_value *out);
/* A new list of iterable's items (any iterable, the front end's included). */
hl_value hl_lang_list_of(hl_runtime *rt, hl_value iterable);

/* range objects, for the VM's fast loop. */
typedef struct hl_range_obj {
    hl_object h;
    int64_t start, stop, step;
    hl_value big; /* a range past int64: the tuple (start, stop, step, length); else HL_NOVALUE */
} hl_range_obj;
hl_value hl_range_new(hl_runtime *rt, int64_t start, int64_t stop, int64_t step);
/* x in r for an int or bool x, without listing r (iter.c): 1, 0, or -1 with an exception. */
int hl_range_contains(hl_runtime *rt, hl_value r, hl_value x);
/* The length of range(start, stop, step), negative past INT64_MAX; inline, for range_big.c
 * below iter.c too. */
static inline int64_t hl_range_len(int64_t start, int64_t stop, int64_t step)
{
    if (step > 0 && start < stop)
        return (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1);
    if (step < 0 && start > stop)
        return (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1);
    return 0;
}
static inline bool hl_range_is_big(hl_value r) { return ((hl_range_obj *)r)->big != HL_NOVALUE; }
/* Can range(start, stop, step) live in int64: its length, and the value past its last? */
static inline bool hl_range_fits_int64(int64_t start, int64_t stop, int64_t step)
{
    int64_t n = hl_range_len(start, stop, step), end;
    return n >= 0 && !__builtin_mul_overflow(n, step, &end) && !__builtin_add_overflow(start, end, &end);
}

/* A range past int64 (iter.c), from hl_range_big_bounds's tuple (start, stop, step, length). */
hl_value hl_range_new_big(hl_runtime *rt, hl_value bounds);

/* Ranges past int64 (range_big.c). */
hl_value hl_range_big_bounds(hl_runtime *rt, hl_value start, hl_value stop, hl_value step);
int hl_range_big_repr(hl_runtime *rt, hl_value v, hl_buf *b);
hl_value hl_range_big_len(hl_runtime *rt, hl_value v);
int hl_range_big_eq(hl_runtime *rt, hl_value a, hl_value b);
hl_value hl_range_big_item(hl_runtime *rt, hl_value v, hl_value i);
int hl_range_big_contains(hl_runtime *rt, hl_value v, hl_value x);
/* r[p[0]:p[1]:p[2]] for any range r (each part an int, a bool or None, the step not 0: ops.c
 * checks them as for any slice): a range, as CPython's compute_slice makes it. */
hl_value hl_range_slice(hl_runtime *rt, hl_value r, const hl_value *p);
/* An iterator's state over a big range, first to last (or last to first); its next value. */
hl_value hl_range_big_counter(hl_runtime *rt, hl_value v, bool reversed);
int hl_range_big_next(hl_runtime *rt, hl_value counter, hl_value *out);

typedef enum hl_iter_kind {
    HL_IT_LIST, HL_IT_TUPLE, HL_IT_STR, HL_IT_RANGE, HL_IT_DICT_KEYS, HL_IT_DICT_VALUES,
    HL_IT_DICT_ITEMS, HL_IT_SET, HL_IT_REVERSED, HL_IT_ENUMERATE, HL_IT_ZIP,
    HL_IT_BIG_RANGE,     /* source: hl_range_big_counter's state */
    HL_IT_BIG_ENUMERATE  /* source: a list [inner iterator, next count] */
} hl_iter_kind;

typedef struct hl_iter_obj {
    hl_object h;
    uint8_t kind;     /* hl_iter_kind */
    hl_value source;  /* what is iterated (enumerate: the inner iterator; zip: a tuple of them) */
    int64_t index;    /* position (range: the next value) */
    int64_t end;      /* range: stop; dict and set: the size when iteration began */
    int64_t step;     /* range: step; enumerate: the next count */
} hl_iter_obj;

/* Dict views (`d.keys()`): live views of a dict. */
typedef enum hl_view_kind { HL_VIEW_KEYS, HL_VIEW_VALUES, HL_VIEW_ITEMS } hl_view_kind;
typedef struct hl_view_obj {
    hl_object h;
    uint8_t kind;
    hl_value dict;
} hl_view_obj;
hl_value hl_view_new(hl_runtime *rt, hl_value dict, hl_view_kind kind);

/* Bound methods as values (`f = xs.append`): receiver and built-in method. */
typedef struct hl_method_obj {
    hl_object h;
    hl_value self;
    hl_value method;
} hl_method_obj;
hl_value hl_method_new(hl_runtime *rt, hl_value self, hl_value method);

/* Attribute lookup on any value: methods of built-in types, a module's names,
 * `__name__` of types, functions and built-ins. AttributeError with CPython's message. */
hl_value hl_getattr(hl_runtime *rt, hl_value obj, hl_value name);

/* list.sort and sorted(): sort the list items in place by key= (None or HL_NOVALUE: none)
 * and reverse= (HL_NOVALUE: False). 0 or -1. */
int hl_lang_sort(hl_runtime *rt, hl_value items, hl_value key, hl_value reverse);

/* format(v, spec), as f-strings use it; str(v) when spec is empty. */
hl_value hl_format(hl_runtime *rt, hl_value v, hl_value spec);
/* An f-string field: conversion conv (0, 'r', 's', 'a'), then format spec (or HL_NOVALUE):
 * format(repr(v), spec) and the like (format.c). */
hl_value hl_format_value(hl_runtime *rt, hl_value v, unsigned conv, hl_value spec);

/* str.format(*args, **kwargs) with args[0] the template, and `fmt % args` (format_str.c). */
hl_value hl_str_format_method(hl_runtime *rt, const hl_value *args, size_t nargs, hl_value kwnames);
hl_value hl_str_percent(hl_runtime *rt, hl_value fmt, hl_value args);

/* Register the types of iter.c (range, iterator, dict view) and of callable.c (built-in
 * functions' repr, bound methods). */
void hl_iter_define_types(void);
void hl_builtin_define_types(void);

#endif
