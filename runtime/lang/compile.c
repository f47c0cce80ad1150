/* The compiler: syntax tree to bytecode, one code object per module, def, lambda and
 * comprehension (comprehensions are functions called at once, as in CPython 3.11, so their
 * variables do not leak). Names are resolved here for good: locals to frame slots, closure
 * variables to cells, globals to the module's slots. Constants are deduplicated per code
 * object by type and value, and constant expressions are folded, as CPython does (so
 * `a = 1000; b = 1000; a is b` is True in boxed mode too), and a set display of three or more
 * constants is a constant set copied at run time (CPython's frozenset trick, which fixes the
 * order in which a set of strings prints).
 *
 * Everything the compiler allocates goes through the runtime: bytecode buffers from its
 * heap, scope tables from the parse arena, constants as rooted lists. */
#include <stdio.h>
#include <string.h>

#include "../type.h"
#include "compile.h"
#include "code.h"
#include "heaplab/dict.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "scope.h"
#include "vm.h"


#define MAX_CONST_STR 4096 /* CPython folds constant strings up to this length */

typedef struct loop {
    struct loop *prev;
    bool is_for;
    size_t continue_target;
    size_t *breaks;
    size_t nbreaks, cap;
} loop;

typedef struct compiler compiler;

typedef struct unit {
    compiler *c;
    hl_scope *scope;
    uint32_t *code;
    hl_code_pos *pos;
    size_t n, cap;
    hl_value consts;    /* list */
    hl_value str_index; /* dict: str constant -> index */
    hl_value int_index; /* dict: int constant -> index */
    int depth, maxdepth;
    loop *loop;
    int line, col;      /* position of what is being compiled */
} unit;

struct compiler {
    hl_runtime *rt;
    hl_arena *arena;
    hl_scope *root;
    hl_value module;
    hl_value filename;
    bool interactive;
    bool snapshot_lines; /* OP_SNAPSHOT after every simple statement */
    bool failed;
    hl_lang_error *err;
};

/* ---------------------------------------------------------------- failure */

static void fail_nomem(compiler *c)
{
    if (!c->failed) {
        c->failed = true;
        c->err->kind = HL_LANG_MEMORY_ERROR;
        if (!hl_error_occurred(c->rt))
            hl_error_nomem(c->rt);
    }
}

static void unsupported(compiler *c, const hl_ast_node *n, const char *what)
{
    if (c->failed)
        return;
    c->failed = true;
    c->err->kind = HL_LANG_UNSUPPORTED;
    c->err->message = hl_lex_format(c->arena, "%s not supported by heaplab", what);
    if (!c->err->message)
        c->err->message = "this construct is not supported by heaplab";
    c->err->line = n->line;
    c->err->col = n->col + 1;
    c->err->end_line = n->end_line;
    c->err->end_col = n->end_col + 1;
}

/* ---------------------------------------------------------------- emitting */

static size_t emit(unit *u, int op, uint32_t arg, int effect)
{
    compiler *c = u->c;
    if (c->failed)
        return 0;
    if (arg > HL_ARG_MAX) {
        c->failed = true;
        c->err->kind = HL_LANG_MEMORY_ERROR;
        hl_error_set(c->rt, HL_EXC_MEMORY_ERROR, "code too large for heaplab's bytecode");
        return 0;
    }
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 64;
        uint32_t *code = hl_heap_realloc(c->rt, u->code, u->cap * sizeof *code, cap * sizeof *code, HL_BLOCK_INTERNAL);
        if (!code) {
            fail_nomem(c);
            return 0;
        }
        u->code = code;
        hl_code_pos *pos = hl_heap_realloc(c->rt, u->pos, u->cap * sizeof *pos, cap * sizeof *pos, HL_BLOCK_INTERNAL);
        if (!pos) { /* keep the sizes of both buffers equal to cap */
            uint32_t *back = hl_heap_realloc(c->rt, u->code, cap * sizeof *code, u->cap * sizeof *code, HL_BLOCK_INTERNAL);
            if (back)
                u->code = back;
            else
                hl_heap_free(c->rt, u->code, cap * sizeof *code), u->code = NULL, u->n = 0, u->cap = 0;
            fail_nomem(c);
            return 0;
        }
        u->pos = pos;
        u->cap = cap;
    }
    u->code[u->n] = HL_INSN(op, arg);
    u->pos[u->n] = (hl_code_pos){(uint32_t)u->line, (uint32_t)u->col};
    u->depth += effect;
    if (u->depth > u->maxdepth)
        u->maxdepth = u->depth;
    return u->n++;
}

static size_t here(unit *u) { return u->n; }

static void patch(unit *u, size_t at, size_t target)
{
    if (!u->c->failed)
        u->code[at] = HL_INSN(HL_INSN_OP(u->code[at]), (uint32_t)target);
}

static void at(unit *u, const hl_ast_node *n)
{
    u->line = n->line;
    u->col = n->col;
}

/* ---------------------------------------------------------------- constants */

/* Two constants are the same when their types and values are (1, 1.0 and True differ;
 * 0.0 and -0.0 differ), as CPython's constant merging decides. */
static bool same_const(hl_value a, hl_value b)
{
    if (a == b)
        return true;
    hl_type t = hl_typeof(a);
    if (t != hl_typeof(b))
        return false;
    switch (t) {
    case HL_T_INT: return hl_int_get(a) == hl_int_get(b);
    case HL_T_FLOAT: {
        double x = hl_float_get(a), y = hl_float_get(b);
        return memcmp(&x, &y, sizeof x) == 0;
    }
    case HL_T_STR: return hl_str_eq(a, b);
    case HL_T_TUPLE: {
        size_t n = hl_tuple_size(a);
        if (n != hl_tuple_size(b))
            return false;
        for (size_t i = 0; i < n; i++)
            if (!same_const(hl_tuple_get(a, i), hl_tuple_get(b, i)))
                return false;
        return true;
    }
    default: return false;
    }
}

static bool all_name_chars(hl_value s)
{
    const char *p = hl_str_data(s);
    for (size_t i = 0; i < hl_str_size(s); i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '_'))
            return false;
    return true;
}

/* The index of constant v in u, added if new. */
static uint32_t add_const(unit *u, hl_value v)
{
    compiler *c = u->c;
    hl_runtime *rt = c->rt;
    if (c->failed || !v) {
        if (!v)
            fail_nomem(c);
        return 0;
    }
    HL_ROOT(rt, v);
    hl_value index = hl_is_str(v) ? u->str_index : hl_is_int(v) ? u->int_index : HL_NOVALUE;
    uint32_t result = 0;
    hl_value found;
    if (index) {
        int r = hl_dict_lookup(rt, index, v, &found);
        if (r < 0)
            goto nomem;
        if (r) {
            result = (uint32_t)hl_smallint_value(found);
            goto done;
        }
    } else if (!hl_is_obj_of(v, HL_T_CODE) && !hl_is_set(v)) {
        for (size_t i = 0; i < hl_list_size(u->consts); i++) {
            if (same_const(hl_list_items(u->consts)[i], v)) {
                result = (uint32_t)i;
                goto done;
            }
        }
    }
    if (hl_is_str(v) && all_name_chars(v) && !(v = hl_str_intern(rt, v)))
        goto nomem;
    result = (uint32_t)hl_list_size(u->consts);
    if (hl_list_append(rt, u->consts, v))
        goto nomem;
    if (index && hl_dict_set(rt, index, v, hl_smallint(result)))
        goto nomem;
    goto done;
nomem:
    fail_nomem(c);
done:
    HL_UNROOT(rt, 1);
    return result;
}

static void load_const(unit *u, hl_value v) { emit(u, OP_LOAD_CONST, add_const(u, v), 1); }

static hl_value str_const(compiler *c, const char *s, size_t n)
{
    hl_value v = hl_str_new(c->rt, s, n);
    if (!v) { /* the lexer decoded it: only memory can fail */
        if (hl_error_type(c->rt) != HL_EXC_MEMORY_ERROR)
            hl_error_clear(c->rt);
        fail_nomem(c);
    }
    return v;
}

static hl_value name_str(compiler *c, const char *name)
{
    hl_value v = hl_str_intern_cstr(c->rt, name);
    if (!v)
        fail_nomem(c);
    return v;
}

/* ---------------------------------------------------------------- constant folding */

static int binop_of(hl_ast_op op)
{
    switch (op) {
    case HL_OP_ADD: return HL_BC_BIN_ADD;
    case HL_OP_SUB: return HL_BC_BIN_SUB;
    case HL_OP_MUL: return HL_BC_BIN_MUL;
    case HL_OP_DIV: return HL_BC_BIN_TRUEDIV;
    case HL_OP_FLOORDIV: return HL_BC_BIN_FLOORDIV;
    case HL_OP_MOD: return HL_BC_BIN_MOD;
    case HL_OP_POW: return HL_BC_BIN_POW;
    case HL_OP_LSHIFT: return HL_BC_BIN_LSHIFT;
    case HL_OP_RSHIFT: return HL_BC_BIN_RSHIFT;
    case HL_OP_BITAND: return HL_BC_BIN_AND;
    case HL_OP_BITOR: return HL_BC_BIN_OR;
    case HL_OP_BITXOR: return HL_BC_BIN_XOR;
    default: return -1;
    }
}

static bool is_number(hl_value v) { return hl_is_int(v) || hl_is_bool(v) || hl_is_float(v); }

/* The value of a constant expression, or HL_NOVALUE (not constant, or folding would fail:
 * then the error happens at run time, where CPython raises it). */
static hl_value fold(compiler *c, const hl_ast_node *n)
{
    hl_runtime *rt = c->rt;
    if (c->failed)
        return HL_NOVALUE;
    switch (n->kind) {
    case HL_AST_INT:
        if (n->u.int_lit.overflow)
            return HL_NOVALUE;
        return hl_int_new(rt, n->u.int_lit.value);
    case HL_AST_FLOAT: return hl_float_new(rt, n->u.float_lit.value);
    case HL_AST_STR: return str_const(c, n->u.str.bytes, n->u.str.len);
    case HL_AST_CONSTANT:
        return n->u.constant == HL_CONST_NONE ? HL_NONE
               : n->u.constant == HL_CONST_TRUE ? HL_TRUE
               : n->u.constant == HL_CONST_FALSE ? HL_FALSE
                                                 : HL_NOVALUE;
    case HL_AST_UNARY: {
        if (n->u.unary.op == HL_OP_NOT)
            return HL_NOVALUE;
        hl_value v = fold(c, n->u.unary.operand);
        if (!v || !is_number(v))
            return HL_NOVALUE;
        int op = n->u.unary.op == HL_OP_NEG ? HL_BC_UN_NEG : n->u.unary.op == HL_OP_POS ? HL_BC_UN_POS : HL_BC_UN_INVERT;
        hl_value r = hl_lang_unary_op(rt, (unsigned)op, v);
        if (!r)
            hl_error_clear(rt);
        return r;
    }
    case HL_AST_BINARY: {
        int op = binop_of(n->u.binary.op);
        if (op < 0)
            return HL_NOVALUE;
        hl_value a = fold(c, n->u.binary.left);
        if (!a)
            return HL_NOVALUE;
        HL_ROOT(rt, a);
        hl_value b = fold(c, n->u.binary.right);
        hl_value r = HL_NOVALUE;
        if (b) {
            bool numbers = is_number(a) && is_number(b);
            bool small_pow = op != HL_BC_BIN_POW || (hl_is_float(a) || hl_is_float(b)) ||
                             (hl_int_get(b) >= 0 && hl_int_get(b) <= 128);
            bool strings = hl_is_str(a) && hl_is_str(b) && op == HL_BC_BIN_ADD &&
                           hl_str_length(a) + hl_str_length(b) <= MAX_CONST_STR;
            bool repeat = op == HL_BC_BIN_MUL && ((hl_is_str(a) && hl_is_int(b)) || (hl_is_int(a) && hl_is_str(b)));
            if (repeat) {
                hl_value s = hl_is_str(a) ? a : b;
                int64_t k = hl_int_get(hl_is_str(a) ? b : a);
                repeat = k <= MAX_CONST_STR && (int64_t)hl_str_length(s) * (k < 0 ? 0 : k) <= MAX_CONST_STR;
            }
            if ((numbers && small_pow) || strings || repeat) {
                r = hl_lang_binary_op(rt, (unsigned)op, a, b);
                if (!r)
                    hl_error_clear(rt);
            }
        }
        HL_UNROOT(rt, 1);
        return r;
    }
    case HL_AST_TUPLE: {
        size_t len = n->u.seq.items.len;
        hl_value t = hl_tuple_new(rt, NULL, len);
        if (!t) {
            fail_nomem(c);
            return HL_NOVALUE;
        }
        HL_ROOT(rt, t);
        for (size_t i = 0; i < len && t; i++) {
            const hl_ast_node *item = n->u.seq.items.items[i];
            hl_value v = item->kind == HL_AST_STARRED ? HL_NOVALUE : fold(c, item);
            if (v)
                hl_tuple_init_item(rt, t, i, v);
            else
                t = HL_NOVALUE;
        }
        HL_UNROOT(rt, 1);
        return t;
    }
    default:
        return HL_NOVALUE;
    }
}

/* Is n a literal whose folding needs no work (no arithmetic)? Cheap test before fold(). */
static bool maybe_constant(const hl_ast_node *n)
{
    switch (n->kind) {
    case HL_AST_INT:
    case HL_AST_FLOAT:
    case HL_AST_STR:
    case HL_AST_CONSTANT: return true;
    case HL_AST_UNARY: return n->u.unary.op != HL_OP_NOT && maybe_constant(n->u.unary.operand);
    case HL_AST_BINARY: return maybe_constant(n->u.binary.left) && maybe_constant(n->u.binary.right);
    case HL_AST_TUPLE:
        for (size_t i = 0; i < n->u.seq.items.len; i++)
            if (!maybe_constant(n->u.seq.items.items[i]))
                return false;
        return true;
    default: return false;
    }
}

/* ---------------------------------------------------------------- names */

static void name_op(unit *u, const char *name, hl_ast_ctx ctx)
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
        emit(u, op, (uint32_t)sym->slot, effect);
        return;
    }
    hl_value s = name_str(c, name);
    if (!s)
        return;
    int64_t slot = hl_module_slot(c->rt, c->module, s);
    if (slot < 0) {
        fail_nomem(c);
        return;
    }
    int op = ctx == HL_CTX_LOAD ? OP_LOAD_GLOBAL : ctx == HL_CTX_STORE ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL;
    emit(u, op, (uint32_t)slot, effect);
}

/* ---------------------------------------------------------------- expressions */

static void expr(unit *u, const hl_ast_node *n);
static void stmts(unit *u, const hl_ast_list *body);
static hl_value compile_code(compiler *c, unit *parent, const hl_ast_node *node, const char *name);

static void exprs(unit *u, const hl_ast_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        expr(u, l->items[i]);
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
    emit(u, OP_BUILD_LIST, 0, 1);
    for (size_t i = 0; i < items->len; i++) {
        const hl_ast_node *item = items->items[i];
        if (item->kind == HL_AST_STARRED) {
            expr(u, item->u.starred.value);
            at(u, item);
            emit(u, OP_LIST_EXTEND, 1, -1);
        } else {
            expr(u, item);
            emit(u, OP_LIST_APPEND, 1, -1);
        }
    }
}

static void display(unit *u, const hl_ast_node *n)
{
    compiler *c = u->c;
    const hl_ast_list *items = &n->u.seq.items;
    if (n->kind == HL_AST_TUPLE && maybe_constant(n)) {
        hl_value t = fold(c, n);
        if (t) {
            load_const(u, t);
            return;
        }
    }
    if (has_starred(items)) {
        build_list_starred(u, items);
        if (n->kind == HL_AST_TUPLE) {
            emit(u, OP_LIST_TO_TUPLE, 0, 0);
        } else if (n->kind == HL_AST_SET) {
            emit(u, OP_BUILD_SET, 0, 1);
            emit(u, OP_SWAP, 2, 0);
            emit(u, OP_SET_UPDATE, 1, -1);
        }
        return;
    }
    if (n->kind == HL_AST_SET && items->len >= 3) {
        bool all_const = true;
        for (size_t i = 0; i < items->len && all_const; i++)
            all_const = maybe_constant(items->items[i]) && items->items[i]->kind != HL_AST_TUPLE;
        if (all_const) { /* CPython: BUILD_SET 0; LOAD_CONST frozenset(...); SET_UPDATE */
            hl_value s = hl_set_new(c->rt);
            if (!s) {
                fail_nomem(c);
                return;
            }
            HL_ROOT(c->rt, s);
            for (size_t i = 0; i < items->len && s; i++) {
                hl_value v = fold(c, items->items[i]);
                if (!v || hl_set_add(c->rt, s, v)) {
                    hl_error_clear(c->rt);
                    s = HL_NOVALUE;
                }
            }
            if (s)
                emit(u, OP_SET_FROM_CONST, add_const(u, s), 1);
            HL_UNROOT(c->rt, 1);
            if (s || c->failed)
                return;
        }
    }
    exprs(u, items);
    at(u, n);
    int op = n->kind == HL_AST_LIST ? OP_BUILD_LIST : n->kind == HL_AST_TUPLE ? OP_BUILD_TUPLE : OP_BUILD_SET;
    emit(u, op, (uint32_t)items->len, 1 - (int)items->len);
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
                emit(u, OP_BUILD_MAP, (uint32_t)pending, 1 - 2 * (int)pending);
                if (built)
                    emit(u, OP_DICT_UPDATE, 1, -1);
                built = true;
                pending = 0;
            }
            expr(u, values->items[i]);
            at(u, values->items[i]);
            emit(u, OP_DICT_UPDATE, 1, -1);
            continue;
        }
        expr(u, keys->items[i]);
        expr(u, values->items[i]);
        pending++;
    }
    if (!built || pending) {
        at(u, n);
        emit(u, OP_BUILD_MAP, (uint32_t)pending, 1 - 2 * (int)pending);
        if (built)
            emit(u, OP_DICT_UPDATE, 1, -1);
    }
}

static void fstring(unit *u, const hl_ast_node *n)
{
    const hl_ast_list *parts = &n->u.fstring.parts;
    if (parts->len == 0) {
        load_const(u, str_const(u->c, "", 0));
        return;
    }
    for (size_t i = 0; i < parts->len; i++) {
        const hl_ast_node *p = parts->items[i];
        if (p->kind != HL_AST_FORMATTED) {
            expr(u, p);
            continue;
        }
        expr(u, p->u.formatted.value);
        uint32_t arg = (uint32_t)(p->u.formatted.conversion > 0 ? p->u.formatted.conversion : 0);
        if (p->u.formatted.format_spec) {
            expr(u, p->u.formatted.format_spec);
            arg |= HL_FORMAT_HAS_SPEC;
        }
        at(u, p);
        emit(u, OP_FORMAT_VALUE, arg, arg & HL_FORMAT_HAS_SPEC ? -1 : 0);
    }
    if (parts->len > 1 || parts->items[0]->kind != HL_AST_FORMATTED)
        emit(u, OP_BUILD_STRING, (uint32_t)parts->len, 1 - (int)parts->len);
}

static void subscript_parts(unit *u, const hl_ast_node *index)
{
    if (index->kind == HL_AST_SLICE) {
        const hl_ast_node *parts[3] = {index->u.slice.lower, index->u.slice.upper, index->u.slice.step};
        for (int i = 0; i < 3; i++) {
            if (parts[i])
                expr(u, parts[i]);
            else
                load_const(u, HL_NONE);
        }
    } else {
        expr(u, index);
    }
}

static void call(unit *u, const hl_ast_node *n)
{
    const hl_ast_node *func = n->u.call.func;
    const hl_ast_list *args = &n->u.call.args, *kws = &n->u.call.keywords;
    bool spread = has_starred(args);
    for (size_t i = 0; i < kws->len; i++)
        spread |= kws->items[i]->u.keyword.name == NULL;
    if (spread) { /* f(*a, **k): a tuple and a dict, then CALL_EX */
        expr(u, func);
        build_list_starred(u, args);
        emit(u, OP_LIST_TO_TUPLE, 0, 0);
        bool has_kw = kws->len > 0;
        if (has_kw) {
            emit(u, OP_BUILD_MAP, 0, 1);
            for (size_t i = 0; i < kws->len; i++) {
                const hl_ast_node *k = kws->items[i];
                if (k->u.keyword.name) {
                    load_const(u, name_str(u->c, k->u.keyword.name));
                    expr(u, k->u.keyword.value);
                    emit(u, OP_BUILD_MAP, 1, -1);
                } else {
                    expr(u, k->u.keyword.value);
                }
                at(u, k);
                emit(u, OP_DICT_UPDATE, 1, -1);
            }
        }
        at(u, n);
        emit(u, OP_CALL_EX, has_kw, -1 - has_kw);
        return;
    }
    bool method = func->kind == HL_AST_ATTRIBUTE;
    if (method) {
        expr(u, func->u.attribute.value);
        at(u, func);
        emit(u, OP_LOAD_METHOD, add_const(u, name_str(u->c, func->u.attribute.attr)), 1);
    } else {
        expr(u, func);
    }
    exprs(u, args);
    size_t n_all = args->len + kws->len;
    for (size_t i = 0; i < kws->len; i++)
        expr(u, kws->items[i]->u.keyword.value);
    at(u, n);
    int callee = method ? 2 : 1;
    if (kws->len) {
        hl_value names = hl_tuple_new(u->c->rt, NULL, kws->len);
        if (!names) {
            fail_nomem(u->c);
            return;
        }
        HL_ROOT(u->c->rt, names);
        for (size_t i = 0; i < kws->len && !u->c->failed; i++)
            hl_tuple_init_item(u->c->rt, names, i, name_str(u->c, kws->items[i]->u.keyword.name));
        if (!u->c->failed)
            load_const(u, names);
        HL_UNROOT(u->c->rt, 1);
        emit(u, method ? OP_CALL_METHOD_KW : OP_CALL_KW, (uint32_t)n_all, -(int)n_all - callee);
    } else {
        emit(u, method ? OP_CALL_METHOD : OP_CALL, (uint32_t)n_all, 1 - (int)n_all - callee);
    }
}

static void compare(unit *u, const hl_ast_node *n)
{
    static const int cmp[] = {[HL_OP_EQ] = HL_BC_CMP_EQ, [HL_OP_NE] = HL_BC_CMP_NE, [HL_OP_LT] = HL_BC_CMP_LT,
                              [HL_OP_LE] = HL_BC_CMP_LE, [HL_OP_GT] = HL_BC_CMP_GT, [HL_OP_GE] = HL_BC_CMP_GE,
                              [HL_OP_IS] = HL_CMP_X_IS, [HL_OP_IS_NOT] = HL_CMP_X_IS_NOT,
                              [HL_OP_IN] = HL_CMP_X_IN, [HL_OP_NOT_IN] = HL_CMP_X_NOT_IN};
    const hl_ast_list *rest = &n->u.compare.comparators;
    expr(u, n->u.compare.left);
    if (rest->len == 1) {
        expr(u, rest->items[0]);
        at(u, n);
        emit(u, OP_COMPARE, (uint32_t)cmp[n->u.compare.ops[0]], -1);
        return;
    }
    /* a < b < c: [a, b] -> [b, a, b] -> [b, a<b]; stop at the first false, keeping it. */
    size_t *exits = hl_arena_alloc(u->c->arena, rest->len * sizeof *exits);
    if (!exits) {
        fail_nomem(u->c);
        return;
    }
    for (size_t i = 0; i + 1 < rest->len; i++) {
        expr(u, rest->items[i]);
        emit(u, OP_SWAP, 2, 0);
        emit(u, OP_COPY, 2, 1);
        at(u, n);
        emit(u, OP_COMPARE, (uint32_t)cmp[n->u.compare.ops[i]], -1);
        exits[i] = emit(u, OP_JUMP_IF_FALSE_OR_POP, 0, -1);
    }
    expr(u, rest->items[rest->len - 1]);
    at(u, n);
    emit(u, OP_COMPARE, (uint32_t)cmp[n->u.compare.ops[rest->len - 1]], -1);
    size_t end = emit(u, OP_JUMP, 0, 0);
    for (size_t i = 0; i + 1 < rest->len; i++)
        patch(u, exits[i], here(u));
    u->depth++; /* [b, False] at the cleanup */
    emit(u, OP_SWAP, 2, 0);
    emit(u, OP_POP_TOP, 0, -1);
    patch(u, end, here(u));
}

static void function_object(unit *u, const hl_ast_node *n, const hl_ast_params *params, const char *name);

static void comprehension(unit *u, const hl_ast_node *n)
{
    const char *name = n->kind == HL_AST_LISTCOMP ? "<listcomp>"
                       : n->kind == HL_AST_SETCOMP ? "<setcomp>"
                       : n->kind == HL_AST_DICTCOMP ? "<dictcomp>"
                                                    : "<genexpr>";
    function_object(u, n, NULL, name);
    expr(u, n->u.comp.generators.items[0]->u.comprehension.iter);
    at(u, n);
    emit(u, OP_GET_ITER, 0, 0);
    emit(u, OP_CALL, 1, -1);
    if (n->kind == HL_AST_GENEXP) /* evaluated eagerly: an iterator over the list */
        emit(u, OP_GET_ITER, 0, 0);
}

static void store(unit *u, const hl_ast_node *t);

static void expr(unit *u, const hl_ast_node *n)
{
    compiler *c = u->c;
    if (c->failed)
        return;
    at(u, n);
    switch (n->kind) {
    case HL_AST_INT:
        if (n->u.int_lit.overflow) {
            emit(u, OP_LOAD_CONST, add_const(u, HL_NONE), 1); /* placeholder for the stack count */
            c->failed = true;
            c->err->kind = HL_LANG_MEMORY_ERROR;
            hl_error_set(c->rt, HL_EXC_OVERFLOW_ERROR, "int too large: heaplab ints are 64-bit");
            return;
        }
        /* fall through */
    case HL_AST_FLOAT:
    case HL_AST_STR:
        load_const(u, fold(c, n));
        break;
    case HL_AST_CONSTANT:
        if (n->u.constant == HL_CONST_ELLIPSIS) {
            unsupported(c, n, "Ellipsis ('...') is");
            return;
        }
        load_const(u, fold(c, n));
        break;
    case HL_AST_FSTRING: fstring(u, n); break;
    case HL_AST_NAME: name_op(u, n->u.name.id, HL_CTX_LOAD); break;
    case HL_AST_LIST:
    case HL_AST_TUPLE:
    case HL_AST_SET: display(u, n); break;
    case HL_AST_DICT: dict_display(u, n); break;
    case HL_AST_ATTRIBUTE:
        expr(u, n->u.attribute.value);
        at(u, n);
        emit(u, OP_LOAD_ATTR, add_const(u, name_str(c, n->u.attribute.attr)), 0);
        break;
    case HL_AST_SUBSCRIPT:
        expr(u, n->u.subscript.value);
        subscript_parts(u, n->u.subscript.index);
        at(u, n);
        if (n->u.subscript.index->kind == HL_AST_SLICE)
            emit(u, OP_SLICE, 0, -3);
        else
            emit(u, OP_SUBSCR, 0, -1);
        break;
    case HL_AST_CALL: call(u, n); break;
    case HL_AST_UNARY: {
        if (n->u.unary.op != HL_OP_NOT && maybe_constant(n)) {
            hl_value v = fold(c, n);
            if (v) {
                load_const(u, v);
                break;
            }
        }
        expr(u, n->u.unary.operand);
        at(u, n);
        int op = n->u.unary.op == HL_OP_NOT ? HL_BC_UN_NOT : n->u.unary.op == HL_OP_NEG ? HL_BC_UN_NEG
                 : n->u.unary.op == HL_OP_POS ? HL_BC_UN_POS : HL_BC_UN_INVERT;
        emit(u, OP_UNARY, (uint32_t)op, 0);
        break;
    }
    case HL_AST_BINARY: {
        if (n->u.binary.op == HL_OP_MATMUL) {
            unsupported(c, n, "the '@' operator is");
            return;
        }
        if (maybe_constant(n)) {
            hl_value v = fold(c, n);
            if (v) {
                load_const(u, v);
                break;
            }
        }
        expr(u, n->u.binary.left);
        expr(u, n->u.binary.right);
        at(u, n);
        emit(u, OP_BINARY, (uint32_t)binop_of(n->u.binary.op), -1);
        break;
    }
    case HL_AST_BOOL: {
        const hl_ast_list *vals = &n->u.boolop.values;
        size_t *exits = hl_arena_alloc(c->arena, vals->len * sizeof *exits);
        if (!exits) {
            fail_nomem(c);
            return;
        }
        int op = n->u.boolop.op == HL_OP_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
        for (size_t i = 0; i + 1 < vals->len; i++) {
            expr(u, vals->items[i]);
            exits[i] = emit(u, op, 0, -1);
        }
        expr(u, vals->items[vals->len - 1]);
        for (size_t i = 0; i + 1 < vals->len; i++)
            patch(u, exits[i], here(u));
        break;
    }
    case HL_AST_COMPARE: compare(u, n); break;
    case HL_AST_IFEXP: {
        expr(u, n->u.ifexp.test);
        size_t to_else = emit(u, OP_POP_JUMP_IF_FALSE, 0, -1);
        expr(u, n->u.ifexp.body);
        size_t to_end = emit(u, OP_JUMP, 0, 0);
        u->depth--;
        patch(u, to_else, here(u));
        expr(u, n->u.ifexp.orelse);
        patch(u, to_end, here(u));
        break;
    }
    case HL_AST_LAMBDA: function_object(u, n, &n->u.lambda.params, "<lambda>"); break;
    case HL_AST_LISTCOMP:
    case HL_AST_SETCOMP:
    case HL_AST_DICTCOMP:
    case HL_AST_GENEXP: comprehension(u, n); break;
    case HL_AST_STARRED: unsupported(c, n, "a starred expression here is"); break;
    default: unsupported(c, n, "this expression is"); break;
    }
}

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
        emit(u, OP_UNPACK_SEQUENCE, (uint32_t)items->len, (int)items->len - 1);
        u->maxdepth += 1; /* the VM unpacks above the sequence before sliding down */
    } else {
        size_t before = star, after = items->len - star - 1;
        if (before > 0xFF || after > 0xFFFF) {
            unsupported(u->c, t, "so many targets around a starred one are");
            return;
        }
        emit(u, OP_UNPACK_EX, (uint32_t)(before | after << 8), (int)items->len - 1);
        u->maxdepth += 1;
    }
    for (size_t i = 0; i < items->len; i++) {
        const hl_ast_node *item = items->items[i];
        store(u, item->kind == HL_AST_STARRED ? item->u.starred.value : item);
    }
}

/* Store the value on top of the stack into target t. */
static void store(unit *u, const hl_ast_node *t)
{
    compiler *c = u->c;
    if (c->failed)
        return;
    switch (t->kind) {
    case HL_AST_NAME:
        at(u, t);
        name_op(u, t->u.name.id, HL_CTX_STORE);
        break;
    case HL_AST_TUPLE:
    case HL_AST_LIST: store_sequence(u, t); break;
    case HL_AST_SUBSCRIPT:
        expr(u, t->u.subscript.value);
        subscript_parts(u, t->u.subscript.index);
        at(u, t);
        if (t->u.subscript.index->kind == HL_AST_SLICE)
            emit(u, OP_STORE_SLICE, 0, -5);
        else
            emit(u, OP_STORE_SUBSCR, 0, -3);
        break;
    case HL_AST_ATTRIBUTE:
        expr(u, t->u.attribute.value);
        at(u, t);
        emit(u, OP_STORE_ATTR, add_const(u, name_str(c, t->u.attribute.attr)), -2);
        break;
    default: unsupported(c, t, "assignment to this target is"); break;
    }
}

static void delete(unit *u, const hl_ast_node *t)
{
    compiler *c = u->c;
    switch (t->kind) {
    case HL_AST_NAME:
        at(u, t);
        name_op(u, t->u.name.id, HL_CTX_DEL);
        break;
    case HL_AST_TUPLE:
    case HL_AST_LIST:
        for (size_t i = 0; i < t->u.seq.items.len; i++)
            delete(u, t->u.seq.items.items[i]);
        break;
    case HL_AST_SUBSCRIPT:
        expr(u, t->u.subscript.value);
        subscript_parts(u, t->u.subscript.index);
        at(u, t);
        if (t->u.subscript.index->kind == HL_AST_SLICE)
            emit(u, OP_DELETE_SLICE, 0, -4);
        else
            emit(u, OP_DELETE_SUBSCR, 0, -2);
        break;
    case HL_AST_ATTRIBUTE:
        expr(u, t->u.attribute.value);
        at(u, t);
        emit(u, OP_DELETE_ATTR, add_const(u, name_str(c, t->u.attribute.attr)), -1);
        break;
    default: unsupported(c, t, "deleting this target is"); break;
    }
}

static void augassign(unit *u, const hl_ast_node *n)
{
    const hl_ast_node *t = n->u.augassign.target;
    uint32_t op = (uint32_t)binop_of(n->u.augassign.op);
    if (n->u.augassign.op == HL_OP_MATMUL) {
        unsupported(u->c, n, "the '@=' operator is");
        return;
    }
    switch (t->kind) {
    case HL_AST_NAME:
        at(u, t);
        name_op(u, t->u.name.id, HL_CTX_LOAD);
        expr(u, n->u.augassign.value);
        at(u, n);
        emit(u, OP_INPLACE, op, -1);
        at(u, t);
        name_op(u, t->u.name.id, HL_CTX_STORE);
        break;
    case HL_AST_SUBSCRIPT: {
        bool slice = t->u.subscript.index->kind == HL_AST_SLICE;
        int k = slice ? 4 : 2; /* [c, k] or [c, lo, hi, step] */
        expr(u, t->u.subscript.value);
        subscript_parts(u, t->u.subscript.index);
        for (int i = 0; i < k; i++)
            emit(u, OP_COPY, (uint32_t)k, 1);
        at(u, t);
        emit(u, slice ? OP_SLICE : OP_SUBSCR, 0, 1 - k);
        expr(u, n->u.augassign.value);
        at(u, n);
        emit(u, OP_INPLACE, op, -1);
        emit(u, OP_ROT, (uint32_t)k + 1, 0);
        at(u, t);
        emit(u, slice ? OP_STORE_SLICE : OP_STORE_SUBSCR, 0, -1 - k);
        break;
    }
    case HL_AST_ATTRIBUTE: {
        uint32_t name = add_const(u, name_str(u->c, t->u.attribute.attr));
        expr(u, t->u.attribute.value);
        emit(u, OP_COPY, 1, 1);
        at(u, t);
        emit(u, OP_LOAD_ATTR, name, 0);
        expr(u, n->u.augassign.value);
        at(u, n);
        emit(u, OP_INPLACE, op, -1);
        emit(u, OP_SWAP, 2, 0);
        at(u, t);
        emit(u, OP_STORE_ATTR, name, -2);
        break;
    }
    default: unsupported(u->c, t, "augmented assignment to this target is"); break;
    }
}

/* ---------------------------------------------------------------- statements */

static void add_break(unit *u, size_t at_insn)
{
    loop *l = u->loop;
    if (l->nbreaks == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        size_t *b = hl_arena_alloc(u->c->arena, cap * sizeof *b);
        if (!b) {
            fail_nomem(u->c);
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
    stmts(u, body);
    u->loop = l->prev;
}

static void if_stmt(unit *u, const hl_ast_node *n)
{
    expr(u, n->u.if_.test);
    size_t to_else = emit(u, OP_POP_JUMP_IF_FALSE, 0, -1);
    stmts(u, &n->u.if_.body);
    if (n->u.if_.orelse.len) {
        size_t to_end = emit(u, OP_JUMP, 0, 0);
        patch(u, to_else, here(u));
        stmts(u, &n->u.if_.orelse);
        patch(u, to_end, here(u));
    } else {
        patch(u, to_else, here(u));
    }
}

static void while_stmt(unit *u, const hl_ast_node *n)
{
    loop l = {0};
    l.continue_target = here(u);
    expr(u, n->u.if_.test);
    size_t to_else = emit(u, OP_POP_JUMP_IF_FALSE, 0, -1);
    loop_body(u, &l, &n->u.if_.body);
    emit(u, OP_JUMP, (uint32_t)l.continue_target, 0);
    patch(u, to_else, here(u));
    stmts(u, &n->u.if_.orelse);
    for (size_t i = 0; i < l.nbreaks; i++)
        patch(u, l.breaks[i], here(u));
}

static void for_stmt(unit *u, const hl_ast_node *n)
{
    loop l = {0};
    l.is_for = true;
    expr(u, n->u.for_.iter);
    at(u, n->u.for_.iter);
    emit(u, OP_GET_ITER, 0, 0);
    l.continue_target = here(u);
    size_t next = emit(u, OP_FOR_ITER, 0, 1);
    store(u, n->u.for_.target);
    loop_body(u, &l, &n->u.for_.body);
    emit(u, OP_JUMP, (uint32_t)l.continue_target, 0);
    patch(u, next, here(u));
    u->depth--; /* FOR_ITER popped the iterator */
    stmts(u, &n->u.for_.orelse);
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
            emit(u, OP_IMPORT_NAME, add_const(u, name_str(c, a->u.alias.name)), 1);
            const char *bound = a->u.alias.asname;
            if (!bound) {
                const char *dot = strchr(a->u.alias.name, '.');
                bound = dot ? hl_arena_strndup(c->arena, a->u.alias.name, (size_t)(dot - a->u.alias.name))
                            : a->u.alias.name;
                if (!bound) {
                    fail_nomem(c);
                    return;
                }
            }
            name_op(u, bound, HL_CTX_STORE);
        }
        return;
    }
    if (n->u.import_from.level > 0) {
        unsupported(c, n, "relative imports are");
        return;
    }
    const hl_ast_list *names = &n->u.import_from.names;
    if (names->len == 1 && strcmp(names->items[0]->u.alias.name, "*") == 0) {
        unsupported(c, n, "'from ... import *' is");
        return;
    }
    at(u, n);
    emit(u, OP_IMPORT_NAME, add_const(u, name_str(c, n->u.import_from.module)), 1);
    for (size_t i = 0; i < names->len; i++) {
        const hl_ast_node *a = names->items[i];
        at(u, a);
        emit(u, OP_IMPORT_FROM, add_const(u, name_str(c, a->u.alias.name)), 1);
        name_op(u, a->u.alias.asname ? a->u.alias.asname : a->u.alias.name, HL_CTX_STORE);
    }
    emit(u, OP_POP_TOP, 0, -1);
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
        expr(u, n->u.expr.value);
        at(u, n);
        if (c->interactive && u->scope->kind == HL_SCOPE_MODULE)
            emit(u, OP_PRINT_EXPR, 0, -1);
        else
            emit(u, OP_POP_TOP, 0, -1);
        break;
    case HL_AST_ASSIGN: {
        const hl_ast_list *targets = &n->u.assign.targets;
        expr(u, n->u.assign.value);
        for (size_t i = 0; i < targets->len; i++) {
            if (i + 1 < targets->len)
                emit(u, OP_COPY, 1, 1);
            store(u, targets->items[i]);
        }
        break;
    }
    case HL_AST_AUGASSIGN: augassign(u, n); break;
    case HL_AST_DELETE:
        for (size_t i = 0; i < n->u.del.targets.len; i++)
            delete(u, n->u.del.targets.items[i]);
        break;
    case HL_AST_PASS:
    case HL_AST_GLOBAL:
    case HL_AST_NONLOCAL: break;
    case HL_AST_BREAK: {
        int depth = u->depth;
        if (u->loop->is_for)
            emit(u, OP_POP_TOP, 0, -1);
        add_break(u, emit(u, OP_JUMP, 0, 0));
        u->depth = depth;
        break;
    }
    case HL_AST_CONTINUE: emit(u, OP_JUMP, (uint32_t)u->loop->continue_target, 0); break;
    case HL_AST_IF: if_stmt(u, n); break;
    case HL_AST_WHILE: while_stmt(u, n); break;
    case HL_AST_FOR: for_stmt(u, n); break;
    case HL_AST_FUNCTIONDEF:
        function_object(u, n, &n->u.def.params, n->u.def.name);
        at(u, n);
        name_op(u, n->u.def.name, HL_CTX_STORE);
        break;
    case HL_AST_RETURN:
        if (n->u.ret.value)
            expr(u, n->u.ret.value);
        else
            load_const(u, HL_NONE);
        at(u, n);
        emit(u, OP_RETURN_VALUE, 0, -1);
        break;
    case HL_AST_IMPORT:
    case HL_AST_IMPORTFROM: import_stmt(u, n); break;
    case HL_AST_ASSERT: {
        expr(u, n->u.assert_.test);
        size_t ok = emit(u, OP_POP_JUMP_IF_TRUE, 0, -1);
        if (n->u.assert_.msg)
            expr(u, n->u.assert_.msg);
        at(u, n);
        emit(u, OP_ASSERT_FAIL, n->u.assert_.msg != NULL, -(n->u.assert_.msg != NULL));
        patch(u, ok, here(u));
        break;
    }
    case HL_AST_RAISE: unsupported(c, n, "'raise' statements are"); break;
    default: unsupported(c, n, "this statement is"); break;
    }
    if (c->snapshot_lines && snapshot_after(n)) {
        at(u, n);
        emit(u, OP_SNAPSHOT, 0, 0);
    }
}

static void stmts(unit *u, const hl_ast_list *body)
{
    for (size_t i = 0; i < body->len && !u->c->failed; i++)
        stmt(u, body->items[i]);
}

/* ---------------------------------------------------------------- code objects */

/* The qualified name of a scope's code: "f", "outer.<locals>.f". */
static const char *qualname(compiler *c, const hl_scope *s, const char *name)
{
    const hl_scope *p = s->parent;
    if (!p || p->kind == HL_SCOPE_MODULE)
        return name;
    const hl_ast_node *pn = p->node;
    const char *pname = pn->kind == HL_AST_FUNCTIONDEF ? pn->u.def.name
                        : pn->kind == HL_AST_LAMBDA    ? "<lambda>"
                        : pn->kind == HL_AST_LISTCOMP  ? "<listcomp>"
                        : pn->kind == HL_AST_SETCOMP   ? "<setcomp>"
                        : pn->kind == HL_AST_DICTCOMP  ? "<dictcomp>"
                                                       : "<genexpr>";
    const char *outer = qualname(c, p, pname);
    const char *q = hl_lex_format(c->arena, "%s.<locals>.%s", outer, name);
    if (!q)
        fail_nomem(c);
    return q ? q : name;
}

static void comprehension_body(unit *u, const hl_ast_node *n)
{
    int kind = n->kind;
    emit(u, kind == HL_AST_SETCOMP ? OP_BUILD_SET : kind == HL_AST_DICTCOMP ? OP_BUILD_MAP : OP_BUILD_LIST, 0, 1);
    const hl_ast_list *gens = &n->u.comp.generators;
    size_t *starts = hl_arena_alloc(u->c->arena, gens->len * 2 * sizeof *starts);
    if (!starts) {
        fail_nomem(u->c);
        return;
    }
    size_t *exits = starts + gens->len;
    for (size_t i = 0; i < gens->len; i++) {
        const hl_ast_node *g = gens->items[i];
        if (i == 0) {
            emit(u, OP_LOAD_FAST, 0, 1); /* ".0": the iterator the caller passed */
        } else {
            expr(u, g->u.comprehension.iter);
            at(u, g->u.comprehension.iter);
            emit(u, OP_GET_ITER, 0, 0);
        }
        starts[i] = here(u);
        exits[i] = emit(u, OP_FOR_ITER, 0, 1);
        store(u, g->u.comprehension.target);
        for (size_t k = 0; k < g->u.comprehension.ifs.len; k++) {
            expr(u, g->u.comprehension.ifs.items[k]);
            emit(u, OP_POP_JUMP_IF_FALSE, (uint32_t)starts[i], -1);
        }
    }
    uint32_t depth = (uint32_t)gens->len + 1; /* the iterators sit above the result */
    if (kind == HL_AST_DICTCOMP) {
        expr(u, n->u.comp.elt);
        expr(u, n->u.comp.value);
        emit(u, OP_MAP_ADD, depth, -2);
    } else {
        expr(u, n->u.comp.elt);
        emit(u, kind == HL_AST_SETCOMP ? OP_SET_ADD : OP_LIST_APPEND, depth, -1);
    }
    for (size_t i = gens->len; i-- > 0;) {
        emit(u, OP_JUMP, (uint32_t)starts[i], 0);
        patch(u, exits[i], here(u));
        u->depth--;
    }
    emit(u, OP_RETURN_VALUE, 0, -1);
}

static void unit_free(compiler *c, unit *u)
{
    hl_heap_free(c->rt, u->code, u->cap * sizeof *u->code);
    hl_heap_free(c->rt, u->pos, u->cap * sizeof *u->pos);
}

/* Compile the body of node (module, def, lambda, comprehension) into a code object. */
static hl_value compile_code(compiler *c, unit *parent, const hl_ast_node *node, const char *name)
{
    hl_runtime *rt = c->rt;
    hl_scope *s = parent ? hl_scope_of(c->root, node) : c->root;
    unit u;
    memset(&u, 0, sizeof u);
    u.c = c;
    u.scope = s;
    u.line = node->line;
    HL_ROOT(rt, u.consts);
    HL_ROOT(rt, u.str_index);
    HL_ROOT(rt, u.int_index);
    hl_value code = HL_NOVALUE;
    if (!(u.consts = hl_list_new(rt, 0)) || !(u.str_index = hl_dict_new(rt)) || !(u.int_index = hl_dict_new(rt))) {
        fail_nomem(c);
        goto out;
    }
    if (s->kind != HL_SCOPE_MODULE) /* cells first, so parameters captured by closures work */
        for (size_t i = 0; i < s->nsyms; i++)
            if ((s->syms[i].flags & SYM_CELL) && (s->syms[i].flags & SYM_LOCAL))
                emit(&u, OP_MAKE_CELL, (uint32_t)s->syms[i].slot, 0);
    switch (node->kind) {
    case HL_AST_MODULE:
        stmts(&u, &node->u.module.body);
        load_const(&u, HL_NONE);
        emit(&u, OP_RETURN_VALUE, 0, -1);
        break;
    case HL_AST_FUNCTIONDEF:
        stmts(&u, &node->u.def.body);
        load_const(&u, HL_NONE);
        emit(&u, OP_RETURN_VALUE, 0, -1);
        break;
    case HL_AST_LAMBDA:
        expr(&u, node->u.lambda.body);
        emit(&u, OP_RETURN_VALUE, 0, -1);
        break;
    default:
        comprehension_body(&u, node);
        break;
    }
    if (c->failed)
        goto out;
    hl_value consts = hl_tuple_new(rt, hl_list_items(u.consts), hl_list_size(u.consts));
    HL_ROOT(rt, consts);
    hl_value varnames = consts ? hl_tuple_new(rt, NULL, (size_t)(s->nlocals + s->nfree)) : HL_NOVALUE;
    HL_ROOT(rt, varnames);
    for (size_t i = 0; varnames && i < s->nsyms; i++) {
        const hl_sym *sym = &s->syms[i];
        if (sym->slot < 0)
            continue;
        hl_value nm = name_str(c, sym->name);
        if (!nm)
            varnames = HL_NOVALUE;
        else
            hl_tuple_init_item(rt, varnames, (size_t)sym->slot, nm);
    }
    hl_value names[2] = {varnames ? name_str(c, name) : HL_NOVALUE, HL_NOVALUE};
    hl_root_array(rt, names, 2);
    if (names[0])
        names[1] = name_str(c, qualname(c, s, name));
    if (names[1])
        code = hl_code_new(rt, u.code, u.pos, u.n);
    if (code) {
        hl_code *co = hl_as_code(code);
        co->consts = consts;
        co->varnames = varnames;
        co->name = names[0];
        co->qualname = names[1];
        co->filename = c->filename;
        co->nargs = (uint32_t)s->nargs;
        co->nkwonly = (uint32_t)s->nkwonly;
        co->nlocals = (uint32_t)s->nlocals;
        co->nfree = (uint32_t)s->nfree;
        co->stacksize = (uint32_t)u.maxdepth + 2;
        co->flags = (s->varargs ? HL_CODE_VARARGS : 0) | (s->varkw ? HL_CODE_VARKW : 0) |
                    (s->kind == HL_SCOPE_MODULE ? HL_CODE_MODULE : 0) |
                    (s->kind == HL_SCOPE_COMPREHENSION ? HL_CODE_COMPREHENSION : 0);
        co->firstline = (uint32_t)node->line;
    } else {
        fail_nomem(c);
    }
    hl_unroot_array(rt);
    HL_UNROOT(rt, 2);
out:
    HL_UNROOT(rt, 3);
    unit_free(c, &u);
    return c->failed ? HL_NOVALUE : code;
}

/* [defaults] [kwdefaults] [closure] code -> MAKE_FUNCTION, leaving the function on the stack. */
static void function_object(unit *u, const hl_ast_node *n, const hl_ast_params *params, const char *name)
{
    compiler *c = u->c;
    uint32_t flags = 0;
    int pushed = 0;
    if (params && params->defaults.len) {
        exprs(u, &params->defaults);
        at(u, n);
        emit(u, OP_BUILD_TUPLE, (uint32_t)params->defaults.len, 1 - (int)params->defaults.len);
        flags |= HL_MAKE_DEFAULTS;
        pushed++;
    }
    if (params) {
        size_t nkw = 0;
        for (size_t i = 0; i < params->kw_defaults.len; i++) {
            if (!params->kw_defaults.items[i])
                continue;
            load_const(u, name_str(c, params->kwonly.items[i]->u.arg.name));
            expr(u, params->kw_defaults.items[i]);
            nkw++;
        }
        if (nkw) {
            emit(u, OP_BUILD_MAP, (uint32_t)nkw, 1 - 2 * (int)nkw);
            flags |= HL_MAKE_KWDEFAULTS;
            pushed++;
        }
    }
    hl_scope *s = hl_scope_of(c->root, n);
    if (!s) {
        fail_nomem(c);
        return;
    }
    if (s->nfree) {
        for (int i = 0; i < s->nfree; i++) {
            const hl_sym *fv = hl_scope_free(s, (size_t)i);
            hl_sym *mine = fv ? hl_scope_lookup(u->scope, fv->name) : NULL;
            if (!mine || mine->slot < 0) { /* the analysis guarantees it; never here */
                unsupported(c, n, "this closure is");
                return;
            }
            emit(u, OP_LOAD_FAST, (uint32_t)mine->slot, 1); /* the cell itself */
        }
        emit(u, OP_BUILD_TUPLE, (uint32_t)s->nfree, 1 - s->nfree);
        flags |= HL_MAKE_CLOSURE;
        pushed++;
    }
    hl_value code = compile_code(c, u, n, name);
    if (!code)
        return;
    load_const(u, code);
    at(u, n);
    emit(u, OP_MAKE_FUNCTION, flags, -pushed);
}

hl_value hl_compile(hl_runtime *rt, const hl_ast_node *module, hl_value module_obj, const char *filename,
                    bool interactive, hl_arena *arena, hl_lang_error *err)
{
    memset(err, 0, sizeof *err);
    const hl_lang *L = rt->ext;
    compiler c = {rt, arena, NULL, module_obj, HL_NOVALUE, interactive, L && L->snapshot_each_line, false, err};
    c.root = hl_scope_analyze(module, arena);
    if (!c.root) {
        fail_nomem(&c);
        return HL_NOVALUE;
    }
    HL_ROOT(rt, c.module);
    HL_ROOT(rt, c.filename);
    c.filename = hl_str_from_cstr(rt, filename);
    hl_value code = c.filename ? compile_code(&c, NULL, module, "<module>") : HL_NOVALUE;
    if (!c.filename)
        fail_nomem(&c);
    HL_UNROOT(rt, 2);
    return code;
}
