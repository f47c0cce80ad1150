/* lang/compile_expr.c: names and expressions to bytecode.
 *
 * Owns: loading, storing and deleting a name by its scope (fast slot, cell, or module
 * global), displays (list, tuple, set, dict, with starred items), f-strings, subscripts and
 * slices, calls (keywords, *args, **kwargs), comparison chains, comprehensions and every
 * other expression kind (expr). Calls compile.c (emitting, code and function objects),
 * compile_const.c and compile_target.c (comprehension targets). */
#include "compile_internal.h"

#include "heaplab/set.h"
#include "heaplab/tuple.h"

/* ---------------------------------------------------------------- names */

void hl_compile_name_op(unit *u, const char *name, hl_ast_ctx ctx)
{
    compiler *c = u->c;
    if (c->failed)
        return;
    hl_sym *sym = u->scope->kind == HL_SCOPE_MODULE ? NULL : hl_scope_lookup(u->scope, name);
    int effect = ctx == HL_CTX_LOAD ? 1 : ctx == HL_CTX_STORE ? -1 : 0;
    if (sym && (sym->flags & (SYM_LOCAL | SYM_FREE)) && !(sym->flags & SYM_GLOBAL)) {
        bool deref = (sym->flags & SYM_CELL) || !(sym->flags & SYM_LOCAL);
        int op = ctx == HL_CTX_LOAD    ? (deref ? OP_LOAD_DEREF : OP_LOAD_FAST)
                 : ctx == HL_CTX_STORE ? (deref ? OP_STORE_DEREF : OP_STORE_FAST)
                                       : (deref ? OP_DELETE_DEREF : OP_DELETE_FAST);
        hl_compile_emit(u, op, (uint32_t)sym->slot, effect);
        return;
    }
    hl_value s = hl_compile_name_str(c, name);
    if (!s)
        return;
    int64_t slot = hl_module_slot(c->rt, c->module, s);
    if (slot < 0) {
        hl_compile_fail_nomem(c);
        return;
    }
    int op = ctx == HL_CTX_LOAD ? OP_LOAD_GLOBAL : ctx == HL_CTX_STORE ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL;
    hl_compile_emit(u, op, (uint32_t)slot, effect);
}

/* ---------------------------------------------------------------- expressions */

void hl_compile_exprs(unit *u, const hl_ast_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        hl_compile_expr(u, l->items[i]);
}

static bool has_starred(const hl_ast_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i]->kind == HL_AST_STARRED)
            return true;
    return false;
}

/* A list of the items, unpacking starred ones: [list] on the stack. */
static void build_list_starred(unit *u, const hl_ast_list *items)
{
    hl_compile_emit(u, OP_BUILD_LIST, 0, 1);
    for (size_t i = 0; i < items->len; i++) {
        const hl_ast_node *item = items->items[i];
        if (item->kind == HL_AST_STARRED) {
            hl_compile_expr(u, item->u.starred.value);
            at(u, item);
            hl_compile_emit(u, OP_LIST_EXTEND, 1, -1);
        } else {
            hl_compile_expr(u, item);
            hl_compile_emit(u, OP_LIST_APPEND, 1, -1);
        }
    }
}

static void display(unit *u, const hl_ast_node *n)
{
    compiler *c = u->c;
    const hl_ast_list *items = &n->u.seq.items;
    if (n->kind == HL_AST_TUPLE && hl_compile_maybe_constant(n)) {
        hl_value t = hl_compile_fold(c, n);
        if (t) {
            load_const(u, t);
            return;
        }
    }
    if (has_starred(items)) {
        build_list_starred(u, items);
        if (n->kind == HL_AST_TUPLE) {
            hl_compile_emit(u, OP_LIST_TO_TUPLE, 0, 0);
        } else if (n->kind == HL_AST_SET) {
            hl_compile_emit(u, OP_BUILD_SET, 0, 1);
            hl_compile_emit(u, OP_SWAP, 2, 0);
            hl_compile_emit(u, OP_SET_UPDATE, 1, -1);
        }
        return;
    }
    if (n->kind == HL_AST_SET && items->len >= 3) {
        bool all_const = true;
        for (size_t i = 0; i < items->len && all_const; i++)
            all_const = hl_compile_maybe_constant(items->items[i]) && items->items[i]->kind != HL_AST_TUPLE;
        if (all_const) { /* CPython: BUILD_SET 0; LOAD_CONST frozenset(...); SET_UPDATE */
            hl_value s = hl_set_new(c->rt);
            if (!s) {
                hl_compile_fail_nomem(c);
                return;
            }
            HL_ROOT(c->rt, s);
            for (size_t i = 0; i < items->len && s; i++) {
                hl_value v = hl_compile_fold(c, items->items[i]);
                if (!v || hl_set_add(c->rt, s, v)) {
                    hl_error_clear(c->rt);
                    s = HL_NOVALUE;
                }
            }
            if (s)
                hl_compile_emit(u, OP_SET_FROM_CONST, hl_compile_add_const(u, s), 1);
            HL_UNROOT(c->rt, 1);
            if (s || c->failed)
                return;
        }
    }
    hl_compile_exprs(u, items);
    at(u, n);
    int op = n->kind == HL_AST_LIST ? OP_BUILD_LIST : n->kind == HL_AST_TUPLE ? OP_BUILD_TUPLE : OP_BUILD_SET;
    hl_compile_emit(u, op, (uint32_t)items->len, 1 - (int)items->len);
}

static void dict_display(unit *u, const hl_ast_node *n)
{
    const hl_ast_list *keys = &n->u.dict.keys, *values = &n->u.dict.values;
    size_t pending = 0;
    bool built = false;
    for (size_t i = 0; i < keys->len; i++) {
        if (!keys->items[i]) { /* **mapping */
            if (!built || pending) {
                at(u, n);
                hl_compile_emit(u, OP_BUILD_MAP, (uint32_t)pending, 1 - 2 * (int)pending);
                if (built)
                    hl_compile_emit(u, OP_DICT_UPDATE, 1, -1);
                built = true;
                pending = 0;
            }
            hl_compile_expr(u, values->items[i]);
            at(u, values->items[i]);
            hl_compile_emit(u, OP_DICT_UPDATE, 1, -1);
            continue;
        }
        hl_compile_expr(u, keys->items[i]);
        hl_compile_expr(u, values->items[i]);
        pending++;
    }
    if (!built || pending) {
        at(u, n);
        hl_compile_emit(u, OP_BUILD_MAP, (uint32_t)pending, 1 - 2 * (int)pending);
        if (built)
            hl_compile_emit(u, OP_DICT_UPDATE, 1, -1);
    }
}

static void fstring(unit *u, const hl_ast_node *n)
{
    const hl_ast_list *parts = &n->u.fstring.parts;
    if (parts->len == 0) {
        load_const(u, hl_compile_str_const(u->c, "", 0));
        return;
    }
    for (size_t i = 0; i < parts->len; i++) {
        const hl_ast_node *p = parts->items[i];
        if (p->kind != HL_AST_FORMATTED) {
            hl_compile_expr(u, p);
            continue;
        }
        hl_compile_expr(u, p->u.formatted.value);
        uint32_t arg = (uint32_t)(p->u.formatted.conversion > 0 ? p->u.formatted.conversion : 0);
        if (p->u.formatted.format_spec) {
            hl_compile_expr(u, p->u.formatted.format_spec);
            arg |= HL_FORMAT_HAS_SPEC;
        }
        at(u, p);
        hl_compile_emit(u, OP_FORMAT_VALUE, arg, arg & HL_FORMAT_HAS_SPEC ? -1 : 0);
    }
    if (parts->len > 1 || parts->items[0]->kind != HL_AST_FORMATTED)
        hl_compile_emit(u, OP_BUILD_STRING, (uint32_t)parts->len, 1 - (int)parts->len);
}

void hl_compile_subscript_parts(unit *u, const hl_ast_node *index)
{
    if (index->kind == HL_AST_SLICE) {
        const hl_ast_node *parts[3] = {index->u.slice.lower, index->u.slice.upper, index->u.slice.step};
        for (int i = 0; i < 3; i++) {
            if (parts[i])
                hl_compile_expr(u, parts[i]);
            else
                load_const(u, HL_NONE);
        }
    } else {
        hl_compile_expr(u, index);
    }
}

void hl_compile_call(unit *u, const hl_ast_node *n)
{
    const hl_ast_node *func = n->u.call.func;
    const hl_ast_list *args = &n->u.call.args, *kws = &n->u.call.keywords;
    bool spread = has_starred(args);
    for (size_t i = 0; i < kws->len; i++)
        spread |= kws->items[i]->u.keyword.name == NULL;
    if (spread) { /* f(*a, **k): a tuple and a dict, then CALL_EX */
        hl_compile_expr(u, func);
        build_list_starred(u, args);
        hl_compile_emit(u, OP_LIST_TO_TUPLE, 0, 0);
        bool has_kw = kws->len > 0;
        if (has_kw) {
            hl_compile_emit(u, OP_BUILD_MAP, 0, 1);
            for (size_t i = 0; i < kws->len; i++) {
                const hl_ast_node *k = kws->items[i];
                if (k->u.keyword.name) {
                    load_const(u, hl_compile_name_str(u->c, k->u.keyword.name));
                    hl_compile_expr(u, k->u.keyword.value);
                    hl_compile_emit(u, OP_BUILD_MAP, 1, -1);
                } else {
                    hl_compile_expr(u, k->u.keyword.value);
                }
                at(u, k);
                hl_compile_emit(u, OP_DICT_UPDATE, 1, -1);
            }
        }
        at(u, n);
        hl_compile_emit(u, OP_CALL_EX, has_kw, -1 - has_kw);
        return;
    }
    bool method = func->kind == HL_AST_ATTRIBUTE;
    if (method) {
        hl_compile_expr(u, func->u.attribute.value);
        at(u, func);
        hl_compile_emit(u, OP_LOAD_METHOD, hl_compile_add_const(u, hl_compile_name_str(u->c, func->u.attribute.attr)), 1);
    } else {
        hl_compile_expr(u, func);
    }
    hl_compile_exprs(u, args);
    size_t n_all = args->len + kws->len;
    for (size_t i = 0; i < kws->len; i++)
        hl_compile_expr(u, kws->items[i]->u.keyword.value);
    at(u, n);
    int callee = method ? 2 : 1;
    if (kws->len) {
        hl_value names = hl_tuple_new(u->c->rt, NULL, kws->len);
        if (!names) {
            hl_compile_fail_nomem(u->c);
            return;
        }
        HL_ROOT(u->c->rt, names);
        for (size_t i = 0; i < kws->len && !u->c->failed; i++)
            hl_tuple_init_item(u->c->rt, names, i, hl_compile_name_str(u->c, kws->items[i]->u.keyword.name));
        if (!u->c->failed)
            load_const(u, names);
        HL_UNROOT(u->c->rt, 1);
        hl_compile_emit(u, method ? OP_CALL_METHOD_KW : OP_CALL_KW, (uint32_t)n_all, -(int)n_all - callee);
    } else {
        hl_compile_emit(u, method ? OP_CALL_METHOD : OP_CALL, (uint32_t)n_all, 1 - (int)n_all - callee);
    }
}

static void compare(unit *u, const hl_ast_node *n)
{
    static const int cmp[] = {[HL_OP_EQ] = HL_BC_CMP_EQ, [HL_OP_NE] = HL_BC_CMP_NE, [HL_OP_LT] = HL_BC_CMP_LT,
                              [HL_OP_LE] = HL_BC_CMP_LE, [HL_OP_GT] = HL_BC_CMP_GT, [HL_OP_GE] = HL_BC_CMP_GE,
                              [HL_OP_IS] = HL_CMP_X_IS, [HL_OP_IS_NOT] = HL_CMP_X_IS_NOT,
                              [HL_OP_IN] = HL_CMP_X_IN, [HL_OP_NOT_IN] = HL_CMP_X_NOT_IN};
    const hl_ast_list *rest = &n->u.compare.comparators;
    hl_compile_expr(u, n->u.compare.left);
    if (rest->len == 1) {
        hl_compile_expr(u, rest->items[0]);
        at(u, n);
        hl_compile_emit(u, OP_COMPARE, (uint32_t)cmp[n->u.compare.ops[0]], -1);
        return;
    }
    /* a < b < c: [a, b] -> [b, a, b] -> [b, a<b]; stop at the first false, keeping it. */
    size_t *exits = hl_arena_alloc(u->c->arena, rest->len * sizeof *exits);
    if (!exits) {
        hl_compile_fail_nomem(u->c);
        return;
    }
    for (size_t i = 0; i + 1 < rest->len; i++) {
        hl_compile_expr(u, rest->items[i]);
        hl_compile_emit(u, OP_SWAP, 2, 0);
        hl_compile_emit(u, OP_COPY, 2, 1);
        at(u, n);
        hl_compile_emit(u, OP_COMPARE, (uint32_t)cmp[n->u.compare.ops[i]], -1);
        exits[i] = hl_compile_emit(u, OP_JUMP_IF_FALSE_OR_POP, 0, -1);
    }
    hl_compile_expr(u, rest->items[rest->len - 1]);
    at(u, n);
    hl_compile_emit(u, OP_COMPARE, (uint32_t)cmp[n->u.compare.ops[rest->len - 1]], -1);
    size_t end = hl_compile_emit(u, OP_JUMP, 0, 0);
    for (size_t i = 0; i + 1 < rest->len; i++)
        patch(u, exits[i], here(u));
    u->depth++; /* [b, False] at the cleanup */
    hl_compile_emit(u, OP_SWAP, 2, 0);
    hl_compile_emit(u, OP_POP_TOP, 0, -1);
    patch(u, end, here(u));
}

static void comprehension(unit *u, const hl_ast_node *n)
{
    const char *name = n->kind == HL_AST_LISTCOMP ? "<listcomp>"
                       : n->kind == HL_AST_SETCOMP ? "<setcomp>"
                       : n->kind == HL_AST_DICTCOMP ? "<dictcomp>"
                                                    : "<genexpr>";
    hl_compile_function_object(u, n, NULL, name);
    hl_compile_expr(u, n->u.comp.generators.items[0]->u.comprehension.iter);
    at(u, n);
    hl_compile_emit(u, OP_GET_ITER, 0, 0);
    hl_compile_emit(u, OP_CALL, 1, -1);
    if (n->kind == HL_AST_GENEXP) /* evaluated eagerly: an iterator over the list */
        hl_compile_emit(u, OP_GET_ITER, 0, 0);
}

void hl_compile_expr(unit *u, const hl_ast_node *n)
{
    compiler *c = u->c;
    if (c->failed)
        return;
    at(u, n);
    switch (n->kind) {
    case HL_AST_INT:
        if (n->u.int_lit.overflow) { /* made from its digits, which may pass the digit limit */
            hl_value v = hl_compile_fold(c, n);
            if (!v && hl_error_type(c->rt) == HL_EXC_VALUE_ERROR) {
                c->failed = true;
                c->err->kind = HL_LANG_SYNTAX_ERROR;
                c->err->message = hl_lex_format(c->arena, "%s - Consider hexadecimal for huge integer literals "
                                                "to avoid decimal conversion limits.", hl_error_message(c->rt));
                if (!c->err->message)
                    c->err->kind = HL_LANG_MEMORY_ERROR;
                c->err->line = n->line;
                c->err->col = n->col + 1;
                c->err->end_line = n->end_line;
                c->err->end_col = n->end_col + 1;
                return;
            }
            load_const(u, v);
            break;
        }
        /* fall through */
    case HL_AST_FLOAT:
    case HL_AST_STR:
        load_const(u, hl_compile_fold(c, n));
        break;
    case HL_AST_CONSTANT:
        if (n->u.constant == HL_CONST_ELLIPSIS) {
            hl_compile_unsupported(c, n, "Ellipsis ('...') is");
            return;
        }
        load_const(u, hl_compile_fold(c, n));
        break;
    case HL_AST_FSTRING: fstring(u, n); break;
    case HL_AST_NAME: hl_compile_name_op(u, n->u.name.id, HL_CTX_LOAD); break;
    case HL_AST_LIST:
    case HL_AST_TUPLE:
    case HL_AST_SET: display(u, n); break;
    case HL_AST_DICT: dict_display(u, n); break;
    case HL_AST_ATTRIBUTE:
        hl_compile_expr(u, n->u.attribute.value);
        at(u, n);
        hl_compile_emit(u, OP_LOAD_ATTR, hl_compile_add_const(u, hl_compile_name_str(c, n->u.attribute.attr)), 0);
        break;
    case HL_AST_SUBSCRIPT:
        hl_compile_expr(u, n->u.subscript.value);
        hl_compile_subscript_parts(u, n->u.subscript.index);
        at(u, n);
        if (n->u.subscript.index->kind == HL_AST_SLICE)
            hl_compile_emit(u, OP_SLICE, 0, -3);
        else
            hl_compile_emit(u, OP_SUBSCR, 0, -1);
        break;
    case HL_AST_CALL: hl_compile_call(u, n); break;
    case HL_AST_UNARY: {
        if (n->u.unary.op != HL_OP_NOT && hl_compile_maybe_constant(n)) {
            hl_value v = hl_compile_fold(c, n);
            if (v) {
                load_const(u, v);
                break;
            }
        }
        hl_compile_expr(u, n->u.unary.operand);
        at(u, n);
        int op = n->u.unary.op == HL_OP_NOT ? HL_BC_UN_NOT : n->u.unary.op == HL_OP_NEG ? HL_BC_UN_NEG
                 : n->u.unary.op == HL_OP_POS ? HL_BC_UN_POS : HL_BC_UN_INVERT;
        hl_compile_emit(u, OP_UNARY, (uint32_t)op, 0);
        break;
    }
    case HL_AST_BINARY: {
        if (n->u.binary.op == HL_OP_MATMUL) {
            hl_compile_unsupported(c, n, "the '@' operator is");
            return;
        }
        if (hl_compile_maybe_constant(n)) {
            hl_value v = hl_compile_fold(c, n);
            if (v) {
                load_const(u, v);
                break;
            }
        }
        hl_compile_expr(u, n->u.binary.left);
        hl_compile_expr(u, n->u.binary.right);
        at(u, n);
        hl_compile_emit(u, OP_BINARY, (uint32_t)hl_compile_binop_of(n->u.binary.op), -1);
        break;
    }
    case HL_AST_BOOL: {
        const hl_ast_list *vals = &n->u.boolop.values;
        size_t *exits = hl_arena_alloc(c->arena, vals->len * sizeof *exits);
        if (!exits) {
            hl_compile_fail_nomem(c);
            return;
        }
        int op = n->u.boolop.op == HL_OP_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
        for (size_t i = 0; i + 1 < vals->len; i++) {
            hl_compile_expr(u, vals->items[i]);
            exits[i] = hl_compile_emit(u, op, 0, -1);
        }
        hl_compile_expr(u, vals->items[vals->len - 1]);
        for (size_t i = 0; i + 1 < vals->len; i++)
            patch(u, exits[i], here(u));
        break;
    }
    case HL_AST_COMPARE: compare(u, n); break;
    case HL_AST_IFEXP: {
        hl_compile_expr(u, n->u.ifexp.test);
        size_t to_else = hl_compile_emit(u, OP_POP_JUMP_IF_FALSE, 0, -1);
        hl_compile_expr(u, n->u.ifexp.body);
        size_t to_end = hl_compile_emit(u, OP_JUMP, 0, 0);
        u->depth--;
        patch(u, to_else, here(u));
        hl_compile_expr(u, n->u.ifexp.orelse);
        patch(u, to_end, here(u));
        break;
    }
    case HL_AST_LAMBDA: hl_compile_function_object(u, n, &n->u.lambda.params, "<lambda>"); break;
    case HL_AST_LISTCOMP:
    case HL_AST_SETCOMP:
    case HL_AST_DICTCOMP:
    case HL_AST_GENEXP: comprehension(u, n); break;
    case HL_AST_STARRED: hl_compile_unsupported(c, n, "a starred expression here is"); break;
    default: hl_compile_unsupported(c, n, "this expression is"); break;
    }
}
