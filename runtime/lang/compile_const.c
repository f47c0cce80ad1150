/* lang/compile_const.c: the compiler's constants.
 *
 * Owns: each code object's constant table, deduplicated by type and value as CPython's
 * constant merging does (so `a = 1000; b = 1000; a is b` is True in boxed mode too), interned
 * name strings, and constant folding of expressions (a set display of three or more
 * constants becomes a constant set copied at run time, CPython's frozenset trick, which fixes
 * the order in which a set of strings prints). Calls compile.c's emitting and the runtime's
 * object API and operators. */
#include "compile_internal.h"

#include <string.h>

#include "heaplab/dict.h"
#include "heaplab/float.h"
#include "heaplab/int.h"
#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"

/* ---------------------------------------------------------------- constants */

/* Two constants are the same when their types and values are (1, 1.0 and True differ;
 * 0.0 and -0.0 differ), as CPython's constant merging decides. */
static bool same_const(hl_runtime *rt, hl_value a, hl_value b)
{
    if (a == b)
        return true;
    hl_type t = hl_typeof(a);
    if (t != hl_typeof(b))
        return false;
    switch (t) {
    case HL_T_INT: return hl_eq(rt, a, b) == 1;
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
            if (!same_const(rt, hl_tuple_get(a, i), hl_tuple_get(b, i)))
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
uint32_t hl_compile_add_const(unit *u, hl_value v)
{
    compiler *c = u->c;
    hl_runtime *rt = c->rt;
    if (c->failed || !v) {
        if (!v)
            hl_compile_fail_nomem(c);
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
            if (same_const(u->c->rt, hl_list_items(u->consts)[i], v)) {
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
    hl_compile_fail_nomem(c);
done:
    HL_UNROOT(rt, 1);
    return result;
}

hl_value hl_compile_str_const(compiler *c, const char *s, size_t n)
{
    hl_value v = hl_str_new(c->rt, s, n);
    if (!v) { /* the lexer decoded it: only memory can fail */
        if (hl_error_type(c->rt) != HL_EXC_MEMORY_ERROR)
            hl_error_clear(c->rt);
        hl_compile_fail_nomem(c);
    }
    return v;
}

hl_value hl_compile_name_str(compiler *c, const char *name)
{
    hl_value v = hl_str_intern_cstr(c->rt, name);
    if (!v)
        hl_compile_fail_nomem(c);
    return v;
}

/* ---------------------------------------------------------------- constant folding */

int hl_compile_binop_of(hl_ast_op op)
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
/* CPython's limits on folding ints (ast_opt.c's safe_multiply, safe_power, safe_lshift): a
 * product, power or shift is folded only when the result stays within 128 bits. Which
 * expressions are constants decides whether a set display is CPython's frozenset copy, so the
 * order a set prints in. */
#define MAX_INT_BITS 128
static bool small_int_result(int op, hl_value a, hl_value b)
{
    bool ints = (hl_is_int(a) || hl_is_bool(a)) && (hl_is_int(b) || hl_is_bool(b));
    if (!ints || hl_int_sign(a) == 0 || hl_int_sign(b) == 0)
        return true;
    uint64_t abits = hl_int_bit_length(a);
    bool count = hl_int_sign(b) > 0 && hl_int_fits_int64(b); /* a size_t, as CPython reads b */
    uint64_t w = count ? (uint64_t)hl_int_get(b) : 0;
    switch (op) {
    case HL_BC_BIN_MUL: return abits + hl_int_bit_length(b) <= MAX_INT_BITS;
    case HL_BC_BIN_POW: return hl_int_sign(b) < 0 || (count && abits <= MAX_INT_BITS / w);
    case HL_BC_BIN_LSHIFT: return count && w <= MAX_INT_BITS && abits <= MAX_INT_BITS - w;
    default: return true;
    }
}

/* A literal's value; out of memory fails the compile, as it would fail to make the value
 * when the expression is compiled unfolded. */
static hl_value literal(compiler *c, hl_value v)
{
    if (!v && hl_error_type(c->rt) == HL_EXC_MEMORY_ERROR)
        hl_compile_fail_nomem(c);
    return v;
}

hl_value hl_compile_fold(compiler *c, const hl_ast_node *n)
{
    hl_runtime *rt = c->rt;
    if (c->failed)
        return HL_NOVALUE;
    switch (n->kind) {
    case HL_AST_INT:
        if (n->u.int_lit.overflow) /* from its digits: past the digit limit, a ValueError for the caller */
            return literal(c, hl_int_from_str(rt, n->u.int_lit.text, strlen(n->u.int_lit.text), 0));
        return literal(c, hl_int_new(rt, n->u.int_lit.value));
    case HL_AST_FLOAT: return literal(c, hl_float_new(rt, n->u.float_lit.value));
    case HL_AST_STR: return hl_compile_str_const(c, n->u.str.bytes, n->u.str.len);
    case HL_AST_CONSTANT:
        return n->u.constant == HL_CONST_NONE ? HL_NONE
               : n->u.constant == HL_CONST_TRUE ? HL_TRUE
               : n->u.constant == HL_CONST_FALSE ? HL_FALSE
                                                 : HL_NOVALUE;
    case HL_AST_UNARY: {
        if (n->u.unary.op == HL_OP_NOT)
            return HL_NOVALUE;
        hl_value v = hl_compile_fold(c, n->u.unary.operand);
        if (!v || !is_number(v))
            return HL_NOVALUE;
        int op = n->u.unary.op == HL_OP_NEG ? HL_BC_UN_NEG : n->u.unary.op == HL_OP_POS ? HL_BC_UN_POS : HL_BC_UN_INVERT;
        hl_value r = hl_lang_unary_op(rt, (unsigned)op, v);
        if (!r)
            hl_error_clear(rt);
        return r;
    }
    case HL_AST_BINARY: {
        int op = hl_compile_binop_of(n->u.binary.op);
        if (op < 0)
            return HL_NOVALUE;
        hl_value a = hl_compile_fold(c, n->u.binary.left);
        if (!a)
            return HL_NOVALUE;
        HL_ROOT(rt, a);
        hl_value b = hl_compile_fold(c, n->u.binary.right);
        hl_value r = HL_NOVALUE;
        if (b) {
            bool numbers = is_number(a) && is_number(b);
            bool small_pow = small_int_result(op, a, b);
            bool strings = hl_is_str(a) && hl_is_str(b) && op == HL_BC_BIN_ADD &&
                           hl_str_length(a) + hl_str_length(b) <= MAX_CONST_STR;
            bool repeat = op == HL_BC_BIN_MUL && ((hl_is_str(a) && hl_is_int(b)) || (hl_is_int(a) && hl_is_str(b)));
            if (repeat && !hl_int_fits_int64(hl_is_str(a) ? b : a))
                repeat = false;
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
            hl_compile_fail_nomem(c);
            return HL_NOVALUE;
        }
        HL_ROOT(rt, t);
        for (size_t i = 0; i < len && t; i++) {
            const hl_ast_node *item = n->u.seq.items.items[i];
            hl_value v = item->kind == HL_AST_STARRED ? HL_NOVALUE : hl_compile_fold(c, item);
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
bool hl_compile_maybe_constant(const hl_ast_node *n)
{
    switch (n->kind) {
    case HL_AST_INT:
    case HL_AST_FLOAT:
    case HL_AST_STR:
    case HL_AST_CONSTANT: return true;
    case HL_AST_UNARY: return n->u.unary.op != HL_OP_NOT && hl_compile_maybe_constant(n->u.unary.operand);
    case HL_AST_BINARY: return hl_compile_maybe_constant(n->u.binary.left) && hl_compile_maybe_constant(n->u.binary.right);
    case HL_AST_TUPLE:
        for (size_t i = 0; i < n->u.seq.items.len; i++)
            if (!hl_compile_maybe_constant(n->u.seq.items.items[i]))
                return false;
        return true;
    default: return false;
    }
}
