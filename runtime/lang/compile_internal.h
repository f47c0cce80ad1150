/* lang/compile_internal.h: what the compiler's files (compile.c, compile_*.c) share: the
 * compiler and unit state, loops being compiled, and the functions one of them calls in
 * another, grouped by the file that defines them. Not for use outside the compiler: its
 * entry point is hl_compile (compile.h). */
#ifndef HEAPLAB_LANG_COMPILE_INTERNAL_H
#define HEAPLAB_LANG_COMPILE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "code.h"
#include "compile.h"
#include "scope.h"

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

/* ---- compile.c ---- */
void hl_compile_fail_nomem(compiler *c);
void hl_compile_unsupported(compiler *c, const hl_ast_node *n, const char *what);
size_t hl_compile_emit(unit *u, int op, uint32_t arg, int effect);
void hl_compile_function_object(unit *u, const hl_ast_node *n, const hl_ast_params *params, const char *name);

/* ---- compile_const.c ---- */
uint32_t hl_compile_add_const(unit *u, hl_value v);
hl_value hl_compile_str_const(compiler *c, const char *s, size_t n);
hl_value hl_compile_name_str(compiler *c, const char *name);
int hl_compile_binop_of(hl_ast_op op);
/* n's value if it is a constant expression; else HL_NOVALUE with nothing pending, but when
 * memory ran out (the compile has failed) or an int literal passes the digit limit. */
hl_value hl_compile_fold(compiler *c, const hl_ast_node *n);
bool hl_compile_maybe_constant(const hl_ast_node *n);

/* ---- compile_expr.c ---- */
void hl_compile_name_op(unit *u, const char *name, hl_ast_ctx ctx);
void hl_compile_expr(unit *u, const hl_ast_node *n);
void hl_compile_exprs(unit *u, const hl_ast_list *l);
void hl_compile_subscript_parts(unit *u, const hl_ast_node *index);
void hl_compile_call(unit *u, const hl_ast_node *n);

/* ---- compile_target.c ---- */
void hl_compile_store(unit *u, const hl_ast_node *t);
void hl_compile_delete(unit *u, const hl_ast_node *t);
void hl_compile_augassign(unit *u, const hl_ast_node *n);

/* ---- compile_stmt.c ---- */
void hl_compile_stmts(unit *u, const hl_ast_list *body);

/* ---- small helpers, inline ---- */
static inline size_t here(unit *u) { return u->n; }

static inline void patch(unit *u, size_t at, size_t target)
{
    if (!u->c->failed)
        u->code[at] = HL_INSN(HL_INSN_OP(u->code[at]), (uint32_t)target);
}

static inline void at(unit *u, const hl_ast_node *n)
{
    u->line = n->line;
    u->col = n->col;
}

static inline void load_const(unit *u, hl_value v) { hl_compile_emit(u, OP_LOAD_CONST, hl_compile_add_const(u, v), 1); }

#endif
