/* lang/parse_params.c: parameter lists (def and lambda) and lambda expressions.
 *
 * Owns: parameters with annotations and defaults, '/', '*' and '**' parameters and their
 * errors, and lambda. Calls parser.c's machinery, parse_expr.c and parse_symtable.c (a
 * lambda's scope). */
#include "parser_internal.h"

/* ---- parameters and lambda ---- */

/* A parameter's name and annotation; *args may have a starred one ("*args: *Ts"). */
static hl_ast_node *param(parser *p, bool lambda, bool star) {
    if (!at(p, HL_TOK_NAME)) {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    hl_parser_advance(p);
    hl_ast_node *a = hl_parser_node_from(p, HL_AST_ARG, &p->prev);
    if (!a || !(a->u.arg.name = hl_parser_token_text(p, &p->prev))) return NULL;
    for (size_t i = 0; i < p->prev.len; i++)
        if ((unsigned char)p->prev.text[i] >= 0x80) {
            hl_parser_unsupported(p, a, "non-ASCII identifiers are");
            break;
        }
    if (!lambda && accept(p, HL_TOK_COLON)) {
        hl_ast_node *annotation = star && at(p, HL_TOK_STAR) ? hl_parser_starred(p) : hl_parse_expression(p);
        if (!annotation) return NULL;
        hl_parser_unsupported(p, annotation, "annotations are");
        a->end_line = annotation->end_line;
        a->end_col = annotation->end_col;
    }
    return hl_parser_finish(p, a);
}

/* A parameter's default after '=', with CPython's "expected default value expression". */
static hl_ast_node *param_default(parser *p, hl_tok end) {
    hl_token eq = p->tok;
    hl_parser_advance(p);
    if (at(p, HL_TOK_COMMA) || at(p, end)) {
        hl_parser_fail_token(p, &eq, HL_LANG_SYNTAX_ERROR, "expected default value expression");
        return NULL;
    }
    return hl_parse_expression(p);
}

/* Parameters up to ')' (def) or ':' (lambda). */
bool hl_parse_params(parser *p, hl_ast_params *out, bool lambda) {
    hl_tok end = lambda ? HL_TOK_COLON : HL_TOK_RPAR;
    vec args = {0}, defaults = {0}, kwonly = {0}, kw_defaults = {0};
    bool star = false, slash = false;
    memset(out, 0, sizeof *out);
    while (!at(p, end)) {
        hl_token t = p->tok;
        if (at(p, HL_TOK_SLASH)) {
            if (!args.len) {
                hl_parser_fail_token(p, &t, HL_LANG_SYNTAX_ERROR, "at least one argument must precede /");
                return false;
            }
            if (slash || star) {
                hl_parser_fail_token(p, &t, HL_LANG_SYNTAX_ERROR, slash ? "/ may appear only once" : "/ must be ahead of *");
                return false;
            }
            slash = true;
            hl_parser_advance(p);
            hl_ast_node *where = hl_parser_node_from(p, HL_AST_PASS, &t);
            if (!where) return false;
            hl_parser_unsupported(p, where, "positional-only parameters are");
        } else if (at(p, HL_TOK_STAR)) {
            if (star) {
                hl_parser_fail_token(p, &t, HL_LANG_SYNTAX_ERROR, "* argument may appear only once");
                return false;
            }
            star = true;
            hl_parser_advance(p);
            if (at(p, HL_TOK_NAME)) {
                if (!(out->vararg = param(p, lambda, true))) return false;
                if (at(p, HL_TOK_EQUAL)) {
                    hl_parser_fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR,
                                         "var-positional argument cannot have default value");
                    return false;
                }
            } else if (at(p, end) ||
                       (at(p, HL_TOK_COMMA) && (hl_parser_peek(p)->kind == end || hl_parser_peek(p)->kind == HL_TOK_DSTAR))) {
                if (lambda) FAIL_LAST(p, "named arguments must follow bare *");
                else hl_parser_fail_token(p, &t, HL_LANG_SYNTAX_ERROR, "named arguments must follow bare *");
                return false;
            } else if (!at(p, HL_TOK_COMMA)) {
                hl_parser_invalid_syntax(p);
                return false;
            }
        } else if (at(p, HL_TOK_DSTAR)) {
            hl_parser_advance(p);
            if (!(out->kwarg = param(p, lambda, false))) return false;
            if (at(p, HL_TOK_EQUAL)) {
                hl_parser_fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "var-keyword argument cannot have default value");
                return false;
            }
            if (accept(p, HL_TOK_COMMA)) {
                if (at(p, HL_TOK_NAME) || at(p, HL_TOK_STAR) || at(p, HL_TOK_DSTAR) || at(p, HL_TOK_SLASH)) {
                    hl_parser_fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "arguments cannot follow var-keyword argument");
                    return false;
                }
            }
            if (!at(p, end)) {
                hl_parser_invalid_syntax(p);
                return false;
            }
            break;
        } else if (at(p, HL_TOK_LPAR)) {
            /* "def f((a, b)):" gets CPython's own message; anything else is plain invalid. */
            hl_token open = p->tok;
            hl_parser_advance(p);
            while (accept(p, HL_TOK_NAME))
                if (!accept(p, HL_TOK_COMMA)) break;
            if (at(p, HL_TOK_RPAR) && p->prev.kind != HL_TOK_LPAR) {
                hl_ast_node *a = hl_parser_node_from(p, HL_AST_PASS, &open), *b = hl_parser_node_from(p, HL_AST_PASS, &p->tok);
                if (a && b) {
                    hl_parser_real_pos(p, p->tok.end_line, p->tok.end_col, &b->end_line, &b->end_col);
                    hl_parser_fail_range(p, a, b, lambda ? "Lambda expression parameters cannot be parenthesized"
                                               : "Function parameters cannot be parenthesized");
                }
            } else {
                hl_parser_invalid_syntax_at(p, &open);
            }
            return false;
        } else {
            hl_ast_node *a = param(p, lambda, false);
            if (!a) return false;
            hl_ast_node *d = NULL;
            if (at(p, HL_TOK_EQUAL) && !(d = param_default(p, end))) return false;
            if (star) {
                if (!hl_parser_vec_push(p, &kwonly, a) || !hl_parser_vec_push(p, &kw_defaults, d)) return false;
            } else {
                if (d) {
                    if (!hl_parser_vec_push(p, &defaults, d)) return false;
                } else if (defaults.len) {
                    FAIL_NODE(p, a, "non-default argument follows default argument");
                    return false;
                }
                if (!hl_parser_vec_push(p, &args, a)) return false;
            }
        }
        if (!accept(p, HL_TOK_COMMA)) {
            if (!at(p, end)) {
                hl_parser_invalid_syntax(p);
                return false;
            }
            break;
        }
    }
    out->args = as_list(args);
    out->defaults = as_list(defaults);
    out->kwonly = as_list(kwonly);
    out->kw_defaults = as_list(kw_defaults);
    return true;
}

void hl_parser_add_params(parser *p, const hl_ast_params *ps) {
    for (size_t i = 0; i < ps->args.len; i++) hl_parser_add_param(p, ps->args.items[i]);
    if (ps->vararg) hl_parser_add_param(p, ps->vararg);
    for (size_t i = 0; i < ps->kwonly.len; i++) hl_parser_add_param(p, ps->kwonly.items[i]);
    if (ps->kwarg) hl_parser_add_param(p, ps->kwarg);
}

hl_ast_node *hl_parse_lambda(parser *p) {
    hl_token start = p->tok;
    hl_parser_advance(p);
    hl_ast_params params;
    if (!hl_parse_params(p, &params, true)) return NULL;
    if (!hl_parser_expect_closing(p, HL_TOK_COLON)) return NULL;
    scope *outer = p->scope;
    int loops = p->loop_depth;
    if (!hl_parser_push_scope(p, SCOPE_LAMBDA)) return NULL;
    hl_parser_add_params(p, &params);
    hl_ast_node *body = NULL;
    if (hl_parser_enter(p)) body = hl_parse_expression(p);
    leave(p);
    p->scope = outer;
    p->loop_depth = loops;
    if (!body) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_LAMBDA, &start);
    if (!n) return NULL;
    n->u.lambda.params = params;
    n->u.lambda.body = body;
    return hl_parser_finish(p, n);
}
