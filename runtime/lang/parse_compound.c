/* lang/parse_compound.c: compound statements and blocks.
 *
 * Owns: blocks and their colons, if/elif/else, while, for, def, class, try (unsupported
 * but checked), with, match (unsupported, told apart from a name) and decorators. Calls
 * parser.c's machinery, parse_stmt.c (the statements of a block), parse_expr.c,
 * parse_params.c, parse_target.c and parse_symtable.c. */
#include "parser_internal.h"

/* ---- statements ---- */

/* An expected ':' after a compound statement's header: "expected ':'" when the line ends
 * there (CPython's invalid_*_stmt rules), plain invalid syntax otherwise. */
static bool header_colon(parser *p) {
    if (accept(p, HL_TOK_COLON)) return true;
    if (at(p, HL_TOK_NEWLINE)) FAIL_LAST(p, "expected ':'");
    else hl_parser_invalid_syntax(p);
    return false;
}

/* CPython's forced token &&':' (else, try, finally, def): "expected ':'" whatever follows. */
static bool forced_colon(parser *p) {
    if (accept(p, HL_TOK_COLON)) return true;
    hl_parser_fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "expected ':'");
    p->hard_failed = true;
    return false;
}

/* block: NEWLINE INDENT statements DEDENT | simple_stmts */
static bool parse_block(parser *p, const hl_token *kw, const char *what, vec *body) {
    if (!accept(p, HL_TOK_NEWLINE)) return hl_parse_simple_stmts(p, body);
    if (!at(p, HL_TOK_INDENT)) {
        hl_parser_fail_token(p, &p->tok, HL_LANG_INDENTATION_ERROR, "expected an indented block after %s on line %d",
                             what, kw->line);
        return false;
    }
    hl_parser_advance(p);
    while (!at(p, HL_TOK_DEDENT) && !at(p, HL_TOK_ENDMARKER))
        if (!hl_parse_statement(p, body)) return false;
    accept(p, HL_TOK_DEDENT);
    return !p->failed;
}

static bool else_block(parser *p, vec *orelse) {
    if (!at(p, HL_TOK_ELSE)) return true;
    hl_token kw = p->tok;
    hl_parser_advance(p);
    return forced_colon(p) && parse_block(p, &kw, "'else' statement", orelse);
}

hl_ast_node *hl_parse_if(parser *p) {
    hl_token kw = p->tok;
    hl_parser_advance(p);
    hl_ast_node *test = hl_parse_named_expression(p);
    if (!test || !header_colon(p)) return NULL;
    hl_parser_record_names(p, test);
    vec body = {0}, orelse = {0};
    if (!parse_block(p, &kw, kw.kind == HL_TOK_IF ? "'if' statement" : "'elif' statement", &body)) return NULL;
    if (at(p, HL_TOK_ELIF)) {
        hl_ast_node *elif = hl_parse_if(p);
        if (!elif || !hl_parser_vec_push(p, &orelse, elif)) return NULL;
    } else if (!else_block(p, &orelse)) {
        return NULL;
    }
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_IF, &kw);
    if (!n) return NULL;
    n->u.if_.test = test;
    n->u.if_.body = as_list(body);
    n->u.if_.orelse = as_list(orelse);
    return hl_parser_finish(p, n);
}

/* A loop's body: one block deeper. */
static bool loop_body(parser *p, const hl_token *kw, const char *what, vec *body) {
    p->loop_depth++;
    p->blocks++;
    bool ok = parse_block(p, kw, what, body);
    p->blocks--;
    p->loop_depth--;
    return ok;
}

/* CPython's compiler allows 20 nested blocks in a function. */
static hl_ast_node *check_blocks(parser *p, hl_ast_node *loop) {
    if (loop && p->blocks >= 20) hl_parser_defer(p, STAGE_COMPILER, loop, "too many statically nested blocks");
    return loop;
}

hl_ast_node *hl_parse_while(parser *p) {
    hl_token kw = p->tok;
    hl_parser_advance(p);
    hl_ast_node *test = hl_parse_named_expression(p);
    if (!test || !header_colon(p)) return NULL;
    hl_parser_record_names(p, test);
    vec body = {0}, orelse = {0};
    if (!loop_body(p, &kw, "'while' statement", &body) || !else_block(p, &orelse)) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_WHILE, &kw);
    if (!n) return NULL;
    n->u.if_.test = test;
    n->u.if_.body = as_list(body);
    n->u.if_.orelse = as_list(orelse);
    return check_blocks(p, hl_parser_finish(p, n));
}

hl_ast_node *hl_parse_for(parser *p, const hl_token *kw) {
    hl_parser_advance(p);
    hl_ast_node *target = hl_parse_for_head(p);
    if (!target) return NULL;
    hl_ast_node *iter = hl_parse_star_expressions(p);
    if (!iter || !header_colon(p)) return NULL;
    hl_parser_check_bare_starred(p, iter);
    hl_parser_record_names(p, target);
    hl_parser_record_names(p, iter);
    vec body = {0}, orelse = {0};
    if (!loop_body(p, kw, "'for' statement", &body) || !else_block(p, &orelse)) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_FOR, kw);
    if (!n) return NULL;
    n->u.for_.target = target;
    n->u.for_.iter = iter;
    n->u.for_.body = as_list(body);
    n->u.for_.orelse = as_list(orelse);
    return check_blocks(p, hl_parser_finish(p, n));
}

/* The body of a def or class: a scope of its own, outside any loop. */
static bool scope_body(parser *p, enum scope_kind kind, const hl_token *kw, const char *what,
                       const hl_ast_params *params, vec *body) {
    scope *outer = p->scope;
    int loops = p->loop_depth, blocks = p->blocks;
    if (!hl_parser_push_scope(p, kind)) return false;
    if (params) hl_parser_add_params(p, params);
    p->loop_depth = p->blocks = 0;
    bool ok = parse_block(p, kw, what, body);
    p->scope = outer;
    p->loop_depth = loops;
    p->blocks = blocks;
    return ok;
}

static void record_params(parser *p, const hl_ast_params *ps) {
    for (size_t i = 0; i < ps->defaults.len; i++) hl_parser_record_names(p, ps->defaults.items[i]);
    for (size_t i = 0; i < ps->kw_defaults.len; i++) hl_parser_record_names(p, ps->kw_defaults.items[i]);
}

hl_ast_node *hl_parse_def(parser *p, const hl_token *kw, bool async) {
    hl_parser_advance(p);
    if (!at(p, HL_TOK_NAME)) {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    hl_token name = p->tok;
    hl_parser_advance(p);
    if (!at(p, HL_TOK_LPAR)) {
        hl_parser_fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "expected '('");
        p->hard_failed = true;
        return NULL;
    }
    hl_parser_advance(p);
    hl_ast_params params;
    if (!hl_parse_params(p, &params, false) || !hl_parser_expect_closing(p, HL_TOK_RPAR)) return NULL;
    if (accept(p, HL_TOK_ARROW)) {
        hl_ast_node *returns = hl_parse_expression(p);
        if (!returns) return NULL;
        hl_parser_unsupported(p, returns, "annotations are");
    }
    if (!forced_colon(p)) return NULL;
    char *id = hl_parser_token_text(p, &name);
    if (!id) return NULL;
    hl_parser_mark(p, id, DEF_LOCAL);
    record_params(p, &params);
    vec body = {0};
    if (!scope_body(p, async ? SCOPE_ASYNC_FUNCTION : SCOPE_FUNCTION, kw, "function definition", &params, &body))
        return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_FUNCTIONDEF, kw);
    if (!n) return NULL;
    n->u.def.name = id;
    n->u.def.params = params;
    n->u.def.body = as_list(body);
    if (async) hl_parser_unsupported(p, n, "'async def' functions are");
    for (size_t i = 0; i < name.len; i++)
        if ((unsigned char)name.text[i] >= 0x80) {
            hl_parser_unsupported(p, n, "non-ASCII identifiers are");
            break;
        }
    return hl_parser_finish(p, n);
}

hl_ast_node *hl_parse_class(parser *p) {
    hl_token kw = p->tok;
    hl_parser_advance(p);
    if (!at(p, HL_TOK_NAME)) {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    hl_token name = p->tok;
    hl_parser_advance(p);
    if (at(p, HL_TOK_LPAR)) {
        hl_ast_node *func = hl_parser_name_node(p, &name);
        hl_ast_node *bases = func ? hl_parse_call(p, func, &name) : NULL;
        if (!bases) return NULL;
        hl_parser_record_names(p, bases);
    }
    if (!header_colon(p)) return NULL;
    char *id = hl_parser_token_text(p, &name);
    if (!id) return NULL;
    hl_parser_mark(p, id, DEF_LOCAL);
    vec body = {0};
    if (!scope_body(p, SCOPE_CLASS, &kw, "class definition", NULL, &body)) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_PASS, &kw);
    if (n) hl_parser_unsupported(p, n, "'class' statements are");
    return hl_parser_finish(p, n);
}

hl_ast_node *hl_parse_try(parser *p) {
    hl_token kw = p->tok;
    hl_parser_advance(p);
    vec body = {0};
    if (!forced_colon(p) || !parse_block(p, &kw, "'try' statement", &body)) return NULL;
    int handlers = 0;
    while (at(p, HL_TOK_EXCEPT)) {
        hl_token ekw = p->tok;
        hl_parser_advance(p);
        bool star = accept(p, HL_TOK_STAR);
        if (star && (at(p, HL_TOK_COLON) || at(p, HL_TOK_NEWLINE))) {
            FAIL_LAST(p, "expected one or more exception types");
            return NULL;
        }
        if (!at(p, HL_TOK_COLON) && !at(p, HL_TOK_NEWLINE)) {
            hl_ast_node *type = hl_parse_expression(p);
            if (!type) return NULL;
            if (at(p, HL_TOK_COMMA)) { /* except A, B [as e]: */
                hl_token far = p->far;
                hl_parser_advance(p);
                hl_ast_node *more = hl_parse_star_expressions(p);
                if (more && accept(p, HL_TOK_AS)) more = accept(p, HL_TOK_NAME) ? more : NULL;
                if (more && at(p, HL_TOK_COLON)) {
                    int line, col;
                    hl_parser_node_err_pos(p, type->line, type->col, &line, &col);
                    hl_parser_fail_at(p, HL_LANG_SYNTAX_ERROR, line, col + 1, p->lex.line,
                                      (int)(p->lex.cur - p->lex.line_start), "multiple exception types must be parenthesized");
                } else if (!p->failed || recoverable(p)) {
                    p->failed = false;
                    hl_parser_invalid_syntax_at(p, &far);
                }
                return NULL;
            }
            hl_parser_record_names(p, type);
            if (accept(p, HL_TOK_AS)) {
                if (!at(p, HL_TOK_NAME)) {
                    hl_parser_invalid_syntax(p);
                    return NULL;
                }
                hl_parser_advance(p);
                char *id = hl_parser_token_text(p, &p->prev);
                if (!id) return NULL;
                hl_parser_mark(p, id, DEF_LOCAL);
            }
        }
        if (!header_colon(p)) return NULL;
        vec handler = {0};
        if (!parse_block(p, &ekw, star ? "'except*' statement" : "'except' statement", &handler)) return NULL;
        if (!hl_parser_vec_push(p, &body, last_of(&handler))) return NULL;
        handlers++;
    }
    if (!handlers && !at(p, HL_TOK_FINALLY)) {
        FAIL_LAST(p, "expected 'except' or 'finally' block");
        return NULL;
    }
    if (handlers && !else_block(p, &body)) return NULL;
    if (at(p, HL_TOK_FINALLY)) {
        hl_token fkw = p->tok;
        hl_parser_advance(p);
        if (!forced_colon(p) || !parse_block(p, &fkw, "'finally' statement", &body)) return NULL;
    }
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_PASS, &kw);
    if (n) hl_parser_unsupported(p, n, "'try' statements are");
    return hl_parser_finish(p, n);
}

/* with_item: expression ['as' star_target] */
static bool with_items(parser *p, hl_tok end) {
    do {
        if (at(p, end)) break;
        hl_ast_node *e = hl_parse_expression(p);
        if (!e) return false;
        hl_parser_record_names(p, e);
        if (accept(p, HL_TOK_AS)) {
            hl_ast_node *target = at(p, HL_TOK_STAR) ? hl_parser_starred(p) : hl_parse_ops(p, P_BOR);
            if (!target || !hl_parser_make_target(p, target, STAR_TARGETS)) return false;
            hl_parser_record_names(p, target);
        }
    } while (accept(p, HL_TOK_COMMA));
    return true;
}

hl_ast_node *hl_parse_with(parser *p, const hl_token *kw, bool async) {
    hl_parser_advance(p);
    bool done = false;
    if (at(p, HL_TOK_LPAR)) { /* with (a as b, c as d): or an expression in parentheses */
        snapshot s;
        hl_parser_save(p, &s);
        hl_parser_advance(p);
        if (with_items(p, HL_TOK_RPAR) && accept(p, HL_TOK_RPAR) && at(p, HL_TOK_COLON)) done = true;
        else hl_parser_restore(p, &s);
    }
    if (!done && !with_items(p, HL_TOK_COLON)) return NULL;
    if (!header_colon(p)) return NULL;
    vec body = {0};
    if (!parse_block(p, kw, "'with' statement", &body)) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_PASS, kw);
    if (n) {
        if (async && p->scope->kind != SCOPE_ASYNC_FUNCTION)
            hl_parser_defer(p, STAGE_COMPILER, n, "'async with' outside async function");
        hl_parser_unsupported(p, n, "'with' statements are");
    }
    return hl_parser_finish(p, n);
}

/* "match" is a keyword only before a subject, ':' and an indented block of cases; heaplab
 * skips the block and reports the statement as unsupported. */
bool hl_parser_try_match(parser *p, vec *body) {
    snapshot s;
    hl_parser_save(p, &s);
    hl_token kw = p->tok;
    hl_parser_advance(p);
    hl_ast_node *subject = hl_parse_star_named_expression(p);
    if (subject && at(p, HL_TOK_COMMA)) {
        while (accept(p, HL_TOK_COMMA) && !at(p, HL_TOK_COLON))
            if (!hl_parse_star_named_expression(p)) break;
    }
    if (p->failed || !at(p, HL_TOK_COLON) || hl_parser_peek(p)->kind != HL_TOK_NEWLINE) {
        hl_parser_restore(p, &s);
        return false;
    }
    hl_parser_advance(p);
    hl_parser_advance(p);
    if (!at(p, HL_TOK_INDENT)) {
        hl_parser_fail_token(p, &p->tok, HL_LANG_INDENTATION_ERROR,
                             "expected an indented block after 'match' statement on line %d", kw.line);
        return true;
    }
    for (int depth = 0;;) {
        hl_parser_advance(p);
        if (at(p, HL_TOK_INDENT)) depth++;
        else if (at(p, HL_TOK_ENDMARKER)) break;
        else if (at(p, HL_TOK_DEDENT) && depth-- == 0) {
            hl_parser_advance(p);
            break;
        }
    }
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_PASS, &kw);
    if (n) hl_parser_unsupported(p, n, "'match' statements are");
    if (!p->failed) hl_parser_vec_push(p, body, n);
    return true;
}

hl_ast_node *hl_parse_decorated(parser *p) {
    hl_token first = p->tok;
    while (accept(p, HL_TOK_AT)) {
        hl_ast_node *d = hl_parse_named_expression(p);
        if (!d) return NULL;
        hl_parser_record_names(p, d);
        if (!accept(p, HL_TOK_NEWLINE)) {
            hl_parser_invalid_syntax(p);
            return NULL;
        }
    }
    hl_token kw = p->tok;
    hl_ast_node *n;
    if (at(p, HL_TOK_DEF)) n = hl_parse_def(p, &kw, false);
    else if (at(p, HL_TOK_CLASS)) n = hl_parse_class(p);
    else if (at(p, HL_TOK_ASYNC) && hl_parser_peek(p)->kind == HL_TOK_DEF) {
        hl_parser_advance(p);
        n = hl_parse_def(p, &kw, true);
    } else {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    if (!n) return NULL;
    hl_ast_node *where = hl_parser_node_from(p, HL_AST_PASS, &first);
    if (where) hl_parser_unsupported(p, where, "decorators are");
    return n;
}
