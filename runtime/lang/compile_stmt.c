/* lang/compile_stmt.c: statements to bytecode.
 *
 * Owns: blocks, if, while and for with break, continue and else, import and from-import,
 * the OP_SNAPSHOT after a statement (hl_lang_set_snapshots' each-line mode), and the
 * statement dispatch (stmt, stmts). Calls compile.c (emitting, function objects),
 * compile_expr.c, compile_target.c and compile_const.c. */
#include "compile_internal.h"

#include <string.h>

/* ---------------------------------------------------------------- statements */

static void add_break(unit *u, size_t at_insn)
{
    loop *l = u->loop;
    if (l->nbreaks == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        size_t *b = hl_arena_alloc(u->c->arena, cap * sizeof *b);
        if (!b) {
            hl_compile_fail_nomem(u->c);
            return;
        }
        if (l->nbreaks)
            memcpy(b, l->breaks, l->nbreaks * sizeof *b);
        l->breaks = b;
        l->cap = cap;
    }
    l->breaks[l->nbreaks++] = at_insn;
}

static void loop_body(unit *u, loop *l, const hl_ast_list *body)
{
    l->prev = u->loop;
    u->loop = l;
    hl_compile_stmts(u, body);
    u->loop = l->prev;
}

static void if_stmt(unit *u, const hl_ast_node *n)
{
    hl_compile_expr(u, n->u.if_.test);
    size_t to_else = hl_compile_emit(u, OP_POP_JUMP_IF_FALSE, 0, -1);
    hl_compile_stmts(u, &n->u.if_.body);
    if (n->u.if_.orelse.len) {
        size_t to_end = hl_compile_emit(u, OP_JUMP, 0, 0);
        patch(u, to_else, here(u));
        hl_compile_stmts(u, &n->u.if_.orelse);
        patch(u, to_end, here(u));
    } else {
        patch(u, to_else, here(u));
    }
}

static void while_stmt(unit *u, const hl_ast_node *n)
{
    loop l = {0};
    l.continue_target = here(u);
    hl_compile_expr(u, n->u.if_.test);
    size_t to_else = hl_compile_emit(u, OP_POP_JUMP_IF_FALSE, 0, -1);
    loop_body(u, &l, &n->u.if_.body);
    hl_compile_emit(u, OP_JUMP, (uint32_t)l.continue_target, 0);
    patch(u, to_else, here(u));
    hl_compile_stmts(u, &n->u.if_.orelse);
    for (size_t i = 0; i < l.nbreaks; i++)
        patch(u, l.breaks[i], here(u));
}

static void for_stmt(unit *u, const hl_ast_node *n)
{
    loop l = {0};
    l.is_for = true;
    hl_compile_expr(u, n->u.for_.iter);
    at(u, n->u.for_.iter);
    hl_compile_emit(u, OP_GET_ITER, 0, 0);
    l.continue_target = here(u);
    size_t next = hl_compile_emit(u, OP_FOR_ITER, 0, 1);
    hl_compile_store(u, n->u.for_.target);
    loop_body(u, &l, &n->u.for_.body);
    hl_compile_emit(u, OP_JUMP, (uint32_t)l.continue_target, 0);
    patch(u, next, here(u));
    u->depth--; /* FOR_ITER popped the iterator */
    hl_compile_stmts(u, &n->u.for_.orelse);
    for (size_t i = 0; i < l.nbreaks; i++)
        patch(u, l.breaks[i], here(u));
}

static void import_stmt(unit *u, const hl_ast_node *n)
{
    compiler *c = u->c;
    if (n->kind == HL_AST_IMPORT) {
        for (size_t i = 0; i < n->u.import.names.len; i++) {
            const hl_ast_node *a = n->u.import.names.items[i];
            at(u, a);
            hl_compile_emit(u, OP_IMPORT_NAME, hl_compile_add_const(u, hl_compile_name_str(c, a->u.alias.name)), 1);
            const char *bound = a->u.alias.asname;
            if (!bound) {
                const char *dot = strchr(a->u.alias.name, '.');
                bound = dot ? hl_arena_strndup(c->arena, a->u.alias.name, (size_t)(dot - a->u.alias.name))
                            : a->u.alias.name;
                if (!bound) {
                    hl_compile_fail_nomem(c);
                    return;
                }
            }
            hl_compile_name_op(u, bound, HL_CTX_STORE);
        }
        return;
    }
    if (n->u.import_from.level > 0) {
        hl_compile_unsupported(c, n, "relative imports are");
        return;
    }
    const hl_ast_list *names = &n->u.import_from.names;
    if (names->len == 1 && strcmp(names->items[0]->u.alias.name, "*") == 0) {
        hl_compile_unsupported(c, n, "'from ... import *' is");
        return;
    }
    at(u, n);
    hl_compile_emit(u, OP_IMPORT_NAME, hl_compile_add_const(u, hl_compile_name_str(c, n->u.import_from.module)), 1);
    for (size_t i = 0; i < names->len; i++) {
        const hl_ast_node *a = names->items[i];
        at(u, a);
        hl_compile_emit(u, OP_IMPORT_FROM, hl_compile_add_const(u, hl_compile_name_str(c, a->u.alias.name)), 1);
        hl_compile_name_op(u, a->u.alias.asname ? a->u.alias.asname : a->u.alias.name, HL_CTX_STORE);
    }
    hl_compile_emit(u, OP_POP_TOP, 0, -1);
}

/* The statements after which --snapshot-each-line draws: those that can bind, mutate or
 * call (not def, which binds a function, nor the jumps and the compound statements, whose
 * bodies are drawn statement by statement). */
static bool snapshot_after(const hl_ast_node *n)
{
    switch (n->kind) {
    case HL_AST_EXPR:
    case HL_AST_ASSIGN:
    case HL_AST_AUGASSIGN:
    case HL_AST_DELETE:
    case HL_AST_IMPORT:
    case HL_AST_IMPORTFROM:
        return true;
    default:
        return false;
    }
}

static void stmt(unit *u, const hl_ast_node *n)
{
    compiler *c = u->c;
    if (c->failed)
        return;
    at(u, n);
    switch (n->kind) {
    case HL_AST_EXPR:
        hl_compile_expr(u, n->u.expr.value);
        at(u, n);
        if (c->interactive && u->scope->kind == HL_SCOPE_MODULE)
            hl_compile_emit(u, OP_PRINT_EXPR, 0, -1);
        else
            hl_compile_emit(u, OP_POP_TOP, 0, -1);
        break;
    case HL_AST_ASSIGN: {
        const hl_ast_list *targets = &n->u.assign.targets;
        hl_compile_expr(u, n->u.assign.value);
        for (size_t i = 0; i < targets->len; i++) {
            if (i + 1 < targets->len)
                hl_compile_emit(u, OP_COPY, 1, 1);
            hl_compile_store(u, targets->items[i]);
        }
        break;
    }
    case HL_AST_AUGASSIGN: hl_compile_augassign(u, n); break;
    case HL_AST_DELETE:
        for (size_t i = 0; i < n->u.del.targets.len; i++)
            hl_compile_delete(u, n->u.del.targets.items[i]);
        break;
    case HL_AST_PASS:
    case HL_AST_GLOBAL:
    case HL_AST_NONLOCAL: break;
    case HL_AST_BREAK: {
        int depth = u->depth;
        if (u->loop->is_for)
            hl_compile_emit(u, OP_POP_TOP, 0, -1);
        add_break(u, hl_compile_emit(u, OP_JUMP, 0, 0));
        u->depth = depth;
        break;
    }
    case HL_AST_CONTINUE: hl_compile_emit(u, OP_JUMP, (uint32_t)u->loop->continue_target, 0); break;
    case HL_AST_IF: if_stmt(u, n); break;
    case HL_AST_WHILE: while_stmt(u, n); break;
    case HL_AST_FOR: for_stmt(u, n); break;
    case HL_AST_FUNCTIONDEF:
        hl_compile_function_object(u, n, &n->u.def.params, n->u.def.name);
        at(u, n);
        hl_compile_name_op(u, n->u.def.name, HL_CTX_STORE);
        break;
    case HL_AST_RETURN:
        if (n->u.ret.value)
            hl_compile_expr(u, n->u.ret.value);
        else
            load_const(u, HL_NONE);
        at(u, n);
        hl_compile_emit(u, OP_RETURN_VALUE, 0, -1);
        break;
    case HL_AST_IMPORT:
    case HL_AST_IMPORTFROM: import_stmt(u, n); break;
    case HL_AST_ASSERT: {
        hl_compile_expr(u, n->u.assert_.test);
        size_t ok = hl_compile_emit(u, OP_POP_JUMP_IF_TRUE, 0, -1);
        if (n->u.assert_.msg)
            hl_compile_expr(u, n->u.assert_.msg);
        at(u, n);
        hl_compile_emit(u, OP_ASSERT_FAIL, n->u.assert_.msg != NULL, -(n->u.assert_.msg != NULL));
        patch(u, ok, here(u));
        break;
    }
    case HL_AST_RAISE: hl_compile_unsupported(c, n, "'raise' statements are"); break;
    default: hl_compile_unsupported(c, n, "this statement is"); break;
    }
    if (c->snapshot_lines && snapshot_after(n)) {
        at(u, n);
        hl_compile_emit(u, OP_SNAPSHOT, 0, 0);
    }
}

void hl_compile_stmts(unit *u, const hl_ast_list *body)
{
    for (size_t i = 0; i < body->len && !u->c->failed; i++)
        stmt(u, body->items[i]);
}
