/* Code objects: compiled bytecode with its constants and source positions. */
#include <string.h>

#include "../type.h"
#include "code.h"
#include "heaplab/str.h"

static size_t code_size(const hl_object *o)
{
    (void)o;
    return sizeof(hl_code);
}

static size_t code_buffer_size(uint32_t n) { return (size_t)n * (sizeof(uint32_t) + sizeof(hl_code_pos)); }

static size_t code_owned_size(const hl_object *o) { return code_buffer_size(((const hl_code *)o)->ninsns); }

static void code_trace(hl_object *o, hl_tracer *t)
{
    hl_code *c = (hl_code *)o;
    hl_trace_value(t, c->consts);
    hl_trace_value(t, c->varnames);
    hl_trace_value(t, c->name);
    hl_trace_value(t, c->qualname);
    hl_trace_value(t, c->filename);
}

static void code_release(hl_runtime *rt, hl_object *o)
{
    hl_code *c = (hl_code *)o;
    hl_gc_buffer_free(rt, c->insns, code_buffer_size(c->ninsns));
}

static int code_repr(hl_runtime *rt, hl_value v, hl_buf *b)
{
    (void)rt;
    hl_code *c = hl_as_code(v);
    return hl_buf_printf(b, "<code object %s at %#lx, file \"%s\", line %u>", hl_str_data(c->qualname),
                         (unsigned long)v, hl_str_data(c->filename), c->firstline);
}

static const hl_type_info code_type = {
    .name = "code",
    .size = code_size,
    .owned_size = code_owned_size,
    .trace = code_trace,
    .release = code_release,
    .repr = code_repr,
};

hl_value hl_code_new(hl_runtime *rt, const uint32_t *insns, const hl_code_pos *pos, size_t n)
{
    if (n > UINT32_MAX / 16) {
        hl_error_nomem(rt);
        return HL_NOVALUE;
    }
    /* The buffer first: a collection meanwhile cannot see a half-made code object. */
    void *buf = hl_gc_buffer_alloc(rt, code_buffer_size((uint32_t)n), HL_BLOCK_DATA);
    if (!buf)
        return HL_NOVALUE;
    hl_code *c = (hl_code *)hl_gc_new(rt, HL_T_CODE, sizeof(hl_code));
    if (!c) {
        hl_gc_buffer_free(rt, buf, code_buffer_size((uint32_t)n));
        return HL_NOVALUE;
    }
    memset((char *)c + sizeof(hl_object), 0, sizeof *c - sizeof(hl_object));
    c->insns = buf;
    c->pos = (hl_code_pos *)(c->insns + n);
    c->ninsns = (uint32_t)n;
    if (n) {
        memcpy(c->insns, insns, n * sizeof *insns);
        memcpy(c->pos, pos, n * sizeof *pos);
    }
    return hl_val(c);
}

void hl_code_define_type(void) { hl_type_define(HL_T_CODE, &code_type); }
