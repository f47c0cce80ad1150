/* lang/parse_expr.c: expressions, from the top of the grammar down to the operators.
 *
 * Owns: number and constant atoms, the binary and unary operators by precedence climbing
 * over the parser's explicit stacks (parse_ops), conditional expressions, named (walrus)
 * and starred expressions, star_expressions, yield, and the "did you mean" checks around
 * them (juxtaposed operands, print/exec without parentheses, '=' instead of '=='). Calls
 * parser.c's machinery and parse_atom.c (parse_primary), parse_string.c, parse_params.c
 * (lambda), parse_display.c (comprehensions) and parse_target.c. */
#include "parser_internal.h"

/* ---- expressions ---- */

/* The depth of nested lambdas and f-strings, the recursions not bounded by brackets. */
bool hl_parser_enter(parser *p) {
    if (++p->depth > MAX_RECURSION) {
        if (!p->failed) {
            p->failed = true;
            p->hard_failed = true;
            p->check_rest = false;
            p->error = (hl_lang_error){HL_LANG_RECURSION_ERROR,
                                       "maximum recursion depth exceeded during compilation", 0, 0, 0, 0};
        }
        return false;
    }
    return true;
}

bool hl_parser_at_comprehension(parser *p) {
    return at(p, HL_TOK_FOR) || (at(p, HL_TOK_ASYNC) && hl_parser_peek(p)->kind == HL_TOK_FOR);
}

bool hl_parser_starts_expression(hl_tok k) {
    switch (k) {
    case HL_TOK_NAME: case HL_TOK_NUMBER: case HL_TOK_STRING: case HL_TOK_LPAR: case HL_TOK_LSQB:
    case HL_TOK_LBRACE: case HL_TOK_MINUS: case HL_TOK_PLUS: case HL_TOK_TILDE: case HL_TOK_NOT:
    case HL_TOK_LAMBDA: case HL_TOK_AWAIT: case HL_TOK_NONE: case HL_TOK_TRUE: case HL_TOK_FALSE:
    case HL_TOK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

hl_ast_node *hl_parser_constant(parser *p, hl_ast_constant c) {
    hl_parser_advance(p);
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_CONSTANT, &p->prev);
    if (n) n->u.constant = c;
    return hl_parser_finish(p, n);
}

hl_ast_node *hl_parser_number(parser *p) {
    hl_token t = p->tok;
    hl_parser_advance(p);
    hl_number_kind kind = hl_lex_number_kind(t.text, t.len);
    hl_ast_node *n = hl_parser_node_from(p, kind == HL_NUMBER_FLOAT ? HL_AST_FLOAT : HL_AST_INT, &t);
    if (!n) return NULL;
    bool ok = true;
    if (kind == HL_NUMBER_FLOAT) {
        ok = hl_lex_float(p->arena, t.text, t.len, &n->u.float_lit.value, &n->u.float_lit.text);
    } else if (kind == HL_NUMBER_INT) {
        hl_int_literal lit;
        ok = hl_lex_int(p->arena, t.text, t.len, &lit);
        if (ok) {
            n->u.int_lit.value = lit.value;
            n->u.int_lit.overflow = lit.overflow;
            n->u.int_lit.text = lit.text;
        }
    } else {
        n->u.int_lit.text = hl_parser_token_text(p, &t);
        hl_parser_unsupported(p, n, "complex numbers are");
    }
    if (!ok) hl_parser_fail_memory(p);
    return hl_parser_finish(p, n);
}

/* ---- operators by precedence ---- */

static bool push_op(parser *p, pending_op op) {
    void *room = hl_parser_make_room(p, p->ops, &p->cap_ops, p->n_ops, sizeof *p->ops);
    if (!room) return false;
    p->ops = room;
    p->ops[p->n_ops++] = op;
    return true;
}

static bool push_val(parser *p, hl_ast_node *n, const hl_token *start) {
    void *room = hl_parser_make_room(p, p->vals, &p->cap_vals, p->n_vals, sizeof *p->vals);
    if (!room) return false;
    p->vals = room;
    operand *v = &p->vals[p->n_vals++];
    v->node = n;
    hl_parser_real_pos(p, start->line, start->col, &v->line, &v->col);
    hl_parser_real_pos(p, p->last_real.end_line, p->last_real.end_col, &v->end_line, &v->end_col);
    return true;
}

/* The binary operator at the current token, if any. */
static bool binary_op(parser *p, hl_ast_op *op, int *prec, int *ntok) {
    *ntok = 1;
    switch (p->tok.kind) {
    case HL_TOK_OR: *op = HL_OP_OR, *prec = P_OR; return true;
    case HL_TOK_AND: *op = HL_OP_AND, *prec = P_AND; return true;
    case HL_TOK_EQEQUAL: *op = HL_OP_EQ, *prec = P_CMP; return true;
    case HL_TOK_NOTEQUAL: *op = HL_OP_NE, *prec = P_CMP; return true;
    case HL_TOK_LESS: *op = HL_OP_LT, *prec = P_CMP; return true;
    case HL_TOK_LESSEQUAL: *op = HL_OP_LE, *prec = P_CMP; return true;
    case HL_TOK_GREATER: *op = HL_OP_GT, *prec = P_CMP; return true;
    case HL_TOK_GREATEREQUAL: *op = HL_OP_GE, *prec = P_CMP; return true;
    case HL_TOK_IN: *op = HL_OP_IN, *prec = P_CMP; return true;
    case HL_TOK_NOT:
        if (hl_parser_peek(p)->kind != HL_TOK_IN) return false;
        *op = HL_OP_NOT_IN, *prec = P_CMP, *ntok = 2;
        return true;
    case HL_TOK_IS:
        *prec = P_CMP;
        *op = HL_OP_IS;
        if (hl_parser_peek(p)->kind == HL_TOK_NOT) *op = HL_OP_IS_NOT, *ntok = 2;
        return true;
    case HL_TOK_VBAR: *op = HL_OP_BITOR, *prec = P_BOR; return true;
    case HL_TOK_CIRCUMFLEX: *op = HL_OP_BITXOR, *prec = P_BXOR; return true;
    case HL_TOK_AMPER: *op = HL_OP_BITAND, *prec = P_BAND; return true;
    case HL_TOK_LSHIFT: *op = HL_OP_LSHIFT, *prec = P_SHIFT; return true;
    case HL_TOK_RSHIFT: *op = HL_OP_RSHIFT, *prec = P_SHIFT; return true;
    case HL_TOK_PLUS: *op = HL_OP_ADD, *prec = P_SUM; return true;
    case HL_TOK_MINUS: *op = HL_OP_SUB, *prec = P_SUM; return true;
    case HL_TOK_STAR: *op = HL_OP_MUL, *prec = P_TERM; return true;
    case HL_TOK_SLASH: *op = HL_OP_DIV, *prec = P_TERM; return true;
    case HL_TOK_DSLASH: *op = HL_OP_FLOORDIV, *prec = P_TERM; return true;
    case HL_TOK_PERCENT: *op = HL_OP_MOD, *prec = P_TERM; return true;
    case HL_TOK_AT: *op = HL_OP_MATMUL, *prec = P_TERM; return true;
    case HL_TOK_DSTAR: *op = HL_OP_POW, *prec = P_POWER; return true;
    default: return false;
    }
}

/* Pops the operator on top and its operands into a node. Comparisons and and/or take the
 * whole run of their operator at once: "a < b < c" is one Compare node. */
static bool reduce(parser *p, size_t ops_base) {
    pending_op top = p->ops[p->n_ops - 1];
    hl_ast_node *n;
    if (top.prefix) {
        p->n_ops--;
        operand *v = &p->vals[p->n_vals - 1];
        hl_parser_real_pos(p, top.tok.line, top.tok.col, &v->line, &v->col);
        n = hl_ast_new(p->arena, HL_AST_UNARY, v->line, v->col, v->end_line, v->end_col);
        if (!n) {
            hl_parser_fail_memory(p);
            return false;
        }
        n->u.unary.op = top.op;
        n->u.unary.operand = v->node;
        v->node = hl_parser_finish(p, n);
        return true;
    }
    if (top.prec == P_CMP || top.prec == P_AND || top.prec == P_OR) {
        size_t run = 1;
        while (run < p->n_ops - ops_base && !p->ops[p->n_ops - 1 - run].prefix &&
               p->ops[p->n_ops - 1 - run].prec == top.prec &&
               (top.prec == P_CMP || p->ops[p->n_ops - 1 - run].op == top.op))
            run++;
        operand *vals = &p->vals[p->n_vals - run - 1];
        n = hl_ast_new(p->arena, top.prec == P_CMP ? HL_AST_COMPARE : HL_AST_BOOL, vals[0].line, vals[0].col,
                       vals[run].end_line, vals[run].end_col);
        hl_ast_node **items = hl_arena_alloc(p->arena, (run + 1) * sizeof *items);
        if (!n || !items) {
            hl_parser_fail_memory(p);
            return false;
        }
        if (top.prec == P_CMP) {
            hl_ast_op *ops = hl_arena_alloc(p->arena, run * sizeof *ops);
            if (!ops) {
                hl_parser_fail_memory(p);
                return false;
            }
            for (size_t i = 0; i < run; i++) {
                ops[i] = p->ops[p->n_ops - run + i].op;
                items[i] = vals[i + 1].node;
            }
            n->u.compare.left = vals[0].node;
            n->u.compare.ops = ops;
            n->u.compare.comparators = (hl_ast_list){items, run};
        } else {
            for (size_t i = 0; i <= run; i++) items[i] = vals[i].node;
            n->u.boolop.op = top.op;
            n->u.boolop.values = (hl_ast_list){items, run + 1};
        }
        p->n_ops -= run;
        p->n_vals -= run;
        vals[0].node = hl_parser_finish(p, n);
        vals[0].end_line = vals[run].end_line, vals[0].end_col = vals[run].end_col;
        return true;
    }
    p->n_ops--;
    operand *l = &p->vals[p->n_vals - 2], *r = &p->vals[p->n_vals - 1];
    hl_ast_node *left = l->node, *right = r->node;
    n = hl_ast_new(p->arena, HL_AST_BINARY, l->line, l->col, r->end_line, r->end_col);
    if (!n) {
        hl_parser_fail_memory(p);
        return false;
    }
    n->u.binary.op = top.op;
    n->u.binary.left = left;
    n->u.binary.right = right;
    if (top.op == HL_OP_MATMUL) hl_parser_unsupported(p, n, "the '@' operator is");
    l->node = hl_parser_finish(p, n);
    l->end_line = r->end_line, l->end_col = r->end_col;
    p->n_vals--;
    return true;
}

/* Operators from precedence min_prec up: P_OR for a disjunction, P_BOR for bitwise_or.
 * Lenient, it stops before an operator whose right operand does not parse, as a PEG rule
 * does; CPython's error rules see such prefixes ("f() = 1 +" has the bitwise_or "1"). */
hl_ast_node *hl_parse_ops_mode(parser *p, int min_prec, bool lenient) {
    size_t ops_base = p->n_ops, vals_base = p->n_vals;
    snapshot *before_op = NULL, *slot = lenient ? hl_parser_snap_get(p) : NULL;
    if (lenient && !slot) return NULL;
    for (;;) {
        for (;;) { /* prefix operators */
            pending_op op = {.tok = p->tok, .prefix = true};
            if (at(p, HL_TOK_NOT)) {
                int binding = p->n_ops > ops_base ? p->ops[p->n_ops - 1].prec : min_prec;
                if (binding > P_NOT) break; /* "a == not b": no operand here */
                op.op = HL_OP_NOT, op.prec = P_NOT;
            } else if (at(p, HL_TOK_MINUS)) {
                op.op = HL_OP_NEG, op.prec = P_UNARY;
            } else if (at(p, HL_TOK_PLUS)) {
                op.op = HL_OP_POS, op.prec = P_UNARY;
            } else if (at(p, HL_TOK_TILDE)) {
                op.op = HL_OP_INVERT, op.prec = P_UNARY;
            } else {
                break;
            }
            if (!push_op(p, op)) goto fail;
            hl_parser_advance(p);
        }
        hl_token operand_start = p->tok;
        hl_ast_node *operand = hl_parse_primary(p);
        if (!operand && before_op && !p->lexer_failed && p->error.kind != HL_LANG_MEMORY_ERROR) {
            hl_parser_restore(p, before_op); /* back before the operator: the prefix is the result */
            break;
        }
        if (!operand || !push_val(p, operand, &operand_start)) goto fail;
        hl_ast_op op;
        int prec, ntok;
        if (!binary_op(p, &op, &prec, &ntok) || prec < min_prec) break;
        /* Reduce what binds tighter; ** is right-associative, comparisons and and/or
         * collect their run. */
        while (p->n_ops > ops_base) {
            pending_op *top = &p->ops[p->n_ops - 1];
            bool tighter = top->prec > prec ||
                           (top->prec == prec && prec != P_POWER && prec != P_CMP &&
                            !(prec <= P_AND && top->op == op));
            if (!tighter) break;
            if (!reduce(p, ops_base)) goto fail;
        }
        if (lenient) hl_parser_save(p, before_op = slot);
        if (!push_op(p, (pending_op){p->tok, op, prec, false})) goto fail;
        for (int i = 0; i < ntok; i++) hl_parser_advance(p);
    }
    while (p->n_ops > ops_base)
        if (!reduce(p, ops_base)) goto fail;
    if (slot) snap_put(p);
    return p->vals[--p->n_vals].node;
fail:
    if (slot) snap_put(p);
    p->n_ops = ops_base;
    p->n_vals = vals_base;
    return NULL;
}

hl_ast_node *hl_parse_ops(parser *p, int min_prec) { return hl_parse_ops_mode(p, min_prec, false); }

/* ---- expressions ---- */

static bool is_legacy_name(const hl_ast_node *e) {
    return is_name(e) && (strcmp(e->u.name.id, "print") == 0 || strcmp(e->u.name.id, "exec") == 0);
}

static bool is_soft_keyword(const hl_token *t) {
    return t->kind == HL_TOK_NAME && ((t->len == 5 && memcmp(t->text, "match", 5) == 0) ||
                                      (t->len == 4 && memcmp(t->text, "case", 4) == 0) ||
                                      (t->len == 1 && t->text[0] == '_'));
}

/* After a disjunction `a` that started at token start, another expression: CPython's
 * invalid_expression ("Perhaps you forgot a comma?" inside brackets) and, after a name,
 * invalid_legacy_expression ("Missing parentheses in call to 'print'"), which reads what
 * follows as star_expressions with every error rule on. When neither raises, `a` stands and
 * the caller fails where CPython's first pass did. */
hl_ast_node *hl_parser_juxtaposed(parser *p, hl_ast_node *a, const hl_token *start) {
    if (!a || p->no_invalid || !hl_parser_starts_expression(p->tok.kind)) return a;
    bool just_a_name = is_name(a) && p->prev.text == start->text; /* no trailers */
    bool legacy = is_legacy_name(a) && just_a_name;
    if (!legacy && (is_soft_keyword(start) || (just_a_name && at(p, HL_TOK_STRING)))) return a;
    hl_token far = p->far;
    const char *far_end = p->far_end;
    snapshot *s = hl_parser_snap_get(p);
    if (!s) return NULL;
    hl_parser_save(p, s);
    if (!legacy) {
        p->no_invalid = true;
        hl_ast_node *b = hl_parse_expression(p);
        p->no_invalid = false;
        if (b && !p->failed && p->prev.level > 0) {
            hl_parser_fail_range(p, a, b, "invalid syntax. Perhaps you forgot a comma?");
            goto failed;
        }
        if (p->failed && !recoverable(p)) goto failed;
        hl_parser_restore(p, s);
    }
    if (just_a_name) {
        hl_ast_node *b = hl_parser_enter(p) ? hl_parse_star_expressions(p) : NULL;
        leave(p);
        if (p->failed && !recoverable(p)) goto failed;
        if (b && !p->failed && legacy) {
            hl_parser_fail_range(p, a, b, "Missing parentheses in call to '%s'. Did you mean %s(...)?", a->u.name.id,
                                 a->u.name.id);
            goto failed;
        }
        hl_parser_restore(p, s);
    }
    p->far = far, p->far_end = far_end;
    snap_put(p);
    return a;
failed:
    snap_put(p);
    return NULL;
}

/* body if test else orelse ..., after body: collected in a loop, folded from the right. */
static hl_ast_node *conditional(parser *p, hl_ast_node *body, const hl_token *start) {
    vec pairs = {0};
    hl_ast_node *orelse;
    hl_token body_start = *start;
    for (;;) {
        hl_parser_advance(p);
        /* CPython's invalid_expression reads "a if b" with b a disjunction as far as one
         * goes ("expected 'else' after 'if' expression"): lenient, which valid code never
         * notices. */
        hl_ast_node *test = hl_parse_ops_mode(p, P_OR, !p->no_invalid);
        if (!test) return NULL;
        if (!at(p, HL_TOK_ELSE)) {
            if (at(p, HL_TOK_COLON) || p->no_invalid) hl_parser_invalid_syntax(p);
            else hl_parser_fail_range(p, body, test, "expected 'else' after 'if' expression");
            return NULL;
        }
        hl_parser_advance(p);
        /* the body's first token, parentheses included, is where the IfExp starts */
        hl_ast_node *where = hl_parser_node_from(p, HL_AST_PASS, &body_start);
        if (!where || !hl_parser_vec_push(p, &pairs, body) || !hl_parser_vec_push(p, &pairs, test) ||
            !hl_parser_vec_push(p, &pairs, where))
            return NULL;
        if (at(p, HL_TOK_LAMBDA)) {
            if (!(orelse = hl_parse_lambda(p))) return NULL;
            break;
        }
        hl_token next_start = p->tok;
        hl_ast_node *next = hl_parser_juxtaposed(p, hl_parse_ops(p, P_OR), &next_start);
        if (!next) return NULL;
        if (!at(p, HL_TOK_IF)) {
            orelse = next;
            break;
        }
        body = next;
        body_start = next_start;
    }
    for (size_t i = pairs.len; i > 0; i -= 3) {
        hl_ast_node *b = pairs.items[i - 3], *t = pairs.items[i - 2], *where = pairs.items[i - 1];
        hl_ast_node *n = hl_parser_node_from(p, HL_AST_IFEXP, &p->last_real);
        if (!n) return NULL;
        n->line = where->line, n->col = where->col;
        n->u.ifexp.test = t;
        n->u.ifexp.body = b;
        n->u.ifexp.orelse = orelse;
        orelse = hl_parser_finish(p, n);
    }
    return orelse;
}

hl_ast_node *hl_parse_expression(parser *p) {
    if (at(p, HL_TOK_LAMBDA)) return hl_parse_lambda(p);
    hl_token start = p->tok;
    hl_ast_node *body = hl_parser_juxtaposed(p, hl_parse_ops(p, P_OR), &start);
    if (!body || !at(p, HL_TOK_IF)) return body;
    if (!p->no_invalid) return conditional(p, body, &start);
    /* Without error rules a failed "a if b else c" is just "a", as in a PEG. */
    snapshot *s = hl_parser_snap_get(p);
    if (!s) return NULL;
    hl_parser_save(p, s);
    hl_ast_node *e = conditional(p, body, &start);
    if (!e && recoverable(p)) {
        hl_parser_restore(p, s);
        e = body;
    }
    snap_put(p);
    return e;
}

/* A node is at bitwise_or level when CPython's bitwise_or rule could produce it. */
bool hl_parser_bitwise_or_level(const hl_ast_node *e) {
    if (e->flags & HL_AST_GROUPED) return true;
    switch (e->kind) {
    case HL_AST_COMPARE: case HL_AST_BOOL: case HL_AST_IFEXP: case HL_AST_LAMBDA: case HL_AST_STARRED:
        return false;
    case HL_AST_UNARY: return e->u.unary.op != HL_OP_NOT;
    case HL_AST_TUPLE: return (e->flags & HL_AST_PAREN_SEQ) != 0;
    case HL_AST_UNSUPPORTED: return strcmp(e->u.unsupported.what, "await expression") == 0;
    default: return true;
    }
}

/* CPython's lookahead !(list|tuple|genexp|'True'|'None'|'False') before a bitwise_or. */
bool hl_parser_starts_with_display(const hl_ast_node *e) {
    for (;;) {
        if (e->flags & HL_AST_GROUPED) return false;
        switch (e->kind) {
        case HL_AST_LIST: case HL_AST_GENEXP: return true;
        case HL_AST_TUPLE: return (e->flags & HL_AST_PAREN_SEQ) != 0;
        case HL_AST_CONSTANT: return e->u.constant != HL_CONST_ELLIPSIS;
        case HL_AST_BINARY: e = e->u.binary.left; break;
        case HL_AST_CALL: e = e->u.call.func; break;
        case HL_AST_ATTRIBUTE: e = e->u.attribute.value; break;
        case HL_AST_SUBSCRIPT: e = e->u.subscript.value; break;
        default: return false;
        }
    }
}

/* The bitwise_or an expression starts with, or NULL when it starts with no bitwise_or. */
hl_ast_node *hl_parser_leading_bitwise_or(hl_ast_node *e) {
    for (;;) {
        if (hl_parser_bitwise_or_level(e)) return e;
        switch (e->kind) {
        case HL_AST_COMPARE: e = e->u.compare.left; break;
        case HL_AST_BOOL: e = e->u.boolop.values.items[0]; break;
        case HL_AST_IFEXP: e = e->u.ifexp.body; break;
        case HL_AST_TUPLE: e = e->u.seq.items.items[0]; break;
        default: return NULL;
        }
    }
}

/* CPython's invalid_named_expression: "x = 1" where a value belongs ("if x = 1:"). e is
 * followed by '='. */
static void assignment_instead_of_comparison(parser *p, hl_ast_node *e) {
    bool name = is_name(e);
    if (!name && !(hl_parser_bitwise_or_level(e) && !hl_parser_starts_with_display(e))) return;
    hl_token far = p->far;
    hl_parser_advance(p);
    hl_ast_node *b = hl_parse_ops_mode(p, P_BOR, true);
    if (p->failed && !recoverable(p)) return;
    if (!b || at(p, HL_TOK_EQUAL) || at(p, HL_TOK_COLONEQUAL)) {
        p->failed = false;
        hl_parser_invalid_syntax_at(p, &far);
        return;
    }
    if (name) hl_parser_fail_range(p, e, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    else FAIL_NODE(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?", hl_ast_describe(e));
}

/* What may follow an expression where a named_expression is allowed. */
hl_ast_node *hl_parser_named_tail(parser *p, hl_ast_node *e) {
    if (!e) return NULL;
    if (at(p, HL_TOK_COLONEQUAL)) {
        if (!is_name(e)) {
            FAIL_NODE(p, e, "cannot use assignment expressions with %s", hl_ast_describe(e));
            return NULL;
        }
        hl_parser_advance(p);
        hl_ast_node *value = hl_parse_expression(p);
        if (!value) return NULL;
        hl_ast_node *n = hl_parser_node_span(p, HL_AST_UNSUPPORTED, e, value);
        if (!n) return NULL;
        hl_parser_real_pos(p, p->last_real.end_line, p->last_real.end_col, &n->end_line, &n->end_col);
        hl_parser_set_ctx(e, HL_CTX_STORE);
        n->u.unsupported.what = "named expression";
        n->u.unsupported.value = value;
        hl_parser_unsupported(p, n, "assignment expressions (':=') are");
        return hl_parser_finish(p, n);
    }
    if (at(p, HL_TOK_EQUAL) && !p->no_invalid) {
        assignment_instead_of_comparison(p, e);
        if (p->failed) return NULL;
    }
    return e;
}

hl_ast_node *hl_parse_named_expression(parser *p) { return hl_parser_named_tail(p, hl_parse_expression(p)); }

hl_ast_node *hl_parser_starred(parser *p) {
    hl_token star = p->tok;
    hl_parser_advance(p);
    hl_ast_node *value = hl_parse_ops(p, P_BOR);
    if (!value) return NULL;
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_STARRED, &star);
    if (!n) return NULL;
    n->u.starred.value = value;
    return hl_parser_finish(p, n);
}

hl_ast_node *hl_parse_star_named_expression(parser *p) {
    return at(p, HL_TOK_STAR) ? hl_parser_starred(p) : hl_parse_named_expression(p);
}

hl_ast_node *hl_parse_star_expressions(parser *p) {
    hl_token start = p->tok;
    hl_ast_node *first = at(p, HL_TOK_STAR) ? hl_parser_starred(p) : hl_parse_expression(p);
    if (!first || !at(p, HL_TOK_COMMA)) return first;
    vec items = {0};
    if (!hl_parser_vec_push(p, &items, first)) return NULL;
    while (accept(p, HL_TOK_COMMA)) {
        if (!hl_parser_starts_expression(p->tok.kind) && !at(p, HL_TOK_STAR)) break;
        hl_ast_node *item = at(p, HL_TOK_STAR) ? hl_parser_starred(p) : hl_parse_expression(p);
        if (!item || !hl_parser_vec_push(p, &items, item)) return NULL;
    }
    return hl_parser_seq_node(p, HL_AST_TUPLE, &start, items);
}

hl_ast_node *hl_parse_yield(parser *p) {
    hl_token start = p->tok;
    hl_parser_advance(p);
    hl_ast_node *value = NULL;
    if (accept(p, HL_TOK_FROM)) {
        if (!(value = hl_parse_expression(p))) return NULL;
    } else if (hl_parser_starts_expression(p->tok.kind) || at(p, HL_TOK_STAR)) {
        if (!(value = hl_parse_star_expressions(p))) return NULL;
        hl_parser_check_bare_starred(p, value);
    }
    hl_ast_node *n = hl_parser_node_from(p, HL_AST_UNSUPPORTED, &start);
    if (!n) return NULL;
    n->u.unsupported.what = "yield expression";
    n->u.unsupported.value = value;
    if (!hl_parser_in_function(p)) hl_parser_defer(p, STAGE_COMPILER, n, "'yield' outside function");
    else hl_parser_unsupported(p, n, "'yield' expressions are");
    return hl_parser_finish(p, n);
}
