/* Heap pictures of a running program: the variables a script can name, as snapshot roots
 * handed to the embedder's handler (hl_lang_set_snapshots).
 *
 * The global frame lists __main__'s variables in slot order (the order the compiler first met
 * the names), then each active call's frame lists its locals, innermost last, as Python Tutor
 * draws them. Unset variables, dunder names and hidden ones (a comprehension's ".0") are left
 * out, and so are values that are code rather than data: modules, functions, built-ins and
 * types (a function held in a list is still drawn, as a box). A variable captured by a closure
 * lives in a cell; the picture shows the cell's value under the variable's name. */
#include <stdio.h>
#include <string.h>

#include "heaplab/lang.h"
#include "heaplab/list.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "snapshots.h"
#include "vm.h"

static bool is_data(hl_value v)
{
    if (!v)
        return false;
    if (hl_is_imm(v))
        return hl_imm_kind(v) != HL_IMM_TYPE && hl_imm_kind(v) != HL_IMM_BUILTIN;
    return !hl_is_obj_of(v, HL_T_MODULE) && !hl_is_obj_of(v, HL_T_FUNCTION);
}

static bool is_shown_name(const char *name) { return name[0] != '.' && strncmp(name, "__", 2) != 0; }

/* Is slot k of frame f a cell? Free variables always are; a local is once the code's
 * prologue of MAKE_CELL instructions has run. */
static bool is_cell(const hl_frame *f, uint32_t k)
{
    const hl_code *c = f->code;
    if (k >= c->nlocals)
        return true;
    for (const uint32_t *p = c->insns; p < c->insns + c->ninsns && HL_INSN_OP(*p) == OP_MAKE_CELL; p++)
        if (HL_INSN_ARG(*p) == k)
            return f->pc > p;
    return false;
}

typedef struct roots {
    hl_snapshot_root *items;
    size_t n, capacity;
} roots;

static void add(roots *r, const char *frame, const char *name, hl_value v)
{
    if (!name || (is_data(v) && is_shown_name(name)))
        r->items[r->n++] = (hl_snapshot_root){frame, name, v};
}

static void add_globals(roots *r, hl_module *m)
{
    add(r, "Global frame", NULL, HL_NOVALUE);
    for (size_t i = 0; i < m->nslots; i++)
        add(r, "Global frame", hl_str_data(hl_list_items(m->names)[i]), m->slots[i]);
}

static void add_locals(roots *r, hl_lang *L, const hl_frame *f)
{
    const hl_code *c = f->code;
    const char *frame = hl_str_data(c->name);
    add(r, frame, NULL, HL_NOVALUE);
    for (uint32_t k = 0; k < c->nlocals + c->nfree; k++) {
        hl_value v = L->stack[f->base + k];
        if (v && is_cell(f, k))
            v = hl_list_items(v)[0];
        add(r, frame, hl_str_data(hl_tuple_items(c->varnames)[k]), v);
    }
}

/* The line the innermost frame is running. */
static int current_line(const hl_frame *f)
{
    const hl_code *c = f->code;
    if (!c->ninsns)
        return (int)c->firstline;
    size_t i = f->pc > c->insns ? (size_t)(f->pc - c->insns) - 1 : 0;
    return (int)c->pos[i < c->ninsns ? i : c->ninsns - 1].line;
}

int hl_lang_take_snapshot(hl_runtime *rt, const char *label)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return -1;
    return L->snapshot_fn ? hl_lang_snapshot_to(rt, label, L->snapshot_fn, L->snapshot_ctx) : 0;
}

int hl_lang_snapshot_to(hl_runtime *rt, const char *label, hl_lang_snapshot_fn fn, void *ctx)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return -1;
    hl_module *main = hl_as_module(L->main_module);
    roots r = {NULL, 0, 1 + main->nslots};
    for (size_t i = 0; i < L->nframes; i++)
        r.capacity += 1 + L->frames[i].code->nlocals + L->frames[i].code->nfree;
    r.items = hl_heap_alloc(rt, r.capacity * sizeof *r.items, HL_BLOCK_INTERNAL);
    if (!r.items)
        return hl_error_nomem(rt);
    add_globals(&r, main);
    for (size_t i = 0; i < L->nframes; i++)
        if (!(L->frames[i].code->flags & HL_CODE_MODULE))
            add_locals(&r, L, &L->frames[i]);
    hl_lang_snapshot_request req = {label, "", 0, r.items, r.n};
    char line_label[32];
    if (L->nframes) {
        const hl_frame *f = &L->frames[L->nframes - 1];
        req.file = hl_str_data(f->code->filename);
        req.line = current_line(f);
    }
    if (!label) {
        snprintf(line_label, sizeof line_label, "after line %d", req.line);
        req.label = line_label;
    }
    int status = fn(rt, &req, ctx);
    hl_heap_free(rt, r.items, r.capacity * sizeof *r.items);
    return status;
}

int hl_lang_set_snapshots(hl_runtime *rt, hl_lang_snapshot_fn fn, void *ctx, bool each_line)
{
    hl_lang *L = hl_lang_get(rt);
    if (!L)
        return -1;
    L->snapshot_fn = fn;
    L->snapshot_ctx = ctx;
    L->snapshot_each_line = fn && each_line;
    return 0;
}
