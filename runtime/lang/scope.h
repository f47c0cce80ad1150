/* lang/scope.h: which names are local, cell, free or global in each scope, decided before
 * any code is generated, as CPython's symtable does. The parser has already rejected what
 * CPython's symtable rejects (global after use, nonlocal at module level, ...). */
#ifndef HEAPLAB_LANG_SCOPE_H
#define HEAPLAB_LANG_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"

enum {
    SYM_PARAM = 1 << 0,
    SYM_ASSIGNED = 1 << 1,
    SYM_USED = 1 << 2,
    SYM_GLOBAL = 1 << 3,   /* declared global */
    SYM_NONLOCAL = 1 << 4, /* declared nonlocal */
    /* resolution */
    SYM_LOCAL = 1 << 5,
    SYM_CELL = 1 << 6,     /* a local that inner scopes use: its slot holds a cell */
    SYM_FREE = 1 << 7      /* an enclosing function's variable: a closure slot */
};

typedef struct hl_sym {
    const char *name;
    unsigned flags;
    int slot; /* for LOCAL and FREE symbols */
} hl_sym;

typedef enum hl_scope_kind { HL_SCOPE_MODULE, HL_SCOPE_FUNCTION, HL_SCOPE_COMPREHENSION } hl_scope_kind;

typedef struct hl_scope hl_scope;
struct hl_scope {
    hl_scope_kind kind;
    const hl_ast_node *node; /* module, def, lambda or comprehension */
    hl_scope *parent;
    hl_scope *first_child, *next_sibling;
    hl_sym *syms;
    size_t nsyms, cap;
    int nlocals, nfree;
    int nargs, nkwonly; /* positional and keyword-only parameters */
    bool varargs, varkw;
};

/* Build and resolve the scopes of a module. NULL when the arena is exhausted. */
hl_scope *hl_scope_analyze(const hl_ast_node *module, hl_arena *arena);

/* The scope made for a def, lambda or comprehension node. */
hl_scope *hl_scope_of(hl_scope *root, const hl_ast_node *node);

hl_sym *hl_scope_lookup(hl_scope *s, const char *name);

/* The free variables of s in slot order (they are the closure its maker builds). */
const hl_sym *hl_scope_free(const hl_scope *s, size_t i);

#endif
