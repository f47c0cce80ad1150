/* lang/vm_error.c: where an error was raised, and the errors the loop raises by name.
 *
 * Owns: hl_vm_note_error (the position of the innermost frame for the error's location
 * line) and the NameError and UnboundLocalError messages of the loop's name lookups. Calls
 * only the runtime's error and object API. */
#include "vm_internal.h"

#include "heaplab/list.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"

/* ---------------------------------------------------------------- errors */

void hl_vm_note_error(hl_lang *L, const hl_frame *f, const uint32_t *pc)
{
    if (L->where.set || !f)
        return;
    hl_code *c = f->code;
    size_t i = pc > c->insns ? (size_t)(pc - c->insns) - 1 : 0;
    if (i >= c->ninsns)
        i = c->ninsns ? c->ninsns - 1 : 0;
    L->where.set = true;
    L->where.line = c->ninsns ? (int)c->pos[i].line : (int)c->firstline;
    L->where.col = c->ninsns ? (int)c->pos[i].col + 1 : 1;
    snprintf(L->where.file, sizeof L->where.file, "%s", hl_str_data(c->filename));
    snprintf(L->where.function, sizeof L->where.function, "%s", hl_str_data(c->name));
}

int hl_vm_name_error(hl_runtime *rt, hl_module *m, uint32_t slot)
{
    return hl_error_set(rt, HL_EXC_NAME_ERROR, "name '%s' is not defined", hl_str_data(hl_list_items(m->names)[slot]));
}

int hl_vm_unbound_local(hl_runtime *rt, hl_code *c, uint32_t slot)
{
    const char *name = hl_str_data(hl_tuple_get(c->varnames, slot));
    if (slot >= c->nlocals)
        return hl_error_set(rt, HL_EXC_NAME_ERROR,
                            "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                            name);
    return hl_error_set(rt, HL_EXC_UNBOUND_LOCAL_ERROR,
                        "cannot access local variable '%s' where it is not associated with a value", name);
}
