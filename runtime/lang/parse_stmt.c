/* lang/parse_stmt.c: simple statements and the statement dispatch.
 *
 * Owns: assignment (chains, augmented, annotated) and expression statements, import and
 * from-import, global and nonlocal, pass/break/continue/return/del/assert and the other
 * simple statements, a line of them separated by ';', and parse_statement, which chooses
 * between them and parse_compound.c's statements. Calls parser.c's machinery,
 * parse_expr.c, parse_target.c, parse_symtable.c and parse_compound.c. */
#include "parser_internal.h"

/* An assignment chain (x = r = ... = value) has a target CPython cannot assign to: its
 * message, chosen as the invalid_assignment and invalid_named_expression rules do. lead is
 * the bitwise_or r starts with, NULL if none; lead_then_eq when '=' follows it. */
static void invalid_assignment(parser *p, const vec *targets, hl_ast_node *lead, bool lead_then_eq) {
    hl_ast_node *x = targets->items[0];
    hl_ast_node *e = x;
    if (x->kind == HL_AST_TUPLE && !(x->flags & HL_AST_PAREN_SEQ))
        e = x->u.seq.items.items[x->u.seq.items.len - 1];
    if (e->kind != HL_AST_STARRED && lead && !lead_then_eq) {
        if (is_name(e)) {
            hl_parser_fail_range(p, e, lead, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            return;
        }
        if (hl_parser_bitwise_or_level(e) && !hl_parser_starts_with_display(e)) {
            FAIL_NODE(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?", hl_ast_describe(e));
            return;
        }
    }
    for (size_t i = 0; i < targets->len; i++) {
        hl_ast_node *bad = hl_parser_invalid_target(targets->items[i], STAR_TARGETS);
        if (!bad) continue;
        if (is_yield(bad))
            FAIL_NODE(p, bad, "assignment to yield expression not possible");
        else
            FAIL_NODE(p, bad, "cannot assign to %s", hl_ast_describe(bad));
        return;
    }
}

/* x = ... after x: the Assign, or the error CPython gives for it. Like CPython, it reads no
 * further than the first invalid target, or the bitwise_or after it when the message
 * depends on that. */
static hl_ast_node *parse_assignment(parser *p, const hl_token *start, hl_ast_node *x) {
    vec targets = {0};
    if (!hl_parser_vec_push(p, &targets, x)) return NULL;
    if (hl_parser_invalid_target(x, STAR_TARGETS)) {
        hl_ast_node *e = x->kind == HL_AST_TUPLE && !(x->flags & HL_AST_PAREN_SEQ)
                             ? x->u.seq.items.items[x->u.seq.items.len - 1] : x;
        hl_ast_node *lead = NULL;
        bool then_eq = false;
        if (e->kind != HL_AST_STARRED &&
            (is_name(e) || (hl_parser_bitwise_or_level(e) && !hl_parser_starts_with_display(e)))) {
            hl_parser_advance(p);
            lead = hl_parse_ops_mode(p, P_BOR, true);
            if (p->failed && !recoverable(p)) return NULL;
            p->failed = false;
            then_eq = at(p, HL_TOK_EQUAL) || at(p, HL_TOK_COLONEQUAL);
        }
        invalid_assignment(p, &targets, lead, then_eq);
        return NULL;
    }
    hl_ast_node *value;
    for (;;) {
        hl_parser_advance(p);
        value = at(p, HL_TOK_YIELD) ? hl_parse_yield(p) : hl_parse_star_expressions(p);
        if (!value) return NULL;
        if (!at(p, HL_TOK_EQUAL)) break;
        if (!hl_parser_vec_push(p, &targets, value)) return NULL;
        if (hl_parser_invalid_target(value, STAR_TARGETS)) {
            hl_ast_node *r = targets.items[1];
            hl_ast_node *lead = r->kind == HL_AST_UNSUPPORTED ? NULL : hl_parser_leading_bitwise_or(r);
            invalid_assignment(p, &targets, lead, lead == r);
            return NULL;
        }
    }
    hl_parser_check_bare_starred(p, value); /* CPython compiles the value first */
    for (size_t i = 0; i < targets.len; i++)
        if (!hl_parser_make_target(p, targets.items[i], STAR_TARGETS)) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_ASSIGN, start);
    if (!n) return NULL;
    n->u.assign.targets = as_list(targets);
    n->u.assign.value = value;
    return hl_parser_finish(p, n);
}

static bool augassign_op(hl_tok k, hl_ast_op *op) {
    if (k < HL_TOK_PLUSEQUAL || k > HL_TOK_CIRCUMFLEXEQUAL) return false;
    static const hl_ast_op ops[] = {HL_OP_ADD, HL_OP_SUB, HL_OP_MUL, HL_OP_DIV, HL_OP_FLOORDIV,
                                    HL_OP_MOD, HL_OP_POW, HL_OP_MATMUL, HL_OP_LSHIFT, HL_OP_RSHIFT,
                                    HL_OP_BITAND, HL_OP_BITOR, HL_OP_BITXOR};
    *op = ops[k - HL_TOK_PLUSEQUAL];
    return true;
}

static hl_ast_node *rhs(parser *p) {
    hl_ast_node *v = at(p, HL_TOK_YIELD) ? hl_parse_yield(p) : hl_parse_star_expressions(p);
    hl_parser_check_bare_starred(p, v);
    return v;
}

/* Expression statements, assignments, augmented assignments, annotations. */
static hl_ast_node *parse_expr_stmt(parser *p) {
    hl_token start = p->tok;
    hl_ast_node *x = at(p, HL_TOK_YIELD) ? hl_parse_yield(p) : hl_parse_star_expressions(p);
    if (!x) return NULL;
    hl_ast_op op;
    if (at(p, HL_TOK_EQUAL)) return parse_assignment(p, &start, x);
    if (augassign_op(p->tok.kind, &op)) {
        hl_parser_advance(p);
        hl_ast_node *value = rhs(p);
        if (!value) return NULL;
        if (x->kind != HL_AST_NAME && x->kind != HL_AST_ATTRIBUTE && x->kind != HL_AST_SUBSCRIPT) {
            FAIL_NODE(p, x, "'%s' is an illegal expression for augmented assignment", hl_ast_describe(x));
            return NULL;
        }
        hl_parser_set_ctx(x, HL_CTX_STORE);
        hl_ast_node *n = hl_parser_node_from(p, HL_AST_AUGASSIGN, &start);
        if (!n) return NULL;
        n->u.augassign.target = x;
        n->u.augassign.op = op;
        n->u.augassign.value = value;
        if (op == HL_OP_MATMUL) hl_parser_unsupported(p, n, "the '@' operator is");
        return hl_parser_finish(p, n);
    }
    if (at(p, HL_TOK_COLON)) { /* x: annotation [= value] */
        hl_parser_advance(p);
        hl_ast_node *annotation = hl_parse_expression(p);
        if (!annotation) return NULL;
        if (x->kind == HL_AST_TUPLE && !(x->flags & HL_AST_PAREN_SEQ)) {
            FAIL_NODE(p, x->u.seq.items.items[0], "only single target (not tuple) can be annotated");
            return NULL;
        }
        if (x->kind == HL_AST_LIST || x->kind == HL_AST_TUPLE) {
            FAIL_NODE(p, x, "only single target (not %s) can be annotated", hl_ast_describe(x));
            return NULL;
        }
        if (x->kind != HL_AST_NAME && x->kind != HL_AST_ATTRIBUTE && x->kind != HL_AST_SUBSCRIPT) {
            FAIL_NODE(p, x, "illegal target for annotation");
            return NULL;
        }
        hl_ast_node *value = NULL;
        if (accept(p, HL_TOK_EQUAL) && !(value = rhs(p))) return NULL;
        hl_parser_set_ctx(x, HL_CTX_STORE);
        hl_parser_record_names(p, annotation);
        hl_parser_record_names(p, value);
        hl_parser_record_names(p, x);
        hl_ast_node *n = hl_parser_node_from(p, HL_AST_PASS, &start);
        if (n) hl_parser_unsupported(p, n, "variable annotations are");
        return hl_parser_finish(p, n);
    }
    hl_parser_check_bare_starred(p, x);
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_EXPR, &start);
    if (!n) return NULL;
    n->u.expr.value = x;
    return hl_parser_finish(p, n);
}

/* dotted_name, as one string "a.b.c" */
static char *dotted_name(parser *p) {
    if (!at(p, HL_TOK_NAME)) {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    char *name = hl_parser_token_text(p, &p->tok);
    hl_parser_advance(p);
    while (name && at(p, HL_TOK_DOT)) {
        hl_parser_advance(p);
        if (!at(p, HL_TOK_NAME)) {
            hl_parser_invalid_syntax(p);
            return NULL;
        }
        name = hl_lex_format(p->arena, "%s.%.*s", name, (int)p->tok.len, p->tok.text);
        if (!name) hl_parser_fail_memory(p);
        hl_parser_advance(p);
    }
    return name;
}

static hl_ast_node *alias(parser *p, bool dotted) {
    hl_token start = p->tok;
    char *name;
    if (dotted) {
        name = dotted_name(p);
    } else if (at(p, HL_TOK_NAME)) {
        name = hl_parser_token_text(p, &p->tok);
        hl_parser_advance(p);
    } else {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    if (!name) return NULL;
    char *asname = NULL;
    if (accept(p, HL_TOK_AS)) {
        if (!at(p, HL_TOK_NAME)) {
            hl_parser_invalid_syntax(p);
            return NULL;
        }
        if (!(asname = hl_parser_token_text(p, &p->tok))) return NULL;
        hl_parser_advance(p);
    }
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_ALIAS, &start);
    if (!n) return NULL;
    n->u.alias.name = name;
    n->u.alias.asname = asname;
    if (asname) {
        hl_parser_mark(p, asname, DEF_IMPORT);
    } else {
        char *top = hl_arena_strndup(p->arena, name, strcspn(name, "."));
        if (!top) hl_parser_fail_memory(p);
        else hl_parser_mark(p, top, DEF_IMPORT);
    }
    return hl_parser_finish(p, n);
}

static hl_ast_node *parse_import(parser *p) {
    hl_token kw = p->tok;
    hl_parser_advance(p);
    vec names = {0};
    do {
        hl_ast_node *a = alias(p, true);
        if (!a || !hl_parser_vec_push(p, &names, a)) return NULL;
    } while (accept(p, HL_TOK_COMMA));
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_IMPORT, &kw);
    if (!n) return NULL;
    n->u.import.names = as_list(names);
    return hl_parser_finish(p, n);
}

static hl_ast_node *parse_from(parser *p) {
    hl_token kw = p->tok;
    hl_parser_advance(p);
    int level = 0;
    for (;; hl_parser_advance(p)) {
        if (at(p, HL_TOK_DOT)) level++;
        else if (at(p, HL_TOK_ELLIPSIS)) level += 3;
        else break;
    }
    char *module = NULL;
    if (at(p, HL_TOK_NAME) || level == 0) {
        if (!(module = dotted_name(p))) return NULL;
    }
    if (!accept(p, HL_TOK_IMPORT)) {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    vec names = {0};
    if (at(p, HL_TOK_STAR)) {
        hl_token star = p->tok;
        hl_parser_advance(p);
        hl_ast_node *a = hl_parser_node_from(p, HL_AST_ALIAS, &star);
        if (!a || !hl_parser_vec_push(p, &names, a)) return NULL;
        a->u.alias.name = "*";
        hl_parser_finish(p, a);
    } else {
        bool parens = accept(p, HL_TOK_LPAR);
        do {
            if (parens && at(p, HL_TOK_RPAR) && names.len) break;
            if (!parens && at(p, HL_TOK_NEWLINE) && names.len) {
                FAIL_LAST(p, "trailing comma not allowed without surrounding parentheses");
                return NULL;
            }
            hl_ast_node *a = alias(p, false);
            if (!a || !hl_parser_vec_push(p, &names, a)) return NULL;
        } while (accept(p, HL_TOK_COMMA));
        if (parens && !hl_parser_expect_closing(p, HL_TOK_RPAR)) return NULL;
    }
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_IMPORTFROM, &kw);
    if (!n) return NULL;
    n->u.import_from.module = module;
    n->u.import_from.names = as_list(names);
    n->u.import_from.level = level;
    if (names.items[0]->u.alias.name[0] == '*' && p->scope->kind != SCOPE_MODULE)
        hl_parser_defer(p, STAGE_SYMTABLE, names.items[0], "import * only allowed at module level");
    return hl_parser_finish(p, n);
}

static hl_ast_node *parse_names_stmt(parser *p, bool global) {
    hl_token kw = p->tok;
    hl_parser_advance(p);
    size_t len = 0, cap = 0;
    const char **names = NULL;
    do {
        if (!at(p, HL_TOK_NAME)) {
            hl_parser_invalid_syntax(p);
            return NULL;
        }
        void *room = hl_parser_make_room(p, names, &cap, len, sizeof *names);
        if (!room) return NULL;
        names = room;
        if (!(names[len++] = hl_parser_token_text(p, &p->tok))) return NULL;
        hl_parser_advance(p);
    } while (accept(p, HL_TOK_COMMA));
    hl_ast_node *n = hl_parser_node_from(p, global ? HL_AST_GLOBAL : HL_AST_NONLOCAL, &kw);
    if (!n) return NULL;
    n->u.names.names = names;
    n->u.names.len = len;
    for (size_t i = 0; i < len; i++) hl_parser_declare(p, n, names[i], global);
    return hl_parser_finish(p, n);
}

static hl_ast_node *parse_simple_stmt(parser *p) {
    hl_token kw = p->tok;
    hl_ast_node *n = NULL;
    switch (p->tok.kind) {
    case HL_TOK_PASS:
    case HL_TOK_BREAK:
    case HL_TOK_CONTINUE:
        hl_parser_advance(p);
        n = hl_parser_node_from(p, kw.kind == HL_TOK_PASS ? HL_AST_PASS : kw.kind == HL_TOK_BREAK ? HL_AST_BREAK : HL_AST_CONTINUE,
                                &kw);
        if (n && kw.kind != HL_TOK_PASS && !p->loop_depth)
            hl_parser_defer(p, STAGE_COMPILER, n,
                            kw.kind == HL_TOK_BREAK ? "'break' outside loop" : "'continue' not properly in loop");
        return hl_parser_finish(p, n);
    case HL_TOK_RETURN: {
        hl_parser_advance(p);
        hl_ast_node *value = NULL;
        if (hl_parser_starts_expression(p->tok.kind) || at(p, HL_TOK_STAR)) {
            if (!(value = hl_parse_star_expressions(p))) return NULL;
            hl_parser_check_bare_starred(p, value);
        }
        n = hl_parser_node_from(p, HL_AST_RETURN, &kw);
        if (!n) return NULL;
        n->u.ret.value = value;
        if (!hl_parser_in_function(p)) hl_parser_defer(p, STAGE_COMPILER, n, "'return' outside function");
        break;
    }
    case HL_TOK_RAISE: {
        hl_parser_advance(p);
        hl_ast_node *exc = NULL, *cause = NULL;
        if (hl_parser_starts_expression(p->tok.kind)) {
            if (!(exc = hl_parse_expression(p))) return NULL;
            if (accept(p, HL_TOK_FROM) && !(cause = hl_parse_expression(p))) return NULL;
        }
        n = hl_parser_node_from(p, HL_AST_RAISE, &kw);
        if (!n) return NULL;
        n->u.raise.exc = exc;
        n->u.raise.cause = cause;
        break;
    }
    case HL_TOK_GLOBAL: return parse_names_stmt(p, true);
    case HL_TOK_NONLOCAL: return parse_names_stmt(p, false);
    case HL_TOK_IMPORT: return parse_import(p);
    case HL_TOK_FROM: return parse_from(p);
    case HL_TOK_DEL: {
        hl_parser_advance(p);
        hl_ast_node *e = hl_parse_star_expressions(p);
        if (!e) return NULL;
        if (!hl_parser_make_target(p, e, DEL_TARGETS)) return NULL;
        if (!at(p, HL_TOK_SEMI) && !at(p, HL_TOK_NEWLINE)) {
            hl_parser_invalid_syntax(p);
            return NULL;
        }
        n = hl_parser_node_from(p, HL_AST_DELETE, &kw);
        if (!n) return NULL;
        if (e->kind == HL_AST_TUPLE && !(e->flags & HL_AST_PAREN_SEQ)) {
            n->u.del.targets = e->u.seq.items;
        } else {
            hl_ast_node **one = hl_arena_alloc(p->arena, sizeof *one);
            if (!one) {
                hl_parser_fail_memory(p);
                return NULL;
            }
            one[0] = e;
            n->u.del.targets = (hl_ast_list){one, 1};
        }
        break;
    }
    case HL_TOK_ASSERT: {
        hl_parser_advance(p);
        hl_ast_node *test = hl_parse_expression(p), *msg = NULL;
        if (!test) return NULL;
        if (accept(p, HL_TOK_COMMA) && !(msg = hl_parse_expression(p))) return NULL;
        n = hl_parser_node_from(p, HL_AST_ASSERT, &kw);
        if (!n) return NULL;
        n->u.assert_.test = test;
        n->u.assert_.msg = msg;
        break;
    }
    default:
        n = parse_expr_stmt(p);
        break;
    }
    if (!n) return NULL;
    hl_parser_record_names(p, n);
    return hl_parser_finish(p, n);
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
bool hl_parse_simple_stmts(parser *p, vec *body) {
    for (;;) {
        hl_ast_node *s = parse_simple_stmt(p);
        if (!s || !hl_parser_vec_push(p, body, s)) return false;
        if (!accept(p, HL_TOK_SEMI) || at(p, HL_TOK_NEWLINE)) break;
    }
    if (!accept(p, HL_TOK_NEWLINE)) {
        hl_parser_invalid_syntax(p);
        return false;
    }
    return true;
}

bool hl_parse_statement(parser *p, vec *body) {
    hl_token kw = p->tok;
    hl_ast_node *n;
    switch (p->tok.kind) {
    case HL_TOK_IF: n = hl_parse_if(p); break;
    case HL_TOK_WHILE: n = hl_parse_while(p); break;
    case HL_TOK_FOR: n = hl_parse_for(p, &kw); break;
    case HL_TOK_DEF: n = hl_parse_def(p, &kw, false); break;
    case HL_TOK_CLASS: n = hl_parse_class(p); break;
    case HL_TOK_TRY: n = hl_parse_try(p); break;
    case HL_TOK_WITH: n = hl_parse_with(p, &kw, false); break;
    case HL_TOK_AT: n = hl_parse_decorated(p); break;
    case HL_TOK_ASYNC: {
        hl_tok next = hl_parser_peek(p)->kind;
        hl_parser_advance(p);
        if (next == HL_TOK_DEF) {
            n = hl_parse_def(p, &kw, true);
        } else if (next == HL_TOK_FOR || next == HL_TOK_WITH) {
            n = next == HL_TOK_FOR ? hl_parse_for(p, &kw) : hl_parse_with(p, &kw, true);
            if (n) {
                if (next == HL_TOK_FOR && p->scope->kind != SCOPE_ASYNC_FUNCTION)
                    hl_parser_defer(p, STAGE_COMPILER, n, "'async for' outside async function");
                hl_parser_unsupported(p, n, "'async' statements are");
            }
        } else {
            hl_parser_invalid_syntax(p);
            return false;
        }
        break;
    }
    case HL_TOK_NAME:
        if (kw.len == 5 && memcmp(kw.text, "match", 5) == 0 && hl_parser_try_match(p, body)) return !p->failed;
        return hl_parse_simple_stmts(p, body);
    default:
        return hl_parse_simple_stmts(p, body);
    }
    return n && hl_parser_vec_push(p, body, n);
}
