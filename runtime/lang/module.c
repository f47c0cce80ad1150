/* Modules: named slots. The compiler turns a global name into a slot number once, so the
 * VM reads a global with one array access; each slot also remembers the built-in of its
 * name, the fallback when the slot is unset. */
#include <string.h>

#include "../type.h"
#include "builtins.h"
#include "code.h"
#include "heaplab/dict.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "vm.h"

static size_t module_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_module);
}

static size_t module_owned_size(const hl_object *o) { return 2 * ((const hl_module *)o)->capacity * sizeof(hl_value); }

static void module_trace(hl_object *o, hl_tracer *t)
{
    hl_module *m = (hl_module *)o;
    hl_trace_value(t, m->name);
    hl_trace_value(t, m->index);
    hl_trace_value(t, m->names);
    hl_trace_range(t, m->slots, m->nslots, 1);
    hl_trace_range(t, m->builtins, m->nslots, 1);
}

static void module_release(hl_runtime *rt, hl_object *o)
{
    hl_module *m = (hl_module *)o;
    hl_gc_buffer_free(rt, m->slots, m->capacity * sizeof(hl_value));
    hl_gc_buffer_free(rt, m->builtins, m->capacity * sizeof(hl_value));
}

static int module_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    const char *name = hl_str_data(hl_as_module(v)->name);
    if (strcmp(name, "__main__") == 0)
        return hl_buf_puts(b, "<module '__main__'>");
    return hl_buf_printf(b, "<module '%s' (built-in)>", name);
}

static const hl_type_info module_type = {
    .name = "module",
    .size = module_size,
    .owned_size = module_owned_size,
    .trace = module_trace,
    .release = module_release,
    .repr = module_repr,
};

void hl_module_define_type(void) { hl_type_define(HL_T_MODULE, &module_type); }

hl_value hl_module_new(hl_runtime *rt, const char *name)
{
    hl_value s = hl_str_intern_cstr(rt, name);
    if (!s)
        return HL_NOVALUE;
    HL_ROOT(rt, s);
    hl_module *m = (hl_module *)hl_gc_new(rt, HL_T_MODULE, sizeof(hl_module));
    hl_value mv = hl_val(m);
    if (m) {
        m->name = s;
        m->index = m->names = HL_NOVALUE;
        m->slots = m->builtins = NULL;
        m->nslots = m->capacity = 0;
        HL_ROOT(rt, mv);
        m->index = hl_dict_new(rt);
        hl_gc_write(rt, &m->h); /* m may have grown old while the dict was made */
        if (m->index)
            m->names = hl_list_new(rt, 0);
        hl_gc_write(rt, &m->h);
        if (!m->names)
            mv = HL_NOVALUE;
        HL_UNROOT(rt, 1);
    }
    HL_UNROOT(rt, 1);
    return mv;
}

static int grow(hl_runtime *rt, hl_module *m)
{
    size_t cap = m->capacity ? m->capacity * 2 : 16;
    hl_value *slots = hl_gc_buffer_alloc(rt, cap * sizeof(hl_value), HL_BLOCK_REFS);
    if (!slots)
        return -1;
    hl_value *builtins = hl_gc_buffer_alloc(rt, cap * sizeof(hl_value), HL_BLOCK_REFS);
    if (!builtins) {
        hl_gc_buffer_free(rt, slots, cap * sizeof(hl_value));
        return -1;
    }
    memset(slots, 0, cap * sizeof(hl_value));
    memset(builtins, 0, cap * sizeof(hl_value));
    if (m->nslots) {
        memcpy(slots, m->slots, m->nslots * sizeof(hl_value));
        memcpy(builtins, m->builtins, m->nslots * sizeof(hl_value));
    }
    hl_gc_buffer_free(rt, m->slots, m->capacity * sizeof(hl_value));
    hl_gc_buffer_free(rt, m->builtins, m->capacity * sizeof(hl_value));
    m->slots = slots;
    m->builtins = builtins;
    m->capacity = cap;
    return 0;
}

int64_t hl_module_slot(hl_runtime *rt, hl_value module, hl_value name)
{
    hl_module *m = hl_as_module(module);
    hl_value found;
    int r = hl_dict_lookup(rt, m->index, name, &found);
    if (r < 0)
        return -1;
    if (r)
        return hl_smallint_value(found);
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return -1;
    hl_value builtin = HL_NOVALUE;
    if (hl_dict_lookup(rt, L->builtins, name, &builtin) < 0)
        return -1;
    HL_ROOT(rt, module);
    HL_ROOT(rt, name);
    int64_t slot = -1;
    if ((m->nslots < m->capacity || grow(rt, m) == 0) && hl_list_append(rt, m->names, name) == 0) {
        if (hl_dict_set(rt, m->index, name, hl_smallint((intptr_t)m->nslots)) == 0) {
            slot = (int64_t)m->nslots++;
            m->slots[slot] = HL_NOVALUE;
            m->builtins[slot] = builtin;
            hl_gc_write_value(rt, &m->h, builtin);
        } else {
            hl_list_pop(rt, m->names, -1); /* names[i] must stay slot i's name */
        }
    }
    HL_UNROOT(rt, 2);
    return slot;
}

/* The slot for a name given as a C string; -1 with MemoryError. */
static int64_t slot_of(hl_runtime *rt, hl_value module, const char *name, hl_value v)
{
    HL_ROOT(rt, module);
    HL_ROOT(rt, v);
    hl_value s = hl_str_intern_cstr(rt, name);
    int64_t slot = s ? hl_module_slot(rt, module, s) : -1;
    HL_UNROOT(rt, 2);
    return slot;
}

int hl_module_set(hl_runtime *rt, hl_value module, const char *name, hl_value v)
{
    int64_t slot = slot_of(rt, module, name, v);
    if (slot >= 0) {
        hl_as_module(module)->slots[slot] = v;
        hl_gc_write_value(rt, hl_obj(module), v);
    }
    return slot >= 0 ? 0 : -1;
}

int hl_module_set_builtin(hl_runtime *rt, hl_value module, const char *name, hl_value v)
{
    int64_t slot = slot_of(rt, module, name, v);
    if (slot >= 0) {
        hl_as_module(module)->builtins[slot] = v;
        hl_gc_write_value(rt, hl_obj(module), v);
    }
    return slot >= 0 ? 0 : -1;
}

hl_value hl_module_getattr(hl_runtime *rt, hl_value module, hl_value name)
{
    hl_module *m = hl_as_module(module);
    hl_value found;
    int r = hl_dict_lookup(rt, m->index, name, &found);
    if (r < 0)
        return HL_NOVALUE;
    if (r && m->slots[hl_smallint_value(found)])
        return m->slots[hl_smallint_value(found)];
    hl_error_set(rt, HL_EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'", hl_str_data(m->name),
                 hl_str_data(name));
    return HL_NOVALUE;
}
