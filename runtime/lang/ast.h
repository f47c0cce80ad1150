/* lang/ast.h: the syntax tree of heaplab's Python subset.
 *
 * The tree mirrors CPython's ast module (Python.asdl) for the constructs heaplab runs, so
 * the compiler can follow CPython's semantics node by node. It holds no runtime values:
 * literals stay parsed data (int64 or digit text, double, UTF-8 bytes). Every node carries
 * CPython's lineno/col_offset/end_lineno/end_col_offset (1-based lines, 0-based UTF-8 byte
 * columns). All memory belongs to the arena the parser was given. */
#ifndef HEAPLAB_LANG_AST_H
#define HEAPLAB_LANG_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef enum hl_ast_kind {
    /* expressions */
    HL_AST_INT,         /* 42, 0x2A, 10**30 written out */
    HL_AST_FLOAT,       /* 1.5, 1e-9 */
    HL_AST_STR,         /* 'abc', adjacent literals already joined */
    HL_AST_CONSTANT,    /* None, True, False, ... */
    HL_AST_FSTRING,     /* f'a{b}c': CPython's JoinedStr */
    HL_AST_FORMATTED,   /* {b!r:>10} inside an f-string: FormattedValue */
    HL_AST_NAME,
    HL_AST_LIST,
    HL_AST_TUPLE,
    HL_AST_SET,
    HL_AST_DICT,
    HL_AST_ATTRIBUTE,   /* a.b */
    HL_AST_SUBSCRIPT,   /* a[i], a[i:j], a[i, j] */
    HL_AST_SLICE,       /* i:j:k, only as a subscript's index or a tuple item in one */
    HL_AST_CALL,
    HL_AST_KEYWORD,     /* name=value in a call; **value when name is NULL */
    HL_AST_STARRED,     /* *x in a call, a display or a target */
    HL_AST_UNARY,
    HL_AST_BINARY,
    HL_AST_BOOL,        /* a and b and c: one node, several values */
    HL_AST_COMPARE,     /* a < b <= c: one node, chained */
    HL_AST_IFEXP,       /* a if c else b */
    HL_AST_LAMBDA,
    HL_AST_LISTCOMP,
    HL_AST_SETCOMP,
    HL_AST_DICTCOMP,
    HL_AST_GENEXP,
    HL_AST_COMPREHENSION, /* for target in iter if cond...: a clause of the above */
    HL_AST_ARG,         /* a parameter of a def or lambda */
    HL_AST_ALIAS,       /* name [as asname] in an import */
    HL_AST_UNSUPPORTED, /* yield, await, :=: parsed for CPython's errors, never in a returned tree */
    /* statements */
    HL_AST_MODULE,
    HL_AST_EXPR,        /* an expression statement */
    HL_AST_ASSIGN,
    HL_AST_AUGASSIGN,
    HL_AST_DELETE,
    HL_AST_PASS,
    HL_AST_BREAK,
    HL_AST_CONTINUE,
    HL_AST_IF,
    HL_AST_WHILE,
    HL_AST_FOR,
    HL_AST_FUNCTIONDEF,
    HL_AST_RETURN,
    HL_AST_GLOBAL,
    HL_AST_NONLOCAL,
    HL_AST_IMPORT,
    HL_AST_IMPORTFROM,
    HL_AST_ASSERT,
    HL_AST_RAISE
} hl_ast_kind;

typedef enum hl_ast_ctx { HL_CTX_LOAD, HL_CTX_STORE, HL_CTX_DEL } hl_ast_ctx;

typedef enum hl_ast_constant { HL_CONST_NONE, HL_CONST_TRUE, HL_CONST_FALSE, HL_CONST_ELLIPSIS } hl_ast_constant;

typedef enum hl_ast_op {
    /* binary, in the order of the augmented-assignment tokens */
    HL_OP_ADD, HL_OP_SUB, HL_OP_MUL, HL_OP_DIV, HL_OP_FLOORDIV, HL_OP_MOD, HL_OP_POW,
    HL_OP_MATMUL, HL_OP_LSHIFT, HL_OP_RSHIFT, HL_OP_BITAND, HL_OP_BITOR, HL_OP_BITXOR,
    /* unary */
    HL_OP_NOT, HL_OP_NEG, HL_OP_POS, HL_OP_INVERT,
    /* boolean */
    HL_OP_AND, HL_OP_OR,
    /* comparison */
    HL_OP_EQ, HL_OP_NE, HL_OP_LT, HL_OP_LE, HL_OP_GT, HL_OP_GE, HL_OP_IS, HL_OP_IS_NOT,
    HL_OP_IN, HL_OP_NOT_IN
} hl_ast_op;

typedef struct hl_ast_node hl_ast_node;

typedef struct hl_ast_list {
    hl_ast_node **items;
    size_t len;
} hl_ast_list;

/* Parameters of a def or lambda, as CPython's `arguments` without positional-only ones.
 * defaults belong to the last len(defaults) of args; kw_defaults has one entry per
 * kwonly parameter, NULL where it has none. */
typedef struct hl_ast_params {
    hl_ast_list args;        /* HL_AST_ARG */
    hl_ast_list defaults;    /* expressions */
    hl_ast_node *vararg;     /* *args, or NULL */
    hl_ast_list kwonly;      /* HL_AST_ARG after * or *args */
    hl_ast_list kw_defaults; /* expressions or NULL */
    hl_ast_node *kwarg;      /* **kwargs, or NULL */
} hl_ast_params;

/* Node flags, for the parser's error messages. */
enum {
    HL_AST_GROUPED = 1,   /* written inside redundant parentheses: (a + b) */
    HL_AST_PAREN_SEQ = 2, /* a tuple written with its own parentheses: (a, b) */
    HL_AST_ASYNC_FOR = 4  /* an "async for" comprehension clause */
};

/* The most nested statements and expressions CPython 3.11 compiles from a script: a tree
 * higher than this is its "RecursionError: maximum recursion depth exceeded during
 * compilation". Recursive walks of a parsed tree can rely on this bound. */
#define HL_AST_MAX_HEIGHT 3000

struct hl_ast_node {
    hl_ast_kind kind;
    int line, col, end_line, end_col;
    uint16_t height; /* statements and expressions on the longest path down, saturating */
    uint8_t flags;
    union {
        struct { int64_t value; bool overflow; const char *text; } int_lit; /* text: digits, no '_' */
        struct { double value; const char *text; } float_lit;
        struct { const char *bytes; size_t len; } str; /* UTF-8, NUL-terminated */
        hl_ast_constant constant;
        struct { hl_ast_list parts; } fstring; /* HL_AST_STR and HL_AST_FORMATTED */
        struct {
            hl_ast_node *value;
            int conversion;          /* 0, 'r', 's' or 'a' */
            hl_ast_node *format_spec; /* HL_AST_FSTRING or NULL */
        } formatted;
        struct { const char *id; hl_ast_ctx ctx; } name;
        struct { hl_ast_list items; hl_ast_ctx ctx; } seq; /* list, tuple, set (ctx load) */
        struct { hl_ast_list keys, values; } dict;    /* a NULL key: **values[i] */
        struct { hl_ast_node *value; const char *attr; hl_ast_ctx ctx; } attribute;
        struct { hl_ast_node *value, *index; hl_ast_ctx ctx; } subscript;
        struct { hl_ast_node *lower, *upper, *step; } slice; /* each may be NULL */
        struct { hl_ast_node *func; hl_ast_list args, keywords; } call;
        struct { const char *name; hl_ast_node *value; } keyword;
        struct { hl_ast_node *value; hl_ast_ctx ctx; } starred;
        struct { hl_ast_op op; hl_ast_node *operand; } unary;
        struct { hl_ast_op op; hl_ast_node *left, *right; } binary;
        struct { hl_ast_op op; hl_ast_list values; } boolop;
        struct { hl_ast_node *left; hl_ast_op *ops; hl_ast_list comparators; } compare;
        struct { hl_ast_node *test, *body, *orelse; } ifexp;
        struct { hl_ast_params params; hl_ast_node *body; } lambda;
        struct { hl_ast_node *elt, *value; hl_ast_list generators; } comp; /* value: dictcomp */
        struct { hl_ast_node *target, *iter; hl_ast_list ifs; } comprehension;
        struct { const char *name; } arg;
        struct { const char *name, *asname; } alias; /* name may be dotted; asname or NULL */
        struct { const char *what; hl_ast_node *value; } unsupported; /* "yield expression" */
        struct { hl_ast_list body; } module;
        struct { hl_ast_node *value; } expr;
        struct { hl_ast_list targets; hl_ast_node *value; } assign;
        struct { hl_ast_node *target; hl_ast_op op; hl_ast_node *value; } augassign;
        struct { hl_ast_list targets; } del;
        struct { hl_ast_node *test; hl_ast_list body, orelse; } if_; /* also while */
        struct { hl_ast_node *target, *iter; hl_ast_list body, orelse; } for_;
        struct { const char *name; hl_ast_params params; hl_ast_list body; } def;
        struct { hl_ast_node *value; } ret; /* value may be NULL */
        struct { const char **names; size_t len; } names; /* global, nonlocal */
        struct { hl_ast_list names; } import; /* HL_AST_ALIAS */
        struct { const char *module; hl_ast_list names; int level; } import_from; /* module may be NULL */
        struct { hl_ast_node *test, *msg; } assert_;
        struct { hl_ast_node *exc, *cause; } raise; /* both may be NULL */
    } u;
};

/* A zeroed node of the given kind, or NULL when the arena is exhausted. */
hl_ast_node *hl_ast_new(hl_arena *arena, hl_ast_kind kind, int line, int col, int end_line,
                        int end_col);

/* Calls fn on each direct child (expressions, statements and helper nodes) in source
 * order. */
void hl_ast_each_child(const hl_ast_node *node, void (*fn)(hl_ast_node *child, void *ud), void *ud);

/* Sets node->height from its children's: helper nodes (keyword, comprehension, arg, alias)
 * do not count a level, as in CPython's compiler. */
void hl_ast_set_height(hl_ast_node *node);

/* CPython's name for a node kind in error messages: "function call", "literal", ... */
const char *hl_ast_describe(const hl_ast_node *node);

/* Operator spellings: "+", "not in", "not", ... */
const char *hl_ast_op_text(hl_ast_op op);

/* A compact s-expression of the tree, for tests: "(module (= x:s 1))". Names with ctx
 * store or del carry ":s" or ":d". With positions, every node gets "@line:col-line:col".
 * Returns a NUL-terminated string in the arena, or NULL when memory runs out. */
enum { HL_AST_DUMP_POSITIONS = 1 };
char *hl_ast_dump(const hl_ast_node *node, unsigned flags, hl_arena *arena);

#endif
