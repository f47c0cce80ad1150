/* heaplab/operators.h: Python's arithmetic, sequence and set operators on values. */
#ifndef HEAPLAB_OPERATORS_H
#define HEAPLAB_OPERATORS_H

#include "runtime.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum hl_binop {
    HL_OP_ADD, HL_OP_SUB, HL_OP_MUL, HL_OP_TRUEDIV, HL_OP_FLOORDIV, HL_OP_MOD, HL_OP_POW,
    HL_OP_LSHIFT, HL_OP_RSHIFT, HL_OP_AND, HL_OP_OR, HL_OP_XOR,
    HL_OP__COUNT
} hl_binop;

typedef enum hl_unop { HL_OP_NEG, HL_OP_POS, HL_OP_INVERT, HL_OP_NOT } hl_unop;

/* "+", "-", ... as Python prints them in error messages. */
const char *hl_binop_symbol(hl_binop op);

/* `a op b`: a new value, or HL_NOVALUE with TypeError ("unsupported operand type(s) for -:
 * 'list' and 'int'", "can only concatenate list (not "int") to list"), ZeroDivisionError,
 * OverflowError, MemoryError. */
hl_value hl_binary_op(hl_runtime *rt, hl_binop op, hl_value a, hl_value b);
/* `a op= b` with Python's rule: a mutable left side (list +=, list *=, set |= &= -= ^=,
 * dict |=) is changed in place and returned; for an immutable one (int, float, str, tuple)
 * the result is a new object. Either way the caller binds the returned value. */
hl_value hl_inplace_op(hl_runtime *rt, hl_binop op, hl_value a, hl_value b);
hl_value hl_unary_op(hl_runtime *rt, hl_unop op, hl_value v);
/* Python's pow(a, b, m): a ** b when m is HL_NOVALUE or None, else a ** b mod m for ints
 * (a negative b takes the inverse of a: ValueError "base is not invertible for the given
 * modulus"; m == 0: ValueError; a float: TypeError), with the sign of m. */
hl_value hl_pow_mod(hl_runtime *rt, hl_value a, hl_value b, hl_value m);

#ifdef __cplusplus
}
#endif

#endif
