/* lang/compile_target.c: assignment targets to bytecode.
 *
 * Owns: storing into a target (a name, an attribute, a subscript or slice, a tuple or list
 * unpacked, with one starred item), del of a target, and augmented assignment with Python's
 * rule (in place for a mutable left side, rebinding otherwise). Calls compile.c's emitting,
 * compile_expr.c and compile_const.c. */
#include "compile_internal.h"

/* ---------------------------------------------------------------- assignment */

static void store_sequence(unit *u, const hl_ast_node *t)
{
    const hl_ast_list *items = &t->u.seq.items;
    size_t star = items->len;
    for (size_t i = 0; i < items->len; i++)
        if (items->items[i]->kind == HL_AST_STARRED)
            star = i;
    at(u, t);
    if (star == items->len) {
        hl_compile_emit(u, OP_UNPACK_SEQUENCE, (uint32_t)items->len, (int)items->len - 1);
        u->maxdepth += 1; /* the VM unpacks above the sequence before sliding down */
    } else {
        size_t before = star, after = items->len - star - 1;
        if (before > 0xFF || after > 0xFFFF) {
            hl_compile_unsupported(u->c, t, "so many targets around a starred one are");
            return;
        }
        hl_compile_emit(u, OP_UNPACK_EX, (uint32_t)(before | after << 8), (int)items->len - 1);
        u->maxdepth += 1;
    }
    for (size_t i = 0; i < items->len; i++) {
        const hl_ast_node *item = items->items[i];
        hl_compile_store(u, item->kind == HL_AST_STARRED ? item->u.starred.value : item);
    }
}

/* Store the value on top of the stack into target t. */
void hl_compile_store(unit *u, const hl_ast_node *t)
{
    compiler *c = u->c;
    if (c->failed)
        return;
    switch (t->kind) {
    case HL_AST_NAME:
        at(u, t);
        hl_compile_name_op(u, t->u.name.id, HL_CTX_STORE);
        break;
    case HL_AST_TUPLE:
    case HL_AST_LIST: store_sequence(u, t); break;
    case HL_AST_SUBSCRIPT:
        hl_compile_expr(u, t->u.subscript.value);
        hl_compile_subscript_parts(u, t->u.subscript.index);
        at(u, t);
        if (t->u.subscript.index->kind == HL_AST_SLICE)
            hl_compile_emit(u, OP_STORE_SLICE, 0, -5);
        else
            hl_compile_emit(u, OP_STORE_SUBSCR, 0, -3);
        break;
    case HL_AST_ATTRIBUTE:
        hl_compile_expr(u, t->u.attribute.value);
        at(u, t);
        hl_compile_emit(u, OP_STORE_ATTR, hl_compile_add_const(u, hl_compile_name_str(c, t->u.attribute.attr)), -2);
        break;
    default: hl_compile_unsupported(c, t, "assignment to this target is"); break;
    }
}

void hl_compile_delete(unit *u, const hl_ast_node *t)
{
    compiler *c = u->c;
    switch (t->kind) {
    case HL_AST_NAME:
        at(u, t);
        hl_compile_name_op(u, t->u.name.id, HL_CTX_DEL);
        break;
    case HL_AST_TUPLE:
    case HL_AST_LIST:
        for (size_t i = 0; i < t->u.seq.items.len; i++)
            hl_compile_delete(u, t->u.seq.items.items[i]);
        break;
    case HL_AST_SUBSCRIPT:
        hl_compile_expr(u, t->u.subscript.value);
        hl_compile_subscript_parts(u, t->u.subscript.index);
        at(u, t);
        if (t->u.subscript.index->kind == HL_AST_SLICE)
            hl_compile_emit(u, OP_DELETE_SLICE, 0, -4);
        else
            hl_compile_emit(u, OP_DELETE_SUBSCR, 0, -2);
        break;
    case HL_AST_ATTRIBUTE:
        hl_compile_expr(u, t->u.attribute.value);
        at(u, t);
        hl_compile_emit(u, OP_DELETE_ATTR, hl_compile_add_const(u, hl_compile_name_str(c, t->u.attribute.attr)), -1);
        break;
    default: hl_compile_unsupported(c, t, "deleting this target is"); break;
    }
}

void hl_compile_augassign(unit *u, const hl_ast_node *n)
{
    const hl_ast_node *t = n->u.augassign.target;
    uint32_t op = (uint32_t)hl_compile_binop_of(n->u.augassign.op);
    if (n->u.augassign.op == HL_OP_MATMUL) {
        hl_compile_unsupported(u->c, n, "the '@=' operator is");
        return;
    }
    switch (t->kind) {
    case HL_AST_NAME:
        at(u, t);
        hl_compile_name_op(u, t->u.name.id, HL_CTX_LOAD);
        hl_compile_expr(u, n->u.augassign.value);
        at(u, n);
        hl_compile_emit(u, OP_INPLACE, op, -1);
        at(u, t);
        hl_compile_name_op(u, t->u.name.id, HL_CTX_STORE);
        break;
    case HL_AST_SUBSCRIPT: {
        bool slice = t->u.subscript.index->kind == HL_AST_SLICE;
        int k = slice ? 4 : 2; /* [c, k] or [c, lo, hi, step] */
        hl_compile_expr(u, t->u.subscript.value);
        hl_compile_subscript_parts(u, t->u.subscript.index);
        for (int i = 0; i < k; i++)
            hl_compile_emit(u, OP_COPY, (uint32_t)k, 1);
        at(u, t);
        hl_compile_emit(u, slice ? OP_SLICE : OP_SUBSCR, 0, 1 - k);
        hl_compile_expr(u, n->u.augassign.value);
        at(u, n);
        hl_compile_emit(u, OP_INPLACE, op, -1);
        hl_compile_emit(u, OP_ROT, (uint32_t)k + 1, 0);
        at(u, t);
        hl_compile_emit(u, slice ? OP_STORE_SLICE : OP_STORE_SUBSCR, 0, -1 - k);
        break;
    }
    case HL_AST_ATTRIBUTE: {
        uint32_t name = hl_compile_add_const(u, hl_compile_name_str(u->c, t->u.attribute.attr));
        hl_compile_expr(u, t->u.attribute.value);
        hl_compile_emit(u, OP_COPY, 1, 1);
        at(u, t);
        hl_compile_emit(u, OP_LOAD_ATTR, name, 0);
        hl_compile_expr(u, n->u.augassign.value);
        at(u, n);
        hl_compile_emit(u, OP_INPLACE, op, -1);
        hl_compile_emit(u, OP_SWAP, 2, 0);
        at(u, t);
        hl_compile_emit(u, OP_STORE_ATTR, name, -2);
        break;
    }
    default: hl_compile_unsupported(u->c, t, "augmented assignment to this target is"); break;
    }
}
