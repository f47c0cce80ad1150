/* lang/parse_atom.c: atoms and primaries.
 *
 * Owns: names, constants and literals as atoms, await, and the primary chain on top of an
 * atom: attribute access, calls (arguments, keywords, *args and **kwargs) and subscripts
 * with slices. Calls parser.c's machinery, parse_expr.c, parse_string.c and parse_display.c
 * (parenthesized forms, lists, dicts and sets). */
#include "parser_internal.h"

/* ---- atoms ---- */

static hl_ast_node *parse_subscript(parser *p, hl_ast_node *value, const hl_token *start);

static hl_ast_node *parse_atom(parser *p) {
    switch (p->tok.kind) {
    case HL_TOK_NAME: {
        hl_parser_advance(p);
        return hl_parser_name_node(p, &p->prev);
    }
    case HL_TOK_TRUE: return hl_parser_constant(p, HL_CONST_TRUE);
    case HL_TOK_FALSE: return hl_parser_constant(p, HL_CONST_FALSE);
    case HL_TOK_NONE: return hl_parser_constant(p, HL_CONST_NONE);
    case HL_TOK_ELLIPSIS: return hl_parser_constant(p, HL_CONST_ELLIPSIS);
    case HL_TOK_NUMBER: return hl_parser_number(p);
    case HL_TOK_STRING: return hl_parse_strings(p);
    case HL_TOK_LPAR: return hl_parse_paren(p);
    case HL_TOK_LSQB: return hl_parse_list(p);
    case HL_TOK_LBRACE: return hl_parse_brace(p);
    default:
        hl_parser_invalid_syntax(p);
        return NULL;
    }
}

hl_ast_node *hl_parse_primary(parser *p) {
    if (at(p, HL_TOK_AWAIT)) {
        hl_token start = p->tok;
        hl_parser_advance(p);
        hl_ast_node *value = hl_parse_primary(p);
        if (!value) return NULL;
        hl_ast_node *n = hl_parser_node_from(p, HL_AST_UNSUPPORTED, &start);
        if (!n) return NULL;
        n->u.unsupported.what = "await expression";
        n->u.unsupported.value = value;
        hl_parser_unsupported(p, n, "'await' expressions are");
        /* Inside a comprehension it makes that comprehension asynchronous instead: decided
         * when the statement is done (settle_awaits). */
        if (p->scope->kind != SCOPE_ASYNC_FUNCTION) {
            void *room = hl_parser_make_room(p, p->awaits, &p->cap_awaits, p->n_awaits, sizeof *p->awaits);
            if (!room) return NULL;
            p->awaits = room;
            p->awaits[p->n_awaits++] = (struct pending_await){n, hl_parser_in_function(p)};
        }
        return hl_parser_finish(p, n);
    }
    hl_token start = p->tok;
    hl_ast_node *n = parse_atom(p);
    while (n) {
        if (at(p, HL_TOK_DOT)) {
            hl_parser_advance(p);
            if (!at(p, HL_TOK_NAME)) {
                hl_parser_invalid_syntax(p);
                return NULL;
            }
            hl_parser_advance(p);
            hl_ast_node *attr = hl_parser_node_from(p, HL_AST_ATTRIBUTE, &start);
            if (!attr) return NULL;
            attr->u.attribute.value = n;
            if (!(attr->u.attribute.attr = hl_parser_token_text(p, &p->prev))) return NULL;
            n = hl_parser_finish(p, attr);
        } else if (at(p, HL_TOK_LPAR)) {
            n = hl_parse_call(p, n, &start);
        } else if (at(p, HL_TOK_LSQB)) {
            n = parse_subscript(p, n, &start);
        } else {
            break;
        }
    }
    return n;
}

/* CPython's _PyPegen_get_last_comprehension_item. */
static hl_ast_node *last_comprehension_item(const vec *generators) {
    hl_ast_node *c = generators->items[generators->len - 1];
    if (c->u.comprehension.ifs.len) return c->u.comprehension.ifs.items[c->u.comprehension.ifs.len - 1];
    return c->u.comprehension.iter;
}

/* The compiler's "keyword argument repeated", which it finds visiting the call, before the
 * calls inside it. */
static void repeated_keywords(parser *p, const hl_ast_node *call) {
    const hl_ast_list *kws = &call->u.call.keywords;
    for (size_t i = 1; i < kws->len; i++) {
        const char *name = kws->items[i]->u.keyword.name;
        for (size_t j = 0; name && j < i; j++) {
            const char *other = kws->items[j]->u.keyword.name;
            if (other && strcmp(other, name) == 0) {
                hl_parser_defer_ordered(p, STAGE_COMPILER, call, kws->items[i], "keyword argument repeated: %s", name);
                return;
            }
        }
    }
}

hl_ast_node *hl_parse_call(parser *p, hl_ast_node *func, const hl_token *func_start) {
    hl_token open = p->tok;
    hl_parser_advance(p);
    vec args = {0}, keywords = {0};
    bool seen_keyword = false, seen_dstar = false, positional_late = false;
    hl_ast_node *genexp_elt = NULL, *first_arg = NULL, *last_arg = NULL;
    vec generators = {0};
    while (!at(p, HL_TOK_RPAR)) {
        hl_token start = p->tok;
        hl_ast_node *this_arg = NULL;
        if (at(p, HL_TOK_STAR)) {
            if (seen_dstar) {
                hl_parser_fail_range(p, first_arg, last_arg, "iterable argument unpacking follows keyword argument unpacking");
                return NULL;
            }
            hl_parser_advance(p);
            hl_ast_node *value = hl_parse_expression(p);
            if (!value) return NULL;
            hl_ast_node *star = hl_parser_node_from(p, HL_AST_STARRED, &start);
            if (!star) return NULL;
            star->u.starred.value = value;
            if (!hl_parser_vec_push(p, &args, this_arg = hl_parser_finish(p, star))) return NULL;
        } else if (at(p, HL_TOK_DSTAR)) {
            hl_parser_advance(p);
            hl_ast_node *value = hl_parse_expression(p);
            if (!value) return NULL;
            hl_ast_node *kw = hl_parser_node_from(p, HL_AST_KEYWORD, &start);
            if (!kw) return NULL;
            kw->u.keyword.value = value;
            if (!hl_parser_vec_push(p, &keywords, this_arg = hl_parser_finish(p, kw))) return NULL;
            seen_keyword = seen_dstar = true;
        } else {
            hl_ast_node *e = hl_parse_expression(p);
            if (e && at(p, HL_TOK_COLONEQUAL)) e = hl_parser_named_tail(p, e); /* f(x := 1) */
            if (!e) return NULL;
            if (at(p, HL_TOK_EQUAL)) {
                hl_token eq = p->tok;
                hl_ast_node eqn = {.line = eq.line, .col = eq.col, .end_line = eq.end_line, .end_col = eq.end_col};
                hl_parser_real_pos(p, eq.line, eq.col, &eqn.line, &eqn.col);
                hl_parser_real_pos(p, eq.end_line, eq.end_col, &eqn.end_line, &eqn.end_col);
                if (e->kind == HL_AST_CONSTANT && !(e->flags & HL_AST_GROUPED) && e->u.constant != HL_CONST_ELLIPSIS) {
                    hl_parser_fail_range(p, e, &eqn, "cannot assign to %s", hl_ast_describe(e));
                    return NULL;
                }
                if (!is_name(e)) {
                    hl_parser_fail_range(p, e, &eqn, "expression cannot contain assignment, perhaps you meant \"==\"?");
                    return NULL;
                }
                hl_parser_advance(p);
                hl_ast_node *value = hl_parse_expression(p);
                if (!value) return NULL;
                if (at(p, HL_TOK_FOR)) {
                    hl_parser_fail_range(p, e, &eqn, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                    return NULL;
                }
                hl_ast_node *kw = hl_parser_node_from(p, HL_AST_KEYWORD, &start);
                if (!kw) return NULL;
                kw->u.keyword.name = e->u.name.id;
                kw->u.keyword.value = value;
                if (!hl_parser_vec_push(p, &keywords, this_arg = hl_parser_finish(p, kw))) return NULL;
                seen_keyword = true;
            } else if (hl_parser_at_comprehension(p)) {
                if (!hl_parse_comprehension(p, &generators)) return NULL;
                bool more = false;
                if (!(genexp_elt || args.len || keywords.len) && accept(p, HL_TOK_COMMA) &&
                    (hl_parser_starts_expression(p->tok.kind) || at(p, HL_TOK_STAR) || at(p, HL_TOK_DSTAR))) {
                    /* CPython's rule reads the arguments after the comma first */
                    more = true;
                    if (!accept(p, HL_TOK_STAR)) accept(p, HL_TOK_DSTAR);
                    hl_parse_expression(p);
                    if (p->failed && !recoverable(p)) return NULL;
                    p->failed = false;
                }
                if (more || genexp_elt || args.len || keywords.len || !at(p, HL_TOK_RPAR)) {
                    hl_parser_fail_range(p, e, last_comprehension_item(&generators),
                                         "Generator expression must be parenthesized");
                    return NULL;
                }
                genexp_elt = e;
            } else {
                if (seen_keyword) positional_late = true;
                if (genexp_elt) {
                    hl_parser_fail_range(p, genexp_elt, last_comprehension_item(&generators),
                                         "Generator expression must be parenthesized");
                    return NULL;
                }
                if (!hl_parser_vec_push(p, &args, this_arg = e)) return NULL;
            }
        }
        if (this_arg) {
            if (!first_arg) first_arg = this_arg;
            last_arg = this_arg;
        }
        if (at(p, HL_TOK_COMMA)) {
            hl_parser_advance(p);
            continue;
        }
        if (!at(p, HL_TOK_RPAR)) {
            hl_parser_invalid_syntax(p);
            return NULL;
        }
    }
    if (positional_late) {
        FAIL_LAST(p, seen_dstar ? "positional argument follows keyword argument unpacking"
                             : "positional argument follows keyword argument");
        return NULL;
    }
    hl_parser_advance(p);
    hl_ast_node *call = hl_parser_node_from(p, HL_AST_CALL, func_start);
    if (!call) return NULL;
    call->u.call.func = func;
    if (genexp_elt) {
        hl_ast_node *g = hl_parser_node_from(p, HL_AST_GENEXP, &open);
        if (!g) return NULL;
        g->u.comp.elt = genexp_elt;
        g->u.comp.generators = as_list(generators);
        hl_parser_check_async_comprehension(p, g);
        if (!hl_parser_vec_push(p, &args, hl_parser_finish(p, g))) return NULL;
    }
    call->u.call.args = as_list(args);
    call->u.call.keywords = as_list(keywords);
    repeated_keywords(p, call);
    return hl_parser_finish(p, call);
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static hl_ast_node *parse_slice(parser *p) {
    hl_token start = p->tok;
    hl_ast_node *lower = NULL;
    if (!at(p, HL_TOK_COLON)) {
        if (at(p, HL_TOK_STAR)) { /* starred_expression: '*' expression */
            hl_token star = p->tok;
            hl_parser_advance(p);
            hl_ast_node *value = hl_parse_expression(p);
            hl_ast_node *n = value ? hl_parser_node_from(p, HL_AST_STARRED, &star) : NULL;
            if (!n) return NULL;
            n->u.starred.value = value;
            return hl_parser_finish(p, n);
        }
        hl_ast_node *e = hl_parse_named_expression(p);
        if (!e || !at(p, HL_TOK_COLON)) return e;
        lower = e;
    }
    hl_parser_advance(p);
    hl_ast_node *upper = NULL, *step = NULL;
    if (!at(p, HL_TOK_COLON) && !at(p, HL_TOK_COMMA) && !at(p, HL_TOK_RSQB)) {
        if (!(upper = hl_parse_expression(p))) return NULL;
    }
    if (accept(p, HL_TOK_COLON) && !at(p, HL_TOK_COMMA) && !at(p, HL_TOK_RSQB)) {
        if (!(step = hl_parse_expression(p))) return NULL;
    }
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_SLICE, &start);
    if (!n) return NULL;
    n->u.slice.lower = lower;
    n->u.slice.upper = upper;
    n->u.slice.step = step;
    return hl_parser_finish(p, n);
}

static hl_ast_node *parse_subscript(parser *p, hl_ast_node *value, const hl_token *value_start) {
    hl_parser_advance(p);
    hl_token start = p->tok;
    vec items = {0};
    bool tuple = false;
    for (;;) {
        hl_ast_node *item = parse_slice(p);
        if (!item || !hl_parser_vec_push(p, &items, item)) return NULL;
        if (item->kind == HL_AST_STARRED) tuple = true;
        if (!accept(p, HL_TOK_COMMA)) break;
        tuple = true;
        if (at(p, HL_TOK_RSQB)) break;
    }
    hl_ast_node *index = items.items[0];
    if (tuple) {
        index = hl_parser_node_from(p, HL_AST_TUPLE, &start);
        if (!index) return NULL;
        index->u.seq.items = as_list(items);
        hl_parser_finish(p, index);
    }
    if (!at(p, HL_TOK_RSQB)) {
        hl_parser_invalid_syntax(p);
        return NULL;
    }
    hl_parser_advance(p);
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_SUBSCRIPT, value_start);
    if (!n) return NULL;
    n->u.subscript.value = value;
    n->u.subscript.index = index;
    return hl_parser_finish(p, n);
}
