/* lang/parser.c: recursive descent over CPython 3.11's grammar (Grammar/python.gram).
 *
 * CPython's PEG parser makes a second pass with "invalid_*" rules to choose its error
 * messages; this parser makes one pass and checks the same conditions where those rules
 * would match, so the messages and positions agree for the cases that matter. Binary
 * operators are parsed by precedence climbing over explicit stacks, conditional expressions
 * by a loop, so only brackets (at most 200 deep, the tokenizer's limit), lambdas and
 * blocks (at most 100 deep) recurse in C, and lambdas are counted.
 *
 * Errors come in four stages, and the first stage that has one wins, as in CPython: syntax
 * errors while parsing (first one found); then, once the whole file parsed, the tree too
 * deep to compile; the symbol-table errors (duplicate parameter, global after use, ...);
 * the compiler's ('return' outside function, ...). Unsupported constructs come last:
 * heaplab reports one only when CPython would have run the script. */
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* ---- errors ---- */

static void set_error(parser *p, hl_lang_error_kind kind, int line, int col, int end_line,
                      int end_col, const char *fmt, va_list ap) {
    if (p->failed) return;
    p->failed = true;
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    const char *msg = hl_lex_format(p->arena, "%s%s", p->in_fstring ? "f-string: " : "", buf);
    if (!msg) {
        p->error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
        return;
    }
    p->error = (hl_lang_error){kind, msg, line, col, end_line, end_col};
    p->check_rest = kind == HL_LANG_SYNTAX_ERROR || kind == HL_LANG_INDENTATION_ERROR;
    p->specific = !p->no_invalid; /* error rules are off inside expression_without_invalid */
}

static void fail_at(parser *p, hl_lang_error_kind kind, int line, int col, int end_line,
                    int end_col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void fail_at(parser *p, hl_lang_error_kind kind, int line, int col, int end_line,
                    int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    set_error(p, kind, line, col, end_line, end_col, fmt, ap);
    va_end(ap);
}

static void fail_memory(parser *p) {
    if (p->failed) return;
    p->failed = true;
    p->check_rest = false;
    p->error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
}

/* A parser error the parser may take back, as CPython's backtracking would: a plain
 * failure to match, not a message. */
static bool recoverable(parser *p) {
    return !p->lexer_failed && !p->hard_failed && !p->specific && p->error.kind != HL_LANG_MEMORY_ERROR;
}

/* Lines as the error reports them: inside an f-string, relative to its expression. */
static int err_line(parser *p, int line) { return p->in_fstring ? line + p->fs_line_delta : line; }

/* CPython's location for a token: its span, or for INDENT, DEDENT and ENDMARKER (which have
 * no span) the tokenizer's current offset. */
static void token_location(parser *p, const hl_token *t, int *line, int *col, int *end_line,
                           int *end_col) {
    *line = err_line(p, t->line);
    *end_line = err_line(p, t->end_line);
    if (t->col < 0) {
        *col = (int)(p->lex.cur - p->lex.line_start);
        *end_col = -1;
    } else {
        *col = t->col + 1;
        *end_col = t->end_col + 1;
    }
}

static void fail_token(parser *p, const hl_token *t, hl_lang_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail_token(parser *p, const hl_token *t, hl_lang_error_kind kind, const char *fmt, ...) {
    int line, col, end_line, end_col;
    token_location(p, t, &line, &col, &end_line, &end_col);
    va_list ap;
    va_start(ap, fmt);
    set_error(p, kind, line, col, end_line, end_col, fmt, ap);
    va_end(ap);
}

/* CPython's RAISE_SYNTAX_ERROR points at the furthest token its parser has read, in
 * either of its passes. */
#define FAIL_LAST(p, ...) fail_token(p, &(p)->far, HL_LANG_SYNTAX_ERROR, __VA_ARGS__)

/* Node positions are real file positions; errors inside an f-string count from its
 * "(...)" text, as CPython's do. */
static void node_err_pos(parser *p, int line, int col, int *eline, int *ecol) {
    if (p->in_fstring) {
        int l = line - p->fs_line_delta;
        *eline = line;
        *ecol = l == 1 ? col - p->fs_col_delta : col;
    } else {
        *eline = line;
        *ecol = col;
    }
}

/* RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b) */
static void fail_range(parser *p, const hl_ast_node *a, const hl_ast_node *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail_range(parser *p, const hl_ast_node *a, const hl_ast_node *b, const char *fmt, ...) {
    int line, col, end_line, end_col;
    node_err_pos(p, a->line, a->col, &line, &col);
    node_err_pos(p, b->end_line, b->end_col, &end_line, &end_col);
    va_list ap;
    va_start(ap, fmt);
    set_error(p, HL_LANG_SYNTAX_ERROR, line, col + 1, end_line, end_col + 1, fmt, ap);
    va_end(ap);
}

#define FAIL_NODE(p, n, ...) fail_range(p, n, n, __VA_ARGS__)

/* A generic "invalid syntax" at token t, or CPython's indentation messages when t is an
 * INDENT or a DEDENT. */
static void invalid_syntax_at(parser *p, const hl_token *t) {
    if (p->failed) return;
    if (t->kind == HL_TOK_INDENT || t->kind == HL_TOK_DEDENT) {
        fail_token(p, t, HL_LANG_INDENTATION_ERROR,
                   t->kind == HL_TOK_INDENT ? "unexpected indent" : "unexpected unindent");
        p->check_rest = false;
        return;
    }
    fail_token(p, t, HL_LANG_SYNTAX_ERROR, "invalid syntax");
    p->specific = false;
}

/* Where CPython's first pass stopped: the furthest token read. Its error rules read further
 * in a second pass; a caller emulating one saves p->far first and reports at that. */
static void invalid_syntax(parser *p) { invalid_syntax_at(p, &p->far); }

/* An error CPython finds after parsing, or an unsupported construct: the first of each
 * stage is kept, except that the compiler visits a node before its children, which were
 * parsed first: an error at an enclosing node (`order`) replaces one inside it. */
static void defer_va(parser *p, enum stage stage, const hl_ast_node *order, const hl_ast_node *n,
                     const char *fmt, va_list ap) {
    hl_lang_error *old = &p->deferred[stage];
    if (old->kind != HL_LANG_OK) {
        const int *o = p->deferred_order[stage];
        bool starts_before = order && (order->line < o[0] || (order->line == o[0] && order->col <= o[1]));
        bool ends_after = order && (order->end_line > o[2] || (order->end_line == o[2] && order->end_col >= o[3]));
        bool same = order && order->line == o[0] && order->col == o[1] && order->end_line == o[2] &&
                    order->end_col == o[3];
        bool encloses = stage == STAGE_COMPILER && starts_before && ends_after && !same;
        if (!encloses) return;
    }
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    const char *msg = hl_lex_format(p->arena, "%s", buf);
    if (!msg) {
        fail_memory(p);
        return;
    }
    hl_lang_error_kind kind = stage == STAGE_UNSUPPORTED ? HL_LANG_UNSUPPORTED
                              : stage == STAGE_HEIGHT    ? HL_LANG_RECURSION_ERROR
                                                         : HL_LANG_SYNTAX_ERROR;
    if (n) *old = (hl_lang_error){kind, msg, n->line, n->col + 1, n->end_line, n->end_col + 1};
    else *old = (hl_lang_error){kind, msg, 0, 0, 0, 0};
    if (order) {
        int *o = p->deferred_order[stage];
        o[0] = order->line, o[1] = order->col, o[2] = order->end_line, o[3] = order->end_col;
    }
}

static void defer(parser *p, enum stage stage, const hl_ast_node *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void defer(parser *p, enum stage stage, const hl_ast_node *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    defer_va(p, stage, n, n, fmt, ap);
    va_end(ap);
}

static void defer_ordered(parser *p, enum stage stage, const hl_ast_node *order, const hl_ast_node *n,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void defer_ordered(parser *p, enum stage stage, const hl_ast_node *order, const hl_ast_node *n,
                          const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    defer_va(p, stage, order, n, fmt, ap);
    va_end(ap);
}

static void unsupported(parser *p, const hl_ast_node *n, const char *what) {
    defer(p, STAGE_UNSUPPORTED, n, "%s not supported by heaplab", what);
}

/* ---- tokens ---- */

static hl_token lex_next(parser *p) {
    hl_token t = hl_lexer_next(&p->lex);
    if (t.kind == HL_TOK_ERROR) {
        if (!p->failed) {
            p->failed = true;
            p->lexer_failed = true;
            p->check_rest = false;
            p->error = p->lex.error;
        }
        /* Stop here: the parser sees the end of input from now on. */
        t.kind = HL_TOK_ENDMARKER;
    } else {
        if (t.line > p->furthest_line) p->furthest_line = t.line;
        if (p->lex.cur >= p->far_end) {
            p->far = t;
            p->far_end = p->lex.cur;
        }
    }
    return t;
}

static void advance(parser *p) {
    p->prev = p->tok;
    if (p->tok.kind != HL_TOK_NEWLINE && p->tok.kind != HL_TOK_INDENT && p->tok.kind != HL_TOK_DEDENT &&
        p->tok.kind != HL_TOK_ENDMARKER)
        p->last_real = p->tok;
    if (p->has_ahead) {
        p->tok = p->ahead;
        p->has_ahead = false;
    } else if (p->tok.kind != HL_TOK_ENDMARKER) {
        p->tok = lex_next(p);
    }
}

static const hl_token *peek(parser *p) {
    if (!p->has_ahead) {
        p->ahead = p->tok.kind == HL_TOK_ENDMARKER ? p->tok : lex_next(p);
        p->has_ahead = true;
    }
    return &p->ahead;
}

static bool at(parser *p, hl_tok k) { return p->tok.kind == k; }

static bool accept(parser *p, hl_tok k) {
    if (p->tok.kind != k) return false;
    advance(p);
    return true;
}

/* ---- nodes ---- */

static void real_pos(parser *p, int line, int col, int *rl, int *rc) {
    if (p->in_fstring) {
        *rl = line + p->fs_line_delta;
        *rc = line == 1 ? col + p->fs_col_delta : col;
    } else {
        *rl = line;
        *rc = col;
    }
}

/* A node from token `start` to the last token consumed, as CPython's EXTRA spans them. */
static hl_ast_node *node_from(parser *p, hl_ast_kind kind, const hl_token *start) {
    int line, col, end_line, end_col;
    real_pos(p, start->line, start->col, &line, &col);
    real_pos(p, p->last_real.end_line, p->last_real.end_col, &end_line, &end_col);
    hl_ast_node *n = hl_ast_new(p->arena, kind, line, col, end_line, end_col);
    if (!n) fail_memory(p);
    return n;
}

/* A node spanning nodes a to b. */
static hl_ast_node *node_span(parser *p, hl_ast_kind kind, const hl_ast_node *a, const hl_ast_node *b) {
    hl_ast_node *n = hl_ast_new(p->arena, kind, a->line, a->col, b->end_line, b->end_col);
    if (!n) fail_memory(p);
    return n;
}

/* Every node is finished once its children are in place: its height is checked against
 * the compiler's limit. */
static hl_ast_node *finish(parser *p, hl_ast_node *n) {
    if (!n) return NULL;
    hl_ast_set_height(n);
    if (n->height > HL_AST_MAX_HEIGHT)
        defer(p, STAGE_HEIGHT, NULL, "maximum recursion depth exceeded during compilation");
    return n;
}

/* Makes room in an arena array of len items for one more, doubling it (the old copy
 * stays in the arena: at most as much again). Returns the array, or NULL. */
static void *make_room(parser *p, void *items, size_t *cap, size_t len, size_t size) {
    if (len < *cap) return items;
    size_t ncap = *cap ? *cap * 2 : 8;
    void *grown = hl_arena_alloc(p->arena, ncap * size);
    if (!grown) {
        fail_memory(p);
        return NULL;
    }
    if (len) memcpy(grown, items, len * size);
    *cap = ncap;
    return grown;
}

static bool vec_push(parser *p, vec *v, hl_ast_node *n) {
    void *room = make_room(p, v->items, &v->cap, v->len, sizeof *v->items);
    if (!room) return false;
    v->items = room;
    v->items[v->len++] = n;
    return true;
}

static hl_ast_list as_list(vec v) { return (hl_ast_list){v.items, v.len}; }

static char *token_text(parser *p, const hl_token *t) {
    char *s = hl_arena_strndup(p->arena, t->text, t->len);
    if (!s) fail_memory(p);
    return s;
}

static hl_ast_node *name_node(parser *p, const hl_token *t) {
    hl_ast_node *n = hl_ast_new(p->arena, HL_AST_NAME, 0, 0, 0, 0);
    if (!n) {
        fail_memory(p);
        return NULL;
    }
    real_pos(p, t->line, t->col, &n->line, &n->col);
    real_pos(p, t->end_line, t->end_col, &n->end_line, &n->end_col);
    n->u.name.id = token_text(p, t);
    for (size_t i = 0; i < t->len; i++)
        if ((unsigned char)t->text[i] >= 0x80) {
            unsupported(p, n, "non-ASCII identifiers are");
            break;
        }
    return finish(p, n);
}

static bool is_name(const hl_ast_node *n) { return n->kind == HL_AST_NAME && !(n->flags & HL_AST_GROUPED); }

static bool is_yield(const hl_ast_node *n) {
    return n->kind == HL_AST_UNSUPPORTED && strcmp(n->u.unsupported.what, "yield expression") == 0;
}

/* ---- scopes: the checks of CPython's symbol table and compiler ----
 * Names are recorded per function, class or module scope as CPython's symtable.c does, to
 * report what it reports before running anything: a global or nonlocal declaration after
 * a use, nonlocal names no enclosing function binds, duplicate parameters. */

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

static size_t hash_name(const char *s) {
    size_t h = 5381;
    for (; *s; s++) h = h * 33 + (unsigned char)*s;
    return h;
}

static symbol *find_symbol(scope *s, const char *name) {
    if (!s->cap) return NULL;
    for (size_t i = hash_name(name) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (!s->syms[i].name) return NULL;
        if (strcmp(s->syms[i].name, name) == 0) return &s->syms[i];
    }
}

static symbol *add_symbol(parser *p, scope *s, const char *name) {
    symbol *sym = find_symbol(s, name);
    if (sym) return sym;
    if (2 * (s->count + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        symbol *syms = hl_arena_alloc(p->arena, cap * sizeof *syms);
        if (!syms) {
            fail_memory(p);
            return NULL;
        }
        memset(syms, 0, cap * sizeof *syms);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->syms[i].name) continue;
            size_t j = hash_name(s->syms[i].name) & (cap - 1);
            while (syms[j].name) j = (j + 1) & (cap - 1);
            syms[j] = s->syms[i];
        }
        s->syms = syms;
        s->cap = cap;
    }
    size_t i = hash_name(name) & (s->cap - 1);
    while (s->syms[i].name) i = (i + 1) & (s->cap - 1);
    s->syms[i].name = name;
    s->syms[i].flags = 0;
    s->count++;
    return &s->syms[i];
}

static void mark(parser *p, const char *name, unsigned flag) {
    symbol *sym = add_symbol(p, p->scope, name);
    if (sym) sym->flags |= flag;
}

static scope *push_scope(parser *p, enum scope_kind kind) {
    scope *s = hl_arena_alloc(p->arena, sizeof *s);
    if (!s) {
        fail_memory(p);
        return NULL;
    }
    memset(s, 0, sizeof *s);
    s->parent = p->scope;
    s->kind = kind;
    p->scope = s;
    return s;
}

static bool in_function(parser *p) {
    return p->scope->kind == SCOPE_FUNCTION || p->scope->kind == SCOPE_ASYNC_FUNCTION ||
           p->scope->kind == SCOPE_LAMBDA;
}

/* A parameter of the current (new) scope. */
static void add_param(parser *p, hl_ast_node *arg) {
    symbol *sym = add_symbol(p, p->scope, arg->u.arg.name);
    if (!sym) return;
    if (sym->flags & DEF_PARAM)
        defer(p, STAGE_SYMTABLE, arg, "duplicate argument '%s' in function definition", arg->u.arg.name);
    sym->flags |= DEF_PARAM;
}

/* global and nonlocal statements. */
static void declare(parser *p, const hl_ast_node *stmt, const char *name, bool global) {
    symbol *sym = add_symbol(p, p->scope, name);
    if (!sym) return;
    const char *what = global ? "global" : "nonlocal";
    if (sym->flags & DEF_PARAM)
        defer(p, STAGE_SYMTABLE, stmt, "name '%s' is parameter and %s", name, what);
    else if (sym->flags & DEF_USE)
        defer(p, STAGE_SYMTABLE, stmt, "name '%s' is used prior to %s declaration", name, what);
    else if (sym->flags & DEF_LOCAL)
        defer(p, STAGE_SYMTABLE, stmt, "name '%s' is assigned to before %s declaration", name, what);
    sym->flags |= global ? DEF_GLOBAL : DEF_NONLOCAL;
    if (global) return;
    if (p->scope->kind == SCOPE_MODULE) {
        defer(p, STAGE_ANALYSIS, stmt, "nonlocal declaration not allowed at module level");
        return;
    }
    nonlocal_decl *d = hl_arena_alloc(p->arena, sizeof *d);
    if (!d) {
        fail_memory(p);
        return;
    }
    scope *module = p->scope;
    while (module->parent) module = module->parent;
    *d = (nonlocal_decl){NULL, p->scope, name, stmt};
    *module->nonlocals_tail = d;
    module->nonlocals_tail = &d->next;
}

/* After the whole module: every nonlocal name must be bound in an enclosing function. */
static void resolve_nonlocals(parser *p, scope *module) {
    for (nonlocal_decl *d = module->nonlocals; d; d = d->next) {
        bool found = false;
        for (scope *s = d->scope->parent; s && s->kind != SCOPE_MODULE; s = s->parent) {
            if (s->kind == SCOPE_CLASS) {
                found = strcmp(d->name, "__class__") == 0; /* a class gives its methods __class__ */
                if (found) break;
                continue;
            }
            symbol *sym = find_symbol(s, d->name);
            if (!sym) continue;
            if (sym->flags & DEF_GLOBAL) break;
            if (sym->flags & DEF_NONLOCAL) continue;
            if (sym->flags & (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)) {
                found = true;
                break;
            }
        }
        if (!found) defer(p, STAGE_ANALYSIS, d->stmt, "no binding for nonlocal '%s' found", d->name);
    }
}

/* Awaits no comprehension took: errors of the compiler, which settles them as it meets
 * them, statement by statement. */
static void settle_awaits(parser *p) {
    for (size_t i = 0; i < p->n_awaits; i++)
        defer(p, STAGE_COMPILER, p->awaits[i].node,
              p->awaits[i].in_function ? "'await' outside async function" : "'await' outside function");
    p->n_awaits = 0;
}

typedef struct walk {
    parser *p;
    vec stack;
} walk;

static void walk_push(hl_ast_node *child, void *ud) {
    walk *w = ud;
    vec_push(w->p, &w->stack, child);
}

/* Records the names an expression uses and binds in the current scope, as CPython's
 * symbol table visits them: lambda bodies and comprehensions after their first iterable
 * belong to scopes of their own. Iterative: expressions can be very deep. */
static void settle_awaits(parser *p);

static void record_names(parser *p, hl_ast_node *expr) {
    settle_awaits(p);
    if (!expr || p->failed) return;
    walk w = {p, {0}};
    vec_push(p, &w.stack, expr);
    while (w.stack.len && !p->failed) {
        hl_ast_node *n = w.stack.items[--w.stack.len];
        switch (n->kind) {
        case HL_AST_NAME:
            mark(p, n->u.name.id, n->u.name.ctx == HL_CTX_LOAD ? DEF_USE : DEF_LOCAL);
            break;
        case HL_AST_LAMBDA: {
            hl_ast_params *ps = &n->u.lambda.params;
            for (size_t i = 0; i < ps->defaults.len; i++) walk_push(ps->defaults.items[i], &w);
            for (size_t i = 0; i < ps->kw_defaults.len; i++)
                if (ps->kw_defaults.items[i]) walk_push(ps->kw_defaults.items[i], &w);
            break;
        }
        case HL_AST_LISTCOMP: case HL_AST_SETCOMP: case HL_AST_DICTCOMP: case HL_AST_GENEXP:
            walk_push(n->u.comp.generators.items[0]->u.comprehension.iter, &w);
            break;
        default:
            hl_ast_each_child(n, walk_push, &w);
            break;
        }
    }
}

/* ---- expressions ---- */

enum prec { P_OR = 1, P_AND, P_NOT, P_CMP, P_BOR, P_BXOR, P_BAND, P_SHIFT, P_SUM, P_TERM, P_UNARY, P_POWER };

static hl_ast_node *parse_expression(parser *p);
static hl_ast_node *parse_star_expressions(parser *p);
static hl_ast_node *parse_named_expression(parser *p);
static hl_ast_node *parse_star_named_expression(parser *p);
static hl_ast_node *parse_ops(parser *p, int min_prec);
static hl_ast_node *parse_ops_mode(parser *p, int min_prec, bool lenient);
static hl_ast_node *parse_lambda(parser *p);
static hl_ast_node *parse_strings(parser *p);
static hl_ast_node *parse_yield(parser *p);
static bool parse_comprehension(parser *p, vec *generators);

/* The depth of nested lambdas and f-strings, the recursions not bounded by brackets. */
static bool enter(parser *p) {
    if (++p->depth > MAX_RECURSION) {
        if (!p->failed) {
            p->failed = true;
            p->hard_failed = true;
            p->check_rest = false;
            p->error = (hl_lang_error){HL_LANG_RECURSION_ERROR,
                                       "maximum recursion depth exceeded during compilation", 0, 0, 0, 0};
        }
        return false;
    }
    return true;
}

static void leave(parser *p) { p->depth--; }

static bool at_comprehension(parser *p) {
    return at(p, HL_TOK_FOR) || (at(p, HL_TOK_ASYNC) && peek(p)->kind == HL_TOK_FOR);
}

static bool starts_expression(hl_tok k) {
    switch (k) {
    case HL_TOK_NAME: case HL_TOK_NUMBER: case HL_TOK_STRING: case HL_TOK_LPAR: case HL_TOK_LSQB:
    case HL_TOK_LBRACE: case HL_TOK_MINUS: case HL_TOK_PLUS: case HL_TOK_TILDE: case HL_TOK_NOT:
    case HL_TOK_LAMBDA: case HL_TOK_AWAIT: case HL_TOK_NONE: case HL_TOK_TRUE: case HL_TOK_FALSE:
    case HL_TOK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

static hl_ast_node *constant(parser *p, hl_ast_constant c) {
    advance(p);
    hl_ast_node *n = node_from(p, HL_AST_CONSTANT, &p->prev);
    if (n) n->u.constant = c;
    return finish(p, n);
}

static hl_ast_node *number(parser *p) {
    hl_token t = p->tok;
    advance(p);
    hl_number_kind kind = hl_lex_number_kind(t.text, t.len);
    hl_ast_node *n = node_from(p, kind == HL_NUMBER_FLOAT ? HL_AST_FLOAT : HL_AST_INT, &t);
    if (!n) return NULL;
    bool ok = true;
    if (kind == HL_NUMBER_FLOAT) {
        ok = hl_lex_float(p->arena, t.text, t.len, &n->u.float_lit.value, &n->u.float_lit.text);
    } else if (kind == HL_NUMBER_INT) {
        hl_int_literal lit;
        ok = hl_lex_int(p->arena, t.text, t.len, &lit);
        if (ok) {
            n->u.int_lit.value = lit.value;
            n->u.int_lit.overflow = lit.overflow;
            n->u.int_lit.text = lit.text;
        }
    } else {
        n->u.int_lit.text = token_text(p, &t);
        unsupported(p, n, "complex numbers are");
    }
    if (!ok) fail_memory(p);
    return finish(p, n);
}

/* ---- operators by precedence ---- */

static bool push_op(parser *p, pending_op op) {
    void *room = make_room(p, p->ops, &p->cap_ops, p->n_ops, sizeof *p->ops);
    if (!room) return false;
    p->ops = room;
    p->ops[p->n_ops++] = op;
    return true;
}

static bool push_val(parser *p, hl_ast_node *n, const hl_token *start) {
    void *room = make_room(p, p->vals, &p->cap_vals, p->n_vals, sizeof *p->vals);
    if (!room) return false;
    p->vals = room;
    operand *v = &p->vals[p->n_vals++];
    v->node = n;
    real_pos(p, start->line, start->col, &v->line, &v->col);
    real_pos(p, p->last_real.end_line, p->last_real.end_col, &v->end_line, &v->end_col);
    return true;
}

/* The binary operator at the current token, if any. */
static bool binary_op(parser *p, hl_ast_op *op, int *prec, int *ntok) {
    *ntok = 1;
    switch (p->tok.kind) {
    case HL_TOK_OR: *op = HL_OP_OR, *prec = P_OR; return true;
    case HL_TOK_AND: *op = HL_OP_AND, *prec = P_AND; return true;
    case HL_TOK_EQEQUAL: *op = HL_OP_EQ, *prec = P_CMP; return true;
    case HL_TOK_NOTEQUAL: *op = HL_OP_NE, *prec = P_CMP; return true;
    case HL_TOK_LESS: *op = HL_OP_LT, *prec = P_CMP; return true;
    case HL_TOK_LESSEQUAL: *op = HL_OP_LE, *prec = P_CMP; return true;
    case HL_TOK_GREATER: *op = HL_OP_GT, *prec = P_CMP; return true;
    case HL_TOK_GREATEREQUAL: *op = HL_OP_GE, *prec = P_CMP; return true;
    case HL_TOK_IN: *op = HL_OP_IN, *prec = P_CMP; return true;
    case HL_TOK_NOT:
        if (peek(p)->kind != HL_TOK_IN) return false;
        *op = HL_OP_NOT_IN, *prec = P_CMP, *ntok = 2;
        return true;
    case HL_TOK_IS:
        *prec = P_CMP;
        *op = HL_OP_IS;
        if (peek(p)->kind == HL_TOK_NOT) *op = HL_OP_IS_NOT, *ntok = 2;
        return true;
    case HL_TOK_VBAR: *op = HL_OP_BITOR, *prec = P_BOR; return true;
    case HL_TOK_CIRCUMFLEX: *op = HL_OP_BITXOR, *prec = P_BXOR; return true;
    case HL_TOK_AMPER: *op = HL_OP_BITAND, *prec = P_BAND; return true;
    case HL_TOK_LSHIFT: *op = HL_OP_LSHIFT, *prec = P_SHIFT; return true;
    case HL_TOK_RSHIFT: *op = HL_OP_RSHIFT, *prec = P_SHIFT; return true;
    case HL_TOK_PLUS: *op = HL_OP_ADD, *prec = P_SUM; return true;
    case HL_TOK_MINUS: *op = HL_OP_SUB, *prec = P_SUM; return true;
    case HL_TOK_STAR: *op = HL_OP_MUL, *prec = P_TERM; return true;
    case HL_TOK_SLASH: *op = HL_OP_DIV, *prec = P_TERM; return true;
    case HL_TOK_DSLASH: *op = HL_OP_FLOORDIV, *prec = P_TERM; return true;
    case HL_TOK_PERCENT: *op = HL_OP_MOD, *prec = P_TERM; return true;
    case HL_TOK_AT: *op = HL_OP_MATMUL, *prec = P_TERM; return true;
    case HL_TOK_DSTAR: *op = HL_OP_POW, *prec = P_POWER; return true;
    default: return false;
    }
}

/* Pops the operator on top and its operands into a node. Comparisons and and/or take the
 * whole run of their operator at once: "a < b < c" is one Compare node. */
static bool reduce(parser *p, size_t ops_base) {
    pending_op top = p->ops[p->n_ops - 1];
    hl_ast_node *n;
    if (top.prefix) {
        p->n_ops--;
        operand *v = &p->vals[p->n_vals - 1];
        real_pos(p, top.tok.line, top.tok.col, &v->line, &v->col);
        n = hl_ast_new(p->arena, HL_AST_UNARY, v->line, v->col, v->end_line, v->end_col);
        if (!n) {
            fail_memory(p);
            return false;
        }
        n->u.unary.op = top.op;
        n->u.unary.operand = v->node;
        v->node = finish(p, n);
        return true;
    }
    if (top.prec == P_CMP || top.prec == P_AND || top.prec == P_OR) {
        size_t run = 1;
        while (run < p->n_ops - ops_base && !p->ops[p->n_ops - 1 - run].prefix &&
               p->ops[p->n_ops - 1 - run].prec == top.prec &&
               (top.prec == P_CMP || p->ops[p->n_ops - 1 - run].op == top.op))
            run++;
        operand *vals = &p->vals[p->n_vals - run - 1];
        n = hl_ast_new(p->arena, top.prec == P_CMP ? HL_AST_COMPARE : HL_AST_BOOL, vals[0].line, vals[0].col,
                       vals[run].end_line, vals[run].end_col);
        hl_ast_node **items = hl_arena_alloc(p->arena, (run + 1) * sizeof *items);
        if (!n || !items) {
            fail_memory(p);
            return false;
        }
        if (top.prec == P_CMP) {
            hl_ast_op *ops = hl_arena_alloc(p->arena, run * sizeof *ops);
            if (!ops) {
                fail_memory(p);
                return false;
            }
            for (size_t i = 0; i < run; i++) {
                ops[i] = p->ops[p->n_ops - run + i].op;
                items[i] = vals[i + 1].node;
            }
            n->u.compare.left = vals[0].node;
            n->u.compare.ops = ops;
            n->u.compare.comparators = (hl_ast_list){items, run};
        } else {
            for (size_t i = 0; i <= run; i++) items[i] = vals[i].node;
            n->u.boolop.op = top.op;
            n->u.boolop.values = (hl_ast_list){items, run + 1};
        }
        p->n_ops -= run;
        p->n_vals -= run;
        vals[0].node = finish(p, n);
        vals[0].end_line = vals[run].end_line, vals[0].end_col = vals[run].end_col;
        return true;
    }
    p->n_ops--;
    operand *l = &p->vals[p->n_vals - 2], *r = &p->vals[p->n_vals - 1];
    hl_ast_node *left = l->node, *right = r->node;
    n = hl_ast_new(p->arena, HL_AST_BINARY, l->line, l->col, r->end_line, r->end_col);
    if (!n) {
        fail_memory(p);
        return false;
    }
    n->u.binary.op = top.op;
    n->u.binary.left = left;
    n->u.binary.right = right;
    if (top.op == HL_OP_MATMUL) unsupported(p, n, "the '@' operator is");
    l->node = finish(p, n);
    l->end_line = r->end_line, l->end_col = r->end_col;
    p->n_vals--;
    return true;
}

static hl_ast_node *parse_primary(parser *p);

static snapshot *snap_get(parser *p);
static void snap_put(parser *p);
static void save(parser *p, snapshot *s);
static void restore(parser *p, const snapshot *s);

/* Operators from precedence min_prec up: P_OR for a disjunction, P_BOR for bitwise_or.
 * Lenient, it stops before an operator whose right operand does not parse, as a PEG rule
 * does; CPython's error rules see such prefixes ("f() = 1 +" has the bitwise_or "1"). */
static hl_ast_node *parse_ops_mode(parser *p, int min_prec, bool lenient) {
    size_t ops_base = p->n_ops, vals_base = p->n_vals;
    snapshot *before_op = NULL, *slot = lenient ? snap_get(p) : NULL;
    if (lenient && !slot) return NULL;
    for (;;) {
        for (;;) { /* prefix operators */
            pending_op op = {.tok = p->tok, .prefix = true};
            if (at(p, HL_TOK_NOT)) {
                int binding = p->n_ops > ops_base ? p->ops[p->n_ops - 1].prec : min_prec;
                if (binding > P_NOT) break; /* "a == not b": no operand here */
                op.op = HL_OP_NOT, op.prec = P_NOT;
            } else if (at(p, HL_TOK_MINUS)) {
                op.op = HL_OP_NEG, op.prec = P_UNARY;
            } else if (at(p, HL_TOK_PLUS)) {
                op.op = HL_OP_POS, op.prec = P_UNARY;
            } else if (at(p, HL_TOK_TILDE)) {
                op.op = HL_OP_INVERT, op.prec = P_UNARY;
            } else {
                break;
            }
            if (!push_op(p, op)) goto fail;
            advance(p);
        }
        hl_token operand_start = p->tok;
        hl_ast_node *operand = parse_primary(p);
        if (!operand && before_op && !p->lexer_failed && p->error.kind != HL_LANG_MEMORY_ERROR) {
            restore(p, before_op); /* back before the operator: the prefix is the result */
            break;
        }
        if (!operand || !push_val(p, operand, &operand_start)) goto fail;
        hl_ast_op op;
        int prec, ntok;
        if (!binary_op(p, &op, &prec, &ntok) || prec < min_prec) break;
        /* Reduce what binds tighter; ** is right-associative, comparisons and and/or
         * collect their run. */
        while (p->n_ops > ops_base) {
            pending_op *top = &p->ops[p->n_ops - 1];
            bool tighter = top->prec > prec ||
                           (top->prec == prec && prec != P_POWER && prec != P_CMP &&
                            !(prec <= P_AND && top->op == op));
            if (!tighter) break;
            if (!reduce(p, ops_base)) goto fail;
        }
        if (lenient) save(p, before_op = slot);
        if (!push_op(p, (pending_op){p->tok, op, prec, false})) goto fail;
        for (int i = 0; i < ntok; i++) advance(p);
    }
    while (p->n_ops > ops_base)
        if (!reduce(p, ops_base)) goto fail;
    if (slot) snap_put(p);
    return p->vals[--p->n_vals].node;
fail:
    if (slot) snap_put(p);
    p->n_ops = ops_base;
    p->n_vals = vals_base;
    return NULL;
}

static hl_ast_node *parse_ops(parser *p, int min_prec) { return parse_ops_mode(p, min_prec, false); }

/* ---- string literals and f-strings (CPython 3.11's string_parser.c) ---- */

typedef struct fbuild { /* a JoinedStr being built */
    vec parts;
    char *lit; /* the literal text not yet made a node */
    size_t lit_len, lit_cap;
    int line, col, end_line, end_col; /* the whole group of literals */
    int own[4]; /* a format spec's: the literal it is in, for itself and its last piece */
} fbuild;

static bool lit_append(parser *p, fbuild *b, const char *s, size_t n) {
    if (b->lit_len + n + 1 > b->lit_cap) {
        size_t cap = b->lit_cap ? b->lit_cap : 32;
        while (cap < b->lit_len + n + 1) cap *= 2;
        char *lit = hl_arena_alloc(p->arena, cap);
        if (!lit) {
            fail_memory(p);
            return false;
        }
        if (b->lit_len) memcpy(lit, b->lit, b->lit_len);
        b->lit = lit;
        b->lit_cap = cap;
    }
    memcpy(b->lit + b->lit_len, s, n);
    b->lit_len += n;
    b->lit[b->lit_len] = '\0';
    return true;
}

static hl_ast_node *group_node(parser *p, fbuild *b, hl_ast_kind kind) {
    hl_ast_node *n = hl_ast_new(p->arena, kind, b->line, b->col, b->end_line, b->end_col);
    if (!n) fail_memory(p);
    return n;
}

/* The pending literal becomes a Constant part; empty literals vanish, as in CPython. */
static bool flush_literal(parser *p, fbuild *b) {
    if (!b->lit_len) return true;
    hl_ast_node *n = group_node(p, b, HL_AST_STR);
    if (!n) return false;
    n->u.str.bytes = b->lit;
    n->u.str.len = b->lit_len;
    b->lit = NULL;
    b->lit_len = b->lit_cap = 0;
    return vec_push(p, &b->parts, finish(p, n));
}

/* CPython 3.11 places a JoinedStr and its last literal piece at the whole group, or for
 * a format spec at the one literal holding it; other pieces at the group. */
static hl_ast_node *fstring_node(parser *p, fbuild *b) {
    fbuild own = *b;
    own.line = b->own[0], own.col = b->own[1], own.end_line = b->own[2], own.end_col = b->own[3];
    if (!flush_literal(p, &own)) return NULL;
    hl_ast_node *n = group_node(p, &own, HL_AST_FSTRING);
    if (!n) return NULL;
    b->parts = own.parts;
    n->u.fstring.parts = as_list(b->parts);
    return finish(p, n);
}

/* Decodes one literal piece (raw or with escapes) and appends it. */
static bool append_decoded(parser *p, fbuild *b, const hl_token *t, const char *s, size_t len,
                           bool raw, bool bytes) {
    if (raw || !len) return lit_append(p, b, s, len);
    const char *error = NULL, *unsup = NULL;
    size_t out_len;
    int line, col;
    real_pos(p, t->line, t->col, &line, &col);
    char *out = hl_lex_decode_escapes(&p->lex, s, len, bytes, line, &out_len, &error, &unsup);
    if (!out) {
        if (error) FAIL_LAST(p, "%s", error);
        else fail_memory(p);
        return false;
    }
    if (unsup) {
        hl_ast_node *where = group_node(p, b, HL_AST_STR);
        if (where) unsupported(p, where, "\\N{...} escapes are");
    }
    return lit_append(p, b, out, out_len);
}

static bool fstring_parse(parser *p, fbuild *b, const char **sp, const char *end, bool raw,
                          int level, const hl_token *t);

/* Parses an f-string's expression text as CPython 3.11 does: "(" text ")" on its own,
 * with node positions mapped back into the file and error positions left relative to the
 * parenthesized text. */
static hl_ast_node *fstring_compile(parser *p, const char *start, const char *end, const hl_token *t) {
    const char *s = start;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f')) s++;
    if (s == end) {
        if (*end == '!' || *end == ':' || *end == '=')
            FAIL_LAST(p, "f-string: expression required before '%c'", *end);
        else
            FAIL_LAST(p, "f-string: empty expression not allowed");
        return NULL;
    }
    size_t len = (size_t)(end - start);
    char *buf = hl_arena_alloc(p->arena, len + 4);
    if (!buf) {
        fail_memory(p);
        return NULL;
    }
    buf[0] = '(';
    memcpy(buf + 1, start, len);
    memcpy(buf + 1 + len, ")\n", 3);

    /* Where the '{' is in the file. */
    const char *brace = start - 1;
    int lines = 0;
    const char *line_begin = NULL;
    for (const char *q = t->text; q < brace; q++)
        if (*q == '\n') lines++, line_begin = q + 1;
    int tline, tcol;
    real_pos(p, t->line, t->col, &tline, &tcol);
    int brace_col = line_begin ? (int)(brace - line_begin) : tcol + (int)(brace - t->text);

    hl_lexer outer_lex = p->lex;
    hl_token tok = p->tok, ahead = p->ahead, prev = p->prev, last_real = p->last_real;
    bool has_ahead = p->has_ahead, in_fstring = p->in_fstring;
    int furthest_line = p->furthest_line, line_delta = p->fs_line_delta, col_delta = p->fs_col_delta;
    hl_token far = p->far;
    const char *far_end = p->far_end;
    p->far_end = NULL; /* the text is a buffer of its own */

    hl_lexer_init(&p->lex, buf, len + 3, p->arena);
    p->lex.warnings = outer_lex.warnings;
    p->lex.warnings_tail = outer_lex.warnings_tail;
    p->in_fstring = true;
    p->fs_line_delta = tline + lines - 1;
    p->fs_col_delta = brace_col;
    p->has_ahead = false;
    p->tok = lex_next(p);
    hl_ast_node *e = NULL;
    if (enter(p)) e = parse_star_expressions(p);
    leave(p);

    hl_lang_warning *warnings = p->lex.warnings, **tail = p->lex.warnings_tail;
    p->lex = outer_lex;
    p->lex.warnings = warnings;
    p->lex.warnings_tail = tail;
    p->tok = tok, p->ahead = ahead, p->prev = prev, p->has_ahead = has_ahead, p->last_real = last_real;
    p->in_fstring = in_fstring;
    p->furthest_line = furthest_line, p->fs_line_delta = line_delta, p->fs_col_delta = col_delta;
    p->far = far, p->far_end = far_end;
    return p->failed ? NULL : e;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* One replacement field, *sp at its '{'. */
static bool fstring_field(parser *p, fbuild *b, const char **sp, const char *end, bool raw,
                          int level, const hl_token *t) {
    if (level >= 2) {
        FAIL_LAST(p, "f-string: expressions nested too deeply");
        return false;
    }
    const char *s = *sp + 1, *expr_start = s;
    char quote = 0, parens[HL_LEX_MAX_LEVEL];
    int string_type = 0, depth = 0;
    for (; s < end; s++) {
        char ch = *s;
        if (ch == '\\') {
            FAIL_LAST(p, "f-string expression part cannot include a backslash");
            return false;
        }
        if (quote) {
            if (ch == quote) {
                if (string_type == 3) {
                    if (s + 2 < end && s[1] == ch && s[2] == ch) {
                        s += 2;
                        string_type = 0, quote = 0;
                    }
                } else {
                    string_type = 0, quote = 0;
                }
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            if (s + 2 < end && s[1] == ch && s[2] == ch) {
                string_type = 3;
                s += 2;
            } else {
                string_type = 1;
            }
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= HL_LEX_MAX_LEVEL) {
                FAIL_LAST(p, "f-string: too many nested parenthesis");
                return false;
            }
            parens[depth++] = ch;
        } else if (ch == '#') {
            FAIL_LAST(p, "f-string expression part cannot include '#'");
            return false;
        } else if (depth == 0 && strchr("!:}=<>", ch)) {
            if (s + 1 < end && s[1] == '=' && strchr("!=<>", ch)) { /* != == <= >= */
                s++;
                continue;
            }
            if (ch == '<' || ch == '>') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (!depth) {
                FAIL_LAST(p, "f-string: unmatched '%c'", ch);
                return false;
            }
            char open = parens[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}'))) {
                FAIL_LAST(p, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", ch, open);
                return false;
            }
        }
    }
    const char *expr_end = s;
    if (quote) {
        FAIL_LAST(p, "f-string: unterminated string");
        return false;
    }
    if (depth) {
        FAIL_LAST(p, "f-string: unmatched '%c'", parens[depth - 1]);
        return false;
    }
    if (s >= end) goto expecting;
    hl_ast_node *value = fstring_compile(p, expr_start, expr_end, t);
    if (!value) return false;
    const char *text_end = NULL;
    if (*s == '=') { /* f"{x=}": the text, then the value */
        s++;
        while (s < end && is_space(*s)) s++;
        if (s >= end) goto expecting;
        text_end = s;
    }
    int conversion = 0;
    if (*s == '!') {
        if (++s >= end) goto expecting;
        conversion = (unsigned char)*s++;
        if (conversion != 's' && conversion != 'r' && conversion != 'a') {
            FAIL_LAST(p, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            return false;
        }
    }
    hl_ast_node *spec = NULL;
    if (s < end && *s == ':') {
        if (++s >= end) goto expecting;
        fbuild sb = {.line = b->line, .col = b->col, .end_line = b->end_line, .end_col = b->end_col};
        real_pos(p, t->line, t->col, &sb.own[0], &sb.own[1]);
        real_pos(p, t->end_line, t->end_col, &sb.own[2], &sb.own[3]);
        if (!fstring_parse(p, &sb, &s, end, raw, level + 1, t)) return false;
        spec = fstring_node(p, &sb);
        if (!spec) return false;
    }
    if (s >= end || *s != '}') goto expecting;
    *sp = s + 1;
    if (text_end && !spec && !conversion) conversion = 'r';
    if (text_end && !lit_append(p, b, expr_start, (size_t)(text_end - expr_start))) return false;
    if (!flush_literal(p, b)) return false;
    hl_ast_node *n = group_node(p, b, HL_AST_FORMATTED);
    if (!n) return false;
    n->u.formatted.value = value;
    n->u.formatted.conversion = conversion;
    n->u.formatted.format_spec = spec;
    return vec_push(p, &b->parts, finish(p, n));
expecting:
    FAIL_LAST(p, "f-string: expecting '}'");
    return false;
}

/* Literal text and fields up to the end, or (nested in a format spec) up to a '}'. */
static bool fstring_parse(parser *p, fbuild *b, const char **sp, const char *end, bool raw,
                          int level, const hl_token *t) {
    const char *s = *sp;
    for (;;) {
        const char *lit_start = s, *lit_end;
        bool doubled = false;
        for (;;) {
            if (s >= end) {
                lit_end = s;
                break;
            }
            char ch = *s++;
            if (!raw && ch == '\\' && s < end) {
                ch = *s++;
                if (ch == 'N') { /* \N{...}: its braces are no field */
                    if (s < end && *s++ == '{')
                        while (s < end && *s++ != '}') {}
                    continue;
                }
                if (ch == '{') {
                    int line, col;
                    real_pos(p, t->line, t->col, &line, &col);
                    hl_lex_warn(&p->lex, "DeprecationWarning", line, "invalid escape sequence '\\{'");
                }
            }
            if (ch == '{' || ch == '}') {
                if (level == 0) {
                    if (s < end && *s == ch) { /* {{ or }} */
                        lit_end = s++;
                        doubled = true;
                        break;
                    }
                    if (ch == '}') {
                        FAIL_LAST(p, "f-string: single '}' is not allowed");
                        return false;
                    }
                }
                lit_end = --s;
                break;
            }
        }
        if (!append_decoded(p, b, t, lit_start, (size_t)(lit_end - lit_start), raw, false))
            return false;
        if (doubled) continue;
        if (s >= end || *s == '}') break;
        if (!fstring_field(p, b, &s, end, raw, level, t)) return false;
    }
    if (level != 0 && (s >= end || *s != '}')) {
        FAIL_LAST(p, "f-string: expecting '}'");
        return false;
    }
    *sp = s;
    return true;
}

static hl_ast_node *concatenate_strings(parser *p);

/* STRING+: adjacent literals joined into one str, or a JoinedStr when any is an f-string.
 * CPython decodes them in its first pass: their errors are final. */
static hl_ast_node *parse_strings(parser *p) {
    hl_ast_node *n = concatenate_strings(p);
    if (!n) p->hard_failed = true;
    return n;
}

static hl_ast_node *concatenate_strings(parser *p) {
    size_t n = 0, cap = 0;
    hl_token *toks = NULL;
    bool any_bytes = false, any_text = false, any_f = false;
    while (at(p, HL_TOK_STRING)) {
        void *room = make_room(p, toks, &cap, n, sizeof *toks);
        if (!room) return NULL;
        toks = room;
        toks[n] = p->tok;
        hl_string_parts sp;
        hl_lex_string_parts(p->tok.text, p->tok.len, &sp);
        any_bytes |= sp.bytes;
        any_text |= !sp.bytes;
        any_f |= sp.fstring;
        n++;
        advance(p);
    }
    fbuild b = {0};
    real_pos(p, toks[0].line, toks[0].col, &b.line, &b.col);
    real_pos(p, toks[n - 1].end_line, toks[n - 1].end_col, &b.end_line, &b.end_col);
    b.own[0] = b.line, b.own[1] = b.col, b.own[2] = b.end_line, b.own[3] = b.end_col;
    if (any_bytes && any_text) {
        FAIL_LAST(p, "cannot mix bytes and nonbytes literals");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        hl_string_parts sp;
        hl_lex_string_parts(toks[i].text, toks[i].len, &sp);
        if (sp.bytes)
            for (size_t k = 0; k < sp.len; k++)
                if ((unsigned char)sp.body[k] >= 0x80) {
                    FAIL_LAST(p, "bytes can only contain ASCII literal characters");
                    return NULL;
                }
        if (sp.fstring) {
            const char *s = sp.body;
            if (!fstring_parse(p, &b, &s, sp.body + sp.len, sp.raw, 0, &toks[i])) return NULL;
        } else if (!append_decoded(p, &b, &toks[i], sp.body, sp.len, sp.raw, sp.bytes)) {
            return NULL;
        }
    }
    if (any_f) return fstring_node(p, &b);
    hl_ast_node *str = group_node(p, &b, HL_AST_STR);
    if (!str) return NULL;
    str->u.str.bytes = b.lit ? b.lit : "";
    str->u.str.len = b.lit_len;
    if (any_bytes) unsupported(p, str, "bytes literals are");
    return finish(p, str);
}

/* ---- targets ---- */

enum target_use { STAR_TARGETS, DEL_TARGETS, FOR_TARGETS };

/* CPython's _PyPegen_get_invalid_target: the first part of e that cannot be assigned to
 * (or deleted), or NULL. */
static hl_ast_node *invalid_target(hl_ast_node *e, enum target_use use) {
    switch (e->kind) {
    case HL_AST_LIST:
    case HL_AST_TUPLE:
        for (size_t i = 0; i < e->u.seq.items.len; i++) {
            hl_ast_node *bad = invalid_target(e->u.seq.items.items[i], use);
            if (bad) return bad;
        }
        return NULL;
    case HL_AST_STARRED:
        return use == DEL_TARGETS ? e : invalid_target(e->u.starred.value, use);
    case HL_AST_COMPARE:
        /* "for a in b" reaches here as the comparison "a in b" */
        if (use == FOR_TARGETS)
            return e->u.compare.ops[0] == HL_OP_IN ? invalid_target(e->u.compare.left, use) : NULL;
        return e;
    case HL_AST_NAME:
    case HL_AST_SUBSCRIPT:
    case HL_AST_ATTRIBUTE:
        return NULL;
    default:
        return e;
    }
}

static void set_ctx(hl_ast_node *e, hl_ast_ctx ctx) {
    switch (e->kind) {
    case HL_AST_NAME: e->u.name.ctx = ctx; break;
    case HL_AST_ATTRIBUTE: e->u.attribute.ctx = ctx; break;
    case HL_AST_SUBSCRIPT: e->u.subscript.ctx = ctx; break;
    case HL_AST_STARRED:
        e->u.starred.ctx = ctx;
        set_ctx(e->u.starred.value, ctx);
        break;
    case HL_AST_LIST:
    case HL_AST_TUPLE:
        e->u.seq.ctx = ctx;
        for (size_t i = 0; i < e->u.seq.items.len; i++) set_ctx(e->u.seq.items.items[i], ctx);
        break;
    default: break;
    }
}

/* Validates a target (reporting CPython's "cannot assign to ..." or "cannot delete ...")
 * and marks it Store or Del; the compiler's checks on starred targets are deferred. */
static bool make_target(parser *p, hl_ast_node *e, enum target_use use) {
    hl_ast_node *bad = invalid_target(e, use);
    if (bad) {
        FAIL_NODE(p, bad, use == DEL_TARGETS ? "cannot delete %s" : "cannot assign to %s", hl_ast_describe(bad));
        return false;
    }
    if (use != DEL_TARGETS) {
        if (e->kind == HL_AST_STARRED)
            defer(p, STAGE_COMPILER, e, "starred assignment target must be in a list or tuple");
        if (e->kind == HL_AST_LIST || e->kind == HL_AST_TUPLE) {
            int stars = 0;
            for (size_t i = 0; i < e->u.seq.items.len; i++) stars += e->u.seq.items.items[i]->kind == HL_AST_STARRED;
            if (stars > 1) defer(p, STAGE_COMPILER, e, "multiple starred expressions in assignment");
        }
    }
    set_ctx(e, use == DEL_TARGETS ? HL_CTX_DEL : HL_CTX_STORE);
    return true;
}

/* A starred expression where a single value is compiled: "a = *b". */
static void check_bare_starred(parser *p, const hl_ast_node *e) {
    if (e && e->kind == HL_AST_STARRED) defer(p, STAGE_COMPILER, e, "can't use starred expression here");
}

static hl_ast_node *juxtaposed(parser *p, hl_ast_node *a, const hl_token *start);

/* star_targets of a for loop or comprehension: bitwise_or items, so "in" ends them. When
 * no "in" follows, CPython reads them again as star_expressions for its message. */
static hl_ast_node *parse_for_targets(parser *p) {
    hl_token start = p->tok;
    vec items = {0};
    bool tuple = false;
    hl_token item_start;
    for (;;) {
        hl_ast_node *item;
        item_start = p->tok;
        if (at(p, HL_TOK_STAR)) {
            hl_token star = p->tok;
            advance(p);
            hl_ast_node *value = parse_ops(p, P_BOR);
            if (!value) return NULL;
            item = node_from(p, HL_AST_STARRED, &star);
            if (!item) return NULL;
            item->u.starred.value = value;
            finish(p, item);
        } else {
            item = parse_ops(p, P_BOR);
        }
        if (!item || !vec_push(p, &items, item)) return NULL;
        if (!at(p, HL_TOK_COMMA)) break;
        tuple = true;
        advance(p);
        if (at(p, HL_TOK_IN) || !(starts_expression(p->tok.kind) || at(p, HL_TOK_STAR))) break;
    }
    if (!at(p, HL_TOK_IN) && !juxtaposed(p, items.items[items.len - 1], &item_start)) return NULL;
    if (!tuple) return items.items[0];
    hl_ast_node *t = node_from(p, HL_AST_TUPLE, &start);
    if (!t) return NULL;
    t->u.seq.items = as_list(items);
    return finish(p, t);
}

/* The targets of a for loop or clause and its "in": the targets, marked Store. */
static hl_ast_node *parse_for_head(parser *p) {
    hl_ast_node *target = parse_for_targets(p);
    if (!target) return NULL;
    if (!at(p, HL_TOK_IN)) {
        hl_ast_node *bad = invalid_target(target, FOR_TARGETS);
        if (bad) FAIL_NODE(p, bad, "cannot assign to %s", hl_ast_describe(bad));
        else invalid_syntax(p);
        return NULL;
    }
    if (!make_target(p, target, FOR_TARGETS)) return NULL;
    advance(p);
    return target;
}

static hl_ast_node *named_tail(parser *p, hl_ast_node *e);
static void check_async_comprehension(parser *p, hl_ast_node *comp);

/* ---- atoms ---- */

static hl_ast_node *parse_call(parser *p, hl_ast_node *func, const hl_token *start);
static hl_ast_node *parse_subscript(parser *p, hl_ast_node *value, const hl_token *start);
static hl_ast_node *parse_paren(parser *p);
static hl_ast_node *parse_list(parser *p);
static hl_ast_node *parse_brace(parser *p);

static hl_ast_node *parse_atom(parser *p) {
    switch (p->tok.kind) {
    case HL_TOK_NAME: {
        advance(p);
        return name_node(p, &p->prev);
    }
    case HL_TOK_TRUE: return constant(p, HL_CONST_TRUE);
    case HL_TOK_FALSE: return constant(p, HL_CONST_FALSE);
    case HL_TOK_NONE: return constant(p, HL_CONST_NONE);
    case HL_TOK_ELLIPSIS: return constant(p, HL_CONST_ELLIPSIS);
    case HL_TOK_NUMBER: return number(p);
    case HL_TOK_STRING: return parse_strings(p);
    case HL_TOK_LPAR: return parse_paren(p);
    case HL_TOK_LSQB: return parse_list(p);
    case HL_TOK_LBRACE: return parse_brace(p);
    default:
        invalid_syntax(p);
        return NULL;
    }
}

static hl_ast_node *parse_primary(parser *p) {
    if (at(p, HL_TOK_AWAIT)) {
        hl_token start = p->tok;
        advance(p);
        hl_ast_node *value = parse_primary(p);
        if (!value) return NULL;
        hl_ast_node *n = node_from(p, HL_AST_UNSUPPORTED, &start);
        if (!n) return NULL;
        n->u.unsupported.what = "await expression";
        n->u.unsupported.value = value;
        unsupported(p, n, "'await' expressions are");
        /* Inside a comprehension it makes that comprehension asynchronous instead: decided
         * when the statement is done (settle_awaits). */
        if (p->scope->kind != SCOPE_ASYNC_FUNCTION) {
            void *room = make_room(p, p->awaits, &p->cap_awaits, p->n_awaits, sizeof *p->awaits);
            if (!room) return NULL;
            p->awaits = room;
            p->awaits[p->n_awaits++] = (struct pending_await){n, in_function(p)};
        }
        return finish(p, n);
    }
    hl_token start = p->tok;
    hl_ast_node *n = parse_atom(p);
    while (n) {
        if (at(p, HL_TOK_DOT)) {
            advance(p);
            if (!at(p, HL_TOK_NAME)) {
                invalid_syntax(p);
                return NULL;
            }
            advance(p);
            hl_ast_node *attr = node_from(p, HL_AST_ATTRIBUTE, &start);
            if (!attr) return NULL;
            attr->u.attribute.value = n;
            if (!(attr->u.attribute.attr = token_text(p, &p->prev))) return NULL;
            n = finish(p, attr);
        } else if (at(p, HL_TOK_LPAR)) {
            n = parse_call(p, n, &start);
        } else if (at(p, HL_TOK_LSQB)) {
            n = parse_subscript(p, n, &start);
        } else {
            break;
        }
    }
    return n;
}

/* CPython's _PyPegen_get_last_comprehension_item. */
static hl_ast_node *last_comprehension_item(const vec *generators) {
    hl_ast_node *c = generators->items[generators->len - 1];
    if (c->u.comprehension.ifs.len) return c->u.comprehension.ifs.items[c->u.comprehension.ifs.len - 1];
    return c->u.comprehension.iter;
}

/* The compiler's "keyword argument repeated", which it finds visiting the call, before the
 * calls inside it. */
static void repeated_keywords(parser *p, const hl_ast_node *call) {
    const hl_ast_list *kws = &call->u.call.keywords;
    for (size_t i = 1; i < kws->len; i++) {
        const char *name = kws->items[i]->u.keyword.name;
        for (size_t j = 0; name && j < i; j++) {
            const char *other = kws->items[j]->u.keyword.name;
            if (other && strcmp(other, name) == 0) {
                defer_ordered(p, STAGE_COMPILER, call, kws->items[i], "keyword argument repeated: %s", name);
                return;
            }
        }
    }
}

static hl_ast_node *parse_call(parser *p, hl_ast_node *func, const hl_token *func_start) {
    hl_token open = p->tok;
    advance(p);
    vec args = {0}, keywords = {0};
    bool seen_keyword = false, seen_dstar = false, positional_late = false;
    hl_ast_node *genexp_elt = NULL, *first_arg = NULL, *last_arg = NULL;
    vec generators = {0};
    while (!at(p, HL_TOK_RPAR)) {
        hl_token start = p->tok;
        hl_ast_node *this_arg = NULL;
        if (at(p, HL_TOK_STAR)) {
            if (seen_dstar) {
                fail_range(p, first_arg, last_arg, "iterable argument unpacking follows keyword argument unpacking");
                return NULL;
            }
            advance(p);
            hl_ast_node *value = parse_expression(p);
            if (!value) return NULL;
            hl_ast_node *star = node_from(p, HL_AST_STARRED, &start);
            if (!star) return NULL;
            star->u.starred.value = value;
            if (!vec_push(p, &args, this_arg = finish(p, star))) return NULL;
        } else if (at(p, HL_TOK_DSTAR)) {
            advance(p);
            hl_ast_node *value = parse_expression(p);
            if (!value) return NULL;
            hl_ast_node *kw = node_from(p, HL_AST_KEYWORD, &start);
            if (!kw) return NULL;
            kw->u.keyword.value = value;
            if (!vec_push(p, &keywords, this_arg = finish(p, kw))) return NULL;
            seen_keyword = seen_dstar = true;
        } else {
            hl_ast_node *e = parse_expression(p);
            if (e && at(p, HL_TOK_COLONEQUAL)) e = named_tail(p, e); /* f(x := 1) */
            if (!e) return NULL;
            if (at(p, HL_TOK_EQUAL)) {
                hl_token eq = p->tok;
                hl_ast_node eqn = {.line = eq.line, .col = eq.col, .end_line = eq.end_line, .end_col = eq.end_col};
                real_pos(p, eq.line, eq.col, &eqn.line, &eqn.col);
                real_pos(p, eq.end_line, eq.end_col, &eqn.end_line, &eqn.end_col);
                if (e->kind == HL_AST_CONSTANT && !(e->flags & HL_AST_GROUPED) && e->u.constant != HL_CONST_ELLIPSIS) {
                    fail_range(p, e, &eqn, "cannot assign to %s", hl_ast_describe(e));
                    return NULL;
                }
                if (!is_name(e)) {
                    fail_range(p, e, &eqn, "expression cannot contain assignment, perhaps you meant \"==\"?");
                    return NULL;
                }
                advance(p);
                hl_ast_node *value = parse_expression(p);
                if (!value) return NULL;
                if (at(p, HL_TOK_FOR)) {
                    fail_range(p, e, &eqn, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                    return NULL;
                }
                hl_ast_node *kw = node_from(p, HL_AST_KEYWORD, &start);
                if (!kw) return NULL;
                kw->u.keyword.name = e->u.name.id;
                kw->u.keyword.value = value;
                if (!vec_push(p, &keywords, this_arg = finish(p, kw))) return NULL;
                seen_keyword = true;
            } else if (at_comprehension(p)) {
                if (!parse_comprehension(p, &generators)) return NULL;
                bool more = false;
                if (!(genexp_elt || args.len || keywords.len) && accept(p, HL_TOK_COMMA) &&
                    (starts_expression(p->tok.kind) || at(p, HL_TOK_STAR) || at(p, HL_TOK_DSTAR))) {
                    /* CPython's rule reads the arguments after the comma first */
                    more = true;
                    if (!accept(p, HL_TOK_STAR)) accept(p, HL_TOK_DSTAR);
                    parse_expression(p);
                    if (p->failed && !recoverable(p)) return NULL;
                    p->failed = false;
                }
                if (more || genexp_elt || args.len || keywords.len || !at(p, HL_TOK_RPAR)) {
                    fail_range(p, e, last_comprehension_item(&generators),
                               "Generator expression must be parenthesized");
                    return NULL;
                }
                genexp_elt = e;
            } else {
                if (seen_keyword) positional_late = true;
                if (genexp_elt) {
                    fail_range(p, genexp_elt, last_comprehension_item(&generators),
                               "Generator expression must be parenthesized");
                    return NULL;
                }
                if (!vec_push(p, &args, this_arg = e)) return NULL;
            }
        }
        if (this_arg) {
            if (!first_arg) first_arg = this_arg;
            last_arg = this_arg;
        }
        if (at(p, HL_TOK_COMMA)) {
            advance(p);
            continue;
        }
        if (!at(p, HL_TOK_RPAR)) {
            invalid_syntax(p);
            return NULL;
        }
    }
    if (positional_late) {
        FAIL_LAST(p, seen_dstar ? "positional argument follows keyword argument unpacking"
                             : "positional argument follows keyword argument");
        return NULL;
    }
    advance(p);
    hl_ast_node *call = node_from(p, HL_AST_CALL, func_start);
    if (!call) return NULL;
    call->u.call.func = func;
    if (genexp_elt) {
        hl_ast_node *g = node_from(p, HL_AST_GENEXP, &open);
        if (!g) return NULL;
        g->u.comp.elt = genexp_elt;
        g->u.comp.generators = as_list(generators);
        check_async_comprehension(p, g);
        if (!vec_push(p, &args, finish(p, g))) return NULL;
    }
    call->u.call.args = as_list(args);
    call->u.call.keywords = as_list(keywords);
    repeated_keywords(p, call);
    return finish(p, call);
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static hl_ast_node *parse_slice(parser *p) {
    hl_token start = p->tok;
    hl_ast_node *lower = NULL;
    if (!at(p, HL_TOK_COLON)) {
        if (at(p, HL_TOK_STAR)) { /* starred_expression: '*' expression */
            hl_token star = p->tok;
            advance(p);
            hl_ast_node *value = parse_expression(p);
            hl_ast_node *n = value ? node_from(p, HL_AST_STARRED, &star) : NULL;
            if (!n) return NULL;
            n->u.starred.value = value;
            return finish(p, n);
        }
        hl_ast_node *e = parse_named_expression(p);
        if (!e || !at(p, HL_TOK_COLON)) return e;
        lower = e;
    }
    advance(p);
    hl_ast_node *upper = NULL, *step = NULL;
    if (!at(p, HL_TOK_COLON) && !at(p, HL_TOK_COMMA) && !at(p, HL_TOK_RSQB)) {
        if (!(upper = parse_expression(p))) return NULL;
    }
    if (accept(p, HL_TOK_COLON) && !at(p, HL_TOK_COMMA) && !at(p, HL_TOK_RSQB)) {
        if (!(step = parse_expression(p))) return NULL;
    }
    hl_ast_node *n = node_from(p, HL_AST_SLICE, &start);
    if (!n) return NULL;
    n->u.slice.lower = lower;
    n->u.slice.upper = upper;
    n->u.slice.step = step;
    return finish(p, n);
}

static hl_ast_node *parse_subscript(parser *p, hl_ast_node *value, const hl_token *value_start) {
    advance(p);
    hl_token start = p->tok;
    vec items = {0};
    bool tuple = false;
    for (;;) {
        hl_ast_node *item = parse_slice(p);
        if (!item || !vec_push(p, &items, item)) return NULL;
        if (item->kind == HL_AST_STARRED) tuple = true;
        if (!accept(p, HL_TOK_COMMA)) break;
        tuple = true;
        if (at(p, HL_TOK_RSQB)) break;
    }
    hl_ast_node *index = items.items[0];
    if (tuple) {
        index = node_from(p, HL_AST_TUPLE, &start);
        if (!index) return NULL;
        index->u.seq.items = as_list(items);
        finish(p, index);
    }
    if (!at(p, HL_TOK_RSQB)) {
        invalid_syntax(p);
        return NULL;
    }
    advance(p);
    hl_ast_node *n = node_from(p, HL_AST_SUBSCRIPT, value_start);
    if (!n) return NULL;
    n->u.subscript.value = value;
    n->u.subscript.index = index;
    return finish(p, n);
}

/* ---- displays and comprehensions ---- */

/* for_if_clauses */
static bool parse_comprehension(parser *p, vec *generators) {
    while (at_comprehension(p)) {
        hl_token start = p->tok;
        bool async = at(p, HL_TOK_ASYNC);
        if (async) advance(p);
        advance(p);
        hl_ast_node *target = parse_for_head(p);
        if (!target) return false;
        hl_ast_node *iter = parse_ops(p, P_OR);
        if (!iter) return false;
        vec ifs = {0};
        while (accept(p, HL_TOK_IF)) {
            hl_ast_node *cond = parse_ops(p, P_OR);
            if (!cond || !vec_push(p, &ifs, cond)) return false;
        }
        hl_ast_node *c = node_from(p, HL_AST_COMPREHENSION, &start);
        if (!c) return false;
        c->u.comprehension.target = target;
        c->u.comprehension.iter = iter;
        c->u.comprehension.ifs = as_list(ifs);
        if (async) {
            c->flags |= HL_AST_ASYNC_FOR;
            unsupported(p, c, "asynchronous comprehensions are");
        }
        if (!vec_push(p, generators, finish(p, c))) return false;
    }
    return true;
}

static bool expect_closing(parser *p, hl_tok kind) {
    if (at(p, kind)) {
        advance(p);
        return true;
    }
    invalid_syntax(p);
    return false;
}

/* The comprehension clauses an error rule reads before its message ("[*a for a in b]"):
 * true when they parse, else the error is the one CPython's first pass stopped at. */
static bool clauses_for_message(parser *p) {
    vec generators = {0};
    hl_token far = p->far;
    if (parse_comprehension(p, &generators)) return true;
    if (recoverable(p)) {
        p->failed = false;
        invalid_syntax_at(p, &far);
    }
    return false;
}

static hl_ast_node *starred_comprehension(parser *p, hl_ast_node *elt) {
    if (clauses_for_message(p)) FAIL_NODE(p, elt, "iterable unpacking cannot be used in comprehension");
    return NULL;
}

static bool inside(const hl_ast_node *inner, const hl_ast_node *outer) {
    return (inner->line > outer->line || (inner->line == outer->line && inner->col >= outer->col)) &&
           (inner->end_line < outer->end_line || (inner->end_line == outer->end_line && inner->end_col <= outer->end_col));
}

/* A comprehension with "async for", or with "await" past its first iterable, is
 * asynchronous: a generator expression may be anywhere, the others only in async
 * functions. Those awaits need no async function of their own. */
static void check_async_comprehension(parser *p, hl_ast_node *comp) {
    const hl_ast_list *gens = &comp->u.comp.generators;
    bool async = false;
    for (size_t i = 0; i < gens->len; i++) async |= (gens->items[i]->flags & HL_AST_ASYNC_FOR) != 0;
    const hl_ast_node *first_iter = gens->items[0]->u.comprehension.iter;
    size_t kept = 0;
    for (size_t i = 0; i < p->n_awaits; i++) {
        hl_ast_node *a = p->awaits[i].node;
        if (inside(a, comp) && !inside(a, first_iter)) async = true;
        else p->awaits[kept++] = p->awaits[i];
    }
    p->n_awaits = kept;
    if (async && comp->kind != HL_AST_GENEXP && p->scope->kind != SCOPE_ASYNC_FUNCTION)
        defer(p, STAGE_COMPILER, comp, "asynchronous comprehension outside of an asynchronous function");
}

static hl_ast_node *comprehension_node(parser *p, hl_ast_kind kind, const hl_token *start,
                                       hl_ast_node *elt, hl_ast_node *value, hl_tok close) {
    vec generators = {0};
    if (!parse_comprehension(p, &generators) || !expect_closing(p, close)) return NULL;
    hl_ast_node *n = node_from(p, kind, start);
    if (!n) return NULL;
    n->u.comp.elt = elt;
    n->u.comp.value = value;
    n->u.comp.generators = as_list(generators);
    check_async_comprehension(p, n);
    return finish(p, n);
}

static hl_ast_node *seq_node(parser *p, hl_ast_kind kind, const hl_token *start, vec items) {
    hl_ast_node *n = node_from(p, kind, start);
    if (!n) return NULL;
    n->u.seq.items = as_list(items);
    return finish(p, n);
}

/* The items of a list or set display after its first, up to the closing bracket, with
 * CPython's invalid_comprehension messages for "[a, b for a in c]". */
static bool display_items(parser *p, vec *items, hl_tok close) {
    while (at(p, HL_TOK_COMMA)) {
        hl_token comma = p->tok;
        advance(p);
        if (at_comprehension(p)) {
            hl_ast_node *first = items->items[0];
            hl_ast_node last = {0};
            if (items->len == 1) {
                real_pos(p, comma.line, comma.col, &last.line, &last.col);
                real_pos(p, comma.end_line, comma.end_col, &last.end_line, &last.end_col);
            } else {
                last = *items->items[items->len - 1];
            }
            if (clauses_for_message(p))
                fail_range(p, first, &last, "did you forget parentheses around the comprehension target?");
            return false;
        }
        if (at(p, close)) break;
        hl_ast_node *item = parse_star_named_expression(p);
        if (!item || !vec_push(p, items, item)) return false;
    }
    if (at_comprehension(p) && items->len > 1) {
        if (clauses_for_message(p))
            fail_range(p, items->items[0], items->items[items->len - 1],
                       "did you forget parentheses around the comprehension target?");
        return false;
    }
    return expect_closing(p, close);
}

static hl_ast_node *parse_paren(parser *p) {
    hl_token start = p->tok;
    advance(p);
    if (accept(p, HL_TOK_RPAR)) {
        hl_ast_node *t = seq_node(p, HL_AST_TUPLE, &start, (vec){0});
        if (t) t->flags |= HL_AST_PAREN_SEQ;
        return t;
    }
    hl_ast_node *first;
    if (at(p, HL_TOK_YIELD)) {
        first = parse_yield(p);
    } else if (at(p, HL_TOK_DSTAR)) {
        hl_token dstar = p->tok;
        advance(p);
        if (parse_expression(p) && at(p, HL_TOK_RPAR))
            fail_token(p, &dstar, HL_LANG_SYNTAX_ERROR, "cannot use double starred expression here");
        else
            fail_token(p, &dstar, HL_LANG_SYNTAX_ERROR, "invalid syntax");
        return NULL;
    } else {
        first = parse_star_named_expression(p);
    }
    if (!first) return NULL;
    if (at_comprehension(p) && !is_yield(first)) {
        if (first->kind == HL_AST_STARRED) {
            return starred_comprehension(p, first);
        }
        return comprehension_node(p, HL_AST_GENEXP, &start, first, NULL, HL_TOK_RPAR);
    }
    if (at(p, HL_TOK_RPAR)) {
        if (first->kind == HL_AST_STARRED) {
            FAIL_NODE(p, first, "cannot use starred expression here");
            return NULL;
        }
        advance(p);
        first->flags |= HL_AST_GROUPED;
        return first;
    }
    if (!at(p, HL_TOK_COMMA) || is_yield(first)) {
        invalid_syntax(p);
        return NULL;
    }
    vec items = {0};
    if (!vec_push(p, &items, first)) return NULL;
    while (accept(p, HL_TOK_COMMA)) {
        if (at(p, HL_TOK_RPAR)) break;
        hl_ast_node *item = parse_star_named_expression(p);
        if (!item || !vec_push(p, &items, item)) return NULL;
    }
    if (!expect_closing(p, HL_TOK_RPAR)) return NULL;
    hl_ast_node *t = seq_node(p, HL_AST_TUPLE, &start, items);
    if (t) t->flags |= HL_AST_PAREN_SEQ;
    return t;
}

/* A list or set display after its first item: a comprehension or more items. */
static hl_ast_node *display_rest(parser *p, const hl_token *start, hl_ast_node *first, hl_ast_kind comp,
                                 hl_ast_kind seq, hl_tok close) {
    if (!first) return NULL;
    if (at_comprehension(p)) {
        if (first->kind == HL_AST_STARRED) return starred_comprehension(p, first);
        return comprehension_node(p, comp, start, first, NULL, close);
    }
    vec items = {0};
    if (!vec_push(p, &items, first) || !display_items(p, &items, close)) return NULL;
    return seq_node(p, seq, start, items);
}

static hl_ast_node *parse_list(parser *p) {
    hl_token start = p->tok;
    advance(p);
    if (accept(p, HL_TOK_RSQB)) return seq_node(p, HL_AST_LIST, &start, (vec){0});
    return display_rest(p, &start, parse_star_named_expression(p), HL_AST_LISTCOMP, HL_AST_LIST, HL_TOK_RSQB);
}

/* A dictionary value after its ':' (consumed; colon is that token). */
static hl_ast_node *dict_value(parser *p, const hl_token *colon) {
    if (at(p, HL_TOK_RBRACE) || at(p, HL_TOK_COMMA)) {
        fail_token(p, colon, HL_LANG_SYNTAX_ERROR, "expression expected after dictionary key and ':'");
        return NULL;
    }
    if (at(p, HL_TOK_STAR)) {
        int line, col;
        token_location(p, &p->tok, &line, &col, &(int){0}, &(int){0});
        advance(p);
        if (parse_ops(p, P_BOR))
            fail_at(p, HL_LANG_SYNTAX_ERROR, line, col, p->lex.line, (int)(p->lex.cur - p->lex.line_start),
                    "cannot use a starred expression in a dictionary value");
        return NULL;
    }
    return parse_expression(p);
}

static hl_ast_node *parse_dict(parser *p, const hl_token *start, hl_ast_node *key, hl_ast_node *value) {
    vec keys = {0}, values = {0};
    if (!vec_push(p, &keys, key) || !vec_push(p, &values, value)) return NULL;
    while (accept(p, HL_TOK_COMMA)) {
        if (at(p, HL_TOK_RBRACE)) break;
        if (accept(p, HL_TOK_DSTAR)) {
            hl_ast_node *v = parse_ops(p, P_BOR);
            if (!v || !vec_push(p, &keys, NULL) || !vec_push(p, &values, v)) return NULL;
            continue;
        }
        hl_ast_node *k = parse_expression(p);
        if (!k) return NULL;
        if (!at(p, HL_TOK_COLON)) {
            int line, col;
            node_err_pos(p, k->line, k->end_col, &line, &col);
            fail_at(p, HL_LANG_SYNTAX_ERROR, line, col, err_line(p, k->end_line), 0,
                    "':' expected after dictionary key");
            return NULL;
        }
        hl_token colon = p->tok;
        advance(p);
        hl_ast_node *v = dict_value(p, &colon);
        if (!v || !vec_push(p, &keys, k) || !vec_push(p, &values, v)) return NULL;
    }
    if (!expect_closing(p, HL_TOK_RBRACE)) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_DICT, start);
    if (!n) return NULL;
    n->u.dict.keys = as_list(keys);
    n->u.dict.values = as_list(values);
    return finish(p, n);
}

static hl_ast_node *parse_brace(parser *p) {
    hl_token start = p->tok;
    advance(p);
    if (at(p, HL_TOK_RBRACE)) {
        advance(p);
        hl_ast_node *n = node_from(p, HL_AST_DICT, &start);
        return finish(p, n);
    }
    if (at(p, HL_TOK_DSTAR)) {
        hl_token dstar = p->tok;
        advance(p);
        hl_ast_node *v = parse_ops(p, P_BOR);
        if (!v) return NULL;
        if (at_comprehension(p)) {
            if (!clauses_for_message(p)) return NULL;
            if (at(p, HL_TOK_RBRACE))
                fail_token(p, &dstar, HL_LANG_SYNTAX_ERROR, "dict unpacking cannot be used in dict comprehension");
            else
                invalid_syntax(p);
            return NULL;
        }
        return parse_dict(p, &start, NULL, v);
    }
    hl_ast_node *first;
    if (at(p, HL_TOK_STAR)) {
        first = parse_star_named_expression(p);
    } else {
        hl_ast_node *key = parse_expression(p);
        if (!key) return NULL;
        if (at(p, HL_TOK_COLON)) {
            hl_token colon = p->tok;
            advance(p);
            hl_ast_node *value = dict_value(p, &colon);
            if (!value) return NULL;
            if (at_comprehension(p)) return comprehension_node(p, HL_AST_DICTCOMP, &start, key, value, HL_TOK_RBRACE);
            return parse_dict(p, &start, key, value);
        }
        first = named_tail(p, key);
    }
    return display_rest(p, &start, first, HL_AST_SETCOMP, HL_AST_SET, HL_TOK_RBRACE);
}

/* ---- parameters and lambda ---- */

static hl_ast_node *starred(parser *p);

/* A parameter's name and annotation; *args may have a starred one ("*args: *Ts"). */
static hl_ast_node *param(parser *p, bool lambda, bool star) {
    if (!at(p, HL_TOK_NAME)) {
        invalid_syntax(p);
        return NULL;
    }
    advance(p);
    hl_ast_node *a = node_from(p, HL_AST_ARG, &p->prev);
    if (!a || !(a->u.arg.name = token_text(p, &p->prev))) return NULL;
    for (size_t i = 0; i < p->prev.len; i++)
        if ((unsigned char)p->prev.text[i] >= 0x80) {
            unsupported(p, a, "non-ASCII identifiers are");
            break;
        }
    if (!lambda && accept(p, HL_TOK_COLON)) {
        hl_ast_node *annotation = star && at(p, HL_TOK_STAR) ? starred(p) : parse_expression(p);
        if (!annotation) return NULL;
        unsupported(p, annotation, "annotations are");
        a->end_line = annotation->end_line;
        a->end_col = annotation->end_col;
    }
    return finish(p, a);
}

/* A parameter's default after '=', with CPython's "expected default value expression". */
static hl_ast_node *param_default(parser *p, hl_tok end) {
    hl_token eq = p->tok;
    advance(p);
    if (at(p, HL_TOK_COMMA) || at(p, end)) {
        fail_token(p, &eq, HL_LANG_SYNTAX_ERROR, "expected default value expression");
        return NULL;
    }
    return parse_expression(p);
}

/* Parameters up to ')' (def) or ':' (lambda). */
static bool parse_params(parser *p, hl_ast_params *out, bool lambda) {
    hl_tok end = lambda ? HL_TOK_COLON : HL_TOK_RPAR;
    vec args = {0}, defaults = {0}, kwonly = {0}, kw_defaults = {0};
    bool star = false, slash = false;
    memset(out, 0, sizeof *out);
    while (!at(p, end)) {
        hl_token t = p->tok;
        if (at(p, HL_TOK_SLASH)) {
            if (!args.len) {
                fail_token(p, &t, HL_LANG_SYNTAX_ERROR, "at least one argument must precede /");
                return false;
            }
            if (slash || star) {
                fail_token(p, &t, HL_LANG_SYNTAX_ERROR, slash ? "/ may appear only once" : "/ must be ahead of *");
                return false;
            }
            slash = true;
            advance(p);
            hl_ast_node *where = node_from(p, HL_AST_PASS, &t);
            if (!where) return false;
            unsupported(p, where, "positional-only parameters are");
        } else if (at(p, HL_TOK_STAR)) {
            if (star) {
                fail_token(p, &t, HL_LANG_SYNTAX_ERROR, "* argument may appear only once");
                return false;
            }
            star = true;
            advance(p);
            if (at(p, HL_TOK_NAME)) {
                if (!(out->vararg = param(p, lambda, true))) return false;
                if (at(p, HL_TOK_EQUAL)) {
                    fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "var-positional argument cannot have default value");
                    return false;
                }
            } else if (at(p, end) || (at(p, HL_TOK_COMMA) && (peek(p)->kind == end || peek(p)->kind == HL_TOK_DSTAR))) {
                if (lambda) FAIL_LAST(p, "named arguments must follow bare *");
                else fail_token(p, &t, HL_LANG_SYNTAX_ERROR, "named arguments must follow bare *");
                return false;
            } else if (!at(p, HL_TOK_COMMA)) {
                invalid_syntax(p);
                return false;
            }
        } else if (at(p, HL_TOK_DSTAR)) {
            advance(p);
            if (!(out->kwarg = param(p, lambda, false))) return false;
            if (at(p, HL_TOK_EQUAL)) {
                fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "var-keyword argument cannot have default value");
                return false;
            }
            if (accept(p, HL_TOK_COMMA)) {
                if (at(p, HL_TOK_NAME) || at(p, HL_TOK_STAR) || at(p, HL_TOK_DSTAR) || at(p, HL_TOK_SLASH)) {
                    fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "arguments cannot follow var-keyword argument");
                    return false;
                }
            }
            if (!at(p, end)) {
                invalid_syntax(p);
                return false;
            }
            break;
        } else if (at(p, HL_TOK_LPAR)) {
            /* "def f((a, b)):" gets CPython's own message; anything else is plain invalid. */
            hl_token open = p->tok;
            advance(p);
            while (accept(p, HL_TOK_NAME))
                if (!accept(p, HL_TOK_COMMA)) break;
            if (at(p, HL_TOK_RPAR) && p->prev.kind != HL_TOK_LPAR) {
                hl_ast_node *a = node_from(p, HL_AST_PASS, &open), *b = node_from(p, HL_AST_PASS, &p->tok);
                if (a && b) {
                    real_pos(p, p->tok.end_line, p->tok.end_col, &b->end_line, &b->end_col);
                    fail_range(p, a, b, lambda ? "Lambda expression parameters cannot be parenthesized"
                                               : "Function parameters cannot be parenthesized");
                }
            } else {
                invalid_syntax_at(p, &open);
            }
            return false;
        } else {
            hl_ast_node *a = param(p, lambda, false);
            if (!a) return false;
            hl_ast_node *d = NULL;
            if (at(p, HL_TOK_EQUAL) && !(d = param_default(p, end))) return false;
            if (star) {
                if (!vec_push(p, &kwonly, a) || !vec_push(p, &kw_defaults, d)) return false;
            } else {
                if (d) {
                    if (!vec_push(p, &defaults, d)) return false;
                } else if (defaults.len) {
                    FAIL_NODE(p, a, "non-default argument follows default argument");
                    return false;
                }
                if (!vec_push(p, &args, a)) return false;
            }
        }
        if (!accept(p, HL_TOK_COMMA)) {
            if (!at(p, end)) {
                invalid_syntax(p);
                return false;
            }
            break;
        }
    }
    out->args = as_list(args);
    out->defaults = as_list(defaults);
    out->kwonly = as_list(kwonly);
    out->kw_defaults = as_list(kw_defaults);
    return true;
}

static void add_params(parser *p, const hl_ast_params *ps) {
    for (size_t i = 0; i < ps->args.len; i++) add_param(p, ps->args.items[i]);
    if (ps->vararg) add_param(p, ps->vararg);
    for (size_t i = 0; i < ps->kwonly.len; i++) add_param(p, ps->kwonly.items[i]);
    if (ps->kwarg) add_param(p, ps->kwarg);
}

static hl_ast_node *parse_lambda(parser *p) {
    hl_token start = p->tok;
    advance(p);
    hl_ast_params params;
    if (!parse_params(p, &params, true)) return NULL;
    if (!expect_closing(p, HL_TOK_COLON)) return NULL;
    scope *outer = p->scope;
    int loops = p->loop_depth;
    if (!push_scope(p, SCOPE_LAMBDA)) return NULL;
    add_params(p, &params);
    hl_ast_node *body = NULL;
    if (enter(p)) body = parse_expression(p);
    leave(p);
    p->scope = outer;
    p->loop_depth = loops;
    if (!body) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_LAMBDA, &start);
    if (!n) return NULL;
    n->u.lambda.params = params;
    n->u.lambda.body = body;
    return finish(p, n);
}

/* ---- expressions ---- */

static bool is_legacy_name(const hl_ast_node *e) {
    return is_name(e) && (strcmp(e->u.name.id, "print") == 0 || strcmp(e->u.name.id, "exec") == 0);
}

static bool is_soft_keyword(const hl_token *t) {
    return t->kind == HL_TOK_NAME && ((t->len == 5 && memcmp(t->text, "match", 5) == 0) ||
                                      (t->len == 4 && memcmp(t->text, "case", 4) == 0) ||
                                      (t->len == 1 && t->text[0] == '_'));
}

/* After a disjunction `a` that started at token start, another expression: CPython's
 * invalid_expression ("Perhaps you forgot a comma?" inside brackets) and, after a name,
 * invalid_legacy_expression ("Missing parentheses in call to 'print'"), which reads what
 * follows as star_expressions with every error rule on. When neither raises, `a` stands and
 * the caller fails where CPython's first pass did. */
static hl_ast_node *juxtaposed(parser *p, hl_ast_node *a, const hl_token *start) {
    if (!a || p->no_invalid || !starts_expression(p->tok.kind)) return a;
    bool just_a_name = is_name(a) && p->prev.text == start->text; /* no trailers */
    bool legacy = is_legacy_name(a) && just_a_name;
    if (!legacy && (is_soft_keyword(start) || (just_a_name && at(p, HL_TOK_STRING)))) return a;
    hl_token far = p->far;
    const char *far_end = p->far_end;
    snapshot *s = snap_get(p);
    if (!s) return NULL;
    save(p, s);
    if (!legacy) {
        p->no_invalid = true;
        hl_ast_node *b = parse_expression(p);
        p->no_invalid = false;
        if (b && !p->failed && p->prev.level > 0) {
            fail_range(p, a, b, "invalid syntax. Perhaps you forgot a comma?");
            goto failed;
        }
        if (p->failed && !recoverable(p)) goto failed;
        restore(p, s);
    }
    if (just_a_name) {
        hl_ast_node *b = enter(p) ? parse_star_expressions(p) : NULL;
        leave(p);
        if (p->failed && !recoverable(p)) goto failed;
        if (b && !p->failed && legacy) {
            fail_range(p, a, b, "Missing parentheses in call to '%s'. Did you mean %s(...)?", a->u.name.id,
                       a->u.name.id);
            goto failed;
        }
        restore(p, s);
    }
    p->far = far, p->far_end = far_end;
    snap_put(p);
    return a;
failed:
    snap_put(p);
    return NULL;
}

/* body if test else orelse ..., after body: collected in a loop, folded from the right. */
static hl_ast_node *conditional(parser *p, hl_ast_node *body, const hl_token *start) {
    vec pairs = {0};
    hl_ast_node *orelse;
    hl_token body_start = *start;
    for (;;) {
        advance(p);
        /* CPython's invalid_expression reads "a if b" with b a disjunction as far as one
         * goes ("expected 'else' after 'if' expression"): lenient, which valid code never
         * notices. */
        hl_ast_node *test = parse_ops_mode(p, P_OR, !p->no_invalid);
        if (!test) return NULL;
        if (!at(p, HL_TOK_ELSE)) {
            if (at(p, HL_TOK_COLON) || p->no_invalid) invalid_syntax(p);
            else fail_range(p, body, test, "expected 'else' after 'if' expression");
            return NULL;
        }
        advance(p);
        /* the body's first token, parentheses included, is where the IfExp starts */
        hl_ast_node *where = node_from(p, HL_AST_PASS, &body_start);
        if (!where || !vec_push(p, &pairs, body) || !vec_push(p, &pairs, test) || !vec_push(p, &pairs, where))
            return NULL;
        if (at(p, HL_TOK_LAMBDA)) {
            if (!(orelse = parse_lambda(p))) return NULL;
            break;
        }
        hl_token next_start = p->tok;
        hl_ast_node *next = juxtaposed(p, parse_ops(p, P_OR), &next_start);
        if (!next) return NULL;
        if (!at(p, HL_TOK_IF)) {
            orelse = next;
            break;
        }
        body = next;
        body_start = next_start;
    }
    for (size_t i = pairs.len; i > 0; i -= 3) {
        hl_ast_node *b = pairs.items[i - 3], *t = pairs.items[i - 2], *where = pairs.items[i - 1];
        hl_ast_node *n = node_from(p, HL_AST_IFEXP, &p->last_real);
        if (!n) return NULL;
        n->line = where->line, n->col = where->col;
        n->u.ifexp.test = t;
        n->u.ifexp.body = b;
        n->u.ifexp.orelse = orelse;
        orelse = finish(p, n);
    }
    return orelse;
}

static hl_ast_node *parse_expression(parser *p) {
    if (at(p, HL_TOK_LAMBDA)) return parse_lambda(p);
    hl_token start = p->tok;
    hl_ast_node *body = juxtaposed(p, parse_ops(p, P_OR), &start);
    if (!body || !at(p, HL_TOK_IF)) return body;
    if (!p->no_invalid) return conditional(p, body, &start);
    /* Without error rules a failed "a if b else c" is just "a", as in a PEG. */
    snapshot *s = snap_get(p);
    if (!s) return NULL;
    save(p, s);
    hl_ast_node *e = conditional(p, body, &start);
    if (!e && recoverable(p)) {
        restore(p, s);
        e = body;
    }
    snap_put(p);
    return e;
}

/* A node is at bitwise_or level when CPython's bitwise_or rule could produce it. */
static bool bitwise_or_level(const hl_ast_node *e) {
    if (e->flags & HL_AST_GROUPED) return true;
    switch (e->kind) {
    case HL_AST_COMPARE: case HL_AST_BOOL: case HL_AST_IFEXP: case HL_AST_LAMBDA: case HL_AST_STARRED:
        return false;
    case HL_AST_UNARY: return e->u.unary.op != HL_OP_NOT;
    case HL_AST_TUPLE: return (e->flags & HL_AST_PAREN_SEQ) != 0;
    case HL_AST_UNSUPPORTED: return strcmp(e->u.unsupported.what, "await expression") == 0;
    default: return true;
    }
}

/* CPython's lookahead !(list|tuple|genexp|'True'|'None'|'False') before a bitwise_or. */
static bool starts_with_display(const hl_ast_node *e) {
    for (;;) {
        if (e->flags & HL_AST_GROUPED) return false;
        switch (e->kind) {
        case HL_AST_LIST: case HL_AST_GENEXP: return true;
        case HL_AST_TUPLE: return (e->flags & HL_AST_PAREN_SEQ) != 0;
        case HL_AST_CONSTANT: return e->u.constant != HL_CONST_ELLIPSIS;
        case HL_AST_BINARY: e = e->u.binary.left; break;
        case HL_AST_CALL: e = e->u.call.func; break;
        case HL_AST_ATTRIBUTE: e = e->u.attribute.value; break;
        case HL_AST_SUBSCRIPT: e = e->u.subscript.value; break;
        default: return false;
        }
    }
}

/* The bitwise_or an expression starts with, or NULL when it starts with no bitwise_or. */
static hl_ast_node *leading_bitwise_or(hl_ast_node *e) {
    for (;;) {
        if (bitwise_or_level(e)) return e;
        switch (e->kind) {
        case HL_AST_COMPARE: e = e->u.compare.left; break;
        case HL_AST_BOOL: e = e->u.boolop.values.items[0]; break;
        case HL_AST_IFEXP: e = e->u.ifexp.body; break;
        case HL_AST_TUPLE: e = e->u.seq.items.items[0]; break;
        default: return NULL;
        }
    }
}

/* CPython's invalid_named_expression: "x = 1" where a value belongs ("if x = 1:"). e is
 * followed by '='. */
static void assignment_instead_of_comparison(parser *p, hl_ast_node *e) {
    bool name = is_name(e);
    if (!name && !(bitwise_or_level(e) && !starts_with_display(e))) return;
    hl_token far = p->far;
    advance(p);
    hl_ast_node *b = parse_ops_mode(p, P_BOR, true);
    if (p->failed && !recoverable(p)) return;
    if (!b || at(p, HL_TOK_EQUAL) || at(p, HL_TOK_COLONEQUAL)) {
        p->failed = false;
        invalid_syntax_at(p, &far);
        return;
    }
    if (name) fail_range(p, e, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    else FAIL_NODE(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?", hl_ast_describe(e));
}

/* What may follow an expression where a named_expression is allowed. */
static hl_ast_node *named_tail(parser *p, hl_ast_node *e) {
    if (!e) return NULL;
    if (at(p, HL_TOK_COLONEQUAL)) {
        if (!is_name(e)) {
            FAIL_NODE(p, e, "cannot use assignment expressions with %s", hl_ast_describe(e));
            return NULL;
        }
        advance(p);
        hl_ast_node *value = parse_expression(p);
        if (!value) return NULL;
        hl_ast_node *n = node_span(p, HL_AST_UNSUPPORTED, e, value);
        if (!n) return NULL;
        real_pos(p, p->last_real.end_line, p->last_real.end_col, &n->end_line, &n->end_col);
        set_ctx(e, HL_CTX_STORE);
        n->u.unsupported.what = "named expression";
        n->u.unsupported.value = value;
        unsupported(p, n, "assignment expressions (':=') are");
        return finish(p, n);
    }
    if (at(p, HL_TOK_EQUAL) && !p->no_invalid) {
        assignment_instead_of_comparison(p, e);
        if (p->failed) return NULL;
    }
    return e;
}

static hl_ast_node *parse_named_expression(parser *p) { return named_tail(p, parse_expression(p)); }

static hl_ast_node *starred(parser *p) {
    hl_token star = p->tok;
    advance(p);
    hl_ast_node *value = parse_ops(p, P_BOR);
    if (!value) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_STARRED, &star);
    if (!n) return NULL;
    n->u.starred.value = value;
    return finish(p, n);
}

static hl_ast_node *parse_star_named_expression(parser *p) {
    return at(p, HL_TOK_STAR) ? starred(p) : parse_named_expression(p);
}

static hl_ast_node *parse_star_expressions(parser *p) {
    hl_token start = p->tok;
    hl_ast_node *first = at(p, HL_TOK_STAR) ? starred(p) : parse_expression(p);
    if (!first || !at(p, HL_TOK_COMMA)) return first;
    vec items = {0};
    if (!vec_push(p, &items, first)) return NULL;
    while (accept(p, HL_TOK_COMMA)) {
        if (!starts_expression(p->tok.kind) && !at(p, HL_TOK_STAR)) break;
        hl_ast_node *item = at(p, HL_TOK_STAR) ? starred(p) : parse_expression(p);
        if (!item || !vec_push(p, &items, item)) return NULL;
    }
    return seq_node(p, HL_AST_TUPLE, &start, items);
}

static hl_ast_node *parse_yield(parser *p) {
    hl_token start = p->tok;
    advance(p);
    hl_ast_node *value = NULL;
    if (accept(p, HL_TOK_FROM)) {
        if (!(value = parse_expression(p))) return NULL;
    } else if (starts_expression(p->tok.kind) || at(p, HL_TOK_STAR)) {
        if (!(value = parse_star_expressions(p))) return NULL;
        check_bare_starred(p, value);
    }
    hl_ast_node *n = node_from(p, HL_AST_UNSUPPORTED, &start);
    if (!n) return NULL;
    n->u.unsupported.what = "yield expression";
    n->u.unsupported.value = value;
    if (!in_function(p)) defer(p, STAGE_COMPILER, n, "'yield' outside function");
    else unsupported(p, n, "'yield' expressions are");
    return finish(p, n);
}

/* ---- statements ---- */

static bool parse_statement(parser *p, vec *body);


/* Snapshots for nested attempts come from a stack, reused: one per nesting level. */
static snapshot *snap_get(parser *p) {
    if (p->snap_depth == p->n_snaps) {
        size_t old = p->n_snaps;
        void *room = make_room(p, p->snaps, &p->n_snaps, old, sizeof *p->snaps);
        if (!room) return NULL;
        p->snaps = room;
        memset(p->snaps + old, 0, (p->n_snaps - old) * sizeof *p->snaps);
    }
    snapshot **slot = &p->snaps[p->snap_depth];
    if (!*slot && !(*slot = hl_arena_alloc(p->arena, sizeof **slot))) {
        fail_memory(p);
        return NULL;
    }
    p->snap_depth++;
    return *slot;
}

static void snap_put(parser *p) { p->snap_depth--; }

static void save(parser *p, snapshot *s) {
    s->lex = p->lex;
    s->tok = p->tok, s->ahead = p->ahead, s->prev = p->prev, s->has_ahead = p->has_ahead;
    s->last_real = p->last_real;
    s->furthest_line = p->furthest_line;
    s->n_ops = p->n_ops, s->n_vals = p->n_vals, s->n_awaits = p->n_awaits;
    memcpy(s->deferred, p->deferred, sizeof s->deferred);
    memcpy(s->deferred_order, p->deferred_order, sizeof s->deferred_order);
}

static void restore(parser *p, const snapshot *s) {
    p->lex = s->lex;
    *p->lex.warnings_tail = NULL; /* drop warnings read ahead; they come again */
    p->tok = s->tok, p->ahead = s->ahead, p->prev = s->prev, p->has_ahead = s->has_ahead;
    p->last_real = s->last_real;
    p->n_ops = s->n_ops, p->n_vals = s->n_vals, p->n_awaits = s->n_awaits;
    memcpy(p->deferred, s->deferred, sizeof p->deferred);
    memcpy(p->deferred_order, s->deferred_order, sizeof p->deferred_order);
    p->failed = p->lexer_failed = p->hard_failed = p->specific = p->check_rest = false;
}

static hl_ast_node *last_of(const vec *v) { return v->len ? v->items[v->len - 1] : NULL; }

/* An expected ':' after a compound statement's header: "expected ':'" when the line ends
 * there (CPython's invalid_*_stmt rules), plain invalid syntax otherwise. */
static bool header_colon(parser *p) {
    if (accept(p, HL_TOK_COLON)) return true;
    if (at(p, HL_TOK_NEWLINE)) FAIL_LAST(p, "expected ':'");
    else invalid_syntax(p);
    return false;
}

/* CPython's forced token &&':' (else, try, finally, def): "expected ':'" whatever follows. */
static bool forced_colon(parser *p) {
    if (accept(p, HL_TOK_COLON)) return true;
    fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "expected ':'");
    p->hard_failed = true;
    return false;
}

static bool parse_simple_stmts(parser *p, vec *body);

/* block: NEWLINE INDENT statements DEDENT | simple_stmts */
static bool parse_block(parser *p, const hl_token *kw, const char *what, vec *body) {
    if (!accept(p, HL_TOK_NEWLINE)) return parse_simple_stmts(p, body);
    if (!at(p, HL_TOK_INDENT)) {
        fail_token(p, &p->tok, HL_LANG_INDENTATION_ERROR, "expected an indented block after %s on line %d",
                   what, kw->line);
        return false;
    }
    advance(p);
    while (!at(p, HL_TOK_DEDENT) && !at(p, HL_TOK_ENDMARKER))
        if (!parse_statement(p, body)) return false;
    accept(p, HL_TOK_DEDENT);
    return !p->failed;
}

static bool else_block(parser *p, vec *orelse) {
    if (!at(p, HL_TOK_ELSE)) return true;
    hl_token kw = p->tok;
    advance(p);
    return forced_colon(p) && parse_block(p, &kw, "'else' statement", orelse);
}

static hl_ast_node *parse_if(parser *p) {
    hl_token kw = p->tok;
    advance(p);
    hl_ast_node *test = parse_named_expression(p);
    if (!test || !header_colon(p)) return NULL;
    record_names(p, test);
    vec body = {0}, orelse = {0};
    if (!parse_block(p, &kw, kw.kind == HL_TOK_IF ? "'if' statement" : "'elif' statement", &body)) return NULL;
    if (at(p, HL_TOK_ELIF)) {
        hl_ast_node *elif = parse_if(p);
        if (!elif || !vec_push(p, &orelse, elif)) return NULL;
    } else if (!else_block(p, &orelse)) {
        return NULL;
    }
    hl_ast_node *n = node_from(p, HL_AST_IF, &kw);
    if (!n) return NULL;
    n->u.if_.test = test;
    n->u.if_.body = as_list(body);
    n->u.if_.orelse = as_list(orelse);
    return finish(p, n);
}

/* A loop's body: one block deeper. */
static bool loop_body(parser *p, const hl_token *kw, const char *what, vec *body) {
    p->loop_depth++;
    p->blocks++;
    bool ok = parse_block(p, kw, what, body);
    p->blocks--;
    p->loop_depth--;
    return ok;
}

/* CPython's compiler allows 20 nested blocks in a function. */
static hl_ast_node *check_blocks(parser *p, hl_ast_node *loop) {
    if (loop && p->blocks >= 20) defer(p, STAGE_COMPILER, loop, "too many statically nested blocks");
    return loop;
}

static hl_ast_node *parse_while(parser *p) {
    hl_token kw = p->tok;
    advance(p);
    hl_ast_node *test = parse_named_expression(p);
    if (!test || !header_colon(p)) return NULL;
    record_names(p, test);
    vec body = {0}, orelse = {0};
    if (!loop_body(p, &kw, "'while' statement", &body) || !else_block(p, &orelse)) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_WHILE, &kw);
    if (!n) return NULL;
    n->u.if_.test = test;
    n->u.if_.body = as_list(body);
    n->u.if_.orelse = as_list(orelse);
    return check_blocks(p, finish(p, n));
}

static hl_ast_node *parse_for(parser *p, const hl_token *kw) {
    advance(p);
    hl_ast_node *target = parse_for_head(p);
    if (!target) return NULL;
    hl_ast_node *iter = parse_star_expressions(p);
    if (!iter || !header_colon(p)) return NULL;
    check_bare_starred(p, iter);
    record_names(p, target);
    record_names(p, iter);
    vec body = {0}, orelse = {0};
    if (!loop_body(p, kw, "'for' statement", &body) || !else_block(p, &orelse)) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_FOR, kw);
    if (!n) return NULL;
    n->u.for_.target = target;
    n->u.for_.iter = iter;
    n->u.for_.body = as_list(body);
    n->u.for_.orelse = as_list(orelse);
    return check_blocks(p, finish(p, n));
}

/* The body of a def or class: a scope of its own, outside any loop. */
static bool scope_body(parser *p, enum scope_kind kind, const hl_token *kw, const char *what,
                       const hl_ast_params *params, vec *body) {
    scope *outer = p->scope;
    int loops = p->loop_depth, blocks = p->blocks;
    if (!push_scope(p, kind)) return false;
    if (params) add_params(p, params);
    p->loop_depth = p->blocks = 0;
    bool ok = parse_block(p, kw, what, body);
    p->scope = outer;
    p->loop_depth = loops;
    p->blocks = blocks;
    return ok;
}

static void record_params(parser *p, const hl_ast_params *ps) {
    for (size_t i = 0; i < ps->defaults.len; i++) record_names(p, ps->defaults.items[i]);
    for (size_t i = 0; i < ps->kw_defaults.len; i++) record_names(p, ps->kw_defaults.items[i]);
}

static hl_ast_node *parse_def(parser *p, const hl_token *kw, bool async) {
    advance(p);
    if (!at(p, HL_TOK_NAME)) {
        invalid_syntax(p);
        return NULL;
    }
    hl_token name = p->tok;
    advance(p);
    if (!at(p, HL_TOK_LPAR)) {
        fail_token(p, &p->tok, HL_LANG_SYNTAX_ERROR, "expected '('");
        p->hard_failed = true;
        return NULL;
    }
    advance(p);
    hl_ast_params params;
    if (!parse_params(p, &params, false) || !expect_closing(p, HL_TOK_RPAR)) return NULL;
    if (accept(p, HL_TOK_ARROW)) {
        hl_ast_node *returns = parse_expression(p);
        if (!returns) return NULL;
        unsupported(p, returns, "annotations are");
    }
    if (!forced_colon(p)) return NULL;
    char *id = token_text(p, &name);
    if (!id) return NULL;
    mark(p, id, DEF_LOCAL);
    record_params(p, &params);
    vec body = {0};
    if (!scope_body(p, async ? SCOPE_ASYNC_FUNCTION : SCOPE_FUNCTION, kw, "function definition", &params, &body))
        return NULL;
    hl_ast_node *n = node_from(p, HL_AST_FUNCTIONDEF, kw);
    if (!n) return NULL;
    n->u.def.name = id;
    n->u.def.params = params;
    n->u.def.body = as_list(body);
    if (async) unsupported(p, n, "'async def' functions are");
    for (size_t i = 0; i < name.len; i++)
        if ((unsigned char)name.text[i] >= 0x80) {
            unsupported(p, n, "non-ASCII identifiers are");
            break;
        }
    return finish(p, n);
}

static hl_ast_node *parse_class(parser *p) {
    hl_token kw = p->tok;
    advance(p);
    if (!at(p, HL_TOK_NAME)) {
        invalid_syntax(p);
        return NULL;
    }
    hl_token name = p->tok;
    advance(p);
    if (at(p, HL_TOK_LPAR)) {
        hl_ast_node *func = name_node(p, &name);
        hl_ast_node *bases = func ? parse_call(p, func, &name) : NULL;
        if (!bases) return NULL;
        record_names(p, bases);
    }
    if (!header_colon(p)) return NULL;
    char *id = token_text(p, &name);
    if (!id) return NULL;
    mark(p, id, DEF_LOCAL);
    vec body = {0};
    if (!scope_body(p, SCOPE_CLASS, &kw, "class definition", NULL, &body)) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_PASS, &kw);
    if (n) unsupported(p, n, "'class' statements are");
    return finish(p, n);
}

static hl_ast_node *parse_try(parser *p) {
    hl_token kw = p->tok;
    advance(p);
    vec body = {0};
    if (!forced_colon(p) || !parse_block(p, &kw, "'try' statement", &body)) return NULL;
    int handlers = 0;
    while (at(p, HL_TOK_EXCEPT)) {
        hl_token ekw = p->tok;
        advance(p);
        bool star = accept(p, HL_TOK_STAR);
        if (star && (at(p, HL_TOK_COLON) || at(p, HL_TOK_NEWLINE))) {
            FAIL_LAST(p, "expected one or more exception types");
            return NULL;
        }
        if (!at(p, HL_TOK_COLON) && !at(p, HL_TOK_NEWLINE)) {
            hl_ast_node *type = parse_expression(p);
            if (!type) return NULL;
            if (at(p, HL_TOK_COMMA)) { /* except A, B [as e]: */
                hl_token far = p->far;
                advance(p);
                hl_ast_node *more = parse_star_expressions(p);
                if (more && accept(p, HL_TOK_AS)) more = accept(p, HL_TOK_NAME) ? more : NULL;
                if (more && at(p, HL_TOK_COLON)) {
                    int line, col;
                    node_err_pos(p, type->line, type->col, &line, &col);
                    fail_at(p, HL_LANG_SYNTAX_ERROR, line, col + 1, p->lex.line,
                            (int)(p->lex.cur - p->lex.line_start), "multiple exception types must be parenthesized");
                } else if (!p->failed || recoverable(p)) {
                    p->failed = false;
                    invalid_syntax_at(p, &far);
                }
                return NULL;
            }
            record_names(p, type);
            if (accept(p, HL_TOK_AS)) {
                if (!at(p, HL_TOK_NAME)) {
                    invalid_syntax(p);
                    return NULL;
                }
                advance(p);
                char *id = token_text(p, &p->prev);
                if (!id) return NULL;
                mark(p, id, DEF_LOCAL);
            }
        }
        if (!header_colon(p)) return NULL;
        vec handler = {0};
        if (!parse_block(p, &ekw, star ? "'except*' statement" : "'except' statement", &handler)) return NULL;
        if (!vec_push(p, &body, last_of(&handler))) return NULL;
        handlers++;
    }
    if (!handlers && !at(p, HL_TOK_FINALLY)) {
        FAIL_LAST(p, "expected 'except' or 'finally' block");
        return NULL;
    }
    if (handlers && !else_block(p, &body)) return NULL;
    if (at(p, HL_TOK_FINALLY)) {
        hl_token fkw = p->tok;
        advance(p);
        if (!forced_colon(p) || !parse_block(p, &fkw, "'finally' statement", &body)) return NULL;
    }
    hl_ast_node *n = node_from(p, HL_AST_PASS, &kw);
    if (n) unsupported(p, n, "'try' statements are");
    return finish(p, n);
}

/* with_item: expression ['as' star_target] */
static bool with_items(parser *p, hl_tok end) {
    do {
        if (at(p, end)) break;
        hl_ast_node *e = parse_expression(p);
        if (!e) return false;
        record_names(p, e);
        if (accept(p, HL_TOK_AS)) {
            hl_ast_node *target = at(p, HL_TOK_STAR) ? starred(p) : parse_ops(p, P_BOR);
            if (!target || !make_target(p, target, STAR_TARGETS)) return false;
            record_names(p, target);
        }
    } while (accept(p, HL_TOK_COMMA));
    return true;
}

static hl_ast_node *parse_with(parser *p, const hl_token *kw, bool async) {
    advance(p);
    bool done = false;
    if (at(p, HL_TOK_LPAR)) { /* with (a as b, c as d): or an expression in parentheses */
        snapshot s;
        save(p, &s);
        advance(p);
        if (with_items(p, HL_TOK_RPAR) && accept(p, HL_TOK_RPAR) && at(p, HL_TOK_COLON)) done = true;
        else restore(p, &s);
    }
    if (!done && !with_items(p, HL_TOK_COLON)) return NULL;
    if (!header_colon(p)) return NULL;
    vec body = {0};
    if (!parse_block(p, kw, "'with' statement", &body)) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_PASS, kw);
    if (n) {
        if (async && p->scope->kind != SCOPE_ASYNC_FUNCTION)
            defer(p, STAGE_COMPILER, n, "'async with' outside async function");
        unsupported(p, n, "'with' statements are");
    }
    return finish(p, n);
}

/* "match" is a keyword only before a subject, ':' and an indented block of cases; heaplab
 * skips the block and reports the statement as unsupported. */
static bool try_match(parser *p, vec *body) {
    snapshot s;
    save(p, &s);
    hl_token kw = p->tok;
    advance(p);
    hl_ast_node *subject = parse_star_named_expression(p);
    if (subject && at(p, HL_TOK_COMMA)) {
        while (accept(p, HL_TOK_COMMA) && !at(p, HL_TOK_COLON))
            if (!parse_star_named_expression(p)) break;
    }
    if (p->failed || !at(p, HL_TOK_COLON) || peek(p)->kind != HL_TOK_NEWLINE) {
        restore(p, &s);
        return false;
    }
    advance(p);
    advance(p);
    if (!at(p, HL_TOK_INDENT)) {
        fail_token(p, &p->tok, HL_LANG_INDENTATION_ERROR,
                   "expected an indented block after 'match' statement on line %d", kw.line);
        return true;
    }
    for (int depth = 0;;) {
        advance(p);
        if (at(p, HL_TOK_INDENT)) depth++;
        else if (at(p, HL_TOK_ENDMARKER)) break;
        else if (at(p, HL_TOK_DEDENT) && depth-- == 0) {
            advance(p);
            break;
        }
    }
    hl_ast_node *n = node_from(p, HL_AST_PASS, &kw);
    if (n) unsupported(p, n, "'match' statements are");
    if (!p->failed) vec_push(p, body, n);
    return true;
}

static hl_ast_node *parse_decorated(parser *p) {
    hl_token first = p->tok;
    while (accept(p, HL_TOK_AT)) {
        hl_ast_node *d = parse_named_expression(p);
        if (!d) return NULL;
        record_names(p, d);
        if (!accept(p, HL_TOK_NEWLINE)) {
            invalid_syntax(p);
            return NULL;
        }
    }
    hl_token kw = p->tok;
    hl_ast_node *n;
    if (at(p, HL_TOK_DEF)) n = parse_def(p, &kw, false);
    else if (at(p, HL_TOK_CLASS)) n = parse_class(p);
    else if (at(p, HL_TOK_ASYNC) && peek(p)->kind == HL_TOK_DEF) {
        advance(p);
        n = parse_def(p, &kw, true);
    } else {
        invalid_syntax(p);
        return NULL;
    }
    if (!n) return NULL;
    hl_ast_node *where = node_from(p, HL_AST_PASS, &first);
    if (where) unsupported(p, where, "decorators are");
    return n;
}

/* An assignment chain (x = r = ... = value) has a target CPython cannot assign to: its
 * message, chosen as the invalid_assignment and invalid_named_expression rules do. lead is
 * the bitwise_or r starts with, NULL if none; lead_then_eq when '=' follows it. */
static void invalid_assignment(parser *p, const vec *targets, hl_ast_node *lead, bool lead_then_eq) {
    hl_ast_node *x = targets->items[0];
    hl_ast_node *e = x;
    if (x->kind == HL_AST_TUPLE && !(x->flags & HL_AST_PAREN_SEQ))
        e = x->u.seq.items.items[x->u.seq.items.len - 1];
    if (e->kind != HL_AST_STARRED && lead && !lead_then_eq) {
        if (is_name(e)) {
            fail_range(p, e, lead, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            return;
        }
        if (bitwise_or_level(e) && !starts_with_display(e)) {
            FAIL_NODE(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?", hl_ast_describe(e));
            return;
        }
    }
    for (size_t i = 0; i < targets->len; i++) {
        hl_ast_node *bad = invalid_target(targets->items[i], STAR_TARGETS);
        if (!bad) continue;
        if (is_yield(bad))
            FAIL_NODE(p, bad, "assignment to yield expression not possible");
        else
            FAIL_NODE(p, bad, "cannot assign to %s", hl_ast_describe(bad));
        return;
    }
}

/* x = ... after x: the Assign, or the error CPython gives for it. Like CPython, it reads no
 * further than the first invalid target, or the bitwise_or after it when the message
 * depends on that. */
static hl_ast_node *parse_assignment(parser *p, const hl_token *start, hl_ast_node *x) {
    vec targets = {0};
    if (!vec_push(p, &targets, x)) return NULL;
    if (invalid_target(x, STAR_TARGETS)) {
        hl_ast_node *e = x->kind == HL_AST_TUPLE && !(x->flags & HL_AST_PAREN_SEQ)
                             ? x->u.seq.items.items[x->u.seq.items.len - 1] : x;
        hl_ast_node *lead = NULL;
        bool then_eq = false;
        if (e->kind != HL_AST_STARRED && (is_name(e) || (bitwise_or_level(e) && !starts_with_display(e)))) {
            advance(p);
            lead = parse_ops_mode(p, P_BOR, true);
            if (p->failed && !recoverable(p)) return NULL;
            p->failed = false;
            then_eq = at(p, HL_TOK_EQUAL) || at(p, HL_TOK_COLONEQUAL);
        }
        invalid_assignment(p, &targets, lead, then_eq);
        return NULL;
    }
    hl_ast_node *value;
    for (;;) {
        advance(p);
        value = at(p, HL_TOK_YIELD) ? parse_yield(p) : parse_star_expressions(p);
        if (!value) return NULL;
        if (!at(p, HL_TOK_EQUAL)) break;
        if (!vec_push(p, &targets, value)) return NULL;
        if (invalid_target(value, STAR_TARGETS)) {
            hl_ast_node *r = targets.items[1];
            hl_ast_node *lead = r->kind == HL_AST_UNSUPPORTED ? NULL : leading_bitwise_or(r);
            invalid_assignment(p, &targets, lead, lead == r);
            return NULL;
        }
    }
    check_bare_starred(p, value); /* CPython compiles the value first */
    for (size_t i = 0; i < targets.len; i++)
        if (!make_target(p, targets.items[i], STAR_TARGETS)) return NULL;
    hl_ast_node *n = node_from(p, HL_AST_ASSIGN, start);
    if (!n) return NULL;
    n->u.assign.targets = as_list(targets);
    n->u.assign.value = value;
    return finish(p, n);
}

static bool augassign_op(hl_tok k, hl_ast_op *op) {
    if (k < HL_TOK_PLUSEQUAL || k > HL_TOK_CIRCUMFLEXEQUAL) return false;
    static const hl_ast_op ops[] = {HL_OP_ADD, HL_OP_SUB, HL_OP_MUL, HL_OP_DIV, HL_OP_FLOORDIV,
                                    HL_OP_MOD, HL_OP_POW, HL_OP_MATMUL, HL_OP_LSHIFT, HL_OP_RSHIFT,
                                    HL_OP_BITAND, HL_OP_BITOR, HL_OP_BITXOR};
    *op = ops[k - HL_TOK_PLUSEQUAL];
    return true;
}

static hl_ast_node *rhs(parser *p) {
    hl_ast_node *v = at(p, HL_TOK_YIELD) ? parse_yield(p) : parse_star_expressions(p);
    check_bare_starred(p, v);
    return v;
}

/* Expression statements, assignments, augmented assignments, annotations. */
static hl_ast_node *parse_expr_stmt(parser *p) {
    hl_token start = p->tok;
    hl_ast_node *x = at(p, HL_TOK_YIELD) ? parse_yield(p) : parse_star_expressions(p);
    if (!x) return NULL;
    hl_ast_op op;
    if (at(p, HL_TOK_EQUAL)) return parse_assignment(p, &start, x);
    if (augassign_op(p->tok.kind, &op)) {
        advance(p);
        hl_ast_node *value = rhs(p);
        if (!value) return NULL;
        if (x->kind != HL_AST_NAME && x->kind != HL_AST_ATTRIBUTE && x->kind != HL_AST_SUBSCRIPT) {
            FAIL_NODE(p, x, "'%s' is an illegal expression for augmented assignment", hl_ast_describe(x));
            return NULL;
        }
        set_ctx(x, HL_CTX_STORE);
        hl_ast_node *n = node_from(p, HL_AST_AUGASSIGN, &start);
        if (!n) return NULL;
        n->u.augassign.target = x;
        n->u.augassign.op = op;
        n->u.augassign.value = value;
        if (op == HL_OP_MATMUL) unsupported(p, n, "the '@' operator is");
        return finish(p, n);
    }
    if (at(p, HL_TOK_COLON)) { /* x: annotation [= value] */
        advance(p);
        hl_ast_node *annotation = parse_expression(p);
        if (!annotation) return NULL;
        if (x->kind == HL_AST_TUPLE && !(x->flags & HL_AST_PAREN_SEQ)) {
            FAIL_NODE(p, x->u.seq.items.items[0], "only single target (not tuple) can be annotated");
            return NULL;
        }
        if (x->kind == HL_AST_LIST || x->kind == HL_AST_TUPLE) {
            FAIL_NODE(p, x, "only single target (not %s) can be annotated", hl_ast_describe(x));
            return NULL;
        }
        if (x->kind != HL_AST_NAME && x->kind != HL_AST_ATTRIBUTE && x->kind != HL_AST_SUBSCRIPT) {
            FAIL_NODE(p, x, "illegal target for annotation");
            return NULL;
        }
        hl_ast_node *value = NULL;
        if (accept(p, HL_TOK_EQUAL) && !(value = rhs(p))) return NULL;
        set_ctx(x, HL_CTX_STORE);
        record_names(p, annotation);
        record_names(p, value);
        record_names(p, x);
        hl_ast_node *n = node_from(p, HL_AST_PASS, &start);
        if (n) unsupported(p, n, "variable annotations are");
        return finish(p, n);
    }
    check_bare_starred(p, x);
    hl_ast_node *n = node_from(p, HL_AST_EXPR, &start);
    if (!n) return NULL;
    n->u.expr.value = x;
    return finish(p, n);
}

/* dotted_name, as one string "a.b.c" */
static char *dotted_name(parser *p) {
    if (!at(p, HL_TOK_NAME)) {
        invalid_syntax(p);
        return NULL;
    }
    char *name = token_text(p, &p->tok);
    advance(p);
    while (name && at(p, HL_TOK_DOT)) {
        advance(p);
        if (!at(p, HL_TOK_NAME)) {
            invalid_syntax(p);
            return NULL;
        }
        name = hl_lex_format(p->arena, "%s.%.*s", name, (int)p->tok.len, p->tok.text);
        if (!name) fail_memory(p);
        advance(p);
    }
    return name;
}

static hl_ast_node *alias(parser *p, bool dotted) {
    hl_token start = p->tok;
    char *name;
    if (dotted) {
        name = dotted_name(p);
    } else if (at(p, HL_TOK_NAME)) {
        name = token_text(p, &p->tok);
        advance(p);
    } else {
        invalid_syntax(p);
        return NULL;
    }
    if (!name) return NULL;
    char *asname = NULL;
    if (accept(p, HL_TOK_AS)) {
        if (!at(p, HL_TOK_NAME)) {
            invalid_syntax(p);
            return NULL;
        }
        if (!(asname = token_text(p, &p->tok))) return NULL;
        advance(p);
    }
    hl_ast_node *n = node_from(p, HL_AST_ALIAS, &start);
    if (!n) return NULL;
    n->u.alias.name = name;
    n->u.alias.asname = asname;
    if (asname) {
        mark(p, asname, DEF_IMPORT);
    } else {
        char *top = hl_arena_strndup(p->arena, name, strcspn(name, "."));
        if (!top) fail_memory(p);
        else mark(p, top, DEF_IMPORT);
    }
    return finish(p, n);
}

static hl_ast_node *parse_import(parser *p) {
    hl_token kw = p->tok;
    advance(p);
    vec names = {0};
    do {
        hl_ast_node *a = alias(p, true);
        if (!a || !vec_push(p, &names, a)) return NULL;
    } while (accept(p, HL_TOK_COMMA));
    hl_ast_node *n = node_from(p, HL_AST_IMPORT, &kw);
    if (!n) return NULL;
    n->u.import.names = as_list(names);
    return finish(p, n);
}

static hl_ast_node *parse_from(parser *p) {
    hl_token kw = p->tok;
    advance(p);
    int level = 0;
    for (;; advance(p)) {
        if (at(p, HL_TOK_DOT)) level++;
        else if (at(p, HL_TOK_ELLIPSIS)) level += 3;
        else break;
    }
    char *module = NULL;
    if (at(p, HL_TOK_NAME) || level == 0) {
        if (!(module = dotted_name(p))) return NULL;
    }
    if (!accept(p, HL_TOK_IMPORT)) {
        invalid_syntax(p);
        return NULL;
    }
    vec names = {0};
    if (at(p, HL_TOK_STAR)) {
        hl_token star = p->tok;
        advance(p);
        hl_ast_node *a = node_from(p, HL_AST_ALIAS, &star);
        if (!a || !vec_push(p, &names, a)) return NULL;
        a->u.alias.name = "*";
        finish(p, a);
    } else {
        bool parens = accept(p, HL_TOK_LPAR);
        do {
            if (parens && at(p, HL_TOK_RPAR) && names.len) break;
            if (!parens && at(p, HL_TOK_NEWLINE) && names.len) {
                FAIL_LAST(p, "trailing comma not allowed without surrounding parentheses");
                return NULL;
            }
            hl_ast_node *a = alias(p, false);
            if (!a || !vec_push(p, &names, a)) return NULL;
        } while (accept(p, HL_TOK_COMMA));
        if (parens && !expect_closing(p, HL_TOK_RPAR)) return NULL;
    }
    hl_ast_node *n = node_from(p, HL_AST_IMPORTFROM, &kw);
    if (!n) return NULL;
    n->u.import_from.module = module;
    n->u.import_from.names = as_list(names);
    n->u.import_from.level = level;
    if (names.items[0]->u.alias.name[0] == '*' && p->scope->kind != SCOPE_MODULE)
        defer(p, STAGE_SYMTABLE, names.items[0], "import * only allowed at module level");
    return finish(p, n);
}

static hl_ast_node *parse_names_stmt(parser *p, bool global) {
    hl_token kw = p->tok;
    advance(p);
    size_t len = 0, cap = 0;
    const char **names = NULL;
    do {
        if (!at(p, HL_TOK_NAME)) {
            invalid_syntax(p);
            return NULL;
        }
        void *room = make_room(p, names, &cap, len, sizeof *names);
        if (!room) return NULL;
        names = room;
        if (!(names[len++] = token_text(p, &p->tok))) return NULL;
        advance(p);
    } while (accept(p, HL_TOK_COMMA));
    hl_ast_node *n = node_from(p, global ? HL_AST_GLOBAL : HL_AST_NONLOCAL, &kw);
    if (!n) return NULL;
    n->u.names.names = names;
    n->u.names.len = len;
    for (size_t i = 0; i < len; i++) declare(p, n, names[i], global);
    return finish(p, n);
}

static hl_ast_node *parse_simple_stmt(parser *p) {
    hl_token kw = p->tok;
    hl_ast_node *n = NULL;
    switch (p->tok.kind) {
    case HL_TOK_PASS:
    case HL_TOK_BREAK:
    case HL_TOK_CONTINUE:
        advance(p);
        n = node_from(p, kw.kind == HL_TOK_PASS ? HL_AST_PASS : kw.kind == HL_TOK_BREAK ? HL_AST_BREAK : HL_AST_CONTINUE, &kw);
        if (n && kw.kind != HL_TOK_PASS && !p->loop_depth)
            defer(p, STAGE_COMPILER, n, kw.kind == HL_TOK_BREAK ? "'break' outside loop" : "'continue' not properly in loop");
        return finish(p, n);
    case HL_TOK_RETURN: {
        advance(p);
        hl_ast_node *value = NULL;
        if (starts_expression(p->tok.kind) || at(p, HL_TOK_STAR)) {
            if (!(value = parse_star_expressions(p))) return NULL;
            check_bare_starred(p, value);
        }
        n = node_from(p, HL_AST_RETURN, &kw);
        if (!n) return NULL;
        n->u.ret.value = value;
        if (!in_function(p)) defer(p, STAGE_COMPILER, n, "'return' outside function");
        break;
    }
    case HL_TOK_RAISE: {
        advance(p);
        hl_ast_node *exc = NULL, *cause = NULL;
        if (starts_expression(p->tok.kind)) {
            if (!(exc = parse_expression(p))) return NULL;
            if (accept(p, HL_TOK_FROM) && !(cause = parse_expression(p))) return NULL;
        }
        n = node_from(p, HL_AST_RAISE, &kw);
        if (!n) return NULL;
        n->u.raise.exc = exc;
        n->u.raise.cause = cause;
        break;
    }
    case HL_TOK_GLOBAL: return parse_names_stmt(p, true);
    case HL_TOK_NONLOCAL: return parse_names_stmt(p, false);
    case HL_TOK_IMPORT: return parse_import(p);
    case HL_TOK_FROM: return parse_from(p);
    case HL_TOK_DEL: {
        advance(p);
        hl_ast_node *e = parse_star_expressions(p);
        if (!e) return NULL;
        if (!make_target(p, e, DEL_TARGETS)) return NULL;
        if (!at(p, HL_TOK_SEMI) && !at(p, HL_TOK_NEWLINE)) {
            invalid_syntax(p);
            return NULL;
        }
        n = node_from(p, HL_AST_DELETE, &kw);
        if (!n) return NULL;
        if (e->kind == HL_AST_TUPLE && !(e->flags & HL_AST_PAREN_SEQ)) {
            n->u.del.targets = e->u.seq.items;
        } else {
            hl_ast_node **one = hl_arena_alloc(p->arena, sizeof *one);
            if (!one) {
                fail_memory(p);
                return NULL;
            }
            one[0] = e;
            n->u.del.targets = (hl_ast_list){one, 1};
        }
        break;
    }
    case HL_TOK_ASSERT: {
        advance(p);
        hl_ast_node *test = parse_expression(p), *msg = NULL;
        if (!test) return NULL;
        if (accept(p, HL_TOK_COMMA) && !(msg = parse_expression(p))) return NULL;
        n = node_from(p, HL_AST_ASSERT, &kw);
        if (!n) return NULL;
        n->u.assert_.test = test;
        n->u.assert_.msg = msg;
        break;
    }
    default:
        n = parse_expr_stmt(p);
        break;
    }
    if (!n) return NULL;
    record_names(p, n);
    return finish(p, n);
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static bool parse_simple_stmts(parser *p, vec *body) {
    for (;;) {
        hl_ast_node *s = parse_simple_stmt(p);
        if (!s || !vec_push(p, body, s)) return false;
        if (!accept(p, HL_TOK_SEMI) || at(p, HL_TOK_NEWLINE)) break;
    }
    if (!accept(p, HL_TOK_NEWLINE)) {
        invalid_syntax(p);
        return false;
    }
    return true;
}

static bool parse_statement(parser *p, vec *body) {
    hl_token kw = p->tok;
    hl_ast_node *n;
    switch (p->tok.kind) {
    case HL_TOK_IF: n = parse_if(p); break;
    case HL_TOK_WHILE: n = parse_while(p); break;
    case HL_TOK_FOR: n = parse_for(p, &kw); break;
    case HL_TOK_DEF: n = parse_def(p, &kw, false); break;
    case HL_TOK_CLASS: n = parse_class(p); break;
    case HL_TOK_TRY: n = parse_try(p); break;
    case HL_TOK_WITH: n = parse_with(p, &kw, false); break;
    case HL_TOK_AT: n = parse_decorated(p); break;
    case HL_TOK_ASYNC: {
        hl_tok next = peek(p)->kind;
        advance(p);
        if (next == HL_TOK_DEF) {
            n = parse_def(p, &kw, true);
        } else if (next == HL_TOK_FOR || next == HL_TOK_WITH) {
            n = next == HL_TOK_FOR ? parse_for(p, &kw) : parse_with(p, &kw, true);
            if (n) {
                if (next == HL_TOK_FOR && p->scope->kind != SCOPE_ASYNC_FUNCTION)
                    defer(p, STAGE_COMPILER, n, "'async for' outside async function");
                unsupported(p, n, "'async' statements are");
            }
        } else {
            invalid_syntax(p);
            return false;
        }
        break;
    }
    case HL_TOK_NAME:
        if (kw.len == 5 && memcmp(kw.text, "match", 5) == 0 && try_match(p, body)) return !p->failed;
        return parse_simple_stmts(p, body);
    default:
        return parse_simple_stmts(p, body);
    }
    return n && vec_push(p, body, n);
}

/* ---- the entry point ---- */

/* After a parser error, CPython reads the rest of the file: an error its tokenizer raises
 * there wins; one it only flags (indentation, a stray backslash, the end of input) stops the
 * reading, and then a bracket still open since before the line where parsing stopped wins. */
static void check_rest(parser *p) {
    int line = p->furthest_line;
    hl_token t;
    do t = hl_lexer_next(&p->lex);
    while (t.kind != HL_TOK_ENDMARKER && t.kind != HL_TOK_ERROR);
    hl_lexer *lex = &p->lex;
    if (t.kind == HL_TOK_ERROR && lex->error_raised) {
        p->error = lex->error;
        return;
    }
    if (lex->level > 0 && lex->paren_line[lex->level - 1] < line) {
        const char *msg = hl_lex_format(p->arena, "'%c' was never closed", lex->parens[lex->level - 1]);
        if (!msg) {
            p->error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
            return;
        }
        int pl = lex->paren_line[lex->level - 1];
        p->error = (hl_lang_error){HL_LANG_SYNTAX_ERROR, msg, pl, lex->paren_col[lex->level - 1] + 1, pl, 0};
    }
}

hl_parse_result hl_parse(const char *src, size_t len, const char *filename, hl_arena *arena) {
    hl_parse_result result = {0};
    size_t norm_len;
    char *norm = hl_lexer_normalize(src, len, filename, arena, &norm_len, &result.error);
    if (!norm) return result;
    parser *p = hl_arena_alloc(arena, sizeof *p);
    scope *module = p ? hl_arena_alloc(arena, sizeof *module) : NULL;
    if (!p || !module) {
        result.error = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
        return result;
    }
    memset(p, 0, sizeof *p);
    memset(module, 0, sizeof *module);
    module->kind = SCOPE_MODULE;
    module->nonlocals_tail = &module->nonlocals;
    p->scope = module;
    p->arena = arena;
    p->filename = filename;
    hl_lexer_init(&p->lex, norm, norm_len, arena);
    p->tok = lex_next(p);

    vec body = {0};
    while (!p->failed && !at(p, HL_TOK_ENDMARKER)) parse_statement(p, &body);
    settle_awaits(p);
    if (!p->failed) resolve_nonlocals(p, module);
    hl_ast_node *m = p->failed ? NULL : hl_ast_new(arena, HL_AST_MODULE, 1, 0, p->tok.line, 0);
    if (!p->failed && !m) fail_memory(p);

    if (p->failed) {
        if (p->check_rest) check_rest(p);
        result.error = p->error;
    } else {
        for (int stage = 0; stage < N_STAGES; stage++)
            if (p->deferred[stage].kind != HL_LANG_OK) {
                result.error = p->deferred[stage];
                break;
            }
    }
    if (result.error.kind == HL_LANG_OK) {
        m->u.module.body = as_list(body);
        hl_ast_set_height(m);
        result.module = m;
    }
    /* CPython reports character offsets; the parser counted bytes. */
    hl_lang_error *e = &result.error;
    if (e->kind != HL_LANG_OK) {
        e->col = hl_lex_char_offset(norm, norm + norm_len, e->line, e->col);
        e->end_col = hl_lex_char_offset(norm, norm + norm_len, e->end_line, e->end_col);
    }
    result.warnings = p->lex.warnings;
    return result;
}
