/* lang/parse_target.c: assignment, del and for targets.
 *
 * Owns: CPython's invalid-target rule (what cannot be assigned to or deleted), setting a
 * target's Store/Del context, and the targets of a for clause. Calls parser.c's machinery
 * and parse_expr.c. */
#include "parser_internal.h"

/* ---- targets ---- */

/* CPython's _PyPegen_get_invalid_target: the first part of e that cannot be assigned to
 * (or deleted), or NULL. */
hl_ast_node *hl_parser_invalid_target(hl_ast_node *e, enum target_use use) {
    switch (e->kind) {
    case HL_AST_LIST:
    case HL_AST_TUPLE:
        for (size_t i = 0; i < e->u.seq.items.len; i++) {
            hl_ast_node *bad = hl_parser_invalid_target(e->u.seq.items.items[i], use);
            if (bad) return bad;
        }
        return NULL;
    case HL_AST_STARRED:
        return use == DEL_TARGETS ? e : hl_parser_invalid_target(e->u.starred.value, use);
    case HL_AST_COMPARE:
        /* "for a in b" reaches here as the comparison "a in b" */
        if (use == FOR_TARGETS)
            return e->u.compare.ops[0] == HL_OP_IN ? hl_parser_invalid_target(e->u.compare.left, use) : NULL;
        return e;
    case HL_AST_NAME:
    case HL_AST_SUBSCRIPT:
    case HL_AST_ATTRIBUTE:
        return NULL;
    default:
        return e;
    }
}

void hl_parser_set_ctx(hl_ast_node *e, hl_ast_ctx ctx) {
    switch (e->kind) {
    case HL_AST_NAME: e->u.name.ctx = ctx; break;
    case HL_AST_ATTRIBUTE: e->u.attribute.ctx = ctx; break;
    case HL_AST_SUBSCRIPT: e->u.subscript.ctx = ctx; break;
    case HL_AST_STARRED:
        e->u.starred.ctx = ctx;
        hl_parser_set_ctx(e->u.starred.value, ctx);
        break;
    case HL_AST_LIST:
    case HL_AST_TUPLE:
        e->u.seq.ctx = ctx;
        for (size_t i = 0; i < e->u.seq.items.len; i++) hl_parser_set_ctx(e->u.seq.items.items[i], ctx);
        break;
    default: break;
    }
}

/* Validates a target (reporting CPython's "cannot assign to ..." or "cannot delete ...")
 * and marks it Store or Del; the compiler's checks on starred targets are deferred. */
bool hl_parser_make_target(parser *p, hl_ast_node *e, enum target_use use) {
    hl_ast_node *bad = hl_parser_invalid_target(e, use);
    if (bad) {
        FAIL_NODE(p, bad, use == DEL_TARGETS ? "cannot delete %s" : "cannot assign to %s", hl_ast_describe(bad));
        return false;
    }
    if (use != DEL_TARGETS) {
        if (e->kind == HL_AST_STARRED)
            hl_parser_defer(p, STAGE_COMPILER, e, "starred assignment target must be in a list or tuple");
        if (e->kind == HL_AST_LIST || e->kind == HL_AST_TUPLE) {
            int stars = 0;
            for (size_t i = 0; i < e->u.seq.items.len; i++) stars += e->u.seq.items.items[i]->kind == HL_AST_STARRED;
            if (stars > 1) hl_parser_defer(p, STAGE_COMPILER, e, "multiple starred expressions in assignment");
        }
    }
    hl_parser_set_ctx(e, use == DEL_TARGETS ? HL_CTX_DEL : HL_CTX_STORE);
    return true;
}

/* A starred expression where a single value is compiled: "a = *b". */
void hl_parser_check_bare_starred(parser *p, const hl_ast_node *e) {
    if (e && e->kind == HL_AST_STARRED) hl_parser_defer(p, STAGE_COMPILER, e, "can't use starred expression here");
}

/* star_targets of a for loop or comprehension: bitwise_or items, so "in" ends them. When
 * no "in" follows, CPython reads them again as star_expressions for its message. */
static hl_ast_node *parse_for_targets(parser *p) {
    hl_token start = p->tok;
    vec items = {0};
    bool tuple = false;
    hl_token item_start;
    for (;;) {
        hl_ast_node *item;
        item_start = p->tok;
        if (at(p, HL_TOK_STAR)) {
            hl_token star = p->tok;
            hl_parser_advance(p);
            hl_ast_node *value = hl_parse_ops(p, P_BOR);
            if (!value) return NULL;
            item = hl_parser_node_from(p, HL_AST_STARRED, &star);
            if (!item) return NULL;
            item->u.starred.value = value;
            hl_parser_finish(p, item);
        } else {
            item = hl_parse_ops(p, P_BOR);
        }
        if (!item || !hl_parser_vec_push(p, &items, item)) return NULL;
        if (!at(p, HL_TOK_COMMA)) break;
        tuple = true;
        hl_parser_advance(p);
        if (at(p, HL_TOK_IN) || !(hl_parser_starts_expression(p->tok.kind) || at(p, HL_TOK_STAR))) break;
    }
    if (!at(p, HL_TOK_IN) && !hl_parser_juxtaposed(p, items.items[items.len - 1], &item_start)) return NULL;
    if (!tuple) return items.items[0];
    hl_ast_node *t = hl_parser_node_from(p, HL_AST_TUPLE, &start);
    if (!t) return NULL;
    t->u.seq.items = as_list(items);
    return hl_parser_finish(p, t);
}

/* The targets of a for loop or clause and its "in": the targets, marked Store. */
hl_ast_node *hl_parse_for_head(parser *p) {
    hl_ast_node *target = parse_for_targets(p);
    if (!target) return NULL;
    if (!at(p, HL_TOK_IN)) {
        hl_ast_node *bad = hl_parser_invalid_target(target, FOR_TARGETS);
        if (bad) FAIL_NODE(p, bad, "cannot assign to %s", hl_ast_describe(bad));
        else hl_parser_invalid_syntax(p);
        return NULL;
    }
    if (!hl_parser_make_target(p, target, FOR_TARGETS)) return NULL;
    hl_parser_advance(p);
    return target;
}
