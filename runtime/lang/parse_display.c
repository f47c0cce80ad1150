/* lang/parse_display.c: displays and comprehensions.
 *
 * Owns: comprehension clauses (for_if_clauses) and the comprehension nodes, parenthesized
 * forms and tuples, list, dict and set displays and their comprehensions, and generator
 * expressions. Calls parser.c's machinery, parse_expr.c and parse_target.c. */
#include "parser_internal.h"

/* ---- displays and comprehensions ---- */

/* for_if_clauses */
bool hl_parse_comprehension(parser *p, vec *generators) {
    while (hl_parser_at_comprehension(p)) {
        hl_token start = p->tok;
        bool async = at(p, HL_TOK_ASYNC);
        if (async) hl_parser_advance(p);
        hl_parser_advance(p);
        hl_ast_node *target = hl_parse_for_head(p);
        if (!target) return false;
        hl_ast_node *iter = hl_parse_ops(p, P_OR);
        if (!iter) return false;
        vec ifs = {0};
        while (accept(p, HL_TOK_IF)) {
            hl_ast_node *cond = hl_parse_ops(p, P_OR);
            if (!cond || !hl_parser_vec_push(p, &ifs, cond)) return false;
        }
        hl_ast_node *c = hl_parser_node_from(p, HL_AST_COMPREHENSION, &start);
        if (!c) return false;
        c->u.comprehension.target = target;
        c->u.comprehension.iter = iter;
        c->u.comprehension.ifs = as_list(ifs);
        if (async) {
            c->flags |= HL_AST_ASYNC_FOR;
            hl_parser_unsupported(p, c, "asynchronous comprehensions are");
        }
        if (!hl_parser_vec_push(p, generators, hl_parser_finish(p, c))) return false;
    }
    return true;
}

bool hl_parser_expect_closing(parser *p, hl_tok kind) {
    if (at(p, kind)) {
        hl_parser_advance(p);
        return true;
    }
    hl_parser_invalid_syntax(p);
    return false;
}

/* The comprehension clauses an error rule reads before its message ("[*a for a in b]"):
 * true when they parse, else the error is the one CPython's first pass stopped at. */
static bool clauses_for_message(parser *p) {
    vec generators = {0};
    hl_token far = p->far;
    if (hl_parse_comprehension(p, &generators)) return true;
    if (recoverable(p)) {
        p->failed = false;
        hl_parser_invalid_syntax_at(p, &far);
    }
    return false;
}

static hl_ast_node *starred_comprehension(parser *p, hl_ast_node *elt) {
    if (clauses_for_message(p)) FAIL_NODE(p, elt, "iterable unpacking cannot be used in comprehension");
    return NULL;
}

bool hl_parser_inside(const hl_ast_node *inner, const hl_ast_node *outer) {
    return (inner->line > outer->line || (inner->line == outer->line && inner->col >= outer->col)) &&
           (inner->end_line < outer->end_line || (inner->end_line == outer->end_line && inner->end_col <= outer->end_col));
}

/* A comprehension with "async for", or with "await" past its first iterable, is
 * asynchronous: a generator expression may be anywhere, the others only in async
 * functions. Those awaits need no async function of their own. */
void hl_parser_check_async_comprehension(parser *p, hl_ast_node *comp) {
    const hl_ast_list *gens = &comp->u.comp.generators;
    bool async = false;
    for (size_t i = 0; i < gens->len; i++) async |= (gens->items[i]->flags & HL_AST_ASYNC_FOR) != 0;
    const hl_ast_node *first_iter = gens->items[0]->u.comprehension.iter;
    size_t kept = 0;
    for (size_t i = 0; i < p->n_awaits; i++) {
        hl_ast_node *a = p->awaits[i].node;
        if (hl_parser_inside(a, comp) && !hl_parser_inside(a, first_iter)) async = true;
        else p->awaits[kept++] = p->awaits[i];
    }
    p->n_awaits = kept;
    if (async && comp->kind != HL_AST_GENEXP && p->scope->kind != SCOPE_ASYNC_FUNCTION)
        hl_parser_defer(p, STAGE_COMPILER, comp, "asynchronous comprehension outside of an asynchronous function");
}

static hl_ast_node *comprehension_node(parser *p, hl_ast_kind kind, const hl_token *start,
                                       hl_ast_node *elt, hl_ast_node *value, hl_tok close) {
    vec generators = {0};
    if (!hl_parse_comprehension(p, &generators) || !hl_parser_expect_closing(p, close)) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, kind, start);
    if (!n) return NULL;
    n->u.comp.elt = elt;
    n->u.comp.value = value;
    n->u.comp.generators = as_list(generators);
    hl_parser_check_async_comprehension(p, n);
    return hl_parser_finish(p, n);
}

hl_ast_node *hl_parser_seq_node(parser *p, hl_ast_kind kind, const hl_token *start, vec items) {
    hl_ast_node *n = hl_parser_node_from(p, kind, start);
    if (!n) return NULL;
    n->u.seq.items = as_list(items);
    return hl_parser_finish(p, n);
}

/* The items of a list or set display after its first, up to the closing bracket, with
 * CPython's invalid_comprehension messages for "[a, b for a in c]". */
static bool display_items(parser *p, vec *items, hl_tok close) {
    while (at(p, HL_TOK_COMMA)) {
        hl_token comma = p->tok;
        hl_parser_advance(p);
        if (hl_parser_at_comprehension(p)) {
            hl_ast_node *first = items->items[0];
            hl_ast_node last = {0};
            if (items->len == 1) {
                hl_parser_real_pos(p, comma.line, comma.col, &last.line, &last.col);
                hl_parser_real_pos(p, comma.end_line, comma.end_col, &last.end_line, &last.end_col);
            } else {
                last = *items->items[items->len - 1];
            }
            if (clauses_for_message(p))
                hl_parser_fail_range(p, first, &last, "did you forget parentheses around the comprehension target?");
            return false;
        }
        if (at(p, close)) break;
        hl_ast_node *item = hl_parse_star_named_expression(p);
        if (!item || !hl_parser_vec_push(p, items, item)) return false;
    }
    if (hl_parser_at_comprehension(p) && items->len > 1) {
        if (clauses_for_message(p))
            hl_parser_fail_range(p, items->items[0], items->items[items->len - 1],
                                 "did you forget parentheses around the comprehension target?");
        return false;
    }
    return hl_parser_expect_closing(p, close);
}

hl_ast_node *hl_parse_paren(parser *p) {
    hl_token start = p->tok;
    hl_parser_advance(p);
    if (accept(p, HL_TOK_RPAR)) {
        hl_ast_node *t = hl_parser_seq_node(p, HL_AST_TUPLE, &start, (vec){0});
        if (t) t->flags |= HL_AST_PAREN_SEQ;
        return t;
    }
    hl_ast_node *first;
    if (at(p, HL_TOK_YIELD)) {
        first = hl_parse_yield(p);
    } else if (at(p, HL_TOK_DSTAR)) {
        hl_token dstar = p->tok;
        hl_parser_advance(p);
        if (hl_parse_expression(p) && at(p, HL_TOK_RPAR))
            hl_parser_fail_token(p, &dstar, HL_LANG_SYNTAX_ERROR, "cannot use double starred expression here");
        else
            hl_parser_fail_token(p, &dstar, HL_LANG_SYNTAX_ERROR, "invalid syntax");
        return NULL;
    } else {
        first = hl_parse_star_named_expression(p);
    }
    if (!first) return NULL;
    if (hl_parser_at_comprehension(p) && !is_yield(first)) {
        if (first->kind == HL_AST_STARRED) {
            return starred_comprehension(p, first);
        }
        return comprehension_node(p, HL_AST_GENEXP, &start, first, NULL, HL_TOK_RPAR);
    }
    if (at(p, HL_TOK_RPAR)) {
        if (first->kind == HL_AST_STARRED) {
            FAIL_NODE(p, first, "cannot use starred expression here");
            return NULL;
        }
        hl_parser_advance(p);
        first->flags |= HL_AST_GROUPED;
        return first;
    }
    if (!at(p, HL_TOK_COMMA) || is_yield(first)) {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    vec items = {0};
    if (!hl_parser_vec_push(p, &items, first)) return NULL;
    while (accept(p, HL_TOK_COMMA)) {
        if (at(p, HL_TOK_RPAR)) break;
        hl_ast_node *item = hl_parse_star_named_expression(p);
        if (!item || !hl_parser_vec_push(p, &items, item)) return NULL;
    }
    if (!hl_parser_expect_closing(p, HL_TOK_RPAR)) return NULL;
    hl_ast_node *t = hl_parser_seq_node(p, HL_AST_TUPLE, &start, items);
    if (t) t->flags |= HL_AST_PAREN_SEQ;
    return t;
}

/* A list or set display after its first item: a comprehension or more items. */
static hl_ast_node *display_rest(parser *p, const hl_token *start, hl_ast_node *first, hl_ast_kind comp,
                                 hl_ast_kind seq, hl_tok close) {
    if (!first) return NULL;
    if (hl_parser_at_comprehension(p)) {
        if (first->kind == HL_AST_STARRED) return starred_comprehension(p, first);
        return comprehension_node(p, comp, start, first, NULL, close);
    }
    vec items = {0};
    if (!hl_parser_vec_push(p, &items, first) || !display_items(p, &items, close)) return NULL;
    return hl_parser_seq_node(p, seq, start, items);
}

hl_ast_node *hl_parse_list(parser *p) {
    hl_token start = p->tok;
    hl_parser_advance(p);
    if (accept(p, HL_TOK_RSQB)) return hl_parser_seq_node(p, HL_AST_LIST, &start, (vec){0});
    return display_rest(p, &start, hl_parse_star_named_expression(p), HL_AST_LISTCOMP, HL_AST_LIST, HL_TOK_RSQB);
}

/* A dictionary value after its ':' (consumed; colon is that token). */
static hl_ast_node *dict_value(parser *p, const hl_token *colon) {
    if (at(p, HL_TOK_RBRACE) || at(p, HL_TOK_COMMA)) {
        hl_parser_fail_token(p, colon, HL_LANG_SYNTAX_ERROR, "expression expected after dictionary key and ':'");
        return NULL;
    }
    if (at(p, HL_TOK_STAR)) {
        int line, col;
        hl_parser_token_location(p, &p->tok, &line, &col, &(int){0}, &(int){0});
        hl_parser_advance(p);
        if (hl_parse_ops(p, P_BOR))
            hl_parser_fail_at(p, HL_LANG_SYNTAX_ERROR, line, col, p->lex.line, (int)(p->lex.cur - p->lex.line_start),
                              "cannot use a starred expression in a dictionary value");
        return NULL;
    }
    return hl_parse_expression(p);
}

static hl_ast_node *parse_dict(parser *p, const hl_token *start, hl_ast_node *key, hl_ast_node *value) {
    vec keys = {0}, values = {0};
    if (!hl_parser_vec_push(p, &keys, key) || !hl_parser_vec_push(p, &values, value)) return NULL;
    while (accept(p, HL_TOK_COMMA)) {
        if (at(p, HL_TOK_RBRACE)) break;
        if (accept(p, HL_TOK_DSTAR)) {
            hl_ast_node *v = hl_parse_ops(p, P_BOR);
            if (!v || !hl_parser_vec_push(p, &keys, NULL) || !hl_parser_vec_push(p, &values, v)) return NULL;
            continue;
        }
        hl_ast_node *k = hl_parse_expression(p);
        if (!k) return NULL;
        if (!at(p, HL_TOK_COLON)) {
            int line, col;
            hl_parser_node_err_pos(p, k->line, k->end_col, &line, &col);
            hl_parser_fail_at(p, HL_LANG_SYNTAX_ERROR, line, col, err_line(p, k->end_line), 0,
                              "':' expected after dictionary key");
            return NULL;
        }
        hl_token colon = p->tok;
        hl_parser_advance(p);
        hl_ast_node *v = dict_value(p, &colon);
        if (!v || !hl_parser_vec_push(p, &keys, k) || !hl_parser_vec_push(p, &values, v)) return NULL;
    }
    if (!hl_parser_expect_closing(p, HL_TOK_RBRACE)) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_DICT, start);
    if (!n) return NULL;
    n->u.dict.keys = as_list(keys);
    n->u.dict.values = as_list(values);
    return hl_parser_finish(p, n);
}

hl_ast_node *hl_parse_brace(parser *p) {
    hl_token start = p->tok;
    hl_parser_advance(p);
    if (at(p, HL_TOK_RBRACE)) {
        hl_parser_advance(p);
        hl_ast_node *n = hl_parser_node_from(p, HL_AST_DICT, &start);
        return hl_parser_finish(p, n);
    }
    if (at(p, HL_TOK_DSTAR)) {
        hl_token dstar = p->tok;
        hl_parser_advance(p);
        hl_ast_node *v = hl_parse_ops(p, P_BOR);
        if (!v) return NULL;
        if (hl_parser_at_comprehension(p)) {
            if (!clauses_for_message(p)) return NULL;
            if (at(p, HL_TOK_RBRACE))
                hl_parser_fail_token(p, &dstar, HL_LANG_SYNTAX_ERROR, "dict unpacking cannot be used in dict comprehension");
            else
                hl_parser_invalid_syntax(p);
            return NULL;
        }
        return parse_dict(p, &start, NULL, v);
    }
    hl_ast_node *first;
    if (at(p, HL_TOK_STAR)) {
        first = hl_parse_star_named_expression(p);
    } else {
        hl_ast_node *key = hl_parse_expression(p);
        if (!key) return NULL;
        if (at(p, HL_TOK_COLON)) {
            hl_token colon = p->tok;
            hl_parser_advance(p);
            hl_ast_node *value = dict_value(p, &colon);
            if (!value) return NULL;
            if (hl_parser_at_comprehension(p))
                return comprehension_node(p, HL_AST_DICTCOMP, &start, key, value, HL_TOK_RBRACE);
            return parse_dict(p, &start, key, value);
        }
        first = hl_parser_named_tail(p, key);
    }
    return display_rest(p, &start, first, HL_AST_SETCOMP, HL_AST_SET, HL_TOK_RBRACE);
}
