/* The front end's per-runtime state: made on first use, traced as a root source, released
 * with the runtime. */
#include <string.h>

#include "../type.h"
#include "builtins.h"
#include "heaplab/dict.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "vm.h"

#define INITIAL_STACK 4096 /* values; the stack doubles as calls nest */

void hl_lang_define_types(void)
{
    static bool done;
    if (done)
        return;
    hl_code_define_type();
    hl_function_define_type();
    hl_module_define_type();
    hl_builtin_define_types();
    done = true;
}

static void trace_state(hl_runtime *rt, hl_tracer *t, void *data)
{
    (void)rt;
    hl_lang *L = data;
    hl_trace_values(t, L->stack, L->sp);
    hl_trace_value(t, L->main_module);
    hl_trace_value(t, L->modules);
    hl_trace_value(t, L->builtins);
    hl_trace_values(t, L->methods, HL_T__COUNT);
    hl_trace_value(t, L->argv);
    hl_trace_value(t, L->filename);
}

static void free_state(hl_runtime *rt, void *ext)
{
    hl_lang *L = ext;
    hl_gc_remove_root_source(rt, trace_state, L);
    hl_heap_free(rt, L->stack, L->stack_cap * sizeof(hl_value));
    for (size_t i = 0; i < L->nretired; i++)
        hl_heap_free(rt, L->retired[i], L->retired_caps[i] * sizeof(hl_value));
    hl_heap_free(rt, L->retired, L->nretired * sizeof(void *));
    hl_heap_free(rt, L->retired_caps, L->nretired * sizeof(size_t));
    hl_heap_free(rt, L->frames, L->frames_cap * sizeof(hl_frame));
    hl_heap_free(rt, L->source, L->source_size + 1);
    hl_heap_free(rt, L, sizeof *L);
}

/* name -> value for each entry of a group, into the dict at *slot (made here). */
static int fill_group(hl_runtime *rt, hl_value *slot, unsigned group)
{
    if (!*slot && !(*slot = hl_dict_new(rt)))
        return -1;
    const hl_builtin_table *g = &hl_builtin_groups[group];
    for (size_t i = 0, n = hl_builtin_group_count(group); i < n; i++) {
        hl_value name = hl_str_intern_cstr(rt, g->entries[i].name);
        if (!name || hl_dict_set(rt, *slot, name, hl_builtin_value(group, (unsigned)i)))
            return -1;
    }
    return 0;
}

/* The type objects reachable by name, as CPython's builtins module has them. */
static const struct {
    const char *name;
    hl_type type;
} builtin_types[] = {
    {"int", HL_T_INT},     {"float", HL_T_FLOAT}, {"str", HL_T_STR},   {"bool", HL_T_BOOL},
    {"list", HL_T_LIST},   {"tuple", HL_T_TUPLE}, {"dict", HL_T_DICT}, {"set", HL_T_SET},
    {"range", HL_T_RANGE}, {"type", HL_T_TYPE},
};

static int fill_tables(hl_runtime *rt, hl_lang *L)
{
    if (fill_group(rt, &L->builtins, HL_BG_FUNCTIONS))
        return -1;
    for (size_t i = 0; i < sizeof builtin_types / sizeof *builtin_types; i++) {
        hl_value name = hl_str_intern_cstr(rt, builtin_types[i].name);
        if (!name || hl_dict_set(rt, L->builtins, name, hl_type_value(builtin_types[i].type)))
            return -1;
    }
    for (unsigned g = 0; g < HL_BG__COUNT; g++) {
        hl_type owner = hl_builtin_groups[g].owner;
        if (owner != HL_T__COUNT && fill_group(rt, &L->methods[owner], g))
            return -1;
    }
    L->methods[HL_T_BOOL] = L->methods[HL_T_INT]; /* bool is an int: True.bit_length() */
    if (!(L->modules = hl_dict_new(rt)) || !(L->argv = hl_list_new(rt, 0)))
        return -1;
    if (!(L->main_module = hl_module_new(rt, "__main__")))
        return -1;
    hl_value s = hl_str_intern_cstr(rt, "__main__");
    return s ? hl_module_set(rt, L->main_module, "__name__", s) : -1;
}

hl_lang *hl_lang_get(hl_runtime *rt)
{
    if (rt->ext)
        return rt->ext;
    hl_lang_define_types();
    /* A ROOT block: Boehm scans it for the values it holds. */
    hl_lang *L = hl_heap_alloc(rt, sizeof *L, HL_BLOCK_ROOT);
    if (!L) {
        hl_error_nomem(rt);
        return NULL;
    }
    memset(L, 0, sizeof *L);
    L->rt = rt;
    L->recursion_limit = HL_DEFAULT_RECURSION_LIMIT;
    L->stack = hl_heap_alloc(rt, INITIAL_STACK * sizeof(hl_value), HL_BLOCK_ROOT);
    if (!L->stack || hl_gc_add_root_source(rt, trace_state, L)) {
        hl_heap_free(rt, L->stack, INITIAL_STACK * sizeof(hl_value));
        hl_heap_free(rt, L, sizeof *L);
        hl_error_nomem(rt);
        return NULL;
    }
    memset(L->stack, 0, INITIAL_STACK * sizeof(hl_value));
    L->stack_cap = INITIAL_STACK;
    hl_runtime_set_ext(rt, L, free_state);
    if (fill_tables(rt, L)) {
        hl_runtime_set_ext(rt, NULL, NULL);
        free_state(rt, L);
        hl_error_nomem(rt);
        return NULL;
    }
    return L;
}
