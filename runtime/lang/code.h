/* lang/code.h: the bytecode format, and the front end's heap objects (code, function,
 * module).
 *
 * An instruction is one 32-bit word: the opcode in the low 8 bits, its argument in the
 * upper 24 (as Lua's). Jumps carry an absolute instruction index. A code object keeps, per
 * instruction, the source position its errors report. Everything a code object refers to
 * (constants, names, its name and file) is in traced fields, so a function on the VM stack
 * keeps its whole code graph alive. */
#ifndef HEAPLAB_LANG_CODE_H
#define HEAPLAB_LANG_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "../objects.h"

#define HL_ARG_MAX 0xFFFFFFu
#define HL_INSN(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define HL_INSN_OP(i) ((i) & 0xFFu)
#define HL_INSN_ARG(i) ((i) >> 8)

/* Stack effects are written [before] -> [after], top of the stack on the right. */
typedef enum hl_opcode {
    OP_NOP,
    OP_LOAD_CONST,     /* arg: constant index.   [] -> [c] */
    OP_LOAD_FAST,      /* arg: slot.             [] -> [v]  UnboundLocalError when unset */
    OP_STORE_FAST,     /*                        [v] -> [] */
    OP_DELETE_FAST,
    OP_LOAD_DEREF,     /* arg: slot holding a cell (a one-item list) */
    OP_STORE_DEREF,
    OP_DELETE_DEREF,
    OP_MAKE_CELL,      /* arg: slot: wrap the slot's value (maybe unset) in a new cell */
    OP_LOAD_GLOBAL,    /* arg: the module's slot; falls back to the built-in of that name */
    OP_STORE_GLOBAL,
    OP_DELETE_GLOBAL,
    OP_LOAD_ATTR,      /* arg: name constant.    [o] -> [o.name] */
    OP_LOAD_METHOD,    /* arg: name constant.    [o] -> [meth, o] or [value, NOVALUE] */
    OP_STORE_ATTR,     /* arg: name constant.    [v, o] -> []  (modules only; else AttributeError) */
    OP_DELETE_ATTR,    /* arg: name constant.    [o] -> [] */
    OP_POP_TOP,
    OP_COPY,           /* arg: n >= 1.           [.., x, (n-1 more)] -> [.., x, .., x] */
    OP_SWAP,           /* arg: n >= 2: swap the top with the n-th item */
    OP_ROT,            /* arg: n >= 2: move the top down to the n-th place.  [a, b, c] -> [c, a, b] */
    OP_BINARY,         /* arg: hl_binop.         [a, b] -> [a op b] */
    OP_INPLACE,        /* arg: hl_binop.         [a, b] -> [a op= b] */
    OP_UNARY,          /* arg: hl_unop.          [v] -> [op v] */
    OP_COMPARE,        /* arg: hl_cmp, or HL_CMP_X_* below.  [a, b] -> [bool] */
    OP_BUILD_LIST,     /* arg: n.                [n items] -> [list] */
    OP_BUILD_TUPLE,
    OP_BUILD_SET,
    OP_BUILD_MAP,      /* arg: n pairs.          [k1, v1, ..] -> [dict] */
    OP_SET_FROM_CONST, /* arg: constant index of a set: a new set of its items, in its order */
    OP_LIST_APPEND,    /* arg: depth of the list below the item.  [list, .., v] -> [list, ..] */
    OP_SET_ADD,
    OP_MAP_ADD,        /* [dict, .., k, v] -> [dict, ..] */
    OP_LIST_EXTEND,    /* arg: depth.            [list, .., iterable] -> [list, ..] */
    OP_SET_UPDATE,
    OP_DICT_UPDATE,
    OP_LIST_TO_TUPLE,  /* [list] -> [tuple] */
    OP_SUBSCR,         /* [c, k] -> [c[k]] */
    OP_STORE_SUBSCR,   /* [v, c, k] -> [] */
    OP_DELETE_SUBSCR,  /* [c, k] -> [] */
    OP_SLICE,          /* [c, lo, hi, step] -> [c[lo:hi:step]]  (None: omitted) */
    OP_STORE_SLICE,    /* [v, c, lo, hi, step] -> [] */
    OP_DELETE_SLICE,   /* [c, lo, hi, step] -> [] */
    OP_JUMP,           /* arg: target */
    OP_POP_JUMP_IF_FALSE,
    OP_POP_JUMP_IF_TRUE,
    OP_JUMP_IF_FALSE_OR_POP,
    OP_JUMP_IF_TRUE_OR_POP,
    OP_GET_ITER,       /* [iterable] -> [iterator] */
    OP_FOR_ITER,       /* arg: target when exhausted (the iterator popped).  [it] -> [it, v] */
    OP_UNPACK_SEQUENCE, /* arg: n.  [seq] -> [v_n-1, .., v0] (v0 on top) */
    OP_UNPACK_EX,      /* arg: before | after << 8, around one starred target */
    OP_CALL,           /* arg: n positional.  [f, a1..an] -> [result] */
    OP_CALL_KW,        /* arg: n values; the last len(names) are keywords.  [f, a.., names] -> [r] */
    OP_CALL_METHOD,    /* arg: n.  [meth, self, a1..an] -> [r], or [f, NOVALUE, a..] */
    OP_CALL_METHOD_KW, /* arg: n.  as CALL_METHOD, keyword names on top */
    OP_CALL_EX,        /* arg: 1 with a kwargs dict.  [f, args tuple, (dict)] -> [r] */
    OP_MAKE_FUNCTION,  /* arg: HL_MAKE_* flags.  [(defaults), (kwdefaults), (closure), code] -> [f] */
    OP_RETURN_VALUE,   /* [v] -> returns v */
    OP_IMPORT_NAME,    /* arg: name constant.  [] -> [module] */
    OP_IMPORT_FROM,    /* arg: name constant.  [module] -> [module, attr] */
    OP_FORMAT_VALUE,   /* arg: conversion (0, 'r', 's', 'a') | HL_FORMAT_HAS_SPEC.  [v, (spec)] -> [str] */
    OP_BUILD_STRING,   /* arg: n.  [n strs] -> [str] */
    OP_ASSERT_FAIL,    /* arg: 1 with a message.  [(msg)] -> raises AssertionError */
    OP_PRINT_EXPR,     /* [v] -> []: the REPL's echo: repr(v) printed unless v is None */
    OP_SNAPSHOT,       /* after a statement, with hl_lang_set_snapshots(each_line): a heap picture */
    OP__COUNT
} hl_opcode;

/* Operator numbers in OP_BINARY, OP_INPLACE, OP_UNARY and OP_COMPARE: operators.h's hl_binop,
 * hl_unop and hl_cmp, spelled again because the compiler cannot include operators.h next
 * to ast.h (both name their operators HL_OP_*); vm.c checks they agree. */
enum { HL_BC_BIN_ADD, HL_BC_BIN_SUB, HL_BC_BIN_MUL, HL_BC_BIN_TRUEDIV, HL_BC_BIN_FLOORDIV, HL_BC_BIN_MOD,
       HL_BC_BIN_POW, HL_BC_BIN_LSHIFT, HL_BC_BIN_RSHIFT, HL_BC_BIN_AND, HL_BC_BIN_OR, HL_BC_BIN_XOR };
enum { HL_BC_UN_NEG, HL_BC_UN_POS, HL_BC_UN_INVERT, HL_BC_UN_NOT };
enum { HL_BC_CMP_LT, HL_BC_CMP_LE, HL_BC_CMP_EQ, HL_BC_CMP_NE, HL_BC_CMP_GT, HL_BC_CMP_GE };
hl_value hl_lang_binary_op(hl_runtime *rt, unsigned op, hl_value a, hl_value b);
hl_value hl_lang_unary_op(hl_runtime *rt, unsigned op, hl_value v);

/* Comparison arguments beyond hl_cmp. */
enum { HL_CMP_X_IS = 6, HL_CMP_X_IS_NOT, HL_CMP_X_IN, HL_CMP_X_NOT_IN };

/* MAKE_FUNCTION flags. */
enum { HL_MAKE_DEFAULTS = 1, HL_MAKE_KWDEFAULTS = 2, HL_MAKE_CLOSURE = 4 };

#define HL_FORMAT_HAS_SPEC 0x100

/* Code flags. */
enum {
    HL_CODE_VARARGS = 1,  /* the slot after the named parameters takes *args */
    HL_CODE_VARKW = 2,    /* the next one takes **kwargs */
    HL_CODE_MODULE = 4,   /* module-level code */
    HL_CODE_COMPREHENSION = 8
};

/* The source position of an instruction: 1-based line, 0-based UTF-8 byte column. */
typedef struct hl_code_pos {
    uint32_t line, col;
} hl_code_pos;

typedef struct hl_code {
    hl_object h;
    uint32_t *insns;      /* DATA buffer owned by the code */
    hl_code_pos *pos;     /* one per instruction, in the same buffer after insns */
    uint32_t ninsns;
    uint32_t nargs;       /* positional parameters */
    uint32_t nkwonly;     /* keyword-only parameters, after the positional ones */
    uint32_t nlocals;     /* parameters first, then the other locals */
    uint32_t nfree;       /* slots after the locals, filled from the closure */
    uint32_t stacksize;   /* the most values the evaluation stack holds */
    uint32_t flags;       /* HL_CODE_* */
    uint32_t firstline;
    hl_value consts;      /* tuple */
    hl_value varnames;    /* tuple of str: locals, then free variables */
    hl_value name;        /* str: "f", "<lambda>", "<listcomp>", "<module>" */
    hl_value qualname;    /* str: "outer.<locals>.f", as messages and reprs name it */
    hl_value filename;    /* str */
} hl_code;

typedef struct hl_function {
    hl_object h;
    hl_value code;       /* hl_code */
    hl_value module;     /* the module whose slots its globals are */
    hl_value defaults;   /* tuple, or HL_NOVALUE */
    hl_value kwdefaults; /* dict, or HL_NOVALUE */
    hl_value closure;    /* tuple of cells, or HL_NOVALUE */
} hl_function;

/* A module: named slots. Its globals are resolved to slot numbers at compile time; a slot
 * that is unset falls back to the built-in of the same name (`builtins`, set when the slot
 * is made), so neither path needs a hash lookup. */
typedef struct hl_module {
    hl_object h;
    hl_value name;      /* str */
    hl_value index;     /* dict: name -> slot number (a small int) */
    hl_value names;     /* list of str: slot -> name */
    hl_value *slots;    /* REFS buffer of capacity values */
    hl_value *builtins; /* REFS buffer: the built-in for each slot's name, or HL_NOVALUE */
    size_t nslots, capacity;
} hl_module;

static inline hl_code *hl_as_code(hl_value v) { return (hl_code *)v; }
static inline hl_function *hl_as_function(hl_value v) { return (hl_function *)v; }
static inline hl_module *hl_as_module(hl_value v) { return (hl_module *)v; }

/* ---- code.c ---- */
/* A code object over copies of insns/pos; the rest of the fields are set by the caller
 * before its next allocation. */
hl_value hl_code_new(hl_runtime *rt, const uint32_t *insns, const hl_code_pos *pos, size_t n);

/* ---- function.c ---- */
hl_value hl_function_new(hl_runtime *rt, hl_value code, hl_value module);

/* ---- module.c ---- */
hl_value hl_module_new(hl_runtime *rt, const char *name);
/* The slot for name (a str), made if missing; -1 with MemoryError. */
int64_t hl_module_slot(hl_runtime *rt, hl_value module, hl_value name);
/* module.name = v, by C string; 0 or -1. */
int hl_module_set(hl_runtime *rt, hl_value module, const char *name, hl_value v);
/* The built-in name as this module sees it (a global of that name hides it); 0 or -1. */
int hl_module_set_builtin(hl_runtime *rt, hl_value module, const char *name, hl_value v);
/* The value of an attribute, or HL_NOVALUE with AttributeError. */
hl_value hl_module_getattr(hl_runtime *rt, hl_value module, hl_value name);

/* Each file registers its type (the type table is shared by the process);
 * hl_lang_define_types calls them all, once. */
void hl_code_define_type(void);
void hl_function_define_type(void);
void hl_module_define_type(void);
void hl_lang_define_types(void);

#endif
