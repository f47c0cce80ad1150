/* Ordering (<, <=, >, >=; == and != through hl_eq): numbers exactly across int and float,
 * strs by code point, lists and tuples lexicographically, sets by inclusion; TypeError
 * otherwise, with CPython's message.
 *
 * Above the container types: calls object.c (hl_eq), number.h, str.c, tuple.c, list.c
 * and set.c, type.c and error.c. */
#include "heaplab/error.h"
#include "heaplab/list.h"
#include "heaplab/set.h"
#include "heaplab/str.h"
#include "heaplab/tuple.h"
#include "number.h"
#include "type.h"

static int cmp_result(int c, hl_cmp op)
{
    switch (op) {
    case HL_CMP_LT: return c < 0;
    case HL_CMP_LE: return c <= 0;
    case HL_CMP_EQ: return c == 0;
    case HL_CMP_NE: return c != 0;
    case HL_CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

static const char *const cmp_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

/* Lexicographic order of two sequences: the first items that differ decide, else lengths. */
static int cmp_sequences(hl_runtime *rt, const hl_value *x, size_t nx, const hl_value *y, size_t ny, hl_cmp op)
{
    size_t i = 0;
    for (; i < nx && i < ny; i++) {
        int eq = x[i] == y[i] ? 1 : hl_eq(rt, x[i], y[i]);
        if (eq < 0)
            return -1;
        if (!eq)
            break;
    }
    if (i < nx && i < ny) {
        if (hl_depth_enter(rt, " in comparison"))
            return -1;
        int r = hl_compare(rt, x[i], y[i], op);
        hl_depth_leave(rt);
        return r;
    }
    return cmp_result(nx < ny ? -1 : nx > ny, op);
}

static int cmp_sets(hl_runtime *rt, hl_value a, hl_value b, hl_cmp op)
{
    size_t na = hl_set_size(a), nb = hl_set_size(b);
    switch (op) {
    case HL_CMP_LT: return na < nb ? hl_set_is_subset(rt, a, b) : 0;
    case HL_CMP_LE: return hl_set_is_subset(rt, a, b);
    case HL_CMP_GT: return na > nb ? hl_set_is_subset(rt, b, a) : 0;
    default: return hl_set_is_subset(rt, b, a);
    }
}

int hl_compare(hl_runtime *rt, hl_value a, hl_value b, hl_cmp op)
{
    if (hl_arg_missing(rt, a, __func__) || hl_arg_missing(rt, b, __func__))
        return -1;
    if ((unsigned)op > HL_CMP_GE)
        return hl_error_set(rt, HL_EXC_VALUE_ERROR, "hl_compare: unknown comparison %d", (int)op);
    if (op == HL_CMP_EQ || op == HL_CMP_NE) {
        int eq = hl_eq(rt, a, b);
        return eq < 0 ? -1 : op == HL_CMP_EQ ? eq : !eq;
    }
    if (hl_is_number(a) && hl_is_number(b)) {
        int c = hl_cmp_numbers(a, b);
        return c == 2 ? 0 : cmp_result(c, op);
    }
    hl_type ta = hl_typeof(a);
    if (ta == hl_typeof(b)) {
        switch (ta) {
        case HL_T_STR:
            return cmp_result(hl_str_cmp(a, b), op);
        case HL_T_LIST:
            return cmp_sequences(rt, hl_list_items(a), hl_list_size(a), hl_list_items(b), hl_list_size(b), op);
        case HL_T_TUPLE:
            return cmp_sequences(rt, hl_tuple_items(a), hl_tuple_size(a), hl_tuple_items(b), hl_tuple_size(b), op);
        case HL_T_SET:
            return cmp_sets(rt, a, b, op);
        default:
            break;
        }
    }
    return hl_error_set(rt, HL_EXC_TYPE_ERROR, "'%s' not supported between instances of '%s' and '%s'",
                        cmp_symbols[op], hl_typeof_name(a), hl_typeof_name(b));
}
