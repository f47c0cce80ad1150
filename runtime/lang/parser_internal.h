/* lang/parser_internal.h: what the parser's files (parser.c, parse_*.c) share: the parser
 * state, its arrays and snapshots, the scopes of its symbol-table checks, and the functions
 * one of them calls in another, grouped by the file that defines them. Not for use outside
 * the parser: its entry point is hl_parse (parser.h). */
#ifndef HEAPLAB_LANG_PARSER_INTERNAL_H
#define HEAPLAB_LANG_PARSER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "parser.h"

#define MAX_RECURSION 3000 /* nested lambdas and f-strings: beyond this the tree is too high */

enum stage { STAGE_HEIGHT, STAGE_SYMTABLE, STAGE_ANALYSIS, STAGE_COMPILER, STAGE_UNSUPPORTED, N_STAGES };

/* A growable array of nodes in the arena. */
typedef struct vec {
    hl_ast_node **items;
    size_t len, cap;
} vec;

typedef struct pending_op { /* an operator waiting for its right operand */
    hl_token tok;
    hl_ast_op op;
    int prec;
    bool prefix;
} pending_op;

typedef struct operand {
    hl_ast_node *node;
    int line, col, end_line, end_col; /* its tokens, parentheses included */
} operand;

typedef struct scope scope;
typedef struct snapshot snapshot;

typedef struct parser {
    hl_lexer lex;
    hl_arena *arena;
    const char *filename;
    hl_token tok;   /* the current token */
    hl_token ahead; /* the one after it, when has_ahead */
    bool has_ahead;
    hl_token prev;  /* the last token consumed */
    hl_token last_real; /* the last one that is not NEWLINE, INDENT or DEDENT: where nodes end */
    int furthest_line;
    hl_token far; /* the furthest token read: where CPython reports an error with no place of its own */
    const char *far_end;
    bool failed;
    bool lexer_failed; /* the error is the tokenizer's, */
    bool hard_failed;  /* or raised in CPython's first pass, which nothing takes back, */
    bool specific;     /* or one of its second pass's messages, final too */
    bool no_invalid;   /* inside CPython's expression_without_invalid: no special messages */
    bool check_rest; /* a parser error: a tokenizer error later in the file overrides it */
    hl_lang_error error;
    hl_lang_error deferred[N_STAGES];
    int deferred_order[N_STAGES][4]; /* the node each was found at, for the compiler's order */
    int depth;
    pending_op *ops;
    size_t n_ops, cap_ops;
    snapshot **snaps;
    size_t n_snaps, snap_depth;
    operand *vals;
    size_t n_vals, cap_vals;
    scope *scope;
    int loop_depth;
    int blocks; /* loops nested in the current function: CPython allows 20 */
    struct pending_await { hl_ast_node *node; bool in_function; } *awaits; /* outside async */
    size_t n_awaits, cap_awaits; /* functions, not yet settled (settle_awaits) */
    /* while parsing an f-string's expression: where its "(...)" text sits in the file */
    bool in_fstring;
    int fs_line_delta, fs_col_delta;
} parser;

/* Parser state saved to try a construct and take it back (with, match, CPython's
 * backtracking in its error rules). */
struct snapshot {
    hl_lexer lex;
    hl_token tok, ahead, prev, last_real;
    bool has_ahead;
    int furthest_line;
    size_t n_ops, n_vals, n_awaits;
    hl_lang_error deferred[N_STAGES];
    int deferred_order[N_STAGES][4];
};

/* CPython's RAISE_SYNTAX_ERROR points at the furthest token its parser has read, in
 * either of its passes. */
#define FAIL_LAST(p, ...) hl_parser_fail_token(p, &(p)->far, HL_LANG_SYNTAX_ERROR, __VA_ARGS__)

#define FAIL_NODE(p, n, ...) hl_parser_fail_range(p, n, n, __VA_ARGS__)

enum scope_kind { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_ASYNC_FUNCTION, SCOPE_CLASS, SCOPE_LAMBDA };
enum { DEF_GLOBAL = 1, DEF_LOCAL = 2, DEF_PARAM = 4, DEF_NONLOCAL = 8, DEF_USE = 16, DEF_IMPORT = 32 };

typedef struct symbol {
    const char *name;
    unsigned flags;
} symbol;

typedef struct nonlocal_decl {
    struct nonlocal_decl *next;
    scope *scope;
    const char *name;
    const hl_ast_node *stmt;
} nonlocal_decl;

struct scope {
    scope *parent;
    enum scope_kind kind;
    symbol *syms; /* open addressing, cap a power of two */
    size_t count, cap;
    nonlocal_decl *nonlocals, **nonlocals_tail; /* the module's list: every scope's, in order */
};

enum prec { P_OR = 1, P_AND, P_NOT, P_CMP, P_BOR, P_BXOR, P_BAND, P_SHIFT, P_SUM, P_TERM, P_UNARY, P_POWER };

enum target_use { STAR_TARGETS, DEL_TARGETS, FOR_TARGETS };

/* ---- parser.c ---- */
void hl_parser_fail_at(parser *p, hl_lang_error_kind kind, int line, int col, int end_line,
                       int end_col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void hl_parser_fail_memory(parser *p);
void hl_parser_token_location(parser *p, const hl_token *t, int *line, int *col, int *end_line,
                              int *end_col);
void hl_parser_fail_token(parser *p, const hl_token *t, hl_lang_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void hl_parser_node_err_pos(parser *p, int line, int col, int *eline, int *ecol);
void hl_parser_fail_range(parser *p, const hl_ast_node *a, const hl_ast_node *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void hl_parser_invalid_syntax_at(parser *p, const hl_token *t);
void hl_parser_invalid_syntax(parser *p);
void hl_parser_defer(parser *p, enum stage stage, const hl_ast_node *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void hl_parser_defer_ordered(parser *p, enum stage stage, const hl_ast_node *order, const hl_ast_node *n,
                             const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void hl_parser_unsupported(parser *p, const hl_ast_node *n, const char *what);
hl_token hl_parser_lex_next(parser *p);
void hl_parser_advance(parser *p);
const hl_token *hl_parser_peek(parser *p);
void hl_parser_real_pos(parser *p, int line, int col, int *rl, int *rc);
hl_ast_node *hl_parser_node_from(parser *p, hl_ast_kind kind, const hl_token *start);
hl_ast_node *hl_parser_node_span(parser *p, hl_ast_kind kind, const hl_ast_node *a, const hl_ast_node *b);
hl_ast_node *hl_parser_finish(parser *p, hl_ast_node *n);
void *hl_parser_make_room(parser *p, void *items, size_t *cap, size_t len, size_t size);
bool hl_parser_vec_push(parser *p, vec *v, hl_ast_node *n);
char *hl_parser_token_text(parser *p, const hl_token *t);
hl_ast_node *hl_parser_name_node(parser *p, const hl_token *t);
snapshot *hl_parser_snap_get(parser *p);
void hl_parser_save(parser *p, snapshot *s);
void hl_parser_restore(parser *p, const snapshot *s);

/* ---- parse_symtable.c ---- */
void hl_parser_mark(parser *p, const char *name, unsigned flag);
scope *hl_parser_push_scope(parser *p, enum scope_kind kind);
bool hl_parser_in_function(parser *p);
void hl_parser_add_param(parser *p, hl_ast_node *arg);
void hl_parser_declare(parser *p, const hl_ast_node *stmt, const char *name, bool global);
void hl_parser_resolve_nonlocals(parser *p, scope *module);
void hl_parser_settle_awaits(parser *p);
void hl_parser_record_names(parser *p, hl_ast_node *expr);

/* ---- parse_expr.c ---- */
hl_ast_node *hl_parse_expression(parser *p);
hl_ast_node *hl_parse_star_expressions(parser *p);
hl_ast_node *hl_parse_named_expression(parser *p);
hl_ast_node *hl_parse_star_named_expression(parser *p);
hl_ast_node *hl_parse_ops(parser *p, int min_prec);
hl_ast_node *hl_parse_ops_mode(parser *p, int min_prec, bool lenient);
hl_ast_node *hl_parse_yield(parser *p);
bool hl_parser_enter(parser *p);
bool hl_parser_at_comprehension(parser *p);
bool hl_parser_starts_expression(hl_tok k);
hl_ast_node *hl_parser_constant(parser *p, hl_ast_constant c);
hl_ast_node *hl_parser_number(parser *p);
hl_ast_node *hl_parser_juxtaposed(parser *p, hl_ast_node *a, const hl_token *start);
bool hl_parser_bitwise_or_level(const hl_ast_node *e);
bool hl_parser_starts_with_display(const hl_ast_node *e);
hl_ast_node *hl_parser_leading_bitwise_or(hl_ast_node *e);
hl_ast_node *hl_parser_named_tail(parser *p, hl_ast_node *e);
hl_ast_node *hl_parser_starred(parser *p);

/* ---- parse_string.c ---- */
hl_ast_node *hl_parse_strings(parser *p);

/* ---- parse_target.c ---- */
hl_ast_node *hl_parser_invalid_target(hl_ast_node *e, enum target_use use);
void hl_parser_set_ctx(hl_ast_node *e, hl_ast_ctx ctx);
bool hl_parser_make_target(parser *p, hl_ast_node *e, enum target_use use);
void hl_parser_check_bare_starred(parser *p, const hl_ast_node *e);
hl_ast_node *hl_parse_for_head(parser *p);

/* ---- parse_atom.c ---- */
hl_ast_node *hl_parse_call(parser *p, hl_ast_node *func, const hl_token *func_start);
hl_ast_node *hl_parse_primary(parser *p);

/* ---- parse_display.c ---- */
bool hl_parse_comprehension(parser *p, vec *generators);
bool hl_parser_expect_closing(parser *p, hl_tok kind);
bool hl_parser_inside(const hl_ast_node *inner, const hl_ast_node *outer);
void hl_parser_check_async_comprehension(parser *p, hl_ast_node *comp);
hl_ast_node *hl_parser_seq_node(parser *p, hl_ast_kind kind, const hl_token *start, vec items);
hl_ast_node *hl_parse_paren(parser *p);
hl_ast_node *hl_parse_list(parser *p);
hl_ast_node *hl_parse_brace(parser *p);

/* ---- parse_params.c ---- */
bool hl_parse_params(parser *p, hl_ast_params *out, bool lambda);
void hl_parser_add_params(parser *p, const hl_ast_params *ps);
hl_ast_node *hl_parse_lambda(parser *p);

/* ---- parse_compound.c ---- */
hl_ast_node *hl_parse_if(parser *p);
hl_ast_node *hl_parse_while(parser *p);
hl_ast_node *hl_parse_for(parser *p, const hl_token *kw);
hl_ast_node *hl_parse_def(parser *p, const hl_token *kw, bool async);
hl_ast_node *hl_parse_class(parser *p);
hl_ast_node *hl_parse_try(parser *p);
hl_ast_node *hl_parse_with(parser *p, const hl_token *kw, bool async);
bool hl_parser_try_match(parser *p, vec *body);
hl_ast_node *hl_parse_decorated(parser *p);

/* ---- parse_stmt.c ---- */
bool hl_parse_simple_stmts(parser *p, vec *body);
bool hl_parse_statement(parser *p, vec *body);

/* ---- small helpers, inline ---- */
/* A parser error the parser may take back, as CPython's backtracking would: a plain
 * failure to match, not a message. */
static inline bool recoverable(parser *p) {
    return !p->lexer_failed && !p->hard_failed && !p->specific && p->error.kind != HL_LANG_MEMORY_ERROR;
}

/* Lines as the error reports them: inside an f-string, relative to its expression. */
static inline int err_line(parser *p, int line) { return p->in_fstring ? line + p->fs_line_delta : line; }

static inline bool at(parser *p, hl_tok k) { return p->tok.kind == k; }

static inline bool accept(parser *p, hl_tok k) {
    if (p->tok.kind != k) return false;
    hl_parser_advance(p);
    return true;
}

static inline hl_ast_list as_list(vec v) { return (hl_ast_list){v.items, v.len}; }

static inline bool is_name(const hl_ast_node *n) { return n->kind == HL_AST_NAME && !(n->flags & HL_AST_GROUPED); }

static inline bool is_yield(const hl_ast_node *n) {
    return n->kind == HL_AST_UNSUPPORTED && strcmp(n->u.unsupported.what, "yield expression") == 0;
}

static inline void snap_put(parser *p) { p->snap_depth--; }

static inline hl_ast_node *last_of(const vec *v) { return v->len ? v->items[v->len - 1] : NULL; }

static inline void leave(parser *p) { p->depth--; }

#endif
